import * as path from 'node:path';
import ignore from 'ignore';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type Hover,
  type InitializeResult,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES, RULES_BY_ID } from '../../../rules';
import { discoverFiles } from '../cli/discover';
import * as fs from 'node:fs';
import {
  CONFIG_FILE_NAME,
  ConfigFiles,
  Engine,
  SUPPRESSION_ID,
  SourceProject,
  autoFixOf,
  isSourceFileName,
  defaultAnalysisOptions,
  nonOverlappingFixes,
  optionsForFile,
  withExplicitSettings,
  type AnalysisOptions,
  type ConfigProblem,
  type Finding,
  type FipslintConfig,
  type FileAnalysis,
  type Fix,
  type RuleModule,
  type TextEdit,
  buildInventory,
  ASSET_STATUS_LABELS,
  STATUS_ORDER,
  type AssetStatus,
  type CryptoAsset,
  type CryptoInventory,
} from '../engine';
import { docsUrl, fixTitle, toDiagnostic, unresolvedDiagnostic } from './convert';
import { formatCbom } from '../reports/cbom';
import { dependencyRoute } from '../reports/deps';
import { auditDependenciesAsync, packageAssets, type DependencyAudit, type PackageAudit } from '../deps/audit';
import { defaultDependencyCacheDir, engineId } from '../deps/cache';
import { DependencyTreeError } from '../deps/installed';
import { toolVersion } from '../version';
import { DEFAULT_SETTINGS, readSettings, type FipslintSettings } from './settings';
import { OffThreadAnalyzer } from './off-thread';
import { URI } from './uri';
import { isInside } from '../engine/paths';
import { firstLossyByte, readRegularFile } from '../engine/regular-file';

