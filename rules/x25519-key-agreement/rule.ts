import { ts } from '../../server/src/engine/typescript';
import { describe, webCryptoAlgorithms } from '../../server/src/engine/checks';
import { insertProperty, quoteOf, replaceNode, replaceString } from '../../server/src/engine/fixes';
import { KEY_TYPES } from '../../server/src/engine/policy/curves';
import { STATUS_WORDS, statusFor } from '../../server/src/engine/policy/status';
import type { StringValue } from '../../server/src/engine/resolve';
import { defineRule, type CallSite, type FixDescriptor } from '../../server/src/engine/rule';
import type { TextEdit } from '../../server/src/engine/types';

const SEMANTICS = 'keys change encoding (32-byte raw → 65-byte point) and both peers must change';

export default defineRule({
  meta: {
    id: 'x25519-key-agreement',
    category: 'key-agreement',
    description: 'X25519 and X448 key agreement, which SP 800-56A Rev 3 does not include',
    reference: '§1.5, §2.4.4, §2.8, §5 (X25519/X448)',
    standards: ['FIPS 140-3 IG C.K Resolution 5', 'SP 800-56A Rev 3'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: ['crypto.generateKeyPair', 'crypto.generateKeyPairSync', 'crypto.subtle.generateKey', 'crypto.subtle.importKey', 'crypto.subtle.deriveBits', 'crypto.subtle.deriveKey'],
  },
  create(context) {
    const keyPairCheck = (site: CallSite) => {
      const typeArgument = site.argument('type');
      for (const value of context.strings(typeArgument)) {
        const type = value.value.toLowerCase();
        if (type !== 'x25519' && type !== 'x448') continue;
        report(value, typeArgument!, keyPairFix(site, value, type === 'x448' ? 'P-384' : 'P-256'));
      }
    };
    const webCheck = (site: CallSite) => {
      const algorithm = site.argument('algorithm');
      for (const { name, object } of webCryptoAlgorithms(context, algorithm)) {
        const type = name.value.toUpperCase();
        if (type !== 'X25519' && type !== 'X448') continue;
        const curve = type === 'X448' ? 'P-384' : 'P-256';
        let fix: FixDescriptor | undefined;
        const literal = object?.origin.node;
        if (!object) {
          fix = webFix([replaceNode(name.origin, `{ name: ${q(name)}ECDH${q(name)}, namedCurve: ${q(name)}${curve}${q(name)} }`)], curve);
        } else if (literal && ts.isObjectLiteralExpression(literal) && site.api !== 'crypto.subtle.deriveBits' && site.api !== 'crypto.subtle.deriveKey') {
          fix = webFix([replaceString(name, 'ECDH'), insertProperty(literal, `namedCurve: ${q(name)}${curve}${q(name)}`, object.origin.sourceFile)], curve);
        } else {
          fix = webFix([replaceString(name, 'ECDH')], curve);
        }
        report(name, algorithm!, fix);
      }
    };
    return {
      calls: {
        'crypto.generateKeyPair': keyPairCheck,
        'crypto.generateKeyPairSync': keyPairCheck,
        'crypto.subtle.generateKey': webCheck,
        'crypto.subtle.importKey': webCheck,
        'crypto.subtle.deriveBits': webCheck,
        'crypto.subtle.deriveKey': webCheck,
      },
    };

    function q(value: StringValue): string {
      return quoteOf(value.origin);
    }

    function webFix(edits: Array<TextEdit | undefined>, curve: string): FixDescriptor {
      return { title: `Use ECDH on ${curve} (${SEMANTICS})`, safety: 'suggestion', edits };
    }

    function keyPairFix(site: CallSite, value: StringValue, curve: string): FixDescriptor | undefined {
      const options = site.argument('options');
      const quote = q(value);
      if (!options || ts.isFunctionLike(options)) {
        // generateKeyPairSync('x25519') or generateKeyPair('x25519', callback)
        return { title: `Use ECDH on ${curve} (${SEMANTICS})`, safety: 'suggestion', edits: [replaceNode(value.origin, `${quote}ec${quote}, { namedCurve: ${quote}${curve}${quote} }`)] };
      }
      const literal = ts.isObjectLiteralExpression(options) ? options : undefined;
      if (!literal) return undefined;
      return {
        title: `Use ECDH on ${curve} (${SEMANTICS})`,
        safety: 'suggestion',
        edits: [replaceString(value, 'ec'), insertProperty(literal, `namedCurve: ${quote}${curve}${quote}`, site.sourceFile)],
      };
    }

    function report(value: StringValue, site: ts.Node, fix: FixDescriptor | undefined) {
      const policy = KEY_TYPES[value.value.toLowerCase()];
      const status = statusFor(policy.status, context.policy('apply', 'key-agreement'));
      if (status === 'OK') return;
      context.report({
        value,
        site,
        status,
        message: describe(`${policy.display} key agreement`, `it is ${STATUS_WORDS[status]}; ${policy.reason}`, `Use ${policy.instead[context.profile]}.`),
        fipsRuntime: policy.fipsRuntime,
        fixes: [fix],
      });
    }
  },
});
