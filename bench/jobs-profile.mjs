#!/usr/bin/env node
// Many captures and the rule profile (issue 15), through the built CLI as a user runs it:
// 1. `run --jobs 2` vs `--jobs 1` over a folder of 4 captures (target ≥ 1.7× faster; alerts identical), and vs
//    `--jobs 1 --threads 1` (the fairer base: `--jobs 1` already reads on a second thread), timed interleaved
//    (best of N each), with the CPU time of each (user + system, child processes included) and the wall and CPU
//    of every process of the `--jobs 2` run, beside the control: one replay alone vs two independent processes
//    at once (what this machine gives two replays).
// 2. `profile` vs `run` on the big capture (target ≤ 1.5×), and `run --jobs 1` unchanged by the profiler's seams.
// Usage: node bench/jobs-profile.mjs BIG_CAPTURE SMALL_CAPTURE [--runs N]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bin, benchArgs, flags, jobsBound, processesText, stockRules, timeCli } from './cli-timing.mjs';

const { runs, positional } = benchArgs('node bench/jobs-profile.mjs BIG_CAPTURE SMALL_CAPTURE [--runs N]', 2);
const [big, small] = positional;
const rules = flags('-r', stockRules());
/** " (U s user + S s sys)" of a timed run, when /usr/bin/time gave them. */
const cpu = (t) => (Number.isNaN(t.user) ? '' : ` (${t.user.toFixed(2)} s user + ${t.system.toFixed(2)} s sys)`);
/** Best wall time of `runs` runs (CPU of that run when /usr/bin/time exists; stdout of that run). */
const time = (argv) => timeCli(argv, runs);

/** Wall time of `n` independent CLI processes started together (best of `runs`). */
async function together(argv, n) {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await Promise.all(Array.from({ length: n }, () => new Promise((res, rej) => spawn(process.execPath, [bin, ...argv], { stdio: 'ignore' }).on('exit', (c) => (c === 0 ? res() : rej(new Error(`exit ${c}`)))))));
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best;
}

const lines = [];
const dir = mkdtempSync(join(tmpdir(), 'fr-bench-jobs-'));
try {
  const caps = join(dir, 'caps');
  mkdirSync(caps);
  for (let i = 0; i < 4; i++) symlinkSync(resolve(small), join(caps, `c${i}.scap`));
  const argv = (j, ...more) => ['run', caps, ...rules, '--json', '--no-progress', '--jobs', String(j), ...more];
  // Interleaved, so that a change of load hits every variant alike.
  let one, two, oneThread;
  const better = (a, b) => (a && a.seconds <= b.seconds ? a : b);
  for (let i = 0; i < runs; i++) {
    one = better(one, timeCli(argv(1), 1, [0], true));
    two = better(two, timeCli(argv(2), 1, [0], true));
    oneThread = better(oneThread, timeCli(argv(1, '--threads', '1'), 1));
  }
  const speedup = one.seconds / two.seconds;
  const fair = oneThread.seconds / two.seconds;
  const single = ['run', small, ...rules, '--no-summary', '--no-progress'];
  const alone = time(single);
  const pair = await together(single, 2);
  const control = (2 * alone.seconds) / pair;
  lines.push(`run over a folder of 4 captures (${small}): --jobs 1 ${one.seconds.toFixed(2)} s${cpu(one)}, --jobs 2 ${two.seconds.toFixed(2)} s${cpu(two)}; speed-up ${speedup.toFixed(2)}× (target ≥ 1.70×) ${speedup >= 1.7 ? 'OK' : 'MISSED'}; alerts and summary ${one.out === two.out ? 'identical' : 'DIFFER'}`);
  lines.push(`  --jobs 2 by process: ${processesText(two.processes)}`);
  lines.push(`  --jobs 1: ${processesText(one.processes)}`);
  const bound = jobsBound(one, two);
  if (bound) lines.push(`  ${bound}`);
  lines.push(`  against --jobs 1 --threads 1 ${oneThread.seconds.toFixed(2)} s${cpu(oneThread)}: ${fair.toFixed(2)}×; alerts and summary ${oneThread.out === two.out ? 'identical' : 'DIFFER'}`);
  lines.push(`  control: one replay alone ${alone.seconds.toFixed(2)} s, two independent processes at once ${pair.toFixed(2)} s: this machine gives two replays ${control.toFixed(2)}×`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const plain = time(['run', big, ...rules, '--no-summary', '--no-progress']);
const prof = time(['profile', big, ...rules, '--json']);
const overhead = prof.seconds / plain.seconds;
lines.push(`profile over ${big}: ${prof.seconds.toFixed(2)} s${cpu(prof)}; run ${plain.seconds.toFixed(2)} s${cpu(plain)}; overhead ${overhead.toFixed(2)}× (target ≤ 1.50×) ${overhead <= 1.5 ? 'OK' : 'MISSED'}`);
console.log(lines.join('\n'));
