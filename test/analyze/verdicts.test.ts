// The verdict rules (issue 2, docs/verdicts.md) at every boundary: P = passtime, G = greyexp,
// B = burst, decided at E. Attempts are offsets from the first; E is given per case.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addAttempt, createAttemptState } from '../../src/analyze/attempts.js';
import { classify, retryPattern, type RetryPattern, type Verdict, type VerdictFacts } from '../../src/analyze/verdicts.js';

const P = 1500;
const G = 14_400;
const B = 60;
const TIMING = { passtime: P, greyexp: G, burst: B };

type Facts = Partial<Omit<VerdictFacts, 'state'>>;

const CASES: Array<[string, number[], number, Facts, Verdict, RetryPattern]> = [
  // pending ↔ decided at E = first + G
  ['one attempt, E = first + G - 1: pending', [0], G - 1, {}, 'pending', 'none'],
  ['one attempt, E = first + G: one-attempt', [0], G, {}, 'one-attempt', 'none'],
  ['retried within seconds, still pending: the pattern shows', [0, 20], 600, {}, 'pending', 'seconds'],
  ['retried after minutes, still pending: the pattern shows', [0, 600], 900, {}, 'pending', 'minutes'],
  ['pending is decided by the last entry: an expired first entry and a fresh one', [0, G + 10], G + 20, {}, 'pending', 'late'],
  ['no attempts at all (an address seen only in grey.c lines): pending', [], 10 * G, {}, 'pending', 'none'],
  // B: every gap at most B is "seconds"
  ['one retry exactly B later: rapid-retry', [0, B], G, {}, 'rapid-retry', 'seconds'],
  ['one retry B+1 later: gave-up-early', [0, B + 1], G, {}, 'gave-up-early', 'minutes'],
  ['several retries, every gap at most B: rapid-retry', [0, B, 2 * B, 3 * B], G, {}, 'rapid-retry', 'seconds'],
  ['several retries, one gap of B+1: gave-up-early', [0, B, 2 * B + 1], G, {}, 'gave-up-early', 'minutes'],
  ['two sessions in the same second: rapid-retry', [0, 0], G, {}, 'rapid-retry', 'seconds'],
  ['retries for 270 s only: gave-up-early', [0, 90, 180, 270], G, {}, 'gave-up-early', 'minutes'],
  // P: a pass is an attempt in (first + P, first + G]
  ['retry exactly P later: not a pass', [0, P], G, {}, 'gave-up-early', 'minutes'],
  ['retry P+1 later: passed', [0, P + 1], P + 1, {}, 'passed', 'passtime'],
  ['passed is final even before the window closes', [0, P + 1], P + 2, {}, 'passed', 'passtime'],
  ['Postfix: 300 s, then doubling: passed', [0, 300, 900, 2100], 2100, {}, 'passed', 'passtime'],
  ['Exim: every 15 min: passed', [0, 900, 1800], 1800, {}, 'passed', 'passtime'],
  // G: retry at first + G still passes, G+1 starts a new entry
  ['retry exactly G later: passed', [0, G], G, {}, 'passed', 'passtime'],
  ['retry G+1 later, window still open for the new entry: pending', [0, G + 1], 2 * G, {}, 'pending', 'late'],
  ['retry G+1 later, window closed: too-slow', [0, G + 1], 2 * G + 1, {}, 'too-slow', 'late'],
  ['retries every 5 h: too-slow', [0, 18_000, 36_000], 36_000 + G, {}, 'too-slow', 'late'],
  ['two sessions in one second, then back 6 h later: too-slow, not rapid-retry (it did not stop)', [0, 1, 21_600], 21_600 + G, {}, 'too-slow', 'late'],
  ['a retry after 10 min, then back after G: too-slow, not gave-up-early', [0, 600, 16_200], 16_200 + G, {}, 'too-slow', 'late'],
  ['a burst, then a fresh entry that passed: passed', [0, 1, G + 100, G + 100 + P + 1], G + 100 + P + 1, {}, 'passed', 'passtime'],
  // facts that override the timing
  ['blacklisted wins over passed', [0, P + 1], G, { blacklisted: true }, 'blacklisted', 'passtime'],
  ['blacklisted wins over pending', [0], 10, { blacklisted: true }, 'blacklisted', 'none'],
  ['whitelisted by spamd: passed, whatever the attempts', [0], G, { whitelisted: true }, 'passed', 'none'],
  ['retried from another address of the pool: pool-retry', [0], G, { retriedElsewhere: true }, 'pool-retry', 'none'],
  ['pool-retry over rapid-retry', [0, 5], G, { retriedElsewhere: true }, 'pool-retry', 'seconds'],
  ['a pool address still in its window: pending', [0], G - 1, { retriedElsewhere: true }, 'pending', 'none'],
  ['a pool address that passed itself: passed', [0, P + 1], G, { retriedElsewhere: true }, 'passed', 'passtime'],
];

for (const [name, offsets, end, facts, verdict, retry] of CASES) {
  test(`verdict: ${name}`, () => {
    const state = createAttemptState();
    for (const t of offsets) addAttempt(state, t, TIMING);
    const f: VerdictFacts = { state, blacklisted: false, whitelisted: false, retriedElsewhere: false, ...facts };
    assert.equal(classify(f, end, TIMING), verdict);
    assert.equal(retryPattern(state, TIMING), retry);
  });
}
