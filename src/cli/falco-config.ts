// Falco's configuration for an offline replay: the stock falco.yaml values that matter offline, an optional
// user falco.yaml (`-c`), then `-o key=value` overrides and the plain flags, applied in command-line order with
// Falco's key syntax (`a.b`, `list[].x` appends an element, `list[2].x`, `\.` for a literal dot).
import { FalcoReplayError } from '../common/index.js';
import { createRequire } from 'node:module';
import { closest } from './closest.js';
import { readTextFile } from './read-file.js';
import { parsePriority, type AppendOutput, type RuleMatching, type RuleSelection } from '../engine/index.js';
import { OUTPUT_KEYS, OutputConfigError, outputsConfigOf, type OutputsConfig } from './outputs/config.js';

type YamlLibrary = typeof import('yaml');
let yamlLibrary: YamlLibrary | undefined;
/** eemeli/yaml's `parse`, loaded on first use (most runs read no falco.yaml and no `-o`: start-up stays lean). */
const parseYaml = (text: string): unknown => (yamlLibrary ??= createRequire(import.meta.url)('yaml') as YamlLibrary).parse(text);

/** A bad configuration value: the message names the key. */
export class ConfigError extends FalcoReplayError {
  override readonly name = 'ConfigError';
}

type Node = unknown;
type Tree = Record<string, Node>;

/** The configuration keys falco-replay reads; anything else is accepted and ignored (it does not apply offline). */
export const OFFLINE_KEYS = [
  'json_output',
  'json_include_output_property',
  'json_include_message_property',
  'json_include_output_fields_property',
  'json_include_tags_property',
  'time_format_iso_8601',
  'buffer_format_base64',
  'priority',
  'rule_matching',
  'rules',
  'append_output',
  'load_plugins',
  'plugins',
  'rules_files',
  'rules_file',
  'engine',
] as const;

/**
 * Every top-level key of falco.yaml that Falco reads or has read (0.3x to 0.4x, from its falco.yaml files,
 * configuration loader and configuration schema): an `-o` key outside this list is a typo.
 */
export const FALCO_KEYS: ReadonlySet<string> = new Set([
  'append_output', 'base_syscalls', 'buffer_format_base64', 'buffered_outputs', 'capture', 'config_files', 'configs_files',
  'container_engines', 'cpus_for_each_syscall_buffer', 'driver', 'driver_mode', 'engine', 'falco_libs', 'file_output',
  'grpc', 'grpc_output', 'http_output', 'json_include_message_property', 'json_include_output_fields_property',
  'json_include_output_property', 'json_include_tags_property', 'json_output', 'libs_logger', 'load_plugins', 'log_level',
  'log_stderr', 'log_syslog', 'metadata_download', 'metrics', 'modern_bpf', 'online_cpus_only', 'output_timeout', 'outputs',
  'outputs_queue', 'plugins', 'plugins_hostinfo', 'priority', 'program_output', 'queue_capacity_outputs', 'rule_matching',
  'rules', 'rules_file', 'rules_files', 'static_fields', 'stdout_output', 'suggested_formats', 'syscall_buf_size_preset',
  'syscall_buffer_index', 'syscall_drop_failed', 'syscall_drop_failed_exit', 'syscall_event_drops', 'syscall_event_timeouts',
  'syslog_output', 'time_format_iso_8601', 'watch_config_files', 'webserver',
]);

/** What Falco's stock falco.yaml sets for those keys. */
function stockConfig(): Tree {
  return {
    json_output: false,
    json_include_output_property: true,
    json_include_message_property: false,
    json_include_output_fields_property: true,
    json_include_tags_property: true,
    time_format_iso_8601: false,
    buffer_format_base64: false,
    priority: 'debug',
    rule_matching: 'first',
    append_output: [{ suggested_output: true }],
  };
}

