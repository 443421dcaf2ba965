import { ts } from '../../server/src/engine/typescript';
import { fileIndex } from '../../server/src/engine/file-index';
import { enclosingFunction, skipOuterExpressions } from '../../server/src/engine/resolve';
import { functionName } from '../../server/src/engine/resolve/functions';
import { lookupDeclaration } from '../../server/src/engine/resolve/scopes';
import { describe } from '../../server/src/engine/checks';
import { isBrowserCode, nodeCryptoReference, preferredQuote, replaceNode } from '../../server/src/engine/fixes';
import { RANDOM_SOURCES } from '../../server/src/engine/policy/schemes';
import { API_SIGNATURES } from '../../server/src/engine/apis';
import { defineRule, type CallSite, type FixDescriptor, type RuleContext } from '../../server/src/engine/rule';

/**
 * `Math.random()` whose value becomes a secret (reference §2.6). V8's Math.random is xorshift128+:
 * its state can be recovered from a few outputs, so a token made from it can be predicted.
 * Most `Math.random()` calls are not secrets (animations, jitter, sampling), so the rule follows
 * the value to where it is named or used: a variable, property, assignment target, the function
 * returning it (and, one step further, what callers of that function name its result), or the
 * call it is passed to. Only names that say "secret" count; a name that says "jitter" or
 * "color" clears it.
 */

const SECRET_WORDS = new Set([
  'token', 'secret', 'password', 'passwd', 'pwd', 'pw', 'passphrase', 'passcode', 'salt', 'nonce', 'iv', 'otp', 'totp', 'hotp',
  'pin', 'session', 'sid', 'csrf', 'xsrf', 'credential', 'credentials', 'apikey', 'bearer',
]);
/** `key` and `code` alone are usually React keys, cache keys and status codes: they count after one of these. */
const KEY_QUALIFIERS = new Set([
  'api', 'secret', 'private', 'encryption', 'encrypt', 'crypto', 'cipher', 'aes', 'hmac', 'signing', 'sign', 'access', 'session',
  'master', 'license', 'licence', 'auth', 'shared', 'symmetric', 'wrapping', 'client', 'jwt', 'app', 'account',
]);
const CODE_QUALIFIERS = new Set([
  'auth', 'verification', 'verify', 'otp', 'reset', 'confirmation', 'confirm', 'sms', 'mfa', 'login', 'magic', 'recovery',
  'activation', 'invite', 'invitation', 'security', 'access', 'one', 'email', 'phone', 'unlock', 'pairing', 'backup',
]);
const HARMLESS_WORDS = new Set([
  'shuffle', 'shuffled', 'jitter', 'delay', 'backoff', 'retry', 'color', 'colour', 'hue', 'rgb', 'animation', 'animate', 'position',
  'offset', 'opacity', 'sample', 'sampling', 'duration', 'timeout', 'sleep', 'wait', 'width', 'height', 'angle', 'rotation',
  'speed', 'velocity', 'particle', 'noise', 'choice', 'x', 'y', 'z', 'left', 'top', 'lat', 'lng', 'lon', 'latitude', 'longitude', 'demo', 'mock', 'fake', 'placeholder', 'test', 'fixture',
]);

/** A guessing game's `secretNumber` or `secretWord` is no one's secret. */
const GAME_SECRETS = new Set(['number', 'num', 'word', 'santa']);

/**
 * The words of an identifier: `sessionToken` → session, token; `HTTPServer` → http, server; digits
 * and punctuation separate. One pass, not a chain of regex replacements: `([A-Z]+)([A-Z][a-z])` is
 * quadratic on a long run of capitals (a generated identifier can be megabytes long).
 */
