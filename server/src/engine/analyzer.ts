import * as path from 'node:path';
import { ts } from './typescript';
import { API_SIGNATURES, REACH_TEXT, RELEVANT_TEXT } from './apis';
import { severityForStatus, type Operation, type PolicyContext, type Use } from './policy/status';
import { SourceProject } from './project';
import { Resolver, accessedName, append, skipOuterExpressions, type Origin, type Value } from './resolve';
import { statementIndex, type FileIndex } from './file-index';
import { MAX_CALL_HOPS } from './resolve/budget';
import { callSitesWithin, functionName } from './resolve/functions';
import type { AssignmentSite, CallSite, PropertySite, ReportDescriptor, RuleContext, RuleModule } from './rule';
import { spanOfRange } from './spans';
import { applySuppressions, type SuppressionRecord } from './suppressions';
import { planReuse, retainedRun, statementNames, type RetainedRun, type ReusePlan } from './incremental';
import type { AnalysisOptions, Finding, Fix, RelatedLocation, SourceSpan } from './types';
import { inventoryApis, inventoryListeners, worstStatus, type AssetDescription, type AssetUse, type InventoryEntry } from './inventory';
import { unresolvedApis, unresolvedListeners, type UnresolvedSite } from './unresolved';
import type { RuleMeta } from './rule';

export interface RuleFailure {
  ruleId: string;
  message: string;
}

export interface FileAnalysis {
  fileName: string;
  findings: Finding[];
  /** Rules that threw on this file: reported, never fatal. */
  ruleFailures: RuleFailure[];
  /** True when the cheap text check showed the file cannot contain a finding. */
  skipped: boolean;
  /** Set when the file mentions crypto but is over `maxFileChars`: it was not parsed, and says so. */
  tooLarge?: { chars: number; limit: number };
  /** Findings left out of `findings` by the language server's analysis worker (it returns the first few thousand). */
  omittedFindings?: number;
  /** Set when the file could not be analysed at all (e.g. nested beyond the parser's stack); nothing is reported for it. */
  failure?: string;
  /** The file's `fipslint-disable` directives and what became of each (for `--list-suppressions`). */
  suppressions: SuppressionRecord[];
  /** Every crypto asset the file uses, approved or not; only with `options.inventory`. */
  inventory?: InventoryEntry[];
  /** Crypto call sites whose algorithm, size, curve or TLS setting is known only at run time; only with `options.unresolved`. */
  unresolved?: UnresolvedSite[];
  /** The file is test code (`options.testFile`): its findings carry `test: true`. */
  test?: boolean;
}

/** The inventory listens through the same context rules get; it never reports. */
const INVENTORY_META: RuleMeta = { id: 'fipslint-inventory', category: 'library', description: 'crypto inventory', reference: '', standards: [], fix: 'none', apis: [] };
const UNRESOLVED_META: RuleMeta = { ...INVENTORY_META, id: 'fipslint-unresolved', description: 'unresolved crypto call sites' };

type Listener<S> = { ruleId: string; listener: (site: S) => void };

/**
 * The analysis engine: parses a file, walks its AST once, resolves each call's callee to an API
 * and hands it to the rules that asked for that API. No LSP, no VS Code, no file-system writes.
 */
export class Engine {
  private readonly callNames: Set<string>;
  /** With the inventory or the unresolved sites on, the APIs they listen to pass the name pre-filter too (built on first use). */
  private readonly extendedCallNames = new Map<string, Set<string>>();
  private readonly assignNames: Set<string>;
  private readonly ruleIds: ReadonlySet<string>;
  private readonly judgingRules: ReadonlySet<string>;
  /** Every API some rule listens to: a call into another module is followed only if it can reach one. */
  private readonly ruleApis: ReadonlySet<string>;
  /**
   * With `keepForEdits`, the last analysis of the most recently analysed files, by path: the next
   * version of such a file runs only the statements an edit can have changed (`incremental.ts`).
   */
  private readonly retained = new Map<string, RetainedRun>();
  private readonly keepForEdits: number;
  /** How many of the file's top-level statements the last analysis ran (the rest were carried over from the previous version). */
  lastRun: { statements: number; ran: number } | undefined;

