// One rule set during a run (its Ruleset and the sink that renders its matches into alerts) and the per-capture
// lane state the evaluators share with the replay loop.
import type { Diagnostic } from '../common/index.js';
import type { ReadSummary, ScapEvent } from '../scap/index.js';
import type { EvalContext } from './fields/types.js';
import type { FieldBinder } from './condition/compile.js';
import { SYSCALL_SOURCE } from './fields/classes.js';
import type { FieldRegistry } from './fields/registry.js';
import type { CompiledRule, CompileOutput, ExtraOutput } from './rules/compiler.js';
import type { AllMatchesSink, MatchSink, Ruleset } from './ruleset.js';
import { parseOutputFormat, type OutputOptions } from './output/template.js';
import { OutputRenderer, type JsonFieldValue } from './output/render.js';
import { suggestedOutputs } from './output/suggested.js';
import type { Alert } from './output/alert.js';
import type { LaneMerge } from './replay-merge.js';
import { PluginEventCounts } from './plugins/index.js';
import type { AppendOutput, CaptureInput, ReplayInspector, ReplayOptions, RuleSetOptions, RuleSetRun } from './replay-types.js';

function matches(entry: AppendOutput, r: { name: string; source: string; tags: readonly string[] }): boolean {
  const m = entry.match;
  if (!m) return true;
  if (m.source !== undefined && m.source !== r.source) return false;
  if (m.rule !== undefined && m.rule !== r.name) return false;
  if (m.tags && !m.tags.every((t) => r.tags.includes(t))) return false;
  return true;
}

/** `append_output` as extra output texts for the compiler (suggested outputs computed once, here). */
export function extraOutputsOf(appendOutput: readonly AppendOutput[], registry: FieldRegistry): ExtraOutput[] {
  const out: ExtraOutput[] = [];
  let suggested: ReturnType<typeof suggestedOutputs> | undefined;
  for (const entry of appendOutput) {
    const m = entry.match;
    const scope = { ...(m?.source !== undefined ? { source: m.source } : {}), ...(m?.tags ? { tags: m.tags } : {}), ...(m?.rule !== undefined ? { rule: m.rule } : {}) };
    if (entry.extraOutput) out.push({ format: entry.extraOutput, ...scope });
    if (entry.suggestedOutput) {
      suggested ??= suggestedOutputs(registry);
      for (const s of suggested) if (m?.source === undefined || s.source === m.source) out.push({ ...scope, format: s.format, source: s.source });
    }
  }
  return out;
}

interface ExtraField {
  readonly key: string;
  readonly renderer: OutputRenderer;
  /** Typed value of a bare field (else the formatted text). */
  readonly raw: boolean;
}

/** The state of one capture during a run. */
export class Lane {
  readonly index: number;
  readonly input: CaptureInput;
  readonly inspector: ReplayInspector;
  /** The context the inspector returned for the event being evaluated. */
  ctx: EvalContext | undefined;
  events = 0;
  /** Events the reader delivered so far (enter events merged by the converter are not delivered). */
  delivered = 0;
  /** The number of the last event delivered to the state engine (0: none yet). */
  lastEvent = 0;
  evaluated = 0;
  alerts = 0;
  /** Plugin events read, by the source their ID routes to (the other events read are of the syscall source). */
  readonly pluginEvents = new PluginEventCounts();
  /** Reading stopped at the capture-time limit: the capture counts as read to its end. */
  timeLimited = false;
  /** The replay window in this capture's time, as [hi, lo] u32 halves (resolved at its first event). */
  since: [number, number] | undefined;
  until: [number, number] | undefined;
  windowResolved = false;
  read: ReadSummary | undefined;
  /** Why the reader stopped, if it failed: the value it rejected with, rethrown as is. */
  failure: { error: unknown } | undefined;
  /** The reader is parked after a chunk: call to let it read the next one. */
  gate: (() => void) | undefined;
  /** Resolves the scheduler's wait for this lane's next chunk. */
  arrived: (() => void) | undefined;
  running: Promise<void> | undefined;
  readonly diagnostics: Diagnostic[] = [];
  constructor(index: number, input: CaptureInput, inspector: ReplayInspector) {
    this.index = index;
    this.input = input;
    this.inspector = inspector;
  }
}

/** The event being evaluated, shared by every evaluator's sink (set once per event, no allocation). */
export interface Cursor {
  lane: Lane;
  event: ScapEvent;
}

