// The replay loop: capture bytes → events → state (one Inspector per capture) → rules → Alert stream.
// Rules are loaded and compiled once; with several captures the compiled fields forward to the inspector of
// the capture whose event is being evaluated, and alerts come out merged in timestamp order.
import type { Diagnostic } from '../common/index.js';
import { emptyReadSummary, PLUGIN_EVENT, readCaptureStream, type ByteSource, type ReadSummary, type ScapEvent, type ScapHandler } from '../scap/index.js';
import type { Extractor, EvalContext } from './fields/types.js';
import type { FieldBinder } from './condition/compile.js';
import { EPF } from './fields/types.js';
import { EVENT_CODE_COUNT } from './fields/event-names.js';
import type { PluginInfo } from './fields/classes.js';
import { FieldRegistry } from './fields/registry.js';
import { RulesEngine } from './rules/engine.js';
import type { CompiledRule, CompileOutput, ExtraOutput } from './rules/compiler.js';
import type { LoadResult } from './rules/load-result.js';
import { Ruleset, type RuleMatching, type RuleSelection } from './ruleset.js';
import { Inspector } from './state/inspector.js';
import type { InspectorOptions, StateProfile } from './state/types.js';
import { parseOutputFormat, type OutputOptions } from './output/template.js';
import { OutputRenderer, type BufferFormat, type JsonFieldValue } from './output/render.js';
import type { Alert } from './output/alert.js';

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

export interface ReplayOptions {
  /** Rules files in load order (name for messages, content). */
  readonly rules: readonly { readonly name: string; readonly content: string }[];
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

export interface ReplaySummary {
  readonly captures: readonly CaptureResult[];
  readonly events: number;
  readonly evaluated: number;
  readonly alerts: number;
  /** Alerts per rule id (rule ids index {@link Replay.rules}). */
  readonly byRule: Uint32Array;
  /** Alerts per priority number (0 Emergency … 7 Debug). */
  readonly byPriority: readonly number[];
  readonly seconds: number;
}

/** The suggested-output text Falco appends for `suggested_output: true`, per source. */
function suggestedFormats(registry: FieldRegistry, source?: string): ExtraOutput[] {
  const out: ExtraOutput[] = [];
  for (const src of registry.sources) {
    if (source !== undefined && src !== source) continue;
    for (const cls of registry.classesFor(src)) {
      for (const f of cls.fields) if (f.flags & EPF.FORMAT_SUGGESTED) out.push({ format: `${f.name.replace(/\./g, '_')}=%${f.name}`, source: src });
    }
  }
  return out;
}

function matches(entry: AppendOutput, r: { name: string; source: string; tags: readonly string[] }): boolean {
  const m = entry.match;
  if (!m) return true;
  if (m.source !== undefined && m.source !== r.source) return false;
  if (m.rule !== undefined && m.rule !== r.name) return false;
  if (m.tags && !m.tags.every((t) => r.tags.includes(t))) return false;
  return true;
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
  readonly queue: { alert: Alert; keyHi: number; keyLo: number }[] = [];
  qHead = 0;
  events = 0;
  /** Events the reader delivered so far (enter events merged by the converter are not delivered). */
  delivered = 0;
  evaluated = 0;
  alerts = 0;
  /** Running maximum of event timestamps (hi/lo words): the lane's merge key. */
  maxHi = 0;
  maxLo = 0;
  done = false;
  read: ReadSummary | undefined;
  failure: unknown;
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

const PRIORITY_COUNT = 8;

/** Compare two (hi, lo) 64-bit keys. */
const cmpKey = (aHi: number, aLo: number, bHi: number, bLo: number): number => (aHi !== bHi ? aHi - bHi : aLo - bLo);

/**
 * A replay of captures through rules. Construct, check {@link loadResults} (stop if {@link ok} is false),
 * then iterate {@link alerts} once; {@link summary} is set when the iteration ends.
 */
export class Replay {
  readonly options: ReplayOptions;
  readonly engine: RulesEngine;
  readonly loadResults: LoadResult[] = [];
  /** Every compiled rule (index = rule id), or empty when the rules did not load. */
  readonly rules: readonly CompiledRule[];
  readonly ruleset: Ruleset | undefined;
  readonly pluginsById = new Map<number, string>();
  #lanes: Lane[] = [];
  #current: Lane | undefined;
  #summary: ReplaySummary | undefined;
  #renderers = new Map<CompiledRule, OutputRenderer>();
  #extras = new Map<CompiledRule, ExtraField[]>();
  #compileOpts: OutputOptions | undefined;

  constructor(options: ReplayOptions) {
    this.options = options;
    const plugins = options.plugins;
    const appendOutput = options.appendOutput ?? [{ suggestedOutput: true }];
    const registry = new FieldRegistry(plugins);
    const extraOutputs: ExtraOutput[] = [];
    for (const entry of appendOutput) {
      const m = entry.match;
      const scope = { ...(m?.source !== undefined ? { source: m.source } : {}), ...(m?.tags ? { tags: m.tags } : {}), ...(m?.rule !== undefined ? { rule: m.rule } : {}) };
      if (entry.extraOutput) extraOutputs.push({ format: entry.extraOutput, ...scope });
      if (entry.suggestedOutput) {
        for (const s of suggestedFormats(registry, m?.source)) extraOutputs.push({ ...scope, format: s.format, ...(s.source !== undefined ? { source: s.source } : {}) });
      }
    }
    const single = options.captures.length === 1;
    const bind: FieldBinder = single ? (f) => this.#lanes[0]?.inspector.bind(f) : (f) => this.#forward(f);
    this.engine = new RulesEngine({ ...(plugins ? { plugins } : {}), suggestedOutput: false, extraOutputs, bind });
    const inspectorOpts: InspectorOptions = {
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.legacyEnterEvents ? { legacyEnterEvents: true } : {}),
      ...(options.hostname !== undefined ? { hostname: options.hostname } : {}),
      ...(options.zoneSeconds !== undefined ? { zoneSeconds: options.zoneSeconds } : {}),
    };
    const makeInspector = options.inspector ?? ((registry: FieldRegistry, o: InspectorOptions) => new Inspector(registry, o));
    this.#lanes = options.captures.map((c, i) => new Lane(i, c, makeInspector(this.engine.registry, inspectorOpts)));
    for (const p of this.engine.registry.plugins) if (p.id !== undefined && p.source) this.pluginsById.set(p.id, p.source);
    // Like Falco, stop at the first file that does not load.
    for (const r of options.rules) {
      const res = this.engine.load(r.content, r.name);
      this.loadResults.push(res);
      if (!res.successful) break;
    }
    const compiled: CompileOutput | undefined = this.ok ? this.engine.compiled : undefined;
    this.rules = compiled?.rules ?? [];
    this.ruleset = compiled
      ? new Ruleset(compiled, {
          ...(options.minPriority !== undefined ? { minPriority: options.minPriority } : {}),
          ...(options.selection ? { selection: options.selection } : {}),
          matching: options.matching ?? 'first',
        })
      : undefined;
    if (compiled) {
      this.#compileOpts = { registry: this.engine.registry, source: 'syscall', cache: compiled.cache, bind };
      if (options.outputFields) this.#prepareExtraFields(appendOutput);
    }
  }

  /** Every rules file loaded (a load error stops at the first failing file, as Falco does). */
  get ok(): boolean {
    return this.loadResults.length > 0 && this.loadResults.every((r) => r.successful) && this.engine.compiled !== undefined;
  }

  get summary(): ReplaySummary | undefined {
    return this.#summary;
  }

  /** A field bound to every capture's inspector; the lane being processed decides which one answers. */
  #forward(f: Parameters<FieldBinder>[0]): Extractor | undefined {
    const per = this.#lanes.map((l) => l.inspector.bind(f) ?? f.def.extract);
    if (per.every((x) => x === undefined)) return undefined;
    return (_ctx: EvalContext, arg) => {
      const lane = this.#current as Lane;
      const x = per[lane.index];
      return x ? x(lane.ctx as EvalContext, arg) : undefined;
    };
  }

