import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ASSET_STATUS_LABELS, PROJECT_URL, SUPPRESSION_ID, autoFixOf, ruleDocsUrl, type CryptoInventory, type FileAnalysis, type Finding, type RuleModule, type Severity, type UnresolvedSite } from '../engine';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'cbom' | 'html';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'cbom', 'html'];

export interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export interface RunSummary extends SeverityCounts {
  /** Files over the size limit, not analysed. */
  tooLarge: number;
  fixable: number;
  files: number;
  /** Findings in production code and in test code (the `tests` globs), apart. */
  production: SeverityCounts;
  test: SeverityCounts;
  /** Crypto call sites whose algorithm, size, curve or TLS setting is known only at run time. */
  unresolved: number;
}

export function summarize(results: readonly FileAnalysis[]): RunSummary {
  const counts = (): SeverityCounts => ({ errors: 0, warnings: 0, infos: 0 });
  const summary: RunSummary = { ...counts(), fixable: 0, files: results.length, tooLarge: 0, production: counts(), test: counts(), unresolved: 0 };
  for (const result of results) {
    if (result.tooLarge) summary.tooLarge++;
    summary.unresolved += result.unresolved?.length ?? 0;
    for (const finding of result.findings) {
      const key = finding.severity === 'error' ? 'errors' : finding.severity === 'warning' ? 'warnings' : 'infos';
      summary[key]++;
      (finding.test ? summary.test : summary.production)[key]++;
      if (autoFixOf(finding)) summary.fixable++;
    }
  }
  return summary;
}

/**
 * Text from the scanned code (a message quoting it, a suppression's reason, a file name), safe to
 * print on a terminal: control characters (ESC, CR, LF, BEL, the C1 range, where OSC and CSI
 * sequences start), line separators and the bidirectional overrides that reorder what a reader
 * sees ("Trojan Source") are shown as `\uXXXX` escapes, so scanned text cannot rewrite the report.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `file:line:col  unresolved  api what: reason`, one line per site. */
