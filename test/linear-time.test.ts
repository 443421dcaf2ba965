import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../rules';
import { Engine, SourceProject, defaultAnalysisOptions, parseConfig, parseSuppressions } from '../server/src/engine';
import { REACH_TEXT, RELEVANT_TEXT } from '../server/src/engine/apis';
import { relativeSpecifiers } from '../server/src/engine/resolve/modules';
import { printable } from '../server/src/cli/formatters';

/**
 * Every regular expression fipslint applies to text it did not write (source, comments, string
 * literals, identifiers, configuration) must take time linear in the input. A regex with
 * overlapping adjacent quantifiers (`[\s.)]+$`, `([A-Z]+)([A-Z][a-z])`) retries from every position
 * of a long run and goes quadratic: 100,000 spaces in a suppression comment took 5 s.
 *
 * Each case feeds 1k, 10k and 100k adversarial characters and compares times measured in this one
 * run: linear work grows about 10× per step, quadratic about 100×. The bound (30×) is generous so
 * that a noisy machine does not fail it, and tight enough that quadratic growth always does.
 */
const SIZES = [1_000, 10_000, 100_000];
const MAX_GROWTH = 30;
/** Below this, timer resolution and warm-up dominate: the smaller time is taken as at least this. */
const FLOOR_MS = 2;

function timeOf(work: () => unknown): number {
  work(); // warm up: compile the regex and the code around it
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    work();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

function assertLinear(name: string, make: (n: number) => string, run: (input: string) => unknown): void {
  const times = SIZES.map((n) => {
    const input = make(n);
    return timeOf(() => run(input));
  });
  for (let i = 1; i < times.length; i++) {
    const growth = times[i] / Math.max(times[i - 1], FLOOR_MS);
    assert.ok(growth <= MAX_GROWTH, `${name}: ${SIZES[i - 1]} → ${SIZES[i]} characters took ${times[i - 1].toFixed(1)} → ${times[i].toFixed(1)} ms (${growth.toFixed(0)}×; linear is about 10×)`);
  }
}

const engine = new Engine(RULES, new SourceProject());
const analyze = (text: string) => engine.analyze('/virtual/input.ts', text, defaultAnalysisOptions());

describe('regular expressions on untrusted text run in linear time', () => {
  it('suppression comments: a reason ending in a long run of spaces, dots or parentheses, an until with a long run, many directives', () => {
    const directive = '// fipslint-disable-next-line hash-algorithm -- legacy until 2027-01-01';
    assertLinear('reason + spaces', (n) => `${directive}${' '.repeat(n)}x\n`, parseSuppressions);
    assertLinear('reason + dots', (n) => `${directive}${'.'.repeat(n)}x\n`, parseSuppressions);
    assertLinear('reason + ) and spaces', (n) => `${directive}${' )'.repeat(n / 2)}x\n`, parseSuppressions);
    assertLinear('reason before until + commas', (n) => `// fipslint-disable-next-line hash-algorithm -- x${', ('.repeat(n / 3)}until 2027-01-01\n`, parseSuppressions);
    assertLinear('until + colons', (n) => `// fipslint-disable-next-line until${':'.repeat(n)}\n`, parseSuppressions);
    assertLinear('until + tabs', (n) => `// fipslint-disable until${'\t'.repeat(n)}`, parseSuppressions);
    assertLinear('many separators', (n) => `// fipslint-disable-next-line a${' --'.repeat(n / 3)}\n`, parseSuppressions);
    assertLinear('many directives', (n) => '// fipslint-disable-next-line x -- r\n'.repeat(n / 36), parseSuppressions);
    assertLinear('open block comments', (n) => '/* fipslint-disable x -- r '.repeat(n / 27), parseSuppressions);
    assertLinear('slashes and spaces', (n) => `//${' '.repeat(n)}`, parseSuppressions);
  });

  it('identifiers split into words (insecure-random): a long run of capitals, of digits, of mixed case', () => {
    assertLinear('capitals', (n) => `export const ${'A'.repeat(n)}_token = Math.random();\n`, analyze);
    assertLinear('capitals before a small letter', (n) => `export const ${'A'.repeat(n)}b = Math.random();\n`, analyze);
    assertLinear('capitals and digits', (n) => `export const ${'A1'.repeat(n / 2)}Token = Math.random();\n`, analyze);
    assertLinear('camel case', (n) => `export const ${'aB'.repeat(n / 2)} = Math.random();\n`, analyze);
  });

  it('module specifiers, the relevance pre-check and URL parameters', () => {
    assertLinear('from + spaces', (n) => `import x from${' '.repeat(n)}`, relativeSpecifiers);
    assertLinear('require( + spaces', (n) => `require${' '.repeat(n)}(${' '.repeat(n)}`, relativeSpecifiers);
    assertLinear('many froms', (n) => 'from '.repeat(n / 5), relativeSpecifiers);
    assertLinear('long relative specifier', (n) => `import x from './${'a/'.repeat(n / 2)}`, relativeSpecifiers);
    assertLinear('pre-check, near misses', (n) => 'cryp tl http jw '.repeat(n / 16), (text) => REACH_TEXT.test(text) || RELEVANT_TEXT.test(text));
    assertLinear('URL parameter', (n) => `const url = '?${'a'.repeat(n)}=' + Math.random();\n`, analyze);
    assertLinear('URL parameters', (n) => `const url = '${'?a='.repeat(n / 3)}' + Math.random();\n`, analyze);
  });

  it('algorithm names, cipher lists and key material in string literals', () => {
    assertLinear('hash name', (n) => `import crypto from 'crypto';\ncrypto.createHash('sha${'3-'.repeat(n / 2)}x');\n`, analyze);
    assertLinear('cipher name', (n) => `import crypto from 'crypto';\ncrypto.createCipheriv('aes-${'1'.repeat(n)}-gcm', k, iv);\n`, analyze);
    assertLinear('TLS suite name', (n) => `import tls from 'tls';\ntls.connect({ ciphers: 'TLS_${'A_'.repeat(n / 2)}' });\n`, analyze);
    assertLinear('cipher list', (n) => `import tls from 'tls';\ntls.connect({ ciphers: '${'AES:'.repeat(n / 4)}' });\n`, analyze);
    assertLinear('signature name', (n) => `import crypto from 'crypto';\ncrypto.createSign('rsa-${'sha'.repeat(n / 3)}');\n`, analyze);
    assertLinear('PEM header', (n) => `const key = '-----BEGIN ${'A'.repeat(n)}';\n`, analyze);
    assertLinear('connection string', (n) => `import { Client } from 'pg';\nnew Client('postgres://u@h/d?${'&'.repeat(n)}sslmode=no-verify');\n`, analyze);
  });

  it('configuration files and printed text', () => {
    assertLinear('config string', (n) => `{"exclude": ["${'*'.repeat(n)}"]}`, (text) => parseConfig('/virtual/fipslint.config.json', text, RULES));
    assertLinear('config nesting check', (n) => `{"tests": [${'"a",'.repeat(n / 4)}"b"]}`, (text) => parseConfig('/virtual/fipslint.config.json', text, RULES));
    assertLinear('control characters', (n) => '\u001b['.repeat(n / 2), printable);
  });
});
