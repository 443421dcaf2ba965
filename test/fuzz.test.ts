import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeChecked } from './invariants';

/**
 * Property-based test: programs built around crypto calls (every import style, values the rules
 * read, wrappers that move them around), then mutated the way typing does (slices deleted,
 * duplicated, junk inserted). For each: no exception escapes, no rule fails, every range is valid
 * and every fix applies cleanly (`invariants.ts`). `npm test` runs a bounded, seeded run;
 * `npm run fuzz` a long one with a fresh seed (FIPSLINT_FUZZ_RUNS, FIPSLINT_FUZZ_SEED).
 */
const RUNS = Number(process.env.FIPSLINT_FUZZ_RUNS ?? 1000);
const SEED = process.env.FIPSLINT_FUZZ_SEED !== undefined ? Number(process.env.FIPSLINT_FUZZ_SEED) : RUNS > 1000 ? Date.now() : 20261203;

const IMPORTS = [
  "import crypto from 'node:crypto';",
  "import * as crypto from 'crypto';",
  "const crypto = require('crypto');",
  "import { createHash, createCipheriv, createHmac, pbkdf2Sync, generateKeyPairSync, randomBytes } from 'crypto';",
  "import tls from 'node:tls';",
  "const https = require('https');",
  "import jwt from 'jsonwebtoken';",
  "const CryptoJS = require('crypto-js');",
  "import forge from 'node-forge';",
  "import bcrypt from 'bcryptjs';",
  "import { Pool } from 'pg';",
  "import nacl from 'tweetnacl';",
  "import { SignJWT } from 'jose';",
];

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const word = fc.constantFrom(
  'md5', 'sha1', 'sha256', 'sha384', 'sha3-256', 'ripemd160', 'des-ede3-cbc', 'aes-128-ecb', 'aes-256-gcm', 'aes-256-cbc', 'rc4', 'chacha20-poly1305',
  'rsa', 'ec', 'dsa', 'ed25519', 'x25519', 'secp256k1', 'prime256v1', 'TLSv1', 'TLSv1.2', 'TLSv1.3', 'RC4-SHA:AES128-SHA', 'none', 'HS256', 'RS256', 'ES256K',
  'RSA-OAEP', 'pkcs1', 'hex', 'base64', '', '🙂𝒳', 'a'.repeat(200), 'postgres://h/db?sslmode=no-verify',
);
const number = fc.oneof(fc.constantFrom(0, 1, 8, 12, 16, 32, 512, 1024, 2048, 3072, 999, 1000, 600000, -1, 1e21, 0.5), fc.integer({ min: -5, max: 70000 }));
const value = fc.oneof(
  word.map(quote),
  word.map((w) => '`' + w.replace(/[`\\$]/g, '') + '`'),
  number.map(String),
  fc.constantFrom('true', 'false', 'null', 'undefined', 'process.env.SECRET', "process.env.SECRET || 'fallback-secret-value'", "Buffer.from('00112233445566778899aabbccddeeff', 'hex')", 'Buffer.alloc(16)', 'crypto.randomBytes(16)', 'Math.random()', 'k', 'opts', '{}', '[]', "['HS256', 'none']", '() => undefined', 'ALG', 'config.alg', '...rest'),
);

const CALLS = [
  'crypto.createHash($a)',
  'createHash($a).update(s).digest($b)',
  'crypto.createHmac($a, $b)',
  'crypto.createCipheriv($a, $b, $c)',
  'crypto.createDecipheriv($a, $b, $c)',
  'crypto.pbkdf2Sync($a, $b, $c, 32, $a)',
  "crypto.generateKeyPairSync($a, { modulusLength: $b, namedCurve: $c })",
  "crypto.generateKeyPair('rsa', { modulusLength: $a }, $b)",
  'crypto.publicEncrypt({ key: $a, padding: $b }, data)',
  'crypto.createECDH($a)',
  'tls.connect({ host: $a, rejectUnauthorized: $b, minVersion: $c, ciphers: $a })',
  'new https.Agent({ rejectUnauthorized: $a, secureProtocol: $b })',
  'jwt.sign(payload, $a, { algorithm: $b, allowInsecureKeySizes: $c })',
  'jwt.verify(token, $a, $b)',
  'CryptoJS.AES.encrypt(msg, $a, { mode: CryptoJS.mode.ECB, padding: $b })',
  'CryptoJS.MD5($a).toString()',
  'CryptoJS.HmacSHA256($a, $b).toString(CryptoJS.enc.Hex)',
  'forge.pki.rsa.generateKeyPair($a)',
  'forge.md.md5.create().update($a).digest().toHex()',
  'forge.cipher.createCipher($a, $b)',
  'bcrypt.hashSync($a, $b)',
  'new Pool({ connectionString: $a, ssl: { rejectUnauthorized: $b } })',
  'nacl.secretbox($a, $b, $c)',
  'new SignJWT(claims).setProtectedHeader({ alg: $a })',
  'Math.floor(Math.random() * $a)',
  'Math.random().toString(36).slice($a)',
  'crypto.subtle.digest($a, data)',
  'crypto.subtle.generateKey({ name: $a, modulusLength: $b, hash: $c }, true, [])',
];

const WRAPPERS = [
  (x: string) => `${x};`,
  (x: string) => `const sessionToken = ${x};`,
  (x: string) => `export const value = ${x};`,
  (x: string, a: string) => `export function wrap(k = ${a}) {\n  return ${x};\n}`,
  (x: string) => `const o = { key: ${x}, ...defaults };`,
  (x: string, a: string) => `if (${a}) {\n\t${x};\n} else {\n  ${x};\n}`,
  (x: string) => `class C { private readonly field = ${x}; m() { return this.field; } }`,
  (x: string) => `const f = async () => await ${x};`,
  (x: string) => `// fipslint-disable-next-line hash-algorithm -- legacy\n${x};`,
  (x: string) => `/* fipslint-disable -- reviewed until 2027-01-01 */\n${x};\n/* fipslint-enable */`,
];

const statement = fc
  .tuple(fc.nat({ max: CALLS.length - 1 }), fc.nat({ max: WRAPPERS.length - 1 }), value, value, value)
  .map(([call, wrapper, a, b, c]) => WRAPPERS[wrapper](CALLS[call].replace(/\$a/g, a).replace(/\$b/g, b).replace(/\$c/g, c), a));

const program = fc
  .tuple(
    fc.subarray(IMPORTS, { minLength: 1 }),
    fc.array(fc.constantFrom("const ALG = 'md5';", "const config = { alg: 'sha1' } as const;", "enum E { A = 'des-ede3-cbc' }", 'let k: string;', 'const opts = { rejectUnauthorized: false };'), { maxLength: 3 }),
    fc.array(statement, { minLength: 1, maxLength: 8 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([imports, constants, statements, eol, bom]) => (bom ? '\uFEFF' : '') + [...imports, ...constants, ...statements].join(eol) + eol);

/** What typing and broken saves do to a file. */
const mutation = fc.oneof(
  fc.constant((text: string) => text),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 60 })).map(([at, length]) => (text: string) => {
    const i = Math.floor(at * text.length);
    return text.slice(0, i) + text.slice(i + length);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('(', ')', '{', '}', '`', "'", '"', '/*', ',', '...', '=>', '\u0000', '\uD800', '\\', ' as any', '!', '?.', '\r', '\u2028')).map(([at, junk]) => (text: string) => {
    const i = Math.floor(at * text.length);
    return text.slice(0, i) + junk + text.slice(i);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 80 })).map(([at, length]) => (text: string) => {
    const i = Math.floor(at * text.length);
    return text.slice(0, i) + text.slice(i, i + length).repeat(2) + text.slice(i + length);
  }),
);

describe('fuzz: generated and mutated programs around crypto calls', () => {
  it(`holds the invariants for ${RUNS} programs (seed ${SEED})`, { timeout: 30 * 60_000 }, () => {
    fc.assert(
      fc.property(program, fc.array(mutation, { maxLength: 3 }), fc.constantFrom('/input/case.ts', '/input/case.js', '/input/case.tsx', '/input/case.mjs'), (text, mutations, fileName) => {
        const mutated = mutations.reduce((t, m) => m(t), text);
        try {
          analyzeChecked(mutated, fileName);
        } catch (error) {
          // fast-check reports the input; this says which invariant broke.
          console.error(`invariant broken: ${(error as Error).message.slice(0, 600)}`);
          throw error;
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
