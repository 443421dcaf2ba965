import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus, type Corpus } from './corpus';
import { filesFipslintParses } from './parsed-files';
import { measureLsp, type LspResult } from './lsp';
import { ensureDepsProject } from './deps';
import { renderChart, renderTable, type BenchResult, type ScanResult, type Target } from './report';

const REPO = path.join(__dirname, '..', '..');
const RESULTS = path.join(REPO, 'bench', 'results');

const log = (line: string) => process.stdout.write(line + '\n');

/** Runs one Node program under measure.js: wall time from spawn to exit, peak RSS and CPU from the process itself. */
async function runMeasured(label: string, script: string, args: string[], cwd: string, corpus: Corpus): Promise<ScanResult> {
  const resultFile = path.join(os.tmpdir(), `fipslint-bench-${process.pid}-${label}.json`);
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(__dirname, 'measure.js'), resultFile, script, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const wallMs = performance.now() - started;
  // ESLint exits 2 when it crashed (a rule threw); a crashed run measures nothing.
  if (!fs.existsSync(resultFile) || (label === 'eslint' && code === 2)) throw new Error(`${label} did not finish (exit ${code}):\n${stderr.slice(0, 2000)}`);
  const usage = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as { maxRssMb: number; cpuMs: number };
  fs.rmSync(resultFile, { force: true });
  const mb = corpus.bytes / 1e6;
  return {
    label,
    exitCode: code,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round(usage.cpuMs),
    peakRssMb: Math.round(usage.maxRssMb),
    files: corpus.files.length,
    filesPerSecond: Math.round(corpus.files.length / (wallMs / 1000)),
    mbPerSecond: Math.round((mb / (wallMs / 1000)) * 10) / 10,
    stderrLines: stderr.split('\n').filter(Boolean).length,
  };
}

/** ESLint and the peers' plugins, installed from bench/peers' lockfile into the cache (never into the repository's dependencies). */
function ensurePeers(cacheDir: string): string {
  const source = path.join(REPO, 'bench', 'peers');
  const files = ['package.json', 'package-lock.json', 'eslint.config.mjs'];
  const digest = createHash('sha256');
  for (const file of files) digest.update(fs.readFileSync(path.join(source, file)));
  const dir = path.join(cacheDir, `peers-${digest.digest('hex').slice(0, 12)}`);
  if (!fs.existsSync(path.join(dir, '.complete'))) {
    log('installing the ESLint peers (once) ...');
    fs.mkdirSync(dir, { recursive: true });
    for (const file of files) fs.copyFileSync(path.join(source, file), path.join(dir, file));
    execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    fs.writeFileSync(path.join(dir, '.complete'), '');
  }
  return dir;
}

function countFipslint(reportFile: string): number {
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { summary: { errors: number; warnings: number; infos: number } };
  return report.summary.errors + report.summary.warnings + report.summary.infos;
}

function countEslint(reportFile: string): { findings: number; parseErrors: number } {
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Array<{ messages: Array<{ ruleId: string | null; fatal?: boolean }> }>;
  let findings = 0;
  let parseErrors = 0;
  for (const file of report) for (const message of file.messages) message.fatal ? parseErrors++ : message.ruleId && findings++;
  return { findings, parseErrors };
}

