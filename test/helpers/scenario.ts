// A small scenario builder: process trees, fds and syscall sequences in code, written as a capture.
// Events use the compat layout of docs/scap-format.md#writer-layout by default: an enter event (2022 parameter counts)
// then the exit event in the current layout, so sysdig 0.29.3 and current libs read the same story. Test support, not shipped.
import { FD_TYPE, PPM_CONSTANTS, ScapWriter } from './scap.js';
import type { EventInput, FdInput, GroupEntry, InterfaceEntry, MachineInfo, ParamValue, ThreadInput, UserEntry, WriterOptions } from './scap.js';

/** PPM_O_* open flags (as the driver records them; not the kernel's O_* values). */
export const O = ppmGroup('open_flags_PPM_O', 'PPM_O_');
/** PPM_CL_* clone flags. */
export const CL = ppmGroup('clone_flags_PPM_CL', 'PPM_CL_');

function ppmGroup(group: string, prefix: string): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(PPM_CONSTANTS[group] ?? {})) out[k.slice(prefix.length)] = v;
  return Object.freeze(out);
}

const E = {
  OPEN_E: 2,
  OPEN_X: 3,
  CLOSE_E: 4,
  CLOSE_X: 5,
  READ_E: 6,
  READ_X: 7,
  WRITE_E: 8,
  WRITE_X: 9,
  SOCKET_E: 18,
  SOCKET_X: 19,
  CONNECT_E: 22,
  CONNECT_X: 23,
  PROCEXIT_1_E: 186,
  CLONE_20_E: 222,
  CLONE_20_X: 223,
  ACCEPT_5_E: 246,
  ACCEPT_5_X: 247,
  CONTAINER_JSON_E: 272,
  EXECVE_19_E: 292,
  EXECVE_19_X: 293,
  OPENAT_2_E: 306,
  OPENAT_2_X: 307,
  PLUGINEVENT_E: 322,
  CHDIR_E: 94,
  CHDIR_X: 95,
} as const;

export interface ScenarioOptions {
  /** Capture start, ns since the epoch. */
  start?: bigint;
  machine?: Partial<MachineInfo>;
  interfaces?: Partial<InterfaceEntry>[];
  users?: UserEntry[];
  groups?: GroupEntry[];
  /** 'compat' (default): enter + exit pairs; 'current': exit events only, as current drivers write them. */
  layout?: 'compat' | 'current';
  writer?: WriterOptions;
}

export interface ProcessSpec {
  pid: number;
  /** Thread id (defaults to pid: the main thread). */
  tid?: number;
  ppid?: number;
  comm: string;
  exepath?: string;
  exe?: string;
  args?: string[];
  cwd?: string;
  uid?: number;
  gid?: number;
  env?: string[];
  cgroups?: string[];
  loginuid?: number;
  tty?: number;
  cpu?: number;
  /** Initial fds beyond 0–2 (stdin/stdout/stderr are added as /dev/null unless given). */
  fds?: FdSpec[];
  /** Container id (12 hex chars) the process runs in; sets a docker cgroup path. */
  container?: string;
}

export type FdSpec =
  | { fd: number; kind: 'file'; path: string; flags?: number }
  | { fd: number; kind: 'dir'; path: string }
  | { fd: number; kind: 'tcp' | 'udp'; local: string; remote: string }
  | { fd: number; kind: 'listen'; local: string; proto?: 'tcp' | 'udp' }
  | { fd: number; kind: 'unix'; path: string }
  | { fd: number; kind: 'pipe'; name?: string };

interface FdState {
  spec: FdSpec;
}

interface Process {
  pid: number;
  fds: Map<number, FdState>;
}

/** A thread in the scenario; syscall helpers append events at the scenario clock. */
export class ScenarioThread {
  tid: number;
  pid: number;
  ptid: number;
  comm: string;
  exepath: string;
  exe: string;
  args: string[];
  cwd: string;
  uid: number;
  gid: number;
  env: string[];
  cgroups: string[];
  loginuid: number;
  tty: number;
  cpu: number;
  container: string | undefined;
  /** The process this thread belongs to (fds are shared by its threads). */
  readonly proc: Process;
  alive = true;

