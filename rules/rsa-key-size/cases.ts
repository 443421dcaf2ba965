import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import { generateKeyPairSync } from 'crypto';\ngenerateKeyPairSync('rsa', { modulusLength: 3072 });`,
    { name: 'RSA-2048 is acceptable until 2030', code: `import crypto from 'crypto';\ncrypto.generateKeyPair('rsa-pss', { modulusLength: 2048, publicExponent: 65537 }, cb);` },
    { name: 'modulusLength of a non-RSA key type', code: `import crypto from 'crypto';\ncrypto.generateKeyPairSync('dsa', { modulusLength: 1024 });` },
    `await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['encrypt']);`,
  ],
  invalid: [
    {
      code: `import { generateKeyPairSync } from 'crypto';\nconst { publicKey, privateKey } = generateKeyPairSync('rsa', {\n  modulusLength: 1024,\n  publicKeyEncoding: { type: 'spki', format: 'pem' },\n});`,
      errors: [{ line: 3, text: '1024', severity: 'error' }],
      output: `import { generateKeyPairSync } from 'crypto';\nconst { publicKey, privateKey } = generateKeyPairSync('rsa', {\n  modulusLength: 3072,\n  publicKeyEncoding: { type: 'spki', format: 'pem' },\n});`,
    },
    {
      name: 'key size from a shared constant and arithmetic',
      code: `import crypto from 'crypto';\nconst KEY_BITS = 512 * 2;\nconst options = { modulusLength: KEY_BITS };\ncrypto.generateKeyPair('rsa', options, done);`,
      errors: [{ line: 2, text: '512 * 2' }],
      output: `import crypto from 'crypto';\nconst KEY_BITS = 3072;\nconst options = { modulusLength: KEY_BITS };\ncrypto.generateKeyPair('rsa', options, done);`,
    },
    {
      name: 'RSA-2048 is deprecated after 2030',
      asOf: '2031-01-01',
      code: `import crypto from 'crypto';\ncrypto.generateKeyPairSync('rsa', { modulusLength: 2048 });`,
      errors: [{ line: 2, text: '2048', severity: 'warning' }],
      output: `import crypto from 'crypto';\ncrypto.generateKeyPairSync('rsa', { modulusLength: 3072 });`,
    },
    {
      name: 'RSA-2048 under CNSA',
      profile: 'cnsa-2.0',
      code: `import crypto from 'crypto';\ncrypto.generateKeyPairSync('rsa', { modulusLength: 2048 });`,
      errors: [{ line: 2, text: '2048', severity: 'error' }],
      output: `import crypto from 'crypto';\ncrypto.generateKeyPairSync('rsa', { modulusLength: 3072 });`,
    },
    {
      name: 'public exponent 3',
      code: `import crypto from 'crypto';\ncrypto.generateKeyPairSync('rsa', { modulusLength: 3072, publicExponent: 3 });`,
      errors: [{ line: 2, text: '3' }],
      output: `import crypto from 'crypto';\ncrypto.generateKeyPairSync('rsa', { modulusLength: 3072 });`,
    },
    {
      code: `const pair = await window.crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);`,
      errors: [{ line: 1, text: '1024' }],
      output: `const pair = await window.crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);`,
    },
  ],
};
