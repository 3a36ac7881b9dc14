// The replay loop: capture bytes → events → state (one Inspector per capture) → rules → Alert stream.
// The field registry and outputs are built once per run. Each rule set (usually one; a comparison runs two) is
// loaded and compiled once into an evaluator: its Ruleset (selection, rule_matching, counters) and the sink
// that turns its matches into alerts. Every event is decoded and its state updated once, then evaluated by
// every rule set. With several captures the compiled fields forward to the inspector of the capture whose
// event is being evaluated, and alerts come out merged in timestamp order (LaneMerge).
import type { Diagnostic } from '../common/index.js';
import { emptyReadSummary, PLUGIN_EVENT, readCaptureStream, type ByteSource, type ReadSummary, type ScapEvent, type ScapHandler } from '../scap/index.js';
import type { Extractor, EvalContext } from './fields/types.js';
import type { FieldBinder } from './condition/compile.js';
import { KNOWN_PLUGINS, SYSCALL_SOURCE, type PluginInfo } from './fields/classes.js';
import { FieldRegistry } from './fields/registry.js';
import { RulesEngine } from './rules/engine.js';
import type { CompiledRule, CompileOutput, ExtraOutput } from './rules/compiler.js';
import type { LoadResult } from './rules/load-result.js';
import { Ruleset, type MatchSink, type RuleMatching, type RuleSelection } from './ruleset.js';
import { Inspector } from './state/inspector.js';
import type { InspectorOptions, StateProfile } from './state/types.js';
import { parseOutputFormat, type OutputOptions } from './output/template.js';
import { OutputRenderer, type BufferFormat, type JsonFieldValue } from './output/render.js';
import { suggestedOutputs } from './output/suggested.js';
import type { Alert } from './output/alert.js';
import { LaneMerge } from './replay-merge.js';

/** One capture to replay: a name for messages and its bytes (plain or gzip, sniffed). */
export interface CaptureInput {
  readonly name: string;
  /** Raw chunks as read from the file; called once when the replay starts. */
  readonly open: () => ByteSource;
}

/** What the replay needs from a state engine (the Inspector's contract). */
export type ReplayInspector = Pick<Inspector, 'stateHandler' | 'readOptions' | 'bind' | 'next' | 'snapshot'> & Partial<Pick<Inspector, 'stateWarnings'>>;

/** One `append_output` entry of Falco's configuration. */
export interface AppendOutput {
  readonly match?: { readonly source?: string; readonly tags?: readonly string[]; readonly rule?: string };
  /** Text (with `%fields`) appended to the output of matching rules. */
  readonly extraOutput?: string;
  /** Append `name=%name` for every field a loaded plugin suggests (Falco's default: true). */
  readonly suggestedOutput?: boolean;
  /**
   * Keys added to JSON `output_fields` only: `{key, format}` adds the formatted text under a custom key, a
   * bare field name (`{field}`) adds that field's typed value.
   */
  readonly extraFields?: readonly ({ readonly key: string; readonly format: string } | { readonly field: string })[];
}

/** A rules file: a name for messages and its text. */
export interface RulesText {
  readonly name: string;
  readonly content: string;
}

/** One rule set of a run: its files and Falco's per-engine settings (selection, priority, matching). */
export interface RuleSetOptions {
  /** A name for reports (default `rules`, or `rules N` from the second on). */
  readonly name?: string;
  /** Rules files in load order. */
  readonly rules: readonly RulesText[];
  readonly minPriority?: number;
  readonly selection?: readonly RuleSelection[];
  readonly matching?: RuleMatching;
}

