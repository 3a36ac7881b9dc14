// What a static comparison needs to know about one loaded rule set: per rule, macro and list the facts Falco's
// `-L` JSON reports (the rules repository's compare checker works on exactly these), plus canonical condition
// texts and the rules' evaluation order. Pure data, so two sides can be compared without their engines.
import type { ExceptionEntry } from '../rules/items.js';
import { parseCondition } from '../condition/parser.js';
import { printCanonical } from '../condition/printer.js';
import { describeRules } from '../rules/describe.js';
import type { RulesEngine } from '../rules/engine.js';

export interface RuleSnapshot {
  readonly name: string;
  readonly source: string;
  /** 0 = Emergency … 7 = Debug. */
  readonly priority: number;
  readonly enabled: boolean;
  /** Sorted, without duplicates. */
  readonly tags: readonly string[];
  readonly description: string;
  /** The condition as written (with appends), in canonical form when it parses. */
  readonly condition: string;
  /** The fully expanded condition (macros, lists and exceptions resolved), canonical. */
  readonly expanded: string;
  /** The output format as written. */
  readonly output: string;
  /** Fields the output prints, as Falco's `-L` JSON lists them. */
  readonly outputFields: readonly string[];
  /** Exception names, sorted. */
  readonly exceptions: readonly string[];
  /** Exception names with their fields, comparison operators and values, one canonical line each. */
  readonly exceptionDetails: readonly string[];
  /** Event types the rule can match, sorted. */
  readonly events: readonly string[];
  /** Macros and lists the condition names directly. */
  readonly macros: readonly string[];
  readonly lists: readonly string[];
}

export interface MacroSnapshot {
  readonly name: string;
  readonly condition: string;
  readonly expanded: string;
  readonly events: readonly string[];
  readonly macros: readonly string[];
  readonly lists: readonly string[];
}

export interface ListSnapshot {
  readonly name: string;
  /** Items as written (references to other lists excluded). */
  readonly items: readonly string[];
  /** Lists this list includes by name. */
  readonly lists: readonly string[];
}

export interface PluginRequirementSnapshot {
  /** The requirement's alternatives, the first one being its main plugin. */
  readonly alternatives: readonly { readonly name: string; readonly version: string }[];
}

export interface RulesSnapshot {
  /** Rules in evaluation order. */
  readonly rules: readonly RuleSnapshot[];
  readonly macros: readonly MacroSnapshot[];
  readonly lists: readonly ListSnapshot[];
  readonly requiredEngineVersion: string;
  readonly requiredPlugins: readonly PluginRequirementSnapshot[];
}

/** The canonical form of a condition text; the text itself when it does not parse. */
export function canonicalCondition(text: string): string {
  try {
    return printCanonical(parseCondition(text));
  } catch {
    return text.trim();
  }
}

function entryText(e: ExceptionEntry): string {
  return e.isList ? `(${e.items.map(entryText).join(', ')})` : JSON.stringify(e.item);
}

interface DescribedRule {
  details: { events: string[]; exception_names: string[]; output_fields: string[]; macros: string[]; lists: string[] };
  info: { name: string; source: string; enabled: boolean; priority: string; tags: string[]; description: string; condition: string; output: string };
}
interface DescribedMacro {
  details: { events: string[]; macros: string[]; lists: string[] };
  info: { name: string; condition: string };
}
interface DescribedList {
  details: { lists: string[] };
  info: { name: string; items: string[] };
}
interface Described {
  rules: DescribedRule[];
  macros: DescribedMacro[];
  lists: DescribedList[];
  required_engine_version: string;
  required_plugin_versions: { name: string; version: string; alternatives: { name: string; version: string }[] }[];
}

/** Snapshot of everything loaded into `engine` (its last successful compile). */
export function snapshotRules(engine: RulesEngine): RulesSnapshot {
  const compiled = engine.compiled;
  if (!compiled) throw new Error('rules must be loaded before comparing them');
  const d = describeRules(engine) as unknown as Described;
  const col = engine.collector;
  const rules = d.rules.map((r, i): RuleSnapshot => {
    const c = compiled.rules[i];
    const info = col.rules.get(r.info.name);
    const exceptionDetails = (info?.exceptions ?? []).map((e) => `${JSON.stringify(e.name)}: fields ${entryText(e.fields)} comps ${entryText(e.comps)} values (${e.values.map(entryText).join(', ')})`);
    return {
      name: r.info.name,
      source: r.info.source,
      priority: c?.priority ?? 7,
      enabled: r.info.enabled,
      tags: [...new Set(r.info.tags)].sort(),
      description: r.info.description,
      condition: canonicalCondition(r.info.condition),
      expanded: c ? printCanonical(c.condition) : '',
      output: r.info.output,
      outputFields: r.details.output_fields,
      exceptions: [...r.details.exception_names].sort(),
      exceptionDetails: exceptionDetails.sort(),
      events: r.details.events,
      macros: r.details.macros,
      lists: r.details.lists,
    };
  });
  const macros = d.macros.map((m): MacroSnapshot => {
    const c = compiled.macros.get(m.info.name);
    return {
      name: m.info.name,
      condition: canonicalCondition(m.info.condition),
      expanded: c ? printCanonical(c.condition) : '',
      events: m.details.events,
      macros: m.details.macros,
      lists: m.details.lists,
    };
  });
  const lists = d.lists.map((l): ListSnapshot => ({ name: l.info.name, items: l.info.items, lists: l.details.lists }));
  return {
    rules,
    macros,
    lists,
    requiredEngineVersion: d.required_engine_version,
    requiredPlugins: d.required_plugin_versions.map((p) => ({ alternatives: [{ name: p.name, version: p.version }, ...p.alternatives] })),
  };
}
