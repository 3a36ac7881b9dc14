// One thread as libsinsp's thread table holds it.
import type { ScapEvent } from '../../scap/index.js';
import type { FdInfo } from './fdinfo.js';
import type { Cloner } from './checkpoint.js';
import { FAKE_INHERITED, FORK_KEYS, INHERITED_DEFAULTS, INHERITED_KEYS, NO_STRINGS, ProcessInherited, UNSET_ID, type InheritedKey } from './thread-inherited.js';

export { NO_STRINGS, UNSET_ID } from './thread-inherited.js';

/** PPM_CL_* clone flags used by the state engine. */
export const CLF = {
  CLONE_FILES: 0x1,
  CLONE_FS: 0x2,
  CLONE_NEWPID: 0x40,
  CLONE_PARENT: 0x100,
  CLONE_THREAD: 0x2000,
  CLONE_INVERTED: 0x10000,
  NAME_CHANGED: 0x20000,
  CLOSED: 0x40000,
  ACTIVE: 0x80000,
  CLONE_NEWUSER: 0x100000,
  PIPE_SRC: 0x200000,
  PIPE_DST: 0x400000,
  CLONE_VFORK: 0x8000000,
  CHILD_IN_PIDNS: 0x20000000,
  IS_MAIN_THREAD: 0x40000000,
} as const;


/**
 * `v` as V8 stores it inline: decoded 64-bit parameters arrive as heap-allocated doubles even when small, and a
 * record field holding one costs a 16-byte box (5 ids and 2 counters per thread, 30 MB at a full table). Values
 * beyond int32 stay as they are (exact), at the price of a box.
 */
export function smi(v: number): number {
  return (v | 0) === v ? v | 0 : v;
}

/** Bits of ThreadInfo's packed booleans. */
const B_FDS_SHARED = 1;
const B_FDS_INHERITED = 2;
const B_DEAD = 4;
const B_INHERITED_SHARED = 8;

/** The fd table every new thread starts with; never written (writers copy it first). */
const EMPTY_FDS: ReadonlyMap<number, FdInfo> = new Map<number, FdInfo>();


export class ThreadInfo {
  // Ids and fd numbers are kept int32 when they fit (see smi); the accessors below are the public face.
  #tid: number;
  #pid = -1;
  #ptid = -1;
  declare sid: number;
  declare vpgid: number;
  declare pgid: number;
  // comm, exe, args, cgroups, containerId, uid, gid and fdlimit live on `inherited` (see ProcessInherited).
  declare exepath: string;
  #env: readonly string[] = NO_STRINGS;
  /** HEAD: proc.cmdline cached when args are set. */
  declare cmdline: string | undefined;
  /** Caches of joined texts (proc.args, proc.env; 2022 proc.cmdline with the comm it was built for). */
  declare argsText: string | undefined;
  declare envText: string | undefined;
  declare cmdlineL22: string | undefined;
  declare cmdlineComm: string | undefined;
  /** Working directory (meaningful on main threads), ending with '/' once set. */
  cwd = '';
  declare root: string;
  // cloneTsLo (like uid and gid on `inherited`) is a u32 value, held as int32 (`| 0`) so V8 stores it inline: a
  // number above 2³¹ in a field makes every record box that field as a separate heap object.
  #cloneTsLo = 0;
  declare loginuid: number;
  declare tty: number;
  #vtid = -1;
  #vpid = -1;
  flags: number = CLF.NAME_CHANGED;
  vmsizeKb = 0;
  vmrssKb = 0;
  declare vmswapKb: number;
  declare pfMajor: number;
  declare pfMinor: number;
  /** Timestamp of the clone that created the thread, as two u32 halves; 0/0 when unknown. */
  cloneTsHi = 0;
  /** HEAD: timestamp of the last execve (u32 halves). */
  declare lastExecTsHi: number;
  declare lastExecTsLo: number;
  declare exeWritable: boolean;
  declare exeUpperLayer: boolean;
  declare exeLowerLayer: boolean;
  declare exeFromMemfd: boolean;
  declare exeIno: number;
  declare exeInoCtime: bigint;
  declare exeInoMtime: bigint;
  declare capInheritable: bigint;
  declare capPermitted: bigint;
  declare capEffective: bigint;
  pidnsInitStartTs = 0n;
  #lastEventFd = 0;
  /** Type of the last enter event (PPM_EVENT_MAX-like sentinel -1 when none). */
  lastEventType = -1;
  /** The enter event the parser stored for the next exit (a detached copy), and whether it pairs with it. */
  declare storedEnter: ScapEvent | undefined;
  /** Whether storedEnter holds an event (libsinsp frees it after every exit event of the thread). */
  declare hasStoredEnter: boolean;
  declare storedEnterValid: boolean;
  /** profile-2022: evt.latency, ts of the last enter event (u32 halves) and the latency of the last exit. */
  declare latencyEnterHi: number;
  declare latencyEnterLo: number;
  declare latency: number;
  /** profile-2022: number of other threads of the group (on the main thread). */
  declare nchilds: number;
  /**
   * Own fd table; threads sharing their main thread's table (CLONE_FILES) leave it unused. Copy-on-write: a
   * forked child and its parent hold the same map (fdsShared on both) until either writes, when the writer
   * takes its own copy (FdTables.writableFdTable); a new thread starts on the shared empty table.
   */
  fds: ReadonlyMap<number, FdInfo> = EMPTY_FDS;
  /** fdsShared, fdsInherited, dead and inheritedShared in one small integer (one field instead of four). */
  #bits = B_FDS_SHARED | B_INHERITED_SHARED;
  /** HEAD: the thread group the table linked this record into (ThreadTable.groupOf); opaque here. */
  group: object | undefined;
  /**
   * Per-thread u64 values that stateful field extractors keep (libsinsp: 2022 private thread memory,
   * current dynamic thread fields): slot i is (hi, lo) at [2i, 2i+1]. Allocated on the first write, so
   * threads nobody extracts such a field for cost nothing; a new thread starts with every slot at 0.
   */
  slots: Uint32Array | undefined;
  /** The fields a fork copies from the parent verbatim (see ProcessInherited); shared until either writes. */
  inherited: ProcessInherited = INHERITED_DEFAULTS;
  /** The rarely set fields (see ThreadExtra), allocated on the first write of a non-default value. */
  extra: ThreadExtra | undefined;

