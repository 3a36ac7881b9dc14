// Extractors of the `evt.*` fields (docs/sinsp-semantics.md#evt-fields).
import { EC, EF, errnoName, PT, paramDisplay, renderArgs, renderParam, splitNanos, u64BigInt, type EventSchema, type RenderOptions, type ScapEvent } from '../../../scap/index.js';
import type { EventContext } from '../../state/context.js';
import { FD_TYPE } from '../../../scap/index.js';
import { tsDiff } from '../../state/parsers.js';
import { pluginEventText } from '../../plugins/index.js';
import { clockParts } from '../format.js';
import { L22_SYSCALL_CATEGORY } from './syscall-categories.js';
import type { ResolvedField } from '../registry.js';
import type { FieldValue } from '../types.js';
import { asExtractor, type CtxExtractor, type ExtractEnv, type ExtractorFactory } from './env.js';

/** Wall-clock parts of a timestamp at a UTC offset (seconds). */
function clock(e: ScapEvent, zone: number): { date: string; time: string; ns: string } {
  const { sec, nsec } = splitNanos(e.tsHi, e.tsLo);
  return clockParts(sec, nsec, zone);
}

/** A u64 timestamp as a number when exact, else a bigint. */
export function tsValue(hi: number, lo: number): number | bigint {
  return hi < 0x200000 ? hi * 4294967296 + lo : u64BigInt(hi, lo);
}

function renderOpts(env: ExtractEnv): RenderOptions {
  return { resolver: env.resolver, maxBufLen: env.maxBufLen, legacy: env.legacy, ...(env.bufferDisplay ? { buffer: env.bufferDisplay } : {}) };
}

/**
 * paramDisplay of a flags parameter (`O_RDONLY|O_CLOEXEC`), remembered: the text is a function of the schema,
 * the event type, the parameter and its value alone, and the same few values come back event after event.
 * Undefined for any other parameter (the caller renders it).
 */
class FlagsTextMemo {
  static readonly MAX = 4096;
  #schema: EventSchema | undefined;
  readonly #texts = new Map<number, string>();

  text(e: ScapEvent, i: number, opts: RenderOptions): string | undefined {
    const type = e.paramType(i);
    const len = e.paramLength(i);
    if (len === 0 || type < PT.FLAGS8 || type > PT.FLAGS32 || i >= 32 || e.type >= 0x10000) return undefined;
    // The value paramDisplay reads: the low 32, 16 or 8 bits, little-endian.
    const b = e.buf;
    const o = e.paramOffset(i);
    const v = len >= 4 ? ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16) | ((b[o + 3] as number) << 24)) >>> 0 : len >= 2 ? (b[o] as number) | ((b[o + 1] as number) << 8) : (b[o] as number);
    if (e.schema !== this.#schema) {
      this.#schema = e.schema;
      this.#texts.clear();
    }
    const key = (e.type * 32 + i) * 4294967296 + v;
    let text = this.#texts.get(key);
    if (text === undefined) {
      text = paramDisplay(e, i, opts);
      if (this.#texts.size < FlagsTextMemo.MAX) this.#texts.set(key, text);
    }
    return text;
  }
}

/**
 * evt.res of a failed syscall (current libsinsp): renderParam's resolution of parameter 0, or its value, without
 * building the rendered parameter for the common 8-byte errno and fd returns.
 */
function failureText(e: ScapEvent, v: number, opts: RenderOptions): string {
  const type = e.paramType(0);
  if (e.paramLength(0) === 8 && (type === PT.ERRNO || type === PT.FD)) {
    if (type === PT.FD) {
      if (!opts.resolver?.threadKnown?.(e)) return String(v);
      if (v === -100) return 'AT_FDCWD';
    }
    return errnoName(-(v | 0)) || String(v);
  }
  const p = renderParam(e, 0, opts);
  return p.resolved || p.value;
}

/** The parameter used as return value by evt.res/rawres/failed: L22 by name (`res`, or `fd` of fd-creating exits). */
function resIndexL22(e: ScapEvent): number {
  const ps = e.info.params;
  for (let i = 0; i < ps.length && i < e.nparams; i++) if ((ps[i] as { name: string }).name === 'res') return i;
  if (e.info.flags & EF.CREATES_FD && e.type & 1) {
    for (let i = 0; i < ps.length && i < e.nparams; i++) if ((ps[i] as { name: string }).name === 'fd') return i;
  }
  return -1;
}

