import { ts } from '../../server/src/engine/typescript';
import { quoteCode } from '../../server/src/engine/quote';
import { LIBRARY_PRIMITIVE_APIS } from '../../server/src/engine/apis';
import { describe, inLibrary, libraryOf, notValidated } from '../../server/src/engine/checks';
import { ECB_STATUS } from '../../server/src/engine/policy/ciphers';
import { KEY_TYPES, lookupCurve } from '../../server/src/engine/policy/curves';
import { lookupDigest } from '../../server/src/engine/policy/digests';
import { lookupJoseAlgorithm } from '../../server/src/engine/policy/jose';
import { rsaModulusReason, rsaModulusStatus } from '../../server/src/engine/policy/keys';
import { STATUS_WORDS, evaluateStatus, statusFor, type Status } from '../../server/src/engine/policy/status';
import type { Value } from '../../server/src/engine/resolve';
import { defineRule, type CallSite, type RuleContext } from '../../server/src/engine/rule';

/**
 * Pure-JS and WASM primitive libraries (reference §2.11): tweetnacl, libsodium, elliptic,
 * secp256k1, @noble/*, sjcl, jsrsasign, node-rsa. Their NaCl constructions (XSalsa20-Poly1305,
 * X25519, BLAKE2b, Argon2) and secp256k1 are not approved; everything else they compute is NV.
 */

interface Verdict {
  status: Status;
  /** What the call does, for the message ("nacl.secretbox encrypts with XSalsa20-Poly1305"). */
  what: string;
  why: string;
  instead: string;
  /** The value the finding sits on (a curve name, a key size) when there is one. */
  value?: Value;
  at?: ts.Node;
}

const SALSA = 'XSalsa20/ChaCha20 stream ciphers and Poly1305 are not approved (SP 800-140C)';
const X25519 = KEY_TYPES.x25519.reason;
const BLAKE = 'BLAKE2 and SipHash are not FIPS 180-4 or FIPS 202 hash functions';
const ARGON = 'Argon2 and scrypt are not approved password-based KDFs (SP 800-132 approves PBKDF2)';
const GCM = "Use createCipheriv('aes-256-gcm', key, iv12) from node:crypto.";
const ECDH = 'Use ECDH on P-256 (crypto.createECDH or generateKeyPair("ec")) with HKDF and AES-256-GCM from node:crypto.';

export default defineRule({
  meta: {
    id: 'js-crypto-library',
    category: 'library',
    description: 'Primitives from tweetnacl, libsodium, elliptic, secp256k1, @noble/*, sjcl, jsrsasign and node-rsa: not approved, or approved but outside a validated module',
    reference: '§2.11 (tweetnacl/libsodium, elliptic-curve libraries), §2.4, §0.3',
    standards: ['FIPS 140-3 / ISO/IEC 19790 §7.2', 'FIPS 186-5', 'SP 800-186', 'SP 800-56A Rev 3', 'SP 800-38D', 'SP 800-132'],
    fix: 'none',
    judgesAlgorithm: true,
    apis: [...LIBRARY_PRIMITIVE_APIS],
  },
  create(context) {
    const listener = (site: CallSite) => {
      const verdict = judge(context, site);
      if (!verdict || verdict.status === 'OK') return;
      context.report({
        value: verdict.value,
        site: verdict.at ?? site.node.expression,
        status: verdict.status,
        message: describe(verdict.what, verdict.status === 'NV' ? notValidated(libraryOf(site.api)) : verdict.why, verdict.instead),
      });
    };
    return { calls: Object.fromEntries(LIBRARY_PRIMITIVE_APIS.map((api) => [api, listener])) };
  },
});

