// Rendering compiled output templates for one event, as libsinsp's formatter does: field values to text by
// type (strings verbatim, integers in decimal or their print format, booleans, addresses, byte buffers, lists
// as `(a,b)`, `<NA>` when missing, fixed widths) and to the typed values of Falco's JSON `output_fields`.
import type { EvalContext, FieldValue, PrintFormat, FieldType, MultiValueSemantics } from '../fields/types.js';
import type { ResolvedField } from '../fields/registry.js';
import type { CompiledValue } from '../condition/compile.js';
import { formatValue, type FormatOptions } from '../fields/format.js';
import { parseOutputFormat, type OutputField, type OutputFormat, type OutputOptions } from './template.js';

/** A JSON value of `output_fields`; `bigint` is written as a JSON integer (nanosecond timestamps). */
export type JsonFieldValue = string | number | bigint | boolean | null | readonly JsonFieldValue[];

/** How byte buffers (`evt.buffer`, BYTEBUF parameters) are printed in outputs (Falco's `buffer_format_base64`). */
export type BufferFormat = 'normal' | 'base64';

/** What the renderer needs to know about a value besides the value itself. */
export interface ValueShape {
  readonly type: FieldType;
  readonly print: PrintFormat;
  readonly multi?: MultiValueSemantics;
  readonly list: boolean;
}

/** The shape of a compiled token's value (its underlying field's print format when it is a plain field). */
export function valueShape(v: CompiledValue): ValueShape {
  const f: ResolvedField | undefined = !v.transformed && v.fields.length === 1 ? v.fields[0] : undefined;
  return { type: v.type, print: f?.def.print ?? 'NA', list: v.list, ...(v.multi ? { multi: v.multi } : {}) };
}

const NA = '<NA>';

function base64Text(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
}

const isNet = (t: FieldType): boolean => t === 'IPV4NET' || t === 'IPV6NET' || t === 'IPNET';

/** One scalar value as libsinsp prints it in a text output (the same text `events -p` prints). */
export function scalarText(v: FieldValue, shape: ValueShape, buffers: BufferFormat = 'normal'): string {
  if (isNet(shape.type)) return '<IPNET>';
  if (v instanceof Uint8Array && buffers === 'base64' && !shape.type.startsWith('IP')) return base64Text(v);
  if (typeof v === 'number' && !Number.isInteger(v) && shape.type !== 'DOUBLE') return String(v);
  return formatValue(v, shape.type, shape.print, { listStyle: 'parens' });
}

/** A value (missing, scalar or multi-valued) as text. */
export function valueText(v: FieldValue | undefined, shape: ValueShape, buffers: BufferFormat = 'normal'): string {
  if (v === undefined) return NA;
  if (Array.isArray(v)) {
    const items = v as readonly FieldValue[];
    // `proc.aname` and friends without an index: the ancestors separated by spaces (current libsinsp).
    if (shape.multi === 'any-ancestor') return items.map((x) => scalarText(x, shape, buffers)).join(' ');
    // Either-side fields (`fd.ip`...): libsinsp prints one address; the first side is the client's.
    if (shape.multi === 'either-side' || shape.multi === 'either-side-first-net') return items.length ? scalarText(items[0] as FieldValue, shape, buffers) : NA;
    return `(${items.map((x) => scalarText(x, shape, buffers)).join(',')})`;
  }
  return scalarText(v, shape, buffers);
}

function scalarJson(v: FieldValue, shape: ValueShape, buffers: BufferFormat): JsonFieldValue {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'bigint':
      return shape.print === 'HEX' || shape.print === 'OCT' ? scalarText(v, shape, buffers) : v;
    case 'number':
      if (shape.type.startsWith('IP')) return scalarText(v, shape, buffers);
      return shape.print === 'HEX' || shape.print === 'OCT' ? scalarText(v, shape, buffers) : v;
    default:
      break;
  }
  if (v instanceof Uint8Array) return scalarText(v, shape, buffers);
  return v.map((x) => scalarJson(x, shape, buffers));
}

/** A value as Falco puts it in JSON `output_fields`: typed, `null` when missing. */
export function valueJson(v: FieldValue | undefined, shape: ValueShape, buffers: BufferFormat = 'normal'): JsonFieldValue {
  if (v === undefined) return null;
  if (Array.isArray(v)) {
    if (shape.multi) return valueText(v, shape, buffers);
    return (v as readonly FieldValue[]).map((x) => scalarJson(x, shape, buffers));
  }
  return scalarJson(v, shape, buffers);
}

