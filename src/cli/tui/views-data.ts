// What the views show: counts the replay aggregates per process, fd, event type and container while it runs
// (one Map lookup or two per event, every table capped), and the keys of each alert that the views' filters
// and the timeline match on. Raw strings stay here; the view selectors escape what reaches the screen.
// Design and measurements: docs/tui-views.md#aggregation.
import { fdTypeString, l4Name, type Alert, type Inspector, type Replay } from '../../engine/index.js';

type ReplayInspector = ReturnType<NonNullable<Replay['options']['inspector']>>;

/** Processes counted; events of further processes are only counted as dropped. */
export const MAX_PROCESSES = 20_000;
/** fd names counted per process, and in all. */
export const MAX_FDS_PER_PROCESS = 2_000;
export const MAX_FD_ROWS = 200_000;
/** Event types counted per process (the schema has a few hundred). */
export const MAX_TYPES_PER_PROCESS = 512;
/** Longest key kept (fd names, command lines): longer ones are cut, as the screen would cut them anyway. */
export const MAX_KEY = 1024;

const cut = (s: string): string => (s.length > MAX_KEY ? s.slice(0, MAX_KEY) : s);

/** The part of an event and its state the aggregation reads (the Inspector's context has it). */
export interface ObservedEvent {
  readonly event: { readonly tsHi: number; readonly tsLo: number; readonly typeName: string };
  readonly thread: { readonly pid: number; readonly ptid: number; readonly comm: string; readonly args: readonly string[]; readonly containerId: string } | undefined;
  readonly fd: { readonly type: number; readonly name: string; readonly l4proto: number } | undefined;
}

interface FdCount {
  readonly type: string;
  readonly l4: string;
  events: number;
}

interface ProcessCount {
  readonly pid: number;
  ppid: number;
  name: string;
  cmdline: string;
  container: string;
  events: number;
  readonly types: Map<string, number>;
  readonly fds: Map<string, FdCount>;
}

/** One aggregated row: raw field values by field name, and its event count. */
export interface FactRow {
  readonly fields: Readonly<Record<string, string>>;
  readonly events: number;
}

/** The aggregation's tables, flattened for the views (raw values; escaped by the view selectors). */
export interface ViewFacts {
  readonly processes: readonly FactRow[];
  readonly fds: readonly FactRow[];
  readonly types: readonly FactRow[];
  /** Events not counted in some table because a cap was reached. */
  readonly dropped: { readonly processes: number; readonly fds: number; readonly types: number };
  /** Events without a thread (counted in no process). */
  readonly threadless: number;
  /** Capture time of the first and last event seen (ns since the epoch), when any. */
  readonly span: { readonly first: number; readonly last: number } | undefined;
}

const ns = (hi: number, lo: number): number => hi * 4294967296 + lo;

/** Counts per process, fd name, event type (and so per container) of the events the replay evaluated. */
export class Aggregator {
  readonly #procs = new Map<number, ProcessCount>();
  #fdRows = 0;
  #droppedProcs = 0;
  #droppedFds = 0;
  #droppedTypes = 0;
  #threadless = 0;
  #firstHi = -1;
  #firstLo = 0;
  #lastHi = -1;
  #lastLo = 0;
  #version = 0;
  #facts: ViewFacts | undefined;
  #factsVersion = -1;
  /** Count one event; `pidOf` gives the pid of a thread id (for parents; the parent's tid is kept when absent). */
  observe(o: ObservedEvent, pidOf?: (tid: number) => number | undefined): void {
    this.#version++;
    const e = o.event;
    if (e.tsHi !== 0 || e.tsLo !== 0) {
      if (this.#firstHi < 0 || e.tsHi < this.#firstHi || (e.tsHi === this.#firstHi && e.tsLo < this.#firstLo)) {
        this.#firstHi = e.tsHi;
        this.#firstLo = e.tsLo;
      }
      if (e.tsHi > this.#lastHi || (e.tsHi === this.#lastHi && e.tsLo > this.#lastLo)) {
        this.#lastHi = e.tsHi;
        this.#lastLo = e.tsLo;
      }
    }
    const t = o.thread;
    if (!t) {
      this.#threadless++;
      return;
    }
    let p = this.#procs.get(t.pid);
    if (!p) {
      if (this.#procs.size >= MAX_PROCESSES) {
        this.#droppedProcs++;
        return;
      }
      p = { pid: t.pid, ppid: -1, name: '', cmdline: '', container: '', events: 0, types: new Map(), fds: new Map() };
      this.#procs.set(t.pid, p);
    }
    // An execve changes the name and command line: the view shows the latest.
    if (p.name !== t.comm) {
      p.name = t.comm;
      p.cmdline = cut([t.comm, ...t.args].join(' '));
      p.ppid = pidOf?.(t.ptid) ?? t.ptid;
      p.container = t.containerId;
    }
    p.events++;
    const type = e.typeName;
    const n = p.types.get(type);
    if (n !== undefined) p.types.set(type, n + 1);
    else if (p.types.size < MAX_TYPES_PER_PROCESS) p.types.set(type, 1);
    else this.#droppedTypes++;
    const f = o.fd;
    if (f && f.name) {
      const c = p.fds.get(f.name);
      if (c) c.events++;
      else if (p.fds.size < MAX_FDS_PER_PROCESS && this.#fdRows < MAX_FD_ROWS) {
        this.#fdRows++;
        p.fds.set(cut(f.name), { type: fdTypeString(f.type), l4: l4Name(f.l4proto) ?? '', events: 1 });
      } else this.#droppedFds++;
    }
  }

