// `run --jobs N`: captures replayed apart in several processes, each with its own state, then merged into exactly the
// stream one replay over all of them yields. A replay over several captures queues each alert under its capture's
// clock (the latest event time read in it) and emits by (clock, capture order), each capture's alerts in their
// own order; so every alert comes back with that clock and one stable sort puts them in place. A job replays
// its whole group in one Replay (rules compiled once per job), which keeps that order within the group. The first
// group replays in this process, every other in a child process (worker-pool.ts) that streams its alerts back.
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import { Replay, type Alert, type CaptureResult, type CompiledRule, type ReplaySummary, type RuleSetSummary } from '../../engine/index.js';
import type { CliIo } from '../io.js';
import { captureWork, partition, startedAllWorkers, startWorker, threadsPerJob, workerAvailable, type WorkerRun } from '../worker-pool.js';
import { prepareReplay, replayOptionsFor, type RunOptions } from './run.js';

/** What a worker is sent: the run's options (its captures replaced by the group's) and the environment. */
export interface RunJob {
  readonly opts: RunOptions;
  readonly env: Record<string, string | undefined>;
}

/** A group of captures replayed together: the alerts with their merge keys, and the summary. */
export interface CaptureRun {
  readonly alerts: { readonly alert: Alert; readonly clock: bigint }[];
  readonly summary: ReplaySummary;
}

const silent = { write: () => true } as unknown as Writable;

/** A group's alerts with their merge keys, as a child streams them. */
export type KeyedAlerts = CaptureRun['alerts'];

/** Alerts a child sends in one message. */
const BATCH = 1024;

/**
 * Replay the job's captures, in this process (what a child does); with `send`, the alerts are streamed in
 * batches as they come and the result holds none.
 */
export async function replayCaptures(job: RunJob, send?: (part: KeyedAlerts) => Promise<void>): Promise<CaptureRun> {
  const io: CliIo = { stdout: silent, stderr: silent, env: job.env, exitCode: 0 };
  const prepared = prepareReplay({ ...job.opts, summary: false, progress: false }, io);
  if (typeof prepared === 'number') throw new Error('the run options did not resolve in a worker');
  const base = replayOptionsFor(prepared, job.opts, io);
  const replay = new Replay({ ...base, alertClocks: true });
  if (!replay.ok) throw new Error('rules did not load in a worker');
  return collect(replay, send);
}

async function serially<T>(tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (const t of tasks) out.push(await t());
  return out;
}

const WORKER = new URL('./run-worker.js', import.meta.url);

/** Capture indices in up to `jobs` groups of about the same work (a capture may be listed twice). */
export function captureGroups(captures: readonly string[], jobs: number): number[][] {
  return partition(
    captures.map((_, i) => String(i)),
    Math.min(jobs, captures.length),
    (i) => captureWork(captures[Number(i)] as string),
  ).map((g) => g.map(Number));
}

/** Collect a replay's alerts with their merge keys (the replay was made with `alertClocks`), or stream them to `send`. */
async function collect(replay: Replay, send?: (part: KeyedAlerts) => Promise<void>): Promise<CaptureRun> {
  let alerts: KeyedAlerts = [];
  for await (const alert of replay.alerts()) {
    alerts.push({ alert, clock: replay.alertClock });
    if (send && alerts.length >= BATCH) {
      await send(alerts);
      alerts = [];
    }
  }
  if (send && alerts.length) {
    await send(alerts);
    alerts = [];
  }
  if (!replay.summary) throw new Error('replay ended without a summary');
  return { alerts, summary: replay.summary };
}

/** The jobs of the groups after the first; undefined when there is no compiled job script (from the sources). */
export type JobWorkers = WorkerRun<CaptureRun>[] | undefined;

/**
 * The options of every job (this process's group too) when `groups` replay at once: `--threads` not given shares
 * the cores out (jobs × threads never above the cores, so `--jobs 2` on two cores reads on the replaying thread).
 */
export const jobOptions = (opts: RunOptions, groups: number): RunOptions => ({ ...opts, threads: threadsPerJob(groups, opts.threads) });

const jobOf = (captures: readonly string[], g: readonly number[], opts: RunOptions, io: CliIo, groups: number): RunJob => {
  const { shard: _shard, summaryFile: _file, profileRules: _prof, ...rest } = jobOptions(opts, groups);
  return { opts: { ...rest, capture: g.map((i) => captures[i] as string) }, env: { ...io.env } };
};

/**
 * Start the jobs of every group but the first, each in a child process: called before this process compiles its
 * rules, so the children start and compile theirs meanwhile.
 */
export function startJobWorkers(captures: readonly string[], groups: readonly number[][], opts: RunOptions, io: CliIo): JobWorkers {
  if (!workerAvailable(WORKER)) return undefined;
  const busy = groups.length >= availableParallelism();
  const runs = groups.slice(1).map((g) => {
    const streamed: KeyedAlerts[] = [];
    const job = jobOf(captures, g, opts, io, groups.length);
    const run = startWorker<RunJob, CaptureRun, KeyedAlerts>(WORKER, job, { busy, onPart: (p) => streamed.push(p), captures: job.opts.capture });
    return { terminate: () => run.terminate(), result: run.result.then((r) => ({ alerts: streamed.flat(), summary: r.summary })) };
  });
  startedAllWorkers();
  // A job that fails while this process replays is reported by parallelReplay, not as unhandled.
  for (const r of runs) r.result.catch(() => undefined);
  return runs;
}

