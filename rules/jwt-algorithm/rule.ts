import { ts } from '../../server/src/engine/typescript';
import { describe, readsEnvironment } from '../../server/src/engine/checks';
import { quoteCode } from '../../server/src/engine/quote';
import { appendArguments, insertProperty, preferredQuote, removeProperty, replaceString } from '../../server/src/engine/fixes';
import { MIN_HMAC_KEY_BYTES, lookupJoseAlgorithm } from '../../server/src/engine/policy/jose';
import { STATUS_WORDS, statusFor } from '../../server/src/engine/policy/status';
import { enclosingFunction, skipOuterExpressions, type StringValue, type Value } from '../../server/src/engine/resolve';
import { defineRule, type CallSite, type FixDescriptor, type RuleContext } from '../../server/src/engine/rule';

/**
 * JWT and JOSE (reference §2.10): `alg`/`enc` names the profile does not approve, unsecured
 * tokens, verifiers that let the token pick its algorithm, jsonwebtoken's escape hatches for
 * weak keys, and HS secrets shorter than 112 bits.
 */

const JOSE_HEADERS = ['SignJWT', 'CompactSign', 'FlattenedSign', 'GeneralSign', 'EncryptJWT', 'CompactEncrypt', 'FlattenedEncrypt'].map((c) => `jose.${c}.instance.setProtectedHeader`);
const JOSE_VERIFY = ['jose.jwtVerify', 'jose.compactVerify', 'jose.flattenedVerify', 'jose.generalVerify', 'jose.jwtDecrypt', 'jose.compactDecrypt'];
const JOSE_KEYS = ['jose.generateKeyPair', 'jose.generateSecret'];
const JOSE_IMPORTS = ['jose.importPKCS8', 'jose.importSPKI', 'jose.importX509', 'jose.importJWK'];
/** jose 1.x/2.x: `JWT.sign(payload, key, { algorithm })`, `JWT.verify(token, key, { algorithms })`; `JWK.None` is the unsecured key. */
const JOSE_LEGACY_SIGN = ['jose.JWT.sign', 'jose.JWS.sign'];
const JOSE_LEGACY_VERIFY = ['jose.JWT.verify', 'jose.JWS.verify'];
/** Decoders that read claims without checking the signature. */
const DECODERS = ['jsonwebtoken.decode', 'jose.decodeJwt', 'jwt-decode', 'jwt-decode.jwtDecode'];
/** Claims that decide access when a condition reads them. */
const ACCESS_CLAIMS = new Set(['role', 'roles', 'isadmin', 'admin', 'permission', 'permissions', 'scope', 'scopes', 'scp', 'groups', 'group', 'authorities', 'entitlements', 'isstaff', 'issuperuser']);

