import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../server/src/cli/main';
import { analyzeChecked, seededRandom } from './invariants';

/**
 * The bad-input corpus: broken, hostile and huge inputs, each run through the engine with the
 * invariants of `invariants.ts`. A hang (for example a regular expression that backtracks) shows
 * as the test's timeout, not as a speed assertion.
 */
const CORPUS = path.join(__dirname, '..', '..', 'test', 'corpus');
const HANG_GUARD = { timeout: 120_000 };

/** The corpus's source files, its projects' folders included, as paths relative to it. */
function corpusFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? corpusFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : /\.[cm]?[jt]sx?$/.test(e.name) ? [`${prefix}${e.name}`] : []));
}

let tried = 0;
let slowest = { ms: 0, what: '' };
const check = (text: string, fileName = '/input/file.ts', overrides?: Parameters<typeof analyzeChecked>[2]) => {
  tried++;
  const started = performance.now();
  const result = analyzeChecked(text, fileName, overrides);
  const ms = performance.now() - started;
  if (ms > slowest.ms) slowest = { ms, what: `${fileName} (${text.length.toLocaleString('en')} chars${overrides?.maxFileChars === 0 ? ', no size limit' : ''})` };
  return result;
};

describe('hostile input: engine', () => {
  // Figures for the record (not assertions: speed is the benchmark's business).
  after(() => console.log(`# hostile inputs tried: ${tried}; slowest: ${slowest.what}, ${Math.round(slowest.ms)} ms including its fixes' re-analysis`));

  it('truncated and mutated real files: every prefix and 60 byte-level mutations of each corpus file', HANG_GUARD, () => {
    const random = seededRandom(20261203);
    for (const name of corpusFiles(CORPUS)) {
      const text = fs.readFileSync(path.join(CORPUS, name), 'utf8');
      const fileName = `/input/${name}`;
      for (let i = 1; i <= 40; i++) check(text.slice(0, Math.floor((text.length * i) / 41)), fileName);
      for (let i = 0; i < 60; i++) {
        const at = Math.floor(random() * text.length);
        const span = 1 + Math.floor(random() * 40);
        const kind = i % 4;
        const junk = ['(', ')', '{', '}', '`', "'", '"', '/*', '*/', '//', '\n', ',', '=>', '...', '\u0000', '\uD83D', '\\'][Math.floor(random() * 17)];
        const mutated =
          kind === 0
            ? text.slice(0, at) + text.slice(at + span) // delete
            : kind === 1
              ? text.slice(0, at) + junk + text.slice(at) // insert a token that breaks nesting
              : kind === 2
                ? text.slice(0, at) + text.slice(at, at + span).repeat(3) + text.slice(at + span) // duplicate
                : text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0xffff)) + text.slice(at + 1); // replace one code unit
        check(mutated, fileName);
      }
    }
  });

  it('random bytes and binary files with a .js name', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 50; i++) {
      const bytes = Buffer.from(Array.from({ length: 256 + Math.floor(random() * 8192) }, () => Math.floor(random() * 256)));
      check(`crypto.createHash(${bytes.toString('latin1')}`, `/input/blob${i}.js`);
      check(`require('crypto')${bytes.toString('utf8')}`, `/input/blob${i}.js`);
    }
  });

  it('a 10 MB minified bundle on one line: not parsed by default, analysed with no limit', HANG_GUARD, () => {
    const chunk = 'var a=require("crypto").createHash("sha256"),b="x".repeat(3);function f(c){return c+a+b}';
    const text = chunk.repeat(Math.ceil((10 * 1024 * 1024) / chunk.length)) + 'var t=require("crypto").createHash("md5");';
    assert.ok(text.length >= 10 * 1024 * 1024 && !text.includes('\n'));
    const limited = check(text, '/input/bundle.min.js');
    assert.deepEqual(limited.tooLarge, { chars: text.length, limit: 2 * 1024 * 1024 });
    const full = check(text, '/input/bundle.min.js', { maxFileChars: 0 });
    assert.deepEqual(
      full.findings.map((f) => [f.ruleId, f.line, f.column]),
      [['hash-algorithm', 1, text.lastIndexOf('"md5"') + 1]],
    );
  });

  it('10,000-deep nesting (parentheses, arrays, calls, concatenation, ternaries, template literals) never escapes as an exception', HANG_GUARD, () => {
    const deep = 10_000;
    const inputs = [
      `const crypto = require('crypto');\ncrypto.createHash(${'('.repeat(deep)}'md5'${')'.repeat(deep)});`,
      `const crypto = require('crypto');\nconst x = ${'['.repeat(deep)}${']'.repeat(deep)};\ncrypto.createHash('md5');`,
      `const crypto = require('crypto');\nconst y = ${'f('.repeat(deep)}1${')'.repeat(deep)};\ncrypto.createHash('md5');`,
      `const crypto = require('crypto');\nconst alg = ${Array.from({ length: deep }, () => "'m'").join(' + ')};\ncrypto.createHash(alg);`,
      `const crypto = require('crypto');\nconst alg = ${'c ? '.repeat(deep)}'md5'${" : 'sha256'".repeat(deep)};\ncrypto.createHash(alg);`,
      `const crypto = require('crypto');\nconst t = ${'`${'.repeat(2000)}'md5'${'}`'.repeat(2000)};\ncrypto.createHash(t);`,
    ];
    for (const text of inputs) {
      const result = check(text, '/input/deep.js');
      // Either analysed, or refused with a reason; never a crash and never a rule failure.
      if (result.failure) assert.match(result.failure, /nested too deeply|internal error/);
    }
  });

  it('very long strings, cipher lists, identifiers and comments (no super-linear regular expression)', HANG_GUARD, () => {
    const long = 'A'.repeat(1_000_000);
    check(`const crypto = require('crypto');\ncrypto.createHash('${long}');\n`, '/input/long.js');
    check(`const tls = require('tls');\ntls.connect({ ciphers: '${'ECDHE-RSA-AES128-GCM-SHA256:'.repeat(40_000)}RC4-SHA' });\n`, '/input/ciphers.js');
    check(`const tls = require('tls');\ntls.connect({ ciphers: '${':'.repeat(200_000)}!${'-'.repeat(200_000)}' });\n`, '/input/colons.js');
    check(`// fipslint-disable-next-line ${'until '.repeat(50_000)}-- ${'x'.repeat(100_000)}\nrequire('crypto').createHash('md5');\n`, '/input/comment.js');
    check(`const ${'tokenSecretKey'.repeat(20_000)} = Math.random();\n`, '/input/ident.js');
    check(`const { Pool } = require('pg');\nnew Pool({ connectionString: 'postgres://h/db?${'a=b&'.repeat(100_000)}sslmode=no-verify' });\n`, '/input/url.js');
    check(`const jwt = require('jsonwebtoken');\njwt.verify(t, k, { algorithms: [${Array.from({ length: 20_000 }, () => "'HS256'").join(',')}] });\n`, '/input/algs.js');
  });

  it('CRLF, BOM, tabs and astral characters before a finding: columns in UTF-16 code units', () => {
    const text = "\uFEFF\r\nconst crypto = require('crypto');\r\n\t\t/* 𝒳𝒴 */ const s = '😀😀'; crypto.createHash('md5');\r\n";
    const [finding] = check(text, '/input/crlf.js').findings;
    assert.equal(finding.line, 3);
    assert.equal(finding.column, text.slice(text.lastIndexOf('\n', finding.start) + 1, finding.start).length + 1);
    assert.equal(text.slice(finding.start, finding.end), "'md5'");
  });
});

