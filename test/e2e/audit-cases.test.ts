// Cases from the verdict and parser audits of 2026-12-04, each a hand-written log through the CLI:
// every one gave a wrong verdict before (a false accusation, or a false "passed").
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runInProcess } from '../helpers/run-in-process.js';
import { connect, disconnect, grey, line, log, session } from '../helpers/spamd-lines.js';

const NOW = Date.UTC(2027, 0, 1) / 1000;
const BASE = ['--year', '2026', '--tz', 'UTC', '--format', 'json'];
/** A line long after the others: closes every window. */
const LATER = connect('Dec 20 18:00:00', '203.0.113.250');

async function rows(command: string, lines: string[]): Promise<Array<Record<string, unknown>>> {
  const r = await runInProcess([command, ...BASE, '-'], { stdin: log(lines), now: NOW });
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { rows: Array<Record<string, unknown>> }).rows;
}

async function rowsWith(command: string, lines: string[], args: string[]): Promise<Array<Record<string, unknown>>> {
  const r = await runInProcess([command, ...BASE, ...args, '-'], { stdin: log(lines), now: NOW });
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { rows: Array<Record<string, unknown>> }).rows;
}

function verdictOf(list: Array<Record<string, unknown>>, ip: string, key = 'verdict'): unknown {
  const row = list.find((r) => r.ip === ip);
  assert.ok(row, `no row for ${ip}`);
  return row[key];
}

const A = '<a@x.example>';
const R = '<r@example.com>';

test('a disconnect 3 s later than its duration says pairs with the session open before it: one connection, one attempt', async () => {
  const lines = [connect('May  9 10:00:00', '192.0.2.10'), disconnect('May  9 10:00:05', '192.0.2.10', 2), LATER];
  const senders = await rows('senders', lines);
  assert.equal(verdictOf(senders, '192.0.2.10'), 'one-attempt');
  assert.equal(verdictOf(senders, '192.0.2.10', 'sessions'), 1);
});

test('a later whitelisting of the same address counts for the triplets attempted before it', async () => {
  const lines = [
    ...session('May  1', '09:00:00', '192.0.2.10', A, R, 2),
    ...session('May  1', '09:30:00', '192.0.2.10', A, R, 2),
    line('May  1 09:31:00', 'whitelisting 192.0.2.10 in /var/db/spamd'),
    ...session('Jun 10', '10:00:01', '192.0.2.10', '<c@x.example>', R, 2),
    line('Jun 10 10:40:00', 'whitelisting 192.0.2.10 in /var/db/spamd'),
    LATER,
  ];
  const triplets = await rows('triplets', lines);
  assert.deepEqual(
    triplets.map((r) => [r.sender, r.verdict]),
    [
      [A, 'passed'],
      ['<c@x.example>', 'passed'],
    ],
  );
});

test('a WHITE or TRAP entry from a sync peer whitelists or traps the address here too', async () => {
  const lines = [
    ...session('May  9', '10:00:00', '192.0.2.10', A, R, 2),
    line('May  9 10:31:05', 'new WHITE from 192.0.2.2 for 192.0.2.10, expires 1718357140'),
    ...session('May  9', '10:00:10', '198.51.100.5', A, R, 2),
    line('May  9 10:02:00', 'new TRAP from 192.0.2.2 for 198.51.100.5, expires 1718357140'),
    LATER,
  ];
  const senders = await rows('senders', lines);
  assert.equal(verdictOf(senders, '192.0.2.10'), 'passed');
  assert.equal(verdictOf(senders, '198.51.100.5'), 'blacklisted');
});

test('spamlogd outbound whitelists the destination as inbound does the source', async () => {
  for (const direction of ['inbound', 'outbound']) {
    const lines = [...session('May  9', '10:00:01', '192.0.2.10', A, R, 2), line('May  9 10:05:00', `${direction} 192.0.2.10`, 'mx1', 'spamlogd[9]'), LATER];
    assert.equal(verdictOf(await rows('triplets', lines), '192.0.2.10'), 'passed', direction);
  }
});

test('two different messages 30 min apart from one address pass no tuple: neither it nor they passed', async () => {
  const lines = [
    ...session('Dec  3', '10:00:01', '203.0.113.9', '<orders@shop.example>', '<alice@example.com>', 2),
    ...session('Dec  3', '10:30:01', '203.0.113.9', '<news@shop.example>', '<bob@example.com>', 2),
    LATER,
  ];
  const triplets = await rows('triplets', lines);
  assert.deepEqual(
    triplets.filter((r) => r.ip === '203.0.113.9').map((r) => r.verdict),
    ['one-attempt', 'one-attempt'],
  );
  assert.notEqual(verdictOf(await rows('senders', lines), '203.0.113.9'), 'passed');
});

