let nodeCrypto: typeof import('node:crypto') | undefined;
try {
  nodeCrypto = require('node:crypto');
} catch {
  nodeCrypto = undefined;
}

const CIPHERS: Record<string, string> = { modern: 'aes-256-gcm', archive: 'des-ede3-cbc' };

export async function legacyKeyPair() {
  const { generateKeyPairSync } = await import('node:crypto');
  return generateKeyPairSync('rsa', { modulusLength: 1024 }); // expect: rsa-key-size
}

export function certificateFingerprint(pem: string): string {
  return nodeCrypto!.createHash('md5').update(pem).digest('hex'); // expect: hash-algorithm
}

export function configuredFingerprint(pem: string): string {
  return nodeCrypto!.createHash(process.env.FINGERPRINT_HASH ?? 'sha256').update(pem).digest('hex'); // unresolved: process.env.FINGERPRINT_HASH
}

export function cipherFor(kind: string, key: Buffer, iv: Buffer) {
  return nodeCrypto!.createCipheriv(CIPHERS[kind], key, iv); // unresolved: a table indexed at run time
}
