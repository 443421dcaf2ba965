import * as path from 'node:path';
import { CRYPTO_LIBRARIES } from '../engine/policy/schemes';
import { ruleDocsUrl, type FileAnalysis, type RuleModule, type Severity } from '../engine';
import { auditTotals, type DependencyAudit, type DependencyFinding, type PackageAudit } from '../deps/audit';
import { displayPath, formatSarif, printable } from '../cli/formatters';

/** Reports of `fipslint deps`: a table per scope, then each package's findings, then what was not seen. */

const SCOPE_WORD = { production: 'prod', development: 'dev', unused: 'unused' } as const;

/** `direct`, or `via a > b` (the packages between the project and it). */
export function dependencyRoute(pkg: Pick<PackageAudit, 'direct' | 'path'>): string {
  return pkg.direct ? 'direct' : pkg.path.length > 1 ? `via ${pkg.path.slice(0, -1).join(' > ')}` : 'not required by the project';
}

/** Why a package is listed: what it does that FIPS mode breaks or does not approve. */
function hasVerdict(pkg: PackageAudit): boolean {
  return pkg.findings.length > 0 || !!pkg.cryptoLibrary || pkg.unresolved > 0 || pkg.notAnalysed.length > 0;
}

/** Where the project reaches the package: the file that loads one with a finding, else any loading file. */
function reachWords(pkg: PackageAudit): string {
  const reachedFinding = pkg.findings.find((f) => f.reachableFrom)?.reachableFrom;
  if (reachedFinding) return `reachable from ${reachedFinding}`;
  if (pkg.loadedFrom) return pkg.findings.length ? `loaded from ${pkg.loadedFrom}; its findings are in files not loaded` : `loaded from ${pkg.loadedFrom}`;
  return 'present in package';
}