export default defineRule({
  meta: {
    id: 'jwt-algorithm',
    category: 'jwt',
    description: 'JWT/JOSE algorithms the profile does not approve, unsecured tokens, verifiers without pinned algorithms or with algorithms taken from the token, access decided on unverified claims, and short HS secrets',
    reference: '§2.10, §2.2',
    standards: ['RFC 7518', 'RFC 8725 §3.1–3.2', 'FIPS 186-5', 'SP 800-56B Rev 2', 'SP 800-107 Rev 1 §5.3.4', 'CNSSP-15'],
    fix: 'suggestion',
    apis: [
      'jsonwebtoken.sign',
      'jsonwebtoken.verify',
      ...JOSE_HEADERS,
      'jose.UnsecuredJWT',
      ...JOSE_VERIFY,
      ...JOSE_LEGACY_SIGN,
      ...JOSE_LEGACY_VERIFY,
      ...DECODERS,
      'node-jose.JWS.createSign',
      'node-jose.JWE.createEncrypt',
      ...JOSE_KEYS,
      ...JOSE_IMPORTS,
      'jwt-simple.encode',
      'jwt-simple.decode',
      'express-jwt',
      'express-jwt.expressjwt',
      'passport-jwt.Strategy',
    ],
  },
  create(context) {
    const calls: Record<string, (site: CallSite) => void> = {
      'jsonwebtoken.sign': (site) => {
        const options = site.argument('options');
        const algorithms = context.properties(options, 'algorithm').flatMap((hit) => context.valuesOf(hit));
        for (const value of algorithms) checkAlgorithm(context, value, site, 'sign');
        if (algorithms.length === 0 && !isFunction(context, options)) checkDefaultHs256(context, site, options, "jsonwebtoken signs with HS256 when no algorithm is given");
        const hs = algorithms.length === 0 || algorithms.some((v) => v.kind === 'string' && v.value.startsWith('HS'));
        if (hs) checkSecret(context, site.argument('key'));
        checkEscapeHatches(context, options);
      },
      'jsonwebtoken.verify': (site) => {
        const options = site.argument('options');
        const hits = isFunction(context, options) ? [] : context.properties(options, 'algorithms');
        if (hits.length === 0) {
          reportUnpinned(context, site, options, 'jsonwebtoken.verify');
        } else {
          for (const hit of hits) {
            for (const value of arrayValues(context, hit.value)) checkAlgorithm(context, value, site, 'verify');
            checkAlgorithmFromToken(context, hit.value);
          }
        }
        checkSecret(context, site.argument('key'));
        checkEscapeHatches(context, options);
      },
      'jose.UnsecuredJWT': (site) =>
        context.report({
          site: site.node.expression,
          status: 'NO',
          message: describe('UnsecuredJWT makes a token with alg "none"', lookupJoseAlgorithm('none')!.reason, 'Use SignJWT with ES256 or HS256.'),
        }),
      'jwt-simple.encode': (site) => {
        const algorithm = site.argument('algorithm');
        const values = context.strings(algorithm);
        for (const value of values) checkAlgorithm(context, value, site, 'sign');
        if (!algorithm) checkDefaultHs256(context, site, undefined, 'jwt-simple signs with HS256 when no algorithm is given');
        if (!algorithm || values.some((v) => v.value.startsWith('HS'))) checkSecret(context, site.argument('key'));
      },
      'jwt-simple.decode': (site) => {
        // Any truthy third argument skips verification; an algorithm name there is read as one.
        for (const value of context.resolver.values(site.argument('noVerify'))) {
          const truthy =
            (value.kind === 'boolean' && value.value) ||
            (value.kind === 'number' && value.value !== 0 && !Number.isNaN(value.value)) ||
            (value.kind === 'string' && value.value !== '' && !lookupJoseAlgorithm(value.value)) ||
            value.kind === 'object' ||
            value.kind === 'array';
          if (!truthy) continue;
          context.report({
            value,
            site: site.argument('noVerify')!,
            status: 'NO',
            message: describe('jwt-simple decodes the token without verifying its signature', 'an unverified token has no integrity protection: anyone can forge its claims (RFC 8725 §3.1)', 'Pass false (or leave it out) and pin the algorithm.'),
          });
        }
        for (const value of context.strings(site.argument('algorithm'))) checkAlgorithm(context, value, site, 'verify');
      },
    };
    const legacyNone = (site: CallSite, operation: 'sign' | 'verify') => {
      const key = site.argument('key');
      if (!key || context.resolver.resolveApi(key)?.join('.') !== 'jose.JWK.None') return false;
      context.report({
        site: key,
        status: 'NO',
        message: describe(
          operation === 'sign' ? 'JWK.None makes an unsecured token (alg "none")' : 'JWK.None accepts unsecured tokens (alg "none")',
          lookupJoseAlgorithm('none')!.reason,
          operation === 'sign' ? "Sign with a key: JWT.sign(payload, key, { algorithm: 'ES256' })." : "Verify with the issuer's key and pin the algorithms.",
        ),
      });
      return true;
    };
    for (const api of DECODERS) calls[api] = (site) => checkDecodeForAccess(context, site);
    // node-jose: `{ fields: { alg } }` (or `alg`) for signatures and key management, `contentAlg` for JWE content.
    const nodeJose = (operation: 'sign') => (site: CallSite) => {
      const options = site.argument('options');
      for (const name of ['alg', 'contentAlg']) for (const hit of context.properties(options, name)) for (const value of context.valuesOf(hit)) checkAlgorithm(context, value, site, operation);
      for (const fields of context.properties(options, 'fields')) for (const hit of context.properties(fields.value, 'alg')) for (const value of context.valuesOf(hit)) checkAlgorithm(context, value, site, operation);
    };
    calls['node-jose.JWS.createSign'] = nodeJose('sign');
    calls['node-jose.JWE.createEncrypt'] = nodeJose('sign');
    for (const api of JOSE_LEGACY_SIGN) {
      calls[api] = (site) => {
        if (legacyNone(site, 'sign')) return;
        for (const hit of context.properties(site.argument('options'), 'algorithm')) for (const value of context.valuesOf(hit)) checkAlgorithm(context, value, site, 'sign');
        checkSecret(context, site.argument('key'));
      };
    }
    for (const api of JOSE_LEGACY_VERIFY) {
      calls[api] = (site) => {
        if (legacyNone(site, 'verify')) return;
        checkSecret(context, site.argument('key'));
        for (const hit of context.properties(site.argument('options'), 'algorithms')) {
          for (const value of arrayValues(context, hit.value)) checkAlgorithm(context, value, site, 'verify');
          checkAlgorithmFromToken(context, hit.value);
        }
      };
    }
    for (const api of JOSE_HEADERS) {
      calls[api] = (site) => {
        const header = site.argument('header');
        for (const name of ['alg', 'enc']) for (const hit of context.properties(header, name)) for (const value of context.valuesOf(hit)) checkAlgorithm(context, value, site, 'sign');
      };
    }
    for (const api of JOSE_VERIFY) {
      calls[api] = (site) => {
        for (const name of ['algorithms', 'keyManagementAlgorithms', 'contentEncryptionAlgorithms']) {
          for (const hit of context.properties(site.argument('options'), name)) {
            for (const value of arrayValues(context, hit.value)) checkAlgorithm(context, value, site, 'verify');
            checkAlgorithmFromToken(context, hit.value);
          }
        }
      };
    }
    for (const api of JOSE_KEYS) calls[api] = (site) => context.strings(site.argument('algorithm')).forEach((value) => checkAlgorithm(context, value, site, 'sign'));
    for (const api of JOSE_IMPORTS) calls[api] = (site) => context.strings(site.argument('algorithm')).forEach((value) => checkAlgorithm(context, value, site, 'verify'));
    const middleware = (library: string) => (site: CallSite) => {
      const options = site.argument('options');
      const hits = context.properties(options, 'algorithms');
      for (const hit of hits) for (const value of arrayValues(context, hit.value)) checkAlgorithm(context, value, site, 'verify');
      if (library === 'passport-jwt' && hits.length === 0 && options) reportUnpinned(context, site, options, 'passport-jwt Strategy', 'secretOrKey');
      checkSecret(context, context.properties(options, library === 'passport-jwt' ? 'secretOrKey' : 'secret')[0]?.value);
    };
    calls['express-jwt'] = middleware('express-jwt');
    calls['express-jwt.expressjwt'] = middleware('express-jwt');
    calls['passport-jwt.Strategy'] = middleware('passport-jwt');
    return { calls };
  },
});

