import { ts } from './typescript';
import { spanOfRange } from './spans';
import type { Finding, SourceSpan } from './types';

/**
 * Reuse between versions of one file (an editor's keystrokes). A file's findings are computed per
 * top-level statement; after an edit, only the statements whose findings can have changed run
 * again, and the others' findings are carried over, moved by the edit's length.
 *
 * Which statements can have changed is decided from names, the way the resolver follows values
 * (it reaches another statement only through a name: a declaration, a write, a call of a declared
 * function, `this.x` and property names):
 * - *changed values*: the edited statements, and every statement that reads a name one of those
 *   declares or writes, transitively (`const B = A` after `A` was edited changes `B`'s readers too);
 * - *re-run*: those, and every statement that declares a name a re-run statement mentions,
 *   transitively (a function's parameters take their values from its callers' arguments, and
 *   its callee's from its own).
 * A statement that only reads a widely used name (`logger`, `crypto`) is not re-run when that
 * name's declaration is. Everything else about the run must be unchanged (options, the other
 * files the previous run read, no limit reached, no rule failure) or the whole file runs again.
 */

/** What one top-level statement declares, mentions, writes and calls, by name. */
export interface StatementNames {
  /** Names the statement binds at the top level (`var`s anywhere outside functions, imports, types). */
  declares: Set<string>;
  /** Every identifier and property name in it, `this`, and string element names (`x['k']`). */
  mentions: Set<string>;
  /** Names written by `=`, `+=`, `++` (identifiers and every name in an assigned access chain). */
  writes: Set<string>;
}

/** One statement of a previous version: where it was, its names, and its findings before merging. */
export interface StatementRecord {
  pos: number;
  end: number;
  kind: ts.SyntaxKind;
  names: StatementNames;
  findings: Finding[];
}

export function statementNames(statement: ts.Statement): StatementNames {
  const names: StatementNames = { declares: new Set(), mentions: new Set(), writes: new Set() };
  collectDeclared(statement, names.declares);
  // Imports mention nothing another statement could change.
  if (ts.isImportDeclaration(statement)) return names;
  const writeTarget = (node: ts.Node) => {
    const note = (n: ts.Node): void => {
      if (ts.isIdentifier(n)) names.writes.add(n.text);
      else if (n.kind === ts.SyntaxKind.ThisKeyword) names.writes.add('this');
      else if (ts.isStringLiteralLike(n)) names.writes.add(n.text);
      ts.forEachChild(n, note);
    };
    note(node);
  };
  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case ts.SyntaxKind.Identifier:
        names.mentions.add((node as ts.Identifier).text);
        break;
      case ts.SyntaxKind.PrivateIdentifier:
        names.mentions.add((node as ts.PrivateIdentifier).text);
        break;
      case ts.SyntaxKind.ThisKeyword:
        names.mentions.add('this');
        break;
      case ts.SyntaxKind.ElementAccessExpression: {
        const argument = (node as ts.ElementAccessExpression).argumentExpression;
        if (ts.isStringLiteralLike(argument)) names.mentions.add(argument.text);
        break;
      }
      case ts.SyntaxKind.PropertyAssignment: {
        const name = (node as ts.PropertyAssignment).name;
        if (ts.isStringLiteralLike(name)) names.mentions.add(name.text);
        break;
      }
      case ts.SyntaxKind.BinaryExpression: {
        const binary = node as ts.BinaryExpression;
        const operator = binary.operatorToken.kind;
        if (operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment) writeTarget(binary.left);
        break;
      }
      case ts.SyntaxKind.PrefixUnaryExpression:
      case ts.SyntaxKind.PostfixUnaryExpression: {
        const unary = node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
        if (unary.operator === ts.SyntaxKind.PlusPlusToken || unary.operator === ts.SyntaxKind.MinusMinusToken) writeTarget(unary.operand);
        break;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return names;
}

/** Top-level bindings: declarations of the statement itself, and `var`s in its blocks outside functions. */
function collectDeclared(node: ts.Node, into: Set<string>): void {
  const bind = (name: ts.BindingName | ts.Identifier | ts.StringLiteral | ts.ModuleName | undefined) => {
    if (!name) return;
    if (ts.isIdentifier(name) || ts.isStringLiteral(name)) into.add(name.text);
    else if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n)) bind(n.name);
    else if (ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) return bind(n.name);
    else if (ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n) || ts.isEnumDeclaration(n) || ts.isModuleDeclaration(n)) return bind(n.name);
    else if (ts.isImportEqualsDeclaration(n)) return bind(n.name);
    else if (ts.isImportDeclaration(n)) {
      const clause = n.importClause;
      bind(clause?.name);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) bind(bindings.name);
      else if (bindings) for (const element of bindings.elements) bind(element.name);
      return;
    }
    // A function's or class's inner declarations are its own; an expression holds none that escape.
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    ts.forEachChild(n, visit);
  };
  visit(node);
}

/** The one changed span of two texts: common prefix and suffix. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
  /** Line breaks added (or, negative, removed) by the edit. */
  lineDelta: number;
}

export function textChange(oldText: string, newText: string): TextChange {
  const shorter = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < shorter && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  const oldEnd = oldText.length - suffix;
  const newEnd = newText.length - suffix;
  return { start: prefix, oldEnd, newEnd, lineDelta: lineBreaks(newText, prefix, newEnd) - lineBreaks(oldText, prefix, oldEnd) };
}

