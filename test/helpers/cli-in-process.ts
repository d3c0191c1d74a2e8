// The CLI (src/cli.ts → src/run.ts) in this process, with an injected Io: the same path as the
// built bin minus its process wiring, for tests that would otherwise spawn many processes.
import { PassThrough, Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli.js';
import { main } from '../../src/run.js';
import type { Io } from '../../src/io.js';
import type { CliResult } from './cli.js';

function sink(chunks: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
}

/** A fixed clock for tests: 2027-01-01T00:00:00Z, after every test log (--until is never taken beyond now). */
export const TEST_NOW = Date.UTC(2027, 0, 1) / 1000;

/** Run `spamd-report args` with `stdin` as standard input; `now` is the clock (epoch seconds). */
export async function runInProcess(args: string[], opts: { stdin?: string; now?: number } = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = opts.stdin === undefined ? new PassThrough() : Readable.from([Buffer.from(opts.stdin)]);
  if (opts.stdin === undefined) (stdin as PassThrough).end();
  const io: Io = {
    stdin,
    stdout: sink(out),
    stderr: sink(err),
    stdinIsTTY: false,
    stdoutIsTTY: false,
    env: { TZ: 'UTC', NO_COLOR: '1' },
    now: () => opts.now ?? TEST_NOW,
  };
  const code = await runCli(args, io, main);
  return { code, signal: null, stdout: out.join(''), stderr: err.join('') };
}
