// Typed records of the metadata blocks (docs/scap-format.md, #section-header to #user-list) and their parsers.
// Records are plain objects: they are few (one per thread, fd, interface, user), so clarity beats speed here.
import { FalcoReplayError } from '../common/index.js';
import { cstrEnd, i64, u16, u32, u64, u64BigInt, u64Hex } from './bytes.js';
import { decodeUtf8, splitNul } from './text.js';
import { FD_TYPE, IF_TYPE, LIMITS, MI_BODY_LEN, SHB_BODY_LEN, SHB_MAGIC, SHB_MAGIC_SWAPPED, plVersion, BT } from './format.js';
import { ipv4Text, ipv6Text } from './net.js';

export interface SectionHeader {
  /** 0-based index of the section in the file. */
  section: number;
  /** Offset of the SHB in the (decompressed) stream. */
  offset: number;
  major: number;
  minor: number;
  /** pcapng options after the fixed fields (sysdig ≤ 0.29.3 cannot read files that have any). */
  options: { code: number; value: Uint8Array }[];
  /** Text of opt_comment (code 1) options. */
  comments: string[];
}

export interface MachineInfo {
  numCpus: number;
  memoryBytes: number;
  maxPid: number;
  hostname: string;
  /** Host boot time in ns since the epoch (0 in files written before Dec 2022). */
  bootTimeNs: bigint;
  flags: bigint;
}

export interface ThreadEntry {
  /** Process-list block version (1–9) the entry came from. */
  version: number;
  tid: number;
  pid: number;
  ptid: number;
  /** Session id (v6+; −1 unknown). */
  sid: number;
  /** Process group as seen in its pid namespace (v8+; −1 unknown). */
  vpgid: number;
  /** Process group id (recent v9 writers; −1 unknown). */
  pgid: number;
  comm: string;
  /** argv[0]. */
  exe: string;
  /** Full executable path (v7+; '' unknown). */
  exepath: string;
  args: string[];
  cwd: string;
  fdlimit: number;
  /** PPM_CL_* flags. */
  flags: number;
  uid: number;
  gid: number;
  vmsizeKb: number;
  vmrssKb: number;
  vmswapKb: number;
  pfMajor: number;
  pfMinor: number;
  env: string[];
  vtid: number;
  vpid: number;
  cgroups: string[];
  root: string;
  pidnsInitStartTs: bigint;
  tty: number;
  /** Audit login uid; 0xFFFFFFFF when unset. */
  loginuid: number;
  exeWritable: boolean;
  capInheritable: bigint;
  capPermitted: bigint;
  capEffective: bigint;
  exeUpperLayer: boolean;
  exeLowerLayer: boolean;
  exeFromMemfd: boolean;
  exeIno: number;
  exeInoCtime: bigint;
  exeInoMtime: bigint;
}

export interface FdEntry {
  /** Thread owning the fd table the entry belongs to. */
  tid: number;
  fd: number;
  ino: number;
  /** FD_TYPE value (unknown types from newer writers become UNSUPPORTED, as in libs). */
  type: number;
  /** File, directory, unix socket path or other name; '' for inet sockets. */
  name: string;
  /** FILE_V2: PPM_O_* open flags and device number. */
  openFlags?: number;
  dev?: number;
  /** IPv4/IPv6 sockets (client: sip, dip, sport, dport; server: ip, port). */
  sip?: string;
  dip?: string;
  sport?: number;
  dport?: number;
  /** 0 unknown, 1 n/a, 2 TCP, 3 UDP, 4 ICMP, 5 raw. */
  l4proto?: number;
  /** Unix sockets: kernel socket addresses as hex text. */
  source?: string;
  destination?: string;
}

export interface InterfaceEntry {
  kind: 'ipv4' | 'ipv6';
  /** IL entry type 1–4 (3 and 4 are the legacy forms without link speed). */
  type: number;
  name: string;
  addr: string;
  netmask: string;
  broadcast: string;
  linkSpeed: number;
}

export interface UserEntry {
  uid: number;
  gid: number;
  name: string;
  home: string;
  shell: string;
}

export interface GroupEntry {
  gid: number;
  name: string;
}

/** A problem found inside a metadata block: where, and what. */
export interface BlockProblem {
  offset: number;
  message: string;
}

