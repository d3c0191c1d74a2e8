// Generated logs with known verdicts (test/generator) through the CLI entry in process
// (test/helpers/run-in-process.ts): settled verdicts, filters, other seeds, spamd without -v,
// other timings, December to January and DST changes in Europe/Berlin. Every row must be
// exactly what the scenarios say.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { generateLog, type GeneratedLog, type GenerateOptions } from '../generator/generate-log.js';
import { expectedSenderRows, expectedSessionRows, expectedTripletRows, type RowOptions } from '../generator/expected-rows.js';
import { MONTH } from '../generator/presets.js';
import { greySessions, type Outcome, type ScenarioDef } from '../generator/scenarios.js';
import { createWallClock } from '../generator/wall-clock.js';
import { assertRows, createTempDir, runJson } from '../helpers/generated.js';

const dir = createTempDir();
after(() => dir.remove());

const utc = (iso: string): number => Date.parse(iso) / 1000;

/** Run triplets and senders (and sessions) on a generated log and compare every row. */
async function assertAnalysis(log: GeneratedLog, file: string, args: string[], opts: RowOptions & { sessions?: boolean } = {}): Promise<void> {
  const t = await runJson(['triplets', ...args, file]);
  assertRows(t.rows, expectedTripletRows(log, opts), 'triplets');
  const s = await runJson(['senders', ...args, file]);
  assertRows(s.rows, expectedSenderRows(log, opts), 'senders');
  if (opts.sessions) {
    const x = await runJson(['sessions', ...args, file]);
    assertRows(x.rows, expectedSessionRows(log, opts), 'sessions');
  }
}

function schedule(name: string, offsets: number[], outcome: Outcome, delay = 1): ScenarioDef {
  return {
    name,
    description: name,
    anchor: 'free',
    build(ctx) {
      const ip = ctx.ip();
      return { sessions: greySessions(ctx, ip, offsets, ctx.sender(), [ctx.recipient()], delay), addresses: { [ip]: outcome } };
    },
  };
}

const month = generateLog(MONTH);
const monthFile = dir.write('month.log', month);
const MONTH_ARGS = ['--tz', 'UTC', '--year', String(month.year)];

test('month: with --until a day after E, nothing is pending any more', async () => {
  const until = new Date((month.end + 86_400) * 1000).toISOString().replace('.000Z', 'Z');
  await assertAnalysis(month, monthFile, [...MONTH_ARGS, '--until', until], { settled: true });
  const s = await runJson(['summary', ...MONTH_ARGS, '--until', until, monthFile]);
  assert.equal((s.window as Record<string, unknown>).decided_at, createWallClock('UTC').iso(month.end + 86_400));
});

test('month: --verdict keeps exactly the rows with those verdicts', async () => {
  const want = ['pool-retry', 'rapid-retry'] as const;
  const j = await runJson(['triplets', ...MONTH_ARGS, '--verdict', want.join(','), monthFile]);
  assertRows(j.rows, expectedTripletRows(month).filter((r) => (want as readonly unknown[]).includes(r.verdict)), 'triplets');
});

test('other seeds, every scenario twice: same agreement', async () => {
  for (const seed of [7, 4242]) {
    const log = generateLog({ ...MONTH, seed, copies: 2 });
    await assertAnalysis(log, dir.write(`seed-${seed}.log`, log), ['--tz', 'UTC', '--year', String(log.year)]);
  }
});

test('spamd without -v and daemon.info: addresses only, pools look like one attempt each', async () => {
  const log = generateLog({ ...MONTH, seed: 11, verbose: false, debug: false });
  const file = dir.write('nonverbose.log', log);
  const args = ['--tz', 'UTC', '--year', String(log.year)];
  await assertAnalysis(log, file, args, { sessions: true });
  assert.equal(log.triplets.length, 0);
  const s = await runJson(['summary', ...args, file]);
  assert.equal((s.window as Record<string, unknown>).envelopes_logged, false);
  assert.ok((s.notes as string[]).some((n) => n.includes('-v')));
});

test('--passtime 10m --greyexp 1h --burst 30s: the boundaries move with the settings', async () => {
  const log = generateLog({ ...MONTH, seed: 5, timing: { passtime: 600, greyexp: 3600, burst: 30 } });
  await assertAnalysis(log, dir.write('timing.log', log), ['--tz', 'UTC', '--year', String(log.year), '--passtime', '10m', '--greyexp', '1h', '--burst', '30s']);
});

