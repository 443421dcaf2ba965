import { ts } from '../typescript';
import { CRYPTO_JS_CIPHERS, CRYPTO_JS_HASHERS, CRYPTO_JS_KECCAK, LIBRARY_PRIMITIVE_APIS, TLS_OPTION_APIS } from '../apis';
import { cryptoJsOptions, inLibrary, libraryOf, objectProperty, webCryptoAlgorithms, webCryptoHashValues } from '../checks';
import { RSA_PADDING } from '../policy/keys';
import { secureProtocolVersion } from '../policy/tls';
import type { Operation, PolicyContext, Use } from '../policy/status';
import type { CallSite, RuleContext, RuleListeners } from '../rule';
import type { ObjectValue } from '../resolve';
import {
  classifyCipher, classifyCurve, classifyDh, classifyDigest, classifyDsa, classifyHmac, classifyJose, classifyKdf, classifyKeyType, classifyNamedCipher,
  classifyPostQuantum, classifyRandom, classifyRsa, classifySignature, classifyTls, worstStatus, type AssetStatus, type Classified, type CryptoFunction, type PaddingName,
} from './assets';

/** One use of a crypto asset at one call. */
export interface AssetUse {
  asset: Classified;
  cryptoFunction: CryptoFunction;
  api: string;
  node: ts.Node;
}

/** What a listener reads values with and records assets through, for one file. */
interface Reader {
  context: RuleContext;
  /** Known string values, or `[undefined]` when none is known (so the use is still recorded, as unknown). */
  strings(expression: ts.Expression | undefined): Array<string | undefined>;
  numberOf(object: ts.Expression | undefined, property: string): number | undefined;
  stringOf(object: ts.Expression | undefined, property: string): string | undefined;
  /** Whether any value the property can hold is this boolean (`rejectUnauthorized: insecure ? false : true` can be false). */
  canBe(object: ts.Expression | undefined, property: string, value: boolean): boolean;
  policy(fn: CryptoFunction, use?: Use): PolicyContext;
  add(site: CallSite, asset: Classified, cryptoFunction: CryptoFunction): void;
}

type InventoryListener = (site: CallSite, reader: Reader) => void;

const NODE = 'node:crypto';
const WEB = 'WebCrypto';
const OPERATION: Partial<Record<CryptoFunction, Operation>> = { encrypt: 'apply', sign: 'apply', keygen: 'apply', tag: 'apply', decrypt: 'process', verify: 'process' };
const OID_RSA_OAEP = '1.2.840.113549.1.1.7';
const OID_RSA = '1.2.840.113549.1.1.1';

/**
 * Listeners that record every crypto asset a file uses, approved or not, for the inventory (CBOM,
 * report, the editor's view). They read values the way the rules do, through the same resolver, and
 * record `unknown` where the value is not written anywhere the resolver can see. The table is built
 * once; each file only gets a reader.
 */
export function inventoryListeners(context: RuleContext, record: (use: AssetUse) => void): RuleListeners {
  const reader = readerFor(context, record);
  const calls: NonNullable<RuleListeners['calls']> = {};
  for (const [api, listener] of Object.entries(listenerTable())) calls[api] = (site) => listener(site, reader);
  return { calls };
}

function readerFor(context: RuleContext, record: (use: AssetUse) => void): Reader {
  const firstValue = <K extends 'number' | 'string'>(object: ts.Expression | undefined, property: string, kind: K) => {
    for (const hit of context.properties(object, property)) {
      for (const value of context.valuesOf(hit)) if (value.kind === kind) return value.value as K extends 'number' ? number : string;
    }
    return undefined;
  };
  return {
    context,
    strings: (expression) => {
      const values = context.strings(expression).map((v) => v.value);
      return values.length > 0 ? [...new Set(values)] : [undefined];
    },
    numberOf: (object, property) => firstValue(object, property, 'number'),
    stringOf: (object, property) => firstValue(object, property, 'string'),
    canBe: (object, property, wanted) => context.properties(object, property).some((hit) => context.valuesOf(hit).some((v) => v.kind === 'boolean' && v.value === wanted)),
    policy: (fn, use) => context.policy(OPERATION[fn], use),
    // An empty string in the code (`createHash('')`) is a value, but not a name to list.
    add: (site, asset, cryptoFunction) =>
      record({ asset: asset.name.trim() ? asset : { ...asset, name: `'${asset.name}' (empty ${asset.primitive === 'unknown' ? 'name' : asset.primitive})`, status: 'unknown' }, cryptoFunction, api: site.api, node: site.node }),
  };
}

