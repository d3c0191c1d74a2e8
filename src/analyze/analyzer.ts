// The one stateful step: events in log order → sessions, per-address and per-triplet state →
// verdicts at the end of the window. Pure apart from its own state; no I/O, no clock.
import { createAttemptState, type Timing } from './attempts.js';
import { createAttemptTable, grow, type AttemptColumns } from './attempt-table.js';
import { classify, retryPattern, RETRY_PATTERNS, VERDICTS, type RetryPattern, type Verdict } from './verdicts.js';
import { createSessionTracker, STALE_AFTER, type OpenSession } from './sessions.js';
import { messageGroupKey } from './pools.js';
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

/**
 * Per-address and per-triplet state as columns (typed arrays indexed by insertion order): a few
 * numbers per key and no per-key objects, so memory grows with keys at ~200 bytes each and the
 * garbage collector has nothing to trace. Results are views over the same columns.
 */
interface AddressColumns {
  ips: string[];
  lists: string[];
  sessions: Int32Array;
  greylisted: Int32Array;
  blacklisted: Int32Array;
  lastBlack: Float64Array;
  first: Float64Array;
  last: Float64Array;
  whitelistedAt: Float64Array;
  /** Filled by finish(). */
  verdict: Uint8Array;
  retry: Uint8Array;
  triplets: Int32Array;
}

interface TripletColumns {
  keys: string[];
  helo: string[];
  addr: Int32Array;
  black: Uint8Array;
  /** Filled by finish(). */
  verdict: Uint8Array;
  retry: Uint8Array;
  otherIps: Int32Array;
}

const INITIAL_ROWS = 1024;

class TripletView implements TripletResult {
  private readonly t: TripletColumns;
  private readonly s: AttemptColumns;
  private readonly ips: string[];
  private readonly i: number;
  constructor(t: TripletColumns, s: AttemptColumns, ips: string[], i: number) {
    this.t = t;
    this.s = s;
    this.ips = ips;
    this.i = i;
  }
  get ip(): string {
    return this.ips[this.t.addr[this.i]!]!;
  }
  get sender(): string {
    const key = this.t.keys[this.i]!;
    const from = this.ip.length + 1;
    return key.slice(from, key.indexOf(' ', from));
  }
  get recipient(): string {
    const key = this.t.keys[this.i]!;
    return key.slice(key.indexOf(' ', this.ip.length + 1) + 1);
  }
  get verdict(): Verdict {
    return VERDICTS[this.t.verdict[this.i]!]!;
  }
  get retry(): RetryPattern {
    return RETRY_PATTERNS[this.t.retry[this.i]!]!;
  }
  get attempts(): number {
    return this.s.attempts[this.i]!;
  }
  get first(): number {
    return this.s.first[this.i]!;
  }
  get last(): number {
    return this.s.last[this.i]!;
  }
  get firstRetry(): number {
    return this.s.firstRetry[this.i]!;
  }
  get maxGap(): number {
    return this.s.maxGap[this.i]!;
  }
  get otherIps(): number {
    return this.t.otherIps[this.i]!;
  }
  get helo(): string {
    return this.t.helo[this.i]!;
  }
}

class AddressView implements AddressResult {
  private readonly a: AddressColumns;
  private readonly s: AttemptColumns;
  private readonly i: number;
  constructor(a: AddressColumns, s: AttemptColumns, i: number) {
    this.a = a;
    this.s = s;
    this.i = i;
  }
  get ip(): string {
    return this.a.ips[this.i]!;
  }
  get verdict(): Verdict {
    return VERDICTS[this.a.verdict[this.i]!]!;
  }
  get retry(): RetryPattern {
    return RETRY_PATTERNS[this.a.retry[this.i]!]!;
  }
  get sessions(): number {
    return this.a.sessions[this.i]!;
  }
  get greylisted(): number {
    return this.a.greylisted[this.i]!;
  }
  get blacklisted(): number {
    return this.a.blacklisted[this.i]!;
  }
  get triplets(): number {
    return this.a.triplets[this.i]!;
  }
  get first(): number {
    return this.a.first[this.i]!;
  }
  get last(): number {
    return this.a.last[this.i]!;
  }
  get firstRetry(): number {
    return this.s.firstRetry[this.i]!;
  }
  get attempts(): number {
    return this.s.attempts[this.i]!;
  }
  get lists(): string {
    return this.a.lists[this.i]!;
  }
}

/** Detach a string from the (large) line it was sliced from, so that stored keys do not pin lines in memory. */
function detach(s: string): string {
  return (' ' + s).slice(1);
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
  finish(): Analysis;
}

