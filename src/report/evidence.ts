// The `evidence` document: what was analysed, the receiving policy, what RFC 5321 asks, then
// every attempt of each selected message with its verdict and a one-sentence reason, and the
// figures. A model of plain data (times already formatted); render-evidence.ts writes it out.
import { addAttempt, createAttemptState } from '../analyze/attempts.js';
import { buildMessages, type Message } from '../analyze/messages.js';
import { NULL_SENDER } from '../analyze/families.js';
import { formatCidr } from '../analyze/network.js';
import { matchesTriplet, normalizeSelection, selectsByAddressOnly, matchesAddress, type Selection } from '../analyze/selection.js';
import { BROKEN_VERDICTS, poolGaveUp, type Verdict } from '../analyze/verdicts.js';
import type { AddressResult, TripletResult } from '../analyze/analyzer.js';
import { formatDuration } from './format-duration.js';
import { buildNotes, mayContinueEarlierEntry, type ReportContext } from './model.js';

/** spamd's answer to a greylisted client (spamd.c, after DATA). */
export const GREYLIST_REPLY = '451 Temporary failure, please try again later.';

export interface EvidenceAttempt {
  /** 1-based, in time order within the message. */
  n: number;
  time: string | null;
  ip: string;
  /** The exact envelope sender of this attempt; null when spamd logged no envelope. */
  sender: string | null;
  /** Session length in seconds; null when its disconnect line was not seen. */
  sessionSeconds: number | null;
  /** Seconds since the previous attempt of this message; null for the first. */
  intervalSeconds: number | null;
  /** false: an attempt of a triplet outside the selection, known only as its first or last attempt. */
  itemised: boolean;
}

export interface EvidenceMessage {
  n: number;
  /** Exact envelope senders as logged; empty when spamd logged no envelope (no -v). */
  senders: string[];
  family: string | null;
  recipient: string | null;
  domain: string | null;
  ips: string[];
  verdict: Verdict;
  /** One sentence: why this verdict. */
  reason: string;
  /** All attempts of the message, including those not itemised (attempts.length may be smaller). */
  attemptCount: number;
  attempts: EvidenceAttempt[];
  firstSeen: string | null;
  lastSeen: string | null;
  /** Longest interval between two consecutive attempts, seconds (0 with one attempt). */
  longestIntervalSeconds: number;
  /** Seconds from the first to the last attempt. */
  spanSeconds: number;
  /** Sentences about this message (attempts not itemised, null sender, no envelope). */
  notes: string[];
}

export interface EvidenceInput {
  file: string;
  lines: number;
  error: string | null;
}

export interface Evidence {
  version: string;
  inputs: EvidenceInput[];
  window: { first: string | null; last: string | null; decidedAt: string | null; decidedBy: 'until' | 'last-line'; zone: string };
  lines: { read: number; spamdEvents: number };
  envelopesLogged: boolean;
  /** The selection in words, e.g. `sender domain example.net; address 192.0.2.10`. */
  selection: string;
  policy: { passtimeSeconds: number; greyexpSeconds: number; burstSeconds: number; poolPrefix: number | null; reply: string };
  /** The receiving policy and RFC 5321 §4.5.4.1 in sentences (the same text in every format). */
  policyText: string[];
  rfcText: string[];
  messages: EvidenceMessage[];
  summary: EvidenceSummary;
  notes: string[];
}

export interface EvidenceSummary {
  messages: number;
  attempts: number;
  addresses: number;
  /** Messages by verdict, every verdict present (0 when none). */
  verdicts: Record<Verdict, number>;
  /** Messages that did not retry as RFC 5321 asks (one-attempt, rapid-retry, gave-up-early, too-slow). */
  findings: number;
  longestIntervalSeconds: number | null;
  firstAttempt: string | null;
  lastAttempt: string | null;
  /** Seconds from the first to the last attempt of the whole selection. */
  spanSeconds: number | null;
}

const VERDICT_ORDER: readonly Verdict[] = ['one-attempt', 'rapid-retry', 'gave-up-early', 'too-slow', 'pool-retry', 'passed', 'pending', 'blacklisted'];

