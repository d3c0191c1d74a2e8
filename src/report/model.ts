// One report model per command: named tables of rows with stable column names. Every renderer
// takes this same model (GoAccess's holder → csv/json/html), so a column means the same thing
// in every format. Sorting and filtering happen here, once; renderers never re-sort.
import { BROKEN_VERDICTS, VERDICTS, type Verdict } from '../analyze/verdicts.js';
import { formatDuration } from './format-duration.js';
import type { AddressResult, Analysis, SessionRow, TripletResult } from '../analyze/analyzer.js';
import type { LineAccounting } from '../parse/accounting.js';
import type { Command, Options } from '../options.js';
import type { TimeFormatter } from './format-time.js';
import { attemptsOverTime, domainSparklines, sparklines, type AttemptsOverTime, type Sparklines } from './figures.js';
import { buildDomainNotes, buildDomainRows, DOMAIN_COLUMNS } from './domains.js';
import { outsideColumns, outsideNotes, outsideSummaryTables, senderOutsideCells, tripletOutsideCells, type OutsideContext } from './outside-report.js';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Column {
  key: string;
  /** Right-align in tables. */
  numeric?: boolean;
  /** Text from the log, written by the sender: always escaped on output. */
  untrusted?: boolean;
}

export interface Table {
  name: string;
  title: string;
  columns: Column[];
  rows: Row[];
  /** A two-column key/value table (summary sections). */
  keyValue?: boolean;
  /** Human formats (table, markdown) leave out rows whose value is 0; machine formats keep every key. */
  hideZeros?: boolean;
  /** Attempts over the analysed window, one series per row (pictures: HTML only). */
  sparklines?: Sparklines;
}

export interface Report {
  command: Command;
  tables: Table[];
  /** Sentences for the reader (envelopes not logged, inputs that failed, ...). */
  notes: string[];
  /** Attempts over time split by verdict (pictures: HTML only). */
  attemptsOverTime?: AttemptsOverTime;
}

export interface ReportContext {
  options: Options;
  analysis: Analysis;
  accounting: LineAccounting;
  formatTime: TimeFormatter;
  zoneName: string;
  version: string;
  /** Facts from outside the log: the spamdb listing and the excusal lists, when given. */
  outside?: OutsideContext;
}

/** Seconds rounded to milliseconds; null for "none". */
function secs(n: number): number | null {
  return n === n && Number.isFinite(n) ? Math.round(n * 1000) / 1000 : null;
}

export const TRIPLET_COLUMNS: Column[] = [
  { key: 'ip' },
  { key: 'sender', untrusted: true },
  { key: 'recipient', untrusted: true },
  { key: 'verdict' },
  { key: 'retry' },
  { key: 'attempts', numeric: true },
  { key: 'first_seen' },
  { key: 'last_seen' },
  { key: 'first_retry_s', numeric: true },
  { key: 'max_gap_s', numeric: true },
  { key: 'other_ips', numeric: true },
  { key: 'helo', untrusted: true },
];

export const SENDER_COLUMNS: Column[] = [
  { key: 'ip' },
  { key: 'verdict' },
  { key: 'retry' },
  { key: 'sessions', numeric: true },
  { key: 'greylisted', numeric: true },
  { key: 'blacklisted', numeric: true },
  { key: 'triplets', numeric: true },
  { key: 'attempts', numeric: true },
  { key: 'first_seen' },
  { key: 'last_seen' },
  { key: 'first_retry_s', numeric: true },
  { key: 'lists', untrusted: true },
];

export const SESSION_COLUMNS: Column[] = [
  { key: 'host', untrusted: true },
  { key: 'ip' },
  { key: 'start' },
  { key: 'end' },
  { key: 'duration_s', numeric: true },
  { key: 'kind' },
  { key: 'lists', untrusted: true },
  { key: 'envelopes', untrusted: true },
  { key: 'complete' },
];

