// Where lines come from: files, `-` for stdin, or /var/log/spamd and its rotated siblings.
// gzip is recognised by its magic bytes (1f 8b), not by the name; multi-member gzip works.
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, normalize } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError, toInputError } from '../errors.js';

export const DEFAULT_LOG = '/var/log/spamd';
export const STDIN = '-';

export interface Source {
  /** As the user named it ('-' for stdin). */
  name: string;
  /** Bytes on disk (compressed size for gzip), NaN for stdin and pipes. */
  size: number;
  /** Modification time, epoch seconds; NaN for stdin. */
  mtime: number;
  /** Identity of the file whatever its name (`dev:ino`): the same file named twice is read once. */
  id: string;
}

const ROTATED = /^(.*)\.(\d+)(\.gz|\.bz2|\.z|\.Z)?$/;
/** logrotate's `dateext` and similar: `spamd.log-20260509`, `spamd-2026-05-09.gz`, `spamd.log-2026050912`. */
const DATED = /^(.*?)[-._](\d{4})-?(\d{2})-?(\d{2})(?:[-_]?(\d{2,6}))?(\.gz|\.bz2|\.xz|\.zst|\.z|\.Z)?$/;

/**
 * Where a name stands in its rotated set: `age` sorts oldest first. `name.N[.gz]` is older the
 * larger N; a dated name older the earlier its date; the live file is the newest.
 */
function generation(name: string): { base: string; age: number } {
  const m = ROTATED.exec(name);
  if (m) return { base: m[1]!, age: -Number(m[2]) };
  const d = DATED.exec(name);
  if (d) {
    const [, base, y, mo, day, time] = d;
    if (Number(mo) >= 1 && Number(mo) <= 12 && Number(day) >= 1 && Number(day) <= 31) {
      // Before every numbered generation: sets do not mix the two kinds.
      return { base: base!, age: Number(`${y}${mo}${day}${(time ?? '').padEnd(6, '0')}`) - 1e15 };
    }
  }
  return { base: name.replace(/\.gz$/, ''), age: 1 };
}

/**
 * Order inputs so that every rotated set (`spamd.2.gz spamd.1.gz spamd.0.gz spamd`) is read
 * oldest first; a set takes the place of its first member, other inputs keep their order.
 */
export function orderInputs(names: readonly string[]): string[] {
  const groups = new Map<string, string[]>();
  const order: string[] = [];
  for (const name of names) {
    if (name === STDIN) {
      order.push(name);
      continue;
    }
    // `./spamd.1.gz` and `spamd` are one set.
    const { base } = generation(normalize(name));
    const key = '\0' + base;
    let g = groups.get(key);
    if (!g) {
      groups.set(key, (g = []));
      order.push(key);
    }
    // A name given twice stays: reading finds the same file again and says so.
    g.push(name);
  }
  const out: string[] = [];
  for (const key of order) {
    const g = groups.get(key);
    if (!g) {
      out.push(key);
      continue;
    }
    g.sort((a, b) => generation(a).age - generation(b).age);
    out.push(...g);
  }
  return out;
}

/** /var/log/spamd and its rotated siblings (spamd.0, spamd.0.gz, ...), oldest first. */
export async function findDefaultInputs(path = DEFAULT_LOG): Promise<string[]> {
  const dir = dirname(path);
  const base = basename(path);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    entries = [];
  }
  const found = entries
    .filter((e) => e === base || (e.startsWith(base + '.') && /^\.\d+(\.gz)?$/.test(e.slice(base.length))))
    .map((e) => join(dir, e));
  if (found.length === 0) {
    throw new InputError(
      'NO_DEFAULT_INPUT',
      path,
      `no input: ${path} does not exist and standard input is a terminal. Name a log file (spamd-report summary /path/to/spamd.log) or pipe one in (zcat spamd.0.gz | spamd-report -)`,
    );
  }
  return orderInputs(found);
}

