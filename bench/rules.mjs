#!/usr/bin/env node
// Rules benchmark: time to load and compile falco_rules-5.1.0 + incubating + sandbox together (the 300 ms
// target of issue 3). Runs from the built dist/ (`npm ci` builds it). Usage: node bench/rules.mjs [--runs N]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.FALCO_REPLAY_SHARED ?? join(root, '..', 'shared'));
if (!existsSync(join(shared, 'rules'))) {
  console.error(`reference folder not found at ${shared}: clone next to ../shared or set FALCO_REPLAY_SHARED`);
  process.exit(2);
}
if (!existsSync(join(root, 'dist', 'engine', 'index.js'))) {
  console.error('dist/ is missing: run `npm run build` (npm ci does) first');
  process.exit(2);
}
const { RulesEngine } = await import(join(root, 'dist', 'engine', 'index.js'));
const { Ruleset } = await import(join(root, 'dist', 'engine', 'ruleset.js'));

const FILES = ['falco_rules-5.1.0.yaml', 'falco-incubating_rules-main.yaml', 'falco-sandbox_rules-main.yaml'];
const TARGET_MS = 300;
const runsArg = process.argv.indexOf('--runs');
const runs = Math.max(1, runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5);

const texts = FILES.map((f) => [f, readFileSync(join(shared, 'rules', f), 'utf8')]);

function loadAll() {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const engine = new RulesEngine();
  let errors = 0;
  for (const [name, text] of texts) errors += engine.load(text, name).errors.length;
  const ruleset = new Ruleset(engine.compiled);
  const cpu = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, errors, rules: engine.compiled.rules.length, enabled: ruleset.rules.length };
}

const first = loadAll();
const times = [];
const cpus = [];
for (let i = 0; i < runs; i++) {
  const r = loadAll();
  times.push(r.ms);
  cpus.push(r.cpuMs);
}
times.sort((a, b) => a - b);
cpus.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const cpuMedian = cpus[Math.floor(cpus.length / 2)];

console.log('rules: load + compile of ' + FILES.join(' + '));
console.log(`  rules compiled: ${first.rules} (${first.enabled} enabled), errors: ${first.errors}`);
console.log(`  cold (first run, includes JIT warm-up): ${first.ms.toFixed(1)} ms wall, ${first.cpuMs.toFixed(1)} ms CPU`);
console.log(`  warm median of ${runs}: ${median.toFixed(1)} ms wall (min ${times[0].toFixed(1)}), ${cpuMedian.toFixed(1)} ms CPU`);
console.log(`  target: < ${TARGET_MS} ms  ->  cold ${first.ms < TARGET_MS ? 'OK' : 'OVER'} (${(first.ms / TARGET_MS).toFixed(2)}x of budget wall, ${(first.cpuMs / TARGET_MS).toFixed(2)}x CPU)`);
console.log('  (CPU time includes the garbage collector and JIT threads; wall time suffers when other work shares the machine)');
if (first.errors > 0) process.exitCode = 1;
