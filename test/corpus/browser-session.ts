// Front-end session helpers (React app). `// expect: <rule>` marks findings.
import SHA256 from 'crypto-js/sha256';
import Hex from 'crypto-js/enc-hex';
import { SignJWT, jwtVerify, importJWK } from 'jose';

export function deviceFingerprint(parts: string[]): string {
  return SHA256(parts.join('|')).toString(Hex); // expect: crypto-js
}

export function newSessionId(): string {
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function tempPassword(length = 12): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from({ length }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join(''); // expect: insecure-random
}

export function confettiPieces(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    key: `piece-${i}-${Math.random()}`,
    left: `${Math.random() * 100}%`,
    hue: Math.floor(Math.random() * 360),
  }));
}

export async function signPreview(claims: Record<string, unknown>, secret: Uint8Array): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('10m').sign(secret);
}

export async function verifyPartner(token: string, jwk: JsonWebKey) {
  const key = await importJWK(jwk, 'ES256K'); // expect: jwt-algorithm
  return jwtVerify(token, key, { algorithms: ['ES256K'] }); // expect: jwt-algorithm
}

export function pickVariant(variants: string[]): string {
  return variants[Math.floor(Math.random() * variants.length)];
}
