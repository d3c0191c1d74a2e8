// A worker thread that reads and parses one input file, and posts its events to the main thread
// in compact batches (src/parse/event-codec.ts), then its line accounting. The analysis stays on
// the main thread, in file order; the worker parses ahead by at most CREDITS batches, so memory
// stays bounded however far the analysis lags behind.
import { parentPort, workerData } from 'node:worker_threads';
import { Readable } from 'node:stream';
import { createAccounting } from '../parse/accounting.js';
import { createEventEncoder } from '../parse/event-codec.js';
import { createLineHandler } from '../parse/line-handler.js';
import { createLineParser } from '../parse/line.js';
import { createZone } from '../parse/zone.js';
import { InputError } from '../errors.js';
import { createLineSplitter } from './lines.js';
import { readBytes } from './sources.js';
import type { ParseJob, WorkerMessage } from './parallel.js';

const port = parentPort;
if (!port) throw new Error('parse-worker.js runs as a worker thread');
const job = workerData as ParseJob;

let credits = job.credits;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits++;
  wake?.();
});

function post(msg: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(msg, transfer);
}

async function run(): Promise<void> {
  const parse = createLineParser({ zone: createZone(job.zone), reference: job.reference });
  const acc = createAccounting();
  const enc = createEventEncoder();
  const handler = createLineHandler(job.name, parse, acc, (ev) => enc.push(ev));
  const splitter = createLineSplitter(handler);
  let bytes = 0;
  let error: { code: InputError['code']; message: string } | null = null;

  async function flush(): Promise<void> {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    credits--;
    const batch = enc.take();
    post({ type: 'batch', batch, bytes }, [batch.kinds.buffer as ArrayBuffer, batch.nums.buffer as ArrayBuffer, batch.refs.buffer as ArrayBuffer]);
  }

  try {
    for await (const chunk of readBytes(job.name, Readable.from([]), (n) => (bytes += n), job.size)) {
      splitter.write(chunk);
      if (enc.count > 0) await flush();
    }
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    error = { code: err.code, message: err.message };
    handler.damaged();
  }
  splitter.end();
  if (enc.count > 0) await flush();
  post({ type: 'done', acc, lines: splitter.count, bytes, error });
  port!.close();
}

run().catch((err: unknown) => {
  // An internal error: the main thread reports it like any other.
  throw err;
});
