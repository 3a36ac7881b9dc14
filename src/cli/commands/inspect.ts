// `falco-replay inspect CAPTURE [--json]`: a health report of a capture file.
import type { Command } from 'commander';
import type { Diagnostic } from '../../common/index.js';
import { escapeControl, escapeJsonText } from '../../common/index.js';
import {
  ASYNC_EVENT,
  EF,
  blockTypeName,
  compareU64,
  isEventBlock,
  readCaptureFile,
  u64Decimal,
  type MachineInfo,
  type ReadSummary,
  type SectionHeader,
} from '../../scap/index.js';
import { parseRecorderStats } from '../../native/index.js';
import { routePluginEvent } from '../../engine/index.js';
import type { RecorderStatsPayload } from '../../native/index.js';
import { formatDiagnostic } from '../diagnostics.js';
import { unknownIdsText } from '../report/summary.js';
import { captureDamaged, ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { RegisterCommand } from './index.js';

export interface InspectReport {
  file: string;
  gzip: boolean;
  /** Decompressed size in bytes. */
  bytes: number;
  complete: boolean;
  sections: { version: string; offset: number; options: number; comments: string[] }[];
  /** Block kind (with version) → count. */
  blocks: Record<string, number>;
  machine: { num_cpus: number; memory_bytes: number; max_pid: number; hostname: string; boot_time_ns: string } | null;
  processes: number;
  threads: number;
  fds: number;
  users: number;
  groups: number;
  interfaces: number;
  events: number;
  /** `"<name> <dir>"` → count. */
  event_types: Record<string, number>;
  enter_events: boolean;
  first_ts: string | null;
  last_ts: string | null;
  duration_ns: string | null;
  out_of_order_events: number;
  plugin_ids: number[];
  /** Plugin events (and async events with a plugin ID) per source their ID routes to. */
  plugin_sources: Record<string, number>;
  /** Plugin events whose ID no known plugin has, by ID: a replay evaluates no rule on them. */
  unknown_plugin_ids: Record<string, number>;
  async_events: number;
  /** The counters falco-replay's recorder stored in its trailing stats event (null if there is none). */
  recorder: { mode: string; layout: string; snaplen: number; records: number; drops: number; drops_state: number; drops_by_cpu: number[] } | null;
  unknown_events: number;
  bad_events: number;
  warnings: { code: string; severity: string; message: string; offset: number | null }[];
}

/** Read a capture and build its health report (never throws on bad input). */
export async function inspectCapture(path: string): Promise<{ report: InspectReport; summary: ReadSummary; diagnostics: Diagnostic[] }> {
  const blocks = new Map<string, number>();
  const sections: SectionHeader[] = [];
  let machine: MachineInfo | null = null;
  const pids = new Set<number>();
  let threads = 0;
  let fds = 0;
  let users = 0;
  let groups = 0;
  let ifaces = 0;
  const types = new Map<string, number>();
  const typeKey = new Map<number, string>();
  let enter = false;
  let firstHi = -1;
  let firstLo = 0;
  let maxHi = -1;
  let maxLo = 0;
  let outOfOrder = 0;
  const plugins = new Set<number>();
  const pluginEvents = new Map<number, number>();
  let asyncEvents = 0;
  let recorder: RecorderStatsPayload | undefined;
  const diagnostics: Diagnostic[] = [];
  const summary = await readCaptureFile(path, {
    block: (b) => {
      const name = isEventBlock(b.type) ? blockTypeName(b.type).replace(/ \(.*\)$/, '') : blockTypeName(b.type).replace(/ \(0x[0-9a-f]+\)$/, '');
      blocks.set(name, (blocks.get(name) ?? 0) + 1);
    },
    section: (s) => sections.push(s),
    machineInfo: (m) => {
      machine = m;
    },
    thread: (t) => {
      threads++;
      pids.add(t.pid);
    },
    fd: () => fds++,
    user: () => users++,
    group: () => groups++,
    iface: () => ifaces++,
    event: (e) => {
      // Per-type key cached by code (the dir of a code never changes).
      let k = typeKey.get(e.type);
      if (k === undefined) {
        k = `${e.name} ${e.dir}`;
        typeKey.set(e.type, k);
      }
      types.set(k, (types.get(k) ?? 0) + 1);
      if (!enter && e.isEnter) {
        // Meta events (procinfo, container, plugin…) exist only as even codes with an unused odd twin.
        const twin = e.schema.events[e.type + 1];
        if (twin !== undefined && !(twin.flags & EF.UNUSED)) enter = true;
      }
      const pid = e.pluginId;
      if (pid !== undefined && (pid !== 0 || e.type !== ASYNC_EVENT)) {
        if (pid !== 0) plugins.add(pid);
        pluginEvents.set(pid, (pluginEvents.get(pid) ?? 0) + 1);
      }
      if (e.type === ASYNC_EVENT) {
        asyncEvents++;
        const data = e.nparams > 2 ? e.paramBytes(2) : undefined;
        recorder = (data && parseRecorderStats(e.paramString(1) ?? '', data)) ?? recorder;
      }
      // Meta events written with ts 0 (container events) do not define the time span.
      if (e.tsHi === 0 && e.tsLo === 0) return;
      if (firstHi < 0) {
        firstHi = e.tsHi;
        firstLo = e.tsLo;
      }
      if (maxHi >= 0 && compareU64(e.tsHi, e.tsLo, maxHi, maxLo) < 0) outOfOrder++;
      else {
        maxHi = e.tsHi;
        maxLo = e.tsLo;
      }
    },
    diagnostic: (d) => diagnostics.push(d),
  });
  const first = firstHi < 0 ? null : u64Decimal(firstHi, firstLo);
  const last = maxHi < 0 ? null : u64Decimal(maxHi, maxLo);
  const m = machine as MachineInfo | null;
  const pluginSources: Record<string, number> = {};
  const unknownIds: Record<string, number> = {};
  for (const [id, n] of [...pluginEvents].sort((a, b) => a[0] - b[0])) {
    const r = routePluginEvent(id);
    if (r.kind === 'source') pluginSources[r.source] = (pluginSources[r.source] ?? 0) + n;
    else unknownIds[String(id)] = n;
  }
  const report: InspectReport = {
    file: path,
    gzip: summary.gzip,
    bytes: summary.bytes,
    complete: summary.complete,
    sections: sections.map((s) => ({ version: `${s.major}.${s.minor}`, offset: s.offset, options: s.options.length, comments: s.comments })),
    blocks: Object.fromEntries([...blocks].sort((a, b) => a[0].localeCompare(b[0]))),
    machine: m
      ? { num_cpus: m.numCpus, memory_bytes: m.memoryBytes, max_pid: m.maxPid, hostname: m.hostname, boot_time_ns: m.bootTimeNs.toString() }
      : null,
    processes: pids.size,
    threads,
    fds,
    users,
    groups,
    interfaces: ifaces,
    events: summary.events,
    event_types: Object.fromEntries([...types].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
    enter_events: enter,
    first_ts: first,
    last_ts: last,
    duration_ns: first !== null && last !== null ? (BigInt(last) - BigInt(first)).toString() : null,
    out_of_order_events: outOfOrder,
    plugin_ids: [...plugins].sort((a, b) => a - b),
    plugin_sources: pluginSources,
    unknown_plugin_ids: unknownIds,
    async_events: asyncEvents,
    recorder: recorderReport(recorder),
    unknown_events: summary.unknownEvents,
    bad_events: summary.badEvents,
    warnings: summary.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, offset: d.location?.offset ?? null })),
  };
  return { report, summary, diagnostics };
}