// December to January: the year comes from --year (first line) or from the file's mtime.
const newYear: GenerateOptions = {
  seed: 31,
  start: utc('2025-12-29T00:00:00Z'),
  end: utc('2026-01-02T12:00:00Z'),
  scenarios: [
    'pending',
    'one-attempt',
    'exim',
    'blacklisted',
    { scenario: schedule('new-year-pass', [0, 1800], { verdict: 'passed', retry: 'passtime' }), at: utc('2025-12-31T23:50:00Z') },
    { scenario: schedule('new-year-rapid', [0, 1], { verdict: 'rapid-retry', retry: 'seconds' }), at: utc('2025-12-31T23:59:58Z') },
    { scenario: schedule('new-year-too-slow', [0, 5 * 3600], { verdict: 'too-slow', retry: 'late' }), at: utc('2025-12-31T20:00:00Z') },
  ],
};

test('December to January with --year: both years right, retries across midnight measured', async () => {
  const log = generateLog(newYear);
  assert.equal(log.year, 2025);
  await assertAnalysis(log, dir.write('newyear.log', log), ['--tz', 'UTC', '--year', '2025'], { sessions: true });
  assert.ok(log.triplets.some((t) => t.first < utc('2026-01-01T00:00:00Z') && t.last >= utc('2026-01-01T00:00:00Z')));
});

test('December to January without --year: the year comes from the file mtime', async () => {
  const log = generateLog(newYear);
  const file = dir.write('newyear-mtime.log', log, log.end + 3600);
  await assertAnalysis(log, file, ['--tz', 'UTC'], { sessions: true });
});

// Europe/Berlin: 2026-03-29 02:00 CET → 03:00 CEST, 2026-10-25 03:00 CEST → 02:00 CET (01:00 UTC).
const berlin = createWallClock('Europe/Berlin');

test('DST spring gap in Europe/Berlin: retries across the skipped hour keep their true delay', async () => {
  const log = generateLog({
    seed: 329,
    zone: 'Europe/Berlin',
    start: utc('2026-03-27T00:00:00Z'),
    end: utc('2026-03-30T12:00:00Z'),
    scenarios: [
      'pending',
      'passed',
      // (GREY) at 01:59:50 CET and 03:00:10 CEST: 20 s apart, not an hour.
      { scenario: schedule('spring-rapid', [0, 20], { verdict: 'rapid-retry', retry: 'seconds' }), at: berlin.utc(2026, 3, 29, 1, 59, 49) },
      // 00:00 CET to 04:30 CEST is 3.5 h: inside greyexp, a pass (4.5 h on the wall clock).
      { scenario: schedule('spring-pass', [0, 3.5 * 3600], { verdict: 'passed', retry: 'passtime' }), at: berlin.utc(2026, 3, 29, 0, 0, 0) },
      // 01:50 CET to 03:10 CEST is 20 min: not yet the passtime (80 min on the wall clock).
      { scenario: schedule('spring-short', [0, 1200], { verdict: 'gave-up-early', retry: 'minutes' }), at: berlin.utc(2026, 3, 29, 1, 50, 0) },
    ],
  });
  assert.match(log.text, /Mar 29 01:59:50 .*\(GREY\)[^\n]*\n(?:.*\n)*?Mar 29 03:00:10 .*\(GREY\)/);
  await assertAnalysis(log, dir.write('dst-spring.log', log), ['--tz', 'Europe/Berlin', '--year', '2026'], { sessions: true });
});

test('DST autumn repeated hour in Europe/Berlin: the second 02:xx is an hour later', async () => {
  const log = generateLog({
    seed: 1025,
    zone: 'Europe/Berlin',
    start: utc('2026-10-23T00:00:00Z'),
    end: utc('2026-10-26T12:00:00Z'),
    scenarios: [
      'pending',
      'one-attempt',
      // (GREY) at 02:59:50 CEST and 02:00:10 CET: 20 s apart.
      { scenario: schedule('autumn-rapid', [0, 20], { verdict: 'rapid-retry', retry: 'seconds' }), at: berlin.utc(2026, 10, 25, 2, 59, 49, 1) },
      // 02:40 CEST to 02:15 CET is 35 min: a pass, though the wall clock went back.
      { scenario: schedule('autumn-pass', [0, 2100], { verdict: 'passed', retry: 'passtime' }), at: berlin.utc(2026, 10, 25, 2, 40, 0, 1) },
      // 23:00 CEST to 02:30 CET is 4.5 h: the entry had expired (3.5 h on the wall clock).
      { scenario: schedule('autumn-expired', [0, 4.5 * 3600], { verdict: 'too-slow', retry: 'late' }), at: berlin.utc(2026, 10, 24, 23, 0, 0) },
    ],
  });
  assert.match(log.text, /Oct 25 02:59:50 .*\(GREY\)[^\n]*\n(?:.*\n)*?Oct 25 02:00:10 .*\(GREY\)/);
  await assertAnalysis(log, dir.write('dst-autumn.log', log), ['--tz', 'Europe/Berlin', '--year', '2026'], { sessions: true });
});
