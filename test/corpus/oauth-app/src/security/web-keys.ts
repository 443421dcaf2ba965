import nodeCrypto from 'node:crypto';

// Runs in Node and in the browser build: WebCrypto from whichever is there.
export class WebKeys {
  private readonly subtle: SubtleCrypto;

  constructor() {
    this.subtle = (globalThis.crypto || nodeCrypto.webcrypto).subtle as SubtleCrypto;
  }

  signingKey(): Promise<CryptoKeyPair> {
    return this.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1536, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, false, ['sign', 'verify']); // expect: rsa-key-size
  }

  sessionKey(): Promise<CryptoKey> {
    return this.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  }
}

const lazy = {
  get crypto(): typeof nodeCrypto {
    return require('node:crypto');
  },
};

export function cacheKey(input: string): string {
  return lazy.crypto.createHash('sha1').update(input).digest('base64url');
}

export function legacyCacheKey(input: string): string {
  return lazy.crypto.createHash('md5').update(input).digest('base64url'); // expect: hash-algorithm
}

export function databaseOptions(insecure: boolean) {
  const options: Record<string, unknown> = { host: 'db.internal' };
  options.ssl = insecure ? { rejectUnauthorized: false } : true; // expect: tls-certificate-validation
  return options;
}
