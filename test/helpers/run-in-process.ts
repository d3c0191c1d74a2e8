// The CLI's own entry (src/cli.ts runCli + src/run.ts main) in this process, with an injected Io:
// the same code path as dist/bin.js without a Node start-up per run (about 0.5 s of CPU each),
// for tests that run the CLI dozens of times. test/helpers/cli.ts spawns the built bin instead.
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli.js';
import { main } from '../../src/run.js';
import type { Io } from '../../src/io.js';
import type { CliResult } from './cli.js';

export interface TestIoOptions {
  /** Standard input: text, bytes, or chunks delivered one by one, exactly as given (none by default). */
  stdin?: string | Buffer | Buffer[];
  /** The clock, epoch seconds (default: the machine's). */
  now?: number;
  /** Environment (default: NO_COLOR=1). */
  env?: Record<string, string>;
  stdoutIsTTY?: boolean;
}

export interface TestIo extends Io {
  out(): string;
  err(): string;
}

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (b: Buffer) => chunks.push(b));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** An Io for src/run.ts (analyzeInputs, main) or runCli. */
export function createTestIo(opts: TestIoOptions = {}): TestIo {
  const out = collect();
  const err = collect();
  const input = opts.stdin ?? [];
  const chunks = Array.isArray(input) ? input : [Buffer.from(input)];
  return {
    // Object mode keeps the chunks as given (chunk-boundary tests depend on it).
    stdin: Readable.from(chunks),
    stdout: out.stream,
    stderr: err.stream,
    stdinIsTTY: false,
    stdoutIsTTY: opts.stdoutIsTTY ?? false,
    env: opts.env ?? { NO_COLOR: '1' },
    now: () => opts.now ?? Date.now() / 1000,
    out: out.text,
    err: err.text,
  };
}

export async function runInProcess(args: string[], opts: TestIoOptions = {}): Promise<CliResult> {
  const io = createTestIo(opts);
  const code = await runCli(args, io, main);
  return { code, signal: null, stdout: io.out(), stderr: io.err() };
}
