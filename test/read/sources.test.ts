// readBytes: a file is read into two reused buffers; every chunk must still reach the reader
// intact, in order, plain and gzip, and a size bound stops the read where the file was.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { orderInputs, readBytes } from '../../src/read/sources.js';

let dir = '';
// 3.5 MiB: more than two of the reader's 1 MiB buffers, so each is reused at least once.
const DATA = Buffer.from(randomBytes(2_700_000).toString('base64'));

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'spamd-report-sources-'));
  writeFileSync(join(dir, 'plain.log'), DATA);
  writeFileSync(join(dir, 'packed.log.gz'), gzipSync(DATA, { level: 1 }));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** What a reader sees when it copies each chunk as it comes (the splitter decodes it at once); the error that ended it. */
async function read(name: string, size = NaN): Promise<{ data: Buffer; chunks: number; raw: number; error: Error | null }> {
  const parts: Buffer[] = [];
  let raw = 0;
  let error: Error | null = null;
  try {
    for await (const chunk of readBytes(name, Readable.from([]), (n) => (raw += n), size)) parts.push(Buffer.from(chunk));
  } catch (err) {
    error = err as Error;
  }
  return { data: Buffer.concat(parts), chunks: parts.length, raw, error };
}

/** All zlib can unpack from the first `n` bytes of `gz` (what any reader could get before byte n). */
function unpackable(gz: Buffer, n: number): Buffer {
  return gunzipSync(gz.subarray(0, n), { finishFlush: constants.Z_SYNC_FLUSH });
}

/** Text that compresses about as a log does (7:1), lines numbered so that a repeat or a gap would show. */
function logText(lines: number): Buffer {
  return Buffer.from(Array.from({ length: lines }, (_, i) => `Oct  2 10:${String(i % 60).padStart(2, '0')}:00 mx1 spamd[4711]: 198.51.100.${i % 250}: connected (${i}/0)\n`).join(''));
}

test('readBytes: a plain file larger than both buffers arrives whole and in order', async () => {
  const r = await read(join(dir, 'plain.log'));
  assert.ok(r.chunks >= 4);
  assert.equal(r.raw, DATA.length);
  assert.ok(r.data.equals(DATA));
});

test('readBytes: a gzip file larger than both buffers is unpacked whole (the unpacker gets copies)', async () => {
  const r = await read(join(dir, 'packed.log.gz'));
  assert.ok(r.raw > 2 * 1024 * 1024, 'the compressed file spans both buffers');
  assert.ok(r.data.equals(DATA));
});

test('readBytes: the size bound stops the read there (a log still being written)', async () => {
  for (const size of [1, 1024 * 1024, 1024 * 1024 + 7, 2_500_000]) {
    const r = await read(join(dir, 'plain.log'), size);
    assert.ok(r.data.equals(DATA.subarray(0, size)), String(size));
  }
});

// zlib drops the output of the step that meets damaged data; a damaged file is unpacked again in
// small steps up to the damage (src/read/sources.ts unpackUpToDamage).
const damaged: Array<[name: string, lines: number, at: (gzLength: number) => number]> = [
  ['a small file (all of it in one zlib step), damaged a quarter in', 120, (n) => n >> 2],
  ['a small file damaged at its first data byte', 120, () => 20],
  ['a 6 MB file, damaged in its middle (the damage past the first 1 MiB read)', 90_000, (n) => n >> 1],
  ['a 6 MB file, damaged near its end', 90_000, (n) => n - 200],
];
for (const [name, lines, at] of damaged) {
  test(`readBytes on a damaged gzip: ${name}: all zlib can unpack before the damaged byte, in order, once; then the error`, async () => {
    const text = logText(lines);
    const gz = gzipSync(text);
    const d = at(gz.length);
    gz.writeUInt32BE(0x55aa00ff, d);
    const p = join(dir, `damaged-${lines}-${d}.gz`);
    writeFileSync(p, gz);
    const r = await read(p);
    assert.match(String((r.error as NodeJS.ErrnoException | null)?.message), /corrupt gzip data/);
    const sure = unpackable(gz, d);
    assert.ok(r.data.length >= sure.length, `${r.data.length} bytes given, ${sure.length} unpackable before the damage`);
    assert.ok(r.data.subarray(0, sure.length).equals(text.subarray(0, sure.length)), 'the text before the damage, in order, once');
  });
}

test('readBytes on a gzip whose second member has a broken header: the whole first member', async () => {
  const text = logText(3000);
  const second = gzipSync(text);
  second[3] = 0xff; // FLG with reserved bits set: zlib stops at once
  const p = join(dir, 'second-member.gz');
  writeFileSync(p, Buffer.concat([gzipSync(text), second]));
  const r = await read(p);
  assert.match(String(r.error?.message), /corrupt gzip data/);
  assert.ok(r.data.equals(text));
});

test('orderInputs: dated rotated names (logrotate dateext) are read oldest first, the live file last', () => {
  const cases: Array<[string[], string[]]> = [
    [['spamd.log', 'spamd.log-20260510', 'spamd.log-20260509.gz'], ['spamd.log-20260509.gz', 'spamd.log-20260510', 'spamd.log']],
    [['spamd-2026-05-10.gz', 'spamd', 'spamd-2026-05-09.gz'], ['spamd-2026-05-09.gz', 'spamd-2026-05-10.gz', 'spamd']],
    [['spamd.log-2026050918', 'spamd.log-2026050906'], ['spamd.log-2026050906', 'spamd.log-2026050918']],
    // Other inputs keep their places; numbered sets as before.
    [['other.log', 'spamd.1.gz', 'spamd', 'spamd.2.gz'], ['other.log', 'spamd.2.gz', 'spamd.1.gz', 'spamd']],
  ];
  for (const [given, expected] of cases) assert.deepEqual(orderInputs(given), expected, given.join(' '));
});
