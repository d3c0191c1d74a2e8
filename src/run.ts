// main(): sources → lines → events → analysis → report → output. The only place that knows the
// whole pipeline; every step it calls is a plain function or a small factory.
import { createAnalyzer, type Analysis } from './analyze/analyzer.js';
import { createAccounting, mergeAccounting, spamdProblems, type InputReport, type LineAccounting } from './parse/accounting.js';
import { createLineHandler } from './parse/line-handler.js';
import { createLineParser } from './parse/line.js';
import { createZone, type Zone } from './parse/zone.js';
import { createLineSplitter } from './read/lines.js';
import { findDefaultInputs, orderInputs, readBytes, statSource, STDIN } from './read/sources.js';
import { startParse, WORKERS_AVAILABLE, type ParsedInput } from './read/parallel.js';
import { createEventDecoder } from './parse/event-codec.js';
import { InputError, UsageError, EXIT_INPUT, EXIT_OK } from './errors.js';
import { useColor, writeAll, type Io } from './io.js';
import { parseWhen, type EvidenceFormat, type Format, type Options } from './options.js';
import { buildReport, type ReportContext } from './report/model.js';
import { buildEvidence } from './report/evidence.js';
import { renderEvidence } from './report/render-evidence.js';
import { createAttemptSelector } from './analyze/selection.js';
import { createTimeFormatter } from './report/format-time.js';
import { renderChunks } from './report/render.js';
import { escapeControl } from './report/escape.js';
import { createProgress, wantProgress } from './report/progress.js';
import { VERSION } from './version.js';
import { availableParallelism } from 'node:os';
import type { EventIds, SpamdEvent } from './types.js';
import type { ExternalFacts } from './analyze/outside-facts.js';
import { joinDump } from './analyze/spamdb-join.js';
import { loadOutside, runSpamdb } from './run-outside.js';

export interface AnalyzeResult {
  analysis: Analysis;
  accounting: LineAccounting;
  errors: InputError[];
}

/** Which inputs to read: the named ones (rotated sets oldest first), stdin, or /var/log/spamd*. */
export async function resolveInputs(files: readonly string[], io: Io): Promise<string[]> {
  if (files.length > 0) return orderInputs(files);
  if (!io.stdinIsTTY) return [STDIN];
  return findDefaultInputs();
}

/** --since/--until as epoch seconds; a UsageError when they are no times or the window is empty. */
export function analysisWindow(options: Options, now: number, zone: Zone): { since: number | undefined; until: number | undefined } {
  const since = options.since === null ? undefined : parseWhen(options.since, '--since', now, zone);
  const until = options.until === null ? undefined : parseWhen(options.until, '--until', now, zone);
  if (since !== undefined && until !== undefined && since > until) {
    throw new UsageError(`--since: '${options.since}' is after --until '${options.until}'; give a window that starts before it ends`);
  }
  return { since, until };
}

function toInputErrorOrThrow(err: unknown): InputError {
  if (err instanceof InputError) return err;
  throw err;
}

/**
 * How many inputs to parse at once in worker threads while this thread analyses; 0 reads them on
 * this thread. By default one worker per CPU core but the one the analysis keeps (docs/performance.md:
 * on two cores, one worker parsing ahead of the analysis took 0.73x the time of a one-thread read
 * of one file; for two rotated files one worker was faster than two). Workers need inputs that stand alone: named files (not stdin), each inferring
 * its own year (not --year).
 */
export function workerCount(options: Options, names: readonly string[], cores = availableParallelism(), available = WORKERS_AVAILABLE, logBytes = Infinity): number {
  if (!available || options.year !== null || names.includes(STDIN)) return 0;
  // By default, small inputs are read on this thread.
  if (options.jobs == null && logBytes < WORKER_MIN_BYTES) return 0;
  // The analysis keeps a core of its own; on one core a worker would only take turns with it.
  return Math.min(options.jobs ?? Math.max(0, cores - 1), names.length);
}

/**
 * Below this much log no worker by default: starting one and handing its events over costs more
 * than it saves (measured on two cores: 24 MB took 1.49 s through a worker against 1.33 s on one
 * thread, 36 MB 1.54 s against 1.69 s).
 */
export const WORKER_MIN_BYTES = 32 * 1024 * 1024;
/** How much log a gzip byte holds, roughly (spamd logs compress about 7:1): for WORKER_MIN_BYTES only. */
const GZIP_RATIO = 7;
const GZ_NAME = /\.gz$/i;

