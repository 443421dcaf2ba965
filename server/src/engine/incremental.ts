import { ts } from './typescript';
import { fixStyleOf } from './fixes';
import type { ReadLog, SourceProject } from './project';
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
interface StatementRecord {
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
  /** The changed text holds a line break, before or after the edit: the lines after it may start elsewhere. */
  breaksLines: boolean;
}

export function textChange(oldText: string, newText: string): TextChange {
  const shorter = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < shorter && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  const oldEnd = oldText.length - suffix;
  const newEnd = newText.length - suffix;
  return { start: prefix, oldEnd, newEnd, breaksLines: hasLineBreak(oldText, prefix, oldEnd) || hasLineBreak(newText, prefix, newEnd) };
}

function hasLineBreak(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/**
 * For each new statement, the old statement it is unchanged from (same kind, same span once moved,
 * entirely outside the changed text), or undefined: it is new or edited.
 */
function matchStatements(previous: readonly StatementRecord[], statements: readonly ts.Statement[], change: TextChange): Array<StatementRecord | undefined> {
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
function statementsToRun(names: readonly StatementNames[], edited: readonly number[], removedNames: readonly StatementNames[]): Set<number> {
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

/** What is kept of a file's last analysis for its next version. */
export interface RetainedRun {
  text: string;
  /** The analysis options, as JSON: other options, another analysis. */
  optionsKey: string;
  /** What the analysis read of other files (texts, module resolutions): the next one must see the same. */
  reads: ReadLog;
  moduleIndicator: boolean;
  fixStyle: string;
  statements: StatementRecord[];
}

/** How the next version of a file is analysed: the statements that run, and the findings carried over for the others. */
export interface ReusePlan {
  /** Indexes of the new version's statements that run. */
  run: Set<number>;
  /** Per statement that does not run: its previous findings, moved. */
  carried: Array<Finding[] | undefined>;
  /** Per statement of the new version: its names (kept from the previous version where it is unchanged). */
  names: StatementNames[];
}

/** What to keep of an analysis whose statements had these names and findings. */
export function retainedRun(sourceFile: ts.SourceFile, optionsKey: string, reads: ReadLog, names: readonly StatementNames[], findings: ReadonlyArray<Finding[]>): RetainedRun {
  return {
    text: sourceFile.text,
    optionsKey,
    reads,
    moduleIndicator: ts.isExternalModule(sourceFile),
    fixStyle: fixStyleOf(sourceFile),
    statements: sourceFile.statements.map((statement, i) => ({ pos: statement.pos, end: statement.end, kind: statement.kind, names: names[i], findings: findings[i] })),
  };
}

/**
 * Which statements of the new version must run, and the moved findings of the others; undefined
 * when nothing can be carried over (other options, another file read differently, a module
 * that became a script).
 */
export function planReuse(previous: RetainedRun, sourceFile: ts.SourceFile, optionsKey: string, project: SourceProject): ReusePlan | undefined {
  if (previous.optionsKey !== optionsKey || previous.moduleIndicator !== ts.isExternalModule(sourceFile)) return undefined;
  if (!project.readsStillHold(previous.reads)) return undefined;
  const change = textChange(previous.text, sourceFile.text);
  const statements = sourceFile.statements;
  const matched = matchStatements(previous.statements, statements, change);
  const used = new Set(matched);
  const removed = previous.statements.filter((record) => !used.has(record));
  const names = statements.map((statement, i) => matched[i]?.names ?? statementNames(statement));
  const edited = statements.flatMap((_, i) => (matched[i] ? [] : [i]));
  const run = statementsToRun(names, edited, removed.map((record) => record.names));
  // A finding is carried only if nothing it points at was edited: its own spans, related places
  // and fix edits (in old offsets) clear of every changed statement. A fix names an API by the
  // file's imports (`crypto.createHash` or `createHash`, adding an import when needed) and in
  // the file's style (`fixStyleOf`), so a statement with findings runs again when either changed
  // (a finding without a fix may get one too, so any finding counts).
  const fixesMayDiffer =
    previous.fixStyle !== fixStyleOf(sourceFile) || removed.some((record) => isImportLike(record.kind, record.names)) || edited.some((i) => isImportLike(statements[i].kind, names[i]));
  const file = sourceFile.fileName;
  const untouched = (finding: Finding) => sameFileOffsets(finding, file).every((offset) => !removed.some((record) => offset >= record.pos && offset <= record.end));
  const carried: Array<Finding[] | undefined> = statements.map(() => undefined);
  for (let i = 0; i < statements.length; i++) {
    if (run.has(i)) continue;
    const { findings } = matched[i]!;
    if (findings.length > 0 && (fixesMayDiffer || !findings.every(untouched))) run.add(i);
    else carried[i] = findings.map((finding) => moveFinding(finding, change, sourceFile));
  }
  return { run, carried, names };
}

/** Imports, `require` statements and export lists: what a fix that adds an import reads (`nodeCryptoReferences`). */
function isImportLike(kind: ts.SyntaxKind, names: StatementNames): boolean {
  return (
    kind === ts.SyntaxKind.ImportDeclaration ||
    kind === ts.SyntaxKind.ImportEqualsDeclaration ||
    kind === ts.SyntaxKind.ExportDeclaration ||
    kind === ts.SyntaxKind.ExportAssignment ||
    (kind === ts.SyntaxKind.VariableStatement && names.mentions.has('require'))
  );
}

/** Every offset of the finding in its own file: its span, related places, fix edits. */
function sameFileOffsets(finding: Finding, file: string): number[] {
  const offsets = [finding.start, finding.end];
  for (const r of finding.related) if (r.file === file) offsets.push(r.start, r.end);
  for (const fix of finding.fixes) for (const edit of fix.edits) if (edit.file === file) offsets.push(edit.start, edit.end);
  return offsets;
}

/**
 * A previous version's finding in the new text, none of whose same-file offsets is inside the
 * changed text: those offsets moved past the edit, lines and columns recomputed. A finding that
 * nothing moved is returned as it is (the same object).
 */
function moveFinding(finding: Finding, change: TextChange, sourceFile: ts.SourceFile): Finding {
  const file = sourceFile.fileName;
  // Same length and no line break in the changed text: every offset, line and column after it is where it was.
  const nothingMoves = change.newEnd === change.oldEnd && !change.breaksLines;
  if (nothingMoves || sameFileOffsets(finding, file).every((offset) => offset <= change.start)) return finding;
  const delta = change.newEnd - change.oldEnd;
  const move = (offset: number) => (offset <= change.start ? offset : offset + delta);
  const moveSpan = (span: SourceSpan) => spanOfRange(sourceFile, move(span.start), move(span.end));
  return {
    ...finding,
    ...moveSpan(finding),
    related: finding.related.map((r) => (r.file === file ? { ...moveSpan(r), message: r.message } : r)),
    fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => (edit.file === file ? { ...edit, start: move(edit.start), end: move(edit.end) } : edit)) })),
  };
}
