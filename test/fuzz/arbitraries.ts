// fast-check generators of spamd logs: well-formed lines in every envelope the parser reads,
// then mutated (cut, spliced, bytes flipped, CRs and NULs put in) and mixed with raw bytes. A
// small address pool and times that mostly go forward make sessions pair and triplets retry, so
// the pipeline's state is exercised, not only its rejection paths.
import fc from 'fast-check';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Characters that matter to the parser and the escapes, and some that do not. */
const NASTY = [...'<>@.:-_=+|`[]()#!*~&;,"\'\\/^$%', '\u001b', '\u0000', '\t', '\r', '\u0085', '\u202e', '\u200b', 'é', '漢', '😀', '\ufffd', '\udb40\udc41'];

/** A space-free token: envelope addresses, HELO names, hosts. */
export const token = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...'abcdefxyz0123456789') }, { weight: 1, arbitrary: fc.constantFrom(...NASTY) }), { maxLength: 24 })
  .map((cs) => cs.join(''));

const ipPool = fc.constantFrom('192.0.2.1', '192.0.2.2', '198.51.100.7', '203.0.113.9', '<unknown>');
export const ip = fc.oneof({ weight: 10, arbitrary: ipPool }, { weight: 1, arbitrary: fc.tuple(fc.nat(300), fc.nat(255), fc.nat(255), fc.nat(256)).map((p) => p.join('.')) }, { weight: 1, arbitrary: token });

const address = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('<a@example.net>', '<b@example.org>', '<>', '<rcpt@example.com>') }, { weight: 1, arbitrary: token.map((t) => `<${t}@example.net>`) }, { weight: 1, arbitrary: token });
const lists = fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 2, arbitrary: fc.constantFrom('spews1', 'spamd-greytrap', 'korea china', 'a b c ...') }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) });

/** A spamd, spamlogd or syslog message (no envelope). */
export const message: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(ip, fc.nat(20), fc.nat(5), lists).map(([a, c, b, l]) => `${a}: connected (${c}/${b})${l ? `, lists: ${l}` : ''}`) },
  { weight: 5, arbitrary: fc.tuple(ip, fc.nat(500), lists).map(([a, s, l]) => `${a}: disconnected after ${s} seconds.${l ? ` lists: ${l}` : ''}`) },
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom('GREY', 'BLACK'), ip, address, address).map(([k, a, f, t]) => `(${k}) ${a}: ${f} -> ${t}`) },
  { weight: 1, arbitrary: fc.tuple(ip, address, address).map(([a, f, t]) => `${a}: ${f} -> ${t}`) },
  { weight: 2, arbitrary: fc.tuple(ip, fc.constantFrom('From', 'To', 'Subject', 'SUBJECT', 'Body'), fc.string({ maxLength: 60 })).map(([a, h, v]) => `${a}: ${h}: ${v}`) },
  { weight: 2, arbitrary: fc.tuple(fc.boolean(), ip, address, address, token).map(([g, a, f, t, h]) => `new ${g ? 'greytrap ' : ''}entry ${a} from ${f} to ${t}, helo ${h}`) },
  { weight: 1, arbitrary: fc.tuple(ip, token).map(([a, t]) => `Trapping ${a} for tuple ${a}#012${t}#012<x@example.org>#012<trap@example.com>`) },
  { weight: 1, arbitrary: ip.map((a) => `whitelisting ${a} in /var/db/spamd`) },
  { weight: 1, arbitrary: ip.map((a) => `${a} blacklisted, removing from whitelist`) },
  { weight: 1, arbitrary: ip.map((a) => `${a}: matched lists: spews1`) },
  { weight: 1, arbitrary: fc.constantFrom('listening for incoming connections.', 'queueing deletion of 192.0.2.1', 'got suffix example.net', 'scan of /var/db/spamd failed', 'spamd: connection from 127.0.0.1 [127.0.0.1]:58398 to port 783, fd 6') },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
);

/** A tag and separator: spamd[pid], spamd, spamlogd, another program. */
const tag = fc.oneof({ weight: 8, arbitrary: fc.nat(99_999).map((p) => `spamd[${p}]`) }, { weight: 1, arbitrary: fc.constantFrom('spamd', 'spamlogd[5517]', 'postfix/smtpd[58789]', 'newsyslog[1]') });