function judge(context: RuleContext, site: CallSite): Verdict | undefined {
  const api = site.api;
  const library = libraryOf(api);
  const member = api.slice(library.length + 1);
  const callee = quoteCode(site.node.expression, site.sourceFile);
  const no = (what: string, why: string, instead: string): Verdict => ({ status: 'NO', what, why, instead });
  const nv = (what: string, instead: string): Verdict => ({ status: 'NV', what, why: '', instead });
  const eddsa = (what: string): Verdict => {
    const policy = KEY_TYPES.ed25519;
    const status = inLibrary(statusFor(policy.status, context.policy('apply', 'sign')));
    return { status, what: status === 'NV' ? `${what} in ${library}` : `${what}, ${STATUS_WORDS[status]} under ${context.profile}`, why: policy.reason, instead: `Use crypto.sign(null, data, ed25519Key) from node:crypto${status === 'NV' ? '' : `, or ${policy.instead[context.profile]}`}.` };
  };
  const digest = (name: string, what: string, use: 'hash' | 'mac' | 'kdf' | 'sign' = 'hash'): Verdict | undefined => {
    const policy = lookupDigest(name);
    if (!policy) return undefined;
    const status = inLibrary(statusFor(policy.status, context.policy('apply', use)));
    const replacement = status === 'NV' ? name : policy.replacement[context.profile];
    return { status, what: status === 'NV' ? `${what} computes ${policy.display} in ${library}` : `${what} uses ${policy.display}, ${STATUS_WORDS[status]} under ${context.profile}`, why: policy.reason, instead: `Use ${use === 'mac' ? 'createHmac' : 'createHash'}('${replacement}') from node:crypto.` };
  };

  switch (library) {
    case 'tweetnacl':
      if (member.startsWith('secretbox')) return no(`${callee} uses XSalsa20-Poly1305`, SALSA, GCM);
      if (member.startsWith('box') || member.startsWith('scalarMult')) return no(`${callee} uses X25519 key agreement${member.startsWith('box') ? ' with XSalsa20-Poly1305' : ''}`, X25519, ECDH);
      if (member.startsWith('sign')) return eddsa(`${callee} signs with Ed25519`);
      if (member === 'hash') return digest('sha512', callee);
      return nv(`${callee} draws random bytes in tweetnacl`, 'Use crypto.randomBytes(n) from node:crypto.');
    case 'libsodium-wrappers':
    case 'sodium-native':
      return judgeSodium(member, callee, no, nv, eddsa, digest);
    case 'elliptic':
      return judgeCurveName(context, site, member === 'eddsa' ? 'eddsa' : 'ec', callee);
    case 'secp256k1':
    case '@noble/secp256k1':
      return no(`${callee} uses secp256k1`, lookupCurve('secp256k1')!.reason, 'Use ECDSA on P-256 with crypto.sign from node:crypto.');
    case '@noble/ed25519':
      return member === 'getSharedSecret' ? no(`${callee} does X25519 key agreement`, X25519, ECDH) : eddsa(`${callee} uses Ed25519`);
    case '@noble/curves': {
      const curve = member.split('.')[0];
      if (curve === 'secp256k1' || curve === 'schnorr') return no(`${callee} uses secp256k1`, lookupCurve('secp256k1')!.reason, 'Use ECDSA on P-256 with crypto.sign from node:crypto.');
      if (curve === 'x25519' || curve === 'x448') return no(`${callee} does ${curve === 'x25519' ? 'X25519' : 'X448'} key agreement`, X25519, ECDH);
      if (curve.startsWith('ed')) return eddsa(`${callee} uses ${curve === 'ed448' ? 'Ed448' : 'Ed25519'}`);
      const policy = lookupCurve(curve);
      if (!policy) return undefined;
      const status = inLibrary(statusFor(policy.status, context.policy(member.endsWith('verify') ? 'process' : 'apply', member.endsWith('verify') ? 'verify' : 'sign')));
      return { status, what: status === 'NV' ? `${callee} computes on ${policy.display} in @noble/curves` : `${callee} uses ${policy.display}, ${STATUS_WORDS[status]} under ${context.profile}`, why: policy.reason, instead: 'Use crypto.sign / crypto.createECDH from node:crypto.' };
    }
    case '@noble/hashes': {
      if (/^(md5|ripemd160|blake2b|blake2s|blake3|keccak_\d+)$/.test(member)) {
        const known = digest(member.replace('keccak_', 'keccak'), callee);
        return known && known.status !== 'NV' ? known : no(`${callee} computes ${member}`, member.startsWith('keccak') ? 'Keccak is the pre-standard SHA-3 submission: its padding differs from FIPS 202' : BLAKE, "Use createHash('sha256') or createHash('sha3-256') from node:crypto.");
      }
      if (/^(argon2|scrypt)/.test(member)) return no(`${callee} derives a key with ${member.startsWith('scrypt') ? 'scrypt' : 'Argon2'}`, ARGON, "Use crypto.pbkdf2 with 'sha256' and 600,000 iterations.");
      if (/^(hmac|pbkdf2|pbkdf2Async|hkdf)$/.test(member)) return nv(`${callee} computes ${member.toUpperCase().replace('ASYNC', '')} in @noble/hashes`, `Use crypto.${member.startsWith('hmac') ? 'createHmac' : member.startsWith('hkdf') ? 'hkdf' : 'pbkdf2'} from node:crypto.`);
      return digest(member.replace(/_/g, '-'), callee);
    }
    case '@noble/ciphers':
      if (/^(x?chacha|salsa|xsalsa)/.test(member)) return no(`${callee} uses ${member}`, SALSA, GCM);
      if (member === 'siv' || member === 'gcmsiv') return no(`${callee} uses AES-GCM-SIV`, 'AES-GCM-SIV (RFC 8452) is not in the SP 800-38 series', GCM);
      if (member === 'ecb') {
        const status = evaluateStatus(ECB_STATUS, context.policy('apply'));
        return { status: inLibrary(status), what: `${callee} uses AES in ECB mode`, why: 'ECB encrypts equal plaintext blocks to equal ciphertext blocks (SP 800-38A §6.1)', instead: GCM };
      }
      return nv(`${callee} runs AES-${member.toUpperCase()} in @noble/ciphers`, GCM);
    case 'sjcl':
      return judgeSjcl(context, site, member, callee, no, nv, digest);
    case 'jsrsasign':
      return judgeJsrsasign(context, site, member, callee, no, nv, digest);
    case 'node-rsa':
      return judgeNodeRsa(context, site, member, callee, nv);
  }
  return undefined;
}

