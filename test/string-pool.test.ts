import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createStringPool, hashString, unpin } from '../src/string-pool.js';

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
  assert.equal(pool.intern(''), 0, 'the empty string, whose hash is its seed, is found again');
  assert.equal(pool.size, 5);
  pool.freeze();
  assert.equal(pool.get(3), '<b@example.com>', 'get() still works after freeze()');
});

test('string pool: strings whose hashes collide are told apart; many strings survive the table growing', () => {
  const a = '<u80927@example.net>';
  const b = '<u1231300@example.net>';
  assert.equal(hashString(a), hashString(b), 'the two strings share their 32-bit hash');
  const pool = createStringPool();
  assert.equal(pool.intern(a), 0);
  assert.equal(pool.find(b), -1, 'the same hash is not the same string');
  assert.equal(pool.intern(b), 1);
  assert.deepEqual([pool.find(a), pool.find(b)], [0, 1]);
  const n = 100_000; // many growths of the table
  for (let i = 0; i < n; i++) assert.equal(pool.intern(`<s${i}@example.org>`), i + 2);
  for (let i = 0; i < n; i += 37) assert.equal(pool.find(`<s${i}@example.org>`), i + 2);
  assert.equal(pool.intern(`<s${n - 1}@example.org>`), n + 1, 'interning again gives the same number');
  assert.equal(pool.size, n + 2);
  pool.freeze();
  assert.equal(pool.get(1), b);
  assert.throws(() => pool.find(a), /after freeze/);
  assert.throws(() => pool.intern(a), /after freeze/);
});

test('unpin: same text, short or long', () => {
  for (const s of ['', '10.0.0.1', '203.0.113.255', '<a-long-sender@example.net>']) assert.equal(unpin(s), s);
});
