import { CIPHER_FAMILIES, ECB_STATUS, parseCipherName, type ParsedCipher } from '../policy/ciphers';
import { KEY_TYPES, lookupCurve } from '../policy/curves';
import { lookupDigest } from '../policy/digests';
import { lookupJoseAlgorithm } from '../policy/jose';
import { DH_GROUPS, rsaModulusStatus } from '../policy/keys';
import { evaluateStatus, statusFor, type PolicyContext, type Status } from '../policy/status';
import { tlsVersionRank, TLS_MIN_APPROVED } from '../policy/tls';

/**
 * What one crypto asset is, in CycloneDX 1.6 vocabulary (`cryptoProperties.algorithmProperties`):
 * the inventory and the CBOM share these words so nothing is translated twice.
 */
export type Primitive = 'hash' | 'mac' | 'block-cipher' | 'stream-cipher' | 'ae' | 'signature' | 'pke' | 'key-agree' | 'kem' | 'kdf' | 'drbg' | 'xof' | 'other' | 'unknown';
export type CryptoFunction = 'generate' | 'keygen' | 'encrypt' | 'decrypt' | 'digest' | 'tag' | 'keyderive' | 'sign' | 'verify' | 'encapsulate' | 'decapsulate' | 'other' | 'unknown';
export type CipherModeName = 'cbc' | 'ecb' | 'ccm' | 'gcm' | 'cfb' | 'ofb' | 'ctr' | 'other' | 'unknown';
export type PaddingName = 'pkcs5' | 'pkcs7' | 'pkcs1v15' | 'oaep' | 'raw' | 'other' | 'unknown';

/** The status of an asset under the active profile; `unknown` when the value or the algorithm is not known to the policy. */
export type AssetStatus = Status | 'unknown';

export interface AssetDescription {
  /** How the reference names it (`SHA-256`, `AES-256-GCM`, `RSA-3072`); `unknown <kind>` when the code's value is not known. */
  name: string;
  assetType: 'algorithm' | 'protocol';
  primitive: Primitive;
  mode?: CipherModeName;
  padding?: PaddingName;
  /** Key or output size in bits where the algorithm is parameterised by it (`256` for AES-256, `3072` for RSA-3072). */
  parameterSetIdentifier?: string;
  curve?: string;
  oid?: string;
  /**
   * NIST PQC security category where it is defined without judgement: 1/3/5 for AES-128/192/256
   * (the categories are defined by AES key search), FIPS 203/204 for ML-KEM/ML-DSA, 0 for classical
   * public-key schemes (Shor). Hashes are left out: their category depends on whether collisions
   * or preimages matter, which the call does not say.
   */
  nistQuantumSecurityLevel?: number;
  /** TLS: the protocol versions the code allows (`TLSv1.2`, `TLSv1.2-TLSv1.3`), or `process default`. */
  protocolVersion?: string;
  /** Which code computes it: `node:crypto`, `WebCrypto`, `node:tls`, or the npm package. */
  library: string;
}

export interface Classified extends AssetDescription {
  status: AssetStatus;
}

const UNKNOWN_STATUS: AssetStatus = 'unknown';

/** Worst first: what an asset with several statuses is listed as. */
export const STATUS_ORDER: readonly AssetStatus[] = ['NO', 'DEPR', 'TRANS', 'NV', 'LEGACY', 'unknown', 'OK'];

export function worstStatus(statuses: Iterable<AssetStatus>): AssetStatus {
  let worst: AssetStatus | undefined;
  for (const status of statuses) if (worst === undefined || STATUS_ORDER.indexOf(status) < STATUS_ORDER.indexOf(worst)) worst = status;
  return worst ?? UNKNOWN_STATUS;
}

