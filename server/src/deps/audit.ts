import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine, SourceProject, buildInventory, type AnalysisOptions, type CryptoAsset, type Finding, type InventoryEntry, type RuleModule } from '../engine';
import { CRYPTO_LIBRARIES } from '../engine/policy/schemes';
import { policyPeriod } from '../engine/policy/status';
import { formatBytes, readRegularFile } from '../engine/regular-file';
import { PackageCache } from './cache';
import { placeDependencies, type DependencyScope } from './graph';
import { readInstalledTree, type InstalledPackage, type InstalledTree } from './installed';
import { importsOf, reachableFiles, type PackageModules, type ProjectModule } from './modules';

/**
 * The dependency audit: every installed package's shipped JavaScript, scanned once per
 * name@version+integrity with the same engine and policy as the project's own code, each finding
 * attributed to its package, with the package's place in the dependency graph and whether the
 * project's imports load the file it is in. Nothing here is ever an editor diagnostic.
 */

/** A finding inside a package, without fixes (nobody edits node_modules); `file` is absolute. */
export type DependencyFinding = Omit<Finding, 'fixes'> & {
  /** The project file (relative to the project root) whose imports load the finding's file; absent: only present in the package. */
  reachableFrom?: string;
};

export interface PackageAudit {
  name: string;
  version: string;
  location: string;
  dir: string;
  integrity?: string;
  scope: DependencyScope;
  direct: boolean;
  /** Names from the project's package.json to this package, itself last. */
  path: string[];
  /** Locations of the packages it depends on. */
  dependsOn: string[];
  extraneous?: boolean;
  /** Its results came from the cache. */
  cached: boolean;
  /** Source files in it (scanned, or cut short by the pre-check). */
  files: number;
  findings: DependencyFinding[];
  /** Every crypto asset it uses, approved or not (files absolute), with the project file that loads each use's file. */
  inventory: Array<InventoryEntry & { reachableFrom?: string }>;
  /** Crypto calls whose algorithm or setting is known only at run time. */
  unresolved: number;
  /** Files that could not be read or analysed, with why (relative to the package folder). */
  notAnalysed: Array<{ file: string; reason: string }>;
  /** It is itself a pure-JS crypto library (policy: CRYPTO_LIBRARIES): everything it computes is outside a validated module. */
  cryptoLibrary?: string;
  /** The first project file (in path order) whose imports load it; absent when none does. */
  loadedFrom?: string;
  /**
   * Findings by what they mean under FIPS: calls Node refuses under `--enable-fips`; not approved
   * (status NO); deprecated, legacy-use or transition-only (DEPR, LEGACY, TRANS); approved but
   * outside a validated module (NV); and how many of all those are in files the project loads.
   */
  counts: { wouldThrow: number; notApproved: number; other: number; notValidated: number; reachable: number };
}

export interface DependencyAudit {
  root: string;
  /** Where the package list came from (`package-lock.json`, `node_modules`). */
  source: string;
  projectName?: string;
  profile: AnalysisOptions['profile'];
  asOf: string;
  packages: PackageAudit[];
  notInstalled: InstalledTree['notInstalled'];
  /** Development packages left out (`omitDevelopment`). */
  omittedDevelopment: number;
  notices: string[];
  cache: { dir?: string; hits: number; misses: number };
  /** Project files that could not be read for their imports (reach is then unknown from them). */
  projectNotRead: Array<{ file: string; reason: string }>;
}

export interface DependencyAuditOptions {
  rules: readonly RuleModule[];
  /** The project's policy (profile, date, rule settings); the inventory and run-time values are always collected. */
  analysis: AnalysisOptions;
  /** The project's own source files (absolute), for the imports that make package files reachable. */
  projectFiles: readonly string[];
  /** Folder for cached results; undefined: no cache. */
  cacheDir?: string;
  /** Leave development-only packages out (`--omit dev`). */
  omitDevelopment?: boolean;
  /** Changes whenever fipslint's analysis may: its version and build. */
  engineId: string;
  onPackage?: (done: number, total: number, pkg: InstalledPackage) => void;
}

