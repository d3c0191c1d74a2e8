// main(): sources → lines → events → analysis → report → output. The only place that knows the
// whole pipeline; every step it calls is a plain function or a small factory.
import { createAnalyzer, type Analysis } from './analyze/analyzer.js';
import { addExample, countOutcome, createAccounting, spamdProblems, type InputReport, type LineAccounting } from './parse/accounting.js';
import { createLineParser, type LineParser } from './parse/line.js';
import { createZone, type Zone } from './parse/zone.js';
import { createLineSplitter } from './read/lines.js';
import { findDefaultInputs, orderInputs, readBytes, statSource, STDIN } from './read/sources.js';
import { InputError, EXIT_INPUT, EXIT_OK } from './errors.js';
import { writeAll, type Io } from './io.js';
import { parseWhen, type EvidenceFormat, type Format, type Options } from './options.js';
import { buildReport, type ReportContext } from './report/model.js';
import { buildEvidence } from './report/evidence.js';
import { renderEvidence } from './report/render-evidence.js';
import { createAttemptSelector } from './analyze/selection.js';
import { createTimeFormatter } from './report/format-time.js';
import { render } from './report/render.js';
import { escapeControl } from './report/escape.js';
import { VERSION } from './version.js';
import type { SpamdEvent } from './types.js';
import type { ExternalFacts } from './analyze/outside-facts.js';
import { joinDump } from './analyze/spamdb-join.js';
import { loadOutside, runSpamdb } from './run-outside.js';

/** At most this many replays for one `last message repeated N times` line. */
const MAX_REPLAY = 10_000;

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

export async function analyzeInputs(names: readonly string[], options: Options, zone: Zone, io: Io, facts?: ExternalFacts): Promise<AnalyzeResult> {
  const now = io.now();
  const analyzer = createAnalyzer({
    passtime: options.passtime,
    greyexp: options.greyexp,
    burst: options.burst,
    since: options.since === null ? undefined : parseWhen(options.since, '--since', now, zone),
    until: options.until === null ? undefined : parseWhen(options.until, '--until', now, zone),
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

  for (const name of names) {
    const report: InputReport = { name, lines: 0, bytes: 0, error: null };
    acc.inputs.push(report);
    let parse: LineParser;
    try {
      const src = await statSource(name);
      parse = shared ?? createLineParser({ zone, reference: Number.isNaN(src.mtime) ? now : src.mtime });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      report.error = err.message;
      errors.push(err);
      continue;
    }
    let previous: SpamdEvent | null = null;
    const splitter = createLineSplitter({
      line(text, lineNo) {
        acc.lines++;
        if (text.includes('\ufffd')) {
          acc.invalidUtf8++;
          addExample(acc, 'invalid-utf8', name, lineNo, text);
        }
        const o = parse(text);
        if (o.kind === 'other' || o.kind === 'reject') {
          countOutcome(acc, o, name, lineNo, text);
          if (o.kind === 'other' && o.what === 'repeated' && previous) {
            const n = Math.min(o.count ?? 0, MAX_REPLAY);
            for (let i = 0; i < n; i++) analyzer.add(previous);
            acc.repeatedEvents += n;
          } else previous = null;
          return;
        }
        if (o.time !== o.time) {
          acc.untimed++;
          addExample(acc, 'untimed', name, lineNo, text);
          previous = null;
          return;
        }
        acc.events++;
        analyzer.add(o);
        previous = o;
      },
      tooLong(lineNo, head) {
        acc.lines++;
        acc.rejected['too-long']++;
        addExample(acc, 'too-long', name, lineNo, head);
        previous = null;
      },
    });
    try {
      for await (const chunk of readBytes(name, io.stdin, (n) => (report.bytes += n))) splitter.write(chunk);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      report.error = err.message;
      errors.push(err);
    } finally {
      splitter.end();
      report.lines = splitter.count;
    }
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
  if (options.command === 'spamdb') return runSpamdb(options, io);
  const outside = await loadOutside(options, io);
  if (typeof outside === 'number') return outside;
  const zone = createZone(options.zone);
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
    const color = io.stdoutIsTTY && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb';
    await writeAll(io.stdout, render(buildReport(ctx), options.format as Format, { color }));
  }
  if (errors.length > 0) return EXIT_INPUT;
  if (options.strict && (spamdProblems(accounting) > 0 || outside.problems > 0)) return EXIT_INPUT;
  return EXIT_OK;
}
