import { ts } from '../typescript';
import { LIBRARY_PRIMITIVE_APIS, TLS_OPTION_APIS } from '../apis';
import { libraryOf, objectProperty, webCryptoAlgorithms, webCryptoHashValues } from '../checks';
import { secureProtocolVerdict } from '../policy/tls';
import type { Operation } from '../policy/status';
import type { CallSite, RuleContext, RuleListeners } from '../rule';
import type { ObjectValue } from '../resolve';
import {
  classifyCipher, classifyCurve, classifyDh, classifyDigest, classifyDsa, classifyHmac, classifyJose, classifyKdf, classifyKeyType, classifyNamedCipher,
  classifyPostQuantum, classifyRandom, classifyRsa, classifySignature, classifyTls, worstStatus, type Classified, type CryptoFunction, type PaddingName,
} from './assets';

/** One use of a crypto asset at one call. */
export interface AssetUse {
  asset: Classified;
  cryptoFunction: CryptoFunction;
  api: string;
  node: ts.Node;
}

const NODE = 'node:crypto';
const WEB = 'WebCrypto';
const OPERATION: Partial<Record<CryptoFunction, Operation>> = { encrypt: 'apply', sign: 'apply', keygen: 'apply', tag: 'apply', decrypt: 'process', verify: 'process' };

/**
 * Listeners that record every crypto asset a file uses, approved or not, for the inventory (CBOM,
 * report, the editor's view). They read values the way the rules do, through the same resolver, and
 * record `unknown` where the value is not written anywhere the resolver can see.
 */
