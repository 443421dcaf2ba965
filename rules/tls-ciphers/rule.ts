import type { ts } from '../../server/src/engine/typescript';
import { TLS_CLIENT_LIBRARY_APIS, TLS_OPTION_APIS } from '../../server/src/engine/apis';
import { describe, onTlsOptionObjects, siteFor, tlsContainerObject } from '../../server/src/engine/checks';
import { replaceString } from '../../server/src/engine/fixes';
import { approvedCipherList, bannedCipherTokens } from '../../server/src/engine/policy/tls';
import type { StringValue } from '../../server/src/engine/resolve';
import { defineRule } from '../../server/src/engine/rule';

export default defineRule({
  meta: {
    id: 'tls-ciphers',
    category: 'tls',
    description: 'TLS cipher strings that enable non-approved suites (RC4, 3DES, NULL, anonymous, EXPORT, static RSA, ChaCha20, Camellia...)',
    reference: '§1.10, §2.9',
    standards: ['SP 800-52 Rev 2 §3.3.1', 'SP 800-131A Rev 2 §6', 'RFC 9151'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: [...TLS_OPTION_APIS, ...TLS_CLIENT_LIBRARY_APIS, 'property:ciphers', 'assign:tls.DEFAULT_CIPHERS'],
  },
  create(context) {
    // tls/https/http2 options, and the TLS options client libraries nest (pg `ssl`, nodemailer `tls`...).
    const calls = onTlsOptionObjects(context, (options, anchor) => {
      for (const hit of context.properties(options, 'ciphers')) {
        for (const value of context.valuesOf(hit)) if (value.kind === 'string') check(value, siteFor(context, hit, anchor));
      }
    });
    return {
      calls,
      // In an `ssl`/`tls` object no call receives here (a configuration module): judged by its place.
      properties: {
        ciphers: (site) => {
          if (!tlsContainerObject(site)) return;
          for (const value of context.resolver.values(site.value)) if (value.kind === 'string') check(value, site.node);
        },
      },
      assignments: {
        'tls.DEFAULT_CIPHERS': (site) => {
          for (const value of context.strings(site.node.right)) check(value, site.node.right);
        },
      },
    };

    function check(value: StringValue, site: ts.Node) {
      const banned = bannedCipherTokens(value.value);
      if (banned.length === 0) return;
      const shown = banned.slice(0, 4).map((b) => `${b.token} (${b.why})`).join(', ');
      const more = banned.length > 4 ? ` and ${banned.length - 4} more` : '';
      const replacement = approvedCipherList(context.profile);
      context.report({
        value,
        site,
        status: 'NO',
        message: describe(
          `The cipher list enables non-approved suites: ${shown}${more}`,
          'SP 800-52 Rev 2 §3.3.1 allows only ephemeral (EC)DHE suites with AES-GCM/CCM/CBC; static RSA key transport is disallowed after 2023 (SP 800-131A Rev 2 §6)',
          `Use '${replacement}'.`,
        ),
        fipsRuntime: banned.some((b) => /RSA|AES/i.test(b.why + b.token) && !/CHACHA|CAMELLIA|MD5/i.test(b.token)) ? 'runs' : undefined,
        fixes: [{ title: 'Use the approved TLS 1.3 and TLS 1.2 ECDHE-AES-GCM suites (peers offering only the removed suites fail)', safety: 'suggestion', edits: [replaceString(value, replacement)] }],
      });
    }
  },
});
