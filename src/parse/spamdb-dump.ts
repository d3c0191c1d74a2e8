// A whole spamdb listing: its entries by type and every line accounted for (entries, blank lines,
// rejects by reason with the first examples), the way parse/accounting.ts does it for log lines.
import { EXAMPLE_LENGTH, EXAMPLES_PER_REASON } from './accounting.js';
import { SPAMDB_REJECTS, type GreyEntry, type SpamdbOutcome, type SpamdbReject, type SpamtrapEntry, type TrappedEntry, type WhiteEntry } from './spamdb.js';

export interface DumpExample {
  reason: SpamdbReject | 'invalid-utf8';
  source: string;
  line: number;
  /** The line as read, cut to EXAMPLE_LENGTH (escape before printing: it holds sender text). */
  text: string;
}

export interface SpamdbDump {
  /** The file as the user named it ('-' for standard input). */
  source: string;
  /** Modification time of the file (epoch seconds), NaN for standard input. */
  mtime: number;
  lines: number;
  blank: number;
  invalidUtf8: number;
  grey: GreyEntry[];
  white: WhiteEntry[];
  trapped: TrappedEntry[];
  spamtraps: SpamtrapEntry[];
  /** GREY lines in the current layout (with helo) and in spamdb 1.11's (without). */
  layouts: { helo: number; old: number };
  rejected: Record<SpamdbReject, number>;
  examples: DumpExample[];
  /** Why the listing could not be read completely, or null. */
  error: string | null;
}

export function createSpamdbDump(source: string, mtime = NaN): SpamdbDump {
  return {
    source,
    mtime,
    lines: 0,
    blank: 0,
    invalidUtf8: 0,
    grey: [],
    white: [],
    trapped: [],
    spamtraps: [],
    layouts: { helo: 0, old: 0 },
    rejected: Object.fromEntries(SPAMDB_REJECTS.map((r) => [r, 0])) as Record<SpamdbReject, number>,
    examples: [],
    error: null,
  };
}

function addExample(d: SpamdbDump, reason: DumpExample['reason'], line: number, text: string): void {
  let n = 0;
  for (const e of d.examples) if (e.reason === reason) n++;
  if (n < EXAMPLES_PER_REASON) d.examples.push({ reason, source: d.source, line, text: text.length > EXAMPLE_LENGTH ? text.slice(0, EXAMPLE_LENGTH) + '…' : text });
}

/** Account for one line and keep its entry. */
export function addDumpLine(d: SpamdbDump, o: SpamdbOutcome, lineNo: number, text: string): void {
  d.lines++;
  if (text.includes('\ufffd')) {
    d.invalidUtf8++;
    addExample(d, 'invalid-utf8', lineNo, text);
  }
  switch (o.kind) {
    case 'blank':
      d.blank++;
      return;
    case 'reject':
      d.rejected[o.reason]++;
      addExample(d, o.reason, lineNo, text);
      return;
    case 'grey':
      d.grey.push(o);
      if (o.helo === null) d.layouts.old++;
      else d.layouts.helo++;
      return;
    case 'white':
      d.white.push(o);
      return;
    case 'trapped':
      d.trapped.push(o);
      return;
    case 'spamtrap':
      d.spamtraps.push(o);
      return;
  }
}

/** A line longer than the reader's limit, skipped. */
export function addTooLong(d: SpamdbDump, lineNo: number, head: string): void {
  d.lines++;
  d.rejected['too-long']++;
  addExample(d, 'too-long', lineNo, head);
}

export function dumpRejected(d: SpamdbDump): number {
  let n = 0;
  for (const v of Object.values(d.rejected)) n += v;
  return n;
}

export function dumpEntries(d: SpamdbDump): number {
  return d.grey.length + d.white.length + d.trapped.length + d.spamtraps.length;
}
