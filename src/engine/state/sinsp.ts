// The state tables of libsinsp and their operations: threads, fd tables, users and groups, containers and
// network interfaces, with the lookups field extractors use. Event parsing lives in parsers.ts.
// Where 2022 libsinsp (sysdig 0.29.3) and current libsinsp differ, `legacy` selects the 2022 behaviour
// (sinsp-semantics.md §13); every such point is marked "L22" below.
import { FD_TYPE, ipv6Text, type FdEntry, type GroupEntry, type InterfaceEntry, type ThreadEntry, type UserEntry } from '../../scap/index.js';
import { parseIpv6 } from '../fields/values.js';
import { containerIdFromCgroups, emptyContainer, type ContainerInfo } from './containers.js';
import { FdInfo, L4, ROLE, FDF } from './fdinfo.js';
import { FD_TABLE_MAX, StateLimit, StateWarnings, THREAD_TABLE_MAX } from './limits.js';
import { concatPaths, concatPathsLegacy } from './paths.js';
import { CLF, makeFake, ThreadInfo, UNSET_ID } from './threadinfo.js';

export interface UserInfo {
  uid: number;
  gid: number;
  name: string;
  home: string;
  shell: string;
}

export interface GroupInfo {
  gid: number;
  name: string;
}

/** HEAD thread group: its live thread count, whether it reaps orphans, and its main thread. */
export class ThreadGroup {
  alive = 0;
  reaper: boolean;
  readonly members = new Set<ThreadInfo>();
  main: ThreadInfo | undefined;
  constructor(
    readonly pid: number,
    reaper: boolean,
  ) {
    this.reaper = reaper;
  }
}

interface Iface4 {
  addr: number;
  netmask: number;
}

export class SinspState {
  readonly legacy: boolean;
  readonly threads = new Map<number, ThreadInfo>();
  /** HEAD: thread groups by pid, and children by parent. */
  readonly groups = new Map<number, ThreadGroup>();
  readonly groupOf = new Map<ThreadInfo, ThreadGroup>();
  readonly children = new Map<ThreadInfo, Set<ThreadInfo>>();
  /** Users and groups by container id ('' = host). */
  readonly users = new Map<string, Map<number, UserInfo>>();
  readonly groupsById = new Map<string, Map<number, GroupInfo>>();
  readonly containers = new Map<string, ContainerInfo>();
  readonly ifaces4: Iface4[] = [];
  readonly ifaces6: Uint8Array[] = [];
  /** Ports of listening IPv4 sockets seen in fd lists (HEAD role fix-up). */
  readonly serverPorts = new Set<number>();
  hostname: string | undefined;
  /** Events parsed so far (the event number of the last one). */
  evtnum = 0;
  /** Delayed removals (libsinsp removes a closed fd / exited thread when the next event arrives). */
  pendingThread = -1;
  pendingFdTid = -1;
  readonly pendingFds: number[] = [];
  /** Whether fd-list threads still need their HEAD group/parent links. */
  needDependencies = false;
  /** CPUs of the machine that recorded the capture (machine info block; 0 when there is none). */
  numCpus = 0;
  /** Strings and string lists shared between thread records (bounded; see intern). */
  readonly #interned = new Map<string, string>();
  readonly #internedLists = new Map<string, string[]>();
  /** Per-thread value slots reserved by stateful extractors (see ThreadInfo.slots). */
  #slotNames = new Map<string, number>();
  #slotCount = 0;