/** Current libs: syscall exit events with at least one parameter (generic exits excepted) have a return value. */
function hasReturnValue(e: ScapEvent): boolean {
  return e.type !== 1 && (e.info.category & EC.SYSCALL) !== 0 && (e.type & 1) === 1 && e.nparams > 0;
}

function resIndex(env: ExtractEnv, e: ScapEvent): number {
  if (env.legacy) return resIndexL22(e);
  return hasReturnValue(e) ? 0 : -1;
}

/** A typed raw parameter value (evt.rawarg). */
function rawParam(e: ScapEvent, i: number): FieldValue | undefined {
  if (i < 0 || i >= e.nparams || e.paramIsEmpty(i)) return undefined;
  let t = e.paramType(i);
  if (t === PT.DYN) t = e.paramDyn(i)?.type ?? PT.NONE;
  switch (t) {
    case PT.CHARBUF:
    case PT.FSPATH:
    case PT.FSRELPATH:
      return e.paramString(i) ?? '';
    case PT.BYTEBUF:
      return e.paramBytes(i);
    case PT.IPV4ADDR: {
      const b = e.paramBytes(i);
      return b && b.length >= 4 ? ((b[0] as number) * 16777216 + ((b[1] as number) << 16) + ((b[2] as number) << 8) + (b[3] as number)) : undefined;
    }
    default: {
      if (e.paramLength(i) === 8) {
        const v = e.paramBigInt(i) as bigint;
        return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
      }
      return e.paramInt(i);
    }
  }
}

/** Parameter index for an `evt.arg`/`evt.rawarg` argument, or -1. */
function argIndex(e: ScapEvent, key: string | undefined, index: number | undefined): number {
  if (key !== undefined) return e.paramIndex(key);
  return index ?? -1;
}

const CATEGORY_NAMES: Record<number, string> = {
  0: 'unknown', 1: 'other', 2: 'file', 3: 'net', 4: 'IPC', 5: 'memory', 6: 'process', 7: 'sleep', 8: 'system', 9: 'signal', 10: 'user',
  11: 'time', 12: 'processing', 64: 'wait', 128: 'scheduler',
}; // prettier-ignore

function categoryName(env: ExtractEnv, ctx: EventContext): string {
  const e = ctx.event;
  let cat = e.info.category;
  if (e.type === 0 || e.type === 1) {
    if (!env.legacy) cat = EC.OTHER;
    else {
      // 2022: the category of the syscall itself; I/O syscalls have no fd subcategory here.
      cat = L22_SYSCALL_CATEGORY.get(e.typeName) ?? EC.OTHER;
      const b = cat & 0x3f;
      if (b === EC.IO_READ || b === EC.IO_WRITE || b === EC.IO_OTHER) return 'unknown';
    }
  }
  const base = cat & 0x3f;
  if (base === EC.IO_READ || base === EC.IO_WRITE || base === EC.IO_OTHER) {
    const f = ctx.fd;
    if (!f) return 'unknown';
    switch (f.type) {
      case FD_TYPE.FILE:
      case FD_TYPE.FILE_V2:
      case FD_TYPE.DIRECTORY:
        return 'file';
      case FD_TYPE.IPV4_SOCK:
      case FD_TYPE.IPV6_SOCK:
      case FD_TYPE.IPV4_SERVSOCK:
      case FD_TYPE.IPV6_SERVSOCK:
        return 'net';
      case FD_TYPE.FIFO:
      case FD_TYPE.UNIX_SOCK:
      case FD_TYPE.EVENT:
      case FD_TYPE.SIGNALFD:
      case FD_TYPE.INOTIFY:
        return 'ipc';
      default:
        return 'unknown';
    }
  }
  if (!env.legacy) {
    if (cat & EC.INTERNAL && base === 0) return 'internal';
    if (cat & EC.METAEVENT && base === 0) return 'meta';
    if (cat & EC.PLUGIN && base === 0) return 'plugin';
  }
  if (cat & EC.WAIT && base === 0) return 'wait';
  if (cat & EC.SCHEDULER && base === 0) return 'scheduler';
  return CATEGORY_NAMES[base] ?? 'unknown';
}

