// Terminal tables (cli-table3). Log text is escaped and cut so that no field can move the
// cursor, change colours or stretch a table across the screen.
import Table from 'cli-table3';
import { escapeControl, truncate } from './escape.js';
import type { Cell, Column, Report, Table as ModelTable } from './model.js';

export interface TableRenderOptions {
  color: boolean;
  /** Longest cell of log text in a table. */
  maxCell?: number;
}

// No rule between rows: a dense table reads better in a terminal and in a pasted ticket.
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

function text(c: Cell, col: Column, max: number): string {
  if (c === null) return '-';
  if (typeof c === 'boolean') return c ? 'yes' : 'no';
  const s = String(c);
  return col.untrusted ? truncate(escapeControl(s), max) : escapeControl(s);
}

function renderOne(t: ModelTable, opts: TableRenderOptions): string {
  const max = opts.maxCell ?? 60;
  const style = opts.color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] };
  const colAligns = t.columns.map((c) => (c.numeric ? 'right' : 'left')) as Array<'left' | 'right'>;
  if (t.keyValue) {
    const table = new Table({ style, chars: COMPACT });
    for (const [i, r] of t.rows.entries()) {
      const v = r.value ?? null;
      if (t.hideZeros && v === 0 && i > 0) continue;
      table.push([String(r.key), { content: text(v, { key: 'value', untrusted: true }, max), hAlign: typeof v === 'number' ? 'right' : 'left' }]);
    }
    return `${t.title}\n${table.toString()}`;
  }
  if (t.rows.length === 0) return `${t.title}\n(none)`;
  const table = new Table({ head: t.columns.map((c) => c.key), style, chars: COMPACT, colAligns });
  for (const r of t.rows) table.push(t.columns.map((c) => text(r[c.key] ?? null, c, max)));
  return `${t.title}\n${table.toString()}`;
}

export function renderTable(report: Report, opts: TableRenderOptions): string {
  const parts = report.tables.map((t) => renderOne(t, opts));
  if (report.notes.length) parts.push(report.notes.map((n) => `Note: ${escapeControl(n)}`).join('\n'));
  return parts.join('\n\n') + '\n';
}
