// `slice`: cut a capture for a ticket. The selected events are written with the state they need to be read
// as in the whole capture: the process table, fd tables, interfaces, users and machine info as they stand
// just before the first selected event (from the state engine), then the container records seen so far, then
// the events as the file holds them. Event numbers and the filter are those of `events` and `run` (the replay's
// numbering). What the state blocks cannot say is said by events: docs/scap-format.md#slices.
import { gzipSync } from 'node:zlib';
import { compileFilter, F_DUPFD, F_DUPFD_CLOEXEC, FieldRegistry, Inspector, parseCondition, SYSCALL_SOURCE, type Predicate, type TimeBound } from '../engine/index.js';
import {
  DUMP_FLAG,
  EF,
  FD_TYPE,
  ipv4NumberText,
  ipv6Text,
  fileChunks,
  readCaptureFile,
  readCaptureStream,
  ScapWriter,
  type ScapDecoder,
  type FdInput,
  type GroupEntry,
  type InterfaceEntry,
  type MachineInfo,
  type ReadSummary,
  type ScapEvent,
  type ThreadInput,
  type UserEntry,
} from '../scap/index.js';
import { sameFile, writeFileAtomic } from './write-file.js';

export interface SliceOptions {
  input: string;
  /** Written atomically; gzip when it ends in `.gz`. Never one of the inputs. */
  output: string;
  /** A condition in Falco's language (fields of `falco-replay fields`). */
  filter?: string;
  /** Capture time window, since ≤ t < until (times of day count from the first event's day in `zoneSeconds`). */
  since?: TimeBound;
  until?: TimeBound;
  /** Event numbers first..last (inclusive), as `events` and alerts number them. */
  events?: { first: number; last: number };
  zoneSeconds?: number;
}

export interface SliceResult {
  /** Events written. */
  events: number;
  /** Dropped events of the kept events' processes written for the state they change (with a filter). */
  carried: number;
  first: number | undefined;
  last: number | undefined;
  threads: number;
  fds: number;
  /** The read of the input (damage, skipped events) on the second pass. */
  summary: ReadSummary;
}

/** A slice that cannot be made (bad filter, output over an input, nothing selected). */
export class SliceError extends Error {}

// Internal bits of our thread flags that are not PPM_CL_* flags of a process-list entry.
const NOT_CLONE_FLAGS = 0x20000 | 0x40000 | 0x80000 | 0x200000 | 0x400000;
const CONTAINER_EVENT = /CONTAINER/;
const SCHED_SWITCH = /^PPME_SCHEDSWITCH/;
const CLONE_EXIT = /^PPME_SYSCALL_(?:CLONE|CLONE3|FORK|VFORK)(?:_\d+)?_X$/;
/** Threads whose 0.29.3 parent is remembered (beyond, the process list holds current libs' parent). */
const MAX_THREAD_PARENTS = 1 << 20;
/** PPM_CL_CLONE_THREAD. */
const CLONE_THREAD = 0x2000;
// Exit events that make a socket record, and those that change one (a UDP send or receive sets the tuple).
const SOCKET_MADE = /^PPME_SOCKET_(?:SOCKET|ACCEPT|ACCEPT4)(?:_\d+)?_X$/;
const SOCKET_EVENT = /^PPME_SOCKET_(?:SOCKET|ACCEPT|ACCEPT4|BIND|CONNECT|LISTEN|SENDTO|RECVFROM|SENDMSG|RECVMSG|SHUTDOWN)(?:_\d+)?_X$/;
const SOCKET_IO = /^PPME_SOCKET_(?:SENDTO|RECVFROM|SENDMSG|RECVMSG)/;
/** Enter/exit pairs kept per socket; a socket changed more often goes in the fd list instead. */
const MAX_SOCKET_EVENTS = 32;
// Exits from which sysdig 0.29.3 adds an fd without their enter event, which makes it the thread's last-event fd
// (an exit without its enter takes its fd from there). Pipe and socketpair add two fds, the second one last.
const SYSDIG_ADDS_FD = /^PPME_(?:SYSCALL_(?:OPEN|CREAT|OPENAT_2|OPENAT2|OPEN_BY_HANDLE_AT|PIPE|EVENTFD|SIGNALFD|TIMERFD_CREATE|INOTIFY_INIT)|SOCKET_(?:ACCEPT|ACCEPT_5|ACCEPT4|ACCEPT4_5|SOCKETPAIR))_X$/;
const TWO_FDS = /^PPME_(?:SYSCALL_PIPE|SOCKET_SOCKETPAIR)_X$/;
// fcntl(F_DUPFD) and fcntl(F_DUPFD_CLOEXEC) (the state's PPM_FCNTL_* codes) add an fd too, though the event table
// does not flag it.
const FCNTL_EXIT = 'PPME_SYSCALL_FCNTL_X';
/** State-changing events carried per process whose working directory the capture never learned. */
const MAX_HISTORY = 4096;
/** At most this many threads' last fd-adding exits are remembered (the state's own thread table is no larger). */
const MAX_LAST_FD_THREADS = 1 << 18;
/** At most this many event units in all histories together (a child starts with a copy of its parent's). */
const MAX_HISTORY_UNITS_TOTAL = 1 << 20;
const PROCEXIT = /^PPME_PROCEXIT(?:_\d+)?_E$/;
/** The first event code sysdig 0.29.3 does not know (it skips those events). */
const SYSDIG_UNKNOWN_CODE = 336;

