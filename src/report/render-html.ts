// One self-contained HTML file: inline CSS and SVG, one optional inline script (sorting), a
// Content-Security-Policy that lets nothing else run or load. Every cell, title and note is
// escaped (log text is written by the sender). Long tables show their first rows and keep the
// rest in collapsed parts, so 10 000 rows stay quick to open; print shows everything.
import { createHash } from 'node:crypto';
import { escapeHtml as esc } from './escape.js';
import { HTML_CSS, HTML_SCRIPT } from './html-assets.js';
import { attemptsChart, horizontalBars, sparkline, verdictClass, verdictLegend, verticalBars, widthLabel, type Bar } from './html-charts.js';
import { ipKey, type Cell, type Column, type Report, type Row, type Table } from './model.js';
import { VERSION } from '../version.js';

export interface HtmlRenderOptions {
  /** Rows shown before the first collapsed part. */
  firstRows?: number;
  /** Rows per collapsed part. */
  partRows?: number;
}

const FIRST_ROWS = 200;
const PART_ROWS = 1000;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const CSP = [
  "default-src 'none'",
  `style-src ${sha256(HTML_CSS)}`,
  `script-src ${sha256(HTML_SCRIPT)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function text(c: Cell): string {
  if (c === null) return '-';
  if (typeof c === 'boolean') return c ? 'yes' : 'no';
  return String(c);
}

function td(c: Cell, col: Column): string {
  const cls = [col.numeric ? 'n' : '', col.untrusted ? 'u' : '', c === null ? 'nil' : ''].filter(Boolean).join(' ');
  const attrs = (cls ? ` class="${cls}"` : '') + (col.key === 'ip' && c !== null ? ` data-s="${esc(ipKey(String(c)))}"` : '');
  if ((col.key === 'verdict' || col.key === 'worst') && c !== null) return `<td${attrs}><span class="vb"><i class="${verdictClass(c)}"></i>${esc(text(c))}</span></td>`;
  return `<td${attrs}>${esc(text(c))}</td>`;
}

/** The column after which a table's sparkline goes: after `attempts`, else last. */
function sparkAfter(t: Table): number {
  const i = t.columns.findIndex((c) => c.key === 'attempts');
  return i >= 0 ? i : t.columns.length - 1;
}

function head(t: Table, sortable: boolean): string {
  const cells: string[] = [];
  const after = sparkAfter(t);
  for (const [i, c] of t.columns.entries()) {
    const idx = t.sparklines && i > after ? i + 1 : i;
    cells.push(`<th${c.numeric ? ' class="n"' : ''}${sortable ? ` data-c="${idx}"` : ''}>${esc(c.key)}</th>`);
    if (t.sparklines && i === after) {
      const ax = t.sparklines.axis;
      const tip = `greylisted attempts per ${widthLabel(ax.width)} from ${ax.labels[0] ?? ''}, each row scaled to its busiest ${widthLabel(ax.width)}`;
      cells.push(`<th title="${esc(tip)}">over time</th>`);
    }
  }
  return `<thead><tr>${cells.join('')}</tr></thead>`;
}

function body(t: Table, from: number, to: number): string {
  const after = sparkAfter(t);
  const rows: string[] = [];
  for (let r = from; r < to; r++) {
    const row: Row = t.rows[r]!;
    const cells: string[] = [];
    for (const [i, c] of t.columns.entries()) {
      cells.push(td(row[c.key] ?? null, c));
      if (t.sparklines && i === after) cells.push(`<td>${sparkline(t.sparklines.values[r] ?? [])}</td>`);
    }
    rows.push(`<tr>${cells.join('')}</tr>`);
  }
  return `<tbody>${rows.join('\n')}</tbody>`;
}

function dataTable(t: Table, o: Required<HtmlRenderOptions>): string {
  if (t.rows.length === 0) return '<p class="nil">(none)</p>';
  const sortable = t.rows.length > 1;
  const thead = head(t, sortable);
  const first = Math.min(t.rows.length, o.firstRows);
  const out = [`<div class="scroll"><table class="data">${thead}${body(t, 0, first)}</table></div>`];
  for (let from = first; from < t.rows.length; from += o.partRows) {
    const to = Math.min(t.rows.length, from + o.partRows);
    out.push(`<details class="more"><summary>Rows ${from + 1}\u2013${to} of ${t.rows.length}</summary><div class="scroll"><table class="data">${thead}${body(t, from, to)}</table></div></details>`);
  }
  return out.join('\n');
}

function kvTable(t: Table): string {
  const rows = t.rows
    .filter((r, i) => !(t.hideZeros && r.value === 0 && i > 0))
    .map((r) => `<tr><th>${esc(text(r.key ?? null))}</th>${td(r.value ?? null, { key: 'value', numeric: typeof r.value === 'number', untrusted: true })}</tr>`);
  return `<table class="kv"><tbody>${rows.join('')}</tbody></table>`;
}

/** Small tables shown side by side at the top (what was analysed). */
function isCard(t: Table): boolean {
  return t.keyValue === true || t.name === 'inputs';
}

/** A cell as a bar's value: a count, else 0. */
function count(c: Cell | undefined): number {
  return typeof c === 'number' && Number.isFinite(c) && c > 0 ? c : 0;
}

function verdictCharts(t: Table): string[] {
  const charts: string[] = [];
  for (const col of t.columns.filter((c) => c.numeric)) {
    const bars: Bar[] = t.rows.map((r) => ({ label: text(r.verdict ?? null), value: count(r[col.key]), cls: verdictClass(r.verdict) }));
    if (bars.every((b) => b.value === 0)) continue;
    charts.push(`<figure>${horizontalBars(`verdicts-${col.key}`, `Verdicts of ${col.key}`, bars)}<figcaption><small>by ${esc(col.key)}</small></figcaption></figure>`);
  }
  return charts;
}

/** The first-retry buckets coloured by what such a delay means for greylisting. */
const RETRY_CLASS: Record<string, string> = {
  '<10s': 'c-rapid-retry',
  '10-60s': 'c-rapid-retry',
  '1-5m': 'c-pending',
  '5-25m': 'c-pending',
  '25m-4h': 'c-passed',
  '>4h': 'c-too-slow',
  never: 'c-none',
};

function retryChart(t: Table): string[] {
  const bars: Bar[] = t.rows.map((r) => ({ label: text(r.delay ?? null), value: count(r.count), cls: RETRY_CLASS[String(r.delay)] ?? '' }));
  if (bars.every((b) => b.value === 0)) return [];
  return [verticalBars('first-retry', t.title, bars)];
}

function section(t: Table, o: Required<HtmlRenderOptions>, level: 'h2' | 'h3'): string {
  const count = t.keyValue ? '' : ` <small>(${t.rows.length} row${t.rows.length === 1 ? '' : 's'})</small>`;
  const parts = [`<section id="t-${esc(t.name)}"><${level}>${esc(t.title)}${count}</${level}>`];
  // A table with pictures sits beside them.
  const charts = t.name === 'verdicts' ? verdictCharts(t) : t.name === 'first_retry' ? retryChart(t) : [];
  const table = t.keyValue ? kvTable(t) : dataTable(t, o);
  parts.push(charts.length ? `<div class="charts">${charts.join('')}<div>${table}</div></div>` : table);
  parts.push('</section>');
  return parts.join('\n');
}

function overTimeSection(r: Report): string {
  const d = r.attemptsOverTime;
  if (!d) return '';
  const caption = `Each bar is ${widthLabel(d.axis.width)}, from ${d.axis.labels[0] ?? ''}; colours are the verdicts of the ${d.unit} at the end of the window.`;
  return [
    '<section id="attempts-over-time"><h2>Attempts over time</h2>',
    `<div class="charts">${attemptsChart('attempts-over-time', d)}</div>`,
    verdictLegend(d.series.map((s) => s.verdict)),
    `<p class="sub">${esc(caption)}</p></section>`,
  ].join('\n');
}

function subtitle(r: Report): string {
  const w = r.tables.find((t) => t.name === 'window');
  if (w) {
    const get = (k: string): string => text(w.rows.find((x) => x.key === k)?.value ?? null);
    if (get('first') === '-') return 'Nothing was analysed.';
    return `Analysed ${get('first')} to ${get('last')} (${get('zone')}); verdicts decided at ${get('decided_at')}.`;
  }
  const s = r.tables.find((t) => t.sparklines)?.sparklines;
  if (s) return `Attempts drawn per ${widthLabel(s.axis.width)} from ${s.axis.labels[0] ?? ''}.`;
  return '';
}

export interface HtmlPage {
  title: string;
  subtitle: string;
  notes: readonly string[];
  /** The body, already HTML. */
  main: readonly string[];
  /** What the footer counts ("26 table rows"). */
  count: string;
}

/** The page around a report: head with the CSP, header, notes, footer with the file's own size in bytes. */
export function htmlPage(p: HtmlPage): string {
  const notes = p.notes.length ? `<ul class="notes">${p.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  const doc = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(p.title)}</title>`,
    `<style>${HTML_CSS}</style>`,
    '</head><body>',
    `<header><h1>${esc(p.title)}</h1><p class="sub">${esc(p.subtitle)}</p></header>`,
    notes,
    '<main>',
    ...p.main,
    '</main>',
    `<footer>spamd-report ${esc(VERSION)} \u00b7 ${esc(p.count)} \u00b7 this file: @SIZE@ bytes, self-contained (nothing is fetched; the only script sorts tables when a column header is clicked)</footer>`,
    `<script>${HTML_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
  const base = Buffer.byteLength(doc, 'utf8') - '@SIZE@'.length;
  let size = base;
  while (base + String(size).length !== size) size = base + String(size).length;
  return doc.replace('@SIZE@', String(size));
}

/** The report as one HTML file; its footer states the file's own size in bytes. */
export function renderHtml(r: Report, opts: HtmlRenderOptions = {}): string {
  const o = { firstRows: opts.firstRows ?? FIRST_ROWS, partRows: opts.partRows ?? PART_ROWS };
  // The findings first, in the model's order; then what was analysed, side by side.
  const main: string[] = [];
  for (const t of r.tables.filter((x) => !isCard(x))) {
    main.push(section(t, o, 'h2'));
    if (t.name === 'verdicts') main.push(overTimeSection(r));
  }
  const cards = r.tables.filter(isCard).map((t) => section(t, o, 'h3'));
  if (cards.length) main.push(`<h2>What was analysed</h2>\n<div class="cards">${cards.join('\n')}</div>`);
  const rows = r.tables.reduce((s, t) => s + (t.keyValue ? 0 : t.rows.length), 0);
  return htmlPage({ title: `spamd-report ${r.command}`, subtitle: subtitle(r), notes: r.notes, main, count: `${rows} table rows` });
}
