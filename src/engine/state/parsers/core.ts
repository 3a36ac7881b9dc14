// The parser core: libsinsp's `reset` (attach the thread and fd to an event), enter-event storage, and the
// helpers the per-family parsers share (parameters by name, socket address texts).
//
// Profile convention (all of src/engine/state): one implementation serves both profiles, and every point
// where 2022 libsinsp (sysdig 0.29.3) differs from current libsinsp is a branch on the one predicate `legacy`
// (`p.legacy`, `st.legacy`; true in the sysdig-0.29.3 profile, set once from it by the Inspector), so
// `grep -nw legacy` lists them all. Notes on what 2022 libsinsp does are tagged `profile-2022`; HEAD means
// current libsinsp. test/engine/state/profile-convention.test.ts keeps this true.
import { EF, endpointText, ipv4Text, ipv6Text, ScapEvent, tupleText, u64Hex, type EventSchema } from '../../../scap/index.js';
import type { EventContext } from '../context.js';
import type { SinspState } from '../sinsp.js';
import { stripNonPrintable } from '../paths.js';
import { CLF, type ThreadInfo } from '../threadinfo.js';

export const PPM_AT_FDCWD = -100;
export const O_DIRECTORY = 0x400;
export const O_F_CREATED = 0x4000;
export const FD_UPPER_LAYER = 0x8000;
export const FD_LOWER_LAYER = 0x10000;
export const EINPROGRESS = 115;
export const CLONE_STALE_TIME_NS = 2_000_000_000;
export const EXVAT_AT_EMPTY_PATH = 1;
export const AF_UNIX = 1;
export const AF_INET = 2;
export const AF_INET6 = 10;
export const AF_NETLINK = 16;
export const F_DUPFD = 1;
export const F_SETFD = 3;
export const F_DUPFD_CLOEXEC = 26;

export type Handler = (p: Parser, e: ScapEvent, ctx: EventContext) => void;

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
export interface SchemaInfo {
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

const paramNameCache = new WeakMap<EventSchema, Map<string, number>[]>();

/** Parameter positions by name, per event code of a schema. */
export function paramNames(schema: EventSchema): Map<string, number>[] {
  let names = paramNameCache.get(schema);
  if (names) return names;
  names = schema.events.map((ev) => {
    const m = new Map<string, number>();
    ev?.params.forEach((p, i) => {
      if (!m.has(p.name)) m.set(p.name, i);
    });
    return m;
  });
  paramNameCache.set(schema, names);
  return names;
}

/** Index of parameter `name` of the event's type, if the event has it; -1 otherwise. */
export function pidx(e: ScapEvent, name: string): number {
  const i = paramNames(e.schema)[e.type]?.get(name);
  return i === undefined || i >= e.nparams ? -1 : i;
}

export function pint(e: ScapEvent, name: string): number | undefined {
  const i = pidx(e, name);
  return i < 0 ? undefined : e.paramInt(i);
}

export function pstr(e: ScapEvent, name: string): string | undefined {
  const i = pidx(e, name);
  return i < 0 ? undefined : e.paramString(i);
}

/** A string list parameter, shared with every event of the same bytes (never modify it). */
export function plist(e: ScapEvent, name: string): readonly string[] | undefined {
  const i = pidx(e, name);
  return i < 0 ? undefined : e.paramStringListShared(i);
}

export function pempty(e: ScapEvent, name: string): boolean {
  const i = pidx(e, name);
  return i < 0 || e.paramIsEmpty(i);
}

export function pbig(e: ScapEvent, name: string): bigint | undefined {
  const i = pidx(e, name);
  return i < 0 || e.paramIsEmpty(i) ? undefined : e.paramBigInt(i);
}

/** vm and page-fault counters of clone/execve exits (when present). */
export function readVm(e: ScapEvent, t: ThreadInfo, legacy: boolean): void {
  if (!legacy && pempty(e, 'vm_swap')) return;
  const v = (n: string): number | undefined => pint(e, n);
  t.pfMajor = v('pgft_maj') ?? t.pfMajor;
  t.pfMinor = v('pgft_min') ?? t.pfMinor;
  t.vmsizeKb = v('vm_size') ?? t.vmsizeKb;
  t.vmrssKb = v('vm_rss') ?? t.vmrssKb;
  t.vmswapKb = v('vm_swap') ?? t.vmswapKb;
}

/** A new process's copy of its parent's fd table (each record marked as cloned). */
export function inheritFds(st: SinspState, parent: ThreadInfo, child: ThreadInfo): void {
  st.inheritFds(parent, child);
}

/** ts(a) - ts(b) in ns for u32-halves timestamps (exact below 2^53). */
export function tsDiff(aHi: number, aLo: number, bHi: number, bLo: number): number {
  return (aHi - bHi) * 4294967296 + (aLo - bLo);
}

/** The parser of one capture: the state it updates, and libsinsp's per-inspector parser state. */
export class Parser {
  readonly st: SinspState;
  readonly legacy: boolean;
  /** profile-2022: the scratch enter event (m_tmp_evt): the last enter event a parser looked at. */
  tmpEnter: ScapEvent | undefined;
  bootTimeNs = 0n;

