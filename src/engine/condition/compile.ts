// Compiling a (macro-expanded) condition AST into a predicate over an EvalContext: fields are resolved
// against the registry, operators are checked against the (transformed) field types, constants are
// parsed once by the left-hand field's type, and every check becomes a closure. Nothing from the rule
// text is ever turned into code. Messages of compile errors and warnings are libsinsp's.
import { FalcoReplayError } from '../../common/index.js';
import { FieldError } from '../fields/errors.js';
import type { FieldRegistry, ResolvedField } from '../fields/registry.js';
import { EPF, type EvalContext, type Extractor, type FieldType, type FieldValue, type MultiValueSemantics } from '../fields/types.js';
import { addressImage, addressTest2022, networkImage } from './addresses-2022.js';
import type { BinaryCheckExpr, Expr, FieldExpr, TransformerExpr, UnaryCheckExpr } from './ast.js';
import { ExtractionCache, type Getter } from './cache.js';
import { parseConstant, regexIsTrivial } from './constants.js';
import { equalityFor, family } from './families.js';
import { fusedCheck } from './fused.js';
import { RegexError } from './matchers.js';
import { baseOp, comparabilityError, constantTest, operatorSpec } from './operators.js';
import { TRANSFORMER_NAMES } from './parser.js';
import { printFalco } from './printer.js';
import { multiTransformer, transformerSpec, transformFn } from './transformers.js';

/** A compiled condition: true if the event in `ctx` matches. */
export type Predicate = (ctx: EvalContext) => boolean;

/** A compile error at the check that caused it (offset into the condition text). */
export class CompileError extends FalcoReplayError {
  override readonly name = 'CompileError';
  /** Offset of the check in the condition text. */
  override readonly offset: number;
  /** The check being compiled (its `from` names the macro it came from, if any). */
  readonly node?: Expr;
  constructor(message: string, offset: number, node?: Expr) {
    super(message);
    this.offset = offset;
    if (node) this.node = node;
  }
}

export interface CompileWarning {
  readonly message: string;
  readonly offset: number;
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
   * or when it returns undefined, the field is always missing.
   */
  readonly bind?: FieldBinder;
  /**
   * `fd.net in (...)` compares against the first network only, as current libsinsp does (default true);
   * false for 2022 libsinsp (sysdig 0.29.3), which tests every network of the list.
   */
  readonly netListFirstOnly?: boolean;
  /**
   * Address and network constants compared as 2022 libsinsp compares them (raw memory, across families; see
   * addresses-2022.ts) instead of as current libsinsp does (a family mismatch never equal). Default false.
   */
  readonly addresses2022?: boolean;
  /** Wraps every compiled check (the rule profiler's counters); absent, checks are compiled as they are. */
  readonly instrument?: CheckInstrument;
  /**
   * Compile for events whose `evt.type` is this name: every check of plain `evt.type` against constants is
   * folded to its answer for that name, and and/or/not around it simplified (see {@link compileRulePlan}).
   */
  readonly evtType?: string;
}

/** Wraps the predicate of one check (a unary or binary comparison) at compile time. */
export type CheckInstrument = (check: UnaryCheckExpr | BinaryCheckExpr, predicate: Predicate) => Predicate;

/** Binds a resolved field reference (definition + parsed argument) to its extractor. */
export type FieldBinder = (field: ResolvedField) => Extractor | undefined;

interface MemoEntry {
  readonly predicate: Predicate;
  readonly warnings: readonly CompileWarning[];
  readonly fields: readonly ResolvedField[];
}

/** The folded forms of a check whose answer is known at compile time (identity marks them as constants). */
const ALWAYS: Predicate = () => true;
const NEVER: Predicate = () => false;

/** Whether a subtree compares `evt.type` anywhere (its folded forms then depend on the event type). */
const evtTypeSubtrees = new WeakMap<Expr, boolean>();
function mentionsEvtType(e: Expr): boolean {
  let known = evtTypeSubtrees.get(e);
  if (known !== undefined) return known;
  switch (e.kind) {
    case 'and':
    case 'or':
      known = e.children.some(mentionsEvtType);
      break;
    case 'not':
      known = mentionsEvtType(e.child);
      break;
    case 'unary':
    case 'binary':
      known = e.left.kind === 'field' && e.left.field === 'evt.type' && e.left.arg === undefined;
      break;
    default:
      known = false;
  }
  evtTypeSubtrees.set(e, known);
  return known;
}