test('a burst, then back after greyexp: too-slow, and the evidence says what happened', async () => {
  const lines = [...session('Dec  3', '10:00:01', '192.0.2.30', A, R, 1), ...session('Dec  3', '10:00:02', '192.0.2.30', A, R, 1), ...session('Dec  3', '16:00:01', '192.0.2.30', A, R, 1), LATER];
  assert.equal(verdictOf(await rows('triplets', lines), '192.0.2.30'), 'too-slow');
  const r = await runInProcess(['evidence', '--ip', '192.0.2.30', '--year', '2026', '--tz', 'UTC', '-'], { stdin: log(lines), now: NOW });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /3 attempts over 6 h.*came back only after spamd had forgotten it/);
  assert.match(r.stdout, /\(too-slow\) \| 1 \|/);
  assert.match(r.stdout, /\(rapid-retry\) \| 0 \|/);
});

test('an accused triplet last attempted within greyexp of the log start carries a note; one later does not', async () => {
  const lines = [
    ...session('Dec  3', '10:00:01', '192.0.2.40', A, R, 1), // one attempt right at the start
    ...session('Dec  3', '15:00:01', '192.0.2.41', '<b@y.example>', '<s@example.com>', 1), // one attempt 5 h in: all its history is in the log
    LATER,
  ];
  const r = await runInProcess(['triplets', '--year', '2026', '--tz', 'UTC', '-'], { stdin: log(lines), now: NOW });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /│ 192\.0\.2\.40 .*one-attempt/);
  assert.match(r.stdout, /│ 192\.0\.2\.41 .*one-attempt/);
  assert.match(r.stdout, /Note: 1 triplet judged as not retrying was last attempted less than 4 h after the first event read \(2026-12-03T10:00:01\+00:00\)/);
  // --since 14:00 reads back to 10:00: the log holds all the history 192.0.2.41 can have.
  const later = await runInProcess(['triplets', '--year', '2026', '--tz', 'UTC', '--since', '2026-12-03T14:00:00Z', '-'], { stdin: log(lines), now: NOW });
  assert.match(later.stdout, /│ 192\.0\.2\.41 .*one-attempt/);
  assert.doesNotMatch(later.stdout, /192\.0\.2\.40/);
  assert.doesNotMatch(later.stdout, /Note: .*judged as not retrying/);
});

test('--since reads back greyexp: a sender whose entry began before the window and passed in it is passed, not gave-up-early', async () => {
  const lines = [
    ...session('Dec  3', '09:50:01', '192.0.2.20', '<b@exim.example>', '<u2@example.com>', 1),
    ...session('Dec  3', '10:05:01', '192.0.2.20', '<b@exim.example>', '<u2@example.com>', 1),
    ...session('Dec  3', '10:20:01', '192.0.2.20', '<b@exim.example>', '<u2@example.com>', 1),
    LATER,
  ];
  for (const [since, attempts] of [
    ['2026-12-03T10:00:00Z', 2],
    ['2026-12-03T10:10:00Z', 1],
  ] as const) {
    const args = ['--since', since];
    const triplets = await rowsWith('triplets', lines, args);
    assert.deepEqual([verdictOf(triplets, '192.0.2.20'), verdictOf(triplets, '192.0.2.20', 'retry')], ['passed', 'passtime'], since);
    assert.equal(verdictOf(triplets, '192.0.2.20', 'attempts'), attempts, 'attempts stay those in the window');
    assert.equal(verdictOf(await rowsWith('senders', lines, args), '192.0.2.20'), 'passed', since);
  }
  // Without the look-back's line (the log starts inside the window) the attempts in it decide, with a note.
  const cut = await runInProcess(['triplets', '--year', '2026', '--tz', 'UTC', '-'], { stdin: log([...lines.slice(3)]), now: NOW });
  assert.match(cut.stdout, /gave-up-early/);
  assert.match(cut.stdout, /Note: 1 triplet judged as not retrying/);
});

