// Event parsing: libsinsp's `reset` (attach thread and fd to the event) and its per-syscall parsers that
// update the state tables (sinsp-semantics.md §1–§9). One implementation serves both profiles; the points
// where 2022 libsinsp differs are switched on `legacy` and marked "L22".
import { EF, FD_TYPE, ipv6Text, ScapEvent, u64Hex, type EventSchema } from '../../scap/index.js';
import { containerFromJson, emptyContainer } from './containers.js';
import type { EventContext } from './context.js';
import { FDF, FdInfo, L4, ROLE } from './fdinfo.js';
import { ipv4TupleText, ipv6TupleText, isMapped, O_CLOEXEC, stripDeleted, swapTuple, v4of, type SinspState } from './sinsp.js';
import { jsonLimitViolation, StateLimit } from './limits.js';
import { stripNonPrintable } from './paths.js';
import { CLF, ThreadInfo, UNSET_ID } from './threadinfo.js';

const PPM_AT_FDCWD = -100;
const O_DIRECTORY = 0x400;
const O_F_CREATED = 0x4000;
const FD_UPPER_LAYER = 0x8000;
const FD_LOWER_LAYER = 0x10000;
const EINPROGRESS = 115;
const CLONE_STALE_TIME_NS = 2_000_000_000;
const EXVAT_AT_EMPTY_PATH = 1;
const AF_UNIX = 1;
const AF_INET = 2;
const AF_INET6 = 10;
const AF_NETLINK = 16;
const F_DUPFD = 1;
const F_SETFD = 3;
const F_DUPFD_CLOEXEC = 26;

type Handler = (p: Parser, e: ScapEvent, ctx: EventContext) => void;

/** What parsing an event means for the pipeline. */
export const enum Kind {
  OTHER = 0,
  CLONE_EXIT = 1,
  SWITCH = 2,
  CONTAINER = 3,
  PROCEXIT = 4,
  META = 5,
}

/** Per event code of one schema: handler, kind, and parameter positions by name. */
interface SchemaInfo {
  handlers: (Handler | undefined)[];
  kinds: Uint8Array;
  /** Enter types 2022 libsinsp stores for their exit. */
  storeL22: Uint8Array;
  /** Enter types current libsinsp stores (TOCTOU / exepath fallback). */
  storeHead: Uint8Array;
  /** Exit events: where the fd is when the enter is missing (current libsinsp), -1 none. */
  exitFdLoc: Int8Array;
  names: Map<string, number>[];
}

const schemaInfos = new WeakMap<EventSchema, SchemaInfo>();

function exitFdLocation(enumName: string): number {
  const E = enumName.replace(/^PPME_(SYSCALL|SOCKET)_/, '');
  const one = ['SETNS_X', 'LISTEN_X', 'SHUTDOWN_X', 'FCHDIR_X', 'LSEEK_X', 'LLSEEK_X', 'IOCTL_3_X', 'FSTAT_X', 'CLOSE_X', 'GETDENTS_X', 'GETDENTS64_X', 'FLOCK_X',
    'COPY_FILE_RANGE_X', 'FCNTL_X', 'DUP_1_X', 'DUP2_X', 'DUP3_X', 'NEWFSTATAT_X', 'FCHOWNAT_X', 'FCHMODAT_X', 'MKDIRAT_X', 'UNLINKAT_2_X', 'MKNODAT_X', 'SENDMMSG_X',
    'RECVMMSG_X', 'IO_URING_REGISTER_X', 'IO_URING_ENTER_X', 'SETSOCKOPT_X', 'GETSOCKOPT_X', 'FSCONFIG_X', 'FINIT_MODULE_X', 'FCHMOD_X', 'FCHOWN_X']; // prettier-ignore
  const two = ['READ_X', 'PREAD_X', 'BIND_X', 'WRITE_X', 'PWRITE_X', 'RECV_X', 'SEND_X', 'SENDTO_X', 'SENDMSG_X', 'SENDFILE_X', 'SPLICE_X', 'WRITEV_X', 'PWRITEV_X', 'CONNECT_X', 'SYMLINKAT_X']; // prettier-ignore
  if (one.includes(E)) return 1;
  if (two.includes(E)) return 2;
  if (['RECVFROM_X', 'READV_X', 'PREADV_X'].includes(E)) return 3;
  if (E === 'RECVMSG_X') return 5;
  if (E === 'MMAP_X' || E === 'MMAP2_X') return 8;
  return -1;
}

const L22_STORED = new Set([
  'PPME_SOCKET_SENDTO_E', 'PPME_SYSCALL_OPEN_E', 'PPME_SYSCALL_CREAT_E', 'PPME_SYSCALL_OPENAT_E', 'PPME_SYSCALL_OPENAT_2_E', 'PPME_SYSCALL_OPENAT2_E',
  'PPME_SOCKET_SOCKET_E', 'PPME_SYSCALL_EVENTFD_E', 'PPME_SYSCALL_CHDIR_E', 'PPME_SYSCALL_FCHDIR_E', 'PPME_SOCKET_SHUTDOWN_E', 'PPME_SYSCALL_GETRLIMIT_E',
  'PPME_SYSCALL_SETRLIMIT_E', 'PPME_SYSCALL_PRLIMIT_E', 'PPME_SOCKET_SENDMSG_E', 'PPME_SYSCALL_SENDFILE_E', 'PPME_SYSCALL_SETRESUID_E', 'PPME_SYSCALL_SETRESGID_E',
  'PPME_SYSCALL_SETUID_E', 'PPME_SYSCALL_SETGID_E', 'PPME_SYSCALL_EXECVE_18_E', 'PPME_SYSCALL_EXECVE_19_E', 'PPME_SYSCALL_EXECVEAT_E', 'PPME_SYSCALL_SETPGID_E',
]); // prettier-ignore
const HEAD_STORED = new Set(['PPME_SYSCALL_OPEN_E', 'PPME_SYSCALL_CREAT_E', 'PPME_SYSCALL_OPENAT_2_E', 'PPME_SYSCALL_OPENAT2_E', 'PPME_SYSCALL_EXECVE_19_E', 'PPME_SYSCALL_EXECVEAT_E', 'PPME_SOCKET_CONNECT_E']); // prettier-ignore

const HANDLERS: Record<string, Handler> = {
  PPME_SYSCALL_OPEN_X: (p, e, c) => p.open(e, c),
  PPME_SYSCALL_CREAT_X: (p, e, c) => p.open(e, c),
  PPME_SYSCALL_OPENAT_X: (p, e, c) => p.open(e, c),
  PPME_SYSCALL_OPENAT_2_X: (p, e, c) => p.open(e, c),
  PPME_SYSCALL_OPENAT2_X: (p, e, c) => p.open(e, c),
  PPME_SYSCALL_OPEN_BY_HANDLE_AT_X: (p, e, c) => p.open(e, c),
  PPME_SOCKET_SOCKET_X: (p, e, c) => p.socket(e, c),
  PPME_SOCKET_BIND_X: (p, e, c) => p.bind(e, c),
  PPME_SOCKET_CONNECT_E: (p, e, c) => p.connectEnter(e, c),
  PPME_SOCKET_CONNECT_X: (p, e, c) => p.connectExit(e, c),
  PPME_SOCKET_ACCEPT_X: (p, e, c) => p.accept(e, c),
  PPME_SOCKET_ACCEPT_5_X: (p, e, c) => p.accept(e, c),
  PPME_SOCKET_ACCEPT4_X: (p, e, c) => p.accept(e, c),
  PPME_SOCKET_ACCEPT4_5_X: (p, e, c) => p.accept(e, c),
  PPME_SOCKET_ACCEPT4_6_X: (p, e, c) => p.accept(e, c),
  PPME_SOCKET_SOCKETPAIR_X: (p, e, c) => p.socketpair(e, c),
  PPME_SYSCALL_PIPE_X: (p, e, c) => p.pipe(e, c),
  PPME_SYSCALL_PIPE2_X: (p, e, c) => p.pipe(e, c),
  PPME_SYSCALL_EVENTFD_X: (p, e, c) => p.simpleFd(e, c, FD_TYPE.EVENT, false),
  PPME_SYSCALL_EVENTFD2_X: (p, e, c) => p.simpleFd(e, c, FD_TYPE.EVENT, true),
  PPME_SYSCALL_SIGNALFD_X: (p, e, c) => p.simpleFd(e, c, FD_TYPE.SIGNALFD, false),
  PPME_SYSCALL_SIGNALFD4_X: (p, e, c) => p.simpleFd(e, c, FD_TYPE.SIGNALFD, true),
  PPME_SYSCALL_TIMERFD_CREATE_X: (p, e, c) => p.simpleFd(e, c, FD_TYPE.TIMERFD, false),
  PPME_SYSCALL_INOTIFY_INIT_X: (p, e, c) => p.simpleFd(e, c, FD_TYPE.INOTIFY, false),
  PPME_SYSCALL_INOTIFY_INIT1_X: (p, e, c) => p.simpleFd(e, c, FD_TYPE.INOTIFY, true),
  PPME_SYSCALL_EPOLL_CREATE_X: (p, e, c) => p.simpleFd(e, c, FD_TYPE.EVENTPOLL, true),
  PPME_SYSCALL_EPOLL_CREATE1_X: (p, e, c) => p.simpleFd(e, c, FD_TYPE.EVENTPOLL, true),
  PPME_SYSCALL_USERFAULTFD_X: (p, e, c) => p.simpleFd(e, c, FD_TYPE.USERFAULTFD, true),
  PPME_SYSCALL_IO_URING_SETUP_X: (p, e, c) => p.simpleFd(e, c, FD_TYPE.IOURING, true),
  PPME_SYSCALL_BPF_2_X: (p, e, c) => p.simpleFd(e, c, FD_TYPE.BPF, true),
  PPME_SYSCALL_MEMFD_CREATE_X: (p, e, c) => p.memfd(e, c),
  PPME_SYSCALL_PIDFD_OPEN_X: (p, e, c) => p.pidfdOpen(e, c),
  PPME_SYSCALL_PIDFD_GETFD_X: (p, e, c) => p.pidfdGetfd(e, c),
  PPME_SYSCALL_DUP_X: (p, e, c) => p.dup(e, c),
  PPME_SYSCALL_DUP_1_X: (p, e, c) => p.dup(e, c),
  PPME_SYSCALL_DUP2_X: (p, e, c) => p.dup(e, c),
  PPME_SYSCALL_DUP3_X: (p, e, c) => p.dup(e, c),
  PPME_SYSCALL_FCNTL_E: (p, e, c) => p.fcntlEnter(e, c),
  PPME_SYSCALL_FCNTL_X: (p, e, c) => p.fcntl(e, c),
  PPME_SYSCALL_CLOSE_X: (p, e, c) => p.close(e, c),
  PPME_SYSCALL_CLOSE_RANGE_X: (p, e, c) => p.closeRange(e, c),
  PPME_SYSCALL_CHDIR_X: (p, e, c) => p.chdir(e, c),
  PPME_SYSCALL_GETCWD_X: (p, e, c) => p.chdir(e, c),
  PPME_SYSCALL_FCHDIR_X: (p, e, c) => p.fchdir(e, c),
  PPME_SYSCALL_SETUID_X: (p, e, c) => p.setid(e, c, 'uid', false),
  PPME_SYSCALL_SETGID_X: (p, e, c) => p.setid(e, c, 'gid', false),
  PPME_SYSCALL_SETRESUID_X: (p, e, c) => p.setid(e, c, 'uid', true),
  PPME_SYSCALL_SETRESGID_X: (p, e, c) => p.setid(e, c, 'gid', true),
  PPME_SYSCALL_SETREUID_X: (p, e, c) => p.setreid(e, c, 'uid'),
  PPME_SYSCALL_SETREGID_X: (p, e, c) => p.setreid(e, c, 'gid'),
  PPME_SYSCALL_SETSID_X: (p, e, c) => p.setsid(e, c),
  PPME_SYSCALL_CHROOT_X: (p, e, c) => p.chroot(e, c),
  PPME_SYSCALL_PRLIMIT_X: (p, e, c) => p.rlimit(e, c, true),
  PPME_SYSCALL_GETRLIMIT_X: (p, e, c) => p.rlimit(e, c, false),
  PPME_SYSCALL_SETRLIMIT_X: (p, e, c) => p.rlimit(e, c, false),
  PPME_SYSCALL_CAPSET_X: (p, e, c) => p.capset(e, c),
  PPME_SYSCALL_UNSHARE_X: (p, e, c) => p.nsCaps(e, c),
  PPME_SYSCALL_SETNS_X: (p, e, c) => p.nsCaps(e, c),
  PPME_SYSCALL_PRCTL_X: (p, e, c) => p.prctl(e, c),
  PPME_PROCEXIT_E: (p, e, c) => p.procexit(e, c),
  PPME_PROCEXIT_1_E: (p, e, c) => p.procexit(e, c),
  PPME_CONTAINER_E: (p, e) => p.containerOld(e),
  PPME_CONTAINER_JSON_E: (p, e) => p.containerJson(e),
  PPME_CONTAINER_JSON_2_E: (p, e) => p.containerJson(e),
  PPME_USER_ADDED_E: (p, e) => p.userEvent(e, true),
  PPME_USER_DELETED_E: (p, e) => p.userEvent(e, false),
  PPME_GROUP_ADDED_E: (p, e) => p.groupEvent(e, true),
  PPME_GROUP_DELETED_E: (p, e) => p.groupEvent(e, false),
  PPME_SOCKET_SENDTO_E: (p, e, c) => p.sendtoEnter(e, c),
  PPME_SYSCALL_BRK_4_X: (p, e, c) => p.vmExit(e, c),
  PPME_SYSCALL_MMAP_X: (p, e, c) => p.vmExit(e, c),
  PPME_SYSCALL_MMAP2_X: (p, e, c) => p.vmExit(e, c),
  PPME_SYSCALL_MUNMAP_X: (p, e, c) => p.vmExit(e, c),
  PPME_SCHEDSWITCH_6_E: (p, e, c) => p.contextSwitch(e, c),
};
const RW_EXITS = ['READ_X', 'WRITE_X', 'RECV_X', 'SEND_X', 'RECVFROM_X', 'RECVMSG_X', 'SENDTO_X', 'SENDMSG_X', 'READV_X', 'WRITEV_X', 'PREAD_X', 'PWRITE_X', 'PREADV_X', 'PWRITEV_X']; // prettier-ignore
const CLONE_EXITS = /^PPME_SYSCALL_(CLONE_(11|16|17|20)|FORK(_17|_20)?|VFORK(_17|_20)?|CLONE3)_X$/;
const EXECVE_EXITS = /^PPME_SYSCALL_EXECVE(_\d+)?_X$|^PPME_SYSCALL_EXECVEAT_X$/;