export interface ReplayOptions {
  /**
   * Rules files in load order (name for messages, content): the run's one rule set, with `minPriority`,
   * `selection` and `matching` below. Ignored when `ruleSets` is given.
   */
  readonly rules?: readonly RulesText[];
  /**
   * Several rule sets evaluated over the same events in one pass (decoded and with state rebuilt once),
   * each with its own selection, matching and counters; alerts carry `ruleSet`. Replaces `rules`.
   */
  readonly ruleSets?: readonly RuleSetOptions[];
  readonly captures: readonly CaptureInput[];
  /** Plugins whose fields and sources exist (default: every catalogue we ship). */
  readonly plugins?: readonly PluginInfo[];
  /** Falco's `append_output` (default `[{suggestedOutput: true}]`, as Falco's stock configuration). */
  readonly appendOutput?: readonly AppendOutput[];
  /** Falco's `priority`: rules less severe than this (0 Emergency … 7 Debug) never fire. Default 7. */
  readonly minPriority?: number;
  /** Falco's `rules:` enable/disable entries, applied in order. */
  readonly selection?: readonly RuleSelection[];
  readonly matching?: RuleMatching;
  /** Falco ≤ 0.41: enter and exit events both reach the rules. Default: Falco ≥ 0.42. */
  readonly legacyEnterEvents?: boolean;
  /**
   * State and field semantics: `falco` (default: current libs) or `sysdig-0.29.3` (2022 libsinsp on the file's
   * own events, every enter event reaching the rules: what sysdig 0.29.3 evaluates, for comparisons with it).
   */
  readonly profile?: StateProfile;
  readonly hostname?: string;
  /** Seconds east of UTC for local times (default: the offset in force now). */
  readonly zoneSeconds?: number;
  /** Compute JSON `output_fields` for every alert (needed for JSON output). Default false. */
  readonly outputFields?: boolean;
  /** Attach a detached state snapshot (thread, ancestors, fds) to every alert. Default false. */
  readonly snapshots?: boolean;
  readonly bufferFormat?: BufferFormat;
  readonly signal?: AbortSignal;
  /** The state engine of each capture (default: the Inspector); tests inject simpler ones. */
  readonly inspector?: (registry: FieldRegistry, opts: InspectorOptions) => ReplayInspector;
  /** Called after each chunk of input with the totals so far. */
  readonly onProgress?: (p: ReplayProgress) => void;
}

export interface ReplayProgress {
  /** Raw (possibly compressed) bytes consumed, over all captures. */
  readonly bytes: number;
  readonly events: number;
  readonly alerts: number;
}

/** What happened to one capture. */
export interface CaptureResult {
  readonly name: string;
  /** Events read from the file (delivered to the state engine or merged into a following event). */
  readonly events: number;
  /** Events that reached the rules. */
  readonly evaluated: number;
  readonly alerts: number;
  readonly read: ReadSummary;
  /** Read problems (truncation, damage), with file name and byte offset. */
  readonly diagnostics: readonly Diagnostic[];
  /** The whole capture was read. */
  readonly complete: boolean;
}

/** What one rule set matched. */
export interface RuleSetSummary {
  readonly name: string;
  readonly alerts: number;
  /** Alerts per rule id (rule ids index the rule set's `rules`). */
  readonly byRule: Uint32Array;
  /** Alerts per priority number (0 Emergency … 7 Debug). */
  readonly byPriority: readonly number[];
}

export interface ReplaySummary {
  readonly captures: readonly CaptureResult[];
  readonly events: number;
  readonly evaluated: number;
  /** Alerts of every rule set. */
  readonly alerts: number;
  /** Alerts per rule id of the first rule set (rule ids index {@link Replay.rules}). */
  readonly byRule: Uint32Array;
  /** Alerts per priority number (0 Emergency … 7 Debug) of the first rule set. */
  readonly byPriority: readonly number[];
  /** Per rule set, in the order given. */
  readonly ruleSets: readonly RuleSetSummary[];
  readonly seconds: number;
}

function matches(entry: AppendOutput, r: { name: string; source: string; tags: readonly string[] }): boolean {
  const m = entry.match;
  if (!m) return true;
  if (m.source !== undefined && m.source !== r.source) return false;
  if (m.rule !== undefined && m.rule !== r.name) return false;
  if (m.tags && !m.tags.every((t) => r.tags.includes(t))) return false;
  return true;
}

