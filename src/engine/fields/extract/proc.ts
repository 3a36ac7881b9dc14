// Extractors of the `proc.*` and `thread.*` fields (docs/sinsp-semantics.md#proc-and-thread-fields).
import type { EventContext } from '../../state/context.js';
import type { SinspState } from '../../state/sinsp.js';
import { tsDiff } from '../../state/parsers.js';
import type { ThreadInfo } from '../../state/threadinfo.js';
import { fdTypeString } from '../../state/fdinfo.js';
import type { FieldValue } from '../types.js';
import { asExtractor, th, type ExtractEnv, type ExtractorFactory } from './env.js';
import { tsValue } from './evt.js';

/** comm + " " + each arg (libsinsp `populate_cmdline`). */
export function cmdline(t: ThreadInfo): string {
  let s = t.comm;
  for (const a of t.args) s += ' ' + a;
  return s;
}

function cmdlineCached(env: ExtractEnv, t: ThreadInfo): string {
  if (env.legacy) {
    if (t.cmdlineL22 === undefined || t.cmdlineComm !== t.comm) {
      t.cmdlineL22 = cmdline(t);
      t.cmdlineComm = t.comm;
    }
    return t.cmdlineL22;
  }
  // Current libs cache the command line when args are set (stale after a later comm change).
  return (t.cmdline ??= cmdline(t));
}

const joinArgs = (t: ThreadInfo): string => (t.argsText ??= t.args.join(' '));

function envOwner(env: ExtractEnv, t: ThreadInfo): ThreadInfo | undefined {
  const m = env.state.mainThread(t);
  return m ?? (env.legacy ? t : undefined);
}

function envOf(env: ExtractEnv, t: ThreadInfo): readonly string[] {
  return envOwner(env, t)?.env ?? [];
}

function envText(env: ExtractEnv, t: ThreadInfo): string {
  const o = envOwner(env, t);
  return o ? (o.envText ??= o.env.join(' ')) : '';
}

function envValue(list: readonly string[], name: string): string {
  const prefix = name + '=';
  for (const kv of list) if (kv.startsWith(prefix)) return kv.slice(prefix.length).trim();
  return '';
}

/** The N-th ancestor process (0 = the process itself) for `aname[N]`-style fields. */
function ancestorN(env: ExtractEnv, t: ThreadInfo, n: number): ThreadInfo | undefined {
  const st = env.state;
  if (!env.legacy) return st.ancestor(t, n);
  let x: ThreadInfo | undefined = t.isMain ? t : st.mainThread(t);
  if (!x) return undefined;
  for (let i = 0; i < n; i++) {
    x = st.lookup(x.ptid);
    if (!x) return undefined;
  }
  return x;
}

/** The parent process of the proc.p* fields. */
function parentOf(env: ExtractEnv, t: ThreadInfo): ThreadInfo | undefined {
  return env.legacy ? env.state.lookup(t.ptid) : env.state.ancestor(t, 1);
}

/** Values of every ancestor (any-ancestor semantics of proc.aname etc. without index). */
function ancestors(st: SinspState, t: ThreadInfo, get: (a: ThreadInfo) => FieldValue | undefined): FieldValue[] | undefined {
  const out: FieldValue[] = [];
  let missing = false;
  st.forEachAncestor(t, (a) => {
    const v = get(a);
    if (v === undefined) {
      missing = true;
      return false;
    }
    out.push(v);
    return true;
  });
  return missing ? undefined : out;
}

/**
 * An ancestor field with `[N]`, or without index: the values of all ancestors (conditions test each; outputs
 * print them space-separated as current libs do — 2022 libsinsp printed the process's own value instead).
 */
function ancestorField(get: (env: ExtractEnv, a: ThreadInfo) => FieldValue | undefined): ExtractorFactory {
  return (env, f) => {
    const idx = f.arg?.index;
    if (idx === undefined) {
      return asExtractor((ctx: EventContext) => {
        const t = ctx.thread;
        if (!t) return undefined;
        return ancestors(env.state, t, (a) => get(env, a));
      });
    }
    return asExtractor((ctx: EventContext) => {
      const t = ctx.thread;
      if (!t) return undefined;
      const a = ancestorN(env, t, idx);
      return a ? get(env, a) : undefined;
    });
  };
}

