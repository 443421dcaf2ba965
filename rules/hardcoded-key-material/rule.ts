import { ts } from '../../server/src/engine/typescript';
import { describe, readsEnvironment } from '../../server/src/engine/checks';
import { MIN_HMAC_KEY_BYTES } from '../../server/src/engine/policy/jose';
import type { Value } from '../../server/src/engine/resolve';
import { defineRule, type CallSite, type RuleContext } from '../../server/src/engine/rule';

/**
 * Keys and secrets written into the code (reference §2.3.4: outside the algorithm tables, but a
 * critical security parameter must be protected, so the reference recommends a warning).
 * Anyone with the repository, a build artefact or its history holds the key, and it cannot be
 * rotated without a release.
 */

interface KeySlot {
  /** How the message names the key. */
  what: string;
  /** The argument role (or, with `property`, the options argument and the property in it). */
  role: string;
  property?: string;
  /** HMAC/HS secrets shorter than 112 bits are the short-key rules' findings (hmac-parameters, jwt-algorithm). */
  shortIsOtherRule?: boolean;
  /** Only PEM private keys count (a public key in the code is fine). */
  privatePem?: boolean;
}

const CIPHER_KEY: KeySlot = { what: 'The cipher key', role: 'key' };
const HMAC_KEY: KeySlot = { what: 'The HMAC key', role: 'key', shortIsOtherRule: true };
const PRIVATE_KEY: KeySlot = { what: 'The private key', role: 'key', privatePem: true };
const JWT_SECRET: KeySlot = { what: 'The JWT secret', role: 'key', shortIsOtherRule: true };

const SESSION_SECRET: KeySlot = { what: 'The session or cookie signing secret', role: 'options', property: 'secret' };

/** Fastify plugins and the options that hold their secrets. */
const FASTIFY_PLUGINS: Record<string, KeySlot & { properties: string[] }> = {
  '@fastify/cookie': { ...SESSION_SECRET, properties: ['secret'] },
  '@fastify/secure-session': { what: 'The secure-session key', role: 'options', properties: ['secret', 'key', 'salt'] },
  '@fastify/jwt': { ...JWT_SECRET, role: 'options', properties: ['secret'] },
};

const SLOTS: Record<string, KeySlot | KeySlot[]> = {
  'crypto.createCipheriv': CIPHER_KEY,
  'crypto.createDecipheriv': CIPHER_KEY,
  'crypto.createHmac': HMAC_KEY,
  'crypto.createSecretKey': { what: 'The secret key', role: 'key' },
  'crypto.createPrivateKey': PRIVATE_KEY,
  'crypto.sign': PRIVATE_KEY,
  'crypto.privateDecrypt': PRIVATE_KEY,
  'jsonwebtoken.sign': JWT_SECRET,
  'jsonwebtoken.verify': JWT_SECRET,
  'jwt-simple.encode': JWT_SECRET,
  'jwt-simple.decode': JWT_SECRET,
  'express-jwt': { ...JWT_SECRET, role: 'options', property: 'secret' },
  'express-jwt.expressjwt': { ...JWT_SECRET, role: 'options', property: 'secret' },
  'passport-jwt.Strategy': { ...JWT_SECRET, role: 'options', property: 'secretOrKey' },
  'crypto-js.AES.encrypt': { what: 'The AES key or passphrase', role: 'key' },
  'crypto-js.AES.decrypt': { what: 'The AES key or passphrase', role: 'key' },
  'crypto-js.HmacSHA1': HMAC_KEY,
  'crypto-js.HmacSHA256': HMAC_KEY,
  'crypto-js.HmacSHA512': HMAC_KEY,
  'jose.jwtVerify': JWT_SECRET,
  'jose.SignJWT.instance.sign': JWT_SECRET,
  'jose.JWT.sign': JWT_SECRET,
  'jose.JWT.verify': JWT_SECRET,
  'jose.JWS.sign': JWT_SECRET,
  'jose.JWS.verify': JWT_SECRET,
  // Short secrets given to asKey reach no other rule (the key object hides the length from jwt-algorithm).
  'jose.JWK.asKey': { what: 'The JOSE secret', role: 'key' },
  'node-jose.JWK.asKey': [{ what: 'The JWK secret', role: 'key', property: 'k' }, { what: 'The JWK private key', role: 'key', property: 'd' }],
  'crypto.ECDH.instance.setPrivateKey': { what: 'The ECDH private key', role: 'key' },
  'crypto.DiffieHellman.instance.setPrivateKey': { what: 'The Diffie-Hellman private key', role: 'key' },
  // Web frameworks sign session ids and cookies with these (HMAC): a written one lets anyone forge them.
  'express-session': SESSION_SECRET,
  'cookie-session': [SESSION_SECRET, { ...SESSION_SECRET, property: 'keys' }],
  'cookie-parser': { ...SESSION_SECRET, role: 'secret', property: undefined },
  'cookie-signature.sign': { ...SESSION_SECRET, role: 'secret', property: undefined },
  'cookie-signature.unsign': { ...SESSION_SECRET, role: 'secret', property: undefined },
  'koa-jwt': { ...JWT_SECRET, role: 'options', property: 'secret' },
  'next-auth': { what: 'The NextAuth secret', role: 'options', property: 'secret' },
};

