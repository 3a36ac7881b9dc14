// Loads Falco plugin shared libraries through the plugin host addon and gives them a typed face. The addon is
// loaded lazily and injectably (like the recorder's); it needs no privileges. Everything a plugin says about
// itself (fields JSON, sources) is checked here before the engine sees it: a plugin is code we run, but its
// answers still reach terminals and rule compilers.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeControl, FalcoReplayError } from '../common/index.js';
import type { LoadedPlugin, NativePluginHandle, PluginEventBatch, PluginFieldInfo, PluginFieldRequest, PluginFieldType, PluginHostBinding, PluginSource, PluginValue } from './plugin-types.js';

export const PLUGIN_HOST_ABI_VERSION = 1;
/** Caps on what a plugin declares. */
export const MAX_PLUGIN_FIELDS = 4096;
const MAX_FIELDS_JSON = 4 << 20;
const FIELD_NAME = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+$/;
const FTYPE: Readonly<Record<PluginFieldType, number>> = { uint64: 8, string: 9, reltime: 20, abstime: 21, bool: 25, ipaddr: 40, ipnet: 41 };

export type PluginHostLoader = () => PluginHostBinding;

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where npm install builds the plugin host; FALCO_REPLAY_PLUGIN_HOST overrides it. */
export function defaultPluginHostPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.FALCO_REPLAY_PLUGIN_HOST ?? join(packageRoot, 'native', 'build', 'Release', 'falco_replay_plugin_host.node');
}

export const defaultPluginHostLoader: PluginHostLoader = () => {
  const path = defaultPluginHostPath();
  if (!existsSync(path)) {
    throw new Error(`the plugin host is not built (${path} is missing): it needs a C++ compiler, make and python3 at install time; run \`npm run build:native\``);
  }
  const binding = createRequire(import.meta.url)(path) as PluginHostBinding;
  if (binding.abiVersion !== PLUGIN_HOST_ABI_VERSION) throw new Error(`the plugin host at ${path} is from another version (ABI ${binding.abiVersion}, expected ${PLUGIN_HOST_ABI_VERSION}): run \`npm run build:native\``);
  return binding;
};

let hostLoader: PluginHostLoader = defaultPluginHostLoader;
let cachedHost: PluginHostBinding | undefined;

/** Replace how the plugin host addon is loaded (undefined restores the default). */
export function setPluginHostLoader(loader: PluginHostLoader | undefined): void {
  hostLoader = loader ?? defaultPluginHostLoader;
  cachedHost = undefined;
}

/** The plugin host addon; throws FalcoReplayError PLUGIN_NO_HOST when it cannot be loaded. */
export function loadPluginHost(): PluginHostBinding {
  if (cachedHost) return cachedHost;
  try {
    cachedHost = hostLoader();
    return cachedHost;
  } catch (err) {
    throw new FalcoReplayError({ code: 'PLUGIN_NO_HOST', severity: 'error', message: `cannot load plugins: ${err instanceof Error ? err.message : String(err)}` });
  }
}

