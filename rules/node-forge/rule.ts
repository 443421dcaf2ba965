import { ts } from '../../server/src/engine/typescript';
import { quoteCode } from '../../server/src/engine/quote';
import { describe, inLibrary, notValidated } from '../../server/src/engine/checks';
import { appendArguments, moduleBindingName, nodeCryptoReference, preferredQuote, replaceNode, replaceValue } from '../../server/src/engine/fixes';
import { CIPHER_FAMILIES, ECB_STATUS, type CipherFamily } from '../../server/src/engine/policy/ciphers';
import { lookupDigest } from '../../server/src/engine/policy/digests';
import { RSA_FIX_BITS, rsaModulusReason, rsaModulusStatus } from '../../server/src/engine/policy/keys';
import { STATUS_WORDS, evaluateStatus, statusFor, type Operation, type Use } from '../../server/src/engine/policy/status';
import { defineRule, type CallSite, type FixDescriptor, type RuleContext } from '../../server/src/engine/rule';

/**
 * node-forge 1.x (reference §2.11): a pure-JS implementation of everything from MD5 to TLS, so
 * its approved algorithms are NV and several defaults are not approved at all: `publicKey.encrypt`
 * pads with PKCS #1 v1.5, `certificate.sign` hashes with SHA-1, and its TLS speaks only 1.0/1.1.
 */

const DIGESTS = ['md5', 'sha1', 'sha256', 'sha384', 'sha512'];
const FORGE = 'node-forge';

/** forge cipher names (`'AES-CBC'`, `'3DES-ECB'`) → policy family and mode. */
function parseForgeCipher(name: string): { family: CipherFamily; mode: string } | undefined {
  const m = /^(AES|DES|3DES)-(ECB|CBC|CFB|OFB|CTR|GCM)$/i.exec(name.trim());
  if (!m) return undefined;
  const family = m[1].toUpperCase() === 'AES' ? 'aes' : m[1].toUpperCase() === 'DES' ? 'des' : 'tdea3';
  return { family, mode: m[2].toLowerCase() };
}