function words(name: string): string[] {
  const out: string[] = [];
  let start = -1;
  const isUpper = (c: number) => c >= 65 && c <= 90;
  const isLower = (c: number) => c >= 97 && c <= 122;
  const flush = (end: number) => {
    if (start >= 0 && end > start) out.push(name.slice(start, end).toLowerCase());
    start = -1;
  };
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!isUpper(c) && !isLower(c)) {
      flush(i);
      continue;
    }
    if (isUpper(c) && start >= 0) {
      const previous = name.charCodeAt(i - 1);
      // fooBar: a capital after a small letter; HTTPServer: the last capital of a run before a small letter.
      if (isLower(previous) || (isUpper(previous) && isLower(name.charCodeAt(i + 1)))) flush(i);
    }
    if (start < 0) start = i;
  }
  flush(name.length);
  return out;
}

type Verdict = 'secret' | 'harmless' | 'unknown';

/** What names say about a value: one harmless word clears it, else one secret word flags it. */
/** Words a project adds through the rule's options. */
interface Vocabulary {
  secret: ReadonlySet<string>;
  harmless: ReadonlySet<string>;
}

const NO_VOCABULARY: Vocabulary = { secret: new Set(), harmless: new Set() };

/**
 * OAuth 2.0 and OpenID Connect protect these with unguessable values (RFC 6749 §10.12, RFC 7636,
 * OIDC Core §3.1.2.1). As plain names they mean too many other things (React `state`), so they
 * count where they are protocol parameters: a URL's query (`?state=${...}`) or an authorization
 * request object (`{ client_id, redirect_uri, state }`), which `destination` marks with `?`.
 */
const PROTOCOL_SECRETS = new Set(['state', 'nonce', 'code_verifier', 'codeVerifier', 'code_challenge', 'jti']);
const AUTHORIZATION_REQUEST_KEYS = /^(client_?id|clientId|redirect_?uri|redirectUri|response_?type|responseType|code_challenge|codeChallenge)$/;

function judgeNames(names: string[], vocabulary: Vocabulary = NO_VOCABULARY): { verdict: Verdict; name?: string } {
  let secret: string | undefined;
  for (const written of names) {
    const protocol = written.startsWith('?');
    const name = protocol ? written.slice(1) : written;
    if (protocol && PROTOCOL_SECRETS.has(name)) {
      secret ??= name;
      continue;
    }
    const parts = words(name);
    if (parts.some((w, i) => HARMLESS_WORDS.has(w) || vocabulary.harmless.has(w) || (w === 'secret' && GAME_SECRETS.has(parts[i + 1])))) return { verdict: 'harmless' };
    const flagged = parts.some(
      (w, i) => SECRET_WORDS.has(w) || vocabulary.secret.has(w) || ((w === 'key' || w === 'keys') && i > 0 && KEY_QUALIFIERS.has(parts[i - 1])) || ((w === 'code' || w === 'codes') && i > 0 && CODE_QUALIFIERS.has(parts[i - 1])),
    );
    if (flagged) secret ??= name;
  }
  return secret ? { verdict: 'secret', name: secret } : { verdict: 'unknown' };
}

/** Calls that turn the number into another form of the same value (the name comes later). */
const TRANSFORMERS = new Set(['floor', 'round', 'ceil', 'trunc', 'String', 'Number', 'parseInt', 'parseFloat', 'toString', 'toFixed', 'substring', 'substr', 'slice', 'padStart', 'padEnd', 'charAt', 'from', 'concat', 'join', 'abs', 'fromCharCode', 'toUpperCase', 'toLowerCase', 'repeat', 'btoa', 'encodeURIComponent', 'encodeURI', 'escape', 'useRef', 'useState', 'useMemo']);

function calleeName(callee: ts.Expression): string | undefined {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function nameOf(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text;
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node)) return ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : undefined;
  return undefined;
}

interface Destination {
  names: string[];
  /** Where the value was followed from (in another module, it becomes the finding's related location). */
  at: ts.Node;
  /** A variable the value is stored in, whose uses may name it further. */
  variable?: ts.Identifier;
  /** A function that returns the value: its callers name it. */
  returnedBy?: ts.SignatureDeclaration;
  /** The value is this argument of a call: the parameter it lands in names it (`createHmac`'s `key`, `issue(secret)`). */
  argumentOf?: { call: ts.CallExpression | ts.NewExpression; index: number };
}

