import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    { name: 'a local nacl object', code: `const nacl = { secretbox: (m: Uint8Array) => m };\nnacl.secretbox(new Uint8Array(1));` },
    { name: 'tweetnacl-util encodings are not crypto', code: `import { encodeBase64 } from 'tweetnacl-util';\nencodeBase64(bytes);` },
    { name: 'a project module named like a library', filename: 'case.js', code: `const NodeRSA = require('./node-rsa');\nnew NodeRSA({ b: 512 });` },
    { name: 'a project helper called sha256', code: `import { sha256 } from './hash-utils';\nsha256(data);` },
  ],
  invalid: [
    {
      name: 'tweetnacl: secretbox and box are not approved, sign is NV under 140-3, hash NV',
      code: `import nacl from 'tweetnacl';\nconst boxed = nacl.secretbox(msg, nonce, key);\nconst shared = nacl.box.before(theirPublic, mySecret);\nconst sig = nacl.sign.detached(msg, secretKey);\nconst h = nacl.hash(msg);\nconst r = nacl.randomBytes(24);`,
      errors: [
        { line: 2, text: 'nacl.secretbox', severity: 'error', message: 'XSalsa20-Poly1305' },
        { line: 3, text: 'nacl.box.before', severity: 'error', message: 'X25519' },
        { line: 4, text: 'nacl.sign.detached', severity: 'warning', message: 'not a FIPS 140 validated module' },
        { line: 5, text: 'nacl.hash', severity: 'warning', message: 'SHA-512' },
        { line: 6, text: 'nacl.randomBytes', severity: 'warning' },
      ],
      output: null,
    },
    {
      name: 'Ed25519 in tweetnacl is not approved under FIPS 140-2',
      profile: 'fips-140-2',
      filename: 'case.js',
      code: `const nacl = require('tweetnacl');\nconst pair = nacl.sign.keyPair();`,
      errors: [{ line: 2, text: 'nacl.sign.keyPair', severity: 'error', message: 'not approved under fips-140-2' }],
      output: null,
    },
    {
      name: 'libsodium and sodium-native',
      code: `import sodium from 'libsodium-wrappers';\nimport native from 'sodium-native';\nawait sodium.ready;\nsodium.crypto_aead_xchacha20poly1305_ietf_encrypt(m, null, null, n, k);\nsodium.crypto_pwhash_str(pw, ops, mem);\nsodium.crypto_generichash(32, data);\nsodium.crypto_aead_aes256gcm_encrypt(m, null, null, n, k);\nnative.crypto_box_seal(c, m, pk);`,
      errors: [
        { line: 4, text: 'sodium.crypto_aead_xchacha20poly1305_ietf_encrypt', severity: 'error', message: 'ChaCha20' },
        { line: 5, text: 'sodium.crypto_pwhash_str', severity: 'error', message: 'Argon2id' },
        { line: 6, text: 'sodium.crypto_generichash', severity: 'error', message: 'BLAKE2b' },
        { line: 7, text: 'sodium.crypto_aead_aes256gcm_encrypt', severity: 'warning' },
        { line: 8, text: 'native.crypto_box_seal', severity: 'error' },
      ],
      output: null,
    },
    {
      name: 'elliptic curves by name',
      code: `import { ec as EC, eddsa as EdDSA } from 'elliptic';\nconst k1 = new EC('secp256k1');\nconst p256 = new EC('p256');\nconst x = new EC('curve25519');\nconst ed = new EdDSA('ed25519');`,
      errors: [
        { line: 2, text: "'secp256k1'", severity: 'error', message: 'secp256k1' },
        { line: 3, text: "'p256'", severity: 'warning', message: 'in elliptic' },
        { line: 4, text: "'curve25519'", severity: 'error' },
        { line: 5, text: "'ed25519'", severity: 'warning' },
      ],
      output: null,
    },
    {
      name: '@noble: secp256k1 and x25519 are not approved; p256, sha256, gcm are NV; blake3 and chacha are not',
      code: `import { secp256k1 } from '@noble/curves/secp256k1';\nimport { x25519 } from '@noble/curves/ed25519';\nimport { p256 } from '@noble/curves/p256';\nimport { sha256 } from '@noble/hashes/sha256';\nimport { blake3 } from '@noble/hashes/blake3';\nimport { gcm } from '@noble/ciphers/aes';\nimport { chacha20poly1305 } from '@noble/ciphers/chacha';\nsecp256k1.sign(msgHash, priv);\nx25519.getSharedSecret(a, B);\np256.sign(msgHash, priv);\nsha256(data);\nblake3(data);\ngcm(key, nonce).encrypt(data);\nchacha20poly1305(key, nonce);`,
      errors: [
        { line: 8, text: 'secp256k1.sign', severity: 'error' },
        { line: 9, text: 'x25519.getSharedSecret', severity: 'error' },
        { line: 10, text: 'p256.sign', severity: 'warning' },
        { line: 11, text: 'sha256', severity: 'warning' },
        { line: 12, text: 'blake3', severity: 'error' },
        { line: 13, text: 'gcm', severity: 'warning' },
        { line: 14, text: 'chacha20poly1305', severity: 'error' },
      ],
      output: null,
    },
    {
      name: 'the secp256k1 package',
      filename: 'case.js',
      code: `const secp256k1 = require('secp256k1');\nconst sig = secp256k1.ecdsaSign(msg, privKey);`,
      errors: [{ line: 2, text: 'secp256k1.ecdsaSign', severity: 'error' }],
      output: null,
    },
    {
      name: 'sjcl: OCB2 and low iterations',
      code: `import sjcl from 'sjcl';\nsjcl.encrypt(password, text, { mode: 'ocb2' });\nsjcl.encrypt(password, text, { iter: 100 });\nsjcl.encrypt(password, text);\nsjcl.hash.sha1.hash(text);`,
      errors: [
        { line: 2, text: "'ocb2'", severity: 'error' },
        { line: 3, text: '100', severity: 'error' },
        { line: 4, text: 'sjcl.encrypt', severity: 'warning' },
        { line: 5, text: 'sjcl.hash.sha1.hash', severity: 'warning' },
      ],
      output: null,
    },
    {
      name: 'jsrsasign key sizes, signature digests and JWS none',
      code: `import { KEYUTIL, KJUR } from 'jsrsasign';\nKEYUTIL.generateKeypair('RSA', 1024);\nKEYUTIL.generateKeypair('EC', 'secp256k1');\nnew KJUR.crypto.Signature({ alg: 'SHA1withRSA' });\nKJUR.jws.JWS.sign('none', header, payload);\nKEYUTIL.generateKeypair('EC', 'secp256r1');`,
      errors: [
        { line: 2, text: '1024', severity: 'error' },
        { line: 3, text: "'secp256k1'", severity: 'error' },
        { line: 4, text: "'SHA1withRSA'", severity: 'error' },
        { line: 5, text: "'none'", severity: 'error' },
        { line: 6, text: 'KEYUTIL.generateKeypair', severity: 'warning' },
      ],
      output: null,
    },
    {
      name: 'node-rsa: b bits, pkcs1 encryption and SHA-1 signing',
      filename: 'case.js',
      code: `const NodeRSA = require('node-rsa');\nconst key = new NodeRSA({ b: 512 });\nkey.setOptions({ encryptionScheme: 'pkcs1' });\nconst k2 = new NodeRSA(pem, 'pkcs8', { signingScheme: 'pkcs1-sha1' });\nconst k3 = new NodeRSA({ b: 2048 });`,
      errors: [
        { line: 2, text: '512', severity: 'error' },
        { line: 3, text: "'pkcs1'", severity: 'error' },
        { line: 4, text: "'pkcs1-sha1'", severity: 'error' },
        { line: 5, text: 'NodeRSA', severity: 'warning' },
      ],
      output: null,
    },
  ],
};
