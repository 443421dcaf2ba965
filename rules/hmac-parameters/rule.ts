import type { ts } from '../../server/src/engine/typescript';
import type { Value } from '../../server/src/engine/resolve';
import { checkDigest, describe, keyUsages, objectProperty, siteFor, webCryptoAlgorithms, webCryptoHashValues } from '../../server/src/engine/checks';
import { replaceValue } from '../../server/src/engine/fixes';
import { byOperation, evaluateStatus } from '../../server/src/engine/policy/status';
import { defineRule } from '../../server/src/engine/rule';

/** SP 800-131A Rev 2 §10: HMAC keys below 112 bits are disallowed for generation, legacy for verification. */
const MIN_KEY_BYTES = 14;
const MIN_KEY_BITS = 112;

export default defineRule({
  meta: {
    id: 'hmac-parameters',
    category: 'mac',
    description: 'HMAC with a non-approved digest or a key shorter than 112 bits',
    reference: '§2.2, §2.4.5, §2.8',
    standards: ['FIPS 198-1', 'SP 800-131A Rev 2 §10'],
    fix: 'suggestion',
    apis: ['crypto.createHmac', 'crypto.generateKey', 'crypto.generateKeySync', 'crypto.subtle.generateKey', 'crypto.subtle.importKey'],
  },
  create(context) {
    const shortKeyStatus = evaluateStatus(byOperation('NO', 'LEGACY'), context.policy('apply'));
    return {
      calls: {
        'crypto.createHmac': (site) => {
          const digest = site.argument('algorithm');
          if (digest) checkDigest(context, context.strings(digest), { use: 'mac', subject: 'createHmac', site: digest });
          const key = site.argument('key');
          for (const { length, value } of context.resolver.byteLengths(key)) {
            if (length >= MIN_KEY_BYTES) continue;
            context.report({
              value,
              site: key!,
              status: shortKeyStatus,
              message: describe(
                `HMAC key is ${length} byte${length === 1 ? '' : 's'} (${length * 8} bits)`,
                `keys below ${MIN_KEY_BITS} bits are disallowed for MAC generation (SP 800-131A Rev 2 §10)`,
                "Use a random key of at least 32 bytes (crypto.generateKeySync('hmac', { length: 256 })), loaded from a secret store.",
              ),
              fipsRuntime: 'runs',
            });
          }
        },
        'crypto.generateKey': (site) => checkGeneratedLength(site.argument('type'), site.argument('options')),
        'crypto.generateKeySync': (site) => checkGeneratedLength(site.argument('type'), site.argument('options')),
        'crypto.subtle.generateKey': (site) => checkWebCrypto(site.argument('algorithm'), site.argument('keyUsages')),
        'crypto.subtle.importKey': (site) => checkWebCrypto(site.argument('algorithm'), site.argument('keyUsages')),
      },
    };

    function checkGeneratedLength(type: ts.Expression | undefined, options: ts.Expression | undefined) {
      if (!context.strings(type).some((t) => t.value.toLowerCase() === 'hmac')) return;
      for (const hit of context.properties(options, 'length')) {
        for (const value of context.valuesOf(hit)) {
          if (value.kind !== 'number' || value.value >= MIN_KEY_BITS) continue;
          reportShortLength(value, siteFor(context, hit, options!));
        }
      }
    }

    function checkWebCrypto(algorithm: ts.Expression | undefined, usages: ts.Expression | undefined) {
      const usageList = keyUsages(context, usages);
      const verifyOnly = usageList !== undefined && usageList.length > 0 && usageList.every((u) => u === 'verify');
      for (const { name, object } of webCryptoAlgorithms(context, algorithm)) {
        if (name.value.toUpperCase() !== 'HMAC' || !object) continue;
        checkDigest(context, webCryptoHashValues(context, object), { use: 'mac', subject: 'WebCrypto HMAC', site: algorithm!, webCrypto: true });
        for (const { hit, value } of objectProperty(context, object, 'length')) {
          if (value.kind !== 'number' || value.value >= MIN_KEY_BITS || verifyOnly) continue;
          reportShortLength(value, siteFor(context, hit, algorithm!));
        }
      }
    }

    function reportShortLength(value: Value, site: ts.Node) {
      if (value.kind !== 'number') return;
      context.report({
        value,
        site,
        status: shortKeyStatus,
        message: describe(`HMAC key length is ${value.value} bits`, `keys below ${MIN_KEY_BITS} bits are disallowed for MAC generation (SP 800-131A Rev 2 §10)`, 'Use 256 bits.'),
        fipsRuntime: 'runs',
        fixes: [{ title: 'Set the key length to 256 bits (keys and MACs made before do not match the new ones)', safety: 'suggestion', edits: [replaceValue(value, '256')] }],
      });
    }
  },
});