/** An fcntl exit whose command (current layouts carry it on the exit) duplicates an fd. */
function isDupfd(e: ScapEvent): boolean {
  const i = e.info.params.findIndex((p) => p.name === 'cmd');
  const cmd = i < 0 ? undefined : e.paramInt(i);
  return cmd === F_DUPFD || cmd === F_DUPFD_CLOEXEC;
}

function resolveBound(b: TimeBound | undefined, firstTs: bigint, zoneSeconds: number): bigint | undefined {
  if (!b) return undefined;
  if ('epochNs' in b) return b.epochNs;
  const DAY = 86_400_000_000_000n;
  const zone = BigInt(zoneSeconds) * 1_000_000_000n;
  const local = firstTs + zone;
  return local - (((local % DAY) + DAY) % DAY) - zone + b.dayNs;
}

/** What the first pass finds: the kept event numbers and, with a filter, the processes they need. */
interface Selection {
  selected: Set<number>;
  /** With a filter: the pids of the kept events' processes, their ancestors, session and group leaders. */
  pids: Set<number> | undefined;
}

// Events that change the process, fd or user state of their thread (libsinsp's parsers): with a filter, those of
// the kept events' processes are written too, so the slice rebuilds the state the dropped ones made.
const STATE_EVENT =
  /^PPME_(?:SYSCALL_|SOCKET_)?(?:CLONE|CLONE3|FORK|VFORK|EXECVE|EXECVEAT|PROCEXIT|OPEN|OPENAT|OPENAT2|CREAT|OPEN_BY_HANDLE_AT|CLOSE|DUP|DUP2|DUP3|SOCKET|SOCKETPAIR|ACCEPT|ACCEPT4|CONNECT|BIND|LISTEN|PIPE|PIPE2|EVENTFD|EVENTFD2|SIGNALFD|SIGNALFD4|TIMERFD_CREATE|INOTIFY_INIT|INOTIFY_INIT1|MEMFD_CREATE|PIDFD_GETFD|USERFAULTFD|FCNTL|CHDIR|FCHDIR|CHROOT|SETUID|SETGID|SETRESUID|SETRESGID|SETSID|SETPGID|PRCTL|CAPSET|SETNS|UNSHARE|SETRLIMIT|PRLIMIT)(?:_\d+)?_[EX]$/;

/** How far up the process tree a kept event's ancestors are kept (a loop or a deep tree stops there). */
const MAX_ANCESTORS = 256;

