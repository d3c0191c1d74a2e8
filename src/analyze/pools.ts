// Which attempts from different addresses belong to one message, for the pool-retry verdict.
// Large senders retry from other addresses of a pool, so the same envelope (sender family,
// recipient) from several addresses is one message retried. `--pool-prefix N` limits that to
// addresses in one /N. The null sender `<>` is shared by bounces and callouts of unrelated
// servers: it is grouped across addresses only within a --pool-prefix network, never beyond.
import { NULL_SENDER, senderFamily } from './families.js';
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
  const rcpt = to.toLowerCase();
  if (poolPrefix !== null) return networkOf(ip, poolPrefix) + ' ' + family + ' ' + rcpt;
  if (family === NULL_SENDER) return null;
  return family + ' ' + rcpt;
}

/** The message a triplet belongs to: its group, or the triplet alone when it is never grouped. */
export function messageKey(ip: string, from: string, to: string, poolPrefix: PoolPrefix): string {
  return messageGroupKey(ip, from, to, poolPrefix) ?? '\u0000' + ip + ' ' + from + ' ' + to;
}
