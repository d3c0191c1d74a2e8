// The one options type, its defaults, and the parsers for option values. Each parser throws a
// UsageError that names the option and the accepted form (exit 2).
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { UsageError } from './errors.js';
import { VERDICTS, type Verdict } from './analyze/verdicts.js';
import type { Zone } from './parse/zone.js';
import { parseCidr, parseIPv4, type Cidr } from './analyze/network.js';
import type { Selection } from './analyze/selection.js';

export const COMMANDS = ['summary', 'senders', 'triplets', 'sessions', 'domains', 'evidence', 'spamdb'] as const;
export type Command = (typeof COMMANDS)[number];

export const FORMATS = ['table', 'csv', 'json', 'ndjson', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** `evidence` is a document, not a table: its own formats, Markdown first (for a letter). */
export const EVIDENCE_FORMATS = ['markdown', 'text', 'csv', 'json', 'html'] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

/** spamd's defaults (grey.h: PASSTIME 25 min, GREYEXP 4 h) and ours (burst). */
export const DEFAULTS = {
  passtime: 25 * 60,
  greyexp: 4 * 3600,
  burst: 60,
  summaryTop: 10,
} as const;

export interface Options {
  command: Command;
  files: string[];
  /** An EvidenceFormat for `evidence`, a Format for every other command. */
  format: Format | EvidenceFormat;
  /** IANA zone for reading year-less syslog times and for output. */
  zone: string;
  /** Print times in UTC (`Z`). */
  utc: boolean;
  passtime: number;
  greyexp: number;
  burst: number;
  /** Keep only rows with these verdicts; null for all. */
  verdicts: Verdict[] | null;
  /** Column to sort rows by, `-` prefix for descending; null for the command's default. */
  sort: string | null;
  top: number | null;
  since: string | null;
  until: string | null;
  year: number | null;
  strict: boolean;
  /** Group a message's attempts only within one /N (--pool-prefix); null: any address. */
  poolPrefix: number | null;
  /** What `evidence` is about; null for the other commands. */
  selection: Selection | null;
  /** A spamdb listing to join with the log (--spamdb); absent or null for none. */
  spamdb?: string | null;
  /** pf table files of excused addresses (--exclude-from); absent or empty for none. */
  excludeFrom?: string[];
  /** `evidence`: also show messages from excused addresses (--include-excused). */
  includeExcused?: boolean;
  /** Progress bar on stderr: true forces it, false never, null/undefined when stderr is a terminal and the input is large. */
  progress?: boolean | null;
  /** Files parsed at once in worker threads (--jobs); 0: on this thread; null or undefined: one per CPU core. */
  jobs?: number | null;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** `90s`, `25m`, `4h`, `2d`, `1w`, or a plain number of seconds → seconds. */
export function parseDuration(value: string, option: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$/i.exec(value);
  const seconds = m ? Number(m[1]) * UNITS[(m[2] || 's').toLowerCase()]! : NaN;
  // A 400-digit value passes the pattern but is Infinity as a number.
  if (!Number.isFinite(seconds)) throw new UsageError(`${option}: '${value}' is not a duration; use a number with s, m, h, d or w, like 90s, 25m, 4h, 2d`);
  // spamd's -G counts passtime in minutes and greyexp in hours: a bare number copied from it
  // would be read as seconds here and change every verdict without a word.
  if (m && !m[2] && (option === '--passtime' || option === '--greyexp')) {
    throw new UsageError(`${option}: '${value.trim()}' has no unit; spamd -G counts passtime in minutes and greyexp in hours, so write ${m[1]}${option === '--passtime' ? 'm' : 'h'} (or s, d)`);
  }
  return seconds;
}

/** --jobs: a whole number, 0 or more (a bound on threads, not a count of anything seen). */
export function parseCount(value: string, option: string, max: number): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) > max) throw new UsageError(`${option}: '${value}' is not a whole number from 0 to ${max}`);
  return Number(value);
}

export function parsePositiveInt(value: string, option: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`${option}: '${value}' is not a whole number of at least 1`);
  return Number(value);
}

