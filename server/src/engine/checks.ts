import { ts } from './typescript';
import { replaceString } from './fixes';
import { lookupDigest, spellLike, webCryptoDigestName } from './policy/digests';
import { STATUS_WORDS, statusFor, type Operation, type Status, type Use } from './policy/status';
import { propertyNameText, skipOuterExpressions, type ObjectValue, type PropertyHit, type StringValue, type Value } from './resolve';
import { TLS_CLIENT_CONTAINERS, TLS_CLIENT_LIBRARY_APIS, TLS_OPTION_APIS } from './apis';
import type { CallSite, RuleContext, RuleListeners } from './rule';

/**
 * Checks more than one rule needs. Each takes the rule's context, so the finding carries the
 * calling rule's id; the knowledge (digest table, WebCrypto shapes, message form) lives once here.
 */

/** A message in the form every rule uses: what is wrong, why (standard), what to use instead. */
export function describe(what: string, why: string, instead?: string): string {
  const sentence = `${what}: ${why}.`;
  return instead ? `${sentence} ${instead}` : sentence;
}

export interface DigestCheck {
  use: Use;
  operation?: Operation;
  /** How the call names the digest, for the message ("createHash", "HMAC"). */
  subject: string;
  /** Where the value enters the call. */
  site: ts.Node;
  /** WebCrypto spells digests `SHA-256`. */
  webCrypto?: boolean;
  /** A note the fix title adds (e.g. digest length change). */
  fixNote?: (fromBytes: number | undefined, toBytes: number | undefined) => string;
}

/** Report every known digest value that the profile does not approve for this use. */
export function checkDigest(context: RuleContext, values: StringValue[], check: DigestCheck): void {
  for (const value of values) {
    const policy = lookupDigest(value.value);
    if (!policy) continue;
    const status = statusFor(policy.status, context.policy(check.operation, check.use));
    if (status === 'OK') continue;
    const replacementNode = policy.replacement[context.profile];
    const replacement = check.webCrypto ? webCryptoDigestName(replacementNode) : spellLike(value.value, replacementNode);
    const replacementPolicy = lookupDigest(replacementNode);
    const lengthNote =
      check.fixNote?.(policy.outputBytes, replacementPolicy?.outputBytes) ??
      (policy.outputBytes && replacementPolicy?.outputBytes && policy.outputBytes !== replacementPolicy.outputBytes
        ? ` (output ${policy.outputBytes} → ${replacementPolicy.outputBytes} bytes: stored values must be migrated)`
        : '');
    const sameName = lookupDigest(replacement) === policy;
    context.report({
      value,
      site: check.site,
      status,
      message: describe(
        `${check.subject} uses ${policy.display}, ${STATUS_WORDS[status]} for ${useWords(check.use)} under ${context.profile}`,
        policy.reason,
        sameName ? undefined : `Use '${replacement}'.`,
      ),
      fipsRuntime: check.use === 'sign' && policy.display === 'SHA-1' ? 'throws' : check.use === 'sign' || check.use === 'verify' || check.use === 'hash' || check.use === 'mac' || check.use === 'kdf' ? policy.fipsRuntime : undefined,
      fixes: sameName ? [] : [{ title: `Replace '${value.value}' with '${replacement}'${lengthNote}`, safety: 'suggestion', preferred: true, edits: [replaceString(value, replacement)] }],
    });
  }
}

function useWords(use: Use): string {
  switch (use) {
    case 'hash':
      return 'hashing';
    case 'mac':
      return 'HMAC';
    case 'kdf':
      return 'key derivation';
    case 'sign':
      return 'signature generation';
    case 'verify':
      return 'signature verification';
    default:
      return use;
  }
}

/**
 * A WebCrypto algorithm argument: either `'SHA-256'` or `{ name: 'AES-GCM', ... }`. Returns the
 * known names with the object each came from (if any).
 */
export interface WebCryptoAlgorithm {
  name: StringValue;
  object?: ObjectValue;
}

export function webCryptoAlgorithms(context: RuleContext, expression: ts.Expression | undefined): WebCryptoAlgorithm[] {
  const out: WebCryptoAlgorithm[] = [];
  for (const value of context.resolver.values(expression)) {
    if (value.kind === 'string') out.push({ name: value });
    if (value.kind === 'object') {
      for (const hit of context.resolver.findProperties(value, 'name')) {
        for (const name of context.valuesOf(hit)) if (name.kind === 'string') out.push({ name, object: value });
      }
    }
  }
  return out;
}

/** Values of `object[property]`, with the property hits for ranges and removal. */
export function objectProperty(context: RuleContext, object: ObjectValue, property: string): Array<{ hit: PropertyHit; value: Value }> {
  return context.resolver.findProperties(object, property).flatMap((hit) => context.valuesOf(hit).map((value) => ({ hit, value })));
}

