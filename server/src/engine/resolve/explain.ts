import * as path from 'node:path';
import { ts } from '../typescript';
import { quoteCode } from '../quote';
import { skipOuterExpressions } from '../file-index';
import { describeLimit } from './budget';
import { functionName, returnedExpressions } from './functions';
import { isExported } from './modules';
import type { Resolver } from './resolver';
import { accessedName } from './scopes';

/**
 * Why a value is not known, in words an auditor can act on: where following it stopped
 * ("parameter `alg` of exported function `digest`", "process.env.HASH_ALG", "a table indexed at
 * run time"). It retraces the resolver's steps syntactically and asks the resolver at each one,
 * so a value the resolver knows has no reason, and a fallback (`options.alg || 'sha256'`) whose
 * first branch is unknown has one.
 */

/** String methods the resolver evaluates on known strings (see `Resolver.callValues`). */
const STRING_METHODS = new Set(['toLowerCase', 'toUpperCase', 'trim', 'toString', 'replace', 'replaceAll']);

/** At most this many reasons per value; the first few places say enough. */
const MAX_REASONS = 3;
const MAX_DEPTH = 12;

/** Phrases ("comes from parameter `alg` of exported function `digest`") for the unknown parts of a value; empty when it is known. */
export function unknownReasons(resolver: Resolver, expression: ts.Expression): string[] {
  const sources = new UnknownSources(resolver).of(expression, 0);
  return [...new Set(sources)].slice(0, MAX_REASONS).map((source) => (source.startsWith('!') ? source.slice(1) : `comes from ${source}`));
}

/** Noun phrases naming where values come from; a phrase that starts with `!` is a whole sentence. */
class UnknownSources {
  private readonly seen = new Set<ts.Node>();

  constructor(private readonly resolver: Resolver) {}

  of(expression: ts.Expression, depth: number): string[] {
    const limit = this.resolver.limited.get(expression);
    if (limit) return [`!${describeLimit(limit)}`];
    const node = skipOuterExpressions(expression) as ts.Expression;
    if (depth > MAX_DEPTH || this.seen.has(node)) return [];
    this.seen.add(node);
    if (ts.isConditionalExpression(node)) return [...this.of(node.whenTrue, depth + 1), ...this.of(node.whenFalse, depth + 1)];
    // A fallback, a concatenation or a template is as known as its parts: one unknown part is a reason.
    if (ts.isBinaryExpression(node)) {
      const parts = [...this.of(node.left, depth + 1), ...this.of(node.right, depth + 1)];
      // `MODE === 'strict'`: known parts, an operator the resolver does not evaluate.
      return parts.length > 0 || this.known(node) ? parts : [`\`${short(node)}\`, which fipslint does not evaluate`];
    }
    if (ts.isTemplateExpression(node)) return node.templateSpans.flatMap((span) => this.of(span.expression, depth + 1));
    if (ts.isAwaitExpression(node)) return this.of(node.expression, depth + 1);
    // `!trustServerCertificate`: as known as its operand.
    if (ts.isPrefixUnaryExpression(node)) {
      const parts = this.of(node.operand, depth + 1);
      return parts.length > 0 || this.known(node) ? parts : [`\`${short(node)}\`, which fipslint does not evaluate`];
    }
    // `(options.hashAlgo || 'sha256').toLowerCase()`: the string the method is called on.
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && STRING_METHODS.has(node.expression.name.text)) return this.of(node.expression.expression, depth + 1);
    if (ts.isIdentifier(node)) return this.identifier(node, depth);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return this.member(node, depth);
    if (this.known(node)) return [];
    if (ts.isCallExpression(node)) return this.call(node, depth);
    if (ts.isNewExpression(node)) return [`an object made by \`new ${short(node.expression)}()\``];
    return [`\`${short(node)}\`, which fipslint does not evaluate`];
  }

  private known(node: ts.Expression): boolean {
    return this.resolver.values(node, 1).length > 0;
  }

  private identifier(node: ts.Identifier, depth: number): string[] {
    const declaration = this.resolver.findDeclaration(node);
    if (!declaration) return node.text === 'undefined' || this.known(node) ? [] : [`the global \`${node.text}\``];
    // A constant is as known as what it is set to; callers in other modules (or whoever calls a callback) may pass anything.
    if (declaration.kind === 'parameter') return opensToOtherCallers(declaration.node.parent) || !this.known(node) ? [parameterSource(declaration.node, declaration.path)] : [];
    if (declaration.kind !== 'variable' && this.known(node)) return [];
    switch (declaration.kind) {
      case 'variable': {
        const init = declaration.node.initializer;
        if (!declaration.isConst && this.resolver.values(init, 1).length > 0) return this.known(node) ? [] : [`variable \`${node.text}\`, which is assigned again after its declaration`];
        if (!init) return this.known(node) ? [] : [`variable \`${node.text}\`, which is assigned later`];
        const inner = this.of(init, depth + 1);
        if (declaration.path.length > 0 && inner.length === 0) return this.known(node) ? [] : [`\`${declaration.path.join('.')}\` of \`${short(init)}\`, which is not set there`];
        return inner.map((s) => (declaration.path.length > 0 ? `property \`${declaration.path.join('.')}\` of ${s}` : s));
      }
      case 'import': {
        if (!declaration.module.startsWith('.')) return [`\`${node.text}\` of package \`${declaration.module}\``];
        // An import that leads outside what fipslint may read is not read: say so, never guess.
        const refused = this.resolver.project.refusal(pathJoin(node.getSourceFile().fileName, declaration.module));
        return [`\`${node.text}\` exported by \`${declaration.module}\`${refused ? `, which is ${refused}: not read` : ''}`];
      }
      case 'opaque':
        return [`\`${node.text}\`, bound by a loop, a catch clause or a nested pattern`];
      default:
        return [];
    }
  }

  private member(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, depth: number): string[] {
    const text = short(node);
    if (/^process\.env\b/.test(text)) return [`${text} (the environment, at run time)`];
    const name = accessedName(node);
    if (name === undefined) {
      if (this.known(node)) return [];
      return this.resolver.values((node as ts.ElementAccessExpression).argumentExpression, 1).length === 0 ? [`\`${text}\`, a table indexed at run time`] : this.of(node.expression, depth + 1);
    }
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword) return this.known(node) ? [] : [`\`${text}\`, a field set outside the constructor (or not at all)`];
    const base = this.of(node.expression, depth + 1);
    if (base.length > 0) return base.map((s) => (s.startsWith('!') ? s : `property \`${name}\` of ${s}`));
    if (this.known(node)) return [];
    const objects = this.resolver.values(node.expression, 1).filter((v) => v.kind === 'object');
    if (objects.length === 0) return [`\`${text}\`, a property of a value fipslint does not model`];
    // The object is known: the property is either never set, or set to something unknown.
    const hits = objects.flatMap((object) => (object.kind === 'object' ? this.resolver.findProperties(object, name, 1) : []));
    if (hits.length === 0) return [`\`${text}\`, which is never set on that object`];
    return hits.flatMap((hit) => (hit.value ? this.of(hit.value, depth + 1) : [`\`${text}\`, a method`]));
  }

  private call(node: ts.CallExpression, depth: number): string[] {
    const refused = refusedModuleOf(this.resolver, node);
    if (refused) return [refused];
    const api = this.resolver.resolveApi(node.expression);
    if (api && api[0] !== '#module') return [`the result of \`${api.join('.')}()\``];
    const functions = this.resolver.values(node.expression, 1).filter((v) => v.kind === 'function');
    const returns = functions.flatMap((fn) => (fn.kind === 'function' ? returnedExpressions(fn.node) : []));
    const inner = returns.flatMap((expression) => this.of(expression, depth + 1));
    if (inner.length > 0) return inner;
    return [`the result of \`${short(node.expression)}()\`, which fipslint cannot follow`];
  }
}

