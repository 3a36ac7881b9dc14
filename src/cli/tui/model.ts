// The TUI's data: alerts and rules as the screens show them. Every string that comes from a capture or a rules
// file is escaped here, on its way in, and nowhere else: the views only ever hold text made by this module.
import { escapeControl, escapeText } from '../../common/index.js';
import { alertLine, type Alert, type CompiledRule, type ReplayProgress, type ReplaySummary } from '../../engine/index.js';
import type { DiffData } from './diff-data.js';
import { alertKeys, type AlertKeys, type ViewFacts } from './views-data.js';

/** Text that is safe for a terminal: made only by {@link safe}. */
export type SafeText = string & { readonly __safe: true };

/** The one escaping point of the TUI. */
export const safe = (text: string): SafeText => escapeControl(text) as SafeText;

/** An `events` line: escaped as `events` prints it (backslashes kept, as sysdig), so the screen shows the same line. */
export const safeLine = (text: string): SafeText => escapeText(text, 'line') as SafeText;

/** Text we wrote ourselves (labels, numbers), safe by construction. */
export const ours = (text: string): SafeText => text as SafeText;

/**
 * `n.toLocaleString('en-US')` for the counts the screens show, without ICU: a frame formats dozens of numbers
 * and the locale path costs about a microsecond each (milliseconds on a frame's first use).
 */
export function grouped(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.length > 3 ? digits.slice(0, digits.length % 3 || 3) : digits;
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/** Kept per run for drill-down; counts go on past it (a later session replaces this with an offset index). */
export const MAX_KEPT_ALERTS = 200_000;
/** Longest value shown for one field, command line or fd name (the screen truncates further). */
export const MAX_TEXT = 4096;
/** Ancestors and fds shown for one event. */
export const MAX_ANCESTORS = 64;
export const MAX_FDS = 1024;

const cap = (s: string): string => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

export interface RuleInfo {
  readonly id: number;
  readonly name: SafeText;
  /** 0 = Emergency … 7 = Debug. */
  readonly priority: number;
}

export interface AlertRow {
  /** Position in the run's kept alerts. */
  readonly index: number;
  readonly ruleId: number;
  readonly priority: number;
  /** The capture of the alert's event (index in the run's captures) and its event number there. */
  readonly capture: number;
  readonly evtNum: number;
  readonly time: SafeText;
  /** `name[pid]` of the process the alert is about, when known. */
  readonly process: SafeText;
  readonly output: SafeText;
}

export interface FieldLine {
  readonly name: SafeText;
  readonly value: SafeText;
}

export interface FieldFamily {
  readonly family: SafeText;
  readonly fields: readonly FieldLine[];
}

export interface ProcessNode {
  readonly pid: number;
  readonly tid: number;
  readonly name: SafeText;
  readonly cmdline: SafeText;
}

export interface FdLine {
  readonly fd: number;
  readonly type: SafeText;
  readonly name: SafeText;
  /** The fd the event used. */
  readonly current: boolean;
}

/** One alert's event as the event screen shows it. */
export interface EventDetail {
  readonly families: readonly FieldFamily[];
  /** Outermost ancestor first, the event's process last. */
  readonly ancestry: readonly ProcessNode[];
  readonly fds: readonly FdLine[];
  /** False when the replay kept no state snapshot for the alert. */
  readonly hasState: boolean;
  /** The event's process, thread and fd (−1 when unknown or none): what around and follow start from. */
  readonly pid?: number;
  readonly tid?: number;
  readonly fd?: number;
}

/** Field families in the order the event screen groups them (others follow, by name). */
export const FAMILIES = ['evt', 'proc', 'thread', 'fd', 'user', 'group', 'container', 'k8s'] as const;

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '<NA>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `(${v.map(valueText).join(',')})`;
  // Objects do not occur in output fields today; show their JSON rather than "[object Object]".
  return JSON.stringify(v) ?? '<NA>';
}

type Snapshot = NonNullable<Alert['snapshot']>;
type ThreadSnap = NonNullable<Snapshot['thread']>;

