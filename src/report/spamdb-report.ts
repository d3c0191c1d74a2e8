// `spamd-report spamdb`: the report of a spamdb listing itself, in the same Report model as the
// log commands (so every format renders it). Entries are judged at one instant: when the listing
// was taken (--until, else the file's modification time, else now).
import { whiteOrigin } from '../analyze/spamdb-index.js';
import { dumpEntries, dumpRejected, type SpamdbDump } from '../parse/spamdb-dump.js';
import { greyPassed, type GreyEntry } from '../parse/spamdb.js';
import type { Cell, Column, Report, Row, Table } from './model.js';
import type { TimeFormatter } from './format-time.js';

export const GREY_STATES = ['passed', 'waiting', 'can-pass', 'expired'] as const;
/**
 * A GREY tuple at the judging time D: `passed` (a retry after passtime passed; the scanner
 * whitelists the address), `waiting` (D ≤ first + passtime: a retry now is still refused),
 * `can-pass` (a retry now passes), `expired` (D ≥ expire without a pass: spamd deletes it).
 */
export type GreyState = (typeof GREY_STATES)[number];

export function greyState(g: GreyEntry, at: number, passtime: number): GreyState {
  if (greyPassed(g)) return 'passed';
  if (at >= g.expire) return 'expired';
  if (at <= g.first + passtime) return 'waiting';
  return 'can-pass';
}

export type JudgedFrom = 'until' | 'mtime' | 'now';

export interface SpamdbReportContext {
  dump: SpamdbDump;
  /** The judging instant, epoch seconds, and where it came from. */
  at: number;
  atFrom: JudgedFrom;
  passtime: number;
  formatTime: TimeFormatter;
  zoneName: string;
  version: string;
}

export const GREY_COLUMNS: Column[] = [
  { key: 'ip' },
  { key: 'helo', untrusted: true },
  { key: 'sender', untrusted: true },
  { key: 'recipient', untrusted: true },
  { key: 'state' },
  { key: 'bcount', numeric: true },
  { key: 'first_seen' },
  { key: 'age_s', numeric: true },
  { key: 'passed_at' },
  { key: 'passes_after' },
  { key: 'expires' },
];

export const WHITE_COLUMNS: Column[] = [
  { key: 'ip' },
  { key: 'origin' },
  { key: 'first_seen' },
  { key: 'passed_at' },
  { key: 'waited_s', numeric: true },
  { key: 'bcount', numeric: true },
  { key: 'pcount', numeric: true },
  { key: 'expires' },
  { key: 'expired' },
];

export const TRAPPED_COLUMNS: Column[] = [{ key: 'ip' }, { key: 'expires' }, { key: 'expired' }];

const KV_COLUMNS: Column[] = [{ key: 'key' }, { key: 'value', numeric: true }];

const FROM_TEXT: Record<JudgedFrom, string> = {
  until: 'the --until option',
  mtime: "the file's modification time",
  now: 'now (standard input)',
};

function kv(rows: Array<[string, Cell]>): Row[] {
  return rows.map(([key, value]) => ({ key, value }));
}

