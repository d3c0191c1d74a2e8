#!/usr/bin/env node
// The only file that touches `process`: it builds the Io, runs the CLI and sets the exit code.
import { runCli } from './cli.js';
import { main } from './run.js';
import type { Io } from './io.js';

// A failed write is handled where it was made (writeAll: EPIPE from `| head` ends the output
// quietly, anything else is one line and exit 1); these listeners keep the stream's 'error' event
// from crashing the process. A write made without writeAll (commander's --help) that failed is
// reported on the way out.
let outputFailure: NodeJS.ErrnoException | null = null;
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') outputFailure ??= err;
});
process.stderr.on('error', () => {});
// Node ends a process whose event loop is empty even when the run has not finished (a promise
// nobody will settle): that must not look like success with no output.
let settled = false;
process.on('exit', (code) => {
  if (!settled) {
    process.stderr.write('spamd-report: internal error, please report it: the run stopped before it finished\n');
    process.exitCode = 1;
    return;
  }
  if (code !== 0 || !outputFailure) return;
  process.stderr.write(`spamd-report: cannot write output: ${outputFailure.message}\n`);
  process.exitCode = 1;
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
    settled = true;
    process.exitCode = code;
  },
  (err: unknown) => {
    settled = true;
    process.stderr.write(`spamd-report: internal error, please report it: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