type No = (what: string, why: string, instead: string) => Verdict;
type Nv = (what: string, instead: string) => Verdict;
type Digest = (name: string, what: string, use?: 'hash' | 'mac' | 'kdf' | 'sign') => Verdict | undefined;

function judgeSodium(member: string, callee: string, no: No, nv: Nv, eddsa: (what: string) => Verdict, digest: Digest): Verdict | undefined {
  if (/^crypto_(secretbox|aead_(x?chacha20)|secretstream|stream)/.test(member)) return no(`${callee} uses ${member.includes('chacha') ? 'ChaCha20-Poly1305' : 'XSalsa20-Poly1305'}`, SALSA, GCM);
  if (/^crypto_(box|scalarmult|kx)/.test(member)) return no(`${callee} uses X25519 key agreement`, X25519, ECDH);
  if (member.startsWith('crypto_sign')) return eddsa(`${callee} signs with Ed25519`);
  if (/^crypto_(generichash|kdf|shorthash)/.test(member)) return no(`${callee} uses ${member.includes('shorthash') ? 'SipHash' : 'BLAKE2b'}`, BLAKE, "Use createHash('sha256'), HKDF or HMAC from node:crypto.");
  if (member.startsWith('crypto_pwhash')) return no(`${callee} derives a key with ${member.includes('scrypt') ? 'scrypt' : 'Argon2id'}`, ARGON, "Use crypto.pbkdf2 with 'sha256' and 600,000 iterations.");
  if (member === 'crypto_hash' || member === 'crypto_hash_sha512') return digest('sha512', callee);
  if (member === 'crypto_hash_sha256') return digest('sha256', callee);
  if (member.startsWith('crypto_auth')) return digest(member.includes('sha256') ? 'sha256' : 'sha512', `${callee} (HMAC)`, 'mac');
  if (member.startsWith('crypto_aead_aes256gcm')) return nv(`${callee} runs AES-256-GCM in libsodium`, GCM);
  if (member === 'randombytes_buf') return nv(`${callee} draws random bytes in libsodium`, 'Use crypto.randomBytes(n) from node:crypto.');
  return undefined;
}

/** `new EC('secp256k1')`, `new EdDSA('ed25519')` (elliptic). */
function judgeCurveName(context: RuleContext, site: CallSite, kind: 'ec' | 'eddsa', callee: string): Verdict | undefined {
  const argument = site.argument('first');
  const names = context.strings(argument);
  for (const value of names) {
    const name = value.value.toLowerCase();
    if (kind === 'eddsa' || name === 'ed25519') {
      const policy = KEY_TYPES.ed25519;
      const status = inLibrary(statusFor(policy.status, context.policy('apply', 'sign')));
      if (status !== 'OK') return { status, value, at: argument, what: status === 'NV' ? `${callee}('${value.value}') signs with Ed25519 in elliptic` : `Ed25519 is ${STATUS_WORDS[status]} under ${context.profile}`, why: policy.reason, instead: 'Use crypto.sign(null, data, ed25519Key) from node:crypto.' };
      continue;
    }
    if (name === 'curve25519') return { status: 'NO', value, at: argument, what: `elliptic's curve25519 does X25519 key agreement`, why: X25519, instead: ECDH };
    const policy = lookupCurve(name);
    if (!policy) continue;
    const status = inLibrary(statusFor(policy.status, context.policy('apply', 'keygen')));
    if (status === 'OK') continue;
    return {
      status,
      value,
      at: argument,
      what: status === 'NV' ? `${callee}('${value.value}') computes on ${policy.display} in elliptic` : `Curve ${policy.display} is ${STATUS_WORDS[status]} under ${context.profile}`,
      why: policy.reason,
      instead: status === 'NV' ? "Use crypto.generateKeyPair('ec', { namedCurve: 'P-256' }) and crypto.sign from node:crypto." : 'Use P-256 (prime256v1) in node:crypto.',
    };
  }
  return undefined;
}

