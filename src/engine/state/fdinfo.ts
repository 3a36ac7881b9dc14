// One file descriptor of a process, as libsinsp's fd table holds it (docs/sinsp-semantics.md#fd-tables).
import { FD_TYPE } from '../../scap/index.js';

/** Socket role bits. */
export const ROLE = { NONE: 0, CLIENT: 1, SERVER: 2 } as const;

/** fd record state bits. */
export const FDF = {
  CONNECTED: 1,
  FAILED: 2,
  FROM_PROC: 4,
  CLONED: 8,
  UPPER_LAYER: 16,
  LOWER_LAYER: 32,
  /** HEAD: close-on-exec (O_CLOEXEC at open, FD_CLOEXEC by fcntl/dup3). */
  CLOEXEC: 64,
} as const;

/** l4 protocol codes (SCAP_L4_*). */
export const L4 = { UNKNOWN: 0, NA: 1, TCP: 2, UDP: 3, ICMP: 4, RAW: 5 } as const;

export class FdInfo {
  /** scap fd type (FD_TYPE). */
  type: number = FD_TYPE.UNKNOWN;
  name = '';
  /** HEAD: the path as the syscall passed it (fd.nameraw). */
  nameRaw = '';
  /** PPM_O_* flags of open/openat/creat. */
  openFlags = 0;
  dev = 0;
  ino = 0;
  mountId = 0;
  /**
   * Socket addresses. IPv4 tuples: sip/dip as u32 (host order). IPv6 tuples: sip6/dip6. Server sockets keep
   * their address in sip/sip6 and port in sport.
   */
  sip = 0;
  dip = 0;
  sip6: Uint8Array | undefined;
  dip6: Uint8Array | undefined;
  sport = 0;
  dport = 0;
  l4proto: number = L4.UNKNOWN;
  /** Unix sockets: kernel addresses as hex text. */
  usource = '';
  udest = '';
  role: number = ROLE.NONE;
  flags = 0;
  /** Name when the current event looked the record up (fd.name_changed). */
  oldName = '';

  clone(): FdInfo {
    const f = new FdInfo();
    f.type = this.type;
    f.name = this.name;
    f.nameRaw = this.nameRaw;
    f.openFlags = this.openFlags;
    f.dev = this.dev;
    f.ino = this.ino;
    f.mountId = this.mountId;
    f.sip = this.sip;
    f.dip = this.dip;
    f.sip6 = this.sip6 ? Uint8Array.from(this.sip6) : undefined;
    f.dip6 = this.dip6 ? Uint8Array.from(this.dip6) : undefined;
    f.sport = this.sport;
    f.dport = this.dport;
    f.l4proto = this.l4proto;
    f.usource = this.usource;
    f.udest = this.udest;
    f.role = this.role;
    f.flags = this.flags;
    f.oldName = this.oldName;
    return f;
  }

  get isIpv4Tuple(): boolean {
    return this.type === FD_TYPE.IPV4_SOCK;
  }

  get isIpv6Tuple(): boolean {
    return this.type === FD_TYPE.IPV6_SOCK;
  }

  get isServer(): boolean {
    return this.type === FD_TYPE.IPV4_SERVSOCK || this.type === FD_TYPE.IPV6_SERVSOCK;
  }

  get isFile(): boolean {
    return this.type === FD_TYPE.FILE || this.type === FD_TYPE.FILE_V2;
  }

  get isInet(): boolean {
    const t = this.type;
    return t === FD_TYPE.IPV4_SOCK || t === FD_TYPE.IPV6_SOCK || t === FD_TYPE.IPV4_SERVSOCK || t === FD_TYPE.IPV6_SERVSOCK;
  }
}

/** fd.typechar of a record (table 5.2). */
export function fdTypeChar(type: number): string {
  switch (type) {
    case FD_TYPE.FILE:
    case FD_TYPE.FILE_V2:
      return 'f';
    case FD_TYPE.DIRECTORY:
      return 'd';
    case FD_TYPE.IPV4_SOCK:
    case FD_TYPE.IPV4_SERVSOCK:
      return '4';
    case FD_TYPE.IPV6_SOCK:
    case FD_TYPE.IPV6_SERVSOCK:
      return '6';
    case FD_TYPE.FIFO:
      return 'p';
    case FD_TYPE.UNIX_SOCK:
      return 'u';
    case FD_TYPE.EVENT:
      return 'e';
    case FD_TYPE.UNSUPPORTED:
      return 'X';
    case FD_TYPE.SIGNALFD:
      return 's';
    case FD_TYPE.EVENTPOLL:
      return 'l';
    case FD_TYPE.INOTIFY:
      return 'i';
    case FD_TYPE.TIMERFD:
      return 't';
    case FD_TYPE.NETLINK:
      return 'n';
    case FD_TYPE.BPF:
      return 'b';
    case FD_TYPE.USERFAULTFD:
      return 'u';
    case FD_TYPE.IOURING:
      return 'r';
    case FD_TYPE.MEMFD:
      return 'm';
    case FD_TYPE.PIDFD:
      return 'P';
    case FD_TYPE.UNKNOWN:
      return 'o';
    default:
      return '?';
  }
}

/** fd.type of a record (table 5.2); `<NA>` is a real value for unknown kinds. */
export function fdTypeString(type: number): string {
  switch (type) {
    case FD_TYPE.FILE:
    case FD_TYPE.FILE_V2:
      return 'file';
    case FD_TYPE.DIRECTORY:
      return 'directory';
    case FD_TYPE.IPV4_SOCK:
    case FD_TYPE.IPV4_SERVSOCK:
      return 'ipv4';
    case FD_TYPE.IPV6_SOCK:
    case FD_TYPE.IPV6_SERVSOCK:
      return 'ipv6';
    case FD_TYPE.FIFO:
      return 'pipe';
    case FD_TYPE.UNIX_SOCK:
      return 'unix';
    case FD_TYPE.EVENT:
      return 'event';
    case FD_TYPE.SIGNALFD:
      return 'signalfd';
    case FD_TYPE.EVENTPOLL:
      return 'eventpoll';
    case FD_TYPE.INOTIFY:
      return 'inotify';
    case FD_TYPE.TIMERFD:
      return 'timerfd';
    case FD_TYPE.NETLINK:
      return 'netlink';
    case FD_TYPE.BPF:
      return 'bpf';
    case FD_TYPE.USERFAULTFD:
      return 'userfaultfd';
    case FD_TYPE.IOURING:
      return 'io_uring';
    case FD_TYPE.MEMFD:
      return 'memfd';
    case FD_TYPE.PIDFD:
      return 'pidfd';
    default:
      return '<NA>';
  }
}

/** The l4 character of an fd resolution (`<4t>`): t/u/i/r for known protocols. */
export function l4Char(l4: number): string {
  switch (l4) {
    case L4.TCP:
      return 't';
    case L4.UDP:
      return 'u';
    case L4.ICMP:
      return 'i';
    case L4.RAW:
      return 'r';
    default:
      return '';
  }
}

export function l4Name(l4: number): string | undefined {
  switch (l4) {
    case L4.TCP:
      return 'tcp';
    case L4.UDP:
      return 'udp';
    case L4.ICMP:
      return 'icmp';
    case L4.RAW:
      return 'raw';
    default:
      return undefined;
  }
}
