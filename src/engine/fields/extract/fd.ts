// Extractors of the `fd.*` fields (docs/sinsp-semantics.md#fd-fields).
import { EF, FD_TYPE, renderParam, type ScapEvent } from '../../../scap/index.js';
import type { EventContext } from '../../state/context.js';
import { FDF, fdTypeChar, fdTypeString, L4, l4Name, ROLE, type FdInfo } from '../../state/fdinfo.js';
import { stripNonPrintable } from '../../state/paths.js';
import type { ThreadInfo } from '../../state/threadinfo.js';
import type { FieldValue, IpValue } from '../types.js';
import { asExtractor, type ExtractEnv, type ExtractorFactory } from './env.js';

const FD_EVENT = EF.CREATES_FD | EF.USES_FD | EF.DESTROYS_FD;

/** The l4 protocol libsinsp reports for a record (`get_l4proto`): tuples need a role unless raw. */
export function l4Of(f: FdInfo): number {
  switch (f.type) {
    case FD_TYPE.IPV4_SOCK:
    case FD_TYPE.IPV6_SOCK:
      if (f.l4proto === L4.RAW) return L4.RAW;
      return f.role === ROLE.NONE ? L4.NA : f.l4proto;
    case FD_TYPE.IPV4_SERVSOCK:
    case FD_TYPE.IPV6_SERVSOCK:
      return f.l4proto;
    default:
      return L4.NA;
  }
}

/** Whether fd.* fields exist for the event: an fd event with a thread. */
function isFdEvent(ctx: EventContext): boolean {
  return (ctx.event.info.flags & FD_EVENT) !== 0 && ctx.thread !== undefined;
}

/** The fd record fd.* fields read: the event's, else the thread's last event fd. */
function recordOf(env: ExtractEnv, ctx: EventContext, t: ThreadInfo): FdInfo | undefined {
  const f = ctx.fd;
  if (f || t.lastEventFd === -1) return f;
  return env.state.peekFd(t, t.lastEventFd);
}

function sip(f: FdInfo): IpValue {
  return f.type === FD_TYPE.IPV6_SOCK || f.type === FD_TYPE.IPV6_SERVSOCK ? (f.sip6 ?? new Uint8Array(16)) : f.sip;
}

function dip(f: FdInfo): IpValue {
  return f.type === FD_TYPE.IPV6_SOCK ? (f.dip6 ?? new Uint8Array(16)) : f.dip;
}

/** fd.sip: the tuple's destination, or a listening socket's address; none without a role (a listening socket from the fd list has none). */
function serverIp(f: FdInfo): IpValue | undefined {
  if (f.role === ROLE.NONE) return undefined;
  if (isTuple(f)) return dip(f);
  return f.isServer ? sip(f) : undefined;
}

const isTuple = (f: FdInfo): boolean => f.type === FD_TYPE.IPV4_SOCK || f.type === FD_TYPE.IPV6_SOCK;

function isLocal(env: ExtractEnv, t: ThreadInfo, f: FdInfo, ip: IpValue): boolean {
  return typeof ip === 'number' ? env.state.isLocalIpv4(t, ip) : env.state.isLocalIpv6(t, ip);
}

const OPEN_CREATORS_L22 = new Set(['PPME_SYSCALL_OPEN_X', 'PPME_SOCKET_ACCEPT_X', 'PPME_SOCKET_ACCEPT_5_X', 'PPME_SOCKET_ACCEPT4_X', 'PPME_SOCKET_ACCEPT4_5_X', 'PPME_SYSCALL_CREAT_X']); // prettier-ignore
const OPEN_CREATORS_HEAD = new Set(['PPME_SYSCALL_OPEN_X', 'PPME_SOCKET_ACCEPT_5_X', 'PPME_SOCKET_ACCEPT4_6_X', 'PPME_SYSCALL_CREAT_X']);

