import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../rules';
import { Engine, MAX_CALL_HOPS, SourceProject, defaultAnalysisOptions, type FileAnalysis } from '../server/src/engine';

/**
 * How production code hands values around (issue 16): option objects filled by assignment in
 * another function or module, crypto loaded late or through aliases, helpers and wrappers in
 * other modules, and the limits that keep all of it finite. Each project lives in memory.
 */

type Files = Record<string, string>;

function project(files: Files): Engine {
  const engine = new Engine(RULES, new SourceProject({ readFile: (name) => files[name] }));
  engine.project.setProjectFiles(() => Object.keys(files));
  return engine;
}

function analyze(files: Files, file: string, options = {}): FileAnalysis {
  return project(files).analyze(file, files[file], defaultAnalysisOptions({ asOf: '2026-06-01', unresolved: true, ...options }));
}

/** The findings of a file analysed on its own, as `found` lists them. */
function single(file: string, text: string): string[] {
  return found(analyze({ [file]: text }, file), text);
}

/** `line rule "text under the finding"`, one per finding. */
function found(result: FileAnalysis, text: string): string[] {
  return result.findings.map((f) => `${f.line} ${f.ruleId} ${text.slice(f.start, f.end).split('\n')[0]}`);
}

const CONN_STRING = [
  "'use strict';",
  'function parseConnectionString(url) {',
  '  const parsed = new URL(url);',
  '  const config = { host: parsed.hostname, port: Number(parsed.port) || 5432 };',
  "  const sslmode = parsed.searchParams.get('sslmode');",
  "  if (sslmode === 'disable') {",
  '    config.ssl = false;',
  "  } else if (sslmode === 'no-verify') {",
  '    config.ssl = config.ssl || {};',
  '    config.ssl.rejectUnauthorized = false;',
  "  } else if (sslmode === 'require') {",
  '    config.ssl = {};',
  '  }',
  "  if (parsed.searchParams.get('tlsInsecure') === 'true') {",
  '    config.ssl = Object.assign({}, config.ssl);',
  '    config.ssl.checkServerIdentity = function () {};',
  '  }',
  '  return config;',
  '}',
  'module.exports = { parseConnectionString };',
].join('\n');

const DB_CLIENT = [
  "import { Pool } from 'pg';",
  "import { parseConnectionString } from './conn-string';",
  '',
  'export function connect(url: string): Pool {',
  '  return new Pool(parseConnectionString(url));',
  '}',
  '',
  'export function connectLegacyReplica(host: string): Pool {',
  '  const options: { host: string; ssl?: { rejectUnauthorized?: boolean; minVersion?: string } } = { host };',
  '  options.ssl = {};',
  "  options.ssl.minVersion = 'TLSv1';",
  '  return new Pool(options);',
  '}',
].join('\n');

describe('value flow: the hang of issue 16', () => {
  // Before: one core at 100% for more than ten minutes. The timeout only detects a hang again.
  it('analyses a typed options object next to a parser that reassigns its own property, and finds what the parser sets', { timeout: 60_000 }, () => {
    const files = { '/db/conn-string.js': CONN_STRING, '/db/db-client.ts': DB_CLIENT };
    const client = analyze(files, '/db/db-client.ts');
    assert.equal(client.failure, undefined);
    // Line 11: TLS 1.0 allowed in pg's ssl options, reported since tls-version reads client libraries' TLS options.
    assert.deepEqual(found(client, DB_CLIENT), ['5 tls-certificate-validation parseConnectionString(url)', '5 tls-certificate-validation parseConnectionString(url)', "11 tls-version 'TLSv1'"]);
    const [switchOff, noOpCheck] = client.findings.filter((f) => f.ruleId === 'tls-certificate-validation');
    assert.match(switchOff.message, /^rejectUnauthorized: false/);
    assert.deepEqual(switchOff.related.filter((r) => r.message === 'value defined here').map((r) => `${r.file}:${r.line}`), ['/db/conn-string.js:10']);
    assert.match(noOpCheck.message, /^checkServerIdentity never returns an error/);
    // The parser's own file reports the switches where they are written.
    const parser = analyze(files, '/db/conn-string.js');
    assert.deepEqual(found(parser, CONN_STRING), ['10 tls-certificate-validation false', '16 tls-certificate-validation config.ssl.checkServerIdentity = function () {}']);
  });
});

