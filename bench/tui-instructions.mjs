#!/usr/bin/env node
// The live UI's cost counted in instructions instead of CPU time (docs/tui-views.md#the-live-uis-cost): `run` and
// the UI of bench/tui.mjs, each under `valgrind --tool=callgrind` (both at once, one per core), with node's
// --predictable --hash-seed=1 --random-seed=1 (no concurrent compiling or marking, fixed hash seeds), which
// repeats a replay's count to about 1 % where its CPU time moves ±15–50 % on a shared VM. Counts only the
// measured window (bench/tui.mjs zeroes and dumps the counts with BENCH_CALLGRIND=1, through callgrind_control,
// which needs vgdb to reach the process), all threads; the UI draws its frames at `pace` (BENCH_CALLGRIND_PACE,
// default 100: a run under callgrind is about 80× slower), and the frames it drew are printed (compare with
// the `frames` of a native `node bench/tui.mjs ui-replay` of the same capture). Slow: about 5 minutes for 1 M
// events, 25 for 5 M (the captures bench/run.mjs builds under .bench/).
// Usage: node bench/tui-instructions.mjs [--threads N] [--detached] CAPTURE RULES...
//   --detached also counts `run-detached` (a run after one ArrayBuffer was detached, as yoga's load through
//   fetch did).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { giga, signedPct, threadsLabel } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const usage = 'usage: node bench/tui-instructions.mjs [--threads N] [--detached] CAPTURE RULES...';

/** Whether valgrind's callgrind can count here (Debian package valgrind; callgrind_control comes with it). */
export function callgrindAvailable() {
  return spawnSync('valgrind', ['--version']).status === 0 && spawnSync('callgrind_control', ['--version']).status === 0;
}

/**
 * `run` and the UI's replay (`ui-replay`) of bench/tui.mjs under callgrind at once, and `run-detached` beside them
 * when asked; `threads` as bench/tui.mjs takes them ([] for the CLI's default, or ['--threads', 'N']). Resolves to
 * each mode's JSON line with its `instructions` (the measured window, all threads), and the pace the UI drew at.
 */
export async function countInstructions({ threads = [], detached = false, capture, rules }) {
  const pace = process.env.BENCH_CALLGRIND_PACE ?? '100';
  const dir = mkdtempSync(join(tmpdir(), 'tui-instructions-'));
  const children = new Set();
  /** One mode under callgrind: resolves to its JSON line and the instructions of its measured window. */
  const counted = (mode) => {
    const out = join(dir, mode);
    const node = [process.execPath, '--predictable', '--hash-seed=1', '--random-seed=1'];
    const child = spawn('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}.%p`, ...node, join(here, 'tui.mjs'), mode, ...threads, capture, ...rules], {
      env: { ...process.env, BENCH_CALLGRIND: '1', BENCH_CALLGRIND_PACE: pace },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    return new Promise((resolve, reject) =>
      child.on('close', (code) => {
        children.delete(child);
        if (code !== 0) return reject(new Error(`${mode} failed (${code}): ${stderr.slice(-2000)}`));
        // The dump at the window's end is part 1 of the process's output (`…<pid>.1`).
        const dump = readdirSync(dir).find((f) => f.startsWith(`${mode}.`) && f.endsWith('.1'));
        const summary = dump && /^summary: (\d+)$/m.exec(readFileSync(join(dir, dump), 'utf8'));
        if (!summary) return reject(new Error(`${mode}: no callgrind dump of the window in ${dir}`));
        resolve({ ...JSON.parse(/^\{.*\}/m.exec(stdout)?.[0] ?? 'null'), instructions: Number(summary[1]) });
      }),
    );
  };
  try {
    const modes = ['run', 'ui-replay', ...(detached ? ['run-detached'] : [])];
    const [run, ui, det] = await Promise.all(modes.map(counted));
    return { run, ui, det, pace };
  } finally {
    // A mode that failed leaves the others running for many minutes otherwise.
    for (const c of children) c.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const args = process.argv.slice(2);
  let threads = [];
  let detached = false;
  while (args[0]?.startsWith('--')) {
    const flag = args.shift();
    if (flag === '--detached') detached = true;
    else if (flag === '--threads' && /^\d+$/.test(args[0] ?? '')) threads = ['--threads', args.shift()];
    else {
      console.error(`bench/tui-instructions.mjs: bad option ${flag}\n${usage}`);
      process.exit(2);
    }
  }
  if (args.length < 2) {
    console.error(usage);
    process.exit(2);
  }
  if (!callgrindAvailable()) {
    console.error('bench/tui-instructions.mjs: valgrind or its callgrind_control is not installed (Debian package valgrind)');
    process.exit(1);
  }
  const [capture, ...rules] = args;
  try {
    const { run, ui, det, pace } = await countInstructions({ threads, detached, capture, rules });
    console.log(`${run.events} events, ${threadsLabel(run.threads)}; instructions of the measured window, all threads:`);
    console.log(`  run ${giga(run.instructions)}, live UI ${giga(ui.instructions)}: ${signedPct(ui.instructions / run.instructions - 1)}`);
    if (det) {
      console.log(`  run after one ArrayBuffer detached ${giga(det.instructions)}: ${signedPct(det.instructions / run.instructions - 1)}`);
    }
    console.log(`  frames the UI drew: ${ui.frames} (pace ${pace})`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
