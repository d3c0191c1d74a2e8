// When a key's attempts happened, for pictures (HTML sparklines, attempts over time), in bounded
// memory. Most keys make all their attempts within one minute: they store nothing at all (their
// AttemptState's first time says where). A key whose attempts spread over several minutes keeps
// run-length counts per time bucket; a key with attempts in more than MAX_RUNS buckets coarsens
// its buckets (1 min → 10 min → 1 h). At one hour it stops coarsening: a key then costs at most
// one run per hour of the window (744 for a month), whatever the number of lines.
import type { AttemptState } from './attempts.js';

/** Bucket widths in seconds, finest first. Each divides the next. */
export const ACTIVITY_WIDTHS = [60, 600, 3600] as const;
const MAX_RUNS = 256;

/**
 * A key's attempt buckets while the log is read: null while every attempt lies in the bucket of
 * the first one; else [width, bucket, count, bucket, count, ...] with ascending buckets
 * (bucket = floor(time / width)).
 */
export type ActivityState = number[] | null;

/** Attempt counts per time bucket: bucket `runs[2i]` (starting at runs[2i] * width) holds runs[2i + 1] attempts. */
export interface Activity {
  width: number;
  runs: number[];
}

function bucketOf(t: number, width: number): number {
  return Math.floor(t / width);
}

function coarsen(a: number[]): number[] {
  const width = a[0]!;
  const next = ACTIVITY_WIDTHS.find((w) => w > width) ?? width;
  const out = [next];
  for (let i = 1; i < a.length; i += 2) {
    const b = bucketOf(a[i]! * width, next);
    if (out.length > 1 && out[out.length - 2] === b) out[out.length - 1]! += a[i + 1]!;
    else out.push(b, a[i + 1]!);
  }
  return out;
}

/** Count one attempt in bucket `b` of `a`. Attempts arrive nearly in order: search from the end. */
function addTo(a: number[], b: number): void {
  let i = a.length - 2;
  while (i >= 1 && a[i]! > b) i -= 2;
  if (i >= 1 && a[i] === b) a[i + 1]!++;
  else a.splice(i + 2, 0, b, 1);
}

/**
 * Note the attempt at `t` that addAttempt() has just counted into `s`; returns the new state.
 * Costs nothing while all of the key's attempts lie in one minute.
 */
export function noteActivity(a: ActivityState, s: AttemptState, t: number): ActivityState {
  if (a === null) {
    const width = ACTIVITY_WIDTHS[0];
    const b0 = bucketOf(s.first, width);
    const b = bucketOf(t, width);
    if (b === b0) return null;
    // Every earlier attempt lies in the first one's bucket.
    a = [width, b0, s.attempts - 1];
    addTo(a, b);
    return a;
  }
  addTo(a, bucketOf(t, a[0]!));
  if ((a.length - 1) / 2 > MAX_RUNS && a[0]! < ACTIVITY_WIDTHS[ACTIVITY_WIDTHS.length - 1]!) return coarsen(a);
  return a;
}

/** The finished buckets of a key (null for a key without attempts). */
export function activityOf(a: ActivityState, s: AttemptState): Activity | null {
  if (s.attempts === 0) return null;
  if (a === null) return { width: ACTIVITY_WIDTHS[0], runs: [bucketOf(s.first, ACTIVITY_WIDTHS[0]), s.attempts] };
  return { width: a[0]!, runs: a.slice(1) };
}
