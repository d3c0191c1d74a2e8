// Addresses the admin has already excused (pf table files such as /etc/mail/nospamd, given with
// --exclude-from): their flagged verdicts become `excused`. Matching is pf's: the most specific
// entry that contains the address decides, and a negated (`!`) entry means "not in the table".
// Pure and immutable once built; a lookup costs one map probe per prefix length in use, in plain
// numbers for IPv4 (what spamd logs), BigInt only for IPv6.
import { maskTo, parseIpv6, type NetEntry } from '../parse/pf-table.js';

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

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** A dotted-quad IPv4 address as a number, or -1. */
function ipv4Number(ip: string): number {
  const m = V4.exec(ip);
  if (!m) return -1;
  let v = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return -1;
    v = v * 256 + octet;
  }
  return v;
}

/** The map key of an IPv4 network: prefix and network in one safe integer. */
function v4Key(value: number, prefix: number): number {
  const size = 2 ** (32 - prefix);
  return prefix * 2 ** 32 + Math.floor(value / size) * size;
}

export function createExcusalList(entries: readonly NetEntry[], sources: readonly string[] = []): ExcusalList {
  const v4 = new Map<number, NetEntry>();
  const v6 = new Map<string, NetEntry>();
  const v4Prefixes: number[] = [];
  const v6Prefixes: number[] = [];
  for (const e of entries) {
    // pfctl keeps the first of two equal entries
    if (e.family === 4) {
      const key = v4Key(Number(e.network), e.prefix);
      if (v4.has(key)) continue;
      v4.set(key, e);
      if (!v4Prefixes.includes(e.prefix)) v4Prefixes.push(e.prefix);
    } else {
      const key = `${e.prefix}/${e.network}`;
      if (v6.has(key)) continue;
      v6.set(key, e);
      if (!v6Prefixes.includes(e.prefix)) v6Prefixes.push(e.prefix);
    }
  }
  v4Prefixes.sort((a, b) => b - a);
  v6Prefixes.sort((a, b) => b - a);

  function match(ip: string): NetEntry | null {
    const n = ipv4Number(ip);
    if (n >= 0) {
      for (const p of v4Prefixes) {
        const e = v4.get(v4Key(n, p));
        if (e) return e;
      }
      return null;
    }
    if (v6.size === 0) return null;
    const value = parseIpv6(ip);
    if (value === null) return null;
    for (const p of v6Prefixes) {
      const e = v6.get(`${p}/${maskTo(value, 6, p)}`);
      if (e) return e;
    }
    return null;
  }

  return {
    size: v4.size + v6.size,
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
