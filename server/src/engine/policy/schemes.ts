import type { FipsRuntime } from '../types';
import { byOperation, everyProfile, type ProfileStatus } from './status';

/**
 * Policies that are not a name → status lookup: key-derivation minimums, password hashing,
 * random sources, RSA padding schemes, DSA sizes and pure-JS libraries. The rules read their
 * thresholds and reasons from here, and `docs/policy.md` is written from the same rows.
 */

export interface SchemePolicy {
  /** The scheme as a person names it. */
  display: string;
  /** How code asks for it. */
  spelled: string;
  status: ProfileStatus;
  why: string;
  /** Node ≥ 20 started with `--enable-fips`; undefined where Node is not involved. */
  fipsRuntime?: FipsRuntime;
  instead: string;
}

/** SP 800-132 §5.1–5.3: the floors under which PBKDF2 is not approved at all. */
export const PBKDF2_MINIMUMS = {
  iterations: { minimum: 1000, standard: 'SP 800-132 §5.2' },
  saltBytes: { minimum: 16, standard: 'SP 800-132 §5.1 (128 bits)' },
  keyBytes: { minimum: 14, standard: 'SP 800-132 §5.3 (112 bits)' },
} as const;

/** Iteration counts a fix writes and a warning asks for, by the PBKDF2 digest (OWASP Password Storage Cheat Sheet, 2023). */
export const PBKDF2_RECOMMENDED_ITERATIONS: Record<string, number> = { 'SHA-1': 1_300_000, 'SHA-256': 600_000, 'SHA-384': 210_000, 'SHA-512': 210_000 };
export const PBKDF2_DEFAULT_RECOMMENDED_ITERATIONS = 600_000;

/** Password hashing functions that are not an approved password-based KDF (SP 800-132 approves PBKDF2 only). */
export const PASSWORD_HASHES: Record<'bcrypt' | 'Argon2' | 'scrypt', SchemePolicy> = {
  bcrypt: {
    display: 'bcrypt',
    spelled: '`bcrypt`, `bcryptjs`, `@node-rs/bcrypt`',
    status: everyProfile('NO'),
    why: 'bcrypt (Blowfish-based) is not an approved password-based KDF: SP 800-132 approves PBKDF2 with an approved HMAC only',
    fipsRuntime: 'runs',
    instead: "crypto.pbkdf2 with 'sha256', 600,000 iterations and a random 16-byte salt; re-hash stored hashes at the next login",
  },
  Argon2: {
    display: 'Argon2',
    spelled: '`argon2`, `@node-rs/argon2`, libsodium `crypto_pwhash`, `@noble/hashes/argon2`',
    status: everyProfile('NO'),
    why: 'Argon2 is not an approved password-based KDF: SP 800-132 approves PBKDF2 with an approved HMAC only',
    fipsRuntime: 'runs',
    instead: "crypto.pbkdf2 with 'sha256', 600,000 iterations and a random 16-byte salt; re-hash stored hashes at the next login",
  },
  scrypt: {
    display: 'scrypt',
    spelled: '`crypto.scrypt`, `crypto.scryptSync`, `scrypt-js`',
    status: everyProfile('NO'),
    why: 'SP 800-132 PBKDF2 is the only approved password-based KDF; Node in FIPS mode rejects scrypt with a misleading "invalid scrypt params" error',
    fipsRuntime: 'throws',
    instead: "crypto.pbkdf2Sync(password, salt16, 600000, 32, 'sha256'); existing hashes must be verified with scrypt once and re-hashed",
  },
};

