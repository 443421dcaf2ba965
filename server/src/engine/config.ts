import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { RuleModule, RuleOptionSpec } from './rule';
import { lineStartsOf, position } from './spans';
import { readRegularFile } from './regular-file';
import { SUPPRESSION_ID } from './suppressions';
import { PROFILE_IDS, TEST_FINDINGS, isIsoDate, type AnalysisOptions, type ProfileId, type Severity, type TestFindings } from './types';

/**
 * `fipslint.config.json`: one configuration for the CLI, the language server and CI. Parsed
 * with positions, so every problem names its file, line and column; a file with a problem is
 * not half-applied: callers fall back to the defaults and say so.
 */
export const CONFIG_FILE_NAME = 'fipslint.config.json';

export type SeveritySetting = Severity | 'off';

/** The settings a configuration, or one of its per-path overrides, may give. */
export interface ConfigLayer {
  profile?: ProfileId;
  asOf?: string;
  anticipate131Ar3?: boolean;
  nvSeverity?: SeveritySetting;
  testFindings?: TestFindings;
  rules?: Record<string, { severity?: SeveritySetting; options?: Record<string, unknown> }>;
}

export interface FipslintConfig extends ConfigLayer {
  /** Absolute path of the file, and the folder globs are relative to. */
  file: string;
  dir: string;
  exclude: string[];
  /** Which files are test code (globs relative to the file); undefined: `DEFAULT_TEST_GLOBS`. */
  tests?: string[];
  overrides: Array<ConfigLayer & { files: string[] }>;
}

/** Where projects keep tests, fixtures and end-to-end suites, by convention (gitignore syntax). */
export const DEFAULT_TEST_GLOBS: readonly string[] = ['**/test/**', '**/tests/**', '**/__tests__/**', '**/*.test.*', '**/*.spec.*', '**/e2e/**', '**/fixtures/**'];

