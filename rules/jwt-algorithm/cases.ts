import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    { name: 'decoding to show a name, or to refresh before expiry', code: `import { jwtDecode } from 'jwt-decode';\nexport function greet(token: string) {\n  const claims = jwtDecode<{ name: string; exp: number }>(token);\n  if (claims.exp * 1000 < Date.now()) refresh();\n  return 'Hello ' + claims.name;\n}` },
    { name: 'decode, then verify in the same function', code: `import jwt from 'jsonwebtoken';\nexport function admin(token: string, key: string) {\n  const header = jwt.decode(token, { complete: true });\n  const claims = jwt.verify(token, key, { algorithms: ['ES256'] }) as { role: string };\n  if (claims.role === 'admin') return true;\n  return false;\n}` },
    { name: 'jwt-simple: an explicit false verifies', filename: 'case.js', code: `const jwt = require('jwt-simple');\nconst p = jwt.decode(token, process.env.JWT_SECRET, false, 'HS256');` },
    `import jwt from 'jsonwebtoken';\nconst token = jwt.sign(claims, privateKey, { algorithm: 'ES256', expiresIn: '1h' });\njwt.verify(token, publicKey, { algorithms: ['ES256'] });`,
    { name: 'an HS secret from the environment is not a literal', code: `import jwt from 'jsonwebtoken';\njwt.sign(claims, process.env.JWT_SECRET!, { algorithm: 'HS256' });` },
    { name: 'a local object called jwt', code: `const jwt = { sign: (a: unknown, b: string, c: object) => a };\njwt.sign({}, 'k', { algorithm: 'none' });` },
    { name: 'jose with a pinned ES256', code: `import { SignJWT, jwtVerify } from 'jose';\nconst t = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).sign(key);\nawait jwtVerify(t, pub, { algorithms: ['ES256'] });` },
    { name: 'EdDSA is approved under FIPS 140-3', code: `import * as jose from 'jose';\nawait jose.generateKeyPair('EdDSA');` },
    { name: 'passport-jwt with algorithms pinned', filename: 'case.js', code: `const { Strategy } = require('passport-jwt');\nnew Strategy({ secretOrKey: process.env.SECRET, algorithms: ['HS256'], jwtFromRequest }, verify);` },
  ],
  invalid: [
    {
      name: "sign with 'none' and a verifier that accepts it (CJS)",
      filename: 'case.js',
      code: `const jwt = require('jsonwebtoken');\nconst t = jwt.sign(claims, '', { algorithm: 'none' });\njwt.verify(t, secretKey, { algorithms: ['HS256', 'none'] });`,
      errors: [
        { line: 2, text: "'none'", severity: 'error', message: 'alg "none"' },
        { line: 3, text: "'none'", severity: 'error', message: 'accepts alg "none"' },
      ],
      output: `const jwt = require('jsonwebtoken');\nconst t = jwt.sign(claims, '', { algorithm: 'none' });\njwt.verify(t, secretKey, { algorithms: ['HS256'] });`,
    },
    {
      name: 'verify without algorithms: pinned for a string secret',
      code: `import jwt from 'jsonwebtoken';\nexport function check(token: string, secret: string) {\n  return jwt.verify(token, secret);\n}\njwt.verify(token, publicKeyPem, { complete: true });`,
      errors: [
        { line: 3, text: 'jwt.verify', severity: 'error', message: 'does not pin' },
        { line: 5, text: 'jwt.verify', severity: 'error' },
      ],
      output: `import jwt from 'jsonwebtoken';\nexport function check(token: string, secret: string) {\n  return jwt.verify(token, secret, { algorithms: ['HS256'] });\n}\njwt.verify(token, publicKeyPem, { complete: true });`,
    },
    {
      name: 'allowInsecureKeySizes and a short HS secret',
      code: `import { sign } from 'jsonwebtoken';\nconst SECRET = 'changeme';\nsign(claims, SECRET, { algorithm: 'HS256', allowInsecureKeySizes: true });`,
      errors: [
        { line: 2, text: "'changeme'", severity: 'error', message: '112 bits' },
        { line: 3, text: 'true', severity: 'error', message: 'allowInsecureKeySizes' },
      ],
      output: `import { sign } from 'jsonwebtoken';\nconst SECRET = 'changeme';\nsign(claims, SECRET, { algorithm: 'HS256' });`,
    },
    {
      name: 'ES256K is never approved; EdDSA not under FIPS 140-2',
      profile: 'fips-140-2',
      code: `import jwt from 'jsonwebtoken';\njwt.sign(claims, key, { algorithm: 'ES256K' });\njwt.sign(claims, key, { algorithm: 'EdDSA' });`,
      errors: [
        { line: 2, text: "'ES256K'", severity: 'error', message: 'secp256k1' },
        { line: 3, text: "'EdDSA'", severity: 'error' },
      ],
      output: `import jwt from 'jsonwebtoken';\njwt.sign(claims, key, { algorithm: 'ES256' });\njwt.sign(claims, key, { algorithm: 'ES256' });`,
    },
    {
      name: 'under CNSA 2.0 the HS256 default and RS256 are not accepted',
      profile: 'cnsa-2.0',
      code: `import jwt from 'jsonwebtoken';\njwt.sign(claims, key);\njwt.sign(claims, key, { algorithm: 'RS256' });`,
      errors: [
        { line: 2, text: 'jwt.sign', severity: 'error', message: 'HS256' },
        { line: 3, text: "'RS256'", severity: 'error' },
      ],
      output: `import jwt from 'jsonwebtoken';\njwt.sign(claims, key, { algorithm: 'HS384' });\njwt.sign(claims, key, { algorithm: 'RS384' });`,
    },
    {
      name: 'jose: UnsecuredJWT, RSA1_5, and a verifier accepting none',
      code: `import { UnsecuredJWT, CompactEncrypt, jwtVerify } from 'jose';\nconst t = new UnsecuredJWT(claims).encode();\nawait new CompactEncrypt(data).setProtectedHeader({ alg: 'RSA1_5', enc: 'A256GCM' }).encrypt(pub);\nawait jwtVerify(t, key, { algorithms: ['none'] });`,
      errors: [
        { line: 2, text: 'UnsecuredJWT', severity: 'error' },
        { line: 3, text: "'RSA1_5'", severity: 'error' },
        { line: 4, text: "'none'", severity: 'error' },
      ],
      output: `import { UnsecuredJWT, CompactEncrypt, jwtVerify } from 'jose';\nconst t = new UnsecuredJWT(claims).encode();\nawait new CompactEncrypt(data).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }).encrypt(pub);\nawait jwtVerify(t, key, { algorithms: ['none'] });`,
    },
    {
      name: 'jose key import and generation under CNSA',
      profile: 'cnsa-2.0',
      code: `import * as jose from 'jose';\nconst k = await jose.importSPKI(pem, 'ES256');\nconst s = await jose.generateSecret('A128GCM');`,
      errors: [
        { line: 2, text: "'ES256'", severity: 'error' },
        { line: 3, text: "'A128GCM'", severity: 'error' },
      ],
      output: `import * as jose from 'jose';\nconst k = await jose.importSPKI(pem, 'ES384');\nconst s = await jose.generateSecret('A256GCM');`,
    },
    {
      name: 'jwt-simple: decode without verification, a short key',
      filename: 'case.js',
      code: `const jwt = require('jwt-simple');\nconst t = jwt.encode(payload, 'k3y');\nconst p = jwt.decode(t, secret, true);`,
      errors: [
        { line: 2, text: "'k3y'", severity: 'error' },
        { line: 3, text: 'true', severity: 'error', message: 'without verifying' },
      ],
      output: null,
    },
    {
      name: 'jose 1.x/2.x: JWK.None, and a non-approved algorithm',
      filename: 'case.js',
      code: `const { JWT, JWK } = require('jose');\nconst unsigned = JWT.sign({ sub }, JWK.None);\nconst claims = JWT.verify(token, JWK.None);\nconst legacy = JWT.verify(token, key, { algorithms: ['RS256', 'HS256'] });`,
      errors: [
        { line: 2, text: 'JWK.None', message: 'unsecured token' },
        { line: 3, text: 'JWK.None', message: 'accepts unsecured tokens' },
      ],
      output: null,
    },
    {
      name: 'access decided on decoded, unverified claims',
      code: `import jwt from 'jsonwebtoken';\nexport function requireAdmin(req, res, next) {\n  const user = jwt.decode(req.headers.authorization.slice(7)) as { role?: string };\n  if (user?.role !== 'admin') return res.status(403).end();\n  next();\n}`,
      errors: [{ line: 3, text: 'jwt.decode', message: 'decides access on its claims' }],
      output: null,
    },
    {
      name: 'jose.decodeJwt with destructured scopes',
      code: `import { decodeJwt } from 'jose';\nexport const canWrite = (token: string) => {\n  const { scope } = decodeJwt(token);\n  return String(scope).includes('write') ? true : false;\n};`,
      errors: [{ line: 3, text: 'decodeJwt', message: 'without checking its signature' }],
      output: null,
    },
    {
      name: 'node-jose: RSA1_5 key transport in a JWE',
      filename: 'case.js',
      code: `const jose = require('node-jose');\nconst signer = jose.JWS.createSign({ format: 'compact', fields: { alg: 'ES256' } }, key);\nconst encrypter = jose.JWE.createEncrypt({ format: 'compact', contentAlg: 'A256GCM', fields: { alg: 'RSA1_5' } }, key);`,
      errors: [{ line: 3, text: "'RSA1_5'" }],
      output: `const jose = require('node-jose');\nconst signer = jose.JWS.createSign({ format: 'compact', fields: { alg: 'ES256' } }, key);\nconst encrypter = jose.JWE.createEncrypt({ format: 'compact', contentAlg: 'A256GCM', fields: { alg: 'RSA-OAEP-256' } }, key);`,
    },
    {
      name: 'the accepted algorithm taken from the token header',
      code: `import jwt from 'jsonwebtoken';\nexport function check(token: string, key: string) {\n  const decoded = jwt.decode(token, { complete: true })!;\n  return jwt.verify(token, key, { algorithms: [decoded.header.alg as jwt.Algorithm] });\n}`,
      errors: [{ line: 4, text: 'decoded.header.alg as jwt.Algorithm', message: 'read from the token itself' }],
      output: null,
    },
    {
      name: 'jwt-simple: any truthy third argument skips verification',
      filename: 'case.js',
      code: `const jwt = require('jwt-simple');\nconst a = jwt.decode(token, secret, 1);\nconst b = jwt.decode(token, secret, 'skip');`,
      errors: [
        { line: 2, text: '1', message: 'without verifying' },
        { line: 3, text: "'skip'", message: 'without verifying' },
      ],
      output: null,
    },
    {
      name: 'express-jwt and passport-jwt',
      code: `import { expressjwt } from 'express-jwt';\nimport { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';\napp.use(expressjwt({ secret: process.env.SECRET!, algorithms: ['HS256', 'none'] }));\npassport.use(new JwtStrategy({ secretOrKey: process.env.SECRET, jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken() }, verify));`,
      errors: [
        { line: 3, text: "'none'", severity: 'error' },
        { line: 4, text: 'JwtStrategy', severity: 'error', message: 'does not pin' },
      ],
      output: `import { expressjwt } from 'express-jwt';\nimport { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';\napp.use(expressjwt({ secret: process.env.SECRET!, algorithms: ['HS256'] }));\npassport.use(new JwtStrategy({ secretOrKey: process.env.SECRET, jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), algorithms: ['HS256'] }, verify));`,
    },
  ],
};
