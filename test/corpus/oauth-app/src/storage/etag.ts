import { digest, sign } from '../util';

// Objects keep the ETag format the CDN already has cached.
export function etagOf(body: Buffer): string {
  return `"${digest('md5', body)}"`; // expect: hash-algorithm
}

export function contentHash(body: Buffer): string {
  return digest('sha384', body);
}

export function partnerSignature(payload: string, key: string): string {
  return sign(payload, key, 'md5'); // expect: hmac-parameters
}