export interface ConfigProblem {
  file: string;
  message: string;
  /** 1-based line and column of the offending text (LSP-style lines, UTF-16 columns), its end, and its offsets. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  start: number;
  end: number;
}

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];
const LAYER_KEYS = ['profile', 'asOf', 'anticipate131Ar3', 'nvSeverity', 'testFindings', 'rules'];
const TOP_KEYS = ['$schema', ...LAYER_KEYS, 'exclude', 'tests', 'overrides'];

export function parseConfig(file: string, text: string, rules: readonly RuleModule[]): { config?: FipslintConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const lineStarts = lineStartsOf(text);
  const problem = (start: number, length: number, message: string) => {
    const { line, column } = position(lineStarts, start);
    const end = position(lineStarts, start + length);
    problems.push({ file, message, line, column, endLine: end.line, endColumn: end.column, start, end: start + length });
  };
  const at = (node: JsonNode, message: string) => problem(node.offset, node.length, message);

  // The JSON parser recurses once per level: 10,000 nested arrays overflow the stack. No valid
  // configuration nests deeper than a handful of levels.
  const tooDeep = offsetBeyondDepth(text, MAX_CONFIG_DEPTH);
  if (tooDeep !== undefined) {
    problem(tooDeep, 1, `nested more than ${MAX_CONFIG_DEPTH} levels deep; a configuration needs a few`);
    return { problems };
  }
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  } catch (error) {
    problem(0, 0, `the file could not be parsed: ${error instanceof Error ? error.message : String(error)}`);
    return { problems };
  }
  if (errors.length > 0) {
    const first = errors[0];
    problem(first.offset, first.length, `invalid JSON: ${describeParseError(printParseErrorCode(first.error))}`);
    return { problems };
  }
  if (!root || root.type !== 'object') {
    problem(root?.offset ?? 0, root?.length ?? 0, 'the configuration must be a JSON object ({ "profile": "fips-140-3", ... })');
    return { problems };
  }
  const ruleIds = new Map(rules.map((r) => [r.meta.id, r]));
  const config: FipslintConfig = { file, dir: path.dirname(file), exclude: [], overrides: [] };

  const readLayer = (object: JsonNode, layer: ConfigLayer, allowed: string[], where: string) => {
    for (const property of object.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode) continue;
      const key = String(keyNode.value);
      if (!allowed.includes(key)) {
        at(keyNode, `unknown key "${key}"${where}${suggest(key, allowed)}; the keys are ${allowed.filter((k) => k !== '$schema').join(', ')}`);
        continue;
      }
      const value = valueNode.value;
      switch (key) {
        case '$schema':
          if (valueNode.type !== 'string') at(valueNode, '"$schema" must be a string');
          break;
        case 'profile':
          if (PROFILE_IDS.includes(value as ProfileId)) layer.profile = value as ProfileId;
          else at(valueNode, `unknown profile ${JSON.stringify(value)}; use one of ${PROFILE_IDS.join(', ')}`);
          break;
        case 'asOf':
          if (typeof value === 'string' && isIsoDate(value)) layer.asOf = value;
          else at(valueNode, `"asOf" must be a date as "YYYY-MM-DD", not ${JSON.stringify(value)}`);
          break;
        case 'anticipate131Ar3':
          if (typeof value === 'boolean') layer.anticipate131Ar3 = value;
          else at(valueNode, '"anticipate131Ar3" must be true or false');
          break;
        case 'nvSeverity':
          if (SEVERITIES.includes(value)) layer.nvSeverity = value;
          else at(valueNode, `"nvSeverity" must be one of ${SEVERITIES.join(', ')}, not ${JSON.stringify(value)}`);
          break;
        case 'testFindings':
          if (TEST_FINDINGS.includes(value)) layer.testFindings = value;
          else at(valueNode, `"testFindings" must be one of ${TEST_FINDINGS.join(', ')}, not ${JSON.stringify(value)}`);
          break;
        case 'rules':
          readRules(valueNode, layer);
          break;
        case 'exclude':
          config.exclude = readGlobs(valueNode, 'exclude');
          break;
        case 'tests':
          config.tests = readGlobs(valueNode, 'tests');
          break;
        case 'overrides':
          if (valueNode.type !== 'array') {
            at(valueNode, '"overrides" must be an array of { "files": [...], ... }');
            break;
          }
          for (const [index, item] of (valueNode.children ?? []).entries()) {
            if (item.type !== 'object') {
              at(item, `overrides[${index}] must be an object with "files"`);
              continue;
            }
            const override: ConfigLayer & { files: string[] } = { files: [] };
            const filesNode = item.children?.find((p) => p.children?.[0]?.value === 'files')?.children?.[1];
            if (!filesNode) at(item, `overrides[${index}] needs "files": the globs it applies to`);
            else override.files = readGlobs(filesNode, `overrides[${index}].files`);
            const withoutFiles: JsonNode = { ...item, children: item.children?.filter((p) => p.children?.[0]?.value !== 'files') };
            readLayer(withoutFiles, override, LAYER_KEYS, ` in overrides[${index}]`);
            config.overrides.push(override);
          }
          break;
      }
    }
  };

  const readGlobs = (node: JsonNode, name: string): string[] => {
    if (node.type !== 'array' || !(node.children ?? []).every((c) => c.type === 'string')) {
      at(node, `"${name}" must be an array of glob strings (gitignore syntax, relative to ${CONFIG_FILE_NAME})`);
      return [];
    }
    return (node.children ?? []).map((c) => String(c.value));
  };

  const readRules = (node: JsonNode, layer: ConfigLayer) => {
    if (node.type !== 'object') {
      at(node, '"rules" must be an object of rule id → severity');
      return;
    }
    layer.rules = {};
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode) continue;
      const id = String(keyNode.value);
      const rule = ruleIds.get(id);
      if (!rule && id !== SUPPRESSION_ID) {
        at(keyNode, `unknown rule "${id}"${suggest(id, [...ruleIds.keys()])}; fipslint --list-rules lists them`);
        continue;
      }
      const severityNode = valueNode.type === 'array' ? valueNode.children?.[0] : valueNode;
      const optionsNode = valueNode.type === 'array' ? valueNode.children?.[1] : undefined;
      if (!severityNode || !SEVERITIES.includes(severityNode.value)) {
        at(severityNode ?? valueNode, `rule "${id}": the severity must be one of ${SEVERITIES.join(', ')} (or ["warning", { options }])`);
        continue;
      }
      const setting: { severity?: SeveritySetting; options?: Record<string, unknown> } = { severity: severityNode.value };
      if (valueNode.type === 'array' && (valueNode.children?.length ?? 0) > 2) at(valueNode.children![2], `rule "${id}": give [severity, options] only`);
      if (optionsNode) {
        const options = readRuleOptions(optionsNode, id, rule?.meta.options ?? {});
        if (options) setting.options = options;
      }
      layer.rules[id] = setting;
    }
  };

  const readRuleOptions = (node: JsonNode, id: string, specs: Record<string, RuleOptionSpec>): Record<string, unknown> | undefined => {
    const names = Object.keys(specs);
    if (node.type !== 'object') {
      at(node, `rule "${id}": options must be an object${names.length ? ` (${names.join(', ')})` : ''}`);
      return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode) continue;
      const name = String(keyNode.value);
      // Own keys only: `__proto__` or `toString` is not an option of any rule.
      const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
      if (!spec) {
        at(keyNode, names.length ? `rule "${id}" has no option "${name}"; its options are ${names.join(', ')}` : `rule "${id}" takes no options`);
        continue;
      }
      const ok =
        spec.type === 'string-array'
          ? valueNode.type === 'array' && (valueNode.children ?? []).every((c) => c.type === 'string')
          : valueNode.type === spec.type;
      if (!ok) at(valueNode, `rule "${id}": option "${name}" must be ${spec.type === 'string-array' ? 'an array of strings' : `a ${spec.type}`}`);
      else out[name] = valueNode.value ?? (valueNode.children ?? []).map((c) => c.value);
    }
    return out;
  };

  readLayer(root, config, TOP_KEYS, '');
  return problems.length ? { problems } : { config, problems };
}

/** Deeper than any configuration needs, far below what overflows the parser's stack. */
const MAX_CONFIG_DEPTH = 64;
/** A configuration is a few kilobytes; a megabyte is not one (or is `/dev/zero` behind a link). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Where brackets outside strings first nest deeper than `limit`, if they do. */
function offsetBeyondDepth(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* backslash */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return undefined;
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'malformed number',
    PropertyNameExpected: 'a property name in double quotes is expected',
    ValueExpected: 'a value is expected',
    ColonExpected: 'a colon is expected',
    CommaExpected: 'a comma is expected',
    CloseBraceExpected: 'a closing } is expected',
    CloseBracketExpected: 'a closing ] is expected',
    EndOfFileExpected: 'nothing may follow the object',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in a string',
  };
  return words[code] ?? code;
}