  constructor(
    private readonly s: Scenario,
    spec: ProcessSpec,
    proc: Process,
  ) {
    this.tid = spec.tid ?? spec.pid;
    this.pid = spec.pid;
    this.ptid = spec.ppid ?? 1;
    this.comm = spec.comm;
    this.exepath = spec.exepath ?? `/usr/bin/${spec.comm}`;
    this.exe = spec.exe ?? this.exepath;
    this.args = spec.args ?? [];
    this.cwd = spec.cwd ?? '/';
    this.uid = spec.uid ?? 0;
    this.gid = spec.gid ?? spec.uid ?? 0;
    this.env = spec.env ?? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];
    this.container = spec.container;
    this.cgroups = spec.cgroups ?? cgroupsFor(spec.container);
    this.loginuid = spec.loginuid ?? 0xffffffff;
    this.tty = spec.tty ?? 0;
    this.cpu = spec.cpu ?? 0;
    this.proc = proc;
  }

  private ev(type: number, params: ParamValue[], atOffset = 0n): void {
    this.s.event({ ts: this.s.now + atOffset, tid: this.tid, cpu: this.cpu, type, params });
  }

  /** Emit an enter/exit pair (enter omitted in the 'current' layout); the clock advances by `latency`. */
  private pair(enterType: number, enterParams: ParamValue[], exitType: number, exitParams: ParamValue[], latency = 2000n): void {
    if (this.s.layout === 'compat') this.ev(enterType, enterParams);
    this.s.advance(latency);
    this.ev(exitType, exitParams);
    this.s.advance(1000n);
  }

  private nextFd(): number {
    let fd = 3;
    while (this.proc.fds.has(fd)) fd++;
    return fd;
  }

  /** open(2); returns the new fd, or the negative errno when `error` is given. */
  open(path: string, flags: number = O.RDONLY as number, opts: { mode?: number; error?: number; ino?: number } = {}): number {
    const mode = opts.mode ?? 0;
    const fd = opts.error ? -opts.error : this.nextFd();
    const dev = 0x803;
    this.pair(E.OPEN_E, [path, flags, mode], E.OPEN_X, [fd, path, flags, mode, dev, opts.ino ?? 1000 + (fd & 0xffff)]);
    if (fd >= 0) this.proc.fds.set(fd, { spec: { fd, kind: 'file', path, flags } });
    return fd;
  }

  /** openat(2) relative to AT_FDCWD (−100) or a directory fd. */
  openat(dirfd: number, path: string, flags: number = O.RDONLY as number, opts: { mode?: number; error?: number } = {}): number {
    const mode = opts.mode ?? 0;
    const fd = opts.error ? -opts.error : this.nextFd();
    this.pair(E.OPENAT_2_E, [dirfd, path, flags, mode], E.OPENAT_2_X, [fd, dirfd, path, flags, mode, 0x803, 2000 + (fd & 0xffff)]);
    const full = path.startsWith('/') ? path : `${this.cwd.replace(/\/$/, '')}/${path}`;
    if (fd >= 0) this.proc.fds.set(fd, { spec: { fd, kind: 'file', path: full, flags } });
    return fd;
  }

  read(fd: number, data: string | Uint8Array, size?: number): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const sz = size ?? Math.max(bytes.length, 4096);
    this.pair(E.READ_E, [fd, sz], E.READ_X, [bytes.length, bytes, fd, sz]);
  }

  write(fd: number, data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.pair(E.WRITE_E, [fd, bytes.length], E.WRITE_X, [bytes.length, bytes, fd, bytes.length]);
  }

  close(fd: number): void {
    this.pair(E.CLOSE_E, [fd], E.CLOSE_X, [0, fd]);
    this.proc.fds.delete(fd);
  }

  /** socket(2): AF_INET (2) / AF_INET6 (10), SOCK_STREAM (1) / SOCK_DGRAM (2). */
  socket(domain = 2, type = 1, proto = 0): number {
    const fd = this.nextFd();
    this.pair(E.SOCKET_E, [domain, type, proto], E.SOCKET_X, [fd, domain, type, proto, 0]);
    this.proc.fds.set(fd, { spec: { fd, kind: type === 2 ? 'udp' : 'tcp', local: '0.0.0.0:0', remote: '0.0.0.0:0' } });
    return fd;
  }

  /** connect(2) to `remote` ("1.2.3.4:443"), from `local` (an ephemeral port by default). */
  connect(fd: number, remote: string, local = '10.0.0.2:43562', error = 0): void {
    const tuple = `${local}->${remote}`;
    this.pair(E.CONNECT_E, [fd, remote], E.CONNECT_X, [error ? -error : 0, tuple, fd, remote], 40000n);
    const st = this.proc.fds.get(fd);
    if (st && !error) st.spec = { fd, kind: st.spec.kind === 'udp' ? 'udp' : 'tcp', local, remote };
  }

  /** accept(2) on a listening fd: a new connection from `remote` to `local`. Returns the new fd. */
  accept(listenFd: number, remote: string, local: string): number {
    const fd = this.nextFd();
    this.pair(E.ACCEPT_5_E, [], E.ACCEPT_5_X, [fd, `${remote}->${local}`, 0, 0, 128], 10000n);
    void listenFd;
    this.proc.fds.set(fd, { spec: { fd, kind: 'tcp', local, remote } });
    return fd;
  }

  chdir(path: string): void {
    this.pair(E.CHDIR_E, [], E.CHDIR_X, [0, path]);
    this.cwd = path;
  }

  /**
   * fork/clone: a new process (or a thread of this one with `thread: true`). Emits the parent's and the
   * child's clone exit events, as the driver does, and returns the child.
   */
  clone(opts: { pid?: number; thread?: boolean } = {}): ScenarioThread {
    const childTid = opts.pid ?? this.s.allocPid();
    const thread = opts.thread ?? false;
    const flags = thread
      ? (CL.CLONE_VM as number) | (CL.CLONE_FS as number) | (CL.CLONE_FILES as number) | (CL.CLONE_SIGHAND as number) | (CL.CLONE_THREAD as number)
      : (CL.CLONE_CHILD_CLEARTID as number) | (CL.CLONE_CHILD_SETTID as number);
    const childPid = thread ? this.pid : childTid;
    const proc: Process = thread ? this.proc : { pid: childPid, fds: new Map([...this.proc.fds].map(([k, v]) => [k, { spec: v.spec }])) };
    const child = new ScenarioThread(
      this.s,
      {
        pid: childPid,
        tid: childTid,
        ppid: thread ? this.ptid : this.pid,
        comm: this.comm,
        exepath: this.exepath,
        exe: this.exe,
        args: this.args,
        cwd: this.cwd,
        uid: this.uid,
        gid: this.gid,
        env: this.env,
        cgroups: this.cgroups,
        loginuid: this.loginuid,
        tty: this.tty,
        cpu: this.cpu,
        ...(this.container === undefined ? {} : { container: this.container }),
      },
      proc,
    );
    const common = (t: ScenarioThread): ParamValue[] => [
      t.exe,
      t.args,
      t.tid,
      t.pid,
      t.ptid,
      t.cwd,
      1024,
      0,
      0,
      12000,
      3000,
      0,
      t.comm,
      t.cgroups,
      flags,
      t.uid,
      t.gid,
      t.tid,
      t.pid,
      0,
    ];
    if (this.s.layout === 'compat') this.ev(E.CLONE_20_E, []);
    this.s.advance(30000n);
    this.ev(E.CLONE_20_X, [childTid, ...common(this)]);
    this.s.advance(1000n);
    child.ev(E.CLONE_20_X, [0, ...common(child)]);
    this.s.advance(1000n);
    return child;
  }

  /** execve(2): replaces the program; `error` makes it fail with that errno. */
  execve(path: string, args: string[], opts: { comm?: string; env?: string[]; error?: number; tty?: number } = {}): void {
    const comm = opts.comm ?? path.slice(path.lastIndexOf('/') + 1);
    if (!opts.error) {
      this.exepath = path;
      this.exe = args[0] ?? path;
      this.args = args.slice(1);
      this.comm = comm.slice(0, 15);
      if (opts.env) this.env = opts.env;
      if (opts.tty !== undefined) this.tty = opts.tty;
    }
    const res = opts.error ? -opts.error : 0;
    const exit: ParamValue[] = [
      res,
      this.exe,
      this.args,
      this.tid,
      this.pid,
      this.ptid,
      this.cwd,
      1024,
      0,
      0,
      8000,
      2000,
      0,
      this.comm,
      this.cgroups,
      this.env,
      this.tty,
      this.pid,
      this.loginuid,
      0,
      0n,
      0x1ffffffffffn,
      0x1ffffffffffn,
      4242,
      1700000000000000000n,
      1700000000000000000n,
      this.uid,
      this.exepath,
      this.pid,
      this.gid,
      path,
    ];
    this.pair(E.EXECVE_19_E, [path], E.EXECVE_19_X, exit, 300000n);
  }

  /** The thread exits (procexit). */
  exit(status = 0): void {
    this.ev(E.PROCEXIT_1_E, [status << 8, status, 0, 0, 0]);
    this.s.advance(1000n);
    this.alive = false;
  }

  /** Current fds of the process (for tests). */
  fdNames(): Map<number, string> {
    const out = new Map<number, string>();
    for (const [fd, st] of this.proc.fds) out.set(fd, 'path' in st.spec ? st.spec.path : 'local' in st.spec ? st.spec.local : '');
    return out;
  }
}

