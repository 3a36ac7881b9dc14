// The inspector: libsinsp's state engine for a capture. It receives the state blocks and the events of a
// capture in file order, updates process/fd/user/container state for each event exactly as libsinsp does
// before rules run, and hands out the per-event evaluation context that field extractors read.
import { ASYNC_EVENT, DUMP_FLAG, EC, EF, FD_TYPE, PLUGIN_EVENT, PT, SYSDIG_0293_SCHEMA, type BufferDisplay, type EventSchema, type ParamResolver, type ReadOptions, type ScapEvent, type ScapHandler } from '../../scap/index.js';
import type { Diagnostic } from '../../common/index.js';
import type { FieldBinder } from '../condition/compile.js';
import { bindField } from '../fields/extract/binder.js';
import { l4Of } from '../fields/extract/fd.js';
import { bindPluginInfoField } from '../plugins/runtime.js';
import { currentZoneSeconds } from '../fields/format.js';
import type { FieldRegistry } from '../fields/registry.js';
import { PluginPayloadCache, routePluginEvent, type PluginExtractorSource, type PluginRoute, type RegisteredPlugin } from '../plugins/index.js';
import { makeCloner, type CheckpointCopies } from './checkpoint.js';
import { EventContext } from './context.js';
import { fdTypeChar, fdTypeString, l4Char } from './fdinfo.js';
import { Kind, Parser, schemaInfo } from './parsers.js';
import { SinspState } from './sinsp.js';
import { stripNonPrintable } from './paths.js';
import { ThreadInfo } from './threadinfo.js';
import type { EventSnapshot, InspectorOptions, StateProfile, ThreadSnapshot } from './types.js';

export { EventContext };

/** Enter events current libsinsp parses and then filters out (libs ≥ 0.22: they never reach the rules). */
const FILTERED_ENTERS = new Set(['PPME_SYSCALL_OPEN_E', 'PPME_SYSCALL_OPENAT_2_E', 'PPME_SYSCALL_OPENAT2_E', 'PPME_SYSCALL_CREAT_E', 'PPME_SOCKET_CONNECT_E', 'PPME_SYSCALL_EXECVE_19_E', 'PPME_SYSCALL_EXECVEAT_E']); // prettier-ignore

/** State-table properties a checkpoint leaves alone: the refusal counters only feed the end-of-run warnings. */
const CHECKPOINT_SKIP = new Set(['warnings']);

/** A copy of an inspector's state between two events (see {@link Inspector.checkpoint}). */
export interface StateCheckpoint {
  readonly profile: StateProfile;
  readonly tables: Readonly<Record<string, unknown>>;
  readonly firstTsHi: number;
  readonly firstTsLo: number;
  readonly bootTimeNs: bigint;
}

export class Inspector {
  readonly profile: StateProfile;
  /** True when enter events reach the rules (`legacyEnterEvents`, or the sysdig-0.29.3 profile). */
  readonly legacyEnterEvents: boolean;
  /** 2022 libsinsp semantics (the sysdig-0.29.3 profile). */
  readonly legacy: boolean;
  readonly registry: FieldRegistry;
  readonly stateHandler: Pick<ScapHandler, 'section' | 'machineInfo' | 'iface' | 'user' | 'group' | 'thread' | 'fd'>;
  readonly readOptions: Partial<ReadOptions>;
  readonly bind: FieldBinder;
  readonly resolver: ParamResolver;
  /** The context of the last event passed to next(), whether or not it reaches the rules. */
  readonly context = new EventContext();
  /** The state tables (read-only use outside the engine). */
  readonly state: SinspState;
  readonly hostname: string | undefined;
  readonly captureFile: string | undefined;
  /** Seconds east of UTC for local times. */
  readonly zoneSeconds: number;
  /** Buffers in evt.args/evt.arg are cut to this many characters (0: no limit). */
  readonly maxBufLen: number;
  readonly bufferDisplay: BufferDisplay | undefined;
  /**
   * Options for compileFilter/parseOutputFormat/RulesEngine that make conditions behave as this profile's
   * libsinsp does: the binder, how `fd.net in (...)` lists and how addresses of the other family are compared.
   */
  get compileOptions(): { bind: FieldBinder; netListFirstOnly: boolean; addresses2022: boolean } {
    return { bind: this.bind, netListFirstOnly: !this.legacy, addresses2022: this.legacy };
  }
  /** One parse per plugin event payload, shared by its extracted fields. */
  readonly pluginPayloads = new PluginPayloadCache();
  /** Plugin field extraction besides the built-in plugins (loaded plugin libraries), consulted after them. */
  readonly pluginExtractors: readonly PluginExtractorSource[];
  /** The loaded source plugins (ID and source), which win over the registry when routing plugin events. */
  readonly #loadedPlugins: readonly RegisteredPlugin[];
  readonly #routes = new Map<number, PluginRoute>();
  /** Timestamp of the first event (evt.reltime), as u32 halves; -1 before it. */
  firstTsHi = -1;
  firstTsLo = 0;
  readonly #parser: Parser;
  #schemaCache: EventSchema | undefined;
  #info: ReturnType<typeof schemaInfo> | undefined;
  #filtered = new WeakMap<EventSchema, Uint8Array>();
  #filteredSchema: EventSchema | undefined;
  #filteredCodes: Uint8Array = new Uint8Array(0);

