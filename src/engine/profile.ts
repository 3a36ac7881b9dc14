// The rule profiler: what each rule, macro and check costs during a replay. Installed only when asked for (the
// unprofiled path is untouched): it wraps every compiled check at compile time and every rule's predicate and
// the ruleset's evaluate method once compiled. Every evaluation is counted; 1 evaluation in `sampleEvery` of each
// rule is timed, alternately as a whole (the rule's cost: sampled time scaled by its evaluation count) and check
// by check (which checks dominate it; their clock reads would inflate the whole). A timed evaluation far slower
// than the rule's fastest one is the thread being descheduled, not the rule, and is left out. Design and JSON shape: docs/rules-language.md#rule-profile.
import type { BinaryCheckExpr, UnaryCheckExpr } from './condition/ast.js';
import type { CheckInstrument, Predicate } from './condition/compile.js';
import { printFalco } from './condition/printer.js';
import { SYSCALL_SOURCE } from './fields/classes.js';
import { EVENT_CODE_COUNT, eventCodesToNames, PPME_GENERIC_E, PPME_GENERIC_X } from './fields/event-names.js';
import type { EvalContext } from './fields/types.js';
import type { CompiledRule } from './rules/compiler.js';
import type { MatchSink, Ruleset } from './ruleset.js';

/** Default sampling period: 1 evaluation in 16 of each rule is timed. */
export const DEFAULT_SAMPLE_EVERY = 16;

interface CheckSite {
  readonly id: number;
  /** The check's left side as Falco prints it (a field or transformed field). */
  readonly field: string;
  readonly op: string;
  /** The macro the check was expanded from, if any. */
  readonly macro: string | undefined;
}

/** A timed evaluation slower than this many times the fastest (plus a fixed slack) is discarded as preemption. */
const OUTLIER_FACTOR = 50;
const OUTLIER_SLACK_MS = 0.02;

class RuleStat {
  evaluated = 0;
  matched = 0;
  /** Whole-rule timed evaluations kept, and their time. */
  sampled = 0;
  sampledMs = 0;
  minMs = Number.POSITIVE_INFINITY;
  countdown = 1;
  /** The next timed evaluation times the checks rather than the whole rule. */
  byCheck = false;
  /** Time per check site (id → ms) in this rule's check-by-check evaluations, and their sum. */
  readonly checkMs = new Map<number, number>();
  checkTotalMs = 0;
  constructor(readonly rule: CompiledRule) {}
}

export interface ProfileCheck {
  readonly field: string;
  readonly op: string;
  readonly macro: string | null;
  /** Share of the time of the rule's check-by-check timed evaluations (0..1). */
  readonly share: number;
}

export interface ProfileRule {
  readonly rule: string;
  readonly source: string;
  readonly priority: number;
  /** Events that reached the rule (after event-type bucketing and `rule_matching`). */
  readonly evaluated: number;
  readonly matched: number;
  /** Evaluations timed as a whole (and kept). */
  readonly sampled: number;
  /** Estimated evaluation time: sampled time × evaluated / sampled. */
  readonly ms: number;
  /** Share of the estimated time of every rule (0..1). */
  readonly share: number;
  /** The checks that took most of the sampled time, costliest first (at most 3). */
  readonly checks: readonly ProfileCheck[];
}

export interface ProfileMacro {
  readonly macro: string;
  /** Rules whose timed evaluations ran checks of this macro. */
  readonly rules: number;
  readonly ms: number;
  readonly share: number;
}

export interface ProfileEventType {
  readonly type: string;
  /** `>` enter, `<` exit. */
  readonly dir: '>' | '<';
  readonly events: number;
  /** Rules the event type reaches. */
  readonly rules: number;
}

export interface RuleProfile {
  readonly version: 1;
  readonly sampleEvery: number;
  /** Events evaluated by the rules (syscall source and plugin sources). */
  readonly evaluated: number;
  /** Estimated evaluation time of every rule. */
  readonly ms: number;
  readonly rules: readonly ProfileRule[];
  readonly macros: readonly ProfileMacro[];
  readonly eventTypes: readonly ProfileEventType[];
}

/** Counts and samples rule evaluations of one rule set; pass it as ReplayOptions.ruleProfiler. */
export class RuleProfiler {
  readonly sampleEvery: number;
  readonly #sites: CheckSite[] = [];
  readonly #stats: RuleStat[] = [];
  /** The rule whose evaluation is being timed (checks time themselves only then). */
  #timing: RuleStat | undefined;
  readonly #byCode = new Float64Array(EVENT_CODE_COUNT);
  #pluginEvents = 0;
  #ruleset: Ruleset | undefined;

  constructor(sampleEvery = DEFAULT_SAMPLE_EVERY) {
    if (!Number.isInteger(sampleEvery) || sampleEvery < 1) throw new RangeError('sampleEvery must be a positive integer');
    this.sampleEvery = sampleEvery;
  }

