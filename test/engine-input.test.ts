import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../rules';
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
});