function num(n: number): number | null {
  return n === n && Number.isFinite(n) ? Math.round(n * 1000) / 1000 : null;
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The selection in words, for the header. */
export function describeSelection(sel: Selection): string {
  const s = normalizeSelection(sel);
  const parts: string[] = [];
  const add = (label: string, values: string[]): void => {
    if (values.length) parts.push(`${label} ${values.join(' or ')}`);
  };
  add('address', s.ips);
  add('network', s.nets.map(formatCidr));
  add('sender domain', s.senderDomains);
  // The null sender as a log writes it, not a blank.
  const named = (values: string[]): string[] => values.map((v) => (v === '' ? '<>' : v));
  add('sender', named(s.senders));
  add('recipient', named(s.recipients));
  return parts.join('; ');
}

function policySentences(ctx: ReportContext): string[] {
  const o = ctx.options;
  return [
    `This mail server greylists with OpenBSD spamd: the first attempt of an unknown client (source address, HELO name, envelope sender, envelope recipient) is refused with spamd's temporary error reply: ${GREYLIST_REPLY}`,
    `A retry of the same tuple from the same address that comes more than ${formatDuration(o.passtime)} (passtime) and at most ${formatDuration(o.greyexp)} (greyexp) after the first attempt passes: that retry is still answered with the temporary error, spamd lets the address through within the next minute, and the next retry reaches the mail server. An attempt after greyexp starts over. These are the values used for this report.`,
    `Every refused attempt is temporary (a 4xx reply): nothing was rejected permanently. A sender that keeps retrying for hours from the same address, at intervals shorter than ${formatDuration(o.greyexp)} as every common mail server does, gets its mail through.`,
  ];
}

const RFC_SENTENCES: readonly string[] = [
  'RFC 5321 (SMTP), section 4.5.4.1 "Sending Strategy", in our words: mail that cannot be delivered at once MUST be queued and retried periodically by the sender, and after a failed attempt the sender MUST wait before it retries.',
  'The retry interval SHOULD be at least 30 minutes, and retries go on until the message is delivered or the sender gives up, which generally needs to be no sooner than after 4-5 days.',
  'The 30 minutes are a SHOULD, not a MUST: ordinary mail servers retry after 5 to 15 minutes and pass greylisting within the first hour, and this report holds no early retry against anyone. What it points out is a sender that never retried, retried only within seconds, or stopped before the passtime above. A sender that comes back only after hours breaks no rule of RFC 5321, which sets no longest interval, but it never passes greylisting: each retry comes after spamd has forgotten the one before.',
];

function formatSpan(a: number, b: number): string {
  return formatDuration(Math.max(0, b - a));
}

interface Timeline {
  attempts: EvidenceAttempt[];
  times: number[];
  notes: string[];
}

/** Every attempt of a message in time order: recorded ones itemised, the others from their triplet's first and last attempt. */
function timeline(m: Message, ctx: ReportContext): Timeline {
  const raw: Array<{ time: number; ip: string; sender: string | null; duration: number; itemised: boolean }> = [];
  const outside = new Set<string>();
  let cut = false;
  for (const t of m.triplets) {
    if (t.records) {
      for (const r of t.records) raw.push({ time: r.time, ip: t.ip, sender: t.sender, duration: r.duration, itemised: true });
      continue;
    }
    // Outside the selection (a pool member): its attempts were not kept, but the first and last are known.
    raw.push({ time: t.first, ip: t.ip, sender: t.sender, duration: NaN, itemised: false });
    if (t.attempts > 1) raw.push({ time: t.last, ip: t.ip, sender: t.sender, duration: NaN, itemised: false });
    outside.add(t.ip);
    if (t.attempts > 2) cut = true;
  }
  const notes: string[] = [];
  if (outside.size > 0) {
    const ips = [...outside];
    notes.push(
      `The attempts marked * come from ${ips.length > 1 ? 'addresses' : 'an address'} outside the selection (${ips.join(', ')}): they are known without session lengths${cut ? ', and of more than two attempts only the first and the last are shown' : ''}. Add ${ips.map((ip) => `--ip ${ip}`).join(' ')} to list them in full.`,
    );
  }
  raw.sort((a, b) => a.time - b.time || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
  const attempts = raw.map((r, i) => ({
    n: i + 1,
    time: ctx.formatTime(r.time),
    ip: r.ip,
    sender: r.sender,
    sessionSeconds: num(r.duration),
    intervalSeconds: i === 0 ? null : num(r.time - raw[i - 1]!.time),
    itemised: r.itemised,
  }));
  return { attempts, times: raw.map((r) => r.time), notes };
}

function longestGap(times: number[]): number {
  let g = 0;
  for (let i = 1; i < times.length; i++) g = Math.max(g, times[i]! - times[i - 1]!);
  return g;
}

/** When the passing attempt came, replayed from a triplet's recorded attempts; NaN when not recorded. */
function passedAfter(t: TripletResult, ctx: ReportContext): number {
  if (!t.records) return NaN;
  const s = createAttemptState();
  const timing = { passtime: ctx.options.passtime, greyexp: ctx.options.greyexp, burst: ctx.options.burst };
  for (const r of t.records) addAttempt(s, r.time, timing);
  return s.passedAt - s.entryFirst;
}

interface ReasonFacts {
  verdict: Verdict;
  times: number[];
  ips: string[];
  senders: number;
  lists: string;
  passedTriplet: TripletResult | null;
  addressOnly: boolean;
}

/** The one-sentence reason for a verdict, from the attempt times and the window's end. */
export function explainVerdict(f: ReasonFacts, ctx: ReportContext): string {
  const end = ctx.analysis.end;
  const o = ctx.options;
  const timing = { passtime: o.passtime, greyexp: o.greyexp, burst: o.burst };
  const n = f.times.length;
  const first = f.times[0] ?? NaN;
  const last = f.times[n - 1] ?? NaN;
  const after = `none in the following ${formatSpan(last, end)} (up to the end of the analysed window)`;
  const what = f.addressOnly ? 'connection' : 'attempt';
  switch (f.verdict) {
    case 'one-attempt':
      return `1 ${what}, ${after}.`;
    case 'rapid-retry':
      return n === 2
        ? `2 ${what}s ${formatSpan(first, last)} apart, ${after}.`
        : `${n} ${what}s within ${formatSpan(first, last)}, ${after}.`;
    case 'gave-up-early':
      return `${n} ${what}s over ${formatSpan(first, last)} (longest gap ${formatDuration(longestGap(f.times))}), ${after}: it stopped before the ${formatDuration(o.passtime)} after which spamd would have accepted a retry.`;
    case 'too-slow': {
      const s = createAttemptState();
      for (const t of f.times) addAttempt(s, t, timing);
      if (s.entries === n) {
        let shortest = Infinity;
        for (let i = 1; i < n; i++) shortest = Math.min(shortest, f.times[i]! - f.times[i - 1]!);
        return `${n} ${what}s, each more than ${formatDuration(o.greyexp)} after the previous one (the shortest gap ${formatDuration(shortest)}), so spamd had forgotten the earlier attempt every time.`;
      }
      return `${n} ${what}s over ${formatSpan(first, last)}: the retries that came while spamd still held the attempt came less than the ${formatDuration(o.passtime)} passtime after it, and the sender came back only after spamd had forgotten it (${formatDuration(o.greyexp)} after the first attempt), ${plural(s.entries - 1, 'time')}, so no attempt could pass.`;
    }
    case 'pool-retry': {
      const from = f.ips.length > 1 ? `from ${plural(f.ips.length, 'address', 'addresses')} (${f.ips.join(', ')})` : `from ${f.ips[0]}`;
      const as = f.senders > 1 ? ` with ${f.senders} per-message sender addresses of one family` : '';
      const how = [f.ips.length > 1 ? 'from other addresses (of its pool)' : '', f.senders > 1 ? 'with other per-message sender addresses' : ''].filter(Boolean).join(' and ');
      // The analysis's rule for a message judged whole; for several addresses it stays pool-retry.
      if (f.ips.length > 1 && poolGaveUp({ first, last }, end, timing)) {
        return `${n} attempts ${from}${as} over ${formatSpan(first, last)}, ${after}: the sender tried ${how}, and from here it looks as if it stopped early; but an address of its pool that spamd had already whitelisted takes a retry to the mail server without a line in spamd's log, so this is not held against it.`;
      }
      return `${n} attempts ${from}${as} over ${formatSpan(first, last)}: the sender did retry, but ${how}; spamd keys its greylist on the address and the sender, so such retries do not pass. This is no failure to retry.`;
    }
    case 'passed': {
      const t = f.passedTriplet;
      const after2 = t ? passedAfter(t, ctx) : NaN;
      if (t && after2 === after2) {
        return `Passed greylisting: ${t.ip} retried ${formatDuration(after2)} after its first attempt, later than the ${formatDuration(o.passtime)} passtime; spamd then lets the address through to the mail server.`;
      }
      if (t && t.records) {
        return `Passed greylisting as an address: spamd whitelisted ${t.ip} (another message from it passed, or spamd logged so) while this message could still be retried, so any retry went straight to the mail server and is not in spamd's log.`;
      }
      return `Passed greylisting: a retry came after the ${formatDuration(o.passtime)} passtime${f.addressOnly ? ', or spamd logged that it whitelisted the address' : ''}; spamd then lets the address through to the mail server.`;
    }
    case 'pending':
      return `Still pending: ${plural(n, what)} so far, the last ${formatSpan(last, end)} before the end of the analysed window (${ctx.formatTime(end) ?? '-'}), which is less than spamd's ${formatDuration(o.greyexp)} greylist lifetime; the sender may still retry, so this is no finding.`;
    case 'excused':
      return `Excused: the address is on an excusal list given with --exclude-from, so it is not flagged.`;
    case 'blacklisted':
      return `On a spamd blacklist${f.lists ? ` (${f.lists})` : ''}: spamd did not greylist it, so this says nothing about retrying.`;
  }
}

function messageFromTriplets(m: Message, ctx: ReportContext, addressesByIp: Map<string, AddressResult>): Omit<EvidenceMessage, 'n'> {
  const tl = timeline(m, ctx);
  const notes = [...tl.notes];
  if (m.family === NULL_SENDER) {
    notes.push('The null sender <> is used by bounces and by address verification callouts; a callout is never retried, by design.');
  }
  if (BROKEN_VERDICTS.has(m.verdict) && mayContinueEarlierEntry(ctx, m.last)) {
    notes.push(
      `Its last attempt came less than ${formatDuration(ctx.options.greyexp)} after the first line of the log read (${ctx.formatTime(ctx.analysis.readFrom) ?? '-'}): had the sender tried before that, in an earlier log file, that attempt may have been the one that passed. Read the earlier log too before resting a complaint on it.`,
    );
  }
  const lists = [...new Set(m.ips.map((ip) => addressesByIp.get(ip)?.lists ?? '').filter(Boolean))].join(' ');
  const reason = explainVerdict(
    {
      verdict: m.verdict,
      times: tl.times,
      ips: m.ips,
      senders: m.senders.length,
      lists,
      passedTriplet: m.triplets.find((t) => t.verdict === 'passed') ?? null,
      addressOnly: false,
    },
    ctx,
  );
  return {
    senders: m.senders,
    family: m.family,
    recipient: m.recipient,
    domain: m.domain,
    ips: m.ips,
    verdict: m.verdict,
    reason,
    attemptCount: m.attempts,
    attempts: tl.attempts,
    firstSeen: ctx.formatTime(m.first),
    lastSeen: ctx.formatTime(m.last),
    longestIntervalSeconds: num(longestGap(tl.times))!,
    spanSeconds: num(m.last - m.first)!,
    notes,
  };
}

/** An address whose sessions carried no envelope line (spamd without -v, or a client that left before RCPT). */
function messageFromAddress(a: AddressResult, ctx: ReportContext): Omit<EvidenceMessage, 'n'> {
  const records = a.records ?? [];
  const times = records.map((r) => r.time);
  const attempts = records.map((r, i) => ({
    n: i + 1,
    time: ctx.formatTime(r.time),
    ip: a.ip,
    sender: null,
    sessionSeconds: num(r.duration),
    intervalSeconds: i === 0 ? null : num(r.time - records[i - 1]!.time),
    itemised: true,
  }));
  const notes: string[] = [];
  if (!ctx.analysis.envelopesLogged) {
    notes.push(
      'spamd was run without -v, so its log has no envelopes: each greylisted session of the address counts as an attempt. A sender that retries from other addresses of a pool cannot be told apart from one that gave up; do not rest a complaint about a large provider on this alone.',
    );
  } else if (a.verdict !== 'blacklisted') {
    notes.push('spamd logged no envelope for these sessions: the client left before it named a recipient.');
  }
  const reason = explainVerdict({ verdict: a.verdict, times, ips: [a.ip], senders: 0, lists: a.lists, passedTriplet: null, addressOnly: true }, ctx);
  return {
    senders: [],
    family: null,
    recipient: null,
    domain: null,
    ips: [a.ip],
    verdict: a.verdict,
    reason,
    attemptCount: a.attempts,
    attempts,
    firstSeen: ctx.formatTime(times[0] ?? a.first),
    lastSeen: ctx.formatTime(times[times.length - 1] ?? a.last),
    longestIntervalSeconds: num(longestGap(times))!,
    spanSeconds: num(times.length ? times[times.length - 1]! - times[0]! : 0)!,
    notes,
  };
}

function summarize(messages: EvidenceMessage[], span: { first: number; last: number }, ctx: ReportContext): EvidenceSummary {
  const verdicts = Object.fromEntries(VERDICT_ORDER.map((v) => [v, 0])) as Record<Verdict, number>;
  let attempts = 0;
  let longest: number | null = null;
  const ips = new Set<string>();
  for (const m of messages) {
    verdicts[m.verdict]++;
    attempts += m.attemptCount;
    for (const ip of m.ips) ips.add(ip);
    if (m.attempts.length > 1) longest = Math.max(longest ?? 0, m.longestIntervalSeconds);
  }
  const any = Number.isFinite(span.first);
  return {
    messages: messages.length,
    attempts,
    addresses: ips.size,
    verdicts,
    findings: messages.filter((m) => BROKEN_VERDICTS.has(m.verdict)).length,
    longestIntervalSeconds: longest,
    firstAttempt: any ? ctx.formatTime(span.first) : null,
    lastAttempt: any ? ctx.formatTime(span.last) : null,
    spanSeconds: any ? num(span.last - span.first) : null,
  };
}

export function buildEvidence(ctx: ReportContext): Evidence {
  const { options: o, analysis: a, accounting: acc } = ctx;
  const selection = normalizeSelection(o.selection ?? { ips: [], nets: [], senderDomains: [], senders: [], recipients: [] });
  const addressesByIp = new Map(a.addresses.map((x) => [x.ip, x]));
  // first/last: of the attempts (NaN for an address with none greylisted), for the summary's span.
  const picked: Array<{ message: Omit<EvidenceMessage, 'n'>; order: number; first: number; last: number }> = [];
  for (const m of buildMessages(a.triplets)) {
    if (!m.triplets.some((t) => matchesTriplet(selection, t.ip, t.sender, t.recipient))) continue;
    picked.push({ message: messageFromTriplets(m, ctx, addressesByIp), order: m.first, first: m.first, last: m.last });
  }
  if (selectsByAddressOnly(selection)) {
    for (const x of a.addresses) {
      if (x.triplets > 0 || x.sessions === 0 || !matchesAddress(selection, x.ip)) continue;
      const times = (x.records ?? []).map((r) => r.time);
      picked.push({ message: messageFromAddress(x, ctx), order: x.first, first: times[0] ?? NaN, last: times[times.length - 1] ?? NaN });
    }
  }
  const wanted = o.verdicts;
  // Addresses the admin excused (--exclude-from) stay out of a complaint unless asked for.
  const kept = picked
    .filter((p) => (wanted === null || wanted.includes(p.message.verdict)) && (o.includeExcused || p.message.verdict !== 'excused'))
    .sort((p, q) => p.order - q.order);
  const messages: EvidenceMessage[] = kept.map((p, i) => ({ n: i + 1, ...p.message }));
  const timed = kept.filter((p) => p.first === p.first);
  const span = {
    first: timed.reduce((t, p) => Math.min(t, p.first), Infinity),
    last: timed.reduce((t, p) => Math.max(t, p.last), -Infinity),
  };
  return {
    version: ctx.version,
    inputs: acc.inputs.map((i) => ({ file: i.name, lines: i.lines, error: i.error })),
    window: {
      first: ctx.formatTime(a.first),
      last: ctx.formatTime(a.last),
      decidedAt: ctx.formatTime(a.end),
      decidedBy: o.until !== null ? 'until' : 'last-line',
      zone: o.utc ? 'UTC' : ctx.zoneName,
    },
    lines: { read: acc.lines, spamdEvents: acc.events },
    envelopesLogged: a.envelopesLogged,
    selection: describeSelection(selection),
    policy: { passtimeSeconds: o.passtime, greyexpSeconds: o.greyexp, burstSeconds: o.burst, poolPrefix: o.poolPrefix, reply: GREYLIST_REPLY },
    policyText: policySentences(ctx),
    rfcText: [...RFC_SENTENCES],
    messages,
    summary: summarize(messages, span, ctx),
    notes: evidenceNotes(messages, ctx),
  };
}

function evidenceNotes(messages: EvidenceMessage[], ctx: ReportContext): string[] {
  const notes = buildNotes(ctx);
  if (messages.length === 0) notes.unshift('No attempt in the analysed logs matches the selection.');
  const a = ctx.analysis;
  if (ctx.options.until !== null && a.end > a.last + 60) {
    notes.push(
      `Verdicts are decided at ${ctx.formatTime(a.end) ?? '-'} (--until), ${formatSpan(a.last, a.end)} after the last line of the log (${ctx.formatTime(a.last) ?? '-'}): "none in the following" counts that time too, which is right only if the log is complete up to then.`,
    );
  }
  const pending = messages.filter((m) => m.verdict === 'pending').length;
  if (pending > 0) {
    notes.push(
      `Still pending at ${ctx.formatTime(ctx.analysis.end) ?? '-'}: ${plural(pending, 'message')}. The analysed window ends too soon after the attempts to tell whether the sender retries, so a pending message is no finding. Analyse a longer log, or give --until if the log is complete up to a later time.`,
    );
  }
  return notes;
}