test('identical consecutive lines are real events until the input shows it writes lines twice (identical connected lines)', async () => {
  // Two sessions of one address, opened and closed in the same seconds: their (GREY) and
  // disconnect lines are identical (rsyslog without repeat reduction writes both).
  const twoSessions = [
    connect('May  9 10:00:00', '192.0.2.10'),
    line('May  9 10:00:00', '192.0.2.10: connected (2/0)'),
    grey('May  9 10:00:01', '192.0.2.10', A, R),
    grey('May  9 10:00:01', '192.0.2.10', A, R),
    disconnect('May  9 10:00:03', '192.0.2.10', 3),
    disconnect('May  9 10:00:03', '192.0.2.10', 3),
    LATER,
  ];
  const r = await runInProcess(['sessions', ...BASE, '-'], { stdin: log(twoSessions), now: NOW });
  const sessions = (JSON.parse(r.stdout) as { rows: Array<Record<string, unknown>> }).rows.filter((s) => s.ip === '192.0.2.10');
  assert.deepEqual(
    sessions.map((s) => [s.duration_s, s.complete]),
    [
      [3, true],
      [3, true],
    ],
  );
  assert.equal(verdictOf(await rows('triplets', twoSessions), '192.0.2.10', 'attempts'), 2);
  assert.equal(verdictOf(await rows('triplets', twoSessions), '192.0.2.10'), 'rapid-retry');
  // The same log with every line written twice: the first pair of connected lines shows it, and
  // from then on a line like the one before is a copy (so the real second (GREY) and disconnect
  // cannot be told from copies either: 9 of the 14 lines, and one attempt).
  const doubled = twoSessions.flatMap((l) => [l, l]);
  const d = await runInProcess(['summary', ...BASE, '-'], { stdin: log(doubled), now: NOW });
  assert.equal((JSON.parse(d.stdout) as { lines: Record<string, number> }).lines.duplicate_lines, 9);
  assert.equal(verdictOf(await rows('senders', doubled), '192.0.2.10', 'sessions'), 2);
});

test("grey.c's new entry line before its (GREY) line still names the triplet's HELO", async () => {
  for (const order of ['before', 'after']) {
    const entry = line('May  9 10:00:01', `new entry 192.0.2.10 from ${A} to ${R}, helo mx.x.example`);
    const [c, g, d] = session('May  9', '10:00:01', '192.0.2.10', A, R, 2);
    const lines = order === 'before' ? [c!, entry, g!, d!, LATER] : [c!, g!, entry, d!, LATER];
    assert.equal(verdictOf(await rows('triplets', lines), '192.0.2.10', 'helo'), 'mx.x.example', order);
  }
});

test('an old-format session found blacklisted after its envelope (matched lists:, or lists on the close) makes its triplet blacklisted too', async () => {
  const legacy = [
    line('Nov  8 12:00:01', '192.0.2.10: connected (3)'),
    line('Nov  8 12:00:40', `192.0.2.10: ${A} -> ${R}`),
    line('Nov  8 12:05:10', '192.0.2.10: matched lists: spews1'),
    line('Nov  8 12:05:11', '192.0.2.10: disconnected after 310 seconds.'),
    LATER,
  ];
  assert.equal(verdictOf(await rows('triplets', legacy), '192.0.2.10'), 'blacklisted');
  assert.equal(verdictOf(await rows('senders', legacy), '192.0.2.10'), 'blacklisted');
  const listsOnClose = [
    line('Nov  8 12:00:01', '192.0.2.11: connected (3)'),
    grey('Nov  8 12:00:40', '192.0.2.11', A, R),
    disconnect('Nov  8 12:05:11', '192.0.2.11', 310, 'spews1'),
    LATER,
  ];
  assert.equal(verdictOf(await rows('triplets', listsOnClose), '192.0.2.11'), 'blacklisted');
});

test('sessions from a client spamd could not print (<unknown>, empty) are counted, never judged as a sender', async () => {
  const lines = [
    connect('May  9 10:00:00', '<unknown>'),
    grey('May  9 10:00:01', '<unknown>', A, R),
    disconnect('May  9 10:00:02', '<unknown>', 2),
    connect('May  9 10:00:30', '<unknown>'),
    disconnect('May  9 10:00:32', '<unknown>', 2),
    line('May  9 10:01:00', ': connected (1/0)'),
    line('May  9 10:01:02', ': disconnected after 2 seconds.'),
    LATER,
  ];
  const senders = await rows('senders', lines);
  assert.deepEqual(senders.map((r) => r.ip), ['203.0.113.250']);
  assert.deepEqual(await rows('triplets', lines), []);
  const r = await runInProcess(['summary', ...BASE, '-'], { stdin: log(lines), now: NOW });
  const summary = JSON.parse(r.stdout) as { sessions: Record<string, number>; notes: string[] };
  assert.equal(summary.sessions.sessions, 4);
  assert.ok(summary.notes.some((n) => n.startsWith('3 session(s) came from a client address spamd could not print')), JSON.stringify(summary.notes));
});

