import { ts } from '../../server/src/engine/typescript';
import { TLS_CLIENT_LIBRARY_APIS, TLS_OPTION_APIS } from '../../server/src/engine/apis';
import { describe, onTlsOptionObjects, siteFor, tlsContainerObject } from '../../server/src/engine/checks';
import { quoteOf, replaceNode, replaceString } from '../../server/src/engine/fixes';
import { TLS_MIN_APPROVED, TLS_VERSION_REASON, secureProtocolVerdict, tlsVersionRank } from '../../server/src/engine/policy/tls';
import type { StringValue } from '../../server/src/engine/resolve';
import { defineRule } from '../../server/src/engine/rule';

const RANK_12 = tlsVersionRank('TLSv1.2');
const SHOULD_13 = 'servers shall support TLS 1.2 and should support TLS 1.3; agencies were to support TLS 1.3 by 2024 (SP 800-52 Rev 2 §3.1)';

export default defineRule({
  meta: {
    id: 'tls-version',
    category: 'tls',
    description: 'TLS versions below 1.2 (minVersion, maxVersion, secureProtocol, tls.DEFAULT_MIN_VERSION) and configurations that rule out TLS 1.3',
    reference: '§1.10, §2.9',
    standards: ['SP 800-52 Rev 2 §3.1, §4', 'RFC 8996'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: [...TLS_OPTION_APIS, ...TLS_CLIENT_LIBRARY_APIS, 'property:minVersion', 'property:maxVersion', 'property:secureProtocol', 'assign:tls.DEFAULT_MIN_VERSION', 'assign:tls.DEFAULT_MAX_VERSION', 'assign:https.Agent.instance.options.minVersion', 'assign:https.Agent.instance.options.maxVersion'],
  },
  create(context) {
    // tls/https/http2 options, and the TLS options client libraries nest (pg `ssl`, got `https`, undici `connect`...).
    const optionsCheck = (options: ts.Expression, anchor: ts.Expression) => {
      const at = (hit: Parameters<typeof siteFor>[1]) => siteFor(context, hit, anchor);
      for (const hit of context.properties(options, 'minVersion')) {
        for (const value of context.valuesOf(hit)) if (value.kind === 'string') checkVersion(value, at(hit), 'minVersion');
      }
      for (const hit of context.properties(options, 'maxVersion')) {
        for (const value of context.valuesOf(hit)) if (value.kind === 'string') checkVersion(value, at(hit), 'maxVersion');
      }
      for (const hit of context.properties(options, 'secureProtocol')) {
        for (const value of context.valuesOf(hit)) {
          if (value.kind !== 'string') continue;
          const verdict = secureProtocolVerdict(value.value);
          if (verdict !== 'old' && verdict !== 'pins12' && verdict !== 'caps12') continue;
          const quote = quoteOf(value.origin);
          const property = hit.property;
          const fix =
            hit.sourceFile === context.sourceFile && ts.isPropertyAssignment(property)
              ? [{ title: `Replace with minVersion: ${quote}${TLS_MIN_APPROVED}${quote} (TLS 1.2 and 1.3)`, safety: 'suggestion' as const, edits: [replaceNode({ sourceFile: hit.sourceFile, node: property }, `minVersion: ${quote}${TLS_MIN_APPROVED}${quote}`)] }]
              : [];
          context.report({
            value,
            site: at(hit),
            status: verdict === 'old' ? 'NO' : 'DEPR',
            severity: verdict === 'old' ? undefined : 'info',
            message:
              verdict === 'old'
                ? describe(`secureProtocol '${value.value}' selects a protocol below TLS 1.2`, TLS_VERSION_REASON, `Use minVersion: '${TLS_MIN_APPROVED}'.`)
                : verdict === 'caps12'
                  ? describe(`secureProtocol '${value.value}' caps TLS at 1.2 (Node keeps the legacy method's maximum) and rules out TLS 1.3`, SHOULD_13, `Use minVersion: '${TLS_MIN_APPROVED}' and no secureProtocol.`)
                  : describe(`secureProtocol '${value.value}' pins TLS 1.2 and rules out TLS 1.3`, SHOULD_13, `Use minVersion: '${TLS_MIN_APPROVED}'.`),
            fipsRuntime: /^SSLv[23]_/.test(value.value) ? 'throws' : verdict === 'old' ? 'throws' : 'runs',
            fixes: fix,
          });
        }
      }
    };
    const calls = onTlsOptionObjects(context, optionsCheck);
    // In an `ssl`/`tls` object no call receives here (a Sequelize config module): judged by its place.
    // Once per object, however many of its options name it.
    const judgedByPlace = new WeakSet<ts.ObjectLiteralExpression>();
    const byPlace = (site: { node: ts.Node }) => {
      const object = tlsContainerObject(site);
      if (!object || judgedByPlace.has(object)) return;
      judgedByPlace.add(object);
      optionsCheck(object, object);
    };
    return {
      calls,
      properties: { minVersion: byPlace, maxVersion: byPlace, secureProtocol: byPlace },
      assignments: {
        'tls.DEFAULT_MIN_VERSION': (site) => {
          for (const value of context.strings(site.node.right)) checkVersion(value, site.node.right, 'tls.DEFAULT_MIN_VERSION');
        },
        'tls.DEFAULT_MAX_VERSION': (site) => {
          for (const value of context.strings(site.node.right)) checkVersion(value, site.node.right, 'tls.DEFAULT_MAX_VERSION');
        },
        // An agent's options changed after it was made (`agent.options.minVersion = 'TLSv1'`, `https.globalAgent.options...`).
        'https.Agent.instance.options.minVersion': (site) => {
          for (const value of context.strings(site.node.right)) checkVersion(value, site.node.right, 'minVersion');
        },
        'https.Agent.instance.options.maxVersion': (site) => {
          for (const value of context.strings(site.node.right)) checkVersion(value, site.node.right, 'maxVersion');
        },
      },
    };

    function checkVersion(value: StringValue, site: ts.Node, option: string) {
      const rank = tlsVersionRank(value.value);
      if (rank < 0) return;
      const isMax = option.toLowerCase().includes('max');
      if (rank < RANK_12) {
        const replacement = isMax ? 'TLSv1.3' : TLS_MIN_APPROVED;
        context.report({
          value,
          site,
          status: 'NO',
          message: describe(`${option} '${value.value}' ${isMax ? 'caps connections below TLS 1.2' : 'allows TLS versions below 1.2'}`, TLS_VERSION_REASON, `Use '${replacement}'.`),
          fipsRuntime: 'throws',
          fixes: [{ title: `Use '${replacement}'${isMax ? '' : ' (clients limited to TLS 1.0/1.1 can no longer connect)'}`, safety: 'suggestion', edits: [replaceString(value, replacement)] }],
        });
      } else if (isMax && rank === RANK_12) {
        context.report({
          value,
          site,
          status: 'DEPR',
          severity: 'info',
          message: describe(`${option} '${value.value}' rules out TLS 1.3`, SHOULD_13, "Use 'TLSv1.3'."),
          fipsRuntime: 'runs',
          fixes: [{ title: "Allow TLS 1.3 ('TLSv1.3')", safety: 'suggestion', edits: [replaceString(value, 'TLSv1.3')] }],
        });
      }
    }
  },
});