  constructor(registry: FieldRegistry, opts: InspectorOptions & { maxBufLen?: number; bufferDisplay?: BufferDisplay } = {}) {
    this.registry = registry;
    this.profile = opts.profile ?? 'falco';
    this.legacy = this.profile === 'sysdig-0.29.3';
    this.legacyEnterEvents = this.legacy || (opts.legacyEnterEvents ?? false);
    this.hostname = opts.hostname;
    this.captureFile = opts.captureFile;
    this.zoneSeconds = opts.zoneSeconds ?? currentZoneSeconds();
    this.maxBufLen = opts.maxBufLen ?? (this.legacy ? 80 : 0);
    this.bufferDisplay = opts.bufferDisplay;
    this.readOptions = this.legacy
      ? { schema: opts.schema ?? SYSDIG_0293_SCHEMA, convert: false, keepEnterEvents: false }
      : { convert: true, keepEnterEvents: this.legacyEnterEvents };
    this.pluginExtractors = opts.pluginExtractors ?? [];
    this.#loadedPlugins = registry.plugins.flatMap((p) => (p.id !== undefined && p.source ? [{ id: p.id, name: p.name, source: p.source }] : []));
    const st = new SinspState(this.legacy);
    if (opts.maxThreads !== undefined && opts.maxThreads > 0) st.maxThreads = Math.floor(opts.maxThreads);
    this.state = st;
    this.#parser = new Parser(st);
    this.stateHandler = {
      section: () => {
        st.reset();
        this.firstTsHi = -1;
      },
      machineInfo: (m) => {
        st.hostname = m.hostname;
        st.numCpus = m.numCpus;
        this.#parser.bootTimeNs = m.bootTimeNs;
      },
      iface: (i) => st.loadIface(i),
      user: (u) => st.loadUser(u),
      group: (g) => st.loadGroup(g),
      thread: (t) => st.loadThread(t),
      fd: (f) => st.loadFd(f),
    };
    this.resolver = makeResolver(this);
    // A loaded plugin library extracts its own fields (it may replace a built-in one); then the built-ins.
    this.bind = (field) => bindPluginInfoField(registry.plugins, field) ?? bindField(this, field);
  }

  /**
   * Update state for `e` exactly as libsinsp does before rules run, and return the evaluation context for it
   * (valid until the next call). Returns undefined for events that must not reach rules (state is updated
   * all the same; `inspector.context` still describes the event).
   */
  next(e: ScapEvent): EventContext | undefined {
    const st = this.state;
    const ctx = this.context;
    if (e.schema !== this.#schemaCache) {
      this.#schemaCache = e.schema;
      this.#info = schemaInfo(e.schema);
    }
    const info = this.#info as ReturnType<typeof schemaInfo>;
    if (st.needDependencies) st.finishStateBlocks();
    st.flushPending();
    st.evtnum = e.num;
    ctx.epoch++;
    ctx.event = e;
    const code = e.type;
    ctx.route = code === PLUGIN_EVENT || code === ASYNC_EVENT ? this.#routeOf(code, e.pluginId ?? 0) : undefined;
    const p = this.#parser;
    p.reset(e, ctx, info);
    p.parse(e, ctx, info);
    p.cleanup(e, ctx);
    // Field extraction falls back to a lookup of the event's tid (libsinsp `get_thread_info`).
    ctx.attached = ctx.thread;
    if (!ctx.thread) ctx.thread = st.lookup(e.tid);
    if (this.firstTsHi === -1) {
      const kind = info.kinds[e.type] as Kind;
      const isMeta = this.legacy ? kind === Kind.CONTAINER : (e.info.category & EC.METAEVENT) !== 0 || kind === Kind.CONTAINER;
      if (!isMeta) {
        this.firstTsHi = e.tsHi;
        this.firstTsLo = e.tsLo;
      }
    }
    ctx.reachesRules = this.#reaches(e, info);
    return ctx.reachesRules ? ctx : undefined;
  }