class Cursor {
  constructor(
    readonly b: Uint8Array,
    public p: number,
    public end: number,
  ) {}
  has(n: number): boolean {
    return this.end - this.p >= n;
  }
  need(n: number, what: string): void {
    if (this.end - this.p < n) throw new EntryError(this.p, `${what} runs past the end of its entry`);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.b[this.p++] as number;
  }
  /** Read `n` bytes with `read`, after checking they are there. */
  take<T>(n: number, what: string, read: (b: Uint8Array, at: number) => T): T {
    this.need(n, what);
    const v = read(this.b, this.p);
    this.p += n;
    return v;
  }
  u16(what: string): number {
    return this.take(2, what, u16);
  }
  u32(what: string): number {
    return this.take(4, what, u32);
  }
  i64(what: string): number {
    return this.take(8, what, i64);
  }
  u64(what: string): number {
    return this.take(8, what, u64);
  }
  u64big(what: string): bigint {
    return this.take(8, what, (b, at) => u64BigInt(u32(b, at + 4), u32(b, at)));
  }
  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const v = this.b.subarray(this.p, this.p + n);
    this.p += n;
    return v;
  }
  /** u16 length + bytes (no NUL); `max` is the largest length libscap accepts. */
  lstrRange(what: string, max: number): [number, number] {
    const at = this.p;
    const n = this.u16(`${what} length`);
    if (n > max) throw new EntryError(at, `${what} length ${n} exceeds the limit of ${max}`);
    this.need(n, what);
    const s = this.p;
    this.p += n;
    return [s, s + n];
  }
  lstr(what: string, max: number): string {
    const [s, e] = this.lstrRange(what, max);
    return decodeUtf8(this.b, s, cstrEnd(this.b, s, e));
  }
  lstrList(what: string, max: number): string[] {
    const [s, e] = this.lstrRange(what, max);
    return splitNul(this.b, s, e);
  }
}