function unknownAsset(name: string, primitive: Classified['primitive'], library: string): Classified {
  return { name, assetType: 'algorithm', primitive, library, status: 'unknown' };
}

/** A library computes it: approved algorithms become NV (reference §0.3.1, §2.11), unknown stays unknown. */
function computedInLibrary(asset: Classified): Classified {
  return asset.status === 'unknown' ? asset : { ...asset, status: inLibrary(asset.status) };
}

// ------------------------------------------------------------------ node:crypto

const eachString = (role: string, classify: (value: string | undefined, r: Reader) => Classified, fn: CryptoFunction): InventoryListener => (site, r) => {
  for (const value of r.strings(site.argument(role))) r.add(site, classify(value, r), fn);
};

const cipher = (fn: 'encrypt' | 'decrypt') => eachString('algorithm', (name, r) => classifyCipher(name, NODE, r.policy(fn, fn)), fn);
const pbkdf2 = eachString('digest', (digest, r) => classifyKdf('PBKDF2', digest, NODE, r.policy('keyderive', 'kdf')), 'keyderive');
const hkdf = eachString('digest', (digest, r) => classifyKdf('HKDF', digest, NODE, r.policy('keyderive', 'kdf')), 'keyderive');
const scrypt: InventoryListener = (site, r) => r.add(site, classifyKdf('scrypt', undefined, NODE, r.policy('keyderive', 'kdf')), 'keyderive');
const dhGroup = eachString('group', (group, r) => classifyDh(undefined, group, NODE, r.policy('keygen', 'key-agreement')), 'keygen');
const random = (approved: boolean): InventoryListener => (site, r) => r.add(site, classifyRandom(approved, approved ? 'DRBG (OpenSSL RAND)' : 'pseudoRandomBytes', NODE), 'generate');

const signature = (fn: 'sign' | 'verify'): InventoryListener => (site, r) => {
  for (const name of r.strings(site.argument('algorithm'))) {
    const asset = classifySignature(name, NODE, r.policy(fn, fn));
    // crypto.sign(null, data, key) signs Ed25519/Ed448 keys: the algorithm is the key's, not named here.
    const keyDecides = name === undefined && site.api.endsWith('.sign') && site.node.arguments?.[0]?.kind === ts.SyntaxKind.NullKeyword;
    r.add(site, keyDecides ? { ...asset, name: 'signature (algorithm of the key)' } : asset, fn);
  }
};

const keyPair: InventoryListener = (site, r) => {
  const options = site.argument('options');
  const policy = r.policy('keygen', 'keygen');
  for (const type of r.strings(site.argument('type'))) {
    const lower = type?.toLowerCase();
    let asset: Classified | undefined;
    if (lower === 'rsa') asset = classifyRsa(r.numberOf(options, 'modulusLength'), 'keygen', NODE, policy);
    else if (lower === 'rsa-pss') asset = classifyRsa(r.numberOf(options, 'modulusLength'), 'keygen', NODE, policy, { oid: '1.2.840.113549.1.1.10', primitive: 'signature' });
    else if (lower === 'ec') asset = classifyCurve(r.stringOf(options, 'namedCurve'), 'signature', NODE, policy);
    else if (lower === 'dsa') asset = classifyDsa(r.numberOf(options, 'modulusLength'), NODE);
    else if (lower === 'dh') asset = classifyDh(r.numberOf(options, 'primeLength'), r.stringOf(options, 'group'), NODE, policy);
    else if (lower) asset = classifyKeyType(lower, NODE, policy) ?? classifyPostQuantum(lower, NODE, policy);
    r.add(site, asset ?? unknownAsset(type ?? 'unknown key type', 'unknown', NODE), 'keygen');
  }
};

const secretKey: InventoryListener = (site, r) => {
  const bits = r.numberOf(site.argument('options'), 'length');
  for (const type of r.strings(site.argument('type'))) {
    if (type === 'aes') r.add(site, classifyNamedCipher('aes', undefined, bits, NODE, r.policy('keygen', 'keygen')), 'keygen');
    else if (type === 'hmac') r.add(site, { ...classifyHmac(undefined, NODE, r.policy('keygen', 'mac')), name: 'HMAC key', parameterSetIdentifier: bits ? String(bits) : undefined }, 'keygen');
    else r.add(site, unknownAsset(type ?? 'unknown key type', 'unknown', NODE), 'keygen');
  }
};

const PADDING_NAMES: Record<number, PaddingName> = { [RSA_PADDING.OAEP]: 'oaep', [RSA_PADDING.PKCS1]: 'pkcs1v15', [RSA_PADDING.NONE]: 'raw', [RSA_PADDING.PSS]: 'other' };

