import { pathToFileURL } from 'node:url';
import { ASSET_STATUS_LABELS, STATUS_ORDER, autoFixOf, ruleDocsUrl, type AssetStatus, type Category, type CryptoInventory, type FileAnalysis, type Finding, type Severity } from '../engine';

export interface HtmlReportMeta {
  projectName: string;
  toolVersion: string;
  profile: string;
  asOf: string;
  displayPath(file: string): string;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const SEVERITY_COLORS: Record<Severity, string> = { error: '#d1242f', warning: '#bf8700', info: '#0969da' };
const STATUS_COLORS: Record<AssetStatus, string> = { NO: '#d1242f', DEPR: '#bc4c00', TRANS: '#8250df', NV: '#bf8700', LEGACY: '#0969da', unknown: '#6e7781', OK: '#1a7f37' };

/**
 * One self-contained page: no script, style or font is fetched (its Content-Security-Policy allows
 * none), so it opens the same from a CI artifact, an e-mail or an air-gapped share. Charts are
 * inline SVG; the only script filters the tables.
 */
export function formatHtml(results: readonly FileAnalysis[], inventory: CryptoInventory, meta: HtmlReportMeta): string {
  const findings = results.flatMap((r) => r.findings);
  // Production code first, the counts too: test code is listed apart (README: test code).
  const bySeverity = countBy(findings.filter((f) => !f.test), (f) => f.severity);
  const inTests = findings.filter((f) => f.test).length;
  const unresolved = results.reduce((n, r) => n + (r.unresolved?.length ?? 0), 0);
  const byCategory = new Map<Category, Record<Severity, number>>();
  for (const f of findings) {
    const row = byCategory.get(f.category) ?? { error: 0, warning: 0, info: 0 };
    row[f.severity]++;
    byCategory.set(f.category, row);
  }
  const categories = [...byCategory.entries()].sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]));
  const notAnalysed = results.filter((r) => r.failure || r.tooLarge);
  const approved = inventory.totals.assetsByStatus.OK;
  const generated = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fipslint report: ${esc(meta.projectName)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>fipslint report <span class="project">${esc(meta.projectName)}</span></h1>
  <p class="meta">Profile <b>${esc(meta.profile)}</b> · policy date ${esc(meta.asOf)} · ${results.length} files scanned · generated ${esc(generated)} by fipslint ${esc(meta.toolVersion)}</p>
</header>
<main>
<section class="cards" aria-label="Summary">
  ${card('errors', 'Errors', bySeverity.error ?? 0, SEVERITY_COLORS.error)}
  ${card('warnings', 'Warnings', bySeverity.warning ?? 0, SEVERITY_COLORS.warning)}
  ${card('infos', 'Info', bySeverity.info ?? 0, SEVERITY_COLORS.info)}
  ${card('test-findings', 'In test code', inTests, '#8c959f')}
  ${card('unresolved', 'Values known only at run time', unresolved, '#6e7781')}
  ${card('assets', 'Crypto assets', inventory.totals.assets, '#57606a')}
  ${card('approved-assets', 'Approved assets', approved, STATUS_COLORS.OK)}
  ${card('not-analysed', 'Files not analysed', notAnalysed.length, '#57606a')}
</section>
<section class="charts">
  <figure>
    <figcaption>Findings by category</figcaption>
    ${categories.length ? stackedBars(categories.map(([c, row]) => ({ label: c, key: c, parts: SEVERITIES.map((s) => ({ key: s, value: row[s], color: SEVERITY_COLORS[s] })) })), 'category') : '<p class="empty">No findings.</p>'}
    <p class="legend">${SEVERITIES.map((s) => `<span><i style="background:${SEVERITY_COLORS[s]}"></i>${s}</span>`).join('')}</p>
  </figure>
  <figure>
    <figcaption>Crypto assets by status (${esc(meta.profile)})</figcaption>
    ${inventory.totals.assets ? stackedBars(STATUS_ORDER.filter((s) => inventory.totals.assetsByStatus[s] > 0).map((s) => ({ label: ASSET_STATUS_LABELS[s], key: s, parts: [{ key: s, value: inventory.totals.assetsByStatus[s], color: STATUS_COLORS[s] }] })), 'status') : '<p class="empty">No cryptography found.</p>'}
  </figure>
</section>
${notAnalysed.length ? `<section><h2>Files not analysed</h2><ul class="problems">${notAnalysed.map((r) => `<li>${fileLink(r.fileName, 1, 1, meta)}: ${esc(r.failure ?? `over the size limit (${r.tooLarge!.chars.toLocaleString('en-US')} characters)`)}</li>`).join('')}</ul></section>` : ''}
<section>
  <h2>Findings <span class="count" data-count="findings">${findings.length}</span></h2>
  <div class="filter"><input type="search" placeholder="Filter findings" aria-label="Filter findings" data-filter="findings-table"></div>
  ${findings.length ? findingsTable([...findings.filter((f) => !f.test), ...findings.filter((f) => f.test)], meta) : '<p class="empty">No FIPS problems found.</p>'}
</section>
${unresolved ? `<section>
  <h2>Values known only at run time <span class="count" data-count="unresolved">${unresolved}</span></h2>
  <p class="note">Crypto calls whose algorithm, key size, curve or TLS setting fipslint could not determine: review where each value comes from.</p>
  ${unresolvedTable(results, meta)}
</section>` : ''}
<section>
  <h2>Crypto inventory <span class="count" data-count="inventory">${inventory.totals.assets}</span></h2>
  <p class="note">Every algorithm and protocol configuration the code uses, approved or not, with each place it is used. “Unknown” means the value is not written where fipslint can read it (a parameter, a setting); it is never guessed.</p>
  <div class="filter"><input type="search" placeholder="Filter assets" aria-label="Filter assets" data-filter="inventory-table"></div>
  ${inventory.assets.length ? inventoryTable(inventory, meta) : '<p class="empty">No cryptography found.</p>'}
</section>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function findingsTable(findings: readonly Finding[], meta: HtmlReportMeta): string {
  const rows = findings.map((f) => {
    const fix = autoFixOf(f);
    const fixes = f.fixes.length
      ? `<ul class="fixes">${f.fixes.map((x) => `<li class="${x === fix ? 'auto' : ''}">${esc(x.title)}${x.safety === 'safe' ? ' <span class="tag">--fix</span>' : ''}</li>`).join('')}</ul>`
      : '';
    return `<tr data-severity="${f.severity}" data-category="${f.category}"${f.test ? ' data-test' : ''}>
<td><span class="sev ${f.severity}">${f.severity}</span>${f.test ? '<div class="cat">test code</div>' : ''}</td>
<td class="loc">${fileLink(f.file, f.line, f.column, meta)}</td>
<td>${esc(f.message)}${fixes}</td>
<td><a href="${esc(ruleDocsUrl(f.ruleId))}" rel="noreferrer">${esc(f.ruleId)}</a><div class="cat">${esc(f.category)}</div></td>
</tr>`;
  });
  return `<table id="findings-table"><thead><tr><th>Severity</th><th>Location</th><th>Problem and fixes</th><th>Rule</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function unresolvedTable(results: readonly FileAnalysis[], meta: HtmlReportMeta): string {
  const rows = results.flatMap((r) =>
    (r.unresolved ?? []).map(
      (u) => `<tr${r.test ? ' data-test' : ''}><td class="loc">${fileLink(u.file, u.line, u.column, meta)}</td><td><code>${esc(u.api)}</code></td><td>${esc(u.what)}</td><td>${esc(u.reason)}${r.test ? ' <span class="cat">(test code)</span>' : ''}</td></tr>`,
    ),
  );
  return `<table id="unresolved-table"><thead><tr><th>Location</th><th>Call</th><th>Value</th><th>Why it is not known</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function inventoryTable(inventory: CryptoInventory, meta: HtmlReportMeta): string {
  const rows = inventory.assets.map((a) => {
    const parameters = [a.mode && `mode ${a.mode}`, a.padding && `padding ${a.padding}`, a.parameterSetIdentifier && `${a.parameterSetIdentifier} bits`, a.curve && `curve ${a.curve}`, a.protocolVersion && `versions ${a.protocolVersion}`, a.oid && `OID ${a.oid}`]
      .filter(Boolean)
      .join(' · ');
    const uses = a.occurrences
      .map((o) => `<li>${fileLink(o.file, o.line, o.column, meta)} <code>${esc(o.api)}</code> ${esc(o.cryptoFunction)}${o.test ? ' <span class="cat">(test code)</span>' : ''}${o.status !== a.status ? ` <span class="status ${o.status}">${esc(ASSET_STATUS_LABELS[o.status])}</span>` : ''}${o.findings.length ? ` <span class="rules">${o.findings.map(esc).join(', ')}</span>` : ''}</li>`)
      .join('');
    return `<tr data-status="${a.status}">
<td><span class="status ${a.status}">${esc(ASSET_STATUS_LABELS[a.status])}</span></td>
<td><b>${esc(a.name)}</b><div class="cat">${esc(a.assetType === 'protocol' ? 'protocol' : a.primitive)}${a.testOnly ? ' · test code only' : ''}</div></td>
<td>${esc(a.library)}</td>
<td>${esc(parameters)}</td>
<td><details><summary><span data-uses>${a.occurrences.length}</span> use${a.occurrences.length === 1 ? '' : 's'}</summary><ul class="uses">${uses}</ul></details></td>
</tr>`;
  });
  return `<table id="inventory-table"><thead><tr><th>Status</th><th>Algorithm</th><th>Library</th><th>Parameters</th><th>Used at</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

interface Bar {
  label: string;
  key: string;
  parts: Array<{ key: string; value: number; color: string }>;
}

/** Horizontal bars with their numbers written next to them, so the chart reads without hovering. */
function stackedBars(bars: readonly Bar[], kind: string): string {
  const rowHeight = 26;
  const labelWidth = 190;
  const width = 560;
  const max = Math.max(1, ...bars.map((b) => b.parts.reduce((n, p) => n + p.value, 0)));
  const scale = (width - labelWidth - 50) / max;
  const rows = bars.map((bar, i) => {
    const y = i * rowHeight;
    let x = labelWidth;
    const rects = bar.parts
      .filter((p) => p.value > 0)
      .map((p) => {
        const w = Math.max(2, p.value * scale);
        const rect = `<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowHeight - 8}" fill="${p.color}" rx="2"><title>${esc(bar.label)}: ${p.value} ${esc(p.key)}</title></rect>`;
        x += w;
        return rect;
      })
      .join('');
    const sum = bar.parts.reduce((n, p) => n + p.value, 0);
    return `<g data-${kind}="${esc(bar.key)}" data-total="${sum}"><text x="${labelWidth - 8}" y="${y + rowHeight / 2 + 4}" text-anchor="end">${esc(bar.label)}</text>${rects}<text x="${(x + 6).toFixed(1)}" y="${y + rowHeight / 2 + 4}" class="n">${sum}</text></g>`;
  });
  return `<svg class="chart" role="img" viewBox="0 0 ${width} ${bars.length * rowHeight}" width="${width}" height="${bars.length * rowHeight}">${rows.join('')}</svg>`;
}

