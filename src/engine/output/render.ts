// Rendering a parsed output format for one event: field values as libsinsp's formatter prints them,
// `<NA>` for missing values (or no line at all when the format requires every value), fixed widths.
import { formatValue, type FormatOptions } from '../fields/format.js';
import type { EvalContext } from '../fields/types.js';
import type { OutputField, OutputFormat } from './template.js';

/** Text of one field token for the event in `ctx`; undefined when the value is missing. */
export function renderField(token: OutputField, ctx: EvalContext, opts: FormatOptions = {}): string | undefined {
  const v = token.value.get(ctx);
  if (v === undefined) return undefined;
  const def = token.value.fields[0]?.def;
  const print = token.value.transformed ? 'NA' : (def?.print ?? 'NA');
  const list = token.value.list && !token.value.multi;
  return formatValue(v, token.value.type, print, list ? { ...opts, listStyle: 'parens' } : opts);
}

/**
 * The rendered line, or undefined when a value is missing and the format does not start with `*`
 * (sysdig -p drops such lines). No escaping: callers escape for terminals.
 */
export function renderOutput(fmt: OutputFormat, ctx: EvalContext, opts: FormatOptions = {}): string | undefined {
  let out = '';
  for (const t of fmt.tokens) {
    if (t.kind === 'text') {
      out += t.text;
      continue;
    }
    let s = renderField(t, ctx, opts);
    if (s === undefined) {
      if (fmt.requireAll) return undefined;
      s = '<NA>';
    }
    if (t.width > 0) s = s.length > t.width ? s.slice(0, t.width) : s.padEnd(t.width, ' ');
    out += s;
  }
  return out;
}
