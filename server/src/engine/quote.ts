import { ts } from './typescript';

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/**
 * Source code quoted in a message: one line, comments dropped, whitespace collapsed, at most
 * `max` characters. A callee written over several lines with comments between its parts
 * (`argon2\n  // ok: …\n  .hash`) reads `argon2.hash`.
 */
export function quoteCode(node: ts.Node, sourceFile: ts.SourceFile = node.getSourceFile(), max = 60): string {
  let text: string;
  try {
    // A quote is a few dozen characters: printing a huge node (a whole function) is not worth it.
    text = node.getEnd() - node.getStart(sourceFile) > 2000 ? node.getText(sourceFile).slice(0, 2000) : printer.printNode(ts.EmitHint.Unspecified, node, sourceFile);
  } catch {
    text = node.getText(sourceFile).slice(0, 2000);
  }
  // Property access chains print as written, line breaks included: one line, `a .b` as `a.b`.
  const line = text.replace(/\s+/g, ' ').replace(/ \./g, '.').trim();
  // eslint-disable-next-line no-control-regex
  const clean = line.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
