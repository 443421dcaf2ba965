// A service written to the FIPS 140-3 policy, with look-alike names: nothing to report.
import crypto from 'node:crypto';
import https from 'node:https';
import tls from 'node:tls';

class Md5Cache {
  private readonly store = new Map<string, string>();
  md5(key: string): string | undefined {
    return this.store.get(key);
  }
}

const cipherNames = { legacy: 'des-ede3-cbc', current: 'aes-256-gcm' };
const report = { md5: 'not used', sha1: 'not used', rc4: false };

export function seal(key: Buffer, text: string) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv(cipherNames.current, key, iv, { authTagLength: 16 });
  const data = Buffer.concat([cipher.update(text), cipher.final()]);
  return { iv, data, tag: cipher.getAuthTag() };
}

export function digest(data: string, algorithm: string) {
  return crypto.createHash(algorithm).update(data).digest('hex'); // unresolved: parameter `algorithm` of exported function `digest`
}

export function kdf(password: string) {
  const salt = crypto.randomBytes(16);
  return { salt, key: crypto.pbkdf2Sync(password, salt, 600_000, 32, 'sha256') };
}

export function keys() {
  return crypto.generateKeyPairSync('rsa', { modulusLength: 3072 });
}

export function ecdh() {
  return crypto.createECDH('prime256v1');
}

export const agent = new https.Agent({ keepAlive: true, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' });

export function server(key: Buffer, cert: Buffer) {
  return tls.createServer({ key, cert, ciphers: 'TLS_AES_256_GCM_SHA384:ECDHE-ECDSA-AES128-GCM-SHA256', ecdhCurve: 'P-256:P-384' });
}

export function shuffle<T>(items: T[]): T[] {
  return items.sort(() => Math.random() - 0.5);
}

export function describe() {
  const md5 = new Md5Cache();
  return { md5, report, note: 'rejectUnauthorized: false is forbidden here' };
}

export function hkdf(secret: Buffer) {
  return crypto.hkdfSync('sha256', secret, crypto.randomBytes(16), 'ctx', 32);
}
