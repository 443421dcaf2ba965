import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { RULES } from '../../../rules';
import { ConfigFiles, DEFAULT_MAX_FILE_CHARS, PROFILE_IDS, defaultAnalysisOptions, formatConfigProblem, isIsoDate, optionsForFile, withExplicitSettings, type ProfileId } from '../engine';
import { auditDependencies, type DependencyAudit } from '../deps/audit';
import { defaultDependencyCacheDir, engineId } from '../deps/cache';
import { DependencyTreeError, isFolder } from '../deps/installed';
import { parseSize } from '../engine/regular-file';
import { describeWriteError } from './write-file';
import { formatDependencyCbom } from '../reports/cbom';
import { formatDependencyJson, formatDependencySarif, formatDependencyText } from '../reports/deps';
import { toolVersion } from '../version';
import { discoverFiles } from './discover';
import { displayPath, printable } from './formatters';

export const DEPS_HELP = `Usage: fipslint deps [options] [project]

Audits the installed dependencies of a project (default: .) for FIPS: reads npm's lockfile
and node_modules, scans each package's JavaScript once per name@version+integrity (results
are cached), and reports per package the calls that would throw under node --enable-fips,
what is not approved, and pure-JavaScript crypto (NV), with the dependency path and whether
the project's imports load the file. Findings in dependencies are never editor diagnostics.

Options:
  --format <name>       text (default), json, sarif or cbom (CycloneDX 1.6: each package a
                        library component with its crypto assets and dependency edges)
  -o, --output <file>   write the report to a file instead of standard output
  --omit dev            leave development-only packages out
  --profile <id>        fips-140-3 (default), fips-140-2 or cnsa-2.0
  --as-of <YYYY-MM-DD>  evaluate dated transitions at this date (default: today)
  --anticipate-131a-r3  also apply the draft SP 800-131A Rev 3
  --config <file>       use this configuration file (default: fipslint.config.json of the project)
  --max-file-size <n>   skip files larger than this (default 2mb; 0: no limit)
  --cache-dir <dir>     where results per package are kept (default: ${defaultDependencyCacheDir().replace(/\\/g, '/')})
  --no-cache            scan every package again and keep nothing
  --no-color            plain text output
  -h, --help            show this help

Exit codes: 0 no errors in production dependencies, 1 a production dependency has an error
(development ones never fail the run), 2 usage or input error (no package.json, nothing installed).`;

const FORMATS = ['text', 'json', 'sarif', 'cbom'] as const;

export interface DepsIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTty?: boolean;
  env?: NodeJS.ProcessEnv;
}

export function runDeps(argv: string[], io: DepsIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        omit: { type: 'string', multiple: true },
        profile: { type: 'string' },
        'as-of': { type: 'string' },
        'anticipate-131a-r3': { type: 'boolean' },
        config: { type: 'string' },
        'max-file-size': { type: 'string' },
        'cache-dir': { type: 'string' },
        'no-cache': { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`fipslint deps: ${(error as Error).message}\nRun fipslint deps --help for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(DEPS_HELP + '\n');
    return 0;
  }
  const usage = (message: string) => {
    io.stderr(`fipslint deps: ${message}\n`);
    return 2;
  };
  const format = (values.format ?? 'text') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) return usage(`unknown format '${values.format}'; use one of ${FORMATS.join(', ')}`);
  const profile = values.profile as ProfileId | undefined;
  if (profile !== undefined && !PROFILE_IDS.includes(profile)) return usage(`unknown profile '${values.profile}'; use one of ${PROFILE_IDS.join(', ')}`);
  if (values['as-of'] !== undefined && !isIsoDate(values['as-of'])) return usage(`--as-of takes a calendar date as YYYY-MM-DD, not '${values['as-of']}'`);
  const omit = values.omit ?? [];
  const unknownOmit = omit.find((o) => o !== 'dev');
  if (unknownOmit !== undefined) return usage(`--omit takes 'dev', not '${unknownOmit}'`);
  let maxFileChars: number | undefined;
  if (values['max-file-size'] !== undefined) {
    maxFileChars = parseSize(values['max-file-size']);
    if (maxFileChars === undefined) return usage(`--max-file-size takes a size such as 500kb, 4mb or 0 (no limit), not '${values['max-file-size']}'`);
  }
  if (positionals.length > 1) return usage('give one project folder (the one with package.json and node_modules)');
  const root = path.resolve(io.cwd, positionals[0] ?? '.');
  if (!isFolder(root)) return usage(`${printable(positionals[0] ?? '.')} is not a folder`);

  const configs = new ConfigFiles(RULES, { explicit: values.config !== undefined ? path.resolve(io.cwd, values.config) : undefined, stopDir: () => root });
  const manifest = path.join(root, 'package.json');
  const found = configs.forFile(manifest);
  if (found.problems.length) {
    for (const problem of found.problems) io.stderr(`fipslint deps: configuration error: ${printable(formatConfigProblem(problem, io.cwd))}\n`);
    return 2;
  }
  const defaults = defaultAnalysisOptions({ maxFileChars: DEFAULT_MAX_FILE_CHARS });
  const analysis = withExplicitSettings(optionsForFile(found.config, manifest, defaults, root).options, {
    profile,
    asOf: values['as-of'],
    anticipate131Ar3: values['anticipate-131a-r3'] ? true : undefined,
    maxFileChars,
  });

  let audit: DependencyAudit;
  try {
    audit = auditDependencies(root, {
      rules: RULES,
      analysis,
      projectFiles: discoverFiles([root]).files,
      cacheDir: values['no-cache'] ? undefined : path.resolve(io.cwd, values['cache-dir'] ?? defaultDependencyCacheDir(io.env)),
      omitDevelopment: omit.includes('dev'),
      engineId: engineId(),
    });
  } catch (error) {
    if (error instanceof DependencyTreeError) return usage(printable(error.message));
    throw error;
  }

  const color = !!io.isTty && !values['no-color'] && !values.output;
  const report =
    format === 'json'
      ? formatDependencyJson(audit, io.cwd, toolVersion())
      : format === 'sarif'
        ? formatDependencySarif(audit, RULES, toolVersion())
        : format === 'cbom'
          ? formatDependencyCbom(audit, { projectName: audit.projectName ?? path.basename(root), toolVersion: toolVersion(), displayPath: (file) => displayPath(file, root) })
          : formatDependencyText(audit, io.cwd, color);
  if (values.output) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, values.output), report);
    } catch (error) {
      io.stderr(`fipslint deps: could not write the report to ${printable(values.output)} (${describeWriteError(error)})\n`);
      return 2;
    }
  } else {
    io.stdout(report);
  }
  const failing = audit.packages.some((p) => p.scope === 'production' && p.findings.some((f) => f.severity === 'error'));
  return failing ? 1 : 0;
}
