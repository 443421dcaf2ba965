import type { ts } from './typescript';
import type { SourceSpan } from './types';

/**
 * Line starts as LSP and editors count lines: after `\n`, `\r\n` and a lone `\r`. TypeScript's
 * own line map also breaks at U+2028 and U+2029, which would put a finding on the wrong line in a
 * file that has one in a string or comment. Computed once per tree.
 */
const lineStartsByFile = new WeakMap<ts.SourceFile, number[]>();

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function lineStarts(sourceFile: ts.SourceFile): number[] {
  let starts = lineStartsByFile.get(sourceFile);
  if (!starts) lineStartsByFile.set(sourceFile, (starts = lineStartsOf(sourceFile.text)));
  return starts;
}

/** 1-based line and column (UTF-16 code units) of an offset, given `lineStartsOf` the text. */
export function position(starts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

export function spanOfRange(sourceFile: ts.SourceFile, start: number, end: number): SourceSpan {
  const starts = lineStarts(sourceFile);
  const s = position(starts, start);
  const e = position(starts, end);
  return { file: sourceFile.fileName, start, end, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}
