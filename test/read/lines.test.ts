// The bounded line splitter: the same lines whatever the chunking, CR LF, invalid UTF-8, and
// over-long lines skipped without holding them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLineSplitter, DEFAULT_MAX_LINE_LENGTH } from '../../src/read/lines.js';

type Seen = Array<readonly ['line', string, number] | readonly ['too-long', number, string]>;

interface Result {
  seen: Seen;
  count: number;
}

/** Split `input` into the given chunks (by byte offsets) and collect what the handler saw. */
function split(input: Buffer, cuts: readonly number[] = [], maxLength?: number): Result {
  const seen: Seen = [];
  const splitter = createLineSplitter(
    {
      line: (text, no) => seen.push(['line', text, no]),
      tooLong: (no, head) => seen.push(['too-long', no, head]),
    },
    maxLength,
  );
  let at = 0;
  for (const c of [...cuts, input.length]) {
    splitter.write(input.subarray(at, c));
    at = c;
  }
  splitter.end();
  return { seen, count: splitter.count };
}

const lines = (...texts: string[]): Seen => texts.map((s, i) => ['line', s, i + 1] as const);

const CASES: ReadonlyArray<readonly [name: string, input: Buffer, expected: Seen]> = [
  ['empty input: no line', Buffer.alloc(0), []],
  ['one newline: one empty line', Buffer.from('\n'), lines('')],
  ['final line without newline', Buffer.from('a\nb'), lines('a', 'b')],
  ['final newline adds no empty line', Buffer.from('a\nb\n'), lines('a', 'b')],
  ['empty lines in between count', Buffer.from('a\n\n\nb\n'), lines('a', '', '', 'b')],
  ['CR LF', Buffer.from('a\r\nb\r\n'), lines('a', 'b')],
  ['CR LF without a final newline', Buffer.from('a\r\nb'), lines('a', 'b')],
  ['lone CR at the end of the input', Buffer.from('a\nb\r'), lines('a', 'b')],
  ['only CR LF', Buffer.from('\r\n'), lines('')],
  ['a CR inside a line stays (it is data)', Buffer.from('a\rb\n'), lines('a\rb')],
  ['only the last CR before LF goes', Buffer.from('a\r\r\n'), lines('a\r')],
  ['multi-byte UTF-8: 2, 3 and 4 bytes', Buffer.from('Grüße €\n😀 ok\n'), lines('Grüße €', '😀 ok')],
  ['invalid UTF-8: a lone 0xff', Buffer.from([0x61, 0xff, 0x62, 0x0a]), lines('a\ufffdb')],
  ['invalid UTF-8: a cut 3-byte sequence before ASCII', Buffer.from([0x61, 0xe2, 0x82, 0x78, 0x0a]), lines('a\ufffdx')],
  ['invalid UTF-8: overlong encoding', Buffer.from([0xc0, 0xaf, 0x0a]), lines('\ufffd\ufffd')],
  ['invalid UTF-8: a lone continuation byte', Buffer.from([0x80, 0x61, 0x0a]), lines('\ufffda')],
  ['invalid UTF-8: a cut 4-byte sequence before the newline', Buffer.from([0x61, 0xf0, 0x9f, 0x98, 0x0a, 0x62]), lines('a\ufffd', 'b')],
  ['invalid UTF-8: a cut sequence at the very end', Buffer.from([0x61, 0x0a, 0x62, 0xe2, 0x82]), lines('a', 'b\ufffd')],
  ['latin-1 bytes (a non-UTF-8 log)', Buffer.from('caf\xe9\n', 'latin1'), lines('caf\ufffd')],
  ['a NUL byte is data', Buffer.from('a\0b\n'), lines('a\0b')],
];

for (const [name, input, expected] of CASES) {
  test(`${name}: the same lines at every chunk boundary`, () => {
    const whole = split(input);
    assert.deepStrictEqual(whole.seen, expected);
    assert.equal(whole.count, expected.length);
    for (let i = 0; i <= input.length; i++) assert.deepStrictEqual(split(input, [i]), whole, `cut at ${i}`);
    // one byte at a time
    assert.deepStrictEqual(split(input, Array.from({ length: input.length }, (_, i) => i)), whole, 'byte by byte');
  });
}

// A log of every kind of trouble: multi-byte characters, CR LF, invalid bytes, an empty line, no final newline.
const MIXED = Buffer.concat([
  Buffer.from('May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/0)\r\n'),
  Buffer.from('May  9 08:46:36 mx1 spamd[40212]: 198.51.100.23: Subject: Grüße – 😀 €\n'),
  Buffer.from([0x4d, 0x61, 0x79, 0x20, 0xff, 0xe2, 0x82, 0x0d, 0x0a]),
  Buffer.from('\n'),
  Buffer.from('\r\n'),
  Buffer.from('last line\r'),
]);

