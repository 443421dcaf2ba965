import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import crypto from 'crypto';\ncrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });`,
    `await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, false, ['deriveBits']);`,
  ],
  invalid: [
    {
      code: `import crypto from 'crypto';\nconst { publicKey, privateKey } = crypto.generateKeyPairSync('x25519');`,
      errors: [{ line: 2, text: "'x25519'", message: 'IG C.K' }],
      output: `import crypto from 'crypto';\nconst { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });`,
    },
    {
      code: `import crypto from 'crypto';\ncrypto.generateKeyPair('x448', { publicKeyEncoding: { type: 'spki', format: 'der' } }, cb);`,
      errors: [{ line: 2, text: "'x448'" }],
      output: `import crypto from 'crypto';\ncrypto.generateKeyPair('ec', { publicKeyEncoding: { type: 'spki', format: 'der' }, namedCurve: 'P-384' }, cb);`,
    },
    {
      code: `const keys = await crypto.subtle.generateKey({ name: 'X25519' }, true, ['deriveBits']);`,
      errors: [{ line: 1, text: "'X25519'" }],
      output: `const keys = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);`,
    },
    {
      code: `const keys = await crypto.subtle.generateKey('X25519', true, ['deriveKey']);`,
      errors: [{ line: 1, text: "'X25519'" }],
      output: `const keys = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveKey']);`,
    },
  ],
};
