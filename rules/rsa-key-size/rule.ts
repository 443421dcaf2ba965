import type { ts } from '../../server/src/engine/typescript';
import { describe, objectProperty, siteFor, webCryptoAlgorithms } from '../../server/src/engine/checks';
import { removeProperty, replaceValue } from '../../server/src/engine/fixes';
import { RSA_FIX_BITS, rsaExponentApproved, rsaModulusReason, rsaModulusStatus } from '../../server/src/engine/policy/keys';
import { STATUS_WORDS, statusFor } from '../../server/src/engine/policy/status';
import type { PropertyHit, Value } from '../../server/src/engine/resolve';
import { defineRule, type CallSite } from '../../server/src/engine/rule';

const RSA_WEBCRYPTO = new Set(['RSASSA-PKCS1-V1_5', 'RSA-PSS', 'RSA-OAEP']);

export default defineRule({
  meta: {
    id: 'rsa-key-size',
    category: 'key-size',
    description: 'RSA keys generated with a modulus below the profile minimum, or with a non-approved public exponent',
    reference: '§2.4.1, §2.8, §5 (RSA 2048 vs 3072)',
    standards: ['FIPS 186-5', 'SP 800-131A Rev 2 §3, §6', 'SP 800-57 Pt 1 Rev 5', 'NIST IR 8547 (draft)', 'CNSSP-15'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: ['crypto.generateKeyPair', 'crypto.generateKeyPairSync', 'crypto.subtle.generateKey'],
  },
  create(context) {
    const nodeCheck = (site: CallSite) => {
      const types = context.strings(site.argument('type')).map((t) => t.value.toLowerCase());
      if (!types.some((t) => t === 'rsa' || t === 'rsa-pss')) return;
      const options = site.argument('options');
      for (const hit of context.properties(options, 'modulusLength')) checkModulus(hit, options!);
      for (const hit of context.properties(options, 'publicExponent')) checkExponent(hit, options!);
    };
    return {
      calls: {
        'crypto.generateKeyPair': nodeCheck,
        'crypto.generateKeyPairSync': nodeCheck,
        'crypto.subtle.generateKey': (site) => {
          const algorithm = site.argument('algorithm');
          for (const { name, object } of webCryptoAlgorithms(context, algorithm)) {
            if (!object || !RSA_WEBCRYPTO.has(name.value.toUpperCase())) continue;
            for (const { hit } of objectProperty(context, object, 'modulusLength')) checkModulus(hit, algorithm!);
          }
        },
      },
    };

    function checkModulus(hit: PropertyHit, argument: ts.Node) {
      for (const value of context.valuesOf(hit)) {
        if (value.kind !== 'number') continue;
        const status = statusFor(rsaModulusStatus(value.value), context.policy('apply', 'keygen'));
        if (status === 'OK') continue;
        const fixable = value.value < RSA_FIX_BITS;
        context.report({
          value,
          site: siteFor(context, hit, argument),
          status,
          message: describe(
            `RSA modulus of ${value.value} bits`,
            `it is ${STATUS_WORDS[status]} for key generation under ${context.profile}; ${rsaModulusReason(value.value, context.profile)}`,
            fixable ? `Use ${RSA_FIX_BITS} bits.` : context.profile === 'cnsa-2.0' ? 'Plan the move to ML-DSA-87 / ML-KEM-1024.' : undefined,
          ),
          fipsRuntime: value.value < 2048 ? 'throws' : 'runs',
          fixes: fixable ? [{ title: `Generate ${RSA_FIX_BITS}-bit keys (new key pairs; signatures and ciphertexts grow to ${RSA_FIX_BITS / 8} bytes)`, safety: 'suggestion', edits: [replaceValue(value, String(RSA_FIX_BITS))] }] : [],
        });
      }
    }

    function checkExponent(hit: PropertyHit, argument: ts.Node) {
      for (const value of context.valuesOf(hit) as Value[]) {
        if (value.kind !== 'number' || rsaExponentApproved(value.value)) continue;
        context.report({
          value,
          site: siteFor(context, hit, argument),
          status: 'NO',
          message: describe(`RSA public exponent ${value.value}`, 'FIPS 186-5 requires an odd exponent with 2^16 < e < 2^256', 'Leave it out: Node uses 65537.'),
          fipsRuntime: 'throws',
          fixes: hit.sourceFile === context.sourceFile ? [{ title: 'Remove publicExponent (use the default 65537)', safety: 'suggestion', edits: [removeProperty(hit.property, hit.sourceFile)] }] : [],
        });
      }
    }
  },
});
