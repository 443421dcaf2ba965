import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileIndex } from './file-index';
import { textChange } from './incremental';
import { ts } from './typescript';
import { REACH_TEXT } from './apis';
import { CryptoReach } from './relevance';
import { relativeSpecifiers } from './resolve/modules';
import { readRegularFile } from './regular-file';
import { isInside } from './paths';

/**
 * Where the engine gets file text from. The CLI reads the disk; the language server lays open
 * documents over it. The engine itself never touches the file system, so it can be tested on
 * strings and never runs or `require`s what it reads.
 */
export interface SourceHost {
  readFile(fileName: string): string | undefined;
  /** The names in a folder (undefined if unreadable); lets module resolution test candidates without a system call each. */
  listDirectory?(dir: string): string[] | undefined;
  /** Where a path really is, symbolic links followed (undefined if it does not exist). */
  realPath?(fileName: string): string | undefined;
}

export const diskHost: SourceHost = {
  listDirectory(dir) {
    try {
      return fs.readdirSync(dir);
    } catch {
      return undefined;
    }
  },
  readFile(fileName) {
    const read = readRegularFile(fileName, MAX_IMPORTED_FILE_BYTES);
    return read.ok ? read.bytes.toString('utf8') : undefined;
  },
  realPath(fileName) {
    try {
      return fs.realpathSync.native(fileName);
    } catch {
      return undefined;
    }
  },
};

/** Files followed for cross-file constants are parsed whole; a bundle is not worth it. */
const MAX_IMPORTED_FILE_BYTES = 2 * 1024 * 1024;

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export function isSourceFileName(fileName: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(fileName).toLowerCase()) && !fileName.endsWith('.d.ts');
}

/** How TypeScript treats each source extension: as a script kind to parse, as a module extension to resolve. */
const KINDS: Record<string, { script: ts.ScriptKind; module: ts.Extension }> = {
  '.ts': { script: ts.ScriptKind.TS, module: ts.Extension.Ts },
  '.mts': { script: ts.ScriptKind.TS, module: ts.Extension.Mts },
  '.cts': { script: ts.ScriptKind.TS, module: ts.Extension.Cts },
  '.tsx': { script: ts.ScriptKind.TSX, module: ts.Extension.Tsx },
  '.js': { script: ts.ScriptKind.JS, module: ts.Extension.Js },
  '.mjs': { script: ts.ScriptKind.JS, module: ts.Extension.Mjs },
  '.cjs': { script: ts.ScriptKind.JS, module: ts.Extension.Cjs },
  '.jsx': { script: ts.ScriptKind.JSX, module: ts.Extension.Jsx },
};

function kindsOf(fileName: string) {
  if (fileName.toLowerCase().endsWith('.json')) return { script: ts.ScriptKind.JSON, module: ts.Extension.Json };
  return KINDS[path.extname(fileName).toLowerCase()] ?? KINDS['.ts'];
}

export function moduleExtensionOf(fileName: string): ts.Extension {
  return kindsOf(fileName).module;
}

/** A file's tree, with parents set (by the index walk, which every analysed file needs anyway). */
export function parseSource(fileName: string, text: string): ts.SourceFile {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kindsOf(fileName).script);
  fileIndex(sourceFile);
  return sourceFile;
}

/**
 * The new text's tree, built by TypeScript's incremental parser from the previous tree and the one
 * changed span (common prefix and suffix of the two texts). The previous tree must not be used
 * afterwards: the parser reuses and moves its unchanged nodes.
 */
function reparse(previous: ts.SourceFile, oldText: string, newText: string): ts.SourceFile {
  if (previous.fileName.toLowerCase().endsWith('.json')) return parseSource(previous.fileName, newText);
  const { start, oldEnd, newEnd } = textChange(oldText, newText);
  const sourceFile = ts.updateSourceFile(previous, newText, ts.createTextChangeRange(ts.createTextSpan(start, oldEnd - start), newEnd - start));
  // As after a full parse: the index walk sets the parents (of the new statements, and of those carried over).
  fileIndex(sourceFile);
  return sourceFile;
}

/**
 * What one analysis read of the project besides its own file: per question asked (a file's text,
 * whether a file exists, where a specifier leads, a module's importers), the answer seen and how
 * to ask again; and the project's generation then.
 */
export interface ReadLog {
  generation: number;
  entries: Map<string, { seen: unknown; again: () => unknown }>;
}

/**
 * How much source text the parse cache keeps: 512 Ki characters, whose trees take some 20 MB. Enough
 * for the project modules that many files import (settings, constants); a scan's linted files
 * pass through it.
 */
const DEFAULT_CACHE_CHARS = 512 * 1024;

