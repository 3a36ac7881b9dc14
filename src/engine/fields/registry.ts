// The field registry: which fields exist for which event source, and how a field token with its argument
// (`proc.aname[2]`, `evt.arg.flags`, `json.value[/a/b]`) resolves to a field definition, reproducing
// libsinsp's name matching (longest known prefix in the first class that recognises one, then exact).
import { GENERIC_CLASSES, KNOWN_PLUGINS, SYSCALL_CLASSES, SYSCALL_SOURCE, type PluginInfo } from './classes.js';
import type { FieldClass } from './define.js';
import { eventCodeOfName, isKnownEventName, longestParamPrefix } from './event-names.js';
import { FieldError } from './errors.js';
import { parseSigned, parseUnsigned } from './numbers.js';
import { EPF, type FieldArg, type FieldDef, type FieldType } from './types.js';

/** A field reference resolved against the catalogue. */
export interface ResolvedField {
  readonly def: FieldDef;
  readonly arg?: FieldArg;
  /** The field's type; for `evt.rawarg.NAME` the type of the parameter. */
  readonly type: FieldType;
}


interface Parsed {
  /** Characters of the token the class recognised, or -1 if it recognises none. */
  len: number;
  def?: FieldDef;
  arg?: FieldArg;
  type?: FieldType;
}

const NO_MATCH: Parsed = { len: -1 };

/** A class's fields by the first character of their names, in class order (rules loading resolves hundreds of tokens). */
const BY_INITIAL = new WeakMap<FieldClass, Map<string, FieldDef[]>>();

function fieldsStartingLike(cls: FieldClass, val: string): readonly FieldDef[] {
  let index = BY_INITIAL.get(cls);
  if (!index) {
    index = new Map();
    for (const f of cls.fields) {
      const c = f.name.charAt(0);
      const list = index.get(c);
      if (list) list.push(f);
      else index.set(c, [f]);
    }
    BY_INITIAL.set(cls, index);
  }
  // A field with an empty name (none of ours) is a prefix of everything: then every field is a candidate.
  return index.has('') ? cls.fields : (index.get(val.charAt(0)) ?? []);
}

function longestPrefix(cls: FieldClass, val: string): Parsed {
  let best: FieldDef | undefined;
  for (const f of fieldsStartingLike(cls, val)) {
    if (best && f.name.length <= best.name.length) continue;
    if (val.startsWith(f.name)) best = f;
  }
  return best ? { len: best.name.length, def: best } : NO_MATCH;
}

function byName(cls: FieldClass, name: string): FieldDef {
  const def = cls.fields.find((f) => f.name === name);
  if (!def) throw new Error(`internal: field ${name} missing from class ${cls.name}`);
  return def;
}

function parseEvent(cls: FieldClass, val: string): Parsed {
  const m = (p: string): boolean => val.startsWith(p);
  if (m('evt.arg') && !m('evt.args')) return eventArg(byName(cls, 'evt.arg'), 'evt.arg', val, false);
  if (m('evt.rawarg')) return eventArg(byName(cls, 'evt.rawarg'), 'evt.rawarg', val, true);
  if (m('evt.around')) {
    const def = byName(cls, 'evt.around');
    const next = val[10];
    if (next === '[') {
      const close = val.indexOf(']');
      if (close < 0) return { len: 0, def };
      const raw = val.slice(11, close);
      parseUnsigned(raw, 64);
      return { len: close + 1, def, arg: { raw, key: raw } };
    }
    if (next === '.') throw new FieldError('wrong syntax for evt.around');
    throw new FieldError(`filter syntax error: ${val}`);
  }
  if (m('evt.latency')) return longestPrefix(cls, val);
  if (m('evt.abspath')) {
    const def = byName(cls, 'evt.abspath');
    if (m('evt.abspath.src')) return { len: 15, def, arg: { raw: 'src', key: 'src', index: 1 } };
    if (m('evt.abspath.dst')) return { len: 15, def, arg: { raw: 'dst', key: 'dst', index: 2 } };
    return { len: 11, def };
  }
  if (m('evt.type.is')) {
    const def = byName(cls, 'evt.type.is');
    if (val[11] !== '.') throw new FieldError(`filter syntax error: ${val}`);
    const itype = val.slice(12);
    if (/^\s*\+?\d+$/.test(itype)) return { len: val.length, def, arg: { raw: itype, index: Number(parseUnsigned(itype, 32)) } };
    const code = eventCodeOfName(itype);
    if (code !== undefined) return { len: val.length, def, arg: { raw: itype, key: itype, index: code } };
    return { len: 0, def };
  }
  return longestPrefix(cls, val);
}

