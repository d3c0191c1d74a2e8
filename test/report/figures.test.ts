import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attemptsOverTime, offsetOf, sparklines, timeAxis, SPARKLINE_BINS, TIMELINE_BINS } from '../../src/report/figures.js';
import { createTimeFormatter } from '../../src/report/format-time.js';
import { createZone } from '../../src/parse/zone.js';
import { niceCeil, tickLabel, widthLabel } from '../../src/report/html-charts.js';
import type { Activity } from '../../src/analyze/activity.js';

const UTC = createTimeFormatter(createZone('UTC'), true);
const BERLIN = createTimeFormatter(createZone('Europe/Berlin'), false);
const KATHMANDU = createTimeFormatter(createZone('Asia/Kathmandu'), false);
const T0 = Date.UTC(2026, 9, 2, 19, 53, 21) / 1000;

test('offsetOf reads the offset the formatter wrote', () => {
  assert.equal(offsetOf('2026-10-02T19:55:04Z'), 0);
  assert.equal(offsetOf('2026-10-02T19:55:04+02:00'), 7200);
  assert.equal(offsetOf('2026-10-02T19:55:04-03:30'), -12_600);
  assert.equal(offsetOf(null), 0);
});

const AXES: Array<[string, number, number, number, number]> = [
  // name, window seconds, coarsest activity width, expected bin width, expected bins (UTC, from T0)
  ['14 minutes: minutes', 14 * 60, 60, 60, 15],
  ['14 minutes, but a key coarsened to 10 min', 14 * 60, 600, 600, 2],
  ['a day: 30 min bins', 86_400, 60, 1800, 49],
  ['a month: 6 h bins', 30 * 86_400, 60, 6 * 3600, 121],
  ['a month, sparkline size: days', 30 * 86_400, 3600, 86_400, 31],
  ['two years: weeks', 730 * 86_400, 3600, 7 * 86_400, 105],
];

for (const [name, span, coarsest, width, bins] of AXES) {
  test(`timeAxis: ${name}`, () => {
    const max = name.includes('sparkline') ? SPARKLINE_BINS : TIMELINE_BINS;
    const ax = timeAxis(T0, T0 + span, coarsest, max, UTC);
    assert.equal(ax.width, width);
    assert.equal(ax.bins, bins);
    assert.ok(ax.bins <= max);
    assert.equal(ax.start % width, 0, 'aligned to the clock');
    assert.ok(ax.start <= T0 && T0 + span < ax.start + ax.bins * ax.width, 'covers the window');
    assert.equal(ax.labels.length, ax.bins);
    assert.equal(ax.labels[0], UTC(ax.start));
  });
}

test('timeAxis: bins align with the output zone (midnight and whole hours in Berlin; the half hour in Kathmandu)', () => {
  const day = timeAxis(T0, T0 + 30 * 86_400, 3600, SPARKLINE_BINS, BERLIN);
  assert.equal(day.labels[0], '2026-10-02T00:00:00+02:00');
  const hours = timeAxis(T0, T0 + 40 * 3600, 60, 48, KATHMANDU);
  assert.equal(hours.width, 3600);
  assert.match(hours.labels[0]!, /T\d\d:00:00\+05:45$/);
});

const act = (width: number, ...runs: number[]): Activity => ({ width, runs });

test('attemptsOverTime: every attempt lands in its bin, split by verdict in VERDICTS order', () => {
  const m = Math.floor(T0 / 60);
  const items = [
    { verdict: 'rapid-retry' as const, activity: act(60, m, 2) },
    { verdict: 'passed' as const, activity: act(60, m, 1, m + 30, 1) },
    { verdict: 'blacklisted' as const, activity: act(60, m + 5, 1) },
    { verdict: 'pending' as const, activity: null },
  ];
  const r = attemptsOverTime(items, 'triplets', { first: T0, last: T0 + 1800 }, UTC);
  assert.ok(r);
  assert.equal(r.axis.width, 60);
  assert.deepEqual(r.series.map((s) => s.verdict), ['blacklisted', 'passed', 'rapid-retry']);
  const sum = (v: string): number => r.series.find((s) => s.verdict === v)!.counts.reduce((x, y) => x + y, 0);
  assert.equal(sum('rapid-retry'), 2);
  assert.equal(sum('passed'), 2);
  const passed = r.series.find((s) => s.verdict === 'passed')!.counts;
  assert.equal(passed[0], 1);
  assert.equal(passed[30], 1);
});

test('attemptsOverTime: nothing analysed, or activity not collected: no picture', () => {
  assert.equal(attemptsOverTime([], 'triplets', { first: NaN, last: NaN }, UTC), null);
  assert.equal(attemptsOverTime([{ verdict: 'passed', activity: null }], 'addresses', { first: T0, last: T0 }, UTC), null);
});

test('sparklines: one series per item in order, coarse keys widen the bins', () => {
  const h = Math.floor(T0 / 3600);
  const s = sparklines([{ activity: act(3600, h, 4, h + 20, 1) }, { activity: null }], { first: T0, last: T0 + 86_400 }, UTC, true);
  assert.ok(s);
  assert.equal(s.axis.width, 3600);
  assert.deepEqual(s.values.map((v) => v.reduce((x, y) => x + y, 0)), [5, 0]);
  assert.equal(sparklines([{ activity: null }], { first: T0, last: T0 }, UTC, false), null);
});

test('chart labels: value axis tops, widths in words, ticks', () => {
  assert.deepEqual([0, 1, 3, 7, 10, 11, 27, 49, 51, 999].map(niceCeil), [1, 1, 3, 8, 10, 20, 30, 50, 60, 1000]);
  assert.deepEqual([60, 1800, 3600, 21_600, 86_400, 604_800].map(widthLabel), ['1 min', '30 min', '1 h', '6 h', '1 day', '7 days']);
  const iso = '2026-10-02T19:00:00+02:00';
  assert.equal(tickLabel(iso, { start: 0, width: 60, bins: 10, labels: [] }), '19:00');
  assert.equal(tickLabel(iso, { start: 0, width: 3600, bins: 48, labels: [] }), '10-02 19:00');
  assert.equal(tickLabel(iso, { start: 0, width: 86_400, bins: 30, labels: [] }), '2026-10-02');
});
