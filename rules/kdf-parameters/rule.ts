import type { ts } from '../../server/src/engine/typescript';
import { calleeBaseText, checkDigest, describe, objectProperty, siteFor, webCryptoAlgorithms, webCryptoHashValues } from '../../server/src/engine/checks';
import { replaceValue } from '../../server/src/engine/fixes';
import { lookupDigest } from '../../server/src/engine/policy/digests';
import { PBKDF2_DEFAULT_RECOMMENDED_ITERATIONS, PBKDF2_MINIMUMS, PBKDF2_RECOMMENDED_ITERATIONS } from '../../server/src/engine/policy/schemes';
import type { Value } from '../../server/src/engine/resolve';
import { defineRule, type CallSite } from '../../server/src/engine/rule';

const MIN_ITERATIONS = PBKDF2_MINIMUMS.iterations.minimum;
const MIN_SALT_BYTES = PBKDF2_MINIMUMS.saltBytes.minimum;
const MIN_KEY_BYTES = PBKDF2_MINIMUMS.keyBytes.minimum;

function recommendedIterations(digest: string | undefined): number {
  const display = digest ? lookupDigest(digest)?.display : undefined;
  return (display && PBKDF2_RECOMMENDED_ITERATIONS[display]) || PBKDF2_DEFAULT_RECOMMENDED_ITERATIONS;
}

export default defineRule({
  meta: {
    id: 'kdf-parameters',
    category: 'kdf',
    description: 'PBKDF2 with too few iterations, a short or constant salt, a short key or a non-approved digest; HKDF with a non-approved digest',
    reference: '§1.8, §2.5, §2.8, §5 (PBKDF2 minimums, HKDF)',
    standards: ['SP 800-132 §5.1–5.3', 'SP 800-56C Rev 2', 'SP 800-131A Rev 2 §8'],
    fix: 'suggestion',
    apis: ['crypto.pbkdf2', 'crypto.pbkdf2Sync', 'crypto.hkdf', 'crypto.hkdfSync', 'crypto.subtle.deriveBits', 'crypto.subtle.deriveKey'],
  },
  create(context) {
    const pbkdf2 = (site: CallSite) => {
      const digestArgument = site.argument('digest');
      const digests = context.strings(digestArgument);
      if (digestArgument) checkDigest(context, digests, { use: 'kdf', subject: 'PBKDF2', site: digestArgument });
      const iterations = site.argument('iterations');
      for (const value of context.numbers(iterations)) checkIterations(value, iterations!, digests[0]?.value);
      const salt = site.argument('salt');
      const base = calleeBaseText(site.node.expression, site.sourceFile);
      for (const value of context.resolver.values(salt)) checkSalt(value, salt!, base);
      const keylen = site.argument('keylen');
      for (const value of context.numbers(keylen)) {
        if (value.value >= MIN_KEY_BYTES) continue;
        context.report({
          value,
          site: keylen!,
          status: 'NO',
          message: describe(`PBKDF2 derives a ${value.value}-byte key`, `derived keys must be at least 112 bits, ${MIN_KEY_BYTES} bytes (SP 800-132 §5.3)`, 'Derive 32 bytes.'),
          fipsRuntime: 'runs',
          fixes: [{ title: 'Derive 32 bytes (the derived key changes)', safety: 'suggestion', edits: [replaceValue(value, '32')] }],
        });
      }
    };
    const hkdf = (site: CallSite) => {
      const digest = site.argument('digest');
      if (digest) checkDigest(context, context.strings(digest), { use: 'kdf', subject: 'HKDF', site: digest });
    };
    const webDerive = (site: CallSite) => {
      const algorithm = site.argument('algorithm');
      for (const { name, object } of webCryptoAlgorithms(context, algorithm)) {
        const upper = name.value.toUpperCase();
        if (!object || (upper !== 'PBKDF2' && upper !== 'HKDF')) continue;
        const hashes = webCryptoHashValues(context, object);
        checkDigest(context, hashes, { use: 'kdf', subject: upper, site: algorithm!, webCrypto: true });
        if (upper !== 'PBKDF2') continue;
        for (const { hit, value } of objectProperty(context, object, 'iterations')) if (value.kind === 'number') checkIterations(value, siteFor(context, hit, algorithm!), hashes[0]?.value);
        for (const { hit, value } of objectProperty(context, object, 'salt')) checkSalt(value, siteFor(context, hit, algorithm!), undefined);
      }
    };
    return {
      calls: {
        'crypto.pbkdf2': pbkdf2,
        'crypto.pbkdf2Sync': pbkdf2,
        'crypto.hkdf': hkdf,
        'crypto.hkdfSync': hkdf,
        'crypto.subtle.deriveBits': webDerive,
        'crypto.subtle.deriveKey': webDerive,
      },
    };

    function checkIterations(value: Extract<Value, { kind: 'number' }>, site: ts.Node, digest: string | undefined) {
      const recommended = recommendedIterations(digest);
      if (value.value >= recommended) return;
      const belowFloor = value.value < MIN_ITERATIONS;
      context.report({
        value,
        site,
        status: belowFloor ? 'NO' : 'DEPR',
        message: describe(
          `PBKDF2 runs ${value.value} iterations`,
          belowFloor ? `SP 800-132 §5.2 sets ${MIN_ITERATIONS} as the minimum` : `current guidance for this digest is ${recommended.toLocaleString('en-US')} (SP 800-132 §5.2 "as large as feasible"; OWASP)`,
          `Use ${recommended}.`,
        ),
        fipsRuntime: 'runs',
        fixes: [{ title: `Use ${recommended} iterations (derived keys change: re-hash stored passwords on next login)`, safety: 'suggestion', edits: [replaceValue(value, String(recommended))] }],
      });
    }

    function checkSalt(value: Value, site: ts.Node, cryptoBase: string | undefined) {
      const bytes = context.resolver.bytesOf(value);
      if (!bytes) return;
      if (bytes.random && bytes.length >= MIN_SALT_BYTES) return;
      // Written in place from other data: not a constant, and whether it is random is not known here.
      if (!bytes.random && bytes.varies) return;
      const fixes = cryptoBase ? [{ title: `Use ${cryptoBase}.randomBytes(16) (store the salt with the hash)`, safety: 'suggestion' as const, edits: [replaceValue(value, `${cryptoBase}.randomBytes(16)`)] }] : [];
      context.report({
        value,
        site,
        status: 'NO',
        message: bytes.random
          ? describe(`PBKDF2 salt of ${bytes.length} bytes`, `salts must be at least 128 bits, ${MIN_SALT_BYTES} bytes (SP 800-132 §5.1)`, 'Use 16 random bytes.')
          : describe('PBKDF2 salt is a constant', 'salts must be random, at least 128 bits, and differ per password (SP 800-132 §5.1)', 'Use crypto.randomBytes(16) and store it with the hash.'),
        fipsRuntime: 'runs',
        fixes,
      });
    }
  },
});
