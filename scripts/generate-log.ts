// Write a generated spamd log (test/generator) and, optionally, what its analysis must conclude.
//   npx tsx scripts/generate-log.ts --preset month --out samples/generated/month.log --readme samples/generated/README.md
//   npx tsx scripts/generate-log.ts --seed 7 --start 2026-03-01 --end 2026-03-31T12:00:00Z --copies 50 --expect expect.json > big.log
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeLog } from '../test/generator/describe-log.js';
import { generateLog, type GenerateOptions } from '../test/generator/generate-log.js';
import { PRESETS } from '../test/generator/presets.js';
import { SCENARIOS } from '../test/generator/scenarios.js';

const HELP = `Usage: npx tsx scripts/generate-log.ts [options]

  --preset <name>      start from a preset (${Object.keys(PRESETS).join(', ')})
  --seed <n>           PRNG seed (default 1)
  --start <time>       first line, ISO 8601 (a date means its midnight UTC)
  --end <time>         E, the last spamd line (end-anchored scenarios end here)
  --tz <zone>          IANA zone of the syslog timestamps (default UTC)
  --host <name>        syslog host field (default mx1)
  --scenarios <a,b>    only these scenarios (default: all; see --list)
  --copies <n>         every scenario n times, fresh addresses (default 1)
  --passtime <s>, --greyexp <s>, --burst <s>   timing in seconds
  --no-verbose         spamd without -v: no (GREY)/(BLACK)/header lines
  --no-debug           no grey.c debug lines (daemon.info)
  --no-noise           no other programs' lines
  --out <file>         write the log here (default: stdout)
  --expect <file>      write the expected rows and counts as JSON
  --readme <file>      write a README of what the analysis must conclude
  --list               list the scenarios
`;

const { values } = parseArgs({
  options: {
    preset: { type: 'string' },
    seed: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    tz: { type: 'string' },
    host: { type: 'string' },
    scenarios: { type: 'string' },
    copies: { type: 'string' },
    passtime: { type: 'string' },
    greyexp: { type: 'string' },
    burst: { type: 'string' },
    'no-verbose': { type: 'boolean' },
    'no-debug': { type: 'boolean' },
    'no-noise': { type: 'boolean' },
    out: { type: 'string' },
    expect: { type: 'string' },
    readme: { type: 'string' },
    list: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

function fail(msg: string): never {
  process.stderr.write(`generate-log: ${msg}\n`);
  process.exit(2);
}

function time(v: string, name: string): number {
  const ms = Date.parse(/^\d{4}-\d\d-\d\d$/.test(v) ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(ms)) fail(`${name}: '${v}' is not an ISO 8601 time`);
  return ms / 1000;
}

function int(v: string, name: string): number {
  if (!/^\d+$/.test(v)) fail(`${name}: '${v}' is not a whole number`);
  return Number(v);
}

if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
if (values.list) {
  for (const s of SCENARIOS) process.stdout.write(`${s.name.padEnd(22)} ${s.description}\n`);
  process.exit(0);
}

const base: Partial<GenerateOptions> = values.preset !== undefined ? (PRESETS[values.preset] ?? fail(`--preset: unknown preset '${values.preset}'`)) : {};
const options: GenerateOptions = {
  ...base,
  seed: values.seed !== undefined ? int(values.seed, '--seed') : (base.seed ?? 1),
  start: values.start !== undefined ? time(values.start, '--start') : (base.start ?? fail('--start is required without --preset')),
  end: values.end !== undefined ? time(values.end, '--end') : (base.end ?? fail('--end is required without --preset')),
};
if (values.tz !== undefined) options.zone = values.tz;
if (values.host !== undefined) options.host = values.host;
if (values.scenarios !== undefined) options.scenarios = values.scenarios.split(',').map((s) => s.trim());
if (values.copies !== undefined) options.copies = int(values.copies, '--copies');
const timing: GenerateOptions['timing'] = { ...base.timing };
if (values.passtime !== undefined) timing.passtime = int(values.passtime, '--passtime');
if (values.greyexp !== undefined) timing.greyexp = int(values.greyexp, '--greyexp');
if (values.burst !== undefined) timing.burst = int(values.burst, '--burst');
options.timing = timing;
if (values['no-verbose']) options.verbose = false;
if (values['no-debug']) options.debug = false;
if (values['no-noise']) options.noise = false;

let log;
try {
  log = generateLog(options);
} catch (err) {
  fail((err as Error).message);
}
if (values.out !== undefined) writeFileSync(values.out, log.text);
else process.stdout.write(log.text);
if (values.expect !== undefined) {
  const { text: _text, lines: _lines, ...expect } = log;
  writeFileSync(values.expect, JSON.stringify(expect, null, 2) + '\n');
}
if (values.readme !== undefined) {
  const command = ['npx tsx scripts/generate-log.ts', ...process.argv.slice(2)].join(' ');
  writeFileSync(values.readme, describeLog(log, { file: values.out ?? 'spamd.log', command }));
}
