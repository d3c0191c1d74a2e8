// The one stateful step: events in log order → sessions, per-address and per-triplet state →
// verdicts at the end of the window. Pure apart from its own state; no I/O, no clock.
import { createAttemptState, type Timing } from './attempts.js';
import { ATTEMPT_FIELDS, ATTEMPTS, FIRST, FIRST_RETRY, LAST, MAX_GAP, createAttemptTable, type AttemptTable } from './attempt-table.js';
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
 * Per-address and per-triplet state as rows of numbers (AttemptTable, its extra fields below),
 * indexed by insertion order: no per-key objects, so memory grows with keys at ~200 bytes each
 * and the garbage collector has nothing to trace. Results are views over the same rows.
 */
const SESSIONS = ATTEMPT_FIELDS;
const GREYLISTED = ATTEMPT_FIELDS + 1;
const BLACKLISTED = ATTEMPT_FIELDS + 2;
const LAST_BLACK = ATTEMPT_FIELDS + 3;
const A_FIRST = ATTEMPT_FIELDS + 4;
const A_LAST = ATTEMPT_FIELDS + 5;
const WHITELISTED_AT = ATTEMPT_FIELDS + 6;
const ADDRESS_EXTRA = 7;
const T_ADDR = ATTEMPT_FIELDS;
const T_BLACK = ATTEMPT_FIELDS + 1;
const TRIPLET_EXTRA = 2;

interface AddressRows {
  state: AttemptTable;
  ips: string[];
  lists: string[];
  /** Filled by finish(). */
  verdict: Uint8Array;
  retry: Uint8Array;
  triplets: Int32Array;
}

interface TripletRows {
  state: AttemptTable;
  keys: string[];
  helo: string[];
  /** Filled by finish(). */
  verdict: Uint8Array;
  retry: Uint8Array;
  otherIps: Int32Array;
}

class TripletView implements TripletResult {
  private readonly t: TripletRows;
  private readonly d: Float64Array;
  private readonly ips: string[];
  private readonly o: number;
  private readonly i: number;
  constructor(t: TripletRows, d: Float64Array, ips: string[], i: number) {
    this.t = t;
    this.d = d;
    this.ips = ips;
    this.o = i * t.state.stride;
    this.i = i;
  }
  get ip(): string {
    return this.ips[this.d[this.o + T_ADDR]!]!;
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
    return this.d[this.o + ATTEMPTS]!;
  }
  get first(): number {
    return this.d[this.o + FIRST]!;
  }
  get last(): number {
    return this.d[this.o + LAST]!;
  }
  get firstRetry(): number {
    return this.d[this.o + FIRST_RETRY]!;
  }
  get maxGap(): number {
    return this.d[this.o + MAX_GAP]!;
  }
  get otherIps(): number {
    return this.t.otherIps[this.i]!;
  }
  get helo(): string {
    return this.t.helo[this.i]!;
  }
}