/** Seconds since the start of the log → a syslog timestamp in one of the envelopes. */
function stamp(kind: number, t: number): string {
  const d = new Date(Date.UTC(2026, 9, 2) + t * 1000);
  const [mo, dd, hh, mi, ss] = [d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  switch (kind) {
    case 0:
      return `${MONTHS[mo]} ${String(dd).padStart(2)} ${pad(hh)}:${pad(mi)}:${pad(ss)}`;
    case 1:
      return `${MONTHS[mo]} ${pad(dd)} ${pad(hh)}:${pad(mi)}:${pad(ss)}`;
    case 2:
      return `${d.toISOString().slice(0, 19)}+00:00`;
    default:
      return `<30>${MONTHS[mo]} ${String(dd).padStart(2)} ${pad(hh)}:${pad(mi)}:${pad(ss)}`;
  }
}

/** A timestamp that does not exist or is malformed. */
const badStamp = fc.constantFrom('Feb 30 10:00:00', 'Oct  2 25:00:00', 'Oct  2 10:61:00', 'Foo  2 10:00:00', '2026-02-30T10:00:00Z', '2026-10-02T10:00:00+25:00', 'Oct 2');

/** Byte-level damage to a line. */
function mutate(line: Buffer, m: { kind: number; at: number; bytes: Uint8Array }): Buffer {
  const at = line.length === 0 ? 0 : m.at % (line.length + 1);
  switch (m.kind) {
    case 0:
      return line.subarray(0, at); // cut (syslog buffer, wrapped book excerpt)
    case 1:
      return Buffer.concat([line.subarray(0, at), Buffer.from(m.bytes), line.subarray(at)]); // spliced bytes
    case 2: {
      const b = Buffer.from(line);
      if (at < b.length) b[at] = m.bytes[0] ?? 0xff; // a flipped byte
      return b;
    }
    case 3:
      return Buffer.concat([line.subarray(0, at), Buffer.from('\r'), line.subarray(at)]);
    default:
      return Buffer.concat([line.subarray(0, at), Buffer.from([0]), line.subarray(at)]);
  }
}

export interface GeneratedLog {
  /** The bytes of the log, lines ending in LF (CR LF for some). */
  bytes: Buffer;
}

const mutation = fc.record({ kind: fc.nat(4), at: fc.nat(200), bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }) });

/** One line: well-formed (mostly), cut or damaged, a line with a bad timestamp, raw bytes, blank, or a syslog repeat. */
const lineSpec = fc.record({
  shape: fc.nat(99),
  stamp: fc.nat(3),
  gap: fc.oneof({ weight: 6, arbitrary: fc.nat(5) }, { weight: 3, arbitrary: fc.nat(2000) }, { weight: 1, arbitrary: fc.integer({ min: -3600, max: 20_000 }) }),
  host: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('mx1', 'mx2') }, { weight: 1, arbitrary: token }),
  tag,
  message,
  bad: badStamp,
  raw: fc.uint8Array({ maxLength: 60 }),
  mutation,
  crlf: fc.boolean(),
  repeat: fc.nat(3),
});

export const spamdLog: fc.Arbitrary<GeneratedLog> = fc.array(lineSpec, { maxLength: 60 }).map((specs) => {
  const parts: Buffer[] = [];
  let t = 0;
  for (const s of specs) {
    t = Math.max(0, t + s.gap);
    const good = `${stamp(s.stamp, t)} ${s.host || 'mx1'} ${s.tag}: ${s.message}`;
    let line: Buffer;
    if (s.shape < 70) line = Buffer.from(good);
    else if (s.shape < 82) line = mutate(Buffer.from(good), s.mutation);
    else if (s.shape < 86) line = Buffer.from(`${s.bad} ${s.host} ${s.tag}: ${s.message}`);
    else if (s.shape < 90) line = Buffer.from(s.raw);
    else if (s.shape < 93) line = Buffer.from(s.message); // bare message, no envelope
    else if (s.shape < 95) line = Buffer.from('');
    else if (s.shape < 97) line = Buffer.from(`${stamp(0, t)} mx1 last message repeated ${s.repeat} times`);
    else line = parts.length > 0 ? parts[parts.length - 1]!.subarray(0, -1) : Buffer.from(good); // the previous line again
    parts.push(Buffer.concat([line, Buffer.from(s.crlf ? '\r\n' : '\n')]));
  }
  return { bytes: Buffer.concat(parts) };
});

/** Offsets to cut `n` bytes into chunks at (sorted, distinct, inside). */
export function chunkOffsets(n: number): fc.Arbitrary<number[]> {
  if (n < 2) return fc.constant([]);
  return fc.uniqueArray(fc.integer({ min: 1, max: n - 1 }), { maxLength: 12 }).map((a) => a.sort((x, y) => x - y));
}

export function split(bytes: Buffer, offsets: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (const at of offsets) {
    out.push(bytes.subarray(from, at));
    from = at;
  }
  out.push(bytes.subarray(from));
  return out;
}

/** Seed and number of runs: fixed for `npm test`, from the environment for `npm run fuzz`. */
export function budget(defaultRuns: number): { seed: number; numRuns: number } {
  const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20_261_002;
  const scale = process.env.FUZZ_SCALE !== undefined ? Number(process.env.FUZZ_SCALE) : 1;
  return { seed, numRuns: Math.max(1, Math.round(defaultRuns * scale)) };
}
