import type { ts } from '../../server/src/engine/typescript';
import { describe, objectProperty, siteFor, webCryptoAlgorithms } from '../../server/src/engine/checks';
import { replaceValue } from '../../server/src/engine/fixes';
import { parseCipherName } from '../../server/src/engine/policy/ciphers';
import type { Value } from '../../server/src/engine/resolve';
import { defineRule, type CallSite } from '../../server/src/engine/rule';

/** SP 800-38D §5.2.1.2: GCM tags of 96–128 bits; 32/64 only under Appendix C limits. CCM: tags of 8+ bytes (§2.3.1). */
const MIN_TAG_BYTES = { gcm: 12, ccm: 8 } as const;

export default defineRule({
  meta: {
    id: 'aead-tag-length',
    category: 'mode',
    description: 'GCM authentication tags shorter than 96 bits and CCM tags shorter than 64 bits',
    reference: '§2.3.1, §2.8, §5 (GCM tag length)',
    standards: ['SP 800-38D §5.2.1.2, Appendix C', 'SP 800-38C'],
    fix: 'suggestion',
    apis: ['crypto.createCipheriv', 'crypto.createDecipheriv', 'crypto.subtle.encrypt', 'crypto.subtle.decrypt', 'crypto.subtle.wrapKey', 'crypto.subtle.unwrapKey'],
  },
  create(context) {
    const nodeCheck = (site: CallSite) => {
      const options = site.argument('options');
      if (!options) return;
      for (const algorithm of context.strings(site.argument('algorithm'))) {
        const mode = parseCipherName(algorithm.value)?.mode;
        if (mode !== 'gcm' && mode !== 'ccm') continue;
        for (const hit of context.properties(options, 'authTagLength')) {
          for (const value of context.valuesOf(hit)) {
            if (value.kind === 'number' && value.value < MIN_TAG_BYTES[mode]) report(value, siteFor(context, hit, options), `${value.value}-byte`, mode, '16');
          }
        }
      }
    };
    const webCheck = (site: CallSite) => {
      const algorithm = site.argument('algorithm');
      for (const { name, object } of webCryptoAlgorithms(context, algorithm)) {
        if (!object || name.value.toUpperCase() !== 'AES-GCM') continue;
        for (const { hit, value } of objectProperty(context, object, 'tagLength')) {
          if (value.kind === 'number' && value.value < MIN_TAG_BYTES.gcm * 8) report(value, siteFor(context, hit, algorithm!), `${value.value}-bit`, 'gcm', '128');
        }
      }
    };
    return {
      calls: {
        'crypto.createCipheriv': nodeCheck,
        'crypto.createDecipheriv': nodeCheck,
        'crypto.subtle.encrypt': webCheck,
        'crypto.subtle.decrypt': webCheck,
        'crypto.subtle.wrapKey': webCheck,
        'crypto.subtle.unwrapKey': webCheck,
      },
    };

    function report(value: Value, site: ts.Node, size: string, mode: 'gcm' | 'ccm', fixText: string) {
      context.report({
        value,
        site,
        status: 'NO',
        message: describe(
          `${mode.toUpperCase()} uses a ${size} authentication tag`,
          mode === 'gcm'
            ? 'tags below 96 bits are allowed only under the usage limits of SP 800-38D Appendix C (§5.2.1.2)'
            : 'CCM tags below 8 bytes make forgeries practical (SP 800-38C)',
          `Use ${fixText === '16' ? '16 bytes' : '128 bits'}.`,
        ),
        fipsRuntime: 'runs',
        fixes: [{ title: `Use a full-length tag (${fixText === '16' ? '16 bytes' : '128 bits'}; stored tags grow)`, safety: 'suggestion', edits: [replaceValue(value, fixText)] }],
      });
    }
  },
});
