import { ts } from './typescript';
import { API_SIGNATURES, RELEVANT_TEXT } from './apis';
import { severityForStatus, type Operation, type PolicyContext, type Use } from './policy/status';
import { SourceProject } from './project';
import { Resolver, accessedName, append, fileIndex, skipOuterExpressions, type Origin, type Value } from './resolve';
import type { AssignmentSite, CallSite, PropertySite, ReportDescriptor, RuleContext, RuleModule } from './rule';
import { spanOfRange } from './spans';
import { applySuppressions, type SuppressionRecord } from './suppressions';
import type { AnalysisOptions, Finding, Fix, RelatedLocation, SourceSpan } from './types';
import { inventoryApis, inventoryListeners, worstStatus, type AssetDescription, type AssetUse, type InventoryEntry } from './inventory';
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
  /** Set when the file could not be analysed at all (e.g. nested beyond the parser's stack); nothing is reported for it. */
  failure?: string;
  /** The file's `fipslint-disable` directives and what became of each (for `--list-suppressions`). */
  suppressions: SuppressionRecord[];
  /** Every crypto asset the file uses, approved or not; only with `options.inventory`. */
  inventory?: InventoryEntry[];
}

/** The inventory listens through the same context rules get; it never reports. */
const INVENTORY_META: RuleMeta = { id: 'fipslint-inventory', category: 'library', description: 'crypto inventory', reference: '', standards: [], fix: 'none', apis: [] };

/**
 * The analysis engine: parses a file, walks its AST once, resolves each call's callee to an API
 * and hands it to the rules that asked for that API. No LSP, no VS Code, no file-system writes.
 */
export class Engine {
  private readonly callNames: Set<string>;
  /** With the inventory on, the APIs it listens to pass the name pre-filter too (built on first use). */
  private inventoryCallNames: Set<string> | undefined;
  private readonly assignNames: Set<string>;
  private readonly ruleIds: ReadonlySet<string>;
  private readonly judgingRules: ReadonlySet<string>;

  constructor(
    readonly rules: readonly RuleModule[],
    readonly project: SourceProject = new SourceProject(),
  ) {
    this.callNames = new Set(rules.flatMap((r) => r.meta.apis.filter((a) => !a.startsWith('assign:') && !a.startsWith('property:')).map(lastSegment)));
    this.assignNames = new Set(rules.flatMap((r) => r.meta.apis.filter((a) => a.startsWith('assign:')).map(lastSegment)));
    this.ruleIds = new Set(rules.map((r) => r.meta.id));
    this.judgingRules = new Set(rules.filter((r) => r.meta.judgesAlgorithm).map((r) => r.meta.id));
  }