/** What one rule set needs during a run: its ruleset (and counters) and the sink that makes its alerts. */
export class Evaluator implements MatchSink {
  readonly run: RuleSetRun;
  readonly ruleset: Ruleset;
  /** Set when the rule set wants every match of every event (RuleSetOptions.allMatches). */
  readonly all: AllMatchesSink | undefined;
  readonly #multi: boolean;
  readonly #options: ReplayOptions;
  readonly #compileOpts: OutputOptions;
  readonly #renderers = new Map<CompiledRule, OutputRenderer>();
  readonly #extras = new Map<CompiledRule, ExtraField[]>();
  readonly #cursor: Cursor;
  readonly #merge: { current: LaneMerge<Alert> | undefined };

  constructor(run: RuleSetRun, spec: RuleSetOptions, ruleset: Ruleset, compiled: CompileOutput, bind: FieldBinder, options: ReplayOptions, multi: boolean, cursor: Cursor, merge: { current: LaneMerge<Alert> | undefined }) {
    this.run = run;
    this.ruleset = ruleset;
    this.#multi = multi;
    this.#options = options;
    this.#cursor = cursor;
    this.#merge = merge;
    this.#compileOpts = { registry: run.engine.registry, source: SYSCALL_SOURCE, cache: compiled.cache, bind };
    const onAll = spec.allMatches;
    this.all = onAll ? { matches: (rules) => onAll(cursor.lane.index, cursor.event.num, cursor.event.ts, rules) } : undefined;
    if (options.outputFields) this.#prepareExtraFields(options.appendOutput ?? DEFAULT_APPEND_OUTPUT);
  }

  /** A match of the event under the cursor: render the alert and queue it on its capture's lane. */
  match(r: CompiledRule, ctx: EvalContext): void {
    const lane = this.#cursor.lane;
    lane.alerts++;
    (this.#merge.current as LaneMerge<Alert>).push(lane.index, this.#alert(lane, r, this.#cursor.event, ctx));
  }

  #prepareExtraFields(entries: readonly AppendOutput[]): void {
    const registry = this.run.engine.registry;
    // The same format of the same source is parsed once, whatever the number of rules it applies to.
    const parsed = new Map<string, OutputRenderer>();
    const renderer = (format: string, source: string): OutputRenderer => {
      const key = `${source}\u0000${format}`;
      let x = parsed.get(key);
      if (!x) {
        const opts = { ...this.#compileOpts, source };
        x = new OutputRenderer(parseOutputFormat(format, opts), opts, this.#options.bufferFormat);
        parsed.set(key, x);
      }
      return x;
    };
    for (const r of this.run.rules) {
      const list: ExtraField[] = [];
      for (const e of entries) {
        if (!e.extraFields?.length || !matches(e, r)) continue;
        for (const f of e.extraFields) {
          if ('field' in f) {
            if (registry.tryResolve(r.source, f.field)) list.push({ key: f.field, renderer: renderer(`%${f.field}`, r.source), raw: true });
          } else {
            list.push({ key: f.key, renderer: renderer(f.format, r.source), raw: false });
          }
        }
      }
      if (list.length) this.#extras.set(r, list);
    }
  }

  #renderer(r: CompiledRule): OutputRenderer {
    let x = this.#renderers.get(r);
    if (!x) {
      x = new OutputRenderer(r.output, { ...this.#compileOpts, source: r.source }, this.#options.bufferFormat);
      this.#renderers.set(r, x);
    }
    return x;
  }

  #alert(lane: Lane, r: CompiledRule, e: ScapEvent, ctx: EvalContext): Alert {
    const ts = e.ts;
    const renderer = this.#renderer(r);
    let outputFields: Record<string, JsonFieldValue> | undefined;
    if (this.#options.outputFields) {
      outputFields = renderer.fields(ctx, ts);
      const extras = this.#extras.get(r);
      if (extras) {
        for (const x of extras) {
          if (x.raw) x.renderer.fields(ctx, ts, outputFields);
          else outputFields[x.key] = x.renderer.text(ctx);
        }
      }
    }
    return {
      capture: lane.index,
      evtNum: e.num,
      ts,
      rule: r.name,
      ruleId: r.id,
      priority: r.priority,
      source: r.source,
      tags: sortedTags(r),
      message: renderer.text(ctx),
      ...(this.#multi ? { ruleSet: this.run.index } : {}),
      ...(outputFields ? { outputFields } : {}),
      ...(this.#options.snapshots ? { snapshot: lane.inspector.snapshot() } : {}),
    };
  }
}

export const DEFAULT_APPEND_OUTPUT: readonly AppendOutput[] = [{ suggestedOutput: true }];

const tagCache = new WeakMap<CompiledRule, readonly string[]>();
function sortedTags(r: CompiledRule): readonly string[] {
  let t = tagCache.get(r);
  if (!t) {
    t = Object.freeze([...new Set(r.tags)].sort());
    tagCache.set(r, t);
  }
  return t;
}