function tripletRow(t: TripletResult, f: TimeFormatter): Row {
  return {
    ip: t.ip,
    sender: t.sender,
    recipient: t.recipient,
    verdict: t.verdict,
    retry: t.retry,
    attempts: t.attempts,
    first_seen: f(t.first),
    last_seen: f(t.last),
    first_retry_s: secs(t.firstRetry),
    max_gap_s: secs(t.maxGap),
    other_ips: t.otherIps,
    helo: t.helo,
  };
}

function senderRow(a: AddressResult, f: TimeFormatter): Row {
  return {
    ip: a.ip,
    verdict: a.verdict,
    retry: a.retry,
    sessions: a.sessions,
    greylisted: a.greylisted,
    blacklisted: a.blacklisted,
    triplets: a.triplets,
    attempts: a.attempts,
    first_seen: f(a.first),
    last_seen: f(a.last),
    first_retry_s: secs(a.firstRetry),
    lists: a.lists,
  };
}

function sessionRow(s: SessionRow, f: TimeFormatter): Row {
  return {
    host: s.host,
    ip: s.ip,
    start: f(s.start),
    end: f(s.end),
    duration_s: secs(s.duration),
    kind: s.kind,
    lists: s.lists,
    envelopes: s.envelopes,
    complete: s.complete,
  };
}

/** IPv4 addresses compare numerically, everything else as text. */
export function ipKey(ip: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  return m ? m.slice(1).map((p) => p.padStart(3, '0')).join('.') : ip;
}

function compareCells(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null) return 1; // nulls last
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

const TIME_COLUMNS: ReadonlySet<string> = new Set(['first_seen', 'last_seen', 'start', 'end']);

/** Sort by `--sort col` / `-col` (descending), then first_seen/start, then ip: one deterministic order. */
export function sortRows(rows: Row[], columns: Column[], sort: string | null, fallback: string): Row[] {
  return sortOrder(rows.length, (i) => rows[i]!, columns, sort, fallback).map((i) => rows[i]!);
}

/**
 * The order of `n` rows by `--sort col` / `-col` (descending), then first_seen/start, then ip
 * (then sender and recipient for triplets): row numbers, so that the rows themselves need not be
 * kept. `rowAt(i)` is asked once per row; its sort keys are kept in arrays by row number.
 */
export function sortOrder(n: number, rowAt: (i: number) => Row, columns: Column[], sort: string | null, fallback: string): number[] {
  const spec = sort ?? fallback;
  const desc = spec.startsWith('-');
  const key = desc ? spec.slice(1) : spec;
  if (!columns.some((c) => c.key === key)) throw new Error(`unknown sort column ${key}`);
  const timeKey = columns.some((c) => c.key === 'first_seen') ? 'first_seen' : 'start';
  // Times are compared as instants, not as text: offsets differ across a DST change.
  const timeCache = new Map<string, number>();
  const instant = (c: Cell): Cell => {
    if (typeof c !== 'string') return c;
    let t = timeCache.get(c);
    if (t === undefined) timeCache.set(c, (t = Date.parse(c)));
    return t;
  };
  const value = (r: Row, k: string): Cell => (TIME_COLUMNS.has(k) ? instant(r[k] ?? null) : (r[k] ?? null));
  const primary = key === 'ip' ? null : new Array<Cell>(n);
  const times = new Array<Cell>(n);
  const ips = new Array<string>(n);
  // Triplets tie-break on sender and recipient.
  let senders: Cell[] | null = null;
  let recipients: Cell[] | null = null;
  for (let i = 0; i < n; i++) {
    const r = rowAt(i);
    if (primary) primary[i] = value(r, key);
    times[i] = value(r, timeKey);
    ips[i] = String(r.ip ?? '');
    if (i === 0 && 'recipient' in r) {
      senders = new Array<Cell>(n);
      recipients = new Array<Cell>(n);
    }
    if (senders && recipients) {
      senders[i] = r.sender ?? null;
      recipients[i] = r.recipient ?? null;
    }
  }
  timeCache.clear();
  // The address key only for rows that tie on the others.
  const ipKeys = new Array<string | undefined>(n);
  const ipOf = (i: number): string => (ipKeys[i] ??= ipKey(ips[i]!));
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((x, y) => {
    let c: number;
    if (primary === null) c = compareCells(ipOf(x), ipOf(y));
    else {
      const a = primary[x]!;
      const b = primary[y]!;
      // Empty cells (no retry, no HELO name) last in either direction: they are no extreme value.
      c = a === null || b === null ? compareCells(a, b) : compareCells(a, b) * (desc ? -1 : 1);
    }
    if (desc && primary === null) c = -c;
    if (c === 0) c = compareCells(times[x]!, times[y]!);
    if (c === 0) c = compareCells(ipOf(x), ipOf(y));
    if (c === 0 && senders && recipients) c = compareCells(senders[x]!, senders[y]!) || compareCells(recipients[x]!, recipients[y]!);
    return c;
  });
  return order;
}