function eventArg(def: FieldDef, base: string, val: string, raw: boolean): Parsed {
  const next = val[base.length];
  if (next === '[') {
    if (raw) throw new FieldError('evt.arg fields must be expressed explicitly');
    const close = val.indexOf(']');
    if (close < 0) return { len: 0, def };
    const text = val.slice(base.length + 1, close);
    return { len: close + 1, def, arg: { raw: text, index: Number(parseSigned(text, 32)) } };
  }
  if (next === '.') {
    const rest = val.slice(base.length + 1);
    const p = longestParamPrefix(rest);
    if (!p) throw new FieldError(`unknown event argument ${rest}`);
    const arg: FieldArg = raw ? { raw: p.name, key: p.name, paramType: p.type } : { raw: p.name, key: p.name };
    return { len: base.length + 1 + p.name.length, def, arg, ...(raw ? { type: p.type } : {}) };
  }
  throw new FieldError(`filter syntax error: ${val}`);
}

const ANCESTOR_INDEX = ['proc.apid', 'proc.aname', 'proc.aexepath', 'proc.aexe', 'proc.acmdline', 'proc.aargs', 'proc.env', 'proc.args', 'proc.aenv'];

function parseThread(cls: FieldClass, val: string): Parsed {
  if (val.startsWith('arg')) throw new FieldError('filter error: proc.arg filter not implemented yet');
  for (const name of ANCESTOR_INDEX) {
    if (!val.startsWith(name)) continue;
    const def = byName(cls, name);
    if (val[name.length] !== '[') return { len: name.length, def };
    if (name === 'proc.env' || name === 'proc.aenv') {
      const close = val.indexOf(']', name.length);
      if (close < 0) return { len: name.length, def };
      const text = val.slice(name.length + 1, close);
      const arg: FieldArg = text !== '' && /^\d+$/.test(text) ? { raw: text, index: Number(parseSigned(text, 32)) } : { raw: text, key: text };
      return { len: close + 1, def, arg };
    }
    const close = val.indexOf(']');
    if (close < 0) return { len: name.length, def };
    const text = val.slice(name.length + 1, close);
    try {
      return { len: close + 1, def, arg: { raw: text, index: Number(parseSigned(text, 32)) } };
    } catch {
      return { len: name.length, def };
    }
  }
  if (val.startsWith('thread.cgroup') && !val.startsWith('thread.cgroups')) {
    const def = byName(cls, 'thread.cgroup');
    if (val[13] !== '.') throw new FieldError(`filter syntax error: ${val}`);
    let end = 14;
    while (end < val.length && /[A-Za-z_]/.test(val[end] ?? '')) end++;
    const key = val.slice(14, end);
    return { len: end, def, arg: { raw: key, key } };
  }
  return longestPrefix(cls, val);
}

function parseFd(cls: FieldClass, val: string): Parsed {
  if (val.startsWith('fd.types')) {
    const def = byName(cls, 'fd.types');
    if (val[8] !== '[') return { len: 8, def };
    const close = val.indexOf(']');
    if (close < 0) return { len: 8, def };
    const text = val.slice(9, close);
    return { len: close + 1, def, arg: { raw: text, index: Number(parseSigned(text, 64)) } };
  }
  return longestPrefix(cls, val);
}

function parsePlugin(cls: FieldClass, val: string): Parsed {
  const base = longestPrefix(cls, val);
  const def = base.def;
  if (!def) return NO_MATCH;
  const space = val.indexOf(' ');
  const v = (space >= 0 ? val.slice(0, space) : val).trim();
  const open = v.indexOf('[');
  let arg: FieldArg | undefined;
  let len = base.len;
  if (open >= 0) {
    if (base.len !== open) return NO_MATCH;
    if (open + 1 >= v.length) throw new FieldError(`filter '${v}': ${def.name} terminates with incomplete argument brackets`);
    let text = v.slice(open + 1);
    const close = text.indexOf(']');
    if (close < 0) throw new FieldError(`filter '${v}': ${def.name} has unbalanced argument brackets`);
    text = text.slice(0, close);
    if ((def.flags & (EPF.ARG_ALLOWED | EPF.ARG_REQUIRED)) === 0) {
      throw new FieldError(`filter '${v}': ${def.name} does not allow nor require an argument but one is provided: ${text}`);
    }
    let index: number | undefined;
    if (def.flags & EPF.ARG_INDEX) {
      let problem: string | undefined;
      if (text.length === 0 || (text.length > 1 && text[0] === '0')) problem = ' has an invalid index argument starting with 0: ';
      if (!/^\d*$/.test(text)) problem = ' has an invalid index argument not composed only by digits: ';
      if (!problem) {
        const n = BigInt(text);
        if (n > 0xffffffffffffffffn) problem = ' has an invalid index argument not representable on 64 bit: ';
        else index = Number(n);
      }
      if (problem && !(def.flags & EPF.ARG_KEY)) throw new FieldError(`filter ${v} ${def.name}${problem}${text}`);
    }
    arg = def.flags & EPF.ARG_KEY ? (index !== undefined ? { raw: text, index, key: text } : { raw: text, key: text }) : { raw: text, ...(index !== undefined ? { index } : {}) };
    len = open + close + 2;
  }
  if (!arg && def.flags & EPF.ARG_REQUIRED) throw new FieldError(`filter '${v}': ${def.name} requires an argument but none provided`);
  return arg ? { len, def, arg } : { len, def };
}

