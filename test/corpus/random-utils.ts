// Mixed utility module: some randomness is for secrets, most is not. `// expect: <rule>` marks findings.
import { randomUUID } from 'node:crypto';

export function generateApiKey(): string {
  return 'sk_' + Math.random().toString(36).substring(2) + Math.random().toString(36).substring(2); // expect: insecure-random
}

export function makeId(length: number): string {
  let result = '';
  const characters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < length; i++) {
    result += characters.charAt(Math.floor(Math.random() * characters.length)); // expect: insecure-random
  }
  return result;
}

export const passwordResetToken = makeId(32);

export function sixDigitCode(): string {
  const verificationCode = Math.floor(100000 + Math.random() * 900000); // expect: insecure-random
  return String(verificationCode);
}

export function backoff(attempt: number): number {
  const base = Math.min(30000, 2 ** attempt * 100);
  return base + Math.random() * base * 0.2;
}

export function pickColor(): string {
  const colors = ['#e11', '#1e1', '#11e'];
  return colors[Math.floor(Math.random() * colors.length)];
}

export function shuffleDeck<T>(cards: T[]): T[] {
  return [...cards].sort(() => Math.random() - 0.5);
}

export function requestId(): string {
  return randomUUID();
}

export function sampleRate(): boolean {
  return Math.random() < 0.05;
}

export function csrfToken(): string {
  return Date.now().toString(36) + Math.random().toString(36).slice(2); // expect: insecure-random
}

export const animation = { delay: Math.random() * 300, duration: 200 };
