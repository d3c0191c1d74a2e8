// SpamdEvents in a compact batch, for handing them from a parse worker to the analysis on the main
// thread: structured clone of millions of small objects is slow, while a batch is a few arrays.
// Strings that repeat (hosts, addresses, senders, recipients, HELO names, list tags) are symbols:
// each is sent once, in the first batch that uses it, and named by its number after that; the
// main thread turns a symbol into its own string number once (EventDecoder), so the analysis
// looks nothing up by text. Header lines' texts, which do not repeat, are sent as they are.
import { createStringPool } from '../string-pool.js';
import type { DaemonKind, EventIds, SpamdEvent, SymbolTable } from '../types.js';

export type { EventIds, SymbolTable };

export interface EventBatch {
  count: number;
  kinds: Uint8Array;
  /** NUMS numbers per event: time, then kind-specific ones. */
  nums: Float64Array;
  /** REFS string fields per event: a symbol number (>= 0), or -(i + 1) for literals[i] (senders, recipients, HELO names, header values). */
  refs: Int32Array;
  /** Symbols first used in this batch, numbered on from those of the batches before it. */
  symbols: string[];
  literals: string[];
}

const KINDS = [
  'connect',
  'disconnect',
  'envelope',
  'header',
  'matched-lists',
  'new-entry',
  'trapping',
  'whitelisting',
  'blacklisted',
  'restart',
  'spamlogd',
  'daemon',
] as const satisfies ReadonlyArray<SpamdEvent['kind']>;
const KIND_CODE: Readonly<Record<SpamdEvent['kind'], number>> = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<SpamdEvent['kind'], number>;
const LISTS = ['grey', 'black', 'legacy'] as const;
const DAEMON: readonly DaemonKind[] = ['queueing', 'sync', 'got-suffix', 'says', 'error', 'spamlogd-misc'];
const NUMS = 3;
const REFS = 5;
/**
 * Strings of each kind the encoder compares before it looks one up (symbol()): on the benchmark's
 * log the last 4 addresses held the next one 69% of the time, the last 16 76%; a longer scan costs
 * more than the lookups it saves.
 */
const RECENT = 4;

/**
 * The 32-bit value of a dotted quad written the one way spamd writes it (no leading zeros), as a
 * signed 32-bit number; null for any other string, which then is not mistaken for that address.
 */
export function dottedQuad(s: string): number | null {
  const n = s.length;
  if (n < 7 || n > 15) return null;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return null;
      value = (value << 8) | octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return null; // a leading zero
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return null;
    } else return null;
  }
  if (dots !== 3 || digits === 0) return null;
  return (value << 8) | octet;
}

export interface EventEncoder {
  readonly count: number;
  push(ev: SpamdEvent): void;
  /** The events pushed since the last take(), as a batch (its arrays are the caller's). */
  take(): EventBatch;
}

