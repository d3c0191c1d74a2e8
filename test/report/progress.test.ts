import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgress, formatProgress, PROGRESS_MIN_BYTES, wantProgress } from '../../src/report/progress.js';
import { runCli, sample } from '../helpers/cli.js';

const MB = 1e6; // megabytes as ls and df count them, not MiB

test('formatProgress: bytes of total, percent, MB/s, time left; only bytes and rate without a total', () => {
  const cases: Array<[number, number, number, string]> = [
    [0, 100 * MB, 0, 'spamd-report: [....................] 0.0 of 100.0 MB (0%), 0.0 MB/s, ? left'],
    [25 * MB, 100 * MB, 1, 'spamd-report: [#####...............] 25.0 of 100.0 MB (25%), 25.0 MB/s, 0:03 left'],
    [100 * MB, 100 * MB, 4, 'spamd-report: [####################] 100.0 of 100.0 MB (100%), 25.0 MB/s, 0:00 left'],
    [1 * MB, 7200 * MB, 1, 'spamd-report: [....................] 1.0 of 7200.0 MB (0%), 1.0 MB/s, 1:59:59 left'],
    [3 * MB, NaN, 2, 'spamd-report: 3.0 MB read, 1.5 MB/s'],
    [40_000_061, 40_000_061, 2, 'spamd-report: [####################] 40.0 of 40.0 MB (100%), 20.0 MB/s, 0:00 left'],
  ];
  for (const [done, total, secs, want] of cases) assert.equal(formatProgress(done, total, secs), want);
});

test('wantProgress: --progress forces, --no-progress never, else a terminal, not CI, large input', () => {
  const big = PROGRESS_MIN_BYTES;
  const cases: Array<[boolean | null, boolean, Record<string, string>, number, boolean]> = [
    [null, true, {}, big, true],
    [null, true, {}, big - 1, false],
    [null, false, {}, big, false],
    [null, true, { CI: 'true' }, big, false],
    [null, true, { CI: 'false' }, big, true],
    [false, true, {}, big, false],
    [true, false, { CI: '1' }, 0, true],
  ];
  for (const [option, tty, env, bytes, want] of cases) assert.equal(wantProgress(option, tty, env, bytes), want, JSON.stringify({ option, tty, env, bytes }));
});

test('createProgress redraws in place at most every 0.2 s and clears its line at the end', () => {
  let t = 0;
  let out = '';
  const p = createProgress((s) => (out += s), 10 * MB, () => t);
  p.add(MB); // drawn
  t = 0.1;
  p.add(MB); // too soon
  t = 0.5;
  p.add(MB); // drawn
  p.end(); // drawn, then cleared
  const draws = out.split('\r').filter((s) => s.includes('MB/s'));
  assert.equal(draws.length, 3);
  assert.match(draws[2]!, /3\.0 of 10\.0 MB \(30%\)/);
  assert.ok(out.endsWith('\r'));
});

const LOG = sample('real', 'verbose-grey-retry-1s-and-blacklisted.log');

test('--progress draws on stderr even when it is not a terminal; output unchanged', async () => {
  const plain = await runCli(['summary', '--tz', 'UTC', LOG]);
  for (const jobs of ['0', '1']) {
    const r = await runCli(['summary', '--tz', 'UTC', '--progress', '--jobs', jobs, LOG]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /\rspamd-report: \[#+\] [\d.]+ of [\d.]+ MB \(100%\), [\d.]+ MB\/s, 0:00 left/);
    assert.equal(r.stdout, plain.stdout);
  }
});

test('no progress on a stderr that is not a terminal, nor with --no-progress', async () => {
  for (const args of [[], ['--no-progress']]) {
    const r = await runCli(['summary', '--tz', 'UTC', ...args, LOG]);
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stderr, /MB\/s/);
  }
});
