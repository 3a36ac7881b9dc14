// Plugin ID → event source. A scap plugin event (code 322, and async events of plugins) carries only the
// numeric ID its plugin is registered under; the source decides which rules see the event.
// Data: falcosecurity/plugins registry.yaml (Apache-2.0), the source-capable plugins with their registered
// IDs and event sources, as listed in the project's shared reference data (plugin-registry.json).

export interface RegisteredPlugin {
  readonly id: number;
  readonly name: string;
  readonly source: string;
}

/** Registered source plugins, by ID. */
export const REGISTERED_PLUGINS: readonly RegisteredPlugin[] = [
  { id: 1, name: 'k8saudit', source: 'k8s_audit' },
  { id: 2, name: 'cloudtrail', source: 'aws_cloudtrail' },
  { id: 3, name: 'dummy', source: 'dummy' },
  { id: 4, name: 'dummy_c', source: 'dummy_c' },
  { id: 5, name: 'docker', source: 'docker' },
  { id: 6, name: 'seccompagent', source: 'seccompagent' },
  { id: 7, name: 'okta', source: 'okta' },
  { id: 8, name: 'github', source: 'github' },
  { id: 9, name: 'k8saudit-eks', source: 'k8s_audit' },
  { id: 10, name: 'nomad', source: 'nomad' },
  { id: 11, name: 'dnscollector', source: 'dnscollector' },
  { id: 12, name: 'gcpaudit', source: 'gcp_auditlog' },
  { id: 13, name: 'syslogsrv', source: 'syslogsrv' },
  { id: 14, name: 'salesforce', source: 'salesforce' },
  { id: 15, name: 'box', source: 'box' },
  { id: 999, name: 'test', source: 'test' },
];

/** Source names no plugin may use. */
export const RESERVED_SOURCES: readonly string[] = ['syscall', 'internal', 'plugins'];

/** Plugins that only extract fields (no event source, hence no ID). */
export const EXTRACTOR_ONLY_PLUGINS: readonly string[] = ['json', 'k8smeta'];

const BY_ID = new Map(REGISTERED_PLUGINS.map((p) => [p.id, p]));

/** Where a plugin event goes: a known source, or an ID nobody registered (to be counted and reported, never dropped silently). */
export type PluginRoute =
  | { readonly kind: 'source'; readonly id: number; readonly plugin: string; readonly source: string }
  | { readonly kind: 'unknown'; readonly id: number };

/**
 * The route of a plugin event by its ID. `extra` (plugins loaded at run time) wins over the registry, as a
 * loaded plugin declares its own ID and source.
 */
export function routePluginEvent(id: number, extra: readonly RegisteredPlugin[] = []): PluginRoute {
  const p = extra.find((e) => e.id === id) ?? BY_ID.get(id);
  return p ? { kind: 'source', id, plugin: p.name, source: p.source } : { kind: 'unknown', id };
}

/** Plugin events counted by source, and unknown IDs counted by ID. */
export class PluginEventCounts {
  readonly bySource = new Map<string, number>();
  readonly unknownIds = new Map<number, number>();

  add(route: PluginRoute): void {
    if (route.kind === 'source') this.bySource.set(route.source, (this.bySource.get(route.source) ?? 0) + 1);
    else this.unknownIds.set(route.id, (this.unknownIds.get(route.id) ?? 0) + 1);
  }

  /** Events whose plugin ID no known plugin has. */
  get unknown(): number {
    let n = 0;
    for (const c of this.unknownIds.values()) n += c;
    return n;
  }
}
