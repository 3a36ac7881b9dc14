#!/usr/bin/env node
// The TUI on large captures (docs/tui-views.md#the-live-uis-cost): (a) how much the live UI slows the replay:
// CPU time (all threads) from the UI's first frame (ink's render, the mount included) until the final summary is
// in the alert store, with ink drawing to a fake terminal and the alert store, output fields and state
// snapshots as run-tui.tsx sets them up for one capture, against `run`'s replay (alerts formatted as text lines)
// of the same input; judged on the 5 M-event capture, and printed beside it for 1 M events with the UI's fixed
// cost in ms (its mount and first frames, which a short replay pays in full); (b) the event index's read after
// the replay (docs/sinsp-semantics.md#the-index-after-the-replay), timed on its own, peak RSS with the 5 M-event
// capture and the latency of opening an event with its ± 100 neighbours (50 random events; wall and CPU time:
// the machine is shared). Suite `tui` of bench/run.mjs; alone: `node bench/tui.mjs run|ui|ui-replay CAPTURE
// RULES...` prints one JSON line (`ui-replay`: the replay only, without the index's read and the opens).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

async function measure(mode, capture, rulesPaths) {
  process.env.NODE_ENV = 'production';
  const { Replay, EventIndex, Inspector, alertLine } = await import(dist('engine/index.js'));
  const { fileChunks } = await import(dist('scap/index.js'));
  const rules = rulesPaths.map((p) => ({ name: p, content: readFileSync(p, 'utf8') }));
  const base = { rules, captures: [{ name: capture, open: () => fileChunks(capture) }], zoneSeconds: 0, hostname: 'bench' };
  let alerts = 0;
  if (mode === 'run') {
    const replay = new Replay(base);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let sink = 0;
    for await (const a of replay.alerts()) {
      sink += alertLine(a, { zoneSeconds: 0 }).length;
      alerts++;
    }
    const seconds = (performance.now() - t0) / 1000;
    return { mode, seconds, cpuSeconds: cpuSince(c0), events: replay.summary.events, alerts, sink, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  }
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
  // From here the UI costs: its mount (React, yoga, ink's first frame) is part of what the replay pays.
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const app = render(React.createElement(App, { store, color: false }), { stdout: term.stdout, stdin: term.stdin, exitOnCtrlC: false, patchConsole: false });
  const mountCpuMs = cpuSince(c1) * 1000;
  for await (const a of replay.alerts()) {
    store.add(a);
    alerts++;
  }
  store.finish(replay.summary, performance.now() - t0);
  const seconds = (performance.now() - t1) / 1000;
  const cpuSeconds = cpuSince(c1);
  const events = replay.summary.events;
  if (mode === 'ui-replay') {
    app.unmount();
    return { mode, seconds, cpuSeconds, mountCpuMs, events, alerts, drawnBytes: term.stdout.bytes, maxRssMB: process.resourceUsage().maxRSS / 1024 };
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
    seconds,
    cpuSeconds,
    mountCpuMs,
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
 * Suite for bench/run.mjs. Rounds of run and UI on 1 M and on 5 M events, in turn (a change of the machine's load
 * hits both alike), best of `runs` (at least 3) by CPU time; the first 5 M UI run also reads the index and opens
 * events (its peak RSS and latencies are the memory and latency figures), the others replay only.
 */
export async function tuiSuite(ctx) {
  const rules = ['falco_rules-5.1.0.yaml', 'falco-incubating_rules-main.yaml', 'falco-sandbox_rules-main.yaml'].map((f) => join(ctx.shared, 'rules', f));
  const cache = join(root, '.bench');
  const small = join(cache, 'synth-curl_google-1000000.scap');
  const big = join(cache, `synth-curl_google-${ctx.args.events}.scap`);
  const bigName = `${ctx.args.events / 1e6}M`;
  const rounds = Math.max(3, ctx.args.runs);
  const runs = { run1: [], ui1: [], run5: [], ui5: [] };
  let full;
  for (let i = 0; i < rounds; i++) {
    runs.run1.push(child(['run', small, ...rules]));
    runs.ui1.push(child(['ui-replay', small, ...rules]));
    runs.run5.push(child(['run', big, ...rules]));
    const ui = child([full ? 'ui-replay' : 'ui', big, ...rules]);
    full ??= ui;
    runs.ui5.push(ui);
  }
  const byCpu = (l) => [...l].sort((a, b) => a.cpuSeconds - b.cpuSeconds);
  const best = (l) => byCpu(l)[0];
  const median = (l) => byCpu(l)[Math.floor((l.length - 1) / 2)].cpuSeconds;
  const pct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
  const [run1, ui1, run5, ui5] = [best(runs.run1), best(runs.ui1), best(runs.run5), best(runs.ui5)];
  // CPU time: on a shared machine wall time mostly measures the neighbours.
  const slowdown5 = ui5.cpuSeconds / run5.cpuSeconds - 1;
  const slowdown1 = ui1.cpuSeconds / run1.cpuSeconds - 1;
  const excess = (ui, run) => (ui.cpuSeconds - run.cpuSeconds) * 1000;
  const mounts = byCpu(runs.ui1.concat(runs.ui5)).map((r) => r.mountCpuMs).sort((a, b) => a - b);
  // Each round's UI against the run just before it (the same minutes' load), the median of those ratios.
  const paired = (ui, run) => {
    const r = ui.map((u, i) => u.cpuSeconds / run[i].cpuSeconds - 1).sort((a, b) => a - b);
    return r[Math.floor((r.length - 1) / 2)];
  };
  const row = (name, r, extra = {}) => ({ suite: 'tui', name, events: r.events, seconds: r.seconds, eventsPerSecond: r.events / r.seconds, maxRssMB: r.maxRssMB, ...extra });
  return {
    rows: [
      row(`tui: run (baseline) ${bigName}`, run5),
      row(`tui: live UI ${bigName}`, ui5, { target: `<= 10 % slower than run (${bigName}, CPU)`, ok: slowdown5 <= 0.1 }),
      row('tui: run (baseline) 1M', run1),
      row('tui: live UI 1M', ui1),
      row(`tui: live UI ${bigName}, index and opens`, full, { target: '< 300 MB peak RSS', ok: full.maxRssMB < 300 }),
    ],
    notes: [
      `live UI slowdown vs run, CPU from the UI's mount until the final summary, best of ${rounds} (run and UI in turn): ${bigName} events ${pct(slowdown5)} (run ${run5.cpuSeconds.toFixed(2)} s, UI ${ui5.cpuSeconds.toFixed(2)} s; medians ${pct(median(runs.ui5) / median(runs.run5) - 1)}, median of the rounds' pairs ${pct(paired(runs.ui5, runs.run5))}) — the target's figure; 1M events ${pct(slowdown1)} (run ${run1.cpuSeconds.toFixed(2)} s, UI ${ui1.cpuSeconds.toFixed(2)} s; medians ${pct(median(runs.ui1) / median(runs.run1) - 1)}, pairs ${pct(paired(runs.ui1, runs.run1))})`,
      `the UI's fixed cost (best UI − best run, CPU): ${excess(ui1, run1).toFixed(0)} ms on 1M, ${excess(ui5, run5).toFixed(0)} ms on ${bigName}; of which the mount ${mounts[0]?.toFixed(0)}–${mounts.at(-1)?.toFixed(0)} ms; wall 1M run ${run1.seconds.toFixed(2)} s, UI ${ui1.seconds.toFixed(2)} s`,
      `${bigName}: the index's read after the replay ${full.indexSeconds.toFixed(2)} s wall, ${full.indexCpuSeconds.toFixed(2)} s CPU, ${full.checkpoints} checkpoints (${full.checkpointSeconds.toFixed(2)} s); peak RSS ${full.maxRssMB.toFixed(0)} MB (target < 300 MB)`,
      `open an event with its ± 100 neighbours, 50 random events of ${bigName}: median ${full.openMedianMs.toFixed(0)} ms, max ${full.openMaxMs.toFixed(0)} ms (target < 200 ms); CPU median ${full.openCpuMedianMs.toFixed(0)} ms, max ${full.openCpuMaxMs.toFixed(0)} ms; first open ${full.firstOpenMs.toFixed(0)} ms (${full.firstOpenCpuMs.toFixed(0)} ms CPU) after a ${full.warmUpCpuMs.toFixed(0)} ms CPU warm-up`,
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.length > 3) {
  const [mode, capture, ...rules] = process.argv.slice(2);
  measure(mode, capture, rules).then(
    (r) => console.log(JSON.stringify(r)),
    (e) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exit(1);
    },
  );
}
