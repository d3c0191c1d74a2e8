// Year inference and local-time conversion for BSD syslog timestamps (RFC 3164 §4.1.2:
// `Mmm dd hh:mm:ss`, local time, no year).
import type { Zone } from './zone.js';

export interface ClockOptions {
  zone: Zone;
  /** Epoch seconds: the file's mtime, or now for stdin. A date more than a day after it is last year's. */
  reference: number;
  /** Year of the first line instead of inference; later lines roll over at the turn of the year. */
  year?: number | undefined;
}

export interface BsdClock {
  /** Epoch seconds for a BSD timestamp; NaN when it names no real time (Feb 30, 25:00:00). */
  toEpoch(month: number, day: number, hour: number, minute: number, second: number): number;
}

const DAY = 86_400;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** Stateful per input: the year rollover (with --year) and the repeated DST hour need the previous line. */
export function createBsdClock(opts: ClockOptions): BsdClock {
  const { zone } = opts;
  const refWall = opts.reference + zone.offsetAt(opts.reference);
  const refYear = new Date(refWall * 1000).getUTCFullYear();
  const dayCache = new Map<number, number>();
  let year = opts.year;
  let lastMonth = -1;
  let lastStart = NaN;
  let lastUtc = -Infinity;
  let inSecondPass = false;

  function inferredDayStart(month: number, day: number): number {
    const key = month * 32 + day;
    let start = dayCache.get(key);
    if (start === undefined) {
      let y = refYear;
      if (Date.UTC(y, month, day) / 1000 > refWall + DAY) y -= 1;
      start = latestDayStart(y, month, day);
      dayCache.set(key, start);
    }
    return start;
  }

  /** Feb 29 belongs to the latest leap year not after `y`; NaN for a day no month has (Feb 30). */
  function latestDayStart(y: number, month: number, day: number): number {
    let tries = 0;
    while (day > daysInMonth(y, month) && tries++ < 8) y -= 1;
    return day > daysInMonth(y, month) ? NaN : Date.UTC(y, month, day) / 1000;
  }

  function explicitDayStart(month: number, day: number): number {
    let y = year as number;
    if (lastMonth >= 0 && month - lastMonth < -6) year = y = y + 1;
    else if (lastMonth >= 0 && month - lastMonth > 6 && lastStart - Date.UTC(y - 1, month, day) / 1000 <= DAY) {
      // Dec 31 written just after Jan 1 (out of order by seconds): the old year, and no rollover back.
      return day > daysInMonth(y - 1, month) ? NaN : Date.UTC(y - 1, month, day) / 1000;
    }
    lastMonth = month;
    if (day > daysInMonth(y, month)) return NaN;
    lastStart = Date.UTC(y, month, day) / 1000;
    return lastStart;
  }

  return {
    toEpoch(month, day, hour, minute, second) {
      if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return NaN;
      let start = year === undefined ? inferredDayStart(month, day) : explicitDayStart(month, day);
      if (Number.isNaN(start)) return NaN;
      let wall = start + hour * 3600 + minute * 60 + second;
      // The day decides the year, except on the day holding reference + 1 day: its later hours are last year's.
      if (year === undefined && wall > refWall + DAY) {
        start = latestDayStart(refYear - 1, month, day);
        wall = start + hour * 3600 + minute * 60 + second;
        if (Number.isNaN(start)) return NaN;
      }
      const r = zone.resolveWall(wall);
      let utc = wall - r.early;
      // In the repeated autumn hour the log goes on forward: when the earlier reading would go
      // back in time, the line belongs to the second pass, and so do the lines after it.
      const late = r.early !== r.late && (inSecondPass || utc < lastUtc - 60);
      if (late) utc = wall - r.late;
      inSecondPass = late;
      lastUtc = utc;
      return utc;
    },
  };
}
