import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attemptTimeline, offsetLabel, sparkline, type TimelineDot } from '../../src/report/html-charts.js';

const MARKS = { passtime: 1500, greyexp: 14_400, rfcRetry: 1800 };
const T0 = 1_790_000_000;

function dots(...offsets: Array<[number, number] | [number, number, boolean]>): TimelineDot[] {
  return offsets.map(([s, address, exact = true], i) => ({ t: T0 + s, address, label: `#${i + 1}`, exact }));
}

function circles(svg: string): Array<{ cls: string; cx: number; cy: number }> {
  return [...svg.matchAll(/<circle class="([^"]+)" cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => ({ cls: m[1]!, cx: Number(m[2]), cy: Number(m[3]) }));
}

function attr(svg: string, cls: string, name: string): number {
  return Number(new RegExp(`class="${cls}"[^>]*? ${name}="([\\d.]+)"`).exec(svg)?.[1]);
}

test('timeline: two attempts one second apart are two dots, stacked, at the start of the axis', () => {
  const svg = attemptTimeline('m1', dots([0, 0], [1, 0]), MARKS);
  const c = circles(svg);
  assert.equal(c.length, 2);
  assert.ok(Math.abs(c[0]!.cx - c[1]!.cx) < 1, 'same place in time');
  assert.notEqual(c[0]!.cy, c[1]!.cy, 'stacked, not hidden behind each other');
  assert.ok(c[0]!.cx < attr(svg, 'passwin', 'x'), 'before the pass window');
});

test('timeline: the pass window and the RFC mark sit at their times after the first attempt', () => {
  const svg = attemptTimeline('m2', dots([0, 0], [1560, 1]), MARKS);
  const x0 = circles(svg)[0]!.cx;
  const scale = (circles(svg)[1]!.cx - x0) / 1560;
  assert.ok(Math.abs(attr(svg, 'passwin', 'x') - (x0 + 1500 * scale)) < 0.2);
  assert.ok(Math.abs(attr(svg, 'passwin', 'x') + attr(svg, 'passwin', 'width') - (x0 + 14_400 * scale)) < 0.2);
  assert.ok(Math.abs(attr(svg, 'rfc', 'x1') - (x0 + 1800 * scale)) < 0.2);
  assert.deepEqual(circles(svg).map((x) => x.cls), ['dot a0', 'dot a1'], 'coloured by address');
});

test('timeline: an axis longer than greyexp holds the last attempt; hollow dots for attempts not itemised; colours cycle', () => {
  const svg = attemptTimeline('m3', dots([0, 0], [5 * 3600, 12, false]), MARKS);
  const c = circles(svg);
  assert.equal(c[1]!.cls, 'dot a2 hollow');
  assert.ok(c[1]!.cx > attr(svg, 'passwin', 'x') + attr(svg, 'passwin', 'width'), 'after the window');
  assert.ok(c[1]!.cx <= 12 + 840, 'inside the plot');
});

test('offsets in words', () => {
  assert.deepEqual([0, 30, 1800, 5400, 86_400 + 3600].map(offsetLabel), ['0', '+30s', '+30m', '+1h30m', '+1d1h']);
});

test('sparkline: bars only where there are attempts, scaled to the busiest bin', () => {
  assert.match(sparkline([0, 4, 0, 2]), /<path d="M3 16v-16M7 16v-8"\/>/);
  assert.doesNotMatch(sparkline([0, 0]), /<path/);
});
