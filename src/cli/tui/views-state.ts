// The state of the views, the timeline and the picker: their screens, rows, drill-down and breadcrumb labels.
// state.ts's reducer calls these for its screen kinds; nothing here draws.
import { diffEntries, type DiffRuleRow } from './diff-data.js';
import { ours, safe, type AlertRow, type SafeText, type TuiData } from './model.js';
import { bucketsIn, timeline as makeTimeline, windowOf, type Timeline } from './timeline.js';
import { matchingAlerts, viewApplies, viewById, viewRows, VIEWS, type KeyFilter, type TimeWindow, type ViewDef, type ViewId, type ViewRow } from './views.js';

interface ListPosition {
  readonly cursor: number;
  readonly top: number;
}

export interface ViewSort {
  readonly column: number;
  readonly desc: boolean;
}

export type ViewScreen =
  | (ListPosition & { readonly kind: 'view'; readonly view: ViewId; readonly filters: readonly KeyFilter[]; readonly sort: ViewSort })
  /** The alerts matching a drill-down filter. */
  | (ListPosition & { readonly kind: 'matches'; readonly filters: readonly KeyFilter[] })
  | (ListPosition & { readonly kind: 'picker'; readonly filters: readonly KeyFilter[] })
  | (ListPosition & { readonly kind: 'timeline' })
  /** Diff mode: per-rule deltas, then the added / removed / changed alerts of a rule (or all). */
  | (ListPosition & { readonly kind: 'diffRules' })
  | (ListPosition & { readonly kind: 'diffAlerts'; readonly rule: string | undefined; readonly label: SafeText });

/** What the view screens need of the TUI's state. */
export interface ViewsContext {
  readonly data: TuiData;
  readonly window?: TimeWindow | undefined;
}

// Selectors are cached per data snapshot (immutable) and their arguments.
const cache = new WeakMap<object, Map<string, unknown>>();
export function memo<T>(on: object, key: string, make: () => T): T {
  let m = cache.get(on);
  if (!m) cache.set(on, (m = new Map<string, unknown>()));
  if (m.has(key)) return m.get(key) as T;
  const v = make();
  m.set(key, v);
  return v;
}

const filterKey = (f: readonly KeyFilter[]): string => JSON.stringify(f.map((x) => [x.field, x.value]));
export const windowKey = (w: TimeWindow | undefined): string => (w ? `${w.from}-${w.to}` : '');

export function rowsOfView(c: ViewsContext, sc: Extract<ViewScreen, { kind: 'view' }>): readonly ViewRow[] {
  return memo(c.data, `view ${sc.view} ${filterKey(sc.filters)} ${windowKey(c.window)} ${sc.sort.column} ${sc.sort.desc}`, () => viewRows(c.data, viewById(sc.view), sc.filters, c.window, sc.sort));
}

export function rowsOfMatches(c: ViewsContext, filters: readonly KeyFilter[]): readonly AlertRow[] {
  return memo(c.data, `matches ${filterKey(filters)} ${windowKey(c.window)}`, () => matchingAlerts(c.data, filters, c.window));
}

export function timelineOf(d: TuiData): Timeline {
  return memo(d, 'timeline', () => makeTimeline(d));
}

/** The views that apply under these filters (csysdig's `applies_to`), then the alerts list. */
export interface PickerRow {
  readonly id: ViewId | 'alerts';
  readonly title: SafeText;
}

export function pickerRows(filters: readonly KeyFilter[]): readonly PickerRow[] {
  const rows: PickerRow[] = VIEWS.filter((v) => viewApplies(v, filters)).map((v) => ({ id: v.id, title: ours(v.title) }));
  rows.push({ id: 'alerts', title: ours('Alerts') });
  return rows;
}

export function viewsScreenRows(c: ViewsContext, sc: ViewScreen): { rows: readonly unknown[]; text: (i: number) => string } {
  switch (sc.kind) {
    case 'view': {
      const rows = rowsOfView(c, sc);
      return { rows, text: (i) => rows[i]?.cells.join(' ') ?? '' };
    }
    case 'matches': {
      const rows = rowsOfMatches(c, sc.filters);
      return { rows, text: (i) => { const r = rows[i]; return r ? `${r.time} ${r.process} ${r.output}` : ''; } };
    }
    case 'picker': {
      const rows = pickerRows(sc.filters);
      return { rows, text: (i) => rows[i]?.title ?? '' };
    }
    case 'timeline': {
      const rows = timelineOf(c.data).buckets;
      return { rows, text: (i) => rows[i]?.label ?? '' };
    }
    case 'diffRules': {
      const rows = diffRuleRows(c.data);
      return { rows, text: (i) => rows[i]?.rule ?? '' };
    }
    case 'diffAlerts': {
      const rows = c.data.diff ? diffEntries(c.data.diff, sc.rule) : [];
      return { rows, text: (i) => { const r = rows[i]; return r ? `${r.mark} ${r.time} ${r.output}` : ''; } };
    }
  }
}

