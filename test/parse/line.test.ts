// Every envelope and message shape of ../shared/docs/spamd-format.md §4.2 and §5 (and the ones
// real logs add: wrapped, truncated, odd spacing), one line → the whole outcome it must give.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLineParser } from '../../src/parse/line.js';
import { createZone } from '../../src/parse/zone.js';
import type { DaemonKind, LineOutcome, OtherKind, RejectReason } from '../../src/types.js';

/** Epoch seconds of an ISO 8601 time (whole milliseconds at most). */
function t(iso: string): number {
  const ms = Date.parse(iso);
  assert.ok(!Number.isNaN(ms), iso);
  return ms / 1000;
}

// Builders for the expected outcomes: each returns the whole object, so every field is compared.
const connect = (time: number, host: string, ip: string, clients: number, black: number, lists = ''): LineOutcome => ({ kind: 'connect', time, host, ip, clients, black, lists });
const disconnect = (time: number, host: string, ip: string, secs: number, lists = ''): LineOutcome => ({ kind: 'disconnect', time, host, ip, secs, lists });
const envelope = (time: number, host: string, list: 'grey' | 'black' | 'legacy', ip: string, from: string, to: string): LineOutcome => ({ kind: 'envelope', time, host, ip, list, from, to });
const header = (time: number, host: string, ip: string, name: string, value: string): LineOutcome => ({ kind: 'header', time, host, ip, name, value });
const newEntry = (time: number, host: string, ip: string, from: string, to: string, helo: string, trap = false): LineOutcome => ({ kind: 'new-entry', time, host, ip, from, to, helo, trap });
const trapping = (time: number, host: string, ip: string): LineOutcome => ({ kind: 'trapping', time, host, ip });
const whitelisting = (time: number, host: string, ip: string): LineOutcome => ({ kind: 'whitelisting', time, host, ip });
const blacklisted = (time: number, host: string, ip: string): LineOutcome => ({ kind: 'blacklisted', time, host, ip });
const matchedLists = (time: number, host: string, ip: string, lists: string): LineOutcome => ({ kind: 'matched-lists', time, host, ip, lists });
const restart = (time: number, host: string): LineOutcome => ({ kind: 'restart', time, host });
const spamlogd = (time: number, host: string, direction: 'inbound' | 'outbound', ip: string): LineOutcome => ({ kind: 'spamlogd', time, host, direction, ip });
const daemon = (time: number, host: string, what: DaemonKind): LineOutcome => ({ kind: 'daemon', time, host, what });
const other = (what: OtherKind): LineOutcome => ({ kind: 'other', what });
const repeated = (count: number, host = 'mx1'): LineOutcome => ({ kind: 'other', what: 'repeated', count, host });
const reject = (reason: RejectReason): LineOutcome => ({ kind: 'reject', reason });

/** No timestamp: the event is recognised but cannot be placed in time. */
const NONE = NaN;

// spamd-format.md §5 is a log of 9 May on a host in UTC; the file's mtime is the next day.
const REFERENCE = t('2024-05-10T00:00:00Z');
const M = (hms: string): number => t(`2024-05-09T${hms}Z`);

type Case = readonly [name: string, line: string, expected: LineOutcome];

