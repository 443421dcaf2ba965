import type { ts } from './typescript';
import type { SourceSpan } from './types';

export function spanOfRange(sourceFile: ts.SourceFile, start: number, end: number): SourceSpan {
  const s = sourceFile.getLineAndCharacterOfPosition(start);
  const e = sourceFile.getLineAndCharacterOfPosition(end);
  return { file: sourceFile.fileName, start, end, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}
