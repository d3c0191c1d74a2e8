#!/usr/bin/env node
// A fast, seeded volume generator for the benchmark: a synthetic spamd log of a given size with a
// realistic mix (every verdict, concurrent sessions, ~15% blacklisted sessions with verbose
// header lines, ~2% other programs' lines, a December-to-January turn). Not the exact-verdict
// scenario generator (test/generator/): this one is about volume and speed, and it only has to be
// plausible, deterministic and fast (250 MB in a few seconds).
//
//   node scripts/bench/generate.mjs --mb 250 --seed 1 --out /tmp/spamd.log [--keys N] [--split DIR]
//
// --keys N draws every message's triplet from N keys (more lines over the same keys: the
// memory-linearity run); without it every message is new. --split DIR also writes the same lines as
// two rotated files DIR/spamd.1 (older half) and DIR/spamd, each with the mtime of its last line.
import { closeSync, openSync, utimesSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const DAY = 86_400;
/** 2025-12-26T00:00:00Z: the log runs over New Year. */
const START = Date.UTC(2025, 11, 26) / 1000;
const SPAN = 12 * DAY;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RING = 2048; // seconds of lookahead for the lines of one session (blacklisted ones last ~700 s)
const LISTS = ['spews1', 'nixspam', 'uatraps', 'spamd-greytrap', 'korea', 'china'];
const SUBJECTS = ['Your invoice is attached', 'Limited offer just for you', 'Re: meeting', 'Account notice', 'Start SAVING now', 'Delivery failed'];
const OTHER_PROGRAMS = [
  'sendmail[31337]: x0QAb1cD012345: from=<root@mx1.example.com>, size=1234, class=0, nrcpts=1, relay=root@localhost',
  'smtpd[4242]: 6a1c9e2f3b4d5e6f smtp connected address=127.0.0.1 host=localhost',
  'cron[5151]: (root) CMD (/usr/libexec/atrun)',
  'sshd[7070]: Connection closed by 192.0.2.200 port 52311 [preauth]',
  'pflogd[81]: [priv]: msg PRIV_OPEN_LOG received',
  'ntpd[6660]: adjusting local clock by -0.012345s',
];

/** Small fast seeded PRNG (sfc32). */
function rng(seed) {
  let a = 0x9e3779b9 ^ seed, b = 0x243f6a88, c = 0xb7e15162 ^ (seed * 7), d = 1;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}

/** A 32-bit integer hash (for deriving a key's fixed attributes). */
function hash(x) {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Binary min-heap of [time, payload] by time; ties keep no particular order. */
class Heap {
  constructor() {
    this.t = [];
    this.p = [];
  }
  get size() {
    return this.t.length;
  }
  push(time, payload) {
    const t = this.t, p = this.p;
    let i = t.length;
    t.push(time);
    p.push(payload);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (t[up] <= time) break;
      t[i] = t[up];
      p[i] = p[up];
      i = up;
    }
    t[i] = time;
    p[i] = payload;
  }
  peek() {
    return this.t[0];
  }
  pop() {
    const t = this.t, p = this.p;
    const top = p[0];
    const lt = t.pop(), lp = p.pop();
    const n = t.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && t[c + 1] < t[c]) c++;
        if (t[c] >= lt) break;
        t[i] = t[c];
        p[i] = p[c];
        i = c;
      }
      t[i] = lt;
      p[i] = lp;
    }
    return top;
  }
}

