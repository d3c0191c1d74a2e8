// Which attempts from different addresses belong to one message, for the pool-retry verdict.
// Large senders retry from other addresses of a pool, so the same envelope (sender family,
// recipient) from several addresses is one message retried. `--pool-prefix N` limits that to
// addresses in one /N. The null sender `<>` is shared by bounces and callouts of unrelated
// servers: it is grouped across addresses only within a --pool-prefix network, never beyond.
import { NULL_SENDER, senderFamily } from './families.js';
export { senderFamily };
import { networkOf } from './network.js';

export { NULL_SENDER };

/** How attempts are grouped into messages: null = any address of the sender counts. */
export type PoolPrefix = number | null;

/**
 * The key that groups one message's attempts across addresses (and across per-message senders of
 * one family), or null when the triplet must not be grouped with any other.
 */
export function messageGroupKey(ip: string, from: string, to: string, poolPrefix: PoolPrefix): string | null {
  const family = senderFamily(from);
  if (!isGroupable(family, poolPrefix)) return null;
  return groupKeyText(poolPrefix === null ? null : networkOf(ip, poolPrefix), family, recipientKey(to));
}

/** Whether triplets of this sender family are grouped across addresses at all. */
export function isGroupable(family: string, poolPrefix: PoolPrefix): boolean {
  return poolPrefix !== null || family !== NULL_SENDER;
}

/** The recipient as it takes part in the group key. */
export function recipientKey(to: string): string {
  return to.toLowerCase();
}

/** The group key from its parts (the network is null without --pool-prefix). */
export function groupKeyText(network: string | null, family: string, rcpt: string): string {
  return network === null ? family + ' ' + rcpt : network + ' ' + family + ' ' + rcpt;
}

/**
 * The key of a message carried by one triplet alone (never grouped with another): the triplet's own
 * `ip from to`, the analyzer's key for it (so it costs no string of its own). It never equals a
 * group key: those are `family rcpt` (two words) without --pool-prefix, and solo messages exist
 * only then (the null sender); spamdb-only tuples have a dotted address, never a `net/N` network.
 */
export function soloMessageKey(ip: string, from: string, to: string): string {
  return ip + ' ' + from + ' ' + to;
}

/** The message a triplet belongs to: its group, or the triplet alone when it is never grouped. */
export function messageKey(ip: string, from: string, to: string, poolPrefix: PoolPrefix): string {
  return messageGroupKey(ip, from, to, poolPrefix) ?? soloMessageKey(ip, from, to);
}

export interface Span {
  first: number;
  last: number;
}

/**
 * The longest gap between two attempts of one message retried from a pool: longer than any common
 * MTA's retry interval (Exim's longest default is 6 h, Postfix's maximal_backoff_time 4000 s,
 * Sendmail's queue runs 15-60 min), shorter than a day, so that a daily notifier's separate mails
 * stay separate messages.
 */
export const POOL_RETRY_GAP = 12 * 3600;

/**
 * Split the triplets of one message group into messages by time: attempts of one message retried
 * from a pool (or re-signed with a new BATV/SRS sender) come within the sender's retry schedule, so
 * a member joins a message when its first attempt is at most `gap` (POOL_RETRY_GAP) after the
 * message's latest attempt so far. Separate one-shot mails of a per-message-sender family, hours or days
 * apart, stay separate messages: a fire-and-forget notifier is never hidden as a "pool".
 * Returns a message index per member (0, 1, ... in time order).
 */
export function splitByTime(members: readonly Span[], gap: number): number[] {
  const order = members.map((_, i) => i).sort((a, b) => members[a]!.first - members[b]!.first || a - b);
  const out = new Array<number>(members.length).fill(0);
  let message = -1;
  let last = -Infinity;
  for (const i of order) {
    const m = members[i]!;
    if (m.first > last + gap) message++;
    out[i] = message;
    if (m.last > last) last = m.last;
  }
  return out;
}
