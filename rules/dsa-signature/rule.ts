import { describe } from '../../server/src/engine/checks';
import { DSA_SIGNING_SIZES } from '../../server/src/engine/policy/schemes';
import { defineRule, type CallSite } from '../../server/src/engine/rule';

const APPROVED_DSA_SIZES = new Set(DSA_SIGNING_SIZES);

export default defineRule({
  meta: {
    id: 'dsa-signature',
    category: 'signature',
    description: 'DSA key generation: not approved for signing under FIPS 186-5 (140-3, CNSA); weak sizes under 140-2',
    reference: '§2.4.2',
    standards: ['FIPS 186-5', 'FIPS 186-4', 'SP 800-131A Rev 2 §3, Table 2'],
    fix: 'none',
    judgesAlgorithm: true,
    apis: ['crypto.generateKeyPair', 'crypto.generateKeyPairSync'],
  },
  create(context) {
    const check = (site: CallSite) => {
      const typeArgument = site.argument('type');
      for (const type of context.strings(typeArgument)) {
        if (type.value.toLowerCase() !== 'dsa') continue;
        if (context.profile !== 'fips-140-2') {
          context.report({
            value: type,
            site: typeArgument!,
            status: 'NO',
            message: describe(
              'DSA key pair generated for signing',
              `FIPS 186-5 no longer approves DSA signature generation (verification of old signatures only)${context.profile === 'cnsa-2.0' ? '; CNSA 2.0 requires ML-DSA-87' : ''}`,
              "Use ECDSA: generateKeyPair('ec', { namedCurve: 'P-256' })" + (context.profile === 'fips-140-3' ? " or 'ed25519'." : '.'),
            ),
            fipsRuntime: 'runs',
          });
          continue;
        }
        const options = site.argument('options');
        const moduli = context.properties(options, 'modulusLength').flatMap((h) => context.valuesOf(h));
        const divisors = context.properties(options, 'divisorLength').flatMap((h) => context.valuesOf(h));
        for (const modulus of moduli) {
          if (modulus.kind !== 'number') continue;
          const divisorValues = divisors.filter((d) => d.kind === 'number').map((d) => (d as { value: number }).value);
          const sizes = divisorValues.length ? divisorValues.map((n) => `${modulus.value}/${n}`) : [`${modulus.value}/${modulus.value >= 3072 ? 256 : 224}`];
          if (modulus.value >= 2048 && sizes.every((s) => APPROVED_DSA_SIZES.has(s))) continue;
          context.report({
            value: modulus,
            site: options!,
            status: 'NO',
            message: describe(`DSA key of ${sizes.join(' or ')} bits (L/N)`, 'DSA may sign only with (L, N) = (2048, 224), (2048, 256) or (3072, 256) (SP 800-131A Rev 2 §3, Table 2)', 'Use ECDSA P-256.'),
            fipsRuntime: modulus.value < 2048 ? 'throws' : 'runs',
          });
        }
      }
    };
    return { calls: { 'crypto.generateKeyPair': check, 'crypto.generateKeyPairSync': check } };
  },
});
