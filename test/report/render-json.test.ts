import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeJsonText, wellFormedJson } from '../../src/report/escape.js';
import type { Report, Row } from '../../src/report/model.js';
import { renderJson, renderJsonChunks, renderNdjson, renderNdjsonChunks, SCHEMA_VERSION } from '../../src/report/render-json.js';
import { renderMarkdown, renderMarkdownChunks } from '../../src/report/render-markdown.js';

// The reference: the whole document through one JSON.stringify, as the renderer wrote it before
// it wrote rows in pieces. The pieces must join to exactly this text.
function reference(report: Report): string {
  const t = report.tables[0]!;
  const keys = t.columns.map((c) => c.key);
  const rows = t.rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? null])));
  const doc = { schema: SCHEMA_VERSION, command: report.command, columns: keys, rows, notes: report.notes };
  return escapeJsonText(JSON.stringify(doc, wellFormedJson, 2)) + '\n';
}

function rowsReport(rows: Row[], notes: string[] = [], columns = ['ip', 'from', 'attempts', 'complete']): Report {
  return { command: 'triplets', tables: [{ name: 'triplets', title: 'Triplets', columns: columns.map((key) => ({ key })), rows }], notes };
}

const many = Array.from({ length: 4096 * 3 + 3 }, (_, i): Row => ({ ip: `192.0.2.${i % 256}`, from: `<u${i}@x.example>`, attempts: i, complete: i % 2 === 0 }));

const cases: Array<[name: string, report: Report]> = [
  ['no rows', rowsReport([])],
  ['no rows, no columns', rowsReport([], [], [])],
  ['one row, a missing cell is null', rowsReport([{ ip: '192.0.2.1', attempts: 1 }])],
  ['notes', rowsReport([{ ip: '192.0.2.1' }], ['first note', 'second "quoted" note'])],
  [
    'hostile text: newlines, quotes, bidi, C1, a lone surrogate, a tag character',
    rowsReport([{ ip: '1.2.3.4', from: 'a\nb"c\\d\u202e\u0085\ud800\udb40\udc41', attempts: -1, complete: null }]),
  ],
  ['more rows than one piece holds, the last piece short', rowsReport(many)],
  ['exactly one piece of rows', rowsReport(many.slice(0, 4096))],
];

for (const [name, report] of cases) {
  test(`renderJson: pieces join to the one-piece document: ${name}`, () => {
    const text = renderJson(report);
    assert.equal(text, reference(report));
    assert.deepEqual(JSON.parse(text).rows.length, report.tables[0]!.rows.length);
  });
  test(`renderNdjson: one line per row, each the row's JSON: ${name}`, () => {
    const t = report.tables[0]!;
    const keys = t.columns.map((c) => c.key);
    const expected = t.rows.map((r) => escapeJsonText(JSON.stringify(Object.fromEntries(keys.map((k) => [k, r[k] ?? null])), wellFormedJson)) + '\n').join('');
    assert.equal(renderNdjson(report), expected);
  });
}

test('a large table is written in several pieces, none holding every row', () => {
  const report = rowsReport(many);
  for (const pieces of [[...renderJsonChunks(report)], [...renderNdjsonChunks(report)], [...renderMarkdownChunks(report)]]) {
    assert.ok(pieces.length >= 3, `${pieces.length} pieces`);
    const longest = Math.max(...pieces.map((p) => p.length));
    assert.ok(longest < pieces.join('').length / 2, 'no piece holds most of the text');
  }
});

test('renderMarkdown: pieces join to the table, rows after the header, notes quoted at the end', () => {
  const report = rowsReport(many.slice(0, 5000), ['a note']);
  const text = renderMarkdown(report);
  const lines = text.split('\n');
  assert.equal(lines[0], '## spamd-report triplets');
  assert.equal(lines[2], '### Triplets');
  assert.equal(lines[4], '| ip | from | attempts | complete |');
  assert.equal(lines.filter((l) => l.startsWith('| 192.0.2.')).length, 5000);
  assert.ok(text.endsWith('\n> a note\n'));
  assert.equal(renderMarkdown(rowsReport([])), '## spamd-report triplets\n\n### Triplets\n\n(none)\n');
});