export default defineRule({
  meta: {
    id: 'hardcoded-key-material',
    category: 'key-material',
    description: 'Keys and secrets written in the source code: cipher and HMAC keys, JWT secrets, private keys',
    reference: '§2.3.4 (hard-coded keys), §2.2',
    standards: ['FIPS 140-3 / ISO/IEC 19790 §7.9 (SSP management)', 'SP 800-57 Pt 1 Rev 5 §6.2', 'CWE-321'],
    fix: 'none',
    apis: [...Object.keys(SLOTS), 'crypto.subtle.importKey', 'fastify.instance.register', 'assign:koa.instance.keys', 'property:secretOrKey'],
  },
  create(context) {
    const calls: Record<string, (site: CallSite) => void> = {};
    for (const [api, slots] of Object.entries(SLOTS)) {
      calls[api] = (site) => {
        for (const slot of Array.isArray(slots) ? slots : [slots]) {
          const argument = site.argument(slot.role);
          if (!argument) continue;
          if (!slot.property) check(context, argument, context.resolver.values(argument), slot);
          else for (const hit of context.properties(argument, slot.property)) if (hit.value) check(context, hit.value, context.valuesOf(hit), slot);
        }
      };
    }
    // Fastify plugins take their secrets at registration: `app.register(fastifyCookie, { secret })`.
    calls['fastify.instance.register'] = (site) => {
      const plugin = site.argument('plugin');
      const name = plugin && context.resolver.resolveApi(plugin)?.join('.');
      const slot = name && FASTIFY_PLUGINS[name];
      const options = site.argument('options');
      if (!slot || !options) return;
      for (const property of slot.properties) {
        for (const hit of context.properties(options, property)) if (hit.value) check(context, hit.value, context.valuesOf(hit), slot);
      }
    };
    calls['crypto.subtle.importKey'] = (site) => {
      const format = context.strings(site.argument('format'))[0]?.value;
      const keyData = site.argument('keyData');
      if (!keyData) return;
      if (format === 'raw') check(context, keyData, context.resolver.values(keyData), { what: 'The raw key', role: 'keyData' });
      if (format === 'jwk') {
        for (const [name, what] of [['k', 'The JWK secret'], ['d', 'The JWK private key']]) {
          for (const hit of context.properties(keyData, name)) if (hit.value) check(context, hit.value, context.valuesOf(hit), { what, role: 'keyData' });
        }
      }
    };
    return {
      calls,
      // passport-jwt's option name says what it holds wherever the object goes: NestJS's
      // `super({ secretOrKey })` in a PassportStrategy, options kept on `this` or in a config module.
      properties: {
        secretOrKey: (site) => check(context, site.value, context.resolver.values(site.value), { ...JWT_SECRET, role: 'options' }),
      },
      assignments: {
        // Koa signs its cookies with `app.keys = [...]`.
        'koa.instance.keys': (site) => check(context, site.node.right, context.resolver.values(site.node.right), { what: 'The Koa cookie signing key', role: 'keys' }),
      },
    };
  },
});

function check(context: RuleContext, argument: ts.Expression, values: Value[], slot: KeySlot, depth = 0): void {
  for (const value of values) {
    // Key lists (`secret: ['new', 'old']`, `keys: [...]`, `app.keys = [...]`): each one.
    if (value.kind === 'array') {
      if (depth === 0) for (const element of value.elements) check(context, argument, context.resolver.values(element), slot, depth + 1);
      continue;
    }
    if (value.fromType) continue;
    const bytes = context.resolver.bytesOf(value);
    if (!bytes || bytes.varies) continue;
    const written = writtenKey(context, value);
    if (!written) continue;
    if (slot.privatePem && !(value.kind === 'string' && /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/.test(value.value))) continue;
    if (slot.shortIsOtherRule && bytes.length < MIN_HMAC_KEY_BYTES) continue;
    const fallback = isEnvironmentFallback(written);
    context.report({
      value: written,
      site: argument,
      status: 'NO',
      severity: 'warning',
      message: describe(
        `${slot.what} is written in the source code${fallback ? ' (as the fallback when the environment variable is unset)' : ''}`,
        'keys are critical security parameters that must be protected from disclosure (FIPS 140-3 / ISO/IEC 19790 §7.9; SP 800-57 Pt 1 Rev 5 §6.2): anyone with the code, a build or its history holds this one, and it cannot be rotated without a release',
        fallback ? 'Fail at start-up when the variable is missing instead of falling back.' : 'Load it at run time from a key store, a KMS or the environment.',
      ),
    });
  }
}

/**
 * Where a key is written in the code, or undefined when it is not: a string is; bytes are when
 * built from text or a list (`Buffer.from('00ff…', 'hex')`, `new Uint8Array([...])`), and then the
 * finding belongs on the literal they came from (`Buffer.from(KEY)` with `const KEY = '…'`). A
 * zero-filled buffer of a length is a constant but no one's secret (cipher-iv and kdf-parameters
 * report those where they matter).
 */
function writtenKey(context: RuleContext, value: Value): Value | undefined {
  if (value.kind !== 'bytes') return value;
  const node = value.origin.node;
  const first = ts.isCallExpression(node) || ts.isNewExpression(node) ? node.arguments?.[0] : undefined;
  if (!first) return undefined;
  if (ts.isStringLiteralLike(first) || ts.isArrayLiteralExpression(first)) return value;
  const values = context.resolver.values(first);
  if (values.length === 0 || !values.every((v) => v.kind === 'string' || v.kind === 'array')) return ts.isTemplateExpression(first) ? value : undefined;
  return values.length === 1 && values[0].kind === 'string' ? values[0] : value;
}

/** `process.env.KEY || 'dev-key'`, `process.env.KEY ?? 'dev-key'`. */
function isEnvironmentFallback(value: Value): boolean {
  const parent = value.origin.node.parent;
  return (
    !!parent &&
    ts.isBinaryExpression(parent) &&
    (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken || parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) &&
    parent.right === value.origin.node &&
    readsEnvironment(parent.left)
  );
}
