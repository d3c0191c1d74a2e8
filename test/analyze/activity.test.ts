import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addAttempt, createAttemptState } from '../../src/analyze/attempts.js';
import { activityOf, noteActivity, type Activity, type ActivityState } from '../../src/analyze/activity.js';

const TIMING = { passtime: 1500, greyexp: 14_400, burst: 60 };

function record(times: number[]): { state: ActivityState; activity: Activity | null } {
  const s = createAttemptState();
  let a: ActivityState = null;
  for (const t of times) {
    addAttempt(s, t, TIMING);
    a = noteActivity(a, s, t);
  }
  return { state: a, activity: activityOf(a, s) };
}

/** The attempts per bucket start time, straight from the times: what the runs must say. */
function expected(times: number[], width: number): Map<number, number> {
  const m = new Map<number, number>();
  for (const t of times) {
    const start = Math.floor(t / width) * width;
    m.set(start, (m.get(start) ?? 0) + 1);
  }
  return m;
}

function asMap(a: Activity): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < a.runs.length; i += 2) m.set(a.runs[i]! * a.width, a.runs[i + 1]!);
  return m;
}

const T0 = 1_790_000_040; // 2026-09-21T...:00 + 40 s: not on a minute boundary

const CASES: Array<[string, number[], number]> = [
  ['one attempt', [T0], 60],
  ['two attempts within the same minute', [T0, T0 + 1], 60],
  ['retry within seconds across a minute boundary', [T0, T0 + 25], 60],
  ['a pass after 26 minutes', [T0, T0 + 1, T0 + 1560], 60],
  ['a line a few seconds early (log order tolerance)', [T0, T0 + 120, T0 + 115, T0 + 300], 60],
  ['an attempt earlier than the first, in the minute before', [T0, T0 - 45, T0 + 5], 60],
];

for (const [name, times, width] of CASES) {
  test(`activity: ${name}`, () => {
    const { activity } = record(times);
    assert.ok(activity);
    assert.equal(activity.width, width);
    assert.deepEqual(asMap(activity), expected(times, width));
    const starts = activity.runs.filter((_, i) => i % 2 === 0);
    assert.deepEqual(starts, [...starts].sort((x, y) => x - y), 'buckets ascend');
  });
}

test('activity: a key whose attempts all lie in one minute stores nothing while the log is read', () => {
  assert.equal(record([T0, T0 + 1, T0 + 2]).state, null);
  assert.notEqual(record([T0, T0 + 60]).state, null);
});

test('activity: no attempts, no activity', () => {
  assert.equal(activityOf(null, createAttemptState()), null);
});

test('activity: a key retrying every 30 s for a month coarsens to hours and stays bounded', () => {
  const times: number[] = [];
  for (let t = T0; t < T0 + 31 * 86_400; t += 30) times.push(t);
  const { activity } = record(times);
  assert.ok(activity);
  assert.equal(activity.width, 3600);
  assert.ok(activity.runs.length / 2 <= 31 * 24 + 1);
  assert.deepEqual(asMap(activity), expected(times, 3600));
  assert.equal(activity.runs.filter((_, i) => i % 2 === 1).reduce((x, y) => x + y, 0), times.length);
});

test('activity: a key with attempts in 300 distinct minutes coarsens to 10 minutes, counts kept', () => {
  const times: number[] = [];
  for (let i = 0; i < 300; i++) times.push(T0 + i * 61);
  const { activity } = record(times);
  assert.ok(activity);
  assert.equal(activity.width, 600);
  assert.deepEqual(asMap(activity), expected(times, 600));
});
