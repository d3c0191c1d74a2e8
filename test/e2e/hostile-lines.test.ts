// Bad lines through the whole pipeline (argv → read → parse → analyze → report), one test per
// case of issue 4: the tool keeps working, accounts for every line, and analyses nothing it
// could not understand. The shapes of single lines are tested in test/parse/; here it is what
// the report makes of them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sample, type CliResult } from '../helpers/cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { connect, disconnect, grey, header, line, log, session, trapping } from '../helpers/spamd-lines.js';

const BOOK = readFileSync(sample('real', 'verbose-grey-retry-1s-and-blacklisted.log'));
const COMMON = ['--format', 'json', '--year', '2026', '--tz', 'UTC'];

type Json = Record<string, any>;

async function run(command: string, input: string | Buffer | Buffer[], args: string[] = []): Promise<CliResult & { json: Json }> {
  const r = await runInProcess([command, ...COMMON, ...args, '-'], { stdin: input });
  let json: Json = {};
  if (r.stdout) json = JSON.parse(r.stdout) as Json;
  return { ...r, json };
}

/** Every line read is an event, an untimed spamd line, another program's line, a rejected or a duplicate line. */
function assertAccounted(lines: Json): void {
  let sum = lines.spamd_events + lines.untimed_spamd + lines.duplicate_lines;
  for (const [k, v] of Object.entries(lines)) if (k.startsWith('other_') || k.startsWith('unparsed_')) sum += v as number;
  assert.equal(sum, lines.read, `lines do not add up: ${JSON.stringify(lines)}`);
}

/** Every verdict-bearing row of every command, for comparing two inputs. */
async function everything(input: string | Buffer | Buffer[], args: string[] = []): Promise<string> {
  const out: string[] = [];
  for (const cmd of ['summary', 'senders', 'triplets', 'sessions']) {
    const r = await run(cmd, input, ['--until', '2026-10-03', ...args]);
    assert.equal(r.code, 0, r.stderr);
    // What is compared: the analysis. Byte counts, line counts, examples and notes are checked by the tests that mean to.
    for (const k of ['inputs', 'lines', 'unparsed', 'notes']) delete r.json[k];
    out.push(JSON.stringify(r.json));
  }
  return out.join('\n');
}

test('invalid UTF-8 and 8-bit bytes: replaced by U+FFFD, counted, and the line is still analysed', async () => {
  const input = Buffer.concat([
    Buffer.from(connect('Oct  2 10:00:00', '198.51.100.7') + '\n'),
    Buffer.from(grey('Oct  2 10:00:00', '198.51.100.7', '<j\xe9r\xf4me@example.net>', '<rcpt@example.com>') + '\n', 'latin1'),
    Buffer.from(disconnect('Oct  2 10:00:01', '198.51.100.7', 1) + '\n'),
    Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xed, 0xa0, 0x80, 0x0a]),
  ]);
  const t = await run('triplets', input);
  assert.equal(t.code, 0);
  assert.equal(t.json.rows.length, 1);
  assert.equal(t.json.rows[0].sender, '<j\ufffdr\ufffdme@example.net>');
  const s = await run('summary', input);
  assert.equal(s.json.lines.invalid_utf8, 2);
  assert.equal(s.json.lines.spamd_events, 3);
  assertAccounted(s.json.lines);
  assert.match(s.stderr, /2 line\(s\) with invalid UTF-8/);
  assert.match(s.stderr, /-:2: \[invalid-utf8\]/);
  // No lone surrogate can come out of the decoder (ED A0 80 is an encoded surrogate).
  assert.doesNotMatch(s.stdout, /\\ud[89a-f]/i);
});

test('NUL bytes: kept in the field, shown escaped, a line of NULs is not understood', async () => {
  const input = log([
    connect('Oct  2 10:00:00', '198.51.100.7'),
    grey('Oct  2 10:00:00', '198.51.100.7', '<a@example.net>', '<b\0c@example.com>'),
    disconnect('Oct  2 10:00:01', '198.51.100.7', 1),
    '\0\0\0\0',
  ]);
  const t = await run('triplets', input);
  assert.equal(t.json.rows[0].recipient, '<b\0c@example.com>');
  const table = await runInProcess(['triplets', '--year', '2026', '-'], { stdin: input });
  assert.ok(!table.stdout.includes('\0'), 'a raw NUL reached the terminal');
  assert.match(table.stdout, /<b\\x00c@example\.com>/);
  const s = await run('summary', input);
  assert.equal(s.json.lines.unparsed_no_envelope, 1);
  assert.match(s.stderr, /-:4: \[no-envelope\] \\x00\\x00\\x00\\x00/);
  assert.ok(!s.stderr.includes('\0'));
});