  /** Thread table capacity (libsinsp's default for the profile) and fd table capacity per process. */
  maxThreads: number;
  maxFds = FD_TABLE_MAX;
  /** What the size limits refused, for the once-per-capture warning. */
  readonly warnings = new StateWarnings();

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
  internList(list: string[]): string[] {
    if (list.length === 0) return EMPTY_LIST;
    let chars = 0;
    for (const s of list) chars += s.length + 1;
    if (chars > INTERN_MAX_CHARS) return list;
    const key = list.join('\0');
    const known = this.#internedLists.get(key);
    if (known !== undefined) return known;
    if (this.#internedLists.size < INTERN_MAX_ENTRIES) this.#internedLists.set(key, list);
    return list;
  }

  /** Number of per-thread slots reserved so far. */
  get threadSlotCount(): number {
    return this.#slotCount;
  }

  reset(): void {
    this.threads.clear();
    this.groups.clear();
    this.groupOf.clear();
    this.children.clear();
    this.users.clear();
    this.groupsById.clear();
    this.containers.clear();
    this.ifaces4.length = 0;
    this.ifaces6.length = 0;
    this.serverPorts.clear();
    this.pendingThread = -1;
    this.pendingFdTid = -1;
    this.pendingFds.length = 0;
    this.needDependencies = false;
  }

  // --- lookups ---

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

  /** The main thread of `t`'s process (L22 creates a fake one when missing). */
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

  /** The fd table a thread uses: its main thread's when it shares it (CLONE_FILES). */
  fdTable(t: ThreadInfo): Map<number, FdInfo> | undefined {
    if (!(t.flags & CLF.CLONE_FILES)) return t.fds;
    const m = this.mainThread(t);
    return m ? m.fds : undefined;
  }

  /** Look an fd up; like libsinsp, a lookup makes the record's current name its "old" name (fd.name_changed). */
  getFd(t: ThreadInfo, fd: number): FdInfo | undefined {
    if (fd < 0) return undefined;
    const f = this.fdTable(t)?.get(fd);
    if (f) f.oldName = f.name;
    return f;
  }

  /** Look an fd up without side effects (renderers, snapshots). */
  peekFd(t: ThreadInfo, fd: number): FdInfo | undefined {
    return fd < 0 ? undefined : this.fdTable(t)?.get(fd);
  }

  /** Add (or replace) fd `fd`; it becomes the thread's last event fd. Returns the record stored. */
  addFd(t: ThreadInfo, fd: number, info: FdInfo): FdInfo | undefined {
    const table = this.fdTable(t);
    t.lastEventFd = fd;
    if (!table) return undefined;
    if (!this.#fdRoom(t, table, fd)) return undefined;
    table.set(fd, info);
    return info;
  }

  /** Whether `fd` may go into `table`: a replacement always may, a new fd only below the cap (counted). */
  #fdRoom(t: ThreadInfo, table: Map<number, FdInfo>, fd: number): boolean {
    if (table.size < this.maxFds || table.has(fd)) return true;
    this.warnings.note(StateLimit.FD_TABLE_FULL, () => `fd ${fd} of tid ${t.tid} at event ${this.evtnum}, ${table.size} fds open`);
    return false;
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

  /** The parent process of `t` (L22: the record of its own ptid; HEAD: the main thread of the parent). */
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
   * the main thread (L22: the thread itself if it has none), following ptid, stopping at a missing record, a
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
   * Insert a thread (PL entries pass fromProcList: no child accounting in L22; HEAD links groups later).
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

  /** libsinsp `remove_thread` (L22: `force` removes a main thread whose threads still live). */
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

  private recreateChildCounts(): void {
    for (const t of this.threads.values()) t.nchilds = 0;
    for (const t of [...this.threads.values()]) {
      if (t.flags & CLF.CLONE_THREAD) {
        const m = this.getOrCreate(t.pid);
        if (m !== t) m.nchilds++;
      }
    }
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
        const table = this.fdTable(t);
        if (table) for (const fd of this.pendingFds) table.delete(fd);
      }
      this.pendingFds.length = 0;
      this.pendingFdTid = -1;
    }
  }

  pendingReaper = 0;

  scheduleFdRemoval(t: ThreadInfo, fd: number): void {
    this.pendingFdTid = t.tid;
    this.pendingFds.push(fd);
  }

  // --- containers and users ---

  resolveContainer(t: ThreadInfo): void {
    const r = containerIdFromCgroups(t.cgroups, !this.legacy);
    t.containerId = r.id;
    if (this.legacy && r.id !== '' && (r.type === 0 || r.type === 11) && !this.containers.has(r.id)) {
      // In capture mode docker and podman create a bare record for an id they recognise.
      this.containers.set(r.id, emptyContainer(r.id, r.type));
    }
  }

  user(containerId: string, uid: number): UserInfo | undefined {
    return this.users.get(containerId)?.get(uid);
  }

  group(containerId: string, gid: number): GroupInfo | undefined {
    return this.groupsById.get(containerId)?.get(gid);
  }

  addUser(u: UserInfo, containerId = ''): void {
    let m = this.users.get(containerId);
    if (!m) this.users.set(containerId, (m = new Map()));
    m.set(u.uid, u);
  }

  addGroup(g: GroupInfo, containerId = ''): void {
    let m = this.groupsById.get(containerId);
    if (!m) this.groupsById.set(containerId, (m = new Map()));
    m.set(g.gid, g);
  }