export function schemaInfo(schema: EventSchema): SchemaInfo {
  let info = schemaInfos.get(schema);
  if (info) return info;
  const n = schema.eventMax;
  const handlers: (Handler | undefined)[] = new Array(n).fill(undefined);
  const kinds = new Uint8Array(n);
  const storeL22 = new Uint8Array(n);
  const storeHead = new Uint8Array(n);
  const exitFdLoc = new Int8Array(n).fill(-1);
  const names: Map<string, number>[] = [];
  for (let code = 0; code < n; code++) {
    const ev = schema.events[code];
    const m = new Map<string, number>();
    names.push(m);
    if (!ev) continue;
    ev.params.forEach((p, i) => {
      if (!m.has(p.name)) m.set(p.name, i);
    });
    const en = ev.enumName;
    let h = HANDLERS[en];
    const short = en.replace(/^PPME_(SYSCALL|SOCKET)_/, '');
    if (!h && RW_EXITS.includes(short) && /^PPME_(SYSCALL|SOCKET)_/.test(en)) h = (p, e, c) => p.rw(e, c);
    if (!h && CLONE_EXITS.test(en)) h = (p, e, c) => p.clone(e, c);
    if (!h && EXECVE_EXITS.test(en)) h = (p, e, c) => p.execve(e, c);
    handlers[code] = h;
    if (CLONE_EXITS.test(en)) kinds[code] = Kind.CLONE_EXIT;
    else if (en.startsWith('PPME_SCHEDSWITCH')) kinds[code] = Kind.SWITCH;
    else if (en === 'PPME_CONTAINER_JSON_E' || en === 'PPME_CONTAINER_JSON_2_E') kinds[code] = Kind.CONTAINER;
    else if (en === 'PPME_PROCEXIT_E' || en === 'PPME_PROCEXIT_1_E') kinds[code] = Kind.PROCEXIT;
    else if (/^PPME_(USER|GROUP)_(ADDED|DELETED)_E$|^PPME_PLUGINEVENT_E$|^PPME_ASYNCEVENT_E$/.test(en)) kinds[code] = Kind.META;
    if (L22_STORED.has(en)) storeL22[code] = 1;
    if (HEAD_STORED.has(en)) storeHead[code] = 1;
    if (code & 1 && ev.flags & EF.USES_FD) exitFdLoc[code] = exitFdLocation(en);
  }
  info = { handlers, kinds, storeL22, storeHead, exitFdLoc, names };
  schemaInfos.set(schema, info);
  return info;
}

/** Index of parameter `name` of the event's type, if the event has it; -1 otherwise. */
function pidx(e: ScapEvent, name: string): number {
  const i = schemaInfo(e.schema).names[e.type]?.get(name);
  return i === undefined || i >= e.nparams ? -1 : i;
}

function pint(e: ScapEvent, name: string): number | undefined {
  const i = pidx(e, name);
  return i < 0 ? undefined : e.paramInt(i);
}

function pstr(e: ScapEvent, name: string): string | undefined {
  const i = pidx(e, name);
  return i < 0 ? undefined : e.paramString(i);
}

function plist(e: ScapEvent, name: string): string[] | undefined {
  const i = pidx(e, name);
  return i < 0 ? undefined : e.paramStringList(i);
}

function pempty(e: ScapEvent, name: string): boolean {
  const i = pidx(e, name);
  return i < 0 || e.paramIsEmpty(i);
}

function pbig(e: ScapEvent, name: string): bigint | undefined {
  const i = pidx(e, name);
  return i < 0 || e.paramIsEmpty(i) ? undefined : e.paramBigInt(i);
}

/** vm and page-fault counters of clone/execve exits (when present). */
function readVm(e: ScapEvent, t: ThreadInfo, legacy: boolean): void {
  if (!legacy && pempty(e, 'vm_swap')) return;
  const v = (n: string): number | undefined => pint(e, n);
  t.pfMajor = v('pgft_maj') ?? t.pfMajor;
  t.pfMinor = v('pgft_min') ?? t.pfMinor;
  t.vmsizeKb = v('vm_size') ?? t.vmsizeKb;
  t.vmrssKb = v('vm_rss') ?? t.vmrssKb;
  t.vmswapKb = v('vm_swap') ?? t.vmswapKb;
}

/** A new process's copy of its parent's fd table (each record marked as cloned). */
function inheritFds(st: SinspState, parent: ThreadInfo, child: ThreadInfo): void {
  const table = st.fdTable(parent);
  if (!table) return;
  for (const [fd, f] of table) {
    const c = f.clone();
    c.flags |= FDF.CLONED;
    child.fds.set(fd, c);
  }
}

/** ts(a) - ts(b) in ns for u32-halves timestamps (exact below 2^53). */
export function tsDiff(aHi: number, aLo: number, bHi: number, bLo: number): number {
  return (aHi - bHi) * 4294967296 + (aLo - bLo);
}

export class Parser {
  readonly st: SinspState;
  readonly legacy: boolean;
  /** L22's scratch enter event (m_tmp_evt): the last enter event a parser looked at. */
  private tmpEnter: ScapEvent | undefined;
  bootTimeNs = 0n;

  constructor(st: SinspState) {
    this.st = st;
    this.legacy = st.legacy;
  }

  // --- reset: attach thread and fd ---

