// The one stateful step: events in log order → sessions, per-address and per-triplet state →
// verdicts at the end of the window. Pure apart from its own state; no I/O, no clock.
import { addAttempt, createAttemptState, type AttemptState, type Timing } from './attempts.js';
import { retryPattern, type RetryPattern, type Verdict } from './verdicts.js';
import { activityOf, noteActivity, type Activity, type ActivityState } from './activity.js';
import { judge, NO_FACTS, type ExternalFacts, type VerdictSource } from './outside-facts.js';
import type { AddressDumpFacts, TripletDumpFacts } from './spamdb-join.js';
import { createSessionTracker, PAIRING_SLACK, STALE_AFTER, type OpenSession } from './sessions.js';
import { messageGroupKey, POOL_RETRY_GAP, splitByTime, type PoolPrefix } from './pools.js';
import type { SpamdEvent } from '../types.js';

export interface AnalysisSettings extends Timing {
  /** Only events at or after this time (epoch seconds) are analysed. */
  since?: number | undefined;
  /** Only events at or before this time are analysed; verdicts are then decided at it. */
  until?: number | undefined;
  /** The current time (epoch seconds): --until is never taken beyond it. */
  now?: number;
  /** Keep a row per session (the `sessions` command). */
  collectSessions?: boolean;
  /** Facts from outside the log (spamdb listing, excusal lists) that take part in verdicts. */
  facts?: ExternalFacts;
  /** Group one message's attempts only within one /N (--pool-prefix); null or absent: any address. */
  poolPrefix?: PoolPrefix;
  /** Keep every attempt of the triplets and addresses this selects (the `evidence` command). */
  recordAttempts?: AttemptSelector;
  /** Keep when each key's attempts happened (pictures: --format html). */
  collectActivity?: boolean;
}

/** Chooses, once per new triplet or address, whether its attempts are kept one by one. */
export interface AttemptSelector {
  triplet(ip: string, from: string, to: string): boolean;
  address(ip: string): boolean;
}

/** One attempt kept for the evidence: a (GREY)/(BLACK) line, or a greylisted session without envelopes. */
export interface AttemptRecord {
  time: number;
  /** Seconds the SMTP session lasted, from its disconnect line; NaN when that line was not seen. */
  duration: number;
}

export interface TripletResult {
  ip: string;
  sender: string;
  recipient: string;
  verdict: Verdict;
  retry: RetryPattern;
  attempts: number;
  first: number;
  last: number;
  firstRetry: number;
  maxGap: number;
  /** Other addresses that attempted the same message (0 for the null sender). */
  otherIps: number;
  /** HELO name from a `new entry` line, '' when not logged. */
  helo: string;
  /** Each attempt, when AnalysisSettings.recordAttempts selected this triplet; else null. */
  records: AttemptRecord[] | null;
  /** The message this triplet carried (pools.ts: sender family, recipient, pool, time); unique when never grouped. */
  message: string;
  /** What decided the verdict when it was not the log alone (--spamdb, --exclude-from). */
  verdictFrom?: VerdictSource;
  /** What the spamdb listing says about this triplet (--spamdb). */
  spamdb?: TripletDumpFacts;
  /** When the attempts happened; absent or null unless collectActivity. */
  activity?: Activity | null;
}

export interface AddressResult {
  ip: string;
  verdict: Verdict;
  retry: RetryPattern;
  sessions: number;
  greylisted: number;
  blacklisted: number;
  triplets: number;
  first: number;
  last: number;
  firstRetry: number;
  attempts: number;
  lists: string;
  /** Each greylisted session, when AnalysisSettings.recordAttempts selected this address; else null. */
  records: AttemptRecord[] | null;
  /** What decided the verdict when it was not the log alone (--spamdb, --exclude-from). */
  verdictFrom?: VerdictSource;
  /** What the spamdb listing says about this address (--spamdb). */
  spamdb?: AddressDumpFacts;
  /** When the attempts happened; absent or null unless collectActivity. */
  activity?: Activity | null;
}

export interface SessionRow {
  host: string;
  ip: string;
  start: number;
  end: number;
  duration: number;
  kind: 'grey' | 'black';
  lists: string;
  envelopes: string;
  complete: boolean;
}

export interface SessionCounts {
  total: number;
  greylisted: number;
  blacklisted: number;
  incomplete: number;
  /** Disconnect lines with no open session of that address starting at end - N (±1 s). */
  unpairedDisconnects: number;
}

