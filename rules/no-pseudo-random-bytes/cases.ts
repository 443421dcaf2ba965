import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [`import crypto from 'crypto';\ncrypto.randomBytes(32);`],
  invalid: [
    {
      code: `const crypto = require('crypto');\nconst token = crypto.pseudoRandomBytes(16).toString('hex');`,
      errors: [{ line: 2, text: 'pseudoRandomBytes', severity: 'warning' }],
      output: `const crypto = require('crypto');\nconst token = crypto.randomBytes(16).toString('hex');`,
    },
    {
      code: `import { pseudoRandomBytes } from 'crypto';\npseudoRandomBytes(8, cb);`,
      errors: [{ line: 2, text: 'pseudoRandomBytes' }],
      output: null,
    },
  ],
};
