// Compiling collected definitions (docs/rules-language.md#compiling): expand nested lists, parse and expand macros with
// their visibility, build each rule's exception-augmented condition, validate its output, compile its
// condition into a predicate and compute its event codes. The first error stops compilation.
import type { Expr } from '../condition/ast.js';
import { ExtractionCache } from '../condition/cache.js';
import { CompileError, CompileMemo, compileFilter, type CheckInstrument, type FieldBinder, type Predicate } from '../condition/compile.js';
import { EventCodeSet, EventTypeSearchError, conditionEventCodes } from '../condition/evttypes.js';
import { quoteItem } from '../condition/lists.js';
import { expandMacros } from '../condition/macros.js';
import { ConditionSyntaxError, LIST_OPERATORS, parseCondition } from '../condition/parser.js';
import { cloneExpr, walk } from '../condition/ast.js';
import { FieldError } from '../fields/errors.js';
import { PPME_ASYNCEVENT_E, PPME_PLUGINEVENT_E } from '../fields/event-names.js';
import type { FieldRegistry, ResolvedField } from '../fields/registry.js';
import { OutputFormatError, parseOutputFormat, type OutputFormat } from '../output/template.js';
import { Collector, isOperatorWithModifier, LoadError } from './collector.js';
import type { ExceptionInfo, RuleInfo } from './items.js';
import { DEPRECATED_FIELDS, LoadContext, type LoadResult } from './load-result.js';
import { MappedText, type SourceFile } from './source.js';

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
  /** Event codes the rule can match (its source's plugin event code for plugin sources, plus async events). */
  readonly eventCodes: EventCodeSet;
  /** Final output format (extras appended, `%container.info` removed). */
  readonly output: OutputFormat;
  readonly exceptionFields: readonly string[];
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
  readonly instrument?: CheckInstrument;
}

const isUnknownFieldError = (msg: string): boolean =>
  msg.includes('nonexistent field') || msg.includes('invalid formatting token') || msg.includes('unknown event type') || msg.includes('unknown filter:');

const BAD_TOKEN = 'invalid formatting token ';

/** "invalid formatting token X…" quotes the rest of the format: keep it to the rule's own output, not the appended fields. */
function ownOutputMessage(message: string, outputText: string, ownLength: number): string {
  if (!message.startsWith(BAD_TOKEN) || outputText.length <= ownLength) return message;
  const rest = message.slice(BAD_TOKEN.length);
  const start = outputText.length - rest.length;
  return `${BAD_TOKEN}${rest.slice(0, Math.max(0, ownLength - start))}`;
}

const LIST_DELIMS = ' \t\n\r(),=';
const LIST_DELIM_RE = /[ \t\n\r(),=]/;
const LIST_SPLIT_RE = /[ \t\n\r(),=]+/;
const isListDelim = (c: string | undefined): boolean => c !== undefined && LIST_DELIMS.includes(c);
const isBlankChar = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The lists in substitution order, with a name index (built once per compile). */
class ListIndex {
  readonly order: CompiledList[];
  readonly #byName = new Map<string, number>();
  /** Lists whose names contain a delimiter: they can match without being a token. */
  readonly #delimited: number[] = [];
  constructor(lists: Map<string, CompiledList>) {
    this.order = [...lists.values()];
    this.order.forEach((l, i) => {
      this.#byName.set(l.name, i);
      if (LIST_DELIM_RE.test(l.name)) this.#delimited.push(i);
    });
  }

  /** Indices above `after` of the lists that may occur in `text`, ascending. */
  candidates(text: string, after: number): number[] {
    const out = this.#delimited.filter((i) => i > after);
    for (const tok of text.split(LIST_SPLIT_RE)) {
      const i = this.#byName.get(tok);
      if (i !== undefined && i > after) out.push(i);
    }
    return [...new Set(out)].sort((a, b) => a - b);
  }
}

/**
 * Substitute every list into a condition text (Falco's textual algorithm: each list in definition order, every
 * delimited occurrence), keeping the origin map. A delimited occurrence of a name without delimiter characters
 * is a token of the text, so only the lists named by tokens (and the rare names with delimiters) are searched.
 */