describe('value flow: options objects filled by assignment', () => {
  it('follows writes to nested properties in branches, after `x = x || {}` and `Object.assign`, and in `Object.assign(target, ...)`', () => {
    const text = [
      "import tls from 'node:tls';",
      'export function open(legacy: boolean, relaxed: boolean) {',
      '  const opts: Record<string, any> = { host: "db" };',
      '  if (legacy) {',
      '    opts.secure = opts.secure || {};',
      "    opts.secure.minVersion = 'TLSv1';",
      '  } else {',
      '    opts.secure = Object.assign({}, opts.secure);',
      "    Object.assign(opts.secure, { maxVersion: 'TLSv1.1' });",
      '  }',
      '  return tls.connect(opts.secure);',
      '}',
    ].join('\n');
    assert.deepEqual(single('/a/tls.ts', text), ["6 tls-version 'TLSv1'", "9 tls-version 'TLSv1.1'"]);
  });

  it('follows an object stored on `this` and one passed as a parameter', () => {
    const text = [
      "const tls = require('tls');",
      'class Client {',
      '  constructor(host) {',
      '    this.options = { host };',
      "    this.options.minVersion = 'TLSv1.1';",
      '  }',
      '  connect() { return tls.connect(this.options); }',
      '}',
      'function dial(options) { return tls.connect(options); }',
      'const legacy = { host: "old" };',
      "legacy.secureProtocol = 'TLSv1_method';",
      'dial(legacy);',
      'module.exports = { Client };',
    ].join('\n');
    assert.deepEqual(single('/a/client.js', text), ["5 tls-version 'TLSv1.1'", "11 tls-version 'TLSv1_method'"]);
  });

  it('reports a switch written by assignment where it is written, when the object goes back to a caller', () => {
    const text = [
      'export function sslOptions(insecure) {',
      '  const ssl = { ca: process.env.DB_CA };',
      '  if (insecure) ssl.rejectUnauthorized = false;',
      '  return { ssl, cfg: { tls: insecure ? { rejectUnauthorized: false } : true } };',
      '}',
      'export function agentFor(agent) {',
      '  agent.options.ssl.checkServerIdentity = () => undefined;',
      '}',
    ].join('\n');
    assert.deepEqual(single('/a/ssl.js', text), [
      '3 tls-certificate-validation false',
      '4 tls-certificate-validation false',
      '7 tls-certificate-validation agent.options.ssl.checkServerIdentity = () => undefined',
    ]);
  });

  it('takes the expected value of a test assertion for data, not a setting', () => {
    const text = [
      "import assert from 'node:assert';",
      "import { parse } from './parse';",
      "it('keeps no-verify', () => {",
      "  const config = parse('postgres://h/db?sslmode=prefer');",
      '  assert.deepStrictEqual(config.ssl, { rejectUnauthorized: false });',
      '  expect(config).toEqual({ ssl: { rejectUnauthorized: false } });',
      '  config.should.eql({ tlsAllowInvalidCertificates: true });',
      '  t.same(config.tls, { rejectUnauthorized: false });',
      '  expect(connect).toHaveBeenCalledWith({ checkServerIdentity: () => undefined });',
      '});',
    ].join('\n');
    assert.deepEqual(found(analyze({ '/a/parse.test.js': text, '/a/parse.js': 'export const parse = (u) => ({ ssl: {} });' }, '/a/parse.test.js'), text), []);
  });
});

