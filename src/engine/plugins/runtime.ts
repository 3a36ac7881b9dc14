// Plugins loaded at run time (a Falco plugin shared library, through the native plugin host): their fields
// become a field class of the catalogue and payload extractors of the same shape as the built-in ones. The
// engine only knows the structural {@link RuntimePlugin}; the CLI hands in what src/native loaded.
import type { ScapEvent } from '../../scap/index.js';
import { fieldClass, type FieldSpec } from '../fields/define.js';
import type { PluginInfo } from '../fields/classes.js';
import type { ResolvedField } from '../fields/registry.js';
import { EPF, type EvalContext, type Extractor, type FieldArg, type FieldType, type FieldValue } from '../fields/types.js';
import { PluginPayloadCache, type PayloadExtractor, type PluginPayload } from './payload.js';

/** One field of a runtime plugin, as the plugin declares it. */
export interface RuntimePluginField {
  readonly name: string;
  readonly type: 'string' | 'uint64' | 'bool' | 'reltime' | 'abstime' | 'ipaddr' | 'ipnet';
  readonly isList: boolean;
  readonly arg?: { readonly isRequired: boolean; readonly isIndex: boolean; readonly isKey: boolean };
  readonly desc: string;
  readonly properties: readonly string[];
}

type RuntimeValue = string | number | bigint | boolean | Uint8Array | readonly (string | number | bigint | boolean | Uint8Array)[];

/** What the engine needs of a loaded plugin (src/native's LoadedPlugin has this shape). */
export interface RuntimePlugin {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  /** Plugin ID of its event source; 0 for extractor-only plugins. */
  readonly id: number;
  /** Its event source, or '' for extractor-only plugins. */
  readonly eventSource: string;
  /** Sources its fields apply to; empty: every source. */
  readonly extractSources: readonly string[];
  readonly fields: readonly RuntimePluginField[];
  extract(
    eventNum: number,
    source: string,
    pluginId: number,
    payload: Uint8Array,
    ts: bigint | number,
    requests: readonly { readonly fieldId: number; readonly argKey?: string; readonly argIndex?: number }[],
  ): (RuntimeValue | undefined)[];
}

const TYPES: Readonly<Record<RuntimePluginField['type'], FieldType>> = {
  string: 'CHARBUF',
  uint64: 'UINT64',
  bool: 'BOOL',
  reltime: 'RELTIME',
  abstime: 'ABSTIME',
  ipaddr: 'IPADDR',
  ipnet: 'IPNET',
};

/** Catalogue flags of a plugin field (libsinsp's translation of the plugin's JSON). */
export function runtimeFieldFlags(f: RuntimePluginField): number {
  let flags = 0;
  if (f.isList) flags |= EPF.IS_LIST;
  if (f.arg) {
    flags |= f.arg.isRequired ? EPF.ARG_REQUIRED : EPF.ARG_ALLOWED;
    if (f.arg.isIndex) flags |= EPF.ARG_INDEX;
    if (f.arg.isKey) flags |= EPF.ARG_KEY;
  }
  if (f.properties.includes('hidden')) flags |= EPF.TABLE_ONLY;
  if (f.properties.includes('info')) flags |= EPF.INFO;
  if (f.properties.includes('conversation')) flags |= EPF.CONVERSATION;
  return flags;
}

/** An IPv4 address from a plugin (4 bytes, network order) as the engine holds it; IPv6 stays bytes. */
function ipValue(b: Uint8Array): FieldValue {
  return b.length === 4 ? (((b[0] as number) << 24) | ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number)) >>> 0 : b;
}

function toFieldValue(f: RuntimePluginField, v: RuntimeValue | undefined): FieldValue | undefined {
  if (v === undefined) return undefined;
  const one = (x: string | number | bigint | boolean | Uint8Array): FieldValue => (x instanceof Uint8Array && (f.type === 'ipaddr' || f.type === 'ipnet') ? ipValue(x) : x);
  if (Array.isArray(v)) return v.length ? v.map(one) : undefined;
  return one(v as string | number | bigint | boolean | Uint8Array);
}

/**
 * The payload extractors of a runtime plugin's fields, keyed by field name. `source` names the events'
 * source to the plugin (its own source, or the first it extracts from).
 */
export function runtimeExtractors(p: RuntimePlugin): ReadonlyMap<string, PayloadExtractor> {
  const source = p.eventSource || p.extractSources[0] || 'syscall';
  // Plugins may key per-event caches on the event number: one number per payload object (one per event).
  const numbers = new WeakMap<PluginPayload, number>();
  let next = 0;
  const out = new Map<string, PayloadExtractor>();
  p.fields.forEach((f, fieldId) => {
    out.set(f.name, (payload: PluginPayload, arg: FieldArg | undefined) => {
      let num = numbers.get(payload);
      if (num === undefined) numbers.set(payload, (num = ++next));
      const req = { fieldId, ...(arg?.key !== undefined && f.arg?.isKey ? { argKey: arg.key } : {}), ...(arg?.index !== undefined && f.arg?.isIndex ? { argIndex: arg.index } : {}) };
      const [v] = p.extract(num, source, p.id, payload.bytes, payload.ts, [req]);
      return toFieldValue(f, v);
    });
  });
  return out;
}

/** The catalogue entry of a runtime plugin: its source (if any), its field class, and its extractors. */
export function runtimePluginInfo(p: RuntimePlugin): PluginInfo {
  const specs: FieldSpec[] = p.fields.map((f): FieldSpec => {
    const print = f.type === 'uint64' ? 'DEC' : 'NA';
    return f.arg ? [f.name, TYPES[f.type], runtimeFieldFlags(f), print, f.desc, { argSyntax: 'plugin' }] : [f.name, TYPES[f.type], runtimeFieldFlags(f), print, f.desc];
  });
  return {
    name: p.name,
    version: p.version,
    description: p.description,
    ...(p.eventSource ? { source: p.eventSource, id: p.id } : {}),
    extractSources: p.extractSources,
    asyncEvents: [],
    fields: fieldClass({ name: p.name, shortDesc: '', desc: p.description || `Fields of the ${p.name} plugin.`, plugin: p.name, parser: 'plugin' }, specs),
    extractors: runtimeExtractors(p),
  };
}

const PLUGIN_EVENT = 322;

/**
 * The extractor of a field of a plugin that carries its own extractors (a runtime plugin), bound over the
 * inspector's events: the payload of the current plugin event, parsed once per event. Undefined for other fields.
 */
export function bindPluginInfoField(plugins: readonly PluginInfo[], field: ResolvedField): Extractor | undefined {
  const p = plugins.find((q) => q.extractors !== undefined && q.fields.name === field.def.fieldClass);
  const x = p?.extractors?.get(field.def.name);
  if (!x) return undefined;
  const cache = new PluginPayloadCache();
  const bound = field.arg;
  return (ctx: EvalContext, arg: FieldArg | undefined) => {
    const e = (ctx as EvalContext & { event?: ScapEvent }).event;
    if (!e || e.type !== PLUGIN_EVENT) return undefined;
    const bytes = e.pluginPayload();
    if (!bytes) return undefined;
    return x(cache.get(ctx.epoch, bytes, e.ts), arg ?? bound);
  };
}
