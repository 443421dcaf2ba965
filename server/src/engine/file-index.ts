import { ts } from './typescript';

/** What the engine and the resolver look up by name in one file. */
export interface FileIndex {
  /** Calls, `new` expressions and `=` assignments, in source order: what rules subscribe to. */
  sites: Array<ts.CallExpression | ts.NewExpression | ts.BinaryExpression>;
  callsByName: Map<string, Array<ts.CallExpression | ts.NewExpression>>;
  assignmentsByName: Map<string, ts.BinaryExpression[]>;
  /** `name: value` properties of object literals, by name (`rejectUnauthorized: false` in any config object). */
  propertiesByName: Map<string, ts.PropertyAssignment[]>;
  /** `a.b.name = value` writes, by the property written (`name`). */
  propertyWritesByName: Map<string, ts.BinaryExpression[]>;
  /** `a.b.name = value` writes, by the variable the access chain starts from (`a`; `this` for `this.x.y = v`). */
  propertyWritesByRoot: Map<string, ts.BinaryExpression[]>;
  /** Identifiers written by `=`, `+=`, `++`..., by name. */
  writes: Map<string, ts.Identifier[]>;
}

const fileIndexes = new WeakMap<ts.SourceFile, FileIndex>();
/**
 * Each top-level statement's part of the index. TypeScript's incremental parser hands an unchanged
 * statement to the new tree as the same object, so after an edit only the new statements are walked.
 */
const statementIndexes = new WeakMap<ts.Statement, FileIndex>();

/**
 * Everything looked up by name in a file, from one walk: the engine dispatches `sites` to the
 * rules; the resolver finds wrappers' call sites, later writes to option objects and
 * reassignments here. The same walk sets each node's `parent`, so files are parsed without
 * TypeScript's own parent pass (a second full walk, a fifth of the parse). A tree never changes
 * (an edit makes a new SourceFile), so the index lives as long as its tree.
 */
export function fileIndex(sourceFile: ts.SourceFile): FileIndex {
  let index = fileIndexes.get(sourceFile);
  if (index) return index;
  index = emptyIndex();
  for (const statement of sourceFile.statements) {
    let part = statementIndexes.get(statement);
    if (part) {
      // A statement carried over from the previous tree: only its own parent is that tree's.
      (statement as { parent: ts.Node }).parent = sourceFile;
    } else {
      part = indexStatement(statement, sourceFile);
      statementIndexes.set(statement, part);
    }
    concatIndex(index, part);
  }
  (sourceFile.endOfFileToken as { parent: ts.Node }).parent = sourceFile;
  fileIndexes.set(sourceFile, index);
  return index;
}

/** A top-level statement's part of its file's index (what `fileIndex` concatenates). */
export function statementIndex(statement: ts.Statement): FileIndex {
  const part = statementIndexes.get(statement);
  if (part) return part;
  fileIndex(statement.getSourceFile());
  return statementIndexes.get(statement)!;
}

function emptyIndex(): FileIndex {
  return { sites: [], callsByName: new Map(), assignmentsByName: new Map(), propertiesByName: new Map(), propertyWritesByName: new Map(), propertyWritesByRoot: new Map(), writes: new Map() };
}

/** Appends a statement's index to the file's, keeping source order. */
function concatIndex(into: FileIndex, part: FileIndex): void {
  for (const site of part.sites) into.sites.push(site);
  concatMap(into.callsByName, part.callsByName);
  concatMap(into.assignmentsByName, part.assignmentsByName);
  concatMap(into.propertiesByName, part.propertiesByName);
  concatMap(into.propertyWritesByName, part.propertyWritesByName);
  concatMap(into.propertyWritesByRoot, part.propertyWritesByRoot);
  concatMap(into.writes, part.writes);
}

function concatMap<V>(into: Map<string, V[]>, part: Map<string, V[]>): void {
  for (const [key, values] of part) {
    const list = into.get(key);
    if (list) for (const value of values) list.push(value);
    else into.set(key, values.slice());
  }
}

