import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { toolVersion } from '../version';

/** Entries not used for this long are deleted at the end of an audit. */
const UNUSED_FOR_MS = 60 * 24 * 3600 * 1000;
/** A package's results are a few kilobytes; a bigger entry is not one of ours. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/** The user's cache folder for audit results: `$XDG_CACHE_HOME/fipslint/deps`, `%LOCALAPPDATA%\fipslint\deps` on Windows. */
export function defaultDependencyCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = process.platform === 'win32' ? (env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local')) : env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'fipslint', 'deps');
}

/** fipslint's version and this build of it (the file's size and time): results of another build are not reused. */
export function engineId(): string {
  try {
    const stat = fs.statSync(__filename);
    return `${toolVersion()}+${stat.size}-${Math.round(stat.mtimeMs)}`;
  } catch {
    return toolVersion();
  }
}

/**
 * Results per package, one JSON file per key (a hash of the package's name, version, integrity,
 * file sizes and the policy). Only the user can read them; a damaged or unreadable entry is a
 * miss, and a folder that cannot be written only costs the next run its speed.
 */
export class PackageCache {
  private readonly used = new Set<string>();
  private writable = true;

  constructor(readonly dir: string) {}

  read(key: string): unknown {
    const file = this.fileOf(key);
    this.used.add(file);
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_ENTRY_BYTES) return undefined;
      const value = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      // Marks it used, for pruning; a read-only cache still serves.
      const now = new Date();
      fs.utimes(file, now, now, () => undefined);
      return value;
    } catch {
      return undefined;
    }
  }

  write(key: string, value: unknown): void {
    if (!this.writable) return;
    const file = this.fileOf(key);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(temporary, JSON.stringify(value), { mode: 0o600 });
      fs.renameSync(temporary, file);
    } catch {
      this.writable = false;
      fs.rmSync(temporary, { force: true });
    }
  }

  /** Deletes entries no audit has used for 60 days (other projects' packages age out too). */
  prune(now = Date.now()): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!/^[0-9a-f]{64}\.json$/.test(name)) continue;
      const file = path.join(this.dir, name);
      if (this.used.has(file)) continue;
      try {
        if (now - fs.statSync(file).mtimeMs > UNUSED_FOR_MS) fs.rmSync(file, { force: true });
      } catch {
        // Deleted by another run meanwhile.
      }
    }
  }

  private fileOf(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }
}
