// Types of the native recorder: what the addon (native/src/addon.cc) accepts and returns, and the options
// of the TypeScript API built on it. Nothing here loads the addon.

/** What is recorded: a command's process tree, a cgroup subtree, or every process on the host. */
export type RecordMode = 'tree' | 'cgroup' | 'system';

/**
 * Event layout of the capture. `compat` (default): enter+exit pairs with the event versions and parameter
 * counts sysdig 0.29.3 reads and current libs converts. `current`: exit events only, current libs counts.
 */
export type CaptureLayout = 'compat' | 'current';

/** A stdio slot of the recorded command: inherit ours, /dev/null, or a file descriptor of this process. */
export type StdioSpec = 'inherit' | 'ignore' | number;

/** Counters of a recording. Byte and event counts are exact; `drops` are records the probe lost. */
export interface RecordStats {
  /** Records received from the probe (one per syscall exit, exec, clone side or thread exit). */
  records: number;
  /** scap events written (compat writes two per syscall), plugin and the trailing stats event included. */
  events: number;
  pluginEvents: number;
  /** Uncompressed scap bytes produced, and bytes in the file (they differ with gzip). */
  bytesRaw: number;
  bytesWritten: number;
  /** Records lost because a ring buffer was full; `dropsState` counts the state-changing ones among them. */
  drops: number;
  dropsState: number;
  /** Events that did not match the event table of their layout (a recorder bug if not 0). */
  encodeErrors: number;
  badRecords: number;
  /** Records written with a timestamp below an earlier one (should stay 0). */
  outOfOrder: number;
  cpus: number;
  /** Size of the /proc snapshot and how long it took; probe load + attach time. */
  stateThreads: number;
  stateFds: number;
  stateMs: number;
  loadMs: number;
  /** Start (state written) and end of the recording, ns since the epoch (0 while running). */
  startTs: number;
  endTs: number;
  childPid: number;
  childExited: boolean;
  childStatus: number;
  lastError: string;
}

/** How the recorded command ended: `code` if it exited, `signal` if a signal killed it. */
export interface CommandExit {
  pid: number;
  code: number | null;
  signal: number | null;
}

/** Options of the addon's start(); the TypeScript API fills them from RecordOptions. */
export interface NativeStartOptions {
  mode: RecordMode;
  out: string;
  gzip?: boolean;
  layout?: CaptureLayout;
  ringBytesPerCpu?: number;
  snaplen?: number;
  cgroupPath?: string;
  /** tree mode: resolved executable, argv (argv[0] included), environment as KEY=VALUE strings. */
  exePath?: string;
  argv?: string[];
  env?: string[];
  cwd?: string;
  stdio?: [StdioSpec, StdioSpec, StdioSpec];
  syscalls?: string[];
  watermarkMs?: number;
  pollUs?: number;
}

/** A running recording inside the addon. */
export interface NativeSession {
  readonly pid: number;
  stats(): RecordStats | null;
  writePluginEvent(pluginId: number, payload: Buffer, tsNs?: bigint): void;
  stop(): Promise<RecordStats>;
}

/** The addon's exports (falco_replay_recorder.node). */
export interface NativeBinding {
  readonly abiVersion: number;
  start(options: NativeStartOptions, onExit?: (exit: CommandExit) => void): Promise<NativeSession>;
  /** null if this process may record, else what is missing (capabilities, kernel BTF). */
  check(): string | null;
  /** Syscalls the probe understands. */
  syscalls(): string[];
  /** PATH lookup as execvp does it; null if not found. */
  resolveCommand(file: string, path?: string): string | null;
}

/** Options of startRecording(). */
export interface RecordOptions {
  /** Output file; `.gz` output is gzip-compressed when `gzip` is not given. */
  out: string;
  mode: RecordMode;
  /** tree mode: the command and its arguments (command[0] is looked up in PATH). */
  command?: readonly string[];
  /** tree mode: environment of the command (default: this process's). */
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  stdio?: [StdioSpec, StdioSpec, StdioSpec];
  /** cgroup mode: the cgroup directory (e.g. /sys/fs/cgroup/system.slice/nginx.service). */
  cgroupPath?: string;
  layout?: CaptureLayout;
  gzip?: boolean;
  /** Ring buffer size per CPU in bytes (power of two, default 8 MiB). */
  ringBytesPerCpu?: number;
  /** Bytes of I/O data kept per read/write (0-4096, default 0). */
  snaplen?: number;
  /** Record only these syscalls (process lifecycle syscalls are always recorded). */
  syscalls?: readonly string[];
}