/** Stop workers started for a replay that will not run (its rules did not load). */
export function stopJobWorkers(workers: JobWorkers): void {
  for (const w of workers ?? []) w.terminate();
}

/**
 * Replay the groups of `captures`: the first in this process with `local` (its rules already compiled, its
 * captures the first group's), every other on the jobs started by startJobWorkers (or here, one after another,
 * without a compiled job script); the alerts in the order and the summary one replay gives. When a job fails, the
 * others are stopped and `stopLocal` stops this process's replay (its result is thrown away): the failure is
 * the run's.
 */
export async function parallelReplay(
  captures: readonly string[],
  groups: readonly number[][],
  local: Replay,
  opts: RunOptions,
  io: CliIo,
  workers: JobWorkers = startJobWorkers(captures, groups, opts, io),
  stopLocal: () => void = () => undefined,
): Promise<{ alerts: Alert[]; summary: ReplaySummary }> {
  const t0 = performance.now();
  const others = groups.slice(1);
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown): void => {
    if (failure) return;
    failure = { error };
    stopJobWorkers(workers);
    stopLocal();
  };
  for (const w of workers ?? []) w.result.catch(fail);
  let first: CaptureRun;
  let rest2: CaptureRun[];
  try {
    first = await collect(local);
    if (failure) throw failure.error;
    // From the sources (tests) there is no compiled job script: the other groups replay here, one after another.
    rest2 = workers ? await Promise.all(workers.map((w) => w.result)) : await serially(others.map((g) => () => replayCaptures(jobOf(captures, g, opts, io, groups.length))));
  } catch (e) {
    // This process's replay failed or was stopped, or a job failed: the others' results would be thrown away.
    fail(e);
    throw failure?.error ?? e;
  }
  const results = [first, ...rest2];

  const keyed: { alert: Alert; clock: bigint; capture: number }[] = [];
  const perCapture: CaptureResult[] = [];
  results.forEach((r, gi) => {
    const index = groups[gi] as number[];
    r.summary.captures.forEach((c, k) => (perCapture[index[k] as number] = c));
    for (const a of r.alerts) {
      const capture = index[a.alert.capture] as number;
      keyed.push({ alert: { ...a.alert, capture }, clock: a.clock, capture });
    }
  });
  // Stable: equal keys keep capture order, and each capture's alerts their own order.
  keyed.sort((a, b) => (a.clock < b.clock ? -1 : a.clock > b.clock ? 1 : a.capture - b.capture));
  return { alerts: keyed.map((k) => k.alert), summary: mergeSummaries(results.map((r) => r.summary), perCapture, local.rules, (performance.now() - t0) / 1000) };
}

function mergeSummaries(parts: readonly ReplaySummary[], captures: readonly CaptureResult[], rules: readonly CompiledRule[], seconds: number): ReplaySummary {
  const first = parts[0] as ReplaySummary;
  const ruleSets: RuleSetSummary[] = first.ruleSets.map((rs, k) => {
    const byRule = new Uint32Array(rs.byRule.length);
    const byPriority = rs.byPriority.map(() => 0);
    let alerts = 0;
    for (const p of parts) {
      const x = p.ruleSets[k] as RuleSetSummary;
      alerts += x.alerts;
      x.byRule.forEach((n, i) => (byRule[i] = (byRule[i] ?? 0) + n));
      x.byPriority.forEach((n, i) => (byPriority[i] = (byPriority[i] ?? 0) + n));
    }
    return { name: rs.name, alerts, byRule, byPriority };
  });
  const head = ruleSets[0] as RuleSetSummary;
  const sum = (f: (s: ReplaySummary) => number): number => parts.reduce((n, s) => n + f(s), 0);
  // Per source, in the order one replay over every capture builds them: captures in order, rules in order.
  const add = <K>(m: Map<K, number>, k: K, n: number): void => void (n > 0 && m.set(k, (m.get(k) ?? 0) + n));
  const eventsBySource = new Map<string, number>();
  const unknownPluginEvents = new Map<number, number>();
  for (const c of captures) {
    for (const [k, n] of c.eventsBySource) add(eventsBySource, k, n);
    for (const [k, n] of c.unknownPluginEvents) add(unknownPluginEvents, k, n);
  }
  // From the merged per-rule counts in rule order, as one replay does: summing the groups' maps would order the
  // sources by the group that alerted first.
  const alertsBySource = new Map<string, number>();
  for (const r of rules) add(alertsBySource, r.source, head.byRule[r.id] ?? 0);
  return {
    captures,
    events: sum((s) => s.events),
    evaluated: sum((s) => s.evaluated),
    alerts: sum((s) => s.alerts),
    byRule: head.byRule,
    byPriority: head.byPriority,
    ruleSets,
    seconds,
    eventsBySource,
    alertsBySource,
    unknownPluginEvents,
  };
}