/** Where random values come from (SP 800-90A Rev 1). */
export const RANDOM_SOURCES: Record<'mathRandom' | 'npmGenerators' | 'pseudoRandomBytes' | 'drbg', SchemePolicy> = {
  mathRandom: {
    display: 'Math.random for a secret',
    spelled: '`Math.random()` whose value becomes a token, key, password, salt, nonce, OAuth `state` or PKCE verifier',
    status: everyProfile('NO'),
    why: 'Math.random is not a cryptographic generator: V8 uses xorshift128+, whose state can be recovered from a few outputs, so the value can be predicted; secrets must come from an approved DRBG (SP 800-90A)',
    instead: 'crypto.randomBytes(n), crypto.randomInt(max) or crypto.randomUUID()',
  },
  npmGenerators: {
    display: 'npm generators for a secret',
    spelled: '`shortid.generate()`, `uuid` `v1()`, `seedrandom`, `random-js` on its default engines, Chance',
    status: everyProfile('NO'),
    why: 'built on Math.random, a Mersenne Twister, a seed or the clock and MAC address: unique or reproducible, not unpredictable (SP 800-90A)',
    instead: 'crypto.randomBytes(n), crypto.randomInt(max) or crypto.randomUUID()',
  },
  pseudoRandomBytes: {
    display: 'Deprecated aliases of randomBytes',
    spelled: '`crypto.pseudoRandomBytes`, `crypto.prng`, `crypto.rng`',
    status: everyProfile('DEPR'),
    why: 'its name suggests a non-cryptographic generator; Node serves it from the same SP 800-90A DRBG as randomBytes',
    fipsRuntime: 'runs',
    instead: 'crypto.randomBytes (the same function: the fix renames the call)',
  },
  drbg: {
    display: "Node's DRBG",
    spelled: '`crypto.randomBytes`, `randomInt`, `randomUUID`, `randomFill`, `getRandomValues`, `subtle.generateKey`',
    status: everyProfile('OK'),
    why: 'OpenSSL CTR_DRBG inside the FIPS provider (SP 800-90A Rev 1)',
    fipsRuntime: 'runs',
    instead: '—',
  },
};

/** RSA encryption and signature paddings (`crypto.constants.RSA_*_PADDING`). */
export const RSA_SCHEMES: Record<'oaep' | 'pkcs1Encryption' | 'noPadding' | 'rawSignature' | 'pkcs1Signature' | 'pss' | 'pssLongSalt' | 'x931', SchemePolicy> = {
  oaep: {
    display: 'RSA-OAEP',
    spelled: "`padding: RSA_PKCS1_OAEP_PADDING` (Node's default for publicEncrypt), `oaepHash`",
    status: everyProfile('OK'),
    why: 'the key-transport scheme of SP 800-56B Rev 2',
    fipsRuntime: 'runs',
    instead: '—',
  },
  pkcs1Encryption: {
    display: 'RSA PKCS #1 v1.5 encryption',
    spelled: '`padding: RSA_PKCS1_PADDING` in publicEncrypt / privateDecrypt',
    status: everyProfile('NO'),
    why: 'PKCS #1 v1.5 key transport is disallowed after 2023 (SP 800-131A Rev 2 §6; SP 800-56B Rev 2 has only OAEP)',
    fipsRuntime: 'runs',
    instead: "RSA_PKCS1_OAEP_PADDING with oaepHash: 'sha256' (Node ≥ 20.11.1 refuses PKCS #1 v1.5 in privateDecrypt: CVE-2023-46809)",
  },
  noPadding: {
    display: 'Unpadded (raw) RSA encryption',
    spelled: '`padding: RSA_NO_PADDING`',
    status: everyProfile('NO'),
    why: 'raw RSA is not an approved encryption scheme (SP 800-56B Rev 2)',
    fipsRuntime: 'runs',
    instead: "RSA_PKCS1_OAEP_PADDING with oaepHash: 'sha256'",
  },
  rawSignature: {
    display: 'Raw RSA private-key operation',
    spelled: '`crypto.privateEncrypt`, `crypto.publicDecrypt`',
    status: everyProfile('NO'),
    why: 'raw RSA "signatures" are not an approved signature scheme (FIPS 186-5)',
    fipsRuntime: 'runs',
    instead: "crypto.sign('sha256', data, privateKey) and crypto.verify",
  },
  pkcs1Signature: {
    display: 'RSASSA-PKCS1-v1_5 signatures',
    spelled: "`crypto.sign('sha256', data, rsaKey)` (Node's default padding)",
    status: everyProfile('OK'),
    why: 'FIPS 186-5 §5.4 (the digest is judged by hash-algorithm and signature-digest)',
    fipsRuntime: 'runs',
    instead: '—',
  },
  pss: {
    display: 'RSASSA-PSS, salt ≤ hash length',
    spelled: '`padding: RSA_PKCS1_PSS_PADDING` with `saltLength: RSA_PSS_SALTLEN_DIGEST`',
    status: everyProfile('OK'),
    why: 'FIPS 186-5 §5.4',
    fipsRuntime: 'runs',
    instead: '—',
  },
  pssLongSalt: {
    display: 'RSASSA-PSS, salt longer than the hash',
    spelled: "`padding: RSA_PKCS1_PSS_PADDING` without `saltLength` (Node's default is the maximum) or with a larger one",
    status: everyProfile('NO'),
    why: 'FIPS 186-5 requires sLen ≤ hLen',
    fipsRuntime: 'runs',
    instead: 'saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST',
  },
  x931: {
    display: 'X9.31 signature padding',
    spelled: '`padding: RSA_X931_PADDING`',
    status: everyProfile('NO'),
    why: 'X9.31 signatures were removed from FIPS 186-5',
    fipsRuntime: 'runs',
    instead: 'RSA-PSS or PKCS #1 v1.5 signatures',
  },
};

