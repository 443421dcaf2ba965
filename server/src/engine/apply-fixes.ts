import type { Finding, Fix, TextEdit } from './types';

/**
 * Apply text edits to one file's text. Edits are applied from the end so offsets stay valid;
 * an edit overlapping one already taken is skipped (the next pass picks it up after re-analysis).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  const applied: TextEdit[] = [];
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit || edit.start > edit.end || edit.end > text.length) continue;
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    applied.push(edit);
    limit = edit.start;
  }
  return { text: result, applied };
}

/** The fix `--fix` and fix-on-save apply for a finding: its preferred fix, when safe and local. */
export function autoFixOf(finding: Finding): Fix | undefined {
  const fix = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
  if (!fix || fix.safety !== 'safe') return undefined;
  return fix.edits.every((e) => e.file === finding.file) ? fix : undefined;
}

/**
 * The fixes that can be applied together: whole fixes only, none touching an edit already taken
 * (an insertion at the edge of a taken range counts as touching). The rest wait for the next pass.
 */
export function nonOverlappingFixes(fixes: readonly Fix[]): Fix[] {
  const taken: Array<[number, number]> = [];
  const chosen: Fix[] = [];
  for (const fix of fixes) {
    const overlaps = fix.edits.some((e) => taken.some(([s, t]) => (e.start < t && s < e.end) || (e.start === e.end && e.start >= s && e.start <= t)));
    if (overlaps) continue;
    for (const e of fix.edits) taken.push([e.start, e.end]);
    chosen.push(fix);
  }
  return chosen;
}

export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; appliedFixes: number } {
  const chosen = nonOverlappingFixes(fixes);
  return { text: applyEdits(text, chosen.flatMap((f) => f.edits)).text, appliedFixes: chosen.length };
}