class AddressView implements AddressResult {
  private readonly a: AddressRows;
  private readonly d: Float64Array;
  private readonly o: number;
  private readonly i: number;
  constructor(a: AddressRows, d: Float64Array, i: number) {
    this.a = a;
    this.d = d;
    this.o = i * a.state.stride;
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
    return this.d[this.o + SESSIONS]!;
  }
  get greylisted(): number {
    return this.d[this.o + GREYLISTED]!;
  }
  get blacklisted(): number {
    return this.d[this.o + BLACKLISTED]!;
  }
  get triplets(): number {
    return this.a.triplets[this.i]!;
  }
  get first(): number {
    return this.d[this.o + A_FIRST]!;
  }
  get last(): number {
    return this.d[this.o + A_LAST]!;
  }
  get firstRetry(): number {
    return this.d[this.o + FIRST_RETRY]!;
  }
  get attempts(): number {
    return this.d[this.o + ATTEMPTS]!;
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
  const A: AddressRows = { state: createAttemptTable(ADDRESS_EXTRA), ips: [], lists: [], verdict: new Uint8Array(0), retry: new Uint8Array(0), triplets: new Int32Array(0) };
  const tripletIndex = new Map<string, number>();
  const T: TripletRows = { state: createAttemptTable(TRIPLET_EXTRA), keys: [], helo: [], verdict: new Uint8Array(0), retry: new Uint8Array(0), otherIps: new Int32Array(0) };
  const helos = new Map<string, string>();
  const AS = A.state.stride;
  const TS = T.state.stride;
  /** The address rows (replaced when the table grows). */
  let ad = A.state.data();
  let td = T.state.data();
  const eventCounts: Record<string, number> = {};
  const sessions: SessionCounts = { total: 0, greylisted: 0, blacklisted: 0, incomplete: 0, unpairedDisconnects: 0 };
  const sessionRows: SessionRow[] | null = settings.collectSessions ? [] : null;
  let first = NaN;
  let last = NaN;
  let events = 0;
  let outsideWindow = 0;
  let envelopesLogged = false;
  let lastSweep = -Infinity;

  /** The row of address `ip`, created at `t` when new; its first/last seen extended to `t`. Returns the row's offset. */
  function address(ip: string, t: number): number {
    let a = addressIndex.get(ip);
    if (a === undefined) {
      a = A.state.push();
      ad = A.state.data();
      const key = detach(ip);
      A.ips.push(key);
      A.lists.push('');
      const o = a * AS;
      ad[o + LAST_BLACK] = -Infinity;
      ad[o + A_FIRST] = t;
      ad[o + A_LAST] = t;
      ad[o + WHITELISTED_AT] = NaN;
      addressIndex.set(key, a);
      return a;
    }
    const o = a * AS;
    if (t < ad[o + A_FIRST]!) ad[o + A_FIRST] = t;
    if (t > ad[o + A_LAST]!) ad[o + A_LAST] = t;
    return a;
  }

  function triplet(key: string, addr: number): number {
    const i = T.state.push();
    td = T.state.data();
    const flat = detach(key);
    T.keys.push(flat);
    T.helo.push('');
    td[i * TS + T_ADDR] = addr;
    tripletIndex.set(flat, i);
    return i;
  }

  /** Count a session for its address: a greylisted session is an address-level attempt. */
  function countSession(s: OpenSession): void {
    s.counted = true;
    const a = address(s.ip, s.start);
    const o = a * AS;
    ad[o + SESSIONS] = ad[o + SESSIONS]! + 1;
    if (s.black) {
      ad[o + BLACKLISTED] = ad[o + BLACKLISTED]! + 1;
      if (s.start > ad[o + LAST_BLACK]!) ad[o + LAST_BLACK] = s.start;
      A.lists[a] = mergeLists(A.lists[a]!, s.lists);
    } else {
      ad[o + GREYLISTED] = ad[o + GREYLISTED]! + 1;
      A.state.add(a, s.start, timing);
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
      if (a !== undefined && end > ad[a * AS + A_LAST]!) ad[a * AS + A_LAST] = end;
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
    let t = tripletIndex.get(key);
    // the same RCPT twice in one session is one attempt (session keys are the stored, detached ones)
    if (session && t !== undefined && session.triplets.includes(T.keys[t]!)) return;
    const a = address(ev.ip, ev.time);
    if (t === undefined) t = triplet(key, a);
    if (session) {
      session.triplets.push(T.keys[t]!);
      if (ev.list === 'black' && !session.black) session.black = true;
    }
    if (black) td[t * TS + T_BLACK] = 1;
    T.state.add(t, ev.time, timing);
    // An envelope with no session around it (a grep'd excerpt, a lost connect line) is still an attempt of its address.
    if (!session && !black) A.state.add(a, ev.time, timing);
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
        // Detached: an open session lives on for many lines and would keep the text they were sliced from alive.
        const s = tracker.open(detach(ev.host), detach(ev.ip), time, ev.lists !== '', ev.lists === '' ? '' : detach(ev.lists));
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
        if (time > ad[a * AS + LAST_BLACK]!) ad[a * AS + LAST_BLACK] = time;
        if (ev.kind === 'trapping') A.lists[a] = mergeLists(A.lists[a]!, 'spamd-greytrap');
        break;
      }
      case 'new-entry': {
        if (ev.trap) {
          const a = address(ev.ip, time);
          if (time > ad[a * AS + LAST_BLACK]!) ad[a * AS + LAST_BLACK] = time;
        }
        const t = tripletIndex.get(ev.ip + ' ' + ev.from + ' ' + ev.to);
        if (t !== undefined && T.helo[t] === '' && ev.helo !== '') {
          // One copy per distinct HELO: a sender's triplets mostly share it.
          let helo = helos.get(ev.helo);
          if (helo === undefined) helos.set((helo = detach(ev.helo)), helo);
          T.helo[t] = helo;
        }
        break;
      }
      case 'whitelisting':
      case 'spamlogd': {
        if (ev.kind === 'spamlogd' && ev.direction !== 'inbound') break;
        const a = addressIndex.get(ev.ip);
        if (a !== undefined && !(ad[a * AS + WHITELISTED_AT]! <= time)) ad[a * AS + WHITELISTED_AT] = time;
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
    const nt = T.state.size;
    const na = A.state.size;
    const groupOf: Array<string | null> = new Array<string | null>(nt);
    const groups = new Map<string, number>();
    for (let i = 0; i < nt; i++) {
      const key = T.keys[i]!;
      const from0 = A.ips[td[i * TS + T_ADDR]!]!.length + 1;
      const sp = key.indexOf(' ', from0);
      const g = messageGroupKey(key.slice(from0, sp), key.slice(sp + 1));
      groupOf[i] = g;
      if (g !== null) groups.set(g, (groups.get(g) ?? 0) + 1);
    }

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
      const a = td[i * TS + T_ADDR]!;
      T.state.get(i, state);
      const blacklisted = td[i * TS + T_BLACK] === 1 || ad[a * AS + LAST_BLACK]! >= state.first;
      const verdict = classify({ state, blacklisted, whitelisted: false, retriedElsewhere: otherIps > 0 }, end, timing);
      T.verdict[i] = VERDICTS.indexOf(verdict);
      T.retry[i] = RETRY_PATTERNS.indexOf(retryPattern(state, timing));
      T.otherIps[i] = otherIps;
      tripletResults[i] = new TripletView(T, td, A.ips, i);
      A.triplets[a] = A.triplets[a]! + 1;
      if (otherIps > 0) elsewhere[a] = 1;
    }
    groupOf.length = 0;

    A.verdict = new Uint8Array(na);
    A.retry = new Uint8Array(na);
    const addressResults: AddressResult[] = new Array<AddressResult>(na);
    for (let a = 0; a < na; a++) {
      A.state.get(a, state);
      const o = a * AS;
      const firstAttempt = state.attempts > 0 ? state.first : ad[o + A_FIRST]!;
      const verdict = classify(
        {
          state,
          blacklisted: ad[o + LAST_BLACK]! >= firstAttempt || (state.attempts === 0 && ad[o + BLACKLISTED]! > 0),
          whitelisted: ad[o + WHITELISTED_AT]! >= firstAttempt,
          retriedElsewhere: elsewhere[a] === 1,
        },
        end,
        timing,
      );
      A.verdict[a] = VERDICTS.indexOf(verdict);
      A.retry[a] = RETRY_PATTERNS.indexOf(retryPattern(state, timing));
      addressResults[a] = new AddressView(A, ad, a);
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
