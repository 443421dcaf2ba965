import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../engine/paths';
import { readRegularFile } from '../engine/regular-file';

/** What became of one file's fixes. `refused`: left alone on purpose (the reason says why); errors are thrown. */
export type WriteOutcome = { status: 'written'; file: string } | { status: 'changed' } | { status: 'refused'; reason: string };

/**
 * Replace a source file's content with its fixed text, or leave it exactly as it was.
 *
 * - The new bytes go to a temporary file beside the target (same mode, owner and group), which is
 *   renamed over it: a crash or a full disk never leaves a half-written file.
 * - `expected` is what the file held when it was read. It is compared before writing, and again
 *   (bytes, inode, size and modification time) right before the rename, so an editor's save in
 *   between is kept and the file reported as changed. What remains is the moment between that last
 *   check and the rename itself: POSIX has no compare-and-swap rename.
 * - A symbolic link is followed only to a file inside `roots` (the scanned folders), and that
 *   file is written; the link stays a link. A link leading elsewhere is refused.
 * - A file with other hard links is refused (a rename would split them, leaving the other names
 *   with the old text), as is a read-only file and one whose owner or group cannot be kept.
 */
export function writeFixedFile(file: string, content: Buffer, expected: Buffer, roots: readonly string[]): WriteOutcome {
  let target = file;
  if (fs.lstatSync(file).isSymbolicLink()) {
    const real = fs.realpathSync.native(file);
    const realRoots = roots.map((root) => realPathOr(root));
    if (!realRoots.some((root) => isInside(real, root))) {
      return { status: 'refused', reason: `it is a symbolic link to ${real}, outside the scanned folders; fix the file there` };
    }
    target = real;
  }
  const before = readForFix(target);
  if (!before) return { status: 'refused', reason: 'it is not a regular file' };
  if (!before.bytes.equals(expected)) return { status: 'changed' };
  if (before.stat.nlink > 1) return { status: 'refused', reason: `it has ${before.stat.nlink} hard links, which a rewrite would split (the other names would keep the old text)` };
  if ((before.stat.mode & 0o222) === 0 || !isWritable(target)) return { status: 'refused', reason: `it is read-only (mode ${(before.stat.mode & 0o777).toString(8)})` };

  const mode = before.stat.mode & 0o7777;
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.fipslint-${process.pid}-${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, content, { mode, flag: 'wx' });
    fs.chmodSync(temp, mode);
    const uid = process.getuid?.();
    const gid = process.getgid?.();
    if (uid !== undefined && (before.stat.uid !== uid || before.stat.gid !== gid)) {
      try {
        fs.chownSync(temp, before.stat.uid, before.stat.gid);
      } catch (error) {
        fs.rmSync(temp, { force: true });
        return { status: 'refused', reason: `its owner or group (${before.stat.uid}:${before.stat.gid}) could not be kept (${(error as NodeJS.ErrnoException).code ?? error})` };
      }
    }
    const now = readForFix(target);
    const same =
      !!now &&
      now.stat.ino === before.stat.ino &&
      now.stat.dev === before.stat.dev &&
      now.stat.size === before.stat.size &&
      now.stat.mtimeMs === before.stat.mtimeMs &&
      now.bytes.equals(expected);
    if (!same) {
      fs.rmSync(temp, { force: true });
      return { status: 'changed' };
    }
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return { status: 'written', file: target };
}

/** The file's bytes and what it is; undefined for a special file; errors (gone, permissions) are thrown, as for the write. */
function readForFix(file: string): { bytes: Buffer; stat: fs.Stats } | undefined {
  const read = readRegularFile(file, Number.MAX_SAFE_INTEGER);
  if (read.ok) return read;
  if (read.code === 'ENOTREG') return undefined;
  throw Object.assign(new Error(read.reason), { code: read.code });
}

function isWritable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function realPathOr(folder: string): string {
  try {
    return fs.realpathSync.native(folder);
  } catch {
    return path.resolve(folder);
  }
}

/** Why a write failed, in words a user can act on. */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = { ENOSPC: 'no space left on the device', EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system', EDQUOT: 'disk quota exceeded', EISDIR: 'it is a folder', ENOENT: 'no such folder' };
  return code ? `${words[code] ?? 'error'}: ${code}` : String(error);
}
