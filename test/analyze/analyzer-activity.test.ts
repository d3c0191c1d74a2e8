import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAnalyzer, type Analysis } from '../../src/analyze/analyzer.js';
import { createLineParser } from '../../src/parse/line.js';
import { createZone } from '../../src/parse/zone.js';
import { generateLog } from '../generator/generate-log.js';
import { MONTH } from '../generator/presets.js';

const monthLog = (copies: number): string => generateLog({ ...MONTH, copies }).text;
import type { Activity } from '../../src/analyze/activity.js';

function analyse(text: string, collectActivity: boolean): Analysis {
  const parse = createLineParser({ zone: createZone('UTC'), reference: Date.UTC(2026, 11, 1) / 1000, year: 2026 });
  const analyzer = createAnalyzer({ passtime: 1500, greyexp: 14_400, burst: 60, collectActivity });
  for (const line of text.split('\n')) {
    const o = parse(line);
    if (o.kind !== 'other' && o.kind !== 'reject' && o.time === o.time) analyzer.add(o);
  }
  return analyzer.finish();
}

const total = (a: Activity | null | undefined): number => (a ? a.runs.filter((_, i) => i % 2 === 1).reduce((x, y) => x + y, 0) : 0);

test('analyzer: with collectActivity, every triplet and address attempt is in its activity, between first and last', () => {
  const a = analyse(monthLog(6), true);
  assert.ok(a.triplets.length > 100 && a.addresses.length > 100);
  for (const k of [...a.triplets, ...a.addresses]) {
    assert.equal(total(k.activity), k.attempts, `${k.ip}`);
    if (!k.activity) continue;
    const starts = k.activity.runs.filter((_, i) => i % 2 === 0).map((b) => b * k.activity!.width);
    assert.ok(starts[0]! + k.activity.width > k.first, 'no attempt before the key was first seen');
    assert.ok(starts[starts.length - 1]! <= k.last);
  }
});

test('analyzer: without collectActivity nothing is kept, and the verdicts are the same', () => {
  const text = monthLog(6);
  const on = analyse(text, true);
  const off = analyse(text, false);
  assert.ok([...off.triplets, ...off.addresses].every((k) => k.activity == null));
  // Results are views (results.ts): compare what they show, every property but the activity.
  const shown = (k: object): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let o: object | null = Object.getPrototypeOf(k) as object | null; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
      for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(o))) if (d.get && name !== 'activity') out[name] = (k as Record<string, unknown>)[name];
    }
    return out;
  };
  const strip = (x: Analysis): unknown => ({ ...x, triplets: x.triplets.map(shown), addresses: x.addresses.map(shown) });
  assert.ok(Object.keys(shown(on.triplets[0]!)).length >= 15);
  assert.deepEqual(strip(on), strip(off));
});
