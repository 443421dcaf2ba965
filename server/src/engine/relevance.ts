import { ts } from './typescript';
import { skipOuterExpressions } from './file-index';
import { libraryModulePath } from './libraries';
import { commonJsExportName, detached, relativeSpecifiers } from './resolve/modules';
import { accessChain } from './resolve/objects';
import { boundIdentifiers } from './resolve/scopes';

/**
 * Which of a module's exports can lead to crypto: the functions and values whose own text
 * mentions a crypto or TLS word (`createHash`, `rejectUnauthorized`...), those that name such a
 * function of the same module, and those re-exported from another module where they are such.
 *
 * The engine skips a file that mentions no crypto word without parsing it. A file that calls a
 * wrapper of another module (`digest('md5', data)`) mentions none itself, so it is parsed when it
 * names one of these exports: the rest, most of a large project, stays skipped.
 */

/** What reach needs from the project: texts, trees and module resolution, with the cache it keeps. */
export interface ReachHost {
  readText(fileName: string): string | undefined;
  getSourceFile(fileName: string): ts.SourceFile | undefined;
  resolveRelativeModule(fromFile: string, specifier: string): string | undefined;
}

/** How many modules deep a re-export or a wrapper of a wrapper is followed. */
const MAX_MODULE_HOPS = 4;
/** Larger modules are bundles or generated code, not the helpers a caller wraps crypto in: not parsed to find out. */
const MAX_MODULE_CHARS = 256 * 1024;

export class CryptoReach {
  /** Per module: its exports that can lead to crypto (`default` for a default export or `module.exports = f`). */
  private readonly exports = new Map<string, ReadonlySet<string>>();
  /** Per file the engine has seen: whether its text mentions crypto, and the modules it imports (saves reading it again). */
  private readonly seen = new Map<string, { mentions: boolean; specifiers: string[] }>();

  constructor(
    private readonly host: ReachHost,
    private readonly relevant: RegExp,
  ) {}

  /** Forgets what depends on a file's text (all files without one): its own facts, and every module's verdict, which may rest on it. */
  clear(fileName?: string): void {
    this.exports.clear();
    if (fileName === undefined) this.seen.clear();
    else this.seen.delete(fileName);
  }

  /** What the engine learnt of a file's text while pre-checking it: a later question about the file needs no read. */
  note(fileName: string, mentions: boolean, text: string): void {
    this.seen.set(fileName, { mentions, specifiers: relativeSpecifiers(text) });
  }

  /** The relative specifiers of a file the engine has seen, without reading it again; undefined for one it has not. */
  specifiersOf(fileName: string): readonly string[] | undefined {
    return this.seen.get(fileName)?.specifiers;
  }

  /** Whether a file that mentions no crypto word (and was noted) names an export of a project module that can lead to crypto. */
  namesRelevantExport(fileName: string, text: string): boolean {
    for (const specifier of this.seen.get(fileName)?.specifiers ?? relativeSpecifiers(text)) {
      const target = this.host.resolveRelativeModule(fileName, specifier);
      if (!target || target === fileName) continue;
      for (const name of this.relevantExports(target, 0)) {
        if (name === 'default' || name === '*' || mentionsWord(text, name)) return true;
      }
    }
    return false;
  }

  /** The exports of a module that can lead to crypto (`*`: all of them, for a JSON module that mentions crypto). */
  relevantExports(fileName: string, hops = 0): ReadonlySet<string> {
    const known = this.exports.get(fileName);
    if (known) return known;
    this.exports.set(fileName, EMPTY); // import cycles end here
    const found = this.compute(fileName, hops);
    this.exports.set(fileName, found);
    return found;
  }

