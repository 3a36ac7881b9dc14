// Compiling a (macro-expanded) condition AST into a predicate over an EvalContext: fields are resolved
// against the registry, operators are checked against the (transformed) field types, constants are
// parsed once by the left-hand field's type, and every check becomes a closure. Nothing from the rule
// text is ever turned into code. Messages of compile errors and warnings are libsinsp's.
import { utf8Length } from '../../scap/index.js';
import { FieldError } from '../fields/errors.js';
import { compactInt, parseSigned, parseUnsigned } from '../fields/numbers.js';
import type { FieldRegistry, ResolvedField } from '../fields/registry.js';
import { EPF, type EvalContext, type Extractor, type FieldType, type FieldValue, type IpValue, type MultiValueSemantics } from '../fields/types.js';
import {
  ipEquals,
  ipInNet,
  parseBoolConstant,
  parseHexBytes,
  parseIpAddrConstant,
  parseIpNetConstant,
  parseIpv4Constant,
  parseIpv6Constant,
  parsePortConstant,
  type IpNet,
} from '../fields/values.js';
import type { BinaryCheckExpr, Expr, FieldExpr, TransformerExpr, UnaryCheckExpr } from './ast.js';
import { ExtractionCache, type Getter } from './cache.js';
import { compileGlob, globMatch } from './glob.js';
import { compileRegex, PathPrefixSet, RegexError } from './matchers.js';
import { asciiLower, asciiUpper } from './text.js';
import { TRANSFORMER_NAMES } from './parser.js';
import { printFalco } from './printer.js';

/** A compiled condition: true if the event in `ctx` matches. */
export type Predicate = (ctx: EvalContext) => boolean;

/** A compile error at the check that caused it (offset into the condition text). */
export class CompileError extends Error {
  override readonly name = 'CompileError';
  readonly pos: number;
  /** The check being compiled (its `from` names the macro it came from, if any). */
  readonly node?: Expr;
  constructor(message: string, pos: number, node?: Expr) {
    super(message);
    this.pos = pos;
    if (node) this.node = node;
  }
}

export interface CompileWarning {
  readonly message: string;
  readonly pos: number;
  readonly node?: Expr;
}

export interface CompileOptions {
  readonly registry: FieldRegistry;
  readonly source: string;
  /** Shared by every condition of a ruleset so a field is extracted once per event. */
  readonly cache?: ExtractionCache;
  /** Compiled sub-expressions by node, reused when the same (shared) node is compiled again. */
  readonly memo?: CompileMemo;
  /**
   * Supplies the extractor of a field reference at compile time (the replay engine's binder). Without it,
   * or when it returns undefined, the field definition's `extract` slot is used at evaluation time.
   */
  readonly bind?: FieldBinder;
  /**
   * `fd.net in (...)` compares against the first network only, as current libsinsp does (default true);
   * false for 2022 libsinsp (sysdig 0.29.3), which tests every network of the list.
   */
  readonly netListFirstOnly?: boolean;
}

/** Binds a resolved field reference (definition + parsed argument) to its extractor. */
export type FieldBinder = (field: ResolvedField) => Extractor | undefined;

interface MemoEntry {
  readonly predicate: Predicate;
  readonly warnings: readonly CompileWarning[];
  readonly fields: readonly ResolvedField[];
}

/** A predicate that computes its result at most once per event epoch. */
function memoizePerEvent(p: Predicate): Predicate {
  let stamp = Number.NaN;
  let value = false;
  return (ctx) => {
    if (ctx.epoch === stamp) return value;
    value = p(ctx);
    stamp = ctx.epoch;
    return value;
  };
}

/** Remembers compiled sub-expressions (macro bodies are shared nodes, so they compile once per source). */
export class CompileMemo {
  readonly #map = new WeakMap<Expr, Map<string, MemoEntry>>();

  get(e: Expr, source: string): MemoEntry | undefined {
    return this.#map.get(e)?.get(source);
  }

  set(e: Expr, source: string, entry: MemoEntry): void {
    let m = this.#map.get(e);
    if (!m) {
      m = new Map();
      this.#map.set(e, m);
    }
    m.set(source, entry);
  }
}

export interface CompiledFilter {
  readonly predicate: Predicate;
  readonly warnings: readonly CompileWarning[];
  /** Every field the condition reads, resolved. */
  readonly fields: readonly ResolvedField[];
}

type Family = 'num' | 'bool' | 'str' | 'buf' | 'ip' | 'net' | 'other';

