// spamd log lines for tests, in the shapes spamd.c and grey.c write them (spamd-format.md §1),
// inside a BSD syslog envelope: `Oct  2 19:55:04 mx1 spamd[26905]: message`.

export const HOST = 'mx1';
export const PID = 26905;

/** `Mmm dd hh:mm:ss host spamd[pid]: msg`; `when` is `Oct  2 19:55:04`. */
export function line(when: string, msg: string, host = HOST, tag = `spamd[${PID}]`): string {
  return `${when} ${host} ${tag}: ${msg}`;
}

export const connect = (when: string, ip: string, lists = ''): string =>
  line(when, `${ip}: connected (1/${lists ? 1 : 0})${lists ? `, lists: ${lists}` : ''}`);
export const disconnect = (when: string, ip: string, secs: number, lists = ''): string =>
  line(when, `${ip}: disconnected after ${secs} seconds.${lists ? ` lists: ${lists}` : ''}`);
export const grey = (when: string, ip: string, from: string, to: string): string => line(when, `(GREY) ${ip}: ${from} -> ${to}`);
export const header = (when: string, ip: string, name: string, value: string): string => line(when, `${ip}: ${name}: ${value}`);
export const newEntry = (when: string, ip: string, from: string, to: string, helo: string): string =>
  line(when, `new entry ${ip} from ${from} to ${to}, helo ${helo}`);
export const trapping = (when: string, ip: string, tuple: string): string => line(when, `Trapping ${ip} for tuple ${tuple}`);

/** One greylisted session with one envelope: connect, (GREY), disconnect `secs` later. */
export function session(date: string, hms: string, ip: string, from: string, to: string, secs = 0): string[] {
  const start = new Date(`2026-01-01T${hms}Z`).getTime() / 1000;
  const end = new Date((start + secs) * 1000).toISOString().slice(11, 19);
  return [connect(`${date} ${hms}`, ip), grey(`${date} ${hms}`, ip, from, to), disconnect(`${date} ${end}`, ip, secs)];
}

/** Lines joined with LF, with a final LF. */
export function log(lines: readonly string[]): string {
  return lines.map((l) => l + '\n').join('');
}
