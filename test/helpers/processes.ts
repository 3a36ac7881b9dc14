// Child processes of a process, as Linux's /proc lists them (for the tests of `--jobs`' job processes).
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** The child processes of `pid` (every thread's children list). */
export function childrenOf(pid: number): number[] {
  if (!existsSync(`/proc/${pid}/task`)) return [];
  return readdirSync(`/proc/${pid}/task`).flatMap((t) => {
    try {
      return readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}

/** Whether `pid` still runs (a zombie does not). */
export function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** Poll until `pid` has `n` child processes (at most `ms`); returns them. */
export async function waitForChildren(pid: number, n: number, ms = 10_000): Promise<number[]> {
  let kids = childrenOf(pid);
  for (const end = Date.now() + ms; kids.length < n && Date.now() < end; kids = childrenOf(pid)) await new Promise((r) => setTimeout(r, 10));
  return kids;
}
