// What `falco -L -o json_output=true` reports about loaded rules, macros and lists (Falco's describe JSON):
// per rule its event types, fields, operators, macros, lists, exceptions, plugins and compiled forms.
import type { Expr } from '../condition/ast.js';
import { conditionEventCodes } from '../condition/evttypes.js';
import { parseCondition } from '../condition/parser.js';
import { printFalco } from '../condition/printer.js';
import { SYSCALL_SOURCE } from '../fields/classes.js';
import { eventCodesToNames, PPME_ASYNCEVENT_E, PPME_PLUGINEVENT_E } from '../fields/event-names.js';
import { EventCodeSet } from '../condition/evttypes.js';
import type { RulesEngine } from './engine.js';
import { PRIORITIES, versionString } from './items.js';
import type { CompiledRule } from './compiler.js';

export interface DescribeOptions {
  /** Describe this rule only (Falco's `-l NAME`); throws when it is not loaded. */
  readonly rule?: string;
}

interface Details {
  macros: Set<string>;
  lists: Set<string>;
  operators: Set<string>;
  fields: Set<string>;
  evtnames: Set<string>;
}

/** Falco's filter_details_resolver: names used by a condition, given the known macros and lists. */
function details(expr: Expr, knownMacros: ReadonlySet<string>, knownLists: ReadonlySet<string>): Details {
  const d: Details = { macros: new Set(), lists: new Set(), operators: new Set(), fields: new Set(), evtnames: new Set() };
  const fieldName = (e: Expr): string | undefined => {
    if (e.kind === 'field') return e.arg ? `${e.field}[${e.arg}]` : e.field;
    return undefined;
  };
  const visit = (e: Expr, expectList: boolean, expectEvt: boolean): string | undefined => {
    switch (e.kind) {
      case 'and':
      case 'or':
        for (const c of e.children) visit(c, false, false);
        return undefined;
      case 'not':
        visit(e.child, false, false);
        return undefined;
      case 'identifier':
        if (knownMacros.has(e.name)) d.macros.add(e.name);
        return undefined;
      case 'list':
        if (expectList) for (const v of e.values) if (knownLists.has(v)) d.lists.add(v);
        if (expectEvt) for (const v of e.values) if (!knownLists.has(v)) d.evtnames.add(v);
        return undefined;
      case 'value':
        if (expectEvt) d.evtnames.add(e.value);
        return undefined;
      case 'field': {
        const n = fieldName(e) as string;
        d.fields.add(n);
        return n;
      }
      case 'transformer': {
        let last: string | undefined;
        for (const c of e.args) last = visit(c, false, false) ?? last;
        return last;
      }
      case 'tlist': {
        let last: string | undefined;
        for (const c of e.children) last = visit(c, false, false) ?? last;
        return last;
      }
      case 'unary': {
        visit(e.left, false, false);
        d.operators.add(e.op);
        return undefined;
      }
      case 'binary': {
        const left = visit(e.left, false, false);
        d.operators.add(e.op);
        visit(e.right, true, left === 'evt.type' || left === 'evt.asynctype');
        return undefined;
      }
    }
  };
  visit(expr, false, false);
  return d;
}

const sorted = (s: Iterable<string>): string[] => [...s].sort();

/** Event names for a condition's event codes (syscall source), with async events, as Falco lists them. */
function eventNames(expr: Expr, engine: RulesEngine, source: string): string[] {
  if (source !== '' && source !== SYSCALL_SOURCE) return sorted(eventCodesToNames([PPME_PLUGINEVENT_E, PPME_ASYNCEVENT_E]));
  let codes: EventCodeSet;
  try {
    codes = conditionEventCodes(expr, engine.registry.asyncEventNames);
  } catch {
    codes = EventCodeSet.all();
  }
  return sorted(eventCodesToNames([...codes.codes(), PPME_ASYNCEVENT_E]));
}

function usedPlugins(engine: RulesEngine, source: string, evtnames: ReadonlySet<string>, fields: Iterable<string>): string[] {
  const names = new Set([...fields].map((f) => f.split('[')[0] as string));
  const used = new Set<string>();
  for (const p of engine.registry.plugins) {
    if (p.source !== undefined && p.source === source) {
      used.add(p.name);
      continue;
    }
    const compatible = p.extractSources.length === 0 || p.extractSources.includes(source);
    if (compatible && p.fields.fields.some((f) => names.has(f.name))) {
      used.add(p.name);
      continue;
    }
    if (p.asyncEvents.some((n) => evtnames.has(n)) && (source === SYSCALL_SOURCE || source === '')) used.add(p.name);
  }
  return sorted(used);
}

