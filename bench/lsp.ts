import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Corpus } from './corpus';

export interface LatencyStats {
  edits: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface LspResult {
  /** Spawn to first diagnostics on the 5,000-line file, the first time ever (no V8 code cache yet). */
  coldStartMs: number;
  /** The same, on a later start, with the code cache the first one wrote. */
  coldStartCachedMs: number;
  coldStartDiagnostics: number;
  denseEdit: LatencyStats;
  smallEdit: LatencyStats;
  /** A real crypto-heavy file of the corpus (node-forge's TLS implementation, 4,282 lines). */
  realEdit: LatencyStats;
  realFile: string;
  realFileLines: number;
  openFiles: number;
  rssAfterOpenMb: number;
  cycles: number;
  rssDuringCyclesMb: Array<{ cycle: number; rssMb: number }>;
}

const EDITS = 200;
const OPEN_FILES = 1_000;
const CYCLES = 1_000;

/** A scripted editor: speaks LSP over stdio to the shipped server bundle, as VS Code's client would (push diagnostics). */
export class ScriptedEditor {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  private readonly published = new Map<string, number>();
  private readonly waiters = new Map<string, Array<{ version: number; wake: () => void }>>();
  private readonly documents = new Map<string, TextDocument>();

  constructor(serverPath: string, nodeArgs: string[] = [], env: NodeJS.ProcessEnv = process.env) {
    this.process = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({ enable: true, profile: 'fips-140-3', run: 'onType', rules: {}, exclude: [] })));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, version, diagnostics }) => {
      // The server clears a closed document's diagnostics without a version; only versioned ones answer an edit.
      if (version === undefined) return;
      this.lastCount = diagnostics.length;
      this.published.set(uri, version);
      const pending = this.waiters.get(uri) ?? [];
      this.waiters.set(uri, pending.filter((w) => (w.version <= version ? (w.wake(), false) : true)));
    });
    this.connection.listen();
  }

  lastCount = 0;

  async initialize(root: string): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'corpus' }],
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Resolves when diagnostics for this version (or a later one) of the document arrive. */
  diagnostics(uri: string, version: number): Promise<void> {
    if ((this.published.get(uri) ?? -1) >= version) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within 60 s`)), 60_000);
      const list = this.waiters.get(uri) ?? [];
      list.push({ version, wake: () => (clearTimeout(timer), resolve()) });
      this.waiters.set(uri, list);
    });
  }

  open(file: string): TextDocument {
    const uri = pathToFileURL(file).href;
    const languageId = /\.[mc]?tsx?$/.test(file) ? 'typescript' : 'javascript';
    const document = TextDocument.create(uri, languageId, 1, fs.readFileSync(file, 'utf8'));
    this.documents.set(uri, document);
    this.published.delete(uri);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text: document.getText() } });
    return document;
  }

  /** Replaces `length` characters at `offset` with `text`, as one keystroke's incremental change. */
  edit(document: TextDocument, offset: number, length: number, text: string): TextDocument {
    const range = { start: document.positionAt(offset), end: document.positionAt(offset + length) };
    const version = document.version + 1;
    const updated = TextDocument.update(document, [{ range, text }], version);
    this.documents.set(document.uri, updated);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: document.uri, version }, contentChanges: [{ range, text }] });
    return updated;
  }

  close(document: TextDocument): void {
    this.documents.delete(document.uri);
    this.published.delete(document.uri);
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: document.uri } });
  }

  /** The server's resident set now, read from /proc (Linux). */
  rssMb(): number {
    const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    await new Promise((resolve) => this.process.once('exit', resolve));
    this.connection.dispose();
  }
}

/** Where the generated files invite typing: inside each `'edit here'` string. */
const editHereAnchors = (text: string) => {
  const anchors: number[] = [];
  for (let at = text.indexOf("'edit here'"); at >= 0; at = text.indexOf("'edit here'", at + 1)) anchors.push(at + "'edit".length);
  return anchors;
};

/** In a real file: the end of every 21st line (typing a space there changes no finding). */
const lineEndAnchors = (text: string) => {
  const anchors: number[] = [];
  for (let at = text.indexOf('\n'), line = 0; at >= 0; at = text.indexOf('\n', at + 1), line++) if (line % 21 === 20) anchors.push(at);
  return anchors;
};

/** Types one character at each anchor in turn and deletes it on the next visit: the file keeps its findings. */
async function typingLatency(editor: ScriptedEditor, file: string, anchorsOf: (text: string) => number[]): Promise<LatencyStats> {
  let document = editor.open(file);
  await editor.diagnostics(document.uri, 1);
  const anchors = anchorsOf(document.getText());
  const typed = new Set<number>();
  const latencies: number[] = [];
  for (let k = 0; k < EDITS; k++) {
    const slot = (k * 7) % anchors.length;
    // Earlier slots' typed characters shift this anchor by one each.
    const shift = [...typed].filter((s) => anchors[s] < anchors[slot]).length;
    const offset = anchors[slot] + shift;
    const started = performance.now();
    if (typed.has(slot)) {
      document = editor.edit(document, offset, 1, '');
      typed.delete(slot);
    } else {
      document = editor.edit(document, offset, 0, slot % 2 ? 'x' : ' ');
      typed.add(slot);
    }
    await editor.diagnostics(document.uri, document.version);
    latencies.push(performance.now() - started);
  }
  editor.close(document);
  return stats(latencies);
}

function stats(values: number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { edits: values.length, p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), maxMs: round(sorted[sorted.length - 1]) };
}

const round = (n: number) => Math.round(n * 10) / 10;

function spread(files: string[], count: number): string[] {
  const step = files.length / count;
  return Array.from({ length: Math.min(count, files.length) }, (_, i) => files[Math.floor(i * step)]);
}

/** Starts a server and times spawn → initialize → didOpen of the dense file → its first diagnostics. */
async function coldStart(serverPath: string, corpus: Corpus, env: NodeJS.ProcessEnv): Promise<{ editor: ScriptedEditor; ms: number; diagnostics: number }> {
  const started = performance.now();
  const editor = new ScriptedEditor(serverPath, [], env);
  await editor.initialize(corpus.root);
  const first = editor.open(corpus.denseFile);
  await editor.diagnostics(first.uri, 1);
  const ms = round(performance.now() - started);
  editor.close(first);
  return { editor, ms, diagnostics: editor.lastCount };
}

export async function measureLsp(corpus: Corpus, serverPath: string, log: (line: string) => void): Promise<LspResult> {
  // The server keeps V8's code cache in the user's cache folder; the bench starts from an empty one.
  const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-bench-cache-'));
  const env = { ...process.env, XDG_CACHE_HOME: cacheHome };
  const { editor, ms: coldStartMs, diagnostics: coldStartDiagnostics } = await coldStart(serverPath, corpus, env);
  try {
    log(`  cold start to first diagnostics, first start (no code cache): ${coldStartMs} ms (${coldStartDiagnostics} diagnostics)`);

    const denseEdit = await typingLatency(editor, corpus.denseFile, editHereAnchors);
    log(`  edit -> diagnostics, 5,000-line file: p50 ${denseEdit.p50Ms} ms, p95 ${denseEdit.p95Ms} ms`);
    const smallEdit = await typingLatency(editor, corpus.smallFile, editHereAnchors);
    log(`  edit -> diagnostics, small file in the corpus project: p50 ${smallEdit.p50Ms} ms, p95 ${smallEdit.p95Ms} ms`);
    const realEdit = await typingLatency(editor, corpus.realLargeFile, lineEndAnchors);
    log(`  edit -> diagnostics, ${path.relative(corpus.root, corpus.realLargeFile)}: p50 ${realEdit.p50Ms} ms, p95 ${realEdit.p95Ms} ms`);

    const others = corpus.files.filter((f) => f !== corpus.denseFile && f !== corpus.smallFile && f !== corpus.realLargeFile);
    const opened = spread(others, OPEN_FILES).map((file) => editor.open(file));
    for (const document of opened) await editor.diagnostics(document.uri, 1);
    const rssAfterOpenMb = round(editor.rssMb());
    log(`  RSS after opening ${opened.length} files: ${rssAfterOpenMb} MB`);
    for (const document of opened) editor.close(document);

    const rssDuringCyclesMb: LspResult['rssDuringCyclesMb'] = [];
    const cycleFiles = spread([...others].reverse(), CYCLES);
    for (let cycle = 1; cycle <= cycleFiles.length; cycle++) {
      let document = editor.open(cycleFiles[cycle - 1]);
      await editor.diagnostics(document.uri, 1);
      document = editor.edit(document, 0, 0, '\n');
      await editor.diagnostics(document.uri, 2);
      editor.close(document);
      if (cycle === 100 || cycle % 250 === 0) rssDuringCyclesMb.push({ cycle, rssMb: round(editor.rssMb()) });
    }
    log(`  RSS over ${cycleFiles.length} open/edit/close cycles: ${rssDuringCyclesMb.map((r) => `${r.cycle}: ${r.rssMb} MB`).join(', ')}`);
    await editor.stop();
    const again = await coldStart(serverPath, corpus, env);
    await again.editor.stop();
    const coldStartCachedMs = again.ms;
    log(`  cold start to first diagnostics, later start (code cache): ${coldStartCachedMs} ms`);
    return { coldStartMs, coldStartCachedMs, coldStartDiagnostics, denseEdit, smallEdit, realEdit, realFile: path.relative(corpus.root, corpus.realLargeFile), realFileLines: fs.readFileSync(corpus.realLargeFile, 'utf8').split('\n').length, openFiles: opened.length, rssAfterOpenMb, cycles: cycleFiles.length, rssDuringCyclesMb };
  } finally {
    if (editor.process.exitCode === null) editor.process.kill();
    fs.rmSync(cacheHome, { recursive: true, force: true });
  }
}
