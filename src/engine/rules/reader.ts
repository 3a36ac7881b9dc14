// The reader: a rules file's YAML documents → items handed to the collector, with Falco's shape checks,
// messages, contexts and warnings. Reading stops at the first error (docs/rules-language.md#reading).
import type { YAMLMap, YAMLSeq } from 'yaml';
import { Collector, LoadError } from './collector.js';
import {
  EMPTY_ENTRY,
  parsePriority,
  parseVersion,
  type ExceptionEntry,
  type ExceptionInfo,
  type ListInfo,
  type MacroInfo,
  type RuleInfo,
  type RuleUpdate,
} from './items.js';
import { LoadContext, type LoadResult } from './load-result.js';
import { LazyOffsets, MappedText, type SourceFile } from './source.js';
import { decodeBool, decodeUnsigned, nodeStart, parseYamlDocuments, scalarOffsets, YamlView, type YNode } from './yaml.js';

const WARNING_APPEND = "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.";
const WARNING_ENABLED =
  "The standalone 'enabled' key usage is deprecated. The correct approach requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace').";
const ERROR_OVERRIDE_APPEND =
  "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.";

const RGX_IDENTIFIER = /^[a-zA-Z]+[a-zA-Z0-9_]*$/;
const RGX_BARESTR = /^[^()"' \t\n\v\f\r=,]+$/;

const invalid = (message: string, ctx: LoadContext): never => {
  throw new LoadError('LOAD_ERR_YAML_VALIDATE', message, ctx);
};

const LIST_KEYS = new Set(['list', 'items', 'append', 'override']);
const MACRO_KEYS = new Set(['macro', 'condition', 'append', 'override']);
const RULE_KEYS = new Set([
  'rule', 'condition', 'output', 'desc', 'priority', 'source', 'enabled', 'capture', 'capture_duration', 'warn_evttypes',
  'skip-if-unknown-filter', 'tags', 'exceptions', 'override', 'append',
]); // prettier-ignore
const RULE_APPENDABLE = ['condition', 'output', 'desc', 'tags', 'exceptions'];
const RULE_REPLACEABLE = ['condition', 'output', 'desc', 'priority', 'capture', 'capture_duration', 'tags', 'exceptions', 'enabled', 'warn_evttypes', 'skip-if-unknown-filter'];

type Decoder<T> = (text: string) => T | undefined;
const asString: Decoder<string> = (t) => t;
const asBool: Decoder<boolean> = decodeBool;
const asU32: Decoder<number> = (t) => {
  const v = decodeUnsigned(t, 0xffffffffn);
  return v === undefined ? undefined : Number(v);
};

class Reader {
  readonly #y: YamlView;
  readonly #file: SourceFile;
  readonly #col: Collector;
  readonly #res: LoadResult;

  constructor(y: YamlView, file: SourceFile, col: Collector, res: LoadResult) {
    this.#y = y;
    this.#file = file;
    this.#col = col;
    this.#res = res;
  }

  #ctx(parent: LoadContext, node: YNode | null | undefined, type: Parameters<LoadContext['at']>[1], name = ''): LoadContext {
    return parent.at(nodeStart(node, parent.last.source?.offset ?? 0), type, name);
  }

  /** yaml-cpp's `decode_val`: required or optional, possibly empty, scalar decoded by `dec`. */
  #val<T>(item: YAMLMap, key: string, ctx: LoadContext, dec: Decoder<T>, opts: { optional?: boolean; canBeEmpty?: boolean } = {}): T | undefined {
    const val = this.#y.get(item, key);
    if (val === undefined) {
      if (opts.optional) return undefined;
      return invalid(`Item has no mapping for key '${key}'`, ctx);
    }
    if (this.#y.isNull(val)) {
      if (opts.canBeEmpty) return undefined;
      return invalid(`Mapping for key '${key}' is empty`, ctx);
    }
    // Contexts are made only for a diagnostic: the reader reads thousands of values.
    const valctx = (): LoadContext => this.#ctx(ctx, val, 'value for', key);
    if (!this.#y.isScalar(val)) return invalid('Value is not a scalar value', valctx());
    const text = this.#y.text(val) ?? '';
    if (text === '') {
      if (opts.canBeEmpty) return undefined;
      return invalid('Value must be non-empty', valctx());
    }
    const out = dec(text);
    if (out === undefined) return invalid("Can't decode YAML scalar value", valctx());
    return out;
  }

  /** A required string value as a text mapped to its place in the file. */
  #mapped(item: YAMLMap, key: string, ctx: LoadContext): MappedText {
    const text = this.#val(item, key, ctx, asString) as string;
    const node = this.#y.get(item, key) as YNode;
    const fileText = this.#file.text;
    return MappedText.fromSource(text, this.#file.id, new LazyOffsets(() => scalarOffsets(node, fileText)));
  }

  #seq(item: YAMLMap, key: string, ctx: LoadContext, optional: boolean): string[] | undefined {
    const val = this.#y.get(item, key);
    if (val === undefined) {
      if (optional) return undefined;
      return invalid(`Item has no mapping for key '${key}'`, ctx);
    }
    // Contexts are made only for a diagnostic: lists hold thousands of items.
    const valctx = (): LoadContext => this.#ctx(ctx, val, 'value for', key);
    if (!this.#y.isSeq(val)) return invalid('Value is not a sequence', valctx());
    const out: string[] = [];
    for (const v of this.#y.items(val)) {
      if (!this.#y.isScalar(v)) return invalid('sequence value is not scalar', this.#ctx(valctx(), v, 'list item'));
      out.push(this.#y.text(v) ?? '');
    }
    return out;
  }

  #overrides(item: YAMLMap, ctx: LoadContext, appendable: readonly string[], replaceable: readonly string[]): { append: Set<string>; replace: Set<string> } {
    const append = new Set<string>();
    const replace = new Set<string>();
    const val = this.#y.get(item, 'override');
    if (val === undefined || !this.#y.isMap(val)) return { append, replace };
    const octx = this.#ctx(ctx, item, 'overrides');
    for (const { key, keyNode, value } of this.#y.entries(val)) {
      const op = this.#y.text(value);
      if (op === undefined) throw new LoadError('LOAD_ERR_VALIDATE', 'bad conversion', LoadContext.root(this.#file));
      if (op === 'append') {
        if (!appendable.includes(key)) invalid(`Key '${key}' cannot be appended to, use 'replace' instead`, this.#ctx(octx, keyNode, 'overrides', key));
        append.add(key);
      } else if (op === 'replace') {
        if (!replaceable.includes(key)) invalid(`Key '${key}' cannot be replaced`, this.#ctx(octx, keyNode, 'overrides', key));
        replace.add(key);
      } else {
        const allowed = `${appendable.includes(key) ? 'append ' : ''}${replaceable.includes(key) ? 'replace ' : ''}`;
        invalid(`Invalid override operation for key '${key}': '${op}'. Allowed values are: ${allowed}`, this.#ctx(octx, value, 'value for', key));
      }
    }
    return { append, replace };
  }

  #warnUnknownKeys(item: YAMLMap, expected: ReadonlySet<string>, ctx: LoadContext): void {
    for (const { key } of this.#y.entries(item)) {
      if (!expected.has(key)) this.#res.warning('LOAD_UNKNOWN_KEY', `Unknown key '${key}'. The key will be ignored.`, ctx);
    }
  }

  // --- exceptions ---

  #entry(val: YNode | null | undefined, key: string | undefined, ctx: LoadContext, optional: boolean): ExceptionEntry {
    if (val === undefined) {
      if (optional) return EMPTY_ENTRY;
      return invalid(`Item has no mapping for key '${key ?? ''}'`, ctx);
    }
    const valctx = this.#ctx(ctx, val, 'value for', key ?? '');
    if (this.#y.isScalar(val)) {
      const text = this.#y.text(val) ?? '';
      if (text === '') invalid('Value must be non-empty', valctx);
      return { isList: false, item: text, items: [] };
    }
    if (this.#y.isSeq(val)) {
      const items = this.#y.items(val).map((v) => this.#entry(v, undefined, this.#ctx(valctx, v, 'exception'), false));
      return { isList: true, item: '', items };
    }
    return EMPTY_ENTRY;
  }

  #exceptions(item: YAMLMap, parent: LoadContext, append: boolean): ExceptionInfo[] | undefined {
    const exs = this.#y.get(item, 'exceptions');
    if (exs === undefined || this.#y.isNull(exs)) return exs === undefined ? undefined : [];
    const exesCtx = this.#ctx(parent, exs, 'exceptions');
    if (!this.#y.isSeq(exs)) return invalid('Rule exceptions must be a sequence', exesCtx);
    const out: ExceptionInfo[] = [];
    for (const ex of this.#y.items(exs)) {
      const tmp = this.#ctx(exesCtx, ex, 'exception');
      if (!this.#y.isMap(ex)) return invalid('Rule exception must be a mapping', tmp);
      const name = this.#val(ex, 'name', tmp, asString) as string;
      const exCtx = this.#ctx(parent, ex, 'exception', name);
      if (out.some((e) => e.name === name)) {
        this.#res.warning('LOAD_EXCEPTION_NAME_NOT_UNIQUE', `Multiple definitions of exception '${name}' in the same rule`, exCtx);
      }
      const fields = this.#entry(this.#y.get(ex, 'fields'), 'fields', exCtx, append);
      const comps = this.#entry(this.#y.get(ex, 'comps'), 'comps', exCtx, true);
      const values: ExceptionEntry[] = [];
      const exvals = this.#y.get(ex, 'values');
      if (exvals !== undefined) {
        const valsCtx = this.#ctx(exCtx, exvals, 'exception values');
        if (!this.#y.isSeq(exvals)) return invalid('Rule exception values must be a sequence', valsCtx);
        for (const v of this.#y.items(exvals)) values.push(this.#entry(v, undefined, this.#ctx(valsCtx, v, 'exception value'), false));
      } else if (append) {
        this.#res.warning('LOAD_APPEND_NO_VALUES', 'Overriding/appending exception with no values', exCtx);
      }
      out.push({ name, fields, comps, values, ctx: exCtx });
    }
    return out;
  }

  // --- items ---

  item(item: YNode | null, parent: LoadContext): void {
    const y = this.#y;
    if (!y.isMap(item)) return invalid('Unexpected element type. Each element should be a yaml associative array.', this.#ctx(parent, item, 'rules content item'));
    if (y.has(item, 'required_engine_version')) return this.#engineVersion(item, parent);
    if (y.has(item, 'required_plugin_versions')) return this.#pluginVersions(item, parent);
    if (y.has(item, 'list')) return this.#list(item, parent);
    if (y.has(item, 'macro')) return this.#macro(item, parent);
    if (y.has(item, 'rule')) return this.#rule(item, parent);
    this.#res.warning('LOAD_UNKNOWN_ITEM', 'Unknown top level item', this.#ctx(parent, item, 'rules content item'));
  }

  #engineVersion(item: YAMLMap, parent: LoadContext): void {
    const ctx = this.#ctx(parent, item, 'required_engine_version');
    let version;
    let asNumber: number | undefined;
    try {
      asNumber = this.#val(item, 'required_engine_version', ctx, asU32);
    } catch {
      asNumber = undefined;
    }
    if (asNumber !== undefined) {
      version = { major: 0, minor: asNumber, patch: 0 };
    } else {
      const text = this.#val(item, 'required_engine_version', ctx, asString) as string;
      version = parseVersion(text);
      if (!version) return invalid(`Unable to parse engine version '${text}' as a semver string. Expected "x.y.z" semver format.`, ctx);
    }
    this.#col.defineEngineVersion(version, ctx);
    this.#warnUnknownKeys(item, new Set(['required_engine_version']), ctx);
  }

  #pluginVersions(item: YAMLMap, parent: LoadContext): void {
    const y = this.#y;
    const reqs = y.get(item, 'required_plugin_versions');
    const ctx = this.#ctx(parent, reqs, 'required plugin versions');
    if (!y.isSeq(reqs)) return invalid('Value of required_plugin_versions must be a sequence', ctx);
    for (const plugin of y.items(reqs)) {
      const tmp = this.#ctx(ctx, plugin, 'required plugin versions entry');
      if (!y.isMap(plugin)) return invalid('Plugin version must be a mapping', tmp);
      const name = this.#val(plugin, 'name', tmp, asString) as string;
      const pctx = this.#ctx(ctx, plugin, 'required plugin versions entry', name);
      const version = this.#val(plugin, 'version', pctx, asString) as string;
      const alternatives = [{ name, version }];
      const alts = y.get(plugin, 'alternatives');
      if (alts !== undefined) {
        if (!y.isSeq(alts)) return invalid('Value of plugin version alternatives must be a sequence', pctx);
        for (const req of y.items(alts)) {
          const t = this.#ctx(pctx, req, 'required plugin versions alternative');
          if (!y.isMap(req)) return invalid('Plugin version alternative must be a mapping', t);
          const n = this.#val(req, 'name', t, asString) as string;
          const t2 = this.#ctx(pctx, req, 'required plugin versions alternative', n);
          alternatives.push({ name: n, version: this.#val(req, 'version', t2, asString) as string });
        }
      }
      this.#col.definePluginRequirement({ alternatives, ctx: pctx });
    }
    this.#warnUnknownKeys(item, new Set(['required_plugin_versions']), this.#ctx(parent, item, 'required plugin versions'));
  }

  #list(item: YAMLMap, parent: LoadContext): void {
    const name = this.#val(item, 'list', this.#ctx(parent, item, 'list'), asString) as string;
    const ctx = this.#ctx(parent, item, 'list', name);
    if (!RGX_BARESTR.test(name)) {
      this.#res.warning('LOAD_INVALID_LIST_NAME', `List has an invalid name. List names should match a regular expression: ([^()"'[:space:]=,]+)`, ctx);
    }
    const items = this.#seq(item, 'items', ctx, false) as string[];
    let append = this.#val(item, 'append', ctx, asBool, { optional: true }) ?? false;
    if (append) this.#res.warning('LOAD_DEPRECATED_ITEM', WARNING_APPEND, ctx);
    const ov = this.#overrides(item, ctx, ['items'], ['items']);
    if (append && (ov.append.size || ov.replace.size)) invalid(ERROR_OVERRIDE_APPEND, ctx);
    append ||= ov.append.has('items');
    const info: ListInfo = { name, items, ctx, index: 0, visibility: 0 };
    if (append) this.#col.appendList(info);
    else this.#col.defineList(info);
    this.#warnUnknownKeys(item, LIST_KEYS, ctx);
  }

  #macro(item: YAMLMap, parent: LoadContext): void {
    const name = this.#val(item, 'macro', this.#ctx(parent, item, 'macro'), asString) as string;
    const ctx = this.#ctx(parent, item, 'macro', name);
    if (!RGX_IDENTIFIER.test(name)) {
      this.#res.warning('LOAD_INVALID_MACRO_NAME', 'Macro has an invalid name. Macro names should match a regular expression: ([a-zA-Z]+[a-zA-Z0-9_]*)', ctx);
    }
    const cond = this.#mapped(item, 'condition', ctx);
    const condCtx = this.#ctx(ctx, this.#y.get(item, 'condition'), 'macro condition');
    let append = this.#val(item, 'append', ctx, asBool, { optional: true }) ?? false;
    if (append) this.#res.warning('LOAD_DEPRECATED_ITEM', WARNING_APPEND, ctx);
    const ov = this.#overrides(item, ctx, ['condition'], ['condition']);
    if (append && (ov.append.size || ov.replace.size)) invalid(ERROR_OVERRIDE_APPEND, ctx);
    append ||= ov.append.has('condition');
    const info: MacroInfo = { name, cond, condCtx, ctx, index: 0, visibility: 0 };
    if (append) this.#col.appendMacro(info);
    else this.#col.defineMacro(info);
    this.#warnUnknownKeys(item, MACRO_KEYS, ctx);
  }

  #priority(item: YAMLMap, ctx: LoadContext): number {
    const text = this.#val(item, 'priority', ctx, asString) as string;
    const p = parsePriority(text);
    if (p === undefined) invalid('Invalid priority', this.#ctx(ctx, this.#y.get(item, 'priority'), 'rule priority'));
    return p as number;
  }

  #rule(item: YAMLMap, parent: LoadContext): void {
    const y = this.#y;
    const name = this.#val(item, 'rule', this.#ctx(parent, item, 'rule'), asString) as string;
    const ctx = this.#ctx(parent, item, 'rule', name);
    const source = this.#val(item, 'source', ctx, asString, { optional: true, canBeEmpty: true }) ?? '';
    const hasAppendFlag = this.#val(item, 'append', ctx, asBool, { optional: true }) ?? false;
    if (hasAppendFlag) this.#res.warning('LOAD_DEPRECATED_ITEM', WARNING_APPEND, ctx);
    const ov = this.#overrides(item, ctx, RULE_APPENDABLE, RULE_REPLACEABLE);
    const hasOverrides = ov.append.size > 0 || ov.replace.size > 0;
    if (hasAppendFlag && hasOverrides) invalid(ERROR_OVERRIDE_APPEND, ctx);

    if (hasOverrides) {
      const expected = new Set<string>();
      for (const k of [...RULE_APPENDABLE, ...RULE_REPLACEABLE]) if (y.has(item, k)) expected.add(k);
      const take = (set: Set<string>, kind: string, key: string): boolean => {
        if (!set.has(key)) return false;
        if (!expected.has(key)) invalid(`An ${kind} override for '${key}' was specified but '${key}' is not defined`, ctx);
        expected.delete(key);
        return true;
      };
      if (ov.append.size) {
        const u: RuleUpdate = { name, source: '', ctx };
        if (take(ov.append, 'append', 'condition')) {
          u.source = source;
          u.cond = this.#mapped(item, 'condition', ctx);
        }
        if (take(ov.append, 'append', 'exceptions')) {
          const ex = this.#exceptions(item, ctx, true);
          if (ex) u.exceptions = ex;
        }
        if (take(ov.append, 'append', 'output')) u.output = this.#mapped(item, 'output', ctx);
        if (take(ov.append, 'append', 'desc')) u.desc = this.#val(item, 'desc', ctx, asString);
        if (take(ov.append, 'append', 'tags')) u.tags = new Set(this.#seq(item, 'tags', ctx, true) ?? []);
        this.#col.appendRule(u);
      }
      if (ov.replace.size) {
        const u: RuleUpdate = { name, source: '', ctx };
        if (take(ov.replace, 'replace', 'condition')) {
          u.source = source;
          u.cond = this.#mapped(item, 'condition', ctx);
        }
        if (take(ov.replace, 'replace', 'exceptions')) {
          const ex = this.#exceptions(item, ctx, false);
          if (ex) u.exceptions = ex;
        }
        if (take(ov.replace, 'replace', 'output')) u.output = this.#mapped(item, 'output', ctx);
        if (take(ov.replace, 'replace', 'desc')) u.desc = this.#val(item, 'desc', ctx, asString);
        if (take(ov.replace, 'replace', 'tags')) u.tags = new Set(this.#seq(item, 'tags', ctx, true) ?? []);
        if (take(ov.replace, 'replace', 'priority')) u.priority = this.#priority(item, ctx);
        if (take(ov.replace, 'replace', 'capture')) u.capture = this.#val(item, 'capture', ctx, asBool);
        if (take(ov.replace, 'replace', 'capture_duration')) u.captureDuration = this.#val(item, 'capture_duration', ctx, asU32);
        if (take(ov.replace, 'replace', 'enabled')) u.enabled = this.#val(item, 'enabled', ctx, asBool);
        if (take(ov.replace, 'replace', 'warn_evttypes')) u.warnEvttypes = this.#val(item, 'warn_evttypes', ctx, asBool);
        if (take(ov.replace, 'replace', 'skip-if-unknown-filter')) u.skipIfUnknownFilter = this.#val(item, 'skip-if-unknown-filter', ctx, asBool);
        this.#col.replaceRule(u);
      }
      for (const key of expected) {
        invalid(`Unexpected key '${key}': no corresponding entry under 'override' is defined.`, this.#ctx(ctx, y.get(item, key), 'overrides', key));
      }
    } else if (hasAppendFlag) {
      const u: RuleUpdate = { name, source, ctx };
      if (y.has(item, 'condition')) {
        u.condCtx = this.#ctx(ctx, y.get(item, 'condition'), 'rule condition');
        u.cond = this.#mapped(item, 'condition', ctx);
      }
      if (y.has(item, 'exceptions')) u.exceptions = this.#exceptions(item, ctx, true) ?? [];
      this.#col.appendRule(u);
    } else if (!y.has(item, 'condition') && !y.has(item, 'output') && !y.has(item, 'desc') && !y.has(item, 'priority')) {
      const enabled = this.#val(item, 'enabled', ctx, asBool) as boolean;
      this.#res.warning('LOAD_DEPRECATED_ITEM', WARNING_ENABLED, ctx);
      this.#col.enableRule(name, enabled, ctx);
    } else {
      const cond = this.#mapped(item, 'condition', ctx);
      const condCtx = this.#ctx(ctx, y.get(item, 'condition'), 'rule condition');
      let output = this.#mapped(item, 'output', ctx);
      const outputCtx = this.#ctx(ctx, y.get(item, 'output'), 'rule output');
      const desc = this.#val(item, 'desc', ctx, asString) as string;
      const priorityText = this.#val(item, 'priority', ctx, asString) as string;
      output = trimMapped(output);
      const priority = parsePriority(priorityText);
      if (priority === undefined) invalid('Invalid priority', this.#ctx(ctx, y.get(item, 'priority'), 'rule priority'));
      const info: RuleInfo = {
        name,
        source: this.#val(item, 'source', ctx, asString, { optional: true }) ?? 'syscall',
        cond,
        condCtx,
        output,
        outputCtx,
        desc,
        priority: priority as number,
        enabled: this.#val(item, 'enabled', ctx, asBool, { optional: true }) ?? true,
        capture: this.#val(item, 'capture', ctx, asBool, { optional: true }) ?? false,
        captureDuration: this.#val(item, 'capture_duration', ctx, asU32, { optional: true }) ?? 0,
        warnEvttypes: this.#val(item, 'warn_evttypes', ctx, asBool, { optional: true }) ?? true,
        skipIfUnknownFilter: this.#val(item, 'skip-if-unknown-filter', ctx, asBool, { optional: true }) ?? false,
        tags: new Set(this.#seq(item, 'tags', ctx, true) ?? []),
        exceptions: [],
        unknownSource: false,
        ctx,
        index: 0,
        visibility: 0,
      };
      info.exceptions = this.#exceptions(item, ctx, false) ?? [];
      if (this.#col.defineRule(info)) this.#res.warning('LOAD_UNKNOWN_SOURCE', `Unknown source ${info.source}, skipping`, ctx);
    }
    this.#warnUnknownKeys(item, RULE_KEYS, ctx);
  }
}

/** Trim ASCII whitespace at both ends, keeping the mapping of what remains. */
function trimMapped(t: MappedText): MappedText {
  const m = /^[ \t\n\v\f\r]*/.exec(t.text);
  const start = m ? m[0].length : 0;
  let end = t.text.length;
  while (end > start && /[ \t\n\v\f\r]/.test(t.text[end - 1] as string)) end--;
  return t.slice(start, end);
}

/** Read one rules file into the collector; returns false if reading failed (the error is in `res`). */
export function readRulesFile(file: SourceFile, collector: Collector, res: LoadResult, parsed = parseYamlDocuments(file.text)): boolean {
  const root = LoadContext.root(file);
  const { docs, error } = parsed;
  if (error) {
    res.error('LOAD_ERR_YAML_PARSE', error.message, root.at(error.offset, 'value for'));
    return false;
  }
  for (const doc of docs) {
    const y = new YamlView(doc);
    const contents = y.node(doc.contents);
    if (!contents || y.isNull(contents)) continue;
    try {
      if (!y.isMap(contents) && !y.isSeq(contents)) invalid('Rules content is not yaml', root);
      if (!y.isSeq(contents)) invalid('Rules content is not yaml array of objects', root);
      const reader = new Reader(y, file, collector, res);
      for (const it of y.items(contents as YAMLSeq)) {
        if (it && !y.isNull(it)) reader.item(it, root);
      }
    } catch (e) {
      if (e instanceof LoadError) {
        res.error(e.code, e.message, e.ctx);
        return false;
      }
      throw e;
    }
  }
  return true;
}
