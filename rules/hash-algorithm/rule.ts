import { checkDigest, webCryptoAlgorithms } from '../../server/src/engine/checks';
import { defineRule, type CallSite } from '../../server/src/engine/rule';

export default defineRule({
  meta: {
    id: 'hash-algorithm',
    category: 'hash',
    description: 'Hash functions the profile does not approve (MD5, RIPEMD-160, BLAKE2, SHA-256 under CNSA...)',
    reference: '§2.1, §2.8',
    standards: ['FIPS 180-4', 'FIPS 202', 'SP 800-131A Rev 2 §9'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: ['crypto.createHash', 'crypto.hash', 'crypto.subtle.digest'],
  },
  create(context) {
    const nodeHash = (subject: string) => (site: CallSite) => {
      const argument = site.argument('algorithm');
      if (argument) checkDigest(context, context.strings(argument), { use: 'hash', subject, site: argument });
    };
    return {
      calls: {
        'crypto.createHash': nodeHash('createHash'),
        'crypto.hash': nodeHash('crypto.hash'),
        'crypto.subtle.digest': (site) => {
          const argument = site.argument('algorithm');
          if (!argument) return;
          const names = webCryptoAlgorithms(context, argument).map((a) => a.name);
          checkDigest(context, names, { use: 'hash', subject: 'subtle.digest', site: argument, webCrypto: true });
        },
      },
    };
  },
});
