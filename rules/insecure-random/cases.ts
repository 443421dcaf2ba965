import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    { name: 'random-js over the platform CSPRNG', code: `import { Random, nodeCrypto } from 'random-js';\nconst random = new Random(nodeCrypto);\nexport const apiToken = random.string(32);` },
    { name: 'shortid and uuid v1 for ids that are not secrets', code: `import shortid from 'shortid';\nimport { v1 } from 'uuid';\nexport const orderId = shortid.generate();\nexport const traceId = v1();` },
    { name: 'animation', code: `const opacity = Math.random();\nel.style.transform = \`rotate(\${Math.random() * 360}deg)\`;` },
    { name: 'retry jitter, even next to a token', code: `export function tokenRefreshDelay(attempt: number) {\n  const jitter = Math.random() * 100;\n  return 2 ** attempt * 1000 + jitter;\n}` },
    { name: 'a UI shuffle', code: `export function shuffle<T>(items: T[]) {\n  for (let i = items.length - 1; i > 0; i--) {\n    const j = Math.floor(Math.random() * (i + 1));\n    [items[i], items[j]] = [items[j], items[i]];\n  }\n  return items;\n}` },
    { name: 'React list keys and cache keys are not secrets', code: `const rows = data.map((d) => ({ ...d, key: Math.random() }));\nconst cacheKey = 'c' + Math.random();` },
    { name: 'sampling', code: `if (Math.random() < 0.01) logger.debug('sampled');` },
    { name: 'a guessing game and a map pin', code: `const secretNumber = Math.floor(Math.random() * 100) + 1;\nconst pin = { lat: 51 + Math.random(), lng: Math.random() };` },
    { name: 'a project word marked harmless in the options', options: { harmlessWords: ['dice'] }, code: `export const diceToken = Math.floor(Math.random() * 6) + 1;` },
    { name: 'a local Math object', code: `const Math = { random: () => 4 };\nconst token = Math.random();` },
    {
      name: 'a random pick among algorithm names, and a coin flip, in a test matrix',
      code: `const encAlg = ['RSA-OAEP', 'RSA-OAEP-256'][Math.floor(Math.random() * 2)];\nconst useToken = Math.random() < 0.5;\nconfigure({ id_token_encrypted_response_alg: encAlg, token_endpoint_auth: useToken });`,
    },
  ],
  invalid: [
    {
      name: 'a temporary password (pw), and a user id that becomes the session cookie',
      filename: 'case.js',
      code: `exports.reset = (user) => {\n  const pw = Math.random().toString(36).slice(-10);\n  return mail(user, pw);\n};\nexports.login = (res) => {\n  const uid = String(Math.random());\n  res.cookie('sid', uid, { httpOnly: true });\n};`,
      errors: [
        { line: 2, text: 'Math.random()', message: '(pw)' },
        { line: 6, text: 'Math.random()', message: 'sid' },
      ],
      output: `const { randomBytes } = require('node:crypto');\nexports.reset = (user) => {\n  const pw = randomBytes(16).toString('hex');\n  return mail(user, pw);\n};\nexports.login = (res) => {\n  const uid = String(Math.random());\n  res.cookie('sid', uid, { httpOnly: true });\n};`,
    },
    {
      name: 'random-js on its default engine for a secret',
      code: `import { Random } from 'random-js';\nconst random = new Random();\nexport const apiToken = random.string(32);`,
      errors: [{ line: 3, text: 'random.string', message: 'random-js' }],
      output: null,
    },
    {
      name: 'seedrandom for a secret',
      filename: 'case.js',
      code: `const seedrandom = require('seedrandom');\nconst rng = seedrandom(String(Date.now()));\nexports.inviteCode = Math.floor(rng() * 1e8).toString(36);\nexports.shuffleOrder = rng.quick();`,
      errors: [{ line: 3, text: 'rng', message: 'seedrandom' }],
      output: null,
    },
    {
      name: 'Math.random as an HMAC key, a JWT secret, and an argument whose parameter is a secret',
      code: `import crypto from 'node:crypto';\nimport jwt from 'jsonwebtoken';\nexport const mac = (body: string) => crypto.createHmac('sha256', Math.random().toString(36)).update(body).digest('hex');\nexport const token = jwt.sign({ sub: 1 }, String(Math.random()));\nfunction remember(secret: string) { return secret.length; }\nremember(Math.random().toString(36).slice(2));`,
      errors: [
        { line: 3, text: 'Math.random()', message: 'cryptoKey' },
        { line: 4, text: 'Math.random()' },
        { line: 6, text: 'Math.random()', message: '(secret)' },
      ],
      output: `import crypto from 'node:crypto';\nimport jwt from 'jsonwebtoken';\nexport const mac = (body: string) => crypto.createHmac('sha256', crypto.randomBytes(16).toString('hex')).update(body).digest('hex');\nexport const token = jwt.sign({ sub: 1 }, String(Math.random()));\nfunction remember(secret: string) { return secret.length; }\nremember(crypto.randomBytes(16).toString('hex'));`,
    },
    {
      name: 'shortid, uuid v1 and Chance for secrets',
      code: `import shortid from 'shortid';\nimport { v1 as uuidv1 } from 'uuid';\nimport Chance from 'chance';\nconst chance = new Chance();\nexport const resetToken = shortid.generate();\nexport const apiKey = uuidv1();\nexport const sessionSecret = chance.string({ length: 32 });`,
      errors: [
        { line: 5, text: 'shortid.generate', message: 'resetToken' },
        { line: 6, text: 'uuidv1', message: 'uuid v1' },
        { line: 7, text: 'chance.string', message: 'Mersenne Twister' },
      ],
      output: null,
    },
    {
      name: 'the OAuth state in a URL query',
      code: `const id = () => Math.random().toString(36).slice(2);\nexport const url = \`/authorize?client_id=app&state=\${id()}\`;`,
      errors: [{ line: 1, text: 'Math.random()', severity: 'error', message: '(state)' }],
      output: `import { randomBytes } from 'node:crypto';\nconst id = () => randomBytes(16).toString('hex');\nexport const url = \`/authorize?client_id=app&state=\${id()}\`;`,
    },
    {
      name: 'a nonce picked from an alphabet of single characters',
      code: `const LETTERS = ['a', 'b', 'c', 'd'];\nexport const nonce = LETTERS[Math.floor(Math.random() * 4)] + LETTERS[0];`,
      errors: [{ line: 2, text: 'Math.random()', severity: 'error', message: '(nonce)' }],
      output: `import { randomInt } from 'node:crypto';\nconst LETTERS = ['a', 'b', 'c', 'd'];\nexport const nonce = LETTERS[randomInt(4)] + LETTERS[0];`,
    },
    {
      name: 'a project word marked secret in the options',
      options: { secretWords: ['voucher'] },
      code: `export const voucherCode = Math.random().toString(36).slice(2, 10);`,
      errors: [{ line: 1, text: 'Math.random()', severity: 'error', message: 'voucherCode' }],
      output: `import { randomBytes } from 'node:crypto';\nexport const voucherCode = randomBytes(16).toString('hex');`,
    },
    {
      name: 'a session token: toString(36) becomes randomBytes',
      code: `const sessionToken = Math.random().toString(36).slice(2);`,
      errors: [{ line: 1, text: 'Math.random()', severity: 'error', message: 'sessionToken' }],
      output: `import { randomBytes } from 'node:crypto';\nconst sessionToken = randomBytes(16).toString('hex');`,
    },
    {
      name: 'an OTP built digit by digit in a function named for it (CJS)',
      filename: 'case.js',
      code: `const crypto = require('crypto');\nfunction generateOtp() {\n  let out = '';\n  for (let i = 0; i < 6; i++) out += Math.floor(Math.random() * 10);\n  return out;\n}`,
      errors: [{ line: 4, text: 'Math.random()', severity: 'error', message: 'generateOtp' }],
      output: `const crypto = require('crypto');\nfunction generateOtp() {\n  let out = '';\n  for (let i = 0; i < 6; i++) out += crypto.randomInt(10);\n  return out;\n}`,
    },
    {
      name: 'a generic helper whose caller names the result a reset token',
      code: `function randomString(length: number) {\n  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';\n  let result = '';\n  for (let i = 0; i < length; i++) result += chars.charAt(Math.floor(Math.random() * chars.length));\n  return result;\n}\nexport const resetToken = randomString(24);`,
      errors: [{ line: 4, text: 'Math.random()', severity: 'error', message: 'resetToken' }],
      output: `import { randomInt } from 'node:crypto';\nfunction randomString(length: number) {\n  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';\n  let result = '';\n  for (let i = 0; i < length; i++) result += chars.charAt(randomInt(chars.length));\n  return result;\n}\nexport const resetToken = randomString(24);`,
    },
    {
      name: 'properties, IVs and salts; one hop through a variable',
      code: `import crypto from 'node:crypto';\nconst user = { passwordSalt: String(Math.random()) };\nconst n = Math.random() * 1e9;\nres.cookie('sid', n);\nconst iv = Buffer.from([Math.random() * 255]);`,
      errors: [
        { line: 2, text: 'Math.random()', severity: 'error', message: 'passwordSalt' },
        { line: 3, text: 'Math.random()', severity: 'error', message: 'sid' },
        { line: 5, text: 'Math.random()', severity: 'error', message: 'iv' },
      ],
      output: null,
    },
    {
      name: 'an API key assigned to a property; browser code gets no node:crypto fix',
      code: `window.config.apiKey = Math.random().toString(16).substring(2);`,
      errors: [{ line: 1, text: 'Math.random()', severity: 'error', message: 'apiKey' }],
      output: null,
    },
  ],
};
