// Field transformers, one table entry each: which input types it accepts (and the type it produces), and the
// function over one value. The multi-argument ones (join, concat, getopt) check their arguments themselves.
import { utf8Length } from '../../scap/index.js';
import type { FieldType, FieldValue } from '../fields/types.js';
import { asciiLower, asciiUpper } from './text.js';

/** The type of a transformed value, or undefined when the transformer refuses the input. */
type Accepts = (type: FieldType, list: boolean) => { readonly type: FieldType; readonly list: boolean } | undefined;

export interface TransformerSpec {
  readonly accepts: Accepts;
  /** The transformer over one scalar value (undefined: no value). */
  readonly one: (v: FieldValue) => FieldValue | undefined;
  /** Over a whole list value, when it is not applied element by element. */
  readonly whole?: (v: FieldValue) => FieldValue | undefined;
}

const PATH_OR_STRING = new Set<FieldType>(['CHARBUF', 'FSPATH', 'FSRELPATH']);
const stringIn: Accepts = (type, list) => (PATH_OR_STRING.has(type) ? { type, list } : undefined);

/** Single-argument transformers, by name. */
const TRANSFORMERS: Readonly<Record<string, TransformerSpec>> = {
  tolower: { accepts: stringIn, one: (v) => asciiLower(cstr(v)) },
  toupper: { accepts: stringIn, one: (v) => asciiUpper(cstr(v)) },
  basename: {
    accepts: stringIn,
    one: (v) => {
      const s = cstr(v);
      return s.slice(s.lastIndexOf('/') + 1);
    },
  },
  b64: {
    accepts: (type, list) => (type === 'CHARBUF' || type === 'BYTEBUF' ? { type, list } : undefined),
    one: (v) => {
      const bytes = decodeBase64(v instanceof Uint8Array ? trimNul(v) : new TextEncoder().encode(cstr(v)));
      if (!bytes) return undefined;
      return v instanceof Uint8Array ? bytes : cstr(new TextDecoder().decode(bytes));
    },
  },
  len: {
    accepts: (type, list) => (list ? { type: 'UINT64', list: false } : type === 'BYTEBUF' || PATH_OR_STRING.has(type) ? { type: 'UINT64', list } : undefined),
    one: (v) => (v instanceof Uint8Array ? v.length : utf8Length(cstr(v))),
    whole: (v) => (Array.isArray(v) ? v.length : 1),
  },
};

/** The single-argument transformer called `name`, if there is one. */
export function transformerSpec(name: string): TransformerSpec | undefined {
  return Object.hasOwn(TRANSFORMERS, name) ? TRANSFORMERS[name] : undefined;
}

/** The function a transformer applies to a field's value (element by element over lists). */
export function transformFn(spec: TransformerSpec, list: boolean): (v: FieldValue) => FieldValue | undefined {
  const one = spec.one;
  if (!list) return one;
  if (spec.whole) return spec.whole;
  return (v) => {
    if (!Array.isArray(v)) return one(v);
    const out: FieldValue[] = [];
    for (const x of v as FieldValue[]) {
      const r = one(x);
      if (r === undefined) return undefined;
      out.push(r);
    }
    return out;
  };
}

/** A string value up to its first NUL, as C string functions see it. */
function cstr(v: FieldValue): string {
  const s = v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v);
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

