// Every option of every command with a wrong value: one line on stderr that names the option and
// the accepted form, exit 2, nothing on stdout, before any input is opened. The table must
// cover every option that takes a value, so a new option cannot be added without its cases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgram } from '../src/cli.js';
import { COMMANDS } from '../src/options.js';
import { machineZoneName } from '../src/parse/zone.js';
import { createTestIo, runInProcess } from './helpers/run-in-process.js';

/** Wrong values per option, and what the message must show of the accepted form. */
const BAD: Record<string, { values: string[]; form: RegExp }> = {
  '--format': { values: ['xml', ''], form: /Allowed choices are (\w+, )+\w+\./ },
  '--tz': { values: ['Mars/Base', '+02:00'], form: /IANA time zone name, like Europe\/Berlin/ },
  '--passtime': { values: ['25 minutes', '9'.repeat(400), '5h'], form: /like 90s, 25m|spamd defaults: 25m and 4h/ },
  '--greyexp': { values: ['-1', '10m'], form: /like 90s, 25m|spamd defaults: 25m and 4h/ },
  '--burst': { values: ['1x', '', '25m', '1h'], form: /like 90s, 25m|defaults: 60s and 25m/ },
  '--since': { values: ['2026-02-30', '2026-10-02T25:00'], form: /today, yesterday, 7d, 12h, a date \(2026-10-02\)/ },
  '--until': { values: ['soon', '2026-13-01'], form: /today, yesterday, 7d, 12h, a date \(2026-10-02\)/ },
  '--year': { values: ['26', '0050'], form: /four-digit year from 1970 on, like 2026/ },
  '--verdict': { values: [',', 'passed,nope'], form: /blacklisted, passed, pending, pool-retry/ },
  '--sort': { values: ['nope', '-'], form: /use one of [\w, ]*, '-' prefix for descending/ },
  '--top': { values: ['0', '1.5'], form: /whole number of at least 1/ },
  '--jobs': { values: ['x', '-1', '257'], form: /whole number from 0 to 256/ },
  '--pool-prefix': { values: ['7', '/33'], form: /prefix length from 8 to 32, like 24/ },
  // A file that cannot be read is an input error (exit 1, the toolbox's tests); here only a missing value.
  '--spamdb': { values: [], form: /<file>/ },
  '--exclude-from': { values: [], form: /<file>/ },
  '--ip': { values: ['192.0.2.10/24', '2001:db8::1'], form: /like 192\.0\.2\.10/ },
  '--net': { values: ['10.0.0.0/99', '192.0.2.0/'], form: /like 192\.0\.2\.0\/24/ },
  '--sender-domain': { values: [''], form: /say what it is about with/ },
  '--sender': { values: [''], form: /say what it is about with/ },
  '--recipient': { values: [''], form: /say what it is about with/ },
};

/** What a command needs besides the option under test to get as far as its values (evidence: what it is about). */
const NEEDS: Record<string, string[]> = { evidence: ['--ip', '192.0.2.10'] };
const SELECTORS = new Set(['--ip', '--net', '--sender-domain', '--sender', '--recipient']);

interface OptionInfo {
  command: string;
  long: string;
  takesValue: boolean;
}

function allOptions(): OptionInfo[] {
  const program = createProgram(createTestIo(), async () => 0, () => {});
  const out: OptionInfo[] = [];
  for (const cmd of program.commands) {
    for (const o of cmd.options) out.push({ command: cmd.name(), long: o.long!, takesValue: o.required || o.optional });
  }
  return out;
}

function assertOneLineUsageError(r: { code: number | null; stdout: string; stderr: string }, option: string, form: RegExp | null, what: string): void {
  assert.equal(r.code, 2, `${what}: exit ${r.code}, ${r.stderr}`);
  assert.equal(r.stdout, '', what);
  const lines = r.stderr.split('\n');
  assert.equal(lines.length, 2, `${what}: one line, not ${JSON.stringify(r.stderr)}`);
  assert.equal(lines[1], '');
  assert.match(lines[0]!, /^spamd-report: /, what);
  assert.ok(lines[0]!.includes(option), `${what}: the message names ${option}: ${lines[0]}`);
  if (form) assert.match(lines[0]!, form, `${what}: the message shows the accepted form`);
}

