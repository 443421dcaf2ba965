import type { ts } from '../../server/src/engine/typescript';
import { TLS_OPTION_APIS } from '../../server/src/engine/apis';
import { describe, onTlsOptions, siteFor } from '../../server/src/engine/checks';
import { replaceString } from '../../server/src/engine/fixes';
import { approvedEcdhCurve, ecdhCurveVerdict } from '../../server/src/engine/policy/tls';
import type { StringValue } from '../../server/src/engine/resolve';
import { defineRule, type CallSite } from '../../server/src/engine/rule';

export default defineRule({
  meta: {
    id: 'tls-ecdh-curve',
    category: 'tls',
    description: "TLS key-exchange groups that are not approved (X25519, X448, secp256k1, Brainpool) and ecdhCurve: 'auto', which prefers X25519",
    reference: '§2.9 (ecdhCurve), §1.5',
    standards: ['FIPS 140-3 IG C.K Resolution 5', 'SP 800-56A Rev 3', 'SP 800-52 Rev 2'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: [...TLS_OPTION_APIS, 'assign:tls.DEFAULT_ECDH_CURVE'],
  },
  create(context) {
    const optionsCheck = (site: CallSite) => {
      const options = site.optionsArgument();
      if (!options) return;
      for (const hit of context.properties(options, 'ecdhCurve')) {
        for (const value of context.valuesOf(hit)) if (value.kind === 'string') check(value, siteFor(context, hit, options));
      }
    };
    const calls = onTlsOptions(optionsCheck);
    return {
      calls,
      assignments: {
        'tls.DEFAULT_ECDH_CURVE': (site) => {
          for (const value of context.strings(site.node.right)) check(value, site.node.right);
        },
      },
    };

    function check(value: StringValue, site: ts.Node) {
      const groups = value.value.split(':').filter(Boolean);
      const bad = groups.filter((g) => ecdhCurveVerdict(g) === 'no');
      const auto = groups.some((g) => ecdhCurveVerdict(g) === 'auto');
      if (bad.length === 0 && !auto) return;
      const replacement = approvedEcdhCurve(context.profile);
      context.report({
        value,
        site,
        status: bad.length > 0 ? 'NO' : 'DEPR',
        message:
          bad.length > 0
            ? describe(`ecdhCurve lists ${bad.join(', ')}`, 'X25519/X448 key agreement is not approved (IG C.K Res. 5) and secp256k1/Brainpool are not SP 800-56A curves', `Use '${replacement}'.`)
            : describe("ecdhCurve 'auto' prefers X25519", 'OpenSSL then negotiates X25519 first, which is not an approved key agreement (IG C.K Res. 5)', `Use '${replacement}'.`),
        fipsRuntime: bad.some((g) => /^x/i.test(g)) || auto ? 'runs' : 'throws',
        fixes: [{ title: `Use '${replacement}' (peers without NIST curves fail)`, safety: 'suggestion', edits: [replaceString(value, replacement)] }],
      });
    }
  },
});
