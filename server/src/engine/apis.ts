import type { CipherFamily } from './policy/ciphers';

/**
 * Which API takes which argument, once, as data. Rules ask for an argument by role
 * (`site.argument('digest')`) instead of counting positions themselves.
 * Keys are normalised API paths (see `normalizeApiPath`): `crypto.subtle.digest` also covers
 * `globalThis.crypto.subtle.digest`, `window.crypto.subtle.digest` and
 * `require('crypto').webcrypto.subtle.digest`.
 */
export interface ApiSignature {
  /** Argument roles by position. `options` is special: see `optionsArgument`. */
  parameters: string[];
  /** The first argument that is an object literal (or holds one) is the options (tls.connect(port, host, options)). */
  optionsAnywhere?: boolean;
}

const sig = (...parameters: string[]): ApiSignature => ({ parameters });

/** crypto-js 4.2.0 hashers → the digest name the policy table knows. Its `SHA3` is apart: it is Keccak, not FIPS 202. */
export const CRYPTO_JS_HASHERS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  SHA1: 'sha1',
  SHA224: 'sha224',
  SHA256: 'sha256',
  SHA384: 'sha384',
  SHA512: 'sha512',
  RIPEMD160: 'ripemd160',
};
export const CRYPTO_JS_KECCAK = 'SHA3';

/** crypto-js 4.2.0 ciphers: their family in the policy table (Rabbit has none) and how messages name them. */
export const CRYPTO_JS_CIPHERS: Readonly<Record<string, { family: Extract<CipherFamily, 'aes' | 'des' | 'tdea3' | 'rc4' | 'blowfish'> | 'rabbit'; display: string }>> = {
  AES: { family: 'aes', display: 'AES' },
  DES: { family: 'des', display: 'DES' },
  TripleDES: { family: 'tdea3', display: 'Triple DES' },
  RC4: { family: 'rc4', display: 'RC4' },
  RC4Drop: { family: 'rc4', display: 'RC4-drop' },
  Rabbit: { family: 'rabbit', display: 'Rabbit' },
  RabbitLegacy: { family: 'rabbit', display: 'Rabbit (legacy)' },
  Blowfish: { family: 'blowfish', display: 'Blowfish' },
};
const optionsAnywhere: ApiSignature = { parameters: [], optionsAnywhere: true };

