import { ts } from '../../server/src/engine/typescript';
import { calleeBaseText, describe, siteFor } from '../../server/src/engine/checks';
import { insertProperty, preferredQuote, replaceValue } from '../../server/src/engine/fixes';
import { lookupDigest } from '../../server/src/engine/policy/digests';
import { RSA_PADDING } from '../../server/src/engine/policy/keys';
import { RSA_SCHEMES } from '../../server/src/engine/policy/schemes';
import type { NumberValue, Value } from '../../server/src/engine/resolve';
import { defineRule, type CallSite, type FixDescriptor } from '../../server/src/engine/rule';

const { PKCS1, NONE: NO_PADDING, X931, PSS } = RSA_PADDING;
const SALTLEN_DIGEST = -1;

export default defineRule({
  meta: {
    id: 'rsa-padding',
    category: 'padding',
    description: 'RSA PKCS #1 v1.5 encryption, unpadded RSA, raw privateEncrypt/publicDecrypt, and RSA-PSS signing with a salt longer than the hash',
    reference: '§2.7',
    standards: ['SP 800-131A Rev 2 §6', 'SP 800-56B Rev 2', 'FIPS 186-5 (RSASSA-PSS sLen ≤ hLen)'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: ['crypto.publicEncrypt', 'crypto.privateDecrypt', 'crypto.privateEncrypt', 'crypto.publicDecrypt', 'crypto.sign'],
  },
  create(context) {
    const encryptionCheck = (decrypt: boolean) => (site: CallSite) => {
      const key = site.argument('key');
      for (const hit of context.properties(key, 'padding')) {
        for (const value of context.valuesOf(hit)) {
          if (value.kind !== 'number') continue;
          const site_ = siteFor(context, hit, key!);
          if (value.value === PKCS1) {
            context.report({
              value,
              site: site_,
              status: 'NO',
              message: describe(
                `RSA PKCS #1 v1.5 ${decrypt ? 'decryption' : 'encryption'}`,
                decrypt
                  ? 'PKCS #1 v1.5 key transport is disallowed after 2023 (SP 800-131A Rev 2 §6) and Node ≥ 20.11.1 refuses it for privateDecrypt (CVE-2023-46809)'
                  : RSA_SCHEMES.pkcs1Encryption.why,
                "Use RSA_PKCS1_OAEP_PADDING with oaepHash: 'sha256'.",
              ),
              fipsRuntime: decrypt ? 'throws' : 'runs',
              fixes: [oaepFix(value, hit.property.parent)],
            });
          } else if (value.value === NO_PADDING) {
            context.report({
              value,
              site: site_,
              status: 'NO',
              message: describe('Unpadded (raw) RSA', RSA_SCHEMES.noPadding.why, `Use ${RSA_SCHEMES.noPadding.instead}.`),
              fipsRuntime: 'runs',
              fixes: [oaepFix(value, hit.property.parent)],
            });
          }
        }
      }
    };
    const rawSignature = (name: string) => (site: CallSite) =>
      context.report({
        site: site.node.expression,
        status: 'NO',
        message: describe(
          `crypto.${name} is a raw RSA private-key operation`,
          RSA_SCHEMES.rawSignature.why,
          name === 'privateEncrypt' ? 'Use crypto.sign(\'sha256\', data, privateKey).' : "Use crypto.verify('sha256', data, publicKey, signature).",
        ),
        fipsRuntime: 'runs',
      });
    return {
      calls: {
        'crypto.publicEncrypt': encryptionCheck(false),
        'crypto.privateDecrypt': encryptionCheck(true),
        'crypto.privateEncrypt': rawSignature('privateEncrypt'),
        'crypto.publicDecrypt': rawSignature('publicDecrypt'),
        'crypto.sign': (site) => {
          const key = site.argument('key');
          const paddings = context.properties(key, 'padding').flatMap((hit) => context.valuesOf(hit).map((value) => ({ hit, value })));
          for (const { hit, value } of paddings) {
            if (value.kind !== 'number') continue;
            if (value.value === X931) {
              context.report({ value, site: siteFor(context, hit, key!), status: 'NO', message: describe('RSA X9.31 signature padding', RSA_SCHEMES.x931.why, `Use ${RSA_SCHEMES.x931.instead}.`), fipsRuntime: 'runs' });
            }
            if (value.value !== PSS) continue;
            checkPssSalt(site, key!, hit.property);
          }
        },
      },
    };

    function checkPssSalt(site: CallSite, key: ts.Expression, paddingProperty: ts.Node) {
      const saltHits = context.properties(key, 'saltLength');
      const digestBytes = context.strings(site.argument('algorithm')).map((d) => lookupDigest(d.value)?.outputBytes).find((n) => n !== undefined);
      const object = paddingProperty.parent;
      const base = calleeBaseText(site.node.expression, site.sourceFile);
      const fix: FixDescriptor | undefined =
        base && ts.isObjectLiteralExpression(object)
          ? { title: 'Set saltLength to the digest length (RSA_PSS_SALTLEN_DIGEST)', safety: 'suggestion', edits: [insertProperty(object, `saltLength: ${base}.constants.RSA_PSS_SALTLEN_DIGEST`, site.sourceFile)] }
          : undefined;
      if (saltHits.length === 0) {
        context.report({
          site: paddingProperty,
          status: 'NO',
          message: describe(
            'RSA-PSS signing with Node\'s default salt length',
            `Node signs with the maximum salt length, longer than the hash, while ${RSA_SCHEMES.pssLongSalt.why}`,
            'Add saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST.',
          ),
          fipsRuntime: 'runs',
          fixes: [fix],
        });
        return;
      }
      for (const hit of saltHits) {
        for (const value of context.valuesOf(hit) as Value[]) {
          if (value.kind !== 'number' || value.value === SALTLEN_DIGEST || digestBytes === undefined || value.value <= digestBytes) continue;
          context.report({
            value,
            site: siteFor(context, hit, key),
            status: 'NO',
            message: describe(`RSA-PSS salt of ${value.value} bytes`, `FIPS 186-5 requires a salt no longer than the hash (${digestBytes} bytes)`, `Use ${digestBytes} or RSA_PSS_SALTLEN_DIGEST.`),
            fipsRuntime: 'runs',
            fixes: [{ title: `Use a ${digestBytes}-byte salt`, safety: 'suggestion', edits: [replaceValue(value, String(digestBytes))] }],
          });
        }
      }
    }

    function oaepFix(value: NumberValue, object: ts.Node): FixDescriptor | undefined {
      // Only a `x.constants.NAME` spelling can name the OAEP constant without a new import.
      const text = value.origin.node.getText(value.origin.sourceFile);
      if (!value.constantName || !text.endsWith(`.${value.constantName}`)) return undefined;
      // A fix whose oaepHash cannot be written is dropped whole (the engine drops fixes with a missing edit).
      const edits: FixDescriptor['edits'] = [replaceValue(value, text.slice(0, -value.constantName.length) + 'RSA_PKCS1_OAEP_PADDING')];
      if (ts.isObjectLiteralExpression(object) && value.origin.sourceFile === object.getSourceFile() && !object.properties.some((p) => p.name?.getText() === 'oaepHash')) {
        const quote = preferredQuote(object.getSourceFile());
        edits.push(insertProperty(object, `oaepHash: ${quote}sha256${quote}`, object.getSourceFile()));
      }
      return { title: "Use OAEP with SHA-256 (the other side must decrypt with oaepHash 'sha256'; max plaintext shrinks)", safety: 'suggestion', edits };
    }
  },
});
