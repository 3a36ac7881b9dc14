// The CPU time of this process's main thread alone, shared by bench/process-usage.mjs (preloaded into timed CLI
// runs) and bench/tui.mjs. Only node's own modules here: process-usage.mjs is loaded before anything else.
import { readFileSync } from 'node:fs';

/** Seconds of CPU of this process's main thread (utime + stime of /proc/self/task/PID/stat, in Linux's 1/100 s), or null off Linux. */
export function mainThreadCpu() {
  try {
    // The fields after the command name, which is in parentheses and may hold spaces.
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}
