// Year inference and local time for BSD timestamps (`Mmm dd hh:mm:ss`, no year, no zone).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBsdClock, type ClockOptions } from '../../src/parse/clock.js';
import { createZone } from '../../src/parse/zone.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function t(iso: string): number {
  const ms = Date.parse(iso);
  assert.ok(!Number.isNaN(ms), iso);
  return ms / 1000;
}

/** Feed `Mmm dd hh:mm:ss` stamps through one clock, in order; ISO results (UTC), or 'bad' for NaN. */
function read(opts: Omit<ClockOptions, 'zone'> & { zone?: string }, stamps: string[]): string[] {
  const clock = createBsdClock({ ...opts, zone: createZone(opts.zone ?? 'UTC') });
  return stamps.map((s) => {
    const m = /^(\w{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d)$/.exec(s);
    assert.ok(m, s);
    const e = clock.toEpoch(MONTHS.indexOf(m[1]!), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
    return Number.isNaN(e) ? 'bad' : new Date(e * 1000).toISOString().replace('.000Z', 'Z');
  });
}

type Case = readonly [name: string, opts: Omit<ClockOptions, 'zone'> & { zone?: string }, stamps: string[], expected: string[]];

const CASES: Case[] = [
  // Inference: the year of the reference (the file's mtime), unless that puts the line more than a day after it.
  ['before the reference: its year', { reference: t('2024-05-10T12:00:00Z') }, ['May  9 08:41:17', 'Jan  1 00:00:00'], ['2024-05-09T08:41:17Z', '2024-01-01T00:00:00Z']],
  ['up to a day after the reference: still its year (clock skew, mtime lag)', { reference: t('2024-05-10T12:00:00Z') }, ['May 11 11:59:59', 'May 11 12:00:00'], ['2024-05-11T11:59:59Z', '2024-05-11T12:00:00Z']],
  ['more than a day after the reference: the previous year', { reference: t('2024-05-10T12:00:00Z') }, ['May 11 12:00:01', 'May 11 23:59:59', 'May 12 00:00:00', 'Dec 31 23:59:59'], ['2023-05-11T12:00:01Z', '2023-05-11T23:59:59Z', '2023-05-12T00:00:00Z', '2023-12-31T23:59:59Z']],
  ['December into January, file written in January', { reference: t('2025-01-03T08:00:00Z') }, ['Dec 30 22:00:00', 'Dec 31 23:59:59', 'Jan  1 00:00:00', 'Jan  2 10:00:00'], ['2024-12-30T22:00:00Z', '2024-12-31T23:59:59Z', '2025-01-01T00:00:00Z', '2025-01-02T10:00:00Z']],
  ['the reference is wall time in the zone: already 2025 in Berlin', { reference: t('2024-12-31T23:30:00Z'), zone: 'Europe/Berlin' }, ['Dec 31 23:50:00', 'Jan  1 00:10:00'], ['2024-12-31T22:50:00Z', '2024-12-31T23:10:00Z']],
  ['Feb 29 in a leap year', { reference: t('2024-03-01T00:00:00Z') }, ['Feb 29 12:00:00'], ['2024-02-29T12:00:00Z']],
  ['Feb 29 read in a common year: the last leap year', { reference: t('2025-03-01T00:00:00Z') }, ['Feb 29 12:00:00', 'Feb 28 12:00:00'], ['2024-02-29T12:00:00Z', '2025-02-28T12:00:00Z']],
  ['Feb 29 more than a day ahead of a leap-year reference', { reference: t('2024-02-27T00:00:00Z') }, ['Feb 29 12:00:00'], ['2020-02-29T12:00:00Z']],
  ['dates that do not exist', { reference: t('2024-05-10T00:00:00Z') }, ['Feb 30 10:00:00', 'Apr 31 10:00:00', 'May  0 10:00:00', 'May 32 10:00:00'], ['bad', 'bad', 'bad', 'bad']],
  ['times that do not exist', { reference: t('2024-05-10T00:00:00Z') }, ['May  9 24:00:00', 'May  9 25:00:00', 'May  9 10:60:00', 'May  9 10:00:61'], ['bad', 'bad', 'bad', 'bad']],
  ['a leap second is the next minute', { reference: t('2024-05-10T00:00:00Z') }, ['May  9 23:59:60'], ['2024-05-10T00:00:00Z']],
  // --year: the first line's year; later lines roll over at the turn of the year, whatever the reference.
  ['--year: the year of the first line', { reference: t('2030-01-01T00:00:00Z'), year: 2019 }, ['May  9 08:41:17', 'Dec 31 23:59:59'], ['2019-05-09T08:41:17Z', '2019-12-31T23:59:59Z']],
  ['--year: rollover at the turn of the year', { reference: 0, year: 2024 }, ['Dec 30 12:00:00', 'Dec 31 23:59:59', 'Jan  1 00:00:00', 'Mar  1 00:00:00'], ['2024-12-30T12:00:00Z', '2024-12-31T23:59:59Z', '2025-01-01T00:00:00Z', '2025-03-01T00:00:00Z']],
  ['--year: two rollovers', { reference: 0, year: 2023 }, ['Nov  1 00:00:00', 'Jan  1 00:00:00', 'Jul  1 00:00:00', 'Dec 31 00:00:00', 'Jan  1 00:00:00'], ['2023-11-01T00:00:00Z', '2024-01-01T00:00:00Z', '2024-07-01T00:00:00Z', '2024-12-31T00:00:00Z', '2025-01-01T00:00:00Z']],
  ['--year: a December line written just after the January ones stays in December', { reference: 0, year: 2024 }, ['Dec 31 23:59:59', 'Jan  1 00:00:00', 'Dec 31 23:59:59', 'Jan  1 00:00:01', 'Feb  1 00:00:00'], ['2024-12-31T23:59:59Z', '2025-01-01T00:00:00Z', '2024-12-31T23:59:59Z', '2025-01-01T00:00:01Z', '2025-02-01T00:00:00Z']],
  ['--year: Feb 29 only in a leap year', { reference: 0, year: 2023 }, ['Feb 28 10:00:00', 'Feb 29 10:00:00'], ['2023-02-28T10:00:00Z', 'bad']],
  ['--year: Feb 29 after a rollover into a leap year', { reference: 0, year: 2023 }, ['Dec 31 10:00:00', 'Feb 29 10:00:00'], ['2023-12-31T10:00:00Z', '2024-02-29T10:00:00Z']],
  // Local time: DST in the zone of --tz. Europe/Berlin 2026: spring 29 Mar 02:00 CET → 03:00 CEST, autumn 25 Oct 03:00 CEST → 02:00 CET.
  ['Berlin spring: the hour after 01:59:59 CET is 03:00 CEST, one second later', { reference: t('2026-04-01T00:00:00Z'), zone: 'Europe/Berlin' }, ['Mar 29 01:59:59', 'Mar 29 03:00:00'], ['2026-03-29T00:59:59Z', '2026-03-29T01:00:00Z']],
  ['Berlin spring: a time in the gap is read with the offset before it', { reference: t('2026-04-01T00:00:00Z'), zone: 'Europe/Berlin' }, ['Mar 29 02:30:00'], ['2026-03-29T01:30:00Z']],
  ['Berlin autumn: the repeated hour, log going forward', { reference: t('2026-11-01T00:00:00Z'), zone: 'Europe/Berlin' }, ['Oct 25 01:59:59', 'Oct 25 02:00:00', 'Oct 25 02:59:59', 'Oct 25 02:00:00', 'Oct 25 02:30:00', 'Oct 25 02:59:59', 'Oct 25 03:00:00'], ['2026-10-24T23:59:59Z', '2026-10-25T00:00:00Z', '2026-10-25T00:59:59Z', '2026-10-25T01:00:00Z', '2026-10-25T01:30:00Z', '2026-10-25T01:59:59Z', '2026-10-25T02:00:00Z']],
  ['Berlin autumn: lines a few seconds out of order stay in their pass', { reference: t('2026-11-01T00:00:00Z'), zone: 'Europe/Berlin' }, ['Oct 25 02:10:05', 'Oct 25 02:10:04', 'Oct 25 02:10:06'], ['2026-10-25T00:10:05Z', '2026-10-25T00:10:04Z', '2026-10-25T00:10:06Z']],
  ['Berlin autumn: a single line in the repeated hour is the first pass', { reference: t('2026-11-01T00:00:00Z'), zone: 'Europe/Berlin' }, ['Oct 25 02:30:00'], ['2026-10-25T00:30:00Z']],
  ['Berlin summer and winter offsets', { reference: t('2026-12-31T00:00:00Z'), zone: 'Europe/Berlin' }, ['Jul  1 12:00:00', 'Dec  1 12:00:00'], ['2026-07-01T10:00:00Z', '2026-12-01T11:00:00Z']],
  // America/New_York 2026: spring 8 Mar 02:00 EST → 03:00 EDT, autumn 1 Nov 02:00 EDT → 01:00 EST.
  ['New York spring: 01:59:59 EST then 03:00:00 EDT', { reference: t('2026-04-01T00:00:00Z'), zone: 'America/New_York' }, ['Mar  8 01:59:59', 'Mar  8 03:00:00'], ['2026-03-08T06:59:59Z', '2026-03-08T07:00:00Z']],
  ['New York spring: a time in the gap is read with the offset before it', { reference: t('2026-04-01T00:00:00Z'), zone: 'America/New_York' }, ['Mar  8 02:15:00'], ['2026-03-08T07:15:00Z']],
  ['New York autumn: the repeated hour, log going forward', { reference: t('2026-11-02T00:00:00Z'), zone: 'America/New_York' }, ['Nov  1 00:59:59', 'Nov  1 01:00:00', 'Nov  1 01:59:59', 'Nov  1 01:00:00', 'Nov  1 01:59:59', 'Nov  1 02:00:00'], ['2026-11-01T04:59:59Z', '2026-11-01T05:00:00Z', '2026-11-01T05:59:59Z', '2026-11-01T06:00:00Z', '2026-11-01T06:59:59Z', '2026-11-01T07:00:00Z']],
  ['New York, with --year, across DST', { reference: 0, year: 2026, zone: 'America/New_York' }, ['Mar  7 12:00:00', 'Mar  9 12:00:00'], ['2026-03-07T17:00:00Z', '2026-03-09T16:00:00Z']],
  // The UTC fast path.
  ['UTC: wall time is UTC, no DST', { reference: t('2026-12-31T00:00:00Z'), zone: 'UTC' }, ['Mar 29 02:30:00', 'Oct 25 02:30:00', 'Oct 25 02:30:00'], ['2026-03-29T02:30:00Z', '2026-10-25T02:30:00Z', '2026-10-25T02:30:00Z']],
  ['Etc/UTC is the same', { reference: t('2026-12-31T00:00:00Z'), zone: 'Etc/UTC' }, ['Jul  1 12:00:00'], ['2026-07-01T12:00:00Z']],
];

for (const [name, opts, stamps, expected] of CASES) {
  test(name, () => {
    assert.deepStrictEqual(read(opts, stamps), expected);
  });
}

test('the same stamp gives the same time whatever came before (inference has no memory outside DST)', () => {
  const clock = createBsdClock({ zone: createZone('UTC'), reference: t('2024-05-10T12:00:00Z') });
  const a = clock.toEpoch(4, 11, 13, 0, 0);
  clock.toEpoch(0, 1, 0, 0, 0);
  clock.toEpoch(11, 31, 0, 0, 0);
  assert.equal(clock.toEpoch(4, 11, 13, 0, 0), a);
  assert.equal(clock.toEpoch(4, 11, 11, 0, 0), t('2024-05-11T11:00:00Z'));
});
