// Built-in extraction of plugin fields from plugin event payloads, and routing of plugin events by ID.
// Self-contained: the replay engine binds these extractors to the catalogue fields of plugin sources.
import type { FieldArg, FieldValue } from '../fields/types.js';
import { CLOUDTRAIL_EXTRACTORS } from './cloudtrail.js';
import { GCPAUDIT_EXTRACTORS } from './gcpaudit.js';
import { JSON_EXTRACTORS } from './json.js';
import { K8SAUDIT_EXTRACTORS } from './k8saudit.js';
import type { PayloadExtractor, PluginPayload } from './payload.js';

export { CLOUDTRAIL_EXTRACTORS } from './cloudtrail.js';
export { GCPAUDIT_EXTRACTORS, GCPAUDIT_FIELDS } from './gcpaudit.js';
export { JSON_EXTRACTORS } from './json.js';
export { K8SAUDIT_EXTRACTORS } from './k8saudit.js';
export { JSON_MAX_DEPTH, JSON_MAX_VALUES, parseJson, type JsonParseError, type JsonParseResult, type JsonValue } from './json-value.js';
export { PLUGIN_PAYLOAD_MAX, PluginPayload, PluginPayloadCache, type PayloadError, type PayloadExtractor } from './payload.js';
export { bindPluginInfoField, runtimeExtractors, runtimeFieldFlags, runtimePluginInfo, type RuntimePlugin, type RuntimePluginField } from './runtime.js';
export { EXTRACTOR_ONLY_PLUGINS, PluginEventCounts, REGISTERED_PLUGINS, RESERVED_SOURCES, routePluginEvent, type PluginRoute, type RegisteredPlugin } from './routing.js';

/** A built-in extractor plugin: its fields and the sources whose events they apply to (empty: every source). */
export interface BuiltinExtractorPlugin {
  readonly name: string;
  readonly sources: readonly string[];
  readonly extractors: ReadonlyMap<string, PayloadExtractor>;
}

/** The plugins whose extraction is built in, in the order a field name is looked up. */
export const BUILTIN_EXTRACTOR_PLUGINS: readonly BuiltinExtractorPlugin[] = [
  { name: 'k8saudit', sources: ['k8s_audit'], extractors: K8SAUDIT_EXTRACTORS },
  { name: 'cloudtrail', sources: ['aws_cloudtrail'], extractors: CLOUDTRAIL_EXTRACTORS },
  { name: 'gcpaudit', sources: ['gcp_auditlog'], extractors: GCPAUDIT_EXTRACTORS },
  { name: 'json', sources: [], extractors: JSON_EXTRACTORS },
];

/** The built-in extractor of `field` for events of `source`, or undefined when no built-in plugin has it there. */
export function pluginFieldExtractor(source: string, field: string): PayloadExtractor | undefined {
  for (const p of BUILTIN_EXTRACTOR_PLUGINS) {
    if (p.sources.length && !p.sources.includes(source)) continue;
    const x = p.extractors.get(field);
    if (x) return x;
  }
  return undefined;
}

/** One-off extraction (tests, tools): `field[arg]` of a payload of `source`. */
export function extractPluginField(source: string, payload: PluginPayload, field: string, arg?: FieldArg): FieldValue | undefined {
  return pluginFieldExtractor(source, field)?.(payload, arg);
}
