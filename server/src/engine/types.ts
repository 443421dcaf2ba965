import type { Status } from './policy/status';

/**
 * Plain data the engine hands to its callers (CLI, language server). No LSP or VS Code types:
 * positions are UTF-16 offsets into the file text, which is what both JavaScript strings and
 * LSP columns count in.
 */

export type ProfileId = 'fips-140-2' | 'fips-140-3' | 'cnsa-2.0';
export const PROFILE_IDS: readonly ProfileId[] = ['fips-140-3', 'fips-140-2', 'cnsa-2.0'];
export const DEFAULT_PROFILE: ProfileId = 'fips-140-3';

export type Severity = 'error' | 'warning' | 'info';

export type Category =
  | 'hash'
  | 'mac'
  | 'cipher'
  | 'mode'
  | 'key-size'
  | 'key-agreement'
  | 'signature'
  | 'padding'
  | 'kdf'
  | 'random'
  | 'tls'
  | 'jwt'
  /** Hard-coded or reused keys, IVs and secrets (SSP protection, FIPS 140-3 §7.9). */
  | 'key-material'
  /** Approved algorithms computed by a library that is not a validated module, and libraries without an approved algorithm. */
  | 'library'
  /** Problems with `fipslint-disable-next-line` comments themselves. */
  | 'suppression';

/** A span of a file. Lines and columns are 1-based; columns count UTF-16 code units. */
export interface SourceSpan {
  file: string;
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

/**
 * `safe` fixes keep what the program produces and consumes (same output length, same wire and
 * storage formats); `--fix` and fix-on-save apply only those. `suggestion` fixes change
 * behaviour a caller may depend on, so a person picks them.
 */
export type FixSafety = 'safe' | 'suggestion';

export interface Fix {
  title: string;
  safety: FixSafety;
  preferred: boolean;
  edits: TextEdit[];
}

export interface RelatedLocation extends SourceSpan {
  message: string;
}

/** What Node does with this call when run with `--enable-fips` (reference §3), where measured. */
export type FipsRuntime = 'throws' | 'runs';

export interface Finding extends SourceSpan {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  related: RelatedLocation[];
  fixes: Fix[];
  fipsRuntime?: FipsRuntime;
  /** The finding is in test code (`tests` globs of the configuration); counted apart from production code. */
  test?: boolean;
  /** The reference's status word for what was found (`NO`, `DEPR`, `LEGACY`, `TRANS`, `NV`); absent on problems with fipslint's own comments. */
  status?: Status;
}

export interface AnalysisOptions {
  profile: ProfileId;
  /** ISO date (YYYY-MM-DD) at which dated transitions are evaluated. */
  asOf: string;
  /** Apply the draft SP 800-131A Rev 3 ahead of publication (reference §1.3). */
  anticipate131Ar3: boolean;
  /** Per-rule severity override; `off` disables the rule. */
  ruleSeverity?: Record<string, Severity | 'off'>;
  /** Per-rule options from the configuration file, checked against the rule's `meta.options`. */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** Severity of status NV findings (approved algorithm outside a validated module); default warning. */
  nvSeverity?: Severity | 'off';
  /**
   * Files longer than this (in UTF-16 code units, about bytes) are not parsed: a tree costs some
   * 40 times its source in memory, and files this size are bundles or generated code. 0: no limit.
   */
  maxFileChars: number;
  /** Also record every crypto asset used, approved or not (`FileAnalysis.inventory`). */
  inventory?: boolean;
  /** Also list the crypto call sites whose algorithm, size, curve or TLS setting is known only at run time (`FileAnalysis.unresolved`). */
  unresolved?: boolean;
  /** The file is test code: its findings carry `test: true` and follow `testFindings`. */
  testFile?: boolean;
  /** What to do with findings in test code: report them as usual (default), lower them to info, or drop them. */
  testFindings?: TestFindings;
}

export type TestFindings = 'report' | 'info' | 'off';
export const TEST_FINDINGS: readonly TestFindings[] = ['report', 'info', 'off'];

/** 2 MiB: every hand-written module, and the trees stay far below the server's memory budget. */
export const DEFAULT_MAX_FILE_CHARS = 2 * 1024 * 1024;

/** A real calendar date written as YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function defaultAnalysisOptions(overrides: Partial<AnalysisOptions> = {}): AnalysisOptions {
  return { profile: DEFAULT_PROFILE, asOf: todayIso(), anticipate131Ar3: false, maxFileChars: DEFAULT_MAX_FILE_CHARS, ...overrides };
}
