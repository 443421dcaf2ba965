import { ts } from '../../server/src/engine/typescript';
import { quoteCode } from '../../server/src/engine/quote';
import { CRYPTO_JS_CIPHERS, CRYPTO_JS_HASHERS, CRYPTO_JS_KECCAK } from '../../server/src/engine/apis';
import { cryptoJsOptions, describe, inLibrary, notValidated, readsEnvironment } from '../../server/src/engine/checks';
import { skipOuterExpressions } from '../../server/src/engine/resolve';
import { nodeCryptoReference, preferredQuote, replaceNode } from '../../server/src/engine/fixes';
import { CIPHER_FAMILIES, ECB_STATUS } from '../../server/src/engine/policy/ciphers';
import { lookupDigest } from '../../server/src/engine/policy/digests';
import { STATUS_WORDS, evaluateStatus, statusFor, type Operation, type Status, type Use } from '../../server/src/engine/policy/status';
import { defineRule, type CallSite, type FixDescriptor, type RuleContext } from '../../server/src/engine/rule';

/**
 * crypto-js 4.2.0 (reference §2.11). Every algorithm it offers runs outside a validated module,
 * so even SHA-256 and AES are NV; MD5, RIPEMD-160, its Keccak-based "SHA3", DES, RC4, Rabbit
 * and Blowfish are not approved at all, and `AES.encrypt(msg, 'passphrase')` derives its key
 * with EvpKDF (one MD5 iteration).
 */

const KECCAK_REASON =
  "crypto-js's SHA3 is the original Keccak submission, not FIPS 202 SHA-3: its padding differs, so its output is not SHA3-256/512 and no standard approves it";
const EVPKDF_REASON =
  'a passphrase string makes crypto-js derive the key and IV with EvpKDF (OpenSSL EVP_BytesToKey: one MD5 iteration, 8-byte salt), which is not an approved KDF (SP 800-132)';
const PBKDF2_DOCS = 'crypto-js ≤ 4.1.1 defaults PBKDF2 to SHA-1 with 1 iteration (CVE-2023-46233); 4.2.0 to SHA-256 with 250,000';

const HASHERS = CRYPTO_JS_HASHERS;
const CIPHERS = CRYPTO_JS_CIPHERS;
const HASH_APIS = [...Object.keys(HASHERS), CRYPTO_JS_KECCAK];
const CIPHER_NAMES = Object.keys(CIPHERS);

