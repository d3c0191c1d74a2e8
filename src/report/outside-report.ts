// What the log reports show of facts from outside the log: the spamdb listing (--spamdb) as
// columns of their own (spamdb_*, source, verdict_from), and summary sections and notes for it
// and for the excusal lists (--exclude-from). Nothing here decides a verdict.
import type { AddressResult, Analysis, TripletResult } from '../analyze/analyzer.js';
import type { ExcusalList } from '../analyze/excusal.js';
import { dumpEntries, dumpRejected, type SpamdbDump } from '../parse/spamdb-dump.js';
import type { Cell, Column, Row, Table } from './model.js';
import type { TimeFormatter } from './format-time.js';

export interface OutsideContext {
  dump: SpamdbDump | null;
  excusals: ExcusalList | null;
}

export const TRIPLET_SPAMDB_COLUMNS: Column[] = [
  { key: 'source' },
  { key: 'verdict_from' },
  { key: 'spamdb_helo', untrusted: true },
  { key: 'spamdb_bcount', numeric: true },
  { key: 'spamdb_first_seen' },
  { key: 'spamdb_passed_at' },
];

export const SENDER_SPAMDB_COLUMNS: Column[] = [
  { key: 'verdict_from' },
  { key: 'spamdb_grey', numeric: true },
  { key: 'spamdb_bcount', numeric: true },
  { key: 'spamdb_white_since' },
  { key: 'spamdb_trapped_until' },
];

function num(n: number): number | null {
  return n === n && Number.isFinite(n) ? n : null;
}

/** The triplets or senders columns, with the listing's columns when there is one. */
export function outsideColumns(base: Column[], kind: 'triplets' | 'senders', outside: OutsideContext | undefined): Column[] {
  if (!outside?.dump) return base;
  return [...base, ...(kind === 'triplets' ? TRIPLET_SPAMDB_COLUMNS : SENDER_SPAMDB_COLUMNS)];
}

export function tripletOutsideCells(t: TripletResult, f: TimeFormatter, outside: OutsideContext | undefined): Row {
  if (!outside?.dump) return {};
  const d = t.spamdb;
  return {
    source: d ? (d.only ? 'spamdb' : 'log+spamdb') : 'log',
    verdict_from: t.verdictFrom ?? 'log',
    spamdb_helo: d ? d.helo : null,
    spamdb_bcount: d ? num(d.bcount) : null,
    spamdb_first_seen: d ? f(d.first) : null,
    spamdb_passed_at: d ? f(d.passedAt) : null,
  };
}

export function senderOutsideCells(a: AddressResult, f: TimeFormatter, outside: OutsideContext | undefined): Row {
  if (!outside?.dump) return {};
  const d = a.spamdb;
  return {
    verdict_from: a.verdictFrom ?? 'log',
    spamdb_grey: d ? d.grey : 0,
    spamdb_bcount: d && d.grey > 0 ? d.bcount : null,
    spamdb_white_since: d ? f(d.whiteSince) : null,
    spamdb_trapped_until: d ? f(d.trappedUntil) : null,
  };
}

function kv(rows: Array<[string, Cell]>): Row[] {
  return rows.map(([key, value]) => ({ key, value }));
}

const KV_COLUMNS: Column[] = [{ key: 'key' }, { key: 'value', numeric: true }];

function count<T>(items: readonly T[], pred: (x: T) => boolean): number {
  let n = 0;
  for (const x of items) if (pred(x)) n++;
  return n;
}

