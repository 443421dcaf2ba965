import { ts } from '../typescript';
import { fileIndex, isOuterExpression, skipOuterExpressions } from '../file-index';
import type { Budget } from './budget';
import type { ModuleGraph } from './modules';
import { accessedName, enclosingClass, enclosingFunction, isReadonly, isStatic, propertyNameText } from './scopes';
import type { ApiPath, Declaration, ObjectMember, ObjectValue, Origin, PropertyHit, Value } from './types';

/**
 * Objects and their properties: the properties an object value has (its literal, spreads,
 * `Object.assign` sources, a module's exports), and the writes made to it afterwards
 * (`config.ssl = {}`, `config.ssl.rejectUnauthorized = false`, `Object.assign(opts.tls, {...})`,
 * `this.options.ssl = ...`), in whatever branch they are made. Writes are matched by the access
 * path from the variable (or class) that holds the object, so a switch set three levels down in an
 * `if` is found when the object reaches a TLS client.
 */

/** What the object flow asks of the resolver. */
export interface ObjectResolver {
  values(expression: ts.Expression | undefined, depth?: number, via?: Origin[]): Value[];
  resolveApi(node: ts.Node, depth?: number): ApiPath | undefined;
  findDeclaration(identifier: ts.Identifier): Declaration | undefined;
  readonly budget: Budget;
}

/**
 * Where an object is kept: a variable, parameter or class (`root`) and the property names from it
 * (`config.ssl` → root `config`, path `['ssl']`).
 */
interface Holder {
  root: ts.Node;
  path: string[];
}

/** An access chain `root.a.b.c` (or `this.a.b`), with its names. */
interface AccessChain {
  root: ts.Identifier | ts.ThisExpression;
  names: string[];
}

export class ObjectFlow {
  /** Objects whose property is being looked up: a write that reads the same property again (`x.ssl = x.ssl || {}`) stops here. */
  private readonly inProgress = new Map<ts.Node, Set<string>>();

  constructor(
    private readonly resolver: ObjectResolver,
    private readonly modules: ModuleGraph,
  ) {}

  /**
   * The properties named `name` in an object value, last one written winning as in JavaScript:
   * an explicit property after a spread overrides it; a spread after it may override it (then
   * both are possible and both are returned). Writes made to the object after it was built are
   * possible values too.
   */
  findProperties(object: ObjectValue, name: string, depth: number): PropertyHit[] {
    if (!this.resolver.budget.step()) return [];
    const key = object.origin.node;
    let names = this.inProgress.get(key);
    if (names?.has(name)) return [];
    if (!names) this.inProgress.set(key, (names = new Set()));
    names.add(name);
    try {
      return this.collectProperties(object, name, depth);
    } finally {
      names.delete(name);
    }
  }