/** The key's `padding`; Node's default when it has none (OAEP for publicEncrypt/privateDecrypt, PKCS #1 v1.5 for the others). */
function paddingOf(context: RuleContext, key: ts.Expression | undefined, fallback: PaddingName): PaddingName {
  const hits = context.properties(key, 'padding');
  if (hits.length === 0) return fallback;
  for (const hit of hits) for (const value of context.valuesOf(hit)) if (value.kind === 'number' && PADDING_NAMES[value.value]) return PADDING_NAMES[value.value];
  return 'unknown';
}

const rsaPadding = (fn: 'encrypt' | 'decrypt' | 'sign' | 'verify'): InventoryListener => (site, r) => {
  const encryption = fn === 'encrypt' || fn === 'decrypt';
  const padding = paddingOf(r.context, site.argument('key'), encryption ? 'oaep' : 'pkcs1v15');
  let status: AssetStatus = 'unknown';
  if (padding === 'oaep') status = 'OK';
  // PKCS #1 v1.5 key transport: decrypting old data is legacy use, encrypting is not approved (§2.7).
  else if (padding === 'pkcs1v15' && encryption) status = fn === 'decrypt' ? 'LEGACY' : 'NO';
  const name = padding === 'oaep' ? 'RSA-OAEP' : padding === 'pkcs1v15' ? 'RSAES-PKCS1-v1_5' : 'RSA';
  r.add(site, classifyRsa(undefined, encryption ? 'pke' : 'signature', NODE, r.policy(fn, fn), { name, padding, oid: padding === 'oaep' ? OID_RSA_OAEP : OID_RSA, status }), fn);
};

const NODE_CRYPTO: Record<string, InventoryListener> = {
  'crypto.createHash': eachString('algorithm', (name, r) => classifyDigest(name, NODE, r.policy('digest', 'hash')), 'digest'),
  'crypto.hash': eachString('algorithm', (name, r) => classifyDigest(name, NODE, r.policy('digest', 'hash')), 'digest'),
  'crypto.createHmac': eachString('algorithm', (name, r) => classifyHmac(name, NODE, r.policy('tag', 'mac')), 'tag'),
  'crypto.createCipheriv': cipher('encrypt'),
  'crypto.createDecipheriv': cipher('decrypt'),
  'crypto.createCipher': cipher('encrypt'),
  'crypto.createDecipher': cipher('decrypt'),
  'crypto.createSign': signature('sign'),
  'crypto.createVerify': signature('verify'),
  'crypto.sign': signature('sign'),
  'crypto.verify': signature('verify'),
  'crypto.generateKeyPair': keyPair,
  'crypto.generateKeyPairSync': keyPair,
  'crypto.generateKey': secretKey,
  'crypto.generateKeySync': secretKey,
  'crypto.publicEncrypt': rsaPadding('encrypt'),
  'crypto.privateDecrypt': rsaPadding('decrypt'),
  'crypto.privateEncrypt': rsaPadding('sign'),
  'crypto.publicDecrypt': rsaPadding('verify'),
  'crypto.createECDH': eachString('curve', (curve, r) => classifyCurve(curve, 'key-agree', NODE, r.policy('keygen', 'key-agreement')), 'keygen'),
  'crypto.createDiffieHellman': (site, r) => r.add(site, classifyDh(r.context.numbers(site.argument('prime'))[0]?.value, undefined, NODE, r.policy('keygen', 'key-agreement')), 'keygen'),
  'crypto.getDiffieHellman': dhGroup,
  'crypto.createDiffieHellmanGroup': dhGroup,
  'crypto.pbkdf2': pbkdf2,
  'crypto.pbkdf2Sync': pbkdf2,
  'crypto.scrypt': scrypt,
  'crypto.scryptSync': scrypt,
  'crypto.hkdf': hkdf,
  'crypto.hkdfSync': hkdf,
  'crypto.randomBytes': random(true),
  'crypto.randomFill': random(true),
  'crypto.randomFillSync': random(true),
  'crypto.randomInt': random(true),
  'crypto.randomUUID': random(true),
  'crypto.getRandomValues': (site, r) => r.add(site, classifyRandom(true, 'DRBG (getRandomValues)', WEB), 'generate'),
  'crypto.pseudoRandomBytes': random(false),
  'crypto.prng': random(false),
  'crypto.rng': random(false),
};

// ------------------------------------------------------------------ WebCrypto

const WEB_USE: Partial<Record<CryptoFunction, Use>> = { digest: 'hash', sign: 'sign', verify: 'verify', encrypt: 'encrypt', decrypt: 'decrypt', keygen: 'keygen', keyderive: 'kdf' };