/** The conjunction of predicates, evaluated in order (closures of fixed arity for the common sizes). */
function andOf(ps: readonly Predicate[]): Predicate {
  switch (ps.length) {
    case 0:
      return ALWAYS;
    case 1:
      return ps[0] as Predicate;
    case 2: {
      const [a, b] = ps as [Predicate, Predicate];
      return (ctx) => a(ctx) && b(ctx);
    }
    case 3: {
      const [a, b, c] = ps as [Predicate, Predicate, Predicate];
      return (ctx) => a(ctx) && b(ctx) && c(ctx);
    }
    default: {
      const n = ps.length;
      return (ctx) => {
        for (let i = 0; i < n; i++) if (!(ps[i] as Predicate)(ctx)) return false;
        return true;
      };
    }
  }
}

/** The disjunction of predicates, evaluated in order. */
function orOf(ps: readonly Predicate[]): Predicate {
  switch (ps.length) {
    case 0:
      return NEVER;
    case 1:
      return ps[0] as Predicate;
    case 2: {
      const [a, b] = ps as [Predicate, Predicate];
      return (ctx) => a(ctx) || b(ctx);
    }
    case 3: {
      const [a, b, c] = ps as [Predicate, Predicate, Predicate];
      return (ctx) => a(ctx) || b(ctx) || c(ctx);
    }
    default: {
      const n = ps.length;
      return (ctx) => {
        for (let i = 0; i < n; i++) if ((ps[i] as Predicate)(ctx)) return true;
        return false;
      };
    }
  }
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
  // A node is compiled for one key at load (its source); a Map only for the plans' per-event-type keys.
  readonly #map = new WeakMap<Expr, MemoSlot>();

  get(e: Expr, source: string): MemoEntry | undefined {
    const slot = this.#map.get(e);
    if (!slot) return undefined;
    return slot.key === source ? slot.entry : slot.more?.get(source);
  }

  set(e: Expr, source: string, entry: MemoEntry): void {
    const slot = this.#map.get(e);
    if (!slot) this.#map.set(e, { key: source, entry });
    else if (slot.key === source) slot.entry = entry;
    else (slot.more ??= new Map()).set(source, entry);
  }
}

interface MemoSlot {
  readonly key: string;
  entry: MemoEntry;
  more?: Map<string, MemoEntry>;
}

export interface CompiledFilter {
  readonly predicate: Predicate;
  readonly warnings: readonly CompileWarning[];
  /** Every field the condition reads, resolved. */
  readonly fields: readonly ResolvedField[];
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
/** The operators 2022 libsinsp applies to addresses and networks (`in`/`intersects` as `=` per constant). */
const ADDRESS_OPS_2022 = new Set(['=', '!=', 'in', 'intersects']);

class Compiler {
  readonly #registry: FieldRegistry;
  readonly #source: string;
  readonly #cache: ExtractionCache;
  readonly #memo: CompileMemo | undefined;
  readonly #bind: FieldBinder | undefined;
  readonly #netFirstOnly: boolean;
  readonly #addresses2022: boolean;
  readonly #instrument: CheckInstrument | undefined;
  readonly #evtType: string | undefined;
  readonly warnings: CompileWarning[] = [];
  readonly fields: ResolvedField[] = [];
  #offset = 0;
  #node: Expr | undefined;

  constructor(opts: CompileOptions) {
    this.#registry = opts.registry;
    this.#source = opts.source;
    this.#cache = opts.cache ?? new ExtractionCache();
    this.#memo = opts.memo;
    this.#bind = opts.bind;
    this.#netFirstOnly = opts.netListFirstOnly ?? true;
    this.#addresses2022 = opts.addresses2022 ?? false;
    this.#instrument = opts.instrument;
    this.#evtType = opts.evtType;
  }