function family(t: FieldType): Family {
  switch (t) {
    case 'CHARBUF':
    case 'FSPATH':
    case 'FSRELPATH':
      return 'str';
    case 'BYTEBUF':
      return 'buf';
    case 'BOOL':
      return 'bool';
    case 'IPV4ADDR':
    case 'IPV6ADDR':
    case 'IPADDR':
      return 'ip';
    case 'IPV4NET':
    case 'IPV6NET':
    case 'IPNET':
      return 'net';
    case 'INT8':
    case 'INT16':
    case 'INT32':
    case 'INT64':
    case 'UINT8':
    case 'UINT16':
    case 'UINT32':
    case 'UINT64':
    case 'ERRNO':
    case 'FD':
    case 'PID':
    case 'SYSCALLID':
    case 'SIGTYPE':
    case 'RELTIME':
    case 'ABSTIME':
    case 'PORT':
    case 'FLAGS8':
    case 'FLAGS16':
    case 'FLAGS32':
    case 'DOUBLE':
    case 'MODE':
    case 'ENUMFLAGS8':
    case 'ENUMFLAGS16':
    case 'ENUMFLAGS32':
    case 'UID':
    case 'GID':
      return 'num';
    default:
      return 'other';
  }
}

const OP_NAMES: Readonly<Record<string, string>> = {
  '=': 'EQ', '==': 'EQ', '!=': 'NE', '<': 'LT', '<=': 'LE', '>': 'GT', '>=': 'GE', contains: 'CONTAINS', icontains: 'ICONTAINS',
  bcontains: 'BCONTAINS', startswith: 'STARTSWITH', bstartswith: 'BSTARTSWITH', endswith: 'ENDSWITH', in: 'IN', intersects: 'INTERSECTS',
  pmatch: 'PMATCH', exists: 'EXISTS', glob: 'GLOB', iglob: 'IGLOB', regex: 'REGEX',
}; // prettier-ignore

/** The operator without its modifier, normalised (`==` is `=`). */
function baseOp(op: string): string {
  const o = op.split(' ')[0] ?? op;
  return o === '==' ? '=' : o;
}

const ALLOWED: Readonly<Record<Family | 'list', readonly string[]>> = {
  num: ['=', '!=', '<', '<=', '>', '>=', 'in', 'intersects', 'exists'],
  bool: ['=', '!=', 'in', 'intersects', 'exists'],
  str: ['=', '!=', '<', '<=', '>', '>=', 'contains', 'in', 'exists', 'icontains', 'startswith', 'glob', 'pmatch', 'endswith', 'intersects', 'iglob', 'regex'],
  buf: ['=', '!=', 'contains', 'in', 'exists', 'startswith', 'endswith', 'intersects', 'bcontains', 'bstartswith'],
  ip: ['=', '!=', 'in', 'exists', 'intersects'],
  net: ['=', '!=', 'in', 'exists', 'intersects'],
  other: ['exists'],
  list: ['in', 'exists', 'intersects'],
};
const LIST_TYPES = new Set<FieldType>(['CHARBUF', 'UINT64', 'RELTIME', 'ABSTIME', 'BOOL', 'IPADDR', 'IPNET']);

/** libsinsp's operator/type compatibility check (`flt_is_comparable`); returns the error or undefined. */
function comparabilityError(op: string, type: FieldType, list: boolean): string | undefined {
  const o = baseOp(op);
  if (o === 'exists') return undefined;
  if (list) {
    if (!LIST_TYPES.has(type)) return `list filters are not supported for type '${type}'`;
    return ALLOWED.list.includes(o) ? undefined : `'${o}' operator not supported list filters`;
  }
  const fam = family(type);
  const ok = ALLOWED[fam].includes(o);
  switch (fam) {
    case 'num':
      return ok ? undefined : `'${o}' operator not supported for numeric filters`;
    case 'bool':
      return ok ? undefined : `'${o}' operator not supported for numeric filters`;
    case 'str':
      return ok ? undefined : `'${o}' operator not supported for string filters`;
    case 'buf':
      return ok ? undefined : `'${o}' operator not supported for buffer filters`;
    case 'ip':
    case 'net':
      if (op.includes(' ') && !ok) return `'${o}' with modifier not supported for ip address and network filters`;
      return ok ? undefined : `'${o}' operator not supported for ip address and network filters`;
    default:
      return `'${o}' operator not supported for type '${type}'`;
  }
}

/** The left or right side of a check: a field, a transformed field, or a constant used as an argument. */
interface Operand {
  /** Name used in messages (the underlying field's name). */
  readonly name: string;
  readonly type: FieldType;
  readonly list: boolean;
  /** Flags of the underlying field (NO_RHS, NO_TRANSFORMER...). */
  readonly flags: number;
  readonly transformed: boolean;
  readonly multi?: MultiValueSemantics;
  /** True for `evt.type` (its constants must name known events). */
  readonly isEvtType: boolean;
  readonly get: Getter;
}

const CONST_FLAGS = 0;

class Compiler {
  readonly #registry: FieldRegistry;
  readonly #source: string;
  readonly #cache: ExtractionCache;
  readonly #memo: CompileMemo | undefined;
  readonly #bind: FieldBinder | undefined;
  readonly #netFirstOnly: boolean;
  readonly warnings: CompileWarning[] = [];
  readonly fields: ResolvedField[] = [];
  #pos = 0;
  #node: Expr | undefined;

