#!/usr/bin/env node
// Peak memory on hostile captures of N clone events (new processes that never exit): replay, `events` and
// `inspect` (the replay also with `--threads 1`) against `sysdig -r F -q`. The thread table is capped at libsinsp's size, so peak RSS must stay flat
// from 1 M to 3 M clones. Captures are built once with our scap writer and cached under .bench/.
// Run alone: `node bench/clone-memory.mjs [N...]` (after `npm run build`), or `npm run bench -- --only clones`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withTestSupport } from '../scripts/test-support.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, '.bench');
const COUNTS = [1_000_000, 3_000_000];

/** `.bench/clones-N.scap.gz`: one process in the process list, then N child-side clone exits with new tids. */
async function cloneCapture(n) {
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, `clones-${n}.scap.gz`);
  if (existsSync(path)) return path;
  console.error(`building ${path} …`);
  const tmp = `${path}.tmp`;
  await withTestSupport(async (load) => {
    const { Scenario, CL } = await load('test/helpers/scenario.js');
    const { ScapFileWriter } = await load('src/scap/file-source.js');
    const s = new Scenario();
    s.process({ pid: 100, comm: 'spawner' }).read(0, 'x');
    const f = ScapFileWriter.open(tmp, { gzip: true, level: 1 });
    s.writeTo(f.writer);
    let ts = s.now + 1_000_000n;
    const flags = CL.CLONE_CHILD_CLEARTID;
    for (let i = 0; i < n; i++) {
      const tid = 1000 + i;
      f.writer.writeEvent({ ts: ts++, tid, cpu: 0, type: 223, params: [0, '/usr/bin/spawner', [], tid, tid, 100, '/', 1024, 0, 0, 12000, 3000, 0, 'spawner', [], flags, 0, 0, tid, tid, 0] });
      if ((i & 0x3fff) === 0) await f.ready();
    }
    await f.close();
  });
  renameSync(tmp, path);
  return path;
}

/** Peak RSS (MB, by GNU time; NaN without it) and seconds of a command; its stdout is discarded. */
function measure(cmd, args) {
  const t0 = process.hrtime.bigint();
  const hasTime = existsSync('/usr/bin/time');
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '@@maxrss %M', cmd, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 24 })
    : spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 24 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /@@maxrss (\d+)/.exec(r.stderr ?? '');
  const stderr = (r.stderr ?? '').replace(/@@maxrss \d+\n?/, '').trim();
  return { status: r.status, seconds, maxRssMB: m ? Number(m[1]) / 1024 : NaN, stderr };
}

/** Suite for scripts/bench.mjs: rows of peak RSS per command and capture size, sysdig alongside. */
export async function cloneMemory(ctx = { args: { sysdig: true } }) {
  const main = join(root, 'dist', 'cli', 'main.js');
  const noRules = join(cacheDir, 'no-rules.yaml');
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(noRules, '# no rules: decoding and state only\n- list: nothing\n  items: []\n');
  const counts = ctx.args.clones ?? COUNTS;
  const rows = [];
  const notes = [];
  for (const n of counts) {
    const file = await cloneCapture(n);
    const sys = ctx.args.sysdig && spawnSync('sysdig', ['--version']).status === 0 ? measure('sysdig', ['-r', file, '-q']) : undefined;
    for (const [name, args] of [
      ['replay', [main, 'run', '-r', noRules, file]],
      // The reader on the main thread too: the worker's hand-over of batches must not be what keeps memory low.
      ['replay --threads 1', [main, 'run', '--threads', '1', '-r', noRules, file]],
      ['events', [main, 'events', file]],
      ['inspect', [main, 'inspect', file]],
    ]) {
      const r = measure(process.execPath, args);
      const warning = r.stderr.split('\n').find((l) => l.includes('thread table full'));
      rows.push({
        suite: 'clones',
        name: `${name} ${n / 1e6} M clones`,
        events: n,
        delivered: n,
        seconds: r.seconds,
        eventsPerSecond: n / r.seconds,
        maxRssMB: r.maxRssMB,
        sysdigSeconds: sys?.seconds,
        vsSysdig: sys ? sys.seconds / r.seconds : undefined,
        target: '< 300 MB peak RSS',
        ok: r.status !== null && r.maxRssMB < 300,
        extra: { status: r.status, sysdigMaxRssMB: sys?.maxRssMB, warning },
      });
    }
    notes.push(`${n} clones: sysdig -r F -q peak RSS ${sys ? `${sys.maxRssMB.toFixed(0)} MB in ${sys.seconds.toFixed(1)} s` : 'not measured (sysdig not installed or --no-sysdig)'}`);
  }
  for (const r of rows) notes.push(`${r.name}: exit ${r.extra.status}, peak ${r.maxRssMB.toFixed(0)} MB (sysdig ${r.extra.sysdigMaxRssMB?.toFixed(0) ?? '-'} MB)${r.extra.warning ? `; ${r.extra.warning.trim()}` : ''}`);
  return { rows, notes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const counts = process.argv.slice(2).map(Number).filter((x) => x > 0);
  const { rows, notes } = await cloneMemory({ args: { sysdig: true, clones: counts.length ? counts : COUNTS } });
  for (const r of rows) console.log(`${r.name.padEnd(37)}${r.seconds.toFixed(1).padStart(7)} s ${r.maxRssMB.toFixed(0).padStart(6)} MB  ${r.ok ? 'ok' : 'OVER'}`);
  for (const n of notes) console.log(n);
}