  reset(e: ScapEvent, ctx: EventContext, info: SchemaInfo): void {
    const st = this.st;
    ctx.fd = undefined;
    ctx.errorcode = 0;
    ctx.paired = false;
    ctx.enter = undefined;
    const type = e.type;
    const einfo = e.info;
    const flags = einfo.flags;
    if (flags & EF.SKIPPARSERESET) {
      ctx.thread = einfo.name === 'procinfo' ? st.lookup(e.tid) : undefined;
      return;
    }
    const kind = info.kinds[type] as number;
    if (kind === Kind.CONTAINER || (!this.legacy && kind === Kind.META)) {
      ctx.thread = undefined;
      return;
    }
    const query = !(kind === Kind.CLONE_EXIT || kind === Kind.SWITCH || (!this.legacy && kind === Kind.PROCEXIT));
    const t = query ? st.getOrCreate(e.tid) : st.lookup(e.tid);
    ctx.thread = t;
    if (kind === Kind.SWITCH || !t) return;
    if (query) t.flags |= CLF.ACTIVE;
    if ((type & 1) === 0) {
      t.lastEventFd = -1;
      t.lastEventType = type;
      if (flags & EF.USES_FD) {
        // L22: the fd is always enter parameter 0; current libs: 0 except mmap (4) and splice (1).
        let loc = 0;
        if (!this.legacy) {
          const en = einfo.enumName;
          if (en === 'PPME_SYSCALL_MMAP_E' || en === 'PPME_SYSCALL_MMAP2_E') loc = 4;
          else if (en === 'PPME_SYSCALL_SPLICE_E') loc = 1;
        }
        t.lastEventFd = e.paramInt(loc) ?? -1;
        ctx.fd = st.getFd(t, t.lastEventFd);
      }
      if (this.legacy) {
        t.latency = 0;
        t.latencyEnterHi = e.tsHi;
        t.latencyEnterLo = e.tsLo;
      }
      return;
    }
    if (this.legacy) {
      if (t.latencyEnterHi !== 0 || t.latencyEnterLo !== 0) t.latency = tsDiff(e.tsHi, e.tsLo, t.latencyEnterHi, t.latencyEnterLo);
    }
    let paired = type === t.lastEventType + 1;
    if (!paired && !this.legacy && einfo.enumName === 'PPME_SYSCALL_EXECVE_19_X' && t.lastEventType >= 0 && e.schema.events[t.lastEventType]?.enumName === 'PPME_SYSCALL_EXECVEAT_E') {
      paired = true;
    }
    ctx.paired = paired;
    t.storedEnterValid = paired;
    if (!paired) {
      if (this.legacy) return;
      t.lastEventFd = -1;
    }
    if (this.legacy) {
      const p0 = einfo.params[0]?.name;
      if (e.nparams !== 0 && (p0 === 'res' || p0 === 'fd')) {
        const res = e.paramInt(0) ?? 0;
        if (res < 0) ctx.errorcode = -(res | 0);
      }
    } else if (e.nparams > 0 && einfo.params.length > 0 && type > 1 && (einfo.category & 512) !== 0) {
      const res = returnValue(e);
      if (res !== undefined && res < 0) ctx.errorcode = -(res | 0);
    }
    if (!(flags & EF.USES_FD)) return;
    if (this.legacy) {
      if (einfo.enumName === 'PPME_SYSCALL_COPY_FILE_RANGE_X') t.lastEventFd = e.paramInt(1) ?? t.lastEventFd;
    } else if (t.lastEventFd === -1) {
      const loc = info.exitFdLoc[type] as number;
      if (loc !== -1 && loc < e.nparams && !e.paramIsEmpty(loc)) t.lastEventFd = e.paramInt(loc) ?? -1;
    }
    ctx.fd = st.getFd(t, t.lastEventFd);
  }

  /** Store an enter event for its exit (and remember it as L22's scratch event). */
  store(t: ThreadInfo, e: ScapEvent): void {
    if (e.len > 4096 && this.legacy) return;
    if (!t.storedEnter) {
      t.storedEnter = new ScapEvent();
      t.storedEnter.buf = Buffer.allocUnsafe(256);
    }
    // The holder's buffer is reused (no allocation once warmed up); it grows to twice what it must hold.
    const held = t.storedEnter;
    held.copyFrom(e, held.buf.length < e.len ? Buffer.allocUnsafe(Math.max(256, e.len * 2)) : held.buf);
    t.hasStoredEnter = true;
  }

  /** libsinsp `retrieve_enter_event`: the stored enter event if it pairs with this exit. */
  retrieveEnter(e: ScapEvent, ctx: EventContext): ScapEvent | undefined {
    const t = ctx.thread;
    if (!t || !t.storedEnterValid || !t.hasStoredEnter || !t.storedEnter) return undefined;
    const enter = t.storedEnter;
    this.tmpEnter = enter;
    const ok = this.legacy ? enter.type === e.type - 1 : enter.type === e.type - 1 || (enter.info.enumName === 'PPME_SYSCALL_EXECVEAT_E' && e.info.enumName === 'PPME_SYSCALL_EXECVE_19_X');
    if (!ok) {
      t.storedEnterValid = false;
      return undefined;
    }
    ctx.enter = enter;
    return enter;
  }

  /** Parse one event (after reset). */
  parse(e: ScapEvent, ctx: EventContext, info: SchemaInfo): void {
    const type = e.type;
    const t = ctx.thread;
    if ((type & 1) === 0 && t) {
      if (this.legacy ? info.storeL22[type] : info.storeHead[type] && (this.storesHeadEnter(e) || false)) {
        if (this.legacy && e.info.enumName === 'PPME_SOCKET_SENDTO_E') {
          // stored after the fd inference below
        } else this.store(t, e);
      }
    }
    const h = info.handlers[type];
    if (h) h(this, e, ctx);
  }

  private storesHeadEnter(e: ScapEvent): boolean {
    const en = e.info.enumName;
    if (en === 'PPME_SYSCALL_EXECVEAT_E' || en === 'PPME_SOCKET_CONNECT_E') return true;
    return e.nparams > 0 && !e.paramIsEmpty(0);
  }

  /** Drop the thread's stored enter after an exit (libsinsp `event_cleanup`). */
  cleanup(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    if (e.type & 1 && t && t.hasStoredEnter) {
      t.hasStoredEnter = false;
      t.storedEnterValid = false;
    }
  }

  // --- paths ---

  /** `parse_dirfd`: the directory a relative name is resolved against. */
  dirOf(ctx: EventContext, name: string, dirfd: number, setFd: boolean): string {
    if (name.length > 0 && name.charCodeAt(0) === 47) return '.';
    const t = ctx.thread;
    if (!t) return '<UNKNOWN>';
    if (dirfd === PPM_AT_FDCWD) return this.st.cwd(t);
    const f = this.st.getFd(t, dirfd);
    if (this.legacy && setFd) ctx.fd = f;
    if (!f) return '<UNKNOWN>';
    if (this.legacy) return f.name + '/';
    if (f.name === '' || f.name.endsWith('/')) return f.name;
    return f.name + '/';
  }

  // --- files ---

  open(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    if (!t) return;
    const en = e.info.enumName;
    const enter = en === 'PPME_SYSCALL_OPEN_BY_HANDLE_AT_X' ? undefined : this.retrieveEnter(e, ctx);
    const fd = e.paramInt(0) ?? -1;
    let name = '';
    let flags = 0;
    let dev = 0;
    let ino = 0;
    let sdir = '';
    const usable = (s: string | undefined, empty: boolean): s is string => (this.legacy ? !empty && s !== '(NULL)' : !empty && s !== '<NA>');
    if (en === 'PPME_SYSCALL_OPEN_X') {
      name = e.paramString(1) ?? '';
      flags = e.paramInt(2) ?? 0;
      if (e.nparams > 4 && !e.paramIsEmpty(4)) dev = e.paramInt(4) ?? 0;
      if (!this.legacy && e.nparams > 5 && !e.paramIsEmpty(5)) ino = e.paramInt(5) ?? 0;
      if (enter && enter.nparams >= 2) {
        const en0 = enter.paramString(0);
        if (usable(en0, enter.paramIsEmpty(0))) {
          name = en0;
          const ef = enter.paramInt(1) ?? 0;
          flags = this.legacy ? ef : (ef | (flags & ~(O_F_CREATED - 1))) >>> 0;
        }
      }
      sdir = this.st.cwd(t);
    } else if (en === 'PPME_SYSCALL_CREAT_X') {
      name = e.paramString(1) ?? '';
      flags = 0;
      if (e.nparams > 3 && !e.paramIsEmpty(3)) dev = e.paramInt(3) ?? 0;
      if (!this.legacy) {
        if (e.nparams > 4 && !e.paramIsEmpty(4)) ino = e.paramInt(4) ?? 0;
        const cf = pint(e, 'creat_flags');
        if (cf !== undefined) {
          if (cf & 1) flags |= FD_UPPER_LAYER;
          else if (cf & 2) flags |= FD_LOWER_LAYER;
        }
      }
      if (enter && enter.nparams >= 1) {
        const en0 = enter.paramString(0);
        if (usable(en0, enter.paramIsEmpty(0))) name = en0;
      }
      sdir = this.st.cwd(t);
    } else if (en === 'PPME_SYSCALL_OPENAT_X') {
      // L22: the old openat exit has only the fd; everything else comes from the enter event, retrieved or not.
      const src = enter ?? this.tmpEnter;
      name = src?.paramString(1) ?? '';
      flags = src?.paramInt(2) ?? 0;
      const dirfd = src?.paramInt(0) ?? 0;
      sdir = this.dirOf(ctx, name, dirfd, true);
    } else if (en === 'PPME_SYSCALL_OPENAT_2_X' || en === 'PPME_SYSCALL_OPENAT2_X') {
      if (this.legacy) {
        name = e.paramString(2) ?? '';
        flags = e.paramInt(3) ?? 0;
      } else {
        name = e.paramIsEmpty(2) ? '<NA>' : (e.paramString(2) ?? '');
        flags = e.paramIsEmpty(3) ? 0 : (e.paramInt(3) ?? 0);
      }
      let dirfd = e.paramIsEmpty(1) ? undefined : e.paramInt(1);
      const devI = en === 'PPME_SYSCALL_OPENAT_2_X' ? 5 : 6;
      if (this.legacy) {
        if (en === 'PPME_SYSCALL_OPENAT_2_X' && e.nparams > 5) dev = e.paramInt(5) ?? 0;
      } else if (e.nparams > devI + 1 && !e.paramIsEmpty(devI + 1)) {
        dev = e.paramInt(devI) ?? 0;
        ino = e.paramInt(devI + 1) ?? 0;
      }
      if (enter && enter.nparams >= 3) {
        const en1 = enter.paramString(1);
        if (usable(en1, enter.paramIsEmpty(1))) {
          name = en1;
          const ef = enter.paramInt(2) ?? 0;
          flags = this.legacy ? ef : (ef | (flags & ~(O_F_CREATED - 1))) >>> 0;
          dirfd = enter.paramIsEmpty(0) ? undefined : enter.paramInt(0);
        }
      }
      sdir = dirfd === undefined ? (this.legacy ? this.dirOf(ctx, name, 0, true) : '') : this.dirOf(ctx, name, dirfd, true);
    } else {
      flags = e.paramInt(2) ?? 0;
      name = e.paramString(3) ?? '';
      if (e.nparams > 4) dev = e.paramInt(4) ?? 0;
      if (e.nparams > 5) ino = e.paramInt(5) ?? 0;
    }
    const full = this.st.concat(sdir, name);
    if (fd >= 0) {
      const f = new FdInfo();
      f.type = flags & O_DIRECTORY ? FD_TYPE.DIRECTORY : FD_TYPE.FILE_V2;
      f.openFlags = flags >>> 0;
      f.dev = dev >>> 0;
      f.ino = ino;
      f.name = full;
      if (!this.legacy) {
        f.nameRaw = name;
        if (flags & FD_UPPER_LAYER) f.flags |= FDF.UPPER_LAYER;
        if (flags & FD_LOWER_LAYER) f.flags |= FDF.LOWER_LAYER;
        if (flags & O_CLOEXEC) f.flags |= FDF.CLOEXEC;
      }
      ctx.fd = this.st.addFd(t, fd, f);
    }
  }

