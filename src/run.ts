// main(): sources → lines → events → analysis → report → output. The only place that knows the
// whole pipeline; every step it calls is a plain function or a small factory.
import { createAnalyzer, type Analysis } from './analyze/analyzer.js';
import { createAccounting, mergeAccounting, spamdProblems, type InputReport, type LineAccounting } from './parse/accounting.js';
import { createLineHandler } from './parse/line-handler.js';
import { createLineParser } from './parse/line.js';
import type { SpamdEvent } from './types.js';
import { createZone, type Zone } from './parse/zone.js';
import { createLineSplitter } from './read/lines.js';
import { availableParallelism } from 'node:os';
import { findDefaultInputs, orderInputs, readBytes, statSource, STDIN, type Source } from './read/sources.js';
import { PARALLEL_MIN_BYTES, startParse, type ParsedInput } from './read/parallel.js';
import { decodeEvents } from './parse/event-codec.js';
import { InputError, EXIT_INPUT, EXIT_OK } from './errors.js';
import { writeAll, type Io } from './io.js';
import { parseWhen, type Options } from './options.js';
import { buildReport } from './report/model.js';
import { createTimeFormatter } from './report/format-time.js';
import { render } from './report/render.js';
import { escapeControl } from './report/escape.js';
import { createProgress, wantProgress } from './report/progress.js';
import { VERSION } from './version.js';

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

function toInputErrorOrThrow(err: unknown): InputError {
  if (err instanceof InputError) return err;
  throw err;
}

/**
 * How many inputs to parse at once in worker threads; 0 reads them on this thread. Workers need
 * inputs that stand alone: named files (not stdin), each inferring its own year (not --year).
 * --jobs N asks for them whatever the size; by default they start for 16 MB of input or more.
 */
export function workerCount(options: Options, names: readonly string[], stats: ReadonlyArray<Source | InputError>): number {
  const jobs = options.jobs ?? null;
  if (jobs === 1 || options.year !== null || names.includes(STDIN)) return 0;
  if (jobs !== null) return jobs;
  let bytes = 0;
  for (const s of stats) if (!(s instanceof InputError) && s.size === s.size) bytes += s.size;
  const cpus = availableParallelism();
  return cpus >= 2 && bytes >= PARALLEL_MIN_BYTES ? cpus : 0;
}

export async function analyzeInputs(names: readonly string[], options: Options, zone: Zone, io: Io): Promise<AnalyzeResult> {
  const now = io.now();
  const analyzer = createAnalyzer({
    passtime: options.passtime,
    greyexp: options.greyexp,
    burst: options.burst,
    since: options.since === null ? undefined : parseWhen(options.since, '--since', now, zone),
    until: options.until === null ? undefined : parseWhen(options.until, '--until', now, zone),
    now,
    collectSessions: options.command === 'sessions',
  });
  const acc = createAccounting();
  const errors: InputError[] = [];
  // With --year the year carries from file to file; otherwise each file infers it from its mtime.
  const shared = options.year !== null ? createLineParser({ zone, reference: now, year: options.year }) : null;

  const add = (ev: SpamdEvent): void => analyzer.add(ev);
  const stats = await Promise.all(names.map((name) => statSource(name).catch((err: unknown) => toInputErrorOrThrow(err))));
  const jobs = workerCount(options, names, stats);
  let totalBytes = 0;
  for (const st of stats) totalBytes += st instanceof InputError ? 0 : st.size;
  const progress = wantProgress(options.progress, io.stderrIsTTY ?? false, io.env, totalBytes)
    ? createProgress((s) => void io.stderr.write(s), totalBytes, () => performance.now() / 1000)
    : null;
  const running = new Map<number, ParsedInput>();
  /** Start workers for the inputs from `i` on, up to `jobs` at a time. */
  const startFrom = (i: number): void => {
    for (let j = i; j < names.length && running.size < jobs; j++) {
      const src = stats[j]!;
      if (running.has(j) || src instanceof InputError) continue;
      running.set(j, startParse({ name: names[j]!, zone: zone.name, reference: Number.isNaN(src.mtime) ? now : src.mtime }));
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
      if (jobs > 0) {
        startFrom(i);
        const parsed = running.get(i)!;
        for (;;) {
          const m = await parsed.next();
          if (m.type === 'batch') {
            parsed.credit();
            decodeEvents(m.batch, add);
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
      const splitter = createLineSplitter(createLineHandler(name, parse, acc, add));
      try {
        for await (const chunk of readBytes(name, io.stdin, (n) => {
          report.bytes += n;
          progress?.add(n);
        }))
          splitter.write(chunk);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        report.error = err.message;
        errors.push(err);
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

/** A few lines for stderr about what could not be read or understood. */
export function describeProblems(acc: LineAccounting): string {
  const out: string[] = [];
  const bad = Object.entries(acc.rejected).filter(([, n]) => n > 0);
  if (bad.length > 0 || acc.untimed > 0) {
    const parts = bad.map(([r, n]) => `${n} ${r}`);
    if (acc.untimed > 0) parts.push(`${acc.untimed} spamd line(s) without timestamp`);
    out.push(`spamd-report: of ${acc.lines} lines, not analysed: ${parts.join(', ')}`);
    for (const e of acc.examples) out.push(`  ${escapeControl(e.source)}:${e.line}: [${e.reason}] ${escapeControl(e.text)}`);
  }
  return out.length ? out.join('\n') + '\n' : '';
}

export async function main(options: Options, io: Io): Promise<number> {
  const zone = createZone(options.zone);
  let names: string[];
  try {
    names = await resolveInputs(options.files, io);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    await writeAll(io.stderr, `spamd-report: ${escapeControl(err.message)}\n`);
    return EXIT_INPUT;
  }
  const { analysis, accounting, errors } = await analyzeInputs(names, options, zone, io);
  for (const e of errors) await writeAll(io.stderr, `spamd-report: ${escapeControl(e.message)}\n`);
  await writeAll(io.stderr, describeProblems(accounting));
  const report = buildReport({
    options,
    analysis,
    accounting,
    formatTime: createTimeFormatter(zone, options.utc),
    zoneName: zone.name,
    version: VERSION,
  });
  const color = io.stdoutIsTTY && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb';
  await writeAll(io.stdout, render(report, options.format, { color }));
  if (errors.length > 0) return EXIT_INPUT;
  if (options.strict && spamdProblems(accounting) > 0) return EXIT_INPUT;
  return EXIT_OK;
}
