// A small spamd -v log writer for the evidence and domains tests: sessions with their connect,
// (GREY) and disconnect lines at chosen times, in BSD syslog form (UTC, year given with --year).
// Deliberately independent of the scenario generator in test/generator/.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Epoch seconds (UTC) → `Mar 10 09:00:00`, the day space-padded as syslogd writes it. */
export function bsdTime(t: number): string {
  const d = new Date(t * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export interface SessionSpec {
  ip: string;
  /** Connect time, epoch seconds. */
  at: number;
  /** Session length as the disconnect line states it. */
  secs: number;
  /** Envelopes (from, to) as spamd logs them, one (GREY) line each, 1 s after connect. */
  envelopes?: Array<[string, string]>;
  /** On a blacklist: `lists:` on both lines, (BLACK) envelopes. */
  lists?: string;
}

export class VendorLog {
  private readonly lines: Array<[number, string]> = [];
  private readonly host: string;
  private readonly pid: number;

  constructor(host = 'mx1', pid = 4242) {
    this.host = host;
    this.pid = pid;
  }

  line(t: number, message: string, program = `spamd[${this.pid}]`): this {
    this.lines.push([t, `${bsdTime(t)} ${this.host} ${program}: ${message}`]);
    return this;
  }

  session(s: SessionSpec): this {
    const black = s.lists !== undefined;
    this.line(s.at, `${s.ip}: connected (1/${black ? 1 : 0})${black ? `, lists: ${s.lists}` : ''}`);
    for (const [from, to] of s.envelopes ?? []) this.line(s.at + Math.min(1, s.secs), `(${black ? 'BLACK' : 'GREY'}) ${s.ip}: ${from} -> ${to}`);
    this.line(s.at + s.secs, `${s.ip}: disconnected after ${s.secs} seconds.${black ? ` lists: ${s.lists}` : ''}`);
    return this;
  }

  /** One greylisted attempt of one envelope: a 2 s session. */
  attempt(ip: string, at: number, from: string, to: string): this {
    return this.session({ ip, at, secs: 2, envelopes: [[from, to]] });
  }

  whitelisting(ip: string, at: number): this {
    return this.line(at, `whitelisting ${ip} in /var/db/spamd`, `spamd[${this.pid + 1}]`);
  }

  toString(): string {
    return (
      [...this.lines]
        .map((l, i) => [l[0], i, l[1]] as const)
        .sort((a, b) => a[0] - b[0] || a[1] - b[1])
        .map((l) => l[2])
        .join('\n') + '\n'
    );
  }
}
