// --since/--until values (parseWhen): every accepted form, in the zone of the log, and the
// boundaries a window is made of.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDuration, parseVerdicts, parseWhen } from '../src/options.js';
import { createZone } from '../src/parse/zone.js';

const utc = (iso: string): number => Date.parse(iso) / 1000;
// Now: 2026-10-02 14:30:00 UTC, 16:30 in Berlin (summer time).
const NOW = utc('2026-10-02T14:30:00Z');

const cases: Array<[value: string, option: '--since' | '--until', zone: string, expected: number]> = [
  ['today', '--since', 'UTC', utc('2026-10-02T00:00:00Z')],
  ['today', '--until', 'UTC', utc('2026-10-03T00:00:00Z') - 0.001],
  ['yesterday', '--since', 'UTC', utc('2026-10-01T00:00:00Z')],
  ['yesterday', '--until', 'UTC', utc('2026-10-02T00:00:00Z') - 0.001],
  ['today', '--since', 'Europe/Berlin', utc('2026-10-01T22:00:00Z')], // midnight in Berlin
  ['now', '--until', 'UTC', NOW],
  ['7d', '--since', 'UTC', NOW - 7 * 86_400],
  ['12h', '--since', 'UTC', NOW - 12 * 3600],
  ['90m', '--since', 'UTC', NOW - 90 * 60],
  ['2026-10-02', '--since', 'UTC', utc('2026-10-02T00:00:00Z')],
  ['2026-10-02', '--until', 'UTC', utc('2026-10-03T00:00:00Z') - 0.001], // the day's last moment, not the next midnight
  ['2026-10-02', '--until', 'Europe/Berlin', utc('2026-10-02T22:00:00Z') - 0.001],
  ['2026-10-25', '--until', 'Europe/Berlin', utc('2026-10-25T23:00:00Z') - 0.001], // a 25-hour day (summer time ends)
  ['2026-10-02 19:55', '--until', 'UTC', utc('2026-10-02T19:55:00Z')],
  ['2026-10-02 19:55:04', '--since', 'Europe/Berlin', utc('2026-10-02T17:55:04Z')],
  ['2026-10-02T19:55:04', '--since', 'UTC', utc('2026-10-02T19:55:04Z')],
  ['2026-10-02T19:55:04+02:00', '--since', 'UTC', utc('2026-10-02T17:55:04Z')],
  ['2026-10-02T19:55:04Z', '--until', 'Europe/Berlin', utc('2026-10-02T19:55:04Z')],
];

for (const [value, option, zone, expected] of cases) {
  test(`parseWhen ${option} ${value} (${zone})`, () => {
    assert.equal(parseWhen(value, option, NOW, createZone(zone)), expected);
  });
}

for (const bad of ['soon', '2026-13-01', '2026-02-30', '25:00', '2026-10-02 25:00', '']) {
  test(`parseWhen rejects '${bad}' with the accepted forms`, () => {
    assert.throws(() => parseWhen(bad, '--since', NOW, createZone('UTC')), /today, yesterday, 7d, 12h, a date/);
  });
}

test('parseVerdicts: a list, each verdict once, in the order given', () => {
  assert.deepEqual(parseVerdicts('passed, one-attempt,passed'), ['passed', 'one-attempt']);
  assert.throws(() => parseVerdicts('passed,nope'), /'nope' is not a verdict/);
  assert.throws(() => parseVerdicts(','), /give one or more/);
});

test('parseDuration: units, plain seconds, and what is no duration', () => {
  const cases: Array<[string, number]> = [['90s', 90], ['25m', 1500], ['4h', 14_400], ['2d', 172_800], ['60', 60], [' 1.5m ', 90]];
  for (const [value, seconds] of cases) assert.equal(parseDuration(value, '--burst'), seconds, value);
  for (const bad of ['', '1x', 'm', '9'.repeat(400)]) assert.throws(() => parseDuration(bad, '--passtime'), /--passtime: '.*' is not a duration/, bad);
});

test('parseDuration: --passtime and --greyexp need a unit (spamd -G counts minutes and hours); --burst takes plain seconds', () => {
  assert.throws(() => parseDuration('25', '--passtime'), /--passtime: '25' has no unit; spamd -G counts passtime in minutes and greyexp in hours, so write 25m/);
  assert.throws(() => parseDuration(' 4 ', '--greyexp'), /--greyexp: '4' has no unit; .* so write 4h/);
  assert.equal(parseDuration('25m', '--passtime'), 1500);
  assert.equal(parseDuration('30', '--burst'), 30);
});
