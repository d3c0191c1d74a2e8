// A deterministic spamd log generator: scenarios (scenarios.ts) laid out over a time span, written
// as OpenBSD spamd -v lines in BSD syslog envelopes (spamd-format.md §1, §5), optionally with
// grey.c's debug lines and other programs' noise, together with what a correct analysis must
// conclude for every triplet, address and session. The same options give the same bytes.
import { createPrng, type Prng } from './prng.js';
import { createWallClock } from './wall-clock.js';
import {
  SCENARIOS,
  findScenario,
  tripletKey,
  type Anchor,
  type Outcome,
  type PlannedSession,
  type ScenarioContext,
  type ScenarioDef,
  type ScenarioPlan,
  type Timing,
} from './scenarios.js';

export const DEFAULT_TIMING: Timing = { passtime: 25 * 60, greyexp: 4 * 3600, burst: 60 };

export interface Placement {
  scenario: string | ScenarioDef;
  /** Absolute origin (epoch seconds) instead of the layout's choice. */
  at?: number;
}

export interface GenerateOptions {
  seed: number;
  /** Epoch seconds of the first line. */
  start: number;
  /** E: epoch seconds of the last spamd event (end-anchored scenarios end exactly here). */
  end: number;
  /** IANA zone of the syslog timestamps (default UTC). */
  zone?: string;
  host?: string;
  timing?: Partial<Timing>;
  /** Default: every scenario once. */
  scenarios?: ReadonlyArray<string | ScenarioDef | Placement>;
  /** Each scenario this many times, with fresh addresses and senders (default 1). */
  copies?: number;
  /** spamd -v: (GREY)/(BLACK) envelope and header lines (default true). */
  verbose?: boolean;
  /** grey.c LOG_DEBUG lines: new entry, Trapping, queueing, whitelisting (default true). */
  debug?: boolean;
  /** Lines of other programs, syslogd marks and repeats, SpamAssassin (default true). */
  noise?: boolean;
}

export interface ExpectedTriplet {
  scenario: string;
  ip: string;
  sender: string;
  recipient: string;
  verdict: Outcome['verdict'];
  retry: Outcome['retry'];
  /** The verdict once the window is closed (--until well after E). */
  settled: Outcome;
  attempts: number;
  first: number;
  last: number;
  firstRetry: number | null;
  maxGap: number;
  otherIps: number;
  helo: string;
}

export interface ExpectedSender {
  scenario: string;
  ip: string;
  verdict: Outcome['verdict'];
  retry: Outcome['retry'];
  settled: Outcome;
  sessions: number;
  greylisted: number;
  blacklisted: number;
  triplets: number;
  attempts: number;
  first: number;
  last: number;
  firstRetry: number | null;
  lists: string;
}

export interface ExpectedSession {
  scenario: string;
  ip: string;
  start: number;
  end: number | null;
  duration: number | null;
  kind: 'grey' | 'black';
  lists: string;
  envelopes: string;
  complete: boolean;
}

export interface ExpectedLines {
  read: number;
  spamdEvents: number;
  repeatedReplayed: number;
  spamassassin: number;
  repeated: number;
  mark: number;
  newsyslog: number;
  otherProgram: number;
}

export interface ExpectedSessionCounts {
  total: number;
  greylisted: number;
  blacklisted: number;
  incomplete: number;
  unpairedDisconnects: number;
}

export interface GeneratedLog {
  text: string;
  lines: string[];
  start: number;
  /** E, the last analysed time, where verdicts are decided. */
  end: number;
  zone: string;
  host: string;
  /** Year of the first line in `zone` (what --year must say). */
  year: number;
  timing: Timing;
  verbose: boolean;
  scenarios: Array<{ name: string; description: string; origin: number }>;
  triplets: ExpectedTriplet[];
  senders: ExpectedSender[];
  sessions: ExpectedSession[];
  lineCounts: ExpectedLines;
  sessionCounts: ExpectedSessionCounts;
}

type Category = 'event' | 'spamassassin' | 'repeated' | 'mark' | 'newsyslog' | 'other' | 'marker';

