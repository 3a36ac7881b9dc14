// `record --plugin-events SOURCE:FILE`: files of audit records → plugin events (plugin ID, payload, timestamp),
// as the source plugins would have produced them (docs/plugins.md#recording-plugin-events).
import { readFileSync, statSync } from 'node:fs';
import { jsonMarshal, jsonPath, jsonStringOf, parseJson, PLUGIN_PAYLOAD_MAX, REGISTERED_PLUGINS, type JsonValue } from '../engine/index.js';

/** A plugin events file larger than this is refused (records are read whole). */
export const PLUGIN_EVENTS_FILE_MAX = 1024 * 1024 * 1024;

/** A bad `--plugin-events` argument or record; the message names the file and the line and column. */
export class PluginEventsError extends Error {
  override readonly name = 'PluginEventsError';
}

/** One plugin event to write. */
export interface PluginEventRecord {
  readonly pluginId: number;
  readonly source: string;
  /** ns since the epoch. */
  readonly ts: bigint;
  readonly payload: Buffer;
  /** Where the record was read (file:line), for messages. */
  readonly where: string;
}

/** What a `--plugin-events` SOURCE takes. */
interface SourceSpec {
  readonly source: string;
  readonly pluginId: number;
  readonly kind: 'k8s_audit' | 'aws_cloudtrail' | 'lines';
}

/** The SOURCE names `--plugin-events` takes: the two audit sources, `json`, and the registry's other sources. */
export function pluginEventSources(): string[] {
  return ['k8s_audit', 'aws_cloudtrail', 'json', ...new Set(REGISTERED_PLUGINS.map((p) => p.source).filter((s) => s !== 'k8s_audit' && s !== 'aws_cloudtrail'))];
}

function sourceSpec(source: string): SourceSpec | undefined {
  if (source === 'k8s_audit') return { source, pluginId: 1, kind: 'k8s_audit' };
  if (source === 'aws_cloudtrail') return { source, pluginId: 2, kind: 'aws_cloudtrail' };
  // JSON of no particular plugin: the registry's development ID (source `test`).
  if (source === 'json') return { source: 'test', pluginId: 999, kind: 'lines' };
  const p = REGISTERED_PLUGINS.find((r) => r.source === source);
  return p ? { source: p.source, pluginId: p.id, kind: 'lines' } : undefined;
}

/** `SOURCE:FILE` → its parts; throws {@link PluginEventsError} naming the argument. */
export function parsePluginEventsArg(arg: string): { spec: SourceSpec; file: string } {
  const i = arg.indexOf(':');
  if (i <= 0 || i === arg.length - 1) throw new PluginEventsError(`--plugin-events ${arg}: expected SOURCE:FILE, e.g. k8s_audit:audit.json`);
  const name = arg.slice(0, i);
  const spec = sourceSpec(name);
  if (!spec) throw new PluginEventsError(`--plugin-events ${arg}: unknown source '${name}' (one of: ${pluginEventSources().join(', ')})`);
  return { spec, file: arg.slice(i + 1) };
}

/** Line and column (from 1) of a UTF-16 offset in `text`. */
function lineCol(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return `${line}:${offset - start + 1}`;
}

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d\d):(\d\d))$/;

/** An RFC 3339 time (Go's time.RFC3339Nano) in ns since the epoch, or undefined when it is not one. */
export function parseRfc3339(text: string): bigint | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k]));
  if ((mo as number) < 1 || (mo as number) > 12 || (d as number) < 1 || (d as number) > 31 || (h as number) > 23 || (mi as number) > 59 || (s as number) > 59) return undefined;
  const ms = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
  if (new Date(ms).getUTCDate() !== d) return undefined;
  const offset = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 3600 + Number(m[11]) * 60);
  const ns = BigInt(ms / 1000 - offset) * 1_000_000_000n + BigInt((m[7] ?? '').padEnd(9, '0') || '0');
  return ns < 0n ? undefined : ns;
}

/** The JSON documents of a file: one document, or JSON lines; each with its line and column. */
function documents(file: string, text: string): { value: JsonValue; pos: string }[] {
  const whole = parseJson(text);
  if (whole.ok) return [{ value: whole.value, pos: lineCol(text, text.search(/\S/)) }];
  const lines: { value: JsonValue; pos: string }[] = [];
  let start = 0;
  let n = 0;
  while (start <= text.length) {
    n++;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (line.trim() !== '') {
      const r = parseJson(line);
      if (!r.ok) {
        // Before any good line, the file is most likely one document: its own error says more.
        if (lines.length === 0) throw new PluginEventsError(`${file}:${lineCol(text, whole.error.offset)}: not JSON (nor JSON lines): ${whole.error.message}`);
        throw new PluginEventsError(`${file}:${n}:${r.error.offset + 1}: not a JSON line: ${r.error.message}`);
      }
      lines.push({ value: r.value, pos: `${n}:${line.length - line.trimStart().length + 1}` });
    }
    start = end + 1;
  }
  return lines;
}