  private collectProperties(object: ObjectValue, name: string, depth: number): PropertyHit[] {
    const hits: PropertyHit[] = this.laterWrites(object, name, depth);
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
        // An enum, function or class export: its name reads as the declaration itself.
        if (target?.kind === 'declaration' && (target.declaration.kind === 'enum' || target.declaration.kind === 'function' || target.declaration.kind === 'class') && target.declaration.node.name) {
          hits.push({ property: target.declaration.node, value: target.declaration.node.name, sourceFile: target.sourceFile, via: object.via });
        }
        continue;
      }
      for (const spread of this.resolver.values(member.expression, depth + 1, object.via)) {
        if (spread.kind !== 'object') continue;
        for (const hit of this.findProperties(spread, name, depth + 1)) hits.push({ ...hit, entry: member.expression });
      }
    }
    return hits;
  }

  /** Follow property names into object values (`config.db.ssl`). */
  pathValues(bases: Value[], path: string[], depth: number): Value[] {
    let current = bases;
    for (const segment of path) {
      const next: Value[] = [];
      for (const base of current) {
        if (base.kind === 'object') {
          for (const hit of this.findProperties(base, segment, depth + 1)) {
            next.push(...this.resolver.values(hit.value, depth + 1, [...hit.via, { sourceFile: hit.sourceFile, node: hit.property }]));
          }
        } else if (base.kind === 'array' && /^\d+$/.test(segment)) {
          next.push(...this.resolver.values(base.elements[Number(segment)], depth + 1, base.via));
        } else if (base.kind === 'string' && segment === 'length') {
          next.push({ kind: 'number', value: base.value.length, origin: base.origin, via: base.via });
        }
      }
      current = this.resolver.budget.cap(next);
    }
    return current;
  }

  /**
   * Writes to the object after it was built, anywhere in its file: `opts.x = v` after
   * `const opts = {...}`, `config.ssl.rejectUnauthorized = false` after `config.ssl = {}` (or
   * `config.ssl = config.ssl || {}`, or `Object.assign({}, config.ssl)`), `this.options.ssl = ...`
   * after `this.options = {...}`, and `Object.assign(config.ssl, { ... })`.
   */
  private laterWrites(object: ObjectValue, name: string, depth: number): PropertyHit[] {
    const holder = this.holderOf(object.origin.node);
    if (!holder) return [];
    const sourceFile = object.origin.sourceFile;
    const index = fileIndex(sourceFile);
    const rootName = holderRootName(holder);
    const hits: PropertyHit[] = [];
    const wanted = [...holder.path, name];
    for (const assignment of index.propertyWritesByRoot.get(rootName) ?? []) {
      const chain = accessChain(assignment.left);
      if (!chain || !samePath(chain.names, wanted) || this.rootOf(chain) !== holder.root) continue;
      hits.push({ property: assignment, value: assignment.right, sourceFile, via: object.via });
    }
    // Object.assign(config.ssl, { rejectUnauthorized: false }) writes into the object itself.
    for (const call of index.callsByName.get('assign') ?? []) {
      if (!ts.isCallExpression(call) || call.arguments.length < 2) continue;
      const chain = accessChain(call.arguments[0]);
      if (!chain || !samePath(chain.names, holder.path) || this.rootOf(chain) !== holder.root) continue;
      if (this.resolver.resolveApi(call.expression)?.join('.') !== 'Object.assign') continue;
      for (const source of call.arguments.slice(1)) {
        for (const value of this.resolver.values(source, depth + 1, object.via)) {
          if (value.kind === 'object') hits.push(...this.findProperties(value, name, depth + 1));
        }
      }
    }
    return hits;
  }

  /**
   * Where an object value is kept, climbing from where it is written through fallbacks and
   * branches (`x.ssl || {}`, `insecure ? {...} : true`) and enclosing literals (`{ ssl: {...} }`)
   * to a variable declaration or an assignment to an access chain.
   */
  private holderOf(node: ts.Node): Holder | undefined {
    const inner: string[] = [];
    let current = node;
    for (let level = 0; level < 32; level++) {
      const parent = current.parent;
      if (!parent) return undefined;
      if (isOuterExpression(parent) || isFallback(parent) || (ts.isConditionalExpression(parent) && parent.condition !== current)) {
        current = parent;
        continue;
      }
      if (ts.isVariableDeclaration(parent) && parent.initializer === current && ts.isIdentifier(parent.name)) {
        return { root: parent, path: inner.reverse() };
      }
      if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === current) {
        const chain = accessChain(parent.left);
        const root = chain && this.rootOf(chain);
        return root ? { root, path: [...chain.names, ...inner.reverse()] } : undefined;
      }
      if (ts.isPropertyAssignment(parent) && parent.initializer === current && ts.isObjectLiteralExpression(parent.parent)) {
        const name = propertyNameText(parent.name);
        if (name === undefined) return undefined;
        inner.push(name);
        current = parent.parent;
        continue;
      }
      return undefined;
    }
    return undefined;
  }

  /** The declaration (or class, for `this`) an access chain starts from. */
  private rootOf(chain: AccessChain): ts.Node | undefined {
    if (chain.root.kind === ts.SyntaxKind.ThisKeyword) return thisOwner(chain.root, this.resolver);
    const declaration = this.resolver.findDeclaration(chain.root as ts.Identifier);
    if (!declaration) return undefined;
    if ((declaration.kind === 'variable' || declaration.kind === 'parameter') && declaration.path.length === 0) return declaration.node;
    return undefined;
  }

  /** `class C { static readonly ALG = 'md5' }`: the statics that are constants. */
  classStatics(node: ts.ClassDeclaration | ts.ClassExpression, via: Origin[]): Value {
    const members: ObjectMember[] = [];
    for (const member of node.members) {
      if (ts.isPropertyDeclaration(member) && isStatic(member) && (isReadonly(member) || !this.staticAssigned(node, member))) {
        const name = propertyNameText(member.name);
        if (name !== undefined) members.push({ kind: 'property', name, node: member, value: member.initializer, sourceFile: member.getSourceFile() });
      }
    }
    return { kind: 'object', members, origin: { sourceFile: node.getSourceFile(), node }, via };
  }

  /** `this.algorithm` where the class declares `readonly algorithm = 'md5'` (or a readonly parameter property). */
  thisMemberValues(node: ts.Node, name: string, depth: number, via: Origin[]): Value[] {
    let current: ts.Node | undefined = node.parent;
    while (current && !ts.isClassLike(current)) current = current.parent;
    if (!current) return this.constructorFunctionValues(node, name, depth, via);
    const cls = current;
    // Writes made only by the constructor (`constructor() { this.algorithm = 'des-ede3-cbc'; }`) are the field's values.
    const writes = classWrites(cls, name);
    const constructorWrites = writes.filter((w) => ts.isConstructorDeclaration(enclosingFunction(w) ?? w));
    const fromConstructor =
      writes.length > 0 && constructorWrites.length === writes.length
        ? constructorWrites.flatMap((w) => this.resolver.values(w.right, depth + 1, [...via, { sourceFile: w.getSourceFile(), node: w }]))
        : [];
    for (const member of cls.members) {
      if (ts.isPropertyDeclaration(member) && propertyNameText(member.name) === name && member.initializer && (isReadonly(member) || writes.length === 0)) {
        return this.resolver.values(member.initializer, depth + 1, [...via, { sourceFile: member.getSourceFile(), node: member }]);
      }
      if (ts.isConstructorDeclaration(member)) {
        for (const parameter of member.parameters) {
          if (ts.isIdentifier(parameter.name) && parameter.name.text === name && isReadonly(parameter) && parameter.initializer) {
            return this.resolver.values(parameter.initializer, depth + 1, [...via, { sourceFile: parameter.getSourceFile(), node: parameter }]);
          }
        }
      }
    }
    return this.resolver.budget.cap(fromConstructor);
  }

  /**
   * ES5 classes: `function Cipher() { this.algorithm = 'bf-cbc'; }` read from the constructor
   * itself or from `Cipher.prototype.encrypt = function () { ... this.algorithm ... }`.
   */
  private constructorFunctionValues(node: ts.Node, name: string, depth: number, via: Origin[]): Value[] {
    const constructor = es5Constructor(node, this.resolver);
    if (!constructor) return [];
    const writes = (fileIndex(constructor.getSourceFile()).assignmentsByName.get('this') ?? []).filter(
      (a) => a.pos >= constructor.pos && a.end <= constructor.end && enclosingFunction(a) === constructor && accessedName(skipOuterExpressions(a.left) as ts.PropertyAccessExpression) === name,
    );
    return this.resolver.budget.cap(writes.flatMap((w) => this.resolver.values(w.right, depth + 1, [...via, { sourceFile: w.getSourceFile(), node: w }])));
  }

  /** Whether the file writes `ClassName.field` (or `this.field` inside the class) anywhere. */
  private staticAssigned(cls: ts.ClassDeclaration | ts.ClassExpression, member: ts.PropertyDeclaration): boolean {
    const name = propertyNameText(member.name);
    if (!name || !cls.name) return true;
    const index = fileIndex(cls.getSourceFile());
    return (index.assignmentsByName.get(cls.name.text) ?? []).some((a) => accessedName(skipOuterExpressions(a.left) as ts.PropertyAccessExpression) === name) || classWrites(cls, name).length > 0;
  }
}