/**
 * The files one analysis may look into: the file being linted and the project modules it imports
 * (relative specifiers only: packages in node_modules are never read). Parsed files are cached
 * by text, so a workspace scan parses each module once however many files import it, and a file
 * whose text changed is reparsed incrementally from its previous tree (an editor's keystroke
 * reparses only the statements around the edit). The cache is bounded by source size and trimmed
 * only between analyses, so a tree never changes identity while an analysis holds it.
 */
export class SourceProject {
  /** In order of last use, oldest first. */
  private readonly cache = new Map<string, { text: string; sourceFile: ts.SourceFile; checked: number }>();
  private cachedChars = 0;
  /** Counts analyses: a cached module is compared with its file once per analysis, not at every lookup. */
  private epoch = 0;
  private readonly overlay = new Map<string, string>();
  /**
   * Folder listings for module resolution (names null: unreadable). A name not listed is looked
   * for again once per analysis (`epoch`): a file created without a watcher event to say so (a
   * client without file watching, a tool writing next to the open file) is found on the next edit.
   */
  private readonly folders = new Map<string, { names: Set<string> | null; epoch: number }>();
  /** Resolved relative specifiers by importing folder; a miss (target null) is tried again in the next analysis. */
  private readonly resolved = new Map<string, { target: string | null; epoch: number }>();
  /** Which modules' exports can lead to crypto: a file that names one is analysed (`relevance.ts`). */
  readonly reach: CryptoReach = new CryptoReach(this, REACH_TEXT);
  /** The files callers may be looked for in (the scan's files, the workspace's) below a folder, listed when first needed. */
  private projectFiles: ((under: string) => readonly string[]) | undefined;
  /** Per package folder, per module: the project files that import it; built from their text when first asked. */
  private importers: Map<string, Map<string, string[]>> | undefined;
  /**
   * The folders whose files may be read (the scan's repository or root, the workspace folders);
   * undefined: anywhere (the engine's own tests). Nothing under a `node_modules` folder is read.
   */
  private readableRoots: string[] | undefined;
  private readonly realRoots = new Map<string, string>();
  /** `refusal` by path: modules are read again at every analysis (an editor's keystroke), their links resolved once. */
  private readonly refusals = new Map<string, string | undefined>();
  /** Bumped whenever cached answers about other files are dropped or their scope changes (`forget`, roots, project files). */
  private generation = 0;
  /** While an analysis runs for the engine's reuse after edits: what it read of the project (see `ReadLog`). */
  private readLog: ReadLog | undefined;

  constructor(
    private readonly host: SourceHost = diskHost,
    private readonly maxCachedChars = DEFAULT_CACHE_CHARS,
  ) {}

  /**
   * Confine reading to these folders: an import that leads outside them (`../../outside/x.json`,
   * `../node_modules/y`) is not read, and its value is unresolved. Open documents (overlays) are
   * exempt: the user opened them.
   */
  setReadableRoots(roots: readonly string[] | undefined): void {
    this.generation++;
    this.readableRoots = roots?.map((root) => path.resolve(root));
    this.realRoots.clear();
    this.refusals.clear();
    this.resolved.clear();
    this.folders.clear();
  }

  /** Why a path may not be read, or undefined when it may. The path as written, then where links lead. */
  refusal(fileName: string): string | undefined {
    if (!this.readableRoots) return undefined;
    const key = path.resolve(fileName);
    if (this.refusals.has(key)) return this.refusals.get(key);
    const refused = this.refusalOf(key);
    this.refusals.set(key, refused);
    return refused;
  }

  private refusalOf(key: string): string | undefined {
    const roots = this.readableRoots ?? [];
    const lexical = this.pathRefusal(key);
    if (lexical) return lexical;
    const root = roots.find((r) => isInside(key, r))!;
    const real = this.host.realPath?.(key);
    if (real && real !== key) {
      let realRoot = this.realRoots.get(root);
      if (realRoot === undefined) this.realRoots.set(root, (realRoot = this.host.realPath?.(root) ?? root));
      if (!isInside(real, realRoot) && !roots.some((r) => isInside(real, r))) return 'a symbolic link to a file outside the folders fipslint reads';
    }
    return undefined;
  }

  /** `refusal` from the path as written alone: no system call. */
  private pathRefusal(key: string): string | undefined {
    if (!this.readableRoots) return undefined;
    const root = this.readableRoots.find((r) => isInside(key, r));
    if (!root) return 'outside the folders fipslint reads (the scanned repository or workspace)';
    if (path.relative(root, key).split(path.sep).includes('node_modules')) return 'inside node_modules, which fipslint does not read';
    return undefined;
  }

