// The pipeline worker's own work on one thread (docs/architecture.md#worker-pipeline): decode a capture
// (old layouts converted) with a handler that does nothing ("direct"), or pack every delivery into batches as
// the worker does, giving the record buffers back as the main thread does ("pack"). CPU seconds of each of
// ROUNDS reads in one process, and the least of them.
// Usage: node bench/pipeline-pack.mjs CAPTURE direct|pack [ROUNDS]
import { readFileSync } from 'node:fs';
import { BatchWriter } from '../dist/scap/pipeline-batch.js';
import { readCaptureStream } from '../dist/scap/index.js';

const [file, mode = 'pack', rounds = '8'] = process.argv.slice(2);
if (!file || (mode !== 'direct' && mode !== 'pack')) {
  process.stderr.write('usage: node bench/pipeline-pack.mjs CAPTURE direct|pack [ROUNDS]\n');
  process.exit(2);
}
const data = readFileSync(file);
function* chunks() {
  for (let o = 0; o < data.length; o += 256 << 10) yield data.subarray(o, Math.min(data.length, o + (256 << 10)));
}
const times = [];
for (let r = 0; r < Number(rounds); r++) {
  let dec;
  let spare;
  const writer = new BatchWriter(() => dec);
  const handler = mode === 'pack' ? writer.handler() : { event: () => {} };
  const onChunk =
    mode === 'pack'
      ? () => {
          const taken = writer.take(0);
          const batch = taken.batch ?? taken; // (a build before shared batches returned { batch, transfer })
          if (spare) writer.recycle?.(spare); // (a build before recycling has no recycle)
          spare = { recs: batch.recs, f64: batch.f64 };
        }
      : undefined;
  const c0 = process.cpuUsage();
  await readCaptureStream(chunks(), handler, { convert: true, onStart: (d) => (dec = d), onChunk });
  const c = process.cpuUsage(c0);
  times.push((c.user + c.system) / 1e6);
}
process.stdout.write(`${mode}: least ${Math.min(...times).toFixed(3)} s CPU; each ${times.map((t) => t.toFixed(3)).join(' ')}\n`);
