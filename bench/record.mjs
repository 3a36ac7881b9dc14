#!/usr/bin/env node
// Recorder overhead benchmark (issue 5): a syscall-heavy workload, `dd bs=1 count=2000000 if=/dev/zero
// of=/dev/null` (4M syscalls), untraced and traced by `falco-replay record`. Target: zero drops and at most 3x
// the untraced time on a 2-core machine. Prints times, the ratio, records/s and events/s.
// Needs root (or the recorder capabilities), a built addon (npm install) and dist/ (npm run build).
// Usage: node bench/record.mjs [--runs N] [--count N] [--out DIR] [--gzip] [--layout compat|current] [--json]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const runs = Number(opt('runs', '3'));
const count = Number(opt('count', '2000000'));
const gzip = args.includes('--gzip');
const layout = opt('layout', 'compat');
const json = args.includes('--json');
const TARGET_RATIO = 3;

const nativeIndex = join(root, 'dist', 'native', 'index.js');
if (!existsSync(nativeIndex)) {
  console.error('bench/record.mjs: dist/ is missing: run `npm run build` first');
  process.exit(1);
}
const { startRecording, nativeAvailability } = await import(nativeIndex);
const avail = nativeAvailability();
if (!avail.available) {
  console.error(`bench/record.mjs: ${avail.reason}`);
  process.exit(1);
}

const dd = ['dd', 'bs=1', `count=${count}`, 'if=/dev/zero', 'of=/dev/null'];
const outDir = opt('out', undefined) ?? mkdtempSync(join(tmpdir(), 'fr-bench-record-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function untraced() {
  return new Promise((res, rej) => {
    const t0 = process.hrtime.bigint();
    const p = spawn('dd', dd.slice(1), { stdio: 'ignore' });
    p.on('error', rej);
    p.on('exit', (code) => (code === 0 ? res(Number(process.hrtime.bigint() - t0) / 1e9) : rej(new Error(`dd exited ${code}`))));
  });
}

async function traced(i) {
  const out = join(outDir, `dd-${i}.scap${gzip ? '.gz' : ''}`);
  const rec = await startRecording({ out, mode: 'tree', command: dd, env: { PATH: process.env.PATH }, stdio: ['ignore', 'ignore', 'ignore'], layout, gzip });
  const exit = await rec.exited;
  const endNs = BigInt(Date.now()) * 1000000n; // the exit callback arrives within one 2 ms poll
  const st = await rec.stop();
  if (exit.code !== 0) throw new Error(`traced dd exited ${exit.code ?? exit.signal}`);
  const secs = Number(endNs - BigInt(st.startTs)) / 1e9;
  const size = statSync(out).size;
  if (!opt('out', undefined)) rmSync(out, { force: true });
  return { secs, st, size };
}

const base = [];
const rows = [];
try {
  for (let i = 0; i < runs; i++) {
    base.push(await untraced());
    rows.push(await traced(i));
  }
} finally {
  if (!opt('out', undefined)) rmSync(outDir, { recursive: true, force: true });
}

const u = median(base);
const t = median(rows.map((r) => r.secs));
const drops = rows.reduce((a, r) => a + r.st.drops, 0);
const records = median(rows.map((r) => r.st.records));
const events = median(rows.map((r) => r.st.events));
const bytes = median(rows.map((r) => r.size));
const ratio = t / u;
const result = {
  workload: dd.join(' '),
  layout,
  gzip,
  runs,
  untracedSec: +u.toFixed(3),
  tracedSec: +t.toFixed(3),
  ratio: +ratio.toFixed(2),
  targetRatio: TARGET_RATIO,
  drops,
  records,
  events,
  recordsPerSec: Math.round(records / t),
  eventsPerSec: Math.round(events / t),
  fileMB: +(bytes / 1e6).toFixed(1),
  bytesPerEvent: +(bytes / events).toFixed(1),
  pass: drops === 0 && ratio <= TARGET_RATIO,
};
if (json) {
  console.log(JSON.stringify(result));
} else {
  console.log(`recorder overhead: ${result.workload} (${layout}${gzip ? ', gzip' : ''}, median of ${runs})`);
  console.log(`  untraced ${result.untracedSec} s   traced ${result.tracedSec} s   ratio ${result.ratio}x (target <= ${TARGET_RATIO}x)`);
  console.log(`  ${records} records -> ${events} events, ${result.recordsPerSec} records/s, ${result.eventsPerSec} events/s, ${drops} dropped`);
  console.log(`  ${result.fileMB} MB (${result.bytesPerEvent} B/event)   ${result.pass ? 'PASS' : 'FAIL'}`);
}
process.exitCode = result.pass ? 0 : 1;
