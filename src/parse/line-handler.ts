// What happens to each line read: accounted for, parsed, and its event handed on. The same
// handler serves the sequential read and the parse workers (src/read/parse-worker.ts), so both
// apply the same robustness rules: a line written twice is analysed once, time going backwards is
// flagged, and the line a read error cut off is counted as truncated.
import { addExample, countOutcome, createTimeOrder, type LineAccounting } from './accounting.js';
import type { LineParser } from './line.js';
import type { LineHandler } from '../read/lines.js';
import type { LineOutcome, SpamdEvent } from '../types.js';

/** At most this many replays for one `last message repeated N times` line. */
export const MAX_REPLAY = 10_000;
/** The line a read error cut off: its end is lost, whatever it looks like. */
const CUT_BY_DAMAGE: LineOutcome = { kind: 'reject', reason: 'truncated' };

export interface InputLineHandler extends LineHandler {
  /** Reading stopped at damage: the line still to come (the splitter's rest) is incomplete. */
  damaged(): void;
}

/** One handler per input: duplicate and time-order checks do not reach across files. */
export function createLineHandler(source: string, parse: LineParser, acc: LineAccounting, emit: (ev: SpamdEvent) => void): InputLineHandler {
  // The event a `last message repeated` line repeats: the last one of its host (a central log
  // interleaves hosts, spamd-format.md §6.3 #23); any other line in between ends it.
  // The last event and its host (one host: no map lookup per line), and the last of every other host.
  let previousHost = '';
  let previousEvent: SpamdEvent | null = null;
  const previousOfOthers = new Map<string, SpamdEvent>();
  const previousOf = (host: string): SpamdEvent | undefined => (host === previousHost ? (previousEvent ?? undefined) : previousOfOthers.get(host));
  const forget = (): void => {
    previousEvent = null;
    if (previousOfOthers.size > 0) previousOfOthers.clear();
  };
  // The last line, when it was a spamd event: a byte-identical next line may be the same syslog
  // line written twice (two syslog rules into one file), or a real second event (two sessions of
  // one address ending in the same second with the same duration, two RCPTs of one envelope in
  // concurrent sessions; rsyslog without repeat reduction writes both). spamd never writes two
  // identical `connected` lines in a row (the second counts one client more), so one marks the
  // input as writing lines twice; from then on identical lines are analysed once.
  let lastEvent: string | null = null;
  let writesTwice = false;
  // Reading stopped at damage: the line it cut is incomplete.
  let damaged = false;
  const backwards = createTimeOrder();
  return {
    line(text, lineNo) {
      acc.lines++;
      if (text.includes('\ufffd')) {
        acc.invalidUtf8++;
        addExample(acc, 'invalid-utf8', source, lineNo, text);
      }
      const again = text === lastEvent;
      if ((again && writesTwice) || damaged) {
        if (damaged) countOutcome(acc, CUT_BY_DAMAGE, source, lineNo, text);
        else {
          acc.duplicates++;
          addExample(acc, 'duplicate', source, lineNo, text);
        }
        return;
      }
      lastEvent = null;
      const o = parse(text);
      if (again && o.kind === 'connect') {
        writesTwice = true;
        lastEvent = text;
        acc.duplicates++;
        addExample(acc, 'duplicate', source, lineNo, text);
        return;
      }
      if (o.kind === 'other' || o.kind === 'reject') {
        countOutcome(acc, o, source, lineNo, text);
        const repeats = o.kind === 'other' && o.what === 'repeated' ? previousOf(o.host ?? '') : undefined;
        if (repeats && o.kind === 'other') {
          const n = Math.min(o.count ?? 0, MAX_REPLAY);
          for (let i = 0; i < n; i++) emit(repeats);
          acc.repeatedEvents += n;
        } else forget();
        return;
      }
      lastEvent = text;
      if (o.time !== o.time) {
        acc.untimed++;
        addExample(acc, 'untimed', source, lineNo, text);
        forget();
        return;
      }
      acc.events++;
      if (backwards(o.host, o.time)) {
        acc.backwards++;
        addExample(acc, 'time-backwards', source, lineNo, text);
      }
      emit(o);
      if (o.host !== previousHost) {
        if (previousEvent) previousOfOthers.set(previousHost, previousEvent);
        previousHost = o.host;
      }
      previousEvent = o;
    },
    tooLong(lineNo, head) {
      acc.lines++;
      acc.rejected['too-long']++;
      addExample(acc, 'too-long', source, lineNo, head);
      forget();
      lastEvent = null;
    },
    damaged() {
      damaged = true;
    },
  };
}
