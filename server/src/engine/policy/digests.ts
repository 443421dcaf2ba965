import type { FipsRuntime, ProfileId } from '../types';
import { byUse, dated, everyProfile, type ProfileStatus, withRev3 } from './status';

/** Hash functions: reference §2.1 (names), §2.2 (HMAC), §5 (SHA-1 decision). */
export interface DigestPolicy {
  /** How the reference and messages name it. */
  display: string;
  /** Normalised spellings (see `normalizeDigestName`). */
  keys: string[];
  status: ProfileStatus;
  /** Why, with the standard and section. */
  reason: string;
  /** Node name the fix writes, per profile. */
  replacement: Record<ProfileId, string>;
  /** Node 20 + OpenSSL 3.0 FIPS provider: what createHash/createHmac do (§3.2). */
  fipsRuntime: FipsRuntime;
  /** Output size in bytes, for the "digest length changes" note of a fix. */
  outputBytes?: number;
}

const SHA256_FIX: Record<ProfileId, string> = { 'fips-140-2': 'sha256', 'fips-140-3': 'sha256', 'cnsa-2.0': 'sha384' };
const SHA512_FIX: Record<ProfileId, string> = { 'fips-140-2': 'sha512', 'fips-140-3': 'sha512', 'cnsa-2.0': 'sha512' };
const NOT_CNSA = 'CNSA 2.0 requires SHA-384 or SHA-512 (CNSSP 15)';

/** 224-bit and SHA-1 hashes: the draft Rev 3 retires them after 2030 (§1.3). */
const retiredAfter2030ByRev3 = withRev3('OK', dated('2030-12-31', 'DEPR', 'NO'));

/** A 128-bit legacy hash: not approved anywhere, throws in FIPS mode, replaced by SHA-256. */
function md128(display: string, key: string, reason: string): DigestPolicy {
  return { display, keys: [key], status: everyProfile('NO'), reason, replacement: SHA256_FIX, fipsRuntime: 'throws', outputBytes: 16 };
}