/** proc.sname / proc.vpgid.name...: the leader of the session / process group. */
function leaderField(idOf: (t: ThreadInfo) => number, get: (t: ThreadInfo) => string, legacySid: boolean): ExtractorFactory {
  return (env) =>
    asExtractor((ctx: EventContext) => {
      const t = ctx.thread;
      if (!t) return undefined;
      const st = env.state;
      if (env.legacy && legacySid) {
        const s = st.lookup(t.sid);
        if (s) return get(s);
        let m = st.mainThread(t);
        if (!m) return undefined;
        const sid = m.sid;
        st.forEachAncestor(m, (a) => {
          if (a.sid !== sid) return false;
          m = a;
          return true;
        });
        return get(m);
      }
      const id = idOf(t);
      if (id === -1) return '';
      const inNs = (t.flags & 0x20000000) !== 0 || (t.tid !== t.vtid && t.vtid >= 0);
      if (!inNs) {
        const l = st.lookup(id);
        if (l) return get(l);
      }
      let leader: ThreadInfo | undefined;
      const threads = st.threads;
      // Current libs walk from the thread itself (not its main thread).
      let slow = threads.get(t.ptid);
      let fast = slow ? threads.get(slow.ptid) : undefined;
      while (slow && slow.tid !== -1) {
        if (idOf(slow) !== id) break;
        leader = slow;
        slow = threads.get(slow.ptid);
        let loop = false;
        for (let i = 0; i < 2; i++) {
          fast = fast ? threads.get(fast.ptid) : fast;
          if (slow && (slow === fast || slow.tid === slow.ptid)) loop = true;
        }
        if (loop) break;
      }
      return leader ? get(leader) : '';
    });
}

const CAP_NAMES = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID', 'CAP_SETUID', 'CAP_SETPCAP',
  'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN', 'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE', 'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL', 'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG',
  'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
]; // prettier-ignore

const CAPS_CACHE = new Map<bigint, string>();

function capsText(v: bigint): string {
  let s = CAPS_CACHE.get(v);
  if (s === undefined) {
    s = capsTextOf(v);
    if (CAPS_CACHE.size > 1024) CAPS_CACHE.clear();
    CAPS_CACHE.set(v, s);
  }
  return s;
}

function capsTextOf(v: bigint): string {
  const out: string[] = [];
  for (let i = 0; i < CAP_NAMES.length; i++) if ((v >> BigInt(i)) & 1n) out.push(CAP_NAMES[i] as string);
  return out.join(' ');
}

/** Normalised cgroup subsystem names (thread.cgroup.X). */
function subsysName(s: string): string {
  let n = s.endsWith('_cgroup') ? s.slice(0, -7) : s;
  if (n === 'perf') n = 'perf_event';
  else if (n === 'mem') n = 'memory';
  else if (n === 'io') n = 'blkio';
  return n;
}

function cgroupPairs(t: ThreadInfo): [string, string][] {
  return t.cgroups.map((c) => {
    const i = c.indexOf('=');
    return i < 0 ? [c, ''] : [c.slice(0, i), c.slice(i + 1)];
  });
}

const inRange = (x: number): boolean => x >= -1 && x <= 0xffffffff;