  constructor(tid: number) {
    this.#tid = smi(tid);
  }

  get tid(): number {
    return this.#tid;
  }

  set tid(v: number) {
    this.#tid = smi(v);
  }

  get pid(): number {
    return this.#pid;
  }

  set pid(v: number) {
    this.#pid = smi(v);
  }

  get ptid(): number {
    return this.#ptid;
  }

  set ptid(v: number) {
    this.#ptid = smi(v);
  }

  get vtid(): number {
    return this.#vtid;
  }

  set vtid(v: number) {
    this.#vtid = smi(v);
  }

  get vpid(): number {
    return this.#vpid;
  }

  set vpid(v: number) {
    this.#vpid = smi(v);
  }

  get fdlimit(): number {
    return this.inherited.fdlimit;
  }

  set fdlimit(v: number) {
    v = smi(v);
    if (this.inherited.fdlimit !== v) this.ownInherited().fdlimit = v;
  }

  get comm(): string {
    return this.inherited.comm;
  }

  set comm(v: string) {
    if (this.inherited.comm !== v) this.ownInherited().comm = v;
  }

  get exe(): string {
    return this.inherited.exe;
  }

  set exe(v: string) {
    if (this.inherited.exe !== v) this.ownInherited().exe = v;
  }

  get args(): readonly string[] {
    return this.inherited.args;
  }

  /** `subsys=path` strings. */
  get cgroups(): readonly string[] {
    return this.inherited.cgroups;
  }

  set cgroups(v: readonly string[]) {
    if (this.inherited.cgroups !== v) this.ownInherited().cgroups = v;
  }

  /** Container id ('' on the host). */
  get containerId(): string {
    return this.inherited.containerId;
  }

  set containerId(v: string) {
    if (this.inherited.containerId !== v) this.ownInherited().containerId = v;
  }

  /** `inherited`, for changing: a shared one is copied first. */
  ownInherited(): ProcessInherited {
    let x = this.inherited;
    if (this.inheritedShared) {
      this.inherited = x = Object.assign(new ProcessInherited(), x);
      this.inheritedShared = false;
    }
    return x;
  }

  /** fd of the last event (libsinsp m_lastevent_fd); 0 for a thread that never had an enter event. */
  get lastEventFd(): number {
    return this.#lastEventFd;
  }

  set lastEventFd(v: number) {
    this.#lastEventFd = smi(v);
  }

