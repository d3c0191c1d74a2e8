// The one stateful step: events in log order → sessions, per-address and per-triplet state →
// verdicts at the end of the window. Pure apart from its own state; no I/O, no clock.
import { createAttemptState, type Timing } from './attempts.js';
import { createAttemptTable, FIRST, LAST, PASSED_AT, type AttemptTable } from './attempt-table.js';
import { createTripletIndex } from './key-index.js';
import { createStringPool, detach, unpin } from '../string-pool.js';
import { poolGaveUp, retryPattern, RETRY_PATTERNS, VERDICTS, type RetryPattern, type Verdict } from './verdicts.js';
import { A_BLACKLISTED, A_EXTRA, A_FIRST, A_GREYLISTED, A_LAST, A_LAST_BLACK, A_ORPHAN_AT, A_SESSIONS, A_WHITELISTED_AT, AddressView, T_BLACK, T_EXTRA, TripletView, VERDICT_SOURCES, type ResultTables } from './results.js';
import { noteActivity, type Activity } from './activity.js';
import { judge, NO_FACTS, type ExternalFacts, type VerdictSource } from './outside-facts.js';
import type { AddressDumpFacts, TripletDumpFacts } from './spamdb-join.js';
import { BACKWARDS_SLACK } from '../parse/accounting.js';
import { createSessionTracker, PAIRING_SLACK, STALE_AFTER, type OpenSession } from './sessions.js';
import { NULL_SENDER } from './families.js';
import { groupKeyText, isGroupable, POOL_RETRY_GAP, recipientKey, senderFamily, splitByTime, type PoolPrefix } from './pools.js';
import { networkOf } from './network.js';
import type { EventIds, SpamdEvent, SymbolTable } from '../types.js';

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
  /** The message this triplet carried with others (pools.ts: sender family, recipient, pool, time); '' when it carried it alone. */
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
  /** Sessions from a client address spamd could not print (`<unknown>`, or empty): counted, never judged. */
  unknownClient: number;
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
  /** Events more than a minute before the latest of the inputs read before theirs, and those inputs (named out of order). */
  outOfOrder: { events: number; inputs: string[] };
  /** --since and --until as epoch seconds (resolved once, at the start); NaN when not given. */
  since: number;
  until: number;
  /**
   * From when on the log is read whole: its first event, or, when it goes back further than the
   * greyexp before --since, the start of that look-back (LookBack); NaN when there is no event.
   */
  readFrom: number;
  /** (GREY)/(BLACK) lines were seen: triplets exist. Without -v spamd logs none. */
  envelopesLogged: boolean;
  eventCounts: Record<string, number>;
  sessions: SessionCounts;
  sessionRows: SessionRow[] | null;
  triplets: TripletResult[];
  addresses: AddressResult[];
}

/** One message's key, how many triplets and addresses attempted it, and when (all its triplets' attempts). */
interface MessageOf {
  key: string;
  members: number;
  ips: number;
  first: number;
  last: number;
  /**
   * Judged as one sender's message when its attempts stop within the passtime (poolGaveUp): a
   * family of per-message senders from one address. Not the attempts of several addresses: a
   * pool's address that spamd had already whitelisted (big providers' often are) carries a retry
   * to the mail server unseen, so a pool that seems to stop may have delivered. Not the null
   * sender: bounces and address-verification callouts of different servers share it, and a
   * callout has nothing to retry.
   */
  judgedWhole: boolean;
}

/** A session's triplets are their numbers in the triplet index. */
type Session = OpenSession<number>;

const LISTS_MAX = 120;

/** spamd's whiteexp default (-G ::864, 36 days): how long a WHITE entry lets an address through. */
const WHITEEXP = 864 * 3600;

/** Seconds between spamd's database scans, which whitelist the addresses of passed tuples (grey.c DB_SCAN_INTERVAL). */
const DB_SCAN_INTERVAL = 60;

/** spamd's placeholders for a client address it could not print: `<unknown>` (1.163 on), '' (1.127). */
function isUnknownClient(ip: string): boolean {
  return ip === '' || ip === '<unknown>';
}

/** A copy of `a` with room for at least `need` entries (1.5x growth). */
function grown(a: Int32Array, need: number): Int32Array {
  const bigger = new Int32Array(Math.max(need, Math.ceil(a.length * 1.5)));
  bigger.set(a);
  return bigger;
}