function errorCount(env: ExtractEnv, e: ScapEvent): number | undefined {
  const i = resIndex(env, e);
  if (env.legacy) {
    if (i < 0) return undefined;
    return (e.paramInt(i) ?? 0) < 0 ? 1 : undefined;
  }
  if (i < 0) return undefined;
  return (e.paramInt(0) ?? 0) < 0 ? 1 : 0;
}

const OPEN_EXITS_L22 = new Set(['PPME_SYSCALL_OPEN_X', 'PPME_SYSCALL_CREAT_X', 'PPME_SYSCALL_OPENAT_X', 'PPME_SYSCALL_OPENAT_2_X', 'PPME_SYSCALL_OPENAT2_X']);
const NET_EXITS = new Set(['PPME_SOCKET_ACCEPT_X', 'PPME_SOCKET_ACCEPT_5_X', 'PPME_SOCKET_ACCEPT4_X', 'PPME_SOCKET_ACCEPT4_5_X', 'PPME_SOCKET_ACCEPT4_6_X', 'PPME_SOCKET_CONNECT_X']); // prettier-ignore
const isFileFd = (t: number): boolean => t === FD_TYPE.FILE || t === FD_TYPE.FILE_V2 || t === FD_TYPE.DIRECTORY;
const isNetFd = (t: number): boolean => t === FD_TYPE.IPV4_SOCK || t === FD_TYPE.IPV6_SOCK || t === FD_TYPE.IPV4_SERVSOCK || t === FD_TYPE.IPV6_SERVSOCK || t === FD_TYPE.UNIX_SOCK; // prettier-ignore

/** Latency of the current event (2022: exit ts − enter ts; current libs: always 0). */
function latency(env: ExtractEnv, ctx: EventContext): number | undefined {
  if (!env.legacy) return 0;
  const t = ctx.attached;
  if (!t) return 0;
  if (ctx.event.info.category & EC.INTERNAL) return undefined;
  return t.latency;
}

const p2 = (n: number): string => String(n).padStart(2, '0');

/** libsinsp's readable durations (`format_time`): 1.32us, 56us, 3.05ms, 12ms, 1.20s, 2:05, 01:02:03. */
function humanTime(ns: number): string {
  const S = 1e9;
  const f = Math.floor;
  if (ns >= 3600 * S) return `${p2(f(ns / (3600 * S)))}:${p2(f(ns / (60 * S)) % 60)}:${p2(f(ns / S) % 60)}`;
  if (ns >= 60 * S) return `${f(ns / (60 * S))}:${f(ns / S) % 60}`;
  if (ns >= S) return `${f(ns / S)}.${p2(f((ns % S) / 10_000_000))}s`;
  if (ns >= S / 100) return `${f(ns / 1e6)}ms`;
  if (ns >= S / 1000) return `${f(ns / 1e6)}.${p2(f((ns % 1e6) / 10_000))}ms`;
  if (ns >= S / 100000) return `${f(ns / 1e3)}us`;
  if (ns >= S / 1000000) return `${f(ns / 1e3)}.${p2(f((ns % 1e3) / 10))}us`;
  return `${ns}ns`;
}

