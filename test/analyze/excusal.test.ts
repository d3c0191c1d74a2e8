// isExcused: pf's longest-prefix match with negation, IPv4 and IPv6, nothing else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createExcusalList, NO_EXCUSALS } from '../../src/analyze/excusal.js';
import { parsePfTable } from '../../src/parse/pf-table.js';

const LIST = createExcusalList(
  parsePfTable(`
198.51.100.0/24
!198.51.100.64/26
198.51.100.66
192.0.2.10
2001:db8:25::/48
!2001:db8:25::bad
10/8
`).entries,
  ['nospamd'],
);

const CASES: Array<[string, boolean]> = [
  ['198.51.100.7', true], // in the /24
  ['198.51.100.65', false], // the negated /26 is more specific
  ['198.51.100.66', true], // the single address is more specific still
  ['198.51.100.130', true],
  ['198.51.101.1', false],
  ['192.0.2.10', true],
  ['192.0.2.11', false],
  ['10.200.3.4', true],
  ['2001:db8:25::1', true],
  ['2001:DB8:25:0::1', true], // another spelling of an address in the /48
  ['2001:db8:25::bad', false],
  ['2001:db8:26::1', false],
  ['<unknown>', false],
  ['', false],
  ['mail.example.net', false],
];

for (const [ip, want] of CASES) {
  test(`isExcused(${JSON.stringify(ip)}) is ${want}`, () => {
    assert.equal(LIST.isExcused(ip), want);
  });
}

test('the list knows its size, its files, and which entry decided', () => {
  assert.equal(LIST.size, 7);
  assert.deepEqual(LIST.sources, ['nospamd']);
  assert.equal(LIST.match('198.51.100.65')?.text, '!198.51.100.64/26');
  assert.equal(LIST.match('203.0.113.1'), null);
  assert.equal(NO_EXCUSALS.isExcused('198.51.100.7'), false);
});

test('of two equal entries the first is kept, as pfctl does', () => {
  const l = createExcusalList(parsePfTable('192.0.2.0/24\n!192.0.2.0/24').entries);
  assert.equal(l.isExcused('192.0.2.1'), true);
  assert.equal(l.size, 1);
});
