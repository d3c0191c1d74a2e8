// ISO 8601 with the offset of the chosen zone (`2026-10-02T19:55:04+02:00`), or `Z` with --utc.
import type { Zone } from '../parse/zone.js';

export type TimeFormatter = (epochSeconds: number) => string | null;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatOffset(seconds: number): string {
  if (seconds === 0) return '+00:00';
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  return `${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}`;
}

/** A formatter for `zone`; with `utc` the suffix is `Z`. NaN gives null. */
export function createTimeFormatter(zone: Zone, utc: boolean): TimeFormatter {
  return (t) => {
    if (t !== t) return null;
    const whole = Math.floor(t);
    const off = utc ? 0 : zone.offsetAt(whole);
    const d = new Date((whole + off) * 1000);
    const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    return base + (utc ? 'Z' : formatOffset(off));
  };
}