function trimNul(b: Uint8Array): Uint8Array {
  let n = b.length;
  while (n > 0 && b[n - 1] === 0) n--;
  return b.subarray(0, n);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64, padding optional; undefined on any other character. */
function decodeBase64(input: Uint8Array): Uint8Array | undefined {
  let end = input.length;
  while (end > 0 && input[end - 1] === 61) end--;
  if (input.length - end > 2) return undefined;
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const idx = B64.indexOf(String.fromCharCode(input[i] as number));
    if (idx < 0) return undefined;
    acc = (acc << 6) | idx;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  if (end % 4 === 1) return undefined;
  return Uint8Array.from(out);
}

/** A multi-argument transformer's result: its value getter over the argument values, and whether it is a list. */
export interface MultiTransform {
  readonly list: boolean;
  readonly apply: (args: readonly FieldValue[]) => FieldValue | undefined;
}

/** An argument of a multi-argument transformer, as the compiler describes it. */
export interface TransformerArg {
  readonly type: FieldType;
  readonly list: boolean;
}

const asList = (v: FieldValue): readonly FieldValue[] => (Array.isArray(v) ? (v as FieldValue[]) : [v]);

/**
 * Multi-argument transformers, by name: each checks its arguments (returning libsinsp's message on the first
 * problem) and returns its function.
 */
type MultiTransformerBuilder = (args: readonly TransformerArg[], arg: string | undefined) => MultiTransform | string;

const MULTI_TRANSFORMERS: Readonly<Record<string, MultiTransformerBuilder>> = {
  join: (args) => {
    if (args.length !== 2) return 'join() requires exactly 2 arguments: separator and list';
    const [sep, items] = args as [TransformerArg, TransformerArg];
    if (sep.list) return 'join() first argument (separator) must be a single value, not a list';
    if (!items.list) return 'join() second argument must be a list';
    return { list: false, apply: ([s, l]) => asList(l as FieldValue).map(String).join(String(s)) };
  },
  concat: (args) => {
    if (args.length < 2) return 'concat() requires at least 2 arguments';
    for (const a of args) if (a.type !== 'CHARBUF' || a.list) return 'concat() arguments must be strings';
    return { list: false, apply: (vs) => vs.map(String).join('') };
  },
  getopt: (args, arg) => {
    if (args.length !== 2) return 'getopt() requires exactly 2 arguments: args list and optstring';
    const [argv, optstring] = args as [TransformerArg, TransformerArg];
    if (!argv.list) return 'getopt() first argument must be a list';
    if (optstring.list) return 'getopt() second argument (optstring) must be a single value';
    if (argv.type !== 'CHARBUF' || optstring.type !== 'CHARBUF') return 'getopt() arguments must be strings';
    if (arg !== undefined && arg.length !== 1) return 'getopt() field argument must be a single option character';
    return { list: arg === undefined, apply: ([a, o]) => getopt(asList(a as FieldValue).map(String), String(o), arg) };
  },
};

/** The multi-argument transformer called `name`, if there is one. */
export function multiTransformer(name: string): MultiTransformerBuilder | undefined {
  return Object.hasOwn(MULTI_TRANSFORMERS, name) ? MULTI_TRANSFORMERS[name] : undefined;
}

/** POSIX getopt over `argv`: every option (and its argument) in order, or the value of option `selector`. */
function getopt(argv: readonly string[], optstring: string, selector: string | undefined): FieldValue | undefined {
  const valid = new Set<string>();
  const withArg = new Set<string>();
  for (let i = optstring.startsWith(':') ? 1 : 0; i < optstring.length; i++) {
    const o = optstring[i] as string;
    if (o === ':') continue;
    valid.add(o);
    if (optstring[i + 1] === ':') {
      withArg.add(o);
      i++;
    }
  }
  const results: string[] = [];
  let selected: string | undefined;
  const emit = (name: string, value: string | undefined): void => {
    if (selector !== undefined) selected = value ?? name;
    else {
      results.push(name);
      if (value !== undefined) results.push(value);
    }
  };
  outer: for (let ai = 0; ai < argv.length; ai++) {
    const arg = argv[ai] as string;
    if (arg === '--') break;
    if (arg.length > 2 && arg.startsWith('--')) continue;
    if (arg === '' || arg[0] !== '-' || arg.length === 1) break;
    for (let i = 1; i < arg.length; i++) {
      const o = arg[i] as string;
      if (o === ':' || !valid.has(o)) {
        if (selector === undefined) results.push('?');
        continue;
      }
      const match = selector === undefined || o === selector;
      if (!withArg.has(o)) {
        if (match) emit(o, undefined);
        continue;
      }
      let value: string | undefined;
      if (i + 1 < arg.length) value = arg.slice(i + 1);
      else if (ai + 1 < argv.length) value = argv[++ai];
      if (value === undefined) {
        if (match) emit('', undefined);
        break outer;
      }
      if (match) emit(o, value);
      break;
    }
  }
  if (selector !== undefined) return selected;
  return results;
}
