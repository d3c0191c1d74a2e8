// `domains`: one row per envelope-sender domain, the organisation a complaint goes to, counting
// messages (analyze/messages.ts), not triplets: a pool or a per-message sender is one message.
import { BROKEN_VERDICTS, type Verdict } from '../analyze/verdicts.js';
import { buildMessages, COMPLAINT_ORDER, worstVerdict, type Message } from '../analyze/messages.js';
import { NULL_SENDER } from '../analyze/families.js';
import type { Column, ReportContext, Row } from './model.js';

/** Verdict count columns, in complaint order: `one_attempt`, `rapid_retry`, ... */
const VERDICT_COLUMNS: Column[] = COMPLAINT_ORDER.map((v) => ({ key: v.replace(/-/g, '_'), numeric: true }));

export const DOMAIN_COLUMNS: Column[] = [
  { key: 'domain', untrusted: true },
  { key: 'messages', numeric: true },
  { key: 'senders', numeric: true },
  { key: 'families', numeric: true },
  { key: 'triplets', numeric: true },
  { key: 'addresses', numeric: true },
  { key: 'attempts', numeric: true },
  ...VERDICT_COLUMNS,
  { key: 'median_attempts', numeric: true },
  { key: 'median_first_retry_s', numeric: true },
  { key: 'worst' },
  { key: 'first_seen' },
  { key: 'last_seen' },
];

/** The median of `values` (the mean of the two middle ones for an even count); null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const m = v.length % 2 === 1 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  return Math.round(m * 1000) / 1000;
}

interface DomainAgg {
  domain: string;
  messages: Message[];
  counts: Map<Verdict, number>;
  broken: number;
}

/** Not an organisation to write to: the null sender (bounces, callouts) and senders without a domain go last. */
function isAddressable(domain: string): boolean {
  return domain !== NULL_SENDER && domain !== '';
}

/** The default order: most messages that did not retry as RFC 5321 asks, then the worst finding, then volume. */
function compareForComplaint(a: DomainAgg, b: DomainAgg): number {
  const addressable = Number(isAddressable(b.domain)) - Number(isAddressable(a.domain));
  if (addressable !== 0) return addressable;
  if (a.broken !== b.broken) return b.broken - a.broken;
  const wa = COMPLAINT_ORDER.indexOf(worstVerdict(a.counts.keys())!);
  const wb = COMPLAINT_ORDER.indexOf(worstVerdict(b.counts.keys())!);
  if (wa !== wb) return wa - wb;
  if (a.messages.length !== b.messages.length) return b.messages.length - a.messages.length;
  return a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0;
}

function domainRow(d: DomainAgg, ctx: ReportContext): Row {
  const f = ctx.formatTime;
  const grey = d.messages.filter((m) => m.verdict !== 'blacklisted');
  const row: Row = {
    domain: d.domain === '' ? null : d.domain,
    messages: d.messages.length,
    senders: new Set(d.messages.flatMap((m) => m.senders)).size,
    families: new Set(d.messages.map((m) => m.family)).size,
    triplets: d.messages.reduce((n, m) => n + m.triplets.length, 0),
    addresses: new Set(d.messages.flatMap((m) => m.ips)).size,
    attempts: d.messages.reduce((n, m) => n + m.attempts, 0),
  };
  for (const v of COMPLAINT_ORDER) row[v.replace(/-/g, '_')] = d.counts.get(v) ?? 0;
  row.median_attempts = median(grey.map((m) => m.attempts));
  row.median_first_retry_s = median(grey.filter((m) => m.attempts > 1).map((m) => m.firstRetry));
  row.worst = worstVerdict(d.counts.keys());
  row.first_seen = f(d.messages.reduce((t, m) => Math.min(t, m.first), Infinity));
  row.last_seen = f(d.messages.reduce((t, m) => Math.max(t, m.last), -Infinity));
  return row;
}

/** Domain rows in complaint order; with --verdict only domains with a message of those verdicts. */
export function buildDomainRows(ctx: ReportContext): Row[] {
  const byDomain = new Map<string, DomainAgg>();
  for (const m of buildMessages(ctx.analysis.triplets)) {
    let d = byDomain.get(m.domain);
    if (!d) byDomain.set(m.domain, (d = { domain: m.domain, messages: [], counts: new Map(), broken: 0 }));
    d.messages.push(m);
    d.counts.set(m.verdict, (d.counts.get(m.verdict) ?? 0) + 1);
    if (BROKEN_VERDICTS.has(m.verdict)) d.broken++;
  }
  const want = ctx.options.verdicts;
  const domains = [...byDomain.values()].filter((d) => want === null || want.some((v) => d.counts.has(v)));
  return domains.sort(compareForComplaint).map((d) => domainRow(d, ctx));
}

/** Sentences for the reader of `domains`. */
export function buildDomainNotes(ctx: ReportContext, rows: readonly Row[]): string[] {
  const notes: string[] = [];
  const pending = rows.reduce((n, r) => n + Number(r.pending ?? 0), 0);
  if (pending > 0) {
    notes.push(
      `Still pending at ${ctx.formatTime(ctx.analysis.end) ?? '-'}, the end of the analysed window: ${pending} message(s). Their senders may still retry, so they count against no one. Analyse a longer log, or give --until if the log is complete up to a later time.`,
    );
  }
  notes.push(
    ctx.options.poolPrefix === null
      ? 'A message is one sender family and recipient, from any address (a pool retrying counts as one message). The null sender <> is never grouped across addresses.'
      : `A message is one sender family and recipient, from addresses in one /${ctx.options.poolPrefix} (--pool-prefix).`,
  );
  return notes;
}
