// The CLI in this process: an injected Io whose stdin is given bytes and whose stdout/stderr are
// collected, run through the real argv parsing (src/cli.ts) and pipeline (src/run.ts). Much
// faster than spawning dist/bin.js; tests that need a real process (signals, pipes, /dev/full)
// use test/helpers/cli.ts instead.
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli.js';
import { main } from '../../src/run.js';
import type { Io } from '../../src/io.js';

export interface MemoryIoOptions {
  /** Standard input: bytes, or a list of chunks delivered one by one. */
  stdin?: string | Buffer | Buffer[];
  env?: Record<string, string>;
  stdinIsTTY?: boolean;
  stdoutIsTTY?: boolean;
  /** Epoch seconds; default 2026-12-31T00:00:00Z. */
  now?: number;
}

export interface MemoryIo extends Io {
  out(): string;
  err(): string;
}

export const DEFAULT_NOW = Date.UTC(2026, 11, 31) / 1000;

function collector(chunks: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      done();
    },
  });
}

export function createMemoryIo(opts: MemoryIoOptions = {}): MemoryIo {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const input = opts.stdin ?? [];
  const chunks = Array.isArray(input) ? input : [typeof input === 'string' ? Buffer.from(input) : input];
  return {
    // Object mode keeps the chunks exactly as given (chunk-boundary tests depend on it).
    stdin: Readable.from(chunks),
    stdout: collector(out),
    stderr: collector(err),
    stdinIsTTY: opts.stdinIsTTY ?? false,
    stdoutIsTTY: opts.stdoutIsTTY ?? false,
    env: opts.env ?? {},
    now: () => opts.now ?? DEFAULT_NOW,
    out: () => Buffer.concat(out).toString('utf8'),
    err: () => Buffer.concat(err).toString('utf8'),
  };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `spamd-report ...argv` in this process. */
export async function runInProcess(argv: string[], opts: MemoryIoOptions = {}): Promise<RunResult> {
  const io = createMemoryIo(opts);
  const code = await runCli(argv, io, main);
  return { code, stdout: io.out(), stderr: io.err() };
}