function substituteLists(text: MappedText, index: ListIndex): MappedText {
  let cnd = text;
  let cands = index.candidates(cnd.text, -1);
  for (let ci = 0; ci < cands.length; ci++) {
    const li = cands[ci] as number;
    const l = index.order[li] as CompiledList;
    let used = false;
    let start = cnd.text.indexOf(l.name);
    while (start !== -1) {
      let end = start + l.name.length;
      const t = cnd.text;
      if ((start === 0 || isListDelim(t[start - 1])) && (end >= t.length || isListDelim(t[end]))) {
        const at = cnd.origin(start);
        while (start > 0 && isBlankChar(t[start - 1])) start--;
        while (end < t.length && isBlankChar(t[end])) end++;
        const sub = l.items.map(quoteItem).join(', ');
        if (sub === '') {
          if (start > 0 && t[start - 1] === ',') start--;
          else if (end < t.length && t[end] === ',') end++;
        }
        const inserted = MappedText.synthetic(`${sub} `, at?.file ?? -1, at?.offset ?? -1);
        const parts = start > 0 ? [cnd.slice(0, start), MappedText.synthetic(' ', at?.file ?? -1, at?.offset ?? -1), inserted, cnd.slice(end)] : [inserted, cnd.slice(end)];
        cnd = MappedText.concat(parts);
        start += sub.length + 1;
        used = true;
      }
      start = cnd.text.indexOf(l.name, start + 1);
    }
    if (used) {
      l.used = true;
      cands = index.candidates(cnd.text, li);
      ci = -1;
    }
  }
  return cnd;
}

/** The exception clauses appended to a rule condition (docs/rules-language.md#exceptions). */
function exceptionCondition(cond: MappedText, exceptions: readonly ExceptionInfo[], fields: Set<string>, ruleCtx: LoadContext): MappedText {
  const origin = ruleCtx.last.source;
  const syn = (s: string): MappedText => MappedText.synthetic(s, origin?.file.id ?? -1, origin?.offset ?? -1);
  const parts: MappedText[] = [syn('('), cond, syn(')')];
  for (const ex of exceptions) {
    let icond = '';
    if (!ex.fields.isList) {
      for (const val of ex.values) {
        if (val.isList) throw new LoadError('LOAD_ERR_VALIDATE', 'Expected values array to contain a list of strings', ex.ctx);
        icond += icond === '' ? `(${ex.fields.item} ${ex.comps.item} (` : ', ';
        fields.add(ex.fields.item);
        icond += quoteItem(val.item);
      }
      icond += icond === '' ? '' : '))';
    } else {
      icond = '(';
      for (const values of ex.values) {
        if (ex.fields.items.length !== values.items.length) throw new LoadError('LOAD_ERR_VALIDATE', 'Fields and values lists must have equal length', ex.ctx);
        icond += icond === '(' ? '' : ' or ';
        icond += '(';
        ex.fields.items.forEach((field, k) => {
          icond += k === 0 ? '' : ' and ';
          const v = values.items[k];
          const comp = ex.comps.items[k]?.item ?? '=';
          let istr: string;
          if (v?.isList) {
            istr = `(${v.items.map((x) => quoteItem(x.item)).join(', ')})`;
          } else {
            istr = v?.item ?? '';
            if (LIST_OPERATORS.includes(comp) || isOperatorWithModifier(comp)) {
              if (istr[0] !== '(') istr = `(${istr})`;
            } else istr = quoteItem(istr);
          }
          icond += ` ${field.item} ${comp} ${istr}`;
          fields.add(field.item);
        });
        icond += ')';
      }
      icond += ')';
      if (icond === '()') icond = '';
    }
    if (icond !== '') parts.push(syn(` and not ${icond}`));
  }
  return MappedText.concat(parts);
}

export class RulesCompiler {
  readonly #opts: CompilerOptions;
  // Every load recompiles everything; these keep work that cannot change between loads.
  readonly #cache = new ExtractionCache();
  readonly #memo = new CompileMemo();
  readonly #parsed = new Map<string, Expr>();
  /** Lists in substitution order, per compile (lists are final before any condition is parsed). */
  readonly #listIndex = new WeakMap<Map<string, CompiledList>, ListIndex>();
  readonly #outputs = new Map<string, OutputFormat>();

  constructor(opts: CompilerOptions) {
    this.#opts = opts;
  }

