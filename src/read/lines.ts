// Bytes → lines, with a bounded buffer: a line longer than `maxLength` is skipped and counted,
// never held in memory. UTF-8 is decoded with replacement (a character split across chunks
// survives); CR LF and a lone trailing CR are stripped; a last line without newline counts.
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024;
/**
 * Bytes decoded at a time. Strings of about 1 MB become external strings that are slower to
 * read and slice, and a pure-ASCII unit is decoded as latin1 (same text, no UTF-8 state machine).
 */
const DECODE_UNIT = 64 * 1024;

export interface LineHandler {
  line(text: string, lineNo: number): void;
  /** A line longer than the limit was skipped. */
  tooLong(lineNo: number, head: string): void;
}

export interface LineSplitter {
  write(chunk: Buffer): void;
  end(): void;
  /** Lines seen so far (including skipped over-long ones). */
  readonly count: number;
}

export function createLineSplitter(handler: LineHandler, maxLength = DEFAULT_MAX_LINE_LENGTH): LineSplitter {
  const decoder = new StringDecoder('utf8');
  // What is kept of a skipped line: no more than is sure to have arrived when it is found too long.
  const head = Math.min(200, maxLength + 1);
  /** The decoder may hold the start of a character split across units. */
  let decoderDirty = false;
  let rest = '';
  let skipping = false;
  let skippedHead = '';
  let lineNo = 0;

  function emit(text: string): void {
    lineNo++;
    const n = text.length;
    if (n > 0 && text.charCodeAt(n - 1) === 13) text = text.slice(0, -1);
    // A byte-order mark some editors and Windows tools put at the start of a file.
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    handler.line(text, lineNo);
  }

  function feed(str: string): void {
    let start = 0;
    let nl = str.indexOf('\n');
    if (nl < 0) {
      if (skipping) return;
      rest += str;
      if (rest.length > maxLength) {
        skipping = true;
        skippedHead = rest.slice(0, head);
        rest = '';
      }
      return;
    }
    // first line completes `rest`
    if (skipping) {
      lineNo++;
      handler.tooLong(lineNo, skippedHead);
      skipping = false;
    } else {
      const first = rest.length ? rest + str.slice(0, nl) : str.slice(0, nl);
      if (first.length > maxLength) {
        lineNo++;
        handler.tooLong(lineNo, first.slice(0, head));
      } else emit(first);
    }
    rest = '';
    start = nl + 1;
    while ((nl = str.indexOf('\n', start)) >= 0) {
      if (nl - start > maxLength) {
        lineNo++;
        handler.tooLong(lineNo, str.slice(start, Math.min(nl, start + head)));
      } else emit(str.slice(start, nl));
      start = nl + 1;
    }
    if (start < str.length) {
      rest = str.slice(start);
      if (rest.length > maxLength) {
        skipping = true;
        skippedHead = rest.slice(0, head);
        rest = '';
      }
    }
  }

  function decode(unit: Buffer): string {
    // An empty unit completes nothing: the decoder keeps what it holds.
    if (unit.length === 0) return '';
    if (isAscii(unit)) {
      if (!decoderDirty) return unit.toString('latin1');
      decoderDirty = false; // an ASCII unit completes (or replaces) whatever the decoder held
    } else decoderDirty = true;
    return decoder.write(unit);
  }

  return {
    write(chunk) {
      if (chunk.length <= DECODE_UNIT) feed(decode(chunk));
      else for (let at = 0; at < chunk.length; at += DECODE_UNIT) feed(decode(chunk.subarray(at, at + DECODE_UNIT)));
    },
    end() {
      feed(decoder.end());
      if (skipping) {
        lineNo++;
        handler.tooLong(lineNo, skippedHead);
        skipping = false;
      } else if (rest.length > 0) {
        emit(rest);
      }
      rest = '';
    },
    get count() {
      return lineNo;
    },
  };
}