/** Follow a value up the tree to where it is named. */
function destination(start: ts.Node): Destination {
  const names: string[] = [];
  let current = start;
  for (let depth = 0; depth < 16; depth++) {
    const parent = current.parent;
    if (!parent) break;
    // `Math.random() < 0.5`: a coin flip is a boolean, never a secret.
    if (ts.isBinaryExpression(parent) && COMPARISONS.has(parent.operatorToken.kind)) return { at: start, names: [CHOICE] };
    // `['RSA-OAEP', 'RSA-OAEP-256'][Math.floor(Math.random() * 2)]`: a pick among written values is one of
    // them, not a random secret (an alphabet of single characters, joined into a token, is another matter).
    if (ts.isElementAccessExpression(parent) && parent.argumentExpression === current && picksAmongWords(parent.expression)) return { at: start, names: [CHOICE] };
    if (ts.isTemplateSpan(parent)) {
      // `?state=${id}`: the query parameter names the value.
      const template = parent.parent;
      const index = template.templateSpans.indexOf(parent);
      const parameter = queryParameter(index === 0 ? template.head.text : template.templateSpans[index - 1].literal.text);
      if (parameter) names.push(`?${parameter}`);
      current = template;
      continue;
    }
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.PlusToken && parent.right === current) {
      // `url + '&state=' + id`
      const left = ts.isBinaryExpression(parent.left) ? parent.left.right : parent.left;
      const parameter = ts.isStringLiteralLike(left) ? queryParameter(left.text) : undefined;
      if (parameter) names.push(`?${parameter}`);
    }
    if (
      ts.isParenthesizedExpression(parent) || ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent) ||
      ts.isTemplateExpression(parent) || ts.isConditionalExpression(parent) || ts.isArrayLiteralExpression(parent) || ts.isAsExpression(parent) ||
      ts.isNonNullExpression(parent) || ts.isSpreadElement(parent) || ts.isAwaitExpression(parent) || ts.isTypeAssertionExpression(parent) ||
      (ts.isPropertyAccessExpression(parent) && parent.expression === current) || (ts.isElementAccessExpression(parent) && parent.argumentExpression === current)
    ) {
      current = parent;
      continue;
    }
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      const assignment = op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
      if (!assignment) {
        current = parent;
        continue;
      }
      if (parent.right !== current) break;
      names.push(...[nameOf(parent.left)].filter((n): n is string => !!n));
      return { at: start, names, variable: ts.isIdentifier(parent.left) ? parent.left : undefined };
    }
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      if (parent.expression === current) {
        current = parent;
        continue;
      }
      const callee = calleeName(parent.expression);
      if (callee && TRANSFORMERS.has(callee)) {
        current = parent;
        continue;
      }
      if (callee === 'push' || callee === 'add' || callee === 'set') {
        // `chars.push(x)`, `map.set('token', x)`: the collection and the key name it.
        const target = ts.isPropertyAccessExpression(parent.expression) ? nameOf(parent.expression.expression) : undefined;
        if (target) names.push(target);
      }
      if (callee) names.push(callee);
      for (const argument of parent.arguments ?? []) if (ts.isStringLiteralLike(argument)) names.push(argument.text);
      const index = parent.arguments ? parent.arguments.indexOf(current as ts.Expression) : -1;
      return { at: start, names, ...(index >= 0 ? { argumentOf: { call: parent, index } } : {}) };
    }
    if (ts.isVariableDeclaration(parent)) {
      const first = ts.isArrayBindingPattern(parent.name) ? parent.name.elements[0] : undefined;
      const name = nameOf(first && ts.isBindingElement(first) ? first.name : parent.name);
      if (name) names.push(name);
      return { at: start, names, variable: ts.isIdentifier(parent.name) ? parent.name : undefined };
    }
    if (ts.isShorthandPropertyAssignment(parent)) {
      // `{ client_id, redirect_uri, state }`: the variable's name is the property's.
      names.push(isAuthorizationRequest(parent.parent) ? `?${parent.name.text}` : parent.name.text);
      current = parent.parent;
      continue;
    }
    if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
      const name = nameOf(parent.name);
      if (name) names.push(ts.isPropertyAssignment(parent) && isAuthorizationRequest(parent.parent) ? `?${name}` : name);
      if (ts.isPropertyDeclaration(parent)) return { at: start, names };
      current = parent.parent; // the object literal: its own name says more (`session = { id: ... }`)
      continue;
    }
    if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === current)) {
      const fn = ts.isArrowFunction(parent) ? parent : enclosingFunction(parent);
      // A callback (`Array.from({ length }, () => …)`, `.map(() => …)`): its results make the call's value.
      if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parent && (ts.isCallExpression(fn.parent) || ts.isNewExpression(fn.parent)) && fn.parent.expression !== fn) {
        current = fn.parent;
        continue;
      }
      const name = fn && functionName(fn);
      if (name) names.push(name);
      return { at: start, names, returnedBy: fn };
    }
    if (ts.isJsxExpression(parent) && ts.isJsxAttribute(parent.parent)) {
      names.push(parent.parent.name.getText());
      return { at: start, names };
    }
    break;
  }
  return { at: start, names };
}

