// `domains` and `evidence` end to end on a generated log (vendor-scenario.ts): a vendor that never
// retries, one that retries only within a second, a pool (never accused), one that passes, a
// family of per-message senders, the null sender, and one still pending at the end of the log.
// The first two tests run the built bin; the others run the same CLI in this process (faster).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { runCli, sample } from '../helpers/cli.js';
import { runInProcess as run } from '../helpers/run-in-process.js';
import { assertGolden } from '../helpers/golden.js';
import { parseCsv } from '../helpers/csv-parse.js';
import { vendorLog } from './vendor-scenario.js';

/** A fixed clock after every test log: --until is never taken beyond now. */
const NOW = Date.UTC(2027, 0, 1) / 1000;
const runInProcess = (args: string[], opts: { stdin?: string } = {}): ReturnType<typeof run> => run(args, { ...opts, now: NOW });

const LOG = vendorLog();
const BASE = ['--year', '2026', '--tz', 'UTC'];

async function cli(args: string[], spawn = false): Promise<string> {
  const r = spawn ? await runCli([...args, ...BASE, '-'], { stdin: LOG }) : await runInProcess([...args, ...BASE, '-'], { stdin: LOG });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  return r.stdout;
}

type Row = Record<string, unknown>;

async function domains(args: string[] = [], spawn = false): Promise<Row[]> {
  return (JSON.parse(await cli(['domains', '--format', 'json', ...args], spawn)) as { rows: Row[] }).rows;
}

interface Attempt {
  n: number;
  time: string;
  ip: string;
  sender: string | null;
  session_s: number | null;
  interval_s: number | null;
  itemised: boolean;
}
interface Message {
  senders: string[];
  sender_family: string;
  recipient: string;
  domain: string;
  ips: string[];
  verdict: string;
  reason: string;
  attempt_count: number;
  attempts: Attempt[];
  notes: string[];
}
interface EvidenceJson {
  messages: Message[];
  summary: Record<string, unknown> & { verdicts: Record<string, number> };
  window: Record<string, string>;
  notes: string[];
}

async function evidence(args: string[], spawn = false): Promise<EvidenceJson> {
  return JSON.parse(await cli(['evidence', '--format', 'json', ...args], spawn)) as EvidenceJson;
}

function byDomain(ms: Message[], domain: string): Message[] {
  return ms.filter((m) => m.domain === domain);
}

