import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { RULES } from '../rules';
import { Engine, SourceProject, defaultAnalysisOptions, type AnalysisOptions, type FileAnalysis } from '../server/src/engine';
import { removeTempTrees, tempTree } from './temp-tree';

/**
 * After an edit, the engine re-runs only the statements the edit can have changed and carries
 * the others' findings over (`incremental.ts`). Whatever the edit, the result must be exactly
 * what a fresh engine finds in the new text: these tests compare the two after every edit.
 */
const ROOT = path.join(__dirname, '..', '..');
const OPTIONS: AnalysisOptions = defaultAnalysisOptions({ asOf: '2026-06-01' });
/** Edits per corpus file; `FIPSLINT_INCREMENTAL_EDITS` runs more (and `FIPSLINT_INCREMENTAL_SEED` other sequences) by hand. */
const EDITS = Number(process.env.FIPSLINT_INCREMENTAL_EDITS ?? 40);
const SEED = Number(process.env.FIPSLINT_INCREMENTAL_SEED ?? 20261204);

/** What a user sees of an analysis: findings (with related locations and fixes) and suppressions. */
function visible(result: FileAnalysis) {
  return { findings: result.findings, suppressions: result.suppressions, failures: result.ruleFailures, skipped: result.skipped };
}

function fresh(fileName: string, text: string, files: Record<string, string> = {}): FileAnalysis {
  const engine = new Engine(RULES, new SourceProject(hostOf(files)));
  return engine.analyze(fileName, text, OPTIONS);
}

function hostOf(files: Record<string, string>) {
  return { readFile: (name: string) => files[name], listDirectory: (dir: string) => Object.keys(files).filter((f) => path.dirname(f) === dir).map((f) => path.basename(f)) };
}

/** An engine that keeps the last analysis of a file for its next version, as the language server's does. */
function editingEngine(): Engine {
  return new Engine(RULES, new SourceProject(hostOf({})), { keepForEdits: 1 });
}

/** Analyses `text`, then `edited` with the same engine, and checks the second result is a fresh analysis's. */
function analyzeEdit(engine: Engine, fileName: string, text: string, edited: string): FileAnalysis {
  engine.analyze(fileName, text, OPTIONS);
  const result = engine.analyze(fileName, edited, OPTIONS);
  assert.deepEqual(visible(result), visible(fresh(fileName, edited)), edited);
  return result;
}

/** A deterministic pseudo-random sequence (mulberry32), so a failure names an edit that can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["'md5'", "'sha256'", "'des-ede3-cbc'", "'aes-256-gcm'", "'TLSv1'", "'TLSv1.3'", '1024', '4096', 'false', 'true', "'none'", "'HS256'"];

/** One edit of the kinds typing makes: a character, a deleted slice, a value swapped, a line duplicated or removed. */
function randomEdit(text: string, next: () => number): { start: number; end: number; insert: string } {
  const at = Math.floor(next() * (text.length + 1));
  const kind = Math.floor(next() * 6);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at) + 1;
  switch (kind) {
    case 0:
      return { start: at, end: at, insert: ' x;(){}\'"\n'[Math.floor(next() * 11)] };
    case 1:
      return { start: at, end: Math.min(text.length, at + 1 + Math.floor(next() * 12)), insert: '' };
    case 2: {
      const literal = /'[^'\n]*'|\b\d+\b|\btrue\b|\bfalse\b/g;
      literal.lastIndex = at;
      const match = literal.exec(text) ?? literal.exec(text.slice(0));
      if (!match) return { start: at, end: at, insert: 'z' };
      return { start: match.index, end: match.index + match[0].length, insert: WORDS[Math.floor(next() * WORDS.length)] };
    }
    case 3:
      return { start: lineStart, end: lineStart, insert: text.slice(lineStart, lineEnd) };
    case 4:
      return { start: lineStart, end: lineEnd, insert: '' };
    default:
      return { start: at, end: at, insert: '\n' };
  }
}

after(() => removeTempTrees());

