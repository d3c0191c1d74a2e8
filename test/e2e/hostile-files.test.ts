// Broken, odd and repeated input files, one test per case of issue 4: what can be read is read
// and reported, what cannot is named on stderr and in the report, and the exit status says so.
import assert from 'node:assert/strict';
import { appendFile, writeFile } from 'node:fs/promises';
import { chmodSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gzipSync, gunzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { sample, type CliResult } from '../helpers/cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { log, session } from '../helpers/spamd-lines.js';

const DIR = mkdtempSync(join(tmpdir(), 'spamd-report-files-'));
after(() => rmSync(DIR, { recursive: true, force: true }));

const BOOK = readFileSync(sample('real', 'verbose-grey-retry-1s-and-blacklisted.log'));
const NONVERBOSE = readFileSync(sample('real', 'nonverbose-concurrent-sessions.log'));

type Json = Record<string, any>;

function file(name: string, content: string | Buffer): string {
  const p = join(DIR, name);
  writeFileSync(p, content);
  return p;
}

async function summary(paths: string[], args: string[] = []): Promise<CliResult & { json: Json }> {
  const r = await runInProcess(['summary', '--format', 'json', '--year', '2026', '--tz', 'UTC', ...args, ...paths]);
  return { ...r, json: r.stdout ? (JSON.parse(r.stdout) as Json) : {} };
}

/** `n` greylisted 0-second sessions, 7 s apart from Oct 2 00:00:00, each with its own envelope. */
function manySessions(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = i * 7;
    const day = `Oct ${String(2 + Math.floor(t / 86_400)).padStart(2)}`;
    const hms = [Math.floor(t / 3600) % 24, Math.floor(t / 60) % 60, t % 60].map((x) => String(x).padStart(2, '0')).join(':');
    lines.push(...session(day, hms, `198.51.${(i >> 8) & 255}.${i & 255}`, `<s${i}@example.net>`, '<rcpt@example.com>'));
  }
  return log(lines);
}

const book = file('book.log', BOOK);

test('a missing file is named, the others are still read and reported, exit 1', async () => {
  const r = await summary([join(DIR, 'nope.log'), book]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^spamd-report: .*nope\.log: no such file$/m);
  assert.equal(r.json.lines.read, 18);
  assert.equal(r.json.inputs[0].status, `${join(DIR, 'nope.log')}: no such file`);
  // Nothing readable at all: no empty report to hide the error.
  const none = await summary([join(DIR, 'nope.log')]);
  assert.equal(none.code, 1);
  assert.equal(none.stdout, '');
});

test('an unreadable file (permissions) is named, exit 1', { skip: process.getuid?.() === 0 ? 'running as root, who can read any file; the EACCES → message mapping is tested in test/errors.test.ts' : false }, async () => {
  const p = file('secret.log', BOOK);
  chmodSync(p, 0o000);
  const r = await summary([p, book]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /secret\.log: permission denied/);
  assert.equal(r.json.lines.read, 18);
});

test('a directory is named as one, exit 1', async () => {
  const d = join(DIR, 'logdir');
  mkdirSync(d, { recursive: true });
  const r = await summary([d, book]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /logdir: is a directory, not a log file/);
  assert.equal(r.json.lines.read, 18);
});

test('a FIFO is read like a file', async () => {
  const fifo = join(DIR, 'spamd.fifo');
  execFileSync('mkfifo', [fifo]);
  const [r] = await Promise.all([summary([fifo]), writeFile(fifo, BOOK)]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.json.lines.read, 18);
  assert.equal(r.json.lines.spamd_events, 18);
});

test('a symlink is followed; a dangling one or a loop is named, exit 1', async () => {
  const link = join(DIR, 'link.log');
  symlinkSync(book, link);
  const direct = await summary([book]);
  const viaLink = await summary([link]);
  assert.equal(viaLink.code, 0);
  assert.deepEqual(viaLink.json.verdicts, direct.json.verdicts);
  symlinkSync(join(DIR, 'gone.log'), join(DIR, 'dangling.log'));
  symlinkSync(join(DIR, 'loop-b'), join(DIR, 'loop-a'));
  symlinkSync(join(DIR, 'loop-a'), join(DIR, 'loop-b'));
  const r = await summary([join(DIR, 'dangling.log'), join(DIR, 'loop-a'), book]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /dangling\.log: no such file/);
  assert.match(r.stderr, /loop-a: too many symbolic links/);
  assert.equal(r.json.lines.read, 18);
});

/** Complete lines zlib can decode from the first `n` bytes of `gz`. */
function decodableLines(gz: Buffer, n: number): number {
  const text = gunzipSync(gz.subarray(0, n), { finishFlush: constants.Z_SYNC_FLUSH }).toString('latin1');
  return text.split('\n').length - 1;
}

