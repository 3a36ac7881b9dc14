// Explaining a condition on one event (docs/explain.md): the expanded condition as a tree whose checks are
// compiled by the condition compiler itself, one check at a time, so each check's truth is the compiled rule's;
// only `and`/`or`/`not` are walked here, left to right with short-circuit as the compiled predicate does, so
// the root's value is whether the rule matched. Macros are labelled by name, lists by name and items, exception
// clauses by the exception's name. Filter expressions typed by a user compile the same way (lists, macros).
import type { Expr, ListExpr } from '../condition/ast.js';
import { CompileError, compileFilter, compileValue, type CompileOptions, type FieldBinder, type Predicate } from '../condition/compile.js';
import type { ExtractionCache } from '../condition/cache.js';
import { expandMacros } from '../condition/macros.js';
import { ConditionSyntaxError, parseCondition, parseFieldOrTransformer } from '../condition/parser.js';
import { printFalco } from '../condition/printer.js';
import { substituteLists } from '../condition/lists.js';
import type { FieldRegistry } from '../fields/registry.js';
import type { EvalContext } from '../fields/types.js';
import { valueShape, valueText } from '../output/render.js';
import type { CompiledRule, CompileOutput } from './compiler.js';

/** A list whose items stand in a check's right-hand side. */
export interface ExplainList {
  readonly name: string;
  readonly items: readonly string[];
}

/** One node of an explained condition (the JSON shape of `explain --json`, docs/explain.md). */
export interface ExplainNode {
  readonly kind: 'and' | 'or' | 'not' | 'check';
  /** True or false on this event; null when short-circuit left it unevaluated. */
  readonly value: boolean | null;
  /** The macros this node is the expansion of (a macro whose body is another macro names both). */
  readonly macros?: readonly string[];
  /** The rule exception this `not (...)` clause comes from. */
  readonly exception?: string;
  /** Checks: the check as Falco prints it. */
  readonly text?: string;
  /** Checks: the left-hand side (a field or transformer) as written. */
  readonly field?: string;
  /** Checks: the left-hand side's value on this event as outputs print it; null when the field has no value. */
  readonly fieldValue?: string | null;
  readonly op?: string;
  /** Checks with constants: the constants (lists already expanded into items). */
  readonly operand?: readonly string[];
  /** Checks against another field: that field as written, and its value. */
  readonly operandField?: string;
  readonly operandValue?: string | null;
  /** Lists the constants came from, by name, with their items. */
  readonly lists?: readonly ExplainList[];
  readonly children?: readonly ExplainNode[];
}

type Getter = (ctx: EvalContext) => string | null;

interface PlanNode {
  readonly kind: ExplainNode['kind'];
  readonly macros?: readonly string[];
  exception?: string;
  readonly children?: readonly PlanNode[];
  readonly check?: {
    readonly predicate: Predicate;
    readonly text: string;
    readonly field: string;
    readonly value: Getter;
    readonly op: string;
    readonly operand?: readonly string[];
    readonly operandField?: string;
    readonly operandValue?: Getter;
    readonly lists?: readonly ExplainList[];
  };
}

/** A condition ready to explain on any event of the run it was compiled for. */
export class ExplainPlan {
  readonly #root: PlanNode;
  constructor(root: PlanNode) {
    this.#root = root;
  }

  /** The tree on the event in `ctx` (state as the rules saw it). */
  evaluate(ctx: EvalContext): ExplainNode {
    return run(this.#root, ctx, true);
  }
}

function run(n: PlanNode, ctx: EvalContext, reached: boolean): ExplainNode {
  const label = { ...(n.macros ? { macros: n.macros } : {}), ...(n.exception !== undefined ? { exception: n.exception } : {}) };
  if (n.check) {
    const c = n.check;
    return {
      kind: 'check',
      value: reached ? c.predicate(ctx) : null,
      ...label,
      text: c.text,
      field: c.field,
      fieldValue: c.value(ctx),
      op: c.op,
      ...(c.operand ? { operand: c.operand } : {}),
      ...(c.operandField !== undefined ? { operandField: c.operandField, operandValue: c.operandValue ? c.operandValue(ctx) : null } : {}),
      ...(c.lists ? { lists: c.lists } : {}),
    };
  }
  const kids = n.children ?? [];
  const children: ExplainNode[] = [];
  let value: boolean | null = null;
  if (n.kind === 'not') {
    const child = run(kids[0] as PlanNode, ctx, reached);
    children.push(child);
    value = child.value === null ? null : !child.value;
  } else {
    // `and` stops at the first false child, `or` at the first true one, as the compiled predicate does.
    const stopAt = n.kind === 'or';
    let open = reached;
    if (reached) value = !stopAt;
    for (const k of kids) {
      const child = run(k, ctx, open);
      children.push(child);
      if (open && child.value === stopAt) {
        value = stopAt;
        open = false;
      }
    }
  }
  return { kind: n.kind, value, ...label, children };
}

const LIST_TOKEN = /[ \t\n\r(),=]+/;

/** What the planner needs of a run: the compiled rules' lists, macros, and how fields bind to state. */
export interface ExplainerOptions {
  readonly registry: FieldRegistry;
  readonly compiled: CompileOutput;
  readonly bind?: FieldBinder;
  /** A macro's condition text as written (before lists were substituted): where its lists are named. */
  readonly macroText?: (name: string) => string | undefined;
}

/** A filter expression typed by a user, compiled, or the first problem with its offset in the text. */
export type FilterCompile = { readonly ok: true; readonly predicate: Predicate; readonly plan: ExplainPlan; /** The filter compiled: macros expanded, lists substituted. */ readonly expr: Expr } | { readonly ok: false; readonly offset: number; readonly message: string };

/** Builds explain plans for the rules of one compile, and compiles filter expressions with its lists and macros. */
export class Explainer {
  readonly #opts: ExplainerOptions;
  readonly #labels = new Map<Expr, string[]>();
  readonly #cache: ExtractionCache;
  readonly #plans = new WeakMap<CompiledRule, ExplainPlan>();