  // --- state blocks ---

  loadUser(u: UserEntry): void {
    this.addUser({ uid: u.uid, gid: u.gid, name: u.name, home: u.home, shell: u.shell });
  }

  loadGroup(g: GroupEntry): void {
    this.addGroup({ gid: g.gid, name: g.name });
  }

  loadIface(i: InterfaceEntry): void {
    if (i.kind === 'ipv4') {
      const a = ipv4Number(i.addr);
      const m = ipv4Number(i.netmask);
      if (a !== undefined) this.ifaces4.push({ addr: a, netmask: m ?? 0 });
    } else {
      const b = parseIpv6(i.addr);
      if (b) this.ifaces6.push(b);
    }
  }

  loadThread(e: ThreadEntry): void {
    const t = new ThreadInfo(e.tid);
    t.pid = e.pid;
    t.ptid = e.ptid;
    t.sid = e.sid;
    t.vpgid = e.vpgid;
    t.pgid = e.pgid;
    t.comm = e.comm;
    t.exe = e.exe;
    t.exepath = this.legacy ? e.exepath : stripDeleted(e.exepath);
    t.setArgs(e.args);
    t.fdlimit = e.fdlimit;
    t.vmsizeKb = e.vmsizeKb;
    t.vmrssKb = e.vmrssKb;
    t.vmswapKb = e.vmswapKb;
    t.pfMajor = e.pfMajor;
    t.pfMinor = e.pfMinor;
    t.flags = e.flags | CLF.ACTIVE;
    t.uid = e.uid;
    t.gid = e.gid;
    t.vtid = e.vtid;
    t.vpid = e.vpid;
    t.cgroups = e.cgroups;
    t.root = e.root;
    if (this.legacy && e.version === 9 && e.pidnsInitStartTs !== 0n) {
      // sysdig 0.29.3 reads the pre-0.10 tail: loginuid and exe_writable where pidns_init_start_ts now is.
      t.loginuid = Number(e.pidnsInitStartTs & 0xffffffffn);
      t.exeWritable = ((e.pidnsInitStartTs >> 32n) & 0xffn) !== 0n;
      t.tty = 0;
    } else {
      t.loginuid = e.loginuid;
      t.exeWritable = e.exeWritable;
      t.tty = e.tty;
    }
    if (!this.legacy) {
      t.capInheritable = e.capInheritable;
      t.capPermitted = e.capPermitted;
      t.capEffective = e.capEffective;
      t.exeUpperLayer = e.exeUpperLayer;
      t.exeLowerLayer = e.exeLowerLayer;
      t.exeFromMemfd = e.exeFromMemfd;
      t.exeIno = e.exeIno;
      t.exeInoCtime = e.exeInoCtime;
      t.exeInoMtime = e.exeInoMtime;
      t.pidnsInitStartTs = e.pidnsInitStartTs;
    }
    if (t.isMain) {
      t.env = e.env;
      t.cwd = this.cwdJoin('', e.cwd);
    }
    this.resolveContainer(t);
    this.addThread(t, true);
    this.needDependencies = true;
  }

