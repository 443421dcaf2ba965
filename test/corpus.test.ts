import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES, RULES_BY_ID } from '../rules';
import { Engine, SourceProject, defaultAnalysisOptions } from '../server/src/engine';

/**
 * Recall and precision on realistic code (test/corpus): every line holding a non-approved or
 * deprecated use carries `// expect: <rule-id>`; any other error or warning is a false positive.
 * `info` findings (legacy use that the policy still allows, e.g. 3DES decryption) are not
 * non-approved uses: they are counted apart. The bar is ≥ 90% recall and ≥ 95% precision on the
 * hash, cipher, mode, key-size and TLS categories.
 */
const CORPUS = path.join(__dirname, '..', '..', 'test', 'corpus');
const SCORED_CATEGORIES = new Set(['hash', 'cipher', 'mode', 'key-size', 'tls']);

interface Score {
  expected: number;
  found: number;
  truePositives: number;
  missed: string[];
  falsePositives: string[];
  infos: string[];
}

function score(filter: (ruleId: string) => boolean): Score {
  const engine = new Engine(RULES, new SourceProject());
  const result: Score = { expected: 0, found: 0, truePositives: 0, missed: [], falsePositives: [], infos: [] };
  for (const name of fs.readdirSync(CORPUS).sort()) {
    const file = path.join(CORPUS, name);
    const text = fs.readFileSync(file, 'utf8');
    const expected = new Set<string>();
    text.split('\n').forEach((line, index) => {
      const marker = /\/\/ expect: ([\w-]+(?:, *[\w-]+)*)/.exec(line);
      for (const ruleId of marker?.[1].split(/, */) ?? []) {
        assert.ok(RULES_BY_ID.has(ruleId), `${name}:${index + 1}: unknown rule ${ruleId}`);
        if (filter(ruleId)) expected.add(`${name}:${index + 1} ${ruleId}`);
      }
    });
    const analysis = engine.analyze(file, text, defaultAnalysisOptions({ asOf: '2026-06-01' }));
    assert.deepEqual(analysis.ruleFailures, []);
    const scored = analysis.findings.filter((f) => filter(f.ruleId));
    const found = new Set(scored.filter((f) => f.severity !== 'info').map((f) => `${name}:${f.line} ${f.ruleId}`));
    result.infos.push(...scored.filter((f) => f.severity === 'info').map((f) => `${name}:${f.line} ${f.ruleId}`));
    result.expected += expected.size;
    result.found += found.size;
    for (const key of expected) (found.has(key) ? result.truePositives++ : result.missed.push(key));
    for (const key of found) if (!expected.has(key)) result.falsePositives.push(key);
  }
  return result;
}

const pct = (n: number, d: number) => (d === 0 ? 1 : n / d);

describe('realistic corpus', () => {
  it('finds ≥ 90% of the non-approved uses in hash, cipher, mode, key-size and TLS with ≥ 95% precision', (t) => {
    const s = score((id) => SCORED_CATEGORIES.has(RULES_BY_ID.get(id)!.meta.category));
    const recall = pct(s.truePositives, s.expected);
    const precision = pct(s.truePositives, s.found);
    t.diagnostic(`scored categories: ${s.expected} expected, ${s.found} reported, recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}%`);
    if (s.missed.length) t.diagnostic(`missed: ${s.missed.join('; ')}`);
    if (s.falsePositives.length) t.diagnostic(`false positives: ${s.falsePositives.join('; ')}`);
    t.diagnostic(`info (legacy use, not scored): ${s.infos.join('; ') || 'none'}`);
    assert.ok(recall >= 0.9, `recall ${recall}; missed ${s.missed.join(', ')}`);
    assert.ok(precision >= 0.95, `precision ${precision}; false positives ${s.falsePositives.join(', ')}`);
  });

  it('keeps the same bar over every rule', (t) => {
    const s = score(() => true);
    const recall = pct(s.truePositives, s.expected);
    const precision = pct(s.truePositives, s.found);
    t.diagnostic(`all rules: ${s.expected} expected, ${s.found} reported, recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}%`);
    if (s.missed.length) t.diagnostic(`missed: ${s.missed.join('; ')}`);
    if (s.falsePositives.length) t.diagnostic(`false positives: ${s.falsePositives.join('; ')}`);
    assert.ok(recall >= 0.9 && precision >= 0.95);
  });
});
