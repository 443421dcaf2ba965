import { createHash, createHmac } from 'node:crypto';

export function digest(algorithm: string, data: string | Buffer): string {
  return createHash(algorithm).update(data).digest('hex'); // unresolved: parameter `algorithm` of exported function `digest`
}

export const sha256 = (data: string | Buffer): string => digest('sha256', data);

export function sign(data: string, key: string, algorithm = 'sha256'): string {
  return createHmac(algorithm, key).update(data).digest('base64'); // unresolved: parameter `algorithm` of exported function `sign`
}
