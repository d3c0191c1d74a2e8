// JSON and NDJSON: the same column names as every other format; valid for any input bytes.
// A row command's rows are written in pieces (its table of 400k triplets is never held as one
// text); the pieces join to exactly what JSON.stringify(document, null, 2) writes.
import { escapeJsonText, wellFormedJson } from './escape.js';
import type { Report, Row } from './model.js';

export const SCHEMA_VERSION = 1;

/** Rows stringified at a time. */
const CHUNK_ROWS = 4096;

function pick(r: Row, keys: string[]): Row {
  const o: Row = {};
  for (const k of keys) o[k] = r[k] ?? null;
  return o;
}

/** `value` as JSON.stringify(…, 2) writes it `depth` levels down (its own lines indented to match). */
function nested(value: unknown, depth: number): string {
  // Line breaks in JSON.stringify's output are only its own layout: a string's are escaped.
  return JSON.stringify(value, wellFormedJson, 2).replace(/\n/g, '\n' + '  '.repeat(depth));
}

export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}

export function* renderJsonChunks(report: Report): Generator<string> {
  if (report.tables.length !== 1) {
    // The summary: a few small tables, keyed by name.
    const out: Record<string, unknown> = { schema: SCHEMA_VERSION, command: report.command };
    for (const t of report.tables) {
      out[t.name] = t.keyValue
        ? Object.fromEntries(t.rows.map((r) => [String(r.key), r.value ?? null]))
        : t.rows.map((r) => pick(r, t.columns.map((c) => c.key)));
    }
    out.notes = report.notes;
    yield escapeJsonText(JSON.stringify(out, wellFormedJson, 2)) + '\n';
    return;
  }
  const t = report.tables[0]!;
  const columns = t.columns.map((c) => c.key);
  // { schema, command, columns, rows: [...], notes }
  const head = nested({ schema: SCHEMA_VERSION, command: report.command, columns }, 0);
  let text = head.slice(0, -2) + ',\n  "rows": [';
  let n = 0;
  for (const r of t.rows) {
    text += (n > 0 ? ',\n    ' : '\n    ') + nested(pick(r, columns), 2);
    if (++n % CHUNK_ROWS === 0) {
      yield escapeJsonText(text);
      text = '';
    }
  }
  text += (n > 0 ? '\n  ]' : ']') + ',\n  "notes": ' + nested(report.notes, 1) + '\n}\n';
  yield escapeJsonText(text);
}

/** One JSON object per line: a row of a row command, or {section, ...row} for the summary. */
export function renderNdjson(report: Report): string {
  return [...renderNdjsonChunks(report)].join('');
}

export function* renderNdjsonChunks(report: Report): Generator<string> {
  const single = report.tables.length === 1;
  let text = '';
  let n = 0;
  for (const t of report.tables) {
    const keys = t.columns.map((c) => c.key);
    for (const r of t.rows) {
      text += JSON.stringify(single ? pick(r, keys) : { section: t.name, ...pick(r, keys) }, wellFormedJson) + '\n';
      if (++n % CHUNK_ROWS === 0) {
        yield escapeJsonText(text);
        text = '';
      }
    }
  }
  if (text) yield escapeJsonText(text);
}
