import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RULES } from '../rules';
import { writeFixedFile } from '../server/src/cli/write-file';
import { runCli } from '../server/src/cli/main';
import { assertValidSarif } from './sarif-schema';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'project');

function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

let workspace: string;

before(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-cli-'));
  fs.cpSync(FIXTURE, workspace, { recursive: true });
  // What a scan must skip: dependencies and git-ignored output.
  fs.mkdirSync(path.join(workspace, 'node_modules', 'left-pad'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'node_modules', 'left-pad', 'index.js'), "require('crypto').createHash('md5');\n");
  fs.mkdirSync(path.join(workspace, 'dist'));
  fs.writeFileSync(path.join(workspace, 'dist', 'bundle.js'), "require('crypto').createHash('md5');\n");
  fs.writeFileSync(path.join(workspace, '.gitignore'), 'dist/\n');
});

after(() => fs.rmSync(workspace, { recursive: true, force: true }));

describe('fipslint CLI', () => {
  it('prints ESLint-style lines and a summary, and exits 1 on errors', () => {
    const { code, stdout } = run(['.'], workspace);
    assert.equal(code, 1);
    const lines = stdout.trim().split('\n');
    const findingLines = lines.filter((l) => /^\S+:\d+:\d+ {2}(error|warning|info) {2}/.test(l));
    assert.equal(findingLines.length, 12);
    assert.match(findingLines[0], /^src\/config\.ts:3:51 {2}error {2}rejectUnauthorized: false .* {2}tls-certificate-validation$/);
    assert.match(findingLines[1], /^src\/index\.ts:10:21 {2}error {2}createHash uses MD5.* {2}hash-algorithm$/);
    assert.match(stdout, /✖ 12 problems \(\d+ errors, \d+ warnings?, \d+ infos?\) in 7 files scanned\./);
    assert.doesNotMatch(stdout, /node_modules|dist\/bundle/);
  });

  it('skips a file over --max-file-size with one line that names it, and analyses it with --max-file-size 0', () => {
    const big = path.join(workspace, 'vendor-big.js');
    fs.writeFileSync(big, `require('crypto').createHash('md5');\n${'// generated\n'.repeat(20_000)}`);
    try {
      const skipped = run(['--max-file-size', '100kb', 'vendor-big.js'], workspace);
      assert.equal(skipped.code, 0);
      assert.match(skipped.stderr, /^fipslint: skipped .*vendor-big\.js: 254 KB is over the 100 KB limit for one file .*--max-file-size 0 analyses it\n$/);
      assert.match(skipped.stdout, /1 file over --max-file-size not analysed/);
      const json = JSON.parse(run(['--max-file-size', '100kb', '--format', 'json', 'vendor-big.js'], workspace).stdout);
      assert.deepEqual(json.files[0].notAnalysed, { reason: 'too-large', chars: 260_037, limit: 102_400 });
      const analysed = run(['--max-file-size', '0', 'vendor-big.js'], workspace);
      assert.equal(analysed.code, 1);
      assert.match(analysed.stdout, /vendor-big\.js:1:30 {2}error {2}createHash uses MD5/);
      assert.equal(run(['--max-file-size', 'huge', 'vendor-big.js'], workspace).code, 2);
    } finally {
      fs.rmSync(big);
    }
  });

  it('exits 0 with a clean report on approved code', () => {
    const { code, stdout } = run(['src/clean.ts'], workspace);
    assert.equal(code, 0);
    assert.equal(stdout, '✔ No FIPS problems in 1 file.\n');
  });

  it('writes JSON whose summary matches its findings', () => {
    const { code, stdout } = run(['--format', 'json', 'src'], workspace);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.profile, 'fips-140-3');
    const findings = report.files.flatMap((f: { findings: unknown[] }) => f.findings);
    assert.equal(findings.length, report.summary.errors + report.summary.warnings + report.summary.infos);
    const first = findings.find((f: { file: string }) => f.file === 'src/index.ts');
    assert.equal(first.file, 'src/index.ts');
    assert.equal(first.ruleId, 'hash-algorithm');
    assert.equal(first.docs, 'https://github.com/fipslint/fipslint/blob/main/rules/hash-algorithm/README.md');
    assert.equal(first.related[0].file, 'src/config.ts');
  });

  it('writes SARIF 2.1.0 that validates against the schema', () => {
    const { stdout } = run(['--format', 'sarif', '.'], workspace);
    const sarif = JSON.parse(stdout);
    assertValidSarif(sarif);
    const driver = sarif.runs[0].tool.driver;
    assert.equal(driver.rules.length, RULES.length + 2, 'every rule plus the suppression and unresolved-value checks');
    for (const rule of driver.rules) {
      assert.ok(rule.id && rule.shortDescription.text && rule.helpUri && rule.properties.category, `descriptor ${rule.id}`);
    }
    const results = sarif.runs[0].results;
    assert.equal(results.length, 12);
    for (const result of results) {
      assert.ok(result.ruleId && ['error', 'warning', 'note'].includes(result.level) && result.message.text);
      const region = result.locations[0].physicalLocation.region;
      assert.ok(region.startLine >= 1 && region.startColumn >= 1);
      assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
    }
  });

  it('applies a profile', () => {
    const file = path.join(workspace, 'cnsa.ts');
    fs.writeFileSync(file, "import { createHash } from 'crypto';\ncreateHash('sha256');\n");
    assert.equal(run(['cnsa.ts'], workspace).code, 0);
    const cnsa = run(['--profile', 'cnsa-2.0', 'cnsa.ts'], workspace);
    assert.equal(cnsa.code, 1);
    assert.match(cnsa.stdout, /cnsa\.ts:2:12 {2}error {2}createHash uses SHA-256.*CNSA/);
  });

  it('fails on too many warnings', () => {
    const file = path.join(workspace, 'warn.ts');
    fs.writeFileSync(file, "import crypto from 'crypto';\ncrypto.createCipheriv('aes-256-ecb', key, null);\n");
    assert.equal(run(['warn.ts'], workspace).code, 0);
    const over = run(['--max-warnings', '0', 'warn.ts'], workspace);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /1 warnings exceed --max-warnings 0/);
  });

  it('exits 2 with a clear message on bad input', () => {
    const missing = run(['no-such-dir'], workspace);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'fipslint: no such file or folder: no-such-dir\n');
    const profile = run(['--profile', 'fips-999', '.'], workspace);
    assert.equal(profile.code, 2);
    assert.match(profile.stderr, /unknown profile 'fips-999'; use one of fips-140-3, fips-140-2, cnsa-2.0/);
    assert.equal(run(['--format', 'xml', '.'], workspace).code, 2);
    assert.equal(run(['--max-warnings', 'many', '.'], workspace).code, 2);
    assert.equal(run(['--bogus'], workspace).code, 2);
    assert.equal(run(['--as-of', '2026-13-45'], workspace).code, 2);
  });

  it('--fix applies only safe fixes, atomically, keeping CRLF and the file mode, and is idempotent', () => {
    const file = path.join(workspace, 'tls-client.ts');
    const original = [
      "import https from 'https';",
      "import crypto from 'crypto';",
      "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
      "const agent = new https.Agent({ rejectUnauthorized: false, minVersion: 'TLSv1' });",
      'const token = crypto.pseudoRandomBytes(16);',
      'const otp = Math.floor(Math.random() * 1000000);',
      "const h = crypto.createHash('md5');",
      '',
    ].join('\r\n');
    fs.writeFileSync(file, original, { mode: 0o640 });
    const first = run(['--fix', 'tls-client.ts'], workspace);
    const fixed = fs.readFileSync(file, 'utf8');
    // Only what keeps every input working: a renamed alias and a literal-bounded randomInt. Turning
    // certificate checks on, raising the TLS floor and another digest change behaviour: suggestions.
    assert.equal(fixed, original.replace('pseudoRandomBytes', 'randomBytes').replace('Math.floor(Math.random() * 1000000)', 'crypto.randomInt(1000000)'));
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.equal(first.code, 1, 'the MD5 finding (a suggestion) remains');
    assert.match(first.stdout, /1 file fixed\./);
    assert.deepEqual(fs.readdirSync(workspace).filter((f) => f.endsWith('.tmp')), []);
    const second = run(['--fix', 'tls-client.ts'], workspace);
    assert.equal(fs.readFileSync(file, 'utf8'), fixed);
    assert.match(second.stdout, /0 files fixed\./);
  });

  it('--fix keeps a byte order mark, leaves UTF-16 files alone, and never overwrites a file that changed on disk', () => {
    const bom = path.join(workspace, 'bom.ts');
    fs.writeFileSync(bom, "\uFEFFimport crypto from 'crypto';\r\nexport const token = crypto.pseudoRandomBytes(16);\r\n");
    run(['--fix', 'bom.ts'], workspace);
    assert.equal(fs.readFileSync(bom, 'utf8'), "\uFEFFimport crypto from 'crypto';\r\nexport const token = crypto.randomBytes(16);\r\n");
    const utf16 = path.join(workspace, 'utf16.ts');
    const bytes = Buffer.from("\uFEFFimport https from 'https';\nnew https.Agent({ rejectUnauthorized: false });\n", 'utf16le');
    fs.writeFileSync(utf16, bytes);
    const result = run(['--fix', 'utf16.ts'], workspace);
    assert.match(result.stderr, /utf16\.ts is UTF-16; --fix leaves it as it is/);
    assert.match(result.stdout, /utf16\.ts:2:\d+ {2}error {2}rejectUnauthorized: false/, 'still linted');
    assert.deepEqual(fs.readFileSync(utf16), bytes);
    // The file changes between reading and writing (an editor saves it): the write is refused.
    const raced = path.join(workspace, 'raced.ts');
    fs.writeFileSync(raced, 'before');
    fs.writeFileSync(raced, 'the user saved this');
    assert.deepEqual(writeFixedFile(raced, Buffer.from('fixed'), Buffer.from('before'), [workspace]), { status: 'changed' });
    assert.equal(fs.readFileSync(raced, 'utf8'), 'the user saved this');
    assert.deepEqual(fs.readdirSync(workspace).filter((f) => f.endsWith('.tmp')), []);
  });

  it('reports a file too deeply nested to parse, keeps going, and exits 2', () => {
    fs.mkdirSync(path.join(workspace, 'hostile'));
    fs.writeFileSync(path.join(workspace, 'hostile', 'deep.js'), `const crypto = require('crypto');\nconst v = ${'('.repeat(10000)}1${')'.repeat(10000)};\n`);
    fs.writeFileSync(path.join(workspace, 'hostile', 'ok.js'), "require('crypto').createHash('md5');\n");
    const { code, stdout, stderr } = run(['hostile'], workspace);
    assert.equal(code, 2);
    assert.match(stderr, /hostile\/deep\.js: the file is nested too deeply to parse/);
    assert.match(stdout, /hostile\/ok\.js:1:30 {2}error/);
    assert.match(stdout, /1 path could not be read or analysed/);
  });

  it('runs as a real process through bin/fipslint.js', () => {
    const child = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'fipslint.js'), 'src/index.ts', '--rule', 'tls-version'], { cwd: workspace, encoding: 'utf8' });
    assert.equal(child.status, 1, child.stderr);
    assert.match(child.stdout, /src\/index\.ts:25:43 {2}error {2}minVersion 'TLSv1\.1'/);
    assert.match(child.stdout, /✖ 2 problems/);
  });
});