function classWrites(cls: ts.ClassLikeDeclaration, name: string): ts.BinaryExpression[] {
  return (fileIndex(cls.getSourceFile()).assignmentsByName.get('this') ?? []).filter(
    (a) => a.pos >= cls.pos && a.end <= cls.end && accessedName(skipOuterExpressions(a.left) as ts.PropertyAccessExpression) === name && enclosingClass(a) === cls,
  );
}

/**
 * The constructor function `this` means in ES5 code: the function itself, or for
 * `Cipher.prototype.encrypt = function () { ... }` the `Cipher` it extends.
 */
export function es5Constructor(node: ts.Node, resolver: ObjectResolver): ts.FunctionDeclaration | ts.FunctionExpression | undefined {
  const fn = enclosingFunction(node);
  if (!fn || ts.isArrowFunction(fn)) return undefined;
  let constructor: ts.Node | undefined = fn;
  if (ts.isFunctionExpression(fn) && ts.isBinaryExpression(fn.parent) && fn.parent.right === fn) {
    const target = skipOuterExpressions(fn.parent.left);
    const owner = ts.isPropertyAccessExpression(target) ? skipOuterExpressions(target.expression) : undefined;
    if (owner && ts.isPropertyAccessExpression(owner) && owner.name.text === 'prototype' && ts.isIdentifier(owner.expression)) {
      constructor = resolver.findDeclaration(owner.expression)?.node;
    }
  }
  return constructor && (ts.isFunctionDeclaration(constructor) || ts.isFunctionExpression(constructor)) ? constructor : undefined;
}

/** What `this` belongs to: the class around it (arrow functions keep it), or an ES5 constructor. */
function thisOwner(node: ts.Node, resolver: ObjectResolver): ts.Node | undefined {
  return enclosingClass(node) ?? es5Constructor(node, resolver);
}

/** `a.b['c']` → root `a`, names `['b', 'c']`; undefined for anything else (a call, a computed key). */
export function accessChain(expression: ts.Node): AccessChain | undefined {
  const names: string[] = [];
  let current = skipOuterExpressions(expression);
  for (;;) {
    if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
      const name = accessedName(current);
      if (name === undefined) return undefined;
      names.push(name);
      current = skipOuterExpressions(current.expression);
      continue;
    }
    if (ts.isIdentifier(current) || current.kind === ts.SyntaxKind.ThisKeyword) return { root: current as ts.Identifier | ts.ThisExpression, names: names.reverse() };
    return undefined;
  }
}

function holderRootName(holder: Holder): string {
  const root = holder.root;
  if (ts.isVariableDeclaration(root) || ts.isParameter(root)) return ts.isIdentifier(root.name) ? root.name.text : '';
  return 'this';
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

function isFallback(node: ts.Node): boolean {
  if (!ts.isBinaryExpression(node)) return false;
  const op = node.operatorToken.kind;
  return op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.AmpersandAmpersandToken;
}