  fail(message: string): never {
    throw new CompileError(message, this.#offset, this.#node);
  }

  boolExpr(e: Expr): Predicate {
    const memo = this.#memo;
    if (!memo) return this.#boolExpr(e);
    // A folded subtree is remembered per event type; one without evt.type checks is the same for every type.
    const key = this.#evtType !== undefined && mentionsEvtType(e) ? `${this.#source}\u0000${this.#evtType}` : this.#source;
    const hit = memo.get(e, key);
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
    // A rule's own nodes (no `from`) are never shared, so remembering their result would only cost a call.
    if ((e.kind === 'and' || e.kind === 'or') && e.from !== undefined && predicate !== ALWAYS && predicate !== NEVER) predicate = memoizePerEvent(predicate);
    memo.set(e, key, { predicate, warnings: this.warnings.slice(w0), fields: this.fields.slice(f0) });
    return predicate;
  }

  #boolExpr(e: Expr): Predicate {
    this.#offset = e.offset;
    this.#node = e;
    switch (e.kind) {
      case 'and':
        return andOf(this.#fold(e.children.map((c) => this.boolExpr(c)), NEVER, ALWAYS));
      case 'or':
        return orOf(this.#fold(e.children.map((c) => this.boolExpr(c)), ALWAYS, NEVER));
      case 'not': {
        const p = this.boolExpr(e.child);
        if (p === ALWAYS) return NEVER;
        if (p === NEVER) return ALWAYS;
        return (ctx) => !p(ctx);
      }
      case 'unary':
        return this.#instrument ? this.#instrument(e, this.unary(e)) : this.unary(e);
      case 'binary':
        return this.#instrument ? this.#instrument(e, this.binary(e)) : this.binary(e);
      case 'identifier':
        return this.fail(`filter error: unexpected identifier '${e.name}'`);
      default:
        return this.fail(`filter error: unexpected ${e.kind} expression where a check was expected`);
    }
  }

  /**
   * The children of an and (`absorbing` NEVER, `neutral` ALWAYS) or an or (the reverse) with folded checks
   * taken out: `[absorbing]` when one decides the node, the others in order. Only a compile for one event type
   * (`evtType`) folds anything, and its checks are pure, so the checks left run exactly when they ran before.
   */
  #fold(ps: Predicate[], absorbing: Predicate, neutral: Predicate): Predicate[] {
    if (this.#evtType === undefined) return ps;
    const out: Predicate[] = [];
    for (const p of ps) {
      if (p === absorbing) return [absorbing];
      if (p !== neutral) out.push(p);
    }
    return out;
  }

  /** A rule's condition as a {@link RulePlan}: a shared (per-event memoised) first conjunct becomes the guard. */
  plan(e: Expr): RulePlan {
    if (e.kind !== 'and') return { guard: undefined, rest: this.boolExpr(e) };
    const parts: { node: Expr; p: Predicate }[] = [];
    for (const c of e.children) {
      const p = this.boolExpr(c);
      if (p === NEVER) return { guard: undefined, rest: NEVER };
      if (p !== ALWAYS) parts.push({ node: c, p });
    }
    const head = parts[0];
    if (parts.length < 2 || !head || head.node.from === undefined || (head.node.kind !== 'and' && head.node.kind !== 'or')) {
      return { guard: undefined, rest: andOf(parts.map((x) => x.p)) };
    }
    return { guard: head.p, rest: andOf(parts.slice(1).map((x) => x.p)) };
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
    const get = bound ? this.#cache.fieldGetter(key, bound, arg) : this.#cache.getter(key, () => undefined);
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
        else out.push(v);
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
    const spec = transformerSpec(name);
    if (!spec) this.fail(`unknown field transfomer '${name}'`);
    if (inner.flags & EPF.NO_TRANSFORMER) this.fail(`field '${inner.name}' does not support transformers`);
    const out = spec.accepts(inner.type, inner.list);
    if (!out) {
      this.fail(`can't add field transformer: type '${inner.type}' is not supported by '${name}' transformer applied on ${inner.list ? 'list ' : ''}field '${inner.name}'`);
    }
    const fn = transformFn(spec, inner.list);
    const src = inner.get;
    const get = this.#cache.getter(`${this.#source}:${key}`, (ctx) => {
      const v = src(ctx);
      return v === undefined ? undefined : fn(v);
    });
    return { name: inner.name, type: out.type, list: out.list, flags: inner.flags, transformed: true, isEvtType: inner.isEvtType, get };
  }

