#!/usr/bin/env node
// The only file that touches `process`: it builds the Io, runs the CLI and sets the exit code.
import { runCli } from './cli.js';
import { main } from './run.js';
import type { Io } from './io.js';

// `spamd-report ... | head`: a reader that goes away ends the output quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`spamd-report: cannot write output: ${err.message}\n`);
  process.exit(1);
});

const io: Io = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  stdinIsTTY: Boolean(process.stdin.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
  now: () => Date.now() / 1000,
};

runCli(process.argv.slice(2), io, main).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`spamd-report: internal error, please report it: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
