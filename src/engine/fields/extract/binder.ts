// The compile-time binder: a resolved field reference (definition + parsed argument) to its extractor over
// the inspector's state. Every catalogue field has an extractor here or an entry on NOT_EXTRACTED, which
// says why it has none; test/engine/fields/coverage.test.ts keeps the catalogue and these tables in step.
// Fields of plugin classes read the payload of plugin events (docs/plugins.md#extraction).
import { PLUGIN_EVENT } from '../../../scap/index.js';
import { BUILTIN_EXTRACTOR_PLUGINS, pluginFieldExtractor, type PayloadExtractor } from '../../plugins/index.js';
import type { EventContext } from '../../state/context.js';
import type { ResolvedField } from '../registry.js';
import type { Extractor } from '../types.js';
import { asExtractor, type ExtractEnv, type ExtractorFactory } from './env.js';
import { EVT_EXTRACTORS } from './evt.js';
import { FD_EXTRACTORS } from './fd.js';
import { MISC_EXTRACTORS } from './misc.js';
import { PROC_EXTRACTORS } from './proc.js';
import { THREAD_TIME_EXTRACTORS } from './thread-time.js';

const ALL: Readonly<Record<string, ExtractorFactory>> = { ...EVT_EXTRACTORS, ...PROC_EXTRACTORS, ...FD_EXTRACTORS, ...MISC_EXTRACTORS, ...THREAD_TIME_EXTRACTORS };

/** Catalogue fields without an extractor: whole field classes, or single fields, and the reason. */
export type NotExtracted = { readonly fieldClass: string; readonly reason: string } | { readonly fields: readonly string[]; readonly reason: string };

export const NOT_EXTRACTED: readonly NotExtracted[] = [
  { fields: ['thread.vmsize.b', 'thread.vmrss.b'], reason: 'table-only byte variants of thread.vmsize and thread.vmrss, for sysdig views; not extracted yet' },
  { fields: ['evt.around'], reason: "sysdig's time-window selector; it compiles but has no value in a replay" },
];

const NOT_EXTRACTED_CLASSES = new Set(NOT_EXTRACTED.flatMap((e) => ('fieldClass' in e ? [e.fieldClass] : [])));
const NOT_EXTRACTED_FIELDS = new Set(NOT_EXTRACTED.flatMap((e) => ('fields' in e ? e.fields : [])));
/** Classes whose fields the state engine extracts (syscall events, and the container plugin's fields). */
const EXTRACTED_CLASSES = new Set(['evt', 'process', 'user', 'group', 'fd', 'fs.path', 'fdlist', 'container', 'capture']);

/** Names of the plugin fields whose extraction is built in (src/engine/plugins). */
const PLUGIN_FIELD_NAMES = new Set(BUILTIN_EXTRACTOR_PLUGINS.flatMap((p) => [...p.extractors.keys()]));

/** Whether a catalogue field (of class `fieldClass`) is on the "not extracted" list. */
export function isNotExtracted(fieldClass: string, name: string): boolean {
  return NOT_EXTRACTED_CLASSES.has(fieldClass) || NOT_EXTRACTED_FIELDS.has(name);
}

/** The extractor of `field` over `env`, or undefined when the field has none (only syscall-source fields do). */
export function bindField(env: ExtractEnv, field: ResolvedField): Extractor | undefined {
  if (!EXTRACTED_CLASSES.has(field.def.fieldClass)) return bindPluginField(env, field);
  const f = Object.hasOwn(ALL, field.def.name) ? ALL[field.def.name] : undefined;
  return f ? f(env, field) : undefined;
}

/**
 * A plugin field: on a plugin event (code 322) of a known source, the extractor the source's plugins have for
 * the field (built-in first, then `env.pluginExtractors`), looked up once per source; no value on any other event.
 */
function bindPluginField(env: ExtractEnv, field: ResolvedField): Extractor {
  const name = field.def.name;
  const bySource = new Map<string, PayloadExtractor | null>();
  return asExtractor((ctx: EventContext, arg) => {
    const e = ctx.event;
    const route = ctx.route;
    if (e.type !== PLUGIN_EVENT || route?.kind !== 'source') return undefined;
    let x = bySource.get(route.source);
    if (x === undefined) {
      x = pluginFieldExtractor(route.source, name, env.pluginExtractors) ?? null;
      bySource.set(route.source, x);
    }
    if (x === null) return undefined;
    const bytes = e.pluginPayload();
    if (bytes === undefined) return undefined;
    return x(env.pluginPayloads.get(ctx.epoch, bytes, e.ts), arg ?? field.arg);
  });
}

/** Whether the state engine extracts `name` (for the `fields` listing). */
export function hasExtractor(name: string): boolean {
  return (Object.hasOwn(ALL, name) || PLUGIN_FIELD_NAMES.has(name)) && !NOT_EXTRACTED_FIELDS.has(name);
}

/** Whether a replay extracts field `name` of class `fieldClass` (the binder's own rule: class, then name). */
export function isExtracted(fieldClass: string, name: string): boolean {
  return EXTRACTED_CLASSES.has(fieldClass) ? hasExtractor(name) : PLUGIN_FIELD_NAMES.has(name);
}

/** Names of every field with an extractor factory (the coverage test checks each is in the catalogue). */
export function extractorNames(): readonly string[] {
  return Object.keys(ALL);
}