function card(key: string, label: string, value: number, color: string): string {
  return `<div class="card" data-card="${key}" style="border-top-color:${color}"><div class="value">${value}</div><div class="label">${esc(label)}</div></div>`;
}

function fileLink(file: string, line: number, column: number, meta: HtmlReportMeta): string {
  return `<a href="${esc(pathToFileURL(file).href)}#L${line}" title="${esc(file)}">${esc(meta.displayPath(file))}:${line}:${column}</a>`;
}

function countBy<T, K extends string>(items: readonly T[], key: (item: T) => K): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function total(row: Record<Severity, number>): number {
  return row.error + row.warning + row.info;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23}}
*{box-sizing:border-box}body{margin:0;font:14px/1.5 -apple-system,"Segoe UI",Roboto,"Noto Sans",Helvetica,Arial,sans-serif;background:var(--bg);color:var(--fg)}
header{padding:20px 32px 8px;border-bottom:1px solid var(--line)}h1{margin:0;font-size:22px}h1 .project{color:var(--muted);font-weight:400;margin-left:8px}
.meta,.note{color:var(--muted);margin:4px 0 12px}main{padding:16px 32px 48px;max-width:1400px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-bottom:20px}
.card{background:var(--panel);border:1px solid var(--line);border-top:4px solid;border-radius:6px;padding:10px 14px}.card .value{font-size:28px;font-weight:600}.card .label{color:var(--muted)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:16px}figure{margin:0;background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:12px 16px}
figcaption{font-weight:600;margin-bottom:8px}.chart{max-width:100%;height:auto}.chart text{font-size:12px;fill:var(--fg)}.chart .n{fill:var(--muted)}
.legend span{margin-right:14px;color:var(--muted)}.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
h2{font-size:18px;margin:28px 0 8px}.count{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:0 8px;font-size:13px;color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:13px}th{text-align:left;background:var(--panel);position:sticky;top:0}th,td{border-bottom:1px solid var(--line);padding:6px 8px;vertical-align:top}
td.loc{white-space:nowrap;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px}a{color:#0969da}@media (prefers-color-scheme:dark){a{color:#4493f8}}
.sev,.status{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;color:#fff;white-space:nowrap}
.sev.error{background:${SEVERITY_COLORS.error}}.sev.warning{background:${SEVERITY_COLORS.warning}}.sev.info{background:${SEVERITY_COLORS.info}}
${STATUS_ORDER.map((s) => `.status.${s}{background:${STATUS_COLORS[s]}}`).join('')}
.cat,.rules{color:var(--muted);font-size:12px}.fixes{margin:4px 0 0;padding-left:18px;color:var(--muted)}.fixes .auto{color:var(--fg)}.tag{border:1px solid var(--line);border-radius:4px;padding:0 4px;font-size:11px}
.uses{margin:4px 0 0;padding-left:18px}code{font-size:12px}.filter input{width:320px;max-width:100%;padding:5px 8px;margin-bottom:8px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
.empty{color:var(--muted)}.problems li{margin:2px 0}
@media print{.filter{display:none}details{display:block}}
`;

const SCRIPT = `
for (const input of document.querySelectorAll('[data-filter]')) {
  const rows = document.querySelectorAll('#' + input.dataset.filter + ' tbody tr');
  input.addEventListener('input', () => {
    const q = input.value.trim().toLowerCase();
    for (const row of rows) row.hidden = q !== '' && !row.textContent.toLowerCase().includes(q);
  });
}
`;