function targetsOf(result: BenchResult): Target[] {
  const targets: Target[] = [];
  if (result.ratios.parsedOverFloor !== undefined) {
    targets.push({ name: 'scan vs parse-only floor, on the files fipslint parses', measured: result.ratios.parsedOverFloor, limit: '≤ 1.3×', pass: result.ratios.parsedOverFloor <= 1.3 });
  }
  targets.push({ name: 'scan vs parse-only floor, whole corpus', measured: result.ratios.fipslintOverFloor, limit: '≤ 1.5×', pass: result.ratios.fipslintOverFloor <= 1.5 });
  if (result.ratios.eslintOverFipslint !== undefined) {
    targets.push({ name: 'ESLint peers vs fipslint', measured: result.ratios.eslintOverFipslint, limit: '≥ 15×', pass: result.ratios.eslintOverFipslint >= 15 });
  }
  targets.push({ name: 'peak RSS scanning the corpus', measured: result.fipslint.peakRssMb, unit: 'MB', limit: '≤ 300 MB', pass: result.fipslint.peakRssMb <= 300 });
  if (result.noSizeLimit) {
    targets.push({ name: 'peak RSS scanning the corpus, --max-file-size 0', measured: result.noSizeLimit.peakRssMb, unit: 'MB', limit: '≤ 300 MB', pass: result.noSizeLimit.peakRssMb <= 300 });
  }
  const lsp = result.lsp;
  if (lsp) {
    const cycles = lsp.rssDuringCyclesMb;
    const growth = cycles.length > 1 ? Math.round((cycles[cycles.length - 1].rssMb - cycles[0].rssMb) * 10) / 10 : 0;
    targets.push(
      { name: 'edit → diagnostics p50, 5,000-line file', measured: lsp.denseEdit.p50Ms, unit: 'ms', limit: '≤ 10 ms', pass: lsp.denseEdit.p50Ms <= 10 },
      { name: 'edit → diagnostics p95, 5,000-line file', measured: lsp.denseEdit.p95Ms, unit: 'ms', limit: '≤ 20 ms', pass: lsp.denseEdit.p95Ms <= 20 },
      { name: 'edit → diagnostics p95, small file in a large project', measured: lsp.smallEdit.p95Ms, unit: 'ms', limit: '≤ 50 ms', pass: lsp.smallEdit.p95Ms <= 50 },
      { name: 'cold start to first diagnostics, first start ever (no code cache)', measured: lsp.coldStartMs, unit: 'ms', limit: '≤ 1,000 ms', pass: lsp.coldStartMs <= 1000 },
      { name: 'cold start to first diagnostics, later starts (code cache)', measured: lsp.coldStartCachedMs, unit: 'ms', limit: '≤ 300 ms', pass: lsp.coldStartCachedMs <= 300 },
      // "No growth": allow 10% of the starting size for allocator and JIT noise.
      { name: `RSS growth, cycles ${cycles[0]?.cycle}→${cycles[cycles.length - 1]?.cycle}`, measured: growth, unit: 'MB', limit: 'no growth (≤ 10%)', pass: growth <= (cycles[0]?.rssMb ?? 0) * 0.1 },
    );
  }
  if (result.deps) {
    const ratio = Math.round((result.deps.firstRun.wallMs / result.deps.normalScan.wallMs) * 100) / 100;
    targets.push(
      { name: 'dependency audit, first run vs a normal scan of the same files', measured: ratio, limit: '≤ 2×', pass: ratio <= 2 },
      { name: 'dependency audit, second run (cache)', measured: result.deps.cachedRun.wallMs, unit: 'ms', limit: '≤ 1,000 ms', pass: result.deps.cachedRun.wallMs <= 1000 },
    );
  }
  return targets;
}

/** The run with the median wall time, carrying every run's wall time. */
function median(runs: ScanResult[]): ScanResult {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], runsMs: runs.map((r) => r.wallMs) };
}

/**
 * Samples the 1-minute load average every 2 s until stopped. On 2 cores the bench's own scans
 * (a parser thread plus V8's GC threads) hold the load near 1.3 per core by themselves, so the
 * load average alone cannot tell a quiet machine from a busy one; on Linux the CPU time that other
 * processes took during the scans is measured too (all CPU time in /proc/stat, less the bench's
 * own and its children's).
 */
function watchLoad(): () => NonNullable<BenchResult['load']> {
  const samples: number[] = [];
  const cpus = os.cpus().length;
  const sample = () => samples.push(os.loadavg()[0] / cpus);
  sample();
  const startedCpu = cpuTimes();
  const timer = setInterval(sample, 2000);
  return () => {
    clearInterval(timer);
    sample();
    const round = (n: number) => Math.round(n * 100) / 100;
    const maxPerCore = round(Math.max(...samples));
    const meanPerCore = round(samples.reduce((a, b) => a + b, 0) / samples.length);
    const endedCpu = cpuTimes();
    const othersShare = startedCpu && endedCpu ? round(Math.max(0, endedCpu.busy - startedCpu.busy - (endedCpu.own - startedCpu.own)) / Math.max(1, endedCpu.total - startedCpu.total)) : undefined;
    const warnings = [
      ...(maxPerCore > 1.5 ? ['the load average went above 1.5 per core'] : []),
      ...(othersShare !== undefined && othersShare > 0.1 ? [`other processes took ${Math.round(othersShare * 100)}% of the CPU time`] : []),
    ];
    return {
      maxPerCore,
      meanPerCore,
      ...(othersShare !== undefined ? { othersCpuShare: othersShare } : {}),
      ...(warnings.length ? { warning: `The machine was busy (${warnings.join('; ')}): these times are not a quiet run.` } : {}),
    };
  };
}

