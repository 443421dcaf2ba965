import type { ts } from '../../server/src/engine/typescript';
import { describe, keyUsages, objectProperty, siteFor, webCryptoAlgorithms } from '../../server/src/engine/checks';
import { replaceString } from '../../server/src/engine/fixes';
import { curveSpelling, lookupCurve } from '../../server/src/engine/policy/curves';
import { STATUS_WORDS, statusFor, type Operation } from '../../server/src/engine/policy/status';
import type { StringValue } from '../../server/src/engine/resolve';
import { defineRule, type CallSite } from '../../server/src/engine/rule';
import type { FipsRuntime } from '../../server/src/engine/types';

export default defineRule({
  meta: {
    id: 'elliptic-curve',
    category: 'key-size',
    description: 'Elliptic curves that are not approved (secp256k1, Brainpool, P-192, binary curves) or below the profile (P-256 under CNSA)',
    reference: '§2.4.4, §2.8',
    standards: ['SP 800-186', 'FIPS 186-5', 'SP 800-56A Rev 3', 'CNSA 2.0'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: ['crypto.generateKeyPair', 'crypto.generateKeyPairSync', 'crypto.createECDH', 'crypto.subtle.generateKey', 'crypto.subtle.importKey'],
  },
  create(context) {
    const keyPairCheck = (site: CallSite) => {
      if (!context.strings(site.argument('type')).some((t) => t.value.toLowerCase() === 'ec')) return;
      const options = site.argument('options');
      for (const hit of context.properties(options, 'namedCurve')) {
        for (const value of context.valuesOf(hit)) if (value.kind === 'string') checkCurve(value, siteFor(context, hit, options!), 'apply', /^p-\d/i.test(value.value) ? 'nist' : 'openssl', undefined);
      }
    };
    const webCheck = (site: CallSite) => {
      const algorithm = site.argument('algorithm');
      const usages = keyUsages(context, site.argument('keyUsages'));
      const operation: Operation = usages && usages.length > 0 && usages.every((u) => u === 'verify') ? 'process' : 'apply';
      for (const { name, object } of webCryptoAlgorithms(context, algorithm)) {
        if (!object || !['ECDSA', 'ECDH'].includes(name.value.toUpperCase())) continue;
        for (const { hit, value } of objectProperty(context, object, 'namedCurve')) {
          if (value.kind === 'string') checkCurve(value, siteFor(context, hit, algorithm!), operation, 'nist', 'runs');
        }
      }
    };
    return {
      calls: {
        'crypto.generateKeyPair': keyPairCheck,
        'crypto.generateKeyPairSync': keyPairCheck,
        'crypto.subtle.generateKey': webCheck,
        'crypto.subtle.importKey': webCheck,
        'crypto.createECDH': (site) => {
          const argument = site.argument('curve');
          // The ECDH class uses OpenSSL's low-level EC API and bypasses the FIPS provider (§3.3).
          for (const value of context.strings(argument)) checkCurve(value, argument!, 'apply', 'openssl', 'runs');
        },
      },
    };

    function checkCurve(value: StringValue, site: ts.Node, operation: Operation, style: 'openssl' | 'nist', fipsRuntime: FipsRuntime | undefined) {
      const curve = lookupCurve(value.value);
      if (!curve) return;
      const status = statusFor(curve.status, context.policy(operation, 'keygen'));
      if (status === 'OK') return;
      const target = curve.replacement?.[context.profile];
      const replacement = target ? curveSpelling(target, style) : undefined;
      context.report({
        value,
        site,
        status,
        message: describe(`Elliptic curve ${value.value}${curve.display.toLowerCase() === value.value.toLowerCase() ? '' : ` (${curve.display})`}`, `it is ${STATUS_WORDS[status]} under ${context.profile}; ${curve.reason}`, replacement ? `Use '${replacement}'.` : undefined),
        fipsRuntime: fipsRuntime ?? curve.fipsRuntime,
        fixes: replacement && operation === 'apply' ? [{ title: `Use curve '${replacement}' (new keys; peers must support it)`, safety: 'suggestion', edits: [replaceString(value, replacement)] }] : [],
      });
    }
  },
});