function payloadOf(where: string, v: JsonValue): Buffer {
  const b = Buffer.from(jsonMarshal(v), 'utf8');
  if (b.length > PLUGIN_PAYLOAD_MAX) throw new PluginEventsError(`${where}: record of ${b.length} bytes is larger than ${PLUGIN_PAYLOAD_MAX} bytes`);
  return b;
}

/** Audit events of one k8s document: an event, an EventList's items, or an array of either (the plugin's reading). */
function k8sEvents(where: string, v: JsonValue, out: PluginEventRecord[], spec: SourceSpec, depth = 0): void {
  if (v.t === 'array' && depth < 8) {
    for (const item of v.items) k8sEvents(where, item, out, spec, depth + 1);
    return;
  }
  const kind = jsonStringOf(jsonPath(v, 'kind'));
  const one = (e: JsonValue): void => {
    const stamp = jsonStringOf(jsonPath(e, 'stageTimestamp')) ?? jsonStringOf(jsonPath(e, 'requestReceivedTimestamp'));
    if (stamp === undefined) throw new PluginEventsError(`${where}: Kubernetes audit event without a stageTimestamp or requestReceivedTimestamp string`);
    const ts = parseRfc3339(stamp);
    if (ts === undefined) throw new PluginEventsError(`${where}: audit event time ${JSON.stringify(stamp)} is not an RFC 3339 time`);
    out.push({ pluginId: spec.pluginId, source: spec.source, ts, payload: payloadOf(where, e), where });
  };
  if (kind === 'EventList') {
    const items = jsonPath(v, 'items');
    if (items?.t !== 'array') throw new PluginEventsError(`${where}: EventList without an "items" list`);
    for (const item of items.items) one(item);
  } else if (kind === 'Event') one(v);
  else throw new PluginEventsError(`${where}: not a Kubernetes audit event ("kind": "Event"), EventList or list of them`);
}

/** CloudTrail records of one document: `{"Records": [...]}` or one record. */
function cloudtrailRecords(where: string, v: JsonValue, out: PluginEventRecord[], spec: SourceSpec): void {
  const records = jsonPath(v, 'Records');
  const list = records === undefined ? [v] : records.t === 'array' ? records.items : undefined;
  if (!list) throw new PluginEventsError(`${where}: "Records" is not a list of CloudTrail records`);
  for (const r of list) {
    const stamp = jsonStringOf(jsonPath(r, 'eventTime'));
    if (stamp === undefined) throw new PluginEventsError(`${where}: CloudTrail record without an eventTime string`);
    const ts = parseRfc3339(stamp);
    if (ts === undefined) throw new PluginEventsError(`${where}: eventTime ${JSON.stringify(stamp)} is not an RFC 3339 time`);
    out.push({ pluginId: spec.pluginId, source: spec.source, ts, payload: payloadOf(where, r), where });
  }
}

/**
 * The plugin events of one `--plugin-events SOURCE:FILE` argument, in file order. JSON lines of other sources
 * carry no time of their own: they get `now` plus one nanosecond per line. Throws {@link PluginEventsError}.
 */
export function readPluginEvents(arg: string, now: () => bigint = () => BigInt(Date.now()) * 1_000_000n): PluginEventRecord[] {
  const { spec, file } = parsePluginEventsArg(arg);
  let text: string;
  try {
    if (statSync(file).size > PLUGIN_EVENTS_FILE_MAX) throw new PluginEventsError(`${file}: larger than ${PLUGIN_EVENTS_FILE_MAX} bytes`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof PluginEventsError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new PluginEventsError(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file or directory' : err.message}`);
  }
  const out: PluginEventRecord[] = [];
  const docs = documents(file, text);
  if (spec.kind === 'k8s_audit') for (const d of docs) k8sEvents(`${file}:${d.pos}`, d.value, out, spec);
  else if (spec.kind === 'aws_cloudtrail') for (const d of docs) cloudtrailRecords(`${file}:${d.pos}`, d.value, out, spec);
  else {
    let ts = now();
    for (const d of docs) out.push({ pluginId: spec.pluginId, source: spec.source, ts: ts++, payload: payloadOf(`${file}:${d.pos}`, d.value), where: `${file}:${d.pos}` });
  }
  if (out.length === 0) throw new PluginEventsError(`${file}: no records`);
  return out;
}

/** Every argument's events, in time order (stable: equal times keep argument and file order). */
export function readAllPluginEvents(args: readonly string[]): PluginEventRecord[] {
  const all = args.flatMap((a) => readPluginEvents(a));
  return all.map((r, i) => ({ r, i })).sort((a, b) => (a.r.ts < b.r.ts ? -1 : a.r.ts > b.r.ts ? 1 : a.i - b.i)).map((x) => x.r);
}
