import { ts } from '../typescript';
import type { SourceProject } from '../project';
import { fileIndex, skipOuterExpressions } from '../file-index';
import { functionName } from './functions';
import { libraryModulePath, normalizeLibraryPath } from '../libraries';
import { bindingFor, declarationOfNamed, hasExportModifier, propertyNameText, variableDeclaration } from './scopes';
import type { ApiPath, Declaration, ExportTarget, Origin, Value } from './types';

/**
 * Module loading forms: which module a specifier names (a Node built-in, a known npm library or a
 * project file), what `require`/`import()` calls load, and what a project module exports under a
 * name (ES exports, `export =`, `module.exports`, `exports.x`, re-exports, JSON modules).
 */

/** What the module graph asks of the resolver: API paths, declarations and values of expressions. */
export interface ModuleResolver {
  resolveApi(expression: ts.Node, depth?: number): ApiPath | undefined;
  findDeclaration(identifier: ts.Identifier): Declaration | undefined;
  values(expression: ts.Expression | undefined, depth?: number, via?: Origin[]): Value[];
}

export const MAX_MODULE_DEPTH = 24;

export class ModuleGraph {
  constructor(
    private readonly project: SourceProject,
    private readonly resolver: ModuleResolver,
  ) {}

  /** The API path a module specifier names, seen from `fromFile`. */
  moduleApi(specifier: string, fromFile: ts.SourceFile): ApiPath | undefined {
    const builtin = builtinModuleName(specifier);
    if (builtin) return [builtin];
    const library = libraryModulePath(specifier);
    if (library) return library;
    const resolved = this.project.resolveRelativeModule(fromFile.fileName, specifier);
    return resolved ? ['#module', resolved] : undefined;
  }