describe('value flow: crypto reached late or indirectly', () => {
  it('follows require inside functions, try blocks, lazy loaders, getters, await import() and module.require', () => {
    const text = [
      'let cached;',
      "function loadCrypto() { return cached || (cached = require('crypto')); }",
      'let fallback;',
      "try { fallback = require('node:crypto'); } catch { fallback = undefined; }",
      "const lazy = { get crypto() { return module.require('crypto'); } };",
      'async function main() {',
      "  const { createHash } = await import('node:crypto');",
      "  createHash('md4');",
      '}',
      "loadCrypto().createHash('md5');",
      "fallback.createHash('blake2b512');",
      "lazy.crypto.createHash('ripemd160');",
      "function inner() { const c = require('crypto'); return c.createHash('md5-sha1'); }",
    ].join('\n');
    const lines = single('/a/late.js', text);
    assert.deepEqual(lines, ["8 hash-algorithm 'md4'", "10 hash-algorithm 'md5'", "11 hash-algorithm 'blake2b512'", "12 hash-algorithm 'ripemd160'", "13 hash-algorithm 'md5-sha1'"]);
  });

  it('follows WebCrypto through alias chains, fields and module exports', () => {
    const files = {
      '/w/subtle.js': "const nodeCrypto = require('crypto');\nexports.subtle = (nodeCrypto.webcrypto || globalThis.crypto).subtle;\n",
      '/w/keys.js': [
        "const nodeCrypto = require('crypto');",
        "const { subtle: exported } = require('./subtle');",
        'const web = nodeCrypto.webcrypto || globalThis.crypto;',
        'const subtle = web.subtle;',
        'class Keys {',
        '  constructor() { this.subtle = (globalThis.crypto || nodeCrypto.webcrypto).subtle; }',
        "  make() { return this.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign']); }",
        '}',
        "subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['encrypt']);",
        "exported.generateKey({ name: 'RSA-PSS', modulusLength: 1536, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign']);",
        'module.exports = { Keys };',
      ].join('\n'),
    };
    const result = analyze(files, '/w/keys.js');
    assert.deepEqual(result.findings.map((f) => `${f.line} ${f.ruleId}`), ['7 rsa-key-size', '9 rsa-key-size', '10 rsa-key-size']);
  });

  it('sees functions defined as property assignments, object-literal methods and static methods', () => {
    const text = [
      "const crypto = require('crypto');",
      'function OAuth() {}',
      "OAuth.nonce = function () { return Math.random().toString(36).slice(2); };",
      'OAuth.prototype.sign = function (params) { params.oauth_nonce = OAuth.nonce(); return params; };',
      "exports.digest = function (alg, data) { return crypto.createHash(alg).update(data).digest('hex'); };",
      "exports.digest('md5', 'x');",
      "const hashing = { hmac(alg, key) { return crypto.createHmac(alg, key); } };",
      "hashing.hmac('md5', process.env.KEY);",
      "class Signer { static sign(alg, data, key) { return crypto.createSign(alg).update(data).sign(key); } }",
      "Signer.sign('RSA-MD5', 'x', key);",
    ].join('\n');
    assert.deepEqual(single('/a/oauth.js', text), [
      '3 insecure-random Math.random()',
      "6 hash-algorithm 'md5'",
      "8 hmac-parameters 'md5'",
      "10 signature-digest 'RSA-MD5'",
    ]);
  });
});

