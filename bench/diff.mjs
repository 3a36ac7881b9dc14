#!/usr/bin/env node
// Diff benchmark (issue 12), through the built CLI as a user runs it:
// 1. `diff` of falco_rules-5.0.0 vs 5.1.0 (+ incubating + sandbox on both sides) over the big synthetic capture,
//    against one `run` of one side: target ≤ 1.3× (two separate runs would cost 2×).
// 2. `diff --jobs 2` vs `--jobs 1` over a folder of 4 captures: target ≥ 1.6× faster, and the same report;
//    timed interleaved (best of N each), with the wall and CPU of every process of the `--jobs 2` run. `--jobs 1`
//    reads on a second thread (the worker pipeline) on two cores, each job of `--jobs 2` on its replaying thread
//    (docs/architecture.md#jobs).
// Usage: node bench/diff.mjs BIG_CAPTURE SMALL_CAPTURE [--runs N]
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchArgs, flags, jobsBound, processesText, stockRules as rules, timeCli } from './cli-timing.mjs';

const { runs, positional } = benchArgs('node bench/diff.mjs BIG_CAPTURE SMALL_CAPTURE [--runs N]', 2);
const [big, small] = positional;
/** Best wall time of `runs` runs of the CLI (stdout kept from that run); exit 3 (a difference) is no failure. */
const time = (argv) => timeCli(argv, runs, [0, 3]);
/** " (U s user + S s sys)" of a timed run (child processes included), when /usr/bin/time gave them. */
const cpu = (t) => (Number.isNaN(t.user) ? '' : ` (${t.user.toFixed(2)} s user + ${t.system.toFixed(2)} s sys)`);

const lines = [];
const run = time(['run', big, ...flags('-r', rules('5.1.0')), '--no-summary', '--no-progress']);
const diff = time(['diff', big, ...flags('--base', rules('5.0.0')), ...flags('--head', rules('5.1.0')), '--json', '--jobs', '1']);
const ratio = diff.seconds / run.seconds;
const totals = JSON.parse(diff.out).totals;
// CPU as well (all threads): on a loaded machine wall time mostly measures the load.
const cpuRatio = Number.isNaN(diff.user) || Number.isNaN(run.user) ? '' : `; CPU ratio ${((diff.user + diff.system) / (run.user + run.system)).toFixed(2)}×`;
lines.push(`diff 5.0.0 → 5.1.0 (+ incubating + sandbox) over ${big}: ${diff.seconds.toFixed(2)} s${cpu(diff)}; one run of 5.1.0: ${run.seconds.toFixed(2)} s${cpu(run)}; ratio ${ratio.toFixed(2)}× (target ≤ 1.30×) ${ratio <= 1.3 ? 'OK' : 'MISSED'}${cpuRatio}`);
lines.push(`  alerts base ${totals.base}, head ${totals.head}, added ${totals.added}, removed ${totals.removed}, changed ${totals.changed}, shadowed ${totals.shadowed}`);

const dir = mkdtempSync(join(tmpdir(), 'fr-bench-diff-'));
try {
  const caps = join(dir, 'caps');
  mkdirSync(caps);
  for (let i = 0; i < 4; i++) symlinkSync(resolve(small), join(caps, `c${i}.scap`));
  const argv = (j) => ['diff', caps, ...flags('--base', rules('5.0.0')), ...flags('--head', rules('5.1.0')), '--json', '--jobs', String(j)];
  // Interleaved, so that a change of load hits both alike.
  let one, two;
  const better = (a, b) => (a && a.seconds <= b.seconds ? a : b);
  for (let i = 0; i < runs; i++) {
    one = better(one, timeCli(argv(1), 1, [0, 3], true));
    two = better(two, timeCli(argv(2), 1, [0, 3], true));
  }
  const speedup = one.seconds / two.seconds;
  lines.push(`diff over a folder of 4 captures (${small}): --jobs 1 ${one.seconds.toFixed(2)} s${cpu(one)}, --jobs 2 ${two.seconds.toFixed(2)} s${cpu(two)}; speed-up ${speedup.toFixed(2)}× (target ≥ 1.60×) ${speedup >= 1.6 ? 'OK' : 'MISSED'}; reports ${one.out === two.out ? 'identical' : 'DIFFER'}`);
  lines.push(`  --jobs 2 by process: ${processesText(two.processes)}`);
  lines.push(`  --jobs 1: ${processesText(one.processes)}`);
  const bound = jobsBound(one, two);
  if (bound) lines.push(`  ${bound}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(lines.join('\n'));
