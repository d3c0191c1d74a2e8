// --ip, --net, --sender-domain, --sender, --recipient: alternatives within one option, all options must match.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCidr } from '../../src/analyze/network.js';
import { createAttemptSelector, type Selection } from '../../src/analyze/selection.js';

function sel(s: Partial<Selection>): Selection {
  return { ips: [], nets: [], senderDomains: [], senders: [], recipients: [], ...s };
}

const T: readonly [string, string, string] = ['198.51.100.20', '<Bounce-4711-9f8e7d6c@Notify.Rapid.example>', '<Admin@example.com>'];

const CASES: ReadonlyArray<readonly [string, Selection, boolean]> = [
  ['ip', sel({ ips: ['198.51.100.20'] }), true],
  ['other ip', sel({ ips: ['198.51.100.21'] }), false],
  ['one of several ips', sel({ ips: ['192.0.2.1', '198.51.100.20'] }), true],
  ['net', sel({ nets: [parseCidr('198.51.100.0/24')!] }), true],
  ['other net', sel({ nets: [parseCidr('198.51.101.0/24')!] }), false],
  ['sender domain', sel({ senderDomains: ['notify.rapid.example'] }), true],
  ['parent domain matches a subdomain', sel({ senderDomains: ['rapid.example'] }), true],
  ['domain given with @ and in capitals', sel({ senderDomains: ['@RAPID.example'] }), true],
  ['a suffix that is not a parent domain', sel({ senderDomains: ['pid.example'] }), false],
  ['exact sender, no brackets, any case', sel({ senders: ['bounce-4711-9f8e7d6c@notify.rapid.example'] }), true],
  ['exact sender with brackets', sel({ senders: ['<bounce-4711-9f8e7d6c@notify.rapid.example>'] }), true],
  ['sender family', sel({ senders: ['bounce-*@notify.rapid.example'] }), true],
  ['other sender', sel({ senders: ['alerts@notify.rapid.example'] }), false],
  ['recipient', sel({ recipients: ['admin@example.com'] }), true],
  ['recipient domain', sel({ recipients: ['@example.com'] }), true],
  ['other recipient', sel({ recipients: ['ops@example.com'] }), false],
  ['all options match', sel({ ips: ['198.51.100.20'], senderDomains: ['rapid.example'], recipients: ['admin@example.com'] }), true],
  ['one option fails', sel({ ips: ['198.51.100.20'], recipients: ['ops@example.com'] }), false],
];

for (const [name, s, want] of CASES) {
  test(`selection: ${name}`, () => assert.equal(createAttemptSelector(s).triplet(...T), want));
}

test('selection: addresses without envelopes are selected only by address options', () => {
  assert.equal(createAttemptSelector(sel({ ips: ['192.0.2.1'] })).address('192.0.2.1'), true);
  assert.equal(createAttemptSelector(sel({ ips: ['192.0.2.1'] })).address('192.0.2.2'), false);
  assert.equal(createAttemptSelector(sel({ ips: ['192.0.2.1'], senders: ['a@b.example'] })).address('192.0.2.1'), false);
  assert.equal(createAttemptSelector(sel({ senderDomains: ['b.example'] })).address('192.0.2.1'), false);
});

test('selection: the null sender is selected with --sender "<>"', () => {
  assert.equal(createAttemptSelector(sel({ senders: ['<>'] })).triplet('192.0.2.1', '<>', '<r@example.com>'), true);
  assert.equal(createAttemptSelector(sel({ senders: ['<>'] })).triplet('192.0.2.1', '<a@example.com>', '<r@example.com>'), false);
});