describe('value flow: across modules', () => {
  it('reports a literal passed to a wrapper of another module at the literal, through any number of wrappers', () => {
    const files = {
      '/p/utils/hash.ts': [
        "import { createHash } from 'node:crypto';",
        "export function digest(alg: string, data: string) { return createHash(alg).update(data).digest('hex'); }",
        "export const fingerprint = (data: string, alg = 'sha256') => digest(alg, data);",
      ].join('\n'),
      '/p/utils/index.ts': "export * from './hash';\n",
      '/p/app.ts': ["import { digest, fingerprint } from './utils';", "const etag = digest('md5', body);", "const legacy = fingerprint(body, 'ripemd160');", "const fine = fingerprint(body);"].join('\n'),
    };
    const result = analyze(files, '/p/app.ts');
    assert.deepEqual(found(result, files['/p/app.ts']), ["2 hash-algorithm 'md5'", "3 hash-algorithm 'ripemd160'"]);
    const [md5] = result.findings;
    assert.ok(md5.related.some((r) => r.file === '/p/utils/hash.ts' && r.line === 2 && /digest\(\)/.test(r.message)), JSON.stringify(md5.related));
    assert.equal(md5.fixes[0].edits[0].file, '/p/app.ts', 'the fix edits the literal the caller wrote');
    // The wrapper's own file has no finding, and says the algorithm comes from its callers.
    const wrapper = analyze(files, '/p/utils/hash.ts');
    assert.deepEqual(wrapper.findings, []);
    assert.deepEqual(wrapper.unresolved?.map((u) => `${u.line} ${u.reason}`), ['2 comes from parameter `alg` of exported function `digest`']);
  });

  it(`follows a value through 30 wrappers in one file and across modules (the limit is ${MAX_CALL_HOPS})`, () => {
    const chain = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) => (i === 0 ? `export function ${prefix}0(a) { return crypto.createHash(a); }` : `export function ${prefix}${i}(a) { return ${prefix}${i - 1}(a); }`)).join('\n');
    const local = `const crypto = require('crypto');\n${chain('w', 30)}\nw29('md5');\n`;
    assert.deepEqual(single('/c/local.js', local), ["32 hash-algorithm 'md5'"]);
    const files = { '/c/chain.js': `const crypto = require('crypto');\n${chain('w', 30)}\n`, '/c/use.js': "const { w29 } = require('./chain');\nw29('md5');\n" };
    assert.deepEqual(found(analyze(files, '/c/use.js'), files['/c/use.js']), ["2 hash-algorithm 'md5'"]);
  });

  it('reports a Math.random helper of one module at its Math.random call, naming the secret it becomes in another', () => {
    const files = {
      '/s/ids.ts': "export function randomId(length = 16) { return Math.random().toString(36).slice(2, 2 + length); }\nexport const colour = () => Math.random() * 360;\n",
      '/s/oauth.ts': "import { randomId, colour } from './ids';\nexport function authorizeUrl(base: string) { const hue = colour(); return `${base}?state=${encodeURIComponent(randomId())}&h=${hue}`; }\nexport const session = { state: randomId() };\n",
    };
    const result = analyze(files, '/s/ids.ts');
    assert.deepEqual(found(result, files['/s/ids.ts']), ['1 insecure-random Math.random()']);
    assert.deepEqual(result.findings[0].related.map((r) => `${r.file}:${r.line} ${r.message}`), ['/s/oauth.ts:2 its value becomes state here']);
  });
});

describe('value flow: limits', () => {
  it('follows ternary chains 500 deep and concatenations of 300 terms', () => {
    const ternary = `const crypto = require('crypto');\nconst alg = ${Array.from({ length: 500 }, (_, i) => `k === ${i} ? 'sha256' :`).join(' ')} 'md5';\ncrypto.createHash(alg);\n`;
    const ternaryResult = analyze({ '/l/t.js': ternary }, '/l/t.js');
    assert.deepEqual(ternaryResult.findings.map((f) => f.ruleId), ['hash-algorithm']);
    const concat = `const crypto = require('crypto');\ncrypto.createHash(${Array.from({ length: 298 }, () => "''").join(' + ')} + 'md' + '5');\n`;
    assert.deepEqual(analyze({ '/l/c.js': concat }, '/l/c.js').findings.map((f) => f.ruleId), ['hash-algorithm']);
  });

  it('stops a search that would run away, and lists the call as unresolved with the limit as its reason', { timeout: 60_000 }, () => {
    // Each level reads the one below twice: 2^40 paths without a limit.
    const levels = Array.from({ length: 40 }, (_, i) => `const a${i + 1} = pick() ? a${i} : a${i} + '';`).join('\n');
    const text = `const crypto = require('crypto');\nconst a0 = settings.hash;\n${levels}\ncrypto.createHash(a40);\n`;
    const result = analyze({ '/l/x.js': text }, '/l/x.js');
    assert.equal(result.failure, undefined);
    assert.deepEqual(result.findings, []);
    assert.equal(result.unresolved?.length, 1);
    assert.match(result.unresolved![0].reason, /more than [\d,]+ (steps|possible forms)/);
  });
});
