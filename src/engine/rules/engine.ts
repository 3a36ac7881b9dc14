// The rules engine facade: rules files are loaded one after another into one accumulated state, and each load
// yields the LoadResult of compiling everything (as Falco does), recompiling only what the file changed; the
// last successful compile is kept.
import { KNOWN_PLUGINS, SYSCALL_SOURCE, type PluginInfo } from '../fields/classes.js';
import { FieldRegistry } from '../fields/registry.js';
import { suggestedOutputs } from '../output/suggested.js';
import { Collector } from './collector.js';
import { RulesCompiler, type CompileOutput, type CompileWork, type ExtraOutput } from './compiler.js';
import type { CheckInstrument, FieldBinder } from '../condition/compile.js';
import { parseVersion, versionCompatible, versionString, type Version } from './items.js';
import { LoadResult } from './load-result.js';
import { readRulesFile } from './reader.js';
import { SourceFile } from './source.js';
import { schemaStatuses } from './schema.js';
import { parseYamlDocuments } from './yaml.js';

/** The engine version rules files are checked against (`required_engine_version`): Falco master's. */
export const ENGINE_VERSION: Version = { major: 0, minor: 63, patch: 0 };

export interface RulesEngineOptions {
  /** Plugins whose fields and sources are available (default: every catalogue we ship). */
  readonly plugins?: readonly PluginInfo[];
  /** A field registry built already (a replay builds one per run and shares it); else one from `plugins`. */
  readonly registry?: FieldRegistry;
  /**
   * Append the plugins' suggested output fields to every rule output of their source, like Falco's default
   * `append_output: [{suggested_output: true}]` (default true).
   */
  readonly suggestedOutput?: boolean;
  /** More text appended to rule outputs (`append_output` entries with `extra_output`). */
  readonly extraOutputs?: readonly ExtraOutput[];
  readonly engineVersion?: Version;
  /** The replay engine's extractor binder (see CompileOptions.bind); without it, every field is missing. */
  readonly bind?: FieldBinder;
  /** Conditions compare as 2022 libsinsp does (the sysdig-0.29.3 profile: addresses, `fd.net in` lists). */
  readonly libsinsp2022?: boolean;
  /** Recompile every definition on every load instead of what the load changed (same results, slower). */
  readonly recompileAll?: boolean;
  /** Wraps every compiled check (the rule profiler; see CompileOptions.instrument). */
  readonly instrument?: CheckInstrument;
}

export class RulesEngine {
  readonly registry: FieldRegistry;
  readonly files: SourceFile[] = [];
  readonly engineVersion: Version;
  readonly #collector: Collector;
  readonly #compiler: RulesCompiler;
  /** Whether the last load succeeded (its compile output is then built on demand). */
  #lastOk = false;

  constructor(opts: RulesEngineOptions = {}) {
    this.registry = opts.registry ?? new FieldRegistry(opts.plugins ?? KNOWN_PLUGINS);
    this.engineVersion = opts.engineVersion ?? ENGINE_VERSION;
    this.#collector = new Collector(this.registry, this.engineVersion);
    const extras: ExtraOutput[] = [...(opts.extraOutputs ?? [])];
    if (opts.suggestedOutput ?? true) extras.push(...suggestedOutputs(this.registry));
    this.#compiler = new RulesCompiler({
      registry: this.registry,
      files: this.files,
      extraOutputs: extras,
      ...(opts.bind ? { bind: opts.bind } : {}),
      ...(opts.recompileAll ? { recompileAll: true } : {}),
      ...(opts.libsinsp2022 ? { libsinsp2022: true } : {}),
      ...(opts.instrument ? { instrument: opts.instrument } : {}),
    });
  }

  /** Load one rules file (its text and the name to report) on top of everything loaded before. */
  load(content: string, name: string): LoadResult {
    const file = new SourceFile(this.files.length, name, content);
    this.files.push(file);
    const res = new LoadResult(name);
    const parsed = parseYamlDocuments(content);
    if (!parsed.error) {
      const docs = parsed.docs;
      res.deferSchemaCheck(() => {
        const statuses = schemaStatuses(docs);
        return statuses.length ? (statuses[0] === 'ok' ? [] : statuses) : undefined;
      });
    }
    const read = readRulesFile(file, this.#collector, res, parsed);
    if (read) this.#compiler.compile(this.#collector, res);
    this.#lastOk = read && res.successful;
    return res;
  }

  /** The lists, macros and rules compiled by the last load; undefined when it failed (or nothing was loaded). */
  get compiled(): CompileOutput | undefined {
    return this.#lastOk ? this.#compiler.output(this.#collector) : undefined;
  }

  /** How many lists, macros and rules have been compiled so far, over all loads. */
  get compileWork(): Readonly<CompileWork> {
    return this.#compiler.work;
  }

  get collector(): Collector {
    return this.#collector;
  }

  /** File name → text of every file loaded, for snippets. */
  contents(): Map<string, string> {
    return new Map(this.files.map((f) => [f.name, f.text]));
  }

  /**
   * Falco's check of `required_plugin_versions` against the loaded plugins: the message of the first
   * unmet requirement, or undefined when all are met.
   */
  pluginRequirementsError(): string | undefined {
    for (const req of this.#collector.requiredPlugins) {
      let err: string | undefined;
      let ok = false;
      search: for (const alt of req.alternatives) {
        for (const p of this.registry.plugins) {
          if (p.name !== alt.name) continue;
          const have = parseVersion(p.version);
          const want = parseVersion(alt.version);
          if (!have) {
            err = `Plugin '${p.name}' has invalid version string '${p.version}'`;
          } else if (!want || !versionCompatible(have, want)) {
            err = `Plugin '${p.name}' version '${p.version}' is not compatible with required plugin version '${alt.version}'`;
          } else ok = true;
          break search;
        }
      }
      if (!ok) return err ?? `Plugin requirement not satisfied, must load one of: ${req.alternatives.map((a) => `${a.name} (>= ${a.version})`).join(', ')}`;
    }
    return undefined;
  }

  /** The highest `required_engine_version` seen. */
  get requiredEngineVersion(): string {
    return versionString(this.#collector.requiredEngineVersion);
  }
}

export { SYSCALL_SOURCE };
