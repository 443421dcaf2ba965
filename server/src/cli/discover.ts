import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isSourceFileName } from '../engine';
import { fileKind, readRegularFile } from '../engine/regular-file';
import { isInside } from '../engine/paths';

/** A .gitignore is a few kilobytes; a bigger one (or `/dev/zero` behind a link) is not read. */
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/** Folders never worth scanning, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface Discovery {
  files: string[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
  /** Folders or files that could not be read (permissions, loops, not regular files): the scan is incomplete. */
  unreadable: Array<{ path: string; reason: string }>;
  /** Ignore files that were refused (not regular, too large): what they exclude is scanned. */
  notices: Array<{ path: string; reason: string }>;
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
  const result: Discovery = { files: [], missing: [], unreadable: [], notices: [] };
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
    if (!stat.isDirectory()) {
      result.unreadable.push({ path: absolute, reason: `not a regular file (${fileKind(stat)})` });
      continue;
    }
    walk(absolute, gitignoresAbove(absolute, result), result, seen);
  }
  return result;
}

/** .gitignore files of the folders above a scanned folder, up to the repository root. */
function gitignoresAbove(dir: string, result: Discovery): IgnoreScope[] {
  const scopes: IgnoreScope[] = [];
  let current = path.dirname(dir);
  for (;;) {
    const scope = readGitignore(current, result);
    if (scope) scopes.unshift(scope);
    if (fs.existsSync(path.join(current, '.git')) || path.dirname(current) === current) break;
    current = path.dirname(current);
  }
  return scopes;
}

function readGitignore(dir: string, result: Discovery): IgnoreScope | undefined {
  const file = path.join(dir, '.gitignore');
  const read = readRegularFile(file, MAX_IGNORE_FILE_BYTES);
  if (read.ok) return { dir, matcher: ignore().add(read.bytes.toString('utf8')) };
  if (read.code !== 'ENOENT' && read.code !== 'ENOTDIR') result.notices.push({ path: file, reason: `${read.reason}; the files it would exclude are scanned` });
  return undefined;
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
  const own = readGitignore(dir, result);
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
    } else {
      if (!isSourceFileName(entry.name) || isIgnored(here, absolute, false)) continue;
      // A named pipe, a socket or a device with a source file's name is not source: said, never read.
      if (!entry.isFile() && !entry.isSymbolicLink()) {
        result.unreadable.push({ path: absolute, reason: 'not a regular file' });
        continue;
      }
      if (entry.isSymbolicLink()) {
        try {
          const target = fs.statSync(absolute);
          // A link to a folder named like a source file is not followed (no loops); to anything else, said.
          if (target.isDirectory()) continue;
          if (!target.isFile()) {
            result.unreadable.push({ path: absolute, reason: `a symbolic link to ${fileKind(target)}, not a regular file` });
            continue;
          }
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

/**
 * The folder a scan of `given` may read: the repository that holds it (the nearest folder above
 * with a `.git`), else the folder given, or for a file the current folder when the file is in it,
 * else the file's own folder. Configuration lookups stop there, and imports beyond it are not read.
 */
export function readableRoot(given: string, cwd: string): string {
  const absolute = path.resolve(cwd, given);
  const start = folderOf(absolute);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  if (start === absolute) return absolute;
  const here = path.resolve(cwd);
  return isInside(absolute, here) ? here : start;
}

/** A folder given on the command line, or the folder of a file (or of a path that does not exist). */
export function folderOf(given: string): string {
  try {
    return fs.statSync(given).isDirectory() ? given : path.dirname(given);
  } catch {
    return path.dirname(given);
  }
}