export default defineRule({
  meta: {
    id: 'crypto-js',
    category: 'library',
    description: 'crypto-js hashes, HMACs, ciphers, modes and KDFs: not approved (MD5, Keccak "SHA3", DES, RC4, passphrase keys) or approved but outside a validated module',
    reference: '§2.11 (crypto-js), §2.5, §0.3',
    standards: ['FIPS 140-3 / ISO/IEC 19790 §7.2', 'FIPS 180-4', 'FIPS 202', 'SP 800-131A Rev 2', 'SP 800-132', 'SP 800-38A'],
    fix: 'mixed',
    judgesAlgorithm: true,
    apis: [
      ...HASH_APIS.flatMap((h) => [`crypto-js.${h}`, `crypto-js.Hmac${h}`, `crypto-js.algo.${h}.create`]),
      'crypto-js.algo.HMAC.create',
      ...CIPHER_NAMES.flatMap((c) => [`crypto-js.${c}.encrypt`, `crypto-js.${c}.decrypt`, `crypto-js.algo.${c}.createEncryptor`, `crypto-js.algo.${c}.createDecryptor`]),
      'crypto-js.PBKDF2',
      'crypto-js.algo.PBKDF2.create',
      'crypto-js.EvpKDF',
      'crypto-js.algo.EvpKDF.create',
      'crypto-js.lib.WordArray.random',
    ],
  },
  create(context) {
    const calls: Record<string, (site: CallSite) => void> = {};
    for (const hasher of HASH_APIS) {
      calls[`crypto-js.${hasher}`] = (site) => checkHash(context, site, hasher, 'hash');
      calls[`crypto-js.Hmac${hasher}`] = (site) => checkHash(context, site, hasher, 'mac');
      calls[`crypto-js.algo.${hasher}.create`] = (site) => checkHash(context, site, hasher, 'hash');
    }
    calls['crypto-js.algo.HMAC.create'] = (site) => {
      const hasher = site.argument('hasher');
      const api = hasher && context.resolver.resolveApi(hasher);
      if (api?.[0] === 'crypto-js' && api[1] === 'algo' && api.length === 3 && HASH_APIS.includes(api[2])) checkHash(context, site, api[2], 'mac', hasher);
    };
    for (const cipher of CIPHER_NAMES) {
      calls[`crypto-js.${cipher}.encrypt`] = (site) => checkCipher(context, site, cipher, 'apply', true);
      calls[`crypto-js.${cipher}.decrypt`] = (site) => checkCipher(context, site, cipher, 'process', true);
      calls[`crypto-js.algo.${cipher}.createEncryptor`] = (site) => checkCipher(context, site, cipher, 'apply', false);
      calls[`crypto-js.algo.${cipher}.createDecryptor`] = (site) => checkCipher(context, site, cipher, 'process', false);
    }
    calls['crypto-js.PBKDF2'] = (site) => checkPbkdf2(context, site, site.argument('options'));
    calls['crypto-js.algo.PBKDF2.create'] = (site) => checkPbkdf2(context, site, site.argument('options'));
    const evpKdf = (site: CallSite) =>
      context.report({
        site: site.node.expression,
        status: 'NO',
        message: describe(
          'EvpKDF is OpenSSL EVP_BytesToKey (MD5, 1 iteration by default)',
          'it is not an approved key derivation function (SP 800-132, SP 800-108)',
          "Use crypto.pbkdf2Sync(password, salt16, 600000, 32, 'sha256') for passwords, or HKDF for keys.",
        ),
      });
    calls['crypto-js.EvpKDF'] = evpKdf;
    calls['crypto-js.algo.EvpKDF.create'] = evpKdf;
    calls['crypto-js.lib.WordArray.random'] = (site) => {
      const random = nodeCryptoReference(site.sourceFile, 'randomBytes');
      const size = site.argument('size');
      context.report({
        site: site.node.expression,
        status: 'NV',
        message: describe('WordArray.random draws from crypto-js', `${notValidated('crypto-js')}; crypto-js 3.x used Math.random here`, 'Use crypto.randomBytes(n) from node:crypto.'),
        fixes: size
          ? [
              {
                title: `Replace with node:crypto ${random.text}(${size.getText(site.sourceFile)}) (returns a Buffer, not a WordArray)`,
                safety: 'suggestion',
                preferred: true,
                edits: [replaceNode(site, `${random.text}(${size.getText(site.sourceFile)})`), ...random.edits],
              },
            ]
          : [],
      });
    };
    return { calls };
  },
});

/** SHA3 output length from `{ outputLength: 256 }`; crypto-js defaults to 512. */
function keccakBits(context: RuleContext, options: ts.Expression | undefined): number {
  for (const hit of context.properties(options, 'outputLength')) {
    for (const value of context.valuesOf(hit)) if (value.kind === 'number' && [224, 256, 384, 512].includes(value.value)) return value.value;
  }
  return 512;
}