/** The numbers of the events the selection keeps (first pass: the filter needs state). */
async function selectEvents(opts: SliceOptions, registry: FieldRegistry): Promise<Selection> {
  const inspector = new Inspector(registry, { zoneSeconds: opts.zoneSeconds ?? 0, captureFile: opts.input });
  let predicate: Predicate | undefined;
  if (opts.filter !== undefined && opts.filter.trim() !== '') {
    try {
      predicate = compileFilter(parseCondition(opts.filter), { registry, source: SYSCALL_SOURCE, ...inspector.compileOptions }).predicate;
    } catch (e) {
      // Syntax and compile errors carry the offset of the problem in the filter text.
      const at = (e as { offset?: unknown }).offset;
      throw new SliceError(`bad filter${typeof at === 'number' ? ` at column ${at + 1}` : ''}: ${(e as Error).message}`);
    }
  }
  const selected = new Set<number>();
  const pids = predicate ? new Set<number>() : undefined;
  const st = inspector.state;
  const need = (pid: number): void => {
    if (!pids || pids.has(pid)) return;
    pids.add(pid);
    const t = st.threads.get(pid);
    if (!t) return;
    for (const leader of [t.sid, t.vpgid]) if (leader > 0) pids.add(leader);
    let depth = 0;
    st.forEachAncestor(t, (a) => {
      pids.add(a.pid);
      return ++depth < MAX_ANCESTORS;
    });
  };
  let since: bigint | undefined;
  let until: bigint | undefined;
  let resolved = false;
  await readCaptureFile(
    opts.input,
    {
      ...inspector.stateHandler,
      event: (e) => {
        if (!resolved) {
          resolved = true;
          since = resolveBound(opts.since, e.ts, opts.zoneSeconds ?? 0);
          until = resolveBound(opts.until, e.ts, opts.zoneSeconds ?? 0);
        }
        const reaches = inspector.next(e) !== undefined;
        if (opts.events && e.num > opts.events.last) return false;
        if (!reaches) return true;
        if (opts.events && e.num < opts.events.first) return true;
        if (since !== undefined || until !== undefined) {
          const ts = e.ts;
          if (since !== undefined && ts < since) return true;
          if (until !== undefined && ts >= until) return until === undefined || ts < until;
        }
        if (!predicate || predicate(inspector.context)) {
          selected.add(e.num);
          const t = st.threads.get(e.tid);
          need(t ? t.pid : e.tid);
        }
        return true;
      },
    },
    inspector.readOptions,
  );
  return { selected, pids };
}

function fdInput(fd: number, f: { type: number; name: string; openFlags: number; dev: number; ino: number; sip: number; dip: number; sip6: Uint8Array | undefined; dip6: Uint8Array | undefined; sport: number; dport: number; l4proto: number; usource: string; udest: string }): FdInput {
  const base: FdInput = { fd, type: f.type, ino: f.ino };
  switch (f.type) {
    case FD_TYPE.IPV4_SOCK:
      return { ...base, sip: ipv4NumberText(f.sip), dip: ipv4NumberText(f.dip), sport: f.sport, dport: f.dport, l4proto: f.l4proto };
    case FD_TYPE.IPV6_SOCK:
      return { ...base, sip: ipv6Text(f.sip6 ?? new Uint8Array(16), 0), dip: ipv6Text(f.dip6 ?? new Uint8Array(16), 0), sport: f.sport, dport: f.dport, l4proto: f.l4proto };
    case FD_TYPE.IPV4_SERVSOCK:
      return { ...base, sip: ipv4NumberText(f.sip), sport: f.sport, l4proto: f.l4proto };
    case FD_TYPE.IPV6_SERVSOCK:
      return { ...base, sip: ipv6Text(f.sip6 ?? new Uint8Array(16), 0), sport: f.sport, l4proto: f.l4proto };
    case FD_TYPE.UNIX_SOCK:
      return { ...base, name: f.name, source: f.usource || '0', destination: f.udest || '0' };
    default:
      return { ...base, name: f.name, openFlags: f.openFlags, dev: f.dev };
  }
}

