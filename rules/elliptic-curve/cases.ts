import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import crypto from 'crypto';\ncrypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });`,
    `import crypto from 'crypto';\nconst ecdh = crypto.createECDH('secp384r1');`,
    `await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-521' }, false, ['sign']);`,
    { name: 'P-384 is the CNSA transition curve (warning, not error)', profile: 'fips-140-3', code: `import crypto from 'crypto';\ncrypto.createECDH('secp384r1');` },
  ],
  invalid: [
    {
      code: `import crypto from 'crypto';\nconst ecdh = crypto.createECDH('secp256k1');`,
      errors: [{ line: 2, text: "'secp256k1'", message: 'blockchain' }],
      output: `import crypto from 'crypto';\nconst ecdh = crypto.createECDH('prime256v1');`,
    },
    {
      name: 'NIST spelling is kept',
      code: `import { generateKeyPair } from 'crypto';\ngenerateKeyPair('ec', { namedCurve: 'P-192' }, cb);`,
      errors: [{ line: 2, text: "'P-192'" }],
      output: `import { generateKeyPair } from 'crypto';\ngenerateKeyPair('ec', { namedCurve: 'P-256' }, cb);`,
    },
    {
      code: `import crypto from 'crypto';\ncrypto.generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' });`,
      errors: [{ line: 2, text: "'brainpoolP256r1'" }],
      output: `import crypto from 'crypto';\ncrypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });`,
    },
    {
      name: 'P-256 under CNSA',
      profile: 'cnsa-2.0',
      code: `await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);`,
      errors: [{ line: 1, text: "'P-256'" }],
      output: `await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, false, ['deriveBits']);`,
    },
    {
      name: 'verifying with an imported P-192 key is legacy use',
      code: `await crypto.subtle.importKey('spki', der, { name: 'ECDSA', namedCurve: 'P-192' }, false, ['verify']);`,
      errors: [{ line: 1, text: "'P-192'", severity: 'info' }],
      output: null,
    },
  ],
};