export interface Analysis {
  /** First and last analysed event times; NaN when nothing was analysed. */
  first: number;
  last: number;
  /** The instant verdicts were decided at. */
  end: number;
  events: number;
  /** Events outside --since/--until. */
  outsideWindow: number;
  /** (GREY)/(BLACK) lines were seen: triplets exist. Without -v spamd logs none. */
  envelopesLogged: boolean;
  eventCounts: Record<string, number>;
  sessions: SessionCounts;
  sessionRows: SessionRow[] | null;
  triplets: TripletResult[];
  addresses: AddressResult[];
}

interface AddressAgg {
  /** The address: the key it is stored under, flat. */
  ip: string;
  state: AttemptState;
  activity: ActivityState;
  sessions: number;
  greylisted: number;
  blacklisted: number;
  lastBlack: number;
  first: number;
  last: number;
  lists: string;
  whitelistedAt: number;
  records: AttemptRecord[] | null;
  /** Time of the last envelope counted as an attempt without a session around it; NaN if none. */
  orphanAt: number;
  /** Set in finish(): when spamd whitelisted the address (its first pass, or a whitelisting line); NaN if never. */
  passAt: number;
  /** Set in finish(): its triplets, and whether one of them was retried from another address. */
  tripletCount: number;
  elsewhere: boolean;
}

interface TripletAgg {
  /** `ip from to`, flat: the key it is stored under. */
  key: string;
  addr: AddressAgg;
  state: AttemptState;
  activity: ActivityState;
  black: boolean;
  helo: string;
  records: AttemptRecord[] | null;
  /** Set in finish(): the message this triplet carried (pools.ts), null when never grouped. */
  message: MessageOf | null;
}

/** One message's key and how many triplets and addresses attempted it. */
interface MessageOf {
  key: string;
  members: number;
  ips: number;
}

type Session = OpenSession<TripletAgg>;

/**
 * Detach a string from the (large) line it was sliced from, so that stored keys do not pin lines
 * in memory. The JSON round trip gives a flat string of its own (exact for any string, lone
 * surrogates included); `(' ' + s).slice(1)` gave a 32-byte sliced string over a copy, i.e. two
 * heap objects per stored key.
 */