  /**
   * The route of a plugin event, or of an async event with a plugin ID (libsinsp: an async event with ID 0 is
   * of the syscall source; a plugin event always has a plugin source, or none when its ID is unknown).
   */
  #routeOf(code: number, id: number): PluginRoute | undefined {
    if (id === 0 && code === ASYNC_EVENT) return undefined;
    let r = this.#routes.get(id);
    if (!r) {
      r = routePluginEvent(id, this.#loadedPlugins);
      if (this.#routes.size < 4096) this.#routes.set(id, r);
    }
    return r;
  }

  /** The route of plugin ID `id` (the loaded plugins first, then the plugin registry). */
  routePlugin(id: number): PluginRoute {
    return this.#routeOf(PLUGIN_EVENT, id) as PluginRoute;
  }

  /**
   * Warnings about state the size limits refused (full thread or fd tables, oversized metadata), one per
   * kind with its count; empty when no limit was reached. `file` names the capture in the diagnostics.
   */
  stateWarnings(file: string): Diagnostic[] {
    return this.state.warnings.diagnostics(file);
  }

  /**
   * Tell the inspector that a sysdig-style capture filter rejected the current event. 2022 libsinsp then
   * forgets the thread's last enter event type when the event does not modify state, so the following exit
   * event is not paired with it (no fd attached, no copy_file_range fdout): `sysdig -r F FILTER` shows
   * that. No effect in the `falco` profile (Falco sets no capture filter).
   */
  filteredOut(): void {
    if (!this.legacy) return;
    const ctx = this.context;
    const e = ctx.event;
    const t = ctx.attached;
    if (!t || e.info.flags & (EF.MODIFIES_STATE | EF.SKIPPARSERESET) || e.info.enumName.startsWith('PPME_SCHEDSWITCH')) return;
    t.lastEventType = -1;
  }

  #reaches(e: ScapEvent, info: ReturnType<typeof schemaInfo>): boolean {
    if (e.flags & DUMP_FLAG.STATE_ONLY) return false;
    if (this.legacy) {
      // sysdig consumes container events and hides internal ones (procinfo, drops...) unless -D.
      const kind = info.kinds[e.type] as Kind;
      if (kind === Kind.CONTAINER || e.info.enumName === 'PPME_CONTAINER_E') return false;
      return (e.info.category & EC.INTERNAL) === 0;
    }
    if (this.legacyEnterEvents) return true;
    if (e.schema !== this.#filteredSchema) {
      let f = this.#filtered.get(e.schema);
      if (!f) {
        const codes = new Uint8Array(e.schema.eventMax);
        e.schema.events.forEach((ev) => {
          if (ev && FILTERED_ENTERS.has(ev.enumName)) codes[ev.code] = 1;
        });
        f = codes;
        this.#filtered.set(e.schema, f);
      }
      this.#filteredSchema = e.schema;
      this.#filteredCodes = f;
    }
    return this.#filteredCodes[e.type] !== 1;
  }