  #prepareExtraFields(entries: readonly AppendOutput[]): void {
    const compile = this.#compileOpts as OutputOptions;
    for (const r of this.rules) {
      const list: ExtraField[] = [];
      for (const e of entries) {
        if (!e.extraFields?.length || !matches(e, r)) continue;
        for (const f of e.extraFields) {
          const opts = { ...compile, source: r.source };
          if ('field' in f) {
            const fmt = this.engine.registry.tryResolve(r.source, f.field) ? `%${f.field}` : undefined;
            if (fmt) list.push({ key: f.field, renderer: new OutputRenderer(parseOutputFormat(fmt, opts), opts, this.options.bufferFormat), raw: true });
          } else {
            list.push({ key: f.key, renderer: new OutputRenderer(parseOutputFormat(f.format, opts), opts, this.options.bufferFormat), raw: false });
          }
        }
      }
      if (list.length) this.#extras.set(r, list);
    }
  }

  #renderer(r: CompiledRule): OutputRenderer {
    let x = this.#renderers.get(r);
    if (!x) {
      x = new OutputRenderer(r.output, { ...(this.#compileOpts as OutputOptions), source: r.source }, this.options.bufferFormat);
      this.#renderers.set(r, x);
    }
    return x;
  }

  /** The alerts, in timestamp order across captures (file order within one). Iterate once. */
  async *alerts(): AsyncGenerator<Alert, void, undefined> {
    const ruleset = this.ruleset;
    if (!ruleset) throw new Error('rules did not load');
    if (this.#summary) throw new Error('a replay runs once');
    const t0 = performance.now();
    const lanes = this.#lanes;
    const single = lanes.length === 1;
    const byRule = ruleset.counts;
    const byPriority = new Array<number>(PRIORITY_COUNT).fill(0);
    const globalCtx = { epoch: 0 };
    const counts = ruleset.counts;
    const firstOnly = ruleset.matching === 'first';
    // Candidate rules of syscall events by event code, looked up once.
    const syscallRules: (readonly CompiledRule[] | undefined)[] = [];
    for (let code = 0; code < EVENT_CODE_COUNT; code++) {
      const l = ruleset.candidates('syscall', code);
      syscallRules.push(l.length ? l : undefined);
    }
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
          if (!single && cmpKey(e.tsHi, e.tsLo, lane.maxHi, lane.maxLo) > 0) {
            lane.maxHi = e.tsHi;
            lane.maxLo = e.tsLo;
          }
          const laneCtx = insp.next(e);
          if (laneCtx === undefined) return;
          lane.evaluated++;
          const code = e.type;
          let list: readonly CompiledRule[] | undefined;
          if (code === PLUGIN_EVENT) {
            const s = this.pluginsById.get(e.pluginId ?? -1);
            if (s === undefined) return;
            list = ruleset.candidates(s, code);
          } else {
            list = syscallRules[code];
          }
          // Most event types have no rules at all.
          if (list === undefined || list.length === 0) return;
          let ctx: EvalContext = laneCtx;
          if (!single) {
            lane.ctx = laneCtx;
            globalCtx.epoch++;
            ctx = globalCtx;
          }
          for (let i = 0; i < list.length; i++) {
            const r = list[i] as CompiledRule;
            if (!r.predicate(ctx)) continue;
            counts[r.id] = (counts[r.id] ?? 0) + 1;
            byPriority[r.priority] = (byPriority[r.priority] ?? 0) + 1;
            lane.alerts++;
            lane.queue.push({ alert: this.#alert(lane, r, e, ctx), keyHi: lane.maxHi, keyLo: lane.maxLo });
            if (firstOnly) break;
          }
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
              lane.done = true;
              lane.events = s.events + s.droppedEvents;
              lane.arrived?.();
            },
            (err: unknown) => {
              lane.failure = err;
              lane.done = true;
              lane.arrived?.();
            },
          );
        }
      });

    const progress = (): void => {
      if (!opts.onProgress) return;
      let ev = 0;
      for (const l of lanes) ev += l.done ? l.events : l.delivered;
      opts.onProgress({ bytes, events: ev, alerts: totalAlerts });
    };

    try {
      for (;;) {
        // Advance the unfinished lane that is furthest behind in time.
        let next: Lane | undefined;
        for (const l of lanes) if (!l.done && (!next || cmpKey(l.maxHi, l.maxLo, next.maxHi, next.maxLo) < 0)) next = l;
        if (next) {
          this.#current = next;
          await step(next);
          if (next.failure !== undefined) throw next.failure;
        }
        // Emit every queued alert no unfinished lane can still precede.
        let lowHi = Infinity;
        let lowLo = Infinity;
        let lowLane = Infinity;
        for (const l of lanes) {
          if (l.done) continue;
          if (cmpKey(l.maxHi, l.maxLo, lowHi, lowLo) < 0) {
            lowHi = l.maxHi;
            lowLo = l.maxLo;
            lowLane = l.index;
          }
        }
        for (;;) {
          let best: Lane | undefined;
          for (const l of lanes) {
            if (l.qHead >= l.queue.length) continue;
            const h = l.queue[l.qHead] as { keyHi: number; keyLo: number };
            if (!best) {
              best = l;
              continue;
            }
            const b = best.queue[best.qHead] as { keyHi: number; keyLo: number };
            if (cmpKey(h.keyHi, h.keyLo, b.keyHi, b.keyLo) < 0) best = l;
          }
          if (!best) break;
          const head = best.queue[best.qHead] as { alert: Alert; keyHi: number; keyLo: number };
          if (!single && lowLane !== Infinity) {
            const c = cmpKey(head.keyHi, head.keyLo, lowHi, lowLo);
            if (c > 0 || (c === 0 && best.index > lowLane)) break;
          }
          best.qHead++;
          totalAlerts++;
          yield head.alert;
        }
        for (const l of lanes) {
          if (l.qHead === l.queue.length) {
            l.queue.length = 0;
            l.qHead = 0;
          }
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
      await Promise.all(lanes.map((l) => l.running));
      for (const l of lanes) {
        totalEvents += l.events;
      }
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
        byRule,
        byPriority,
        seconds: (performance.now() - t0) / 1000,
      };
    }
  }

  #alert(lane: Lane, r: CompiledRule, e: ScapEvent, ctx: EvalContext): Alert {
    const ts = e.ts;
    const renderer = this.#renderer(r);
    let outputFields: Record<string, JsonFieldValue> | undefined;
    if (this.options.outputFields) {
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
      ...(outputFields ? { outputFields } : {}),
      ...(this.options.snapshots ? { snapshot: lane.inspector.snapshot() } : {}),
    };
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
