// SMTP sessions from connect/disconnect lines. spamd logs no connection id, and one address
// often holds several sessions at once, so a disconnect is paired with the open session of the
// same (log host, address) whose start is closest to `end - duration`, within ±1 s
// (spamd-format.md §6.3 pitfall 10); only when none is that close, the oldest open one.

export interface OpenSession<T = unknown> {
  host: string;
  ip: string;
  start: number;
  /** The connect line was seen (false: the session began before the log or its line is missing). */
  startSeen: boolean;
  black: boolean;
  lists: string;
  /** Whether the address-level attempt or blacklisted session has already been counted. */
  counted: boolean;
  /** The triplets attempted in this session (one attempt per triplet and session); the analyzer's own handles. */
  triplets: T[];
}

export interface ClosedSession<T = unknown> extends OpenSession<T> {
  end: number;
  /** The disconnect line was seen. */
  endSeen: boolean;
}

/** Slack for the disconnect's `N seconds` against the connect line's syslog time. */
export const PAIRING_SLACK = 1;
/** A session still open after this long lost its disconnect line (spamd closes idle ones after 400 s; stuttering blacklisted ones run longer). */
export const STALE_AFTER = 3600;

export interface SessionTracker<T = unknown> {
  open(host: string, ip: string, start: number, black: boolean, lists: string): OpenSession<T>;
  /** The open session a disconnect `secs` long at `end` belongs to, removed from the open set; null if none fits. */
  close(host: string, ip: string, end: number, secs: number): OpenSession<T> | null;
  /** The session an envelope or header line of this address belongs to: the oldest open one without an envelope yet, else the newest. */
  current(host: string, ip: string): OpenSession<T> | null;
  /** Remove and return the sessions of `host` (all hosts when undefined) that started before `before`. */
  drain(before: number, host?: string): OpenSession<T>[];
  size(): number;
}

export function createSessionTracker<T = unknown>(): SessionTracker<T> {
  // Per log host, per address: no concatenated key string per line (a log usually has one host).
  const byHost = new Map<string, Map<string, OpenSession<T>[]>>();
  let count = 0;

  function hostMap(host: string): Map<string, OpenSession<T>[]> {
    let m = byHost.get(host);
    if (!m) {
      m = new Map();
      byHost.set(host, m);
    }
    return m;
  }

  return {
    open(host, ip, start, black, lists) {
      const s: OpenSession<T> = { host, ip, start, startSeen: true, black, lists, counted: false, triplets: [] };
      const byIp = hostMap(host);
      const list = byIp.get(ip);
      if (list) list.push(s);
      else byIp.set(ip, [s]);
      count++;
      return s;
    },
    close(host, ip, end, secs) {
      const byIp = byHost.get(host);
      const list = byIp?.get(ip);
      if (!byIp || !list) return null;
      const want = end - secs;
      let best = -1;
      let bestDiff = Infinity;
      for (let i = 0; i < list.length; i++) {
        const diff = Math.abs(list[i]!.start - want);
        if (diff < bestDiff) {
          bestDiff = diff;
          best = i;
        }
      }
      if (best < 0) return null;
      if (bestDiff > PAIRING_SLACK) {
        // No start fits the stated duration, and the disconnect came later than it says (a syslog
        // relay delayed the line, the clock stepped): the oldest session open before that, first
        // in first out (spamd-format.md §6.3 pitfall 10), rather than one connection counted as
        // two. A session that started after `want` cannot have lasted `secs`: never taken.
        best = list.findIndex((s) => s.start < want - PAIRING_SLACK);
        if (best < 0) return null;
      }
      const [s] = list.splice(best, 1);
      if (list.length === 0) byIp.delete(ip);
      count--;
      return s!;
    },
    current(host, ip) {
      const list = byHost.get(host)?.get(ip);
      if (!list) return null;
      for (const s of list) if (s.triplets.length === 0) return s;
      return list[list.length - 1]!;
    },
    drain(before, host) {
      const out: OpenSession<T>[] = [];
      for (const [h, byIp] of byHost) {
        if (host !== undefined && h !== host) continue;
        for (const [ip, list] of byIp) {
          const keep: OpenSession<T>[] = [];
          for (const s of list) {
            if (s.start < before) out.push(s);
            else keep.push(s);
          }
          if (keep.length === 0) byIp.delete(ip);
          else if (keep.length !== list.length) byIp.set(ip, keep);
        }
      }
      count -= out.length;
      return out;
    },
    size: () => count,
  };
}