function recorderReport(s: RecorderStatsPayload | undefined): InspectReport['recorder'] {
  if (!s) return null;
  return { mode: s.mode, layout: s.layout, snaplen: s.snaplen, records: s.records, drops: s.drops, drops_state: s.dropsState, drops_by_cpu: s.dropsByCpu };
}

/** JSON text of a report, terminal-safe; first_ts/last_ts/duration_ns are written as exact integers (ns exceed 2^53). */
export function reportJson(r: InspectReport): string {
  const exact = new Set(['first_ts', 'last_ts', 'duration_ns']);
  const json = JSON.stringify(r, (k, v: unknown) => (exact.has(k) && typeof v === 'string' ? `@@EXACT@@${v}` : v), 2).replace(/("(?:first_ts|last_ts|duration_ns)": )"@@EXACT@@(-?\d+)"/g, '$1$2');
  // Hostnames, comments and file names come from the capture: C1 controls (CSI 0x9b) must not reach a terminal.
  return escapeJsonText(json);
}

function isoOf(ns: string | null): string {
  if (ns === null) return '-';
  const n = BigInt(ns);
  const d = new Date(Number(n / 1_000_000n));
  return `${d.toISOString().slice(0, 19)}.${(n % 1_000_000_000n).toString().padStart(9, '0')}Z`;
}