const F: Record<string, ExtractorFactory> = {
  'proc.exe': th((_e, t) => t.exe),
  'proc.pexe': th((env, t) => (env.legacy ? undefined : parentOf(env, t)?.exe)),
  'proc.aexe': ancestorField((env, a) => (env.legacy ? undefined : a.exe)),
  'proc.exepath': th((_e, t) => t.exepath),
  'proc.pexepath': th((env, t) => (env.legacy ? undefined : parentOf(env, t)?.exepath)),
  'proc.aexepath': ancestorField((env, a) => (env.legacy ? undefined : a.exepath)),
  'proc.name': th((_e, t) => t.comm),
  'proc.pname': th((env, t) => parentOf(env, t)?.comm),
  'proc.aname': ancestorField((_e, a) => a.comm),
  'proc.args': (env, f) => {
    const idx = f.arg?.index;
    return asExtractor((ctx: EventContext) => {
      const t = ctx.thread;
      if (!t) return undefined;
      if (idx !== undefined && !env.legacy) return t.args[idx] ?? '';
      return joinArgs(t);
    });
  },
  'proc.aargs': ancestorField((env, a) => (env.legacy ? undefined : joinArgs(a))),
  'proc.cmdline': th((env, t) => cmdlineCached(env, t)),
  'proc.pcmdline': th((env, t) => {
    const p = parentOf(env, t);
    return p ? cmdlineCached(env, p) : undefined;
  }),
  'proc.acmdline': ancestorField((env, a) => (env.legacy ? undefined : cmdlineCached(env, a))),
  'proc.cmdnargs': th((_e, t) => t.args.length),
  'proc.cmdlenargs': th((_e, t) => t.args.reduce((n, a) => n + Buffer.byteLength(a), 0)),
  'proc.exeline': th((_e, t) => `${t.exe} ${joinArgs(t)}`),
  'proc.env': (env, f) => {
    const key = f.arg?.key;
    return asExtractor((ctx: EventContext) => {
      const t = ctx.thread;
      if (!t) return undefined;
      if (key !== undefined) return env.legacy ? undefined : envValue(envOf(env, t), key);
      return envText(env, t);
    });
  },
  'proc.aenv': (env, f) => {
    const key = f.arg?.key;
    const idx = f.arg?.index;
    return asExtractor((ctx: EventContext) => {
      const t = ctx.thread;
      if (!t || env.legacy) return undefined;
      const st = env.state;
      if (key === undefined && (idx === undefined || idx < 1)) return envText(env, t);
      let m: ThreadInfo | undefined = st.mainThread(t);
      if (!m) return '';
      if (key !== undefined) {
        let v = '';
        for (let j = 0; j < 20; j++) {
          m = st.lookup(m.ptid);
          if (!m) break;
          v = envValue(m.env, key);
          if (v !== '') break;
        }
        return v;
      }
      for (let j = 0; j < (idx as number); j++) {
        m = st.lookup(m.ptid);
        if (!m) return undefined;
      }
      return m.env.join(' ');
    });
  },
  'proc.cwd': th((env, t) => env.state.cwd(t)),
  'proc.loginshellid': th((env, t) => {
    const st = env.state;
    const m = t.isMain ? t : st.mainThread(t);
    if (!m) return undefined;
    let res: number | undefined;
    const check = (x: ThreadInfo): boolean => {
      const c = x.comm;
      if (c.length >= 2 && c.endsWith('sh')) res = x.pid;
      return true;
    };
    check(m);
    st.forEachAncestor(m, check);
    return res;
  }),
  'proc.tty': th((_e, t) => t.tty),
  'proc.pid': th((env, t) => (env.legacy || inRange(t.pid) ? t.pid : undefined)),
  'proc.ppid': th((env, t) => {
    if (env.legacy) {
      if (t.isMain) return t.ptid;
      const m = env.state.mainThread(t);
      return m ? m.ptid : undefined;
    }
    const p = env.state.ancestor(t, 1);
    return p && inRange(p.pid) ? p.pid : undefined;
  }),
  'proc.apid': ancestorField((_e, a) => a.pid),
  'proc.vpid': th((_e, t) => (t.vpid === -1 ? undefined : t.vpid)),
  'proc.pvpid': th((env, t) => env.state.lookup(t.ptid)?.vpid),
  'proc.sid': th((_e, t) => t.sid),
  'proc.sname': leaderField((t) => t.sid, (t) => t.comm, true),
  'proc.sid.exe': leaderField((t) => t.sid, (t) => t.exe, false),
  'proc.sid.exepath': leaderField((t) => t.sid, (t) => t.exepath, false),
  'proc.vpgid': th((_e, t) => t.vpgid),
  'proc.vpgid.name': leaderField((t) => t.vpgid, (t) => t.comm, false),
  'proc.vpgid.exe': leaderField((t) => t.vpgid, (t) => t.exe, false),
  'proc.vpgid.exepath': leaderField((t) => t.vpgid, (t) => t.exepath, false),
  'proc.pgid': th((env, t) => (env.legacy ? undefined : t.pgid)),
  'proc.pgid.name': (env, f) => (env.legacy ? undefined : leaderField((t) => t.pgid, (t) => t.comm, false)(env, f)),
  'proc.pgid.exe': (env, f) => (env.legacy ? undefined : leaderField((t) => t.pgid, (t) => t.exe, false)(env, f)),
  'proc.pgid.exepath': (env, f) => (env.legacy ? undefined : leaderField((t) => t.pgid, (t) => t.exepath, false)(env, f)),
  'proc.duration': th((_e, t, ctx) => (t.cloneTsHi === 0 && t.cloneTsLo === 0 ? undefined : tsDiff(ctx.event.tsHi, ctx.event.tsLo, t.cloneTsHi, t.cloneTsLo))),
  'proc.ppid.duration': th((env, t, ctx) => {
    if (env.legacy) return undefined;
    const p = env.state.ancestor(t, 1);
    if (!p || (p.cloneTsHi === 0 && p.cloneTsLo === 0)) return undefined;
    return tsDiff(ctx.event.tsHi, ctx.event.tsLo, p.cloneTsHi, p.cloneTsLo);
  }),
  'proc.pid.ts': th((env, t) => (env.legacy || (t.cloneTsHi === 0 && t.cloneTsLo === 0) ? undefined : tsValue(t.cloneTsHi, t.cloneTsLo))),
  'proc.ppid.ts': th((env, t) => {
    if (env.legacy) return undefined;
    const p = env.state.ancestor(t, 1);
    return !p || (p.cloneTsHi === 0 && p.cloneTsLo === 0) ? undefined : tsValue(p.cloneTsHi, p.cloneTsLo);
  }),
  'proc.is_exe_writable': th((_e, t) => t.exeWritable),
  'proc.is_exe_upper_layer': th((env, t) => (env.legacy ? undefined : t.exeUpperLayer)),
  'proc.is_exe_lower_layer': th((env, t) => (env.legacy ? undefined : t.exeLowerLayer)),
  'proc.is_exe_from_memfd': th((env, t) => (env.legacy ? undefined : t.exeFromMemfd)),
  'proc.is_sid_leader': th((env, t) => (env.legacy ? undefined : t.sid === t.vpid)),
  'proc.is_vpgid_leader': th((env, t) => (env.legacy ? undefined : t.vpgid === t.vpid)),
  'proc.is_pgid_leader': th((env, t) => (env.legacy ? undefined : t.pgid === t.pid)),
  'proc.exe_ino': th((env, t) => (env.legacy || t.exeIno === 0 ? undefined : t.exeIno)),
  'proc.exe_ino.ctime': th((env, t) => (env.legacy || t.exeInoCtime === 0n ? undefined : big(t.exeInoCtime))),
  'proc.exe_ino.mtime': th((env, t) => (env.legacy || t.exeInoMtime === 0n ? undefined : big(t.exeInoMtime))),
  'proc.exe_ino.ctime_duration_proc_start': th((env, t) => {
    if (env.legacy || t.exeInoCtime === 0n || (t.cloneTsHi === 0 && t.cloneTsLo === 0)) return undefined;
    return big(BigInt(t.cloneTsHi) * 4294967296n + BigInt(t.cloneTsLo) - t.exeInoCtime);
  }),
  'proc.exe_ino.ctime_duration_pidns_start': th((env, t) => {
    if (env.legacy || t.exeInoCtime === 0n || t.pidnsInitStartTs === 0n || t.exeInoCtime <= t.pidnsInitStartTs) return undefined;
    return big(t.exeInoCtime - t.pidnsInitStartTs);
  }),
  'proc.pidns_init_start_ts': th((env, t) => (env.legacy ? undefined : big(t.pidnsInitStartTs))),
  'proc.fdopencount': th((env, t) => env.state.fdTable(t)?.size ?? 0),
  'proc.fdlimit': th((env, t) => {
    const m = env.state.mainThread(t);
    return m ? m.fdlimit : t.fdlimit;
  }),
  'proc.fdusage': th((env, t) => {
    const m = env.state.mainThread(t) ?? t;
    const n = env.state.fdTable(t)?.size ?? 0;
    return m.fdlimit > 0 ? (n * 100) / m.fdlimit : 0;
  }),
  'proc.vmsize': th((_e, t) => t.vmsizeKb),
  'proc.vmrss': th((_e, t) => t.vmrssKb),
  'proc.vmswap': th((_e, t) => t.vmswapKb),
  'thread.vmsize': th((_e, t) => (t.isMain ? t.vmsizeKb : 0)),
  'thread.vmrss': th((_e, t) => (t.isMain ? t.vmrssKb : 0)),
  'thread.pfmajor': th((_e, t) => t.pfMajor),
  'thread.pfminor': th((_e, t) => t.pfMinor),
  'proc.nthreads': th((env, t) => {
    const st = env.state;
    if (env.legacy) {
      const m = st.mainThread(t);
      return m ? m.nchilds + 1 : undefined;
    }
    const g = st.groupOf.get(t);
    return g ? g.alive : 0;
  }),
  'proc.nchilds': th((env, t) => {
    if (env.legacy) return t.nchilds;
    const g = env.state.groupOf.get(t);
    if (!g) return 0;
    let n = 0;
    for (const m of g.members) if (!m.dead && !m.isMain) n++;
    return n;
  }),
  'proc.stdin.type': stdField(0, 'type'),
  'proc.stdout.type': stdField(1, 'type'),
  'proc.stderr.type': stdField(2, 'type'),
  'proc.stdin.name': stdField(0, 'name'),
  'proc.stdout.name': stdField(1, 'name'),
  'proc.stderr.name': stdField(2, 'name'),
  'thread.cap_permitted': th((env, t) => (env.legacy ? undefined : capsText(t.capPermitted))),
  'thread.cap_inheritable': th((env, t) => (env.legacy ? undefined : capsText(t.capInheritable))),
  'thread.cap_effective': th((env, t) => (env.legacy ? undefined : capsText(t.capEffective))),
  'thread.tid': (env) =>
    asExtractor((ctx: EventContext) => {
      const tid = ctx.event.tid;
      return env.legacy || inRange(tid) ? tid : undefined;
    }),
  'thread.ismain': th((_e, t) => t.isMain),
  'thread.vtid': th((_e, t) => (t.vtid === -1 ? undefined : t.vtid)),
  'thread.nametid': th((_e, t, ctx) => `${t.comm}${ctx.event.tid}`),
  'thread.cgroups': th((_e, t) => (t.cgroups.length === 0 ? undefined : cgroupPairs(t).map(([k, v]) => `${subsysName(k)}=${v}`).join(' '))),
  'thread.cgroup': (_env, f) => {
    const key = f.arg?.key ?? '';
    return asExtractor((ctx: EventContext) => {
      const t = ctx.thread;
      if (!t) return undefined;
      for (const [k, v] of cgroupPairs(t)) if (subsysName(k) === key) return v;
      return undefined;
    });
  },
};

/** The type or name of fd 0/1/2 of the process (proc.stdin.type...). */
function stdField(fd: number, what: 'type' | 'name'): ExtractorFactory {
  return (env) =>
    env.legacy
      ? undefined
      : asExtractor((ctx: EventContext) => {
          const t = ctx.thread;
          if (!t) return undefined;
          const f = env.state.peekFd(t, fd);
          if (!f) return undefined;
          return what === 'type' ? fdTypeString(f.type) : f.name;
        });
}

function big(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

export const PROC_EXTRACTORS: Readonly<Record<string, ExtractorFactory>> = F;
