import type { ProfileId } from '../types';
import { everyProfile, type ProfileStatus } from './status';

/** JWS `alg`, JWE `alg` and `enc` names: reference §2.10. */
export interface JoseAlgorithmPolicy {
  status: ProfileStatus;
  reason: string;
  /** What a fix writes instead, per profile; absent when no drop-in exists (`none`). */
  replacement?: Partial<Record<ProfileId, string>>;
}

const CNSA_ONLY_384 = 'CNSA 2.0 accepts only SHA-384/P-384/RSA-3072 and stronger during the transition (CNSSP 15)';
const cnsaNo = (reason: string, replacement: string): JoseAlgorithmPolicy => ({
  status: { 'fips-140-2': 'OK', 'fips-140-3': 'OK', 'cnsa-2.0': 'NO' },
  reason,
  replacement: { 'cnsa-2.0': replacement },
});
const cnsaTransition: JoseAlgorithmPolicy = { status: { 'fips-140-2': 'OK', 'fips-140-3': 'OK', 'cnsa-2.0': 'TRANS' }, reason: 'CNSA 2.0 replaces RSA and ECDSA with ML-DSA-87 and ML-KEM-1024 (CNSSP 15)' };
const approved: JoseAlgorithmPolicy = { status: everyProfile('OK'), reason: '' };

/** Every JOSE algorithm name with its policy (exported for the policy document). */
export const JOSE_ALGORITHMS: Readonly<Record<string, JoseAlgorithmPolicy>> = {
  none: { status: everyProfile('NO'), reason: 'an unsecured JWT carries no signature or MAC, so anyone can forge one (RFC 7519 §6; RFC 8725 §3.1)' },
  HS256: cnsaNo(CNSA_ONLY_384, 'HS384'),
  HS384: approved,
  HS512: approved,
  RS256: cnsaNo(CNSA_ONLY_384, 'RS384'),
  RS384: cnsaTransition,
  RS512: cnsaTransition,
  PS256: cnsaNo(CNSA_ONLY_384, 'PS384'),
  PS384: cnsaTransition,
  PS512: cnsaTransition,
  ES256: cnsaNo(CNSA_ONLY_384, 'ES384'),
  ES384: cnsaTransition,
  ES512: cnsaNo('CNSA 2.0 does not include P-521 (CNSSP 15)', 'ES384'),
  ES256K: {
    status: everyProfile('NO'),
    reason: 'secp256k1 is not an approved curve (FIPS 186-5, SP 800-186)',
    replacement: { 'fips-140-2': 'ES256', 'fips-140-3': 'ES256', 'cnsa-2.0': 'ES384' },
  },
  EdDSA: {
    status: { 'fips-140-2': 'NO', 'fips-140-3': 'OK', 'cnsa-2.0': 'NO' },
    reason: 'EdDSA is approved only by FIPS 186-5 (FIPS 140-3); FIPS 140-2 validations and CNSA 2.0 do not include it',
    replacement: { 'fips-140-2': 'ES256', 'cnsa-2.0': 'ES384' },
  },
  'ML-DSA-44': cnsaNo('CNSA 2.0 requires ML-DSA-87 (CNSSP 15)', 'ML-DSA-87'),
  'ML-DSA-65': cnsaNo('CNSA 2.0 requires ML-DSA-87 (CNSSP 15)', 'ML-DSA-87'),
  'ML-DSA-87': approved,
  RSA1_5: {
    status: everyProfile('NO'),
    reason: 'RSAES-PKCS1-v1_5 key transport is not approved by SP 800-56B Rev 2 and is open to padding-oracle attacks',
    replacement: { 'fips-140-2': 'RSA-OAEP-256', 'fips-140-3': 'RSA-OAEP-256', 'cnsa-2.0': 'RSA-OAEP-384' },
  },
  'RSA-OAEP': cnsaNo('RSA-OAEP with SHA-1 is outside CNSA 2.0 (CNSSP 15; RFC 7518)', 'RSA-OAEP-384'),
  'RSA-OAEP-256': cnsaNo(CNSA_ONLY_384, 'RSA-OAEP-384'),
  'RSA-OAEP-384': cnsaTransition,
  'RSA-OAEP-512': cnsaTransition,
  A128KW: cnsaNo('CNSA 2.0 requires AES-256 (CNSSP 15)', 'A256KW'),
  A192KW: cnsaNo('CNSA 2.0 requires AES-256 (CNSSP 15)', 'A256KW'),
  A256KW: approved,
  A128GCMKW: cnsaNo('CNSA 2.0 requires AES-256 (CNSSP 15)', 'A256GCMKW'),
  A192GCMKW: cnsaNo('CNSA 2.0 requires AES-256 (CNSSP 15)', 'A256GCMKW'),
  A256GCMKW: approved,
  dir: approved,
  'ECDH-ES': cnsaTransition,
  'ECDH-ES+A128KW': cnsaNo('CNSA 2.0 requires AES-256 (CNSSP 15)', 'ECDH-ES+A256KW'),
  'ECDH-ES+A192KW': cnsaNo('CNSA 2.0 requires AES-256 (CNSSP 15)', 'ECDH-ES+A256KW'),
  'ECDH-ES+A256KW': cnsaTransition,
  'PBES2-HS256+A128KW': cnsaNo('CNSA 2.0 requires SHA-512 and AES-256 here (CNSSP 15; RFC 7518)', 'PBES2-HS512+A256KW'),
  'PBES2-HS384+A192KW': cnsaNo('CNSA 2.0 requires SHA-512 and AES-256 here (CNSSP 15; RFC 7518)', 'PBES2-HS512+A256KW'),
  'PBES2-HS512+A256KW': approved,
  A128GCM: cnsaNo('CNSA 2.0 requires AES-256 (CNSSP 15)', 'A256GCM'),
  A192GCM: cnsaNo('CNSA 2.0 requires AES-256 (CNSSP 15)', 'A256GCM'),
  A256GCM: approved,
  'A128CBC-HS256': cnsaNo('CNSA 2.0 prefers A256GCM over CBC with HMAC (CNSSP 15; RFC 7518)', 'A256GCM'),
  'A192CBC-HS384': cnsaNo('CNSA 2.0 prefers A256GCM over CBC with HMAC (CNSSP 15; RFC 7518)', 'A256GCM'),
  'A256CBC-HS512': cnsaNo('CNSA 2.0 prefers A256GCM over CBC with HMAC (CNSSP 15; RFC 7518)', 'A256GCM'),
};

/** JOSE names are case-sensitive (RFC 7518), but libraries accept `none` in any case: so does the lookup for it. */
export function lookupJoseAlgorithm(name: string): JoseAlgorithmPolicy | undefined {
  if (name.toLowerCase() === 'none') return JOSE_ALGORITHMS.none;
  if (name === 'Ed25519' || name === 'Ed448') return JOSE_ALGORITHMS.EdDSA;
  return JOSE_ALGORITHMS[name];
}

/** RFC 7518 §3.2 wants an HS key at least as long as the hash; SP 800-107 and SP 800-131A want 112 bits. */
export const MIN_HMAC_KEY_BYTES = 14;