/** Summary sections: the listing and how it joined; the excusal lists and whom they excused. */
export function outsideSummaryTables(a: Analysis, outside: OutsideContext | undefined): Table[] {
  const tables: Table[] = [];
  const dump = outside?.dump;
  if (dump) {
    tables.push({
      name: 'spamdb',
      title: 'spamdb listing (--spamdb)',
      columns: KV_COLUMNS,
      keyValue: true,
      rows: kv([
        ['file', dump.source],
        ['entries', dumpEntries(dump)],
        ['grey', dump.grey.length],
        ['white', dump.white.length],
        ['trapped', dump.trapped.length],
        ['spamtrap', dump.spamtraps.length],
        ['unparsed', dumpRejected(dump)],
        ['addresses_in_listing', count(a.addresses, (x) => x.spamdb !== undefined)],
        ['triplets_in_listing', count(a.triplets, (t) => t.spamdb !== undefined && !t.spamdb.only)],
        ['triplets_only_in_listing', count(a.triplets, (t) => t.spamdb?.only === true)],
        ['triplet_verdicts_from_listing', count(a.triplets, (t) => t.verdictFrom === 'spamdb' && t.spamdb?.only !== true)],
        ['address_verdicts_from_listing', count(a.addresses, (x) => x.verdictFrom === 'spamdb')],
      ]),
    });
    if (dump.examples.length > 0) {
      tables.push({
        name: 'spamdb_unparsed',
        title: 'spamdb lines not understood (first examples)',
        columns: [{ key: 'reason' }, { key: 'where', untrusted: true }, { key: 'text', untrusted: true }],
        rows: dump.examples.map((e) => ({ reason: e.reason, where: `${e.source}:${e.line}`, text: e.text })),
      });
    }
  }
  const ex = outside?.excusals;
  if (ex) {
    tables.push({
      name: 'excusals',
      title: 'Excused addresses (--exclude-from)',
      columns: KV_COLUMNS,
      keyValue: true,
      rows: kv([
        ['files', ex.sources.join(' ')],
        ['entries', ex.size],
        ['excused_addresses', count(a.addresses, (x) => x.verdict === 'excused')],
        ['excused_triplets', count(a.triplets, (t) => t.verdict === 'excused')],
        ['listed_addresses_seen', count(a.addresses, (x) => ex.isExcused(x.ip))],
      ]),
    });
  }
  return tables;
}

export function outsideNotes(a: Analysis, outside: OutsideContext | undefined, command: string): string[] {
  const notes: string[] = [];
  const dump = outside?.dump;
  if (dump) {
    const decided = count(a.triplets, (t) => t.verdictFrom === 'spamdb' && t.spamdb?.only !== true) + count(a.addresses, (x) => x.verdictFrom === 'spamdb');
    notes.push(
      command === 'triplets' || command === 'senders'
        ? `Columns source, verdict_from and spamdb_* come from the spamdb listing ${dump.source} (${dumpEntries(dump)} entries; its times are spamd's own, in UTC): ` +
            'verdict_from=spamdb marks a verdict that the listing decided (a WHITE entry or a passed GREY tuple shows that the sender passed greylisting).'
        : `Verdicts use the spamdb listing ${dump.source} (${dumpEntries(dump)} entries): it decided ${decided} of them (a WHITE entry or a passed GREY tuple shows that the sender passed greylisting); its section says what it added.`,
    );
    const only = count(a.triplets, (t) => t.spamdb?.only === true);
    if (only > 0) {
      notes.push(`${only} triplet(s) are known from the spamdb listing only (source=spamdb): the log has no envelope for them, so their verdict is the listing's state when it was taken (passed or pending) and their attempts are spamd's count (spamdb_bcount).`);
    }
    if (dump.layouts.helo > 0 && dump.layouts.old > 0) {
      notes.push(`The spamdb listing mixes GREY lines with helo (${dump.layouts.helo}) and without (${dump.layouts.old}): one spamdb prints only one layout, so some lines may have '|' inside an address and be split wrongly.`);
    }
    if (dump.error) notes.push(`spamdb listing not fully read: ${dump.error}`);
  }
  const ex = outside?.excusals;
  if (ex) {
    const n = count(a.addresses, (x) => x.verdict === 'excused');
    const t = count(a.triplets, (x) => x.verdict === 'excused');
    notes.push(`${n} address(es) and ${t} triplet(s) are excused by --exclude-from ${ex.sources.join(', ')} (${ex.size} entries): verdicts that would flag them read 'excused'.`);
  }
  return notes;
}
