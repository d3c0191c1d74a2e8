// The analyzer's results as views over its tables: a TripletResult or AddressResult here is an
// object of two fields (the tables and a key number) whose properties are read from the typed
// arrays the analyzer filled, not a copy of them. Half a million results then cost about 12 MB
// instead of about 150 MB (docs/performance.md). Read-only, except for the spamdb facts that
// --spamdb adds (spamdb-join.ts).
import { activityOf, type Activity } from './activity.js';
import { ATTEMPTS, ATTEMPT_FIELDS, FIRST, FIRST_RETRY, LAST, MAX_GAP, type AttemptTable } from './attempt-table.js';
import type { AttemptState } from './attempts.js';
import type { StringPool, TripletIndex } from './key-index.js';
import type { VerdictSource } from './outside-facts.js';
import type { AddressDumpFacts, TripletDumpFacts } from './spamdb-join.js';
import { RETRY_PATTERNS, VERDICTS, type RetryPattern, type Verdict } from './verdicts.js';
import type { AddressResult, AttemptRecord, TripletResult } from './analyzer.js';

// Per-address numbers kept after the attempt fields in the address table's rows.
export const A_SESSIONS = ATTEMPT_FIELDS;
export const A_GREYLISTED = ATTEMPT_FIELDS + 1;
export const A_BLACKLISTED = ATTEMPT_FIELDS + 2;
/** Latest blacklisting (session on a list, trap, `blacklisted` line); -Infinity if none. */
export const A_LAST_BLACK = ATTEMPT_FIELDS + 3;
/** First and last time the address was seen at all (any session or line), not only attempts. */
export const A_FIRST = ATTEMPT_FIELDS + 4;
export const A_LAST = ATTEMPT_FIELDS + 5;
/** First `whitelisting` / spamlogd inbound line; NaN if none. */
export const A_WHITELISTED_AT = ATTEMPT_FIELDS + 6;
/** Time of the last envelope counted as an attempt without a session around it; NaN if none. */
export const A_ORPHAN_AT = ATTEMPT_FIELDS + 7;
export const A_EXTRA = 8;
/** Per triplet: 1 when one of its attempts was in a blacklisted session. */
export const T_BLACK = ATTEMPT_FIELDS;
export const T_EXTRA = 1;

export const VERDICT_SOURCES: readonly VerdictSource[] = ['log', 'spamdb', 'exclude-from'];

/** What the views read: the analyzer's tables after finish(), and the verdicts it decided. */
export interface ResultTables {
  senders: StringPool;
  recipients: StringPool;
  heloNames: StringPool;
  index: TripletIndex;
  addressIp: readonly string[];
  addressLists: readonly string[];
  addresses: AttemptTable;
  triplets: AttemptTable;
  /** HELO name per triplet, a number in `heloNames`. */
  helos: Int32Array;
  /** Per triplet: the message key when it carried its message with others, else ''. */
  messageKey: readonly string[];
  otherIps: Int32Array;
  tripletCount: Int32Array;
  /** Indexes into VERDICTS, RETRY_PATTERNS and VERDICT_SOURCES. */
  tripletVerdict: Uint8Array;
  tripletRetry: Uint8Array;
  tripletFrom: Uint8Array;
  addressVerdict: Uint8Array;
  addressRetry: Uint8Array;
  addressFrom: Uint8Array;
  tripletRecords: ReadonlyMap<number, AttemptRecord[]>;
  addressRecords: ReadonlyMap<number, AttemptRecord[]>;
  tripletActivity: ReadonlyMap<number, number[]> | null;
  addressActivity: ReadonlyMap<number, number[]> | null;
}

function activity(table: AttemptTable, runs: ReadonlyMap<number, number[]> | null, id: number): Activity | null {
  if (runs === null) return null;
  const state: AttemptState = table.get(id);
  return activityOf(runs.get(id) ?? null, state);
}

export class TripletView implements TripletResult {
  declare spamdb?: TripletDumpFacts;
  private readonly r: ResultTables;
  private readonly id: number;
  constructor(r: ResultTables, id: number) {
    this.r = r;
    this.id = id;
  }
  private num(field: number): number {
    return this.r.triplets.data()[this.id * this.r.triplets.stride + field]!;
  }
  get ip(): string {
    return this.r.addressIp[this.r.index.addr(this.id)]!;
  }
  get sender(): string {
    return this.r.senders.get(this.r.index.from(this.id));
  }
  get recipient(): string {
    return this.r.recipients.get(this.r.index.to(this.id));
  }
  get verdict(): Verdict {
    return VERDICTS[this.r.tripletVerdict[this.id]!]!;
  }
  get retry(): RetryPattern {
    return RETRY_PATTERNS[this.r.tripletRetry[this.id]!]!;
  }
  get verdictFrom(): VerdictSource {
    return VERDICT_SOURCES[this.r.tripletFrom[this.id]!]!;
  }
  get attempts(): number {
    return this.num(ATTEMPTS);
  }
  get first(): number {
    return this.num(FIRST);
  }
  get last(): number {
    return this.num(LAST);
  }
  get firstRetry(): number {
    return this.num(FIRST_RETRY);
  }
  get maxGap(): number {
    return this.num(MAX_GAP);
  }
  get otherIps(): number {
    return this.r.otherIps[this.id]!;
  }
  get helo(): string {
    return this.r.heloNames.get(this.r.helos[this.id]!);
  }
  get records(): AttemptRecord[] | null {
    return this.r.tripletRecords.get(this.id) ?? null;
  }
  get message(): string {
    return this.r.messageKey[this.id] ?? '';
  }
  get activity(): Activity | null {
    return activity(this.r.triplets, this.r.tripletActivity, this.id);
  }
}

export class AddressView implements AddressResult {
  declare spamdb?: AddressDumpFacts;
  private readonly r: ResultTables;
  private readonly id: number;
  constructor(r: ResultTables, id: number) {
    this.r = r;
    this.id = id;
  }
  private num(field: number): number {
    return this.r.addresses.data()[this.id * this.r.addresses.stride + field]!;
  }
  get ip(): string {
    return this.r.addressIp[this.id]!;
  }
  get verdict(): Verdict {
    return VERDICTS[this.r.addressVerdict[this.id]!]!;
  }
  get retry(): RetryPattern {
    return RETRY_PATTERNS[this.r.addressRetry[this.id]!]!;
  }
  get verdictFrom(): VerdictSource {
    return VERDICT_SOURCES[this.r.addressFrom[this.id]!]!;
  }
  get sessions(): number {
    return this.num(A_SESSIONS);
  }
  get greylisted(): number {
    return this.num(A_GREYLISTED);
  }
  get blacklisted(): number {
    return this.num(A_BLACKLISTED);
  }
  get triplets(): number {
    return this.r.tripletCount[this.id]!;
  }
  get first(): number {
    return this.num(A_FIRST);
  }
  get last(): number {
    return this.num(A_LAST);
  }
  get firstRetry(): number {
    return this.num(FIRST_RETRY);
  }
  get attempts(): number {
    return this.num(ATTEMPTS);
  }
  get lists(): string {
    return this.r.addressLists[this.id]!;
  }
  get records(): AttemptRecord[] | null {
    return this.r.addressRecords.get(this.id) ?? null;
  }
  get activity(): Activity | null {
    return activity(this.r.addresses, this.r.addressActivity, this.id);
  }
}
