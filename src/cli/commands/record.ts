// `falco-replay record`: capture a command's process tree, a cgroup or the whole host into a scap file.
import type { Command } from 'commander';
import { cpus, hostname, totalmem } from 'node:os';
import { escapeControl, isFalcoReplayError } from '../../common/index.js';
import { startRecording } from '../../native/index.js';
import { PLUGIN_EVENT, ScapFileWriter } from '../../scap/index.js';
import { pluginEventSources, PluginEventsError, readAllPluginEvents, type PluginEventRecord } from '../plugin-events.js';
import type { CommandExit, Recording, RecordMode, RecordStats } from '../../native/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { recordPluginSource } from './record-plugin-source.js';

/** Process title of a running recorder: the comm (`proc.pname` of a recorded command) rules can exclude. */
export const RECORDER_PROCESS_TITLE = 'falco-replay';

interface RecordCliOptions {
  out: string;
  cgroup?: string;
  all?: boolean;
  duration?: string;
  layout: string;
  gzip?: boolean;
  snaplen: string;
  ringSize: string;
  syscalls?: string;
  quiet?: boolean;
  plugin?: string[];
  pluginSource?: string;
  pluginOpenParams?: string;
  pluginEvents?: string[];
}

/** "30s", "5m", "1h", "250ms" or a plain number of seconds -> milliseconds; NaN if unreadable. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000);
}

/** "8M", "512K", "16777216" -> bytes; NaN if unreadable. */
export function parseSize(text: string): number {
  const m = /^(\d+)([kKmMgG])?[bB]?$/.exec(text.trim());
  if (!m) return NaN;
  const mult = { k: 1024, m: 1 << 20, g: 1 << 30 }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Number(m[1]) * mult;
}

function describeStats(s: RecordStats): string {
  const size = s.bytesWritten >= 1e6 ? `${(s.bytesWritten / 1e6).toFixed(1)} MB` : `${(s.bytesWritten / 1e3).toFixed(1)} kB`;
  const secs = s.endTs > s.startTs ? ((s.endTs - s.startTs) / 1e9).toFixed(2) : '?';
  return `${s.events} events (${s.records} syscall records, ${s.pluginEvents} plugin events) in ${secs} s, ${size} written, ${s.drops} dropped`;
}