test('a truncated gzip file: the lines before the cut are analysed, the cut line is not, the file is named, exit 1', async () => {
  const gz = gzipSync(manySessions(500));
  const cut = Math.floor(gz.length * 0.6);
  const p = file('spamd.1.gz', gz.subarray(0, cut));
  const r = await summary([p]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /spamd\.1\.gz: truncated gzip file|spamd\.1\.gz: corrupt gzip data/);
  assert.match(r.json.inputs[0].status, /lines read before the damage were kept/);
  const whole = decodableLines(gz, cut);
  assert.ok(r.json.lines.read >= whole, `${r.json.lines.read} of ${whole} complete lines kept`);
  assert.ok(r.json.lines.read <= whole + 1);
  // Every complete line is a spamd event; the one the cut went through (if any) is not analysed.
  assert.equal(r.json.lines.spamd_events, whole);
  assert.equal(r.json.lines.unparsed_truncated, r.json.lines.read - whole);
  assert.ok(r.json.notes.some((n: string) => /spamd\.1\.gz/.test(n)));
});

test('a corrupt gzip file: what was decoded before the damage is kept, exit 1', async () => {
  // Damage that zlib meets at once: a second member whose header is broken. (Other programs'
  // lines: cheap to analyse, and any line counts here.)
  const text = log(Array.from({ length: 4000 }, (_, i) => `Oct  2 10:00:00 mx1 kernel: line ${i} ${'x'.repeat(60)}`));
  const second = gzipSync(BOOK);
  second[3] = 0xff; // FLG with reserved bits set
  const r = await summary([file('spamd.2.gz', Buffer.concat([gzipSync(text), second]))]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /spamd\.2\.gz: corrupt gzip data/);
  const lines = text.split('\n').filter(Boolean);
  // The first member whole: zlib drops the text of the step that meets the damage, and the file
  // is unpacked again in small steps up to it.
  assert.equal(r.json.lines.read, lines.length);
  // Damage zlib only finds at the end (the CRC): the lines are kept, and the file is still named.
  const gz = gzipSync(text);
  gz.fill(0xff, gz.length >> 1, (gz.length >> 1) + 64);
  const late = await summary([file('spamd.3.gz', gz)]);
  assert.equal(late.code, 1);
  assert.match(late.stderr, /spamd\.3\.gz: corrupt gzip data \(incorrect data check\)/);
  assert.ok(late.json.lines.read >= lines.length - 1, `${late.json.lines.read} of ${lines.length} lines kept`);
});

test('a damaged gzip through a FIFO: what came through is kept, the file is named, exit 1 (a FIFO is never reopened)', async () => {
  const text = log(Array.from({ length: 4000 }, (_, i) => `Oct  2 10:00:00 mx1 kernel: line ${i} ${'x'.repeat(60)}`));
  const second = gzipSync(BOOK);
  second[3] = 0xff; // FLG with reserved bits set
  const fifo = join(DIR, 'damaged.fifo');
  execFileSync('mkfifo', [fifo]);
  const [r] = await Promise.all([summary([fifo]), writeFile(fifo, Buffer.concat([gzipSync(text), second]))]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /damaged\.fifo: corrupt gzip data/);
});

test('a gzip whose further member lost its magic: the bytes after the first member are named as not read, exit 1', async () => {
  // zlib stops without an error at bytes that do not start a member; gzip -d says "trailing garbage ignored".
  const second = gzipSync(NONVERBOSE);
  second[0] = 0x00;
  const r = await summary([file('spamd.4.gz', Buffer.concat([gzipSync(BOOK), second]))]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`spamd\\.4\\.gz: ${second.length} byte\\(s\\) after the gzip data are not gzip data`));
  assert.equal(r.json.lines.read, 18, 'the first member is read');
  assert.equal(r.json.inputs[0].status.includes('were not read'), true);
});

