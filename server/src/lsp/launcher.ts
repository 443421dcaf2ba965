import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * The language server's entry point (`dist/server.js`): loads the server bundle
 * (`dist/fipslint-server.js`, 7 MB with the TypeScript compiler in it) through V8's code cache.
 * Compiling the bundle is most of a cold start: about 380 ms here, 110 ms from the cache.
 *
 * The cache is the user's own (`~/.cache/fipslint`, never a shared temporary folder, since it holds
 * compiled code), named after the Node version and the bundle's size and mtime, and V8 refuses
 * one that does not match the source; any failure to read or write it only costs the compile.
 */

// Before compiling: a code cache is only accepted under the V8 flags it was made with.
// Every analysis leaves its trees behind as garbage, and V8's default heap growth lets a long
// session sit on hundreds of megabytes of it; 10% growth keeps the server near its live size
// (a soft factor, not a limit: a large file still gets the memory it needs).
v8.setFlagsFromString('--heap-growing-percent=10');

const CODE_CACHE_DELAY_MS = 2000;
/** Caches of other bundles (older versions) untouched this long are deleted when a new one is written. */
const STALE_CODE_CACHE_MS = 30 * 24 * 3600 * 1000;

const bundle = path.join(__dirname, 'fipslint-server.js');
const source = fs.readFileSync(bundle, 'utf8');
const cacheFile = codeCacheFile();
let cachedData: Buffer | undefined;
try {
  if (cacheFile) cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
const bundleModule = new Module(bundle, module);
bundleModule.filename = bundle;
(script.runInThisContext() as (...args: unknown[]) => void).call(bundleModule.exports, bundleModule.exports, createRequire(bundle), bundleModule, bundle, __dirname);

if (cacheFile && (!cachedData || script.cachedDataRejected)) {
  // A cache made right after loading holds only the start-up code; made once the first files are
  // linted it also holds the parser and the rules, which V8 compiles lazily (about 100 ms less to
  // the first diagnostics). Early enough that a busy server's GCs have not flushed the bytecode
  // of functions that ran once. Only the first start pays, off the main path; a server that
  // stops sooner makes no cache.
  setTimeout(() => writeCodeCache(cacheFile, script.createCachedData()), CODE_CACHE_DELAY_MS).unref();
}

function codeCacheFile(): string | undefined {
  try {
    const stat = fs.statSync(bundle);
    const base = process.platform === 'win32' ? (process.env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local')) : (process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'));
    return path.join(base, 'fipslint', `server-${process.version}-${stat.size}-${Math.round(stat.mtimeMs)}.cache`);
  } catch {
    return undefined;
  }
}

function writeCodeCache(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  // A read-only home only costs the compile next time.
  fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 }, (mkdirError) => {
    if (mkdirError) return;
    fs.writeFile(temporary, data, { mode: 0o600 }, (writeError) => {
      if (writeError) return fs.rm(temporary, { force: true }, () => undefined);
      fs.rename(temporary, file, () => removeStaleCodeCaches(file));
    });
  });
}

/** Each extension update leaves a 9 MB cache behind; those unused for a month go. */
function removeStaleCodeCaches(current: string): void {
  const folder = path.dirname(current);
  fs.readdir(folder, (error, names) => {
    if (error) return;
    for (const name of names) {
      const file = path.join(folder, name);
      if (file === current || !/^server-.*\.cache$/.test(name)) continue;
      fs.stat(file, (statError, stat) => {
        if (!statError && stat.isFile() && Date.now() - stat.mtimeMs > STALE_CODE_CACHE_MS) fs.rm(file, { force: true }, () => undefined);
      });
    }
  });
}
