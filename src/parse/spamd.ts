// OpenBSD spamd and spamlogd messages (docs/formats.md; ../shared spamd-format.md §1, §6.2).
// Fixed prefixes are tested before anything else: this runs once per line of a multi-GB log.
import type { DaemonKind, SpamdEvent } from '../types.js';

/** A message cut short by a syslog buffer: recognisably spamd's, but missing its tail. */
export const TRUNCATED = 'truncated' as const;
export type SpamdParse = SpamdEvent | typeof TRUNCATED | null;

/** Verbose header lines (`From:`, `To:`, `Subject:`, any case, as spamd's strncasecmp): the name's length, 0 if none. */
function headerNameLength(msg: string, at: number): number {
  for (const name of HEADER_NAMES) {
    const n = name.length;
    if (msg.charCodeAt(at + n) !== 58 /* : */) continue;
    let i = 0;
    while (i < n && (msg.charCodeAt(at + i) | 32) === name.charCodeAt(i)) i++;
    if (i === n) return n;
  }
  return 0;
}
const HEADER_NAMES = ['from', 'to', 'subject'];

/** The text from `at` on, without one leading space. */
function valueAfter(msg: string, at: number): string {
  return msg.slice(msg.charCodeAt(at) === 32 ? at + 1 : at);
}
const LEGACY_ENVELOPE = /^(\S*) -> (\S*)$/;
/** grey.c: `%s blacklisted, removing from whitelist`, after the address. */
const BLACKLISTED_TAIL = ' blacklisted, removing from whitelist';
const ADDRESS_PREFIX = /^\d[\d.]*$/;

/** A recipient cut short: empty (spamd logs only non-empty ones), or `<...` without its `>`. */
function isCutAddress(s: string): boolean {
  return s === '' || (s.charCodeAt(0) === 60 /* < */ && s.charCodeAt(s.length - 1) !== 62 /* > */);
}

/** Fixed starts of daemon lines that carry no session information (spamd.c, grey.c error and status lines). */
const DAEMON_PREFIXES: ReadonlyArray<readonly [string, DaemonKind]> = [
  ['queueing ', 'queueing'],
  ['sync_trap ', 'sync'],
  ['got suffix ', 'got-suffix'],
  ['scan of ', 'error'],
  ['read_configline', 'error'],
  ['setsockopt', 'error'],
  ['open /dev/pf', 'error'],
  ['socketpair', 'error'],
  ['pipe ', 'error'],
  ['pipe failed', 'error'],
  ['fork ', 'error'],
  ['fork failed', 'error'],
  ['fdopen', 'error'],
  ['blackcheck:', 'error'],
  ['addwhiteaddr:', 'error'],
  ['line too long in ', 'error'],
  ['bogus entry', 'error'],
  ["can't ", 'error'],
  ['Unrecognized db change', 'error'],
  ['malloc failed', 'error'],
  ['configure_spamd', 'error'],
  ['No greylist pipe', 'error'],
  ['failed to drop privs', 'error'],
  ['unveil failed', 'error'],
  ['pledge failed', 'error'],
  ['greyreader failed', 'error'],
  ['create ', 'error'],
  ['chown ', 'error'],
  ['open of ', 'error'],
  ['dbopen failed', 'error'],
  ['corrupt db', 'error'],
  ['cannot chdir', 'error'],
];

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A dotted IPv4 address as spamd prints it (getnameinfo NI_NUMERICHOST). */
export function isIPv4(s: string): boolean {
  const n = s.length;
  if (n < 7 || n > 15) return false;
  let dots = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0) return false;
      dots++;
      digits = 0;
      value = 0;
    } else if (isDigit(c)) {
      value = value * 10 + (c - 48);
      if (++digits > 3 || value > 255) return false;
    } else return false;
  }
  return dots === 3 && digits > 0;
}

/** The client address field: IPv4, `<unknown>` (spamd 1.163) or empty (1.127 when getnameinfo failed). */
function isClientAddress(s: string): boolean {
  return s === '' || s === '<unknown>' || isIPv4(s);
}

