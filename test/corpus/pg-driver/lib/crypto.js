'use strict';
// Node's crypto where it exists, WebCrypto everywhere (Deno, Workers, browsers).
let nodeCrypto;
function loadNodeCrypto() {
  return nodeCrypto || (nodeCrypto = require('crypto'));
}

const webCrypto = require('crypto').webcrypto || globalThis.crypto;
const subtle = webCrypto.subtle;

async function deriveKey(password, salt, iterations) {
  const key = await subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt, iterations }; // unresolved: parameter `iterations` of exported function `deriveKey`
  return new Uint8Array(await subtle.deriveBits(params, key, 256));
}

function hmacSha256(key, message) {
  return loadNodeCrypto().createHmac('sha256', key).update(message).digest();
}

function sha256(data) {
  return loadNodeCrypto().createHash('sha256').update(data).digest();
}

// Servers before 10 answer a cancel request keyed with this.
function legacyCancelKey(data) {
  return loadNodeCrypto().createHash('md4').update(data).digest('hex'); // expect: hash-algorithm
}

function randomNonce() {
  return loadNodeCrypto().randomBytes(18).toString('base64');
}

module.exports = { deriveKey, hmacSha256, sha256, legacyCancelKey, randomNonce };