  /** Whether `fds` may be held by another thread too (then it must be copied before any change). */
  get fdsShared(): boolean {
    return (this.#bits & B_FDS_SHARED) !== 0;
  }

  set fdsShared(v: boolean) {
    this.#bits = v ? this.#bits | B_FDS_SHARED : this.#bits & ~B_FDS_SHARED;
  }

  /** Whether this thread's view of a shared `fds` is an inherited one (its copy gets the CLONED flag). */
  get fdsInherited(): boolean {
    return (this.#bits & B_FDS_INHERITED) !== 0;
  }

  set fdsInherited(v: boolean) {
    this.#bits = v ? this.#bits | B_FDS_INHERITED : this.#bits & ~B_FDS_INHERITED;
  }

  /** HEAD: the thread exited (procexit) but is kept while its group lives. */
  get dead(): boolean {
    return (this.#bits & B_DEAD) !== 0;
  }

  set dead(v: boolean) {
    this.#bits = v ? this.#bits | B_DEAD : this.#bits & ~B_DEAD;
  }

  /** Whether `inherited` may be held by another thread too (then it is copied before any change). */
  get inheritedShared(): boolean {
    return (this.#bits & B_INHERITED_SHARED) !== 0;
  }

  set inheritedShared(v: boolean) {
    this.#bits = v ? this.#bits | B_INHERITED_SHARED : this.#bits & ~B_INHERITED_SHARED;
  }

  get uid(): number {
    return this.inherited.uid >>> 0;
  }

  set uid(v: number) {
    v |= 0;
    if (this.inherited.uid !== v) this.ownInherited().uid = v;
  }

  get gid(): number {
    return this.inherited.gid >>> 0;
  }

  set gid(v: number) {
    v |= 0;
    if (this.inherited.gid !== v) this.ownInherited().gid = v;
  }

  get cloneTsLo(): number {
    return this.#cloneTsLo >>> 0;
  }

  set cloneTsLo(v: number) {
    this.#cloneTsLo = v | 0;
  }

  get isMain(): boolean {
    return this.tid === this.pid || (this.flags & CLF.IS_MAIN_THREAD) !== 0;
  }

  /** libsinsp's "invalid" thread (HEAD): a fake record whose ids are unknown. */
  get invalid(): boolean {
    return this.tid < 0 || this.pid < 0 || this.ptid < 0;
  }

  /** High u32 of slot `i` (0 when never written). */
  slotHi(i: number): number {
    const s = this.slots;
    return s !== undefined && 2 * i < s.length ? (s[2 * i] as number) : 0;
  }

  /** Low u32 of slot `i` (0 when never written). */
  slotLo(i: number): number {
    const s = this.slots;
    return s !== undefined && 2 * i + 1 < s.length ? (s[2 * i + 1] as number) : 0;
  }

  /** Write slot `i`; `count` is the number of slots reserved so far (the array is sized for all of them). */
  setSlot(i: number, hi: number, lo: number, count: number): void {
    let s = this.slots;
    if (s === undefined || s.length <= 2 * i) {
      const grown = new Uint32Array(2 * Math.max(count, i + 1));
      if (s !== undefined) grown.set(s);
      this.slots = s = grown;
    }
    s[2 * i] = hi;
    s[2 * i + 1] = lo;
  }

  setArgs(args: readonly string[]): void {
    if (this.inherited.args !== args) this.ownInherited().args = args;
    this.cmdline = undefined;
    this.argsText = undefined;
    this.cmdlineL22 = undefined;
  }

  get env(): readonly string[] {
    return this.#env;
  }

  set env(list: readonly string[]) {
    this.#env = list;
    this.envText = undefined;
  }

  /** A copy for a state checkpoint (the environment list is never changed in place, so it is shared). */
  cloneWith(k: Cloner): ThreadInfo {
    const t = new ThreadInfo(this.tid);
    k.fill(this, t);
    t.#env = this.#env;
    t.#pid = this.#pid;
    t.#ptid = this.#ptid;
    t.#vtid = this.#vtid;
    t.#vpid = this.#vpid;
    t.#lastEventFd = this.#lastEventFd;
    t.#bits = this.#bits;
    t.#cloneTsLo = this.#cloneTsLo;
    return t;
  }
}

/**
 * Fields most threads never set (caches, latency, the stored enter event, exe inode details): kept apart so a
 * capture with hundreds of thousands of threads does not pay for them on every record.
 */
class ThreadExtra {
  cmdline: string | undefined = undefined;
  argsText: string | undefined = undefined;
  envText: string | undefined = undefined;
  cmdlineL22: string | undefined = undefined;
  cmdlineComm: string | undefined = undefined;
  vmswapKb: number = 0;
  pfMajor: number = 0;
  pfMinor: number = 0;
  lastExecTsHi: number = 0;
  lastExecTsLo: number = 0;
  exeUpperLayer: boolean = false;
  exeLowerLayer: boolean = false;
  exeFromMemfd: boolean = false;
  exeIno: number = 0;
  exeInoCtime: bigint = 0n;
  exeInoMtime: bigint = 0n;
  storedEnter: ScapEvent | undefined = undefined;
  hasStoredEnter: boolean = false;
  storedEnterValid: boolean = false;
  latencyEnterHi: number = 0;
  latencyEnterLo: number = 0;
  latency: number = 0;
  nchilds: number = 0;
}

type ExtraKey = keyof ThreadExtra;
const EXTRA_DEFAULTS = new ThreadExtra();
for (const key of Object.keys(EXTRA_DEFAULTS) as ExtraKey[]) {
  const unset = EXTRA_DEFAULTS[key];
  Object.defineProperty(ThreadInfo.prototype, key, {
    get(this: ThreadInfo) {
      const x = this.extra;
      return x === undefined ? unset : x[key];
    },
    set(this: ThreadInfo, v: never) {
      let x = this.extra;
      if (x === undefined) {
        if (v === unset) return;
        this.extra = x = new ThreadExtra();
      }
      x[key] = v;
    },
  });
}

/** The fields the thread record's own accessors serve (the others get generic ones below). */
const OWN_ACCESSORS = new Set<string>(['comm', 'exe', 'args', 'cgroups', 'containerId', 'uid', 'gid', 'fdlimit']);
for (const key of Object.keys(INHERITED_DEFAULTS) as InheritedKey[]) {
  if (OWN_ACCESSORS.has(key)) continue;
  Object.defineProperty(ThreadInfo.prototype, key, {
    get(this: ThreadInfo) {
      return this.inherited[key];
    },
    set(this: ThreadInfo, v: never) {
      if (this.inherited[key] === v) return;
      this.ownInherited()[key] = v;
    },
  });
}

/** `child` takes `parent`'s fork-inherited fields (exe identity, session, capabilities; FORK_KEYS). */
export function shareInherited(child: ThreadInfo, parent: ThreadInfo): void {
  const mine = child.inherited;
  const from = parent.inherited;
  // The fork fields come from the parent either way: when the others are equal too, its record is the child's.
  if (mine === from || OWN_KEYS.every((key) => mine[key] === from[key])) {
    child.inherited = from;
    child.inheritedShared = true;
    parent.inheritedShared = true;
    return;
  }
  for (const key of FORK_KEYS) (child as unknown as Record<string, unknown>)[key] = from[key];
}

/** The inherited fields a fork does not copy from the parent. */
const OWN_KEYS = INHERITED_KEYS.filter((key) => !FORK_KEYS.includes(key));

/**
 * When every inherited field of `child` equals `parent`'s, `child` holds `parent`'s record (shared copy-on-write)
 * instead of its own: clones of one process cost one record. Returns whether they share it.
 */
export function shareInheritedIfSame(child: ThreadInfo, parent: ThreadInfo): boolean {
  if (!shareInheritedRecord(child, parent.inherited)) return false;
  parent.inheritedShared = true;
  return true;
}

/**
 * When every inherited field of `t` equals those of `record` (a record whose every holder treats it as shared),
 * `t` holds `record` instead of its own. Returns whether it does.
 */
export function shareInheritedRecord(t: ThreadInfo, record: ProcessInherited): boolean {
  const a = t.inherited;
  if (a !== record) {
    for (const key of INHERITED_KEYS) if (a[key] !== record[key]) return false;
    t.inherited = record;
  }
  t.inheritedShared = true;
  return true;
}

/** Fills `t` as a fake record for an unknown thread (libsinsp builds one when /proc cannot be asked). */
export function makeFake(t: ThreadInfo, legacy: boolean): void {
  t.pid = legacy ? t.tid : -1;
  t.ptid = -1;
  if (t.inherited === INHERITED_DEFAULTS) {
    t.inherited = FAKE_INHERITED;
    t.inheritedShared = true;
  }
  t.comm = '<NA>';
  t.exe = '<NA>';
  t.uid = UNSET_ID;
  t.gid = UNSET_ID;
  t.loginuid = UNSET_ID;
}
