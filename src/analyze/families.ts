// Sender families: per-message envelope senders (VERP, SRS, BATV, +tags, numeric or hex ids)
// make one sending system look like thousands of senders. senderFamily() maps each address to a
// stable form with the variable parts replaced by `*`, for grouping only: the original address is
// always kept for the evidence. The rules, in the order they apply, are in docs/evidence.md.

export const NULL_SENDER = '<>';

/** SRS0=HHH=TT=orig-domain=orig-local (Sender Rewriting Scheme, a forwarder's rewrite). */
const SRS0 = /^srs0[=+-][^=]*=[^=]*=([^=]*)=(.*)$/;
/** SRS1=HHH=first-forwarder==HHH=TT=orig-domain=orig-local (a second forwarder). */
const SRS1 = /^srs1[=+-][^=]*=([^=]*)==[^=]*=[^=]*=([^=]*)=(.*)$/;
/** BATV (draft-levine-smtp-batv) prvs=tag=local, and the msprvs1= and btv1== variants. */
const PRVS = /^prvs=([^=]+)=(.+)$/;
const MSPRVS = /^msprvs1=[^=]+=(.+)$/;
const BTV = /^btv1==[^=]+==(.+)$/;
/** A prvs tag: one key digit, three day digits, six hex digits of hash. */
const PRVS_TAG = /^[0-9][0-9]{3}[0-9a-f]{6}$/;

/** Separators between tokens of a local part. */
const SEPARATORS = /([-._=+])/;

/**
 * A per-message token: digits; hex of 6 or more characters, or of 4 or more with a digit in it
 * (uuid parts); or 8 or more letters and digits mixed (an id).
 */
export function isVariableToken(token: string): boolean {
  if (token === '') return false;
  if (/^\d+$/.test(token)) return true;
  if (/^[0-9a-f]+$/.test(token) && (token.length >= 6 || (token.length >= 4 && /\d/.test(token)))) return true;
  return token.length >= 8 && /\d/.test(token) && /[a-z]/.test(token) && /^[0-9a-z]+$/.test(token);
}

/** Replace variable tokens by `*`, a run of them (with the separators between) by one `*`. */
function maskTokens(local: string): string {
  const parts = local.split(SEPARATORS); // token, separator, token, ...
  const out = [isVariableToken(parts[0]!) ? '*' : parts[0]!];
  for (let i = 2; i < parts.length; i += 2) {
    const variable = isVariableToken(parts[i]!);
    if (variable && out[out.length - 1] === '*') continue;
    out.push(parts[i - 1]!, variable ? '*' : parts[i]!);
  }
  return out.join('');
}

/** The family of a (lower-cased) local part. */
function familyLocal(local: string): string {
  let m = SRS1.exec(local);
  if (m) return `srs1=*=${m[1]}==*=*=${m[2]}=${familyLocal(m[3]!)}`;
  m = SRS0.exec(local);
  if (m) return `srs0=*=*=${m[1]}=${familyLocal(m[2]!)}`;
  m = PRVS.exec(local);
  if (m) {
    // The draft puts the tag first; some old implementations put it last.
    const inner = !PRVS_TAG.test(m[1]!) && PRVS_TAG.test(m[2]!) ? m[1]! : m[2]!;
    return familyLocal(inner);
  }
  m = MSPRVS.exec(local) ?? BTV.exec(local);
  if (m) return familyLocal(m[1]!);
  const plus = local.indexOf('+');
  if (plus > 0) return maskTokens(local.slice(0, plus)) + '+*';
  return maskTokens(local);
}

/** Strip one pair of angle brackets, as spamd logs envelope addresses. */
export function bareAddress(sender: string): string {
  return sender.startsWith('<') && sender.endsWith('>') && sender.length >= 2 ? sender.slice(1, -1) : sender;
}

/** The sender family `<local-family@domain>`, lower-cased; `<>` for the null sender. */
export function senderFamily(sender: string): string {
  const bare = bareAddress(sender).toLowerCase();
  if (bare === '') return NULL_SENDER;
  const at = bare.lastIndexOf('@');
  if (at < 0) return `<${familyLocal(bare)}>`;
  return `<${familyLocal(bare.slice(0, at))}@${bare.slice(at + 1)}>`;
}

/** The envelope sender's domain, lower-cased: `<>` for the null sender, '' when it has none. */
export function senderDomain(sender: string): string {
  const bare = bareAddress(sender).toLowerCase();
  if (bare === '') return NULL_SENDER;
  const at = bare.lastIndexOf('@');
  return at < 0 ? '' : bare.slice(at + 1);
}
