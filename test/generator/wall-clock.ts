// Wall-clock times in a named zone for the generator: BSD syslog timestamps (local time, no
// year, RFC 3164 §4.1.2) and the ISO 8601 form the CLI prints. Written apart from src/parse and
// src/report on purpose, so that the expected values do not share code with what they check.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface WallClock {
  readonly zone: string;
  /** Seconds east of UTC at `utc` (epoch seconds). */
  offset(utc: number): number;
  /** `Sep  1 08:41:17`: month, space-padded day, time. */
  bsd(utc: number): string;
  /** `2026-09-01T08:41:17+02:00`, as spamd-report prints times with --tz. */
  iso(utc: number): string;
  /** The calendar year of `utc` in this zone. */
  year(utc: number): number;
  /**
   * Epoch seconds of a wall time in this zone. In a repeated (autumn) hour `pass` picks the first
   * or second reading; a wall time in the spring gap throws.
   */
  utc(y: number, mo: number, d: number, h: number, mi: number, s: number, pass?: 1 | 2): number;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function createWallClock(zone: string): WallClock {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const cache = new Map<number, number>();

  function offset(utc: number): number {
    const key = Math.floor(utc / 900);
    let off = cache.get(key);
    if (off === undefined) {
      const p: Record<string, number> = {};
      for (const part of fmt.formatToParts(new Date(key * 900 * 1000))) if (part.type !== 'literal') p[part.type] = Number(part.value);
      off = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) / 1000 - key * 900;
      cache.set(key, off);
    }
    return off;
  }

  function wall(utc: number): Date {
    return new Date((utc + offset(utc)) * 1000);
  }

  return {
    zone,
    offset,
    bsd(utc) {
      const d = wall(utc);
      return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    },
    iso(utc) {
      const d = wall(utc);
      const off = offset(utc);
      const a = Math.abs(off);
      const sign = off < 0 ? '-' : '+';
      return (
        `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
        `${sign}${pad(Math.floor(a / 3600))}:${pad(Math.floor((a % 3600) / 60))}`
      );
    },
    year: (utc) => wall(utc).getUTCFullYear(),
    utc(y, mo, d, h, mi, s, pass = 1) {
      const w = Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
      // The readings whose offset is consistent: at most two (repeated hour), none in a gap.
      const found = [...new Set([offset(w - 86_400), offset(w + 86_400)])]
        .map((o) => w - o)
        .filter((u) => u + offset(u) === w)
        .sort((a, b) => a - b);
      const u = found[Math.min(pass, found.length) - 1];
      if (u === undefined) throw new Error(`${y}-${mo}-${d} ${h}:${mi}:${s} does not exist in ${zone}`);
      return u;
    },
  };
}