function isFunction(context: RuleContext, expression: ts.Expression | undefined): boolean {
  if (!expression) return false;
  if (ts.isArrowFunction(expression) || ts.isFunctionExpression(expression)) return true;
  return context.resolver.values(expression).some((v) => v.kind === 'function');
}

/** String values of an array literal (`algorithms: ['HS256', 'none']`), each with its own range. */
/**
 * A token decoded without verification whose claims decide access in the same function: `const
 * user = jwt.decode(token); if (user.role === 'admin') ...` with no verify call there. Decoding to
 * show a name, or to read `exp` before a refresh, is fine and not reported.
 */
function checkDecodeForAccess(context: RuleContext, site: CallSite): void {
  const fn = enclosingFunction(site.node);
  const body = fn && 'body' in fn ? fn.body : undefined;
  if (!body) return;
  const names = new Set<string>();
  const declaration = site.node.parent && ts.isVariableDeclaration(skipUp(site.node)) ? (skipUp(site.node) as ts.VariableDeclaration) : undefined;
  if (!declaration) return;
  if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
  const claims = new Set<string>();
  if (ts.isObjectBindingPattern(declaration.name)) {
    for (const element of declaration.name.elements) {
      const claim = (element.propertyName ?? element.name).getText(site.sourceFile).toLowerCase();
      if (ACCESS_CLAIMS.has(claim) && ts.isIdentifier(element.name)) claims.add(element.name.text);
    }
  }
  let verifies = false;
  let decision: ts.Node | undefined;
  const readsAccessClaim = (node: ts.Node): boolean => {
    if (ts.isIdentifier(node) && claims.has(node.text)) return true;
    if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && ts.isIdentifier(node.expression) && names.has(node.expression.text)) {
      const claim = ts.isPropertyAccessExpression(node) ? node.name.text : ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : '';
      if (ACCESS_CLAIMS.has(claim.toLowerCase())) return true;
    }
    return ts.forEachChild(node, readsAccessClaim) ?? false;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      if (/^(verify|jwtVerify|compactVerify|verifyToken|verifyJwt|verifyJWT)$/.test(name)) verifies = true;
    }
    if (!decision) {
      const condition = ts.isIfStatement(node) ? node.expression : ts.isConditionalExpression(node) ? node.condition : undefined;
      if (condition && readsAccessClaim(condition)) decision = condition;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  if (verifies || !decision) return;
  context.report({
    site: site.node.expression,
    status: 'NO',
    message: describe(
      `${quoteCode(site.node.expression, site.sourceFile)} reads the token without checking its signature, and this function decides access on its claims`,
      'anyone can write a token with any role or scope: claims count only after the signature is verified (RFC 8725 §3.1; CWE-347)',
      'Verify the token (jwt.verify or jose.jwtVerify, with pinned algorithms) and read the claims from its result.',
    ),
  });
}

