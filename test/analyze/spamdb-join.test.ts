// joinDump: what the listing adds to an analysis, and tuples the log has no envelope for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AddressResult, Analysis, TripletResult } from '../../src/analyze/analyzer.js';
import { createExternalFacts } from '../../src/analyze/outside-facts.js';
import { indexDump } from '../../src/analyze/spamdb-index.js';
import { joinDump } from '../../src/analyze/spamdb-join.js';
import { addDumpLine, createSpamdbDump } from '../../src/parse/spamdb-dump.js';
import { parseSpamdbLine } from '../../src/parse/spamdb.js';

const T = 1_790_928_000;

function triplet(ip: string, sender: string, recipient: string, first: number): TripletResult {
  return { ip, sender, recipient, verdict: 'one-attempt', retry: 'none', attempts: 1, first, last: first, firstRetry: NaN, maxGap: 0, otherIps: 0, helo: '', records: null, message: `${ip} ${sender} ${recipient}` };
}

function address(ip: string, first: number): AddressResult {
  return { ip, verdict: 'one-attempt', retry: 'none', sessions: 1, greylisted: 1, blacklisted: 0, triplets: 0, first, last: first, firstRetry: NaN, attempts: 1, lists: '', records: null };
}

function analysis(triplets: TripletResult[], addresses: AddressResult[]): Analysis {
  return {
    first: T,
    last: T,
    end: T + 86_400,
    events: 1,
    outsideWindow: 0,
    readFrom: NaN,
    outOfOrder: { events: 0, inputs: [] },
    since: NaN,
    until: NaN,
    envelopesLogged: triplets.length > 0,
    eventCounts: {},
    sessions: { total: 0, greylisted: 0, blacklisted: 0, incomplete: 0, unpairedDisconnects: 0, unknownClient: 0 },
    sessionRows: null,
    triplets,
    addresses,
  };
}

const LINES = [
  `GREY|192.0.2.10|mail.example.net|<a@example.net>|<b@example.com>|${T}|${T + 1800}|${T + 14_400}|2|0`,
  `GREY|192.0.2.10|other.example.net|<a@example.net>|<b@example.com>|${T + 60}|${T + 14_460}|${T + 14_460}|1|0`,
  `GREY|192.0.2.10|mail.example.net|<a@example.net>|<c@example.com>|${T + 120}|${T + 14_520}|${T + 14_520}|1|0`,
  `GREY|192.0.2.99|x|<x@example.net>|<b@example.com>|${T}|${T + 14_400}|${T + 14_400}|1|0`,
  `WHITE|192.0.2.10|||${T}|${T + 1800}|${T + 90 * 86_400}|2|0`,
  `TRAPPED|203.0.113.77|${T + 86_400}`,
];

function index(): ReturnType<typeof indexDump> {
  const d = createSpamdbDump('spamdb.txt');
  LINES.forEach((l, i) => addDumpLine(d, parseSpamdbLine(l), i + 1, l));
  return indexDump(d);
}

test('a logged triplet gets its tuples: HELO names, summed bcount, first, pass', () => {
  const idx = index();
  const a = analysis([triplet('192.0.2.10', '<a@example.net>', '<b@example.com>', T)], [address('192.0.2.10', T), address('203.0.113.77', T)]);
  const j = joinDump(a, idx, createExternalFacts({ dump: idx, greyexp: 14_400 }));
  assert.deepEqual(j.triplets[0]?.spamdb, { only: false, helo: 'mail.example.net other.example.net', bcount: 3, first: T, passedAt: T + 1800 });
  assert.equal(j, a, 'annotated in place');
  assert.deepEqual(j.addresses[0]?.spamdb, { grey: 3, bcount: 4, whiteSince: T + 1800, trappedUntil: NaN });
  assert.deepEqual(j.addresses[1]?.spamdb, { grey: 0, bcount: 0, whiteSince: NaN, trappedUntil: T + 86_400 });
});

test('tuples of analysed addresses without an envelope are added as listing-only triplets; others are not', () => {
  const idx = index();
  const a = analysis([triplet('192.0.2.10', '<a@example.net>', '<b@example.com>', T)], [address('192.0.2.10', T)]);
  const j = joinDump(a, idx, createExternalFacts({ dump: idx, greyexp: 14_400 }));
  assert.equal(j.triplets.length, 2);
  const only = j.triplets[1]!;
  assert.deepEqual(
    { ip: only.ip, sender: only.sender, recipient: only.recipient, verdict: only.verdict, attempts: only.attempts, from: only.verdictFrom },
    // not passed itself, but its address was whitelisted (+1800) while its entry was alive
    { ip: '192.0.2.10', sender: '<a@example.net>', recipient: '<c@example.com>', verdict: 'passed', attempts: 0, from: 'spamdb' },
  );
  assert.deepEqual(only.spamdb, { only: true, helo: 'mail.example.net', bcount: 1, first: T + 120, passedAt: T + 1800 });
  assert.ok(!j.triplets.some((t) => t.ip === '192.0.2.99'), '192.0.2.99 is not in the log');
});

test('without -v: every tuple of an analysed address is listing-only; unpassed ones are pending', () => {
  const idx = index();
  const j = joinDump(analysis([], [address('192.0.2.99', T)]), idx, createExternalFacts({ dump: idx, greyexp: 14_400 }));
  assert.deepEqual(j.triplets.map((t) => [t.ip, t.verdict, t.spamdb?.helo, t.spamdb?.bcount]), [['192.0.2.99', 'pending', 'x', 1]]);
});

test('old layout: no HELO to report', () => {
  const d = createSpamdbDump('old.txt');
  const line = `GREY|192.0.2.10|<a@example.net>|<b@example.com>|${T}|${T + 14_400}|${T + 14_400}|1|0`;
  addDumpLine(d, parseSpamdbLine(line), 1, line);
  const idx = indexDump(d);
  const j = joinDump(analysis([triplet('192.0.2.10', '<a@example.net>', '<b@example.com>', T)], []), idx, createExternalFacts({ dump: idx, greyexp: 14_400 }));
  assert.equal(j.triplets[0]?.spamdb?.helo, null);
  assert.equal(j.triplets[0]?.spamdb?.bcount, 1);
});