export function inventoryListeners(context: RuleContext, record: (use: AssetUse) => void): RuleListeners {
  const policy = (fn: CryptoFunction, use?: Parameters<RuleContext['policy']>[1]) => context.policy(OPERATION[fn], use);
  const strings = (expression: ts.Expression | undefined): Array<string | undefined> => {
    const values = context.strings(expression).map((v) => v.value);
    return values.length > 0 ? [...new Set(values)] : [undefined];
  };
  const numberOf = (object: ts.Expression | undefined, name: string): number | undefined => {
    for (const hit of context.properties(object, name)) for (const value of context.valuesOf(hit)) if (value.kind === 'number') return value.value;
    return undefined;
  };
  const stringOf = (object: ts.Expression | undefined, name: string): string | undefined => {
    for (const hit of context.properties(object, name)) for (const value of context.valuesOf(hit)) if (value.kind === 'string') return value.value;
    return undefined;
  };
  // An empty string in the code (`createHash('')`) is a value, but not a name to list.
  const add = (site: CallSite, asset: Classified, cryptoFunction: CryptoFunction) =>
    record({ asset: asset.name.trim() ? asset : { ...asset, name: `'${asset.name}' (empty ${asset.primitive === 'unknown' ? 'name' : asset.primitive})`, status: 'unknown' }, cryptoFunction, api: site.api, node: site.node });

  const hash = (site: CallSite) => {
    for (const name of strings(site.argument('algorithm'))) add(site, classifyDigest(name, NODE, policy('digest', 'hash')), 'digest');
  };
  const hmac = (site: CallSite) => {
    for (const name of strings(site.argument('algorithm'))) add(site, classifyHmac(name, NODE, policy('tag', 'mac')), 'tag');
  };
  const cipher = (fn: 'encrypt' | 'decrypt') => (site: CallSite) => {
    for (const name of strings(site.argument('algorithm'))) add(site, classifyCipher(name, NODE, policy(fn, fn)), fn);
  };
  const signature = (fn: 'sign' | 'verify') => (site: CallSite) => {
    for (const name of strings(site.argument('algorithm'))) {
      // crypto.sign(null, data, key) signs Ed25519/Ed448 keys: the algorithm is the key's, not named here.
      if (name === undefined && site.api.endsWith('.sign') && site.node.arguments?.[0]?.kind === ts.SyntaxKind.NullKeyword) add(site, { ...classifySignature(undefined, NODE, policy(fn, fn)), name: 'signature (algorithm of the key)' }, fn);
      else add(site, classifySignature(name, NODE, policy(fn, fn)), fn);
    }
  };
  const keyPair = (site: CallSite) => {
    const options = site.argument('options');
    for (const type of strings(site.argument('type'))) {
      const lower = type?.toLowerCase();
      const keygenPolicy = policy('keygen', 'keygen');
      if (lower === 'rsa' || lower === 'rsa-pss') add(site, classifyRsa(numberOf(options, 'modulusLength'), 'keygen', NODE, keygenPolicy, lower === 'rsa-pss' ? { oid: '1.2.840.113549.1.1.10', primitive: 'signature' } : {}), 'keygen');
      else if (lower === 'ec') add(site, classifyCurve(stringOf(options, 'namedCurve'), 'signature', NODE, keygenPolicy), 'keygen');
      else if (lower === 'dsa') add(site, classifyDsa(numberOf(options, 'modulusLength'), NODE), 'keygen');
      else if (lower === 'dh') add(site, classifyDh(numberOf(options, 'primeLength'), stringOf(options, 'group'), NODE, keygenPolicy), 'keygen');
      else add(site, (lower && (classifyKeyType(lower, NODE, keygenPolicy) ?? classifyPostQuantum(lower, NODE, keygenPolicy))) || unknownAsset(type ?? 'unknown key type', 'unknown', NODE), 'keygen');
    }
  };
  const secretKey = (site: CallSite) => {
    const bits = numberOf(site.argument('options'), 'length');
    for (const type of strings(site.argument('type'))) {
      if (type === 'aes') add(site, classifyNamedCipher('aes', undefined, bits, NODE, policy('keygen', 'keygen')), 'keygen');
      else if (type === 'hmac') add(site, { ...classifyHmac(undefined, NODE, policy('keygen', 'mac')), name: 'HMAC key', parameterSetIdentifier: bits ? String(bits) : undefined }, 'keygen');
      else add(site, unknownAsset(type ?? 'unknown key type', 'unknown', NODE), 'keygen');
    }
  };
  const rsaEncryption = (fn: 'encrypt' | 'decrypt' | 'sign' | 'verify') => (site: CallSite) => {
    const key = site.argument('key');
    const padding = paddingOf(context, key, fn === 'encrypt' || fn === 'decrypt' ? 'oaep' : 'pkcs1v15');
    const signing = fn === 'sign' || fn === 'verify';
    add(site, classifyRsa(undefined, signing ? 'signature' : 'pke', NODE, policy(fn, fn), { name: padding === 'oaep' ? 'RSA-OAEP' : padding === 'pkcs1v15' ? 'RSAES-PKCS1-v1_5' : 'RSA', padding, oid: padding === 'oaep' ? '1.2.840.113549.1.1.7' : '1.2.840.113549.1.1.1', status: padding === 'pkcs1v15' && !signing ? (fn === 'decrypt' ? 'LEGACY' : 'NO') : padding === 'oaep' ? 'OK' : 'unknown' }), fn);
  };
  const pbkdf2 = (site: CallSite) => {
    for (const digest of strings(site.argument('digest'))) add(site, classifyKdf('PBKDF2', digest, NODE, policy('keyderive', 'kdf')), 'keyderive');
  };
  const hkdf = (site: CallSite) => {
    for (const digest of strings(site.argument('digest'))) add(site, classifyKdf('HKDF', digest, NODE, policy('keyderive', 'kdf')), 'keyderive');
  };
  const random = (approved: boolean) => (site: CallSite) => add(site, classifyRandom(approved, approved ? 'DRBG (OpenSSL RAND)' : 'pseudoRandomBytes', NODE), 'generate');

  const webCrypto = (fn: CryptoFunction, role: string) => (site: CallSite) => {
    const found = webCryptoAlgorithms(context, site.argument(role));
    if (found.length === 0) add(site, unknownAsset('unknown WebCrypto algorithm', 'unknown', WEB), fn);
    for (const { name, object } of found) add(site, classifyWebCrypto(context, name.value, object, fn, policy(fn, webUse(fn))), fn);
  };

  const tls = (site: CallSite) => {
    const options = site.optionsArgument();
    let min = stringOf(options, 'minVersion');
    let max = stringOf(options, 'maxVersion');
    const method = stringOf(options, 'secureProtocol');
    if (method) {
      const m = /^(SSLv2|SSLv3|SSLv23|TLSv1|TLSv1_1|TLSv1_2|TLS)_/.exec(method);
      const pinned = m && { SSLv2: 'SSLv2', SSLv3: 'SSLv3', TLSv1: 'TLSv1', TLSv1_1: 'TLSv1.1', TLSv1_2: 'TLSv1.2' }[m[1]];
      if (pinned) min = max = pinned;
      else if (!secureProtocolVerdict(method)) min = method;
    }
    add(site, classifyTls(min, max, `node:${site.api.split('.')[0]}`), 'other');
  };

  const calls: NonNullable<RuleListeners['calls']> = {
    'crypto.createHash': hash,
    'crypto.hash': hash,
    'crypto.createHmac': hmac,
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
    'crypto.publicEncrypt': rsaEncryption('encrypt'),
    'crypto.privateDecrypt': rsaEncryption('decrypt'),
    'crypto.privateEncrypt': rsaEncryption('sign'),
    'crypto.publicDecrypt': rsaEncryption('verify'),
    'crypto.createECDH': (site) => {
      for (const curve of strings(site.argument('curve'))) add(site, classifyCurve(curve, 'key-agree', NODE, policy('keygen', 'key-agreement')), 'keygen');
    },
    'crypto.createDiffieHellman': (site) => {
      const bits = context.numbers(site.argument('prime'))[0]?.value;
      add(site, classifyDh(bits, undefined, NODE, policy('keygen', 'key-agreement')), 'keygen');
    },
    'crypto.getDiffieHellman': dhGroup,
    'crypto.createDiffieHellmanGroup': dhGroup,
    'crypto.pbkdf2': pbkdf2,
    'crypto.pbkdf2Sync': pbkdf2,
    'crypto.scrypt': (site) => add(site, classifyKdf('scrypt', undefined, NODE, policy('keyderive', 'kdf')), 'keyderive'),
    'crypto.scryptSync': (site) => add(site, classifyKdf('scrypt', undefined, NODE, policy('keyderive', 'kdf')), 'keyderive'),
    'crypto.hkdf': hkdf,
    'crypto.hkdfSync': hkdf,
    'crypto.randomBytes': random(true),
    'crypto.randomFill': random(true),
    'crypto.randomFillSync': random(true),
    'crypto.randomInt': random(true),
    'crypto.randomUUID': random(true),
    'crypto.getRandomValues': (site) => add(site, classifyRandom(true, 'DRBG (getRandomValues)', WEB), 'generate'),
    'crypto.pseudoRandomBytes': random(false),
    'crypto.prng': random(false),
    'crypto.rng': random(false),
    'crypto.subtle.digest': webCrypto('digest', 'algorithm'),
    'crypto.subtle.generateKey': webCrypto('keygen', 'algorithm'),
    'crypto.subtle.importKey': webCrypto('other', 'algorithm'),
    'crypto.subtle.deriveKey': webCrypto('keyderive', 'algorithm'),
    'crypto.subtle.deriveBits': webCrypto('keyderive', 'algorithm'),
    'crypto.subtle.encrypt': webCrypto('encrypt', 'algorithm'),
    'crypto.subtle.decrypt': webCrypto('decrypt', 'algorithm'),
    'crypto.subtle.sign': webCrypto('sign', 'algorithm'),
    'crypto.subtle.verify': webCrypto('verify', 'algorithm'),
    'crypto.subtle.wrapKey': webCrypto('encrypt', 'algorithm'),
    'crypto.subtle.unwrapKey': webCrypto('decrypt', 'algorithm'),
    ...Object.fromEntries(TLS_OPTION_APIS.map((api) => [api, tls])),
    ...cryptoJsListeners(context, add),
    ...jwtListeners(context, add, strings, stringOf),
    ...passwordHashListeners(context, add),
    ...libraryPrimitiveListeners(context, add),
  };
  return { calls };

  function dhGroup(site: CallSite) {
    for (const group of strings(site.argument('group'))) add(site, classifyDh(undefined, group, NODE, policy('keygen', 'key-agreement')), 'keygen');
  }
}

