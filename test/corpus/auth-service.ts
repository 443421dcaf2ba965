// Express-style auth service. `// expect: <rule>` marks each line where fipslint must report.
import crypto, { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

const PASSWORD_ITERATIONS = 1000; // expect: kdf-parameters
const TOKEN_BYTES = 32;

export interface StoredUser {
  id: string;
  email: string;
  salt: string;
  hash: string;
}

export function hashPassword(password: string, salt = randomBytes(16)): { salt: string; hash: string } {
  const hash = pbkdf2Sync(password, salt, PASSWORD_ITERATIONS, 64, 'sha512');
  return { salt: salt.toString('hex'), hash: hash.toString('hex') };
}

export function legacyHash(password: string, email: string): string {
  // v1 accounts: salted MD5, kept for old rows
  return createHash('md5').update(email + password).digest('hex'); // expect: hash-algorithm, password-hashing
}

export function verifyPassword(user: StoredUser, password: string): boolean {
  const candidate = pbkdf2Sync(password, Buffer.from(user.salt, 'hex'), PASSWORD_ITERATIONS, 64, 'sha512');
  return timingSafeEqual(candidate, Buffer.from(user.hash, 'hex'));
}

export function gravatarUrl(email: string): string {
  const digest = crypto.createHash('md5').update(email.trim().toLowerCase()).digest('hex'); // expect: hash-algorithm
  return `https://www.gravatar.com/avatar/${digest}`;
}

export function etag(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64')}"`;
}

export function sessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function signWebhook(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

export function signLegacyWebhook(payload: string): string {
  return createHmac('sha1', 'hook-key').update(payload).digest('hex'); // expect: hmac-parameters
}

export function apiKeyFingerprint(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export function resetCode(req: Request, res: Response): void {
  const code = crypto.createHash('ripemd160').update(req.body.email + Date.now()).digest('hex'); // expect: hash-algorithm
  res.json({ code: code.slice(0, 8) });
}

const DIGESTS = { strong: 'sha384', weak: 'md4' } as const; // expect: hash-algorithm

export function cacheKey(parts: string[], strong: boolean): string {
  return createHash(strong ? DIGESTS.strong : DIGESTS.weak).update(parts.join('|')).digest('hex');
}

export function log(message: string): void {
  console.info(`[auth] md5 and sha1 are only used for legacy rows: ${message}`);
}