interface LogRecord {
  /** Real time (may carry a fraction); the line shows its whole seconds. */
  t: number;
  /** Tie-break in the order the lines were made; attached lines use fractions. */
  seq: number;
  cat: Category;
  /** Line after `Mmm dd hh:mm:ss host `; null for invisible markers. */
  text: (() => string) | null;
  /** For `last message repeated N times` after a spamd line: N replayed events. */
  replays?: number;
  session?: LaidSession;
  /** What a marker or connect does to the count of open sessions. */
  effect?: 'open' | 'close' | 'reset';
}

interface LaidSession extends PlannedSession {
  scenario: string;
  /** Absolute real start. */
  abs: number;
  black: boolean;
  counts?: { clients: number; black: number };
}

interface Instance {
  def: ScenarioDef;
  plan: ScenarioPlan;
  origin: number;
}

const TEST_NETS = ['192.0.2', '198.51.100', '203.0.113'];
const RECIPIENTS = ['<alice@example.com>', '<bob@example.com>', '<carol@example.com>', '<info@example.com>', '<sales@example.com>', '<support@example.com>'];
const TRAP = '<spamtrap@example.com>';
const NULL_SENDER = '<>';
const SCAN_INTERVAL = 60;
const TRAPEXP = 24 * 3600;

function createContext(rng: Prng, timing: Timing): ScenarioContext {
  const pool: string[] = rng.shuffle(TEST_NETS.flatMap((net) => Array.from({ length: 254 }, (_, i) => `${net}.${i + 1}`)));
  let extra = 0;
  let senders = 0;
  const helos = new Map<string, string>();
  return {
    rng,
    timing,
    trap: TRAP,
    ip() {
      const ip = pool.pop();
      if (ip !== undefined) return ip;
      // Beyond the 762 documentation addresses (large benchmark logs): private space.
      extra++;
      return `10.${(extra >> 16) & 255}.${(extra >> 8) & 255}.${extra & 255}`;
    },
    sender(local) {
      senders++;
      const name = local ?? rng.pick(['alice', 'billing', 'support', 'info', 'jobs', 'team', 'accounts']);
      const org = rng.pick(['shop', 'bank', 'vendor', 'club', 'forum', 'travel', 'mailer', 'crm']);
      return `<${name}@${org}-${senders}.example.${rng.pick(['net', 'org'])}>`;
    },
    recipient: () => rng.pick(RECIPIENTS),
    recipients: (n) => rng.shuffle(RECIPIENTS).slice(0, n),
    helo(ip) {
      let h = helos.get(ip);
      if (h === undefined) {
        h = `${rng.pick(['mail', 'mx', 'smtp', 'out'])}${rng.int(1, 40)}.example.${rng.pick(['net', 'org'])}`;
        helos.set(ip, h);
      }
      return h;
    },
  };
}

function resolve(entry: string | ScenarioDef | Placement): Placement {
  if (typeof entry === 'string') return { scenario: findScenario(entry) };
  if ('build' in entry) return { scenario: entry };
  return entry;
}

/** Real extent of a plan: [earliest, latest] time of any of its lines. */
function extent(plan: ScenarioPlan): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of plan.sessions) {
    lo = Math.min(lo, s.start);
    hi = Math.max(hi, s.start + s.duration, ...s.envelopes.map((e) => s.start + e.at));
  }
  if (plan.restart !== undefined) hi = Math.max(hi, plan.restart);
  return [lo, hi];
}

/** Latest attempt time of a plan: its verdict is decided G after it. */
function lastAttempt(plan: ScenarioPlan): number {
  let last = -Infinity;
  for (const s of plan.sessions) last = Math.max(last, s.start, ...s.envelopes.map((e) => s.start + e.at));
  return last;
}

