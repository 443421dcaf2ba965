import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../engine/paths';
import { readRegularFile } from '../engine/regular-file';

/**
 * What is installed under a project's `node_modules`, and how it got there: read from npm's
 * lockfile (`npm-shrinkwrap.json`, `package-lock.json`, or the hidden `node_modules/.package-lock.json`
 * npm 7+ writes), checked against the folders on disk. Without a v2/v3 lockfile the folders are
 * walked and each package's own `package.json` says what it depends on.
 */

export interface InstalledPackage {
  /** Its folder from the project root, with `/`: `node_modules/pg`, `node_modules/a/node_modules/b`. */
  location: string;
  dir: string;
  /** The name `require` finds it under (an alias's folder name). */
  name: string;
  version: string;
  /** From the lockfile (`sha512-…`); absent for packages from git, a folder or without a lockfile. */
  integrity?: string;
  /** Names it needs at run time: `dependencies`, `optionalDependencies`, `peerDependencies`. */
  dependencies: string[];
  /** On disk but not in the lockfile (installed by hand, or the lockfile is stale). */
  extraneous?: boolean;
  /** Its entry points, from its package.json: what `require('<name>')` loads. */
  main?: string;
  exports?: unknown;
}

export interface ProjectManifest {
  name?: string;
  version?: string;
  /** `dependencies`, `optionalDependencies` and `peerDependencies`: what ships. */
  production: string[];
  development: string[];
}

export interface InstalledTree {
  root: string;
  /** Where the package list came from. */
  source: string;
  manifest: ProjectManifest;
  packages: InstalledPackage[];
  /** Symbolic links to packages inside node_modules (pnpm's layout): link location → the package's real location. */
  links: ReadonlyMap<string, string>;
  /** In the lockfile but not on disk (another platform's optional package, an install not run yet). */
  notInstalled: Array<{ location: string; name: string; version?: string }>;
  /** What was not used or not followed, in words (a yarn.lock read as a plain folder walk, links). */
  notices: string[];
}

/** Lockfiles of large monorepos run to tens of megabytes; past this one is not parsed. */
const MAX_LOCKFILE_BYTES = 256 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

type Json = Record<string, unknown>;

export function readInstalledTree(root: string): InstalledTree {
  const notices: string[] = [];
  const manifestRead = readJson(path.join(root, 'package.json'), MAX_MANIFEST_BYTES);
  if (!manifestRead.ok) throw new DependencyTreeError(`${path.join(root, 'package.json')}: ${manifestRead.reason}`);
  const manifest = projectManifest(manifestRead.value);
  if (!isFolder(path.join(root, 'node_modules'))) throw new DependencyTreeError(`${path.join(root, 'node_modules')} does not exist: install the dependencies first (npm ci)`);

  for (const other of ['pnpm-lock.yaml', 'yarn.lock', 'bun.lockb']) {
    if (fs.existsSync(path.join(root, other))) notices.push(`${other} is not read (only npm's lockfiles are); the installed folders were walked instead, so integrity hashes are not known`);
  }
  for (const name of ['npm-shrinkwrap.json', 'package-lock.json', path.join('node_modules', '.package-lock.json')]) {
    const file = path.join(root, name);
    if (!fs.existsSync(file)) continue;
    const read = readJson(file, MAX_LOCKFILE_BYTES);
    if (!read.ok) {
      notices.push(`${name.split(path.sep).join('/')} was not used: ${read.reason}`);
      continue;
    }
    const packages = read.value.packages;
    if (typeof packages !== 'object' || packages === null) {
      notices.push(`${name.split(path.sep).join('/')} is lockfileVersion ${String(read.value.lockfileVersion ?? 1)}, which has no "packages" section (npm 7 or later writes one); the installed folders were walked instead`);
      continue;
    }
    return { ...fromLockfile(root, packages as Json, notices), source: name.split(path.sep).join('/'), manifest, notices };
  }
  const walked = walkInstalled(root, notices);
  const packages = walked.packages.map((p) => ({ ...p, version: p.version ?? UNKNOWN_VERSION }));
  return { root, source: 'node_modules', manifest, packages, links: walked.links, notInstalled: [], notices };
}

export class DependencyTreeError extends Error {}

