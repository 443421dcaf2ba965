import type { ProfileId } from '../types';

/** TLS options: reference §1.10 and §2.9 (SP 800-52 Rev 2, RFC 8996, RFC 9151). */

/** Protocol versions as `minVersion`/`maxVersion` take them, oldest first. */
export const TLS_VERSIONS = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

export function tlsVersionRank(version: string): number {
  return TLS_VERSIONS.indexOf(version as (typeof TLS_VERSIONS)[number]);
}

export const TLS_MIN_APPROVED = 'TLSv1.2';

export const TLS_VERSION_REASON =
  'TLS versions below 1.2 are not allowed (SP 800-52 Rev 2 §3.1 and §4; RFC 8996); Node in FIPS mode fails their handshakes';

const SECURE_PROTOCOL_METHOD = /^(SSLv2|SSLv3|SSLv23|TLSv1|TLSv1_1|TLSv1_2|TLS)_(?:client_|server_)?method$/;
const PINNED_BY_METHOD: Record<string, string> = { SSLv2: 'SSLv2', SSLv3: 'SSLv3', TLSv1: 'TLSv1', TLSv1_1: 'TLSv1.1', TLSv1_2: 'TLSv1.2' };

/** The one version a `secureProtocol` method pins (`TLSv1_1_method` → `TLSv1.1`); null when it negotiates (`TLS_method`), undefined for an unknown name. */
export function secureProtocolVersion(method: string): string | null | undefined {
  const m = SECURE_PROTOCOL_METHOD.exec(method.trim());
  return m ? (PINNED_BY_METHOD[m[1]] ?? null) : undefined;
}

/**
 * `secureProtocol` method names (§2.9). `pins12`: allowed but without TLS 1.3; `caps12`: the legacy
 * `SSLv23_method` family negotiates but Node keeps its old maximum, TLS 1.2 (measured on Node
 * 20.20: a TLS 1.3-only peer is refused), the same as `maxVersion: 'TLSv1.2'`.
 */
export function secureProtocolVerdict(method: string): 'ok' | 'old' | 'pins12' | 'caps12' | undefined {
  const version = secureProtocolVersion(method);
  if (version === undefined) return undefined;
  if (/^SSLv23_/.test(method.trim())) return 'caps12';
  if (version === null) return 'ok';
  return version === 'TLSv1.2' ? 'pins12' : 'old';
}

/** Cipher-string words that enable non-approved suites (§2.9), upper-cased. */
export const BANNED_CIPHER_WORDS: Readonly<Record<string, string>> = {
  RC4: 'RC4',
  DES: 'DES',
  '3DES': 'Triple DES',
  CBC3: 'Triple DES',
  IDEA: 'IDEA',
  SEED: 'SEED',
  CAMELLIA: 'Camellia',
  CAMELLIA128: 'Camellia',
  CAMELLIA256: 'Camellia',
  ARIA: 'ARIA',
  ARIA128: 'ARIA',
  ARIA256: 'ARIA',
  ARIAGCM: 'ARIA',
  CHACHA20: 'ChaCha20-Poly1305',
  NULL: 'NULL encryption',
  ENULL: 'NULL encryption',
  ANULL: 'anonymous key exchange',
  ADH: 'anonymous key exchange',
  AECDH: 'anonymous key exchange',
  EXP: 'EXPORT-grade',
  EXPORT: 'EXPORT-grade',
  EXPORT40: 'EXPORT-grade',
  EXPORT56: 'EXPORT-grade',
  LOW: 'LOW-strength',
  MD5: 'MD5-based',
  SRP: 'SRP',
  KRSA: 'static-RSA key transport',
  RSA: 'static-RSA key transport',
  DSS: 'DSA-authenticated',
  ADSS: 'DSA-authenticated',
  ALL: 'every (including non-approved)',
  COMPLEMENTOFALL: 'every (including non-approved)',
  'COMPLEMENTOFDEFAULT': 'non-default (including non-approved)',
  '@SECLEVEL=0': 'security-level-0',
  // Protocol words select every suite that protocol defined (static RSA, 3DES, RC4 among them):
  // nodemailer's often-copied `tls: { ciphers: 'SSLv3' }`.
  SSLV3: 'all SSL 3.0 (static-RSA, 3DES and RC4 among them)',
  TLSV1: 'all TLS 1.0 (static-RSA, 3DES and RC4 among them)',
};