export function formatDependencyText(audit: DependencyAudit, cwd: string, color = false): string {
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severityColor: Record<Severity, string> = { error: '31', warning: '33', info: '36' };
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const totals = auditTotals(audit);
  const lines: string[] = [
    `Dependencies of ${printable(audit.projectName ?? path.basename(audit.root))} (${audit.source}): ${plural(totals.packages, 'package')} (${totals.production} production, ${totals.development} development), ${audit.profile} as of ${audit.asOf}`,
    '',
  ];
  for (const scope of ['production', 'development', 'unused'] as const) {
    const listed = audit.packages.filter((p) => p.scope === scope && hasVerdict(p)).sort(byConcern);
    if (!listed.length) continue;
    const header = ['Package', 'Version', 'Dependency', 'Scope', 'Would throw', 'Not approved', 'Other', 'NV', 'Run-time values', 'Reach'];
    const rows = listed.map((p) => [
      p.name,
      p.version,
      dependencyRoute(p),
      SCOPE_WORD[p.scope],
      String(p.counts.wouldThrow),
      String(p.counts.notApproved),
      String(p.counts.other),
      p.cryptoLibrary ? (p.counts.notValidated ? `${p.counts.notValidated} + library` : 'library') : String(p.counts.notValidated),
      String(p.unresolved),
      reachWords(p),
    ]);
    lines.push(scope === 'production' ? 'Production dependencies' : scope === 'development' ? 'Development dependencies (not shipped; rarely matter for FIPS)' : 'Installed but required by nothing in package.json');
    lines.push(...table(header, rows.map((r) => r.map(printable)), [4, 5, 6, 7, 8]).map((l, i) => (i === 0 ? paint('1', l) : l)));
    lines.push('');
  }
  const quiet = audit.packages.filter((p) => !hasVerdict(p)).length;
  if (quiet) lines.push(`${plural(quiet, 'other package')}: nothing found.`, '');

  const scopeRank = { production: 0, development: 1, unused: 2 };
  for (const pkg of [...audit.packages].filter(hasVerdict).sort((a, b) => scopeRank[a.scope] - scopeRank[b.scope] || byConcern(a, b))) {
    lines.push(paint('1', `${printable(pkg.name)} ${printable(pkg.version)}`) + `  ${pkg.scope}, ${printable(dependencyRoute(pkg))}${pkg.extraneous ? ', not in the lockfile' : ''}${pkg.loadedFrom ? `; loaded from ${printable(pkg.loadedFrom)}` : '; not loaded by the project'}`);
    if (pkg.cryptoLibrary) lines.push(`  ${paint('33', 'NV')}  a pure-JavaScript crypto library (${printable(pkg.cryptoLibrary)}): everything it computes is outside a validated module; ${printable(CRYPTO_LIBRARIES[pkg.cryptoLibrary].notApproved)} are not approved`);
    for (const f of pkg.findings) {
      const runtime = f.fipsRuntime === 'throws' ? '  would throw under --enable-fips' : '';
      const reach = f.reachableFrom ? `  reachable from ${printable(f.reachableFrom)}` : '  present in package';
      lines.push(`  ${printable(displayPath(f.file, cwd))}:${f.line}:${f.column}  ${paint(severityColor[f.severity], f.severity)}  ${printable(f.message)}  ${paint('2', f.ruleId)}${paint('2', runtime + reach)}`);
    }
    if (pkg.unresolved) lines.push(`  ${paint('2', 'unresolved')}  ${plural(pkg.unresolved, 'crypto call')} whose algorithm or setting is known only at run time (not judged)`);
    for (const entry of pkg.notAnalysed) lines.push(`  ${paint('33', 'not analysed')}  ${printable(pkg.location)}/${printable(entry.file)}: ${printable(entry.reason)}`);
    lines.push('');
  }

  for (const missing of audit.notInstalled) lines.push(`not installed: ${printable(missing.location)}${missing.version ? ` ${printable(missing.version)}` : ''} (in the lockfile, not on disk: not scanned)`);
  for (const entry of audit.projectNotRead) lines.push(`not read: ${printable(entry.file)}: ${printable(entry.reason)} (its imports are not followed)`);
  for (const notice of audit.notices) lines.push(`note: ${printable(notice)}`);
  if (audit.notInstalled.length || audit.projectNotRead.length || audit.notices.length) lines.push('');

  const notAnalysed = audit.packages.reduce((n, p) => n + p.notAnalysed.length, 0);
  const unresolved = audit.packages.reduce((n, p) => n + p.unresolved, 0);
  const prod = audit.packages.filter((p) => p.scope === 'production');
  const prodThrow = prod.reduce((n, p) => n + p.counts.wouldThrow, 0);
  const prodPackages = prod.filter((p) => p.counts.wouldThrow > 0).length;
  lines.push(
    paint(
      prodThrow ? '31' : totals.withFindings ? '33' : '32',
      `${plural(totals.withFindings, 'package')} with findings of ${totals.packages} audited; in production dependencies ${plural(prodThrow, 'call')} in ${plural(prodPackages, 'package')} would throw under --enable-fips.`,
    ),
  );
  const gaps = [
    notAnalysed ? `${plural(notAnalysed, 'file')} not analysed (listed above)` : '',
    unresolved ? `${plural(unresolved, 'crypto call')} with values known only at run time` : '',
    audit.notInstalled.length ? `${plural(audit.notInstalled.length, 'locked package')} not installed` : '',
    audit.omittedDevelopment ? `${plural(audit.omittedDevelopment, 'development package')} left out (--omit dev)` : '',
  ].filter(Boolean);
  if (gaps.length) lines.push(`  Not seen: ${gaps.join('; ')}.`);
  lines.push(`  A finding in a package shows the package can do it, not that the application calls it; "reachable from" means the project's imports load that file.`);
  if (audit.cache.dir) lines.push(paint('2', `  ${audit.cache.hits} of ${audit.cache.hits + audit.cache.misses} packages from the cache (${printable(audit.cache.dir)}).`));
  return lines.join('\n') + '\n';
}

/** Most concerning first: would-throw, then not approved, then NV, then by name. */
function byConcern(a: PackageAudit, b: PackageAudit): number {
  const nv = (p: PackageAudit) => p.counts.notValidated + (p.cryptoLibrary ? 1 : 0);
  return (
    b.counts.wouldThrow - a.counts.wouldThrow ||
    b.counts.notApproved - a.counts.notApproved ||
    b.counts.other - a.counts.other ||
    nv(b) - nv(a) ||
    b.unresolved - a.unresolved ||
    a.name.localeCompare(b.name) ||
    a.location.localeCompare(b.location)
  );
}

