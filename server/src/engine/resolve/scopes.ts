import { ts } from '../typescript';
import { fileIndex, skipOuterExpressions } from '../file-index';
import type { Declaration } from './types';

/**
 * Names and scopes: what an identifier is bound to (a variable, parameter, import, function,
 * class or enum), found by lexical scope with per-block tables, and the small syntactic facts
 * about declarations the rest of the resolver asks (exported? readonly? reassigned?).
 */

export function accessedName(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  const arg = skipOuterExpressions(node.argumentExpression);
  return ts.isStringLiteralLike(arg) || ts.isNumericLiteral(arg) ? arg.text : undefined;
}

export function propertyNameText(name: ts.PropertyName | ts.Node): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const inner = skipOuterExpressions(name.expression);
    if (ts.isStringLiteralLike(inner)) return inner.text;
  }
  return undefined;
}

export function hasExportModifier(node: ts.Node): boolean {
  return !!(ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword));
}

export function isReadonly(node: ts.PropertyDeclaration | ts.ParameterDeclaration): boolean {
  return !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
}

export function isStatic(node: ts.PropertyDeclaration): boolean {
  return (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}

export function declarationOfNamed(node: ts.FunctionDeclaration | ts.ClassDeclaration | ts.EnumDeclaration): Declaration {
  if (ts.isFunctionDeclaration(node)) return { kind: 'function', node };
  if (ts.isClassDeclaration(node)) return { kind: 'class', node };
  return { kind: 'enum', node };
}

export function variableDeclaration(node: ts.VariableDeclaration, found: { path: string[]; name: ts.Identifier }): Declaration {
  const isConst = (node.parent.flags & ts.NodeFlags.Const) !== 0;
  return { kind: 'variable', node, path: found.path, isConst, name: found.name };
}

/** Find `name` inside a binding pattern, with the property path that leads to it. */
export function bindingFor(pattern: ts.BindingName, name: string, path: string[]): { path: string[]; name: ts.Identifier } | undefined {
  if (ts.isIdentifier(pattern)) return pattern.text === name ? { path, name: pattern } : undefined;
  if (ts.isObjectBindingPattern(pattern)) {
    for (const element of pattern.elements) {
      if (element.dotDotDotToken) continue;
      const key = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
      if (key === undefined) continue;
      const found = bindingFor(element.name, name, [...path, key]);
      if (found) return found;
    }
  }
  if (ts.isArrayBindingPattern(pattern)) {
    for (let index = 0; index < pattern.elements.length; index++) {
      const element = pattern.elements[index];
      if (ts.isOmittedExpression(element) || element.dotDotDotToken) continue;
      const found = bindingFor(element.name, name, [...path, String(index)]);
      if (found) return found;
    }
  }
  return undefined;
}

export function bindingElementOf(name: ts.Identifier): ts.BindingElement | undefined {
  return ts.isBindingElement(name.parent) ? name.parent : undefined;
}

/** Per analysis: what a name means from a scope node upward (null: a global). */
export type ScopeMemo = Map<ts.Node, Map<string, Declaration | null>>;

/**
 * The declaration `identifier` refers to, by lexical scope. With a memo, each scope answers a
 * name once per analysis: the calls of a large file mostly name the same few imports from deep
 * inside functions, and walking every one of them up to the file's scope was a tenth of the time.
 */
export function lookupDeclaration(identifier: ts.Identifier, memo?: ScopeMemo): Declaration | undefined {
  const name = identifier.text;
  const passed: ts.Node[] = [];
  let found: Declaration | undefined;
  for (let scope: ts.Node | undefined = identifier.parent; scope; scope = scope.parent) {
    if (!isScope(scope)) continue;
    const known = memo?.get(scope)?.get(name);
    if (known !== undefined) {
      found = known ?? undefined;
      break;
    }
    passed.push(scope);
    found = bindingIn(scope, name);
    if (found) break;
  }
  if (memo) {
    for (const scope of passed) {
      let names = memo.get(scope);
      if (!names) memo.set(scope, (names = new Map()));
      names.set(name, found ?? null);
    }
  }
  return found;
}

const SCOPE_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.SourceFile,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.ModuleBlock,
  ts.SyntaxKind.CaseClause,
  ts.SyntaxKind.DefaultClause,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.ForInStatement,
]);

function isScope(node: ts.Node): boolean {
  return SCOPE_KINDS.has(node.kind) || ts.isFunctionLike(node);
}

