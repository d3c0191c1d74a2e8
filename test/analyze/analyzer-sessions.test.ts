// Sessions inside the analyzer: envelopes with no session around them (the log begins inside a
// session, or a grep'd excerpt) make one attempt per session; a restart or an hour without a
// disconnect closes open sessions as incomplete.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAnalyzer } from '../../src/analyze/analyzer.js';
import { STALE_AFTER } from '../../src/analyze/sessions.js';
import type { SpamdEvent } from '../../src/types.js';

const TIMING = { passtime: 1500, greyexp: 14_400, burst: 60 };
const IP = '192.0.2.10';

function grey(time: number, to: string): SpamdEvent {
  return { kind: 'envelope', time, host: 'mx1', ip: IP, list: 'grey', from: '<a@example.net>', to };
}
function disconnect(time: number, secs: number, host = 'mx1', ip = IP): SpamdEvent {
  return { kind: 'disconnect', time, host, ip, secs, lists: '' };
}
function connect(time: number, host = 'mx1', ip = IP): SpamdEvent {
  return { kind: 'connect', time, host, ip, clients: 1, black: 0, lists: '' };
}

function address(events: SpamdEvent[], end: number) {
  const a = createAnalyzer({ ...TIMING, until: end, now: end });
  for (const e of events) a.add(e);
  const r = a.finish();
  return { address: r.addresses.find((x) => x.ip === IP)!, sessions: r.sessions };
}

const CASES: Array<[string, SpamdEvent[], { attempts: number; verdict: string; sessions: number }]> = [
  ['(GREY) then its unpaired disconnect: one attempt', [grey(1000, '<b@example.com>'), disconnect(1002, 6)], { attempts: 1, verdict: 'one-attempt', sessions: 1 }],
  [
    'two RCPTs of one session before its unpaired disconnect: one attempt',
    [grey(1000, '<b@example.com>'), grey(1000, '<c@example.com>'), disconnect(1002, 6)],
    { attempts: 1, verdict: 'one-attempt', sessions: 1 },
  ],
  ['a grep\'d excerpt: two RCPTs in the same second, no session lines', [grey(1000, '<b@example.com>'), grey(1000, '<c@example.com>')], { attempts: 1, verdict: 'one-attempt', sessions: 0 }],
  ['a grep\'d excerpt: a retry 30 s later is a second attempt', [grey(1000, '<b@example.com>'), grey(1030, '<b@example.com>')], { attempts: 2, verdict: 'rapid-retry', sessions: 0 }],
  ['an unpaired disconnect whose envelope was long before is its own attempt', [grey(1000, '<b@example.com>'), disconnect(2000, 6)], { attempts: 2, verdict: 'gave-up-early', sessions: 1 }],
];

for (const [name, events, want] of CASES) {
  test(name, () => {
    const r = address(events, 100_000);
    assert.equal(r.address.attempts, want.attempts);
    assert.equal(r.address.verdict, want.verdict);
    assert.equal(r.sessions.total, want.sessions);
  });
}

function analyse(events: SpamdEvent[]) {
  const a = createAnalyzer({ ...TIMING, collectSessions: true });
  for (const e of events) a.add(e);
  return a.finish();
}

test('a restart closes the open sessions of that host only, as incomplete', () => {
  const r = analyse([connect(100, 'mx1'), connect(101, 'mx2'), { kind: 'restart', time: 105, host: 'mx1' }, disconnect(110, 9, 'mx2')]);
  assert.deepEqual(
    r.sessionRows!.map((s) => [s.host, s.start, s.complete]).sort(),
    [
      ['mx1', 100, false],
      ['mx2', 101, true],
    ],
  );
  assert.equal(r.sessions.incomplete, 1);
  assert.equal(r.sessions.unpairedDisconnects, 0);
});

test(`a session without its disconnect is closed as incomplete once ${STALE_AFTER} s have passed`, () => {
  const other = '192.0.2.99';
  const r = analyse([connect(0), connect(STALE_AFTER + 400, 'mx1', other), disconnect(STALE_AFTER + 402, 2, 'mx1', other)]);
  const stale = r.sessionRows!.find((s) => s.ip === IP)!;
  assert.equal(stale.complete, false);
  assert.ok(Number.isNaN(stale.end));
  assert.equal(r.sessions.incomplete, 1);
  assert.equal(r.sessions.total, 2);
});

test('a session still open at the end of the log is kept, incomplete', () => {
  const r = analyse([connect(0), { ...grey(2, '<b@example.com>') }]);
  assert.equal(r.sessions.total, 1);
  assert.equal(r.sessions.incomplete, 1);
  assert.equal(r.sessionRows![0]!.envelopes, '<a@example.net> -> <b@example.com>');
  assert.equal(r.addresses[0]!.attempts, 1);
});
