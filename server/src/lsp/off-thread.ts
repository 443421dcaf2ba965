import { Worker, parentPort } from 'node:worker_threads';
import { RULES } from '../../../rules';
import { Engine, SourceProject, type AnalysisOptions, type FileAnalysis } from '../engine';

/**
 * Analysis of large or slow files on a worker thread, so that one such file does not hold up
 * diagnostics for the others (the engine is synchronous: on the main thread a 2 MB file would
 * block every keystroke in every other file while it is analysed).
 *
 * One worker, started on first use and stopped after ten quiet seconds (it holds a second engine).
 * Jobs run one at a time; a newer text for a file still waiting replaces the older one. If the
 * worker dies (out of memory, a crash), the job in flight fails with a message and the next job
 * starts a fresh worker.
 */
const IDLE_MS = 10_000;
/** The worker's heap ceiling: generous for any real file (a 10 MB bundle needs well under 1 GB). */
const WORKER_HEAP_MB = 2048;
/**
 * Findings sent back per file: the main thread decodes the result and would block on a file with
 * hundreds of thousands of them; the server shows at most `MAX_DIAGNOSTICS_PER_FILE` anyway.
 */
const MAX_FINDINGS_RETURNED = 5000;

interface Job {
  file: string;
  text: string;
  options: AnalysisOptions;
  resolve: (result: FileAnalysis | undefined) => void;
  reject: (error: Error) => void;
}

export class OffThreadAnalyzer {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private running: Job | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly entry: string,
    private readonly log: (message: string) => void,
  ) {}

  /** Resolves with the analysis, or undefined when a newer text for the same file superseded it. */
  analyze(file: string, text: string, options: AnalysisOptions): Promise<FileAnalysis | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.queue.findIndex((job) => job.file === file);
      if (waiting >= 0) {
        this.queue[waiting].resolve(undefined);
        this.queue.splice(waiting, 1);
      }
      this.queue.push({ file, text, options, resolve, reject });
      this.next();
    });
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private next(): void {
    if (this.running || this.queue.length === 0) return;
    clearTimeout(this.idleTimer);
    const job = this.queue.shift()!;
    this.running = job;
    this.ensureWorker().postMessage({ file: job.file, text: job.text, options: job.options });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // A ceiling, so that one pathological file ends the worker (the file gets a notice) instead of the machine's memory.
    const worker = new Worker(this.entry, { workerData: { fipslintAnalysisWorker: true }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.unref();
    worker.on('message', (result: FileAnalysis) => {
      const job = this.running;
      this.running = undefined;
      job?.resolve(result);
      this.afterJob();
    });
    const fail = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const job = this.running;
      this.running = undefined;
      this.log(`fipslint: the analysis worker stopped (${why})${job ? ` while analysing ${job.file}` : ''}; a new one starts with the next large file`);
      job?.reject(new Error(`the analysis of this file stopped the analysis worker (${why})`));
      this.afterJob();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private afterJob(): void {
    if (this.queue.length > 0) return this.next();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.dispose(), IDLE_MS);
    this.idleTimer.unref();
  }
}

/** The worker's side: an engine of its own, fed one file at a time. */
export function runAnalysisWorker(): void {
  const project = new SourceProject();
  const engine = new Engine(RULES, project, { keepForEdits: 1 });
  // Only the file being edited keeps its tree (for incremental reparses): large trees are what the
  // worker's memory is made of.
  let lastFile: string | undefined;
  parentPort!.on('message', ({ file, text, options }: { file: string; text: string; options: AnalysisOptions }) => {
    if (lastFile && lastFile !== file) {
      project.setOverlay(lastFile, undefined);
      project.forget(lastFile);
      engine.release(lastFile);
    }
    lastFile = file;
    project.setOverlay(file, text);
    let result: FileAnalysis;
    try {
      result = engine.analyze(file, text, options);
    } catch (error) {
      result = { fileName: file, findings: [], ruleFailures: [], skipped: false, suppressions: [], failure: `internal error while analysing the file: ${String(error)}` };
    }
    if (result.findings.length > MAX_FINDINGS_RETURNED) {
      result.omittedFindings = result.findings.length - MAX_FINDINGS_RETURNED;
      result.findings = result.findings.slice(0, MAX_FINDINGS_RETURNED);
    }
    parentPort!.postMessage(result);
  });
}
