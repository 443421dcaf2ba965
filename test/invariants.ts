import * as assert from 'node:assert/strict';
import { RULES } from '../rules';
import { Engine, SourceProject, applyFixes, defaultAnalysisOptions, type AnalysisOptions, type FileAnalysis } from '../server/src/engine';

/**
 * What must hold for any input, however broken: the engine returns (never throws), no rule
 * fails, every range lies inside the text with line and column matching its offsets (columns in
 * UTF-16 code units, as LSP counts), and every fix applies on its own to text that the engine can
 * analyse again. Shared by the hostile-input corpus and the fuzz test.
 */
export function analyzeChecked(text: string, fileName = '/input/file.ts', overrides: Partial<AnalysisOptions> = {}): FileAnalysis {
  const engine = new Engine(RULES, new SourceProject({ readFile: () => undefined }));
  const options = defaultAnalysisOptions({ asOf: '2026-06-01', ...overrides });
  // The inventory walks the same calls with its own listeners: it must survive the same inputs.
  const result = engine.analyze(fileName, text, { ...options, inventory: true });
  assert.deepEqual(result.ruleFailures, [], 'a rule (or the inventory) threw');
  checkRanges(text, result);
  for (const finding of result.findings) {
    for (const fix of finding.fixes) {
      const edits = [...fix.edits].filter((e) => e.file === fileName).sort((a, b) => a.start - b.start);
      for (const [i, edit] of edits.entries()) {
        assert.ok(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length, `fix "${fix.title}" edits outside the text`);
        if (i > 0) assert.ok(edits[i - 1].end <= edit.start || (edits[i - 1].start === edits[i - 1].end && edit.start === edit.end), `fix "${fix.title}" has overlapping edits`);
      }
      const applied = applyFixes(text, [fix]);
      assert.equal(applied.appliedFixes, 1, `fix "${fix.title}" did not apply`);
      const again = engine.analyze(fileName, applied.text, options);
      assert.deepEqual(again.ruleFailures, [], `a rule threw after fix "${fix.title}"`);
      checkRanges(applied.text, again);
    }
  }
  return result;
}

export function checkRanges(text: string, result: FileAnalysis): void {
  // Line breaks as LSP counts them: \r\n, \n and a lone \r (not U+2028/U+2029).
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
  }
  const position = (offset: number) => {
    let line = 0;
    let high = lineStarts.length - 1;
    while (line < high) {
      const mid = (line + high + 1) >> 1;
      if (lineStarts[mid] <= offset) line = mid;
      else high = mid - 1;
    }
    return { line: line + 1, column: offset - lineStarts[line] + 1 };
  };
  for (const finding of result.findings) {
    assert.ok(finding.start >= 0 && finding.start <= finding.end && finding.end <= text.length, `range ${finding.start}-${finding.end} outside a text of ${text.length}`);
    assert.deepEqual({ line: finding.line, column: finding.column }, position(finding.start), `start position of ${finding.ruleId}`);
    assert.deepEqual({ line: finding.endLine, column: finding.endColumn }, position(finding.end), `end position of ${finding.ruleId}`);
    assert.ok(finding.message.length > 0);
  }
  for (const entry of result.inventory ?? []) {
    assert.ok(entry.start >= 0 && entry.start <= entry.end && entry.end <= text.length, `inventory range ${entry.start}-${entry.end} outside a text of ${text.length}`);
    assert.deepEqual({ line: entry.line, column: entry.column }, position(entry.start), `start position of inventory entry ${entry.asset.name}`);
    assert.ok(entry.asset.name.length > 0 && entry.asset.library.length > 0);
  }
}

/** A small seeded generator, so a failing input can be reproduced from the test's seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}
