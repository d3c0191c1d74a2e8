// pf table files (pfctl -T ... -f, `table <nospamd> persist file "/etc/mail/nospamd"`) → network
// entries. Pure. The syntax pfctl reads: addresses separated by blanks or newlines, `#` starts a
// comment to the end of the line, each address IPv4 or IPv6 with an optional /prefix
// (`10/8` short forms too), `!` in front negates it. Host bits under the prefix are cleared as pf
// does. Host and interface names are not resolved here (that needs DNS and the machine's
// interfaces): they are reported, never guessed.
import { isIPv4, isIPv6 } from 'node:net';

export type IpFamily = 4 | 6;

export interface NetEntry {
  family: IpFamily;
  /** The network address with host bits cleared. */
  network: bigint;
  prefix: number;
  /** `!addr`: addresses it matches most specifically are not in the table. */
  negated: boolean;
  /** The token as written, and where. */
  text: string;
  line: number;
}

export type PfTableReject = 'hostname' | 'bad-address' | 'bad-prefix';

export interface PfTableProblem {
  line: number;
  token: string;
  reason: PfTableReject;
}

export interface PfTable {
  entries: NetEntry[];
  problems: PfTableProblem[];
}

/** An IPv4 address → 32-bit value, or null. Strict dotted quad, as spamd logs it. */
export function parseIpv4(s: string): bigint | null {
  if (!isIPv4(s)) return null;
  let v = 0n;
  for (const p of s.split('.')) v = (v << 8n) | BigInt(Number(p));
  return v;
}

/** An IPv6 address (any textual form, with an IPv4 tail allowed, no zone) → 128-bit value, or null. */
export function parseIpv6(s: string): bigint | null {
  if (!isIPv6(s) || s.includes('%')) return null;
  let text = s;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const v4 = parseIpv4(tail[1]!);
    if (v4 === null) return null;
    text = text.slice(0, -tail[1]!.length) + ((v4 >> 16n) & 0xffffn).toString(16) + ':' + (v4 & 0xffffn).toString(16);
  }
  const halves = text.split('::');
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length > 1 && halves[1] ? halves[1].split(':') : [];
  const groups = halves.length > 1 ? [...head, ...Array<string>(8 - head.length - rest.length).fill('0'), ...rest] : head;
  if (groups.length !== 8) return null;
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(parseInt(g, 16));
  return v;
}

/** A textual address → family and value; null when it is neither IPv4 nor IPv6. */
export function parseIp(s: string): { family: IpFamily; value: bigint } | null {
  const v4 = parseIpv4(s);
  if (v4 !== null) return { family: 4, value: v4 };
  const v6 = parseIpv6(s);
  if (v6 !== null) return { family: 6, value: v6 };
  return null;
}

export function familyBits(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

/** Clear the host bits below `prefix`. */
export function maskTo(value: bigint, family: IpFamily, prefix: number): bigint {
  const host = BigInt(familyBits(family) - prefix);
  return (value >> host) << host;
}

/** inet_net_pton's short IPv4 networks: `10/8`, `172.16/12`, `192.168.1/24`. */
function shortIpv4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length < 1 || parts.length > 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  let v = 0n;
  for (let i = 0; i < 4; i++) v = (v << 8n) | BigInt(Number(parts[i] ?? 0));
  return v;
}

/** One token of a table file → an entry or the reason it is not one. */
export function parseNetToken(token: string, line: number): NetEntry | PfTableProblem {
  const negated = token.startsWith('!');
  const body = negated ? token.slice(1) : token;
  const slash = body.indexOf('/');
  const addr = slash < 0 ? body : body.slice(0, slash);
  const bad = (reason: PfTableReject): PfTableProblem => ({ line, token, reason });
  let ip = parseIp(addr);
  if (ip === null && slash >= 0) {
    const short = shortIpv4(addr);
    if (short !== null) ip = { family: 4, value: short };
  }
  if (ip === null) {
    // pfctl would resolve a host or interface name; an address-like token is just wrong.
    return /^[A-Za-z][A-Za-z0-9.-]*(:[a-z]+)?$/.test(addr) && !/^[0-9a-f:]+$/i.test(addr) ? bad('hostname') : bad('bad-address');
  }
  const max = familyBits(ip.family);
  let prefix = max;
  if (slash >= 0) {
    const p = body.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > max) return bad('bad-prefix');
    prefix = Number(p);
  }
  return { family: ip.family, network: maskTo(ip.value, ip.family, prefix), prefix, negated, text: token, line };
}

export function parsePfTable(text: string): PfTable {
  const entries: NetEntry[] = [];
  const problems: PfTableProblem[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const hash = lines[i]!.indexOf('#');
    const content = hash < 0 ? lines[i]! : lines[i]!.slice(0, hash);
    for (const token of content.split(/\s+/)) {
      if (token === '') continue;
      const r = parseNetToken(token, i + 1);
      if ('reason' in r) problems.push(r);
      else entries.push(r);
    }
  }
  return { entries, problems };
}
