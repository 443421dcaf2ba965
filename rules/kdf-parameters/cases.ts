import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import crypto from 'crypto';\nconst salt = crypto.randomBytes(16);\ncrypto.pbkdf2Sync(password, salt, 600000, 32, 'sha256');`,
    `import crypto from 'crypto';\ncrypto.pbkdf2(password, storedSalt, 210_000, 64, 'sha512', cb);`,
    `import crypto from 'crypto';\ncrypto.hkdfSync('sha384', sharedSecret, salt, 'session keys', 32);`,
    `await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 600000 }, baseKey, 256);`,
  ],
  invalid: [
    {
      code: `import crypto from 'crypto';\ncrypto.pbkdf2Sync(password, crypto.randomBytes(16), 500, 32, 'sha256');`,
      errors: [{ line: 2, text: '500', severity: 'error' }],
      output: `import crypto from 'crypto';\ncrypto.pbkdf2Sync(password, crypto.randomBytes(16), 600000, 32, 'sha256');`,
    },
    {
      name: 'below current guidance is a warning',
      code: `import crypto from 'crypto';\ncrypto.pbkdf2Sync(password, salt, 10000, 64, 'sha512');`,
      errors: [{ line: 2, text: '10000', severity: 'warning' }],
      output: `import crypto from 'crypto';\ncrypto.pbkdf2Sync(password, salt, 210000, 64, 'sha512');`,
    },
    {
      name: 'constant salt, short key, MD5',
      code: `import { pbkdf2 } from 'crypto';\npbkdf2(password, 'static-salt', 600000, 8, 'md5', cb);`,
      errors: [
        { line: 2, text: "'static-salt'" },
        { line: 2, text: '8' },
        { line: 2, text: "'md5'" },
      ],
      output: `import { pbkdf2 } from 'crypto';\npbkdf2(password, 'static-salt', 600000, 32, 'sha256', cb);`,
    },
    {
      name: 'short random salt, with fix through the module object',
      code: `import * as crypto from 'crypto';\ncrypto.pbkdf2Sync(pw, crypto.randomBytes(8), 600000, 32, 'sha256');`,
      errors: [{ line: 2, text: 'crypto.randomBytes(8)' }],
      output: `import * as crypto from 'crypto';\ncrypto.pbkdf2Sync(pw, crypto.randomBytes(16), 600000, 32, 'sha256');`,
    },
    {
      code: `import crypto from 'crypto';\ncrypto.hkdf('md5', ikm, salt, info, 32, cb);`,
      errors: [{ line: 2, text: "'md5'" }],
      output: `import crypto from 'crypto';\ncrypto.hkdf('sha256', ikm, salt, info, 32, cb);`,
    },
    {
      code: `await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: new TextEncoder().encode(user), iterations: 100 }, baseKey, aes, false, ['encrypt']);`,
      errors: [{ line: 1, text: '100' }],
      output: `await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: new TextEncoder().encode(user), iterations: 600000 }, baseKey, aes, false, ['encrypt']);`,
    },
  ],
};
