// Utility module from an Express app that predates node:crypto use. `// expect: <rule>` marks findings.
'use strict';
const CryptoJS = require('crypto-js');
const md5 = require('crypto-js/md5');
const sha256 = require('crypto-js/sha256');
const Base64 = require('crypto-js/enc-base64');

const SECRET = process.env.APP_SECRET;

function encryptPayload(payload) {
  return CryptoJS.AES.encrypt(JSON.stringify(payload), SECRET).toString(); // expect: crypto-js
}

function decryptPayload(ciphertext) {
  const bytes = CryptoJS.AES.decrypt(ciphertext, SECRET); // expect: crypto-js
  return JSON.parse(bytes.toString(CryptoJS.enc.Utf8));
}

function avatarUrl(email) {
  return `https://www.gravatar.com/avatar/${md5(email.trim().toLowerCase())}`; // expect: crypto-js
}

function contentHash(body) {
  return Base64.stringify(sha256(body)); // expect: crypto-js
}

function signRequest(query, apiSecret) {
  return CryptoJS.HmacSHA1(query, apiSecret).toString(CryptoJS.enc.Hex); // expect: crypto-js
}

function legacyToken(userId) {
  const key = CryptoJS.enc.Utf8.parse(process.env.TOKEN_KEY);
  const iv = CryptoJS.enc.Utf8.parse(process.env.TOKEN_IV);
  return CryptoJS.DES.encrypt(String(userId), key, { iv }).toString(); // expect: crypto-js
}

function tripleDesDecrypt(data, key) {
  return CryptoJS.TripleDES.decrypt(data, CryptoJS.enc.Hex.parse(key)).toString(CryptoJS.enc.Utf8);
}

function encryptCard(number, keyHex) {
  const key = CryptoJS.enc.Hex.parse(keyHex);
  return CryptoJS.AES.encrypt(number, key, { mode: CryptoJS.mode.ECB, padding: CryptoJS.pad.Pkcs7 }).toString(); // expect: crypto-js
}

function deriveKey(password, salt) {
  return CryptoJS.PBKDF2(password, salt, { keySize: 256 / 32, iterations: 100 }); // expect: crypto-js
}

function checksum(text) {
  // Not crypto: a local helper object with an md5 field.
  const stats = { md5: null, length: text.length };
  stats.md5 = text.length.toString(16);
  return stats;
}

module.exports = { encryptPayload, decryptPayload, avatarUrl, contentHash, signRequest, legacyToken, tripleDesDecrypt, encryptCard, deriveKey, checksum };