export async function analyzeInputs(names: readonly string[], options: Options, zone: Zone, io: Io, facts?: ExternalFacts): Promise<AnalyzeResult> {
  const now = io.now();
  const analyzer = createAnalyzer({
    passtime: options.passtime,
    greyexp: options.greyexp,
    burst: options.burst,
    ...analysisWindow(options, now, zone),
    now,
    collectSessions: options.command === 'sessions',
    poolPrefix: options.poolPrefix,
    recordAttempts: options.command === 'evidence' && options.selection ? createAttemptSelector(options.selection) : undefined,
    facts,
    collectActivity: options.format === 'html',
  });
  const acc = createAccounting();
  const errors: InputError[] = [];
  // With --year the year carries from file to file; otherwise each file infers it from its mtime.
  const shared = options.year !== null ? createLineParser({ zone, reference: now, year: options.year }) : null;
  const add = (ev: SpamdEvent): void => analyzer.add(ev);
  const stats = await Promise.all(names.map((name) => statSource(name).catch((err: unknown) => toInputErrorOrThrow(err))));
  // A file named twice (or under two names) is read once: why the later names are skipped.
  const skipped: Array<string | null> = [];
  // File identity → the name it was first read under.
  const seen = new Map<string, string>();
  for (let i = 0; i < names.length; i++) {
    const src = stats[i]!;
    const name = names[i]!;
    let why: string | null = null;
    if (!(src instanceof InputError)) {
      const first = seen.get(src.id);
      if (first !== undefined) why = name === first ? 'named twice, read once' : `the same file as ${first}, read once`;
      else seen.set(src.id, name);
    }
    skipped.push(why);
  }
  let totalBytes = 0;
  let logBytes = 0;
  for (let i = 0; i < stats.length; i++) {
    const st = stats[i]!;
    if (st instanceof InputError || skipped[i] !== null || st.size !== st.size) continue;
    totalBytes += st.size;
    logBytes += GZ_NAME.test(names[i]!) ? st.size * GZIP_RATIO : st.size;
  }
  const jobs = workerCount(options, names, availableParallelism(), WORKERS_AVAILABLE, logBytes);
  const progress = wantProgress(options.progress, io.stderrIsTTY ?? false, io.env, totalBytes)
    ? createProgress((s) => void io.stderr.write(s), totalBytes, () => performance.now() / 1000)
    : null;
  const running = new Map<number, ParsedInput>();
  /** Start workers for the inputs from `i` on, up to `jobs` at a time. */
  const startFrom = (i: number): void => {
    for (let j = i; j < names.length && running.size < jobs; j++) {
      const src = stats[j]!;
      if (running.has(j) || src instanceof InputError || skipped[j] !== null) continue;
      running.set(j, startParse({ name: names[j]!, zone: zone.name, reference: Number.isNaN(src.mtime) ? now : src.mtime, size: src.size }));
    }
  };

  try {
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const src = stats[i]!;
      const report: InputReport = { name, lines: 0, bytes: 0, error: null };
      acc.inputs.push(report);
      if (src instanceof InputError) {
        report.error = src.message;
        errors.push(src);
        continue;
      }
      const skip = skipped[i];
      if (skip) {
        report.skipped = skip;
        continue;
      }
      analyzer.beginInput(name);
      if (jobs > 0) {
        startFrom(i);
        const parsed = running.get(i)!;
        // The worker's strings come numbered: the analysis takes them by number.
        const decoder = createEventDecoder(analyzer.symbols);
        const addNumbered = (ev: SpamdEvent, ids: EventIds): void => analyzer.add(ev, ids);
        for (;;) {
          const m = await parsed.next();
          if (m.type === 'batch') {
            parsed.credit();
            decoder.decode(m.batch, addNumbered);
            progress?.add(m.bytes - report.bytes);
            report.bytes = m.bytes;
            continue;
          }
          mergeAccounting(acc, m.acc);
          progress?.add(m.bytes - report.bytes);
          report.lines = m.lines;
          report.bytes = m.bytes;
          if (m.error) {
            const err = new InputError(m.error.code, name, m.error.message);
            report.error = err.message;
            errors.push(err);
          }
          break;
        }
        running.delete(i);
        continue;
      }
      const parse = shared ?? createLineParser({ zone, reference: Number.isNaN(src.mtime) ? now : src.mtime });
      const handler = createLineHandler(name, parse, acc, add);
      const splitter = createLineSplitter(handler);
      try {
        for await (const chunk of readBytes(
          name,
          io.stdin,
          (n) => {
            report.bytes += n;
            progress?.add(n);
          },
          src.size,
        ))
          splitter.write(chunk);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        report.error = err.message;
        errors.push(err);
        handler.damaged();
      } finally {
        splitter.end();
        report.lines = splitter.count;
      }
    }
  } finally {
    for (const w of running.values()) await w.stop();
    progress?.end();
  }
  return { analysis: analyzer.finish(), accounting: acc, errors };
}