/** --pool-prefix: an IPv4 prefix length, 8 to 32. */
export function parsePoolPrefix(value: string): number {
  const v = value.trim().replace(/^\//, '');
  if (!/^\d+$/.test(v) || Number(v) < 8 || Number(v) > 32) {
    throw new UsageError(`--pool-prefix: '${value}' is not an IPv4 prefix length from 8 to 32, like 24`);
  }
  return Number(v);
}

/** Values of a repeatable option that also takes comma-separated lists. */
export function splitList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export function parseIpList(value: string): string[] {
  const ips = splitList(value);
  for (const ip of ips) {
    if (parseIPv4(ip) === null) throw new UsageError(`--ip: '${ip}' is not an IPv4 address (spamd logs IPv4 clients only), like 192.0.2.10`);
  }
  return ips;
}

export function parseCidrList(value: string): Cidr[] {
  return splitList(value).map((text) => {
    const c = parseCidr(text);
    if (!c) throw new UsageError(`--net: '${text}' is not an IPv4 network, like 192.0.2.0/24`);
    return c;
  });
}

export function parseYear(value: string): number {
  // Date.UTC reads years 0-99 as 1900-1999; syslog is younger than 1970 anyway.
  if (!/^\d{4}$/.test(value.trim()) || Number(value) < 1970) throw new UsageError(`--year: '${value}' is not a four-digit year from 1970 on, like 2026`);
  return Number(value);
}

export function parseVerdicts(value: string): Verdict[] {
  const out: Verdict[] = [];
  for (const v of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(VERDICTS as readonly string[]).includes(v)) {
      throw new UsageError(`--verdict: '${v}' is not a verdict; use a comma-separated list of ${VERDICTS.join(', ')}`);
    }
    if (!out.includes(v as Verdict)) out.push(v as Verdict);
  }
  if (out.length === 0) throw new UsageError(`--verdict: give one or more of ${VERDICTS.join(', ')}`);
  return out;
}

const DATE_FORMATS = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", 'yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm'];

/**
 * A --since/--until value → epoch seconds. Accepted: `today`, `yesterday`, `7d`/`12h` (that long
 * before now), a date `2026-10-02` (its start; for --until its last moment, 23:59:59.999), a date and time in the zone
 * (`2026-10-02 19:55`, `2026-10-02T19:55:04`), or an ISO time with offset (`...+02:00`, `...Z`).
 */
export function parseWhen(value: string, option: '--since' | '--until', now: number, zone: Zone): number {
  const v = value.trim();
  const wallToUtc = (wall: number): number => wall - zone.resolveWall(wall).early;
  const nowWall = now + zone.offsetAt(now);
  const todayWall = Math.floor(nowWall / 86_400) * 86_400;
  // A day for --until means up to its last moment: the next midnight is the next day's (the
  // window includes its end: an event at exactly --until is analysed).
  const dayEnd = option === '--until' ? 86_400 : 0;
  const lastMoment = option === '--until' ? 0.001 : 0;
  if (v === 'today') return wallToUtc(todayWall + dayEnd) - lastMoment;
  if (v === 'yesterday') return wallToUtc(todayWall - 86_400 + dayEnd) - lastMoment;
  if (v === 'now') return now;
  const rel = /^(\d+)\s*([smhdw])$/i.exec(v);
  if (rel) return now - Number(rel[1]) * UNITS[rel[2]!.toLowerCase()]!;
  if (/^\d{4}-\d\d-\d\d$/.test(v)) {
    const d = parse(v, 'yyyy-MM-dd', new Date(0));
    if (isValid(d)) return wallToUtc(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 1000 + dayEnd) - lastMoment;
  }
  if (/(Z|[+-]\d\d:?\d\d)$/.test(v)) {
    const ms = Date.parse(v);
    if (!Number.isNaN(ms)) return ms / 1000;
  }
  for (const f of DATE_FORMATS) {
    const d = parse(v, f, new Date(0));
    if (isValid(d)) {
      return wallToUtc(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()) / 1000);
    }
  }
  throw new UsageError(
    `${option}: '${value}' is not a time; use today, yesterday, 7d, 12h, a date (2026-10-02), or a date and time (2026-10-02 19:55 or 2026-10-02T19:55:04+02:00)`,
  );
}
