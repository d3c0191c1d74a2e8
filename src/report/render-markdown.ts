// Markdown for tickets and letters: every log field escaped so that no sender can inject a
// link, HTML, emphasis or a table cell break.
import { escapeMarkdown } from './escape.js';
import type { Cell, Report, Table } from './model.js';

function cell(c: Cell): string {
  if (c === null) return '-';
  if (typeof c === 'boolean') return c ? 'yes' : 'no';
  return escapeMarkdown(String(c));
}

/** Rows written at a time. */
const CHUNK_ROWS = 4096;

function* renderOne(t: Table): Generator<string> {
  const head = `### ${escapeMarkdown(t.title)}\n\n`;
  if (t.rows.length === 0) {
    yield head + '(none)\n';
    return;
  }
  const cols = t.columns;
  let text = head + `| ${cols.map((c) => c.key).join(' | ')} |\n` + `| ${cols.map((c) => (c.numeric ? '---:' : '---')).join(' | ')} |\n`;
  let i = 0;
  for (const r of t.rows) {
    if (!(t.hideZeros && r.value === 0 && i > 0)) text += `| ${cols.map((c) => cell(r[c.key] ?? null)).join(' | ')} |\n`;
    if (++i % CHUNK_ROWS === 0) {
      yield text;
      text = '';
    }
  }
  if (text) yield text;
}

export function renderMarkdown(report: Report): string {
  return [...renderMarkdownChunks(report)].join('');
}

/** The Markdown text in pieces, in order: a table of 400k rows is never held as one text. */
export function* renderMarkdownChunks(report: Report): Generator<string> {
  yield `## spamd-report ${report.command}\n`;
  for (const t of report.tables) {
    yield '\n';
    yield* renderOne(t);
  }
  if (report.notes.length) yield '\n' + report.notes.map((n) => `> ${escapeMarkdown(n)}`).join('\n>\n') + '\n';
}