  /** Compile everything collected so far; errors and warnings go to `res`. */
  compile(col: Collector, res: LoadResult): CompileOutput {
    const out: CompileOutput = { lists: new Map(), macros: new Map(), rules: [], cache: this.#cache };
    try {
      this.#lists(col, out);
      this.#macros(col, out, res);
      this.#rules(col, out, res);
    } catch (e) {
      if (e instanceof LoadError) {
        res.error(e.code, e.message, e.ctx);
        return out;
      }
      throw e;
    }
    for (const m of out.macros.values()) {
      if (!m.used) res.warning('LOAD_UNUSED_MACRO', 'Macro not referred to by any other rule/macro', (col.macros.get(m.name) as { ctx: LoadContext }).ctx);
    }
    for (const l of out.lists.values()) {
      if (!l.used) res.warning('LOAD_UNUSED_LIST', 'List not referred to by any other rule/macro', (col.lists.get(l.name) as { ctx: LoadContext }).ctx);
    }
    return out;
  }

  #lists(col: Collector, out: CompileOutput): void {
    const usedNames: string[] = [];
    for (const list of col.lists.values()) {
      const items: string[] = [];
      for (const item of list.items) {
        const ref = col.lists.get(item);
        if (ref && ref.index < list.visibility) {
          usedNames.push(ref.name);
          // A loop, not push(...items): a list of a few hundred thousand items would overflow the stack.
          for (const item of ref.items) items.push(item);
        } else items.push(item);
      }
      out.lists.set(list.name, { name: list.name, items, used: false });
    }
    for (const n of usedNames) {
      const l = out.lists.get(n);
      if (l) l.used = true;
    }
  }

