#!/usr/bin/env node
// The TUI on large captures (docs/tui-views.md#the-live-uis-cost): (a) how much the live UI slows the replay,
// with ink drawing to a fake terminal and the alert store, output fields and state snapshots as run-tui.tsx sets
// them up for one capture, against `run`'s replay (alerts formatted as text lines) of the same input, V8 and the
// replay's threads set up as the CLI sets them up for both: end to end, CPU time (all threads) from the UI's first
// frame until the final summary is in the alert store, which is the judged figure (5 M events, the CLI's default
// threads), and the UI's own work on the replay's thread, counted (its mount, the CPU time of every timer,
// immediate and microtask callback, the GC pauses beyond the run's); printed beside it with one thread and for
// 1 M events, with the UI's fixed cost in ms (its mount and first frames, which a short replay pays in full);
// where valgrind is installed, both also counted in instructions on 1 M events (bench/tui-instructions.mjs),
// judged as well; (b) the event index's read after the replay (docs/sinsp-semantics.md#the-index-after-the-replay),
// timed on its own, peak RSS with the 5 M-event capture and the latency of opening an event with its ± 100 neighbours
// (50 random events; wall and CPU time: the machine is shared). Suite `tui` of bench/run.mjs; alone:
// `node bench/tui.mjs run|run-detached|ui|ui-replay [--threads N] CAPTURE RULES...` prints one JSON line
// (`ui-replay`: the replay only, without the index's read and the opens; `run-detached`: `run` after one
// ArrayBuffer was detached; without --threads, the CLI's default). The captures are the ones bench/run.mjs
// builds under .bench/ (synth-curl_google-N.scap).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { giga, medianOf, signedPct as pct, threadsLabel } from './stats.mjs';
import { callgrindAvailable, countInstructions } from './tui-instructions.mjs';
import { mainThreadCpu as threadCpu } from './thread-cpu.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => pathToFileURL(join(root, 'dist', p)).href;

/** A terminal that is never drawn on: ink renders every frame into it. */
function fakeTerminal() {
  const stdout = Object.assign(new PassThrough(), { columns: 100, rows: 30, isTTY: true, bytes: 0 });
  stdout.write = (chunk) => {
    stdout.bytes += chunk.length;
    return true;
  };
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode() {}, ref() {}, unref() {} });
  return { stdout, stdin };
}

