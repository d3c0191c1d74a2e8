// One gateway's day, for the toolbox tests and the documentation: two MX hosts that sync their
// greylist (mx1's log is analysed, mx2 is the backup), senders of every kind, a spamdb listing
// taken at 11:00, and the admin's nospamd file. Written by the simulation, so log and listing
// agree the way they do on a real machine.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate, type SimAttempt, type SimOptions } from './spamd-sim.js';

/** 2026-10-02T08:00:00Z. */
export const T0 = Date.UTC(2026, 9, 2, 8, 0, 0) / 1000;
/** When the listing was taken: 11:00. */
export const DUMP_AT = T0 + 3 * 3600;
/** Decide verdicts at 14:00, when every greylist entry of the morning has expired. */
export const UNTIL = '2026-10-02T14:00:00Z';

export const IP = {
  good: '192.0.2.10', // retries after 30 min and passes
  never: '198.51.100.7', // one attempt, never again (excused in nospamd by its /24)
  rapid: '203.0.113.5', // three attempts within three seconds
  backup: '192.0.2.20', // one attempt here, the retry went to the backup MX and passed there
  negated: '198.51.100.66', // in the excused /24 but negated with '!': still flagged
  trapped: '203.0.113.77', // mails a spamtrap, then is blacklisted
  late: '192.0.2.30', // first seen at 13:00: still pending at 14:00
} as const;

export const ATTEMPTS: SimAttempt[] = [
  { at: T0, ip: IP.good, helo: 'mail.example.net', from: '<alice@example.net>', to: '<bob@example.com>' },
  { at: T0 + 1800, ip: IP.good, helo: 'mail.example.net', from: '<alice@example.net>', to: '<bob@example.com>' },
  { at: T0 + 7200, ip: IP.good, helo: 'mail.example.net', from: '<alice@example.net>', to: '<carol@example.com>' },
  { at: T0 + 600, ip: IP.never, helo: 'mx.vendor.example', from: '<noreply@vendor.example>', to: '<bob@example.com>' },
  { at: T0 + 900, ip: IP.rapid, helo: 'bulk.example.org', from: '<news@bulk.example.org>', to: '<carol@example.com>' },
  { at: T0 + 901, ip: IP.rapid, helo: 'bulk.example.org', from: '<news@bulk.example.org>', to: '<carol@example.com>' },
  { at: T0 + 903, ip: IP.rapid, helo: 'bulk.example.org', from: '<news@bulk.example.org>', to: '<carol@example.com>' },
  { at: T0 + 1200, ip: IP.backup, helo: 'smtp.partner.example', from: '<orders@partner.example>', to: '<bob@example.com>' },
  { at: T0 + 3600, ip: IP.backup, helo: 'smtp.partner.example', from: '<orders@partner.example>', to: '<bob@example.com>', host: 'mx2' },
  { at: T0 + 1500, ip: IP.negated, helo: 'relay.vendor.example', from: '<billing@vendor.example>', to: '<dave@example.com>' },
  { at: T0 + 2000, ip: IP.trapped, helo: 'spam.example.org', from: '<x@example.org>', to: '<trap@example.com>' },
  { at: T0 + 4000, ip: IP.trapped, helo: 'spam.example.org', from: '<x@example.org>', to: '<bob@example.com>' },
  { at: T0 + 5 * 3600, ip: IP.late, helo: 'mail.late.example', from: '<info@late.example>', to: '<bob@example.com>' },
];

export const SPAMTRAPS = ['trap@example.com'];

/** The admin's /etc/mail/nospamd: comments, a /24, a negation, a single address, IPv6. */
export const NOSPAMD = `# /etc/mail/nospamd: senders we do not greylist
#
# vendor.example: their relays never retry, we gave up on them (ticket 4711)
198.51.100.0/24
!198.51.100.66   # except this one, we still want evidence for it
192.0.2.200      # a single host
2001:db8:25::/48 # their IPv6 relays
`;

export type Variant = 'verbose' | 'nonverbose' | 'old-layout';

const VARIANTS: Record<Variant, SimOptions> = {
  // spamd -v with debug lines in the log, current spamdb (GREY with helo)
  verbose: { verbose: true, debug: true, spamtraps: SPAMTRAPS },
  // spamd without -v and a daemon.info selector: no envelopes, no grey.c lines
  nonverbose: { verbose: false, debug: false, spamtraps: SPAMTRAPS },
  // an old spamd: tuples without helo, spamdb 1.11's GREY layout
  'old-layout': { verbose: true, debug: false, oldLayout: true, spamtraps: SPAMTRAPS },
};

export interface ScenarioFiles {
  log: string;
  backupLog: string;
  dump: string;
  nospamd: string;
}

export function scenarioTexts(variant: Variant): { log: string; backupLog: string; dump: string } {
  const r = simulate(ATTEMPTS, DUMP_AT, VARIANTS[variant]);
  return { log: r.logs.mx1 ?? '', backupLog: r.logs.mx2 ?? '', dump: r.dump };
}

/** Write the scenario's files into `dir` (created): spamd.log, spamd-mx2.log, spamdb.txt, nospamd. */
export function writeScenario(dir: string, variant: Variant): ScenarioFiles {
  mkdirSync(dir, { recursive: true });
  const t = scenarioTexts(variant);
  const files: ScenarioFiles = {
    log: join(dir, 'spamd.log'),
    backupLog: join(dir, 'spamd-mx2.log'),
    dump: join(dir, 'spamdb.txt'),
    nospamd: join(dir, 'nospamd'),
  };
  writeFileSync(files.log, t.log);
  writeFileSync(files.backupLog, t.backupLog);
  writeFileSync(files.dump, t.dump);
  writeFileSync(files.nospamd, NOSPAMD);
  return files;
}
