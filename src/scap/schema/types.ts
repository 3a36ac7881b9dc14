// Shapes of the generated event tables (see event-table.generated.ts for provenance).

/** Parameter types (PT_*), numbered as in libs' ppm_events_public.h. */
export const PT = {
  NONE: 0, INT8: 1, INT16: 2, INT32: 3, INT64: 4, UINT8: 5, UINT16: 6, UINT32: 7, UINT64: 8,
  CHARBUF: 9, BYTEBUF: 10, ERRNO: 11, SOCKADDR: 12, SOCKTUPLE: 13, FD: 14, PID: 15, FDLIST: 16,
  FSPATH: 17, SYSCALLID: 18, SIGTYPE: 19, RELTIME: 20, ABSTIME: 21, PORT: 22, L4PROTO: 23,
  SOCKFAMILY: 24, BOOL: 25, IPV4ADDR: 26, DYN: 27, FLAGS8: 28, FLAGS16: 29, FLAGS32: 30, UID: 31,
  GID: 32, DOUBLE: 33, SIGSET: 34, CHARBUFARRAY: 35, CHARBUF_PAIR_ARRAY: 36, IPV4NET: 37,
  IPV6ADDR: 38, IPV6NET: 39, IPADDR: 40, IPNET: 41, MODE: 42, FSRELPATH: 43, ENUMFLAGS8: 44,
  ENUMFLAGS16: 45, ENUMFLAGS32: 46, FD32: 47, PID32: 48,
} as const;
export type ParamType = (typeof PT)[keyof typeof PT];

/** Print formats (PF_*). */
export const PF = { NA: 0, DEC: 1, HEX: 2, PADDED_DEC: 3, ID: 4, DIR: 5, OCT: 6 } as const;

/** Event flags (EF_*). */
export const EF = {
  CREATES_FD: 1, DESTROYS_FD: 2, USES_FD: 4, READS_FROM_FD: 8, WRITES_TO_FD: 16, MODIFIES_STATE: 32,
  UNUSED: 64, WAITS: 128, SKIPPARSERESET: 256, OLD_VERSION: 512, LARGE_PAYLOAD: 2048, CONVERTER_MANAGED: 4096,
} as const;

/** Event categories (EC_*): the low bits are an enumeration, the high bits flags. */
export const EC = {
  UNKNOWN: 0, OTHER: 1, FILE: 2, NET: 3, IPC: 4, MEMORY: 5, PROCESS: 6, SLEEP: 7, SYSTEM: 8, SIGNAL: 9,
  USER: 10, TIME: 11, PROCESSING: 12, IO_READ: 32, IO_WRITE: 33, IO_OTHER: 34, WAIT: 64, SCHEDULER: 128,
  INTERNAL: 256, SYSCALL: 512, TRACEPOINT: 1024, PLUGIN: 2048, METAEVENT: 4096, ITER: 8192,
} as const;

export interface ParamInfo {
  readonly name: string;
  readonly type: number;
  readonly fmt: number;
  /** Name of the entry in FLAG_TABLES for FLAGS and ENUMFLAGS parameters. */
  readonly flagsTable?: string;
  /** Name of the entry in DYN_TABLES for PT_DYN parameters. */
  readonly dynTable?: string;
  /** For PT_FSRELPATH: index of the PT_FD parameter holding the directory fd. */
  readonly dirfdIndex?: number;
}

export interface ConverterRule {
  /** The nparams of the stored event this rule applies to. */
  readonly nparams: number;
  readonly action: 'ADD_PARAMS' | 'STORE' | 'CHANGE_TYPE' | 'PASS' | 'STORE_AND_PASS';
  /** For CHANGE_TYPE: the event code to convert to. */
  readonly to?: number;
}

export interface EventInfo {
  readonly code: number;
  /** Display name shared by every version of an event (`execve`, `open`). */
  readonly name: string;
  /** libs enum symbol, e.g. PPME_SYSCALL_OPEN_E. */
  readonly enumName: string;
  readonly dir: 'E' | 'X';
  readonly category: number;
  readonly flags: number;
  readonly params: readonly ParamInfo[];
  readonly converter?: readonly ConverterRule[];
}

export interface DynParamInfo {
  readonly index: number;
  readonly type: number;
  readonly fmt: number;
}