/** CPU seconds (user + system) of this process since `from`: the machine is shared, wall time is not ours alone. */
function cpuSince(from) {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

/** CPU seconds of the main thread alone (Linux, 1/100 s; NaN elsewhere): the rest is V8's GC and compiler helpers. */
const mainThreadCpu = () => threadCpu() ?? NaN;

/**
 * The UI's own work on the replay's thread, counted directly: the CPU time of every timer, immediate and queued
 * microtask callback (the App's data interval, ink's throttled frame, React's scheduler, which takes setImmediate
 * when it loads, and React's renders, which ink's reconciler queues with queueMicrotask when it loads, so this
 * runs before either is imported) while `on` is set. The replay runs none of these: it waits on reads only.
 */
function countCallbacks() {
  const c = { on: false, cpuMs: 0, calls: 0 };
  const wrap = (orig) => {
    const wrapped = function (cb, ...rest) {
      if (typeof cb !== 'function') return orig.call(this, cb, ...rest);
      return orig.call(
        this,
        function (...args) {
          if (!c.on) return cb.apply(this, args);
          const u = process.cpuUsage();
          try {
            return cb.apply(this, args);
          } finally {
            c.cpuMs += cpuSince(u) * 1000;
            c.calls++;
          }
        },
        ...rest,
      );
    };
    // util.promisify's own versions (timers/promises) hang off the originals.
    for (const k of Object.getOwnPropertySymbols(orig)) Object.defineProperty(wrapped, k, Object.getOwnPropertyDescriptor(orig, k));
    return wrapped;
  };
  globalThis.setTimeout = wrap(globalThis.setTimeout);
  globalThis.setInterval = wrap(globalThis.setInterval);
  globalThis.setImmediate = wrap(globalThis.setImmediate);
  // React 19 renders an update in a microtask it queues (ink's reconciler hands it queueMicrotask).
  globalThis.queueMicrotask = wrap(globalThis.queueMicrotask);
  return c;
}

/** Garbage collection pauses on the main thread (ms of wall time) while `on` is set. */
function countGc() {
  const g = { on: false, ms: 0 };
  new PerformanceObserver((list) => {
    if (g.on) for (const e of list.getEntries()) g.ms += e.duration;
  }).observe({ entryTypes: ['gc'] });
  return g;
}

/**
 * Under `valgrind --tool=callgrind` with BENCH_CALLGRIND=1: zero the counts where the measured window starts
 * (`-z`) and dump them where it ends (`-d`), so that the dump's total is the window's instructions (repeatable to
 * about 1 % with node's --predictable --hash-seed=1 --random-seed=1, where CPU time moves ±15–50 % here).
 * callgrind_control reaches valgrind through vgdb while this thread waits for it (bench/tui-instructions.mjs).
 */
function callgrind(op) {
  if (process.env.BENCH_CALLGRIND === '1') execFileSync('callgrind_control', [op, String(process.pid)], { stdio: 'ignore' });
}

async function measure(mode, threadsAsked, capture, rulesPaths) {
  process.env.NODE_ENV = 'production';
  // V8 set up as the CLI's entry sets it up for `run` and `tui` alike (src/cli/main.ts): its tier-up budget, the
  // young generation's growth and the old generation's growth bound.
  await import(dist('cli/tiering.js'));
  (await import(dist('cli/heap.js'))).boundHeapGrowth();
  const { Replay, EventIndex, Inspector, alertLine } = await import(dist('engine/index.js'));
  const { fileChunks } = await import(dist('scap/index.js'));
  const { replayThreads } = await import(dist('cli/threads.js'));
  const rules = rulesPaths.map((p) => ({ name: p, content: readFileSync(p, 'utf8') }));
  // As `run` and `tui` replay: the threads asked for, else the CLI's default (the cores, capped), with the path
  // that lets a worker thread read, inflate and decode the capture.
  const threads = replayThreads(threadsAsked);
  const base = { rules, captures: [{ name: capture, path: capture, open: () => fileChunks(capture) }], zoneSeconds: 0, hostname: 'bench', threads };
  let alerts = 0;
  const gc = countGc();
  if (mode === 'run' || mode === 'run-detached') {
    // As loading yoga (the UI's layout engine, WebAssembly) through Node's fetch did: one ArrayBuffer detached,
    // after which V8 checks typed-array accesses for a detached buffer in optimised code
    // (docs/tui-views.md#the-live-uis-cost).
    if (mode === 'run-detached') {
      const b = new ArrayBuffer(8);
      globalThis.structuredClone(b, { transfer: [b] });
    }
    const replay = new Replay(base);
    callgrind('-z');
    const c0 = process.cpuUsage();
    const m0 = mainThreadCpu();
    const t0 = performance.now();
    gc.on = true;
    let sink = 0;
    for await (const a of replay.alerts()) {
      sink += alertLine(a, { zoneSeconds: 0 }).length;
      alerts++;
    }
    gc.on = false;
    callgrind('-d');
    const seconds = (performance.now() - t0) / 1000;
    return { mode, threads, seconds, cpuSeconds: cpuSince(c0), mainCpuSeconds: mainThreadCpu() - m0, gcMs: gc.ms, events: replay.summary.events, alerts, sink, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  }
  const callbacks = countCallbacks();
  // ink, React and the UI's modules loaded as the CLI loads them (src/cli/tui/load.ts: yoga without fetch).
  await (await import(dist('cli/tui/load.js'))).loadTui();
  const { render } = await import('ink');
  const React = (await import('react')).default;
  const { App } = await import(dist('cli/tui/app.js'));
  const { AlertStore } = await import(dist('cli/tui/model.js'));
  const { eventsAround } = await import(dist('cli/tui/around.js'));
  const { Aggregator } = await import(dist('cli/tui/views-data.js'));
  const { buildIndex, warmUpReader } = await import(dist('cli/tui/run-tui.js'));
  const agg = new Aggregator();
  let replay;
  const index = new EventIndex({ name: capture, openAt: (o) => fileChunks(capture, 1 << 20, o), inspector: () => new Inspector(replay.registry, { zoneSeconds: 0, hostname: 'bench' }) });
  const sink = {};
  const t0 = performance.now();
  // As run-tui.tsx with one capture: the views' counts are taken by the index's read, not by the live replay.
  replay = new Replay({
    ...base,
    outputFields: true,
    snapshots: true,
    onProgress: (p) => sink.store?.progress(p, performance.now() - t0),
  });
  const store = new AlertStore(replay.rules, { title: 'bench', totalBytes: 1, zoneSeconds: 0, facts: () => agg.facts() });
  store.indexStatus({ state: 'pending', events: 0, last: 0, counting: true });
  sink.store = store;
  const term = fakeTerminal();
  // Frames drawn: each is one snapshot of the store (under callgrind, `pace` keeps a native run's frames per event).
  let frames = 0;
  const snapshot = store.snapshot.bind(store);
  store.snapshot = () => (frames++, snapshot());
  const pace = process.env.BENCH_CALLGRIND === '1' ? Number(process.env.BENCH_CALLGRIND_PACE ?? 100) : 1;
  if (!(pace > 0 && Number.isFinite(pace))) throw new Error(`BENCH_CALLGRIND_PACE: expected a positive number, got '${process.env.BENCH_CALLGRIND_PACE}'`);
  // From here the UI costs: its mount (React, yoga, ink's first frame) is part of what the replay pays.
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const m1 = mainThreadCpu();
  callgrind('-z');
  callbacks.on = true;
  gc.on = true;
  const app = render(React.createElement(App, { store, color: false, pace }), { stdout: term.stdout, stdin: term.stdin, exitOnCtrlC: false, patchConsole: false });
  const mountCpuMs = cpuSince(c1) * 1000;
  for await (const a of replay.alerts()) {
    store.add(a);
    alerts++;
  }
  store.finish(replay.summary, performance.now() - t0);
  callgrind('-d');
  callbacks.on = false;
  gc.on = false;
  const seconds = (performance.now() - t1) / 1000;
  const cpuSeconds = cpuSince(c1);
  const own = { mainCpuSeconds: mainThreadCpu() - m1, uiCallbackMs: callbacks.cpuMs, uiCallbacks: callbacks.calls, gcMs: gc.ms, frames };
  const events = replay.summary.events;
  if (mode === 'ui-replay') {
    app.unmount();
    return { mode, threads, seconds, cpuSeconds, mountCpuMs, ...own, events, alerts, drawnBytes: term.stdout.bytes, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  }
  // As the TUI does once the replay is over, while it waits for keys: the index's own read, then a warm-up.
  // An open asked for in that time waits for the index's read to pass its event.
  const b0 = process.cpuUsage();
  const bt = performance.now();
  await buildIndex(index, store, agg, replay.summary.captures[0].lastEvent);
  const indexSeconds = (performance.now() - bt) / 1000;
  const indexCpuSeconds = cpuSince(b0);
  const w0 = process.cpuUsage();
  await warmUpReader(index);
  const warmUpCpuMs = cpuSince(w0) * 1000;
  // Opening events: 50 random event numbers (seeded), each with its ± 100 neighbours, as the around screen does.
  const lat = [];
  const cpu = [];
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
  const last = index.events;
  for (let i = 0; i < 50; i++) {
    const n = 1 + Math.floor(rand() * last);
    const s = performance.now();
    const c = process.cpuUsage();
    const r = await eventsAround(index, n, 'all', 100);
    lat.push(performance.now() - s);
    cpu.push(cpuSince(c) * 1000);
    if (r.at < 0) throw new Error(`event ${n} not found`);
  }
  const firstOpenMs = lat[0];
  const firstOpenCpuMs = cpu[0];
  lat.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  app.unmount();
  return {
    mode,
    threads,
    seconds,
    cpuSeconds,
    mountCpuMs,
    ...own,
    events,
    alerts,
    checkpoints: index.checkpoints,
    checkpointSeconds: index.checkpointMs / 1000,
    indexSeconds,
    indexCpuSeconds,
    drawnBytes: term.stdout.bytes,
    openMedianMs: lat[Math.floor(lat.length / 2)],
    openMaxMs: lat[lat.length - 1],
    openCpuMedianMs: cpu[Math.floor(cpu.length / 2)],
    openCpuMaxMs: cpu[cpu.length - 1],
    firstOpenMs,
    firstOpenCpuMs,
    warmUpCpuMs,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

function child(args) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`bench/tui.mjs ${args[0]} failed: ${r.stderr}`);
  // ink restores the cursor on exit: take the JSON line, not what follows it.
  return JSON.parse(/^\{.*\}/m.exec(r.stdout)?.[0] ?? 'null');
}

/**
 * Suite for bench/run.mjs. Rounds of run and UI, each pair in turn (a change of the machine's load hits both
 * alike), `runs` rounds (at least 5, odd): on 5 M events with the threads the CLI takes by default (the judged
 * pair), on 5 M events with one thread (`--threads 1`), and on 1 M events with the default; the slowdown is judged
 * on the median of the rounds' UI/run pairs (best of N and medians printed beside it). The first 5 M UI run also
 * reads the index and opens events (its peak RSS and latencies are the memory and latency figures), the others
 * replay only. Then, where valgrind is installed, run and UI counted in instructions on 1 M events, with the
 * default threads and with one (bench/tui-instructions.mjs), each judged against the same ≤ 10 %.
 */
export async function tuiSuite(ctx) {
  const rules = ['falco_rules-5.1.0.yaml', 'falco-incubating_rules-main.yaml', 'falco-sandbox_rules-main.yaml'].map((f) => join(ctx.shared, 'rules', f));
  // Built (once, cached under .bench/) by bench/run.mjs's ctx.capture, as the other suites' inputs are.
  const small = (await ctx.capture(1_000_000)).plain;
  const big = (await ctx.capture(ctx.args.events)).plain;
  const bigName = `${ctx.args.events / 1e6}M`;
  // An odd count, so that the median is a round's own figure.
  const rounds = Math.max(5, ctx.args.runs) | 1;
  const runs = { run1: [], ui1: [], run5: [], ui5: [], run5t1: [], ui5t1: [] };
  let full;
  // Within a round, run first on even rounds and UI first on odd ones: neither always draws the warmer minute.
  const inTurn = (i, a, b) => (i % 2 ? [b(), a()] : [a(), b()]);
  const one = ['--threads', '1'];
  // The threads a replay takes by default here: with one (a one-core machine), the one-thread pair is the same one.
  const { replayThreads } = await import(dist('cli/threads.js'));
  const oneThreadPair = replayThreads(undefined) > 1;
  for (let i = 0; i < rounds; i++) {
    inTurn(
      i,
      () => runs.run1.push(child(['run', small, ...rules])),
      () => runs.ui1.push(child(['ui-replay', small, ...rules])),
    );
    inTurn(
      i,
      () => runs.run5.push(child(['run', big, ...rules])),
      () => {
        const ui = child([full ? 'ui-replay' : 'ui', big, ...rules]);
        full ??= ui;
        runs.ui5.push(ui);
      },
    );
    if (!oneThreadPair) continue;
    inTurn(
      i,
      () => runs.run5t1.push(child(['run', ...one, big, ...rules])),
      () => runs.ui5t1.push(child(['ui-replay', ...one, big, ...rules])),
    );
  }
  // Counted in instructions too where valgrind is installed (bench/tui-instructions.mjs: callgrind, the pair at
  // once), which repeat to 1–3 % where one program's CPU time moves by a third between runs on a shared VM. On the
  // 1 M capture, where the UI's fixed cost weighs five times what it does on 5 M, with the CLI's default threads
  // and with one; about 2–5 minutes each.
  const counts = [];
  if (callgrindAvailable()) {
    for (const t of oneThreadPair ? [[], one] : [[]]) counts.push(await countInstructions({ threads: t, capture: small, rules }));
  }
  const byCpu = (l) => [...l].sort((a, b) => a.cpuSeconds - b.cpuSeconds);
  const best = (l) => byCpu(l)[0];
  const median = (l) => medianOf(l.map((r) => r.cpuSeconds));
  const [run1, ui1, run5, ui5] = [runs.run1, runs.ui1, runs.run5, runs.ui5].map(best);
  const [run5t1, ui5t1] = oneThreadPair ? [runs.run5t1, runs.ui5t1].map(best) : [];
  const threads = threadsLabel(run5.threads);
  // CPU time: on a shared machine wall time mostly measures the neighbours.
  const excess = (ui, run) => (ui.cpuSeconds - run.cpuSeconds) * 1000;
  const mounts = byCpu(runs.ui1.concat(runs.ui5)).map((r) => r.mountCpuMs).sort((a, b) => a - b);
  // Each round's UI against that round's run (the same minutes' load, either first), the median of those ratios.
  const paired = (ui, run) => medianOf(ui.map((u, i) => u.cpuSeconds / run[i].cpuSeconds - 1));
  // The judged figure, end to end: each round's own pair, the median of them (the best of N compares two minima,
  // and one run that drew a quiet minute decides it; on this kind of shared VM one program's CPU time moves
  // ±15–40 % between runs, and the run's own spread is printed).
  const slowdown5 = paired(runs.ui5, runs.run5);
  const slowdown5t1 = oneThreadPair ? paired(runs.ui5t1, runs.run5t1) : undefined;
  const slowdown1 = paired(runs.ui1, runs.run1);
  // Beside it, counted rather than subtracted: what the UI's code ran on the replay's thread (its mount, then
  // every timer, immediate and microtask callback: the data interval, React's scheduler and renders, ink's
  // frames) plus the garbage collection pauses the UI run had beyond its round's run, against that run's CPU;
  // median of the rounds (a collection during one of those callbacks counts twice: an upper bound).
  const ownMs = (u, r) => u.mountCpuMs + u.uiCallbackMs + Math.max(0, u.gcMs - r.gcMs);
  const own = (ui, run) => medianOf(ui.map((u, i) => ownMs(u, run[i]) / (run[i].cpuSeconds * 1000)));
  const spread = (l) => {
    const c = byCpu(l).map((r) => r.cpuSeconds);
    return `${c[0].toFixed(2)}–${c.at(-1).toFixed(2)} s (${pct(c.at(-1) / c[0] - 1)})`;
  };
  const mainMedian = (l) => medianOf(l.map((r) => r.mainCpuSeconds)).toFixed(2);
  const ownText = (ui, run) => ui.map((u, i) => `${ownMs(u, run[i]).toFixed(0)} ms`).join(', ');
  const pairs = (ui, run) => ui.map((u, i) => pct(u.cpuSeconds / run[i].cpuSeconds - 1)).join(', ');
  const pairNote = (ui, run, b, bu) => `pairs ${pairs(ui, run)}; best of ${rounds}: run ${b.cpuSeconds.toFixed(2)} s, UI ${bu.cpuSeconds.toFixed(2)} s, ${pct(bu.cpuSeconds / b.cpuSeconds - 1)}; medians ${pct(median(ui) / median(run) - 1)}`;
  const row = (name, r, extra = {}) => ({ suite: 'tui', name, events: r.events, seconds: r.seconds, eventsPerSecond: r.events / r.seconds, maxRssMB: r.maxRssMB, ...extra });
  return {
    rows: [
      row(`tui: run (baseline) ${bigName}, ${threads}`, run5),
      row(`tui: live UI ${bigName}, ${threads}`, ui5, { target: `<= 10 % slower than run (${bigName}, the CLI's default ${threads}, CPU, median of ${rounds} rounds' pairs)`, ok: slowdown5 <= 0.1 }),
      ...(oneThreadPair
        ? [
            row(`tui: run (baseline) ${bigName}, --threads 1`, run5t1),
            row(`tui: live UI ${bigName}, --threads 1`, ui5t1, { target: `<= 10 % slower than run (${bigName}, --threads 1; printed, not the judged figure)`, ok: slowdown5t1 <= 0.1 }),
          ]
        : []),
      row(`tui: run (baseline) 1M, ${threads}`, run1),
      row(`tui: live UI 1M, ${threads}`, ui1),
      ...counts.map(({ run, ui }) => {
        const more = ui.instructions / run.instructions - 1;
        return {
          suite: 'tui',
          name: `tui: live UI 1M, ${threadsLabel(run.threads)}, instructions`,
          events: ui.events,
          target: `<= 10 % more instructions than run (callgrind, all threads: run ${giga(run.instructions)}, UI ${giga(ui.instructions)}, ${pct(more)})`,
          ok: more <= 0.1,
        };
      }),
      row(`tui: live UI ${bigName}, index and opens`, full, { target: '< 300 MB peak RSS', ok: full.maxRssMB < 300 }),
    ],
    notes: [
      `live UI slowdown vs run, CPU (all threads) from the UI's mount until the final summary against run's replay, ${rounds} rounds (run and UI in turn), median of each round's UI/run pair: ${bigName} events with the CLI's default ${threads} ${pct(slowdown5)} — the target's figure (${pairNote(runs.ui5, runs.run5, run5, ui5)}); the run's own CPU time over the rounds: ${spread(runs.run5)}`,
      oneThreadPair
        ? `the same with --threads 1: ${pct(slowdown5t1)} (${pairNote(runs.ui5t1, runs.run5t1, run5t1, ui5t1)}); the capture's decoding, state, rules and the UI's drawing all on one thread (docs/tui-views.md#the-live-uis-cost)`
        : 'the default here is one thread: no separate --threads 1 pair',
      `1M events, ${threads}: ${pct(slowdown1)} (${pairNote(runs.ui1, runs.run1, run1, ui1)})`,
      counts.length
        ? `instructions (callgrind, node --predictable, the measured window, all threads; the UI drawing at pace ${counts[0].pace}): ${counts.map(({ run, ui }) => `1M events, ${threadsLabel(run.threads)}: ${pct(ui.instructions / run.instructions - 1)}, ${ui.frames} frames drawn`).join('; ')}`
        : 'instructions: not counted (valgrind is not installed; Debian package valgrind)',
      `of which the UI's own work (mount + timer, immediate and microtask callbacks + GC pauses beyond the round's run) against the run's CPU, median of the rounds: ${bigName} events ${pct(own(runs.ui5, runs.run5))} (${ownText(runs.ui5, runs.run5)}; ${full.uiCallbacks} callbacks in the first round), ${oneThreadPair ? `--threads 1 ${pct(own(runs.ui5t1, runs.run5t1))}, ` : ''}1M events ${pct(own(runs.ui1, runs.run1))}; main thread, medians: ${bigName} run ${mainMedian(runs.run5)} s, UI ${mainMedian(runs.ui5)} s${oneThreadPair ? `; --threads 1 run ${mainMedian(runs.run5t1)} s, UI ${mainMedian(runs.ui5t1)} s` : ''}`,
      `the UI's fixed cost (best UI − best run, CPU): ${excess(ui1, run1).toFixed(0)} ms on 1M, ${excess(ui5, run5).toFixed(0)} ms on ${bigName}; of which the mount ${mounts[0]?.toFixed(0)}–${mounts.at(-1)?.toFixed(0)} ms; wall 1M run ${run1.seconds.toFixed(2)} s, UI ${ui1.seconds.toFixed(2)} s`,
      `${bigName}: the index's read after the replay ${full.indexSeconds.toFixed(2)} s wall, ${full.indexCpuSeconds.toFixed(2)} s CPU, ${full.checkpoints} checkpoints (${full.checkpointSeconds.toFixed(2)} s); peak RSS ${full.maxRssMB.toFixed(0)} MB (target < 300 MB)`,
      `open an event with its ± 100 neighbours, 50 random events of ${bigName}: median ${full.openMedianMs.toFixed(0)} ms, max ${full.openMaxMs.toFixed(0)} ms (target < 200 ms); CPU median ${full.openCpuMedianMs.toFixed(0)} ms, max ${full.openCpuMaxMs.toFixed(0)} ms; first open ${full.firstOpenMs.toFixed(0)} ms (${full.firstOpenCpuMs.toFixed(0)} ms CPU) after a ${full.warmUpCpuMs.toFixed(0)} ms CPU warm-up`,
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.length > 3) {
  const args = process.argv.slice(2);
  const mode = args.shift();
  if (!['run', 'run-detached', 'ui', 'ui-replay'].includes(mode)) {
    console.error('usage: node bench/tui.mjs run|run-detached|ui|ui-replay [--threads N] CAPTURE RULES...');
    process.exit(2);
  }
  // The CLI's own parser: a whole number from 1 to 64, or an error naming the value.
  const { threadsOption } = await import(dist('cli/threads.js'));
  const threads = args[0] === '--threads' ? (args.shift(), threadsOption(String(args.shift()))) : undefined;
  const [capture, ...rules] = args;
  measure(mode, threads, capture, rules).then(
    (r) => console.log(JSON.stringify(r)),
    (e) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exit(1);
    },
  );
}