/** `, lists: a b` or ` lists: a b` suffix (each tag preceded by one space; ` ...` when cut at 80 bytes). */
function listsAfter(msg: string, at: number, marker: string): string | null {
  if (at === msg.length) return '';
  if (!msg.startsWith(marker, at)) return null;
  return msg.slice(at + marker.length).trim();
}

function readInt(msg: string, at: number): [value: number, end: number] {
  let v = 0;
  let i = at;
  while (i < msg.length && isDigit(msg.charCodeAt(i))) v = v * 10 + (msg.charCodeAt(i++) - 48);
  return [v, i];
}

function parseConnected(msg: string, at: number, time: number, host: string, ip: string): SpamdParse {
  // connected (%d/%d)[, lists: ...]  or the old connected (%d)
  const [clients, i1] = readInt(msg, at);
  if (i1 === at) return TRUNCATED;
  let black = -1;
  let i = i1;
  if (msg.charCodeAt(i) === 47 /* / */) {
    const [b, i2] = readInt(msg, i + 1);
    if (i2 === i + 1) return TRUNCATED;
    black = b;
    i = i2;
  }
  if (msg.charCodeAt(i) !== 41 /* ) */) return i >= msg.length ? TRUNCATED : null;
  const lists = listsAfter(msg, i + 1, ', lists:');
  if (lists === null) return ', lists:'.startsWith(msg.slice(i + 1)) ? TRUNCATED : null;
  // `, lists:` with no tag after it was cut: read as '' it would make a blacklisted host greylisted.
  if (lists === '' && i + 1 < msg.length) return TRUNCATED;
  return { kind: 'connect', time, host, ip, clients, black, lists };
}

function parseDisconnected(msg: string, at: number, time: number, host: string, ip: string): SpamdParse {
  const [secs, i] = readInt(msg, at);
  if (i === at) return TRUNCATED;
  if (!msg.startsWith(' seconds.', i)) return ' seconds.'.startsWith(msg.slice(i)) ? TRUNCATED : null;
  const lists = listsAfter(msg, i + 9, ' lists:');
  if (lists === null) return ' lists:'.startsWith(msg.slice(i + 9)) ? TRUNCATED : null;
  if (lists === '' && i + 9 < msg.length) return TRUNCATED;
  return { kind: 'disconnect', time, host, ip, secs, lists };
}

/** Messages that start with the client address: `ip: ...`, and grey.c's `ip blacklisted, ...`. */
function parseAddressed(msg: string, time: number, host: string): SpamdParse {
  const colon = msg.indexOf(': ');
  if (colon < 0) {
    const sp = msg.indexOf(' ');
    if (sp > 0 && isIPv4(msg.slice(0, sp))) {
      const rest = msg.slice(sp);
      if (rest === BLACKLISTED_TAIL) return { kind: 'blacklisted', time, host, ip: msg.slice(0, sp) };
      // Cut inside its tail: recognisably this line, but its address must not be taken as more.
      if (rest.length > 1 && BLACKLISTED_TAIL.startsWith(rest)) return TRUNCATED;
    }
    // `ip: connected` cut right after the address, or `ip:` alone
    if (msg.endsWith(':') && isClientAddress(msg.slice(0, -1))) return TRUNCATED;
    // cut inside the address itself
    if (ADDRESS_PREFIX.test(msg)) return TRUNCATED;
    return null;
  }
  const ip = msg.slice(0, colon);
  if (!isClientAddress(ip)) return null;
  const at = colon + 2;
  const c = msg.charCodeAt(at);
  if (c === 99 /* c */ && msg.startsWith('connected (', at)) return parseConnected(msg, at + 11, time, host, ip);
  if (c === 100 /* d */ && msg.startsWith('disconnected after ', at)) return parseDisconnected(msg, at + 19, time, host, ip);
  if (c === 66 /* B */ && msg.startsWith('Body:', at)) {
    return { kind: 'header', time, host, ip, name: 'Body', value: valueAfter(msg, at + 5) };
  }
  const len = headerNameLength(msg, at);
  if (len > 0) return { kind: 'header', time, host, ip, name: msg.slice(at, at + len), value: valueAfter(msg, at + len + 1) };
  const rest = msg.slice(at);
  if (rest.startsWith('matched lists:')) return { kind: 'matched-lists', time, host, ip, lists: rest.slice(14).trim() };
  if (rest.startsWith("says '")) return { kind: 'daemon', time, host, what: 'says' };
  const env = LEGACY_ENVELOPE.exec(rest);
  if (env && isCutAddress(env[2]!)) return TRUNCATED;
  if (env) return { kind: 'envelope', time, host, ip, list: 'legacy', from: env[1]!, to: env[2]! };
  if ('connected ('.startsWith(rest) || 'disconnected after '.startsWith(rest)) return TRUNCATED;
  return null;
}