/** A rule row of the deltas screen; the first one stands for every rule. */
export type DiffRow = DiffRuleRow & { readonly all?: true };

export function diffRuleRows(d: TuiData): readonly DiffRow[] {
  return memo(d, 'diff rules', () => {
    const r = d.diff?.report;
    if (!r) return [];
    const t = r.totals;
    return [{ rule: ours('All rules'), name: '', priority: ours(''), presence: 'both', base: t.base, head: t.head, delta: t.delta, all: true }, ...r.rules];
  });
}

/** Enter on a deltas row: the changed alerts of that rule (or of all). */
export const openDiffRule = (row: DiffRow): ViewScreen => ({ kind: 'diffAlerts', rule: row.all ? undefined : row.name, label: row.all ? ours('All changes') : row.rule, cursor: 0, top: 0 });

/** A view screen at its default sort. */
export const viewScreen = (id: ViewId, filters: readonly KeyFilter[]): ViewScreen => ({ kind: 'view', view: id, filters, sort: viewById(id).sort, cursor: 0, top: 0 });

/** The screen a picker row opens. */
export const pickedScreen = (row: PickerRow, filters: readonly KeyFilter[]): ViewScreen =>
  row.id === 'alerts' ? { kind: 'matches', filters, cursor: 0, top: 0 } : viewScreen(row.id, filters);

/** Enter on a view row: add `groupBy=value` to the filter and open the drill-down target. */
export function drillDown(v: ViewDef, filters: readonly KeyFilter[], row: ViewRow): ViewScreen {
  const f: KeyFilter = { field: v.groupBy, value: row.key, text: safe(`${v.groupBy}=${row.key}`) };
  const next = [...filters.filter((x) => x.field !== f.field), f];
  return v.drilldown === 'alerts' ? { kind: 'matches', filters: next, cursor: 0, top: 0 } : viewScreen(v.drilldown, next);
}

const filterText = (f: readonly KeyFilter[]): SafeText[] => (f.length ? [ours(' ['), ...f.flatMap((x, i) => (i ? [ours(' '), x.text] : [x.text])), ours(']')] : []);

/** The breadcrumb label of a view screen: its title and the filters it adds. */
export function viewCrumb(sc: ViewScreen, below: readonly KeyFilter[]): SafeText {
  const added = 'filters' in sc ? sc.filters.filter((f) => !below.some((b) => b.field === f.field && b.value === f.value)) : [];
  switch (sc.kind) {
    case 'view':
      return ours([viewById(sc.view).title, ...filterText(added)].join(''));
    case 'matches':
      return ours(['Alerts', ...filterText(added)].join(''));
    case 'picker':
      return ours('Views');
    case 'timeline':
      return ours('Timeline');
    case 'diffRules':
      return ours('Rule deltas');
    case 'diffAlerts':
      return sc.label;
  }
}

/** The filters in force on a screen (none on the rule screens). */
export const filtersOf = (sc: { kind: string }): readonly KeyFilter[] => ('filters' in sc ? (sc as { filters: readonly KeyFilter[] }).filters : []);

/** `s`: sort by the next column; `S`: reverse the order. */
export function resort(sc: Extract<ViewScreen, { kind: 'view' }>, reverse: boolean): Extract<ViewScreen, { kind: 'view' }> {
  if (reverse) return { ...sc, sort: { ...sc.sort, desc: !sc.sort.desc } };
  const v = viewById(sc.view);
  const column = (sc.sort.column + 1) % v.columns.length;
  return { ...sc, sort: { column, desc: v.columns[column]?.numeric === true && v.columns[column]?.id !== true } };
}

/** The window a timeline key sets: one bucket (Enter), or one end of the current window (`[`, `]`). */
export function windowFor(c: ViewsContext, cursor: number, how: 'bucket' | 'start' | 'end'): TimeWindow | undefined {
  const t = timelineOf(c.data);
  if (!t.buckets.length) return c.window;
  if (how === 'bucket') return windowOf(t, cursor, cursor);
  const last = t.buckets.length - 1;
  const cur = bucketsIn(t, c.window);
  const lo = Math.max(0, Math.min(last, cur?.lo ?? 0));
  const hi = Math.max(0, Math.min(last, cur?.hi ?? last));
  return how === 'start' ? windowOf(t, cursor, Math.max(cursor, hi)) : windowOf(t, Math.min(lo, cursor), cursor);
}
