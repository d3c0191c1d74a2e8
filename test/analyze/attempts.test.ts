// The per-key greylisting state (grey.c's entry rules): every P and G boundary, table-driven.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addAttempt, createAttemptState, type AttemptState } from '../../src/analyze/attempts.js';

const P = 1500;
const G = 14_400;
const TIMING = { passtime: P, greyexp: G, burst: 60 };

function stateOf(times: readonly number[]): AttemptState {
  const s = createAttemptState();
  for (const t of times) addAttempt(s, t, TIMING);
  return s;
}

type Want = Partial<Record<keyof AttemptState, number>>;

const CASES: Array<[string, number[], Want]> = [
  ['no attempt', [], { attempts: 0, entries: 0, passedAt: NaN, firstRetry: NaN, maxGap: 0, maxEntryGap: -1 }],
  ['one attempt', [100], { attempts: 1, entries: 1, first: 100, last: 100, entryFirst: 100, passedAt: NaN, firstRetry: NaN, maxGap: 0, maxEntryGap: -1 }],
  ['a retry exactly P after the first does not pass', [0, P], { entries: 1, passedAt: NaN, firstRetry: P, maxEntryGap: P }],
  ['a retry P+1 s after the first passes', [0, P + 1], { entries: 1, passedAt: P + 1 }],
  ['a retry exactly G after the first still passes (the entry expires after it)', [0, G], { entries: 1, entryFirst: 0, passedAt: G }],
  ['a retry G+1 s after the first starts a new entry', [0, G + 1], { entries: 2, entryFirst: G + 1, passedAt: NaN, maxEntryGap: -1, maxGap: G + 1 }],
  ['retries do not extend the entry: the expiry counts from the first attempt', [0, 1000, G + 1], { entries: 2, entryFirst: G + 1, passedAt: NaN, maxEntryGap: 1000 }],
  ['in a new entry the passtime counts from that entry', [0, G + 1, G + 1 + P], { entries: 2, passedAt: NaN }],
  ['... and P+1 after the new entry passes', [0, G + 1, G + 2 + P], { entries: 2, passedAt: G + 2 + P, maxEntryGap: P + 1 }],
  ['the first passing attempt is kept', [0, P + 100, P + 200, G + 5000], { passedAt: P + 100, entries: 2, attempts: 4 }],
  ['first retry and largest gap', [0, 30, 100, 1000], { firstRetry: 30, maxGap: 900, maxEntryGap: 900, last: 1000 }],
  ['a line a second early (out of order) is a gap of 0, not negative', [10, 9], { firstRetry: 0, maxGap: 0, last: 10, first: 10 }],
];

for (const [name, times, want] of CASES) {
  test(`attempts: ${name}`, () => {
    const s = stateOf(times);
    for (const [k, v] of Object.entries(want)) assert.deepEqual(s[k as keyof AttemptState], v, k);
  });
}

// An attempt before the analysed window (--since, read back) started the entry: spamd judges the
// first attempt in the window against it. Attempt counts stay those in the window.
const BEFORE: Array<[string, number, number[], Want]> = [
  ['begun P+1 s before the first attempt: that attempt passes', -(P + 1), [0], { attempts: 1, first: 0, entryFirst: -(P + 1), passedAt: 0 }],
  ['begun exactly P before: not a pass (grey.c: first + passtime < now)', -P, [0], { entryFirst: -P, passedAt: NaN }],
  ['begun 10 min before, a retry 20 min after: passes (30 min since the entry began)', -600, [0, 1200], { entryFirst: -600, passedAt: 1200, entries: 1 }],
  ['begun exactly G before: still the same entry, a pass', -G, [0], { entryFirst: -G, passedAt: 0 }],
  ['begun G+1 s before: expired, the first attempt starts a new entry', -(G + 1), [0], { entryFirst: 0, passedAt: NaN }],
  ['no attempt before (NaN): as without', NaN, [0], { entryFirst: 0, passedAt: NaN }],
  ['an "earlier" attempt that is not earlier is ignored', 5, [0], { entryFirst: 0, passedAt: NaN }],
];

for (const [name, before, times, want] of BEFORE) {
  test(`attempt state, entry begun before the window: ${name}`, () => {
    const s = createAttemptState();
    times.forEach((t, i) => addAttempt(s, t, TIMING, i === 0 ? before : NaN));
    for (const [k, v] of Object.entries(want)) assert.deepEqual(s[k as keyof AttemptState], v, k);
  });
}
