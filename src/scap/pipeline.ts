// The worker pipeline: one capture file read, inflated and decoded on a worker thread (pipeline-worker.ts) while
// the calling thread only delivers the decoded batches to its handler (pipeline-batch.ts). Same contract as
// readCaptureStream over the file's chunks: the same handler calls in the same order, `onChunk` after the same
// chunks, the same summary and diagnostics, whether the read ends, fails on damage or is stopped by the handler
// (docs/architecture.md#worker-pipeline).
import { Worker } from 'node:worker_threads';
import { ScapEvent } from './event.js';
import { BatchReader, type Batch, type Counts, type SpareRecords } from './pipeline-batch.js';
import { ScapDecoder, type ReadOptions, type ReadSummary, type ScapHandler } from './reader.js';
import { CURRENT_SCHEMA } from './schema/schema.js';

/** The worker's script, next to this module once compiled (from sources under vitest it does not exist). */
export const PIPELINE_WORKER = new URL('./pipeline-worker.js', import.meta.url);

/**
 * Batches a worker decodes ahead of the consumer: bounds memory whatever the file size (a batch holds one chunk's
 * events, a few hundred KiB to a few MiB; and see AHEAD_BYTES). 16 rather than 4: the worker then rides out the
 * consumer's pauses (GC and the like) instead of stopping; measured 10 of 12 paired runs faster, RSS within 5 MB
 * (docs/architecture.md#worker-pipeline).
 */
const AHEAD = 16;

/**
 * And bytes ahead: a batch holds one chunk's events, or a whole metadata block (up to the block limit), so 16
 * large batches could hold a gigabyte while the consumer waits (its output paused). With more than this ahead the
 * worker waits for the oldest batch; one batch, however large, always goes.
 */
const AHEAD_BYTES = 64 << 20;

/** Reads and batches done on workers by this process, and reads by a worker started ahead (how a test sees it). */
export const pipelineStats = { reads: 0, batches: 0, prestarted: 0, maxQueued: 0 };

/** The first message to a worker: what to read. */
export interface WorkerStart {
  readonly job: PipelineJob;
}

/** What a worker is given (structured-cloned). */
export interface PipelineJob {
  readonly path: string;
  readonly chunkSize?: number;
  readonly ahead: number;
  readonly aheadBytes: number;
  readonly schemaId?: string;
  readonly read: Pick<ReadOptions, 'fileName' | 'convert' | 'keepEnterEvents' | 'maxBlockBytes' | 'maxDiagnostics'>;
}

/** Messages to a worker: a batch was consumed (its record buffers given back to fill again), or stop reading. */
export type ToWorker = SpareRecords | 'stop';

interface FromWorker {
  readonly batch: Batch;
  /** Set on the last message: the worker's own summary of the whole read. */
  readonly summary?: ReadSummary;
}

/** A worker started ahead of its read, still loading or waiting for its job. */
interface IdleWorker {
  readonly worker: Worker;
  readonly script: string;
  readonly gone: () => void;
}
const idle: IdleWorker[] = [];

/**
 * Start up to `n` pipeline workers now, before any read, so that they load their modules (about a tenth of a
 * second each) while this thread does something else, such as compiling rules; readCapturePipelined takes one
 * when it starts. An idle worker does not keep the process alive; one never used ends with the process.
 */
export function prestartPipeline(n: number, script: URL | string = PIPELINE_WORKER): void {
  const key = String(script);
  for (let have = idle.filter((w) => w.script === key).length; have < n; have++) {
    const worker = new Worker(script);
    worker.unref();
    const w: IdleWorker = {
      worker,
      script: key,
      // A worker that failed to start or ended while idle is forgotten (a read then starts a fresh one).
      gone: () => {
        const i = idle.indexOf(w);
        if (i >= 0) idle.splice(i, 1);
      },
    };
    worker.on('error', w.gone);
    worker.on('exit', w.gone);
    idle.push(w);
  }
}

/** An idle worker started for `script`, else a new one. */
function takeWorker(script: URL | string): Worker {
  const key = String(script);
  const i = idle.findIndex((w) => w.script === key);
  if (i < 0) return new Worker(script);
  const w = idle.splice(i, 1)[0] as IdleWorker;
  pipelineStats.prestarted++;
  w.worker.off('error', w.gone);
  w.worker.off('exit', w.gone);
  w.worker.ref();
  return w.worker;
}

