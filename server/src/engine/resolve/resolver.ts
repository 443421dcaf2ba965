import { ts } from '../typescript';
import type { SourceProject } from '../project';
import { TypeOracle } from '../type-oracle';
import { fileIndex, skipOuterExpressions } from '../file-index';
import { libraryCallResult } from '../libraries';
import { RSA_PADDING } from '../policy/keys';
import { Budget, MAX_DEPTH, type LimitReached } from './budget';
import { FunctionFlow, agreeingApi, returnedExpressions, type CallBinding } from './functions';
import { ModuleGraph, globalApi, normalizeApiPath, requiredModule } from './modules';
import { builtinCallValues, stringMethodValues } from './builtins';
import { ObjectFlow, es5Constructor } from './objects';
import { accessedName, bindingElementOf, enclosingClass, lookupDeclaration, neverReassigned, propertyNameText, type ScopeMemo } from './scopes';
import type { ApiPath, Declaration, ExportTarget, NumberValue, ObjectMember, ObjectValue, Origin, PropertyHit, StringValue, Value } from './types';

/**
 * Syntactic resolution of what an expression refers to (an API such as `crypto.createHash`) and
 * what values it can hold (`'md5'`, `{ rejectUnauthorized: false }`), across the project's own
 * modules. Nothing is executed. When the answer cannot be known, the answer is "unknown", never
 * a guess: rules report nothing for unknown values, and a question cut short by a limit
 * (`budget.ts`) is remembered so that its call site is listed as unresolved.
 *
 * This class evaluates expressions and names APIs; the flows it follows live beside it: scopes
 * (`scopes.ts`), modules (`modules.ts`), objects and later writes (`objects.ts`), functions,
 * callers and returns (`functions.ts`).
 */

/** Numeric constants of `crypto.constants` (and the old `constants` module) the rules read. */
const CRYPTO_CONSTANTS: Record<string, number> = {
  RSA_PKCS1_PADDING: RSA_PADDING.PKCS1,
  RSA_NO_PADDING: RSA_PADDING.NONE,
  RSA_PKCS1_OAEP_PADDING: RSA_PADDING.OAEP,
  RSA_X931_PADDING: RSA_PADDING.X931,
  RSA_PKCS1_PSS_PADDING: RSA_PADDING.PSS,
  RSA_PSS_SALTLEN_DIGEST: -1,
  RSA_PSS_SALTLEN_MAX_SIGN: -2,
  RSA_PSS_SALTLEN_AUTO: -2,
};

export class Resolver {
  readonly budget: Budget;
  /** Questions a limit cut short, by the expression asked about: their call sites are unresolved, not clean. */
  readonly limited = new Map<ts.Node, LimitReached>();
  /** For a frame made by `bind`: the function whose parameters are bound and the call that binds them. */
  readonly binding: CallBinding | undefined;

  private readonly declarationCache = new Map<ts.Identifier, Declaration | undefined>();
  private readonly apiCache = new Map<ts.Node, ApiPath | undefined>();
  private readonly topLevelValues = new Map<ts.Node, Value[]>();
  private readonly propertyCache = new Map<ts.Node, Map<string, PropertyHit[]>>();
  /** Expressions being evaluated: an expression that needs its own value (`x.ssl = x.ssl || {}`) stops here. */
  private readonly computing = new Set<ts.Node>();
  private readonly scopeMemo: ScopeMemo = new Map();
  private readonly modules: ModuleGraph;
  private readonly objects: ObjectFlow;
  private readonly functions: FunctionFlow;
  private oracle: TypeOracle | undefined;

  constructor(
    readonly project: SourceProject,
    frame: { binding?: CallBinding; budget?: Budget } = {},
  ) {
    this.budget = frame.budget ?? new Budget();
    this.binding = frame.binding;
    this.modules = new ModuleGraph(project, this);
    this.objects = new ObjectFlow(this, this.modules);
    this.functions = new FunctionFlow(this, frame.binding);
  }

  /**
   * A frame for one call of a function (usually of another module): its parameters take that
   * call's arguments, evaluated by this resolver. The frame shares this analysis's budget.
   */
  bind(fn: ts.SignatureDeclaration, call: ts.CallExpression | ts.NewExpression): Resolver {
    return new Resolver(this.project, { binding: { fn, call, caller: this }, budget: this.budget });
  }

  /** Whether an identifier is bound to one of the project's own modules (`import * as x from './x'`, `require('./x')`). */
  isProjectModule(identifier: ts.Identifier): boolean {
    return this.modules.isProjectModule(identifier);
  }