  constructor(opts: ExplainerOptions) {
    this.#opts = opts;
    this.#cache = opts.compiled.cache;
    for (const m of opts.compiled.macros.values()) {
      const l = this.#labels.get(m.condition);
      if (l) l.push(m.name);
      else this.#labels.set(m.condition, [m.name]);
    }
  }

  /** The plan of a compiled rule, its exception clauses labelled with their names. */
  rule(r: CompiledRule): ExplainPlan {
    const known = this.#plans.get(r);
    if (known) return known;
    const root = this.#plan(r.condition, r.source, undefined, r.conditionText);
    const names = r.exceptionNames ?? [];
    const kids = root.children;
    // The compiler appends `and not (...)` per exception to the parenthesised condition: the root's last children.
    if (names.length && root.kind === 'and' && kids && kids.length === names.length + 1) {
      names.forEach((name, i) => {
        (kids[i + 1] as PlanNode).exception = name;
      });
    }
    const plan = new ExplainPlan(root);
    this.#plans.set(r, plan);
    return plan;
  }

  /** Compile a filter expression for `source`, as `events` does: lists substituted, macros expanded. */
  filter(text: string, source: string): FilterCompile {
    const { compiled } = this.#opts;
    const macros = { get: (name: string) => compiled.macros.get(name)?.condition };
    // The text as typed is parsed, expanded and compiled first so that problems point at its own columns; lists
    // (whose names read as plain constants there) are substituted only for the filter that is kept.
    let raw: Expr;
    try {
      raw = parseCondition(text, { maxDepth: 1000 });
    } catch (e) {
      if (e instanceof ConditionSyntaxError) return { ok: false, offset: e.offset, message: e.message };
      throw e;
    }
    const rawX = expandMacros(raw, macros);
    if (rawX.problem) return { ok: false, offset: rawX.problem.offset, message: rawX.problem.message };
    const substituted = substituteLists(text, compiled.lists.values());
    let expr = rawX.expr;
    if (substituted !== text) {
      try {
        const x = expandMacros(parseCondition(substituted, { maxDepth: 1000 }), macros);
        if (!x.problem) expr = x.expr;
      } catch (e) {
        if (!(e instanceof ConditionSyntaxError)) throw e;
      }
    }
    const opts = this.#compileOptions(source);
    let predicate: Predicate;
    try {
      predicate = compileFilter(expr, opts).predicate;
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      // Offsets of the substituted text are not the typed text's: locate the problem in the typed form.
      let offset = e.offset;
      if (expr !== rawX.expr) {
        try {
          compileFilter(rawX.expr, opts);
        } catch (e2) {
          if (e2 instanceof CompileError) offset = e2.offset;
        }
      }
      return { ok: false, offset: Math.min(offset, text.length), message: e.message };
    }
    return { ok: true, predicate, plan: new ExplainPlan(this.#plan(expr, source, undefined, text)), expr };
  }

  /** A field (or transformer) expression's text on an event, null when missing; undefined if it does not compile. */
  field(text: string, source: string): ((ctx: EvalContext) => string | null) | undefined {
    try {
      const { expr, length } = parseFieldOrTransformer(text);
      return length === text.length ? this.#value(expr, this.#compileOptions(source)) : undefined;
    } catch (e) {
      if (e instanceof ConditionSyntaxError || e instanceof CompileError) return undefined;
      throw e;
    }
  }

  #compileOptions(source: string): CompileOptions {
    const { registry, bind } = this.#opts;
    return { registry, source, cache: this.#cache, ...(bind ? { bind } : {}) };
  }

  #plan(e: Expr, source: string, parentFrom: string | undefined, ruleText: string): PlanNode {
    // A macro's expansion is its (shared) body; a body rebuilt by nested expansion is found by `from`.
    const group = this.#labels.get(e);
    const named = group ? this.#referenced(group, parentFrom, ruleText) : e.from !== undefined && e.from !== parentFrom ? [e.from] : undefined;
    const label = named ? { macros: named } : {};
    switch (e.kind) {
      case 'and':
      case 'or':
        return { kind: e.kind, ...label, children: e.children.map((c) => this.#plan(c, source, e.from, ruleText)) };
      case 'not':
        return { kind: 'not', ...label, children: [this.#plan(e.child, source, e.from, ruleText)] };
      case 'unary':
      case 'binary':
        return { kind: 'check', ...label, check: this.#check(e, source, ruleText) };
      default:
        // The compiler rejects anything else where a check stands; so does this (the rule compiled, so unreachable).
        throw new CompileError(`filter error: unexpected ${e.kind} expression where a check was expected`, e.offset, e);
    }
  }

  /**
   * Macros whose bodies are one shared node (a macro defined as another macro's name) are told apart by the
   * text the reference was written in: the names referenced there, then the macros they name, outermost first.
   */
  #referenced(group: readonly string[], parentFrom: string | undefined, ruleText: string): readonly string[] {
    if (group.length === 1) return group;
    const written = parentFrom !== undefined ? this.#opts.macroText?.(parentFrom) : ruleText;
    if (written === undefined) return group;
    const out: string[] = [];
    let tokens = new Set(written.split(LIST_TOKEN));
    for (;;) {
      const next = group.find((m) => tokens.has(m) && !out.includes(m));
      if (next === undefined) break;
      out.push(next);
      tokens = new Set((this.#opts.macroText?.(next) ?? '').split(LIST_TOKEN));
    }
    return out.length ? out : group;
  }

  #check(e: Extract<Expr, { kind: 'unary' | 'binary' }>, source: string, ruleText: string): NonNullable<PlanNode['check']> {
    const opts = this.#compileOptions(source);
    const predicate = compileFilter(e, opts).predicate;
    const value = this.#value(e.left, opts);
    const base = { predicate, text: printFalco(e), field: printFalco(e.left), value, op: e.op };
    if (e.kind === 'unary') return base;
    const right = e.right;
    if (right.kind === 'field' || right.kind === 'transformer') return { ...base, operandField: printFalco(right), operandValue: this.#value(right, opts) };
    const operand = right.kind === 'value' ? [right.value] : right.kind === 'list' ? right.values : [];
    const lists = right.kind === 'list' ? this.#lists(right, e.from !== undefined ? this.#opts.macroText?.(e.from) : ruleText) : [];
    return { ...base, operand, ...(lists.length ? { lists } : {}) };
  }

  #value(e: Expr, opts: CompileOptions): Getter {
    const v = compileValue(e, opts);
    const shape = valueShape(v);
    return (ctx) => {
      const x = v.get(ctx);
      return x === undefined ? null : valueText(x, shape);
    };
  }

  /**
   * The lists whose items make up a constant list. Lists are substituted as text before parsing, so the AST
   * keeps only items: runs of items are matched against the lists named in the text the check was written in.
   */
  #lists(right: ListExpr, written: string | undefined): ExplainList[] {
    if (written === undefined) return [];
    const named = new Set(written.split(LIST_TOKEN));
    const candidates = [...this.#opts.compiled.lists.values()].filter((l) => named.has(l.name) && l.items.length > 0);
    if (!candidates.length) return [];
    const out: ExplainList[] = [];
    const vs = right.values;
    for (let i = 0; i < vs.length; ) {
      let best: { name: string; items: readonly string[] } | undefined;
      for (const l of candidates) {
        if (l.items.length > vs.length - i || (best && best.items.length >= l.items.length)) continue;
        if (l.items.every((item, k) => unquote(item) === vs[i + k])) best = l;
      }
      if (best) {
        out.push({ name: best.name, items: best.items.map(unquote) });
        i += best.items.length;
      } else i++;
    }
    return out;
  }
}

/** An item as it reads back after substitution and parsing (quotes written around it are not part of it). */
function unquote(item: string): string {
  const q = item[0];
  return (q === '"' || q === "'") && item.length >= 2 && item.endsWith(q) ? item.slice(1, -1) : item;
}
