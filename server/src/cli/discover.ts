import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isSourceFileName } from '../engine';

/** Folders never worth scanning, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface Discovery {
  files: string[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
  /** Folders or files that could not be read (permissions, loops): reported, not fatal. */
  unreadable: Array<{ path: string; reason: string }>;
}

interface IgnoreScope {
  dir: string;
  matcher: Ignore;
}

/**
 * The TypeScript/JavaScript files under the given paths: folders are walked (skipping
 * node_modules and what each folder's .gitignore excludes), files given by name are taken as they are.
 * Symbolic links to folders are not followed, so link loops cannot trap the walk.
 */
export function discoverFiles(paths: string[], cwd = process.cwd()): Discovery {
  const result: Discovery = { files: [], missing: [], unreadable: [] };
  const seen = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      result.missing.push(given);
      continue;
    }
    if (stat.isFile()) {
      if (!seen.has(absolute)) result.files.push(absolute);
      seen.add(absolute);
      continue;
    }
    walk(absolute, gitignoresAbove(absolute), result, seen);
  }
  return result;
}

/** .gitignore files of the folders above a scanned folder, up to the repository root. */
function gitignoresAbove(dir: string): IgnoreScope[] {
  const scopes: IgnoreScope[] = [];
  let current = path.dirname(dir);
  for (;;) {
    const scope = readGitignore(current);
    if (scope) scopes.unshift(scope);
    if (fs.existsSync(path.join(current, '.git')) || path.dirname(current) === current) break;
    current = path.dirname(current);
  }
  return scopes;
}

function readGitignore(dir: string): IgnoreScope | undefined {
  try {
    const text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
    return { dir, matcher: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function isIgnored(scopes: IgnoreScope[], absolute: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const relative = path.relative(scope.dir, absolute).split(path.sep).join('/');
    if (!relative || relative.startsWith('..')) continue;
    if (scope.matcher.ignores(isDir ? `${relative}/` : relative)) return true;
  }
  return false;
}

function walk(dir: string, scopes: IgnoreScope[], result: Discovery, seen: Set<string>): void {
  const own = readGitignore(dir);
  const here = own ? [...scopes, own] : scopes;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    result.unreadable.push({ path: dir, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (ALWAYS_SKIPPED.has(entry.name) || isIgnored(here, absolute, true)) continue;
      walk(absolute, here, result, seen);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      if (!isSourceFileName(entry.name) || isIgnored(here, absolute, false)) continue;
      if (entry.isSymbolicLink()) {
        try {
          if (!fs.statSync(absolute).isFile()) continue;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          result.unreadable.push({ path: absolute, reason: code === 'ENOENT' ? 'a symbolic link to a file that does not exist' : code === 'ELOOP' ? 'a symbolic link loop' : (code ?? String(error)) });
          continue;
        }
      }
      if (!seen.has(absolute)) result.files.push(absolute);
      seen.add(absolute);
    }
  }
}
