import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../rules';
import type { RuleCases } from '../server/src/engine/rule';
import { Engine, SourceProject, autoFixOf, defaultAnalysisOptions, type FileAnalysis } from '../server/src/engine';

/**
 * What a fix promises and what a message shows (issue 18): `safe` means the program behaves the
 * same for every input that worked before, and only such a fix is applied without a person; a fix
 * in another file says which; a message quotes one line of code, never comments or line breaks.
 */
function analyze(files: Record<string, string>, file: string): FileAnalysis {
  const engine = new Engine(RULES, new SourceProject({ readFile: (name) => files[name] }));
  return engine.analyze(file, files[file], defaultAnalysisOptions({ asOf: '2026-06-01' }));
}

function fixesOf(code: string): Array<{ rule: string; title: string; safety: string; automatic: boolean }> {
  const result = analyze({ '/p/a.ts': code }, '/p/a.ts');
  return result.findings.flatMap((f) => f.fixes.map((fix) => ({ rule: f.ruleId, title: fix.title, safety: fix.safety, automatic: autoFixOf(f) === fix })));
}

describe('fixes are safe only when behaviour is unchanged', () => {
  it('turning certificate validation on, raising TLS versions, replacing suites and curves are suggestions', () => {
    const code = [
      "import https from 'node:https';",
      "import tls from 'node:tls';",
      "export const a = new https.Agent({ rejectUnauthorized: false, minVersion: 'TLSv1', ciphers: 'RC4-SHA', ecdhCurve: 'X25519' });",
      "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
      "export const c = tls.connect({ host: 'h', port: 1, maxVersion: 'TLSv1.2' });",
      '',
    ].join('\n');
    const fixes = fixesOf(code);
    assert.ok(fixes.length >= 5, JSON.stringify(fixes));
    for (const fix of fixes) {
      assert.equal(fix.safety, 'suggestion', `${fix.rule}: ${fix.title}`);
      assert.equal(fix.automatic, false, `${fix.rule}: ${fix.title} is never applied by --fix, fix-all or on save`);
    }
  });

  it('an alias rename and a literal-bounded randomInt are safe; randomInt over a length (which may be 0) is not', () => {
    const fixes = fixesOf(
      [
        "import crypto from 'node:crypto';",
        'export const token = crypto.pseudoRandomBytes(16);',
        'export const otp = Math.floor(Math.random() * 1000000);',
        'export const resetToken = CODES[Math.floor(Math.random() * CODES.length)];',
        'export const sessionId = Math.floor(Math.random() * 0);',
        '',
      ].join('\n'),
    );
    const byTitle = new Map(fixes.map((f) => [f.title, f]));
    assert.equal(byTitle.get('Rename pseudoRandomBytes to randomBytes (the same function)')?.safety, 'safe');
    assert.equal(byTitle.get('Use crypto.randomInt(1000000)')?.safety, 'safe');
    assert.equal(byTitle.get('Use crypto.randomInt(CODES.length)')?.safety, 'suggestion');
    assert.equal(byTitle.get('Use crypto.randomInt(0)')?.safety, 'suggestion');
  });

  it('every rule case: a fix marked safe is one of the behaviour-preserving kinds', () => {
    const SAFE_KINDS = [/^Rename pseudoRandomBytes to randomBytes/, /^Use crypto\.randomInt\(\d+\)$/, /^Use [\w.]*randomInt\(\d+\)$/, /^Compute it with node:crypto .* \(same \w+ output\)$/];
    for (const rule of RULES) {
      const { cases } = require(path.join(__dirname, '..', 'rules', rule.meta.id, 'cases.js')) as { cases: RuleCases };
      for (const c of cases.invalid) {
        const result = analyze({ [`/p/${c.filename ?? 'case.ts'}`]: c.code }, `/p/${c.filename ?? 'case.ts'}`);
        for (const fix of result.findings.flatMap((f) => f.fixes)) {
          if (fix.safety === 'safe') assert.ok(SAFE_KINDS.some((kind) => kind.test(fix.title)), `${rule.meta.id}: "${fix.title}" is marked safe`);
        }
      }
    }
  });

  it('a fix that edits another file names it in its title, and is a suggestion', () => {
    const files = {
      '/p/crypto-config.ts': "export const HASH = 'md5';\n",
      '/p/a.ts': "import crypto from 'node:crypto';\nimport { HASH } from './crypto-config';\nexport const h = crypto.createHash(HASH);\n",
    };
    const finding = analyze(files, '/p/a.ts').findings.find((f) => f.ruleId === 'hash-algorithm')!;
    assert.ok(finding.fixes.length > 0);
    for (const fix of finding.fixes) {
      assert.match(fix.title, / in crypto-config\.ts$/);
      assert.equal(fix.safety, 'suggestion');
    }
  });
});

describe('messages quote one line of code', () => {
  it('a callee written over lines with a comment between its parts is quoted as one normalised line', () => {
    const code = "import argon2 from 'argon2';\nexport const h = (password: string) => argon2\n    // ok: reviewed\n    .hash(password);\n";
    const finding = analyze({ '/p/a.ts': code }, '/p/a.ts').findings.find((f) => f.ruleId === 'password-hashing');
    assert.ok(finding, 'argon2 is reported');
    assert.match(finding!.message, /^argon2\.hash hashes a password with/);
    assert.doesNotMatch(finding!.message, /\n|\/\/|reviewed/);
  });

  it('no message of any rule case, under any profile, cites the internal policy reference: users cite the standards', () => {
    for (const profile of ['fips-140-3', 'fips-140-2', 'cnsa-2.0'] as const) {
      for (const rule of RULES) {
        const { cases } = require(path.join(__dirname, '..', 'rules', rule.meta.id, 'cases.js')) as { cases: RuleCases };
        for (const c of [...cases.invalid, ...cases.valid.map((v) => (typeof v === 'string' ? { code: v } : v))]) {
          const file = `/p/${'filename' in c && c.filename ? c.filename : 'case.ts'}`;
          const engine = new Engine(RULES, new SourceProject({ readFile: () => undefined }));
          for (const finding of engine.analyze(file, c.code, defaultAnalysisOptions({ profile, asOf: '2031-01-01', unresolved: true })).findings) {
            assert.doesNotMatch(finding.message, /reference §/, `${rule.meta.id} (${profile}): ${finding.message}`);
          }
        }
      }
    }
  });

  it('no message of any rule case contains a line break', () => {
    for (const rule of RULES) {
      const { cases } = require(path.join(__dirname, '..', 'rules', rule.meta.id, 'cases.js')) as { cases: RuleCases };
      for (const c of cases.invalid) {
        for (const finding of analyze({ [`/p/${c.filename ?? 'case.ts'}`]: c.code }, `/p/${c.filename ?? 'case.ts'}`).findings) {
          assert.doesNotMatch(finding.message, /[\r\n]/, `${rule.meta.id}: ${JSON.stringify(finding.message)}`);
        }
      }
    }
  });
});
