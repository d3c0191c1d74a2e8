// The real published excerpts (samples/real, from ../shared) give the conclusions their README states.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, sample } from '../helpers/cli.js';

interface Json {
  rows: Array<Record<string, unknown>>;
}

async function rows(args: string[]): Promise<Json['rows']> {
  const r = await runCli([...args, '--format', 'json', '--tz', 'UTC']);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as Json).rows;
}

const VERBOSE = sample('real', 'verbose-grey-retry-1s-and-blacklisted.log');
const NONVERBOSE = sample('real', 'nonverbose-concurrent-sessions.log');

test('verbose book excerpt: one envelope twice within a second, then nothing (decided a day later)', async () => {
  const t = await rows(['triplets', '--until', '2026-10-03', '--year', '2026', VERBOSE]);
  const grey = t.find((r) => r.ip === '198.51.100.115');
  assert.ok(grey);
  assert.equal(grey.verdict, 'rapid-retry');
  assert.equal(grey.retry, 'seconds');
  assert.equal(grey.attempts, 2);
  assert.equal(grey.first_retry_s, 1);
  const black = t.find((r) => r.ip === '203.0.113.131');
  assert.equal(black?.verdict, 'blacklisted');
});

test('verbose book excerpt: per address, at the end of the excerpt everything greylisted is still pending', async () => {
  const s = await rows(['senders', '--year', '2026', VERBOSE]);
  const by = Object.fromEntries(s.map((r) => [r.ip, r]));
  assert.equal(by['198.51.100.115']?.verdict, 'pending');
  assert.equal(by['198.51.100.115']?.retry, 'seconds');
  assert.equal(by['192.0.2.118']?.retry, 'none');
});

test('verbose book excerpt: sessions pair by duration, headers belong to the blacklisted session', async () => {
  const s = await rows(['sessions', '--year', '2026', VERBOSE]);
  assert.equal(s.length, 6);
  const black = s.find((r) => r.ip === '203.0.113.131');
  assert.equal(black?.duration_s, 404);
  assert.equal(black?.kind, 'black');
  assert.equal(black?.lists, 'spews1');
  const greys = s.filter((r) => r.ip === '198.51.100.115');
  assert.deepEqual(greys.map((r) => r.duration_s), [0, 1]); // as spamd states them: 'after 0 seconds', 'after 1 seconds'
  for (const ip of ['192.0.2.118', '192.0.2.249']) {
    const one = s.filter((r) => r.ip === ip);
    assert.equal(one.length, 1);
    assert.equal(one[0]?.duration_s, 0);
    assert.equal(one[0]?.envelopes, '');
  }
  assert.equal(s.find((r) => r.ip === '203.0.113.10')?.duration_s, 21);
  const a = await rows(['senders', '--until', '2026-10-03', '--year', '2026', VERBOSE]);
  const by = Object.fromEntries(a.map((r) => [r.ip, r]));
  assert.equal(by['198.51.100.115']?.verdict, 'rapid-retry');
  assert.equal(by['192.0.2.118']?.verdict, 'one-attempt');
  assert.equal(by['192.0.2.249']?.verdict, 'one-attempt');
  assert.equal(by['203.0.113.10']?.verdict, 'blacklisted');
  assert.equal(by['203.0.113.131']?.verdict, 'blacklisted');
});

test('non-verbose excerpt: three concurrent sessions pair by duration, retried within seconds', async () => {
  const s = await rows(['sessions', '--year', '2026', NONVERBOSE]);
  assert.deepEqual(
    s.map((r) => [r.start, r.duration_s]),
    [
      ['2026-06-09T23:59:50+00:00', 2],
      ['2026-06-09T23:59:50+00:00', 4],
      ['2026-06-09T23:59:53+00:00', 4],
    ],
  );
  const a = await rows(['senders', '--until', '2026-06-11', '--year', '2026', NONVERBOSE]);
  assert.equal(a.length, 1);
  assert.equal(a[0]?.verdict, 'rapid-retry');
  assert.equal(a[0]?.sessions, 3);
  assert.equal((await rows(['triplets', '--year', '2026', NONVERBOSE])).length, 0);
});

test('SpamAssassin spamd lines are not greylisting events', async () => {
  const r = await runCli(['summary', '--format', 'json', sample('real', 'spamassassin-spamd-not-greylisting.log')]);
  assert.equal(r.code, 0);
  const j = JSON.parse(r.stdout);
  assert.equal(j.lines.spamd_events, 0);
  assert.equal(j.lines.other_spamassassin, 5);
  assert.equal(j.lines.read, 18);
  assert.equal(j.sessions.sessions, 0);
});

test('bare messages are recognised but cannot be placed in time', async () => {
  const r = await runCli(['summary', '--format', 'json', sample('real', 'bare-messages-no-envelope.log')]);
  assert.equal(r.code, 0);
  const j = JSON.parse(r.stdout);
  assert.equal(j.lines.untimed_spamd, 2);
  assert.equal(j.lines.spamd_events, 0);
  assert.match(r.stderr, /bare-messages-no-envelope\.log:1/);
});
