// Sender families, rule by rule (docs/evidence.md, "Sender families").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isVariableToken, senderDomain, senderFamily } from '../../src/analyze/families.js';

const CASES: ReadonlyArray<readonly [rule: string, sender: string, family: string]> = [
  // 1. the null sender
  ['null sender', '<>', '<>'],
  ['empty sender (no brackets)', '', '<>'],
  // 2. brackets and case
  ['plain address keeps its local part', '<Alice@Example.NET>', '<alice@example.net>'],
  ['address logged without brackets', 'alice@example.net', '<alice@example.net>'],
  ['no domain', '<postmaster>', '<postmaster>'],
  ['the last @ splits local part and domain', '<"a@b"@example.net>', '<"a@b"@example.net>'],
  // 3. SRS
  ['SRS0', '<SRS0=HHH1=TT=example.org=alice@forwarder.example>', '<srs0=*=*=example.org=alice@forwarder.example>'],
  ['SRS0 with + separator', '<SRS0+x7Qe=2Z=example.org=alice@forwarder.example>', '<srs0=*=*=example.org=alice@forwarder.example>'],
  ['SRS0 hash and timestamp vary', '<SRS0=zz9Y=3A=example.org=alice@forwarder.example>', '<srs0=*=*=example.org=alice@forwarder.example>'],
  ['SRS0 around a VERP sender', '<SRS0=ab12=TT=lists.example=bounce-123-4f5e6d7c@fwd.example>', '<srs0=*=*=lists.example=bounce-*@fwd.example>'],
  ['SRS1', '<SRS1=HHH=first.example==HHH=TT=example.org=alice@second.example>', '<srs1=*=first.example==*=*=example.org=alice@second.example>'],
  // 4. BATV
  ['BATV prvs (draft: tag first)', '<prvs=0891a9abd5=test@example.com>', '<test@example.com>'],
  ['BATV prvs, another day', '<prvs=1892b0c1e6=test@example.com>', '<test@example.com>'],
  ['BATV prvs, tag last (old implementations)', '<prvs=test=0891a9abd5@example.com>', '<test@example.com>'],
  ['BATV msprvs1', '<msprvs1=18029AbsMXXOy=bounces-12345@sfmc.example>', '<bounces-*@sfmc.example>'],
  ['BATV btv1', '<btv1==0a1b2c3d4e5==alice@example.com>', '<alice@example.com>'],
  // 5. +tag (subaddress)
  ['+tag', '<list+bob=example.com@lists.example>', '<list+*@lists.example>'],
  ['+tag with numeric tag', '<bounces+12345-67@mailer.example>', '<bounces+*@mailer.example>'],
  ['leading + is not a tag', '<+1234@example.net>', '<+*@example.net>'],
  // 6. variable tokens
  ['VERP numeric and hex tokens', '<bounce-12345-abcdef@mailer.example>', '<bounce-*@mailer.example>'],
  ['the book sample', '<bounce-0A1B2C3D4E@mailer.example.net>', '<bounce-*@mailer.example.net>'],
  ['numeric token in the middle', '<msg.20261002.alice@example.net>', '<msg.*.alice@example.net>'],
  ['an id of letters and digits', '<nl_9xkq2m7zp4@news.example>', '<nl_*@news.example>'],
  ['a uuid-like SES sender', '<0100018f3a2b4c5d-1e2f3a4b-5c6d-7e8f-9a0b-1c2d3e4f5a6b-000000@amazonses.com>', '<*@amazonses.com>'],
  ['short words stay', '<info-de@example.net>', '<info-de@example.net>'],
  ['a short mixed token stays', '<mail2@example.net>', '<mail2@example.net>'],
  ['a name with a year', '<john.smith.1985@example.net>', '<john.smith.*@example.net>'],
];

for (const [rule, sender, family] of CASES) {
  test(`family: ${rule}`, () => assert.equal(senderFamily(sender), family));
}

test('family: every sender of one VERP stream maps to one family', () => {
  const senders = ['<bounce-1-a1b2c3d4@x.example>', '<bounce-22-ffee0011@x.example>', '<bounce-333-0a0b0c0d0e@x.example>'];
  assert.equal(new Set(senders.map(senderFamily)).size, 1);
});

const TOKENS: ReadonlyArray<readonly [string, boolean]> = [
  ['12345', true],
  ['7', true],
  ['abcdef', true],
  ['deadbeef', true],
  ['abcde', false],
  ['a1b2', true],
  ['cafe', false],
  ['ab1', false],
  ['9xkq2m7z', true],
  ['newsletter', false],
  ['', false],
];
for (const [token, variable] of TOKENS) {
  test(`token '${token}' is ${variable ? '' : 'not '}variable`, () => assert.equal(isVariableToken(token), variable));
}

const DOMAINS: ReadonlyArray<readonly [string, string]> = [
  ['<alice@Example.NET>', 'example.net'],
  ['<>', '<>'],
  ['<postmaster>', ''],
  ['<SRS0=h=tt=example.org=a@fwd.example>', 'fwd.example'],
  ['x@=cmd', '=cmd'],
];
for (const [sender, domain] of DOMAINS) {
  test(`domain of ${sender}`, () => assert.equal(senderDomain(sender), domain));
}
