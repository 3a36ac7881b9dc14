// What the CLI benchmarks (diff.mjs, jobs-profile.mjs, startup.mjs) share: where things are, their command line
// (`CAPTURE... [--runs N]`), the stock rules files, and timing the built CLI as a user runs it (best of N runs:
// the machine is shared).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const shared = resolve(process.env.FALCO_REPLAY_SHARED ?? join(root, '..', 'shared'));
export const bin = join(root, 'dist', 'cli', 'main.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** `--runs N` (default 1) and the other arguments, in order; exits with `usage` when fewer than `needed` are given. */
export function benchArgs(usage, needed) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--runs');
  const runs = Math.max(1, at >= 0 ? Number(args[at + 1]) : 1);
  const positional = args.filter((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
  if (positional.length < needed) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return { runs, positional };
}

/** The paths of falco_rules-VERSION + incubating + sandbox (the stock set every benchmark uses). */
export const stockRules = (version = '5.1.0') =>
  [`falco_rules-${version}.yaml`, 'falco-incubating_rules-main.yaml', 'falco-sandbox_rules-main.yaml'].map((f) => join(shared, 'rules', f));

/** `[flag, f1, flag, f2, …]`. */
export const flags = (flag, files) => files.flatMap((f) => [flag, f]);

const USAGE = join(root, 'bench', 'process-usage.mjs');

/**
 * Best wall time of `runs` runs of the CLI with `argv`, with that run's user and system CPU (when /usr/bin/time
 * exists) and stdout; a status outside `okStatus` is an error. With `perProcess`, also that run's `processes`:
 * each process's role (its script), start (ms since the epoch), wall and CPU seconds and peak RSS, the CLI's
 * process first (bench/process-usage.mjs).
 */
export function timeCli(argv, runs, okStatus = [0], perProcess = false) {
  let best = { seconds: Infinity, user: NaN, system: NaN, out: '', processes: [] };
  const node = perProcess ? [process.execPath, '--import', USAGE] : [process.execPath];
  for (let i = 0; i < runs; i++) {
    const cmd = TIME ? [TIME, '-f', '@@cpu %U %S', ...node, bin, ...argv] : [...node, bin, ...argv];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (!okStatus.includes(r.status)) throw new Error(`falco-replay ${argv.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
    const m = /@@cpu ([0-9.]+) ([0-9.]+)/.exec(r.stderr);
    const processes = [...r.stderr.matchAll(/^@@process (\{.*\})$/gm)].map((p) => JSON.parse(p[1])).sort((a, b) => (a.role === 'main.js' ? -1 : b.role === 'main.js' ? 1 : a.start - b.start));
    if (seconds < best.seconds) best = { seconds, user: Number(m?.[1] ?? NaN), system: Number(m?.[2] ?? NaN), out: r.stdout, processes };
  }
  return best;
}

/**
 * Where the time of a run with several processes went: each process's wall and CPU seconds (its main thread's
 * apart, where known), a job process's start after the CLI's (from timeCli's `processes`).
 */
export function processesText(processes) {
  const first = processes[0];
  if (!first) return '';
  return processes
    .map((p, i) => `${i === 0 ? 'CLI process' : `job ${i}`} ${p.wall.toFixed(2)} s wall, ${p.cpu.toFixed(2)} s CPU${typeof p.mainCpu === 'number' ? ` (main thread ${p.mainCpu.toFixed(2)} s)` : ''}${i === 0 ? '' : `, started +${((p.start - first.start) / 1000).toFixed(2)} s`}`)
    .join('; ');
}

/**
 * What `--jobs 2` could give over `--jobs 1` on `cores` idle cores (this machine's) at the CPU times of these two runs (timeCli's
 * `processes`): `--jobs 1` takes at least its main (replaying) thread's CPU, its reader thread beside it; `--jobs 2`
 * at least its processes' CPU shared over the cores, or its longest process. Undefined without main-thread times.
 */
export function jobsBound(one, two, cores = availableParallelism()) {
  const main = one.processes[0]?.mainCpu;
  if (typeof main !== 'number' || !two.processes.length) return undefined;
  const all = two.processes.reduce((n, p) => n + p.cpu, 0);
  const floor = Math.max(all / cores, ...two.processes.map((p) => p.cpu));
  return `at these CPU times ${cores} idle cores give --jobs 2 at most ${(main / floor).toFixed(2)}×: --jobs 1 takes at least its replaying thread's ${main.toFixed(2)} s (of ${one.processes[0].cpu.toFixed(2)} s CPU, the rest on its reader thread), --jobs 2 at least ${floor.toFixed(2)} s (${all.toFixed(2)} s of CPU in all over ${cores} cores, or its longest process)`;
}

/** " (U s user)" when the user CPU is known. */
export const userCpu = (t) => (Number.isNaN(t.user) ? '' : ` (${t.user.toFixed(2)} s user)`);
