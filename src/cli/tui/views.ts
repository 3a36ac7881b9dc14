// The csysdig-style views, declared as data (one table), and the selectors that turn the replay's aggregated
// counts into a view's rows: filter, group by the key, aggregate, sort, and for processes lay out the tree.
import { grouped, ours, safe, type AlertRow, type SafeText, type TuiData } from './model.js';
import type { AlertKeys, FactRow, ViewFacts } from './views-data.js';

/** A `key=value` drill-down filter (raw value; `text` is its escaped form for the breadcrumb). */
export interface KeyFilter {
  readonly field: string;
  readonly value: string;
  readonly text: SafeText;
}

/** A window of capture time: from ≤ ts < to, ns since the epoch. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
  readonly label: SafeText;
}

/** The aggregates a column can show besides field values. */
export const AGGREGATES = {
  events: 'events the replay evaluated (whole capture)',
  alerts: 'alerts of the row (in the time window, when one is set)',
  processes: 'distinct proc.pid values in the row',
  'tree.alerts': 'alerts of the process and all its descendants',
} as const;
export type Aggregate = keyof typeof AGGREGATES;

export interface ColumnDef {
  readonly title: string;
  /** A field name (its value in the row's first fact) or an aggregate name. */
  readonly field: string;
  /** Columns of the terminal; 0 = takes the rest of the line. */
  readonly width: number;
  readonly numeric?: boolean;
  /** An identifier (a pid): sorted as a number, shown without thousands separators. */
  readonly id?: boolean;
}

export type SourceId = 'processes' | 'fds' | 'types';
export type ViewId = 'processes' | 'files' | 'connections' | 'containers' | 'evttypes';

export interface ViewDef {
  readonly id: ViewId;
  readonly title: string;
  /** Which aggregated table the rows come from. */
  readonly source: SourceId;
  /** Base filter: facts whose field has one of these values. */
  readonly filter?: { readonly field: string; readonly values: readonly string[] };
  /** Facts with equal values of this field make one row; Enter adds `groupBy=value` to the filter. */
  readonly groupBy: string;
  readonly columns: readonly ColumnDef[];
  /** Default sort: column index, descending or not. */
  readonly sort: { readonly column: number; readonly desc: boolean };
  /** Where Enter goes: another view, or the alerts of the row. */
  readonly drilldown: ViewId | 'alerts';
  /** Lay the rows out as a tree by parent (proc.ppid). */
  readonly tree?: boolean;
}

/** The fields each source's facts carry: a view applies to a filter only when its source knows the filter's fields. */
export const SOURCE_FIELDS: Readonly<Record<SourceId, readonly string[]>> = {
  processes: ['proc.pid', 'proc.ppid', 'proc.name', 'proc.cmdline', 'container.id'],
  fds: ['proc.pid', 'proc.name', 'container.id', 'fd.name', 'fd.type', 'fd.l4proto'],
  types: ['proc.pid', 'proc.name', 'container.id', 'evt.type'],
};

const EVENTS: ColumnDef = { title: 'Events', field: 'events', width: 9, numeric: true };
const ALERTS: ColumnDef = { title: 'Alerts', field: 'alerts', width: 8, numeric: true };
const PROCS: ColumnDef = { title: 'Procs', field: 'processes', width: 7, numeric: true };

export const VIEWS: readonly ViewDef[] = [
  {
    id: 'processes',
    title: 'Processes',
    source: 'processes',
    groupBy: 'proc.pid',
    columns: [
      { title: 'PID', field: 'proc.pid', width: 8, numeric: true, id: true },
      EVENTS,
      ALERTS,
      { title: 'Tree', field: 'tree.alerts', width: 7, numeric: true },
      { title: 'Name', field: 'proc.name', width: 18 },
      { title: 'Command line', field: 'proc.cmdline', width: 0 },
    ],
    sort: { column: 0, desc: false },
    drilldown: 'alerts',
    tree: true,
  },
  {
    id: 'files',
    title: 'Files',
    source: 'fds',
    filter: { field: 'fd.type', values: ['file', 'directory'] },
    groupBy: 'fd.name',
    columns: [EVENTS, ALERTS, PROCS, { title: 'Type', field: 'fd.type', width: 10 }, { title: 'Name', field: 'fd.name', width: 0 }],
    sort: { column: 0, desc: true },
    drilldown: 'alerts',
  },
  {
    id: 'connections',
    title: 'Connections',
    source: 'fds',
    filter: { field: 'fd.type', values: ['ipv4', 'ipv6'] },
    groupBy: 'fd.name',
    columns: [EVENTS, ALERTS, PROCS, { title: 'Proto', field: 'fd.l4proto', width: 6 }, { title: 'Connection', field: 'fd.name', width: 0 }],
    sort: { column: 0, desc: true },
    drilldown: 'alerts',
  },
  {
    id: 'containers',
    title: 'Containers',
    source: 'processes',
    groupBy: 'container.id',
    columns: [EVENTS, ALERTS, PROCS, { title: 'Container', field: 'container.id', width: 0 }],
    sort: { column: 0, desc: true },
    drilldown: 'processes',
  },
  {
    id: 'evttypes',
    title: 'Event types',
    source: 'types',
    groupBy: 'evt.type',
    columns: [EVENTS, ALERTS, PROCS, { title: 'Event type', field: 'evt.type', width: 0 }],
    sort: { column: 0, desc: true },
    drilldown: 'alerts',
  },
];

