// Extractors of the `user.*`, `group.*`, `container.*`, `k8s.*`, `fs.path.*`, `fdlist.*` and `capture.*` fields
// (docs/sinsp-semantics.md#fdlist-and-fs-path-fields, #user-group-container-and-k8s-fields).
import { FD_TYPE, ipv4NumberText, ipv6Text, type ScapEvent } from '../../../scap/index.js';
import { CONTAINER_TYPE_NAMES, type ContainerInfo } from '../../state/containers.js';
import type { EventContext } from '../../state/context.js';
import { ROLE } from '../../state/fdinfo.js';
import type { ThreadInfo } from '../../state/threadinfo.js';
import { compileGlob } from '../../condition/glob.js';
import type { FieldValue } from '../types.js';
import { asExtractor, th, type ExtractEnv, type ExtractorFactory } from './env.js';

const UNSET = 0xffffffff;

function userName(env: ExtractEnv, t: ThreadInfo, uid: number, what: 'name' | 'home' | 'shell'): string | undefined {
  const st = env.state;
  if (env.legacy) {
    if (uid === UNSET) return undefined;
    return st.user('', uid)?.[what];
  }
  const u = st.user(t.containerId, uid);
  if (u) return u[what];
  if (uid === 0) return what === 'name' ? 'root' : what === 'home' ? '/root' : '<NA>';
  return '<NA>';
}

const USER: Record<string, ExtractorFactory> = {
  'user.uid': th((_e, t) => t.uid >>> 0),
  'user.name': th((env, t) => userName(env, t, t.uid, 'name')),
  'user.homedir': th((env, t) => userName(env, t, t.uid, 'home')),
  'user.shell': th((env, t) => userName(env, t, t.uid, 'shell')),
  'user.loginuid': th((env, t) => (env.legacy ? t.loginuid | 0 : t.loginuid === UNSET ? -1 : t.loginuid)),
  'user.loginname': th((env, t) => userName(env, t, t.loginuid, 'name')),
  'group.gid': th((_e, t) => t.gid >>> 0),
  'group.name': th((env, t) => {
    const st = env.state;
    if (env.legacy) return st.group('', t.gid)?.name;
    const g = st.group(t.containerId, t.gid);
    if (g) return g.name;
    return t.gid === 0 ? 'root' : '<NA>';
  }),
};

// --- containers ---

function containerOf(env: ExtractEnv, t: ThreadInfo): ContainerInfo | undefined {
  return t.containerId === '' ? undefined : env.state.containers.get(t.containerId);
}

/** A container field: `host` gives the host value (current plugin), `l22Host` the 2022 host value. */
function cf(get: (c: ContainerInfo, env: ExtractEnv) => FieldValue | undefined, host: FieldValue | undefined, l22Host: FieldValue | undefined, l22Empty = true): ExtractorFactory {
  return th((env, t) => {
    if (t.containerId === '') return env.legacy ? l22Host : host;
    const c = containerOf(env, t);
    if (!c) return undefined;
    const v = get(c, env);
    if (env.legacy && l22Empty && v === '') return undefined;
    return v;
  });
}

function mountText(m: ContainerInfo['mounts'][number]): string {
  return `${m.source}:${m.dest}:${m.mode}:${m.rdwr ? 'true' : 'false'}:${m.propagation}`;
}

/** container.mount*[i or glob]: the mount by index, or the first whose source (dest for .source) matches. */
function mountField(get: (m: ContainerInfo['mounts'][number]) => string, byDest: boolean): ExtractorFactory {
  return (env, f) => {
    const idx = f.arg?.index;
    const key = f.arg?.key;
    const keyGlob = key === undefined ? undefined : compileGlob(key);
    return asExtractor((ctx: EventContext) => {
      const t = ctx.thread;
      if (!t || t.containerId === '') return undefined;
      const c = containerOf(env, t);
      if (!c) return undefined;
      if (idx !== undefined && (key === undefined || /^\d+$/.test(key))) {
        const m = c.mounts[idx];
        return m ? get(m) : undefined;
      }
      if (keyGlob === undefined) return undefined;
      for (const m of c.mounts) if (keyGlob(byDest ? m.dest : m.source)) return get(m);
      return undefined;
    });
  };
}

const label = (c: ContainerInfo, k: string): string | undefined => c.labels.get(k);

/** The pod sandbox record of a container (labels io.kubernetes.sandbox.id). */
function sandboxOf(env: ExtractEnv, c: ContainerInfo): ContainerInfo | undefined {
  const id = label(c, 'io.kubernetes.sandbox.id');
  if (!id) return c.isPodSandbox ? c : undefined;
  return env.state.containers.get(id.slice(0, 12)) ?? c;
}