  constructor(opts: CompileOptions) {
    this.#registry = opts.registry;
    this.#source = opts.source;
    this.#cache = opts.cache ?? new ExtractionCache();
    this.#memo = opts.memo;
    this.#bind = opts.bind;
    this.#netFirstOnly = opts.netListFirstOnly ?? true;
  }

  fail(message: string): never {
    throw new CompileError(message, this.#pos, this.#node);
  }

  boolExpr(e: Expr): Predicate {
    const memo = this.#memo;
    if (!memo) return this.#boolExpr(e);
    const hit = memo.get(e, this.#source);
    if (hit) {
      // Loops, not push(...xs): a spread of a very long array overflows the stack.
      for (const w of hit.warnings) this.warnings.push(w);
      for (const f of hit.fields) this.fields.push(f);
      return hit.predicate;
    }
    const w0 = this.warnings.length;
    const f0 = this.fields.length;
    let predicate = this.#boolExpr(e);
    // Composite sub-conditions (mostly macros such as open_write, spawned_process) are shared by many rules of
    // a ruleset: remember their result for the event being evaluated, so the next rule asking gets it at once.
    if (e.kind === 'and' || e.kind === 'or') predicate = memoizePerEvent(predicate);
    memo.set(e, this.#source, { predicate, warnings: this.warnings.slice(w0), fields: this.fields.slice(f0) });
    return predicate;
  }

  #boolExpr(e: Expr): Predicate {
    this.#pos = e.pos;
    this.#node = e;
    switch (e.kind) {
      case 'and': {
        const ps = e.children.map((c) => this.boolExpr(c));
        if (ps.length === 2) {
          const [a, b] = ps as [Predicate, Predicate];
          return (ctx) => a(ctx) && b(ctx);
        }
        return (ctx) => {
          for (const p of ps) if (!p(ctx)) return false;
          return true;
        };
      }
      case 'or': {
        const ps = e.children.map((c) => this.boolExpr(c));
        if (ps.length === 2) {
          const [a, b] = ps as [Predicate, Predicate];
          return (ctx) => a(ctx) || b(ctx);
        }
        return (ctx) => {
          for (const p of ps) if (p(ctx)) return true;
          return false;
        };
      }
      case 'not': {
        const p = this.boolExpr(e.child);
        return (ctx) => !p(ctx);
      }
      case 'unary':
        return this.unary(e);
      case 'binary':
        return this.binary(e);
      case 'identifier':
        return this.fail(`filter error: unexpected identifier '${e.name}'`);
      default:
        return this.fail(`filter error: unexpected ${e.kind} expression where a check was expected`);
    }
  }

  // --- operands ---

  operand(e: Expr): Operand {
    try {
      switch (e.kind) {
        case 'field':
          return this.field(e);
        case 'transformer':
          return this.transformer(e);
        case 'value':
          return this.constantOperand([e.value]);
        case 'list':
          return this.constantOperand(e.values);
        case 'tlist':
          return this.tlist(e.children);
        default:
          return this.fail(`filter error: unexpected ${e.kind} expression in a field position`);
      }
    } catch (err) {
      if (err instanceof FieldError || err instanceof RegexError) this.fail(err.message);
      throw err;
    }
  }

  field(e: FieldExpr): Operand {
    const full = e.arg === undefined ? e.field : `${e.field}[${e.arg}]`;
    const r = this.#registry.resolve(this.#source, full);
    this.fields.push(r);
    const { def, arg } = r;
    const key = `${this.#source}:${full}`;
    const bound = this.#bind?.(r);
    const get = this.#cache.getter(
      key,
      bound
        ? (ctx) => bound(ctx, arg)
        : (ctx) => {
            const x = def.extract;
            return x ? x(ctx, arg) : undefined;
          },
    );
    const multi = def.multi && (arg === undefined || def.multi !== 'any-ancestor') ? def.multi : undefined;
    return {
      name: def.name,
      type: r.type,
      list: (def.flags & EPF.IS_LIST) !== 0,
      flags: def.flags,
      transformed: false,
      ...(multi ? { multi } : {}),
      isEvtType: def.name === 'evt.type' && def.fieldClass === 'evt',
      get,
    };
  }

  constantOperand(values: readonly string[]): Operand {
    const v: FieldValue = values.length === 1 ? (values[0] as string) : [...values];
    return { name: 'NA', type: 'CHARBUF', list: values.length !== 1, flags: CONST_FLAGS, transformed: false, isEvtType: false, get: () => v };
  }

  tlist(children: readonly Expr[]): Operand {
    const ops = children.map((c) => (c.kind === 'value' ? this.constantOperand([c.value]) : this.operand(c)));
    const get: Getter = (ctx) => {
      const out: FieldValue[] = [];
      for (const o of ops) {
        const v = o.get(ctx);
        if (v === undefined) return undefined;
        if (Array.isArray(v)) for (const x of v as FieldValue[]) out.push(x);
        else out.push(v as FieldValue);
      }
      return out;
    };
    return { name: 'NA', type: 'CHARBUF', list: true, flags: CONST_FLAGS, transformed: false, isEvtType: false, get };
  }

  transformer(e: TransformerExpr): Operand {
    const args = e.args.map((a) => this.operand(a));
    if (e.transformer === 'val') {
      if (e.arg !== undefined) this.fail("filter error: transformer 'val' does not support field arguments");
      return args[0] as Operand;
    }
    if (args.length === 1) {
      if (e.arg !== undefined) this.fail(`filter error: transformer '${e.transformer}' does not support field arguments`);
      return this.singleTransformer(e.transformer, args[0] as Operand, printFalco(e));
    }
    return this.multiTransformer(e.transformer, args, e.arg, printFalco(e));
  }

  singleTransformer(name: string, inner: Operand, key: string): Operand {
    if (!['tolower', 'toupper', 'b64', 'basename', 'len'].includes(name)) this.fail(`unknown field transfomer '${name}'`);
    if (inner.flags & EPF.NO_TRANSFORMER) this.fail(`field '${inner.name}' does not support transformers`);
    const t = inner.type;
    let outType: FieldType = t;
    let outList = inner.list;
    const supported = ((): boolean => {
      switch (name) {
        case 'tolower':
        case 'toupper':
        case 'basename':
          return t === 'CHARBUF' || t === 'FSPATH' || t === 'FSRELPATH';
        case 'b64':
          return t === 'CHARBUF' || t === 'BYTEBUF';
        default:
          if (inner.list) {
            outType = 'UINT64';
            outList = false;
            return true;
          }
          if (t === 'CHARBUF' || t === 'BYTEBUF' || t === 'FSPATH' || t === 'FSRELPATH') {
            outType = 'UINT64';
            return true;
          }
          return false;
      }
    })();
    if (!supported) {
      this.fail(`can't add field transformer: type '${t}' is not supported by '${name}' transformer applied on ${inner.list ? 'list ' : ''}field '${inner.name}'`);
    }
    const fn = transformFn(name, inner.list);
    const src = inner.get;
    const get = this.#cache.getter(`${this.#source}:${key}`, (ctx) => {
      const v = src(ctx);
      return v === undefined ? undefined : fn(v);
    });
    return { name: inner.name, type: outType, list: outList, flags: inner.flags, transformed: true, isEvtType: inner.isEvtType, get };
  }

  multiTransformer(name: string, args: Operand[], arg: string | undefined, key: string): Operand {
    let get: Getter;
    let list = false;
    if (name === 'join') {
      if (args.length !== 2) this.fail('join() requires exactly 2 arguments: separator and list');
      const [sep, items] = args as [Operand, Operand];
      if (sep.list) this.fail('join() first argument (separator) must be a single value, not a list');
      if (!items.list) this.fail('join() second argument must be a list');
      get = (ctx) => {
        const s = sep.get(ctx);
        const l = items.get(ctx);
        if (s === undefined || l === undefined) return undefined;
        return (Array.isArray(l) ? (l as FieldValue[]) : [l]).map(String).join(String(s));
      };
    } else if (name === 'concat') {
      if (args.length < 2) this.fail('concat() requires at least 2 arguments');
      for (const a of args) if (a.type !== 'CHARBUF' || a.list) this.fail('concat() arguments must be strings');
      get = (ctx) => {
        let out = '';
        for (const a of args) {
          const v = a.get(ctx);
          if (v === undefined) return undefined;
          out += String(v);
        }
        return out;
      };
    } else if (name === 'getopt') {
      if (args.length !== 2) this.fail('getopt() requires exactly 2 arguments: args list and optstring');
      const [argv, optstring] = args as [Operand, Operand];
      if (!argv.list) this.fail('getopt() first argument must be a list');
      if (optstring.list) this.fail('getopt() second argument (optstring) must be a single value');
      if (argv.type !== 'CHARBUF' || optstring.type !== 'CHARBUF') this.fail('getopt() arguments must be strings');
      if (arg !== undefined && arg.length !== 1) this.fail('getopt() field argument must be a single option character');
      list = arg === undefined;
      get = (ctx) => {
        const a = argv.get(ctx);
        const o = optstring.get(ctx);
        if (a === undefined || o === undefined) return undefined;
        return getopt((Array.isArray(a) ? (a as FieldValue[]) : [a]).map(String), String(o), arg);
      };
    } else {
      throw new Error('unknown multivalue transformer');
    }
    if (name !== 'getopt' && arg !== undefined) this.fail(`transformer '${name}' does not support field arguments`);
    return { name: 'INTERNAL', type: 'CHARBUF', list, flags: list ? EPF.IS_LIST : 0, transformed: true, isEvtType: false, get: this.#cache.getter(`${this.#source}:${key}`, get) };
  }

  // --- checks ---

  unary(e: UnaryCheckExpr): Predicate {
    this.#pos = e.pos;
    this.#node = e;
    const left = this.operand(e.left);
    this.#pos = e.pos;
    const err = comparabilityError(e.op, left.type, left.list);
    if (err) this.fail(`filter error: ${err}`);
    const get = left.get;
    if (left.multi === 'any-ancestor') {
      return (ctx) => {
        const v = get(ctx);
        return Array.isArray(v) && v.length > 0;
      };
    }
    return (ctx) => get(ctx) !== undefined;
  }

  binary(e: BinaryCheckExpr): Predicate {
    this.#pos = e.pos;
    this.#node = e;
    const left = this.operand(e.left);
    this.#pos = e.pos;
    const op = e.op;
    const base = baseOp(op);
    const mod = op.includes(' ') ? (op.split(' ')[1] as string) : undefined;
    const err = comparabilityError(op, left.type, left.list);
    if (err) this.fail(`filter error: ${err}`);

    const rightIsField = e.right.kind === 'field' || e.right.kind === 'transformer';
    if (rightIsField) {
      const right = this.operand(e.right);
      this.#pos = e.pos;
      if (base === 'pmatch' || base === 'regex') this.fail(`operator '${OP_NAMES[base]}' doesn't support right-hand side fields`);
      if (family(left.type) === 'net') this.fail("field type 'IPNET' doesn't support right-hand side fields");
      if (left.flags & EPF.NO_RHS) this.fail(`field '${left.name}' doesn't support right-hand side fields`);
      if (right.flags & EPF.NO_RHS) this.fail(`field '${right.name}' can't be used as a right-hand side field`);
      if (left.type !== right.type || left.list !== right.list) {
        this.fail(
          `field '${left.name}' has type '${left.type}${left.list ? ' (list)' : ''}' while the right-hand side field '${right.name}' has incompatible type '${right.type}${right.list ? ' (list)' : ''}'`,
        );
      }
      return this.fieldComparison(left, base, right);
    }

    const values = e.right.kind === 'value' ? [e.right.value] : e.right.kind === 'list' ? e.right.values : this.fail('filter error: unexpected right-hand side');
    for (const v of values) this.constantWarnings(base, v, e.right.pos, e.right);
    try {
      let constants = values.map((v) => this.parseConstant(left, base, v));
      let texts = values;
      // libsinsp compares fd.net against the first network of a list only.
      if (left.multi === 'either-side-first-net' && this.#netFirstOnly) {
        constants = constants.slice(0, 1);
        texts = texts.slice(0, 1);
      }
      return wrapCheck(left, base, buildTest(left, base, mod, constants, texts));
    } catch (err2) {
      if (err2 instanceof FieldError) this.fail(err2.message);
      if (err2 instanceof RegexError) this.fail(`invalid regex pattern: ${err2.message}`);
      throw err2;
    }
  }

  parseConstant(left: Operand, op: string, text: string): unknown {
    const fam = family(left.type);
    if (op === 'bcontains' || op === 'bstartswith') {
      const bytes = parseHexBytes(text);
      if (!bytes) throw new FieldError('filter error: bcontains and bstartswith operator support hex strings only');
      return bytes;
    }
    if (fam === 'buf') return new TextEncoder().encode(text);
    if (text.includes('\0')) throw new FieldError('filter error: filter value cannot contain a NUL byte (\\x00)');
    let parsed: unknown;
    switch (left.type) {
      case 'INT8':
        parsed = compactInt(parseSigned(text, 8));
        break;
      case 'INT16':
        parsed = compactInt(parseSigned(text, 16));
        break;
      case 'INT32':
        parsed = compactInt(parseSigned(text, 32));
        break;
      case 'INT64':
      case 'FD':
      case 'ERRNO':
      case 'PID':
        parsed = compactInt(parseSigned(text, 64));
        break;
      case 'L4PROTO':
      case 'FLAGS8':
      case 'UINT8':
      case 'ENUMFLAGS8':
        parsed = compactInt(parseUnsigned(text, 8));
        break;
      case 'PORT':
        parsed = parsePortConstant(text);
        break;
      case 'FLAGS16':
      case 'UINT16':
      case 'ENUMFLAGS16':
        parsed = compactInt(parseUnsigned(text, 16));
        break;
      case 'FLAGS32':
      case 'UINT32':
      case 'MODE':
      case 'ENUMFLAGS32':
      case 'UID':
      case 'GID':
        parsed = compactInt(parseUnsigned(text, 32));
        break;
      case 'UINT64':
      case 'RELTIME':
      case 'ABSTIME':
        parsed = compactInt(parseUnsigned(text, 64));
        break;
      case 'CHARBUF':
      case 'SOCKADDR':
      case 'SOCKTUPLE':
      case 'SOCKFAMILY':
      case 'FSPATH':
      case 'FSRELPATH':
        parsed = text;
        break;
      case 'BOOL':
        parsed = parseBoolConstant(text);
        break;
      case 'DOUBLE':
        parsed = Number(parseSigned(text, 32));
        break;
      case 'IPADDR':
        parsed = parseIpAddrConstant(text);
        break;
      case 'IPV4ADDR':
        parsed = parseIpv4Constant(text);
        break;
      case 'IPV6ADDR':
        parsed = parseIpv6Constant(text);
        break;
      case 'IPNET':
      case 'IPV4NET':
      case 'IPV6NET':
        parsed = parseIpNetConstant(text);
        break;
      default:
        throw new FieldError(`wrong parameter type ${left.type}`);
    }
    if (left.isEvtType && !this.#registry.isKnownEventType(text)) throw new FieldError(`unknown event type ${text}`);
    return parsed;
  }

  /** Hints about constants that look like fields or transformers, or regexes that need no regex. */
  constantWarnings(op: string, v: string, pos: number, node: Expr): void {
    const nospaces = v.replace(/[ \t\n\v\f\r]/g, '');
    if (op === 'regex' && regexIsTrivial(v)) {
      this.warnings.push({ message: `regex check with '${v}' may be optimized with simpler operators such as '=', 'contains', 'startswith', 'endswith'`, pos, node });
    }
    // Every field name has a dot; skip the lookup for the common case of plain words.
    if (nospaces.includes('.') && this.#registry.tryResolve(this.#source, nospaces)) {
      this.warnings.push({ message: `'${v}' may be a valid field misused as a const string value`, pos, node });
    }
    for (const t of TRANSFORMER_NAMES) {
      if (nospaces.length >= t.length + 2 && nospaces.startsWith(t) && nospaces[t.length] === '(' && nospaces.endsWith(')')) {
        this.warnings.push({ message: `'${v}' may be a valid field transformer misused as a const string value`, pos, node });
      }
    }
  }

  fieldComparison(left: Operand, op: string, right: Operand): Predicate {
    const fam = family(left.type);
    const lget = left.get;
    const rget = right.get;
    const eq = equalityFor(fam);
    const scalar = scalarTest(fam, op);
    return (ctx) => {
      const lv = lget(ctx);
      if (lv === undefined) return false;
      if (op === 'exists') return true;
      const rv = rget(ctx);
      if (rv === undefined) return false;
      const rvals = Array.isArray(rv) ? (rv as FieldValue[]) : [rv as FieldValue];
      if (left.list) {
        const lvals = lv as FieldValue[];
        if (op === 'in') return lvals.every((x) => rvals.some((c) => eq(x, c)));
        return lvals.some((x) => rvals.some((c) => eq(x, c)));
      }
      if (op === 'in' || op === 'intersects') return rvals.some((c) => eq(lv, c));
      const first = rvals[0];
      return first !== undefined && scalar(lv, first);
    };
  }
}

/** The compiled value test for one extracted scalar (or list) value. */
type ValueTest = (v: FieldValue) => boolean;

function numCmp(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function normNum(v: FieldValue): number | bigint | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return compactInt(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function bytesIndexOf(hay: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 0;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function toBytes(v: FieldValue): Uint8Array {
  return v instanceof Uint8Array ? v : new TextEncoder().encode(String(v));
}

function equalityFor(fam: Family): (a: FieldValue, b: FieldValue) => boolean {
  switch (fam) {
    case 'num': {
      return (a, b) => {
        const x = normNum(a);
        const y = normNum(b);
        return x !== undefined && y !== undefined && numCmp(x, y) === 0;
      };
    }
    case 'buf':
      return (a, b) => bytesEqual(toBytes(a), toBytes(b));
    case 'ip':
    case 'net':
      return (a, b) => ipEquals(a as IpValue, b as IpValue);
    default:
      return (a, b) => a === b;
  }
}

/** A scalar comparison `v op c` between two values of the same family (field-to-field checks). */
function scalarTest(fam: Family, op: string): (v: FieldValue, c: FieldValue) => boolean {
  const eq = equalityFor(fam);
  if (op === '=') return eq;
  if (op === '!=') return (v, c) => !eq(v, c);
  if (fam === 'num' && ['<', '<=', '>', '>='].includes(op)) {
    return (v, c) => {
      const x = normNum(v);
      const y = normNum(c);
      if (x === undefined || y === undefined) return false;
      return ordered(op, numCmp(x, y));
    };
  }
  if (fam === 'str' || fam === 'buf') {
    return (v, c) => stringOrBufferTest(fam, op, v, c);
  }
  return () => false;
}

function ordered(op: string, c: number): boolean {
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

function stringOrBufferTest(fam: Family, op: string, v: FieldValue, c: FieldValue): boolean {
  if (fam === 'buf') {
    const a = toBytes(v);
    const b = toBytes(c);
    switch (op) {
      case 'contains':
      case 'bcontains':
        return bytesIndexOf(a, b) >= 0;
      case 'startswith':
      case 'bstartswith':
        return b.length <= a.length && bytesEqual(a.subarray(0, b.length), b);
      case 'endswith':
        return b.length <= a.length && bytesEqual(a.subarray(a.length - b.length), b);
      default:
        return false;
    }
  }
  const a = String(v);
  const b = String(c);
  switch (op) {
    case 'contains':
      return a.includes(b);
    case 'icontains':
      return asciiLower(a).includes(asciiLower(b));
    case 'startswith':
      return a.startsWith(b);
    case 'endswith':
      return a.endsWith(b);
    case 'glob':
      return globMatch(b, a);
    case 'iglob':
      return globMatch(b, a, true);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordered(op, a < b ? -1 : a > b ? 1 : 0);
    default:
      return false;
  }
}

/** Build the test of one check against its constants, by type family, operator and modifier. */
function buildTest(left: Operand, op: string, mod: string | undefined, constants: unknown[], texts: readonly string[]): ValueTest {
  const fam = family(left.type);
  if (op === 'exists') return () => true;

  if (left.list) {
    const eq = equalityFor(fam);
    const members = constants as FieldValue[];
    const isMember =
      fam === 'net'
        ? (x: FieldValue): boolean => (members as unknown as IpNet[]).some((n) => ipInNet(x as IpValue, n))
        : fam === 'str'
          ? ((set) => (x: FieldValue): boolean => set.has(x as string))(new Set(members as string[]))
          : (x: FieldValue): boolean => members.some((c) => eq(x, c));
    if (op === 'in') return (v) => (v as FieldValue[]).every(isMember);
    return (v) => (v as FieldValue[]).some(isMember);
  }

  if (mod) return modifierTest(fam, op, mod, constants, texts);

  switch (fam) {
    case 'num': {
      const cs = constants as (number | bigint)[];
      if (op === 'in' || op === 'intersects') {
        const set = new Set<number | bigint>(cs);
        return (v) => {
          const x = normNum(v);
          return x !== undefined && set.has(x);
        };
      }
      const c = cs[0] as number | bigint;
      switch (op) {
        case '=':
          return (v) => {
            const x = normNum(v);
            return x !== undefined && numCmp(x, c) === 0;
          };
        case '!=':
          return (v) => {
            const x = normNum(v);
            return x !== undefined && numCmp(x, c) !== 0;
          };
        default:
          return (v) => {
            const x = normNum(v);
            return x !== undefined && ordered(op, numCmp(x, c));
          };
      }
    }
    case 'bool': {
      const cs = constants as boolean[];
      if (op === '!=') return (v) => v !== cs[0];
      if (op === '=') return (v) => v === cs[0];
      return (v) => cs.includes(v as boolean);
    }
    case 'str': {
      const cs = constants as string[];
      if (op === 'in' || op === 'intersects') {
        if (cs.length === 1) {
          const c = cs[0];
          return (v) => v === c;
        }
        const set = new Set(cs);
        return (v) => set.has(v as string);
      }
      if (op === 'pmatch') {
        const paths = new PathPrefixSet();
        for (const c of cs) paths.add(c);
        return (v) => paths.match(v as string);
      }
      const c = cs[0] as string;
      switch (op) {
        case '=':
          return (v) => v === c;
        case '!=':
          return (v) => v !== c;
        case 'contains':
          return (v) => (v as string).includes(c);
        case 'startswith':
          return (v) => (v as string).startsWith(c);
        case 'endswith':
          return (v) => (v as string).endsWith(c);
        case 'icontains': {
          const lc = asciiLower(c);
          return (v) => asciiLower(v as string).includes(lc);
        }
        case 'regex': {
          const re = compileRegex(texts[0] as string);
          return (v) => re(v as string);
        }
        case 'glob':
        case 'iglob': {
          const g = compileGlob(c, op === 'iglob');
          return (v) => g(v as string);
        }
        default:
          return (v) => stringOrBufferTest('str', op, v, c);
      }
    }
    case 'buf': {
      const cs = constants as Uint8Array[];
      if (op === 'in' || op === 'intersects') return (v) => cs.some((c) => bytesEqual(toBytes(v), c));
      const c = cs[0] as Uint8Array;
      if (op === '=') return (v) => bytesEqual(toBytes(v), c);
      if (op === '!=') return (v) => !bytesEqual(toBytes(v), c);
      return (v) => stringOrBufferTest('buf', op, v, c);
    }
    case 'ip': {
      const cs = constants as IpValue[];
      if (op === '!=') return (v) => !ipEquals(v as IpValue, cs[0] as IpValue);
      return (v) => cs.some((c) => ipEquals(v as IpValue, c));
    }
    case 'net': {
      const cs = constants as unknown as IpNet[];
      if (op === '!=') return (v) => !ipInNet(v as IpValue, cs[0] as IpNet);
      return (v) => cs.some((c) => ipInNet(v as IpValue, c));
    }
    default:
      return () => false;
  }
}

/** `op oneof/anyof/allof (list)`: exactly one / at least one / every element satisfies `v op c`. */
function modifierTest(fam: Family, op: string, mod: string, constants: unknown[], texts: readonly string[]): ValueTest {
  if (constants.length === 0) return () => false;
  let elems: ((v: FieldValue) => boolean)[];
  const eqOnly = fam === 'ip' || fam === 'net';
  const o = eqOnly && op !== '=' && op !== '!=' && op !== 'regex' ? '=' : op;
  if (o === 'regex') {
    elems = texts.map((t) => {
      const re = compileRegex(t);
      return (v: FieldValue) => re(String(v));
    });
  } else {
    elems = constants.map((c) => {
      const t = buildTest({ name: '', type: familyType(fam), list: false, flags: 0, transformed: false, isEvtType: false, get: () => undefined }, o, undefined, [c], [String(c)]);
      return t;
    });
  }
  switch (mod) {
    case 'oneof':
      return (v) => {
        let n = 0;
        for (const e of elems) if (e(v) && ++n > 1) return false;
        return n === 1;
      };
    case 'anyof':
      return (v) => elems.some((e) => e(v));
    default:
      return (v) => elems.every((e) => e(v));
  }
}

function familyType(fam: Family): FieldType {
  switch (fam) {
    case 'num':
      return 'UINT64';
    case 'bool':
      return 'BOOL';
    case 'buf':
      return 'BYTEBUF';
    case 'ip':
      return 'IPADDR';
    case 'net':
      return 'IPNET';
    default:
      return 'CHARBUF';
  }
}

/** Apply missing-value semantics and the multi-valued field rules around a value test. */
function wrapCheck(left: Operand, op: string, test: ValueTest): Predicate {
  const get = left.get;
  switch (left.multi) {
    case 'any-ancestor':
      return (ctx) => {
        const v = get(ctx);
        if (!Array.isArray(v)) return false;
        for (const x of v as FieldValue[]) if (test(x)) return true;
        return false;
      };
    case 'either-side':
    case 'either-side-first-net':
      return (ctx) => {
        const v = get(ctx);
        if (v === undefined) return false;
        if (op === 'exists') return true;
        const vals = Array.isArray(v) ? (v as FieldValue[]) : [v as FieldValue];
        if (vals.length === 0) return false;
        if (op === '!=') {
          for (const x of vals) if (!test(x)) return false;
          return true;
        }
        for (const x of vals) if (test(x)) return true;
        return false;
      };
    default:
      return (ctx) => {
        const v = get(ctx);
        return v !== undefined && test(v);
      };
  }
}

function transformFn(name: string, list: boolean): (v: FieldValue) => FieldValue | undefined {
  const one = ((): ((v: FieldValue) => FieldValue | undefined) => {
    switch (name) {
      case 'tolower':
        return (v) => asciiLower(cstr(v));
      case 'toupper':
        return (v) => asciiUpper(cstr(v));
      case 'basename':
        return (v) => {
          const s = cstr(v);
          return s.slice(s.lastIndexOf('/') + 1);
        };
      case 'b64':
        return (v) => {
          const bytes = decodeBase64(v instanceof Uint8Array ? trimNul(v) : new TextEncoder().encode(cstr(v)));
          if (!bytes) return undefined;
          return v instanceof Uint8Array ? bytes : cstr(new TextDecoder().decode(bytes));
        };
      default:
        return (v) => (v instanceof Uint8Array ? v.length : utf8Length(cstr(v)));
    }
  })();
  if (name === 'len' && list) return (v) => (Array.isArray(v) ? v.length : 1);
  if (!list) return one;
  return (v) => {
    if (!Array.isArray(v)) return one(v as FieldValue);
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

/** libsinsp's hint: a regex whose only metacharacters are anchors or a leading/trailing `.*`. */
function regexIsTrivial(v: string): boolean {
  const special = '.+*?^$()[]{}|\\';
  const len = v.length;
  for (let i = 0; i < len; i++) {
    if ((i === 0 && v[i] === '^') || (i === len - 1 && v[i] === '$')) continue;
    if (((i === 0 && len > 1) || i === len - 2) && v[i] === '.' && '+*?'.includes(v[i + 1] ?? '\0')) {
      i++;
      continue;
    }
    if (special.includes(v[i] as string)) return false;
  }
  return true;
}

/** A compiled field or transformer expression (output tokens, rendering). */
export interface CompiledValue {
  /** The underlying field's name, or NA/INTERNAL for constants and multi-value transformers. */
  readonly name: string;
  readonly type: FieldType;
  readonly list: boolean;
  readonly transformed: boolean;
  readonly multi?: MultiValueSemantics;
  readonly get: Getter;
  readonly fields: readonly ResolvedField[];
}

/** Compile a field or transformer expression to a getter; throws {@link CompileError} (message only matters). */
export function compileValue(expr: Expr, opts: CompileOptions): CompiledValue {
  const c = new Compiler(opts);
  const o = c.operand(expr);
  return { name: o.name, type: o.type, list: o.list, transformed: o.transformed, ...(o.multi ? { multi: o.multi } : {}), get: o.get, fields: c.fields };
}

/** Compile a condition (macros already expanded) for `opts.source`; throws {@link CompileError}. */
export function compileFilter(expr: Expr, opts: CompileOptions): CompiledFilter {
  const c = new Compiler(opts);
  const predicate = c.boolExpr(expr);
  return { predicate, warnings: c.warnings, fields: c.fields };
}