/** S3: `(GREY) ip: from -> to` / `(BLACK) ...`. from/to never contain blanks (spamd.c setlog()). */
function parseEnvelope(msg: string, time: number, host: string): SpamdParse {
  let list: 'grey' | 'black';
  let at: number;
  if (msg.startsWith('(GREY) ')) {
    list = 'grey';
    at = 7;
  } else if (msg.startsWith('(BLACK) ')) {
    list = 'black';
    at = 8;
  } else {
    return '(GREY) '.startsWith(msg) || '(BLACK) '.startsWith(msg) ? TRUNCATED : null;
  }
  const colon = msg.indexOf(': ', at);
  if (colon < 0) return TRUNCATED;
  const ip = msg.slice(at, colon);
  if (!isClientAddress(ip)) return null;
  const arrow = msg.indexOf(' -> ', colon + 2);
  if (arrow < 0) return TRUNCATED;
  const from = msg.slice(colon + 2, arrow);
  const to = msg.slice(arrow + 4);
  if (from.includes(' ') || to.includes(' ')) return null;
  if (isCutAddress(to)) return TRUNCATED;
  return { kind: 'envelope', time, host, ip, list, from, to };
}

/**
 * The IPv4 address at `at` when `next` follows it (G2/G3 `Trapping ip for ...`, G6 `whitelisting ip
 * in db`); TRUNCATED when the line ends first: a cut address must not trap or pass another host.
 */
function addressBefore(msg: string, at: number, next: string): string | typeof TRUNCATED | null {
  const sp = msg.indexOf(' ', at);
  if (sp < 0) return TRUNCATED;
  const ip = msg.slice(at, sp);
  if (!isIPv4(ip)) return null;
  if (msg.startsWith(next, sp)) return ip;
  return next.startsWith(msg.slice(sp)) ? TRUNCATED : null;
}

function parseNew(msg: string, time: number, host: string): SpamdParse {
  // G1: new [greytrap ]entry ip from f to t, helo h      G5: new TRAP|WHITE from peer for ip, expires n
  let at: number;
  let trap = false;
  if (msg.startsWith('new entry ')) at = 10;
  else if (msg.startsWith('new greytrap entry ')) {
    at = 19;
    trap = true;
  } else if (msg.startsWith('new TRAP from ') || msg.startsWith('new WHITE from ')) {
    // G5: a sync peer trapped or whitelisted `ip`, and this spamd took it over: for this host the
    // address is now trapped (blacklisted) or whitelisted, as if its own grey.c had done it.
    const trap = msg.charCodeAt(4) === 84; /* T */
    const peerEnd = msg.indexOf(' for ', trap ? 14 : 15);
    if (peerEnd < 0) return { kind: 'daemon', time, host, what: 'sync' };
    const comma = msg.indexOf(', expires', peerEnd + 5);
    // Cut before its end, the address may be cut too: it must not trap or pass another host.
    if (comma < 0) return TRUNCATED;
    const ip = msg.slice(peerEnd + 5, comma);
    if (!isIPv4(ip)) return null;
    return trap ? { kind: 'trapping', time, host, ip } : { kind: 'whitelisting', time, host, ip };
  } else return null;
  // ip from F to T, helo H: space-separated tokens [ip, 'from', F, 'to', 'T,', 'helo', H?], found
  // with indexOf rather than split() (one of the most frequent lines).
  const n = msg.length;
  const end = (from: number): number => {
    const sp = msg.indexOf(' ', from);
    return sp < 0 ? n : sp;
  };
  const e0 = end(at);
  if (e0 === n || !msg.startsWith('from ', e0 + 1)) return TRUNCATED;
  const e2 = end(e0 + 6);
  if (e2 === n || !msg.startsWith('to ', e2 + 1)) return TRUNCATED;
  const e4 = end(e2 + 4);
  if (e4 === n || msg.charCodeAt(e4 - 1) !== 44 /* , */ || e4 === e2 + 4) return TRUNCATED;
  const e5 = end(e4 + 1);
  if (e5 - e4 !== 5 || !msg.startsWith('helo', e4 + 1)) return TRUNCATED;
  const helo = e5 === n ? '' : msg.slice(e5 + 1, end(e5 + 1));
  return { kind: 'new-entry', time, host, ip: msg.slice(at, e0), from: msg.slice(e0 + 6, e2), to: msg.slice(e2 + 4, e4 - 1), helo, trap };
}

