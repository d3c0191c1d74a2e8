// Per-key greylisting state, a few numbers per triplet or address: memory grows with keys,
// never with lines. The entry rules follow spamd's grey.c: an attempt more than `passtime`
// after the entry's first attempt passes; the entry expires `greyexp` after its first attempt
// (retries do not extend it), and an attempt after that starts a new entry.

export interface Timing {
  /** spamd's passtime, seconds (default 25 min). */
  passtime: number;
  /** spamd's greyexp, seconds (default 4 h). */
  greyexp: number;
  /** Gaps up to this many seconds count as "retried within seconds" (default 60 s). */
  burst: number;
}

export interface AttemptState {
  attempts: number;
  first: number;
  last: number;
  /** First attempt of the current greylist entry. */
  entryFirst: number;
  /** Number of greylist entries (1 + attempts that came after their entry had expired). */
  entries: number;
  /** Time of the first attempt that passed (in (entryFirst + passtime, entryFirst + greyexp]); NaN if none. */
  passedAt: number;
  /** Seconds from the first to the second attempt; NaN with one attempt. */
  firstRetry: number;
  /** Largest gap between consecutive attempts, seconds. */
  maxGap: number;
  /** Largest gap between consecutive attempts inside one entry; -1 when no entry had two attempts. */
  maxEntryGap: number;
}

export function createAttemptState(): AttemptState {
  return {
    attempts: 0,
    first: NaN,
    last: NaN,
    entryFirst: NaN,
    entries: 0,
    passedAt: NaN,
    firstRetry: NaN,
    maxGap: 0,
    maxEntryGap: -1,
  };
}

/**
 * Record an attempt at `t`. Attempts arrive in log order; a line up to a few seconds early is
 * tolerated. `entryStart`, for the first attempt only: an attempt of the same key before the
 * analysed window (--since) that started its greylist entry; spamd judges `t` against it.
 */
export function addAttempt(s: AttemptState, t: number, timing: Timing, entryStart = NaN): void {
  if (s.attempts === 0) {
    s.attempts = 1;
    s.first = s.last = t;
    s.entries = 1;
    if (entryStart < t && t <= entryStart + timing.greyexp) {
      s.entryFirst = entryStart;
      if (t > entryStart + timing.passtime) s.passedAt = t;
    } else s.entryFirst = t;
    return;
  }
  const gap = t > s.last ? t - s.last : 0;
  if (s.attempts === 1) s.firstRetry = t > s.first ? t - s.first : 0;
  if (gap > s.maxGap) s.maxGap = gap;
  if (t > s.entryFirst + timing.greyexp) {
    s.entries++;
    s.entryFirst = t;
  } else {
    if (gap > s.maxEntryGap) s.maxEntryGap = gap;
    if (t > s.entryFirst + timing.passtime && s.passedAt !== s.passedAt) s.passedAt = t;
  }
  s.attempts++;
  if (t > s.last) s.last = t;
}