  constructor(
    readonly rules: readonly RuleModule[],
    readonly project: SourceProject = new SourceProject(),
    /** How many files' last analyses to keep for reuse after an edit (a language server's open files); 0 for a scan. */
    { keepForEdits = 0 }: { keepForEdits?: number } = {},
  ) {
    this.keepForEdits = keepForEdits;
    const callApis = rules.flatMap((r) => r.meta.apis.filter((a) => !a.startsWith('assign:') && !a.startsWith('property:') && !a.includes(' ')));
    this.callNames = new Set(callApis.map(lastSegment));
    this.ruleApis = new Set(callApis);
    this.assignNames = new Set(rules.flatMap((r) => r.meta.apis.filter((a) => a.startsWith('assign:')).map(lastSegment)));
    this.ruleIds = new Set(rules.map((r) => r.meta.id));
    this.judgingRules = new Set(rules.filter((r) => r.meta.judgesAlgorithm).map((r) => r.meta.id));
  }

  analyze(fileName: string, text: string, options: AnalysisOptions): FileAnalysis {
    const result: FileAnalysis = { fileName, findings: [], ruleFailures: [], skipped: false, suppressions: [], ...(options.testFile ? { test: true } : {}) };
    const mentions = this.note(fileName, text);
    if (!mentions && !this.project.reach.namesRelevantExport(path.resolve(fileName), text)) {
      result.skipped = true;
      return result;
    }
    if (options.maxFileChars > 0 && text.length > options.maxFileChars) {
      result.tooLarge = { chars: text.length, limit: options.maxFileChars };
      return result;
    }
    try {
      return this.analyzeParsed(fileName, text, options, result);
    } catch (error) {
      // The TypeScript parser recurses; thousands of nested parentheses exhaust the stack.
      result.findings = [];
      result.unresolved = undefined;
      result.failure =
        error instanceof RangeError
          ? 'the file is nested too deeply to parse (thousands of levels); it was not analysed'
          : `internal error while analysing the file: ${errorMessage(error).split('\n')[0]}`;
      this.project.forget(fileName);
      return result;
    }
  }

  private analyzeParsed(fileName: string, text: string, options: AnalysisOptions, result: FileAnalysis): FileAnalysis {
    this.project.trim();
    const key = path.resolve(fileName);
    const previous = this.retained.get(key);
    this.retained.delete(key);
    const reads = this.keepForEdits > 0 ? this.project.startReadLog() : undefined;
    let sourceFile: ts.SourceFile | undefined;
    let run: FileRun;
    let reuse: ReusePlan | undefined;
    const optionsKey = JSON.stringify(options);
    try {
      sourceFile = this.project.getSourceFile(fileName, text);
      if (!sourceFile) return result;
      reuse = previous && !options.inventory && !options.unresolved ? planReuse(previous, sourceFile, optionsKey, this.project) : undefined;
      run = this.runRules(sourceFile, options, result, reuse);
      if (reuse && !run.complete) {
        // A rule failure or a limit makes what a statement finds depend on the rest of the file: all of it runs.
        result.ruleFailures = [];
        reuse = undefined;
        run = this.runRules(sourceFile, options, result, undefined);
      }
    } finally {
      this.project.stopReadLog();
    }

    const statementFindings = run.statementFindings.map((own, i) => own ?? reuse?.carried[i] ?? []);
    if (reads && run.complete && !options.inventory && !options.unresolved) {
      const names = reuse?.names ?? sourceFile.statements.map(statementNames);
      this.retain(key, retainedRun(sourceFile, optionsKey, reads, names, statementFindings));
    }
    this.lastRun = { statements: sourceFile.statements.length, ran: reuse ? reuse.run.size : sourceFile.statements.length };

    const sorted = mergeFindings(statementFindings).sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
    const suppressed = applySuppressions(sorted, sourceFile, this.ruleIds, options.asOf);
    // Test code, problems with suppression comments included, is marked and follows `testFindings`.
    result.findings = options.testFile ? asTestCode(suppressed.findings, options.testFindings) : suppressed.findings;
    result.suppressions = suppressed.suppressions;
    if (options.inventory) result.inventory = inventoryEntries(run.uses, suppressed.findings, sourceFile, this.judgingRules).map((entry) => (options.testFile ? { ...entry, test: true } : entry));
    if (options.unresolved) result.unresolved = withoutFindings(run.unresolved, suppressed.findings);
    return result;
  }

