// JSON and NDJSON: the same column names as every other format; valid for any input bytes.
import { escapeJsonText, wellFormedJson } from './escape.js';
import type { Report, Row } from './model.js';

export const SCHEMA_VERSION = 1;

function pick(r: Row, keys: string[]): Row {
  const o: Row = {};
  for (const k of keys) o[k] = r[k] ?? null;
  return o;
}

export function renderJson(report: Report): string {
  const out: Record<string, unknown> = { schema: SCHEMA_VERSION, command: report.command };
  if (report.tables.length === 1) {
    const t = report.tables[0]!;
    out.columns = t.columns.map((c) => c.key);
    out.rows = t.rows.map((r) => pick(r, out.columns as string[]));
  } else {
    for (const t of report.tables) {
      out[t.name] = t.keyValue
        ? Object.fromEntries(t.rows.map((r) => [String(r.key), r.value ?? null]))
        : t.rows.map((r) => pick(r, t.columns.map((c) => c.key)));
    }
  }
  out.notes = report.notes;
  return escapeJsonText(JSON.stringify(out, wellFormedJson, 2)) + '\n';
}

/** One JSON object per line: a row of a row command, or {section, ...row} for the summary. */
export function renderNdjson(report: Report): string {
  const lines: string[] = [];
  const single = report.tables.length === 1;
  for (const t of report.tables) {
    const keys = t.columns.map((c) => c.key);
    for (const r of t.rows) lines.push(JSON.stringify(single ? pick(r, keys) : { section: t.name, ...pick(r, keys) }, wellFormedJson));
  }
  return lines.length ? escapeJsonText(lines.join('\n')) + '\n' : '';
}
