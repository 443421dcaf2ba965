import type { FipsRuntime, ProfileId } from '../types';
import { byOperation, dated, everyProfile, withRev3, type ProfileStatus, type StatusRule } from './status';

/** Symmetric ciphers: reference §2.3 (names from Node 20's getCiphers(), legacy provider included). */

export type CipherFamily =
  | 'aes'
  | 'tdea3'
  | 'tdea2'
  | 'des'
  | 'tdea-wrap'
  | 'chacha20'
  | 'aria'
  | 'camellia'
  | 'sm4'
  | 'seed'
  | 'idea'
  | 'cast'
  | 'blowfish'
  | 'rc2'
  | 'rc4';

export type CipherMode =
  | 'ecb'
  | 'cbc'
  | 'cfb'
  | 'cfb1'
  | 'cfb8'
  | 'ofb'
  | 'ctr'
  | 'gcm'
  | 'ccm'
  | 'xts'
  | 'ocb'
  | 'wrap'
  | 'wrap-pad'
  | 'poly1305'
  | 'stream'
  | 'cbc-hmac';

export interface ParsedCipher {
  family: CipherFamily;
  /** Key size in bits where the name says it (AES, ARIA, Camellia). */
  bits?: number;
  mode: CipherMode;
}

const MODE_WORDS: Record<string, CipherMode> = {
  ecb: 'ecb', cbc: 'cbc', cfb: 'cfb', cfb1: 'cfb1', cfb8: 'cfb8', ofb: 'ofb', ctr: 'ctr', gcm: 'gcm',
  ccm: 'ccm', xts: 'xts', ocb: 'ocb', wrap: 'wrap', 'wrap-pad': 'wrap-pad',
};

/**
 * Parse an OpenSSL cipher name into family, key size and mode. Handles the aliases of reference
 * §0.3 (`aes128` = `aes-128-cbc`, `des3` = `des-ede3-cbc`, `des-ede3` = 3-key TDEA ECB,
 * `id-aes256-GCM` = `aes-256-gcm`). Returns undefined for names OpenSSL does not know.
 */
export function parseCipherName(raw: string): ParsedCipher | undefined {
  const name = raw.trim().toLowerCase();
  let m = /^(?:id-)?aes-?(128|192|256)(?:-(ecb|cbc|cfb|cfb1|cfb8|ofb|ctr|gcm|ccm|xts|ocb|wrap|wrap-pad))?(-hmac-sha(?:1|256))?$/.exec(name);
  if (m) {
    const mode: CipherMode = m[3] ? 'cbc-hmac' : MODE_WORDS[m[2] ?? 'cbc'];
    return { family: 'aes', bits: Number(m[1]), mode };
  }
  m = /^(aria|camellia)-?(128|192|256)(?:-(ecb|cbc|cfb|cfb1|cfb8|ofb|ctr|gcm|ccm))?$/.exec(name);
  if (m) return { family: m[1] as CipherFamily, bits: Number(m[2]), mode: MODE_WORDS[m[3] ?? 'cbc'] };
  if (name === 'des-ede3' || name === 'des-ede3-ecb') return { family: 'tdea3', mode: 'ecb' };
  if (name === 'des3' || name === 'des-ede3-cbc') return { family: 'tdea3', mode: 'cbc' };
  m = /^des-ede3-(cfb|cfb1|cfb8|ofb)$/.exec(name);
  if (m) return { family: 'tdea3', mode: MODE_WORDS[m[1]] };
  if (name === 'des-ede' || name === 'des-ede-ecb') return { family: 'tdea2', mode: 'ecb' };
  m = /^des-ede-(cbc|cfb|ofb)$/.exec(name);
  if (m) return { family: 'tdea2', mode: MODE_WORDS[m[1]] };
  if (name === 'des3-wrap' || name === 'id-smime-alg-cms3deswrap') return { family: 'tdea-wrap', mode: 'wrap' };
  m = /^(?:des|desx)(?:-(ecb|cbc|cfb|cfb1|cfb8|ofb))?$/.exec(name);
  if (m) return { family: 'des', mode: MODE_WORDS[m[1] ?? 'cbc'] };
  if (name === 'chacha20') return { family: 'chacha20', mode: 'stream' };
  if (name === 'chacha20-poly1305') return { family: 'chacha20', mode: 'poly1305' };
  m = /^sm4(?:-(ecb|cbc|cfb|ofb|ctr))?$/.exec(name);
  if (m) return { family: 'sm4', bits: 128, mode: MODE_WORDS[m[1] ?? 'cbc'] };
  m = /^(seed|idea|bf|blowfish|cast|cast5|rc2)(?:-(40|64|128))?(?:-(ecb|cbc|cfb|ofb))?$/.exec(name);
  if (m) {
    const family: CipherFamily = m[1] === 'bf' || m[1] === 'blowfish' ? 'blowfish' : m[1] === 'cast5' ? 'cast' : (m[1] as CipherFamily);
    return { family, mode: MODE_WORDS[m[3] ?? 'cbc'] };
  }
  if (/^rc4(-40|-hmac-md5)?$/.test(name)) return { family: 'rc4', mode: 'stream' };
  return undefined;
}

export interface CipherFamilyPolicy {
  display: string;
  status: ProfileStatus;
  reason: string;
  /** Node 20 + OpenSSL 3.0 FIPS provider (§3.2/§3.3). */
  fipsRuntime: FipsRuntime;
}

const TDEA3_ENCRYPT: StatusRule = dated('2023-12-31', 'DEPR', 'NO');
const notApproved = (display: string, fipsRuntime: FipsRuntime = 'throws'): CipherFamilyPolicy => ({
  display,
  status: everyProfile('NO'),
  reason: `${display} is not an approved block cipher (SP 800-140C; only AES and, for decryption, TDEA are approved)`,
  fipsRuntime,
});