/** fd.name without fd record: the name the creating syscall was given (docs/sinsp-semantics.md#fd-name-fallback). */
function nameFromCreator(env: ExtractEnv, ctx: EventContext): string | undefined {
  const e = ctx.event;
  if ((e.type & 1) === 0) return undefined;
  const en = e.info.enumName;
  const opts = { resolver: env.resolver, legacy: env.legacy, maxBufLen: env.maxBufLen };
  if ((env.legacy ? OPEN_CREATORS_L22 : OPEN_CREATORS_HEAD).has(en) || en === 'PPME_SOCKET_CONNECT_X') {
    if (e.nparams < 2) return '';
    const p = renderParam(e, 1, opts);
    return p.resolved || p.value;
  }
  if (en === 'PPME_SYSCALL_OPENAT_X' || en === 'PPME_SYSCALL_OPENAT_2_X' || en === 'PPME_SYSCALL_OPENAT2_X') {
    let src: ScapEvent = e;
    let nameI = 2;
    let dirI = 1;
    if (en === 'PPME_SYSCALL_OPENAT_X') {
      if (!env.legacy || !ctx.enter) return env.legacy ? undefined : '';
      src = ctx.enter;
      nameI = 1;
      dirI = 0;
    }
    const name = src.paramString(nameI) ?? '';
    const dirfd = src.paramInt(dirI) ?? 0;
    const st = env.state;
    const t = ctx.thread;
    let dir: string;
    if (name.startsWith('/')) dir = '.';
    else if (!t) dir = '<UNKNOWN>';
    else if (dirfd === -100) dir = st.cwd(t);
    else {
      const f = st.peekFd(t, dirfd);
      dir = !f ? '<UNKNOWN>' : env.legacy ? f.name + '/' : f.name === '' || f.name.endsWith('/') ? f.name : f.name + '/';
    }
    const full = st.concat(dir, name);
    return env.legacy ? stripNonPrintable(full) : full;
  }
  return '';
}

/** The last path dirOfName cut and its directory: consecutive events often name the same file. */
let lastPath = '';
let lastDirectory = '/';

/** fd.directory of a path (files: up to the last '/', or '/'). */
function dirOfName(name: string): string {
  if (name === lastPath) return lastDirectory;
  const pos = name.lastIndexOf('/');
  const dir = pos > 0 ? (pos < name.length - 1 ? name.slice(0, pos) : name) : '/';
  lastPath = name;
  lastDirectory = dir;
  return dir;
}

function filenameOf(name: string): string {
  const pos = name.lastIndexOf('/');
  if (pos < 0) return '/';
  return pos < name.length - 1 ? name.slice(pos + 1) : name;
}

/** fd.typechar without a record, by event name (a function of the name alone; the set of names is the schema's). */
const TYPECHAR_BY_NAME = [new Map<string, string>(), new Map<string, string>()] as const;

function fdTypeCharNoRecord(e: ScapEvent, legacy: boolean): string {
  const known = TYPECHAR_BY_NAME[legacy ? 1 : 0];
  const en = e.info.enumName;
  let c = known.get(en);
  if (c === undefined) {
    c = typeCharOfName(en, legacy);
    if (known.size < 4096) known.set(en, c);
  }
  return c;
}

function typeCharOfName(enumName: string, legacy: boolean): string {
  const en = legacy ? enumName.replace(/_X$/, '_E') : enumName;
  if (legacy) {
    if (/^PPME_SYSCALL_(OPEN|OPENAT|OPENAT_2|OPENAT2|CREAT)_E$/.test(en)) return 'f';
    if (/^PPME_SOCKET_(SOCKET|ACCEPT|ACCEPT_5|ACCEPT4|ACCEPT4_5)_E$/.test(en)) return '4';
  } else {
    if (/^PPME_SYSCALL_(OPENAT_2|OPENAT2|CREAT)_[EX]$/.test(en)) return 'f';
    if (/^PPME_SOCKET_(SOCKET|ACCEPT|ACCEPT_5|ACCEPT4|ACCEPT4_5|ACCEPT4_6)_[EX]$/.test(en)) return '4';
  }
  const base = en.replace(/^PPME_(SYSCALL|SOCKET)_/, '').replace(/_[EX]$/, '');
  switch (base) {
    case 'PIPE':
    case 'PIPE2':
      return 'p';
    case 'EVENTFD':
    case 'EVENTFD2':
      return 'e';
    case 'SIGNALFD':
    case 'SIGNALFD4':
      return 's';
    case 'TIMERFD_CREATE':
      return 't';
    case 'INOTIFY_INIT':
    case 'INOTIFY_INIT1':
      return 'i';
    default:
      return 'o';
  }
}

type Getter = (env: ExtractEnv, ctx: EventContext, t: ThreadInfo, f: FdInfo | undefined) => FieldValue | undefined;

