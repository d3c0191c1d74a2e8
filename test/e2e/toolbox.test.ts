// The toolbox end to end, on a simulated gateway whose spamdb listing matches its log: the
// spamdb command (stdin, both GREY layouts, every format), --spamdb on the log commands,
// --exclude-from with a nospamd file, malformed lines, unreadable files, hostile text.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli, type CliResult } from '../helpers/cli.js';
import { assertGolden, ROOT } from '../helpers/golden.js';
import { IP, UNTIL, writeScenario, type ScenarioFiles, type Variant } from '../helpers/toolbox-scenario.js';

type Row = Record<string, unknown>;

let dir = '';
const files = {} as Record<Variant, ScenarioFiles>;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'spamd-report-toolbox-'));
  for (const v of ['verbose', 'nonverbose', 'old-layout'] as const) files[v] = writeScenario(join(dir, v), v);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const LOG_ARGS = ['--tz', 'UTC', '--year', '2026', '--until', UNTIL];

async function json(args: string[], opts: { cwd?: string; stdin?: string } = {}): Promise<{ r: CliResult; j: Record<string, unknown> }> {
  const r = await runCli([...args, '--format', 'json'], opts);
  assert.equal(r.code, 0, r.stderr);
  return { r, j: JSON.parse(r.stdout) as Record<string, unknown> };
}

function rowsOf(j: Record<string, unknown>): Row[] {
  return j.rows as Row[];
}

function byIp(rows: Row[]): Record<string, Row> {
  return Object.fromEntries(rows.map((r) => [String(r.ip), r]));
}

test('spamdb | spamd-report spamdb -: entries by type, judged now', async () => {
  const { j } = await json(['spamdb', '-'], { stdin: readFileSync(files.verbose.dump, 'utf8') });
  assert.deepEqual(j.entries, [
    { type: 'GREY', entries: 5 },
    { type: 'WHITE', entries: 2 },
    { type: 'TRAPPED', entries: 1 },
    { type: 'SPAMTRAP', entries: 1 },
  ]);
  const listing = j.listing as Row;
  assert.equal(listing.judged_at_from, 'now (standard input)');
  assert.equal(listing.unparsed, 0);
  // judged now (weeks after the listing was taken): every GREY tuple that did not pass has expired
  assert.deepEqual(j.grey_states, [
    { state: 'passed', tuples: 2 },
    { state: 'waiting', tuples: 0 },
    { state: 'can-pass', tuples: 0 },
    { state: 'expired', tuples: 3 },
  ]);
});

for (const variant of ['verbose', 'old-layout'] as const) {
  test(`spamdb listing (${variant}): GREY tuples with bcount, age and whether they can still pass; WHITE; TRAPPED`, async () => {
    const { j } = await json(['spamdb', '--utc', '--until', '2026-10-02T11:00:00Z', files[variant].dump]);
    assert.equal((j.listing as Row).grey_layout, variant === 'verbose' ? 'with helo' : 'without helo (spamdb 1.11)');
    const grey = byIp(j.grey as Row[]);
    assert.deepEqual(
      Object.values(grey).map((g) => [g.ip, g.helo, g.state, g.bcount, g.age_s, g.passed_at]),
      [
        [IP.good, variant === 'verbose' ? 'mail.example.net' : null, 'passed', 2, 10_800, '2026-10-02T08:30:00Z'],
        [IP.never, variant === 'verbose' ? 'mx.vendor.example' : null, 'can-pass', 1, 10_200, null],
        [IP.rapid, variant === 'verbose' ? 'bulk.example.org' : null, 'can-pass', 3, 9900, null],
        [IP.backup, variant === 'verbose' ? 'smtp.partner.example' : null, 'passed', 2, 9600, '2026-10-02T09:00:00Z'],
        [IP.negated, variant === 'verbose' ? 'relay.vendor.example' : null, 'can-pass', 1, 9300, null],
      ],
    );
    const white = byIp(j.white as Row[]);
    assert.deepEqual(white[IP.good], {
      ip: IP.good,
      origin: 'greylisting',
      first_seen: '2026-10-02T08:00:00Z',
      passed_at: '2026-10-02T08:30:00Z',
      waited_s: 1800,
      bcount: 2,
      pcount: 1,
      expires: '2026-11-07T08:31:00Z',
      expired: false,
    });
    assert.equal(white[IP.backup]?.passed_at, '2026-10-02T09:00:00Z');
    assert.deepEqual(j.trapped, [{ ip: IP.trapped, expires: '2026-10-03T08:33:20Z', expired: false }]);
    assert.deepEqual(j.spamtraps, [{ address: 'trap@example.com' }]);
  });
}

