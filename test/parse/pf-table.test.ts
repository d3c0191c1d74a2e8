// pf table files: addresses and networks, comments, negation, IPv6 forms, and what is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIpv6, parseNetToken, parsePfTable } from '../../src/parse/pf-table.js';

const TOKENS: Array<[string, { family: 4 | 6; network: bigint; prefix: number; negated: boolean } | string]> = [
  ['192.0.2.1', { family: 4, network: 0xc0000201n, prefix: 32, negated: false }],
  ['192.0.2.0/24', { family: 4, network: 0xc0000200n, prefix: 24, negated: false }],
  ['192.0.2.77/24', { family: 4, network: 0xc0000200n, prefix: 24, negated: false }], // host bits cleared, as pf does
  ['!192.0.2.66', { family: 4, network: 0xc0000242n, prefix: 32, negated: true }],
  ['10/8', { family: 4, network: 0x0a000000n, prefix: 8, negated: false }],
  ['172.16/12', { family: 4, network: 0xac100000n, prefix: 12, negated: false }],
  ['0.0.0.0/0', { family: 4, network: 0n, prefix: 0, negated: false }],
  ['2001:db8::/32', { family: 6, network: 0x20010db8n << 96n, prefix: 32, negated: false }],
  ['2001:db8::25', { family: 6, network: (0x20010db8n << 96n) | 0x25n, prefix: 128, negated: false }],
  ['::ffff:192.0.2.1', { family: 6, network: 0xffffc0000201n, prefix: 128, negated: false }],
  ['mail.example.net', 'hostname'],
  ['em0', 'hostname'],
  ['em0:network', 'hostname'],
  ['192.0.2.300', 'bad-address'],
  ['10', 'bad-address'],
  ['192.0.2.0/33', 'bad-prefix'],
  ['2001:db8::/129', 'bad-prefix'],
  ['192.0.2.0/x', 'bad-prefix'],
  ['fe80::1%em0', 'bad-address'],
];

for (const [token, want] of TOKENS) {
  test(`pf table token ${token}`, () => {
    const r = parseNetToken(token, 1);
    if (typeof want === 'string') assert.equal('reason' in r ? r.reason : 'parsed', want);
    else {
      assert.ok(!('reason' in r), `${token}: ${'reason' in r ? r.reason : ''}`);
      assert.deepEqual({ family: r.family, network: r.network, prefix: r.prefix, negated: r.negated }, want);
    }
  });
}

test('IPv6 textual forms give the same value', () => {
  const v = parseIpv6('2001:db8:0:0:0:0:0:25');
  assert.equal(parseIpv6('2001:DB8::25'), v);
  assert.equal(parseIpv6('2001:0db8:0000::0025'), v);
  assert.equal(parseIpv6('::'), 0n);
  assert.equal(parseIpv6('::1'), 1n);
  assert.equal(parseIpv6('1::'), 1n << 112n);
  assert.equal(parseIpv6('2001:db8::25::1'), null);
});

test('a nospamd file: comments, blank lines, several per line, problems with their line', () => {
  const t = parsePfTable(
    [
      '# /etc/mail/nospamd',
      '',
      '198.51.100.0/24   # vendor',
      '  !198.51.100.66',
      '192.0.2.1 192.0.2.2\t2001:db8::/48',
      'mx.example.net',
      '#192.0.2.99 commented out',
      '192.0.2.0/40',
    ].join('\n'),
  );
  assert.deepEqual(
    t.entries.map((e) => [e.text, e.line]),
    [
      ['198.51.100.0/24', 3],
      ['!198.51.100.66', 4],
      ['192.0.2.1', 5],
      ['192.0.2.2', 5],
      ['2001:db8::/48', 5],
    ],
  );
  assert.deepEqual(t.problems, [
    { line: 6, token: 'mx.example.net', reason: 'hostname' },
    { line: 8, token: '192.0.2.0/40', reason: 'bad-prefix' },
  ]);
});