  multiTransformer(name: string, args: Operand[], arg: string | undefined, key: string): Operand {
    const build = multiTransformer(name);
    if (!build) throw new Error('unknown multivalue transformer');
    const t = build(args, arg);
    if (typeof t === 'string') this.fail(t);
    if (name !== 'getopt' && arg !== undefined) this.fail(`transformer '${name}' does not support field arguments`);
    const gets = args.map((a) => a.get);
    const get: Getter = (ctx) => {
      const vs: FieldValue[] = [];
      for (const g of gets) {
        const v = g(ctx);
        if (v === undefined) return undefined;
        vs.push(v);
      }
      return t.apply(vs);
    };
    const list = t.list;
    return { name: 'INTERNAL', type: 'CHARBUF', list, flags: list ? EPF.IS_LIST : 0, transformed: true, isEvtType: false, get: this.#cache.getter(`${this.#source}:${key}`, get) };
  }

  // --- checks ---

  unary(e: UnaryCheckExpr): Predicate {
    this.#offset = e.offset;
    this.#node = e;
    const left = this.operand(e.left);
    this.#offset = e.offset;
    const err = comparabilityError(e.op, left.type, left.list);
    if (err) this.fail(`filter error: ${err}`);
    const get = left.get;
    // `evt.type exists`: every event has a type.
    if (this.#evtType !== undefined && left.isEvtType && !left.transformed) return ALWAYS;
    if (left.multi === 'any-ancestor') {
      return (ctx) => {
        const v = get(ctx);
        return Array.isArray(v) && v.length > 0;
      };
    }
    return (ctx) => get(ctx) !== undefined;
  }

  binary(e: BinaryCheckExpr): Predicate {
    this.#offset = e.offset;
    this.#node = e;
    const left = this.operand(e.left);
    this.#offset = e.offset;
    const op = e.op;
    const base = baseOp(op);
    const mod = op.includes(' ') ? (op.split(' ')[1] as string) : undefined;
    const err = comparabilityError(op, left.type, left.list);
    if (err) this.fail(`filter error: ${err}`);

    const rightIsField = e.right.kind === 'field' || e.right.kind === 'transformer';
    if (rightIsField) {
      const right = this.operand(e.right);
      this.#offset = e.offset;
      const spec = operatorSpec(base);
      if (spec && !spec.rhsFields) this.fail(`operator '${spec.name}' doesn't support right-hand side fields`);
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
    for (const v of values) this.constantWarnings(base, v, e.right.offset, e.right);
    try {
      const fam = family(left.type);
      if (this.#addresses2022 && (fam === 'ip' || fam === 'net') && !left.list && !mod && ADDRESS_OPS_2022.has(base)) {
        const images = values.map(fam === 'ip' ? addressImage : networkImage);
        return wrapCheck(left, base, addressTest2022(fam === 'net', base, images));
      }
      let constants = values.map((v) => this.parseConstant(left, base, v));
      let texts = values;
      if (this.#evtType !== undefined && left.isEvtType && !left.transformed && left.multi === undefined) {
        const answer = constantTest(left.type, left.list, base, mod, constants, texts)(this.#evtType);
        return answer ? ALWAYS : NEVER;
      }
      // libsinsp compares fd.net against the first network of a list only.
      if (left.multi === 'either-side-first-net' && this.#netFirstOnly) {
        constants = constants.slice(0, 1);
        texts = texts.slice(0, 1);
      }
      if (!left.list && !mod && left.multi === undefined) {
        const fused = fusedCheck(left.get, fam, base, constants);
        if (fused) return fused;
      }
      return wrapCheck(left, base, constantTest(left.type, left.list, base, mod, constants, texts));
    } catch (err2) {
      if (err2 instanceof FieldError) this.fail(err2.message);
      if (err2 instanceof RegexError) this.fail(`invalid regex pattern: ${err2.message}`);
      throw err2;
    }
  }

  parseConstant(left: Operand, op: string, text: string): unknown {
    const parsed = parseConstant(left.type, op, text);
    if (left.isEvtType && !this.#registry.isKnownEventType(text)) throw new FieldError(`unknown event type ${text}`);
    return parsed;
  }

  /** Hints about constants that look like fields or transformers, or regexes that need no regex. */
  constantWarnings(op: string, v: string, offset: number, node: Expr): void {
    const nospaces = HAS_SPACE.test(v) ? v.replace(/[ \t\n\v\f\r]/g, '') : v;
    if (op === 'regex' && regexIsTrivial(v)) {
      this.warnings.push({ message: `regex check with '${v}' may be optimized with simpler operators such as '=', 'contains', 'startswith', 'endswith'`, offset, node });
    }
    // Every field name has a dot and begins with one of a few letters; skip the lookup (a miss scans every field
    // of every class) for plain words, paths and addresses.
    if (nospaces.includes('.') && fieldInitials(this.#registry).has(nospaces[0] as string) && this.#registry.tryResolve(this.#source, nospaces)) {
      this.warnings.push({ message: `'${v}' may be a valid field misused as a const string value`, offset, node });
    }
    if (!nospaces.endsWith(')')) return;
    for (const t of TRANSFORMER_NAMES) {
      if (nospaces.length >= t.length + 2 && nospaces.startsWith(t) && nospaces[t.length] === '(' && nospaces.endsWith(')')) {
        this.warnings.push({ message: `'${v}' may be a valid field transformer misused as a const string value`, offset, node });
      }
    }
  }

  fieldComparison(left: Operand, op: string, right: Operand): Predicate {
    const fam = family(left.type);
    const lget = left.get;
    const rget = right.get;
    const eq = equalityFor(fam);
    const scalar = operatorSpec(op)?.compare(fam) ?? ((): boolean => false);
    return (ctx) => {
      const lv = lget(ctx);
      if (lv === undefined) return false;
      if (op === 'exists') return true;
      const rv = rget(ctx);
      if (rv === undefined) return false;
      const rvals = Array.isArray(rv) ? (rv as FieldValue[]) : [rv];
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

const HAS_SPACE = /[ \t\n\v\f\r]/;
const INITIALS = new WeakMap<FieldRegistry, ReadonlySet<string>>();

/**
 * The first characters of every field name of a registry. A token resolves only if it starts with a field's name
 * (every class's parser matches a known name or prefix first), so a constant starting otherwise names no field.
 */
function fieldInitials(registry: FieldRegistry): ReadonlySet<string> {
  let out = INITIALS.get(registry);
  if (!out) {
    const set = new Set<string>();
    for (const { cls } of registry.listing()) for (const f of cls.fields) set.add(f.name.charAt(0));
    INITIALS.set(registry, (out = set));
  }
  return out;
}

/** Apply missing-value semantics and the multi-valued field rules around a value test. */
function wrapCheck(left: Operand, op: string, test: (v: FieldValue) => boolean): Predicate {
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
        const vals = Array.isArray(v) ? (v as FieldValue[]) : [v];
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

/**
 * A rule's condition as the ruleset's loop runs it: `guard` (when set) and then `rest`, which together answer
 * exactly what the condition's predicate answers, check for check in the same order. The guard is the
 * condition's first conjunct when that is a shared macro (`open_write`, `spawned_process`...), memoised per event:
 * consecutive rules with the same guard skip together when it is false. With `opts.evtType` the plan is for one
 * event type: its `evt.type` checks are folded (docs/architecture.md#rule-plans).
 */
export interface RulePlan {
  readonly guard: Predicate | undefined;
  readonly rest: Predicate;
}

/** Compile a rule's (macro-expanded) condition as a {@link RulePlan}; throws {@link CompileError} as compileFilter does. */
export function compileRulePlan(expr: Expr, opts: CompileOptions): RulePlan {
  return new Compiler(opts).plan(expr);
}

/** Whether `p` is the constant answer of a folded condition (ALWAYS or NEVER), and which. */
export function constantAnswer(p: Predicate): boolean | undefined {
  return p === ALWAYS ? true : p === NEVER ? false : undefined;
}
