import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createStringPool, createTripletIndex, unpin } from '../../src/analyze/key-index.js';

test('string pool: a string is numbered once, in the order first seen, and kept as a copy', () => {
  const pool = createStringPool();
  const line = 'Jan  5 00:00:01 mx1 spamd[1]: (GREY) 192.0.2.10: <a@example.net> -> <b@example.com>';
  const cases: Array<[string, number]> = [
    ['', 0],
    [line.slice(37, 47), 1],
    ['<a@example.net>', 2],
    ['192.0.2.10', 1],
    [line.slice(49, 64), 2],
    ['<b@example.com>', 3],
    ['caf\u00e9 \ud800', 4], // not latin1, a lone surrogate: exact
  ];
  for (const [s, id] of cases) assert.equal(pool.intern(s), id, s);
  for (const [s, id] of cases) {
    assert.equal(pool.get(id), s);
    assert.equal(pool.find(s), id);
  }
  assert.equal(pool.find('<c@example.com>'), -1);
  assert.equal(pool.size, 5);
  pool.freeze();
  assert.equal(pool.get(3), '<b@example.com>', 'get() still works after freeze()');
});

test('triplet index: numbers in the order first added, the same three numbers find the same triplet', () => {
  const index = createTripletIndex();
  const n = 50_000; // several rehashes and column growths
  for (let i = 0; i < n; i++) assert.equal(index.add(i % 977, i % 131, i), i);
  assert.equal(index.size, n);
  for (let i = 0; i < n; i += 97) {
    assert.equal(index.add(i % 977, i % 131, i), i, 'adding again gives the same number');
    assert.equal(index.find(i % 977, i % 131, i), i);
    assert.deepEqual([index.addr(i), index.from(i), index.to(i)], [i % 977, i % 131, i]);
  }
  // Triplets that differ in one part only are different triplets.
  assert.equal(index.find(0, 0, 1), -1);
  assert.equal(index.find(1, 1, 0), -1);
  assert.equal(index.add(0, 0, n), n);
  index.freeze();
  assert.deepEqual([index.addr(n), index.from(n), index.to(n)], [0, 0, n]);
  assert.throws(() => index.find(0, 0, 0), /after freeze/);
  assert.throws(() => index.add(0, 0, 0), /after freeze/);
});

test('unpin: same text, short or long', () => {
  for (const s of ['', '10.0.0.1', '203.0.113.255', '<a-long-sender@example.net>']) assert.equal(unpin(s), s);
});
