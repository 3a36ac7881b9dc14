#!/usr/bin/env node
// Start-up (issue 15: load + compile of falco_rules-5.1.0 + incubating + sandbox ≤ 150 ms), CPU time of fresh
// processes, best of N (the machine is shared; CPU time counts every thread of the process, GC and JIT included):
//   node itself (`node -e 0`), importing the engine, reading + loading + compiling the rules (the target), and
//   a whole CLI `validate` of the same rules. The child starts as the CLI does (dist/cli/tiering.js first, which
//   sets V8's interrupt budget); `--default-tiering` measures the load + compile with V8's default as well.
// Usage: node bench/startup.mjs [--runs N]   (child mode: node bench/startup.mjs --child)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchArgs, flags, root, stockRules, timeCli } from './cli-timing.mjs';

const TARGET_MS = 150;
const cpuMs = (c = process.cpuUsage()) => (c.user + c.system) / 1000;

if (process.argv.includes('--child')) {
  const boot = cpuMs();
  if (!process.argv.includes('--default-tiering')) await import(join(root, 'dist', 'cli', 'tiering.js'));
  const { RulesEngine } = await import(join(root, 'dist', 'engine', 'index.js'));
  const { Ruleset } = await import(join(root, 'dist', 'engine', 'ruleset.js'));
  const imported = cpuMs();
  const engine = new RulesEngine();
  let errors = 0;
  for (const f of stockRules()) errors += engine.load(readFileSync(f, 'utf8'), f).errors.length;
  const ruleset = new Ruleset(engine.compiled);
  const loaded = cpuMs();
  console.log(JSON.stringify({ boot, import: imported - boot, load: loaded - imported, errors, rules: ruleset.rules.length }));
  process.exit(0);
}

const { runs } = benchArgs('node bench/startup.mjs [--runs N] [--default-tiering]', 0);
const n = Math.max(runs, 5);
const best = (xs) => Math.min(...xs);
const child = (...extra) => {
  const r = spawnSync(process.execPath, [process.argv[1], '--child', ...extra], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`startup child failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
const withDefault = process.argv.includes('--default-tiering');
// Interleaved, so both see the same machine load.
const children = [];
const defaults = [];
for (let i = 0; i < n; i++) {
  children.push(child());
  if (withDefault) defaults.push(child('--default-tiering'));
}
const node0 = Array.from({ length: n }, () => {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, '-e', '0'], { encoding: 'utf8' });
  const [u, s] = r.stderr.trim().split(' ').map(Number);
  return (u + s) * 1000;
});
const validate = timeCli(['validate', ...flags('-r', stockRules())], n);
const load = best(children.map((c) => c.load));
const c0 = children[0];
console.log(`start-up, CPU ms, best of ${n} fresh processes (${c0.rules} rules enabled, ${c0.errors} errors):`);
console.log(`  node -e 0: ${best(node0).toFixed(0)} ms (1/100 s resolution); node bootstrap before our code: ${best(children.map((c) => c.boot)).toFixed(0)} ms`);
console.log(`  import of the engine: ${best(children.map((c) => c.import)).toFixed(0)} ms`);
console.log(`  read + load + compile of ${stockRules().map((f) => f.split('/').pop()).join(' + ')}: ${load.toFixed(0)} ms (target ≤ ${TARGET_MS} ms) ${load <= TARGET_MS ? 'OK' : 'MISSED'}`);
if (withDefault) console.log(`  the same with V8's default interrupt budget: ${best(defaults.map((c) => c.load)).toFixed(0)} ms`);
console.log(`  falco-replay validate of those rules, whole process: ${((validate.user + validate.system) * 1000).toFixed(0)} ms CPU, ${(validate.seconds * 1000).toFixed(0)} ms wall`);