/** A canonical array index ('0', '17', not '017' or '1.5'), or -1. */
function arrayIndex(prop: string): number {
  const i = Number(prop);
  return Number.isInteger(i) && i >= 0 && String(i) === prop ? i : -1;
}

/**
 * The rows of a large table, made when they are read: row i is `rowAt(order[i])`. To a renderer
 * it is an array (length, indexing, iteration, map, JSON.stringify), but it never holds the
 * rows: 400k triplet rows held at once cost about 265 MB (docs/performance.md). Reading a row
 * twice makes it twice, so renderers read each row once or twice, in order.
 */
export function lazyRows(order: readonly number[], rowAt: (i: number) => Row): Row[] {
  const n = order.length;
  return new Proxy<Row[]>([], {
    get(target, prop, receiver) {
      if (prop === 'length') return n;
      if (typeof prop === 'string') {
        const i = arrayIndex(prop);
        if (i >= 0) return i < n ? rowAt(order[i]!) : undefined;
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
    has(target, prop) {
      if (typeof prop === 'string') {
        const i = arrayIndex(prop);
        if (i >= 0) return i < n;
      }
      return Reflect.has(target, prop);
    },
    set() {
      return false; // a report's rows are read, never written
    },
  });
}

function filterRows<T extends { verdict: Verdict }>(items: T[], verdicts: Verdict[] | null): T[] {
  return verdicts ? items.filter((i) => verdicts.includes(i.verdict)) : items;
}

function limit<T>(rows: T[], top: number | null): T[] {
  return top !== null && rows.length > top ? rows.slice(0, top) : rows;
}

export const SORTABLE: Record<Exclude<Command, 'summary' | 'evidence' | 'spamdb'>, Column[]> = {
  senders: SENDER_COLUMNS,
  triplets: TRIPLET_COLUMNS,
  sessions: SESSION_COLUMNS,
  domains: DOMAIN_COLUMNS,
};

function kv(rows: Array<[string, Cell]>): Row[] {
  return rows.map(([key, value]) => ({ key, value }));
}

const KV_COLUMNS: Column[] = [{ key: 'key' }, { key: 'value', numeric: true }];

/**
 * Histogram buckets of the first-retry delay: [0, 10), [10, 60], then (lo, hi] seconds, closed at the
 * top like the rules, so a retry of exactly --burst (60 s) is "10-60s", exactly passtime "5-25m"
 * (not a pass), exactly greyexp "25m-4h" (still a pass).
 */
export const RETRY_BUCKETS: ReadonlyArray<readonly [string, number, number]> = [
  ['<10s', 0, 10],
  ['10-60s', 10, 60],
  ['1-5m', 60, 300],
  ['5-25m', 300, 1500],
  ['25m-4h', 1500, 14_400],
  ['>4h', 14_400, Infinity],
];

export function retryHistogram(items: ReadonlyArray<{ firstRetry: number; attempts: number }>): Row[] {
  const counts = RETRY_BUCKETS.map(() => 0);
  let never = 0;
  for (const it of items) {
    if (it.attempts < 2) {
      if (it.attempts === 1) never++;
      continue;
    }
    const d = it.firstRetry;
    const i = RETRY_BUCKETS.findIndex(([, lo, hi], k) => (k === 0 ? d < hi : k === 1 ? d >= lo && d <= hi : d > lo && d <= hi));
    counts[i]!++;
  }
  const rows: Row[] = RETRY_BUCKETS.map(([label], i) => ({ delay: label, count: counts[i]! }));
  rows.push({ delay: 'never', count: never });
  return rows;
}

/**
 * The first `n` of `items` in the order of `byNumbers`, ties broken by `tieKey` (ascending text):
 * the same as sorting them all by both, with the text keys computed only for the ties at the cut.
 */
export function topN<T>(items: readonly T[], n: number, byNumbers: (x: T, y: T) => number, tieKey: (x: T) => string): T[] {
  const sorted = [...items].sort(byNumbers);
  const out: T[] = [];
  for (let i = 0; i < sorted.length && out.length < n; ) {
    let j = i + 1;
    while (j < sorted.length && byNumbers(sorted[i]!, sorted[j]!) === 0) j++;
    const group = sorted.slice(i, j);
    if (group.length > 1) {
      const keyed = group.map((x) => [tieKey(x), x] as const);
      keyed.sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : 0));
      for (const [, x] of keyed) if (out.length < n) out.push(x);
    } else out.push(group[0]!);
    i = j;
  }
  return out;
}