  // --- sockets ---

  socket(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    const fd = e.paramInt(0) ?? -1;
    if (fd < 0 || !t) return;
    let domain: number;
    let type: number;
    let proto: number;
    if (this.legacy) {
      const enter = this.retrieveEnter(e, ctx);
      if (!enter) return;
      domain = enter.paramInt(0) ?? 0;
      type = enter.paramInt(1) ?? 0;
      proto = enter.paramInt(2) ?? 0;
    } else {
      domain = pint(e, 'domain') ?? 0;
      type = pint(e, 'type') ?? 0;
      proto = pint(e, 'proto') ?? 0;
    }
    const f = new FdInfo();
    if (domain === AF_UNIX) f.type = FD_TYPE.UNIX_SOCK;
    else if (domain === AF_INET || domain === AF_INET6) {
      f.type = domain === AF_INET ? FD_TYPE.IPV4_SOCK : FD_TYPE.IPV6_SOCK;
      if (domain === AF_INET6) {
        f.sip6 = new Uint8Array(16);
        f.dip6 = new Uint8Array(16);
      }
      const raw = type === 3;
      if (proto === 6) f.l4proto = raw ? L4.RAW : L4.TCP;
      else if (proto === 17) f.l4proto = raw ? L4.RAW : L4.UDP;
      else if (proto === 0) {
        const base = type & 0xff;
        f.l4proto = base === 1 ? L4.TCP : base === 2 ? L4.UDP : L4.UNKNOWN;
      } else if (proto === 1) f.l4proto = raw ? L4.RAW : L4.ICMP;
      else if (proto === 255) f.l4proto = L4.RAW;
      else f.l4proto = L4.UNKNOWN;
    } else if (domain === AF_NETLINK) f.type = FD_TYPE.NETLINK;
    else f.type = FD_TYPE.UNKNOWN;
    ctx.fd = this.st.addFd(t, fd, f);
  }

  bind(e: ScapEvent, ctx: EventContext): void {
    const f = ctx.fd;
    if (!f) return;
    if ((e.paramInt(0) ?? -1) < 0) return;
    const ai = pidx(e, 'addr');
    if (ai < 0 || e.paramIsEmpty(ai)) return;
    const b = e.buf;
    const o = e.paramOffset(ai);
    const len = e.paramLength(ai);
    const family = b[o] as number;
    if (family === AF_INET && len >= 7) {
      const ip = rd32be(b, o + 1);
      const port = rd16(b, o + 5);
      if (port > 0) {
        f.type = FD_TYPE.IPV4_SERVSOCK;
        f.sip = ip;
        f.sport = port;
        f.role = ROLE.SERVER;
      }
    } else if (family === AF_INET6 && len >= 19) {
      const port = rd16(b, o + 17);
      if (port > 0) {
        if (isMapped(b, o + 1)) {
          f.type = FD_TYPE.IPV4_SERVSOCK;
          f.sip = v4of(b, o + 1);
        } else {
          f.type = FD_TYPE.IPV6_SERVSOCK;
          f.sip6 = Uint8Array.from(b.subarray(o + 1, o + 17));
        }
        f.sport = port;
        f.role = ROLE.SERVER;
      }
    }
    f.name = sockaddrName(b, o, len);
  }

  connectEnter(e: ScapEvent, ctx: EventContext): void {
    if (!this.legacy) return;
    const f = ctx.fd;
    if (!f || e.nparams < 2) return;
    const len = e.paramLength(1);
    if (len === 0) return;
    const b = e.buf;
    const o = e.paramOffset(1);
    const family = b[o] as number;
    if (family === AF_INET) {
      f.type = FD_TYPE.IPV4_SOCK;
      f.dip = rd32be(b, o + 1);
      f.dport = rd16(b, o + 5);
    } else if (family === AF_INET6) {
      const port = rd16(b, o + 17);
      if (isMapped(b, o + 1)) {
        f.type = FD_TYPE.IPV4_SOCK;
        f.dip = v4of(b, o + 1);
        f.dport = port;
      } else {
        f.type = FD_TYPE.IPV6_SOCK;
        f.dport = port;
        f.dip6 = Uint8Array.from(b.subarray(o + 1, o + 17));
        f.sip6 ??= new Uint8Array(16);
      }
    } else {
      f.name = sockaddrName(b, o, len);
      if (len >= 17) {
        f.usource = u64Hex(b, o + 1);
        f.udest = u64Hex(b, o + 9);
      }
    }
  }

  connectExit(e: ScapEvent, ctx: EventContext): void {
    const f = ctx.fd;
    if (!f) return;
    const res = e.paramInt(0) ?? 0;
    if (res < 0 && res !== -EINPROGRESS) return;
    f.flags |= FDF.CONNECTED;
    const ti = pidx(e, 'tuple');
    if (ti < 0 || e.paramIsEmpty(ti)) {
      if (this.legacy) return;
      // Current libs fall back to the address of the enter event (merged into the exit by the converter).
      const ai = pidx(e, 'addr');
      if (ai < 0 || e.paramIsEmpty(ai)) return;
      const b = e.buf;
      const o = e.paramOffset(ai);
      const family = b[o] as number;
      if (family === AF_INET) {
        f.type = FD_TYPE.IPV4_SOCK;
        f.dip = rd32be(b, o + 1);
        f.dport = rd16(b, o + 5);
        f.name = ipv4TupleText(f);
      } else if (family === AF_INET6) {
        f.type = FD_TYPE.IPV6_SOCK;
        f.dip6 = Uint8Array.from(b.subarray(o + 1, o + 17));
        f.sip6 ??= new Uint8Array(16);
        f.dport = rd16(b, o + 17);
        f.name = ipv6TupleText(f);
      } else f.name = sockaddrName(b, o, e.paramLength(ai));
      if (f.role === ROLE.NONE) f.role = ROLE.CLIENT;
      return;
    }
    this.fillClientSocket(e, ctx, f, ti);
  }

  private fillClientSocket(e: ScapEvent, _ctx: EventContext, f: FdInfo, ti: number): void {
    const b = e.buf;
    const o = e.paramOffset(ti);
    const len = e.paramLength(ti);
    const family = b[o] as number;
    if ((family === AF_INET && len >= 13) || (family === AF_INET6 && len >= 37)) {
      let changed: boolean;
      if (family === AF_INET6) {
        if (!(isMapped(b, o + 1) && isMapped(b, o + 19))) {
          f.type = FD_TYPE.IPV6_SOCK;
          changed = this.setIpv6(f, b, o, !this.legacy);
        } else {
          f.type = FD_TYPE.IPV4_SOCK;
          changed = this.setIpv4(f, v4of(b, o + 1), rd16(b, o + 17), v4of(b, o + 19), rd16(b, o + 35), !this.legacy);
        }
      } else {
        f.type = FD_TYPE.IPV4_SOCK;
        changed = this.setIpv4(f, rd32be(b, o + 1), rd16(b, o + 5), rd32be(b, o + 7), rd16(b, o + 11), !this.legacy);
      }
      if (changed && f.role === ROLE.SERVER && f.l4proto === L4.UDP) swapTuple(f);
      f.name = f.type === FD_TYPE.IPV4_SOCK ? ipv4TupleText(f) : ipv6TupleText(f);
    } else {
      f.name = socktupleName(b, o, len);
      if (len >= 17) {
        f.usource = u64Hex(b, o + 1);
        f.udest = u64Hex(b, o + 9);
      }
    }
    if (f.role === ROLE.NONE) f.role = ROLE.CLIENT;
  }

  /** Update an IPv4 tuple; the destination is filled while 0, or overwritten for connect in current libs. */
  private setIpv4(f: FdInfo, sip: number, sport: number, dip: number, dport: number, overwrite = false): boolean {
    if (f.type === FD_TYPE.IPV4_SOCK) {
      if ((sip === f.sip && sport === f.sport && dip === f.dip && dport === f.dport) || (dip === f.sip && dport === f.sport && sip === f.dip && sport === f.dport)) return false;
    }
    let changed = false;
    if (f.sip !== sip) {
      f.sip = sip;
      changed = true;
    }
    if (f.sport !== sport) {
      f.sport = sport;
      changed = true;
    }
    if (f.dip === 0 || (overwrite && f.dip !== dip)) {
      f.dip = dip;
      changed = true;
    }
    if (f.dport === 0 || (overwrite && f.dport !== dport)) {
      f.dport = dport;
      changed = true;
    }
    return changed;
  }

  private setIpv6(f: FdInfo, b: Uint8Array, o: number, overwrite = false): boolean {
    const sip = b.subarray(o + 1, o + 17);
    const sport = rd16(b, o + 17);
    const dip = b.subarray(o + 19, o + 35);
    const dport = rd16(b, o + 35);
    const cs = f.sip6 ?? new Uint8Array(16);
    const cd = f.dip6 ?? new Uint8Array(16);
    f.sip6 = cs;
    f.dip6 = cd;
    if (f.type === FD_TYPE.IPV6_SOCK) {
      if ((eq16(sip, cs) && sport === f.sport && eq16(dip, cd) && dport === f.dport) || (eq16(dip, cs) && dport === f.sport && eq16(sip, cd) && sport === f.dport)) return false;
    }
    let changed = false;
    if (!eq16(cs, sip)) {
      f.sip6 = Uint8Array.from(sip);
      changed = true;
    }
    if (f.sport !== sport) {
      f.sport = sport;
      changed = true;
    }
    if (isZero16(cd) || (overwrite && !eq16(cd, dip))) {
      f.dip6 = Uint8Array.from(dip);
      changed = true;
    }
    if (f.dport === 0 || (overwrite && f.dport !== dport)) {
      f.dport = dport;
      changed = true;
    }
    return changed;
  }

