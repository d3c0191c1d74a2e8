// A small simulation of spamd's greylisting (grey.c) that writes both what spamd logs and what
// `spamdb` would list at a given moment, so that a log and a listing match the way they do on a
// real gateway. SMTP attempts go in; per host a syslog file and one shared database come out
// (several MX hosts that sync with spamd -Y/-y share their greylist updates).
//
// Rules followed (spamd-format.md §2-3): a new tuple gets first = t, pass = expire = t + greyexp,
// bcount 1; a known tuple gets bcount + 1 and pass = t when t > first + passtime. Every 60 s the
// scanner deletes expired entries and whitelists the address of a tuple whose pass ≤ now (a WHITE
// entry copied from it, expire = now + whiteexp; the tuple stays until it expires). A
// whitelisted address no longer reaches spamd. An attempt to a spamtrap traps the address.

export interface SimAttempt {
  /** Epoch seconds. */
  at: number;
  ip: string;
  helo: string;
  from: string;
  to: string;
  /** The syslog host that logs it (default 'mx1'). */
  host?: string;
  /** Session length in seconds (default 2). */
  duration?: number;
}

export interface SimOptions {
  /** spamd -v: (GREY) envelope lines. */
  verbose: boolean;
  /** LOG_DEBUG lines reach the file: `new entry`, `whitelisting`, `Trapping`. */
  debug: boolean;
  /** Tuples keyed without HELO (spamd before 2007, spamdb 1.11's listing). */
  oldLayout?: boolean;
  passtime?: number;
  greyexp?: number;
  spamtraps?: string[];
}

interface Gdata {
  first: number;
  pass: number;
  expire: number;
  bcount: number;
  pcount: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WHITEEXP = 864 * 3600;
const TRAPEXP = 24 * 3600;

/** A BSD syslog timestamp in UTC: `Oct  2 08:00:00`. */
export function bsdTime(t: number): string {
  const d = new Date(t * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export interface SimResult {
  /** Log text per syslog host. */
  logs: Record<string, string>;
  /** The spamdb listing at `dumpAt`. */
  dump: string;
}

export function simulate(attempts: readonly SimAttempt[], dumpAt: number, opts: SimOptions): SimResult {
  const passtime = opts.passtime ?? 1500;
  const greyexp = opts.greyexp ?? 14_400;
  const traps = new Set((opts.spamtraps ?? []).map((s) => s.toLowerCase()));
  const db = new Map<string, Gdata>();
  const whitelisted = new Set<string>();
  const lines: Array<{ t: number; host: string; seq: number; text: string }> = [];
  let seq = 0;
  const log = (t: number, host: string, text: string): void => void lines.push({ t, host, seq: seq++, text });
  const hosts = new Set<string>(['mx1']);
  let lastScan = -Infinity;

  function scan(now: number): void {
    for (const [key, g] of [...db]) {
      if (g.expire <= now && g.pcount !== -2) {
        db.delete(key);
        if (!key.includes('\n')) whitelisted.delete(key);
        continue;
      }
      if (g.pcount >= 0 && g.pass <= now && key.includes('\n')) {
        const ip = key.slice(0, key.indexOf('\n'));
        if (db.get(ip)?.pcount === -1) continue; // trapped addresses are never whitelisted
        if (!db.has(ip)) {
          db.set(ip, { ...g, expire: now + WHITEEXP });
          if (opts.debug) for (const h of hosts) log(now, h, `spamd[4711]: whitelisting ${ip} in /var/db/spamd`);
        }
        whitelisted.add(ip);
      }
    }
  }

  function scansUpTo(t: number): void {
    const from = lastScan === -Infinity ? Math.floor(t / 60) * 60 : lastScan + 60;
    for (let s = from; s <= t; s += 60) {
      scan(s);
      lastScan = s;
    }
  }

  function listing(): string {
    const out: string[] = [];
    for (const [key, g] of db) {
      if (key.includes('\n')) out.push(`GREY|${key.split('\n').join('|')}|${g.first}|${g.pass}|${g.expire}|${g.bcount}|${g.pcount}`);
      else if (g.pcount === -1) out.push(`TRAPPED|${key}|${g.expire}`);
      else out.push(`WHITE|${key}|||${g.first}|${g.pass}|${g.expire}|${g.bcount}|${g.pcount}`);
    }
    for (const t of traps) out.push(`SPAMTRAP|${t}`);
    return out.join('\n') + '\n';
  }

  let dump: string | null = null;
  for (const a of [...attempts].sort((x, y) => x.at - y.at)) {
    if (dump === null && a.at > dumpAt) {
      scansUpTo(dumpAt);
      dump = listing();
    }
    scansUpTo(a.at);
    const host = a.host ?? 'mx1';
    hosts.add(host);
    if (whitelisted.has(a.ip)) {
      const w = db.get(a.ip);
      if (w) w.pcount++; // spamlogd saw it pass to the real MTA
      continue;
    }
    if (db.get(a.ip)?.pcount === -1) {
      // Trapped: on the spamd-greytrap blacklist, stuttered for the whole session.
      log(a.at, host, `spamd[4710]: ${a.ip}: connected (1/1), lists: spamd-greytrap`);
      if (opts.verbose) log(a.at + 60, host, `spamd[4710]: (BLACK) ${a.ip}: ${a.from} -> ${a.to}`);
      log(a.at + 400, host, `spamd[4710]: ${a.ip}: disconnected after 400 seconds. lists: spamd-greytrap`);
      continue;
    }
    const dur = a.duration ?? 2;
    log(a.at, host, `spamd[4710]: ${a.ip}: connected (1/0)`);
    if (opts.verbose) log(a.at, host, `spamd[4710]: (GREY) ${a.ip}: ${a.from} -> ${a.to}`);
    const trap = traps.has(a.to.replace(/^<|>$/g, '').toLowerCase());
    const tuple = opts.oldLayout ? `${a.ip}\n${a.from}\n${a.to}` : `${a.ip}\n${a.helo}\n${a.from}\n${a.to}`;
    const key = trap ? a.ip : tuple;
    const g = db.get(key);
    if (!g) {
      const exp = trap ? TRAPEXP : greyexp;
      db.set(key, { first: a.at, pass: a.at + exp, expire: a.at + exp, bcount: 1, pcount: trap ? -1 : 0 });
      if (opts.debug) {
        if (trap) log(a.at, host, `spamd[4711]: Trapping ${a.ip} for tuple ${tuple.replace(/\n/g, ' ')}`);
        log(a.at, host, `spamd[4711]: new ${trap ? 'greytrap ' : ''}entry ${a.ip} from ${a.from} to ${a.to}, helo ${a.helo}`);
      }
    } else {
      g.bcount++;
      if (g.first + passtime < a.at) g.pass = a.at;
    }
    log(a.at + dur, host, `spamd[4710]: ${a.ip}: disconnected after ${dur} seconds.`);
  }
  if (dump === null) {
    scansUpTo(dumpAt);
    dump = listing();
  }

  const logs: Record<string, string> = {};
  lines.sort((x, y) => x.t - y.t || x.seq - y.seq);
  for (const l of lines) logs[l.host] = (logs[l.host] ?? '') + `${bsdTime(l.t)} ${l.host} ${l.text}\n`;

  return { logs, dump };
}
