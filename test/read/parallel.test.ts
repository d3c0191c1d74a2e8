// Inputs parsed in worker threads give byte-identical output to a sequential read. --jobs 2 parses
// two files at once in workers; --jobs 0 reads on the main thread.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../helpers/golden.js';
import { runCli, sample } from '../helpers/cli.js';
import { WORKER_MIN_BYTES, workerCount } from '../../src/run.js';
import type { Options } from '../../src/options.js';

let dir = '';
let older = '';
let live = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'spamd-report-parallel-'));
  // 0.6 MB of synthetic log in two rotated halves (the benchmark's generator, seeded).
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/bench/generate.mjs'), '--mb', '0.6', '--seed', '7', '--out', join(dir, 'all.log'), '--split', dir]);
  assert.equal(r.status, 0, String(r.stderr));
  live = join(dir, 'spamd');
  const plain = join(dir, 'spamd.1');
  older = join(dir, 'spamd.1.gz');
  writeFileSync(older, gzipSync(readFileSync(plain)));
  const { mtime } = statSync(plain);
  utimesSync(older, mtime, mtime);
  rmSync(plain);
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function both(args: string[]): Promise<void> {
  const [seq, par] = await Promise.all([runCli([...args, '--jobs', '0']), runCli([...args, '--jobs', '2'])]);
  assert.equal(par.code, seq.code);
  assert.equal(par.stderr, seq.stderr);
  assert.equal(par.stdout, seq.stdout);
  assert.ok(seq.stdout.length > 100);
}

test('every command: two rotated files (one gzip) parsed in workers = read one after the other', async () => {
  for (const command of ['summary', 'triplets', 'senders', 'sessions']) await both([command, '--format', 'json', '--tz', 'UTC', older, live]);
});

test('csv of every triplet, and line accounting with examples across files, are identical', async () => {
  await both(['triplets', '--format', 'csv', '--tz', 'UTC', live, sample('real', 'bare-messages-no-envelope.log'), older]);
  await both(['summary', '--tz', 'UTC', sample('real', 'bare-messages-no-envelope.log'), sample('real', 'spamassassin-spamd-not-greylisting.log'), live]);
});

test('a missing file and a truncated gzip are reported the same way, in the same order', async () => {
  const cut = join(dir, 'cut.gz');
  const gz = readFileSync(older);
  writeFileSync(cut, gz.subarray(0, gz.length >> 1));
  await both(['summary', '--tz', 'UTC', join(dir, 'missing'), cut, live]);
});

test('main\'s commands (evidence, domains, html activity) in workers = read one after the other', async () => {
  await both(['domains', '--format', 'json', '--tz', 'UTC', older, live]);
  await both(['evidence', '--net', '0.0.0.0/0', '--format', 'json', '--tz', 'UTC', older, live]);
  await both(['summary', '--format', 'html', '--tz', 'UTC', older, live]);
});

test('the per-line checks hold in workers: lines written twice, time going backwards, a file named twice', async () => {
  const lines = readFileSync(live, 'utf8').split('\n').slice(0, 400);
  const odd: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    odd.push(lines[i]!);
    if (i % 50 === 7) odd.push(lines[i]!); // the same syslog line written twice
  }
  const twice = join(dir, 'odd.log');
  // the first half again after the whole: time goes backwards
  writeFileSync(twice, [...odd, ...lines.slice(0, 200)].join('\n') + '\n');
  const r = await runCli(['summary', '--tz', 'UTC', '--jobs', '2', twice]);
  assert.match(r.stderr, /duplicate line/);
  assert.match(r.stderr, /back in time/);
  await both(['summary', '--tz', 'UTC', twice, live, twice]);
  await both(['triplets', '--format', 'csv', '--tz', 'UTC', twice, older]);
});

const options = (o: Partial<Options>): Options => ({ year: null, jobs: null, ...o }) as Options;

test('workerCount: one worker per core but the analysis\'s by default, at most one per file, none for stdin or --year', () => {
  const cases: Array<[Partial<Options>, string[], number, number]> = [
    [{}, ['a'], 2, 1],
    [{}, ['a', 'b'], 2, 1],
    [{}, ['a', 'b', 'c'], 4, 3],
    [{}, ['a', 'b'], 8, 2],
    [{}, ['a', 'b', 'c'], 1, 0],
    [{ jobs: 0 }, ['a', 'b'], 2, 0],
    [{ jobs: 1 }, ['a', 'b'], 8, 1],
    [{ jobs: 3 }, ['a', 'b'], 1, 2],
    [{ year: 2026 }, ['a'], 2, 0],
    [{ jobs: 2 }, ['-'], 2, 0],
    [{}, ['a', '-'], 2, 0],
  ];
  for (const [o, names, cores, want] of cases) assert.equal(workerCount(options(o), names, cores, true), want, JSON.stringify([o, names, cores]));
  // Small inputs: no worker unless asked for.
  assert.equal(workerCount(options({}), ['a'], 2, true, WORKER_MIN_BYTES - 1), 0);
  assert.equal(workerCount(options({}), ['a'], 2, true, WORKER_MIN_BYTES), 1);
  assert.equal(workerCount(options({ jobs: 1 }), ['a'], 2, true, 100), 1);
  assert.equal(workerCount(options({}), ['a'], 2, false), 0, 'no built worker module: read on this thread');
});