  moduleExport(fileName: string, exportName: string, depth: number): ExportTarget | undefined {
    if (depth > MAX_MODULE_DEPTH) return undefined;
    const sourceFile = this.project.getSourceFile(fileName);
    if (!sourceFile) return undefined;
    if (fileName.toLowerCase().endsWith('.json')) return jsonExport(sourceFile, exportName);
    let fromStar: ExportTarget | undefined;
    for (const statement of sourceFile.statements) {
      if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
        for (const decl of statement.declarationList.declarations) {
          const found = bindingFor(decl.name, exportName, []);
          if (found) return { kind: 'declaration', sourceFile, declaration: variableDeclaration(decl, found) };
        }
      } else if (
        (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
        hasExportModifier(statement)
      ) {
        const isDefault = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
        const name = isDefault ? 'default' : statement.name?.text;
        if (name === exportName) return { kind: 'declaration', sourceFile, declaration: declarationOfNamed(statement) };
      } else if (ts.isExportDeclaration(statement)) {
        const specifier = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
        const clause = statement.exportClause;
        if (!clause) {
          // export * from '...'
          if (specifier && !fromStar) {
            const moduleApi = this.moduleApi(specifier, sourceFile);
            if (moduleApi?.[0] === '#module') fromStar = this.moduleExport(moduleApi[1], exportName, depth + 1);
            else if (moduleApi) fromStar = { kind: 'api', path: [...moduleApi, exportName] };
          }
          continue;
        }
        if (ts.isNamespaceExport(clause)) {
          if (clause.name.text === exportName && specifier) {
            const moduleApi = this.moduleApi(specifier, sourceFile);
            if (moduleApi) return { kind: 'api', path: moduleApi };
          }
          continue;
        }
        for (const element of clause.elements) {
          if (element.name.text !== exportName) continue;
          const localName = (element.propertyName ?? element.name).text;
          if (specifier) {
            const moduleApi = this.moduleApi(specifier, sourceFile);
            if (!moduleApi) return undefined;
            if (moduleApi[0] === '#module') return this.moduleExport(moduleApi[1], localName, depth + 1);
            return { kind: 'api', path: localName === 'default' ? moduleApi : [...moduleApi, localName] };
          }
          return { kind: 'expression', expression: (element.propertyName ?? element.name) as ts.Identifier, sourceFile };
        }
      } else if (ts.isExportAssignment(statement)) {
        // `export default expr` / `export = expr`
        if (exportName === 'default' || statement.isExportEquals) {
          if (exportName === 'default' || statement.isExportEquals) {
            const target = this.memberOfExported(statement.expression, exportName, sourceFile, !!statement.isExportEquals);
            if (target) return target;
          }
        }
      } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const { left, right } = statement.expression;
        const exported = commonJsExportName(left);
        if (exported === 'default') {
          const target = this.memberOfExported(right, exportName, sourceFile, true);
          if (target) return target;
        } else if (exported === exportName) {
          return { kind: 'expression', expression: right, sourceFile };
        }
      }
    }
    return fromStar;
  }

  /** `module.exports = X` / `export = X`: X is the namespace; named imports read its members. */
  private memberOfExported(expression: ts.Expression, exportName: string, sourceFile: ts.SourceFile, isNamespace: boolean): ExportTarget | undefined {
    if (!isNamespace || exportName === 'default' || exportName === '*') return { kind: 'expression', expression, sourceFile };
    const inner = skipOuterExpressions(expression);
    if (ts.isObjectLiteralExpression(inner)) {
      for (const property of inner.properties) {
        if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === exportName) {
          return { kind: 'expression', expression: property.initializer, sourceFile };
        }
        if (ts.isShorthandPropertyAssignment(property) && property.name.text === exportName) {
          return { kind: 'expression', expression: property.name, sourceFile };
        }
      }
      return undefined;
    }
    const api = this.resolver.resolveApi(inner);
    if (api) return { kind: 'api', path: [...api, exportName] };
    return undefined;
  }

  /** Whether an identifier is bound to one of the project's own modules (`import * as x from './x'`, `require('./x')`). */
  isProjectModule(identifier: ts.Identifier): boolean {
    // Asked for every `x.method()` in a file: a file that names no relative module answers at once.
    if (!mentionsRelativeModule(identifier.getSourceFile())) return false;
    const declaration = this.resolver.findDeclaration(identifier);
    if (!declaration) return false;
    if (declaration.kind === 'import') return declaration.module.startsWith('.');
    if (declaration.kind === 'variable' && declaration.path.length === 0 && declaration.node.initializer) {
      const init = skipOuterExpressions(declaration.node.initializer);
      return ts.isCallExpression(init) && (requiredModule(init, this.resolver)?.startsWith('.') ?? false);
    }
    return false;
  }


  /**
   * Calls of an exported function made by the project's other modules (those `SourceProject`
   * lists as importing its file): `state = makeId()` in `auth.ts` for `makeId` in `ids.ts`.
   */
  callsFromOtherModules(fn: ts.SignatureDeclaration, limit = 64): Array<ts.CallExpression | ts.NewExpression> {
    const name = functionName(fn);
    if (!name || !isExported(fn)) return [];
    const out: Array<ts.CallExpression | ts.NewExpression> = [];
    for (const file of this.project.importersOf(fn.getSourceFile().fileName)) {
      const importer = this.project.getSourceFile(file);
      if (!importer) continue;
      for (const call of fileIndex(importer).callsByName.get(name) ?? []) {
        if (!this.resolver.values(call.expression, 1).some((v) => v.kind === 'function' && v.node === fn)) continue;
        out.push(call);
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  /** `import * as config from './config'`: an object whose members are the module's exports. */
  namespaceObject(fileName: string, via: Origin[]): Value | undefined {
    const sourceFile = this.project.getSourceFile(fileName);
    if (!sourceFile) return undefined;
    const json = fileName.toLowerCase().endsWith('.json') ? jsonExport(sourceFile, 'default') : undefined;
    if (json?.kind === 'expression') return this.resolver.values(json.expression, 1, via)[0];
    return { kind: 'object', members: [{ kind: 'module', fileName }], origin: { sourceFile, node: sourceFile }, via };
  }
}

/** Node modules whose exports the rules care about; `node:` prefixes are stripped. */
export const KNOWN_MODULES = new Set(['crypto', 'tls', 'https', 'http2', 'http', 'process', 'constants', 'util', 'buffer']);

export function builtinModuleName(specifier: string): string | undefined {
  const name = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  if (name === 'crypto/webcrypto') return 'crypto';
  return KNOWN_MODULES.has(name) ? name : undefined;
}

export function globalApi(name: string): ApiPath | undefined {
  switch (name) {
    case 'crypto':
      // The WebCrypto global; Node's module exposes the same `subtle` and `getRandomValues`.
      return ['crypto'];
    case 'globalThis':
    case 'window':
    case 'self':
    case 'global':
      return ['global'];
    case 'process':
    case 'Buffer':
    case 'Object':
    case 'Uint8Array':
    case 'TextEncoder':
    case 'Math':
    case 'require':
      return [name];
    default:
      return undefined;
  }
}

/** Fold the spellings of the same API onto one path. */
export function normalizeApiPath(path: ApiPath): ApiPath | undefined {
  let p = path;
  while (p[0] === 'global' && p.length > 1) {
    const rest = p.slice(1);
    const head = globalApi(rest[0]);
    if (!head || head[0] === 'global') {
      if (head?.[0] === 'global') {
        p = rest;
        continue;
      }
      return undefined;
    }
    p = [...head, ...rest.slice(1)];
  }
  if (p[0] === 'crypto' && p[1] === 'webcrypto') p = ['crypto', ...p.slice(2)];
  if (p[0] === 'buffer' && p[1] === 'Buffer') p = ['Buffer', ...p.slice(2)];
  if (p[0] === 'process' && p[1] === 'default') p = ['process', ...p.slice(2)];
  if (p[0] === 'https' && p[1] === 'globalAgent') p = ['https', 'Agent', 'instance', ...p.slice(2)];
  if (KNOWN_MODULES.has(p[0]) && p[1] === 'default') p = [p[0], ...p.slice(2)];
  return normalizeLibraryPath(p);
}

export function requiredModule(node: ts.CallExpression, scopes: { findDeclaration(identifier: ts.Identifier): Declaration | undefined }): string | undefined {
  const arg = node.arguments[0];
  if (!arg || !ts.isStringLiteralLike(arg)) return undefined;
  const callee = skipOuterExpressions(node.expression);
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return arg.text;
  if (ts.isIdentifier(callee) && callee.text === 'require' && !scopes.findDeclaration(callee)) return arg.text;
  // `module.require('crypto')`
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'require' && ts.isIdentifier(callee.expression) && callee.expression.text === 'module' && !scopes.findDeclaration(callee.expression)) return arg.text;
  return undefined;
}

/** A relative module specifier (`from './x'`, `require('../y')`, `import('./z')`) anywhere in a text. */
const RELATIVE_SPECIFIER = /(?:\bfrom|\brequire\s*\(|\bimport\s*\()\s*['"`]\.\.?\//;
const RELATIVE_SPECIFIERS = /(?:\bfrom|\brequire\s*\(|\bimport\s*\()\s*(['"`])(\.\.?\/[^'"`\n]{0,512})\1/g;

/** The relative module specifiers a text names (`from './x'`, `require('../y')`, `import('./z')`). */
export function relativeSpecifiers(text: string): string[] {
  if (!RELATIVE_SPECIFIER.test(text)) return [];
  return [...new Set(Array.from(text.matchAll(RELATIVE_SPECIFIERS), (m) => detached(m[2])))];
}

/**
 * A copy of a string cut from a file's text. V8 keeps a substring as a slice of its parent, so a
 * name kept in a cache would keep the whole file's text alive with it.
 */
export function detached(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

const relativeModuleMentions = new WeakMap<ts.SourceFile, boolean>();

/** Whether the file's text has any relative module specifier (`from './x'`, `require("../y")`, `import('./z')`). */
export function mentionsRelativeModule(sourceFile: ts.SourceFile): boolean {
  let mentions = relativeModuleMentions.get(sourceFile);
  if (mentions === undefined) relativeModuleMentions.set(sourceFile, (mentions = RELATIVE_SPECIFIER.test(sourceFile.text)));
  return mentions;
}

/** A JSON module's default export is its value; named imports read its top-level properties. */
export function jsonExport(sourceFile: ts.SourceFile, exportName: string): ExportTarget | undefined {
  const statement = sourceFile.statements[0];
  if (!statement || !ts.isExpressionStatement(statement)) return undefined;
  const value = statement.expression;
  if (exportName === 'default' || exportName === '*') return { kind: 'expression', expression: value, sourceFile };
  if (!ts.isObjectLiteralExpression(value)) return undefined;
  for (const property of value.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === exportName) return { kind: 'expression', expression: property.initializer, sourceFile };
  }
  return undefined;
}

const exportedNamesByFile = new WeakMap<ts.SourceFile, Set<string>>();

/**
 * The local names a module exports (`export function f`, `export { f }`, `export default f`,
 * `module.exports = { f }`, `exports.f = f`), built once per tree.
 */
function exportedNames(sourceFile: ts.SourceFile): Set<string> {
  let names = exportedNamesByFile.get(sourceFile);
  if (names) return names;
  names = new Set();
  const addExpression = (expression: ts.Expression) => {
    const inner = skipOuterExpressions(expression);
    if (ts.isIdentifier(inner)) names!.add(inner.text);
    if (ts.isObjectLiteralExpression(inner)) {
      for (const property of inner.properties) {
        if (ts.isShorthandPropertyAssignment(property)) names!.add(property.name.text);
        else if (ts.isPropertyAssignment(property) && ts.isIdentifier(skipOuterExpressions(property.initializer))) names!.add((skipOuterExpressions(property.initializer) as ts.Identifier).text);
      }
    }
  };
  for (const statement of sourceFile.statements) {
    if (hasExportModifier(statement)) {
      if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.add(statement.name.text);
      if (ts.isVariableStatement(statement)) for (const decl of statement.declarationList.declarations) if (ts.isIdentifier(decl.name)) names.add(decl.name.text);
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.add((element.propertyName ?? element.name).text);
    } else if (ts.isExportAssignment(statement)) {
      addExpression(statement.expression);
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      if (isModuleExports(statement.expression.left)) addExpression(statement.expression.right);
    }
  }
  exportedNamesByFile.set(sourceFile, names);
  return names;
}

/**
 * The name a CommonJS assignment target exports under: `default` for `module.exports`, `x` for
 * `exports.x` and `module.exports.x`; undefined for anything else.
 */
export function commonJsExportName(target: ts.Expression): string | undefined {
  const node = skipOuterExpressions(target);
  if (!ts.isPropertyAccessExpression(node)) return undefined;
  const base = skipOuterExpressions(node.expression);
  if (ts.isIdentifier(base)) return base.text === 'module' && node.name.text === 'exports' ? 'default' : base.text === 'exports' ? node.name.text : undefined;
  const isModuleExports = ts.isPropertyAccessExpression(base) && ts.isIdentifier(base.expression) && base.expression.text === 'module' && base.name.text === 'exports';
  return isModuleExports ? node.name.text : undefined;
}

function isModuleExports(node: ts.Expression): boolean {
  return commonJsExportName(node) !== undefined;
}

/**
 * Whether code outside the module can call the function: it is exported by name, assigned to
 * `exports.x` / `module.exports`, a method of an exported class or object, or a default export.
 */
export function isExported(fn: ts.SignatureDeclaration): boolean {
  const sourceFile = fn.getSourceFile();
  const names = exportedNames(sourceFile);
  if (ts.isFunctionDeclaration(fn)) return hasExportModifier(fn) || (!!fn.name && names.has(fn.name.text));
  const holder = fn.parent;
  if (!holder) return false;
  if (ts.isVariableDeclaration(holder)) return ts.isIdentifier(holder.name) && (names.has(holder.name.text) || hasExportModifier(holder.parent.parent));
  if (ts.isBinaryExpression(holder) && holder.right === fn) return isModuleExports(holder.left);
  if (ts.isExportAssignment(holder)) return true;
  if (ts.isClassLike(holder)) return !!holder.name && (names.has(holder.name.text) || hasExportModifier(holder));
  const literal = ts.isObjectLiteralExpression(holder) ? holder : ts.isPropertyAssignment(holder) && ts.isObjectLiteralExpression(holder.parent) ? holder.parent : undefined;
  if (literal) {
    const owner = literal.parent;
    if (ts.isVariableDeclaration(owner)) return ts.isIdentifier(owner.name) && (names.has(owner.name.text) || hasExportModifier(owner.parent.parent));
    if (ts.isBinaryExpression(owner)) return isModuleExports(owner.left);
    return ts.isExportAssignment(owner);
  }
  return false;
}
