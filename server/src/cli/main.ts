import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { RULES } from '../../../rules';
import {
  DEFAULT_MAX_FILE_CHARS,
  Engine,
  PROFILE_IDS,
  SourceProject,
  applyFixes,
  buildInventory,
  autoFixOf,
  defaultAnalysisOptions,
  ConfigFiles,
  formatConfigProblem,
  isIsoDate,
  optionsForFile,
  withExplicitSettings,
  type AnalysisOptions,
  type FileAnalysis,
  type ConfigProblem,
  type ProfileId,
} from '../engine';
import { discoverFiles, folderOf, readableRoot } from './discover';
import { isInside } from '../engine/paths';
import { firstLossyByte, formatBytes, parseSize, readRegularFile } from '../engine/regular-file';
import { OUTPUT_FORMATS, printable, displayPath, formatInventoryText, formatJson, formatSarif, formatText, formatUnresolvedText, summarize, type OutputFormat } from './formatters';
import { formatCbom } from '../reports/cbom';
import { formatHtml } from '../reports/html';
import { describeWriteError, writeFixedFile } from './write-file';
import { toolVersion } from '../version';
import { runDeps } from './deps';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const HELP = `Usage: fipslint [options] [paths...]
       fipslint deps [options] [project]   audit the installed dependencies (fipslint deps --help)

Finds cryptography that FIPS 140 does not approve in TypeScript and JavaScript:
algorithms, key sizes, modes and TLS settings. Paths are files or folders (default: .);
folders skip node_modules and what .gitignore excludes.

Options:
  --profile <id>        fips-140-3 (default), fips-140-2 or cnsa-2.0
  --format <name>       text (default), json, sarif, cbom (CycloneDX 1.6 crypto bill of
                        materials) or html (a self-contained report page)
  --inventory           add the crypto inventory (every algorithm used, approved or not)
                        to text and json output; cbom and html always have it
  --unresolved          list the crypto calls whose algorithm, key size, curve or TLS
                        setting is known only at run time, with the reason (the summary
                        always counts them; they never change the exit code)
  -o, --output <file>   write the report to a file instead of standard output
  --fix                 apply safe fixes to the files (see README: "Fixes")
  --max-warnings <n>    exit 1 when there are more than n warnings
  --as-of <YYYY-MM-DD>  evaluate dated transitions at this date (default: today)
  --anticipate-131a-r3  also apply the draft SP 800-131A Rev 3 (ECB, SHA-1 after 2030)
  --config <file>       use this configuration file (default: the nearest
                        fipslint.config.json above each file, up to the repository root,
                        or without a repository up to the folder scanned)
  --list-suppressions   print every fipslint-disable exception with its reason, expiry and
                        status (active, expired, unused, no reason) instead of the findings
  --rule <id>           run only these rules (repeatable)
  --max-file-size <n>   skip files larger than this, e.g. 500kb or 4mb (default 2mb; 0: no limit)
  --allow-incomplete    exit 0 or 1 by the findings even when some paths could not be read
                        (they are still listed); without it such a scan exits 2
  --verbose             also say which configuration file applied to the scan
  --list-rules          print the rules and exit
  --no-color            plain text output
  -h, --help            show this help
  -v, --version         print the version

Command-line options win over the configuration file.

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage, input or configuration
error, a fix that could not be written, or an incomplete scan (a path that could not be read, a
file that could not be analysed, no files at all in a path given).`;

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTty?: boolean;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it in-process. */
export function runCli(argv: string[], io: CliIo): number {
  // A folder named `deps` is scanned as `./deps`.
  if (argv[0] === 'deps') return runDeps(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        profile: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        fix: { type: 'boolean' },
        'max-warnings': { type: 'string' },
        'as-of': { type: 'string' },
        'anticipate-131a-r3': { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        config: { type: 'string' },
        'list-suppressions': { type: 'boolean' },
        inventory: { type: 'boolean' },
        unresolved: { type: 'boolean' },
        'max-file-size': { type: 'string' },
        'list-rules': { type: 'boolean' },
        'allow-incomplete': { type: 'boolean' },
        verbose: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    io.stderr(`fipslint: ${(error as Error).message}\nRun fipslint --help for usage.\n`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP + '\n');
    return EXIT_OK;
  }
  if (values.version) {
    io.stdout(toolVersion() + '\n');
    return EXIT_OK;
  }
  if (values['list-rules']) {
    for (const rule of RULES) io.stdout(`${rule.meta.id.padEnd(28)} ${rule.meta.category.padEnd(14)} ${rule.meta.description}\n`);
    return EXIT_OK;
  }

  const usage = (message: string) => {
    io.stderr(`fipslint: ${message}\n`);
    return EXIT_USAGE;
  };
  const profile = values.profile as ProfileId | undefined;
  if (profile !== undefined && !PROFILE_IDS.includes(profile)) return usage(`unknown profile '${values.profile}'; use one of ${PROFILE_IDS.join(', ')}`);
  const format = (values.format ?? 'text') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) return usage(`unknown format '${values.format}'; use one of ${OUTPUT_FORMATS.join(', ')}`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) return usage(`--max-warnings takes a whole number, not '${values['max-warnings']}'`);
  }
  const asOf = values['as-of'];
  if (asOf !== undefined && !isIsoDate(asOf)) return usage(`--as-of takes a calendar date as YYYY-MM-DD, not '${asOf}'`);
  let maxFileChars: number | undefined;
  if (values['max-file-size'] !== undefined) {
    const size = parseSize(values['max-file-size']);
    if (size === undefined) return usage(`--max-file-size takes a size such as 500kb, 4mb or 0 (no limit), not '${values['max-file-size']}'`);
    maxFileChars = size;
  }
  const selected = values.rule ?? [];
  const unknownRule = selected.find((id) => !RULES.some((r) => r.meta.id === id));
  if (unknownRule) return usage(`unknown rule '${unknownRule}'; fipslint --list-rules lists them`);

  const given = positionals.length ? positionals : ['.'];
  const discovery = discoverFiles(given, io.cwd);
  // Test globs without a configuration file are relative to what was asked to be scanned: a folder, or a file's folder.
  const scanRoot = folderOf(path.resolve(io.cwd, given[0]));
  if (discovery.missing.length) return usage(`no such file or folder: ${discovery.missing.map(printable).join(', ')}`);
  const show = (file: string) => printable(displayPath(file, io.cwd));
  /** What the scan could not see: listed after the report, and exit 2 unless --allow-incomplete. */
  const notRead: Array<{ path: string; reason: string }> = [...discovery.unreadable];
  for (const notice of discovery.notices) io.stderr(`fipslint: did not use ${show(notice.path)}: ${printable(notice.reason)}\n`);
  // What may be read: the repository that holds each path given, else the path's folder. Configuration
  // lookups stop there too, and imports that lead beyond it are not followed.
  const roots = [...new Set(given.map((p) => readableRoot(p, io.cwd)))];
  const rootOf = (file: string) => roots.filter((root) => isInside(file, root)).sort((a, b) => b.length - a.length)[0];

  // Command-line settings win over the configuration file; `--rule` keeps only the named rules.
  const explicit = {
    profile,
    asOf,
    anticipate131Ar3: values['anticipate-131a-r3'] ? true : undefined,
    maxFileChars,
    inventory: values.inventory || format === 'cbom' || format === 'html' ? true : undefined,
    // Always found, so the summary can say what the scan could not see; listed with --unresolved.
    unresolved: true,
    // `--rule` runs exactly the rules named, those off by default included (at their status's severity).
    ruleSeverity: selected.length
      ? Object.fromEntries(RULES.filter((r) => !selected.includes(r.meta.id) || r.meta.offByDefault).map((r) => [r.meta.id, selected.includes(r.meta.id) ? ('warning' as const) : ('off' as const)]))
      : undefined,
  };
  const defaults = defaultAnalysisOptions({ maxFileChars: DEFAULT_MAX_FILE_CHARS });
  const configs = new ConfigFiles(RULES, { explicit: values.config !== undefined ? path.resolve(io.cwd, values.config) : undefined, stopDir: rootOf });
  const appliedConfigs = new Set<string>();
  const reportConfigProblems = (problems: ConfigProblem[]) => {
    for (const problem of problems) io.stderr(`fipslint: configuration error: ${printable(formatConfigProblem(problem, io.cwd))}\n`);
    io.stderr('fipslint: fix the configuration and run again (nothing was scanned)\n');
    return EXIT_USAGE;
  };
  if (values.config !== undefined) {
    const named = configs.load(path.resolve(io.cwd, values.config));
    if (named.problems.length) return reportConfigProblems(named.problems);
  }
  const engine = new Engine(RULES, new SourceProject());
  engine.project.setReadableRoots(roots);
  // Callers of a module's helpers are looked for among the files of this scan, and nowhere else.
  engine.project.setProjectFiles(() => discovery.files);
  const results: FileAnalysis[] = [];
  /** Fixes that could not be written (disk full, read-only folder): exit 2, the rest still reported. */
  let writeErrors = 0;
  let fixedFiles = 0;
  let reportProfile: ProfileId | undefined;
  let reportAsOf: string | undefined;
  for (const file of discovery.files) {
    const found = configs.forFile(file);
    if (found.problems.length) return reportConfigProblems(found.problems);
    if (found.config) appliedConfigs.add(found.config.file);
    const placed = optionsForFile(found.config, file, defaults, scanRoot);
    if (placed.excluded) continue;
    const options = withExplicitSettings(placed.options, explicit);
    reportProfile ??= options.profile;
    reportAsOf ??= options.asOf;
    const source = readSource(file);
    if (!source.ok) {
      // Deleted between listing and reading (a build cleaning up, a branch switch): nothing to lint.
      if (source.code === 'ENOENT') {
        io.stderr(`fipslint: skipped ${show(file)}: it was deleted during the scan\n`);
        continue;
      }
      notRead.push({ path: file, reason: source.reason });
      continue;
    }
    const { text, bytes, utf8 } = source;
    let result = engine.analyze(file, text, options);
    if (values.fix && !utf8) {
      io.stderr(`fipslint: ${show(file)} is UTF-16; --fix leaves it as it is\n`);
    } else if (values.fix) {
      const fixed = fixFile(engine, file, text, result, options);
      if (fixed.text !== text) {
        const lossy = firstLossyByte(bytes, text);
        if (lossy >= 0) {
          io.stderr(`fipslint: ${show(file)} is not valid UTF-8 (byte ${lossy}); --fix would replace such bytes, so it leaves the file as it is\n`);
        } else {
          try {
            const outcome = writeFixedFile(file, Buffer.from(fixed.text, 'utf8'), bytes, roots);
            if (outcome.status === 'written') {
              fixedFiles++;
              engine.project.forget(file);
              result = fixed.result;
            } else if (outcome.status === 'changed') {
              io.stderr(`fipslint: ${show(file)} changed on disk while it was being fixed; left as it is\n`);
            } else {
              io.stderr(`fipslint: did not fix ${show(file)}: ${printable(outcome.reason)}\n`);
            }
          } catch (error) {
            writeErrors++;
            io.stderr(`fipslint: could not write the fixes to ${show(file)} (${describeWriteError(error)}); the file is as it was\n`);
          }
        }
      }
    }
    if (result.tooLarge) {
      io.stderr(`fipslint: skipped ${show(file)}: ${formatBytes(result.tooLarge.chars)} is over the ${formatBytes(result.tooLarge.limit)} limit for one file (bundles and minified files are usually generated); --max-file-size 0 analyses it\n`);
    }
    if (result.failure) {
      io.stderr(`fipslint: ${show(file)}: ${printable(result.failure)}\n`);
      notRead.push({ path: file, reason: `not analysed: ${result.failure}` });
    }
    for (const failure of result.ruleFailures) io.stderr(`fipslint: rule ${failure.ruleId} failed on ${show(file)}: ${printable(failure.message.split('\n')[0])} (other rules still ran)\n`);
    results.push(result);
  }
  if (values.verbose) {
    if (values.config !== undefined) io.stderr(`fipslint: configuration: ${show(path.resolve(io.cwd, values.config))} (given with --config)\n`);
    else if (appliedConfigs.size === 0) io.stderr(`fipslint: configuration: none found (looked up to ${roots.map(show).join(', ')}); the defaults applied\n`);
    else for (const file of appliedConfigs) io.stderr(`fipslint: configuration: ${show(file)}\n`);
  }
  const configFiles = values.config !== undefined ? [path.resolve(io.cwd, values.config)] : [...appliedConfigs];
  // A path given that holds no file to lint is a mistake (a typo, a wrong folder), not a clean scan.
  const empty = positionals.length > 0 && results.length === 0 && notRead.length === 0;

  const cwd = io.cwd;
  const incomplete = (): boolean => {
    for (const entry of notRead) io.stderr(`fipslint: not read: ${show(entry.path)}: ${printable(entry.reason)}\n`);
    if (notRead.length) io.stderr(`fipslint: the scan is incomplete: ${notRead.length} path${notRead.length === 1 ? '' : 's'} could not be read or analysed${values['allow-incomplete'] ? ' (--allow-incomplete: the exit code follows the findings)' : ''}\n`);
    if (empty) io.stderr(`fipslint: no TypeScript or JavaScript file to scan in ${positionals.map(printable).join(', ')}\n`);
    return !values['allow-incomplete'] && (notRead.length > 0 || empty);
  };
  const emit = (text: string): boolean => {
    if (!values.output) {
      io.stdout(text);
      return true;
    }
    try {
      fs.writeFileSync(path.resolve(cwd, values.output), text);
      return true;
    } catch (error) {
      io.stderr(`fipslint: could not write the report to ${printable(values.output)} (${describeWriteError(error)})\n`);
      return false;
    }
  };
  if (values['list-suppressions']) {
    const listing = format === 'json' ? formatSuppressionsJson(results, cwd) : formatSuppressions(results, cwd);
    const written = emit(listing);
    return incomplete() || !written || writeErrors > 0 ? EXIT_USAGE : EXIT_OK;
  }
  const shownProfile = reportProfile ?? profile ?? defaults.profile;
  const shownAsOf = reportAsOf ?? asOf ?? defaults.asOf;
  const inventory = explicit.inventory ? buildInventory(results, { profile: shownProfile, asOf: shownAsOf }) : undefined;
  const projectName = path.basename(path.resolve(cwd, positionals.length === 1 ? positionals[0] : '.'));
  const relative = (file: string) => displayPath(file, cwd);
  const color = !!io.isTty && !values['no-color'] && !values.output;
  let report: string;
  switch (format) {
    case 'json':
      report = formatJson(results, cwd, { profile: shownProfile, asOf: shownAsOf, version: toolVersion(), listUnresolved: !!values.unresolved, configFiles, notRead }, inventory);
      break;
    case 'sarif':
      report = formatSarif(results, cwd, RULES, { version: toolVersion(), profile: shownProfile, listUnresolved: !!values.unresolved, configFiles, notRead });
      break;
    case 'cbom':
      report = formatCbom(inventory!, { projectName, toolVersion: toolVersion(), displayPath: relative });
      break;
    case 'html':
      report = formatHtml(results, inventory!, { projectName, toolVersion: toolVersion(), profile: shownProfile, asOf: shownAsOf, displayPath: relative });
      break;
    default:
      report =
        (inventory ? formatInventoryText(inventory, cwd, color) : '') +
        (values.unresolved ? formatUnresolvedText(results, cwd, color) : '') +
        formatText(results, cwd, color, notRead.length) +
        (values.fix ? `${fixedFiles} file${fixedFiles === 1 ? '' : 's'} fixed.\n` : '');
  }
  const written = emit(report);

  const summary = summarize(results);
  if (incomplete() || !written || writeErrors > 0) return EXIT_USAGE;
  if (summary.errors > 0) return EXIT_FINDINGS;
  if (maxWarnings >= 0 && summary.warnings > maxWarnings) {
    io.stderr(`fipslint: ${summary.warnings} warnings exceed --max-warnings ${maxWarnings}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

/** Every exception, for an auditor: where, which rules, why, until when, and whether it still applies. */
function formatSuppressions(results: FileAnalysis[], cwd: string): string {
  const lines: string[] = [];
  let count = 0;
  for (const result of results) {
    for (const s of result.suppressions) {
      count++;
      const where = `${path.relative(cwd, result.fileName) || result.fileName}:${s.line}`;
      const rules = s.rules.length ? s.rules.join(', ') : 'all rules';
      const scope = s.kind === 'block' ? 'block' : 'next line';
      lines.push(printable(`${where}  ${rules}  (${scope})  ${s.status}${s.until ? `  until ${s.until}` : ''}${s.status === 'active' ? `  ${s.suppressed} finding${s.suppressed === 1 ? '' : 's'} suppressed` : ''}`) + `\n    reason: ${printable(s.reason) || '(none)'}`);
    }
  }
  const files = results.filter((r) => r.suppressions.length).length;
  return `${lines.join('\n')}${lines.length ? '\n\n' : ''}${count} suppression${count === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.\n`;
}

function formatSuppressionsJson(results: FileAnalysis[], cwd: string): string {
  const entries = results.flatMap((result) =>
    result.suppressions.map((s) => ({
      file: path.relative(cwd, result.fileName) || result.fileName,
      line: s.line,
      kind: s.kind,
      rules: s.rules,
      reason: s.reason,
      until: s.until ?? null,
      status: s.status,
      suppressed: s.suppressed,
    })),
  );
  return JSON.stringify({ suppressions: entries }, null, 2) + '\n';
}

/** Past this a file cannot be one JavaScript string anyway; `--max-file-size` usually stops far below. */
const MAX_SOURCE_BYTES = 512 * 1024 * 1024;

/**
 * A source file's text: UTF-8 (with or without a BOM, kept), or UTF-16 when it starts with a
 * UTF-16 byte order mark, as Windows editors sometimes save. Other bytes are read as UTF-8, where
 * invalid sequences become U+FFFD and the rest still lints (`--fix` refuses such a file). Only a
 * regular file is read: a named pipe or a link to a device is refused, never waited on.
 */
function readSource(file: string): { ok: true; text: string; bytes: Buffer; utf8: boolean } | { ok: false; reason: string; code?: string } {
  const read = readRegularFile(file, MAX_SOURCE_BYTES);
  if (!read.ok) return read;
  const bytes = read.bytes;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, bytes, text: bytes.subarray(2).toString('utf16le'), utf8: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, bytes, text: Buffer.from(bytes.subarray(2)).swap16().toString('utf16le'), utf8: false };
  return { ok: true, bytes, text: bytes.toString('utf8'), utf8: true };
}



/** Apply safe fixes until none is left (fixes can uncover or overlap others), at most 10 passes. */
function fixFile(engine: Engine, file: string, original: string, first: FileAnalysis, options: AnalysisOptions): { text: string; result: FileAnalysis } {
  let text = original;
  let result = first;
  for (let pass = 0; pass < 10; pass++) {
    const fixes = result.findings.map(autoFixOf).filter((f): f is NonNullable<typeof f> => !!f);
    if (fixes.length === 0) break;
    const next = applyFixes(text, fixes);
    if (next.appliedFixes === 0 || next.text === text) break;
    text = next.text;
    result = engine.analyze(file, text, options);
  }
  return { text, result };
}

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTty: process.stdout.isTTY,
  });
}