function cgroupsFor(container: string | undefined): string[] {
  const path = container === undefined ? '/user.slice' : `/docker/${container.padEnd(64, '0')}`;
  return ['cpuset', 'cpu', 'memory', 'pids'].map((c) => `${c}=${path}`);
}

/** A capture being built: initial processes (the process list), then events in time order. */
export class Scenario {
  now: bigint;
  readonly layout: 'compat' | 'current';
  private readonly opts: ScenarioOptions;
  private readonly initial: ScenarioThread[] = [];
  private readonly initialFds = new Map<number, FdSpec[]>();
  private readonly events: EventInput[] = [];
  private readonly metaEvents: EventInput[] = [];
  private pid = 30000;

  constructor(options: ScenarioOptions = {}) {
    this.opts = options;
    this.now = options.start ?? 1_700_000_000_000_000_000n;
    this.layout = options.layout ?? 'compat';
  }

  /** A process running when the capture starts (it goes into the process list with its fds). */
  process(spec: ProcessSpec): ScenarioThread {
    const fds = new Map<number, FdState>();
    const specs: FdSpec[] = [
      { fd: 0, kind: 'file', path: '/dev/null', flags: O.RDONLY as number },
      { fd: 1, kind: 'file', path: '/dev/null', flags: O.WRONLY as number },
      { fd: 2, kind: 'file', path: '/dev/null', flags: O.WRONLY as number },
    ];
    for (const f of spec.fds ?? []) {
      const i = specs.findIndex((x) => x.fd === f.fd);
      if (i >= 0) specs[i] = f;
      else specs.push(f);
    }
    for (const f of specs) fds.set(f.fd, { spec: f });
    const t = new ScenarioThread(this, spec, { pid: spec.pid, fds });
    this.initial.push(t);
    this.initialFds.set(t.tid, specs);
    return t;
  }

