import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import crypto from 'crypto';\nconst signature = crypto.sign('sha256', data, privateKey);`,
    `import crypto from 'crypto';\ncrypto.createSign('RSA-SHA384').update(x).sign(key);`,
    { name: 'EdDSA signs without a digest name', code: `import crypto from 'crypto';\ncrypto.sign(null, data, ed25519Key);` },
    `await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-384' }, key, data);`,
  ],
  invalid: [
    {
      code: `import crypto from 'crypto';\nconst signer = crypto.createSign('RSA-SHA1');`,
      errors: [{ line: 2, text: "'RSA-SHA1'", severity: 'error' }],
      output: `import crypto from 'crypto';\nconst signer = crypto.createSign('RSA-SHA256');`,
    },
    {
      name: 'verifying SHA-1 signatures is legacy use',
      code: `import crypto from 'crypto';\ncrypto.verify('sha1', data, publicKey, signature);`,
      errors: [{ line: 2, text: "'sha1'", severity: 'info' }],
      output: `import crypto from 'crypto';\ncrypto.verify('sha256', data, publicKey, signature);`,
    },
    {
      code: `const { createSign } = require('crypto');\ncreateSign('md5WithRSAEncryption');`,
      errors: [{ line: 2, text: "'md5WithRSAEncryption'" }],
      output: `const { createSign } = require('crypto');\ncreateSign('sha256WithRSAEncryption');`,
    },
    {
      code: `await crypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-1' } }, false, ['sign']);`,
      errors: [{ line: 1, text: "'SHA-1'" }],
      output: `await crypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } }, false, ['sign']);`,
    },
    {
      name: 'SHA-256 signatures under CNSA',
      profile: 'cnsa-2.0',
      code: `import crypto from 'crypto';\ncrypto.sign('sha256', data, key);`,
      errors: [{ line: 2, text: "'sha256'" }],
      output: `import crypto from 'crypto';\ncrypto.sign('sha384', data, key);`,
    },
  ],
};