  /** Runs the rules over the file, or (`reuse`) over the statements an edit can have changed. */
  private runRules(sourceFile: ts.SourceFile, options: AnalysisOptions, result: FileAnalysis, reuse: ReusePlan | undefined): FileRun {
    const run = new FileRun({ project: this.project, assignNames: this.assignNames, ruleApis: this.ruleApis }, sourceFile, options, result);
    for (const rule of this.rules) {
      const setting = options.ruleSeverity?.[rule.meta.id];
      if (setting === 'off' || (rule.meta.offByDefault && setting === undefined)) continue;
      run.addListeners(rule.meta, (context) => rule.create(context), false);
    }
    if (options.inventory) run.addListeners(INVENTORY_META, (context) => inventoryListeners(context, (use) => run.uses.push(use)), true);
    if (options.unresolved) run.addListeners(UNRESOLVED_META, (context) => unresolvedListeners(context, (site) => run.unresolved.push(site)), true);
    run.walk(this.callNamesFor(options), reuse?.run);
    return run;
  }

  private retain(key: string, run: RetainedRun): void {
    this.retained.set(key, run);
    for (const oldest of this.retained.keys()) {
      if (this.retained.size <= this.keepForEdits) break;
      this.retained.delete(oldest);
    }
  }

  /** Drops what is kept of a file's last analysis (its editor closed). */
  release(fileName: string): void {
    this.retained.delete(path.resolve(fileName));
  }

  /**
   * Records what the cross-module checks need to know of a file's text (whether it mentions crypto,
   * which modules it imports) without analysing it; true when it mentions crypto. A language server
   * notes a workspace's files this way once, so later questions about them read nothing.
   */
  note(fileName: string, text: string): boolean {
    const mentions = RELEVANT_TEXT.test(text);
    this.project.reach.note(path.resolve(fileName), mentions && REACH_TEXT.test(text), text);
    return mentions;
  }

  private callNamesFor(options: AnalysisOptions): ReadonlySet<string> {
    if (!options.inventory && !options.unresolved) return this.callNames;
    const key = `${!!options.inventory}|${!!options.unresolved}`;
    let names = this.extendedCallNames.get(key);
    if (!names) {
      names = new Set(this.callNames);
      if (options.inventory) for (const api of inventoryApis()) names.add(lastSegment(api));
      if (options.unresolved) for (const api of unresolvedApis()) names.add(lastSegment(api));
      this.extendedCallNames.set(key, names);
    }
    return names;
  }
}

/**
 * One finding per rule, span and message: a value defined once and used by several calls is one
 * finding whose related locations list every use (in statement order, then report order).
 */
function mergeFindings(statementFindings: ReadonlyArray<readonly Finding[]>): Finding[] {
  const merged = new Map<string, Finding>();
  for (const findings of statementFindings) {
    for (const finding of findings) {
      const key = `${finding.ruleId}:${finding.start}:${finding.end}:${finding.message}`;
      const existing = merged.get(key);
      if (!existing) {
        merged.set(key, finding);
        continue;
      }
      const extra = finding.related.filter((r) => !existing.related.some((e) => e.file === r.file && e.start === r.start));
      // Kept findings are shared with the retained statements: merged into a copy, never in place.
      if (extra.length) merged.set(key, { ...existing, related: [...existing.related, ...extra] });
    }
  }
  return [...merged.values()];
}

/** What every file's run shares with the engine. */
interface EngineTables {
  project: SourceProject;
  /** Property names of the assignments rules listen to (`assign:` APIs). */
  assignNames: ReadonlySet<string>;
  ruleApis: ReadonlySet<string>;
}

/**
 * Where a rule's call listener is running: the file's own call, or (`through`) a call the file
 * makes into a function of another module, whose crypto call is evaluated with that function's
 * parameters bound to the file's arguments.
 */
interface Frame {
  resolver: Resolver;
  /** The call in the analysed file that leads to the site, and the functions it passed through. */
  through?: { call: ts.Node; functions: ts.SignatureDeclaration[] };
}

