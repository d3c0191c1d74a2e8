// Every line read is accounted for: a spamd event, an event that cannot be placed in time,
// another program's line (by kind), or a rejected line (by reason, with the first examples).
import type { LineOutcome, OtherKind, RejectReason } from '../types.js';

export const EXAMPLES_PER_REASON = 3;
export const EXAMPLE_LENGTH = 160;

/** Lines that are read but look wrong: kept in the counts, shown with examples. */
export type SuspiciousReason = 'invalid-utf8' | 'duplicate' | 'time-backwards';

export interface LineExample {
  reason: RejectReason | 'untimed' | SuspiciousReason;
  source: string;
  line: number;
  /** The line as read, cut to EXAMPLE_LENGTH (escape before printing: it is log text). */
  text: string;
}

export interface InputReport {
  name: string;
  lines: number;
  /** Bytes read from the source (compressed bytes for gzip). */
  bytes: number;
  /** The error that stopped reading this input, if any. */
  error: string | null;
  /** Why it was not read although it could be (the same file named again), if so. */
  skipped?: string | null;
}

export interface LineAccounting {
  lines: number;
  /** spamd/spamlogd events placed in time. */
  events: number;
  /** spamd messages recognised but without a timestamp. */
  untimed: number;
  /** Events replayed for `last message repeated N times`. */
  repeatedEvents: number;
  /** Lines with invalid UTF-8 (replaced by U+FFFD and still parsed). */
  invalidUtf8: number;
  /** Exact repeats of the spamd line before them (one syslog line written twice): not analysed again. */
  duplicates: number;
  /** Events more than BACKWARDS_SLACK earlier than a line of the same input and host before them: analysed. */
  backwards: number;
  other: Record<OtherKind, number>;
  rejected: Record<RejectReason, number>;
  examples: LineExample[];
  inputs: InputReport[];
}

export function createAccounting(): LineAccounting {
  return {
    lines: 0,
    events: 0,
    untimed: 0,
    repeatedEvents: 0,
    invalidUtf8: 0,
    duplicates: 0,
    backwards: 0,
    other: { blank: 0, spamassassin: 0, repeated: 0, mark: 0, newsyslog: 0, 'other-program': 0 },
    rejected: { 'no-envelope': 0, 'bad-timestamp': 0, 'unknown-spamd': 0, truncated: 0, 'too-long': 0 },
    examples: [],
    inputs: [],
  };
}

export function addExample(acc: LineAccounting, reason: LineExample['reason'], source: string, line: number, text: string): void {
  let n = 0;
  for (const e of acc.examples) if (e.reason === reason) n++;
  if (n >= EXAMPLES_PER_REASON) return;
  if (text.length > EXAMPLE_LENGTH) {
    // Never half a character (a lone surrogate) at the cut.
    const c = text.charCodeAt(EXAMPLE_LENGTH - 1);
    text = text.slice(0, c >= 0xd800 && c <= 0xdbff ? EXAMPLE_LENGTH - 1 : EXAMPLE_LENGTH) + '…';
  }
  acc.examples.push({ reason, source, line, text });
}

/** Count one line's outcome (events are counted by the caller, which knows if they were timed). */
export function countOutcome(acc: LineAccounting, o: LineOutcome, source: string, line: number, text: string): void {
  if (o.kind === 'other') acc.other[o.what]++;
  else if (o.kind === 'reject') {
    acc.rejected[o.reason]++;
    addExample(acc, o.reason, source, line, text);
  }
}

export function rejectedTotal(acc: LineAccounting): number {
  let n = 0;
  for (const v of Object.values(acc.rejected)) n += v;
  return n;
}

/**
 * spamd lines that could not be understood, and lines out of time order (verdicts assume the log
 * is in time order): what --strict fails on.
 */
export function spamdProblems(acc: LineAccounting): number {
  return acc.rejected['unknown-spamd'] + acc.rejected.truncated + acc.rejected['bad-timestamp'] + acc.untimed + acc.backwards;
}

/**
 * Lines of one host are a little out of order in syslog (spamd's children and its greylister
 * write independently, ±1 s): a minute back is no jitter but a stepped clock, or files
 * concatenated newest first (`zcat spamd.*.gz`).
 */
export const BACKWARDS_SLACK = 60;

/** Per input: is an event more than BACKWARDS_SLACK earlier than one of its host before it? */
export function createTimeOrder(): (host: string, time: number) => boolean {
  const latest = new Map<string, number>();
  // The host of the last event and its latest time: one comparison per line in a single-host log.
  let host: string | null = null;
  let max = -Infinity;
  return (h, t) => {
    if (h !== host) {
      // A new key is copied: a slice would keep its whole line (and the chunk it was cut from) alive.
      if (host !== null) latest.set(latest.has(host) ? host : (' ' + host).slice(1), max);
      host = h;
      max = latest.get(h) ?? -Infinity;
    }
    if (t > max) {
      max = t;
      return false;
    }
    return t < max - BACKWARDS_SLACK;
  };
}

/** Add the accounting of a later input (parsed apart, e.g. in a worker) as if its lines had followed. */
export function mergeAccounting(into: LineAccounting, from: LineAccounting): void {
  into.lines += from.lines;
  into.events += from.events;
  into.untimed += from.untimed;
  into.repeatedEvents += from.repeatedEvents;
  into.invalidUtf8 += from.invalidUtf8;
  into.duplicates += from.duplicates;
  into.backwards += from.backwards;
  for (const k of Object.keys(from.other) as Array<keyof LineAccounting['other']>) into.other[k] += from.other[k];
  for (const k of Object.keys(from.rejected) as Array<keyof LineAccounting['rejected']>) into.rejected[k] += from.rejected[k];
  for (const e of from.examples) {
    let n = 0;
    for (const have of into.examples) if (have.reason === e.reason) n++;
    if (n < EXAMPLES_PER_REASON) into.examples.push(e);
  }
}
