import type { ts } from '../../server/src/engine/typescript';
import { describe, objectProperty, siteFor, webCryptoAlgorithms } from '../../server/src/engine/checks';
import { inCaseOf, replaceString, replaceValue } from '../../server/src/engine/fixes';
import { CIPHER_FAMILIES, cipherReplacements, parseCipherName, type CipherReplacement, type ParsedCipher } from '../../server/src/engine/policy/ciphers';
import { STATUS_WORDS, statusFor, type Operation, type Status } from '../../server/src/engine/policy/status';
import type { Value } from '../../server/src/engine/resolve';
import { defineRule, type CallSite } from '../../server/src/engine/rule';
import type { FipsRuntime } from '../../server/src/engine/types';

export default defineRule({
  meta: {
    id: 'cipher-algorithm',
    category: 'cipher',
    description: 'Block and stream ciphers other than AES (DES, 3DES encryption, RC4, Blowfish, ChaCha20...), AES-OCB, and AES keys below 256 bits under CNSA',
    reference: '§2.3.1–2.3.3, §2.4.5',
    standards: ['SP 800-131A Rev 2 §2', 'SP 800-140C', 'SP 800-38 series', 'CNSA 2.0'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: ['crypto.createCipheriv', 'crypto.createDecipheriv', 'crypto.createCipher', 'crypto.createDecipher', 'crypto.generateKey', 'crypto.generateKeySync', 'crypto.subtle.generateKey', 'crypto.subtle.deriveKey'],
  },
  create(context) {
    const check = (operation: Operation) => (site: CallSite) => {
      // The function's name as the message says it; createCipher/createDecipher get no fix (no-create-cipher says how to migrate).
      const api = site.api.slice('crypto.'.length);
      const argument = site.argument('algorithm');
      if (!argument) return;
      for (const value of context.strings(argument)) {
        const parsed = parseCipherName(value.value);
        if (!parsed) continue;
        const verdict = verdictFor(parsed, operation);
        if (!verdict || verdict.status === 'OK') continue;
        const apply = operation === 'apply';
        context.report({
          value,
          site: argument,
          status: verdict.status,
          message: describe(
            `${api} uses ${verdict.display} for ${apply ? 'encryption' : 'decryption'}`,
            `it is ${STATUS_WORDS[verdict.status]} under ${context.profile}; ${verdict.reason}`,
            apply ? `Use '${verdict.replacements[0].name}'.` : 'Keep it only to decrypt existing data while migrating it to AES-GCM.',
          ),
          fipsRuntime: verdict.fipsRuntime,
          // Changing the algorithm of a decryption breaks reading existing data: no fix there.
          fixes: apply && api === 'createCipheriv'
            ? verdict.replacements.map((r, i) => ({
                title: `Replace '${value.value}' with '${inCaseOf(value.value, r.name)}' (${r.note})`,
                safety: 'suggestion' as const,
                preferred: i === 0,
                edits: [replaceString(value, inCaseOf(value.value, r.name))],
              }))
            : [],
        });
      }
    };
    // AES key sizes: 128/192/256 are approved; CNSA 2.0 requires 256 (reference §2.4.5).
    const checkAesLength = (value: Value, site: ts.Node) => {
      if (value.kind !== 'number' || value.value === 256 || context.profile !== 'cnsa-2.0' || ![128, 192].includes(value.value)) return;
      context.report({
        value,
        site,
        status: 'NO',
        message: describe(`AES key of ${value.value} bits`, 'CNSA 2.0 requires AES-256 (CNSSP 15)', 'Use 256 bits.'),
        fipsRuntime: 'runs',
        fixes: [{ title: 'Generate 256-bit AES keys (existing keys cannot be upgraded)', safety: 'suggestion', edits: [replaceValue(value, '256')] }],
      });
    };
    const nodeKey = (site: CallSite) => {
      if (!context.strings(site.argument('type')).some((t) => t.value.toLowerCase() === 'aes')) return;
      const options = site.argument('options');
      for (const hit of context.properties(options, 'length')) for (const value of context.valuesOf(hit)) checkAesLength(value, siteFor(context, hit, options!));
    };
    const webKey = (role: string) => (site: CallSite) => {
      const algorithm = site.argument(role);
      for (const { name, object } of webCryptoAlgorithms(context, algorithm)) {
        if (!object || !/^AES-/i.test(name.value)) continue;
        for (const { hit, value } of objectProperty(context, object, 'length')) checkAesLength(value, siteFor(context, hit, algorithm!));
      }
    };
    return {
      calls: {
        'crypto.createCipheriv': check('apply'),
        'crypto.createDecipheriv': check('process'),
        // The password-based forms: the MD5 key derivation is no-create-cipher's finding, the cipher is this one's.
        'crypto.createCipher': check('apply'),
        'crypto.createDecipher': check('process'),
        'crypto.generateKey': nodeKey,
        'crypto.generateKeySync': nodeKey,
        'crypto.subtle.generateKey': webKey('algorithm'),
        'crypto.subtle.deriveKey': webKey('derivedKeyType'),
      },
    };

    function verdictFor(parsed: ParsedCipher, operation: Operation):
      | { status: Status; display: string; reason: string; fipsRuntime: FipsRuntime; replacements: CipherReplacement[] }
      | undefined {
      const policyContext = context.policy(operation, operation === 'apply' ? 'encrypt' : 'decrypt');
      if (parsed.family === 'aes') {
        const gcm = { name: 'aes-256-gcm', note: 'authenticated: 12-byte IV, a 16-byte auth tag to store and check' };
        if (parsed.mode === 'ocb') {
          return { status: 'NO', display: 'AES-OCB', reason: 'OCB is not in the SP 800-38 series', fipsRuntime: 'throws', replacements: [{ name: 'aes-256-gcm', note: 'also AEAD: 12-byte nonce, 16-byte tag; different ciphertext' }] };
        }
        if (parsed.mode === 'cbc-hmac') {
          return {
            status: 'NO',
            display: 'a stitched AES-CBC-HMAC TLS cipher',
            reason: 'outside TLS these compute no MAC and add no padding (SP 800-38A)',
            fipsRuntime: 'runs',
            replacements: [gcm],
          };
        }
        if (context.profile === 'cnsa-2.0' && parsed.bits !== 256 && parsed.mode !== 'ecb') {
          const mode = parsed.mode === 'wrap' || parsed.mode === 'wrap-pad' ? `wrap${parsed.mode === 'wrap-pad' ? '-pad' : ''}` : parsed.mode;
          const name = parsed.mode === 'wrap' ? 'aes256-wrap' : parsed.mode === 'wrap-pad' ? 'id-aes256-wrap-pad' : `aes-256-${mode}`;
          return { status: 'NO', display: `AES-${parsed.bits}`, reason: 'CNSA 2.0 requires AES-256 (CNSSP 15)', fipsRuntime: 'runs', replacements: [{ name, note: 'same mode; a new 32-byte key' }] };
        }
        return undefined;
      }
      const family = CIPHER_FAMILIES[parsed.family];
      const status = statusFor(family.status, policyContext);
      // 3-key TDEA in CFB/OFB is not in the OpenSSL 3.0 FIPS provider even though ECB/CBC are.
      const fipsRuntime: FipsRuntime = parsed.family === 'tdea3' && parsed.mode !== 'ecb' && parsed.mode !== 'cbc' ? 'throws' : family.fipsRuntime;
      return { status, display: family.display, reason: family.reason, fipsRuntime, replacements: cipherReplacements(parsed, context.profile) };
    }
  },
});