class EntryError extends FalcoReplayError {
  constructor(
    override readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

function problemOf(err: unknown, base: number, fallback: number): BlockProblem {
  if (err instanceof EntryError) return { offset: base + err.offset, message: err.message };
  return { offset: base + fallback, message: err instanceof Error ? err.message : String(err) };
}

/**
 * SHB body: magic, version, section length, options. `base` maps buffer offsets to stream offsets.
 * Throws nothing; returns a problem for bad magic or version (fatal to the caller).
 */
export function parseSectionHeader(
  b: Uint8Array,
  start: number,
  end: number,
  section: number,
  base: number,
): { header: SectionHeader; problem?: BlockProblem & { code: string } } {
  const header: SectionHeader = { section, offset: base + start - 8, major: 0, minor: 0, options: [], comments: [] };
  if (end - start < SHB_BODY_LEN) return { header, problem: { code: 'SCAP_BAD_SECTION_HEADER', offset: base + start, message: `section header is shorter than ${SHB_BODY_LEN} bytes` } };
  const magic = u32(b, start);
  if (magic !== SHB_MAGIC) {
    const swapped = magic === SHB_MAGIC_SWAPPED;
    return {
      header,
      problem: {
        code: swapped ? 'SCAP_BIG_ENDIAN' : 'SCAP_BAD_MAGIC',
        offset: base + start,
        message: swapped
          ? 'byte-swapped section header magic: big-endian captures are not supported'
          : `bad section header magic 0x${magic.toString(16).padStart(8, '0')} (expected 0x1a2b3c4d)`,
      },
    };
  }
  header.major = u16(b, start + 4);
  header.minor = u16(b, start + 6);
  if (header.major > 1) {
    return { header, problem: { code: 'SCAP_VERSION', offset: base + start + 4, message: `capture format version ${header.major}.${header.minor} is newer than 1.x` } };
  }
  // Options: code u16, length u16, value padded to 4; code 0 ends the list.
  let p = start + SHB_BODY_LEN;
  while (end - p >= 4) {
    const code = u16(b, p);
    const len = u16(b, p + 2);
    if (code === 0) break;
    if (p + 4 + len > end) break;
    const value = b.subarray(p + 4, p + 4 + len);
    header.options.push({ code, value });
    if (code === 1) header.comments.push(decodeUtf8(value, 0, cstrEnd(value, 0, value.length)));
    p += 4 + ((len + 3) & ~3);
  }
  return { header };
}

export function parseMachineInfo(b: Uint8Array, start: number, end: number, base: number): { info?: MachineInfo; problem?: BlockProblem } {
  if (end - start < MI_BODY_LEN) {
    return { problem: { offset: base + start, message: `machine info body is ${end - start} bytes, expected ${MI_BODY_LEN}` } };
  }
  const info: MachineInfo = {
    numCpus: u32(b, start),
    memoryBytes: u64(b, start + 4),
    maxPid: u64(b, start + 12),
    hostname: decodeUtf8(b, start + 20, cstrEnd(b, start + 20, start + 148)),
    bootTimeNs: u64BigInt(u32(b, start + 152), u32(b, start + 148)),
    flags: u64BigInt(u32(b, start + 160), u32(b, start + 156)),
  };
  const problem = end - start > MI_BODY_LEN ? { offset: base + start + MI_BODY_LEN, message: `machine info body is ${end - start} bytes, expected ${MI_BODY_LEN}` } : undefined;
  return problem ? { info, problem } : { info };
}

function emptyThread(version: number): ThreadEntry {
  return {
    version,
    tid: 0,
    pid: 0,
    ptid: 0,
    sid: -1,
    vpgid: -1,
    pgid: -1,
    comm: '',
    exe: '',
    exepath: '',
    args: [],
    cwd: '',
    fdlimit: 0,
    flags: 0,
    uid: 0,
    gid: 0,
    vmsizeKb: 0,
    vmrssKb: 0,
    vmswapKb: 0,
    pfMajor: 0,
    pfMinor: 0,
    env: [],
    vtid: -1,
    vpid: -1,
    cgroups: [],
    root: '',
    pidnsInitStartTs: 0n,
    tty: 0,
    loginuid: 0xffffffff,
    exeWritable: false,
    capInheritable: 0n,
    capPermitted: 0n,
    capEffective: 0n,
    exeUpperLayer: false,
    exeLowerLayer: false,
    exeFromMemfd: false,
    exeIno: 0,
    exeInoCtime: 0n,
    exeInoMtime: 0n,
  };
}

/** Process list block (PL v1–v9): one entry per thread. Stops at the first damaged entry. */
export function parseProcessList(b: Uint8Array, start: number, end: number, bt: number, base: number, emit: (t: ThreadEntry) => void): BlockProblem | undefined {
  const v = plVersion(bt);
  let p = start;
  while (end - p >= 4) {
    const entryStart = p;
    try {
      let entryEnd = end;
      const c = new Cursor(b, p, end);
      if (v === 9) {
        const sub = c.u32('entry length');
        if (sub < 4 || sub > end - entryStart) throw new EntryError(entryStart, `process entry length ${sub} does not fit in its block`);
        entryEnd = entryStart + sub;
        c.end = entryEnd;
      }
      const t = emptyThread(v);
      t.tid = c.i64('tid');
      t.pid = c.i64('pid');
      t.ptid = c.i64('ptid');
      if (v >= 6) t.sid = c.i64('sid');
      if (v >= 8) t.vpgid = c.i64('vpgid');
      t.comm = c.lstr('comm', LIMITS.PATH);
      t.exe = c.lstr('exe', LIMITS.PATH);
      if (v >= 7) t.exepath = c.lstr('exepath', LIMITS.PATH);
      t.args = c.lstrList('args', LIMITS.ARGS);
      t.cwd = c.lstr('cwd', LIMITS.PATH);
      t.fdlimit = c.u64('fdlimit');
      t.flags = c.u32('flags');
      t.uid = c.u32('uid');
      t.gid = c.u32('gid');
      if (v >= 2) {
        t.vmsizeKb = c.u32('vmsize');
        t.vmrssKb = c.u32('vmrss');
        t.vmswapKb = c.u32('vmswap');
        t.pfMajor = c.u64('pfmajor');
        t.pfMinor = c.u64('pfminor');
      }
      if (v >= 3) t.env = c.lstrList('env', LIMITS.ARGS);
      if (v >= 4) {
        t.vtid = c.i64('vtid');
        t.vpid = c.i64('vpid');
        t.cgroups = c.lstrList('cgroups', LIMITS.ARGS);
      }
      if (v >= 5) t.root = c.lstr('root', LIMITS.PATH);
      if (v === 9) {
        // libs 0.10 put two fields before loginuid; ≤ 29 tail bytes is the old layout (docs/scap-format.md#process-list-tail).
        if (c.end - c.p > 29) {
          if (c.has(8)) t.pidnsInitStartTs = c.u64big('pidns_init_start_ts');
          if (c.has(4)) t.tty = c.u32('tty');
        }
        if (c.has(4)) t.loginuid = c.u32('loginuid');
        if (c.has(1)) t.exeWritable = c.u8('exe_writable') !== 0;
        if (c.has(8)) t.capInheritable = c.u64big('cap_inheritable');
        if (c.has(8)) t.capPermitted = c.u64big('cap_permitted');
        if (c.has(8)) t.capEffective = c.u64big('cap_effective');
        if (c.has(1)) t.exeUpperLayer = c.u8('exe_upper_layer') !== 0;
        if (c.has(8)) t.exeIno = c.u64('exe_ino');
        if (c.has(8)) t.exeInoCtime = c.u64big('exe_ino_ctime');
        if (c.has(8)) t.exeInoMtime = c.u64big('exe_ino_mtime');
        if (c.has(1)) t.exeFromMemfd = c.u8('exe_from_memfd') !== 0;
        if (c.has(1)) t.exeLowerLayer = c.u8('exe_lower_layer') !== 0;
        if (c.has(8)) t.pgid = c.i64('pgid');
        p = entryEnd;
      } else {
        p = c.p;
      }
      emit(t);
    } catch (err) {
      return problemOf(err, base, entryStart);
    }
  }
  return undefined;
}

/** File descriptor list block (FDL v1/v2): a tid, then its fds. */
export function parseFdList(b: Uint8Array, start: number, end: number, bt: number, base: number, emit: (f: FdEntry) => void): BlockProblem | undefined {
  const v2 = bt === BT.FDL_V2;
  if (end - start < 8) return { offset: base + start, message: 'fd list block is too short for its tid' };
  const tid = i64(b, start);
  let p = start + 8;
  while (end - p >= 4) {
    const entryStart = p;
    try {
      const c = new Cursor(b, p, end);
      let entryEnd = -1;
      if (v2) {
        const sub = c.u32('entry length');
        if (sub < 4 || sub > end - entryStart) throw new EntryError(entryStart, `fd entry length ${sub} does not fit in its block`);
        entryEnd = entryStart + sub;
        c.end = entryEnd;
      }
      const fd = c.i64('fd');
      const ino = c.u64('inode');
      let type = c.u8('fd type');
      const f: FdEntry = { tid, fd, ino, type, name: '' };
      switch (type) {
        case FD_TYPE.IPV4_SOCK:
          f.sip = ipv4Text(c.bytes(4, 'sip'), 0);
          f.dip = ipv4Text(c.bytes(4, 'dip'), 0);
          f.sport = c.u16('sport');
          f.dport = c.u16('dport');
          f.l4proto = c.u8('l4proto');
          break;
        case FD_TYPE.IPV6_SOCK:
          f.sip = ipv6Text(c.bytes(16, 'sip'), 0);
          f.dip = ipv6Text(c.bytes(16, 'dip'), 0);
          f.sport = c.u16('sport');
          f.dport = c.u16('dport');
          f.l4proto = c.u8('l4proto');
          break;
        case FD_TYPE.IPV4_SERVSOCK:
          f.sip = ipv4Text(c.bytes(4, 'ip'), 0);
          f.sport = c.u16('port');
          f.l4proto = c.u8('l4proto');
          break;
        case FD_TYPE.IPV6_SERVSOCK:
          f.sip = ipv6Text(c.bytes(16, 'ip'), 0);
          f.sport = c.u16('port');
          f.l4proto = c.u8('l4proto');
          break;
        case FD_TYPE.UNIX_SOCK:
          f.source = u64Hex(c.bytes(8, 'source'), 0);
          f.destination = u64Hex(c.bytes(8, 'destination'), 0);
          f.name = c.lstr('name', LIMITS.FD_NAME - 1);
          break;
        case FD_TYPE.FILE_V2:
          f.openFlags = c.u32('open flags');
          f.name = c.lstr('name', LIMITS.FD_NAME - 1);
          if (entryEnd >= 0 && c.has(4)) f.dev = c.u32('dev');
          break;
        case FD_TYPE.UNKNOWN:
          break;
        default:
          if (type <= FD_TYPE.PIDFD) {
            f.name = c.lstr('name', LIMITS.FD_NAME - 1);
          } else {
            // A newer writer's type: libs keeps it as UNSUPPORTED and skips by the v2 entry length.
            if (!v2) throw new EntryError(entryStart, `unknown fd type ${type} in a v1 fd list cannot be skipped`);
            f.name = `unknown-type:[${type}]`;
            type = FD_TYPE.UNSUPPORTED;
            f.type = type;
          }
      }
      p = entryEnd >= 0 ? entryEnd : c.p;
      emit(f);
    } catch (err) {
      return problemOf(err, base, entryStart);
    }
  }
  return undefined;
}

/** Interface list block (IL v1/v2). */
export function parseInterfaceList(b: Uint8Array, start: number, end: number, bt: number, base: number, emit: (i: InterfaceEntry) => void): BlockProblem | undefined {
  const v2 = bt === BT.IL_V2;
  let p = start;
  while (end - p >= 4) {
    const entryStart = p;
    let q = p;
    let entryEnd = -1;
    if (v2) {
      const sub = u32(b, q);
      q += 4;
      if (sub > end - q) return { offset: base + entryStart, message: `interface entry length ${sub} does not fit in its block` };
      entryEnd = q + sub;
    }
    if (end - q < 4) return { offset: base + q, message: 'interface entry is truncated' };
    const type = u16(b, q);
    const nameLen = u16(b, q + 2);
    if (nameLen >= LIMITS.FD_NAME) return { offset: base + q + 2, message: `interface name length ${nameLen} exceeds the limit of ${LIMITS.FD_NAME - 1}` };
    const ipv6 = type === IF_TYPE.IPV6 || type === IF_TYPE.IPV6_NOLINKSPEED;
    if (type < 1 || type > 4) return { offset: base + q, message: `unknown interface type ${type}` };
    const asz = ipv6 ? 16 : 4;
    const speed = type === IF_TYPE.IPV4 || type === IF_TYPE.IPV6;
    const fixed = 4 + 3 * asz + (speed ? 8 : 0);
    const size = fixed + nameLen;
    const limit = entryEnd >= 0 ? entryEnd : end;
    if (limit - q < size) return { offset: base + q, message: `interface entry of ${size} bytes runs past the end of its ${entryEnd >= 0 ? 'entry' : 'block'}` };
    const a = q + 4;
    const fmt = ipv6 ? ipv6Text : ipv4Text;
    emit({
      kind: ipv6 ? 'ipv6' : 'ipv4',
      type,
      addr: fmt(b, a),
      netmask: fmt(b, a + asz),
      broadcast: fmt(b, a + 2 * asz),
      linkSpeed: speed ? u64(b, a + 3 * asz) : 0,
      name: decodeUtf8(b, q + fixed, cstrEnd(b, q + fixed, q + fixed + nameLen)),
    });
    p = entryEnd >= 0 ? entryEnd : q + size;
  }
  return undefined;
}

/** User list block (UL v1/v2): users and groups. */
export function parseUserList(
  b: Uint8Array,
  start: number,
  end: number,
  bt: number,
  base: number,
  emitUser: (u: UserEntry) => void,
  emitGroup: (g: GroupEntry) => void,
): BlockProblem | undefined {
  const v2 = bt === BT.UL_V2;
  let p = start;
  while (end - p >= 4) {
    const entryStart = p;
    try {
      const c = new Cursor(b, p, end);
      let entryEnd = -1;
      if (v2) {
        const sub = c.u32('entry length');
        if (sub < 4 || sub > end - entryStart) throw new EntryError(entryStart, `user entry length ${sub} does not fit in its block`);
        entryEnd = entryStart + sub;
        c.end = entryEnd;
      }
      const kind = c.u8('entry kind');
      if (kind === 0) {
        const uid = c.u32('uid');
        const gid = c.u32('gid');
        const name = c.lstr('user name', LIMITS.CREDENTIAL - 1);
        const home = c.lstr('home', LIMITS.CREDENTIAL - 1);
        const shell = c.lstr('shell', LIMITS.CREDENTIAL - 1);
        emitUser({ uid, gid, name, home, shell });
      } else {
        // libscap treats every non-zero kind as a group.
        const gid = c.u32('gid');
        const name = c.lstr('group name', LIMITS.CREDENTIAL - 1);
        emitGroup({ gid, name });
      }
      p = entryEnd >= 0 ? entryEnd : c.p;
    } catch (err) {
      return problemOf(err, base, entryStart);
    }
  }
  return undefined;
}