  constructor(st: SinspState) {
    this.st = st;
    this.legacy = st.legacy;
  }

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
    const kind = info.kinds[type] as Kind;
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
        // profile-2022: the fd is always enter parameter 0; current libs: 0 except mmap (4) and splice (1).
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

  /** Store an enter event for its exit (profile-2022: also the scratch event). */
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
}

/** The syscall return value of an exit event (current libs `get_syscall_return_value`). */
export function returnValue(e: ScapEvent): number | undefined {
  if (e.nparams === 0 || e.paramIsEmpty(0)) return undefined;
  return e.paramInt(0);
}

export function rd16(b: Uint8Array, o: number): number {
  return (b[o] as number) | ((b[o + 1] as number) << 8);
}

/** An IPv4 address stored in network order, as a host-order u32. */
export function rd32be(b: Uint8Array, o: number): number {
  return (((b[o] as number) << 24) | ((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number)) >>> 0;
}

export function eq16(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function isZero16(a: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== 0) return false;
  return true;
}

export function hexParam(e: ScapEvent, i: number): string {
  if (i >= e.nparams || e.paramLength(i) < 8) return '';
  return u64Hex(e.buf, e.paramOffset(i));
}

export function cstr(b: Uint8Array, o: number, end: number): string {
  let e = o;
  while (e < end && b[e] !== 0) e++;
  return Buffer.from(b.buffer, b.byteOffset + o, e - o).toString('utf8');
}

/** A SOCKADDR parameter as fd names show it (`ip:port`, unix path). */
export function sockaddrName(b: Uint8Array, o: number, len: number): string {
  const family = b[o] as number;
  if (family === AF_INET && len >= 7) return endpointText(ipv4Text(b, o + 1), rd16(b, o + 5));
  if (family === AF_INET6 && len >= 19) {
    return endpointText(ipv6Text(b, o + 1), rd16(b, o + 17));
  }
  if (family === AF_UNIX) return stripNonPrintable(cstr(b, o + 1, o + len));
  return `family ${family}`;
}

/** A SOCKTUPLE parameter as fd names show it. */
export function socktupleName(b: Uint8Array, o: number, len: number): string {
  const family = b[o] as number;
  if (family === AF_UNIX && len >= 17) return `${u64Hex(b, o + 1)}->${u64Hex(b, o + 9)} ${stripNonPrintable(cstr(b, o + 17, o + len))}`;
  if (family === AF_INET && len >= 13) {
    return tupleText(ipv4Text(b, o + 1), rd16(b, o + 5), ipv4Text(b, o + 7), rd16(b, o + 11));
  }
  if (family === AF_INET6 && len >= 37) {
    return tupleText(ipv6Text(b, o + 1), rd16(b, o + 17), ipv6Text(b, o + 19), rd16(b, o + 35));
  }
  return `family ${family}`;
}
