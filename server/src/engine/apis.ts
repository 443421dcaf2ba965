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
const optionsAnywhere: ApiSignature = { parameters: [], optionsAnywhere: true };

export const API_SIGNATURES: Record<string, ApiSignature> = {
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
};

/** The API calls whose options objects carry TLS settings (reference §2.9). */
export const TLS_OPTION_APIS = Object.keys(API_SIGNATURES).filter((api) => /^(tls|https|http2)\./.test(api));

/**
 * Cheap text pre-check: a file that mentions none of these cannot contain a finding. `https` in a
 * URL (`https://`) names no module: most files have one in a comment, and counting it sent seven
 * times as many files to the parser.
 */
export const RELEVANT_TEXT = /crypto|tls|https(?!:\/\/)|http2|subtle|NODE_TLS_REJECT_UNAUTHORIZED|DEFAULT_M(?:IN|AX)_VERSION|fipslint-disable/;