/** Primitive APIs of tweetnacl, libsodium, elliptic, @noble/*, sjcl, jsrsasign, node-rsa (reference §2.11). */
export const LIBRARY_PRIMITIVE_APIS: readonly string[] = (() => {
  const names: string[] = [];
  names.push(
    ...['secretbox', 'secretbox.open', 'box', 'box.open', 'box.before', 'box.after', 'box.keyPair', 'box.keyPair.fromSecretKey', 'scalarMult', 'scalarMult.base', 'sign', 'sign.open', 'sign.detached', 'sign.detached.verify', 'sign.keyPair', 'sign.keyPair.fromSeed', 'hash', 'randomBytes'].map((n) => `tweetnacl.${n}`),
  );
  const sodium = [
    'crypto_secretbox_easy', 'crypto_secretbox_open_easy', 'crypto_secretbox_detached', 'crypto_secretbox_open_detached', 'crypto_secretbox_keygen',
    'crypto_box_easy', 'crypto_box_open_easy', 'crypto_box_detached', 'crypto_box_open_detached', 'crypto_box_keypair', 'crypto_box_seed_keypair', 'crypto_box_seal', 'crypto_box_seal_open', 'crypto_box_beforenm', 'crypto_box_easy_afternm', 'crypto_box_open_easy_afternm',
    'crypto_scalarmult', 'crypto_scalarmult_base', 'crypto_kx_keypair', 'crypto_kx_seed_keypair', 'crypto_kx_client_session_keys', 'crypto_kx_server_session_keys',
    'crypto_sign', 'crypto_sign_open', 'crypto_sign_detached', 'crypto_sign_verify_detached', 'crypto_sign_keypair', 'crypto_sign_seed_keypair',
    'crypto_hash', 'crypto_hash_sha256', 'crypto_hash_sha512',
    'crypto_auth', 'crypto_auth_verify', 'crypto_auth_keygen', 'crypto_auth_hmacsha256', 'crypto_auth_hmacsha512', 'crypto_auth_hmacsha256_verify', 'crypto_auth_hmacsha512_verify',
    'crypto_aead_aes256gcm_encrypt', 'crypto_aead_aes256gcm_decrypt', 'crypto_aead_aes256gcm_keygen',
    'crypto_aead_chacha20poly1305_encrypt', 'crypto_aead_chacha20poly1305_decrypt', 'crypto_aead_chacha20poly1305_ietf_encrypt', 'crypto_aead_chacha20poly1305_ietf_decrypt',
    'crypto_aead_xchacha20poly1305_ietf_encrypt', 'crypto_aead_xchacha20poly1305_ietf_decrypt', 'crypto_aead_xchacha20poly1305_ietf_keygen',
    'crypto_secretstream_xchacha20poly1305_init_push', 'crypto_secretstream_xchacha20poly1305_init_pull', 'crypto_secretstream_xchacha20poly1305_keygen',
    'crypto_stream_xor', 'crypto_stream_chacha20_xor', 'crypto_stream_xchacha20_xor',
    'crypto_generichash', 'crypto_generichash_init', 'crypto_kdf_derive_from_key', 'crypto_kdf_keygen', 'crypto_shorthash',
    'crypto_pwhash', 'crypto_pwhash_str', 'crypto_pwhash_str_verify', 'crypto_pwhash_scryptsalsa208sha256', 'crypto_pwhash_scryptsalsa208sha256_str',
    'randombytes_buf',
  ];
  for (const lib of ['libsodium-wrappers', 'sodium-native']) names.push(...sodium.map((n) => `${lib}.${n}`));
  names.push('elliptic.ec', 'elliptic.eddsa');
  names.push(...['ecdsaSign', 'ecdsaVerify', 'publicKeyCreate', 'ecdh', 'sign', 'verify'].map((n) => `secp256k1.${n}`));
  const curveOps = ['sign', 'verify', 'getPublicKey', 'getSharedSecret', 'scalarMult', 'keygen'];
  for (const curve of ['secp256k1', 'schnorr', 'ed25519', 'ed25519ph', 'ed448', 'x25519', 'x448', 'p256', 'p384', 'p521', 'secp256r1', 'secp384r1', 'secp521r1']) names.push(...curveOps.map((op) => `@noble/curves.${curve}.${op}`));
  names.push(...['sign', 'signAsync', 'verify', 'verifyAsync', 'getPublicKey', 'getPublicKeyAsync', 'getSharedSecret'].flatMap((op) => [`@noble/secp256k1.${op}`, `@noble/ed25519.${op}`]));
  names.push(
    ...['md5', 'ripemd160', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512_256', 'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512', 'keccak_224', 'keccak_256', 'keccak_384', 'keccak_512', 'blake2b', 'blake2s', 'blake3', 'hmac', 'pbkdf2', 'pbkdf2Async', 'hkdf', 'scrypt', 'scryptAsync', 'argon2id', 'argon2i', 'argon2d', 'argon2idAsync'].map((n) => `@noble/hashes.${n}`),
  );
  names.push(...['chacha20poly1305', 'xchacha20poly1305', 'chacha20', 'xchacha20', 'salsa20', 'xsalsa20poly1305', 'gcm', 'cbc', 'ecb', 'ctr', 'siv', 'gcmsiv', 'aeskw', 'aeskwp'].map((n) => `@noble/ciphers.${n}`));
  names.push('sjcl.encrypt', 'sjcl.decrypt', 'sjcl.hash.sha1.hash', 'sjcl.hash.sha256.hash', 'sjcl.hash.sha512.hash', 'sjcl.hash.ripemd160.hash', 'sjcl.misc.pbkdf2', 'sjcl.misc.hmac', 'sjcl.random.randomWords');
  names.push('jsrsasign.KEYUTIL.generateKeypair', 'jsrsasign.KJUR.crypto.Signature', 'jsrsasign.KJUR.crypto.MessageDigest', 'jsrsasign.KJUR.crypto.Mac', 'jsrsasign.KJUR.jws.JWS.sign', 'jsrsasign.KJUR.jws.JWS.verify', 'jsrsasign.KJUR.jws.JWS.verifyJWT');
  names.push('node-rsa', 'node-rsa.instance.setOptions', 'node-rsa.instance.generateKeyPair');
  return names;
})();

/** Client libraries whose options carry TLS settings (reference §2.9 and issue list): checked for disabled validation. */
export const TLS_CLIENT_LIBRARY_APIS: readonly string[] = [
  ...['got', 'got.extend', 'got.get', 'got.post', 'got.put', 'got.patch', 'got.delete', 'got.head', 'got.stream', 'got.paginate'],
  ...['undici.Agent', 'undici.Pool', 'undici.Client', 'undici.ProxyAgent', 'undici.EnvHttpProxyAgent', 'undici.buildConnector', 'undici.fetch', 'undici.request'],
  ...['ws', 'ws.WebSocket'],
  ...['pg.Pool', 'pg.Client'],
  ...['mysql.createConnection', 'mysql.createPool', 'mysql2.createConnection', 'mysql2.createPool', 'mysql2.createPoolCluster'],
  ...['mongodb.MongoClient', 'mongodb.MongoClient.connect', 'mongoose.connect', 'mongoose.createConnection'],
  ...['ioredis', 'ioredis.Cluster', 'ioredis.Redis', 'redis.createClient', 'redis.createCluster'],
  ...['nodemailer.createTransport'],
  ...['request', 'request.get', 'request.post', 'request.put', 'request.patch', 'request.del', 'request.delete', 'request.head', 'request.defaults'],
  ...['needle', 'needle.get', 'needle.post', 'needle.put', 'needle.patch', 'needle.delete', 'needle.head', 'needle.request', 'needle.defaults'],
  ...['axios', 'axios.create', 'axios.request', 'axios.get', 'axios.post', 'axios.put', 'axios.patch', 'axios.delete'],
  ...['sequelize', 'sequelize.Sequelize', 'sequelize-typescript.Sequelize', 'typeorm.DataSource', 'typeorm.createConnection', 'knex', 'knex.knex', 'postgres', 'mariadb.createPool', 'mariadb.createConnection'],
  ...['mssql.connect', 'mssql.ConnectionPool', 'tedious.Connection', 'cassandra-driver.Client', '@elastic/elasticsearch.Client', 'nats.connect'],
  ...['amqplib.connect', 'kafkajs.Kafka', 'ldapjs.createClient', 'mqtt.connect', 'socket.io-client', 'socket.io-client.io', 'socket.io-client.connect', 'imapflow.ImapFlow', 'imap'],
  ...['http-proxy.createProxyServer', 'http-proxy.createProxy', 'http-proxy-middleware.createProxyMiddleware'],
];

/**
 * Where client libraries nest their TLS options: `pg` `ssl`, `mongodb`/`ioredis` `tls`, got
 * `https`, undici `connect`, request `agentOptions`, Sequelize `dialectOptions.ssl`, nodemailer
 * `tls`, mssql `options`...
 */
export const TLS_CLIENT_CONTAINERS: readonly string[] = ['ssl', 'tls', 'https', 'connect', 'agentOptions', 'connectionOptions', 'connection', 'socket', 'socketOptions', 'redisOptions', 'driverOptions', 'requestOptions', 'httpsOptions', 'tlsOptions', 'sslOptions', 'options', 'dialectOptions', 'extra', 'authentication'];

export const API_SIGNATURES: Record<string, ApiSignature> = {
  '@aws-sdk/client.Client': sig('config'),
  // AWS CDK constructs: new Construct(scope, id, props).
  'aws-cdk-lib.aws_opensearchservice.Domain': sig('scope', 'id', 'props'),
  'aws-cdk-lib.aws_elasticsearch.Domain': sig('scope', 'id', 'props'),
  'crypto.createHash': sig('algorithm', 'options'),
  'crypto.hash': sig('algorithm', 'data', 'outputEncoding'),
  'crypto.createHmac': sig('algorithm', 'key', 'options'),
  'crypto.createCipheriv': sig('algorithm', 'key', 'iv', 'options'),
  'crypto.createDecipheriv': sig('algorithm', 'key', 'iv', 'options'),
  'crypto.createCipher': sig('algorithm', 'password', 'options'),
  'crypto.createDecipher': sig('algorithm', 'password', 'options'),
  'crypto.createSign': sig('algorithm', 'options'),
  'crypto.createVerify': sig('algorithm', 'options'),
  'crypto.sign': sig('algorithm', 'data', 'key', 'callback'),
  'crypto.verify': sig('algorithm', 'data', 'key', 'signature', 'callback'),
  'crypto.publicEncrypt': sig('key', 'buffer'),
  'crypto.privateDecrypt': sig('key', 'buffer'),
  'crypto.privateEncrypt': sig('key', 'buffer'),
  'crypto.publicDecrypt': sig('key', 'buffer'),
  'crypto.generateKeyPair': sig('type', 'options', 'callback'),
  'crypto.generateKeyPairSync': sig('type', 'options'),
  'crypto.generateKey': sig('type', 'options', 'callback'),
  'crypto.generateKeySync': sig('type', 'options'),
  'crypto.createDiffieHellman': sig('prime', 'primeEncoding', 'generator', 'generatorEncoding'),
  'crypto.getDiffieHellman': sig('group'),
  'crypto.createDiffieHellmanGroup': sig('group'),
  'crypto.createECDH': sig('curve'),
  'crypto.pbkdf2': sig('password', 'salt', 'iterations', 'keylen', 'digest', 'callback'),
  'crypto.pbkdf2Sync': sig('password', 'salt', 'iterations', 'keylen', 'digest'),
  'crypto.scrypt': sig('password', 'salt', 'keylen', 'options', 'callback'),
  'crypto.scryptSync': sig('password', 'salt', 'keylen', 'options'),
  'crypto.hkdf': sig('digest', 'ikm', 'salt', 'info', 'keylen', 'callback'),
  'crypto.hkdfSync': sig('digest', 'ikm', 'salt', 'info', 'keylen'),
  'crypto.pseudoRandomBytes': sig('size', 'callback'),
  'crypto.prng': sig('size', 'callback'),
  'crypto.rng': sig('size', 'callback'),
  'crypto.subtle.digest': sig('algorithm', 'data'),
  'crypto.subtle.generateKey': sig('algorithm', 'extractable', 'keyUsages'),
  'crypto.subtle.importKey': sig('format', 'keyData', 'algorithm', 'extractable', 'keyUsages'),
  'crypto.subtle.deriveKey': sig('algorithm', 'baseKey', 'derivedKeyType', 'extractable', 'keyUsages'),
  'crypto.subtle.deriveBits': sig('algorithm', 'baseKey', 'length'),
  'crypto.subtle.encrypt': sig('algorithm', 'key', 'data'),
  'crypto.subtle.decrypt': sig('algorithm', 'key', 'data'),
  'crypto.subtle.sign': sig('algorithm', 'key', 'data'),
  'crypto.subtle.verify': sig('algorithm', 'key', 'signature', 'data'),
  'crypto.subtle.wrapKey': sig('format', 'key', 'wrappingKey', 'algorithm'),
  'crypto.subtle.unwrapKey': sig('format', 'wrappedKey', 'unwrappingKey', 'algorithm', 'unwrappedKeyAlgorithm', 'extractable', 'keyUsages'),
  'tls.connect': optionsAnywhere,
  'tls.createServer': optionsAnywhere,
  'tls.createSecureContext': optionsAnywhere,
  'tls.TLSSocket': optionsAnywhere,
  'https.request': optionsAnywhere,
  'https.get': optionsAnywhere,
  'https.createServer': optionsAnywhere,
  'https.Agent': optionsAnywhere,
  'http2.connect': optionsAnywhere,
  'http2.createSecureServer': optionsAnywhere,
  'Object.assign': sig('target', 'source'),
  'crypto.createSecretKey': sig('key', 'encoding'),
  'crypto.createPrivateKey': sig('key'),
  'Math.random': sig(),
  'superagent.request.disableTLSCerts': sig(),
  ...LIBRARY_SIGNATURES(),
};

/** Signatures of npm library APIs (reference §2.5, §2.9–2.11), built from their name lists. */
function LIBRARY_SIGNATURES(): Record<string, ApiSignature> {
  const out: Record<string, ApiSignature> = {};
  const add = (names: string[], signature: ApiSignature) => {
    for (const name of names) out[name] = signature;
  };
  // crypto-js 4.2.0
  const hashes = [...Object.keys(CRYPTO_JS_HASHERS), CRYPTO_JS_KECCAK];
  add(hashes.map((h) => `crypto-js.${h}`), sig('message', 'options'));
  add(hashes.map((h) => `crypto-js.algo.${h}.create`), sig('options'));
  add(hashes.map((h) => `crypto-js.Hmac${h}`), sig('message', 'key'));
  add(['crypto-js.algo.HMAC.create'], sig('hasher', 'key'));
  const ciphers = Object.keys(CRYPTO_JS_CIPHERS);
  add(ciphers.flatMap((c) => [`crypto-js.${c}.encrypt`, `crypto-js.${c}.decrypt`]), sig('data', 'key', 'options'));
  add(ciphers.flatMap((c) => [`crypto-js.algo.${c}.createEncryptor`, `crypto-js.algo.${c}.createDecryptor`]), sig('key', 'options'));
  add(['crypto-js.PBKDF2', 'crypto-js.EvpKDF'], sig('password', 'salt', 'options'));
  add(['crypto-js.algo.PBKDF2.create', 'crypto-js.algo.EvpKDF.create'], sig('options'));
  add(['crypto-js.lib.WordArray.random'], sig('size'));
  // node-forge 1.x
  const forgeDigests = ['md5', 'sha1', 'sha256', 'sha384', 'sha512'];
  add(forgeDigests.flatMap((d) => [`node-forge.md.${d}.create`, `node-forge.${d}.create`]), sig());
  add(['node-forge.hmac.instance.start'], sig('digest', 'key'));
  add(['node-forge.cipher.createCipher', 'node-forge.cipher.createDecipher'], sig('algorithm', 'key'));
  add(['aes', 'des', 'rc2'].flatMap((c) => [`node-forge.${c}.createEncryptionCipher`, `node-forge.${c}.createDecryptionCipher`]), sig('key', 'mode'));
  add(['node-forge.pki.rsa.generateKeyPair'], sig('bits', 'exponent', 'options', 'callback'));
  add(['node-forge.pki.publicKey.encrypt', 'node-forge.pki.privateKey.decrypt'], sig('data', 'scheme', 'schemeOptions'));
  add(['node-forge.pki.privateKey.sign'], sig('digest', 'scheme'));
  add(['node-forge.pki.certificate.sign', 'node-forge.pki.certificationRequest.sign'], sig('key', 'digest'));
  add(['node-forge.pkcs5.pbkdf2'], sig('password', 'salt', 'iterations', 'keylen', 'digest', 'callback'));
  add(['node-forge.pki.encryptRsaPrivateKey'], sig('key', 'password', 'options'));
  add(['node-forge.pkcs12.toPkcs12Asn1'], sig('key', 'cert', 'password', 'options'));
  add(['node-forge.tls.createConnection'], sig('options'));
  add(['node-forge.random.getBytes', 'node-forge.random.getBytesSync'], sig('size'));
  // JWT / JOSE
  add(['jsonwebtoken.sign'], sig('payload', 'key', 'options', 'callback'));
  add(['jsonwebtoken.verify'], sig('token', 'key', 'options', 'callback'));
  add(['SignJWT', 'CompactSign', 'FlattenedSign', 'GeneralSign', 'EncryptJWT', 'CompactEncrypt', 'FlattenedEncrypt'].map((c) => `jose.${c}.instance.setProtectedHeader`), sig('header'));
  add(['jose.UnsecuredJWT'], sig('payload'));
  add(['jose.jwtVerify', 'jose.compactVerify', 'jose.flattenedVerify', 'jose.generalVerify', 'jose.jwtDecrypt', 'jose.compactDecrypt'], sig('token', 'key', 'options'));
  add(['jose.generateKeyPair', 'jose.generateSecret'], sig('algorithm', 'options'));
  add(['jose.importPKCS8', 'jose.importSPKI', 'jose.importX509', 'jose.importJWK'], sig('key', 'algorithm', 'options'));
  // jose 1.x/2.x (panva): JWT.sign(payload, key, options), JWT.verify(token, key, options), JWK.asKey(key).
  add(['jose.JWT.sign', 'jose.JWS.sign'], sig('payload', 'key', 'options'));
  add(['jose.JWT.verify', 'jose.JWS.verify'], sig('token', 'key', 'options'));
  add(['jose.JWK.asKey'], sig('key', 'parameters'));
  // node-jose (Cisco): JWK.asKey(key, form), JWS.createSign(options, key), JWE.createEncrypt(options, key).
  add(['node-jose.JWK.asKey'], sig('key', 'form'));
  add(['node-jose.JWS.createSign', 'node-jose.JWE.createEncrypt'], sig('options', 'key'));
  add(['jsonwebtoken.decode', 'jose.decodeJwt', 'jwt-decode', 'jwt-decode.jwtDecode'], sig('token', 'options'));
  add(['jwt-simple.encode'], sig('payload', 'key', 'algorithm', 'options'));
  add(['jwt-simple.decode'], sig('token', 'key', 'noVerify', 'algorithm'));
  add(['express-jwt', 'express-jwt.expressjwt'], sig('options'));
  add(['passport-jwt.Strategy'], sig('options', 'verify'));
  add(['SignJWT', 'CompactSign', 'FlattenedSign', 'GeneralSign'].map((c) => `jose.${c}.instance.sign`), sig('key', 'options'));
  // Web frameworks' signing secrets
  add(['express-session', 'cookie-session', 'koa-jwt', 'next-auth'], sig('options'));
  add(['cookie-parser'], sig('secret', 'options'));
  add(['fastify.instance.register'], sig('plugin', 'options'));
  add(['crypto.ECDH.instance.setPrivateKey', 'crypto.DiffieHellman.instance.setPrivateKey'], sig('key', 'encoding'));
  // Generators that are not cryptographic (insecure-random).
  add(['seedrandom.instance', 'seedrandom.instance.int32', 'seedrandom.instance.quick', 'seedrandom.instance.double'], sig('options'));
  add(['string', 'hex', 'uuid4', 'integer', 'int32', 'uint32', 'real', 'pick', 'sample', 'shuffle'].map((m) => `random-js.Random.instance.${m}`), sig('first', 'second'));
  add(['shortid.generate', 'uuid.v1', ...['string', 'guid', 'hash', 'word', 'natural', 'integer', 'character', 'pickone', 'apple_token'].map((m) => `chance.instance.${m}`)], sig('options'));
  add(['cookie-signature.sign', 'cookie-signature.unsign'], sig('value', 'secret'));
  // Password hashing
  add(['bcrypt-pbkdf.pbkdf'], sig('password', 'passwordLength', 'salt', 'saltLength', 'key', 'keyLength', 'rounds'));
  for (const lib of ['bcrypt', 'bcryptjs', '@node-rs/bcrypt']) {
    add([`${lib}.hash`, `${lib}.hashSync`], sig('password', 'saltOrRounds', 'callback'));
    add([`${lib}.genSalt`, `${lib}.genSaltSync`], sig('rounds', 'callback'));
    add([`${lib}.compare`, `${lib}.compareSync`, `${lib}.verify`, `${lib}.verifySync`], sig('password', 'hash', 'callback'));
  }
  add(['argon2.hash', '@node-rs/argon2.hash', '@node-rs/argon2.hashSync', '@node-rs/argon2.hashRaw', '@node-rs/argon2.hashRawSync'], sig('password', 'options'));
  add(['argon2.verify', '@node-rs/argon2.verify', '@node-rs/argon2.verifySync'], sig('hash', 'password', 'options'));
  add(['scrypt-js.scrypt', 'scrypt-js.syncScrypt'], sig('password', 'salt', 'N', 'r', 'p', 'keylen', 'callback'));
  // Other pure-JS primitives: the first argument, when a rule reads one, is named by the library's own docs.
  for (const name of LIBRARY_PRIMITIVE_APIS) out[name] ??= sig('first', 'second', 'third');
  // TLS options in client libraries: options objects wherever they stand.
  for (const name of TLS_CLIENT_LIBRARY_APIS) out[name] = optionsAnywhere;
  return out;
}

/** The API calls whose options objects carry TLS settings (reference §2.9). */
export const TLS_OPTION_APIS = Object.keys(API_SIGNATURES).filter((api) => /^(tls|https|http2)\./.test(api));

/**
 * Cheap text pre-check: a file that mentions none of these cannot contain a finding. `https` in a
 * URL (`https://`) names no module: most files have one in a comment, and counting it sent seven
 * times as many files to the parser.
 */
/**
 * What makes a module's function lead to crypto for a caller in another module: the crypto and
 * TLS words of RELEVANT_TEXT, without `Math.random` (a helper's random value is judged in the
 * helper's own file) and suppression comments.
 */
export const REACH_TEXT =
  /crypto|tls|https(?!:\/\/)|http2|subtle|NODE_TLS_REJECT_UNAUTHORIZED|DEFAULT_M(?:IN|AX)_VERSION|\bforge\b|jwt|jsonwebtoken|jose|bcrypt|argon2|scrypt|nacl|sodium|elliptic|secp256k1|@noble|sjcl|jsrsasign|node-rsa|rejectUnauthorized|strictSSL|disableTLSCerts|sslmode|sslValidate|trustServerCertificate/;

export const RELEVANT_TEXT =
  /crypto|tls|@aws-sdk\/client-|TLSv1|SSLv|\bciphers\b|express-session|cookie-session|cookie-parser|cookie-signature|koa-jwt|next-auth|shortid|seedrandom|random-js|node-jose|bcrypt-pbkdf|uuid[./]v1|\bv1(?: as|\s*\})|\bChance\b|secretOrKey|@fastify\/|fastify-cookie|fastify-jwt|fastify-secure-session|\.keys\s*=|[sS]slPolicy|SecurityPolicy|minimumProtocolVersion|Policy-Min-TLS|aws_opensearchservice|aws_elasticsearch|aws-opensearchservice|aws-elasticsearch|https(?!:\/\/)|http2|subtle|NODE_TLS_REJECT_UNAUTHORIZED|DEFAULT_M(?:IN|AX)_VERSION|fipslint-disable|\bforge\b|jwt|jsonwebtoken|jose|bcrypt|argon2|scrypt|nacl|sodium|elliptic|secp256k1|@noble|sjcl|jsrsasign|node-rsa|rejectUnauthorized|strictSSL|disableTLSCerts|sslmode|sslValidate|trustServerCertificate|Math\.random/;