function fdField(get: Getter): ExtractorFactory {
  return (env) =>
    asExtractor((ctx: EventContext) => {
      if (!isFdEvent(ctx)) return undefined;
      const t = ctx.thread as ThreadInfo;
      return get(env, ctx, t, recordOf(env, ctx, t));
    });
}

/** A field that needs a record. */
function rec(get: (env: ExtractEnv, f: FdInfo, t: ThreadInfo, ctx: EventContext) => FieldValue | undefined): ExtractorFactory {
  return fdField((env, ctx, t, f) => (f ? get(env, f, t, ctx) : undefined));
}

function fdName(env: ExtractEnv, ctx: EventContext, f: FdInfo | undefined): string | undefined {
  if (!f) return nameFromCreator(env, ctx);
  if (env.legacy && ctx.event.info.enumName === 'PPME_SOCKET_CONNECT_X' && (ctx.event.paramInt(0) ?? 0) < 0) return nameFromCreator(env, ctx);
  return f.name;
}

/** Local/remote selection of a tuple: the s-side is local when its address is local. */
function localRemote(env: ExtractEnv, f: FdInfo, t: ThreadInfo, local: boolean, port: boolean): FieldValue | undefined {
  if (!isTuple(f) || f.role === ROLE.NONE) return undefined;
  const sLocal = isLocal(env, t, f, sip(f));
  const useS = sLocal === local;
  if (port) return useS ? f.sport : f.dport;
  return useS ? sip(f) : dip(f);
}

