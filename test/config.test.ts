import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { RULES } from '../rules';
import { runCli } from '../server/src/cli/main';
import { CONFIG_FILE_NAME, Engine, SourceProject, configSchema, defaultAnalysisOptions, findConfigFile, optionsForFile, parseConfig, type FipslintConfig } from '../server/src/engine';

const ROOT = '/project';

function config(json: unknown): FipslintConfig {
  const parsed = parseConfig(path.join(ROOT, CONFIG_FILE_NAME), JSON.stringify(json, null, 2), RULES);
  assert.deepEqual(parsed.problems, []);
  return parsed.config!;
}

/** Findings (line, rule, severity) for `code` in `file` under a configuration, as the CLI and the server compute them. */
function lint(cfg: FipslintConfig | undefined, file: string, code: string): string[] {
  const engine = new Engine(RULES, new SourceProject({ readFile: () => undefined }));
  const placed = optionsForFile(cfg, path.join(ROOT, file), defaultAnalysisOptions({ asOf: '2026-06-01' }));
  if (placed.excluded) return ['excluded'];
  return engine.analyze(path.join(ROOT, file), code, placed.options).findings.map((f) => `${f.line} ${f.ruleId} ${f.severity}`);
}

const SHA256 = "import { createHash } from 'node:crypto';\nexport const h = createHash('sha256');\n";
const ED25519 = "import { generateKeyPairSync } from 'node:crypto';\nexport const k = generateKeyPairSync('ed25519');\n";
const MD5 = "import { createHash } from 'node:crypto';\nexport const h = createHash('md5');\n";
const RSA2048 = "import { generateKeyPairSync } from 'node:crypto';\nexport const k = generateKeyPairSync('rsa', { modulusLength: 2048 });\n";

describe('configuration: profiles, dates, severities, overrides', () => {
  it('judges the same code by the profile it names: SHA-256 is an error under cnsa-2.0 only', () => {
    assert.deepEqual(lint(undefined, 'src/a.ts', SHA256), []);
    assert.deepEqual(lint(config({ profile: 'cnsa-2.0' }), 'src/a.ts', SHA256), ['2 hash-algorithm error']);
  });

  it('tells FIPS 140-2 from 140-3 on Ed25519', () => {
    assert.deepEqual(lint(config({ profile: 'fips-140-3' }), 'src/a.ts', ED25519), []);
    assert.deepEqual(lint(config({ profile: 'fips-140-2' }), 'src/a.ts', ED25519), ['2 eddsa-signature error']);
  });

  it('evaluates dated transitions at asOf: RSA-2048 is deprecated from 2031 under 140-3', () => {
    assert.deepEqual(lint(config({ asOf: '2030-12-31' }), 'src/a.ts', RSA2048), []);
    assert.deepEqual(lint(config({ asOf: '2031-01-01' }), 'src/a.ts', RSA2048), ['2 rsa-key-size warning']);
  });

  it('applies rule severities, per-path overrides in order, and exclude globs', () => {
    const cfg = config({
      rules: { 'hash-algorithm': 'error' },
      exclude: ['vendor/', '**/*.generated.ts'],
      overrides: [{ files: ['test/**', '**/*.test.ts'], rules: { 'hash-algorithm': 'warning' } }, { files: ['test/fixtures/**'], rules: { 'hash-algorithm': 'off' } }],
    });
    assert.deepEqual(lint(cfg, 'src/a.ts', MD5), ['2 hash-algorithm error']);
    assert.deepEqual(lint(cfg, 'test/a.ts', MD5), ['2 hash-algorithm warning']);
    assert.deepEqual(lint(cfg, 'src/a.test.ts', MD5), ['2 hash-algorithm warning']);
    assert.deepEqual(lint(cfg, 'test/fixtures/md5.ts', MD5), []);
    assert.deepEqual(lint(cfg, 'vendor/lib.ts', MD5), ['excluded']);
    assert.deepEqual(lint(cfg, 'src/api.generated.ts', MD5), ['excluded']);
  });

  it('sets the severity of status NV, and a rule setting still wins', () => {
    const nv = "import CryptoJS from 'crypto-js';\nexport const h = CryptoJS.SHA256(s).toString();\n";
    assert.deepEqual(lint(undefined, 'src/a.ts', nv), ['2 crypto-js warning']);
    assert.deepEqual(lint(config({ nvSeverity: 'error' }), 'src/a.ts', nv), ['2 crypto-js error']);
    assert.deepEqual(lint(config({ nvSeverity: 'off' }), 'src/a.ts', nv), []);
    assert.deepEqual(lint(config({ nvSeverity: 'off' }), 'src/a.ts', "import CryptoJS from 'crypto-js';\nCryptoJS.MD5(s);\n"), ['2 crypto-js error'], 'NO findings of the rule stay');
    assert.deepEqual(lint(config({ nvSeverity: 'error', rules: { 'crypto-js': 'info' } }), 'src/a.ts', nv), ['2 crypto-js info']);
  });

  it('passes rule options to the rule', () => {
    const code = 'export const voucher = Math.random().toString(36).slice(2);\n';
    assert.deepEqual(lint(undefined, 'src/a.ts', code), []);
    assert.deepEqual(lint(config({ rules: { 'insecure-random': ['error', { secretWords: ['voucher'] }] } }), 'src/a.ts', code), ['1 insecure-random error']);
  });
});

