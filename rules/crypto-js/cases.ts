import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    { name: 'a local object called CryptoJS is not the library', code: `const CryptoJS = { MD5: (s: string) => s.length };\nCryptoJS.MD5('x');` },
    { name: 'an md5 property on a data object', code: `const row = { md5: 'd41d8cd98f00b204e9800998ecf8427e' };\nconsole.log(row.md5);` },
    { name: 'a function named MD5 from another package', code: `import { MD5 } from './legacy-hash';\nMD5('x');` },
    { name: 'node:crypto is not crypto-js', code: `import { createHash } from 'node:crypto';\ncreateHash('sha256').update('x').digest('hex');` },
    { name: 'encoders are not crypto', code: `import CryptoJS from 'crypto-js';\nconst text = CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse('hi'));` },
  ],
  invalid: [
    {
      name: 'MD5 in ESM: fix to createHash with the import added',
      code: `import CryptoJS from 'crypto-js';\nexport const digest = (s: string) => CryptoJS.MD5(s).toString();`,
      errors: [{ line: 2, text: 'CryptoJS.MD5', severity: 'error', message: 'MD5, not approved' }],
      output: `import CryptoJS from 'crypto-js';\nimport { createHash } from 'node:crypto';\nexport const digest = (s: string) => createHash('sha256').update(s).digest('hex');`,
    },
    {
      name: 'sub-module import in CommonJS, reusing the crypto require',
      filename: 'case.js',
      code: `const md5 = require('crypto-js/md5');\nconst crypto = require('crypto');\nconst tag = md5(body).toString();`,
      errors: [{ line: 3, text: 'md5', severity: 'error' }],
      output: `const md5 = require('crypto-js/md5');\nconst crypto = require('crypto');\nconst tag = crypto.createHash('sha256').update(body).digest('hex');`,
    },
    {
      name: 'SHA-256 in crypto-js is NV; the same-output fix is offered',
      code: `import { SHA256, enc } from 'crypto-js';\nimport { randomBytes } from 'node:crypto';\nconst id = SHA256('a' + name).toString(enc.Base64);`,
      errors: [{ line: 3, text: 'SHA256', severity: 'warning', message: 'not a FIPS 140 validated module' }],
      output: `import { SHA256, enc } from 'crypto-js';\nimport { randomBytes, createHash } from 'node:crypto';\nconst id = createHash('sha256').update('a' + name).digest('base64');`,
    },
    {
      name: 'SHA3 is Keccak, not FIPS 202: fix by output length',
      code: `import * as CryptoJS from 'crypto-js';\nconst h = \`\${CryptoJS.SHA3(data, { outputLength: 256 })}\`;`,
      errors: [{ line: 2, text: 'CryptoJS.SHA3', severity: 'error', message: 'Keccak' }],
      output: `import * as CryptoJS from 'crypto-js';\nimport { createHash } from 'node:crypto';\nconst h = \`\${createHash('sha3-256').update(data).digest('hex')}\`;`,
    },
    {
      name: 'HMAC with MD5 and RIPEMD-160; a WordArray result used as such gets no fix',
      code: `import CryptoJS from 'crypto-js';\nconst a = CryptoJS.HmacMD5(msg, secret).toString();\nconst b = CryptoJS.HmacRIPEMD160(msg, secret);`,
      errors: [
        { line: 2, text: 'CryptoJS.HmacMD5', severity: 'error', message: 'HMAC-MD5' },
        { line: 3, text: 'CryptoJS.HmacRIPEMD160', severity: 'error' },
      ],
      output: `import CryptoJS from 'crypto-js';\nimport { createHmac } from 'node:crypto';\nconst a = createHmac('sha256', secret).update(msg).digest('hex');\nconst b = CryptoJS.HmacRIPEMD160(msg, secret);`,
    },
    {
      name: 'HMAC-SHA1 is NV (HMAC-SHA-1 is approved); progressive hashers too',
      code: `const CryptoJS = require('crypto-js');\nconst h = CryptoJS.algo.HMAC.create(CryptoJS.algo.SHA1, key);\nconst s = CryptoJS.algo.MD5.create();`,
      filename: 'case.cjs',
      errors: [
        { line: 2, text: 'CryptoJS.algo.SHA1', severity: 'warning' },
        { line: 3, text: 'CryptoJS.algo.MD5.create', severity: 'error' },
      ],
      output: null,
    },
    {
      name: 'SHA-256 is not enough under CNSA 2.0',
      profile: 'cnsa-2.0',
      code: `import CryptoJS from 'crypto-js';\nconst d = CryptoJS.SHA256(body);`,
      errors: [{ line: 2, text: 'CryptoJS.SHA256', severity: 'error', message: 'SHA-384' }],
      output: null,
    },
    {
      name: 'DES, RC4, Rabbit and Blowfish are not approved; TripleDES decryption is legacy',
      code: `import CryptoJS from 'crypto-js';\nCryptoJS.DES.encrypt(m, k);\nCryptoJS.RC4.encrypt(m, k);\nCryptoJS.Rabbit.encrypt(m, k);\nCryptoJS.Blowfish.decrypt(c, k);\nCryptoJS.TripleDES.encrypt(m, k);\nCryptoJS.TripleDES.decrypt(c, k);`,
      errors: [
        { line: 2, text: 'CryptoJS.DES.encrypt', severity: 'error', message: 'DES' },
        { line: 3, text: 'CryptoJS.RC4.encrypt', severity: 'error' },
        { line: 4, text: 'CryptoJS.Rabbit.encrypt', severity: 'error', message: 'Rabbit' },
        { line: 5, text: 'CryptoJS.Blowfish.decrypt', severity: 'error' },
        { line: 6, text: 'CryptoJS.TripleDES.encrypt', severity: 'error' },
        { line: 7, text: 'CryptoJS.TripleDES.decrypt', severity: 'info' },
      ],
      output: null,
    },
    {
      name: 'AES with a passphrase string derives its key with MD5',
      code: `import AES from 'crypto-js/aes';\nexport function seal(text: string, password: string) {\n  return AES.encrypt(text, password).toString();\n}\nAES.encrypt(text, process.env.SECRET_KEY);`,
      errors: [
        { line: 3, text: 'password', severity: 'error', message: 'EvpKDF' },
        { line: 5, text: 'process.env.SECRET_KEY', severity: 'error' },
      ],
      output: null,
    },
    {
      name: 'AES with a WordArray key is NV; ECB, CTRGladman and NoPadding are reported on the option',
      filename: 'case.js',
      code: `const CryptoJS = require('crypto-js');\nconst key = CryptoJS.enc.Hex.parse(hexKey);\nCryptoJS.AES.encrypt(msg, key, { iv });\nCryptoJS.AES.encrypt(msg, key, { mode: CryptoJS.mode.ECB });\nCryptoJS.AES.encrypt(msg, key, { iv, mode: CryptoJS.mode.CTRGladman });\nCryptoJS.AES.encrypt(msg, key, { iv, padding: CryptoJS.pad.NoPadding });\nCryptoJS.AES.decrypt(c, key, { mode: CryptoJS.mode.ECB });`,
      errors: [
        { line: 3, text: 'CryptoJS.AES.encrypt', severity: 'warning', message: 'in crypto-js' },
        { line: 4, text: 'CryptoJS.mode.ECB', severity: 'warning', message: 'ECB' },
        { line: 5, text: 'CryptoJS.mode.CTRGladman', severity: 'error' },
        { line: 6, text: 'CryptoJS.pad.NoPadding', severity: 'warning' },
        { line: 7, text: 'CryptoJS.AES.decrypt', severity: 'warning' },
      ],
      output: null,
    },
    {
      name: 'mode sub-module imports',
      code: `import AES from 'crypto-js/aes';\nimport ECB from 'crypto-js/mode-ecb';\nimport Hex from 'crypto-js/enc-hex';\nAES.encrypt(msg, Hex.parse(k), { mode: ECB });`,
      anticipate131Ar3: true,
      errors: [{ line: 4, text: 'ECB', severity: 'error' }],
      output: null,
    },
    {
      name: 'PBKDF2: low iterations, a SHA-1 PRF is fine, defaults depend on the version',
      code: `import CryptoJS from 'crypto-js';\nCryptoJS.PBKDF2(pw, salt, { keySize: 8, iterations: 1 });\nCryptoJS.PBKDF2(pw, salt, { keySize: 8, hasher: CryptoJS.algo.MD5, iterations: 600000 });\nCryptoJS.PBKDF2(pw, salt, { keySize: 8 });`,
      errors: [
        { line: 2, text: '1', severity: 'error', message: '1 iteration' },
        { line: 3, text: 'CryptoJS.algo.MD5', severity: 'error' },
        { line: 4, text: 'CryptoJS.PBKDF2', severity: 'warning', message: 'CVE-2023-46233' },
      ],
      output: null,
    },
    {
      name: 'EvpKDF is never approved; WordArray.random gets node:crypto randomBytes',
      code: `import CryptoJS from 'crypto-js';\nconst k = CryptoJS.EvpKDF(pw, salt, { keySize: 8 });\nconst iv = CryptoJS.lib.WordArray.random(16);`,
      errors: [
        { line: 2, text: 'CryptoJS.EvpKDF', severity: 'error' },
        { line: 3, text: 'CryptoJS.lib.WordArray.random', severity: 'warning' },
      ],
      output: `import CryptoJS from 'crypto-js';\nimport { randomBytes } from 'node:crypto';\nconst k = CryptoJS.EvpKDF(pw, salt, { keySize: 8 });\nconst iv = randomBytes(16);`,
    },
  ],
};
