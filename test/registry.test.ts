import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../rules';
import { PROJECT_URL } from '../server/src/engine';
import type { ProfileId } from '../server/src/engine';
import { lintCase } from './rule-tester';

const ROOT = path.join(__dirname, '..', '..');
const CATEGORIES = ['hash', 'mac', 'cipher', 'mode', 'key-size', 'key-agreement', 'signature', 'padding', 'kdf', 'random', 'tls', 'jwt', 'key-material', 'library'];

function codeBlocksUnder(markdown: string, heading: string): string[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith(heading));
  if (!section) return [];
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe('rule registry', () => {
  it('registers exactly the rule folders, each under its own id', () => {
    const folders = fs
      .readdirSync(path.join(ROOT, 'rules'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    assert.deepEqual(RULES.map((r) => r.meta.id).sort(), folders);
    assert.equal(new Set(RULES.map((r) => r.meta.id)).size, RULES.length, 'ids are unique');
  });

  for (const rule of RULES) {
    describe(rule.meta.id, () => {
      const page = path.join(ROOT, 'rules', rule.meta.id, 'README.md');
      it('has complete metadata', () => {
        assert.match(rule.meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        assert.ok(CATEGORIES.includes(rule.meta.category), `category ${rule.meta.category}`);
        assert.ok(rule.meta.description.length > 20);
        assert.match(rule.meta.reference, /§\d/, 'cites a section of fips-reference.md');
        assert.ok(rule.meta.standards.length > 0);
        assert.ok(rule.meta.apis.length > 0);
        assert.ok(fs.existsSync(path.join(ROOT, 'rules', rule.meta.id, 'cases.ts')), 'cases.ts');
      });
      it('has a documentation page whose examples behave as labelled', () => {
        const markdown = fs.readFileSync(page, 'utf8');
        assert.ok(markdown.startsWith(`# ${rule.meta.id}\n`), 'page title is the rule id');
        assert.ok(markdown.includes(rule.meta.description), 'page repeats the metadata description');
        const bad = codeBlocksUnder(markdown, '❌');
        const good = codeBlocksUnder(markdown, '✅');
        assert.ok(bad.length > 0 && good.length > 0, 'page has ❌ and ✅ examples');
        for (const code of bad) {
          const profile = (/--profile (\S+)/.exec(code)?.[1] ?? 'fips-140-3') as ProfileId;
          assert.ok(lintCase(rule, { code, profile }).length > 0, `❌ example should be reported:\n${code}`);
        }
        for (const code of good) assert.deepEqual(lintCase(rule, { code }).map((f) => f.message), [], `✅ example should be clean:\n${code}`);
      });
    });
  }

  it('lists every rule in README with a link to its page', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const rule of RULES) assert.ok(readme.includes(`](rules/${rule.meta.id}/README.md)`), `README links ${rule.meta.id}`);
    // The Fix column says what the rule's fixes are (safe, mixed, suggestion, none), as its metadata does.
    for (const rule of RULES) {
      const row = readme.split('\n').find((line) => line.startsWith(`| [${rule.meta.id}](rules/${rule.meta.id}/README.md) |`));
      assert.ok(row?.endsWith(`| ${rule.meta.fix} |`), `README's Fix column for ${rule.meta.id} is ${rule.meta.fix}: ${row}`);
    }
  });

  it('builds documentation links from package.json homepage', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { homepage: string };
    assert.equal(pkg.homepage, PROJECT_URL);
  });

  it('keeps the engine free of LSP and VS Code imports', () => {
    const engineDir = path.join(ROOT, 'server', 'src', 'engine');
    const files = fs.readdirSync(engineDir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length > 5);
    for (const file of files) {
      const text = fs.readFileSync(path.join(engineDir, file), 'utf8');
      assert.doesNotMatch(text, /from ['"](vscode|vscode-languageserver|vscode-languageclient)[^'"]*['"]/, `${file} imports LSP or VS Code`);
    }
  });
});

describe('rules that are off by default', () => {
  it('aws-fips-endpoint reports nothing in a plain scan, and runs when named with --rule', () => {
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'fipslint-offbydefault-'));
    try {
      fs.writeFileSync(path.join(dir, 'client.ts'), "import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({ region: 'us-gov-west-1' });\n");
      const cli = path.join(ROOT, 'bin', 'fipslint.js');
      const plain = spawnSync(process.execPath, [cli, '--format', 'json', dir], { encoding: 'utf8' });
      assert.equal(plain.status, 0, plain.stderr);
      assert.equal(JSON.parse(plain.stdout).summary.warnings, 0);
      const named = spawnSync(process.execPath, [cli, '--format', 'json', '--rule', 'aws-fips-endpoint', dir], { encoding: 'utf8' });
      const findings = JSON.parse(named.stdout).files.flatMap((f: { findings: Array<{ ruleId: string; line: number }> }) => f.findings);
      assert.deepEqual(findings.map((f: { ruleId: string; line: number }) => `${f.line} ${f.ruleId}`), ['2 aws-fips-endpoint']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
