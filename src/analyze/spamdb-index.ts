// Lookups into a spamdb listing by address and by triplet (address, sender, recipient), for
// joining it with a log analysis. Built once; never changed.
import type { SpamdbDump } from '../parse/spamdb-dump.js';
import type { GreyEntry, TrappedEntry, WhiteEntry } from '../parse/spamdb.js';

export interface DumpIndex {
  readonly dump: SpamdbDump;
  /** GREY entries of one triplet: several when the sender used several HELO names. */
  tuples(ip: string, from: string, to: string): readonly GreyEntry[];
  /** GREY entries of one address. */
  greyOf(ip: string): readonly GreyEntry[];
  white(ip: string): WhiteEntry | undefined;
  trapped(ip: string): TrappedEntry | undefined;
}

const NONE: readonly GreyEntry[] = [];

export function tripletKey(ip: string, from: string, to: string): string {
  return ip + ' ' + from + ' ' + to;
}

export function indexDump(dump: SpamdbDump): DumpIndex {
  const byTriplet = new Map<string, GreyEntry[]>();
  const byIp = new Map<string, GreyEntry[]>();
  for (const g of dump.grey) {
    const k = tripletKey(g.ip, g.from, g.to);
    const t = byTriplet.get(k);
    if (t) t.push(g);
    else byTriplet.set(k, [g]);
    const a = byIp.get(g.ip);
    if (a) a.push(g);
    else byIp.set(g.ip, [g]);
  }
  // The database has one WHITE/TRAPPED record per address; in concatenated listings the last wins.
  const white = new Map(dump.white.map((w) => [w.ip, w]));
  const trapped = new Map(dump.trapped.map((t) => [t.ip, t]));
  return {
    dump,
    tuples: (ip, from, to) => byTriplet.get(tripletKey(ip, from, to)) ?? NONE,
    greyOf: (ip) => byIp.get(ip) ?? NONE,
    white: (ip) => white.get(ip),
    trapped: (ip) => trapped.get(ip),
  };
}

/**
 * Since when the WHITE entry has whitelisted its address: the pass time; for an entry received
 * from a sync peer (pass 0) the time it was received.
 */
export function whiteSince(w: WhiteEntry): number {
  return w.pass > 0 ? w.pass : w.first;
}

/** How a WHITE entry came to be: a greylisting pass, added (spamlogd, `spamdb -a`), or from a sync peer. */
export function whiteOrigin(w: WhiteEntry): 'greylisting' | 'added' | 'sync' {
  if (w.pass <= 0) return 'sync';
  return w.pass > w.first ? 'greylisting' : 'added';
}
