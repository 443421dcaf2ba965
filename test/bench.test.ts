import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DENSE_FILE_LINES, denseFileText } from '../bench/generate';
import { renderChart, renderTable, type BenchResult } from '../bench/report';
import { RULES } from '../rules';
import { Engine, SourceProject, defaultAnalysisOptions } from '../server/src/engine';

describe('benchmark inputs and report', () => {
  it('generates a 5,000-line file whose crypto calls the rules really report', () => {
    const text = denseFileText();
    assert.equal(text.split('\n').length - 1, DENSE_FILE_LINES);
    const result = new Engine(RULES, new SourceProject({ readFile: () => undefined })).analyze('/bench/crypto-dense.ts', text, defaultAnalysisOptions());
    const byRule = new Map<string, number>();
    for (const finding of result.findings) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
    for (const rule of ['hash-algorithm', 'cipher-algorithm', 'cipher-mode', 'rsa-key-size', 'tls-certificate-validation', 'tls-version', 'kdf-parameters']) {
      assert.ok((byRule.get(rule) ?? 0) >= 20, `${rule}: ${byRule.get(rule) ?? 0} findings`);
    }
    // Approved calls in the same blocks stay clean: nothing is reported on sha256, aes-256-gcm or sha384.
    assert.ok(result.findings.every((f) => !/'(sha256|aes-256-gcm|sha384)'/.test(text.slice(f.start, f.end))));
  });

  it('reports missed targets as missed, in the table and the chart', () => {
    const scan = (label: string, wallMs: number) => ({ label, exitCode: 0, wallMs, cpuMs: wallMs, peakRssMb: 100, files: 10, filesPerSecond: 1, mbPerSecond: 1, stderrLines: 0 });
    const result: BenchResult = {
      date: '2026-12-02T00:00:00.000Z',
      machine: { cpus: 2, cpuModel: 'test', memoryGb: 24, node: 'v20' },
      corpus: { files: 10, mb: 1, packages: 2 },
      floor: scan('floor', 1000),
      fipslint: scan('fipslint', 2000),
      ratios: { fipslintOverFloor: 2 },
      targets: [{ name: 'workspace scan vs parse-only floor', measured: 2, limit: '≤ 1.5×', pass: false }],
    };
    assert.match(renderTable(result), /\| workspace scan vs parse-only floor \| 2× \| ≤ 1\.5× \| \*\*no\*\* \|/);
    assert.match(renderChart(result), /✘ workspace scan vs parse-only floor: 2× \(target ≤ 1\.5×\)/);
  });
});