  accept(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    if (!t) return;
    const fd = e.paramInt(0) ?? -1;
    if (fd < 0) return;
    t.lastEventFd = fd;
    if (e.paramIsEmpty(1)) return;
    const b = e.buf;
    const o = e.paramOffset(1);
    const len = e.paramLength(1);
    const family = b[o] as number;
    const f = new FdInfo();
    if (family === AF_INET && len >= 13) {
      f.type = FD_TYPE.IPV4_SOCK;
      this.setIpv4(f, rd32be(b, o + 1), rd16(b, o + 5), rd32be(b, o + 7), rd16(b, o + 11));
      f.l4proto = L4.TCP;
    } else if (family === AF_INET6 && len >= 37) {
      if (isMapped(b, o + 1) && isMapped(b, o + 19)) {
        f.type = FD_TYPE.IPV4_SOCK;
        this.setIpv4(f, v4of(b, o + 1), rd16(b, o + 17), v4of(b, o + 19), rd16(b, o + 35));
      } else {
        this.setIpv6(f, b, o);
        f.type = FD_TYPE.IPV6_SOCK;
      }
      f.l4proto = L4.TCP;
    } else if (family === AF_UNIX) {
      f.type = FD_TYPE.UNIX_SOCK;
      if (len >= 17) {
        f.usource = u64Hex(b, o + 1);
        f.udest = u64Hex(b, o + 9);
      }
    } else return;
    f.name = f.type === FD_TYPE.UNIX_SOCK ? socktupleName(b, o, len) : f.type === FD_TYPE.IPV4_SOCK ? ipv4TupleText(f) : ipv6TupleText(f);
    f.role = ROLE.SERVER;
    f.flags |= FDF.CONNECTED;
    if (!this.legacy) {
      const fl = pint(e, 'flags');
      if (fl !== undefined && fl & 0x80000) f.flags |= FDF.CLOEXEC;
    }
    ctx.fd = this.st.addFd(t, fd, f);
  }

  socketpair(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    if ((e.paramInt(0) ?? -1) < 0 || !t) return;
    const fd1 = e.paramInt(1) ?? -1;
    const fd2 = e.paramInt(2) ?? -1;
    if (!this.legacy && fd1 === fd2) return;
    const mk = (): FdInfo => {
      const f = new FdInfo();
      f.type = FD_TYPE.UNIX_SOCK;
      f.usource = hexParam(e, 3);
      f.udest = hexParam(e, 4);
      return f;
    };
    ctx.fd = this.st.addFd(t, fd1, mk());
    this.st.addFd(t, fd2, mk());
  }

  pipe(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    if ((e.paramInt(0) ?? -1) < 0 || !t) return;
    const ino = pint(e, 'ino') ?? 0;
    const cloexec = !this.legacy && ((pint(e, 'flags') ?? 0) & 0x80000) !== 0;
    for (const name of ['fd1', 'fd2']) {
      const fd = pint(e, name);
      if (fd === undefined) continue;
      const f = new FdInfo();
      f.type = FD_TYPE.FIFO;
      f.ino = ino;
      if (cloexec) f.flags |= FDF.CLOEXEC;
      ctx.fd = this.st.addFd(t, fd, f);
    }
  }

  /** eventfd/signalfd/timerfd/inotify (both generations) and epoll/userfaultfd/io_uring/bpf (current only). */
  simpleFd(e: ScapEvent, ctx: EventContext, type: number, currentOnly: boolean): void {
    if (currentOnly && this.legacy) return;
    const t = ctx.thread;
    const fd = e.paramInt(0) ?? -1;
    if (fd < 0 || !t) return;
    const f = new FdInfo();
    f.type = type;
    ctx.fd = this.st.addFd(t, fd, f);
  }

  memfd(e: ScapEvent, ctx: EventContext): void {
    if (this.legacy) return;
    const t = ctx.thread;
    const fd = e.paramInt(0) ?? -1;
    if (fd < 0 || !t) return;
    const f = new FdInfo();
    f.type = FD_TYPE.MEMFD;
    f.name = pstr(e, 'name') ?? '';
    f.openFlags = pint(e, 'flags') ?? 0;
    ctx.fd = this.st.addFd(t, fd, f);
  }

  pidfdOpen(e: ScapEvent, ctx: EventContext): void {
    if (this.legacy) return;
    const t = ctx.thread;
    const fd = e.paramInt(0) ?? -1;
    if (fd < 0 || !t) return;
    const f = new FdInfo();
    f.type = FD_TYPE.PIDFD;
    f.name = `/proc/${pint(e, 'pid') ?? 0}`;
    ctx.fd = this.st.addFd(t, fd, f);
  }

  pidfdGetfd(e: ScapEvent, ctx: EventContext): void {
    if (this.legacy) return;
    const t = ctx.thread;
    const fd = e.paramInt(0) ?? -1;
    if (fd < 0 || !t) return;
    const pidfd = this.st.getFd(t, pint(e, 'pid_fd') ?? -1);
    if (!pidfd || pidfd.type !== FD_TYPE.PIDFD) return;
    const target = this.st.lookup(Number(pidfd.name.slice(6)));
    const src = target ? this.st.getFd(target, pint(e, 'target_fd') ?? -1) : undefined;
    if (!src) return;
    ctx.fd = this.st.addFd(t, fd, src.clone());
  }

  dup(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    if (!t) return;
    const res = e.paramInt(0) ?? -1;
    if (res < 0) return;
    let src = ctx.fd;
    if (!this.legacy) {
      const old = pint(e, 'oldfd');
      if (old !== undefined) src = this.st.getFd(t, old);
      else if (e.info.enumName === 'PPME_SYSCALL_DUP_X') src = ctx.fd;
    }
    if (!this.legacy && !src) return;
    if (res === 0) t.flags |= CLF.PIPE_DST;
    if (res === 1) t.flags |= CLF.PIPE_SRC;
    if (!src) return;
    const copy = src.clone();
    if (!this.legacy) {
      copy.flags &= ~FDF.CLOEXEC;
      if (e.info.enumName === 'PPME_SYSCALL_DUP3_X' && (pint(e, 'flags') ?? 0) & O_CLOEXEC) copy.flags |= FDF.CLOEXEC;
    }
    ctx.fd = this.st.addFd(t, res, copy);
  }

  fcntlEnter(e: ScapEvent, ctx: EventContext): void {
    if (!this.legacy || !ctx.thread) return;
    const cmd = e.paramInt(1) ?? 0;
    if (cmd === F_DUPFD || cmd === F_DUPFD_CLOEXEC) this.store(ctx.thread, e);
  }

  fcntl(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    if (!t) return;
    const res = e.paramInt(0) ?? -1;
    if (this.legacy) {
      if (!this.retrieveEnter(e, ctx)) return;
      if (res >= 0 && ctx.fd) ctx.fd = this.st.addFd(t, res, ctx.fd.clone());
      return;
    }
    const cmd = pint(e, 'cmd');
    if (res < 0 || !ctx.fd) return;
    if (cmd === F_DUPFD || cmd === F_DUPFD_CLOEXEC) {
      const copy = ctx.fd.clone();
      copy.flags = cmd === F_DUPFD_CLOEXEC ? copy.flags | FDF.CLOEXEC : copy.flags & ~FDF.CLOEXEC;
      ctx.fd = this.st.addFd(t, res, copy);
    } else if (cmd === F_SETFD) {
      // F_SETFD: FD_CLOEXEC bookkeeping.
      const arg = pint(e, 'arg') ?? 0;
      if (arg & 1) ctx.fd.flags |= FDF.CLOEXEC;
      else ctx.fd.flags &= ~FDF.CLOEXEC;
    }
  }

  close(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    if ((e.paramInt(0) ?? -1) < 0 || !t || !ctx.fd) return;
    this.st.scheduleFdRemoval(t, t.lastEventFd);
  }

  closeRange(e: ScapEvent, ctx: EventContext): void {
    if (this.legacy) return;
    const t = ctx.thread;
    if ((e.paramInt(0) ?? -1) < 0 || !t) return;
    const first = pint(e, 'first') ?? 0;
    const last = pint(e, 'last') ?? 0;
    const flags = pint(e, 'flags') ?? 0;
    const table = this.st.fdTable(t);
    if (!table) return;
    for (const [fd, f] of table) {
      if (fd < first || (last >= 0 && fd > last)) continue;
      if (flags & 4) f.flags |= FDF.CLOEXEC;
      else table.delete(fd);
    }
  }

  /** read/write family exits: connection state and, for datagram calls, the peer tuple. */
  rw(e: ScapEvent, ctx: EventContext): void {
    const f = ctx.fd;
    const t = ctx.thread;
    if (!f || !t) return;
    const res = e.paramInt(0) ?? -1;
    if (res < 0) return;
    if (f.type === FD_TYPE.IPV4_SOCK || f.type === FD_TYPE.IPV6_SOCK) f.flags |= FDF.CONNECTED;
    const reads = (e.info.flags & EF.READS_FROM_FD) !== 0;
    const en = e.info.enumName;
    const isRecv = en === 'PPME_SOCKET_RECVFROM_X' || en === 'PPME_SOCKET_RECVMSG_X';
    const isSend = en === 'PPME_SOCKET_SENDTO_X' || en === 'PPME_SOCKET_SENDMSG_X';
    if ((reads && !isRecv) || (!reads && !isSend)) return;
    if (!(f.name.length === 0 || !(f.l4proto === L4.TCP && (f.type === FD_TYPE.IPV4_SOCK || f.type === FD_TYPE.IPV6_SOCK)))) return;
    let src: ScapEvent = e;
    let ti: number;
    if (reads) ti = pidx(e, 'tuple');
    else if (this.legacy) {
      const enter = this.retrieveEnter(e, ctx);
      if (!enter) return;
      src = enter;
      ti = enter.nparams > 2 ? 2 : -1;
    } else ti = pidx(e, 'tuple');
    if (ti < 0 || src.paramIsEmpty(ti)) return;
    if (!this.updateFd(f, src, ti)) return;
    if (f.type === FD_TYPE.IPV4_SOCK || f.type === FD_TYPE.IPV6_SOCK) {
      if (f.role === ROLE.NONE) this.guessRole(t, f, reads);
      if (reads ? f.role === ROLE.CLIENT : f.role === ROLE.SERVER) swapTuple(f);
      f.name = f.type === FD_TYPE.IPV4_SOCK ? ipv4TupleText(f) : ipv6TupleText(f);
    } else if (f.type !== FD_TYPE.UNIX_SOCK) {
      f.name = socktupleName(src.buf, src.paramOffset(ti), src.paramLength(ti));
    }
  }

