// A progress bar on stderr for large inputs: bytes read of the total (compressed bytes for gzip,
// as they come off the disk), percent, MB/s and time left, redrawn in place at most 5 times a second.

/** Inputs at least this large get a progress bar on a terminal. */
export const PROGRESS_MIN_BYTES = 50e6;
const WIDTH = 20;
/** Megabytes as ls, df and the bench count them in this project: 10^6 bytes. */
const MB = 1e6;

/**
 * Whether to show progress: --progress forces it, --no-progress never; otherwise only when
 * stderr is a terminal, not under CI, and the inputs are large.
 */
export function wantProgress(option: boolean | null | undefined, stderrIsTTY: boolean, env: Readonly<Record<string, string | undefined>>, totalBytes: number): boolean {
  if (option === true || option === false) return option;
  if (!stderrIsTTY || (env.CI !== undefined && env.CI !== '' && env.CI !== 'false')) return false;
  return totalBytes >= PROGRESS_MIN_BYTES;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One progress line; `total` NaN when unknown (stdin): then only bytes and rate. */
export function formatProgress(done: number, total: number, seconds: number): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const speed = `${(rate / MB).toFixed(1)} MB/s`;
  if (!(total > 0)) return `spamd-report: ${(done / MB).toFixed(1)} MB read, ${speed}`;
  const frac = Math.min(1, done / total);
  const filled = Math.round(frac * WIDTH);
  const left = rate > 0 ? clock((total - done) / rate) : '?';
  return `spamd-report: [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(done / MB).toFixed(1)} of ${(total / MB).toFixed(1)} MB (${Math.floor(frac * 100)}%), ${speed}, ${left} left`;
}

export interface Progress {
  /** `n` more bytes were read. */
  add(n: number): void;
  /** Draw the final state and clear the line. */
  end(): void;
}

export function createProgress(write: (s: string) => void, total: number, now: () => number): Progress {
  const start = now();
  let done = 0;
  let drawn = -Infinity;
  let width = 0;
  const draw = (): void => {
    const line = formatProgress(done, total, now() - start);
    write('\r' + line.padEnd(width));
    width = line.length;
  };
  return {
    add(n) {
      done += n;
      const t = now();
      if (t - drawn >= 0.2) {
        drawn = t;
        draw();
      }
    },
    end() {
      draw();
      write('\r' + ' '.repeat(width) + '\r');
    },
  };
}
