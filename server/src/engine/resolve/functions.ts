import { ts } from '../typescript';
import { fileIndex, skipOuterExpressions } from '../file-index';
import type { Budget } from './budget';
import { accessChain } from './objects';
import { enclosingClass, propertyNameText } from './scopes';
import type { ApiPath, Declaration, Origin, Value } from './types';

/**
 * Functions: what a wrapper's parameter receives from its callers, what a helper returns, and
 * which functions a function calls (the summary a caller in another module needs to see the
 * crypto calls behind `digest('md5', data)`).
 *
 * A function is whatever a call can reach: a declaration, `const f = () => ...`, a class method
 * (called as `this.m()` or, when static, `Class.m()`), an object-literal method
 * (`const utils = { digest(alg) {...} }`), or a function assigned to a property
 * (`OAuth.nonce = function () {...}`, `exports.sign = ...`).
 */

/** What the function flow asks of the resolver. */
export interface FunctionResolver {
  values(expression: ts.Expression | undefined, depth?: number, via?: Origin[]): Value[];
  resolveApi(node: ts.Node, depth?: number): ApiPath | undefined;
  findDeclaration(identifier: ts.Identifier): Declaration | undefined;
  pathValues(bases: Value[], path: string[], depth: number): Value[];
  readonly budget: Budget;
}

/**
 * A call whose callee's parameters are bound to its arguments: the frame in which a function of
 * another module is evaluated for one call in the analysed file (`digest('md5', data)` binds
 * `digest`'s `alg` to `'md5'`). Arguments are evaluated by the caller's resolver.
 */
export interface CallBinding {
  fn: ts.SignatureDeclaration;
  call: ts.CallExpression | ts.NewExpression;
  caller: FunctionResolver;
}

export class FunctionFlow {
  /** Parameters and functions being evaluated: recursion through call sites stops here. */
  private readonly inProgress = new Set<ts.Node>();

  constructor(
    private readonly resolver: FunctionResolver,
    private readonly binding?: CallBinding,
  ) {}

  /**
   * A parameter's values: in a bound frame, the argument of that call (or the default when the
   * call passes none); otherwise its default and what the function's callers in its own file pass
   * (`const md5 = (s) => digest('md5', s)` makes `'md5'` reach `createHash(alg)` inside `digest`).
   */
  parameterValues(parameter: ts.ParameterDeclaration, path: string[], depth: number, via: Origin[], defaults: () => Value[]): Value[] {
    const fn = parameter.parent;
    const index = fn.parameters.indexOf(parameter);
    if (this.binding?.fn === fn) {
      const argument = this.binding.call.arguments?.[index];
      if (!argument) return defaults();
      if (parameter.dotDotDotToken || ts.isSpreadElement(argument)) return [];
      return this.resolver.pathValues(this.binding.caller.values(argument, depth + 1, via), path, depth);
    }
    const passed: Value[] = [];
    if (!parameter.dotDotDotToken && index >= 0 && !this.inProgress.has(parameter)) {
      this.inProgress.add(parameter);
      try {
        for (const call of this.callersOf(fn)) {
          const argument = call.arguments?.[index];
          if (!argument || ts.isSpreadElement(argument)) continue;
          passed.push(...this.resolver.pathValues(this.resolver.values(argument, depth + 1, via), path, depth));
        }
      } finally {
        this.inProgress.delete(parameter);
      }
    }
    return [...defaults(), ...passed];
  }