/** SP 800-131A Rev 2 Table 2: the (L, N) pairs DSA may still sign with under FIPS 186-4. */
export const DSA_SIGNING_SIZES: readonly string[] = ['2048/224', '2048/256', '3072/256'];

export const DSA_SIGNING: SchemePolicy = {
  display: 'DSA signature generation',
  spelled: "`generateKeyPair('dsa', { modulusLength, divisorLength })`",
  status: { 'fips-140-2': 'OK', 'fips-140-3': byOperation('NO', 'LEGACY'), 'cnsa-2.0': 'NO' },
  why: 'FIPS 186-5 no longer approves DSA signature generation (verification of old signatures only); under FIPS 186-4 (140-2) only (L, N) = (2048, 224), (2048, 256) or (3072, 256) may sign (SP 800-131A Rev 2 §3, Table 2)',
  instead: "ECDSA: generateKeyPair('ec', { namedCurve: 'P-256' }), or Ed25519 under FIPS 140-3; ML-DSA-87 under CNSA 2.0",
};

export interface LibraryPolicy {
  /** Package names as imported (a trailing `/` covers a scope or sub-paths). */
  packages: readonly string[];
  /** The rule that reports it. */
  rule: string;
  /** What the library does that no profile approves; everything else it computes is NV. */
  notApproved: string;
}

/**
 * Crypto computed in JavaScript or WebAssembly: never inside a validated module (FIPS 140-3 /
 * ISO/IEC 19790 §7.2), so even its approved algorithms are NV.
 */
export const CRYPTO_LIBRARIES: Record<string, LibraryPolicy> = {
  'crypto-js': {
    packages: ['crypto-js'],
    rule: 'crypto-js',
    notApproved: 'MD5, RIPEMD-160, its pre-standard Keccak `SHA3`, DES, TripleDES, RC4, Rabbit, Blowfish, ECB, passphrase keys (EvpKDF: one MD5 iteration), PBKDF2 defaults of ≤ 4.1.1 (SHA-1, 1 iteration)',
  },
  'node-forge': {
    packages: ['node-forge'],
    rule: 'node-forge',
    notApproved: 'MD5, SHA-1 signatures, DES/3DES, RC2, RSAES-PKCS1-v1_5 (the default of `publicKey.encrypt`), RSA below 2048 bits, TLS below 1.2',
  },
  'NaCl / libsodium': {
    packages: ['tweetnacl', 'libsodium-wrappers', 'sodium-native'],
    rule: 'js-crypto-library',
    notApproved: 'XSalsa20/ChaCha20-Poly1305 (`secretbox`, `box`), X25519 (`box`, `scalarMult`, `crypto_kx`), BLAKE2b (`crypto_generichash`, `crypto_kdf`), SipHash, Argon2/scrypt (`crypto_pwhash`); Ed25519 outside FIPS 140-3',
  },
  'Elliptic-curve libraries': {
    packages: ['elliptic', 'secp256k1', '@noble/'],
    rule: 'js-crypto-library',
    notApproved: 'secp256k1, X25519/X448, Ed25519 outside FIPS 140-3; `@noble/hashes` MD5, RIPEMD-160, BLAKE2/3, Keccak, Argon2, scrypt; `@noble/ciphers` ChaCha/Salsa and AES-GCM-SIV',
  },
  'Toolkits': {
    packages: ['sjcl', 'jsrsasign', 'node-rsa'],
    rule: 'js-crypto-library',
    notApproved: 'sjcl OCB2 and PBKDF2 below 1,000 iterations; jsrsasign RSA below 2048 bits, non-approved curves, SHA-1/MD5 signatures, JWS `none`; node-rsa `b` below 2048, `encryptionScheme: \'pkcs1\'`, SHA-1/MD5 signing',
  },
};