const webCrypto = (fn: CryptoFunction): InventoryListener => (site, r) => {
  const found = webCryptoAlgorithms(r.context, site.argument('algorithm'));
  if (found.length === 0) r.add(site, unknownAsset('unknown WebCrypto algorithm', 'unknown', WEB), fn);
  for (const { name, object } of found) r.add(site, classifyWebCrypto(r.context, name.value, object, fn, r.policy(fn, WEB_USE[fn])), fn);
};

const WEB_CRYPTO: Record<string, InventoryListener> = {
  'crypto.subtle.digest': webCrypto('digest'),
  'crypto.subtle.generateKey': webCrypto('keygen'),
  'crypto.subtle.importKey': webCrypto('other'),
  'crypto.subtle.deriveKey': webCrypto('keyderive'),
  'crypto.subtle.deriveBits': webCrypto('keyderive'),
  'crypto.subtle.encrypt': webCrypto('encrypt'),
  'crypto.subtle.decrypt': webCrypto('decrypt'),
  'crypto.subtle.sign': webCrypto('sign'),
  'crypto.subtle.verify': webCrypto('verify'),
  'crypto.subtle.wrapKey': webCrypto('encrypt'),
  'crypto.subtle.unwrapKey': webCrypto('decrypt'),
};

function classifyWebCrypto(context: RuleContext, rawName: string, object: ObjectValue | undefined, fn: CryptoFunction, policy: PolicyContext): Classified {
  const name = rawName.toUpperCase();
  const member = <K extends 'number' | 'string'>(property: string, kind: K) => {
    for (const { value } of object ? objectProperty(context, object, property) : []) if (value.kind === kind) return value.value as K extends 'number' ? number : string;
    return undefined;
  };
  const hash = object ? webCryptoHashValues(context, object)[0]?.value : undefined;
  const modulus = member('modulusLength', 'number');
  const sized = (base: string) => `${base}${modulus ? `-${modulus}` : ''}`;
  if (/^SHA-|^SHA3-/.test(name)) return classifyDigest(rawName, WEB, policy);
  const aes = /^AES-(GCM|CBC|CTR|KW)$/.exec(name);
  if (aes) return classifyNamedCipher('aes', aes[1] === 'KW' ? 'wrap' : aes[1].toLowerCase(), member('length', 'number'), WEB, policy);
  if (name === 'HMAC') return classifyHmac(hash, WEB, policy);
  if (name === 'RSA-OAEP') return classifyRsa(modulus, 'pke', WEB, policy, { name: sized('RSA-OAEP'), padding: 'oaep', oid: OID_RSA_OAEP });
  if (name === 'RSA-PSS' || name === 'RSASSA-PKCS1-V1_5') {
    const base = classifyRsa(modulus, 'signature', WEB, policy, { name: sized(rawName), padding: name === 'RSA-PSS' ? 'other' : 'pkcs1v15' });
    if (fn === 'sign' || fn === 'verify' || !hash) return base;
    const digest = classifyDigest(hash, WEB, { ...policy, use: 'sign' });
    const status = digest.status === 'OK' || digest.status === 'unknown' ? base.status : worstStatus([base.status, digest.status].filter((s) => s !== 'unknown'));
    return { ...base, name: `${base.name} with ${digest.name}`, status };
  }
  if (name === 'ECDSA' || name === 'ECDH') {
    const primitive = name === 'ECDSA' ? 'signature' : 'key-agree';
    const curve = member('namedCurve', 'string');
    // sign/verify/derive name the hash, not the curve: the curve is the key's.
    if (curve === undefined && (fn === 'sign' || fn === 'verify' || fn === 'keyderive')) {
      return { ...classifyCurve(undefined, primitive, WEB, policy), name: name === 'ECDSA' && hash ? `ECDSA with ${classifyDigest(hash, WEB, policy).name}` : name };
    }
    return classifyCurve(curve, primitive, WEB, policy);
  }
  if (name === 'PBKDF2' || name === 'HKDF') return classifyKdf(name, hash, WEB, policy);
  return classifyKeyType(rawName, WEB, policy) ?? classifyPostQuantum(rawName, WEB, policy) ?? unknownAsset(rawName, 'unknown', WEB);
}

// ------------------------------------------------------------------ TLS

