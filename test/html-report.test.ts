import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runCli } from '../server/src/cli/main';
import { saveScreenshot } from './screenshots';

/**
 * `fipslint --format html` in Debian's Chromium: the page renders from the file alone (nothing is
 * fetched), and every number it shows equals the JSON output of the same scan.
 */
const ROOT = path.join(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'project');
const SHOTS = path.join(ROOT, 'test-output', 'report');

function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

interface JsonReport {
  summary: { errors: number; warnings: number; infos: number; files: number; unresolved: number; test: { errors: number; warnings: number; infos: number } };
  files: Array<{ findings: Array<{ category: string; severity: string; message: string; ruleId: string }> }>;
  inventory: { totals: { assets: number; occurrences: number; assetsByStatus: Record<string, number> }; assets: Array<{ name: string; status: string; occurrences: unknown[] }> };
}

let work: string;
let browser: Browser;
let page: Page;
let json: JsonReport;
const requests: string[] = [];

describe('HTML report in Chromium', { timeout: 5 * 60 * 1000 }, () => {
  before(async () => {
    const setup = spawnSync('bash', [path.join(ROOT, 'scripts', 'chromium-setup.sh')], { encoding: 'utf8' });
    assert.equal(setup.status, 0, setup.stderr);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-report-'));
    const project = path.join(work, 'project');
    fs.cpSync(FIXTURE, project, { recursive: true });
    // Text from the code ends up in the page: it must stay text.
    fs.writeFileSync(path.join(project, 'src', 'hostile.ts'), "import { createHash } from 'crypto';\nexport const h = createHash('<img src=x onerror=\"document.title=1\">');\n");
    const report = path.join(work, 'report.html');
    const html = cli(['--format', 'html', '-o', report, '.'], project);
    assert.equal(html.code, 1, html.stderr);
    json = JSON.parse(cli(['--format', 'json', '--inventory', '.'], project).stdout);

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(report).href);
    await page.waitForSelector('#inventory-table');
  });

  after(async () => {
    await browser?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('fetches nothing but itself and runs no script from the scanned code', async () => {
    assert.deepEqual(requests.filter((url) => !url.endsWith('/report.html')), []);
    assert.equal(await page.locator('img').count(), 0);
    assert.notEqual(await page.title(), '1');
    assert.match(await page.locator('#inventory-table').innerText(), /<img src=x onerror=/);
  });

  it('shows the same totals as the JSON output', async () => {
    const card = async (key: string) => Number(await page.locator(`[data-card="${key}"] .value`).innerText());
    assert.equal(await card('errors'), json.summary.errors);
    assert.equal(await card('warnings'), json.summary.warnings);
    assert.equal(await card('infos'), json.summary.infos);
    const inTests = json.summary.test.errors + json.summary.test.warnings + json.summary.test.infos;
    assert.equal(await card('test-findings'), inTests);
    assert.equal(await card('unresolved'), json.summary.unresolved);
    assert.equal(await card('assets'), json.inventory.totals.assets);
    assert.equal(await card('approved-assets'), json.inventory.totals.assetsByStatus.OK);
    const findings = json.files.flatMap((f) => f.findings);
    assert.equal(await page.locator('#findings-table tbody tr').count(), findings.length);
    assert.equal(Number(await page.locator('[data-count="findings"]').innerText()), findings.length);
    assert.equal(await page.locator('#inventory-table tbody tr').count(), json.inventory.assets.length);
    assert.ok(findings.length >= 12 && json.inventory.assets.length >= 14, 'the fixture has findings and assets to show');
  });

  it('charts findings per category and assets per status with the JSON counts', async () => {
    const findings = json.files.flatMap((f) => f.findings);
    const perCategory = new Map<string, number>();
    for (const f of findings) perCategory.set(f.category, (perCategory.get(f.category) ?? 0) + 1);
    const bars = await page.locator('svg g[data-category]').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-category'), Number(g.querySelector('text.n')!.textContent)] as const));
    assert.deepEqual(new Map(bars), perCategory);
    const statusBars = await page.locator('svg g[data-status]').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-status'), Number(g.querySelector('text.n')!.textContent)] as const));
    assert.deepEqual(new Map(statusBars), new Map(Object.entries(json.inventory.totals.assetsByStatus).filter(([, n]) => n > 0)));
    // Every bar is drawn, with a width that grows with its count.
    const widths = await page.locator('svg g[data-category] rect').evaluateAll((rects) => rects.map((r) => (r as unknown as { getBBox(): { width: number } }).getBBox().width));
    assert.ok(widths.every((w) => w > 0));
  });

  it('lists each asset with its uses, and filters the tables as you type', async () => {
    for (const asset of json.inventory.assets.slice(0, 5)) {
      const row = page.locator('#inventory-table tbody tr', { hasText: asset.name }).first();
      assert.equal(Number(await row.locator('[data-uses]').innerText()), asset.occurrences.length);
    }
    await page.locator('[data-filter="findings-table"]').fill('md5');
    const visible = await page.locator('#findings-table tbody tr:not([hidden])').count();
    assert.equal(visible, json.files.flatMap((f) => f.findings).filter((f) => /md5/i.test(`${f.message} ${f.ruleId}`)).length);
    await page.locator('[data-filter="findings-table"]').fill('');
    assert.equal(await page.locator('#findings-table tbody tr:not([hidden])').count(), json.files.flatMap((f) => f.findings).length);
  });

  it('fits the window and renders a screenshot', async () => {
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the window`);
    const png = await page.screenshot({ fullPage: true });
    saveScreenshot(png, path.join(SHOTS, 'report.png'), 'report.png');
    saveScreenshot(await page.screenshot(), path.join(SHOTS, 'report-first-screen.png'));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.ok(png.length > 20_000, `screenshot is ${png.length} bytes`);
  });
});