function fromLockfile(root: string, entries: Json, notices: string[]): Pick<InstalledTree, 'root' | 'packages' | 'notInstalled' | 'links'> {
  const links = new Set<string>();
  for (const [location, raw] of Object.entries(entries)) {
    const entry = (raw ?? {}) as Json;
    if (!packageNameOf(location) || entry.link !== true) continue;
    links.add(location);
    notices.push(`${location} is a link to ${String(entry.resolved ?? 'another folder')} (a workspace): scan it as project code`);
  }
  // What is on disk, read once: the lockfile says how each package got there, the folders what is installed.
  const onDisk = new Map(walkInstalled(root, notices, links).packages.map((p) => [p.location, p]));
  const packages: InstalledPackage[] = [];
  const notInstalled: InstalledTree['notInstalled'] = [];
  for (const [location, raw] of Object.entries(entries)) {
    const entry = (raw ?? {}) as Json;
    const name = packageNameOf(location);
    if (!name || links.has(location)) continue; // the root (""), workspace folders ("packages/a") and links
    const installed = onDisk.get(location);
    if (!installed) {
      notInstalled.push({ location, name, version: typeof entry.version === 'string' ? entry.version : undefined });
      continue;
    }
    onDisk.delete(location);
    // What is on disk is what runs: its own version wins over a stale lockfile's.
    const version = installed.version ?? stringField(entry, 'version') ?? UNKNOWN_VERSION;
    packages.push({
      ...installed,
      name,
      version,
      ...(typeof entry.integrity === 'string' && version === entry.version ? { integrity: entry.integrity } : {}),
      dependencies: dependencyNames(entry, ['dependencies', 'optionalDependencies', 'peerDependencies']),
    });
  }
  for (const extra of onDisk.values()) packages.push({ ...extra, version: extra.version ?? UNKNOWN_VERSION, extraneous: true });
  packages.sort((a, b) => a.location.localeCompare(b.location));
  return { root, packages, notInstalled, links: new Map() };
}

/** A package.json without a version. */
const UNKNOWN_VERSION = '0.0.0';

/** A package as found on disk; its version is absent when its package.json has none. */
type FoundPackage = Omit<InstalledPackage, 'version'> & { version?: string };

/**
 * Every package folder under node_modules, scoped and nested ones too. A symbolic link is followed
 * only when it leads to a folder inside the project's own node_modules: pnpm's layout, where
 * `node_modules/pg` links to `node_modules/.pnpm/pg@8.13.1/node_modules/pg` and a package's
 * dependencies are links beside it. The package is listed once, at its real folder, and each link
 * is kept as an alias for resolving `require`. Links elsewhere (a workspace, `npm link`) are not
 * followed, and said.
 */
