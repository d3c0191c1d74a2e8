import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCidr, isInCidr, networkOf, parseCidr, parseIPv4 } from '../../src/analyze/network.js';

const IPS: ReadonlyArray<readonly [string, number | null]> = [
  ['0.0.0.0', 0],
  ['192.0.2.1', 0xc0000201],
  ['255.255.255.255', 0xffffffff],
  ['256.0.0.1', null],
  ['1.2.3', null],
  ['<unknown>', null],
  ['2001:db8::1', null],
];
for (const [ip, v] of IPS) test(`parseIPv4 ${ip}`, () => assert.equal(parseIPv4(ip), v));

const CIDRS: ReadonlyArray<readonly [string, string | null]> = [
  ['192.0.2.0/24', '192.0.2.0/24'],
  ['192.0.2.77/24', '192.0.2.0/24'],
  ['198.51.100.7', '198.51.100.7/32'],
  ['10.1.2.3/8', '10.0.0.0/8'],
  ['0.0.0.0/0', '0.0.0.0/0'],
  ['192.0.2.0/33', null],
  ['2001:db8::/32', null],
  ['nonsense', null],
];
for (const [text, want] of CIDRS) {
  test(`parseCidr ${text}`, () => {
    const c = parseCidr(text);
    assert.equal(c === null ? null : formatCidr(c), want);
  });
}

const MEMBERS: ReadonlyArray<readonly [string, string, boolean]> = [
  ['192.0.2.255', '192.0.2.0/24', true],
  ['192.0.3.0', '192.0.2.0/24', false],
  ['203.0.113.9', '0.0.0.0/0', true],
  ['198.51.100.7', '198.51.100.7', true],
  ['198.51.100.8', '198.51.100.7', false],
  ['<unknown>', '0.0.0.0/0', false],
];
for (const [ip, net, inside] of MEMBERS) test(`${ip} in ${net}: ${inside}`, () => assert.equal(isInCidr(ip, parseCidr(net)!), inside));

test('networkOf', () => {
  assert.equal(networkOf('203.0.113.77', 24), '203.0.113.0/24');
  assert.equal(networkOf('203.0.113.77', 32), '203.0.113.77/32');
  assert.equal(networkOf('<unknown>', 24), '<unknown>');
});
