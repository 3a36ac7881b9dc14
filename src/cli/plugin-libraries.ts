// Plugin libraries named on the command line (`--plugin PATH[:INIT_CONFIG]`) or in falco.yaml (`plugins:` and
// `load_plugins:`), loaded through the native plugin host and turned into catalogue entries next to the built-in
// ones. A library is loaded once per process, however many commands or rule sets ask for it.
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { FalcoReplayError } from '../common/index.js';
import { KNOWN_PLUGINS, runtimePluginInfo, type PluginInfo } from '../engine/index.js';
import { loadPlugin, type LoadedPlugin } from '../native/index.js';
import { FALCO_PLUGINS_DIR, type PluginLibraryConfig } from './falco-config.js';

/** A plugin library that could not be loaded (the message names the library and why). */
export class PluginLoadError extends FalcoReplayError {
  override readonly name = 'PluginLoadError';
}

export const PLUGIN_FLAG_HELP = 'load a Falco plugin library (a .so built for the Falco plugin API 3.x) with an optional init config after the first ":"; repeatable. Its fields, event source and rules of that source become available';

export interface PluginLibrarySpec {
  readonly path: string;
  readonly initConfig: string;
  /** Where it was asked for, for messages: `--plugin` or `plugins[i] of FILE`. */
  readonly origin: string;
  /** The configured name (falco.yaml), checked against the plugin's own. */
  readonly name?: string;
}

/** `PATH[:INIT_CONFIG]`: the path ends at the first colon. */
export function parsePluginFlag(spec: string): PluginLibrarySpec {
  const colon = spec.indexOf(':');
  const path = colon < 0 ? spec : spec.slice(0, colon);
  if (path === '') throw new PluginLoadError({ code: 'PLUGIN_BAD_OPTION', severity: 'error', message: `--plugin '${spec}': no library path before the ':'` });
  return { path, initConfig: colon < 0 ? '' : spec.slice(colon + 1), origin: '--plugin' };
}

const loaded = new Map<string, LoadedPlugin>();

/** Loads (or reuses) one library. Throws PluginLoadError. */
export function loadPluginLibrary(spec: PluginLibrarySpec): LoadedPlugin {
  const key = `${spec.path}\u0000${spec.initConfig}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  let p: LoadedPlugin;
  try {
    p = loadPlugin(spec.path, spec.initConfig);
  } catch (e) {
    if (e instanceof FalcoReplayError) throw new PluginLoadError({ ...e.diagnostic, message: `${e.message}${spec.origin === '--plugin' ? '' : ` (${spec.origin})`}` });
    throw e;
  }
  if (spec.name !== undefined && spec.name !== p.name) {
    p.close();
    throw new PluginLoadError({ code: 'PLUGIN_NAME_MISMATCH', severity: 'error', message: `${spec.origin} is named '${spec.name}' but ${spec.path} is the plugin '${p.name}'` });
  }
  loaded.set(key, p);
  return p;
}

/** A plugin library loaded earlier in this process, by plugin name. */
export function loadedPluginNamed(name: string): LoadedPlugin | undefined {
  for (const p of loaded.values()) if (p.name === name) return p;
  return undefined;
}

/** The falco.yaml entries as load specs; a missing library of a plugin we have built in falls back to it (a note says so). */
export function configPluginSpecs(entries: readonly PluginLibraryConfig[], configFile: string | undefined, notes: string[]): PluginLibrarySpec[] {
  const out: PluginLibrarySpec[] = [];
  entries.forEach((e) => {
    const path = isAbsolute(e.libraryPath) ? e.libraryPath : join(FALCO_PLUGINS_DIR, e.libraryPath);
    const origin = `plugin '${e.name}' of ${configFile ?? 'the configuration'}`;
    if (!existsSync(path) && KNOWN_PLUGINS.some((k) => k.name === e.name)) {
      notes.push(`${origin}: ${path} not found; using the built-in ${e.name} fields`);
      return;
    }
    out.push({ path, initConfig: e.initConfig, origin, name: e.name });
  });
  return out;
}

/**
 * The catalogues of a run: the built-in ones selected by `--plugins`, with the loaded libraries added (a library
 * replaces a built-in catalogue of the same name, event source or plugin ID). Throws PluginLoadError.
 */
export function withPluginLibraries(builtin: readonly PluginInfo[], specs: readonly PluginLibrarySpec[]): readonly PluginInfo[] {
  if (!specs.length) return builtin;
  const libs: LoadedPlugin[] = [];
  for (const s of specs) {
    const p = loadPluginLibrary(s);
    if (libs.includes(p)) continue;
    const clash = libs.find((q) => q.name === p.name || (p.eventSource !== '' && (q.eventSource === p.eventSource || q.id === p.id)));
    if (clash) {
      throw new PluginLoadError({ code: 'PLUGIN_DUPLICATE', severity: 'error', message: `plugins ${clash.path} and ${p.path} clash: both are named '${p.name}' or produce the same event source or plugin ID` });
    }
    libs.push(p);
  }
  const infos = libs.map((p) => runtimePluginInfo(p));
  const kept = builtin.filter((b) => !infos.some((i) => i.name === b.name || (i.source !== undefined && (i.source === b.source || i.id === b.id))));
  return [...kept, ...infos];
}

/** Every `--plugin` flag and falco.yaml entry of a command, as load specs (config first, as Falco loads it). */
export function pluginSpecsOf(flags: readonly string[] | undefined, config: { pluginLibraries: readonly PluginLibraryConfig[] } | undefined, configFile: string | undefined, notes: string[]): PluginLibrarySpec[] {
  return [...(config ? configPluginSpecs(config.pluginLibraries, configFile, notes) : []), ...(flags ?? []).map(parsePluginFlag)];
}