function judgeSjcl(context: RuleContext, site: CallSite, member: string, callee: string, no: No, nv: Nv, digest: Digest): Verdict | undefined {
  if (member === 'encrypt' || member === 'decrypt') {
    const options = site.argument('third');
    for (const hit of context.properties(options, 'mode')) {
      for (const value of context.valuesOf(hit)) {
        if (value.kind === 'string' && /^ocb2/i.test(value.value)) return { ...no(`sjcl ${member}s with OCB2`, 'OCB2 is broken (Inoue–Minematsu 2018) and not an approved mode', GCM), value, at: hit.value };
      }
    }
    for (const hit of context.properties(options, 'iter')) {
      for (const value of context.valuesOf(hit)) {
        if (value.kind === 'number' && value.value < 1000) return { ...no(`sjcl derives the key with ${value.value} PBKDF2 iterations`, 'SP 800-132 §5.2 asks for at least 1,000', "Use crypto.pbkdf2 with 'sha256' and 600,000 iterations, then AES-256-GCM."), value, at: hit.value };
      }
    }
    return nv(`${callee} runs AES-CCM in sjcl`, GCM);
  }
  const hash = /^hash\.(\w+)\.hash$/.exec(member);
  if (hash) return digest(hash[1], callee);
  if (member === 'misc.pbkdf2') {
    for (const value of context.numbers(site.argument('third'))) {
      if (value.value < 1000) return { ...no(`sjcl PBKDF2 runs ${value.value} iterations`, 'SP 800-132 §5.2 asks for at least 1,000', 'Use 600,000 iterations with crypto.pbkdf2.'), value, at: site.argument('third') };
    }
    return nv(`${callee} derives the key in sjcl`, "Use crypto.pbkdf2 with 'sha256' from node:crypto.");
  }
  if (member === 'misc.hmac') return nv(`${callee} computes HMAC in sjcl`, 'Use crypto.createHmac from node:crypto.');
  return nv(`${callee} draws random words from sjcl's generator`, 'Use crypto.randomBytes(n) from node:crypto.');
}

/** jsrsasign names digests inside signature algorithm names: `SHA1withRSA`, `SHA256withECDSA`, `HmacSHA1`. */
function jsrsasignDigest(alg: string): string | undefined {
  const m = /^(?:hmac)?(md5|md2|sha1|sha224|sha256|sha384|sha512|ripemd160|sha3-\d+)(?:with|$)/i.exec(alg);
  return m?.[1].toLowerCase();
}

function judgeJsrsasign(context: RuleContext, site: CallSite, member: string, callee: string, no: No, nv: Nv, digest: Digest): Verdict | undefined {
  if (member === 'KEYUTIL.generateKeypair') {
    const type = context.strings(site.argument('first'))[0]?.value.toUpperCase();
    const parameter = site.argument('second');
    if (type === 'RSA') {
      for (const value of context.numbers(parameter)) {
        const status = statusFor(rsaModulusStatus(value.value), context.policy('apply', 'keygen'));
        if (status !== 'OK') return { status, value, at: parameter, what: `jsrsasign generates an RSA-${value.value} key`, why: rsaModulusReason(value.value, context.profile), instead: "Use crypto.generateKeyPair('rsa', { modulusLength: 3072 }) from node:crypto." };
      }
    }
    if (type === 'EC') {
      for (const value of context.strings(parameter)) {
        const policy = lookupCurve(value.value);
        const status = policy && statusFor(policy.status, context.policy('apply', 'keygen'));
        if (policy && status && status !== 'OK') return { status, value, at: parameter, what: `jsrsasign generates a key on ${policy.display}`, why: policy.reason, instead: 'Use P-256 with crypto.generateKeyPair from node:crypto.' };
      }
    }
    return nv(`${callee} generates the key pair in jsrsasign`, 'Use crypto.generateKeyPair from node:crypto.');
  }
  if (member === 'KJUR.crypto.Signature' || member === 'KJUR.crypto.MessageDigest' || member === 'KJUR.crypto.Mac') {
    const options = site.argument('first');
    for (const hit of context.properties(options, 'alg')) {
      for (const value of context.valuesOf(hit)) {
        if (value.kind !== 'string') continue;
        const name = jsrsasignDigest(value.value);
        const use = member.endsWith('Signature') ? 'sign' : member.endsWith('Mac') ? 'mac' : 'hash';
        const verdict = name && digest(name, `jsrsasign ${value.value}`, use);
        if (verdict && verdict.status !== 'NV') return { ...verdict, value, at: hit.value };
      }
    }
    return nv(`${callee} runs in jsrsasign`, 'Use crypto.sign / createHash / createHmac from node:crypto.');
  }
  if (member === 'KJUR.jws.JWS.sign') {
    for (const value of context.strings(site.argument('first'))) {
      const policy = lookupJoseAlgorithm(value.value);
      const status = policy && statusFor(policy.status, context.policy('apply'));
      if (policy && status && status !== 'OK') return { status, value, at: site.argument('first'), what: `jsrsasign signs a JWS with ${value.value}`, why: policy.reason, instead: 'Use ES256 or HS256 (jose or node:crypto).' };
    }
  }
  if (member === 'KJUR.jws.JWS.verify' || member === 'KJUR.jws.JWS.verifyJWT') {
    const accepted = site.argument('third');
    const lists = [...context.resolver.values(accepted), ...context.properties(accepted, 'alg').flatMap((hit) => context.valuesOf(hit))];
    for (const list of lists) {
      if (list.kind !== 'array') continue;
      for (const element of list.elements) {
        for (const value of context.strings(element)) if (value.value.toLowerCase() === 'none') return { ...no('The JWS verifier accepts alg "none"', lookupJoseAlgorithm('none')!.reason, 'Accept only the algorithm your keys use.'), value, at: element };
      }
    }
  }
  return nv(`${callee} runs in jsrsasign`, 'Use jose or node:crypto.');
}