describe('configuration: bad files give one clear message each, with the position', () => {
  const problems = (text: string) => parseConfig('/p/fipslint.config.json', text, RULES).problems.map((p) => `${p.line}:${p.column} ${p.message}`);

  it('invalid JSON', () => {
    assert.deepEqual(problems('{\n  "profile": "fips-140-3",\n}'), ['3:1 invalid JSON: a property name in double quotes is expected']);
    assert.deepEqual(problems('{ "profile": "fips-140-3" // why\n}'), ['1:27 invalid JSON: comments are not allowed in JSON']);
    assert.deepEqual(problems('[]'), ['1:1 the configuration must be a JSON object ({ "profile": "fips-140-3", ... })']);
  });

  it('unknown keys, profiles, rules and severities, with suggestions', () => {
    const got = problems(
      JSON.stringify({ profil: 'fips-140-3', rules: { 'hash-algoritm': 'error', 'tls-version': 'loud' }, overrides: [{ files: ['t/'], profile: 'fips-140-4' }] }, null, 2),
    );
    assert.equal(got.length, 4);
    assert.match(got[0], /^2:3 unknown key "profil" \(did you mean "profile"\?\); the keys are profile, asOf/);
    assert.match(got[1], /^4:5 unknown rule "hash-algoritm" \(did you mean "hash-algorithm"\?\)/);
    assert.match(got[2], /^5:20 rule "tls-version": the severity must be one of error, warning, info, off/);
    assert.match(got[3], /^12:18 unknown profile "fips-140-4"; use one of fips-140-3, fips-140-2, cnsa-2.0/);
  });

  it('bad dates, globs, overrides and rule options', () => {
    const got = problems(
      JSON.stringify({ asOf: '2026-02-30', exclude: 'dist', overrides: [{ rules: {} }], rules: { 'insecure-random': ['error', { secretWord: ['x'] }], 'hash-algorithm': ['error', { x: 1 }] } }),
    );
    assert.deepEqual(
      got.map((g) => g.replace(/^\d+:\d+ /, '')),
      [
        '"asOf" must be a date as "YYYY-MM-DD", not "2026-02-30"',
        '"exclude" must be an array of glob strings (gitignore syntax, relative to fipslint.config.json)',
        'overrides[0] needs "files": the globs it applies to',
        'rule "insecure-random" has no option "secretWord"; its options are secretWords, harmlessWords',
        'rule "hash-algorithm" takes no options',
      ].map((m) => m),
    );
  });
});

describe('configuration: the JSON Schema agrees with the engine', () => {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(configSchema(RULES));
  const good = [
    { $schema: './node_modules/fipslint/schemas/fipslint.config.schema.json', profile: 'cnsa-2.0', asOf: '2027-01-01', anticipate131Ar3: true, nvSeverity: 'info' },
    { rules: { 'hash-algorithm': 'warning', 'insecure-random': ['error', { secretWords: ['voucher'] }], 'fipslint-suppression': 'error' }, exclude: ['dist/'] },
    { overrides: [{ files: ['test/**'], rules: { 'hash-algorithm': 'warning' }, profile: 'fips-140-2' }] },
  ];
  const bad = [{ profile: 'fips-9' }, { rules: { 'no-such-rule': 'error' } }, { rules: { 'hash-algorithm': 'loud' } }, { unknown: true }, { overrides: [{ rules: {} }] }, { asOf: 'tomorrow' }, { rules: { 'insecure-random': ['error', { nope: 1 }] } }];

  for (const [index, value] of good.entries()) {
    it(`accepts good config #${index + 1} in both`, () => {
      assert.ok(validate(value), JSON.stringify(validate.errors));
      assert.deepEqual(parseConfig('/p/c.json', JSON.stringify(value), RULES).problems, []);
    });
  }
  for (const [index, value] of bad.entries()) {
    it(`rejects bad config #${index + 1} in both: ${JSON.stringify(value)}`, () => {
      assert.equal(validate(value), false);
      assert.ok(parseConfig('/p/c.json', JSON.stringify(value), RULES).problems.length > 0);
    });
  }
});

