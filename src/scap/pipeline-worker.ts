// A pipeline worker (pipeline.ts): reads one capture file, inflates and decodes it (old layouts converted) with
// the one reading loop of read-capture.ts, and posts what the decoder delivered after every chunk as a batch.
// It keeps at most a few batches ahead of the thread that consumes them. It may be started before it has a job
// (prestartPipeline): it loads its modules, then waits for the job as its first message.
import { parentPort } from 'node:worker_threads';
import { fileChunks } from './file-source.js';
import { BatchWriter, type SpareRecords } from './pipeline-batch.js';
import type { PipelineJob, ToWorker, WorkerStart } from './pipeline.js';
import { readCaptureStream } from './read-capture.js';
import type { ScapDecoder } from './reader.js';
import { schemaById } from './schema/schema.js';

const port = parentPort;
if (port === null) throw new Error('pipeline-worker.ts runs as a worker thread');

let dec: ScapDecoder | undefined;
const writer = new BatchWriter(() => dec as ScapDecoder);
let credits = 0;
/** The bytes of each batch posted and not yet consumed, oldest first (credits come back in that order). */
const posted: number[] = [];
let postedBytes = 0;
let wake: (() => void) | undefined;
let stopping = false;
let started: ((job: PipelineJob) => void) | undefined;
const firstJob = new Promise<PipelineJob>((res) => (started = res));
// One listener from the start: the first message is the job, the next ones credits or a stop (a message that came
// while this module was still loading would otherwise have no listener).
const onMessage = (m: WorkerStart | ToWorker): void => {
  if (started) {
    const s = started;
    started = undefined;
    credits = (m as WorkerStart).job.ahead;
    s((m as WorkerStart).job);
    return;
  }
  if (m === 'stop') stopping = true;
  else {
    credits++;
    postedBytes -= posted.shift() ?? 0;
    writer.recycle(m as SpareRecords);
  }
  const w = wake;
  wake = undefined;
  w?.();
};
port.on('message', onMessage);
const job = await firstJob;

let raw = 0;
async function* counted(): AsyncGenerator<Uint8Array> {
  for await (const c of fileChunks(job.path, job.chunkSize)) {
    raw += c.length;
    yield c;
  }
}

const schema = job.schemaId === undefined ? undefined : schemaById(job.schemaId);
const summary = await readCaptureStream(counted(), writer.handler(), {
  ...job.read,
  ...(schema ? { schema } : {}),
  onStart: (d) => (dec = d),
  onChunk: async () => {
    const batch = writer.take(raw);
    const bytes = Math.max(batch.data.byteLength, batch.end.bytes - batch.start);
    port.postMessage({ batch });
    credits--;
    posted.push(bytes);
    postedBytes += bytes;
    while ((credits <= 0 || (postedBytes > job.aheadBytes && posted.length > 1)) && !stopping) await new Promise<void>((res) => (wake = res));
    if (stopping) (dec as ScapDecoder).abort();
  },
});
if (!stopping) {
  port.postMessage({ batch: writer.take(raw), summary });
}
port.off('message', onMessage);
