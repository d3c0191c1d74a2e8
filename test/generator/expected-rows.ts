// A generated log's expectations as the rows `spamd-report <command> --format json` prints
// (the column names of the README), so that tests compare whole rows.
import { createWallClock } from './wall-clock.js';
import type { GeneratedLog } from './generate-log.js';

export type JsonRow = Record<string, string | number | boolean | null>;

export interface RowOptions {
  /** Verdicts once the window is closed (run with --until well after E). */
  settled?: boolean;
  /** Print times in UTC (--utc) instead of the log's zone. */
  utc?: boolean;
}

function formatter(log: GeneratedLog, opts: RowOptions): (t: number | null) => string | null {
  const clock = createWallClock(log.zone);
  return (t) => (t === null ? null : opts.utc ? new Date(t * 1000).toISOString().replace('.000Z', 'Z') : clock.iso(t));
}

export function expectedTripletRows(log: GeneratedLog, opts: RowOptions = {}): JsonRow[] {
  const f = formatter(log, opts);
  return log.triplets.map((t) => {
    const o = opts.settled ? t.settled : t;
    return {
      ip: t.ip,
      sender: t.sender,
      recipient: t.recipient,
      verdict: o.verdict,
      retry: o.retry,
      attempts: t.attempts,
      first_seen: f(t.first),
      last_seen: f(t.last),
      first_retry_s: t.firstRetry,
      max_gap_s: t.maxGap,
      other_ips: t.otherIps,
      helo: t.helo,
    };
  });
}

export function expectedSenderRows(log: GeneratedLog, opts: RowOptions = {}): JsonRow[] {
  const f = formatter(log, opts);
  return log.senders.map((s) => {
    const o = opts.settled ? s.settled : s;
    return {
      ip: s.ip,
      verdict: o.verdict,
      retry: o.retry,
      sessions: s.sessions,
      greylisted: s.greylisted,
      blacklisted: s.blacklisted,
      triplets: s.triplets,
      attempts: s.attempts,
      first_seen: f(s.first),
      last_seen: f(s.last),
      first_retry_s: s.firstRetry,
      lists: s.lists,
    };
  });
}

export function expectedSessionRows(log: GeneratedLog, opts: RowOptions = {}): JsonRow[] {
  const f = formatter(log, opts);
  return log.sessions.map((s) => ({
    host: log.host,
    ip: s.ip,
    start: f(s.start),
    end: f(s.end),
    duration_s: s.duration,
    kind: s.kind,
    lists: s.lists,
    envelopes: s.envelopes,
    complete: s.complete,
  }));
}

/** A stable order for comparing row sets: by every value, as text. */
export function sortRows<T extends JsonRow>(rows: readonly T[]): T[] {
  const key = (r: JsonRow): string => JSON.stringify(Object.values(r));
  return rows.slice().sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