const COMPARISONS = new Set([
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
]);
/** A name that clears the value: a random choice or a coin flip (in HARMLESS_WORDS). */
const CHOICE = 'randomChoice';

/** An array literal (or a constant holding one) of words, not single characters. */
function picksAmongWords(expression: ts.Expression): boolean {
  let node: ts.Node = expression;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (ts.isIdentifier(node)) {
    const declaration = lookupDeclaration(node);
    if (declaration?.kind === 'variable' && declaration.path.length === 0 && declaration.node.initializer) node = declaration.node.initializer;
  }
  return ts.isArrayLiteralExpression(node) && node.elements.length > 0 && node.elements.every((e) => !ts.isStringLiteralLike(e) || e.text.length > 1);
}

/** The query parameter a URL text ends by naming (`...&state=` → `state`). */
function queryParameter(text: string): string | undefined {
  return /[?&#]([A-Za-z_][\w.-]{0,64})=$/.exec(text)?.[1];
}

/** An object literal with the keys of an OAuth/OIDC authorization request. */
function isAuthorizationRequest(object: ts.ObjectLiteralExpression): boolean {
  return object.properties.some((p) => p.name !== undefined && AUTHORIZATION_REQUEST_KEYS.test(nameOf(p.name) ?? ''));
}

/** Identifiers of a file by name, built once per tree: following values must not walk the file per call. */
const identifierIndexes = new WeakMap<ts.SourceFile, Map<string, ts.Identifier[]>>();

function identifiersNamed(sourceFile: ts.SourceFile, name: string): ts.Identifier[] {
  let index = identifierIndexes.get(sourceFile);
  if (!index) {
    const built = new Map<string, ts.Identifier[]>();
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) {
        const list = built.get(node.text);
        if (list) list.push(node);
        else built.set(node.text, [node]);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    identifierIndexes.set(sourceFile, (index = built));
  }
  return index.get(name) ?? [];
}

/** Where else a stored value goes: each use of the variable in its scope, named one step on. */
function usesOf(variable: ts.Identifier, scope: ts.Node): Destination[] {
  const out: Destination[] = [];
  const start = scope.getStart();
  const end = scope.getEnd();
  for (const node of identifiersNamed(variable.getSourceFile(), variable.text)) {
    if (node === variable || node.getStart() < start || node.getEnd() > end) continue;
    const parent = node.parent;
    const isDeclaration = (ts.isVariableDeclaration(parent) || ts.isParameter(parent)) && parent.name === node;
    const isWrite = ts.isBinaryExpression(parent) && parent.left === node;
    if (!isDeclaration && !isWrite && !(ts.isPropertyAccessExpression(parent) && parent.name === node)) out.push(destination(node));
    if (out.length >= MAX_DESTINATIONS) break;
  }
  return out;
}

/** What callers of a function name its result. */
function callersOf(context: RuleContext, fn: ts.SignatureDeclaration, sourceFile: ts.SourceFile): Destination[] {
  const name = functionName(fn);
  if (!name) return [];
  const out: Destination[] = [];
  const isThisFunction = (callee: ts.Expression): boolean => {
    if (ts.isIdentifier(callee)) {
      const declaration = context.resolver.findDeclaration(callee)?.node;
      return declaration === fn || (!!declaration && ts.isVariableDeclaration(declaration) && declaration.initializer === fn);
    }
    // `this.makeToken()`, `utils.makeToken()`: methods and exported helpers, matched by name.
    return ts.isPropertyAccessExpression(callee) && callee.name.text === name;
  };
  for (const call of fileIndex(sourceFile).callsByName.get(name) ?? []) {
    if (ts.isCallExpression(call) && isThisFunction(call.expression)) out.push(destination(call));
    if (out.length >= MAX_DESTINATIONS) break;
  }
  return out;
}

/**
 * What the project's other modules name a helper's result (`state: makeId()` in `auth.ts` for
 * `makeId` exported by `ids.ts`), and where.
 */
function callersElsewhere(context: RuleContext, fn: ts.SignatureDeclaration): Destination[] {
  return context.resolver.callsFromOtherModules(fn).map((call) => destination(call));
}

/** How far the value is followed past where it is first stored or returned. */
const MAX_HOPS = 3;
const MAX_DESTINATIONS = 64;

/** `new Random(nodeCrypto)`: a random-js instance over the platform CSPRNG (its declaration says so). */
function usesCryptoEngine(site: CallSite): boolean {
  const callee = site.node.expression;
  let made = ts.isPropertyAccessExpression(callee) ? skipOuterExpressions(callee.expression) : undefined;
  if (made && ts.isIdentifier(made)) {
    const declaration = lookupDeclaration(made);
    made = declaration?.kind === 'variable' && declaration.path.length === 0 && declaration.node.initializer ? skipOuterExpressions(declaration.node.initializer) : undefined;
  }
  if (!made || !ts.isNewExpression(made)) return false;
  return (made.arguments ?? []).some((a) => /\b(nodeCrypto|browserCrypto)\b/.test(a.getText(site.sourceFile)));
}

/**
 * The name of the parameter an argument lands in: the role of a known API's argument (`key` of
 * createHmac, jsonwebtoken.sign's `key`), or the parameter of a function the code declares.
 */
function parameterNames(context: RuleContext, place: Destination): string[] {
  if (!place.argumentOf) return [];
  const { call, index } = place.argumentOf;
  const api = context.resolver.resolveApi(call.expression)?.join('.');
  const role = api ? API_SIGNATURES[api]?.parameters[index] : undefined;
  // A crypto API's key, IV, salt, password or secret argument: `key` alone is not enough elsewhere.
  if (role) return [role === 'key' || role === 'keys' ? `cryptoKey` : role];
  for (const value of context.resolver.values(call.expression)) {
    if (value.kind !== 'function') continue;
    const parameter = value.node.parameters[index];
    if (parameter && ts.isIdentifier(parameter.name)) return [parameter.name.text];
  }
  return [];
}

function judge(context: RuleContext, call: ts.Node, vocabulary: Vocabulary): { verdict: Verdict; name?: string; at?: ts.Node } {
  const first = destination(call);
  first.names.push(...parameterNames(context, first));
  const own = judgeNames(first.names, vocabulary);
  if (own.verdict !== 'unknown') return own;
  const seen = new Set<ts.Node>();
  let frontier: Destination[] = [first];
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
    const next: Destination[] = [];
    for (const place of frontier) {
      if (place.variable && !seen.has(place.variable)) {
        seen.add(place.variable);
        next.push(...usesOf(place.variable, enclosingFunction(place.variable) ?? place.variable.getSourceFile()));
      }
      if (place.returnedBy && !seen.has(place.returnedBy)) {
        seen.add(place.returnedBy);
        next.push(...callersOf(context, place.returnedBy, place.returnedBy.getSourceFile()), ...callersElsewhere(context, place.returnedBy));
      }
    }
    // Each place speaks for itself: a harmless name further on (`x`, `delay`) does not clear a secret one.
    for (const place of next) {
      const verdict = judgeNames([...place.names, ...parameterNames(context, place)], vocabulary);
      if (verdict.verdict === 'secret') return { ...verdict, at: place.at };
    }
    frontier = next.slice(0, MAX_DESTINATIONS);
  }
  // Nothing names the value: the function it is made in may (`function makeOtp() { ... }`).
  const fn = enclosingFunction(call);
  const inFunction = fn && functionName(fn);
  return inFunction ? judgeNames([inFunction], vocabulary) : { verdict: 'unknown' };
}

