// Which attempts from different addresses belong to one message, for the pool-retry verdict.
// Large senders retry from other addresses of a pool, so the same envelope (sender, recipient)
// from several addresses is one message retried. The null sender `<>` is shared by bounces and
// callouts of unrelated servers: it is never grouped across addresses.

export const NULL_SENDER = '<>';

/** The key that groups one message's attempts across addresses, or null when it must not be grouped. */
export function messageGroupKey(from: string, to: string): string | null {
  if (from === NULL_SENDER || from === '') return null;
  return from + ' ' + to;
}