describe('incremental analysis after an edit', () => {
  it('finds exactly what a fresh analysis finds, after each of a series of random edits to each corpus file', () => {
    const corpus = path.join(ROOT, 'test', 'corpus');
    const files = fs.readdirSync(corpus).filter((f) => /\.[jt]s$/.test(f));
    assert.ok(files.length >= 15);
    let reused = 0;
    let statementsRun = 0;
    let statementsTotal = 0;
    for (const [fileIndex, name] of files.entries()) {
      const fileName = path.join(corpus, name);
      const engine = new Engine(RULES, new SourceProject(hostOf({})), { keepForEdits: 4 });
      let text = fs.readFileSync(fileName, 'utf8');
      engine.analyze(fileName, text, OPTIONS);
      const next = random(SEED + fileIndex);
      for (let step = 0; step < EDITS; step++) {
        const edit = randomEdit(text, next);
        text = text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
        const incremental = engine.analyze(fileName, text, OPTIONS);
        assert.deepEqual(visible(incremental), visible(fresh(fileName, text)), `${name}, edit ${step + 1}: ${JSON.stringify(edit)}`);
        if (engine.lastRun && engine.lastRun.ran < engine.lastRun.statements) {
          reused++;
          statementsRun += engine.lastRun.ran;
          statementsTotal += engine.lastRun.statements;
        }
      }
    }
    // The point of it: most edits run a fraction of the file.
    assert.ok(reused > (files.length * EDITS) / 2, `only ${reused} edits reused earlier results`);
    assert.ok(statementsRun < statementsTotal / 2, `edits ran ${statementsRun} of ${statementsTotal} statements`);
  });

  it('typing inside one statement runs that statement only, and the findings elsewhere are the same objects when nothing moved', () => {
    const fileName = '/p/service.ts';
    const text = [
      "import { createHash, createCipheriv } from 'node:crypto';",
      "export const label = 'draft';",
      "export const digest = (s: string) => createHash('md5').update(s).digest('hex');",
      "export const wrap = (k: Buffer, iv: Buffer) => createCipheriv('des-ede3-cbc', k, iv);",
      '',
    ].join('\n');
    const engine = editingEngine();
    const first = engine.analyze(fileName, text, OPTIONS);
    assert.equal(first.findings.length, 2);
    // Same length: 'draft' → 'final'.
    const second = engine.analyze(fileName, text.replace('draft', 'final'), OPTIONS);
    assert.deepEqual(engine.lastRun, { statements: 4, ran: 1 });
    assert.equal(second.findings[0], first.findings[0]);
    assert.equal(second.findings[1], first.findings[1]);
    // Longer: the later findings move with the text.
    const longer = text.replace('draft', 'final draft');
    const third = engine.analyze(fileName, longer, OPTIONS);
    assert.deepEqual(visible(third), visible(fresh(fileName, longer)));
    assert.equal(third.findings[0].start, longer.indexOf("'md5'"));
  });

  it('a same-length edit that moves a line break moves the columns of findings later on that line', () => {
    const fileName = '/p/lines.ts';
    // '(\n1)' → '(1\n)': same length, same number of lines, but line 3 now starts one character later.
    const text = "import { createHash } from 'node:crypto';\nconsole.log(\n1); createHash('md5');\n";
    const result = analyzeEdit(editingEngine(), fileName, text, text.replace('(\n1)', '(1\n)'));
    assert.equal(result.findings.length, 1);
  });

  it('an edited constant re-runs the statements that read it, through other constants and function calls', () => {
    const fileName = '/p/flow.ts';
    const text = [
      "import { createHash } from 'node:crypto';",
      "const BASE = 'md5';",
      'const DIGEST = BASE;',
      'function hashWith(algorithm: string, body: string) {',
      '  return createHash(algorithm).update(body).digest();',
      '}',
      'export function checksum(body: string) {',
      '  return hashWith(DIGEST, body);',
      '}',
      "export const unrelated = 'x';",
      '',
    ].join('\n');
    const engine = editingEngine();
    assert.equal(engine.analyze(fileName, text, OPTIONS).findings.length, 1);
    for (const edited of [text.replace("'md5'", "'sha256'"), text.replace('hashWith(DIGEST', "hashWith('sha1'"), text.replace('const DIGEST = BASE;', "const DIGEST = 'sha512';")]) {
      analyzeEdit(engine, fileName, text, edited);
      assert.ok(engine.lastRun!.ran < engine.lastRun!.statements, 'the unrelated export is carried over');
    }
  });

  it('a write in another statement (a property written after the object, a later option write) is seen', () => {
    const fileName = '/p/writes.js';
    const text = [
      "const crypto = require('crypto');",
      "const settings = { digest: 'sha256' };",
      'function sign(data) { return crypto.createHash(settings.digest).update(data).digest(); }',
      "const options = { minVersion: 'TLSv1.2' };",
      "const tls = require('tls');",
      'tls.connect(443, options);',
      "module.exports = { sign, label: 'a' };",
      '',
    ].join('\n');
    const engine = editingEngine();
    const edits = [text.replace("const settings = { digest: 'sha256' };", "const settings = { digest: 'sha256' };\nsettings.digest = 'md5';"), text.replace('tls.connect(443, options);', "options.minVersion = 'TLSv1';\ntls.connect(443, options);")];
    for (const edited of edits) {
      assert.equal(fresh(fileName, text).findings.length, 0);
      assert.equal(analyzeEdit(engine, fileName, text, edited).findings.length, 1, `one finding after: ${edited}`);
    }
  });

  it('a changed module the file imports is read again: nothing stale is carried over', () => {
    const dir = tempTree('fipslint-incremental-', {
      'settings.ts': "export const DIGEST = 'sha256';\n",
      'app.ts': "import { createHash } from 'node:crypto';\nimport { DIGEST } from './settings';\nexport const label = 'a';\nexport const h = (s: string) => createHash(DIGEST).update(s).digest();\n",
    });
    const project = new SourceProject();
    const engine = new Engine(RULES, project, { keepForEdits: 1 });
    const app = path.join(dir, 'app.ts');
    const text = fs.readFileSync(app, 'utf8');
    assert.equal(engine.analyze(app, text, OPTIONS).findings.length, 0);
    // The module changes (an unsaved buffer of another editor), then the file is edited elsewhere.
    project.setOverlay(path.join(dir, 'settings.ts'), "export const DIGEST = 'md5';\n");
    const result = engine.analyze(app, text.replace("'a'", "'b'"), OPTIONS);
    assert.equal(result.findings.length, 1);
    assert.match(result.findings[0].message, /MD5/);
  });
});
