// A pool retries one message within its retry schedule; a notifier's separate mails a day apart
// are separate messages, each judged on its own (never hidden as a "pool").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInProcess } from '../helpers/run-in-process.js';

function session(day: number, time: string, ip: string, from: string, to: string): string[] {
  const d = String(day).padStart(2, ' ');
  return [
    `Sep ${d} ${time} mx1 spamd[1]: ${ip}: connected (1/0)`,
    `Sep ${d} ${time} mx1 spamd[1]: (GREY) ${ip}: ${from} -> ${to}`,
    `Sep ${d} ${time} mx1 spamd[1]: ${ip}: disconnected after 0 seconds.`,
  ];
}

async function verdicts(lines: string[]): Promise<Array<[string, string, string]>> {
  const r = await runInProcess(['triplets', '--format', 'json', '--tz', 'UTC', '--year', '2026', '--until', '2026-09-30', '-'], {
    stdin: lines.join('\n') + '\n',
    now: Date.UTC(2026, 11, 1) / 1000,
  });
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout).rows as Array<Record<string, string>>).map((x) => [x.ip!, x.sender!, x.verdict!]);
}

test('a daily one-shot notifier with per-message (VERP) senders: one-attempt every day, not a pool', async () => {
  const lines = [1, 2, 3].flatMap((d) => session(d, '09:00:00', '192.0.2.7', `<bounce-${1000 + d}-a1b2c3@notify.example>`, '<admin@example.com>'));
  assert.deepEqual((await verdicts(lines)).map((v) => v[2]), ['one-attempt', 'one-attempt', 'one-attempt']);
});

test('a pool retrying one message from other addresses over hours: pool-retry', async () => {
  const lines = [
    ...session(1, '09:00:00', '192.0.2.7', '<n@pool.example>', '<admin@example.com>'),
    ...session(1, '09:20:00', '198.51.100.8', '<n@pool.example>', '<admin@example.com>'),
    ...session(1, '15:00:00', '203.0.113.9', '<n@pool.example>', '<admin@example.com>'),
  ];
  assert.deepEqual((await verdicts(lines)).map((v) => v[2]), ['pool-retry', 'pool-retry', 'pool-retry']);
});
