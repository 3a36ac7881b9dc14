// Public shapes of the state engine: options, the per-event evaluation context and alert snapshots.
import type { EventSchema } from '../../scap/index.js';
import type { PluginExtractorSource } from '../plugins/index.js';

/**
 * Which libsinsp the state and field semantics follow (docs/sinsp-semantics.md#profiles):
 * - `falco` (default): current libs and the container plugin (Falco ≥ 0.42). Events are read converted
 *   (current layouts, enter parameters merged into exits); with `legacyEnterEvents` enter events are
 *   delivered too and reach the rules, as in Falco ≤ 0.41.
 * - `sysdig-0.29.3`: 2022 libsinsp, as sysdig 0.29.3 (and Falco 0.31) read a capture: the file's own events
 *   with their original layouts, every enter and exit event, and the 2022 quirks. For parity tests with sysdig.
 */
export type StateProfile = 'falco' | 'sysdig-0.29.3';

export interface InspectorOptions {
  /** Falco ≤0.41 behaviour: enter and exit events both reach the rules (sysdig 0.29.3 does this too). Default false = Falco ≥0.42. */
  legacyEnterEvents?: boolean;
  /** Host name for evt.hostname (Falco: FALCO_HOSTNAME env, else system host name; the CLI passes it in). */
  hostname?: string;
  /** State and field semantics (default `falco`). `sysdig-0.29.3` implies every enter event reaches the rules. */
  profile?: StateProfile;
  /** Event table for the `sysdig-0.29.3` profile (default sysdig 0.29.3's; `events --schema current` passes the current one). */
  schema?: EventSchema;
  /**
   * Thread table capacity (default libsinsp's: 262144 for `falco`, 131072 for `sysdig-0.29.3`; Falco's
   * `falco_libs.thread_table_size`). New threads beyond it are not tracked, and a warning counts them.
   */
  maxThreads?: number;
  /** UTC offset in seconds for local times (evt.time, evt.datetime); default: the offset in force now, as libsinsp does. */
  zoneSeconds?: number;
  /** The capture file being read, as the caller names it (capture.file). */
  captureFile?: string;
  /** Plugin field extraction besides the built-in plugins (loaded plugin libraries), consulted after them. */
  pluginExtractors?: readonly PluginExtractorSource[];
}

/** A thread as an alert snapshot shows it (detached: plain data). */
export interface ThreadSnapshot {
  tid: number;
  pid: number;
  ptid: number;
  comm: string;
  exe: string;
  exepath: string;
  args: string[];
  cwd: string;
  uid: number;
  gid: number;
  user: string | undefined;
  loginuid: number;
  tty: number;
  containerId: string;
}

/** An fd as an alert snapshot shows it. */
export interface FdSnapshot {
  fd: number;
  /** `file`, `ipv4`, `unix`... (Falco's fd.type). */
  type: string;
  /** Falco's fd.typechar. */
  typechar: string;
  name: string;
}

/** Detached state of the current event for an alert: its thread, the thread's ancestors (parent first) and fd table. */
export interface EventSnapshot {
  evtNum: number;
  /** Timestamp in ns since the epoch, as exact decimal text. */
  ts: string;
  type: string;
  dir: '>' | '<';
  /** Number of the fd the event uses, -1 if none. */
  fdNum: number;
  thread: ThreadSnapshot | undefined;
  ancestors: ThreadSnapshot[];
  fds: FdSnapshot[];
}