const cmdline = (t: ThreadSnap): string => [t.comm, ...t.args].join(' ');

/** The event screen's content for an alert: output fields and state, grouped by family. */
export function eventDetail(alert: Alert): EventDetail {
  const byFamily = new Map<string, Map<string, string>>();
  const put = (name: string, value: string): void => {
    const dot = name.indexOf('.');
    const fam = dot > 0 ? name.slice(0, dot) : name;
    let m = byFamily.get(fam);
    if (!m) byFamily.set(fam, (m = new Map<string, string>()));
    if (!m.has(name)) m.set(name, value);
  };
  put('evt.num', String(alert.evtNum));
  for (const [k, v] of Object.entries(alert.outputFields ?? {})) put(k, valueText(v));
  const snap = alert.snapshot;
  if (snap) {
    put('evt.type', snap.type);
    put('evt.dir', snap.dir);
    const t = snap.thread;
    if (t) {
      put('proc.pid', String(t.pid));
      put('proc.name', t.comm);
      put('proc.exe', t.exe);
      put('proc.exepath', t.exepath);
      put('proc.cmdline', cmdline(t));
      put('proc.cwd', t.cwd);
      put('thread.tid', String(t.tid));
      put('user.uid', String(t.uid));
      if (t.user !== undefined) put('user.name', t.user);
      put('user.loginuid', String(t.loginuid));
      put('group.gid', String(t.gid));
      put('proc.tty', String(t.tty));
      put('container.id', t.containerId || 'host');
    }
  }
  const order = (f: string): number => {
    const i = (FAMILIES as readonly string[]).indexOf(f);
    return i < 0 ? FAMILIES.length : i;
  };
  const families = [...byFamily.entries()]
    .sort((a, b) => order(a[0]) - order(b[0]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([family, m]) => ({
      family: safe(family),
      fields: [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([name, value]) => ({ name: safe(name), value: safe(cap(value)) })),
    }));
  const ancestry: ProcessNode[] = [];
  const fds: FdLine[] = [];
  if (snap) {
    const chain = [...snap.ancestors.slice(0, MAX_ANCESTORS)].reverse();
    if (snap.thread) chain.push(snap.thread);
    for (const t of chain) ancestry.push({ pid: t.pid, tid: t.tid, name: safe(cap(t.comm)), cmdline: safe(cap(cmdline(t))) });
    for (const f of snap.fds.slice(0, MAX_FDS)) fds.push({ fd: f.fd, type: safe(f.type), name: safe(cap(f.name)), current: f.fd === snap.fdNum });
  }
  return { families, ancestry, fds, hasState: snap !== undefined, pid: snap?.thread?.pid ?? -1, tid: snap?.thread?.tid ?? -1, fd: snap?.fdNum ?? -1 };
}

/** `name[pid]` from the alert's output fields or its state snapshot. */
function processOf(a: Alert): string {
  const f = a.outputFields ?? {};
  const t = a.snapshot?.thread;
  const name = typeof f['proc.name'] === 'string' ? f['proc.name'] : t?.comm;
  const pid = f['proc.pid'] ?? t?.pid;
  if (name === undefined) return pid === undefined || pid === null ? '' : `[${valueText(pid)}]`;
  return pid === undefined || pid === null ? name : `${name}[${valueText(pid)}]`;
}

export interface TimeOptions {
  readonly iso8601?: boolean;
  readonly zoneSeconds?: number;
}

/** The list row of an alert (escaped). */
export function alertRow(a: Alert, index: number, opts: TimeOptions): AlertRow {
  const line = alertLine({ ...a, message: '' }, opts);
  return {
    index,
    capture: a.capture,
    ruleId: a.ruleId,
    priority: a.priority,
    evtNum: a.evtNum,
    time: safe(line.slice(0, line.indexOf(': '))),
    process: safe(cap(processOf(a))),
    output: safe(cap(a.message)),
  };
}

export interface RunProgress {
  readonly bytes: number;
  readonly totalBytes: number;
  readonly events: number;
  /** Milliseconds since the replay started. */
  readonly elapsedMs: number;
}

/**
 * The event index's read after the replay (one capture): pending while the replay runs, reading (with the
 * events read so far), ready, or failed (the escaped reason). With `counting`, the views' counts are taken by it.
 */
export interface IndexStatus {
  readonly state: 'pending' | 'reading' | 'ready' | 'failed';
  readonly events: number;
  /** The replay's last event: the read stops there and no later event can be opened (0 until known). */
  readonly last: number;
  readonly counting: boolean;
  readonly message?: SafeText;
}

/** A point-in-time view of the run the reducer holds; arrays are shared with the store but only read to the given lengths. */
export interface TuiData {
  /** Changes whenever anything else does. */
  readonly version: number;
  readonly title: SafeText;
  readonly rules: readonly RuleInfo[];
  /** Alerts per rule id (every alert, kept or not). */
  readonly counts: readonly number[];
  /** Alerts per priority. */
  readonly byPriority: readonly number[];
  readonly alerts: readonly AlertRow[];
  readonly alertCount: number;
  /** Kept alert indexes per rule id, read to `ruleKept[id]`. */
  readonly ruleAlerts: readonly (readonly number[])[];
  readonly ruleKept: readonly number[];
  readonly total: number;
  readonly progress: RunProgress;
  readonly done: boolean;
  /** Set when the replay failed or stopped early (escaped). */
  readonly problem?: SafeText;
  /** The event screen's content for a kept alert (computed on first use). */
  readonly eventOf: (index: number) => EventDetail | undefined;
  /** The views' keys of each kept alert (same indexes as `alerts`). */
  readonly keys?: readonly AlertKeys[];
  /** The replay's aggregated counts for the views, when it collected them. */
  readonly facts?: () => ViewFacts | undefined;
  /** Diff mode: the two rule sets' comparison (alerts of both sides are in `alerts`). */
  readonly diff?: DiffData;
  /** The event index's read after the replay, when the run keeps an index (one capture). */
  readonly index?: IndexStatus;
  /** A filter expression's first problem (offset in the text, escaped message), or undefined when it compiles. */
  readonly checkFilter?: (text: string) => { readonly offset: number; readonly message: SafeText } | undefined;
}

/** Collects a running replay's alerts; the UI takes {@link snapshot}s of it at its redraw rate. */
export class AlertStore {
  readonly #rules: RuleInfo[];
  readonly #raw: Alert[] = [];
  readonly #rows: AlertRow[] = [];
  readonly #ruleAlerts: number[][];
  readonly #counts: number[];
  readonly #byPriority = new Array<number>(8).fill(0);
  readonly #opts: TimeOptions;
  readonly #title: SafeText;
  #total = 0;
  readonly #totalBytes: number;
  // The progress as plain numbers: a tick (one per chunk the replay reads) stores them, a snapshot builds the object.
  #bytes = 0;
  #events = 0;
  #elapsedMs = 0;
  #done = false;
  #problem: SafeText | undefined;
  #version = 0;
  #last: TuiData | undefined;
  readonly #details = new Map<number, EventDetail>();
  readonly #eventOf = (index: number): EventDetail | undefined => {
    let d = this.#details.get(index);
    if (d) return d;
    const a = this.#raw[index];
    if (!a) return undefined;
    d = eventDetail(a);
    // A few recent events are enough: the screen shows one at a time.
    if (this.#details.size >= 64) this.#details.delete(this.#details.keys().next().value as number);
    this.#details.set(index, d);
    return d;
  };

  readonly #maxKept: number;
  readonly #keys: AlertKeys[] = [];
  readonly #facts: (() => ViewFacts | undefined) | undefined;

  readonly #checkFilter: TuiData['checkFilter'];
  #index: IndexStatus | undefined;

  constructor(
    rules: readonly Pick<CompiledRule, 'id' | 'name' | 'priority'>[],
    opts: { title: string; totalBytes: number; maxKept?: number; facts?: () => ViewFacts | undefined; checkFilter?: TuiData['checkFilter'] } & TimeOptions,
  ) {
    this.#maxKept = opts.maxKept ?? MAX_KEPT_ALERTS;
    this.#facts = opts.facts;
    this.#checkFilter = opts.checkFilter;
    this.#rules = rules.map((r) => ({ id: r.id, name: safe(cap(r.name)), priority: r.priority }));
    const n = rules.reduce((m, r) => Math.max(m, r.id + 1), 0);
    this.#ruleAlerts = Array.from({ length: n }, () => []);
    this.#counts = new Array<number>(n).fill(0);
    this.#opts = { ...(opts.iso8601 !== undefined ? { iso8601: opts.iso8601 } : {}), ...(opts.zoneSeconds !== undefined ? { zoneSeconds: opts.zoneSeconds } : {}) };
    this.#title = safe(opts.title);
    this.#totalBytes = opts.totalBytes;
  }

  add(a: Alert): void {
    this.#version++;
    this.#total++;
    this.#counts[a.ruleId] = (this.#counts[a.ruleId] ?? 0) + 1;
    this.#byPriority[a.priority] = (this.#byPriority[a.priority] ?? 0) + 1;
    if (this.#raw.length >= this.#maxKept) return;
    const index = this.#raw.length;
    this.#raw.push(a);
    this.#rows.push(alertRow(a, index, this.#opts));
    this.#keys.push(alertKeys(a));
    this.#ruleAlerts[a.ruleId]?.push(index);
  }

  /** A kept alert as the replay gave it (export writes these). */
  rawAlert(index: number): Alert | undefined {
    return this.#raw[index];
  }

  progress(p: ReplayProgress, elapsedMs: number): void {
    this.#version++;
    this.#bytes = p.bytes;
    this.#events = p.events;
    this.#elapsedMs = elapsedMs;
  }

  /** Raw bytes of the captures the replay has read, as its last progress said. */
  get bytesRead(): number {
    return this.#bytes;
  }

  /**
   * The replay is over. `bytesRead` is how much of the captures it read (a replay stopped by -M or damage reads
   * less than all of them); without it, all of them when there is a summary, else as far as the progress got.
   */
  finish(summary: Pick<ReplaySummary, 'events'> | undefined, elapsedMs: number, problem?: string, bytesRead?: number): void {
    this.#version++;
    this.#done = true;
    this.#elapsedMs = elapsedMs;
    if (summary) {
      this.#events = summary.events;
      this.#bytes = Math.min(this.#totalBytes, bytesRead ?? this.#totalBytes);
    }
    if (problem !== undefined) this.#problem = safe(problem);
  }

  /** The event index's read: its progress and outcome. */
  indexStatus(st: IndexStatus): void {
    this.#version++;
    this.#index = st;
  }

  get version(): number {
    return this.#version;
  }

  /** The replay is over (finished, failed or stopped). */
  get done(): boolean {
    return this.#done;
  }

  snapshot(): TuiData {
    if (this.#last && this.#last.version === this.#version) return this.#last;
    this.#last = {
      version: this.#version,
      title: this.#title,
      rules: this.#rules,
      counts: [...this.#counts],
      byPriority: [...this.#byPriority],
      alerts: this.#rows,
      alertCount: this.#rows.length,
      ruleAlerts: this.#ruleAlerts,
      ruleKept: this.#ruleAlerts.map((l) => l.length),
      total: this.#total,
      progress: { bytes: this.#bytes, totalBytes: this.#totalBytes, events: this.#events, elapsedMs: this.#elapsedMs },
      done: this.#done,
      ...(this.#problem !== undefined ? { problem: this.#problem } : {}),
      eventOf: this.#eventOf,
      keys: this.#keys,
      ...(this.#facts ? { facts: this.#facts } : {}),
      ...(this.#checkFilter ? { checkFilter: this.#checkFilter } : {}),
      ...(this.#index ? { index: this.#index } : {}),
    };
    return this.#last;
  }
}
