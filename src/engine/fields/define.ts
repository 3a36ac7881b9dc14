// Compact table rows for the field families, turned into FieldDef objects grouped by field class.
import type { ArgSyntax, FieldDef, FieldType, MultiValueSemantics, PrintFormat } from './types.js';

/** `[name, type, flags, print format, description, extras]`, in the order `fields` lists them. */
export type FieldSpec = readonly [
  name: string,
  type: FieldType,
  flags: number,
  print: PrintFormat,
  desc: string,
  extra?: { readonly argSyntax?: ArgSyntax; readonly multi?: MultiValueSemantics },
];

/** How names of a class are matched against a field token, mirroring the libsinsp filter check that owns it. */
export type ClassParser = 'generic' | 'event' | 'thread' | 'fd' | 'plugin';

/** A group of fields as `fields` (`falco --list`) shows them. */
export interface FieldClass {
  readonly name: string;
  /** Short qualifier shown after the class name (e.g. "All event types"). */
  readonly shortDesc: string;
  readonly desc: string;
  /** Applies to events of every source (libsinsp FL_GENERIC). */
  readonly generic: boolean;
  /** Name of the plugin that provides the class, for plugin classes. */
  readonly plugin?: string;
  readonly parser: ClassParser;
  readonly fields: readonly FieldDef[];
}

export function fieldClass(
  info: Omit<FieldClass, 'fields' | 'generic'> & { generic?: boolean },
  ...tables: readonly (readonly FieldSpec[])[]
): FieldClass {
  const fields: FieldDef[] = [];
  for (const table of tables) {
    for (const [name, type, flags, print, desc, extra] of table) {
      const def: FieldDef = { name, type, flags, print, desc, fieldClass: info.name };
      if (extra?.argSyntax) (def as { argSyntax?: ArgSyntax }).argSyntax = extra.argSyntax;
      if (extra?.multi) (def as { multi?: MultiValueSemantics }).multi = extra.multi;
      fields.push(def);
    }
  }
  return { ...info, generic: info.generic ?? false, fields };
}
