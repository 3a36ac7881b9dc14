// Block types, magic numbers, header sizes and limits of the scap capture format (docs/scap-format.md).

/** pcapng-style block type ids (docs/scap-format.md#block-types). */
export const BT = {
  SHB: 0x0a0d0d0a,
  MI: 0x201,
  MI_INT: 0x8002abcd,
  PL_V1: 0x202,
  PL_V1_INT: 0x8000abcd,
  PL_V2: 0x207,
  PL_V2_INT: 0x8013abcd,
  PL_V3: 0x209,
  PL_V3_INT: 0x8014abcd,
  PL_V4: 0x210,
  PL_V5: 0x211,
  PL_V6: 0x212,
  PL_V7: 0x213,
  PL_V8: 0x214,
  PL_V9: 0x215,
  FDL_V1: 0x203,
  FDL_V1_INT: 0x8001abcd,
  FDL_V2: 0x218,
  IL_V1: 0x205,
  IL_V1_INT: 0x8011abcd,
  IL_V2: 0x219,
  UL_V1: 0x206,
  UL_V1_INT: 0x8012abcd,
  UL_V2: 0x220,
  EV_V1: 0x204,
  EV_V1_INT: 0x8010abcd,
  EVF_V1: 0x208,
  EV_V2: 0x216,
  EVF_V2: 0x217,
  EV_V2_LARGE: 0x221,
  EVF_V2_LARGE: 0x222,
} as const;

export const SHB_MAGIC = 0x1a2b3c4d;
export const SHB_MAGIC_SWAPPED = 0x4d3c2b1a;
export const SHB_MAJOR = 1;
export const SHB_MINOR = 2;
/** SHB body without options: magic, major, minor, section length. */
export const SHB_BODY_LEN = 16;
export const MI_BODY_LEN = 180;
export const GZIP_MAGIC0 = 0x1f;
export const GZIP_MAGIC1 = 0x8b;

/** Event header sizes: v1 has no nparams field. */
export const EVT_HDR_V1 = 22;
export const EVT_HDR_V2 = 26;

/** Process-list version number (1–9) of a PL block type, or 0. */
export function plVersion(bt: number): number {
  switch (bt) {
    case BT.PL_V1:
    case BT.PL_V1_INT:
      return 1;
    case BT.PL_V2:
    case BT.PL_V2_INT:
      return 2;
    case BT.PL_V3:
    case BT.PL_V3_INT:
      return 3;
    case BT.PL_V4:
      return 4;
    case BT.PL_V5:
      return 5;
    case BT.PL_V6:
      return 6;
    case BT.PL_V7:
      return 7;
    case BT.PL_V8:
      return 8;
    case BT.PL_V9:
      return 9;
    default:
      return 0;
  }
}

export function isEventBlock(bt: number): boolean {
  return (
    bt === BT.EV_V2 || bt === BT.EV_V1 || bt === BT.EVF_V2 || bt === BT.EV_V2_LARGE || bt === BT.EVF_V2_LARGE || bt === BT.EVF_V1 || bt === BT.EV_V1_INT
  );
}

/** Event blocks with a u32 dump-flags field after the cpu id. */
export function hasDumpFlags(bt: number): boolean {
  return bt === BT.EVF_V2 || bt === BT.EVF_V1 || bt === BT.EVF_V2_LARGE;
}

/** Event blocks with the 22-byte (v1) event header. */
export function isV1EventBlock(bt: number): boolean {
  return bt === BT.EV_V1 || bt === BT.EV_V1_INT || bt === BT.EVF_V1;
}

export function isLargeEventBlock(bt: number): boolean {
  return bt === BT.EV_V2_LARGE || bt === BT.EVF_V2_LARGE;
}

/** Human name of a block type, e.g. `PL v9 (0x215)`. */
export function blockTypeName(bt: number): string {
  const hex = `0x${(bt >>> 0).toString(16)}`;
  const n = BLOCK_NAMES.get(bt >>> 0);
  return n === undefined ? `unknown (${hex})` : `${n} (${hex})`;
}