  private compute(fileName: string, hops: number): ReadonlySet<string> {
    const noted = this.seen.get(fileName);
    const text = noted?.mentions === false ? undefined : this.host.readText(fileName);
    if (!noted && text === undefined) return EMPTY;
    if (text !== undefined && text.length > MAX_MODULE_CHARS) return EMPTY;
    const mentions = noted ? noted.mentions : this.relevant.test(text!);
    if (fileName.toLowerCase().endsWith('.json')) return mentions ? ALL : EMPTY;
    // Names other modules of the project export to this one that can lead to crypto.
    const imported = new Map<string, ReadonlySet<string>>();
    if (hops < MAX_MODULE_HOPS) {
      for (const specifier of noted ? noted.specifiers : relativeSpecifiers(text!)) {
        const target = this.host.resolveRelativeModule(fileName, specifier);
        if (target && target !== fileName) {
          const names = this.relevantExports(target, hops + 1);
          if (names.size > 0) imported.set(specifier, names);
        }
      }
    }
    // A module that mentions no crypto word and imports nothing that leads to crypto leads nowhere: no parse.
    if (!mentions && imported.size === 0) return EMPTY;
    const sourceFile = this.host.getSourceFile(fileName);
    if (!sourceFile) return EMPTY;
    return exportsLeadingToCrypto(sourceFile, this.relevant, imported);
  }
}

/** A module whose APIs the rules know: Node's crypto and TLS modules, and the libraries (`crypto-js`, `pg`, `jsonwebtoken`...). */
function isCryptoModule(specifier: string, relevant: RegExp): boolean {
  return !specifier.startsWith('.') && (relevant.test(specifier) || libraryModulePath(specifier) !== undefined);
}

const EMPTY: ReadonlySet<string> = new Set();
const ALL: ReadonlySet<string> = new Set(['*']);

function mentionsWord(text: string, name: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(name, from);
    if (at < 0) return false;
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at + name.length);
    if (!isIdentifierChar(before) && !isIdentifierChar(after)) return true;
    from = at + 1;
  }
}

function isIdentifierChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 36 || code === 95;
}

/**
 * The module's top-level declarations whose text leads to crypto (mentions a crypto word, a
 * relevant name imported from another module, or another such declaration of the module), and the
 * names under which the module exports them.
 */