/** A WebCrypto `hash` parameter is `'SHA-1'` or `{ name: 'SHA-1' }`. */
export function webCryptoHashValues(context: RuleContext, object: ObjectValue): StringValue[] {
  const out: StringValue[] = [];
  for (const { value } of objectProperty(context, object, 'hash')) {
    if (value.kind === 'string') out.push(value);
    if (value.kind === 'object') for (const inner of objectProperty(context, value, 'name')) if (inner.value.kind === 'string') out.push(inner.value);
  }
  return out;
}

/** Key usages of a WebCrypto call when written as a literal array; undefined when unknown. */
export function keyUsages(context: RuleContext, expression: ts.Expression | undefined): string[] | undefined {
  const values = context.resolver.values(expression);
  const array = values.find((v) => v.kind === 'array');
  if (!array || array.kind !== 'array') return undefined;
  const usages: string[] = [];
  for (const element of array.elements) {
    const strings = context.strings(element);
    if (strings.length !== 1) return undefined;
    usages.push(strings[0].value);
  }
  return usages;
}

/** The site for a value read from a property: the property when it is in this file, else the argument. */
export function siteFor(context: RuleContext, hit: PropertyHit, argument: ts.Node): ts.Node {
  if (hit.sourceFile === context.sourceFile) return hit.property;
  if (hit.entry && hit.entry.getSourceFile() === context.sourceFile) return hit.entry;
  return argument;
}

/**
 * Methods and functions whose arguments are the expected values of a test (node:assert, Jest,
 * Vitest, Chai, should.js, tap, Sinon, lodash): an object written there is data the test compares
 * against, not options that configure anything.
 */
const ASSERTION_CALLS = new Set([
  'equal', 'equals', 'deepEqual', 'deepStrictEqual', 'strictEqual', 'notEqual', 'notDeepEqual', 'notDeepStrictEqual', 'notStrictEqual',
  'eql', 'eqls', 'same', 'strictSame', 'notSame', 'match', 'has', 'deepEquals', 'isEqual', 'include', 'deepInclude', 'containSubset', 'propertyVal',
  'toEqual', 'toStrictEqual', 'toMatchObject', 'toHaveProperty', 'toContainEqual', 'toBe',
  'toHaveBeenCalledWith', 'toHaveBeenLastCalledWith', 'toHaveBeenNthCalledWith', 'toBeCalledWith', 'lastCalledWith', 'nthCalledWith',
  'calledWith', 'calledWithMatch', 'calledWithExactly', 'calledOnceWith', 'calledOnceWithExactly', 'alwaysCalledWith',
]);

/** Whether a property sits in an object literal passed to an assertion (`assert.deepStrictEqual(config.ssl, { rejectUnauthorized: false })`). */
export function isAssertionData(node: ts.Node): boolean {
  let current: ts.Node = node;
  for (let level = 0; level < 16 && current.parent; level++) {
    const parent: ts.Node = current.parent;
    if (ts.isObjectLiteralExpression(parent) || ts.isArrayLiteralExpression(parent) || ts.isPropertyAssignment(parent) || ts.isParenthesizedExpression(parent) || ts.isSpreadElement(parent) || ts.isAsExpression(parent)) {
      current = parent;
      continue;
    }
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== current) {
      const callee = skipOuterExpressions(parent.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      return name !== undefined && ASSERTION_CALLS.has(name);
    }
    return false;
  }
  return false;
}

/** Text of the object an API was reached through (`crypto` in `crypto.createHash`), for fixes that call a sibling API. */
export function calleeBaseText(callee: ts.Expression, sourceFile: ts.SourceFile): string | undefined {
  return ts.isPropertyAccessExpression(callee) ? callee.expression.getText(sourceFile) : undefined;
}

/** The same listener for every API whose options object carries TLS settings (reference §2.9). */
export function onTlsOptions(listener: (site: CallSite) => void): NonNullable<RuleListeners['calls']> {
  return Object.fromEntries(TLS_OPTION_APIS.map((api) => [api, listener]));
}

/**
 * The object literal a TLS option is written in, when that object is itself the value of a TLS
 * container (`ssl: { minVersion }`, `tls: { ciphers }`): TLS options by their place, wherever the
 * object goes (a Sequelize or TypeORM configuration module that no call in the file receives).
 */
export function tlsContainerObject(site: { node: ts.Node }): ts.ObjectLiteralExpression | undefined {
  const object = site.node.parent;
  if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
  const holder = object.parent;
  if (!holder || !ts.isPropertyAssignment(holder) || holder.initializer !== object) return undefined;
  const name = propertyNameText(holder.name);
  return name !== undefined && ['ssl', 'tls', 'tlsOptions', 'sslOptions', 'https', 'agentOptions'].includes(name) ? object : undefined;
}