  get version(): number {
    return this.#version;
  }

  /** The tables as rows (rebuilt only when events arrived since the last call). */
  facts(): ViewFacts {
    if (this.#facts && this.#factsVersion === this.#version) return this.#facts;
    const processes: FactRow[] = [];
    const fds: FactRow[] = [];
    const types: FactRow[] = [];
    for (const p of this.#procs.values()) {
      const pid = String(p.pid);
      const container = p.container || 'host';
      processes.push({ fields: { 'proc.pid': pid, 'proc.ppid': String(p.ppid), 'proc.name': p.name, 'proc.cmdline': p.cmdline, 'container.id': container }, events: p.events });
      for (const [name, c] of p.fds) fds.push({ fields: { 'proc.pid': pid, 'proc.name': p.name, 'container.id': container, 'fd.name': name, 'fd.type': c.type, 'fd.l4proto': c.l4 }, events: c.events });
      for (const [type, n] of p.types) types.push({ fields: { 'proc.pid': pid, 'proc.name': p.name, 'container.id': container, 'evt.type': type }, events: n });
    }
    this.#facts = {
      processes,
      fds,
      types,
      dropped: { processes: this.#droppedProcs, fds: this.#droppedFds, types: this.#droppedTypes },
      threadless: this.#threadless,
      span: this.#firstHi < 0 ? undefined : { first: ns(this.#firstHi, this.#firstLo), last: ns(this.#lastHi, this.#lastLo) },
    };
    this.#factsVersion = this.#version;
    return this.#facts;
  }
}

/** An Inspector that also feeds every event reaching the rules to `agg` (the replay's `inspector` option). */
export function observingInspector(ins: Inspector, agg: Aggregator): ReplayInspector {
  const pidOf = (tid: number): number | undefined => ins.state.lookup(tid)?.pid;
  return {
    stateHandler: ins.stateHandler,
    readOptions: ins.readOptions,
    bind: ins.bind,
    snapshot: () => ins.snapshot(),
    stateWarnings: (file: string) => ins.stateWarnings(file),
    checkpoint: () => ins.checkpoint(),
    next: (e) => {
      const ctx = ins.next(e);
      if (ctx) agg.observe(ctx, pidOf);
      return ctx;
    },
  };
}

/** The keys of one alert the views filter on (raw), and its time. */
export interface AlertKeys {
  readonly fields: Readonly<Record<string, string>>;
  /** ns since the epoch (a double: exact enough for timeline buckets). */
  readonly ts: number;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : undefined);

/** The view keys of an alert, from its state snapshot, else from its output fields. */
export function alertKeys(a: Alert): AlertKeys {
  const f = a.outputFields ?? {};
  const snap = a.snapshot;
  const t = snap?.thread;
  const fields: Record<string, string> = {};
  const put = (k: string, v: string | undefined): void => {
    if (v !== undefined) fields[k] = cut(v);
  };
  put('proc.pid', t ? String(t.pid) : text(f['proc.pid']));
  put('proc.name', t ? t.comm : text(f['proc.name']));
  put('container.id', t ? t.containerId || 'host' : text(f['container.id']));
  put('evt.type', snap?.type ?? text(f['evt.type']));
  const fd = snap ? snap.fds.find((x) => x.fd === snap.fdNum) : undefined;
  put('fd.name', fd ? fd.name : text(f['fd.name']));
  put('fd.type', fd?.type ?? text(f['fd.type']));
  return { fields, ts: Number(a.ts) };
}