function mergeLists(have: string, add: string): string {
  if (add === '' || have === add) return have;
  if (have === '') return detach(add);
  const tags = have.split(' ');
  for (const t of add.split(' ')) if (t && !tags.includes(t)) tags.push(t);
  const joined = tags.join(' ');
  return joined.length > LISTS_MAX ? joined.slice(0, LISTS_MAX) + ' ...' : joined;
}

export interface Analyzer {
  /** One event, in log order; `ids` when its strings came numbered by `symbols` (a parse worker's batch). */
  add(ev: SpamdEvent, ids?: EventIds): void;
  /** The events after this come from input `name`: those more than a minute before what was read so far are counted. */
  beginInput(name: string): void;
  /** The analysis's string numbers, for a decoder of numbered events (parse/event-codec.ts). */
  readonly symbols: SymbolTable;
  /** The verdicts. Call it once, after the last add(). */
  finish(): Analysis;
}

/**
 * The greyexp before --since, read back: a key's attempts there started the greylist entry that
 * its first attempt in the window belongs to (spamd judges that attempt against them). Only the
 * earliest greylisted attempt per address and per triplet is kept: a few hours of keys at most.
 */
interface LookBack {
  note(ev: SpamdEvent): void;
  /** The earliest greylisted attempt read back, NaN if none. */
  address(ip: string): number;
  triplet(ip: string, from: string, to: string): number;
}

function createLookBack(): LookBack {
  const addresses = new Map<string, number>();
  const triplets = new Map<string, number>();
  const keep = (m: Map<string, number>, key: string, t: number): void => {
    // A stored key must not pin the line it was sliced from.
    if (!m.has(key)) m.set(detach(key), t);
  };
  return {
    note(ev) {
      if (ev.kind === 'connect' && ev.lists === '') keep(addresses, ev.ip, ev.time);
      else if (ev.kind === 'envelope' && ev.list === 'grey') {
        keep(addresses, ev.ip, ev.time);
        keep(triplets, ev.ip + '\n' + ev.from + '\n' + ev.to, ev.time);
      }
    },
    address: (ip) => addresses.get(ip) ?? NaN,
    triplet: (ip, from, to) => triplets.get(ip + '\n' + from + '\n' + to) ?? NaN,
  };
}

