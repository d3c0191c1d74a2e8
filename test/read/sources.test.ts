// readBytes: a file is read into two reused buffers; every chunk must still reach the reader
// intact, in order, plain and gzip, and a size bound stops the read where the file was.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readBytes } from '../../src/read/sources.js';

let dir = '';
// 3.5 MiB: more than two of the reader's 1 MiB buffers, so each is reused at least once.
const DATA = Buffer.from(randomBytes(2_700_000).toString('base64'));

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'spamd-report-sources-'));
  writeFileSync(join(dir, 'plain.log'), DATA);
  writeFileSync(join(dir, 'packed.log.gz'), gzipSync(DATA, { level: 1 }));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** What a reader sees when it copies each chunk as it comes (the splitter decodes it at once). */
async function read(name: string, size = NaN): Promise<{ data: Buffer; chunks: number; raw: number }> {
  const parts: Buffer[] = [];
  let raw = 0;
  for await (const chunk of readBytes(name, Readable.from([]), (n) => (raw += n), size)) parts.push(Buffer.from(chunk));
  return { data: Buffer.concat(parts), chunks: parts.length, raw };
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