test('one address with a new per-message sender on every hourly retry is pool-retry as an address too, as its triplets are', async () => {
  const lines = [0, 1, 2, 3, 4, 5].flatMap((h) => session('Dec 30', `1${h}:00:00`, '192.0.2.10', `<bounces+12345${h}-a0f3c${h}@regen.example.net>`, '<bob@example.com>', 4));
  lines.push(connect('Dec 31 23:00:00', '203.0.113.250'));
  assert.deepEqual([...new Set((await rows('triplets', lines)).map((r) => r.verdict))], ['pool-retry']);
  assert.equal(verdictOf(await rows('senders', lines), '192.0.2.10'), 'pool-retry');
});

test('a message first tried within the minute after another tuple of its address passed is passed: the scan whitelists the address up to 60 s later', async () => {
  const lines = [
    ...session('Dec 30', '10:00:01', '192.0.2.20', '<news@sib.example.net>', '<bob@example.com>', 2),
    ...session('Dec 30', '10:35:01', '192.0.2.20', '<news@sib.example.net>', '<bob@example.com>', 2), // passes
    ...session('Dec 30', '10:35:21', '192.0.2.20', '<orders@sib.example.net>', '<carol@example.com>', 2),
    ...session('Dec 30', '10:36:30', '192.0.2.20', '<late@sib.example.net>', '<dave@example.com>', 2), // after the scan: not covered
    connect('Dec 31 23:00:00', '203.0.113.250'),
  ];
  const triplets = await rows('triplets', lines);
  assert.deepEqual(
    triplets.filter((r) => r.ip === '192.0.2.20').map((r) => [r.sender, r.verdict]),
    [
      ['<news@sib.example.net>', 'passed'],
      ['<orders@sib.example.net>', 'passed'],
      ['<late@sib.example.net>', 'one-attempt'],
    ],
  );
});

test('--since on a log that goes back further than greyexp before it: no window-start note, however sparse the look-back', async () => {
  const lines = [
    ...session('Dec  3', '05:00:01', '192.0.2.50', '<x@y.example>', '<s@example.com>', 1),
    ...session('Dec  3', '14:30:01', '192.0.2.51', A, R, 1), // nothing between 10:00 and 14:00
    LATER,
  ];
  const r = await runInProcess(['senders', '--year', '2026', '--tz', 'UTC', '--since', '2026-12-03T14:00:00Z', '-'], { stdin: log(lines), now: NOW });
  assert.match(r.stdout, /│ 192\.0\.2\.51 .*one-attempt/);
  assert.doesNotMatch(r.stdout, /judged as not retrying/);
  const whole = await runInProcess(['senders', '--year', '2026', '--tz', 'UTC', '-'], { stdin: log(lines.slice(3)), now: NOW });
  assert.match(whole.stdout, /Note: 1 address judged as not retrying was last attempted/);
});

test('no file named and an empty standard input (cron): the note says what was read and how to name the log', async () => {
  const r = await runInProcess(['summary'], { stdin: '', now: NOW });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /no file was named, so standard input was read \(it is not a terminal\), and it held nothing\. Name the log/);
  const named = await runInProcess(['summary', '-'], { stdin: '', now: NOW });
  assert.match(named.stdout, /The input is empty: no lines were read\./);
});

test('a file that is no spamdb listing, given as --spamdb or to spamdb, ends the run (exit 1) naming it', async () => {
  const logText = log([...session('May  9', '10:00:01', '192.0.2.10', A, R, 2), LATER]);
  const dir = mkdtempSync(join(tmpdir(), 'spamdb-'));
  const logFile = join(dir, 'spamd.log');
  writeFileSync(logFile, logText);
  for (const args of [['triplets', '--spamdb', logFile, logFile, '--year', '2026', '--tz', 'UTC'], ['spamdb', logFile]]) {
    const r = await runInProcess(args, { now: NOW });
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, /spamd\.log: not a spamdb\(8\) listing: none of its 4 line\(s\) has the form WHITE\|/);
  }
  // An empty listing (an empty database) is a listing.
  writeFileSync(join(dir, 'empty.txt'), '');
  assert.equal((await runInProcess(['triplets', '--spamdb', join(dir, 'empty.txt'), logFile, '--year', '2026', '--tz', 'UTC'], { now: NOW })).code, 0);
  rmSync(dir, { recursive: true });
});

test('evidence for the null sender names it <> in the selection, not a blank', async () => {
  const lines = [...session('May  9', '10:00:01', '192.0.2.10', '<>', R, 2), LATER];
  const r = await runInProcess(['evidence', '--sender', '<>', '--format', 'text', '--year', '2026', '--tz', 'UTC', '-'], { stdin: log(lines), now: NOW });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Selection: sender <>/);
});

