// Command-line wiring only: commander → Options → main(). No analysis here.
import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE, UsageError } from './errors.js';
import { writeAll, type Io } from './io.js';
import {
  COMMANDS,
  DEFAULTS,
  FORMATS,
  parseDuration,
  parsePositiveInt,
  parseVerdicts,
  parseYear,
  type Command as CommandName,
  type Format,
  type Options,
} from './options.js';
import { isValidZone, machineZoneName } from './parse/zone.js';
import { SORTABLE } from './report/model.js';
import { VERDICTS } from './analyze/verdicts.js';
import { VERSION } from './version.js';

const DESCRIPTIONS: Record<CommandName, string> = {
  summary: 'what was analysed, verdict counts, retry-delay histogram, worst senders (default)',
  senders: 'one row per sending address',
  triplets: 'one row per greylist triplet (address, envelope sender, recipient)',
  sessions: 'one row per SMTP session',
};

const EXAMPLES: Record<CommandName, string> = {
  summary: `
Examples:
  spamd-report                                   # /var/log/spamd and its rotated spamd.N.gz, oldest first
  spamd-report summary /var/log/spamd.0.gz /var/log/spamd
  zcat /var/log/spamd.*.gz | spamd-report summary --year 2026 -
  spamd-report summary --since yesterday --until yesterday --format markdown`,
  senders: `
Examples:
  spamd-report senders --verdict one-attempt,rapid-retry /var/log/spamd
  spamd-report senders --sort -sessions --top 20 --format csv /var/log/spamd > senders.csv`,
  triplets: `
Examples:
  spamd-report triplets --verdict rapid-retry,one-attempt /var/log/spamd
  spamd-report triplets --format csv --utc /var/log/spamd.1.gz /var/log/spamd.0.gz > triplets.csv
  spamd-report triplets --sort -attempts --top 10 --since 7d`,
  sessions: `
Examples:
  spamd-report sessions /var/log/spamd | less -S
  spamd-report sessions --format ndjson --since today /var/log/spamd`,
};

interface RawOptions {
  format: Format;
  tz?: string;
  utc?: boolean;
  passtime: number;
  greyexp: number;
  burst: number;
  verdict?: ReturnType<typeof parseVerdicts>;
  sort?: string;
  top?: number;
  since?: string;
  until?: string;
  year?: number;
  strict?: boolean;
  progress?: boolean;
  jobs?: number;
}

/** Commander calls option parsers with (value, previous); ours take (value, option name). */
function using<T>(fn: (value: string, option: string) => T, option: string): (value: string) => T {
  return (value) => fn(value, option);
}

function addCommonOptions(cmd: Command, name: CommandName): Command {
  cmd
    .argument('[file...]', "log files (plain or gzip), '-' for standard input")
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--tz <zone>', 'IANA time zone of the log and the output (default: this machine\'s)')
    .option('--utc', 'print times in UTC (Z)')
    .option('--passtime <duration>', "spamd's passtime (-G)", using(parseDuration, '--passtime'), DEFAULTS.passtime)
    .option('--greyexp <duration>', "spamd's greyexp (-G)", using(parseDuration, '--greyexp'), DEFAULTS.greyexp)
    .option('--burst <duration>', 'gaps up to this count as retrying within seconds', using(parseDuration, '--burst'), DEFAULTS.burst)
    .option('--since <when>', 'analyse from: today, yesterday, 7d, 2026-10-02, "2026-10-02 19:55"')
    .option('--until <when>', 'analyse up to (a date means its end); verdicts are decided there')
    .option('--year <yyyy>', 'year of the first line (BSD timestamps have none)', parseYear)
    .option('--strict', 'exit 1 when any spamd line could not be understood')
    .option('--progress', 'show a progress bar on stderr (default: when stderr is a terminal and the input is large)')
    .option('--no-progress', 'never show a progress bar')
    .option('--jobs <n>', 'parse up to n input files at once in worker threads (default: number of CPUs; 1: one after the other)', using(parsePositiveInt, '--jobs'));
  if (name !== 'sessions') cmd.option('--verdict <list>', `only rows with these verdicts: ${VERDICTS.join(',')}`, parseVerdicts);
  if (name === 'summary') cmd.option('--top <n>', 'how many worst addresses to list', using(parsePositiveInt, '--top'));
  else {
    const cols = SORTABLE[name].map((c) => c.key).join(', ');
    cmd.option('--sort <column>', `sort rows by a column, '-' prefix for descending (${cols})`);
    cmd.option('--top <n>', 'only the first N rows after sorting', using(parsePositiveInt, '--top'));
  }
  return cmd;
}

function toOptions(name: CommandName, files: string[], raw: RawOptions): Options {
  const zone = raw.tz ?? machineZoneName();
  if (!isValidZone(zone)) throw new UsageError(`--tz: '${raw.tz}' is not an IANA time zone name, like Europe/Berlin or UTC`);
  if (raw.sort !== undefined && name !== 'summary') {
    const key = raw.sort.replace(/^-/, '');
    const cols = SORTABLE[name].map((c) => c.key);
    if (!cols.includes(key)) throw new UsageError(`--sort: '${raw.sort}' is not a column of ${name}; use one of ${cols.join(', ')}, '-' prefix for descending`);
  }
  if (raw.passtime >= raw.greyexp) throw new UsageError('--passtime: must be shorter than --greyexp (spamd defaults: 25m and 4h)');
  return {
    command: name,
    files,
    format: raw.format,
    zone,
    utc: raw.utc ?? false,
    passtime: raw.passtime,
    greyexp: raw.greyexp,
    burst: raw.burst,
    verdicts: raw.verdict ?? null,
    sort: raw.sort ?? null,
    top: raw.top ?? null,
    since: raw.since ?? null,
    until: raw.until ?? null,
    year: raw.year ?? null,
    strict: raw.strict ?? false,
    progress: raw.progress ?? null,
    jobs: raw.jobs ?? null,
  };
}

export type Runner = (options: Options, io: Io) => Promise<number>;

/** A fresh program per call (commander's advice for testable CLIs): never the global one. */
export function createProgram(io: Io, run: Runner, done: (code: number) => void): Command {
  const program = new Command('spamd-report')
    .description('Analyse OpenBSD spamd greylisting logs: who passed, who is pending, who gave up or retried only within seconds.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
    })
    .showSuggestionAfterError(true);
  for (const name of COMMANDS) {
    const cmd = addCommonOptions(program.command(name, { isDefault: name === 'summary' }).description(DESCRIPTIONS[name]), name)
      .exitOverride()
      .addHelpText('after', EXAMPLES[name])
      .action(async (files: string[], raw: RawOptions) => {
        done(await run(toOptions(name, files, raw), io));
      });
    cmd.configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
    });
  }
  return program;
}

/** Parse argv and run; returns the exit status. Usage errors are one line on stderr and exit 2. */
export async function runCli(argv: string[], io: Io, run: Runner): Promise<number> {
  let code = 0;
  const program = createProgram(io, run, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      await writeAll(io.stderr, `spamd-report: ${err.message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}