test('CR LF line endings give the same report as LF', async () => {
  const crlf = Buffer.from(BOOK.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
  assert.equal(await everything(crlf), await everything(BOOK));
});

test('a lone CR is part of its line: it never splits a line and is shown escaped', async () => {
  const input = log([connect('Oct  2 10:00:00', '198.51.100.7') + '\r' + disconnect('Oct  2 10:00:01', '198.51.100.7', 1)]);
  const s = await run('summary', input);
  assert.equal(s.json.lines.read, 1);
  assert.equal(s.json.lines.unparsed_unknown_spamd, 1);
  assert.match(s.stderr, /connected \(1\/0\)\\x0dOct/);
  assert.ok(!s.stderr.includes('\r'));
  // A CR before the end of the file without LF is a line ending too.
  const last = await run('summary', connect('Oct  2 10:00:00', '198.51.100.7') + '\r');
  assert.equal(last.json.lines.spamd_events, 1);
});

test('a final line without newline is read and analysed', async () => {
  const cut = BOOK.subarray(0, BOOK.length - 1);
  assert.equal(cut.at(-1) !== 0x0a, true);
  assert.equal(await everything(cut), await everything(BOOK));
});

test('an empty input: exit 0, nothing read, and the report says so', async () => {
  const s = await run('summary', '');
  assert.equal(s.code, 0);
  assert.equal(s.json.lines.read, 0);
  assert.equal(s.stderr, '');
  assert.ok(s.json.notes.some((n: string) => /empty/.test(n)), JSON.stringify(s.json.notes));
  for (const cmd of ['senders', 'triplets', 'sessions']) {
    const r = await run(cmd, '');
    assert.equal(r.code, 0);
    assert.deepEqual(r.json.rows, []);
  }
});

test('a file of only blank lines: counted as blank, no problem reported, --strict is happy', async () => {
  const s = await run('summary', '\n\n  \n\t\n\r\n', ['--strict']);
  assert.equal(s.code, 0);
  assert.equal(s.json.lines.read, 5);
  assert.equal(s.json.lines.other_blank, 5);
  assert.equal(s.stderr, '');
});

test('a 10 MB line is skipped and counted; the lines around it are analysed with the right numbers', async () => {
  const chunks: Buffer[] = [Buffer.from(log([connect('Oct  2 10:00:00', '198.51.100.7')]) + header('Oct  2 10:00:01', '198.51.100.7', 'Subject', ''))];
  const block = Buffer.alloc(64 * 1024, 'x');
  for (let i = 0; i < 160; i++) chunks.push(block);
  chunks.push(Buffer.from('\n' + log([disconnect('Oct  2 10:00:05', '198.51.100.7', 5)])));
  const s = await run('summary', chunks);
  assert.equal(s.code, 0);
  assert.equal(s.json.lines.read, 3);
  assert.equal(s.json.lines.unparsed_too_long, 1);
  assert.equal(s.json.sessions.sessions, 1);
  assert.equal(s.json.sessions.incomplete, 0);
  const ex = s.json.unparsed.find((e: Json) => e.reason === 'too-long');
  assert.equal(ex.where, '-:2');
  assert.ok(ex.text.length <= 161, 'the example is cut');
  for (const l of s.stderr.split('\n')) assert.ok(l.length < 300, 'a stderr line is not cut');
});

test('binary garbage: every line accounted for, nothing analysed, valid JSON', async () => {
  let x = 0x2545f491;
  const bytes = Buffer.alloc(64 * 1024);
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  const s = await run('summary', bytes);
  assert.equal(s.code, 0);
  assert.equal(s.json.lines.read, bytes.filter((b) => b === 0x0a).length + (bytes.at(-1) === 0x0a ? 0 : 1));
  assert.equal(s.json.lines.spamd_events, 0);
  assertAccounted(s.json.lines);
  for (const l of s.stderr.split('\n')) assert.doesNotMatch(l, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
});

test('timestamps that do not exist are rejected, not moved to a real day; --strict fails on them', async () => {
  const input = log([
    connect('Feb 30 10:00:00', '198.51.100.1'),
    connect('Apr 31 10:00:00', '198.51.100.2'),
    connect('Feb 29 10:00:00', '198.51.100.3'), // 2026 is no leap year
    connect('Oct  2 25:00:00', '198.51.100.4'),
    connect('Oct  2 23:60:00', '198.51.100.5'),
    line('2026-02-30T10:00:00+01:00', '198.51.100.6: connected (1/0)'),
    connect('Oct  2 10:00:00', '198.51.100.7'),
  ]);
  const s = await run('summary', input);
  assert.equal(s.code, 0);
  assert.equal(s.json.lines.unparsed_bad_timestamp, 6);
  assert.equal(s.json.lines.spamd_events, 1);
  assert.equal(s.json.sessions.addresses, 1);
  assert.equal((await run('summary', input, ['--strict'])).code, 1);
});

test('the repeated autumn hour: a session that ends in the second pass pairs with its start', async () => {
  const input = log([connect('Oct 25 02:59:58', '198.51.100.7'), disconnect('Oct 25 02:00:01', '198.51.100.7', 3)]);
  const r = await runInProcess(['sessions', '--format', 'json', '--year', '2026', '--tz', 'Europe/Berlin', '-'], { stdin: input });
  const rows = (JSON.parse(r.stdout) as Json).rows;
  assert.deepEqual(
    rows.map((x: Json) => [x.start, x.end, x.duration_s, x.complete]),
    [['2026-10-25T02:59:58+02:00', '2026-10-25T02:00:01+01:00', 3, true]],
  );
});

test('the spring gap: a session across it pairs; a time inside the gap is still placed', async () => {
  const input = log([
    connect('Mar 29 01:59:59', '198.51.100.7'),
    disconnect('Mar 29 03:00:01', '198.51.100.7', 2),
    connect('Mar 29 02:30:00', '198.51.100.8'),
  ]);
  const r = await runInProcess(['sessions', '--format', 'json', '--year', '2026', '--tz', 'Europe/Berlin', '-'], { stdin: input });
  const rows = (JSON.parse(r.stdout) as Json).rows;
  assert.deepEqual(rows[0] && [rows[0].start, rows[0].duration_s, rows[0].complete], ['2026-03-29T01:59:59+01:00', 2, true]);
  assert.equal(rows[1]?.start, '2026-03-29T03:30:00+02:00');
});

test('a log that goes back in time: counted with examples, noted in the report, an error under --strict', async () => {
  // Two days fed newest first, as `zcat spamd.*.gz` does (spamd.0.gz sorts before spamd.1.gz).
  const day1 = [...session('Oct  2', '23:50:00', '198.51.100.7', '<a@example.net>', '<b@example.com>')];
  const day2 = [...session('Oct  3', '00:20:00', '198.51.100.7', '<a@example.net>', '<b@example.com>')];
  const input = log([...day2, ...day1]);
  const s = await run('summary', input);
  assert.equal(s.code, 0);
  assert.equal(s.json.lines.time_backwards, 3);
  assert.match(s.stderr, /-:4: \[time-backwards\]/);
  assert.ok(s.json.notes.some((n: string) => /back in time/.test(n)), JSON.stringify(s.json.notes));
  assert.equal((await run('summary', input, ['--strict'])).code, 1);
  // Within a minute is syslog's normal jitter, and another host's clock is its own.
  const jitter = log([connect('Oct  2 10:00:30', '198.51.100.7'), disconnect('Oct  2 10:00:00', '198.51.100.8', 0), line('Oct  2 09:00:00', '198.51.100.9: connected (1/0)', 'mx2')]);
  assert.equal((await run('summary', jitter)).json.lines.time_backwards, 0);
});

test('a line duplicated by syslog (two rules to one file) is not a second attempt', async () => {
  const doubled = log(BOOK.toString('utf8').trimEnd().split('\n').flatMap((l) => [l, l]));
  const s = await run('summary', doubled, ['--until', '2026-10-03']);
  assert.equal(s.json.lines.duplicate_lines, 18);
  assertAccounted(s.json.lines);
  assert.match(s.stderr, /18 duplicate line\(s\)/);
  assert.equal(await everything(doubled), await everything(BOOK));
  // Blank lines are no duplicates, and syslog's own `last message repeated` is a real repeat.
  const repeated = log([connect('Oct  2 10:00:00', '198.51.100.7'), 'Oct  2 10:00:00 mx1 last message repeated 1 time', '', '']);
  const r = await run('summary', repeated);
  assert.equal(r.json.lines.duplicate_lines, 0);
  assert.equal(r.json.lines.other_blank, 2);
  assert.equal(r.json.lines.repeated_replayed, 1);
});

test('truncated spamd lines (cut mid-address, mid-lists:) are counted, never analysed as something else', async () => {
  const cuts = [
    line('Oct  2 10:00:00', '198.51.100.7: connected (1/'),
    line('Oct  2 10:00:00', '198.51.100.7: connected (1/1), li'),
    line('Oct  2 10:00:00', '198.51.100.7: disconnected after 40'),
    line('Oct  2 10:00:00', '198.51.100.7: disconnected after 404 seconds. li'),
    line('Oct  2 10:00:00', '(GREY) 198.51.100.7: <sender@exa'),
    line('Oct  2 10:00:00', '(GREY) 198.51.100.7: <sender@example.net> -> <rcpt@exa'),
    line('Oct  2 10:00:00', '(GREY) 198.51'),
    line('Oct  2 10:00:00', '198.51.100.7:'),
  ];
  const s = await run('summary', log(cuts));
  assert.equal(s.json.lines.unparsed_truncated, cuts.length);
  assert.equal(s.json.sessions.triplets, 0);
  assert.equal(s.json.sessions.addresses, 0);
  assert.equal((await run('summary', log(cuts), ['--strict'])).code, 1);
});

test("a book's wrapped excerpt (records broken across lines): no envelope is invented, the pieces are shown", async () => {
  const wrapped = [
    line('Oct  2 19:55:05', '(GREY) 198.51.100.115: <sender@example.net> ->'),
    '<trapaddr.fsf@example.org>',
    line('Oct  2 20:00:05', '203.0.113.131: disconnected after 404 seconds.'),
    'lists: spews1',
  ];
  const s = await run('summary', log(wrapped));
  assert.equal(s.json.lines.read, 4);
  assert.equal(s.json.lines.unparsed_truncated, 1);
  assert.equal(s.json.lines.unparsed_no_envelope, 2);
  assert.equal(s.json.sessions.triplets, 0);
  assertAccounted(s.json.lines);
  assert.match(s.stderr, /-:2: \[no-envelope\] <trapaddr\.fsf@example\.org>/);
  assert.match(s.stderr, /-:4: \[no-envelope\] lists: spews1/);
});

test('syslog escapes (#012, #033, ^J, \\M-) stay literal text: never decoded into control characters', async () => {
  const evil = ['<x#033[2J@example.net>', '<^[[31m@example.net>', '<\\M-^[[2J@example.net>', '<a#012b@example.net>'];
  const input = log([
    ...evil.map((from, i) => grey('Oct  2 10:00:00', `198.51.100.${i + 1}`, from, '<rcpt@example.com>')),
    trapping('Oct  2 10:00:01', '203.0.113.77', '203.0.113.77#012bulk.example.org#012<x@example.org>#012<trap@example.com>'),
  ]);
  const t = await run('triplets', input);
  assert.deepEqual(t.json.rows.map((r: Json) => r.sender).sort(), [...evil].sort());
  const table = await runInProcess(['triplets', '--year', '2026', '-'], { stdin: input });
  assert.ok(!/[\u001b\n\r]/.test(table.stdout.replace(/\n/g, '')), 'a control character reached the terminal');
  const s = await run('senders', input);
  assert.ok(s.json.rows.some((r: Json) => r.ip === '203.0.113.77'));
});