describe('hostile input: CLI on a hostile tree', () => {
  let tree: string;
  before(() => {
    tree = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-hostile-'));
    fs.mkdirSync(path.join(tree, 'src'));
    fs.writeFileSync(path.join(tree, 'src', 'ok.js'), "require('crypto').createHash('md5');\n");
    fs.writeFileSync(path.join(tree, 'src', 'latin1.js'), Buffer.from("// caf\xe9 r\xe9sum\xe9\nrequire('crypto').createHash('md5');\n", 'latin1'));
    fs.writeFileSync(path.join(tree, 'src', 'utf16.js'), Buffer.from("\ufeffrequire('crypto').createHash('md5');\n", 'utf16le'));
    fs.writeFileSync(path.join(tree, 'src', 'binary.js'), Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 131) % 256)));
    fs.symlinkSync('..', path.join(tree, 'src', 'loop'));
    fs.symlinkSync(path.join(tree, 'src', 'gone.js'), path.join(tree, 'src', 'dangling.js'));
    fs.mkdirSync(path.join(tree, 'src', 'folder.js'));
    fs.writeFileSync(path.join(tree, 'src', 'folder.js', 'inner.ts'), "import { createHash } from 'crypto';\ncreateHash('md5');\n");
  });
  after(() => fs.rmSync(tree, { recursive: true, force: true }));

  it('scans what it can, names what it cannot, and stops on nothing; a path it could not read makes the scan incomplete (exit 2)', () => {
    let stdout = '';
    let stderr = '';
    const code = runCli(['--format', 'json', 'src'], { cwd: tree, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    assert.equal(code, 2, 'the dangling link could not be read: the scan is incomplete');
    const report = JSON.parse(stdout);
    assert.equal(report.summary.files, 5, 'binary.js, folder.js/inner.ts, latin1.js, ok.js, utf16.js');
    assert.equal(report.complete, false);
    assert.deepEqual(report.notRead, [{ path: 'src/dangling.js', reason: 'a symbolic link to a file that does not exist' }]);
    const files = report.files.map((f: { file: string; findings: unknown[] }) => `${f.file}:${f.findings.length}`).sort();
    assert.deepEqual(files, ['src/folder.js/inner.ts:1', 'src/latin1.js:1', 'src/ok.js:1', 'src/utf16.js:1'], 'UTF-16 with a BOM is decoded; latin1 bytes still lint');
    assert.match(stderr, /not read: .*dangling\.js: a symbolic link to a file that does not exist/);
    assert.doesNotMatch(stderr, /loop/, 'a symbolic link loop is not followed');
    const allowed = runCli(['--allow-incomplete', 'src'], { cwd: tree, stdout: () => undefined, stderr: () => undefined });
    assert.equal(allowed, 1, 'with --allow-incomplete the findings decide the exit code');
  });

  it('skips a file deleted between listing and reading, and says so', () => {
    const victim = path.join(tree, 'src', 'ok.js');
    // The module object itself (the CLI reads through it): the file vanishes after discovery listed it.
    const nodeFs = require('node:fs') as { openSync: (...args: unknown[]) => unknown };
    const original = nodeFs.openSync;
    let stderr = '';
    nodeFs.openSync = (file: unknown, ...rest: unknown[]) => {
      if (file === victim) throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
      return original(file, ...rest);
    };
    try {
      const code = runCli(['--allow-incomplete', 'src'], { cwd: tree, stdout: () => undefined, stderr: (t) => (stderr += t) });
      assert.equal(code, 1, 'the other files are still linted');
    } finally {
      nodeFs.openSync = original;
    }
    assert.match(stderr, /skipped .*ok\.js: it was deleted during the scan/);
  });
});