/** `append_output` as extra output texts for the compiler (suggested outputs computed once, here). */
function extraOutputsOf(appendOutput: readonly AppendOutput[], registry: FieldRegistry): ExtraOutput[] {
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
class Lane {
  readonly index: number;
  readonly input: CaptureInput;
  readonly inspector: ReplayInspector;
  /** The context the inspector returned for the event being evaluated. */
  ctx: EvalContext | undefined;
  events = 0;
  /** Events the reader delivered so far (enter events merged by the converter are not delivered). */
  delivered = 0;
  evaluated = 0;
  alerts = 0;
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
interface Cursor {
  lane: Lane;
  event: ScapEvent;
}

/** One rule set of a run: its engine, load results and compiled rules. */
export interface RuleSetRun {
  readonly index: number;
  readonly name: string;
  readonly engine: RulesEngine;
  /** Every rules file loaded (a load error stops at the first failing file, as Falco does). */
  readonly loadResults: readonly LoadResult[];
  readonly ok: boolean;
  /** Every compiled rule (index = rule id), or empty when the rules did not load. */
  readonly rules: readonly CompiledRule[];
  readonly ruleset: Ruleset | undefined;
}

/** What one rule set needs during a run: its ruleset (and counters) and the sink that makes its alerts. */
class Evaluator implements MatchSink {
  readonly run: RuleSetRun;
  readonly ruleset: Ruleset;
  readonly #multi: boolean;
  readonly #options: ReplayOptions;
  readonly #compileOpts: OutputOptions;
  readonly #renderers = new Map<CompiledRule, OutputRenderer>();
  readonly #extras = new Map<CompiledRule, ExtraField[]>();
  readonly #cursor: Cursor;
  readonly #merge: { current: LaneMerge<Alert> | undefined };

  constructor(run: RuleSetRun, ruleset: Ruleset, compiled: CompileOutput, bind: FieldBinder, options: ReplayOptions, multi: boolean, cursor: Cursor, merge: { current: LaneMerge<Alert> | undefined }) {
    this.run = run;
    this.ruleset = ruleset;
    this.#multi = multi;
    this.#options = options;
    this.#cursor = cursor;
    this.#merge = merge;
    this.#compileOpts = { registry: run.engine.registry, source: SYSCALL_SOURCE, cache: compiled.cache, bind };
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

const DEFAULT_APPEND_OUTPUT: readonly AppendOutput[] = [{ suggestedOutput: true }];

/**
 * A replay of captures through rules. Construct, check {@link loadResults} (stop if {@link ok} is false),
 * then iterate {@link alerts} once; {@link summary} is set when the iteration ends.
 */
export class Replay {
  readonly options: ReplayOptions;
  /** The one field registry of the run, shared by every rule set and every capture's state engine. */
  readonly registry: FieldRegistry;
  /** Every rule set, in the order given. */
  readonly ruleSets: readonly RuleSetRun[];
  readonly pluginsById = new Map<number, string>();
  #lanes: Lane[] = [];
  #evaluators: Evaluator[] = [];
  #current: Lane | undefined;
  #summary: ReplaySummary | undefined;
  /** The merge of the run in progress (the evaluators' sinks queue alerts on it). */
  readonly #merge: { current: LaneMerge<Alert> | undefined } = { current: undefined };
  readonly #cursor: Cursor;

  constructor(options: ReplayOptions) {
    this.options = options;
    const plugins = options.plugins;
    this.registry = new FieldRegistry(plugins ?? KNOWN_PLUGINS);
    const extraOutputs = extraOutputsOf(options.appendOutput ?? DEFAULT_APPEND_OUTPUT, this.registry);
    const single = options.captures.length === 1;
    const bind: FieldBinder = single ? (f) => this.#lanes[0]?.inspector.bind(f) : (f) => this.#forward(f);
    const inspectorOpts: InspectorOptions = {
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.legacyEnterEvents ? { legacyEnterEvents: true } : {}),
      ...(options.hostname !== undefined ? { hostname: options.hostname } : {}),
      ...(options.zoneSeconds !== undefined ? { zoneSeconds: options.zoneSeconds } : {}),
    };
    const makeInspector = options.inspector ?? ((registry: FieldRegistry, o: InspectorOptions) => new Inspector(registry, o));
    // The inspectors exist before any rule compiles: compiling binds fields to them.
    this.#lanes = options.captures.map((c, i) => new Lane(i, c, makeInspector(this.registry, inspectorOpts)));
    for (const p of this.registry.plugins) if (p.id !== undefined && p.source) this.pluginsById.set(p.id, p.source);

    const specs: readonly RuleSetOptions[] = options.ruleSets ?? [
      {
        rules: options.rules ?? [],
        ...(options.minPriority !== undefined ? { minPriority: options.minPriority } : {}),
        ...(options.selection ? { selection: options.selection } : {}),
        ...(options.matching ? { matching: options.matching } : {}),
      },
    ];
    if (specs.length === 0) throw new Error('a replay needs at least one rule set');
    const multi = specs.length > 1;
    const cursor = { lane: this.#lanes[0], event: undefined } as unknown as Cursor;
    const runs: RuleSetRun[] = [];
    specs.forEach((spec, index) => {
      const engine = new RulesEngine({ registry: this.registry, suggestedOutput: false, extraOutputs, bind });
      const loadResults: LoadResult[] = [];
      // Like Falco, stop at the first file that does not load.
      for (const r of spec.rules) {
        const res = engine.load(r.content, r.name);
        loadResults.push(res);
        if (!res.successful) break;
      }
      const ok = loadResults.length > 0 && loadResults.every((r) => r.successful) && engine.compiled !== undefined;
      const compiled = ok ? engine.compiled : undefined;
      const ruleset = compiled
        ? new Ruleset(compiled, {
            ...(spec.minPriority !== undefined ? { minPriority: spec.minPriority } : {}),
            ...(spec.selection ? { selection: spec.selection } : {}),
            matching: spec.matching ?? 'first',
          })
        : undefined;
      const run: RuleSetRun = { index, name: spec.name ?? (index === 0 ? 'rules' : `rules ${index + 1}`), engine, loadResults, ok, rules: compiled?.rules ?? [], ruleset };
      runs.push(run);
      if (compiled && ruleset) this.#evaluators.push(new Evaluator(run, ruleset, compiled, bind, options, multi, cursor, this.#merge));
    });
    this.ruleSets = runs;
    this.#cursor = cursor;
  }

  /** Every rule set loaded. */
  get ok(): boolean {
    return this.ruleSets.every((r) => r.ok);
  }

  /** The load results of every rule set, in order. */
  get loadResults(): readonly LoadResult[] {
    return this.ruleSets.length === 1 ? (this.ruleSets[0] as RuleSetRun).loadResults : this.ruleSets.flatMap((r) => r.loadResults);
  }

  /** The first rule set's engine. */
  get engine(): RulesEngine {
    return (this.ruleSets[0] as RuleSetRun).engine;
  }

  /** The first rule set's compiled rules (index = rule id), or empty when they did not load. */
  get rules(): readonly CompiledRule[] {
    return (this.ruleSets[0] as RuleSetRun).rules;
  }

  /** The first rule set's ruleset, or undefined when its rules did not load. */
  get ruleset(): Ruleset | undefined {
    return (this.ruleSets[0] as RuleSetRun).ruleset;
  }

  get summary(): ReplaySummary | undefined {
    return this.#summary;
  }

  /** A field bound to every capture's inspector; the lane being processed decides which one answers. */
  #forward(f: Parameters<FieldBinder>[0]): Extractor | undefined {
    const per = this.#lanes.map((l) => l.inspector.bind(f));
    if (per.every((x) => x === undefined)) return undefined;
    return (_ctx: EvalContext, arg) => {
      const lane = this.#current as Lane;
      const x = per[lane.index];
      return x ? x(lane.ctx as EvalContext, arg) : undefined;
    };
  }

  /** The alerts, in timestamp order across captures (file order within one). Iterate once. */
  async *alerts(): AsyncGenerator<Alert, void, undefined> {
    if (!this.ok) throw new Error('rules did not load');
    if (this.#summary) throw new Error('a replay runs once');
    const t0 = performance.now();
    const lanes = this.#lanes;
    const single = lanes.length === 1;
    const evaluators = this.#evaluators;
    const nEval = evaluators.length;
    const merge = new LaneMerge<Alert>(lanes.length);
    this.#merge.current = merge;
    const cursor = this.#cursor;
    const globalCtx = { epoch: 0 };
    let stopped = false;
    const opts = this.options;
    let bytes = 0;
    let totalEvents = 0;
    let totalAlerts = 0;

    const makeHandler = (lane: Lane): ScapHandler => {
      const insp = lane.inspector;
      const sh = insp.stateHandler;
      return {
        ...(sh.section ? { section: sh.section.bind(sh) } : {}),
        ...(sh.machineInfo ? { machineInfo: sh.machineInfo.bind(sh) } : {}),
        ...(sh.iface ? { iface: sh.iface.bind(sh) } : {}),
        ...(sh.user ? { user: sh.user.bind(sh) } : {}),
        ...(sh.group ? { group: sh.group.bind(sh) } : {}),
        ...(sh.thread ? { thread: sh.thread.bind(sh) } : {}),
        ...(sh.fd ? { fd: sh.fd.bind(sh) } : {}),
        diagnostic: (d) => void lane.diagnostics.push(d),
        event: (e: ScapEvent) => {
          if (stopped) return false;
          lane.delivered++;
          if (!single) merge.advance(lane.index, e.tsHi, e.tsLo);
          const laneCtx = insp.next(e);
          if (laneCtx === undefined) return;
          lane.evaluated++;
          const code = e.type;
          let source = SYSCALL_SOURCE;
          if (code === PLUGIN_EVENT) {
            const s = this.pluginsById.get(e.pluginId ?? -1);
            if (s === undefined) return;
            source = s;
          }
          let ctx: EvalContext = laneCtx;
          if (!single) {
            lane.ctx = laneCtx;
            globalCtx.epoch++;
            ctx = globalCtx;
          }
          cursor.lane = lane;
          cursor.event = e;
          for (let k = 0; k < nEval; k++) (evaluators[k] as Evaluator).ruleset.evaluate(ctx, source, code, evaluators[k] as Evaluator);
        },
      };
    };

    // Each lane reads with its own stream reader, parked after every chunk until the scheduler lets it go on.
    const stop = new AbortController();
    stop.signal.addEventListener('abort', () => {
      stopped = true;
    });
    const onAbort = (): void => stop.abort();
    opts.signal?.addEventListener('abort', onAbort);
    if (opts.signal?.aborted) stop.abort();
    const step = (lane: Lane): Promise<void> =>
      new Promise<void>((arrived) => {
        lane.arrived = arrived;
        if (lane.gate) {
          const g = lane.gate;
          lane.gate = undefined;
          g();
        } else if (!lane.running) {
          lane.running = readCaptureStream(countBytes(lane.input.open(), (n) => (bytes += n)), makeHandler(lane), {
            ...lane.inspector.readOptions,
            fileName: lane.input.name,
            signal: stop.signal,
            onChunk: () =>
              new Promise<void>((res) => {
                lane.gate = res;
                lane.arrived?.();
              }),
          }).then(
            (s) => {
              lane.read = s;
              merge.finish(lane.index);
              lane.events = s.events + s.droppedEvents;
              lane.arrived?.();
            },
            (err: unknown) => {
              lane.failure = { error: err };
              merge.finish(lane.index);
              lane.arrived?.();
            },
          );
        }
      });

    const progress = (): void => {
      if (!opts.onProgress) return;
      let ev = 0;
      for (const l of lanes) ev += merge.isDone(l.index) ? l.events : l.delivered;
      opts.onProgress({ bytes, events: ev, alerts: totalAlerts });
    };

    try {
      for (;;) {
        // Advance the unfinished lane that is furthest behind in time.
        const n = merge.next();
        const next = n >= 0 ? lanes[n] : undefined;
        if (next) {
          this.#current = next;
          await step(next);
          if (next.failure) throw next.failure.error;
        }
        // Emit every queued alert no unfinished lane can still precede.
        for (let a = merge.pop(); a !== undefined; a = merge.pop()) {
          totalAlerts++;
          yield a;
        }
        progress();
        if (!next) break;
      }
    } finally {
      this.#current = undefined;
      stop.abort();
      opts.signal?.removeEventListener('abort', onAbort);
      for (const l of lanes) {
        const g = l.gate;
        l.gate = undefined;
        g?.();
      }
      await Promise.all(lanes.map((l) => l.running ?? Promise.resolve()));
      for (const l of lanes) {
        totalEvents += l.events;
      }
      const ruleSets: RuleSetSummary[] = evaluators.map((ev) => ({
        name: ev.run.name,
        alerts: ev.ruleset.matches,
        byRule: ev.ruleset.counts,
        byPriority: [...ev.ruleset.byPriority],
      }));
      const first = ruleSets[0] as RuleSetSummary;
      this.#summary = {
        captures: lanes.map((l) => ({
          name: l.input.name,
          events: l.events,
          evaluated: l.evaluated,
          alerts: l.alerts,
          read: l.read ?? emptyReadSummary(),
          diagnostics: [...l.diagnostics, ...(l.inspector.stateWarnings?.(l.input.name) ?? [])],
          complete: l.read?.complete ?? false,
        })),
        events: totalEvents,
        evaluated: lanes.reduce((n, l) => n + l.evaluated, 0),
        alerts: lanes.reduce((n, l) => n + l.alerts, 0),
        byRule: first.byRule,
        byPriority: first.byPriority,
        ruleSets,
        seconds: (performance.now() - t0) / 1000,
      };
    }
  }
}

const tagCache = new WeakMap<CompiledRule, readonly string[]>();
function sortedTags(r: CompiledRule): readonly string[] {
  let t = tagCache.get(r);
  if (!t) {
    t = Object.freeze([...new Set(r.tags)].sort());
    tagCache.set(r, t);
  }
  return t;
}

/** Count raw bytes as the reader pulls them (progress over compressed files too). */
async function* countBytes(src: ByteSource, add: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of src) {
    add(chunk.length);
    yield chunk;
  }
}