  /** `update_fd`: take a tuple parameter into an fd record; true if anything changed. */
  private updateFd(f: FdInfo, e: ScapEvent, ti: number): boolean {
    const b = e.buf;
    const o = e.paramOffset(ti);
    const len = e.paramLength(ti);
    const family = b[o] as number;
    if (family === AF_INET && len >= 13) {
      f.type = FD_TYPE.IPV4_SOCK;
      if (!this.setIpv4(f, rd32be(b, o + 1), rd16(b, o + 5), rd32be(b, o + 7), rd16(b, o + 11))) return false;
    } else if (family === AF_INET6 && len >= 37) {
      if (isMapped(b, o + 1) && isMapped(b, o + 19)) {
        f.type = FD_TYPE.IPV4_SOCK;
        if (!this.setIpv4(f, v4of(b, o + 1), rd16(b, o + 17), v4of(b, o + 19), rd16(b, o + 35))) return false;
      } else if (!this.setIpv6(f, b, o)) return false;
    } else if (family === AF_UNIX) {
      f.type = FD_TYPE.UNIX_SOCK;
      const src = len >= 17 ? u64Hex(b, o + 1) : '';
      const dst = len >= 17 ? u64Hex(b, o + 9) : '';
      if (src === f.usource && dst === f.udest) return false;
      f.usource = src;
      f.udest = dst;
      f.name = len > 17 ? cstr(b, o + 17, o + len) : '';
      return true;
    } else return false;
    if ((f.type === FD_TYPE.IPV4_SOCK || f.type === FD_TYPE.IPV6_SOCK) && f.l4proto === L4.UNKNOWN) f.l4proto = L4.UDP;
    this.st.patchInterfaces(f);
    return true;
  }

  private guessRole(t: ThreadInfo, f: FdInfo, incoming: boolean): void {
    const table = this.st.fdTable(t);
    let bound = false;
    let client = false;
    if (table) {
      for (const x of table.values()) {
        if (x.type === FD_TYPE.IPV4_SOCK && x.dport === f.dport) bound = true;
        else if (x.type === FD_TYPE.IPV4_SERVSOCK && x.sport === f.dport) bound = true;
      }
      if (bound) for (const x of table.values()) if (x.type === FD_TYPE.IPV4_SOCK && x.sport === f.sport) client = true;
    }
    if (!bound) f.role = ROLE.CLIENT;
    else if (!client) f.role = ROLE.SERVER;
    else f.role = incoming ? ROLE.SERVER : ROLE.CLIENT;
  }

  /** L22 `sendto` enter on an fd the table lacks: infer a UDP socket from the tuple, then store the event. */
  sendtoEnter(e: ScapEvent, ctx: EventContext): void {
    if (!this.legacy) return;
    const t = ctx.thread;
    if (!t) return;
    if (!ctx.fd) {
      const fd = e.paramInt(0) ?? -1;
      if (fd >= 0 && e.nparams > 2 && !e.paramIsEmpty(2)) {
        const b = e.buf;
        const o = e.paramOffset(2);
        const family = b[o] as number;
        if (family === AF_INET || family === AF_INET6) {
          const f = new FdInfo();
          f.type = family === AF_INET ? FD_TYPE.IPV4_SOCK : FD_TYPE.IPV6_SOCK;
          if (family === AF_INET6) {
            f.sip6 = new Uint8Array(16);
            f.dip6 = new Uint8Array(16);
          }
          f.l4proto = L4.UDP;
          ctx.fd = this.st.addFd(t, fd, f);
        }
      }
    }
    this.store(t, e);
  }

  // --- cwd, ids, limits ---

  chdir(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    if (!t || (e.paramInt(0) ?? -1) < 0) return;
    const path = e.paramString(1);
    if (path !== undefined) this.st.setCwd(t, path);
  }

  fchdir(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    if ((e.paramInt(0) ?? -1) < 0 || !t || !ctx.fd) return;
    this.st.setCwd(t, ctx.fd.name);
  }

  setid(e: ScapEvent, ctx: EventContext, which: 'uid' | 'gid', res: boolean): void {
    const t = ctx.thread;
    if ((e.paramInt(0) ?? -1) < 0 || !t) return;
    let v: number | undefined;
    if (this.legacy) {
      const enter = this.retrieveEnter(e, ctx);
      if (!enter) return;
      v = enter.paramInt(res ? 1 : 0);
    } else v = pint(e, res ? (which === 'uid' ? 'euid' : 'egid') : which);
    if (v === undefined) return;
    v >>>= 0;
    if (res && v === UNSET_ID) return;
    if (which === 'uid') t.uid = v;
    else t.gid = v;
  }

  setreid(e: ScapEvent, ctx: EventContext, which: 'uid' | 'gid'): void {
    if (this.legacy) return;
    const t = ctx.thread;
    if ((e.paramInt(0) ?? -1) < 0 || !t) return;
    const v = pint(e, which === 'uid' ? 'euid' : 'egid');
    if (v === undefined || v >>> 0 === UNSET_ID) return;
    if (which === 'uid') t.uid = v >>> 0;
    else t.gid = v >>> 0;
  }

  setsid(e: ScapEvent, ctx: EventContext): void {
    const res = e.paramInt(0) ?? -1;
    if (res >= 0 && ctx.thread) ctx.thread.sid = res;
  }

  chroot(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    if ((e.paramInt(0) ?? -1) !== 0 || !t) return;
    const path = e.paramString(1) ?? '';
    const resolved = path !== '' && path !== '<NA>' && !path.startsWith('/') ? this.st.concat(this.st.cwd(t), path) : '';
    t.root = resolved === '' ? path : resolved;
    this.st.resolveContainer(t);
  }

  rlimit(e: ScapEvent, ctx: EventContext, prlimit: boolean): void {
    const t = ctx.thread;
    if ((e.paramInt(0) ?? -1) < 0 || !t) return;
    let resource: number | undefined;
    if (this.legacy) {
      const enter = this.retrieveEnter(e, ctx);
      if (!enter) return;
      resource = enter.paramInt(prlimit ? 1 : 0);
    } else resource = pint(e, 'resource');
    // RLIMIT_NOFILE is 7 in the PPM_RLIMIT table.
    if (resource !== 7) return;
    const v = pint(e, prlimit ? 'newcur' : 'cur');
    if (v === undefined || v === -1) return;
    const m = this.st.mainThread(t);
    if (m) m.fdlimit = v;
  }

  capset(e: ScapEvent, ctx: EventContext): void {
    if (this.legacy) return;
    const t = ctx.thread;
    if ((e.paramInt(0) ?? -1) < 0 || !t) return;
    t.capInheritable = pbig(e, 'cap_inheritable') ?? t.capInheritable;
    t.capPermitted = pbig(e, 'cap_permitted') ?? t.capPermitted;
    t.capEffective = pbig(e, 'cap_effective') ?? t.capEffective;
  }

  nsCaps(e: ScapEvent, ctx: EventContext): void {
    if (this.legacy) return;
    const t = ctx.thread;
    if ((e.paramInt(0) ?? -1) < 0 || !t) return;
    const flags = pint(e, e.info.enumName === 'PPME_SYSCALL_UNSHARE_X' ? 'flags' : 'nstype') ?? 0;
    if (flags & CLF.CLONE_NEWUSER) {
      const all = (1n << 41n) - 1n;
      t.capInheritable = all;
      t.capPermitted = all;
      t.capEffective = all;
    }
  }

  prctl(e: ScapEvent, ctx: EventContext): void {
    if (this.legacy) return;
    const t = ctx.thread;
    if ((e.paramInt(0) ?? -1) < 0 || !t) return;
    // PPM_PR_SET_NAME
    if (pint(e, 'option') === 15) {
      const name = pstr(e, 'arg2_str');
      if (name !== undefined) t.comm = name;
    }
  }

  // --- processes ---

  clone(e: ScapEvent, ctx: EventContext): void {
    if (this.legacy) this.cloneL22(e, ctx);
    else {
      const res = e.paramInt(0) ?? -1;
      if (res < 0) return;
      if (res === 0) this.cloneChild(e, ctx);
      else this.cloneCaller(e, ctx, res);
    }
  }

  private cloneL22(e: ScapEvent, ctx: EventContext): void {
    const st = this.st;
    let tid = e.tid;
    let childtid = e.paramInt(0) ?? -1;
    const flags = (pint(e, 'flags') ?? 0) >>> 0;
    if (childtid < 0) return;
    const has20 = pidx(e, 'vtid') >= 0 && pidx(e, 'cgroups') >= 0;
    let vtid = tid;
    let vpid = -1;
    if (has20) {
      vtid = pint(e, 'vtid') ?? tid;
      vpid = pint(e, 'vpid') ?? -1;
    }
    const inContainer = (flags & CLF.CHILD_IN_PIDNS) !== 0 || tid !== vtid;
    let inverted = false;
    if (childtid === 0) {
      const cur = ctx.thread;
      if (cur && (cur.cloneTsHi !== 0 || cur.cloneTsLo !== 0) && tsDiff(e.tsHi, e.tsLo, cur.cloneTsHi, cur.cloneTsLo) > CLONE_STALE_TIME_NS) {
        st.removeThread(tid, true);
        ctx.thread = undefined;
      }
      const parenttid = flags & CLF.CLONE_THREAD ? (pint(e, 'pid') ?? -1) : (pint(e, 'ptid') ?? -1);
      if (!ctx.thread) {
        inverted = true;
        childtid = tid;
        tid = parenttid;
      } else {
        if (inContainer) {
          ctx.thread.vtid = vtid;
          ctx.thread.vpid = vpid;
        }
        return;
      }
    } else if (inContainer) return;
    let caller = st.getOrCreate(tid);
    let valid = !(caller.comm === '<NA>' && caller.uid === UNSET_ID);
    let collision = false;
    const existing = st.lookup(childtid);
    if (existing) {
      if (existing.flags & CLF.CLONE_INVERTED) return;
      st.removeThread(childtid, true);
      collision = true;
    }
    const child = new ThreadInfo(childtid);
    child.ptid = tid;
    const copyFrom = (src: ThreadInfo): void => {
      child.comm = src.comm;
      child.exe = src.exe;
      child.exepath = src.exepath;
      child.exeWritable = src.exeWritable;
      child.setArgs(src.args);
      child.root = src.root;
      child.sid = src.sid;
      child.vpgid = src.vpgid;
      child.tty = src.tty;
      child.loginuid = src.loginuid;
      if (!(flags & CLF.CLONE_THREAD)) child.env = src.env;
    };
    if (valid) copyFrom(caller);
    else {
      st.removeThread(tid, true);
      collision = true;
      caller = st.getOrCreate(tid);
      valid = !(caller.comm === '<NA>' && caller.uid === UNSET_ID);
      if (valid) {
        copyFrom(caller);
        child.exeWritable = false;
      } else {
        child.exe = pstr(e, 'exe') ?? '';
        child.comm = pidx(e, 'comm') >= 0 ? (pstr(e, 'comm') ?? '') : child.exe;
        child.setArgs(plist(e, 'args') ?? []);
        caller.comm = child.comm;
        caller.exe = child.exe;
        caller.exepath = child.exepath;
        caller.setArgs(child.args);
      }
    }
    child.pid = flags & CLF.CLONE_THREAD ? (pint(e, 'pid') ?? -1) : childtid;
    child.flags = flags;
    if (!(flags & CLF.CLONE_THREAD)) {
      inheritFds(st, caller, child);
      child.cwd = st.cwd(caller);
    }
    if (inverted) child.flags |= CLF.CLONE_INVERTED;
    child.exe = st.intern(pstr(e, 'exe') ?? '');
    child.comm = pidx(e, 'comm') >= 0 ? st.intern(pstr(e, 'comm') ?? '') : child.exe;
    child.setArgs(st.internList(plist(e, 'args') ?? []));
    child.fdlimit = pint(e, 'fdlimit') ?? -1;
    readVm(e, child, true);
    child.uid = (pint(e, 'uid') ?? -1) >>> 0;
    child.gid = (pint(e, 'gid') ?? -1) >>> 0;
    if (inContainer) {
      child.vtid = vtid;
      child.vpid = vpid;
    } else {
      child.vtid = child.tid;
      child.vpid = child.pid;
    }
    if (has20) {
      child.cgroups = st.internList(plist(e, 'cgroups') ?? []);
      st.resolveContainer(child);
    }
    child.cloneTsHi = e.tsHi;
    child.cloneTsLo = e.tsLo;
    st.addThread(child, false);
    if (collision) ctx.thread = st.getOrCreate(e.tid);
  }