test("last message repeated repeats its own host's last line in a central log, not another host's", async () => {
  const lines = [
    connect('May  9 06:00:00', '192.0.2.10'),
    grey('May  9 06:00:01', '192.0.2.10', A, R),
    line('May  9 06:00:01', '198.51.100.7: connected (1/0)', 'mx2'),
    'May  9 06:00:01 mx1 last message repeated 1 time',
    disconnect('May  9 06:00:03', '192.0.2.10', 3),
    line('May  9 06:00:03', '198.51.100.7: disconnected after 2 seconds.', 'mx2'),
    LATER,
  ];
  const senders = await rows('senders', lines);
  assert.equal(verdictOf(senders, '198.51.100.7', 'sessions'), 1);
  assert.equal(verdictOf(await rows('triplets', lines), '192.0.2.10', 'attempts'), 1, 'the same RCPT twice in one session is one attempt');
  const r = await runInProcess(['summary', ...BASE, '-'], { stdin: log(lines), now: NOW });
  assert.equal((JSON.parse(r.stdout) as { lines: Record<string, number> }).lines.repeated_replayed, 1);
});

test('two spamd hosts (MXes) in one log: an address whitelisted on one is not accused of giving up on the other', async () => {
  const at = (host: string, when: string, msg: string): string => line(when, msg, host);
  const lines = [
    at('mx2', 'May  9 06:03:21', '192.0.2.53: connected (1/0)'),
    at('mx2', 'May  9 06:03:21', `(GREY) 192.0.2.53: <first@wl.example> -> ${R}`),
    at('mx2', 'May  9 06:03:23', '192.0.2.53: disconnected after 2 seconds.'),
    at('mx2', 'May  9 06:43:21', '192.0.2.53: connected (1/0)'),
    at('mx2', 'May  9 06:43:21', `(GREY) 192.0.2.53: <first@wl.example> -> ${R}`),
    at('mx2', 'May  9 06:43:23', '192.0.2.53: disconnected after 2 seconds.'),
    at('mx2', 'May  9 06:44:07', 'whitelisting 192.0.2.53 in /var/db/spamd'),
    at('mx1', 'May  9 11:00:01', '192.0.2.53: connected (1/0)'),
    at('mx1', 'May  9 11:00:01', '(GREY) 192.0.2.53: <second@wl.example> -> <carol@example.com>'),
    at('mx1', 'May  9 11:00:03', '192.0.2.53: disconnected after 2 seconds.'),
    LATER,
  ];
  const triplets = await rows('triplets', lines);
  assert.deepEqual(
    triplets.filter((r) => r.ip === '192.0.2.53').map((r) => [r.sender, r.verdict]),
    [
      ['<first@wl.example>', 'passed'],
      ['<second@wl.example>', 'passed'],
    ],
  );
  // One host: an attempt greylisted after the whitelisting means the WHITE entry was gone.
  const one = lines.map((l) => l.replace(' mx2 ', ' mx1 '));
  assert.equal((await rows('triplets', one)).find((r) => r.sender === '<second@wl.example>')?.verdict, 'one-attempt');
});

test('inputs named out of order (not a rotated set) are flagged: a note, a line on stderr, --strict fails', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'order-'));
  const early = join(dir, 'early.log');
  const late = join(dir, 'late.log');
  writeFileSync(early, log([...session('May  9', '06:00:01', '192.0.2.10', A, R, 1), ...session('May  9', '06:05:01', '192.0.2.10', A, R, 1)]));
  writeFileSync(late, log([...session('May  9', '06:35:01', '192.0.2.10', A, R, 1), connect('May  9 20:00:00', '203.0.113.250')]));
  const args = ['triplets', '--year', '2026', '--tz', 'UTC'];
  const inOrder = await runInProcess([...args, early, late], { now: NOW });
  assert.match(inOrder.stdout, /│ 192\.0\.2\.10 .* passed /);
  assert.doesNotMatch(inOrder.stdout + inOrder.stderr, /out of order|oldest first/);
  const reversed = await runInProcess([...args, late, early], { now: NOW });
  assert.match(reversed.stdout, /6 event\(s\) of .*early\.log lie more than a minute before the inputs read before: .* Name the files oldest first/);
  assert.match(reversed.stderr, /6 event\(s\) of .*early\.log more than a minute before the inputs read before \(files named out of order\?\)/);
  assert.equal((await runInProcess([...args, '--strict', late, early], { now: NOW })).code, 1);
  assert.equal((await runInProcess([...args, '--strict', early, late], { now: NOW })).code, 0);
  rmSync(dir, { recursive: true });
});
