// The real evaluator behind `diff`, `baseline save` and `test`: Falco's configuration (-c, -o, selection flags)
// resolved once for every side, captures expanded as `run` does, then every side evaluated in one pass per
// capture, in several processes (`--jobs N`) when there are several captures: this one and a child per other
// group (worker-pool.ts). Each job replays its share of the captures with its own state; results are put back in
// capture order, so the report never depends on N.
import { availableParallelism, hostname as osHostname } from 'node:os';
import { escapeControl } from '../../common/index.js';
import { evaluateOnePass, SideLoadError, type CaptureResult, type CommonReplayOptions, type OnePassResult, type RulesSnapshot, type SideOutcome, type SideSpec } from '../../engine/index.js';
import { fileChunks } from '../../scap/index.js';
import { formatDiagnostic } from '../diagnostics.js';
import { captureDamaged } from '../exit-codes.js';
import { resolveConfig, type ConfigOp } from '../falco-config.js';
import { renderLoadResult, selectPlugins } from '../rules-report.js';
import { replayThreads } from '../threads.js';
import { captureWork, defaultJobs, partition, startedAllWorkers, startWorker, threadsPerJob, workerAvailable, type WorkerReply as PoolReply } from '../worker-pool.js';
import { expandCaptures } from './run.js';

export { defaultJobs, partition };

/** What every side shares: Falco's configuration and the replay switches. */
export interface SharedOptions {
  readonly config?: string;
  readonly ops: readonly ConfigOp[];
  readonly legacyEnterEvents?: boolean;
  readonly plugins?: string;
  /** Processes for several captures, this one included (default: the number of cores). */
  readonly jobs?: number;
  /** `--threads N` of every job (default: the cores shared among the jobs, at most 4; 1: one thread). */
  readonly threads?: number;
}

/** The serialisable part of a job: what a worker needs to rebuild the replay options. */
export interface WorkerJob {
  readonly sides: readonly SideSpec[];
  readonly captures: readonly string[];
  readonly common: Omit<CommonReplayOptions, 'plugins' | 'signal' | 'inspector' | 'onProgress'>;
  readonly pluginSpec: string | undefined;
}

export type WorkerReply = PoolReply<OnePassResult>;

export interface Evaluation {
  /** Capture files in report order (directories expanded). */
  readonly captures: readonly string[];
  readonly sides: readonly SideOutcome[];
  /** Notes and read problems to show on stderr. */
  readonly warnings: readonly string[];
  /** Some capture could not be read whole (the run's damage policy). */
  readonly damaged: boolean;
}

/** The message of a side whose rules did not load: which side, then Falco's rendering of the load results. */
export function loadErrorMessage(e: SideLoadError): string {
  return `${e.message}\n${e.loadResults.filter((r) => !r.successful).map((r) => renderLoadResult(r)).join('\n')}`;
}

/** Evaluate one job in this process (what a child does too); `signal` stops it early. */
export async function runJob(job: WorkerJob, snapshots: boolean, signal?: AbortSignal): Promise<OnePassResult> {
  return evaluateOnePass({
    sides: job.sides,
    captures: job.captures.map((c) => ({ name: c, open: () => fileChunks(c), path: c })),
    common: { ...job.common, plugins: selectPlugins(job.pluginSpec), ...(signal ? { signal } : {}) },
    snapshots,
  });
}

const WORKER = new URL('./diff-worker.js', import.meta.url);

/**
 * Resolve the shared options, expand the captures and evaluate every side over them (snapshots when asked).
 * Throws errors fit for the user (configuration, capture paths, rules that do not load).
 */