const SECTION_5: Case[] = [
  ['S6 restart marker', 'May  9 08:35:02 mx1 spamd[40212]: listening for incoming connections.', restart(M('08:35:02'), 'mx1')],
  ['G9 got suffix', 'May  9 08:35:02 mx1 spamd[40213]: got suffix @example.com', daemon(M('08:35:02'), 'mx1', 'got-suffix')],
  ['G9 got suffix (domain)', 'May  9 08:35:02 mx1 spamd[40213]: got suffix example.org', daemon(M('08:35:02'), 'mx1', 'got-suffix')],
  ['L3 spamlogd Listening, no pid, trailing space', 'May  9 08:35:03 mx1 spamlogd: Listening on pflog0 for all interfaces. ', daemon(M('08:35:03'), 'mx1', 'spamlogd-misc')],
  ['S1 connected (n/m)', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', connect(M('08:41:17'), 'mx1', '192.0.2.10', 1, 0)],
  ['S3 (GREY)', 'May  9 08:41:19 mx1 spamd[40212]: (GREY) 192.0.2.10: <alice@example.net> -> <bob@example.com>', envelope(M('08:41:19'), 'mx1', 'grey', '192.0.2.10', '<alice@example.net>', '<bob@example.com>')],
  ['G1 new entry', 'May  9 08:41:19 mx1 spamd[40213]: new entry 192.0.2.10 from <alice@example.net> to <bob@example.com>, helo mail.example.net', newEntry(M('08:41:19'), 'mx1', '192.0.2.10', '<alice@example.net>', '<bob@example.com>', 'mail.example.net')],
  ['S2 disconnected', 'May  9 08:41:20 mx1 spamd[40212]: 192.0.2.10: disconnected after 3 seconds.', disconnect(M('08:41:20'), 'mx1', '192.0.2.10', 3)],
  ['S1 connected with lists', 'May  9 08:41:52 mx1 spamd[40212]: 198.51.100.23: connected (1/1), lists: spamd-greytrap', connect(M('08:41:52'), 'mx1', '198.51.100.23', 1, 1, 'spamd-greytrap')],
  ['S1 connected (2/1)', 'May  9 08:41:55 mx1 spamd[40212]: 192.0.2.44: connected (2/1)', connect(M('08:41:55'), 'mx1', '192.0.2.44', 2, 1)],
  ['S3 (GREY) null sender', 'May  9 08:41:58 mx1 spamd[40212]: (GREY) 192.0.2.44: <> -> <postmaster@example.com>', envelope(M('08:41:58'), 'mx1', 'grey', '192.0.2.44', '<>', '<postmaster@example.com>')],
  ['G1 new entry, empty helo with its trailing space', 'May  9 08:41:58 mx1 spamd[40213]: new entry 192.0.2.44 from <> to <postmaster@example.com>, helo ', newEntry(M('08:41:58'), 'mx1', '192.0.2.44', '<>', '<postmaster@example.com>', '')],
  ['G1 new entry, empty helo, trailing space stripped', 'May  9 08:41:59 mx1 spamd[40213]: new entry 192.0.2.44 from <> to <hostmaster@example.com>, helo', newEntry(M('08:41:59'), 'mx1', '192.0.2.44', '<>', '<hostmaster@example.com>', '')],
  ['S2 disconnected (6 s)', 'May  9 08:42:01 mx1 spamd[40212]: 192.0.2.44: disconnected after 6 seconds.', disconnect(M('08:42:01'), 'mx1', '192.0.2.44', 6)],
  ['S3 (BLACK)', 'May  9 08:44:40 mx1 spamd[40212]: (BLACK) 198.51.100.23: <promo@example.org> -> <sales@example.com>', envelope(M('08:44:40'), 'mx1', 'black', '198.51.100.23', '<promo@example.org>', '<sales@example.com>')],
  ['S4 From: header', 'May  9 08:46:31 mx1 spamd[40212]: 198.51.100.23: From: "Deals" <promo@example.org>', header(M('08:46:31'), 'mx1', '198.51.100.23', 'From', '"Deals" <promo@example.org>')],
  ['S4 To: header', 'May  9 08:46:33 mx1 spamd[40212]: 198.51.100.23: To: sales@example.com', header(M('08:46:33'), 'mx1', '198.51.100.23', 'To', 'sales@example.com')],
  ['S4 Subject: header', 'May  9 08:46:36 mx1 spamd[40212]: 198.51.100.23: Subject: Limited offer just for you', header(M('08:46:36'), 'mx1', '198.51.100.23', 'Subject', 'Limited offer just for you')],
  ['S5 Body:', 'May  9 08:46:41 mx1 spamd[40212]: 198.51.100.23: Body: Dear customer,', header(M('08:46:41'), 'mx1', '198.51.100.23', 'Body', 'Dear customer,')],
  ['S5 Body: (second line)', 'May  9 08:46:42 mx1 spamd[40212]: 198.51.100.23: Body: Click the link below to claim your prize.', header(M('08:46:42'), 'mx1', '198.51.100.23', 'Body', 'Click the link below to claim your prize.')],
  ['S2 disconnected with lists', 'May  9 08:53:10 mx1 spamd[40212]: 198.51.100.23: disconnected after 678 seconds. lists: spamd-greytrap', disconnect(M('08:53:10'), 'mx1', '198.51.100.23', 678, 'spamd-greytrap')],
  ['S1 connected, trap victim', 'May  9 08:55:02 mx1 spamd[40212]: 203.0.113.77: connected (1/0)', connect(M('08:55:02'), 'mx1', '203.0.113.77', 1, 0)],
  ['S3 (GREY) to a spamtrap', 'May  9 08:55:05 mx1 spamd[40212]: (GREY) 203.0.113.77: <x@example.org> -> <trap@example.com>', envelope(M('08:55:05'), 'mx1', 'grey', '203.0.113.77', '<x@example.org>', '<trap@example.com>')],
  ['G2 Trapping, tuple newlines as spaces', 'May  9 08:55:05 mx1 spamd[40213]: Trapping 203.0.113.77 for tuple 203.0.113.77 bulk.example.org <x@example.org> <trap@example.com>', trapping(M('08:55:05'), 'mx1', '203.0.113.77')],
  ['G1 new greytrap entry', 'May  9 08:55:05 mx1 spamd[40213]: new greytrap entry 203.0.113.77 from <x@example.org> to <trap@example.com>, helo bulk.example.org', newEntry(M('08:55:05'), 'mx1', '203.0.113.77', '<x@example.org>', '<trap@example.com>', 'bulk.example.org', true)],
  ['G4 sync_trap', 'May  9 08:55:05 mx1 spamd[40213]: sync_trap 203.0.113.77', daemon(M('08:55:05'), 'mx1', 'sync')],
  ['G5 new TRAP from a sync peer: the address is trapped here too', 'May  9 08:55:05 mx2 spamd[7741]: new TRAP from 192.0.2.2 for 203.0.113.77, expires 1715331305', trapping(M('08:55:05'), 'mx2', '203.0.113.77')],
  ['G5 cut after the address: truncated, never another address', 'May  9 08:55:05 mx2 spamd[7741]: new TRAP from 192.0.2.2 for 203.0.113.7', { kind: 'reject', reason: 'truncated' }],
  ['G5 cut inside the peer: a sync line, no address', 'May  9 08:55:05 mx2 spamd[7741]: new WHITE from 192.0', daemon(M('08:55:05'), 'mx2', 'sync')],
  ['S2 disconnected (4 s)', 'May  9 08:55:06 mx1 spamd[40212]: 203.0.113.77: disconnected after 4 seconds.', disconnect(M('08:55:06'), 'mx1', '203.0.113.77', 4)],
  ['S1 connected, now on spamd-greytrap', 'May  9 08:56:11 mx1 spamd[40212]: 203.0.113.77: connected (1/1), lists: spamd-greytrap', connect(M('08:56:11'), 'mx1', '203.0.113.77', 1, 1, 'spamd-greytrap')],
  ['S2 disconnected, greytrapped', 'May  9 08:59:30 mx1 spamd[40212]: 203.0.113.77: disconnected after 199 seconds. lists: spamd-greytrap', disconnect(M('08:59:30'), 'mx1', '203.0.113.77', 199, 'spamd-greytrap')],
  ['S1 connected, three lists', 'May  9 09:02:14 mx1 spamd[40212]: 198.51.100.7: connected (1/1), lists: uatraps nixspam spamd-greytrap', connect(M('09:02:14'), 'mx1', '198.51.100.7', 1, 1, 'uatraps nixspam spamd-greytrap')],
  ['S2 disconnected, three lists', 'May  9 09:09:01 mx1 spamd[40212]: 198.51.100.7: disconnected after 407 seconds. lists: uatraps nixspam spamd-greytrap', disconnect(M('09:09:01'), 'mx1', '198.51.100.7', 407, 'uatraps nixspam spamd-greytrap')],
  ['S1 connected (1/0), the sender that passes', 'May  9 09:12:44 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', connect(M('09:12:44'), 'mx1', '192.0.2.10', 1, 0)],
  ['S3 (GREY) retry', 'May  9 09:12:46 mx1 spamd[40212]: (GREY) 192.0.2.10: <alice@example.net> -> <bob@example.com>', envelope(M('09:12:46'), 'mx1', 'grey', '192.0.2.10', '<alice@example.net>', '<bob@example.com>')],
  ['S2 disconnected (retry)', 'May  9 09:12:47 mx1 spamd[40212]: 192.0.2.10: disconnected after 3 seconds.', disconnect(M('09:12:47'), 'mx1', '192.0.2.10', 3)],
  ['G7 queueing add', 'May  9 09:13:03 mx1 spamd[40211]: queueing add of 192.0.2.10', daemon(M('09:13:03'), 'mx1', 'queueing')],
  ['G6 whitelisting', 'May  9 09:13:03 mx1 spamd[40211]: whitelisting 192.0.2.10 in /var/db/spamd', whitelisting(M('09:13:03'), 'mx1', '192.0.2.10')],
  ['L1 spamlogd inbound', 'May  9 09:20:15 mx1 spamlogd[5517]: inbound 192.0.2.10', spamlogd(M('09:20:15'), 'mx1', 'inbound', '192.0.2.10')],
  ['L2 spamlogd outbound', 'May  9 09:25:40 mx1 spamlogd[5517]: outbound 198.51.100.200', spamlogd(M('09:25:40'), 'mx1', 'outbound', '198.51.100.200')],
  ['G5 new WHITE from a sync peer: the address is whitelisted here too', 'May  9 09:25:41 mx2 spamd[7741]: new WHITE from 192.0.2.2 for 198.51.100.200, expires 1718357140', whitelisting(M('09:25:41'), 'mx2', '198.51.100.200')],
  ['G3 Trapping for trying the low-priority MX first', 'May  9 09:31:08 mx1 spamd[40213]: Trapping 203.0.113.50 for trying 192.0.2.3 first for tuple 203.0.113.50 spam.example.org <a@example.org> <b@example.com>', trapping(M('09:31:08'), 'mx1', '203.0.113.50')],
  ['G1 new greytrap entry (low-priority MX)', 'May  9 09:31:08 mx1 spamd[40213]: new greytrap entry 203.0.113.50 from <a@example.org> to <b@example.com>, helo spam.example.org', newEntry(M('09:31:08'), 'mx1', '203.0.113.50', '<a@example.org>', '<b@example.com>', 'spam.example.org', true)],
  ['G8 blacklisted, removing from whitelist', 'May  9 09:40:03 mx1 spamd[40211]: 198.51.100.99 blacklisted, removing from whitelist', blacklisted(M('09:40:03'), 'mx1', '198.51.100.99')],
  ['G7 queueing deletion of a tuple', 'May  9 09:40:03 mx1 spamd[40211]: queueing deletion of 198.51.100.99 relay.example.net <list@example.net> <carol@example.com>', daemon(M('09:40:03'), 'mx1', 'queueing')],
  ['G7 queueing deletion of an address', 'May  9 09:41:03 mx1 spamd[40211]: queueing deletion of 198.51.100.99', daemon(M('09:41:03'), 'mx1', 'queueing')],
  ['G7 queueing deletion, empty helo', 'May  9 12:42:03 mx1 spamd[40211]: queueing deletion of 192.0.2.44 <> <postmaster@example.com>', daemon(M('12:42:03'), 'mx1', 'queueing')],
  ['G20 pfctl returned status', 'May  9 12:45:03 mx1 spamd[40211]: /sbin/pfctl returned status 1', daemon(M('12:45:03'), 'mx1', 'error')],
  ['G20 pfctl died on signal', 'May  9 12:45:04 mx1 spamd[40211]: /sbin/pfctl died on signal 9', daemon(M('12:45:04'), 'mx1', 'error')],
  ['G12 scan failed', 'May  9 12:46:03 mx1 spamd[40211]: scan of /var/db/spamd failed', daemon(M('12:46:03'), 'mx1', 'error')],
  ['S1 <unknown> address (spamd 1.163)', 'May  9 13:00:00 mx1 spamd[40212]: <unknown>: connected (1/0)', connect(M('13:00:00'), 'mx1', '<unknown>', 1, 0)],
  ['S2 <unknown> address', 'May  9 13:00:01 mx1 spamd[40212]: <unknown>: disconnected after 1 seconds.', disconnect(M('13:00:01'), 'mx1', '<unknown>', 1)],
  ['BSD syslogd last message repeated', 'May  9 13:10:22 mx1 last message repeated 2 times', repeated(2)],
  ['L10 spamlogd exiting', 'May  9 14:00:00 mx1 spamlogd[5517]: exiting', daemon(M('14:00:00'), 'mx1', 'spamlogd-misc')],
];

// §5 "the same events in other envelopes". Dec 3 without a year, read on 10 May 2024, is 2023's.
const OTHER_ENVELOPES: Case[] = [
  ['syslogd -Z: ISO UTC with milliseconds', '2024-05-09T08:41:17.412Z mx1 spamd[40212]: 192.0.2.10: connected (1/0)', connect(t('2024-05-09T08:41:17.412Z'), 'mx1', '192.0.2.10', 1, 0)],
  ['rsyslog high precision: microseconds and +01:00', '2026-12-03T10:15:01.123456+01:00 mx1 spamd[40212]: 192.0.2.10: disconnected after 3 seconds.', disconnect(t('2026-12-03T09:15:01Z') + 0.123456, 'mx1', '192.0.2.10', 3)],
  ['RFC 5424, app and procid as fields, FQDN host', '<30>1 2026-12-03T10:15:01.123456+01:00 mx1.example.com spamd 40212 - - (GREY) 192.0.2.10: <alice@example.net> -> <bob@example.com>', envelope(t('2026-12-03T09:15:01Z') + 0.123456, 'mx1.example.com', 'grey', '192.0.2.10', '<alice@example.net>', '<bob@example.com>')],
  ['RFC 3164 with <PRI>', '<31>Dec  3 10:15:01 mx1 spamd[40213]: new entry 192.0.2.10 from <alice@example.net> to <bob@example.com>, helo mail.example.net', newEntry(t('2023-12-03T10:15:01Z'), 'mx1', '192.0.2.10', '<alice@example.net>', '<bob@example.com>', 'mail.example.net')],
  ['journald zero-padded day, rsyslog #012 in the tuple', 'Dec 03 10:15:01 mx1 spamd[40213]: Trapping 203.0.113.77 for tuple 203.0.113.77#012bulk.example.org#012<x@example.org>#012<trap@example.com>', trapping(t('2023-12-03T10:15:01Z'), 'mx1', '203.0.113.77')],
];

// §4.2: timestamp and line formats.
const ENVELOPES: Case[] = [
  ['BSD, day space-padded', 'Oct  2 19:55:04 mx1 spamd[26905]: 198.51.100.115: connected (2/1)', connect(t('2023-10-02T19:55:04Z'), 'mx1', '198.51.100.115', 2, 1)],
  ['BSD, day zero-padded (journald short)', 'Oct 02 19:55:04 mx1 spamd[26905]: 198.51.100.115: connected (2/1)', connect(t('2023-10-02T19:55:04Z'), 'mx1', '198.51.100.115', 2, 1)],
  ['BSD, single space before the day (typeset excerpt)', 'Oct 2 19:55:04 mx1 spamd[26905]: 198.51.100.115: connected (2/1)', connect(t('2023-10-02T19:55:04Z'), 'mx1', '198.51.100.115', 2, 1)],
  ['BSD, two-digit day', 'Oct 12 19:55:04 mx1 spamd[26905]: 198.51.100.115: connected (2/1)', connect(t('2023-10-12T19:55:04Z'), 'mx1', '198.51.100.115', 2, 1)],
  ['BSD with <PRI> on the wire', '<30>Dec  3 10:15:01 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', connect(t('2023-12-03T10:15:01Z'), 'mx1', '192.0.2.10', 1, 0)],
  ['BSD with <PRI> and no host (forwarded by syslogd without -h, or a local socket)', '<30>May  9 08:41:17 spamd[40212]: 192.0.2.10: connected (1/0)', connect(M('08:41:17'), '', '192.0.2.10', 1, 0)],
  ['BSD with no host', 'May  9 08:41:17 spamd: 192.0.2.10: connected (1/0)', connect(M('08:41:17'), '', '192.0.2.10', 1, 0)],
  ['BSD, IP literal host (remote daemon.log)', 'Jun  9 23:59:50 192.168.10.21 spamd[27698]: 203.0.113.91: connected (1/0)', connect(t('2023-06-09T23:59:50Z'), '192.168.10.21', '203.0.113.91', 1, 0)],
  ['BSD, IPv6 literal host', 'May  9 08:41:17 2001:db8::1 spamd[40212]: 192.0.2.10: connected (1/0)', connect(M('08:41:17'), '2001:db8::1', '192.0.2.10', 1, 0)],
  ['BSD, fractional seconds', 'May  9 08:41:17.250 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', connect(M('08:41:17'), 'mx1', '192.0.2.10', 1, 0)],
  ['ISO with +0100 (journald short-iso)', '2026-12-03T10:15:01+0100 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', connect(t('2026-12-03T09:15:01Z'), 'mx1', '192.0.2.10', 1, 0)],
  ['ISO with microseconds and +0100 (short-iso-precise)', '2026-12-03T10:15:01.123456+0100 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', connect(t('2026-12-03T09:15:01Z') + 0.123456, 'mx1', '192.0.2.10', 1, 0)],
  ['ISO with +01:00 (syslog-ng ts-format(iso))', '2026-12-03T10:15:01+01:00 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', connect(t('2026-12-03T09:15:01Z'), 'mx1', '192.0.2.10', 1, 0)],
  ['ISO with milliseconds and +01:00 (frac-digits(3))', '2026-12-03T10:15:01.500+01:00 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', connect(t('2026-12-03T09:15:01.500Z'), 'mx1', '192.0.2.10', 1, 0)],
  ['ISO with a negative offset', '2026-11-01T01:30:00-05:00 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', connect(t('2026-11-01T06:30:00Z'), 'mx1', '192.0.2.10', 1, 0)],
  ['ISO with a negative offset, no colon', '2026-11-01T01:30:00-0400 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', connect(t('2026-11-01T05:30:00Z'), 'mx1', '192.0.2.10', 1, 0)],
  ['ISO with a half-hour offset', '2026-11-01T10:30:00+05:30 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', connect(t('2026-11-01T05:00:00Z'), 'mx1', '192.0.2.10', 1, 0)],
  ['ISO with <PRI> (RFC 3164 framing, RFC 3339 time)', '<30>2024-05-09T08:41:17Z mx1 spamd[40212]: 192.0.2.10: connected (1/0)', connect(M('08:41:17'), 'mx1', '192.0.2.10', 1, 0)],
  ['RFC 5424 with a UTF-8 BOM before the message', '<30>1 2024-05-09T08:41:17.000Z mx1 spamd 40212 - - \ufeff192.0.2.10: connected (1/0)', connect(M('08:41:17'), 'mx1', '192.0.2.10', 1, 0)],
  ['RFC 5424 with structured data', '<30>1 2024-05-09T08:41:17Z mx1 spamd 40212 - [meta sequenceId="1"][origin ip="192.0.2.1"] 192.0.2.10: disconnected after 3 seconds.', disconnect(M('08:41:17'), 'mx1', '192.0.2.10', 3)],
  ['RFC 5424, nil procid', '<31>1 2024-05-09T08:41:17Z mx1 spamlogd - - - inbound 192.0.2.10', spamlogd(M('08:41:17'), 'mx1', 'inbound', '192.0.2.10')],
  ['RFC 5424, another program', '<30>1 2024-05-09T08:41:17Z mx1 sshd 811 - - Accepted publickey for root', other('other-program')],
  ['spamd[pid]: without a timestamp', 'spamd[40212]: 192.0.2.10: connected (1/0)', connect(NONE, '', '192.0.2.10', 1, 0)],
  ['spamd: without pid or timestamp', 'spamd: (GREY) 192.0.2.10: <a@example.net> -> <b@example.com>', envelope(NONE, '', 'grey', '192.0.2.10', '<a@example.net>', '<b@example.com>')],
  ['spamlogd[pid]: without a timestamp', 'spamlogd[5517]: inbound 192.0.2.10', spamlogd(NONE, '', 'inbound', '192.0.2.10')],
  ['bare disconnected (a parser\'s sample)', '198.51.100.69: disconnected after 466 seconds.', disconnect(NONE, '', '198.51.100.69', 466)],
  ['bare disconnected with lists', '203.0.113.135: disconnected after 462 seconds. lists: korea', disconnect(NONE, '', '203.0.113.135', 462, 'korea')],
  ['bare (GREY)', '(GREY) 192.0.2.10: <alice@example.net> -> <bob@example.com>', envelope(NONE, '', 'grey', '192.0.2.10', '<alice@example.net>', '<bob@example.com>')],
  ['bare <unknown> connected', '<unknown>: connected (1/0)', connect(NONE, '', '<unknown>', 1, 0)],
  ['bare whitelisting', 'whitelisting 192.0.2.10 in /var/db/spamd', whitelisting(NONE, '', '192.0.2.10')],
  ['bare daemon chatter is not taken for spamd (it could be anything)', 'queueing add of 192.0.2.10', reject('no-envelope')],
  ['bare text', 'hello world', reject('no-envelope')],
];

// §1: the error and status lines of spamd.c, grey.c and spamlogd.c are counted, never taken for sessions.
const E = (msg: string, tag = 'spamd[40211]'): string => `May  9 12:00:00 mx1 ${tag}: ${msg}`;
const ERRORS: Case[] = [
  ['S7', E('read_configline: fgetln (Broken pipe)'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['S8', E('setsockopt: Invalid argument'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['S9', E('open /dev/pf: Permission denied'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['S10 socketpair, plain syslog() without pid', E('socketpair (Too many open files)', 'spamd'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['S10 pipe', E('pipe (Too many open files)', 'spamd'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['S10 fork', E('fork (Resource temporarily unavailable)', 'spamd'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['S10 fdopen', E('fdopen (Bad file descriptor)', 'spamd'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['S11 blackcheck', E('blackcheck: recv: Connection reset by peer', 'spamd'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['G10', E('line too long in /etc/mail/spamd.alloweddomains - file ignored'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['G11', E('addwhiteaddr: send: Broken pipe'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['G13', E('dbopen failed (No such file or directory)'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['G14', E('bogus entry in spamd database'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['G15', E("can't add 192.0.2.10 to spamd db (No space left on device)"), daemon(M('12:00:00'), 'mx1', 'error')],
  ['G15 unrecognized', E('Unrecognized db change'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['G16', E('malloc failed (queue change)'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['G17', E('configure_spamd: fflush failed (Broken pipe)'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['G18', E('fork failed (Resource temporarily unavailable)'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['G19', E("can't exec /sbin/pfctl:No such file or directory", 'spamd[40299]'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['G21', E('No greylist pipe stream!'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['G22', E('pledge failed (Operation not permitted)'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['G23', E('open of /var/db/spamd failed (Permission denied)'), daemon(M('12:00:00'), 'mx1', 'error')],
  ['L4', E('Failed to initialize: pflog0: No such device', 'spamlogd'), daemon(M('12:00:00'), 'mx1', 'spamlogd-misc')],
  ['L5', E('invalid pflog header length (40/61). packet dropped.', 'spamlogd[5517]'), daemon(M('12:00:00'), 'mx1', 'spamlogd-misc')],
  ['L7', E('Can not open db /var/db/spamd: No such file or directory', 'spamlogd[5517]'), daemon(M('12:00:00'), 'mx1', 'spamlogd-misc')],
  ['L8', E('Invalid IP address 999.1.1.1', 'spamlogd[5517]'), daemon(M('12:00:00'), 'mx1', 'spamlogd-misc')],
  ['L9', E('db->put failed (No space left on device)', 'spamlogd[5517]'), daemon(M('12:00:00'), 'mx1', 'spamlogd-misc')],
  ['L3 with -I', E('Listening on pflog0 for em0 Inbound direction only.', 'spamlogd'), daemon(M('12:00:00'), 'mx1', 'spamlogd-misc')],
];

const LEGACY_AND_OTHERS: Case[] = [
  ['legacy spamd 1.23 envelope without (GREY)', 'Mar  9 19:30:01 gw spamd[1234]: 192.0.2.10: <a@example.net> -> <b@example.com>', envelope(t('2024-03-09T19:30:01Z'), 'gw', 'legacy', '192.0.2.10', '<a@example.net>', '<b@example.com>')],
  ['legacy spamd 1.51 connected (n)', 'Nov  8 12:00:01 gw spamd[2345]: 192.0.2.10: connected (3)', connect(t('2023-11-08T12:00:01Z'), 'gw', '192.0.2.10', 3, -1)],
  ["legacy spamd 1.51 says '...'", "Nov  8 12:00:40 gw spamd[2345]: 192.0.2.10: says 'RCPT TO:<b@example.com>'", daemon(t('2023-11-08T12:00:40Z'), 'gw', 'says')],
  ['legacy spamd 1.51 matched lists', 'Nov  8 12:05:10 gw spamd[2345]: 192.0.2.10: matched lists: spews1', matchedLists(t('2023-11-08T12:05:10Z'), 'gw', '192.0.2.10', 'spews1')],
  ['legacy spamd 1.51 matched lists, no space', 'Nov  8 12:05:10 gw spamd[2345]: 192.0.2.10: matched lists:spews1 spews2', matchedLists(t('2023-11-08T12:05:10Z'), 'gw', '192.0.2.10', 'spews1 spews2')],
  ['legacy spamd 1.51 disconnected', 'Nov  8 12:05:11 gw spamd[2345]: 192.0.2.10: disconnected after 271 seconds.', disconnect(t('2023-11-08T12:05:11Z'), 'gw', '192.0.2.10', 271)],
  ['greyd (IPv6, similar wording) is another program', 'Dec  3 10:15:01 mx3 greyd[811]: new entry 2001:db8::25 from <a@example.net> to <b@example.com>, helo mail.example.net', other('other-program')],
  ['greyd whitelisting is another program', 'Dec  3 10:15:01 mx3 greyd[811]: whitelisting 2001:db8::25', other('other-program')],
  ['SpamAssassin 3.x connection from', 'Jun  7 17:14:42 mx2 spamd[29351]: spamd: connection from 127.0.0.1 [127.0.0.1]:58398 to port 783, fd 6', other('spamassassin')],
  ['SpamAssassin 3.x setuid', 'Jun  7 17:14:42 mx2 spamd[29351]: spamd: setuid to debian-spamd succeeded', other('spamassassin')],
  ['SpamAssassin 3.x processing message', 'Jun  7 17:14:43 mx2 spamd[29351]: spamd: processing message <20230607171420.9A2D863400@delta.sub.example.org> for debian-spamd:110', other('spamassassin')],
  ['SpamAssassin 3.x clean message', 'Jun  7 17:14:57 mx2 spamd[29351]: spamd: clean message (0.0/5.0) for debian-spamd:110 in 15.2 seconds, 1097 bytes.', other('spamassassin')],
  ['SpamAssassin 3.x result', 'Jun  7 17:14:57 mx2 spamd[29351]: spamd: result: . 0 - KHOP_HELO_FCRDNS,SPF_NONE scantime=15.2,size=1097,user=debian-spamd,uid=110,rhost=127.0.0.1,autolearn=ham', other('spamassassin')],
  ['SpamAssassin prefork', 'Jun  7 17:14:57 mx2 spamd[29350]: prefork: child states: II', other('spamassassin')],
  ['SpamAssassin 2.x identified spam', 'Jun  7 17:14:57 mx2 spamd[29351]: identified spam (21.6/5.0) for jm:1012 in 3.1 seconds, 1098 bytes.', other('spamassassin')],
  ['SpamAssassin 2.x clean message', 'Jun  7 17:14:57 mx2 spamd[29351]: clean message (-1.1/5.0) for jm:1007 in 0.4 seconds, 1800 bytes.', other('spamassassin')],
  ['SpamAssassin 2.x connection from', 'Jun  7 17:14:57 mx2 spamd[29351]: connection from localhost [127.0.0.1] at port 51107', other('spamassassin')],
  ['SpamAssassin 2.x info:', 'Jun  7 17:14:57 mx2 spamd[29351]: info: setuid to nobody succeeded', other('spamassassin')],
  ['SpamAssassin 2.x checking message', 'Jun  7 17:14:57 mx2 spamd[29351]: checking message for nobody:65534.', other('spamassassin')],
  ['SpamAssassin 2.x result:', 'Jun  7 17:14:57 mx2 spamd[29351]: result: Y 21 - BAYES_99 scantime=3.1,size=1098,mid=<x@example.net>,bayes=1,autolearn=spam', other('spamassassin')],
  ['BSD syslogd repeated, singular', 'May  9 13:10:22 mx1 last message repeated 1 time', repeated(1)],
  ['BSD syslogd repeated, ISO envelope', '2024-05-09T13:10:22.000Z mx1 last message repeated 12 times', repeated(12)],
  ['rsyslog message repeated (spamd)', 'May  9 13:10:22 mx1 spamd[40212]: message repeated 3 times: [ 192.0.2.10: connected (1/0)]', repeated(3)],
  ['rsyslog message repeated (spamlogd)', 'May  9 13:10:22 mx1 spamlogd[5517]: message repeated 2 times: [ inbound 192.0.2.10]', repeated(2)],
  ['-- MARK --', 'May  9 13:20:00 mx1 -- MARK --', other('mark')],
  ['-- MARK -- with an ISO envelope', '2024-05-09T13:20:00Z mx1 -- MARK --', other('mark')],
  ['newsyslog turned the file over', 'May  9 00:00:00 mx1 newsyslog[12345]: logfile turned over', other('newsyslog')],
  ['newsyslog without pid', 'May  9 00:00:00 mx1 newsyslog: logfile turned over due to size>1024K', other('newsyslog')],
  ['postfix', 'Jun  7 17:14:21 mx2 postfix/smtpd[58789]: connect from client-152.dsl.example.net[198.51.100.152]', other('other-program')],
  ['kernel', 'May  9 08:00:00 mx1 /bsd: carp0: state transition: BACKUP -> MASTER', other('other-program')],
  ['spamd-setup is not spamd', 'May  9 08:00:00 mx1 spamd-setup[77]: 192.0.2.10: connected (1/0)', other('other-program')],
  ['a program whose message looks like spamd', 'May  9 08:00:00 mx1 logger: 192.0.2.10: connected (1/0)', other('other-program')],
  ['empty line', '', other('blank')],
  ['unknown spamd message', 'May  9 08:00:00 mx1 spamd[40212]: something spamd never writes', reject('unknown-spamd')],
  ['unknown spamlogd message', 'May  9 08:00:00 mx1 spamlogd[5517]: something spamlogd never writes', reject('unknown-spamd')],
  ['spamlogd inbound with no address', 'May  9 08:00:00 mx1 spamlogd[5517]: inbound nothing', reject('unknown-spamd')],
];

const TRUNCATED_AND_WRAPPED: Case[] = [
  ['cut after the tag', 'May  9 08:41:17 mx1 spamd[40212]:', reject('truncated')],
  ['cut after the tag and its space', 'May  9 08:41:17 mx1 spamd[40212]: ', reject('truncated')],
  ['cut mid-address', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.1', reject('truncated')],
  ['cut after the address', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10:', reject('truncated')],
  ['cut mid-word', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: conn', reject('truncated')],
  ['connected cut mid-number', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1', reject('truncated')],
  ['connected cut after the slash', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/', reject('truncated')],
  ['connected cut before the paren', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (12/0', reject('truncated')],
  ['connected cut mid-marker', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/1), lis', reject('truncated')],
  ['connected cut after lists: (a blacklisted host must not look greylisted)', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/1), lists:', reject('truncated')],
  ['connected cut after lists: and its space', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/1), lists: ', reject('truncated')],
  ['connected cut mid-list (undetectable: the tag is partial)', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/1), lists: uatraps nix', connect(M('08:41:17'), 'mx1', '192.0.2.10', 1, 1, 'uatraps nix')],
  ['connected with spamd\'s own cut mark', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/1), lists: a b c ...', connect(M('08:41:17'), 'mx1', '192.0.2.10', 1, 1, 'a b c ...')],
  ['disconnected cut mid-number', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: disconnected after 27', reject('truncated')],
  ['disconnected cut before the dot', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: disconnected after 271 seconds', reject('truncated')],
  ['disconnected cut mid-marker', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: disconnected after 271 seconds. li', reject('truncated')],
  ['disconnected cut after lists:', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: disconnected after 271 seconds. lists:', reject('truncated')],
  ['(GREY) cut in the tag', 'May  9 08:41:17 mx1 spamd[40212]: (GRE', reject('truncated')],
  ['(GREY) cut mid-address', 'May  9 08:41:17 mx1 spamd[40212]: (GREY) 192.0.2.1', reject('truncated')],
  ['(GREY) cut before the arrow', 'May  9 08:41:17 mx1 spamd[40212]: (GREY) 192.0.2.10: <alice@example.net>', reject('truncated')],
  ['(GREY) cut after the arrow', 'May  9 08:41:17 mx1 spamd[40212]: (GREY) 192.0.2.10: <alice@example.net> ->', reject('truncated')],
  ['(GREY) cut after the arrow and its space', 'May  9 08:41:17 mx1 spamd[40212]: (GREY) 192.0.2.10: <alice@example.net> -> ', reject('truncated')],
  ['(GREY) cut mid-recipient', 'May  9 08:41:17 mx1 spamd[40212]: (GREY) 192.0.2.10: <alice@example.net> -> <bob@exa', reject('truncated')],
  ['(GREY) recipient without brackets is whole', 'May  9 08:41:17 mx1 spamd[40212]: (GREY) 192.0.2.10: alice@example.net -> bob@example.com', envelope(M('08:41:17'), 'mx1', 'grey', '192.0.2.10', 'alice@example.net', 'bob@example.com')],
  ['new entry cut mid-address', 'May  9 08:41:17 mx1 spamd[40213]: new entry 192.0.2.1', reject('truncated')],
  ['new entry cut mid-recipient', 'May  9 08:41:17 mx1 spamd[40213]: new entry 192.0.2.10 from <alice@example.net> to <bob@exa', reject('truncated')],
  ['new entry cut before helo', 'May  9 08:41:17 mx1 spamd[40213]: new entry 192.0.2.10 from <alice@example.net> to <bob@example.com>,', reject('truncated')],
  ['Trapping cut mid-address (must not trap another address)', 'May  9 08:41:17 mx1 spamd[40213]: Trapping 203.0.113.7', reject('truncated')],
  ['Trapping cut before the tuple', 'May  9 08:41:17 mx1 spamd[40213]: Trapping 203.0.113.77 for', reject('truncated')],
  ['whitelisting cut mid-address (must not pass another address)', 'May  9 08:41:17 mx1 spamd[40211]: whitelisting 192.0.2.1', reject('truncated')],
  ['whitelisting cut before the database', 'May  9 08:41:17 mx1 spamd[40211]: whitelisting 192.0.2.10 in', reject('truncated')],
  ['spamlogd cut mid-address', 'May  9 08:41:17 mx1 spamlogd[5517]: inbound 192.0.2.', reject('truncated')],
  // The Book of PF typesets these records over two lines: the first part is cut, the second is not a line of its own.
  ['book: record wrapped after the arrow', 'Oct 2 19:55:05 mx1 spamd[26905]: (GREY) 198.51.100.115: <sender@example.net> ->', reject('truncated')],
  ['book: its continuation (recipient)', '<trapaddr.fsf@example.org>', reject('no-envelope')],
  ['book: record wrapped before the arrow', 'Oct 2 19:55:05 mx1 spamd[26905]: (GREY) 198.51.100.115: <sender@example.net>', reject('truncated')],
  ['book: its continuation (arrow and recipient)', '-> <trapaddr.fsf@example.org>', reject('no-envelope')],
  ['book: indented continuation', '    <trapaddr.fsf@example.org>', reject('no-envelope')],
  ['book: header wrapped mid-value (the value is partial, the event is not wrong)', 'Oct 2 19:58:50 mx1 spamd[26905]: 203.0.113.131: From: Auto lnsurance Savings', header(t('2023-10-02T19:58:50Z'), 'mx1', '203.0.113.131', 'From', 'Auto lnsurance Savings')],
  ['book: header continuation', '<noreply@mailer.example.net>', reject('no-envelope')],
  ['book: connected wrapped after lists:', 'Oct 2 19:53:21 mx1 spamd[26905]: 203.0.113.131: connected (1/1), lists:', reject('truncated')],
  ['book: its continuation (the list)', 'spews1', reject('no-envelope')],
  ['book: disconnected wrapped before lists', 'Oct 2 20:00:05 mx1 spamd[26905]: 203.0.113.131: disconnected after 404 seconds.', disconnect(t('2023-10-02T20:00:05Z'), 'mx1', '203.0.113.131', 404)],
  ['book: its continuation (lists: ...)', 'lists: spews1', reject('no-envelope')],
  ['book: disconnected wrapped mid-sentence', 'Oct 2 20:00:05 mx1 spamd[26905]: 203.0.113.131: disconnected after 404', reject('truncated')],
  ['book: its continuation (seconds.)', 'seconds. lists: spews1', reject('no-envelope')],
  ['book: subject wrapped', 'Oct 2 19:58:50 mx1 spamd[26905]: 203.0.113.131: Subject: Start SAVlNG M0NEY on', header(t('2023-10-02T19:58:50Z'), 'mx1', '203.0.113.131', 'Subject', 'Start SAVlNG M0NEY on')],
  ['book: its continuation (words)', 'Auto lnsurance', reject('no-envelope')],
  ['book: continuation that starts with a month name', 'May the spam be with you', reject('no-envelope')],
  ['book: record wrapped after the tag', 'Oct 2 19:53:21 mx1 spamd[26905]:', reject('truncated')],
  // Indistinguishable from a bare spamd message (samples/real/bare-messages-no-envelope.log): recognised, never placed in time.
  ['book: its continuation is a whole spamd message, untimed', '203.0.113.131: connected (1/1), lists: spews1', connect(NONE, '', '203.0.113.131', 1, 1, 'spews1')],
];

const SPACING_ESCAPES_HEADERS: Case[] = [
  ['extra spaces between fields', 'May  9 08:41:17  mx1   spamd[40212]: 192.0.2.10: connected (1/0)', connect(M('08:41:17'), 'mx1', '192.0.2.10', 1, 0)],
  ['no space after the tag colon', 'May  9 08:41:17 mx1 spamd[40212]:192.0.2.10: connected (1/0)', connect(M('08:41:17'), 'mx1', '192.0.2.10', 1, 0)],
  ['trailing space after connected', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/0) ', connect(M('08:41:17'), 'mx1', '192.0.2.10', 1, 0)],
  ['trailing blanks after disconnected', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: disconnected after 3 seconds. \t ', disconnect(M('08:41:17'), 'mx1', '192.0.2.10', 3)],
  ['trailing space after lists', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: disconnected after 3 seconds. lists: spews1 ', disconnect(M('08:41:17'), 'mx1', '192.0.2.10', 3, 'spews1')],
  ['trailing space after (GREY)', 'May  9 08:41:17 mx1 spamd[40212]: (GREY) 192.0.2.10: <a@example.net> -> <b@example.com> ', envelope(M('08:41:17'), 'mx1', 'grey', '192.0.2.10', '<a@example.net>', '<b@example.com>')],
  ['trailing space after whitelisting', 'May  9 08:41:17 mx1 spamd[40211]: whitelisting 192.0.2.10 in /var/db/spamd ', whitelisting(M('08:41:17'), 'mx1', '192.0.2.10')],
  ['trailing space after inbound', 'May  9 08:41:17 mx1 spamlogd[5517]: inbound 192.0.2.10 ', spamlogd(M('08:41:17'), 'mx1', 'inbound', '192.0.2.10')],
  ['single-spaced day and extra spaces', 'Oct 2 19:55:04   mx1 spamd[26905]: 198.51.100.115: connected (2/1)', connect(t('2023-10-02T19:55:04Z'), 'mx1', '198.51.100.115', 2, 1)],
  ['three spaces before the day', 'Oct   2 19:55:04 mx1 spamd[26905]: 198.51.100.115: connected (2/1)', reject('no-envelope')],
  ['Trapping, rsyslog #012, empty helo', 'May  9 08:55:05 mx1 spamd[40213]: Trapping 203.0.113.77 for tuple 203.0.113.77#012#012<x@example.org>#012<trap@example.com>', trapping(M('08:55:05'), 'mx1', '203.0.113.77')],
  ['Trapping, ^J escapes', 'May  9 08:55:05 mx1 spamd[40213]: Trapping 203.0.113.77 for tuple 203.0.113.77^Jbulk.example.org^J<x@example.org>^J<trap@example.com>', trapping(M('08:55:05'), 'mx1', '203.0.113.77')],
  ['Trapping, \\n escapes (vis)', 'May  9 08:55:05 mx1 spamd[40213]: Trapping 203.0.113.77 for tuple 203.0.113.77\\nbulk.example.org\\n<x@example.org>\\n<trap@example.com>', trapping(M('08:55:05'), 'mx1', '203.0.113.77')],
  ['Trapping for trying, #012 escapes', 'May  9 09:31:08 mx1 spamd[40213]: Trapping 203.0.113.50 for trying 192.0.2.3 first for tuple 203.0.113.50#012spam.example.org#012<a@example.org>#012<b@example.com>', trapping(M('09:31:08'), 'mx1', '203.0.113.50')],
  ['Trapping, raw LF: the first physical line', 'May  9 08:55:05 mx1 spamd[40213]: Trapping 203.0.113.77 for tuple 203.0.113.77', trapping(M('08:55:05'), 'mx1', '203.0.113.77')],
  ['Trapping, raw LF: helo on its own line', 'bulk.example.org', reject('no-envelope')],
  ['Trapping, raw LF: an address on its own line', '<x@example.org>', reject('no-envelope')],
  ['queueing deletion, #012 escapes', 'May  9 09:40:03 mx1 spamd[40211]: queueing deletion of 198.51.100.99#012relay.example.net#012<list@example.net>#012<carol@example.com>', daemon(M('09:40:03'), 'mx1', 'queueing')],
  ['queueing deletion, ^J escapes', 'May  9 09:40:03 mx1 spamd[40211]: queueing deletion of 198.51.100.99^Jrelay.example.net^J<list@example.net>^J<carol@example.com>', daemon(M('09:40:03'), 'mx1', 'queueing')],
  ['queueing deletion, \\n escapes', 'May  9 09:40:03 mx1 spamd[40211]: queueing deletion of 198.51.100.99\\nrelay.example.net\\n<list@example.net>\\n<carol@example.com>', daemon(M('09:40:03'), 'mx1', 'queueing')],
  ['empty client address (spamd 1.127 when getnameinfo failed): connected', 'May  9 13:00:00 mx1 spamd[40212]: : connected (1/0)', connect(M('13:00:00'), 'mx1', '', 1, 0)],
  ['empty client address: disconnected', 'May  9 13:00:01 mx1 spamd[40212]: : disconnected after 1 seconds.', disconnect(M('13:00:01'), 'mx1', '', 1)],
  ['<unknown> in (GREY)', 'May  9 13:00:00 mx1 spamd[40212]: (GREY) <unknown>: <a@example.net> -> <b@example.com>', envelope(M('13:00:00'), 'mx1', 'grey', '<unknown>', '<a@example.net>', '<b@example.com>')],
  ['not an address before the colon', 'May  9 13:00:00 mx1 spamd[40212]: 999.0.2.10: connected (1/0)', reject('unknown-spamd')],
  ['header FROM: upper case', 'May  9 08:46:31 mx1 spamd[40212]: 198.51.100.23: FROM: <promo@example.org>', header(M('08:46:31'), 'mx1', '198.51.100.23', 'FROM', '<promo@example.org>')],
  ['header TO: upper case', 'May  9 08:46:31 mx1 spamd[40212]: 198.51.100.23: TO: sales@example.com', header(M('08:46:31'), 'mx1', '198.51.100.23', 'TO', 'sales@example.com')],
  ['header subject: lower case', 'May  9 08:46:31 mx1 spamd[40212]: 198.51.100.23: subject: hello', header(M('08:46:31'), 'mx1', '198.51.100.23', 'subject', 'hello')],
  ['header sUbJeCt: mixed case, no space', 'May  9 08:46:31 mx1 spamd[40212]: 198.51.100.23: sUbJeCt:hello', header(M('08:46:31'), 'mx1', '198.51.100.23', 'sUbJeCt', 'hello')],
  ['header with an empty value', 'May  9 08:46:31 mx1 spamd[40212]: 198.51.100.23: Subject:', header(M('08:46:31'), 'mx1', '198.51.100.23', 'Subject', '')],
  ['header value that looks like an envelope', 'May  9 08:46:31 mx1 spamd[40212]: 198.51.100.23: To: <a@example.net> -> <b@example.com>', header(M('08:46:31'), 'mx1', '198.51.100.23', 'To', '<a@example.net> -> <b@example.com>')],
  ['Subject that looks like a (GREY) line', 'May  9 08:46:31 mx1 spamd[40212]: 198.51.100.23: Subject: (GREY) 192.0.2.10: <a@example.net> -> <b@example.com>', header(M('08:46:31'), 'mx1', '198.51.100.23', 'Subject', '(GREY) 192.0.2.10: <a@example.net> -> <b@example.com>')],
  ['Body: that looks like a disconnect', 'May  9 08:46:41 mx1 spamd[40212]: 198.51.100.23: Body: 192.0.2.10: disconnected after 3 seconds.', header(M('08:46:41'), 'mx1', '198.51.100.23', 'Body', '192.0.2.10: disconnected after 3 seconds.')],
  ['Body: that looks like a whole syslog line', 'May  9 08:46:41 mx1 spamd[40212]: 198.51.100.23: Body: May  9 08:41:17 mx1 spamd[40212]: whitelisting 192.0.2.10 in /var/db/spamd', header(M('08:46:41'), 'mx1', '198.51.100.23', 'Body', 'May  9 08:41:17 mx1 spamd[40212]: whitelisting 192.0.2.10 in /var/db/spamd')],
  ['Body: that looks like a header', 'May  9 08:46:41 mx1 spamd[40212]: 198.51.100.23: Body: From: someone', header(M('08:46:41'), 'mx1', '198.51.100.23', 'Body', 'From: someone')],
  ['Body: with control characters and a tab', 'May  9 08:46:41 mx1 spamd[40212]: 198.51.100.23: Body: \u001b[31mred\tcell', header(M('08:46:41'), 'mx1', '198.51.100.23', 'Body', '\u001b[31mred\tcell')],
  ['(GREY) with odd bytes in the addresses', 'May  9 08:41:19 mx1 spamd[40212]: (GREY) 192.0.2.10: <a#011b@example.net> -> <\ufffd@example.com>', envelope(M('08:41:19'), 'mx1', 'grey', '192.0.2.10', '<a#011b@example.net>', '<\ufffd@example.com>')],
];

const BAD_TIMESTAMPS: Case[] = [
  ['Feb 30', 'Feb 30 10:00:00 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('bad-timestamp')],
  ['Apr 31', 'Apr 31 10:00:00 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('bad-timestamp')],
  ['day 0', 'May 00 10:00:00 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('bad-timestamp')],
  ['25:00:00', 'May  9 25:00:00 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('bad-timestamp')],
  ['minute 60', 'May  9 10:60:00 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('bad-timestamp')],
  ['ISO Feb 30', '2024-02-30T10:00:00Z mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('bad-timestamp')],
  ['ISO month 13', '2024-13-09T10:00:00Z mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('bad-timestamp')],
  ['ISO 25:00', '2024-05-09T25:00:00Z mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('bad-timestamp')],
  ['ISO without an offset', '2024-05-09T08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('bad-timestamp')],
  ['ISO with an hour-only offset', '2024-05-09T08:41:17+01 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('bad-timestamp')],
  ['ISO with an offset of 25 hours', '2024-05-09T08:41:17+25:00 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('bad-timestamp')],
  ['ISO with a letter in the year', '202x-05-09T08:41:17Z mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('no-envelope')],
  ['ISO with a letter in the minutes', '2024-05-09T08:4x:17Z mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('no-envelope')],
  ['BSD without seconds', 'May  9 08:41 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('no-envelope')],
  ['BSD single-digit hour', 'May  9 8:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('no-envelope')],
  ['not a month', 'Foo  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', reject('no-envelope')],
  ['timestamp and host only', 'May  9 08:41:17 mx1', reject('no-envelope')],
  ['<PRI> and garbage', '<30>garbage', reject('no-envelope')],
];

// Found by the parser audit of 2026-12-04 (spamd-format.md §1.4 L4, §4.2, §4.3, §6.1.7).
const AUDIT: Case[] = [
  ['L4 Invalid datalink type', 'May  9 08:35:03 mx1 spamlogd: Invalid datalink type', daemon(M('08:35:03'), 'mx1', 'spamlogd-misc')],
  ['L4 BIOCLOCK', 'May  9 08:35:03 mx1 spamlogd: BIOCLOCK: Operation not permitted', daemon(M('08:35:03'), 'mx1', 'spamlogd-misc')],
  ['L4 a pcap error: interface and reason', 'May  9 08:35:03 mx1 spamlogd: pflog0: No such device exists', daemon(M('08:35:03'), 'mx1', 'spamlogd-misc')],
  ['L1 cut inside the word', 'May  9 09:20:15 mx1 spamlogd[5517]: inbou', reject('truncated')],
  ['L1 cut inside the address', 'May  9 09:20:15 mx1 spamlogd[5517]: inbound 192.0.2', reject('truncated')],
  ['G11 cut inside its tail', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10 blacklisted, removing from white', reject('truncated')],
  ['G11 whole', 'May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10 blacklisted, removing from whitelist', blacklisted(M('08:41:17'), 'mx1', '192.0.2.10')],
  ['SpamAssassin: skipped large message', 'May  9 08:41:17 mx1 spamd[29351]: skipped large message (500000 bytes)', other('spamassassin')],
  ['SpamAssassin: Still running as root', 'May  9 08:41:17 mx1 spamd[29351]: Still running as root: user not specified with -u, not found, or set to root, falling back to nobody', other('spamassassin')],
  ['RFC 5424 structured data with an escaped ] in a value', '<30>1 2024-05-09T08:41:17Z mx1 spamd 40212 - [meta x="a\\]b"][b y="c"] 192.0.2.10: connected (1/0)', connect(M('08:41:17'), 'mx1', '192.0.2.10', 1, 0)],
  ['a BOM at the start of a BSD message (rsyslog writing RFC 5424 input traditionally)', 'May  9 08:41:17 mx1 spamd[40212]: \ufeff192.0.2.10: connected (1/0)', connect(M('08:41:17'), 'mx1', '192.0.2.10', 1, 0)],
];

const TABLES: ReadonlyArray<readonly [string, Case[]]> = [
  ['parser audit', AUDIT],
  ['spamd-format.md §5', SECTION_5],
  ['§5 other envelopes', OTHER_ENVELOPES],
  ['§4.2 envelopes', ENVELOPES],
  ['§1 error and status lines', ERRORS],
  ['legacy, other programs, syslogd', LEGACY_AND_OTHERS],
  ['truncated and wrapped', TRUNCATED_AND_WRAPPED],
  ['spacing, escapes, addresses, headers', SPACING_ESCAPES_HEADERS],
  ['bad timestamps', BAD_TIMESTAMPS],
];

for (const [group, cases] of TABLES) {
  for (const [name, line, expected] of cases) {
    test(`${group}: ${name}`, () => {
      const parse = createLineParser({ zone: createZone('UTC'), reference: REFERENCE });
      assert.deepStrictEqual(parse(line), expected, JSON.stringify(line));
    });
  }
}

test('every line of the §5 block, in order, through one parser', () => {
  const parse = createLineParser({ zone: createZone('UTC'), reference: REFERENCE });
  for (const [, line, expected] of SECTION_5) assert.deepStrictEqual(parse(line), expected, line);
});

test('lines with and without a host field, interleaved, through one parser (the timestamp and host caches)', () => {
  const parse = createLineParser({ zone: createZone('UTC'), reference: REFERENCE });
  const lines: Array<[string, string]> = [
    ['May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', 'mx1'],
    ['May  9 08:41:17 spamd[40212]: 192.0.2.10: connected (1/0)', ''],
    ['May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', 'mx1'],
    ['May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', 'mx1'],
    ['May  9 08:41:17 spamd: 192.0.2.10: connected (1/0)', ''],
    ['May  9 08:41:17 mx1.example.com spamd[40212]: 192.0.2.10: connected (1/0)', 'mx1.example.com'],
    ['May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', 'mx1'],
  ];
  for (const [line, host] of lines) {
    const o = parse(line);
    assert.equal(o.kind === 'connect' && o.host, host, line);
  }
  // every table case after every other, through one parser: what one line leaves cached never changes the next
  const all = TABLES.flatMap(([, cases]) => cases);
  for (const [, line, expected] of all) assert.deepStrictEqual(parse(line), expected, JSON.stringify(line));
});

test('the host field is whatever syslog wrote (short, FQDN, address): sessions are kept apart by it', () => {
  const parse = createLineParser({ zone: createZone('UTC'), reference: REFERENCE });
  for (const host of ['mx1', 'mx1.example.com', '192.168.10.21', 'localhost']) {
    const o = parse(`May  9 08:41:17 ${host} spamd[40212]: 192.0.2.10: connected (1/0)`);
    assert.equal(o.kind === 'connect' && o.host, host);
  }
});

test('BSD timestamps are local time in the given zone', () => {
  const parse = createLineParser({ zone: createZone('Europe/Berlin'), reference: t('2024-05-10T00:00:00Z') });
  assert.deepStrictEqual(parse('May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/0)'), connect(t('2024-05-09T06:41:17Z'), 'mx1', '192.0.2.10', 1, 0));
  // ISO timestamps carry their own offset: the zone does not apply.
  assert.deepStrictEqual(parse('2024-05-09T08:41:17Z mx1 spamd[40212]: 192.0.2.10: connected (1/0)'), connect(t('2024-05-09T08:41:17Z'), 'mx1', '192.0.2.10', 1, 0));
});

test('--year sets the year of BSD timestamps; ISO timestamps keep theirs', () => {
  const parse = createLineParser({ zone: createZone('UTC'), reference: REFERENCE, year: 2019 });
  assert.deepStrictEqual(parse('May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/0)'), connect(t('2019-05-09T08:41:17Z'), 'mx1', '192.0.2.10', 1, 0));
  assert.deepStrictEqual(parse('2024-05-09T08:41:17Z mx1 spamd[40212]: 192.0.2.10: connected (1/0)'), connect(t('2024-05-09T08:41:17Z'), 'mx1', '192.0.2.10', 1, 0));
  assert.deepStrictEqual(parse('Feb 29 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/0)'), reject('bad-timestamp'));
});

// A line that ends with its last address cannot show that it was cut: spamlogd's `inbound ip`, and
// envelopes whose recipient has no angle brackets. Syslog cuts lines at 1 KB or more, never these.
const ENDS_WITH_ITS_ADDRESS = /spamlogd|-> [^<]/;

test('no line throws, and no cut line names another address or envelope than the whole line', () => {
  const parse = createLineParser({ zone: createZone('UTC'), reference: REFERENCE });
  let checked = 0;
  for (const [, cases] of TABLES) {
    for (const [, line] of cases) {
      const whole = parse(line);
      // Lines that are themselves cut are prefixes of whole ones elsewhere in the tables.
      if (ENDS_WITH_ITS_ADDRESS.test(line) || whole.kind === 'reject') continue;
      for (let i = 0; i < line.length; i++) {
        const cut = line.slice(0, i);
        const o = parse(cut);
        assert.ok(['other', 'reject'].includes(o.kind) || 'time' in o, cut);
        if ('ip' in o) assert.equal(o.ip, 'ip' in whole ? whole.ip : undefined, JSON.stringify(cut));
        if (o.kind === 'envelope' || o.kind === 'new-entry') {
          assert.equal(whole.kind, o.kind, JSON.stringify(cut));
          assert.deepStrictEqual([o.from, o.to], 'from' in whole ? [whole.from, whole.to] : [], JSON.stringify(cut));
        }
        checked++;
      }
    }
  }
  assert.ok(checked > 10_000);
});