function podLabels(env: ExtractEnv, c: ContainerInfo): [string, string][] {
  const sb = sandboxOf(env, c) ?? c;
  return [...sb.labels].filter(([k]) => !k.startsWith('annotation.') && !k.startsWith('io.kubernetes.')).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A k8s field from container labels; missing on the host and when unknown. */
function k8s(get: (c: ContainerInfo, env: ExtractEnv) => string | undefined): ExtractorFactory {
  return th((env, t) => {
    const c = containerOf(env, t);
    if (!c) return undefined;
    if (env.legacy && c.labels.size === 0) return undefined;
    const v = get(c, env);
    return v === '' ? undefined : v;
  });
}

const CONTAINER: Record<string, ExtractorFactory> = {
  'container.id': th((env, t) => (t.containerId === '' ? 'host' : t.containerId)),
  'container.full_id': cf((c) => c.fullId || c.id, 'host', undefined),
  'container.name': cf((c) => c.name, 'host', 'host', true),
  'container.image': cf((c) => c.image, '', undefined),
  'container.image.id': cf((c) => c.imageId, '', undefined),
  'container.image.repository': cf((c) => c.imageRepo, '', undefined),
  'container.image.tag': cf((c) => c.imageTag, '', undefined),
  'container.image.digest': cf((c) => c.imageDigest, '', undefined),
  'container.type': cf((c) => CONTAINER_TYPE_NAMES[c.type] ?? '', 'host', 'host', false),
  'container.privileged': cf(
    (c, env) => {
      if (env.legacy && !(c.type === 0 || c.type === 6 || c.type === 7 || c.type === 8 || c.type === 11)) return undefined;
      return c.privileged;
    },
    false,
    undefined,
    false,
  ),
  'container.mounts': cf((c) => c.mounts.map(mountText).join(','), '', undefined, false),
  'container.mount': mountField(mountText, false),
  'container.mount.source': mountField((m) => m.source, true),
  'container.mount.dest': mountField((m) => m.dest, false),
  'container.mount.mode': mountField((m) => m.mode, false),
  'container.mount.rdwr': mountField((m) => (m.rdwr ? 'true' : 'false'), false),
  'container.mount.propagation': mountField((m) => m.propagation, false),
  'container.ip': cf((c) => c.ip, '', undefined),
  'container.label': (env, f) => {
    const key = f.arg?.key ?? '';
    return asExtractor((ctx: EventContext) => {
      const t = ctx.thread;
      const c = t ? containerOf(env, t) : undefined;
      return c ? c.labels.get(key) : undefined;
    });
  },
  'container.labels': cf((c) => [...c.labels].map(([k, v]) => (v === '' ? k : `${k}:${v}`)).join(', '), '', undefined, false),
  'container.start_ts': th((env, t) => {
    if (env.legacy || t.pidnsInitStartTs === 0n) return undefined;
    const v = t.pidnsInitStartTs;
    return v <= 9007199254740991n ? Number(v) : v;
  }),
  'container.duration': th((env, t, ctx) => {
    if (env.legacy || t.pidnsInitStartTs === 0n) return undefined;
    const e = ctx.event;
    return Number(BigInt(e.tsHi) * 4294967296n + BigInt(e.tsLo) - t.pidnsInitStartTs);
  }),
  'container.host_pid': cf(() => false, false, undefined, false),
  'container.host_network': cf(() => false, false, undefined, false),
  'container.host_ipc': cf(() => false, false, undefined, false),
  // Deprecated fields the container plugin (and 2022 libsinsp without a k8s/health-check state) never extracts.
  ...Object.fromEntries(
    ['container.healthcheck', 'container.liveness_probe', 'container.readiness_probe', 'proc.is_container_healthcheck', 'proc.is_container_liveness_probe', 'proc.is_container_readiness_probe',
     ...['rc', 'svc', 'rs', 'deployment'].flatMap((k) => [`k8s.${k}.name`, `k8s.${k}.id`, `k8s.${k}.label`, `k8s.${k}.labels`]), 'k8s.ns.id', 'k8s.ns.label', 'k8s.ns.labels']
      .map((n) => [n, () => () => undefined]),
  ), // prettier-ignore
  'container.cni.json': cf((c) => c.cniJson, '', undefined),
  'k8s.pod.cni.json': k8s((c, env) => (sandboxOf(env, c) ?? c).cniJson),
  'k8s.pod.name': k8s((c) => label(c, 'io.kubernetes.pod.name')),
  'k8s.ns.name': k8s((c) => label(c, 'io.kubernetes.pod.namespace')),
  'k8s.pod.id': k8s((c) => label(c, 'io.kubernetes.pod.uid')),
  'k8s.pod.uid': k8s((c) => label(c, 'io.kubernetes.pod.uid')),
  'k8s.pod.sandbox_id': k8s((c) => label(c, 'io.kubernetes.sandbox.id')?.slice(0, 12)),
  'k8s.pod.full_sandbox_id': k8s((c) => label(c, 'io.kubernetes.sandbox.id')),
  'k8s.pod.label': (env, f) => {
    const key = f.arg?.key ?? '';
    return asExtractor((ctx: EventContext) => {
      const t = ctx.thread;
      const c = t ? containerOf(env, t) : undefined;
      if (!c) return undefined;
      return (sandboxOf(env, c) ?? c).labels.get(key);
    });
  },
  'k8s.pod.labels': k8s((c, env) => podLabels(env, c).map(([k, v]) => (v === '' ? k : `${k}:${v}`)).join(', ')),
  'k8s.pod.ip': k8s((c, env) => (sandboxOf(env, c) ?? c).ip),
};

// --- fs.path ---

interface FsSpec {
  success: 'res0' | 'fd';
  name?: string;
  source?: string;
  target?: string;
  /** Where relative paths are resolved: the dirfd parameter, the event fd record, or the cwd. */
  dirfd?: string;
}

const FS: Record<string, FsSpec> = {
  mkdir: { success: 'res0', name: 'path' },
  mkdirat: { success: 'res0', name: 'path', dirfd: 'dirfd' },
  rmdir: { success: 'res0', name: 'path' },
  unlink: { success: 'res0', name: 'path' },
  unlinkat: { success: 'res0', name: 'name', dirfd: 'dirfd' },
  open: { success: 'fd', name: 'name' },
  openat: { success: 'fd', name: 'name', dirfd: 'fdrec' },
  openat2: { success: 'fd', name: 'name', dirfd: 'fdrec' },
  fchmodat: { success: 'res0', name: 'filename', dirfd: 'dirfd' },
  chmod: { success: 'res0', name: 'filename' },
  chown: { success: 'res0', name: 'path' },
  lchown: { success: 'res0', name: 'path' },
  fchownat: { success: 'res0', name: 'pathname', dirfd: 'dirfd' },
  quotactl: { success: 'res0', name: 'special' },
  rename: { success: 'res0', source: 'oldpath', target: 'newpath' },
  renameat: { success: 'res0', source: 'oldpath', target: 'newpath', dirfd: 'olddirfd' },
  renameat2: { success: 'res0', source: 'oldpath', target: 'newpath', dirfd: 'olddirfd' },
  link: { success: 'res0', source: 'newpath', target: 'oldpath' },
  linkat: { success: 'res0', source: 'newpath', target: 'oldpath' },
  symlink: { success: 'res0', source: 'linkpath', target: 'target' },
  symlinkat: { success: 'res0', source: 'linkpath', target: 'target', dirfd: 'linkdirfd' },
  mount: { success: 'res0', source: 'dev', target: 'dir' },
  umount: { success: 'res0', name: 'name' },
  umount2: { success: 'res0', name: 'name' },
};

function fsPath(env: ExtractEnv, ctx: EventContext, which: 'name' | 'source' | 'target', raw: boolean): string | undefined {
  if (env.legacy) return undefined;
  const e = ctx.event;
  if (!(e.type & 1)) return undefined;
  let spec = FS[e.name];
  if (e.name === 'fchmod' || e.name === 'fchown') spec = { success: 'res0', name: 'fd' };
  if (!spec) return undefined;
  const res = e.paramInt(0) ?? -1;
  if (spec.success === 'res0' ? res !== 0 : res === -1) return undefined;
  const pname = spec[which];
  if (!pname) return undefined;
  const t = ctx.thread;
  const st = env.state;
  if (pname === 'fd') {
    const f = t ? st.peekFd(t, e.paramInt(e.paramIndex('fd')) ?? -1) : undefined;
    return f?.name;
  }
  const i = e.paramIndex(pname);
  if (i < 0 || i >= e.nparams) return undefined;
  const p = e.paramString(i) ?? '';
  if (raw) return p;
  if (p.startsWith('/')) return st.concat('', p);
  let dir: string;
  if (spec.dirfd === 'fdrec') dir = ctx.fd?.name ?? '<UNKNOWN>';
  else if (spec.dirfd) {
    let dname = spec.dirfd;
    if (e.name === 'renameat2' || e.name === 'renameat') dname = which === 'source' ? 'olddirfd' : 'newdirfd';
    if (e.name === 'symlinkat' && which === 'target') return st.concat(t ? st.cwd(t) : '', p);
    const di = e.paramIndex(dname);
    const dirfd = di >= 0 ? (e.paramInt(di) ?? -100) : -100;
    if (dirfd === -100) dir = t ? st.cwd(t) : '';
    else {
      const f = t ? st.peekFd(t, dirfd) : undefined;
      dir = f && f.type === FD_TYPE.DIRECTORY ? f.name + '/' : '<UNKNOWN>';
    }
  } else dir = t ? st.cwd(t) : '';
  if (spec.dirfd === 'fdrec' && dir !== '<UNKNOWN>') return st.concat(dir.endsWith('/') ? dir : dir + '/', p);
  return st.concat(dir, p);
}

const FSPATH: Record<string, ExtractorFactory> = {
  'fs.path.name': (env) => asExtractor((ctx: EventContext) => fsPath(env, ctx, 'name', false)),
  'fs.path.nameraw': (env) => asExtractor((ctx: EventContext) => fsPath(env, ctx, 'name', true)),
  'fs.path.source': (env) => asExtractor((ctx: EventContext) => fsPath(env, ctx, 'source', false)),
  'fs.path.sourceraw': (env) => asExtractor((ctx: EventContext) => fsPath(env, ctx, 'source', true)),
  'fs.path.target': (env) => asExtractor((ctx: EventContext) => fsPath(env, ctx, 'target', false)),
  'fs.path.targetraw': (env) => asExtractor((ctx: EventContext) => fsPath(env, ctx, 'target', true)),
};

// --- fdlist (poll events) ---

function fdlist(env: ExtractEnv, ctx: EventContext, get: (fd: number, t: ThreadInfo | undefined) => string | undefined): string | undefined {
  const e: ScapEvent = ctx.event;
  const i = e.paramIndex('fds');
  if (i < 0 || i >= e.nparams) return undefined;
  const list = e.paramFdList(i);
  if (!list) return undefined;
  const out: string[] = [];
  for (const { fd } of list) {
    const v = get(fd, ctx.thread);
    if (v !== undefined) out.push(v);
  }
  void env;
  return out.join(',');
}

const FDLIST: Record<string, ExtractorFactory> = {
  'fdlist.nums': (env) => asExtractor((ctx: EventContext) => fdlist(env, ctx, (fd) => String(fd))),
  'fdlist.names': (env) => asExtractor((ctx: EventContext) => fdlist(env, ctx, (fd, t) => (t ? env.state.peekFd(t, fd)?.name : undefined))),
  'fdlist.cips': (env) =>
    asExtractor((ctx: EventContext) =>
      fdlist(env, ctx, (fd, t) => {
        const f = t ? env.state.peekFd(t, fd) : undefined;
        if (!f || f.role === ROLE.NONE) return undefined;
        if (f.type === FD_TYPE.IPV4_SOCK) return ipv4NumberText(f.sip);
        if (f.type === FD_TYPE.IPV6_SOCK && f.sip6) return ipv6Text(f.sip6, 0);
        return undefined;
      }),
    ),
  'fdlist.sips': (env) =>
    asExtractor((ctx: EventContext) =>
      fdlist(env, ctx, (fd, t) => {
        const f = t ? env.state.peekFd(t, fd) : undefined;
        if (!f) return undefined;
        if (f.type === FD_TYPE.IPV4_SOCK && f.role !== ROLE.NONE) return ipv4NumberText(f.dip);
        if (f.type === FD_TYPE.IPV6_SOCK && f.role !== ROLE.NONE && f.dip6) return ipv6Text(f.dip6, 0);
        if (f.type === FD_TYPE.IPV4_SERVSOCK) return ipv4NumberText(f.sip);
        if (f.type === FD_TYPE.IPV6_SERVSOCK && f.sip6) return ipv6Text(f.sip6, 0);
        return undefined;
      }),
    ),
  'fdlist.cports': (env) =>
    asExtractor((ctx: EventContext) =>
      fdlist(env, ctx, (fd, t) => {
        const f = t ? env.state.peekFd(t, fd) : undefined;
        return f && f.role !== ROLE.NONE && (f.type === FD_TYPE.IPV4_SOCK || f.type === FD_TYPE.IPV6_SOCK) ? String(f.sport) : undefined;
      }),
    ),
  'fdlist.sports': (env) =>
    asExtractor((ctx: EventContext) =>
      fdlist(env, ctx, (fd, t) => {
        const f = t ? env.state.peekFd(t, fd) : undefined;
        if (!f) return undefined;
        if ((f.type === FD_TYPE.IPV4_SOCK || f.type === FD_TYPE.IPV6_SOCK) && f.role !== ROLE.NONE) return String(f.dport);
        if (f.isServer) return String(f.sport);
        return undefined;
      }),
    ),
};

// --- capture ---

const CAPTURE: Record<string, ExtractorFactory> = {
  'capture.file': (env) => asExtractor(() => env.captureFile),
  // Missing when the capture has no machine info block (or an empty host name in it).
  'capture.hostname': (env) => asExtractor(() => env.state.hostname || undefined),
};

export const MISC_EXTRACTORS: Readonly<Record<string, ExtractorFactory>> = { ...USER, ...CONTAINER, ...FSPATH, ...FDLIST, ...CAPTURE };