/** `require('../../x.json')` or `import('../y')` of a module fipslint may not read: why, in words. */
function refusedModuleOf(resolver: Resolver, node: ts.CallExpression): string | undefined {
  const isLoader = (ts.isIdentifier(node.expression) && node.expression.text === 'require') || node.expression.kind === ts.SyntaxKind.ImportKeyword;
  const argument = node.arguments[0];
  if (!isLoader || !argument || !ts.isStringLiteralLike(argument) || !argument.text.startsWith('.')) return undefined;
  const refused = resolver.project.refusal(pathJoin(node.getSourceFile().fileName, argument.text));
  return refused && `the module \`${argument.text}\`, which is ${refused}: not read`;
}

function pathJoin(fromFile: string, specifier: string): string {
  return path.resolve(path.dirname(fromFile), specifier);
}

/** Whether code this file does not show may call the function: it is exported, or a callback handed to another function. */
function opensToOtherCallers(fn: ts.SignatureDeclaration): boolean {
  const parent = fn.parent;
  return isExported(fn) || ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && !!parent && ts.isCallExpression(parent) && parent.expression !== fn);
}

/** "parameter `alg` of exported function `digest`", "property `algorithm` of parameter `options` of method `sign`". */
function parameterSource(parameter: ts.ParameterDeclaration, path: string[]): string {
  const fn = parameter.parent;
  const name = ts.isIdentifier(parameter.name) ? parameter.name.text : 'a destructured parameter';
  const subject = `${path.length > 0 ? `property \`${path.join('.')}\` of ` : ''}parameter \`${name}\``;
  const parent = fn.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && parent && ts.isCallExpression(parent) && parent.expression !== fn) {
    return `${subject} of a callback passed to \`${short(parent.expression)}()\``;
  }
  const fnName = functionName(fn);
  const kind = ts.isMethodDeclaration(fn) ? 'method' : ts.isConstructorDeclaration(fn) ? 'constructor' : 'function';
  const exported = isExported(fn) ? 'exported ' : '';
  return fnName ? `${subject} of ${exported}${kind} \`${fnName}\`` : `${subject} of ${exported}an anonymous ${kind}`;
}

/** Source text on one line, at most 60 characters, with control characters escaped. */
function short(node: ts.Node): string {
  return quoteCode(node);
}
