// Falco's alert shapes: the text line `<time>: <Priority> <message>` and the JSON alert object (keys sorted as
// Falco's nlohmann::json writes them), built from an Alert the replay engine produced.
import { escapeJsonText, escapeText } from '../../common/index.js';
import { clockParts, currentZoneSeconds } from '../fields/format.js';
import { PRIORITIES } from '../rules/items.js';
import type { EventSnapshot } from '../state/types.js';
import type { JsonFieldValue } from './render.js';

/** One rule match. Everything needed to print it was extracted while its event was current. */
export interface Alert {
  /** Index of the capture in the run (command-line order). */
  readonly capture: number;
  /** Event number within its capture (evt.num). */
  readonly evtNum: number;
  /** Event time, ns since the epoch. */
  readonly ts: bigint;
  readonly rule: string;
  /** Position of the rule in evaluation order (first-definition order). */
  readonly ruleId: number;
  /** 0 = Emergency … 7 = Debug. */
  readonly priority: number;
  readonly source: string;
  /** The rule's tags, sorted and without duplicates. */
  readonly tags: readonly string[];
  /** Index of the rule set that matched, when the run evaluates several (ReplayOptions.ruleSets). */
  readonly ruleSet?: number;
  /** The rendered rule output (without time and priority), raw (not escaped). */
  readonly message: string;
  /** JSON `output_fields` of the output and `append_output` extra fields (without the time prefix key). */
  readonly outputFields?: Readonly<Record<string, JsonFieldValue>>;
  /** Detached state of the event (thread, ancestors, fds), when the replay was asked for it. */
  readonly snapshot?: EventSnapshot;
}

export interface AlertTimeOptions {
  /** `time_format_iso_8601`: the prefix is UTC ISO 8601 instead of the local time of day. */
  readonly iso8601?: boolean;
  /** Seconds east of UTC for the local time of day (default: the offset in force now, as libsinsp does). */
  readonly zoneSeconds?: number;
}

export interface AlertJsonOptions extends AlertTimeOptions {
  readonly hostname: string;
  /** `json_include_output_property` (default true). */
  readonly includeOutput?: boolean;
  /** `json_include_message_property` (default false). */
  readonly includeMessage?: boolean;
  /** `json_include_output_fields_property` (default true). */
  readonly includeOutputFields?: boolean;
  /** `json_include_tags_property` (default true). */
  readonly includeTags?: boolean;
}

function parts(ts: bigint, zoneSeconds: number): { date: string; time: string; ns: string } {
  const sec = ts / 1_000_000_000n;
  return clockParts(Number(sec), Number(ts - sec * 1_000_000_000n), zoneSeconds);
}

/** `%evt.time` (local `HH:MM:SS.nnnnnnnnn`) or `%evt.time.iso8601` (`YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000`). */
export function alertTimeText(ts: bigint, opts: AlertTimeOptions = {}): string {
  if (opts.iso8601) {
    const p = parts(ts, 0);
    return `${p.date}T${p.time}.${p.ns}+0000`;
  }
  const p = parts(ts, opts.zoneSeconds ?? currentZoneSeconds());
  return `${p.time}.${p.ns}`;
}

/** The JSON `time` property: UTC `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`. */
export function alertIsoTime(ts: bigint): string {
  const p = parts(ts, 0);
  return `${p.date}T${p.time}.${p.ns}Z`;
}

/** The text alert line (without newline), raw: `16:17:57.881781397: Warning An open was seen (...)`. */
export function alertLine(alert: Alert, opts: AlertTimeOptions = {}): string {
  return `${alertTimeText(alert.ts, opts)}: ${PRIORITIES[alert.priority] ?? 'Debug'} ${alert.message}`;
}

/**
 * Make an alert line safe for a terminal the way Falco's master branch does (JSON string escapes for control
 * characters: `\n`, `\t`, `\u001b`…), also escaping DEL, C1 controls, line separators and bidi overrides.
 * Quotes and backslashes are left as Falco releases print them.
 */
export function escapeAlertText(s: string): string {
  return escapeText(s, 'alert');
}

/** A JSON string literal, terminal-safe. */
export function jsonString(s: string): string {
  return escapeJsonText(JSON.stringify(s));
}

/** Compact JSON with sorted object keys and bigint integers (Falco's nlohmann::json `dump()`). */
export function jsonText(v: JsonFieldValue | Readonly<Record<string, unknown>> | undefined): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return jsonString(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      break;
  }
  if (Array.isArray(v)) return `[${(v as readonly JsonFieldValue[]).map((x) => jsonText(x)).join(',')}]`;
  const o = v as Readonly<Record<string, JsonFieldValue>>;
  const keys = Object.keys(o).sort();
  let s = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (i) s += ',';
    s += `${jsonString(k)}:${jsonText(o[k])}`;
  }
  return `${s}}`;
}

/** Falco's JSON alert (one line, no newline): hostname, [message], [output], [output_fields], priority, rule, source, [tags], time. */
export function alertJson(alert: Alert, opts: AlertJsonOptions): string {
  const o: Record<string, JsonFieldValue | Readonly<Record<string, JsonFieldValue>>> = {
    hostname: opts.hostname,
    priority: PRIORITIES[alert.priority] ?? 'Debug',
    rule: alert.rule,
    source: alert.source,
    time: alertIsoTime(alert.ts),
  };
  if (opts.includeOutput ?? true) o.output = alertLine(alert, opts);
  if (opts.includeMessage ?? false) o.message = alert.message;
  if (opts.includeTags ?? true) o.tags = alert.tags;
  if (opts.includeOutputFields ?? true) {
    const fields: Record<string, JsonFieldValue> = { ...alert.outputFields };
    fields[opts.iso8601 ? 'evt.time.iso8601' : 'evt.time'] = alert.ts;
    o.output_fields = fields;
  }
  return jsonText(o);
}