/** `evt.abspath`: dirfd + relative path of the *at syscalls (`which`: 0 plain, 1 .src, 2 .dst). */
function abspath(env: ExtractEnv, ctx: EventContext, which: 0 | 1 | 2): string | undefined {
  const e = ctx.event;
  const t = ctx.attached;
  if (!t) return undefined;
  const en = e.info.enumName.replace(/^PPME_SYSCALL_/, '');
  const legacy = env.legacy;
  let names: [string, string] | undefined;
  const second = which === 2;
  switch (en) {
    case 'RENAMEAT_X':
    case 'RENAMEAT2_X':
      names = second ? ['newdirfd', 'newpath'] : ['olddirfd', 'oldpath'];
      break;
    case 'SYMLINKAT_X':
      names = ['linkdirfd', 'linkpath'];
      break;
    case 'OPENAT_E':
      if (legacy) names = ['dirfd', 'name'];
      break;
    case 'OPENAT_2_X':
    case 'OPENAT2_X':
      names = ['dirfd', 'name'];
      break;
    case 'LINKAT_E':
    case 'LINKAT_2_X':
      if (legacy || en === 'LINKAT_2_X') names = second ? ['newdir', 'newpath'] : ['olddir', 'oldpath'];
      break;
    case 'UNLINKAT_E':
    case 'UNLINKAT_2_X':
      if (legacy || en === 'UNLINKAT_2_X') names = ['dirfd', 'name'];
      break;
    case 'MKDIRAT_X':
      names = ['dirfd', 'path'];
      break;
    case 'FCHMODAT_X':
      names = ['dirfd', 'filename'];
      break;
    case 'FCHOWNAT_X':
      if (!legacy) names = ['dirfd', 'pathname'];
      break;
    case 'OPEN_BY_HANDLE_AT_X':
      if (!legacy) names = ['mountfd', 'path'];
      break;
  }
  if (!names) return undefined;
  const di = e.paramIndex(names[0]);
  const pi = e.paramIndex(names[1]);
  if (di < 0 || pi < 0 || di >= e.nparams || pi >= e.nparams) return undefined;
  const path = e.paramString(pi) ?? '';
  const dirfd = e.paramInt(di) ?? 0;
  const st = env.state;
  let dir: string;
  if (path.startsWith('/')) dir = '.';
  else if (dirfd === -100) dir = st.cwd(t);
  else {
    const f = st.peekFd(t, dirfd);
    dir = !f ? '<UNKNOWN>/' : legacy || !f.name.endsWith('/') ? f.name + '/' : f.name;
  }
  return st.concat(dir, path);
}

/** evt.args: every parameter as `name=value ` (current libsinsp drops the trailing space). */
const argsText: ExtractorFactory = (env) => {
  const opts = renderOpts(env);
  return (ctx) => {
    const text = renderArgsAll((ctx as EventContext).event, opts);
    return env.legacy ? text : text.endsWith(' ') ? text.slice(0, -1) : text;
  };
};

