import type { ApiPath } from './resolve';

/**
 * npm packages whose APIs the rules know (reference §2.5, §2.9–2.11), and how their module
 * specifiers and call results map onto API paths. A path starts with the package name
 * (`['crypto-js', 'MD5']`, `['jsonwebtoken', 'sign']`), so `import md5 from 'crypto-js/md5'`,
 * `require('crypto-js').MD5` and `import { MD5 } from 'crypto-js'` all name `crypto-js.MD5`.
 */
const PACKAGES = new Set([
  'crypto-js',
  'node-forge',
  'jsonwebtoken',
  'jose',
  'jwt-simple',
  'express-jwt',
  'passport-jwt',
  'bcrypt',
  'bcryptjs',
  'argon2',
  'scrypt-js',
  '@node-rs/bcrypt',
  '@node-rs/argon2',
  'tweetnacl',
  'libsodium-wrappers',
  'sodium-native',
  'elliptic',
  'secp256k1',
  '@noble/hashes',
  '@noble/curves',
  '@noble/ciphers',
  '@noble/ed25519',
  '@noble/secp256k1',
  '@noble/post-quantum',
  'sjcl',
  'jsrsasign',
  'node-rsa',
  'axios',
  'got',
  'undici',
  'superagent',
  'ws',
  'pg',
  'mysql',
  'mysql2',
  'mongodb',
  'mongoose',
  'ioredis',
  'redis',
  'nodemailer',
  'request',
  'needle',
  'sequelize',
  'sequelize-typescript',
  'typeorm',
  'knex',
  'postgres',
  'mariadb',
  'mssql',
  'tedious',
  'amqplib',
  'kafkajs',
  'ldapjs',
  'mqtt',
  'socket.io-client',
  '@elastic/elasticsearch',
  'cassandra-driver',
  'imapflow',
  'imap',
  'nats',
  'http-proxy',
  'http-proxy-middleware',
  'aws-cdk-lib',
  'express-session',
  'cookie-session',
  'cookie-parser',
  'cookie-signature',
  'koa',
  'koa-jwt',
  'koa-session',
  'next-auth',
  'jwt-decode',
  'fastify',
  '@fastify/cookie',
  '@fastify/secure-session',
  '@fastify/jwt',
  'shortid',
  'seedrandom',
  'node-jose',
  'random-js',
  'bcrypt-pbkdf',
  'uuid',
  'chance',
]);

/** Package spellings that export the same API (`libsodium-wrappers-sumo` is a superset build). */
const ALIASES: Record<string, string> = {
  // Fastify's plugins before the @fastify scope.
  'fastify-cookie': '@fastify/cookie',
  'fastify-secure-session': '@fastify/secure-session',
  'fastify-jwt': '@fastify/jwt',
  'libsodium-wrappers-sumo': 'libsodium-wrappers',
  'mysql2/promise': 'mysql2',
  'bcrypt-nodejs': 'bcryptjs',
  'amqplib/callback_api': 'amqplib',
  'mariadb/callback': 'mariadb',
};

/** `crypto-js/<file>` exports one member of the whole library (crypto-js 4.2.0 file names). */
const CRYPTO_JS_FILES: Record<string, string[]> = {
  md5: ['MD5'],
  sha1: ['SHA1'],
  sha224: ['SHA224'],
  sha256: ['SHA256'],
  sha384: ['SHA384'],
  sha512: ['SHA512'],
  sha3: ['SHA3'],
  ripemd160: ['RIPEMD160'],
  'hmac-md5': ['HmacMD5'],
  'hmac-sha1': ['HmacSHA1'],
  'hmac-sha224': ['HmacSHA224'],
  'hmac-sha256': ['HmacSHA256'],
  'hmac-sha384': ['HmacSHA384'],
  'hmac-sha512': ['HmacSHA512'],
  'hmac-sha3': ['HmacSHA3'],
  'hmac-ripemd160': ['HmacRIPEMD160'],
  pbkdf2: ['PBKDF2'],
  evpkdf: ['EvpKDF'],
  aes: ['AES'],
  tripledes: ['TripleDES'],
  rc4: ['RC4'],
  rabbit: ['Rabbit'],
  'rabbit-legacy': ['RabbitLegacy'],
  blowfish: ['Blowfish'],
  'mode-ecb': ['mode', 'ECB'],
  'mode-cfb': ['mode', 'CFB'],
  'mode-ofb': ['mode', 'OFB'],
  'mode-ctr': ['mode', 'CTR'],
  'mode-ctr-gladman': ['mode', 'CTRGladman'],
  'pad-nopadding': ['pad', 'NoPadding'],
  'pad-zeropadding': ['pad', 'ZeroPadding'],
  'pad-iso10126': ['pad', 'Iso10126'],
  'pad-iso97971': ['pad', 'Iso97971'],
  'pad-ansix923': ['pad', 'AnsiX923'],
  'pad-pkcs7': ['pad', 'Pkcs7'],
  'enc-hex': ['enc', 'Hex'],
  'enc-base64': ['enc', 'Base64'],
  'enc-base64url': ['enc', 'Base64url'],
  'enc-utf8': ['enc', 'Utf8'],
  'enc-latin1': ['enc', 'Latin1'],
  'enc-utf16': ['enc', 'Utf16'],
};

