// Facts from outside the log that take part in verdicts: spamd's own database (a spamdb listing,
// --spamdb) and the admin's excusal lists (--exclude-from). The analyzer asks these when it
// decides verdicts; classify() stays the one place of the rules.
//
// The spamdb rules (docs/toolbox.md):
// - an address passed when its WHITE entry whitelisted it at or after its first analysed attempt,
//   or when one of its GREY tuples passed then;
// - a triplet passed when its own GREY tuple passed at or after its first attempt, or when its
//   address was whitelisted while the triplet's greylist entry was alive (first + greyexp): from
//   then on its retries went straight to the mail server and spamd could not log them.
import type { ExcusalList } from './excusal.js';
import { classify, type Verdict, type VerdictFacts } from './verdicts.js';
import type { Timing } from './attempts.js';
import { whiteSince, type DumpIndex } from './spamdb-index.js';
import { greyPassed, type GreyEntry } from '../parse/spamdb.js';

/** Which input decided a verdict: the log alone, or a fact from outside it. */
export type VerdictSource = 'log' | 'spamdb' | 'exclude-from';

/** Log and dump clocks may differ a little (syslog on another host, the scanner's 60 s cycle). */
export const DUMP_SLACK = 60;

export interface OutsideFacts {
  /** When spamd's database shows the key passed (NaN: it does not). */
  passedAt: number;
  excused: boolean;
}

export interface ExternalFacts {
  triplet(ip: string, from: string, to: string, first: number): OutsideFacts;
  address(ip: string, first: number): OutsideFacts;
}

const NOTHING: OutsideFacts = { passedAt: NaN, excused: false };

export const NO_FACTS: ExternalFacts = {
  triplet: () => NOTHING,
  address: () => NOTHING,
};

export interface ExternalFactsInput {
  excusals?: ExcusalList | null;
  dump?: DumpIndex | null;
  greyexp: number;
}

/** Latest pass of these GREY entries at or after `from`, NaN when none. */
function latestPass(entries: readonly GreyEntry[], from: number): number {
  let at = NaN;
  for (const g of entries) if (greyPassed(g) && g.pass >= from && !(g.pass <= at)) at = g.pass;
  return at;
}

export function createExternalFacts(input: ExternalFactsInput): ExternalFacts {
  const excusals = input.excusals ?? null;
  const dump = input.dump ?? null;
  if (!excusals && !dump) return NO_FACTS;
  const excused = (ip: string): boolean => excusals !== null && excusals.isExcused(ip);
  return {
    triplet(ip, from, to, first) {
      let passedAt = NaN;
      if (dump) {
        passedAt = latestPass(dump.tuples(ip, from, to), first - DUMP_SLACK);
        const w = dump.white(ip);
        if (passedAt !== passedAt && w) {
          const since = whiteSince(w);
          if (since >= first - DUMP_SLACK && since <= first + input.greyexp) passedAt = since;
        }
      }
      return { passedAt, excused: excused(ip) };
    },
    address(ip, first) {
      let passedAt = NaN;
      if (dump) {
        const w = dump.white(ip);
        if (w && whiteSince(w) >= first - DUMP_SLACK) passedAt = whiteSince(w);
        else passedAt = latestPass(dump.greyOf(ip), first - DUMP_SLACK);
      }
      return { passedAt, excused: excused(ip) };
    },
  };
}

/** classify() with the outside facts, and which input decided the verdict. */
export function judge(base: VerdictFacts, outside: OutsideFacts, end: number, timing: Timing): { verdict: Verdict; from: VerdictSource } {
  const logOnly = classify(base, end, timing);
  const dumpPassed = outside.passedAt === outside.passedAt;
  if (!dumpPassed && !outside.excused) return { verdict: logOnly, from: 'log' };
  const verdict = classify({ ...base, whitelisted: base.whitelisted || dumpPassed, excused: outside.excused }, end, timing);
  if (verdict === logOnly) return { verdict, from: 'log' };
  return { verdict, from: verdict === 'excused' ? 'exclude-from' : 'spamdb' };
}