/** The summary's top list by default: senders that gave up or retried only within seconds. */
const WORST_VERDICTS: readonly Verdict[] = ['one-attempt', 'rapid-retry', 'gave-up-early'];

function countVerdicts(items: ReadonlyArray<{ verdict: Verdict }>): Map<Verdict, number> {
  const m = new Map<Verdict, number>(VERDICTS.map((v) => [v, 0]));
  for (const i of items) m.set(i.verdict, m.get(i.verdict)! + 1);
  return m;
}

function buildSummary(ctx: ReportContext): Table[] {
  const { analysis: a, accounting: acc, options: o, formatTime: f } = ctx;
  const tables: Table[] = [];
  tables.push({
    name: 'window',
    title: 'Analysed window',
    columns: KV_COLUMNS,
    keyValue: true,
    rows: kv([
      ['first', f(a.first)],
      ['last', f(a.last)],
      ['decided_at', f(a.end)],
      ['zone', o.utc ? 'UTC' : ctx.zoneName],
      ['envelopes_logged', a.envelopesLogged],
    ]),
  });
  tables.push({
    name: 'inputs',
    title: 'Inputs',
    columns: [{ key: 'file', untrusted: true }, { key: 'lines', numeric: true }, { key: 'bytes', numeric: true }, { key: 'status', untrusted: true }],
    rows: acc.inputs.map((i) => ({ file: i.name, lines: i.lines, bytes: i.bytes, status: i.error ?? i.skipped ?? 'ok' })),
  });
  const lineRows: Array<[string, Cell]> = [
    ['read', acc.lines],
    ['spamd_events', acc.events],
    ['outside_window', a.outsideWindow],
    ['untimed_spamd', acc.untimed],
    ['repeated_replayed', acc.repeatedEvents],
  ];
  for (const [k, v] of Object.entries(acc.other)) lineRows.push([`other_${k.replace(/-/g, '_')}`, v]);
  for (const [k, v] of Object.entries(acc.rejected)) lineRows.push([`unparsed_${k.replace(/-/g, '_')}`, v]);
  lineRows.push(['invalid_utf8', acc.invalidUtf8]);
  lineRows.push(['duplicate_lines', acc.duplicates]);
  lineRows.push(['time_backwards', acc.backwards]);
  tables.push({ name: 'lines', title: 'Lines', columns: KV_COLUMNS, keyValue: true, hideZeros: true, rows: kv(lineRows) });
  tables.push({
    name: 'sessions',
    title: 'Sessions and keys',
    columns: KV_COLUMNS,
    keyValue: true,
    rows: kv([
      ['sessions', a.sessions.total],
      ['greylisted', a.sessions.greylisted],
      ['blacklisted', a.sessions.blacklisted],
      ['incomplete', a.sessions.incomplete],
      ['unpaired_disconnects', a.sessions.unpairedDisconnects],
      ['addresses', a.addresses.length],
      ['triplets', a.triplets.length],
    ]),
  });
  const tv = countVerdicts(a.triplets);
  const av = countVerdicts(a.addresses);
  tables.push({
    name: 'verdicts',
    title: 'Verdicts',
    columns: [{ key: 'verdict' }, { key: 'triplets', numeric: true }, { key: 'addresses', numeric: true }],
    rows: VERDICTS.map((v) => ({ verdict: v, triplets: tv.get(v)!, addresses: av.get(v)! })),
  });
  const greyTriplets = a.triplets.filter((t) => t.verdict !== 'blacklisted');
  const greyAddresses = a.addresses.filter((x) => x.verdict !== 'blacklisted');
  tables.push({
    name: 'first_retry',
    title: a.envelopesLogged ? 'First-retry delay (triplets)' : 'First-retry delay (addresses; no envelopes logged)',
    columns: [{ key: 'delay' }, { key: 'count', numeric: true }],
    rows: retryHistogram(a.envelopesLogged ? greyTriplets : greyAddresses),
  });
  // The worst senders by default; --verdict names the verdicts the list is about instead.
  const listed = new Set<Verdict>(o.verdicts ?? WORST_VERDICTS);
  const worst = a.addresses.filter((x) => listed.has(x.verdict));
  const top = topN(worst, o.top ?? 10, (x, y) => y.triplets - x.triplets || y.attempts - x.attempts, (x) => ipKey(x.ip));
  // Only the top N are shown: rows (and their formatted times) for those alone.
  const topRows = top.map((x) => ({
    ip: x.ip,
    verdict: x.verdict,
    retry: x.retry,
    attempts: x.attempts,
    triplets: x.triplets,
    first_seen: f(x.first),
    last_seen: f(x.last),
  }));
  tables.push({
    name: 'top',
    title: o.verdicts ? `Top ${o.top ?? 10} addresses with verdict ${o.verdicts.join(', ')}` : `Top ${o.top ?? 10} addresses that gave up or retried only within seconds`,
    columns: [
      { key: 'ip' },
      { key: 'verdict' },
      { key: 'retry' },
      { key: 'attempts', numeric: true },
      { key: 'triplets', numeric: true },
      { key: 'first_seen' },
      { key: 'last_seen' },
    ],
    rows: topRows,
  });
  tables.push({
    name: 'settings',
    title: 'Settings',
    columns: KV_COLUMNS,
    keyValue: true,
    rows: kv([
      ['passtime_s', o.passtime],
      ['greyexp_s', o.greyexp],
      ['burst_s', o.burst],
      ['since', o.since === null ? null : f(a.since)],
      ['until', o.until === null ? null : f(a.until)],
      ['top', o.top ?? 10],
      ['verdict', o.verdicts ? o.verdicts.join(',') : null],
      ['version', ctx.version],
    ]),
  });
  if (acc.examples.length > 0) {
    tables.push({
      name: 'unparsed',
      title: 'Lines not understood or suspicious (first examples)',
      columns: [{ key: 'reason' }, { key: 'where', untrusted: true }, { key: 'text', untrusted: true }],
      rows: acc.examples.map((e) => ({ reason: e.reason, where: `${e.source}:${e.line}`, text: e.text })),
    });
  }
  tables.push(...outsideSummaryTables(a, ctx.outside));
  return tables;
}

