// CSV (RFC 4180 quoting by csv-stringify). Cells that a spreadsheet would run as a formula are
// neutralised, control characters are escaped. A multi-table report (summary) becomes
// section,key,value rows so that it stays one valid CSV file.
import { stringify } from 'csv-stringify/sync';
import { escapeControl, escapeFormula } from './escape.js';
import type { Cell, Report } from './model.js';

function cell(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'boolean') return c ? 'true' : 'false';
  if (typeof c === 'number') return String(c);
  return escapeFormula(escapeControl(c));
}

/** Records stringified at a time: a table of 400k triplets is written in pieces, never held as one text. */
const CHUNK_RECORDS = 4096;

export function renderCsv(report: Report): string {
  return [...renderCsvChunks(report)].join('');
}

/** The CSV text in pieces, in order (RFC 4180 quoting is per cell, so the pieces join to the same text). */
export function* renderCsvChunks(report: Report): Generator<string> {
  if (report.tables.length === 1) {
    const t = report.tables[0]!;
    let records = [t.columns.map((c) => c.key)];
    for (const r of t.rows) {
      records.push(t.columns.map((c) => cell(r[c.key] ?? null)));
      if (records.length === CHUNK_RECORDS) {
        yield stringify(records, { record_delimiter: 'unix' });
        records = [];
      }
    }
    if (records.length > 0) yield stringify(records, { record_delimiter: 'unix' });
    return;
  }
  const records: string[][] = [['section', 'key', 'value']];
  for (const t of report.tables) {
    // Rows are keyed by their first cell; where that repeats (several GREY tuples of one
    // address), `#n` tells the rows apart.
    const firsts = new Map<string, number>();
    if (!t.keyValue) for (const r of t.rows) firsts.set(String(r[t.columns[0]!.key] ?? ''), (firsts.get(String(r[t.columns[0]!.key] ?? '')) ?? 0) + 1);
    const nth = new Map<string, number>();
    for (const r of t.rows) {
      if (t.keyValue) {
        records.push([t.name, cell(r.key ?? null), cell(r.value ?? null)]);
        continue;
      }
      const [first, ...rest] = t.columns;
      // A one-column table (a list) has no key column: its values go in `value`.
      if (rest.length === 0) records.push([t.name, cell(first!.key), cell(r[first!.key] ?? null)]);
      let key = String(r[first!.key] ?? '');
      if ((firsts.get(key) ?? 0) > 1) {
        const n = (nth.get(key) ?? 0) + 1;
        nth.set(key, n);
        key = `${key}#${n}`;
      }
      for (const c of rest) records.push([t.name, cell(`${key}.${c.key}`), cell(r[c.key] ?? null)]);
    }
  }
  for (const n of report.notes) records.push(['notes', '', cell(n)]);
  yield stringify(records, { record_delimiter: 'unix' });
}