function table(header: string[], rows: string[][], rightAligned: number[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : rightAligned.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function formatDependencyJson(audit: DependencyAudit, cwd: string, version: string): string {
  const file = (f: string) => displayPath(f, cwd);
  const finding = (f: DependencyFinding) => ({ ...f, file: file(f.file), docs: ruleDocsUrl(f.ruleId), related: f.related.map((r) => ({ ...r, file: file(r.file) })) });
  const totals = auditTotals(audit);
  return (
    JSON.stringify(
      {
        tool: 'fipslint',
        version,
        mode: 'dependencies',
        profile: audit.profile,
        asOf: audit.asOf,
        project: audit.projectName ?? null,
        source: audit.source,
        summary: {
          ...totals,
          notAnalysed: audit.packages.reduce((n, p) => n + p.notAnalysed.length, 0),
          unresolved: audit.packages.reduce((n, p) => n + p.unresolved, 0),
          notInstalled: audit.notInstalled.length,
          omittedDevelopment: audit.omittedDevelopment,
          cache: { hits: audit.cache.hits, misses: audit.cache.misses },
        },
        packages: audit.packages.map((p) => ({
          name: p.name,
          version: p.version,
          location: p.location,
          ...(p.integrity ? { integrity: p.integrity } : {}),
          scope: p.scope,
          direct: p.direct,
          path: p.path,
          ...(p.extraneous ? { extraneous: true } : {}),
          ...(p.cryptoLibrary ? { cryptoLibrary: p.cryptoLibrary } : {}),
          loadedFrom: p.loadedFrom ?? null,
          counts: p.counts,
          files: p.files,
          unresolved: p.unresolved,
          notAnalysed: p.notAnalysed,
          findings: p.findings.map(finding),
        })),
        notInstalled: audit.notInstalled,
        projectNotRead: audit.projectNotRead,
        notices: audit.notices,
      },
      null,
      2,
    ) + '\n'
  );
}

/**
 * SARIF 2.1.0 with locations under `node_modules/…`, each result naming its package: the scan's
 * SARIF writer, then per result the package, its scope and path, and where the project loads it.
 * A pure-JS crypto library gets one result on its package.json.
 */
export function formatDependencySarif(audit: DependencyAudit, rules: readonly RuleModule[], version: string): string {
  const analyses: FileAnalysis[] = [];
  const owners: Array<{ pkg: PackageAudit; reachableFrom?: string }> = [];
  for (const pkg of audit.packages) {
    const byFile = new Map<string, DependencyFinding[]>();
    if (pkg.cryptoLibrary) {
      const manifest = path.join(pkg.dir, 'package.json');
      const library = CRYPTO_LIBRARIES[pkg.cryptoLibrary];
      byFile.set(manifest, [
        {
          file: manifest,
          start: 0,
          end: 0,
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          ruleId: library.rule,
          category: 'library',
          severity: 'warning',
          status: 'NV',
          message: `${pkg.name} ${pkg.version} is a pure-JavaScript crypto library: everything it computes is outside a validated module (NV); ${library.notApproved} are not approved.`,
          related: [],
        },
      ]);
    }
    for (const f of pkg.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    for (const [fileName, findings] of byFile) {
      analyses.push({ fileName, findings: findings.map((f) => ({ ...f, fixes: [] })), ruleFailures: [], skipped: false, suppressions: [] });
      for (const f of findings) owners.push({ pkg, reachableFrom: f.reachableFrom });
    }
  }
  const notRead = audit.packages.flatMap((p) => p.notAnalysed.map((e) => ({ path: path.join(p.dir, ...e.file.split('/')), reason: e.reason })));
  const sarif = JSON.parse(formatSarif(analyses, audit.root, rules, { version, profile: audit.profile, notRead })) as { runs: Array<{ results: Array<Record<string, unknown>>; properties: Record<string, unknown> }> };
  const run = sarif.runs[0];
  run.properties.mode = 'dependencies';
  run.results.forEach((result, index) => {
    const { pkg, reachableFrom } = owners[index];
    const message = result.message as { text: string };
    message.text = `[${pkg.name}@${pkg.version}, ${pkg.scope}, ${dependencyRoute(pkg)}] ${message.text}${reachableFrom ? ` Reachable from ${reachableFrom}.` : ' Present in the package; the project does not load this file.'}`;
    result.properties = { ...(result.properties as object), package: pkg.name, packageVersion: pkg.version, scope: pkg.scope, direct: pkg.direct, dependencyPath: pkg.path, ...(reachableFrom ? { reachableFrom } : {}) };
  });
  return JSON.stringify(sarif, null, 2) + '\n';
}
