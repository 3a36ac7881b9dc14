// The evaluation set: compiled rules bucketed by event source and event code, in evaluation order, with
// Falco's rule selection (`rules:` enable/disable by name wildcard or tag), minimum priority and
// `rule_matching: first|all`, and its counters. Evaluating an event touches only the rules of its bucket.
// `evaluate` is the one evaluation path: the replay loop calls it once per rule set for every event.
import type { EvalContext } from './fields/types.js';
import { constantAnswer, type Predicate } from './condition/compile.js';
import { EVENT_CODE_COUNT, fixedEventTypeName } from './fields/event-names.js';
import { SYSCALL_SOURCE } from './fields/classes.js';
import type { CompiledRule, CompileOutput } from './rules/compiler.js';

export type RuleMatching = 'first' | 'all';

/** One entry of Falco's `rules:` selection config, applied in order after loading. */
export interface RuleSelection {
  readonly op: 'enable' | 'disable';
  /** Rule name pattern; `*` is a wildcard (Falco's non-backtracking matcher). */
  readonly rule?: string;
  readonly tag?: string;
}

export interface RulesetOptions {
  /** Rules less severe than this priority number are never evaluated (default 7, debug). */
  readonly minPriority?: number;
  readonly selection?: readonly RuleSelection[];
  readonly matching?: RuleMatching;
}

/** Falco's rule-name wildcard: after a `*` it jumps to the first occurrence of the next literal chunk. */
export function matchesWildcard(pattern: string, s: string): boolean {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === s;
  const head = pattern.slice(0, star);
  if (!s.startsWith(head)) return false;
  let rest = s.slice(head.length);
  const chunks = pattern.slice(star + 1).split('*');
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i] as string;
    const last = i === chunks.length - 1;
    if (chunk === '') {
      if (last) return true;
      continue;
    }
    const at = rest.indexOf(chunk);
    if (at < 0) return false;
    rest = rest.slice(at + chunk.length);
    if (last) return rest === '';
  }
  return true;
}

/** Receives the rules an event matched, in evaluation order (one object for a whole run: no per-event closures). */
export interface MatchSink {
  match(rule: CompiledRule, ctx: EvalContext): void;
}

/** Receives, per evaluated event, every rule that matches under `rule_matching: all`, in evaluation order. */
export interface AllMatchesSink {
  /** Called once per event with at least one match; `rules` is reused by the next call (copy what you keep). */
  matches(rules: readonly CompiledRule[]): void;
}

/**
 * Condition results shared by the rule sets of one comparison: rules whose expanded conditions print the same
 * share a slot, so an event evaluates each distinct condition once, whichever side asks first.
 */
export class ConditionMemo {
  /** The event being evaluated (bump once per event). */
  now = 0;
  readonly #slots = new Map<string, number>();
  #epoch = new Float64Array(0);
  #value = new Uint8Array(0);

  /** The slot of a condition key (source and canonical expanded condition). */
  slot(key: string): number {
    let s = this.#slots.get(key);
    if (s === undefined) {
      s = this.#slots.size;
      this.#slots.set(key, s);
    }
    return s;
  }

  /** Size the tables once every slot is known. */
  seal(): void {
    this.#epoch = new Float64Array(this.#slots.size).fill(-1);
    this.#value = new Uint8Array(this.#slots.size);
  }

