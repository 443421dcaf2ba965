import type { FipsRuntime, ProfileId } from '../types';
import { byOperation, dated, everyProfile, type ProfileStatus } from './status';

/** Elliptic curves and EC key types: reference §2.4.4 and §1.4–1.5. */
export interface CurvePolicy {
  display: string;
  /** Lower-case spellings: OpenSSL short names, NIST/WebCrypto/JOSE names. */
  names: string[];
  status: ProfileStatus;
  reason: string;
  fipsRuntime?: FipsRuntime;
  /** What the fix writes, per profile, in the spelling of the API (see `curveSpelling`). */
  replacement?: Record<ProfileId, 'P-256' | 'P-384'>;
}

const TO_P256: Record<ProfileId, 'P-256' | 'P-384'> = { 'fips-140-2': 'P-256', 'fips-140-3': 'P-256', 'cnsa-2.0': 'P-384' };
const CNSA_P384 = 'CNSA 2.0 (CNSA 1.0 during transition) requires P-384 (CNSSP 15)';

export const CURVES: CurvePolicy[] = [
  {
    display: 'P-256',
    names: ['prime256v1', 'p-256', 'secp256r1', 'p256'],
    status: { 'fips-140-2': 'OK', 'fips-140-3': dated('2035-12-31', 'OK', 'NO'), 'cnsa-2.0': 'NO' },
    reason: CNSA_P384,
    replacement: TO_P256,
  },
  {
    display: 'P-384',
    names: ['secp384r1', 'p-384', 'p384'],
    status: { 'fips-140-2': 'OK', 'fips-140-3': dated('2035-12-31', 'OK', 'NO'), 'cnsa-2.0': 'TRANS' },
    reason: 'CNSA 2.0 moves key establishment to ML-KEM-1024 and signatures to ML-DSA-87 (CNSSP 15)',
  },
  {
    display: 'P-521',
    names: ['secp521r1', 'p-521', 'p521'],
    status: { 'fips-140-2': 'OK', 'fips-140-3': dated('2035-12-31', 'OK', 'NO'), 'cnsa-2.0': 'NO' },
    reason: CNSA_P384,
    replacement: TO_P256,
  },
  {
    display: 'P-224',
    names: ['secp224r1', 'p-224', 'p224'],
    status: { 'fips-140-2': 'OK', 'fips-140-3': dated('2030-12-31', 'OK', dated('2035-12-31', 'DEPR', 'NO')), 'cnsa-2.0': 'NO' },
    reason: 'P-224 gives only 112-bit strength: deprecated after 2030, disallowed after 2035 (SP 800-57 Pt 1 Rev 5; NIST IR 8547)',
    replacement: TO_P256,
  },
  {
    display: 'P-192',
    names: ['prime192v1', 'p-192', 'secp192r1', 'p192'],
    status: { 'fips-140-2': byOperation('NO', 'LEGACY'), 'fips-140-3': byOperation('NO', 'LEGACY'), 'cnsa-2.0': 'NO' },
    reason: 'P-192 is below 112-bit strength: legacy use only (SP 800-186 §3.2.1.1; SP 800-131A Rev 2 §3)',
    fipsRuntime: 'runs',
    replacement: TO_P256,
  },
  {
    display: 'K-163/B-163',
    names: ['sect163k1', 'sect163r2'],
    status: { 'fips-140-2': byOperation('NO', 'LEGACY'), 'fips-140-3': byOperation('NO', 'LEGACY'), 'cnsa-2.0': 'NO' },
    reason: 'binary curves K-163/B-163 are below 112-bit strength: legacy use only (SP 800-186 §3.3.1.1)',
    replacement: TO_P256,
  },
  {
    display: 'binary Koblitz/B curve',
    names: ['sect233k1', 'sect233r1', 'sect283k1', 'sect283r1', 'sect409k1', 'sect409r1', 'sect571k1', 'sect571r1'],
    status: { 'fips-140-2': 'OK', 'fips-140-3': 'DEPR', 'cnsa-2.0': 'NO' },
    reason: 'binary curves are deprecated (SP 800-186 §3.1.2, Table 2)',
    replacement: TO_P256,
  },
  {
    display: 'secp256k1',
    names: ['secp256k1'],
    status: everyProfile('NO'),
    reason: 'secp256k1 is not an approved curve for general use (SP 800-186 App. H allows it only for blockchain applications; not in validated OpenSSL providers)',
    fipsRuntime: 'throws',
    replacement: TO_P256,
  },
  {
    display: 'Brainpool',
    names: ['brainpoolp160r1', 'brainpoolp160t1', 'brainpoolp192r1', 'brainpoolp192t1', 'brainpoolp224r1', 'brainpoolp224t1', 'brainpoolp256r1', 'brainpoolp256t1', 'brainpoolp320r1', 'brainpoolp320t1', 'brainpoolp384r1', 'brainpoolp384t1', 'brainpoolp512r1', 'brainpoolp512t1'],
    status: everyProfile('NO'),
    reason: 'Brainpool curves are not in the validated OpenSSL FIPS providers and not approved in practice (SP 800-186 App. H)',
    fipsRuntime: 'throws',
    replacement: TO_P256,
  },
  {
    display: 'non-NIST curve',
    names: [
      'secp112r1', 'secp112r2', 'secp128r1', 'secp128r2', 'secp160k1', 'secp160r1', 'secp160r2', 'secp192k1', 'secp224k1',
      'prime192v2', 'prime192v3', 'prime239v1', 'prime239v2', 'prime239v3', 'sect113r1', 'sect113r2', 'sect131r1', 'sect131r2',
      'sect163r1', 'sect193r1', 'sect193r2', 'sect239k1', 'c2pnb163v1', 'c2pnb163v2', 'c2pnb163v3', 'c2pnb176v1', 'c2pnb208w1',
      'c2pnb272w1', 'c2pnb304w1', 'c2pnb368w1', 'c2tnb191v1', 'c2tnb191v2', 'c2tnb191v3', 'c2tnb239v1', 'c2tnb239v2',
      'c2tnb239v3', 'c2tnb359v1', 'c2tnb431r1', 'oakley-ec2n-3', 'oakley-ec2n-4', 'sm2',
      ...Array.from({ length: 12 }, (_, i) => `wap-wsg-idm-ecid-wtls${i + 1}`),
    ],
    status: everyProfile('NO'),
    reason: 'not one of the curves SP 800-186 approves',
    fipsRuntime: 'throws',
    replacement: TO_P256,
  },
];