export function createEventEncoder(capacity = 16_384): EventEncoder {
  let cap = capacity;
  let count = 0;
  let kinds = new Uint8Array(cap);
  let nums = new Float64Array(cap * NUMS);
  let refs = new Int32Array(cap * REFS);
  const symbolIds = createStringPool();
  let symbols: string[] = [];
  let literals: string[] = [];

  function room(): void {
    if (count < cap) return;
    cap *= 2;
    const k = new Uint8Array(cap);
    k.set(kinds);
    kinds = k;
    const n = new Float64Array(cap * NUMS);
    n.set(nums);
    nums = n;
    const r = new Int32Array(cap * REFS);
    r.set(refs);
    refs = r;
  }

  // Recent strings, compared before any map lookup: a log has one or a few hosts and list tags, a
  // session's lines share its address.
  const recentText = new Array<string | null>(RECENT * 2).fill(null);
  const recentId = new Int32Array(RECENT * 2);
  const recentAt = [0, 0];

  function symbol(s: string, kind: 0 | 1): number {
    const base = kind * RECENT;
    for (let i = base; i < base + RECENT; i++) if (recentText[i] === s) return recentId[i]!;
    const known = symbolIds.size;
    const id = symbolIds.intern(s); // the pool keeps its own flat copy, not a slice of the line
    const text = symbolIds.get(id);
    if (id === known) symbols.push(text);
    const at = base + recentAt[kind]!;
    recentText[at] = text;
    recentId[at] = id;
    recentAt[kind] = (recentAt[kind]! + 1) % RECENT;
    return id;
  }
  // A log's host is one string object line after line (the parser reuses it), its lists mostly ''.
  let lastHost = '\0';
  let lastHostId = -1;
  function host(s: string): number {
    if (s !== lastHost) {
      lastHostId = symbol(s, 0);
      lastHost = s;
    }
    return lastHostId;
  }
  let emptyId = -1;
  function other(s: string): number {
    if (s !== '') return symbol(s, 0);
    if (emptyId < 0) emptyId = symbol('', 0);
    return emptyId;
  }
  // Addresses: a dotted quad is looked up as its 32-bit value in a table of typed arrays (no
  // string hashing or comparing); anything else ('<unknown>', '') as a string.
  let ipKeys = new Int32Array(1 << 12);
  let ipIds = new Int32Array(1 << 12).fill(-1);
  let ipCount = 0;
  let ipShift = 20; // 32 - log2(table size): the multiplicative hash's top bits
  function ipSlot(key: number): number {
    const mask = ipIds.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> ipShift;
    while (ipIds[i]! >= 0 && ipKeys[i] !== key) i = (i + 1) & mask;
    return i;
  }
  function address(s: string): number {
    const key = dottedQuad(s);
    if (key === null) return symbol(s, 1);
    let i = ipSlot(key);
    if (ipIds[i]! >= 0) return ipIds[i]!;
    const id = symbol(s, 1);
    if (++ipCount * 2 > ipIds.length) {
      const keys = ipKeys;
      const ids = ipIds;
      ipKeys = new Int32Array(keys.length * 2);
      ipIds = new Int32Array(ids.length * 2).fill(-1);
      ipShift--;
      for (let j = 0; j < ids.length; j++) {
        if (ids[j]! < 0) continue;
        const k = ipSlot(keys[j]!);
        ipKeys[k] = keys[j]!;
        ipIds[k] = ids[j]!;
      }
      i = ipSlot(key);
    }
    ipKeys[i] = key;
    ipIds[i] = id;
    return id;
  }

  // Senders, recipients and HELO names go as text: most are seen once or twice, far apart, so a
  // table of them would cost the worker a lookup each for nothing (the analysis looks them up
  // anyway). A `new entry` line's repeat of its (GREY) line's is sent once per batch.
  const recentMail = new Array<string>(4).fill('');
  const recentMailRef = new Int32Array(4);
  let recentMailAt = 0;
  function mail(s: string): number {
    for (let i = 0; i < 4; i++) if (recentMailRef[i]! < 0 && recentMail[i] === s) return recentMailRef[i]!;
    const ref = literal(s);
    recentMail[recentMailAt] = s;
    recentMailRef[recentMailAt] = ref;
    recentMailAt = (recentMailAt + 1) % 4;
    return ref;
  }

  function literal(s: string): number {
    literals.push(s);
    return -literals.length;
  }

  return {
    get count() {
      return count;
    },
    push(ev) {
      room();
      const o = count * NUMS;
      const r = count * REFS;
      kinds[count] = KIND_CODE[ev.kind];
      nums[o] = ev.time;
      refs[r] = host(ev.host);
      switch (ev.kind) {
        case 'connect':
          nums[o + 1] = ev.clients;
          nums[o + 2] = ev.black;
          refs[r + 1] = address(ev.ip);
          refs[r + 2] = other(ev.lists);
          break;
        case 'disconnect':
          nums[o + 1] = ev.secs;
          refs[r + 1] = address(ev.ip);
          refs[r + 2] = other(ev.lists);
          break;
        case 'envelope':
          nums[o + 1] = LISTS.indexOf(ev.list);
          refs[r + 1] = address(ev.ip);
          refs[r + 2] = mail(ev.from);
          refs[r + 3] = mail(ev.to);
          break;
        case 'header':
          refs[r + 1] = address(ev.ip);
          refs[r + 2] = other(ev.name);
          refs[r + 3] = literal(ev.value);
          break;
        case 'matched-lists':
          refs[r + 1] = address(ev.ip);
          refs[r + 2] = other(ev.lists);
          break;
        case 'new-entry':
          nums[o + 1] = ev.trap ? 1 : 0;
          refs[r + 1] = address(ev.ip);
          refs[r + 2] = mail(ev.from);
          refs[r + 3] = mail(ev.to);
          refs[r + 4] = mail(ev.helo);
          break;
        case 'trapping':
        case 'whitelisting':
        case 'blacklisted':
          refs[r + 1] = address(ev.ip);
          break;
        case 'restart':
          break;
        case 'spamlogd':
          nums[o + 1] = ev.direction === 'inbound' ? 0 : 1;
          refs[r + 1] = address(ev.ip);
          break;
        case 'daemon':
          nums[o + 1] = DAEMON.indexOf(ev.what);
          break;
      }
      count++;
    },
    take() {
      const batch: EventBatch = {
        count,
        kinds: kinds.slice(0, count),
        nums: nums.slice(0, count * NUMS),
        refs: refs.slice(0, count * REFS),
        symbols,
        literals,
      };
      count = 0;
      symbols = [];
      literals = [];
      recentMailRef.fill(0); // literal numbers start again in the next batch
      return batch;
    },
  };
}

