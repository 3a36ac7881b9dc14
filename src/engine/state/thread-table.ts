// libsinsp's thread table: thread records by tid, thread groups and children (current libs), the fake record
// of an unknown thread, ancestry and working directories, and the table's size limit.
import { StateLimit, StateWarnings, THREAD_TABLE_MAX } from './limits.js';
import { concatPaths, concatPathsLegacy } from './paths.js';
import type { Cloner } from './checkpoint.js';
import { CLF, makeFake, NO_STRINGS, shareInheritedRecord, smi, ThreadInfo } from './threadinfo.js';
import type { ProcessInherited } from './thread-inherited.js';

/**
 * The members of a thread group: most processes have one thread, so a lone member is held as itself and a Set is
 * made only for a second one (one field either way). ThreadGroup extends it, so a group costs one object, not two.
 */
class GroupMembers implements Iterable<ThreadInfo> {
  #m: ThreadInfo | Set<ThreadInfo> | undefined = undefined;

  add(t: ThreadInfo): void {
    const m = this.#m;
    if (m instanceof Set) m.add(t);
    else if (m === undefined || m === t) this.#m = t;
    else this.#m = new Set([m, t]);
  }

  delete(t: ThreadInfo): void {
    const m = this.#m;
    if (m instanceof Set) m.delete(t);
    else if (m === t) this.#m = undefined;
  }

  get size(): number {
    const m = this.#m;
    return m instanceof Set ? m.size : m === undefined ? 0 : 1;
  }

  *[Symbol.iterator](): Iterator<ThreadInfo> {
    const m = this.#m;
    if (m instanceof Set) yield* m;
    else if (m !== undefined) yield m;
  }

  /** A copy for a state checkpoint (the generic copy cannot see the private field). */
  protected copyMembersTo(g: GroupMembers, k: Cloner): void {
    g.#m = k.clone(this.#m);
  }
}

/** HEAD thread group: its live thread count, whether it reaps orphans, its main thread and its members. */
export class ThreadGroup extends GroupMembers {
  /** Live thread count × 2, plus 1 when the group reaps orphans: one small integer instead of two fields. */
  #state: number;
  main: ThreadInfo | undefined;
  readonly pid: number;
  constructor(pid: number, reaper: boolean) {
    super();
    this.pid = smi(pid);
    this.#state = reaper ? 1 : 0;
    this.main = undefined;
  }

  /** Number of live (not exited) threads. */
  get alive(): number {
    return this.#state >> 1;
  }

  set alive(n: number) {
    this.#state = (n << 1) | (this.#state & 1);
  }

  get reaper(): boolean {
    return (this.#state & 1) !== 0;
  }

  set reaper(v: boolean) {
    this.#state = v ? this.#state | 1 : this.#state & ~1;
  }

  /** The group's threads (the group itself holds them). */
  get members(): GroupMembers {
    return this;
  }

  cloneWith(k: Cloner): ThreadGroup {
    const g = new ThreadGroup(this.pid, false);
    k.fill(this, g);
    g.#state = this.#state;
    this.copyMembersTo(g, k);
    return g;
  }
}

/** Thread → its group, held on the thread record itself (a Map entry per thread costs more). */
class GroupIndex {
  get(t: ThreadInfo): ThreadGroup | undefined {
    return t.group as ThreadGroup | undefined;
  }
  has(t: ThreadInfo): boolean {
    return t.group !== undefined;
  }
  set(t: ThreadInfo, g: ThreadGroup): void {
    t.group = g;
  }
  delete(t: ThreadInfo): void {
    t.group = undefined;
  }
}

export class ThreadTable {
  readonly legacy: boolean;
  readonly threads = new Map<number, ThreadInfo>();
  /** HEAD: thread groups by pid, and children by parent. */
  readonly groups = new Map<number, ThreadGroup>();
  readonly groupOf = new GroupIndex();
  readonly children = new Map<ThreadInfo, Set<ThreadInfo>>();
  /** Events parsed so far (the event number of the last one). */
  evtnum = 0;
  /** Thread table capacity (libsinsp's default for the profile). */
  maxThreads: number;
  /** What the size limits refused, for the once-per-capture warning. */
  readonly warnings = new StateWarnings();
  /** Strings and string lists shared between thread records (bounded; see intern). */
  readonly #interned = new Map<string, string>();
  readonly #internedLists = new Map<string, readonly string[]>();
  readonly #internedById = new WeakMap<readonly string[], readonly string[]>();
  /** The inherited record of the last new thread (see shareRecentInherited); only ever held as shared. */
  #recentInherited: ProcessInherited | undefined = undefined;
  /** Per-thread value slots reserved by stateful extractors (see ThreadInfo.slots). */
  #slotNames = new Map<string, number>();
  #slotCount = 0;

