import { ts } from '../../server/src/engine/typescript';
import { describe, literalWithout, objectProperty, siteFor, webCryptoAlgorithms } from '../../server/src/engine/checks';
import { insertProperty, replaceValue } from '../../server/src/engine/fixes';
import { parseCipherName } from '../../server/src/engine/policy/ciphers';
import type { Value } from '../../server/src/engine/resolve';
import { defineRule, type CallSite, type FixDescriptor } from '../../server/src/engine/rule';

/** SP 800-38D §5.2.1.2: GCM tags of 96–128 bits; 32/64 only under Appendix C limits. CCM: tags of 8+ bytes (§2.3.1). */
const MIN_TAG_BYTES = { gcm: 12, ccm: 8 } as const;

export default defineRule({
  meta: {
    id: 'aead-tag-length',
    category: 'mode',
    description: 'GCM authentication tags shorter than 96 bits and CCM tags shorter than 64 bits; GCM decryption that does not fix the tag length',
    reference: '§2.3.1, §2.8, §5 (GCM tag length)',
    standards: ['SP 800-38D §5.2.1.2, Appendix C', 'SP 800-38C', 'Node DEP0182'],
    fix: 'suggestion',
    apis: ['crypto.createCipheriv', 'crypto.createDecipheriv', 'crypto.subtle.encrypt', 'crypto.subtle.decrypt', 'crypto.subtle.wrapKey', 'crypto.subtle.unwrapKey'],
  },
  create(context) {
    const nodeCheck = (site: CallSite) => {
      const options = site.argument('options');
      if (site.api === 'crypto.createDecipheriv') checkDecipherTagLength(site, options);
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

    /**
     * GCM decryption with no authTagLength takes whatever tag length setAuthTag is given: a
     * 4-byte tag from a forger verifies (Node DEP0182 deprecates it). Only judged when the options
     * are absent or written here without a spread: options built elsewhere may well set it.
     */
    function checkDecipherTagLength(site: CallSite, options: ts.Expression | undefined) {
      const literal = options && literalWithout(options, 'authTagLength');
      if (options && !literal) return;
      const gcm = context.strings(site.argument('algorithm')).find((a) => parseCipherName(a.value)?.mode === 'gcm');
      if (!gcm) return;
      const args = site.node.arguments ?? [];
      const edit =
        literal
          ? insertProperty(literal, 'authTagLength: 16', site.sourceFile)
          : args.length === 3
            ? { file: site.sourceFile.fileName, start: args[2].getEnd(), end: args[2].getEnd(), newText: ', { authTagLength: 16 }' }
            : undefined;
      const fix: FixDescriptor | undefined = edit ? { title: 'Require 16-byte tags (authTagLength: 16; ciphertexts with shorter tags no longer decrypt)', safety: 'suggestion', edits: [edit] } : undefined;
      context.report({
        value: gcm,
        site: site.node.expression,
        status: 'DEPR',
        message: describe(
          `createDecipheriv('${gcm.value}') without authTagLength`,
          'decryption then accepts any tag length setAuthTag is given, so a forger can present a 4-byte tag (SP 800-38D §5.2.1.2; Node DEP0182 deprecates it)',
          'Pass { authTagLength: 16 }.',
        ),
        fipsRuntime: 'runs',
        fixes: [fix],
      });
    }

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
