import { calleeBaseText, describe, siteFor } from '../../server/src/engine/checks';
import { replaceNode, replaceString } from '../../server/src/engine/fixes';
import { DH_GROUPS, dhGroupReplacement } from '../../server/src/engine/policy/keys';
import { STATUS_WORDS, statusFor } from '../../server/src/engine/policy/status';
import type { StringValue } from '../../server/src/engine/resolve';
import { defineRule, type CallSite } from '../../server/src/engine/rule';
import type { FipsRuntime } from '../../server/src/engine/types';

export default defineRule({
  meta: {
    id: 'dh-parameters',
    category: 'key-size',
    description: 'Finite-field Diffie-Hellman with groups below 2048 bits or generated (non-approved) parameters',
    reference: '§2.4.3',
    standards: ['SP 800-56A Rev 3 Appendix D', 'SP 800-131A Rev 2 §5', 'FIPS 140-3 IG D.F'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: ['crypto.getDiffieHellman', 'crypto.createDiffieHellmanGroup', 'crypto.createDiffieHellman', 'crypto.generateKeyPair', 'crypto.generateKeyPairSync'],
  },
  create(context) {
    const groupCheck = (site: CallSite) => {
      const argument = site.argument('group');
      for (const value of context.strings(argument)) checkGroup(value, argument!, 'runs');
    };
    const keyPairCheck = (site: CallSite) => {
      if (!context.strings(site.argument('type')).some((t) => t.value.toLowerCase() === 'dh')) return;
      const options = site.argument('options');
      for (const hit of context.properties(options, 'group')) {
        for (const value of context.valuesOf(hit)) if (value.kind === 'string') checkGroup(value, siteFor(context, hit, options!), 'throws');
      }
      for (const hit of context.properties(options, 'primeLength')) {
        for (const value of context.valuesOf(hit)) {
          if (value.kind !== 'number') continue;
          context.report({
            value,
            site: siteFor(context, hit, options!),
            status: 'NO',
            message: describe(`Diffie-Hellman with freshly generated ${value.value}-bit parameters`, 'generated groups are not SP 800-56A Rev 3 approved safe-prime groups', `Use group: '${dhGroupReplacement(context.profile)}' or ECDH on P-256.`),
            fipsRuntime: 'throws',
          });
        }
      }
    };
    return {
      calls: {
        'crypto.getDiffieHellman': groupCheck,
        'crypto.createDiffieHellmanGroup': groupCheck,
        'crypto.generateKeyPair': keyPairCheck,
        'crypto.generateKeyPairSync': keyPairCheck,
        'crypto.createDiffieHellman': (site) => {
          const prime = site.argument('prime');
          for (const value of context.numbers(prime)) {
            const base = calleeBaseText(site.node.expression, site.sourceFile);
            const replacement = `${base}.getDiffieHellman('${dhGroupReplacement(context.profile)}')`;
            context.report({
              value,
              site: prime!,
              status: 'NO',
              message: describe(
                `createDiffieHellman(${value.value}) generates its own ${value.value}-bit group`,
                'only the SP 800-56A Rev 3 safe-prime groups (MODP-2048+ / ffdhe2048+) are approved, and Node runs this outside the FIPS provider',
                `Use getDiffieHellman('${dhGroupReplacement(context.profile)}') or ECDH on P-256.`,
              ),
              fipsRuntime: 'runs',
              fixes: base ? [{ title: `Use the approved group ${dhGroupReplacement(context.profile)} (peers must use the same group)`, safety: 'suggestion', edits: [replaceNode({ sourceFile: site.sourceFile, node: site.node }, replacement)] }] : [],
            });
          }
        },
      },
    };

    function checkGroup(value: StringValue, site: import('ts-morph').ts.Node, fipsRuntime: FipsRuntime) {
      const group = DH_GROUPS[value.value.toLowerCase()];
      if (!group) return;
      const status = statusFor(group.status, context.policy('apply', 'key-agreement'));
      if (status === 'OK') return;
      const replacement = dhGroupReplacement(context.profile);
      const weak = group.bits < 2048;
      context.report({
        value,
        site,
        status,
        message: describe(
          `Diffie-Hellman group ${value.value} (${group.bits} bits)`,
          `it is ${STATUS_WORDS[status]} under ${context.profile}; ${weak ? 'groups below 2048 bits give less than 112-bit strength (SP 800-131A Rev 2 §5; SP 800-56A Rev 3)' : context.profile === 'cnsa-2.0' ? 'CNSA requires DH ≥ 3072 during the transition and ML-KEM-1024 after it' : 'IR 8547 retires 112-bit DH after 2030'}`,
          weak || context.profile === 'cnsa-2.0' ? `Use '${replacement}' or ECDH on P-256.` : undefined,
        ),
        fipsRuntime: weak ? fipsRuntime : 'runs',
        fixes: weak || (context.profile === 'cnsa-2.0' && group.bits < 3072) ? [{ title: `Use group '${replacement}' (peers must agree on the new group)`, safety: 'suggestion', edits: [replaceString(value, replacement)] }] : [],
      });
    }
  },
});