/** The process table and fd tables of the state engine, as process-list and fd-list entries. */
function snapshot(
  inspector: Inspector,
  pids: Set<number> | undefined,
  excluded: ReadonlySet<number>,
  replayed: (tid: number, f: object) => boolean,
  threadParents: ReadonlyMap<number, number>,
): { threads: ThreadInput[]; fds: Map<number, FdInput[]> } {
  const st = inspector.state;
  const threads: ThreadInput[] = [];
  const fds = new Map<number, FdInput[]>();
  for (const t of st.threads.values()) {
    if (t.dead || (pids && !pids.has(t.pid)) || excluded.has(t.pid)) continue;
    threads.push({
      tid: t.tid,
      pid: t.pid,
      ptid: t.tid !== t.pid ? (threadParents.get(t.tid) ?? t.ptid) : t.ptid,
      sid: t.sid,
      vpgid: t.vpgid,
      comm: t.comm,
      exe: t.exe,
      exepath: t.exepath,
      args: [...t.args],
      cwd: t.cwd,
      fdlimit: t.fdlimit,
      flags: t.flags & ~NOT_CLONE_FLAGS,
      uid: t.uid,
      gid: t.gid,
      vmsizeKb: t.vmsizeKb,
      vmrssKb: t.vmrssKb,
      vmswapKb: t.vmswapKb,
      pfMajor: t.pfMajor,
      pfMinor: t.pfMinor,
      env: [...t.env],
      vtid: t.vtid,
      vpid: t.vpid,
      cgroups: [...t.cgroups],
      root: t.root,
      tty: t.tty,
      loginuid: t.loginuid,
      pidnsInitStartTs: t.pidnsInitStartTs,
    });
    // One fd list per table: the main thread's (threads sharing it read it from there).
    if (t.tid !== t.pid && st.threads.has(t.pid)) continue;
    const table = st.fdTable(t);
    if (!table || table.size === 0) continue;
    const list: FdInput[] = [];
    for (const [fd, f] of table) if (!replayed(t.tid, f)) list.push(fdInput(fd, f));
    if (list.length) fds.set(t.tid, list);
  }
  return { threads, fds };
}

