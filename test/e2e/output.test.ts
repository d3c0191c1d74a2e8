// Where the output goes, with the real built CLI in a child process: a reader that goes away
// (`| head -1`), Ctrl-C, a full disk, a terminal; and memory that stays bounded on a huge line.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { BIN } from '../helpers/cli.js';
import { connect, disconnect, header, log, session } from '../helpers/spamd-lines.js';

const DIR = mkdtempSync(join(tmpdir(), 'spamd-report-output-'));
after(() => rmSync(DIR, { recursive: true, force: true }));

/** 600 greylisted sessions with envelopes: `triplets --format json` is about 210 KB, several pipe buffers. */
const BIG = join(DIR, 'big.log');
writeFileSync(
  BIG,
  log(
    Array.from({ length: 600 }, (_, i) => {
      const t = i * 7;
      const hms = [Math.floor(t / 3600), Math.floor(t / 60) % 60, t % 60].map((x) => String(x).padStart(2, '0')).join(':');
      return session('Oct  2', hms, `198.51.${i >> 8}.${i & 255}`, `<s${i}@example.net>`, '<rcpt@example.com>');
    }).flat(),
  ),
);

const HOSTILE = join(DIR, 'hostile.log');
writeFileSync(HOSTILE, log(session('Oct  2', '10:00:00', '198.51.100.7', '<\u001b[2J\u001b]0;pwned\u0007@example.net>', '<b@example.com>')));

const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', TZ: 'UTC', NO_COLOR: '1' };

function start(args: string[], opts: { env?: Record<string, string>; cwd?: string; stdout?: number | 'pipe'; execArgv?: string[] } = {}): ChildProcess {
  return spawn(process.execPath, [...(opts.execArgv ?? []), BIN, ...args], {
    cwd: opts.cwd ?? DIR,
    env: { ...ENV, ...opts.env },
    stdio: ['pipe', opts.stdout ?? 'pipe', 'pipe'],
  });
}

function collect(stream: NodeJS.ReadableStream | null): () => string {
  const chunks: Buffer[] = [];
  stream?.on('data', (b: Buffer) => chunks.push(b));
  return () => Buffer.concat(chunks).toString('utf8');
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
}

/** Read the first chunk of stdout, then close the pipe: what `| head -1` does. */
async function headOne(args: string[]): Promise<{ code: number | null; first: string; stderr: string }> {
  const child = start(args);
  child.stdin?.end();
  const stderr = collect(child.stderr);
  const first = await new Promise<string>((resolve) => child.stdout!.once('data', (b: Buffer) => resolve(b.toString('utf8'))));
  child.stdout!.destroy();
  const { code } = await exited(child);
  return { code, first, stderr: stderr() };
}

describe('output', { concurrency: 3 }, () => {
  test('`| head -1`: the reader goes away, the CLI ends quietly with status 0', async () => {
    const r = await headOne(['triplets', '--format', 'json', '--year', '2026', BIG]);
    assert.match(r.first, /^\{/);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
  });

  test('`| head -1` keeps the exit status of an input error, and says nothing of the pipe', async () => {
    const r = await headOne(['triplets', '--format', 'json', '--year', '2026', join(DIR, 'missing.log'), BIG]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `spamd-report: ${join(DIR, 'missing.log')}: no such file\n`);
  });

  test('Ctrl-C (SIGINT) while reading ends the CLI at once, leaving no files behind', async () => {
    const cwd = join(DIR, 'cwd');
    const tmp = join(DIR, 'tmp');
    mkdirSync(cwd);
    mkdirSync(tmp);
    const child = start(['summary', '--year', '2026', '-'], { cwd, env: { TMPDIR: tmp } });
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    child.stdin!.on('error', () => {});
    // 4 MB is more than a pipe holds: once it is written, the CLI is reading.
    await new Promise<void>((resolve) => child.stdin!.write(Buffer.alloc(4 << 20, '\n'), () => resolve()));
    child.kill('SIGINT');
    const { code, signal } = await exited(child);
    assert.ok(signal === 'SIGINT' || code === 130, `ended by ${signal ?? code}`);
    assert.equal(stdout(), '', 'no half report');
    assert.doesNotMatch(stderr(), /\n\s+at /, 'no stack trace');
    assert.deepEqual(readdirSync(cwd), []);
    assert.deepEqual(readdirSync(tmp), []);
  });

  test('a full disk (/dev/full) is one line on stderr and exit 1, for the report and for --help', async () => {
    for (const args of [['triplets', '--format', 'csv', '--year', '2026', HOSTILE], ['--help']]) {
      const fd = openSync('/dev/full', 'w');
      try {
        const child = start(args, { stdout: fd });
        child.stdin?.end();
        const stderr = collect(child.stderr);
        const { code } = await exited(child);
        assert.equal(code, 1, args.join(' '));
        assert.match(stderr(), /^spamd-report: cannot write output: ENOSPC[^\n]*\n$/);
      } finally {
        closeSync(fd);
      }
    }
  });

  test('memory stays bounded: a 40 MB line is skipped under a 16 MB heap', async () => {
    const huge = join(DIR, 'huge.log');
    writeFileSync(
      huge,
      Buffer.concat([
        Buffer.from(log([connect('Oct  2 10:00:00', '198.51.100.7')]) + header('Oct  2 10:00:01', '198.51.100.7', 'Subject', '')),
        Buffer.alloc(40 << 20, 'x'),
        Buffer.from('\n' + log([disconnect('Oct  2 10:00:02', '198.51.100.7', 2)])),
      ]),
    );
    const child = start(['summary', '--format', 'json', '--year', '2026', huge], { execArgv: ['--max-old-space-size=16'] });
    child.stdin?.end();
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    const { code } = await exited(child);
    assert.equal(code, 0, stderr());
    const j = JSON.parse(stdout()) as { lines: Record<string, number>; sessions: Record<string, number> };
    assert.equal(j.lines.read, 3);
    assert.equal(j.lines.unparsed_too_long, 1);
    assert.equal(j.sessions.incomplete, 0);
  });
});


/** `script` gives the CLI a terminal (util-linux; not on every system). */
const SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

function onTerminal(args: string[], env: Record<string, string>): string {
  const cmd = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { env: { ...ENV, NO_COLOR: '', TERM: 'xterm', ...env }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('colour only on a terminal, never with NO_COLOR (TERM=dumb: test/run.test.ts); log text never brings its own escapes', { skip: SCRIPT ? false : 'no `script` command to give the CLI a terminal' }, () => {
  const args = ['triplets', '--year', '2026', HOSTILE];
  const tty = onTerminal(args, {});
  assert.match(tty, /\u001b\[\d+m/, 'colour on a terminal');
  assert.doesNotMatch(tty, /\u001b\[2J|\u001b\]0;/, 'the escape sequences from the log are shown escaped');
  assert.match(tty, /\\x1b\[2J/);
  assert.doesNotMatch(onTerminal(args, { NO_COLOR: '1' }), /\u001b/, 'NO_COLOR');
  // Not a terminal, NO_COLOR unset: no colour either.
  const piped = spawnSync(process.execPath, [BIN, ...args], { env: { ...ENV, NO_COLOR: '' }, encoding: 'utf8' });
  assert.equal(piped.status, 0);
  assert.doesNotMatch(piped.stdout, /\u001b/);
});
