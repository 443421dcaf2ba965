import { isIsoDate, type Finding } from './types';
import type { ts } from './typescript';
import { lineStartsOf, position, spanOfRange } from './spans';

/**
 * Reviewed exceptions, written in the code so that they travel with it:
 *
 *   // fipslint-disable-next-line <rule>[, <rule>] [until YYYY-MM-DD] -- <reason>
 *   /* fipslint-disable <rule> [until YYYY-MM-DD] -- <reason> *\/ … /* fipslint-enable [<rule>] *\/
 *
 * Both also work in the other comment style. The reason is required: a directive without one
 * suppresses nothing and is itself reported, so every exception says why. After its `until`
 * date (compared with the analysis date, `asOf`) a directive stops suppressing and says so; one
 * that suppresses nothing is reported as unused. No rules named means every rule.
 */
export const SUPPRESSION_ID = 'fipslint-suppression';

const DIRECTIVE = /(\/\/|\/\*)[ \t]*fipslint-(disable-next-line|disable|enable)(?![\w-])([^\n]*)/g;
const UNTIL = /(?:^|[\s,(])until[\s:]+(\S+?)\)?(?=[\s,]|$)/;

export type SuppressionKind = 'next-line' | 'block';

export interface Suppression {
  kind: SuppressionKind;
  /** 1-based line of the directive; a next-line directive covers `line + 1`. */
  line: number;
  start: number;
  end: number;
  rules: string[];
  reason: string;
  /** `until` date as written (YYYY-MM-DD), when there is one. */
  until?: string;
  /** For a block: where its `fipslint-enable` starts (undefined: the end of the file). */
  blockEnd?: number;
}

/** What became of a directive in one analysis, for `--list-suppressions` and the auditor. */
export type SuppressionStatus = 'active' | 'unused' | 'expired' | 'no-reason' | 'invalid';

export interface SuppressionRecord extends Suppression {
  status: SuppressionStatus;
  /** Findings it suppressed. */
  suppressed: number;
}

interface EnableDirective {
  start: number;
  end: number;
  line: number;
  rules: string[];
}

export function parseSuppressions(text: string): Suppression[] {
  return parseDirectives(text).suppressions;
}

function parseDirectives(text: string): { suppressions: Suppression[]; strayEnables: EnableDirective[] } {
  const suppressions: Suppression[] = [];
  const strayEnables: EnableDirective[] = [];
  if (!text.includes('fipslint-')) return { suppressions, strayEnables };
  let lineStarts: number[] | undefined;
  const open: Suppression[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    let body = match[3];
    let end = match.index! + match[0].length;
    if (match[1] === '/*') {
      const close = body.indexOf('*/');
      if (close < 0) continue;
      end -= body.length - close - 2;
      body = body.slice(0, close);
    }
    lineStarts ??= lineStartsOf(text);
    const line = position(lineStarts, match.index!).line;
    const [head, ...reasonParts] = body.split(/\s--\s?|^--\s?/);
    let reason = reasonParts.join(' -- ').trim();
    let rulePart = head;
    let until: string | undefined;
    const inHead = UNTIL.exec(rulePart);
    if (inHead) {
      until = inHead[1];
      rulePart = rulePart.slice(0, inHead.index) + rulePart.slice(inHead.index + inHead[0].length);
    } else {
      const inReason = UNTIL.exec(reason);
      if (inReason && inReason.index + inReason[0].length >= withoutTrailing(reason, ' .)').length) {
        until = inReason[1];
        reason = withoutTrailing(reason.slice(0, inReason.index), ' ,(').trim();
      }
    }
    const rules = rulePart.split(/[\s,]+/).filter(Boolean);
    if (match[2] === 'enable') {
      const closing = open.filter((d) => rules.length === 0 || d.rules.length === 0 || d.rules.some((r) => rules.includes(r)));
      if (closing.length === 0) strayEnables.push({ start: match.index!, end, line, rules });
      for (const directive of closing) {
        directive.blockEnd = match.index!;
        open.splice(open.indexOf(directive), 1);
      }
      continue;
    }
    const directive: Suppression = { kind: match[2] === 'disable' ? 'block' : 'next-line', line, start: match.index!, end, rules, reason, ...(until ? { until } : {}) };
    suppressions.push(directive);
    if (directive.kind === 'block') open.push(directive);
  }
  return { suppressions, strayEnables };
}

