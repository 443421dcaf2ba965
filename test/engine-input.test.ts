import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../rules';
import { denseFileText } from '../bench/generate';
import { Engine, SourceProject, defaultAnalysisOptions } from '../server/src/engine';

const noDisk = { readFile: () => undefined };

function analyze(text: string, fileName = '/input/file.js') {
  return new Engine(RULES, new SourceProject(noDisk)).analyze(fileName, text, defaultAnalysisOptions());
}

describe('engine on awkward input', () => {
  it('finds a planted call in a one-line minified bundle, at the right column', () => {
    const filler = Array.from({ length: 20000 }, (_, i) => `var a${i}=require("crypto").createHash("sha256"),b${i}="md5";a${i}=b${i};`).join('');
    const text = `${filler}var t=require("crypto").createHash("md5");`;
    const result = analyze(text);
    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0].line, 1);
    assert.equal(text.slice(result.findings[0].start, result.findings[0].end), '"md5"');
    assert.equal(result.findings[0].column, text.lastIndexOf('"md5"') + 1);
  });

  it('counts columns in UTF-16 code units after astral characters, tabs and a BOM', () => {
    const text = "\uFEFFconst crypto = require('crypto');\n\tconst 𝒳 = '🙂'; crypto.createHash('md5');\r\n";
    const [finding] = analyze(text).findings;
    assert.equal(finding.line, 2);
    assert.equal(text.slice(finding.start, finding.end), "'md5'");
    const lineStart = text.indexOf('\t');
    assert.equal(finding.column, finding.start - lineStart + 1);
  });

  it('lints what parses in a file with syntax errors', () => {
    const text = "import { createHash } from 'crypto';\nconst broken = {;\ncreateHash('md5');\nfunction (\n";
    const result = analyze(text, '/input/broken.ts');
    assert.deepEqual(result.findings.map((f) => `${f.line}:${text.slice(f.start, f.end)}`), ["3:'md5'"]);
  });

  it('skips files that mention no crypto or TLS word without parsing them', () => {
    const result = analyze('export const add = (a, b) => a + b;\n');
    assert.equal(result.skipped, true);
    assert.deepEqual(result.findings, []);
  });

  it('does not take a URL for the https module in the pre-check, but does take the module', () => {
    assert.equal(analyze('// See https://example.com/spec for the format.\nexport const parse = (s) => s.split(",");\n').skipped, true);
    const agent = analyze("const https = require('https');\nnew https.Agent({ rejectUnauthorized: false }); // https://example.com\n");
    assert.equal(agent.skipped, false);
    assert.deepEqual(agent.findings.map((f) => f.ruleId), ['tls-certificate-validation']);
    assert.equal(analyze("fetch(url, { protocol: 'https:' });\n").skipped, false);
  });

  it('survives binary garbage with a .js name', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const result = analyze(`crypto ${bytes}`);
    assert.equal(result.failure, undefined);
    assert.deepEqual(result.ruleFailures, []);
  });
  it('reads algorithm names from JSON configuration modules, in every import form', () => {
    const files: Record<string, string> = {
      '/p/crypto.json': '{ "hash": "md5", "cipher": { "algorithm": "des-ede3-cbc" }, "tls": { "minVersion": "TLSv1" } }',
      '/p/app.ts': [
        "import crypto from 'node:crypto';",
        "import https from 'node:https';",
        "import settings from './crypto.json';",
        "import { hash } from './crypto.json';",
        "const cfg = require('./crypto.json');",
        'crypto.createHash(settings.hash);',
        'crypto.createHash(hash);',
        'crypto.createCipheriv(cfg.cipher.algorithm, key, iv);',
        'new https.Agent({ ...settings.tls });',
      ].join('\n'),
    };
    const engine = new Engine(RULES, new SourceProject({ readFile: (name) => files[name] }));
    const result = engine.analyze('/p/app.ts', files['/p/app.ts'], defaultAnalysisOptions());
    assert.deepEqual(result.findings.map((f) => `${f.line} ${f.ruleId} ${f.related.find((r) => r.file === '/p/crypto.json') ? 'json' : '-'}`), [
      '6 hash-algorithm json',
      '7 hash-algorithm json',
      '8 cipher-algorithm json',
      '9 tls-version json',
    ]);
  });

  // Found by the benchmark on got, eslint and axios: a rest element in a destructuring crashed the file's analysis.
  it('analyses files with rest elements in destructuring, and does not take a rest binding for an outer constant', () => {
    const text = [
      "const crypto = require('crypto');",
      "const rest = 'sha256';",
      'function digest(item, [name, ...rest]) {',
      "  const [first, ...others] = item.split(';');",
      "  for (const [k, ...tail] of others) crypto.createHash(tail);",
      '  return crypto.createHash(rest) && crypto.createHash(first);',
      '}',
      "crypto.createHash('md5');",
    ].join('\n');
    const result = analyze(text);
    assert.equal(result.failure, undefined);
    assert.deepEqual(result.findings.map((f) => `${f.line}:${f.ruleId}`), ['8:hash-algorithm']);
  });

  it('does not parse a file over the size limit, and says how large it is', () => {
    const text = `const crypto = require('crypto'); crypto.createHash('md5');\n${'// padding\n'.repeat(2000)}`;
    const engine = new Engine(RULES, new SourceProject(noDisk));
    const limited = engine.analyze('/input/big.js', text, defaultAnalysisOptions({ maxFileChars: 10_000 }));
    assert.deepEqual(limited.tooLarge, { chars: text.length, limit: 10_000 });
    assert.deepEqual(limited.findings, []);
    const unlimited = engine.analyze('/input/big.js', text, defaultAnalysisOptions({ maxFileChars: 0 }));
    assert.equal(unlimited.tooLarge, undefined);
    assert.equal(unlimited.findings.length, 1);
  });

  it('finds the same after edits, reparsed incrementally, as a fresh parse of the same text', () => {
    const incremental = new Engine(RULES, new SourceProject(noDisk));
    let text = denseFileText().split('\n').slice(0, 600).join('\n');
    const edits: Array<(t: string) => string> = [
      (t) => t.replace("'md5'", "'sha256'"),
      (t) => t.replace('modulusLength: 2048', 'modulusLength: 1024'),
      (t) => t.replace("'edit here'", "'edit xhere'"),
      (t) => t.replace('export function keys3() {', 'export function keys3() {\n  const weak = crypto.createHash("md4");'),
      (t) => t.replace('rejectUnauthorized: true', 'rejectUnauthorized: false'),
      (t) => t.replace(/\n\/\/ Block 5:[^]*?\n\/\/ Block 6:/, '\n// Block 6:'),
      // Mid-typing syntax error, then mended.
      (t) => t.replace("const HASH_4 = 'md5';", "const HASH_4 = ('md5';"),
      (t) => t.replace("const HASH_4 = ('md5';", "const HASH_4 = 'md5';"),
      (t) => 'import * as tls from "node:tls";\n' + t,
    ];
    const summary = (text: string, engine: Engine) =>
      engine.analyze('/input/dense.ts', text, defaultAnalysisOptions()).findings.map((f) => `${f.ruleId}@${f.start}-${f.end}:${f.message}:${f.fixes.length}`);
    summary(text, incremental);
    for (const edit of edits) {
      const next = edit(text);
      assert.notEqual(next, text);
      text = next;
      assert.deepEqual(summary(text, incremental), summary(text, new Engine(RULES, new SourceProject(noDisk))));
    }
  });
});
