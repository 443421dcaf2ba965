import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import { createCipheriv, randomBytes } from 'crypto';\nconst c = createCipheriv('aes-256-gcm', key, randomBytes(12));`,
    `import crypto from 'crypto';\ncrypto.createDecipheriv('aes-128-cbc', key, iv);`,
    `import crypto from 'crypto';\ncrypto.createCipheriv('id-aes256-wrap-pad', kek, iv);`,
    { name: 'algorithm from configuration', code: `import crypto from 'crypto';\ncrypto.createCipheriv(config.cipher, key, iv);` },
    { name: 'AES-256 under CNSA', profile: 'cnsa-2.0', code: `import crypto from 'crypto';\ncrypto.createCipheriv('aes-256-ctr', key, iv);` },
    { name: 'AES-192 is approved under FIPS 140-3', code: `import crypto from 'crypto';\ncrypto.createCipheriv('aes-192-cbc', key, iv);` },
    {
      name: 'a field set from a constructor argument is not a constant',
      filename: 'case.js',
      code: `const crypto = require('crypto');\nclass Vault {\n  constructor(algorithm) { this.algorithm = algorithm; }\n  seal(key, iv) { return crypto.createCipheriv(this.algorithm, key, iv); }\n}`,
    },
    { name: 'AES-128 keys are approved under FIPS 140-3', code: `import crypto from 'crypto';\ncrypto.generateKeySync('aes', { length: 128 });` },
  ],
  invalid: [
    {
      name: 'the password-based createCipher: the cipher is a finding too (no fix: no-create-cipher says how to migrate)',
      code: `import crypto from 'crypto';\nconst c = crypto.createCipher('des', password);`,
      errors: [{ line: 2, text: "'des'", message: 'createCipher uses DES for encryption' }],
      output: null,
    },
    {
      code: `import crypto from 'crypto';\nconst cipher = crypto.createCipheriv('des-ede3-cbc', key, iv);`,
      errors: [{ line: 2, text: "'des-ede3-cbc'", severity: 'error', message: 'Triple DES' }],
      output: `import crypto from 'crypto';\nconst cipher = crypto.createCipheriv('aes-256-gcm', key, iv);`,
    },
    {
      name: 'TDEA decryption is legacy use (info) and has no fix',
      code: `import crypto from 'crypto';\ncrypto.createDecipheriv('des3', key, iv);`,
      errors: [{ line: 2, text: "'des3'", severity: 'info' }],
      output: null,
    },
    {
      name: 'TDEA encryption in 2023 was deprecated',
      asOf: '2023-06-01',
      code: `import crypto from 'crypto';\ncrypto.createCipheriv('des-ede3-cbc', key, iv);`,
      errors: [{ line: 2, text: "'des-ede3-cbc'", severity: 'warning' }],
      output: `import crypto from 'crypto';\ncrypto.createCipheriv('aes-256-gcm', key, iv);`,
    },
    {
      name: 'upper-case name keeps its case',
      code: `const { createCipheriv } = require('crypto');\ncreateCipheriv('BF-CBC', key, iv);`,
      errors: [{ line: 2, text: "'BF-CBC'", message: 'Blowfish' }],
      output: `const { createCipheriv } = require('crypto');\ncreateCipheriv('AES-256-GCM', key, iv);`,
    },
    {
      code: `import { createCipheriv } from 'node:crypto';\ncreateCipheriv('rc4', key, null);\ncreateCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });\ncreateCipheriv('des-ecb', key, null);`,
      errors: [
        { line: 2, text: "'rc4'" },
        { line: 3, text: "'chacha20-poly1305'" },
        { line: 4, text: "'des-ecb'" },
      ],
      output: `import { createCipheriv } from 'node:crypto';\ncreateCipheriv('aes-256-gcm', key, null);\ncreateCipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });\ncreateCipheriv('aes-256-gcm', key, null);`,
    },
    {
      name: 'same-mode AES for Camellia GCM',
      code: `import crypto from 'crypto';\ncrypto.createCipheriv('aria-128-gcm', key, iv);`,
      errors: [{ line: 2, text: "'aria-128-gcm'" }],
      output: `import crypto from 'crypto';\ncrypto.createCipheriv('aes-128-gcm', key, iv);`,
    },
    {
      name: 'AES-128 under CNSA',
      profile: 'cnsa-2.0',
      code: `import crypto from 'crypto';\ncrypto.createCipheriv('aes-128-gcm', key, iv);`,
      errors: [{ line: 2, text: "'aes-128-gcm'", message: 'AES-256' }],
      output: `import crypto from 'crypto';\ncrypto.createCipheriv('aes-256-gcm', key, iv);`,
    },
    {
      name: 'stitched TLS cipher outside TLS',
      code: `import crypto from 'crypto';\ncrypto.createCipheriv('aes-256-cbc-hmac-sha256', key, iv);`,
      errors: [{ line: 2, text: "'aes-256-cbc-hmac-sha256'" }],
      output: `import crypto from 'crypto';\ncrypto.createCipheriv('aes-256-gcm', key, iv);`,
    },
    {
      name: 'concatenated name',
      code: `import crypto from 'crypto';\nconst family = 'des';\ncrypto.createCipheriv(family + '-cbc', key, iv);`,
      errors: [{ line: 3, text: "family + '-cbc'" }],
      output: null,
    },
    {
      name: 'a JavaScript class that sets the algorithm in its constructor',
      filename: 'case.js',
      code: `const crypto = require('crypto');\nclass Vault {\n  constructor() { this.algorithm = 'des-ede3-cbc'; }\n  seal(key, iv) { return crypto.createCipheriv(this.algorithm, key, iv); }\n}`,
      errors: [{ line: 3, text: "'des-ede3-cbc'" }],
      output: `const crypto = require('crypto');\nclass Vault {\n  constructor() { this.algorithm = 'aes-256-gcm'; }\n  seal(key, iv) { return crypto.createCipheriv(this.algorithm, key, iv); }\n}`,
    },
    {
      name: 'an ES5 constructor function and its prototype method',
      filename: 'case.js',
      code: `var crypto = require('crypto');\nfunction Cipher(opts) {\n  this.algorithm = (opts && opts.algorithm) || 'bf-cbc';\n}\nCipher.prototype.encrypt = function (text, key, iv) {\n  return crypto.createCipheriv(this.algorithm, key, iv).update(text);\n};`,
      errors: [{ line: 3, text: "'bf-cbc'" }],
      output: `var crypto = require('crypto');\nfunction Cipher(opts) {\n  this.algorithm = (opts && opts.algorithm) || 'aes-256-gcm';\n}\nCipher.prototype.encrypt = function (text, key, iv) {\n  return crypto.createCipheriv(this.algorithm, key, iv).update(text);\n};`,
    },
    {
      name: 'AES-128 key generation under CNSA',
      profile: 'cnsa-2.0',
      code: `import crypto from 'crypto';\nconst key = crypto.generateKeySync('aes', { length: 128 });`,
      errors: [{ line: 2, text: '128', message: 'AES-256' }],
      output: `import crypto from 'crypto';\nconst key = crypto.generateKeySync('aes', { length: 256 });`,
    },
    {
      name: 'WebCrypto AES-128 key under CNSA',
      profile: 'cnsa-2.0',
      code: `await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, false, ['encrypt']);`,
      errors: [{ line: 1, text: '128' }],
      output: `await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);`,
    },
  ],
};
