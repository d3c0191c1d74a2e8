// What happens to each line read: accounted for, parsed, and its event handed on. The same
// handler serves the sequential read and the parse workers (src/read/parse-worker.ts).
import { addExample, countOutcome, type LineAccounting } from './accounting.js';
import type { LineParser } from './line.js';
import type { LineHandler } from '../read/lines.js';
import type { SpamdEvent } from '../types.js';

/** At most this many replays for one `last message repeated N times` line. */
export const MAX_REPLAY = 10_000;

export function createLineHandler(source: string, parse: LineParser, acc: LineAccounting, emit: (ev: SpamdEvent) => void): LineHandler {
  let previous: SpamdEvent | null = null;
  return {
    line(text, lineNo) {
      acc.lines++;
      if (text.includes('\ufffd')) {
        acc.invalidUtf8++;
        addExample(acc, 'invalid-utf8', source, lineNo, text);
      }
      const o = parse(text);
      if (o.kind === 'other' || o.kind === 'reject') {
        countOutcome(acc, o, source, lineNo, text);
        if (o.kind === 'other' && o.what === 'repeated' && previous) {
          const n = Math.min(o.count ?? 0, MAX_REPLAY);
          for (let i = 0; i < n; i++) emit(previous);
          acc.repeatedEvents += n;
        } else previous = null;
        return;
      }
      if (o.time !== o.time) {
        acc.untimed++;
        addExample(acc, 'untimed', source, lineNo, text);
        previous = null;
        return;
      }
      acc.events++;
      emit(o);
      previous = o;
    },
    tooLong(lineNo, head) {
      acc.lines++;
      acc.rejected['too-long']++;
      addExample(acc, 'too-long', source, lineNo, head);
      previous = null;
    },
  };
}