// OIDs: NIST CSOR (2.16.840.1.101.3.4), PKCS #1/#5 (1.2.840.113549), X9.62 (1.2.840.10045), RFC 8410 (1.3.101).
const DIGEST_OIDS: Record<string, string> = {
  MD5: '1.2.840.113549.2.5', MD4: '1.2.840.113549.2.4', 'RIPEMD-160': '1.3.36.3.2.1', 'SHA-1': '1.3.14.3.2.26',
  'SHA-224': '2.16.840.1.101.3.4.2.4', 'SHA-256': '2.16.840.1.101.3.4.2.1', 'SHA-384': '2.16.840.1.101.3.4.2.2', 'SHA-512': '2.16.840.1.101.3.4.2.3',
  'SHA-512/224': '2.16.840.1.101.3.4.2.5', 'SHA-512/256': '2.16.840.1.101.3.4.2.6', 'SHA3-224': '2.16.840.1.101.3.4.2.7', 'SHA3-256': '2.16.840.1.101.3.4.2.8',
  'SHA3-384': '2.16.840.1.101.3.4.2.9', 'SHA3-512': '2.16.840.1.101.3.4.2.10', SHAKE128: '2.16.840.1.101.3.4.2.11', SHAKE256: '2.16.840.1.101.3.4.2.12',
};
const HMAC_OIDS: Record<string, string> = {
  'SHA-1': '1.2.840.113549.2.7', 'SHA-224': '1.2.840.113549.2.8', 'SHA-256': '1.2.840.113549.2.9', 'SHA-384': '1.2.840.113549.2.10', 'SHA-512': '1.2.840.113549.2.11',
};
const AES_MODE_OID_ARC: Partial<Record<string, number>> = { ecb: 1, cbc: 2, ofb: 3, cfb: 4, wrap: 5, gcm: 6, ccm: 7, 'wrap-pad': 8 };
const AES_BITS_ARC: Record<number, number> = { 128: 0, 192: 20, 256: 40 };
const CURVE_OIDS: Record<string, string> = { 'P-256': '1.2.840.10045.3.1.7', 'P-384': '1.3.132.0.34', 'P-521': '1.3.132.0.35', 'P-224': '1.3.132.0.33', secp256k1: '1.3.132.0.10' };
const KEY_TYPE_OIDS: Record<string, string> = { Ed25519: '1.3.101.112', Ed448: '1.3.101.113', X25519: '1.3.101.110', X448: '1.3.101.111' };
const OID = {
  rsa: '1.2.840.113549.1.1.1', rsaOaep: '1.2.840.113549.1.1.7', rsaPss: '1.2.840.113549.1.1.10', ecPublicKey: '1.2.840.10045.2.1', dsa: '1.2.840.10040.4.1',
  dh: '1.2.840.10046.2.1', pbkdf2: '1.2.840.113549.1.5.12', scrypt: '1.3.6.1.4.1.11591.4.11', desCbc: '1.3.14.3.2.7', desEde3Cbc: '1.2.840.113549.3.7',
};
const RSA_SIGNATURE_OIDS: Record<string, string> = {
  MD5: '1.2.840.113549.1.1.4', 'SHA-1': '1.2.840.113549.1.1.5', 'SHA-256': '1.2.840.113549.1.1.11', 'SHA-384': '1.2.840.113549.1.1.12', 'SHA-512': '1.2.840.113549.1.1.13', 'SHA-224': '1.2.840.113549.1.1.14',
};
const ECDSA_SIGNATURE_OIDS: Record<string, string> = { 'SHA-1': '1.2.840.10045.4.1', 'SHA-256': '1.2.840.10045.4.3.2', 'SHA-384': '1.2.840.10045.4.3.3', 'SHA-512': '1.2.840.10045.4.3.4' };
const ML_DSA: Record<string, { oid: string; level: number }> = {
  'ML-DSA-44': { oid: '2.16.840.1.101.3.4.3.17', level: 2 }, 'ML-DSA-65': { oid: '2.16.840.1.101.3.4.3.18', level: 3 }, 'ML-DSA-87': { oid: '2.16.840.1.101.3.4.3.19', level: 5 },
};
const ML_KEM: Record<string, { oid: string; level: number }> = {
  'ML-KEM-512': { oid: '2.16.840.1.101.3.4.4.1', level: 1 }, 'ML-KEM-768': { oid: '2.16.840.1.101.3.4.4.2', level: 3 }, 'ML-KEM-1024': { oid: '2.16.840.1.101.3.4.4.3', level: 5 },
};
/** Shor's algorithm breaks every classical public-key scheme: category 0. */
const CLASSICAL_PUBLIC_KEY = 0;

