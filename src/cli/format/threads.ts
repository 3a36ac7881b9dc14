// A minimal thread table built from what a capture says directly (process list, clone, execve, procexit),
// enough to name processes in `events` output. The replay engine's full state tables replace it.
import { joinPath, PT, type ParamResolver, type ScapEvent, type ThreadEntry, type UserEntry, type GroupEntry } from '../../scap/index.js';

interface ThreadInfo {
  pid: number;
  ptid: number;
  comm: string;
  /** Working directory with a trailing '/'. */
  cwd: string;
}

const withSlash = (d: string): string => (d.endsWith('/') ? d : `${d}/`);

const CLONE_NAMES = new Set(['clone', 'fork', 'vfork', 'clone3']);

export class CaptureThreads implements ParamResolver {
  private readonly threads = new Map<number, ThreadInfo>();
  private readonly users = new Map<number, string>();
  private readonly groups = new Map<number, string>();

  /** Start over (a new section). */
  reset(): void {
    this.threads.clear();
    this.users.clear();
    this.groups.clear();
  }

  addThread(t: ThreadEntry): void {
    this.threads.set(t.tid, { pid: t.pid, ptid: t.ptid, comm: t.comm, cwd: withSlash(t.cwd || '/') });
  }

  addUser(u: UserEntry): void {
    this.users.set(u.uid, u.name);
  }

  addGroup(g: GroupEntry): void {
    this.groups.set(g.gid, g.name);
  }

  /** Update the table from an event (call before formatting it, as libsinsp parses before printing). */
  update(e: ScapEvent): void {
    if (e.isEnter) return;
    const name = e.name;
    const cwdIdx = e.paramIndex('cwd');
    const cwdOf = (fallback: string | undefined): string => withSlash((cwdIdx >= 0 && cwdIdx < e.nparams ? e.paramString(cwdIdx) : undefined) || fallback || '/');
    if (name === 'chdir') {
      const path = (e.paramInt(0) ?? -1) >= 0 ? e.paramString(1) : undefined;
      const t = this.threads.get(e.tid);
      if (t && path) t.cwd = withSlash(path.startsWith('/') ? joinPath('', path) : joinPath(t.cwd, path));
      return;
    }
    if (CLONE_NAMES.has(name)) {
      const res = e.paramInt(0);
      if (res === undefined || res < 0) return;
      const commIdx = e.paramIndex('comm');
      const exeIdx = e.paramIndex('exe');
      const ptidIdx = e.paramIndex('ptid');
      const pidIdx = e.paramIndex('pid');
      if (res === 0) {
        const ptid = ptidIdx >= 0 ? (e.paramInt(ptidIdx) ?? 0) : 0;
        const parent = this.threads.get(ptid);
        const comm = (commIdx >= 0 ? e.paramString(commIdx) : undefined) ?? parent?.comm ?? basename(exeIdx >= 0 ? e.paramString(exeIdx) : undefined);
        this.threads.set(e.tid, { pid: pidIdx >= 0 ? (e.paramInt(pidIdx) ?? e.tid) : e.tid, ptid, comm, cwd: cwdOf(parent?.cwd) });
      } else if (!this.threads.has(res)) {
        const self = this.threads.get(e.tid);
        const comm = (commIdx >= 0 ? e.paramString(commIdx) : undefined) ?? self?.comm ?? basename(exeIdx >= 0 ? e.paramString(exeIdx) : undefined);
        this.threads.set(res, { pid: res, ptid: e.tid, comm, cwd: cwdOf(self?.cwd) });
      }
      return;
    }
    if (name === 'execve' || name === 'execveat') {
      if ((e.paramInt(0) ?? -1) < 0) return;
      const commIdx = e.paramIndex('comm');
      const exeIdx = e.paramIndex('exe');
      const comm = (commIdx >= 0 && e.nparams > commIdx ? e.paramString(commIdx) : undefined) ?? basename(exeIdx >= 0 ? e.paramString(exeIdx) : undefined);
      const t = this.threads.get(e.tid);
      if (t) {
        t.comm = comm;
        t.cwd = cwdOf(t.cwd);
      } else this.threads.set(e.tid, { pid: e.tid, ptid: 0, comm, cwd: cwdOf(undefined) });
    }
  }

  thread(tid: number): ThreadInfo | undefined {
    return this.threads.get(tid);
  }

  threadKnown(e: ScapEvent): boolean {
    return this.threads.has(e.tid);
  }

  /** The thread's cwd for FSPATH, and for FSRELPATH relative to AT_FDCWD (other directory fds need fd state). */
  baseDir(e: ScapEvent, index: number): string | undefined {
    const t = this.threads.get(e.tid);
    if (!t) return undefined;
    const dirfdIndex = e.info.params[index]?.dirfdIndex;
    if (e.paramType(index) === PT.FSRELPATH && dirfdIndex !== undefined && e.paramInt(dirfdIndex) !== -100) return undefined;
    return t.cwd;
  }

  comm(_e: ScapEvent, pid: number): string | undefined {
    return this.threads.get(pid)?.comm;
  }

  user(_e: ScapEvent, uid: number): string | undefined {
    return this.users.get(uid);
  }

  group(_e: ScapEvent, gid: number): string | undefined {
    return this.groups.get(gid);
  }
}

function basename(p: string | undefined): string {
  if (!p) return '';
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}
