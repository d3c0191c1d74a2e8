// Addresses the admin has already excused (pf table files such as /etc/mail/nospamd, given with
// --exclude-from): their flagged verdicts become `excused`. Matching is pf's: the most specific
// entry that contains the address decides, and a negated (`!`) entry means "not in the table".
// Pure and immutable once built; lookups cost one map probe per prefix length in use.
import { maskTo, parseIp, type IpFamily, type NetEntry } from '../parse/pf-table.js';

export interface ExcusalList {
  /** Entries (networks and addresses) in the list, negated ones included. */
  readonly size: number;
  /** The list's files, as named by the user. */
  readonly sources: readonly string[];
  /** Is `ip` (as spamd logs it) excused? False for anything that is not an IP address. */
  isExcused(ip: string): boolean;
  /** The entry that decides for `ip` (most specific match), or null. */
  match(ip: string): NetEntry | null;
}

interface Family {
  /** Prefix lengths in use, longest first. */
  prefixes: number[];
  /** `${prefix}/${network}` → entry. */
  nets: Map<string, NetEntry>;
}

export function createExcusalList(entries: readonly NetEntry[], sources: readonly string[] = []): ExcusalList {
  const families: Record<IpFamily, Family> = {
    4: { prefixes: [], nets: new Map() },
    6: { prefixes: [], nets: new Map() },
  };
  for (const e of entries) {
    const f = families[e.family];
    const key = `${e.prefix}/${e.network}`;
    if (f.nets.has(key)) continue; // pfctl keeps the first of two equal entries
    f.nets.set(key, e);
    if (!f.prefixes.includes(e.prefix)) f.prefixes.push(e.prefix);
  }
  for (const f of Object.values(families)) f.prefixes.sort((a, b) => b - a);

  function match(ip: string): NetEntry | null {
    const parsed = parseIp(ip);
    if (parsed === null) return null;
    const f = families[parsed.family];
    for (const p of f.prefixes) {
      const e = f.nets.get(`${p}/${maskTo(parsed.value, parsed.family, p)}`);
      if (e) return e;
    }
    return null;
  }

  return {
    size: families[4].nets.size + families[6].nets.size,
    sources: [...sources],
    isExcused(ip) {
      const e = match(ip);
      return e !== null && !e.negated;
    },
    match,
  };
}

/** The list that excuses nobody. */
export const NO_EXCUSALS: ExcusalList = createExcusalList([]);