/** A hash by any spelling the APIs take (`sha256`, `SHA-256`, `RSA-SHA256`, `sha3-512`). */
export function classifyDigest(raw: string | undefined, library: string, context: PolicyContext): Classified {
  const policy = raw === undefined ? undefined : lookupDigest(raw);
  if (!policy) return { name: raw === undefined ? 'unknown hash' : raw, assetType: 'algorithm', primitive: 'hash', library, status: UNKNOWN_STATUS };
  return {
    name: policy.display,
    assetType: 'algorithm',
    primitive: policy.display.startsWith('SHAKE') ? 'xof' : 'hash',
    parameterSetIdentifier: policy.outputBytes ? String(policy.outputBytes * 8) : undefined,
    oid: DIGEST_OIDS[policy.display],
    library,
    status: statusFor(policy.status, { ...context, use: context.use ?? 'hash' }),
  };
}

export function classifyHmac(rawDigest: string | undefined, library: string, context: PolicyContext): Classified {
  const digest = classifyDigest(rawDigest, library, { ...context, use: 'mac' });
  const known = digest.status !== UNKNOWN_STATUS;
  return {
    name: known ? `HMAC-${digest.name}` : rawDigest === undefined ? 'HMAC (unknown hash)' : `HMAC-${rawDigest}`,
    assetType: 'algorithm',
    primitive: 'mac',
    parameterSetIdentifier: digest.parameterSetIdentifier,
    oid: HMAC_OIDS[digest.name],
    library,
    status: digest.status,
  };
}

const SHORT_FAMILY: Record<string, string> = { tdea3: 'DES-EDE3', tdea2: 'DES-EDE', des: 'DES', 'tdea-wrap': 'DES-EDE3-WRAP', chacha20: 'ChaCha20', cast: 'CAST5' };

/** An OpenSSL cipher name (`aes-256-gcm`, `des-ede3-cbc`, `chacha20-poly1305`). */
export function classifyCipher(raw: string | undefined, library: string, context: PolicyContext): Classified {
  const parsed = raw === undefined ? undefined : parseCipherName(raw);
  if (!parsed) return { name: raw === undefined ? 'unknown cipher' : raw, assetType: 'algorithm', primitive: 'block-cipher', mode: 'unknown', library, status: UNKNOWN_STATUS };
  return { ...describeCipher(parsed, library), status: cipherStatus(parsed, context) };
}

function describeCipher(parsed: ParsedCipher, library: string): AssetDescription {
  const family = CIPHER_FAMILIES[parsed.family];
  const short = SHORT_FAMILY[parsed.family] ?? family.display;
  const stream = parsed.mode === 'stream' || parsed.mode === 'poly1305';
  const aead = ['gcm', 'ccm', 'ocb', 'poly1305', 'cbc-hmac'].includes(parsed.mode);
  const modeWord = parsed.mode === 'stream' ? '' : parsed.mode === 'poly1305' ? '-Poly1305' : `-${parsed.mode.toUpperCase()}`;
  const name = `${short}${parsed.bits ? `-${parsed.bits}` : ''}${modeWord}`;
  const aesArc = parsed.family === 'aes' && parsed.bits ? AES_MODE_OID_ARC[parsed.mode] : undefined;
  return {
    name,
    assetType: 'algorithm',
    primitive: aead ? 'ae' : stream || parsed.family === 'rc4' ? 'stream-cipher' : 'block-cipher',
    mode: stream ? undefined : (['cbc', 'ecb', 'ccm', 'gcm', 'cfb', 'ofb', 'ctr'].includes(parsed.mode) ? parsed.mode : /^cfb/.test(parsed.mode) ? 'cfb' : 'other') as CipherModeName,
    parameterSetIdentifier: parsed.bits ? String(parsed.bits) : undefined,
    oid:
      aesArc !== undefined
        ? `2.16.840.1.101.3.4.1.${AES_BITS_ARC[parsed.bits!] + aesArc}`
        : parsed.family === 'des' && parsed.mode === 'cbc'
          ? OID.desCbc
          : parsed.family === 'tdea3' && parsed.mode === 'cbc'
            ? OID.desEde3Cbc
            : undefined,
    nistQuantumSecurityLevel: parsed.family === 'aes' && parsed.bits ? { 128: 1, 192: 3, 256: 5 }[parsed.bits] : undefined,
    library,
  };
}

