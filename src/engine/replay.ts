// The replay loop: capture bytes → events → state (one Inspector per capture) → rules → Alert stream.
// The field registry and outputs are built once per run. Each rule set (usually one; a comparison runs two) is
// loaded and compiled once into an evaluator: its Ruleset (selection, rule_matching, counters) and the sink
// that turns its matches into alerts. Every event is decoded and its state updated once, then evaluated by
// every rule set. With several captures the compiled fields forward to the inspector of the capture whose
// event is being evaluated, and alerts come out merged in timestamp order (LaneMerge).
import { ASYNC_EVENT, emptyReadSummary, PLUGIN_EVENT, readCapturePipelined, readCaptureStream, type ByteSource, type ScapDecoder, type ScapEvent, type ScapHandler } from '../scap/index.js';
import type { EventIndex } from './event-index.js';
import type { Extractor, EvalContext } from './fields/types.js';
import type { FieldBinder } from './condition/compile.js';
import { KNOWN_PLUGINS, SYSCALL_SOURCE } from './fields/classes.js';
import { FieldRegistry } from './fields/registry.js';
import { currentZoneSeconds } from './fields/format.js';
import { RulesEngine } from './rules/engine.js';
import type { CompiledRule } from './rules/compiler.js';
import type { LoadResult } from './rules/load-result.js';
import { ConditionMemo, Ruleset } from './ruleset.js';
import { printCanonical } from './condition/printer.js';
import { Inspector } from './state/inspector.js';
import { Explainer } from './rules/explain.js';
import type { InspectorOptions } from './state/types.js';
import type { Alert } from './output/alert.js';
import { LaneMerge } from './replay-merge.js';
import { routePluginEvent, type PluginRoute, type RegisteredPlugin } from './plugins/index.js';
import { DEFAULT_APPEND_OUTPUT, Evaluator, extraOutputsOf, Lane, type Cursor } from './replay-evaluator.js';
import type { ReplayOptions, ReplaySummary, RuleSetOptions, RuleSetRun, RuleSetSummary, TimeBound } from './replay-types.js';

