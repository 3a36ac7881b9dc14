// Containers: the container id of a thread from its cgroups, and container records from the container
// metadata events of a capture (docs/sinsp-semantics.md#containers).
import { jsonLimitViolation } from './limits.js';

export interface MountInfo {
  source: string;
  dest: string;
  mode: string;
  rdwr: boolean;
  propagation: string;
}

export interface ContainerInfo {
  id: string;
  fullId: string;
  /** Container type enum (0 docker, 1 lxc, ... 11 podman). */
  type: number;
  name: string;
  image: string;
  imageId: string;
  imageRepo: string;
  imageTag: string;
  imageDigest: string;
  privileged: boolean;
  /** Whether the record says so explicitly (2022: privileged only for docker-compatible types). */
  hasPrivileged: boolean;
  mounts: MountInfo[];
  ip: string;
  labels: Map<string, string>;
  /** lookup state: 1 successful, 2 failed (0 "started" counts as failed in a file). */
  lookupState: number;
  isPodSandbox: boolean;
  createdTime: number;
  cniJson: string;
}

export const CONTAINER_TYPE_NAMES: readonly string[] = [
  'docker', 'lxc', 'libvirt-lxc', 'mesos', 'rkt', 'custom', 'cri', 'containerd', 'cri-o', 'bpm', 'static', 'podman',
]; // prettier-ignore

export function emptyContainer(id: string, type: number): ContainerInfo {
  return {
    id,
    fullId: '',
    type,
    name: '',
    image: '',
    imageId: '',
    imageRepo: '',
    imageTag: '',
    imageDigest: '',
    privileged: false,
    hasPrivileged: false,
    mounts: [],
    ip: '',
    labels: new Map(),
    lookupState: 1,
    isPodSandbox: false,
    createdTime: 0,
    cniJson: '',
  };
}

const HEX64 = /^[0-9a-fA-F]{64}$/;

/** `prefix + 64 hex + suffix` at the end of `cg` (last occurrences, as libsinsp's matchers search). */
function endsWithId(cg: string, prefix: string, suffix: string): string | undefined {
  const p = cg.lastIndexOf(prefix);
  if (p < 0) return undefined;
  const start = p + prefix.length;
  const end = suffix === '' ? cg.length : cg.lastIndexOf(suffix);
  if (end < start || end - start !== 64) return undefined;
  if (suffix !== '' && end + suffix.length !== cg.length) return undefined;
  const id = cg.slice(start, end);
  return HEX64.test(id) ? id : undefined;
}

/** The cgroup path of a `subsys=path` entry. */
function cgroupPath(entry: string): string {
  const i = entry.lastIndexOf('=');
  return i >= 0 ? entry.slice(i + 1) : entry;
}

const ENGINES: readonly { type: number; patterns: readonly (readonly [string, string])[] }[] = [
  { type: 11, patterns: [['/libpod-', '.scope']] },
  { type: 0, patterns: [['/', ''], ['/docker-', '.scope']] },
  { type: 6, patterns: [['/', ''], ['/crio-', ''], ['/cri-containerd-', '.scope'], ['/crio-', '.scope'], [':cri-containerd:', '']] },
];

/**
 * Container id of a thread from its cgroups: '' for the host. `plugin` selects the container plugin's
 * matchers (current Falco); otherwise 2022 libsinsp's engines. Also returns the engine type that matched.
 */
export function containerIdFromCgroups(cgroups: readonly string[], plugin: boolean): { id: string; type: number } {
  if (cgroups.length === 0) return NO_CONTAINER;
  // Thread records share interned lists: the same list object gets its answer without building the key.
  const byList = plugin ? BY_LIST_PLUGIN : BY_LIST_LEGACY;
  const same = byList.get(cgroups);
  if (same) return same;
  // Threads repeat the same cgroup lists: remember the answer per list.
  const key = (plugin ? 'p\u0000' : 'l\u0000') + cgroups.join('\u0000');
  let r = CACHE.get(key);
  if (!r) {
    r = resolve(cgroups, plugin);
    if (CACHE.size > 4096) CACHE.clear();
    CACHE.set(key, r);
  }
  byList.set(cgroups, r);
  return r;
}

const BY_LIST_PLUGIN = new WeakMap<readonly string[], { id: string; type: number }>();
const BY_LIST_LEGACY = new WeakMap<readonly string[], { id: string; type: number }>();

const NO_CONTAINER = Object.freeze({ id: '', type: -1 });
const CACHE = new Map<string, { id: string; type: number }>();

