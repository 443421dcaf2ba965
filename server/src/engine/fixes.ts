import { ts } from './typescript';
import type { Origin, Value } from './resolve';
import type { TextEdit } from './types';

/** Builders for the text edits of fixes. Edits are plain offsets, so the CLI and the server apply them alike. */

export function replaceNode(origin: Origin, newText: string): TextEdit {
  const { node, sourceFile } = origin;
  return { file: sourceFile.fileName, start: node.getStart(sourceFile), end: node.getEnd(), newText };
}

/** The quote the literal is written with; for a computed string, the file's usual quote. */
export function quoteOf(origin: Origin): string {
  const node = origin.node;
  if (ts.isStringLiteral(node)) return origin.sourceFile.text[node.getStart(origin.sourceFile)];
  if (ts.isNoSubstitutionTemplateLiteral(node)) return '`';
  return preferredQuote(origin.sourceFile);
}

/** Code that runs in a browser (it uses `window.` or `document.`), where node:crypto is not there to fix to. */
export function isBrowserCode(sourceFile: ts.SourceFile): boolean {
  return /\b(window|document)\./.test(sourceFile.text);
}

/**
 * What of the whole file fixes are written by: quote style, line ends, browser code. A finding
 * carried over after an edit keeps its fixes only while these are the same.
 */
export function fixStyleOf(sourceFile: ts.SourceFile): string {
  return `${preferredQuote(sourceFile)}|${sourceFile.text.includes('\r\n')}|${isBrowserCode(sourceFile)}`;
}

export function preferredQuote(sourceFile: ts.SourceFile): string {
  const text = sourceFile.text;
  let single = 0;
  let double = 0;
  for (let i = 0; i < text.length && single + double < 200; i++) {
    if (text[i] === "'") single++;
    else if (text[i] === '"') double++;
  }
  return double > single ? '"' : "'";
}

/** Replace a string value where it is written, keeping its quotes. Undefined for values built from pieces. */
export function replaceString(value: Value, newValue: string): TextEdit | undefined {
  if (value.kind !== 'string') return undefined;
  const node = value.origin.node;
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return undefined;
  const quote = quoteOf(value.origin);
  return replaceNode(value.origin, quote + escapeFor(newValue, quote) + quote);
}

/** A replacement name written in the case the code used (`MD5` → `SHA256`, `md5` → `sha256`). */
export function inCaseOf(original: string, replacement: string): string {
  const letters = original.replace(/[^a-z]/gi, '');
  if (letters && letters === letters.toUpperCase()) return replacement.toUpperCase();
  return replacement;
}

function escapeFor(text: string, quote: string): string {
  return text.replace(/\\/g, '\\\\').split(quote).join('\\' + quote);
}

/** Replace a whole expression (`false` → `true`, `1024` → `3072`). */
export function replaceValue(value: Value, newText: string): TextEdit {
  return replaceNode(value.origin, newText);
}

/**
 * Remove a property from an object literal together with its separator and the rest of its line
 * when it stands alone on it, so the object stays well-formed.
 */
export function removeProperty(property: ts.Node, sourceFile: ts.SourceFile): TextEdit {
  const text = sourceFile.text;
  let start = property.getStart(sourceFile);
  let end = property.getEnd();
  const followingComma = text[end] === ',';
  if (followingComma) end++;
  else {
    // Last property: take the comma before it instead.
    let before = start - 1;
    while (before >= 0 && /\s/.test(text[before])) before--;
    if (text[before] === ',') start = before;
  }
  // Whole line: take its indentation and line break too.
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
  if ((lineStart === 0 || text[lineStart - 1] === '\n') && (text[lineEnd] === '\n' || text.startsWith('\r\n', lineEnd))) {
    start = lineStart;
    end = lineEnd + (text[lineEnd] === '\r' ? 2 : 1);
  } else if (followingComma && text[end] === ' ') {
    end++;
  }
  return { file: sourceFile.fileName, start, end, newText: '' };
}

/** Remove a whole statement and its line. */
export function removeStatement(statement: ts.Node, sourceFile: ts.SourceFile): TextEdit {
  const text = sourceFile.text;
  let start = statement.getStart(sourceFile);
  let end = statement.getEnd();
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  if (text.startsWith('\r\n', end)) end += 2;
  else if (text[end] === '\n') end++;
  return { file: sourceFile.fileName, start, end, newText: '' };
}

/**
 * Add a property at the end of an object literal, matching the layout it already has; undefined
 * for a literal without its closing brace (text being typed), where no place is right.
 */
export function insertProperty(objectLiteral: ts.ObjectLiteralExpression, propertyText: string, sourceFile: ts.SourceFile): TextEdit | undefined {
  const properties = objectLiteral.properties;
  const text = sourceFile.text;
  if (text[objectLiteral.getEnd() - 1] !== '}') return undefined;
  if (properties.length === 0) {
    return { file: sourceFile.fileName, start: objectLiteral.getStart(sourceFile) + 1, end: objectLiteral.getEnd() - 1, newText: ` ${propertyText} ` };
  }
  const last = properties[properties.length - 1];
  const lastEnd = last.getEnd();
  const hasTrailingComma = properties.hasTrailingComma;
  const multiline = text.slice(objectLiteral.getStart(sourceFile), objectLiteral.getEnd()).includes('\n');
  if (multiline) {
    const lineStart = text.lastIndexOf('\n', last.getStart(sourceFile)) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const insertAt = hasTrailingComma ? text.indexOf(',', lastEnd) + 1 : lastEnd;
    return { file: sourceFile.fileName, start: insertAt, end: insertAt, newText: `${hasTrailingComma ? '' : ','}${eol}${indent}${propertyText}${hasTrailingComma ? ',' : ''}` };
  }
  return { file: sourceFile.fileName, start: lastEnd, end: lastEnd, newText: `, ${propertyText}` };
}