export const viewById = (id: ViewId): ViewDef => VIEWS.find((v) => v.id === id) as ViewDef;

/** Whether every filter's field is known to the view's rows. */
export const viewApplies = (v: ViewDef, filters: readonly KeyFilter[]): boolean => filters.every((f) => SOURCE_FIELDS[v.source].includes(f.field));

export interface ViewRow {
  /** The raw group-by value (what Enter adds to the filter). */
  readonly key: string;
  /** One escaped cell per column. */
  readonly cells: readonly SafeText[];
  /** Sort values per column. */
  readonly values: readonly (string | number)[];
  /** Depth in the process tree (0 elsewhere). */
  readonly depth: number;
}

const matches = (fields: Readonly<Record<string, string>>, filters: readonly KeyFilter[]): boolean => filters.every((f) => fields[f.field] === f.value);

/** Whether an alert's time falls in the window (always, without one). */
export const inWindow = (ts: number, w: TimeWindow | undefined): boolean => !w || (ts >= w.from && ts < w.to);

/** Indexes of the kept alerts whose keys match every filter and the window. */
export function matchingAlertIndexes(d: TuiData, filters: readonly KeyFilter[], window: TimeWindow | undefined): number[] {
  const keys = d.keys ?? [];
  const count = Math.min(d.alertCount, keys.length);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const k = keys[i];
    if (k && inWindow(k.ts, window) && matches(k.fields, filters) && counted(d, i)) out.push(i);
  }
  return out;
}

/** In diff mode the views and the timeline count the head side's alerts (the store holds both sides'). */
export const counted = (d: TuiData, i: number): boolean => d.diff === undefined || (d.alerts[i]?.ruleId ?? 0) >= d.diff.headFrom;

/** The alert rows of a filter and window, in replay order. */
export function matchingAlerts(d: TuiData, filters: readonly KeyFilter[], window: TimeWindow | undefined): AlertRow[] {
  return matchingAlertIndexes(d, filters, window)
    .map((i) => d.alerts[i])
    .filter((r): r is AlertRow => r !== undefined);
}

const MAX_DEPTH = 32;

