import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

/**
 * The .vsix minifies 20-odd third-party packages into its bundles, which strips their licence
 * comments: their notices must ship beside them (`dist/THIRD-PARTY-NOTICES.txt`, written by
 * `scripts/bundle.mjs` from esbuild's metafiles), and the CLI's runtime dependencies beside it
 * (`out/THIRD-PARTY-NOTICES.txt`, written by `npm run build`). npm test builds both first.
 */
const ROOT = path.join(__dirname, '..', '..');

function manifest(dir: string): { name: string; version: string; license?: string } {
  return JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8'));
}

/** `name version` headings, with the text up to the next heading. */
function sections(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(/^-{78}$/m).slice(1)) {
    const [heading, ...rest] = part.trim().split('\n');
    out.set(heading, rest.join('\n'));
  }
  return out;
}

describe('third-party notices', () => {
  it('list every package the extension bundles, with its licence and its licence text', () => {
    const bundled: string[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'bundled-packages.json'), 'utf8'));
    assert.ok(bundled.length >= 15, `the bundles hold ${bundled.length} packages`);
    const listed = sections(fs.readFileSync(path.join(ROOT, 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8'));
    for (const dir of bundled) {
      const { name, version, license } = manifest(dir);
      const section = listed.get(`${name} ${version}`);
      assert.ok(section, `${name} ${version} (${dir}) is listed`);
      assert.match(section!, new RegExp(`^License: ${license!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'), `${name}: its licence`);
      const files = fs.readdirSync(path.join(ROOT, dir)).filter((f) => /^(licen[cs]e|copying|notice|third-?party-?notices)(\.|-|$)/i.test(f));
      for (const file of files) {
        const firstLine = fs.readFileSync(path.join(ROOT, dir, file), 'utf8').trim().split('\n')[0];
        assert.ok(section!.includes(firstLine), `${name}: the text of ${file}`);
      }
    }
    // TypeScript's compiler is bundled inside @ts-morph/common, under its own licence.
    assert.match(listed.get(`@ts-morph/common ${manifest('node_modules/@ts-morph/common').version}`)!, /Copyright \(c\) Microsoft Corporation[\s\S]*Apache License, Version 2\.0/);
  });

  it('list every production dependency the CLI runs on', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; optional?: boolean; devOptional?: boolean }> };
    const listed = sections(fs.readFileSync(path.join(ROOT, 'out', 'THIRD-PARTY-NOTICES.txt'), 'utf8'));
    const production = Object.entries(lock.packages).filter(([dir, entry]) => dir && !entry.dev && !entry.optional && !entry.devOptional);
    assert.ok(production.length > 10);
    for (const [dir] of production) {
      const { name, version } = manifest(dir);
      assert.ok(listed.has(`${name} ${version}`), `${name} ${version} is listed`);
    }
  });

  it('ship in the .vsix', () => {
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listing = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    assert.equal(listing.status, 0, listing.stderr);
    assert.match(listing.stdout, /^dist\/THIRD-PARTY-NOTICES\.txt$/m);
    assert.match(listing.stdout, /^LICENSE$/m);
  });
});
