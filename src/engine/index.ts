// Public face of src/engine. Other layers import only from here.

// Field catalogue and the evaluation contract the replay engine implements.
export { EPF, hasFlag } from './fields/types.js';
export type {
  ArgSyntax,
  EvalContext,
  Extractor,
  FieldArg,
  FieldDef,
  FieldType,
  FieldValue,
  IpValue,
  MultiValueSemantics,
  PrintFormat,
} from './fields/types.js';
export type { FieldClass, FieldSpec } from './fields/define.js';
export { FieldRegistry, type ClassListing, type ResolvedField } from './fields/registry.js';
export { FieldError } from './fields/errors.js';
export { CLOUDTRAIL_PLUGIN, CONTAINER_PLUGIN, JSON_PLUGIN, K8SAUDIT_PLUGIN, KNOWN_PLUGINS, SYSCALL_SOURCE, type PluginInfo } from './fields/classes.js';
export { eventCodesToNames, isUnusedEvent, namesToEventCodes, PPME_ASYNCEVENT_E, PPME_PLUGINEVENT_E } from './fields/event-names.js';
export { ipEquals, ipInNet, parseIpv4, parseIpv6, type IpNet } from './fields/values.js';

// Conditions.
export type { Expr } from './condition/ast.js';
export { exprEquals } from './condition/ast.js';
export { ConditionSyntaxError, parseCondition, parseFieldOrTransformer, OPERATORS } from './condition/parser.js';
export { printCanonical, printFalco } from './condition/printer.js';
export { compileFilter, compileValue, CompileError, CompileMemo, type CompiledFilter, type CompiledValue, type CompileOptions, type CompileWarning, type FieldBinder, type Predicate } from './condition/compile.js';
export { ExtractionCache, type Getter } from './condition/cache.js';
export { conditionEventCodes, EventCodeSet } from './condition/evttypes.js';
export { expandMacros } from './condition/macros.js';
export { substituteList, substituteLists } from './condition/lists.js';

// Outputs.
export { OutputFormatError, parseOutputFormat, type OutputField, type OutputFormat, type OutputText, type OutputToken } from './output/template.js';
export { OutputRenderer, TIME_FIELDS, valueJson, valueShape, valueText, type BufferFormat, type JsonFieldValue, type ValueShape } from './output/render.js';
export {
  alertIsoTime,
  alertJson,
  alertLine,
  alertTimeText,
  escapeAlertText,
  jsonString,
  jsonText,
  type Alert,
  type AlertJsonOptions,
  type AlertTimeOptions,
} from './output/alert.js';

// Rules files.
export { ENGINE_VERSION, RulesEngine, type RulesEngineOptions } from './rules/engine.js';
export type { CompiledList, CompiledMacro, CompiledRule, CompileOutput, ExtraOutput } from './rules/compiler.js';
export {
  codeText,
  DEPRECATED_FIELDS,
  ERROR_CODES,
  exactLocation,
  LoadContext,
  LoadResult,
  WARNING_CODES,
  WARNING_DESCRIPTIONS,
  type ErrorCode,
  type ItemType,
  type LoadItem,
  type Location,
  type WarningCode,
} from './rules/load-result.js';
export { parsePriority, PRIORITIES, PRIORITY_SHORT, type Priority } from './rules/items.js';
export { SourceFile } from './rules/source.js';
export { describeRules, type DescribeOptions } from './rules/describe.js';

// Evaluation.
export { matchesWildcard, Ruleset, type MatchSink, type RuleMatching, type RuleSelection, type RulesetOptions } from './ruleset.js';

// Replay: captures through rules to an Alert stream.
export { Replay, type AppendOutput, type CaptureInput, type CaptureResult, type ReplayInspector, type ReplayOptions, type ReplayProgress, type ReplaySummary, type RuleSetOptions, type RuleSetRun, type RuleSetSummary, type RulesText } from './replay.js';

// State engine: process/fd/user/container state and the per-event evaluation context.
export { EventContext, Inspector } from './state/inspector.js';
export type { EventSnapshot, FdSnapshot, InspectorOptions, StateProfile, ThreadSnapshot } from './state/types.js';
export { renderField, renderOutput } from './output/render.js';
export { currentZoneSeconds, formatValue, type FormatOptions } from './fields/format.js';
export { hasExtractor } from './fields/extract/binder.js';
