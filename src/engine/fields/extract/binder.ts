// The compile-time binder: a resolved field reference (definition + parsed argument) to its extractor over
// the inspector's state. Every catalogue field has an extractor here or an entry on NOT_EXTRACTED, which
// says why it has none; test/engine/fields/coverage.test.ts keeps the catalogue and these tables in step.
import type { ResolvedField } from '../registry.js';
import type { Extractor } from '../types.js';
import type { ExtractEnv, ExtractorFactory } from './env.js';
import { EVT_EXTRACTORS } from './evt.js';
import { FD_EXTRACTORS } from './fd.js';
import { MISC_EXTRACTORS } from './misc.js';
import { PROC_EXTRACTORS } from './proc.js';
import { THREAD_TIME_EXTRACTORS } from './thread-time.js';

const ALL: Readonly<Record<string, ExtractorFactory>> = { ...EVT_EXTRACTORS, ...PROC_EXTRACTORS, ...FD_EXTRACTORS, ...MISC_EXTRACTORS, ...THREAD_TIME_EXTRACTORS };

/** Catalogue fields without an extractor: whole field classes, or single fields, and the reason. */
export type NotExtracted = { readonly fieldClass: string; readonly reason: string } | { readonly fields: readonly string[]; readonly reason: string };

export const NOT_EXTRACTED: readonly NotExtracted[] = [
  { fieldClass: 'k8saudit', reason: 'ka.* belong to the k8s_audit plugin source; falco-replay replays syscall captures and does not decode its events' },
  { fieldClass: 'cloudtrail', reason: 'ct.*, s3.*, ec2.*, ecr.*, iam.* belong to the aws_cloudtrail plugin source, whose events are not decoded' },
  { fieldClass: 'json', reason: 'json.* and jevt.* read JSON-encoded plugin events, which are not decoded' },
  { fields: ['thread.vmsize.b', 'thread.vmrss.b'], reason: 'table-only byte variants of thread.vmsize and thread.vmrss, for sysdig views; not extracted yet' },
  { fields: ['evt.around'], reason: "sysdig's time-window selector; it compiles but has no value in a replay" },
];

const NOT_EXTRACTED_CLASSES = new Set(NOT_EXTRACTED.flatMap((e) => ('fieldClass' in e ? [e.fieldClass] : [])));
const NOT_EXTRACTED_FIELDS = new Set(NOT_EXTRACTED.flatMap((e) => ('fields' in e ? e.fields : [])));
/** Classes whose fields the state engine extracts (syscall events, and the container plugin's fields). */
const EXTRACTED_CLASSES = new Set(['evt', 'process', 'user', 'group', 'fd', 'fs.path', 'fdlist', 'container', 'capture']);

/** Whether a catalogue field (of class `fieldClass`) is on the "not extracted" list. */
export function isNotExtracted(fieldClass: string, name: string): boolean {
  return NOT_EXTRACTED_CLASSES.has(fieldClass) || NOT_EXTRACTED_FIELDS.has(name);
}

/** The extractor of `field` over `env`, or undefined when the field has none (only syscall-source fields do). */
export function bindField(env: ExtractEnv, field: ResolvedField): Extractor | undefined {
  if (!EXTRACTED_CLASSES.has(field.def.fieldClass)) return undefined;
  const f = Object.hasOwn(ALL, field.def.name) ? ALL[field.def.name] : undefined;
  return f ? f(env, field) : undefined;
}

/** Whether the state engine extracts `name` (for the `fields` listing). */
export function hasExtractor(name: string): boolean {
  return Object.hasOwn(ALL, name) && !NOT_EXTRACTED_FIELDS.has(name);
}

/** Whether a replay extracts field `name` of class `fieldClass` (the binder's own rule: class, then name). */
export function isExtracted(fieldClass: string, name: string): boolean {
  return EXTRACTED_CLASSES.has(fieldClass) && hasExtractor(name);
}

/** Names of every field with an extractor factory (the coverage test checks each is in the catalogue). */
export function extractorNames(): readonly string[] {
  return Object.keys(ALL);
}
