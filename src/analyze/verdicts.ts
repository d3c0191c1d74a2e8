// The verdict rules, in one place (docs/verdicts.md). Decided at the end E of the analysed
// window, with P = passtime, G = greyexp, B = burst.
import type { AttemptState, Timing } from './attempts.js';

export const VERDICTS = [
  'blacklisted',
  'passed',
  'pending',
  'pool-retry',
  'too-slow',
  'one-attempt',
  'rapid-retry',
  'gave-up-early',
  'excused',
] as const;
export type Verdict = (typeof VERDICTS)[number];

export const RETRY_PATTERNS = ['none', 'seconds', 'minutes', 'passtime', 'late'] as const;
export type RetryPattern = (typeof RETRY_PATTERNS)[number];

/** Verdicts that mean the sender did not retry as RFC 5321 §4.5.4.1 asks. */
export const BROKEN_VERDICTS: ReadonlySet<Verdict> = new Set(['one-attempt', 'rapid-retry', 'gave-up-early', 'too-slow']);

export interface VerdictFacts {
  state: AttemptState;
  /** On a spamd blacklist (lists:, greytrap) at or after the first attempt: not greylisted. */
  blacklisted: boolean;
  /** spamd logged that it whitelisted the address (only used for per-address verdicts). */
  whitelisted: boolean;
  /** The same message was also attempted from another address of the sender's pool. */
  retriedElsewhere: boolean;
  /** With retriedElsewhere, for a message judged as a whole (per-message senders from one address): its first and last attempt, all its triplets together. */
  message?: { first: number; last: number } | undefined;
  /** The admin excused the address (--exclude-from): a verdict that would flag it becomes 'excused'. */
  excused?: boolean;
}

/** The retry pattern so far, also for rows that are still pending. */
export function retryPattern(s: AttemptState, timing: Timing): RetryPattern {
  if (s.passedAt === s.passedAt) return 'passtime';
  if (s.attempts <= 1) return 'none';
  if (s.entries > 1) return 'late';
  return s.maxEntryGap > timing.burst ? 'minutes' : 'seconds';
}

/**
 * A message tried by several triplets (a family's per-message senders) that, all of them
 * together, stopped within the passtime and has been silent for greyexp since: it could not
 * have passed, and it did not try again.
 */
export function poolGaveUp(m: { first: number; last: number }, end: number, timing: Timing): boolean {
  return m.last - m.first <= timing.passtime && end >= m.last + timing.greyexp;
}

export function classify(f: VerdictFacts, end: number, timing: Timing): Verdict {
  const v = classifyAttempts(f, end, timing);
  return f.excused && BROKEN_VERDICTS.has(v) ? 'excused' : v;
}

function classifyAttempts(f: VerdictFacts, end: number, timing: Timing): Verdict {
  const s = f.state;
  if (f.blacklisted) return 'blacklisted';
  if (s.passedAt === s.passedAt || f.whitelisted) return 'passed';
  if (s.attempts === 0) return 'pending';
  if (end < s.entryFirst + timing.greyexp) return 'pending';
  if (f.retriedElsewhere) {
    // The message as a whole (per-message senders of one family from one address): attempts
    // that, all together, stopped within the passtime are a sender that gave up.
    if (f.message && poolGaveUp(f.message, end, timing)) return f.message.last - f.message.first <= timing.burst ? 'rapid-retry' : 'gave-up-early';
    return 'pool-retry';
  }
  if (s.attempts === 1) return 'one-attempt';
  // Came back after its entry had expired: whatever it did inside an entry, it never waited the
  // passtime and came back too late (the retry pattern says 'late').
  if (s.entries > 1) return 'too-slow';
  return s.maxEntryGap <= timing.burst ? 'rapid-retry' : 'gave-up-early';
}
