// Child process of bench/run.mjs: replay a capture through rules files as `falco-replay run` does (alert
// lines formatted, not printed) and report load time, replay speed, alerts and peak RSS as one JSON line.
// Usage: node bench/replay-run.mjs CAPTURE RULES... [--legacy] [--all] [--json] [--threads=N]
// (--threads=N as `run --threads N`, its worker started before the rules load as `run` does; default 1.
// cpuSeconds counts every thread of the process from the end of the load.)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { alertJson, alertLine, escapeAlertText, Replay } from '../dist/engine/index.js';
import { fileChunks, prestartPipeline } from '../dist/scap/index.js';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const threads = Number(args.find((a) => a.startsWith('--threads='))?.slice('--threads='.length) ?? 1);
const [capture, ...rulesFiles] = args.filter((a) => !a.startsWith('--'));

const t0 = process.hrtime.bigint();
// As `run` does: the pipeline's worker loads while the rules compile.
if (threads > 1) prestartPipeline(threads - 1);
const replay = new Replay({
  rules: rulesFiles.map((f) => ({ name: basename(f), content: readFileSync(f, 'utf8') })),
  captures: [{ name: capture, open: () => fileChunks(capture), path: capture }],
  threads,
  legacyEnterEvents: flags.has('--legacy'),
  matching: flags.has('--all') ? 'all' : 'first',
  outputFields: flags.has('--json'),
  zoneSeconds: 0,
});
if (!replay.ok) {
  process.stderr.write(`rules did not load: ${replay.loadResults.map((r) => `${r.name}: ${r.errors.map((e) => e.message).join('; ')}`).join(' | ')}\n`);
  process.exit(1);
}
/** CPU seconds of the main thread alone (Linux: /proc/self/task/PID/stat), the pipeline's critical path. */
const mainCpu = () => {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
};
const t1 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const main0 = mainCpu();
let sink = 0;
const fmt = flags.has('--json') ? (a) => alertJson(a, { hostname: 'bench' }) : (a) => escapeAlertText(alertLine(a, { zoneSeconds: 0 }));
for await (const a of replay.alerts()) sink += fmt(a).length;
const t2 = process.hrtime.bigint();
const cpu = process.cpuUsage(cpu0);
const mainCpuSeconds = mainCpu() - main0;
const s = replay.summary;
const seconds = Number(t2 - t1) / 1e9;
const top = replay.rules
  .map((r) => [r.name, s.byRule[r.id]])
  .filter(([, n]) => n > 0)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 5);
process.stdout.write(
  JSON.stringify({
    events: s.events,
    evaluated: s.evaluated,
    alerts: s.alerts,
    rules: replay.ruleset.rules.length,
    loadSeconds: Number(t1 - t0) / 1e9,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    mainCpuSeconds,
    threads,
    eventsPerSecond: s.events / seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    complete: s.captures.every((c) => c.complete),
    top,
    sink: sink % 1000,
  }) + '\n',
);
