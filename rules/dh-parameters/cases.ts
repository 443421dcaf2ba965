import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import crypto from 'crypto';\nconst dh = crypto.getDiffieHellman('modp14');`,
    `import crypto from 'crypto';\ncrypto.generateKeyPairSync('dh', { group: 'modp16' });`,
    { name: 'a custom prime of unknown size is not guessed', code: `import crypto from 'crypto';\ncrypto.createDiffieHellman(primeFromPeer, 'hex');` },
  ],
  invalid: [
    {
      code: `import crypto from 'crypto';\nconst dh = crypto.getDiffieHellman('modp2');`,
      errors: [{ line: 2, text: "'modp2'", message: '1024 bits' }],
      output: `import crypto from 'crypto';\nconst dh = crypto.getDiffieHellman('modp14');`,
    },
    {
      code: `const { createDiffieHellmanGroup } = require('crypto');\ncreateDiffieHellmanGroup("modp5");`,
      errors: [{ line: 2, text: '"modp5"' }],
      output: `const { createDiffieHellmanGroup } = require('crypto');\ncreateDiffieHellmanGroup("modp14");`,
    },
    {
      name: 'generated parameters',
      code: `import crypto from 'crypto';\nconst alice = crypto.createDiffieHellman(2048);`,
      errors: [{ line: 2, text: '2048' }],
      output: `import crypto from 'crypto';\nconst alice = crypto.getDiffieHellman('modp14');`,
    },
    {
      code: `import crypto from 'crypto';\ncrypto.generateKeyPairSync('dh', { group: 'modp1' });\ncrypto.generateKeyPairSync('dh', { primeLength: 1024 });`,
      errors: [
        { line: 2, text: "'modp1'" },
        { line: 3, text: '1024' },
      ],
      output: `import crypto from 'crypto';\ncrypto.generateKeyPairSync('dh', { group: 'modp14' });\ncrypto.generateKeyPairSync('dh', { primeLength: 1024 });`,
    },
    {
      name: 'MODP-2048 under CNSA',
      profile: 'cnsa-2.0',
      code: `import crypto from 'crypto';\ncrypto.getDiffieHellman('modp14');`,
      errors: [{ line: 2, text: "'modp14'" }],
      output: `import crypto from 'crypto';\ncrypto.getDiffieHellman('modp15');`,
    },
  ],
};
