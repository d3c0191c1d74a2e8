// lazyRows: a large table's rows made as they are read. Every way a renderer reads rows must
// see the same rows as a plain array would, in the same order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lazyRows, type Row } from '../../src/report/model.js';

const ITEMS: Row[] = [
  { ip: '192.0.2.1', n: 1 },
  { ip: '192.0.2.2', n: 2 },
  { ip: '192.0.2.3', n: null },
  { ip: '192.0.2.4', n: 4 },
];
const ORDER = [2, 0, 3];
const plain = ORDER.map((i) => ITEMS[i]!);

function counted(): { rows: Row[]; made: () => number } {
  let made = 0;
  const rows = lazyRows(ORDER, (i) => {
    made++;
    return { ...ITEMS[i]! };
  });
  return { rows, made: () => made };
}

const reads: Array<[name: string, read: (rows: Row[]) => unknown]> = [
  ['length', (r) => r.length],
  ['indexing, and past the end', (r) => [r[0], r[2], r[3], r[-1 as number]]],
  ['for of', (r) => {
    const out: Row[] = [];
    for (const x of r) out.push(x);
    return out;
  }],
  ['entries()', (r) => [...r.entries()]],
  ['map', (r) => r.map((x) => x.ip)],
  ['filter and find', (r) => [r.filter((x) => x.n !== null), r.find((x) => x.n === 4)]],
  ['slice', (r) => r.slice(1)],
  ['reduce', (r) => r.reduce((s, x) => s + Number(x.n ?? 0), 0)],
  ['JSON.stringify', (r) => JSON.stringify(r)],
  ['JSON.stringify inside an object', (r) => JSON.stringify({ rows: r })],
  ['Array.isArray', (r) => Array.isArray(r)],
  ['spread', (r) => [...r]],
  ['in', (r) => [0 in r, 2 in r, 3 in r]],
];

for (const [name, read] of reads) {
  test(`lazyRows reads like an array: ${name}`, () => {
    assert.deepEqual(read(counted().rows), read([...plain]));
  });
}

test('lazyRows makes a row only when it is read, and holds none', () => {
  const { rows, made } = counted();
  assert.equal(made(), 0, 'nothing made up front');
  void rows.length;
  assert.equal(made(), 0, 'length makes no row');
  void rows[1];
  assert.equal(made(), 1);
  void rows[1];
  assert.equal(made(), 2, 'made again when read again (none is kept)');
});

test('lazyRows is read-only', () => {
  const { rows } = counted();
  assert.throws(() => {
    (rows as Row[])[0] = { ip: 'x' };
  }, TypeError);
  assert.equal(rows[0]!.ip, '192.0.2.3');
});