function skipUp(node: ts.Node): ts.Node {
  let current = node.parent;
  while (current && (ts.isAwaitExpression(current) || ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current))) current = current.parent;
  return current;
}

/**
 * `algorithms: [decoded.header.alg]`: the verifier accepts whatever algorithm the token names,
 * so the attacker picks it (`none`, or HS256 with the public key as the secret).
 */
function checkAlgorithmFromToken(context: RuleContext, expression: ts.Expression | undefined): void {
  for (const value of context.resolver.values(expression)) {
    if (value.kind !== 'array') continue;
    for (const element of value.elements) {
      const node = skipOuterExpressions(element);
      const named =
        (ts.isPropertyAccessExpression(node) && node.name.text === 'alg') ||
        (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === 'alg');
      if (!named) continue;
      context.report({
        site: element,
        status: 'NO',
        message: describe(
          'The accepted algorithms are read from the token itself',
          'the verifier then accepts whatever algorithm the token names, so an attacker chooses it (alg "none", or HS256 keyed with the public key) (RFC 8725 §2.1, §3.1)',
          "Pin the algorithms your issuer uses: algorithms: ['ES256'].",
        ),
      });
    }
  }
}

function arrayValues(context: RuleContext, expression: ts.Expression | undefined): StringValue[] {
  const out: StringValue[] = [];
  for (const value of context.resolver.values(expression)) {
    if (value.kind === 'array') for (const element of value.elements) out.push(...context.strings(element));
    else if (value.kind === 'string') out.push(value);
  }
  return out;
}

function checkAlgorithm(context: RuleContext, value: Value, site: CallSite, operation: 'sign' | 'verify'): void {
  if (value.kind !== 'string') return;
  const policy = lookupJoseAlgorithm(value.value);
  if (!policy) return;
  const status = statusFor(policy.status, context.policy(operation === 'sign' ? 'apply' : 'process'));
  if (status === 'OK') return;
  const replacement = policy.replacement?.[context.profile];
  const none = value.value.toLowerCase() === 'none';
  const fixes: FixDescriptor[] = [];
  const node = value.origin.node;
  if (none && operation === 'verify' && ts.isArrayLiteralExpression(node.parent) && node.parent.elements.length > 1 && value.origin.sourceFile === context.sourceFile) {
    fixes.push({ title: "Stop accepting 'none'", safety: 'suggestion', preferred: true, edits: [removeProperty(node, value.origin.sourceFile)] });
  } else if (replacement) {
    fixes.push({ title: `Use '${replacement}' (tokens and keys must change on both sides)`, safety: 'suggestion', preferred: true, edits: [replaceString(value, replacement)] });
  }
  context.report({
    value,
    site: site.node.expression,
    status,
    message: describe(
      none
        ? operation === 'sign'
          ? 'The token is signed with alg "none"'
          : 'The verifier accepts alg "none"'
        : `JOSE algorithm ${value.value} is ${STATUS_WORDS[status]} under ${context.profile}`,
      policy.reason,
      replacement ? `Use '${replacement}'.` : none ? 'Sign with ES256 or HS256 and verify with that algorithm pinned.' : undefined,
    ),
    fixes,
  });
}