/** One file's analysis: its listeners, its findings and the frame listeners run in. */
class FileRun {
  /** Per top-level statement that ran: the findings of its sites, in report order (undefined: it did not run). */
  readonly statementFindings: Array<Finding[] | undefined>;
  readonly uses: AssetUse[] = [];
  readonly unresolved: UnresolvedSite[] = [];
  private readonly calls = new Map<string, Array<Listener<CallSite>>>();
  private readonly assignments = new Map<string, Array<Listener<AssignmentSite>>>();
  private readonly properties = new Map<string, Array<Listener<PropertySite>>>();
  /** Listeners that only look at the file's own calls (the inventory, unresolved sites). */
  private readonly ownCallsOnly = new Set<string>();
  private readonly failed = new Set<string>();
  private readonly rootResolver: Resolver;
  /** The findings of the statement whose sites are being dispatched. */
  private bucket: Finding[] = [];
  private frame: Frame;
  /** The node being dispatched in the analysed file: a finding whose site is elsewhere sits here. */
  private current: ts.Node;
  /** Per function: whether it can reach an API some rule listens to (so a call into it is worth following). */
  private readonly reachesApi = new Map<ts.SignatureDeclaration, boolean>();

  constructor(
    private readonly tables: EngineTables,
    readonly sourceFile: ts.SourceFile,
    private readonly options: AnalysisOptions,
    private readonly result: FileAnalysis,
  ) {
    this.rootResolver = new Resolver(tables.project);
    this.frame = { resolver: this.rootResolver };
    this.current = sourceFile;
    this.statementFindings = sourceFile.statements.map(() => undefined);
  }

  /** No rule failed and no limit cut a question short: what each statement found depends on nothing else the run did. */
  get complete(): boolean {
    return this.failed.size === 0 && this.rootResolver.budget.limitsReached === 0;
  }

  /** Listeners of a rule (or of the inventory, or the unresolved sites: `ownCallsOnly`, never through calls into other modules). */
  addListeners(meta: RuleMeta, create: (context: RuleContext) => ReturnType<RuleModule['create']>, ownCallsOnly: boolean): void {
    let listeners;
    try {
      listeners = create(this.contextFor(meta));
    } catch (error) {
      this.result.ruleFailures.push({ ruleId: meta.id, message: errorMessage(error) });
      return;
    }
    if (ownCallsOnly) this.ownCallsOnly.add(meta.id);
    for (const [api, listener] of Object.entries(listeners.calls ?? {})) append(this.calls, api, { ruleId: meta.id, listener });
    for (const [api, listener] of Object.entries(listeners.assignments ?? {})) append(this.assignments, api, { ruleId: meta.id, listener });
    for (const [name, listener] of Object.entries(listeners.properties ?? {})) append(this.properties, name, { ruleId: meta.id, listener });
  }

  /** Dispatches the file's sites to the listeners, statement by statement; `only`: the statements to run (all by default). */
  walk(callNames: ReadonlySet<string>, only?: ReadonlySet<number>): void {
    const statements = this.sourceFile.statements;
    for (let i = 0; i < statements.length; i++) {
      if (only && !only.has(i)) continue;
      const index = statementIndex(statements[i]);
      this.bucket = this.statementFindings[i] = [];
      for (const node of index.sites) this.dispatch(node, callNames);
      for (const [name, entries] of this.properties) {
        for (const node of index.propertiesByName.get(name) ?? []) this.dispatchProperty(entries, name, node, node.initializer);
        for (const node of index.propertyWritesByName.get(name) ?? []) this.dispatchProperty(entries, name, node, node.right);
      }
    }
  }

  private dispatchProperty(entries: Array<Listener<PropertySite>>, name: string, node: ts.PropertyAssignment | ts.BinaryExpression, value: ts.Expression): void {
    this.current = node;
    this.run(entries, { name, node, value, sourceFile: this.sourceFile });
  }