/** A few lines for stderr about what could not be read or understood, or looks wrong, with the first examples. */
export function describeProblems(acc: LineAccounting): string {
  const out: string[] = [];
  const skipped = Object.entries(acc.rejected)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${n} ${r}`);
  if (acc.untimed > 0) skipped.push(`${acc.untimed} spamd line(s) without timestamp`);
  if (acc.duplicates > 0) skipped.push(`${acc.duplicates} duplicate line(s) (the line before them again)`);
  const suspicious: string[] = [];
  if (acc.backwards > 0) suspicious.push(`${acc.backwards} line(s) back in time (more than a minute before a line of their host above them)`);
  if (acc.invalidUtf8 > 0) suspicious.push(`${acc.invalidUtf8} line(s) with invalid UTF-8 (replaced by U+FFFD)`);
  for (const i of acc.inputs) if (i.skipped) out.push(`spamd-report: ${escapeControl(i.name)}: ${escapeControl(i.skipped)}`);
  if (skipped.length > 0) out.push(`spamd-report: of ${acc.lines} lines, not analysed: ${skipped.join(', ')}`);
  if (suspicious.length > 0) out.push(`spamd-report: analysed, but suspicious: ${suspicious.join(', ')}`);
  for (const e of acc.examples) out.push(`  ${escapeControl(e.source)}:${e.line}: [${e.reason}] ${escapeControl(e.text)}`);
  return out.length ? out.join('\n') + '\n' : '';
}


export async function main(options: Options, io: Io): Promise<number> {
  const zone = createZone(options.zone);
  // A wrong --since/--until is a usage error (exit 2) before any input (or --spamdb file) is opened.
  analysisWindow(options, io.now(), zone);
  if (options.command === 'spamdb') return runSpamdb(options, io);
  const outside = await loadOutside(options, io);
  if (typeof outside === 'number') return outside;
  let names: string[];
  try {
    names = await resolveInputs(options.files, io);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    await writeAll(io.stderr, `spamd-report: ${escapeControl(err.message)}\n`);
    return EXIT_INPUT;
  }
  const { analysis: logAnalysis, accounting, errors } = await analyzeInputs(names, options, zone, io, outside.facts);
  const analysis = outside.index ? joinDump(logAnalysis, outside.index, outside.facts) : logAnalysis;
  for (const e of errors) await writeAll(io.stderr, `spamd-report: ${escapeControl(e.message)}\n`);
  await writeAll(io.stderr, describeProblems(accounting));
  if (analysis.outOfOrder.events > 0) {
    await writeAll(io.stderr, `spamd-report: analysed, but suspicious: ${analysis.outOfOrder.events} event(s) of ${analysis.outOfOrder.inputs.map(escapeControl).join(', ')} more than a minute before the inputs read before (files named out of order?)\n`);
  }
  // Nothing could be read at all: the errors above say why; an empty report would only hide them.
  if (errors.length > 0 && accounting.lines === 0) return EXIT_INPUT;
  const ctx: ReportContext = {
    options,
    analysis,
    accounting,
    formatTime: createTimeFormatter(zone, options.utc),
    zoneName: zone.name,
    version: VERSION,
    outside: outside.context,
  };
  if (options.command === 'evidence') {
    await writeAll(io.stdout, renderEvidence(buildEvidence(ctx), options.format as EvidenceFormat));
  } else {
    for (const chunk of renderChunks(buildReport(ctx), options.format as Format, { color: useColor(io) })) await writeAll(io.stdout, chunk);
  }
  if (errors.length > 0) return EXIT_INPUT;
  if (options.strict && (spamdProblems(accounting) > 0 || outside.problems > 0 || analysis.outOfOrder.events > 0)) return EXIT_INPUT;
  return EXIT_OK;
}