/** Cut or right-pad to exactly `width` characters (libsinsp's `%Nfield`). */
function fitWidth(s: string, width: number): string {
  if (width <= 0) return s;
  return s.length >= width ? s.slice(0, width) : s + ' '.repeat(width - s.length);
}

/** Field names whose JSON value is the event time as integer nanoseconds (their text is a date string). */
export const TIME_FIELDS: ReadonlySet<string> = new Set(['evt.time', 'evt.time.s', 'evt.time.iso8601', 'evt.datetime', 'evt.datetime.s']);

interface JsonSlot {
  readonly key: string;
  readonly get: (ctx: EvalContext) => FieldValue | undefined;
  readonly shape: ValueShape;
  readonly time: boolean;
}

/**
 * An output format ready to render: its tokens with their value shapes, and the plan of its JSON
 * `output_fields` (one key per field, transformer expressions replaced by their inner fields).
 */
export class OutputRenderer {
  readonly format: OutputFormat;
  readonly #shapes: (ValueShape | undefined)[];
  #json: JsonSlot[] | undefined;
  readonly #compile: OutputOptions;
  readonly #buffers: BufferFormat;

  constructor(format: OutputFormat, compile: OutputOptions, buffers: BufferFormat = 'normal') {
    this.format = format;
    this.#compile = compile;
    this.#buffers = buffers;
    this.#shapes = format.tokens.map((t) => (t.kind === 'field' ? valueShape(t.value) : undefined));
  }

  /** The rendered text (missing values as `<NA>`, as Falco always formats with `*`). */
  text(ctx: EvalContext): string {
    let s = '';
    const tokens = this.format.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as OutputField | { kind: 'text'; text: string };
      if (t.kind === 'text') {
        s += t.text;
        continue;
      }
      const v = valueText(t.value.get(ctx), this.#shapes[i] as ValueShape, this.#buffers);
      s += t.width ? fitWidth(v, t.width) : v;
    }
    return s;
  }

  /** The JSON `output_fields` of this format, in first-appearance order (the serializer sorts keys). */
  fields(ctx: EvalContext, tsNs: bigint, into: Record<string, JsonFieldValue> = {}): Record<string, JsonFieldValue> {
    for (const slot of this.#jsonSlots()) {
      if (slot.key in into) continue;
      into[slot.key] = slot.time ? tsNs : valueJson(slot.get(ctx), slot.shape, this.#buffers);
    }
    return into;
  }

  #jsonSlots(): JsonSlot[] {
    if (this.#json) return this.#json;
    const slots: JsonSlot[] = [];
    const seen = new Set<string>();
    const direct = new Map<string, OutputField>();
    for (const t of this.format.tokens) if (t.kind === 'field' && !t.value.transformed) direct.set(t.name, t);
    this.format.fieldNames.forEach((name, i) => {
      if (this.format.transformed[i] || seen.has(name)) return;
      seen.add(name);
      // A field that only appears inside a transformer gets its own getter.
      const tok = direct.get(name) ?? (parseOutputFormat(`%${name}`, this.#compile).tokens[0] as OutputField);
      slots.push({ key: name, get: tok.value.get, shape: valueShape(tok.value), time: TIME_FIELDS.has(name) });
    });
    this.#json = slots;
    return slots;
  }
}

// sysdig-style rendering (`events -p`): a line is dropped when a value is missing and the format lacks `*`.

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
 * (sysdig -p drops such lines). `escape`, when given, is applied to each value (after its width is fitted),
 * never to the format's own text: callers that print to a terminal escape the values from the capture.
 *
 * `extractAll`: after a missing value, still extract the remaining fields before dropping the line, as 2022
 * libsinsp's formatter does (current libsinsp stops at the first missing value). It matters for fields whose
 * extraction updates state (`thread.exectime`, `thread.totexectime`, `thread.cpu*`).
 */
export function renderOutput(fmt: OutputFormat, ctx: EvalContext, opts: FormatOptions = {}, extractAll = false, escape?: (value: string) => string): string | undefined {
  let out = '';
  const tokens = fmt.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as (typeof tokens)[number];
    if (t.kind === 'text') {
      out += t.text;
      continue;
    }
    let s = renderField(t, ctx, opts);
    if (s === undefined) {
      if (fmt.requireAll) {
        if (extractAll) {
          for (let j = i + 1; j < tokens.length; j++) {
            const rest = tokens[j] as (typeof tokens)[number];
            if (rest.kind === 'field') rest.value.get(ctx);
          }
        }
        return undefined;
      }
      s = '<NA>';
    }
    if (t.width > 0) s = s.length > t.width ? s.slice(0, t.width) : s.padEnd(t.width, ' ');
    out += escape ? escape(s) : s;
  }
  return out;
}