describe('fipslint CLI: values known only at run time, and test code', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-unresolved-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.mkdirSync(path.join(dir, 'test'));
    fs.writeFileSync(
      path.join(dir, 'src', 'hash.js'),
      "const crypto = require('crypto');\nexports.digest = (alg, data) => crypto.createHash(alg).update(data).digest('hex');\nexports.configured = (data) => crypto.createHash(process.env.HASH_ALG).update(data).digest('hex');\n",
    );
    fs.writeFileSync(path.join(dir, 'test', 'hash.test.js'), "const crypto = require('crypto');\nconst expected = crypto.createHash('md5').update('x').digest('hex');\n");
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('never calls a scan with unresolved values clean, and lists them with --unresolved', () => {
    const plain = run(['src'], dir);
    assert.equal(plain.code, 0, 'unresolved values never change the exit code');
    assert.doesNotMatch(plain.stdout, /✔/);
    assert.match(plain.stdout, /^No FIPS problems found in 1 file, but the scan is not complete:\n {2}2 crypto call sites use values known only at run time: fipslint --unresolved lists them with the reason\.\n$/);
    const listed = run(['--unresolved', 'src'], dir);
    assert.deepEqual(listed.stdout.split('\n').filter((l) => l.includes('  unresolved  ')), [
      'src/hash.js:2:51  unresolved  crypto.createHash: hash algorithm comes from parameter `alg` of exported function `digest`',
      'src/hash.js:3:50  unresolved  crypto.createHash: hash algorithm comes from process.env.HASH_ALG (the environment, at run time)',
    ]);
  });

  it('gives JSON an unresolved array and SARIF review results under fipslint-unresolved', () => {
    const json = JSON.parse(run(['--format', 'json', '--unresolved', 'src'], dir).stdout);
    assert.equal(json.summary.unresolved, 2);
    assert.deepEqual(json.unresolved[1], {
      file: 'src/hash.js',
      line: 3,
      column: 50,
      endLine: 3,
      endColumn: 70,
      api: 'crypto.createHash',
      parameter: 'algorithm',
      what: 'hash algorithm',
      category: 'hash',
      reason: 'comes from process.env.HASH_ALG (the environment, at run time)',
    });
    assert.equal(JSON.parse(run(['--format', 'json', 'src'], dir).stdout).unresolved, undefined, 'counted, not listed, without --unresolved');
    const sarif = JSON.parse(run(['--format', 'sarif', '--unresolved', 'src'], dir).stdout);
    assertValidSarif(sarif);
    const review = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'fipslint-unresolved');
    assert.equal(review.length, 2);
    for (const result of review) {
      assert.equal(result.kind, 'review');
      assert.equal(result.level, 'none', 'SARIF: a review result is no failure, so its level is none');
      assert.equal(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, 'fipslint-unresolved');
    }
  });

  it('marks problems with suppression comments in test code as test code too', () => {
    const file = path.join(dir, 'test', 'suppressed.test.js');
    fs.writeFileSync(file, "const crypto = require('crypto');\n// fipslint-disable-next-line hash-algorithm\ncrypto.createHash('md5');\n");
    try {
      const json = JSON.parse(run(['--format', 'json', 'test/suppressed.test.js'], dir).stdout);
      const findings = json.files[0].findings;
      assert.deepEqual(findings.map((f: { ruleId: string; test?: boolean }) => `${f.ruleId} ${f.test}`).sort(), ['fipslint-suppression true', 'hash-algorithm true']);
    } finally {
      fs.rmSync(file);
    }
  });

  it('counts test code apart, marks it, and follows testFindings and tests from the configuration', () => {
    const all = run(['.'], dir);
    assert.equal(all.code, 1);
    assert.match(all.stdout, /test\/hash\.test\.js:2:36 {2}error {2}createHash uses MD5.* {2}hash-algorithm {2}\(test code\)/);
    assert.match(all.stdout, /✖ 1 problem \(1 error, 0 warnings, 0 infos\) in 2 files scanned: 0 problems in production code, 1 problem \(1 error\) in test code\./);
    const json = JSON.parse(run(['--format', 'json', '.'], dir).stdout);
    assert.deepEqual([json.summary.production.errors, json.summary.test.errors], [0, 1]);
    assert.equal(json.files[0].findings[0].test, true);
    const sarif = JSON.parse(run(['--format', 'sarif', '.'], dir).stdout);
    assert.equal(sarif.runs[0].results[0].properties.test, true);

    const config = path.join(dir, 'fipslint.config.json');
    try {
      fs.writeFileSync(config, JSON.stringify({ testFindings: 'info' }));
      const info = run(['.'], dir);
      assert.equal(info.code, 0, 'test findings lowered to info do not fail the build');
      assert.match(info.stdout, /hash\.test\.js:2:36 {2}info {2}/);
      fs.writeFileSync(config, JSON.stringify({ testFindings: 'off' }));
      assert.doesNotMatch(run(['.'], dir).stdout, /hash\.test\.js/);
      fs.writeFileSync(config, JSON.stringify({ tests: ['spec/'] }));
      assert.doesNotMatch(run(['.'], dir).stdout, /\(test code\)/, 'the configured globs replace the conventional ones');
      fs.writeFileSync(config, JSON.stringify({ testFindings: 'sometimes' }));
      const bad = run(['.'], dir);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /fipslint\.config\.json:1:17: "testFindings" must be one of report, info, off, not "sometimes"/);
    } finally {
      fs.rmSync(config, { force: true });
    }
  });
});