  private dispatch(node: FileIndex['sites'][number], callNames: ReadonlySet<string>): void {
    const resolver = this.rootResolver;
    this.current = node;
    if (ts.isBinaryExpression(node)) {
      const target = skipOuterExpressions(node.left);
      if ((ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && this.tables.assignNames.has(accessedName(target) ?? '')) {
        const api = resolver.resolveApi(target)?.join('.');
        if (api && this.assignments.has(api)) this.run(this.assignments.get(api), { api, node, sourceFile: this.sourceFile });
      }
      return;
    }
    const api = mayBeApi(node.expression, resolver, callNames) ? resolver.resolveApi(node.expression)?.join('.') : undefined;
    if (api && this.calls.has(api)) this.run(this.calls.get(api), makeCallSite(api, node, this.sourceFile, resolver));
    else if (!api && (node.arguments?.length ?? 0) > 0 && this.leadsToCrypto(node.expression, resolver)) this.followCall(node, resolver, [], 0);
  }

  /** Whether a callee is an export of a project module that can lead to crypto (see `relevance.ts`). */
  private leadsToCrypto(callee: ts.Expression, resolver: Resolver): boolean {
    const named = projectCallee(callee, resolver);
    if (!named) return false;
    const target = this.tables.project.resolveRelativeModule(this.sourceFile.fileName, named.specifier);
    if (!target) return false;
    const exports = this.tables.project.reach.relevantExports(target);
    return exports.has(named.name) || exports.has('*');
  }

  /**
   * A call into a function of another module (`digest('md5', data)` with `digest` in
   * `utils/hash.ts`): the crypto calls inside it, and inside the functions it calls in turn (up to
   * MAX_CALL_HOPS), are handed to the rules in a frame where its parameters are this call's
   * arguments. Only findings whose value this file supplies are kept; the rest belong to the
   * function's own file.
   */
  private followCall(call: ts.CallExpression | ts.NewExpression, caller: Resolver, functions: ts.SignatureDeclaration[], hops: number): void {
    if (hops >= MAX_CALL_HOPS) return;
    for (const value of caller.values(call.expression, 1)) {
      if (value.kind !== 'function' || functions.includes(value.node) || value.node.getSourceFile() === this.sourceFile) continue;
      const fn = value.node;
      if (!this.canReachApi(fn, caller, 0)) continue;
      const frame = caller.bind(fn, call);
      const chain = [...functions, fn];
      for (const inner of callSitesWithin(fn)) {
        // What an inner call names does not depend on the frame's arguments: the file's resolver answers once per analysis.
        const api = this.rootResolver.resolveApi(inner.expression)?.join('.');
        if (api && this.calls.has(api)) {
          const entries = this.calls.get(api)!.filter((entry) => !this.ownCallsOnly.has(entry.ruleId));
          const saved = this.frame;
          this.frame = { resolver: frame, through: { call: this.current, functions: chain } };
          try {
            this.run(entries, makeCallSite(api, inner, inner.getSourceFile(), frame));
          } finally {
            this.frame = saved;
          }
        } else if (!api && (inner.arguments?.length ?? 0) > 0) {
          this.followCall(inner, frame, chain, hops + 1);
        }
      }
    }
  }

  /** Whether a function's calls (or its callees' calls, a few levels down) include an API a rule listens to. */
  private canReachApi(fn: ts.SignatureDeclaration, resolver: Resolver, level: number): boolean {
    const known = this.reachesApi.get(fn);
    if (known !== undefined) return known;
    this.reachesApi.set(fn, false); // cycle guard
    const { ruleApis } = this.tables;
    let reaches = false;
    for (const inner of callSitesWithin(fn)) {
      const api = resolver.resolveApi(inner.expression)?.join('.');
      if (api ? ruleApis.has(api) : level < MAX_CALL_HOPS && resolver.values(inner.expression, 1).some((v) => v.kind === 'function' && v.node !== fn && this.canReachApi(v.node, resolver, level + 1))) {
        reaches = true;
        break;
      }
    }
    this.reachesApi.set(fn, reaches);
    return reaches;
  }

  private run<S>(entries: Array<Listener<S>> | undefined, site: S): void {
    for (const { ruleId, listener } of entries ?? []) {
      if (this.failed.has(ruleId)) continue;
      try {
        listener(site);
      } catch (error) {
        this.failed.add(ruleId);
        this.result.ruleFailures.push({ ruleId, message: errorMessage(error) });
      }
    }
  }

  private contextFor(meta: RuleMeta): RuleContext {
    const run = this;
    const options = this.options;
    return {
      options,
      ruleOptions: options.ruleOptions?.[meta.id] ?? {},
      profile: options.profile,
      get resolver() {
        return run.frame.resolver;
      },
      sourceFile: this.sourceFile,
      policy: (operation, use) => policyContext(options, operation, use),
      report: (descriptor) => this.report(meta, descriptor),
      strings: (expression) => run.frame.resolver.knownValues(expression).filter((v): v is Extract<Value, { kind: 'string' }> => v.kind === 'string'),
      numbers: (expression) => run.frame.resolver.knownValues(expression).filter((v): v is Extract<Value, { kind: 'number' }> => v.kind === 'number'),
      properties: (expression, name) => run.frame.resolver.propertyHits(expression, name),
      valuesOf: (hit) => run.frame.resolver.knownValues(hit.value, [...hit.via, { sourceFile: hit.sourceFile, node: hit.property }]),
    };
  }

  private report(meta: RuleMeta, descriptor: ReportDescriptor): void {
    const through = this.frame.through;
    // Through a call into another module, only what this file supplies is this file's finding.
    if (through && !suppliedBy(descriptor.value, this.sourceFile)) return;
    let site = descriptor.site;
    const related: Array<{ origin: Origin; message: string }> = [...(descriptor.related ?? [])];
    if (site.getSourceFile() !== this.sourceFile) {
      const inner = site;
      site = through?.call ?? this.current;
      if (through) related.push({ origin: { sourceFile: inner.getSourceFile(), node: inner }, message: `used here, in ${through.functions.map((fn) => `${functionName(fn) ?? 'a function'}()`).join(' → ')}` });
      else related.push({ origin: { sourceFile: inner.getSourceFile(), node: inner }, message: 'used here' });
    }
    const finding = buildFinding(meta, { ...descriptor, site, related }, this.sourceFile, this.options);
    if (finding) this.bucket.push(finding);
  }
}

/** Whether the value is written in the file, or passes through one of its declarations. */
function suppliedBy(value: Value | undefined, sourceFile: ts.SourceFile): boolean {
  if (!value) return false;
  return value.origin.sourceFile === sourceFile || value.via.some((step) => step.sourceFile === sourceFile);
}

/** Property calls are filtered by name before any resolution; plain identifiers may be aliases. */
function mayBeApi(callee: ts.Expression, resolver: Resolver, callNames: ReadonlySet<string>): boolean {
  const node = skipOuterExpressions(callee);
  if (ts.isIdentifier(node)) return true;
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    if (callNames.has(accessedName(node) ?? '')) return true;
    // A project module may re-export an API under another name (`module.exports = { hasher: crypto.createHash }`).
    const base = skipOuterExpressions(node.expression);
    return ts.isIdentifier(base) && resolver.isProjectModule(base);
  }
  return ts.isCallExpression(node);
}

