#!/usr/bin/env node
// Diff benchmark (issue 12), through the built CLI as a user runs it:
// 1. `diff` of falco_rules-5.0.0 vs 5.1.0 (+ incubating + sandbox on both sides) over the big synthetic capture,
//    against one `run` of one side: target ≤ 1.3× (two separate runs would cost 2×).
// 2. `diff --jobs 2` vs `--jobs 1` over a folder of 4 captures: target ≥ 1.6× faster, and the same report (also
//    against `--jobs 1 --threads 1`, the base without the reader thread);
//    in rounds (an odd count, at least 5, the three in turn, each going first in its turn), judged on the median
//    of the rounds' ratios (the best of each printed beside it), with the wall and CPU of every process of the
//    fastest runs, beside the control, also the median of rounds: one `diff --threads 1` of one capture alone vs
//    two independent ones at once (what this machine gives two processes). `--jobs 1` reads on a second thread (the worker pipeline) on two cores, each
//    job of `--jobs 2` on its replaying thread (docs/architecture.md#jobs).
// Usage: node bench/diff.mjs BIG_CAPTURE SMALL_CAPTURE [--runs N]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bin, benchArgs, flags, jobsBound, processesText, stockRules as rules, timeCli } from './cli-timing.mjs';
import { medianOf } from './stats.mjs';

const { runs, positional } = benchArgs('node bench/diff.mjs BIG_CAPTURE SMALL_CAPTURE [--runs N]', 2);
const [big, small] = positional;
/** Best wall time of `runs` runs of the CLI (stdout kept from that run); exit 3 (a difference) is no failure. */
const time = (argv) => timeCli(argv, runs, [0, 3]);
/** " (U s user + S s sys)" of a timed run (child processes included), when /usr/bin/time gave them. */
const cpu = (t) => (Number.isNaN(t.user) ? '' : ` (${t.user.toFixed(2)} s user + ${t.system.toFixed(2)} s sys)`);

/** Wall time of `n` independent CLI processes started together (exit 0 or 3). */
function together(argv, n) {
  const t0 = process.hrtime.bigint();
  const one = () => new Promise((res, rej) => spawn(process.execPath, [bin, ...argv], { stdio: 'ignore' }).on('exit', (c) => ([0, 3].includes(c) ? res() : rej(new Error(`exit ${c}`)))));
  return Promise.all(Array.from({ length: n }, one)).then(() => Number(process.hrtime.bigint() - t0) / 1e9);
}

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
  const argv = (j, ...more) => ['diff', caps, ...flags('--base', rules('5.0.0')), ...flags('--head', rules('5.1.0')), '--json', '--jobs', String(j), ...more];
  // In rounds, so that a change of load hits every variant alike, each variant going first in its turn so that
  // none always draws the warmer minute. The best of N compares two minima, and one quiet minute decides it: the
  // median of the rounds' own ratios is the judged figure, over an odd count so that it is a round's own.
  const rounds = Math.max(5, runs) | 1;
  const variants = [
    { list: [], argv: argv(1) },
    { list: [], argv: argv(2) },
    { list: [], argv: argv(1, '--threads', '1') },
  ];
  for (let i = 0; i < rounds; i++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(i + k) % variants.length];
      v.list.push(timeCli(v.argv, 1, [0, 3], true));
    }
  }
  const [ones, twos, oneThreads] = variants.map((v) => v.list);
  const ratios = ones.map((o, i) => o.seconds / twos[i].seconds);
  const speedup = medianOf(ratios);
  const fair = medianOf(oneThreads.map((o, i) => o.seconds / twos[i].seconds));
  const fastest = (l) => l.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const [one, two] = [fastest(ones), fastest(twos)];
  const same = ones.concat(twos, oneThreads).every((r) => r.out === one.out);
  lines.push(`diff over a folder of 4 captures (${small}), ${rounds} rounds: speed-up of --jobs 2 over --jobs 1, median of the rounds' ratios ${speedup.toFixed(2)}× (target ≥ 1.60×) ${speedup >= 1.6 ? 'OK' : 'MISSED'} (rounds ${ratios.map((r) => `${r.toFixed(2)}×`).join(', ')}); best of each: --jobs 1 ${one.seconds.toFixed(2)} s${cpu(one)}, --jobs 2 ${two.seconds.toFixed(2)} s${cpu(two)} (${(one.seconds / two.seconds).toFixed(2)}×); reports ${same ? 'identical' : 'DIFFER'}`);
  lines.push(`  fastest --jobs 2 by process: ${processesText(two.processes)}`);
  lines.push(`  fastest --jobs 1: ${processesText(one.processes)}`);
  const bound = jobsBound(one, two);
  if (bound) lines.push(`  ${bound}`);
  const oneThread = fastest(oneThreads);
  lines.push(`  against --jobs 1 --threads 1 (everything on one thread), median of the rounds' ratios ${fair.toFixed(2)}×; best ${oneThread.seconds.toFixed(2)} s${cpu(oneThread)}: ${processesText(oneThread.processes)}`);
  // The control: what two independent processes get from this machine, each a diff of one capture on one thread.
  const single = ['diff', small, ...flags('--base', rules('5.0.0')), ...flags('--head', rules('5.1.0')), '--json', '--threads', '1'];
  // In rounds as well, judged the same way: the median of each round's 2 × alone / together.
  const controls = [];
  for (let i = 0; i < rounds; i++) {
    const alone = timeCli(single, 1, [0, 3]).seconds;
    const pair = await together(single, 2);
    controls.push({ alone, pair, ratio: (2 * alone) / pair });
  }
  const control = medianOf(controls.map((c) => c.ratio));
  lines.push(`  control: one diff of one capture on one thread alone against two independent ones at once, median of the rounds: this machine gives two processes ${control.toFixed(2)}× (rounds ${controls.map((c) => `${c.alone.toFixed(2)} s / ${c.pair.toFixed(2)} s`).join(', ')})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(lines.join('\n'));
