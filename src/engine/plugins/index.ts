// Built-in extraction of plugin fields from plugin event payloads, and routing of plugin events by ID.
// Self-contained: the replay engine binds these extractors to the catalogue fields of plugin sources.
import type { FieldArg, FieldValue } from '../fields/types.js';
import { CLOUDTRAIL_EXTRACTORS, cloudtrailEventText } from './cloudtrail.js';
import { GCPAUDIT_EXTRACTORS } from './gcpaudit.js';
import { JSON_EXTRACTORS } from './json.js';
import { K8SAUDIT_EXTRACTORS } from './k8saudit.js';
import { normalize, type PayloadExtractor, type PluginPayload } from './payload.js';

export { CLOUDTRAIL_EXTRACTORS, cloudtrailEventText } from './cloudtrail.js';
export { GCPAUDIT_EXTRACTORS, GCPAUDIT_FIELDS } from './gcpaudit.js';
export { JSON_EXTRACTORS } from './json.js';
export { K8SAUDIT_EXTRACTORS } from './k8saudit.js';
export { JSON_MAX_DEPTH, JSON_MAX_VALUES, jsonMarshal, jsonPath, jsonStringOf, parseJson, type JsonParseError, type JsonParseResult, type JsonValue } from './json-value.js';
export { PLUGIN_PAYLOAD_MAX, PluginPayload, PluginPayloadCache, type PayloadError, type PayloadExtractor } from './payload.js';
export { bindPluginInfoField, runtimeExtractors, runtimeFieldFlags, runtimePluginInfo, type RuntimePlugin, type RuntimePluginField } from './runtime.js';
export { EXTRACTOR_ONLY_PLUGINS, PluginEventCounts, REGISTERED_PLUGINS, RESERVED_SOURCES, routePluginEvent, type PluginRoute, type RegisteredPlugin } from './routing.js';

/** A built-in extractor plugin: its fields and the sources whose events they apply to (empty: every source). */
export interface BuiltinExtractorPlugin {
  readonly name: string;
  readonly sources: readonly string[];
  readonly extractors: ReadonlyMap<string, PayloadExtractor>;
}

/**
 * Field extraction from plugin payloads by something other than the built-in code, e.g. a plugin library
 * loaded at run time. Consulted after the built-in plugins, in list order.
 */
export interface PluginExtractorSource {
  readonly name: string;
  /** Sources whose events its fields apply to; empty: every source. */
  readonly sources: readonly string[];
  /** The extractor of `field`, or undefined when this source does not have the field. */
  extractor(field: string): PayloadExtractor | undefined;
  /** `evt.plugininfo` of an event of source plugin `plugin`, when the built-in code has no rendering for it. */
  eventText?(plugin: string, payload: PluginPayload): string | undefined;
}

/** The plugins whose extraction is built in, in the order a field name is looked up. */
export const BUILTIN_EXTRACTOR_PLUGINS: readonly BuiltinExtractorPlugin[] = [
  { name: 'k8saudit', sources: ['k8s_audit'], extractors: K8SAUDIT_EXTRACTORS },
  { name: 'cloudtrail', sources: ['aws_cloudtrail'], extractors: CLOUDTRAIL_EXTRACTORS },
  { name: 'gcpaudit', sources: ['gcp_auditlog'], extractors: GCPAUDIT_EXTRACTORS },
  { name: 'json', sources: [], extractors: JSON_EXTRACTORS },
];

/**
 * The extractor of `field` for events of `source`: the built-in plugins first, then `extra` in order; undefined
 * when none has the field for that source.
 */
export function pluginFieldExtractor(source: string, field: string, extra: readonly PluginExtractorSource[] = []): PayloadExtractor | undefined {
  for (const p of BUILTIN_EXTRACTOR_PLUGINS) {
    if (p.sources.length && !p.sources.includes(source)) continue;
    const x = p.extractors.get(field);
    if (x) return x;
  }
  for (const p of extra) {
    if (p.sources.length && !p.sources.includes(source)) continue;
    const x = p.extractor(field);
    if (x) return x;
  }
  return undefined;
}

/**
 * A source plugin's one-line text of its event (`evt.plugininfo`, the plugin's event-to-string): k8saudit prints
 * the payload as it is, cloudtrail a summary line; undefined for plugins whose rendering is not built in.
 */
export function pluginEventText(plugin: string, payload: PluginPayload): string | undefined {
  if (plugin === 'k8saudit' || plugin === 'k8saudit-eks') return normalize(payload.text) as string | undefined;
  if (plugin === 'cloudtrail') return cloudtrailEventText(payload);
  return undefined;
}

/** One-off extraction (tests, tools): `field[arg]` of a payload of `source`. */
export function extractPluginField(source: string, payload: PluginPayload, field: string, arg?: FieldArg): FieldValue | undefined {
  return pluginFieldExtractor(source, field)?.(payload, arg);
}
