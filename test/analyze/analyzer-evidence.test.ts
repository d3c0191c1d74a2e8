// The analyzer's evidence hook (recordAttempts) and pool grouping (poolPrefix).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAnalyzer, type AnalysisSettings } from '../../src/analyze/analyzer.js';
import type { SpamdEvent } from '../../src/types.js';

const TIMING = { passtime: 1500, greyexp: 14_400, burst: 60 };
const H = 'mx1';

function connect(time: number, ip: string): SpamdEvent {
  return { kind: 'connect', time, host: H, ip, clients: 1, black: 0, lists: '' };
}
function disconnect(time: number, ip: string, secs: number): SpamdEvent {
  return { kind: 'disconnect', time, host: H, ip, secs, lists: '' };
}
function grey(time: number, ip: string, from: string, to: string): SpamdEvent {
  return { kind: 'envelope', time, host: H, ip, list: 'grey', from, to };
}

function analyze(events: SpamdEvent[], extra: Partial<AnalysisSettings> = {}) {
  const a = createAnalyzer({ ...TIMING, ...extra });
  for (const e of events) a.add(e);
  return a.finish();
}

test('recordAttempts: keeps attempts of selected triplets only, with the session length the disconnect line states', () => {
  const r = analyze(
    [
      connect(100, '192.0.2.1'),
      grey(101, '192.0.2.1', '<a@x.example>', '<r@example.com>'),
      disconnect(101, '192.0.2.1', 0),
      connect(102, '192.0.2.1'),
      grey(103, '192.0.2.1', '<a@x.example>', '<r@example.com>'),
      connect(104, '192.0.2.2'),
      grey(105, '192.0.2.2', '<b@x.example>', '<r@example.com>'),
      disconnect(110, '192.0.2.2', 6),
      // the second session of 192.0.2.1 never ends in the log
    ],
    { recordAttempts: { triplet: (ip) => ip === '192.0.2.1', address: () => false } },
  );
  const t1 = r.triplets.find((t) => t.ip === '192.0.2.1')!;
  const t2 = r.triplets.find((t) => t.ip === '192.0.2.2')!;
  assert.deepEqual(
    t1.records!.map((x) => [x.time, x.duration]),
    [
      [101, 0],
      [103, NaN],
    ],
  );
  assert.equal(t2.records, null);
});

test('recordAttempts: greylisted sessions of a selected address without envelopes', () => {
  const r = analyze(
    [connect(0, '203.0.113.91'), connect(0, '203.0.113.91'), disconnect(2, '203.0.113.91', 2), connect(3, '203.0.113.91'), disconnect(4, '203.0.113.91', 4), disconnect(7, '203.0.113.91', 4)],
    { recordAttempts: { triplet: () => false, address: (ip) => ip === '203.0.113.91' } },
  );
  assert.deepEqual(
    r.addresses[0]!.records!.map((x) => [x.time, x.duration]),
    [
      [0, 2],
      [0, 4],
      [3, 4],
    ],
  );
});

test('without the hook nothing is recorded', () => {
  const r = analyze([connect(0, '192.0.2.1'), grey(1, '192.0.2.1', '<a@x.example>', '<r@example.com>'), disconnect(2, '192.0.2.1', 2)]);
  assert.equal(r.triplets[0]!.records, null);
  assert.equal(r.addresses[0]!.records, null);
});

const POOL: SpamdEvent[] = [
  grey(0, '203.0.113.1', '<n@pool.example>', '<r@example.com>'),
  grey(600, '203.0.113.2', '<n@pool.example>', '<r@example.com>'),
  grey(1800, '198.51.100.3', '<n@pool.example>', '<r@example.com>'),
  grey(3000, '192.0.2.7', '<>', '<r@example.com>'),
  grey(3100, '192.0.2.8', '<>', '<r@example.com>'),
  grey(30_000, '192.0.2.99', '<end@x.example>', '<r@example.com>'),
];

test('pool retries are never one-attempt; the null sender is grouped only within --pool-prefix', () => {
  const verdicts = (prefix: number | null): Record<string, string> =>
    Object.fromEntries(analyze(POOL, { poolPrefix: prefix }).triplets.map((t) => [t.ip, t.verdict]));
  assert.deepEqual(verdicts(null), {
    '203.0.113.1': 'pool-retry',
    '203.0.113.2': 'pool-retry',
    '198.51.100.3': 'pool-retry',
    '192.0.2.7': 'one-attempt',
    '192.0.2.8': 'one-attempt',
    '192.0.2.99': 'pending',
  });
  assert.deepEqual(verdicts(24), {
    '203.0.113.1': 'pool-retry',
    '203.0.113.2': 'pool-retry',
    '198.51.100.3': 'one-attempt',
    '192.0.2.7': 'pool-retry',
    '192.0.2.8': 'pool-retry',
    '192.0.2.99': 'pending',
  });
  const otherIps = Object.fromEntries(analyze(POOL, { poolPrefix: null }).triplets.map((t) => [t.ip, t.otherIps]));
  assert.equal(otherIps['203.0.113.1'], 2);
  assert.equal(otherIps['192.0.2.7'], 0);
});