/** What `name` means if `scope` itself declares it. */
function bindingIn(scope: ts.Node, name: string): Declaration | undefined {
  if (ts.isFunctionLike(scope)) {
    for (const parameter of scope.parameters) {
      const found = bindingFor(parameter.name, name, []);
      if (found) {
        const element = ts.isBindingElement(found.name.parent) ? found.name.parent : undefined;
        return { kind: 'parameter', node: parameter, path: found.path, name: found.name, element };
      }
      if (binds(parameter.name, name)) return { kind: 'opaque', node: parameter };
    }
    if ((ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) && scope.name?.text === name) return { kind: 'opaque', node: scope };
  }
  if (ts.isCatchClause(scope) && scope.variableDeclaration && binds(scope.variableDeclaration.name, name)) return { kind: 'opaque', node: scope };
  if ((ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
    for (const decl of scope.initializer.declarations) if (binds(decl.name, name)) return { kind: 'opaque', node: decl };
  }
  if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) return scopeTable(scope).get(name);
  return undefined;
}

type StatementScope = ts.Block | ts.SourceFile | ts.ModuleBlock | ts.CaseClause | ts.DefaultClause;

/**
 * Every name a block declares, built once per block: lookups stay constant-time even in a
 * minified bundle with tens of thousands of top-level declarations.
 */
const scopeTables = new WeakMap<ts.Node, Map<string, Declaration>>();

function scopeTable(scope: StatementScope): Map<string, Declaration> {
  let table = scopeTables.get(scope);
  if (table) return table;
  const names = new Map<string, Declaration>();
  const add = (name: string, declaration: Declaration) => {
    if (!names.has(name)) names.set(name, declaration);
  };
  const isModuleScope = ts.isSourceFile(scope);
  for (const statement of scope.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        for (const identifier of boundIdentifiers(decl.name)) {
          // A rest element (`const [first, ...rest] = x`) holds no single known property of the value.
          const found = bindingFor(decl.name, identifier.text, []);
          add(identifier.text, found ? variableDeclaration(decl, found) : { kind: 'opaque', node: decl });
        }
      }
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      add(statement.name.text, declarationOfNamed(statement));
    } else if (isModuleScope && ts.isImportDeclaration(statement) && statement.importClause && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const module = statement.moduleSpecifier.text;
      if (clause.name) add(clause.name.text, { kind: 'import', module, exportName: 'default', node: statement });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) add(bindings.name.text, { kind: 'import', module, exportName: '*', node: statement });
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) add(element.name.text, { kind: 'import', module, exportName: (element.propertyName ?? element.name).text, node: element });
      }
    } else if (isModuleScope && ts.isImportEqualsDeclaration(statement)) {
      const ref = statement.moduleReference;
      add(
        statement.name.text,
        ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression) ? { kind: 'import', module: ref.expression.text, exportName: '*', node: statement } : { kind: 'opaque', node: statement },
      );
    } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
      add(statement.name.text, { kind: 'opaque', node: statement });
    }
  }
  table = names;
  scopeTables.set(scope, table);
  return table;
}

/** Whether the pattern declares `name` anywhere, rest elements included. */
function binds(pattern: ts.BindingName, name: string): boolean {
  return boundIdentifiers(pattern).some((identifier) => identifier.text === name);
}

export function boundIdentifiers(pattern: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(pattern)) return [pattern];
  const out: ts.Identifier[] = [];
  for (const element of pattern.elements) if (!ts.isOmittedExpression(element)) out.push(...boundIdentifiers(element.name));
  return out;
}

/**
 * A `let`/`var` counts as a constant when nothing in its file assigns to it again. Reading the
 * identifiers of one file is cheap next to a wrong answer.
 */
export function neverReassigned(name: ts.Identifier): boolean {
  const declaration = lookupDeclaration(name);
  const writes = identifierWrites(name.getSourceFile()).get(name.text) ?? [];
  return !writes.some((target) => lookupDeclaration(target)?.node === declaration?.node);
}

function identifierWrites(sourceFile: ts.SourceFile): Map<string, ts.Identifier[]> {
  return fileIndex(sourceFile).writes;
}

/** The nearest function (declaration, expression, arrow, method, accessor) around a node. */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  let current = node.parent;
  while (current && !ts.isFunctionLike(current)) current = current.parent;
  return current;
}

/** The class whose own code (not a nested class) contains the node; arrow functions keep `this`. */
export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  let current = node.parent;
  while (current && !ts.isClassLike(current)) {
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
    current = current.parent;
  }
  return current;
}