/** Split a Falco config key into path steps: names, numeric indexes, or '[]' (append). */
export function parseKey(key: string): (string | number)[] {
  const steps: (string | number)[] = [];
  let name = '';
  let named = false;
  const flush = (): void => {
    if (!named) throw new ConfigError(`Config error at key "${key}": unexpected character`);
    // Walking into `__proto__` would write to Object.prototype for the whole process.
    if (name === '__proto__') throw new ConfigError(`Config error at key "${key}": reserved name '__proto__'`);
    steps.push(name);
    name = '';
    named = false;
  };
  for (let i = 0; i < key.length; i++) {
    const c = key[i] as string;
    if (c === '\\') {
      const n = key[i + 1];
      if (n !== '.' && n !== '[' && n !== ']' && n !== '\\') throw new ConfigError(`Config error at key "${key}": invalid escape sequence at pos ${i}`);
      name += n;
      named = true;
      i++;
      continue;
    }
    if (c === '.') {
      flush();
      continue;
    }
    if (c === '[') {
      if (named) flush();
      const close = key.indexOf(']', i);
      if (close < 0) throw new ConfigError(`Config error at key "${key}": missing ']'`);
      const idx = key.slice(i + 1, close);
      if (idx === '') steps.push('[]');
      else if (/^\d+$/.test(idx)) steps.push(Number(idx));
      else throw new ConfigError(`Config error at key "${key}": expected a numeric index, found '${idx}'`);
      i = close;
      if (key[i + 1] === '.') i++;
      continue;
    }
    name += c;
    named = true;
  }
  if (named) flush();
  if (!steps.length) throw new ConfigError(`Config error at key "${key}": empty key`);
  return steps;
}

function setPath(root: Tree, key: string, value: Node): void {
  const steps = parseKey(key);
  let cur: Node = root;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s] as string | number;
    const last = s === steps.length - 1;
    const nextStep = steps[s + 1];
    const fresh = (): Node => (typeof nextStep === 'number' || nextStep === '[]' ? [] : {});
    if (step === '[]' || typeof step === 'number') {
      if (!Array.isArray(cur)) throw new ConfigError(`Config error at key "${key}": not a list`);
      const idx = step === '[]' ? cur.length : step;
      // An index past the end would make a sparse list of that length (and spin on 2^32 - 2).
      if (idx > cur.length) throw new ConfigError(`Config error at key "${key}": list index ${idx} is beyond the end of the list (${cur.length} element${cur.length === 1 ? '' : 's'})`);
      if (last) cur[idx] = value;
      else {
        if (cur[idx] === undefined || typeof cur[idx] !== 'object' || cur[idx] === null) cur[idx] = fresh();
        cur = cur[idx];
      }
    } else {
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) throw new ConfigError(`Config error at key "${key}": not a map`);
      const obj = cur as Tree;
      if (last) obj[step] = value;
      else {
        const want = fresh();
        if (obj[step] === undefined || typeof obj[step] !== 'object' || obj[step] === null || Array.isArray(obj[step]) !== Array.isArray(want)) obj[step] = want;
        cur = obj[step];
      }
    }
  }
}

/** One configuration change in command-line order: `-o key=value` or a plain flag translated to one. */
export type ConfigOp = { readonly key: string; readonly value: string };

/** Parse `key=value` (Falco's `-o`); `{...}` values are YAML objects, anything else a scalar. */
export function parseOption(spec: string): ConfigOp {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new ConfigError(`Error parsing config option "${spec}". Must be of the form key=val or key.subkey=val`);
  return { key: spec.slice(0, eq), value: spec.slice(eq + 1) };
}

const BOOL_TRUE = new Set(['true', 'yes', 'on', 'y']);
const BOOL_FALSE = new Set(['false', 'no', 'off', 'n']);

function asBool(key: string, v: Node): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.toLowerCase();
    if (BOOL_TRUE.has(t)) return true;
    if (BOOL_FALSE.has(t)) return false;
  }
  throw new ConfigError(`Config error at key "${key}": expected true or false, got '${String(v)}'`);
}

function asString(key: string, v: Node): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new ConfigError(`Config error at key "${key}": expected a string`);
}

