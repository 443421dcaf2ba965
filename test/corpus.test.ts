import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES, RULES_BY_ID } from '../rules';
import { Engine, SourceProject, defaultAnalysisOptions, optionsForFile, type FileAnalysis } from '../server/src/engine';

/**
 * Recall and precision on realistic code (test/corpus): every line holding a non-approved or
 * deprecated use carries `// expect: <rule-id>`; any other error or warning is a false positive.
 * `info` findings (legacy use that the policy still allows, e.g. 3DES decryption) are not
 * non-approved uses: they are counted apart. The bar is ≥ 95% recall and ≥ 97% precision over all
 * categories, and in each category on its own.
 *
 * The files at the top are single modules. Each folder is a project of its own (a driver, a
 * service, an SDK), analysed with its files as the project, so values cross its modules; files
 * under its `test/` folder or named `*.test.*` are test code. A line whose crypto call takes a
 * value known only at run time carries `// unresolved: <part of the reason>`.
 */
const CORPUS = path.join(__dirname, '..', '..', 'test', 'corpus');

interface CorpusProject {
  root: string;
  files: string[];
}

/** The top-level files as one project, and each folder as a project of its own. */
function corpusProjects(): CorpusProject[] {
  const entries = fs.readdirSync(CORPUS, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const single: CorpusProject = { root: CORPUS, files: entries.filter((e) => e.isFile()).map((e) => path.join(CORPUS, e.name)) };
  const folders = entries.filter((e) => e.isDirectory()).map((e) => ({ root: path.join(CORPUS, e.name), files: filesUnder(path.join(CORPUS, e.name)) }));
  return [single, ...folders];
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Every corpus file's analysis, with its text, under the project it belongs to. */
function analyseCorpus(): Array<{ name: string; text: string; analysis: FileAnalysis }> {
  const out: Array<{ name: string; text: string; analysis: FileAnalysis }> = [];
  for (const project of corpusProjects()) {
    const engine = new Engine(RULES, new SourceProject());
    engine.project.setProjectFiles(() => project.files);
    for (const file of project.files) {
      const text = fs.readFileSync(file, 'utf8');
      const { options } = optionsForFile(undefined, file, defaultAnalysisOptions({ asOf: '2026-06-01', unresolved: true }), project.root);
      out.push({ name: path.relative(CORPUS, file).split(path.sep).join('/'), text, analysis: engine.analyze(file, text, options) });
    }
  }
  return out;
}

let analysed: ReturnType<typeof analyseCorpus> | undefined;
const corpus = () => (analysed ??= analyseCorpus());

interface Score {
  expected: number;
  found: number;
  truePositives: number;
  missed: string[];
  falsePositives: string[];
  infos: string[];
}

function score(filter: (ruleId: string) => boolean): Score {
  const result: Score = { expected: 0, found: 0, truePositives: 0, missed: [], falsePositives: [], infos: [] };
  for (const { name, text, analysis } of corpus()) {
    const expected = new Set<string>();
    text.split('\n').forEach((line, index) => {
      const marker = /\/\/ expect: ([\w-]+(?:, *[\w-]+)*)/.exec(line);
      for (const ruleId of marker?.[1].split(/, */) ?? []) {
        assert.ok(RULES_BY_ID.has(ruleId), `${name}:${index + 1}: unknown rule ${ruleId}`);
        if (filter(ruleId)) expected.add(`${name}:${index + 1} ${ruleId}`);
      }
    });
    assert.deepEqual(analysis.ruleFailures, [], name);
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

  it('lists every call whose deciding value is known only at run time, and no other', (t) => {
    const expected = new Map<string, string>();
    const listed = new Map<string, string>();
    for (const { name, text, analysis } of corpus()) {
      text.split('\n').forEach((line, index) => {
        const marker = /\/\/ unresolved: (.+?)\s*$/.exec(line);
        if (marker) expected.set(`${name}:${index + 1}`, marker[1]);
      });
      for (const site of analysis.unresolved ?? []) listed.set(`${name}:${site.line}`, `${site.what} ${site.reason}`);
    }
    const missed = [...expected].filter(([key, part]) => !listed.get(key)?.includes(part)).map(([key, part]) => `${key} (${part}): ${listed.get(key) ?? 'not listed'}`);
    const unexpected = [...listed].filter(([key]) => !expected.has(key)).map(([key, reason]) => `${key}: ${reason}`);
    t.diagnostic(`${expected.size} marked, ${listed.size} listed`);
    assert.deepEqual({ missed, unexpected }, { missed: [], unexpected: [] });
  });

  it('marks findings in test code as such, and only those', () => {
    const wrong: string[] = [];
    for (const { name, analysis } of corpus()) {
      const isTest = /(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(name.split('/').slice(1).join('/')) && name.includes('/');
      for (const f of analysis.findings) if (!!f.test !== isTest) wrong.push(`${name}:${f.line} ${f.ruleId} test=${!!f.test}`);
    }
    assert.deepEqual(wrong, []);
  });
});