/**
 * `text` without the trailing run of `chars` (and whitespace). A loop, not `replace(/[...]+$/)`:
 * that regex retries from every position of a long run that is not at the end, which is quadratic
 * in the length of the comment (100,000 spaces and a letter took 5 s).
 */
function withoutTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && (chars.includes(text[end - 1]) || /\s/.test(text[end - 1]))) end--;
  return text.slice(0, end);
}

function covers(directive: Suppression, finding: Finding): boolean {
  if (directive.rules.length > 0 && !directive.rules.includes(finding.ruleId)) return false;
  if (directive.kind === 'next-line') return finding.line === directive.line + 1;
  return finding.start >= directive.end && (directive.blockEnd === undefined || finding.start < directive.blockEnd);
}

/**
 * Drop the findings a valid directive covers, and add a finding for each directive that has no
 * reason, names an unknown rule, has expired or a malformed date, or suppresses nothing.
 */
export function applySuppressions(
  findings: Finding[],
  sourceFile: ts.SourceFile,
  knownRules: ReadonlySet<string>,
  asOf: string,
): { findings: Finding[]; suppressions: SuppressionRecord[] } {
  const { suppressions: directives, strayEnables } = parseDirectives(sourceFile.text);
  if (directives.length === 0 && strayEnables.length === 0) return { findings, suppressions: [] };
  const records: SuppressionRecord[] = directives.map((d) => {
    const status: SuppressionStatus = !d.reason ? 'no-reason' : d.until !== undefined && !isIsoDate(d.until) ? 'invalid' : d.until !== undefined && d.until < asOf ? 'expired' : 'active';
    return { ...d, status, suppressed: 0 };
  });
  const kept = findings.filter((finding) => {
    const record = records.find((r) => r.status === 'active' && covers(r, finding));
    if (!record) return true;
    record.suppressed++;
    return false;
  });
  const problems: Finding[] = [];
  const report = (start: number, end: number, message: string) =>
    problems.push({ ruleId: SUPPRESSION_ID, category: 'suppression', severity: 'warning', message, ...spanOfRange(sourceFile, start, end), related: [], fixes: [] });
  for (const record of records) {
    const name = record.kind === 'block' ? 'fipslint-disable' : 'fipslint-disable-next-line';
    const unknown = record.rules.filter((r) => !knownRules.has(r));
    if (record.status === 'no-reason') report(record.start, record.end, `This ${name} has no reason, so it suppresses nothing: write why after " -- ", for the auditor.`);
    else if (record.status === 'invalid') report(record.start, record.end, `This ${name} has until ${record.until}, which is not a date (YYYY-MM-DD), so it suppresses nothing.`);
    else if (record.status === 'expired') {
      const hidden = findings.filter((f) => covers(record, f)).length;
      report(record.start, record.end, `This ${name} expired on ${record.until}, so it no longer suppresses${hidden ? ` (${hidden} finding${hidden === 1 ? '' : 's'} reported again)` : ''}: fix the code, or review the exception and give it a new date.`);
    } else if (unknown.length) report(record.start, record.end, `This suppression names unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}.`);
    else if (record.suppressed === 0) {
      record.status = 'unused';
      const where = record.kind === 'block' ? 'in its range' : 'on the next line';
      report(record.start, record.end, `This suppression suppresses nothing: no ${record.rules.join(', ') || 'fipslint'} finding ${where}. Remove it.`);
    }
  }
  for (const enable of strayEnables) report(enable.start, enable.end, 'This fipslint-enable has no fipslint-disable before it to end.');
  return { findings: [...kept, ...problems].sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId)), suppressions: records };
}
