// The compile-time binder: a resolved field reference (definition + parsed argument) to its extractor over
// the inspector's state. Fields without an entry here have no extractor (`fields` reports them so).
import type { ResolvedField } from '../registry.js';
import type { Extractor } from '../types.js';
import type { ExtractEnv, ExtractorFactory } from './env.js';
import { EVT_EXTRACTORS } from './evt.js';
import { FD_EXTRACTORS } from './fd.js';
import { MISC_EXTRACTORS } from './misc.js';
import { PROC_EXTRACTORS } from './proc.js';
import { THREAD_TIME_EXTRACTORS } from './thread-time.js';

const ALL: Readonly<Record<string, ExtractorFactory>> = { ...EVT_EXTRACTORS, ...PROC_EXTRACTORS, ...FD_EXTRACTORS, ...MISC_EXTRACTORS, ...THREAD_TIME_EXTRACTORS };

/** The extractor of `field` over `env`, or undefined when the field has none (only syscall-source fields do). */
export function bindField(env: ExtractEnv, field: ResolvedField): Extractor | undefined {
  const cls = field.def.fieldClass;
  if (cls !== 'evt' && cls !== 'process' && cls !== 'user' && cls !== 'group' && cls !== 'fd' && cls !== 'fs.path' && cls !== 'fdlist' && cls !== 'container') return undefined;
  const f = ALL[field.def.name];
  return f ? f(env, field) : undefined;
}

/** Whether the state engine extracts `name` (for the `fields` listing). */
export function hasExtractor(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(ALL, name) && name !== 'evt.around';
}