function ipOrder(a: string, b: string): number {
  const key = (ip: string): string => {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
    return m ? m.slice(1).map((p) => p.padStart(3, '0')).join('.') : ip;
  };
  const x = key(a);
  const y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function buildSpamdbReport(ctx: SpamdbReportContext): Report {
  const { dump: d, at, passtime, formatTime: f } = ctx;
  const states = new Map<GreyState, number>(GREY_STATES.map((s) => [s, 0]));
  const grey = [...d.grey].sort((x, y) => x.first - y.first || ipOrder(x.ip, y.ip) || (x.from < y.from ? -1 : x.from > y.from ? 1 : 0) || (x.to < y.to ? -1 : x.to > y.to ? 1 : 0));
  const greyRows: Row[] = grey.map((g) => {
    const state = greyState(g, at, passtime);
    states.set(state, states.get(state)! + 1);
    return {
      ip: g.ip,
      helo: g.helo,
      sender: g.from,
      recipient: g.to,
      state,
      bcount: g.bcount,
      first_seen: f(g.first),
      age_s: Math.max(0, at - g.first),
      passed_at: greyPassed(g) ? f(g.pass) : null,
      passes_after: f(g.first + passtime),
      expires: f(g.expire),
    };
  });
  const white = [...d.white].sort((x, y) => x.pass - y.pass || ipOrder(x.ip, y.ip));
  const whiteRows: Row[] = white.map((w) => {
    const origin = whiteOrigin(w);
    return {
      ip: w.ip,
      origin,
      first_seen: f(w.first),
      passed_at: origin === 'sync' ? null : f(w.pass),
      waited_s: origin === 'greylisting' ? w.pass - w.first : null,
      bcount: w.bcount,
      pcount: w.pcount,
      expires: f(w.expire),
      expired: at >= w.expire,
    };
  });
  const trapped = [...d.trapped].sort((x, y) => x.expire - y.expire || ipOrder(x.ip, y.ip));
  const layout = d.layouts.helo > 0 && d.layouts.old > 0 ? 'both' : d.layouts.old > 0 ? 'without helo (spamdb 1.11)' : d.layouts.helo > 0 ? 'with helo' : null;

  const tables: Table[] = [
    {
      name: 'listing',
      title: 'spamdb listing',
      columns: KV_COLUMNS,
      keyValue: true,
      rows: kv([
        ['file', d.source],
        ['judged_at', f(at)],
        ['judged_at_from', FROM_TEXT[ctx.atFrom]],
        ['zone', ctx.zoneName],
        ['lines', d.lines],
        ['entries', dumpEntries(d)],
        ['blank', d.blank],
        ['unparsed', dumpRejected(d)],
        ...Object.entries(d.rejected).map(([k, v]): [string, Cell] => [`unparsed_${k.replace(/-/g, '_')}`, v]),
        ['invalid_utf8', d.invalidUtf8],
        ['grey_layout', layout],
        ['passtime_s', passtime],
        ['version', ctx.version],
      ]),
    },
    {
      name: 'entries',
      title: 'Entries by type',
      columns: [{ key: 'type' }, { key: 'entries', numeric: true }],
      rows: [
        { type: 'GREY', entries: d.grey.length },
        { type: 'WHITE', entries: d.white.length },
        { type: 'TRAPPED', entries: d.trapped.length },
        { type: 'SPAMTRAP', entries: d.spamtraps.length },
      ],
    },
    {
      name: 'grey_states',
      title: 'GREY tuples by state',
      columns: [{ key: 'state' }, { key: 'tuples', numeric: true }],
      rows: GREY_STATES.map((s) => ({ state: s, tuples: states.get(s)! })),
    },
    { name: 'grey', title: 'GREY tuples (address, helo, sender, recipient)', columns: GREY_COLUMNS, rows: greyRows },
    { name: 'white', title: 'WHITE addresses', columns: WHITE_COLUMNS, rows: whiteRows },
    {
      name: 'trapped',
      title: 'TRAPPED addresses',
      columns: TRAPPED_COLUMNS,
      rows: trapped.map((t) => ({ ip: t.ip, expires: f(t.expire), expired: at >= t.expire })),
    },
    {
      name: 'spamtraps',
      title: 'SPAMTRAP addresses',
      columns: [{ key: 'address', untrusted: true }],
      rows: d.spamtraps.map((s) => ({ address: s.address })).sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0)),
    },
  ];
  if (d.examples.length > 0) {
    tables.push({
      name: 'unparsed',
      title: 'Lines not understood (first examples)',
      columns: [{ key: 'reason' }, { key: 'where', untrusted: true }, { key: 'text', untrusted: true }],
      rows: d.examples.map((e) => ({ reason: e.reason, where: `${e.source}:${e.line}`, text: e.text })),
    });
  }

  const notes: string[] = [];
  if (d.lines > 0 && dumpEntries(d) === 0) notes.push('No spamdb entries were found in the input: is it the output of spamdb(8)?');
  notes.push(`Entries are judged at ${f(at)} (${FROM_TEXT[ctx.atFrom]}): the state of a GREY tuple depends on when the listing was taken; give --until if that was another time.`);
  if (d.layouts.helo > 0 && d.layouts.old > 0) {
    notes.push(`The listing mixes GREY lines with helo (${d.layouts.helo}) and without (${d.layouts.old}): one spamdb prints only one layout, so some lines may have '|' inside an address and be split wrongly.`);
  }
  if (d.error) notes.push(`Input not fully read: ${d.error}`);
  return { command: 'spamdb', tables, notes };
}
