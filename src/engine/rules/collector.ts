// The collector keeps the accumulated definitions of every file loaded so far: definitions replace earlier
// ones but keep their first position, updates change existing objects (docs/rules-language.md#updates-and-order).
import { FalcoReplayError } from '../../common/index.js';
import { compileFilter } from '../condition/compile.js';
import { parseCondition } from '../condition/parser.js';
import type { FieldRegistry } from '../fields/registry.js';
import {
  entryIsValid,
  type ExceptionInfo,
  type ListInfo,
  type MacroInfo,
  type PluginRequirement,
  type RuleInfo,
  type RuleUpdate,
  updateHasAnyValue,
  compareVersions,
  parseVersion,
  versionCompatible,
  versionString,
  type Version,
} from './items.js';
import type { LoadContext } from './load-result.js';
import { OPERATORS, MODIFIABLE_OPERATORS, MODIFIERS } from '../condition/parser.js';
import { MappedText } from './source.js';

/** An error raised while reading or collecting; the loader turns it into a load result error. */
export class LoadError extends FalcoReplayError {
  override readonly name = 'LoadError';
  override readonly code: 'LOAD_ERR_YAML_VALIDATE' | 'LOAD_ERR_VALIDATE' | 'LOAD_ERR_COMPILE_CONDITION' | 'LOAD_ERR_COMPILE_OUTPUT';
  readonly ctx: LoadContext;
  constructor(code: LoadError['code'], message: string, ctx: LoadContext) {
    super(message);
    this.code = code;
    this.ctx = ctx;
  }
}

const fail = (message: string, ctx: LoadContext): never => {
  throw new LoadError('LOAD_ERR_VALIDATE', message, ctx);
};

/** A string operator followed by a modifier (`startswith oneof`). */
export function isOperatorWithModifier(op: string): boolean {
  const parts = op.split(' ');
  return parts.length === 2 && MODIFIABLE_OPERATORS.includes(parts[0] as string) && MODIFIERS.includes(parts[1] as string);
}