function layout(instances: Array<{ def: ScenarioDef; plan: ScenarioPlan; at: number | undefined }>, opts: GenerateOptions, timing: Timing, rng: Prng): Instance[] {
  const placed: Instance[] = [];
  const quiet: Array<(typeof instances)[number]> = [];
  const lo = opts.start + 600;
  for (const it of instances) {
    const anchor: Anchor = it.def.anchor;
    if (it.at !== undefined) placed.push({ def: it.def, plan: it.plan, origin: it.at });
    else if (anchor === 'end') placed.push({ def: it.def, plan: it.plan, origin: opts.end });
    else if (anchor === 'start') placed.push({ def: it.def, plan: it.plan, origin: opts.start + 2 });
    else if (anchor === 'quiet') quiet.push(it);
    else {
      const hi = opts.end - lastAttempt(it.plan) - timing.greyexp - 600;
      if (hi < lo) throw new Error(`the log is too short for scenario ${it.def.name}: give it at least ${Math.ceil((lastAttempt(it.plan) + timing.greyexp + 1200) / 3600)} h`);
      placed.push({ def: it.def, plan: it.plan, origin: rng.int(lo, hi) });
    }
  }
  for (const it of quiet) {
    const [first, last] = extent(it.plan);
    const hi = opts.end - last - timing.greyexp - 600;
    let origin = NaN;
    for (let i = 0; i < 1000 && origin !== origin; i++) {
      const cand = rng.int(lo, Math.max(lo, hi));
      const busy = placed.some((p) =>
        p.plan.sessions.some((s) => p.origin + s.start <= cand + last + 2 && p.origin + s.start + s.duration >= cand + first - 2),
      );
      if (!busy) origin = cand;
    }
    if (origin !== origin) throw new Error(`no quiet moment found for scenario ${it.def.name}`);
    placed.push({ def: it.def, plan: it.plan, origin });
  }
  return placed;
}

function mergeTags(have: string, add: string): string {
  const tags = have === '' ? [] : have.split(' ');
  for (const t of add.split(' ')) if (t && !tags.includes(t)) tags.push(t);
  return tags.join(' ');
}

function gaps(times: readonly number[]): { firstRetry: number | null; maxGap: number } {
  let maxGap = 0;
  for (let i = 1; i < times.length; i++) maxGap = Math.max(maxGap, times[i]! - times[i - 1]!);
  return { firstRetry: times.length > 1 ? times[1]! - times[0]! : null, maxGap };
}