/**
 * The object literal an argument is written as, when it leaves out `name`: the one place a missing
 * option can be judged (a spread, a variable or a parameter may bring it).
 */
export function literalWithout(expression: ts.Expression, name: string): ts.ObjectLiteralExpression | undefined {
  const literal = skipOuterExpressions(expression);
  if (!ts.isObjectLiteralExpression(literal)) return undefined;
  return literal.properties.some((p) => ts.isSpreadAssignment(p) || (p.name !== undefined && propertyNameText(p.name) === name)) ? undefined : literal;
}

/**
 * Walks the TLS options a client library's argument may nest (`ssl`, `tls`, `https`,
 * `dialectOptions.ssl`...), `visit`ing each object with its depth, down to `maxDepth`. `anchor` is
 * where a finding sits when the value is written in another file.
 */
export function walkTlsContainers(context: RuleContext, expression: ts.Expression, anchor: ts.Expression, maxDepth: number, visit: (options: ts.Expression, anchor: ts.Expression, depth: number) => void, depth = 0): void {
  visit(expression, anchor, depth);
  if (depth >= maxDepth) return;
  for (const container of TLS_CLIENT_CONTAINERS) {
    for (const hit of context.properties(expression, container)) if (hit.value) walkTlsContainers(context, hit.value, hit.sourceFile === context.sourceFile ? hit.value : anchor, maxDepth, visit, depth + 1);
  }
}

/**
 * `visit` for every object that can hold TLS options of a call: the options of tls/https/http2
 * calls, and for client libraries each argument and the containers they nest TLS options in
 * (`ssl`, `tls`, `https`, `dialectOptions.ssl`...), three levels deep. `anchor` is where a finding
 * sits when the value is written in another file.
 */
export function onTlsOptionObjects(context: RuleContext, visit: (options: ts.Expression, anchor: ts.Expression) => void): NonNullable<RuleListeners['calls']> {
  const calls = onTlsOptions((site) => {
    const options = site.optionsArgument();
    if (options) visit(options, options);
  });
  for (const api of TLS_CLIENT_LIBRARY_APIS) {
    calls[api] = (site) => {
      for (const argument of site.node.arguments ?? []) if (!ts.isSpreadElement(argument)) walkTlsContainers(context, argument, argument, 3, visit);
    };
  }
  return calls;
}

/**
 * Reference §0.3.1 and §2.11: a pure-JS library never runs inside a validated module, so an
 * algorithm the profile approves is still NV there. Anything worse keeps its own status.
 */
export function inLibrary(status: Status): Status {
  return status === 'OK' ? 'NV' : status;
}

/** The "why" of an NV finding, naming the library. */
export function notValidated(library: string): string {
  return `${library} is a pure-JavaScript library, not a FIPS 140 validated module, and FIPS 140 compliance requires the operation to run inside one (FIPS 140-3 / ISO/IEC 19790 §7.2)`;
}

/**
 * Whether an expression reads the environment: `process.env.KEY`, `process.env['KEY']`, or a
 * `||` / `??` chain with one (`process.env.A ?? process.env.B`). Such a value is text, known only
 * at run time.
 */
export function readsEnvironment(expression: ts.Expression): boolean {
  const node = skipOuterExpressions(expression) as ts.Expression;
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.BarBarToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    return readsEnvironment(node.left) || readsEnvironment(node.right);
  }
  return (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && node.expression.getText() === 'process.env';
}

/** The npm library an API path belongs to, as users spell it (`crypto-js`, `@noble/hashes`). */
export function libraryOf(api: string): string {
  return api.split('.')[0];
}

const CRYPTO_JS_NAMESPACES = { mode: 'mode', hasher: 'algo', padding: 'pad' } as const;

/**
 * The crypto-js constant an option names, resolved like any API path (`mode: CryptoJS.mode.ECB` →
 * `ECB`, `hasher: CryptoJS.algo.SHA256` → `SHA256`, `padding: CryptoJS.pad.NoPadding` → `NoPadding`);
 * `member` is undefined when the value is not such a constant.
 */
export function cryptoJsOptions(context: RuleContext, options: ts.Expression | undefined, property: keyof typeof CRYPTO_JS_NAMESPACES): Array<{ hit: PropertyHit; member?: string }> {
  return context.properties(options, property).map((hit) => {
    const api = hit.value && context.resolver.resolveApi(hit.value);
    const member = api?.length === 3 && api[0] === 'crypto-js' && api[1] === CRYPTO_JS_NAMESPACES[property] ? api[2] : undefined;
    return { hit, member };
  });
}