export const DIGESTS: DigestPolicy[] = [
  {
    display: 'MD5',
    keys: ['md5', 'ssl3md5'],
    status: everyProfile('NO'),
    reason: 'practical collisions; not in FIPS 180-4 or FIPS 202 (SP 800-131A Rev 2 §9)',
    replacement: SHA256_FIX,
    fipsRuntime: 'throws',
    outputBytes: 16,
  },
  {
    display: 'MD5-SHA1',
    keys: ['md5sha1'],
    status: everyProfile('NO'),
    reason: 'approved only inside the TLS 1.0/1.1 PRF (SP 800-135 Rev 1), never as a hash',
    replacement: SHA256_FIX,
    fipsRuntime: 'throws',
    outputBytes: 36,
  },
  md128('MD4', 'md4', 'broken; not in FIPS 180-4 or FIPS 202 (SP 800-131A Rev 2 §9)'),
  md128('MD2', 'md2', 'broken; not in FIPS 180-4 or FIPS 202 (SP 800-131A Rev 2 §9)'),
  md128('MDC-2', 'mdc2', 'not in FIPS 180-4 or FIPS 202 (SP 800-131A Rev 2 §9)'),
  {
    display: 'RIPEMD-160',
    keys: ['ripemd160', 'ripemd', 'rmd160'],
    status: everyProfile('NO'),
    reason: 'not in FIPS 180-4 or FIPS 202 (SP 800-131A Rev 2 §9)',
    replacement: SHA256_FIX,
    fipsRuntime: 'throws',
    outputBytes: 20,
  },
  {
    display: 'Whirlpool',
    keys: ['whirlpool'],
    status: everyProfile('NO'),
    reason: 'not in FIPS 180-4 or FIPS 202 (SP 800-131A Rev 2 §9)',
    replacement: SHA512_FIX,
    fipsRuntime: 'throws',
    outputBytes: 64,
  },
  {
    display: 'SM3',
    keys: ['sm3'],
    status: everyProfile('NO'),
    reason: 'not in FIPS 180-4 or FIPS 202 (SP 800-131A Rev 2 §9)',
    replacement: SHA256_FIX,
    fipsRuntime: 'throws',
    outputBytes: 32,
  },
  {
    display: 'BLAKE2b-512',
    keys: ['blake2b512', 'blake2b'],
    status: everyProfile('NO'),
    reason: 'not in FIPS 180-4 or FIPS 202 (SP 800-131A Rev 2 §9)',
    replacement: SHA512_FIX,
    fipsRuntime: 'throws',
    outputBytes: 64,
  },
  {
    display: 'BLAKE2s-256',
    keys: ['blake2s256', 'blake2s'],
    status: everyProfile('NO'),
    reason: 'not in FIPS 180-4 or FIPS 202 (SP 800-131A Rev 2 §9)',
    replacement: SHA256_FIX,
    fipsRuntime: 'throws',
    outputBytes: 32,
  },
  {
    display: 'SHA-1',
    keys: ['sha1', 'sha12'],
    status: {
      'fips-140-2': byUse({ sign: 'NO', verify: 'LEGACY' }, 'OK'),
      'fips-140-3': byUse({ sign: 'NO', verify: 'LEGACY' }, retiredAfter2030ByRev3),
      'cnsa-2.0': 'NO',
    },
    reason:
      'SHA-1 is disallowed for signature generation and legacy-only for verification (SP 800-131A Rev 2 §9, Table 8); the draft Rev 3 retires it for every use after 2030; CNSA 2.0 requires SHA-384/512',
    replacement: SHA256_FIX,
    fipsRuntime: 'runs',
    outputBytes: 20,
  },
  {
    display: 'SHA-224',
    keys: ['sha224'],
    status: { 'fips-140-2': 'OK', 'fips-140-3': retiredAfter2030ByRev3, 'cnsa-2.0': 'NO' },
    reason: `it gives only 112-bit strength and the draft SP 800-131A Rev 3 retires it after 2030; ${NOT_CNSA}`,
    replacement: SHA256_FIX,
    fipsRuntime: 'runs',
    outputBytes: 28,
  },
  {
    display: 'SHA-256',
    keys: ['sha256'],
    status: { 'fips-140-2': 'OK', 'fips-140-3': 'OK', 'cnsa-2.0': 'NO' },
    reason: NOT_CNSA,
    replacement: SHA256_FIX,
    fipsRuntime: 'runs',
    outputBytes: 32,
  },
  { display: 'SHA-384', keys: ['sha384'], status: everyProfile('OK'), reason: '', replacement: SHA256_FIX, fipsRuntime: 'runs', outputBytes: 48 },
  { display: 'SHA-512', keys: ['sha512'], status: everyProfile('OK'), reason: '', replacement: SHA512_FIX, fipsRuntime: 'runs', outputBytes: 64 },
  {
    display: 'SHA-512/224',
    keys: ['sha512224'],
    status: { 'fips-140-2': 'OK', 'fips-140-3': retiredAfter2030ByRev3, 'cnsa-2.0': 'NO' },
    reason: `it gives only 112-bit strength and the draft SP 800-131A Rev 3 retires it after 2030; ${NOT_CNSA}`,
    replacement: { 'fips-140-2': 'sha512-256', 'fips-140-3': 'sha512-256', 'cnsa-2.0': 'sha384' },
    fipsRuntime: 'runs',
    outputBytes: 28,
  },
  {
    display: 'SHA-512/256',
    keys: ['sha512256'],
    status: { 'fips-140-2': 'OK', 'fips-140-3': 'OK', 'cnsa-2.0': 'NO' },
    reason: NOT_CNSA,
    replacement: SHA256_FIX,
    fipsRuntime: 'runs',
    outputBytes: 32,
  },
  {
    display: 'SHA3-224',
    keys: ['sha3224'],
    status: { 'fips-140-2': 'OK', 'fips-140-3': retiredAfter2030ByRev3, 'cnsa-2.0': 'NO' },
    reason: `it gives only 112-bit strength and the draft SP 800-131A Rev 3 retires it after 2030; ${NOT_CNSA}`,
    replacement: { 'fips-140-2': 'sha3-256', 'fips-140-3': 'sha3-256', 'cnsa-2.0': 'sha384' },
    fipsRuntime: 'runs',
    outputBytes: 28,
  },
  ...['256', '384', '512'].map(
    (bits): DigestPolicy => ({
      display: `SHA3-${bits}`,
      keys: [`sha3${bits}`],
      status: { 'fips-140-2': 'OK', 'fips-140-3': 'OK', 'cnsa-2.0': 'NO' },
      reason: 'SHA-3 is not in the CNSA 2.0 list, which names SHA-384 and SHA-512 (CNSSP 15)',
      replacement: { 'fips-140-2': `sha3-${bits}`, 'fips-140-3': `sha3-${bits}`, 'cnsa-2.0': bits === '512' ? 'sha512' : 'sha384' },
      fipsRuntime: 'runs',
      outputBytes: Number(bits) / 8,
    }),
  ),
  ...['128', '256'].map(
    (bits): DigestPolicy => ({
      display: `SHAKE${bits}`,
      keys: [`shake${bits}`],
      status: { 'fips-140-2': 'OK', 'fips-140-3': 'OK', 'cnsa-2.0': 'NO' },
      reason: 'SHAKE is not in the CNSA 2.0 list (CNSSP 15)',
      replacement: { 'fips-140-2': `shake${bits}`, 'fips-140-3': `shake${bits}`, 'cnsa-2.0': 'sha384' },
      fipsRuntime: 'runs',
    }),
  ),
];

