// Envelopes with no session around them (the log begins inside a session, or a grep'd excerpt):
// one session is one attempt of its address, however many lines speak of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAnalyzer } from '../../src/analyze/analyzer.js';
import type { SpamdEvent } from '../../src/types.js';

const TIMING = { passtime: 1500, greyexp: 14_400, burst: 60 };
const IP = '192.0.2.10';

function grey(time: number, to: string): SpamdEvent {
  return { kind: 'envelope', time, host: 'mx1', ip: IP, list: 'grey', from: '<a@example.net>', to };
}
function disconnect(time: number, secs: number): SpamdEvent {
  return { kind: 'disconnect', time, host: 'mx1', ip: IP, secs, lists: '' };
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
