import { checkDigest, keyUsages, webCryptoAlgorithms, webCryptoHashValues } from '../../server/src/engine/checks';
import type { Use } from '../../server/src/engine/policy/status';
import { defineRule, type CallSite } from '../../server/src/engine/rule';

const verifierNote = () => ' (verifiers must accept the new algorithm)';

export default defineRule({
  meta: {
    id: 'signature-digest',
    category: 'signature',
    description: 'Signatures made with SHA-1, MD5 or another digest the profile does not approve for signing (verification of SHA-1 is legacy use)',
    reference: '§2.1 (SHA-1), §2.7, §2.8',
    standards: ['SP 800-131A Rev 2 §9, Table 8', 'FIPS 186-5', 'CNSA 2.0'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: ['crypto.createSign', 'crypto.createVerify', 'crypto.sign', 'crypto.verify', 'crypto.subtle.sign', 'crypto.subtle.verify', 'crypto.subtle.generateKey', 'crypto.subtle.importKey'],
  },
  create(context) {
    const nodeCheck = (use: Use, subject: string) => (site: CallSite) => {
      const argument = site.argument('algorithm');
      if (argument) checkDigest(context, context.strings(argument), { use, operation: use === 'sign' ? 'apply' : 'process', subject, site: argument, fixNote: verifierNote });
    };
    const webCheck = (fixedUse?: Use) => (site: CallSite) => {
      const algorithm = site.argument('algorithm');
      const usages = keyUsages(context, site.argument('keyUsages'));
      const use: Use = fixedUse ?? (usages && usages.length > 0 && !usages.includes('sign') ? 'verify' : 'sign');
      for (const { name, object } of webCryptoAlgorithms(context, algorithm)) {
        const upper = name.value.toUpperCase();
        if (!object || !['RSASSA-PKCS1-V1_5', 'RSA-PSS', 'ECDSA'].includes(upper)) continue;
        checkDigest(context, webCryptoHashValues(context, object), {
          use,
          operation: use === 'sign' ? 'apply' : 'process',
          subject: `WebCrypto ${name.value}`,
          site: algorithm!,
          webCrypto: true,
          fixNote: verifierNote,
        });
      }
    };
    return {
      calls: {
        'crypto.createSign': nodeCheck('sign', 'createSign'),
        'crypto.createVerify': nodeCheck('verify', 'createVerify'),
        'crypto.sign': nodeCheck('sign', 'crypto.sign'),
        'crypto.verify': nodeCheck('verify', 'crypto.verify'),
        'crypto.subtle.sign': webCheck('sign'),
        'crypto.subtle.verify': webCheck('verify'),
        'crypto.subtle.generateKey': webCheck(),
        'crypto.subtle.importKey': webCheck(),
      },
    };
  },
});
