// Public face of src/engine: what the other layers (src/cli) use. Tests reach internals through
// test/helpers/engine.ts instead, so this list stays the engine's real surface.

// Rules files: load, report, describe.
export { RulesEngine, type RulesEngineOptions } from './rules/engine.js';
export type { CompiledRule } from './rules/compiler.js';
export { codeText, exactLocation, LoadResult, type LoadItem } from './rules/load-result.js';
export { parsePriority, PRIORITIES, PRIORITY_SHORT } from './rules/items.js';
export { describeRules } from './rules/describe.js';
export { Explainer, ExplainPlan, type ExplainList, type ExplainNode, type FilterCompile } from './rules/explain.js';

// Conditions (filters on the command line).
export { ConditionSyntaxError, parseCondition } from './condition/parser.js';
export { compileFilter, CompileError, type Predicate } from './condition/compile.js';
export { expandMacros } from './condition/macros.js';
export type { Expr } from './condition/ast.js';
export { printCanonical } from './condition/printer.js';
export { substituteLists } from './condition/lists.js';

// Field catalogue and the evaluation contract.
export { EPF } from './fields/types.js';
export type { EvalContext, FieldDef } from './fields/types.js';
export { FieldRegistry, type ClassListing } from './fields/registry.js';
export { KNOWN_PLUGINS, SYSCALL_SOURCE, type PluginInfo } from './fields/classes.js';
export { runtimePluginInfo, type RuntimePlugin, type RuntimePluginField } from './plugins/runtime.js';
export { hasExtractor, isExtracted } from './fields/extract/binder.js';
export { currentZoneSeconds } from './fields/format.js';

// Plugin events: routing by plugin ID, payload extraction, and the JSON reader the plugins' semantics need.
export {
  BUILTIN_EXTRACTOR_PLUGINS,
  jsonMarshal,
  jsonPath,
  jsonStringOf,
  parseJson,
  PLUGIN_PAYLOAD_MAX,
  REGISTERED_PLUGINS,
  routePluginEvent,
  type JsonValue,
  type PluginExtractorSource,
  type PluginRoute,
  type RegisteredPlugin,
} from './plugins/index.js';

// Outputs and alerts.
export { OutputFormatError, parseOutputFormat, type OutputFormat } from './output/template.js';
export { renderField, renderOutput } from './output/render.js';
export { alertJson, alertLine, escapeAlertText, type Alert, type AlertJsonOptions } from './output/alert.js';

// Evaluation and replay: captures through rules to an Alert stream.
export type { RuleMatching, RuleSelection } from './ruleset.js';
export { matchesWildcard } from './ruleset.js';
export { DEFAULT_SAMPLE_EVERY, RuleProfiler, type ProfileCheck, type ProfileEventType, type ProfileMacro, type ProfileRule, type RuleProfile } from './profile.js';
export { Replay, type AppendOutput, type CaptureInput, type ReplayProgress, type ReplaySummary, type CaptureResult, type RuleSetOptions, type RuleSetRun, type RulesText, type RuleSetSummary, type TimeBound } from './replay.js';

// State engine (events -p, inspect).
export { Inspector, type StateCheckpoint } from './state/inspector.js';
export { F_DUPFD, F_DUPFD_CLOEXEC } from './state/parsers/core.js';
export { fdTypeString, l4Name } from './state/fdinfo.js';

// The event index: re-read any event of a replayed capture with its state (TUI, explain).
export { EventIndex, CHECKPOINT_EVERY, INDEX_READ_CODES, OFFSET_EVERY, type BuildOptions, type EventVisitor, type IndexSource } from './event-index.js';

// Diff: static changes between two rule sets, alert diffs, baselines.
export { canonicalCondition, snapshotRules, type ListSnapshot, type MacroSnapshot, type PluginRequirementSnapshot, type RuleSnapshot, type RulesSnapshot } from './diff/snapshot.js';
export { CHANGE_LEVELS, countLevels, FINDING_LEVELS, staticChanges, type ChangeLevel, type FieldChange, type Finding, type FindingCode, type ItemKind, type StaticChange } from './diff/static.js';
export { compareText } from './diff/order.js';
export { evaluateOnePass, SideLoadError, type CommonReplayOptions, type OnePassOptions, type OnePassResult, type SideOutcome, type SideSpec } from './diff/evaluate.js';
export {
  diffAlerts,
  diffExitCode,
  DIFF_REPORT_SCHEMA_VERSION,
  FAIL_ON_VALUES,
  parseFailOn,
  toDiffAlert,
  toStaticJson,
  type AlertDiffInput,
  type AlertEntry,
  type AlertVersion,
  type CaptureRow,
  type ChangedEntry,
  type DiffAlert,
  type DiffReport,
  type DiffSide,
  type EventMatches,
  type FailOn,
  type Presence,
  type PriorityRow,
  type RuleRow,
  type ShadowedEntry,
  type StaticChangeJson,
  type Totals,
} from './diff/alerts.js';
export {
  BASELINE_LIMITS,
  BASELINE_VERSION,
  baselineAlerts,
  baselineFileName,
  BaselineError,
  baselineText,
  changedRulesFiles,
  checkBaselineCapture,
  compareBaselines,
  makeBaseline,
  parseBaseline,
  sha256Hex,
  type Baseline,
  type BaselineAlert,
} from './diff/baseline.js';