const tls: InventoryListener = (site, r) => {
  const options = site.optionsArgument();
  let min = r.stringOf(options, 'minVersion');
  let max = r.stringOf(options, 'maxVersion');
  const method = r.stringOf(options, 'secureProtocol');
  if (method) {
    const pinned = secureProtocolVersion(method);
    if (pinned) min = max = pinned;
    else if (pinned === undefined) min = method; // not a method Node knows: its version is unknown
    // The legacy SSLv23 methods negotiate, but Node keeps their old maximum (reference §2.9).
    else if (/^SSLv23_/.test(method.trim())) max ??= 'TLSv1.2';
  }
  const asset = classifyTls(min, max, `node:${site.api.split('.')[0]}`);
  // A TLS configuration is as good as its worst use: without certificate validation it is not approved, whatever its versions.
  if (r.canBe(options, 'rejectUnauthorized', false)) {
    r.add(site, { ...asset, name: `${asset.name} without certificate validation`, status: 'NO' }, 'other');
    return;
  }
  r.add(site, asset, 'other');
};

// ------------------------------------------------------------------ npm libraries

const CRYPTO_JS = 'crypto-js';

function cryptoJsMode(context: RuleContext, options: ts.Expression | undefined): string | undefined {
  const [first] = cryptoJsOptions(context, options, 'mode');
  if (!first) return undefined;
  return first.member === 'CTRGladman' ? 'ctr' : first.member?.toLowerCase() ?? 'unknown';
}

function cryptoJsListeners(): Record<string, InventoryListener> {
  const out: Record<string, InventoryListener> = {};
  for (const [hasher, digest] of Object.entries(CRYPTO_JS_HASHERS)) {
    const hash: InventoryListener = (site, r) => r.add(site, computedInLibrary(classifyDigest(digest, CRYPTO_JS, r.policy('digest', 'hash'))), 'digest');
    out[`crypto-js.${hasher}`] = out[`crypto-js.algo.${hasher}.create`] = hash;
    out[`crypto-js.Hmac${hasher}`] = (site, r) => r.add(site, computedInLibrary(classifyHmac(digest, CRYPTO_JS, r.policy('tag', 'mac'))), 'tag');
  }
  // CryptoJS.SHA3 is Keccak with a 512-bit default, not FIPS 202 SHA3-512.
  const keccak: Classified = { name: 'Keccak (crypto-js SHA3)', assetType: 'algorithm', primitive: 'hash', library: CRYPTO_JS, status: 'NO' };
  out[`crypto-js.${CRYPTO_JS_KECCAK}`] = out[`crypto-js.algo.${CRYPTO_JS_KECCAK}.create`] = (site, r) => r.add(site, keccak, 'digest');
  out[`crypto-js.Hmac${CRYPTO_JS_KECCAK}`] = (site, r) => r.add(site, keccak, 'tag');

  for (const [name, { family }] of Object.entries(CRYPTO_JS_CIPHERS)) {
    const stream = family === 'rc4' || family === 'rabbit';
    for (const fn of ['encrypt', 'decrypt'] as const) {
      const listener: InventoryListener = (site, r) => {
        const mode = stream ? undefined : (cryptoJsMode(r.context, site.argument('options')) ?? 'cbc');
        r.add(site, computedInLibrary(classifyNamedCipher(family, mode, undefined, CRYPTO_JS, r.policy(fn, fn))), fn);
      };
      out[`crypto-js.${name}.${fn}`] = out[`crypto-js.algo.${name}.${fn === 'encrypt' ? 'createEncryptor' : 'createDecryptor'}`] = listener;
    }
  }
  out['crypto-js.PBKDF2'] = out['crypto-js.algo.PBKDF2.create'] = (site, r) => {
    // crypto-js 4 defaults PBKDF2 to SHA-256 (3.x used SHA-1): the hasher option says which.
    const [hasher] = cryptoJsOptions(r.context, site.argument('options'), 'hasher');
    const digest = hasher ? (hasher.member && CRYPTO_JS_HASHERS[hasher.member]) : 'sha256';
    r.add(site, computedInLibrary(classifyKdf('PBKDF2', digest || undefined, CRYPTO_JS, r.policy('keyderive', 'kdf'))), 'keyderive');
  };
  out['crypto-js.EvpKDF'] = out['crypto-js.algo.EvpKDF.create'] = (site, r) => r.add(site, classifyKdf('EvpKDF', undefined, CRYPTO_JS, r.policy('keyderive', 'kdf')), 'keyderive');
  out['crypto-js.lib.WordArray.random'] = (site, r) => r.add(site, computedInLibrary(classifyRandom(true, 'WordArray.random', CRYPTO_JS)), 'generate');
  return out;
}