export interface PipelineOptions extends ReadOptions {
  /** Runs after each chunk's events were delivered and may await (back-pressure), as in readCaptureStream. */
  onChunk?: () => void | Promise<void>;
  /** Raw (possibly compressed) bytes read from the file since the last call. */
  onBytes?: (n: number) => void;
  /** The worker script (default {@link PIPELINE_WORKER}; tests from sources point at the compiled one). */
  worker?: URL | string;
  chunkSize?: number;
  /** Bytes the worker may decode ahead (default 64 MiB; tests make it small). */
  aheadBytes?: number;
}

/**
 * Read a capture file (plain or gzip) on a worker thread and deliver it to `handler` on this one (every
 * callback but `block`). Never throws for bad input (diagnostics, as readCaptureStream); rejects only when the
 * worker itself fails.
 */
export async function readCapturePipelined(path: string, handler: ScapHandler, options: PipelineOptions = {}): Promise<ReadSummary> {
  const job: PipelineJob = {
    path,
    ahead: AHEAD,
    aheadBytes: options.aheadBytes ?? AHEAD_BYTES,
    ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
    ...(options.schema ? { schemaId: options.schema.id } : {}),
    read: {
      fileName: options.fileName ?? path,
      ...(options.convert !== undefined ? { convert: options.convert } : {}),
      ...(options.keepEnterEvents !== undefined ? { keepEnterEvents: options.keepEnterEvents } : {}),
      ...(options.maxBlockBytes !== undefined ? { maxBlockBytes: options.maxBlockBytes } : {}),
      ...(options.maxDiagnostics !== undefined ? { maxDiagnostics: options.maxDiagnostics } : {}),
    },
  };
  const worker = takeWorker(options.worker ?? PIPELINE_WORKER);
  worker.postMessage({ job } satisfies WorkerStart);
  pipelineStats.reads++;
  const queue: FromWorker[] = [];
  let failure: { error: unknown } | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const poke = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  worker.on('message', (m: FromWorker) => {
    if (m.summary) ended = true;
    queue.push(m);
    if (queue.length > pipelineStats.maxQueued) pipelineStats.maxQueued = queue.length;
    poke();
  });
  worker.on('error', (error) => {
    failure ??= { error };
    poke();
  });
  worker.on('exit', (code) => {
    if (!ended) failure ??= { error: new Error(`the pipeline worker reading ${path} exited (code ${code}) before the end of the capture`) };
    poke();
  });
  const next = async (): Promise<FromWorker> => {
    for (;;) {
      const m = queue.shift();
      if (m) return m;
      if (failure) throw failure.error;
      await new Promise<void>((res) => (wake = res));
    }
  };

  const reader = new BatchReader(handler, new ScapEvent(), options.schema ?? CURRENT_SCHEMA);
  // The summary a single-threaded read stopped at `counts` would give (its end() reports run here).
  const stoppedAt = (counts: Counts, gzip: boolean, why: 'handler' | 'abort'): ReadSummary => {
    const dec = new ScapDecoder(handler.diagnostic ? { diagnostic: handler.diagnostic.bind(handler) } : {}, options);
    dec.summary.gzip = gzip;
    dec.adoptStopped(counts, reader.diagnostics, reader.unknown, why);
    return dec.end();
  };
  let raw = 0;
  try {
    for (;;) {
      const m = await next();
      const b = m.batch;
      pipelineStats.batches++;
      if (b.raw > raw) {
        options.onBytes?.(b.raw - raw);
        raw = b.raw;
      }
      const stop = reader.deliver(b);
      if (stop) {
        worker.postMessage('stop' satisfies ToWorker);
        if (options.onChunk) await options.onChunk();
        return stoppedAt(stop.counts, b.gzip, 'handler');
      }
      if (m.summary) return m.summary;
      // Shared, not transferred: a transfer would detach them here (see Batch).
      worker.postMessage({ recs: b.recs, f64: b.f64 } satisfies ToWorker);
      if (options.onChunk) await options.onChunk();
      if (options.signal?.aborted) {
        worker.postMessage('stop' satisfies ToWorker);
        return stoppedAt(b.end, b.gzip, 'abort');
      }
    }
  } finally {
    void worker.terminate();
  }
}