function lineBreaks(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/** Where an offset of the old text is in the new one; undefined inside the changed span. */
export function moveOffset(offset: number, change: TextChange): number | undefined {
  if (offset <= change.start) return offset;
  if (offset >= change.oldEnd) return offset + (change.newEnd - change.oldEnd);
  return undefined;
}

/**
 * For each new statement, the old statement it is unchanged from (same kind, same span once moved,
 * entirely outside the changed text), or undefined: it is new or edited.
 */
export function matchStatements(previous: readonly StatementRecord[], statements: readonly ts.Statement[], change: TextChange): Array<StatementRecord | undefined> {
  const delta = change.newEnd - change.oldEnd;
  const byPos = new Map<number, StatementRecord>();
  for (const record of previous) {
    if (record.end <= change.start) byPos.set(record.pos, record);
    else if (record.pos >= change.oldEnd) byPos.set(record.pos + delta, record);
  }
  return statements.map((statement) => {
    const record = byPos.get(statement.pos);
    if (!record || record.kind !== statement.kind) return undefined;
    const moved = record.pos >= change.oldEnd ? delta : 0;
    return record.end + moved === statement.end ? record : undefined;
  });
}

/**
 * Which of the new statements run again (see the comment at the top). `edited` are the indexes of
 * new statements without an unchanged old one; `removedNames` the names of old statements that
 * have none in the new text.
 */
export function statementsToRun(names: readonly StatementNames[], edited: readonly number[], removedNames: readonly StatementNames[]): Set<number> {
  const changedValues = new Set<number>(edited);
  // Names whose values may differ now: declared or written by a changed statement.
  const changedNames = new Set<string>();
  const addProvided = (n: StatementNames) => {
    for (const name of n.declares) changedNames.add(name);
    for (const name of n.writes) changedNames.add(name);
  };
  for (const n of removedNames) addProvided(n);
  for (const i of edited) addProvided(names[i]);
  // Readers of changed names change in turn, until nothing new is reached.
  for (let grew = true; grew; ) {
    grew = false;
    for (let i = 0; i < names.length; i++) {
      if (changedValues.has(i) || !intersects(names[i].mentions, changedNames)) continue;
      changedValues.add(i);
      addProvided(names[i]);
      grew = true;
    }
  }
  // Declarers of what a re-run statement mentions run again too (callers' arguments flow into them).
  const run = new Set(changedValues);
  const mentioned = new Set<string>();
  for (const n of removedNames) for (const name of n.mentions) mentioned.add(name);
  for (const i of run) for (const name of names[i].mentions) mentioned.add(name);
  for (let grew = true; grew; ) {
    grew = false;
    for (let i = 0; i < names.length; i++) {
      if (run.has(i) || !intersects(names[i].declares, mentioned)) continue;
      run.add(i);
      for (const name of names[i].mentions) mentioned.add(name);
      grew = true;
    }
  }
  return run;
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size > b.size) [a, b] = [b, a];
  for (const name of a) if (b.has(name)) return true;
  return false;
}

/**
 * A previous version's finding in the new text: same-file offsets moved past the edit, lines and
 * columns recomputed. Undefined when any of its same-file spans touches the changed text (the
 * statement then runs again). Unmoved findings are returned as they are (same object).
 */
export function moveFinding(finding: Finding, change: TextChange, sourceFile: ts.SourceFile): Finding | undefined {
  const file = sourceFile.fileName;
  // Nothing after the edit moved (same length, same lines): a finding clear of the changed text is kept as it is.
  const nothingMoves = change.newEnd === change.oldEnd && change.lineDelta === 0;
  if (allBefore(finding, change.start, file) || (nothingMoves && clearOf(finding, change, file))) return finding;
  const span = moveSpan(finding, change, sourceFile);
  if (!span) return undefined;
  const related = [];
  for (const r of finding.related) {
    if (r.file !== file) related.push(r);
    else {
      const moved = moveSpan(r, change, sourceFile);
      if (!moved) return undefined;
      related.push({ ...moved, message: r.message });
    }
  }
  const fixes = [];
  for (const fix of finding.fixes) {
    const edits = [];
    for (const edit of fix.edits) {
      if (edit.file !== file) edits.push(edit);
      else {
        const start = moveOffset(edit.start, change);
        const end = moveOffset(edit.end, change);
        if (start === undefined || end === undefined) return undefined;
        edits.push({ ...edit, start, end });
      }
    }
    fixes.push({ ...fix, edits });
  }
  return { ...finding, ...span, related, fixes };
}

/** Whether every same-file offset of the finding is at or before `offset` (nothing to move). */
function allBefore(finding: Finding, offset: number, file: string): boolean {
  if (finding.end > offset) return false;
  for (const r of finding.related) if (r.file === file && r.end > offset) return false;
  for (const fix of finding.fixes) for (const edit of fix.edits) if (edit.file === file && edit.end > offset) return false;
  return true;
}

/** Whether no same-file offset of the finding is inside the changed text. */
function clearOf(finding: Finding, change: TextChange, file: string): boolean {
  const clear = (offset: number) => offset <= change.start || offset >= change.oldEnd;
  if (!clear(finding.start) || !clear(finding.end)) return false;
  for (const r of finding.related) if (r.file === file && (!clear(r.start) || !clear(r.end))) return false;
  for (const fix of finding.fixes) for (const edit of fix.edits) if (edit.file === file && (!clear(edit.start) || !clear(edit.end))) return false;
  return true;
}

function moveSpan(span: SourceSpan, change: TextChange, sourceFile: ts.SourceFile): SourceSpan | undefined {
  const start = moveOffset(span.start, change);
  const end = moveOffset(span.end, change);
  if (start === undefined || end === undefined) return undefined;
  return spanOfRange(sourceFile, start, end);
}

/** The top-level statement holding a node of the file (binary search over the statements' spans). */
export function statementIndexAt(statements: readonly ts.Statement[], offset: number): number {
  let low = 0;
  let high = statements.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (statements[mid].pos <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