/**
 * The project module and export a callee names, when it is a name imported from one of the
 * project's own modules (`import { digest } from './hash'` → `./hash`, `digest`;
 * `const { digest } = require('./hash')`; `hash.digest` with `hash` such a module; a default
 * import or `require` of a module that is a function → `default`). Cheap; undefined otherwise.
 */
function projectCallee(callee: ts.Expression, resolver: Resolver): { specifier: string; name: string } | undefined {
  const node = skipOuterExpressions(callee);
  let binding: ts.Identifier;
  let member: string | undefined;
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(skipOuterExpressions(node.expression))) {
    binding = skipOuterExpressions(node.expression) as ts.Identifier;
    member = node.name.text;
  } else if (ts.isIdentifier(node)) {
    binding = node;
  } else {
    return undefined;
  }
  const declaration = resolver.findDeclaration(binding);
  if (declaration?.kind === 'import') {
    if (!declaration.module.startsWith('.')) return undefined;
    const name = declaration.exportName === '*' ? member : member === undefined ? declaration.exportName : undefined;
    return name === undefined ? undefined : { specifier: declaration.module, name };
  }
  if (declaration?.kind !== 'variable' || !declaration.node.initializer || declaration.path.length > 1) return undefined;
  const init = skipOuterExpressions(declaration.node.initializer);
  const call = ts.isAwaitExpression(init) ? skipOuterExpressions(init.expression) : init;
  if (!ts.isCallExpression(call)) return undefined;
  const specifier = call.arguments[0];
  const loads = call.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(call.expression) && call.expression.text === 'require');
  if (!loads || !specifier || !ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.')) return undefined;
  const name = declaration.path[0] ?? member ?? 'default';
  return declaration.path.length === 1 && member !== undefined ? undefined : { specifier: specifier.text, name };
}

