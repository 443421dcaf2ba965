import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import crypto from 'crypto';\ncrypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });`,
    `import crypto from 'crypto';\ncrypto.createCipheriv('aes-128-ccm', key, nonce, { authTagLength: 8 });`,
    `await crypto.subtle.encrypt({ name: 'AES-GCM', iv, tagLength: 128 }, key, data);`,
    { name: 'authTagLength on a non-AEAD mode is not this rule\'s business', code: `import crypto from 'crypto';\ncrypto.createCipheriv('aes-256-cbc', key, iv, { authTagLength: 4 });` },
    { name: 'decipher options built elsewhere may set the tag length', code: `import crypto from 'crypto';\nexport const open = (key, iv, options) => crypto.createDecipheriv('aes-256-gcm', key, iv, options);` },
    { name: 'encryption needs no authTagLength (getAuthTag gives 16 bytes)', code: `import crypto from 'crypto';\ncrypto.createCipheriv('aes-256-gcm', key, iv);` },
  ],
  invalid: [
    {
      name: 'GCM decryption that takes any tag length (DEP0182)',
      code: `import crypto from 'crypto';\nconst d = crypto.createDecipheriv('aes-256-gcm', key, iv);\nd.setAuthTag(tag);`,
      errors: [{ line: 2, text: "'aes-256-gcm'", severity: 'warning', message: 'without authTagLength' }],
      output: `import crypto from 'crypto';\nconst d = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });\nd.setAuthTag(tag);`,
    },
    {
      name: 'GCM decryption options without authTagLength',
      code: `import { createDecipheriv } from 'node:crypto';\nconst d = createDecipheriv('aes-128-gcm', key, iv, { encoding: 'utf8' });`,
      errors: [{ line: 2, text: "'aes-128-gcm'", message: 'DEP0182' }],
      output: `import { createDecipheriv } from 'node:crypto';\nconst d = createDecipheriv('aes-128-gcm', key, iv, { encoding: 'utf8', authTagLength: 16 });`,
    },
    {
      code: `import crypto from 'crypto';\nconst d = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 8 });`,
      errors: [{ line: 2, text: '8' }],
      output: `import crypto from 'crypto';\nconst d = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });`,
    },
    {
      name: 'options held in a variable',
      code: `import crypto from 'crypto';\nconst opts = { authTagLength: 4 };\ncrypto.createCipheriv('aes-128-ccm', key, nonce, opts);`,
      errors: [{ line: 2, text: '4' }],
      output: `import crypto from 'crypto';\nconst opts = { authTagLength: 16 };\ncrypto.createCipheriv('aes-128-ccm', key, nonce, opts);`,
    },
    {
      code: `await crypto.subtle.decrypt({ name: 'AES-GCM', iv, tagLength: 64 }, key, data);`,
      errors: [{ line: 1, text: '64' }],
      output: `await crypto.subtle.decrypt({ name: 'AES-GCM', iv, tagLength: 128 }, key, data);`,
    },
    {
      name: 'unwrapping with a 32-bit tag',
      code: `await crypto.subtle.unwrapKey('raw', wrapped, kek, { name: 'AES-GCM', iv, tagLength: 32 }, 'AES-GCM', false, ['decrypt']);`,
      errors: [{ line: 1, text: '32' }],
      output: `await crypto.subtle.unwrapKey('raw', wrapped, kek, { name: 'AES-GCM', iv, tagLength: 128 }, 'AES-GCM', false, ['decrypt']);`,
    },
  ],
};