const DIGEST_BY_KEY = new Map<string, DigestPolicy>(DIGESTS.flatMap((d) => d.keys.map((k) => [k, d] as const)));

/**
 * OpenSSL accepts `SHA256`, `sha-256`, `SHA2-256`, `RSA-SHA256`, `sha256WithRSAEncryption` for the
 * same digest (reference §0.3). Fold them all onto one key: lower case, no signature-scheme
 * prefix or suffix, no separators.
 */
export function normalizeDigestName(name: string): string {
  let key = name.trim().toLowerCase();
  key = key.replace(/^id-rsassa-pkcs1-v1_5-with-/, '').replace(/^(rsa|dsa|ecdsa-with|ecdsa)[-_]/, '');
  key = key.replace(/with(rsaencryption|rsa)$/, '');
  key = key.replace(/^sha2-/, 'sha');
  return key.replace(/[-_/ ]/g, '');
}

export function lookupDigest(name: string): DigestPolicy | undefined {
  return DIGEST_BY_KEY.get(normalizeDigestName(name));
}

/**
 * Write a replacement digest the way the code spelled the original: `RSA-SHA1` → `RSA-SHA256`,
 * `sha1WithRSAEncryption` → `sha256WithRSAEncryption`, `SHA-1` → `SHA-256`, `MD5` → `SHA256`.
 */
export function spellLike(original: string, replacement: string): string {
  const trimmed = original.trim();
  const upper = trimmed.replace(/[^a-z]/gi, '') === trimmed.replace(/[^a-z]/gi, '').toUpperCase();
  const cased = (name: string) => (upper ? name.toUpperCase() : name);
  const dashed = (name: string) => name.replace(/^sha(3-)?(\d)/i, (_m, three: string | undefined, digit: string) => (three ? `sha3-${digit}` : `sha-${digit}`));
  if (/^rsa-/i.test(trimmed)) return `RSA-${replacement.toUpperCase()}`;
  if (/withrsaencryption$/i.test(trimmed)) return `${replacement}WithRSAEncryption`;
  if (/^sha-\d/i.test(trimmed) || /^sha3-\d/i.test(trimmed)) return cased(dashed(replacement));
  return cased(replacement);
}

/** WebCrypto spells digests `SHA-256`; translate a Node name to that form. */
export function webCryptoDigestName(nodeName: string): string {
  const m = /^sha(3-)?(\d+)$/.exec(nodeName);
  if (!m) return nodeName.toUpperCase();
  return m[1] ? `SHA3-${m[2]}` : `SHA-${m[2]}`;
}