function cipherStatus(parsed: ParsedCipher, context: PolicyContext): Status {
  const statuses: Status[] = [statusFor(CIPHER_FAMILIES[parsed.family].status, context)];
  if (parsed.mode === 'ecb') statuses.push(evaluateStatus(ECB_STATUS, context));
  // CNSA 2.0 takes AES-256 only (reference §1.12).
  if (context.profile === 'cnsa-2.0' && parsed.family === 'aes' && parsed.bits && parsed.bits < 256) statuses.push('NO');
  return worstStatus(statuses) as Status;
}

/** WebCrypto and library cipher names (`AES-GCM` with a `length`, `AES-CBC`, crypto-js `TripleDES`). */
export function classifyNamedCipher(family: 'aes' | 'tdea3' | 'des' | 'rc4' | 'rabbit' | 'blowfish' | 'chacha20', mode: string | undefined, bits: number | undefined, library: string, context: PolicyContext): Classified {
  if (family === 'rabbit') return { name: 'Rabbit', assetType: 'algorithm', primitive: 'stream-cipher', library, status: 'NO' };
  const opensslName =
    family === 'aes' ? `aes-${bits ?? 256}-${mode ?? 'cbc'}` : family === 'tdea3' ? `des-ede3-${mode ?? 'cbc'}` : family === 'des' ? `des-${mode ?? 'cbc'}` : family === 'blowfish' ? `bf-${mode ?? 'cbc'}` : family === 'chacha20' ? 'chacha20-poly1305' : 'rc4';
  const classified = classifyCipher(opensslName, library, context);
  if (family === 'aes' && bits === undefined) {
    // The size is not in the code we can see: say so instead of assuming 256.
    return { ...classified, name: `AES-${(mode ?? 'cbc').toUpperCase()}`, parameterSetIdentifier: undefined, oid: undefined, nistQuantumSecurityLevel: undefined };
  }
  if (mode === undefined && family !== 'rc4' && family !== 'chacha20') return { ...classified, name: classified.name.replace(/-CBC$/, ''), mode: 'unknown', oid: undefined };
  return classified;
}

export function classifyRsa(bits: number | undefined, purpose: 'keygen' | 'signature' | 'pke', library: string, context: PolicyContext, extra: Partial<Classified> = {}): Classified {
  return {
    name: bits ? `RSA-${bits}` : 'RSA',
    assetType: 'algorithm',
    primitive: purpose === 'signature' ? 'signature' : 'pke',
    parameterSetIdentifier: bits ? String(bits) : undefined,
    oid: OID.rsa,
    nistQuantumSecurityLevel: CLASSICAL_PUBLIC_KEY,
    library,
    status: bits ? statusFor(rsaModulusStatus(bits), context) : UNKNOWN_STATUS,
    ...extra,
  };
}

/** An elliptic curve by any of its names (`prime256v1`, `P-256`, `secp384r1`). */
export function classifyCurve(raw: string | undefined, primitive: 'signature' | 'key-agree', library: string, context: PolicyContext): Classified {
  const scheme = primitive === 'signature' ? 'ECDSA' : 'ECDH';
  const curve = raw === undefined ? undefined : lookupCurve(raw);
  const curveName = curve?.display === 'Brainpool' || curve?.display === 'non-NIST curve' ? raw : curve?.display ?? raw;
  return {
    name: curveName ? `${scheme}-${curveName}` : scheme,
    assetType: 'algorithm',
    primitive,
    curve: curveName,
    oid: (curveName && CURVE_OIDS[curveName]) ?? OID.ecPublicKey,
    nistQuantumSecurityLevel: CLASSICAL_PUBLIC_KEY,
    library,
    status: curve ? statusFor(curve.status, context) : UNKNOWN_STATUS,
  };
}

