#!/usr/bin/env node
// Benchmarks (not tests): `npm run bench [-- --only scap,replay,rules,record,state] [--events N] [--source FILE] [--no-sysdig] [--json]`.
// Each suite is a function of a shared context returning result rows (and optionally notes or the text of a
// stand-alone benchmark script beside this one); SUITES below lists them in the order they run. Inputs are synthetic captures built with ../shared/tools/synth_scap.py and
// cached under .bench/.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { filterArgs, sysdigFilter } from './sysdig-filter.mjs';
import { cloneMemory } from './clone-memory.mjs';
import { tuiSuite } from './tui.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.FALCO_REPLAY_SHARED ?? join(root, '..', 'shared'));
// FALCO_REPLAY_BENCH_DIR moves the cache (the plugins suite's capture is about 2 GB).
const cacheDir = process.env.FALCO_REPLAY_BENCH_DIR ? resolve(process.env.FALCO_REPLAY_BENCH_DIR) : join(root, '.bench');

function parseArgs(argv) {
  const a = { only: [], events: 5_000_000, source: join(shared, 'captures', 'curl_google.scap'), sysdig: true, json: false, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--only') a.only.push(...argv[++i].split(','));
    else if (k === '--events') a.events = Number(argv[++i]);
    else if (k === '--source') a.source = resolve(argv[++i]);
    else if (k === '--runs') a.runs = Number(argv[++i]);
    else if (k === '--no-sysdig') a.sysdig = false;
    else if (k === '--json') a.json = true;
    else if (k === '--help' || k === '-h') {
      console.log('usage: npm run bench -- [--only scap[,suite…]] [--events N] [--source CAPTURE] [--runs N] [--no-sysdig] [--json]');
      console.log(`suites: ${Object.keys(SUITES).join(', ')}`);
      process.exit(0);
    } else {
      console.error(`unknown argument ${k}`);
      process.exit(2);
    }
  }
  return a;
}

