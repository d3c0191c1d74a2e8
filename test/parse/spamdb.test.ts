// parseSpamdbLine: every entry type, both GREY layouts, and every way a line can be wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { greyPassed, parseSpamdbLine, type GreyEntry, type SpamdbOutcome } from '../../src/parse/spamdb.js';

const CASES: Array<[string, string, SpamdbOutcome]> = [
  [
    'GREY with helo (spamdb ≥ 1.13)',
    'GREY|192.0.2.10|mail.example.net|<alice@example.net>|<bob@example.com>|1715244079|1715258479|1715258479|1|0',
    { kind: 'grey', ip: '192.0.2.10', helo: 'mail.example.net', from: '<alice@example.net>', to: '<bob@example.com>', first: 1715244079, pass: 1715258479, expire: 1715258479, bcount: 1, pcount: 0 },
  ],
  [
    'GREY with an empty helo',
    'GREY|192.0.2.44||<>|<postmaster@example.com>|1715244118|1715258518|1715258518|1|0',
    { kind: 'grey', ip: '192.0.2.44', helo: '', from: '<>', to: '<postmaster@example.com>', first: 1715244118, pass: 1715258518, expire: 1715258518, bcount: 1, pcount: 0 },
  ],
  [
    'GREY without helo (spamdb 1.11)',
    'GREY|192.0.2.10|<alice@example.net>|<bob@example.com>|1715244079|1715245966|1715258479|2|0',
    { kind: 'grey', ip: '192.0.2.10', helo: null, from: '<alice@example.net>', to: '<bob@example.com>', first: 1715244079, pass: 1715245966, expire: 1715258479, bcount: 2, pcount: 0 },
  ],
  [
    'GREY from an IPv6 address',
    'GREY|2001:db8::25|mx.example.net|<a@example.net>|<b@example.com>|1|2|3|4|0',
    { kind: 'grey', ip: '2001:db8::25', helo: 'mx.example.net', from: '<a@example.net>', to: '<b@example.com>', first: 1, pass: 2, expire: 3, bcount: 4, pcount: 0 },
  ],
  [
    'WHITE',
    'WHITE|192.0.2.10|||1715244079|1715245966|1718356815|2|1',
    { kind: 'white', ip: '192.0.2.10', first: 1715244079, pass: 1715245966, expire: 1718356815, bcount: 2, pcount: 1 },
  ],
  ['TRAPPED', 'TRAPPED|203.0.113.77|1715331305', { kind: 'trapped', ip: '203.0.113.77', expire: 1715331305 }],
  ['SPAMTRAP', 'SPAMTRAP|trap@example.com', { kind: 'spamtrap', address: 'trap@example.com' }],
  ['SPAMTRAP keeps a | in its address (the last field)', 'SPAMTRAP|odd|trap@example.com', { kind: 'spamtrap', address: 'odd|trap@example.com' }],
  ['CR LF and trailing blanks are tolerated', 'TRAPPED|203.0.113.77|1715331305 \r', { kind: 'trapped', ip: '203.0.113.77', expire: 1715331305 }],
  ['blank line', '   ', { kind: 'blank' }],
  ['stderr mixed in', 'spamdb: no entry for 192.0.2.1', { kind: 'reject', reason: 'unknown-type' }],
  ['lower-case type', 'white|192.0.2.10|||1|2|3|4|5', { kind: 'reject', reason: 'unknown-type' }],
  ['GREY with a | inside a field', 'GREY|192.0.2.10|helo|<a|b@example.net>|<c@example.com>|1|2|3|4|0', { kind: 'reject', reason: 'ambiguous' }],
  ['GREY cut short', 'GREY|192.0.2.10|helo|<a@example.net>|<c@example.com>|1|2', { kind: 'reject', reason: 'bad-fields' }],
  ['GREY with a text time', 'GREY|192.0.2.10|helo|<a@example.net>|<c@example.com>|x|2|3|4|0', { kind: 'reject', reason: 'bad-number' }],
  ['GREY with an unsafe integer', 'GREY|192.0.2.10|helo|<a@example.net>|<c@example.com>|99999999999999999999|2|3|4|0', { kind: 'reject', reason: 'bad-number' }],
  ['GREY with a bad address', 'GREY|192.0.2.300|helo|<a@example.net>|<c@example.com>|1|2|3|4|0', { kind: 'reject', reason: 'bad-address' }],
  ['WHITE with a helo', 'WHITE|192.0.2.10|helo||1|2|3|4|5', { kind: 'reject', reason: 'bad-fields' }],
  ['WHITE with GREY fields', 'WHITE|192.0.2.10||||1|2|3|4|5', { kind: 'reject', reason: 'bad-fields' }],
  ['WHITE with a hostname', 'WHITE|mail.example.net|||1|2|3|4|5', { kind: 'reject', reason: 'bad-address' }],
  ['TRAPPED without expiry', 'TRAPPED|203.0.113.77', { kind: 'reject', reason: 'bad-fields' }],
  ['TRAPPED with a negative-looking text', 'TRAPPED|203.0.113.77|soon', { kind: 'reject', reason: 'bad-number' }],
  ['SPAMTRAP without an address', 'SPAMTRAP|', { kind: 'reject', reason: 'bad-fields' }],
];

for (const [name, line, want] of CASES) {
  test(`spamdb line: ${name}`, () => {
    assert.deepEqual(parseSpamdbLine(line), want);
  });
}

test('greyPassed: pass before the placeholder expiry means a retry after passtime passed', () => {
  const base: GreyEntry = { kind: 'grey', ip: '192.0.2.1', helo: '', from: '<a>', to: '<b>', first: 0, pass: 14_400, expire: 14_400, bcount: 1, pcount: 0 };
  assert.equal(greyPassed(base), false);
  assert.equal(greyPassed({ ...base, pass: 1800, bcount: 2 }), true);
  // spamd before 2007 also moved expire to now + whiteexp on the pass
  assert.equal(greyPassed({ ...base, pass: 1800, expire: 1800 + 864 * 3600 }), true);
});
