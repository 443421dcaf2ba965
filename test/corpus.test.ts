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
 * non-approved uses: they are counted apart. The bar is ≥ 95% recall and ≥ 97% precision over all
 * categories, and in each category on its own.
 */
const CORPUS = path.join(__dirname, '..', '..', 'test', 'corpus');

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
  it('finds ≥ 95% of the non-approved uses in every category with ≥ 97% precision', (t) => {
    const s = score(() => true);
    const recall = pct(s.truePositives, s.expected);
    const precision = pct(s.truePositives, s.found);
    t.diagnostic(`all rules: ${s.expected} expected, ${s.found} reported, recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}%`);
    if (s.missed.length) t.diagnostic(`missed: ${s.missed.join('; ')}`);
    if (s.falsePositives.length) t.diagnostic(`false positives: ${s.falsePositives.join('; ')}`);
    t.diagnostic(`info (legacy use, not scored): ${s.infos.join('; ') || 'none'}`);
    assert.ok(recall >= 0.95, `recall ${recall}; missed ${s.missed.join(', ')}`);
    assert.ok(precision >= 0.97, `precision ${precision}; false positives ${s.falsePositives.join(', ')}`);
  });

  it('keeps the bar in each category on its own', (t) => {
    const categories = [...new Set(RULES.map((r) => r.meta.category))];
    for (const category of categories) {
      const s = score((id) => RULES_BY_ID.get(id)!.meta.category === category);
      if (s.expected === 0 && s.found === 0) continue;
      const recall = pct(s.truePositives, s.expected);
      const precision = pct(s.truePositives, s.found);
      t.diagnostic(`${category}: ${s.expected} expected, ${s.found} reported, recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}%`);
      assert.ok(recall >= 0.95 && precision >= 0.97, `${category}: recall ${recall}, precision ${precision}; missed ${s.missed.join(', ')}; false positives ${s.falsePositives.join(', ')}`);
    }
  });
});
