// Everything the program needs from the outside world, injected so that tests can supply it.
import type { Readable, Writable } from 'node:stream';
import { OutputError } from './errors.js';

export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  /** For the progress bar (absent: not a terminal). */
  stderrIsTTY?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Epoch seconds. */
  now(): number;
}

/** Colour only on a terminal, and never with NO_COLOR (no-color.org: set and not empty) or TERM=dumb. */
export function useColor(io: Pick<Io, 'stdoutIsTTY' | 'env'>): boolean {
  return io.stdoutIsTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
}

/**
 * Write all of `text`; a reader that went away (EPIPE: `| head`) ends output quietly, any other
 * failure (ENOSPC: a full disk) is an OutputError.
 */
export function writeAll(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (text.length === 0 || stream.destroyed) return resolve();
    stream.write(text, (err) => {
      if (!err || (err as NodeJS.ErrnoException).code === 'EPIPE') resolve();
      else reject(new OutputError(`cannot write output: ${err.message}`, { cause: err }));
    });
  });
}