  /**
   * Known values of an argument: the syntactic resolver first, then, for a TypeScript file where
   * syntax gave nothing, the literal types the checker sees (no fix can come from those).
   */
  knownValues(expression: ts.Expression | undefined, via: Origin[] = []): Value[] {
    const values = this.values(expression, 0, via);
    if (values.length > 0 || !expression) return values;
    const node = skipOuterExpressions(expression) as ts.Expression;
    if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node) && !ts.isCallExpression(node)) return [];
    const sourceFile = expression.getSourceFile();
    const oracle = this.oracleFor(sourceFile);
    if (!oracle) return [];
    return oracle.literalValues(node).map((literal) =>
      typeof literal === 'string' ? { kind: 'string', value: literal, origin: { sourceFile, node }, via, fromType: true } : { kind: 'number', value: literal, origin: { sourceFile, node }, via, fromType: true },
    );
  }

  /** In a TypeScript file, whether the checker types the expression as a string. */
  isStringTyped(expression: ts.Expression): boolean {
    return this.oracleFor(expression.getSourceFile())?.isStringTyped(skipOuterExpressions(expression) as ts.Expression) ?? false;
  }

  /** The type checker, for TypeScript files only (JavaScript has no declared types to ask about). */
  private oracleFor(sourceFile: ts.SourceFile): TypeOracle | undefined {
    if (!/\.[cm]?tsx?$/.test(sourceFile.fileName)) return undefined;
    return (this.oracle ??= new TypeOracle(this.project, sourceFile));
  }

  /** Runs a top-level question under the budget; a question cut short is remembered by what it asked about. */
  private ask<T>(about: ts.Node, compute: () => T): T {
    const { answer, limit } = this.budget.question(compute);
    if (limit && !this.limited.has(about)) this.limited.set(about, limit);
    return answer;
  }

  /** Calls of an exported function from the project's other modules (see `ModuleGraph.callsFromOtherModules`). */
  callsFromOtherModules(fn: ts.SignatureDeclaration): Array<ts.CallExpression | ts.NewExpression> {
    return this.ask(fn, () => this.modules.callsFromOtherModules(fn));
  }

  // ---------------------------------------------------------------- API references

  /** What API an expression names, e.g. `['crypto', 'createHash']`, or undefined. */
  resolveApi(expression: ts.Node, depth = 0): ApiPath | undefined {
    if (depth > MAX_DEPTH) return void this.budget.hit('depth');
    if (this.apiCache.has(expression)) return this.apiCache.get(expression);
    this.apiCache.set(expression, undefined); // cycle guard
    const compute = () => {
      if (!this.budget.step()) return undefined;
      const result = this.computeApi(expression, depth);
      return result && normalizeApiPath(result);
    };
    const normalized = depth === 0 ? this.ask(expression, compute) : compute();
    this.apiCache.set(expression, normalized);
    return normalized;
  }

  private computeApi(node: ts.Node, depth: number): ApiPath | undefined {
    const sourceFile = node.getSourceFile();
    node = skipOuterExpressions(node);
    if (ts.isIdentifier(node)) {
      const declaration = this.findDeclaration(node);
      if (!declaration) return globalApi(node.text);
      return this.apiOfDeclaration(declaration, sourceFile, depth);
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      let name = accessedName(node);
      if (name !== undefined && node.expression.kind === ts.SyntaxKind.ThisKeyword) return this.thisMemberApi(node, name, depth);
      const base = name !== undefined || ts.isElementAccessExpression(node) ? this.resolveApi(node.expression, depth + 1) : undefined;
      // `forge.md[ALG]`, `crypto[method]`: a computed member of an API whose key is one known string.
      if (name === undefined && base && ts.isElementAccessExpression(node)) name = this.singleStringKey(node.argumentExpression, depth);
      if (name === undefined) return undefined;
      if (base) return this.extendApi(base, name, depth);
      return this.memberApi(node.expression as ts.Expression, name, depth);
    }
    if (ts.isCallExpression(node)) {
      const moduleName = requiredModule(node, this);
      if (moduleName !== undefined) return this.modules.moduleApi(moduleName, sourceFile);
      const callee = this.resolveApi(node.expression, depth + 1);
      // util.promisify(crypto.pbkdf2) is still crypto.pbkdf2 for the rules.
      if (callee && callee.join('.') === 'util.promisify' && node.arguments[0]) return this.resolveApi(node.arguments[0], depth + 1);
      // crypto.createHash.bind(crypto) likewise.
      const target = skipOuterExpressions(node.expression);
      if (ts.isPropertyAccessExpression(target) && target.name.text === 'bind') return this.resolveApi(target.expression, depth + 1);
      if (callee) return libraryCallResult(callee);
      // A lazy loader: `loadCrypto().createHash(...)` where `loadCrypto` returns `require('crypto')`.
      return this.returnedApi(node.expression, depth);
    }
    if (ts.isAwaitExpression(node)) return this.resolveApi(node.expression, depth + 1);
    // `new https.Agent()` is an instance of that API: its members are `https.Agent.instance.*`.
    if (ts.isNewExpression(node)) {
      const constructor = this.resolveApi(node.expression, depth + 1);
      return constructor && [...constructor, 'instance'];
    }
    if (ts.isBinaryExpression(node)) {
      switch (node.operatorToken.kind) {
        case ts.SyntaxKind.CommaToken:
        case ts.SyntaxKind.EqualsToken:
          return this.resolveApi(node.right, depth + 1);
        // `nodeCrypto.webcrypto || globalThis.crypto`, `cached ??= require('crypto')`.
        case ts.SyntaxKind.BarBarToken:
        case ts.SyntaxKind.QuestionQuestionToken:
        case ts.SyntaxKind.BarBarEqualsToken:
        case ts.SyntaxKind.QuestionQuestionEqualsToken:
          return agreeingApi([node.left, node.right], (e) => this.resolveApi(e, depth + 1));
        default:
          return undefined;
      }
    }
    if (ts.isConditionalExpression(node)) return agreeingApi([node.whenTrue, node.whenFalse], (e) => this.resolveApi(e, depth + 1));
    return undefined;
  }

  /** The key of a computed member when it is one known string. */
  private singleStringKey(key: ts.Expression, depth: number): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const keys = this.values(key, depth + 1).filter((v) => v.kind === 'string');
    return keys.length === 1 && keys[0].kind === 'string' ? keys[0].value : undefined;
  }

  private extendApi(base: ApiPath, name: string, depth: number): ApiPath | undefined {
    if (base[0] === '#module') {
      const target = this.modules.moduleExport(base[1], name, depth + 1);
      if (!target) return undefined;
      if (target.kind === 'api') return target.path;
      if (target.kind === 'expression') return this.resolveApi(target.expression, depth + 1);
      return this.apiOfDeclaration(target.declaration, target.sourceFile, depth + 1);
    }
    return [...base, name];
  }

  private apiOfDeclaration(declaration: Declaration, sourceFile: ts.SourceFile, depth: number): ApiPath | undefined {
    switch (declaration.kind) {
      case 'import': {
        const moduleApi = this.modules.moduleApi(declaration.module, sourceFile);
        if (!moduleApi) return undefined;
        if (declaration.exportName === '*') return moduleApi;
        if (declaration.exportName === 'default' && moduleApi[0] !== '#module') return moduleApi;
        return this.extendApi(moduleApi, declaration.exportName, depth);
      }
      case 'variable': {
        const init = declaration.node.initializer;
        // `let crypto; try { crypto = require('crypto'); } catch {}`: what every assignment agrees on.
        let api = init && this.resolveApi(init, depth + 1);
        if (!api && declaration.path.length === 0) api = agreeingApi(assignedValues(declaration.name, this), (e) => this.resolveApi(e, depth + 1));
        for (const segment of declaration.path) {
          if (!api) return undefined;
          api = this.extendApi(api, segment, depth);
        }
        return api;
      }
      default:
        return undefined;
    }
  }

  /** `this.subtle` where the class (or ES5 constructor) stores one API in it, or a getter returns one. */
  private thisMemberApi(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, name: string, depth: number): ApiPath | undefined {
    const owner = enclosingClass(node) ?? es5Constructor(node, this);
    if (!owner) return undefined;
    const stored: ts.Node[] = [];
    for (const write of fileIndex(node.getSourceFile()).assignmentsByName.get('this') ?? []) {
      if (write.pos < owner.pos || write.end > owner.end) continue;
      const target = skipOuterExpressions(write.left);
      if ((ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && accessedName(target) === name) stored.push(write.right);
    }
    if (ts.isClassLike(owner)) {
      for (const member of owner.members) {
        if (!member.name || propertyNameText(member.name) !== name) continue;
        if (ts.isPropertyDeclaration(member) && member.initializer) stored.push(member.initializer);
        if (ts.isGetAccessorDeclaration(member)) stored.push(...returnedExpressions(member));
      }
    }
    return agreeingApi(stored, (e) => this.resolveApi(e, depth + 1));
  }

  /**
   * A member of an object whose own API is unknown: `deps.crypto.createHash` after
   * `const deps = { crypto: require('crypto') }`, or a getter (`get crypto() { return require('crypto'); }`).
   */
  private memberApi(base: ts.Expression, name: string, depth: number): ApiPath | undefined {
    // Only objects written in the code as literals hold APIs this way: anything else (most calls in a file) is skipped at once.
    const node = skipOuterExpressions(base);
    const declaration = ts.isIdentifier(node) ? this.findDeclaration(node) : undefined;
    if (declaration?.kind !== 'variable' || !declaration.node.initializer || !ts.isObjectLiteralExpression(skipOuterExpressions(declaration.node.initializer))) return undefined;
    const hits = this.values(base, depth + 1).flatMap((value) => (value.kind === 'object' ? this.objects.findProperties(value, name, depth + 1) : []));
    return agreeingApi(
      hits.flatMap((hit) => (ts.isGetAccessorDeclaration(hit.property) ? returnedExpressions(hit.property) : hit.value ? [hit.value] : [])),
      (e) => this.resolveApi(e, depth + 1),
    );
  }

  /** The API a called function returns (lazy loaders), found through the callee's value. */
  private returnedApi(callee: ts.Expression, depth: number): ApiPath | undefined {
    for (const fn of this.values(callee, depth + 1)) {
      if (fn.kind === 'function') return this.functions.returnedApi(fn.node, depth + 1);
    }
    return undefined;
  }

  // ---------------------------------------------------------------- scopes

  /** The declaration an identifier refers to, by lexical scope; undefined for globals. */
  findDeclaration(identifier: ts.Identifier): Declaration | undefined {
    if (this.declarationCache.has(identifier)) return this.declarationCache.get(identifier);
    const found = lookupDeclaration(identifier, this.scopeMemo);
    this.declarationCache.set(identifier, found);
    return found;
  }

  // ---------------------------------------------------------------- values

  /** Every value the expression can have that is known; empty when none is. */
  values(expression: ts.Expression | undefined, depth = 0, via: Origin[] = []): Value[] {
    if (!expression) return [];
    if (depth > MAX_DEPTH) {
      this.budget.hit('depth');
      return [];
    }
    if (depth > 0) return this.computeValues(expression, depth, via);
    // Several rules ask about the same argument of the same call: answer top-level questions once.
    if (via.length > 0) return this.ask(expression, () => this.computeValues(expression, 0, via));
    let cached = this.topLevelValues.get(expression);
    if (!cached) {
      cached = this.ask(expression, () => this.computeValues(expression, 0, via));
      this.topLevelValues.set(expression, cached);
    }
    return cached;
  }

  private computeValues(expression: ts.Expression, depth: number, via: Origin[]): Value[] {
    if (!this.budget.step()) return [];
    const node = skipOuterExpressions(expression) as ts.Expression;
    if (this.computing.has(node)) return [];
    this.computing.add(node);
    try {
      return this.valuesOf(node, depth, via);
    } finally {
      this.computing.delete(node);
    }
  }

  private valuesOf(node: ts.Expression, depth: number, via: Origin[]): Value[] {
    const sourceFile = node.getSourceFile();
    const origin = { sourceFile, node };
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [{ kind: 'string', value: node.text, origin, via }];
    if (ts.isNumericLiteral(node)) return [{ kind: 'number', value: Number(node.text.replace(/_/g, '')), origin, via }];
    if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
      return [{ kind: 'boolean', value: node.kind === ts.SyntaxKind.TrueKeyword, origin, via }];
    }
    if (node.kind === ts.SyntaxKind.NullKeyword) return [{ kind: 'nullish', origin, via }];
    if (ts.isPrefixUnaryExpression(node)) {
      const operand = this.values(node.operand, depth + 1, via);
      if (node.operator === ts.SyntaxKind.MinusToken) return operand.flatMap((v) => (v.kind === 'number' ? [{ ...v, value: -v.value, origin }] : []));
      if (node.operator === ts.SyntaxKind.ExclamationToken) {
        // `!0` / `!1`: minified booleans.
        return operand.flatMap((v) => (v.kind === 'number' || v.kind === 'boolean' ? [{ kind: 'boolean' as const, value: !v.value, origin, via }] : []));
      }
      return [];
    }
    if (ts.isTemplateExpression(node)) return this.templateValues(node, depth, via);
    if (ts.isBinaryExpression(node)) return this.binaryValues(node, depth, via);
    // `a ? 'x' : b ? 'y' : 'z'`: every branch, however long the chain, at one level of depth.
    if (ts.isConditionalExpression(node)) return this.budget.cap(branches(node).flatMap((branch) => this.values(branch, depth + 1, via)));
    if (ts.isObjectLiteralExpression(node)) return [objectLiteral(node, origin, via)];
    if (ts.isArrayLiteralExpression(node)) return [{ kind: 'array', elements: [...node.elements], origin, via }];
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return [{ kind: 'function', node, origin, via }];
    if (ts.isIdentifier(node)) return this.identifierValues(node, depth, via);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return this.memberValues(node, depth, via);
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) return this.callValues(node, depth, via);
    return [];
  }

  private templateValues(node: ts.TemplateExpression, depth: number, via: Origin[]): Value[] {
    let prefixes = [node.head.text];
    const sources: Value[] = [];
    for (const span of node.templateSpans) {
      const parts = this.values(span.expression, depth + 1, via).filter((v): v is StringValue | NumberValue => v.kind === 'string' || v.kind === 'number');
      if (parts.length === 0) return [];
      sources.push(...parts);
      const next: string[] = [];
      for (const prefix of prefixes) for (const part of parts) next.push(prefix + String(part.value) + span.literal.text);
      prefixes = this.budget.cap(next);
    }
    const origin = { sourceFile: node.getSourceFile(), node };
    const combinedVia = provenance(via, sources);
    return prefixes.map((value) => ({ kind: 'string', value, origin, via: combinedVia }));
  }

  private binaryValues(node: ts.BinaryExpression, depth: number, via: Origin[]): Value[] {
    const origin = { sourceFile: node.getSourceFile(), node };
    const operator = node.operatorToken.kind;
    switch (operator) {
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
        // `options.alg || 'md5'`: the fallback is a value the call can receive.
        return this.budget.cap(operands(node, operator).flatMap((operand) => this.values(operand, depth + 1, via)).filter((v) => v.kind !== 'nullish'));
      case ts.SyntaxKind.PlusToken:
      case ts.SyntaxKind.MinusToken:
      case ts.SyntaxKind.AsteriskToken:
      case ts.SyntaxKind.SlashToken:
      case ts.SyntaxKind.AsteriskAsteriskToken:
      case ts.SyntaxKind.LessThanLessThanToken: {
        // `'aes-' + bits + '-' + mode`: a left-nested chain is folded term by term, at one level of depth.
        const terms = operator === ts.SyntaxKind.PlusToken ? operands(node, operator) : [node.left, node.right];
        let folded: Array<string | number> | undefined;
        const sources: Value[] = [];
        for (const term of terms) {
          const values = this.values(term, depth + 1, via).filter((v): v is StringValue | NumberValue => v.kind === 'string' || v.kind === 'number');
          if (values.length === 0) return [];
          sources.push(...values);
          if (!folded) {
            folded = values.map((v) => v.value);
            continue;
          }
          const next: Array<string | number> = [];
          for (const l of folded) for (const r of values) {
            const combined = combine(operator, l, r.value);
            if (combined !== undefined) next.push(combined);
          }
          folded = this.budget.cap(next);
        }
        const combinedVia = provenance(via, sources);
        return (folded ?? []).map((value): Value => (typeof value === 'string' ? { kind: 'string', value, origin, via: combinedVia } : { kind: 'number', value, origin, via: combinedVia }));
      }
      default:
        return [];
    }
  }

  private identifierValues(node: ts.Identifier, depth: number, via: Origin[]): Value[] {
    if (node.text in CRYPTO_CONSTANTS) {
      const constant = this.cryptoConstant(node, via);
      if (constant) return [constant];
    }
    const declaration = this.findDeclaration(node);
    if (!declaration) {
      if (node.text === 'undefined') return [{ kind: 'nullish', origin: { sourceFile: node.getSourceFile(), node }, via }];
      return [];
    }
    return this.declarationValues(declaration, node.getSourceFile(), depth, via);
  }

  private declarationValues(declaration: Declaration, sourceFile: ts.SourceFile, depth: number, via: Origin[]): Value[] {
    switch (declaration.kind) {
      case 'variable': {
        if (!declaration.isConst && !neverReassigned(declaration.name)) return [];
        const nextVia = [...via, { sourceFile: declaration.node.getSourceFile(), node: declaration.node }];
        const element = bindingElementOf(declaration.name);
        const fromInit = this.pathValues(this.values(declaration.node.initializer, depth + 1, nextVia), declaration.path, depth);
        // `const { alg = 'md5' } = options`: the default is a value too.
        const fromDefault = element?.initializer ? this.values(element.initializer, depth + 1, nextVia) : [];
        return [...fromInit, ...fromDefault];
      }
      case 'parameter': {
        const initializer = declaration.element?.initializer ?? (declaration.path.length === 0 ? declaration.node.initializer : undefined);
        const nextVia = [...via, { sourceFile: declaration.node.getSourceFile(), node: declaration.element ?? declaration.node }];
        const defaults = () => (initializer ? this.values(initializer, depth + 1, nextVia) : []);
        return this.budget.cap(this.functions.parameterValues(declaration.node, declaration.path, depth, nextVia, defaults));
      }
      case 'import': {
        const moduleApi = this.modules.moduleApi(declaration.module, sourceFile);
        if (!moduleApi || moduleApi[0] !== '#module') return [];
        const nextVia = [...via, { sourceFile, node: declaration.node }];
        if (declaration.exportName === '*') return [this.modules.namespaceObject(moduleApi[1], nextVia)].filter((v): v is Value => !!v);
        return this.exportTargetValues(this.modules.moduleExport(moduleApi[1], declaration.exportName, depth + 1), depth, nextVia);
      }
      case 'enum': {
        const members: ObjectMember[] = declaration.node.members.map((member) => ({
          kind: 'property',
          name: propertyNameText(member.name) ?? '',
          node: member,
          value: member.initializer,
          sourceFile: member.getSourceFile(),
        }));
        return [{ kind: 'object', members, origin: { sourceFile: declaration.node.getSourceFile(), node: declaration.node }, via }];
      }
      case 'function':
        return [{ kind: 'function', node: declaration.node, origin: { sourceFile: declaration.node.getSourceFile(), node: declaration.node }, via }];
      case 'class':
        return [this.objects.classStatics(declaration.node, via)];
      default:
        return [];
    }
  }

  private exportTargetValues(target: ExportTarget | undefined, depth: number, via: Origin[]): Value[] {
    if (!target) return [];
    if (target.kind === 'expression') return this.values(target.expression, depth + 1, via);
    if (target.kind === 'declaration') return this.declarationValues(target.declaration, target.sourceFile, depth + 1, via);
    return [];
  }

  private memberValues(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, depth: number, via: Origin[]): Value[] {
    const name = accessedName(node);
    if (name === undefined) {
      // table[condition ? 'a' : 'b']: every known key is a possible member.
      if (!ts.isElementAccessExpression(node)) return [];
      const keys = this.values(node.argumentExpression, depth + 1, via).filter((k): k is StringValue | NumberValue => k.kind === 'string' || k.kind === 'number');
      const bases = keys.length ? this.values(node.expression, depth + 1, via) : [];
      return this.budget.cap(keys.flatMap((key) => this.pathValues(bases, [String(key.value)], depth)));
    }
    if (name in CRYPTO_CONSTANTS) {
      const constant = this.cryptoConstant(node, via);
      if (constant) return [constant];
    }
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword) return this.objects.thisMemberValues(node, name, depth, via);
    const bases = this.values(node.expression, depth + 1, via);
    return this.pathValues(bases, [name], depth);
  }

  /** `crypto.constants.RSA_PKCS1_PADDING`, or a name destructured from it. */
  private cryptoConstant(node: ts.Node, via: Origin[]): Value | undefined {
    const path = this.resolveApi(node);
    const name = path?.[path.length - 1];
    if (!path || !name || !(name in CRYPTO_CONSTANTS)) return undefined;
    const owner = path.slice(0, -1).join('.');
    if (owner !== 'crypto.constants' && owner !== 'constants') return undefined;
    return { kind: 'number', value: CRYPTO_CONSTANTS[name], constantName: name, origin: { sourceFile: node.getSourceFile(), node }, via };
  }

  /** Follow property names into object values. */
  pathValues(bases: Value[], path: string[], depth: number): Value[] {
    return path.length === 0 ? bases : this.objects.pathValues(bases, path, depth);
  }

  /** The properties named `name` of an object value, with the writes made to it afterwards (see `objects.ts`). */
  findProperties(object: ObjectValue, name: string, depth = 0): PropertyHit[] {
    if (depth > 0) return this.objects.findProperties(object, name, depth);
    return this.ask(object.origin.node, () => this.objects.findProperties(object, name, 0));
  }

  /** Values of a property of whatever objects `expression` can be. */
  propertyHits(expression: ts.Expression | undefined, name: string): PropertyHit[] {
    if (!expression) return [];
    let byName = this.propertyCache.get(expression);
    if (!byName) this.propertyCache.set(expression, (byName = new Map()));
    let hits = byName.get(name);
    if (!hits) {
      hits = this.ask(expression, () => this.values(expression).flatMap((v) => (v.kind === 'object' ? this.objects.findProperties(v, name, 1) : [])));
      byName.set(name, hits);
    }
    return hits;
  }

  private callValues(node: ts.CallExpression | ts.NewExpression, depth: number, via: Origin[]): Value[] {
    if (ts.isCallExpression(node)) {
      // const config = require('./config'): the module's exports.
      const specifier = requiredModule(node, this);
      const resolved = specifier === undefined ? undefined : this.project.resolveRelativeModule(node.getSourceFile().fileName, specifier);
      if (resolved) return [this.modules.namespaceObject(resolved, via)].filter((v): v is Value => !!v);
      const method = stringMethodValues(this, node, depth, via);
      if (method) return method;
    }
    const api = this.resolveApi(node.expression, depth + 1)?.join('.');
    if (!api && ts.isCallExpression(node)) {
      for (const fn of this.values(node.expression, depth + 1, via)) {
        if (fn.kind === 'function') return this.functions.returnedValues(fn.node, depth, [...via, fn.origin]);
      }
    }
    return api ? builtinCallValues(this, node, api, depth, via) : [];
  }

  /**
   * A zero-filled buffer held in a variable that is later filled by the CSPRNG
   * (`const iv = Buffer.alloc(16); crypto.randomFillSync(iv);`) is random, not constant.
   */
  private filledRandomly(value: Value): boolean {
    if (value.kind !== 'bytes' || value.random) return false;
    const declaration = value.via.map((v) => v.node).find((n): n is ts.VariableDeclaration => ts.isVariableDeclaration(n) && ts.isIdentifier(n.name));
    if (!declaration) return false;
    const index = fileIndex(declaration.getSourceFile());
    return ['randomFillSync', 'randomFill', 'getRandomValues'].some((fill) =>
      (index.callsByName.get(fill) ?? []).some((call) => {
        const target = call.arguments?.[0] && skipOuterExpressions(call.arguments[0]);
        return !!target && ts.isIdentifier(target) && this.findDeclaration(target)?.node === declaration && /^(crypto\.)?(randomFillSync|randomFill|getRandomValues)$/.test(this.resolveApi(call.expression)?.join('.') ?? '');
      }),
    );
  }

  /**
   * A buffer written in place after it was made: `nonce[0] = 1`, `nonce.writeUInt32BE(seq, 8)`,
   * `nonce.fill(byte)`, `counter.copy(nonce)`, `writeUInt32BE(nonce, seq, 12)` (a helper named
   * write…). Its bytes change between uses (SSH's ChaCha20 nonce is the packet sequence number),
   * so it is not a constant, though not random either.
   */
  private writtenInPlace(value: Value): boolean {
    if (value.kind !== 'bytes') return false;
    const declaration = value.via.map((v) => v.node).find((n): n is ts.VariableDeclaration => ts.isVariableDeclaration(n) && ts.isIdentifier(n.name));
    if (!declaration) return false;
    const name = (declaration.name as ts.Identifier).text;
    const index = fileIndex(declaration.getSourceFile());
    const isIt = (node: ts.Expression | undefined) => {
      const target = node && skipOuterExpressions(node);
      return !!target && ts.isIdentifier(target) && target.text === name && this.findDeclaration(target)?.node === declaration;
    };
    for (const assignment of index.assignmentsByName.get(name) ?? []) {
      const target = skipOuterExpressions(assignment.left);
      if (ts.isElementAccessExpression(target) && isIt(target.expression)) return true;
    }
    for (const [method, calls] of index.callsByName) {
      if (!/^(write|fill$|set$|copy$|copyWithin$)/.test(method)) continue;
      for (const call of calls) {
        const callee = skipOuterExpressions(call.expression);
        const first = call.arguments?.[0];
        if (ts.isPropertyAccessExpression(callee) && method === 'copy') {
          if (isIt(first)) return true;
        } else if (ts.isPropertyAccessExpression(callee) && isIt(callee.expression)) {
          // Filling with a literal byte keeps it constant.
          if (!(method === 'fill' && first && ts.isNumericLiteral(skipOuterExpressions(first)))) return true;
        } else if (ts.isIdentifier(callee) && method.startsWith('write') && isIt(first)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Length and randomness of a key/IV/salt value: a string is its UTF-8 bytes and constant; a
   * buffer is random when it came from the CSPRNG or was filled by it afterwards, and `varies`
   * (is no constant) when it is written in place after it was made.
   */
  bytesOf(value: Value): { length: number; random: boolean; varies: boolean } | undefined {
    if (value.kind === 'bytes') {
      const random = value.random || this.filledRandomly(value);
      return { length: value.length, random, varies: random || this.writtenInPlace(value) };
    }
    if (value.kind === 'string') return { length: Buffer.byteLength(value.value, 'utf8'), random: false, varies: false };
    return undefined;
  }

  byteLengths(expression: ts.Expression | undefined): Array<{ length: number; random: boolean; varies: boolean; value: Value }> {
    return this.values(expression).flatMap((value) => {
      const bytes = this.bytesOf(value);
      return bytes ? [{ ...bytes, value }] : [];
    });
  }
}

function objectLiteral(node: ts.ObjectLiteralExpression, origin: Origin, via: Origin[]): ObjectValue {
  const sourceFile = origin.sourceFile;
  const members: ObjectMember[] = [];
  for (const property of node.properties) {
    if (ts.isPropertyAssignment(property)) {
      const name = propertyNameText(property.name);
      if (name !== undefined) members.push({ kind: 'property', name, node: property, value: property.initializer, sourceFile });
    } else if (ts.isShorthandPropertyAssignment(property)) {
      members.push({ kind: 'property', name: property.name.text, node: property, value: property.name, sourceFile });
    } else if (ts.isSpreadAssignment(property)) {
      members.push({ kind: 'spread', expression: property.expression, sourceFile });
    } else if (ts.isMethodDeclaration(property) || ts.isGetAccessorDeclaration(property)) {
      const name = propertyNameText(property.name);
      if (name !== undefined) members.push({ kind: 'property', name, node: property, value: undefined, sourceFile });
    }
  }
  return { kind: 'object', members, origin, via };
}

/**
 * A value computed from others (`'RSA-' + hash.toUpperCase()`) passes through where they were
 * written: a caller that supplied a part supplied the value.
 */
function provenance(via: Origin[], parts: readonly Value[]): Origin[] {
  const out = [...via];
  for (const part of parts) {
    for (const step of [...part.via, part.origin]) if (!out.some((o) => o.node === step.node)) out.push(step);
    if (out.length > 16) break;
  }
  return out;
}

/** The right-hand sides assigned to a variable anywhere in its file (`x = v`, `x ??= v`, `x ||= v`). */
function assignedValues(name: ts.Identifier, resolver: Resolver): ts.Expression[] {
  const declaration = resolver.findDeclaration(name)?.node;
  const out: ts.Expression[] = [];
  for (const target of fileIndex(name.getSourceFile()).writes.get(name.text) ?? []) {
    const assignment = target.parent;
    if (!ts.isBinaryExpression(assignment) || assignment.left !== target || resolver.findDeclaration(target)?.node !== declaration) continue;
    const op = assignment.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) out.push(assignment.right);
  }
  return out;
}

/** The leaves of a chain of conditionals (`a ? x : b ? y : z` → x, y, z), without recursion. */
function branches(node: ts.ConditionalExpression): ts.Expression[] {
  const out: ts.Expression[] = [];
  const pending: ts.Expression[] = [node];
  while (pending.length > 0) {
    const current = skipOuterExpressions(pending.pop()!) as ts.Expression;
    if (ts.isConditionalExpression(current)) pending.push(current.whenFalse, current.whenTrue);
    else out.push(current);
  }
  return out;
}

/** The operands of a chain of one operator (`a + b + c`, `a || b || c`) in source order, without recursion. */
function operands(node: ts.BinaryExpression, operator: ts.SyntaxKind): ts.Expression[] {
  const out: ts.Expression[] = [];
  const pending: ts.Expression[] = [node];
  while (pending.length > 0) {
    const current = skipOuterExpressions(pending.pop()!) as ts.Expression;
    if (ts.isBinaryExpression(current) && current.operatorToken.kind === operator) pending.push(current.right, current.left);
    else out.push(current);
  }
  return out;
}

function combine(operator: ts.SyntaxKind, left: string | number, right: string | number): string | number | undefined {
  if (operator === ts.SyntaxKind.PlusToken) {
    if (typeof left === 'string' || typeof right === 'string') return String(left) + String(right);
    return left + right;
  }
  if (typeof left !== 'number' || typeof right !== 'number') return undefined;
  switch (operator) {
    case ts.SyntaxKind.MinusToken:
      return left - right;
    case ts.SyntaxKind.AsteriskToken:
      return left * right;
    case ts.SyntaxKind.SlashToken:
      return right === 0 ? undefined : left / right;
    case ts.SyntaxKind.AsteriskAsteriskToken:
      return left ** right;
    case ts.SyntaxKind.LessThanLessThanToken:
      return left << right;
    default:
      return undefined;
  }
}