test('spamdb report in every format (goldens: markdown, csv; the others parse)', async () => {
  const cwd = join(dir, 'verbose');
  const base = ['spamdb', '--utc', '--until', '2026-10-02T11:00:00Z', 'spamdb.txt'];
  const formats = ['table', 'csv', 'json', 'ndjson', 'markdown'];
  const results = await Promise.all(formats.map((format) => runCli([...base, '--format', format], { cwd })));
  for (const [i, format] of formats.entries()) {
    const r = results[i]!;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /192\.0\.2\.10/);
    if (format === 'markdown') assertGolden('toolbox/spamdb.md', r.stdout);
    if (format === 'csv') assertGolden('toolbox/spamdb.csv', r.stdout);
    if (format === 'ndjson') for (const line of r.stdout.trim().split('\n')) JSON.parse(line);
  }
});

test('--spamdb with a -v log: HELO and spamd attempt counts per triplet, next to what the log decided', async () => {
  const f = files.verbose;
  const without = byIp(rowsOf((await json(['triplets', ...LOG_ARGS, f.log])).j));
  // the retry went to the backup MX, but this log has the `whitelisting` debug line of the sync
  assert.equal(without[IP.backup]?.verdict, 'passed');
  assert.equal(without[IP.backup]?.source, undefined, 'no listing columns without --spamdb');

  const { r, j } = await json(['triplets', ...LOG_ARGS, '--spamdb', f.dump, f.log]);
  const t = byIp(rowsOf(j));
  assert.deepEqual(
    [IP.good, IP.never, IP.rapid, IP.backup, IP.negated].map((ip) => [ip, t[ip]?.verdict, t[ip]?.verdict_from, t[ip]?.source, t[ip]?.spamdb_helo, t[ip]?.spamdb_bcount, t[ip]?.spamdb_passed_at]),
    [
      [IP.good, 'passed', 'log', 'log+spamdb', 'mail.example.net', 2, '2026-10-02T08:30:00+00:00'],
      [IP.never, 'one-attempt', 'log', 'log+spamdb', 'mx.vendor.example', 1, null],
      [IP.rapid, 'rapid-retry', 'log', 'log+spamdb', 'bulk.example.org', 3, null],
      [IP.backup, 'passed', 'log', 'log+spamdb', 'smtp.partner.example', 2, '2026-10-02T09:00:00+00:00'],
      [IP.negated, 'one-attempt', 'log', 'log+spamdb', 'relay.vendor.example', 1, null],
    ],
  );
  // seen in the log after the listing was taken: nothing from the listing
  assert.equal(t[IP.late]?.source, 'log');
  assert.equal(t[IP.late]?.verdict, 'pending');
  assert.ok((j.notes as string[]).some((n) => /spamdb listing .*spamdb\.txt/.test(n)), 'a note says which facts came from the listing');
  assert.equal(r.stderr, '');
});

test('--spamdb with a log without -v: triplets come from the listing; WHITE confirms an address pass', async () => {
  const f = files.nonverbose;
  assert.equal(rowsOf((await json(['triplets', ...LOG_ARGS, f.log])).j).length, 0);
  const { j } = await json(['triplets', ...LOG_ARGS, '--spamdb', f.dump, f.log]);
  const t = byIp(rowsOf(j));
  assert.deepEqual(
    Object.values(t).map((x) => [x.ip, x.sender, x.verdict, x.source, x.attempts, x.spamdb_helo, x.spamdb_bcount]),
    [
      [IP.good, '<alice@example.net>', 'passed', 'spamdb', 0, 'mail.example.net', 2],
      [IP.backup, '<orders@partner.example>', 'passed', 'spamdb', 0, 'smtp.partner.example', 2],
      [IP.never, '<noreply@vendor.example>', 'pending', 'spamdb', 0, 'mx.vendor.example', 1],
      [IP.negated, '<billing@vendor.example>', 'pending', 'spamdb', 0, 'relay.vendor.example', 1],
      [IP.rapid, '<news@bulk.example.org>', 'pending', 'spamdb', 0, 'bulk.example.org', 3],
    ],
  );
  assert.ok((j.notes as string[]).some((n) => /known from the spamdb listing only/.test(n)));

  const before = byIp(rowsOf((await json(['senders', ...LOG_ARGS, f.log])).j));
  assert.equal(before[IP.backup]?.verdict, 'one-attempt');
  const s = byIp(rowsOf((await json(['senders', ...LOG_ARGS, '--spamdb', f.dump, f.log])).j));
  assert.deepEqual([s[IP.backup]?.verdict, s[IP.backup]?.verdict_from, s[IP.backup]?.spamdb_white_since], ['passed', 'spamdb', '2026-10-02T09:00:00+00:00']);
  assert.deepEqual([s[IP.rapid]?.verdict, s[IP.rapid]?.verdict_from, s[IP.rapid]?.spamdb_bcount], ['rapid-retry', 'log', 3]);
  assert.equal(s[IP.trapped]?.spamdb_trapped_until, '2026-10-03T08:33:20+00:00');
});

