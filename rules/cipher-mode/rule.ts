import { describe } from '../../server/src/engine/checks';
import { inCaseOf, replaceString } from '../../server/src/engine/fixes';
import { ECB_STATUS, parseCipherName } from '../../server/src/engine/policy/ciphers';
import { evaluateStatus, type Operation } from '../../server/src/engine/policy/status';
import { defineRule, type CallSite } from '../../server/src/engine/rule';

export default defineRule({
  meta: {
    id: 'cipher-mode',
    category: 'mode',
    description: 'AES in ECB mode, which encrypts equal blocks to equal ciphertext',
    reference: '§2.3.1, §5 (ECB)',
    standards: ['SP 800-38A §6.1', 'SP 800-131A Rev 3 (draft)'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: ['crypto.createCipheriv', 'crypto.createDecipheriv', 'crypto.createCipher', 'crypto.createDecipher'],
  },
  create(context) {
    const check = (operation: Operation) => (site: CallSite) => {
      // createCipher gets no fix: no-create-cipher says how to migrate.
      const withFix = site.api === 'crypto.createCipheriv';
      const argument = site.argument('algorithm');
      for (const value of context.strings(argument)) {
        const parsed = parseCipherName(value.value);
        if (!parsed || parsed.family !== 'aes' || parsed.mode !== 'ecb') continue;
        const status = evaluateStatus(ECB_STATUS, context.policy(operation));
        if (status === 'OK') continue;
        const bits = context.profile === 'cnsa-2.0' ? 256 : parsed.bits;
        const replacement = inCaseOf(value.value, `aes-${bits}-gcm`);
        context.report({
          value,
          site: argument!,
          status,
          message: describe(
            `${value.value} uses ECB mode`,
            'ECB encrypts equal plaintext blocks to equal ciphertext blocks and gives no integrity (SP 800-38A §6.1); the draft SP 800-131A Rev 3 disallows ECB encryption',
            operation === 'apply' ? `Use '${replacement}' with a random 12-byte IV per message.` : 'Keep it only to decrypt existing data.',
          ),
          fipsRuntime: 'runs',
          fixes:
            operation === 'apply' && withFix
              ? [{ title: `Replace '${value.value}' with '${replacement}' (needs a 12-byte IV instead of none, and a 16-byte auth tag to store)`, safety: 'suggestion', edits: [replaceString(value, replacement)] }]
              : [],
        });
      }
    };
    return { calls: { 'crypto.createCipheriv': check('apply'), 'crypto.createDecipheriv': check('process'), 'crypto.createCipher': check('apply'), 'crypto.createDecipher': check('process') } };
  },
});