  analyze(fileName: string, text: string, options: AnalysisOptions): FileAnalysis {
    const result: FileAnalysis = { fileName, findings: [], ruleFailures: [], skipped: false, suppressions: [] };
    if (!RELEVANT_TEXT.test(text)) {
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
    const sourceFile = this.project.getSourceFile(fileName, text);
    if (!sourceFile) return result;
    const resolver = new Resolver(this.project);
    const findings = new Map<string, Finding>();

    const calls = new Map<string, Array<{ ruleId: string; listener: (site: CallSite) => void }>>();
    const assignments = new Map<string, Array<{ ruleId: string; listener: (site: AssignmentSite) => void }>>();
    const properties = new Map<string, Array<{ ruleId: string; listener: (site: PropertySite) => void }>>();
    for (const rule of this.rules) {
      if (options.ruleSeverity?.[rule.meta.id] === 'off') continue;
      const context = this.contextFor(rule, sourceFile, resolver, options, findings);
      let listeners;
      try {
        listeners = rule.create(context);
      } catch (error) {
        result.ruleFailures.push({ ruleId: rule.meta.id, message: errorMessage(error) });
        continue;
      }
      for (const [api, listener] of Object.entries(listeners.calls ?? {})) append(calls, api, { ruleId: rule.meta.id, listener });
      for (const [api, listener] of Object.entries(listeners.assignments ?? {})) append(assignments, api, { ruleId: rule.meta.id, listener });
      for (const [name, listener] of Object.entries(listeners.properties ?? {})) append(properties, name, { ruleId: rule.meta.id, listener });
    }

    const uses: AssetUse[] = [];
    let callNames = this.callNames;
    if (options.inventory) {
      callNames = this.inventoryCallNames ??= new Set([...this.callNames, ...inventoryApis().map(lastSegment)]);
      const context = this.contextFor({ meta: INVENTORY_META, create: () => ({}) }, sourceFile, resolver, options, findings);
      for (const [api, listener] of Object.entries(inventoryListeners(context, (use) => uses.push(use)).calls ?? {})) append(calls, api, { ruleId: INVENTORY_META.id, listener });
    }

    const failed = new Set<string>();
    const run = <S>(entries: Array<{ ruleId: string; listener: (site: S) => void }> | undefined, site: S) => {
      for (const { ruleId, listener } of entries ?? []) {
        if (failed.has(ruleId)) continue;
        try {
          listener(site);
        } catch (error) {
          failed.add(ruleId);
          result.ruleFailures.push({ ruleId, message: errorMessage(error) });
        }
      }
    };

    for (const node of fileIndex(sourceFile).sites) {
      if (ts.isBinaryExpression(node)) {
        const target = skipOuterExpressions(node.left);
        if ((ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && this.assignNames.has(accessedName(target) ?? '')) {
          const api = resolver.resolveApi(target)?.join('.');
          if (api && assignments.has(api)) run(assignments.get(api), { api, node, sourceFile });
        }
      } else if (this.mayBeApi(node.expression, resolver, callNames)) {
        const api = resolver.resolveApi(node.expression)?.join('.');
        if (api && calls.has(api)) run(calls.get(api), makeCallSite(api, node, sourceFile, resolver));
      }
    }

    const { propertiesByName } = fileIndex(sourceFile);
    for (const [name, entries] of properties) {
      for (const node of propertiesByName.get(name) ?? []) run(entries, { name, node, sourceFile });
    }

    const sorted = [...findings.values()].sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
    const suppressed = applySuppressions(sorted, sourceFile, this.ruleIds, options.asOf);
    result.findings = suppressed.findings;
    result.suppressions = suppressed.suppressions;
    if (options.inventory) result.inventory = inventoryEntries(uses, result.findings, sourceFile, this.judgingRules);
    return result;
  }

  /** Property calls are filtered by name before any resolution; plain identifiers may be aliases. */
  private mayBeApi(callee: ts.Expression, resolver: Resolver, callNames: ReadonlySet<string>): boolean {
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

  private contextFor(rule: RuleModule, sourceFile: ts.SourceFile, resolver: Resolver, options: AnalysisOptions, findings: Map<string, Finding>): RuleContext {
    return {
      options,
      ruleOptions: options.ruleOptions?.[rule.meta.id] ?? {},
      profile: options.profile,
      resolver,
      sourceFile,
      policy: (operation, use) => policyContext(options, operation, use),
      report: (descriptor) => {
        const finding = buildFinding(rule, descriptor, sourceFile, options);
        if (!finding) return;
        const key = `${finding.ruleId}:${finding.start}:${finding.end}:${finding.message}`;
        const existing = findings.get(key);
        if (existing) {
          for (const related of finding.related) {
            if (!existing.related.some((r) => r.file === related.file && r.start === related.start)) existing.related.push(related);
          }
        } else {
          findings.set(key, finding);
        }
      },
      strings: (expression) => resolver.knownValues(expression).filter((v): v is Extract<Value, { kind: 'string' }> => v.kind === 'string'),
      numbers: (expression) => resolver.knownValues(expression).filter((v): v is Extract<Value, { kind: 'number' }> => v.kind === 'number'),
      properties: (expression, name) => resolver.propertyHits(expression, name),
      valuesOf: (hit) => resolver.knownValues(hit.value, [...hit.via, { sourceFile: hit.sourceFile, node: hit.property }]),
    };
  }
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

function buildFinding(rule: RuleModule, descriptor: ReportDescriptor, sourceFile: ts.SourceFile, options: AnalysisOptions): Finding | undefined {
  const statusSeverity = severityForStatus(descriptor.status);
  if (!statusSeverity) return undefined;
  const configured = options.ruleSeverity?.[rule.meta.id];
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
    if (!contains(descriptor.site, origin.node)) {
      related.push(relatedAt({ sourceFile, node: descriptor.site }, 'used here'));
    }
  } else {
    primary = { sourceFile, node: descriptor.site };
    if (origin) {
      related.push(relatedAt(origin, 'value defined here'));
    }
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
    // An edit outside this file changes code other callers share: never automatic.
    const safety = edits.every((e) => e.file === sourceFile.fileName) ? fix.safety : 'suggestion';
    fixes.push({ title: fix.title, safety, preferred: !!fix.preferred, edits });
  }
  if (fixes.length > 0 && !fixes.some((f) => f.preferred)) fixes[0].preferred = true;

  let message = descriptor.message;
  if (descriptor.fipsRuntime === 'throws') message += ' Throws under node --enable-fips.';
  else if (descriptor.fipsRuntime === 'runs') message += ' Runs without error under node --enable-fips.';

  return {
    ruleId: rule.meta.id,
    category: rule.meta.category,
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

export function spanOf(origin: Origin): SourceSpan {
  const { sourceFile, node } = origin;
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
