// What `evidence` is about: --ip, --net, --sender-domain, --sender, --recipient. Several values
// of one option are alternatives (any may match); different options must all match.
import { bareAddress, senderDomain, senderFamily } from './families.js';
import { isInCidr, type Cidr } from './network.js';
import type { AttemptSelector } from './analyzer.js';

export interface Selection {
  ips: string[];
  nets: Cidr[];
  /** Domains; a sender in a subdomain matches too. */
  senderDomains: string[];
  /** Exact senders or sender families, angle brackets optional, any case. */
  senders: string[];
  /** Exact recipients, or `@domain` for every recipient in that domain. */
  recipients: string[];
}

export function isEmptySelection(s: Selection): boolean {
  return s.ips.length + s.nets.length + s.senderDomains.length + s.senders.length + s.recipients.length === 0;
}

/** Whether the selection can match an address whose envelopes are unknown (spamd without -v). */
export function selectsByAddressOnly(s: Selection): boolean {
  return s.ips.length + s.nets.length > 0 && s.senderDomains.length + s.senders.length + s.recipients.length === 0;
}

function normalizeAddress(a: string): string {
  return bareAddress(a.trim()).toLowerCase();
}

export function matchesAddress(s: Selection, ip: string): boolean {
  if (s.ips.length === 0 && s.nets.length === 0) return true;
  return s.ips.includes(ip) || s.nets.some((n) => isInCidr(ip, n));
}

function matchesSender(s: Selection, from: string): boolean {
  if (s.senderDomains.length > 0) {
    const d = senderDomain(from);
    if (!s.senderDomains.some((w) => d === w || d.endsWith('.' + w))) return false;
  }
  if (s.senders.length > 0) {
    const exact = normalizeAddress(from);
    const family = bareAddress(senderFamily(from));
    if (!s.senders.some((w) => w === exact || w === family)) return false;
  }
  return true;
}

function matchesRecipient(s: Selection, to: string): boolean {
  if (s.recipients.length === 0) return true;
  const r = normalizeAddress(to);
  return s.recipients.some((w) => (w.startsWith('@') ? r.endsWith(w) : r === w));
}

export function matchesTriplet(s: Selection, ip: string, from: string, to: string): boolean {
  return matchesAddress(s, ip) && matchesSender(s, from) && matchesRecipient(s, to);
}

/** Normalise user-given values once: lower case, no angle brackets, domains without a leading `@`. */
export function normalizeSelection(s: Selection): Selection {
  return {
    ips: s.ips.map((x) => x.trim()),
    nets: s.nets,
    senderDomains: s.senderDomains.map((d) => d.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '')),
    senders: s.senders.map(normalizeAddress),
    recipients: s.recipients.map(normalizeAddress),
  };
}

/** The analyzer hook: keep attempts of the triplets (and, by address only, the addresses) selected. */
export function createAttemptSelector(selection: Selection): AttemptSelector {
  const s = normalizeSelection(selection);
  const byAddress = selectsByAddressOnly(s);
  return {
    triplet: (ip, from, to) => matchesTriplet(s, ip, from, to),
    address: (ip) => byAddress && matchesAddress(s, ip),
  };
}