  /** Another thread of an existing process, also in the process list. */
  thread(of: ScenarioThread, tid: number): ScenarioThread {
    const t = new ScenarioThread(this, { pid: of.pid, tid, ppid: of.ptid, comm: of.comm, exepath: of.exepath, args: of.args, cwd: of.cwd, uid: of.uid, gid: of.gid, cpu: of.cpu }, of.proc);
    this.initial.push(t);
    return t;
  }

  allocPid(): number {
    return ++this.pid;
  }

  advance(ns: bigint | number): this {
    this.now += BigInt(ns);
    return this;
  }

  /** A raw event at the current time (or the given one). */
  event(e: EventInput): this {
    this.events.push(e);
    return this;
  }

  /** A container metadata event (code 272, JSON) at the start of the event stream, ts 0 and tid 0 as writers do. */
  container(c: { id: string; name: string; image: string; ip?: string; type?: number }): this {
    const json = JSON.stringify({ container: { id: c.id, image: c.image, ip: c.ip ?? '172.17.0.2', name: c.name, type: c.type ?? 0 } });
    this.metaEvents.push({ ts: 0n, tid: 0, type: E.CONTAINER_JSON_E, params: [json] });
    return this;
  }

  /** A plugin event (code 322): plugin id and opaque payload, tid −1. */
  pluginEvent(pluginId: number, payload: string | Uint8Array): this {
    const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    this.events.push({ ts: this.now, tid: -1, type: E.PLUGINEVENT_E, params: [pluginId, bytes] });
    this.advance(1000n);
    return this;
  }