function indexStatement(statement: ts.Statement, sourceFile: ts.SourceFile): FileIndex {
  const index = emptyIndex();
  const { sites, callsByName, assignmentsByName, propertiesByName, propertyWritesByName, propertyWritesByRoot, writes } = index;
  const recordWrite = (node: ts.Node) => {
    const target = skipOuterExpressions(node);
    if (ts.isIdentifier(target)) append(writes, target.text, target);
  };
  const visit = (node: ts.Node) => {
    switch (node.kind) {
      case ts.SyntaxKind.CallExpression:
      case ts.SyntaxKind.NewExpression: {
        const call = node as ts.CallExpression | ts.NewExpression;
        sites.push(call);
        const callee = skipOuterExpressions(call.expression);
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
        if (name) append(callsByName, name, call);
        return;
      }
      case ts.SyntaxKind.BinaryExpression: {
        const binary = node as ts.BinaryExpression;
        const operator = binary.operatorToken.kind;
        if (operator < ts.SyntaxKind.FirstAssignment || operator > ts.SyntaxKind.LastAssignment) return;
        recordWrite(binary.left);
        if (operator !== ts.SyntaxKind.EqualsToken) return;
        sites.push(binary);
        const target = skipOuterExpressions(binary.left);
        if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return;
        if (ts.isIdentifier(target.expression) || target.expression.kind === ts.SyntaxKind.ThisKeyword) {
          append(assignmentsByName, ts.isIdentifier(target.expression) ? target.expression.text : 'this', binary);
        }
        const written = ts.isPropertyAccessExpression(target) ? target.name.text : ts.isStringLiteralLike(target.argumentExpression) ? target.argumentExpression.text : undefined;
        if (written !== undefined) append(propertyWritesByName, written, binary);
        const root = chainRoot(target);
        if (root !== undefined) append(propertyWritesByRoot, root, binary);
        return;
      }
      case ts.SyntaxKind.PrefixUnaryExpression: {
        const unary = node as ts.PrefixUnaryExpression;
        if (unary.operator === ts.SyntaxKind.PlusPlusToken || unary.operator === ts.SyntaxKind.MinusMinusToken) recordWrite(unary.operand);
        return;
      }
      case ts.SyntaxKind.PostfixUnaryExpression:
        recordWrite((node as ts.PostfixUnaryExpression).operand);
        return;
      case ts.SyntaxKind.PropertyAssignment: {
        const name = (node as ts.PropertyAssignment).name;
        if (ts.isIdentifier(name) || ts.isStringLiteral(name)) append(propertiesByName, name.text, node as ts.PropertyAssignment);
      }
    }
  };
  // Pre-order and allocation-free. It recurses, but the parser recurses deeper per level than
  // this does, so any tree it managed to build can be walked; a file nested too deeply fails in
  // the parser first, and the engine reports that file instead of crashing.
  let parent: ts.Node = sourceFile;
  const walk = (node: ts.Node): undefined => {
    (node as { parent: ts.Node }).parent = parent;
    visit(node);
    const saved = parent;
    parent = node;
    ts.forEachChild(node, walk);
    parent = saved;
    return undefined;
  };
  walk(statement);
  return index;
}

/** The variable an access chain starts from (`a` in `a.b['c'].d`, `this` in `this.x`); undefined when it starts elsewhere. */
function chainRoot(node: ts.Expression): string | undefined {
  let current = skipOuterExpressions(node);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) current = skipOuterExpressions(current.expression);
  if (ts.isIdentifier(current)) return current.text;
  return current.kind === ts.SyntaxKind.ThisKeyword ? 'this' : undefined;
}

/** Adds to a map of lists in place (copying the list per entry made indexing a large file quadratic). */
export function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Parentheses, `as`, `<T>`, `!` and `satisfies`: wrappers that leave the value as it is. */
export function isOuterExpression(node: ts.Node): node is ts.ParenthesizedExpression | ts.AsExpression | ts.TypeAssertion | ts.NonNullExpression | ts.SatisfiesExpression {
  return ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node);
}

export function skipOuterExpressions(node: ts.Node): ts.Node {
  let current = node;
  while (isOuterExpression(current)) current = current.expression;
  return current;
}