export interface EventDecoder {
  /** The events of a batch, in order, as the parser made them, with their strings' numbers (`ids` is reused: read it at once). */
  decode(batch: EventBatch, emit: (ev: SpamdEvent, ids: EventIds) => void): void;
}

/** A plain table: strings numbered in the order first seen (tests, and decoding without an analysis). */
export function createSymbolTable(): SymbolTable {
  const ids = new Map<string, number>();
  const texts: string[] = [];
  return {
    intern(s) {
      let id = ids.get(s);
      if (id === undefined) {
        id = texts.length;
        texts.push(s);
        ids.set(s, id);
      }
      return id;
    },
    text: (id) => texts[id]!,
  };
}

/** One decoder per encoder (per worker): it follows that encoder's symbol numbers. */
export function createEventDecoder(table: SymbolTable): EventDecoder {
  /** Symbol number → the table's number, and the table's string. */
  const global: number[] = [];
  const texts: string[] = [];
  const ids: EventIds = { ip: -1 };
  return {
    decode(batch, emit) {
      for (const s of batch.symbols) {
        const id = table.intern(s);
        global.push(id);
        texts.push(table.text(id));
      }
      const { kinds, nums, refs, literals } = batch;
      const str = (ref: number): string => (ref >= 0 ? texts[ref]! : literals[-ref - 1]!);
      for (let i = 0; i < batch.count; i++) {
        const o = i * NUMS;
        const r = i * REFS;
        const time = nums[o]!;
        const host = texts[refs[r]!]!;
        const ip = refs[r + 1]!;
        ids.ip = -1;
        switch (KINDS[kinds[i]!]) {
          case 'connect':
            ids.ip = global[ip]!;
            emit({ kind: 'connect', time, host, ip: texts[ip]!, clients: nums[o + 1]!, black: nums[o + 2]!, lists: str(refs[r + 2]!) }, ids);
            break;
          case 'disconnect':
            ids.ip = global[ip]!;
            emit({ kind: 'disconnect', time, host, ip: texts[ip]!, secs: nums[o + 1]!, lists: str(refs[r + 2]!) }, ids);
            break;
          case 'envelope':
            ids.ip = global[ip]!;
            emit({ kind: 'envelope', time, host, ip: texts[ip]!, list: LISTS[nums[o + 1]!]!, from: str(refs[r + 2]!), to: str(refs[r + 3]!) }, ids);
            break;
          case 'header':
            ids.ip = global[ip]!;
            emit({ kind: 'header', time, host, ip: texts[ip]!, name: str(refs[r + 2]!), value: str(refs[r + 3]!) }, ids);
            break;
          case 'matched-lists':
            ids.ip = global[ip]!;
            emit({ kind: 'matched-lists', time, host, ip: texts[ip]!, lists: str(refs[r + 2]!) }, ids);
            break;
          case 'new-entry':
            ids.ip = global[ip]!;
            emit(
              { kind: 'new-entry', time, host, ip: texts[ip]!, from: str(refs[r + 2]!), to: str(refs[r + 3]!), helo: str(refs[r + 4]!), trap: nums[o + 1] === 1 },
              ids,
            );
            break;
          case 'trapping':
            ids.ip = global[ip]!;
            emit({ kind: 'trapping', time, host, ip: texts[ip]! }, ids);
            break;
          case 'whitelisting':
            ids.ip = global[ip]!;
            emit({ kind: 'whitelisting', time, host, ip: texts[ip]! }, ids);
            break;
          case 'blacklisted':
            ids.ip = global[ip]!;
            emit({ kind: 'blacklisted', time, host, ip: texts[ip]! }, ids);
            break;
          case 'restart':
            emit({ kind: 'restart', time, host }, ids);
            break;
          case 'spamlogd':
            ids.ip = global[ip]!;
            emit({ kind: 'spamlogd', time, host, direction: nums[o + 1] === 0 ? 'inbound' : 'outbound', ip: texts[ip]! }, ids);
            break;
          case 'daemon':
            emit({ kind: 'daemon', time, host, what: DAEMON[nums[o + 1]!]! }, ids);
            break;
          default:
            throw new Error(`event batch: unknown kind code ${kinds[i]}`);
        }
      }
    },
  };
}

/** The events of one encoder's batches, decoded with a table of their own (tests; no analysis). */
export function decodeEvents(batch: EventBatch, emit: (ev: SpamdEvent) => void, decoder = createEventDecoder(createSymbolTable())): void {
  decoder.decode(batch, (ev) => emit(ev));
}