function checkHash(context: RuleContext, site: CallSite, hasher: string, use: Use, at: ts.Node = site.node.expression): void {
  const callee = quoteCode(at, site.sourceFile);
  const isMac = use === 'mac';
  let status: Status;
  let why: string;
  let display: string;
  let replacement: string;
  if (hasher === CRYPTO_JS_KECCAK) {
    display = 'Keccak';
    status = 'NO';
    why = KECCAK_REASON;
    const bits = keccakBits(context, isMac ? undefined : site.argument('options'));
    const candidate = lookupDigest(`sha3-${bits}`);
    replacement = candidate && statusFor(candidate.status, context.policy('apply', use)) === 'OK' ? `sha3-${bits}` : candidate?.replacement[context.profile] ?? 'sha384';
  } else {
    const policy = lookupDigest(HASHERS[hasher])!;
    display = policy.display;
    status = inLibrary(statusFor(policy.status, context.policy('apply', use)));
    why = status === 'NV' ? notValidated('crypto-js') : policy.reason;
    replacement = status === 'NV' ? HASHERS[hasher] : policy.replacement[context.profile];
  }
  const nodeApi = isMac ? 'createHmac' : 'createHash';
  const what =
    status === 'NV'
      ? `${callee} computes ${isMac ? 'HMAC-' : ''}${display} in crypto-js`
      : `${callee} computes ${isMac ? 'HMAC-' : ''}${display}, ${STATUS_WORDS[status]} under ${context.profile}`;
  const sameOutput = hasher !== CRYPTO_JS_KECCAK && replacement === HASHERS[hasher];
  const progressive = site.api.startsWith('crypto-js.algo.');
  context.report({
    site: at,
    status,
    message: describe(what, why, `Use ${nodeApi}('${replacement}')${isMac ? ' with the same key' : ''} from node:crypto${sameOutput ? ' (same output)' : ''}.`),
    fipsRuntime: 'runs',
    fixes: progressive ? [] : [hashFix(context, site, nodeApi, replacement, sameOutput, display)],
  });
}

/**
 * `CryptoJS.SHA256(msg).toString()` → `createHash('sha256').update(msg).digest('hex')`, with the
 * import added. Only where the result is turned into text right away (`.toString()`, a
 * template), since a WordArray result has no Buffer equivalent. It is safe when the algorithm
 * stays the same and the message is known to be a string (crypto-js and Node both read it as
 * UTF-8); a WordArray message would need converting, so otherwise a person picks it.
 */
function hashFix(context: RuleContext, site: CallSite, nodeApi: 'createHash' | 'createHmac', digest: string, sameOutput: boolean, display: string): FixDescriptor | undefined {
  const call = site.node;
  if (!ts.isCallExpression(call)) return undefined;
  const message = call.arguments[0];
  const key = nodeApi === 'createHmac' ? call.arguments[1] : undefined;
  if (!message || (nodeApi === 'createHmac' && !key) || call.arguments.some((a) => ts.isSpreadElement(a))) return undefined;
  if (looksLikeWordArray(context, message) || (key && looksLikeWordArray(context, key))) return undefined;
  let target: ts.Node = call;
  let encoding = 'hex';
  const parent = call.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name.text === 'toString' && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
    const toString = parent.parent;
    if (toString.arguments.length > 1) return undefined;
    if (toString.arguments.length === 1) {
      const api = context.resolver.resolveApi(toString.arguments[0]);
      const enc = api?.[0] === 'crypto-js' && api[1] === 'enc' ? api[2] : undefined;
      const encodings: Record<string, string> = { Hex: 'hex', Base64: 'base64', Base64url: 'base64url', Latin1: 'latin1' };
      if (!enc || !encodings[enc]) return undefined;
      encoding = encodings[enc];
    }
    target = toString;
  } else if (!ts.isTemplateSpan(parent)) {
    return undefined;
  }
  const reference = nodeCryptoReference(site.sourceFile, nodeApi);
  const q = preferredQuote(site.sourceFile);
  const text = (n: ts.Node) => n.getText(site.sourceFile);
  const head = key ? `${reference.text}(${q}${digest}${q}, ${text(key)})` : `${reference.text}(${q}${digest}${q})`;
  const knownString = [message, ...(key ? [key] : [])].every((e) => isStringExpression(context, e));
  return {
    title: sameOutput
      ? `Compute it with node:crypto ${nodeApi}('${digest}') (same ${encoding} output)`
      : `Replace with node:crypto ${nodeApi}('${digest}') (output changes from ${display}: stored values must be recomputed)`,
    safety: sameOutput && knownString ? 'safe' : 'suggestion',
    preferred: true,
    edits: [replaceNode({ sourceFile: site.sourceFile, node: target }, `${head}.update(${text(message)}).digest(${q}${encoding}${q})`), ...reference.edits],
  };
}