/** npm generators that are not cryptographic, and why (reference §2.6). */
const WEAK_GENERATORS: Record<string, { display: string; why: string; engineMayBeSafe?: boolean }> = {
  'shortid.generate': { display: 'shortid.generate()', why: 'shortid builds ids from Math.random and a counter: they are unique, not unpredictable' },
  ...Object.fromEntries(
    ['seedrandom.instance', 'seedrandom.instance.int32', 'seedrandom.instance.quick', 'seedrandom.instance.double'].map((api) => [
      api,
      { display: 'seedrandom', why: 'seedrandom is a seeded ARC4/xor generator for reproducible sequences: whoever knows or guesses the seed predicts every value' },
    ]),
  ),
  // random-js draws from the engine it is given; the default (and MersenneTwister19937) is not cryptographic.
  ...Object.fromEntries(
    ['string', 'hex', 'uuid4', 'integer', 'int32', 'uint32', 'real', 'pick', 'sample', 'shuffle'].map((method) => [
      `random-js.Random.instance.${method}`,
      { display: `random-js ${method}()`, why: 'random-js without the nodeCrypto or browserCrypto engine draws from Math.random or a Mersenne Twister: its output can be predicted', engineMayBeSafe: true },
    ]),
  ),
  'uuid.v1': { display: 'uuid v1', why: 'a version 1 UUID is the time and the host\'s MAC address (or a fixed random node id): guessable, not secret (RFC 9562 §8)' },
  ...Object.fromEntries(
    ['string', 'guid', 'hash', 'word', 'natural', 'integer', 'character', 'pickone', 'apple_token'].map((method) => [
      `chance.instance.${method}`,
      { display: `chance.${method}()`, why: 'Chance draws from a Mersenne Twister seeded from Math.random: its output can be predicted' },
    ]),
  ),
};