function walkInstalled(root: string, notices: string[], knownLinks: ReadonlySet<string> = new Set()): { packages: FoundPackage[]; links: Map<string, string> } {
  const found: FoundPackage[] = [];
  const links = new Map<string, string>();
  const realRoot = realPath(root) ?? root;
  const store = path.join(realRoot, 'node_modules');
  const visitedFolders = new Set<string>();
  const seenPackages = new Set<string>();
  const locationOf = (dir: string) => {
    const relative = path.relative(isInside(dir, realRoot) ? realRoot : root, dir);
    return relative.split(path.sep).join('/');
  };
  const visit = (modulesDir: string) => {
    const real = realPath(modulesDir) ?? modulesDir;
    if (visitedFolders.has(real)) return;
    visitedFolders.add(real);
    for (const entry of listFolder(modulesDir)) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(modulesDir, entry.name);
      if (entry.name.startsWith('@') && entry.isDirectory()) {
        for (const scoped of listFolder(full)) addPackage(path.join(full, scoped.name), scoped);
      } else {
        addPackage(full, entry);
      }
    }
  };
  const addPackage = (dir: string, entry: fs.Dirent) => {
    if (entry.isSymbolicLink()) {
      const location = locationOf(dir);
      const target = realPath(dir);
      if (!target || !isInside(target, store) || !isFolder(target)) {
        if (!knownLinks.has(location)) notices.push(`${location} is a symbolic link to a folder outside the project's node_modules (a workspace or npm link): not followed`);
        return;
      }
      links.set(location, locationOf(target));
      addFolder(target);
      return;
    }
    if (entry.isDirectory()) addFolder(dir);
  };
  const addFolder = (dir: string) => {
    const real = realPath(dir) ?? dir;
    if (seenPackages.has(real)) return;
    seenPackages.add(real);
    const manifest = readJson(path.join(dir, 'package.json'), MAX_MANIFEST_BYTES);
    if (!manifest.ok) return;
    const location = locationOf(real);
    const name = packageNameOf(location);
    if (!name) return;
    found.push({
      location,
      // Under the project's path as the user wrote it (not the real one), so reports show it relative to it.
      dir: path.join(root, ...location.split('/')),
      name,
      version: stringField(manifest.value, 'version'),
      dependencies: dependencyNames(manifest.value, ['dependencies', 'optionalDependencies', 'peerDependencies']),
      ...(typeof manifest.value.main === 'string' ? { main: manifest.value.main } : {}),
      ...(manifest.value.exports !== undefined ? { exports: manifest.value.exports } : {}),
    });
    visit(path.join(real, 'node_modules'));
    // pnpm keeps a package's dependencies beside it, in the node_modules folder that holds it.
    const holder = path.dirname(name.startsWith('@') ? path.dirname(real) : real);
    if (path.basename(holder) === 'node_modules') visit(holder);
  };
  visit(path.join(root, 'node_modules'));
  return { packages: found.sort((a, b) => a.location.localeCompare(b.location)), links };
}

function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

/** `node_modules/@a/b/node_modules/c` → `c`; `packages/x` (a workspace folder) → undefined. */
function packageNameOf(location: string): string | undefined {
  const at = location.lastIndexOf('node_modules/');
  if (at < 0 || (at > 0 && location[at - 1] !== '/')) return undefined;
  const name = location.slice(at + 'node_modules/'.length);
  return /^(@[^/]+\/)?[^/@][^/]*$/.test(name) ? name : undefined;
}

/** Packages by location, links (pnpm's) included as the package they lead to: what `findPackageFrom` looks in. */
export function packagesByLocation(packages: readonly InstalledPackage[], links: ReadonlyMap<string, string>): Map<string, InstalledPackage> {
  const byLocation = new Map(packages.map((p) => [p.location, p]));
  for (const [link, real] of links) {
    const target = byLocation.get(real);
    if (target) byLocation.set(link, target);
  }
  return byLocation;
}

/**
 * Where `require(name)` finds a package from a folder of the project (`node_modules/a/lib`):
 * the nearest `node_modules/<name>` on the way up, as Node looks.
 */
export function findPackageFrom(fromDir: string, name: string, byLocation: ReadonlyMap<string, InstalledPackage>): InstalledPackage | undefined {
  let dir = fromDir;
  for (;;) {
    if (!dir.endsWith('/node_modules') && dir !== 'node_modules') {
      const hit = byLocation.get(dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`);
      if (hit) return hit;
    }
    if (!dir) return undefined;
    const slash = dir.lastIndexOf('/');
    dir = slash < 0 ? '' : dir.slice(0, slash);
  }
}

function projectManifest(json: Json): ProjectManifest {
  return {
    name: stringField(json, 'name'),
    version: stringField(json, 'version'),
    production: dependencyNames(json, ['dependencies', 'optionalDependencies', 'peerDependencies']),
    development: dependencyNames(json, ['devDependencies']),
  };
}

function dependencyNames(json: Json, fields: string[]): string[] {
  const names = new Set<string>();
  for (const field of fields) {
    const value = json[field];
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const name of Object.keys(value)) names.add(name);
  }
  return [...names].sort();
}

function stringField(json: Json, field: string): string | undefined {
  const value = json[field];
  return typeof value === 'string' ? value : undefined;
}

function readJson(file: string, maxBytes: number): { ok: true; value: Json } | { ok: false; reason: string } {
  const read = readRegularFile(file, maxBytes);
  if (!read.ok) return read;
  try {
    const value = JSON.parse(read.bytes.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
    return { ok: true, value: value as Json };
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message})` };
  }
}

function listFolder(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

export function isFolder(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