test('the table covers every option that takes a value, in every command', () => {
  const options = allOptions();
  assert.deepEqual(new Set(options.map((o) => o.command)), new Set(COMMANDS));
  for (const o of options) if (o.takesValue) assert.ok(BAD[o.long], `${o.command} ${o.long} has no wrong values in the table`);
});

for (const command of COMMANDS) {
  test(`${command}: every option with a wrong value is one line naming it and its form, exit 2`, async () => {
    for (const o of allOptions().filter((x) => x.command === command && x.takesValue)) {
      const { values, form } = BAD[o.long]!;
      for (const value of values) {
        // A file that does not exist: a usage error must come first (exit 2, not 1).
        const needs = SELECTORS.has(o.long) ? [] : (NEEDS[command] ?? []);
        const r = await runInProcess([command, ...needs, o.long, value, 'no-such-file.log']);
        assertOneLineUsageError(r, o.long, form, `${command} ${o.long} ${JSON.stringify(value)}`);
      }
      // The value left out at the end of the line.
      const missing = await runInProcess([command, o.long]);
      assertOneLineUsageError(missing, o.long, /argument missing|<\w+>/, `${command} ${o.long} (no value)`);
    }
    for (const o of allOptions().filter((x) => x.command === command && !x.takesValue && x.long !== '--version')) {
      const r = await runInProcess([command, ...(NEEDS[command] ?? []), `${o.long}=yes`, 'no-such-file.log']);
      assertOneLineUsageError(r, o.long, /takes no value/, `${command} ${o.long}=yes`);
    }
  });
}

test('a window that ends before it starts is a usage error, found before any file is opened', async () => {
  const r = await runInProcess(['summary', '--since', '2026-10-03', '--until', '2026-10-01', '--spamdb', 'no-such-dump.txt', 'no-such-file.log']);
  assertOneLineUsageError(r, '--since', /after --until/, '--since after --until');
});

test('an unknown option or command word is one line, exit 2; control characters in it are escaped', async () => {
  assertOneLineUsageError(await runInProcess(['--bogus']), '--bogus', null, '--bogus');
  assertOneLineUsageError(await runInProcess(['senders', '--stirct']), '--stirct', /Did you mean --strict\?/, 'a typo');
  const r = await runInProcess(['summary', '--tz', '\u001b[2J\u0007']);
  assertOneLineUsageError(r, '--tz', null, 'a value with control characters');
  assert.ok(!/[\u0000-\u0009\u000b-\u001f]/.test(r.stderr), JSON.stringify(r.stderr));
  assert.match(r.stderr, /\\x1b\[2J\\x07/);
});

test('a command word after an option, or mistyped, is a usage error naming the command, not a missing file', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--tz', 'UTC', 'senders', 'samples/generated/month.log'], /'senders' is a command, not a file: give the command first/],
    [['sender', 'samples/generated/month.log'], /'sender': no such file, and no such command \(did you mean senders\?\)/],
    [['summary', 'tripplets'], /did you mean triplets\?/],
  ];
  for (const [args, message] of cases) {
    const r = await runInProcess(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
  // A file of that name is read as a file; another missing file is an input error (exit 1).
  assert.equal((await runInProcess(['summary', 'no-such-file.log'])).code, 1);
});

test('a TZ the zone database does not know is said once on stderr (times are then UTC); a known one, UTC or a zone file is not', async () => {
  const warned = /TZ='.*' is not a time zone this program knows .* give --tz/;
  for (const tz of ['CET-1CEST,M3.5.0,M10.5.0/3', 'Bogus/Zone']) {
    const r = await runInProcess(['summary', '-'], { stdin: '', env: { NO_COLOR: '1', TZ: tz } });
    if (machineZoneName() === 'UTC') assert.match(r.stderr, warned, tz);
    assert.equal(r.code, 0);
  }
  for (const tz of ['UTC', ':/etc/localtime', 'Etc/UTC', '']) {
    const r = await runInProcess(['summary', '-'], { stdin: '', env: { NO_COLOR: '1', TZ: tz } });
    assert.doesNotMatch(r.stderr, warned, tz);
  }
  const given = await runInProcess(['summary', '--tz', 'UTC', '-'], { stdin: '', env: { NO_COLOR: '1', TZ: 'Bogus/Zone' } });
  assert.doesNotMatch(given.stderr, warned, '--tz given');
});
