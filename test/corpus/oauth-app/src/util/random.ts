// Small helpers for identifiers. `expect` comments mark findings; `unresolved` comments, values known only at run time.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomString(length = 32): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)]; // expect: insecure-random
  return out;
}

// Correlates log lines of one request; never used for anything secret.
export const requestId = (): string => Math.random().toString(36).slice(2, 10);

export function pickBackend<T>(backends: readonly T[]): T {
  return backends[Math.floor(Math.random() * backends.length)];
}
