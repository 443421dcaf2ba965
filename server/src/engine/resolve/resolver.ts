import { ts } from '../typescript';
import type { SourceProject } from '../project';
import { TypeOracle } from '../type-oracle';
import { fileIndex, skipOuterExpressions, type FileIndex } from '../file-index';
import { libraryCallResult } from '../libraries';
import { RSA_PADDING } from '../policy/keys';
import { ModuleGraph, globalApi, normalizeApiPath, requiredModule } from './modules';
import {
  accessedName, bindingElementOf, enclosingClass, enclosingFunction, isReadonly, isStatic, lookupDeclaration, neverReassigned, propertyNameText, type ScopeMemo,
} from './scopes';
import type { ApiPath, Declaration, ExportTarget, NumberValue, ObjectMember, ObjectValue, Origin, PropertyHit, StringValue, Value } from './types';

/**
 * Syntactic resolution of what an expression refers to (an API such as `crypto.createHash`) and
 * what values it can hold (`'md5'`, `{ rejectUnauthorized: false }`), across the project's own
 * modules. Nothing is executed. When the answer cannot be known, the answer is "unknown", never
 * a guess: rules report nothing for unknown values.
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

const MAX_DEPTH = 24;
const MAX_CANDIDATES = 16;


export class Resolver {
  private readonly declarationCache = new Map<ts.Identifier, Declaration | undefined>();
  private readonly apiCache = new Map<ts.Node, ApiPath | undefined>();
  /** Per file: calls by callee name, and `x.prop = value` assignments by object name. One walk each. */
  /** Parameters and functions being evaluated: recursion through call sites stops here. */
  private readonly inProgress = new Set<ts.Node>();

  private oracle: TypeOracle | undefined;

  private readonly modules: ModuleGraph;

  constructor(private readonly project: SourceProject) {
    this.modules = new ModuleGraph(project, this);
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

  // ---------------------------------------------------------------- API references

  /** What API an expression names, e.g. `['crypto', 'createHash']`, or undefined. */
  resolveApi(expression: ts.Node, depth = 0): ApiPath | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (this.apiCache.has(expression)) return this.apiCache.get(expression);
    this.apiCache.set(expression, undefined); // cycle guard
    const result = this.computeApi(expression, depth);
    const normalized = result && normalizeApiPath(result);
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
      const name = accessedName(node);
      if (name === undefined) return undefined;
      const base = this.resolveApi(node.expression, depth + 1);
      if (!base) return undefined;
      return this.extendApi(base, name, depth);
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
      return callee && libraryCallResult(callee);
    }
    if (ts.isAwaitExpression(node)) return this.resolveApi(node.expression, depth + 1);
    // `new https.Agent()` is an instance of that API: its members are `https.Agent.instance.*`.
    if (ts.isNewExpression(node)) {
      const constructor = this.resolveApi(node.expression, depth + 1);
      return constructor && [...constructor, 'instance'];
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.CommaToken) return this.resolveApi(node.right, depth + 1);
    return undefined;
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
        if (!init) return undefined;
        let api = this.resolveApi(init, depth + 1);
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

  // ---------------------------------------------------------------- scopes

  /** The declaration an identifier refers to, by lexical scope; undefined for globals. */
  private readonly scopeMemo: ScopeMemo = new Map();

  findDeclaration(identifier: ts.Identifier): Declaration | undefined {
    if (this.declarationCache.has(identifier)) return this.declarationCache.get(identifier);
    const found = lookupDeclaration(identifier, this.scopeMemo);
    this.declarationCache.set(identifier, found);
    return found;
  }

  // ---------------------------------------------------------------- values

  private readonly topLevelValues = new Map<ts.Node, Value[]>();
  private readonly propertyCache = new Map<ts.Node, Map<string, PropertyHit[]>>();

  /** Every value the expression can have that is known; empty when none is. */
  values(expression: ts.Expression | undefined, depth = 0, via: Origin[] = []): Value[] {
    if (!expression || depth > MAX_DEPTH) return [];
    // Several rules ask about the same argument of the same call: answer top-level questions once.
    if (depth === 0 && via.length === 0) {
      let cached = this.topLevelValues.get(expression);
      if (!cached) {
        cached = this.computeValues(expression, 0, via);
        this.topLevelValues.set(expression, cached);
      }
      return cached;
    }
    return this.computeValues(expression, depth, via);
  }

  private computeValues(expression: ts.Expression, depth: number, via: Origin[]): Value[] {
    const sourceFile = expression.getSourceFile();
    const node = skipOuterExpressions(expression) as ts.Expression;
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
    if (ts.isConditionalExpression(node)) {
      return [...this.values(node.whenTrue, depth + 1, via), ...this.values(node.whenFalse, depth + 1, via)].slice(0, MAX_CANDIDATES);
    }
    if (ts.isObjectLiteralExpression(node)) {
      const members: ObjectMember[] = [];
      for (const property of node.properties) {
        if (ts.isPropertyAssignment(property)) {
          const name = propertyNameText(property.name);
          if (name !== undefined) members.push({ kind: 'property', name, node: property, value: property.initializer, sourceFile });
        } else if (ts.isShorthandPropertyAssignment(property)) {
          members.push({ kind: 'property', name: property.name.text, node: property, value: property.name, sourceFile });
        } else if (ts.isSpreadAssignment(property)) {
          members.push({ kind: 'spread', expression: property.expression, sourceFile });
        } else if (ts.isMethodDeclaration(property)) {
          const name = propertyNameText(property.name);
          if (name !== undefined) members.push({ kind: 'property', name, node: property, value: undefined, sourceFile });
        }
      }
      return [{ kind: 'object', members, origin, via }];
    }
    if (ts.isArrayLiteralExpression(node)) return [{ kind: 'array', elements: [...node.elements], origin, via }];
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return [{ kind: 'function', node, origin, via }];
    if (ts.isIdentifier(node)) return this.identifierValues(node, depth, via);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return this.memberValues(node, depth, via);
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) return this.callValues(node, depth, via);
    return [];
  }

  private templateValues(node: ts.TemplateExpression, depth: number, via: Origin[]): Value[] {
    let prefixes = [node.head.text];
    for (const span of node.templateSpans) {
      const parts = this.values(span.expression, depth + 1, via).filter((v) => v.kind === 'string' || v.kind === 'number');
      if (parts.length === 0) return [];
      const next: string[] = [];
      for (const prefix of prefixes) for (const part of parts) next.push(prefix + String((part as StringValue).value) + span.literal.text);
      prefixes = next.slice(0, MAX_CANDIDATES);
    }
    const origin = { sourceFile: node.getSourceFile(), node };
    return prefixes.map((value) => ({ kind: 'string', value, origin, via }));
  }

  private binaryValues(node: ts.BinaryExpression, depth: number, via: Origin[]): Value[] {
    const origin = { sourceFile: node.getSourceFile(), node };
    switch (node.operatorToken.kind) {
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
        // `options.alg || 'md5'`: the fallback is a value the call can receive.
        return [...this.values(node.left, depth + 1, via), ...this.values(node.right, depth + 1, via)].filter((v) => v.kind !== 'nullish').slice(0, MAX_CANDIDATES);
      case ts.SyntaxKind.PlusToken:
      case ts.SyntaxKind.MinusToken:
      case ts.SyntaxKind.AsteriskToken:
      case ts.SyntaxKind.SlashToken:
      case ts.SyntaxKind.AsteriskAsteriskToken:
      case ts.SyntaxKind.LessThanLessThanToken: {
        const left = this.values(node.left, depth + 1, via);
        const right = this.values(node.right, depth + 1, via);
        const out: Value[] = [];
        for (const l of left) {
          for (const r of right) {
            const combined = combine(node.operatorToken.kind, l, r);
            if (combined !== undefined) {
              out.push(typeof combined === 'string' ? { kind: 'string', value: combined, origin, via } : { kind: 'number', value: combined, origin, via });
            }
          }
        }
        return out.slice(0, MAX_CANDIDATES);
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
        const fromDefault = initializer ? this.values(initializer, depth + 1, nextVia) : [];
        return [...fromDefault, ...this.argumentValues(declaration.node, declaration.path, depth, nextVia)].slice(0, MAX_CANDIDATES);
      }
      case 'import': {
        const moduleApi = this.modules.moduleApi(declaration.module, sourceFile);
        if (!moduleApi || moduleApi[0] !== '#module') return [];
        const target = this.modules.moduleExport(moduleApi[1], declaration.exportName === '*' ? '*' : declaration.exportName, depth + 1);
        const nextVia = [...via, { sourceFile, node: declaration.node }];
        if (declaration.exportName === '*') return [this.modules.namespaceObject(moduleApi[1], nextVia)].filter((v): v is Value => !!v);
        return this.exportTargetValues(target, depth, nextVia);
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
        return [this.classStatics(declaration.node, via)];
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

  private classStatics(node: ts.ClassDeclaration | ts.ClassExpression, via: Origin[]): Value {
    const members: ObjectMember[] = [];
    for (const member of node.members) {
      if (ts.isPropertyDeclaration(member) && isStatic(member) && (isReadonly(member) || !this.staticAssigned(node, member))) {
        const name = propertyNameText(member.name);
        if (name !== undefined) members.push({ kind: 'property', name, node: member, value: member.initializer, sourceFile: member.getSourceFile() });
      }
    }
    return { kind: 'object', members, origin: { sourceFile: node.getSourceFile(), node }, via };
  }

  /**
   * A wrapper's parameter takes the values its callers in the same file pass
   * (`const md5 = (s) => digest('md5', s)` makes `'md5'` reach `createHash(alg)` inside `digest`).
   */
  private argumentValues(parameter: ts.ParameterDeclaration, path: string[], depth: number, via: Origin[]): Value[] {
    const fn = parameter.parent;
    const index = fn.parameters.indexOf(parameter);
    if (parameter.dotDotDotToken || index < 0 || this.inProgress.has(parameter)) return [];
    const calls = this.callersOf(fn);
    if (calls.length === 0) return [];
    this.inProgress.add(parameter);
    try {
      const out: Value[] = [];
      for (const call of calls) {
        const argument = call.arguments?.[index];
        if (!argument || ts.isSpreadElement(argument)) continue;
        out.push(...this.pathValues(this.values(argument, depth + 1, via), path, depth));
        if (out.length >= MAX_CANDIDATES) break;
      }
      return out;
    } finally {
      this.inProgress.delete(parameter);
    }
  }

  /** Calls of a function in its own file, by name (declarations, `const f = () => ...`, and `this.method()` in its class). */
  private callersOf(fn: ts.SignatureDeclaration): Array<ts.CallExpression | ts.NewExpression> {
    const sourceFile = fn.getSourceFile();
    const index = this.indexOf(sourceFile);
    if (ts.isFunctionDeclaration(fn) && fn.name) {
      return (index.callsByName.get(fn.name.text) ?? []).filter((c) => ts.isIdentifier(c.expression) && this.declarationNode(c.expression) === fn);
    }
    if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) {
      const decl = fn.parent;
      return (index.callsByName.get(decl.name.getText(sourceFile)) ?? []).filter((c) => ts.isIdentifier(c.expression) && this.declarationNode(c.expression) === decl);
    }
    if (ts.isMethodDeclaration(fn) && ts.isIdentifier(fn.name) && ts.isClassLike(fn.parent)) {
      const cls = fn.parent;
      return (index.callsByName.get(fn.name.text) ?? []).filter(
        (c) => ts.isPropertyAccessExpression(c.expression) && c.expression.expression.kind === ts.SyntaxKind.ThisKeyword && c.pos >= cls.pos && c.end <= cls.end,
      );
    }
    return [];
  }

  private declarationNode(identifier: ts.Identifier): ts.Node | undefined {
    return this.findDeclaration(identifier)?.node;
  }

  private indexOf(sourceFile: ts.SourceFile): FileIndex {
    return fileIndex(sourceFile);
  }

  /** `opts.rejectUnauthorized = false` after `const opts = { ... }`: a later write to the same object. */
  private laterWrites(object: ObjectValue, name: string): PropertyHit[] {
    const literal = object.origin.node;
    const declaration = literal.parent;
    if (!ts.isObjectLiteralExpression(literal) || !declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return [];
    const sourceFile = object.origin.sourceFile;
    const hits: PropertyHit[] = [];
    for (const assignment of this.indexOf(sourceFile).assignmentsByName.get(declaration.name.text) ?? []) {
      const target = skipOuterExpressions(assignment.left) as ts.PropertyAccessExpression | ts.ElementAccessExpression;
      if (accessedName(target) !== name || this.declarationNode(target.expression as ts.Identifier) !== declaration) continue;
      hits.push({ property: assignment, value: assignment.right, sourceFile, via: object.via });
    }
    return hits;
  }

  /** What a local function returns: `tls.connect(tlsOptions())`, `createHash(pickAlgorithm())`. */
  private returnedValues(fn: ts.SignatureDeclaration, depth: number, via: Origin[]): Value[] {
    if (this.inProgress.has(fn)) return [];
    const body = (fn as ts.FunctionLikeDeclaration).body;
    if (!body) return [];
    this.inProgress.add(fn);
    try {
      if (!ts.isBlock(body)) return this.values(body, depth + 1, via);
      const out: Value[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) || out.length >= MAX_CANDIDATES) return;
        if (ts.isReturnStatement(node) && node.expression) out.push(...this.values(node.expression, depth + 1, via));
        else ts.forEachChild(node, visit);
      };
      ts.forEachChild(body, visit);
      return out;
    } finally {
      this.inProgress.delete(fn);
    }
  }

  private memberValues(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, depth: number, via: Origin[]): Value[] {
    const name = accessedName(node);
    if (name === undefined) {
      // table[condition ? 'a' : 'b']: every known key is a possible member.
      if (!ts.isElementAccessExpression(node)) return [];
      const keys = this.values(node.argumentExpression, depth + 1, via).filter((k): k is StringValue | NumberValue => k.kind === 'string' || k.kind === 'number');
      const bases = keys.length ? this.values(node.expression, depth + 1, via) : [];
      return keys.flatMap((key) => this.pathValues(bases, [String(key.value)], depth)).slice(0, MAX_CANDIDATES);
    }
    if (name in CRYPTO_CONSTANTS) {
      const constant = this.cryptoConstant(node, via);
      if (constant) return [constant];
    }
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword) return this.thisMemberValues(node, name, depth, via);
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

  /** `this.algorithm` where the class declares `readonly algorithm = 'md5'` (or a readonly parameter property). */
  private thisMemberValues(node: ts.Node, name: string, depth: number, via: Origin[]): Value[] {
    let current: ts.Node | undefined = node.parent;
    while (current && !ts.isClassLike(current)) current = current.parent;
    if (!current) return this.constructorFunctionValues(node, name, depth, via);
    const cls = current;
    // Writes made only by the constructor (`constructor() { this.algorithm = 'des-ede3-cbc'; }`) are the field's values.
    const writes = this.classWrites(cls, name);
    const constructorWrites = writes.filter((w) => ts.isConstructorDeclaration(enclosingFunction(w) ?? w));
    const fromConstructor = writes.length > 0 && constructorWrites.length === writes.length
      ? constructorWrites.flatMap((w) => this.values(w.right, depth + 1, [...via, { sourceFile: w.getSourceFile(), node: w }]))
      : [];
    for (const member of cls.members) {
      if (ts.isPropertyDeclaration(member) && propertyNameText(member.name) === name && member.initializer && (isReadonly(member) || writes.length === 0)) {
        return this.values(member.initializer, depth + 1, [...via, { sourceFile: member.getSourceFile(), node: member }]);
      }
      if (ts.isConstructorDeclaration(member)) {
        for (const parameter of member.parameters) {
          if (ts.isIdentifier(parameter.name) && parameter.name.text === name && isReadonly(parameter) && parameter.initializer) {
            return this.values(parameter.initializer, depth + 1, [...via, { sourceFile: parameter.getSourceFile(), node: parameter }]);
          }
        }
      }
    }
    return fromConstructor.slice(0, MAX_CANDIDATES);
  }

  /**
   * ES5 classes: `function Cipher() { this.algorithm = 'bf-cbc'; }` read from the constructor
   * itself or from `Cipher.prototype.encrypt = function () { ... this.algorithm ... }`.
   */
  private constructorFunctionValues(node: ts.Node, name: string, depth: number, via: Origin[]): Value[] {
    const fn = enclosingFunction(node);
    if (!fn || ts.isArrowFunction(fn)) return [];
    let constructor: ts.Node | undefined = fn;
    if (ts.isFunctionExpression(fn) && ts.isBinaryExpression(fn.parent) && fn.parent.right === fn) {
      const target = skipOuterExpressions(fn.parent.left);
      const owner = ts.isPropertyAccessExpression(target) ? skipOuterExpressions(target.expression) : undefined;
      if (owner && ts.isPropertyAccessExpression(owner) && owner.name.text === 'prototype' && ts.isIdentifier(owner.expression)) {
        constructor = this.findDeclaration(owner.expression)?.node;
      }
    }
    if (!constructor || !(ts.isFunctionDeclaration(constructor) || ts.isFunctionExpression(constructor))) return [];
    const writes = (this.indexOf(constructor.getSourceFile()).assignmentsByName.get('this') ?? []).filter(
      (a) => a.pos >= constructor.pos && a.end <= constructor.end && enclosingFunction(a) === constructor && accessedName(skipOuterExpressions(a.left) as ts.PropertyAccessExpression) === name,
    );
    return writes.flatMap((w) => this.values(w.right, depth + 1, [...via, { sourceFile: w.getSourceFile(), node: w }])).slice(0, MAX_CANDIDATES);
  }

  private classWrites(cls: ts.ClassLikeDeclaration, name: string): ts.BinaryExpression[] {
    return (this.indexOf(cls.getSourceFile()).assignmentsByName.get('this') ?? []).filter(
      (a) => a.pos >= cls.pos && a.end <= cls.end && accessedName(skipOuterExpressions(a.left) as ts.PropertyAccessExpression) === name && enclosingClass(a) === cls,
    );
  }

  /** Whether the file writes `ClassName.field` (or `this.field` inside the class) anywhere. */
  private staticAssigned(cls: ts.ClassDeclaration | ts.ClassExpression, member: ts.PropertyDeclaration): boolean {
    const name = propertyNameText(member.name);
    if (!name || !cls.name) return true;
    const index = this.indexOf(cls.getSourceFile());
    return (index.assignmentsByName.get(cls.name.text) ?? []).some((a) => accessedName(skipOuterExpressions(a.left) as ts.PropertyAccessExpression) === name) || this.assignedInClass(cls, name);
  }

  /** Whether any code of the class writes `this.name`. */
  private assignedInClass(cls: ts.ClassLikeDeclaration, name: string): boolean {
    return this.classWrites(cls, name).length > 0;
  }

  /** Follow property names into object values. */
  private pathValues(bases: Value[], path: string[], depth: number): Value[] {
    let current = bases;
    for (const segment of path) {
      const next: Value[] = [];
      for (const base of current) {
        if (base.kind === 'object') {
          for (const hit of this.findProperties(base, segment, depth + 1)) {
            next.push(...this.values(hit.value, depth + 1, [...hit.via, { sourceFile: hit.sourceFile, node: hit.property }]));
          }
        } else if (base.kind === 'array' && /^\d+$/.test(segment)) {
          next.push(...this.values(base.elements[Number(segment)], depth + 1, base.via));
        } else if (base.kind === 'string' && segment === 'length') {
          next.push({ kind: 'number', value: base.value.length, origin: base.origin, via: base.via });
        }
      }
      current = next.slice(0, MAX_CANDIDATES);
    }
    return current;
  }

  /**
   * The properties named `name` in an object value, last one written winning as in JavaScript:
   * an explicit property after a spread overrides it; a spread after it may override it (then
   * both are possible and both are returned).
   */
  findProperties(object: ObjectValue, name: string, depth = 0): PropertyHit[] {
    if (depth > MAX_DEPTH) return [];
    const hits: PropertyHit[] = this.laterWrites(object, name);
    for (let i = object.members.length - 1; i >= 0; i--) {
      const member = object.members[i];
      if (member.kind === 'property') {
        if (member.name === name) {
          hits.push({ property: member.node, value: member.value, sourceFile: member.sourceFile, via: object.via });
          return hits;
        }
        continue;
      }
      if (member.kind === 'module') {
        const target = this.modules.moduleExport(member.fileName, name, depth + 1);
        if (target?.kind === 'expression') hits.push({ property: target.expression, value: target.expression, sourceFile: target.sourceFile, via: object.via });
        if (target?.kind === 'declaration' && target.declaration.kind === 'variable') {
          const decl = target.declaration.node;
          hits.push({ property: decl, value: decl.initializer, sourceFile: target.sourceFile, via: object.via });
        }
        if (target?.kind === 'declaration' && target.declaration.kind === 'enum') {
          hits.push({ property: target.declaration.node, value: target.declaration.node.name, sourceFile: target.sourceFile, via: object.via });
        }
        continue;
      }
      for (const spread of this.values(member.expression, depth + 1, object.via)) {
        if (spread.kind !== 'object') continue;
        for (const hit of this.findProperties(spread, name, depth + 1)) hits.push({ ...hit, entry: member.expression });
      }
    }
    return hits;
  }

  /** Values of a property of whatever objects `expression` can be. */
  propertyHits(expression: ts.Expression | undefined, name: string): PropertyHit[] {
    if (!expression) return [];
    let byName = this.propertyCache.get(expression);
    if (!byName) this.propertyCache.set(expression, (byName = new Map()));
    let hits = byName.get(name);
    if (!hits) {
      hits = this.values(expression).flatMap((v) => (v.kind === 'object' ? this.findProperties(v, name) : []));
      byName.set(name, hits);
    }
    return hits;
  }

  private callValues(node: ts.CallExpression | ts.NewExpression, depth: number, via: Origin[]): Value[] {
    const origin = { sourceFile: node.getSourceFile(), node };
    const args = node.arguments ?? ts.factory.createNodeArray();
    if (ts.isCallExpression(node)) {
      // const config = require('./config'): the module's exports.
      const specifier = requiredModule(node, this);
      const resolved = specifier === undefined ? undefined : this.project.resolveRelativeModule(origin.sourceFile.fileName, specifier);
      if (resolved) return [this.modules.namespaceObject(resolved, via)].filter((v): v is Value => !!v);
    }
    // String methods that keep the algorithm name recognisable.
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (method === 'join') {
        // ['ECDHE-RSA-AES128-GCM-SHA256', 'DES-CBC3-SHA'].join(':')
        const separators = node.arguments.length ? this.values(node.arguments[0], depth + 1, via).filter((v): v is StringValue => v.kind === 'string') : [];
        const separator = node.arguments.length === 0 ? ',' : separators.length === 1 ? separators[0].value : undefined;
        if (separator === undefined) return [];
        const out: Value[] = [];
        for (const array of this.values(node.expression.expression, depth + 1, via)) {
          if (array.kind !== 'array') continue;
          const parts = array.elements.map((e) => this.values(e, depth + 1, via).filter((v): v is StringValue | NumberValue => v.kind === 'string' || v.kind === 'number'));
          if (parts.some((p) => p.length !== 1)) continue;
          out.push({ kind: 'string', value: parts.map((p) => String(p[0].value)).join(separator), origin, via });
        }
        return out;
      }
      if (method === 'toLowerCase' || method === 'toUpperCase' || method === 'trim' || method === 'toString') {
        return this.values(node.expression.expression, depth + 1, via).flatMap((v) =>
          v.kind === 'string' ? [{ ...v, value: method === 'toLowerCase' ? v.value.toLowerCase() : method === 'toUpperCase' ? v.value.toUpperCase() : v.value.trim() }] : [],
        );
      }
    }
    const api = this.resolveApi(node.expression)?.join('.');
    if (!api && ts.isCallExpression(node)) {
      for (const fn of this.values(node.expression, depth + 1, via)) {
        if (fn.kind === 'function') return this.returnedValues(fn.node, depth, [...via, fn.origin]);
      }
    }
    if (api === 'Object.assign') {
      // Object.assign({}, defaults, { rejectUnauthorized: false }): later sources win, like spreads.
      const members: ObjectMember[] = args.map((arg) => ({ kind: 'spread', expression: arg, sourceFile: origin.sourceFile }));
      return [{ kind: 'object', members, origin, via }];
    }
    const firstNumber = () => this.values(args[0], depth + 1, via).filter((v): v is NumberValue => v.kind === 'number');
    switch (api) {
      case 'Buffer.alloc':
      case 'buffer.Buffer.alloc':
      case 'Buffer.allocUnsafe':
      case 'Uint8Array':
        return this.values(args[0], depth + 1, via).flatMap((v): Value[] =>
          v.kind === 'number' || v.kind === 'array' ? [{ kind: 'bytes', length: v.kind === 'number' ? v.value : v.elements.length, random: false, origin, via }] : [],
        );
      case 'crypto.randomBytes':
      case 'crypto.getRandomValues':
        if (api === 'crypto.getRandomValues') return this.values(args[0], depth + 1, via).flatMap((v) => (v.kind === 'bytes' ? [{ ...v, random: true, origin }] : []));
        return firstNumber().map((n) => ({ kind: 'bytes', length: n.value, random: true, origin, via }));
      case 'Buffer.from':
      case 'buffer.Buffer.from': {
        const encoding = this.values(args[1], depth + 1, via).find((v): v is StringValue => v.kind === 'string')?.value ?? 'utf8';
        return this.values(args[0], depth + 1, via).flatMap((v): Value[] => {
          if (v.kind === 'string') {
            const length = byteLength(v.value, encoding);
            return length === undefined ? [] : [{ kind: 'bytes', length, random: false, origin, via }];
          }
          if (v.kind === 'array') return [{ kind: 'bytes', length: v.elements.length, random: false, origin, via }];
          return [];
        });
      }
      case 'String':
        return this.values(args[0], depth + 1, via).flatMap((v) => (v.kind === 'string' || v.kind === 'number' ? [{ kind: 'string' as const, value: String(v.value), origin: v.origin, via: v.via }] : []));
      default:
        return [];
    }
  }

  /**
   * A zero-filled buffer held in a variable that is later filled by the CSPRNG
   * (`const iv = Buffer.alloc(16); crypto.randomFillSync(iv);`) is random, not constant.
   */
  private filledRandomly(value: Value): boolean {
    if (value.kind !== 'bytes' || value.random) return false;
    const declaration = value.via.map((v) => v.node).find((n): n is ts.VariableDeclaration => ts.isVariableDeclaration(n) && ts.isIdentifier(n.name));
    if (!declaration) return false;
    const index = this.indexOf(declaration.getSourceFile());
    return ['randomFillSync', 'randomFill', 'getRandomValues'].some((fill) =>
      (index.callsByName.get(fill) ?? []).some((call) => {
        const target = call.arguments?.[0] && skipOuterExpressions(call.arguments[0]);
        return !!target && ts.isIdentifier(target) && this.declarationNode(target) === declaration && /^(crypto\.)?(randomFillSync|randomFill|getRandomValues)$/.test(this.resolveApi(call.expression)?.join('.') ?? '');
      }),
    );
  }

  /**
   * Length and randomness of a key/IV/salt value: a string is its UTF-8 bytes and constant; a
   * buffer is random when it came from the CSPRNG or was filled by it afterwards.
   */
  bytesOf(value: Value): { length: number; random: boolean } | undefined {
    if (value.kind === 'bytes') return { length: value.length, random: value.random || this.filledRandomly(value) };
    if (value.kind === 'string') return { length: Buffer.byteLength(value.value, 'utf8'), random: false };
    return undefined;
  }

  byteLengths(expression: ts.Expression | undefined): Array<{ length: number; random: boolean; value: Value }> {
    return this.values(expression).flatMap((value) => {
      const bytes = this.bytesOf(value);
      return bytes ? [{ ...bytes, value }] : [];
    });
  }

}