export default defineRule({
  meta: {
    id: 'insecure-random',
    category: 'random',
    description: 'Math.random() (or shortid, seedrandom, random-js, uuid v1, Chance) used for a token, key, IV, salt, nonce, OTP, session id or password',
    reference: '§2.6',
    standards: ['SP 800-90A Rev 1', 'SP 800-63B §5.1', 'FIPS 140-3 / ISO/IEC 19790 §7.9 (SSP generation)'],
    fix: 'mixed',
    apis: ['Math.random', ...Object.keys(WEAK_GENERATORS)],
    options: {
      secretWords: { type: 'string-array', description: 'More words that mark a name as a secret (matched against the words of camelCase and snake_case names, lower case).' },
      harmlessWords: { type: 'string-array', description: 'More words that mark a name as not a secret (for example a domain word such as "dice").' },
    },
  },
  create(context) {
    const extraSecret = new Set(((context.ruleOptions.secretWords as string[] | undefined) ?? []).map((w) => w.toLowerCase()));
    const extraHarmless = new Set(((context.ruleOptions.harmlessWords as string[] | undefined) ?? []).map((w) => w.toLowerCase()));
    const vocabulary: Vocabulary = { secret: extraSecret, harmless: extraHarmless };
    return {
      calls: {
        'Math.random': (site) => {
          const { verdict, name, at } = judge(context, site.node, vocabulary);
          if (verdict !== 'secret') return;
          const elsewhere = at && at.getSourceFile() !== site.sourceFile ? at : undefined;
          context.report({
            site: site.node,
            related: elsewhere ? [{ origin: { sourceFile: elsewhere.getSourceFile(), node: elsewhere }, message: `its value becomes ${name} here` }] : [],
            status: 'NO',
            message: describe(
              `Math.random() makes a secret value (${name})`,
              RANDOM_SOURCES.mathRandom.why,
              `Use ${RANDOM_SOURCES.mathRandom.instead}.`,
            ),
            fixes: [randomFix(site)],
          });
        },
        ...Object.fromEntries(
          Object.entries(WEAK_GENERATORS).map(([api, generator]) => [
            api,
            (site: CallSite) => {
              if (generator.engineMayBeSafe && usesCryptoEngine(site)) return;
              const { verdict, name } = judge(context, site.node, vocabulary);
              if (verdict !== 'secret') return;
              context.report({
                site: site.node.expression,
                status: 'NO',
                message: describe(`${generator.display} makes a secret value (${name})`, generator.why, `Use ${RANDOM_SOURCES.mathRandom.instead}.`),
              });
            },
          ]),
        ),
      },
    };
  },
});