test('--spamdb with the old layout (no helo, no debug lines): a pass via the backup MX clears a one-attempt', async () => {
  const f = files['old-layout'];
  const without = byIp(rowsOf((await json(['triplets', ...LOG_ARGS, f.log])).j));
  assert.equal(without[IP.backup]?.verdict, 'one-attempt', 'the log alone cannot see the retry at the backup MX');
  const t = byIp(rowsOf((await json(['triplets', ...LOG_ARGS, '--spamdb', f.dump, f.log])).j));
  assert.deepEqual([t[IP.backup]?.verdict, t[IP.backup]?.verdict_from, t[IP.backup]?.spamdb_helo, t[IP.backup]?.spamdb_bcount], ['passed', 'spamdb', null, 2]);
  assert.deepEqual([t[IP.rapid]?.spamdb_helo, t[IP.rapid]?.spamdb_bcount], [null, 3]);
});

test('summary with --spamdb and --exclude-from: sections for both', async () => {
  const f = files.verbose;
  const { j } = await json(['summary', ...LOG_ARGS, '--spamdb', f.dump, '--exclude-from', f.nospamd, f.log]);
  assert.deepEqual(j.spamdb, {
    file: f.dump,
    entries: 9,
    grey: 5,
    white: 2,
    trapped: 1,
    spamtrap: 1,
    unparsed: 0,
    addresses_in_listing: 6,
    triplets_in_listing: 5,
    triplets_only_in_listing: 0,
    triplet_verdicts_from_listing: 0,
    address_verdicts_from_listing: 0,
  });
  assert.deepEqual(j.excusals, { files: f.nospamd, entries: 4, excused_addresses: 1, excused_triplets: 1, listed_addresses_seen: 1 });
  const v = Object.fromEntries((j.verdicts as Row[]).map((r) => [r.verdict, r.addresses]));
  assert.equal(v.excused, 1);
});

test('--exclude-from nospamd: CIDRs and comments excuse, a negation does not; repeatable; --verdict excused', async () => {
  const f = files.verbose;
  const plain = byIp(rowsOf((await json(['senders', ...LOG_ARGS, f.log])).j));
  assert.equal(plain[IP.never]?.verdict, 'one-attempt');
  const s = byIp(rowsOf((await json(['senders', ...LOG_ARGS, '--exclude-from', f.nospamd, f.log])).j));
  assert.equal(s[IP.never]?.verdict, 'excused');
  assert.equal(s[IP.negated]?.verdict, 'one-attempt', '!198.51.100.66 keeps it out of the /24');
  assert.equal(s[IP.good]?.verdict, 'passed');
  const extra = join(dir, 'more-excused');
  writeFileSync(extra, `# second list\n${IP.rapid}/32\n`);
  const t = rowsOf((await json(['triplets', ...LOG_ARGS, '--exclude-from', f.nospamd, '--exclude-from', extra, '--verdict', 'excused', f.log])).j);
  assert.deepEqual(t.map((x) => x.ip).sort(), [IP.rapid, IP.never].sort());
});

test('malformed listing lines are counted and shown with file:line; --strict makes them an error', async () => {
  const bad = join(dir, 'bad-spamdb.txt');
  writeFileSync(bad, readFileSync(files.verbose.dump, 'utf8') + 'spamdb: no entry for 192.0.2.1\nGREY|192.0.2.1|h|<a|b>|<c>|1|2|3|4|0\nWHITE|192.0.2.2|||x|2|3|4|5\n');
  const r = await runCli(['spamdb', '--format', 'json', bad]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /of 12 spamdb lines, not understood: 1 unknown-type, 1 ambiguous, 1 bad-number/);
  assert.match(r.stderr, /bad-spamdb\.txt:10: \[unknown-type\] spamdb: no entry/);
  assert.match(r.stderr, /bad-spamdb\.txt:11: \[ambiguous\]/);
  const j = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal((j.listing as Row).unparsed, 3);
  assert.deepEqual((j.unparsed as Row[]).map((u) => u.where), [`${bad}:10`, `${bad}:11`, `${bad}:12`]);
  assert.equal((await runCli(['spamdb', '--strict', bad])).code, 1);
  const joined = await runCli(['summary', ...LOG_ARGS, '--format', 'json', '--spamdb', bad, files.verbose.log]);
  assert.equal(joined.code, 0);
  assert.match(joined.stderr, /bad-spamdb\.txt:11: \[ambiguous\]/);
  assert.equal(((JSON.parse(joined.stdout) as Record<string, Row>).spamdb as Row).unparsed, 3);
  assert.equal((await runCli(['summary', ...LOG_ARGS, '--strict', '--spamdb', bad, files.verbose.log])).code, 1);
});

