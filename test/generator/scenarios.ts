// The generator's scenarios: one sending behaviour each, with its own addresses and envelope
// senders, and the verdict the rules of issue 2 (docs/verdicts.md) give it. Times are seconds
// relative to the scenario's origin (or to the end of the log E for end-anchored ones); P, G, B
// are passtime, greyexp and burst. Attempt counts, gaps and first/last times are not written
// here: the generator derives them from the sessions.
import type { RetryPattern, Verdict } from '../../src/analyze/verdicts.js';
import type { Prng } from './prng.js';

export interface Timing {
  passtime: number;
  greyexp: number;
  burst: number;
}

export interface Outcome {
  verdict: Verdict;
  retry: RetryPattern;
}

export interface PlannedEnvelope {
  /** Seconds after the session's start (may carry a fraction). */
  at: number;
  from: string;
  to: string;
  /** syslogd folds identical lines: `last message repeated N times` right after it. */
  repeated?: number;
}

export interface PlannedSession {
  ip: string;
  helo: string;
  /** Real start and duration in seconds; fractions allowed (lines carry whole seconds). */
  start: number;
  duration: number;
  /** spamd blacklist tags ('' or absent: greylisted). */
  lists?: string;
  envelopes: PlannedEnvelope[];
  /** Verbose header and body lines (text after `ip: `), seconds after the start. */
  headers?: Array<{ at: number; text: string }>;
  /** The connect line is not in the log (the session began before it). */
  connectLost?: boolean;
  /** No disconnect line (lost, or spamd restarted while the session was open). */
  disconnectLost?: boolean;
}

export interface ScenarioPlan {
  sessions: PlannedSession[];
  /** Expected verdict of each address of the scenario. */
  addresses: Record<string, Outcome>;
  /** Triplets whose verdict differs from their address's, keyed `ip from to`. */
  triplets?: Record<string, Outcome>;
  /** Verdicts once the window is closed (`--until` far after E), for rows that are pending at E. */
  settled?: { addresses?: Record<string, Outcome>; triplets?: Record<string, Outcome> };
  /** Per-address verdicts without (GREY) lines (spamd without -v), where they differ. */
  withoutEnvelopes?: Record<string, Outcome>;
  /** A `listening for incoming connections.` line (spamd restarted) at this time. */
  restart?: number;
}

export interface ScenarioContext {
  rng: Prng;
  timing: Timing;
  /** A client address not used elsewhere in the log. */
  ip(): string;
  /** An envelope sender not used elsewhere in the log (only pools share one on purpose). */
  sender(local?: string): string;
  /** One of the site's recipients. */
  recipient(): string;
  /** Distinct recipients of the site. */
  recipients(n: number): string[];
  /** The HELO name of an address (stable per address). */
  helo(ip: string): string;
  /** The site's spamtrap address (a recipient that greytraps). */
  readonly trap: string;
}

/**
 * Where the layout puts a scenario: `free` anywhere its attempts are decided by E, `start` at the
 * first line, `end` with times relative to E (≤ 0), `quiet` where no other session is open.
 */
export type Anchor = 'free' | 'start' | 'end' | 'quiet';

export interface ScenarioDef {
  name: string;
  description: string;
  anchor: Anchor;
  build(ctx: ScenarioContext): ScenarioPlan;
}

export function tripletKey(ip: string, from: string, to: string): string {
  return `${ip} ${from} ${to}`;
}

const o = (verdict: Verdict, retry: RetryPattern): Outcome => ({ verdict, retry });

/**
 * Greylisted sessions of one address at `offsets` (session starts), each sending the same
 * envelopes: the (GREY) lines come `delay` s after the connect, the disconnect a little later.
 */
export function greySessions(
  ctx: ScenarioContext,
  ip: string,
  offsets: readonly number[],
  from: string,
  tos: readonly string[],
  delay = ctx.rng.int(1, 4),
): PlannedSession[] {
  const helo = ctx.helo(ip);
  return offsets.map((start) => ({
    ip,
    helo,
    start,
    duration: delay + ctx.rng.int(0, 3),
    envelopes: tos.map((to) => ({ at: delay, from, to })),
  }));
}

/** One address retrying one envelope at `offsets`, with the verdict the rules give it. */
export function scheduleScenario(name: string, description: string, offsets: (t: Timing) => number[], outcome: Outcome, anchor: Anchor = 'free'): ScenarioDef {
  return {
    name,
    description,
    anchor,
    build(ctx) {
      const ip = ctx.ip();
      return { sessions: greySessions(ctx, ip, offsets(ctx.timing), ctx.sender(), [ctx.recipient()]), addresses: { [ip]: outcome } };
    },
  };
}

const HOUR = 3600;

