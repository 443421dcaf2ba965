// User signup and login with bcrypt, CommonJS. `// expect: <rule>` marks findings.
const bcrypt = require('bcrypt');
const bcryptjs = require('bcryptjs');
const argon2 = require('argon2');
const crypto = require('crypto');
const db = require('./db');

const SALT_ROUNDS = 10;

async function signup(email, password) {
  const hash = await bcrypt.hash(password, SALT_ROUNDS); // expect: password-hashing
  return db.users.insert({ email, hash });
}

async function login(email, password) {
  const user = await db.users.findOne({ email });
  if (!user) return null;
  const ok = await bcrypt.compare(password, user.hash); // expect: password-hashing
  return ok ? user : null;
}

function legacySeed(password) {
  return bcryptjs.hashSync(password, bcryptjs.genSaltSync(8)); // expect: password-hashing
}

async function adminHash(password) {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 2 ** 16 }); // expect: password-hashing
}

function apiKeyDigest(apiKey) {
  return crypto.pbkdf2Sync(apiKey, 'static-salt', 1000, 32, 'sha256').toString('hex'); // expect: kdf-parameters
}

function fastCheck(password, salt) {
  return crypto.scryptSync(password, salt, 64); // expect: no-scrypt
}

function resetToken() {
  return crypto.randomBytes(32).toString('hex');
}

module.exports = { signup, login, legacySeed, adminHash, apiKeyDigest, fastCheck, resetToken };
