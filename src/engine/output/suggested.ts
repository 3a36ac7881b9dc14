// Falco's `suggested_output`: `name_with_underscores=%name` for every field a loaded plugin marks as
// suggested for outputs, per event source. Computed once per run from the one field registry.
import type { FieldRegistry } from '../fields/registry.js';
import { EPF } from '../fields/types.js';

/** One suggested output entry: the text appended to the outputs of rules of `source`. */
export interface SuggestedOutput {
  readonly format: string;
  readonly source: string;
}

/** The suggested outputs of every source (or of one source only), in registry order. */
export function suggestedOutputs(registry: FieldRegistry, source?: string): SuggestedOutput[] {
  const out: SuggestedOutput[] = [];
  for (const src of registry.sources) {
    if (source !== undefined && src !== source) continue;
    for (const cls of registry.classesFor(src)) {
      for (const f of cls.fields) if (f.flags & EPF.FORMAT_SUGGESTED) out.push({ format: `${f.name.replace(/\./g, '_')}=%${f.name}`, source: src });
    }
  }
  return out;
}