export default defineRule({
  meta: {
    id: 'node-forge',
    category: 'library',
    description: 'node-forge digests, ciphers, RSA keys and padding, certificate signatures, PBKDF2 and TLS: not approved, or approved but outside a validated module',
    reference: '§2.11 (node-forge), §2.4.1, §2.7, §0.3',
    standards: ['FIPS 140-3 / ISO/IEC 19790 §7.2', 'FIPS 186-5', 'SP 800-131A Rev 2', 'SP 800-56B Rev 2', 'SP 800-132', 'SP 800-52 Rev 2'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: [
      ...DIGESTS.flatMap((d) => [`node-forge.md.${d}.create`, `node-forge.${d}.create`]),
      'node-forge.hmac.instance.start',
      'node-forge.cipher.createCipher',
      'node-forge.cipher.createDecipher',
      ...['aes', 'des', 'rc2'].flatMap((c) => [`node-forge.${c}.createEncryptionCipher`, `node-forge.${c}.createDecryptionCipher`]),
      'node-forge.pki.rsa.generateKeyPair',
      'node-forge.pki.publicKey.encrypt',
      'node-forge.pki.privateKey.decrypt',
      'node-forge.pki.privateKey.sign',
      'node-forge.pki.certificate.sign',
      'node-forge.pki.certificationRequest.sign',
      'node-forge.pkcs5.pbkdf2',
      'node-forge.pki.encryptRsaPrivateKey',
      'node-forge.pkcs12.toPkcs12Asn1',
      'node-forge.tls.createConnection',
      'node-forge.random.getBytes',
      'node-forge.random.getBytesSync',
    ],
  },
  create(context) {
    const calls: Record<string, (site: CallSite) => void> = {};
    for (const digest of DIGESTS) {
      const check = (site: CallSite) => reportDigest(context, site.node.expression, digest, 'hash', quoteCode(site.node.expression, site.sourceFile), hashFix(context, site, digest));
      calls[`node-forge.md.${digest}.create`] = check;
      calls[`node-forge.${digest}.create`] = check;
    }
    calls['node-forge.hmac.instance.start'] = (site) => {
      const argument = site.argument('digest');
      for (const digest of forgeDigests(context, argument)) reportDigest(context, argument!, digest.name, 'mac', 'HMAC', undefined, digest.object);
    };
    const cipher = (operation: Operation) => (site: CallSite) => {
      const argument = site.argument('algorithm');
      for (const value of context.strings(argument)) {
        const parsed = parseForgeCipher(value.value);
        if (!parsed) continue;
        const policy = CIPHER_FAMILIES[parsed.family];
        let status = inLibrary(statusFor(policy.status, context.policy(operation, operation === 'apply' ? 'encrypt' : 'decrypt')));
        let why = status === 'NV' ? notValidated(FORGE) : policy.reason;
        if (parsed.family === 'aes' && parsed.mode === 'ecb') {
          const ecb = evaluateStatus(ECB_STATUS, context.policy(operation));
          if (ecb !== 'OK') {
            status = ecb;
            why = 'ECB encrypts equal plaintext blocks to equal ciphertext blocks and gives no integrity (SP 800-38A §6.1); the draft SP 800-131A Rev 3 disallows ECB encryption, and node-forge is not a validated module';
          }
        }
        context.report({
          value,
          site: argument!,
          status,
          message: describe(
            `forge ${operation === 'apply' ? 'encrypts' : 'decrypts'} with ${value.value}${status === 'NV' ? ' in node-forge' : `, ${STATUS_WORDS[status]} under ${context.profile}`}`,
            why,
            operation === 'apply' ? "Use createCipheriv('aes-256-gcm', key, iv12) from node:crypto." : 'Decrypt existing data and re-encrypt it with AES-256-GCM in node:crypto.',
          ),
        });
      }
    };
    calls['node-forge.cipher.createCipher'] = cipher('apply');
    calls['node-forge.cipher.createDecipher'] = cipher('process');
    for (const name of ['aes', 'des', 'rc2']) {
      for (const suffix of ['createEncryptionCipher', 'createDecryptionCipher']) {
        calls[`node-forge.${name}.${suffix}`] = (site) => {
          const status = name === 'aes' ? 'NV' : 'NO';
          context.report({
            site: site.node.expression,
            status,
            message: describe(
              `forge.${name}.${suffix} ${name === 'aes' ? 'runs AES in node-forge' : `uses ${name === 'des' ? 'DES' : 'RC2'}, not approved`}`,
              name === 'aes' ? notValidated(FORGE) : CIPHER_FAMILIES[name === 'des' ? 'des' : 'rc2'].reason,
              "Use createCipheriv('aes-256-gcm', key, iv12) from node:crypto.",
            ),
          });
        };
      }
    }
    calls['node-forge.pki.rsa.generateKeyPair'] = (site) => {
      const first = site.argument('bits');
      const bitsValues = [...context.numbers(first), ...context.properties(first, 'bits').flatMap((hit) => context.valuesOf(hit))].filter((v) => v.kind === 'number');
      let reported = false;
      for (const value of bitsValues) {
        if (value.kind !== 'number') continue;
        const status = statusFor(rsaModulusStatus(value.value), context.policy('apply', 'keygen'));
        if (status === 'OK') continue;
        reported = true;
        const fixable = value.value < RSA_FIX_BITS;
        context.report({
          value,
          site: first!,
          status,
          message: describe(`forge generates an RSA-${value.value} key pair`, `it is ${STATUS_WORDS[status]} for key generation under ${context.profile}; ${rsaModulusReason(value.value, context.profile)}`, fixable ? `Use ${RSA_FIX_BITS} bits, with crypto.generateKeyPair('rsa', { modulusLength: ${RSA_FIX_BITS} }) from node:crypto.` : undefined),
          fixes: fixable ? [{ title: `Generate ${RSA_FIX_BITS}-bit keys (signatures and ciphertexts grow to ${RSA_FIX_BITS / 8} bytes)`, safety: 'suggestion', preferred: true, edits: [replaceValue(value, String(RSA_FIX_BITS))] }] : [],
        });
      }
      if (!reported) {
        context.report({
          site: site.node.expression,
          status: 'NV',
          message: describe('forge generates the RSA key pair in JavaScript', `${notValidated(FORGE)}; FIPS 186-5 key generation needs the module's approved DRBG and primality tests`, "Use crypto.generateKeyPair('rsa', { modulusLength: 3072 }) from node:crypto."),
        });
      }
    };
    const rsaEncryption = (operation: Operation) => (site: CallSite) => {
      const scheme = site.argument('scheme');
      const names = scheme ? context.strings(scheme) : [];
      if (scheme && names.length === 0) return;
      const schemes = scheme ? names.map((n) => n.value.toUpperCase()) : ['RSAES-PKCS1-V1_5'];
      for (const [index, name] of schemes.entries()) {
        const pkcs1 = name === 'RSAES-PKCS1-V1_5';
        const raw = name === 'RAW' || name === 'NONE';
        const status = pkcs1 ? (operation === 'apply' ? 'NO' : 'LEGACY') : raw ? 'NO' : name === 'RSA-OAEP' ? 'NV' : 'OK';
        if (status === 'OK') continue;
        const forge = moduleBindingName(site.sourceFile, FORGE);
        const q = preferredQuote(site.sourceFile);
        const call = site.node as ts.CallExpression;
        const fix: FixDescriptor | undefined =
          !scheme && operation === 'apply' && forge && call.arguments.length === 1
            ? {
                title: 'Pad with RSA-OAEP and SHA-256 (the receiver must decrypt with the same scheme and digest)',
                safety: 'suggestion',
                preferred: true,
                edits: [appendArguments(call, `${q}RSA-OAEP${q}, { md: ${forge}.md.sha256.create() }`, site.sourceFile)],
              }
            : undefined;
        context.report({
          value: names[index],
          site: scheme ?? site.node.expression,
          status,
          message: describe(
            pkcs1
              ? `forge ${operation === 'apply' ? 'encrypts' : 'decrypts'} with RSAES-PKCS1-v1_5${scheme ? '' : ' (its default)'}`
              : raw
                ? 'forge applies raw RSA without padding'
                : `forge ${operation === 'apply' ? 'encrypts' : 'decrypts'} with RSA-OAEP in node-forge`,
            pkcs1
              ? 'SP 800-56B Rev 2 approves only RSA-OAEP and RSA-KEM for key transport; PKCS #1 v1.5 encryption is open to padding-oracle attacks (Bleichenbacher, Marvin)'
              : raw
                ? 'unpadded RSA is deterministic and malleable; SP 800-56B Rev 2 requires OAEP or KEM'
                : notValidated(FORGE),
            operation === 'apply'
              ? `Use ${'RSA-OAEP'} with SHA-256 ({ md: forge.md.sha256.create() }), or crypto.publicEncrypt with { padding: RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }.`
              : 'Keep it only to decrypt existing data; new data should use OAEP with SHA-256.',
          ),
          fixes: [fix],
        });
      }
    };
    calls['node-forge.pki.publicKey.encrypt'] = rsaEncryption('apply');
    calls['node-forge.pki.privateKey.decrypt'] = rsaEncryption('process');
    calls['node-forge.pki.privateKey.sign'] = (site) => {
      const argument = site.argument('digest');
      for (const digest of forgeDigests(context, argument)) reportDigest(context, argument!, digest.name, 'sign', 'the RSA signature', undefined, digest.object);
    };
    const certificateSign = (site: CallSite) => {
      const argument = site.argument('digest');
      if (argument) {
        for (const digest of forgeDigests(context, argument)) reportDigest(context, argument, digest.name, 'sign', 'the certificate signature', undefined, digest.object);
        return;
      }
      const forge = moduleBindingName(site.sourceFile, FORGE);
      const call = site.node as ts.CallExpression;
      context.report({
        site: site.node.expression,
        status: statusFor(lookupDigest('sha1')!.status, context.policy('apply', 'sign')),
        message: describe('forge signs the certificate with SHA-1 (its default when no digest is given)', 'SHA-1 is disallowed for digital signature generation (SP 800-131A Rev 2 §9; SHAttered collisions)', 'Pass forge.md.sha256.create() as the digest.'),
        fixes:
          forge && call.arguments.length === 1
            ? [{ title: 'Sign with SHA-256 (relying parties see a new signature algorithm)', safety: 'suggestion', preferred: true, edits: [appendArguments(call, `${forge}.md.sha256.create()`, site.sourceFile)] }]
            : [],
      });
    };
    calls['node-forge.pki.certificate.sign'] = certificateSign;
    calls['node-forge.pki.certificationRequest.sign'] = certificateSign;
    calls['node-forge.pkcs5.pbkdf2'] = (site) => {
      let reported = false;
      for (const value of context.numbers(site.argument('iterations'))) {
        if (value.value >= 1000) continue;
        reported = true;
        context.report({
          value,
          site: site.argument('iterations')!,
          status: 'NO',
          message: describe(`forge PBKDF2 runs ${value.value} iterations`, 'SP 800-132 §5.2 asks for at least 1,000, and OWASP for 600,000 with HMAC-SHA-256', 'Use 600000 iterations; stored hashes must be re-derived at next login.'),
        });
      }
      const digestArgument = site.argument('digest');
      for (const digest of forgeDigests(context, digestArgument)) reported = reportDigest(context, digestArgument!, digest.name, 'kdf', 'PBKDF2', undefined, true) || reported;
      if (reported) return;
      context.report({
        site: site.node.expression,
        status: 'NV',
        message: describe(`forge.pkcs5.pbkdf2 derives the key in node-forge${digestArgument ? '' : ' with its default PRF, HMAC-SHA-1'}`, notValidated(FORGE), "Use crypto.pbkdf2Sync(password, salt16, 600000, 32, 'sha256') from node:crypto."),
      });
    };
    const keyEncryption = (what: string) => (site: CallSite) => {
      const options = site.argument('options');
      for (const hit of context.properties(options, 'algorithm')) {
        for (const value of context.valuesOf(hit)) {
          if (value.kind !== 'string' || !/^(3?des)$/i.test(value.value)) continue;
          context.report({
            value,
            site: hit.value ?? options!,
            status: 'NO',
            message: describe(`forge encrypts ${what} with ${value.value === 'des' ? 'DES' : 'Triple DES'}`, CIPHER_FAMILIES[value.value === 'des' ? 'des' : 'tdea3'].reason, "Use algorithm: 'aes256', or KeyObject.export({ cipher: 'aes-256-cbc', passphrase }) in node:crypto."),
            fixes: [{ title: "Encrypt the key with 'aes256'", safety: 'suggestion', preferred: true, edits: [replaceValue(value, `${preferredQuote(site.sourceFile)}aes256${preferredQuote(site.sourceFile)}`)] }],
          });
        }
      }
    };
    calls['node-forge.pki.encryptRsaPrivateKey'] = keyEncryption('the private key');
    calls['node-forge.pkcs12.toPkcs12Asn1'] = keyEncryption('the PKCS #12 file');
    calls['node-forge.tls.createConnection'] = (site) =>
      context.report({
        site: site.node.expression,
        status: 'NO',
        message: describe(
          'forge.tls implements TLS in JavaScript with only TLS 1.0/1.1 and TLS_RSA_WITH_AES_*_CBC_SHA suites',
          'SP 800-52 Rev 2 requires TLS 1.2 or later with approved suites, and the connection runs outside a validated module',
          'Use tls.connect from node:tls.',
        ),
      });
    const random = (site: CallSite) => {
      const size = site.argument('size');
      const call = site.node as ts.CallExpression;
      const reference = nodeCryptoReference(site.sourceFile, 'randomBytes');
      context.report({
        site: site.node.expression,
        status: 'NV',
        message: describe('forge.random draws from forge\'s own Fortuna generator', notValidated(FORGE), 'Use crypto.randomBytes(n) from node:crypto.'),
        fixes:
          size && call.arguments.length === 1
            ? [
                {
                  title: `Use node:crypto ${reference.text}(${size.getText(site.sourceFile)}) (same binary string)`,
                  safety: 'suggestion',
                  preferred: true,
                  edits: [replaceNode(site, `${reference.text}(${size.getText(site.sourceFile)}).toString(${preferredQuote(site.sourceFile)}binary${preferredQuote(site.sourceFile)})`), ...reference.edits],
                },
              ]
            : [],
      });
    };
    calls['node-forge.random.getBytes'] = random;
    calls['node-forge.random.getBytesSync'] = random;
    return { calls };
  },
});

/** Digest names a forge API is given: `'sha256'` or a message digest object `forge.md.sha256.create()`. */
function forgeDigests(context: RuleContext, expression: ts.Expression | undefined): Array<{ name: string; object: boolean }> {
  if (!expression) return [];
  const api = context.resolver.resolveApi(expression);
  if (api?.[0] === FORGE && api[api.length - 1] === 'instance' && DIGESTS.includes(api[api.length - 2])) {
    // `sign(key, forge.md.md5.create())`: the creation right there is already the finding.
    return ts.isCallExpression(expression) ? [] : [{ name: api[api.length - 2], object: true }];
  }
  return context
    .strings(expression)
    .map((s) => s.value.toLowerCase())
    .filter((name) => DIGESTS.includes(name))
    .map((name) => ({ name, object: false }));
}

/**
 * Report a digest used by forge: not approved for the use → its status; approved → NV, unless
 * `onlyWorse` (a forge digest object was already reported as NV where it was created, or the
 * caller reports the call as NV itself). Returns whether it was worse than NV.
 */
function reportDigest(context: RuleContext, site: ts.Node, digest: string, use: Use, subject: string, fix?: FixDescriptor, onlyWorse = false): boolean {
  const policy = lookupDigest(digest)!;
  const status = inLibrary(statusFor(policy.status, context.policy(use === 'verify' ? 'process' : 'apply', use)));
  if (status === 'NV' && onlyWorse) return false;
  const replacement = policy.replacement[context.profile];
  context.report({
    site,
    status,
    message: describe(
      status === 'NV' ? `${subject} computes ${policy.display} in node-forge` : `${subject} uses ${policy.display}, ${STATUS_WORDS[status]} under ${context.profile}`,
      status === 'NV' ? notValidated(FORGE) : policy.reason,
      status === 'NV' ? `Use createHash('${digest}') from node:crypto.` : use === 'hash' ? `Use createHash('${replacement}') from node:crypto.` : `Use forge.md.${replacement}.create() or node:crypto.`,
    ),
    fixes: [fix],
  });
  return status !== 'NV';
}

/**
 * `forge.md.md5.create().update(s, 'utf8').digest().toHex()` → `createHash('sha256').update(s).digest('hex')`.
 * forge reads a string without an encoding as raw bytes, which Node calls latin1.
 */
function hashFix(context: RuleContext, site: CallSite, digest: string): FixDescriptor | undefined {
  const create = site.node;
  const update = chained(create, 'update');
  const digestCall = update && chained(update, 'digest');
  const toHex = digestCall && chained(digestCall, 'toHex');
  if (!update || !digestCall || !toHex || update.arguments.length < 1 || update.arguments.length > 2 || digestCall.arguments.length > 0) return undefined;
  const encoding = update.arguments[1] && context.strings(update.arguments[1])[0]?.value;
  if (update.arguments[1] && encoding !== 'utf8' && encoding !== 'raw') return undefined;
  const policy = lookupDigest(digest)!;
  const status = inLibrary(statusFor(policy.status, context.policy('apply', 'hash')));
  const replacement = status === 'NV' ? digest : policy.replacement[context.profile];
  const reference = nodeCryptoReference(site.sourceFile, 'createHash');
  const q = preferredQuote(site.sourceFile);
  const message = update.arguments[0].getText(site.sourceFile);
  const inputEncoding = encoding === 'utf8' ? '' : `, ${q}latin1${q}`;
  return {
    title: replacement === digest ? `Compute it with node:crypto createHash('${digest}') (same hex output)` : `Replace with node:crypto createHash('${replacement}') (output changes from ${policy.display}: stored values must be recomputed)`,
    safety: 'suggestion',
    preferred: true,
    edits: [
      // The chain's last call spans it all, from `forge.md.x.create()` to `.toHex()`.
      replaceNode({ sourceFile: site.sourceFile, node: toHex }, `${reference.text}(${q}${replacement}${q}).update(${message}${inputEncoding}).digest(${q}hex${q})`),
      ...reference.edits,
    ],
  };
}

function chained(call: ts.Node, method: string): ts.CallExpression | undefined {
  const access = call.parent;
  if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== call || access.name.text !== method) return undefined;
  return ts.isCallExpression(access.parent) && access.parent.expression === access ? access.parent : undefined;
}