  test(slot: number, r: CompiledRule, ctx: EvalContext): boolean {
    if (this.#epoch[slot] === this.now) return this.#value[slot] === 1;
    const v = r.predicate(ctx);
    this.#epoch[slot] = this.now;
    this.#value[slot] = v ? 1 : 0;
    return v;
  }

  /** The answer of a slot for the event being evaluated: 1 or 0, or -1 when no rule set has asked yet. */
  answer(slot: number): number {
    return this.#epoch[slot] === this.now ? (this.#value[slot] as number) : -1;
  }

  /** Keep a slot's answer for the event being evaluated. */
  keep(slot: number, v: boolean): void {
    this.#epoch[slot] = this.now;
    this.#value[slot] = v ? 1 : 0;
  }
}

/**
 * The rules of one syscall event code as the loop runs them: each rule's {@link RulePlan} for the code's
 * `evt.type` (its evt.type checks folded), rules that cannot match events of that type left out.
 */
interface BucketPlan {
  readonly rules: readonly CompiledRule[];
  readonly guards: readonly (Predicate | undefined)[];
  readonly rests: readonly Predicate[];
  /** Each rule's {@link ConditionMemo} slot, when rule sets share condition results. */
  readonly slots: Int32Array | undefined;
}

/** Priority numbers: 0 Emergency … 7 Debug. */
export const PRIORITY_COUNT = 8;

export class Ruleset {
  readonly matching: RuleMatching;
  /** Every rule that can fire, in evaluation order. */
  readonly rules: readonly CompiledRule[];
  /** Per-rule match counters (index = rule id). */
  readonly counts: Uint32Array;
  /** Match counters per priority number (0 Emergency … 7 Debug). */
  readonly byPriority: number[] = new Array<number>(PRIORITY_COUNT).fill(0);
  /** Matches over all rules. */
  matches = 0;
  readonly #bySource = new Map<string, (CompiledRule[] | undefined)[]>();
  /** The syscall source's buckets, looked up without the map on the hot path. */
  readonly #syscall: (CompiledRule[] | undefined)[] | undefined;
  readonly #firstOnly: boolean;
  #memo: ConditionMemo | undefined;
  /** Memo slot per rule id. */
  #slotOf: Int32Array | undefined;
  /** Scratch list of {@link evaluateAll}, reused for every event. */
  readonly #hits: CompiledRule[] = [];
  /** Syscall buckets as plans, built on an event code's first event (null: some rule has no plan). */
  readonly #plans: (BucketPlan | null | undefined)[] = new Array<BucketPlan | null | undefined>(EVENT_CODE_COUNT);

  constructor(compiled: CompileOutput, opts: RulesetOptions = {}) {
    this.matching = opts.matching ?? 'first';
    const minPriority = opts.minPriority ?? 7;
    const eligible = compiled.rules.filter((r) => r.priority <= minPriority);
    // Falco's index: file-enabled rules in order; a selection that enables a rule appends it at the end,
    // one that disables it removes it.
    const order = eligible.filter((r) => r.enabled);
    for (const sel of opts.selection ?? []) {
      for (const r of eligible) {
        const hit = (sel.rule !== undefined && matchesWildcard(sel.rule, r.name)) || (sel.tag !== undefined && r.tags.includes(sel.tag));
        if (!hit) continue;
        const at = order.indexOf(r);
        if (sel.op === 'enable' && at < 0) order.push(r);
        if (sel.op === 'disable' && at >= 0) order.splice(at, 1);
      }
    }
    this.rules = order;
    this.counts = new Uint32Array(compiled.rules.length);
    for (const r of order) {
      let buckets = this.#bySource.get(r.source);
      if (!buckets) {
        buckets = new Array<CompiledRule[] | undefined>(EVENT_CODE_COUNT);
        this.#bySource.set(r.source, buckets);
      }
      for (const code of r.eventCodes.codes()) (buckets[code] ??= []).push(r);
    }
    this.#syscall = this.#bySource.get(SYSCALL_SOURCE);
    this.#firstOnly = this.matching === 'first';
  }

  /** Share condition results with other rule sets through `memo` (`key` names a rule's condition). */
  useMemo(memo: ConditionMemo, key: (r: CompiledRule) => string): void {
    const slots = new Int32Array(this.counts.length);
    for (const r of this.rules) slots[r.id] = memo.slot(key(r));
    this.#memo = memo;
    this.#slotOf = slots;
    // Plans built before carry no slots.
    this.#plans.fill(undefined);
  }