/**
 * The log's start cuts greylist entries just as its end does: a key accused but last attempted
 * less than greyexp after the first event read may have tried before it (in an earlier rotated
 * file), and then that last attempt was the one that passed (docs/verdicts.md). With --since the
 * greyexp before it is read back, so only a log that starts later leaves such keys.
 */
function nearWindowStart(ctx: ReportContext): string | null {
  const a = ctx.analysis;
  // The evidence says it of each message it shows (evidence.ts); the senders table counts addresses.
  if (ctx.options.command === 'evidence') return null;
  const byAddress = ctx.options.command === 'senders' || !a.envelopesLogged;
  const rows: ReadonlyArray<{ verdict: Verdict; last: number }> = byAddress ? a.addresses : a.triplets;
  let n = 0;
  for (const r of rows) if (BROKEN_VERDICTS.has(r.verdict) && mayContinueEarlierEntry(ctx, r.last)) n++;
  if (n === 0) return null;
  const start = a.readFrom;
  const what = byAddress ? (n === 1 ? 'address' : 'addresses') : n === 1 ? 'triplet' : 'triplets';
  return `${n} ${what} judged as not retrying ${n === 1 ? 'was' : 'were'} last attempted less than ${formatDuration(ctx.options.greyexp)} after the first event read (${ctx.formatTime(start) ?? '-'}): had the sender tried before that, in an earlier log file, that last attempt may have been the one that passed. Read the earlier log too before resting a complaint on ${n === 1 ? 'it' : 'them'}.`;
}