/** Ed25519, Ed448, X25519, X448: key types that are curves in themselves. */
export function classifyKeyType(raw: string, library: string, context: PolicyContext): Classified | undefined {
  const key = raw.toLowerCase();
  const policy = KEY_TYPES[key];
  if (!policy) return undefined;
  return {
    name: policy.display,
    assetType: 'algorithm',
    primitive: key.startsWith('x') ? 'key-agree' : 'signature',
    curve: key.includes('25519') ? 'Curve25519' : 'Curve448',
    oid: KEY_TYPE_OIDS[policy.display],
    nistQuantumSecurityLevel: CLASSICAL_PUBLIC_KEY,
    library,
    status: statusFor(policy.status, context),
  };
}

export function classifyDh(bits: number | undefined, group: string | undefined, library: string, context: PolicyContext): Classified {
  const named = group ? DH_GROUPS[group.toLowerCase()] : undefined;
  const size = named?.bits ?? bits;
  return {
    name: group ? `DH-${group}` : size ? `DH-${size}` : 'DH',
    assetType: 'algorithm',
    primitive: 'key-agree',
    parameterSetIdentifier: size ? String(size) : undefined,
    oid: OID.dh,
    nistQuantumSecurityLevel: CLASSICAL_PUBLIC_KEY,
    library,
    status: named ? statusFor(named.status, context) : size ? statusFor(rsaModulusStatus(size), context) : UNKNOWN_STATUS,
  };
}

export function classifyDsa(bits: number | undefined, library: string): Classified {
  // FIPS 186-5 removed DSA signature generation (reference §2.4.2).
  return { name: bits ? `DSA-${bits}` : 'DSA', assetType: 'algorithm', primitive: 'signature', parameterSetIdentifier: bits ? String(bits) : undefined, oid: OID.dsa, nistQuantumSecurityLevel: CLASSICAL_PUBLIC_KEY, library, status: 'NO' };
}

/** A signature algorithm named with its digest (`RSA-SHA256`, `sha256WithRSAEncryption`, `ecdsa-with-SHA384`, `SHA256`). */
export function classifySignature(raw: string | undefined, library: string, context: PolicyContext): Classified {
  const digest = classifyDigest(raw, library, context);
  const lower = (raw ?? '').toLowerCase();
  const scheme = lower.includes('ecdsa') ? 'ECDSA' : lower.includes('dsa') && !lower.includes('rsa') ? 'DSA' : lower.includes('rsa') ? 'RSA' : undefined;
  const known = digest.status !== UNKNOWN_STATUS;
  return {
    name: raw === undefined ? 'unknown signature' : `${scheme ?? 'signature'} with ${known ? digest.name : raw}`,
    assetType: 'algorithm',
    primitive: 'signature',
    oid: scheme === 'ECDSA' ? ECDSA_SIGNATURE_OIDS[digest.name] : scheme === 'RSA' ? RSA_SIGNATURE_OIDS[digest.name] : undefined,
    nistQuantumSecurityLevel: CLASSICAL_PUBLIC_KEY,
    library,
    status: scheme === 'DSA' ? 'NO' : digest.status,
  };
}

/** JWS / JWE algorithm names (RFC 7518). */
export function classifyJose(raw: string | undefined, library: string, context: PolicyContext): Classified {
  const policy = raw === undefined ? undefined : lookupJoseAlgorithm(raw);
  const name = raw ?? 'unknown JOSE algorithm';
  const primitive: Primitive = /^HS/.test(name) ? 'mac' : /^(RS|PS|ES|EdDSA|ML-DSA)/.test(name) ? 'signature' : /^A\d+(GCM|CBC)/.test(name) ? 'ae' : /KW$|^dir$|^RSA|^ECDH/.test(name) ? 'key-agree' : name === 'none' ? 'other' : 'unknown';
  return {
    name: `JOSE ${name}`,
    assetType: 'algorithm',
    primitive: /^RSA/.test(name) ? 'pke' : primitive,
    oid: ML_DSA[name]?.oid,
    nistQuantumSecurityLevel: ML_DSA[name]?.level ?? (/^(RS|PS|ES|EdDSA|RSA|ECDH)/.test(name) ? CLASSICAL_PUBLIC_KEY : undefined),
    library,
    status: policy ? statusFor(policy.status, context) : UNKNOWN_STATUS,
  };
}

