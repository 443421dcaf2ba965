import { describe, webCryptoAlgorithms } from '../../server/src/engine/checks';
import { KEY_TYPES } from '../../server/src/engine/policy/curves';
import { STATUS_WORDS, statusFor } from '../../server/src/engine/policy/status';
import type { StringValue } from '../../server/src/engine/resolve';
import { defineRule, type CallSite } from '../../server/src/engine/rule';

export default defineRule({
  meta: {
    id: 'eddsa-signature',
    category: 'signature',
    description: 'Ed25519/Ed448 signatures under profiles that do not approve EdDSA (FIPS 140-2, CNSA 2.0)',
    reference: '§2.4.4, §2.7, §5 (Ed25519/Ed448)',
    standards: ['FIPS 186-5 §7', 'FIPS 186-4', 'CNSA 2.0'],
    fix: 'none',
    judgesAlgorithm: true,
    apis: ['crypto.generateKeyPair', 'crypto.generateKeyPairSync', 'crypto.subtle.generateKey', 'crypto.subtle.importKey', 'crypto.subtle.sign'],
  },
  create(context) {
    const keyPairCheck = (site: CallSite) => {
      const typeArgument = site.argument('type');
      for (const value of context.strings(typeArgument)) report(value, typeArgument!);
    };
    const webCheck = (site: CallSite) => {
      const algorithm = site.argument('algorithm');
      for (const { name } of webCryptoAlgorithms(context, algorithm)) report(name, algorithm!);
    };
    return {
      calls: {
        'crypto.generateKeyPair': keyPairCheck,
        'crypto.generateKeyPairSync': keyPairCheck,
        'crypto.subtle.generateKey': webCheck,
        'crypto.subtle.importKey': webCheck,
        'crypto.subtle.sign': webCheck,
      },
    };

    function report(value: StringValue, site: import('ts-morph').ts.Node) {
      const type = value.value.toLowerCase();
      if (type !== 'ed25519' && type !== 'ed448') return;
      const policy = KEY_TYPES[type];
      const status = statusFor(policy.status, context.policy('apply', 'sign'));
      if (status === 'OK') return;
      context.report({
        value,
        site,
        status,
        message: describe(`${policy.display} signatures`, `EdDSA is ${STATUS_WORDS[status]} under ${context.profile}; ${policy.reason}`, `Use ${policy.instead[context.profile]}.`),
        fipsRuntime: policy.fipsRuntime,
      });
    }
  },
});
