// A worker thread of `diff`, `baseline save` and `test` (`--jobs N`): replays its share of the captures through
// every side in one pass, with its own state, and sends the alerts back.
import { parentPort, workerData } from 'node:worker_threads';
import { SideLoadError } from '../../engine/index.js';
import { loadErrorMessage, runJob, type WorkerJob, type WorkerReply } from './diff-evaluate.js';

const job = workerData as WorkerJob;
let reply: WorkerReply;
try {
  reply = { ok: true, result: await runJob(job, false) };
} catch (e) {
  reply = { ok: false, message: e instanceof SideLoadError ? loadErrorMessage(e) : e instanceof Error ? e.message : String(e) };
}
parentPort?.postMessage(reply);