export const COMMANDS = {
  showDocumentation: 'fipslint.showDocumentation',
  applyFixAll: 'fipslint.applyFixAll',
  scanWorkspace: 'fipslint.scanWorkspace',
} as const;

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.fipslint`;

/** What the client needs to insert a suppression comment as a snippet (cursor where the reason goes). */
export interface SuppressionActionData {
  uri: string;
  /** 0-based line the comment goes above. */
  line: number;
  indent: string;
  ruleId: string;
  eol: string;
}

/**
 * The crypto inventory of the workspace, for the editor's "Crypto Inventory" view: built by the
 * workspace scan, kept current as files are saved or change on disk, and sent whole on each change
 * (it is small: one entry per algorithm and place).
 */
export const INVENTORY = {
  /** Server → client: `InventoryMessage`. */
  changed: 'fipslint/inventoryChanged',
  /** Client → server: the current `InventoryMessage`, or null before the first scan. */
  get: 'fipslint/inventory',
  /** Client → server: the CycloneDX 1.6 CBOM of the current inventory (`{ json }`), or null before the first scan. */
  cbom: 'fipslint/cbom',
} as const;

export interface InventoryMessage {
  inventory: CryptoInventory;
  /** Workspace folder paths, for showing paths relative to them. */
  roots: string[];
  /** Words for each status, so every view of the inventory uses the same ones. */
  statusLabels: Record<AssetStatus, string>;
  /** Statuses worst first: the view's order. */
  statusOrder: readonly AssetStatus[];
}

/**
 * The dependency audit, for the "Dependencies" node of the Crypto Inventory view: only when the
 * user asks (a command), never at start-up; its findings never become diagnostics.
 */
export const DEPENDENCIES = {
  /** Client → server: audit each workspace folder's installed packages (`DependenciesMessage`); reports progress, cancellable. */
  audit: 'fipslint/auditDependencies',
} as const;

export interface DependencyPackageView {
  name: string;
  version: string;
  location: string;
  scope: PackageAudit['scope'];
  /** `direct`, or `via a > b`. */
  route: string;
  counts: PackageAudit['counts'];
  cryptoLibrary?: string;
  loadedFrom?: string;
  findings: number;
  notAnalysed: number;
  unresolved: number;
  /** Its crypto assets (ids unique across packages); each use may carry `reachableFrom`. */
  assets: CryptoAsset[];
}

export interface DependenciesMessage {
  /** Set when nothing was audited because the workspace is not trusted. */
  restricted?: boolean;
  cancelled?: boolean;
  folders: Array<{ root: string; error?: string; source?: string; packages: DependencyPackageView[]; audited: number; notInstalled: number; notices: string[]; cache?: { hits: number; misses: number } }>;
  statusLabels: Record<AssetStatus, string>;
  statusOrder: readonly AssetStatus[];
}

/** Saves and on-disk changes arrive in bursts (a branch switch): one inventory update per quiet half second. */
const INVENTORY_UPDATE_DELAY_MS = 500;

/**
 * Re-analysis after a keystroke (push mode) starts as soon as the change is processed: the engine
 * reparses incrementally and answers in a few milliseconds even on a 5,000-line file, so a delay
 * would only add latency. Changes that queue up during an analysis are coalesced by the timer, and
 * a result for an older version is never published.
 */
const TYPING_DELAY_MS = 0;

interface Analysis {
  version: number;
  path: string;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

/**
 * The language server: a thin layer that turns engine findings into LSP diagnostics, code
 * actions and hovers. All analysis happens in the engine; this file only translates and caches.
 */
export interface ServerOptions {
  /** The script that runs as the analysis worker (`runAnalysisWorker`); without it, everything is analysed on the main thread. */
  workerEntry?: string;
  /** Called when the client asks the server to shut down (so closing the stream afterwards is a clean exit). */
  onShutdown?: () => void;
}

/**
 * At most this many diagnostics per file are published, then one notice with the count of the
 * rest: a generated file with tens of thousands of findings would otherwise cost seconds of
 * encoding on every change and bury the Problems view. Fixes still cover every finding.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/** Files longer than this go to the worker thread (a 256 KB file takes some 100 ms to analyse here). */
const OFF_THREAD_CHARS = 256 * 1024;
/**
 * A file whose analysis took longer than this goes to the worker next time. High enough that the
 * dense 5,000-line benchmark file (about 100 ms) stays here: the worker holds a second engine and
 * its trees (some 140 MB measured), which only pathological files should cost.
 */
const SLOW_ANALYSIS_MS = 1000;

/** Files whose last analysis the engine keeps for reuse after an edit: more than the editors a user types in at once. */
const RETAINED_ANALYSES = 16;

export function startServer(connection: Connection, rules: readonly RuleModule[] = RULES, serverOptions: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const project = new SourceProject();
  // The open files being edited: a keystroke re-runs only the statements it can have changed.
  const engine = new Engine(rules, project, { keepForEdits: RETAINED_ANALYSES });
  /**
   * The workspace's source files, for finding who imports a module (a helper whose `Math.random`
   * becomes a secret elsewhere). Listed and noted in the background the first time one is asked
   * for, in slices that let requests through; until then the answer is "none", and open files are
   * re-linted once the list is ready. Changes on disk start it over.
   */
  let workspaceFiles: string[] | undefined;
  let listingWorkspace = false;
  const workspaceFilesUnder = (under: string): readonly string[] => {
    if (!workspaceFiles) {
      listWorkspaceFiles();
      return [];
    }
    return under === '' ? workspaceFiles : workspaceFiles.filter((file) => file.startsWith(under + path.sep));
  };
  const listWorkspaceFiles = (): void => {
    if (listingWorkspace) return;
    listingWorkspace = true;
    setTimeout(async () => {
      const listing = discoverFiles(workspaceRoots);
      for (const notice of listing.notices) connection.console.warn(`fipslint: did not use ${notice.path}: ${notice.reason}`);
      const files = listing.files;
      for (let i = 0; i < files.length; i++) {
        const text = project.readText(files[i]);
        if (text !== undefined) engine.note(files[i], text);
        if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
      }
      workspaceFiles = files;
      listingWorkspace = false;
      // A new list: the project's index of importers is built again from it.
      project.setProjectFiles(workspaceFilesUnder);
      relintAll();
    }, 0).unref();
  };
  project.setProjectFiles(workspaceFilesUnder);
  const offThreadAnalyzer = serverOptions.workerEntry ? new OffThreadAnalyzer(serverOptions.workerEntry, (message) => connection.console.warn(message)) : undefined;
  /** Last analysis time of files that were slow, by URI. */
  const slowFiles = new Map<string, number>();
  const inFlight = new Map<string, { version: number; promise: Promise<Analysis | undefined> }>();
  /** Rule failures already logged, so a rule that throws on every keystroke is logged once per file. */
  const loggedFailures = new Set<string>();
  const analyses = new Map<string, Analysis>();
  const settingsCache = new Map<string, Promise<FipslintSettings>>();
  /** Push mode: the diagnostics array last sent for each open document. */
  const lastPublished = new Map<string, Diagnostic[]>();
  /** Since the last settings change, the settings values already logged as taken (undefined: no change yet). */
  let settingsAnnounced: Set<string> | undefined;
  const timers = new Map<string, NodeJS.Timeout>();
  const savedVersions = new Map<string, number>();
  /**
   * The diagnostics of each open document's saved text: what `run: onSave` shows while the user
   * types, whatever a hover or a code action analyses meanwhile.
   */
  const savedDiagnostics = new Map<string, Diagnostic[]>();
  /**
   * Files whose diagnostics the workspace scan pushed. With a client that pulls, an open document's
   * diagnostics come from the pull, so the pushed copy is cleared on open (else the Problems view
   * shows both) and pushed again, fresh from disk, on close: one source per document at any time.
   */
  const scanPushed = new Set<string>();
  const excludeMatchers = new WeakMap<FipslintSettings, ReturnType<typeof ignore>>();
  let pullDiagnostics = false;
  /** Whether the client takes `workspace/diagnostic/refresh` (LSP 3.17: only when it says so). */
  let diagnosticRefresh = false;
  let configurationPull = false;
  let showDocumentSupport = false;
  let watchedFilesDynamic = false;
  let configurationDynamic = false;
  let workspaceRoots: string[] = [];
  /** False in VS Code's Restricted Mode: the workspace's own configuration is not read. */
  let workspaceTrusted = true;
  /** Configuration files: looked up up to the file's workspace folder; a file's problems are published when it is loaded. */
  const configFiles = new ConfigFiles(rules, {
    stopDir: (file) => workspaceFolderOf(file),
    onLoad: (file, loaded) => {
      if (loaded.problems.length === 0) connection.console.info(`using the configuration ${file}`);
      publishConfigProblems(file, loaded.problems);
    },
  });
  /** Configuration files whose problems were shown, with the problems shown, so a notification comes once per change. */
  const notifiedConfigs = new Map<string, string>();
  /** Per file, its analysis with the inventory and the options it had; undefined until a workspace scan ran. */
  let inventoryFiles: Map<string, { analysis: FileAnalysis; options: AnalysisOptions }> | undefined;
  const staleInventoryFiles = new Set<string>();
  let inventoryTimer: NodeJS.Timeout | undefined;

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    pullDiagnostics = !!capabilities.textDocument?.diagnostic;
    diagnosticRefresh = !!capabilities.workspace?.diagnostics?.refreshSupport;
    configurationPull = !!capabilities.workspace?.configuration;
    showDocumentSupport = !!capabilities.window?.showDocument?.support;
    watchedFilesDynamic = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    configurationDynamic = !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    workspaceRoots = (params.workspaceFolders ?? []).map((f) => URI.toPath(f.uri)).filter((p): p is string => !!p);
    // Imports are followed only inside the workspace folders (open documents are read from the editor).
    project.setReadableRoots(workspaceRoots);
    workspaceTrusted = (params.initializationOptions as { workspaceTrusted?: boolean } | undefined)?.workspaceTrusted !== false;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.SourceFixAll] },
        hoverProvider: true,
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'fipslint', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'fipslint', version: toolVersion() },
    };
  });

  connection.onInitialized(() => {
    // What "Show Output" shows: what the server is and does, at info level.
    connection.console.info(`fipslint ${toolVersion()} started (Node ${process.version}, pid ${process.pid}); workspace folders: ${workspaceRoots.join(', ') || 'none'}${workspaceTrusted ? '' : '; Restricted Mode: the workspace configuration is ignored'}`);
    // A client that refuses a registration still gets diagnostics; it only misses those notifications.
    const logRefusal = (what: string) => (error: unknown) => connection.console.warn(`the client refused to register ${what}: ${String(error)}`);
    if (configurationDynamic) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'fipslint' }).catch(logRefusal('configuration changes'));
    }
    if (watchedFilesDynamic) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}' }, { globPattern: `**/${CONFIG_FILE_NAME}` }] })
        .catch(logRefusal('file watching'));
    }
  });

  // ------------------------------------------------------------------ settings

  function settingsFor(uri: string): Promise<FipslintSettings> {
    if (!configurationPull) return Promise.resolve(DEFAULT_SETTINGS);
    let pending = settingsCache.get(uri);
    if (!pending) {
      pending = connection.workspace.getConfiguration({ scopeUri: uri, section: 'fipslint' }).then(
        (raw) => {
          const { settings, problems } = readSettings(raw);
          for (const problem of problems) connection.console.warn(problem);
          logSettingsTaken(uri, settings);
          return settings;
        },
        () => DEFAULT_SETTINGS,
      );
      settingsCache.set(uri, pending);
    }
    return pending;
  }

  /**
   * After a settings change, says what files are now linted with, once per distinct set of values
   * (one line for a single folder, one per folder whose settings differ): the moment new settings
   * reach the files is otherwise invisible, since the client applies them asynchronously.
   */
  function logSettingsTaken(uri: string, settings: FipslintSettings): void {
    if (!settingsAnnounced || !documents.get(uri)) return;
    const summary = `enable ${settings.enable}, run ${settings.run}, profile ${settings.profile ?? 'from the configuration file'}`;
    if (settingsAnnounced.has(summary)) return;
    settingsAnnounced.add(summary);
    connection.console.info(`${workspaceRelative(uri)} now lints with ${summary}`);
  }

  function workspaceRelative(uri: string): string {
    const filePath = URI.toPath(uri);
    return filePath ? workspacePath(filePath) : uri;
  }

  /** A file as people read it: relative to its workspace folder, with `/`; absolute outside them. */
  function workspacePath(filePath: string): string {
    const root = workspaceFolderOf(filePath);
    return root ? path.relative(root, filePath).split(path.sep).join('/') : filePath;
  }

  function isExcluded(filePath: string, settings: FipslintSettings): boolean {
    // A dependency's file opened from the Dependencies view (or Go to Definition): its findings
    // belong to the package-level audit, never to the editor's Problems.
    if (isDependencyFile(filePath)) return true;
    if (settings.exclude.length === 0) return false;
    let matcher = excludeMatchers.get(settings);
    if (!matcher) excludeMatchers.set(settings, (matcher = ignore().add(settings.exclude)));
    const relative = path.relative(workspaceRootFor(filePath), filePath).split(path.sep).join('/');
    return !!relative && !relative.startsWith('..') && matcher.ignores(relative);
  }

  /** Under a node_modules folder of the workspace (or anywhere, for a file outside it). */
  function isDependencyFile(filePath: string): boolean {
    const folder = workspaceFolderOf(filePath);
    return (folder ? path.relative(folder, filePath) : filePath).split(/[\\/]/).includes('node_modules');
  }

  function workspaceFolderOf(filePath: string): string | undefined {
    return workspaceRoots.find((root) => filePath !== root && isInside(filePath, root));
  }

  function workspaceRootFor(filePath: string): string {
    return workspaceFolderOf(filePath) ?? path.dirname(filePath);
  }

  // ------------------------------------------------------------------ configuration file

  /**
   * The configuration for a file: the nearest fipslint.config.json up to its workspace folder.
   * A file with problems is not applied (defaults are); its problems become diagnostics on it and
   * one notification, and the server carries on.
   */
  function configFor(filePath: string): FipslintConfig | undefined {
    if (!workspaceTrusted) return undefined;
    try {
      return configFiles.forFile(filePath).config;
    } catch (error) {
      // A configuration must never hide findings: whatever went wrong, lint with the defaults and say so.
      connection.console.error(`fipslint: the configuration for ${filePath} could not be loaded (${String(error)}); using the defaults`);
      return undefined;
    }
  }

  function publishConfigProblems(file: string, problems: ConfigProblem[]): void {
    const uri = URI.fromPath(file);
    const diagnostics: Diagnostic[] = problems.map((p) => ({
      range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.endLine - 1, character: p.endColumn - 1 } },
      severity: DiagnosticSeverity.Error,
      source: 'fipslint',
      message: `${p.message} (fipslint is using its defaults until this is fixed)`,
    }));
    void connection.sendDiagnostics({ uri, diagnostics });
    if (problems.length === 0) {
      notifiedConfigs.delete(file);
      return;
    }
    const shown = JSON.stringify(problems.map((p) => [p.start, p.message]));
    if (notifiedConfigs.get(file) === shown) return;
    notifiedConfigs.set(file, shown);
    const first = problems[0];
    connection.console.warn(`${file}:${first.line}:${first.column}: ${first.message}`);
    void connection.window.showWarningMessage(
      `fipslint: ${path.basename(file)}:${first.line}:${first.column}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}. fipslint uses its defaults until the file is fixed.`,
    );
  }

  /** Defaults, then the configuration file, then the editor settings that are given. */
  function optionsFor(filePath: string, settings: FipslintSettings, local = true): { excluded: boolean; options: AnalysisOptions } {
    // A document without a local path (another host's file:, untitled:) has no folder to look for a configuration in.
    const placed = optionsForFile(local ? configFor(filePath) : undefined, filePath, defaultAnalysisOptions(), local ? workspaceRootFor(filePath) : undefined);
    return {
      excluded: placed.excluded,
      options: withExplicitSettings(placed.options, {
        profile: settings.profile ?? undefined,
        ruleSeverity: settings.rules,
        maxFileChars: Math.round(settings.maxFileSize * 1024 * 1024),
        unresolved: settings.reportUnresolved || undefined,
      }),
    };
  }

  // ------------------------------------------------------------------ analysis

  function analyze(document: TextDocument): Promise<Analysis | undefined> {
    const cached = analyses.get(document.uri);
    if (cached && cached.version === document.version) return Promise.resolve(cached);
    // Publishing, a code action and a hover may all ask while a large file is analysed off the
    // main thread: they share one analysis of that version.
    const running = inFlight.get(document.uri);
    if (running && running.version === document.version) return running.promise;
    const promise = analyzeNow(document).finally(() => {
      if (inFlight.get(document.uri)?.promise === promise) inFlight.delete(document.uri);
    });
    inFlight.set(document.uri, { version: document.version, promise });
    return promise;
  }

  async function analyzeNow(document: TextDocument): Promise<Analysis | undefined> {
    const localPath = URI.toPath(document.uri);
    const filePath = localPath ?? document.uri;
    const remoteHost = URI.remoteHost(document.uri);
    const settings = await settingsFor(document.uri);
    // A newer version arrived while settings were fetched: that version's analysis will publish.
    if (documents.get(document.uri)?.version !== document.version) return undefined;
    let findings: Finding[] = [];
    let omitted = 0;
    const notices: Diagnostic[] = [];
    let unresolved: FileAnalysis['unresolved'];
    const placed = settings.enable && !isExcluded(filePath, settings) ? optionsFor(filePath, settings, localPath !== undefined) : undefined;
    if (placed && !placed.excluded) {
      if (remoteHost) notices.push(remoteFileNotice(remoteHost));
      const text = document.getText();
      project.setOverlay(filePath, text);
      const result = await runAnalysis(document.uri, filePath, text, placed.options);
      if (!result || documents.get(document.uri)?.version !== document.version) return undefined; // superseded by a newer version
      findings = result.findings;
      omitted = result.omittedFindings ?? 0;
      unresolved = result.unresolved;
      if (result.tooLarge) notices.push(tooLargeNotice(result.tooLarge));
      for (const failure of result.ruleFailures) {
        const key = `${document.uri}\0${failure.ruleId}\0${failure.message}`;
        if (!loggedFailures.has(key)) {
          loggedFailures.add(key);
          connection.console.error(`rule ${failure.ruleId} failed on ${filePath}: ${failure.message}`);
        }
        notices.push(ruleFailureNotice(failure.ruleId));
      }
      if (result.failure) {
        connection.console.warn(`${filePath}: ${result.failure}`);
        notices.push(analysisFailureNotice(result.failure));
      }
    }
    const analysis: Analysis = { version: document.version, path: filePath, findings, diagnostics: fileDiagnostics(document, { findings, unresolved, omittedFindings: omitted }, notices) };
    analyses.set(document.uri, analysis);
    if (savedVersions.get(document.uri) === document.version) savedDiagnostics.set(document.uri, analysis.diagnostics);
    return analysis;
  }

  /**
   * Large files, and files whose last analysis was slow, are analysed on the worker thread so
   * they cannot hold up the others; the rest on this thread, where it takes milliseconds.
   */
  async function runAnalysis(uri: string, filePath: string, text: string, options: AnalysisOptions): Promise<FileAnalysis | undefined> {
    const offThread = offThreadAnalyzer && (text.length > OFF_THREAD_CHARS || (slowFiles.get(uri) ?? 0) > SLOW_ANALYSIS_MS) && !(options.maxFileChars > 0 && text.length > options.maxFileChars);
    if (offThread) {
      try {
        return await offThreadAnalyzer.analyze(filePath, text, options);
      } catch (error) {
        return { fileName: filePath, findings: [], ruleFailures: [], skipped: false, suppressions: [], failure: (error as Error).message };
      }
    }
    const started = performance.now();
    const result = engine.analyze(filePath, text, options);
    const elapsed = performance.now() - started;
    if (elapsed > SLOW_ANALYSIS_MS) slowFiles.set(uri, elapsed);
    else slowFiles.delete(uri);
    return result;
  }

  /** Something about the file as a whole, said where the user looks: at its first line. */
  function fileNotice(severity: DiagnosticSeverity, message: string, code?: string): Diagnostic {
    return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity, source: 'fipslint', message, ...(code ? { code } : {}) };
  }

  /** A rule that threw: its findings are missing here, the others are not. */
  function ruleFailureNotice(ruleId: string): Diagnostic {
    return fileNotice(DiagnosticSeverity.Warning, `fipslint rule ${ruleId} failed on this file, so its findings are missing here; the other rules ran. The error is in the fipslint output; please report it.`, 'fipslint-internal-error');
  }

  /** A file the engine could not analyse (nested too deeply, a crash of the worker), instead of looking clean. */
  function analysisFailureNotice(failure: string): Diagnostic {
    return fileNotice(DiagnosticSeverity.Warning, `fipslint could not analyse this file: ${failure}. Other files are not affected.`, 'fipslint-not-analysed');
  }

  /** A file's diagnostics as published: its notices, at most `MAX_DIAGNOSTICS_PER_FILE` findings (then how many more), its unresolved hints. */
  function fileDiagnostics(document: TextDocument, result: Pick<FileAnalysis, 'findings' | 'unresolved' | 'omittedFindings'>, notices: Diagnostic[] = []): Diagnostic[] {
    const shown = result.findings.slice(0, MAX_DIAGNOSTICS_PER_FILE);
    const total = result.findings.length + (result.omittedFindings ?? 0);
    const more = shown.length < total ? [moreFindingsNotice(shown.length, total)] : [];
    const hints = (result.unresolved ?? []).slice(0, MAX_DIAGNOSTICS_PER_FILE).map((site) => unresolvedDiagnostic(site, document));
    return [...notices, ...more, ...shown.map((f) => diagnosticOf(f, document)), ...hints];
  }

  /**
   * One diagnostic per finding object. The engine hands over the same finding object after an
   * edit only when none of its offsets, lines or columns moved (`incremental.ts`), so its
   * diagnostic is still right: typing in a dense file rebuilds only what changed.
   */
  const diagnosticByFinding = new WeakMap<Finding, Diagnostic>();
  function diagnosticOf(finding: Finding, document: TextDocument): Diagnostic {
    let diagnostic = diagnosticByFinding.get(finding);
    if (!diagnostic) diagnosticByFinding.set(finding, (diagnostic = toDiagnostic(finding, document)));
    return diagnostic;
  }

  function moreFindingsNotice(shown: number, total: number): Diagnostic {
    return fileNotice(
      DiagnosticSeverity.Information,
      `fipslint found ${total.toLocaleString('en-US')} problems in this file and shows the first ${shown.toLocaleString('en-US')}; ${(total - shown).toLocaleString('en-US')} more are not shown. Run the fipslint CLI on the file for the full list.`,
      'fipslint-more-findings',
    );
  }

  function remoteFileNotice(host: string): Diagnostic {
    return fileNotice(
      DiagnosticSeverity.Information,
      `fipslint linted this file from its text with the default policy: its URI names another host (${host}), so the fipslint.config.json of its folder and the modules it imports were not read.`,
      'fipslint-remote-file',
    );
  }

  function tooLargeNotice(tooLarge: { chars: number; limit: number }): Diagnostic {
    const mb = (chars: number) => `${(chars / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
    return fileNotice(
      DiagnosticSeverity.Information,
      `fipslint did not analyse this file: ${mb(tooLarge.chars)} is over the fipslint.maxFileSize limit of ${mb(tooLarge.limit)} (bundles and minified files are usually generated). Raise the setting to analyse it.`,
    );
  }

  async function publish(document: TextDocument): Promise<void> {
    // run: onSave publishes the saved text's diagnostics only (a settings change re-lints unsaved buffers too).
    if ((await settingsFor(document.uri)).run === 'onSave' && savedVersions.get(document.uri) !== document.version) return;
    const analysis = await analyze(document);
    if (!analysis || documents.get(document.uri)?.version !== analysis.version) return;
    // The same analysis again (a save with no edit, a settings change that alters nothing for it): nothing to send.
    if (lastPublished.get(document.uri) === analysis.diagnostics) return;
    lastPublished.set(document.uri, analysis.diagnostics);
    await connection.sendDiagnostics({ uri: document.uri, version: analysis.version, diagnostics: analysis.diagnostics });
  }

  function schedule(document: TextDocument, delay: number): void {
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        const latest = documents.get(document.uri);
        if (latest) void publish(latest).catch((error) => connection.console.error(String(error)));
      }, delay),
    );
  }

  documents.onDidOpen(({ document }) => {
    savedVersions.set(document.uri, document.version);
    if (!pullDiagnostics) schedule(document, 0);
    else if (scanPushed.delete(document.uri)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });
  documents.onDidChangeContent(async ({ document }) => {
    if (pullDiagnostics) return; // the client asks when it wants diagnostics
    const settings = await settingsFor(document.uri);
    if (settings.run === 'onType') schedule(document, TYPING_DELAY_MS);
  });
  documents.onDidSave(({ document }) => {
    savedVersions.set(document.uri, document.version);
    const savedPath = URI.toPath(document.uri);
    if (savedPath) inventoryFileChanged(savedPath);
    if (pullDiagnostics) refreshPulledDiagnostics();
    else schedule(document, 0);
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    analyses.delete(document.uri);
    savedVersions.delete(document.uri);
    savedDiagnostics.delete(document.uri);
    settingsCache.delete(document.uri);
    lastPublished.delete(document.uri);
    for (const key of loggedFailures) if (key.startsWith(`${document.uri}\0`)) loggedFailures.delete(key);
    slowFiles.delete(document.uri);
    const filePath = URI.toPath(document.uri);
    engine.release(filePath ?? document.uri);
    if (filePath) {
      project.setOverlay(filePath, undefined);
      project.forget(filePath);
    }
    // A file the workspace scan covers goes back to pushed diagnostics of its text on disk; any other is cleared.
    if (filePath && inventoryFiles?.has(filePath)) void pushFromDisk(filePath).catch((error) => connection.console.error(String(error)));
    else if (!pullDiagnostics) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  /** A closed file's diagnostics, analysed from disk and pushed (after a workspace scan, with a client that pulls). */
  async function pushFromDisk(filePath: string): Promise<void> {
    const uri = URI.fromPath(filePath);
    const settings = await settingsFor(uri);
    const text = project.readText(filePath);
    if (documents.get(uri) || text === undefined || !settings.enable || isExcluded(filePath, settings)) return;
    const placed = optionsFor(filePath, settings);
    if (placed.excluded) return;
    const result = engine.analyze(filePath, text, placed.options);
    await pushScanned(uri, text, result);
  }

  /** Diagnostics of a file that is not open, pushed (the scan, a closed file): capped like an open one's. */
  async function pushScanned(uri: string, text: string, result: FileAnalysis): Promise<void> {
    scanPushed.add(uri);
    await connection.sendDiagnostics({ uri, diagnostics: fileDiagnostics(TextDocument.create(uri, 'typescript', 0, text), result) });
  }

  /**
   * Result ids of pulled reports: one per diagnostics array, and an analysis keeps its array until
   * the file or its inputs change. A client that already holds the id gets "unchanged" instead of
   * the whole list again (on a dense file, hundreds of KB per focus change or refresh). The
   * process prefix keeps a restarted server from matching a previous one's ids.
   */
  const resultIds = new WeakMap<Diagnostic[], string>();
  const resultIdPrefix = `${process.pid}.${Date.now().toString(36)}.`;
  let nextResultId = 0;
  function report(items: Diagnostic[], previousResultId: string | undefined): DocumentDiagnosticReport {
    let resultId = resultIds.get(items);
    if (!resultId) resultIds.set(items, (resultId = resultIdPrefix + ++nextResultId));
    if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const settings = await settingsFor(document.uri);
    throwIfCancelled(token);
    // run: onSave keeps showing the saved text's diagnostics while the user types, whatever a
    // hover or a code action analysed meanwhile.
    if (settings.run === 'onSave' && savedVersions.get(document.uri) !== document.version) {
      return report(savedDiagnostics.get(document.uri) ?? [], params.previousResultId);
    }
    const analysis = await analyze(document);
    return report(analysis?.diagnostics ?? savedDiagnostics.get(document.uri) ?? [], params.previousResultId);
  });

  /** A request the client gave up on is answered with RequestCancelled before any work is done for it. */
  function throwIfCancelled(token: CancellationToken): void {
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'the request was cancelled');
  }

  /** Asks the client to pull again; a client without refresh support pulls on its own events. */
  function refreshPulledDiagnostics(): void {
    if (!diagnosticRefresh) return;
    connection.languages.diagnostics.refresh();
  }

  function relintAll(): void {
    analyses.clear();
    if (pullDiagnostics) refreshPulledDiagnostics();
    else for (const document of documents.all()) schedule(document, 0);
  }

  connection.onDidChangeConfiguration(() => {
    connection.console.info('settings changed: open files are linted again with them');
    settingsAnnounced = new Set();
    settingsCache.clear();
    relintAll();
    inventoryPolicyChanged();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    workspaceFiles = undefined;
    project.setProjectFiles(workspaceFilesUnder);
    // Another file changed on disk: constants imported from it may have changed too.
    for (const change of changes) {
      const filePath = URI.toPath(change.uri);
      if (!filePath) continue;
      if (path.basename(filePath) === CONFIG_FILE_NAME) {
        // Created, changed or deleted: lookups and parses start over; a deleted file's problems go.
        if (configFiles.peek(filePath)?.problems.length && !fs.existsSync(filePath)) void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
        configFiles.clear();
        inventoryPolicyChanged();
      } else {
        if (!documents.get(change.uri)) project.forget(filePath);
        inventoryFileChanged(filePath);
      }
    }
    relintAll();
  });

  // ------------------------------------------------------------------ code actions

  /** The finding a diagnostic the client sends back stands for: same rule, message and range (lines and columns count alike in both). */
  function findingFor(analysis: Analysis, diagnostic: Diagnostic): Finding | undefined {
    const { start, end } = diagnostic.range;
    return analysis.findings.find(
      (f) => f.ruleId === diagnostic.code && f.message === diagnostic.message && f.line - 1 === start.line && f.column - 1 === start.character && f.endLine - 1 === end.line && f.endColumn - 1 === end.character,
    );
  }

  /** The edits as a workspace edit; undefined when one of them is in a file fipslint cannot edit safely: a fix is offered whole or not at all. */
  function workspaceEdit(edits: readonly TextEdit[], document: TextDocument, filePath: string): WorkspaceEdit | undefined {
    const changes: Record<string, LspTextEdit[]> = {};
    for (const edit of edits) {
      const target = edit.file === filePath ? document : documentForPath(edit.file);
      if (!target) return undefined;
      (changes[target.uri] ??= []).push({ range: { start: target.positionAt(edit.start), end: target.positionAt(edit.end) }, newText: edit.newText });
    }
    return { changes };
  }

  /**
   * The document an edit of another file applies to: the open one, else the file on disk, read
   * only inside the workspace and only when its bytes are valid UTF-8 (offsets computed on text
   * with replaced bytes would land in the wrong place in the editor's copy).
   */
  function documentForPath(filePath: string): TextDocument | undefined {
    const uri = URI.fromPath(filePath);
    const open = documents.get(uri);
    if (open) return open;
    if (project.refusal(filePath)) return undefined;
    const read = readRegularFile(filePath, 2 * 1024 * 1024);
    if (!read.ok) return undefined;
    const text = read.bytes.toString('utf8');
    return firstLossyByte(read.bytes, text) >= 0 ? undefined : TextDocument.create(uri, 'typescript', 0, text);
  }

  /** The safe fixes of a file that can be applied together, for "fix all" (one pass, like ESLint's); safe fixes edit only their own file. */
  function nonOverlappingSafeFixes(findings: readonly Finding[], ruleId?: string): Fix[] {
    const safe = findings.filter((f) => !ruleId || f.ruleId === ruleId).map(autoFixOf);
    return nonOverlappingFixes(safe.filter((fix): fix is Fix => !!fix));
  }


  connection.onCodeAction(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    throwIfCancelled(token);
    const analysis = await analyze(document);
    throwIfCancelled(token);
    if (!analysis) return [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const actions: CodeAction[] = [];

    if (only && (wants(FIX_ALL_KIND) || wants(CodeActionKind.SourceFixAll)) && !wants(CodeActionKind.QuickFix)) {
      const fixes = nonOverlappingSafeFixes(analysis.findings);
      if (fixes.length) actions.push({ title: 'Fix all safe fipslint problems', kind: FIX_ALL_KIND, edit: workspaceEdit(fixes.flatMap((f) => f.edits), document, analysis.path) });
      return actions;
    }
    if (!wants(CodeActionKind.QuickFix)) return actions;

    const seenRules = new Set<string>();
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'fipslint') continue;
      const finding = findingFor(analysis, diagnostic);
      if (!finding) continue;
      for (const fix of finding.fixes) {
        const edit = workspaceEdit(fix.edits, document, analysis.path);
        if (edit) actions.push({ title: fixTitle(fix), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred && fix.safety === 'safe', edit });
      }
      if (seenRules.has(finding.ruleId)) continue;
      seenRules.add(finding.ruleId);
      const ruleFixes = nonOverlappingSafeFixes(analysis.findings, finding.ruleId);
      if (ruleFixes.length > 1) {
        actions.push({ title: `Fix all ${finding.ruleId} problems in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(ruleFixes.flatMap((f) => f.edits), document, analysis.path) });
      }
      if (finding.ruleId !== SUPPRESSION_ID) actions.push(suppressAction(document, diagnostic, finding));
      actions.push({
        title: `Show documentation for ${finding.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Show documentation for ${finding.ruleId}`, command: COMMANDS.showDocumentation, arguments: [docsUrl(finding.ruleId)] },
      });
    }
    return actions;
  });

  function suppressAction(document: TextDocument, diagnostic: Diagnostic, finding: Finding): CodeAction {
    const line = diagnostic.range.start.line;
    const lineText = document.getText({ start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } });
    const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
    const eol = document.getText().includes('\r\n') ? '\r\n' : '\n';
    // No trailing space and no reason: a directive left without one suppresses nothing and is
    // reported, so nothing is hidden until someone writes why. VS Code turns this into a snippet
    // with the cursor after `-- ` (the client's middleware reads `data`).
    const suppression: SuppressionActionData = { uri: document.uri, line, indent, ruleId: finding.ruleId, eol };
    return {
      title: `Suppress ${finding.ruleId} for this line (then write the reason after --)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [document.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// fipslint-disable-next-line ${finding.ruleId} --${eol}` }] } },
      data: { fipslintSuppression: suppression },
    };
  }

  // ------------------------------------------------------------------ hover

  connection.onHover(async (params, token): Promise<Hover | null> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    throwIfCancelled(token);
    const analysis = await analyze(document);
    throwIfCancelled(token);
    if (!analysis) return null;
    const offset = document.offsetAt(params.position);
    const hits = analysis.findings.filter((f) => f.start <= offset && offset <= f.end);
    if (hits.length === 0) return null;
    const parts = hits.map((f) => {
      const meta = RULES_BY_ID.get(f.ruleId)?.meta;
      const fixes = f.fixes.map((x) => `- ${fixTitle(x)}`).join('\n');
      // The message itself is already in the editor's diagnostic hover, right above this one: not repeated.
      return [
        `**fipslint** · \`${f.ruleId}\` · ${f.severity}${meta ? ` · ${meta.description}` : ''}`,
        meta ? `\nStandards: ${meta.standards.join('; ')}` : '',
        fixes ? `\nFixes:\n${fixes}` : '',
        `\n[Rule documentation](${docsUrl(f.ruleId)})`,
      ].join('\n');
    });
    return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
  });

  // ------------------------------------------------------------------ commands

  connection.onExecuteCommand(async (params, token) => {
    switch (params.command) {
      case COMMANDS.showDocumentation: {
        const url = String(params.arguments?.[0] ?? '');
        if (showDocumentSupport && url) await connection.window.showDocument({ uri: url, external: true });
        else connection.window.showInformationMessage(`fipslint rule documentation: ${url}`);
        return;
      }
      case COMMANDS.applyFixAll: {
        const uri = String(params.arguments?.[0] ?? '');
        const document = documents.get(uri);
        const analysis = document && (await analyze(document));
        if (!document || !analysis) return;
        const fixes = nonOverlappingSafeFixes(analysis.findings);
        const edit = fixes.length ? workspaceEdit(fixes.flatMap((f) => f.edits), document, analysis.path) : undefined;
        if (edit) await connection.workspace.applyEdit({ label: 'fipslint: fix all', edit });
        return;
      }
      case COMMANDS.scanWorkspace:
        return scanWorkspace(token);
      default:
        return;
    }
  });

  /** Lint every TS/JS file of the workspace folders and publish what is found; cancellable. */
  async function scanWorkspace(token: { isCancellationRequested: boolean }): Promise<{ files: number; findings: number; cancelled: boolean; restricted?: boolean; assets?: number; notRead?: number }> {
    if (!workspaceTrusted) {
      void connection.window.showInformationMessage('fipslint: the workspace scan is off in Restricted Mode; trust the workspace to scan it. Open files are still linted.');
      return { files: 0, findings: 0, cancelled: false, restricted: true };
    }
    const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
    const roots = folders.map((f) => URI.toPath(f.uri)).filter((p): p is string => !!p);
    if (roots.join('\0') !== workspaceRoots.join('\0')) {
      workspaceRoots = roots;
      project.setReadableRoots(roots);
    }
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('fipslint: scanning workspace', 0, '', true);
    let findingCount = 0;
    let scanned = 0;
    let done = 0;
    let cancelled = false;
    let notRead = 0;
    const scanStarted = performance.now();
    const scanResults = new Map<string, { analysis: FileAnalysis; options: AnalysisOptions }>();
    try {
      const listing = discoverFiles(roots);
      for (const entry of listing.unreadable) connection.console.warn(`fipslint: the workspace scan could not read ${entry.path}: ${entry.reason}`);
      notRead = listing.unreadable.length;
      for (const notice of listing.notices) connection.console.warn(`fipslint: did not use ${notice.path}: ${notice.reason}`);
      const files = listing.files;
      for (const file of files) {
        if (token.isCancellationRequested || progress.token.isCancellationRequested) {
          cancelled = true;
          break;
        }
        const uri = URI.fromPath(file);
        done++;
        progress.report(Math.round((done / files.length) * 100), path.basename(file));
        const settings = await settingsFor(uri);
        if (!settings.enable || isExcluded(file, settings)) continue;
        const placed = optionsFor(file, settings);
        if (placed.excluded) continue;
        scanned++;
        const open = documents.get(uri);
        const text = open?.getText() ?? project.readText(file);
        if (text === undefined) continue;
        const result = engine.analyze(file, text, { ...placed.options, inventory: true });
        scanResults.set(file, { analysis: result, options: placed.options });
        findingCount += result.findings.length;
        // Open files have their own, fresher diagnostics.
        if (!open) await pushScanned(uri, text, result);
        await new Promise((resolve) => setImmediate(resolve)); // let edits and requests through
      }
    } finally {
      progress.done();
    }
    connection.console.info(`workspace scan${cancelled ? ' (cancelled)' : ''}: ${scanned} files linted, ${findingCount} findings, ${notRead} paths not read, in ${((performance.now() - scanStarted) / 1000).toFixed(1)} s`);
    inventoryFiles = scanResults;
    staleInventoryFiles.clear();
    const message = inventoryMessage();
    if (message) void connection.sendNotification(INVENTORY.changed, message);
    return { files: scanned, findings: findingCount, cancelled, assets: message?.inventory.totals.assets ?? 0, ...(notRead ? { notRead } : {}) };
  }

  function inventoryMessage(): InventoryMessage | undefined {
    if (!inventoryFiles) return undefined;
    // Like the CLI, the inventory is labelled with the first file's profile and date.
    const files = [...inventoryFiles.values()];
    const { profile, asOf } = files[0]?.options ?? defaultAnalysisOptions();
    return { inventory: buildInventory(files.map((f) => f.analysis), { profile, asOf }), roots: workspaceRoots, statusLabels: ASSET_STATUS_LABELS, statusOrder: STATUS_ORDER };
  }

  /** A saved or changed file: analysed again for the inventory, with others that changed meanwhile. */
  /** Settings or a configuration file changed: every status may have. */
  function inventoryPolicyChanged(): void {
    for (const file of inventoryFiles?.keys() ?? []) inventoryFileChanged(file);
  }

  function inventoryFileChanged(filePath: string): void {
    if (!inventoryFiles || !workspaceTrusted) return;
    staleInventoryFiles.add(filePath);
    clearTimeout(inventoryTimer);
    inventoryTimer = setTimeout(() => void refreshInventory().catch((error) => connection.console.error(`inventory update failed: ${String(error)}`)), INVENTORY_UPDATE_DELAY_MS);
  }

  async function refreshInventory(): Promise<void> {
    if (!inventoryFiles) return;
    for (const file of [...staleInventoryFiles]) {
      staleInventoryFiles.delete(file);
      const uri = URI.fromPath(file);
      const settings = await settingsFor(uri);
      const placed = settings.enable && !isExcluded(file, settings) ? optionsFor(file, settings) : undefined;
      const text = documents.get(uri)?.getText() ?? project.readText(file);
      if (!placed || placed.excluded || text === undefined || !isSourceFileName(file)) {
        inventoryFiles.delete(file);
        if (scanPushed.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      } else {
        const analysis = engine.analyze(file, text, { ...placed.options, inventory: true });
        inventoryFiles.set(file, { analysis, options: placed.options });
        // A closed file changed on disk (a checkout, another tool): its pushed diagnostics follow.
        if (!documents.get(uri)) await pushScanned(uri, text, analysis);
      }
    }
    const message = inventoryMessage();
    if (message) void connection.sendNotification(INVENTORY.changed, message);
  }

  connection.onRequest(DEPENDENCIES.audit, async (_params, token): Promise<DependenciesMessage> => {
    const message: DependenciesMessage = { folders: [], statusLabels: ASSET_STATUS_LABELS, statusOrder: STATUS_ORDER };
    if (!workspaceTrusted) {
      void connection.window.showInformationMessage('fipslint: the dependency audit is off in Restricted Mode; trust the workspace to audit its node_modules.');
      return { ...message, restricted: true };
    }
    const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
    const roots = folders.map((f) => URI.toPath(f.uri)).filter((p): p is string => !!p);
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('fipslint: auditing dependencies', 0, '', true);
    const cancelled = () => token.isCancellationRequested || progress.token.isCancellationRequested;
    const started = performance.now();
    try {
      for (const root of roots) {
        const manifest = path.join(root, 'package.json');
        const options = optionsFor(manifest, await settingsFor(URI.fromPath(manifest))).options;
        let audit: DependencyAudit | undefined;
        try {
          audit = await auditDependenciesAsync(
            root,
            {
              rules: RULES,
              analysis: options,
              projectFiles: discoverFiles([root]).files,
              cacheDir: defaultDependencyCacheDir(),
              engineId: engineId(),
              onPackage: (done, total, pkg) => progress.report(Math.round((done / Math.max(1, total)) * 100), `${path.basename(root)}: ${pkg.name}`),
            },
            cancelled,
          );
        } catch (error) {
          if (!(error instanceof DependencyTreeError)) throw error;
          message.folders.push({ root, error: error.message, packages: [], audited: 0, notInstalled: 0, notices: [] });
          continue;
        }
        if (!audit) return { ...message, cancelled: true };
        message.folders.push({ root, source: audit.source, packages: audit.packages.filter((p) => p.findings.length || p.inventory.length || p.cryptoLibrary).map((p) => packageView(p, audit!)), audited: audit.packages.length, notInstalled: audit.notInstalled.length, notices: audit.notices, cache: { hits: audit.cache.hits, misses: audit.cache.misses } });
        connection.console.info(`dependency audit of ${root}: ${audit.packages.length} packages (${audit.cache.hits} from the cache), ${audit.packages.reduce((n, p) => n + p.findings.length, 0)} findings, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    } finally {
      progress.done();
    }
    return message;
  });

  function packageView(pkg: PackageAudit, audit: DependencyAudit): DependencyPackageView {
    return {
      name: pkg.name,
      version: pkg.version,
      location: pkg.location,
      scope: pkg.scope,
      route: dependencyRoute(pkg),
      counts: pkg.counts,
      ...(pkg.cryptoLibrary ? { cryptoLibrary: pkg.cryptoLibrary } : {}),
      ...(pkg.loadedFrom ? { loadedFrom: pkg.loadedFrom } : {}),
      findings: pkg.findings.length,
      notAnalysed: pkg.notAnalysed.length,
      unresolved: pkg.unresolved,
      assets: packageAssets(pkg, audit),
    };
  }

  connection.onRequest(INVENTORY.get, (): InventoryMessage | null => inventoryMessage() ?? null);
  connection.onRequest(INVENTORY.cbom, (): { json: string } | null => {
    const message = inventoryMessage();
    if (!message) return null;
    const root = workspaceRoots[0];
    return {
      json: formatCbom(message.inventory, {
        projectName: root ? path.basename(root) : 'workspace',
        toolVersion: toolVersion(),
        displayPath: workspacePath,
      }),
    };
  });

  connection.onShutdown(() => {
    serverOptions.onShutdown?.();
    clearTimeout(inventoryTimer);
    offThreadAnalyzer?.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
