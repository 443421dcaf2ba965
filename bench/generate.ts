import * as fs from 'node:fs';
import * as path from 'node:path';

export const DENSE_FILE_LINES = 5_000;

/**
 * One block of the dense file: 25 lines of ordinary service code with non-approved and approved
 * crypto and TLS calls in the forms the rules follow (literals, constants, option objects,
 * wrappers). Blocks differ by index so no two functions are identical.
 */
function denseBlock(i: number): string[] {
  const weakHash = ['md5', 'sha1', 'md4', 'ripemd160'][i % 4];
  const weakCipher = ['des-ede3-cbc', 'bf-cbc', 'aes-128-ecb', 'rc4'][i % 4];
  const bits = [1024, 2048, 512, 3072][i % 4];
  return [
    `// Block ${i}: request signing, payload encryption and an outbound client.`,
    `const HASH_${i} = '${weakHash}';`,
    `const CIPHER_${i}: string = '${weakCipher}';`,
    `export const note${i} = 'edit here';`,
    `export function digest${i}(payload: string): string {`,
    `  const weak = crypto.createHash(HASH_${i}).update(payload).digest('hex');`,
    `  const strong = crypto.createHash('sha256').update(weak).digest('hex');`,
    `  return crypto.createHmac('sha384', strong).update(payload).digest('base64');`,
    `}`,
    `export function encrypt${i}(key: Buffer, data: Buffer): Buffer {`,
    `  const iv = crypto.randomBytes(16);`,
    `  const legacy = crypto.createCipheriv(CIPHER_${i}, key, iv);`,
    `  const modern = crypto.createCipheriv('aes-256-gcm', key, iv);`,
    `  return Buffer.concat([legacy.update(data), modern.update(data), modern.final()]);`,
    `}`,
    `export function keys${i}() {`,
    `  return crypto.generateKeyPairSync('rsa', { modulusLength: ${bits}, publicExponent: 0x10001 });`,
    `}`,
    `const agentOptions${i} = { keepAlive: true, rejectUnauthorized: ${i % 3 === 0 ? 'false' : 'true'}, minVersion: '${i % 2 ? 'TLSv1' : 'TLSv1.2'}' as const };`,
    `export const agent${i} = new https.Agent(agentOptions${i});`,
    `export function derive${i}(password: string, salt: Buffer): Buffer {`,
    `  return crypto.pbkdf2Sync(password, salt, ${i % 2 ? 1000 : 600000}, 32, '${i % 5 ? 'sha256' : 'sha1'}');`,
    `}`,
    `export const total${i} = [${i}, ${i + 1}, ${i + 2}].reduce((a, b) => a + b, 0);`,
    ``,
  ];
}

export function denseFileText(): string {
  const header = [`import * as crypto from 'node:crypto';`, `import * as https from 'node:https';`, ``];
  const lines = [...header];
  for (let i = 0; lines.length < DENSE_FILE_LINES; i++) lines.push(...denseBlock(i));
  return lines.slice(0, DENSE_FILE_LINES).join('\n') + '\n';
}

/** The generated part of the corpus: the dense file and a small service whose constants come from another module. */
export function writeGeneratedProject(dir: string): void {
  fs.mkdirSync(path.join(dir, 'service'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'crypto-dense.ts'), denseFileText());
  fs.writeFileSync(
    path.join(dir, 'service', 'settings.ts'),
    [`export const TOKEN_DIGEST = 'sha1';`, `export const SESSION_CIPHER = 'aes-256-gcm';`, `export const TLS_FLOOR = 'TLSv1.2';`, ``].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'service', 'token.ts'),
    [
      `import { createHash, createCipheriv, randomBytes } from 'node:crypto';`,
      `import { TOKEN_DIGEST, SESSION_CIPHER } from './settings';`,
      ``,
      `export const note = 'edit here';`,
      ``,
      `export function tokenDigest(token: string): string {`,
      `  return createHash(TOKEN_DIGEST).update(token).digest('hex');`,
      `}`,
      ``,
      `export function sealSession(key: Buffer, session: string): Buffer {`,
      `  const iv = randomBytes(12);`,
      `  const cipher = createCipheriv(SESSION_CIPHER, key, iv);`,
      `  return Buffer.concat([iv, cipher.update(session, 'utf8'), cipher.final(), cipher.getAuthTag()]);`,
      `}`,
      ``,
    ].join('\n'),
  );
}