/** Write the slice; throws {@link SliceError} for what the user must change. */
export async function writeSlice(opts: SliceOptions): Promise<SliceResult> {
  if (sameFile(opts.input, opts.output)) throw new SliceError(`${opts.output} is the input capture: give another output file`);
  const registry = new FieldRegistry();
  const { selected, pids } = await selectEvents(opts, registry);
  if (selected.size === 0) throw new SliceError('no event matches the selection: nothing written');
  // A loop, not Math.max(...selected): spreading a few hundred thousand numbers overflows the stack.
  let last = 0;
  for (const n of selected) if (n > last) last = n;

  const inspector = new Inspector(registry, { zoneSeconds: opts.zoneSeconds ?? 0, captureFile: opts.input });
  const chunks: Uint8Array[] = [];
  const w = new ScapWriter((c) => void chunks.push(c));
  let machine: MachineInfo | undefined;
  const ifaces: InterfaceEntry[] = [];
  const users: UserEntry[] = [];
  const groups: GroupEntry[] = [];
  const containerEvents: KeptEvent[] = [];
  const enters = new Map<number, { event: KeptEvent; written: boolean }>();
  let n = 0;
  let started = false;
  let written = 0;
  let first: number | undefined;
  let threads = 0;
  let fdCount = 0;
  let carriedCount = 0;
  // The events that made and changed each socket record (inet, unix) of the state (its enter and exit events), until the slice starts.
  const socketEvents = new WeakMap<object, KeptEvent[][]>();
  const noteSocketEvent = (e: ScapEvent, raw: ScapEvent): void => {
    const name = e.info.enumName;
    if (!SOCKET_EVENT.test(name)) return;
    const f = inspector.context.fd;
    if (!f || ((f.type < FD_TYPE.IPV4_SOCK || f.type > FD_TYPE.IPV6_SERVSOCK) && f.type !== FD_TYPE.UNIX_SOCK)) return;
    let made = socketEvents.get(f);
    if (SOCKET_MADE.test(name)) made = [];
    else if (SOCKET_IO.test(name) && f.name === f.oldName) return;
    if (!made) return;
    if (made.length >= MAX_SOCKET_EVENTS) {
      socketEvents.delete(f);
      return;
    }
    const enter = enters.get(e.tid);
    made.push(enter && enter.event.type === raw.type - 1 ? [enter.event, keep(raw)] : [keep(raw)]);
    socketEvents.set(f, made);
  };
  // The parent sysdig 0.29.3 gives a thread the capture saw made: the thread that called clone (or, when the
  // child's side came first, its process); current libs give it its process's parent. Only 0.29.3 reads a thread's own.
  const threadParents = new Map<number, number>();
  const noteThread = (e: ScapEvent): void => {
    if (!CLONE_EXIT.test(e.info.enumName)) return;
    const at = (name: string): number | undefined => {
      const i = e.info.params.findIndex((p) => p.name === name);
      return i < 0 ? undefined : e.paramInt(i);
    };
    if (((at('flags') ?? 0) & CLONE_THREAD) === 0) return;
    const res = at('res') ?? -1;
    const child = res === 0 ? e.tid : res;
    if (res < 0 || threadParents.has(child) || threadParents.size >= MAX_THREAD_PARENTS) return;
    const parent = res === 0 ? at('pid') : e.tid;
    if (parent !== undefined) threadParents.set(child, parent);
  };
  // Without enter events, sysdig 0.29.3 gives an exit the fd its thread's last fd-adding exit left (0 for a thread
  // made since): per thread that exit, and per fd table the last event that changed each fd, until the slice starts.
  const lastFd = new Map<number, { event: KeptEvent; fds: [number, object | undefined][] }>();
  const fdChanges = new WeakMap<object, Map<number, KeptEvent>>();
  const noteLastFd = (e: ScapEvent, raw: ScapEvent): void => {
    const enter = enters.get(e.tid);
    if (enter && enter.event.type === raw.type - 1) return; // the enter event sets it
    const name = raw.info.enumName;
    if ((CLONE_EXIT.test(name) && raw.paramInt(0) === 0) || PROCEXIT.test(name)) {
      lastFd.delete(e.tid);
      return;
    }
    const flags = e.info.flags;
    const dupfd = e.info.enumName === FCNTL_EXIT && isDupfd(e);
    if (!(flags & (EF.CREATES_FD | EF.DESTROYS_FD)) && !dupfd) return;
    const res = e.paramInt(0) ?? -1;
    const changed: number[] = [];
    if (TWO_FDS.test(name)) {
      for (const i of [1, 2]) {
        const v = e.paramInt(i);
        if (res >= 0 && v !== undefined && v >= 0) changed.push(v);
      }
    } else if (flags & EF.CREATES_FD || dupfd) {
      if (res >= 0) changed.push(res);
    } else {
      const i = e.info.params.findIndex((p) => p.name === 'fd');
      const v = i < 0 ? undefined : e.paramInt(i);
      if (v !== undefined && v >= 0) changed.push(v);
    }
    if (!changed.length) return;
    const t = inspector.context.thread;
    const table = t ? inspector.state.fdTable(t) : undefined;
    const kept = keep(raw);
    if (table) {
      let byFd = fdChanges.get(table);
      if (!byFd) fdChanges.set(table, (byFd = new Map<number, KeptEvent>()));
      for (const fd of changed) byFd.set(fd, kept);
    }
    if (raw.type < SYSDIG_UNKNOWN_CODE && SYSDIG_ADDS_FD.test(name) && res >= 0 && t && (lastFd.size < MAX_LAST_FD_THREADS || lastFd.has(e.tid))) lastFd.set(e.tid, { event: kept, fds: changed.map((fd) => [fd, table?.get(fd)]) });
  };
  // Those exits go along, state-only, and after one the events that changed its fds since (a close, a reuse), so
  // that our state ends as it stood (sysdig 0.29.3 parses neither a close nor a dup without its enter event).
  const lastFdEvents = (threads: readonly ThreadInput[]): KeptEvent[][] => {
    const units: KeptEvent[][] = [];
    if (lastFd.size === 0) return units;
    const inSlice = new Set(threads.map((t) => t.tid));
    const seen = new Set<KeptEvent>();
    const carry = (ev: KeptEvent, tid: number): void => {
      if (seen.has(ev)) return;
      seen.add(ev);
      units.push([{ ...ev, tid: inSlice.has(ev.tid) ? ev.tid : tid, flags: ev.flags | DUMP_FLAG.STATE_ONLY }]);
    };
    for (const th of threads) {
      const l = lastFd.get(th.tid);
      if (l) carry(l.event, th.tid);
    }
    for (const th of threads) {
      const l = lastFd.get(th.tid);
      const t = inspector.state.threads.get(th.tid);
      const table = t ? inspector.state.fdTable(t) : undefined;
      if (!l || !table) continue;
      for (const [fd, made] of l.fds) {
        const since = fdChanges.get(table)?.get(fd);
        if (table.get(fd) !== made && since) carry(since, th.tid);
      }
    }
    return units;
  };
  // A process whose working directory the capture never learned (no process-list entry, no clone from one that
  // has one) cannot be an entry: both readers read an entry's empty cwd as "/". The events that made it and
  // changed its state are carried instead, state-only, from its first one (a child starts with its parent's).
  const histories = new Map<number, { units: KeptEvent[][]; full: boolean; cwd: string }>();
  let historyUnits = 0; // in all histories: past MAX_HISTORY_UNITS_TOTAL a new history starts full (an entry)
  const dropHistory = (pid: number): void => {
    historyUnits -= histories.get(pid)?.units.length ?? 0;
    histories.delete(pid);
  };
  const noteHistory = (e: ScapEvent, raw: ScapEvent, fd: { name: string; oldName: string } | undefined): void => {
    const st = inspector.state;
    const t = st.threads.get(e.tid);
    if (!t) return;
    const cwd = (st.threads.get(t.pid) ?? t).cwd;
    let h = histories.get(t.pid);
    if (h && h.cwd !== cwd) {
      dropHistory(t.pid); // learned (chdir)
      return;
    }
    const name = e.info.enumName;
    if (!h) {
      // A child made by a process whose history is kept starts with that history (its state is a copy).
      const child = CLONE_EXIT.test(name) && e.paramInt(0) === 0;
      if (cwd !== '' && !child) return;
      const parent = child && t.ptid !== t.tid ? st.threads.get(t.ptid) : undefined;
      const from = parent && parent.pid !== t.pid ? histories.get(parent.pid) : undefined;
      if (!from && cwd !== '') return;
      const room = historyUnits + (from?.units.length ?? 0) < MAX_HISTORY_UNITS_TOTAL;
      h = { units: from && room ? [...from.units] : [], full: !room || (from?.full ?? false), cwd };
      historyUnits += h.units.length;
      histories.set(t.pid, h);
    }
    const changes = STATE_EVENT.test(name) || (SOCKET_IO.test(name) && fd !== undefined && fd.name !== fd.oldName);
    if (!changes || h.full) return;
    if (h.units.length >= MAX_HISTORY || historyUnits >= MAX_HISTORY_UNITS_TOTAL) {
      historyUnits -= h.units.length;
      h.full = true;
      h.units = [];
      return;
    }
    const enter = enters.get(e.tid);
    h.units.push(raw.dir === '<' && enter && enter.event.type === raw.type - 1 ? [enter.event, keep(raw)] : [keep(raw)]);
    historyUnits++;
    if (t.tid === t.pid && PROCEXIT.test(name)) dropHistory(t.pid);
  };
  const historyEvents = (excluded: ReadonlySet<number>): KeptEvent[][] => {
    const units: KeptEvent[][] = [];
    const seen = new Set<KeptEvent>();
    for (const pid of excluded) {
      for (const unit of histories.get(pid)?.units ?? []) {
        const last = unit[unit.length - 1] as KeptEvent;
        if (seen.has(last)) continue;
        seen.add(last);
        units.push(unit.map((ev) => ({ ...ev, flags: ev.flags | DUMP_FLAG.STATE_ONLY })));
      }
    }
    return units;
  };
  const sh = inspector.stateHandler;
  let decoder: ScapDecoder | undefined;
  const start = (): void => {
    started = true;
    w.writeSectionHeader();
    if (machine) w.writeMachineInfo(machine);
    if (ifaces.length) w.writeInterfaces(ifaces);
    if (users.length || groups.length) w.writeUsers(users, groups);
    // A socket whose making the capture holds is made again by those events (state-only), not by an fd list
    // entry: an entry has no role, and an unbound socket has no entry that reads back as itself.
    const replay: KeptEvent[][] = [];
    const excluded = new Set<number>();
    for (const [pid, h] of histories) {
      const main = inspector.state.threads.get(pid);
      if (!h.full && main && !main.dead && (!pids || pids.has(pid))) excluded.add(pid);
    }
    const snap = snapshot(
      inspector,
      pids,
      excluded,
      (tid, f) => {
        const made = socketEvents.get(f);
        if (!made) return false;
        for (const pair of made) replay.push(pair.map((ev) => ({ ...ev, tid, flags: ev.flags | DUMP_FLAG.STATE_ONLY })));
        fdCount++;
        return true;
      },
      threadParents,
    );
    threads = snap.threads.length;
    w.writeProcesses(snap.threads);
    for (const [tid, list] of snap.fds) {
      w.writeFds(tid, list);
      fdCount += list.length;
    }
    // In capture order, an enter and its exit together (they now share a tid, so nothing may come between them).
    const units = [...containerEvents.map((c) => [c]), ...historyEvents(excluded), ...replay, ...lastFdEvents(snap.threads)].sort((a, b) => (a[0] as KeptEvent).tsHi - (b[0] as KeptEvent).tsHi || ((a[0] as KeptEvent).tsLo >>> 0) - ((b[0] as KeptEvent).tsLo >>> 0));
    for (const unit of units) for (const ev of unit) w.writeEvent(ev as unknown as ScapEvent);
  };
  const summary = await readCaptureStream(
    fileChunks(opts.input),
    {
      ...sh,
      machineInfo: (m) => {
        machine = m;
        sh.machineInfo?.(m);
      },
      iface: (i) => {
        ifaces.push(i);
        sh.iface?.(i);
      },
      user: (u) => {
        users.push(u);
        sh.user?.(u);
      },
      group: (g) => {
        groups.push(g);
        sh.group?.(g);
      },
      event: (e: ScapEvent) => {
        // Events are written as the file holds them, not as converted for the state engine: a converted layout
        // can be one sysdig 0.29.3 does not know (accept4 v6, code 389), which it skips with the state it makes.
        const raw = (decoder as ScapDecoder).fileEvent;
        // An enter event goes along with a kept exit of its thread that it pairs with: state parsers and sysdig
        // read the enter's parameters (the execve path, a write's fd in 0.29.3…). Events that leave the pairing
        // alone (a switch between a write's enter and exit) do not replace it.
        const pairs = raw.dir === '>' && !(raw.info.flags & EF.SKIPPARSERESET) && !SCHED_SWITCH.test(raw.info.enumName);
        const withEnter = (): void => {
          const enter = enters.get(e.tid);
          if (raw.dir === '<' && enter && !enter.written && enter.event.type === raw.type - 1) w.writeEvent(enter.event as unknown as ScapEvent);
        };
        if (e.legacyOnly) {
          if (pairs) enters.set(e.tid, { event: keep(raw), written: false });
          return true;
        }
        const num = ++n;
        const chosen = selected.has(num);
        if (chosen && !started) {
          start();
        }
        if (!started && CONTAINER_EVENT.test(e.info.enumName)) containerEvents.push(keep(raw));
        // With a filter, a dropped event that changes the state of a kept event's process goes along (read
        // with the process's pid as the state stands before the event: a clone's child is its parent's).
        const pid = pids && started && !chosen ? (inspector.state.threads.get(e.tid)?.pid ?? e.tid) : undefined;
        const ofKept = pid !== undefined && pids?.has(pid) === true;
        const reaches = inspector.next(e) !== undefined;
        // A send or receive that set an unconnected socket's tuple changes state too.
        const fd = inspector.context.fd;
        const carried = ofKept && (STATE_EVENT.test(e.info.enumName) || (SOCKET_IO.test(e.info.enumName) && fd !== undefined && fd.name !== fd.oldName));
        if (!started && (raw.dir === '<' || PROCEXIT.test(e.info.enumName))) noteHistory(e, raw, fd);
        if (!started && raw.dir === '<') {
          noteSocketEvent(e, raw);
          noteThread(e);
          noteLastFd(e, raw);
        }
        // (An enter event the rules never see waits for its exit, rather than being written twice.)
        const write = chosen || (carried && !(e.dir === '>' && !reaches));
        if (write) {
          withEnter();
          w.writeEvent(raw);
          if (chosen) {
            written++;
            first ??= num;
          } else carriedCount++;
        }
        if (pairs) enters.set(e.tid, { event: keep(raw), written: write });
        else if (raw.dir === '<') enters.delete(e.tid);
        return num < last;
      },
    },
    { ...inspector.readOptions, keepEnterEvents: true, fileName: opts.input, onStart: (d) => (decoder = d) },
  );
  w.end();
  const bytes = Buffer.concat(chunks);
  writeFileAtomic(opts.output, opts.output.endsWith('.gz') ? gzipSync(bytes) : bytes);
  return { events: written, carried: carriedCount, first, last: written ? last : undefined, threads, fds: fdCount, summary };
}

