// The spamdb report: GREY states at the judging time, WHITE origins, and the tables it has.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createZone } from '../../src/parse/zone.js';
import { addDumpLine, createSpamdbDump } from '../../src/parse/spamdb-dump.js';
import { parseSpamdbLine, type GreyEntry } from '../../src/parse/spamdb.js';
import { createTimeFormatter } from '../../src/report/format-time.js';
import { buildSpamdbReport, greyState } from '../../src/report/spamdb-report.js';

const T = 1_790_928_000;
const G: GreyEntry = { kind: 'grey', ip: '192.0.2.1', helo: 'h', from: '<a>', to: '<b>', first: T, pass: T + 14_400, expire: T + 14_400, bcount: 1, pcount: 0 };

test('greyState at the judging time', () => {
  const cases: Array<[string, GreyEntry, number, string]> = [
    ['just seen', G, T + 10, 'waiting'],
    ['at passtime exactly: spamd wants first + passtime < now', G, T + 1500, 'waiting'],
    ['after passtime', G, T + 1501, 'can-pass'],
    ['at expiry', G, T + 14_400, 'expired'],
    ['passed', { ...G, pass: T + 1800, bcount: 2 }, T + 1900, 'passed'],
    ['passed stays passed at expiry', { ...G, pass: T + 1800, bcount: 2 }, T + 20_000, 'passed'],
  ];
  for (const [name, g, at, want] of cases) assert.equal(greyState(g, at, 1500), want, name);
});

test('the report has one table per entry type, rows judged at the given time', () => {
  const d = createSpamdbDump('spamdb.txt', T + 5000);
  const lines = [
    `GREY|192.0.2.1|h|<a>|<b>|${T}|${T + 14_400}|${T + 14_400}|1|0`,
    `GREY|192.0.2.2|h|<a>|<b>|${T}|${T + 1800}|${T + 14_400}|2|0`,
    `WHITE|192.0.2.2|||${T}|${T + 1800}|${T + 90 * 86_400}|2|0`,
    `WHITE|192.0.2.3|||${T}|${T}|${T + 90 * 86_400}|1|4`,
    `WHITE|192.0.2.4|||${T}|0|${T + 100}|0|0`,
    `TRAPPED|203.0.113.77|${T + 86_400}`,
    'SPAMTRAP|trap@example.com',
    'garbage',
  ];
  lines.forEach((l, i) => addDumpLine(d, parseSpamdbLine(l), i + 1, l));
  const r = buildSpamdbReport({ dump: d, at: T + 5000, atFrom: 'mtime', passtime: 1500, formatTime: createTimeFormatter(createZone('UTC'), true), zoneName: 'UTC', version: 'test' });
  assert.equal(r.command, 'spamdb');
  assert.deepEqual(r.tables.map((t) => t.name), ['listing', 'entries', 'grey_states', 'grey', 'white', 'trapped', 'spamtraps', 'unparsed']);
  const by = Object.fromEntries(r.tables.map((t) => [t.name, t]));
  assert.deepEqual(by.entries!.rows.map((x) => x.entries), [2, 3, 1, 1]);
  assert.deepEqual(by.grey_states!.rows.map((x) => [x.state, x.tuples]), [['passed', 1], ['waiting', 0], ['can-pass', 1], ['expired', 0]]);
  assert.deepEqual(by.grey!.rows.map((x) => [x.ip, x.state, x.age_s, x.passed_at]), [
    ['192.0.2.1', 'can-pass', 5000, null],
    ['192.0.2.2', 'passed', 5000, '2026-10-02T08:30:00Z'],
  ]);
  assert.deepEqual(by.white!.rows.map((x) => [x.ip, x.origin, x.waited_s, x.expired]), [
    ['192.0.2.4', 'sync', null, true],
    ['192.0.2.3', 'added', null, false],
    ['192.0.2.2', 'greylisting', 1800, false],
  ]);
  assert.deepEqual(by.unparsed!.rows, [{ reason: 'unknown-type', where: 'spamdb.txt:8', text: 'garbage' }]);
  const listing = Object.fromEntries(by.listing!.rows.map((x) => [x.key, x.value]));
  assert.equal(listing.judged_at, '2026-10-02T09:23:20Z');
  assert.equal(listing.judged_at_from, "the file's modification time");
  assert.equal(listing.grey_layout, 'with helo');
  assert.equal(listing.unparsed_unknown_type, 1);
});
