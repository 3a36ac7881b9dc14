// libsinsp's fd tables: one per process (threads sharing it with CLONE_FILES use their main thread's), with
// the per-table size limit, and the removals libsinsp delays until the next event.
import { FDF, type FdInfo } from './fdinfo.js';
import { FD_TABLE_MAX, StateLimit } from './limits.js';
import { CLF, type ThreadInfo } from './threadinfo.js';
import { ThreadTable } from './thread-table.js';

export class FdTables extends ThreadTable {
  /** Per-process fd table capacity (libsinsp's). */
  maxFds = FD_TABLE_MAX;
  /** Delayed removals (libsinsp removes a closed fd / exited thread when the next event arrives). */
  pendingThread = -1;
  pendingReaper = 0;
  pendingFdTid = -1;
  readonly pendingFds: number[] = [];

  /** The thread whose fd table `t` uses: its main thread when it shares it (CLONE_FILES). */
  fdOwner(t: ThreadInfo): ThreadInfo | undefined {
    return t.flags & CLF.CLONE_FILES ? this.mainThread(t) : t;
  }

  /** The fd table a thread uses, for reading (it may be shared copy-on-write with a parent or child). */
  fdTable(t: ThreadInfo): ReadonlyMap<number, FdInfo> | undefined {
    return this.fdOwner(t)?.fds;
  }

  /**
   * The fd table a thread uses, for changing it or its records: a table shared with a forked parent or child
   * is copied first (records cloned, so neither side ever sees the other's changes).
   */
  writableFdTable(t: ThreadInfo): Map<number, FdInfo> | undefined {
    const owner = this.fdOwner(t);
    return owner ? this.ownFds(owner) : undefined;
  }

  /** `owner`'s own fd table, for changing: a shared one is copied first. */
  ownFds(owner: ThreadInfo): Map<number, FdInfo> {
    if (owner.fdsShared) {
      const own = new Map<number, FdInfo>();
      const extra = owner.fdsInherited ? FDF.CLONED : 0;
      for (const [fd, f] of owner.fds) {
        const c = f.clone();
        c.flags |= extra;
        own.set(fd, c);
      }
      owner.fds = own;
      owner.fdsShared = false;
      owner.fdsInherited = false;
    }
    return owner.fds as Map<number, FdInfo>;
  }

  /** A forked child's fd table: its parent's, shared until either side changes it (libsinsp copies it). */
  inheritFds(parent: ThreadInfo, child: ThreadInfo): void {
    const owner = this.fdOwner(parent);
    if (!owner || owner.fds.size === 0) return;
    owner.fdsShared = true;
    child.fds = owner.fds;
    child.fdsShared = true;
    child.fdsInherited = true;
  }

  /** Look an fd up; like libsinsp, a lookup makes the record's current name its "old" name (fd.name_changed). */
  getFd(t: ThreadInfo, fd: number): FdInfo | undefined {
    if (fd < 0) return undefined;
    const table = this.fdTable(t);
    // The caller may change the record: a shared table is copied only when the fd is there.
    const f = table?.has(fd) ? this.writableFdTable(t)?.get(fd) : undefined;
    if (f) f.oldName = f.name;
    return f;
  }

  /** Look an fd up without side effects (the record must not be changed) (renderers, snapshots). */
  peekFd(t: ThreadInfo, fd: number): FdInfo | undefined {
    return fd < 0 ? undefined : this.fdTable(t)?.get(fd);
  }

  /** Add (or replace) fd `fd`; it becomes the thread's last event fd. Returns the record stored. */
  addFd(t: ThreadInfo, fd: number, info: FdInfo): FdInfo | undefined {
    const table = this.writableFdTable(t);
    t.lastEventFd = fd;
    if (!table) return undefined;
    if (!this.fdRoom(t, table, fd)) return undefined;
    table.set(fd, info);
    return info;
  }

  /** Whether `fd` may go into `table`: a replacement always may, a new fd only below the cap (counted). */
  protected fdRoom(t: ThreadInfo, table: Map<number, FdInfo>, fd: number): boolean {
    if (table.size < this.maxFds || table.has(fd)) return true;
    this.warnings.note(StateLimit.FD_TABLE_FULL, () => `fd ${fd} of tid ${t.tid} at event ${this.evtnum}, ${table.size} fds open`);
    return false;
  }

  /** Apply the removals scheduled by the previous event (procexit, close). */
  flushPending(): void {
    if (this.pendingThread !== -1) {
      const tid = this.pendingThread;
      this.pendingThread = -1;
      this.removeThread(tid, false, this.pendingReaper);
    }
    if (this.pendingFds.length) {
      const t = this.threads.get(this.pendingFdTid);
      if (t) {
        const table = this.writableFdTable(t);
        if (table) for (const fd of this.pendingFds) table.delete(fd);
      }
      this.pendingFds.length = 0;
      this.pendingFdTid = -1;
    }
  }

  scheduleFdRemoval(t: ThreadInfo, fd: number): void {
    this.pendingFdTid = t.tid;
    this.pendingFds.push(fd);
  }

  protected clearPending(): void {
    this.pendingThread = -1;
    this.pendingFdTid = -1;
    this.pendingFds.length = 0;
  }
}
