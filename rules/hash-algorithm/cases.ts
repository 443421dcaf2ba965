import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import { createHash } from 'crypto';\nexport const etag = (body: string) => createHash('sha256').update(body).digest('hex');`,
    `import crypto from 'node:crypto';\ncrypto.createHash('SHA-512/256');`,
    { name: 'SHA-1 for hashing only is acceptable today (SP 800-131A r2 Table 8)', code: `const crypto = require('crypto');\ncrypto.createHash('sha1').update(id).digest('hex');` },
    { name: 'a project function that happens to be called createHash', code: `function createHash(kind: string) { return kind; }\ncreateHash('md5');` },
    { name: 'a local object called crypto', code: `const crypto = { createHash: (x: string) => x };\ncrypto.createHash('md5');` },
    { name: 'algorithm names in logs and types', code: `type Legacy = 'md5';\nconsole.log('md5 is not allowed');\nthrow new Error('sha1 digest mismatch');` },
    { name: 'unknown values are not guessed', code: `import { createHash } from 'crypto';\nexport function digest(alg: string, data: string) { return createHash(alg).update(data).digest(); }` },
    { name: 'a parameter shadows the module', code: `export function f(crypto: any) { return crypto.createHash('md5'); }` },
    `await crypto.subtle.digest('SHA-384', data);`,
    { name: 'SHA-384 under CNSA', code: `import { createHash } from 'crypto';\ncreateHash('sha384');`, profile: 'cnsa-2.0' },
    {
      name: 'a field the constructor overwrites is not a constant',
      code: `import { createHash } from 'crypto';\nclass Hasher {\n  private algorithm = 'md5';\n  constructor(algorithm: string) { this.algorithm = algorithm; }\n  run(s: string) { return createHash(this.algorithm).update(s); }\n}`,
    },
    { name: 'a parameter typed string tells nothing', code: `import { createHash } from 'crypto';\nexport const digest = (algorithm: string) => createHash(algorithm);` },
    { name: 'a parameter whose literal type is approved', code: `import { createHash } from 'crypto';\nexport const digest = (algorithm: 'sha256' | 'sha384') => createHash(algorithm);` },
    { name: 'a wrapper called only with approved values', code: `import { createHash } from 'crypto';\nfunction digest(alg: string, s: string) { return createHash(alg).update(s).digest('hex'); }\ndigest('sha256', 'x');\ndigest(userChoice, 'y');` },
  ],
  invalid: [
    {
      name: 'named import with alias',
      code: `import { createHash as hash } from 'node:crypto';\nconst md5 = hash('md5').update(password).digest('hex');`,
      errors: [{ line: 2, text: "'md5'", severity: 'error', message: 'MD5' }],
      output: `import { createHash as hash } from 'node:crypto';\nconst md5 = hash('sha256').update(password).digest('hex');`,
    },
    {
      name: 'require with destructuring, double quotes kept',
      code: `const { createHash } = require("crypto");\ncreateHash("RIPEMD160");`,
      errors: [{ line: 2, text: '"RIPEMD160"' }],
      output: `const { createHash } = require("crypto");\ncreateHash("SHA256");`,
    },
    {
      name: 'inline require and a const',
      code: `const ALGORITHM = 'md4';\nrequire('crypto').createHash(ALGORITHM).update(x);`,
      errors: [{ line: 1, text: "'md4'" }],
      output: `const ALGORITHM = 'sha256';\nrequire('crypto').createHash(ALGORITHM).update(x);`,
    },
    {
      name: 'ternary: any non-approved branch',
      code: `import * as crypto from 'crypto';\ncrypto.createHash(legacy ? 'md5' : 'sha256');`,
      errors: [{ line: 2, text: "'md5'" }],
      output: `import * as crypto from 'crypto';\ncrypto.createHash(legacy ? 'sha256' : 'sha256');`,
    },
    {
      name: 'default parameter and crypto.hash',
      code: `import crypto from 'crypto';\nexport function checksum(data: string, algorithm = 'md5') {\n  return crypto.hash(algorithm, data);\n}`,
      errors: [{ line: 2, text: "'md5'" }],
      output: `import crypto from 'crypto';\nexport function checksum(data: string, algorithm = 'sha256') {\n  return crypto.hash(algorithm, data);\n}`,
    },
    {
      name: 'enum member and template literal',
      code: `import { createHash } from 'crypto';\nenum Digest { Legacy = 'md5' }\nconst bits = 2;\ncreateHash(Digest.Legacy);\ncreateHash(\`blake\${bits}b512\`);`,
      errors: [
        { line: 2, text: "'md5'" },
        { line: 5, text: '`blake${bits}b512`' },
      ],
      output: `import { createHash } from 'crypto';\nenum Digest { Legacy = 'sha256' }\nconst bits = 2;\ncreateHash(Digest.Legacy);\ncreateHash(\`blake\${bits}b512\`);`,
    },
    {
      name: 'WebCrypto through globalThis, object form',
      code: `const buf = await globalThis.crypto.subtle.digest({ name: 'MD5' }, data);`,
      errors: [{ line: 1, text: "'MD5'" }],
      output: `const buf = await globalThis.crypto.subtle.digest({ name: 'SHA-256' }, data);`,
    },
    {
      name: 'SHA-256 under CNSA 2.0',
      profile: 'cnsa-2.0',
      code: `import { createHash } from 'crypto';\ncreateHash('sha256');`,
      errors: [{ line: 2, text: "'sha256'", message: 'CNSA' }],
      output: `import { createHash } from 'crypto';\ncreateHash('sha384');`,
    },
    {
      name: 'SHA-1 hashing under the draft Rev 3 after 2030',
      anticipate131Ar3: true,
      asOf: '2031-01-01',
      code: `import { createHash } from 'crypto';\ncreateHash('sha1');`,
      errors: [{ line: 2, text: "'sha1'", severity: 'error' }],
      output: `import { createHash } from 'crypto';\ncreateHash('sha256');`,
    },
    {
      name: 'readonly class field',
      code: `import { createHash } from 'crypto';\nclass Cache {\n  private readonly algorithm = 'md5';\n  key(s: string) { return createHash(this.algorithm).update(s).digest('hex'); }\n}`,
      errors: [{ line: 3, text: "'md5'" }],
      output: `import { createHash } from 'crypto';\nclass Cache {\n  private readonly algorithm = 'sha256';\n  key(s: string) { return createHash(this.algorithm).update(s).digest('hex'); }\n}`,
    },
    {
      name: 'a parameter whose literal type allows MD5 (type checker; no fix)',
      code: `import { createHash } from 'crypto';\ntype Digest = 'sha256' | 'md5';\nexport function digest(data: string, algorithm: Digest) {\n  return createHash(algorithm).update(data).digest('hex');\n}`,
      errors: [{ line: 4, text: 'algorithm', message: 'MD5' }],
      output: null,
    },
    {
      name: 'a wrapper function: the value comes from its callers',
      code: `import { createHash } from 'crypto';\nfunction digest(algorithm: string, data: string) {\n  return createHash(algorithm).update(data).digest('hex');\n}\nexport const md5 = (s: string) => digest('md5', s);\nexport const sha = (s: string) => digest('sha512', s);`,
      errors: [{ line: 5, text: "'md5'" }],
      output: `import { createHash } from 'crypto';\nfunction digest(algorithm: string, data: string) {\n  return createHash(algorithm).update(data).digest('hex');\n}\nexport const md5 = (s: string) => digest('sha256', s);\nexport const sha = (s: string) => digest('sha512', s);`,
    },
    {
      name: 'a field never reassigned, and a static one',
      code: `import { createHash } from 'crypto';\nclass Store {\n  static DIGEST = 'md4';\n  private algorithm = 'md5';\n  key(s: string) { return createHash(this.algorithm).update(s); }\n  legacy(s: string) { return createHash(Store.DIGEST).update(s); }\n}`,
      errors: [
        { line: 3, text: "'md4'" },
        { line: 4, text: "'md5'" },
      ],
      output: `import { createHash } from 'crypto';\nclass Store {\n  static DIGEST = 'sha256';\n  private algorithm = 'sha256';\n  key(s: string) { return createHash(this.algorithm).update(s); }\n  legacy(s: string) { return createHash(Store.DIGEST).update(s); }\n}`,
    },
    {
      name: 'a local function that returns the algorithm',
      code: `import { createHash } from 'crypto';\nfunction pickAlgorithm() {\n  return process.env.FAST ? 'md5' : 'sha256';\n}\ncreateHash(pickAlgorithm());`,
      errors: [{ line: 3, text: "'md5'" }],
      output: `import { createHash } from 'crypto';\nfunction pickAlgorithm() {\n  return process.env.FAST ? 'sha256' : 'sha256';\n}\ncreateHash(pickAlgorithm());`,
    },
  ],
};
