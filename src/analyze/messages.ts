// Messages: the triplets that carried one message, grouped by pools.ts (sender family and
// recipient, within --pool-prefix), with a verdict for the message as a whole. A sender is judged
// by its messages, not by the triplets a pool or a per-message sender split them into.
import { senderDomain, senderFamily } from './families.js';
import { soloMessageKey } from './pools.js';
import type { TripletResult } from './analyzer.js';
import type { Verdict } from './verdicts.js';

export interface Message {
  key: string;
  /** The sender family (families.ts); the exact senders are in `senders`. */
  family: string;
  /** The envelope-sender domain (lower case; `<>` for the null sender, '' for none). */
  domain: string;
  /** Distinct exact envelope senders, as logged, in order of first attempt. */
  senders: string[];
  recipient: string;
  /** Distinct source addresses, in order of first attempt. */
  ips: string[];
  /** The triplets, in order of first attempt. */
  triplets: TripletResult[];
  verdict: Verdict;
  attempts: number;
  first: number;
  last: number;
  /** Seconds from the first attempt to the next one from any of its triplets; NaN with one attempt. */
  firstRetry: number;
}

/**
 * Verdicts from the one most worth a complaint to the least: the first is the `worst` of a set.
 * Blacklisted comes last: spamd did not greylist it, so it says nothing about retrying.
 */
export const COMPLAINT_ORDER: readonly Verdict[] = [
  'one-attempt',
  'rapid-retry',
  'gave-up-early',
  'too-slow',
  'pool-retry',
  'pending',
  'excused',
  'passed',
  'blacklisted',
];

/** Which verdict a message of several triplets gets: the one most favourable to the sender. */
const MESSAGE_PRECEDENCE: readonly Verdict[] = [
  'passed',
  'pending',
  'pool-retry',
  'excused',
  'too-slow',
  'gave-up-early',
  'rapid-retry',
  'one-attempt',
];

export function worstVerdict(verdicts: Iterable<Verdict>): Verdict | null {
  let best = Infinity;
  for (const v of verdicts) best = Math.min(best, COMPLAINT_ORDER.indexOf(v));
  return best === Infinity ? null : COMPLAINT_ORDER[best]!;
}

/**
 * A message's verdict from its triplets' verdicts: blacklisted only when every triplet was;
 * otherwise the greylisted triplets decide, the most favourable to the sender first (one that
 * passed or is pending makes the message so; several triplets are a pool retry by construction).
 */
export function messageVerdict(verdicts: readonly Verdict[]): Verdict {
  const grey: Verdict[] = verdicts.filter((v) => v !== 'blacklisted');
  if (grey.length === 0) return 'blacklisted';
  for (const v of MESSAGE_PRECEDENCE) if (grey.includes(v)) return v;
  return grey[0]!;
}

/** Seconds from the first attempt of any triplet to the second one, from each triplet's first attempt and first retry. */
function firstRetryOf(triplets: readonly TripletResult[]): number {
  let first = Infinity;
  let owner: TripletResult | null = null;
  for (const t of triplets) {
    if (t.first < first) {
      first = t.first;
      owner = t;
    }
  }
  let second = Infinity;
  for (const t of triplets) {
    if (t === owner) {
      if (t.attempts > 1) second = Math.min(second, t.first + t.firstRetry);
    } else second = Math.min(second, t.first);
  }
  return second === Infinity ? NaN : second - first;
}

function byFirst(a: TripletResult, b: TripletResult): number {
  return a.first - b.first || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
}

/** Group triplets into messages, as the analyzer decided them (TripletResult.message; order: first attempt, then key). */
export function buildMessages(triplets: readonly TripletResult[]): Message[] {
  const groups = new Map<string, TripletResult[]>();
  for (const t of triplets) {
    const key = t.message === '' ? soloMessageKey(t.ip, t.sender, t.recipient) : t.message;
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  const out: Message[] = [];
  for (const [key, list] of groups) {
    list.sort(byFirst);
    const head = list[0]!;
    out.push({
      key,
      family: senderFamily(head.sender),
      domain: senderDomain(head.sender),
      senders: [...new Set(list.map((t) => t.sender))],
      recipient: head.recipient,
      ips: [...new Set(list.map((t) => t.ip))],
      triplets: list,
      verdict: messageVerdict(list.map((t) => t.verdict)),
      attempts: list.reduce((n, t) => n + t.attempts, 0),
      first: head.first,
      last: list.reduce((m, t) => Math.max(m, t.last), -Infinity),
      firstRetry: firstRetryOf(list),
    });
  }
  return out.sort((a, b) => a.first - b.first || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