/** The APIs the inventory listens to (the engine pre-filters calls by their last name). */
export const INVENTORY_EXTRA_APIS = ['crypto.randomBytes', 'crypto.randomFill', 'crypto.randomFillSync', 'crypto.randomInt', 'crypto.randomUUID', 'crypto.getRandomValues'];

function webUse(fn: CryptoFunction): Parameters<RuleContext['policy']>[1] {
  switch (fn) {
    case 'digest':
      return 'hash';
    case 'sign':
    case 'verify':
    case 'encrypt':
    case 'decrypt':
    case 'keygen':
      return fn;
    case 'keyderive':
      return 'kdf';
    default:
      return undefined;
  }
}

function unknownAsset(name: string, primitive: Classified['primitive'], library: string): Classified {
  return { name, assetType: 'algorithm', primitive, library, status: 'unknown' };
}

/** `fallback`: Node's default when the key carries no `padding` (OAEP for publicEncrypt/privateDecrypt, PKCS #1 v1.5 for the others). */
function paddingOf(context: RuleContext, key: ts.Expression | undefined, fallback: PaddingName): PaddingName {
  for (const hit of context.properties(key, 'padding')) {
    for (const value of context.valuesOf(hit)) {
      const text = value.origin.node.getText(value.origin.sourceFile);
      if (/OAEP/.test(text) || (value.kind === 'number' && value.value === 4)) return 'oaep';
      if (/PKCS1_PADDING/.test(text) || (value.kind === 'number' && value.value === 1)) return 'pkcs1v15';
      if (/NO_PADDING/.test(text) || (value.kind === 'number' && value.value === 3)) return 'raw';
      if (/PSS/.test(text) || (value.kind === 'number' && value.value === 6)) return 'other';
    }
  }
  return context.properties(key, 'padding').length === 0 ? fallback : 'unknown';
}

