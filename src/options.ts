// The one options type, its defaults, and the parsers for option values. Each parser throws a
// UsageError that names the option and the accepted form (exit 2).
import { isValid, parse } from 'date-fns';
import { UsageError } from './errors.js';
import { VERDICTS, type Verdict } from './analyze/verdicts.js';
import type { Zone } from './parse/zone.js';

export const COMMANDS = ['summary', 'senders', 'triplets', 'sessions'] as const;
export type Command = (typeof COMMANDS)[number];

export const FORMATS = ['table', 'csv', 'json', 'ndjson', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

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
  format: Format;
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
  /** Progress bar on stderr: true forces it, false never, null/undefined when stderr is a terminal and the input is large. */
  progress?: boolean | null;
  /** Files parsed at once in worker threads: 1 reads sequentially; null/undefined for the number of CPUs. */
  jobs?: number | null;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** `90s`, `25m`, `4h`, `2d`, `1w`, or a plain number of seconds → seconds. */
export function parseDuration(value: string, option: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$/i.exec(value);
  if (!m) throw new UsageError(`${option}: '${value}' is not a duration; use a number with s, m, h or d, like 90s, 25m, 4h, 2d`);
  return Number(m[1]) * UNITS[(m[2] || 's').toLowerCase()]!;
}

export function parsePositiveInt(value: string, option: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`${option}: '${value}' is not a whole number of at least 1`);
  return Number(value);
}

export function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value.trim())) throw new UsageError(`--year: '${value}' is not a four-digit year, like 2026`);
  return Number(value);
}

export function parseVerdicts(value: string): Verdict[] {
  const out: Verdict[] = [];
  for (const v of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(VERDICTS as readonly string[]).includes(v)) {
      throw new UsageError(`--verdict: '${v}' is not a verdict; use a comma-separated list of ${VERDICTS.join(', ')}`);
    }
    out.push(v as Verdict);
  }
  if (out.length === 0) throw new UsageError(`--verdict: give one or more of ${VERDICTS.join(', ')}`);
  return out;
}

const DATE_FORMATS = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", 'yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm'];

/**
 * A --since/--until value → epoch seconds. Accepted: `today`, `yesterday`, `7d`/`12h` (that long
 * before now), a date `2026-10-02` (its start; for --until its end), a date and time in the zone
 * (`2026-10-02 19:55`, `2026-10-02T19:55:04`), or an ISO time with offset (`...+02:00`, `...Z`).
 */
export function parseWhen(value: string, option: '--since' | '--until', now: number, zone: Zone): number {
  const v = value.trim();
  const wallToUtc = (wall: number): number => wall - zone.resolveWall(wall).early;
  const nowWall = now + zone.offsetAt(now);
  const todayWall = Math.floor(nowWall / 86_400) * 86_400;
  const dayEnd = option === '--until' ? 86_400 : 0;
  if (v === 'today') return wallToUtc(todayWall + dayEnd);
  if (v === 'yesterday') return wallToUtc(todayWall - 86_400 + dayEnd);
  if (v === 'now') return now;
  const rel = /^(\d+)\s*([smhdw])$/i.exec(v);
  if (rel) return now - Number(rel[1]) * UNITS[rel[2]!.toLowerCase()]!;
  if (/^\d{4}-\d\d-\d\d$/.test(v)) {
    const d = parse(v, 'yyyy-MM-dd', new Date(0));
    if (isValid(d)) return wallToUtc(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 1000 + dayEnd);
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
