// What the CLI benchmarks (diff.mjs, jobs-profile.mjs, startup.mjs) share: where things are, their command line
// (`CAPTURE... [--runs N]`), the stock rules files, and timing the built CLI as a user runs it (best of N runs:
// the machine is shared).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/**
 * Best wall time of `runs` runs of the CLI with `argv`, with that run's user and system CPU (when /usr/bin/time
 * exists) and stdout; a status outside `okStatus` is an error.
 */
export function timeCli(argv, runs, okStatus = [0]) {
  let best = { seconds: Infinity, user: NaN, system: NaN, out: '' };
  for (let i = 0; i < runs; i++) {
    const cmd = TIME ? [TIME, '-f', '@@cpu %U %S', process.execPath, bin, ...argv] : [process.execPath, bin, ...argv];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (!okStatus.includes(r.status)) throw new Error(`falco-replay ${argv.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
    const m = /@@cpu ([0-9.]+) ([0-9.]+)/.exec(r.stderr);
    if (seconds < best.seconds) best = { seconds, user: Number(m?.[1] ?? NaN), system: Number(m?.[2] ?? NaN), out: r.stdout };
  }
  return best;
}

/** " (U s user)" when the user CPU is known. */
export const userCpu = (t) => (Number.isNaN(t.user) ? '' : ` (${t.user.toFixed(2)} s user)`);