/** OpenSSL names of static-RSA suites start with the bulk cipher (no key-exchange word). */
const STATIC_RSA_SUITE = /^(AES|AES128|AES256|CAMELLIA\d*|DES|IDEA|SEED|RC4|NULL)(-|$)/;
const IANA_BANNED = /^TLS_(RSA_WITH|DH_anon|ECDH_anon|RSA_EXPORT|DHE_DSS|.*_WITH_(RC4|3DES|DES|NULL|CAMELLIA|ARIA|SEED|IDEA|CHACHA20)|CHACHA20_POLY1305)/i;

export interface BannedCipherToken {
  token: string;
  /** Offset of the token in the cipher string. */
  offset: number;
  why: string;
}

/**
 * The positive tokens of an OpenSSL cipher string that enable non-approved suites. Tokens that
 * exclude (`!RC4`, `-DES`) or reorder (`+RSA`) never count. Linear: one split, no regex over the
 * whole string.
 */
export function bannedCipherTokens(cipherString: string): BannedCipherToken[] {
  const out: BannedCipherToken[] = [];
  let offset = 0;
  for (const rawToken of cipherString.split(/([:, ])/)) {
    const here = offset;
    offset += rawToken.length;
    if (!rawToken || rawToken === ':' || rawToken === ',' || rawToken === ' ') continue;
    if (rawToken.startsWith('!') || rawToken.startsWith('-') || rawToken.startsWith('+')) continue;
    const token = rawToken.toUpperCase();
    if (token.startsWith('TLS_')) {
      if (IANA_BANNED.test(rawToken)) out.push({ token: rawToken, offset: here, why: ianaWhy(token) });
      continue;
    }
    if (BANNED_CIPHER_WORDS[token]) {
      out.push({ token: rawToken, offset: here, why: `${BANNED_CIPHER_WORDS[token]} suites` });
      continue;
    }
    if (STATIC_RSA_SUITE.test(token) && token.includes('-')) {
      const cipherWord = token.split('-').find((part) => BANNED_CIPHER_WORDS[part] && part !== 'RSA');
      out.push({ token: rawToken, offset: here, why: cipherWord ? `${BANNED_CIPHER_WORDS[cipherWord]} suite` : 'static-RSA key transport suite' });
      continue;
    }
    // Combined words (`ECDHE+CHACHA20`) and full suite names (`ECDHE-RSA-DES-CBC3-SHA`).
    const parts = token.split(/[-+]/);
    const bad = parts.find((part) => BANNED_CIPHER_WORDS[part] && part !== 'RSA' && part !== 'DSS');
    if (bad && parts.length > 1) out.push({ token: rawToken, offset: here, why: `${BANNED_CIPHER_WORDS[bad]} suite` });
  }
  return out;
}

function ianaWhy(token: string): string {
  if (token.startsWith('TLS_RSA_WITH')) return 'static-RSA key transport suite';
  if (token.includes('CHACHA20')) return 'ChaCha20-Poly1305 suite';
  if (token.includes('ANON')) return 'anonymous key exchange suite';
  if (token.includes('DHE_DSS')) return 'DSA-authenticated suite';
  return 'non-approved bulk cipher suite';
}

/** What a fix writes for `ciphers` (reference §2.9). */
export function approvedCipherList(profile: ProfileId): string {
  if (profile === 'cnsa-2.0') return 'TLS_AES_256_GCM_SHA384:ECDHE-ECDSA-AES256-GCM-SHA384';
  return 'TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384';
}

/** `ecdhCurve` groups (§2.9): X25519/X448 are not approved, secp256k1/Brainpool fail in FIPS mode. */
export function ecdhCurveVerdict(group: string): 'no' | 'auto' | 'ok' | 'unknown' {
  const g = group.trim().toLowerCase();
  if (g === 'auto') return 'auto';
  if (g === 'x25519' || g === 'x448' || g === 'secp256k1' || g.startsWith('brainpool')) return 'no';
  if (g.startsWith('x25519mlkem') || g.startsWith('secp256r1mlkem') || g.startsWith('secp384r1mlkem') || g.startsWith('mlkem')) return 'ok';
  if (['p-256', 'p-384', 'p-521', 'prime256v1', 'secp256r1', 'secp384r1', 'secp521r1'].includes(g) || g.startsWith('ffdhe')) return 'ok';
  return 'unknown';
}

export function approvedEcdhCurve(profile: ProfileId): string {
  return profile === 'cnsa-2.0' ? 'P-384' : 'P-256:P-384:P-521';
}