test('a .gz damaged in its first bytes is named, not read as lines of binary; a plain log named .gz is read', async () => {
  for (const [i, b] of [[0, 0x00], [1, 0x00], [0, 0x41]] as const) {
    const gz = gzipSync(BOOK);
    gz[i] = b;
    const r = await summary([file(`first-bytes-${i}-${b}.gz`, gz)]);
    assert.equal(r.code, 1, `byte ${i} = ${b}`);
    assert.match(r.stderr, /starts with neither the gzip magic \(1f 8b\) its name promises nor text/);
    assert.equal(r.json.lines?.read ?? 0, 0);
  }
  const plain = await summary([file('plain-named.gz', BOOK)]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(plain.json.lines.read, 18);
});

test('bzip2, xz and zstd files (newsyslog J/X, logrotate) are named with the command that reads them, never read as lines of binary', async () => {
  const junk = Buffer.from([0x00, 0x91, 0xfe, 0x0a, 0x13, 0x37, 0x0a, 0xff]);
  const packed: Array<[string, number[], RegExp]> = [
    ['spamd.1.bz2', [0x42, 0x5a, 0x68, 0x39], /spamd\.1\.bz2: compressed with bzip2, which spamd-report does not unpack: read it as `bzcat /],
    ['spamd.1.xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], /spamd\.1\.xz: compressed with xz, .*`xzcat /],
    ['spamd.1.zst', [0x28, 0xb5, 0x2f, 0xfd], /spamd\.1\.zst: compressed with zstd, .*`zstdcat /],
  ];
  for (const [name, magic, message] of packed) {
    const r = await summary([file(name, Buffer.concat([Buffer.from(magic), junk])), file('good.log', BOOK)]);
    assert.equal(r.code, 1, name);
    assert.match(r.stderr, message);
    assert.equal(r.json.lines.read, 18, 'the other input is still read');
  }
  // Text that merely starts with the letters is a log.
  const text = await summary([file('bzh.log', Buffer.from('BZh is not a month\n'))]);
  assert.equal(text.code, 0, text.stderr);
});

test('a multi-member gzip (cat a.gz b.gz) reads as both members', async () => {
  const multi = file('multi.gz', Buffer.concat([gzipSync(BOOK), gzipSync(NONVERBOSE)]));
  const plain = file('both.log', Buffer.concat([BOOK, NONVERBOSE]));
  const a = await summary([multi]);
  const b = await summary([plain]);
  assert.equal(a.code, 0);
  assert.equal(a.json.lines.read, 24);
  assert.deepEqual({ ...a.json, inputs: null }, { ...b.json, inputs: null });
});

test('a zero-byte .gz is a cut-off gzip file (exit 1); a zero-byte plain file is an empty log (exit 0)', async () => {
  const gz = await summary([file('spamd.0.gz', ''), book]);
  assert.equal(gz.code, 1);
  assert.match(gz.stderr, /spamd\.0\.gz: 0 byte\(s\), too short for the gzip file its name says it is/);
  assert.equal(gz.json.lines.read, 18);
  const one = await summary([file('spamd.4.gz', Buffer.from([0x1f])), book]);
  assert.equal(one.code, 1);
  const empty = await summary([file('empty.log', '')]);
  assert.equal(empty.code, 0);
  assert.equal(empty.json.lines.read, 0);
});

test('a file that grows while it is read is read as it was when opened, and the read ends', async () => {
  // 4 MB of other programs' lines (cheap to parse): several reads, with appends between them.
  const lines = 4000;
  const content = log(Array.from({ length: lines }, (_, i) => `Oct  2 10:00:00 mx1 kernel: ${i} ${'x'.repeat(1000)}`));
  const p = file('live.log', content);
  let done = false;
  const extra = log(session('Oct  3', '12:00:00', '203.0.113.9', '<late@example.net>', '<rcpt@example.com>'));
  const writer = (async () => {
    // syslogd appending while the report runs, until it is done.
    while (!done) await appendFile(p, extra);
  })();
  const r = await summary([p]);
  done = true;
  await writer;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.json.lines.read, lines);
  assert.equal(r.json.lines.other_other_program, lines);
});

test('the same file named twice (or under another name) is read once, and the report says so', async () => {
  const alias = join(DIR, 'alias.log');
  symlinkSync(book, alias);
  const hard = join(DIR, 'hard.log');
  linkSync(book, hard);
  const once = await summary([book]);
  const dotted = `${DIR}/./book.log`;
  const r = await summary([book, book, alias, hard, dotted]);
  assert.equal(r.code, 0);
  assert.equal(r.json.lines.read, 18);
  assert.deepEqual(r.json.verdicts, once.json.verdicts);
  assert.match(r.stderr, /book\.log: named twice, read once/);
  assert.match(r.stderr, /alias\.log: the same file as .*book\.log, read once/);
  assert.match(r.stderr, /hard\.log: the same file as .*book\.log, read once/);
  assert.deepEqual(
    r.json.inputs.map((i: Json) => i.status),
    // The spellings of one name are one rotated set: they stay together, in the order given.
    ['ok', 'named twice, read once', ...[dotted, alias, hard].map(() => `the same file as ${book}, read once`)],
  );
  assert.ok(r.json.notes.some((n: string) => /read once/.test(n)));
  // Standard input named twice: read once too.
  const stdin = await runInProcess(['summary', '--format', 'json', '--year', '2026', '-', '-'], { stdin: BOOK });
  assert.equal((JSON.parse(stdin.stdout) as Json).lines.read, 18);
  assert.match(stdin.stderr, /-: named twice, read once/);
});
