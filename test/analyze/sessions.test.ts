// Pairing disconnects with connects by the duration they state (±1 s), never by order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSessionTracker, PAIRING_SLACK } from '../../src/analyze/sessions.js';

const IP = '192.0.2.10';

/** Open sessions at `starts` (host mx1, IP), then close each [end, secs]: the start each close took, or null. */
function pair(starts: number[], closes: Array<[number, number]>, where: { host?: string; ip?: string } = {}): Array<number | null> {
  const t = createSessionTracker();
  for (const s of starts) t.open('mx1', IP, s, false, '');
  return closes.map(([end, secs]) => t.close(where.host ?? 'mx1', where.ip ?? IP, end, secs)?.start ?? null);
}

const CASES: Array<[string, number[], Array<[number, number]>, Array<number | null>, { host?: string; ip?: string }?]> = [
  ['exact duration', [100], [[105, 5]], [100]],
  ['the disconnect a second later than the duration says (syslog stamps)', [100], [[106, 5]], [100]],
  ['the disconnect a second earlier', [100], [[104, 5]], [100]],
  [`more than ${PAIRING_SLACK} s later than its duration says (a delayed line): the oldest session open before, first in first out`, [100], [[107, 5]], [100]],
  ['first in first out: the oldest of those that started early enough', [100, 101, 106], [[110, 2]], [100]],
  [`a start more than ${PAIRING_SLACK} s after the disconnect's start: not this session (it cannot have lasted that long)`, [100], [[103, 5]], [null]],
  ['no open session: an unpaired disconnect', [], [[107, 5]], [null]],
  ['another address: unpaired', [100], [[105, 5]], [null], { ip: '192.0.2.11' }],
  ['another log host: unpaired', [100], [[105, 5]], [null], { host: 'mx2' }],
  ['concurrent sessions close out of order, each by its duration', [0, 1, 3], [[3, 2], [7, 4], [9, 9]], [1, 3, 0]],
  ['the closest start wins within the slack', [99, 100], [[105, 5], [104, 5]], [100, 99]],
  ['two sessions with the same start: the older one first', [100, 100], [[105, 5], [109, 9]], [100, 100]],
  ['a session is closed only once', [100], [[105, 5], [105, 5]], [100, null]],
];

for (const [name, starts, closes, want, where] of CASES) {
  test(`sessions: ${name}`, () => assert.deepEqual(pair(starts, closes, where), want));
}

test('sessions: envelope lines go to the oldest open session without one, else the newest', () => {
  const t = createSessionTracker();
  const a = t.open('mx1', IP, 0, false, '');
  const b = t.open('mx1', IP, 1, false, '');
  assert.equal(t.current('mx1', IP), a);
  a.triplets.push('k1');
  assert.equal(t.current('mx1', IP), b);
  b.triplets.push('k2');
  assert.equal(t.current('mx1', IP), b);
  assert.equal(t.current('mx2', IP), null);
});

test('sessions: drain takes the sessions started before a time, of one host or all', () => {
  const t = createSessionTracker();
  t.open('mx1', IP, 0, false, '');
  t.open('mx1', '192.0.2.11', 50, false, '');
  t.open('mx2', IP, 10, false, '');
  t.open('mx1', IP, 200, false, '');
  assert.equal(t.size(), 4);
  assert.deepEqual(t.drain(100, 'mx1').map((s) => [s.host, s.ip, s.start]), [['mx1', IP, 0], ['mx1', '192.0.2.11', 50]]);
  assert.equal(t.size(), 2);
  assert.deepEqual(t.drain(Infinity).map((s) => [s.host, s.start]).sort(), [['mx1', 200], ['mx2', 10]]);
  assert.equal(t.size(), 0);
  assert.equal(t.close('mx1', IP, 205, 5), null);
});
