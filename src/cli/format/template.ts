// sysdig/Falco-style output templates: literal text with %field tokens, parsed once, applied per event.
// Fields come from resolvers, so the engine's field registry can plug in beside the basic event fields.
import { escapeControl } from '../../common/index.js';
import type { ScapEvent } from '../../scap/index.js';

/** Extracts one field's text from an event; undefined means "not available" (printed as <NA>). */
export type FieldExtractor = (e: ScapEvent) => string | undefined;

/** Maps a field name (e.g. `evt.type`, `evt.arg.fd`, `proc.aname[2]`) to an extractor; undefined if unknown. */
export interface FieldResolver {
  resolve(field: string): FieldExtractor | undefined;
}

/** Ask each resolver in turn: the first that knows a field provides it. */
export function chainResolvers(...resolvers: FieldResolver[]): FieldResolver {
  return { resolve: (f) => resolvers.reduce<FieldExtractor | undefined>((got, r) => got ?? r.resolve(f), undefined) };
}

export type TemplateToken = { kind: 'text'; text: string } | { kind: 'field'; field: string; offset: number };

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Split a template into literal text and %field tokens (`%%` is a literal %). */
export function parseTemplate(template: string): TemplateToken[] {
  const out: TemplateToken[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i] as string;
    if (c !== '%') {
      text += c;
      i++;
      continue;
    }
    if (template[i + 1] === '%') {
      text += '%';
      i += 2;
      continue;
    }
    const start = i;
    i++;
    let name = '';
    while (i < template.length) {
      const ch = template[i] as string;
      if (/[A-Za-z0-9_.]/.test(ch)) {
        name += ch;
        i++;
      } else if (ch === '[') {
        const close = template.indexOf(']', i);
        if (close < 0) throw new TemplateError(`unterminated [ in field %${name}`, i);
        name += template.slice(i, close + 1);
        i = close + 1;
      } else break;
    }
    // A trailing dot belongs to the text ("%evt.type." → field evt.type, then ".").
    while (name.endsWith('.')) {
      name = name.slice(0, -1);
      i--;
    }
    if (!name) throw new TemplateError('a % must be followed by a field name (use %% for a literal %)', start);
    if (text) out.push({ kind: 'text', text });
    text = '';
    out.push({ kind: 'field', field: name, offset: start });
  }
  if (text) out.push({ kind: 'text', text });
  return out;
}

/**
 * Compile a template. As in sysdig `-p`, a line with any unavailable field is skipped (the function returns
 * undefined) unless the template starts with `*`, in which case unavailable fields print as `<NA>`.
 * Field values are escaped (control characters never reach the terminal).
 */
export function compileTemplate(template: string, resolver: FieldResolver): (e: ScapEvent) => string | undefined {
  const keepNA = template.startsWith('*');
  const tokens = parseTemplate(keepNA ? template.slice(1) : template);
  const parts: (string | FieldExtractor)[] = tokens.map((t) => {
    if (t.kind === 'text') return t.text;
    const x = resolver.resolve(t.field);
    if (!x) throw new TemplateError(`unknown field %${t.field}`, t.offset + (keepNA ? 1 : 0));
    return x;
  });
  return (e) => {
    let line = '';
    for (const p of parts) {
      if (typeof p === 'string') {
        line += p;
        continue;
      }
      const v = p(e);
      if (v === undefined) {
        if (!keepNA) return undefined;
        line += '<NA>';
      } else line += escapeControl(v);
    }
    return line;
  };
}