function jwtListeners(): Record<string, InventoryListener> {
  const record = (site: CallSite, r: Reader, algorithm: string | undefined, fn: CryptoFunction) =>
    r.add(site, classifyJose(algorithm, libraryOf(site.api), r.policy(fn, fn === 'sign' ? 'sign' : 'verify')), fn);
  const out: Record<string, InventoryListener> = {
    // jsonwebtoken signs with HS256 unless told otherwise (its README).
    'jsonwebtoken.sign': (site, r) => record(site, r, r.stringOf(site.argument('options'), 'algorithm') ?? (site.argument('options') ? undefined : 'HS256'), 'sign'),
    'jsonwebtoken.verify': (site, r) => {
      const algorithms = r.context.properties(site.argument('options'), 'algorithms').flatMap((hit) => r.context.valuesOf(hit));
      const names = algorithms.flatMap((v) => (v.kind === 'array' ? v.elements.flatMap((e) => r.context.strings(e).map((s) => s.value)) : []));
      if (names.length === 0) record(site, r, undefined, 'verify');
      for (const name of new Set(names)) record(site, r, name, 'verify');
    },
    'jwt-simple.encode': (site, r) => {
      for (const name of site.argument('algorithm') ? r.strings(site.argument('algorithm')) : ['HS256']) record(site, r, name, 'sign');
    },
  };
  for (const builder of ['SignJWT', 'CompactSign', 'FlattenedSign', 'GeneralSign', 'EncryptJWT', 'CompactEncrypt', 'FlattenedEncrypt']) {
    const fn: CryptoFunction = builder.includes('Encrypt') ? 'encrypt' : 'sign';
    out[`jose.${builder}.instance.setProtectedHeader`] = (site, r) => {
      record(site, r, r.stringOf(site.argument('header'), 'alg'), fn);
      const enc = r.stringOf(site.argument('header'), 'enc');
      if (enc) record(site, r, enc, fn);
    };
  }
  for (const api of ['jose.generateKeyPair', 'jose.generateSecret']) {
    out[api] = (site, r) => {
      for (const name of r.strings(site.argument('algorithm'))) record(site, r, name, 'keygen');
    };
  }
  return out;
}

function passwordHashListeners(): Record<string, InventoryListener> {
  const out: Record<string, InventoryListener> = {};
  const kdf = (kind: 'bcrypt' | 'argon2' | 'scrypt', fn: CryptoFunction): InventoryListener => (site, r) => r.add(site, classifyKdf(kind, undefined, libraryOf(site.api), r.policy(fn, 'kdf')), fn);
  for (const lib of ['bcrypt', 'bcryptjs', '@node-rs/bcrypt']) {
    for (const api of ['hash', 'hashSync']) out[`${lib}.${api}`] = kdf('bcrypt', 'keyderive');
    for (const api of ['compare', 'compareSync', 'verify', 'verifySync']) out[`${lib}.${api}`] = kdf('bcrypt', 'verify');
  }
  for (const api of ['argon2.hash', '@node-rs/argon2.hash', '@node-rs/argon2.hashSync', '@node-rs/argon2.hashRaw', '@node-rs/argon2.hashRawSync']) out[api] = kdf('argon2', 'keyderive');
  for (const api of ['argon2.verify', '@node-rs/argon2.verify', '@node-rs/argon2.verifySync']) out[api] = kdf('argon2', 'verify');
  for (const api of ['scrypt-js.scrypt', 'scrypt-js.syncScrypt']) out[api] = kdf('scrypt', 'keyderive');
  return out;
}

type LibraryAlgorithm = Omit<Classified, 'library' | 'status'> & {
  /** The digest whose status it has (NV when approved); `''` for an approved non-hash (AES-256-GCM). */
  approvedDigest?: string;
  approvedCurve?: string;
};

