import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import crypto from 'crypto';\ncrypto.createCipheriv('aes-256-gcm', key, iv);`,
    { name: 'a method of another object', code: `const vault = { createCipher: (x: string) => x };\nvault.createCipher('aes192');` },
  ],
  invalid: [
    {
      code: `const crypto = require('crypto');\nconst cipher = crypto.createCipher('aes192', password);`,
      errors: [{ line: 2, text: 'crypto.createCipher', message: 'EVP_BytesToKey' }],
      output: null,
    },
    {
      code: `import { createDecipher } from 'crypto';\nconst d = createDecipher('aes-256-cbc', password);`,
      errors: [{ line: 2, text: 'createDecipher' }],
      output: null,
    },
  ],
};