const policyContexts = new WeakMap<AnalysisOptions, Map<string, PolicyContext>>();

/** Rules ask for a policy context per call; one object per options, operation and use serves them all. */
function policyContext(options: AnalysisOptions, operation?: Operation, use?: Use): PolicyContext {
  let byKey = policyContexts.get(options);
  if (!byKey) policyContexts.set(options, (byKey = new Map()));
  const key = `${operation ?? ''}|${use ?? ''}`;
  let context = byKey.get(key);
  if (!context) byKey.set(key, (context = Object.freeze({ ...options, operation, use })));
  return context;
}

function buildFinding(meta: RuleMeta, descriptor: ReportDescriptor, sourceFile: ts.SourceFile, options: AnalysisOptions): Finding | undefined {
  const statusSeverity = severityForStatus(descriptor.status);
  if (!statusSeverity) return undefined;
  const configured = options.ruleSeverity?.[meta.id];
  if (configured === 'off') return undefined;
  // NV (approved algorithm, non-validated library) has its own configurable severity; a rule's own setting still wins.
  const nv = descriptor.status === 'NV' ? options.nvSeverity : undefined;
  if (nv === 'off') return undefined;
  const severity = configured ?? nv ?? descriptor.severity ?? statusSeverity;

  const related: RelatedLocation[] = [];
  const origin = descriptor.value?.origin;
  let primary: Origin;
  if (origin && origin.sourceFile === sourceFile) {
    primary = origin;
    if (!contains(descriptor.site, origin.node)) related.push(relatedAt({ sourceFile, node: descriptor.site }, 'used here'));
  } else {
    primary = { sourceFile, node: descriptor.site };
    if (origin) related.push(relatedAt(origin, 'value defined here'));
  }
  for (const via of descriptor.value?.via ?? []) {
    if (via.sourceFile !== sourceFile) related.push(relatedAt(via, 'through this declaration'));
  }
  for (const extra of descriptor.related ?? []) related.push(relatedAt(extra.origin, extra.message));
  if (descriptor.value?.fromType) related.push(relatedAt(descriptor.value.origin, 'value allowed by its declared type'));

  const fixes: Fix[] = [];
  // A value known only from its declared type has no literal to rewrite.
  for (const fix of descriptor.value?.fromType ? [] : (descriptor.fixes ?? [])) {
    if (!fix) continue;
    const edits = fix.edits.filter((e): e is NonNullable<typeof e> => !!e);
    if (edits.length === 0 || edits.length !== fix.edits.length) continue;
    // An edit outside this file changes code other callers share: never automatic, and the title says where.
    const elsewhere = [...new Set(edits.filter((e) => e.file !== sourceFile.fileName).map((e) => path.basename(e.file)))];
    const safety = elsewhere.length === 0 ? fix.safety : 'suggestion';
    const title = elsewhere.length === 0 ? fix.title : `${fix.title} in ${elsewhere.join(', ')}`;
    fixes.push({ title, safety, preferred: !!fix.preferred, edits });
  }
  if (fixes.length > 0 && !fixes.some((f) => f.preferred)) fixes[0].preferred = true;

  let message = descriptor.message;
  if (descriptor.fipsRuntime === 'throws') message += ' Throws under node --enable-fips.';
  else if (descriptor.fipsRuntime === 'runs') message += ' Runs without error under node --enable-fips.';

  return {
    ruleId: meta.id,
    category: meta.category,
    severity,
    message,
    ...spanOf(primary),
    related,
    fixes,
    fipsRuntime: descriptor.fipsRuntime,
    status: descriptor.status,
  };
}

/**
 * One entry per asset and call; each names the rules with a finding inside the call. Where the call
 * uses one asset, a finding about that asset's kind (not its key or IV) decides its status when it
 * is worse, so the inventory and the findings give one verdict.
 */
