import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { RULES } from '../rules';
import { Engine, SourceProject, defaultAnalysisOptions } from '../server/src/engine';

const PROJECT = path.join(__dirname, '..', '..', 'test', 'fixtures', 'project');

function analyze(relative: string) {
  const file = path.join(PROJECT, relative);
  const engine = new Engine(RULES, new SourceProject());
  return engine.analyze(file, fs.readFileSync(file, 'utf8'), defaultAnalysisOptions({ asOf: '2026-06-01' }));
}

describe('fixture project: cross-file constants and every import form', () => {
  it('finds each non-approved value that reaches node:crypto and tls from another module', () => {
    const result = analyze('src/index.ts');
    assert.deepEqual(result.ruleFailures, []);
    const got = result.findings.map((f) => `${f.line} ${f.ruleId} ${fs.readFileSync(f.file, 'utf8').slice(f.start, f.end)}`);
    assert.deepEqual(got, [
      '10 hash-algorithm DEFAULT_DIGEST',
      '14 cipher-algorithm CipherSuite.Legacy',
      '18 rsa-key-size modulusLength: KEYS.rsaBits',
      '22 elliptic-curve config.KEYS.curve',
      '25 tls-certificate-validation TLS_DEFAULTS',
      '25 tls-version TLS_DEFAULTS',
      '28 tls-certificate-validation config.TLS_DEFAULTS',
      '28 tls-version config.TLS_DEFAULTS',
      '32 kdf-parameters settings.pbkdf2Iterations',
      '36 hash-algorithm legacy.LEGACY_DIGEST',
    ]);
  });

  it('points related locations at the literal in the other file', () => {
    const finding = analyze('src/index.ts').findings.find((f) => f.ruleId === 'hash-algorithm' && f.line === 10)!;
    const defined = finding.related.find((r) => r.message === 'value defined here')!;
    assert.equal(path.relative(PROJECT, defined.file), path.join('src', 'config.ts'));
    assert.equal(defined.line, 2);
    assert.equal(fs.readFileSync(defined.file, 'utf8').slice(defined.start, defined.end), "'md5'");
    // The fix edits the shared constant, so it is never applied automatically.
    assert.equal(finding.fixes[0].edits[0].file, defined.file);
    assert.equal(finding.fixes[0].safety, 'suggestion');
  });

  it('asks the type checker where syntax cannot tell: a settings interface in another file', () => {
    const result = analyze('src/typed.ts');
    const got = result.findings.map((f) => `${f.line} ${f.ruleId} ${fs.readFileSync(f.file, 'utf8').slice(f.start, f.end)} fixes=${f.fixes.length}`);
    assert.deepEqual(got, ['6 cipher-algorithm settings.cipher fixes=0']);
    assert.equal(result.findings[0].related[0].message, 'value allowed by its declared type');
  });

  it('reports nothing for approved crypto and look-alike names', () => {
    assert.deepEqual(analyze('src/clean.ts').findings.map((f) => `${f.line} ${f.ruleId}: ${f.message}`), []);
  });

  it('reports in a file that only defines constants just the TLS switch, which means the same in any object', () => {
    // The other constants (md5, 1024 bits, TLSv1.1...) only matter where they reach an API, so
    // they are reported there; `rejectUnauthorized: false` disables validation wherever it goes.
    const findings = analyze('src/config.ts').findings;
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.line]),
      [['tls-certificate-validation', 3]],
    );
  });
});