function combine(operator: ts.SyntaxKind, left: Value, right: Value): string | number | undefined {
  const isPrimitive = (v: Value): v is StringValue | NumberValue => v.kind === 'string' || v.kind === 'number';
  if (!isPrimitive(left) || !isPrimitive(right)) return undefined;
  if (operator === ts.SyntaxKind.PlusToken) {
    if (left.kind === 'string' || right.kind === 'string') return String(left.value) + String(right.value);
    return (left.value as number) + (right.value as number);
  }
  if (left.kind !== 'number' || right.kind !== 'number') return undefined;
  switch (operator) {
    case ts.SyntaxKind.MinusToken:
      return left.value - right.value;
    case ts.SyntaxKind.AsteriskToken:
      return left.value * right.value;
    case ts.SyntaxKind.SlashToken:
      return right.value === 0 ? undefined : left.value / right.value;
    case ts.SyntaxKind.AsteriskAsteriskToken:
      return left.value ** right.value;
    case ts.SyntaxKind.LessThanLessThanToken:
      return left.value << right.value;
    default:
      return undefined;
  }
}

function byteLength(text: string, encoding: string): number | undefined {
  const enc = encoding.toLowerCase();
  if (enc === 'hex') return text.length % 2 === 0 && /^[0-9a-f]*$/i.test(text) ? text.length / 2 : undefined;
  if (enc === 'base64' || enc === 'base64url') return Buffer.from(text, enc).length;
  if (enc === 'utf8' || enc === 'utf-8' || enc === 'ascii' || enc === 'latin1' || enc === 'binary') return Buffer.byteLength(text, enc as BufferEncoding);
  return undefined;
}