  constructor(legacy: boolean) {
    this.legacy = legacy;
    this.maxThreads = legacy ? THREAD_TABLE_MAX.legacy : THREAD_TABLE_MAX.current;
  }

  /**
   * Reserve a per-thread u64 slot for a stateful field extractor. 2022 libsinsp gives every field instance
   * its own private thread memory; current libsinsp keys a dynamic thread field by name, so every instance
   * asking for the same `name` shares one slot. Slots survive section resets (threads do not).
   */
  reserveThreadSlot(name: string): number {
    if (!this.legacy) {
      const known = this.#slotNames.get(name);
      if (known !== undefined) return known;
      this.#slotNames.set(name, this.#slotCount);
    }
    return this.#slotCount++;
  }

  /**
   * One shared copy of a short string that many thread records hold (comm, exe, cwd): a capture that spawns
   * many processes of one program then costs one string, not one per thread. The pool itself is bounded.
   */
  intern(s: string): string {
    if (s.length > INTERN_MAX_CHARS) return s;
    const known = this.#interned.get(s);
    if (known !== undefined) return known;
    if (this.#interned.size < INTERN_MAX_ENTRIES) this.#interned.set(s, s);
    return s;
  }

  /** One shared copy of a short string list (args, cgroups); thread records never modify these lists in place. */
  internList(list: readonly string[]): readonly string[] {
    if (list.length === 0) return NO_STRINGS;
    // Events with the same list bytes decode to the same list object (paramStringListShared): no key to build.
    const seen = this.#internedById.get(list);
    if (seen !== undefined) return seen;
    let chars = 0;
    for (const s of list) chars += s.length + 1;
    if (chars > INTERN_MAX_CHARS) return list;
    const key = list.join('\0');
    let known = this.#internedLists.get(key);
    if (known === undefined) {
      known = list;
      if (this.#internedLists.size < INTERN_MAX_ENTRIES) this.#internedLists.set(key, list);
    }
    this.#internedById.set(list, known);
    return known;
  }

  /**
   * A new thread whose inherited fields (comm, exe, args, ids…) equal those of the previous new thread holds
   * that thread's record: sibling clones of one program then cost one record, whatever their parent holds.
   */
  shareRecentInherited(t: ThreadInfo): void {
    const recent = this.#recentInherited;
    if (recent !== undefined && shareInheritedRecord(t, recent)) return;
    t.inheritedShared = true;
    this.#recentInherited = t.inherited;
  }

  /** Number of per-thread slots reserved so far. */
  get threadSlotCount(): number {
    return this.#slotCount;
  }

  /** Forget every thread (a new section starts). */
  protected clearThreads(): void {
    this.threads.clear();
    for (const g of this.groups.values()) for (const m of g.members) m.group = undefined;
    this.groups.clear();
    this.children.clear();
  }

  lookup(tid: number): ThreadInfo | undefined {
    return this.threads.get(tid);
  }

  /** Find the thread, or build the fake record libsinsp inserts when /proc cannot be asked (capture files). */
  getOrCreate(tid: number): ThreadInfo {
    let t = this.threads.get(tid);
    if (t) return t;
    t = new ThreadInfo(tid);
    makeFake(t, this.legacy);
    // With the table full the record serves the current event only, as libsinsp's dropped thread does.
    this.addThread(t, false);
    return t;
  }

  /** The main thread of `t`'s process (profile-2022 creates a fake one when missing). */
  mainThread(t: ThreadInfo): ThreadInfo | undefined {
    if (t.isMain) return t;
    if (this.legacy) {
      if (t.pid === -1) return undefined;
      return this.getOrCreate(t.pid);
    }
    const g = this.groupOf.get(t);
    const m = g?.main;
    return m && m.isMain ? m : undefined;
  }

  /** Working directory of a thread (its main thread's), with a trailing '/'. */
  cwd(t: ThreadInfo): string {
    if (this.legacy) {
      const m = this.mainThread(t);
      return m ? m.cwd : t.cwd;
    }
    const m = this.mainThread(t);
    return m ? m.cwd : './';
  }

  /** libsinsp `set_cwd`: resolve against the current cwd, keep a trailing '/'. Applies to the main thread. */
  setCwd(t: ThreadInfo, path: string): void {
    const target = this.legacy ? (this.mainThread(t) ?? t) : this.mainThread(t);
    if (!target) return;
    target.cwd = this.cwdJoin(target.cwd, path);
  }

  /** `path` resolved against the directory `dir` as a working directory: always ending with '/'. */
  cwdJoin(dir: string, path: string): string {
    const c = this.concat(dir, path);
    return c === '' || !c.endsWith('/') ? c + '/' : c;
  }

  concat(dir: string, path: string): string {
    return this.legacy ? concatPathsLegacy(dir, path) : concatPaths(dir, path);
  }

  /** The parent process of `t` (profile-2022: the record of its own ptid; HEAD: the main thread of the parent). */
  parent(t: ThreadInfo): ThreadInfo | undefined {
    if (this.legacy) return this.threads.get(t.ptid);
    return this.ancestor(t, 1);
  }

  /** HEAD `get_ancestor_process(t, n)`: n steps up from the main thread, main thread at each step. */
  ancestor(t: ThreadInfo, n: number): ThreadInfo | undefined {
    let x: ThreadInfo | undefined = this.mainThread(t);
    if (!x) return undefined;
    for (let i = 0; i < n; i++) {
      const p = this.threads.get(x.ptid);
      if (!p) return undefined;
      x = this.mainThread(p);
      if (!x) return undefined;
    }
    return x;
  }

  /**
   * Visit the ancestors of `t` (parent first, the process itself excluded) as libsinsp's traversal does: from
   * the main thread (profile-2022: the thread itself if it has none), following ptid, stopping at a missing record, a
   * tid of -1 or a loop. `visit` returns false to stop.
   */
  forEachAncestor(t: ThreadInfo, visit: (a: ThreadInfo) => boolean | void): void {
    const start = this.legacy ? (this.mainThread(t) ?? t) : this.mainThread(t);
    if (!start) return;
    const threads = this.threads;
    let slow = threads.get(start.ptid);
    let fast = slow ? threads.get(slow.ptid) : undefined;
    while (slow && slow.tid !== -1) {
      if (visit(slow) === false) return;
      slow = threads.get(slow.ptid);
      for (let i = 0; i < 2; i++) {
        fast = fast ? threads.get(fast.ptid) : fast;
        if (slow && (slow === fast || slow.tid === slow.ptid)) return;
      }
    }
  }

  // --- thread table changes ---

  /**
   * Insert a thread (PL entries pass fromProcList: no child accounting in profile-2022; HEAD links groups later).
   * Like libsinsp, a full table refuses a new tid (counted) and false is returned; the record is not kept.
   */
  addThread(t: ThreadInfo, fromProcList: boolean): boolean {
    if (this.threads.size >= this.maxThreads && !this.threads.has(t.tid)) {
      this.warnings.note(StateLimit.THREAD_TABLE_FULL, () => `tid ${t.tid} at event ${this.evtnum}, ${this.threads.size} threads in the table`);
      return false;
    }
    this.threads.set(t.tid, t);
    if (this.legacy) {
      if (!fromProcList && t.flags & CLF.CLONE_THREAD) {
        const m = this.getOrCreate(t.pid);
        if (m !== t) m.nchilds++;
      }
      return true;
    }
    if (!fromProcList) this.createDependencies(t);
    return true;
  }

  /** HEAD `create_thread_dependencies`: join the thread group and the parent's children. */
  createDependencies(t: ThreadInfo): void {
    if (t.invalid || this.groupOf.has(t)) return;
    let g = this.groups.get(t.pid);
    if (!g) {
      g = new ThreadGroup(t.pid, t.pid === 1 || t.vpid === 1);
      this.groups.set(t.pid, g);
    }
    g.members.add(t);
    if (!t.dead) g.alive++;
    if (t.isMain) g.main = t;
    this.groupOf.set(t, g);
    if (t.pid === 1) return;
    const parent = this.threads.get(t.ptid);
    if (!parent || parent.invalid) {
      t.ptid = 0;
      return;
    }
    this.addChild(parent, t);
  }

  addChild(parent: ThreadInfo, child: ThreadInfo): void {
    let set = this.children.get(parent);
    if (!set) {
      set = new Set();
      this.children.set(parent, set);
    }
    set.add(child);
    child.ptid = parent.tid;
  }

  /** Erase a thread record from the table (and from the HEAD links). */
  private erase(t: ThreadInfo): void {
    if (this.threads.get(t.tid) === t) this.threads.delete(t.tid);
    if (this.legacy) return;
    const parent = this.threads.get(t.ptid);
    this.children.get(parent as ThreadInfo)?.delete(t);
    this.children.delete(t);
    const g = this.groupOf.get(t);
    if (g) {
      g.members.delete(t);
      if (g.main === t) g.main = undefined;
      this.groupOf.delete(t);
    }
  }

  /** libsinsp `remove_thread` (profile-2022: `force` removes a main thread whose threads still live). */
  removeThread(tid: number, force: boolean, reaperTid = 0): void {
    const t = this.threads.get(tid);
    if (!t) return;
    if (this.legacy) {
      const nchilds = t.nchilds;
      if (nchilds !== 0 && !force) return;
      if (t.flags & CLF.CLONE_THREAD) {
        const m = this.threads.get(t.pid);
        if (m && m.nchilds > 0) m.nchilds--;
      }
      this.threads.delete(tid);
      if (nchilds !== 0) this.recreateChildCounts();
      return;
    }
    const g = this.groupOf.get(t);
    if (t.invalid || !g) {
      this.erase(t);
      return;
    }
    if (!t.dead) {
      g.alive--;
      t.dead = true;
    }
    const kids = this.children.get(t);
    if (kids && kids.size) {
      let reaper: ThreadInfo | undefined;
      if (reaperTid > 0) reaper = this.getOrCreate(reaperTid);
      if (!reaper || reaper.invalid) reaper = this.findNewReaper(t);
      if (reaper && reaper.pid !== t.pid) {
        const rg = this.groupOf.get(reaper);
        if (rg) rg.reaper = true;
      }
      for (const c of [...kids]) {
        if (!this.threads.has(c.tid)) continue;
        if (reaper) this.addChild(reaper, c);
        else c.ptid = 0;
      }
      this.children.delete(t);
    }
    if (g.alive === 0) {
      const m = this.threads.get(t.pid);
      if (m) this.erase(m);
      this.groups.delete(t.pid);
    }
    if (!t.isMain) this.erase(t);
  }

  private findNewReaper(t: ThreadInfo): ThreadInfo | undefined {
    const g = this.groupOf.get(t);
    if (g && g.alive > 0) {
      for (const m of g.members) if (!m.dead && m !== t) return m;
    }
    const seen = new Set<number>([t.tid]);
    const inNs = (x: ThreadInfo): boolean => (x.flags & CLF.CHILD_IN_PIDNS) !== 0 || (x.tid !== x.vtid && x.vtid >= 0);
    let p = this.threads.get(t.ptid);
    while (p) {
      if (seen.has(p.tid)) break;
      seen.add(p.tid);
      if (inNs(p) !== inNs(t)) break;
      const pg = this.groupOf.get(p);
      if (pg && pg.reaper && pg.alive > 0) {
        for (const m of pg.members) if (!m.dead) return m;
      }
      p = this.threads.get(p.ptid);
    }
    return undefined;
  }

  protected recreateChildCounts(): void {
    for (const t of this.threads.values()) t.nchilds = 0;
    for (const t of [...this.threads.values()]) {
      if (t.flags & CLF.CLONE_THREAD) {
        const m = this.getOrCreate(t.pid);
        if (m !== t) m.nchilds++;
      }
    }
  }
}

const INTERN_MAX_CHARS = 256;
const INTERN_MAX_ENTRIES = 16_384;