describe('vendors', { concurrency: 4 }, () => {
  test('domains: one row per sender domain, the senders most worth a complaint first', async () => {
    const rows = await domains([], true);
    assert.deepEqual(
      rows.map((r) => [r.domain, r.worst]),
      [
        ['billing.never.example', 'one-attempt'],
        ['notify.rapid.example', 'rapid-retry'],
        ['pool.example', 'pool-retry'],
        ['lists.family.example', 'pool-retry'],
        ['late.example', 'pending'],
        ['good.example', 'passed'],
        ['<>', 'one-attempt'],
      ],
    );
    const by = Object.fromEntries(rows.map((r) => [r.domain, r]));
    assert.deepEqual(
      [by['billing.never.example']!.messages, by['billing.never.example']!.one_attempt, by['billing.never.example']!.median_attempts, by['billing.never.example']!.median_first_retry_s],
      [2, 2, 1, null],
    );
    assert.deepEqual([by['notify.rapid.example']!.rapid_retry, by['notify.rapid.example']!.attempts, by['notify.rapid.example']!.median_first_retry_s], [1, 2, 1]);
    const pool = by['pool.example']!;
    assert.deepEqual(
      [pool.messages, pool.triplets, pool.addresses, pool.attempts, pool.pool_retry, pool.one_attempt, pool.median_attempts, pool.median_first_retry_s],
      [2, 6, 6, 6, 2, 0, 3, 1410],
      'two messages retried from six pool addresses: (4 + 2) / 2 attempts, first retries after 600 s and 2220 s',
    );
    const family = by['lists.family.example']!;
    assert.deepEqual([family.messages, family.senders, family.families, family.addresses, family.pool_retry], [1, 2, 1, 2, 1]);
    assert.deepEqual([by['late.example']!.pending, by['good.example']!.passed, by['good.example']!.median_attempts, by['good.example']!.median_first_retry_s], [1, 1, 3, 360]);
    assert.deepEqual([by['<>']!.messages, by['<>']!.one_attempt], [2, 2]);
  });

  test('domains --pool-prefix 24: the null sender of one /24 is one message retried', async () => {
    const by = Object.fromEntries((await domains(['--pool-prefix', '24'])).map((r) => [r.domain, r]));
    assert.deepEqual([by['<>']!.messages, by['<>']!.pool_retry, by['<>']!.one_attempt], [1, 1, 0]);
    assert.deepEqual([by['pool.example']!.messages, by['pool.example']!.pool_retry], [2, 2]);
  });

  test('domains --verdict and --top, as CSV', async () => {
    const rows = parseCsv(await cli(['domains', '--verdict', 'one-attempt', '--top', '1', '--format', 'csv']));
    assert.equal(rows.length, 2);
    assert.equal(rows[0]![0], 'domain');
    assert.equal(rows[1]![0], 'billing.never.example');
    const all = parseCsv(await cli(['domains', '--verdict', 'one-attempt', '--format', 'csv']));
    assert.deepEqual(all.slice(1).map((r) => r[0]), ['billing.never.example', '<>']);
  });

  test('evidence: every message, attempt and figure', async () => {
    const ev = await evidence(['--recipient', '@example.com'], true);
    assert.equal(ev.window.decided_at, '2026-03-10T19:00:00+00:00');
    assert.equal(ev.window.decided_by, 'last-line');

    const never = byDomain(ev.messages, 'billing.never.example');
    assert.deepEqual(never.map((m) => [m.recipient, m.verdict, m.attempt_count]), [
      ['<admin@example.com>', 'one-attempt', 1],
      ['<ops@example.com>', 'one-attempt', 1],
    ]);
    assert.equal(never[0]!.reason, '1 attempt, none in the following 9 h 59 min (up to the end of the analysed window).');
    assert.deepEqual(never[0]!.attempts, [
      { n: 1, time: '2026-03-10T09:00:01+00:00', ip: '198.51.100.10', sender: '<invoices@billing.never.example>', session_s: 2, interval_s: null, itemised: true },
    ]);

    const [rapid] = byDomain(ev.messages, 'notify.rapid.example');
    assert.equal(rapid!.verdict, 'rapid-retry');
    assert.equal(rapid!.reason, '2 attempts 1 s apart, none in the following 9 h 54 min (up to the end of the analysed window).');
    assert.deepEqual(rapid!.attempts.map((a) => [a.time, a.ip, a.session_s, a.interval_s]), [
      ['2026-03-10T09:05:01+00:00', '198.51.100.20', 2, null],
      ['2026-03-10T09:05:02+00:00', '198.51.100.20', 2, 1],
    ]);
    assert.equal(rapid!.sender_family, '<bounce-*@notify.rapid.example>');

    const pool = byDomain(ev.messages, 'pool.example');
    assert.deepEqual(pool.map((m) => [m.recipient, m.verdict, m.ips.length, m.attempt_count]), [
      ['<admin@example.com>', 'pool-retry', 4, 4],
      ['<ops@example.com>', 'pool-retry', 2, 2],
    ]);
    assert.deepEqual(pool[0]!.attempts.map((a) => [a.ip, a.interval_s]), [
      ['203.0.113.1', null],
      ['203.0.113.2', 600],
      ['203.0.113.3', 1200],
      ['203.0.113.4', 3600],
    ]);
    assert.match(pool[0]!.reason, /^4 attempts from 4 addresses \(203\.0\.113\.1, 203\.0\.113\.2, 203\.0\.113\.3, 203\.0\.113\.4\) over 1 h 30 min: the sender did retry/);

    const [good] = byDomain(ev.messages, 'good.example');
    assert.equal(good!.verdict, 'passed');
    assert.match(good!.reason, /^Passed greylisting: 192\.0\.2\.50 retried 36 min after its first attempt, later than the 25 min passtime/);
    assert.deepEqual(good!.attempts.map((a) => a.interval_s), [null, 360, 1800]);

    const [family] = byDomain(ev.messages, 'lists.family.example');
    assert.equal(family!.verdict, 'pool-retry');
    assert.deepEqual(family!.senders, ['<bounce-1001-aa11bb22@lists.family.example>', '<bounce-1002-cc33dd44@lists.family.example>']);
    assert.deepEqual(family!.attempts.map((a) => a.sender), family!.senders);

    const nulls = byDomain(ev.messages, '<>');
    assert.deepEqual(nulls.map((m) => [m.ips[0], m.verdict]), [
      ['192.0.2.77', 'one-attempt'],
      ['192.0.2.78', 'one-attempt'],
    ]);
    assert.match(nulls[0]!.notes.join(' '), /callout/);

    const [late] = byDomain(ev.messages, 'late.example');
    assert.equal(late!.verdict, 'pending');
    assert.match(late!.reason, /^Still pending: 1 attempt so far, the last 29 min 59 s before the end of the analysed window \(2026-03-10T19:00:00\+00:00\)/);
    assert.ok(ev.notes.some((n) => n.startsWith('Still pending at 2026-03-10T19:00:00+00:00: 1 message.')));

    assert.deepEqual(ev.summary.verdicts, {
      'one-attempt': 4,
      'rapid-retry': 1,
      'gave-up-early': 0,
      'too-slow': 0,
      'pool-retry': 3,
      passed: 1,
      pending: 1,
      blacklisted: 0,
    });
    assert.deepEqual(
      [ev.summary.messages, ev.summary.attempts, ev.summary.findings, ev.summary.longest_interval_s, ev.summary.first_attempt, ev.summary.last_attempt, ev.summary.span_s],
      [10, 18, 5, 3600, '2026-03-10T09:00:01+00:00', '2026-03-10T18:30:01+00:00', 34_200],
    );
  });

  test('evidence: the markdown document (golden)', async () => {
    assertGolden('evidence/vendors.md', await cli(['evidence', '--recipient', '@example.com']));
  });

  test('evidence --ip of one pool address: the whole message, never "one attempt"', async () => {
    const ev = await evidence(['--ip', '203.0.113.2']);
    assert.equal(ev.messages.length, 1);
    const [m] = ev.messages;
    assert.equal(m!.verdict, 'pool-retry');
    assert.deepEqual(m!.attempts.map((a) => [a.ip, a.itemised, a.session_s]), [
      ['203.0.113.1', false, null],
      ['203.0.113.2', true, 2],
      ['203.0.113.3', false, null],
      ['203.0.113.4', false, null],
    ]);
    assert.match(m!.notes[0]!, /outside the selection \(203\.0\.113\.1, 203\.0\.113\.3, 203\.0\.113\.4\)/);
  });

  test('evidence --pool-prefix 32: each address on its own, as the admin asked', async () => {
    const ev = await evidence(['--sender-domain', 'pool.example', '--pool-prefix', '32']);
    assert.deepEqual(ev.messages.map((m) => m.verdict), Array(6).fill('one-attempt'));
  });

  test('evidence --until: a pending sender is decided once the window is long enough', async () => {
    const ev = await evidence(['--sender-domain', 'late.example', '--until', '2026-03-11 09:00']);
    assert.equal(ev.window.decided_by, 'until');
    assert.deepEqual(ev.messages.map((m) => m.verdict), ['one-attempt']);
    assert.equal(ev.messages[0]!.reason, '1 attempt, none in the following 14 h 29 min (up to the end of the analysed window).');
  });

  test('evidence: options combine (AND), values of one option are alternatives (OR)', async () => {
    const ev = await evidence(['--sender-domain', 'never.example', '--sender-domain', 'rapid.example', '--recipient', 'admin@example.com']);
    assert.deepEqual(ev.messages.map((m) => m.domain), ['billing.never.example', 'notify.rapid.example']);
    const nets = await evidence(['--net', '192.0.2.0/24,198.51.100.99', '--sender', '<>']);
    assert.deepEqual(nets.messages.map((m) => m.ips[0]), ['192.0.2.77', '192.0.2.78']);
  });

  test('evidence: a selection that matches nothing says so and exits 0', async () => {
    const md = await cli(['evidence', '--recipient', 'nobody@example.com']);
    assert.match(md, /No attempt in the analysed logs matches the selection\./);
    assert.match(md, /\| messages \| 0 \|/);
    const csv = parseCsv(await cli(['evidence', '--recipient', 'nobody@example.com', '--format', 'csv']));
    assert.equal(csv.length, 1, 'the header only');
  });

  test('evidence --format csv: one row per attempt', async () => {
    const rows = parseCsv(await cli(['evidence', '--sender-domain', 'pool.example', '--format', 'csv']));
    assert.deepEqual(rows[0], ['message', 'attempt', 'time', 'ip', 'sender', 'sender_family', 'recipient', 'session_s', 'interval_s', 'itemised', 'verdict', 'reason']);
    assert.deepEqual(
      rows.slice(1).map((r) => [r[0], r[1], r[3], r[8], r[10]]),
      [
        ['1', '1', '203.0.113.1', '', 'pool-retry'],
        ['1', '2', '203.0.113.2', '600', 'pool-retry'],
        ['1', '3', '203.0.113.3', '1200', 'pool-retry'],
        ['1', '4', '203.0.113.4', '3600', 'pool-retry'],
        ['2', '1', '203.0.113.5', '', 'pool-retry'],
        ['2', '2', '203.0.113.6', '2220', 'pool-retry'],
      ],
    );
  });

  test('evidence --format text', async () => {
    const text = await cli(['evidence', '--sender-domain', 'rapid.example', '--format', 'text']);
    assert.match(text, /Verdict: rapid-retry\. 2 attempts 1 s apart, none in the following 9 h 54 min/);
    assert.match(text, /\n\s+2\s+2026-03-10T09:05:02\+00:00\s+198\.51\.100\.20\s+2 s\s+1 s\n/);
    assert.match(text, /RFC 5321 \(SMTP\), section 4\.5\.4\.1/);
    assert.match(text, /SHOULD be at least 30 minutes/);
  });
});

test('samples/synthetic/evidence-vendors.log is this scenario (the README shows it)', () => {
  assert.equal(readFileSync(sample('synthetic', 'evidence-vendors.log'), 'utf8'), LOG);
});