function safeParse(text: string): Expr | undefined {
  try {
    return parseCondition(text);
  } catch {
    return undefined;
  }
}

/** Falco's describe JSON for everything loaded into `engine` (or one rule). */
export function describeRules(engine: RulesEngine, opts: DescribeOptions = {}): Record<string, unknown> {
  const compiled = engine.compiled;
  if (!compiled) throw new Error('rules must be loaded before describing them');
  const col = engine.collector;
  const knownMacros = new Set(col.macros.keys());
  const knownLists = new Set(col.lists.keys());

  const ruleJson = (r: CompiledRule): Record<string, unknown> => {
    const info = col.rules.get(r.name);
    const raw = info ? safeParse(info.cond.text) : undefined;
    const rd = raw ? details(raw, knownMacros, knownLists) : details({ kind: 'identifier', name: '', offset: 0 }, knownMacros, knownLists);
    const cd = details(r.condition, knownMacros, knownLists);
    const outputFields = [...r.output.fieldNames];
    const exceptionNames = new Set<string>();
    const exceptionOps = new Set<string>();
    for (const e of info?.exceptions ?? []) {
      exceptionNames.add(e.name);
      if (e.comps.isList) for (const c of e.comps.items) for (const i of c.isList ? c.items.map((x) => x.item) : [c.item]) exceptionOps.add(i);
      else exceptionOps.add(e.comps.item);
    }
    return {
      details: {
        condition_compiled: printFalco(r.condition),
        condition_fields: sorted(cd.fields),
        condition_operators: sorted(cd.operators),
        events: eventNames(r.condition, engine, r.source),
        exception_fields: [...r.exceptionFields],
        exception_names: sorted(exceptionNames),
        exception_operators: sorted(exceptionOps),
        lists: sorted(rd.lists),
        macros: sorted(rd.macros),
        output_compiled: r.output.format,
        output_fields: outputFields,
        plugins: usedPlugins(engine, r.source, cd.evtnames, [...cd.fields, ...outputFields]),
      },
      info: {
        capture: r.capture,
        capture_duration: r.captureDuration,
        condition: info?.cond.text ?? r.conditionText,
        description: r.description,
        enabled: info?.enabled ?? r.enabled,
        name: r.name,
        output: info?.output.text ?? r.output.format,
        priority: PRIORITIES[r.priority],
        source: r.source,
        tags: [...r.tags],
      },
    };
  };

  if (opts.rule !== undefined) {
    const r = compiled.rules.find((x) => x.name === opts.rule);
    if (!r) throw new Error(`Rule "${opts.rule}" is not loaded`);
    return { rules: [ruleJson(r)] };
  }

  const macros = [...compiled.macros.values()].map((m) => {
    const info = col.macros.get(m.name);
    const raw = info ? safeParse(info.cond.text) : undefined;
    const rd = raw ? details(raw, knownMacros, knownLists) : undefined;
    const cd = details(m.condition, knownMacros, knownLists);
    return {
      details: {
        condition_compiled: printFalco(m.condition),
        condition_fields: sorted(cd.fields),
        condition_operators: sorted(cd.operators),
        events: eventNames(m.condition, engine, ''),
        lists: sorted(rd?.lists ?? []),
        macros: sorted(rd?.macros ?? []),
        plugins: [],
        used: m.used,
      },
      info: { condition: info?.cond.text ?? '', name: m.name },
    };
  });

  const lists = [...compiled.lists.values()].map((l) => {
    const info = col.lists.get(l.name);
    const items: string[] = [];
    const refs = new Set<string>();
    for (const i of info?.items ?? []) {
      if (!l.items.includes(i)) refs.add(i);
      else items.push(i);
    }
    return { details: { items_compiled: [...l.items], lists: sorted(refs), plugins: [], used: l.used }, info: { items, name: l.name } };
  });

  return {
    lists,
    macros,
    required_engine_version: versionString(col.requiredEngineVersion),
    required_plugin_versions: col.requiredPlugins.map((req) => {
      const [first, ...rest] = req.alternatives;
      return { alternatives: rest.map((a) => ({ name: a.name, version: a.version })), name: first?.name ?? '', version: first?.version ?? '' };
    }),
    rules: compiled.rules.map(ruleJson),
  };
}