  loadFd(e: FdEntry): void {
    const t = this.threads.get(e.tid);
    if (!t) return;
    const f = new FdInfo();
    f.flags = FDF.FROM_PROC;
    f.ino = e.ino;
    f.type = e.type;
    switch (e.type) {
      case FD_TYPE.IPV4_SOCK: {
        f.sip = ipv4Number(e.sip ?? '') ?? 0;
        f.dip = ipv4Number(e.dip ?? '') ?? 0;
        f.sport = e.sport ?? 0;
        f.dport = e.dport ?? 0;
        f.l4proto = e.l4proto ?? 0;
        if (f.l4proto === L4.TCP) f.flags |= FDF.CONNECTED;
        this.patchInterfaces(f);
        f.name = ipv4TupleText(f);
        break;
      }
      case FD_TYPE.IPV6_SOCK: {
        const s = parseIpv6(e.sip ?? '') ?? new Uint8Array(16);
        const d = parseIpv6(e.dip ?? '') ?? new Uint8Array(16);
        f.sport = e.sport ?? 0;
        f.dport = e.dport ?? 0;
        f.l4proto = e.l4proto ?? 0;
        if (isMapped(s) && isMapped(d)) {
          f.type = FD_TYPE.IPV4_SOCK;
          f.sip = v4of(s);
          f.dip = v4of(d);
          if (f.l4proto === L4.TCP) f.flags |= FDF.CONNECTED;
          this.patchInterfaces(f);
          f.name = ipv4TupleText(f);
        } else {
          f.sip6 = s;
          f.dip6 = d;
          if (f.l4proto === L4.TCP) f.flags |= FDF.CONNECTED;
          f.name = ipv6TupleText(f);
        }
        break;
      }
      case FD_TYPE.IPV4_SERVSOCK:
        f.sip = ipv4Number(e.sip ?? '') ?? 0;
        f.sport = e.sport ?? 0;
        f.l4proto = e.l4proto ?? 0;
        f.role = ROLE.SERVER;
        f.name = `${ipv4Text(f.sip)}:${f.sport}`;
        this.serverPorts.add(f.sport);
        break;
      case FD_TYPE.IPV6_SERVSOCK:
        f.sip6 = parseIpv6(e.sip ?? '') ?? new Uint8Array(16);
        f.sport = e.sport ?? 0;
        f.l4proto = e.l4proto ?? 0;
        f.role = ROLE.SERVER;
        f.name = `${ipv6Text(f.sip6, 0)}:${f.sport}`;
        break;
      case FD_TYPE.UNIX_SOCK:
        f.usource = e.source ?? '';
        f.udest = e.destination ?? '';
        f.name = e.name;
        f.role = e.name === '' ? ROLE.CLIENT : ROLE.SERVER;
        break;
      case FD_TYPE.FILE_V2:
        f.name = e.name;
        f.openFlags = e.openFlags ?? 0;
        f.dev = e.dev ?? 0;
        if (!this.legacy && f.openFlags & O_CLOEXEC) f.flags |= FDF.CLOEXEC;
        break;
      default:
        if (!this.legacy && (e.type < 0 || e.type > FD_TYPE.PIDFD)) f.type = FD_TYPE.UNSUPPORTED;
        f.name = e.name;
    }
    // PL threads sharing a table (CLONE_FILES) add into the main thread's.
    const table = this.fdTable(t) ?? t.fds;
    if (this.#fdRoom(t, table, e.fd)) table.set(e.fd, f);
  }

  /**
   * After the state blocks: HEAD links groups and parents, and gives IPv4 sockets from the fd lists a role
   * (server when their port is a listening port, else client).
   */
  finishStateBlocks(): void {
    if (!this.needDependencies) return;
    this.needDependencies = false;
    if (this.legacy) {
      // 2022 libsinsp counts the threads of each process once the process list is loaded.
      this.recreateChildCounts();
      return;
    }
    for (const t of [...this.threads.values()]) this.createDependencies(t);
    for (const t of this.threads.values()) {
      for (const f of t.fds.values()) {
        if (f.type !== FD_TYPE.IPV4_SOCK || !(f.flags & FDF.FROM_PROC) || f.role !== ROLE.NONE) continue;
        if (this.serverPorts.has(f.sport)) {
          swapTuple(f);
          f.role = ROLE.SERVER;
        } else f.role = ROLE.CLIENT;
      }
    }
  }

  // --- network ---

  /** libsinsp's interface patch: infer a zero address of an IPv4 tuple from the capture's interfaces. */
  patchInterfaces(f: FdInfo): void {
    if (f.type === FD_TYPE.IPV6_SOCK) {
      this.patchInterfaces6(f);
      return;
    }
    if (f.type !== FD_TYPE.IPV4_SOCK) return;
    if (f.sip !== 0 && f.dip !== 0) return;
    if (f.sip === 0) {
      const ip = this.inferIpv4(f.dip);
      if (ip === f.dip && f.sport === f.dport) return;
      f.sip = ip;
    } else {
      const ip = this.inferIpv4(f.sip);
      if (ip === f.sip && f.sport === f.dport) return;
      f.dip = ip;
    }
  }

  private patchInterfaces6(f: FdInfo): void {
    const s = f.sip6 ?? ZERO16;
    const d = f.dip6 ?? ZERO16;
    const zs = isZero(s);
    const zd = isZero(d);
    if (!zs && !zd) return;
    if (zs) {
      const ip = this.inferIpv6(d);
      if (eqBytes(ip, d) && f.sport === f.dport) return;
      f.sip6 = Uint8Array.from(ip);
    } else {
      const ip = this.inferIpv6(s);
      if (eqBytes(ip, s) && f.sport === f.dport) return;
      f.dip6 = Uint8Array.from(ip);
    }
  }

  private inferIpv6(known: Uint8Array): Uint8Array {
    for (const a of this.ifaces6) if (eqBytes(a, known)) return a;
    for (const a of this.ifaces6) if (eqBytes(a.subarray(0, 8), known.subarray(0, 8))) return a;
    for (const a of this.ifaces6) if (!isLoopback6(a)) return a;
    return ZERO16;
  }

  private inferIpv4(known: number): number {
    for (const i of this.ifaces4) if (i.addr === known) return known;
    for (const i of this.ifaces4) if (((i.addr & i.netmask) >>> 0) === ((known & i.netmask) >>> 0)) return i.addr;
    for (const i of this.ifaces4) if (i.addr !== 0x7f000001) return i.addr;
    return 0;
  }

  /** "Local address" of fd.is_server / fd.lip (sinsp-semantics.md §6.3). */
  isLocalIpv4(t: ThreadInfo, ip: number): boolean {
    if (t.containerId !== '') {
      const c = this.containers.get(t.containerId);
      const cip = c && c.ip ? ipv4Number(c.ip) : undefined;
      if (cip !== undefined && cip !== 0) {
        if (cip === ip) return true;
      } else {
        for (const k of this.containers.values()) if (k.ip && ipv4Number(k.ip) === ip) return true;
      }
    }
    for (const i of this.ifaces4) if (i.addr === ip) return true;
    return false;
  }

  isLocalIpv6(t: ThreadInfo, ip: Uint8Array): boolean {
    if (t.containerId !== '') return false;
    for (const a of this.ifaces6) {
      let same = true;
      for (let k = 0; k < 8; k++) if (a[k] !== ip[k]) same = false;
      if (same) return true;
    }
    return false;
  }
}

export const O_CLOEXEC = 0x1000;

const INTERN_MAX_CHARS = 256;
const INTERN_MAX_ENTRIES = 16_384;
const EMPTY_LIST: string[] = [];

export function stripDeleted(p: string): string {
  return p.endsWith(' (deleted)') ? p.slice(0, -10) : p;
}

export function swapTuple(f: FdInfo): void {
  const sip = f.sip;
  const sport = f.sport;
  const sip6 = f.sip6;
  f.sip = f.dip;
  f.sport = f.dport;
  f.sip6 = f.dip6;
  f.dip = sip;
  f.dport = sport;
  f.dip6 = sip6;
}

export function ipv4Number(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0;
  for (const p of parts) {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 0 || n > 255 || p === '') return undefined;
    v = v * 256 + n;
  }
  return v >>> 0;
}