test('a nospamd token that is not an address is reported with file:line and ignored', async () => {
  const list = join(dir, 'nospamd-with-names');
  writeFileSync(list, '198.51.100.0/24\nmx.vendor.example\n192.0.2.0/99\n');
  const r = await runCli(['senders', ...LOG_ARGS, '--format', 'json', '--exclude-from', list, files.verbose.log]);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /nospamd-with-names:2: 'mx\.vendor\.example' ignored: a host or interface name/);
  assert.match(r.stderr, /nospamd-with-names:3: '192\.0\.2\.0\/99' ignored/);
  assert.equal(byIp(rowsOf(JSON.parse(r.stdout) as Record<string, unknown>))[IP.never]?.verdict, 'excused');
  assert.equal((await runCli(['senders', ...LOG_ARGS, '--strict', '--exclude-from', list, files.verbose.log])).code, 1);
});

test('missing files end the run (exit 1); standard input cannot be both log and listing (exit 2)', async () => {
  const f = files.verbose;
  const [noDump, noList, noListing, both, two] = await Promise.all([
    runCli(['summary', ...LOG_ARGS, '--spamdb', join(dir, 'nope.txt'), f.log]),
    runCli(['summary', ...LOG_ARGS, '--exclude-from', join(dir, 'nospamd-missing'), f.log]),
    runCli(['spamdb', join(dir, 'nope.txt')]),
    runCli(['summary', '--spamdb', '-', '-'], { stdin: '' }),
    runCli(['spamdb', 'a.txt', 'b.txt']),
  ]);
  assert.equal(noDump.code, 1);
  assert.match(noDump.stderr, /nope\.txt: no such file/);
  assert.equal(noDump.stdout, '');
  assert.equal(noList.code, 1);
  assert.match(noList.stderr, /nospamd-missing: no such file/);
  assert.equal(noListing.code, 1);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--spamdb: standard input is already the log/);
  assert.equal(two.code, 2);
  // the listing on standard input, the log named
  const piped = await runCli(['triplets', ...LOG_ARGS, '--format', 'json', '--spamdb', '-', f.log], { stdin: readFileSync(f.dump, 'utf8') });
  assert.equal(piped.code, 0, piped.stderr);
  assert.equal(byIp((JSON.parse(piped.stdout) as { rows: Row[] }).rows)[IP.backup]?.verdict, 'passed');
});

test('sender text from the listing never reaches a terminal, spreadsheet or letter raw', async () => {
  const evil = join(dir, 'evil-spamdb.txt');
  writeFileSync(evil, 'GREY|192.0.2.66|\u001b[31mred\u001b[0m|=HYPERLINK("http://x")|<[click](http://x)>|1790928000|1790942400|1790942400|1|0\nSPAMTRAP|+cmd@example.com\n');
  const base = ['spamdb', '--utc', '--until', '2026-10-02T11:00:00Z', evil];
  const [table, csv, md, js] = await Promise.all([
    runCli(base),
    runCli([...base, '--format', 'csv']),
    runCli([...base, '--format', 'markdown']),
    runCli([...base, '--format', 'json']),
  ]);
  assert.ok(!table.stdout.includes('\u001b'), 'no raw ESC in a table');
  assert.match(table.stdout, /\\x1b\[31mred/);
  assert.match(csv.stdout, /'=HYPERLINK/);
  assert.match(csv.stdout, /'\+cmd@example\.com/);
  assert.ok(!md.stdout.includes('[click](http'), 'no Markdown link');
  assert.ok(!js.stdout.includes('\u001b'));
  assert.equal(((JSON.parse(js.stdout) as { grey: Row[] }).grey[0]?.helo as string).charCodeAt(0), 27);
});

test('--spamdb triplets as CSV (golden)', async () => {
  const cwd = join(dir, 'verbose');
  const r = await runCli(['triplets', ...LOG_ARGS, '--format', 'csv', '--spamdb', 'spamdb.txt', '--exclude-from', 'nospamd', 'spamd.log'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assertGolden('toolbox/triplets-spamdb.csv', r.stdout);
});

test('samples/toolbox is what the generator writes (npx tsx scripts/gen-toolbox-samples.ts)', () => {
  for (const v of ['verbose', 'nonverbose', 'old-layout'] as const) {
    for (const name of ['spamd.log', 'spamd-mx2.log', 'spamdb.txt', 'nospamd']) {
      const committed = readFileSync(join(ROOT, 'samples', 'toolbox', v, name), 'utf8');
      assert.equal(committed, readFileSync(join(dir, v, name), 'utf8'), `samples/toolbox/${v}/${name}`);
    }
  }
});
