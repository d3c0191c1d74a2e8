// One syslog line → one outcome: a spamd event, another program's line, or a rejected line.
// Envelopes read (docs/formats.md): BSD `Mmm dd hh:mm:ss host tag[pid]: msg` (RFC 3164, day
// space- or zero-padded or single-spaced, optional <PRI>), ISO 8601 / RFC 3339 timestamps
// (syslogd -Z, rsyslog, syslog-ng, journald short-iso with +0100 or +01:00), RFC 5424, and
// spamd messages with no envelope at all (counted, but they cannot be placed in time).
import { unpin } from '../string-pool.js';
import { createBsdClock } from './clock.js';
import { TRUNCATED, isSpamAssassinMessage, parseSpamdMessage, parseSpamlogdMessage, type SpamdParse } from './spamd.js';
import type { Zone } from './zone.js';
import type { LineOutcome, OtherKind, RejectReason } from '../types.js';

export interface LineParserOptions {
  zone: Zone;
  /** Epoch seconds used to infer the year of BSD timestamps (file mtime, or now). */
  reference: number;
  year?: number | undefined;
}

const OTHER: { readonly [K in OtherKind]: LineOutcome } = {
  blank: { kind: 'other', what: 'blank' },
  spamassassin: { kind: 'other', what: 'spamassassin' },
  repeated: { kind: 'other', what: 'repeated', count: 0 },
  mark: { kind: 'other', what: 'mark' },
  newsyslog: { kind: 'other', what: 'newsyslog' },
  'other-program': { kind: 'other', what: 'other-program' },
};
const REJECT: { readonly [K in RejectReason]: LineOutcome } = {
  'no-envelope': { kind: 'reject', reason: 'no-envelope' },
  'bad-timestamp': { kind: 'reject', reason: 'bad-timestamp' },
  'unknown-spamd': { kind: 'reject', reason: 'unknown-spamd' },
  truncated: { kind: 'reject', reason: 'truncated' },
  'too-long': { kind: 'reject', reason: 'too-long' },
};