export const SCENARIOS: readonly ScenarioDef[] = [
  {
    name: 'passed',
    description: 'a normal MTA: one session with two recipients, retried after the passtime',
    anchor: 'free',
    build(ctx) {
      const ip = ctx.ip();
      const tos = ctx.recipients(2);
      const retry = ctx.timing.passtime + ctx.rng.int(60, 1800);
      return { sessions: greySessions(ctx, ip, [0, retry], ctx.sender(), tos), addresses: { [ip]: o('passed', 'passtime') } };
    },
  },
  scheduleScenario('postfix', 'Postfix: first retry after 300 s, then doubling (300, 600, 1200 s)', () => [0, 300, 900, 2100], o('passed', 'passtime')),
  scheduleScenario('exim', 'Exim: a retry every 15 min', () => [0, 900, 1800], o('passed', 'passtime')),
  {
    name: 'pending',
    description: 'retried after minutes, its last session ends at E: it may still pass',
    anchor: 'end',
    build(ctx) {
      const ip = ctx.ip();
      const delay = ctx.rng.int(1, 4);
      const duration = delay + ctx.rng.int(0, 3);
      const second = -duration;
      const first = second - ctx.rng.int(ctx.timing.burst + 60, ctx.timing.passtime - 60);
      const s = greySessions(ctx, ip, [first, second], ctx.sender(), [ctx.recipient()], delay);
      s[1]!.duration = duration;
      return { sessions: s, addresses: { [ip]: o('pending', 'minutes') }, settled: { addresses: { [ip]: o('gave-up-early', 'minutes') } } };
    },
  },
  {
    name: 'pending-new',
    description: 'one attempt a quarter to three quarters of G (1-3 h) before E: too early to judge',
    anchor: 'end',
    build(ctx) {
      const ip = ctx.ip();
      const at = -ctx.rng.int(ctx.timing.greyexp / 4, (3 * ctx.timing.greyexp) / 4);
      return {
        sessions: greySessions(ctx, ip, [at], ctx.sender(), [ctx.recipient()]),
        addresses: { [ip]: o('pending', 'none') },
        settled: { addresses: { [ip]: o('one-attempt', 'none') } },
      };
    },
  },
  {
    name: 'one-attempt',
    description: 'a fire-and-forget sender: one session (the same RCPT twice, folded by syslogd), never again',
    anchor: 'free',
    build(ctx) {
      const ip = ctx.ip();
      const s = greySessions(ctx, ip, [0], ctx.sender('noreply'), [ctx.recipient()]);
      s[0]!.envelopes[0]!.repeated = 1;
      return { sessions: s, addresses: { [ip]: o('one-attempt', 'none') } };
    },
  },
  {
    name: 'rapid-retry',
    description: 'the vendor case: a second session within a second of the first, then nothing (disconnect 0 s, logged a second later)',
    anchor: 'free',
    build(ctx) {
      const ip = ctx.ip();
      const helo = ctx.helo(ip);
      const from = ctx.sender('invoice');
      const to = ctx.recipient();
      return {
        sessions: [
          { ip, helo, start: 0.8, duration: 0.5, envelopes: [{ at: 0.3, from, to }] },
          { ip, helo, start: 1.4, duration: 1.1, envelopes: [{ at: 0.7, from, to }] },
        ],
        addresses: { [ip]: o('rapid-retry', 'seconds') },
      };
    },
  },
  scheduleScenario('gave-up-early', 'retries every 90 s for 270 s only, never reaching the passtime', () => [0, 90, 180, 270], o('gave-up-early', 'minutes')),
  scheduleScenario('too-slow', 'retries every 5 h: always after its entry expired', (t) => [0, t.greyexp + HOUR, 2 * (t.greyexp + HOUR)], o('too-slow', 'late')),
  {
    name: 'pool-retry',
    description: 'one message retried from four addresses of a pool, none of them twice',
    anchor: 'free',
    build(ctx) {
      const from = ctx.sender('bounces+1a2b3c');
      const to = ctx.recipient();
      const ips = [ctx.ip(), ctx.ip(), ctx.ip(), ctx.ip()];
      const offsets = [0, 420, ctx.timing.passtime + ctx.rng.int(60, 600), 2 * HOUR + 600];
      const sessions = ips.flatMap((ip, i) => greySessions(ctx, ip, [offsets[i]!], from, [to]));
      return {
        sessions,
        addresses: Object.fromEntries(ips.map((ip) => [ip, o('pool-retry', 'none')])),
        withoutEnvelopes: Object.fromEntries(ips.map((ip) => [ip, o('one-attempt', 'none')])),
      };
    },
  },
  {
    name: 'pool-passed',
    description: 'a pool: address A, then B, then A again after the passtime: A passed, B retried elsewhere',
    anchor: 'free',
    build(ctx) {
      const from = ctx.sender('notifications');
      const to = ctx.recipient();
      const a = ctx.ip();
      const b = ctx.ip();
      return {
        sessions: [...greySessions(ctx, a, [0, ctx.timing.passtime + 600], from, [to]), ...greySessions(ctx, b, [600], from, [to])],
        addresses: { [a]: o('passed', 'passtime'), [b]: o('pool-retry', 'none') },
        withoutEnvelopes: { [b]: o('one-attempt', 'none') },
      };
    },
  },
  {
    name: 'whitelisted-sibling',
    description: 'two messages from one server: the first passes, spamd whitelists the address, the second is never seen again (delivered unseen)',
    anchor: 'free',
    build(ctx) {
      const ip = ctx.ip();
      const from = ctx.sender();
      const [first, second] = ctx.recipients(2) as [string, string];
      return {
        sessions: [...greySessions(ctx, ip, [0, ctx.timing.passtime + 300], from, [first]), ...greySessions(ctx, ip, [600], from, [second])],
        addresses: { [ip]: o('passed', 'passtime') },
        triplets: { [tripletKey(ip, from, second)]: o('passed', 'none') },
      };
    },
  },
  {
    name: 'blacklisted',
    description: 'on spamd blacklists: a long stuttered session with (BLACK), headers and body lines',
    anchor: 'free',
    build(ctx) {
      const ip = ctx.ip();
      const lists = ctx.rng.pick(['spews1', 'spews1 uatraps', 'nixspam', 'uatraps nixspam']);
      const from = ctx.sender('promo');
      const to = ctx.recipient();
      const duration = ctx.rng.int(300, 420);
      return {
        sessions: [
          {
            ip,
            helo: ctx.helo(ip),
            start: 0,
            duration,
            lists,
            envelopes: [{ at: ctx.rng.int(30, 90), from, to: to }],
            headers: [
              { at: 150, text: `From: "Deals" ${from.slice(1, -1)}` },
              { at: 151, text: `To: ${to.slice(1, -1)}` },
              { at: 153, text: 'Subject: Limited offer just for you' },
              { at: 160, text: 'Body: Dear customer,' },
              // Sender-written text that looks like a spamd message must stay a body line.
              { at: 161, text: `Body: ${ip}: disconnected after 3 seconds.` },
            ],
          },
        ],
        addresses: { [ip]: o('blacklisted', 'none') },
      };
    },
  },
  {
    name: 'greytrap',
    description: 'mails a spamtrap, is greytrapped, comes back on the spamd-greytrap list',
    anchor: 'free',
    build(ctx) {
      const ip = ctx.ip();
      const from = ctx.sender('offers');
      const s = greySessions(ctx, ip, [0], from, [ctx.trap]);
      s.push({
        ip,
        helo: ctx.helo(ip),
        start: ctx.rng.int(1200, 2400),
        duration: ctx.rng.int(200, 400),
        lists: 'spamd-greytrap',
        envelopes: [{ at: 40, from, to: ctx.recipient() }],
      });
      return { sessions: s, addresses: { [ip]: o('blacklisted', 'none') } };
    },
  },
  {
    name: 'null-sender',
    description: 'bounces with the null sender <> from two unrelated servers: not one sender, not a pool',
    anchor: 'free',
    build(ctx) {
      const a = ctx.ip();
      const b = ctx.ip();
      const to = '<postmaster@example.com>';
      const sa = greySessions(ctx, a, [0], '<>', [to]);
      sa[0]!.helo = '';
      return {
        sessions: [...sa, ...greySessions(ctx, b, [ctx.rng.int(2 * HOUR, 6 * HOUR)], '<>', [to])],
        addresses: { [a]: o('one-attempt', 'none'), [b]: o('one-attempt', 'none') },
      };
    },
  },
  {
    name: 'black-then-grey',
    description: 'blacklisted on day 1, greylisted once three days later: the list no longer applies to that attempt',
    anchor: 'free',
    build(ctx) {
      const ip = ctx.ip();
      const from = ctx.sender('news');
      const [black, grey] = ctx.recipients(2) as [string, string];
      return {
        sessions: [
          { ip, helo: ctx.helo(ip), start: 0, duration: 330, lists: 'nixspam', envelopes: [{ at: 45, from, to: black }] },
          ...greySessions(ctx, ip, [3 * 86_400], from, [grey]),
        ],
        addresses: { [ip]: o('one-attempt', 'none') },
        triplets: { [tripletKey(ip, from, black)]: o('blacklisted', 'none') },
      };
    },
  },
  scheduleScenario('boundary-passtime', 'retry exactly P after the first attempt: not a pass', (t) => [0, t.passtime], o('gave-up-early', 'minutes')),
  scheduleScenario('boundary-passtime+1', 'retry P+1 s after the first attempt: passes', (t) => [0, t.passtime + 1], o('passed', 'passtime')),
  scheduleScenario('boundary-greyexp', 'retry exactly G after the first attempt: still passes', (t) => [0, t.greyexp], o('passed', 'passtime')),
  scheduleScenario('boundary-greyexp+1', 'retry G+1 s after the first attempt: the entry had expired, a new one starts', (t) => [0, t.greyexp + 1], o('too-slow', 'late')),
  scheduleScenario('boundary-burst', 'one retry exactly B after the first: within seconds', (t) => [0, t.burst], o('rapid-retry', 'seconds')),
  scheduleScenario('boundary-burst+1', 'one retry B+1 s after the first: minutes', (t) => [0, t.burst + 1], o('gave-up-early', 'minutes')),
  {
    name: 'boundary-pending',
    description: '(GREY) exactly G-1 s before E: the triplet is pending; its session started 1 s earlier, so the address is decided',
    anchor: 'end',
    build(ctx) {
      const ip = ctx.ip();
      const from = ctx.sender();
      const to = ctx.recipient();
      return {
        sessions: greySessions(ctx, ip, [-ctx.timing.greyexp], from, [to], 1),
        addresses: { [ip]: o('one-attempt', 'none') },
        triplets: { [tripletKey(ip, from, to)]: o('pending', 'none') },
        settled: { triplets: { [tripletKey(ip, from, to)]: o('one-attempt', 'none') } },
      };
    },
  },
  {
    name: 'boundary-decided',
    description: '(GREY) exactly G before E: decided, one attempt',
    anchor: 'end',
    build(ctx) {
      const ip = ctx.ip();
      return { sessions: greySessions(ctx, ip, [-ctx.timing.greyexp - 1], ctx.sender(), [ctx.recipient()], 1), addresses: { [ip]: o('one-attempt', 'none') } };
    },
  },
  {
    name: 'concurrent',
    description: 'three sessions of one address at once (disconnects out of order), all retried after the passtime',
    anchor: 'free',
    build(ctx) {
      const ip = ctx.ip();
      const helo = ctx.helo(ip);
      const from = ctx.sender('orders');
      const tos = ctx.recipients(3);
      const retry = ctx.timing.passtime + ctx.rng.int(300, 900);
      // Starts 0, 1, 3 with durations 9, 2, 4: closed in the order B, C, A.
      const shape: Array<[number, number]> = [
        [0, 9],
        [1, 2],
        [3, 4],
      ];
      const sessions: PlannedSession[] = [];
      for (const base of [0, retry]) {
        shape.forEach(([start, duration], i) => sessions.push({ ip, helo, start: base + start, duration, envelopes: [{ at: 1, from, to: tos[i]! }] }));
      }
      return { sessions, addresses: { [ip]: o('passed', 'passtime') } };
    },
  },
  {
    name: 'restart',
    description: 'spamd restarts while a session is open: the session has no disconnect line',
    anchor: 'quiet',
    build(ctx) {
      const ip = ctx.ip();
      const s = greySessions(ctx, ip, [0], ctx.sender(), [ctx.recipient()], 2);
      s[0]!.duration = 30;
      s[0]!.disconnectLost = true;
      return { sessions: s, addresses: { [ip]: o('one-attempt', 'none') }, restart: 5 };
    },
  },
  {
    name: 'unpaired-disconnect',
    description: 'the log begins inside a session: its two (GREY) lines and the disconnect, no connect',
    anchor: 'start',
    build(ctx) {
      const ip = ctx.ip();
      const s = greySessions(ctx, ip, [-4], ctx.sender(), ctx.recipients(2), 4);
      s[0]!.duration = 6;
      s[0]!.connectLost = true;
      return { sessions: s, addresses: { [ip]: o('one-attempt', 'none') } };
    },
  },
  {
    name: 'lost-disconnect',
    description: 'a session whose disconnect line never came (stale after an hour)',
    anchor: 'free',
    build(ctx) {
      const ip = ctx.ip();
      const s = greySessions(ctx, ip, [0], ctx.sender(), [ctx.recipient()]);
      s[0]!.disconnectLost = true;
      return { sessions: s, addresses: { [ip]: o('one-attempt', 'none') } };
    },
  },
];

export const SCENARIO_NAMES: readonly string[] = SCENARIOS.map((s) => s.name);

export function findScenario(name: string): ScenarioDef {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) throw new Error(`unknown scenario ${name}; known: ${SCENARIO_NAMES.join(', ')}`);
  return s;
}
