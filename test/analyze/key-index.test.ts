import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTripletIndex } from '../../src/analyze/key-index.js';

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