/**
 * `Math.floor(Math.random() * n)` → `randomInt(n)` (the same range, without bias; safe when `n`
 * is an integer literal or a `.length`). `Math.random().toString(36).slice(2)` →
 * `randomBytes(16).toString('hex')` (longer: a suggestion). No fix in browser code, where
 * node:crypto is not there.
 */
function randomFix(site: CallSite): FixDescriptor | undefined {
  if (isBrowserCode(site.sourceFile)) return undefined;
  const call = site.node;
  const product = call.parent;
  if (ts.isBinaryExpression(product) && product.operatorToken.kind === ts.SyntaxKind.AsteriskToken && product.left === call) {
    const floor = product.parent;
    if (ts.isCallExpression(floor) && floor.arguments.length === 1 && floor.arguments[0] === product && floor.expression.getText(site.sourceFile) === 'Math.floor') {
      const bound = product.right;
      // randomInt(n) throws for n < 1 and n > 2^48, where Math.floor(Math.random() * n) did not: only a
      // literal in range keeps every input working (an array's length may be 0).
      const integer = ts.isNumericLiteral(bound) && Number.isInteger(Number(bound.text)) && Number(bound.text) >= 1 && Number(bound.text) <= 2 ** 48;
      const reference = nodeCryptoReference(site.sourceFile, 'randomInt');
      return {
        title: `Use crypto.randomInt(${bound.getText(site.sourceFile)})`,
        safety: integer ? 'safe' : 'suggestion',
        preferred: true,
        edits: [replaceNode({ sourceFile: site.sourceFile, node: floor }, `${reference.text}(${bound.getText(site.sourceFile)})`), ...reference.edits],
      };
    }
  }
  // Math.random().toString(36).slice(2, n)
  const toString = call.parent;
  if (ts.isPropertyAccessExpression(toString) && toString.name.text === 'toString' && ts.isCallExpression(toString.parent)) {
    const toStringCall = toString.parent;
    const cut = toStringCall.parent;
    const cutCall = ts.isPropertyAccessExpression(cut) && ['slice', 'substring', 'substr'].includes(cut.name.text) && ts.isCallExpression(cut.parent) ? cut.parent : undefined;
    const target = cutCall ?? toStringCall;
    const reference = nodeCryptoReference(site.sourceFile, 'randomBytes');
    const q = preferredQuote(site.sourceFile);
    return {
      title: 'Use crypto.randomBytes(16).toString(\'hex\') (32 hex characters instead of about 11)',
      safety: 'suggestion',
      preferred: true,
      edits: [replaceNode({ sourceFile: site.sourceFile, node: target }, `${reference.text}(16).toString(${q}hex${q})`), ...reference.edits],
    };
  }
  return undefined;
}
