import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../rules';
import { policyMarkdown } from '../server/src/engine/policy/document';
import { DIGESTS } from '../server/src/engine/policy/digests';
import { CURVES } from '../server/src/engine/policy/curves';
import { JOSE_ALGORITHMS } from '../server/src/engine/policy/jose';
import { CRYPTO_LIBRARIES } from '../server/src/engine/policy/schemes';

/** docs/policy.md is the engine's tables written out: users read it instead of a reference they do not have. */
const ROOT = path.join(__dirname, '..', '..');

describe('docs/policy.md', () => {
  const page = fs.readFileSync(path.join(ROOT, 'docs', 'policy.md'), 'utf8');

  it('is exactly what the tables generate (npm run policy-doc)', () => {
    assert.equal(page, policyMarkdown());
  });

  it('has a row for every digest, curve and JOSE name, with each profile judged', () => {
    for (const digest of DIGESTS) assert.match(page, new RegExp(`^\\| \\*\\*${digest.display.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\*\\* \\|`, 'm'), digest.display);
    for (const curve of CURVES) assert.ok(page.includes(`| **${curve.display}** |`), curve.display);
    for (const name of Object.keys(JOSE_ALGORITHMS)) assert.ok(page.includes(`| **${name}** |`), name);
    assert.match(page, /\| \*\*Triple DES \(3-key TDEA\)\*\* \| encrypt, sign, generate: DEPR → NO from 2024-01-01<br>decrypt, verify: LEGACY \|/);
    assert.match(page, /\| \*\*2048\*\* \| OK → DEPR from 2031-01-01 → NO from 2036-01-01 \|/);
  });

  it('lists every package the library rules look at, and only those', () => {
    const listed = Object.values(CRYPTO_LIBRARIES).flatMap((l) => l.packages.map((p) => ({ p, rule: l.rule })));
    for (const id of new Set(listed.map((l) => l.rule))) {
      const rule = RULES.find((r) => r.meta.id === id);
      assert.ok(rule, id);
      const packages = new Set(rule.meta.apis.map((api) => (api.startsWith('@') ? api.split('.')[0].split('/')[0] + '/' : api.split('.')[0])));
      const mine = listed.filter((l) => l.rule === id).map((l) => l.p);
      assert.deepEqual([...packages].sort(), [...mine].sort(), `${id}: packages in its APIs vs the policy table`);
    }
    assert.match(page, /\| \*\*scrypt\*\* \| `crypto\.scrypt`.* \| NO \| NO \| NO \| .* \| throws \|/);
    assert.match(page, /\| Iterations \| 1000 \| SP 800-132 §5\.2 \|/);
  });

  it('is what every rule page links to, and nothing points users at the internal reference', () => {
    const anchors = new Set([...page.matchAll(/^#+ (.+)$/gm)].map((m) => m[1].toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')));
    for (const rule of RULES) {
      const readme = fs.readFileSync(path.join(ROOT, 'rules', rule.meta.id, 'README.md'), 'utf8');
      const links = [...readme.matchAll(/\]\(\.\.\/\.\.\/docs\/policy\.md#([^)]+)\)/g)].map((m) => m[1]);
      assert.ok(links.length > 0, `${rule.meta.id} links to the policy`);
      for (const anchor of links) assert.ok(anchors.has(anchor), `${rule.meta.id}: #${anchor} exists`);
      assert.doesNotMatch(readme, /fips-reference\.md/, rule.meta.id);
    }
    assert.doesNotMatch(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), /shared\/docs\/fips-reference\.md|reference §/);
  });
});