export function registerRecord(program: Command, io: CliIo): void {
  program
    .command('record')
    .description(
      'Record syscalls into a scap capture that falco-replay, sysdig and Falco read: a command and its children ' +
        '(-- CMD ARGS...), a cgroup (--cgroup) or the whole host (--all). Needs root, or CAP_BPF, CAP_PERFMON, ' +
        'CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH.',
    )
    .requiredOption('-o, --out <file>', 'capture file to write (gzip-compressed if it ends in .gz)')
    .option('--cgroup <path>', 'record the processes of this cgroup and its descendants')
    .option('--all', 'record every process on the host')
    .option('--duration <time>', 'stop after this long, e.g. 30s, 5m (otherwise Ctrl-C or SIGTERM, or the command exiting)')
    .option('--layout <layout>', 'compat: enter+exit pairs that sysdig 0.29.3 and current libs read; current: exit events only', 'compat')
    .option('--gzip', 'compress the capture')
    .option('--snaplen <bytes>', 'bytes of read/write data to keep per syscall (0-4096; 0 keeps none)', '80')
    .option('--ring-size <bytes>', 'ring buffer per CPU, a power of two (e.g. 8M, 32M)', '8M')
    .option('--syscalls <list>', 'record only these syscalls, comma-separated (process lifecycle is always recorded)')
    .option(
      '--plugin-events <source:file>',
      `plugin events to write, each with its record's own time (repeatable): k8s_audit (an audit event, an EventList or JSON lines), aws_cloudtrail ({"Records": [...]} or one record), json or another registered source (JSON lines); alone (no root needed) or with the syscalls recorded (sources: ${pluginEventSources().join(', ')})`,
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .option('-q, --quiet', 'print nothing but errors')
    .option('--plugin <path[:init_config]>', 'load a Falco plugin library (repeatable), for --plugin-source', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--plugin-source <name>', 'record the events of this loaded source plugin (its name or event source) instead of syscalls; needs no privileges')
    .option('--plugin-open-params <params>', "the source plugin's open parameters")
    .argument('[command...]', 'the command to record, after --')
    .action(async (command: string[], opts: RecordCliOptions) => {
      io.exitCode = await runRecord(command, opts, io);
    });
}

async function runRecord(command: string[], opts: RecordCliOptions, io: CliIo): Promise<number> {
  const say = (msg: string): void => {
    if (!opts.quiet) io.stderr.write(`falco-replay record: ${escapeControl(msg)}\n`);
  };
  const usage = (msg: string): number => {
    io.stderr.write(`falco-replay record: ${escapeControl(msg)}\n`);
    return ExitCode.USAGE;
  };
  if (opts.pluginSource !== undefined) {
    if (command.length || opts.cgroup || opts.all) return usage('--plugin-source records a plugin\'s events alone: it does not combine with -- CMD, --cgroup or --all');
    const ms = opts.duration !== undefined ? parseDuration(opts.duration) : undefined;
    if (ms !== undefined && !(ms > 0)) return usage(`--duration: not a duration: '${opts.duration ?? ''}'`);
    return recordPluginSource(
      { out: opts.out, plugins: opts.plugin ?? [], source: opts.pluginSource, ...(opts.pluginOpenParams !== undefined ? { openParams: opts.pluginOpenParams } : {}), ...(opts.gzip ? { gzip: true } : {}), ...(ms !== undefined ? { durationMs: ms } : {}), ...(opts.quiet ? { quiet: true } : {}) },
      io,
    );
  }
  if (opts.pluginOpenParams !== undefined) return usage('--plugin-open-params goes with --plugin-source');
  const modes = [command.length > 0, !!opts.cgroup, !!opts.all].filter(Boolean).length;
  let plugin: PluginEventRecord[] = [];
  if (opts.pluginEvents?.length) {
    try {
      plugin = readAllPluginEvents(opts.pluginEvents);
    } catch (e) {
      if (!(e instanceof PluginEventsError)) throw e;
      io.stderr.write(`falco-replay record: error: ${escapeControl(e.message)}\n`);
      return ExitCode.FAILURE;
    }
    if (modes === 0) return writePluginCapture(opts, plugin, say, io);
  }
  if (modes !== 1) return usage(`give exactly one of: -- CMD ARGS..., --cgroup PATH, --all${opts.pluginEvents ? '' : ' (or only --plugin-events)'}`);
  const mode: RecordMode = command.length ? 'tree' : opts.cgroup ? 'cgroup' : 'system';
  if (opts.layout !== 'compat' && opts.layout !== 'current') return usage(`--layout must be compat or current, not '${opts.layout}'`);
  const snaplen = Number(opts.snaplen);
  const ring = parseSize(opts.ringSize);
  const duration = opts.duration !== undefined ? parseDuration(opts.duration) : undefined;
  if (!Number.isInteger(snaplen)) return usage(`--snaplen: not a number: '${opts.snaplen}'`);
  if (Number.isNaN(ring)) return usage(`--ring-size: not a size: '${opts.ringSize}'`);
  if (duration !== undefined && !(duration > 0)) return usage(`--duration: not a duration: '${opts.duration ?? ''}'`);

  // The recorded command's parent is this process: give it a name rules can recognise (comm and cmdline).
  process.title = RECORDER_PROCESS_TITLE;
  let rec: Recording;
  try {
    rec = await startRecording({
      out: opts.out,
      mode,
      command,
      env: io.env,
      cgroupPath: opts.cgroup,
      layout: opts.layout,
      gzip: opts.gzip,
      snaplen,
      ringBytesPerCpu: ring,
      syscalls: opts.syscalls?.split(',').map((s) => s.trim()).filter(Boolean),
    });
  } catch (err) {
    if (!isFalcoReplayError(err)) throw err;
    const d = err.diagnostic;
    io.stderr.write(`falco-replay record: error: ${escapeControl(d.message)}\n`);
    for (const n of d.notes ?? []) io.stderr.write(`  note: ${escapeControl(n)}\n`);
    if (d.suggestion) io.stderr.write(`  hint: ${escapeControl(d.suggestion)}\n`);
    return d.code === 'RECORD_BAD_OPTION' ? ExitCode.USAGE : ExitCode.FAILURE;
  }

  try {
    for (const e of plugin) rec.writePluginEvent(e.pluginId, e.payload, e.ts);
  } catch (err) {
    await rec.stop().catch(() => undefined);
    if (!isFalcoReplayError(err)) throw err;
    io.stderr.write(`falco-replay record: error: ${escapeControl(err.diagnostic.message)}\n`);
    return ExitCode.FAILURE;
  }
  const what = mode === 'tree' ? `${command.join(' ')} (pid ${rec.pid})` : mode === 'cgroup' ? `cgroup ${opts.cgroup ?? ''}` : 'the whole host';
  say(`recording ${what} to ${rec.out}${duration ? ` for ${opts.duration ?? ''}` : ''}${mode === 'tree' ? '' : '; Ctrl-C stops'}`);
  let commandExit: CommandExit | undefined;

  // Ctrl-C: in tree mode the command gets it too and we stop when it exits; a second one stops at once.
  let interrupts = 0;
  let wake: () => void = () => {};
  const interrupted = new Promise<void>((res) => (wake = res));
  const onSignal = (sig: NodeJS.Signals): void => {
    interrupts++;
    if (mode !== 'tree' || interrupts > 1) return wake();
    // A terminal's Ctrl-C reaches the whole foreground group; a SIGTERM (kill, systemd, docker stop) only us.
    if (sig === 'SIGTERM' && commandExit === undefined) {
      try {
        process.kill(rec.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let timer: NodeJS.Timeout | undefined;
  const timeout = duration ? new Promise<void>((res) => (timer = setTimeout(res, duration))) : new Promise<void>(() => {});
  // Signal listeners and pending promises do not keep Node running: without a timer, --all and --cgroup would
  // fall out of the event loop and stop at once.
  const keepAlive = setInterval(() => {}, 1 << 30);
  const exited = rec.exited.then((e) => {
    commandExit = e;
    const how = e.signal !== null ? `was killed by signal ${e.signal}` : `exited with code ${e.code ?? '?'}`;
    say(`command ${how}`);
  });
  try {
    await Promise.race([mode === 'tree' ? exited : new Promise<void>(() => {}), interrupted, timeout]);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (timer) clearTimeout(timer);
    clearInterval(keepAlive);
  }
  let stats: RecordStats;
  try {
    stats = await rec.stop();
  } catch (err) {
    if (!isFalcoReplayError(err)) throw err;
    io.stderr.write(`falco-replay record: error: ${escapeControl(err.diagnostic.message)}\n`);
    return ExitCode.FAILURE;
  }
  say(`wrote ${rec.out}: ${describeStats(stats)}`);
  if (stats.drops > 0) {
    io.stderr.write(
      `falco-replay record: warning: ${stats.drops} records were dropped (${stats.dropsState} of them process or fd ` +
        'state changes); a bigger --ring-size or fewer --syscalls helps. The count is stored in the capture.\n',
    );
  }
  if (stats.encodeErrors > 0) {
    io.stderr.write(`falco-replay record: error: ${stats.encodeErrors} events did not match the event table (${escapeControl(stats.lastError)})\n`);
    return ExitCode.FAILURE;
  }
  if (mode !== 'tree') return ExitCode.OK;
  // The exit callback may not have run yet when the command ended during stop(); the stats know it too.
  const ended = commandExit ?? (stats.childExited ? waitStatusToExit(stats.childPid, stats.childStatus) : undefined);
  return ended ? commandExitCode(ended) : ExitCode.OK;
}

/** Per-source counts, for messages: `k8s_audit 47, aws_cloudtrail 2`. */
function bySource(events: readonly PluginEventRecord[]): string {
  const n = new Map<string, number>();
  for (const e of events) n.set(e.source, (n.get(e.source) ?? 0) + 1);
  return [...n].map(([s, c]) => `${s} ${c}`).join(', ');
}

/** Plugin events alone: a capture written by the TypeScript writer (no probe, no privileges). */
async function writePluginCapture(opts: RecordCliOptions, events: readonly PluginEventRecord[], say: (msg: string) => void, io: CliIo): Promise<number> {
  let f: ScapFileWriter | undefined;
  try {
    f = ScapFileWriter.open(opts.out, { gzip: opts.gzip ?? opts.out.endsWith('.gz') });
    const w = f.writer;
    w.writeSectionHeader();
    w.writeMachineInfo({ numCpus: cpus().length, memoryBytes: totalmem(), hostname: hostname() });
    w.writeInterfaces([]);
    w.writeUsers([], []);
    w.writeProcesses([]);
    let i = 0;
    for (const e of events) {
      w.writeEvent({ ts: e.ts, tid: -1, type: PLUGIN_EVENT, params: [e.pluginId, e.payload] });
      if (++i % 4096 === 0) await f.ready();
    }
    await f.close();
  } catch (err) {
    const msg = isFalcoReplayError(err) ? err.diagnostic.message : (err as Error).message;
    io.stderr.write(`falco-replay record: error: cannot write ${escapeControl(opts.out)}: ${escapeControl(msg)}\n`);
    return ExitCode.FAILURE;
  }
  say(`wrote ${opts.out}: ${events.length} plugin events (${bySource(events)})`);
  return ExitCode.OK;
}

function waitStatusToExit(pid: number, status: number): CommandExit {
  const sig = status & 0x7f;
  return sig === 0 ? { pid, code: (status >> 8) & 0xff, signal: null } : { pid, code: null, signal: sig };
}

/** The exit code `record -- CMD` ends with, as `time`, `strace` and `env` do: the command's, or 128 + signal. */
export function commandExitCode(e: CommandExit): number {
  if (e.signal !== null) return 128 + e.signal;
  return e.code ?? ExitCode.FAILURE;
}