/** Past this a single source file is not read, as in the scan (a text this long cannot even be one string). */
const MAX_SOURCE_BYTES = 512 * 1024 * 1024;

/** Bump when what the cache holds changes shape. */
const CACHE_FORMAT = 2;

/** What the cache keeps of one package: its files relative to the package folder. */
interface PackageResult {
  files: number;
  findings: Array<Omit<Finding, 'fixes'>>;
  inventory: InventoryEntry[];
  unresolved: number;
  notAnalysed: Array<{ file: string; reason: string }>;
  modules: PackageModules;
}

/** The audit in one go (the CLI). */
export function auditDependencies(root: string, options: DependencyAuditOptions): DependencyAudit {
  const steps = auditSteps(root, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The audit a package at a time (the language server): yields to the event loop between
 * packages, so edits and requests go through; undefined once `cancelled` says so.
 */
export async function auditDependenciesAsync(root: string, options: DependencyAuditOptions, cancelled: () => boolean): Promise<DependencyAudit | undefined> {
  const steps = auditSteps(root, options);
  for (;;) {
    if (cancelled()) return undefined;
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Yields after each file scanned and each package read from the cache: a large package (aws-sdk's 2,000 files) never holds the server for long. */
function* auditSteps(root: string, options: DependencyAuditOptions): Generator<void, DependencyAudit> {
  const tree = readInstalledTree(root);
  const places = placeDependencies(tree);
  const analysis: AnalysisOptions = { ...options.analysis, inventory: true, unresolved: true, testFile: false };
  const cache = options.cacheDir ? new PackageCache(options.cacheDir) : undefined;
  const policyKey = JSON.stringify({
    format: CACHE_FORMAT,
    engine: options.engineId,
    rules: options.rules.map((r) => r.meta.id),
    profile: analysis.profile,
    period: policyPeriod(analysis.asOf),
    anticipate131Ar3: analysis.anticipate131Ar3,
    ruleSeverity: analysis.ruleSeverity ?? null,
    ruleOptions: analysis.ruleOptions ?? null,
    nvSeverity: analysis.nvSeverity ?? null,
    maxFileChars: analysis.maxFileChars,
  });

  const selected = tree.packages.filter((pkg) => !(options.omitDevelopment && places.get(pkg.location)!.scope === 'development'));
  const engine = new Engine(options.rules, new SourceProject());
  const results = new Map<string, { pkg: InstalledPackage; result: PackageResult; cached: boolean }>();
  let hits = 0;
  let misses = 0;
  for (const [index, pkg] of selected.entries()) {
    options.onPackage?.(index, selected.length, pkg);
    const files = listPackageFiles(pkg.dir);
    const key = createHash('sha256')
      .update(policyKey)
      .update(JSON.stringify([pkg.name, pkg.version, pkg.integrity ?? null, files.map((f) => [f.file, f.size])]))
      .digest('hex');
    const stored = cache?.read(key);
    if (isPackageResult(stored)) {
      hits++;
      results.set(pkg.location, { pkg, result: stored, cached: true });
    } else {
      misses++;
      const result = yield* scanPackage(engine, pkg, files, analysis);
      cache?.write(key, result);
      results.set(pkg.location, { pkg, result, cached: false });
    }
    yield;
  }
  cache?.prune();

  const projectNotRead: DependencyAudit['projectNotRead'] = [];
  const projectModules: ProjectModule[] = [];
  for (const file of options.projectFiles) {
    const read = readRegularFile(file, MAX_SOURCE_BYTES);
    if (!read.ok) {
      projectNotRead.push({ file: toPosix(path.relative(root, file)), reason: read.reason });
      continue;
    }
    projectModules.push({ file: toPosix(path.relative(root, file)), imports: importsOf(read.bytes.toString('utf8')) });
  }
  const reached = reachableFiles(projectModules, new Map([...results].map(([location, { pkg, result }]) => [location, { pkg, modules: result.modules }])), tree.links);

  const packages: PackageAudit[] = [...results.values()].map(({ pkg, result, cached }) => {
    const place = places.get(pkg.location)!;
    const absolute = (file: string) => path.join(pkg.dir, ...file.split('/'));
    const findings: DependencyFinding[] = result.findings.map((finding) => {
      const from = reached.get(`${pkg.location}/${finding.file}`);
      return { ...finding, file: absolute(finding.file), related: finding.related.map((r) => ({ ...r, file: absolute(r.file) })), ...(from ? { reachableFrom: from } : {}) };
    });
    const library = Object.entries(CRYPTO_LIBRARIES).find(([, l]) => l.packages.some((p) => (p.endsWith('/') ? pkg.name.startsWith(p) : pkg.name === p)))?.[0];
    const judged = findings.filter((f) => f.status !== undefined && f.category !== 'suppression');
    const loadedFrom = result.modules.files.map((file) => reached.get(`${pkg.location}/${file}`)).filter((from): from is string => !!from).sort()[0];
    return {
      name: pkg.name,
      version: pkg.version,
      location: pkg.location,
      dir: pkg.dir,
      ...(pkg.integrity ? { integrity: pkg.integrity } : {}),
      scope: place.scope,
      direct: place.direct,
      path: place.path,
      dependsOn: place.dependsOn,
      ...(pkg.extraneous ? { extraneous: true } : {}),
      cached,
      files: result.files,
      findings,
      inventory: result.inventory.map((entry) => {
        const from = reached.get(`${pkg.location}/${entry.file}`);
        return { ...entry, file: absolute(entry.file), ...(from ? { reachableFrom: from } : {}) };
      }),
      unresolved: result.unresolved,
      notAnalysed: result.notAnalysed,
      ...(library ? { cryptoLibrary: library } : {}),
      ...(loadedFrom ? { loadedFrom } : {}),
      counts: {
        wouldThrow: judged.filter((f) => f.fipsRuntime === 'throws').length,
        notApproved: judged.filter((f) => f.status === 'NO').length,
        other: judged.filter((f) => f.status !== 'NO' && f.status !== 'NV').length,
        notValidated: judged.filter((f) => f.status === 'NV').length,
        reachable: judged.filter((f) => f.reachableFrom).length,
      },
    };
  });
  packages.sort((a, b) => a.location.localeCompare(b.location));
  return {
    root,
    source: tree.source,
    projectName: tree.manifest.name,
    profile: analysis.profile,
    asOf: analysis.asOf,
    packages,
    notInstalled: tree.notInstalled,
    omittedDevelopment: tree.packages.length - selected.length,
    notices: tree.notices,
    cache: { dir: options.cacheDir, hits, misses },
    projectNotRead,
  };
}

function* scanPackage(engine: Engine, pkg: InstalledPackage, files: Array<{ file: string; size: number }>, options: AnalysisOptions): Generator<void, PackageResult> {
  const absolute = files.map((f) => path.join(pkg.dir, ...f.file.split('/')));
  // Imports are followed inside the package only; its own dependencies are packages of their own.
  engine.project.setReadableRoots([pkg.dir]);
  engine.project.setProjectFiles(() => absolute);
  const relative = (file: string) => toPosix(path.relative(pkg.dir, file));
  const result: PackageResult = { files: files.length, findings: [], inventory: [], unresolved: 0, notAnalysed: [], modules: { files: files.map((f) => f.file), imports: {} } };
  for (const [index, file] of absolute.entries()) {
    const read = readRegularFile(file, MAX_SOURCE_BYTES);
    if (!read.ok) {
      result.notAnalysed.push({ file: files[index].file, reason: read.reason });
      continue;
    }
    const text = read.bytes.toString('utf8');
    const imports = importsOf(text);
    if (imports.length) result.modules.imports[files[index].file] = imports;
    const analysis = engine.analyze(file, text, options);
    if (analysis.tooLarge) result.notAnalysed.push({ file: files[index].file, reason: `${formatBytes(analysis.tooLarge.chars)} is over the ${formatBytes(analysis.tooLarge.limit)} limit for one file (--max-file-size 0 analyses it)` });
    if (analysis.failure) result.notAnalysed.push({ file: files[index].file, reason: analysis.failure });
    for (const failure of analysis.ruleFailures) result.notAnalysed.push({ file: files[index].file, reason: `rule ${failure.ruleId} failed (other rules still ran): ${failure.message.split('\n')[0]}` });
    for (const { fixes: _fixes, ...finding } of analysis.findings) {
      result.findings.push({ ...finding, file: relative(finding.file), related: finding.related.map((r) => ({ ...r, file: relative(r.file) })) });
    }
    for (const entry of analysis.inventory ?? []) result.inventory.push({ ...entry, file: relative(entry.file) });
    result.unresolved += analysis.unresolved?.length ?? 0;
    yield;
  }
  for (const file of absolute) engine.project.forget(file);
  return result;
}

/**
 * What Node can load from a package: its JavaScript. TypeScript sources shipped beside it (for
 * source maps) never run from node_modules, and would repeat the findings of their compiled twins.
 */
const PACKAGE_EXTENSIONS = new Set(['.js', '.cjs', '.mjs']);

/** The package's JavaScript files (no nested node_modules: those are packages of their own), links not followed. */
function listPackageFiles(dir: string): Array<{ file: string; size: number }> {
  const found: Array<{ file: string; size: number }> = [];
  const visit = (folder: string, prefix: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') visit(path.join(folder, entry.name), `${prefix}${entry.name}/`);
      } else if (entry.isFile() && PACKAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
        let size = -1;
        try {
          size = fs.statSync(path.join(folder, entry.name)).size;
        } catch {
          // Gone since the listing: read later, and reported then.
        }
        found.push({ file: `${prefix}${entry.name}`, size });
      }
    }
  };
  visit(dir, '');
  return found;
}

function isPackageResult(value: unknown): value is PackageResult {
  const v = value as PackageResult;
  return !!v && typeof v === 'object' && typeof v.files === 'number' && Array.isArray(v.findings) && Array.isArray(v.inventory) && typeof v.unresolved === 'number' && Array.isArray(v.notAnalysed) && !!v.modules && Array.isArray(v.modules.files) && typeof v.modules.imports === 'object';
}

const toPosix = (file: string) => file.split(path.sep).join('/');

/** A package's crypto assets, as the inventory groups them, with ids made unique across packages (`node_modules/pg#crypto/…`). */
export function packageAssets(pkg: PackageAudit, policy: Pick<AnalysisOptions, 'profile' | 'asOf'>): CryptoAsset[] {
  const inventory = buildInventory([{ fileName: pkg.dir, findings: [], ruleFailures: [], skipped: false, suppressions: [], inventory: pkg.inventory }], policy);
  return inventory.assets.map((asset) => ({ ...asset, id: `${pkg.location}#${asset.id}` }));
}

/** The audit's verdict in one line, for a summary. */
export function auditTotals(audit: DependencyAudit): { packages: number; production: number; development: number; withFindings: number; wouldThrow: number; notApproved: number; other: number; notValidated: number } {
  const of = (scope: DependencyScope) => audit.packages.filter((p) => p.scope === scope).length;
  return {
    packages: audit.packages.length,
    production: of('production'),
    development: of('development'),
    withFindings: audit.packages.filter((p) => p.findings.length || p.cryptoLibrary).length,
    wouldThrow: audit.packages.reduce((n, p) => n + p.counts.wouldThrow, 0),
    notApproved: audit.packages.reduce((n, p) => n + p.counts.notApproved, 0),
    other: audit.packages.reduce((n, p) => n + p.counts.other, 0),
    notValidated: audit.packages.reduce((n, p) => n + p.counts.notValidated, 0),
  };
}
