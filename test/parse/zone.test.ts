// Zone offsets and wall-time resolution (cached per 15 minutes), checked against Intl.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createZone, isValidZone, type WallResolution } from '../../src/parse/zone.js';

function t(iso: string): number {
  return Date.parse(iso) / 1000;
}
/** A wall-clock time as epoch seconds "as if the wall clock were UTC". */
const wall = (local: string): number => t(local + 'Z');

test('UTC and its aliases are the fast path: offset 0, no DST', () => {
  for (const name of ['UTC', 'Etc/UTC', 'Z']) {
    const z = createZone(name);
    assert.equal(z.name, 'UTC');
    assert.equal(z.offsetAt(t('2026-07-01T12:00:00Z')), 0);
    assert.deepStrictEqual(z.resolveWall(wall('2026-10-25T02:30:00')), { early: 0, late: 0, gap: false });
  }
});

const OFFSETS: ReadonlyArray<readonly [zone: string, iso: string, offset: number]> = [
  ['Europe/Berlin', '2026-01-15T12:00:00Z', 3600],
  ['Europe/Berlin', '2026-07-15T12:00:00Z', 7200],
  ['Europe/Berlin', '2026-03-29T00:59:59Z', 3600],
  ['Europe/Berlin', '2026-03-29T01:00:00Z', 7200],
  ['Europe/Berlin', '2026-10-25T00:59:59Z', 7200],
  ['Europe/Berlin', '2026-10-25T01:00:00Z', 3600],
  ['America/New_York', '2026-01-15T12:00:00Z', -18000],
  ['America/New_York', '2026-07-15T12:00:00Z', -14400],
  ['America/New_York', '2026-03-08T06:59:59Z', -18000],
  ['America/New_York', '2026-03-08T07:00:00Z', -14400],
  ['America/New_York', '2026-11-01T05:59:59Z', -14400],
  ['America/New_York', '2026-11-01T06:00:00Z', -18000],
  ['Asia/Kolkata', '2026-07-15T12:00:00Z', 19800],
  ['Asia/Kathmandu', '2026-07-15T12:00:00Z', 20700],
  ['Australia/Lord_Howe', '2026-07-15T12:00:00Z', 37800],
  ['Australia/Lord_Howe', '2026-01-15T12:00:00Z', 39600],
];

for (const [name, iso, offset] of OFFSETS) {
  test(`offsetAt: ${name} at ${iso} is ${offset} s`, () => {
    assert.equal(createZone(name).offsetAt(t(iso)), offset);
  });
}

test('offsetAt agrees with Intl: every 6 hours over a year, every 15 minutes around the changes', () => {
  const ZONES: ReadonlyArray<readonly [string, string[]]> = [
    ['Europe/Berlin', ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z']],
    ['America/New_York', ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z']],
  ];
  for (const [name, changes] of ZONES) {
    const zone = createZone(name);
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' });
    const instants: number[] = [];
    for (let s = t('2026-01-01T00:00:00Z'); s < t('2027-01-01T00:00:00Z'); s += 6 * 3600) instants.push(s);
    for (const c of changes) for (let s = t(c) - 86_400; s <= t(c) + 86_400; s += 900) instants.push(s, s - 1);
    for (const s of instants) {
      const gmt = fmt.formatToParts(new Date(s * 1000)).find((p) => p.type === 'timeZoneName')!.value; // GMT+02:00
      const m = /GMT(?:([+-])(\d\d):(\d\d))?/.exec(gmt)!;
      const expected = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
      assert.equal(zone.offsetAt(s), expected, `${name} ${new Date(s * 1000).toISOString()}`);
    }
  }
});

const WALLS: ReadonlyArray<readonly [zone: string, local: string, expected: WallResolution]> = [
  ['Europe/Berlin', '2026-01-15T12:00:00', { early: 3600, late: 3600, gap: false }],
  ['Europe/Berlin', '2026-03-29T01:59:59', { early: 3600, late: 3600, gap: false }],
  ['Europe/Berlin', '2026-03-29T02:00:00', { early: 3600, late: 3600, gap: true }],
  ['Europe/Berlin', '2026-03-29T02:59:59', { early: 3600, late: 3600, gap: true }],
  ['Europe/Berlin', '2026-03-29T03:00:00', { early: 7200, late: 7200, gap: false }],
  ['Europe/Berlin', '2026-10-25T01:59:59', { early: 7200, late: 7200, gap: false }],
  ['Europe/Berlin', '2026-10-25T02:00:00', { early: 7200, late: 3600, gap: false }],
  ['Europe/Berlin', '2026-10-25T02:59:59', { early: 7200, late: 3600, gap: false }],
  ['Europe/Berlin', '2026-10-25T03:00:00', { early: 3600, late: 3600, gap: false }],
  ['America/New_York', '2026-03-08T01:59:59', { early: -18000, late: -18000, gap: false }],
  ['America/New_York', '2026-03-08T02:30:00', { early: -18000, late: -18000, gap: true }],
  ['America/New_York', '2026-03-08T03:00:00', { early: -14400, late: -14400, gap: false }],
  ['America/New_York', '2026-11-01T00:59:59', { early: -14400, late: -14400, gap: false }],
  ['America/New_York', '2026-11-01T01:00:00', { early: -14400, late: -18000, gap: false }],
  ['America/New_York', '2026-11-01T01:59:59', { early: -14400, late: -18000, gap: false }],
  ['America/New_York', '2026-11-01T02:00:00', { early: -18000, late: -18000, gap: false }],
  // Lord Howe moves by 30 minutes: 02:00 → 02:30 on 5 Oct 2025, 02:00 → 01:30 on 5 Apr 2026.
  ['Australia/Lord_Howe', '2025-10-05T02:15:00', { early: 37800, late: 37800, gap: true }],
  ['Australia/Lord_Howe', '2026-04-05T01:45:00', { early: 39600, late: 37800, gap: false }],
];

for (const [name, local, expected] of WALLS) {
  test(`resolveWall: ${name} ${local}`, () => {
    const zone = createZone(name);
    const r = zone.resolveWall(wall(local));
    assert.deepStrictEqual(r, expected);
    // Each reading that exists maps back to the same wall time.
    if (!r.gap) {
      for (const off of [r.early, r.late]) assert.equal(zone.offsetAt(wall(local) - off), off);
    }
    // Cached: the same answer the second time.
    assert.deepStrictEqual(zone.resolveWall(wall(local)), expected);
  });
}

test('isValidZone knows IANA names and refuses others', () => {
  for (const name of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu']) assert.equal(isValidZone(name), true, name);
  for (const name of ['Mars/Olympus_Mons', 'Europe/Berlinn', '']) assert.equal(isValidZone(name), false, name);
});