  /** The compile-time hook: every check counts its time while a rule evaluation is timed. */
  readonly instrument: CheckInstrument = (check: UnaryCheckExpr | BinaryCheckExpr, p: Predicate): Predicate => {
    const site: CheckSite = { id: this.#sites.length, field: printFalco(check.left), op: check.op, macro: check.from };
    this.#sites.push(site);
    return (ctx) => {
      const rs = this.#timing;
      if (rs === undefined) return p(ctx);
      const t = performance.now();
      const v = p(ctx);
      const dt = performance.now() - t;
      if (dt <= rs.minMs * OUTLIER_FACTOR + OUTLIER_SLACK_MS) {
        rs.checkMs.set(site.id, (rs.checkMs.get(site.id) ?? 0) + dt);
        rs.checkTotalMs += dt;
      }
      return v;
    };
  };

  /** Wrap the rules of a compiled ruleset (once; the replay calls it for its first rule set). */
  attach(ruleset: Ruleset): void {
    if (this.#ruleset) return;
    this.#ruleset = ruleset;
    for (const r of ruleset.rules) {
      const st = new RuleStat(r);
      this.#stats.push(st);
      const p = r.predicate;
      const K = this.sampleEvery;
      const wrapped: Predicate = (ctx) => {
        st.evaluated++;
        if (--st.countdown > 0 || this.#timing !== undefined) {
          const v = p(ctx);
          if (v) st.matched++;
          return v;
        }
        st.countdown = K;
        let v: boolean;
        if (st.byCheck && st.sampled > 0) {
          st.byCheck = false;
          this.#timing = st;
          try {
            v = p(ctx);
          } finally {
            this.#timing = undefined;
          }
        } else {
          st.byCheck = true;
          const t = performance.now();
          v = p(ctx);
          const dt = performance.now() - t;
          if (dt < st.minMs) st.minMs = dt;
          if (dt <= st.minMs * OUTLIER_FACTOR + OUTLIER_SLACK_MS) {
            st.sampledMs += dt;
            st.sampled++;
          }
        }
        if (v) st.matched++;
        return v;
      };
      // The compiled rules belong to this run's own engine: replacing the predicate affects nothing else.
      (r as { predicate: Predicate }).predicate = wrapped;
    }
    const evaluate = ruleset.evaluate.bind(ruleset);
    const byCode = this.#byCode;
    ruleset.evaluate = (ctx: EvalContext, source: string, code: number, sink: MatchSink): number => {
      if (source === SYSCALL_SOURCE) byCode[code] = (byCode[code] ?? 0) + 1;
      else this.#pluginEvents++;
      return evaluate(ctx, source, code, sink);
    };
  }

  /** The profile so far, rules sorted by estimated cost (then by name). */
  result(): RuleProfile {
    const rules: { r: ProfileRule; st: RuleStat; scale: number }[] = [];
    let total = 0;
    for (const st of this.#stats) {
      const scale = st.sampled ? st.evaluated / st.sampled : 0;
      const ms = st.sampledMs * scale;
      total += ms;
      rules.push({ st, scale, r: { rule: st.rule.name, source: st.rule.source, priority: st.rule.priority, evaluated: st.evaluated, matched: st.matched, sampled: st.sampled, ms, share: 0, checks: [] } });
    }
    const macroMs = new Map<string, { ms: number; rules: number }>();
    const out: ProfileRule[] = rules.map(({ r, st, scale }) => {
      const checks = [...st.checkMs].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const seen = new Set<string>();
      for (const [id, ms] of checks) {
        const m = this.#sites[id]?.macro;
        if (m === undefined) continue;
        const e = macroMs.get(m) ?? { ms: 0, rules: 0 };
        e.ms += ms * scale;
        if (!seen.has(m)) {
          e.rules++;
          seen.add(m);
        }
        macroMs.set(m, e);
      }
      const top = checks.slice(0, 3).map(([id, ms]): ProfileCheck => {
        const s = this.#sites[id] as CheckSite;
        return { field: s.field, op: s.op, macro: s.macro ?? null, share: st.checkTotalMs > 0 ? ms / st.checkTotalMs : 0 };
      });
      return { ...r, share: total > 0 ? r.ms / total : 0, checks: top };
    });
    out.sort((a, b) => b.ms - a.ms || b.evaluated - a.evaluated || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
    const macros = [...macroMs]
      .filter(([, e]) => e.rules > 1)
      .map(([macro, e]): ProfileMacro => ({ macro, rules: e.rules, ms: e.ms, share: total > 0 ? e.ms / total : 0 }))
      .sort((a, b) => b.ms - a.ms || (a.macro < b.macro ? -1 : 1));
    const eventTypes: ProfileEventType[] = [];
    let evaluated = this.#pluginEvents;
    for (let code = 0; code < EVENT_CODE_COUNT; code++) {
      const n = this.#byCode[code] ?? 0;
      if (n === 0) continue;
      evaluated += n;
      const type = code === PPME_GENERIC_E || code === PPME_GENERIC_X ? 'syscall' : ([...eventCodesToNames([code])][0] ?? `code ${code}`);
      eventTypes.push({ type, dir: code % 2 === 0 ? '>' : '<', events: n, rules: this.#ruleset?.candidates(SYSCALL_SOURCE, code).length ?? 0 });
    }
    eventTypes.sort((a, b) => b.events - a.events || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) || (a.dir < b.dir ? -1 : 1));
    return { version: 1, sampleEvery: this.sampleEvery, evaluated, ms: total, rules: out, macros, eventTypes };
  }
}
