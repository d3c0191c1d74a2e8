// Data for pictures that the tables do not carry: attempts over time by verdict, and per-row
// sparklines. Built from each key's activity (collected only for --format html) on one time axis
// of whole bins in the output zone; the renderer only draws.
import { VERDICTS, type Verdict } from '../analyze/verdicts.js';
import type { Activity } from '../analyze/activity.js';
import { buildMessages } from '../analyze/messages.js';
import type { TimeFormatter } from './format-time.js';
import type { ReportContext, Row } from './model.js';

/** Bin i covers [start + i * width, start + (i + 1) * width), epoch seconds. */
export interface TimeAxis {
  start: number;
  width: number;
  bins: number;
  /** ISO 8601 time of each bin's start, in the output zone. */
  labels: string[];
}

/** Attempts per bin, one series per verdict that has any (in VERDICTS order). */
export interface AttemptsOverTime {
  axis: TimeAxis;
  /** What the verdicts belong to. */
  unit: 'triplets' | 'addresses';
  series: Array<{ verdict: Verdict; counts: number[] }>;
}

/** One attempt-count series per table row, on one axis (the analysed window). */
export interface Sparklines {
  axis: TimeAxis;
  values: number[][];
}

/** Bin widths a reader can name, seconds: each is a multiple of every activity width below it. */
const NICE_WIDTHS = [60, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 7 * 86_400];

/** Most bins on the attempts-over-time chart and on a sparkline. */
export const TIMELINE_BINS = 128;
export const SPARKLINE_BINS = 48;

/** The UTC offset, seconds, that an ISO time written by the formatter carries. */
export function offsetOf(iso: string | null): number {
  const m = iso === null ? null : /([+-])(\d\d):(\d\d)$/.exec(iso);
  if (!m) return 0;
  const s = Number(m[2]) * 3600 + Number(m[3]) * 60;
  return m[1] === '-' ? -s : s;
}

/**
 * The axis over [first, last] with the narrowest nice width that gives at most `maxBins` bins and
 * is a multiple of every activity width in use (`coarsest`). Bins align with the output zone's
 * clock (whole hours, midnights) at its offset at `first`.
 */
export function timeAxis(first: number, last: number, coarsest: number, maxBins: number, format: TimeFormatter): TimeAxis {
  const off = offsetOf(format(first));
  const span = (w: number): number => Math.floor((last + off) / w) - Math.floor((first + off) / w) + 1;
  let width = NICE_WIDTHS.find((w) => w >= coarsest && w % coarsest === 0 && span(w) <= maxBins);
  if (width === undefined) {
    const week = 7 * 86_400;
    width = week * Math.ceil(span(week) / maxBins);
  }
  const start = Math.floor((first + off) / width) * width - off;
  const bins = span(width);
  const labels: string[] = [];
  for (let i = 0; i < bins; i++) labels.push(format(start + i * width) ?? '');
  return { start, width, bins, labels };
}

/** Add a key's attempts into `counts` on `axis` (attempts just outside the window go to the edge bins). */
export function addActivity(counts: number[], activity: Activity | null | undefined, axis: TimeAxis): void {
  if (!activity) return;
  for (let i = 0; i < activity.runs.length; i += 2) {
    const t = activity.runs[i]! * activity.width;
    const bin = Math.min(axis.bins - 1, Math.max(0, Math.floor((t - axis.start) / axis.width)));
    counts[bin]! += activity.runs[i + 1]!;
  }
}

function coarsest(items: ReadonlyArray<{ activity?: Activity | null | undefined }>): number {
  let w = 60;
  for (const it of items) if (it.activity && it.activity.width > w) w = it.activity.width;
  return w;
}

export interface Window {
  first: number;
  last: number;
}

/** Attempts per bin split by verdict; null when nothing was analysed or activity was not collected. */
export function attemptsOverTime(
  items: ReadonlyArray<{ verdict: Verdict; activity?: Activity | null | undefined }>,
  unit: AttemptsOverTime['unit'],
  window: Window,
  format: TimeFormatter,
): AttemptsOverTime | null {
  if (!(window.last >= window.first) || !items.some((i) => i.activity)) return null;
  const axis = timeAxis(window.first, window.last, coarsest(items), TIMELINE_BINS, format);
  const byVerdict = new Map<Verdict, number[]>();
  for (const it of items) {
    if (!it.activity) continue;
    let counts = byVerdict.get(it.verdict);
    if (!counts) byVerdict.set(it.verdict, (counts = new Array<number>(axis.bins).fill(0)));
    addActivity(counts, it.activity, axis);
  }
  const series = VERDICTS.filter((v) => byVerdict.has(v)).map((verdict) => ({ verdict, counts: byVerdict.get(verdict)! }));
  return { axis, unit, series };
}

/** One sparkline per item, in the items' order; null when nothing was analysed or activity was not collected. */
export function sparklines(items: ReadonlyArray<{ activity?: Activity | null | undefined }>, window: Window, format: TimeFormatter, collected: boolean): Sparklines | null {
  return groupSparklines(items.map((it) => [it]), window, format, collected);
}

/** One sparkline per group of keys (all of a domain's triplets, say), in the groups' order. */
export function groupSparklines(
  groups: ReadonlyArray<ReadonlyArray<{ activity?: Activity | null | undefined }>>,
  window: Window,
  format: TimeFormatter,
  collected: boolean,
): Sparklines | null {
  if (!collected || !(window.last >= window.first)) return null;
  const axis = timeAxis(window.first, window.last, coarsest(groups.flat()), SPARKLINE_BINS, format);
  return {
    axis,
    values: groups.map((g) => {
      const counts = new Array<number>(axis.bins).fill(0);
      for (const it of g) addActivity(counts, it.activity, axis);
      return counts;
    }),
  };
}

/** The `domains` rows' sparklines: the attempts of every triplet of the domain's messages. */
export function domainSparklines(rows: readonly Row[], ctx: ReportContext): Sparklines | null {
  const byDomain = new Map<string, Array<{ activity?: Activity | null | undefined }>>();
  for (const m of buildMessages(ctx.analysis.triplets)) {
    const list = byDomain.get(m.domain);
    if (list) list.push(...m.triplets);
    else byDomain.set(m.domain, [...m.triplets]);
  }
  return groupSparklines(rows.map((r) => byDomain.get(String(r.domain ?? '')) ?? []), ctx.analysis, ctx.formatTime, ctx.options.format === 'html');
}