  /**
   * A detached copy of the state tables between two events (after the last one given to {@link next}): what
   * {@link restore} needs to parse the following events exactly as this inspector would.
   */
  checkpoint(): StateCheckpoint {
    // What did not change since the previous checkpoint is shared with it, not copied again.
    const k = makeCloner(this.#sentinels(), this.#lastCopies);
    const tables: Record<string, unknown> = {};
    const st = this.state as unknown as Record<string, unknown>;
    for (const key of Object.keys(st)) if (!CHECKPOINT_SKIP.has(key)) tables[key] = k.clone(st[key]);
    this.#lastCopies = k;
    return { profile: this.profile, tables, firstTsHi: this.firstTsHi, firstTsLo: this.firstTsLo, bootTimeNs: this.#parser.bootTimeNs };
  }

  /** Replace this inspector's state with a copy of a checkpoint (taken by an inspector of the same profile). */
  restore(cp: StateCheckpoint): void {
    if (cp.profile !== this.profile) throw new Error(`a ${cp.profile} checkpoint cannot be restored into a ${this.profile} inspector`);
    const k = makeCloner(this.#sentinels());
    const st = this.state as unknown as Record<string, unknown>;
    for (const [key, v] of Object.entries(cp.tables)) st[key] = k.clone(v);
    this.#lastCopies = undefined;
    this.firstTsHi = cp.firstTsHi;
    this.firstTsLo = cp.firstTsLo;
    this.#parser.bootTimeNs = cp.bootTimeNs;
  }

  /** The objects the last checkpoint reached, with their copies (the next one shares the unchanged ones). */
  #lastCopies: CheckpointCopies | undefined;

  /** Objects the state compares by identity (a new thread's empty fd table and defaults): never copied. */
  #sentinels(): object[] {
    const fresh = new ThreadInfo(0);
    return [fresh.fds, fresh.inherited, this.state.internList([])];
  }

  /** Detached snapshot for an alert: the current event's thread with its ancestry and fd table. */
  snapshot(): EventSnapshot {
    const ctx = this.context;
    const e = ctx.event;
    const t = ctx.thread;
    const st = this.state;
    const ancestors: ThreadSnapshot[] = [];
    if (t) st.forEachAncestor(t, (a) => void ancestors.push(this.#threadSnapshot(a)));
    const fds = [];
    const table = t ? st.fdTable(t) : undefined;
    if (table) {
      for (const [fd, f] of [...table].sort((a, b) => a[0] - b[0])) fds.push({ fd, type: fdTypeString(f.type), typechar: fdTypeChar(f.type), name: f.name });
    }
    return {
      evtNum: e.num,
      ts: e.tsText(),
      type: e.typeName,
      dir: e.dir,
      fdNum: t ? t.lastEventFd : -1,
      thread: t ? this.#threadSnapshot(t) : undefined,
      ancestors,
      fds,
    };
  }

  #threadSnapshot(t: ThreadInfo): ThreadSnapshot {
    const st = this.state;
    return {
      tid: t.tid,
      pid: t.pid,
      ptid: t.ptid,
      comm: t.comm,
      exe: t.exe,
      exepath: t.exepath,
      args: [...t.args],
      cwd: st.cwd(t),
      uid: t.uid,
      gid: t.gid,
      user: st.user(this.legacy ? '' : t.containerId, t.uid)?.name,
      loginuid: t.loginuid,
      tty: t.tty,
      containerId: t.containerId,
    };
  }
}

/** Parameter resolution against the current state (fd names, comm of pids, user names, relative paths). */
function makeResolver(ins: Inspector): ParamResolver {
  const st = ins.state;
  const legacy = ins.legacy;
  const threadOf = (e: ScapEvent): ThreadInfo | undefined => (ins.context.event === e ? ins.context.thread : st.lookup(e.tid));
  return {
    threadKnown: (e) => threadOf(e) !== undefined,
    fd: (e, fd) => {
      const t = threadOf(e);
      const f = t ? st.peekFd(t, fd) : undefined;
      if (!f) return undefined;
      let l4 = '';
      if (f.type === FD_TYPE.IPV4_SOCK || f.type === FD_TYPE.IPV6_SOCK || f.type === FD_TYPE.IPV4_SERVSOCK || f.type === FD_TYPE.IPV6_SERVSOCK) l4 = l4Char(l4Of(f));
      return `<${fdTypeChar(f.type)}${l4}>${legacy ? stripNonPrintable(f.name) : f.name}`;
    },
    fdTypeChar: (e, fd) => {
      const t = threadOf(e);
      const f = t ? st.peekFd(t, fd) : undefined;
      return f ? fdTypeChar(f.type) : undefined;
    },
    comm: (_e, pid) => st.lookup(pid)?.comm,
    user: (e, uid) => {
      const t = threadOf(e);
      const u = st.user(legacy || !t ? '' : t.containerId, uid);
      if (u) return u.name;
      return legacy ? undefined : uid === 0 ? 'root' : undefined;
    },
    group: (e, gid) => {
      const t = threadOf(e);
      const g = st.group(legacy || !t ? '' : t.containerId, gid);
      if (g) return g.name;
      return legacy ? undefined : gid === 0 ? 'root' : undefined;
    },
    resolvePath: (e, i, path) => {
      const t = threadOf(e);
      if (!t || path.length === 0 || path.startsWith('<NA>') || path.startsWith('/')) return '';
      let base = st.cwd(t);
      if (e.paramType(i) === PT.FSRELPATH) {
        const di = e.info.params[i]?.dirfdIndex;
        if (di !== undefined && di < e.nparams) {
          const dirfd = e.paramInt(di) ?? -100;
          if (dirfd !== -100) {
            const f = st.peekFd(t, dirfd);
            const name = f ? f.name : '';
            if (name === '') base = '';
            else base = (legacy ? stripNonPrintable(name) : name) + '/';
          }
        }
      }
      return st.concat(base, path);
    },
  };
}
