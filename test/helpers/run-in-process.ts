// The CLI's own entry (src/cli.ts runCli + src/run.ts main) in this process, with an injected Io:
// the same code path as dist/bin.js without a Node start-up per run (about 0.5 s of CPU each),
// for tests that run the CLI dozens of times. test/helpers/cli.ts spawns the built bin instead.
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli.js';
import { main } from '../../src/run.js';
import type { CliResult } from './cli.js';

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (b: Buffer) => chunks.push(b));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export async function runInProcess(args: string[], opts: { now?: number } = {}): Promise<CliResult> {
  const out = collect();
  const err = collect();
  const code = await runCli(
    args,
    {
      stdin: Readable.from([]),
      stdout: out.stream,
      stderr: err.stream,
      stdinIsTTY: false,
      stdoutIsTTY: false,
      env: { NO_COLOR: '1' },
      now: () => opts.now ?? Date.now() / 1000,
    },
    main,
  );
  return { code, signal: null, stdout: out.text(), stderr: err.text() };
}