const F: Record<string, ExtractorFactory> = {
  'evt.num': () => (ctx) => (ctx as EventContext).event.num,
  'evt.time': (env) => (ctx) => {
    const c = clock((ctx as EventContext).event, env.zoneSeconds);
    return `${c.time}.${c.ns}`;
  },
  'evt.time.s': (env) => (ctx) => clock((ctx as EventContext).event, env.zoneSeconds).time,
  'evt.time.iso8601': () => (ctx) => {
    const c = clock((ctx as EventContext).event, 0);
    return `${c.date}T${c.time}.${c.ns}+0000`;
  },
  'evt.datetime': (env) => (ctx) => {
    const c = clock((ctx as EventContext).event, env.zoneSeconds);
    return `${c.date} ${c.time}.${c.ns}`;
  },
  'evt.datetime.s': (env) => (ctx) => {
    const c = clock((ctx as EventContext).event, env.zoneSeconds);
    return `${c.date} ${c.time}`;
  },
  'evt.outputtime': (env) => (ctx) => {
    const c = clock((ctx as EventContext).event, env.zoneSeconds);
    return `${c.time}.${c.ns}`;
  },
  'evt.rawtime': () => (ctx) => tsValue((ctx as EventContext).event.tsHi, (ctx as EventContext).event.tsLo),
  'evt.rawtime.s': () => (ctx) => splitNanos((ctx as EventContext).event.tsHi, (ctx as EventContext).event.tsLo).sec,
  'evt.rawtime.ns': () => (ctx) => splitNanos((ctx as EventContext).event.tsHi, (ctx as EventContext).event.tsLo).nsec,
  'evt.reltime': (env) => (ctx) => {
    const e = (ctx as EventContext).event;
    return env.firstTsHi < 0 ? 0 : tsDiff(e.tsHi, e.tsLo, env.firstTsHi, env.firstTsLo);
  },
  'evt.reltime.s': (env) => (ctx) => {
    const e = (ctx as EventContext).event;
    return env.firstTsHi < 0 ? 0 : Math.floor(tsDiff(e.tsHi, e.tsLo, env.firstTsHi, env.firstTsLo) / 1e9);
  },
  'evt.reltime.ns': (env) => (ctx) => {
    const e = (ctx as EventContext).event;
    return env.firstTsHi < 0 ? 0 : tsDiff(e.tsHi, e.tsLo, env.firstTsHi, env.firstTsLo) % 1e9;
  },
  // libsinsp: the plugin of a plugin event (322 only, not async events) and its event-to-string rendering.
  'evt.pluginname': (env) => (ctx) => {
    const c = ctx as EventContext;
    const r = c.route;
    return !env.legacy && c.event.type === 322 && r?.kind === 'source' ? r.plugin : undefined;
  },
  'evt.plugininfo': (env) => (ctx) => {
    const c = ctx as EventContext;
    const r = c.route;
    const e = c.event;
    if (env.legacy || e.type !== 322 || r?.kind !== 'source') return undefined;
    const bytes = e.pluginPayload();
    if (bytes === undefined) return undefined;
    const p = env.pluginPayloads.get(c.epoch, bytes, e.ts);
    let text = pluginEventText(r.plugin, p);
    for (const x of env.pluginExtractors) text ??= x.eventText?.(r.plugin, p);
    return text;
  },
  // The source a plugin ID routes to (none for an unknown ID), `syscall` for every other event.
  'evt.source': (env) => (ctx) => {
    if (env.legacy) return undefined;
    const r = (ctx as EventContext).route;
    if (r === undefined) return 'syscall';
    return r.kind === 'source' ? r.source : undefined;
  },
  'evt.is_async': (env) => (ctx) => (env.legacy ? undefined : ((ctx as EventContext).event.info.category & EC.METAEVENT) !== 0),
  'evt.asynctype': (env) => (ctx) => {
    if (env.legacy) return undefined;
    const e = (ctx as EventContext).event;
    if (!(e.info.category & EC.METAEVENT)) return undefined;
    return e.type === 402 ? e.asyncName() : e.name;
  },
  'evt.hostname': (env) => () => (env.legacy ? undefined : (env.state.hostname ?? env.hostname)),
  'evt.latency': (env) => (ctx) => latency(env, ctx as EventContext),
  'evt.latency.s': (env) => (ctx) => {
    const l = latency(env, ctx as EventContext);
    return l === undefined ? undefined : Math.floor(l / 1e9);
  },
  'evt.latency.ns': (env) => (ctx) => {
    const l = latency(env, ctx as EventContext);
    return l === undefined ? undefined : l % 1e9;
  },
  'evt.latency.quantized': (env) => (ctx) => {
    const l = latency(env, ctx as EventContext);
    if (l === undefined || l === 0) return undefined;
    return Math.min(11, Math.floor(Math.log10(l)));
  },
  'evt.latency.human': (env) => {
    // 2022 libsinsp leaves the previous text in place for events without a thread.
    let last = '';
    return (ctx) => {
      const c = ctx as EventContext;
      if (env.legacy && !c.attached) return last;
      const l = latency(env, c);
      if (l === undefined) return undefined;
      last = humanTime(l);
      return last;
    };
  },
  'evt.deltatime': () => asExtractor(deltaTime(0)),
  'evt.deltatime.s': () => asExtractor(deltaTime(1)),
  'evt.deltatime.ns': () => asExtractor(deltaTime(2)),
  'evt.dir': () => (ctx) => (ctx as EventContext).event.dir,
  'evt.type': () => (ctx) => {
    const e = (ctx as EventContext).event;
    return e.type === 402 ? (e.asyncName() ?? e.typeName) : e.typeName;
  },
  'evt.type.is': (_env, f) => {
    const key = f.arg?.key;
    const code = f.arg?.index ?? -1;
    return (ctx) => {
      const e = (ctx as EventContext).event;
      if (key !== undefined) return e.name === key ? 1 : 0;
      return e.type === code || e.type === code + 1 ? 1 : 0;
    };
  },
  'syscall.type': (env) => (ctx) => {
    const e = (ctx as EventContext).event;
    if (env.legacy) {
      if (e.info.flags & EF.SKIPPARSERESET || e.info.enumName.startsWith('PPME_SCHEDSWITCH')) return undefined;
    } else if (!(e.info.category & EC.SYSCALL)) return undefined;
    return e.typeName;
  },
  'evt.category': (env) => (ctx) => categoryName(env, ctx as EventContext),
  'evt.cpu': () => (ctx) => (ctx as EventContext).event.cpu,
  'evt.args': argsText,
  // The same text as evt.args (the field catalogue says so).
  'evt.info': argsText,
  'evt.arg': (env, f) => {
    const opts = renderOpts(env);
    const key = f.arg?.key;
    const index = f.arg?.index;
    const flags = new FlagsTextMemo();
    return (ctx) => {
      const e = (ctx as EventContext).event;
      const i = argIndex(e, key, index);
      if (i < 0 || i >= e.nparams || i >= e.tableParamCount) return undefined;
      return flags.text(e, i, opts) ?? paramDisplay(e, i, opts);
    };
  },
  'evt.rawarg': (_env, f) => {
    const key = f.arg?.key;
    return (ctx) => {
      const e = (ctx as EventContext).event;
      return rawParam(e, argIndex(e, key, undefined));
    };
  },
  'evt.buffer': (env) => {
    return (ctx) => {
      const e = (ctx as EventContext).event;
      const i = e.paramIndex('data');
      if (i < 0 || i >= e.nparams) return undefined;
      void env;
      return e.paramBytes(i);
    };
  },
  'evt.buflen': (env) => (ctx) => buflen(env, ctx as EventContext, () => true),
  'evt.res': (env) => {
    const opts = renderOpts(env);
    return (ctx) => {
      const e = (ctx as EventContext).event;
      const i = resIndex(env, e);
      if (i < 0) return undefined;
      const v = e.paramInt(i);
      if (v === undefined) return env.legacy ? undefined : '<NA>';
      if (v >= 0) return 'SUCCESS';
      if (env.legacy) return errnoName(-(v | 0)) ?? String(v);
      return failureText(e, v, opts);
    };
  },
  'evt.rawres': (env) => (ctx) => {
    const e = (ctx as EventContext).event;
    const i = resIndex(env, e);
    if (i < 0) return undefined;
    return e.paramInt(i);
  },
  'evt.failed': (env) => (ctx) => {
    const e = (ctx as EventContext).event;
    const i = resIndex(env, e);
    if (i < 0) return env.legacy ? false : undefined;
    return (e.paramInt(i) ?? 0) < 0;
  },
  'evt.is_io': () => (ctx) => ((ctx as EventContext).event.info.flags & (EF.READS_FROM_FD | EF.WRITES_TO_FD)) !== 0,
  'evt.is_io_read': () => (ctx) => ((ctx as EventContext).event.info.flags & EF.READS_FROM_FD) !== 0,
  'evt.is_io_write': () => (ctx) => ((ctx as EventContext).event.info.flags & EF.WRITES_TO_FD) !== 0,
  'evt.io_dir': () => (ctx) => {
    const fl = (ctx as EventContext).event.info.flags;
    return fl & EF.WRITES_TO_FD ? 'write' : fl & EF.READS_FROM_FD ? 'read' : undefined;
  },
  'evt.is_wait': () => (ctx) => ((ctx as EventContext).event.info.flags & EF.WAITS) !== 0,
  'evt.wait_latency': (env) => (ctx) => {
    const c = ctx as EventContext;
    const e = c.event;
    if (!(e.info.flags & EF.WAITS) || !(e.type & 1)) return undefined;
    return env.legacy ? (c.thread?.latency ?? 0) : 0;
  },
  'evt.is_syslog': () => (ctx) => {
    const c = ctx as EventContext;
    return (c.event.info.flags & EF.WRITES_TO_FD) !== 0 && c.fd !== undefined && c.fd.name.includes('/dev/log');
  },
  'evt.count': () => () => 1,
  'evt.count.error': (env) => (ctx) => errorCount(env, (ctx as EventContext).event),
  'evt.count.error.file': (env) => (ctx) => {
    const c = ctx as EventContext;
    if (c.fd) return isFileFd(c.fd.type) ? errorCount(env, c.event) : undefined;
    const en = c.event.info.enumName;
    return OPEN_EXITS_L22.has(en) || en === 'PPME_SYSCALL_OPEN_BY_HANDLE_AT_X' ? errorCount(env, c.event) : undefined;
  },
  'evt.count.error.net': (env) => (ctx) => {
    const c = ctx as EventContext;
    if (c.fd) return isNetFd(c.fd.type) ? errorCount(env, c.event) : undefined;
    return NET_EXITS.has(c.event.info.enumName) ? errorCount(env, c.event) : undefined;
  },
  'evt.count.error.memory': (env) => (ctx) => {
    const c = ctx as EventContext;
    return (c.event.info.category & 0x3f) === EC.MEMORY ? errorCount(env, c.event) : undefined;
  },
  'evt.count.error.other': (env) => (ctx) => {
    const c = ctx as EventContext;
    if (c.fd) return !(isFileFd(c.fd.type) || isNetFd(c.fd.type)) ? errorCount(env, c.event) : undefined;
    const en = c.event.info.enumName;
    return !(OPEN_EXITS_L22.has(en) || NET_EXITS.has(en) || (c.event.info.category & 0x3f) === EC.MEMORY) ? errorCount(env, c.event) : undefined;
  },
  'evt.count.exit': () => (ctx) => ((ctx as EventContext).event.type & 1 ? 1 : undefined),
  'evt.count.procinfo': (env) => (ctx) => {
    const c = ctx as EventContext;
    if (c.event.name !== 'procinfo' || !c.thread) return undefined;
    return c.thread.isMain ? 1 : undefined;
    void env;
  },
  'evt.count.threadinfo': () => (ctx) => ((ctx as EventContext).event.name === 'procinfo' ? 1 : undefined),
  'evt.around': () => undefined,
  'evt.abspath': (env, f) => {
    const which = (f.arg?.index ?? 0) as 0 | 1 | 2;
    return (ctx) => abspath(env, ctx as EventContext, which);
  },
  'evt.buflen.in': (env) => (ctx) => buflen(env, ctx as EventContext, (c) => (c.event.info.category & 0x3f) === EC.IO_READ),
  'evt.buflen.out': (env) => (ctx) => buflen(env, ctx as EventContext, (c) => (c.event.info.category & 0x3f) === EC.IO_WRITE),
  'evt.buflen.file': (env) => (ctx) => buflen(env, ctx as EventContext, (c) => c.fd !== undefined && (c.fd.type === FD_TYPE.FILE || c.fd.type === FD_TYPE.FILE_V2)),
  'evt.buflen.file.in': (env) => (ctx) => buflen(env, ctx as EventContext, (c) => (c.event.info.category & 0x3f) === EC.IO_READ && c.fd !== undefined && (c.fd.type === FD_TYPE.FILE || c.fd.type === FD_TYPE.FILE_V2)), // prettier-ignore
  'evt.buflen.file.out': (env) => (ctx) => buflen(env, ctx as EventContext, (c) => (c.event.info.category & 0x3f) === EC.IO_WRITE && c.fd !== undefined && (c.fd.type === FD_TYPE.FILE || c.fd.type === FD_TYPE.FILE_V2)), // prettier-ignore
  'evt.buflen.net': (env) => (ctx) => buflen(env, ctx as EventContext, (c) => c.fd !== undefined && c.fd.type >= FD_TYPE.IPV4_SOCK && c.fd.type <= FD_TYPE.IPV6_SERVSOCK),
  'evt.buflen.net.in': (env) => (ctx) => buflen(env, ctx as EventContext, (c) => (c.event.info.category & 0x3f) === EC.IO_READ && c.fd !== undefined && c.fd.type >= FD_TYPE.IPV4_SOCK && c.fd.type <= FD_TYPE.IPV6_SERVSOCK), // prettier-ignore
  'evt.buflen.net.out': (env) => (ctx) => buflen(env, ctx as EventContext, (c) => (c.event.info.category & 0x3f) === EC.IO_WRITE && c.fd !== undefined && c.fd.type >= FD_TYPE.IPV4_SOCK && c.fd.type <= FD_TYPE.IPV6_SERVSOCK), // prettier-ignore
  'evt.is_open_read': (env) => (ctx) => isOpen(env, ctx as EventContext, 'read'),
  'evt.is_open_write': (env) => (ctx) => isOpen(env, ctx as EventContext, 'write'),
  'evt.is_open_exec': (env) => (ctx) => isOpen(env, ctx as EventContext, 'exec'),
  'evt.is_open_create': (env) => (ctx) => (env.legacy ? undefined : isOpen(env, ctx as EventContext, 'create')),
  'evt.infra.docker.name': () => () => undefined,
  'evt.infra.docker.container.id': () => () => undefined,
  'evt.infra.docker.container.name': () => () => undefined,
  'evt.infra.docker.container.image': () => () => undefined,
};

