// One line of spamdb(8) output → an entry (spamd-format.md §3). Pure: no I/O, never throws; a
// line that is not a well-formed entry comes back as a reject with a reason.
//
//   GREY|ip|helo|from|to|first|pass|expire|bcount|pcount     spamdb ≥ 1.13 (2007): 10 fields
//   GREY|ip|from|to|first|pass|expire|bcount|pcount          spamdb 1.11 (2004): 9 fields, no helo
//   WHITE|ip|||first|pass|expire|bcount|pcount               9 fields, two of them empty
//   TRAPPED|ip|expire
//   SPAMTRAP|address
//
// Times are epoch seconds (UTC). helo, from and to are written by the sender and never contain
// whitespace, but they may contain '|': a GREY line with more fields than its layout cannot be
// split without guessing, so it is rejected as 'ambiguous' rather than read wrongly.
import { isIP } from 'node:net';

export const SPAMDB_REJECTS = ['unknown-type', 'bad-fields', 'ambiguous', 'bad-number', 'bad-address', 'too-long'] as const;
/** Why a dump line could not be used. */
export type SpamdbReject = (typeof SPAMDB_REJECTS)[number];

export interface GreyEntry {
  kind: 'grey';
  ip: string;
  /** The HELO/EHLO name; '' when spamd had none; null in the old layout, which has no helo field. */
  helo: string | null;
  from: string;
  to: string;
  first: number;
  /** Time of the retry that passed; while not passed, a placeholder equal to `expire`. */
  pass: number;
  expire: number;
  /** How many times spamd blocked the tuple (one per RCPT): spamd's own attempt count. */
  bcount: number;
  pcount: number;
}

export interface WhiteEntry {
  kind: 'white';
  ip: string;
  first: number;
  /** When the address passed greylisting; the creation time for spamlogd/`spamdb -a` entries; 0 from a sync peer. */
  pass: number;
  expire: number;
  bcount: number;
  /** Connections spamlogd saw to the real MTA. */
  pcount: number;
}

export interface TrappedEntry {
  kind: 'trapped';
  ip: string;
  expire: number;
}

export interface SpamtrapEntry {
  kind: 'spamtrap';
  address: string;
}

export type SpamdbEntry = GreyEntry | WhiteEntry | TrappedEntry | SpamtrapEntry;

export type SpamdbOutcome = SpamdbEntry | { kind: 'blank' } | { kind: 'reject'; reason: SpamdbReject };

const INTEGER = /^-?\d{1,19}$/;

function reject(reason: SpamdbReject): SpamdbOutcome {
  return { kind: 'reject', reason };
}

/** The numeric fields, or null when one is not a safe integer. */
function numbers(fields: readonly string[]): number[] | null {
  const out: number[] = [];
  for (const f of fields) {
    if (!INTEGER.test(f)) return null;
    const n = Number(f);
    if (!Number.isSafeInteger(n)) return null;
    out.push(n);
  }
  return out;
}

function validIp(ip: string): boolean {
  return isIP(ip) !== 0;
}

export function parseSpamdbLine(line: string): SpamdbOutcome {
  const text = line.trim();
  if (text === '') return { kind: 'blank' };
  const f = text.split('|');
  const type = f[0]!;
  switch (type) {
    case 'GREY': {
      // 10 fields: with helo; 9: spamdb 1.11 without; more: a '|' inside helo/from/to.
      if (f.length > 10) return reject('ambiguous');
      if (f.length < 9) return reject('bad-fields');
      const withHelo = f.length === 10;
      const n = numbers(f.slice(-5));
      if (!n) return reject('bad-number');
      const ip = f[1]!;
      if (!validIp(ip)) return reject('bad-address');
      const [first, pass, expire, bcount, pcount] = n as [number, number, number, number, number];
      return {
        kind: 'grey',
        ip,
        helo: withHelo ? f[2]! : null,
        from: f[withHelo ? 3 : 2]!,
        to: f[withHelo ? 4 : 3]!,
        first,
        pass,
        expire,
        bcount,
        pcount,
      };
    }
    case 'WHITE': {
      // printf "WHITE|%s|||%lld|...": two empty fields between the address and the times.
      if (f.length !== 9 || f[2] !== '' || f[3] !== '') return reject('bad-fields');
      const n = numbers(f.slice(4));
      if (!n) return reject('bad-number');
      if (!validIp(f[1]!)) return reject('bad-address');
      const [first, pass, expire, bcount, pcount] = n as [number, number, number, number, number];
      return { kind: 'white', ip: f[1]!, first, pass, expire, bcount, pcount };
    }
    case 'TRAPPED': {
      if (f.length !== 3) return reject('bad-fields');
      const n = numbers([f[2]!]);
      if (!n) return reject('bad-number');
      if (!validIp(f[1]!)) return reject('bad-address');
      return { kind: 'trapped', ip: f[1]!, expire: n[0]! };
    }
    case 'SPAMTRAP': {
      // The address is the last field: everything after the first '|' belongs to it.
      const address = text.slice(type.length + 1);
      if (f.length < 2 || address === '') return reject('bad-fields');
      return { kind: 'spamtrap', address };
    }
    default:
      return reject('unknown-type');
  }
}

/** A GREY entry passed when a retry after passtime set `pass` before the placeholder `expire` (grey.c). */
export function greyPassed(e: GreyEntry): boolean {
  return e.pass < e.expire;
}
