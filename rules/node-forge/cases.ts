import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    { name: 'a local object called forge', code: `const forge = { md: { md5: { create: () => ({}) } } };\nforge.md.md5.create();` },
    { name: 'PEM conversion is not a crypto operation', code: `import forge from 'node-forge';\nconst key = forge.pki.privateKeyFromPem(pem);\nconst text = forge.pki.privateKeyToPem(key);` },
    { name: 'an unknown scheme value is not guessed', code: `import forge from 'node-forge';\nconst key = forge.pki.publicKeyFromPem(pem);\nkey.encrypt(data, scheme);` },
    { name: 'an md5 field of a data object', code: `const file = { md5: 'abc', size: 1 };\nexport const tag = file.md5;` },
  ],
  invalid: [
    {
      name: 'a digest picked by a constant key, and a PKCS #12 file under 3DES',
      filename: 'case.js',
      code: `const forge = require('node-forge');\nconst ALG = 'md5';\nconst md = forge.md[ALG].create();\nconst p12 = forge.pkcs12.toPkcs12Asn1(privateKey, cert, password, { algorithm: '3des' });`,
      errors: [
        { line: 3, text: 'forge.md[ALG].create', message: 'MD5' },
        { line: 4, text: "'3des'", message: 'PKCS #12' },
      ],
      output: `const forge = require('node-forge');\nconst ALG = 'md5';\nconst md = forge.md[ALG].create();\nconst p12 = forge.pkcs12.toPkcs12Asn1(privateKey, cert, password, { algorithm: 'aes256' });`,
    },
    {
      name: 'md5 and sha1 digests (CJS); the update/digest/toHex chain becomes createHash',
      filename: 'case.js',
      code: `const forge = require('node-forge');\nconst a = forge.md.md5.create().update(text, 'utf8').digest().toHex();\nconst md = forge.md.sha1.create();`,
      errors: [
        { line: 2, text: 'forge.md.md5.create', severity: 'error', message: 'MD5' },
        { line: 3, text: 'forge.md.sha1.create', severity: 'warning', message: 'not a FIPS 140 validated module' },
      ],
      output: `const forge = require('node-forge');\nconst { createHash } = require('node:crypto');\nconst a = createHash('sha256').update(text).digest('hex');\nconst md = forge.md.sha1.create();`,
    },
    {
      name: 'a forge string without an encoding is raw bytes: latin1 in Node',
      code: `import * as forge from 'node-forge';\nimport crypto from 'crypto';\nexport const h = forge.md.sha256.create().update(s).digest().toHex();`,
      errors: [{ line: 3, text: 'forge.md.sha256.create', severity: 'warning' }],
      output: `import * as forge from 'node-forge';\nimport crypto from 'crypto';\nexport const h = crypto.createHash('sha256').update(s, 'latin1').digest('hex');`,
    },
    {
      name: 'HMAC with MD5, by name and by digest object',
      code: `import forge from 'node-forge';\nconst hmac = forge.hmac.create();\nhmac.start('md5', key);\nhmac.start('sha256', key);`,
      errors: [
        { line: 3, text: "'md5'", severity: 'error' },
        { line: 4, text: "'sha256'", severity: 'warning' },
      ],
      output: null,
    },
    {
      name: 'cipher names: DES, 3DES, AES-ECB and AES-GCM',
      code: `import forge from 'node-forge';\nforge.cipher.createCipher('DES-CBC', key);\nforge.cipher.createCipher('3DES-CBC', key);\nforge.cipher.createDecipher('3DES-CBC', key);\nforge.cipher.createCipher('AES-ECB', key);\nforge.cipher.createCipher('AES-GCM', key);`,
      errors: [
        { line: 2, text: "'DES-CBC'", severity: 'error' },
        { line: 3, text: "'3DES-CBC'", severity: 'error' },
        { line: 4, text: "'3DES-CBC'", severity: 'info' },
        { line: 5, text: "'AES-ECB'", severity: 'warning', message: 'ECB' },
        { line: 6, text: "'AES-GCM'", severity: 'warning', message: 'in node-forge' },
      ],
      output: null,
    },
    {
      name: 'legacy cipher APIs',
      code: `import forge from 'node-forge';\nforge.rc2.createEncryptionCipher(key, 128);\nforge.des.createEncryptionCipher(key);`,
      errors: [
        { line: 2, text: 'forge.rc2.createEncryptionCipher', severity: 'error' },
        { line: 3, text: 'forge.des.createEncryptionCipher', severity: 'error' },
      ],
      output: null,
    },
    {
      name: 'RSA key size, positional and in options; the default size is NV',
      code: `import forge from 'node-forge';\nconst a = forge.pki.rsa.generateKeyPair(1024);\nforge.pki.rsa.generateKeyPair({ bits: 512, e: 0x10001 }, done);\nconst c = forge.pki.rsa.generateKeyPair();`,
      errors: [
        { line: 2, text: '1024', severity: 'error', message: 'RSA-1024' },
        { line: 3, text: '512', severity: 'error' },
        { line: 4, text: 'forge.pki.rsa.generateKeyPair', severity: 'warning' },
      ],
      output: `import forge from 'node-forge';\nconst a = forge.pki.rsa.generateKeyPair(3072);\nforge.pki.rsa.generateKeyPair({ bits: 3072, e: 0x10001 }, done);\nconst c = forge.pki.rsa.generateKeyPair();`,
    },
    {
      name: 'publicKey.encrypt defaults to PKCS #1 v1.5; the fix passes RSA-OAEP with SHA-256',
      code: `import forge from 'node-forge';\nconst keys = forge.pki.rsa.generateKeyPair(3072);\nconst ct = keys.publicKey.encrypt(secret);\nconst raw = keys.publicKey.encrypt(secret, 'RAW');\nconst pt = keys.privateKey.decrypt(ct);`,
      errors: [
        { line: 2, text: 'forge.pki.rsa.generateKeyPair', severity: 'warning' },
        { line: 3, text: 'keys.publicKey.encrypt', severity: 'error', message: 'PKCS1-v1_5' },
        { line: 4, text: "'RAW'", severity: 'error' },
        { line: 5, text: 'keys.privateKey.decrypt', severity: 'info' },
      ],
      output: `import forge from 'node-forge';\nconst keys = forge.pki.rsa.generateKeyPair(3072);\nconst ct = keys.publicKey.encrypt(secret, 'RSA-OAEP', { md: forge.md.sha256.create() });\nconst raw = keys.publicKey.encrypt(secret, 'RAW');\nconst pt = keys.privateKey.decrypt(ct);`,
    },
    {
      name: 'a key read from PEM, OAEP is NV',
      code: `import forge from 'node-forge';\nconst key = forge.pki.publicKeyFromPem(pem);\nkey.encrypt(data, 'RSA-OAEP');`,
      errors: [{ line: 3, text: "'RSA-OAEP'", severity: 'warning' }],
      output: null,
    },
    {
      name: 'signatures with SHA-1 and MD5 digests',
      code: `import forge from 'node-forge';\nconst md = forge.md.sha1.create();\nmd.update(data);\nprivateKey.sign(md);\nconst k = forge.pki.privateKeyFromPem(pem);\nk.sign(md);`,
      errors: [
        { line: 2, text: 'forge.md.sha1.create', severity: 'warning' },
        { line: 6, text: 'md', severity: 'error', message: 'SHA-1' },
      ],
      output: null,
    },
    {
      name: 'a certificate signed without a digest uses SHA-1',
      code: `import forge from 'node-forge';\nconst cert = forge.pki.createCertificate();\ncert.sign(keys.privateKey);\nconst csr = forge.pki.createCertificationRequest();\ncsr.sign(key, forge.md.md5.create());`,
      errors: [
        { line: 3, text: 'cert.sign', severity: 'error', message: 'SHA-1' },
        { line: 5, text: 'forge.md.md5.create', severity: 'error' },
      ],
      output: `import forge from 'node-forge';\nconst cert = forge.pki.createCertificate();\ncert.sign(keys.privateKey, forge.md.sha256.create());\nconst csr = forge.pki.createCertificationRequest();\ncsr.sign(key, forge.md.md5.create());`,
    },
    {
      name: 'PBKDF2 iterations and default PRF; key encryption with 3DES',
      code: `import forge from 'node-forge';\nforge.pkcs5.pbkdf2(pw, salt, 10, 32);\nforge.pkcs5.pbkdf2(pw, salt, 600000, 32);\nforge.pki.encryptRsaPrivateKey(key, pw, { algorithm: '3des' });`,
      errors: [
        { line: 2, text: '10', severity: 'error' },
        { line: 3, text: 'forge.pkcs5.pbkdf2', severity: 'warning', message: 'HMAC-SHA-1' },
        { line: 4, text: "'3des'", severity: 'error' },
      ],
      output: `import forge from 'node-forge';\nforge.pkcs5.pbkdf2(pw, salt, 10, 32);\nforge.pkcs5.pbkdf2(pw, salt, 600000, 32);\nforge.pki.encryptRsaPrivateKey(key, pw, { algorithm: 'aes256' });`,
    },
    {
      name: 'forge TLS and forge random',
      code: `import { tls, random } from 'node-forge';\nconst conn = tls.createConnection({ server: false });\nconst nonce = random.getBytesSync(16);`,
      errors: [
        { line: 2, text: 'tls.createConnection', severity: 'error', message: 'TLS 1.0/1.1' },
        { line: 3, text: 'random.getBytesSync', severity: 'warning' },
      ],
      output: `import { tls, random } from 'node-forge';\nimport { randomBytes } from 'node:crypto';\nconst conn = tls.createConnection({ server: false });\nconst nonce = randomBytes(16).toString('binary');`,
    },
  ],
};
