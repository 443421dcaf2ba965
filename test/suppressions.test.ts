import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../rules';
import { Engine, SUPPRESSION_ID, SourceProject, defaultAnalysisOptions } from '../server/src/engine';

function lint(text: string) {
  const engine = new Engine(RULES, new SourceProject({ readFile: () => undefined }));
  return engine.analyze('/s/file.ts', text, defaultAnalysisOptions()).findings.map((f) => `${f.line} ${f.ruleId}${f.ruleId === SUPPRESSION_ID ? `: ${f.message}` : ''}`);
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
