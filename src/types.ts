// Shared domain types. The boundary between a log dialect and the analysis is
// `SpamdEvent`: a dialect turns lines into these events, the analysis never sees a line.

/** Epoch seconds (UTC). May carry a fraction for ISO timestamps. NaN: the line has no time. */
export type Seconds = number;

interface EventBase {
  /** When syslog wrote the line; NaN for a bare message or a tag without timestamp. */
  time: Seconds;
  /** The syslog host field ('' when there is none): sessions are tracked per host. */
  host: string;
}

/** S1 `%s: connected (%d/%d)%s%s`, and the old `connected (%d)` form (black = -1). */
export interface ConnectEvent extends EventBase {
  kind: 'connect';
  ip: string;
  clients: number;
  /** Blacklisted connections spamd held, this one included; -1 in the old `(n)` form. */
  black: number;
  /** Space-separated list tags, '' when not blacklisted. */
  lists: string;
}

/** S2 `%s: disconnected after %lld seconds.%s%s`. */
export interface DisconnectEvent extends EventBase {
  kind: 'disconnect';
  ip: string;
  secs: number;
  lists: string;
}

/** S3 `(GREY|BLACK) ip: from -> to`, one per RCPT; legacy `ip: from -> to` has grey = null. */
export interface EnvelopeEvent extends EventBase {
  kind: 'envelope';
  ip: string;
  /** 'grey', 'black', or 'legacy' (spamd 1.23-1.51, no prefix). */
  list: 'grey' | 'black' | 'legacy';
  from: string;
  to: string;
}

/** S4 verbose header lines (From:/To:/Subject:, any case) and S5 `Body:` lines. */
export interface HeaderEvent extends EventBase {
  kind: 'header';
  ip: string;
  /** The header name as the client wrote it, or 'Body'. */
  name: string;
  value: string;
}

/** Legacy spamd 1.51 `ip: matched lists: tags`: marks the session blacklisted. */
export interface MatchedListsEvent extends EventBase {
  kind: 'matched-lists';
  ip: string;
  lists: string;
}

/** G1 `new [greytrap ]entry ip from f to t, helo h`: the first time spamd saw a tuple. */
export interface NewEntryEvent extends EventBase {
  kind: 'new-entry';
  ip: string;
  from: string;
  to: string;
  helo: string;
  trap: boolean;
}

/** G2/G3 `Trapping ip for ...`: the address hit a spamtrap. */
export interface TrappingEvent extends EventBase {
  kind: 'trapping';
  ip: string;
}

/** G6 `whitelisting ip in db`: the address passed greylisting. */
export interface WhitelistingEvent extends EventBase {
  kind: 'whitelisting';
  ip: string;
}

/** G8 `ip blacklisted, removing from whitelist`. */
export interface BlacklistedEvent extends EventBase {
  kind: 'blacklisted';
  ip: string;
}

/** S6 `listening for incoming connections.`: spamd (re)started on this host. */
export interface RestartEvent extends EventBase {
  kind: 'restart';
}

/** spamlogd L1/L2 `inbound ip` / `outbound ip`. */
export interface SpamlogdEvent extends EventBase {
  kind: 'spamlogd';
  direction: 'inbound' | 'outbound';
  ip: string;
}

/** Any other line spamd or spamlogd writes (queueing, sync, got suffix, errors): counted only. */
export interface DaemonEvent extends EventBase {
  kind: 'daemon';
  what: DaemonKind;
}

export type DaemonKind =
  | 'queueing'
  | 'sync'
  | 'got-suffix'
  | 'says'
  | 'error'
  | 'spamlogd-misc';

export type SpamdEvent =
  | ConnectEvent
  | DisconnectEvent
  | EnvelopeEvent
  | HeaderEvent
  | MatchedListsEvent
  | NewEntryEvent
  | TrappingEvent
  | WhitelistingEvent
  | BlacklistedEvent
  | RestartEvent
  | SpamlogdEvent
  | DaemonEvent;

/**
 * Numbers for strings, shared by whoever hands events to the analysis and the analysis itself: a
 * parse worker's events arrive with their strings already numbered (parse/event-codec.ts), so
 * the analysis looks nothing up by text.
 */
export interface SymbolTable {
  /** The number of `s`, adding it when new; `s` must be a flat string of its own (not a slice of a line). */
  intern(s: string): number;
  /** The table's own copy of string number `id`. */
  text(id: number): string;
}

/** The SymbolTable number of an event's address; -1 when it has none. (Senders, recipients and HELO names come as text.) */
export interface EventIds {
  ip: number;
}

/** Lines that are not spamd's greylisting, counted by kind, never errors. */
export type OtherKind =
  | 'blank'
  | 'spamassassin'
  | 'repeated'
  | 'mark'
  | 'newsyslog'
  | 'other-program';

/** Why a line could not be used. */
export type RejectReason =
  | 'no-envelope' // not a syslog line and not a bare spamd message
  | 'bad-timestamp' // a syslog line whose timestamp does not exist (Feb 30, 25:00)
  | 'unknown-spamd' // tagged spamd/spamlogd, but no known message shape
  | 'truncated' // a spamd message cut short (syslog buffer limits): its tail is missing
  | 'too-long'; // longer than the line limit: skipped

export interface OtherLine {
  kind: 'other';
  what: OtherKind;
  /** For 'repeated': how many times syslog says the previous line was repeated. */
  count?: number;
  /** For 'repeated': the line's syslog host, whose previous line it repeats (a central log interleaves hosts). */
  host?: string;
}

export interface RejectedLine {
  kind: 'reject';
  reason: RejectReason;
}

export type LineOutcome = SpamdEvent | OtherLine | RejectedLine;
