// The facts from outside the log and how they take part in verdicts: the spamdb rules (a pass the
// log could not see) and excusal (a flagged verdict becomes 'excused', nothing else changes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addAttempt, createAttemptState, type AttemptState, type Timing } from '../../src/analyze/attempts.js';
import { createExcusalList } from '../../src/analyze/excusal.js';
import { createExternalFacts, DUMP_SLACK, judge, NO_FACTS } from '../../src/analyze/outside-facts.js';
import { indexDump } from '../../src/analyze/spamdb-index.js';
import { classify, VERDICTS } from '../../src/analyze/verdicts.js';
import { parsePfTable } from '../../src/parse/pf-table.js';
import { addDumpLine, createSpamdbDump } from '../../src/parse/spamdb-dump.js';
import { parseSpamdbLine } from '../../src/parse/spamdb.js';

const TIMING: Timing = { passtime: 1500, greyexp: 14_400, burst: 60 };
const T = 1_790_928_000;

function state(...times: number[]): AttemptState {
  const s = createAttemptState();
  for (const t of times) addAttempt(s, T + t, TIMING);
  return s;
}

function dumpIndex(lines: string[]): ReturnType<typeof indexDump> {
  const d = createSpamdbDump('spamdb.txt');
  lines.forEach((l, i) => addDumpLine(d, parseSpamdbLine(l), i + 1, l));
  return indexDump(d);
}

test('excused is a verdict; classify turns only flagging verdicts into it', () => {
  assert.ok(VERDICTS.includes('excused'));
  const end = T + 86_400;
  const cases: Array<[string, AttemptState, boolean, string]> = [
    ['one attempt', state(0), false, 'excused'],
    ['retries within seconds', state(0, 1, 2), false, 'excused'],
    ['gave up after minutes', state(0, 300), false, 'excused'],
    ['too slow', state(0, 20_000), false, 'excused'],
    ['passed', state(0, 1800), false, 'passed'],
    ['blacklisted', state(0), true, 'blacklisted'],
  ];
  for (const [name, s, blacklisted, want] of cases) {
    const f = { state: s, blacklisted, whitelisted: false, retriedElsewhere: false };
    assert.equal(classify({ ...f, excused: true }, end, TIMING), want, name);
  }
  // still pending and pool-retry are not accusations: nothing to excuse
  assert.equal(classify({ state: state(0), blacklisted: false, whitelisted: false, retriedElsewhere: false, excused: true }, T + 60, TIMING), 'pending');
  assert.equal(classify({ state: state(0), blacklisted: false, whitelisted: false, retriedElsewhere: true, excused: true }, end, TIMING), 'pool-retry');
});

const DUMP = dumpIndex([
  // passed at +1800 (the retry went to the backup MX)
  'GREY|192.0.2.20|smtp.partner.example|<orders@partner.example>|<bob@example.com>|' + [T, T + 1800, T + 14_400, 2, 0].join('|'),
  // not passed (placeholder pass = expire)
  'GREY|198.51.100.7|mx.vendor.example|<noreply@vendor.example>|<bob@example.com>|' + [T, T + 14_400, T + 14_400, 1, 0].join('|'),
  // whitelisted an hour after its first attempt
  'WHITE|192.0.2.30|||' + [T, T + 3600, T + 90 * 86_400, 2, 0].join('|'),
  // whitelisted long before the log (and a sync entry, pass 0)
  'WHITE|192.0.2.40|||' + [T - 86_400, T - 80_000, T + 90 * 86_400, 2, 0].join('|'),
  'WHITE|192.0.2.50|||' + [T + 7200, 0, T + 90 * 86_400, 0, 0].join('|'),
]);
const FACTS = createExternalFacts({ dump: DUMP, greyexp: TIMING.greyexp });

test('triplet facts: its own tuple passed, or its address was whitelisted while its entry was alive', () => {
  const cases: Array<[string, string, string, string, number, number]> = [
    ['own tuple passed', '192.0.2.20', '<orders@partner.example>', '<bob@example.com>', T, T + 1800],
    ['own tuple not passed', '198.51.100.7', '<noreply@vendor.example>', '<bob@example.com>', T, NaN],
    ['tuple passed before this triplet was first seen (an older entry)', '192.0.2.20', '<orders@partner.example>', '<bob@example.com>', T + 1800 + DUMP_SLACK + 1, NaN],
    ['address whitelisted within greyexp', '192.0.2.30', '<a@x>', '<b@y>', T + 600, T + 3600],
    ['address whitelisted after greyexp: the entry had expired', '192.0.2.30', '<a@x>', '<b@y>', T + 3600 - 14_400 - 1, NaN],
    ['address whitelisted before the triplet', '192.0.2.40', '<a@x>', '<b@y>', T, NaN],
    ['sync entry: whitelisted since it was received', '192.0.2.50', '<a@x>', '<b@y>', T + 3600, T + 7200],
    ['unknown address', '203.0.113.1', '<a@x>', '<b@y>', T, NaN],
  ];
  for (const [name, ip, from, to, first, want] of cases) assert.deepEqual(FACTS.triplet(ip, from, to, first), { passedAt: want, excused: false }, name);
});

test('address facts: WHITE at or after its first attempt, else a passed tuple', () => {
  assert.equal(FACTS.address('192.0.2.30', T).passedAt, T + 3600);
  assert.equal(FACTS.address('192.0.2.30', T + 3600 + DUMP_SLACK).passedAt, T + 3600); // within the clock slack
  assert.ok(Number.isNaN(FACTS.address('192.0.2.30', T + 3600 + DUMP_SLACK + 1).passedAt));
  assert.ok(Number.isNaN(FACTS.address('192.0.2.40', T).passedAt));
  assert.equal(FACTS.address('192.0.2.20', T).passedAt, T + 1800);
  assert.ok(Number.isNaN(FACTS.address('198.51.100.7', T).passedAt));
});

test('judge: which input decided the verdict', () => {
  const end = T + 86_400;
  const one = { state: state(0), blacklisted: false, whitelisted: false, retriedElsewhere: false };
  assert.deepEqual(judge(one, { passedAt: NaN, excused: false }, end, TIMING), { verdict: 'one-attempt', from: 'log' });
  assert.deepEqual(judge(one, { passedAt: T + 1800, excused: false }, end, TIMING), { verdict: 'passed', from: 'spamdb' });
  assert.deepEqual(judge(one, { passedAt: NaN, excused: true }, end, TIMING), { verdict: 'excused', from: 'exclude-from' });
  assert.deepEqual(judge(one, { passedAt: T + 1800, excused: true }, end, TIMING), { verdict: 'passed', from: 'spamdb' });
  const passed = { ...one, state: state(0, 1800) };
  assert.deepEqual(judge(passed, { passedAt: T + 1800, excused: true }, end, TIMING), { verdict: 'passed', from: 'log' });
  const black = { ...one, blacklisted: true };
  assert.deepEqual(judge(black, { passedAt: T + 1800, excused: true }, end, TIMING), { verdict: 'blacklisted', from: 'log' });
});

test('excusal lists and no facts', () => {
  const f = createExternalFacts({ excusals: createExcusalList(parsePfTable('198.51.100.0/24').entries), greyexp: TIMING.greyexp });
  assert.equal(f.address('198.51.100.7', T).excused, true);
  assert.equal(f.triplet('198.51.100.7', '<a>', '<b>', T).excused, true);
  assert.equal(f.address('192.0.2.1', T).excused, false);
  assert.equal(createExternalFacts({ greyexp: 1 }), NO_FACTS);
  assert.deepEqual(NO_FACTS.address('198.51.100.7', T).excused, false);
});