/** Stat a named file: size and mtime, or an InputError naming it. */
export async function statSource(name: string): Promise<Source> {
  if (name === STDIN) return { name, size: NaN, mtime: NaN, id: STDIN };
  let st;
  try {
    st = await stat(name);
  } catch (err) {
    throw toInputError(name, err);
  }
  if (st.isDirectory()) throw toInputError(name, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  return { name, size: st.isFile() ? st.size : NaN, mtime: st.mtimeMs / 1000, id: `${st.dev}:${st.ino}` };
}

const HIGH_WATER = 1 << 20;
const GZ_NAME = /\.gz$/i;

/**
 * The raw byte stream of a source (file, FIFO or stdin), gunzipped when it starts with the gzip
 * magic. `size` (from statSource) bounds a regular file: a live log that grows while it is read is
 * read as it was when it was opened, and the read ends.
 */
export async function* readBytes(name: string, stdin: Readable, onRawBytes?: (n: number) => void, size = NaN): AsyncGenerator<Buffer> {
  let fh: FileHandle | null = null;
  let it: AsyncIterator<Buffer> | null = null;
  let regular = false;
  try {
    if (name === STDIN) it = stdin[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    else {
      fh = await open(name, 'r');
      regular = (await fh.stat()).isFile();
      it = fileChunks(fh, size, false);
    }
    const chunks = it;
    let head: Buffer = Buffer.alloc(0);
    // Read until six bytes decide between gzip, another packer and plain text.
    while (head.length < 6) {
      const r = await chunks.next();
      if (r.done) break;
      const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      onRawBytes?.(chunk.length);
      head = head.length ? Buffer.concat([head, chunk]) : chunk;
    }
    const gzName = name !== STDIN && GZ_NAME.test(name);
    // gzip data is at least 18 bytes: a `.gz` shorter than the magic was cut off (a rotation
    // that ran out of disk), not an empty log.
    if (head.length < 2 && gzName) {
      throw new InputError('INPUT_CORRUPT', name, `${name}: ${head.length} byte(s), too short for the gzip file its name says it is: cut off?`);
    }
    if (head.length === 0) return;
    const packer = otherCompression(head);
    if (packer) {
      throw new InputError('INPUT_CORRUPT', name, `${name}: compressed with ${packer.name}, which spamd-report does not unpack: read it as \`${packer.cat} ${name} | spamd-report ... -\``);
    }
    const gzipped = head[0] === 0x1f && head[1] === 0x8b;
    // A `.gz` that starts with neither the gzip magic nor text is a gzip file damaged at its
    // first bytes: its binary data as log lines would only be noise. (A plain log named .gz is read.)
    if (!gzipped && gzName && !looksLikeText(head[0]!, head[1]!)) {
      throw new InputError('INPUT_CORRUPT', name, `${name}: starts with neither the gzip magic (1f 8b) its name promises nor text: damaged at its first bytes?`);
    }
    let fed = 0;
    async function* all(): AsyncGenerator<Buffer> {
      fed += head.length;
      yield head;
      for (;;) {
        const r = await chunks.next();
        if (r.done) return;
        onRawBytes?.(r.value.length);
        fed += r.value.length;
        yield r.value;
      }
    }
    if (!gzipped) {
      yield* all();
      return;
    }
    // Readable.from reads ahead: it gets copies, not the file reader's reused buffers.
    async function* copies(): AsyncGenerator<Buffer> {
      for await (const chunk of all()) yield Buffer.from(chunk);
    }
    const unpacker = createGunzip({ chunkSize: GZ_CHUNK });
    const gunzip = pipeline(Readable.from(copies()), unpacker, () => {});
    let given = 0;
    try {
      for await (const chunk of gunzip) {
        given += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    } catch (err) {
      // A regular file is read again to get back what the failed step dropped, through the
      // handle already open: a FIFO reopened would wait for a writer, and a rotated name may be
      // another file by now. stdin and pipes cannot be read again.
      if (fh && regular && isDamage(err)) yield* unpackUpToDamage(fh, size, given);
      throw err;
    }
    // zlib stops, without an error, at bytes after a member that do not start another one (a
    // damaged further member, or garbage): gzip -d says "trailing garbage ignored", and so do we.
    if (unpacker.bytesWritten < fed) {
      throw new InputError(
        'INPUT_CORRUPT',
        name,
        `${name}: ${fed - unpacker.bytesWritten} byte(s) after the gzip data are not gzip data (a damaged further member?) and were not read; lines read before them were kept`,
      );
    }
  } catch (err) {
    throw err instanceof InputError ? err : toInputError(name, err);
  } finally {
    if (name !== STDIN) await it?.return?.();
    await fh?.close();
  }
}

/**
 * Compression other than gzip, by its magic bytes (newsyslog's J and X flags, logrotate's
 * compresscmd): its data read as lines would only be noise. No text log starts so.
 */
function otherCompression(head: Buffer): { name: string; cat: string } | null {
  const starts = (bytes: number[]): boolean => head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
  if (starts([0x42, 0x5a, 0x68]) && head.length >= 4 && head[3]! >= 0x31 && head[3]! <= 0x39) return { name: 'bzip2', cat: 'bzcat' };
  if (starts([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return { name: 'xz', cat: 'xzcat' };
  if (starts([0x28, 0xb5, 0x2f, 0xfd])) return { name: 'zstd', cat: 'zstdcat' };
  return null;
}

/** Two bytes a text log may start with: printable ASCII, tab or line ends, or a UTF-8 character. */
function looksLikeText(b0: number, b1: number): boolean {
  const ascii = (b: number): boolean => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f);
  if (ascii(b0)) return ascii(b1) || (b1 >= 0xc2 && b1 <= 0xf4);
  return b0 >= 0xc2 && b0 <= 0xf4 && b1 >= 0x80 && b1 <= 0xbf;
}

/** Output per zlib step of the first read. */
const GZ_CHUNK = 64 * 1024;
/** Compressed bytes per step when unpacking a damaged file again: far from the damage, near it, at it. */
const STEPS = [64 * 1024, 64, 1];

/** zlib met damaged data (not the end of a cut file, where zlib gives everything it had). */
function isDamage(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'Z_DATA_ERROR' || code === 'Z_STREAM_ERROR';
}

/**
 * zlib drops the output of the step that meets damaged data: up to 64 KiB of text, which is the
 * whole of a small file. Unpack the file again in steps of 64 KiB of compressed data up to where
 * the first read's output ended and of 64 bytes from there, and give the text after the first
 * `skip` bytes (those the first read gave). When a step meets the damage, its text is dropped
 * again: unpack once more with the next smaller steps from where that step began (64 KiB, then
 * 64 bytes, then 1 byte), so that at most the text of the damaged byte itself is lost. At most
 * three more reads, each up to the damage; only ever for a damaged file.
 */
async function* unpackUpToDamage(fh: FileHandle, size: number, skip: number): AsyncGenerator<Buffer> {
  // from[i]: the text given when steps of STEPS[i] begin.
  const from = [0, skip, Infinity];
  for (let round = 0; round < STEPS.length; round++) {
    const g = createGunzip({ chunkSize: GZ_CHUNK });
    let produced = 0;
    let out: Buffer[] = [];
    let failed = false;
    g.on('data', (c: Buffer) => {
      if (produced + c.length > skip) out.push(produced >= skip ? c : c.subarray(skip - produced));
      produced += c.length;
    });
    // On damage zlib emits 'error' and never calls the write's callback: either ends the step.
    let wake = (): void => {};
    g.on('error', () => {
      failed = true;
      wake();
    });
    const step = (piece: Buffer): Promise<void> =>
      new Promise((resolve) => {
        wake = resolve;
        g.write(piece, () => resolve());
      });
    let level = 0;
    let failedAt = -1;
    try {
      reading: for await (const chunk of fileChunks(fh, size, true)) {
        for (let off = 0; off < chunk.length; ) {
          while (level + 1 < STEPS.length && produced >= from[level + 1]!) level++;
          const before = produced;
          await step(Buffer.from(chunk.subarray(off, off + STEPS[level]!)));
          off += STEPS[level]!;
          if (out.length) {
            yield* out;
            out = [];
          }
          if (failed) {
            failedAt = before;
            break reading;
          }
        }
      }
    } finally {
      g.destroy();
    }
    if (failedAt < 0 || level + 1 === STEPS.length) return;
    skip = Math.max(skip, produced);
    from[level + 1] = Math.min(from[level + 1]!, failedAt);
  }
}

/**
 * A file's bytes, read into two buffers in turn (up to `size` bytes when it is a number): no new
 * buffer per chunk, so a multi-GB read leaves no megabytes of spent buffers for the garbage
 * collector. A chunk is valid until the next one is asked for; every reader here decodes it first.
 * `fromStart`: read from byte 0 by position (a regular file read again), else from where the
 * handle is (any kind of file). The caller closes the handle.
 */
async function* fileChunks(fh: FileHandle, size: number, fromStart: boolean): AsyncGenerator<Buffer> {
  const buffers = [Buffer.allocUnsafe(HIGH_WATER), Buffer.allocUnsafe(HIGH_WATER)];
  let turn = 0;
  let pos = 0;
  for (;;) {
    const want = size > 0 ? Math.min(HIGH_WATER, size - pos) : HIGH_WATER;
    if (want <= 0) return;
    const buffer = buffers[turn]!;
    turn ^= 1;
    const { bytesRead } = await fh.read(buffer, 0, want, fromStart ? pos : null);
    if (bytesRead === 0) return;
    pos += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}
