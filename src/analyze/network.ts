// IPv4 addresses and networks, for --pool-prefix and --net. spamd accepts IPv4 clients only
// (spamd.c initcon() refuses any other address family), so its log has no IPv6 address.

/** A dotted quad → its 32-bit value, or null when `ip` is not one. */
export function parseIPv4(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  let v = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    v = v * 256 + octet;
  }
  return v;
}

function formatIPv4(v: number): string {
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export interface Cidr {
  /** The network address (host bits cleared). */
  base: number;
  prefix: number;
}

/** `192.0.2.0/24` or a bare address (a /32) → Cidr; null when it is neither. */
export function parseCidr(text: string): Cidr | null {
  const m = /^([^/]+)(?:\/(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const ip = parseIPv4(m[1]!);
  const prefix = m[2] === undefined ? 32 : Number(m[2]);
  if (ip === null || prefix > 32) return null;
  return { base: (ip & mask(prefix)) >>> 0, prefix };
}

export function formatCidr(c: Cidr): string {
  return `${formatIPv4(c.base)}/${c.prefix}`;
}

export function isInCidr(ip: string, c: Cidr): boolean {
  const v = parseIPv4(ip);
  return v !== null && ((v & mask(c.prefix)) >>> 0) === c.base;
}

/** The /prefix network `ip` is in (`192.0.2.0/24`); a string that is no IPv4 address stays itself. */
export function networkOf(ip: string, prefix: number): string {
  const v = parseIPv4(ip);
  return v === null ? ip : formatCidr({ base: (v & mask(prefix)) >>> 0, prefix });
}
