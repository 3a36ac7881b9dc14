// The state tables of libsinsp behind one object: the thread table (thread-table.ts), the fd tables
// (fd-table.ts), users and groups (users.ts), network interfaces (interfaces.ts) and containers, loaded from
// a capture's state blocks. Event parsing lives in parsers/. Where 2022 libsinsp (sysdig 0.29.3) and current
// libsinsp differ, `legacy` selects the 2022 behaviour (the convention is described in parsers/core.ts).
import { carriesIpv4, embeddedIpv4, endpointText, FD_TYPE, ipv4NumberText, ipv6Text, parseIpv4, parseIpv6, type FdEntry, type GroupEntry, type InterfaceEntry, type ThreadEntry, type UserEntry } from '../../scap/index.js';
import { containerIdFromCgroups, emptyContainer, type ContainerInfo } from './containers.js';
import { FdTables } from './fd-table.js';
import { FdInfo, L4, ROLE, FDF } from './fdinfo.js';
import { inetTupleName, InterfaceTable, swapTuple } from './interfaces.js';
import { ThreadInfo, CLF, UNSET_ID } from './threadinfo.js';
import { UserGroupTable, type GroupInfo, type UserInfo } from './users.js';

export { ThreadGroup } from './thread-table.js';
export type { GroupInfo, UserInfo } from './users.js';
export { inetTupleName, swapTuple, ZERO16 } from './interfaces.js';

export class SinspState extends FdTables {
  readonly accounts = new UserGroupTable();
  readonly interfaces = new InterfaceTable();
  readonly containers = new Map<string, ContainerInfo>();
  /** Ports of listening IPv4 sockets seen in fd lists (HEAD role fix-up). */
  readonly serverPorts = new Set<number>();
  hostname: string | undefined;
  /** Whether fd-list threads still need their HEAD group/parent links. */
  needDependencies = false;
  /** CPUs of the machine that recorded the capture (machine info block; 0 when there is none). */
  numCpus = 0;

  /** Users by container id ('' = host), then uid. */
  get users(): Map<string, Map<number, UserInfo>> {
    return this.accounts.users;
  }

  /** Groups by container id ('' = host), then gid. */
  get groupsById(): Map<string, Map<number, GroupInfo>> {
    return this.accounts.groups;
  }

  reset(): void {
    this.clearThreads();
    this.accounts.clear();
    this.containers.clear();
    this.interfaces.clear();
    this.serverPorts.clear();
    this.clearPending();
    this.needDependencies = false;
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
    return this.accounts.user(containerId, uid);
  }

  group(containerId: string, gid: number): GroupInfo | undefined {
    return this.accounts.group(containerId, gid);
  }

  addUser(u: UserInfo, containerId = ''): void {
    this.accounts.addUser(u, containerId);
  }

  addGroup(g: GroupInfo, containerId = ''): void {
    this.accounts.addGroup(g, containerId);
  }

  // --- state blocks ---

  loadUser(u: UserEntry): void {
    this.accounts.loadUser(u);
  }

  loadGroup(g: GroupEntry): void {
    this.accounts.loadGroup(g);
  }

  loadIface(i: InterfaceEntry): void {
    this.interfaces.load(i);
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
        f.sip = parseIpv4(e.sip ?? '') ?? 0;
        f.dip = parseIpv4(e.dip ?? '') ?? 0;
        f.sport = e.sport ?? 0;
        f.dport = e.dport ?? 0;
        f.l4proto = e.l4proto ?? 0;
        if (f.l4proto === L4.TCP) f.flags |= FDF.CONNECTED;
        this.patchInterfaces(f);
        f.name = inetTupleName(f);
        break;
      }
      case FD_TYPE.IPV6_SOCK: {
        const s = parseIpv6(e.sip ?? '') ?? new Uint8Array(16);
        const d = parseIpv6(e.dip ?? '') ?? new Uint8Array(16);
        f.sport = e.sport ?? 0;
        f.dport = e.dport ?? 0;
        f.l4proto = e.l4proto ?? 0;
        if (carriesIpv4(s) && carriesIpv4(d)) {
          f.type = FD_TYPE.IPV4_SOCK;
          f.sip = embeddedIpv4(s);
          f.dip = embeddedIpv4(d);
          if (f.l4proto === L4.TCP) f.flags |= FDF.CONNECTED;
          this.patchInterfaces(f);
          f.name = inetTupleName(f);
        } else {
          f.sip6 = s;
          f.dip6 = d;
          if (f.l4proto === L4.TCP) f.flags |= FDF.CONNECTED;
          f.name = inetTupleName(f);
        }
        break;
      }
      case FD_TYPE.IPV4_SERVSOCK:
        f.sip = parseIpv4(e.sip ?? '') ?? 0;
        f.sport = e.sport ?? 0;
        f.l4proto = e.l4proto ?? 0;
        // libsinsp gives a listening socket from the fd list no role (fd.sip, fd.cport… are then missing).
        f.name = endpointText(ipv4NumberText(f.sip), f.sport);
        this.serverPorts.add(f.sport);
        break;
      case FD_TYPE.IPV6_SERVSOCK:
        f.sip6 = parseIpv6(e.sip ?? '') ?? new Uint8Array(16);
        f.sport = e.sport ?? 0;
        f.l4proto = e.l4proto ?? 0;
        f.name = endpointText(ipv6Text(f.sip6, 0), f.sport);
        this.serverPorts.add(f.sport);
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
    const table = this.writableFdTable(t) ?? this.ownFds(t);
    if (this.fdRoom(t, table, e.fd)) table.set(e.fd, f);
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
      for (const f of (t.fds.size ? this.ownFds(t) : t.fds).values()) {
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
    this.interfaces.patch(f);
  }

  /** "Local address" of fd.is_server / fd.lip (docs/sinsp-semantics.md#local-addresses). */
  isLocalIpv4(t: ThreadInfo, ip: number): boolean {
    if (t.containerId !== '') {
      const c = this.containers.get(t.containerId);
      const cip = c && c.ip ? parseIpv4(c.ip) : undefined;
      if (cip !== undefined && cip !== 0) {
        if (cip === ip) return true;
      } else {
        for (const k of this.containers.values()) if (k.ip && parseIpv4(k.ip) === ip) return true;
      }
    }
    for (const i of this.interfaces.ifaces4) if (i.addr === ip) return true;
    return false;
  }

  isLocalIpv6(t: ThreadInfo, ip: Uint8Array): boolean {
    if (t.containerId !== '') return false;
    for (const a of this.interfaces.ifaces6) {
      let same = true;
      for (let k = 0; k < 8; k++) if (a[k] !== ip[k]) same = false;
      if (same) return true;
    }
    return false;
  }
}

export const O_CLOEXEC = 0x1000;

export function stripDeleted(p: string): string {
  return p.endsWith(' (deleted)') ? p.slice(0, -10) : p;
}

export { UNSET_ID };