/** A key last attempted at `last` may have begun its greylist entry before the log's first event read. */
export function mayContinueEarlierEntry(ctx: ReportContext, last: number): boolean {
  return last < ctx.analysis.readFrom + ctx.options.greyexp;
}

export function buildNotes(ctx: ReportContext): string[] {
  const { analysis: a, accounting: acc } = ctx;
  const notes: string[] = [];
  if (a.events === 0 && a.outsideWindow > 0) {
    const window = [a.since === a.since ? `since ${ctx.formatTime(a.since)}` : '', a.until === a.until ? `until ${ctx.formatTime(a.until)}` : ''].filter(Boolean).join(', ');
    notes.push(`None of the log's spamd events falls inside the window (${window}): nothing was analysed (Lines: outside_window).`);
  } else if (a.events === 0 && acc.lines > 0 && acc.untimed === 0) notes.push('No OpenBSD spamd greylisting events were found in the input.');
  if (acc.lines === 0 && acc.inputs.every((i) => !i.error)) {
    notes.push(
      ctx.options.files.length === 0 && acc.inputs.length === 1 && acc.inputs[0]!.name === '-'
        ? 'The input is empty: no file was named, so standard input was read (it is not a terminal), and it held nothing. Name the log to read it (spamd-report /var/log/spamd); from cron, standard input is never the log.'
        : 'The input is empty: no lines were read.',
    );
  }
  if (a.events > 0 && !a.envelopesLogged) {
    notes.push(
      'No (GREY)/(BLACK) envelope lines: spamd was not run with -v, so there are no triplets; addresses are analysed, each greylisted session counting as an attempt. Without envelopes the retries of a pool (large providers retry from other addresses) cannot be seen: an address with one attempt may belong to a pool that retried, so do not rest a complaint on one-attempt addresses alone.',
    );
  }
  if (a.sessions.unknownClient > 0) {
    notes.push(`${a.sessions.unknownClient} session(s) came from a client address spamd could not print (<unknown>, or empty): one placeholder for unrelated clients, so they are counted as sessions but not judged as a sender.`);
  }
  const early = nearWindowStart(ctx);
  if (early) notes.push(early);
  if (acc.untimed > 0) {
    notes.push(
      `${acc.untimed} spamd line(s) carry no timestamp: recognised and counted, but they cannot be placed in time and are not analysed${a.events === 0 ? ', so nothing was analysed. Give the log with its syslog timestamps (the file syslogd wrote, not an excerpt of messages)' : ''}.`,
    );
  }
  for (const i of acc.inputs) if (i.error) notes.push(`Input not fully read: ${i.error}`);
  notes.push(...outsideNotes(a, ctx.outside, ctx.options.command));
  for (const i of acc.inputs) if (i.skipped) notes.push(`${i.name}: ${i.skipped}.`);
  if (acc.backwards > 0) {
    notes.push(
      `${acc.backwards} line(s) go back in time by more than a minute: verdicts assume the log is in time order. Name rotated files on the command line (they are read oldest first) rather than concatenating them.`,
    );
  }
  if (a.outOfOrder.events > 0) {
    notes.push(
      `${a.outOfOrder.events} event(s) of ${a.outOfOrder.inputs.join(', ')} lie more than a minute before the inputs read before: inputs are read one after the other, and verdicts assume time order (a retry read before the first attempt looks like one within 0 s). Name the files oldest first; rotated sets are ordered by their .N or date suffix, other names are read as given.`,
    );
  }
  if (acc.duplicates > 0) notes.push(`${acc.duplicates} line(s) repeat the spamd line before them byte for byte (one syslog line written twice): each was analysed once.`);
  return notes;
}

