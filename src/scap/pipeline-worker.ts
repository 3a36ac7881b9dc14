// A pipeline worker (pipeline.ts): reads one capture file, inflates and decodes it (old layouts converted) with
// the one reading loop of read-capture.ts, and posts what the decoder delivered after every chunk as a batch.
// It keeps at most a few batches ahead of the thread that consumes them. It may be started before it has a job
// (prestartPipeline): it loads its modules, then waits for the job as its first message.
import { parentPort } from 'node:worker_threads';
import { fileChunks } from './file-source.js';
import { BatchWriter } from './pipeline-batch.js';
import type { PipelineJob, ToWorker, WorkerStart } from './pipeline.js';
import { readCaptureStream } from './read-capture.js';
import type { ScapDecoder } from './reader.js';
import { schemaById } from './schema/schema.js';

const port = parentPort;
if (port === null) throw new Error('pipeline-worker.ts runs as a worker thread');
const job: PipelineJob = await new Promise((res) => port.once('message', (m: WorkerStart) => res(m.job)));

let dec: ScapDecoder | undefined;
const writer = new BatchWriter(() => dec as ScapDecoder);
let credits = job.ahead;
let wake: (() => void) | undefined;
let stopping = false;
const onMessage = (m: ToWorker): void => {
  if (m === 'stop') stopping = true;
  else {
    credits++;
    writer.recycle(m);
  }
  const w = wake;
  wake = undefined;
  w?.();
};
port.on('message', onMessage);

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
    const { batch, transfer } = writer.take(raw);
    port.postMessage({ batch }, transfer);
    credits--;
    while (credits <= 0 && !stopping) await new Promise<void>((res) => (wake = res));
    if (stopping) (dec as ScapDecoder).abort();
  },
});
if (!stopping) {
  const { batch, transfer } = writer.take(raw);
  port.postMessage({ batch, summary }, transfer);
}
port.off('message', onMessage);
