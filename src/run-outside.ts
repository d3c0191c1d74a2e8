// The inputs from outside the log: `spamd-report spamdb` (a listing on its own), and the
// --spamdb / --exclude-from files that the log commands load before they analyse.
import { InputError, EXIT_INPUT, EXIT_OK } from './errors.js';
import { useColor, writeAll, type Io } from './io.js';
import { parseWhen, type Format, type Options } from './options.js';
import { createExternalFacts, type ExternalFacts } from './analyze/outside-facts.js';
import { indexDump, type DumpIndex } from './analyze/spamdb-index.js';
import type { ExcusalList } from './analyze/excusal.js';
import { dumpRejected, type SpamdbDump } from './parse/spamdb-dump.js';
import { createZone } from './parse/zone.js';
import { readSpamdbDump } from './read/spamdb-file.js';
import { describeExcusalProblems, loadExcusals } from './read/excusal-files.js';
import { STDIN } from './read/sources.js';
import { escapeControl } from './report/escape.js';
import { createTimeFormatter } from './report/format-time.js';
import { render } from './report/render.js';
import { buildSpamdbReport, type JudgedFrom } from './report/spamdb-report.js';
import type { OutsideContext } from './report/outside-report.js';
import { VERSION } from './version.js';

/** Lines for stderr about the listing's lines that could not be used, like describeProblems() for logs. */
export function describeDumpProblems(d: SpamdbDump): string {
  const bad = Object.entries(d.rejected).filter(([, n]) => n > 0);
  if (bad.length === 0 && d.invalidUtf8 === 0) return '';
  const parts = bad.map(([r, n]) => `${n} ${r}`);
  if (d.invalidUtf8 > 0) parts.push(`${d.invalidUtf8} with invalid UTF-8`);
  const out = [`spamd-report: of ${d.lines} spamdb lines, not understood: ${parts.join(', ')}`];
  for (const e of d.examples) out.push(`  ${escapeControl(e.source)}:${e.line}: [${e.reason}] ${escapeControl(e.text)}`);
  return out.join('\n') + '\n';
}

export async function runSpamdb(options: Options, io: Io): Promise<number> {
  const zone = createZone(options.zone);
  const name = options.files[0] ?? (io.stdinIsTTY ? null : STDIN);
  if (name === null) {
    await writeAll(io.stderr, 'spamd-report: spamdb: no listing: name a file or pipe one in (spamdb | spamd-report spamdb -)\n');
    return EXIT_INPUT;
  }
  let dump: SpamdbDump;
  try {
    dump = await readSpamdbDump(name, io.stdin);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    await writeAll(io.stderr, `spamd-report: ${escapeControl(err.message)}\n`);
    return EXIT_INPUT;
  }
  const now = io.now();
  let at: number;
  let atFrom: JudgedFrom;
  if (options.until !== null) {
    at = parseWhen(options.until, '--until', now, zone);
    atFrom = 'until';
  } else if (dump.mtime === dump.mtime) {
    at = Math.floor(dump.mtime);
    atFrom = 'mtime';
  } else {
    at = Math.floor(now);
    atFrom = 'now';
  }
  if (dump.error) await writeAll(io.stderr, `spamd-report: ${escapeControl(dump.error)}\n`);
  await writeAll(io.stderr, describeDumpProblems(dump));
  const report = buildSpamdbReport({
    dump,
    at,
    atFrom,
    passtime: options.passtime,
    formatTime: createTimeFormatter(zone, options.utc),
    zoneName: options.utc ? 'UTC' : zone.name,
    version: VERSION,
  });
  await writeAll(io.stdout, render(report, options.format as Format, { color: useColor(io) }));
  if (dump.error) return EXIT_INPUT;
  if (options.strict && dumpRejected(dump) > 0) return EXIT_INPUT;
  return EXIT_OK;
}

export interface LoadedOutside {
  context: OutsideContext;
  facts: ExternalFacts;
  index: DumpIndex | null;
  /** Unusable lines of the listing and the lists (what --strict fails on). */
  problems: number;
}

/**
 * Load --spamdb and --exclude-from before the analysis. An unreadable file ends the run (exit 1):
 * a report without the facts the user asked for could accuse a sender the facts would clear.
 */
export async function loadOutside(options: Options, io: Io): Promise<LoadedOutside | number> {
  let dump: SpamdbDump | null = null;
  let excusals: ExcusalList | null = null;
  let problems = 0;
  try {
    if (options.spamdb) {
      dump = await readSpamdbDump(options.spamdb, io.stdin);
      if (dump.error) throw new InputError('INPUT_CORRUPT', dump.source, dump.error);
      await writeAll(io.stderr, describeDumpProblems(dump));
      problems += dumpRejected(dump);
    }
    if (options.excludeFrom && options.excludeFrom.length > 0) {
      const loaded = await loadExcusals(options.excludeFrom, io.stdin);
      excusals = loaded.list;
      for (const line of describeExcusalProblems(loaded.problems)) await writeAll(io.stderr, `spamd-report: ${escapeControl(line)}\n`);
      problems += loaded.problems.length;
    }
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    await writeAll(io.stderr, `spamd-report: ${escapeControl(err.message)}\n`);
    return EXIT_INPUT;
  }
  const index = dump ? indexDump(dump) : null;
  return {
    context: { dump, excusals },
    facts: createExternalFacts({ dump: index, excusals, greyexp: options.greyexp }),
    index,
    problems,
  };
}
