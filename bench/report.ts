import type { LspResult } from './lsp';

export interface ScanResult {
  label: string;
  exitCode: number | null;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  files: number;
  filesPerSecond: number;
  mbPerSecond: number;
  stderrLines: number;
  findings?: number;
  parseErrors?: number;
  /** Wall time of each run, in the order run; `wallMs` is their median. */
  runsMs?: number[];
}

export interface Target {
  name: string;
  measured: number;
  unit?: string;
  limit: string;
  pass: boolean;
}

export interface BenchResult {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  corpus: { files: number; mb: number; packages: number };
  floor: ScanResult;
  fipslint: ScanResult;
  eslint?: ScanResult;
  ratios: { fipslintOverFloor: number; eslintOverFipslint?: number; parsedOverFloor?: number; eslintOverFipslintParsed?: number };
  /** The same scans restricted to the files fipslint parses (pre-check and size limit passed). */
  parsed?: { files: number; mb: number; floor: ScanResult; fipslint: ScanResult };
  /** Reading every file and running only the text pre-check. */
  precheck?: ScanResult;
  /** The CLI with `--max-file-size 0` (bundles parsed too). */
  noSizeLimit?: ScanResult;
  /** The machine's 1-minute load average, sampled during the scans. */
  load?: { maxPerCore: number; meanPerCore: number; othersCpuShare?: number; warning?: string };
  lsp?: LspResult;
  /** `fipslint deps` on a project whose node_modules is the corpus's packages, against a normal scan of the same files. */
  deps?: { packages: number; normalScan: ScanResult; firstRun: ScanResult; cachedRun: ScanResult; findings: number; wouldThrow: number };
  targets: Target[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
/** Median wall time, with min–max when there were several runs. */
const spread = (run: ScanResult) => (run.runsMs && run.runsMs.length > 1 ? `${seconds(run.wallMs)} (${seconds(Math.min(...run.runsMs))}–${seconds(Math.max(...run.runsMs))}, ${run.runsMs.length} runs)` : seconds(run.wallMs));
const show = (t: Target) => (t.unit ? `${t.measured} ${t.unit}` : `${t.measured}×`);

/** The run as Markdown tables (README's Performance section is this text), with the previous run beside it. */
export function renderTable(result: BenchResult, previous?: BenchResult): string {
  const lines: string[] = [];
  const m = result.machine;
  lines.push(`Corpus: ${result.corpus.files} files, ${result.corpus.mb} MB (${result.corpus.packages - 1} pinned npm packages + a generated project); ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb} GiB, Node ${m.node}; ${result.date.slice(0, 10)}.`);
  lines.push('');
  lines.push('| run | wall | files/s | MB/s | CPU | peak RSS | findings |' + (previous ? ' previous wall |' : ''));
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |' + (previous ? ' ---: |' : ''));
  const row = (name: string, run: ScanResult | undefined, before: ScanResult | undefined, findings: string) => {
    if (!run) return;
    lines.push(`| ${name} | ${spread(run)} | ${run.filesPerSecond} | ${run.mbPerSecond} | ${seconds(run.cpuMs)} | ${run.peakRssMb} MB | ${findings} |` + (previous ? ` ${before ? seconds(before.wallMs) : '–'} |` : ''));
  };
  row('parse-only floor (`ts.createSourceFile`)', result.floor, previous?.floor, '–');
  row('fipslint CLI', result.fipslint, previous?.fipslint, String(result.fipslint.findings ?? '–'));
  row('ESLint + sonarjs, sdl, security crypto rules', result.eslint, previous?.eslint, result.eslint ? `${result.eslint.findings}${result.eslint.parseErrors ? ` (+${result.eslint.parseErrors} files it could not parse)` : ''}` : '–');
  row('text pre-check only (read + test, no parse)', result.precheck, previous?.precheck, '–');
  row('fipslint CLI, `--max-file-size 0`', result.noSizeLimit, previous?.noSizeLimit, String(result.noSizeLimit?.findings ?? '–'));
  if (result.parsed) {
    row(`parse-only floor, the ${result.parsed.files} files fipslint parses (${result.parsed.mb} MB)`, result.parsed.floor, previous?.parsed?.floor, '–');
    row(`fipslint CLI, the same ${result.parsed.files} files`, result.parsed.fipslint, previous?.parsed?.fipslint, String(result.parsed.fipslint.findings ?? '–'));
  }
  lines.push('');
  lines.push('Wall times are the median of alternating runs (min–max beside it); a run is one process from spawn to exit.');
  if (result.load) lines.push(`Load average during the scans: up to ${result.load.maxPerCore} per core (mean ${result.load.meanPerCore})${result.load.othersCpuShare !== undefined ? `; other processes took ${Math.round(result.load.othersCpuShare * 100)}% of the machine's CPU time` : ''}.${result.load.warning ? ` **${result.load.warning}**` : ''}`);
  lines.push('');
  if (result.lsp) {
    const l = result.lsp;
    lines.push('Edit latency is raw: from sending the change to receiving its diagnostics, nothing subtracted; the server publishes without a debounce (0 ms).');
    lines.push('');
    lines.push('| language server (stdio, push diagnostics) | p50 | p95 | max |');
    lines.push('| --- | ---: | ---: | ---: |');
    lines.push(`| edit → diagnostics, 5,000-line file (${l.denseEdit.edits} edits) | ${l.denseEdit.p50Ms} ms | ${l.denseEdit.p95Ms} ms | ${l.denseEdit.maxMs} ms |`);
    lines.push(`| edit → diagnostics, small file in the ${result.corpus.files}-file corpus (${l.smallEdit.edits} edits) | ${l.smallEdit.p50Ms} ms | ${l.smallEdit.p95Ms} ms | ${l.smallEdit.maxMs} ms |`);
    if (l.realEdit && l.realFileLines) lines.push(`| edit → diagnostics, real ${l.realFileLines.toLocaleString('en-US')}-line file \`${l.realFile}\` (${l.realEdit.edits} edits) | ${l.realEdit.p50Ms} ms | ${l.realEdit.p95Ms} ms | ${l.realEdit.maxMs} ms |`);
    lines.push('');
    lines.push(`Cold start to first diagnostics (5,000-line file, ${l.coldStartDiagnostics} diagnostics): ${l.coldStartMs} ms the first time, ${l.coldStartCachedMs} ms on later starts (V8 code cache). RSS after opening ${l.openFiles} files: ${l.rssAfterOpenMb} MB. RSS over ${l.cycles} open/edit/close cycles: ${l.rssDuringCyclesMb.map((r) => `${r.rssMb} MB at ${r.cycle}`).join(', ')}.`);
    lines.push('');
  }
  if (result.deps) {
    const d = result.deps;
    lines.push(`Dependency audit (\`fipslint deps\`) of a project whose node_modules holds the ${d.packages} corpus packages (hard links to the same files), with an npm v3 lockfile: ${d.findings} findings, ${d.wouldThrow} calls that would throw under \`--enable-fips\`.`);
    lines.push('');
    lines.push('| run | wall | CPU | peak RSS |' + (previous?.deps ? ' previous wall |' : ''));
    lines.push('| --- | ---: | ---: | ---: |' + (previous?.deps ? ' ---: |' : ''));
    const depsRow = (name: string, run: ScanResult, before: ScanResult | undefined) => lines.push(`| ${name} | ${seconds(run.wallMs)} | ${seconds(run.cpuMs)} | ${run.peakRssMb} MB |` + (previous?.deps ? ` ${before ? seconds(before.wallMs) : '–'} |` : ''));
    depsRow('normal scan of the same package folders (`fipslint <folders>`)', d.normalScan, previous?.deps?.normalScan);
    depsRow('`fipslint deps`, empty cache', d.firstRun, previous?.deps?.firstRun);
    depsRow('`fipslint deps`, second run (cache)', d.cachedRun, previous?.deps?.cachedRun);
    lines.push('');
  }
  lines.push('| target | measured | limit | met |' + (previous ? ' previous |' : ''));
  lines.push('| --- | ---: | --- | :---: |' + (previous ? ' ---: |' : ''));
  for (const target of result.targets) {
    const before = previous?.targets.find((t) => t.name === target.name);
    lines.push(`| ${target.name} | ${show(target)} | ${target.limit} | ${target.pass ? 'yes' : '**no**'} |` + (previous ? ` ${before ? show(before) : '–'} |` : ''));
  }
  return lines.join('\n');
}

/** A small SVG: wall time of the three scans as bars, the two ratios and the targets' verdicts beside them. */
export function renderChart(result: BenchResult): string {
  const runs = [
    { name: 'parse-only floor', run: result.floor, color: '#8c8c8c' },
    { name: 'fipslint', run: result.fipslint, color: '#1f6feb' },
    ...(result.eslint ? [{ name: 'ESLint + peers', run: result.eslint, color: '#d1242f' }] : []),
  ];
  const width = 640;
  const barLeft = 150;
  const barMax = 360;
  const longest = Math.max(...runs.map((r) => r.run.wallMs));
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const parts: string[] = [];
  parts.push(`<text x="16" y="24" font-size="15" font-weight="bold">fipslint benchmark: ${result.corpus.files} files, ${result.corpus.mb} MB, ${result.machine.cpus} cores (${result.date.slice(0, 10)})</text>`);
  runs.forEach(({ name, run, color }, i) => {
    const y = 44 + i * 34;
    const w = Math.max(2, (run.wallMs / longest) * barMax);
    parts.push(`<text x="16" y="${y + 17}" font-size="13">${escape(name)}</text>`);
    parts.push(`<rect x="${barLeft}" y="${y + 4}" width="${w.toFixed(1)}" height="18" fill="${color}"/>`);
    parts.push(`<text x="${(barLeft + w + 6).toFixed(1)}" y="${y + 17}" font-size="12">${(run.wallMs / 1000).toFixed(1)} s, ${run.peakRssMb} MB</text>`);
  });
  let y = 44 + runs.length * 34 + 14;
  for (const target of result.targets) {
    parts.push(`<text x="16" y="${y}" font-size="12" fill="${target.pass ? '#1a7f37' : '#d1242f'}">${target.pass ? '✔' : '✘'} ${escape(target.name)}: ${escape(show(target))} (target ${escape(target.limit)})</text>`);
    y += 18;
  }
  const height = y + 6;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif"><rect width="100%" height="100%" fill="#ffffff"/>${parts.join('')}</svg>\n`;
}
