// Engine imports for tests: the engine's public face plus the internals tests check directly (deep imports
// are for tests only; src/cli uses src/engine/index.ts), and small AST helpers.
import type { Expr } from '../../src/engine/condition/ast.js';

// Field catalogue and the evaluation contract the replay engine implements.
export { EPF, hasFlag } from '../../src/engine/fields/types.js';
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
} from '../../src/engine/fields/types.js';
export type { FieldClass, FieldSpec } from '../../src/engine/fields/define.js';
export { FieldRegistry, type ClassListing, type ResolvedField } from '../../src/engine/fields/registry.js';
export { FieldError } from '../../src/engine/fields/errors.js';
export { CLOUDTRAIL_PLUGIN, CONTAINER_PLUGIN, JSON_PLUGIN, K8SAUDIT_PLUGIN, KNOWN_PLUGINS, SYSCALL_SOURCE, type PluginInfo } from '../../src/engine/fields/classes.js';
export { eventCodesToNames, isUnusedEvent, namesToEventCodes, PPME_ASYNCEVENT_E, PPME_PLUGINEVENT_E } from '../../src/engine/fields/event-names.js';
export { ipEquals, ipInNet, parseIpv4, parseIpv6, type IpNet } from '../../src/engine/fields/values.js';

// Conditions.
export type { Expr } from '../../src/engine/condition/ast.js';
export { exprEquals } from '../../src/engine/condition/ast.js';
export { ConditionSyntaxError, parseCondition, parseFieldOrTransformer, OPERATORS } from '../../src/engine/condition/parser.js';
export { printCanonical, printFalco } from '../../src/engine/condition/printer.js';
export { compileFilter, compileValue, CompileError, CompileMemo, type CompiledFilter, type CompiledValue, type CompileOptions, type CompileWarning, type FieldBinder, type Predicate } from '../../src/engine/condition/compile.js';
export { ExtractionCache, type Getter } from '../../src/engine/condition/cache.js';
export { conditionEventCodes, EventCodeSet } from '../../src/engine/condition/evttypes.js';
export { expandMacros } from '../../src/engine/condition/macros.js';
export { substituteList, substituteLists } from '../../src/engine/condition/lists.js';

// Outputs.
export { OutputFormatError, parseOutputFormat, type OutputField, type OutputFormat, type OutputText, type OutputToken } from '../../src/engine/output/template.js';
export { OutputRenderer, TIME_FIELDS, valueJson, valueShape, valueText, type BufferFormat, type JsonFieldValue, type ValueShape } from '../../src/engine/output/render.js';
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
} from '../../src/engine/output/alert.js';

// Rules files.
export { ENGINE_VERSION, RulesEngine, type RulesEngineOptions } from '../../src/engine/rules/engine.js';
export type { CompiledList, CompiledMacro, CompiledRule, CompileOutput, ExtraOutput } from '../../src/engine/rules/compiler.js';
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
} from '../../src/engine/rules/load-result.js';
export { parsePriority, PRIORITIES, PRIORITY_SHORT, type Priority } from '../../src/engine/rules/items.js';
export { SourceFile } from '../../src/engine/rules/source.js';
export { describeRules, type DescribeOptions } from '../../src/engine/rules/describe.js';

// Evaluation.
export { matchesWildcard, Ruleset, type MatchSink, type RuleMatching, type RuleSelection, type RulesetOptions } from '../../src/engine/ruleset.js';

export { Explainer, ExplainPlan, type ExplainList, type ExplainNode, type FilterCompile } from '../../src/engine/rules/explain.js';

// Replay: captures through rules to an Alert stream.
export { Replay, type AppendOutput, type CaptureInput, type CaptureResult, type ReplayInspector, type ReplayOptions, type ReplayProgress, type ReplaySummary } from '../../src/engine/replay.js';

// State engine: process/fd/user/container state and the per-event evaluation context.
export { EventContext, Inspector } from '../../src/engine/state/inspector.js';
export type { EventSnapshot, FdSnapshot, InspectorOptions, StateProfile, ThreadSnapshot } from '../../src/engine/state/types.js';
export { renderField, renderOutput } from '../../src/engine/output/render.js';
export { currentZoneSeconds, formatValue, type FormatOptions } from '../../src/engine/fields/format.js';
export { hasExtractor } from '../../src/engine/fields/extract/binder.js';

/** Field references (`name[arg]`) of an expression. */
export function walkFields(e: Expr): string[] {
  const out: string[] = [];
  const visit = (n: Expr): void => {
    switch (n.kind) {
      case 'field':
        out.push(n.arg === undefined ? n.field : `${n.field}[${n.arg}]`);
        return;
      case 'and':
      case 'or':
      case 'tlist':
        n.children.forEach(visit);
        return;
      case 'not':
        visit(n.child);
        return;
      case 'unary':
        visit(n.left);
        return;
      case 'binary':
        visit(n.left);
        visit(n.right);
        return;
      case 'transformer':
        n.args.forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(e);
  return out;
}