  /** The rules to try for an event of this source and code, in order (empty for most codes). */
  candidates(source: string, code: number): readonly CompiledRule[] {
    return this.#bySource.get(source)?.[code] ?? NONE;
  }

  /**
   * Evaluate an event: hands the matching rules to `sink` (at most one with `first` matching), counts them,
   * and returns how many matched. Allocates nothing.
   */
  evaluate(ctx: EvalContext, source: string, code: number, sink: MatchSink): number {
    const buckets = source === SYSCALL_SOURCE ? this.#syscall : this.#bySource.get(source);
    const list = buckets?.[code];
    if (list === undefined) return 0;
    const memo = this.#memo;
    if (buckets === this.#syscall) {
      let plan = this.#plans[code];
      if (plan === undefined) plan = this.#plan(code, list);
      if (plan !== null) return memo === undefined ? this.#evaluatePlan(ctx, plan, sink, undefined) : this.#evaluatePlanShared(ctx, plan, memo, sink, undefined);
    }
    const slotOf = this.#slotOf as Int32Array;
    let n = 0;
    for (let i = 0; i < list.length; i++) {
      const r = list[i] as CompiledRule;
      if (!(memo ? memo.test(slotOf[r.id] as number, r, ctx) : r.predicate(ctx))) continue;
      this.#record(r, ctx, sink);
      n++;
      if (this.#firstOnly) break;
    }
    return n;
  }

  /**
   * {@link evaluate}, and also every rule of the bucket that matches (as under `rule_matching: all`) handed to
   * `all`: what a comparison needs to see which rules an earlier one shadowed. Alerts and counters follow this
   * ruleset's own matching. Only comparisons call it, so `evaluate` stays as lean as it was.
   */
  evaluateAll(ctx: EvalContext, source: string, code: number, sink: MatchSink, all: AllMatchesSink): number {
    const buckets = source === SYSCALL_SOURCE ? this.#syscall : this.#bySource.get(source);
    const list = buckets?.[code];
    if (list === undefined) return 0;
    const memo = this.#memo;
    if (buckets === this.#syscall) {
      let plan = this.#plans[code];
      if (plan === undefined) plan = this.#plan(code, list);
      if (plan !== null) return memo === undefined ? this.#evaluatePlan(ctx, plan, sink, all) : this.#evaluatePlanShared(ctx, plan, memo, sink, all);
    }
    const hits = this.#hits;
    hits.length = 0;
    let n = 0;
    const slotOf = this.#slotOf as Int32Array;
    for (let i = 0; i < list.length; i++) {
      const r = list[i] as CompiledRule;
      if (!(memo ? memo.test(slotOf[r.id] as number, r, ctx) : r.predicate(ctx))) continue;
      hits.push(r);
      if (this.#firstOnly && n > 0) continue;
      this.#record(r, ctx, sink);
      n++;
    }
    if (hits.length) all.matches(hits);
    return n;
  }

  /** A rule matched: count it and hand it to the sink (the one place all three evaluation loops do so). */
  #record(r: CompiledRule, ctx: EvalContext, sink: MatchSink): void {
    this.counts[r.id] = (this.counts[r.id] as number) + 1;
    this.byPriority[r.priority] = (this.byPriority[r.priority] ?? 0) + 1;
    this.matches++;
    sink.match(r, ctx);
  }

  /** The plan of a syscall bucket (null when a rule of it has none: then the rules' predicates run as they are). */
  #plan(code: number, list: readonly CompiledRule[]): BucketPlan | null {
    const evtType = fixedEventTypeName(code);
    const rules: CompiledRule[] = [];
    const guards: (Predicate | undefined)[] = [];
    const rests: Predicate[] = [];
    const slotOf = this.#slotOf;
    let plan: BucketPlan | null = { rules, guards, rests, slots: undefined };
    for (const r of list) {
      if (!r.plan) {
        plan = null;
        break;
      }
      const p = r.plan(evtType);
      if (constantAnswer(p.rest) === false) continue;
      rules.push(r);
      guards.push(p.guard);
      rests.push(p.rest);
    }
    if (plan !== null && slotOf !== undefined) plan = { ...plan, slots: Int32Array.from(rules, (r) => slotOf[r.id] as number) };
    this.#plans[code] = plan;
    return plan;
  }

