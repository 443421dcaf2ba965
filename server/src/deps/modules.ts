import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { ts } from '../engine/typescript';
import { findPackageFrom, packagesByLocation, type InstalledPackage } from './installed';

/**
 * The module graph across the project and its installed packages, at file level: which files of
 * which packages the project's own imports load, following `main`/`exports`, relative requires and
 * the packages those files require in turn, as Node resolves them. A file that is loaded is not
 * proof that a given function in it runs, so reports say "reachable from <file>", never "called".
 */

/** What the graph needs of one package; cached with its scan results. */
export interface PackageModules {
  /** Its source files, relative to the package folder, with `/`. */
  files: string[];
  /** Per file, the module specifiers it loads (`import`, `require(…)`, `import(…)` with a literal). */
  imports: Record<string, string[]>;
}

/** The specifiers a file loads, from TypeScript's import scanner (no parse, no type check). */
export function importsOf(text: string): string[] {
  return [...new Set(ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName))];
}

const BUILTINS = new Set(builtinModules);
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);

/** Conditions under which Node never loads a target: reached files follow every other one (`require`, `import`, `node`, `default`…). */
const FOREIGN_CONDITIONS = new Set(['types', 'typings', 'browser', 'react-native', 'deno', 'bun', 'worker', 'workerd', 'edge-light']);

export interface ProjectModule {
  /** Relative to the project root, with `/`. */
  file: string;
  imports: string[];
}

/**
 * Files of packages the project loads, by `<location>/<file>` (`node_modules/pg/lib/client.js`),
 * each with the first project file (in path order) whose imports lead to it.
 */
export function reachableFiles(project: readonly ProjectModule[], packages: ReadonlyMap<string, { pkg: InstalledPackage; modules: PackageModules }>, links: ReadonlyMap<string, string>): Map<string, string> {
  const byLocation = packagesByLocation([...packages.values()].map(({ pkg }) => pkg), links);
  const fileSets = new Map([...packages].map(([location, { modules }]) => [location, new Set(modules.files)]));
  const reached = new Map<string, string>();
  const queue: Array<{ location: string; file: string; origin: string }> = [];
  const reach = (location: string, file: string, origin: string) => {
    const key = `${location}/${file}`;
    if (reached.has(key)) return;
    reached.set(key, origin);
    queue.push({ location, file, origin });
  };
  const loadBare = (fromDir: string, specifier: string, origin: string) => {
    if (isBuiltin(specifier)) return;
    const { name, subpath } = splitBare(specifier);
    if (!name) return;
    const target = findPackageFrom(fromDir, name, byLocation);
    const entry = target && packages.get(target.location);
    if (!entry) return;
    for (const file of entryFiles(target, fileSets.get(target.location)!, subpath)) reach(target.location, file, origin);
  };

  for (const module of [...project].sort((a, b) => a.file.localeCompare(b.file))) {
    const dir = path.posix.dirname(module.file);
    for (const specifier of module.imports) if (!isRelative(specifier)) loadBare(dir === '.' ? '' : dir, specifier, module.file);
  }
  for (let i = 0; i < queue.length; i++) {
    const { location, file, origin } = queue[i];
    const { modules } = packages.get(location)!;
    const dir = path.posix.dirname(file);
    for (const specifier of modules.imports[file] ?? []) {
      if (isRelative(specifier)) {
        const target = resolveFile(fileSets.get(location)!, path.posix.join(dir, specifier));
        if (target) reach(location, target, origin);
      } else {
        loadBare(dir === '.' ? location : `${location}/${dir}`, specifier, origin);
      }
    }
  }
  return reached;
}

function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

function splitBare(specifier: string): { name?: string; subpath: string } {
  const parts = specifier.split('/');
  const count = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < count || parts.slice(0, count).some((p) => !p)) return { subpath: '' };
  return { name: parts.slice(0, count).join('/'), subpath: parts.slice(count).join('/') };
}

const EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.tsx', '.mts', '.cts'];

/** A file of the package from a path as written (`lib/client`, `./lib/`), as `require` completes it. */
function resolveFile(files: ReadonlySet<string>, written: string): string | undefined {
  const normal = path.posix.normalize(written).replace(/^\.\/|\/$/g, '');
  if (normal.startsWith('..') || normal === '.') return normal === '.' ? resolveFile(files, 'index') : undefined;
  if (files.has(normal)) return normal;
  for (const extension of EXTENSIONS) if (files.has(normal + extension)) return normal + extension;
  for (const extension of EXTENSIONS) if (files.has(`${normal}/index${extension}`)) return `${normal}/index${extension}`;
  return undefined;
}

/** The files `require('<package>/<subpath>')` (or `import`) may load: every target under Node's conditions. */
function entryFiles(entries: Pick<InstalledPackage, 'main' | 'exports'>, files: ReadonlySet<string>, subpath: string): string[] {
  let written: string[];
  if (entries.exports !== undefined && entries.exports !== null) written = exportTargets(entries.exports, subpath ? `./${subpath}` : '.');
  else if (subpath) written = [subpath];
  else written = [entries.main ?? 'index'];
  const found = written.map((w) => resolveFile(files, w)).filter((f): f is string => !!f);
  // `main` naming a missing file falls back to index.js, as in Node.
  if (!found.length && !subpath && entries.exports === undefined) {
    const index = resolveFile(files, 'index');
    if (index) found.push(index);
  }
  return [...new Set(found)];
}

function exportTargets(exports: unknown, key: string): string[] {
  const map = isSubpathMap(exports) ? (exports as Record<string, unknown>) : { '.': exports };
  if (Object.prototype.hasOwnProperty.call(map, key)) return conditionTargets(map[key]);
  // The most specific pattern wins, as in Node: the longest prefix before `*`.
  const patterns = Object.keys(map)
    .filter((k) => k.includes('*') || k.endsWith('/'))
    .sort((a, b) => b.split('*')[0].length - a.split('*')[0].length);
  for (const pattern of patterns) {
    const star = pattern.indexOf('*');
    if (star >= 0) {
      const prefix = pattern.slice(0, star);
      const suffix = pattern.slice(star + 1);
      if (key.startsWith(prefix) && key.endsWith(suffix) && key.length >= prefix.length + suffix.length) {
        const middle = key.slice(prefix.length, key.length - suffix.length);
        return conditionTargets(map[pattern]).map((t) => t.split('*').join(middle));
      }
    } else if (key.startsWith(pattern)) {
      return conditionTargets(map[pattern]).map((t) => t + key.slice(pattern.length));
    }
  }
  return [];
}

function isSubpathMap(exports: unknown): boolean {
  return !!exports && typeof exports === 'object' && !Array.isArray(exports) && Object.keys(exports).some((k) => k.startsWith('.'));
}

function conditionTargets(target: unknown): string[] {
  if (typeof target === 'string') return [target];
  if (Array.isArray(target)) return target.flatMap(conditionTargets);
  if (target && typeof target === 'object') return Object.entries(target).flatMap(([condition, value]) => (FOREIGN_CONDITIONS.has(condition) ? [] : conditionTargets(value)));
  return [];
}