  /** Write everything to a writer: metadata blocks, then the events in time order. */
  writeTo(w: ScapWriter): void {
    const o = this.opts;
    w.writeSectionHeader();
    w.writeMachineInfo({ numCpus: 2, memoryBytes: 4 * 1024 ** 3, maxPid: 4194304, hostname: 'falco-replay-demo', bootTimeNs: this.now - 86_400_000_000_000n, ...o.machine });
    w.writeInterfaces(o.interfaces ?? [{ kind: 'ipv4', name: 'lo', addr: '127.0.0.1', netmask: '255.0.0.0', broadcast: '127.0.0.1' }]);
    w.writeUsers(o.users ?? [{ uid: 0, gid: 0, name: 'root', home: '/root', shell: '/bin/bash' }], o.groups ?? [{ gid: 0, name: 'root' }]);
    const threads: ThreadInput[] = this.initial.map((t) => ({
      tid: t.tid,
      pid: t.pid,
      ptid: t.ptid,
      sid: t.pid,
      vpgid: t.pid,
      comm: t.comm,
      exe: t.exe,
      exepath: t.exepath,
      args: t.args,
      cwd: t.cwd,
      uid: t.uid,
      gid: t.gid,
      env: t.env,
      cgroups: t.cgroups,
      loginuid: t.loginuid,
      vmsizeKb: 10000,
      vmrssKb: 2000,
    }));
    w.writeProcesses(threads);
    for (const t of this.initial) {
      const specs = this.initialFds.get(t.tid);
      if (specs && specs.length) w.writeFds(t.tid, specs.map(fdInput));
    }
    for (const e of this.metaEvents) w.writeEvent(e);
    const sorted = [...this.events].sort((a, b) => (BigInt(a.ts) < BigInt(b.ts) ? -1 : BigInt(a.ts) > BigInt(b.ts) ? 1 : 0));
    for (const e of sorted) w.writeEvent(e);
  }

  /** The capture as bytes. */
  toBuffer(): Buffer {
    const chunks: Uint8Array[] = [];
    const w = new ScapWriter((c) => void chunks.push(c), this.opts.writer);
    this.writeTo(w);
    w.end();
    return Buffer.concat(chunks);
  }
}

function splitHostPort(text: string): { ip: string; port: number } {
  const i = text.lastIndexOf(':');
  return { ip: text.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(text.slice(i + 1)) };
}

function fdInput(f: FdSpec): FdInput {
  switch (f.kind) {
    case 'file':
      return { fd: f.fd, type: FD_TYPE.FILE_V2, name: f.path, openFlags: f.flags ?? O.RDONLY, ino: 100 + f.fd };
    case 'dir':
      return { fd: f.fd, type: FD_TYPE.DIRECTORY, name: f.path, ino: 100 + f.fd };
    case 'pipe':
      return { fd: f.fd, type: FD_TYPE.FIFO, name: f.name ?? '', ino: 100 + f.fd };
    case 'unix':
      return { fd: f.fd, type: FD_TYPE.UNIX_SOCK, name: f.path, source: 'ffff9a0000000000', destination: '0', ino: 100 + f.fd };
    case 'listen': {
      const l = splitHostPort(f.local);
      const v6 = l.ip.includes(':');
      return { fd: f.fd, type: v6 ? FD_TYPE.IPV6_SERVSOCK : FD_TYPE.IPV4_SERVSOCK, sip: l.ip, sport: l.port, l4proto: f.proto === 'udp' ? 3 : 2, ino: 100 + f.fd };
    }
    default: {
      const l = splitHostPort(f.local);
      const r = splitHostPort(f.remote);
      const v6 = l.ip.includes(':');
      return { fd: f.fd, type: v6 ? FD_TYPE.IPV6_SOCK : FD_TYPE.IPV4_SOCK, sip: l.ip, dip: r.ip, sport: l.port, dport: r.port, l4proto: f.kind === 'udp' ? 3 : 2, ino: 100 + f.fd };
    }
  }
}