/** Named primitives of pure-JS libraries (reference §2.11): the API name says the algorithm. First match wins. */
const LIBRARY_ALGORITHMS: Array<[RegExp, (m: RegExpExecArray) => LibraryAlgorithm]> = [
  [/^tweetnacl\.secretbox/, () => ({ name: 'XSalsa20-Poly1305', assetType: 'algorithm', primitive: 'ae' })],
  [/^tweetnacl\.box/, () => ({ name: 'X25519-XSalsa20-Poly1305', assetType: 'algorithm', primitive: 'key-agree', curve: 'Curve25519' })],
  [/^tweetnacl\.scalarMult/, () => ({ name: 'X25519', assetType: 'algorithm', primitive: 'key-agree', curve: 'Curve25519' })],
  [/^tweetnacl\.sign/, () => ({ name: 'Ed25519', assetType: 'algorithm', primitive: 'signature', curve: 'Curve25519', approvedCurve: 'ed25519' })],
  [/^tweetnacl\.hash/, () => ({ name: 'SHA-512', assetType: 'algorithm', primitive: 'hash', approvedDigest: 'sha512' })],
  [/^tweetnacl\.randomBytes|randombytes_buf$/, () => ({ name: 'randomBytes', assetType: 'algorithm', primitive: 'drbg' })],
  [/crypto_secretbox/, () => ({ name: 'XSalsa20-Poly1305', assetType: 'algorithm', primitive: 'ae' })],
  [/crypto_box|crypto_scalarmult|crypto_kx/, () => ({ name: 'X25519', assetType: 'algorithm', primitive: 'key-agree', curve: 'Curve25519' })],
  [/crypto_sign/, () => ({ name: 'Ed25519', assetType: 'algorithm', primitive: 'signature', curve: 'Curve25519', approvedCurve: 'ed25519' })],
  [/crypto_hash_sha256$/, () => ({ name: 'SHA-256', assetType: 'algorithm', primitive: 'hash', approvedDigest: 'sha256' })],
  [/crypto_hash(_sha512)?$/, () => ({ name: 'SHA-512', assetType: 'algorithm', primitive: 'hash', approvedDigest: 'sha512' })],
  [/crypto_auth_hmacsha(256|512)/, (m) => ({ name: `HMAC-SHA-${m[1]}`, assetType: 'algorithm', primitive: 'mac', approvedDigest: `sha${m[1]}` })],
  [/crypto_auth/, () => ({ name: 'HMAC-SHA-512-256', assetType: 'algorithm', primitive: 'mac', approvedDigest: 'sha512-256' })],
  [/crypto_aead_aes256gcm/, () => ({ name: 'AES-256-GCM', assetType: 'algorithm', primitive: 'ae', mode: 'gcm', parameterSetIdentifier: '256', approvedDigest: '' })],
  [/crypto_aead_(x?chacha20poly1305)|crypto_secretstream/, () => ({ name: 'ChaCha20-Poly1305', assetType: 'algorithm', primitive: 'ae' })],
  [/crypto_stream/, () => ({ name: 'XSalsa20/ChaCha20', assetType: 'algorithm', primitive: 'stream-cipher' })],
  [/crypto_generichash|crypto_kdf/, () => ({ name: 'BLAKE2b', assetType: 'algorithm', primitive: 'hash' })],
  [/crypto_shorthash/, () => ({ name: 'SipHash-2-4', assetType: 'algorithm', primitive: 'mac' })],
  [/crypto_pwhash_scryptsalsa208sha256/, () => ({ name: 'scrypt', assetType: 'algorithm', primitive: 'kdf' })],
  [/crypto_pwhash/, () => ({ name: 'Argon2', assetType: 'algorithm', primitive: 'kdf' })],
  [/^elliptic\.eddsa/, () => ({ name: 'EdDSA (elliptic)', assetType: 'algorithm', primitive: 'signature' })],
  [/^elliptic\.ec/, () => ({ name: 'ECDSA (elliptic)', assetType: 'algorithm', primitive: 'signature' })],
  [/^secp256k1\./, () => ({ name: 'ECDSA-secp256k1', assetType: 'algorithm', primitive: 'signature', curve: 'secp256k1' })],
  [/^@noble\/curves\.(\w+)\./, (m) => ({ name: m[1] === 'x25519' || m[1] === 'x448' ? m[1].toUpperCase() : m[1], assetType: 'algorithm', primitive: /^x/.test(m[1]) ? 'key-agree' : 'signature', curve: m[1] })],
  [/^@noble\/(secp256k1|ed25519)\./, (m) => ({ name: m[1] === 'ed25519' ? 'Ed25519' : 'ECDSA-secp256k1', assetType: 'algorithm', primitive: 'signature', curve: m[1] })],
  [/^@noble\/hashes\.(hmac)$/, () => ({ name: 'HMAC', assetType: 'algorithm', primitive: 'mac' })],
  [/^@noble\/hashes\.(pbkdf2|hkdf)/, (m) => ({ name: m[1].toUpperCase(), assetType: 'algorithm', primitive: 'kdf' })],
  [/^@noble\/hashes\.(scrypt|argon2\w*)/, (m) => ({ name: m[1].startsWith('argon') ? 'Argon2' : 'scrypt', assetType: 'algorithm', primitive: 'kdf' })],
  [/^@noble\/hashes\.(\w+)$/, (m) => ({ name: m[1], assetType: 'algorithm', primitive: 'hash', approvedDigest: m[1].replace('_', '-') })],
  [/^@noble\/ciphers\.(gcm|cbc|ecb|ctr|siv|gcmsiv|aeskw|aeskwp)$/, (m) => ({ name: `AES-${m[1].toUpperCase()}`, assetType: 'algorithm', primitive: m[1] === 'gcm' || m[1].includes('siv') ? 'ae' : 'block-cipher', mode: (['gcm', 'cbc', 'ecb', 'ctr'].includes(m[1]) ? m[1] : 'other') as Classified['mode'] })],
  [/^@noble\/ciphers\.(\w+)$/, (m) => ({ name: m[1], assetType: 'algorithm', primitive: /poly1305/.test(m[1]) ? 'ae' : 'stream-cipher' })],
  [/^sjcl\.(encrypt|decrypt)$/, () => ({ name: 'AES-CCM (sjcl)', assetType: 'algorithm', primitive: 'ae', mode: 'ccm' })],
  [/^sjcl\.hash\.(\w+)\.hash$/, (m) => ({ name: m[1], assetType: 'algorithm', primitive: 'hash', approvedDigest: m[1] })],
  [/^sjcl\.misc\.pbkdf2$/, () => ({ name: 'PBKDF2-HMAC-SHA-256', assetType: 'algorithm', primitive: 'kdf', approvedDigest: 'sha256' })],
  [/^sjcl\.misc\.hmac$/, () => ({ name: 'HMAC-SHA-256', assetType: 'algorithm', primitive: 'mac', approvedDigest: 'sha256' })],
  [/^sjcl\.random/, () => ({ name: 'Fortuna (sjcl)', assetType: 'algorithm', primitive: 'drbg' })],
  [/^jsrsasign\./, () => ({ name: 'jsrsasign', assetType: 'algorithm', primitive: 'unknown' })],
  [/^node-rsa/, () => ({ name: 'RSA (node-rsa)', assetType: 'algorithm', primitive: 'pke' })],
];

