// Messaging and wallet helpers over pure-JS crypto libraries. `// expect: <rule>` marks findings.
import nacl from 'tweetnacl';
import { decodeUTF8, encodeBase64 } from 'tweetnacl-util';
import * as secp from '@noble/secp256k1';
import { sha256 } from '@noble/hashes/sha256';
import { keccak_256 } from '@noble/hashes/sha3';
import { ec as EC } from 'elliptic';
import sodium from 'libsodium-wrappers';

const ec = new EC('secp256k1'); // expect: js-crypto-library
const p256 = new EC('p256'); // expect: js-crypto-library

export function sealForRecipient(message: string, theirPublicKey: Uint8Array, mySecretKey: Uint8Array) {
  const nonce = nacl.randomBytes(nacl.box.nonceLength); // expect: js-crypto-library
  const box = nacl.box(decodeUTF8(message), nonce, theirPublicKey, mySecretKey); // expect: js-crypto-library
  return { nonce: encodeBase64(nonce), box: encodeBase64(box) };
}

export function signMessage(message: Uint8Array, secretKey: Uint8Array) {
  return nacl.sign.detached(message, secretKey); // expect: js-crypto-library
}

export async function signTx(hash: Uint8Array, privateKey: Uint8Array) {
  return secp.signAsync(hash, privateKey); // expect: js-crypto-library
}

export function address(publicKey: Uint8Array) {
  return keccak_256(publicKey.slice(1)).slice(-20); // expect: js-crypto-library
}

export function digest(data: Uint8Array) {
  return sha256(data); // expect: js-crypto-library
}

export function ellipticSign(msgHash: string, priv: string) {
  return ec.keyFromPrivate(priv, 'hex').sign(msgHash);
}

export function p256Key() {
  return p256.genKeyPair();
}

export async function encryptNote(note: string, key: Uint8Array) {
  await sodium.ready;
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES); // expect: js-crypto-library
  return sodium.crypto_secretbox_easy(note, nonce, key); // expect: js-crypto-library
}

// A local helper that happens to share a name with a library function.
function box(width: number, height: number) {
  return { width, height };
}
export const layout = box(10, 20);
