// A worker thread of `run --jobs N`: replays its group of captures, each alone with its own state, and sends the
// alerts (with their merge keys) and summaries back.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerReply } from '../worker-pool.js';
import { replayCaptures, type CaptureRun, type RunJob } from './run-jobs.js';

let reply: WorkerReply<CaptureRun>;
try {
  reply = { ok: true, result: await replayCaptures(workerData as RunJob) };
} catch (e) {
  reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
}
parentPort?.postMessage(reply);