test('per-message senders of one family from one address are one message retried, not two one-attempts', () => {
  const r = analyze([
    grey(0, '192.0.2.1', '<bounce-1-aa11bb22@l.example>', '<r@example.com>'),
    grey(900, '192.0.2.1', '<bounce-2-cc33dd44@l.example>', '<r@example.com>'),
    grey(2400, '192.0.2.1', '<bounce-3-ee55ff66@l.example>', '<r@example.com>'),
    grey(30_000, '192.0.2.99', '<end@x.example>', '<r@example.com>'),
  ]);
  const t = r.triplets.filter((x) => x.ip === '192.0.2.1');
  assert.deepEqual(t.map((x) => [x.verdict, x.otherIps]), [
    ['pool-retry', 0],
    ['pool-retry', 0],
    ['pool-retry', 0],
  ]);
});

// A message judged as a whole: all its triplets' attempts together, against the same rules.
const V = (n: number): string => `<bounce-${n}-aa11bb${n}@l.example>`;
const WHOLE: Array<[string, SpamdEvent[], string]> = [
  ['two per-message senders 1 s apart, then silence: rapid-retry', [grey(0, '192.0.2.1', V(1), '<r@example.com>'), grey(1, '192.0.2.1', V(2), '<r@example.com>')], 'rapid-retry'],
  ['two per-message senders 15 min apart, then silence: gave-up-early', [grey(0, '192.0.2.1', V(1), '<r@example.com>'), grey(900, '192.0.2.1', V(2), '<r@example.com>')], 'gave-up-early'],
  ['three over exactly the passtime: gave-up-early', [grey(0, '192.0.2.1', V(1), '<r@example.com>'), grey(600, '192.0.2.1', V(2), '<r@example.com>'), grey(1500, '192.0.2.1', V(3), '<r@example.com>')], 'gave-up-early'],
  ['three over more than the passtime: pool-retry (it kept retrying; a new sender each time never passes)', [grey(0, '192.0.2.1', V(1), '<r@example.com>'), grey(600, '192.0.2.1', V(2), '<r@example.com>'), grey(1501, '192.0.2.1', V(3), '<r@example.com>')], 'pool-retry'],
  // Several addresses stay pool-retry however briefly they tried: a pool address spamd had
  // already whitelisted may have carried the next retry to the mail server unseen.
  ['two addresses 1 s apart, then silence: pool-retry', [grey(0, '198.51.100.10', '<n@v.example>', '<r@example.com>'), grey(1, '198.51.100.11', '<n@v.example>', '<r@example.com>')], 'pool-retry'],
];

for (const [name, events, verdict] of WHOLE) {
  test(`a message of several triplets judged as a whole: ${name}`, () => {
    const r = analyze([...events, grey(60_000, '192.0.2.99', '<end@x.example>', '<s@example.com>')]);
    assert.deepEqual([...new Set(r.triplets.filter((t) => t.ip !== '192.0.2.99').map((t) => t.verdict))], [verdict]);
  });
}

test('a message of several triplets that stopped within the passtime is pool-retry while greyexp has not passed since its last attempt', () => {
  const events = [grey(0, '192.0.2.1', V(1), '<r@example.com>'), grey(50, '192.0.2.1', V(2), '<r@example.com>')];
  const at = (end: number): string[] => analyze([...events, grey(end, '192.0.2.99', '<end@x.example>', '<s@example.com>')]).triplets.filter((t) => t.ip !== '192.0.2.99').map((t) => t.verdict);
  // The first address's entry has expired, the message's last attempt is not yet greyexp old: another address may still try.
  assert.deepEqual(at(14_420), ['pool-retry', 'pending']);
  assert.deepEqual(at(14_450), ['rapid-retry', 'rapid-retry']);
});

test('a triplet whose address spamd whitelisted while it could still be retried is not accused', () => {
  const events: SpamdEvent[] = [
    grey(0, '192.0.2.50', '<a@good.example>', '<r1@example.com>'),
    grey(1200, '192.0.2.50', '<a@good.example>', '<s@example.com>'),
    grey(1800, '192.0.2.50', '<a@good.example>', '<r1@example.com>'), // passes: 30 min after its first attempt
    // the second message's retry would go straight to the mail server now: spamd never sees it
    grey(7200, '192.0.2.60', '<b@other.example>', '<r1@example.com>'),
    grey(30_000 + 20_000, '192.0.2.99', '<end@x.example>', '<r@example.com>'),
  ];
  const v = Object.fromEntries(analyze(events).triplets.map((t) => [`${t.ip} ${t.recipient}`, t.verdict]));
  assert.equal(v['192.0.2.50 <r1@example.com>'], 'passed');
  assert.equal(v['192.0.2.50 <s@example.com>'], 'passed', 'its retry went to the mail server');
  assert.equal(v['192.0.2.60 <r1@example.com>'], 'one-attempt');
});

test('a whitelisting long after a triplet gave up does not excuse it', () => {
  const events: SpamdEvent[] = [
    grey(0, '192.0.2.50', '<a@good.example>', '<s@example.com>'),
    grey(50_000, '192.0.2.50', '<a@good.example>', '<r1@example.com>'),
    grey(51_800, '192.0.2.50', '<a@good.example>', '<r1@example.com>'),
    grey(80_000, '192.0.2.99', '<end@x.example>', '<r@example.com>'),
  ];
  const v = Object.fromEntries(analyze(events).triplets.map((t) => [t.recipient, t.verdict]));
  assert.equal(v['<s@example.com>'], 'one-attempt');
  assert.equal(v['<r1@example.com>'], 'passed');
});
