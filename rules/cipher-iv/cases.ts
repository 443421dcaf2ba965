import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    { name: 'RC4 takes no IV: an empty one is what Node asks for', code: `import crypto from 'crypto';\ncrypto.createCipheriv('rc4', key, '');` },
    { name: 'AES key wrap named by a template: the fixed IV is the RFC 3394 check value', code: `import { createCipheriv } from 'node:crypto';\nexport const wrap = (size: number, key: Buffer, cek: Buffer) => createCipheriv(\`aes\${size}-wrap\`, key, Buffer.alloc(8, 0xa6)).update(cek);` },
    { name: 'an IV made per call inside the function', code: `import { createCipheriv, randomBytes } from 'node:crypto';\nexport function seal(key: Buffer, data: Buffer) {\n  const iv = randomBytes(12);\n  return createCipheriv('aes-256-gcm', key, iv).update(data);\n}` },
    `import crypto from 'crypto';\nconst iv = crypto.randomBytes(12);\ncrypto.createCipheriv('aes-256-gcm', key, iv);`,
    `import crypto from 'crypto';\ncrypto.createCipheriv('aes-256-cbc', key, crypto.randomBytes(16));`,
    { name: 'decryption reads the IV it was given', code: `import crypto from 'crypto';\ncrypto.createDecipheriv('aes-256-cbc', key, Buffer.from(ivHex, 'hex'));` },
    { name: 'ECB takes no IV', code: `import crypto from 'crypto';\ncrypto.createCipheriv('aes-256-ecb', key, null);` },
    `const iv = crypto.getRandomValues(new Uint8Array(12));\nawait crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data);`,
    { name: 'the key length alone does not derive the IV', code: `import crypto from 'crypto';\nconst c = (key: Buffer) => crypto.createCipheriv('aes-256-cbc', key, crypto.randomBytes(key.length / 2));` },
    { name: 'a buffer filled by randomFillSync', code: `import crypto from 'crypto';\nconst iv = Buffer.alloc(16);\ncrypto.randomFillSync(iv);\ncrypto.createCipheriv('aes-256-cbc', key, iv);` },
    {
      name: 'a nonce buffer written in place with a packet counter before each use (SSH ChaCha20)',
      code: `import { createCipheriv } from 'node:crypto';\nconst NONCE = Buffer.alloc(16);\nexport function seal(key: Buffer, seq: number, packet: Buffer) {\n  NONCE[0] = 1;\n  NONCE.writeUInt32BE(seq, 12);\n  return createCipheriv('chacha20', key, NONCE).update(packet);\n}`,
    },
    {
      name: 'a nonce written by a write… helper',
      code: `import { createCipheriv } from 'node:crypto';\nconst writeUInt32BE = (buf: Buffer, n: number, at: number) => buf.writeUInt32BE(n, at);\nconst NONCE = Buffer.alloc(12);\nexport function seal(key: Buffer, seq: number, packet: Buffer) {\n  writeUInt32BE(NONCE, seq, 8);\n  return createCipheriv('aes-256-gcm', key, NONCE).update(packet);\n}`,
    },
    { name: 'a browser IV filled by getRandomValues', code: `const iv = new Uint8Array(12);\ncrypto.getRandomValues(iv);\nawait crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data);` },
  ],
  invalid: [
    {
      name: 'a random IV made once at module level and reused by every call',
      code: `import { createCipheriv, randomBytes } from 'node:crypto';\nconst IV = randomBytes(12);\nexport function seal(key: Buffer, data: Buffer) {\n  const c = createCipheriv('aes-256-gcm', key, IV);\n  return Buffer.concat([c.update(data), c.final()]);\n}`,
      errors: [{ line: 4, text: 'IV', severity: 'error', message: 'generated once' }],
      output: null,
    },
    {
      name: 'zero IV',
      code: `import crypto from 'crypto';\nconst cipher = crypto.createCipheriv('aes-256-cbc', key, Buffer.alloc(16, 0));`,
      errors: [{ line: 2, text: 'Buffer.alloc(16, 0)' }],
      output: `import crypto from 'crypto';\nconst cipher = crypto.createCipheriv('aes-256-cbc', key, crypto.randomBytes(16));`,
    },
    {
      name: 'hard-coded IV in a module constant',
      code: `import crypto from 'crypto';\nconst IV = Buffer.from('0123456789abcdef');\nexport const encrypt = (key: Buffer, text: string) => crypto.createCipheriv('aes-256-ctr', key, IV).update(text);`,
      errors: [{ line: 2, text: "Buffer.from('0123456789abcdef')" }],
      output: `import crypto from 'crypto';\nconst IV = crypto.randomBytes(16);\nexport const encrypt = (key: Buffer, text: string) => crypto.createCipheriv('aes-256-ctr', key, IV).update(text);`,
    },
    {
      name: 'short random GCM IV',
      code: `import crypto from 'crypto';\ncrypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(8));`,
      errors: [{ line: 2, text: 'crypto.randomBytes(8)', message: '8 bytes' }],
      output: `import crypto from 'crypto';\ncrypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12));`,
    },
    {
      name: 'WebCrypto constant IV',
      code: `await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, data);`,
      errors: [{ line: 1, text: 'new Uint8Array(12)' }],
      output: null,
    },
    {
      name: 'IV sliced from the key',
      code: `import crypto from 'crypto';\nexport const seal = (key: Buffer, text: string) => crypto.createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).update(text);`,
      errors: [{ line: 2, text: 'key.subarray(0, 16)', message: 'derived from the key' }],
      output: null,
    },
    {
      name: 'IV hashed from the key, through a const',
      code: `import crypto from 'crypto';\nfunction seal(secret: Buffer) {\n  const iv = crypto.createHash('md5').update(secret).digest();\n  return crypto.createCipheriv('aes-256-cbc', secret, iv);\n}`,
      errors: [{ line: 4, text: 'iv', message: 'derived from the key' }],
      output: null,
    },
    {
      name: 'key wrapping with a constant IV',
      code: `const IV = new Uint8Array(12);\nawait crypto.subtle.wrapKey('raw', key, kek, { name: 'AES-GCM', iv: IV });`,
      errors: [{ line: 1, text: 'new Uint8Array(12)' }],
      output: null,
    },
  ],
};
