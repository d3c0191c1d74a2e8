// One message's attempts across addresses: sender family + recipient, within --pool-prefix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messageGroupKey, messageKey, splitByTime } from '../../src/analyze/pools.js';

type Triplet = readonly [ip: string, from: string, to: string];
const CASES: ReadonlyArray<readonly [name: string, a: Triplet, b: Triplet, prefix: number | null, together: boolean]> = [
  ['same envelope from two addresses (a pool)', ['192.0.2.1', '<a@x.example>', '<r@y.example>'], ['198.51.100.9', '<a@x.example>', '<r@y.example>'], null, true],
  ['other recipient: another message', ['192.0.2.1', '<a@x.example>', '<r@y.example>'], ['192.0.2.2', '<a@x.example>', '<s@y.example>'], null, false],
  ['recipient case does not matter', ['192.0.2.1', '<a@x.example>', '<R@Y.example>'], ['192.0.2.2', '<a@x.example>', '<r@y.example>'], null, true],
  ['VERP senders of one family', ['192.0.2.1', '<b-1-aa11bb22@x.example>', '<r@y.example>'], ['192.0.2.2', '<b-2-cc33dd44@x.example>', '<r@y.example>'], null, true],
  ['pool-prefix 24: same /24', ['203.0.113.1', '<a@x.example>', '<r@y.example>'], ['203.0.113.200', '<a@x.example>', '<r@y.example>'], 24, true],
  ['pool-prefix 24: other /24', ['203.0.113.1', '<a@x.example>', '<r@y.example>'], ['203.0.114.1', '<a@x.example>', '<r@y.example>'], 24, false],
  ['null sender: never across addresses without --pool-prefix', ['192.0.2.1', '<>', '<r@y.example>'], ['192.0.2.2', '<>', '<r@y.example>'], null, false],
  ['null sender: within --pool-prefix', ['192.0.2.1', '<>', '<r@y.example>'], ['192.0.2.2', '<>', '<r@y.example>'], 24, true],
  ['null sender: not beyond --pool-prefix', ['192.0.2.1', '<>', '<r@y.example>'], ['198.51.100.2', '<>', '<r@y.example>'], 24, false],
];

for (const [name, a, b, prefix, together] of CASES) {
  test(`pools: ${name}`, () => {
    assert.equal(messageKey(...a, prefix) === messageKey(...b, prefix), together);
  });
}

test('pools: the null sender has no group key without --pool-prefix, but is its own message', () => {
  assert.equal(messageGroupKey('192.0.2.1', '<>', '<r@y.example>', null), null);
  assert.notEqual(messageKey('192.0.2.1', '<>', '<r@y.example>', null), messageKey('192.0.2.1', '<>', '<s@y.example>', null));
  assert.equal(messageKey('192.0.2.1', '<>', '<r@y.example>', null), messageKey('192.0.2.1', '<>', '<r@y.example>', null));
});

const SPLIT_CASES: ReadonlyArray<readonly [string, Array<[number, number]>, number[]]> = [
  ['one member', [[0, 10]], [0]],
  ['retries from a pool within hours: one message', [[0, 0], [600, 900], [7200, 7200]], [0, 0, 0]],
  ['exactly greyexp after the latest attempt: still one message', [[0, 100], [14_500, 14_500]], [0, 0]],
  ['one second more: a new message', [[0, 100], [14_501, 14_501]], [0, 1]],
  ['a daily one-shot notifier: one message a day', [[0, 0], [86_400, 86_400], [172_800, 172_800]], [0, 1, 2]],
  ['members out of order are sorted by first attempt', [[86_400, 86_400], [0, 0], [3600, 3600]], [1, 0, 0]],
  ['a long-running member bridges the next one', [[0, 20_000], [30_000, 30_000]], [0, 0]],
];
for (const [name, spans, want] of SPLIT_CASES) {
  test(`splitByTime: ${name}`, () => {
    assert.deepEqual(splitByTime(spans.map(([first, last]) => ({ first, last })), 14_400), want);
  });
}
