// Order invariance where it must hold: the files of a rotated set, named in any of the 24 orders
// (and spelled ./spamd.1.gz or spamd.1.gz), give the same verdicts as the log read in one piece.
// Sessions and retries that cross a rotation are in the data, so a wrong order would show.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { runInProcess } from '../helpers/run-in-process.js';
import { connect, disconnect, grey, log, session } from '../helpers/spamd-lines.js';

const DIR = mkdtempSync(join(tmpdir(), 'spamd-report-rotated-'));
after(() => rmSync(DIR, { recursive: true, force: true }));

const A = ['192.0.2.10', '<a@example.net>', '<rcpt@example.com>'] as const;
const C = ['203.0.113.30', '<c@example.org>', '<rcpt@example.com>'] as const;
const DAYS: string[][] = [
  // spamd.2.gz: Oct 2
  [...session('Oct  2', '09:00:00', '198.51.100.5', '<x@example.org>', '<rcpt@example.com>'), ...session('Oct  2', '23:50:00', ...A)],
  // spamd.1.gz: Oct 3 — A passes (30 min later, across the rotation); C retries within seconds across the next one
  [...session('Oct  3', '00:20:00', ...A), ...session('Oct  3', '23:59:58', ...C)],
  // spamd.0 (not compressed): Oct 4 — C again 4 s later, then a session that ends in the live file
  [...session('Oct  4', '00:00:02', ...C), ...session('Oct  4', '12:00:00', '198.51.100.20', '<b@example.net>', '<rcpt@example.com>'), connect('Oct  4 23:59:59', '192.0.2.99'), grey('Oct  4 23:59:59', '192.0.2.99', '<d@example.net>', '<rcpt@example.com>')],
  // spamd: Oct 5
  [disconnect('Oct  5 00:00:03', '192.0.2.99', 4), ...session('Oct  5', '08:00:00', '198.51.100.5', '<x@example.org>', '<rcpt@example.com>')],
];

const NAMES = ['spamd.2.gz', 'spamd.1.gz', 'spamd.0', 'spamd'];
NAMES.forEach((name, i) => writeFileSync(join(DIR, name), name.endsWith('.gz') ? gzipSync(log(DAYS[i]!)) : log(DAYS[i]!)));
const WHOLE = join(DIR, 'whole.log');
writeFileSync(WHOLE, log(DAYS.flat()));

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

async function rows(command: string, files: string[]): Promise<unknown> {
  const r = await runInProcess([command, '--format', 'json', '--year', '2026', '--tz', 'UTC', '--until', '2026-10-07', ...files]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  return (JSON.parse(r.stdout) as { rows: unknown }).rows;
}

test('the rotated set in one piece: the verdicts this test expects', async () => {
  const t = (await rows('triplets', [WHOLE])) as Array<Record<string, unknown>>;
  const by = Object.fromEntries(t.map((r) => [r.ip, r]));
  assert.equal(by['192.0.2.10']?.verdict, 'passed');
  assert.equal(by['203.0.113.30']?.verdict, 'rapid-retry');
  assert.equal(by['198.51.100.20']?.verdict, 'one-attempt');
  const s = (await rows('sessions', [WHOLE])) as Array<Record<string, unknown>>;
  assert.deepEqual(s.find((r) => r.ip === '192.0.2.99') && [s.find((r) => r.ip === '192.0.2.99')!.duration_s, s.find((r) => r.ip === '192.0.2.99')!.complete], [4, true]);
});

/** The summary without its inputs section (names and byte counts differ by design): verdict counts for triplets and addresses, sessions, the worst addresses, the window. */
async function verdicts(files: string[]): Promise<unknown> {
  const r = await runInProcess(['summary', '--format', 'json', '--year', '2026', '--tz', 'UTC', '--until', '2026-10-07', ...files]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const j = JSON.parse(r.stdout) as Record<string, unknown>;
  delete j.inputs;
  return j;
}

test('all 24 orders of the rotated set give the verdicts of the log in one piece', async () => {
  const expected = await verdicts([WHOLE]);
  for (const order of permutations(NAMES)) {
    // Some spelled with ./ : still one set.
    const files = order.map((n, i) => (i % 2 ? join(DIR, n) : `${DIR}/./${n}`));
    assert.deepEqual(await verdicts(files), expected, order.join(' '));
  }
});
