// `--threads N`: how many threads a replay uses (the worker pipeline of src/scap/pipeline.ts), and its default.
import { InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PIPELINE_WORKER, prestartPipeline } from '../scap/index.js';

/** One capture is read by one worker, and state and rules run on one thread: more rarely pays. */
export const MAX_DEFAULT_THREADS = 4;
/** A cap on what may be asked for (each thread costs memory). */
const MAX_THREADS = 64;

/** Parse `--threads`: a whole number from 1 to 64. */
export function threadsOption(v: string): number {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || !Number.isInteger(n) || n < 1 || n > MAX_THREADS) throw new InvalidArgumentError(`expected a whole number of threads from 1 to ${MAX_THREADS}, got '${v}'`);
  return n;
}

/**
 * The threads a replay runs with: as asked, else the cores (at most {@link MAX_DEFAULT_THREADS}); 1 when the
 * compiled worker is missing (running from sources), which gives the same output on one thread.
 */
export function replayThreads(asked: number | undefined): number {
  if (!existsSync(fileURLToPath(PIPELINE_WORKER))) return 1;
  return asked ?? Math.min(availableParallelism(), MAX_DEFAULT_THREADS);
}

/**
 * Start now the worker threads a replay with `threads` threads over `captures` captures reads on (the first
 * `threads − 1` captures), so that they load while this thread compiles the rules (docs/architecture.md#worker-pipeline).
 */
export function prestartReplayThreads(threads: number, captures: number): void {
  const n = Math.min(threads - 1, captures);
  if (n > 0) prestartPipeline(n);
}