  /** Text that wins over the host's (an editor's unsaved buffer). */
  setOverlay(fileName: string, text: string | undefined): void {
    const key = path.resolve(fileName);
    if (text === undefined) this.overlay.delete(key);
    else this.overlay.set(key, text);
  }

  readText(fileName: string): string | undefined {
    const key = path.resolve(fileName);
    const open = this.overlay.get(key);
    const text = open !== undefined ? open : this.refusal(key) === undefined ? this.host.readFile(key) : undefined;
    if (this.readLog) this.logRead(`text\0${key}`, text, () => this.readText(key));
    return text;
  }

  /**
   * Starts recording what is read of the project (file texts, module resolutions, folder
   * listings, importers) until `stopReadLog`: an analysis's findings depend on nothing else.
   */
  startReadLog(): ReadLog {
    return (this.readLog = { generation: this.generation, entries: new Map() });
  }

  stopReadLog(): void {
    this.readLog = undefined;
  }

  /** Whether reading the project again gives what the log recorded (recorded again into the current log, if any). */
  readsStillHold(log: ReadLog): boolean {
    if (log.generation !== this.generation) return false;
    for (const { seen, again } of log.entries.values()) if (again() !== seen) return false;
    return true;
  }

  private logRead(question: string, seen: unknown, again: () => unknown): void {
    this.readLog?.entries.set(question, { seen, again });
  }

  /**
   * Whether the file may exist, for module resolution, which tries a dozen candidate names per
   * import: one folder listing per folder answers them all (readText still has the last word).
   */
  hasFile(fileName: string): boolean {
    const has = this.findFile(fileName);
    if (this.readLog) this.logRead(`has\0${path.resolve(fileName)}`, has, () => this.hasFile(fileName));
    return has;
  }

  private findFile(fileName: string): boolean {
    const key = path.resolve(fileName);
    if (this.overlay.has(key) || this.cache.has(key)) return true;
    if (this.pathRefusal(key)) return false;
    if (!this.host.listDirectory) return this.host.readFile(key) !== undefined;
    const dir = path.dirname(key);
    const name = path.basename(key);
    let listing = this.folders.get(dir);
    if (listing === undefined || (listing.epoch !== this.epoch && !listing.names?.has(name))) {
      const listed = this.host.listDirectory(dir);
      this.folders.set(dir, (listing = { names: listed ? new Set(listed) : null, epoch: this.epoch }));
    }
    return !!listing.names?.has(name);
  }

  /** The file's tree; `text`, when given, is its new content (the engine passes the text it analyses). */
  getSourceFile(fileName: string, text?: string): ts.SourceFile | undefined {
    const key = path.resolve(fileName);
    const cached = this.cache.get(key);
    if (cached && text === undefined && cached.checked === this.epoch) {
      if (this.readLog) this.logRead(`text\0${key}`, cached.text, () => this.readText(key));
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached.sourceFile;
    }
    const content = text ?? this.readText(key);
    if (content === undefined) return undefined;
    if (cached) {
      this.cache.delete(key);
      this.cachedChars -= cached.text.length;
    }
    // Only the file an analysis starts from is reparsed in place: a module fetched mid-analysis
    // may have handed out its tree already, so it gets a fresh one.
    const sourceFile =
      cached?.text === content ? cached.sourceFile : cached && text !== undefined ? reparse(cached.sourceFile, cached.text, content) : parseSource(key, content);
    this.cache.set(key, { text: content, sourceFile, checked: this.epoch });
    this.cachedChars += content.length;
    return sourceFile;
  }

  /**
   * The files of the project below a folder ('' for all of them), for finding a module's importers
   * (`importersOf`): the CLI gives the files it scans, the language server its workspace folders'
   * files. Nothing outside them is read. Set it again when the list changes: the index is rebuilt.
   */
  setProjectFiles(list: ((under: string) => readonly string[]) | undefined): void {
    this.generation++;
    this.projectFiles = list;
    this.importers = undefined;
  }

  /**
   * The project files that import `fileName` by a relative specifier, at most `limit` of them.
   * Importers are looked for in the module's own package (the folder of its nearest package.json,
   * or the whole project without one): relative imports do not cross packages.
   */
  importersOf(fileName: string, limit = 50): string[] {
    const importers = this.findImporters(fileName, limit);
    if (this.readLog) this.logRead(`importers\0${path.resolve(fileName)}\0${limit}`, importers.join('\0'), () => this.importersOf(fileName, limit).join('\0'));
    return importers;
  }