function ipOf(n) {
  // Documentation and private-looking ranges are too small for 200 k addresses: spread over 1-223.x.x.x.
  return `${1 + (n >>> 24) % 223}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function stamp(t) {
  const d = new Date(t * 1000);
  const day = d.getUTCDate();
  const pad = (n) => (n < 10 ? '0' + n : '' + n);
  return `${MONTHS[d.getUTCMonth()]} ${day < 10 ? ' ' + day : day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} mx1 `;
}

export function generate({ mb, seed, out, keys = 0, split = null }) {
  const target = mb * 1e6;
  const rand = rng(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const ring = Array.from({ length: RING }, () => []);
  const attempts = new Heap();
  const fd = openSync(out, 'w');
  const parts = split ? [openSync(join(split, 'spamd.1'), 'w'), openSync(join(split, 'spamd'), 'w')] : null;
  let part = 0;
  let partEnd = START;
  let written = 0;
  let lines = 0;
  let buf = '';
  let committed = 0;
  let messages = 0;
  let open = 0; // sessions in progress, for the connected (n/m) counters
  let openBlack = 0;

  const flush = () => {
    if (buf.length === 0) return;
    writeSync(fd, buf, null, 'latin1');
    if (parts) writeSync(parts[part], buf, null, 'latin1');
    buf = '';
  };
  const at = (t, text) => ring[t % RING].push(text);

  /** The fixed attributes of a triplet key. */
  function key(id) {
    const h = hash(id ^ (seed * 0x9e3779b1));
    const h2 = hash(h);
    // Half the messages come from a few thousand busy MTAs, half from everywhere.
    const ip = h & 1 ? ipOf(hash(h2 % 5000)) : ipOf(h2);
    const domain = `mail${h % 9973}.example.net`;
    const from = h2 % 23 === 0 ? '<>' : h2 % 3 === 0 ? `<bounce-${(h2 >>> 4).toString(16)}@${domain}>` : `<user${h2 % 997}@${domain}>`;
    const to = `<rcpt${(h >>> 8) % 20011}@example.com>`;
    return { ip, from, to, helo: domain };
  }

  /** One SMTP session that is greylisted: connect, (GREY) per recipient, new entry on first sight, disconnect. */
  function greySession(t, ip, from, tos, first, helo) {
    open++;
    const dur = int(0, 9);
    at(t, `spamd[26905]: ${ip}: connected (${open + openBlack}/${openBlack})`);
    const tg = t + (dur > 0 ? 1 : 0);
    for (const to of tos) {
      at(tg, `spamd[26905]: (GREY) ${ip}: ${from} -> ${to}`);
      if (first) at(tg, `spamd[26907]: new entry ${ip} from ${from} to ${to}, helo ${helo}`);
    }
    at(t + dur, `spamd[26905]: ${ip}: disconnected after ${dur} seconds.`);
    attempts.push(t + dur, -1); // close it for the counters
  }

  function blackSession(t, n) {
    openBlack++;
    const h = hash(n * 2654435761 + seed);
    const ip = ipOf(hash(h % 30000) | 0x40000000);
    const lists = h % 4 === 0 ? `${LISTS[h % 6]} ${LISTS[(h >>> 3) % 6]}` : LISTS[h % 6];
    const dur = int(180, 700);
    const from = `<promo${h % 50000}@spam${h % 777}.example.org>`;
    const to = `<rcpt${(h >>> 7) % 20011}@example.com>`;
    at(t, `spamd[26905]: ${ip}: connected (${open + openBlack}/${openBlack}), lists: ${lists}`);
    at(t + int(5, 60), `spamd[26905]: (BLACK) ${ip}: ${from} -> ${to}`);
    const th = t + int(90, 170);
    at(th, `spamd[26905]: ${ip}: From: "Deals ${h % 100}" ${from}`);
    at(th, `spamd[26905]: ${ip}: To: ${to.slice(1, -1)}`);
    at(th + 1, `spamd[26905]: ${ip}: Subject: ${SUBJECTS[h % SUBJECTS.length]}`);
    at(th + 2, `spamd[26905]: ${ip}: Body: Dear customer, click the link below to claim your prize number ${h % 100000}.`);
    at(th + 3, `spamd[26905]: ${ip}: Body: `);
    at(t + dur, `spamd[26905]: ${ip}: disconnected after ${dur} seconds. lists: ${lists}`);
    attempts.push(t + dur, -2);
  }

  // Behaviour classes: [weight, first-attempt offsets after the first one]
  const CLASSES = [
    [30, () => [int(1600, 13000)]], // passed (Postfix-like: first retry after 300 s, then past passtime)
    [25, () => []], // one-attempt
    [10, () => { const a = []; let g = 0; for (let i = int(1, 3); i > 0; i--) a.push((g += int(1, 40))); return a; }], // rapid-retry
    [10, () => [int(240, 900)]], // gave-up-early
    [6, () => [int(15000, 30000)]], // too-slow (a second try after the entry expired)
    [6, null], // pool-retry: the same envelope from other addresses of a /24
    [28, 'black'], // a blacklisted session
  ];
  const totalWeight = CLASSES.reduce((s, c) => s + c[0], 0);

  /** Start a new message at t. */
  function message(t) {
    const n = messages++;
    // With --keys a key id always behaves the same (its class comes from the id), so more lines
    // bring no new triplets.
    let r = keys > 0 ? (hash(n % keys ^ 0x5bd1e995) / 4294967296) * totalWeight : rand() * totalWeight;
    let cls = 0;
    while ((r -= CLASSES[cls][0]) >= 0) cls++;
    const plan = CLASSES[cls][1];
    // Everything a message's keys are made of derives from its key id: with --keys the same keys recur.
    const kid = keys > 0 ? n % keys : n;
    if (plan === 'black') {
      blackSession(t, kid);
      committed += 620;
      return;
    }
    const k = key(kid);
    const nto = k.from === '<>' ? 1 : 1 + (hash(kid) % 5 === 0 ? 1 : 0) + (hash(kid) % 17 === 0 ? 1 : 0);
    const tos = [k.to];
    for (let i = 1; i < nto; i++) tos.push(`<rcpt${(hash(kid + i) >>> 8) % 20011}@example.com>`);
    if (plan === null) {
      // pool: 2-4 addresses of one /24 try once each, minutes apart
      const base = k.ip.slice(0, k.ip.lastIndexOf('.') + 1);
      let dt = 0;
      const m = int(2, 4);
      for (let i = 0; i < m; i++) {
        attempts.push(t + dt, { ip: base + ((hash(kid + i * 31) % 250) + 2), from: k.from, tos, first: true, helo: k.helo, whitelist: false });
        dt += int(300, 1200);
      }
      committed += m * (190 + 200 * nto);
      return;
    }
    const offsets = plan();
    greySession(t, k.ip, k.from, tos, true, k.helo);
    for (const o of offsets) attempts.push(t + o, { ip: k.ip, from: k.from, tos, first: false, helo: k.helo, whitelist: cls === 0 });
    committed += 190 + 200 * nto + offsets.length * (190 + 100 * nto);
  }

  for (let t = START; t < START + SPAN && (written < target); t++) {
    // New messages keep the bytes committed on the straight line to the target.
    const due = (target * (t - START + 1)) / SPAN;
    while (committed < due) message(t);
    // Retries and session ends due now.
    while (attempts.size > 0 && attempts.peek() <= t) {
      const a = attempts.pop();
      if (a === -1) open--;
      else if (a === -2) openBlack--;
      else {
        greySession(t, a.ip, a.from, a.tos, a.first, a.helo);
        if (a.whitelist) {
          const tw = t + int(10, 60);
          at(tw, `spamd[26904]: queueing add of ${a.ip}`);
          at(tw, `spamd[26904]: whitelisting ${a.ip} in /var/db/spamd`);
          if (rand() < 0.3) at(tw + int(30, 300), `spamlogd[5517]: inbound ${a.ip}`);
        }
      }
    }
    // ~2% of lines from other programs, now and then a MARK or a repeated line.
    const bucket = ring[t % RING];
    if (bucket.length > 0 || rand() < 0.002) {
      const s = stamp(t);
      if (bucket.length > 0 && rand() < 0.08) bucket.push(OTHER_PROGRAMS[int(0, OTHER_PROGRAMS.length - 1)]);
      if (rand() < 0.0005) bucket.push('-- MARK --');
      if (bucket.length > 0 && rand() < 0.001) bucket.push('last message repeated 2 times');
      for (const text of bucket) {
        const line = s + text + '\n';
        buf += line;
        written += line.length;
        lines++;
      }
      bucket.length = 0;
      if (buf.length > 1 << 20) flush();
      if (parts && part === 0 && written >= target / 2) {
        flush();
        part = 1;
        partEnd = t;
      }
    }
    if (t === START + SPAN - 1 || written >= target) {
      flush();
      const end = t + 60;
      closeSync(fd);
      utimesSync(out, end, end);
      if (parts) {
        closeSync(parts[0]);
        closeSync(parts[1]);
        utimesSync(join(split, 'spamd.1'), partEnd + 60, partEnd + 60);
        utimesSync(join(split, 'spamd'), end, end);
      }
      return { bytes: written, lines, messages, end };
    }
  }
  throw new Error('unreachable');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      mb: { type: 'string', default: '250' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      keys: { type: 'string', default: '0' },
      split: { type: 'string' },
    },
  });
  if (!values.out) {
    process.stderr.write('usage: generate.mjs --out FILE [--mb 250] [--seed 1] [--keys N] [--split DIR]\n');
    process.exit(2);
  }
  const t0 = performance.now();
  const r = generate({ mb: Number(values.mb), seed: Number(values.seed), out: values.out, keys: Number(values.keys), split: values.split ?? null });
  process.stderr.write(`${values.out}: ${(r.bytes / 1e6).toFixed(1)} MB, ${r.lines} lines, ${r.messages} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
