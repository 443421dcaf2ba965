import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    { name: 'PBKDF2 in node:crypto', code: `import { pbkdf2Sync, randomBytes } from 'node:crypto';\nconst salt = randomBytes(16);\npbkdf2Sync(password, salt, 600000, 32, 'sha256');` },
    { name: 'a local object called bcrypt', code: `const bcrypt = { hash: async (s: string) => s };\nawait bcrypt.hash('pw');` },
    { name: 'a project module named like a library', code: `import { hash } from './argon2';\nhash('x');` },
    { name: 'a digest of other data', code: `import { createHash } from 'node:crypto';\nexport const etag = (body: string) => createHash('sha256').update(body).digest('hex');\nexport const bypass = (bypassPass: string) => createHash('sha256').update(bypassPass).digest('hex');` },
  ],
  invalid: [
    {
      name: "bcrypt-pbkdf (OpenSSH's key-file KDF)",
      filename: 'case.js',
      code: `const bcryptPbkdf = require('bcrypt-pbkdf');\nbcryptPbkdf.pbkdf(pass, pass.length, salt, salt.length, out, 48, 16);`,
      errors: [{ line: 2, text: 'bcryptPbkdf.pbkdf', message: 'bcrypt' }],
      output: null,
    },
    {
      name: 'a digest stored as the password',
      filename: 'case.js',
      code: `const crypto = require('crypto');\nfunction enroll(account, secretText) {\n  const hashed = crypto.createHash('sha512').update(secretText).digest('base64');\n  account.setPassword(hashed);\n}\nfunction reset(account, text) {\n  account.passwordHash = crypto.createHash('sha256').update(text).digest('hex');\n}`,
      errors: [
        { line: 3, text: 'secretText', message: 'bare digest (sha512)' },
        { line: 7, text: 'text', message: 'bare digest (sha256)' },
      ],
      output: null,
    },
    {
      name: 'a password through a bare digest',
      code: `import crypto from 'node:crypto';\nexport const store = (user: { password: string; salt: string }) => crypto.createHash('sha256').update(user.password + user.salt).digest('hex');\nexport const legacy = (pwd: string) => crypto.hash('sha1', pwd);`,
      errors: [
        { line: 2, text: 'user.password', severity: 'error', message: 'bare digest (sha256)' },
        { line: 3, text: 'pwd', message: 'bare digest (sha1)' },
      ],
      output: null,
    },
    {
      name: 'bcrypt in ESM, async: no fix',
      code: `import bcrypt from 'bcrypt';\nconst salt = await bcrypt.genSalt(12);\nconst hash = await bcrypt.hash(password, salt);\nconst ok = await bcrypt.compare(password, user.hash);`,
      errors: [
        { line: 2, text: 'bcrypt.genSalt', severity: 'error', message: 'SP 800-132' },
        { line: 3, text: 'bcrypt.hash', severity: 'error', message: 'migrated' },
        { line: 4, text: 'bcrypt.compare', severity: 'error', message: 'checks a password' },
      ],
      output: null,
    },
    {
      name: 'bcryptjs hashSync in CommonJS: fix to a tagged PBKDF2 string',
      filename: 'case.js',
      code: `const bcrypt = require('bcryptjs');\nconst crypto = require('crypto');\nconst stored = bcrypt.hashSync(req.body.password, 10);`,
      errors: [{ line: 3, text: 'bcrypt.hashSync', severity: 'error' }],
      output: "const bcrypt = require('bcryptjs');\nconst crypto = require('crypto');\nconst stored = ((salt) => `pbkdf2-sha256$600000$${salt.toString('base64')}$${crypto.pbkdf2Sync(req.body.password, salt, 600000, 32, 'sha256').toString('base64')}`)(crypto.randomBytes(16));",
    },
    {
      name: 'named imports; the node:crypto import is added once',
      code: `import { hashSync, compareSync } from 'bcryptjs';\nexport const hashed = hashSync(pw, 8);\nexport const same = compareSync(pw, hashed);`,
      errors: [
        { line: 2, text: 'hashSync', severity: 'error' },
        { line: 3, text: 'compareSync', severity: 'error' },
      ],
      output: "import { hashSync, compareSync } from 'bcryptjs';\nimport { pbkdf2Sync, randomBytes } from 'node:crypto';\nexport const hashed = ((salt) => `pbkdf2-sha256$600000$${salt.toString('base64')}$${pbkdf2Sync(pw, salt, 600000, 32, 'sha256').toString('base64')}`)(randomBytes(16));\nexport const same = compareSync(pw, hashed);",
    },
    {
      name: 'argon2 and @node-rs/argon2',
      code: `import * as argon2 from 'argon2';\nimport { hash as rsHash } from '@node-rs/argon2';\nawait argon2.hash(password, { type: argon2.argon2id });\nawait argon2.verify(stored, password);\nawait rsHash(password);`,
      errors: [
        { line: 3, text: 'argon2.hash', severity: 'error', message: 'Argon2' },
        { line: 4, text: 'argon2.verify', severity: 'error' },
        { line: 5, text: 'rsHash', severity: 'error' },
      ],
      output: null,
    },
    {
      name: 'scrypt-js and @node-rs/bcrypt',
      filename: 'case.mjs',
      code: `import { scrypt } from 'scrypt-js';\nimport { hash } from '@node-rs/bcrypt';\nconst key = await scrypt(pw, salt, 16384, 8, 1, 32);\nconst h = await hash(pw, 10);`,
      errors: [
        { line: 3, text: 'scrypt', severity: 'error', message: 'scrypt' },
        { line: 4, text: 'hash', severity: 'error' },
      ],
      output: null,
    },
  ],
};
