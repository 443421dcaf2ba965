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

/** Add a property at the end of an object literal, matching the layout it already has. */
export function insertProperty(objectLiteral: ts.ObjectLiteralExpression, propertyText: string, sourceFile: ts.SourceFile): TextEdit {
  const properties = objectLiteral.properties;
  const text = sourceFile.text;
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
