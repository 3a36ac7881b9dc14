// Types of the plugin host: a Falco plugin shared library loaded through the plugin API (native/src/plugin_host.cc).
// Nothing here loads the addon.

/** Field types a plugin declares in `plugin_get_fields`. */
export type PluginFieldType = 'string' | 'uint64' | 'bool' | 'reltime' | 'abstime' | 'ipaddr' | 'ipnet';

/** One field a plugin extracts, as its `plugin_get_fields` JSON describes it. */
export interface PluginFieldInfo {
  readonly name: string;
  readonly type: PluginFieldType;
  readonly isList: boolean;
  /** Argument rules: required, and whether it is an index (`[0]`) and/or a key (`[name]`). */
  readonly arg?: { readonly isRequired: boolean; readonly isIndex: boolean; readonly isKey: boolean };
  readonly display?: string;
  readonly desc: string;
  /** `properties` such as `hidden`, `info`, `conversation`. */
  readonly properties: readonly string[];
}

/** A value a plugin extracted: numbers (a bigint above 2^53), text, booleans, address bytes, or a list of them. */
export type PluginValue = string | number | bigint | boolean | Uint8Array | readonly (string | number | bigint | boolean | Uint8Array)[];

/** One field to extract: the field's index in {@link LoadedPlugin.fields} and its argument. */
export interface PluginFieldRequest {
  readonly fieldId: number;
  readonly argKey?: string;
  readonly argIndex?: number;
}

/** A batch of events from a source plugin: each payload with its timestamp (ns since the epoch). */
export interface PluginEventBatch {
  readonly events: readonly { readonly payload: Buffer; readonly ts: bigint }[];
  /** `timeout`: nothing now, ask again later; `eof`: the source is exhausted (these are its last events). */
  readonly status: 'ok' | 'timeout' | 'eof';
}

/** An open event source of a plugin. */
export interface PluginSource {
  /** The next batch; after `eof` every call returns an empty `eof` batch. */
  next(): PluginEventBatch;
  close(): void;
}

/** A plugin library, loaded and initialised. */
export interface LoadedPlugin {
  readonly path: string;
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly contact: string;
  readonly requiredApiVersion: string;
  /** Registered plugin ID (0 for plugins without an event source). */
  readonly id: number;
  /** Event source it produces ('' for extractor-only plugins). */
  readonly eventSource: string;
  /** Sources whose events its fields apply to; empty: every source. */
  readonly extractSources: readonly string[];
  readonly fields: readonly PluginFieldInfo[];
  readonly canSource: boolean;
  readonly canExtract: boolean;
  /** The plugin's init configuration schema (JSON Schema text), or ''. */
  readonly initSchema: string;
  /**
   * Extracts fields from one plugin event (payload of the plugin event, its timestamp). One value per request,
   * undefined when the field has no value; a failed extraction gives no value for every request.
   */
  extract(eventNum: number, source: string, pluginId: number, payload: Uint8Array, ts: bigint | number, requests: readonly PluginFieldRequest[]): (PluginValue | undefined)[];
  /** Opens the plugin's event source with `params`. */
  openSource(params: string): PluginSource;
  /** Closes open sources and destroys the plugin; later calls throw. */
  close(): void;
}

/** The host addon's exports (falco_replay_plugin_host.node). */
export interface PluginHostBinding {
  readonly abiVersion: number;
  /** The plugin API version the host implements (MAJOR.MINOR.PATCH). */
  readonly apiVersion: string;
  readonly PluginHost: new (path: string, initConfig: string) => NativePluginHandle;
}

/** The addon's per-plugin object. */
export interface NativePluginHandle {
  info(): {
    path: string;
    name: string;
    version: string;
    description: string;
    contact: string;
    requiredApiVersion: string;
    id: number;
    eventSource: string;
    canSource: boolean;
    canExtract: boolean;
    fields: string;
    extractEventSources: string;
    initSchema: string;
    initSchemaType: number;
  };
  extract(
    evtnum: number,
    source: string,
    pluginId: number,
    payload: Buffer,
    ts: bigint | number,
    requests: readonly { id: number; name: string; argKey?: string; argIndex?: number; argPresent: boolean; ftype: number; list: boolean }[],
  ): (PluginValue | undefined)[];
  open(params: string): number;
  nextBatch(handle: number): { rc: 'ok' | 'eof' | 'timeout'; events: { ts: bigint; payload: Buffer }[] };
  closeInstance(handle: number): void;
  destroy(): void;
}