/** ` (did you mean "x"?)` for a near miss: one edit or a case difference away. */
function suggest(given: string, known: string[]): string {
  const lower = given.toLowerCase();
  const near = known.find((k) => k.toLowerCase() === lower) ?? known.find((k) => editDistance(k, given) <= Math.max(1, Math.floor(k.length / 6)));
  return near ? ` (did you mean "${near}"?)` : '';
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

/**
 * The configuration file that governs `startDir`: the nearest `fipslint.config.json` in it or a
 * parent folder, not above `stopDir` (the workspace folder) or, without one, the repository root.
 */
export function findConfigFile(startDir: string, stopDir?: string, exists: (file: string) => boolean = fs.existsSync): string | undefined {
  let dir = path.resolve(startDir);
  const stop = stopDir && path.resolve(stopDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (exists(candidate)) return candidate;
    if (dir === stop || (!stop && exists(path.join(dir, '.git')))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    if (stop && !parent.startsWith(stop) && parent !== stop) return undefined;
    dir = parent;
  }
}

export function loadConfig(file: string, rules: readonly RuleModule[]): { config?: FipslintConfig; problems: ConfigProblem[] } {
  const read = readRegularFile(file, MAX_CONFIG_BYTES);
  if (!read.ok) return { problems: [{ file, message: `refused to read the file: ${read.reason}`, line: 1, column: 1, endLine: 1, endColumn: 1, start: 0, end: 0 }] };
  return parseConfig(file, read.bytes.toString('utf8').replace(/^\uFEFF/, ''), rules);
}

export type LoadedConfig = ReturnType<typeof loadConfig>;

/**
 * The configuration of each source file, as the CLI and the server both need it: a file given
 * explicitly, or the nearest one above the file (not above `stopDir(file)`, the workspace
 * folder; without one, the repository root). Lookups are cached per folder and files parsed
 * once, until `clear()` (the server calls it when a configuration file changes).
 */
export class ConfigFiles {
  private readonly nearest = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, LoadedConfig>();

  constructor(
    private readonly rules: readonly RuleModule[],
    private readonly options: { explicit?: string; stopDir?: (file: string) => string | undefined; onLoad?: (file: string, loaded: LoadedConfig) => void } = {},
  ) {}

  forFile(sourceFile: string): LoadedConfig {
    const dir = path.dirname(sourceFile);
    let file = this.options.explicit;
    if (!file) {
      if (!this.nearest.has(dir)) this.nearest.set(dir, findConfigFile(dir, this.options.stopDir?.(sourceFile)));
      file = this.nearest.get(dir);
    }
    return file ? this.load(file) : { problems: [] };
  }

  /** A configuration file, loaded once. */
  load(file: string): LoadedConfig {
    let loaded = this.loaded.get(file);
    if (!loaded) {
      this.loaded.set(file, (loaded = loadConfig(file, this.rules)));
      this.options.onLoad?.(file, loaded);
    }
    return loaded;
  }

  /** What an already loaded file gave, without loading it. */
  peek(file: string): LoadedConfig | undefined {
    return this.loaded.get(file);
  }

  clear(): void {
    this.nearest.clear();
    this.loaded.clear();
  }
}

export function formatConfigProblem(problem: ConfigProblem, cwd?: string): string {
  const shown = cwd ? path.relative(cwd, problem.file) || problem.file : problem.file;
  return `${shown}:${problem.line}:${problem.column}: ${problem.message}`;
}

const matchers = new WeakMap<object, Ignore>();

function matches(globs: readonly string[], owner: object, relative: string): boolean {
  if (globs.length === 0 || !relative || relative.startsWith('..') || path.isAbsolute(relative)) return false;
  let matcher = matchers.get(owner);
  if (!matcher) matchers.set(owner, (matcher = ignore().add(globs)));
  return matcher.ignores(relative);
}

/**
 * Where the file stands relative to the configuration: excluded, or the options to analyse it with.
 * `root` (the workspace folder, the repository or the scan root) is what test globs are relative to
 * when there is no configuration file.
 */
export function optionsForFile(config: FipslintConfig | undefined, filePath: string, base: AnalysisOptions, root?: string): { excluded: boolean; options: AnalysisOptions } {
  const testFile = isTestFile(config, filePath, root);
  const tested = (options: AnalysisOptions) => (testFile ? { ...options, testFile } : options);
  if (!config) return { excluded: false, options: tested(base) };
  const relative = path.relative(config.dir, filePath).split(path.sep).join('/');
  if (matches(config.exclude, config.exclude, relative)) return { excluded: true, options: base };
  let options: AnalysisOptions = applyLayer(base, config);
  for (const override of config.overrides) if (matches(override.files, override, relative)) options = applyLayer(options, override);
  return { excluded: false, options: tested(options) };
}

/** Whether a file is test code: the configuration's `tests` globs, else the conventional ones, relative to the configuration file (or `root`). */
export function isTestFile(config: FipslintConfig | undefined, filePath: string, root?: string): boolean {
  const base = config?.dir ?? root;
  if (!base) return false;
  const relative = path.relative(base, filePath).split(path.sep).join('/');
  const globs = config?.tests ?? DEFAULT_TEST_GLOBS;
  return matches(globs, globs, relative);
}

function applyLayer(options: AnalysisOptions, layer: ConfigLayer): AnalysisOptions {
  const out: AnalysisOptions = { ...options };
  if (layer.profile) out.profile = layer.profile;
  if (layer.asOf) out.asOf = layer.asOf;
  if (layer.anticipate131Ar3 !== undefined) out.anticipate131Ar3 = layer.anticipate131Ar3;
  if (layer.nvSeverity) out.nvSeverity = layer.nvSeverity;
  if (layer.testFindings) out.testFindings = layer.testFindings;
  for (const [id, setting] of Object.entries(layer.rules ?? {})) {
    if (setting.severity) out.ruleSeverity = { ...out.ruleSeverity, [id]: setting.severity };
    if (setting.options) out.ruleOptions = { ...out.ruleOptions, [id]: setting.options };
  }
  return out;
}

/** Settings given on the command line or in the editor win over the file (README: "Configuration"). */
export function withExplicitSettings(options: AnalysisOptions, explicit: Partial<Pick<AnalysisOptions, 'profile' | 'asOf' | 'anticipate131Ar3' | 'maxFileChars' | 'nvSeverity' | 'inventory' | 'unresolved'>> & { ruleSeverity?: Record<string, SeveritySetting> }): AnalysisOptions {
  const out: AnalysisOptions = { ...options };
  for (const key of ['profile', 'asOf', 'anticipate131Ar3', 'maxFileChars', 'nvSeverity', 'inventory', 'unresolved'] as const) {
    if (explicit[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = explicit[key];
  }
  if (explicit.ruleSeverity && Object.keys(explicit.ruleSeverity).length) out.ruleSeverity = { ...out.ruleSeverity, ...explicit.ruleSeverity };
  return out;
}