export function classifyPostQuantum(raw: string, library: string, context: PolicyContext): Classified | undefined {
  const upper = raw.toUpperCase();
  const dsa = ML_DSA[upper];
  const kem = ML_KEM[upper];
  if (!dsa && !kem) return undefined;
  const cnsaOk = upper === 'ML-DSA-87' || upper === 'ML-KEM-1024';
  return {
    name: upper,
    assetType: 'algorithm',
    primitive: dsa ? 'signature' : 'kem',
    parameterSetIdentifier: upper.split('-')[2],
    oid: (dsa ?? kem).oid,
    nistQuantumSecurityLevel: (dsa ?? kem).level,
    library,
    // FIPS 203/204 exist only for FIPS 140-3 validations; CNSA 2.0 takes the largest sets.
    status: context.profile === 'fips-140-2' ? UNKNOWN_STATUS : context.profile === 'cnsa-2.0' && !cnsaOk ? 'NO' : 'OK',
  };
}

export function classifyKdf(kind: 'PBKDF2' | 'HKDF' | 'scrypt' | 'bcrypt' | 'argon2' | 'EvpKDF', rawDigest: string | undefined, library: string, context: PolicyContext): Classified {
  if (kind === 'PBKDF2' || kind === 'HKDF') {
    const digest = rawDigest === undefined ? undefined : classifyDigest(rawDigest, library, { ...context, use: 'kdf' });
    return {
      name: `${kind}-${digest && digest.status !== UNKNOWN_STATUS ? digest.name : rawDigest ?? 'unknown hash'}`,
      assetType: 'algorithm',
      primitive: 'kdf',
      oid: kind === 'PBKDF2' ? OID.pbkdf2 : undefined,
      library,
      status: digest?.status ?? UNKNOWN_STATUS,
    };
  }
  // scrypt, bcrypt, Argon2 and OpenSSL's EvpKDF are not SP 800-132/108/56C KDFs (reference §2.5).
  return { name: kind === 'argon2' ? 'Argon2' : kind, assetType: 'algorithm', primitive: 'kdf', oid: kind === 'scrypt' ? OID.scrypt : undefined, library, status: 'NO' };
}

export function classifyRandom(approved: boolean, name: string, library: string): Classified {
  return { name, assetType: 'algorithm', primitive: 'drbg', library, status: approved ? 'OK' : 'NO' };
}

/** TLS as configured by `minVersion`/`maxVersion`/`secureProtocol`; `undefined` bounds mean the process defaults. */
/** `TLSv1.2+`, `TLSv1.2-TLSv1.3`, `TLSv1.2` (pinned), `default-TLSv1.1` (only a maximum), `process default`. */
function tlsVersionRange(min: string | undefined, max: string | undefined): string {
  if (!min && !max) return 'process default';
  if (!max) return `${min}+`;
  if (min === max) return max;
  return `${min ?? 'default'}-${max}`;
}

export function classifyTls(min: string | undefined, max: string | undefined, library: string): Classified {
  const floor = min ?? (max && tlsVersionRank(max) < tlsVersionRank(TLS_MIN_APPROVED) ? max : undefined);
  const version = tlsVersionRange(min, max);
  let status: AssetStatus = 'OK';
  if (floor && tlsVersionRank(floor) < 0) status = UNKNOWN_STATUS;
  else if (floor && tlsVersionRank(floor) < tlsVersionRank(TLS_MIN_APPROVED)) status = 'NO';
  return { name: version === 'process default' ? 'TLS' : `TLS ${version}`, assetType: 'protocol', primitive: 'other', protocolVersion: version, library, status };
}
