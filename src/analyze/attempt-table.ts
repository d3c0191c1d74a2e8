// AttemptState for many keys at once, in one Float64Array with a row per key: 72 bytes per key
// instead of an object with boxed doubles (~230 bytes), no per-key objects for the garbage
// collector to trace, and one or two cache lines touched per update (keys are looked up in
// random order, so a row per key beats a column per field). Callers may keep their own fields in
// the same row after the attempt fields (`extra`). The rules stay in attempts.ts: a row is loaded
// into a scratch AttemptState, updated by addAttempt(), and stored back.
import { addAttempt, createAttemptState, type AttemptState, type Timing } from './attempts.js';

/** Offsets of the AttemptState fields in a row; callers' own fields start at ATTEMPT_FIELDS. */
export const ATTEMPTS = 0;
export const ENTRIES = 1;
export const FIRST = 2;
export const LAST = 3;
export const ENTRY_FIRST = 4;
export const PASSED_AT = 5;
export const FIRST_RETRY = 6;
export const MAX_GAP = 7;
export const MAX_ENTRY_GAP = 8;
export const ATTEMPT_FIELDS = 9;

export interface AttemptTable {
  /** Rows in use. */
  readonly size: number;
  /** Numbers per row: ATTEMPT_FIELDS + extra. */
  readonly stride: number;
  /** Append a row with no attempts and its extra fields 0; returns its index. */
  push(): number;
  /** Record an attempt at `t` for row `i` (addAttempt's rules; `entryStart` as there). */
  add(i: number, t: number, timing: Timing, entryStart?: number): void;
  /** Row `i` as an AttemptState, written into `into` (a fresh object unless given). */
  get(i: number, into?: AttemptState): AttemptState;
  /** The rows; row i starts at i * stride. Valid until the next push(). */
  data(): Float64Array;
}

const INITIAL_ROWS = 1024;

export function createAttemptTable(extra = 0): AttemptTable {
  const stride = ATTEMPT_FIELDS + extra;
  let rows = new Float64Array(INITIAL_ROWS * stride);
  let size = 0;
  const scratch = createAttemptState();
  const empty = createAttemptState();

  function load(i: number, s: AttemptState): AttemptState {
    const o = i * stride;
    s.attempts = rows[o + ATTEMPTS]!;
    s.entries = rows[o + ENTRIES]!;
    s.first = rows[o + FIRST]!;
    s.last = rows[o + LAST]!;
    s.entryFirst = rows[o + ENTRY_FIRST]!;
    s.passedAt = rows[o + PASSED_AT]!;
    s.firstRetry = rows[o + FIRST_RETRY]!;
    s.maxGap = rows[o + MAX_GAP]!;
    s.maxEntryGap = rows[o + MAX_ENTRY_GAP]!;
    return s;
  }

  function store(i: number, s: AttemptState): void {
    const o = i * stride;
    rows[o + ATTEMPTS] = s.attempts;
    rows[o + ENTRIES] = s.entries;
    rows[o + FIRST] = s.first;
    rows[o + LAST] = s.last;
    rows[o + ENTRY_FIRST] = s.entryFirst;
    rows[o + PASSED_AT] = s.passedAt;
    rows[o + FIRST_RETRY] = s.firstRetry;
    rows[o + MAX_GAP] = s.maxGap;
    rows[o + MAX_ENTRY_GAP] = s.maxEntryGap;
  }

  return {
    get size() {
      return size;
    },
    stride,
    push() {
      if ((size + 1) * stride > rows.length) {
        // 1.5x: less unused room on average than doubling, still amortised O(1) per row.
        const bigger = new Float64Array(Math.ceil((rows.length * 1.5) / stride) * stride);
        bigger.set(rows);
        rows = bigger;
      }
      store(size, empty);
      return size++;
    },
    add(i, t, timing, entryStart) {
      addAttempt(load(i, scratch), t, timing, entryStart);
      store(i, scratch);
    },
    get(i, into) {
      return load(i, into ?? createAttemptState());
    },
    data() {
      return rows;
    },
  };
}
