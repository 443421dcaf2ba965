// Key management helpers.
import { generateKeyPairSync, generateKeyPair, createECDH, getDiffieHellman, createDiffieHellman, createSign, createVerify, sign, publicEncrypt, privateDecrypt, constants } from 'crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

export enum KeyStrength {
  Legacy = 1024, // expect: rsa-key-size
  Standard = 3072,
}

export function signingKeys() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

export function testKeys() {
  return generateKeyPairSync('rsa', { modulusLength: KeyStrength.Legacy });
}

export async function asyncKeys(bits = 512) { // expect: rsa-key-size
  return generateKeyPairAsync('rsa', { modulusLength: bits }); // unresolved: parameter `bits` of exported function
}

export function walletKeys() {
  return generateKeyPairSync('ec', { namedCurve: 'secp256k1' }); // expect: elliptic-curve
}

export function serverKeys() {
  return generateKeyPairSync('ec', { namedCurve: 'P-384' });
}

export function iotKeys() {
  const ecdh = createECDH('prime192v1'); // expect: elliptic-curve
  ecdh.generateKeys();
  return ecdh;
}

export function legacyDh() {
  const dh = getDiffieHellman('modp2'); // expect: dh-parameters
  dh.generateKeys();
  return dh;
}

export function customDh() {
  return createDiffieHellman(1024); // expect: dh-parameters
}

export function ephemeral() {
  return generateKeyPairSync('x25519'); // expect: x25519-key-agreement
}

export function signDocument(doc: Buffer, key: string) {
  return createSign('sha1').update(doc).sign(key); // expect: signature-digest
}

export function verifyDocument(doc: Buffer, key: string, sig: Buffer) {
  return createVerify('sha256').update(doc).verify(key, sig);
}

export function signPss(doc: Buffer, key: string) {
  return sign('sha256', doc, { key, padding: constants.RSA_PKCS1_PSS_PADDING }); // expect: rsa-padding
}

export function wrapSecret(secret: Buffer, publicKey: string) {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, secret); // expect: rsa-padding
}

export function unwrapSecret(data: Buffer, privateKey: string) {
  return privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, data);
}

export function dsaKeys() {
  return generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }); // expect: dsa-signature
}

export function sshKeys() {
  return generateKeyPairSync('ed25519');
}