function parseWith(cls: FieldClass, val: string): Parsed {
  switch (cls.parser) {
    case 'event':
      return parseEvent(cls, val);
    case 'thread':
      return parseThread(cls, val);
    case 'fd':
      return parseFd(cls, val);
    case 'plugin':
      return parsePlugin(cls, val);
    default:
      return longestPrefix(cls, val);
  }
}

/** One field class of the catalogue with the sources it applies to, as `fields` lists them. */
export interface ClassListing {
  readonly cls: FieldClass;
  readonly sources: readonly string[];
}

/**
 * The field catalogue for a set of loaded plugins. Sources are `syscall` plus the sources of loaded source
 * plugins; each source sees libsinsp's classes for it and the classes of compatible extractor plugins.
 */
export class FieldRegistry {
  readonly plugins: readonly PluginInfo[];
  readonly asyncEventNames: ReadonlySet<string>;
  readonly #classes = new Map<string, FieldClass[]>();
  readonly #cache = new Map<string, ResolvedField | string>();

  constructor(plugins: readonly PluginInfo[] = KNOWN_PLUGINS) {
    this.plugins = plugins;
    this.asyncEventNames = new Set(plugins.flatMap((p) => p.asyncEvents));
    const sources = [SYSCALL_SOURCE, ...plugins.flatMap((p) => (p.source ? [p.source] : []))];
    for (const source of sources) {
      const classes = [...(source === SYSCALL_SOURCE ? SYSCALL_CLASSES : GENERIC_CLASSES)];
      for (const p of plugins) {
        if (p.extractSources.length === 0 || p.extractSources.includes(source)) classes.push(p.fields);
      }
      this.#classes.set(source, classes);
    }
  }

  /** Event sources known to the engine (`syscall` and the sources of loaded plugins). */
  get sources(): string[] {
    return [...this.#classes.keys()];
  }

  hasSource(source: string): boolean {
    return this.#classes.has(source);
  }

  classesFor(source: string): readonly FieldClass[] {
    return this.#classes.get(source) ?? [];
  }

  /**
   * Resolve a field token (name plus `[arg]` as written) for a source; throws {@link FieldError} with
   * libsinsp's message (e.g. "filter_check called with nonexistent field proc.nobody").
   */
  resolve(source: string, field: string): ResolvedField {
    const r = this.#lookup(source, field);
    if (typeof r === 'string') throw new FieldError(r);
    return r;
  }

  /** Like {@link resolve} but returns undefined instead of throwing. */
  tryResolve(source: string, field: string): ResolvedField | undefined {
    const r = this.#lookup(source, field);
    return typeof r === 'string' ? undefined : r;
  }

  /** The resolved field, or the error message (cached either way). */
  #lookup(source: string, field: string): ResolvedField | string {
    const key = `${source}\u0000${field}`;
    let r = this.#cache.get(key);
    if (r === undefined) {
      try {
        r = this.#resolve(source, field) ?? `filter_check called with nonexistent field ${field}`;
      } catch (e) {
        if (!(e instanceof FieldError)) throw e;
        r = e.message;
      }
      this.#cache.set(key, r);
    }
    return r;
  }

  #resolve(source: string, val: string): ResolvedField | undefined {
    for (const cls of this.classesFor(source)) {
      const p = parseWith(cls, val);
      if (p.len === -1) continue;
      if (p.len !== val.length || !p.def) break;
      return { def: p.def, type: p.type ?? p.def.type, ...(p.arg ? { arg: p.arg } : {}) };
    }
    return undefined;
  }

  /** Valid `evt.type` values: event names, syscall names and async event names of loaded plugins. */
  isKnownEventType(name: string): boolean {
    return isKnownEventName(name, this.asyncEventNames);
  }

  /** Every field class once, with the sources it applies to, in resolution order (`falco --list`). */
  listing(source?: string): ClassListing[] {
    const out = new Map<FieldClass, Set<string>>();
    for (const [src, classes] of this.#classes) {
      if (source !== undefined && src !== source) continue;
      for (const cls of classes) {
        const set = out.get(cls) ?? new Set<string>();
        set.add(src);
        out.set(cls, set);
      }
    }
    return [...out].map(([cls, sources]) => ({ cls, sources: [...sources].sort() }));
  }

  /** Every field definition named `name` in the catalogue (a name can exist in one class only). */
  find(name: string): FieldDef | undefined {
    for (const classes of this.#classes.values()) {
      for (const cls of classes) {
        const def = cls.fields.find((f) => f.name === name);
        if (def) return def;
      }
    }
    return undefined;
  }
}
