// Usage of the new commands and options: wrong values are usage errors (exit 2) that name the option.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInProcess as run } from '../helpers/run-in-process.js';

/** A fixed clock after every test log: --until is never taken beyond now. */
const NOW = Date.UTC(2027, 0, 1) / 1000;
const runInProcess = (args: string[], opts: { stdin?: string } = {}): ReturnType<typeof run> => run(args, { ...opts, now: NOW });

const USAGE: ReadonlyArray<readonly [string, string[], RegExp]> = [
  ['evidence needs a selection', ['evidence'], /say what it is about with --ip, --net/],
  ['--ip takes IPv4 addresses', ['evidence', '--ip', '2001:db8::1'], /--ip: '2001:db8::1' is not an IPv4 address/],
  ['--net takes IPv4 networks', ['evidence', '--net', '198.51.100.0/33'], /--net: '198.51.100.0\/33' is not an IPv4 network/],
  ['--pool-prefix range', ['domains', '--pool-prefix', '99'], /--pool-prefix: '99' is not an IPv4 prefix length from 8 to 32/],
  ['--pool-prefix is a number', ['triplets', '--pool-prefix', 'x'], /--pool-prefix/],
  ['evidence formats', ['evidence', '--ip', '192.0.2.1', '--format', 'table'], /Allowed choices are markdown, text, csv, json/],
  ['domains --sort column', ['domains', '--sort', 'nope'], /--sort: 'nope' is not a column of domains/],
  ['evidence has no --top', ['evidence', '--ip', '192.0.2.1', '--top', '3'], /unknown option '--top'/],
];

for (const [name, args, message] of USAGE) {
  test(`usage: ${name}`, async () => {
    const r = await runInProcess([...args, '-'], { stdin: '' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  });
}

test('evidence --help lists the selection options and examples', async () => {
  const r = await runInProcess(['evidence', '--help']);
  assert.equal(r.code, 0);
  for (const opt of ['--ip', '--net', '--sender-domain', '--sender', '--recipient', '--pool-prefix', '--verdict']) assert.match(r.stdout, new RegExp(opt));
  assert.match(r.stdout, /Examples:/);
});

test('domains --sort reorders by a column', async () => {
  const log = [
    'Mar 10 09:00:01 mx1 spamd[1]: (GREY) 192.0.2.1: <a@b.example> -> <r@example.com>',
    'Mar 10 09:00:02 mx1 spamd[1]: (GREY) 192.0.2.2: <a@z.example> -> <r@example.com>',
    'Mar 10 09:00:03 mx1 spamd[1]: (GREY) 192.0.2.2: <c@z.example> -> <r@example.com>',
  ].join('\n');
  const rows = async (args: string[]): Promise<string[]> => {
    const r = await runInProcess(['domains', ...args, '--format', 'csv', '--year', '2026', '-'], { stdin: log });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[0]!);
  };
  assert.deepEqual(await rows([]), ['z.example', 'b.example'], 'default: more messages first when nothing is broken');
  assert.deepEqual(await rows(['--sort', 'domain']), ['b.example', 'z.example']);
});
