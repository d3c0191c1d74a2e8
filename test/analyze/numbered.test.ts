// The analysis gives the same results whether an event's strings come as text (read on the main
// thread) or numbered by a worker's batch (parse/event-codec.ts): checked on a month of log.
// Results are views over the analyzer's tables (results.ts): what they show is compared.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAnalyzer, type Analysis } from '../../src/analyze/analyzer.js';
import { createEventDecoder, createEventEncoder } from '../../src/parse/event-codec.js';
import { createLineParser } from '../../src/parse/line.js';
import { createZone } from '../../src/parse/zone.js';
import type { SpamdEvent } from '../../src/types.js';
import { ROOT } from '../helpers/golden.js';

const TIMING = { passtime: 1500, greyexp: 14_400, burst: 60 };

/** Half a megabyte of the benchmark's synthetic log (seeded): every kind of sender, pools, blacklisted sessions. */
function events(): SpamdEvent[] {
  const dir = mkdtempSync(join(tmpdir(), 'spamd-report-numbered-'));
  const file = join(dir, 'spamd.log');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/bench/generate.mjs'), '--mb', '0.5', '--seed', '11', '--out', file]);
  assert.equal(r.status, 0, String(r.stderr));
  const text = readFileSync(file, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  const parse = createLineParser({ zone: createZone('UTC'), reference: Date.UTC(2026, 0, 5) / 1000 });
  const out: SpamdEvent[] = [];
  for (const line of text.split('\n')) {
    const o = parse(line);
    if (o.kind !== 'other' && o.kind !== 'reject' && o.time === o.time) out.push(o);
  }
  return out;
}

/** Every property a result shows (views have getters, plain objects own properties). */
function shown(k: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let o: object | null = k; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(o))) {
      if (name !== 'constructor' && !(name in out) && (d.get || (o === k && d.enumerable && name !== 'r' && name !== 'id'))) out[name] = (k as Record<string, unknown>)[name];
    }
  }
  return out;
}
const view = (a: Analysis): unknown => ({ ...a, triplets: a.triplets.map(shown), addresses: a.addresses.map(shown) });

test('numbered events (a worker batch) and text events give the same analysis', () => {
  const evs = events();
  assert.ok(evs.length > 1000);
  const text = createAnalyzer({ ...TIMING, collectSessions: true });
  for (const e of evs) text.add(e);
  const numbered = createAnalyzer({ ...TIMING, collectSessions: true });
  const enc = createEventEncoder(1024);
  const dec = createEventDecoder(numbered.symbols);
  // Several batches: symbols sent in one are named by number in the next.
  for (let i = 0; i < evs.length; i++) {
    enc.push(evs[i]!);
    if (enc.count === 700 || i === evs.length - 1) dec.decode(enc.take(), (ev, ids) => numbered.add(ev, ids));
  }
  const a = text.finish();
  const b = numbered.finish();
  assert.ok(a.triplets.length > 50 && a.addresses.length > 50);
  assert.deepEqual(view(b), view(a));
});

test('a result view shows its numbers and takes the spamdb facts a join adds', () => {
  const an = createAnalyzer(TIMING);
  const ev = (time: number, to: string): SpamdEvent => ({ kind: 'envelope', time, host: 'mx1', ip: '192.0.2.10', list: 'grey', from: '<a@example.net>', to });
  an.add(ev(1000, '<b@example.com>'));
  an.add(ev(1000, '<c@example.com>'));
  an.add(ev(1000 + 1800, '<b@example.com>'));
  const r = an.finish();
  const [b, c] = r.triplets;
  assert.deepEqual([b!.ip, b!.sender, b!.recipient, b!.attempts, b!.first, b!.last, b!.firstRetry, b!.verdict, b!.retry], ['192.0.2.10', '<a@example.net>', '<b@example.com>', 2, 1000, 2800, 1800, 'passed', 'passtime']);
  assert.deepEqual([c!.recipient, c!.attempts, c!.verdict, c!.message, c!.helo, c!.records], ['<c@example.com>', 1, 'passed', '', '', null]);
  b!.spamdb = { only: false, helo: null, bcount: 2, first: 1000, passedAt: 2800 };
  assert.equal(b!.spamdb.bcount, 2);
  assert.equal(c!.spamdb, undefined);
  assert.deepEqual([r.addresses[0]!.triplets, r.addresses[0]!.attempts], [2, 2]);
});