const CURVE_BY_NAME = new Map(CURVES.flatMap((c) => c.names.map((n) => [n, c] as const)));

export function lookupCurve(name: string): CurvePolicy | undefined {
  return CURVE_BY_NAME.get(name.trim().toLowerCase());
}

/**
 * Node's `generateKeyPair('ec')` accepts `prime256v1`/`P-256` but rejects `secp256r1`, and
 * `createECDH` only takes OpenSSL short names (reference §2.4.4): write the spelling the API takes,
 * in the style the code already uses.
 */
export function curveSpelling(curve: 'P-256' | 'P-384', style: 'openssl' | 'nist'): string {
  if (style === 'nist') return curve;
  return curve === 'P-256' ? 'prime256v1' : 'secp384r1';
}

/** Asymmetric key types of `generateKeyPair` and WebCrypto that are curves in themselves (§2.4.4, §5). */
export interface KeyTypePolicy {
  display: string;
  status: ProfileStatus;
  reason: string;
  fipsRuntime: FipsRuntime;
  /** The approved alternative, in words (these need code changes beyond one literal). */
  instead: Record<ProfileId, string>;
}

const EDDSA_STATUS: ProfileStatus = { 'fips-140-2': 'NO', 'fips-140-3': dated('2035-12-31', 'OK', 'NO'), 'cnsa-2.0': 'NO' };
const EDDSA_REASON = 'EdDSA is approved by FIPS 186-5 (FIPS 140-3) but not by FIPS 186-4 (FIPS 140-2) nor CNSA 2.0';
const EDDSA_INSTEAD: Record<ProfileId, string> = {
  'fips-140-2': 'ECDSA on P-256',
  'fips-140-3': 'ECDSA on P-256',
  'cnsa-2.0': 'ML-DSA-87 (Node ≥ 24.7), or ECDSA P-384 during the transition',
};
const XDH_REASON = 'X25519/X448 key agreement is not an SP 800-56A Rev 3 scheme and is not approved (FIPS 140-3 IG C.K, Resolution 5)';

export const KEY_TYPES: Record<string, KeyTypePolicy> = {
  ed25519: { display: 'Ed25519', status: EDDSA_STATUS, reason: EDDSA_REASON, fipsRuntime: 'runs', instead: EDDSA_INSTEAD },
  ed448: { display: 'Ed448', status: EDDSA_STATUS, reason: EDDSA_REASON, fipsRuntime: 'runs', instead: EDDSA_INSTEAD },
  x25519: {
    display: 'X25519',
    status: everyProfile('NO'),
    reason: XDH_REASON,
    fipsRuntime: 'runs',
    instead: { 'fips-140-2': 'ECDH on P-256', 'fips-140-3': 'ECDH on P-256', 'cnsa-2.0': 'ML-KEM-1024, or ECDH P-384 during the transition' },
  },
  x448: {
    display: 'X448',
    status: everyProfile('NO'),
    reason: XDH_REASON,
    fipsRuntime: 'runs',
    instead: { 'fips-140-2': 'ECDH on P-384', 'fips-140-3': 'ECDH on P-384', 'cnsa-2.0': 'ML-KEM-1024, or ECDH P-384 during the transition' },
  },
};
