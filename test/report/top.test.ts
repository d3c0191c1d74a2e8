import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ipKey, topN } from '../../src/report/model.js';

interface Row {
  ip: string;
  triplets: number;
  attempts: number;
}
const byNumbers = (x: Row, y: Row): number => y.triplets - x.triplets || y.attempts - x.attempts;
const full = (rows: Row[], n: number): Row[] => [...rows].sort((x, y) => byNumbers(x, y) || (ipKey(x.ip) < ipKey(y.ip) ? -1 : ipKey(x.ip) > ipKey(y.ip) ? 1 : 0)).slice(0, n);

/** A seeded generator (mulberry32): the same rows on every run. */
function rows(seed: number, count: number, spread: number): Row[] {
  let a = seed;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => ({
    ip: `${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}.0.${Math.floor(rnd() * 256)}`,
    triplets: Math.floor(rnd() * spread),
    attempts: 1 + Math.floor(rnd() * spread),
  }));
}

test('topN: the first n of a full sort by the numbers, then by address (many ties at the cut)', () => {
  const cases: Array<[seed: number, count: number, spread: number, n: number]> = [
    [1, 0, 3, 10],
    [2, 5, 3, 10],
    [3, 200, 2, 10],
    [4, 200, 50, 10],
    [5, 1000, 3, 1],
    [6, 1000, 3, 999],
    [7, 30, 1, 30],
  ];
  for (const [seed, count, spread, n] of cases) {
    const input = rows(seed, count, spread);
    assert.deepEqual(topN(input, n, byNumbers, (x) => ipKey(x.ip)), full(input, n), JSON.stringify([seed, count, spread, n]));
  }
});

test('topN: addresses compare as numbers, not as text (10.0.0.9 before 10.0.0.10)', () => {
  const input: Row[] = [
    { ip: '10.0.0.10', triplets: 1, attempts: 1 },
    { ip: '10.0.0.9', triplets: 1, attempts: 1 },
    { ip: '9.0.0.1', triplets: 1, attempts: 1 },
  ];
  assert.deepEqual(
    topN(input, 2, byNumbers, (x) => ipKey(x.ip)).map((x) => x.ip),
    ['9.0.0.1', '10.0.0.9'],
  );
});