export function reportText(r: InspectReport): string {
  const L: string[] = [];
  // One line each: a newline or tab in a hostname, comment or message is shown escaped, never forges a line.
  const w = (s: string): void => void L.push(escapeControl(s));
  w(`capture      ${r.file}`);
  w(`format       ${r.gzip ? 'gzip' : 'plain'}, ${r.bytes} bytes${r.gzip ? ' decompressed' : ''}, ${r.sections.length} section(s)${r.complete ? '' : ', INCOMPLETE'}`);
  for (const s of r.sections) {
    w(`  section    version ${s.version} at offset ${s.offset}${s.options ? `, ${s.options} option(s)` : ''}${s.comments.length ? `, comments: ${s.comments.join(' | ')}` : ''}`);
  }
  w(`blocks       ${Object.entries(r.blocks).map(([k, v]) => `${k} ×${v}`).join(', ') || '-'}`);
  if (r.machine) w(`machine      ${r.machine.hostname || '-'}, ${r.machine.num_cpus} CPUs, ${(r.machine.memory_bytes / 2 ** 30).toFixed(1)} GiB, max pid ${r.machine.max_pid}`);
  else w('machine      (no machine info block)');
  w(`processes    ${r.processes} (${r.threads} threads), ${r.fds} fds, ${r.users} users, ${r.groups} groups, ${r.interfaces} interfaces`);
  w(`events       ${r.events}${r.unknown_events ? ` (+${r.unknown_events} unknown to the event table, skipped)` : ''}${r.bad_events ? ` (+${r.bad_events} malformed, skipped)` : ''}`);
  w(`time span    ${isoOf(r.first_ts)} → ${isoOf(r.last_ts)}${r.duration_ns !== null ? ` (${(Number(r.duration_ns) / 1e9).toFixed(6)} s)` : ''}${r.out_of_order_events ? `, ${r.out_of_order_events} out of order` : ''}`);
  w(`enter events ${r.enter_events ? 'present' : 'absent (exit events only)'}`);
  w(`plugins      ${r.plugin_ids.length ? r.plugin_ids.join(', ') : 'none'}${r.async_events ? `, ${r.async_events} async events` : ''}`);
  const sources = Object.entries(r.plugin_sources);
  if (sources.length) w(`plugin events ${sources.map(([s, n]) => `${s} ${n}`).join(', ')}`);
  const unknown = Object.entries(r.unknown_plugin_ids);
  if (unknown.length) w(`unknown plugin IDs ${unknownIdsText(unknown)}: no plugin has these IDs, so no rule sees their events`);
  if (r.recorder) {
    const rc = r.recorder;
    const byCpu = rc.drops ? ` (by CPU: ${rc.drops_by_cpu.join(', ')}; ${rc.drops_state} of them process or fd state changes)` : '';
    w(`recorder     falco-replay, ${rc.mode} mode, ${rc.layout} layout, snaplen ${rc.snaplen}: ${rc.records} records, ${rc.drops} dropped${byCpu}`);
  }
  w(`event types  ${Object.keys(r.event_types).length}`);
  for (const [k, v] of Object.entries(r.event_types)) w(`  ${String(v).padStart(9)}  ${k}`);
  w(`anomalies    ${r.warnings.length ? r.warnings.length : 'none'}`);
  for (const x of r.warnings) w(`  ${x.severity}: ${x.message}${x.offset !== null ? ` (offset ${x.offset})` : ''} [${x.code}]`);
  return L.join('\n') + '\n';
}

export const registerInspect: RegisterCommand = (program: Command, io: CliIo) => {
  program
    .command('inspect')
    .description('health report of a capture: format, blocks, machine, processes, event types, time span, plugins, anomalies')
    .argument('<capture>', 'scap capture file (plain or gzip)')
    .option('--json', 'machine-readable report')
    .action(async (capture: string, opts: { json?: boolean }) => {
      const { report, summary, diagnostics } = await inspectCapture(capture);
      if (summary.stopped === 'error' && summary.blocks === 0) {
        for (const d of diagnostics) io.stderr.write(formatDiagnostic(d) + '\n');
        io.exitCode = ExitCode.FAILURE;
        if (!opts.json) return;
      }
      io.stdout.write(opts.json ? reportJson(report) + '\n' : reportText(report));
      io.exitCode = captureDamaged(summary) ? ExitCode.FAILURE : ExitCode.OK;
    });
};
