// --spamdb: join a spamdb listing with a log analysis. Every triplet and address of the analysis
// gets what spamd's database says about it (HELO names, spamd's own attempt count `bcount`, the
// time it passed or was whitelisted, a trap); the tuples of analysed addresses that the log has
// no envelope for (spamd without -v, or attempts outside the window) are added as triplets seen
// only in the listing. Verdicts are not decided here: the analyzer asked the same facts
// (outside-facts.ts) through classify(). No I/O; it annotates the analyzer's fresh result in
// place (copying 10^5 rows cost more than the join itself) and returns it.
import type { Analysis, TripletResult } from './analyzer.js';
import type { ExternalFacts } from './outside-facts.js';
import { tripletKey, whiteSince, type DumpIndex } from './spamdb-index.js';
import type { GreyEntry } from '../parse/spamdb.js';

export interface TripletDumpFacts {
  /** The triplet is known from the listing only: the log has no envelope for it. */
  only: boolean;
  /** The HELO names of its tuples, space-separated ('' when spamd had none); null in the old layout without helo. */
  helo: string | null;
  /** spamd's attempt count: the sum of its tuples' bcount; NaN when the listing has no tuple for it. */
  bcount: number;
  /** When spamd first saw the tuple. */
  first: number;
  /** When the listing shows it passed (its tuple, or its address whitelisted in time); NaN if it does not. */
  passedAt: number;
}

export interface AddressDumpFacts {
  /** GREY tuples of the address in the listing, and the sum of their bcount. */
  grey: number;
  bcount: number;
  /** Since when its WHITE entry whitelists it; NaN without one. */
  whiteSince: number;
  /** Until when it is TRAPPED; NaN when not trapped. */
  trappedUntil: number;
}

function heloOf(tuples: readonly GreyEntry[]): string | null {
  const names: string[] = [];
  let any = false;
  for (const g of tuples) {
    if (g.helo === null) continue;
    any = true;
    if (!names.includes(g.helo)) names.push(g.helo);
  }
  return any ? names.filter((n) => n !== '').join(' ') : null;
}

function tupleFacts(tuples: readonly GreyEntry[], only: boolean, passedAt: number): TripletDumpFacts {
  let bcount = 0;
  let first = Infinity;
  for (const g of tuples) {
    bcount += g.bcount;
    if (g.first < first) first = g.first;
  }
  return { only, helo: heloOf(tuples), bcount, first, passedAt };
}

export function joinDump(analysis: Analysis, index: DumpIndex, facts: ExternalFacts): Analysis {
  const seen = new Set<string>();
  const triplets: TripletResult[] = analysis.triplets;
  for (const t of analysis.triplets) {
    seen.add(tripletKey(t.ip, t.sender, t.recipient));
    const tuples = index.tuples(t.ip, t.sender, t.recipient);
    const passedAt = facts.triplet(t.ip, t.sender, t.recipient, t.first).passedAt;
    if (tuples.length > 0) t.spamdb = tupleFacts(tuples, false, passedAt);
    else if (passedAt === passedAt) t.spamdb = { only: false, helo: null, bcount: NaN, first: NaN, passedAt };
  }

  for (const a of analysis.addresses) {
    const grey = index.greyOf(a.ip);
    const w = index.white(a.ip);
    const trap = index.trapped(a.ip);
    if (grey.length === 0 && !w && !trap) continue;
    let bcount = 0;
    for (const g of grey) bcount += g.bcount;
    a.spamdb = { grey: grey.length, bcount, whiteSince: w ? whiteSince(w) : NaN, trappedUntil: trap ? trap.expire : NaN };

    // Its tuples that the log has no envelope for.
    let groups: Map<string, GreyEntry[]> | null = null;
    for (const g of grey) {
      const key = tripletKey(g.ip, g.from, g.to);
      if (seen.has(key)) continue;
      groups ??= new Map();
      const list = groups.get(key);
      if (list) list.push(g);
      else groups.set(key, [g]);
    }
    if (groups === null) continue;
    for (const tuples of groups.values()) {
      const g = tuples[0]!;
      let dumpFirst = Infinity;
      for (const x of tuples) if (x.first < dumpFirst) dumpFirst = x.first;
      const passedAt = facts.triplet(g.ip, g.from, g.to, dumpFirst).passedAt;
      triplets.push({
        ip: a.ip,
        sender: g.from,
        recipient: g.to,
        // The listing shows one moment: the tuple passed by then, or was still waiting.
        verdict: passedAt === passedAt ? 'passed' : 'pending',
        retry: 'none',
        attempts: 0,
        first: NaN,
        last: NaN,
        firstRetry: NaN,
        maxGap: NaN,
        otherIps: 0,
        helo: '',
        verdictFrom: 'spamdb',
        spamdb: tupleFacts(tuples, true, passedAt),
        records: null,
        message: '',
      });
    }
  }
  return analysis;
}