/** node-rsa: `new NodeRSA({ b: 512 })`, `encryptionScheme: 'pkcs1'`, `signingScheme: 'pkcs1-sha1'`. */
function judgeNodeRsa(context: RuleContext, site: CallSite, member: string, callee: string, nv: Nv): Verdict | undefined {
  const optionSources = member === 'instance.setOptions' ? [site.argument('first')] : member === 'instance.generateKeyPair' ? [] : [site.argument('first'), site.argument('third')];
  const bitsArguments = member === 'instance.generateKeyPair' ? [site.argument('first')] : [];
  const bitsValues = [
    ...bitsArguments.flatMap((a) => context.numbers(a).map((value) => ({ value, at: a! as ts.Node }))),
    ...(member === '' ? context.properties(site.argument('first'), 'b').flatMap((hit) => context.valuesOf(hit).map((value) => ({ value, at: hit.value as ts.Node }))) : []),
  ];
  for (const { value, at } of bitsValues) {
    if (value.kind !== 'number') continue;
    const status = statusFor(rsaModulusStatus(value.value), context.policy('apply', 'keygen'));
    if (status !== 'OK') return { status, value, at, what: `node-rsa generates an RSA-${value.value} key`, why: rsaModulusReason(value.value, context.profile), instead: "Use crypto.generateKeyPair('rsa', { modulusLength: 3072 }) from node:crypto." };
  }
  for (const options of optionSources) {
    for (const hit of context.properties(options, 'encryptionScheme')) {
      for (const value of context.valuesOf(hit)) {
        if (value.kind === 'string' && value.value.toLowerCase() === 'pkcs1') {
          return { status: 'NO', value, at: hit.value, what: "node-rsa encrypts with encryptionScheme 'pkcs1' (RSAES-PKCS1-v1_5)", why: 'SP 800-56B Rev 2 approves only OAEP and KEM for key transport; PKCS #1 v1.5 encryption is open to padding-oracle attacks', instead: "Use the default 'pkcs1_oaep', or crypto.publicEncrypt with OAEP-SHA-256." };
        }
      }
    }
    for (const hit of context.properties(options, 'signingScheme')) {
      for (const value of context.valuesOf(hit)) {
        const name = value.kind === 'string' ? /-(md5|sha1|ripemd160|md4)$/i.exec(value.value)?.[1] : undefined;
        const policy = name && lookupDigest(name);
        if (!policy || value.kind !== 'string') continue;
        const status = statusFor(policy.status, context.policy('apply', 'sign'));
        if (status !== 'OK') return { status, value, at: hit.value, what: `node-rsa signs with ${value.value}`, why: policy.reason, instead: "Use signingScheme 'pkcs1-sha256' or 'pss-sha256', or crypto.sign from node:crypto." };
      }
    }
  }
  if (member !== '') return undefined;
  return nv(`${callee} runs RSA in node-rsa`, 'Use crypto.generateKeyPair, crypto.publicEncrypt and crypto.sign from node:crypto.');
}