export type {
  AppendOutput,
  CaptureInput,
  CaptureResult,
  ReplayInspector,
  ReplayOptions,
  ReplayProgress,
  ReplaySummary,
  RuleSetOptions,
  RuleSetRun,
  RuleSetSummary,
  RulesText,
  TimeBound,
} from './replay-types.js';

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
  /** The loaded source plugins: they route plugin events before the plugin registry does. */
  readonly #loadedPlugins: RegisteredPlugin[] = [];
  readonly #routes = new Map<number, PluginRoute>();
  #lanes: Lane[] = [];
  #evaluators: Evaluator[] = [];
  #current: Lane | undefined;
  #summary: ReplaySummary | undefined;
  /** The merge of the run in progress (the evaluators' sinks queue alerts on it). */
  readonly #merge: { current: LaneMerge<Alert> | undefined } = { current: undefined };
  readonly #cursor: Cursor;
  #memo: ConditionMemo | undefined;
  readonly #bind: FieldBinder;
  #explainer: Explainer | undefined;
  #clockHi = 0;
  #clockLo = 0;

  constructor(options: ReplayOptions) {
    this.options = options;
    const plugins = options.plugins;
    this.registry = new FieldRegistry(plugins ?? KNOWN_PLUGINS);
    const extraOutputs = extraOutputsOf(options.appendOutput ?? DEFAULT_APPEND_OUTPUT, this.registry);
    const single = options.captures.length === 1;
    const bind: FieldBinder = single ? (f) => this.#lanes[0]?.inspector.bind(f) : (f) => this.#forward(f);
    this.#bind = bind;
    const inspectorOpts: InspectorOptions = {
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.legacyEnterEvents ? { legacyEnterEvents: true } : {}),
      ...(options.hostname !== undefined ? { hostname: options.hostname } : {}),
      ...(options.zoneSeconds !== undefined ? { zoneSeconds: options.zoneSeconds } : {}),
    };
    const makeInspector = options.inspector ?? ((registry: FieldRegistry, o: InspectorOptions) => new Inspector(registry, o));
    // The inspectors exist before any rule compiles: compiling binds fields to them.
    this.#lanes = options.captures.map((c, i) => new Lane(i, c, makeInspector(this.registry, { ...inspectorOpts, captureFile: c.name })));
    for (const p of this.registry.plugins) if (p.id !== undefined && p.source) this.#loadedPlugins.push({ id: p.id, name: p.name, source: p.source });

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
      const profiler = index === 0 ? options.ruleProfiler : undefined;
      const engine = new RulesEngine({ registry: this.registry, suggestedOutput: false, extraOutputs, bind, ...(profiler ? { instrument: profiler.instrument } : {}), ...(options.profile === 'sysdig-0.29.3' ? { libsinsp2022: true } : {}) });
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
      if (profiler && ruleset) profiler.attach(ruleset);
      if (compiled && ruleset) this.#evaluators.push(new Evaluator(run, spec, ruleset, compiled, bind, options, multi, cursor, this.#merge));
    });
    this.ruleSets = runs;
    this.#cursor = cursor;
    // Several rule sets usually share most rules (two versions of one set): each distinct condition is
    // evaluated once per event, whichever set asks first.
    if (this.#evaluators.length > 1) {
      const memo = new ConditionMemo();
      for (const ev of this.#evaluators) ev.ruleset.useMemo(memo, (r) => `${r.source}\u0000${printCanonical(r.condition)}`);
      memo.seal();
      this.#memo = memo;
    }
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

  /**
   * Explain plans and filter expressions over the first rule set's lists and macros, bound to this run's state
   * (evaluate them in {@link ReplayOptions.onEvent}); undefined when the rules did not load.
   */
  explainer(): Explainer | undefined {
    const run = this.ruleSets[0] as RuleSetRun;
    const compiled = run.ok ? run.engine.compiled : undefined;
    if (!compiled) return undefined;
    this.#explainer ??= new Explainer({ registry: this.registry, compiled, bind: this.#bind, macroText: (name) => run.engine.collector.macros.get(name)?.cond.text });
    return this.#explainer;
  }

  /**
   * The merge key of the alert yielded last: its capture's clock (the latest event time read in that capture)
   * when it fired. Alerts of several captures sorted by (key, capture order), each capture's in its own order,
   * come out as one replay over all of them yields them. Kept for one capture with `alertClocks`.
   */
  get alertClock(): bigint {
    return (BigInt(this.#clockHi >>> 0) << 32n) | BigInt(this.#clockLo >>> 0);
  }

  get summary(): ReplaySummary | undefined {
    return this.#summary;
  }

  /** Where plugin ID `id` routes (cached; the cache is capped, as IDs come from the capture). */
  #route(id: number): PluginRoute {
    let r = this.#routes.get(id);
    if (!r) {
      r = routePluginEvent(id, this.#loadedPlugins);
      if (this.#routes.size < 4096) this.#routes.set(id, r);
    }
    return r;
  }

  /** Turn the window's bounds into this lane's capture time; times of day count from the first event's day. */
  #resolveWindow(lane: Lane, first: ScapEvent): void {
    lane.windowResolved = true;
    const w = this.options.window;
    const DAY = 86_400_000_000_000n;
    const zone = BigInt(this.options.zoneSeconds ?? currentZoneSeconds()) * 1_000_000_000n;
    const local = first.ts + zone;
    const midnight = local - (((local % DAY) + DAY) % DAY) - zone;
    const at = (b: TimeBound | undefined): [number, number] | undefined => {
      if (!b) return undefined;
      let ns = 'epochNs' in b ? b.epochNs : midnight + b.dayNs;
      if (ns < 0n) ns = 0n;
      return [Number(ns >> 32n), Number(ns & 0xffffffffn)];
    };
    lane.since = at(w?.since);
    lane.until = at(w?.until);
  }

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
    const clocks = !single || this.options.alertClocks === true;
    const evaluators = this.#evaluators;
    const nEval = evaluators.length;
    const merge = new LaneMerge<Alert>(lanes.length);
    this.#merge.current = merge;
    const cursor = this.#cursor;
    const memo = this.#memo;
    const globalCtx = { epoch: 0 };
    let stopped = false;
    const opts = this.options;
    let bytes = 0;
    let totalEvents = 0;
    let totalAlerts = 0;
    const limit = opts.stopAfterNanos;
    let t0Hi = -1;
    let t0Lo = 0;
    const window = opts.window && (opts.window.since || opts.window.until) ? opts.window : undefined;
    const index = single ? opts.index : undefined;
    // Lanes read on worker threads (the first N − 1; the others read here, with the same result). An event
    // index needs the reader's restart points, so an indexed replay reads on this thread.
    const pipelined = index ? 0 : Math.max(0, Math.floor(opts.threads ?? 1) - 1);
    const onEvent = opts.onEvent;
    const makeHandler = (lane: Lane): ScapHandler => {
      const insp = lane.inspector;
      const sh = insp.stateHandler;
      const checkpoints = index && insp.checkpoint ? (insp as Pick<Inspector, 'checkpoint'>) : undefined;
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
          if (limit !== undefined) {
            if (t0Hi < 0 || e.tsHi < t0Hi || (e.tsHi === t0Hi && e.tsLo < t0Lo)) {
              t0Hi = e.tsHi;
              t0Lo = e.tsLo;
            } else if ((e.tsHi - t0Hi) * 4294967296 + (e.tsLo - t0Lo) > limit) {
              lane.timeLimited = true;
              return false;
            }
          }
          lane.delivered++;
          lane.lastEvent = e.num;
          if (clocks) merge.advance(lane.index, e.tsHi, e.tsLo);
          const laneCtx = insp.next(e);
          if (checkpoints) (index as EventIndex).event(e, checkpoints);
          // Routing by plugin ID (libsinsp: async events with ID 0 are of the syscall source); an unknown ID
          // reaches no rule and is counted, as is every event per source.
          const code = e.type;
          let source = SYSCALL_SOURCE;
          if (code === PLUGIN_EVENT || code === ASYNC_EVENT) {
            const id = e.pluginId ?? 0;
            if (id !== 0 || code === PLUGIN_EVENT) {
              const r = this.#route(id);
              lane.pluginEvents.add(r);
              if (r.kind === 'unknown') {
                if (onEvent) onEvent(e, undefined, SYSCALL_SOURCE);
                return;
              }
              source = r.source;
            }
          }
          if (laneCtx === undefined) {
            if (onEvent) onEvent(e, undefined, source);
            return;
          }
          if (window) {
            if (!lane.windowResolved) {
              // Meta events written with time 0 do not define the capture's day.
              if (e.tsHi === 0 && e.tsLo === 0) return;
              this.#resolveWindow(lane, e);
            }
            if (lane.since && (e.tsHi < lane.since[0] || (e.tsHi === lane.since[0] && e.tsLo < lane.since[1]))) return;
            if (lane.until && (e.tsHi > lane.until[0] || (e.tsHi === lane.until[0] && e.tsLo >= lane.until[1]))) return;
          }
          lane.evaluated++;
          let ctx: EvalContext = laneCtx;
          if (!single) {
            lane.ctx = laneCtx;
            globalCtx.epoch++;
            ctx = globalCtx;
          }
          cursor.lane = lane;
          cursor.event = e;
          if (memo) memo.now++;
          const before = lane.alerts;
          for (let k = 0; k < nEval; k++) {
            const ev = evaluators[k] as Evaluator;
            if (ev.all === undefined) ev.ruleset.evaluate(ctx, source, code, ev);
            else ev.ruleset.evaluateAll(ctx, source, code, ev, ev.all);
          }
          if (index && lane.alerts !== before) index.alert(e);
          if (onEvent) onEvent(e, ctx, source);
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
          const readOptions = {
            ...lane.inspector.readOptions,
            fileName: lane.input.name,
            signal: stop.signal,
            ...(index ? { onStart: (d: ScapDecoder) => index.attach(d) } : {}),
            onChunk: () =>
              new Promise<void>((res) => {
                lane.gate = res;
                lane.arrived?.();
              }),
          };
          const path = lane.index < pipelined ? lane.input.path : undefined;
          lane.running = (
            path !== undefined
              ? readCapturePipelined(path, makeHandler(lane), { ...readOptions, onBytes: (n) => (bytes += n), ...(opts.pipelineWorker ? { worker: opts.pipelineWorker } : {}) })
              : readCaptureStream(countBytes(lane.input.open(), (n) => (bytes += n)), makeHandler(lane), readOptions)
          ).then(
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
          this.#clockHi = merge.poppedHi;
          this.#clockLo = merge.poppedLo;
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
      const add = <K>(m: Map<K, number>, k: K, n: number): void => void (n > 0 && m.set(k, (m.get(k) ?? 0) + n));
      const eventsBySource = new Map<string, number>();
      const unknownPluginEvents = new Map<number, number>();
      const perLane = lanes.map((l) => {
        // Every event read that no plugin ID routed is of the syscall source (enter events merged by the
        // converter included), so the sources add up to the events read.
        const bySource = new Map<string, number>();
        let plugin = l.pluginEvents.unknown;
        for (const n of l.pluginEvents.bySource.values()) plugin += n;
        add(bySource, SYSCALL_SOURCE, l.events - plugin);
        for (const [s, n] of l.pluginEvents.bySource) add(bySource, s, n);
        for (const [s, n] of bySource) add(eventsBySource, s, n);
        for (const [id, n] of l.pluginEvents.unknownIds) add(unknownPluginEvents, id, n);
        return bySource;
      });
      const alertsBySource = new Map<string, number>();
      for (const r of this.rules) add(alertsBySource, r.source, first.byRule[r.id] ?? 0);
      this.#summary = {
        captures: lanes.map((l, i) => ({
          name: l.input.name,
          events: l.events,
          lastEvent: l.lastEvent,
          evaluated: l.evaluated,
          alerts: l.alerts,
          read: l.read ?? emptyReadSummary(),
          diagnostics: [...l.diagnostics, ...(l.inspector.stateWarnings?.(l.input.name) ?? [])],
          complete: l.timeLimited || (l.read?.complete ?? false),
          eventsBySource: perLane[i] as Map<string, number>,
          unknownPluginEvents: l.pluginEvents.unknownIds,
        })),
        events: totalEvents,
        evaluated: lanes.reduce((n, l) => n + l.evaluated, 0),
        alerts: lanes.reduce((n, l) => n + l.alerts, 0),
        byRule: first.byRule,
        byPriority: first.byPriority,
        ruleSets,
        seconds: (performance.now() - t0) / 1000,
        eventsBySource,
        alertsBySource,
        unknownPluginEvents,
      };
    }
  }
}

/** Count raw bytes as the reader pulls them (progress over compressed files too). */
async function* countBytes(src: ByteSource, add: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of src) {
    add(chunk.length);
    yield chunk;
  }
}