function inventoryEntries(uses: readonly AssetUse[], findings: readonly Finding[], sourceFile: ts.SourceFile, judgingRules: ReadonlySet<string>): InventoryEntry[] {
  const entries = new Map<string, InventoryEntry>();
  const assetsPerCall = new Map<ts.Node, string[]>();
  for (const use of uses) append(assetsPerCall, use.node, use.asset.name);
  for (const use of uses) {
    const span = spanOf({ sourceFile, node: use.node });
    const key = `${span.start}:${span.end}:${use.asset.name}:${use.asset.library}:${use.cryptoFunction}`;
    if (entries.has(key)) continue;
    const inside = findings.filter((f) => f.file === span.file && f.start >= span.start && f.end <= span.end);
    let asset = use.asset;
    if (new Set(assetsPerCall.get(use.node)).size === 1) {
      const statuses = inside.flatMap((f) => (f.status && judgingRules.has(f.ruleId) && findingJudgesAsset(f, asset) ? [f.status] : []));
      if (statuses.length) asset = { ...asset, status: worstStatus([asset.status, ...statuses]) };
    }
    entries.set(key, { ...span, asset, cryptoFunction: use.cryptoFunction, api: use.api, findings: [...new Set(inside.map((f) => f.ruleId))].sort() });
  }
  return [...entries.values()];
}

/** TLS findings judge the protocol asset, the others the algorithm; padding findings only an asset with a padding. */
function findingJudgesAsset(finding: Finding, asset: AssetDescription): boolean {
  if (asset.assetType === 'protocol') return finding.category === 'tls';
  if (finding.category === 'padding') return asset.padding !== undefined;
  return finding.category !== 'tls';
}

/** Findings of a test file: marked, and lowered to info or left out as `testFindings` says. */
function asTestCode(findings: readonly Finding[], testFindings: AnalysisOptions['testFindings']): Finding[] {
  if (testFindings === 'off') return [];
  return findings.map((f) => ({ ...f, test: true, ...(testFindings === 'info' ? { severity: 'info' as const } : {}) }));
}

/** An unresolved site that also has a finding on the same input is a finding, not a blind spot. */
function withoutFindings(sites: readonly UnresolvedSite[], findings: readonly Finding[]): UnresolvedSite[] {
  const seen = new Set<string>();
  return sites.filter((site) => {
    const key = `${site.start}:${site.input}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return !findings.some((f) => f.start < site.call.end && f.end > site.call.start && site.category === f.category);
  });
}

export function spanOf(origin: Origin): SourceSpan {
  const node = origin.node;
  const sourceFile = ts.isSourceFile(node) ? node : node.getSourceFile();
  return ts.isSourceFile(node) ? spanOfRange(sourceFile, 0, 0) : spanOfRange(sourceFile, node.getStart(sourceFile), node.getEnd());
}

function relatedAt(origin: Origin, message: string): RelatedLocation {
  return { ...spanOf(origin), message };
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.getSourceFile() === outer.getSourceFile() && inner.pos >= outer.pos && inner.end <= outer.end;
}

function makeCallSite(api: string, node: ts.CallExpression | ts.NewExpression, sourceFile: ts.SourceFile, resolver: Resolver): CallSite {
  const args = node.arguments ? [...node.arguments] : [];
  const signature = API_SIGNATURES[api];
  let options: ts.Expression | undefined | null = null;
  return {
    api,
    node,
    sourceFile,
    argument(role) {
      const index = signature?.parameters.indexOf(role) ?? -1;
      return index >= 0 ? args[index] : undefined;
    },
    optionsArgument() {
      if (signature && !signature.optionsAnywhere) return this.argument('options');
      if (options === null) options = args.find((arg) => resolver.values(arg).some((v) => v.kind === 'object'));
      return options;
    },
  };
}

function lastSegment(api: string): string {
  const bare = api.startsWith('assign:') ? api.slice('assign:'.length) : api;
  return bare.slice(bare.lastIndexOf('.') + 1);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.message}${error.stack ? `\n${error.stack.split('\n').slice(1, 4).join('\n')}` : ''}` : String(error);
}