/** jsonwebtoken and jwt-simple default to HS256, which CNSA 2.0 does not accept. */
function checkDefaultHs256(context: RuleContext, site: CallSite, options: ts.Expression | undefined, what: string): void {
  const policy = lookupJoseAlgorithm('HS256')!;
  const status = statusFor(policy.status, context.policy('apply'));
  if (status === 'OK') return;
  const q = preferredQuote(site.sourceFile);
  const call = site.node as ts.CallExpression;
  const literal = options && ts.isObjectLiteralExpression(options) ? options : undefined;
  const edit = literal ? insertProperty(literal, `algorithm: ${q}HS384${q}`, site.sourceFile) : site.api === 'jsonwebtoken.sign' && call.arguments.length === 2 ? appendArguments(call, `{ algorithm: ${q}HS384${q} }`, site.sourceFile) : undefined;
  context.report({
    site: site.node.expression,
    status,
    message: describe(what, policy.reason, "Pass algorithm: 'HS384'."),
    fixes: edit ? [{ title: "Sign with HS384 (verifiers must accept it)", safety: 'suggestion', preferred: true, edits: [edit] }] : [],
  });
}

/**
 * A verifier without `algorithms` lets the token's header choose (RFC 8725 §3.1). The fix pins
 * HS256 only when the key is a string secret, where HS* is what the code means.
 */
function reportUnpinned(context: RuleContext, site: CallSite, options: ts.Expression | undefined, subject: string, secretProperty?: string): void {
  const call = site.node as ts.CallExpression;
  const key = secretProperty ? context.properties(options, secretProperty)[0]?.value : site.argument('key');
  const secret = key && (context.strings(key).length > 0 || context.resolver.isStringTyped(key) || readsEnvironment(key));
  const q = preferredQuote(site.sourceFile);
  const pin = `algorithms: [${q}${context.profile === 'cnsa-2.0' ? 'HS384' : 'HS256'}${q}]`;
  const literal = options && ts.isObjectLiteralExpression(options) ? options : undefined;
  let edit;
  if (secret && literal) edit = insertProperty(literal, pin, site.sourceFile);
  else if (secret && !options && call.arguments && call.arguments.length === 2) edit = appendArguments(call, `{ ${pin} }`, site.sourceFile);
  context.report({
    site: site.node.expression,
    status: 'NO',
    message: describe(
      `${subject} does not pin the accepted algorithms`,
      'the token header then chooses how it is checked, which opens algorithm-confusion attacks (RFC 8725 §3.1)',
      'Pass algorithms: [...] with the one algorithm your keys use.',
    ),
    fixes: edit ? [{ title: `Accept only ${context.profile === 'cnsa-2.0' ? 'HS384' : 'HS256'} (tokens signed otherwise are rejected)`, safety: 'suggestion', preferred: true, edits: [edit] }] : [],
  });
}

function checkEscapeHatches(context: RuleContext, options: ts.Expression | undefined): void {
  for (const name of ['allowInsecureKeySizes', 'allowInvalidAsymmetricKeyTypes']) {
    for (const hit of context.properties(options, name)) {
      for (const value of context.valuesOf(hit)) {
        if (value.kind !== 'boolean' || !value.value) continue;
        context.report({
          value,
          site: hit.value ?? options!,
          status: 'NO',
          message: describe(
            `${name}: true`,
            name === 'allowInsecureKeySizes'
              ? 'it lets jsonwebtoken use RSA keys below 2048 bits, which FIPS 186-5 and SP 800-131A Rev 2 disallow'
              : 'it lets a key of the wrong type sign or verify, reopening algorithm-confusion attacks (RFC 8725 §3.1)',
            'Remove it and use keys that meet the policy.',
          ),
          fixes: hit.sourceFile === context.sourceFile ? [{ title: `Remove ${name}`, safety: 'suggestion', preferred: true, edits: [removeProperty(hit.property, hit.sourceFile)] }] : [],
        });
      }
    }
  }
}

/** An HS secret written in the code and shorter than 112 bits (SP 800-107 §5.3.4; reference §2.2). */
function checkSecret(context: RuleContext, key: ts.Expression | undefined): void {
  for (const value of context.strings(key)) {
    const bytes = Buffer.byteLength(value.value, 'utf8');
    if (bytes >= MIN_HMAC_KEY_BYTES || value.fromType) continue;
    context.report({
      value,
      site: key!,
      status: 'NO',
      message: describe(
        `The HS secret is ${bytes} byte${bytes === 1 ? '' : 's'} long`,
        'an HMAC key must carry at least 112 bits of security (SP 800-107 Rev 1 §5.3.4; SP 800-131A Rev 2), and RFC 7518 §3.2 asks for at least the hash size (32 bytes for HS256)',
        'Use a random secret of at least 32 bytes, kept outside the code.',
      ),
    });
  }
}