  /** Calls of a function in its own file. */
  callersOf(fn: ts.SignatureDeclaration): Array<ts.CallExpression | ts.NewExpression> {
    const sourceFile = fn.getSourceFile();
    const index = fileIndex(sourceFile);
    const declared = (c: ts.CallExpression | ts.NewExpression, node: ts.Node) => ts.isIdentifier(c.expression) && this.resolver.findDeclaration(c.expression)?.node === node;
    if (ts.isFunctionDeclaration(fn) && fn.name) {
      return (index.callsByName.get(fn.name.text) ?? []).filter((c) => declared(c, fn));
    }
    const name = functionName(fn);
    if (!name) return [];
    const holder = fn.parent;
    if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(holder)) {
      return (index.callsByName.get(name) ?? []).filter((c) => declared(c, holder));
    }
    const named = (index.callsByName.get(name) ?? []).filter((c) => ts.isPropertyAccessExpression(skipOuterExpressions(c.expression)));
    if (ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent)) {
      const cls = fn.parent;
      const isStatic = ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
      return named.filter((c) => {
        const owner = skipOuterExpressions((skipOuterExpressions(c.expression) as ts.PropertyAccessExpression).expression);
        if (owner.kind === ts.SyntaxKind.ThisKeyword) return enclosingClass(c) === cls;
        return !!isStatic && ts.isIdentifier(owner) && this.resolver.findDeclaration(owner)?.node === cls;
      });
    }
    // `const utils = { digest(alg) {...} }` called as `utils.digest(...)` (or `this.digest(...)` inside it).
    const literal = ts.isObjectLiteralExpression(fn.parent) ? fn.parent : ts.isPropertyAssignment(holder) && ts.isObjectLiteralExpression(holder.parent) ? holder.parent : undefined;
    if (literal) {
      const variable = ts.isVariableDeclaration(literal.parent) ? literal.parent : undefined;
      return named.filter((c) => {
        const owner = skipOuterExpressions((skipOuterExpressions(c.expression) as ts.PropertyAccessExpression).expression);
        if (owner.kind === ts.SyntaxKind.ThisKeyword) return c.pos >= literal.pos && c.end <= literal.end;
        return !!variable && ts.isIdentifier(owner) && this.resolver.findDeclaration(owner)?.node === variable;
      });
    }
    // `OAuth.nonce = function () {...}` called as `OAuth.nonce()`.
    if (ts.isBinaryExpression(holder) && holder.right === fn) {
      const target = accessChain(holder.left);
      if (!target || target.root.kind === ts.SyntaxKind.ThisKeyword) return [];
      const rootDeclaration = this.resolver.findDeclaration(target.root as ts.Identifier)?.node;
      return named.filter((c) => {
        const chain = accessChain(c.expression);
        if (!chain || chain.root.kind === ts.SyntaxKind.ThisKeyword || chain.names.join('.') !== target.names.join('.')) return false;
        const root = chain.root as ts.Identifier;
        return root.text === (target.root as ts.Identifier).text && this.resolver.findDeclaration(root)?.node === rootDeclaration;
      });
    }
    return [];
  }

  /** What a function returns: `tls.connect(tlsOptions())`, `createHash(pickAlgorithm())`. */
  returnedValues(fn: ts.SignatureDeclaration, depth: number, via: Origin[]): Value[] {
    if (this.inProgress.has(fn)) return [];
    this.inProgress.add(fn);
    try {
      return returnedExpressions(fn).flatMap((expression) => this.resolver.values(expression, depth + 1, via));
    } finally {
      this.inProgress.delete(fn);
    }
  }

  /**
   * The API a function returns, when every return agrees: a lazy loader
   * (`function loadCrypto() { return cached ??= require('crypto'); }`) or a getter.
   */
  returnedApi(fn: ts.SignatureDeclaration, depth: number): ApiPath | undefined {
    if (this.inProgress.has(fn)) return undefined;
    this.inProgress.add(fn);
    try {
      return agreeingApi(returnedExpressions(fn), (expression) => this.resolver.resolveApi(expression, depth + 1));
    } finally {
      this.inProgress.delete(fn);
    }
  }
}

/** The calls and `new` expressions inside a function, nested callbacks included, in source order. */
export function callSitesWithin(fn: ts.SignatureDeclaration): Array<ts.CallExpression | ts.NewExpression> {
  const sites = fileIndex(fn.getSourceFile()).sites;
  // Sites are in source order: find the first inside the function by bisection, then read on.
  let low = 0;
  let high = sites.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sites[middle].pos < fn.pos) low = middle + 1;
    else high = middle;
  }
  const out: Array<ts.CallExpression | ts.NewExpression> = [];
  for (let i = low; i < sites.length && sites[i].pos < fn.end; i++) {
    const site = sites[i];
    if (site.end <= fn.end && !ts.isBinaryExpression(site)) out.push(site);
  }
  return out;
}

/** The expressions a function returns (its concise body, or each `return x` outside nested functions). */
export function returnedExpressions(fn: ts.SignatureDeclaration): ts.Expression[] {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const out: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) {
      if (node.expression) out.push(node.expression);
    } else {
      ts.forEachChild(node, visit);
    }
  };
  ts.forEachChild(body, visit);
  return out;
}

/**
 * The one API all the expressions name, ignoring those that name none (`window.crypto ||
 * window.msCrypto` is WebCrypto); undefined when they name different ones or none.
 */
export function agreeingApi(expressions: readonly ts.Node[], resolve: (expression: ts.Node) => ApiPath | undefined): ApiPath | undefined {
  let agreed: ApiPath | undefined;
  for (const expression of expressions) {
    const api = resolve(expression);
    if (!api) continue;
    if (agreed && agreed.join('.') !== api.join('.')) return undefined;
    agreed = api;
  }
  return agreed;
}

/** The name a function is called by: its own, or the variable, property or method it is assigned to. */
export function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn)) && fn.name) {
    return propertyNameText(fn.name);
  }
  const holder = fn.parent;
  if (holder && (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder))) {
    return ts.isIdentifier(holder.name) || ts.isStringLiteral(holder.name) ? holder.name.text : undefined;
  }
  if (holder && ts.isBinaryExpression(holder) && holder.right === fn) {
    const chain = accessChain(holder.left);
    return chain?.names[chain.names.length - 1];
  }
  if (ts.isFunctionExpression(fn) && fn.name) return fn.name.text;
  return undefined;
}
