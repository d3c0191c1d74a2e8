// Inputs parsed in worker threads (src/read/parse-worker.ts) while the main thread analyses: the
// main thread only decodes event batches and feeds the analyzer, in file order, so the output is
// the same as a sequential read. Each worker parses at most CREDITS batches ahead of the analysis.
import { Worker } from 'node:worker_threads';
import type { InputErrorCode } from '../errors.js';
import type { LineAccounting } from '../parse/accounting.js';
import type { EventBatch } from '../parse/event-codec.js';

/** Batches (~1 MB of log each) a worker may parse ahead of the analysis. */
export const CREDITS = 8;

export interface ParseJob {
  name: string;
  /** IANA zone name (the worker builds its own Zone). */
  zone: string;
  /** Epoch seconds for year inference (the file's mtime). */
  reference: number;
  /** The size when the input was opened (stat): reading stops there (a log still being written). */
  size: number;
  credits: number;
}

export type WorkerMessage =
  | { type: 'batch'; batch: EventBatch; bytes: number }
  | { type: 'done'; acc: LineAccounting; lines: number; bytes: number; error: { code: InputErrorCode; message: string } | null };

export interface ParsedInput {
  /** The worker's next message, in order; rejects when the worker failed. */
  next(): Promise<WorkerMessage>;
  /** One batch was consumed: the worker may parse one more. */
  credit(): void;
  stop(): Promise<number>;
}

/**
 * Workers run the built module next to this one. Running from the TypeScript sources (in-process
 * tests through tsx, whose loader a Node 20 worker does not inherit) there is none: inputs are
 * then read on the main thread. The CLI's end-to-end tests run the build, workers included.
 */
export const WORKERS_AVAILABLE = !import.meta.url.endsWith('.ts');
const WORKER_URL = new URL('./parse-worker.js', import.meta.url);

export function startParse(job: Omit<ParseJob, 'credits'>): ParsedInput {
  const worker = new Worker(WORKER_URL, { workerData: { ...job, credits: CREDITS } satisfies ParseJob });
  const queue: WorkerMessage[] = [];
  let failure: Error | null = null;
  let finished = false;
  let wake: (() => void) | null = null;
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    if (m.type === 'done') finished = true;
    wake?.();
  });
  worker.on('error', (err) => {
    failure = err;
    wake?.();
  });
  worker.on('exit', (code) => {
    if (!finished && !failure) failure = new Error(`parse worker for ${job.name} exited with code ${code}`);
    wake?.();
  });
  return {
    async next() {
      for (;;) {
        const m = queue.shift();
        if (m) return m;
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    },
    credit() {
      if (!finished) worker.postMessage(1);
    },
    stop: () => worker.terminate(),
  };
}
