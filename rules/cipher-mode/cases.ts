import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import crypto from 'crypto';\ncrypto.createCipheriv('aes-256-gcm', key, iv);`,
    { name: 'ECB decryption of existing data is not flagged today', code: `import crypto from 'crypto';\ncrypto.createDecipheriv('aes-256-ecb', key, null);` },
    { name: '3DES-ECB is the cipher rule\'s finding, not this one', code: `import crypto from 'crypto';\ncrypto.createCipheriv('des-ede3', key, null);` },
  ],
  invalid: [
    {
      name: 'the password-based createCipher: the mode is a finding too (no fix: no-create-cipher says how to migrate)',
      code: `import crypto from 'crypto';\nconst c = crypto.createCipher('aes-128-ecb', password);`,
      errors: [{ line: 2, text: "'aes-128-ecb'", severity: 'warning', message: 'uses ECB mode' }],
      output: null,
    },
    {
      code: `import crypto from 'crypto';\nconst c = crypto.createCipheriv('aes-128-ecb', key, null);`,
      errors: [{ line: 2, text: "'aes-128-ecb'", severity: 'warning' }],
      output: `import crypto from 'crypto';\nconst c = crypto.createCipheriv('aes-128-gcm', key, null);`,
    },
    {
      name: 'error for encryption under the draft Rev 3',
      anticipate131Ar3: true,
      code: `import { createCipheriv } from 'crypto';\ncreateCipheriv('AES-256-ECB', key, null);`,
      errors: [{ line: 2, text: "'AES-256-ECB'", severity: 'error' }],
      output: `import { createCipheriv } from 'crypto';\ncreateCipheriv('AES-256-GCM', key, null);`,
    },
    {
      name: 'decryption under the draft Rev 3 is legacy use',
      anticipate131Ar3: true,
      code: `import { createDecipheriv } from 'crypto';\ncreateDecipheriv('aes-256-ecb', key, null);`,
      errors: [{ line: 2, text: "'aes-256-ecb'", severity: 'info' }],
      output: null,
    },
    {
      name: 'mode picked by a const object',
      code: `import crypto from 'crypto';\nconst CONFIG = { cipher: 'aes-192-ecb' } as const;\ncrypto.createCipheriv(CONFIG.cipher, key, null);`,
      errors: [{ line: 2, text: "'aes-192-ecb'" }],
      output: `import crypto from 'crypto';\nconst CONFIG = { cipher: 'aes-192-gcm' } as const;\ncrypto.createCipheriv(CONFIG.cipher, key, null);`,
    },
  ],
};