const REPEATED_BSD = /^last message repeated (\d+) times?$/;
const REPEATED_RSYSLOG = /^message repeated (\d+) times?: \[/;

/** A syslog `repeated` line (`m` from REPEATED_*): how many times, and the host whose last line it repeats. */
function repeated(m: RegExpExecArray | null, host: string): LineOutcome | null {
  return m ? { kind: 'other', what: 'repeated', count: Number(m[1]), host } : null;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000;
}
function two(s: string, i: number): number {
  return digit(s, i) * 10 + digit(s, i + 1);
}

/** ISO 8601 / RFC 3339 timestamp at `at`: [epoch seconds, end index]; NaN if malformed. */
export function parseIsoTimestamp(s: string, at: number): [number, number] {
  const century = two(s, at);
  const yy = two(s, at + 2);
  if (century < 0 || yy < 0) return [NaN, at];
  const year = century * 100 + yy;
  if (s[at + 4] !== '-' || s[at + 7] !== '-' || (s[at + 10] !== 'T' && s[at + 10] !== ' ') || s[at + 13] !== ':' || s[at + 16] !== ':') {
    return [NaN, at];
  }
  const month = two(s, at + 5);
  const day = two(s, at + 8);
  const hour = two(s, at + 11);
  const minute = two(s, at + 14);
  const second = two(s, at + 17);
  let i = at + 19;
  let frac = 0;
  if (s[i] === '.' || s[i] === ',') {
    let scale = 0.1;
    i++;
    while (digit(s, i) >= 0) {
      frac += digit(s, i) * scale;
      scale /= 10;
      i++;
    }
  }
  let offset: number;
  const z = s[i];
  if (z === 'Z' || z === 'z') {
    offset = 0;
    i++;
  } else if (z === '+' || z === '-') {
    const oh = two(s, i + 1);
    let j = i + 3;
    if (s[j] === ':') j++;
    const om = two(s, j);
    // RFC 3339 §5.6 time-numoffset: hh:mm (journald also writes hhmm); two() < 0 for a non-digit.
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return [NaN, at];
    offset = (z === '-' ? -1 : 1) * (oh * 3600 + om * 60);
    i = j + 2;
  } else return [NaN, at];
  if (month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return [NaN, at];
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day) return [NaN, at]; // Feb 30
  return [ms / 1000 + frac - offset, i];
}

function skipSpaces(s: string, i: number): number {
  while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
  return i;
}

function spamdOutcome(p: SpamdParse): LineOutcome | null {
  if (p === null) return null;
  if (p === TRUNCATED) return REJECT.truncated;
  return p;
}

/** No spamd message ends in a blank that matters (`helo ` loses nothing); pasted excerpts add them. */
function trimBlanks(msg: string): string {
  const c = msg.charCodeAt(msg.length - 1);
  return c === 32 || c === 9 ? msg.trimEnd() : msg;
}

/** Classify a message by its program tag. */
function dispatch(tag: string, msg: string, time: number, host: string): LineOutcome {
  // rsyslog keeps RFC 5424's BOM when it writes the message in a traditional format.
  if (msg.charCodeAt(0) === 0xfeff) msg = msg.slice(1);
  if (tag === 'spamd' || tag === 'spamlogd') {
    msg = trimBlanks(msg);
    // The tag and nothing else: the message was cut off (or wrapped onto the next line).
    if (msg.length === 0) return REJECT.truncated;
  }
  if (tag === 'spamd') {
    const ev = spamdOutcome(parseSpamdMessage(msg, time, host));
    if (ev) return ev;
    const rep = repeated(REPEATED_RSYSLOG.exec(msg), host);
    if (rep) return rep;
    if (isSpamAssassinMessage(msg)) return OTHER.spamassassin;
    return REJECT['unknown-spamd'];
  }
  if (tag === 'spamlogd') {
    const ev = spamdOutcome(parseSpamlogdMessage(msg, time, host));
    if (ev) return ev;
    return repeated(REPEATED_RSYSLOG.exec(msg), host) ?? REJECT['unknown-spamd'];
  }
  if (tag === 'newsyslog') return OTHER.newsyslog;
  return OTHER['other-program'];
}

/** Lines with no syslog timestamp: `spamd[pid]: msg`, `spamd: msg`, or a bare spamd message. */
function untimed(line: string): LineOutcome {
  if (line.trim() === '') return OTHER.blank;
  const m = /^(spamd|spamlogd)(?:\[\d+\])?: ?/.exec(line);
  if (m) return dispatch(m[1]!, line.slice(m[0].length), NaN, '');
  const p = parseSpamdMessage(trimBlanks(line), NaN, '');
  if (p !== null && p !== TRUNCATED && p.kind !== 'daemon') return p;
  return REJECT['no-envelope'];
}

export type LineParser = (line: string) => LineOutcome;

/** Month 0-11 of the three letters at `i` (`Jan`...`Dec`), -1 otherwise: char codes, no substring. */
function monthAt(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  const c = s.charCodeAt(i + 2);
  switch (a) {
    case 74: // J
      if (b === 97 && c === 110) return 0; // Jan
      if (b === 117) return c === 110 ? 5 : c === 108 ? 6 : -1; // Jun, Jul
      return -1;
    case 70: // F
      return b === 101 && c === 98 ? 1 : -1;
    case 77: // M
      return b === 97 ? (c === 114 ? 2 : c === 121 ? 4 : -1) : -1; // Mar, May
    case 65: // A
      return b === 112 && c === 114 ? 3 : b === 117 && c === 103 ? 7 : -1; // Apr, Aug
    case 83: // S
      return b === 101 && c === 112 ? 8 : -1;
    case 79: // O
      return b === 99 && c === 116 ? 9 : -1;
    case 78: // N
      return b === 111 && c === 118 ? 10 : -1;
    case 68: // D
      return b === 101 && c === 99 ? 11 : -1;
    default:
      return -1;
  }
}

/** `line` starts with `head` (compared from its end: the seconds differ first). String#startsWith is slower on sliced strings. */
function startsWithText(line: string, head: string): boolean {
  const n = head.length;
  if (line.length < n) return false;
  for (let i = n - 1; i >= 0; i--) if (line.charCodeAt(i) !== head.charCodeAt(i)) return false;
  return true;
}

export function createLineParser(opts: LineParserOptions): LineParser {
  const clock = createBsdClock(opts);
  // Consecutive lines mostly share their timestamp and host: both are reused from the line
  // before when the text matches (the clock gives the same time for the same text).
  let lastStamp = '\0';
  let lastTime = NaN;
  let lastHost = '\0';
  let lastHostEnd = '\0 ';

  return function parseLine(line: string): LineOutcome {
    let i = 0;
    const n = line.length;
    if (n === 0) return OTHER.blank;
    let c = line.charCodeAt(0);
    let rfc5424 = false;
    if (c === 60 /* < */) {
      let j = 1;
      while (j < 5 && digit(line, j) >= 0) j++;
      if (j > 1 && line.charCodeAt(j) === 62 /* > */) {
        i = j + 1;
        if (line.charCodeAt(i) === 49 /* 1 */ && line.charCodeAt(i + 1) === 32) {
          rfc5424 = true;
          i += 2;
        }
        c = line.charCodeAt(i);
      }
    }
    let time: number;
    if (i === 0 && startsWithText(line, lastStamp)) {
      time = lastTime;
      i = lastStamp.length - 1;
    } else if (c >= 65 && c <= 90 /* A-Z */) {
      const month = monthAt(line, i);
      if (month < 0 || line.charCodeAt(i + 3) !== 32) return i === 0 ? untimed(line) : REJECT['no-envelope'];
      let j = i + 4;
      if (line.charCodeAt(j) === 32) j++;
      let day = digit(line, j);
      if (day < 0) return REJECT['no-envelope'];
      j++;
      if (digit(line, j) >= 0) day = day * 10 + digit(line, j++);
      if (line.charCodeAt(j) !== 32 || line.charCodeAt(j + 3) !== 58 || line.charCodeAt(j + 6) !== 58) return REJECT['no-envelope'];
      const hour = two(line, j + 1);
      const minute = two(line, j + 4);
      const second = two(line, j + 7);
      if (hour < 0 || minute < 0 || second < 0) return REJECT['no-envelope'];
      i = j + 9;
      if (line.charCodeAt(i) === 46 /* . */) {
        i++;
        while (digit(line, i) >= 0) i++;
      }
      if (line.charCodeAt(i) !== 32) return REJECT['no-envelope'];
      const at = i;
      time = clock.toEpoch(month, day, hour, minute, second);
      // Only a plain `Mmm dd hh:mm:ss ` at the start is reused; any other call to the clock forgets it.
      if (at === j + 9 && line.charCodeAt(0) !== 60 && time === time) {
        lastStamp = unpin(line.slice(0, at + 1));
        lastTime = time;
      } else lastStamp = '\0';
      if (time !== time) return REJECT['bad-timestamp'];
    } else if (c >= 48 && c <= 57 && line.charCodeAt(i + 4) === 45 /* - */) {
      const [t, end] = parseIsoTimestamp(line, i);
      if (end === i) return /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d/.test(line.slice(i)) ? REJECT['bad-timestamp'] : untimed(line);
      time = t;
      i = end;
      if (line.charCodeAt(i) !== 32) return REJECT['no-envelope'];
    } else {
      return i === 0 ? untimed(line) : REJECT['no-envelope'];
    }
    // host
    i = skipSpaces(line, i);
    let host: string;
    if (line.startsWith(lastHostEnd, i)) {
      host = lastHost;
      i = skipSpaces(line, i + lastHost.length);
    } else {
      const hostEnd = line.indexOf(' ', i);
      if (hostEnd < 0) return REJECT['no-envelope'];
      host = line.slice(i, hostEnd);
      // RFC 3164 §4.1.3 without HOSTNAME (the local socket, OpenBSD syslogd forwarding without -h):
      // the token after the time is already the tag. Such a token is never cached as a host.
      if (!rfc5424 && host.charCodeAt(host.length - 1) === 58 /* : */) host = '';
      else {
        if (!rfc5424) {
          lastHost = unpin(host);
          lastHostEnd = lastHost + ' ';
        }
        i = skipSpaces(line, hostEnd);
      }
    }
    if (rfc5424) {
      // APP-NAME PROCID MSGID STRUCTURED-DATA MSG (RFC 5424 §6)
      // SD-ELEMENTs: a PARAM-VALUE is quoted and may hold `\]`, `\"` and `\\` (RFC 5424 §6.3.3).
      const m = /^(\S+) (\S+) (\S+) (-|(?:\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\])+) ?/.exec(line.slice(i));
      if (!m) return REJECT['no-envelope'];
      return dispatch(m[1]!, line.slice(i + m[0].length), time, host);
    }
    // tag[pid]: msg, tag: msg, or syslogd's own untagged lines
    let j = i;
    while (j < n) {
      const d = line.charCodeAt(j);
      if (d === 58 /* : */ || d === 91 /* [ */ || d === 32) break;
      j++;
    }
    // The usual tag is spamd: use the constant (no substring; dispatch compares it by identity).
    const tag = j - i === 5 && line.startsWith('spamd', i) ? 'spamd' : line.slice(i, j);
    let k = j;
    if (line.charCodeAt(k) === 91) {
      k = line.indexOf(']', k);
      if (k < 0) return REJECT['no-envelope'];
      k++;
    }
    if (line.charCodeAt(k) !== 58 || tag.length === 0) {
      const rest = line.slice(i);
      const rep = repeated(REPEATED_BSD.exec(rest), host);
      if (rep) return rep;
      if (rest === '-- MARK --') return OTHER.mark;
      return REJECT['no-envelope'];
    }
    k++;
    if (line.charCodeAt(k) === 32) k++;
    return dispatch(tag, line.slice(k), time, host);
  };
}
