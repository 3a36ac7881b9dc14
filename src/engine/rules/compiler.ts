// Compiling collected definitions (docs/rules-language.md#compiling): expand nested lists, parse and expand macros with
// their visibility, build each rule's exception-augmented condition, validate its output, compile its
// condition into a predicate and compute its event codes. The first error stops compilation. Only what a load
// changed is recompiled; the result is still the one of a full compile (docs/rules-language.md#compiling).
import type { Expr } from '../condition/ast.js';
import { ExtractionCache } from '../condition/cache.js';
import { CompileError, CompileMemo, compileFilter, compileRulePlan, type CheckInstrument, type CompileOptions, type FieldBinder, type Predicate, type RulePlan } from '../condition/compile.js';
import { EventCodeSet, EventTypeSearchError, conditionEventCodes } from '../condition/evttypes.js';
import { expandMacros } from '../condition/macros.js';
import { ConditionSyntaxError, parseCondition } from '../condition/parser.js';
import { walk } from '../condition/ast.js';
import { FieldError } from '../fields/errors.js';
import { PPME_ASYNCEVENT_E, PPME_PLUGINEVENT_E } from '../fields/event-names.js';
import type { FieldRegistry, ResolvedField } from '../fields/registry.js';
import { OutputFormatError, parseOutputFormat, type OutputFormat } from '../output/template.js';
import { Collector, LoadError } from './collector.js';
import { exceptionCondition, LIST_DELIM_RE, ListIndex, substituteLists, substitutionTokens } from './condition-text.js';
import type { ListInfo, MacroInfo, RuleInfo } from './items.js';
import { DEPRECATED_FIELDS, LoadContext, LoadResult, type LoadItem } from './load-result.js';
import type { MappedText, SourceFile } from './source.js';

export interface CompiledList {
  readonly name: string;
  /** Items with one level of nested lists expanded. */
  readonly items: readonly string[];
  used: boolean;
}

export interface CompiledMacro {
  readonly name: string;
  /** List-substituted, macro-expanded condition. */
  condition: Expr;
  /** The list-substituted text it was parsed from, with where each character came from. */
  readonly mapped: MappedText;
  used: boolean;
}

/** A rule ready to evaluate. */
export interface CompiledRule {
  /** Position in evaluation order (first-definition order). */
  readonly id: number;
  readonly name: string;
  readonly source: string;
  readonly description: string;
  readonly priority: number;
  /** Enabled by the rules files (selection options can change this in a Ruleset). */
  readonly enabled: boolean;
  readonly tags: readonly string[];
  readonly capture: boolean;
  readonly captureDuration: number;
  /** The condition as written, with appends and exception clauses (before list substitution). */
  readonly conditionText: string;
  /** Fully expanded condition. */
  readonly condition: Expr;
  readonly predicate: Predicate;
  /**
   * The condition compiled as the ruleset's loop runs it, for events of one `evt.type` (undefined: any type),
   * built on first call; absent when checks are instrumented (the rule profiler times `predicate`).
   */
  readonly plan?: (evtType: string | undefined) => RulePlan;
  /** Event codes the rule can match (its source's plugin event code for plugin sources, plus async events). */
  readonly eventCodes: EventCodeSet;
  /** Final output format (extras appended, `%container.info` removed). */
  readonly output: OutputFormat;
  readonly exceptionFields: readonly string[];
  /** Names of the exceptions whose `and not (...)` clause was appended to the condition, in order. */
  readonly exceptionNames?: readonly string[];
  readonly fields: readonly ResolvedField[];
}

export interface CompileOutput {
  readonly lists: Map<string, CompiledList>;
  readonly macros: Map<string, CompiledMacro>;
  readonly rules: CompiledRule[];
  /** Extraction cache shared by every rule predicate and output of this compile. */
  readonly cache: ExtractionCache;
}

/** Text appended to rule outputs (Falco's `append_output`). */
export interface ExtraOutput {
  readonly format: string;
  /** Apply only to rules of this source (empty: every source). */
  readonly source?: string;
  /** Apply only to rules that have all these tags. */
  readonly tags?: readonly string[];
  /** Apply only to the rule of this name. */
  readonly rule?: string;
}

export interface CompilerOptions {
  readonly registry: FieldRegistry;
  readonly files: readonly SourceFile[];
  readonly extraOutputs: readonly ExtraOutput[];
  readonly bind?: FieldBinder;
  /** Conditions compare as 2022 libsinsp (the sysdig-0.29.3 profile): see CompileOptions.addresses2022. */
  readonly libsinsp2022?: boolean;
  /** Recompile every definition on every load, as Falco does (the reference the incremental compile is tested against). */
  readonly recompileAll?: boolean;
  readonly instrument?: CheckInstrument;
}

