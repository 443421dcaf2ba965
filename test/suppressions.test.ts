import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../rules';
import { Engine, SUPPRESSION_ID, SourceProject, defaultAnalysisOptions } from '../server/src/engine';

function analyze(text: string, asOf = '2026-06-01') {
  const engine = new Engine(RULES, new SourceProject({ readFile: () => undefined }));
  return engine.analyze('/s/file.ts', text, defaultAnalysisOptions({ asOf }));
}

function lint(text: string, asOf?: string) {
  return analyze(text, asOf).findings.map((f) => `${f.line} ${f.ruleId}${f.ruleId === SUPPRESSION_ID ? `: ${f.message}` : ''}`);
}

describe('fipslint-disable-next-line', () => {
  it('suppresses the named rule on the next line when it gives a reason', () => {
    const text = [
      "import { createHash } from 'crypto';",
      '// fipslint-disable-next-line hash-algorithm -- S3 requires Content-MD5 (RFC 1864)',
      "const contentMd5 = createHash('md5').update(body).digest('base64');",
      "const other = createHash('md5');",
    ].join('\n');
    assert.deepEqual(lint(text), ['4 hash-algorithm']);
  });

  it('accepts block comments and several rules', () => {
    const text = "import crypto from 'crypto';\n/* fipslint-disable-next-line cipher-algorithm, cipher-iv -- migrating 2019 archives */\ncrypto.createCipheriv('des-ede3-cbc', key, Buffer.alloc(8));\n";
    assert.deepEqual(lint(text), []);
  });

  it('does not suppress without a reason, and says so', () => {
    const text = "import { createHash } from 'crypto';\n// fipslint-disable-next-line hash-algorithm\ncreateHash('md5');\n";
    const got = lint(text);
    assert.equal(got.length, 2);
    assert.match(got[0], /^2 fipslint-suppression: .*no reason/);
    assert.equal(got[1], '3 hash-algorithm');
  });

  it('reports a suppression that suppresses nothing, and unknown rule ids', () => {
    const text = "import { createHash } from 'crypto';\n// fipslint-disable-next-line hash-algorithm -- legacy\ncreateHash('sha256');\n// fipslint-disable-next-line no-such-rule -- typo\ncreateHash('sha256');\n";
    const got = lint(text);
    assert.match(got[0], /^2 fipslint-suppression: This suppression suppresses nothing/);
    assert.match(got[1], /^4 fipslint-suppression: .*unknown rule no-such-rule/);
  });

  it('is reported even in a file without crypto calls', () => {
    const got = lint('// fipslint-disable-next-line hash-algorithm -- stale\nexport const x = 1;\n');
    assert.match(got[0], /^1 fipslint-suppression: This suppression suppresses nothing/);
  });
});

describe('fipslint-disable blocks and until dates', () => {
  const block = [
    "import { createHash, createCipheriv } from 'crypto';",
    '/* fipslint-disable hash-algorithm -- partner API signs with MD5 until it moves (TICKET-42) */',
    "export const a = createHash('md5');",
    "export const b = createHash('md5');",
    '/* fipslint-enable hash-algorithm */',
    "export const c = createHash('md5');",
    "export const d = createCipheriv('des-ede3-cbc', key, iv);",
  ].join('\n');

  it('suppresses the named rule between disable and enable, and nothing outside', () => {
    assert.deepEqual(lint(block), ['6 hash-algorithm', '7 cipher-algorithm']);
  });

  it('without enable, runs to the end of the file; without rules, covers every rule', () => {
    const text = ["import { createHash, createCipheriv } from 'crypto';", '// fipslint-disable -- vendored legacy module, replaced in Q3', "createHash('md5');", "createCipheriv('des-ede3-cbc', key, iv);"].join('\n');
    assert.deepEqual(lint(text), []);
  });

  it('keeps suppressing up to its until date, then stops and says so', () => {
    const text = ["import { createHash } from 'crypto';", '// fipslint-disable-next-line hash-algorithm until 2026-12-31 -- S3 Content-MD5', "createHash('md5');"].join('\n');
    assert.deepEqual(lint(text, '2026-12-31'), []);
    const after = lint(text, '2027-01-01');
    assert.equal(after.length, 2);
    assert.match(after[0], /^2 fipslint-suppression: This fipslint-disable-next-line expired on 2026-12-31, so it no longer suppresses \(1 finding reported again\)/);
    assert.equal(after[1], '3 hash-algorithm');
  });

  it('reads until after the reason too, and rejects a date that is not one', () => {
    const trailing = ["import { createHash } from 'crypto';", '// fipslint-disable-next-line hash-algorithm -- S3 Content-MD5 (until 2027-06-30)', "createHash('md5');"].join('\n');
    assert.deepEqual(lint(trailing), []);
    const record = analyze(trailing).suppressions[0];
    assert.equal(record.until, '2027-06-30');
    assert.equal(record.reason, 'S3 Content-MD5');
    const bad = ["import { createHash } from 'crypto';", '// fipslint-disable-next-line hash-algorithm until 2027-13-01 -- typo', "createHash('md5');"].join('\n');
    const got = lint(bad);
    assert.match(got[0], /^2 fipslint-suppression: .*until 2027-13-01, which is not a date/);
    assert.equal(got[1], '3 hash-algorithm');
  });

  it('reports a block that suppresses nothing, a block without a reason, and an enable with nothing to end', () => {
    const text = [
      "import { createHash } from 'crypto';",
      '/* fipslint-disable cipher-algorithm -- no longer needed */',
      "createHash('sha256');",
      '/* fipslint-enable cipher-algorithm */',
      '/* fipslint-disable hash-algorithm */',
      "createHash('md5');",
      '/* fipslint-enable */',
      '/* fipslint-enable */',
    ].join('\n');
    const got = lint(text);
    assert.match(got[0], /^2 fipslint-suppression: This suppression suppresses nothing: no cipher-algorithm finding in its range/);
    assert.match(got[1], /^5 fipslint-suppression: This fipslint-disable has no reason/);
    assert.equal(got[2], '6 hash-algorithm');
    assert.match(got[3], /^8 fipslint-suppression: This fipslint-enable has no fipslint-disable before it/);
  });

  it('records every directive with its status, for --list-suppressions', () => {
    const records = analyze(block).suppressions;
    assert.deepEqual(
      records.map((r) => [r.kind, r.line, r.rules, r.status, r.suppressed]),
      [['block', 2, ['hash-algorithm'], 'active', 2]],
    );
    assert.equal(records[0].reason, 'partner API signs with MD5 until it moves (TICKET-42)');
  });
});
