// The generator itself: deterministic, E where it says, the shipped sample and its README are
// what it writes today, and its wall clock is right around DST changes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeLog } from './describe-log.js';
import { generateLog } from './generate-log.js';
import { MONTH, MONTH_COMMAND } from './presets.js';
import { createWallClock } from './wall-clock.js';
import { ROOT } from '../helpers/golden.js';

test('generator: the same options give the same bytes, another seed other bytes', () => {
  const a = generateLog(MONTH);
  assert.equal(generateLog(MONTH).text, a.text);
  assert.notEqual(generateLog({ ...MONTH, seed: MONTH.seed + 1 }).text, a.text);
});

test('generator: samples/generated/month.log and its README are the month preset, byte for byte', () => {
  const log = generateLog(MONTH);
  const hint = `regenerate with: ${MONTH_COMMAND}`;
  assert.equal(readFileSync(join(ROOT, 'samples', 'generated', 'month.log'), 'utf8'), log.text, hint);
  const readme = describeLog(log, { file: 'samples/generated/month.log', command: MONTH_COMMAND });
  assert.equal(readFileSync(join(ROOT, 'samples', 'generated', 'README.md'), 'utf8'), readme, hint);
});

test('generator: the last spamd line is at E, and only non-spamd lines may follow', () => {
  const log = generateLog(MONTH);
  assert.equal(log.end, MONTH.end);
  const last = log.lines.filter((l) => / spamd\[\d+\]: (?!spamd:|prefork:)/.test(l)).at(-1)!;
  assert.match(last, /^Sep 30 18:00:00 mx1 spamd\[\d+\]: [\d.]+: disconnected after \d+ seconds\.$/);
});

test('generator: every scenario twice gives fresh addresses and twice the rows', () => {
  const one = generateLog(MONTH);
  const two = generateLog({ ...MONTH, copies: 2 });
  assert.equal(two.senders.length, 2 * one.senders.length);
  assert.equal(two.triplets.length, 2 * one.triplets.length);
  assert.equal(new Set(two.senders.map((s) => s.ip)).size, two.senders.length);
});

test('generator: a log too short for its scenarios is an error, not a wrong expectation', () => {
  assert.throws(() => generateLog({ seed: 1, start: MONTH.end - 86_400, end: MONTH.end }), /too short for scenario/);
  assert.throws(() => generateLog({ seed: 1, start: MONTH.start, end: MONTH.end, scenarios: ['boundary-pending'] }), /include the 'pending' scenario/);
});

test('wall clock: BSD timestamps are space-padded, ISO times carry the zone offset', () => {
  const utc = createWallClock('UTC');
  const t = Date.UTC(2026, 8, 1, 8, 41, 17) / 1000;
  assert.equal(utc.bsd(t), 'Sep  1 08:41:17');
  assert.equal(utc.iso(t), '2026-09-01T08:41:17+00:00');
  const berlin = createWallClock('Europe/Berlin');
  assert.equal(berlin.bsd(t), 'Sep  1 10:41:17');
  assert.equal(berlin.iso(t), '2026-09-01T10:41:17+02:00');
});

test('wall clock: the repeated autumn hour has two readings, the spring gap none', () => {
  const berlin = createWallClock('Europe/Berlin');
  assert.equal(berlin.utc(2026, 10, 25, 2, 30, 0, 1), Date.UTC(2026, 9, 25, 0, 30) / 1000);
  assert.equal(berlin.utc(2026, 10, 25, 2, 30, 0, 2), Date.UTC(2026, 9, 25, 1, 30) / 1000);
  assert.equal(berlin.iso(Date.UTC(2026, 9, 25, 1, 30) / 1000), '2026-10-25T02:30:00+01:00');
  assert.throws(() => berlin.utc(2026, 3, 29, 2, 30, 0), /does not exist/);
  assert.equal(berlin.utc(2026, 3, 29, 3, 0, 0), Date.UTC(2026, 2, 29, 1, 0) / 1000);
});