export async function evaluateSides(sides: readonly SideSpec[], capturePaths: readonly string[], shared: SharedOptions, env: NodeJS.ProcessEnv, snapshots: boolean): Promise<Evaluation & { readonly snapshots: readonly RulesSnapshot[] }> {
  const config = resolveConfig(shared.ops, shared.config);
  const warnings: string[] = [];
  if (!capturePaths.length) throw new Error('no capture given');
  const captures = expandCaptures(capturePaths, (m) => warnings.push(`warning: ${escapeControl(m)}`));
  const pluginSpec = shared.plugins ?? (config.loadPlugins ? config.loadPlugins.join(',') || 'none' : undefined);
  selectPlugins(pluginSpec);
  const jobs = Math.min(shared.jobs ?? defaultJobs(), captures.length);
  // As `run` does: each job reads, inflates and decodes on its share of the cores (one comparison alone: a
  // reader thread beside the one that rebuilds state and evaluates both sides), or on `--threads`. Same results
  // whatever the count.
  const threads = Math.min(replayThreads(shared.threads), threadsPerJob(jobs, shared.threads));
  const job: WorkerJob = {
    sides,
    captures,
    pluginSpec,
    common: {
      appendOutput: config.appendOutput,
      minPriority: config.minPriority,
      selection: config.selection,
      matching: config.ruleMatching,
      ...(shared.legacyEnterEvents ? { legacyEnterEvents: true } : {}),
      hostname: env.FALCO_HOSTNAME || osHostname(),
      // Reports and baselines must not depend on the machine's time zone.
      zoneSeconds: 0,
      bufferFormat: config.bufferBase64 ? 'base64' : 'normal',
      threads,
    },
  };
  let results: OnePassResult[];
  let snaps: RulesSnapshot[] = [];
  try {
    // From the sources (tests) there is no compiled worker script: evaluate here, with the same result.
    if (jobs <= 1 || !workerAvailable(WORKER)) {
      startedAllWorkers();
      const r = await runJob(job, snapshots);
      results = [r];
      if (snapshots) snaps = r.sides.map((s) => s.snapshot as RulesSnapshot);
    } else {
      // This process replays the first group (its rules compiled once, snapshots included); a child process each
      // other group, started before this process compiles. A job that fails stops the others, this one included.
      const groups = partition(captures, jobs, captureWork);
      const busy = groups.length >= availableParallelism();
      const remote = groups.slice(1).map((g) => startWorker<WorkerJob, OnePassResult>(WORKER, { ...job, captures: g }, { busy, captures: g }));
      startedAllWorkers();
      const stop = new AbortController();
      let failure: { error: unknown } | undefined;
      const fail = (error: unknown): void => {
        if (failure) return;
        failure = { error };
        for (const r of remote) r.terminate();
        stop.abort();
      };
      for (const r of remote) r.result.catch(fail);
      try {
        const first = await runJob({ ...job, captures: groups[0] as string[] }, snapshots, stop.signal);
        if (failure) throw failure.error;
        if (snapshots) snaps = first.sides.map((s) => s.snapshot as RulesSnapshot);
        results = [first, ...(await Promise.all(remote.map((r) => r.result)))];
      } catch (e) {
        fail(e);
        throw failure?.error ?? e;
      }
    }
  } catch (e) {
    if (e instanceof SideLoadError) throw new Error(loadErrorMessage(e));
    throw e;
  }
  // Put everything back in capture order.
  const order = new Map(captures.map((c, i) => [c, i]));
  const captureResults: CaptureResult[] = results.flatMap((r) => r.captures).sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  const merged: SideOutcome[] = sides.map((_, i) => {
    const parts = results.map((r) => r.sides[i] as SideOutcome);
    const first = parts[0] as SideOutcome;
    return {
      alerts: parts.flatMap((p) => p.alerts),
      matches: parts.flatMap((p) => p.matches),
      rules: first.rules,
      ...(snapshots ? { snapshot: snaps[i] } : {}),
    };
  });
  let damaged = false;
  for (const c of captureResults) {
    for (const d of c.diagnostics) if (d.severity !== 'info') warnings.push(escapeControl(formatDiagnostic(d), true));
    if (!c.complete) warnings.push(`warning: ${escapeControl(c.name)} could not be read to the end; the alerts before the damage are compared (${c.events} events read)`);
    if (c.read.badEvents > 0) warnings.push(`warning: ${escapeControl(c.name)}: ${c.read.badEvents} malformed event${c.read.badEvents === 1 ? '' : 's'} skipped`);
    if (captureDamaged({ complete: c.complete, badEvents: c.read.badEvents, diagnostics: c.diagnostics })) damaged = true;
  }
  if (config.ignored.length) warnings.push(`configuration keys that do not apply to a replay are ignored: ${escapeControl(config.ignored.join(', '))}`);
  return { captures, sides: merged, warnings, damaged, snapshots: snaps };
}