export function generateLog(options: GenerateOptions): GeneratedLog {
  const rng = createPrng(options.seed);
  const timing: Timing = { ...DEFAULT_TIMING, ...options.timing };
  const zone = options.zone ?? 'UTC';
  const host = options.host ?? 'mx1';
  const verbose = options.verbose ?? true;
  const debug = options.debug ?? true;
  const noise = options.noise ?? true;
  const clock = createWallClock(zone);
  const ctx = createContext(rng, timing);
  const E = options.end;

  const entries = (options.scenarios ?? SCENARIOS).map(resolve);
  const built: Array<{ def: ScenarioDef; plan: ScenarioPlan; at: number | undefined }> = [];
  for (let copy = 0; copy < (options.copies ?? 1); copy++) {
    for (const p of entries) {
      const def = typeof p.scenario === 'string' ? findScenario(p.scenario) : p.scenario;
      built.push({ def, plan: def.build(ctx), at: p.at });
    }
  }
  const instances = layout(built, options, timing, rng);

  // Sessions at absolute times.
  const sessions: LaidSession[] = [];
  const restarts: number[] = [];
  for (const inst of instances) {
    for (const s of inst.plan.sessions) {
      sessions.push({ ...s, scenario: inst.def.name, abs: inst.origin + s.start, black: (s.lists ?? '') !== '' });
    }
    if (inst.plan.restart !== undefined) restarts.push(inst.origin + inst.plan.restart);
  }
  restarts.sort((a, b) => a - b);

  // spamd's three pids (scanner, SMTP child, DB child), new ones after every restart.
  const pidBases = [0, ...restarts].map(() => rng.int(20_000, 90_000));
  const epoch = (t: number): number => {
    let lo = 0;
    let hi = restarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (restarts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const pid = (t: number, role: 'scanner' | 'smtp' | 'db'): number => pidBases[epoch(t)]! + (role === 'scanner' ? 0 : role === 'smtp' ? 1 : 2);

  const records: LogRecord[] = [];
  let seq = 0;
  function add(t: number, cat: Category, text: (() => string) | null, extra: Partial<LogRecord> = {}): LogRecord {
    const r: LogRecord = { t, seq: seq++, cat, text, ...extra };
    records.push(r);
    return r;
  }
  const spamd = (t: number, role: 'scanner' | 'smtp' | 'db', msg: string) => () => `spamd[${pid(t, role)}]: ${msg}`;

  // grey.c inputs: every greylisted RCPT, in time order.
  interface GreyAttempt {
    t: number;
    ip: string;
    helo: string;
    from: string;
    to: string;
    record: LogRecord;
  }
  const greyAttempts: GreyAttempt[] = [];

  for (const s of sessions) {
    const lists = s.lists ?? '';
    const end = s.abs + s.duration;
    if (!s.connectLost) {
      add(s.abs, 'event', () => `spamd[${pid(s.abs, 'smtp')}]: ${s.ip}: connected (${s.counts!.clients}/${s.counts!.black})${s.black ? `, lists: ${lists}` : ''}`, {
        session: s,
        effect: 'open',
      });
    } else {
      add(-Infinity, 'marker', null, { session: s, effect: 'open' });
    }
    if (verbose) {
      const seen = new Set<string>();
      for (const e of s.envelopes) {
        const t = s.abs + e.at;
        const r = add(t, 'event', spamd(t, 'smtp', `(${s.black ? 'BLACK' : 'GREY'}) ${s.ip}: ${e.from} -> ${e.to}`));
        if (e.repeated) {
          const n = e.repeated;
          add(t, 'repeated', () => `last message repeated ${n} time${n === 1 ? '' : 's'}`, { seq: r.seq + 0.25, replays: n });
        }
        const key = tripletKey(s.ip, e.from, e.to);
        if (!s.black && !seen.has(key)) greyAttempts.push({ t: Math.floor(t), ip: s.ip, helo: s.helo, from: e.from, to: e.to, record: r });
        seen.add(key);
      }
      for (const h of s.headers ?? []) {
        const t = s.abs + h.at;
        add(t, 'event', spamd(t, 'smtp', `${s.ip}: ${h.text}`));
      }
    } else if (!s.black) {
      // grey.c still sees the tuples when spamd runs without -v.
      for (const e of s.envelopes) {
        const t = s.abs + e.at;
        greyAttempts.push({ t: Math.floor(t), ip: s.ip, helo: s.helo, from: e.from, to: e.to, record: add(t, 'marker', null) });
      }
    }
    if (!s.disconnectLost) {
      const secs = Math.floor(s.duration);
      add(end, 'event', spamd(end, 'smtp', `${s.ip}: disconnected after ${secs} seconds.${s.black ? ` lists: ${lists}` : ''}`), { session: s, effect: 'close' });
    } else {
      // The session still ends (spamd restarted, or the line was lost): spamd's count drops.
      add(end, 'marker', null, { session: s, effect: 'close' });
    }
  }
  for (const r of restarts) {
    add(r, 'event', spamd(r, 'smtp', 'listening for incoming connections.'), { effect: 'reset' });
    add(r, 'event', spamd(r, 'db', 'got suffix @example.com'));
  }

  // grey.c (1.67): greyupdate() creates an entry at the first RCPT of a tuple, and an existing
  // entry passes when `first + passtime < now`; greyscan() runs every 60 s and first deletes
  // entries with `expire <= now`, then whitelists those with `pass <= now`. So a pass is only
  // whitelisted if a scan comes before the entry expires, and an attempt after expiry but before
  // the scan updates the old entry instead of creating a new one.
  const phase = rng.int(0, SCAN_INTERVAL - 1);
  const scanAtOrAfter = (t: number): number => t + ((((phase - t) % SCAN_INTERVAL) + SCAN_INTERVAL) % SCAN_INTERVAL);
  const scanAfter = (t: number): number => scanAtOrAfter(t + 1);
  const newEntryKeys = new Set<string>();
  const trapAt = new Map<string, number>();
  const whitelistedAt = new Map<string, number>();
  if (debug) {
    greyAttempts.sort((a, b) => a.t - b.t || a.record.seq - b.record.seq);
    const byTuple = new Map<string, GreyAttempt[]>();
    for (const a of greyAttempts) {
      if (a.to === TRAP) {
        // Trapped: an entry keyed by the address (grey.c greyupdate, spamtrap).
        const tuple = `${a.ip} ${a.helo} ${a.from} ${a.to}`;
        add(a.record.t, 'event', spamd(a.t, 'db', `Trapping ${a.ip} for tuple ${tuple}`), { seq: a.record.seq + 0.5 });
        if (!trapAt.has(a.ip)) {
          add(a.record.t, 'event', spamd(a.t, 'db', `new greytrap entry ${a.ip} from ${a.from} to ${a.to}, helo ${a.helo}`), { seq: a.record.seq + 0.6 });
          newEntryKeys.add(tripletKey(a.ip, a.from, a.to));
          trapAt.set(a.ip, a.t);
          const del = scanAtOrAfter(a.t + TRAPEXP);
          if (del < E) add(del, 'event', spamd(del, 'scanner', `queueing deletion of ${a.ip}`));
        }
        continue;
      }
      const key = `${a.ip}\n${a.helo}\n${a.from}\n${a.to}`;
      const list = byTuple.get(key);
      if (list) list.push(a);
      else byTuple.set(key, [a]);
    }
    const whitelist: Array<{ at: number; ip: string; key: string }> = [];
    for (const [key, attempts] of byTuple) {
      let entry: { first: number; expire: number; pass: number | null } | null = null;
      const shown = key.replace(/\n/g, ' ');
      // Apply the scans up to `until`: whitelisting, or deletion of the expired entry.
      const settle = (until: number): boolean => {
        if (!entry) return false;
        const white = entry.pass === null ? Infinity : scanAfter(entry.pass);
        const expiry = scanAtOrAfter(entry.expire);
        if (white < expiry && white <= until) {
          whitelist.push({ at: white, ip: attempts[0]!.ip, key: shown });
          entry = null;
          return true;
        }
        if (expiry <= until) {
          add(expiry, 'event', spamd(expiry, 'scanner', `queueing deletion of ${shown}`));
          entry = null;
        }
        return false;
      };
      for (const a of attempts) {
        if (settle(a.t)) break; // whitelisted: the address now bypasses spamd
        if (!entry) {
          entry = { first: a.t, expire: a.t + timing.greyexp, pass: null };
          add(a.record.t, 'event', spamd(a.t, 'db', `new entry ${a.ip} from ${a.from} to ${a.to}, helo ${a.helo}`), { seq: a.record.seq + 0.5 });
          newEntryKeys.add(tripletKey(a.ip, a.from, a.to));
        } else if (entry.first + timing.passtime < a.t) entry.pass = a.t;
      }
      settle(E - 1);
    }
    whitelist.sort((a, b) => a.at - b.at);
    for (const w of whitelist) {
      add(w.at, 'event', spamd(w.at, 'scanner', `queueing deletion of ${w.key}`));
      if (whitelistedAt.has(w.ip)) continue;
      whitelistedAt.set(w.ip, w.at);
      add(w.at, 'event', spamd(w.at, 'scanner', `queueing add of ${w.ip}`));
      add(w.at, 'event', spamd(w.at, 'scanner', `whitelisting ${w.ip} in /var/db/spamd`));
    }
  }

  if (noise) {
    const when = (): number => rng.int(options.start + 1, E - 1);
    const other = (tag: string, msg: string) => () => `${tag}[${rng.int(1000, 99_999)}]: ${msg}`;
    add(options.start, 'newsyslog', () => `newsyslog[${rng.int(1000, 99_999)}]: logfile turned over`);
    for (let i = 0; i < 3; i++) add(when(), 'mark', () => '-- MARK --');
    for (let i = 0; i < 2; i++) {
      const t = when();
      const r = add(t, 'other', other('sshd', 'error: kex_exchange_identification: client sent invalid protocol identifier "GET / HTTP/1.1"'));
      const n = rng.int(2, 5);
      add(t, 'repeated', () => `last message repeated ${n} times`, { seq: r.seq + 0.25 });
    }
    for (let i = 0; i < 2; i++) add(when(), 'other', other('cron', '(root) CMD (/usr/libexec/spamd-setup)'));
    add(when(), 'other', other('ntpd', 'adjusting local clock by 0.083215s'));
    const sa = when();
    const saPid = rng.int(1000, 99_999);
    add(sa, 'spamassassin', () => `spamd[${saPid}]: spamd: connection from localhost [127.0.0.1]:48812 to port 783, fd 6`);
    add(sa + 1, 'spamassassin', () => `spamd[${saPid}]: spamd: clean message (-0.9/5.0) for _spamdaemon:532 in 0.6 seconds, 4211 bytes.`);
    add(sa + 1, 'spamassassin', () => `spamd[${saPid - 1}]: prefork: child states: II`);
  }

  records.sort((a, b) => a.t - b.t || a.seq - b.seq);

  // spamd's `connected (clients/black)`: sessions open at that moment, this one included.
  const open = new Set<LaidSession>();
  for (const r of records) {
    if (r.effect === 'reset') open.clear();
    else if (r.effect === 'close') open.delete(r.session!);
    else if (r.effect === 'open') {
      open.add(r.session!);
      let black = 0;
      for (const s of open) if (s.black) black++;
      r.session!.counts = { clients: open.size, black };
    }
  }

  const lines: string[] = [];
  const lineCounts: ExpectedLines = { read: 0, spamdEvents: 0, repeatedReplayed: 0, spamassassin: 0, repeated: 0, mark: 0, newsyslog: 0, otherProgram: 0 };
  let lastEvent = -Infinity;
  let previous: Category | null = null;
  for (const r of records) {
    if (r.text === null) continue;
    const t = Math.floor(r.t);
    lines.push(`${clock.bsd(t)} ${host} ${r.text()}`);
    lineCounts.read++;
    if (r.cat === 'event') {
      lineCounts.spamdEvents++;
      lastEvent = Math.max(lastEvent, t);
    } else if (r.cat === 'repeated') {
      lineCounts.repeated++;
      if (previous === 'event') lineCounts.repeatedReplayed += r.replays ?? 0;
    } else if (r.cat === 'other') lineCounts.otherProgram++;
    else if (r.cat !== 'marker') lineCounts[r.cat]++;
    previous = r.cat;
  }
  const anchoredAtEnd = instances.some((i) => i.def.anchor === 'end' && i.origin === E);
  if (anchoredAtEnd && lastEvent !== E) throw new Error(`the last spamd line is at ${lastEvent}, not at E = ${E}: include the 'pending' scenario, which ends at E`);
  if (lastEvent > E) throw new Error(`a spamd line at ${lastEvent} is after E = ${E}`);
  const end = lastEvent;

  // What the analysis must conclude.
  const outcomes = new Map<string, { scenario: string; plan: ScenarioPlan }>();
  for (const inst of instances) for (const ip of Object.keys(inst.plan.addresses)) outcomes.set(ip, { scenario: inst.def.name, plan: inst.plan });

  const tripletTimes = new Map<string, { ip: string; from: string; to: string; times: number[] }>();
  if (verbose) {
    for (const s of sessions) {
      const seen = new Set<string>();
      for (const e of s.envelopes) {
        const key = tripletKey(s.ip, e.from, e.to);
        if (seen.has(key)) continue;
        seen.add(key);
        let tt = tripletTimes.get(key);
        if (!tt) tripletTimes.set(key, (tt = { ip: s.ip, from: e.from, to: e.to, times: [] }));
        tt.times.push(Math.floor(s.abs + e.at));
      }
    }
  }
  const envelopeIps = new Map<string, Set<string>>();
  for (const t of tripletTimes.values()) {
    if (t.from === NULL_SENDER || t.from === '') continue;
    const k = `${t.from} ${t.to}`;
    let set = envelopeIps.get(k);
    if (!set) envelopeIps.set(k, (set = new Set()));
    set.add(t.ip);
  }
  const heloOf = new Map(sessions.map((s) => [s.ip, s.helo]));
  const triplets: ExpectedTriplet[] = [];
  const tripletsOf = new Map<string, number>();
  for (const [key, t] of tripletTimes) {
    tripletsOf.set(t.ip, (tripletsOf.get(t.ip) ?? 0) + 1);
    const times = t.times.sort((a, b) => a - b);
    const owner = outcomes.get(t.ip)!;
    const outcome = owner.plan.triplets?.[key] ?? owner.plan.addresses[t.ip]!;
    const settled = owner.plan.settled?.triplets?.[key] ?? owner.plan.triplets?.[key] ?? owner.plan.settled?.addresses?.[t.ip] ?? outcome;
    const group = t.from === NULL_SENDER || t.from === '' ? null : envelopeIps.get(`${t.from} ${t.to}`)!;
    triplets.push({
      scenario: owner.scenario,
      ip: t.ip,
      sender: t.from,
      recipient: t.to,
      verdict: outcome.verdict,
      retry: outcome.retry,
      settled,
      attempts: times.length,
      first: times[0]!,
      last: times[times.length - 1]!,
      ...gaps(times),
      otherIps: group ? group.size - 1 : 0,
      helo: newEntryKeys.has(key) ? (heloOf.get(t.ip) ?? '') : '',
    });
  }

  const expectedSessions: ExpectedSession[] = [];
  const senderAgg = new Map<string, { starts: number[]; events: number[]; sessions: number; grey: number; black: number; lists: Array<[number, string]> }>();
  for (const s of sessions) {
    const endLine = Math.floor(s.abs + s.duration);
    const start = s.connectLost ? endLine - Math.floor(s.duration) : Math.floor(s.abs);
    const envs = [...new Set(s.envelopes.map((e) => `${e.from} -> ${e.to}`))];
    expectedSessions.push({
      scenario: s.scenario,
      ip: s.ip,
      start,
      end: s.disconnectLost ? null : endLine,
      // spamd's own count of seconds, as the disconnect line states it (the line times may differ by 1 s).
      duration: s.disconnectLost ? null : Math.floor(s.duration),
      kind: s.black ? 'black' : 'grey',
      lists: s.lists ?? '',
      envelopes: verbose && !s.connectLost ? envs.join(', ') : '',
      complete: !s.connectLost && !s.disconnectLost,
    });
    let a = senderAgg.get(s.ip);
    if (!a) senderAgg.set(s.ip, (a = { starts: [], events: [], sessions: 0, grey: 0, black: 0, lists: [] }));
    a.sessions++;
    a.events.push(start);
    if (!s.disconnectLost) a.events.push(endLine);
    if (verbose) for (const e of s.envelopes) a.events.push(Math.floor(s.abs + e.at));
    if (s.black) {
      a.black++;
      a.lists.push([start, s.lists ?? '']);
    } else {
      a.grey++;
      a.starts.push(start);
    }
  }
  for (const [ip, t] of trapAt) {
    const a = senderAgg.get(ip)!;
    a.events.push(t);
    a.lists.push([t, 'spamd-greytrap']);
  }
  const senders: ExpectedSender[] = [];
  for (const [ip, a] of senderAgg) {
    const owner = outcomes.get(ip)!;
    const outcome = verbose ? owner.plan.addresses[ip]! : (owner.plan.withoutEnvelopes?.[ip] ?? owner.plan.addresses[ip]!);
    const settled = verbose ? (owner.plan.settled?.addresses?.[ip] ?? outcome) : outcome;
    const starts = a.starts.sort((x, y) => x - y);
    let lists = '';
    for (const [, l] of a.lists.sort((x, y) => x[0] - y[0])) lists = mergeTags(lists, l);
    senders.push({
      scenario: owner.scenario,
      ip,
      verdict: outcome.verdict,
      retry: outcome.retry,
      settled,
      sessions: a.sessions,
      greylisted: a.grey,
      blacklisted: a.black,
      triplets: tripletsOf.get(ip) ?? 0,
      attempts: starts.length,
      first: Math.min(...a.events),
      last: Math.max(...a.events),
      firstRetry: gaps(starts).firstRetry,
      lists,
    });
  }

  const sessionCounts: ExpectedSessionCounts = {
    total: expectedSessions.length,
    greylisted: expectedSessions.filter((s) => s.kind === 'grey').length,
    blacklisted: expectedSessions.filter((s) => s.kind === 'black').length,
    incomplete: expectedSessions.filter((s) => !s.complete).length,
    unpairedDisconnects: sessions.filter((s) => s.connectLost && !s.disconnectLost).length,
  };

  const firstLine = records.find((r) => r.text !== null);
  return {
    text: lines.join('\n') + '\n',
    lines,
    start: options.start,
    end,
    zone,
    host,
    year: clock.year(Math.floor(firstLine?.t ?? options.start)),
    timing,
    verbose,
    scenarios: instances.map((i) => ({ name: i.def.name, description: i.def.description, origin: i.origin })),
    triplets,
    senders,
    sessions: expectedSessions,
    lineCounts,
    sessionCounts,
  };
}