  /** Substitute lists and parse; a syntax error points into the substituted text. */
  #parse(text: MappedText, out: CompileOutput, ctx: LoadContext, macro?: string): { expr: Expr; text: MappedText } {
    let index = this.#listIndex.get(out.lists);
    if (!index) {
      index = new ListIndex(out.lists);
      this.#listIndex.set(out.lists, index);
    }
    const substituted = substituteLists(text, index);
    const key = `${macro ?? ''}\u0000${substituted.text}`;
    const known = this.#parsed.get(key);
    if (known) return { expr: known, text: substituted };
    try {
      let expr = parseCondition(substituted.text, { maxDepth: 1000 });
      // Nodes written in a macro remember it, so errors found after expansion point into the macro.
      if (macro !== undefined) expr = cloneExpr(expr, macro);
      this.#parsed.set(key, expr);
      return { expr, text: substituted };
    } catch (e) {
      if (e instanceof ConditionSyntaxError) {
        throw new LoadError('LOAD_ERR_COMPILE_CONDITION', e.message, ctx.condition(substituted, e.offset, this.#opts.files));
      }
      throw e;
    }
  }

  #expand(expr: Expr, out: CompileOutput, visible: (name: string) => boolean, rawText: MappedText, substituted: MappedText, ctx: LoadContext): Expr {
    const r = expandMacros(expr, { get: (name) => (visible(name) ? out.macros.get(name)?.condition : undefined) });
    if (r.problem) {
      throw new LoadError('LOAD_ERR_VALIDATE', r.problem.message, ctx.condition(rawText, r.problem.offset, this.#opts.files).withOrigin(substituted, r.problem.offset, this.#opts.files));
    }
    for (const n of r.resolved) {
      const m = out.macros.get(n);
      if (m) m.used = true;
    }
    return r.expr;
  }

  #macros(col: Collector, out: CompileOutput, _res: LoadResult): void {
    const parsed: { name: string; text: MappedText }[] = [];
    for (const m of col.macros.values()) {
      const { expr, text } = this.#parse(m.cond, out, m.condCtx, m.name);
      out.macros.set(m.name, { name: m.name, condition: expr, mapped: text, used: false });
      parsed.push({ name: m.name, text });
    }
    for (const p of parsed) {
      const info = col.macros.get(p.name);
      const m = out.macros.get(p.name);
      if (!info || !m) continue;
      m.condition = this.#expand(m.condition, out, (n) => (col.macros.get(n)?.index ?? Infinity) < info.visibility, info.cond, p.text, info.ctx);
    }
  }

  #rules(col: Collector, out: CompileOutput, res: LoadResult): void {
    const { registry } = this.#opts;
    for (const r of col.rules.values()) {
      if (r.unknownSource) continue;
      if (!registry.hasSource(r.source)) throw new LoadError('LOAD_ERR_VALIDATE', `Unknown source at compile-time${r.source}`, r.ctx);
      const exceptionFields = new Set<string>();
      const condition = r.exceptions.length ? exceptionCondition(r.cond, r.exceptions, exceptionFields, r.ctx) : r.cond;

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
        output = this.#outputs.get(key) ?? parseOutputFormat(outputText, { registry, source: r.source, cache: out.cache, ...(this.#opts.bind ? { bind: this.#opts.bind } : {}) });
        this.#outputs.set(key, output);
      } catch (e) {
        if (!(e instanceof OutputFormatError)) throw e;
        const message = ownOutputMessage(e.message, outputText, r.output.text.length);
        if (isUnknownFieldError(message) && r.skipIfUnknownFilter) {
          res.warning('LOAD_UNKNOWN_FILTER', message, r.outputCtx);
          continue;
        }
        throw new LoadError('LOAD_ERR_COMPILE_OUTPUT', message, outputContext(r, e.offset + (outputText.startsWith('*') ? 1 : 0)));
      }
      for (const f of Object.keys(DEPRECATED_FIELDS)) {
        if (outputText.includes(f)) res.warning('LOAD_DEPRECATED_ITEM', `usage of deprecated field '${f}' has been detected in the rule output`, r.outputCtx, f);
      }

      const compiled = this.#compileCondition(r, condition, out, res);
      if (!compiled) continue;
      out.rules.push({
        id: out.rules.length,
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
        eventCodes: compiled.codes,
        output,
        exceptionFields: [...exceptionFields].sort(),
        fields: compiled.fields,
      });
    }
  }

  #compileCondition(
    r: RuleInfo,
    condition: MappedText,
    out: CompileOutput,
    res: LoadResult,
  ): { expr: Expr; predicate: Predicate; codes: EventCodeSet; fields: readonly ResolvedField[] } | undefined {
    const files = this.#opts.files;
    const { registry } = this.#opts;
    const parsed = this.#parse(condition, out, r.condCtx);
    const expr = this.#expand(parsed.expr, out, () => true, condition, parsed.text, r.ctx);
    // Nodes copied from a macro carry positions in that macro's text.
    const at = (offset: number, node?: Expr): LoadContext => {
      const mapped = (node?.from !== undefined ? out.macros.get(node.from)?.mapped : undefined) ?? parsed.text;
      return r.condCtx.condition(condition, offset, files).withOrigin(mapped, offset, files);
    };
    const atStart = r.condCtx.conditionStart(condition, files);

    // Warnings on the expanded condition: deprecated fields, and <NA> compared with k8s audit fields.
    const deprecated = new Set<string>();
    let unsafeNa = false;
    walk(expr, (n) => {
      if (n.kind === 'field' && DEPRECATED_FIELDS[n.field] !== undefined) deprecated.add(n.field);
      if (n.kind === 'binary' && n.left.kind === 'field' && /^(ka|jevt)\./.test(n.left.field) && ['==', '=', '!=', 'in', 'intersects', 'pmatch'].includes(n.op)) {
        if ((n.right.kind === 'value' && n.right.value === '<NA>') || (n.right.kind === 'list' && n.right.values.includes('<NA>'))) unsafeNa = true;
      }
    });
    if (unsafeNa) res.warning('LOAD_UNSAFE_NA_CHECK', '', atStart);
    for (const f of Object.keys(DEPRECATED_FIELDS)) {
      if (deprecated.has(f)) res.warning('LOAD_DEPRECATED_ITEM', DEPRECATED_FIELDS[f] as string, atStart, f);
    }

    let compiled;
    try {
      compiled = compileFilter(expr, { registry, source: r.source, cache: out.cache, memo: this.#memo, ...(this.#opts.bind ? { bind: this.#opts.bind } : {}), ...(this.#opts.instrument ? { instrument: this.#opts.instrument } : {}) });
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
    return { expr, predicate: compiled.predicate, codes, fields: compiled.fields };
  }
}

const pluginEventCode = (): number => PPME_PLUGINEVENT_E;
const asyncEventCode = (): number => PPME_ASYNCEVENT_E;

/** The output context, pointing at the offending `%` when we know where it is in the file. */
function outputContext(r: RuleInfo, offset: number): LoadContext {
  const origin = offset < r.output.text.length ? r.output.origin(offset) : undefined;
  if (!origin) return r.outputCtx;
  return r.outputCtx.withExactSource(origin.offset);
}
