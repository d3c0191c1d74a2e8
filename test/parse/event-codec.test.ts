import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEventDecoder, createEventEncoder, createSymbolTable, decodeEvents, dottedQuad } from '../../src/parse/event-codec.js';
import type { SpamdEvent } from '../../src/types.js';

const t = 1767225600.5;
const EVENTS: SpamdEvent[] = [
  { kind: 'connect', time: t, host: 'mx1', ip: '192.0.2.10', clients: 3, black: 1, lists: 'spews1 nixspam' },
  { kind: 'connect', time: t, host: 'mx1', ip: '192.0.2.10', clients: 3, black: -1, lists: '' },
  { kind: 'disconnect', time: t, host: 'mx1', ip: '<unknown>', secs: 404, lists: '' },
  { kind: 'envelope', time: t, host: '', ip: '192.0.2.10', list: 'grey', from: '<>', to: '<b@example.com>' },
  { kind: 'envelope', time: t, host: 'h', ip: '192.0.2.10', list: 'black', from: '<a@x>', to: '' },
  { kind: 'envelope', time: t, host: 'h', ip: '192.0.2.10', list: 'legacy', from: '<a@x>', to: '<b@y>' },
  { kind: 'header', time: t, host: 'mx1', ip: '192.0.2.10', name: 'Subject', value: 'caf\u00e9 \u2603 \ufffd  tabs\tand \u001b[31m' },
  { kind: 'matched-lists', time: t, host: 'gw', ip: '192.0.2.10', lists: 'spews1' },
  { kind: 'new-entry', time: t, host: 'mx1', ip: '192.0.2.10', from: '<a@x>', to: '<b@y>', helo: '', trap: false },
  { kind: 'new-entry', time: t, host: 'mx1', ip: '192.0.2.10', from: '<a@x>', to: '<b@y>', helo: 'mail.x', trap: true },
  { kind: 'trapping', time: t, host: 'mx1', ip: '203.0.113.77' },
  { kind: 'whitelisting', time: t, host: 'mx1', ip: '192.0.2.10' },
  { kind: 'blacklisted', time: t, host: 'mx1', ip: '198.51.100.99' },
  { kind: 'restart', time: t, host: 'mx1' },
  { kind: 'spamlogd', time: t, host: 'mx1', direction: 'inbound', ip: '192.0.2.10' },
  { kind: 'spamlogd', time: t, host: 'mx1', direction: 'outbound', ip: '192.0.2.10' },
  { kind: 'daemon', time: t, host: 'mx1', what: 'queueing' },
  { kind: 'daemon', time: t, host: 'mx1', what: 'spamlogd-misc' },
];

test('every kind of event survives a batch unchanged, in order', () => {
  const enc = createEventEncoder(4); // small: the encoder grows
  for (const ev of EVENTS) enc.push(ev);
  const out: SpamdEvent[] = [];
  decodeEvents(enc.take(), (ev) => out.push(ev));
  assert.deepEqual(out, EVENTS);
  assert.equal(enc.count, 0);
});

test('one decoder follows its encoder across batches: a symbol is sent once, then named by its number', () => {
  const enc = createEventEncoder();
  enc.push(EVENTS[0]!);
  const first = enc.take();
  enc.push(EVENTS[3]!);
  enc.push(EVENTS[4]!);
  enc.push(EVENTS[0]!);
  const second = enc.take();
  assert.ok(first.symbols.includes('192.0.2.10'));
  assert.ok(!second.symbols.includes('192.0.2.10'), 'an address already sent is not sent again');
  assert.ok(!second.symbols.includes('mx1'));
  const out: SpamdEvent[] = [];
  const decoder = createEventDecoder(createSymbolTable());
  decodeEvents(first, (ev) => out.push(ev), decoder);
  decodeEvents(second, (ev) => out.push(ev), decoder);
  assert.deepEqual(out, [EVENTS[0], EVENTS[3], EVENTS[4], EVENTS[0]]);
});

test('the decoder hands on the table numbers of addresses; senders, recipients and HELO names come as text', () => {
  const enc = createEventEncoder();
  for (const ev of EVENTS) enc.push(ev);
  const batch = enc.take();
  assert.ok(batch.literals.includes('<b@example.com>') && !batch.symbols.includes('<b@example.com>'));
  const table = createSymbolTable();
  const got: Array<[SpamdEvent, number]> = [];
  createEventDecoder(table).decode(batch, (ev, ids) => got.push([ev, ids.ip]));
  for (const [ev, ip] of got) {
    if ('ip' in ev) assert.equal(table.text(ip), ev.ip, ev.kind);
    else assert.equal(ip, -1);
  }
});

test('dottedQuad: the 32-bit value of an address as spamd writes it, null for anything else', () => {
  const cases: Array<[string, number | null]> = [
    ['0.0.0.0', 0],
    ['192.0.2.10', (192 << 24) | (2 << 8) | 10],
    ['255.255.255.255', -1],
    ['10.0.0.1', (10 << 24) | 1],
    ['010.0.0.1', null], // a leading zero: another string, kept apart
    ['10.0.0.01', null],
    ['256.0.0.1', null],
    ['1.2.3', null],
    ['1.2.3.4.5', null],
    ['1..2.3', null],
    ['1.2.3.', null],
    ['<unknown>', null],
    ['', null],
    ['1.2.3.4 ', null],
  ];
  for (const [s, want] of cases) assert.equal(dottedQuad(s), want, s);
});

test('many addresses: each keeps its own number across batches and table growth', () => {
  const enc = createEventEncoder();
  const ips = Array.from({ length: 20_000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  const table = createSymbolTable();
  const dec = createEventDecoder(table);
  const seen: string[] = [];
  for (let round = 0; round < 2; round++) {
    for (const ip of ips) enc.push({ kind: 'trapping', time: t, host: 'mx1', ip });
    dec.decode(enc.take(), (ev, ids) => {
      assert.ok(ev.kind === 'trapping');
      assert.equal(table.text(ids.ip), ev.ip);
      seen.push(ev.ip);
    });
  }
  assert.deepEqual(seen, [...ips, ...ips]);
});
