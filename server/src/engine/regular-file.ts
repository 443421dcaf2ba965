import * as fs from 'node:fs';

/**
 * Reading a file that a repository may have made hostile. A committed symlink can point a
 * configuration at `/dev/zero` (endless bytes), a named pipe blocks `open` until someone writes
 * to it, and a device or socket is not text at all. So: open without blocking, look at what was
 * opened (`fstat` of the descriptor, not of the path, which may change in between), read only a
 * regular file, and never more than `maxBytes`.
 */
export type RegularFileRead = { ok: true; bytes: Buffer; stat: fs.Stats } | { ok: false; reason: string; code?: string };

export function readRegularFile(file: string, maxBytes: number): RegularFileRead {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: describeErrno(code, error), code };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: `not a regular file (${fileKind(stat)})`, code: 'ENOTREG' };
    if (stat.size > maxBytes) return { ok: false, reason: `${formatBytes(stat.size)} is over the ${formatBytes(maxBytes)} limit for this kind of file`, code: 'EFBIG' };
    // The size can change while reading (a file being written): read to the end, never past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(stat.size + 1, 1024 * 1024)));
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) return { ok: false, reason: `it grew over the ${formatBytes(maxBytes)} limit while being read`, code: 'EFBIG' };
      chunks.push(Buffer.from(chunk.subarray(0, read)));
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total), stat };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: describeErrno(code, error), code };
  } finally {
    fs.closeSync(fd);
  }
}

/** What a path is, in words, for a message that says why it was not read. */
export function fileKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

function describeErrno(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'ENOENT':
      return 'it does not exist (ENOENT)';
    case 'ELOOP':
      return 'a symbolic link loop (ELOOP)';
    case 'EISDIR':
      return 'a folder';
    default:
      return code ?? String(error);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * `500kb`, `4mb`, `2.5MB` or a whole number of bytes; only an exact 0 means no limit, so a size
 * that rounds to nothing (`0.4b`) is refused rather than read as "no limit".
 */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m)?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const bytes = Number(match[1]) * (unit === 'm' ? 1024 * 1024 : unit === 'k' ? 1024 : 1);
  if (bytes === 0) return 0;
  return Number.isInteger(bytes) || bytes >= 1 ? Math.max(1, Math.round(bytes)) : undefined;
}

/** Where UTF-8 decoding of `bytes` (as `text`) lost information (invalid sequences became U+FFFD), or -1 when it round-trips. */
export function firstLossyByte(bytes: Buffer, text: string): number {
  const encoded = Buffer.from(text, 'utf8');
  if (encoded.equals(bytes)) return -1;
  const shorter = Math.min(encoded.length, bytes.length);
  let i = 0;
  while (i < shorter && encoded[i] === bytes[i]) i++;
  return i;
}
