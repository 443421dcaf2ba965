// Helpers from a Node/Express API written over several years. `// expect: <rule>` marks findings.
require('dotenv').config();
const crypto = require('crypto');
const jwt = require('jsonwebtoken');
const CryptoJS = require('crypto-js');
const axios = require('axios');
const https = require('https');

const ACCESS_SECRET = process.env.ACCESS_SECRET || 'local-dev-access-secret-please-change'; // expect: hardcoded-key-material
const REFRESH_SECRET = process.env.REFRESH_SECRET;
const ENCRYPTION_KEY = 'k8Zx2VqP4mN7rT1yW9bC3dF6gH0jL5sA'; // expect: hardcoded-key-material
const IV_LENGTH = 16;

function signAccess(user) {
  return jwt.sign({ id: user.id, role: user.role }, ACCESS_SECRET, { expiresIn: '15m' });
}

function signRefresh(user, done) {
  jwt.sign({ id: user.id }, REFRESH_SECRET, { algorithm: 'HS256', expiresIn: '7d' }, done);
}

function readRefresh(token, done) {
  jwt.verify(token, REFRESH_SECRET, done); // expect: jwt-algorithm
}

function readAccess(token) {
  return jwt.verify(token, ACCESS_SECRET, { algorithms: ['HS256'] });
}

function encrypt(text) {
  const iv = crypto.randomBytes(IV_LENGTH);
  const cipher = crypto.createCipheriv('aes-256-cbc', Buffer.from(ENCRYPTION_KEY), iv);
  return iv.toString('hex') + ':' + Buffer.concat([cipher.update(text), cipher.final()]).toString('hex');
}

function decrypt(text) {
  const [ivHex, dataHex] = text.split(':');
  const decipher = crypto.createDecipheriv('aes-256-cbc', Buffer.from(ENCRYPTION_KEY), Buffer.from(ivHex, 'hex'));
  return Buffer.concat([decipher.update(Buffer.from(dataHex, 'hex')), decipher.final()]).toString();
}

function generateOtp(digits = 6) {
  let otp = '';
  for (let i = 0; i < digits; i++) otp += Math.floor(Math.random() * 10); // expect: insecure-random
  return otp;
}

function inviteCode() {
  return crypto.randomBytes(5).toString('hex').toUpperCase();
}

function requestId() {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function retryDelay(attempt) {
  return Math.min(1000 * 2 ** attempt, 30000) + Math.floor(Math.random() * 250);
}

function legacyChecksum(payload) {
  return CryptoJS.MD5(JSON.stringify(payload)).toString(); // expect: crypto-js
}

function webhookSignature(body) {
  return crypto.createHmac('sha256', process.env.WEBHOOK_SECRET).update(body).digest('hex');
}

const partnerClient = axios.create({
  baseURL: process.env.PARTNER_URL,
  httpsAgent: new https.Agent({ rejectUnauthorized: process.env.NODE_ENV === 'production' }), // unresolved: process.env.NODE_ENV
});

const reportsClient = axios.create({
  baseURL: 'https://reports.internal',
  httpsAgent: new https.Agent({ keepAlive: true, rejectUnauthorized: false }), // expect: tls-certificate-validation
});

module.exports = { signAccess, signRefresh, readRefresh, readAccess, encrypt, decrypt, generateOtp, inviteCode, requestId, retryDelay, legacyChecksum, webhookSignature, partnerClient, reportsClient };
