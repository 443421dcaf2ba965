import { describe } from '../../server/src/engine/checks';
import { defineRule, type CallSite } from '../../server/src/engine/rule';

export default defineRule({
  meta: {
    id: 'no-create-cipher',
    category: 'cipher',
    description: 'crypto.createCipher/createDecipher, which derive the key and IV from a password with MD5 (EVP_BytesToKey)',
    reference: '§2.3.4, §2.5, §3.5',
    standards: ['SP 800-132', 'SP 800-38A', 'Node DEP0106'],
    fix: 'none',
    apis: ['crypto.createCipher', 'crypto.createDecipher'],
  },
  create(context) {
    const check = (name: string) => (site: CallSite) =>
      context.report({
        site: site.node.expression,
        status: 'NO',
        message: describe(
          `crypto.${name} derives its key and IV from a password with one round of MD5 and no salt (EVP_BytesToKey)`,
          'that is not an approved KDF (SP 800-132) and reuses the IV for every message; the API was removed in Node 22 (DEP0106)',
          name === 'createCipher'
            ? "Derive the key with crypto.pbkdf2Sync(password, salt16, 600000, 32, 'sha256') and encrypt with crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)); store salt, IV and tag."
            : 'Keep it only to decrypt old data once, then re-encrypt with PBKDF2 + createCipheriv.',
        ),
        fipsRuntime: 'throws',
      });
    return { calls: { 'crypto.createCipher': check('createCipher'), 'crypto.createDecipher': check('createDecipher') } };
  },
});