function detach(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

const LISTS_MAX = 120;

function mergeLists(have: string, add: string): string {
  if (add === '' || have === add) return have;
  if (have === '') return detach(add);
  const tags = have.split(' ');
  for (const t of add.split(' ')) if (t && !tags.includes(t)) tags.push(t);
  const joined = tags.join(' ');
  return joined.length > LISTS_MAX ? joined.slice(0, LISTS_MAX) + ' ...' : joined;
}

export interface Analyzer {
  add(ev: SpamdEvent): void;
  /** The verdicts. It ends the analyzer: the per-key state is released as the results are made. */
  finish(): Analysis;
}

export function createAnalyzer(settings: AnalysisSettings): Analyzer {
  const timing: Timing = { passtime: settings.passtime, greyexp: settings.greyexp, burst: settings.burst };
  const facts = settings.facts ?? NO_FACTS;
  const since = settings.since ?? -Infinity;
  const until = settings.until ?? Infinity;
  const tracker = createSessionTracker<TripletAgg>();
  const addresses = new Map<string, AddressAgg>();
  const triplets = new Map<string, TripletAgg>();
  const eventCounts: Record<string, number> = {};
  const sessions: SessionCounts = { total: 0, greylisted: 0, blacklisted: 0, incomplete: 0, unpairedDisconnects: 0 };
  const sessionRows: SessionRow[] | null = settings.collectSessions ? [] : null;
  const select = settings.recordAttempts;
  /** Kept attempts whose session is still open: their duration is known at its disconnect. */
  const awaitingDuration = new Map<Session, AttemptRecord[]>();
  let first = NaN;
  let last = NaN;
  let events = 0;
  let outsideWindow = 0;
  let envelopesLogged = false;
  let lastSweep = -Infinity;

  function countAttempt(agg: AddressAgg | TripletAgg, t: number): void {
    addAttempt(agg.state, t, timing);
    if (settings.collectActivity) agg.activity = noteActivity(agg.activity, agg.state, t);
  }

  function touch(a: AddressAgg, t: number): void {
    if (t < a.first) a.first = t;
    if (t > a.last) a.last = t;
  }

  function address(ip: string, t: number): AddressAgg {
    let a = addresses.get(ip);
    if (!a) {
      const flat = detach(ip);
      a = {
        ip: flat,
        state: createAttemptState(),
        activity: null,
        sessions: 0,
        greylisted: 0,
        blacklisted: 0,
        lastBlack: -Infinity,
        first: t,
        last: t,
        lists: '',
        whitelistedAt: NaN,
        records: select?.address(ip) ? [] : null,
        orphanAt: NaN,
        passAt: NaN,
        tripletCount: 0,
        elsewhere: false,
      };
      addresses.set(flat, a);
      return a;
    }
    touch(a, t);
    return a;
  }

  function keepRecord(records: AttemptRecord[], time: number, s: Session | null): void {
    const r: AttemptRecord = { time, duration: NaN };
    records.push(r);
    if (!s) return;
    const waiting = awaitingDuration.get(s);
    if (waiting) waiting.push(r);
    else awaitingDuration.set(s, [r]);
  }

  /** Count a session for its address: a greylisted session is an address-level attempt (unless `attempt` is false: already counted). */
  function countSession(s: Session, attempt = true): void {
    s.counted = true;
    const a = address(s.ip, s.start);
    a.sessions++;
    if (s.black) {
      a.blacklisted++;
      if (s.start > a.lastBlack) a.lastBlack = s.start;
      a.lists = mergeLists(a.lists, s.lists);
    } else {
      a.greylisted++;
      if (attempt) {
        countAttempt(a, s.start);
        if (a.records) keepRecord(a.records, s.start, s);
      }
    }
  }

  /** Close a session; `secs` is the duration spamd states in the disconnect line (NaN when there is none). */
  function closeSession(s: Session, end: number, endSeen: boolean, secs = NaN): void {
    if (!s.counted) countSession(s);
    const waiting = select ? awaitingDuration.get(s) : undefined;
    if (waiting) {
      awaitingDuration.delete(s);
      for (const r of waiting) r.duration = secs;
    }
    sessions.total++;
    if (s.black) sessions.blacklisted++;
    else sessions.greylisted++;
    const complete = s.startSeen && endSeen;
    if (!complete) sessions.incomplete++;
    if (endSeen) {
      const a = addresses.get(s.ip);
      if (a && end > a.last) a.last = end;
    }
    if (sessionRows) {
      sessionRows.push({
        host: detach(s.host),
        ip: detach(s.ip),
        start: s.start,
        end: endSeen ? end : NaN,
        duration: endSeen ? secs : NaN,
        kind: s.black ? 'black' : 'grey',
        lists: detach(s.lists),
        envelopes: s.triplets.map((t) => t.key.slice(t.addr.ip.length + 1).replace(' ', ' -> ')).join(', '),
        complete,
      });
    }
  }

  function sweep(now: number): void {
    if (now < lastSweep + 300) return;
    lastSweep = now;
    for (const s of tracker.drain(now - STALE_AFTER)) closeSession(s, NaN, false);
  }

  function envelope(ev: Extract<SpamdEvent, { kind: 'envelope' }>): void {
    envelopesLogged = true;
    const session = tracker.current(ev.host, ev.ip);
    const black = ev.list === 'black' || (session !== null && session.black);
    let t = triplets.get(ev.ip + ' ' + ev.from + ' ' + ev.to);
    if (t && session?.triplets.includes(t)) return; // the same RCPT twice in one session is one attempt
    let a: AddressAgg;
    if (!t) {
      a = address(ev.ip, ev.time);
      const key = [a.ip, ev.from, ev.to].join(' ');
      t = {
        key,
        addr: a,
        state: createAttemptState(),
        activity: null,
        black: false,
        helo: '',
        records: select?.triplet(ev.ip, ev.from, ev.to) ? [] : null,
        message: null,
      };
      triplets.set(key, t);
    } else {
      a = t.addr;
      touch(a, ev.time);
    }
    if (session) {
      session.triplets.push(t);
      if (ev.list === 'black' && !session.black) session.black = true;
    }
    if (black) t.black = true;
    countAttempt(t, ev.time);
    if (t.records) keepRecord(t.records, ev.time, session);
    // An envelope with no session around it (a grep'd excerpt, a lost connect line) is still an
    // attempt of its address, once per session: the RCPTs of one session share its time.
    if (!session && !black) {
      if (ev.time !== a.orphanAt) countAttempt(a, ev.time);
      a.orphanAt = ev.time;
    }
  }

  function add(ev: SpamdEvent): void {
    const time = ev.time;
    if (time < since || time > until) {
      outsideWindow++;
      return;
    }
    events++;
    eventCounts[ev.kind] = (eventCounts[ev.kind] ?? 0) + 1;
    if (!(time >= first)) first = time;
    if (!(time <= last)) last = time;
    sweep(time);
    switch (ev.kind) {
      case 'connect': {
        const s = tracker.open(ev.host, ev.ip, time, ev.lists !== '', ev.lists);
        // The new `(n/m)` form tells at once whether the address is blacklisted; the old `(n)` form waits for the close.
        if (ev.black >= 0) countSession(s);
        break;
      }
      case 'disconnect': {
        let s = tracker.close(ev.host, ev.ip, time, ev.secs);
        if (!s) {
          sessions.unpairedDisconnects++;
          s = { host: ev.host, ip: ev.ip, start: time - ev.secs, startSeen: false, black: ev.lists !== '', lists: ev.lists, counted: false, triplets: [] };
          // Its envelopes were already counted as the address's attempt: one session, one attempt.
          const a = addresses.get(ev.ip);
          if (a && !s.black && a.orphanAt >= s.start - PAIRING_SLACK && a.orphanAt <= time) countSession(s, false);
        } else if (ev.lists !== '' && !s.black) {
          s.black = true;
          s.lists = ev.lists;
        }
        closeSession(s, time, true, ev.secs);
        break;
      }
      case 'envelope':
        envelope(ev);
        break;
      case 'matched-lists': {
        const s = tracker.current(ev.host, ev.ip);
        if (s) {
          s.black = true;
          s.lists = ev.lists;
        }
        break;
      }
      case 'trapping':
      case 'blacklisted': {
        const a = address(ev.ip, time);
        if (time > a.lastBlack) a.lastBlack = time;
        if (ev.kind === 'trapping') a.lists = mergeLists(a.lists, 'spamd-greytrap');
        break;
      }
      case 'new-entry': {
        if (ev.trap) {
          const a = address(ev.ip, time);
          if (time > a.lastBlack) a.lastBlack = time;
        }
        const t = triplets.get(ev.ip + ' ' + ev.from + ' ' + ev.to);
        if (t && t.helo === '' && ev.helo !== '') t.helo = detach(ev.helo);
        break;
      }
      case 'whitelisting':
      case 'spamlogd': {
        if (ev.kind === 'spamlogd' && ev.direction !== 'inbound') break;
        const a = addresses.get(ev.ip);
        if (a && !(a.whitelistedAt <= time)) a.whitelistedAt = time;
        break;
      }
      case 'restart':
        for (const s of tracker.drain(Infinity, ev.host)) closeSession(s, NaN, false);
        break;
      case 'header':
      case 'daemon':
        break;
    }
  }

  function finish(): Analysis {
    for (const s of tracker.drain(Infinity)) closeSession(s, NaN, false);
    // Decided at the window's end: --until when given (the user vouches that the log is complete up
    // to it; never later than now), else the last analysed time.
    const end = settings.until !== undefined ? Math.min(settings.until, settings.now ?? settings.until) : last;

    // Which messages were attempted by more than one triplet: from other addresses of a pool, or
    // with other per-message senders of one family, within the retry schedule (pools.ts).
    const poolPrefix = settings.poolPrefix ?? null;
    const all: (TripletAgg | null)[] = [...triplets.values()];
    const froms: string[] = new Array<string>(all.length);
    const tos: string[] = new Array<string>(all.length);
    const groups = new Map<string, TripletAgg[]>();
    for (let i = 0; i < all.length; i++) {
      const t = all[i]!;
      const ip = t.addr.ip;
      const sp = t.key.indexOf(' ', ip.length + 1);
      const from = (froms[i] = t.key.slice(ip.length + 1, sp));
      const to = (tos[i] = t.key.slice(sp + 1));
      const g = messageGroupKey(ip, from, to, poolPrefix);
      if (g === null) continue;
      const group = groups.get(g);
      if (group) group.push(t);
      else groups.set(g, [t]);
    }
    const distinctIps = (list: TripletAgg[]): number => new Set(list.map((m) => m.addr)).size;
    for (const [g, members] of groups) {
      if (members.length === 1) {
        members[0]!.message = { key: g, members: 1, ips: 1 };
        continue;
      }
      const split = splitByTime(members.map((m) => m.state), POOL_RETRY_GAP);
      const byMessage = new Map<number, TripletAgg[]>();
      split.forEach((m, i) => {
        const list = byMessage.get(m);
        if (list) list.push(members[i]!);
        else byMessage.set(m, [members[i]!]);
      });
      for (const [m, list] of byMessage) {
        const message: MessageOf = { key: m === 0 ? g : `${g} #${m}`, members: list.length, ips: distinctIps(list) };
        for (const t of list) t.message = message;
      }
    }
    groups.clear();

    // spamd whitelists the *address* once any of its tuples passes: from then on its connections
    // bypass spamd, so a message still being retried at that moment is delivered unseen. Such a
    // triplet counts as passed, never as given up (docs/verdicts.md).
    const notePass = (a: AddressAgg, at: number): void => {
      if (at === at && !(a.passAt <= at)) a.passAt = at;
    };
    for (const a of addresses.values()) {
      a.passAt = NaN;
      a.tripletCount = 0;
      a.elsewhere = false;
      notePass(a, a.state.passedAt);
      notePass(a, a.whitelistedAt);
    }
    for (const t of all) notePass(t!.addr, t!.state.passedAt);

    // Each triplet's state is let go once its result is made: the peak holds one of the two, not both.
    triplets.clear();
    const tripletResults: TripletResult[] = new Array<TripletResult>(all.length);
    for (let i = 0; i < all.length; i++) {
      const t = all[i]!;
      all[i] = null;
      const a = t.addr;
      const from = froms[i]!;
      const to = tos[i]!;
      const message = t.message;
      const otherIps = message ? message.ips - 1 : 0;
      const retriedElsewhere = message !== null && message.members > 1;
      const blacklisted = t.black || a.lastBlack >= t.state.first;
      const whitelisted = a.passAt >= t.state.first && a.passAt <= t.state.entryFirst + timing.greyexp;
      const { verdict, from: verdictFrom } = judge(
        { state: t.state, blacklisted, whitelisted, retriedElsewhere },
        facts.triplet(a.ip, from, to, t.state.first),
        end,
        timing,
      );
      tripletResults[i] = {
        ip: a.ip,
        sender: from,
        recipient: to,
        verdict,
        retry: retryPattern(t.state, timing),
        attempts: t.state.attempts,
        first: t.state.first,
        last: t.state.last,
        firstRetry: t.state.firstRetry,
        maxGap: t.state.maxGap,
        otherIps,
        helo: t.helo,
        records: t.records,
        message: message ? message.key : t.key, // soloMessageKey(ip, from, to), already built
        verdictFrom,
        activity: settings.collectActivity ? activityOf(t.activity, t.state) : null,
      };
      a.tripletCount++;
      if (otherIps > 0) a.elsewhere = true;
      froms[i] = tos[i] = '';
    }

    const addressResults: AddressResult[] = [];
    for (const a of addresses.values()) {
      const firstAttempt = a.state.attempts > 0 ? a.state.first : a.first;
      const { verdict, from: verdictFrom } = judge(
        {
          state: a.state,
          blacklisted: a.lastBlack >= firstAttempt || (a.state.attempts === 0 && a.blacklisted > 0),
          whitelisted: a.passAt >= firstAttempt,
          retriedElsewhere: a.elsewhere,
        },
        facts.address(a.ip, firstAttempt),
        end,
        timing,
      );
      addressResults.push({
        ip: a.ip,
        verdict,
        retry: retryPattern(a.state, timing),
        sessions: a.sessions,
        greylisted: a.greylisted,
        blacklisted: a.blacklisted,
        triplets: a.tripletCount,
        first: a.first,
        last: a.last,
        firstRetry: a.state.firstRetry,
        attempts: a.state.attempts,
        lists: a.lists,
        records: a.records,
        verdictFrom,
        activity: settings.collectActivity ? activityOf(a.activity, a.state) : null,
      });
    }

    return {
      first,
      last,
      end,
      events,
      outsideWindow,
      envelopesLogged,
      eventCounts,
      sessions,
      sessionRows,
      triplets: tripletResults,
      addresses: addressResults,
    };
  }

  return { add, finish };
}