function classifyWebCrypto(context: RuleContext, rawName: string, object: ObjectValue | undefined, fn: CryptoFunction, policy: ReturnType<RuleContext['policy']>): Classified {
  const name = rawName.toUpperCase();
  const number = (property: string) => {
    if (!object) return undefined;
    for (const { value } of objectProperty(context, object, property)) if (value.kind === 'number') return value.value;
    return undefined;
  };
  const text = (property: string) => {
    if (!object) return undefined;
    for (const { value } of objectProperty(context, object, property)) if (value.kind === 'string') return value.value;
    return undefined;
  };
  const hash = () => (object ? webCryptoHashValues(context, object)[0]?.value : undefined);
  if (/^SHA-|^SHA3-/.test(name)) return classifyDigest(rawName, WEB, policy);
  const aes = /^AES-(GCM|CBC|CTR|KW)$/.exec(name);
  if (aes) {
    const mode = aes[1] === 'KW' ? 'wrap' : aes[1].toLowerCase();
    return classifyNamedCipher('aes', mode, number('length'), WEB, policy);
  }
  if (name === 'HMAC') return classifyHmac(hash(), WEB, policy);
  if (name === 'RSA-OAEP') return classifyRsa(number('modulusLength'), 'pke', WEB, policy, { name: `RSA-OAEP${number('modulusLength') ? `-${number('modulusLength')}` : ''}`, padding: 'oaep', oid: '1.2.840.113549.1.1.7' });
  if (name === 'RSA-PSS' || name === 'RSASSA-PKCS1-V1_5') {
    const digest = hash();
    const base = classifyRsa(number('modulusLength'), 'signature', WEB, policy, { name: `${rawName}${number('modulusLength') ? `-${number('modulusLength')}` : ''}`, padding: name === 'RSA-PSS' ? 'other' : 'pkcs1v15' });
    if (fn === 'sign' || fn === 'verify' || !digest) return base;
    const digestStatus = classifyDigest(digest, WEB, { ...policy, use: 'sign' }).status;
    return { ...base, name: `${base.name} with ${classifyDigest(digest, WEB, policy).name}`, status: digestStatus === 'OK' || digestStatus === 'unknown' ? base.status : worstStatus([base.status, digestStatus].filter((s) => s !== 'unknown')) };
  }
  if (name === 'ECDSA' || name === 'ECDH') {
    const curve = text('namedCurve');
    if (curve === undefined && (fn === 'sign' || fn === 'verify' || fn === 'keyderive')) return { ...classifyCurve(undefined, name === 'ECDSA' ? 'signature' : 'key-agree', WEB, policy), name: name === 'ECDSA' && hash() ? `ECDSA with ${classifyDigest(hash(), WEB, policy).name}` : name };
    return classifyCurve(curve, name === 'ECDSA' ? 'signature' : 'key-agree', WEB, policy);
  }
  if (name === 'PBKDF2' || name === 'HKDF') return classifyKdf(name, hash(), WEB, policy);
  return classifyKeyType(rawName, WEB, policy) ?? classifyPostQuantum(rawName, WEB, policy) ?? unknownAsset(rawName, 'unknown', WEB);
}

