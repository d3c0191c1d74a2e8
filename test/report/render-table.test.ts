import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drawBox, drawBoxChunks, renderTable, renderTableChunks, type Box } from '../../src/report/render-table.js';
import type { Report } from '../../src/report/model.js';

const left = (): boolean => false;
const box = (head: string[] | null, rows: string[][], right: Box['right']): Box => ({ head, count: rows.length, cells: (r) => rows[r]!, right });
const numericSecond = (_row: number, col: number): boolean => col === 1;

const cases: Array<[name: string, head: string[] | null, rows: string[][], right: (r: number, c: number) => boolean, expected: string[]]> = [
  ['no rows, no header: nothing', null, [], left, ['']],
  ['header only', ['ip'], [], left, ['┌────┐', '│ ip │', '└────┘']],
  [
    'columns as wide as their widest cell, header included; one space of padding',
    ['ip', 'n'],
    [['192.0.2.1', '7'], ['10.0.0.1', '1234']],
    left,
    ['┌───────────┬──────┐', '│ ip        │ n    │', '│ 192.0.2.1 │ 7    │', '│ 10.0.0.1  │ 1234 │', '└───────────┴──────┘'],
  ],
  [
    'numeric columns aligned right, header too',
    ['ip', 'n'],
    [['a', '7'], ['b', '1234']],
    numericSecond,
    ['┌────┬──────┐', '│ ip │    n │', '│ a  │    7 │', '│ b  │ 1234 │', '└────┴──────┘'],
  ],
  [
    'wide characters count two columns, combining marks none',
    ['helo'],
    [['中文'], ['e\u0301x'], ['abcde']],
    left,
    ['┌───────┐', '│ helo  │', '│ 中文  │', '│ e\u0301x    │', '│ abcde │', '└───────┘'],
  ],
  [
    'key-value table: no header, alignment per row',
    null,
    [['lines', '12'], ['file', 'a.log']],
    (row, col) => col === 1 && row === 0,
    ['┌───────┬───────┐', '│ lines │    12 │', '│ file  │ a.log │', '└───────┴───────┘'],
  ],
  [
    'Latin-1 and the cut mark one column each, a soft hyphen none',
    ['x'],
    [['caf\u00e9…'], ['a\u00adb']],
    left,
    ['┌───────┐', '│ x     │', '│ caf\u00e9… │', '│ a\u00adb    │', '└───────┘'],
  ],
  ['a short row is filled with empty cells', ['a', 'b'], [['x']], left, ['┌───┬───┐', '│ a │ b │', '│ x │   │', '└───┴───┘']],
];

for (const [name, head, rows, right, expected] of cases) {
  test(`drawBox: ${name}`, () => {
    assert.equal(drawBox(box(head, rows, right), false), expected.join('\n'));
  });
}

test('drawBox with colour: grey borders, cyan header, the same text without the colour codes', () => {
  const b = box(['ip', 'n'], [['192.0.2.1', '7']], numericSecond);
  const coloured = drawBox(b, true);
  assert.ok(coloured.includes('\u001b[90m┌'), 'grey border');
  assert.ok(coloured.includes('\u001b[36m ip        \u001b[39m'), 'cyan header cell');
  assert.ok(!coloured.includes('\u001b[36m 192.0.2.1'), 'body not coloured');
  assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), drawBox(b, false));
});

test('drawBoxChunks: 200k rows are drawn in pieces of a few thousand rows that join to the whole table', () => {
  // cli-table3 (used before) laid tables out in quadratic time: 12k rows took 41 s. No timing
  // here (the machine is shared); the size alone would not finish in the test's budget if quadratic.
  const rows = Array.from({ length: 200_000 }, (_, i) => [`192.0.2.${i % 256}`, String(i)]);
  const pieces = [...drawBoxChunks(box(['ip', 'n'], rows, numericSecond), false)];
  assert.ok(pieces.length >= 40, `${pieces.length} pieces`);
  assert.ok(pieces.every((p) => p.length < 200_000), 'no piece holds the table');
  const lines = pieces.join('').split('\n');
  assert.equal(lines.length, 200_000 + 3);
  assert.equal(lines[2], '│ 192.0.2.0   │      0 │');
  assert.equal(lines.at(-2), '│ 192.0.2.63  │ 199999 │');
});

test('renderTable: log text escaped and cut, null as -, booleans as yes/no, empty tables as (none)', () => {
  const report: Report = {
    tables: [
      {
        title: 'Hostile',
        columns: [{ key: 'sender', untrusted: true }, { key: 'complete' }, { key: 'n', numeric: true }],
        rows: [{ sender: '<\u001b[2J' + 'x'.repeat(80) + '@evil.example>', complete: true, n: null }],
      },
      { title: 'Empty', columns: [{ key: 'ip' }], rows: [] },
    ],
    notes: ['bell \u0007'],
  } as unknown as Report;
  const out = renderTable(report, { color: false, maxCell: 20 });
  assert.ok(!/[\u0000-\u0008\u000b-\u001f]/.test(out), 'no raw control characters');
  assert.match(out, /│ <\\x1b\[2Jx{11}… │ yes      │ - │/);
  assert.match(out, /Empty\n\(none\)/);
  assert.match(out, /Note: bell \\x07\n$/);
});

test('renderTableChunks joins to renderTable: several tables, key-value rows with zeros hidden, notes', () => {
  const report = {
    tables: [
      { title: 'Figures', keyValue: true, hideZeros: true, columns: [], rows: [{ key: 'lines', value: 3 }, { key: 'unparsed', value: 0 }, { key: 'file', value: 'a.log' }] },
      { title: 'Rows', columns: [{ key: 'ip' }, { key: 'n', numeric: true }], rows: [{ ip: '192.0.2.1', n: 1 }] },
    ],
    notes: ['one', 'two'],
  } as unknown as Report;
  const whole = renderTable(report, { color: false });
  assert.equal([...renderTableChunks(report, { color: false })].join(''), whole);
  assert.equal(
    whole,
    ['Figures', '┌───────┬───────┐', '│ lines │     3 │', '│ file  │ a.log │', '└───────┴───────┘', '', 'Rows', '┌───────────┬───┐', '│ ip        │ n │', '│ 192.0.2.1 │ 1 │', '└───────────┴───┘', '', 'Note: one', 'Note: two', ''].join('\n'),
  );
  assert.equal(renderTable({ tables: [], notes: ['only'] } as unknown as Report, { color: false }), 'Note: only\n');
});
