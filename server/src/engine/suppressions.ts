import type { Finding } from './types';
import type { ts } from './typescript';
import { spanOfRange } from './spans';

/**
 * `// fipslint-disable-next-line <rule>[, <rule>] -- <reason>` (or the same in a block comment)
 * suppresses those rules' findings on the next line. The reason is required: a directive without
 * one suppresses nothing and is itself reported, so every exception in the code says why.
 */
export const SUPPRESSION_ID = 'fipslint-suppression';

const DIRECTIVE = /(\/\/|\/\*)[ \t]*fipslint-disable-next-line\b([^\n]*)/g;

export interface Suppression {
  /** 1-based line the directive is on; it covers `line + 1`. */
  line: number;
  start: number;
  end: number;
  rules: string[];
  reason: string;
}

export function parseSuppressions(text: string): Suppression[] {
  const out: Suppression[] = [];
  if (!text.includes('fipslint-disable-next-line')) return out;
  let lineStarts: number[] | undefined;
  for (const match of text.matchAll(DIRECTIVE)) {
    let body = match[2];
    const isBlock = match[1] === '/*';
    let end = match.index! + match[0].length;
    if (isBlock) {
      const close = body.indexOf('*/');
      if (close < 0) continue;
      end = match.index! + match[0].length - (body.length - close - 2);
      body = body.slice(0, close);
    }
    const [rulePart, ...reasonParts] = body.split(/\s--\s?|^--\s?/);
    const reason = reasonParts.join(' -- ').trim();
    const rules = rulePart.split(/[\s,]+/).filter(Boolean);
    lineStarts ??= computeLineStarts(text);
    out.push({ line: lineOf(lineStarts, match.index!), start: match.index!, end: end, rules, reason });
  }
  return out;
}

/**
 * Drop the findings a valid directive covers, and add a finding for each directive that has no
 * reason, names an unknown rule, or suppresses nothing.
 */
export function applySuppressions(findings: Finding[], sourceFile: ts.SourceFile, knownRules: ReadonlySet<string>): Finding[] {
  const directives = parseSuppressions(sourceFile.text);
  if (directives.length === 0) return findings;
  const used = new Set<Suppression>();
  const kept = findings.filter((finding) => {
    const directive = directives.find((d) => d.line + 1 === finding.line && d.reason && (d.rules.length === 0 || d.rules.includes(finding.ruleId)));
    if (!directive) return true;
    used.add(directive);
    return false;
  });
  const problems: Finding[] = [];
  for (const directive of directives) {
    const report = (message: string) =>
      problems.push({
        ruleId: SUPPRESSION_ID,
        category: 'suppression',
        severity: 'warning',
        message,
        ...spanOfRange(sourceFile, directive.start, directive.end),
        related: [],
        fixes: [],
      });
    const unknown = directive.rules.filter((r) => !knownRules.has(r));
    if (!directive.reason) report('This fipslint-disable-next-line has no reason, so it suppresses nothing: write why after " -- ", for the auditor.');
    else if (unknown.length) report(`This suppression names unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}.`);
    else if (!used.has(directive)) report(`This suppression suppresses nothing: no ${directive.rules.join(', ') || 'fipslint'} finding on the next line. Remove it.`);
  }
  return [...kept, ...problems].sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