  private findImporters(fileName: string, limit: number): string[] {
    if (!this.projectFiles) return [];
    const key = path.resolve(fileName);
    const scope = this.packageRoot(key);
    this.importers ??= new Map();
    let index = this.importers.get(scope);
    if (!index) {
      this.importers.set(scope, (index = new Map()));
      const inside = scope === '' ? () => true : (file: string) => file.startsWith(scope + path.sep);
      for (const file of this.projectFiles(scope)) {
        const absolute = path.resolve(file);
        if (!inside(absolute)) continue;
        let specifiers = this.reach.specifiersOf(absolute);
        if (!specifiers) {
          const text = this.readText(absolute);
          if (text === undefined) continue;
          specifiers = relativeSpecifiers(text);
        }
        for (const specifier of specifiers) {
          const target = this.resolveRelativeModule(absolute, specifier);
          if (!target || target === absolute) continue;
          const list = index.get(target);
          if (!list) index.set(target, [absolute]);
          else if (!list.includes(absolute)) list.push(absolute);
        }
      }
    }
    return (index.get(key) ?? []).slice(0, limit);
  }

  /** The folder of the nearest package.json above a file; '' without one. */
  private packageRoot(fileName: string): string {
    for (let dir = path.dirname(fileName); ; dir = path.dirname(dir)) {
      if (this.hasFile(path.join(dir, 'package.json'))) return dir;
      if (path.dirname(dir) === dir) return '';
    }
  }

  /** Drops the least recently used trees beyond the cache's budget. The engine calls it before each analysis. */
  trim(): void {
    this.epoch++;
    for (const [key, entry] of this.cache) {
      if (this.cachedChars <= this.maxCachedChars) return;
      this.cache.delete(key);
      this.cachedChars -= entry.text.length;
    }
  }

  /** Drop cached parses (files changed on disk, or a closed editor's file). */
  forget(fileName?: string): void {
    this.generation++;
    // Which modules lead to crypto, and who imports what, depend on other files' text: any change may alter them.
    this.reach.clear(fileName === undefined ? undefined : path.resolve(fileName));
    this.importers = undefined;
    // A created or deleted file changes what specifiers resolve to (and a link, where it leads).
    this.resolved.clear();
    if (fileName === undefined) this.refusals.clear();
    else this.refusals.delete(path.resolve(fileName));
    if (fileName === undefined) {
      this.cache.clear();
      this.cachedChars = 0;
      this.folders.clear();
      return;
    }
    const key = path.resolve(fileName);
    // The file may have been created or deleted: its folder's listing is stale too.
    this.folders.delete(path.dirname(key));
    const entry = this.cache.get(key);
    if (!entry) return;
    this.cache.delete(key);
    this.cachedChars -= entry.text.length;
  }

  /**
   * Resolve a relative import the way TypeScript and Node do for project files: the path itself,
   * with each source extension, a `.js` written for a `.ts` file, and `index` files of folders.
   */
  resolveRelativeModule(fromFile: string, specifier: string): string | undefined {
    const target = this.findRelativeModule(fromFile, specifier);
    if (this.readLog) this.logRead(`module\0${path.dirname(path.resolve(fromFile))}\0${specifier}`, target, () => this.resolveRelativeModule(fromFile, specifier));
    return target;
  }

  private findRelativeModule(fromFile: string, specifier: string): string | undefined {
    if (!specifier.startsWith('.')) return undefined;
    // Files of one folder import the same few modules: each (folder, specifier) is resolved once.
    const key = `${path.dirname(fromFile)}\0${specifier}`;
    const known = this.resolved.get(key);
    if (known && (known.target !== null || known.epoch === this.epoch)) return known.target ?? undefined;
    const found = this.findModule(path.resolve(path.dirname(fromFile), specifier));
    this.resolved.set(key, { target: found ?? null, epoch: this.epoch });
    return found;
  }

  private findModule(base: string): string | undefined {
    // Configuration modules: `import settings from './crypto.json'`, `require('./tls.json')`.
    if (base.toLowerCase().endsWith('.json')) return this.hasFile(base) ? base : undefined;
    const candidates: string[] = [base];
    const ext = path.extname(base);
    if (['.js', '.mjs', '.cjs', '.jsx'].includes(ext)) {
      const stem = base.slice(0, -ext.length);
      candidates.push(...['.ts', '.tsx', '.mts', '.cts'].map((e) => stem + e));
    }
    candidates.push(...SOURCE_EXTENSIONS.map((e) => base + e));
    candidates.push(...SOURCE_EXTENSIONS.map((e) => path.join(base, 'index' + e)));
    for (const candidate of candidates) {
      if (!isSourceFileName(candidate)) continue;
      if (this.hasFile(candidate)) return candidate;
    }
    return undefined;
  }
}