  /**
   * {@link evaluate} (`all` undefined) or {@link evaluateAll} over a bucket's plan: the same rules in the same
   * order, each answered by its guard then its rest; a guard asked again by the next rule is not re-run.
   */
  #evaluatePlan(ctx: EvalContext, plan: BucketPlan, sink: MatchSink, all: AllMatchesSink | undefined): number {
    const { rules, guards, rests } = plan;
    const hits = this.#hits;
    hits.length = 0;
    let n = 0;
    let lastGuard: Predicate | undefined;
    let lastAnswer = false;
    for (let i = 0; i < rules.length; i++) {
      const g = guards[i];
      if (g !== undefined) {
        if (g !== lastGuard) {
          lastAnswer = g(ctx);
          lastGuard = g;
        }
        if (!lastAnswer) continue;
      }
      if (!(rests[i] as Predicate)(ctx)) continue;
      const m = this.#planMatch(rules[i] as CompiledRule, ctx, sink, all, n);
      if (m === 0) continue;
      n++;
      if (m === 2) break;
    }
    if (all !== undefined && hits.length) all.matches(hits);
    return n;
  }

  /**
   * A plan's rule matched the event (`n` rules recorded before it): noted for `all`, then recorded unless `first`
   * already took the event. 0: not recorded; 1: recorded; 2: recorded and the bucket stops (`first`, no `all`).
   */
  #planMatch(r: CompiledRule, ctx: EvalContext, sink: MatchSink, all: AllMatchesSink | undefined, n: number): 0 | 1 | 2 {
    if (all !== undefined) {
      this.#hits.push(r);
      if (this.#firstOnly && n > 0) return 0;
    }
    this.#record(r, ctx, sink);
    return all === undefined && this.#firstOnly ? 2 : 1;
  }

  /**
   * {@link #evaluatePlan} for rule sets sharing condition results: a rule whose condition another rule set
   * already answered on this event takes that answer; otherwise its guard and rest answer, and the memo keeps it.
   * A plan and the plain predicate answer alike on the events of the plan's type, so either may fill a slot.
   */
  #evaluatePlanShared(ctx: EvalContext, plan: BucketPlan, memo: ConditionMemo, sink: MatchSink, all: AllMatchesSink | undefined): number {
    const { rules, guards, rests } = plan;
    const slots = plan.slots as Int32Array;
    const hits = this.#hits;
    hits.length = 0;
    let n = 0;
    let lastGuard: Predicate | undefined;
    let lastAnswer = false;
    for (let i = 0; i < rules.length; i++) {
      const slot = slots[i] as number;
      const known = memo.answer(slot);
      if (known === 0) continue;
      if (known < 0) {
        const g = guards[i];
        let v: boolean;
        if (g !== undefined) {
          if (g !== lastGuard) {
            lastAnswer = g(ctx);
            lastGuard = g;
          }
          v = lastAnswer && (rests[i] as Predicate)(ctx);
        } else {
          v = (rests[i] as Predicate)(ctx);
        }
        memo.keep(slot, v);
        if (!v) continue;
      }
      const m = this.#planMatch(rules[i] as CompiledRule, ctx, sink, all, n);
      if (m === 0) continue;
      n++;
      if (m === 2) break;
    }
    if (all !== undefined && hits.length) all.matches(hits);
    return n;
  }
}

const NONE: readonly CompiledRule[] = Object.freeze([]);