  private cloneCaller(e: ScapEvent, ctx: EventContext, childTid: number): void {
    const st = this.st;
    const callerTid = e.tid;
    const caller = st.getOrCreate(callerTid);
    let valid = true;
    if (caller.invalid) {
      valid = false;
      caller.pid = pint(e, 'pid') ?? -1;
      caller.ptid = pint(e, 'ptid') ?? -1;
      if (!pempty(e, 'vpid')) {
        caller.vtid = pint(e, 'vtid') ?? -1;
        caller.vpid = pint(e, 'vpid') ?? -1;
      } else {
        caller.vtid = callerTid;
        caller.vpid = -1;
      }
      st.createDependencies(caller);
    }
    ctx.thread = caller;
    const flags = (pint(e, 'flags') ?? 0) >>> 0;
    if (flags & (CLF.CHILD_IN_PIDNS | CLF.CLONE_NEWPID | CLF.CLONE_PARENT) || callerTid !== caller.vtid) return;
    if (flags & CLF.CLONE_VFORK || e.name === 'vfork') return;
    const existing = st.lookup(childTid);
    let collision = false;
    if (existing) {
      if (existing.flags & CLF.CLONE_INVERTED) return;
      st.removeThread(childTid, false);
      collision = true;
    }
    const child = new ThreadInfo(childTid);
    child.flags = flags;
    if (!(flags & CLF.CLONE_THREAD)) {
      if (valid) {
        inheritFds(st, caller, child);
        child.cwd = st.cwdJoin('', st.cwd(caller));
        child.env = caller.env;
      }
      child.pid = childTid;
      child.ptid = caller.tid;
    } else {
      child.pid = caller.pid;
      child.ptid = caller.ptid;
      child.flags |= CLF.CLONE_FILES;
      child.lastExecTsHi = caller.lastExecTsHi;
      child.lastExecTsLo = caller.lastExecTsLo;
    }
    child.vtid = child.tid;
    child.vpid = child.pid;
    this.fillChildFromEvent(e, child);
    child.pidnsInitStartTs = this.bootTimeNs;
    if (valid) this.copyExeState(child, caller);
    else {
      caller.exe = child.exe;
      caller.comm = child.comm;
      caller.setArgs(child.args);
    }
    st.addThread(child, false);
    if (collision) ctx.thread = st.getOrCreate(e.tid);
  }

  private cloneChild(e: ScapEvent, ctx: EventContext): void {
    const st = this.st;
    const childTid = e.tid;
    let collision = false;
    const cur = ctx.thread;
    if (cur && (cur.cloneTsHi !== 0 || cur.cloneTsLo !== 0)) {
      if (tsDiff(e.tsHi, e.tsLo, cur.cloneTsHi, cur.cloneTsLo) < CLONE_STALE_TIME_NS) return;
      st.removeThread(childTid, false);
      collision = true;
      ctx.thread = undefined;
    }
    const child = new ThreadInfo(childTid);
    child.pid = pint(e, 'pid') ?? -1;
    child.ptid = pint(e, 'ptid') ?? -1;
    if (!pempty(e, 'vpid')) {
      child.vtid = pint(e, 'vtid') ?? -1;
      child.vpid = pint(e, 'vpid') ?? -1;
    } else {
      child.vtid = childTid;
      child.vpid = -1;
    }
    child.flags = ((pint(e, 'flags') ?? 0) | CLF.CLONE_INVERTED) >>> 0;
    const leader = !(child.flags & CLF.CLONE_THREAD);
    if (!leader) child.flags |= CLF.CLONE_FILES;
    const src = st.getOrCreate(leader ? child.ptid : child.pid);
    let valid = true;
    if (src.invalid) {
      valid = false;
      if (!leader) {
        src.pid = child.pid;
        src.ptid = child.ptid;
        src.vpid = child.vpid;
        src.vtid = src.vpid;
        st.createDependencies(src);
      }
    }
    this.fillChildFromEvent(e, child);
    if (valid) {
      this.copyExeState(child, src);
      if (leader) {
        inheritFds(st, src, child);
        child.cwd = st.intern(st.cwdJoin('', st.cwd(src)));
        child.env = src.env;
      } else {
        child.lastExecTsHi = src.lastExecTsHi;
        child.lastExecTsLo = src.lastExecTsLo;
      }
    } else if (!leader) {
      src.exe = child.exe;
      src.comm = child.comm;
      src.setArgs(child.args);
    }
    if (child.flags & (CLF.CHILD_IN_PIDNS | CLF.CLONE_NEWPID) || child.tid !== child.vtid) {
      const ts = pbig(e, 'pidns_init_start_ts');
      if (ts !== undefined) child.pidnsInitStartTs = ts + this.bootTimeNs;
    } else child.pidnsInitStartTs = this.bootTimeNs;
    st.addThread(child, false);
    ctx.thread = child;
    void collision;
  }

  private fillChildFromEvent(e: ScapEvent, child: ThreadInfo): void {
    const st = this.st;
    child.exe = st.intern(pstr(e, 'exe') ?? '');
    child.setArgs(st.internList(plist(e, 'args') ?? []));
    const comm = pstr(e, 'comm');
    child.comm = comm === undefined || pempty(e, 'comm') ? child.exe : st.intern(comm);
    child.fdlimit = pint(e, 'fdlimit') ?? -1;
    readVm(e, child, false);
    child.uid = (pint(e, 'uid') ?? -1) >>> 0;
    child.gid = (pint(e, 'gid') ?? -1) >>> 0;
    if (!pempty(e, 'cgroups')) child.cgroups = st.internList(plist(e, 'cgroups') ?? []);
    st.resolveContainer(child);
    child.cloneTsHi = e.tsHi;
    child.cloneTsLo = e.tsLo;
  }

  private copyExeState(child: ThreadInfo, src: ThreadInfo): void {
    child.exepath = src.exepath;
    child.exeWritable = src.exeWritable;
    child.exeUpperLayer = src.exeUpperLayer;
    child.exeLowerLayer = src.exeLowerLayer;
    child.exeFromMemfd = src.exeFromMemfd;
    child.root = src.root;
    child.sid = src.sid;
    child.vpgid = src.vpgid;
    child.pgid = src.pgid;
    child.tty = src.tty;
    child.loginuid = src.loginuid;
    child.capPermitted = src.capPermitted;
    child.capInheritable = src.capInheritable;
    child.capEffective = src.capEffective;
    child.exeIno = src.exeIno;
    child.exeInoCtime = src.exeInoCtime;
    child.exeInoMtime = src.exeInoMtime;
  }