function asList(v: Node): Node[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function captureFileOf(tree: Tree): { captureFile?: string } {
  const engine = tree.engine;
  if (typeof engine !== 'object' || engine === null) return {};
  const replay = (engine as Tree).replay;
  if (typeof replay !== 'object' || replay === null) return {};
  const f = (replay as Tree).capture_file;
  return f === undefined || f === null || f === '' ? {} : { captureFile: asString('engine.replay.capture_file', f) };
}

/** One `plugins:` entry of falco.yaml. */
export interface PluginLibraryConfig {
  readonly name: string;
  /** As written; Falco resolves a relative path against its plugins directory. */
  readonly libraryPath: string;
  /** `init_config` as the plugin receives it: a string as is, a map as JSON. */
  readonly initConfig: string;
}

/** Falco's directory for plugin libraries given by a relative `library_path`. */
export const FALCO_PLUGINS_DIR = '/usr/share/falco/plugins';

function pluginLibrariesOf(tree: Tree): PluginLibraryConfig[] {
  const entries = asList(tree.plugins).map((e, i): PluginLibraryConfig => {
    const key = `plugins[${i}]`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new ConfigError(`Config error at key "${key}": expected a map with name and library_path`);
    const o = e as Tree;
    if (o.name === undefined || o.library_path === undefined) throw new ConfigError(`Config error at key "${key}": name and library_path are required`);
    const init = o.init_config;
    let initConfig = '';
    if (typeof init === 'string') initConfig = init;
    else if (init !== undefined && init !== null) initConfig = JSON.stringify(init);
    return { name: asString(`${key}.name`, o.name), libraryPath: asString(`${key}.library_path`, o.library_path), initConfig };
  });
  if (tree.load_plugins === undefined) return entries;
  const out: PluginLibraryConfig[] = [];
  for (const n of asList(tree.load_plugins)) {
    const name = asString('load_plugins', n);
    const e = entries.find((x) => x.name === name);
    if (e && !out.includes(e)) out.push(e);
  }
  return out;
}

/** The resolved configuration of a run. */
export interface RunConfig {
  readonly json: boolean;
  readonly jsonIncludeOutput: boolean;
  readonly jsonIncludeMessage: boolean;
  readonly jsonIncludeOutputFields: boolean;
  readonly jsonIncludeTags: boolean;
  readonly iso8601: boolean;
  readonly bufferBase64: boolean;
  /** 0 Emergency … 7 Debug. */
  readonly minPriority: number;
  readonly ruleMatching: RuleMatching;
  readonly selection: RuleSelection[];
  readonly appendOutput: AppendOutput[];
  /** `load_plugins` when an -o option sets it (a falco.yaml's own list is not used: see resolveConfig). */
  readonly loadPlugins?: string[];
  /**
   * Plugin libraries to load: the `plugins:` entries named by `load_plugins` (every entry when `load_plugins` is
   * not set), in `load_plugins` order. Names without an entry select built-in catalogues (see loadPlugins).
   */
  readonly pluginLibraries: PluginLibraryConfig[];
  /** `engine.replay.capture_file`. */
  readonly captureFile?: string;
  /** `rules_files` (or legacy `rules_file`) of a configuration file. */
  readonly rulesFiles: string[];
  /** Keys that were set but do not apply to an offline replay. */
  readonly ignored: string[];
  /** stdout_output, file_output, program_output, http_output, syslog_output. */
  readonly outputs: OutputsConfig;
}

/** The keys falco-replay reads in the maps of these keys (each entry's, for append_output): a mistyped one is reported. */
const SUB_KEYS: Readonly<Record<string, readonly string[]>> = {
  stdout_output: ['enabled'],
  file_output: ['enabled', 'filename', 'keep_alive'],
  program_output: ['enabled', 'program', 'keep_alive'],
  http_output: ['enabled', 'url', 'user_agent', 'insecure', 'ca_cert', 'ca_bundle', 'ca_path', 'mtls', 'client_cert', 'client_key', 'echo', 'compress_uploads', 'keep_alive', 'max_consecutive_timeouts'],
  syslog_output: ['enabled'],
  append_output: ['match', 'extra_output', 'extra_fields', 'suggested_output'],
};

function notASubKey(top: string, sub: string): string {
  const near = closest(sub, SUB_KEYS[top] ?? []);
  return `'${sub}' is not a key of ${top}${near.length ? ` (did you mean ${near.map((k) => `'${k}'`).join(', ')}?)` : ''}`;
}

/** The sub-keys of a configuration file's maps that are not Falco's, as ignored-key entries saying so. */
function unknownSubKeys(tree: Tree): string[] {
  const out: string[] = [];
  for (const [top, subs] of Object.entries(SUB_KEYS)) {
    const v = tree[top];
    const maps: unknown[] = top === 'append_output' ? (Array.isArray(v) ? (v as unknown[]) : []) : [v];
    for (const m of maps) {
      if (typeof m !== 'object' || m === null || Array.isArray(m)) continue;
      for (const k of Object.keys(m)) if (!subs.includes(k)) out.push(`${top}.${k} (${notASubKey(top, k)})`);
    }
  }
  return out;
}

function outputsOf(tree: Tree): OutputsConfig {
  try {
    return outputsConfigOf(tree);
  } catch (e) {
    throw e instanceof OutputConfigError ? new ConfigError(e.message) : e;
  }
}

function selectionOf(v: Node): RuleSelection[] {
  const out: RuleSelection[] = [];
  asList(v).forEach((entry, i) => {
    if (typeof entry !== 'object' || entry === null) throw new ConfigError(`Config error at key "rules[${i}]": expected enable or disable`);
    for (const op of ['enable', 'disable'] as const) {
      const body = (entry as Tree)[op];
      if (body === undefined) continue;
      if (typeof body !== 'object' || body === null) throw new ConfigError(`Config error at key "rules[${i}].${op}": expected rule or tag`);
      const b = body as Tree;
      const sel: { op: 'enable' | 'disable'; rule?: string; tag?: string } = { op };
      if (b.rule !== undefined) sel.rule = asString(`rules[${i}].${op}.rule`, b.rule);
      if (b.tag !== undefined) sel.tag = asString(`rules[${i}].${op}.tag`, b.tag);
      if (sel.rule === undefined && sel.tag === undefined) throw new ConfigError(`Config error at key "rules[${i}].${op}": expected rule or tag`);
      out.push(sel);
    }
  });
  return out;
}

function appendOutputOf(v: Node): AppendOutput[] {
  return asList(v).map((entry, i) => {
    const key = `append_output[${i}]`;
    if (typeof entry !== 'object' || entry === null) throw new ConfigError(`Config error at key "${key}": expected a map`);
    const e = entry as Tree;
    const out: { match?: AppendOutput['match']; extraOutput?: string; suggestedOutput?: boolean; extraFields?: AppendOutput['extraFields'] } = {};
    if (e.match !== undefined) {
      if (typeof e.match !== 'object' || e.match === null || Array.isArray(e.match)) throw new ConfigError(`Config error at key "${key}.match": expected a map`);
      const m = e.match as Tree;
      out.match = {
        ...(m.source !== undefined ? { source: asString(`${key}.match.source`, m.source) } : {}),
        ...(m.rule !== undefined ? { rule: asString(`${key}.match.rule`, m.rule) } : {}),
        ...(m.tags !== undefined ? { tags: asList(m.tags).map((t) => asString(`${key}.match.tags`, t)) } : {}),
      };
    }
    if (e.extra_output !== undefined) out.extraOutput = asString(`${key}.extra_output`, e.extra_output);
    if (e.suggested_output !== undefined) out.suggestedOutput = asBool(`${key}.suggested_output`, e.suggested_output);
    if (e.extra_fields !== undefined) {
      out.extraFields = asList(e.extra_fields).flatMap((f): ({ key: string; format: string } | { field: string })[] => {
        if (typeof f === 'string') return [{ field: f }];
        if (typeof f === 'object' && f !== null) return Object.entries(f as Tree).map(([k, fmt]) => ({ key: k, format: asString(`${key}.extra_fields`, fmt) }));
        throw new ConfigError(`Config error at key "${key}.extra_fields": expected a field name or name: format`);
      });
    }
    return out;
  });
}

/** Build the run configuration: stock values, then the config file, then the ops in order. */
export function resolveConfig(ops: readonly ConfigOp[], configFile?: string): RunConfig {
  const tree = stockConfig();
  const setKeys = new Set<string>();
  // A stock falco.yaml says `load_plugins: []` and enables the container plugin from config.d, which we do not
  // follow: only -o load_plugins narrows the plugin catalogues.
  let pluginsFromOps = false;
  if (configFile !== undefined) {
    let doc: Node;
    try {
      doc = parseYaml(readTextFile(configFile));
    } catch (e) {
      throw new ConfigError(`cannot read configuration ${configFile}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (doc !== null && doc !== undefined) {
      if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError(`configuration ${configFile} is not a YAML map`);
      for (const [k, v] of Object.entries(doc as Tree)) {
        if (k === '__proto__') throw new ConfigError(`configuration ${configFile}: reserved key '__proto__'`);
        tree[k] = v;
        setKeys.add(k);
      }
    }
  }
  for (const op of ops) {
    let value: Node = op.value;
    // `{...}` is a YAML map as in Falco; `[...]` a YAML list (Falco would keep the text as one scalar).
    if ((op.value.startsWith('{') && op.value.endsWith('}')) || (op.value.startsWith('[') && op.value.endsWith(']'))) {
      try {
        value = parseYaml(op.value);
      } catch (e) {
        throw new ConfigError(`Config error at key "${op.key}": ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const top = parseKey(op.key)[0] as string;
    if (!FALCO_KEYS.has(top)) {
      const near = closest(top, FALCO_KEYS);
      throw new ConfigError(`Config error at key "${op.key}": '${top}' is not a Falco configuration key${near.length ? ` (did you mean ${near.map((k) => `'${k}'`).join(', ')}?)` : ''}`);
    }
    // A mistyped key inside a map (`file_output.enabeld`); `[]` (append an entry) is a step, not a key.
    const sub = parseKey(op.key).slice(1).find((k): k is string => typeof k === 'string' && k !== '[]');
    const subs = SUB_KEYS[top];
    if (subs && sub !== undefined && !subs.includes(sub)) throw new ConfigError(`Config error at key "${op.key}": ${notASubKey(top, sub)}`);
    setPath(tree, op.key, value);
    setKeys.add(top);
    if (parseKey(op.key)[0] === 'load_plugins') pluginsFromOps = true;
  }
  const priorityText = asString('priority', tree.priority);
  const minPriority = parsePriority(priorityText);
  if (minPriority === undefined) throw new ConfigError(`Config error at key "priority": unknown priority '${priorityText}' (emergency, alert, critical, error, warning, notice, info, debug)`);
  const matching = asString('rule_matching', tree.rule_matching).toLowerCase();
  if (matching !== 'first' && matching !== 'all') throw new ConfigError(`Config error at key "rule_matching": expected first or all, got '${matching}'`);
  const rulesFiles = [...asList(tree.rules_files), ...asList(tree.rules_file)].map((p) => (typeof p === 'object' && p !== null && 'path' in p ? asString('rules_files', (p as Tree).path) : asString('rules_files', p)));
  const known = new Set<string>([...OFFLINE_KEYS, ...OUTPUT_KEYS]);
  return {
    json: asBool('json_output', tree.json_output),
    jsonIncludeOutput: asBool('json_include_output_property', tree.json_include_output_property),
    jsonIncludeMessage: asBool('json_include_message_property', tree.json_include_message_property),
    jsonIncludeOutputFields: asBool('json_include_output_fields_property', tree.json_include_output_fields_property),
    jsonIncludeTags: asBool('json_include_tags_property', tree.json_include_tags_property),
    iso8601: asBool('time_format_iso_8601', tree.time_format_iso_8601),
    bufferBase64: asBool('buffer_format_base64', tree.buffer_format_base64),
    minPriority,
    ruleMatching: matching,
    selection: selectionOf(tree.rules),
    appendOutput: appendOutputOf(tree.append_output),
    ...(pluginsFromOps ? { loadPlugins: asList(tree.load_plugins).map((p) => asString('load_plugins', p)) } : {}),
    ...captureFileOf(tree),
    pluginLibraries: pluginLibrariesOf(tree),
    rulesFiles,
    // A key Falco does not know is only warned about in a file (as Falco's schema check does), with the closest keys.
    ignored: [...setKeys]
      .filter((k) => !known.has(k))
      .sort()
      .map((k) => {
        if (FALCO_KEYS.has(k)) return k;
        const near = closest(k, FALCO_KEYS);
        return `${k} (not a Falco configuration key${near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : ''})`;
      })
      .concat(unknownSubKeys(tree)),
    outputs: outputsOf(tree),
  };
}
