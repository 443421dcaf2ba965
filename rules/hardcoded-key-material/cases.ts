import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    {
      name: 'keys from the environment and the CSPRNG',
      code: `import crypto from 'node:crypto';\nconst key = Buffer.from(process.env.DATA_KEY!, 'base64');\ncrypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12));\ncrypto.createHmac('sha256', crypto.randomBytes(32));`,
    },
    { name: "a short HMAC key is hmac-parameters' finding", code: `import { createHmac } from 'node:crypto';\ncreateHmac('sha256', 'secret');` },
    { name: 'a public key in the code is fine', code: `import crypto from 'node:crypto';\ncrypto.publicEncrypt('-----BEGIN PUBLIC KEY-----\\nMIIB...\\n-----END PUBLIC KEY-----', data);` },
    { name: 'a key whose value is unknown', code: `import jwt from 'jsonwebtoken';\nexport const issue = (secret: string) => jwt.sign({}, secret, { algorithm: 'HS256' });` },
    { name: 'session secrets from the environment', code: `import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));` },
    { name: 'Koa keys from the environment', code: `import Koa from 'koa';\nconst app = new Koa();\napp.keys = [process.env.COOKIE_KEY_NEW!, process.env.COOKIE_KEY_OLD!];` },
  ],
  invalid: [
    {
      name: 'express-session: a written secret',
      code: `import session from 'express-session';\napp.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: true }));`,
      errors: [{ line: 2, text: "'keyboard cat'", severity: 'warning', message: 'session or cookie signing secret' }],
      output: null,
    },
    {
      name: 'cookie-session keys and cookie-parser (CJS)',
      filename: 'case.js',
      code: `const cookieSession = require('cookie-session');\nconst cookieParser = require('cookie-parser');\napp.use(cookieSession({ name: 'sid', keys: ['first-signing-key', process.env.OLD_KEY] }));\napp.use(cookieParser('another-signing-secret'));`,
      errors: [
        { line: 3, text: "'first-signing-key'" },
        { line: 4, text: "'another-signing-secret'" },
      ],
      output: null,
    },
    {
      name: 'Koa app.keys',
      code: `import Koa from 'koa';\nconst app = new Koa();\napp.keys = ['im a newer secret', 'i like turtle'];`,
      errors: [
        { line: 3, text: "'im a newer secret'", message: 'Koa cookie signing key' },
        { line: 3, text: "'i like turtle'" },
      ],
      output: null,
    },
    {
      name: 'jose: a secret written as text and encoded',
      code: `import { SignJWT, jwtVerify } from 'jose';\nconst secret = new TextEncoder().encode('cc7e0d44fd473002f1c42167459001140ec6389b7353f8088f4d9a95f2f596f2');\nexport const issue = (sub: string) => new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).sign(secret);\nexport const check = (token: string) => jwtVerify(token, secret);`,
      errors: [
        { line: 2, text: "new TextEncoder().encode('cc7e0d44fd473002f1c42167459001140ec6389b7353f8088f4d9a95f2f596f2')", message: 'JWT secret' },
      ],
      output: null,
    },
    {
      name: 'jose 1.x/2.x: a written secret',
      filename: 'case.js',
      code: `const { JWT, JWK } = require('jose');\nconst key = JWK.asKey('a-shared-secret-that-is-long-enough-for-hs256');\nconst token = JWT.sign({ sub }, key, { algorithm: 'HS256' });`,
      errors: [{ line: 2, text: "'a-shared-secret-that-is-long-enough-for-hs256'", message: 'JOSE secret' }],
      output: null,
    },
    {
      name: 'Fastify plugins registered with written secrets',
      code: `import Fastify from 'fastify';\nimport fastifyCookie from '@fastify/cookie';\nimport fastifyJwt from '@fastify/jwt';\nconst app = Fastify();\napp.register(fastifyCookie, { secret: 'my-cookie-signing-secret' });\napp.register(fastifyJwt, { secret: 'supersecret-jwt-signing-key-0001' });`,
      errors: [
        { line: 5, text: "'my-cookie-signing-secret'", message: 'session or cookie signing secret' },
        { line: 6, text: "'supersecret-jwt-signing-key-0001'", message: 'JWT secret' },
      ],
      output: null,
    },
    {
      name: 'NestJS passport strategy: secretOrKey given to super()',
      code: `import { PassportStrategy } from '@nestjs/passport';\nimport { ExtractJwt, Strategy } from 'passport-jwt';\nexport class JwtStrategy extends PassportStrategy(Strategy) {\n  constructor() {\n    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: 'nest-jwt-secret-please-change-me' });\n  }\n}`,
      errors: [{ line: 5, text: "'nest-jwt-secret-please-change-me'", message: 'JWT secret' }],
      output: null,
    },
    {
      name: 'an ECDH private key written in the code',
      code: `import crypto from 'node:crypto';\nconst ecdh = crypto.createECDH('prime256v1');\necdh.setPrivateKey('0f3c4b8a9e2d71c65a4b3f2e1d0c9b8a7f6e5d4c3b2a19081726354453627181', 'hex');`,
      errors: [{ line: 3, text: "'0f3c4b8a9e2d71c65a4b3f2e1d0c9b8a7f6e5d4c3b2a19081726354453627181'", message: 'ECDH private key' }],
      output: null,
    },
    {
      name: 'node-jose: an oct JWK written in the code',
      filename: 'case.js',
      code: `const jose = require('node-jose');\nconst key = await jose.JWK.asKey({ kty: 'oct', k: 'GawgguFyGrWKav7AX4VKUg-bq9EUSl3w8u3A9Lb9iQE' });`,
      errors: [{ line: 2, text: "'GawgguFyGrWKav7AX4VKUg-bq9EUSl3w8u3A9Lb9iQE'", message: 'JWK secret' }],
      output: null,
    },
    {
      name: 'NextAuth secret with a fallback',
      code: `import NextAuth from 'next-auth';\nexport default NextAuth({ providers: [], secret: process.env.NEXTAUTH_SECRET ?? 'a-development-only-nextauth-secret' });`,
      errors: [{ line: 2, text: "'a-development-only-nextauth-secret'", message: 'fallback' }],
      output: null,
    },
    {
      name: 'a cipher key as a constant hex buffer, in another statement',
      code: `import crypto from 'node:crypto';\nconst KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');\ncrypto.createCipheriv('aes-256-gcm', KEY, iv);`,
      errors: [{ line: 2, text: "Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex')", severity: 'warning', message: 'written in the source code' }],
      output: null,
    },
    {
      name: 'an HMAC key literal and an environment fallback (CJS)',
      filename: 'case.js',
      code: `const crypto = require('crypto');\nconst sig = crypto.createHmac('sha256', 'a-long-webhook-signing-secret').update(body).digest('hex');\nconst key = process.env.SESSION_KEY || 'dev-only-session-key-1234';\ncrypto.createHmac('sha256', key);`,
      errors: [
        { line: 2, text: "'a-long-webhook-signing-secret'", severity: 'warning' },
        { line: 3, text: "'dev-only-session-key-1234'", severity: 'warning', message: 'fallback' },
      ],
      output: null,
    },
    {
      name: 'JWT secrets: jsonwebtoken, express-jwt, passport-jwt',
      code: `import jwt from 'jsonwebtoken';\nimport { expressjwt } from 'express-jwt';\nimport { Strategy } from 'passport-jwt';\nconst JWT_SECRET = 'super-secret-signing-key-2024';\njwt.sign(claims, JWT_SECRET, { algorithm: 'HS256' });\napp.use(expressjwt({ secret: 'another-long-shared-secret', algorithms: ['HS256'] }));\nnew Strategy({ secretOrKey: 'passport-long-shared-secret', algorithms: ['HS256'], jwtFromRequest }, verify);`,
      errors: [
        { line: 4, text: "'super-secret-signing-key-2024'", severity: 'warning', message: 'JWT secret' },
        { line: 6, text: "'another-long-shared-secret'", severity: 'warning' },
        { line: 7, text: "'passport-long-shared-secret'", severity: 'warning' },
      ],
      output: null,
    },
    {
      name: 'a PEM private key, a raw WebCrypto key and a crypto-js AES key',
      code: `import crypto from 'node:crypto';\nimport CryptoJS from 'crypto-js';\nconst PEM = '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg...\\n-----END PRIVATE KEY-----';\ncrypto.createPrivateKey(PEM);\nawait crypto.subtle.importKey('raw', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]), 'AES-GCM', false, ['encrypt']);\nCryptoJS.AES.encrypt(msg, 'correct horse battery staple');`,
      errors: [
        { line: 3, text: "'-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg...\\n-----END PRIVATE KEY-----'", severity: 'warning', message: 'private key' },
        { line: 5, text: 'new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])', severity: 'warning' },
        { line: 6, text: "'correct horse battery staple'", severity: 'warning', message: 'passphrase' },
      ],
      output: null,
    },
  ],
};