  execve(e: ScapEvent, ctx: EventContext): void {
    const st = this.st;
    if ((e.paramInt(0) ?? -1) < 0) return;
    const t = ctx.thread;
    if (!t) return;
    const legacy = this.legacy;
    const en = e.info.enumName;
    if (!legacy && t.dead) {
      t.dead = false;
      const g = st.groupOf.get(t);
      if (g) g.alive++;
    }
    t.exe = e.paramString(1) ?? '';
    if (!legacy) {
      t.lastExecTsHi = e.tsHi;
      t.lastExecTsLo = e.tsLo;
    }
    const commI = pidx(e, 'comm');
    if (legacy) t.comm = commI >= 0 ? (e.paramString(commI) ?? '') : t.exe;
    else t.comm = commI >= 0 && !e.paramIsEmpty(commI) ? (e.paramString(commI) ?? '') : t.exe;
    t.setArgs(e.paramStringList(2) ?? []);
    t.pid = e.paramInt(4) ?? t.pid;
    if (legacy) {
      if (t.ptid === -1) t.ptid = e.paramInt(5) ?? -1;
    } else if (t.invalid || !st.groupOf.has(t)) {
      t.ptid = e.paramInt(5) ?? -1;
      if (!(t.flags & CLF.CHILD_IN_PIDNS)) {
        t.vtid = t.tid;
        t.vpid = t.pid;
      }
      st.createDependencies(t);
    }
    t.fdlimit = e.paramInt(7) ?? t.fdlimit;
    readVm(e, t, legacy);
    const envI = pidx(e, 'env');
    if (envI >= 0 && (legacy || !e.paramIsEmpty(envI))) t.env = e.paramStringList(envI) ?? [];
    const cgI = pidx(e, 'cgroups');
    if (cgI >= 0 && (legacy || !e.paramIsEmpty(cgI))) {
      t.cgroups = e.paramStringList(cgI) ?? [];
      st.resolveContainer(t);
    } else if (!legacy) st.resolveContainer(t);
    const ttyI = pidx(e, 'tty');
    if (ttyI >= 0 && (legacy || !e.paramIsEmpty(ttyI))) t.tty = (e.paramInt(ttyI) ?? 0) >>> 0;
    // exepath: trusted_exepath when present (current libs), else from the enter event.
    const trusted = legacy ? -1 : pidx(e, 'trusted_exepath');
    if (trusted >= 0 && !e.paramIsEmpty(trusted)) t.exepath = stripDeleted(e.paramString(trusted) ?? '');
    else if (legacy ? en === 'PPME_SYSCALL_EXECVE_18_X' || en === 'PPME_SYSCALL_EXECVE_19_X' || en === 'PPME_SYSCALL_EXECVEAT_X' : true) {
      const enter = this.retrieveEnter(e, ctx);
      if (enter) {
        const ee = enter.info.enumName;
        if (ee === 'PPME_SYSCALL_EXECVEAT_E') {
          const dirfd = enter.paramInt(0) ?? 0;
          const pathname = enter.paramString(1) ?? '';
          const fl = enter.paramInt(2) ?? 0;
          if (legacy) {
            if (pathname.startsWith('<NA>')) t.exepath = '<NA>';
            else {
              const sdir = this.dirOf(ctx, pathname, dirfd, true);
              const p = fl & EXVAT_AT_EMPTY_PATH && pathname === '' ? sdir : pathname;
              t.exepath = st.concat(sdir, p);
            }
          } else {
            const sdir = this.dirOf(ctx, pathname, dirfd, false);
            if (sdir !== '.' && sdir !== '<UNKNOWN>') ctx.fd = st.getFd(t, dirfd);
            if ((!(fl & EXVAT_AT_EMPTY_PATH) && pathname === '<NA>') || sdir === '<UNKNOWN>') t.exepath = '<NA>';
            else if (fl & EXVAT_AT_EMPTY_PATH) t.exepath = stripDeleted(st.concat('', sdir));
            else t.exepath = stripDeleted(st.concat(sdir, pathname));
          }
        } else {
          const filename = enter.paramString(0) ?? '';
          if (legacy ? filename.startsWith('<NA>') : filename === '<NA>') t.exepath = '<NA>';
          else t.exepath = legacy ? st.concat(t.cwd, filename) : stripDeleted(st.concat(st.cwd(t), filename));
        }
      }
    }
    // vpgid: parameter 17 of the 19-parameter and later layouts (named pgid in sysdig 0.29.3's table).
    if (e.nparams > 17 && (en === 'PPME_SYSCALL_EXECVE_19_X' || en === 'PPME_SYSCALL_EXECVEAT_X') && (legacy || !e.paramIsEmpty(17))) t.vpgid = e.paramInt(17) ?? t.vpgid;
    if (e.nparams > 18 && (legacy || !e.paramIsEmpty(18))) t.loginuid = (e.paramInt(18) ?? 0) >>> 0;
    if (e.nparams > 19 && (legacy || !e.paramIsEmpty(19))) {
      const fl = e.paramInt(19) ?? 0;
      t.exeWritable = (fl & 1) !== 0;
      if (!legacy) {
        t.exeUpperLayer = (fl & 2) !== 0;
        t.exeFromMemfd = (fl & 4) !== 0;
        t.exeLowerLayer = (fl & 8) !== 0;
      }
    }
    if (!legacy) {
      if (!pempty(e, 'cap_effective')) {
        t.capInheritable = pbig(e, 'cap_inheritable') ?? 0n;
        t.capPermitted = pbig(e, 'cap_permitted') ?? 0n;
        t.capEffective = pbig(e, 'cap_effective') ?? 0n;
      }
      if (!pempty(e, 'exe_ino_mtime')) {
        t.exeIno = pint(e, 'exe_ino') ?? 0;
        t.exeInoCtime = pbig(e, 'exe_ino_ctime') ?? 0n;
        t.exeInoMtime = pbig(e, 'exe_ino_mtime') ?? 0n;
      }
      if (!pempty(e, 'uid')) t.uid = (pint(e, 'uid') ?? 0) >>> 0;
      t.pgid = pempty(e, 'pgid') ? -1 : (pint(e, 'pgid') ?? -1);
      if (!pempty(e, 'gid')) t.gid = (pint(e, 'gid') ?? 0) >>> 0;
      const table = st.fdTable(t);
      if (table) for (const [fd, f] of table) if (f.flags & FDF.CLOEXEC) table.delete(fd);
    }
    const keep = t.flags & (CLF.PIPE_SRC | CLF.PIPE_DST | CLF.IS_MAIN_THREAD | CLF.CLONE_INVERTED);
    t.flags = CLF.ACTIVE | keep | CLF.NAME_CHANGED;
    if (!legacy) {
      const g = st.groupOf.get(t);
      if (g && g.alive > 1) {
        for (const m of [...g.members]) {
          if (m.isMain || m === t) continue;
          st.removeThread(m.tid, false);
        }
      }
    }
  }

  procexit(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    if (!t) return;
    if (this.legacy) {
      t.flags |= CLF.CLOSED;
      this.st.pendingThread = e.tid;
      this.st.pendingReaper = 0;
      return;
    }
    const g = this.st.groupOf.get(t);
    if (g && !t.dead) g.alive--;
    t.dead = true;
    t.flags |= CLF.CLOSED;
    this.st.pendingThread = e.tid;
    this.st.pendingReaper = e.nparams > 4 && !e.paramIsEmpty(4) ? (e.paramInt(4) ?? 0) : -1;
  }

  // --- memory counters (proc.vmsize...) ---

  vmExit(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    if (!t || e.nparams < 4) return;
    t.vmsizeKb = e.paramInt(1) ?? t.vmsizeKb;
    t.vmrssKb = e.paramInt(2) ?? t.vmrssKb;
    t.vmswapKb = e.paramInt(3) ?? t.vmswapKb;
  }

  contextSwitch(e: ScapEvent, ctx: EventContext): void {
    const t = ctx.thread;
    if (!t || e.nparams < 6) return;
    t.pfMajor = e.paramInt(1) ?? t.pfMajor;
    t.pfMinor = e.paramInt(2) ?? t.pfMinor;
    const m = this.st.mainThread(t);
    if (!m) return;
    m.vmsizeKb = e.paramInt(3) ?? m.vmsizeKb;
    m.vmrssKb = e.paramInt(4) ?? m.vmrssKb;
    m.vmswapKb = e.paramInt(5) ?? m.vmswapKb;
  }

  // --- meta events ---

  containerOld(e: ScapEvent): void {
    const id = e.paramString(0) ?? '';
    const c = emptyContainer(id, e.paramInt(1) ?? 0);
    c.name = e.paramString(2) ?? '';
    c.image = e.paramString(3) ?? '';
    this.st.containers.set(id, c);
  }

  containerJson(e: ScapEvent): void {
    const json = e.paramString(0) ?? '';
    const why = jsonLimitViolation(json);
    if (why !== undefined) {
      this.st.warnings.note(StateLimit.METADATA_REJECTED, () => `container event ${e.num}: ${why}`);
      return;
    }
    const c = containerFromJson(json);
    if (c) this.st.containers.set(c.id, c);
  }

  userEvent(e: ScapEvent, added: boolean): void {
    if (this.legacy) return;
    const cid = pstr(e, 'container_id') ?? '';
    const uid = (pint(e, 'uid') ?? 0) >>> 0;
    if (added) this.st.addUser({ uid, gid: (pint(e, 'gid') ?? 0) >>> 0, name: pstr(e, 'name') ?? '', home: pstr(e, 'home') ?? '', shell: pstr(e, 'shell') ?? '' }, cid);
    else this.st.users.get(cid)?.delete(uid);
  }

  groupEvent(e: ScapEvent, added: boolean): void {
    if (this.legacy) return;
    const cid = pstr(e, 'container_id') ?? '';
    const gid = (pint(e, 'gid') ?? 0) >>> 0;
    if (added) this.st.addGroup({ gid, name: pstr(e, 'name') ?? '' }, cid);
    else this.st.groupsById.get(cid)?.delete(gid);
  }
}

/** The syscall return value of an exit event (current libs `get_syscall_return_value`). */
export function returnValue(e: ScapEvent): number | undefined {
  if (e.nparams === 0 || e.paramIsEmpty(0)) return undefined;
  return e.paramInt(0);
}

function rd16(b: Uint8Array, o: number): number {
  return (b[o] as number) | ((b[o + 1] as number) << 8);
}

/** An IPv4 address stored in network order, as a host-order u32. */
function rd32be(b: Uint8Array, o: number): number {
  return (((b[o] as number) << 24) | ((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number)) >>> 0;
}

function eq16(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isZero16(a: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== 0) return false;
  return true;
}


function hexParam(e: ScapEvent, i: number): string {
  if (i >= e.nparams || e.paramLength(i) < 8) return '';
  return u64Hex(e.buf, e.paramOffset(i));
}

function cstr(b: Uint8Array, o: number, end: number): string {
  let e = o;
  while (e < end && b[e] !== 0) e++;
  return Buffer.from(b.buffer, b.byteOffset + o, e - o).toString('utf8');
}

/** A SOCKADDR parameter as fd names show it (`ip:port`, unix path). */
function sockaddrName(b: Uint8Array, o: number, len: number): string {
  const family = b[o] as number;
  if (family === AF_INET && len >= 7) return `${b[o + 1]}.${b[o + 2]}.${b[o + 3]}.${b[o + 4]}:${rd16(b, o + 5)}`;
  if (family === AF_INET6 && len >= 19) {
    return `${ipv6Text(b, o + 1)}:${rd16(b, o + 17)}`;
  }
  if (family === AF_UNIX) return stripNonPrintable(cstr(b, o + 1, o + len));
  return `family ${family}`;
}

/** A SOCKTUPLE parameter as fd names show it. */
function socktupleName(b: Uint8Array, o: number, len: number): string {
  const family = b[o] as number;
  if (family === AF_UNIX && len >= 17) return `${u64Hex(b, o + 1)}->${u64Hex(b, o + 9)} ${stripNonPrintable(cstr(b, o + 17, o + len))}`;
  if (family === AF_INET && len >= 13) {
    return `${b[o + 1]}.${b[o + 2]}.${b[o + 3]}.${b[o + 4]}:${rd16(b, o + 5)}->${b[o + 7]}.${b[o + 8]}.${b[o + 9]}.${b[o + 10]}:${rd16(b, o + 11)}`;
  }
  if (family === AF_INET6 && len >= 37) {
    return `${ipv6Text(b, o + 1)}:${rd16(b, o + 17)}->${ipv6Text(b, o + 19)}:${rd16(b, o + 35)}`;
  }
  return `family ${family}`;
}
