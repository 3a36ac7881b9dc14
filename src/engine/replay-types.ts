// What a replay is given and what it reports: the options of a run, its rule sets and its summaries.
import type { Diagnostic } from '../common/index.js';
import type { ByteSource, ReadSummary, ScapEvent } from '../scap/index.js';
import type { EvalContext } from './fields/types.js';
import type { PluginInfo } from './fields/classes.js';
import type { FieldRegistry } from './fields/registry.js';
import type { RulesEngine } from './rules/engine.js';
import type { CompiledRule } from './rules/compiler.js';
import type { LoadResult } from './rules/load-result.js';
import type { Ruleset, RuleMatching, RuleSelection } from './ruleset.js';
import type { Inspector } from './state/inspector.js';
import type { InspectorOptions, StateProfile } from './state/types.js';
import type { BufferFormat } from './output/render.js';
import type { EventIndex } from './event-index.js';
import type { RuleProfiler } from './profile.js';

/** One capture to replay: a name for messages and its bytes (plain or gzip, sniffed). */
export interface CaptureInput {
  readonly name: string;
  /** Raw chunks as read from the file; called once when the replay starts. */
  readonly open: () => ByteSource;
  /**
   * The file `open` reads (whole, default chunks), when there is one: with `threads` > 1 a worker thread reads,
   * inflates and decodes it instead (same events, same diagnostics).
   */
  readonly path?: string;
}

/** What the replay needs from a state engine (the Inspector's contract). */
export type ReplayInspector = Pick<Inspector, 'stateHandler' | 'readOptions' | 'bind' | 'next' | 'snapshot'> & Partial<Pick<Inspector, 'stateWarnings' | 'checkpoint'>>;

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
  /**
   * Called for every evaluated event that some rule of this set matches, with every rule that matches it as
   * under `rule_matching: all`, in evaluation order (alerts still follow `matching`): how a comparison sees
   * shadowing. `rules` is reused by the next call. Evaluation costs nothing more when not given.
   */
  readonly allMatches?: (capture: number, evtNum: number, ts: bigint, rules: readonly CompiledRule[]) => void;
}

/**
 * One end of a replay window: an instant (ns since the epoch), or a time of day (ns since midnight, at
 * `zoneSeconds`) on the day of the capture's first event.
 */
export type TimeBound = { readonly epochNs: bigint } | { readonly dayNs: bigint };

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
  /**
   * Only events with since <= time < until reach the rules (capture time); state is still rebuilt from the
   * start of each capture, so fields of the first events in the window are complete.
   */
  readonly window?: { readonly since?: TimeBound; readonly until?: TimeBound };
  readonly signal?: AbortSignal;
  /** Stop reading each capture at its first event more than this many nanoseconds of capture time after the earliest event seen (Falco's -M). */
  readonly stopAfterNanos?: number;
  /** The state engine of each capture (default: the Inspector); tests inject simpler ones. */
  readonly inspector?: (registry: FieldRegistry, opts: InspectorOptions) => ReplayInspector;
  /**
   * Record an event index (offsets and state checkpoints) while replaying; one capture only, with an
   * inspector that takes checkpoints (the default). Ignored for several captures.
   */
  readonly index?: EventIndex;
  /**
   * Called for each event read, after the rules saw it, with the context they saw (evaluate explain plans and
   * filters there; the context is only valid during the call), or undefined when the event does not reach the
   * rules (enter events, meta events). Costs nothing when not given.
   */
  readonly onEvent?: (event: ScapEvent, ctx: EvalContext | undefined, source: string) => void;
  /**
   * Keep each capture's clock even when replaying one capture, so {@link Replay.alertClock} can place its alerts
   * in a merge of captures replayed apart (`run --jobs`).
   */
  readonly alertClocks?: boolean;
  /** Profile the first rule set's rules (counts and sampled times); absent, nothing is instrumented. */
  readonly ruleProfiler?: RuleProfiler;
  /** Called after each chunk of input with the totals so far. */
  readonly onProgress?: (p: ReplayProgress) => void;
  /**
   * Threads of the run (default 1: everything on this one). With N > 1, up to N − 1 captures that have a `path`
   * are read, inflated and decoded on worker threads; state and rules stay here, and the output is the same.
   */
  readonly threads?: number;
  /** The pipeline worker's script (default: the compiled one next to src/scap/pipeline.js). */
  readonly pipelineWorker?: URL | string;
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
  /** The number of the last event given to the state engine (0: none): where the replay stopped reading. */
  readonly lastEvent: number;
  /** Events that reached the rules. */
  readonly evaluated: number;
  readonly alerts: number;
  readonly read: ReadSummary;
  /** Read problems (truncation, damage), with file name and byte offset. */
  readonly diagnostics: readonly Diagnostic[];
  /** The whole capture was read. */
  readonly complete: boolean;
  /** Events read per event source (`syscall`, and the source each plugin event's ID routes to); they add up to {@link events} less the unknown plugin IDs' events. */
  readonly eventsBySource: ReadonlyMap<string, number>;
  /** Plugin events whose ID no loaded or registered plugin has, by ID: they reached no rule. */
  readonly unknownPluginEvents: ReadonlyMap<number, number>;
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
  /** Events read per event source over every capture (see {@link CaptureResult.eventsBySource}). */
  readonly eventsBySource: ReadonlyMap<string, number>;
  /** Alerts of the first rule set per source of the rules that fired. */
  readonly alertsBySource: ReadonlyMap<string, number>;
  /** Plugin events of unknown plugin IDs over every capture, by ID. */
  readonly unknownPluginEvents: ReadonlyMap<number, number>;
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