export function ipv4Text(ip: number): string {
  return `${ip >>> 24}.${(ip >>> 16) & 0xff}.${(ip >>> 8) & 0xff}.${ip & 0xff}`;
}

/** IPv4-mapped (::ffff:a.b.c.d) or all-zero 16-byte address (libsinsp treats both as IPv4). */
export function isMapped(b: Uint8Array, o = 0): boolean {
  for (let i = 0; i < 10; i++) if (b[o + i] !== 0) return false;
  if (b[o + 10] === 0xff && b[o + 11] === 0xff) return true;
  return b[o + 10] === 0 && b[o + 11] === 0 && b[o + 12] === 0 && b[o + 13] === 0 && b[o + 14] === 0 && b[o + 15] === 0;
}

export function v4of(b: Uint8Array, o = 0): number {
  return (((b[o + 12] as number) << 24) | ((b[o + 13] as number) << 16) | ((b[o + 14] as number) << 8) | (b[o + 15] as number)) >>> 0;
}

export function ipv4TupleText(f: FdInfo): string {
  return `${ipv4Text(f.sip)}:${f.sport}->${ipv4Text(f.dip)}:${f.dport}`;
}

export function ipv6TupleText(f: FdInfo): string {
  return `${ipv6Text(f.sip6 ?? ZERO16, 0)}:${f.sport}->${ipv6Text(f.dip6 ?? ZERO16, 0)}:${f.dport}`;
}

export const ZERO16 = new Uint8Array(16);

function isZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

function eqBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isLoopback6(a: Uint8Array): boolean {
  for (let i = 0; i < 15; i++) if (a[i] !== 0) return false;
  return a[15] === 1;
}

export { UNSET_ID };