export function buildReport(ctx: ReportContext): Report {
  const { options: o, analysis: a, formatTime: f } = ctx;
  const notes = buildNotes(ctx);
  switch (o.command) {
    case 'summary': {
      const report: Report = { command: 'summary', tables: buildSummary(ctx), notes };
      const overTime = o.format === 'html' && attemptsOverTime(a.envelopesLogged ? a.triplets : a.addresses, a.envelopesLogged ? 'triplets' : 'addresses', a, f);
      if (overTime) report.attemptsOverTime = overTime;
      return report;
    }
    case 'triplets': {
      const cols = outsideColumns(TRIPLET_COLUMNS, 'triplets', ctx.outside);
      const items = filterRows(a.triplets, o.verdicts);
      const rowAt = (i: number): Row => (ctx.outside ? Object.assign(tripletRow(items[i]!, f), tripletOutsideCells(items[i]!, f, ctx.outside)) : tripletRow(items[i]!, f));
      const order = limit(sortOrder(items.length, rowAt, cols, o.sort, 'first_seen'), o.top);
      return {
        command: 'triplets',
        tables: [{ name: 'triplets', title: 'Triplets (address, sender, recipient)', columns: cols, rows: lazyRows(order, rowAt) }],
        notes,
      };
    }
    case 'senders': {
      const cols = outsideColumns(SENDER_COLUMNS, 'senders', ctx.outside);
      const items = filterRows(a.addresses, o.verdicts);
      const rowAt = (i: number): Row => ({ ...senderRow(items[i]!, f), ...senderOutsideCells(items[i]!, f, ctx.outside) });
      const order = limit(sortOrder(items.length, rowAt, cols, o.sort, 'first_seen'), o.top);
      const table: Table = { name: 'senders', title: 'Sending addresses', columns: cols, rows: lazyRows(order, rowAt) };
      const lines = sparklines(order.map((i) => items[i]!), a, f, o.format === 'html');
      if (lines) table.sparklines = lines;
      return { command: 'senders', tables: [table], notes };
    }
    case 'sessions': {
      const items = a.sessionRows ?? [];
      const rowAt = (i: number): Row => sessionRow(items[i]!, f);
      const order = limit(sortOrder(items.length, rowAt, SESSION_COLUMNS, o.sort, 'start'), o.top);
      return {
        command: 'sessions',
        tables: [{ name: 'sessions', title: 'SMTP sessions', columns: SESSION_COLUMNS, rows: lazyRows(order, rowAt) }],
        notes,
      };
    }
    case 'domains': {
      // Rows come in complaint order (domains.ts); --sort reorders them.
      const rows = buildDomainRows(ctx);
      const table: Table = { name: 'domains', title: 'Envelope-sender domains', columns: DOMAIN_COLUMNS, rows: limit(o.sort === null ? rows : sortRows(rows, DOMAIN_COLUMNS, o.sort, 'domain'), o.top) };
      const lines = domainSparklines(table.rows, ctx);
      if (lines) table.sparklines = lines;
      return { command: 'domains', tables: [table], notes: [...notes, ...buildDomainNotes(ctx, rows)] };
    }
    case 'evidence':
      throw new Error('evidence is a document of its own (report/evidence.ts), not a Report');
    case 'spamdb':
      throw new Error('the spamdb command builds its report with buildSpamdbReport()');
  }
}