export const CIPHER_FAMILIES: Record<CipherFamily, CipherFamilyPolicy> = {
  aes: { display: 'AES', status: everyProfile('OK'), reason: '', fipsRuntime: 'runs' },
  tdea3: {
    display: 'Triple DES (3-key TDEA)',
    status: { 'fips-140-2': byOperation(TDEA3_ENCRYPT, 'LEGACY'), 'fips-140-3': byOperation(TDEA3_ENCRYPT, 'LEGACY'), 'cnsa-2.0': 'NO' },
    reason: 'TDEA encryption is disallowed after 2023 and decryption is legacy use only (SP 800-131A Rev 2 §2, Table 1; SP 800-67 Rev 2 withdrawn)',
    fipsRuntime: 'runs',
  },
  tdea2: {
    display: 'Triple DES (2-key TDEA)',
    status: { 'fips-140-2': byOperation('NO', 'LEGACY'), 'fips-140-3': byOperation('NO', 'LEGACY'), 'cnsa-2.0': 'NO' },
    reason: 'two-key TDEA encryption is disallowed and decryption is legacy use only (SP 800-131A Rev 2 §2, Table 1)',
    fipsRuntime: 'throws',
  },
  des: {
    display: 'DES',
    status: everyProfile('NO'),
    reason: 'single DES is not an approved block cipher (56-bit key; FIPS 46-3 withdrawn, SP 800-131A Rev 2 §2)',
    fipsRuntime: 'throws',
  },
  'tdea-wrap': {
    display: 'CMS Triple-DES key wrap',
    status: everyProfile('NO'),
    reason: 'CMS TDEA key wrap (RFC 3217) is not SP 800-38F key wrapping',
    fipsRuntime: 'throws',
  },
  chacha20: {
    display: 'ChaCha20',
    status: everyProfile('NO'),
    reason: 'ChaCha20 and ChaCha20-Poly1305 are not in the SP 800-38 series and not approved (SP 800-140C)',
    fipsRuntime: 'throws',
  },
  aria: notApproved('ARIA'),
  camellia: notApproved('Camellia'),
  sm4: notApproved('SM4'),
  seed: notApproved('SEED'),
  idea: notApproved('IDEA'),
  cast: notApproved('CAST5'),
  blowfish: notApproved('Blowfish'),
  rc2: notApproved('RC2'),
  rc4: notApproved('RC4'),
};

/** Block size in bytes: the IV length CBC/CFB/OFB want. */
export function cipherBlockBytes(parsed: ParsedCipher): number {
  return ['aes', 'aria', 'camellia', 'sm4'].includes(parsed.family) ? 16 : 8;
}

/**
 * What a fix writes instead of a non-approved cipher (reference §2.3, §4). The first choice is the
 * preferred one. Each choice says what changes for code around it.
 */
export interface CipherReplacement {
  name: string;
  note: string;
}

export function cipherReplacements(parsed: ParsedCipher, profile: ProfileId): CipherReplacement[] {
  const gcm: CipherReplacement = {
    name: 'aes-256-gcm',
    note: 'authenticated: 12-byte IV, a 16-byte auth tag to store and check, new key',
  };
  if (parsed.family === 'tdea-wrap') return [{ name: 'id-aes256-wrap-pad', note: 'AES key wrap with padding (SP 800-38F KWP)' }];
  // Same-mode AES keeps the shape of the code for ciphers that differ only in the block cipher.
  const sameModeFamilies: CipherFamily[] = ['aria', 'camellia', 'sm4', 'seed', 'idea', 'cast', 'blowfish', 'rc2', 'des', 'tdea3', 'tdea2'];
  if (sameModeFamilies.includes(parsed.family) && parsed.mode !== 'gcm' && parsed.mode !== 'ccm') {
    const sameBits = profile === 'cnsa-2.0' ? 256 : parsed.bits ?? 256;
    const blockChange = cipherBlockBytes(parsed) === 8 && parsed.mode !== 'ecb' ? '; IV 8 → 16 bytes' : '';
    const sameMode: CipherReplacement = {
      name: `aes-${sameBits}-${parsed.mode}`,
      note: `same mode, unauthenticated${blockChange}; new key`,
    };
    return parsed.mode === 'ecb' ? [gcm] : [gcm, sameMode];
  }
  if ((parsed.family === 'aria' || parsed.family === 'camellia') && (parsed.mode === 'gcm' || parsed.mode === 'ccm')) {
    const sameBits = profile === 'cnsa-2.0' ? 256 : parsed.bits ?? 256;
    return [{ name: `aes-${sameBits}-${parsed.mode}`, note: 'same AEAD mode and IV/tag sizes; new key' }];
  }
  if (parsed.family === 'chacha20' && parsed.mode === 'poly1305') {
    return [{ name: 'aes-256-gcm', note: 'same 12-byte nonce and 16-byte tag; different ciphertext, new key' }];
  }
  if (parsed.family === 'chacha20' || parsed.family === 'rc4') {
    return [gcm, { name: 'aes-256-ctr', note: 'stream mode like the original, unauthenticated; 16-byte IV, new key' }];
  }
  return [gcm];
}

/**
 * Reference §5: ECB is a warning today (approved by SP 800-38A but leaks equal blocks) and an
 * error for encryption under the draft SP 800-131A Rev 3.
 */
export const ECB_STATUS = byOperation(withRev3('DEPR', 'NO'), withRev3('OK', 'LEGACY'));
