import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DOMAIN_COLUMNS, median } from '../../src/report/domains.js';

test('median', () => {
  assert.equal(median([]), null);
  assert.equal(median([5]), 5);
  assert.equal(median([600, 2220]), 1410);
  assert.equal(median([3, 1, 2]), 2);
});

test('domains: the documented columns, in order', () => {
  assert.deepEqual(
    DOMAIN_COLUMNS.map((c) => c.key),
    [
      'domain',
      'messages',
      'senders',
      'families',
      'triplets',
      'addresses',
      'attempts',
      'one_attempt',
      'rapid_retry',
      'gave_up_early',
      'too_slow',
      'pool_retry',
      'pending',
      'excused',
      'passed',
      'blacklisted',
      'median_attempts',
      'median_first_retry_s',
      'worst',
      'first_seen',
      'last_seen',
    ],
  );
});
