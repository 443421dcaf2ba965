import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [`import crypto from 'crypto';\ncrypto.pbkdf2Sync(password, salt, 600000, 32, 'sha256');`, `const scrypt = (x: string) => x;\nscrypt('password');`],
  invalid: [
    {
      code: `import crypto from 'crypto';\nconst key = crypto.scryptSync(password, salt, 32);`,
      errors: [{ line: 2, text: 'crypto.scryptSync' }],
      output: `import crypto from 'crypto';\nconst key = crypto.pbkdf2Sync(password, salt, 600000, 32, 'sha256');`,
    },
    {
      code: `const crypto = require('crypto');\ncrypto.scrypt(password, salt, 64, { N: 16384 }, (err, key) => done(err, key));`,
      errors: [{ line: 2, text: 'crypto.scrypt' }],
      output: `const crypto = require('crypto');\ncrypto.pbkdf2(password, salt, 600000, 64, 'sha256', (err, key) => done(err, key));`,
    },
    {
      code: `import { scryptSync } from 'node:crypto';\nscryptSync(pw, salt, 32);`,
      errors: [{ line: 2, text: 'scryptSync' }],
      output: null,
    },
  ],
};
