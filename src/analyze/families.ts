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

// Runs once per triplet at the end of an analysis (millions on a large log), so tokens are
// scanned by character code, and the rewrite rules are tried only behind their fixed prefixes.

/** Separators between tokens of a local part: - . _ = + */
function isSeparator(c: number): boolean {
  return c === 45 || c === 46 || c === 95 || c === 61 || c === 43;
}

/**
 * Whether s[from, to) is a per-message token: digits; hex of 6 or more characters, or of 4 or
 * more with a digit in it (uuid parts); or 8 or more letters and digits mixed (an id). Lower case.
 */
function isVariableAt(s: string, from: number, to: number): boolean {
  const len = to - from;
  if (len === 0) return false;
  let digits = 0;
  let letters = 0;
  let hex = true;
  let alnum = true;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 97 && c <= 102) letters++;
    else if (c >= 103 && c <= 122) {
      letters++;
      hex = false;
    } else {
      hex = false;
      alnum = false;
    }
  }
  if (digits === len) return true;
  if (hex && (len >= 6 || (len >= 4 && digits > 0))) return true;
  return alnum && len >= 8 && digits > 0 && letters > 0;
}

export function isVariableToken(token: string): boolean {
  return isVariableAt(token, 0, token.length);
}

/** Replace variable tokens by `*`, a run of them (with the separators between) by one `*`. */
function maskTokens(local: string): string {
  let out = '';
  let start = 0;
  let star = false;
  for (let i = 0; i <= local.length; i++) {
    if (i < local.length && !isSeparator(local.charCodeAt(i))) continue;
    const sep = start > 0 ? local[start - 1]! : '';
    if (isVariableAt(local, start, i)) {
      if (!star) out += sep + '*';
      star = true;
    } else {
      out += sep + local.slice(start, i);
      star = false;
    }
    start = i + 1;
  }
  return out;
}

/** The family of a (lower-cased) local part. */
function familyLocal(local: string): string {
  let m: RegExpExecArray | null;
  if (local.startsWith('srs1') && (m = SRS1.exec(local))) return `srs1=*=${m[1]}==*=*=${m[2]}=${familyLocal(m[3]!)}`;
  if (local.startsWith('srs0') && (m = SRS0.exec(local))) return `srs0=*=*=${m[1]}=${familyLocal(m[2]!)}`;
  if (local.startsWith('prvs=') && (m = PRVS.exec(local))) {
    // The draft puts the tag first; some old implementations put it last.
    const inner = !PRVS_TAG.test(m[1]!) && PRVS_TAG.test(m[2]!) ? m[1]! : m[2]!;
    return familyLocal(inner);
  }
  if (local.startsWith('msprvs1=') && (m = MSPRVS.exec(local))) return familyLocal(m[1]!);
  if (local.startsWith('btv1==') && (m = BTV.exec(local))) return familyLocal(m[1]!);
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
