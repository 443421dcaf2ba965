import type { ts } from './typescript';
import { API_SIGNATURES } from './apis';
import type { Operation, PolicyContext, Status, Use } from './policy/status';
import type { Origin, PropertyHit, Resolver, StringValue, NumberValue, Value } from './resolve';
import type { AnalysisOptions, Category, FipsRuntime, FixSafety, ProfileId, Severity, TextEdit } from './types';

/**
 * What a rule is: metadata (used by the CLI, SARIF, docs and the language server), and a
 * `create` that returns listeners for the API calls and assignments it wants to see. The
 * analyzer walks each file once and hands every rule only the calls it subscribed to.
 */
export interface RuleMeta {
  id: string;
  category: Category;
  /** One line: what the rule finds. */
  description: string;
  /** Section of `shared/docs/fips-reference.md` the rule implements. */
  reference: string;
  /** Standards the findings cite. */
  standards: string[];
  /** `safe`: `--fix` applies the preferred fix; `suggestion`: fixes change behaviour and a person picks; `none`. */
  fix: FixSafety | 'mixed' | 'none';
  /** What the rule looks at (for the docs page and the registry test). */
  apis: string[];
  /**
   * Its findings judge the algorithm, curve, size, padding or protocol version itself (not a key, IV,
   * iteration count or certificate check), so the inventory lists the asset at that call with the
   * finding's status.
   */
  judgesAlgorithm?: boolean;
  /**
   * Runs only when a configuration file, a setting or `--rule` turns it on: a policy some teams
   * hold (FedRAMP's FIPS endpoints) and others do not.
   */
  offByDefault?: boolean;
  /** Options a configuration file may give the rule (`"rules": { "<id>": ["warning", { ... }] }`). */
  options?: Record<string, RuleOptionSpec>;
}

/** One rule option: its JSON type and what it does (used for validation, the JSON Schema and docs). */
export interface RuleOptionSpec {
  type: 'string-array' | 'boolean' | 'number';
  description: string;
}

export interface CallSite {
  api: string;
  node: ts.CallExpression | ts.NewExpression;
  sourceFile: ts.SourceFile;
  /** The argument in `role` (see `API_SIGNATURES`). */
  argument(role: string): ts.Expression | undefined;
  /** The options object argument, wherever it stands (`tls.connect(port, host, options)`). */
  optionsArgument(): ts.Expression | undefined;
}

export interface AssignmentSite {
  api: string;
  node: ts.BinaryExpression;
  sourceFile: ts.SourceFile;
}

/**
 * A property set by name, wherever the object goes (a config module, a ternary, an unknown
 * library): in an object literal (`name: value`) or by assignment (`config.ssl.name = value`).
 */
export interface PropertySite {
  name: string;
  node: ts.PropertyAssignment | ts.BinaryExpression;
  /** The value written. */
  value: ts.Expression;
  sourceFile: ts.SourceFile;
}

export interface RuleListeners {
  calls?: Record<string, (site: CallSite) => void>;
  assignments?: Record<string, (site: AssignmentSite) => void>;
  /** By property name, set in a literal or by assignment; the rule's `meta.apis` lists them as `property:<name>`. */
  properties?: Record<string, (site: PropertySite) => void>;
}

export interface FixDescriptor {
  title: string;
  safety: FixSafety;
  preferred?: boolean;
  edits: Array<TextEdit | undefined>;
}

export interface ReportDescriptor {
  /** The offending value; the finding sits on it when it is written in this file. */
  value?: Value;
  /** Where the finding sits when there is no value, or the value is written in another file. */
  site: ts.Node;
  status: Status;
  /** For "should" findings the status table has no word for (e.g. pinning TLS 1.2): the severity to use instead. */
  severity?: Severity;
  message: string;
  fixes?: Array<FixDescriptor | undefined>;
  fipsRuntime?: FipsRuntime;
  related?: Array<{ origin: Origin; message: string }>;
}

export interface RuleContext {
  readonly options: AnalysisOptions;
  /** This rule's options from the configuration file (already checked against `meta.options`). */
  readonly ruleOptions: Readonly<Record<string, unknown>>;
  readonly profile: ProfileId;
  readonly resolver: Resolver;
  readonly sourceFile: ts.SourceFile;
  policy(operation?: Operation, use?: Use): PolicyContext;
  report(descriptor: ReportDescriptor): void;
  /** Known string values of an expression (literals, constants, templates...). */
  strings(expression: ts.Expression | undefined): StringValue[];
  numbers(expression: ts.Expression | undefined): NumberValue[];
  /** Properties named `name` of the objects `expression` can be. */
  properties(expression: ts.Expression | undefined, name: string): PropertyHit[];
  /** Known values of a property hit. */
  valuesOf(hit: PropertyHit): Value[];
}

export interface RuleModule {
  meta: RuleMeta;
  create(context: RuleContext): RuleListeners;
}

/** Identity helper that type-checks a rule and keeps its metadata next to its matcher. */
export function defineRule(rule: RuleModule): RuleModule {
  for (const api of rule.meta.apis) {
    if (!api.startsWith('assign:') && !api.startsWith('property:') && !(api in API_SIGNATURES) && !api.includes(' ')) {
      throw new Error(`rule ${rule.meta.id}: unknown API ${api}`);
    }
  }
  return rule;
}

/**
 * Test cases of a rule, kept in the rule's folder (`cases.ts`) and run by `test/rules.test.ts`.
 * An expected finding names its line and the exact source text under its range.
 */
export interface RuleCase {
  name?: string;
  code: string;
  profile?: ProfileId;
  asOf?: string;
  anticipate131Ar3?: boolean;
  /** The rule's options, as a configuration file would give them. */
  options?: Record<string, unknown>;
  /** Defaults to `case.ts`; use `.js` for JavaScript. */
  filename?: string;
}

export interface ExpectedFinding {
  line: number;
  /** The exact text the finding's range covers. */
  text: string;
  severity?: Severity;
  /** A piece of the message. */
  message?: string;
}

export interface InvalidRuleCase extends RuleCase {
  errors: ExpectedFinding[];
  /** The code after every finding's preferred fix; `null` when no finding offers a fix. */
  output: string | null;
}

export interface RuleCases {
  valid: Array<RuleCase | string>;
  invalid: InvalidRuleCase[];
}
