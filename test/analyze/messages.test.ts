// A message's verdict and figures from the triplets that carried it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildMessages, messageVerdict, worstVerdict } from '../../src/analyze/messages.js';
import { messageKey, type PoolPrefix } from '../../src/analyze/pools.js';
import type { TripletResult } from '../../src/analyze/analyzer.js';
import type { Verdict } from '../../src/analyze/verdicts.js';

const VERDICT_CASES: ReadonlyArray<readonly [string, Verdict[], Verdict]> = [
  ['one triplet keeps its verdict', ['rapid-retry'], 'rapid-retry'],
  ['one passed makes the message passed', ['pool-retry', 'passed', 'pool-retry'], 'passed'],
  ['one pending makes the message pending', ['pool-retry', 'pending'], 'pending'],
  ['several triplets that did not pass: a pool retry', ['pool-retry', 'pool-retry'], 'pool-retry'],
  ['blacklisted triplets do not decide while others exist', ['blacklisted', 'pool-retry'], 'pool-retry'],
  ['all blacklisted', ['blacklisted', 'blacklisted'], 'blacklisted'],
];
for (const [name, verdicts, want] of VERDICT_CASES) test(`message verdict: ${name}`, () => assert.equal(messageVerdict(verdicts), want));

test('worst verdict: complaint order', () => {
  assert.equal(worstVerdict(['passed', 'rapid-retry', 'one-attempt']), 'one-attempt');
  assert.equal(worstVerdict(['passed', 'pending']), 'pending');
  assert.equal(worstVerdict(['blacklisted', 'passed']), 'passed');
  assert.equal(worstVerdict([]), null);
});

function triplet(ip: string, sender: string, recipient: string, verdict: Verdict, first: number, attempts: number, firstRetry = NaN, last = first, prefix: PoolPrefix = null): TripletResult {
  const message = messageKey(ip, sender, recipient, prefix);
  return { ip, sender, recipient, verdict, retry: 'none', attempts, first, last, firstRetry, maxGap: 0, otherIps: 0, helo: '', records: null, message };
}

test('buildMessages: a pool is one message with all its addresses and attempts', () => {
  const ms = buildMessages(
    [
      triplet('203.0.113.3', '<n@pool.example>', '<a@example.com>', 'pool-retry', 1200, 1),
      triplet('203.0.113.1', '<n@pool.example>', '<a@example.com>', 'pool-retry', 0, 2, 900, 900),
      triplet('203.0.113.2', '<n@pool.example>', '<a@example.com>', 'pool-retry', 600, 1),
      triplet('192.0.2.9', '<other@x.example>', '<a@example.com>', 'one-attempt', 50, 1),
    ],
  );
  assert.equal(ms.length, 2);
  const pool = ms.find((m) => m.domain === 'pool.example')!;
  assert.deepEqual(pool.ips, ['203.0.113.1', '203.0.113.2', '203.0.113.3']);
  assert.equal(pool.attempts, 4);
  assert.equal(pool.first, 0);
  assert.equal(pool.last, 1200);
  assert.equal(pool.firstRetry, 600, 'the second attempt is 203.0.113.2 at 600, before 203.0.113.1 retried at 900');
  assert.equal(pool.verdict, 'pool-retry');
  assert.equal(ms[0]!.domain, 'pool.example', 'messages in order of first attempt');
});

test('buildMessages: the first retry of a message can be its first triplet retrying', () => {
  const [m] = buildMessages(
    [triplet('192.0.2.1', '<a@x.example>', '<r@example.com>', 'pool-retry', 0, 3, 5, 20), triplet('192.0.2.2', '<a@x.example>', '<r@example.com>', 'pool-retry', 100, 1)],
  );
  assert.equal(m!.firstRetry, 5);
});

test('buildMessages: per-message senders of one family are one message, with every exact sender kept', () => {
  const ms = buildMessages(
    [
      triplet('192.0.2.1', '<bounce-1-aa11bb22@l.example>', '<r@example.com>', 'pool-retry', 0, 1),
      triplet('192.0.2.2', '<bounce-2-cc33dd44@l.example>', '<r@example.com>', 'pool-retry', 60, 1),
    ],
  );
  assert.equal(ms.length, 1);
  assert.equal(ms[0]!.family, '<bounce-*@l.example>');
  assert.deepEqual(ms[0]!.senders, ['<bounce-1-aa11bb22@l.example>', '<bounce-2-cc33dd44@l.example>']);
});

test('buildMessages: the null sender is one message per address unless --pool-prefix', () => {
  const ts = (prefix: PoolPrefix): TripletResult[] => [
    triplet('192.0.2.1', '<>', '<r@example.com>', 'one-attempt', 0, 1, NaN, 0, prefix),
    triplet('192.0.2.2', '<>', '<r@example.com>', 'one-attempt', 60, 1, NaN, 60, prefix),
  ];
  assert.equal(buildMessages(ts(null)).length, 2);
  assert.equal(buildMessages(ts(24)).length, 1);
  assert.equal(buildMessages(ts(32)).length, 2);
});