const isUnknownFieldError = (msg: string): boolean =>
  msg.includes('nonexistent field') || msg.includes('invalid formatting token') || msg.includes('unknown event type') || msg.includes('unknown filter:');

const BAD_TOKEN = 'invalid formatting token ';

/** Matches a text that includes a deprecated field's name (one search instead of one per field). */
const DEPRECATED_FIELD_RE = new RegExp(Object.keys(DEPRECATED_FIELDS).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

/** "invalid formatting token X…" quotes the rest of the format: keep it to the rule's own output, not the appended fields. */
function ownOutputMessage(message: string, outputText: string, ownLength: number): string {
  if (!message.startsWith(BAD_TOKEN) || outputText.length <= ownLength) return message;
  const rest = message.slice(BAD_TOKEN.length);
  const start = outputText.length - rest.length;
  return `${BAD_TOKEN}${rest.slice(0, Math.max(0, ownLength - start))}`;
}

/** How much compiling a RulesCompiler has done: what an unchanged definition saves shows here. */
export interface CompileWork {
  /** Lists whose nested lists were expanded. */
  lists: number;
  /** Macro conditions substituted, parsed and expanded. */
  macros: number;
  /** Rules compiled (exceptions, output, condition). */
  rules: number;
}

/** What compiling a macro or rule found, kept until a name it depends on changes. */
interface Entry {
  /** Tokens its list substitution depended on. */
  listDeps: ReadonlySet<string>;
  /** Macros its condition names (defined or not). */
  macroDeps: ReadonlySet<string>;
  /** Lists substituted and macros expanded: they count as used. */
  listsUsed: readonly string[];
  macrosUsed: readonly string[];
}

interface MacroEntry extends Entry {
  parsed?: { readonly expr: Expr; readonly text: MappedText };
  parseError?: LoadError;
  expanded?: Expr;
  /** What each macro name looked up by the expansion gave: the same answers give the same `expanded`. */
  lookups?: ReadonlyMap<string, Expr | undefined>;
  /** The macros that expansion substituted (its uses, kept when an entry replacing this one reuses `expanded`). */
  resolved?: readonly string[];
  expandError?: LoadError;
}

/** What a compile did to the macros: which it parsed or expanded again, and which of those expand differently. */
interface MacroChanges {
  /** Parsed or expanded again: a diagnostic pointing into one may have moved. */
  readonly touched: ReadonlySet<string>;
  /** Expanded to a different expression (or none): the rules naming one must be compiled again. */
  readonly changed: ReadonlySet<string>;
}

interface RuleEntry extends Entry {
  readonly warnings: LoadItem[];
  error?: LoadError;
  /** Undefined when the rule failed, was skipped (`skip-if-unknown-filter`) or has an unknown source. */
  rule?: CompiledRule;
}

interface ListEntry {
  readonly items: string[];
  /** The lists whose items were copied in. */
  readonly refs: readonly string[];
}

const NO_NAMES: ReadonlySet<string> = new Set();
const NO_ENTRY: Entry = { listDeps: NO_NAMES, macroDeps: NO_NAMES, listsUsed: [], macrosUsed: [] };

/** Whether a member of `few` is in `many`. */
function meets(few: ReadonlySet<string>, many: ReadonlySet<string>): boolean {
  for (const n of few) if (many.has(n)) return true;
  return false;
}

/**
 * The macros or rules that depend on a name. Each user's names are kept as they are and searched when a load
 * changes something: a condition's list names include every token of the items substituted into it (hundreds),
 * and an index from each of them to its users cost more to keep up than the few searches a load makes.
 */
class Dependents {
  readonly #deps = new Map<string, ReadonlySet<string>>();

  update(user: string, after: ReadonlySet<string>): void {
    this.#deps.set(user, after);
  }

  addTo(out: Set<string>, names: Iterable<string>): void {
    const wanted = new Set(names);
    if (wanted.size === 0) return;
    for (const [user, deps] of this.#deps) {
      // Through the smaller set: a macro names a few macros, a condition's list deps are hundreds of tokens.
      if (!out.has(user) && (deps.size < wanted.size ? meets(deps, wanted) : meets(wanted, deps))) out.add(user);
    }
  }

  /**
   * Add to `set` its users, their users and so on. One index from each name to its users is built for the walk:
   * asking `addTo` level by level scans every user per level, quadratic in a long chain of macros naming macros.
   */
  addClosure(set: Set<string>): void {
    const users = new Map<string, string[]>();
    for (const [user, deps] of this.#deps) {
      for (const d of deps) {
        const l = users.get(d);
        if (l) l.push(user);
        else users.set(d, [user]);
      }
    }
    for (let queue = [...set]; queue.length; ) {
      const next: string[] = [];
      for (const n of queue) {
        for (const u of users.get(n) ?? []) {
          if (!set.has(u)) {
            set.add(u);
            next.push(u);
          }
        }
      }
      queue = next;
    }
  }
}

/** How many current entries use each list or macro; the names used by none are tracked as they change. */
class UseCounts {
  readonly #counts = new Map<string, number>();
  readonly unused = new Set<string>();

  declare(name: string): void {
    if (!this.#counts.has(name)) {
      this.#counts.set(name, 0);
      this.unused.add(name);
    }
  }

  change(names: readonly string[], delta: 1 | -1): void {
    for (const n of names) {
      const c = (this.#counts.get(n) ?? 0) + delta;
      this.#counts.set(n, c);
      if (c === 0) this.unused.add(n);
      else this.unused.delete(n);
    }
  }

  used(name: string): boolean {
    return (this.#counts.get(name) ?? 0) > 0;
  }
}

/** A list whose name holds a delimiter is not a token of any text: it can change every substitution. */
const anyDelimited = (lists: ReadonlySet<string>): boolean => [...lists].some((n) => LIST_DELIM_RE.test(n));

const sameItems = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The names of `names` in definition order. */
function inOrder(names: Iterable<string>, defs: ReadonlyMap<string, { index: number }>): string[] {
  return [...names].filter((n) => defs.has(n)).sort((a, b) => (defs.get(a)?.index ?? 0) - (defs.get(b)?.index ?? 0));
}

/** Mark every node of a freshly parsed macro body as written in `macro` (in place: the tree is not shared yet). */
function tagMacro(expr: Expr, macro: string): void {
  walk(expr, (n) => {
    (n as { from?: string }).from = macro;
  });
}

/** The names a condition refers to as macros (every bare identifier). */
function identifiers(expr: Expr): Set<string> {
  const out = new Set<string>();
  walk(expr, (n) => {
    if (n.kind === 'identifier') out.add(n.name);
  });
  return out;
}

/**
 * Compiles the collector's state after each load. Falco compiles everything every time; here every list, macro
 * and rule keeps what its compilation found, and a load recompiles only the definitions it changed and those
 * that depend on them (through list names in their text, or macros they name). The load result is assembled
 * from the kept warnings and errors in definition order, so it is the one a full compile gives.
 */
export class RulesCompiler {
  readonly #opts: CompilerOptions;
  readonly work: CompileWork = { lists: 0, macros: 0, rules: 0 };
  readonly #cache = new ExtractionCache();
  readonly #memo = new CompileMemo();
  readonly #parsed = new Map<string, Expr>();
  readonly #outputs = new Map<string, OutputFormat>();
  readonly #lists = new Map<string, ListEntry>();
  readonly #macros = new Map<string, MacroEntry>();
  readonly #rules = new Map<string, RuleEntry>();
  /** Lists in substitution order with their items, updated as lists change. */
  readonly #listIndex = new ListIndex();
  readonly #listUsers = new Dependents();
  readonly #macroListUsers = new Dependents();
  readonly #macroMacroUsers = new Dependents();
  readonly #ruleListUsers = new Dependents();
  readonly #ruleMacroUsers = new Dependents();
  readonly #listUses = new UseCounts();
  readonly #macroUses = new UseCounts();
  readonly #macroParseErrors = new Set<string>();
  readonly #macroExpandErrors = new Set<string>();
  /** Rules with warnings or an error. */
  readonly #flaggedRules = new Set<string>();
  #output: CompileOutput | undefined;

  constructor(opts: CompilerOptions) {
    this.#opts = opts;
  }

  /** Compile everything collected so far; errors and warnings go to `res`. */
  compile(col: Collector, res: LoadResult): void {
    this.#output = undefined;
    let changes = col.takeChanges();
    if (this.#opts.recompileAll) changes = { lists: new Set(col.lists.keys()), macros: new Set(col.macros.keys()), rules: new Set(col.rules.keys()) };
    const changedLists = this.#compileLists(col, changes.lists);
    const macros = this.#compileMacros(col, changes.macros, changedLists);
    this.#compileRules(col, changes.rules, changedLists, macros);

    // The load result of a full compile: the first macro error, else the rules' warnings in order up to the
    // first rule error, else those and the unused macros and lists.
    const first = inOrder(this.#macroParseErrors, col.macros)[0] ?? inOrder(this.#macroExpandErrors, col.macros)[0];
    if (first !== undefined) {
      const e = this.#macros.get(first) as MacroEntry;
      const err = (e.parseError ?? e.expandError) as LoadError;
      res.error(err.code, err.message, err.ctx);
      return;
    }
    for (const name of inOrder(this.#flaggedRules, col.rules)) {
      const e = this.#rules.get(name) as RuleEntry;
      for (const w of e.warnings) res.warnings.push(w);
      if (e.error) {
        res.error(e.error.code, e.error.message, e.error.ctx);
        return;
      }
    }
    for (const name of inOrder(this.#macroUses.unused, col.macros)) {
      res.warning('LOAD_UNUSED_MACRO', 'Macro not referred to by any other rule/macro', (col.macros.get(name) as MacroInfo).ctx);
    }
    for (const name of inOrder(this.#listUses.unused, col.lists)) {
      res.warning('LOAD_UNUSED_LIST', 'List not referred to by any other rule/macro', (col.lists.get(name) as ListInfo).ctx);
    }
  }

  /**
   * The lists, macros and rules of the last compile, which must have succeeded (with nothing collected since):
   * built on demand, as only the final state of a load sequence is used.
   */
  output(col: Collector): CompileOutput {
    if (this.#output) return this.#output;
    const out: CompileOutput = { lists: new Map(), macros: new Map(), rules: [], cache: this.#cache };
    for (const l of col.lists.values()) {
      out.lists.set(l.name, { name: l.name, items: (this.#lists.get(l.name) as ListEntry).items, used: this.#listUses.used(l.name) });
    }
    for (const m of col.macros.values()) {
      const e = this.#macros.get(m.name) as MacroEntry;
      const parsed = e.parsed as NonNullable<MacroEntry['parsed']>;
      out.macros.set(m.name, { name: m.name, condition: e.expanded ?? parsed.expr, mapped: parsed.text, used: this.#macroUses.used(m.name) });
    }
    for (const r of col.rules.values()) {
      const e = this.#rules.get(r.name);
      if (!e?.rule) continue;
      // The position and `enabled` (an update that is not a new version) belong to this state, not the entry.
      if (e.rule.id !== out.rules.length || e.rule.enabled !== r.enabled) e.rule = { ...e.rule, id: out.rules.length, enabled: r.enabled };
      out.rules.push(e.rule);
    }
    this.#output = out;
    return out;
  }

  /**
   * Expand nested lists of the changed lists and of the lists that copy them; returns the lists whose items are new
   * or differ (a list defined again with the same items changes no substitution: its inserted text is attributed
   * to the place of the name in the condition, not to the list).
   */
  #compileLists(col: Collector, changed: ReadonlySet<string>): ReadonlySet<string> {
    const dirty = new Set(changed);
    const differ = new Set<string>();
    this.#listUsers.addTo(dirty, changed);
    for (const name of inOrder(dirty, col.lists)) {
      const list = col.lists.get(name) as ListInfo;
      this.work.lists++;
      const items: string[] = [];
      const refs: string[] = [];
      for (const item of list.items) {
        const ref = col.lists.get(item);
        if (ref && ref.index < list.visibility) {
          refs.push(ref.name);
          // A loop, not push(...items): a list of a few hundred thousand items would overflow the stack.
          for (const item of ref.items) items.push(item);
        } else items.push(item);
      }
      const before = this.#lists.get(name);
      this.#listUses.declare(name);
      this.#listUses.change(before?.refs ?? [], -1);
      this.#listUses.change(refs, 1);
      this.#listUsers.update(name, new Set(refs));
      this.#lists.set(name, { items, refs });
      if (!before || !sameItems(before.items, items)) {
        differ.add(name);
        this.#listIndex.set(name, items);
      }
    }
    return differ;
  }

  /**
   * Macros: the changed ones and those whose lists changed are parsed again; those and the macros naming them
   * (transitively) are expanded again in definition order, unless every macro the last expansion looked up gives
   * the same expression as then (a macro defined again with the same text parses to the same, cached, tree).
   */
  #compileMacros(col: Collector, changed: ReadonlySet<string>, changedLists: ReadonlySet<string>): MacroChanges {
    const reparse = new Set(changed);
    if (anyDelimited(changedLists)) for (const n of col.macros.keys()) reparse.add(n);
    this.#macroListUsers.addTo(reparse, changedLists);
    // A macro is expanded with the bodies of the macros it names, so their changes reach it.
    const dirty = new Set(reparse);
    this.#macroMacroUsers.addClosure(dirty);
    const order = inOrder(dirty, col.macros);
    const previous = new Map<string, MacroEntry | undefined>();
    for (const name of order) {
      previous.set(name, this.#macros.get(name));
      if (reparse.has(name)) this.#parseMacro(col.macros.get(name) as MacroInfo);
    }
    const differ = new Set<string>();
    for (const name of order) {
      const m = col.macros.get(name) as MacroInfo;
      const e = this.#macros.get(name) as MacroEntry;
      const prev = previous.get(name);
      const prevExpanded = prev?.expanded;
      if (e.parsed) this.#expandMacro(m, e, prev, col);
      if (e.expanded !== prevExpanded) differ.add(name);
    }
    return { touched: dirty, changed: differ };
  }

  /** Expand a parsed macro, or keep the expansion of `prev` when the same tree would be expanded with the same bodies. */
  #expandMacro(m: MacroInfo, e: MacroEntry, prev: MacroEntry | undefined, col: Collector): void {
    const parsed = e.parsed as NonNullable<MacroEntry['parsed']>;
    // A full compile expands in definition order: earlier macros are expanded by now, later ones are not.
    const get = (n: string): Expr | undefined => {
      const def = col.macros.get(n);
      if (!def || def.index >= m.visibility) return undefined;
      const other = this.#macros.get(n);
      return def.index < m.index ? other?.expanded : other?.parsed?.expr;
    };
    if (prev?.expanded && prev.lookups && prev.resolved && prev.parsed?.expr === parsed.expr && [...prev.lookups].every(([n, v]) => get(n) === v)) {
      if (e !== prev) {
        this.#setMacroUses(e, e.listsUsed, prev.resolved);
        e.expanded = prev.expanded;
        e.lookups = prev.lookups;
        e.resolved = prev.resolved;
      }
      return;
    }
    if (e.expandError) {
      delete e.expandError;
      this.#macroExpandErrors.delete(m.name);
    }
    const lookups = new Map<string, Expr | undefined>();
    try {
      const r = this.#expand(
        parsed.expr,
        (n) => {
          const v = get(n);
          lookups.set(n, v);
          return v;
        },
        m.cond,
        parsed.text,
        m.ctx,
      );
      this.#setMacroUses(e, e.listsUsed, r.resolved);
      e.expanded = r.expr;
      e.lookups = lookups;
      e.resolved = r.resolved;
    } catch (err) {
      if (!(err instanceof LoadError)) throw err;
      this.#setMacroUses(e, e.listsUsed, []);
      delete e.expanded;
      delete e.lookups;
      delete e.resolved;
      e.expandError = err;
      this.#macroExpandErrors.add(m.name);
    }
  }

  #parseMacro(m: MacroInfo): void {
    this.work.macros++;
    const before = this.#macros.get(m.name) ?? NO_ENTRY;
    const listsUsed: string[] = [];
    const inserted = new Set<string>();
    const text = substituteLists(m.cond, this.#listIndex, listsUsed, inserted);
    const e: MacroEntry = { listDeps: substitutionTokens(inserted, listsUsed), macroDeps: NO_NAMES, listsUsed: [], macrosUsed: [] };
    this.#macroParseErrors.delete(m.name);
    this.#macroExpandErrors.delete(m.name);
    try {
      const expr = this.#parse(text, m.condCtx, m.name);
      e.parsed = { expr, text };
      e.macroDeps = identifiers(expr);
    } catch (err) {
      if (!(err instanceof LoadError)) throw err;
      e.parseError = err;
      this.#macroParseErrors.add(m.name);
    }
    this.#macroUses.declare(m.name);
    this.#setMacroUses(before, [], []);
    e.listsUsed = listsUsed;
    this.#listUses.change(listsUsed, 1);
    this.#macroListUsers.update(m.name, e.listDeps);
    this.#macroMacroUsers.update(m.name, e.macroDeps);
    this.#macros.set(m.name, e);
  }

  /** Replace what an entry counts as used. */
  #setMacroUses(e: Entry, listsUsed: readonly string[], macrosUsed: readonly string[]): void {
    this.#listUses.change(e.listsUsed, -1);
    this.#macroUses.change(e.macrosUsed, -1);
    e.listsUsed = listsUsed;
    e.macrosUsed = macrosUsed;
    this.#listUses.change(listsUsed, 1);
    this.#macroUses.change(macrosUsed, 1);
  }

  /** Parse a list-substituted condition; a syntax error points into the substituted text. */
  #parse(substituted: MappedText, ctx: LoadContext, macro?: string): Expr {
    const key = `${macro ?? ''}\u0000${substituted.text}`;
    const known = this.#parsed.get(key);
    if (known) return known;
    try {
      const expr = parseCondition(substituted.text, { maxDepth: 1000 });
      // Nodes written in a macro remember it, so errors found after expansion point into the macro. The tree is
      // new and not shared yet: tag it in place rather than copy it.
      if (macro !== undefined) tagMacro(expr, macro);
      this.#parsed.set(key, expr);
      return expr;
    } catch (e) {
      if (e instanceof ConditionSyntaxError) {
        throw new LoadError('LOAD_ERR_COMPILE_CONDITION', e.message, ctx.condition(substituted, e.offset, this.#opts.files));
      }
      throw e;
    }
  }

  #expand(expr: Expr, get: (name: string) => Expr | undefined, rawText: MappedText, substituted: MappedText, ctx: LoadContext): { expr: Expr; resolved: readonly string[] } {
    const r = expandMacros(expr, { get });
    if (r.problem) {
      throw new LoadError('LOAD_ERR_VALIDATE', r.problem.message, ctx.condition(rawText, r.problem.offset, this.#opts.files).withOrigin(substituted, r.problem.offset, this.#opts.files));
    }
    return r;
  }

  /**
   * Rules: the changed ones, those whose lists changed and those naming a macro that expands differently; a rule
   * with warnings or an error also when a macro it names was touched at all (a position may point into it).
   */
  #compileRules(col: Collector, changed: ReadonlySet<string>, changedLists: ReadonlySet<string>, macros: MacroChanges): void {
    const dirty = new Set(changed);
    if (anyDelimited(changedLists)) for (const n of col.rules.keys()) dirty.add(n);
    this.#ruleListUsers.addTo(dirty, changedLists);
    this.#ruleMacroUsers.addTo(dirty, macros.changed);
    const touching = new Set<string>();
    this.#ruleMacroUsers.addTo(touching, macros.touched);
    for (const n of touching) if (this.#flaggedRules.has(n)) dirty.add(n);
    for (const name of dirty) {
      const r = col.rules.get(name);
      if (!r) continue;
      const before = this.#rules.get(name) ?? NO_ENTRY;
      const e = this.#compileRule(r);
      this.#listUses.change(before.listsUsed, -1);
      this.#macroUses.change(before.macrosUsed, -1);
      this.#listUses.change(e.listsUsed, 1);
      this.#macroUses.change(e.macrosUsed, 1);
      this.#ruleListUsers.update(name, e.listDeps);
      this.#ruleMacroUsers.update(name, e.macroDeps);
      if (e.warnings.length || e.error) this.#flaggedRules.add(name);
      else this.#flaggedRules.delete(name);
      this.#rules.set(name, e);
    }
  }

  /** Compile one rule, keeping its warnings, its error and the names it depends on. */
  #compileRule(r: RuleInfo): RuleEntry {
    const rec = new LoadResult('');
    const e: RuleEntry = { listDeps: NO_NAMES, macroDeps: NO_NAMES, listsUsed: [], macrosUsed: [], warnings: rec.warnings };
    if (r.unknownSource) return e;
    this.work.rules++;
    try {
      if (!this.#opts.registry.hasSource(r.source)) throw new LoadError('LOAD_ERR_VALIDATE', `Unknown source at compile-time${r.source}`, r.ctx);
      e.rule = this.#buildRule(r, rec, e);
    } catch (err) {
      if (!(err instanceof LoadError)) throw err;
      e.error = err;
    }
    return e;
  }

  #buildRule(r: RuleInfo, res: LoadResult, e: RuleEntry): CompiledRule | undefined {
    const { registry } = this.#opts;
    const exceptionFields = new Set<string>();
    const exceptionNames: string[] = [];
    const condition = r.exceptions.length ? exceptionCondition(r.cond, r.exceptions, exceptionFields, r.ctx, exceptionNames) : r.cond;

    let outputText = r.output.text;
    for (const extra of this.#opts.extraOutputs) {
      if (extra.source && extra.source !== r.source) continue;
      if (extra.tags && !extra.tags.every((t) => r.tags.has(t))) continue;
      if (extra.rule && extra.rule !== r.name) continue;
      outputText = `${outputText} ${extra.format}`;
    }
    if (outputText.includes('%container.info')) {
      res.warning(
        'LOAD_DEPRECATED_ITEM',
        '%container.info is deprecated and no more useful, and will be dropped by Falco 1.0.0. The container plugin will automatically add required fields to the output message.',
        r.ctx,
      );
      outputText = outputText.split('%container.info').join('');
    }
    let output: OutputFormat;
    try {
      const key = `${r.source}\u0000${outputText}`;
      const known = this.#outputs.get(key);
      output = known ?? parseOutputFormat(outputText, { registry, source: r.source, cache: this.#cache, ...(this.#opts.bind ? { bind: this.#opts.bind } : {}) });
      if (!known) this.#outputs.set(key, output);
    } catch (err) {
      if (!(err instanceof OutputFormatError)) throw err;
      const message = ownOutputMessage(err.message, outputText, r.output.text.length);
      if (isUnknownFieldError(message) && r.skipIfUnknownFilter) {
        res.warning('LOAD_UNKNOWN_FILTER', message, r.outputCtx);
        return undefined;
      }
      throw new LoadError('LOAD_ERR_COMPILE_OUTPUT', message, outputContext(r, err.offset + (outputText.startsWith('*') ? 1 : 0)));
    }
    if (DEPRECATED_FIELD_RE.test(outputText)) {
      for (const f of Object.keys(DEPRECATED_FIELDS)) {
        if (outputText.includes(f)) res.warning('LOAD_DEPRECATED_ITEM', `usage of deprecated field '${f}' has been detected in the rule output`, r.outputCtx, f);
      }
    }

    const compiled = this.#compileCondition(r, condition, res, e);
    if (!compiled) return undefined;
    return {
      id: -1,
      name: r.name,
      source: r.source,
      description: r.desc,
      priority: r.priority,
      enabled: r.enabled,
      tags: [...r.tags].sort(),
      capture: r.capture,
      captureDuration: r.captureDuration,
      conditionText: condition.text,
      condition: compiled.expr,
      predicate: compiled.predicate,
      ...(compiled.plan ? { plan: compiled.plan } : {}),
      eventCodes: compiled.codes,
      output,
      exceptionFields: [...exceptionFields].sort(),
      ...(exceptionNames.length ? { exceptionNames } : {}),
      fields: compiled.fields,
    };
  }

  #compileCondition(
    r: RuleInfo,
    condition: MappedText,
    res: LoadResult,
    entry: RuleEntry,
  ): { expr: Expr; predicate: Predicate; plan?: (evtType: string | undefined) => RulePlan; codes: EventCodeSet; fields: readonly ResolvedField[] } | undefined {
    const files = this.#opts.files;
    const { registry } = this.#opts;
    const listsUsed: string[] = [];
    const inserted = new Set<string>();
    const text = substituteLists(condition, this.#listIndex, listsUsed, inserted);
    entry.listDeps = substitutionTokens(inserted, listsUsed);
    entry.listsUsed = listsUsed;
    const parsed = this.#parse(text, r.condCtx);
    entry.macroDeps = identifiers(parsed);
    const expanded = this.#expand(parsed, (n) => this.#macros.get(n)?.expanded, condition, text, r.ctx);
    entry.macrosUsed = expanded.resolved;
    const expr = expanded.expr;
    // Nodes copied from a macro carry positions in that macro's text.
    const at = (offset: number, node?: Expr): LoadContext => {
      const mapped = (node?.from !== undefined ? this.#macros.get(node.from)?.parsed?.text : undefined) ?? text;
      return r.condCtx.condition(condition, offset, files).withOrigin(mapped, offset, files);
    };
    // The whole-condition context, worked out only for a warning that names it (it reads the condition's origin and position).
    const atStart = (): LoadContext => r.condCtx.conditionStart(condition, files);

    // Warnings on the expanded condition: deprecated fields, and <NA> compared with k8s audit fields.
    const { deprecated, unsafeNa } = scanChecks(expr);
    if (unsafeNa) res.warning('LOAD_UNSAFE_NA_CHECK', '', atStart());
    for (const f of Object.keys(DEPRECATED_FIELDS)) {
      if (deprecated.has(f)) res.warning('LOAD_DEPRECATED_ITEM', DEPRECATED_FIELDS[f] as string, atStart(), f);
    }

    let compiled;
    const compileOpts: CompileOptions = {
      registry,
      source: r.source,
      cache: this.#cache,
      memo: this.#memo,
      ...(this.#opts.bind ? { bind: this.#opts.bind } : {}),
      ...(this.#opts.libsinsp2022 ? { addresses2022: true, netListFirstOnly: false } : {}),
      ...(this.#opts.instrument ? { instrument: this.#opts.instrument } : {}),
    };
    try {
      compiled = compileFilter(expr, compileOpts);
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      if (isUnknownFieldError(e.message) && r.skipIfUnknownFilter) {
        res.warning('LOAD_UNKNOWN_FILTER', e.message, at(e.offset, e.node));
        return undefined;
      }
      throw new LoadError('LOAD_ERR_COMPILE_CONDITION', e.message, at(e.offset, e.node));
    }
    for (const w of compiled.warnings) res.warning('LOAD_COMPILE_CONDITION', w.message, at(w.offset, w.node));

    let codes: EventCodeSet;
    try {
      codes = r.source === 'syscall' ? conditionEventCodes(expr, registry.asyncEventNames) : EventCodeSet.of([pluginEventCode()]);
    } catch (e) {
      if (e instanceof EventTypeSearchError || e instanceof FieldError) throw new LoadError('LOAD_ERR_COMPILE_CONDITION', e.message, at(0));
      throw e;
    }
    if (r.source === 'syscall' && codes.size > 100 && r.warnEvttypes) {
      res.warning('LOAD_NO_EVTTYPE', 'Rule matches too many evt.type values. This has a significant performance penalty.', r.ctx);
    }
    codes = codes.union(EventCodeSet.of([asyncEventCode()]));
    // The same tree compiled again (cheaply: shared nodes come from the memo), so it cannot fail.
    const plan = this.#opts.instrument ? undefined : (evtType: string | undefined): RulePlan => compileRulePlan(expr, evtType === undefined ? compileOpts : { ...compileOpts, evtType });
    return { expr, predicate: compiled.predicate, ...(plan ? { plan } : {}), codes, fields: compiled.fields };
  }
}

/** What the condition warnings look for in a subtree: deprecated fields, and `<NA>` compared with a k8s audit field. */
interface CheckScan {
  readonly deprecated: ReadonlySet<string>;
  readonly unsafeNa: boolean;
}
const NOTHING_FOUND: CheckScan = { deprecated: NO_NAMES, unsafeNa: false };
const NA_OPS = ['==', '=', '!=', 'in', 'intersects', 'pmatch'];

/** The scans of and/or/not subtrees: macro bodies are shared nodes, scanned once rather than once per rule naming them. */
const checkScans = new WeakMap<Expr, CheckScan>();

function scanChecks(e: Expr): CheckScan {
  if (e.kind !== 'and' && e.kind !== 'or' && e.kind !== 'not') return scanLeaf(e);
  const known = checkScans.get(e);
  if (known) return known;
  let deprecated: Set<string> | undefined;
  let unsafeNa = false;
  for (const c of e.kind === 'not' ? [e.child] : e.children) {
    const s = scanChecks(c);
    if (s.unsafeNa) unsafeNa = true;
    if (s.deprecated.size) for (const f of s.deprecated) (deprecated ??= new Set()).add(f);
  }
  const out = deprecated || unsafeNa ? { deprecated: deprecated ?? NO_NAMES, unsafeNa } : NOTHING_FOUND;
  checkScans.set(e, out);
  return out;
}

/** A check (or any node below the and/or/not level), walked whole. */
function scanLeaf(e: Expr): CheckScan {
  let deprecated: Set<string> | undefined;
  let unsafeNa = false;
  walk(e, (n) => {
    if (n.kind === 'field' && DEPRECATED_FIELDS[n.field] !== undefined) (deprecated ??= new Set()).add(n.field);
    if (n.kind === 'binary' && n.left.kind === 'field' && /^(ka|jevt)\./.test(n.left.field) && NA_OPS.includes(n.op)) {
      if ((n.right.kind === 'value' && n.right.value === '<NA>') || (n.right.kind === 'list' && n.right.values.includes('<NA>'))) unsafeNa = true;
    }
  });
  return deprecated || unsafeNa ? { deprecated: deprecated ?? NO_NAMES, unsafeNa } : NOTHING_FOUND;
}

const pluginEventCode = (): number => PPME_PLUGINEVENT_E;
const asyncEventCode = (): number => PPME_ASYNCEVENT_E;

/** The output context, pointing at the offending `%` when we know where it is in the file. */
function outputContext(r: RuleInfo, offset: number): LoadContext {
  const origin = offset < r.output.text.length ? r.output.origin(offset) : undefined;
  if (!origin) return r.outputCtx;
  return r.outputCtx.withExactSource(origin.offset);
}