function normalizeComp(s: string): string {
  return s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/** Falco's check that an exception field is a usable left-hand side for the source. */
export function isValidLhsField(registry: FieldRegistry, source: string, field: string): boolean {
  if (field.includes('(')) {
    try {
      compileFilter(parseCondition(`${field} exists`), { registry, source });
      return true;
    } catch {
      return false;
    }
  }
  return registry.tryResolve(source, field) !== undefined;
}

/** The names of the lists, macros and rules defined or changed since the compiler last asked. */
export interface CollectorChanges {
  readonly lists: Set<string>;
  readonly macros: Set<string>;
  readonly rules: Set<string>;
}

export class Collector {
  readonly lists = new Map<string, ListInfo>();
  readonly macros = new Map<string, MacroInfo>();
  readonly rules = new Map<string, RuleInfo>();
  readonly requiredPlugins: PluginRequirement[] = [];
  requiredEngineVersion: Version = { major: 0, minor: 0, patch: 0 };
  #seq = 0;
  #changes: CollectorChanges = { lists: new Set(), macros: new Set(), rules: new Set() };

  constructor(
    readonly registry: FieldRegistry,
    readonly engineVersion: Version,
  ) {}

  defineEngineVersion(v: Version, ctx: LoadContext): void {
    if (!versionCompatible(this.engineVersion, v)) {
      fail(`Rules require engine version ${versionString(v)}, but engine version is ${versionString(this.engineVersion)}`, ctx);
    }
    if (compareVersions(this.requiredEngineVersion, v) < 0) this.requiredEngineVersion = v;
  }

  definePluginRequirement(req: PluginRequirement): void {
    const names = new Set<string>();
    for (const alt of req.alternatives) {
      if (!parseVersion(alt.version)) fail(`Invalid required version '${alt.version}' for plugin '${alt.name}'`, req.ctx);
      if (names.has(alt.name)) fail(`Defined multiple alternative version requirements for plugin '${alt.name}'`, req.ctx);
      names.add(alt.name);
    }
    this.requiredPlugins.push(req);
  }

  /** What changed since the last call (a change is recorded before it is made: a failed update may be partial). */
  takeChanges(): CollectorChanges {
    const out = this.#changes;
    this.#changes = { lists: new Set(), macros: new Set(), rules: new Set() };
    return out;
  }

  #define<T extends { name: string; index: number; visibility: number }>(map: Map<string, T>, info: T): void {
    const id = this.#seq++;
    const prev = map.get(info.name);
    info.index = prev ? prev.index : id;
    info.visibility = id;
    map.set(info.name, info);
  }

  defineList(info: ListInfo): void {
    this.#changes.lists.add(info.name);
    this.#define(this.lists, info);
  }

  appendList(info: ListInfo): void {
    const prev = this.lists.get(info.name);
    if (!prev) return fail("List uses 'append' or 'override.items: append' but no list by that name already exists", info.ctx);
    this.#changes.lists.add(info.name);
    // A loop, not push(...items): a list of a few hundred thousand items would overflow the stack.
    for (const item of info.items) prev.items.push(item);
    prev.visibility = this.#seq++;
  }

  defineMacro(info: MacroInfo): void {
    this.#changes.macros.add(info.name);
    this.#define(this.macros, info);
  }

  appendMacro(info: MacroInfo): void {
    const prev = this.macros.get(info.name);
    if (!prev) return fail("Macro uses 'append' or 'override.condition: append' but no macro by that name already exists", info.ctx);
    this.#changes.macros.add(info.name);
    prev.cond = MappedText.concat([prev.cond, MappedText.synthetic(' '), info.cond]);
    prev.visibility = this.#seq++;
  }

  #findPrevRule(name: string, source: string, ctx: LoadContext): RuleInfo | undefined {
    const prev = this.rules.get(name);
    if (prev && prev.source !== '' && source !== '' && prev.source !== source) fail('Rule has been re-defined with a different source', ctx);
    return prev;
  }

  /** Validates and completes an exception's comps; `known` is false for rules of unknown sources. */
  validateException(ex: ExceptionInfo, source: string, known: boolean): void {
    if (ex.fields.isList) {
      if (!entryIsValid(ex.comps)) {
        ex.comps = { isList: true, item: '', items: ex.fields.items.map(() => ({ isList: false, item: '=', items: [] })) };
      }
      if (ex.fields.items.length !== ex.comps.items.length) fail('Fields and comps lists must have equal length', ex.ctx);
      ex.comps = { ...ex.comps, items: ex.comps.items.map((c) => ({ ...c, item: normalizeComp(c.item) })) };
      for (const c of ex.comps.items) {
        if (!OPERATORS.includes(c.item) && !isOperatorWithModifier(c.item)) fail(`'${c.item}' is not a supported comparison operator`, ex.ctx);
      }
      if (known) {
        for (const f of ex.fields.items) {
          if (!isValidLhsField(this.registry, source, f.item)) fail(`'${f.item}' is not a supported filter field`, ex.ctx);
        }
      }
    } else {
      if (!entryIsValid(ex.comps)) ex.comps = { isList: false, item: 'in', items: [] };
      if (ex.comps.isList) fail('Fields and comps must both be strings', ex.ctx);
      ex.comps = { ...ex.comps, item: normalizeComp(ex.comps.item) };
      const c = ex.comps.item;
      if (c !== 'in' && c !== 'pmatch' && c !== 'intersects' && !isOperatorWithModifier(c)) {
        fail('When fields is a single value, comps must be one of (in, pmatch, intersects) or a modifier operator (e.g. startswith oneof)', ex.ctx);
      }
      if (known && !isValidLhsField(this.registry, source, ex.fields.item)) fail(`'${ex.fields.item}' is not a supported filter field`, ex.ctx);
    }
  }

  /** A full rule definition; returns true if its source is unknown (the caller warns). */
  defineRule(info: RuleInfo): boolean {
    this.#findPrevRule(info.name, info.source, info.ctx);
    const known = this.registry.hasSource(info.source);
    info.unknownSource = !known;
    for (const ex of info.exceptions) {
      if (!entryIsValid(ex.fields)) fail('Rule exception item must have fields property with a list of fields', ex.ctx);
      this.validateException(ex, info.source, known);
    }
    this.#changes.rules.add(info.name);
    this.#define(this.rules, info);
    return !known;
  }

  appendRule(u: RuleUpdate): void {
    const prev = this.#findPrevRule(u.name, u.source, u.ctx);
    if (!prev) return fail("Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists", u.ctx);
    this.#changes.rules.add(u.name);
    if (!updateHasAnyValue(u)) fail('Appended rule must have exceptions or condition property', u.ctx);
    const known = !prev.unknownSource;
    if (u.cond !== undefined && u.cond.text !== '') prev.cond = MappedText.concat([prev.cond, MappedText.synthetic(' '), u.cond]);
    if (u.output !== undefined && u.output.text !== '') prev.output = MappedText.concat([prev.output, MappedText.synthetic(' '), u.output]);
    if (u.desc !== undefined && u.desc !== '') prev.desc += ` ${u.desc}`;
    if (u.tags) for (const t of u.tags) prev.tags.add(t);
    if (u.exceptions) {
      for (const ex of u.exceptions) {
        const existing = prev.exceptions.find((e) => e.name === ex.name);
        if (!existing) {
          if (!entryIsValid(ex.fields)) fail('Rule exception must have fields property with a list of fields', ex.ctx);
          if (ex.values.length === 0) fail('Rule exception must have values property with a list of values', ex.ctx);
          this.validateException(ex, prev.source, known);
          prev.exceptions.push(ex);
        } else {
          if (entryIsValid(ex.fields)) fail('Can not append exception fields to existing exception, only values', ex.ctx);
          if (entryIsValid(ex.comps)) fail('Can not append exception comps to existing exception, only values', ex.ctx);
          for (const v of ex.values) existing.values.push(v);
        }
      }
    }
    prev.visibility = this.#seq++;
  }

  replaceRule(u: RuleUpdate): void {
    const prev = this.#findPrevRule(u.name, u.source, u.ctx);
    if (!prev) return fail("An 'override.<key>: replace' to a rule was requested but no rule by that name already exists", u.ctx);
    this.#changes.rules.add(u.name);
    if (!updateHasAnyValue(u)) fail('The rule must have at least one field that can be replaced', u.ctx);
    if (u.cond !== undefined) prev.cond = u.cond;
    if (u.output !== undefined) prev.output = u.output;
    if (u.desc !== undefined) prev.desc = u.desc;
    if (u.tags !== undefined) prev.tags = u.tags;
    if (u.exceptions !== undefined) prev.exceptions = u.exceptions;
    if (u.priority !== undefined) prev.priority = u.priority;
    if (u.capture !== undefined) prev.capture = u.capture;
    if (u.captureDuration !== undefined) prev.captureDuration = u.captureDuration;
    if (u.enabled !== undefined) prev.enabled = u.enabled;
    if (u.warnEvttypes !== undefined) prev.warnEvttypes = u.warnEvttypes;
    if (u.skipIfUnknownFilter !== undefined) prev.skipIfUnknownFilter = u.skipIfUnknownFilter;
    prev.visibility = this.#seq++;
  }

  enableRule(name: string, enabled: boolean, ctx: LoadContext): void {
    const prev = this.rules.get(name);
    if (!prev) return fail("Rule has 'enabled' key but no rule by that name already exists", ctx);
    this.#changes.rules.add(name);
    prev.enabled = enabled;
  }
}
