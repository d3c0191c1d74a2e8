// AttemptState for many keys at once, as columns of typed arrays: 64 bytes per key instead of an
// object with boxed doubles (~230 bytes), and no per-key objects for the garbage collector to
// trace. The rules stay in attempts.ts: a row is loaded into a scratch AttemptState, updated by
// addAttempt(), and stored back.
import { addAttempt, createAttemptState, type AttemptState, type Timing } from './attempts.js';

export interface AttemptTable {
  /** Rows in use. */
  readonly size: number;
  /** Append a row with no attempts; returns its index. */
  push(): number;
  /** Record an attempt at `t` for row `i` (addAttempt's rules). */
  add(i: number, t: number, timing: Timing): void;
  /** Row `i` as an AttemptState, written into `into` (a fresh object unless given). */
  get(i: number, into?: AttemptState): AttemptState;
  /** The columns themselves, for reading one field of many rows (valid until the next push). */
  columns(): AttemptColumns;
}

export interface AttemptColumns {
  attempts: Int32Array;
  entries: Int32Array;
  first: Float64Array;
  last: Float64Array;
  entryFirst: Float64Array;
  passedAt: Float64Array;
  firstRetry: Float64Array;
  maxGap: Float64Array;
  maxEntryGap: Float64Array;
}

const INITIAL = 1024;

/** A copy of `a` with room for `n` rows. */
export function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

export function createAttemptTable(): AttemptTable {
  let cap = INITIAL;
  let size = 0;
  let attempts = new Int32Array(cap);
  let entries = new Int32Array(cap);
  let first = new Float64Array(cap);
  let last = new Float64Array(cap);
  let entryFirst = new Float64Array(cap);
  let passedAt = new Float64Array(cap);
  let firstRetry = new Float64Array(cap);
  let maxGap = new Float64Array(cap);
  let maxEntryGap = new Float64Array(cap);
  const scratch = createAttemptState();
  const empty = createAttemptState();

  function load(i: number, s: AttemptState): AttemptState {
    s.attempts = attempts[i]!;
    s.entries = entries[i]!;
    s.first = first[i]!;
    s.last = last[i]!;
    s.entryFirst = entryFirst[i]!;
    s.passedAt = passedAt[i]!;
    s.firstRetry = firstRetry[i]!;
    s.maxGap = maxGap[i]!;
    s.maxEntryGap = maxEntryGap[i]!;
    return s;
  }

  function store(i: number, s: AttemptState): void {
    attempts[i] = s.attempts;
    entries[i] = s.entries;
    first[i] = s.first;
    last[i] = s.last;
    entryFirst[i] = s.entryFirst;
    passedAt[i] = s.passedAt;
    firstRetry[i] = s.firstRetry;
    maxGap[i] = s.maxGap;
    maxEntryGap[i] = s.maxEntryGap;
  }

  return {
    get size() {
      return size;
    },
    push() {
      if (size === cap) {
        cap *= 2;
        attempts = grow(attempts, cap);
        entries = grow(entries, cap);
        first = grow(first, cap);
        last = grow(last, cap);
        entryFirst = grow(entryFirst, cap);
        passedAt = grow(passedAt, cap);
        firstRetry = grow(firstRetry, cap);
        maxGap = grow(maxGap, cap);
        maxEntryGap = grow(maxEntryGap, cap);
      }
      store(size, empty);
      return size++;
    },
    add(i, t, timing) {
      addAttempt(load(i, scratch), t, timing);
      store(i, scratch);
    },
    get(i, into) {
      return load(i, into ?? createAttemptState());
    },
    columns() {
      return { attempts, entries, first, last, entryFirst, passedAt, firstRetry, maxGap, maxEntryGap };
    },
  };
}