const BLOCK_NAMES = new Map<number, string>([
  [BT.SHB, 'SHB'],
  [BT.MI, 'MI'],
  [BT.MI_INT, 'MI'],
  [BT.PL_V1, 'PL v1'],
  [BT.PL_V1_INT, 'PL v1'],
  [BT.PL_V2, 'PL v2'],
  [BT.PL_V2_INT, 'PL v2'],
  [BT.PL_V3, 'PL v3'],
  [BT.PL_V3_INT, 'PL v3'],
  [BT.PL_V4, 'PL v4'],
  [BT.PL_V5, 'PL v5'],
  [BT.PL_V6, 'PL v6'],
  [BT.PL_V7, 'PL v7'],
  [BT.PL_V8, 'PL v8'],
  [BT.PL_V9, 'PL v9'],
  [BT.FDL_V1, 'FDL v1'],
  [BT.FDL_V1_INT, 'FDL v1'],
  [BT.FDL_V2, 'FDL v2'],
  [BT.IL_V1, 'IL v1'],
  [BT.IL_V1_INT, 'IL v1'],
  [BT.IL_V2, 'IL v2'],
  [BT.UL_V1, 'UL v1'],
  [BT.UL_V1_INT, 'UL v1'],
  [BT.UL_V2, 'UL v2'],
  [BT.EV_V1, 'EV v1'],
  [BT.EV_V1_INT, 'EV v1'],
  [BT.EVF_V1, 'EVF v1'],
  [BT.EV_V2, 'EV v2'],
  [BT.EVF_V2, 'EVF v2'],
  [BT.EV_V2_LARGE, 'EV v2 large'],
  [BT.EVF_V2_LARGE, 'EVF v2 large'],
]);

/** File-descriptor types in FDL blocks (docs/scap-format.md#fd-list). */
export const FD_TYPE = {
  UNKNOWN: 0,
  FILE: 1,
  DIRECTORY: 2,
  IPV4_SOCK: 3,
  IPV6_SOCK: 4,
  IPV4_SERVSOCK: 5,
  IPV6_SERVSOCK: 6,
  FIFO: 7,
  UNIX_SOCK: 8,
  EVENT: 9,
  UNSUPPORTED: 10,
  SIGNALFD: 11,
  EVENTPOLL: 12,
  INOTIFY: 13,
  TIMERFD: 14,
  NETLINK: 15,
  FILE_V2: 16,
  BPF: 17,
  USERFAULTFD: 18,
  IOURING: 19,
  MEMFD: 20,
  PIDFD: 21,
} as const;

/** Type characters sysdig shows in fd resolutions (`<f>`, `<4t>`…), indexed by FD_TYPE. */
export const FD_TYPE_CHAR: readonly string[] = [
  'o', 'f', 'd', '4', '6', '4', '6', 'p', 'u', 'e', 'X', 's', 'l', 'i', 't', 'n', 'f', 'b', 'u', 'r', 'm', 'P',
];

/** Dump flags of EVF blocks (docs/scap-format.md#event-blocks). */
export const DUMP_FLAG = { STATE_ONLY: 1, TRACER: 2 } as const;

/** Lengths the reader enforces (libscap's, docs/scap-format.md#process-list-limits); longer means a corrupt file. */
export const LIMITS = {
  /** comm, exe, exepath, cwd, root. */
  PATH: 1024,
  /** args, env, cgroups. */
  ARGS: 4096,
  /** fd names and interface names must be shorter than this. */
  FD_NAME: 1024,
  /** user/group name, home, shell must be shorter than this. */
  CREDENTIAL: 256,
  /** Non-LARGE event blocks: total length − 8 must not exceed this. */
  EVENT_BLOCK_BODY: 65536,
  /** Default cap for LARGE event blocks (plugin payloads); configurable. */
  LARGE_EVENT_BLOCK: 64 * 1024 * 1024,
  /** Default cap for metadata blocks (process lists can be large); configurable. */
  METADATA_BLOCK: 64 * 1024 * 1024,
} as const;

/** Interface entry kinds in IL blocks (docs/scap-format.md#interface-list). */
export const IF_TYPE = { IPV4: 1, IPV6: 2, IPV4_NOLINKSPEED: 3, IPV6_NOLINKSPEED: 4 } as const;

/** l4 protocol codes in FDL entries. */
export const L4_PROTO = { UNKNOWN: 0, NA: 1, TCP: 2, UDP: 3, ICMP: 4, RAW: 5 } as const;