/** A synthetic capture of about `events` events from `source`, built once and cached (plain and gzip). */
async function syntheticCapture(source, events) {
  mkdirSync(cacheDir, { recursive: true });
  const plain = join(cacheDir, `synth-${basename(source).replace(/\.scap(\.gz)?$/, '')}-${events}.scap`);
  if (!existsSync(plain)) {
    console.error(`building ${plain} with synth_scap.py …`);
    const r = spawnSync('python3', [join(shared, 'tools', 'synth_scap.py'), source, plain, '--events', String(events)], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('synth_scap.py failed');
  }
  const gz = `${plain}.gz`;
  if (!existsSync(gz)) {
    console.error(`compressing ${gz} …`);
    await pipeline(createReadStream(plain), createGzip({ level: 1 }), createWriteStream(gz));
  }
  return { plain, gz };
}

function ensureBuilt() {
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

/** Run a Node child that prints one JSON line; best of `runs` by speed (the machine is shared). */
function child(script, args, runs) {
  let best;
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [join(root, script), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
    const res = JSON.parse(r.stdout.trim().split('\n').pop());
    if (!best || res.seconds < best.seconds) best = { ...res, maxRssMB: Math.max(res.maxRssMB, best?.maxRssMB ?? 0) };
    else best.maxRssMB = Math.max(best.maxRssMB, res.maxRssMB);
  }
  return best;
}

function timeSysdig(file, runs, filter = []) {
  const probe = spawnSync('sysdig', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return undefined;
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('sysdig', ['-r', file, '-q', ...filter], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) return undefined;
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best;
}

/** Run a stand-alone benchmark script and keep its text output (it prints its own figures and targets). */
function script(path, args = []) {
  const r = spawnSync(process.execPath, [join(root, path), ...args], { encoding: 'utf8', maxBuffer: 1 << 22 });
  const text = `${r.stdout}${r.stderr}`.trimEnd();
  return r.status === 0 ? text : `${text}\n(${path} exited with ${r.status})`;
}

/** A current-layout capture (as our recorder and Falco 0.42+ write), the source of the current-layout rows. */
const CURRENT_SOURCE = join(root, 'fixtures', 'recorded', 'shell-redirect-copy-exec.current.scap');
const REPLAY_RULES = ['falco_rules-5.1.0.yaml', 'falco-incubating_rules-main.yaml', 'falco-sandbox_rules-main.yaml'];

/** The state engine (Inspector.next) alone, with the stock rules evaluated, and with every rule field extracted. */
async function stateSuite(ctx) {
  const { plain } = await syntheticCapture(ctx.args.source, ctx.args.events);
  const rules = ['falco_rules-5.1.0.yaml', 'falco-incubating_rules-main.yaml', 'falco-sandbox_rules-main.yaml'].map((f) => join(ctx.shared, 'rules', f));
  const rows = [];
  for (const mode of ['state', 'rules', 'fields']) {
    const r = child('bench/state-fields.mjs', [plain, mode, ...rules], ctx.args.runs);
    rows.push({
      suite: 'state',
      name: `state ${mode}`,
      events: r.inputEvents,
      delivered: r.events,
      seconds: r.seconds,
      eventsPerSecond: r.eventsPerSecond,
      maxRssMB: r.maxRssMB,
      target: mode === 'rules' ? '>= 2M ev/s (whole replay)' : undefined,
      ok: mode === 'rules' ? r.eventsPerSecond >= 2e6 : undefined,
    });
  }
  return rows;
}

/** Decoding speed and memory of src/scap. */
async function scapSuite(ctx) {
  const { plain, gz } = await syntheticCapture(ctx.args.source, ctx.args.events);
  const rows = [];
  for (const [label, file] of [
    ['plain', plain],
    ['gzip', gz],
  ]) {
    const sys = ctx.args.sysdig ? timeSysdig(file, ctx.args.runs) : undefined;
    for (const mode of ['header', 'full', 'strings', 'converted']) {
      const r = child('bench/scap-decode.mjs', [file, mode], ctx.args.runs);
      rows.push({
        suite: 'scap',
        name: `decode ${label} ${mode}`,
        events: r.inputEvents,
        delivered: r.events,
        seconds: r.seconds,
        eventsPerSecond: r.eventsPerSecond,
        maxRssMB: r.maxRssMB,
        sysdigSeconds: sys,
        vsSysdig: sys === undefined ? undefined : sys / r.seconds,
        target: mode === 'full' ? '>= 5M ev/s, < 200 MB' : undefined,
        ok: mode === 'full' ? r.eventsPerSecond >= 5e6 && r.maxRssMB < 200 : undefined,
      });
    }
  }
  return rows;
}

/**
 * Replay speed and memory of the whole product path (decode, state, rules, alert formatting) with Falco's
 * current rules, against sysdig -q evaluating the same rules as one filter on the same file.
 */
async function replaySuite(ctx) {
  const rules = REPLAY_RULES.map((f) => join(shared, 'rules', f));
  const small = Math.max(1, Math.round(ctx.args.events / 5));
  const big = await syntheticCapture(ctx.args.source, ctx.args.events);
  const little = await syntheticCapture(ctx.args.source, small);
  const rows = [];
  const notes = [];
  let sys;
  if (ctx.args.sysdig) {
    const sf = await sysdigFilter(root, rules, join(shared, 'captures', 'cat_write.scap'), cacheDir);
    notes.push(
      `sysdig filter: OR of ${sf.included.length} of the ${sf.enabled} enabled rules' expanded conditions (${(sf.filter.length / 1024).toFixed(0)} KiB, probed rule by rule with sysdig); left out:`,
      ...sf.excluded.map((x) => `  - ${x.rule}: ${x.reason}`),
    );
    sys = timeSysdig(big.plain, ctx.args.runs, filterArgs(sf.filter));
  }
  const noRules = join(cacheDir, 'no-rules.yaml');
  writeFileSync(noRules, '# no rules: decoding and state only\n- list: nothing\n  items: []\n');
  // The worker pipeline (--threads): the run's default against one thread, old layout (converted) and current
  // layout, plain and gzip; those rows compare with sysdig's own read + state pass on the same file (no filter).
  const threads = Math.min(availableParallelism(), 4);
  const current = await syntheticCapture(CURRENT_SOURCE, ctx.args.events);
  const noFilter = new Map();
  const sysdigPass = (file) => {
    if (!ctx.args.sysdig) return undefined;
    if (!noFilter.has(file)) noFilter.set(file, timeSysdig(file, ctx.args.runs));
    return noFilter.get(file);
  };
  for (const [label, file, events, legacy, ruleFiles = rules, n = 1, pass = undefined] of [
    ['replay plain', big.plain, ctx.args.events, false],
    ['replay gzip', big.gz, ctx.args.events, false],
    ['replay plain legacy', big.plain, ctx.args.events, true],
    [`replay plain (${small} ev)`, little.plain, small, false],
    ['replay plain, no rules', big.plain, ctx.args.events, false, [noRules]],
    ...[
      ['old', big],
      ['current', current],
    ].flatMap(([layout, f]) =>
      [
        ['plain', f.plain],
        ['gzip', f.gz],
      ].flatMap(([kind, file]) => [
        [`${layout} ${kind} --threads 1`, file, ctx.args.events, false, rules, 1, true],
        [`${layout} ${kind} --threads ${threads}`, file, ctx.args.events, false, rules, threads, true],
      ]),
    ),
  ]) {
    const r = child('bench/replay-run.mjs', [file, ...ruleFiles, ...(legacy ? ['--legacy'] : []), `--threads=${n}`], ctx.args.runs);
    const main = label === 'replay plain';
    const sysPass = pass ? sysdigPass(file) : undefined;
    rows.push({
      suite: 'replay',
      name: label,
      events: r.events,
      delivered: r.evaluated,
      seconds: r.seconds,
      eventsPerSecond: r.eventsPerSecond,
      maxRssMB: r.maxRssMB,
      sysdigSeconds: main ? sys : sysPass,
      vsSysdig: main && sys !== undefined ? sys / r.seconds : sysPass !== undefined ? sysPass / r.seconds : undefined,
      target: main ? '>= 2M ev/s' : pass && n > 1 ? (label.includes('gzip') ? '>= 2.5M ev/s' : '>= 3M ev/s') : undefined,
      ok: main ? r.eventsPerSecond >= 2e6 : pass && n > 1 ? r.eventsPerSecond >= (label.includes('gzip') ? 2.5e6 : 3e6) : undefined,
      extra: { alerts: r.alerts, rules: r.rules, loadSeconds: r.loadSeconds, top: r.top, requested: events, cpuSeconds: r.cpuSeconds, mainCpuSeconds: r.mainCpuSeconds, threads: r.threads },
    });
  }
  const [a, , , b] = rows;
  notes.push(
    `alerts on ${ctx.args.events} events: ${a.extra.alerts} (${a.extra.rules} rules enabled; rules load and compile: ${a.extra.loadSeconds.toFixed(2)} s, not in the replay time); top: ${a.extra.top.map(([n, c]) => `${n} ${c}`).join(', ') || '-'}`,
    `peak RSS: ${b.maxRssMB.toFixed(0)} MB at ${b.events} events, ${a.maxRssMB.toFixed(0)} MB at ${a.events} events (flat with file size: ${a.maxRssMB < b.maxRssMB * 1.25 + 20 ? 'yes' : 'NO'})`,
  );
  for (const r of rows.filter((x) => x.extra.threads > 1)) {
    const one = rows.find((x) => x.name === r.name.replace(/--threads \d+$/, '--threads 1'));
    if (one) {
      notes.push(
        `${r.name}: ${(one.seconds / r.seconds).toFixed(2)}× the speed of --threads 1; CPU ${r.extra.cpuSeconds.toFixed(2)} s over all threads of which ${r.extra.mainCpuSeconds.toFixed(2)} s on the main one (state and rules), against ${one.extra.cpuSeconds.toFixed(2)} s on one thread: ${(one.extra.cpuSeconds / Math.max(r.extra.mainCpuSeconds, r.extra.cpuSeconds - r.extra.mainCpuSeconds)).toFixed(2)}× on an idle machine at most (the busier of the main thread and the others sets the pace)`,
      );
    }
  }
  return { rows, notes };
}

/** Rules load and compile time (bench/rules.mjs). */
async function rulesSuite() {
  return { rows: [], text: script('bench/rules.mjs') };
}

/** Start-up: node itself, the engine import, and the stock rules' load + compile, apart (bench/startup.mjs). */
async function startupSuite(ctx) {
  return { rows: [], text: script('bench/startup.mjs', ['--runs', String(Math.max(5, ctx.args.runs))]) };
}

/** Recorder overhead (bench/record.mjs; needs root and the built addon, else says why it cannot run). */
async function recordSuite() {
  return { rows: [], text: script('bench/record.mjs') };
}

/** `diff` against one `run` on the big capture, and `--jobs 2` against `--jobs 1` on 4 captures (bench/diff.mjs). */
async function diffSuite(ctx) {
  const big = await syntheticCapture(ctx.args.source, ctx.args.events);
  const small = await syntheticCapture(ctx.args.source, Math.max(1, Math.round(ctx.args.events / 5)));
  return { rows: [], text: script('bench/diff.mjs', [big.plain, small.plain, '--runs', String(ctx.args.runs)]) };
}

/**
 * k8s audit replay throughput: 1 M plugin events (the audit events of ../shared/k8s_audit repeated, cached in
 * the bench cache) through the 2022 k8s audit rules, as `falco-replay run` replays a recorded audit log.
 */
async function pluginsSuite(ctx) {
  const n = 1_000_000;
  mkdirSync(cacheDir, { recursive: true });
  const file = join(cacheDir, `k8s-audit-${n}.scap`);
  if (!existsSync(file)) {
    console.error(`building ${file} …`);
    const r = spawnSync(process.execPath, [join(root, 'bench', 'plugins-capture.mjs'), join(shared, 'k8s_audit'), file, String(n)], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error('plugins-capture.mjs failed');
  }
  const r = child('bench/replay-run.mjs', [file, join(shared, 'rules', 'k8s_audit_rules-2022-03.yaml')], Math.min(ctx.args.runs, 2));
  const rows = [
    {
      suite: 'plugins',
      name: 'k8s audit replay',
      events: r.events,
      delivered: r.evaluated,
      seconds: r.seconds,
      eventsPerSecond: r.eventsPerSecond,
      maxRssMB: r.maxRssMB,
      extra: { alerts: r.alerts, rules: r.rules, loadSeconds: r.loadSeconds, top: r.top, requested: n },
    },
  ];
  const notes = [
    `${r.events} k8s audit events (${(statSync(file).size / 1e6).toFixed(0)} MB), ${r.rules} rules, rule_matching first: ${r.alerts} alerts; top: ${r.top.map(([name, c]) => `${name} ${c}`).join(', ')}`,
  ];
  return { rows, notes };
}

/** `run --jobs 2` vs `--jobs 1` on 4 captures (with the two-process control) and the profile's overhead (bench/jobs-profile.mjs). */
async function jobsSuite(ctx) {
  const big = await syntheticCapture(ctx.args.source, ctx.args.events);
  const small = await syntheticCapture(ctx.args.source, Math.max(1, Math.round(ctx.args.events / 5)));
  return { rows: [], text: script('bench/jobs-profile.mjs', [big.plain, small.plain, '--runs', String(ctx.args.runs)]) };
}

/** The suites, in the order they run: name → function of the shared context. */
const SUITES = {
  scap: scapSuite,
  replay: replaySuite,
  rules: rulesSuite,
  startup: startupSuite,
  record: recordSuite,
  state: stateSuite,
  diff: diffSuite,
  plugins: pluginsSuite,
  jobs: jobsSuite,
};

/** Peak RSS on 1 M and 3 M clone events (thread table cap) against sysdig (bench/clone-memory.mjs). */
SUITES.clones = cloneMemory;

/** The TUI: live-UI slowdown against run, peak RSS and event-open latency on the large capture (bench/tui.mjs). */
SUITES.tui = (ctx) => tuiSuite({ ...ctx, capture: (events) => syntheticCapture(ctx.args.source, events) });

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const names = args.only.length ? args.only : Object.keys(SUITES);
  for (const n of names) if (!SUITES[n]) throw new Error(`unknown suite ${n} (have: ${Object.keys(SUITES).join(', ')})`);
  ensureBuilt();
  const ctx = { args, root, shared };
  const rows = [];
  const sections = [];
  for (const n of names) {
    const res = await SUITES[n](ctx);
    if (Array.isArray(res)) rows.push(...res);
    else {
      rows.push(...res.rows);
      if (res.notes?.length || res.text) sections.push({ name: n, notes: res.notes ?? [], text: res.text });
    }
  }
  const env = { cpus: cpus().length, loadavg: loadavg().map((x) => x.toFixed(2)).join(' '), node: process.version, source: args.source, events: args.events };
  if (args.json) {
    console.log(JSON.stringify({ env, rows, sections }, null, 2));
    return;
  }
  console.log(`node ${env.node}, ${env.cpus} CPUs, load average ${env.loadavg} (figures are the best of ${args.runs} runs unless a suite says it judges the median of rounds)`);
  const synth = join(cacheDir, `synth-${basename(args.source).replace(/\.scap(\.gz)?$/, '')}-${args.events}.scap`);
  if (rows.length && existsSync(synth)) console.log(`input: ${basename(args.source)} × synth_scap.py → ${args.events} events (${(statSync(synth).size / 1e6).toFixed(0)} MB plain)`);
  const pad = (s, n) => String(s).padEnd(n);
  // Wide enough for the longest name: a name that runs into the events column reads as part of the count.
  const nameWidth = Math.max(26, ...rows.map((r) => r.name.length + 1));
  if (rows.length) console.log(`${pad('benchmark', nameWidth)}${pad('events in', 10)}${pad('seconds', 9)}${pad('M ev/s', 8)}${pad('peak RSS', 10)}${pad('vs sysdig -q', 18)}target`);
  for (const r of rows) {
    const ratio = r.vsSysdig === undefined ? '-' : `${r.vsSysdig.toFixed(2)}× (${r.sysdigSeconds.toFixed(2)} s)`;
    const target = r.target ? `${r.target}: ${r.ok ? 'met' : 'NOT MET'}` : '';
    // A row without timings (an instruction count) shows '-' there.
    const [secs, rate, rss] = r.seconds === undefined ? ['-', '-', '-'] : [r.seconds.toFixed(3), (r.eventsPerSecond / 1e6).toFixed(2), `${r.maxRssMB.toFixed(0)} MB`];
    console.log(`${pad(r.name, nameWidth)}${pad(r.events, 10)}${pad(secs, 9)}${pad(rate, 8)}${pad(rss, 10)}${pad(ratio, 18)}${target}`);
  }
  if (rows.some((r) => r.suite === 'scap')) {
    console.log('header = framing + header fields; full = every parameter decoded (numbers read, strings and buffers as views, addresses and fd lists as objects);');
    console.log('strings = full + every string materialised; converted = full, reading in converted mode (old layouts normalised, enter events merged).');
    console.log('events in / M ev/s count events read from the file; converted mode delivers fewer (enter events merged into exits).');
    console.log('vs sysdig -q = sysdig time / our time on the same file (> 1 means faster than sysdig).');
  }
  if (rows.some((r) => r.suite === 'replay')) {
    console.log('replay = falco-replay run as a library: decode, state, the rules of ' + REPLAY_RULES.join(' + ') + ', alert lines formatted;');
    console.log('  Falco >= 0.42 event semantics (legacy = --legacy-enter-events); no rules = decoding and state alone;');
    console.log('  sysdig -q runs the same rules as one filter (see below) for replay plain; the old/current rows (old layout,');
    console.log('  converted, from curl_google.scap; current layout from our recorder) compare with sysdig -r F -q, no filter.');
  }
  if (rows.some((r) => r.suite === 'state')) {
    console.log('state = converted reading + Inspector.next (Falco >= 0.42 semantics); rules = + every rule of falco_rules-5.1.0 + incubating + sandbox');
    console.log('evaluated on its candidate events (rule_matching all); fields = + every field those rules reference extracted on every event.');
  }
  for (const s of sections) {
    console.log(`\n[${s.name}]`);
    for (const n of s.notes) console.log(n);
    if (s.text) console.log(s.text);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
