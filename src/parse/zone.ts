// Time zone arithmetic for syslog's local-time timestamps, cached so that the per-line cost is
// one Map lookup. DST transitions happen on quarter hours, so offsets are cached per 15 minutes.

const BUCKET = 900;
const HALF_DAY = 43_200;

export interface WallResolution {
  /** Offset (seconds east of UTC) of the earlier instant with this wall time. */
  early: number;
  /** Offset of the later instant; differs from `early` only in a repeated (autumn) hour. */
  late: number;
  /** The wall time does not exist (spring gap); `early` then moves it forward. */
  gap: boolean;
}

export interface Zone {
  readonly name: string;
  /** Seconds east of UTC at the instant `utc` (epoch seconds). */
  offsetAt(utc: number): number;
  /** How a wall-clock time (epoch seconds as if the wall clock were UTC) maps to instants. */
  resolveWall(wall: number): WallResolution;
}

/** Is `name` an IANA zone this Node.js knows? */
export function isValidZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function machineZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const UTC_RESOLUTION: WallResolution = Object.freeze({ early: 0, late: 0, gap: false });

export function createZone(name: string): Zone {
  if (name === 'UTC' || name === 'Etc/UTC' || name === 'Z') {
    return { name: 'UTC', offsetAt: () => 0, resolveWall: () => UTC_RESOLUTION };
  }
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsets = new Map<number, number>();
  const walls = new Map<number, WallResolution>();

  function computeOffset(utc: number): number {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(new Date(utc * 1000))) {
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    }
    const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) / 1000;
    return wall - Math.floor(utc);
  }

  function offsetAt(utc: number): number {
    const key = Math.floor(utc / BUCKET);
    let off = offsets.get(key);
    if (off === undefined) {
      off = computeOffset(key * BUCKET);
      offsets.set(key, off);
    }
    return off;
  }

  function resolveWall(wall: number): WallResolution {
    const key = Math.floor(wall / BUCKET);
    let r = walls.get(key);
    if (r === undefined) {
      const w = key * BUCKET;
      const before = offsetAt(w - HALF_DAY);
      const after = offsetAt(w + HALF_DAY);
      const okBefore = offsetAt(w - before) === before;
      const okAfter = offsetAt(w - after) === after;
      if (okBefore && okAfter) {
        // Both readings exist: a repeated hour when they differ. Earlier instant = larger offset.
        r = { early: Math.max(before, after), late: Math.min(before, after), gap: false };
      } else if (okBefore || okAfter) {
        const o = okBefore ? before : after;
        r = { early: o, late: o, gap: false };
      } else {
        // A wall time in the spring gap: read it with the offset before the change (moves forward).
        r = { early: before, late: before, gap: true };
      }
      walls.set(key, r);
    }
    return r;
  }

  return { name, offsetAt, resolveWall };
}
