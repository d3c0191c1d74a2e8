// Command-line wiring only: commander → Options → main(). No analysis here.
import { existsSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { EXIT_OUTPUT, EXIT_USAGE, OutputError, UsageError } from './errors.js';
import { writeAll, type Io } from './io.js';
import {
  COMMANDS,
  DEFAULTS,
  EVIDENCE_FORMATS,
  FORMATS,
  parseCidrList,
  parseDuration,
  parseIpList,
  parsePoolPrefix,
  parseCount,
  parsePositiveInt,
  parseVerdicts,
  parseYear,
  splitList,
  type Command as CommandName,
  type EvidenceFormat,
  type Format,
  type Options,
} from './options.js';
import type { Cidr } from './analyze/network.js';
import { isEmptySelection, type Selection } from './analyze/selection.js';
import { isValidZone, machineZoneName } from './parse/zone.js';
import { escapeControl } from './report/escape.js';
import { formatDuration } from './report/format-duration.js';
import { SORTABLE } from './report/model.js';
import { VERDICTS } from './analyze/verdicts.js';
import { VERSION } from './version.js';

const DESCRIPTIONS: Record<CommandName, string> = {
  summary: 'what was analysed, verdict counts, retry-delay histogram, worst senders (default)',
  senders: 'one row per sending address',
  triplets: 'one row per greylist triplet (address, envelope sender, recipient)',
  sessions: 'one row per SMTP session',
  domains: 'one row per envelope-sender domain, those most worth a complaint first',
  evidence: 'every attempt of the selected messages, with verdicts and reasons, for a complaint letter',
  spamdb: 'a spamdb(8) listing: entries by type, GREY tuples and whether they can still pass, WHITE and TRAPPED entries',
};

const EXAMPLES: Record<CommandName, string> = {
  summary: `
Examples:
  spamd-report                                   # /var/log/spamd and its rotated spamd.N.gz, oldest first
  spamd-report summary /var/log/spamd.0.gz /var/log/spamd
  zcat /var/log/spamd.1.gz /var/log/spamd.0.gz | spamd-report summary --year 2026 -   # oldest first
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
  domains: `
Examples:
  spamd-report domains --top 20 /var/log/spamd.0.gz /var/log/spamd
  spamd-report domains --verdict one-attempt,rapid-retry --format csv /var/log/spamd > domains.csv
  spamd-report domains --pool-prefix 24 --until yesterday /var/log/spamd`,
  evidence: `
Examples:
  spamd-report evidence --sender-domain vendor.example /var/log/spamd.1.gz /var/log/spamd.0.gz > evidence.md
  spamd-report evidence --ip 198.51.100.115 --recipient bob@example.com --format text /var/log/spamd
  spamd-report evidence --net 198.51.100.0/24 --until 2026-10-03 --format csv /var/log/spamd > annex.csv
Options --ip, --net, --sender-domain, --sender and --recipient may be repeated or take a comma-separated
list; values of one option are alternatives, different options must all match.`,
  spamdb: `
Examples:
  spamdb | spamd-report spamdb -
  spamdb > /tmp/spamdb.txt; spamd-report spamdb --format csv /tmp/spamdb.txt > spamdb.csv
  spamd-report spamdb --until "2026-10-02 19:55" saved-listing.txt`,
};

interface RawOptions {
  format: Format | EvidenceFormat;
  tz?: string;
  utc?: boolean;
  passtime: number;
  greyexp: number;
  burst: number;
  /** --burst was given (not its default). */
  burstGiven?: boolean;
  verdict?: ReturnType<typeof parseVerdicts>;
  sort?: string;
  top?: number;
  since?: string;
  until?: string;
  year?: number;
  strict?: boolean;
  poolPrefix?: number;
  ip?: string[];
  net?: Cidr[];
  senderDomain?: string[];
  sender?: string[];
  recipient?: string[];
  spamdb?: string;
  excludeFrom?: string[];
  includeExcused?: boolean;
  progress?: boolean;
  jobs?: number;
}

/** Commander calls option parsers with (value, previous); ours take (value, option name). */
function using<T>(fn: (value: string, option: string) => T, option: string): (value: string) => T {
  return (value) => fn(value, option);
}

/** The spamdb command reads a listing, not a log: its own few options. */
function addSpamdbOptions(cmd: Command): Command {
  return cmd
    .argument('[file...]', "one spamdb(8) listing (plain or gzip), '-' for standard input")
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--tz <zone>', 'IANA time zone of the output (default: this machine\'s)')
    .option('--utc', 'print times in UTC (Z)')
    .addOption(new Option('--passtime <duration>', "spamd's passtime (-G): when a waiting GREY tuple can pass").argParser(using(parseDuration, '--passtime')).default(DEFAULTS.passtime, '25m'))
    .option('--until <when>', "when the listing was taken, entries are judged then (default: the file's modification time; now for standard input)")
    .option('--strict', 'exit 1 when any line of the listing could not be understood');
}


/** A repeatable option whose values may also be comma-separated lists. */
function collect<T>(parse: (value: string) => T[]): (value: string, previous: T[] | undefined) => T[] {
  return (value, previous) => [...(previous ?? []), ...parse(value)];
}

function addCommonOptions(cmd: Command, name: CommandName): Command {
  if (name === 'spamdb') return addSpamdbOptions(cmd);
  const formats = name === 'evidence' ? EVIDENCE_FORMATS : FORMATS;
  cmd
    .argument('[file...]', "log files (plain or gzip), '-' for standard input")
    .addOption(new Option('-f, --format <format>', 'output format').choices(formats).default(formats[0]))
    .option('--tz <zone>', 'IANA time zone of the log and the output (default: this machine\'s)')
    .option('--utc', 'print times in UTC (Z)')
    .addOption(new Option('--passtime <duration>', "spamd's passtime (-G): a retry after this passes").argParser(using(parseDuration, '--passtime')).default(DEFAULTS.passtime, '25m'))
    .addOption(new Option('--greyexp <duration>', "spamd's greyexp (-G): a greylist entry expires after this").argParser(using(parseDuration, '--greyexp')).default(DEFAULTS.greyexp, '4h'))
    .addOption(new Option('--burst <duration>', 'gaps up to this count as retrying within seconds').argParser(using(parseDuration, '--burst')).default(DEFAULTS.burst, '60s'))
    .option('--since <when>', 'analyse from: today, yesterday, 7d, 2026-10-02, "2026-10-02 19:55"')
    .option('--until <when>', 'analyse up to (a date means its end); verdicts are decided there')
    .option('--year <yyyy>', 'year of the first line (BSD timestamps have none)', parseYear)
    .option('--strict', 'exit 1 when any spamd line could not be understood')
    .option('--pool-prefix <n>', "group a message's attempts from several addresses only within one /N (default: any address)", parsePoolPrefix)
    .option('--progress', 'show a progress bar on stderr (default: when stderr is a terminal and the input is large)')
    .option('--no-progress', 'never show a progress bar')
    .option('--jobs <n>', 'parse up to n input files at once in worker threads while the analysis runs (default: one per CPU core but one, which the analysis keeps, for 32 MB of log or more; 0: all on one thread)', using((v, o) => parseCount(v, o, 256), '--jobs'));
  if (name === 'evidence') {
    cmd
      .option('--ip <address>', 'select attempts from this address', collect(parseIpList))
      .option('--net <cidr>', 'select attempts from addresses in this network, like 198.51.100.0/24', collect(parseCidrList))
      .option('--sender-domain <domain>', 'select envelope senders in this domain or its subdomains', collect(splitList))
      .option('--sender <address>', 'select this envelope sender, or a sender family (bounce-*@example.net)', collect(splitList))
      .option('--recipient <address>', 'select this recipient, or @domain for all of a domain', collect(splitList))
      .option('--include-excused', 'also show messages from addresses excused with --exclude-from');
  }
  if (name !== 'sessions') {
    cmd.option('--spamdb <file>', "join a spamdb(8) listing: WHITE confirms passes, GREY gives HELO names and spamd's attempt counts");
    cmd.option('--exclude-from <file>', 'pf table file of excused addresses, like /etc/mail/nospamd (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
  }
  if (name === 'summary') cmd.option('--verdict <list>', `list the top addresses of these verdicts instead of one-attempt,rapid-retry,gave-up-early: ${VERDICTS.join(',')}`, parseVerdicts);
  else if (name !== 'sessions') cmd.option('--verdict <list>', `only rows with these verdicts: ${VERDICTS.join(',')}`, parseVerdicts);
  if (name === 'summary') cmd.option('--top <n>', 'how many worst addresses to list', using(parsePositiveInt, '--top'));
  else if (name !== 'evidence') {
    const cols = SORTABLE[name].map((c) => c.key).join(', ');
    cmd.option('--sort <column>', `sort rows by a column, '-' prefix for descending (${cols})`);
    cmd.option('--top <n>', 'only the first N rows after sorting', using(parsePositiveInt, '--top'));
  }
  return cmd;
}

function toOptions(name: CommandName, files: string[], raw: RawOptions): Options {
  const zone = raw.tz ?? machineZoneName();
  if (!isValidZone(zone)) throw new UsageError(`--tz: '${raw.tz}' is not an IANA time zone name, like Europe/Berlin or UTC`);
  if (raw.sort !== undefined && name !== 'summary' && name !== 'evidence' && name !== 'spamdb') {
    const key = raw.sort.replace(/^-/, '');
    const cols = SORTABLE[name].map((c) => c.key);
    if (!cols.includes(key)) throw new UsageError(`--sort: '${raw.sort}' is not a column of ${name}; use one of ${cols.join(', ')}, '-' prefix for descending`);
  }
  if (name === 'spamdb') {
    if (files.length > 1) throw new UsageError('spamdb: give one listing (a file, or - for standard input)');
    raw = { ...raw, greyexp: raw.greyexp ?? DEFAULTS.greyexp, burst: raw.burst ?? DEFAULTS.burst }; // options it does not have
  }
  const side = [['--spamdb', raw.spamdb], ...(raw.excludeFrom ?? []).map((f) => ['--exclude-from', f])] as Array<[string, string | undefined]>;
  for (const [option, file] of side) {
    if (file === '-' && (files.length === 0 || files.includes('-'))) throw new UsageError(`${option}: standard input is already the log; name the log files to read this one from standard input`);
  }
  if (side.filter(([, file]) => file === '-').length > 1) throw new UsageError('--spamdb, --exclude-from: only one of them can read standard input');
  if (raw.passtime >= raw.greyexp) {
    throw new UsageError(`--passtime ${formatDuration(raw.passtime)} and --greyexp ${formatDuration(raw.greyexp)}: passtime must be shorter than greyexp (spamd defaults: 25m and 4h)`);
  }
  // "Retried within seconds" is a burst well inside passtime. Only for a --burst given: with the
  // default 60s and spamd's shortest passtime (-G 1) a retry after a minute still passes, as
  // the pass rule comes first (docs/verdicts.md).
  if (raw.burstGiven && raw.burst >= raw.passtime) {
    throw new UsageError(`--burst ${formatDuration(raw.burst)} and --passtime ${formatDuration(raw.passtime)}: burst must be shorter than passtime (defaults: 60s and 25m)`);
  }
  let selection: Selection | null = null;
  if (name === 'evidence') {
    selection = { ips: raw.ip ?? [], nets: raw.net ?? [], senderDomains: raw.senderDomain ?? [], senders: raw.sender ?? [], recipients: raw.recipient ?? [] };
    if (isEmptySelection(selection)) throw new UsageError('evidence: say what it is about with --ip, --net, --sender-domain, --sender or --recipient');
  }
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
    poolPrefix: raw.poolPrefix ?? null,
    selection,
    spamdb: raw.spamdb ?? null,
    excludeFrom: raw.excludeFrom ?? [],
    includeExcused: raw.includeExcused ?? false,
    progress: raw.progress ?? null,
    jobs: raw.jobs ?? null,
  };
}

export type Runner = (options: Options, io: Io) => Promise<number>;

/** Edit distance of two short words (at most a few letters apart matters). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * A first operand that is a command's name, or nearly (`sender`), and no file: a command given
 * after an option (`--tz UTC senders log`) or mistyped. Read as a file it would run the summary
 * on a file that does not exist; a usage error says what was meant.
 */
function misplacedCommand(first: string | undefined): void {
  if (first === undefined || first.length < 4 || existsSync(first)) return;
  const exact = (COMMANDS as readonly string[]).includes(first);
  const near = exact ? first : COMMANDS.find((c) => distance(first.toLowerCase(), c) <= 2);
  if (!near) return;
  throw new UsageError(
    exact
      ? `'${first}' is a command, not a file: give the command first, before its options (spamd-report ${first} [options] [file...])`
      : `'${first}': no such file, and no such command (did you mean ${near}?)`,
  );
}

/**
 * A TZ the zone database does not know (a POSIX rule like `CET-1CEST,M3.5.0,M10.5.0/3`, a typo):
 * Node then reads times in UTC without a word, hours off. Said once, on stderr.
 */
function ignoredTz(tz: string | undefined): string | null {
  if (tz === undefined || tz === '') return null;
  const name = tz.replace(/^:/, '');
  // glibc's `:/etc/localtime` names a zone file: the machine's own zone, which may well be UTC.
  if (name.startsWith('/')) return null;
  if (/^(UTC|UCT|GMT|Etc\/(UTC|GMT|UCT|Universal|Zulu)|Universal|Zulu|UTC0|GMT0)$/i.test(name)) return null;
  if (machineZoneName() !== 'UTC' && machineZoneName() !== 'Etc/UTC') return null;
  return `TZ='${tz}' is not a time zone this program knows (an IANA name is, like Europe/Berlin), so times are read and printed in UTC; give --tz to read them in the log's zone`;
}

/** Commander's usage errors in our form, on one line: `spamd-report: unknown option '--x' (Did you mean --tz?)`. */
function oneLine(message: string, cmd: Command): string {
  let text = message.trim().replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
  // `--utc=yes`: commander calls it unknown; it is a flag given a value.
  const flag = /^unknown option '(--[\w-]+)=/.exec(text)?.[1];
  if (flag && cmd.options.some((o) => o.long === flag && !o.required && !o.optional)) text = `${flag}: takes no value; write ${flag} alone`;
  return `spamd-report: ${escapeControl(text)}\n`;
}

/** A fresh program per call (commander's advice for testable CLIs): never the global one. */
export function createProgram(io: Io, run: Runner, done: (code: number) => void): Command {
  const program = new Command('spamd-report')
    .description('Analyse OpenBSD spamd greylisting logs: who passed, who is pending, who gave up or retried only within seconds.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      outputError: (s, write) => write(oneLine(s, program)),
    })
    .showSuggestionAfterError(true);
  for (const name of COMMANDS) {
    const cmd = addCommonOptions(program.command(name, { isDefault: name === 'summary' }).description(DESCRIPTIONS[name]), name)
      .exitOverride()
      .addHelpText('after', EXAMPLES[name])
      .action(async (files: string[], raw: RawOptions) => {
        misplacedCommand(files[0]);
        if (raw.tz === undefined) {
          const warning = ignoredTz(io.env.TZ);
          if (warning) await writeAll(io.stderr, `spamd-report: ${escapeControl(warning)}\n`);
        }
        done(await run(toOptions(name, files, { ...raw, burstGiven: cmd.getOptionValueSource('burst') === 'cli' }), io));
      });
    cmd.configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      outputError: (s, write) => write(oneLine(s, cmd)),
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
      await writeAll(io.stderr, `spamd-report: ${escapeControl(err.message)}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof OutputError) {
      await writeAll(io.stderr, `spamd-report: ${escapeControl(err.message)}\n`).catch(() => {});
      return EXIT_OUTPUT;
    }
    throw err;
  }
}