/** Parse the message part of a line tagged `spamd`. null: not an OpenBSD spamd message. */
export function parseSpamdMessage(msg: string, time: number, host: string): SpamdParse {
  const c = msg.charCodeAt(0);
  if (isDigit(c) || c === 60 /* < */ || c === 58 /* : */) return parseAddressed(msg, time, host);
  if (c === 40 /* ( */) return parseEnvelope(msg, time, host);
  if (c === 110 /* n */) return parseNew(msg, time, host);
  if (c === 84 /* T */ && msg.startsWith('Trapping ')) {
    const ip = addressBefore(msg, 9, ' for ');
    return ip === null || ip === TRUNCATED ? ip : { kind: 'trapping', time, host, ip };
  }
  if (c === 119 /* w */ && msg.startsWith('whitelisting ')) {
    const ip = addressBefore(msg, 13, ' in ');
    return ip === null || ip === TRUNCATED ? ip : { kind: 'whitelisting', time, host, ip };
  }
  if (c === 108 /* l */ && msg.startsWith('listening for incoming connections')) return { kind: 'restart', time, host };
  if (c === 47 /* / */ && /pfctl (returned status|died on signal)/.test(msg)) return { kind: 'daemon', time, host, what: 'error' };
  for (const [prefix, what] of DAEMON_PREFIXES) {
    if (msg.startsWith(prefix)) return { kind: 'daemon', time, host, what };
  }
  return null;
}

/** Parse the message part of a line tagged `spamlogd`. */
export function parseSpamlogdMessage(msg: string, time: number, host: string): SpamdParse {
  if (msg.startsWith('inbound ') || msg.startsWith('outbound ')) {
    const direction = msg.charCodeAt(0) === 105 ? 'inbound' : 'outbound';
    const ip = msg.slice(direction.length + 1).trim();
    if (isIPv4(ip)) return { kind: 'spamlogd', time, host, direction, ip };
    return ADDRESS_PREFIX.test(ip) || ip === '' ? TRUNCATED : null;
  }
  // L1/L2 cut inside the word
  if ('inbound '.startsWith(msg) || 'outbound '.startsWith(msg)) return TRUNCATED;
  // L3-L10; L4's `%s` is a pcap error, `<interface>: <reason>` (pflog0: No such device exists)
  if (/^(Listening on |exiting$|Invalid IP address |Can not open db |db->(get|put) failed|invalid pflog|pflog header|pcap_|Failed to |failed to |Invalid datalink type|BIOCLOCK: |[a-z]+\d+: )/.test(msg)) {
    return { kind: 'daemon', time, host, what: 'spamlogd-misc' };
  }
  return null;
}

// SpamAssassin's daemon is also called spamd (spamd-format.md §4.3).
const SPAMASSASSIN = /^(?:(?:spamd|prefork|info|warn|error|config|result|logger|dns|plugin|rules|bayes|check|zoom|learn|auto-whitelist|util|message|child|server|netset|async|dcc|pyzor|razor2|uri|spf|dkim|locker|timing|txrep|askdns|uridnsbl):\s|identified spam|clean message|connection from|checking message|processing message|setuid to|server |spamd starting|handled cleanup|creating INET|killing|still running|Still running as root|skipped large message|got SIG)/;

export function isSpamAssassinMessage(msg: string): boolean {
  return SPAMASSASSIN.test(msg);
}
