// The one job pool of the CLI (`run --jobs`, `diff`/`baseline`/`test --jobs`): captures split into groups of about
// the same work (captureWork); this process replays the first group, a child process each other group. Child
// processes, not worker threads: worker threads share one V8 platform (its GC helper threads) and scaled 1.1–1.3×
// on two cores where two processes scale 1.7× (docs/architecture.md#jobs).
import type { ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { FalcoReplayError } from '../common/index.js';
import { releaseSpareJobProcesses, spawnJobProcess, takeSpareJobProcess } from './job-processes.js';
import { MAX_DEFAULT_THREADS } from './threads.js';

/** What a child posts back last, once: its result, or why it failed (with a system error's fields). */
export type WorkerReply<R> = { readonly ok: true; readonly result: R } | { readonly ok: false; readonly message: string; readonly syscall?: string; readonly code?: string; readonly path?: string };

/** A message from a child: parts of its result as it goes (streamed), then its reply. */
type ChildMessage<R, P> = { readonly part: P } | { readonly reply: WorkerReply<R> };

/** The number of jobs `--jobs` asks for by default. */
export const defaultJobs = (): number => Math.max(1, availableParallelism());

/**
 * The `--threads` of each of `jobs` concurrent replays when not given: the cores shared out (at least 1, at most
 * the usual cap), so that jobs × threads never oversubscribes the cores.
 */
export const threadsPerJob = (jobs: number, asked: number | undefined): number => asked ?? Math.max(1, Math.min(MAX_DEFAULT_THREADS, Math.floor(availableParallelism() / Math.max(1, jobs))));

/** Deflate's largest expansion: 258 bytes from about two bits of a compressed block. */
const DEFLATE_MAX_RATIO = 1032;

/**
 * About how much work replaying a capture is, to balance the jobs: its size, and for a gzip capture the size it
 * inflates to, since decoding and rules cost by the event bytes and inflating little beside them. That size is the
 * gzip trailer's ISIZE, a hint only: it is the last member's, modulo 2^32, and the file's author may write anything
 * there (padding, a truncated file). So a value below the compressed size counts the compressed size, and none
 * counts more than deflate's largest expansion (1,032 bytes out of 1) of it. A file that cannot be read here counts
 * its size (the replay reports the error). Throws as `statSync` for a path that does not exist.
 */
export function captureWork(path: string): number {
  const size = statSync(path).size;
  // The smallest gzip file: a 10-byte header and an 8-byte trailer.
  if (size < 18) return size;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const b = Buffer.alloc(4);
    if (readSync(fd, b, 0, 2, 0) !== 2 || b[0] !== 0x1f || b[1] !== 0x8b) return size;
    if (readSync(fd, b, 0, 4, size - 4) !== 4) return size;
    const isize = b.readUInt32LE(0);
    return Math.min(Math.max(isize, size), size * DEFLATE_MAX_RATIO);
  } catch {
    return size;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Split captures into `n` groups of about the same total work (`size`), each group in capture order. */
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

/** A job script exists only in the compiled build (from the sources, tests evaluate in this process). */
export function workerAvailable(script: URL): boolean {
  return existsSync(fileURLToPath(script));
}

/** A job running in a child process: its result, and a way to stop it early. */
export interface WorkerRun<R> {
  readonly result: Promise<R>;
  terminate(): void;
}

/** How a job's child process runs. */
export interface JobProcessOptions<P> {
  /** The jobs run at once fill the cores: V8 collects garbage on the job's own thread (no helper threads). */
  readonly busy: boolean;
  /** Called with each part the child streams before its reply. */
  readonly onPart?: (part: P) => void;
  /** The job's captures, named when its process stops without a reply. */
  readonly captures?: readonly string[];
  /** Where the child's stderr goes, escaped line by line (default: this process's stderr). */
  readonly stderr?: (text: string) => void;
}

/**
 * Start `script` (a module calling {@link serveJob}) on `job` in a child process; the result resolves to its
 * reply, rejects with its message (a system error keeps its `syscall`, `code` and `path`, so it is reported as
 * in this process). The child dies with this process: it exits when the IPC channel closes.
 */
export function startWorker<J, R, P = never>(script: URL, job: J, options: JobProcessOptions<P> = { busy: false }): WorkerRun<R> {
  // One the CLI's entry started ahead has booted and imported meanwhile (job-processes.ts).
  const p = takeSpareJobProcess(script, options.busy) ?? spawnJobProcess(script, options.busy);
  if (options.stderr) p.stderr = options.stderr;
  let child: ChildProcess | undefined = p.child;
  const c = child;
  const result = new Promise<R>((resolve, reject) => {
    let settled = false;
    c.on('message', (m: ChildMessage<R, P>) => {
      if (settled) return;
      if ('part' in m) {
        options.onPart?.(m.part);
        return;
      }
      settled = true;
      child = undefined;
      const r = m.reply;
      if (r.ok) resolve(r.result);
      else reject(Object.assign(new Error(r.message), r.syscall !== undefined ? { syscall: r.syscall, code: r.code, path: r.path } : {}));
    });
    c.once('error', (e) => {
      if (settled) return;
      settled = true;
      child = undefined;
      reject(e);
    });
    // 'close', not 'exit': Node may emit 'exit' before the last IPC message (the reply) has been read.
    c.once('close', (code, signal) => {
      child = undefined;
      if (settled) return;
      settled = true;
      const names = options.captures ?? [];
      const listed = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
      const what = names.length ? ` (replaying ${listed})` : '';
      reject(new FalcoReplayError(`a replay job process${what} stopped before it finished (${signal ? `signal ${signal}` : `exit code ${code}`})`, { code: 'JOB_PROCESS_STOPPED' }));
    });
  });
  c.send({ job });
  return { result, terminate: () => void child?.kill('SIGKILL') };
}

/** Every job started: the processes started ahead that no job took are stopped. */
export const startedAllWorkers = (): void => releaseSpareJobProcesses();

/**
 * The child's side: wait for the job, run it (`send` streams parts of the result, waiting for the channel to
 * take each), reply once and exit. Exits at once when the parent goes away.
 */
export function serveJob<J, R, P = never>(run: (job: J, send: (part: P) => Promise<void>) => Promise<R>): void {
  const post = (m: ChildMessage<R, P>): Promise<void> => new Promise((resolve, reject) => void process.send?.(m, undefined, {}, (e) => (e ? reject(e) : resolve())));
  process.once('disconnect', () => process.exit(1));
  process.once('message', (m: { job: J }) => {
    void (async () => {
      let reply: WorkerReply<R>;
      try {
        reply = { ok: true, result: await run(m.job, (part) => post({ part })) };
      } catch (e) {
        const sys = e as NodeJS.ErrnoException;
        reply = {
          ok: false,
          message: e instanceof Error ? e.message : String(e),
          ...(typeof sys?.syscall === 'string' ? { syscall: sys.syscall, ...(sys.code !== undefined ? { code: sys.code } : {}), ...(sys.path !== undefined ? { path: sys.path } : {}) } : {}),
        };
      }
      await post({ reply });
      process.exit(0);
    })();
  });
}