function isStringExpression(context: RuleContext, expression: ts.Expression): boolean {
  if (ts.isStringLiteralLike(expression) || ts.isTemplateExpression(expression)) return true;
  const values = context.resolver.values(expression);
  if (values.length > 0) return values.every((v) => v.kind === 'string');
  return context.resolver.isStringTyped(expression);
}

/** A crypto-js WordArray: `enc.Hex.parse(...)`, `lib.WordArray.create(...)`, a hash or KDF result. */
function looksLikeWordArray(context: RuleContext, expression: ts.Expression): boolean {
  const inner = ts.isCallExpression(expression) ? expression : undefined;
  const api = inner && context.resolver.resolveApi(inner.expression);
  return !!api && api[0] === 'crypto-js';
}

function checkCipher(context: RuleContext, site: CallSite, name: string, operation: Operation, encryptApi: boolean): void {
  const cipher = CIPHERS[name];
  const callee = site.node.expression;
  const policy = cipher.family === 'rabbit' ? undefined : CIPHER_FAMILIES[cipher.family];
  const status = policy ? inLibrary(statusFor(policy.status, context.policy(operation, operation === 'apply' ? 'encrypt' : 'decrypt'))) : 'NO';
  const reason = policy ? (status === 'NV' ? notValidated('crypto-js') : policy.reason) : `${cipher.display} is a stream cipher from the eSTREAM portfolio, not an approved cipher (SP 800-140C)`;
  const instead = operation === 'apply' ? "Use createCipheriv('aes-256-gcm', key, iv12) from node:crypto." : 'Decrypt existing data once with it and re-encrypt with AES-256-GCM in node:crypto.';
  const key = site.argument('key');
  if (cipher.family === 'aes' && encryptApi && key && isPassphrase(context, key)) {
    // The key-derivation finding stands for the call: it is the worse of the two.
    context.report({
      site: key,
      // EvpKDF was never an approved KDF, so even decrypting with it is not "legacy use" (SP 800-131A Rev 2 §1.2.2).
      status: 'NO',
      message: describe(
        `${quoteCode(callee, site.sourceFile)} is given a passphrase string, not a key`,
        EVPKDF_REASON,
        operation === 'apply'
          ? "Derive a key with crypto.pbkdf2Sync(passphrase, salt16, 600000, 32, 'sha256') and encrypt with createCipheriv('aes-256-gcm', key, iv12)."
          : 'Decrypt existing data once and re-encrypt it with a PBKDF2-derived key and AES-256-GCM in node:crypto.',
      ),
      fipsRuntime: 'runs',
    });
    return;
  }
  if (cipher.family === 'aes' && checkCipherOptions(context, operation, site.argument('options'))) return;
  context.report({
    site: callee,
    status,
    message: describe(`${callee.getText(site.sourceFile)} ${operation === 'apply' ? 'encrypts' : 'decrypts'} with ${cipher.display}${status === 'NV' ? ' in crypto-js' : `, ${STATUS_WORDS[status]} under ${context.profile}`}`, reason, instead),
    fipsRuntime: 'runs',
  });
}

/** A crypto-js cipher key that is text: crypto-js treats any string as a passphrase. */
function isPassphrase(context: RuleContext, key: ts.Expression): boolean {
  if (looksLikeWordArray(context, key)) return false;
  return readsEnvironment(key) || isStringExpression(context, skipOuterExpressions(key) as ts.Expression);
}

