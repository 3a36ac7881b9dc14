// The recorder's TypeScript control plane: validate options, start the addon, queue plugin events, stop.
// Per-event work never crosses into JavaScript; this file only starts, feeds and stops the native thread.
import { resolve } from 'node:path';
import { FalcoReplayError } from '../common/index.js';
import type { Diagnostic } from '../common/index.js';
import { loadBinding } from './loader.js';
import type { CommandExit, NativeBinding, NativeSession, NativeStartOptions, RecordOptions, RecordStats } from './types.js';

export const DEFAULT_RING_BYTES_PER_CPU = 8 << 20;
export const MAX_SNAPLEN = 4096;

function fail(code: string, message: string, extra: Partial<Diagnostic> = {}): never {
  throw new FalcoReplayError({ code, severity: 'error', message, ...extra });
}

function envStrings(env: Readonly<Record<string, string | undefined>>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out.push(`${k}=${v}`);
  return out;
}

/** Checks options and turns them into what the addon takes. Pure: no I/O besides the PATH lookup. */
export function toNativeOptions(opts: RecordOptions, binding: Pick<NativeBinding, 'resolveCommand' | 'syscalls'>): NativeStartOptions {
  if (!opts.out) fail('RECORD_BAD_OPTION', 'an output file is required');
  const native: NativeStartOptions = {
    mode: opts.mode,
    out: resolve(opts.out),
    layout: opts.layout ?? 'compat',
    gzip: opts.gzip ?? opts.out.endsWith('.gz'),
    ringBytesPerCpu: opts.ringBytesPerCpu ?? DEFAULT_RING_BYTES_PER_CPU,
    snaplen: opts.snaplen ?? 0,
  };
  if (native.layout !== 'compat' && native.layout !== 'current') fail('RECORD_BAD_OPTION', `unknown layout '${String(native.layout)}' (compat or current)`);
  const ring = native.ringBytesPerCpu ?? 0;
  if (!Number.isInteger(ring) || ring < 4096 || (ring & (ring - 1)) !== 0) {
    fail('RECORD_BAD_OPTION', `ring size ${ring} is not a power of two of at least 4096 bytes`);
  }
  const snap = native.snaplen ?? 0;
  if (!Number.isInteger(snap) || snap < 0 || snap > MAX_SNAPLEN) fail('RECORD_BAD_OPTION', `snaplen must be an integer from 0 to ${MAX_SNAPLEN}`);
  if (opts.syscalls) {
    const known = new Set(binding.syscalls());
    const unknown = opts.syscalls.filter((s) => !known.has(s));
    if (unknown.length) {
      fail('RECORD_BAD_OPTION', `the recorder does not know the syscall(s) ${unknown.join(', ')}`, {
        notes: [`known: ${[...known].join(', ')}`],
      });
    }
    native.syscalls = [...opts.syscalls];
  }
  if (opts.mode === 'tree') {
    const cmd = opts.command ?? [];
    const file = cmd[0];
    if (!file) fail('RECORD_BAD_OPTION', 'tree mode needs a command (falco-replay record -o FILE -- CMD ARGS...)');
    const env = opts.env ?? process.env;
    const exe = binding.resolveCommand(file, env.PATH ?? '');
    if (!exe) fail('RECORD_COMMAND_NOT_FOUND', `command not found or not executable: ${file}`);
    native.exePath = exe;
    native.argv = [...cmd];
    native.env = envStrings(env);
    if (opts.cwd) native.cwd = resolve(opts.cwd);
    native.stdio = opts.stdio ?? ['inherit', 'inherit', 'inherit'];
  } else if (opts.mode === 'cgroup') {
    if (!opts.cgroupPath) fail('RECORD_BAD_OPTION', 'cgroup mode needs a cgroup path');
    native.cgroupPath = opts.cgroupPath.startsWith('/') ? opts.cgroupPath : `/sys/fs/cgroup/${opts.cgroupPath}`;
  } else if (opts.mode !== 'system') {
    fail('RECORD_BAD_OPTION', `unknown mode '${String(opts.mode)}' (tree, cgroup or system)`);
  }
  return native;
}

/** A running recording. */
export class Recording {
  /** Resolves when the recorded command exits (tree mode); never resolves in the other modes. */
  readonly exited: Promise<CommandExit>;
  readonly out: string;
  private stopped: Promise<RecordStats> | undefined;

  constructor(
    private readonly session: NativeSession,
    exited: Promise<CommandExit>,
    out: string,
  ) {
    this.exited = exited;
    this.out = out;
  }

  /** Process id of the recorded command (0 outside tree mode). */
  get pid(): number {
    return this.session.pid;
  }

  /** Live counters (the last values once stopped). */
  stats(): RecordStats | null {
    return this.session.stats();
  }

  /**
   * Queues a plugin event (PPME_PLUGINEVENT_E with the plugin id and payload) to be written in timestamp order
   * with the syscall events. Objects are written as JSON. `tsNs` (ns since the epoch) defaults to now.
   */
  writePluginEvent(pluginId: number, payload: Buffer | string | object, tsNs?: bigint): void {
    if (!Number.isInteger(pluginId) || pluginId < 1 || pluginId > 0xffffffff) {
      fail('RECORD_BAD_OPTION', `plugin id ${pluginId} is not an integer from 1 to 4294967295 (0 is not a valid plugin id)`);
    }
    const buf = Buffer.isBuffer(payload) ? payload : Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
    if (buf.length > 64 << 20) fail('RECORD_BAD_OPTION', `plugin event payload of ${buf.length} bytes is larger than 64 MiB`);
    this.session.writePluginEvent(pluginId, buf, tsNs);
  }

  /** Detaches the probe, writes what is still buffered plus the trailing stats event, closes the file. */
  stop(): Promise<RecordStats> {
    this.stopped ??= this.session.stop().catch((err: unknown) => {
      const msg = err instanceof Error ? err.message : String(err);
      fail('RECORD_FAILED', `recording to ${this.out} failed: ${msg}`);
    });
    return this.stopped;
  }
}

/** Starts a recording. Throws FalcoReplayError (RECORD_NO_ADDON, RECORD_PRIVILEGES, RECORD_BAD_OPTION, ...). */
export async function startRecording(opts: RecordOptions, binding: NativeBinding = loadBinding()): Promise<Recording> {
  const problem = binding.check();
  if (problem) {
    fail('RECORD_PRIVILEGES', `cannot record: ${problem}`, {
      suggestion: 'run as root, or grant the capabilities, e.g. setcap cap_bpf,cap_perfmon,cap_sys_ptrace,cap_dac_read_search+ep on the node binary',
    });
  }
  const native = toNativeOptions(opts, binding);
  let onExit: (e: CommandExit) => void = () => {};
  const exited = new Promise<CommandExit>((res) => (onExit = res));
  let session: NativeSession;
  try {
    session = await binding.start(native, (e) => onExit(e));
  } catch (err) {
    const e = err as Error & { code?: string };
    const code = e.code === 'EPERM' ? 'RECORD_PRIVILEGES' : e.code === 'EINVAL' ? 'RECORD_BAD_OPTION' : 'RECORD_FAILED';
    fail(code, `cannot record: ${e.message ?? String(err)}`);
  }
  return new Recording(session, exited, native.out);
}
