// The vendors of the evidence/domains end-to-end tests, as one spamd -v log (UTC, 2026). Every
// figure the tests assert follows from the times written here.
import { VendorLog } from '../helpers/vendor-log.js';

export const T0 = Date.UTC(2026, 2, 10, 9, 0, 0) / 1000;
const MIN = 60;
const HOUR = 3600;
/** The last line of the log: verdicts are decided here unless --until is given. */
export const END = T0 + 10 * HOUR;
export const ADMIN = '<admin@example.com>';
export const OPS = '<ops@example.com>';

export function vendorLog(): string {
  const log = new VendorLog();
  // A: never retries (a billing system): two messages, one attempt each.
  log.attempt('198.51.100.10', T0, '<invoices@billing.never.example>', ADMIN);
  log.attempt('198.51.100.10', T0 + 10 * MIN, '<invoices@billing.never.example>', OPS);
  // B: retries once within a second, then never again (a per-message VERP sender).
  log.attempt('198.51.100.20', T0 + 5 * MIN, '<bounce-4711-9f8e7d6c@notify.rapid.example>', ADMIN);
  log.attempt('198.51.100.20', T0 + 5 * MIN + 1, '<bounce-4711-9f8e7d6c@notify.rapid.example>', ADMIN);
  // C: a pool: each retry from another address of 203.0.113.0/24 (must not be accused).
  log.attempt('203.0.113.1', T0 + 2 * MIN, '<news@pool.example>', ADMIN);
  log.attempt('203.0.113.2', T0 + 12 * MIN, '<news@pool.example>', ADMIN);
  log.attempt('203.0.113.3', T0 + 32 * MIN, '<news@pool.example>', ADMIN);
  log.attempt('203.0.113.4', T0 + 92 * MIN, '<news@pool.example>', ADMIN);
  log.attempt('203.0.113.5', T0 + 3 * MIN, '<news@pool.example>', OPS);
  log.attempt('203.0.113.6', T0 + 40 * MIN, '<news@pool.example>', OPS);
  // D: passes: retries after 6 min (Postfix-like), then after the passtime; spamd whitelists it.
  log.attempt('192.0.2.50', T0 + 20 * MIN, '<reports@good.example>', ADMIN);
  log.attempt('192.0.2.50', T0 + 26 * MIN, '<reports@good.example>', ADMIN);
  log.attempt('192.0.2.50', T0 + 56 * MIN, '<reports@good.example>', ADMIN);
  log.whitelisting('192.0.2.50', T0 + 57 * MIN);
  // E: a list server whose per-message VERP senders and addresses differ: one family, one message.
  log.attempt('198.51.100.30', T0 + 4 * HOUR, '<bounce-1001-aa11bb22@lists.family.example>', ADMIN);
  log.attempt('198.51.100.31', T0 + 4 * HOUR + 20 * MIN, '<bounce-1002-cc33dd44@lists.family.example>', ADMIN);
  // F: the null sender from two unrelated-looking addresses of one /24.
  log.attempt('192.0.2.77', T0 + 60 * MIN, '<>', ADMIN);
  log.attempt('192.0.2.78', T0 + 70 * MIN, '<>', ADMIN);
  // G: seen 30 min before the log ends: still pending.
  log.attempt('198.51.100.99', T0 + 9 * HOUR + 30 * MIN, '<alerts@late.example>', ADMIN);
  // The last line: a blacklisted session without envelope.
  log.session({ ip: '203.0.113.200', at: END - 30, secs: 30, lists: 'spews1' });
  return log.toString();
}
