import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import crypto from 'crypto';\ncrypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, data);`,
    `import crypto from 'crypto';\ncrypto.publicEncrypt(publicKey, data);`,
    `import crypto from 'crypto';\ncrypto.sign('sha256', data, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST });`,
    `import crypto from 'crypto';\ncrypto.sign('sha256', data, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });`,
  ],
  invalid: [
    {
      code: `import crypto from 'crypto';\nconst encrypted = crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.from(secret));`,
      errors: [{ line: 2, text: 'crypto.constants.RSA_PKCS1_PADDING' }],
      output: `import crypto from 'crypto';\nconst encrypted = crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(secret));`,
    },
    {
      name: 'destructured constants',
      code: `import { privateDecrypt, constants } from 'crypto';\nconst { RSA_NO_PADDING } = constants;\nprivateDecrypt({ key: privateKey, padding: RSA_NO_PADDING }, data);`,
      errors: [{ line: 3, text: 'RSA_NO_PADDING' }],
      output: null,
    },
    {
      code: `const crypto = require('crypto');\nconst sig = crypto.privateEncrypt(privateKey, digest);`,
      errors: [{ line: 2, text: 'crypto.privateEncrypt' }],
      output: null,
    },
    {
      name: 'PSS with the default (maximum) salt',
      code: `import crypto from 'crypto';\ncrypto.sign('sha256', data, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING });`,
      errors: [{ line: 2, text: 'padding: crypto.constants.RSA_PKCS1_PSS_PADDING' }],
      output: `import crypto from 'crypto';\ncrypto.sign('sha256', data, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST });`,
    },
    {
      code: `import crypto from 'crypto';\ncrypto.sign('sha256', data, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 });`,
      errors: [{ line: 2, text: '64' }],
      output: `import crypto from 'crypto';\ncrypto.sign('sha256', data, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });`,
    },
  ],
};
