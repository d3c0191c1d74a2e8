// A multi-section report as CSV (section,key,value): one-column lists keep their rows, and rows
// whose first cell repeats are told apart with #n.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderCsv } from '../../src/report/render-csv.js';
import type { Report } from '../../src/report/model.js';

test('lists and repeated keys in a multi-section CSV', () => {
  const report: Report = {
    command: 'spamdb',
    tables: [
      { name: 'listing', title: 'L', columns: [{ key: 'key' }, { key: 'value' }], keyValue: true, rows: [{ key: 'lines', value: 3 }] },
      {
        name: 'grey',
        title: 'G',
        columns: [{ key: 'ip' }, { key: 'helo' }],
        rows: [
          { ip: '192.0.2.1', helo: 'a' },
          { ip: '192.0.2.1', helo: 'b' },
          { ip: '192.0.2.2', helo: 'c' },
        ],
      },
      { name: 'spamtraps', title: 'S', columns: [{ key: 'address' }], rows: [{ address: 'trap@example.com' }, { address: '=x@example.com' }] },
    ],
    notes: [],
  };
  assert.equal(
    renderCsv(report),
    [
      'section,key,value',
      'listing,lines,3',
      'grey,192.0.2.1#1.helo,a',
      'grey,192.0.2.1#2.helo,b',
      'grey,192.0.2.2.helo,c',
      'spamtraps,address,trap@example.com',
      "spamtraps,address,'=x@example.com",
      '',
    ].join('\n'),
  );
});

test('a long table is written in pieces that join to the text of one piece', async () => {
  const { renderCsvChunks } = await import('../../src/report/render-csv.js');
  const { stringify } = await import('csv-stringify/sync');
  const rows = Array.from({ length: 10_000 }, (_, i) => ({ ip: `192.0.2.${i % 256}`, sender: i % 7 === 0 ? `<a,"b"@x>` : `<s${i}@x>`, n: i }));
  const report: Report = { command: 'triplets', tables: [{ name: 'triplets', title: 'T', columns: [{ key: 'ip' }, { key: 'sender' }, { key: 'n', numeric: true }], rows }], notes: [] };
  const chunks = [...renderCsvChunks(report)];
  assert.ok(chunks.length >= 3, 'several pieces');
  const whole = stringify([['ip', 'sender', 'n'], ...rows.map((r) => [r.ip, r.sender, String(r.n)])], { record_delimiter: 'unix' });
  assert.equal(chunks.join(''), whole);
  assert.equal(renderCsv(report), whole);
});