/** evt.args over every parameter the event carries (sysdig renders all of them). */
function renderArgsAll(e: ScapEvent, opts: RenderOptions): string {
  return renderArgs(e, opts);
}

function buflen(env: ExtractEnv, c: EventContext, ok: (c: EventContext) => boolean): number | undefined {
  const e = c.event;
  if (!c.fd || !(e.info.category & 32) || !(e.type & 1) || !ok(c)) return undefined;
  const i = resIndex(env, e);
  const v = i < 0 ? undefined : e.paramInt(i);
  return v !== undefined && v >= 0 ? v : undefined;
}

const S_IX = 0o100 | 0o10 | 0o1;
const O_RDONLY = 1;
const O_WRONLY = 2;
const O_CREAT = 4;
const O_TMPFILE = 0x2000;
const O_F_CREATED = 0x4000;

function isOpen(env: ExtractEnv, c: EventContext, what: 'read' | 'write' | 'exec' | 'create'): boolean {
  const e = c.event;
  const en = e.info.enumName;
  const open = env.legacy
    ? en === 'PPME_SYSCALL_OPEN_X' || en === 'PPME_SYSCALL_OPENAT_E' || en === 'PPME_SYSCALL_OPENAT_2_X' || en === 'PPME_SYSCALL_OPENAT2_X'
    : en === 'PPME_SYSCALL_OPEN_X' || en === 'PPME_SYSCALL_OPENAT_2_X' || en === 'PPME_SYSCALL_OPENAT2_X' || en === 'PPME_SYSCALL_OPEN_BY_HANDLE_AT_X';
  if (open) {
    const isNew = en === 'PPME_SYSCALL_OPENAT_2_X' || en === 'PPME_SYSCALL_OPENAT2_X';
    const fi = isNew ? 3 : 2;
    const flags = fi < e.nparams && !e.paramIsEmpty(fi) ? (e.paramInt(fi) ?? 0) : 0;
    switch (what) {
      case 'read':
        return (flags & O_RDONLY) !== 0;
      case 'write':
        return (flags & O_WRONLY) !== 0;
      case 'create':
        return (flags & O_F_CREATED) !== 0 || ((flags & O_TMPFILE) !== 0 && hasReturnValue(e) && (e.paramInt(0) ?? -1) >= 0);
      default: {
        if (!(flags & (O_TMPFILE | O_CREAT)) || en === 'PPME_SYSCALL_OPEN_BY_HANDLE_AT_X') return false;
        const mi = isNew ? 4 : 3;
        if (mi >= e.nparams || e.paramIsEmpty(mi)) return false;
        return ((e.paramInt(mi) ?? 0) & S_IX) !== 0;
      }
    }
  }
  if (what === 'exec' && en === 'PPME_SYSCALL_CREAT_X') return ((e.paramInt(2) ?? 0) & S_IX) !== 0;
  return false;
}

/** evt.deltatime: time since the previous event this field was extracted for (stateful, as in libsinsp). */
function deltaTime(part: 0 | 1 | 2): CtxExtractor {
  let prevHi = -1;
  let prevLo = 0;
  const f: CtxExtractor = (ctx) => {
    const e = ctx.event;
    const d = prevHi < 0 ? 0 : tsDiff(e.tsHi, e.tsLo, prevHi, prevLo);
    prevHi = e.tsHi;
    prevLo = e.tsLo;
    return part === 0 ? d : part === 1 ? Math.floor(d / 1e9) : d % 1e9;
  };
  return f;
}

export const EVT_EXTRACTORS: Readonly<Record<string, ExtractorFactory>> = Object.fromEntries(
  Object.entries(F).map(([k, fac]) => [k, (env: ExtractEnv, f: ResolvedField) => {
    const x = fac(env, f);
    return x ? asExtractor(x) : undefined;
  }]),
);
