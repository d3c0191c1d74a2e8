// Terminal tables. Log text is escaped and cut so that no field can move the cursor, change
// colours or stretch a table across the screen.
//
// The box is drawn here rather than by cli-table3: cli-table3 lays a table out in time quadratic
// in its rows (cli-table3#68; 12k rows took 41 s, 64k rows did not finish in 11 minutes), and
// `triplets` on a month's log has hundreds of thousands of rows. This draws the same box in one
// pass: column widths first (display width: wide characters count two), then the lines.
import stringWidth from 'string-width';
import { escapeControl, truncate } from './escape.js';
import type { Cell, Column, Report, Table as ModelTable } from './model.js';

export interface TableRenderOptions {
  color: boolean;
  /** Longest cell of log text in a table. */
  maxCell?: number;
}

/** A table to draw: header (none for key-value tables) and rows of single-line, escaped text. */
export interface Box {
  head: string[] | null;
  /** Number of rows. */
  count: number;
  /** The cells of row `row`, asked for twice (widths first, then the lines), so that no table is held as text. */
  cells: (row: number) => string[];
  /** Whether the cell at (row, column) is aligned right; `row` is -1 for the header. */
  right: (row: number, col: number) => boolean;
}

const GREY = ['\u001b[90m', '\u001b[39m'] as const;
const CYAN = ['\u001b[36m', '\u001b[39m'] as const;
/** Rows per piece of output: a table of 400k triplets is written in pieces, never held as one text. */
const CHUNK_ROWS = 4096;

// One column per UTF-16 unit: printable ASCII, Latin-1 (but the soft hyphen), the Latin
// extensions up to the combining marks (U+0300), and the `…` that marks a cut cell. Anything
// else asks string-width (wide East Asian characters count two, combining marks none), which
// costs 100 times more.
const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2026]*$/;

/** Display width of a cell's text in a terminal. */
function width(s: string): number {
  return NARROW.test(s) ? s.length : stringWidth(s);
}

/**
 * The box in pieces of text that join to the whole: one line per row, no rule between rows (a
 * dense table reads better in a terminal and in a pasted ticket): `┌─┬─┐` on top, `│ cell │`
 * rows, `└─┴─┘` at the bottom, one space of padding each side. Colour: grey borders, a cyan
 * header. No rows and no header: nothing.
 */
export function* drawBoxChunks(box: Box, color: boolean): Generator<string> {
  if (box.count === 0 && !box.head) return;
  const widths: number[] = [];
  const measure = (cells: string[]): void => {
    cells.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(c));
    });
  };
  if (box.head) measure(box.head);
  for (let r = 0; r < box.count; r++) measure(box.cells(r));
  const border = (s: string): string => (color ? GREY[0] + s + GREY[1] : s);
  const rule = (left: string, mid: string, right: string): string => border(left + widths.map((w) => '─'.repeat(w + 2)).join(mid) + right);
  const bar = border('│');
  const line = (cells: string[], row: number): string => {
    let out = bar;
    for (let i = 0; i < widths.length; i++) {
      const c = cells[i] ?? '';
      const fill = ' '.repeat(widths[i]! - width(c));
      const content = ' ' + (box.right(row, i) ? fill + c : c + fill) + ' ';
      out += (color && row === -1 ? CYAN[0] + content + CYAN[1] : content) + bar;
    }
    return out;
  };
  let lines = [rule('┌', '┬', '┐')];
  if (box.head) lines.push(line(box.head, -1));
  for (let r = 0; r < box.count; r++) {
    lines.push(line(box.cells(r), r));
    if (lines.length >= CHUNK_ROWS) {
      yield lines.join('\n') + '\n';
      lines = [];
    }
  }
  lines.push(rule('└', '┴', '┘'));
  yield lines.join('\n');
}

/** The whole box as one text. */
export function drawBox(box: Box, color: boolean): string {
  return [...drawBoxChunks(box, color)].join('');
}

function text(c: Cell, col: Column, max: number): string {
  if (c === null) return '-';
  if (typeof c === 'boolean') return c ? 'yes' : 'no';
  const s = String(c);
  return col.untrusted ? truncate(escapeControl(s), max) : escapeControl(s);
}

function* renderOne(t: ModelTable, opts: TableRenderOptions): Generator<string> {
  const max = opts.maxCell ?? 60;
  yield `${t.title}\n`;
  if (t.keyValue) {
    const rows: string[][] = [];
    const right: boolean[] = [];
    for (const [i, r] of t.rows.entries()) {
      const v = r.value ?? null;
      if (t.hideZeros && v === 0 && i > 0) continue;
      rows.push([escapeControl(String(r.key)), text(v, { key: 'value', untrusted: true }, max)]);
      right.push(typeof v === 'number');
    }
    yield* drawBoxChunks({ head: null, count: rows.length, cells: (row) => rows[row]!, right: (row, col) => col === 1 && right[row]! }, opts.color);
    return;
  }
  if (t.rows.length === 0) {
    yield '(none)';
    return;
  }
  const head = t.columns.map((c) => c.key);
  const cells = (row: number): string[] => {
    const r = t.rows[row]!; // once: a large table's rows are made as they are read (model.ts lazyRows)
    return t.columns.map((c) => text(r[c.key] ?? null, c, max));
  };
  yield* drawBoxChunks({ head, count: t.rows.length, cells, right: (_row, col) => t.columns[col]!.numeric === true }, opts.color);
}

/** The tables and notes in pieces to write one after the other. */
export function* renderTableChunks(report: Report, opts: TableRenderOptions): Generator<string> {
  for (const [i, t] of report.tables.entries()) {
    if (i > 0) yield '\n\n';
    yield* renderOne(t, opts);
  }
  if (report.notes.length) yield (report.tables.length ? '\n\n' : '') + report.notes.map((n) => `Note: ${escapeControl(n)}`).join('\n');
  yield '\n';
}

export function renderTable(report: Report, opts: TableRenderOptions): string {
  return [...renderTableChunks(report, opts)].join('');
}