/** What the writer reads of an event view, with its own copy of the parameters (the reader reuses its buffers). */
interface KeptEvent {
  type: number;
  flags: number;
  cpu: number;
  tid: number;
  tsHi: number;
  tsLo: number;
  nparams: number;
  buf: Uint8Array;
  pOff: Int32Array;
  pLen: Int32Array;
}

function keep(e: ScapEvent): KeptEvent {
  const n = e.nparams;
  const pOff = new Int32Array(n);
  const pLen = new Int32Array(n);
  // One copy of the parameters' span (they lie end to end in an event), offsets moved to its start.
  const from = n ? (e.pOff[0] as number) : 0;
  let to = from;
  let contiguous = true;
  for (let i = 0; i < n; i++) {
    const off = e.pOff[i] as number;
    const len = e.pLen[i] as number;
    if (off !== to) contiguous = false;
    pOff[i] = off - from;
    pLen[i] = len;
    to = off + len;
  }
  if (contiguous) return { type: e.type, flags: e.flags, cpu: e.cpu, tid: e.tid, tsHi: e.tsHi, tsLo: e.tsLo, nparams: n, buf: new Uint8Array(e.buf.subarray(from, to)), pOff, pLen };
  const parts: Uint8Array[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const off = e.pOff[i] as number;
    parts.push(e.buf.slice(off, off + (e.pLen[i] as number)));
    pOff[i] = at;
    at += pLen[i] as number;
  }
  return { type: e.type, flags: e.flags, cpu: e.cpu, tid: e.tid, tsHi: e.tsHi, tsLo: e.tsLo, nparams: n, buf: Buffer.concat(parts), pOff, pLen };
}