test('a mixed log gives the same lines cut anywhere, into a short middle chunk anywhere, or byte by byte', () => {
  const whole = split(MIXED);
  assert.deepStrictEqual(whole.seen, lines('May  9 08:41:17 mx1 spamd[40212]: 192.0.2.10: connected (1/0)', 'May  9 08:46:36 mx1 spamd[40212]: 198.51.100.23: Subject: Grüße – 😀 €', 'May \ufffd\ufffd', '', '', 'last line'));
  for (let i = 0; i <= MIXED.length; i++) {
    // a middle chunk of 0 to 8 bytes: inside a multi-byte character, between CR and LF, around both
    for (let j = i; j <= Math.min(i + 8, MIXED.length); j++) assert.deepStrictEqual(split(MIXED, [i, j]), whole, `cuts at ${i}, ${j}`);
  }
  assert.deepStrictEqual(split(MIXED, Array.from({ length: MIXED.length }, (_, i) => i)), whole, 'byte by byte');
});

test('the same lines, and too-long verdicts, at every chunk boundary with a small limit', () => {
  // limit 8: 'abcdefgh' (8) fits, 'abcdefghi' (9) does not; 'é' is one character of two bytes.
  const input = Buffer.from('abcdefgh\nabcdefghi\nshort\néééééééé\néééééééééé\r\nabcdefgh\r\n123456789');
  const whole = split(input, [], 8);
  assert.deepStrictEqual(whole.seen, [
    ['line', 'abcdefgh', 1],
    ['too-long', 2, 'abcdefghi'],
    ['line', 'short', 3],
    ['line', 'éééééééé', 4],
    // the head of a skipped line is its first min(200, limit + 1) characters
    ['too-long', 5, 'ééééééééé'],
    // the CR counts toward the limit: 'abcdefgh\r' is 9 characters
    ['too-long', 6, 'abcdefgh\r'],
    ['too-long', 7, '123456789'],
  ]);
  assert.equal(whole.count, 7);
  for (let i = 0; i <= input.length; i++) {
    for (let j = i; j <= Math.min(i + 12, input.length); j++) assert.deepStrictEqual(split(input, [i, j], 8), whole, `cuts at ${i}, ${j}`);
  }
});

test('a 10 MB line is skipped and counted, its first 200 characters kept; the lines around it are read', () => {
  const big = Buffer.alloc(10 * 1024 * 1024, 'x');
  const seen: Seen = [];
  let longest = 0;
  const splitter = createLineSplitter({
    line: (text, no) => {
      longest = Math.max(longest, text.length);
      seen.push(['line', text, no]);
    },
    tooLong: (no, head) => seen.push(['too-long', no, head]),
  });
  splitter.write(Buffer.from('before\n'));
  // as a file stream delivers it: 64 KiB chunks
  for (let at = 0; at < big.length; at += 65_536) splitter.write(big.subarray(at, at + 65_536));
  splitter.write(Buffer.from('\nafter\n'));
  // and again, unterminated at the end of the input
  for (let at = 0; at < big.length; at += 65_536) splitter.write(big.subarray(at, at + 65_536));
  splitter.end();
  assert.deepStrictEqual(seen, [
    ['line', 'before', 1],
    ['too-long', 2, 'x'.repeat(200)],
    ['line', 'after', 3],
    ['too-long', 4, 'x'.repeat(200)],
  ]);
  assert.equal(splitter.count, 4);
  assert.ok(longest <= DEFAULT_MAX_LINE_LENGTH);
});

test('a 10 MB line in one chunk, between two lines', () => {
  const input = Buffer.concat([Buffer.from('a\n'), Buffer.alloc(10 * 1024 * 1024, 'y'), Buffer.from('\nb')]);
  const r = split(input);
  assert.deepStrictEqual(r.seen, [
    ['line', 'a', 1],
    ['too-long', 2, 'y'.repeat(200)],
    ['line', 'b', 3],
  ]);
});

test('memory stays bounded while a 256 MB line streams through in 64 KiB chunks', () => {
  // Were the line kept (even as a rope of chunks), the heap would grow by its size; decoded chunks
  // that are dropped at once are reclaimed by the young-generation GC. The bound is loose on purpose.
  const chunk = Buffer.alloc(65_536, 'z');
  const seen: Seen = [];
  const splitter = createLineSplitter({ line: (s, n) => seen.push(['line', s, n]), tooLong: (n, h) => seen.push(['too-long', n, h]) });
  const before = process.memoryUsage().heapUsed;
  let peak = 0;
  for (let i = 0; i < 4096; i++) {
    splitter.write(chunk);
    if (i % 64 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  }
  splitter.write(Buffer.from('\nok\n'));
  splitter.end();
  assert.deepStrictEqual(seen, [
    ['too-long', 1, 'z'.repeat(200)],
    ['line', 'ok', 2],
  ]);
  assert.ok(peak < 128 * 1024 * 1024, `heap grew by ${Math.round(peak / 1048576)} MB`);
});

test('a UTF-8 byte-order mark at the start of the input is not part of the first line', () => {
  const got: string[] = [];
  const sp = createLineSplitter({ line: (t) => got.push(t), tooLong: () => {} });
  sp.write(Buffer.from('\ufeffOct  2 10:00:00 mx1 spamd[1]: x\n\ufeffsecond\n', 'utf8'));
  sp.end();
  assert.deepEqual(got, ['Oct  2 10:00:00 mx1 spamd[1]: x', '\ufeffsecond']);
});
