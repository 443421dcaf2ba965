'use strict';
// CommonJS encryption helpers of a document service.
const crypto = require('crypto');
const { createCipheriv, createDecipheriv } = require('crypto');

const ALGORITHM = 'aes-256-cbc';
const LEGACY_ALGORITHM = 'des-ede3-cbc';
const STATIC_IV = Buffer.from('a1b2c3d4e5f60718'); // expect: cipher-iv

function encrypt(text, key) {
  const cipher = createCipheriv(ALGORITHM, key, STATIC_IV);
  return Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]).toString('base64');
}

function encryptRandomIv(text, key) {
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv(ALGORITHM, key, iv);
  return Buffer.concat([iv, cipher.update(text), cipher.final()]);
}

function decryptLegacy(payload, key, iv) {
  const decipher = createDecipheriv(LEGACY_ALGORITHM, key, iv);
  return Buffer.concat([decipher.update(payload), decipher.final()]).toString('utf8');
}

function encryptLegacy(payload, key, iv) {
  const cipher = crypto.createCipheriv('des-ede3-cbc', key, iv); // expect: cipher-algorithm
  return Buffer.concat([cipher.update(payload), cipher.final()]);
}

function encryptBlowfish(data, key) {
  const cipher = crypto.createCipheriv('bf-ecb', key, ''); // expect: cipher-algorithm
  return cipher.update(data);
}

function wrapKeyEcb(key, kek) {
  const cipher = crypto.createCipheriv('aes-128-ecb', kek, null); // expect: cipher-mode
  return Buffer.concat([cipher.update(key), cipher.final()]);
}

function encryptWithPassword(text, password) {
  const cipher = crypto.createCipher('aes192', password); // expect: no-create-cipher
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

function sealGcm(plaintext, key) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, data, tag: cipher.getAuthTag() };
}

function openGcmShortTag(sealed, key) {
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: 4 }); // expect: aead-tag-length
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.data), decipher.final()]);
}

function streamCipher(key, nonce) {
  return crypto.createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 }); // expect: cipher-algorithm
}

function rc4(key) {
  return crypto.createCipheriv('RC4', key, null); // expect: cipher-algorithm
}

const modes = { fast: 'aes-128-ctr', compat: 'camellia-256-cbc' }; // expect: cipher-algorithm
function pick(mode, key, iv) {
  return crypto.createCipheriv(modes[mode === 'fast' ? 'fast' : 'compat'], key, iv);
}

function unrelated() {
  const algorithms = ['des', 'rc4', 'md5'];
  return algorithms.map((a) => a.toUpperCase());
}

module.exports = { encrypt, encryptRandomIv, decryptLegacy, encryptLegacy, encryptBlowfish, wrapKeyEcb, encryptWithPassword, sealGcm, openGcmShortTag, streamCipher, rc4, pick, unrelated };