describe('configuration: files on disk and the CLI', () => {
  let workspace: string;
  before(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-config-'));
    fs.mkdirSync(path.join(workspace, '.git'));
    fs.mkdirSync(path.join(workspace, 'packages', 'api', 'src'), { recursive: true });
    fs.mkdirSync(path.join(workspace, 'test'));
    fs.writeFileSync(path.join(workspace, 'packages', 'api', 'src', 'hash.ts'), SHA256);
    fs.writeFileSync(path.join(workspace, 'test', 'md5.test.ts'), MD5);
    fs.writeFileSync(path.join(workspace, CONFIG_FILE_NAME), JSON.stringify({ profile: 'cnsa-2.0', overrides: [{ files: ['test/'], rules: { 'hash-algorithm': 'warning' } }] }));
  });
  after(() => fs.rmSync(workspace, { recursive: true, force: true }));

  const run = (args: string[], cwd = workspace) => {
    let stdout = '';
    let stderr = '';
    const code = runCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  };

  it('finds the configuration in a parent folder, up to the repository root', () => {
    assert.equal(findConfigFile(path.join(workspace, 'packages', 'api', 'src')), path.join(workspace, CONFIG_FILE_NAME));
    assert.equal(findConfigFile(path.join(workspace, 'packages', 'api', 'src'), path.join(workspace, 'packages')), undefined, 'not above the workspace folder');
  });

  it('applies it to the files it governs, with per-path overrides', () => {
    const { code, stdout } = run(['--format', 'json']);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.profile, 'cnsa-2.0');
    const findings = report.files.flatMap((f: { findings: Array<{ file: string; ruleId: string; severity: string }> }) => f.findings.map((x) => `${x.file} ${x.ruleId} ${x.severity}`));
    assert.deepEqual(findings.sort(), ['packages/api/src/hash.ts hash-algorithm error', 'test/md5.test.ts hash-algorithm warning']);
  });

  it('lets command-line options win over the file', () => {
    const { code, stdout } = run(['--profile', 'fips-140-3', 'packages']);
    assert.equal(code, 0, stdout);
  });

  it('takes --config, and exits 2 with file, line and column on a bad one, scanning nothing', () => {
    const bad = path.join(workspace, 'bad.json');
    fs.writeFileSync(bad, '{\n  "profile": "fips-140-3",\n  "rules": { "hash-algorithm": "loud" }\n}\n');
    const { code, stdout, stderr } = run(['--config', 'bad.json']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^fipslint: configuration error: bad\.json:3:32: rule "hash-algorithm": the severity must be one of error, warning, info, off/m);
    assert.match(stderr, /nothing was scanned/);
    assert.equal(run(['--config', 'missing.json']).code, 2);
    const good = path.join(workspace, 'good.json');
    fs.writeFileSync(good, JSON.stringify({ profile: 'fips-140-3', rules: { 'hash-algorithm': 'warning' } }));
    assert.equal(run(['--config', 'good.json']).code, 0);
  });

  it('lists every suppression for an auditor with --list-suppressions', () => {
    const file = path.join(workspace, 'packages', 'api', 'src', 'legacy.ts');
    fs.writeFileSync(
      file,
      [
        "import { createHash } from 'node:crypto';",
        '// fipslint-disable-next-line hash-algorithm until 2030-01-01 -- S3 Content-MD5 (RFC 1864)',
        "export const a = createHash('md5');",
        '// fipslint-disable-next-line hash-algorithm until 2020-01-01 -- old partner',
        "export const b = createHash('md5');",
        '// fipslint-disable-next-line hash-algorithm',
        "export const c = createHash('md5');",
      ].join('\n'),
    );
    try {
      const { code, stdout } = run(['--list-suppressions', 'packages']);
      assert.equal(code, 0);
      assert.equal(
        stdout,
        [
          'packages/api/src/legacy.ts:2  hash-algorithm  (next line)  active  until 2030-01-01  1 finding suppressed',
          '    reason: S3 Content-MD5 (RFC 1864)',
          'packages/api/src/legacy.ts:4  hash-algorithm  (next line)  expired  until 2020-01-01',
          '    reason: old partner',
          'packages/api/src/legacy.ts:6  hash-algorithm  (next line)  no-reason',
          '    reason: (none)',
          '',
          '3 suppressions in 1 file.',
          '',
        ].join('\n'),
      );
      const json = JSON.parse(run(['--list-suppressions', '--format', 'json', 'packages']).stdout);
      assert.deepEqual(json.suppressions.map((s: { status: string }) => s.status), ['active', 'expired', 'no-reason']);
    } finally {
      fs.rmSync(file);
    }
  });
});
