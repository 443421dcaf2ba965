// Browser-side crypto of a single-page app.
const subtle = window.crypto.subtle;
const encoder = new TextEncoder();

export async function contentId(data: ArrayBuffer): Promise<ArrayBuffer> {
  return subtle.digest('SHA-1', data);
}

export async function integrity(data: ArrayBuffer): Promise<ArrayBuffer> {
  return crypto.subtle.digest({ name: 'SHA-384' }, data);
}

export async function legacySigningKey(jwk: JsonWebKey): Promise<CryptoKey> {
  return subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, false, ['sign']); // expect: signature-digest
}

export async function weakRsa(): Promise<CryptoKeyPair> {
  return subtle.generateKey(
    {
      name: 'RSA-PSS',
      modulusLength: 1024, // expect: rsa-key-size
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  );
}

export async function ecKeys(): Promise<CryptoKeyPair> {
  return subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
}

export async function derive(password: string, salt: Uint8Array): Promise<CryptoKey> {
  const base = await subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 100_000 }, // expect: kdf-parameters
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

const FIXED_IV = new Uint8Array(12); // expect: cipher-iv

export async function encrypt(key: CryptoKey, text: string): Promise<ArrayBuffer> {
  return subtle.encrypt({ name: 'AES-GCM', iv: FIXED_IV, tagLength: 64 }, key, encoder.encode(text)); // expect: aead-tag-length
}

export async function encryptProperly(key: CryptoKey, text: string) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: await subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(text)) };
}

export async function agree(): Promise<CryptoKeyPair> {
  return subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']) as Promise<CryptoKeyPair>; // expect: x25519-key-agreement
}

export async function hmacKey(): Promise<CryptoKey> {
  return subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 64 }, false, ['sign']); // expect: hmac-parameters
}