function resolve(cgroups: readonly string[], plugin: boolean): { id: string; type: number } {
  if (plugin) {
    for (const entry of cgroups) {
      const cg = cgroupPath(entry);
      const m = pluginMatch(cg);
      if (m) return m;
    }
    return { id: '', type: -1 };
  }
  for (const engine of ENGINES) {
    for (const entry of cgroups) {
      const cg = cgroupPath(entry);
      for (const [prefix, suffix] of engine.patterns) {
        const id = endsWithId(cg, prefix, suffix);
        if (id) return { id: id.slice(0, 12), type: engine.type };
      }
    }
  }
  for (const entry of cgroups) {
    const cg = cgroupPath(entry);
    const lxc = /\/lxc(?:\.payload)?\/([^/]+)/.exec(cg);
    if (lxc?.[1]) return { id: lxc[1], type: 1 };
  }
  for (const entry of cgroups) {
    const cg = cgroupPath(entry);
    const lv = /\/([^/]+)\.libvirt-lxc$/.exec(cg) ?? /-lxc\\x2(.+)\.scope$/.exec(cg) ?? /\/libvirt\/lxc\/([^/]+)/.exec(cg);
    if (lv?.[1]) return { id: lv[1], type: 2 };
  }
  for (const entry of cgroups) {
    const cg = cgroupPath(entry);
    const bpm = /bpm-([^/]+)\.scope$/.exec(cg);
    if (bpm?.[1]) return { id: bpm[1], type: 9 };
  }
  return { id: '', type: -1 };
}

function pluginMatch(cg: string): { id: string; type: number } | undefined {
  const pod = (p: string, s: string): string | undefined => endsWithId(cg, p, s);
  for (const [p, s] of [['/libpod-', '.scope'], ['/libpod-', '.scope/container'], ['/libpod-', ''], ['/libpod-payload-', '.scope'], ['/libpod-payload-', '.scope/container'], ['/libpod-payload-', '']] as const) {
    const id = pod(p, s);
    if (id) return { id: id.slice(0, 12), type: 11 };
  }
  for (const [p, s] of [['/', ''], ['/docker-', '.scope']] as const) {
    const id = pod(p, s);
    if (id) return { id: id.slice(0, 12), type: 0 };
  }
  for (const [p, s] of [['/crio-', ''], ['/cri-containerd-', '.scope'], ['/crio-', '.scope'], [':cri-containerd:', ''], ['/nerdctl-', '.scope']] as const) {
    const id = pod(p, s);
    if (id) return { id: id.slice(0, 12), type: 6 };
  }
  const lxc = /\/lxc(?:\.payload)?[/.]([^/]+)/.exec(cg);
  if (lxc?.[1]) return { id: lxc[1], type: 1 };
  const lv = /\/([^/]+)\.libvirt-lxc$/.exec(cg) ?? /-lxc\\x2(.+)\.scope$/.exec(cg) ?? /\/libvirt\/lxc\/([^/]+)/.exec(cg);
  if (lv?.[1]) return { id: lv[1], type: 2 };
  const bpm = /bpm-([^/]+)\.scope$/.exec(cg);
  if (bpm?.[1]) return { id: bpm[1], type: 9 };
  return undefined;
}

/** A container record from a 272/324 JSON event; undefined when the JSON is unusable or over the JSON limits. */
export function containerFromJson(json: string): ContainerInfo | undefined {
  if (jsonLimitViolation(json) !== undefined) return undefined;
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch {
    return undefined;
  }
  const c = (root as { container?: Record<string, unknown> } | null)?.container;
  if (!c || typeof c !== 'object') return undefined;
  const str = (k: string): string => (typeof c[k] === 'string' ? c[k] : '');
  const id = str('id');
  const info = emptyContainer(id, typeof c.type === 'number' ? c.type : 0);
  info.fullId = str('full_id');
  info.name = str('name');
  info.image = str('image');
  info.imageId = str('imageid');
  info.imageRepo = str('imagerepo');
  info.imageTag = str('imagetag');
  info.imageDigest = str('imagedigest');
  info.ip = str('ip');
  info.cniJson = str('cni_json');
  if (typeof c.privileged === 'boolean') {
    info.privileged = c.privileged;
    info.hasPrivileged = true;
  }
  info.isPodSandbox = c.is_pod_sandbox === true;
  const ls = typeof c.lookup_state === 'number' ? c.lookup_state : 1;
  info.lookupState = ls === 0 || ls === 2 ? 2 : 1;
  if (typeof c.created_time === 'number') info.createdTime = c.created_time;
  if (Array.isArray(c.Mounts)) {
    for (const m of c.Mounts as Record<string, unknown>[]) {
      if (!m || typeof m !== 'object') continue;
      info.mounts.push({
        source: typeof m.Source === 'string' ? m.Source : '',
        dest: typeof m.Destination === 'string' ? m.Destination : '',
        mode: typeof m.Mode === 'string' ? m.Mode : '',
        rdwr: m.RW === true,
        propagation: typeof m.Propagation === 'string' ? m.Propagation : '',
      });
    }
  }
  if (c.labels && typeof c.labels === 'object') {
    for (const [k, v] of Object.entries(c.labels as Record<string, unknown>)) if (typeof v === 'string') info.labels.set(k, v);
  }
  return info;
}