/** The API path a package specifier stands for, or undefined when no rule cares about it. */
export function libraryModulePath(specifier: string): ApiPath | undefined {
  const bare = specifier.replace(/\.(c|m)?js$/, '');
  if (ALIASES[bare]) return [ALIASES[bare]];
  if (PACKAGES.has(bare)) return [bare];
  // AWS CDK: `aws-cdk-lib/aws-elasticloadbalancingv2` (and CDK v1's `@aws-cdk/aws-elasticloadbalancingv2`)
  // is the `aws_elasticloadbalancingv2` namespace that `aws-cdk-lib` itself exports.
  // AWS SDK v3: every `@aws-sdk/client-*` package exports its `XxxClient` class (normalizeLibraryPath).
  if (/^@aws-sdk\/client-[a-z0-9-]+$/.test(bare)) return ['@aws-sdk/client'];
  const cdk = /^(?:aws-cdk-lib\/|@aws-cdk\/)(aws-[a-z0-9-]+)$/.exec(bare);
  if (cdk) return ['aws-cdk-lib', cdk[1].replace(/-/g, '_')];
  if (bare.startsWith('crypto-js/')) {
    const file = bare.slice('crypto-js/'.length);
    return ['crypto-js', ...(CRYPTO_JS_FILES[file] ?? [])];
  }
  // `@noble/hashes/sha256`, `@noble/curves/secp256k1`: named exports of the package.
  const scoped = /^(@[^/]+\/[^/]+)\//.exec(bare);
  if (scoped && PACKAGES.has(scoped[1])) return [scoped[1]];
  // `node-forge/lib/md5`: the same `forge` object.
  if (bare.startsWith('node-forge/')) return ['node-forge'];
  return undefined;
}

export function isLibraryRoot(name: string): boolean {
  return PACKAGES.has(name);
}

/** Calls whose result is a known object: `API called` → the path its members are read under. */
const CALL_RESULTS: Readonly<Record<string, ApiPath>> = {
  ...Object.fromEntries(['publicKeyFromPem', 'setRsaPublicKey', 'rsa.setPublicKey', 'publicKeyFromAsn1'].map((f) => [`node-forge.pki.${f}`, ['node-forge', 'pki', 'publicKey']])),
  ...Object.fromEntries(['privateKeyFromPem', 'decryptRsaPrivateKey', 'setRsaPrivateKey', 'rsa.setPrivateKey', 'privateKeyFromAsn1'].map((f) => [`node-forge.pki.${f}`, ['node-forge', 'pki', 'privateKey']])),
  ...Object.fromEntries(['createCertificate', 'certificateFromPem', 'certificateFromAsn1'].map((f) => [`node-forge.pki.${f}`, ['node-forge', 'pki', 'certificate']])),
  ...Object.fromEntries(['createCertificationRequest', 'certificationRequestFromPem'].map((f) => [`node-forge.pki.${f}`, ['node-forge', 'pki', 'certificationRequest']])),
  'node-forge.pki.rsa.generateKeyPair': ['node-forge', 'pki', 'rsa', 'keyPair'],
  'node-forge.hmac.create': ['node-forge', 'hmac', 'instance'],
  'axios.create': ['axios'],
  'got.extend': ['got'],
  seedrandom: ['seedrandom', 'instance'],
  fastify: ['fastify', 'instance'],
  'fastify.fastify': ['fastify', 'instance'],
  // node:crypto key-agreement objects, for `ecdh.setPrivateKey(...)`.
  'crypto.createECDH': ['crypto', 'ECDH', 'instance'],
  ...Object.fromEntries(['createDiffieHellman', 'getDiffieHellman', 'createDiffieHellmanGroup'].map((f) => [`crypto.${f}`, ['crypto', 'DiffieHellman', 'instance']])),
};

/**
 * What calling a library API returns, when rules read members of the result: a forge key pair,
 * a configured axios or got instance, a superagent request (every method returns it), a jose
 * builder (`new SignJWT(p).setProtectedHeader(h).sign(k)`).
 */
export function libraryCallResult(callee: ApiPath): ApiPath | undefined {
  const known = CALL_RESULTS[callee.join('.')];
  if (known) return [...known];
  if (callee[0] === 'superagent') return ['superagent', 'request'];
  if (callee[0] === 'node-forge' && callee[1] === 'md' && callee[callee.length - 1] === 'create') return [...callee.slice(0, -1), 'instance'];
  // jose's builders return `this` from every setter.
  if (callee[0] === 'jose' && callee[2] === 'instance' && callee.length === 4) return callee.slice(0, 3);
  return undefined;
}

/** Library spellings folded onto one path (a forge key pair's `publicKey` is a forge public key). */
export function normalizeLibraryPath(path: ApiPath): ApiPath {
  if (path[1] === 'default' && PACKAGES.has(path[0])) path = [path[0], ...path.slice(2)];
  // `new S3Client(...)`, `new KMSClient(...)`: one API for every AWS SDK v3 client.
  if (path[0] === '@aws-sdk/client' && path.length > 1 && path[1].endsWith('Client')) path = ['@aws-sdk/client', 'Client', ...path.slice(2)];
  if (path[0] === 'node-forge') {
    // `forge.pki.rsa.keyPair.publicKey`, `cert.publicKey`, `forge.rsa.*` (an alias of `forge.pki.rsa`).
    if (path[1] === 'rsa') path = ['node-forge', 'pki', ...path.slice(1)];
    const owner = path.slice(2, 4).join('.');
    if ((owner === 'rsa.keyPair' || path[2] === 'certificate' || path[2] === 'certificationRequest') && (path.includes('publicKey') || path.includes('privateKey'))) {
      const index = path.findIndex((segment) => segment === 'publicKey' || segment === 'privateKey');
      path = ['node-forge', 'pki', ...path.slice(index)];
    }
  }
  return path;
}
