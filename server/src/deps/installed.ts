import * as fs from 'node:fs';
import * as path from 'node:path';
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
  return { root, source: 'node_modules', manifest, packages: walkInstalled(root, notices), notInstalled: [], notices };
}

export class DependencyTreeError extends Error {}

function fromLockfile(root: string, entries: Json, notices: string[]): Pick<InstalledTree, 'root' | 'packages' | 'notInstalled'> {
  const packages: InstalledPackage[] = [];
  const notInstalled: InstalledTree['notInstalled'] = [];
  const locations = new Set<string>();
  const links = new Set<string>();
  for (const [location, raw] of Object.entries(entries)) {
    const entry = (raw ?? {}) as Json;
    const name = packageNameOf(location);
    if (!name) continue; // the root ("") and workspace folders ("packages/a")
    if (entry.link === true) {
      links.add(location);
      notices.push(`${location} is a link to ${String(entry.resolved ?? 'another folder')} (a workspace): scan it as project code`);
      continue;
    }
    const dir = path.join(root, ...location.split('/'));
    const installed = readJson(path.join(dir, 'package.json'), MAX_MANIFEST_BYTES);
    if (!installed.ok || !isRealFolder(dir)) {
      notInstalled.push({ location, name, version: typeof entry.version === 'string' ? entry.version : undefined });
      continue;
    }
    locations.add(location);
    // What is on disk is what runs: its own version wins over a stale lockfile's.
    const version = stringField(installed.value, 'version') ?? stringField(entry, 'version') ?? '0.0.0';
    packages.push({
      location,
      dir,
      name,
      version,
      ...(typeof entry.integrity === 'string' && version === entry.version ? { integrity: entry.integrity } : {}),
      dependencies: dependencyNames(entry, ['dependencies', 'optionalDependencies', 'peerDependencies']),
    });
  }
  for (const extra of walkInstalled(root, notices, links)) {
    if (locations.has(extra.location)) continue;
    packages.push({ ...extra, extraneous: true });
  }
  packages.sort((a, b) => a.location.localeCompare(b.location));
  return { root, packages, notInstalled };
}

/** Every package folder under node_modules (scoped ones too, nested ones too); links are not followed. */
function walkInstalled(root: string, notices: string[], knownLinks: ReadonlySet<string> = new Set()): InstalledPackage[] {
  const found: InstalledPackage[] = [];
  const visit = (modulesDir: string, locationPrefix: string) => {
    for (const entry of listFolder(modulesDir)) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(modulesDir, entry.name);
      if (entry.name.startsWith('@') && entry.isDirectory()) {
        for (const scoped of listFolder(full)) addPackage(path.join(full, scoped.name), `${locationPrefix}${entry.name}/${scoped.name}`, scoped);
      } else {
        addPackage(full, `${locationPrefix}${entry.name}`, entry);
      }
    }
  };
  const addPackage = (dir: string, location: string, entry: fs.Dirent) => {
    if (entry.isSymbolicLink()) {
      if (!knownLinks.has(location)) notices.push(`${location} is a symbolic link (a workspace, npm link or pnpm's layout): not followed`);
      return;
    }
    if (!entry.isDirectory()) return;
    const manifest = readJson(path.join(dir, 'package.json'), MAX_MANIFEST_BYTES);
    if (!manifest.ok) return;
    found.push({
      location,
      dir,
      name: packageNameOf(location)!,
      version: stringField(manifest.value, 'version') ?? '0.0.0',
      dependencies: dependencyNames(manifest.value, ['dependencies', 'optionalDependencies', 'peerDependencies']),
    });
    visit(path.join(dir, 'node_modules'), `${location}/node_modules/`);
  };
  visit(path.join(root, 'node_modules'), 'node_modules/');
  return found.sort((a, b) => a.location.localeCompare(b.location));
}

/** `node_modules/@a/b/node_modules/c` → `c`; `packages/x` (a workspace folder) → undefined. */
export function packageNameOf(location: string): string | undefined {
  const at = location.lastIndexOf('node_modules/');
  if (at < 0 || (at > 0 && location[at - 1] !== '/')) return undefined;
  const name = location.slice(at + 'node_modules/'.length);
  return /^(@[^/]+\/)?[^/@][^/]*$/.test(name) ? name : undefined;
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

export function readJson(file: string, maxBytes: number): { ok: true; value: Json } | { ok: false; reason: string } {
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

function isFolder(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** A folder that is not a symbolic link: a linked package may lead anywhere on the disk. */
function isRealFolder(dir: string): boolean {
  try {
    return fs.lstatSync(dir).isDirectory();
  } catch {
    return false;
  }
}