type Add = (site: CallSite, asset: Classified, cryptoFunction: CryptoFunction) => void;

const CRYPTO_JS_DIGESTS: Record<string, string> = { MD5: 'md5', SHA1: 'sha1', SHA224: 'sha224', SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512', SHA3: 'sha3-512', RIPEMD160: 'ripemd160' };
const CRYPTO_JS_CIPHERS: Record<string, 'aes' | 'des' | 'tdea3' | 'rc4' | 'rabbit' | 'blowfish'> = { AES: 'aes', DES: 'des', TripleDES: 'tdea3', RC4: 'rc4', RC4Drop: 'rc4', Rabbit: 'rabbit', RabbitLegacy: 'rabbit', Blowfish: 'blowfish' };

function cryptoJsListeners(context: RuleContext, add: Add): NonNullable<RuleListeners['calls']> {
  const library = 'crypto-js';
  const inLibrary = (asset: Classified): Classified => ({ ...asset, status: asset.status === 'OK' ? 'NV' : asset.status });
  const out: NonNullable<RuleListeners['calls']> = {};
  for (const [name, digest] of Object.entries(CRYPTO_JS_DIGESTS)) {
    // CryptoJS.SHA3 is Keccak with a 512-bit default, not FIPS 202 SHA3-512.
    const asset = (fn: CryptoFunction) => (name === 'SHA3' ? { name: 'Keccak (crypto-js SHA3)', assetType: 'algorithm', primitive: 'hash', library, status: 'NO' } as Classified : undefined) ?? inLibrary(fn === 'tag' ? classifyHmac(digest, library, context.policy('apply', 'mac')) : classifyDigest(digest, library, context.policy(undefined, 'hash')));
    out[`crypto-js.${name}`] = out[`crypto-js.algo.${name}.create`] = (site) => add(site, asset('digest'), 'digest');
    out[`crypto-js.Hmac${name}`] = (site) => add(site, asset('tag'), 'tag');
  }
  for (const [name, family] of Object.entries(CRYPTO_JS_CIPHERS)) {
    for (const fn of ['encrypt', 'decrypt'] as const) {
      const listener = (site: CallSite) => {
        const mode = modeOfCryptoJs(context, site.argument('options'));
        add(site, inLibrary(classifyNamedCipher(family, family === 'rc4' || family === 'rabbit' ? undefined : mode ?? 'cbc', undefined, library, context.policy(fn === 'encrypt' ? 'apply' : 'process', fn))), fn);
      };
      out[`crypto-js.${name}.${fn}`] = listener;
      out[`crypto-js.algo.${name}.${fn === 'encrypt' ? 'createEncryptor' : 'createDecryptor'}`] = listener;
    }
  }
  out['crypto-js.PBKDF2'] = out['crypto-js.algo.PBKDF2.create'] = (site) => {
    // crypto-js 4 defaults PBKDF2 to SHA-256 (3.x used SHA-1): the hasher option says which.
    const hasher = context.properties(site.argument('options') ?? site.argument('password'), 'hasher')[0];
    const digest = hasher ? /SHA(\d+)/i.exec(hasher.value?.getText(hasher.sourceFile) ?? '')?.[0] : 'sha256';
    add(site, inLibrary(classifyKdf('PBKDF2', digest, library, context.policy(undefined, 'kdf'))), 'keyderive');
  };
  out['crypto-js.EvpKDF'] = out['crypto-js.algo.EvpKDF.create'] = (site) => add(site, classifyKdf('EvpKDF', undefined, library, context.policy(undefined, 'kdf')), 'keyderive');
  out['crypto-js.lib.WordArray.random'] = (site) => add(site, inLibrary(classifyRandom(true, 'WordArray.random', library)), 'generate');
  return out;
}

function modeOfCryptoJs(context: RuleContext, options: ts.Expression | undefined): string | undefined {
  for (const hit of context.properties(options, 'mode')) {
    const text = hit.value?.getText(hit.sourceFile) ?? '';
    const m = /mode\.(CBC|ECB|CFB|OFB|CTR|CTRGladman)\b/i.exec(text);
    if (m) return m[1].toLowerCase() === 'ctrgladman' ? 'ctr' : m[1].toLowerCase();
    return 'unknown';
  }
  return undefined;
}

function jwtListeners(
  context: RuleContext,
  add: Add,
  strings: (e: ts.Expression | undefined) => Array<string | undefined>,
  stringOf: (object: ts.Expression | undefined, name: string) => string | undefined,
): NonNullable<RuleListeners['calls']> {
  const record = (site: CallSite, algorithm: string | undefined, fn: CryptoFunction) =>
    add(site, classifyJose(algorithm, libraryOf(site.api), context.policy(OPERATION[fn], fn === 'sign' ? 'sign' : 'verify')), fn);
  const out: NonNullable<RuleListeners['calls']> = {
    // jsonwebtoken signs with HS256 unless told otherwise (its README).
    'jsonwebtoken.sign': (site) => record(site, stringOf(site.argument('options'), 'algorithm') ?? (site.argument('options') ? undefined : 'HS256'), 'sign'),
    'jsonwebtoken.verify': (site) => {
      const algorithms = context.properties(site.argument('options'), 'algorithms').flatMap((hit) => context.valuesOf(hit));
      const names = algorithms.flatMap((v) => (v.kind === 'array' ? v.elements.flatMap((e) => context.strings(e).map((s) => s.value)) : []));
      if (names.length === 0) record(site, undefined, 'verify');
      for (const name of new Set(names)) record(site, name, 'verify');
    },
    'jwt-simple.encode': (site) => {
      for (const name of site.argument('algorithm') ? strings(site.argument('algorithm')) : ['HS256']) record(site, name, 'sign');
    },
  };
  for (const builder of ['SignJWT', 'CompactSign', 'FlattenedSign', 'GeneralSign', 'EncryptJWT', 'CompactEncrypt', 'FlattenedEncrypt']) {
    out[`jose.${builder}.instance.setProtectedHeader`] = (site) => {
      const fn: CryptoFunction = builder.includes('Encrypt') ? 'encrypt' : 'sign';
      record(site, stringOf(site.argument('header'), 'alg'), fn);
      const enc = stringOf(site.argument('header'), 'enc');
      if (enc) record(site, enc, fn);
    };
  }
  for (const api of ['jose.generateKeyPair', 'jose.generateSecret']) out[api] = (site) => {
    for (const name of strings(site.argument('algorithm'))) record(site, name, 'keygen');
  };
  return out;
}

function passwordHashListeners(context: RuleContext, add: Add): NonNullable<RuleListeners['calls']> {
  const out: NonNullable<RuleListeners['calls']> = {};
  const policy = context.policy(undefined, 'kdf');
  for (const lib of ['bcrypt', 'bcryptjs', '@node-rs/bcrypt']) {
    for (const api of ['hash', 'hashSync']) out[`${lib}.${api}`] = (site) => add(site, classifyKdf('bcrypt', undefined, lib, policy), 'keyderive');
    for (const api of ['compare', 'compareSync', 'verify', 'verifySync']) out[`${lib}.${api}`] = (site) => add(site, classifyKdf('bcrypt', undefined, lib, policy), 'verify');
  }
  for (const api of ['argon2.hash', '@node-rs/argon2.hash', '@node-rs/argon2.hashSync', '@node-rs/argon2.hashRaw', '@node-rs/argon2.hashRawSync']) out[api] = (site) => add(site, classifyKdf('argon2', undefined, libraryOf(api), policy), 'keyderive');
  for (const api of ['argon2.verify', '@node-rs/argon2.verify', '@node-rs/argon2.verifySync']) out[api] = (site) => add(site, classifyKdf('argon2', undefined, libraryOf(api), policy), 'verify');
  for (const api of ['scrypt-js.scrypt', 'scrypt-js.syncScrypt']) out[api] = (site) => add(site, classifyKdf('scrypt', undefined, 'scrypt-js', policy), 'keyderive');
  return out;
}

/** Named primitives of pure-JS libraries (reference §2.11): the name says the algorithm. */
const LIBRARY_ALGORITHMS: Array<[RegExp, (m: RegExpExecArray) => Omit<Classified, 'library' | 'status'> & { approvedDigest?: string; approvedCurve?: string }]> = [
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

function libraryPrimitiveListeners(context: RuleContext, add: Add): NonNullable<RuleListeners['calls']> {
  const out: NonNullable<RuleListeners['calls']> = {};
  for (const api of LIBRARY_PRIMITIVE_APIS) {
    const entry = LIBRARY_ALGORITHMS.map(([pattern, make]) => [pattern.exec(api), make] as const).find(([m]) => m);
    if (!entry) continue;
    const { approvedDigest, approvedCurve, ...asset } = entry[1](entry[0]!);
    const library = libraryOf(api);
    const fn: CryptoFunction = /verify|open/i.test(api) ? 'verify' : /sign/.test(api) ? 'sign' : /keypair|keygen|generate/i.test(api) ? 'keygen' : asset.primitive === 'hash' ? 'digest' : asset.primitive === 'mac' ? 'tag' : asset.primitive === 'kdf' ? 'keyderive' : asset.primitive === 'drbg' ? 'generate' : 'other';
    out[api] = (site) => {
      // Approved algorithms in a pure-JS library are NV (reference §0.3.1, §2.11); the rest are not approved.
      let status: Classified['status'] = 'NO';
      let name = asset.name;
      if (approvedDigest) {
        const digest = classifyDigest(approvedDigest, library, context.policy(undefined, asset.primitive === 'mac' ? 'mac' : 'hash'));
        status = digest.status;
        if (asset.primitive === 'hash' && digest.status !== 'unknown') name = digest.name;
      } else if (approvedDigest === '') status = 'OK';
      else if (approvedCurve) status = classifyKeyType(approvedCurve, library, context.policy(OPERATION[fn], fn === 'verify' ? 'verify' : 'sign'))?.status ?? 'unknown';
      else if (asset.primitive === 'unknown') status = 'unknown';
      else if (asset.primitive === 'drbg') status = 'OK';
      add(site, { ...asset, name, library, status: status === 'OK' ? 'NV' : status }, fn);
    };
  }
  return out;
}