function operationOf(api: string, primitive: Classified['primitive']): CryptoFunction {
  if (/verify|open/i.test(api)) return 'verify';
  if (/sign/.test(api)) return 'sign';
  if (/keypair|keygen|generate/i.test(api)) return 'keygen';
  const byPrimitive: Partial<Record<Classified['primitive'], CryptoFunction>> = { hash: 'digest', mac: 'tag', kdf: 'keyderive', drbg: 'generate' };
  return byPrimitive[primitive] ?? 'other';
}

function libraryPrimitiveListeners(): Record<string, InventoryListener> {
  const out: Record<string, InventoryListener> = {};
  for (const api of LIBRARY_PRIMITIVE_APIS) {
    let match: RegExpExecArray | null = null;
    const make = LIBRARY_ALGORITHMS.find(([pattern]) => (match = pattern.exec(api)))?.[1];
    if (!make || !match) continue;
    const { approvedDigest, approvedCurve, ...asset } = make(match);
    const library = libraryOf(api);
    const fn = operationOf(api, asset.primitive);
    out[api] = (site, r) => {
      // What is not an approved construction is not approved, wherever it runs.
      let status: AssetStatus = 'NO';
      let name = asset.name;
      if (approvedDigest) {
        const digest = classifyDigest(approvedDigest, library, r.policy(fn, asset.primitive === 'mac' ? 'mac' : 'hash'));
        status = digest.status;
        if (asset.primitive === 'hash' && digest.status !== 'unknown') name = digest.name;
      } else if (approvedDigest === '' || asset.primitive === 'drbg') {
        status = 'OK';
      } else if (approvedCurve) {
        status = classifyKeyType(approvedCurve, library, r.policy(fn, fn === 'verify' ? 'verify' : 'sign'))?.status ?? 'unknown';
      } else if (asset.primitive === 'unknown') {
        status = 'unknown';
      }
      r.add(site, computedInLibrary({ ...asset, name, library, status }), fn);
    };
  }
  return out;
}

let listeners: Readonly<Record<string, InventoryListener>> | undefined;

/** Built on first use (some 10 ms): a scan without the inventory never pays for it. */
function listenerTable(): Readonly<Record<string, InventoryListener>> {
  listeners ??= {
    ...NODE_CRYPTO,
    ...WEB_CRYPTO,
    ...Object.fromEntries(TLS_OPTION_APIS.map((api) => [api, tls])),
    ...cryptoJsListeners(),
    ...jwtListeners(),
    ...passwordHashListeners(),
    ...libraryPrimitiveListeners(),
  };
  return listeners;
}

/** The APIs the inventory listens to: the engine lets their calls through its name pre-filter when the inventory is on. */
export function inventoryApis(): string[] {
  return Object.keys(listenerTable());
}
