// Inline SVG pictures for the HTML report: plain strings, no library, no scripts. Colours come
// from CSS classes (c-<verdict>), so a chart is a few bytes per bar. Every text that reaches a
// chart goes through escapeHtml, also our own labels.
import { VERDICTS, type Verdict } from '../analyze/verdicts.js';
import { escapeHtml as esc } from './escape.js';
import { ADDRESS_COLOURS } from './html-assets.js';
import type { AttemptsOverTime, TimeAxis } from './figures.js';

/** One decimal at most: short coordinates. */
function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** The CSS class that gives a verdict its colour; '' for anything that is not a verdict. */
export function verdictClass(v: unknown): string {
  return typeof v === 'string' && (VERDICTS as readonly string[]).includes(v) ? `c-${v}` : '';
}

/** The top of a value axis: the smallest of 1, 2, 3, 4, 5, 6, 8 × 10^k at or above x. */
export function niceCeil(x: number): number {
  if (x <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 3, 4, 5, 6, 8, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/** A bin width in words: 1 min, 30 min, 6 h, 1 day. */
export function widthLabel(seconds: number): string {
  if (seconds % 86_400 === 0) return seconds === 86_400 ? '1 day' : `${seconds / 86_400} days`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  return `${Math.round(seconds / 60)} min`;
}

/** A short tick label from an axis label (ISO time): the date for day bins, else the time of day (with the date when the axis spans days). */
export function tickLabel(iso: string, axis: TimeAxis): string {
  if (axis.width >= 86_400) return iso.slice(0, 10);
  if (axis.width * axis.bins > 86_400) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  return iso.slice(11, 16);
}

function svgOpen(id: string, w: number, h: number, label: string): string {
  return `<svg class="chart" data-chart="${esc(id)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>`;
}

export interface Bar {
  label: string;
  value: number;
  /** CSS colour class (c-<verdict>). */
  cls: string;
}

/** Horizontal bars with a label on the left and the value on the right: one bar per non-zero value. */
export function horizontalBars(id: string, title: string, bars: Bar[]): string {
  const labelW = 110;
  const barW = 240;
  const rowH = 20;
  const w = labelW + barW + 60;
  const h = bars.length * rowH + 6;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const out = [svgOpen(id, w, h, title)];
  for (const [i, b] of bars.entries()) {
    const y = 3 + i * rowH;
    const len = (b.value / max) * barW;
    out.push(`<text class="lb" x="${labelW - 6}" y="${y + 14}" text-anchor="end">${esc(b.label)}</text>`);
    if (b.value > 0) {
      out.push(`<rect class="bar ${esc(b.cls)}" x="${labelW}" y="${y + 2}" width="${n(Math.max(1, len))}" height="${rowH - 4}"><title>${esc(`${b.label}: ${b.value}`)}</title></rect>`);
    }
    out.push(`<text class="val" x="${n(labelW + Math.max(1, len) + 5)}" y="${y + 14}">${b.value}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}

/** Vertical bars over categories (a histogram): one bar per non-zero value, the value above it. */
export function verticalBars(id: string, title: string, bars: Bar[]): string {
  const slot = 62;
  const plotH = 130;
  const top = 18;
  const w = bars.length * slot + 10;
  const h = top + plotH + 24;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const out = [svgOpen(id, w, h, title), `<line class="axis" x1="5" x2="${w - 5}" y1="${top + plotH}" y2="${top + plotH}"/>`];
  for (const [i, b] of bars.entries()) {
    const x = 5 + i * slot;
    const bh = b.value > 0 ? Math.max(1, (b.value / max) * plotH) : 0;
    if (b.value > 0) {
      out.push(`<rect class="bar ${esc(b.cls)}" x="${x + 8}" y="${n(top + plotH - bh)}" width="${slot - 16}" height="${n(bh)}"><title>${esc(`${b.label}: ${b.value}`)}</title></rect>`);
    }
    out.push(`<text class="val" x="${x + slot / 2}" y="${n(top + plotH - bh - 4)}" text-anchor="middle">${b.value}</text>`);
    out.push(`<text class="lb" x="${x + slot / 2}" y="${top + plotH + 16}" text-anchor="middle">${esc(b.label)}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}

/** Stacked bars of attempts per time bin, one colour per verdict, with a value axis and time ticks. */
export function attemptsChart(id: string, data: AttemptsOverTime): string {
  const { axis, series } = data;
  const left = 46;
  const right = 10;
  const top = 10;
  const plotW = 860;
  const plotH = 170;
  const w = left + plotW + right;
  const h = top + plotH + 30;
  const totals = new Array<number>(axis.bins).fill(0);
  for (const s of series) s.counts.forEach((c, i) => (totals[i]! += c));
  const max = niceCeil(Math.max(1, ...totals));
  const binW = plotW / axis.bins;
  const gap = binW >= 4 ? 1 : 0;
  const y = (v: number): number => top + plotH - (v / max) * plotH;
  const title = `Attempts per ${widthLabel(axis.width)} by verdict of their ${data.unit}`;
  const out = [svgOpen(id, w, h, title)];
  for (const v of [0, max / 2, max]) {
    out.push(`<line class="grid" x1="${left}" x2="${left + plotW}" y1="${n(y(v))}" y2="${n(y(v))}"/>`);
    if (Number.isInteger(v)) out.push(`<text class="lb" x="${left - 5}" y="${n(y(v) + 4)}" text-anchor="end">${v}</text>`);
  }
  const step = Math.max(1, Math.ceil(axis.bins / 8));
  for (let i = 0; i < axis.bins; i += step) {
    const x = left + i * binW;
    out.push(`<line class="tick" x1="${n(x)}" x2="${n(x)}" y1="${top + plotH}" y2="${top + plotH + 4}"/>`);
    out.push(`<text class="lb" x="${n(x)}" y="${top + plotH + 17}">${esc(tickLabel(axis.labels[i] ?? '', axis))}</text>`);
  }
  const base = new Array<number>(axis.bins).fill(0);
  for (const s of series) {
    for (let i = 0; i < axis.bins; i++) {
      const c = s.counts[i]!;
      if (c === 0) continue;
      const y1 = y(base[i]! + c);
      const bh = Math.max(0.5, y(base[i]!) - y1);
      base[i]! += c;
      const label = `${axis.labels[i] ?? ''} +${widthLabel(axis.width)}: ${s.verdict} ${c}`;
      out.push(`<rect class="bar ${verdictClass(s.verdict)}" x="${n(left + i * binW)}" y="${n(y1)}" width="${n(Math.max(0.5, binW - gap))}" height="${n(bh)}"><title>${esc(label)}</title></rect>`);
    }
  }
  out.push('</svg>');
  return out.join('');
}

/** Colour key for verdicts (HTML). */
export function verdictLegend(verdicts: readonly Verdict[]): string {
  return `<p class="legend">${verdicts.map((v) => `<span><i class="sw ${verdictClass(v)}"></i>${esc(v)}</span>`).join(' ')}</p>`;
}

export const SPARK_H = 16;

/** A row's attempts over the window: 2 px per bin, each row scaled to its own busiest bin. */
export function sparkline(values: readonly number[]): string {
  const w = Math.max(2, values.length * 2);
  const max = Math.max(0, ...values);
  const total = values.reduce((x, y) => x + y, 0);
  let d = '';
  if (max > 0) {
    for (const [i, v] of values.entries()) {
      if (v > 0) d += `M${i * 2 + 1} ${SPARK_H}v-${n(Math.max(2, (v / max) * SPARK_H))}`;
    }
  }
  const title = `${total} attempt${total === 1 ? '' : 's'}`;
  return `<svg class="spark" viewBox="0 0 ${w} ${SPARK_H}" width="${w}" height="${SPARK_H}"><title>${title}</title>${d ? `<path d="${d}"/>` : ''}</svg>`;
}

export interface TimelineDot {
  /** Epoch seconds. */
  t: number;
  /** Index of the source address: its colour (CSS a0, a1, ...; more addresses than colours reuse them in order). */
  address: number;
  /** Hover text. */
  label: string;
  /** false: known only as a first or last attempt (drawn hollow). */
  exact: boolean;
}

export interface TimelineMarks {
  /** spamd's passtime and greyexp, seconds after the first attempt: the pass window. */
  passtime: number;
  greyexp: number;
  /** RFC 5321 §4.5.4.1's retry interval (30 minutes), seconds. */
  rfcRetry: number;
}


/** Offsets from the first attempt in words: 0, +30m, +1h30m, +2d. */
export function offsetLabel(s: number): string {
  if (s === 0) return '0';
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.round(s % 60);
  return '+' + [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : '', sec ? `${sec}s` : ''].join('');
}

const TICK_STEPS = [60, 300, 600, 1800, 3600, 2 * 3600, 4 * 3600, 6 * 3600, 12 * 3600, 86_400, 2 * 86_400, 7 * 86_400, 30 * 86_400];

/**
 * One message's attempts as dots on a time axis from its first attempt, coloured by source
 * address; spamd's pass window (first + passtime to first + greyexp) shaded, RFC 5321's 30-minute
 * retry interval marked. Dots closer than their size stack upwards, so two attempts a second
 * apart show as two dots.
 */
export function attemptTimeline(id: string, dots: readonly TimelineDot[], marks: TimelineMarks): string {
  const left = 12;
  const right = 16;
  const plotW = 840;
  const r = 5;
  const sorted = [...dots].sort((a, b) => a.t - b.t);
  const t0 = sorted[0]?.t ?? 0;
  const last = sorted[sorted.length - 1]?.t ?? t0;
  const span = Math.max(last - t0, marks.greyexp) * 1.04;
  const x = (t: number): number => left + ((t - t0) / span) * plotW;
  // Stack: each dot on the lowest level where it keeps clear of the dots already there.
  const levels: number[][] = [];
  const placed = sorted.map((d) => {
    const cx = x(d.t);
    let level = levels.findIndex((xs) => xs.every((px) => Math.abs(px - cx) >= 2 * r + 1));
    if (level < 0) level = levels.push([]) - 1;
    levels[level]!.push(cx);
    return { d, cx, level };
  });
  const stackH = Math.max(1, levels.length) * (2 * r + 2);
  const top = 22;
  const axisY = top + stackH + 6;
  const w = left + plotW + right;
  const h = axisY + 20;
  const label = `${dots.length} attempt${dots.length === 1 ? '' : 's'} on a time axis from the first; shaded: spamd's pass window; dashed: RFC 5321's 30 minutes`;
  const out = [svgOpen(id, w, h, label)];
  const p0 = x(t0 + marks.passtime);
  const p1 = x(t0 + marks.greyexp);
  out.push(`<rect class="passwin" x="${n(p0)}" y="${top - 4}" width="${n(p1 - p0)}" height="${stackH + 10}"><title>${esc(`spamd passes a retry from ${offsetLabel(marks.passtime)} to ${offsetLabel(marks.greyexp)}`)}</title></rect>`);
  out.push(`<text class="lb" x="${n((p0 + p1) / 2)}" y="${top - 8}" text-anchor="middle">${esc(`spamd's pass window: ${offsetLabel(marks.passtime)} to ${offsetLabel(marks.greyexp)} after the first attempt`)}</text>`);
  const rfc = x(t0 + marks.rfcRetry);
  out.push(`<text class="lb rfc-lb" x="${n(rfc - 3)}" y="${top - 8}" text-anchor="end">RFC 5321: 30 min</text>`);
  out.push(`<line class="rfc" x1="${n(rfc)}" x2="${n(rfc)}" y1="${top - 4}" y2="${axisY}"><title>RFC 5321 4.5.4.1: retry interval at least 30 minutes (SHOULD)</title></line>`);
  out.push(`<line class="axis" x1="${left}" x2="${left + plotW}" y1="${axisY}" y2="${axisY}"/>`);
  const step = TICK_STEPS.find((s) => span / s <= 8) ?? Math.ceil(span / 8 / 86_400) * 86_400;
  for (let s = 0; s <= span; s += step) {
    out.push(`<line class="tick" x1="${n(x(t0 + s))}" x2="${n(x(t0 + s))}" y1="${axisY}" y2="${axisY + 4}"/>`);
    out.push(`<text class="lb" x="${n(x(t0 + s))}" y="${axisY + 16}" text-anchor="${s === 0 ? 'start' : 'middle'}">${offsetLabel(s)}</text>`);
  }
  for (const { d, cx, level } of placed) {
    const cy = top + stackH - r - 1 - level * (2 * r + 2);
    out.push(`<circle class="dot a${d.address % ADDRESS_COLOURS.length}${d.exact ? '' : ' hollow'}" cx="${n(cx)}" cy="${n(cy)}" r="${r}"><title>${esc(d.label)}</title></circle>`);
  }
  out.push('</svg>');
  return out.join('');
}
