import type { ProfileId } from '../types';
import { byOperation, dated, everyProfile, type ProfileStatus } from './status';

/** RSA, DSA and finite-field DH sizes: reference §2.4.1–2.4.3. */

export function rsaModulusStatus(bits: number): ProfileStatus {
  if (bits < 1024) return everyProfile('NO');
  if (bits < 2048) return { 'fips-140-2': byOperation('NO', 'LEGACY'), 'fips-140-3': byOperation('NO', 'LEGACY'), 'cnsa-2.0': 'NO' };
  if (bits < 3072) {
    return { 'fips-140-2': 'OK', 'fips-140-3': dated('2030-12-31', 'OK', dated('2035-12-31', 'DEPR', 'NO')), 'cnsa-2.0': 'NO' };
  }
  return { 'fips-140-2': 'OK', 'fips-140-3': dated('2035-12-31', 'OK', 'NO'), 'cnsa-2.0': 'TRANS' };
}

export function rsaModulusReason(bits: number, profile: ProfileId): string {
  if (profile === 'cnsa-2.0') {
    return bits < 3072
      ? 'CNSA requires RSA ≥ 3072 bits during the transition and ML-DSA-87/ML-KEM-1024 after it (CNSSP 15)'
      : 'CNSA 2.0 replaces RSA with ML-DSA-87 and ML-KEM-1024 (CNSSP 15)';
  }
  if (bits < 2048) {
    return `RSA-${bits} is below 112-bit strength: key generation and signing need a modulus of at least 2048 bits (FIPS 186-5; SP 800-131A Rev 2 §3, Table 2)`;
  }
  return `RSA-${bits} gives 112-bit strength: deprecated after 2030 and disallowed after 2035 (SP 800-57 Pt 1 Rev 5; NIST IR 8547)`;
}

/** The modulus length quick fixes write (reference §5: "3072 is what quick fixes write"). */
export const RSA_FIX_BITS = 3072;

/** The `padding` values of publicEncrypt, privateDecrypt, privateEncrypt, publicDecrypt and sign (Node's `crypto.constants`). */
export const RSA_PADDING = { PKCS1: 1, NONE: 3, OAEP: 4, X931: 5, PSS: 6 } as const;

/** FIPS 186-5: the public exponent must be odd with 2^16 < e < 2^256. */
export function rsaExponentApproved(e: number): boolean {
  return e > 65536 && e % 2 === 1 && Number.isFinite(e);
}

export interface DhGroupPolicy {
  bits: number;
  status: ProfileStatus;
  fipsRuntime: 'throws' | 'runs';
}

const weakGroup = (bits: number): DhGroupPolicy => ({ bits, status: everyProfile('NO'), fipsRuntime: 'runs' });
const strongGroup = (bits: number): DhGroupPolicy => ({
  bits,
  status: {
    'fips-140-2': 'OK',
    'fips-140-3': bits < 3072 ? dated('2030-12-31', 'OK', dated('2035-12-31', 'DEPR', 'NO')) : dated('2035-12-31', 'OK', 'NO'),
    'cnsa-2.0': bits < 3072 ? 'NO' : 'TRANS',
  },
  fipsRuntime: 'runs',
});

/** Named groups of `getDiffieHellman`, `createDiffieHellmanGroup`, `generateKeyPair('dh', { group })` (§2.4.3). */
export const DH_GROUPS: Record<string, DhGroupPolicy> = {
  modp1: weakGroup(768),
  modp2: weakGroup(1024),
  modp5: weakGroup(1536),
  modp14: strongGroup(2048),
  modp15: strongGroup(3072),
  modp16: strongGroup(4096),
  modp17: strongGroup(6144),
  modp18: strongGroup(8192),
  ffdhe2048: strongGroup(2048),
  ffdhe3072: strongGroup(3072),
  ffdhe4096: strongGroup(4096),
  ffdhe6144: strongGroup(6144),
  ffdhe8192: strongGroup(8192),
};

export function dhGroupReplacement(profile: ProfileId): string {
  return profile === 'cnsa-2.0' ? 'modp15' : 'modp14';
}