function exportsLeadingToCrypto(sourceFile: ts.SourceFile, relevant: RegExp, imported: ReadonlyMap<string, ReadonlySet<string>>): ReadonlySet<string> {
  /** Top-level names and the code that defines them. */
  const definitions = new Map<string, ts.Node[]>();
  const define = (name: string, node: ts.Node) => {
    const list = definitions.get(name);
    if (list) list.push(node);
    else definitions.set(name, [node]);
  };
  /** Exported name → local name (or `undefined` when the export is an expression defined in place). */
  const exported: Array<{ name: string; local?: string; node?: ts.Node }> = [];
  const exportExpression = (name: string, expression: ts.Expression) => {
    let inner = skipOuterExpressions(expression);
    // `module.exports = util` with `const util = { ... }`: the object's members are what importers call.
    if (ts.isIdentifier(inner) && name === 'default') inner = objectLiteralOf(sourceFile, inner.text) ?? inner;
    if (ts.isIdentifier(inner)) exported.push({ name, local: inner.text });
    else if (ts.isClassExpression(inner)) return;
    else if (ts.isObjectLiteralExpression(inner) && name === 'default') {
      for (const property of inner.properties) {
        if (ts.isShorthandPropertyAssignment(property)) exported.push({ name: property.name.text, local: property.name.text });
        else if ((ts.isPropertyAssignment(property) || ts.isMethodDeclaration(property)) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
          const initializer = ts.isPropertyAssignment(property) ? skipOuterExpressions(property.initializer) : undefined;
          if (initializer && ts.isIdentifier(initializer)) exported.push({ name: property.name.text, local: initializer.text });
          else exported.push({ name: property.name.text, node: property });
        }
      }
    } else exported.push({ name, node: expression });
  };
  const localImports = new Map<string, boolean>();
  for (const statement of sourceFile.statements) {
    const isExported = ts.canHaveModifiers(statement) && !!ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = ts.canHaveModifiers(statement) && !!ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    // Classes are not followed into (their instances' methods are not), so they lead nowhere here.
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      define(statement.name.text, statement);
      if (isExported) exported.push({ name: isDefault ? 'default' : statement.name.text, local: statement.name.text });
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        for (const name of boundNames(declaration.name)) {
          define(name, declaration);
          if (isExported) exported.push({ name, local: name });
        }
        // `const { digest } = require('./hash')`, `const { createHash } = require('crypto')`: a relevant import under a local name.
        const init = declaration.initializer && skipOuterExpressions(declaration.initializer);
        if (init && ts.isCallExpression(init) && init.arguments[0] && ts.isStringLiteralLike(init.arguments[0])) {
          const specifier = init.arguments[0].text;
          const names = imported.get(specifier);
          if (names) for (const name of boundNames(declaration.name)) localImports.set(name, ts.isIdentifier(declaration.name) || names.has(name) || names.has('*'));
          else if (isCryptoModule(specifier, relevant)) for (const name of boundNames(declaration.name)) localImports.set(name, true);
        }
      }
    } else if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.importClause) {
      const specifier = statement.moduleSpecifier.text;
      // `import { createHash } from 'node:crypto'`: every name bound from a crypto module leads to crypto.
      const names = imported.get(specifier) ?? (isCryptoModule(specifier, relevant) ? ALL : undefined);
      if (!names) continue;
      const clause = statement.importClause;
      if (clause.name) localImports.set(clause.name.text, names.has('default') || names.has('*'));
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) localImports.set(bindings.name.text, true);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) localImports.set(element.name.text, names.has((element.propertyName ?? element.name).text) || names.has('*'));
      }
    } else if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? imported.get(statement.moduleSpecifier.text) : undefined;
      if (!clause) {
        // export * from './hash'
        for (const name of from ?? []) if (name !== 'default') exported.push({ name, node: statement });
      } else if (ts.isNamedExports(clause)) {
        for (const element of clause.elements) {
          const local = (element.propertyName ?? element.name).text;
          if (statement.moduleSpecifier) {
            if (from?.has(local) || from?.has('*')) exported.push({ name: element.name.text, node: statement });
          } else exported.push({ name: element.name.text, local });
        }
      } else if (from) {
        exported.push({ name: clause.name.text, node: statement });
      }
    } else if (ts.isExportAssignment(statement)) {
      exportExpression('default', statement.expression);
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const exported = commonJsExportName(statement.expression.left);
      if (exported) exportExpression(exported, statement.expression.right);
      else {
        // `OAuth.nonce = function () {...}`: part of the definition of `OAuth`.
        const chain = accessChain(statement.expression.left);
        const owner = chain && ts.isIdentifier(chain.root) ? chain.root.text : undefined;
        if (owner && definitions.has(owner)) define(owner, statement);
      }
    }
  }

  // Fixpoint: a definition leads to crypto if its code mentions a crypto word, or names something that does.
  const leads = new Set<string>();
  for (const [name, relevantImport] of localImports) if (relevantImport) leads.add(name);
  const code = new Map<ts.Node, { mentions: boolean; names: ReadonlySet<string> }>();
  const reaches = (node: ts.Node) => {
    let facts = code.get(node);
    // Without leading comments: a doc comment that mentions crypto makes nothing call it.
    if (!facts) code.set(node, (facts = { mentions: relevant.test(sourceFile.text.slice(node.getStart(sourceFile), node.end)), names: identifiersIn(node) }));
    return facts.mentions || [...facts.names].some((name) => leads.has(name));
  };
  for (let changed = true, rounds = 0; changed && rounds < 16; rounds++) {
    changed = false;
    for (const [name, nodes] of definitions) {
      if (!leads.has(name) && nodes.some(reaches)) {
        leads.add(name);
        changed = true;
      }
    }
  }
  const out = new Set<string>();
  for (const entry of exported) {
    if (entry.local !== undefined ? leads.has(entry.local) : entry.node && (ts.isExportDeclaration(entry.node) || reaches(entry.node))) out.add(detached(entry.name));
  }
  return out;
}

/** The names a piece of code uses (identifiers, property names included). */
function identifiersIn(node: ts.Node): ReadonlySet<string> {
  const names = new Set<string>();
  const visit = (child: ts.Node): void => {
    if (ts.isIdentifier(child)) names.add(child.text);
    else ts.forEachChild(child, visit);
  };
  visit(node);
  return names;
}

/** The object literal a top-level `const name = { ... }` holds. */
function objectLiteralOf(sourceFile: ts.SourceFile, name: string): ts.ObjectLiteralExpression | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer && skipOuterExpressions(declaration.initializer);
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name && init && ts.isObjectLiteralExpression(init)) return init;
    }
  }
  return undefined;
}

function boundNames(name: ts.BindingName): string[] {
  return boundIdentifiers(name).map((identifier) => identifier.text);
}