export function createAnalyzer(settings: AnalysisSettings): Analyzer {
  const timing: Timing = { passtime: settings.passtime, greyexp: settings.greyexp, burst: settings.burst };
  const facts = settings.facts ?? NO_FACTS;
  const since = settings.since ?? -Infinity;
  const until = settings.until ?? Infinity;
  const collectActivity = settings.collectActivity === true;
  const tracker = createSessionTracker<number>();
  // Keys are numbers (key-index.ts); per-key numbers live in rows of typed arrays (attempt-table.ts).
  const addressIds = new Map<string, number>();
  const addressIp: string[] = [];
  const addressLists: string[] = [];
  const A = createAttemptTable(A_EXTRA);
  // Strings by number, in three pools: the few recipients and HELO names stay in a small table
  // that the cache holds, apart from the many senders; `strings` has what came numbered from a
  // parse worker (addresses, hosts, list tags).
  const strings = createStringPool();
  const senders = createStringPool();
  const recipients = createStringPool();
  const heloNames = createStringPool();
  const index = createTripletIndex();
  const T = createAttemptTable(T_EXTRA);
  /** HELO name per triplet, as a number in `heloNames` (0 until a `new entry` line names one). */
  let helos: Int32Array = new Int32Array(1024);
  // Sparse: only keys selected for evidence keep their attempts, only spread-out keys their activity.
  const addressRecords = new Map<number, AttemptRecord[]>();
  const tripletRecords = new Map<number, AttemptRecord[]>();
  const addressActivity = new Map<number, number[]>();
  const tripletActivity = new Map<number, number[]>();
  const scratch = createAttemptState();
  const eventCounts: Record<string, number> = {};
  const sessions: SessionCounts = { total: 0, greylisted: 0, blacklisted: 0, incomplete: 0, unpairedDisconnects: 0, unknownClient: 0 };
  const sessionRows: SessionRow[] | null = settings.collectSessions ? [] : null;
  const select = settings.recordAttempts;
  /** Kept attempts whose session is still open: their duration is known at its disconnect. */
  const awaitingDuration = new Map<Session, AttemptRecord[]>();
  let first = NaN;
  let last = NaN;
  let events = 0;
  let outsideWindow = 0;
  /** The earliest and the latest event read, in the window or not. */
  let earliest = NaN;
  let latest = -Infinity;
  /** Events of an input that lie before what the inputs read before it hold (files named out of order). */
  let floor = -Infinity;
  let currentInput = '';
  const outOfOrder = { events: 0, inputs: [] as string[] };
  /** The syslog hosts of spamd's lines: several spamd hosts (MXes) in one log each keep their own greylist. */
  const hosts = new Set<string>();
  let lastHost = '';
  const lookBack = settings.since !== undefined ? createLookBack() : null;
  /** Whitelisting moments of an address after its first (A_WHITELISTED_AT), each after an attempt the ones before did not cover. */
  const laterPasses = new Map<number, number[]>();
  let envelopesLogged = false;
  let lastSweep = -Infinity;
  heloNames.intern(''); // number 0: no HELO name
  /** Per address: the number + 1 of the HELO name its last `new entry` line gave (0: none yet). */
  let lastHelo: Int32Array = new Int32Array(1024);

  /** `before`: when the key's first attempt is `t`, its attempt before --since that started the entry (NaN: none). */
  function countAttempt(table: AttemptTable, activity: Map<number, number[]>, id: number, t: number, before = NaN): void {
    table.add(id, t, timing, before);
    if (collectActivity) {
      const next = noteActivity(activity.get(id) ?? null, table.get(id, scratch), t);
      if (next) activity.set(id, next);
    }
  }

  function touch(id: number, t: number): void {
    const r = A.data();
    const o = id * A.stride;
    if (t < r[o + A_FIRST]!) r[o + A_FIRST] = t;
    if (t > r[o + A_LAST]!) r[o + A_LAST] = t;
  }

  /** Address number + 1 by string number, for events whose strings came numbered (EventIds); 0: none yet. */
  let addressBySid: Int32Array = new Int32Array(1024);

  /** The address's number, -1 when it has none yet; `sid`: its string number when known (-1 if not). */
  function addressId(ip: string, sid: number): number {
    if (sid < 0) return addressIds.get(ip) ?? -1;
    const v = sid < addressBySid.length ? addressBySid[sid]! : 0;
    if (v > 0) return v - 1;
    const id = addressIds.get(ip);
    if (id === undefined) return -1;
    noteSid(sid, id);
    return id;
  }

  function noteSid(sid: number, id: number): void {
    if (sid >= addressBySid.length) {
      const bigger = new Int32Array(Math.max(sid + 1, Math.ceil(addressBySid.length * 1.5)));
      bigger.set(addressBySid);
      addressBySid = bigger;
    }
    addressBySid[sid] = id + 1;
  }

  /** The address's number, adding it (first seen at `t`) when new; `t` widens its first/last seen. */
  function address(ip: string, t: number, sid = -1): number {
    let id = addressId(ip, sid);
    if (id < 0) {
      const flat = sid >= 0 ? strings.get(sid) : detach(ip);
      id = A.push();
      const r = A.data();
      const o = id * A.stride;
      r[o + A_LAST_BLACK] = -Infinity;
      r[o + A_FIRST] = t;
      r[o + A_LAST] = t;
      r[o + A_WHITELISTED_AT] = NaN;
      r[o + A_ORPHAN_AT] = NaN;
      addressIds.set(flat, id);
      if (sid >= 0) noteSid(sid, id);
      addressIp.push(flat);
      addressLists.push('');
      if (select?.address(flat)) addressRecords.set(id, []);
      return id;
    }
    touch(id, t);
    return id;
  }

  /**
   * A session found blacklisted after its envelopes (the old `connected (n)` form tells only at
   * `matched lists:` or the close): its triplets were tried on a blacklist, not greylisted.
   */
  function sessionBlack(s: Session, lists: string): void {
    s.black = true;
    s.lists = lists;
    const r = T.data();
    for (const t of s.triplets) r[t * T.stride + T_BLACK] = 1;
  }

  function noteBlack(id: number, t: number): void {
    const r = A.data();
    const o = id * A.stride + A_LAST_BLACK;
    if (t > r[o]!) r[o] = t;
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
  function countSession(s: Session, attempt = true, sid = -1): void {
    s.counted = true;
    if (isUnknownClient(s.ip)) {
      // One placeholder for every client spamd could not name: not one sender, never judged.
      sessions.unknownClient++;
      return;
    }
    const id = address(s.ip, s.start, sid);
    const r = A.data();
    const o = id * A.stride;
    r[o + A_SESSIONS]!++;
    if (s.black) {
      r[o + A_BLACKLISTED]!++;
      noteBlack(id, s.start);
      addressLists[id] = mergeLists(addressLists[id]!, s.lists);
    } else {
      r[o + A_GREYLISTED]!++;
      if (attempt) {
        countAttempt(A, addressActivity, id, s.start, lookBack ? lookBack.address(s.ip) : NaN);
        const records = addressRecords.get(id);
        if (records) keepRecord(records, s.start, s);
      }
    }
  }

  function envelopeText(t: number): string {
    return senders.get(index.from(t)) + ' -> ' + recipients.get(index.to(t));
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
      const id = addressIds.get(s.ip);
      if (id !== undefined) {
        const r = A.data();
        const o = id * A.stride + A_LAST;
        if (end > r[o]!) r[o] = end;
      }
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
        envelopes: s.triplets.map(envelopeText).join(', '),
        complete,
      });
    }
  }

  function sweep(now: number): void {
    if (now < lastSweep + 300) return;
    lastSweep = now;
    for (const s of tracker.drain(now - STALE_AFTER)) closeSession(s, NaN, false);
  }

  /** The last few `new entry` lines whose (GREY) line had not come yet. */
  const earlyHelo = new Array<{ ip: string; from: string; to: string; helo: string; time: number } | null>(4).fill(null);
  let earlyHeloAt = 0;

  // The last envelopes' triplets, compared by text before any lookup: spamd's greylister logs
  // `new entry` right after the (GREY) line of the same tuple, and a session's RCPTs share a sender.
  const RECENT = 4;
  const recentIp = new Array<string>(RECENT).fill('');
  const recentFrom = new Array<string>(RECENT).fill('');
  const recentTo = new Array<string>(RECENT).fill('');
  const recentId = new Int32Array(RECENT).fill(-1);
  let recentAt = 0;
  let lastFrom = '';
  let lastFromId = -1;

  /** `flat`: the text is a string of its own (a decoded batch's), no copy needed to keep it. */
  function senderId(from: string, flat: boolean): number {
    if (from !== lastFrom || lastFromId < 0) {
      lastFromId = senders.intern(from, flat);
      lastFrom = senders.get(lastFromId);
    }
    return lastFromId;
  }

  /** The HELO name's number: an address mostly says the same name in each session. */
  function heloNumber(a: number, helo: string, flat: boolean): number {
    const last = a < lastHelo.length ? lastHelo[a]! - 1 : -1;
    if (last >= 0 && heloNames.get(last) === helo) return last;
    const id = heloNames.intern(helo, flat);
    if (a >= lastHelo.length) lastHelo = grown(lastHelo, a + 1);
    lastHelo[a] = id + 1;
    return id;
  }

  /** The triplet's number, -1 when it has no attempt yet. */
  function findTriplet(ip: string, from: string, to: string, ids: EventIds | undefined): number {
    for (let i = 0; i < RECENT; i++) {
      if (recentTo[i] === to && recentFrom[i] === from && recentIp[i] === ip) return recentId[i]!;
    }
    const a = addressId(ip, ids ? ids.ip : -1);
    if (a < 0) return -1;
    const f = senders.find(from);
    const r = f < 0 ? -1 : recipients.find(to);
    return r < 0 ? -1 : index.find(a, f, r);
  }

  function envelope(ev: Extract<SpamdEvent, { kind: 'envelope' }>, ids: EventIds | undefined): void {
    envelopesLogged = true;
    if (isUnknownClient(ev.ip)) return;
    const session = tracker.current(ev.host, ev.ip);
    const black = ev.list === 'black' || (session !== null && session.black);
    const sid = ids ? ids.ip : -1;
    const known = addressId(ev.ip, sid);
    const a = known >= 0 ? known : address(ev.ip, ev.time, sid);
    const size = index.size;
    const flat = ids !== undefined;
    const t = index.add(a, senderId(ev.from, flat), recipients.intern(ev.to, flat));
    recentIp[recentAt] = addressIp[a]!;
    recentFrom[recentAt] = senders.get(index.from(t));
    recentTo[recentAt] = recipients.get(index.to(t));
    recentId[recentAt] = t;
    recentAt = (recentAt + 1) % RECENT;
    if (t === size) {
      // A new triplet: its row and HELO slot.
      T.push();
      if (helos.length <= t) {
        const bigger = new Int32Array(Math.ceil(helos.length * 1.5));
        bigger.set(helos);
        helos = bigger;
      }
      if (select?.triplet(addressIp[a]!, ev.from, ev.to)) tripletRecords.set(t, []);
      for (const e of earlyHelo) {
        if (e && e.ip === ev.ip && e.from === ev.from && e.to === ev.to && Math.abs(e.time - ev.time) <= PAIRING_SLACK) {
          helos[t] = heloNumber(a, e.helo, false);
          break;
        }
      }
    } else if (session?.triplets.includes(t)) return; // the same RCPT twice in one session is one attempt
    if (known >= 0) touch(a, ev.time);
    if (session) {
      session.triplets.push(t);
      if (ev.list === 'black' && !session.black) session.black = true;
    }
    if (black) T.data()[t * T.stride + T_BLACK] = 1;
    countAttempt(T, tripletActivity, t, ev.time, lookBack && t === size ? lookBack.triplet(ev.ip, ev.from, ev.to) : NaN);
    const records = tripletRecords.get(t);
    if (records) keepRecord(records, ev.time, session);
    // An envelope with no session around it (a grep'd excerpt, a lost connect line) is still an
    // attempt of its address, once per session: the RCPTs of one session share its time.
    if (!session && !black) {
      const o = a * A.stride + A_ORPHAN_AT;
      if (ev.time !== A.data()[o]) countAttempt(A, addressActivity, a, ev.time, lookBack ? lookBack.address(ev.ip) : NaN);
      A.data()[o] = ev.time;
    }
  }

  function add(ev: SpamdEvent, ids?: EventIds): void {
    const time = ev.time;
    if (!(time >= earliest)) earliest = time;
    if (time > latest) latest = time;
    else if (time < floor) {
      outOfOrder.events++;
      if (outOfOrder.inputs[outOfOrder.inputs.length - 1] !== currentInput) outOfOrder.inputs.push(currentInput);
    }
    if (ev.host !== lastHost && ev.host !== '') {
      lastHost = ev.host;
      hosts.add(ev.host);
    }
    if (time < since || time > until) {
      outsideWindow++;
      if (lookBack && time < since && time >= since - timing.greyexp) lookBack.note(ev);
      return;
    }
    events++;
    eventCounts[ev.kind] = (eventCounts[ev.kind] ?? 0) + 1;
    if (!(time >= first)) first = time;
    if (!(time <= last)) last = time;
    sweep(time);
    switch (ev.kind) {
      case 'connect': {
        // Open sessions live for thousands of lines: their strings must not pin the lines' text
        // (numbered strings are the table's own).
        const s = ids ? tracker.open(ev.host, ev.ip, time, ev.lists !== '', ev.lists) : tracker.open(ev.host, unpin(ev.ip), time, ev.lists !== '', unpin(ev.lists));
        // The new `(n/m)` form tells at once whether the address is blacklisted; the old `(n)` form waits for the close.
        if (ev.black >= 0) countSession(s, true, ids ? ids.ip : -1);
        break;
      }
      case 'disconnect': {
        let s = tracker.close(ev.host, ev.ip, time, ev.secs);
        if (!s) {
          sessions.unpairedDisconnects++;
          s = { host: ev.host, ip: ev.ip, start: time - ev.secs, startSeen: false, black: ev.lists !== '', lists: ev.lists, counted: false, triplets: [] };
          // Its envelopes were already counted as the address's attempt: one session, one attempt.
          const a = addressId(ev.ip, ids ? ids.ip : -1);
          if (a >= 0 && !s.black) {
            const orphanAt = A.data()[a * A.stride + A_ORPHAN_AT]!;
            if (orphanAt >= s.start - PAIRING_SLACK && orphanAt <= time) countSession(s, false);
          }
        } else if (ev.lists !== '' && !s.black) sessionBlack(s, ev.lists);
        closeSession(s, time, true, ev.secs);
        break;
      }
      case 'envelope':
        envelope(ev, ids);
        break;
      case 'matched-lists': {
        const s = tracker.current(ev.host, ev.ip);
        if (s) sessionBlack(s, unpin(ev.lists));
        break;
      }
      case 'trapping':
      case 'blacklisted': {
        const a = address(ev.ip, time, ids ? ids.ip : -1);
        noteBlack(a, time);
        if (ev.kind === 'trapping') addressLists[a] = mergeLists(addressLists[a]!, 'spamd-greytrap');
        break;
      }
      case 'new-entry': {
        if (ev.trap) noteBlack(address(ev.ip, time, ids ? ids.ip : -1), time);
        if (ev.helo === '') break;
        const t = findTriplet(ev.ip, ev.from, ev.to, ids);
        if (t >= 0) {
          if (helos[t] === 0) helos[t] = heloNumber(index.addr(t), ev.helo, ids !== undefined);
        } else {
          // grey.c's child may log before the SMTP child's (GREY) line: the triplet is new in a moment.
          earlyHelo[earlyHeloAt] = { ip: unpin(ev.ip), from: unpin(ev.from), to: unpin(ev.to), helo: unpin(ev.helo), time };
          earlyHeloAt = (earlyHeloAt + 1) % earlyHelo.length;
        }
        break;
      }
      case 'whitelisting':
      case 'spamlogd': {
        // spamlogd makes or refreshes a WHITE entry for both: the source of inbound mail and the
        // destination of outbound mail (spamd-format.md L1, L2); their connections bypass spamd.
        const a = addressId(ev.ip, ids ? ids.ip : -1);
        if (a < 0) break;
        const r = A.data();
        const o = a * A.stride + A_WHITELISTED_AT;
        const w = r[o]!;
        if (w !== w || time < w) r[o] = time;
        else {
          // A later one matters only for attempts after the last one kept (a whitelisted address
          // makes no greylisted attempts, so its inbound lines keep nothing).
          const later = laterPasses.get(a);
          const latest = later ? later[later.length - 1]! : w;
          if (time > latest && r[a * A.stride + LAST]! > latest) {
            if (later) later.push(time);
            else laterPasses.set(a, [time]);
          }
        }
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
    addressIds.clear();
    index.freeze();
    const nT = index.size;
    const nA = A.size;
    const ar = A.data();
    const as = A.stride;
    const tr = T.data();
    const ts = T.stride;

    // Which messages were attempted by more than one triplet: from other addresses of a pool, or
    // with other per-message senders of one family, within the retry schedule (pools.ts).
    const poolPrefix = settings.poolPrefix ?? null;
    // Group keys as numbers: each sender's family, recipient and network is worked out once, and a
    // group is three numbers in a second triplet index (no key string per triplet). Their texts join
    // the pools, where most already are: a plain sender is its own family, a recipient in lower case
    // its own key.
    const familyOf = new Int32Array(senders.size).fill(-1);
    const rcptOf = new Int32Array(recipients.size).fill(-1);
    const networkOfAddress = new Int32Array(poolPrefix === null ? 0 : nA).fill(-1);
    const groupIndex = createTripletIndex();
    const groupOf = new Int32Array(nT).fill(-1);
    for (let t = 0; t < nT; t++) {
      const f = index.from(t);
      if (familyOf[f] === -1) {
        const family = senderFamily(senders.get(f));
        familyOf[f] = isGroupable(family, poolPrefix) ? senders.intern(family) : -2;
      }
      if (familyOf[f] === -2) continue;
      const r = index.to(t);
      if (rcptOf[r] === -1) rcptOf[r] = recipients.intern(recipientKey(recipients.get(r)));
      let net = 0;
      if (poolPrefix !== null) {
        const a = index.addr(t);
        if (networkOfAddress[a] === -1) networkOfAddress[a] = strings.intern(networkOf(addressIp[a]!, poolPrefix));
        net = networkOfAddress[a]!;
      }
      groupOf[t] = groupIndex.add(net, familyOf[f]!, rcptOf[r]!);
    }
    // Members of each group of two or more, in triplet order (a counting sort).
    const nG = groupIndex.size;
    const start = new Int32Array(nG + 1);
    for (let t = 0; t < nT; t++) if (groupOf[t]! >= 0) start[groupOf[t]! + 1]!++;
    for (let g = 0; g < nG; g++) start[g + 1]! += start[g]!;
    const fill = start.slice(0, nG);
    const byGroup = new Int32Array(start[nG]!);
    for (let t = 0; t < nT; t++) if (groupOf[t]! >= 0) byGroup[fill[groupOf[t]!]!++] = t;
    // From here on no text is looked up: let the lookup tables go (the peak memory is here).
    strings.freeze();
    senders.freeze();
    recipients.freeze();
    heloNames.freeze();
    /** The message of each triplet that shares it with others; null: carried alone. */
    const messageOf = new Array<MessageOf | null>(nT).fill(null);
    for (let gi = 0; gi < nG; gi++) {
      if (start[gi + 1]! - start[gi]! < 2) continue;
      const members = Array.from(byGroup.subarray(start[gi]!, start[gi + 1]!));
      const net = poolPrefix === null ? null : strings.get(groupIndex.addr(gi));
      const g = groupKeyText(net, senders.get(groupIndex.from(gi)), recipients.get(groupIndex.to(gi)));
      const spans = members.map((t) => ({ first: tr[t * ts + FIRST]!, last: tr[t * ts + LAST]! }));
      const split = splitByTime(spans, POOL_RETRY_GAP);
      const byMessage = new Map<number, number[]>();
      split.forEach((m, i) => {
        const list = byMessage.get(m);
        if (list) list.push(members[i]!);
        else byMessage.set(m, [members[i]!]);
      });
      for (const [m, list] of byMessage) {
        if (list.length === 1) continue;
        const ips = new Set(list.map((t) => index.addr(t))).size;
        let first = Infinity;
        let last = -Infinity;
        for (const t of list) {
          first = Math.min(first, tr[t * ts + FIRST]!);
          last = Math.max(last, tr[t * ts + LAST]!);
        }
        const judgedWhole = ips === 1 && senders.get(familyOf[index.from(list[0]!)]!) !== NULL_SENDER;
        const message: MessageOf = { key: m === 0 ? g : `${g} #${m}`, members: list.length, ips, first, last, judgedWhole };
        for (const t of list) messageOf[t] = message;
      }
    }

    // spamd whitelists the *address* once any of its tuples passes: from then on its connections
    // bypass spamd, so a message still being retried at that moment is delivered unseen. Such a
    // triplet counts as passed, never as given up (docs/verdicts.md). Every moment the address
    // was let through counts (a WHITE entry expires after 36 days, and a later one matters for
    // later mail). Where envelopes were logged for the address, its passes are its tuples' (and
    // spamd's whitelisting lines): two different messages 30 min apart pass no tuple, although
    // its sessions alone would look like a retry.
    const hasTriplets = new Uint8Array(nA);
    for (let t = 0; t < nT; t++) hasTriplets[index.addr(t)] = 1;
    // Most addresses pass once or never: one number each, a list only for those with more.
    const firstPass = new Float64Array(nA).fill(NaN);
    const morePasses = new Map<number, number[]>();
    const notePass = (a: number, at: number): void => {
      if (at !== at) return;
      const w = firstPass[a]!;
      if (w !== w) firstPass[a] = at;
      else {
        const list = morePasses.get(a);
        if (list) list.push(at);
        else morePasses.set(a, [w, at]);
      }
    };
    for (let a = 0; a < nA; a++) {
      if (hasTriplets[a] === 0) notePass(a, ar[a * as + PASSED_AT]!);
      notePass(a, ar[a * as + A_WHITELISTED_AT]!);
    }
    for (const [a, later] of laterPasses) for (const w of later) notePass(a, w);
    laterPasses.clear();
    for (let t = 0; t < nT; t++) notePass(index.addr(t), tr[t * ts + PASSED_AT]!);
    /**
     * The address was let through at some moment in [from, to]. A pass whitelists the address
     * at spamd's next database scan, up to 60 s later: an attempt in that minute after another
     * tuple's pass still had its entry live when the address was let through. With several spamd
     * hosts in the log (MXes with greylists of their own), an address whitelisted on one is let
     * through there for whiteexp, and a sender that is greylisted on another tries it next (an
     * MTA tries every MX after a 451): its mail may have gone through unseen.
     */
    const reach = hosts.size > 1 ? WHITEEXP : DB_SCAN_INTERVAL;
    const passedWithin = (a: number, from: number, to: number): boolean => {
      const w = firstPass[a]!;
      if (w !== w) return false;
      const list = morePasses.get(a);
      if (!list) return w >= from - reach && w <= to;
      for (const x of list) if (x >= from - reach && x <= to) return true;
      return false;
    };

    const tripletCount = new Int32Array(nA);
    const elsewhere = new Uint8Array(nA);
    const otherIps = new Int32Array(nT);
    const messageKey = new Array<string>(nT).fill('');
    const tripletVerdict = new Uint8Array(nT);
    const tripletRetry = new Uint8Array(nT);
    const tripletFrom = new Uint8Array(nT);
    for (let t = 0; t < nT; t++) {
      const a = index.addr(t);
      const state = T.get(t, scratch);
      const message = messageOf[t]!;
      if (message) {
        messageKey[t] = message.key;
        otherIps[t] = message.ips - 1;
        // The address retried this message with others (a pool, per-message senders) unless, as a
        // whole, the message gave up.
        if (!(message.judgedWhole && poolGaveUp(message, end, timing))) elsewhere[a] = 1;
      }
      const blacklisted = tr[t * ts + T_BLACK] === 1 || ar[a * as + A_LAST_BLACK]! >= state.first;
      const whitelisted = passedWithin(a, state.first, state.entryFirst + timing.greyexp);
      const { verdict, from } = judge(
        { state, blacklisted, whitelisted, retriedElsewhere: message !== null, message: message?.judgedWhole ? message : undefined },
        facts.triplet(addressIp[a]!, senders.get(index.from(t)), recipients.get(index.to(t)), state.first),
        end,
        timing,
      );
      tripletVerdict[t] = VERDICTS.indexOf(verdict);
      tripletRetry[t] = RETRY_PATTERNS.indexOf(retryPattern(state, timing));
      tripletFrom[t] = VERDICT_SOURCES.indexOf(from);
      tripletCount[a]!++;
    }
    messageOf.length = 0;

    const addressVerdict = new Uint8Array(nA);
    const addressRetry = new Uint8Array(nA);
    const addressFrom = new Uint8Array(nA);
    for (let a = 0; a < nA; a++) {
      const o = a * as;
      const state = A.get(a, scratch);
      // With envelopes logged, the address passed when a tuple did (passTimes), not when two of
      // its sessions were far enough apart: those may carry different messages.
      const firstAttempt = state.attempts > 0 ? state.first : ar[o + A_FIRST]!;
      const whitelisted = passedWithin(a, firstAttempt, Infinity);
      if (hasTriplets[a] === 1 && !whitelisted) state.passedAt = NaN;
      const { verdict, from } = judge(
        {
          state,
          blacklisted: ar[o + A_LAST_BLACK]! >= firstAttempt || (state.attempts === 0 && ar[o + A_BLACKLISTED]! > 0),
          whitelisted,
          retriedElsewhere: elsewhere[a] === 1,
        },
        facts.address(addressIp[a]!, firstAttempt),
        end,
        timing,
      );
      addressVerdict[a] = VERDICTS.indexOf(verdict);
      addressRetry[a] = RETRY_PATTERNS.indexOf(retryPattern(state, timing));
      addressFrom[a] = VERDICT_SOURCES.indexOf(from);
    }

    const tables: ResultTables = {
      senders,
      recipients,
      heloNames,
      index,
      addressIp,
      addressLists,
      addresses: A,
      triplets: T,
      helos,
      messageKey,
      otherIps,
      tripletCount,
      tripletVerdict,
      tripletRetry,
      tripletFrom,
      addressVerdict,
      addressRetry,
      addressFrom,
      tripletRecords,
      addressRecords,
      tripletActivity: collectActivity ? tripletActivity : null,
      addressActivity: collectActivity ? addressActivity : null,
    };
    const tripletResults: TripletResult[] = new Array<TripletResult>(nT);
    for (let t = 0; t < nT; t++) tripletResults[t] = new TripletView(tables, t);
    const addressResults: AddressResult[] = new Array<AddressResult>(nA);
    for (let a = 0; a < nA; a++) addressResults[a] = new AddressView(tables, a);

    return {
      first,
      last,
      end,
      events,
      outsideWindow,
      outOfOrder,
      // The log holds everything from here on: from its first line, or from the look-back before --since.
      readFrom: settings.since !== undefined && earliest < settings.since - timing.greyexp ? settings.since - timing.greyexp : earliest,
      since: settings.since ?? NaN,
      until: settings.until ?? NaN,
      envelopesLogged,
      eventCounts,
      sessions,
      sessionRows,
      triplets: tripletResults,
      addresses: addressResults,
    };
  }

  const symbols: SymbolTable = {
    intern: (s) => strings.intern(s, true),
    text: (id) => strings.get(id),
  };
  function beginInput(name: string): void {
    currentInput = name;
    floor = latest - BACKWARDS_SLACK;
  }

  return { add, beginInput, finish, symbols };
}