export function formatUnresolvedText(results: readonly FileAnalysis[], cwd: string, color = false): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const site of result.unresolved ?? []) {
      const tag = color ? '\u001b[2munresolved\u001b[0m' : 'unresolved';
      lines.push(`${printable(displayPath(site.file, cwd))}:${site.line}:${site.column}  ${tag}  ${printable(site.api)}: ${printable(site.what)} ${printable(site.reason)}${result.test ? '  (test code)' : ''}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n\n' : '';
}

export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') ? relative.split(path.sep).join('/') : file;
}

/** `file:line:col  severity  message  rule-id`, one line per finding, then a summary line. */
export function formatText(results: readonly FileAnalysis[], cwd: string, color = false, notRead = 0): string {
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severityColor: Record<Severity, string> = { error: '31', warning: '33', info: '36' };
  const lines: string[] = [];
  for (const result of results) {
    for (const f of result.findings) {
      lines.push(`${printable(displayPath(f.file, cwd))}:${f.line}:${f.column}  ${paint(severityColor[f.severity], f.severity)}  ${printable(f.message)}  ${paint('2', f.ruleId)}${f.test ? paint('2', '  (test code)') : ''}`);
    }
  }
  const s = summarize(results);
  const total = s.errors + s.warnings + s.infos;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  // Files that failed to analyse are in `notRead` too (the CLI lists both): count each once.
  const unanalysed = Math.max(notRead, results.filter((r) => r.failure).length);
  const tooLarge = results.filter((r) => r.tooLarge).length;
  const unresolved = s.unresolved > 0 ? `${plural(s.unresolved, 'crypto call site')} ${s.unresolved === 1 ? 'uses a value' : 'use values'} known only at run time: fipslint --unresolved lists ${s.unresolved === 1 ? 'it' : 'them'} with the reason.` : '';
  if (total === 0 && s.files === 0 && unanalysed === 0) {
    // Nothing was analysed: that is not a clean result.
    lines.push(paint('33', 'No TypeScript or JavaScript file was analysed.'));
  } else if (total === 0 && unanalysed === 0 && !unresolved) {
    lines.push(paint('32', `✔ No FIPS problems in ${plural(s.files, 'file')}.`));
  } else if (total === 0 && unanalysed > 0) {
    lines.push(paint('33', `Incomplete scan: ${plural(unanalysed, 'path')} could not be read or analysed (listed below); nothing found in the ${plural(s.files, 'file')} that were.`));
    if (unresolved) lines.push(`  ${unresolved}`);
  } else if (total === 0) {
    const gaps = [unanalysed > 0 ? `${plural(unanalysed, 'path')} could not be read or analysed (listed below)` : '', unresolved].filter(Boolean);
    lines.push(paint('33', `No FIPS problems found in ${plural(s.files, 'file')}, but the scan is not complete:`));
    for (const gap of gaps) lines.push(`  ${gap}`);
  } else {
    lines.push('');
    const split = s.test.errors + s.test.warnings + s.test.infos > 0 ? `: ${countsText(s.production, plural)} in production code, ${countsText(s.test, plural)} in test code` : '';
    lines.push(paint(s.errors ? '31' : '33', `✖ ${plural(total, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}) in ${plural(s.files, 'file')} scanned${split}.`));
    if (s.fixable > 0) lines.push(`  ${plural(s.fixable, 'problem')} fixable with the --fix option.`);
    if (unanalysed > 0) lines.push(`  ${plural(unanalysed, 'path')} could not be read or analysed (listed below).`);
    if (unresolved) lines.push(`  ${unresolved}`);
  }
  if (tooLarge > 0) lines.push(`  ${plural(tooLarge, 'file')} over --max-file-size not analysed (see above).`);
  return lines.join('\n') + '\n';
}

function countsText(counts: SeverityCounts, plural: (n: number, word: string) => string): string {
  const total = counts.errors + counts.warnings + counts.infos;
  return `${plural(total, 'problem')}${counts.errors ? ` (${plural(counts.errors, 'error')})` : ''}`;
}

/** What a report says about the run besides findings: the configuration files that applied, and what could not be read. */
export interface RunFacts {
  configFiles?: readonly string[];
  notRead?: ReadonlyArray<{ path: string; reason: string }>;
}

export function formatJson(results: readonly FileAnalysis[], cwd: string, meta: { profile: string; asOf: string; version: string; listUnresolved?: boolean } & RunFacts, inventory?: CryptoInventory): string {
  const files = results
    .filter((r) => r.findings.length > 0 || r.ruleFailures.length > 0 || r.tooLarge)
    .map((r) => ({
      file: displayPath(r.fileName, cwd),
      ...(r.test ? { test: true } : {}),
      ...(r.tooLarge ? { notAnalysed: { reason: 'too-large', chars: r.tooLarge.chars, limit: r.tooLarge.limit } } : {}),
      findings: r.findings.map((f) => ({ ...f, file: displayPath(f.file, cwd), docs: ruleDocsUrl(f.ruleId), fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, file: displayPath(e.file, cwd) })) })), related: f.related.map((x) => ({ ...x, file: displayPath(x.file, cwd) })) })),
      ruleFailures: r.ruleFailures,
    }));
  const inventoryJson = inventory && {
    totals: inventory.totals,
    assets: inventory.assets.map((a) => ({ ...a, occurrences: a.occurrences.map((o) => ({ ...o, file: displayPath(o.file, cwd) })) })),
  };
  const unresolved = meta.listUnresolved ? { unresolved: results.flatMap((r) => (r.unresolved ?? []).map((site) => unresolvedJson(site, r, cwd))) } : {};
  const run = {
    ...(meta.configFiles ? { configFiles: meta.configFiles.map((file) => displayPath(file, cwd)) } : {}),
    ...(meta.notRead ? { complete: meta.notRead.length === 0, notRead: meta.notRead.map((entry) => ({ path: displayPath(entry.path, cwd), reason: entry.reason })) } : {}),
  };
  return JSON.stringify({ tool: 'fipslint', version: meta.version, profile: meta.profile, asOf: meta.asOf, ...run, summary: summarize(results), files, ...unresolved, ...(inventoryJson ? { inventory: inventoryJson } : {}) }, null, 2) + '\n';
}

function unresolvedJson(site: UnresolvedSite, result: FileAnalysis, cwd: string) {
  return { file: displayPath(site.file, cwd), line: site.line, column: site.column, endLine: site.endLine, endColumn: site.endColumn, api: site.api, parameter: site.input, what: site.what, category: site.category, reason: site.reason, ...(result.test ? { test: true } : {}) };
}

/** The inventory as a table: status, algorithm, library, uses, first place used. */
export function formatInventoryText(inventory: CryptoInventory, cwd: string, color = false): string {
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const statusColor: Record<string, string> = { NO: '31', DEPR: '33', TRANS: '35', NV: '33', LEGACY: '36', unknown: '2', OK: '32' };
  const lines = [`Crypto inventory (${inventory.profile}, ${inventory.asOf}): ${inventory.totals.assets} assets, ${inventory.totals.occurrences} uses`];
  for (const a of inventory.assets) {
    const first = a.occurrences[0];
    const label = ASSET_STATUS_LABELS[a.status];
    lines.push(`  ${paint(statusColor[a.status], label.padEnd(24))} ${printable(a.name).padEnd(28)} ${printable(a.library).padEnd(14)} ${String(a.occurrences.length).padStart(3)}×  ${printable(displayPath(first.file, cwd))}:${first.line}:${first.column}${a.occurrences.length > 1 ? ' …' : ''}`);
  }
  return lines.join('\n') + '\n\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** The SARIF rule id of unresolved sites (`--unresolved`): results of kind `review`, never failing a build. */
export const UNRESOLVED_ID = 'fipslint-unresolved';

/** SARIF 2.1.0, as GitHub code scanning and Azure DevOps read it. */
export function formatSarif(results: readonly FileAnalysis[], cwd: string, rules: readonly RuleModule[], meta: { version: string; profile: string; listUnresolved?: boolean } & RunFacts): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
  ruleIndex.set(SUPPRESSION_ID, rules.length);
  ruleIndex.set(UNRESOLVED_ID, rules.length + 1);
  const uri = (file: string) => {
    const relative = path.relative(cwd, file);
    return relative && !relative.startsWith('..') ? { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' } : { uri: pathToFileURL(file).href };
  };
  const region = (f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>) => ({ startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'fipslint',
            version: meta.version,
            informationUri: PROJECT_URL,
            rules: rules.map((rule): Record<string, unknown> => ({
              id: rule.meta.id,
              name: rule.meta.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.meta.description },
              fullDescription: { text: `${rule.meta.description}. Standards: ${rule.meta.standards.join('; ')}.` },
              helpUri: ruleDocsUrl(rule.meta.id),
              help: { text: `See ${ruleDocsUrl(rule.meta.id)}` },
              properties: { category: rule.meta.category, tags: ['security', 'cryptography', 'fips', rule.meta.category], reference: rule.meta.reference, fix: rule.meta.fix },
            })).concat([
              {
                id: SUPPRESSION_ID,
                name: 'FipslintSuppression',
                shortDescription: { text: 'A fipslint-disable-next-line comment without a reason, naming an unknown rule, or suppressing nothing' },
                fullDescription: { text: 'Suppressions must say why (after " -- ") and must suppress a finding on the next line.' },
                helpUri: `${PROJECT_URL}#suppressing-a-finding`,
                help: { text: `See ${PROJECT_URL}#suppressing-a-finding` },
                properties: { category: 'suppression', tags: ['fips', 'suppression'], reference: '', fix: 'none' },
              },
              {
                id: UNRESOLVED_ID,
                name: 'FipslintUnresolved',
                shortDescription: { text: 'A crypto call whose algorithm, key size, curve or TLS setting is known only at run time' },
                fullDescription: { text: 'fipslint could not determine a value that decides whether the call is approved; review where it comes from.' },
                helpUri: `${PROJECT_URL}#values-known-only-at-run-time`,
                help: { text: `See ${PROJECT_URL}#values-known-only-at-run-time` },
                properties: { category: 'unresolved', tags: ['fips', 'review'], reference: '', fix: 'none' },
              },
            ]),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        properties: { profile: meta.profile, ...(meta.configFiles ? { configFiles: meta.configFiles.map((file) => displayPath(file, cwd)) } : {}) },
        ...(meta.notRead
          ? {
              // SARIF §3.20: a run that could not see everything is not a successful one.
              invocations: [
                {
                  executionSuccessful: meta.notRead.length === 0,
                  toolExecutionNotifications: meta.notRead.map((entry) => ({
                    level: 'error',
                    message: { text: `Not read: ${entry.reason}` },
                    locations: [{ physicalLocation: { artifactLocation: uri(entry.path) } }],
                  })),
                },
              ],
            }
          : {}),
        results: results.flatMap((r) =>
          r.findings.map((f): Record<string, unknown> => ({
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [{ physicalLocation: { artifactLocation: uri(f.file), region: region(f) } }],
            ...(f.related.length
              ? { relatedLocations: f.related.map((x, id) => ({ id, message: { text: x.message }, physicalLocation: { artifactLocation: uri(x.file), region: region(x) } })) }
              : {}),
            ...(f.fixes.length
              ? {
                  fixes: f.fixes.map((fix) => ({
                    description: { text: `${fix.title}${fix.safety === 'suggestion' ? ' (changes behaviour: review before applying)' : ''}` },
                    artifactChanges: groupByFile(fix.edits).map(([file, edits]) => ({
                      artifactLocation: uri(file),
                      replacements: edits.map((e) => ({ deletedRegion: { charOffset: e.start, charLength: e.end - e.start }, insertedContent: { text: e.newText } })),
                    })),
                  })),
                }
              : {}),
            properties: { category: f.category, ...(f.fipsRuntime ? { fipsRuntime: f.fipsRuntime } : {}), ...(f.test ? { test: true } : {}) },
          })),
        ).concat(
          meta.listUnresolved
            ? results.flatMap((r) =>
                (r.unresolved ?? []).map((site) => ({
                  ruleId: UNRESOLVED_ID,
                  ruleIndex: ruleIndex.get(UNRESOLVED_ID) ?? -1,
                  // SARIF 2.1.0 §3.27.10: a result whose kind is not `fail` has level `none`.
                  kind: 'review',
                  level: 'none',
                  message: { text: `${site.api}: the ${site.what} ${site.reason}.` },
                  locations: [{ physicalLocation: { artifactLocation: uri(site.file), region: region(site) } }],
                  properties: { category: 'unresolved', api: site.api, parameter: site.input, ...(r.test ? { test: true } : {}) },
                })),
              )
            : [],
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function groupByFile<T extends { file: string }>(edits: readonly T[]): Array<[string, T[]]> {
  const map = new Map<string, T[]>();
  for (const e of edits) map.set(e.file, [...(map.get(e.file) ?? []), e]);
  return [...map];
}
