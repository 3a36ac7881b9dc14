// Preloaded into a timed CLI run (`node --import bench/process-usage.mjs …`; node passes the flag on to `--jobs`'
// job processes): each process writes one line on stderr as it exits, with when it started (ms since the epoch),
// its wall time, its CPU (user + system, its threads included), the CPU of its main thread alone (Linux: the
// replaying thread; the rest is the reader pipeline's worker, V8's GC and compiler helpers) and its peak RSS. The job processes' stderr goes
// through the parent, so every line arrives on the CLI's stderr. bench/cli-timing.mjs reads them back.
import { writeSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import { mainThreadCpu } from './thread-cpu.mjs';


// Once per process (a worker thread's resource usage is its process's).
if (isMainThread) {
  process.on('exit', () => {
    const r = process.resourceUsage();
    const usage = { role: basename(process.argv[1] ?? '?'), pid: process.pid, start: performance.timeOrigin, wall: performance.now() / 1000, cpu: (r.userCPUTime + r.systemCPUTime) / 1e6, mainCpu: mainThreadCpu(), rssMB: Math.round(r.maxRSS / 1024) };
    writeSync(2, `@@process ${JSON.stringify(usage)}\n`);
  });
}