/** Mode and padding of an AES call; true when one was reported (it then stands for the call). */
function checkCipherOptions(context: RuleContext, operation: Operation, options: ts.Expression | undefined): boolean {
  let reported = false;
  for (const { hit, member: mode } of cryptoJsOptions(context, options, 'mode')) {
    if (!mode || hit.sourceFile !== context.sourceFile) continue;
    const status = mode === 'ECB' ? evaluateStatus(ECB_STATUS, context.policy(operation)) : mode === 'CTRGladman' ? 'NO' : 'OK';
    if (status === 'OK') continue;
    reported = true;
    if (mode === 'ECB') {
      context.report({
        site: hit.value!,
        status,
        message: describe(
          'CryptoJS.mode.ECB encrypts equal plaintext blocks to equal ciphertext blocks',
          'ECB gives no confidentiality for repeated blocks and no integrity (SP 800-38A §6.1); the draft SP 800-131A Rev 3 disallows ECB encryption, and crypto-js is not a validated module',
          "Use createCipheriv('aes-256-gcm', key, iv12) from node:crypto.",
        ),
        fipsRuntime: 'runs',
      });
    } else {
      context.report({
        site: hit.value!,
        status: 'NO',
        message: describe('CryptoJS.mode.CTRGladman is a non-standard counter mode', "its counter increments differ from SP 800-38A CTR, so it is not an approved mode", "Use createCipheriv('aes-256-gcm', key, iv12) from node:crypto."),
        fipsRuntime: 'runs',
      });
    }
  }
  for (const { hit, member } of cryptoJsOptions(context, options, 'padding')) {
    if (member !== 'NoPadding' || hit.sourceFile !== context.sourceFile || operation !== 'apply') continue;
    reported = true;
    context.report({
      site: hit.value!,
      status: 'DEPR',
      message: describe(
        'CryptoJS.pad.NoPadding leaves a block mode to encrypt only whole blocks',
        'a partial last block is silently mangled and the mode stays unauthenticated (SP 800-38A Appendix A)',
        "Use createCipheriv('aes-256-gcm', key, iv12) from node:crypto: GCM needs no padding.",
      ),
      fipsRuntime: 'runs',
    });
  }
  return reported;
}

function checkPbkdf2(context: RuleContext, site: CallSite, options: ts.Expression | undefined): void {
  const callee = site.node.expression;
  let reported = false;
  for (const { hit, member: hasher } of cryptoJsOptions(context, options, 'hasher')) {
    const policy = hasher && HASHERS[hasher] ? lookupDigest(HASHERS[hasher]) : undefined;
    if (!hasher || hit.sourceFile !== context.sourceFile) continue;
    const status = policy ? statusFor(policy.status, context.policy('apply', 'kdf')) : 'NO';
    if (status === 'OK') continue;
    reported = true;
    context.report({
      site: hit.value!,
      status,
      message: describe(`PBKDF2 uses ${policy?.display ?? 'Keccak'} as its PRF, ${STATUS_WORDS[status]} for key derivation under ${context.profile}`, policy?.reason ?? KECCAK_REASON, "Use crypto.pbkdf2Sync(password, salt, 600000, 32, 'sha256') from node:crypto."),
      fipsRuntime: 'runs',
    });
  }
  for (const hit of context.properties(options, 'iterations')) {
    for (const value of context.valuesOf(hit)) {
      if (value.kind !== 'number' || value.value >= 1000) continue;
      reported = true;
      context.report({
        value,
        site: hit.value ?? callee,
        status: 'NO',
        message: describe(
          `PBKDF2 runs ${value.value} iteration${value.value === 1 ? '' : 's'}`,
          'SP 800-132 §5.2 asks for at least 1,000 and OWASP for 600,000 with HMAC-SHA-256; a low count makes guessing passwords cheap',
          'Use crypto.pbkdf2Sync with 600000 iterations; stored hashes must be re-derived at next login.',
        ),
        fipsRuntime: 'runs',
      });
    }
  }
  if (reported) return;
  const explicit = context.properties(options, 'hasher').length > 0 && context.properties(options, 'iterations').length > 0;
  context.report({
    site: callee,
    status: 'NV',
    message: describe(
      `${quoteCode(callee, site.sourceFile)} derives the key in crypto-js`,
      `${notValidated('crypto-js')}${explicit ? '' : `; ${PBKDF2_DOCS}, so the defaults depend on the installed version`}`,
      "Use crypto.pbkdf2Sync(password, salt16, 600000, 32, 'sha256') from node:crypto.",
    ),
    fipsRuntime: 'runs',
  });
}
