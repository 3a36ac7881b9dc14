// The recorder ends every capture with one async event (PPME_ASYNCEVENT_E, code 402) carrying its counters,
// so a replay can warn that state may be incomplete when records were dropped. sysdig 0.29.3 skips code 402
// silently; current libs deliver it as `asyncevent` with plugin_id 0 (syscall source). Format: native/README.md.

/** Name parameter of the trailing async event. */
export const RECORDER_STATS_EVENT_NAME = 'falco-replay.recorder-stats';

/** Payload (JSON, in the event's data parameter). */
export interface RecorderStatsPayload {
  recorder: 'falco-replay';
  version: number;
  mode: 'tree' | 'cgroup' | 'system';
  layout: 'compat' | 'current';
  snaplen: number;
  records: number;
  drops: number;
  dropsState: number;
  pluginEvents: number;
  cpus: number;
  startTs: number;
  endTs: number;
  dropsByCpu: number[];
}

/**
 * Parses the data of an async event named RECORDER_STATS_EVENT_NAME; undefined if it is not one of ours.
 * Capture contents are attacker-controlled: only well-typed fields are kept.
 */
export function parseRecorderStats(name: string, data: Uint8Array): RecorderStatsPayload | undefined {
  if (name !== RECORDER_STATS_EVENT_NAME || data.length > 1 << 16) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const num = (k: string): number => (typeof o[k] === 'number' && Number.isFinite(o[k]) ? o[k] : 0);
  if (o.recorder !== 'falco-replay') return undefined;
  const mode = o.mode === 'tree' || o.mode === 'cgroup' || o.mode === 'system' ? o.mode : 'system';
  const layout = o.layout === 'current' ? 'current' : 'compat';
  const byCpu = Array.isArray(o.dropsByCpu) ? o.dropsByCpu.filter((x): x is number => typeof x === 'number').slice(0, 4096) : [];
  return {
    recorder: 'falco-replay',
    version: num('version'),
    mode,
    layout,
    snaplen: num('snaplen'),
    records: num('records'),
    drops: num('drops'),
    dropsState: num('dropsState'),
    pluginEvents: num('pluginEvents'),
    cpus: num('cpus'),
    startTs: num('startTs'),
    endTs: num('endTs'),
    dropsByCpu: byCpu,
  };
}

/** The warning a replay should print for a capture whose recorder dropped records, or undefined. */
export function droppedRecordsWarning(stats: RecorderStatsPayload): string | undefined {
  if (stats.drops <= 0) return undefined;
  const state = stats.dropsState > 0 ? `, ${stats.dropsState} of them changing process or fd state (names and ancestry may be wrong after them)` : '';
  return `the recorder dropped ${stats.drops} of ${stats.records + stats.drops} records${state}`;
}
