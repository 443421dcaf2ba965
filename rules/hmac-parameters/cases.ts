import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import { createHmac } from 'crypto';\ncreateHmac('sha256', process.env.WEBHOOK_SECRET!).update(body).digest('hex');`,
    { name: 'HMAC-SHA-1 is acceptable (SP 800-107)', code: `import { createHmac } from 'crypto';\ncreateHmac('sha1', key).update(x);` },
    `import crypto from 'crypto';\ncrypto.generateKeySync('hmac', { length: 256 });`,
    `await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);`,
    `import { createHmac } from 'crypto';\ncreateHmac('sha256', 'a-sufficiently-long-secret').update(x);`,
  ],
  invalid: [
    {
      code: `import { createHmac } from 'crypto';\nconst sig = createHmac('md5', key).update(payload).digest('hex');`,
      errors: [{ line: 2, text: "'md5'" }],
      output: `import { createHmac } from 'crypto';\nconst sig = createHmac('sha256', key).update(payload).digest('hex');`,
    },
    {
      name: 'short literal key',
      code: `import { createHmac } from 'crypto';\ncreateHmac('sha256', 'secret').update(payload);`,
      errors: [{ line: 2, text: "'secret'", message: '6 bytes' }],
      output: null,
    },
    {
      name: 'short Buffer key through a const',
      code: `import crypto from 'crypto';\nconst KEY = Buffer.from('00112233', 'hex');\ncrypto.createHmac('sha512', KEY);`,
      errors: [{ line: 2, text: "Buffer.from('00112233', 'hex')" }],
      output: null,
    },
    {
      code: `import crypto from 'crypto';\ncrypto.generateKey('hmac', { length: 64 }, cb);`,
      errors: [{ line: 2, text: '64' }],
      output: `import crypto from 'crypto';\ncrypto.generateKey('hmac', { length: 256 }, cb);`,
    },
    {
      code: `await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 80 }, true, ['sign', 'verify']);`,
      errors: [{ line: 1, text: '80' }],
      output: `await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, true, ['sign', 'verify']);`,
    },
    {
      name: 'SHA-256 HMAC under CNSA',
      profile: 'cnsa-2.0',
      code: `import { createHmac } from 'crypto';\ncreateHmac('sha256', key);`,
      errors: [{ line: 2, text: "'sha256'" }],
      output: `import { createHmac } from 'crypto';\ncreateHmac('sha384', key);`,
    },
  ],
};