/** The rows of a view under filters and a time window, sorted by a column. */
export function viewRows(d: TuiData, v: ViewDef, filters: readonly KeyFilter[], window: TimeWindow | undefined, sort: { column: number; desc: boolean }): ViewRow[] {
  const facts: ViewFacts | undefined = d.facts?.();
  if (!facts || !viewApplies(v, filters)) return [];
  const base = v.filter;
  const groups = new Map<string, { first: FactRow; events: number; pids: Set<string> }>();
  for (const f of facts[v.source]) {
    if (base && !base.values.includes(f.fields[base.field] ?? '')) continue;
    if (!matches(f.fields, filters)) continue;
    const key = f.fields[v.groupBy] ?? '';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { first: f, events: 0, pids: new Set() }));
    g.events += f.events;
    const pid = f.fields['proc.pid'];
    if (pid !== undefined) g.pids.add(pid);
  }
  const alerts = new Map<string, number>();
  const keys = d.keys ?? [];
  for (const i of matchingAlertIndexes(d, filters, window)) {
    const k = (keys[i] as AlertKeys).fields[v.groupBy];
    if (k !== undefined && (!base || base.values.includes((keys[i] as AlertKeys).fields[base.field] ?? ''))) alerts.set(k, (alerts.get(k) ?? 0) + 1);
  }
  // Subtree alert counts, by parent links among the rows shown.
  const tree = new Map<string, number>();
  const children = new Map<string, string[]>();
  if (v.tree) {
    for (const [key, g] of groups) {
      const parent = g.first.fields['proc.ppid'] ?? '';
      if (parent !== key && groups.has(parent)) {
        let c = children.get(parent);
        if (!c) children.set(parent, (c = []));
        c.push(key);
      }
    }
    const seen = new Set<string>();
    const sum = (key: string): number => {
      const known = tree.get(key);
      if (known !== undefined) return known;
      if (seen.has(key)) return 0;
      seen.add(key);
      let n = alerts.get(key) ?? 0;
      for (const c of children.get(key) ?? []) n += sum(c);
      tree.set(key, n);
      return n;
    };
    for (const key of groups.keys()) sum(key);
  }
  const make = (key: string, depth: number): ViewRow => {
    const g = groups.get(key) as { first: FactRow; events: number; pids: Set<string> };
    const values: (string | number)[] = [];
    const cells: SafeText[] = [];
    for (const c of v.columns) {
      let val: string | number;
      if (c.field === 'events') val = g.events;
      else if (c.field === 'alerts') val = alerts.get(key) ?? 0;
      else if (c.field === 'processes') val = g.pids.size;
      else if (c.field === 'tree.alerts') val = tree.get(key) ?? 0;
      else val = c.numeric ? Number(g.first.fields[c.field] ?? 0) : (g.first.fields[c.field] ?? '');
      values.push(val);
      const shown = typeof val === 'number' ? (c.id ? String(val) : grouped(val)) : val;
      const indent = v.tree && c.field === 'proc.name' && depth > 0 ? `${'  '.repeat(Math.min(depth, 8) - 1)}└ ` : '';
      cells.push(typeof val === 'number' && c.numeric ? ours(shown.padStart(Math.max(1, c.width - 2))) : safe(indent + shown));
    }
    return { key, cells, values, depth };
  };
  const cmp = (a: ViewRow, b: ViewRow): number => {
    const x = a.values[sort.column] ?? '';
    const y = b.values[sort.column] ?? '';
    const r = typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
    return (sort.desc ? -r : r) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  };
  let keysShown = [...groups.keys()];
  if (window) keysShown = keysShown.filter((k) => (v.tree ? (tree.get(k) ?? 0) : (alerts.get(k) ?? 0)) > 0);
  if (!v.tree) return keysShown.map((k) => make(k, 0)).sort(cmp);
  // Tree: roots are rows whose parent is not shown; siblings sorted; depth capped against parent loops.
  const shown = new Set(keysShown);
  const out: ViewRow[] = [];
  const placed = new Set<string>();
  const walk = (key: string, depth: number): void => {
    if (placed.has(key)) return;
    placed.add(key);
    out.push(make(key, depth));
    if (depth >= MAX_DEPTH) return;
    const kids = (children.get(key) ?? []).filter((k) => shown.has(k)).map((k) => make(k, depth + 1)).sort(cmp);
    for (const k of kids) walk(k.key, depth + 1);
  };
  const roots = keysShown.filter((k) => {
    const p = groups.get(k)?.first.fields['proc.ppid'] ?? '';
    return p === k || !shown.has(p);
  });
  for (const r of roots.map((k) => make(k, 0)).sort(cmp)) walk(r.key, 0);
  // Rows only reachable through a loop of parents.
  for (const k of keysShown) if (!placed.has(k)) walk(k, 0);
  return out;
}

/**
 * While the event counts are still being taken (with one capture, by the event index's read after the
 * replay), what the views and the timeline say about them; undefined once they are complete.
 */
export function countingNote(d: TuiData): SafeText | undefined {
  const ix = d.index;
  if (!ix?.counting) return undefined;
  switch (ix.state) {
    case 'pending':
      return ours('Event counts are taken once the replay is over (alert counts are live).');
    case 'reading': {
      const pct = ix.last > 0 ? Math.min(100, Math.floor((ix.events * 100) / ix.last)) : 0;
      return ours(`Still counting events: ${pct}% of the capture read; the counts shown are partial.`);
    }
    case 'failed':
      return ours(`Event counts stop at event ${grouped(ix.events)}: the event index's read stopped (see the status line).`);
    case 'ready':
      return undefined;
  }
}

/** The counts a view could not hold, for its footer note. */
export function droppedNote(d: TuiData, v: ViewDef): SafeText | undefined {
  const f = d.facts?.();
  if (!f) return undefined;
  const n = v.source === 'processes' ? f.dropped.processes : v.source === 'fds' ? f.dropped.fds + f.dropped.processes : f.dropped.types + f.dropped.processes;
  return n > 0 ? ours(`${grouped(n)} events not counted here (table caps reached)`) : undefined;
}