/** Linux only: the machine's busy and total CPU time, and this process's with its waited-for children's, in clock ticks. */
function cpuTimes(): { busy: number; total: number; own: number } | undefined {
  try {
    const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = fields[3] + (fields[4] ?? 0);
    // Fields 14–17 of /proc/self/stat: utime, stime, cutime, cstime (after the parenthesised name).
    const self = fs.readFileSync('/proc/self/stat', 'utf8');
    const own = self.slice(self.lastIndexOf(')') + 2).split(' ').slice(11, 15).map(Number).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total, own };
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'skip-eslint': { type: 'boolean' },
      'skip-lsp': { type: 'boolean' },
      'skip-deps': { type: 'boolean' },
      repeat: { type: 'string', default: '3' },
      cache: { type: 'string' },
    },
  });
  const cacheDir = path.resolve(values.cache ?? process.env.FIPSLINT_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'fipslint-bench'));
  const repeat = Math.max(1, Number(values.repeat) || 1);
  fs.mkdirSync(cacheDir, { recursive: true });
  const corpus = ensureCorpus(cacheDir, log);
  const listFile = path.join(cacheDir, 'files.json');
  fs.writeFileSync(listFile, JSON.stringify(corpus.files));
  log(`corpus: ${corpus.files.length} files, ${(corpus.bytes / 1e6).toFixed(1)} MB in ${corpus.root}`);

  const fipslintReport = path.join(cacheDir, 'fipslint-report.json');
  // The files fipslint parses (pre-check and size limit passed), for a floor of the same files.
  const parsedFiles = filesFipslintParses(corpus.files);
  const parsedList = path.join(cacheDir, 'parsed-files.json');
  fs.writeFileSync(parsedList, JSON.stringify(parsedFiles));
  const parsedBytes = parsedFiles.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  const parsedCorpus: Corpus = { ...corpus, files: parsedFiles, bytes: parsedBytes };
  log(`fipslint parses ${parsedFiles.length} of them (${(parsedBytes / 1e6).toFixed(1)} MB); the rest stop at the text pre-check or the size limit`);
  const parsedReport = path.join(cacheDir, 'fipslint-parsed-report.json');

  // Alternate the runs so that load on the machine falls on all alike; keep each one's median.
  const stopWatching = watchLoad();
  const runs: Record<'floor' | 'fipslint' | 'floorParsed' | 'fipslintParsed' | 'precheck', ScanResult[]> = { floor: [], fipslint: [], floorParsed: [], fipslintParsed: [], precheck: [] };
  for (let i = 0; i < repeat; i++) {
    runs.floor.push(await runMeasured('floor', path.join(__dirname, 'floor.js'), [listFile], corpus.root, corpus));
    runs.fipslint.push(await runMeasured('fipslint', path.join(REPO, 'bin', 'fipslint.js'), ['--format', 'json', '-o', fipslintReport, corpus.root], corpus.root, corpus));
    runs.precheck.push(await runMeasured('precheck', path.join(__dirname, 'floor.js'), [listFile, '--precheck'], corpus.root, corpus));
    runs.floorParsed.push(await runMeasured('floor-parsed', path.join(__dirname, 'floor.js'), [parsedList], corpus.root, parsedCorpus));
    runs.fipslintParsed.push(await runMeasured('fipslint-parsed', path.join(REPO, 'bin', 'fipslint.js'), ['--format', 'json', '-o', parsedReport, ...parsedFiles], corpus.root, parsedCorpus));
    log(`  round ${i + 1}: floor ${(runs.floor[i].wallMs / 1000).toFixed(2)} s, fipslint ${(runs.fipslint[i].wallMs / 1000).toFixed(2)} s, pre-check ${(runs.precheck[i].wallMs / 1000).toFixed(2)} s; parsed files: floor ${(runs.floorParsed[i].wallMs / 1000).toFixed(2)} s, fipslint ${(runs.fipslintParsed[i].wallMs / 1000).toFixed(2)} s`);
  }
  const floor = median(runs.floor);
  const fipslint = median(runs.fipslint);
  fipslint.findings = countFipslint(fipslintReport);
  const parsed = { files: parsedFiles.length, mb: Math.round(parsedBytes / 1e5) / 10, floor: median(runs.floorParsed), fipslint: median(runs.fipslintParsed) };
  parsed.fipslint.findings = countFipslint(parsedReport);
  const precheck = median(runs.precheck);
  const noLimitReport = path.join(cacheDir, 'fipslint-no-limit-report.json');
  const noSizeLimit = await runMeasured('fipslint-no-size-limit', path.join(REPO, 'bin', 'fipslint.js'), ['--format', 'json', '--max-file-size', '0', '-o', noLimitReport, corpus.root], corpus.root, corpus);
  noSizeLimit.findings = countFipslint(noLimitReport);
  log(`  fipslint --max-file-size 0: ${(noSizeLimit.wallMs / 1000).toFixed(2)} s, peak RSS ${noSizeLimit.peakRssMb} MB`);

  let eslint: ScanResult | undefined;
  if (!values['skip-eslint']) {
    const peers = ensurePeers(cacheDir);
    const eslintReport = path.join(cacheDir, 'eslint-report.json');
    log('  ESLint with the peers’ crypto rules (about a minute or two) ...');
    eslint = await runMeasured('eslint', path.join(peers, 'node_modules', 'eslint', 'bin', 'eslint.js'), ['--config', path.join(peers, 'eslint.config.mjs'), '--format', 'json', '-o', eslintReport, '--no-warn-ignored', '.'], corpus.root, corpus);
    const counted = countEslint(eslintReport);
    eslint.findings = counted.findings;
    eslint.parseErrors = counted.parseErrors;
    log(`  ESLint: ${(eslint.wallMs / 1000).toFixed(2)} s`);
  }

  let deps: BenchResult['deps'];
  if (!values['skip-deps']) {
    const project = ensureDepsProject(cacheDir, corpus.root);
    log(`dependency audit of ${project.root} (${project.packageFolders.length} packages):`);
    const depsCache = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-bench-deps-cache-'));
    const depsReport = path.join(cacheDir, 'fipslint-deps-report.json');
    try {
      const fipslintBin = path.join(REPO, 'bin', 'fipslint.js');
      const normalScan = await runMeasured('deps-normal-scan', fipslintBin, ['--format', 'json', '-o', path.join(cacheDir, 'fipslint-deps-normal-report.json'), ...project.packageFolders], project.root, corpus);
      const firstRun = await runMeasured('deps-first', fipslintBin, ['deps', '--format', 'json', '-o', depsReport, '--cache-dir', depsCache], project.root, corpus);
      const cachedRun = await runMeasured('deps-cached', fipslintBin, ['deps', '--format', 'json', '-o', depsReport, '--cache-dir', depsCache], project.root, corpus);
      const report = JSON.parse(fs.readFileSync(depsReport, 'utf8')) as { summary: { packages: number; wouldThrow: number; cache: { hits: number } }; packages: Array<{ findings: unknown[] }> };
      if (report.summary.cache.hits !== report.summary.packages) throw new Error(`the second audit read ${report.summary.cache.hits} of ${report.summary.packages} packages from the cache`);
      deps = { packages: report.summary.packages, normalScan, firstRun, cachedRun, findings: report.packages.reduce((n, p) => n + p.findings.length, 0), wouldThrow: report.summary.wouldThrow };
      log(`  normal scan ${(normalScan.wallMs / 1000).toFixed(2)} s, deps first run ${(firstRun.wallMs / 1000).toFixed(2)} s, deps with the cache ${(cachedRun.wallMs / 1000).toFixed(2)} s`);
    } finally {
      fs.rmSync(depsCache, { recursive: true, force: true });
    }
  }

  let lsp: LspResult | undefined;
  if (!values['skip-lsp']) {
    log('language server (dist/server.js over stdio):');
    lsp = await measureLsp(corpus, path.join(REPO, 'dist', 'server.js'), log);
  }

  const load = stopWatching();
  if (load.warning) log(`  ${load.warning}`);
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const result: BenchResult = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    corpus: { files: corpus.files.length, mb: Math.round(corpus.bytes / 1e5) / 10, packages: fs.readdirSync(corpus.root).filter((d) => !d.startsWith('.')).length },
    floor,
    fipslint,
    eslint,
    ratios: { fipslintOverFloor: ratio(fipslint.wallMs, floor.wallMs), eslintOverFipslint: eslint ? ratio(eslint.wallMs, fipslint.wallMs) : undefined, parsedOverFloor: ratio(parsed.fipslint.wallMs, parsed.floor.wallMs) },
    parsed,
    precheck,
    noSizeLimit,
    load,
    lsp,
    deps,
    targets: [],
  };
  result.targets = targetsOf(result);

  const previousFile = path.join(RESULTS, 'latest.json');
  const previous = fs.existsSync(previousFile) ? (JSON.parse(fs.readFileSync(previousFile, 'utf8')) as BenchResult) : undefined;
  log('');
  log(renderTable(result, previous));
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(previousFile, JSON.stringify(result, null, 2) + '\n');
  fs.writeFileSync(path.join(RESULTS, 'latest.svg'), renderChart(result));
  log(`\nwrote ${path.relative(process.cwd(), previousFile)} and latest.svg${previous ? ` (the previous run, ${previous.date}, is compared above)` : ''}`);
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