/**
 * How this file reaches a `node:crypto` export (`createHash`), and the edit that makes it
 * reachable when it is not yet: the existing `import`/`require` of crypto is reused (a namespace
 * or default binding gives `crypto.createHash`, a destructuring gets the name added), else a new
 * import is written in the file's module style after its last import.
 */
export interface CryptoReference {
  text: string;
  /** The import to add, or nothing. */
  edits: TextEdit[];
}

const CRYPTO_MODULES = new Set(['crypto', 'node:crypto']);

export function nodeCryptoReference(sourceFile: ts.SourceFile, name: string): CryptoReference {
  const { texts, edits } = nodeCryptoReferences(sourceFile, [name]);
  return { text: texts[name], edits };
}

/** Several exports at once, so that one import line (or one added name list) brings them all. */
export function nodeCryptoReferences(sourceFile: ts.SourceFile, names: string[]): { texts: Record<string, string>; edits: TextEdit[] } {
  const file = sourceFile.fileName;
  const texts: Record<string, string> = {};
  let lastImportEnd = -1;
  let lastRequireEnd = -1;
  let esm = /\.(ts|tsx|mts|mjs)$/.test(file);
  let namespace: string | undefined;
  /** The end of an existing `{ a, b }` list from crypto, where missing names can be added. */
  let listEnd: number | undefined;
  const known = new Map<string, string>();
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) {
      esm = true;
      lastImportEnd = statement.getEnd();
      if (!ts.isStringLiteral(statement.moduleSpecifier) || !CRYPTO_MODULES.has(statement.moduleSpecifier.text)) continue;
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly) continue;
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) namespace ??= bindings.name.text;
      if (clause.name) namespace ??= clause.name.text;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) if (!element.isTypeOnly) known.set((element.propertyName ?? element.name).getText(sourceFile), element.name.text);
        const last = bindings.elements[bindings.elements.length - 1];
        if (last) listEnd ??= last.getEnd();
      }
    } else if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
      esm = true;
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require') continue;
        if (lastImportEnd < 0) lastRequireEnd = statement.getEnd();
        const specifier = init.arguments[0];
        if (!specifier || !ts.isStringLiteral(specifier) || !CRYPTO_MODULES.has(specifier.text)) continue;
        if (ts.isIdentifier(declaration.name)) namespace ??= declaration.name.text;
        if (ts.isObjectBindingPattern(declaration.name)) {
          const elements = declaration.name.elements;
          for (const element of elements) if (ts.isIdentifier(element.name)) known.set((element.propertyName ?? element.name).getText(sourceFile), element.name.text);
          const last = elements[elements.length - 1];
          if (last && !last.dotDotDotToken) listEnd ??= last.getEnd();
        }
      }
    }
  }
  const missing: string[] = [];
  for (const name of names) {
    const text = known.get(name) ?? (namespace ? `${namespace}.${name}` : undefined);
    if (text) texts[name] = text;
    else {
      texts[name] = name;
      missing.push(name);
    }
  }
  if (missing.length === 0) return { texts, edits: [] };
  if (listEnd !== undefined) return { texts, edits: [{ file, start: listEnd, end: listEnd, newText: missing.map((n) => `, ${n}`).join('') }] };
  const quote = preferredQuote(sourceFile);
  const eol = sourceFile.text.includes('\r\n') ? '\r\n' : '\n';
  const list = missing.join(', ');
  const statement = esm ? `import { ${list} } from ${quote}node:crypto${quote};` : `const { ${list} } = require(${quote}node:crypto${quote});`;
  const after = esm ? lastImportEnd : lastRequireEnd;
  if (after >= 0) return { texts, edits: [{ file, start: after, end: after, newText: eol + statement }] };
  const start = prologueEnd(sourceFile);
  return { texts, edits: [{ file, start, end: start, newText: statement + eol }] };
}

/** Where a new first statement goes: after a shebang, leading comments and a `'use strict'` prologue. */
function prologueEnd(sourceFile: ts.SourceFile): number {
  const first = sourceFile.statements[0];
  if (first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression)) {
    const text = sourceFile.text;
    let end = first.getEnd();
    if (text.startsWith('\r\n', end)) end += 2;
    else if (text[end] === '\n') end++;
    return end;
  }
  return first ? first.getStart(sourceFile) : sourceFile.text.length;
}

/** The name this file binds a package to (`forge` in `import forge from 'node-forge'` or `const forge = require('node-forge')`). */
export function moduleBindingName(sourceFile: ts.SourceFile, module: string): string | undefined {
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === module) {
      const clause = statement.importClause;
      if (clause?.name) return clause.name.text;
      if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) return clause.namedBindings.name.text;
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && ts.isIdentifier(declaration.name)) {
          const specifier = init.arguments[0];
          if (specifier && ts.isStringLiteral(specifier) && specifier.text === module) return declaration.name.text;
        }
      }
    }
  }
  return undefined;
}

/** Insert text right after the last argument of a call (`f(a)` → `f(a, b)`). */
export function appendArguments(call: ts.CallExpression | ts.NewExpression, text: string, sourceFile: ts.SourceFile): TextEdit {
  const args = call.arguments ?? [];
  const last = args[args.length - 1];
  const at = last ? last.getEnd() : call.getEnd() - 1;
  return { file: sourceFile.fileName, start: at, end: at, newText: last ? `, ${text}` : text };
}
