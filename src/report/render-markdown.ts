// Markdown for tickets and letters: every log field escaped so that no sender can inject a
// link, HTML, emphasis or a table cell break.
import { escapeMarkdown } from './escape.js';
import type { Cell, Report, Table } from './model.js';

function cell(c: Cell): string {
  if (c === null) return '-';
  if (typeof c === 'boolean') return c ? 'yes' : 'no';
  return escapeMarkdown(String(c));
}

function renderOne(t: Table): string {
  const head = `### ${escapeMarkdown(t.title)}\n\n`;
  if (t.rows.length === 0) return head + '(none)\n';
  const cols = t.columns;
  const lines = [
    `| ${cols.map((c) => c.key).join(' | ')} |`,
    `| ${cols.map((c) => (c.numeric ? '---:' : '---')).join(' | ')} |`,
  ];
  for (const [i, r] of t.rows.entries()) {
    if (t.hideZeros && r.value === 0 && i > 0) continue;
    lines.push(`| ${cols.map((c) => cell(r[c.key] ?? null)).join(' | ')} |`);
  }
  return head + lines.join('\n') + '\n';
}

export function renderMarkdown(report: Report): string {
  const parts = [`## spamd-report ${report.command}\n`, ...report.tables.map(renderOne)];
  if (report.notes.length) parts.push(report.notes.map((n) => `> ${escapeMarkdown(n)}`).join('\n>\n') + '\n');
  return parts.join('\n');
}
