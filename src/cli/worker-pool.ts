// The one worker-thread pool of the CLI (`run --jobs`, `diff`/`baseline`/`test --jobs`): captures split into
// groups of about the same size, one worker per group, each answering once with its result.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** What a worker posts back, once. */
export type WorkerReply<R> = { readonly ok: true; readonly result: R } | { readonly ok: false; readonly message: string };

/** The number of workers `--jobs` asks for by default. */
export const defaultJobs = (): number => Math.max(1, availableParallelism());

/** Split captures into `n` groups of about the same total size, each group in capture order. */
export function partition(captures: readonly string[], n: number, size: (c: string) => number): string[][] {
  const groups = Array.from({ length: n }, () => ({ bytes: 0, items: [] as number[] }));
  const bySize = captures.map((c, i) => ({ i, bytes: size(c) })).sort((a, b) => b.bytes - a.bytes || a.i - b.i);
  for (const c of bySize) {
    const g = groups.reduce((best, x) => (x.bytes < best.bytes ? x : best));
    g.bytes += c.bytes;
    g.items.push(c.i);
  }
  return groups.filter((g) => g.items.length).map((g) => g.items.sort((a, b) => a - b).map((i) => captures[i] as string));
}

/** A worker script exists only in the compiled build (from the sources, tests evaluate in this thread). */
export function workerAvailable(script: URL): boolean {
  return existsSync(fileURLToPath(script));
}

/** A job running on a worker thread: its result, and a way to stop it early. */
export interface WorkerRun<R> {
  readonly result: Promise<R>;
  terminate(): void;
}

/** Start `script` on `job` in a new worker thread; the result resolves to its answer, rejects with its message. */
export function startWorker<J, R>(script: URL, job: J): WorkerRun<R> {
  const w = new Worker(script, { workerData: job });
  const result = new Promise<R>((resolve, reject) => {
    let settled = false;
    w.once('message', (m: WorkerReply<R>) => {
      settled = true;
      if (m.ok) resolve(m.result);
      else reject(new Error(m.message));
      void w.terminate();
    });
    w.once('error', (e) => {
      settled = true;
      reject(e);
    });
    w.once('exit', (code) => {
      if (!settled) reject(new Error(`a replay worker stopped (exit code ${code})`));
    });
  });
  return { result, terminate: () => void w.terminate() };
}

/** Run `script` on `job` in a new worker thread; resolves to its result, rejects with its message. */
export function inWorker<J, R>(script: URL, job: J): Promise<R> {
  return startWorker<J, R>(script, job).result;
}