const F: Record<string, ExtractorFactory> = {
  'fd.num': fdField((_e, _c, t) => t.lastEventFd),
  'fd.type': rec((_e, f) => fdTypeString(f.type)),
  'fd.typechar': fdField((env, ctx, _t, f) => (f ? fdTypeChar(f.type) : fdTypeCharNoRecord(ctx.event, env.legacy))),
  'fd.name': fdField((env, ctx, _t, f) => fdName(env, ctx, f)),
  'fd.directory': fdField((env, ctx, _t, f) => {
    if (!f) {
      const n = nameFromCreator(env, ctx);
      return n === undefined ? undefined : dirOfName(n);
    }
    if (f.type === FD_TYPE.DIRECTORY) return f.name;
    if (!f.isFile) return undefined;
    return dirOfName(f.name);
  }),
  'fd.filename': rec((_e, f) => (f.isFile ? filenameOf(f.name) : undefined)),
  'fd.ip': fdField((_e, _c, _t, f) => {
    if (!f) return undefined;
    if (isTuple(f)) return [sip(f), dip(f)];
    if (f.isServer) return [sip(f)];
    return [];
  }),
  'fd.port': fdField((_e, _c, _t, f) => {
    if (!f) return undefined;
    if (isTuple(f)) return [f.sport, f.dport];
    if (f.isServer) return [f.sport];
    return [];
  }),
  'fd.proto': fdField((_e, _c, _t, f) => {
    if (!f) return undefined;
    if (isTuple(f)) return [f.sport, f.dport];
    if (f.isServer) return [f.sport];
    return [];
  }),
  'fd.net': fdField((_e, _c, _t, f) => {
    if (!f) return undefined;
    if (isTuple(f)) return [sip(f), dip(f)];
    if (f.isServer) return [sip(f)];
    return [];
  }),
  'fd.cip': rec((_e, f) => (isTuple(f) && f.role !== ROLE.NONE ? sip(f) : undefined)),
  'fd.cnet': rec((_e, f) => (isTuple(f) && f.role !== ROLE.NONE ? sip(f) : undefined)),
  'fd.sip': rec((_e, f) => serverIp(f)),
  'fd.snet': rec((_e, f) => serverIp(f)),
  'fd.lip': rec((env, f, t) => localRemote(env, f, t, true, false)),
  'fd.rip': rec((env, f, t) => localRemote(env, f, t, false, false)),
  'fd.lnet': rec((env, f, t) => localRemote(env, f, t, true, false)),
  'fd.rnet': rec((env, f, t) => localRemote(env, f, t, false, false)),
  'fd.cport': rec((env, f) => {
    if (f.role === ROLE.NONE) return undefined;
    if (isTuple(f)) return f.sport;
    // 2022 libsinsp falls through into the text form of fd.cproto: an empty (0) port.
    return env.legacy ? 0 : undefined;
  }),
  'fd.sport': rec((_e, f) => (isTuple(f) ? (f.role !== ROLE.NONE ? f.dport : undefined) : f.isServer ? f.sport : undefined)),
  'fd.lport': rec((env, f, t) => localRemote(env, f, t, true, true)),
  'fd.rport': rec((env, f, t) => localRemote(env, f, t, false, true)),
  'fd.cproto': rec((_e, f) => (isTuple(f) && f.role !== ROLE.NONE ? String(f.sport) : f.role !== ROLE.NONE ? '' : undefined)),
  'fd.sproto': rec((_e, f) => (isTuple(f) ? (f.role !== ROLE.NONE ? String(f.dport) : undefined) : f.isServer ? '' : undefined)),
  'fd.lproto': rec((env, f, t) => {
    const p = localRemote(env, f, t, true, true);
    return p === undefined ? undefined : String(p);
  }),
  'fd.rproto': rec((env, f, t) => {
    const p = localRemote(env, f, t, false, true);
    return p === undefined ? undefined : String(p);
  }),
  'fd.l4proto': rec((_e, f) => l4Name(l4Of(f)) ?? '<NA>'),
  'fd.sockfamily': rec((_e, f) => (f.isInet ? 'ip' : f.type === FD_TYPE.UNIX_SOCK ? 'unix' : undefined)),
  'fd.is_server': rec((env, f, t) => {
    if (f.isServer) return true;
    if (isTuple(f)) return isLocal(env, t, f, dip(f));
    return false;
  }),
  'fd.uid': () =>
    asExtractor((ctx: EventContext) => {
      if (!isFdEvent(ctx)) return undefined;
      const t = ctx.thread as ThreadInfo;
      return `${t.tid}${t.lastEventFd}`;
    }),
  'fd.containername': fdField((env, ctx, t, f) => {
    const n = fdName(env, ctx, f);
    return n === undefined ? undefined : `${t.containerId}:${n}`;
  }),
  'fd.containerdirectory': fdField((env, ctx, t, f) => {
    let d: string | undefined;
    if (!f) {
      const n = nameFromCreator(env, ctx);
      d = n === undefined ? undefined : dirOfName(n);
    } else if (f.type === FD_TYPE.DIRECTORY) d = f.name;
    else if (f.isFile) d = dirOfName(f.name);
    return d === undefined ? undefined : `${t.containerId}:${d}`;
  }),
  'fd.connected': rec((_e, f) => (f.flags & FDF.CONNECTED) !== 0),
  'fd.name_changed': rec((_e, f, _t, ctx) => ctx.fd === f && f.name !== f.oldName),
  'fd.cip.name': rec(() => undefined),
  'fd.sip.name': rec(() => undefined),
  'fd.lip.name': rec(() => undefined),
  'fd.rip.name': rec(() => undefined),
  'fd.dev': rec((_e, f) => f.dev | 0),
  'fd.dev.major': rec((_e, f) => (f.dev & 0xfff00) >>> 8),
  'fd.dev.minor': rec((_e, f) => (f.dev & 0xff) | ((f.dev >>> 12) & 0xfff00)),
  'fd.ino': rec((env, f) => (env.legacy ? undefined : f.ino)),
  'fd.nameraw': rec((env, f) => (env.legacy ? undefined : f.nameRaw.replace(/\/+/g, '/'))),
  'fd.types': (env, fd) => {
    const idx = fd.arg?.index;
    return asExtractor((ctx: EventContext) => {
      if (env.legacy) return undefined;
      const t = ctx.thread;
      if (!t) return undefined;
      if (idx !== undefined) {
        const f = env.state.peekFd(t, idx);
        return f ? [fdTypeString(f.type)] : undefined;
      }
      const table = env.state.fdTable(t);
      if (!table) return undefined;
      const seen = new Set<string>();
      for (const f of table.values()) seen.add(fdTypeString(f.type));
      return [...seen];
    });
  },
  'fd.is_upper_layer': rec((env, f) => (env.legacy ? undefined : (f.flags & FDF.UPPER_LAYER) !== 0)),
  'fd.is_lower_layer': rec((env, f) => (env.legacy ? undefined : (f.flags & FDF.LOWER_LAYER) !== 0)),
};

export const FD_EXTRACTORS: Readonly<Record<string, ExtractorFactory>> = F;
