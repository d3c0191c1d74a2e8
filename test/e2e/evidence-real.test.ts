// `evidence` and `domains` on the real published excerpts (samples/real): the conclusions their
// README states, as a complaint would show them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { runInProcess as run } from '../helpers/run-in-process.js';
import { assertGolden } from '../helpers/golden.js';

/** A fixed clock after every test log: --until is never taken beyond now. */
const NOW = Date.UTC(2027, 0, 1) / 1000;
const runInProcess = (args: string[], opts: { stdin?: string } = {}): ReturnType<typeof run> => run(args, { ...opts, now: NOW });

// Relative to the repository (the CLI runs there): the header names the file as given.
const VERBOSE = 'samples/real/verbose-grey-retry-1s-and-blacklisted.log';
const NONVERBOSE = 'samples/real/nonverbose-concurrent-sessions.log';
const ARGS = ['--year', '2026', '--tz', 'UTC'];

interface Json {
  window: Record<string, string>;
  envelopes_logged: boolean;
  messages: Array<{ ips: string[]; senders: string[]; verdict: string; reason: string; attempts: Array<Record<string, unknown>>; notes: string[] }>;
  summary: Record<string, unknown>;
  notes: string[];
}

async function json(args: string[]): Promise<Json> {
  const r = await runInProcess([...args, '--format', 'json', ...ARGS]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Json;
}

describe('real excerpts', { concurrency: 4 }, () => {
  test('book excerpt: the 1-second retry as evidence (built bin, markdown golden)', async () => {
    const r = await runCli(['evidence', '--ip', '198.51.100.115', '--until', '2026-10-03', ...ARGS, VERBOSE]);
    assert.equal(r.code, 0, r.stderr);
    assertGolden('evidence/book-excerpt-rapid-retry.md', r.stdout);
    assert.match(r.stdout, /\*\*Verdict: rapid-retry\.\*\* 2 attempts 1 s apart, none in the following 1 d 4 h/);
  });

  test('book excerpt: attempts, session lengths as spamd logged them, decided at --until', async () => {
    const ev = await json(['evidence', '--ip', '198.51.100.115', '--until', '2026-10-03', VERBOSE]);
    assert.equal(ev.window.decided_at, '2026-10-03T23:59:59+00:00'); // the day's last moment
    assert.equal(ev.messages.length, 1);
    const [m] = ev.messages;
    assert.deepEqual(m!.senders, ['<sender@example.net>']);
    assert.equal(m!.verdict, 'rapid-retry');
    assert.deepEqual(
      m!.attempts.map((a) => [a.time, a.session_s, a.interval_s]),
      [
        ['2026-10-02T19:55:05+00:00', 0, null],
        ['2026-10-02T19:55:06+00:00', 1, 1],
      ],
    );
    assert.deepEqual([ev.summary.messages, ev.summary.findings, ev.summary.longest_interval_s, ev.summary.span_s], [1, 1, 1, 1]);
  });

  test('book excerpt without --until: still pending, and no accusation', async () => {
    const ev = await json(['evidence', '--ip', '198.51.100.115', VERBOSE]);
    assert.equal(ev.messages[0]!.verdict, 'pending');
    assert.equal(ev.summary.findings, 0);
    assert.ok(ev.notes.some((n) => n.startsWith('Still pending at 2026-10-02T20:07:12+00:00: 1 message.')));
  });

  test('book excerpt: addresses without envelopes and blacklisted sessions, by network', async () => {
    const ev = await json(['evidence', '--net', '192.0.2.0/24,203.0.113.0/24', '--until', '2026-10-03', VERBOSE]);
    assert.deepEqual(
      ev.messages.map((m) => [m.ips.join(' '), m.senders.length, m.verdict]),
      [
        ['203.0.113.131', 1, 'blacklisted'],
        ['192.0.2.118', 0, 'one-attempt'],
        ['203.0.113.10', 0, 'blacklisted'],
        ['192.0.2.249', 0, 'one-attempt'],
      ],
    );
    assert.match(ev.messages[0]!.reason, /^On a spamd blacklist \(spews1\)/);
    assert.deepEqual(ev.messages[0]!.attempts.map((a) => a.session_s), [404]);
    assert.match(ev.messages[1]!.notes.join(' '), /left before it named a recipient/);
  });

  test('book excerpt: domains', async () => {
    const r = await runInProcess(['domains', '--until', '2026-10-03', '--format', 'json', ...ARGS, VERBOSE]);
    const rows = (JSON.parse(r.stdout) as { rows: Array<Record<string, unknown>> }).rows;
    assert.deepEqual(
      rows.map((x) => [x.domain, x.messages, x.worst, x.median_first_retry_s]),
      [
        ['example.net', 1, 'rapid-retry', 1],
        ['mailer.example.net', 1, 'blacklisted', null],
      ],
    );
  });

  test('non-verbose excerpt: per-address evidence, with the warning that pools cannot be seen', async () => {
    const ev = await json(['evidence', '--ip', '203.0.113.91', '--until', '2026-06-11', NONVERBOSE]);
    assert.equal(ev.envelopes_logged, false);
    assert.equal(ev.messages.length, 1);
    const [m] = ev.messages;
    assert.equal(m!.verdict, 'rapid-retry');
    assert.equal(m!.reason, '3 connections within 3 s, none in the following 2 d (up to the end of the analysed window).');
    assert.deepEqual(m!.attempts.map((a) => [a.time, a.session_s]), [
      ['2026-06-09T23:59:50+00:00', 2],
      ['2026-06-09T23:59:50+00:00', 4],
      ['2026-06-09T23:59:53+00:00', 4],
    ]);
    assert.match(m!.notes.join(' '), /without -v.*pool cannot be told apart/);
  });

  test('non-verbose excerpt: a sender selection cannot match without envelopes, and says so', async () => {
    const ev = await json(['evidence', '--sender-domain', 'example.net', NONVERBOSE]);
    assert.equal(ev.messages.length, 0);
    assert.equal(ev.notes[0], 'No attempt in the analysed logs matches the selection.');
    assert.ok(ev.notes.some((n) => n.includes('not run with -v')));
  });
});