function fail(code: string, message: string): never {
  throw new FalcoReplayError({ code, severity: 'error', message });
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Parses and checks a plugin's `plugin_get_fields` answer. */
export function parsePluginFields(text: string, what: string): PluginFieldInfo[] {
  if (text.length > MAX_FIELDS_JSON) fail('PLUGIN_BAD_FIELDS', `${what}: its field list is larger than ${MAX_FIELDS_JSON} bytes`);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    fail('PLUGIN_BAD_FIELDS', `${what}: its field list is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!Array.isArray(v)) fail('PLUGIN_BAD_FIELDS', `${what}: its field list is not a JSON array`);
  if (v.length > MAX_PLUGIN_FIELDS) fail('PLUGIN_BAD_FIELDS', `${what}: more than ${MAX_PLUGIN_FIELDS} fields`);
  const seen = new Set<string>();
  return v.map((f: unknown, i: number): PluginFieldInfo => {
    if (typeof f !== 'object' || f === null || Array.isArray(f)) fail('PLUGIN_BAD_FIELDS', `${what}: field ${i} is not an object`);
    const o = f as Record<string, unknown>;
    const name = str(o.name);
    if (name === undefined || name.length > 256 || !FIELD_NAME.test(name)) fail('PLUGIN_BAD_FIELDS', `${what}: field ${i} has no valid name (letters, digits, _ in dotted parts)`);
    if (seen.has(name)) fail('PLUGIN_BAD_FIELDS', `${what}: field ${name} is declared twice`);
    seen.add(name);
    const type = str(o.type);
    if (type === undefined || !Object.hasOwn(FTYPE, type)) fail('PLUGIN_BAD_FIELDS', `${what}: field ${name} has type '${String(o.type)}' (string, uint64, bool, reltime, abstime, ipaddr, ipnet)`);
    let arg: PluginFieldInfo['arg'];
    if (typeof o.arg === 'object' && o.arg !== null) {
      const a = o.arg as Record<string, unknown>;
      arg = { isRequired: a.isRequired === true, isIndex: a.isIndex === true, isKey: a.isKey === true };
      if (arg.isRequired && !arg.isIndex && !arg.isKey) fail('PLUGIN_BAD_FIELDS', `${what}: field ${name} requires an argument that is neither an index nor a key`);
      if (!arg.isIndex && !arg.isKey) arg = undefined;
    }
    const props = Array.isArray(o.properties) ? o.properties.filter((p): p is string => typeof p === 'string').slice(0, 16) : [];
    const display = str(o.display);
    return {
      name,
      type: type as PluginFieldType,
      isList: o.isList === true,
      ...(arg ? { arg } : {}),
      ...(display !== undefined ? { display: escapeControl(display.slice(0, 256)) } : {}),
      // Descriptions reach terminals through `fields`: control and bidi characters are escaped here.
      desc: escapeControl((str(o.desc) ?? '').slice(0, 4096)),
      properties: props,
    };
  });
}

/** The sources a plugin's fields apply to, from `plugin_get_extract_event_sources` (libs' defaulting rules). */
export function extractSourcesOf(text: string, eventSource: string, what: string): string[] {
  if (text !== '') {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      fail('PLUGIN_BAD_FIELDS', `${what}: its extract event sources are not a JSON array of strings`);
    }
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) fail('PLUGIN_BAD_FIELDS', `${what}: its extract event sources are not a JSON array of strings`);
    if (v.length) return [...new Set(v)].slice(0, 256);
  }
  // No list: a source plugin's fields apply to its own source, an extractor-only plugin's to every source.
  return eventSource ? [eventSource] : [];
}

class HostedPlugin implements LoadedPlugin {
  readonly path: string;
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly contact: string;
  readonly requiredApiVersion: string;
  readonly id: number;
  readonly eventSource: string;
  readonly extractSources: readonly string[];
  readonly fields: readonly PluginFieldInfo[];
  readonly canSource: boolean;
  readonly canExtract: boolean;
  readonly initSchema: string;
  readonly #h: NativePluginHandle;
  #closed = false;

  constructor(h: NativePluginHandle) {
    this.#h = h;
    const i = h.info();
    const what = `plugin ${i.name} (${i.path})`;
    this.path = i.path;
    this.name = i.name;
    this.version = escapeControl(i.version.slice(0, 64));
    this.description = escapeControl(i.description.slice(0, 4096));
    this.contact = escapeControl(i.contact.slice(0, 4096));
    this.requiredApiVersion = i.requiredApiVersion;
    this.canSource = i.canSource;
    this.canExtract = i.canExtract;
    this.initSchema = i.initSchema;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(i.name)) fail('PLUGIN_BAD_INFO', `plugin ${i.path}: its name '${i.name.slice(0, 80)}' is not 1-64 letters, digits, _ or -`);
    if (i.canSource && (i.id === 0 || !/^[A-Za-z0-9_-]{1,64}$/.test(i.eventSource))) {
      fail('PLUGIN_BAD_INFO', `${what}: a source plugin needs a non-zero ID and an event source name of 1-64 letters, digits, _ or - (it says ID ${i.id}, source '${i.eventSource.slice(0, 80)}')`);
    }
    if (i.eventSource === 'syscall') fail('PLUGIN_BAD_INFO', `${what}: the event source 'syscall' is reserved`);
    this.id = i.canSource ? i.id : 0;
    this.eventSource = i.canSource ? i.eventSource : '';
    this.fields = i.canExtract ? parsePluginFields(i.fields, what) : [];
    this.extractSources = i.canExtract ? extractSourcesOf(i.extractEventSources, this.eventSource, what) : [];
  }

  #alive(): void {
    if (this.#closed) fail('PLUGIN_CLOSED', `plugin ${this.name} has been closed`);
  }

  extract(eventNum: number, source: string, pluginId: number, payload: Uint8Array, ts: bigint | number, requests: readonly PluginFieldRequest[]): (PluginValue | undefined)[] {
    this.#alive();
    const reqs = requests.map((r) => {
      const f = this.fields[r.fieldId];
      if (!f) fail('PLUGIN_BAD_REQUEST', `plugin ${this.name} has no field ${r.fieldId}`);
      const present = r.argKey !== undefined || r.argIndex !== undefined;
      return {
        id: r.fieldId,
        name: f.name,
        ...(r.argKey !== undefined ? { argKey: r.argKey } : {}),
        ...(r.argIndex !== undefined ? { argIndex: r.argIndex } : {}),
        argPresent: present,
        ftype: FTYPE[f.type],
        list: f.isList,
      };
    });
    const buf = Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    return this.#h.extract(eventNum, source, pluginId, buf, ts, reqs);
  }

  openSource(params: string): PluginSource {
    this.#alive();
    if (!this.canSource) fail('PLUGIN_NOT_SOURCE', `plugin ${this.name} has no event source`);
    const h = this.#h;
    const handle = h.open(params);
    let done = false;
    return {
      next: (): PluginEventBatch => {
        if (done || this.#closed) return { events: [], status: 'eof' };
        const r = h.nextBatch(handle);
        if (r.rc === 'eof') {
          done = true;
          h.closeInstance(handle);
        }
        return { events: r.events, status: r.rc };
      },
      close: (): void => {
        if (!done && !this.#closed) h.closeInstance(handle);
        done = true;
      },
    };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#h.destroy();
  }
}

const ERROR_CODES: Readonly<Record<string, string>> = {
  EPLUGIN_LOAD: 'PLUGIN_LOAD',
  EPLUGIN_NOT_PLUGIN: 'PLUGIN_NOT_PLUGIN',
  EPLUGIN_API_VERSION: 'PLUGIN_API_VERSION',
  EPLUGIN_INIT: 'PLUGIN_INIT',
};

/**
 * Loads and initialises the plugin library at `path` with `initConfig`. Throws FalcoReplayError: PLUGIN_NO_HOST,
 * PLUGIN_LOAD (dlopen failed), PLUGIN_NOT_PLUGIN (missing symbols), PLUGIN_API_VERSION, PLUGIN_INIT,
 * PLUGIN_BAD_FIELDS / PLUGIN_BAD_INFO (what it declares is unusable).
 */
export function loadPlugin(path: string, initConfig = '', host: PluginHostBinding = loadPluginHost()): LoadedPlugin {
  const abs = resolve(path);
  if (!existsSync(abs)) fail('PLUGIN_LOAD', `cannot load plugin ${path}: no such file`);
  let h: NativePluginHandle;
  try {
    h = new host.PluginHost(abs, initConfig);
  } catch (err) {
    const e = err as Error & { code?: string };
    fail(ERROR_CODES[e.code ?? ''] ?? 'PLUGIN_LOAD', e.message ?? String(err));
  }
  try {
    return new HostedPlugin(h);
  } catch (e) {
    h.destroy();
    throw e;
  }
}