export function createAnalyzer(settings: AnalysisSettings): Analyzer {
  const timing: Timing = { passtime: settings.passtime, greyexp: settings.greyexp, burst: settings.burst };
  const since = settings.since ?? -Infinity;
  const until = settings.until ?? Infinity;
  const tracker = createSessionTracker();
  const addressIndex = new Map<string, number>();
  const addressState = createAttemptTable();
  let addressCap = INITIAL_ROWS;
  const A: AddressColumns = {
    ips: [],
    lists: [],
    sessions: new Int32Array(addressCap),
    greylisted: new Int32Array(addressCap),
    blacklisted: new Int32Array(addressCap),
    lastBlack: new Float64Array(addressCap),
    first: new Float64Array(addressCap),
    last: new Float64Array(addressCap),
    whitelistedAt: new Float64Array(addressCap),
    verdict: new Uint8Array(0),
    retry: new Uint8Array(0),
    triplets: new Int32Array(0),
  };
  const tripletIndex = new Map<string, number>();
  const tripletState = createAttemptTable();
  let tripletCap = INITIAL_ROWS;
  const T: TripletColumns = {
    keys: [],
    helo: [],
    addr: new Int32Array(tripletCap),
    black: new Uint8Array(tripletCap),
    verdict: new Uint8Array(0),
    retry: new Uint8Array(0),
    otherIps: new Int32Array(0),
  };
  const eventCounts: Record<string, number> = {};
  const sessions: SessionCounts = { total: 0, greylisted: 0, blacklisted: 0, incomplete: 0, unpairedDisconnects: 0 };
  const sessionRows: SessionRow[] | null = settings.collectSessions ? [] : null;
  let first = NaN;
  let last = NaN;
  let events = 0;
  let outsideWindow = 0;
  let envelopesLogged = false;
  let lastSweep = -Infinity;

  /** The row of address `ip`, created at `t` when new; its first/last seen extended to `t`. */
  function address(ip: string, t: number): number {
    let a = addressIndex.get(ip);
    if (a === undefined) {
      a = addressState.push();
      if (a === addressCap) {
        addressCap *= 2;
        A.sessions = grow(A.sessions, addressCap);
        A.greylisted = grow(A.greylisted, addressCap);
        A.blacklisted = grow(A.blacklisted, addressCap);
        A.lastBlack = grow(A.lastBlack, addressCap);
        A.first = grow(A.first, addressCap);
        A.last = grow(A.last, addressCap);
        A.whitelistedAt = grow(A.whitelistedAt, addressCap);
      }
      const key = detach(ip);
      A.ips.push(key);
      A.lists.push('');
      A.lastBlack[a] = -Infinity;
      A.first[a] = t;
      A.last[a] = t;
      A.whitelistedAt[a] = NaN;
      addressIndex.set(key, a);
    }
    if (t < A.first[a]!) A.first[a] = t;
    if (t > A.last[a]!) A.last[a] = t;
    return a;
  }

  function triplet(key: string, addr: number): number {
    const i = tripletState.push();
    if (i === tripletCap) {
      tripletCap *= 2;
      T.addr = grow(T.addr, tripletCap);
      T.black = grow(T.black, tripletCap);
    }
    const flat = detach(key);
    T.keys.push(flat);
    T.helo.push('');
    T.addr[i] = addr;
    tripletIndex.set(flat, i);
    return i;
  }

  /** Count a session for its address: a greylisted session is an address-level attempt. */
  function countSession(s: OpenSession): void {
    s.counted = true;
    const a = address(s.ip, s.start);
    A.sessions[a] = A.sessions[a]! + 1;
    if (s.black) {
      A.blacklisted[a] = A.blacklisted[a]! + 1;
      if (s.start > A.lastBlack[a]!) A.lastBlack[a] = s.start;
      A.lists[a] = mergeLists(A.lists[a]!, s.lists);
    } else {
      A.greylisted[a] = A.greylisted[a]! + 1;
      addressState.add(a, s.start, timing);
    }
  }

  function closeSession(s: OpenSession, end: number, endSeen: boolean): void {
    if (!s.counted) countSession(s);
    sessions.total++;
    if (s.black) sessions.blacklisted++;
    else sessions.greylisted++;
    const complete = s.startSeen && endSeen;
    if (!complete) sessions.incomplete++;
    if (endSeen) {
      const a = addressIndex.get(s.ip);
      if (a !== undefined && end > A.last[a]!) A.last[a] = end;
    }
    if (sessionRows) {
      sessionRows.push({
        host: detach(s.host),
        ip: detach(s.ip),
        start: s.start,
        end: endSeen ? end : NaN,
        duration: endSeen ? end - s.start : NaN,
        kind: s.black ? 'black' : 'grey',
        lists: detach(s.lists),
        envelopes: s.triplets.map((k) => k.slice(k.indexOf(' ') + 1).replace(' ', ' -> ')).join(', '),
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
    const key = ev.ip + ' ' + ev.from + ' ' + ev.to;
    const session = tracker.current(ev.host, ev.ip);
    const black = ev.list === 'black' || (session !== null && session.black);
    if (session) {
      if (session.triplets.includes(key)) return; // the same RCPT twice in one session is one attempt
      session.triplets.push(session.triplets.length < 50 ? detach(key) : key);
      if (ev.list === 'black' && !session.black) session.black = true;
    }
    const a = address(ev.ip, ev.time);
    let t = tripletIndex.get(key);
    if (t === undefined) t = triplet(key, a);
    if (black) T.black[t] = 1;
    tripletState.add(t, ev.time, timing);
    // An envelope with no session around it (a grep'd excerpt, a lost connect line) is still an attempt of its address.
    if (!session && !black) addressState.add(a, ev.time, timing);
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
        } else if (ev.lists !== '' && !s.black) {
          s.black = true;
          s.lists = ev.lists;
        }
        closeSession(s, time, true);
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
        if (time > A.lastBlack[a]!) A.lastBlack[a] = time;
        if (ev.kind === 'trapping') A.lists[a] = mergeLists(A.lists[a]!, 'spamd-greytrap');
        break;
      }
      case 'new-entry': {
        if (ev.trap) {
          const a = address(ev.ip, time);
          if (time > A.lastBlack[a]!) A.lastBlack[a] = time;
        }
        const t = tripletIndex.get(ev.ip + ' ' + ev.from + ' ' + ev.to);
        if (t !== undefined && T.helo[t] === '' && ev.helo !== '') T.helo[t] = detach(ev.helo);
        break;
      }
      case 'whitelisting':
      case 'spamlogd': {
        if (ev.kind === 'spamlogd' && ev.direction !== 'inbound') break;
        const a = addressIndex.get(ev.ip);
        if (a !== undefined && !(A.whitelistedAt[a]! <= time)) A.whitelistedAt[a] = time;
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

    // Which messages were attempted from more than one address. A triplet key is unique per
    // (address, sender, recipient), so the triplets of one message group are from distinct addresses.
    const nt = tripletState.size;
    const na = addressState.size;
    const groupOf: Array<string | null> = new Array<string | null>(nt);
    const groups = new Map<string, number>();
    for (let i = 0; i < nt; i++) {
      const key = T.keys[i]!;
      const from0 = A.ips[T.addr[i]!]!.length + 1;
      const sp = key.indexOf(' ', from0);
      const g = messageGroupKey(key.slice(from0, sp), key.slice(sp + 1));
      groupOf[i] = g;
      if (g !== null) groups.set(g, (groups.get(g) ?? 0) + 1);
    }

    const ts = tripletState.columns();
    T.verdict = new Uint8Array(nt);
    T.retry = new Uint8Array(nt);
    T.otherIps = new Int32Array(nt);
    A.triplets = new Int32Array(na);
    const elsewhere = new Uint8Array(na);
    const state = createAttemptState();
    const tripletResults: TripletResult[] = new Array<TripletResult>(nt);
    for (let i = 0; i < nt; i++) {
      const g = groupOf[i]!;
      const otherIps = g === null ? 0 : groups.get(g)! - 1;
      const a = T.addr[i]!;
      tripletState.get(i, state);
      const blacklisted = T.black[i] === 1 || A.lastBlack[a]! >= state.first;
      const verdict = classify({ state, blacklisted, whitelisted: false, retriedElsewhere: otherIps > 0 }, end, timing);
      T.verdict[i] = VERDICTS.indexOf(verdict);
      T.retry[i] = RETRY_PATTERNS.indexOf(retryPattern(state, timing));
      T.otherIps[i] = otherIps;
      tripletResults[i] = new TripletView(T, ts, A.ips, i);
      A.triplets[a] = A.triplets[a]! + 1;
      if (otherIps > 0) elsewhere[a] = 1;
    }
    groupOf.length = 0;

    const as = addressState.columns();
    A.verdict = new Uint8Array(na);
    A.retry = new Uint8Array(na);
    const addressResults: AddressResult[] = new Array<AddressResult>(na);
    for (let a = 0; a < na; a++) {
      addressState.get(a, state);
      const firstAttempt = state.attempts > 0 ? state.first : A.first[a]!;
      const verdict = classify(
        {
          state,
          blacklisted: A.lastBlack[a]! >= firstAttempt || (state.attempts === 0 && A.blacklisted[a]! > 0),
          whitelisted: A.whitelistedAt[a]! >= firstAttempt,
          retriedElsewhere: elsewhere[a] === 1,
        },
        end,
        timing,
      );
      A.verdict[a] = VERDICTS.indexOf(verdict);
      A.retry[a] = RETRY_PATTERNS.indexOf(retryPattern(state, timing));
      addressResults[a] = new AddressView(A, as, a);
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
