// A deterministic month of spamd -v log (October 2026, UTC) with senders of every kind: ones that
// pass, give up after one attempt, retry only within seconds, retry from a pool, are too slow, or
// are blacklisted. For pictures over a long window (HTML tests), not for verdict figures.

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function stamp(t: number): string {
  const d = new Date(t * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export const MONTH_START = Date.UTC(2026, 9, 1) / 1000;
const MONTH_END = Date.UTC(2026, 10, 1) / 1000;

export function monthLog(messages = 400, seed = 7): string {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const events: Array<[number, number, string]> = [];
  let seq = 0;
  const push = (t: number, text: string): void => void events.push([t, seq++, text]);
  const session = (t: number, ip: string, from: string, to: string, secs = 1, lists = ''): void => {
    push(t, `${ip}: connected (1/${lists ? 1 : 0})${lists ? `, lists: ${lists}` : ''}`);
    push(t + 1, `(${lists ? 'BLACK' : 'GREY'}) ${ip}: <${from}> -> <${to}>`);
    push(t + secs, `${ip}: disconnected after ${secs} seconds.${lists ? ` lists: ${lists}` : ''}`);
  };
  for (let i = 0; i < messages; i++) {
    const t = MONTH_START + int(30 * 86_400);
    const ip = `198.51.${int(3)}.${1 + int(253)}`;
    const from = `user${int(100)}@vendor${int(30)}.example.net`;
    const to = `rcpt${int(20)}@example.com`;
    const kind = rnd();
    if (kind < 0.4) {
      const every = [300, 900, 1800][int(3)]!;
      for (let d = 0; d <= 1500 + every; d += every) session(t + d, ip, from, to);
    } else if (kind < 0.55) session(t, ip, from, to);
    else if (kind < 0.7) for (let j = 0, n = 2 + int(3); j < n; j++) session(t + j * 2, ip, from, to);
    else if (kind < 0.78) [0, 600].forEach((d) => session(t + d, ip, from, to));
    else if (kind < 0.88) for (let j = 0; j < 3; j++) session(t + j * 400, `203.0.113.${1 + int(249)}`, from, to);
    else if (kind < 0.96) session(t, `192.0.2.${1 + int(249)}`, from, to, 300, 'spews1');
    else [0, 5 * 3600].forEach((d) => session(t + d, ip, from, to));
  }
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return events
    .filter(([t]) => t < MONTH_END)
    .map(([t, , text]) => `${stamp(t)} mx1 spamd[4242]: ${text}\n`)
    .join('');
}
