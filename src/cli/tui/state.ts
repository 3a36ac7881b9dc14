// The TUI's state and its one pure reducer. Screens are data on a stack (the breadcrumb is the stack); each kind
// of screen has a selector giving its rows, so cursor, paging and search work the same on every screen.
import { PRIORITIES } from '../../engine/index.js';
import { ours, safe, type AlertRow, type EventDetail, type RuleInfo, type SafeText, type TuiData } from './model.js';
import { KEYMAP } from './keymap.js';
import type { TimeWindow } from './views.js';
import { inWindow, viewById } from './views.js';
import { drillDown, filtersOf, memo, openDiffRule, pickedScreen, resort, viewCrumb, viewsScreenRows, windowFor, windowKey, type DiffRow, type PickerRow, type ViewScreen } from './views-state.js';
import type { DiffEntryRow } from './diff-data.js';
import { AROUND_SCOPES, chunkHex, chunkText, type AroundResult, type AroundScope, type FollowResult, type FollowTarget } from './around.js';
import type { ExplainNode } from '../../engine/index.js';
import type { ExplainOutcome } from '../explain-event.js';
import { chosenRule, explainRows, explainRowText, treeStart, type AlertFilter, type FilterEdit } from './explain.js';
import type { CaptureSelection } from './export.js';

export type RuleSort = 'count' | 'priority' | 'name';
export const RULE_SORTS: readonly RuleSort[] = ['count', 'priority', 'name'];

interface ListPosition {
  /** Selected row. */
  readonly cursor: number;
  /** First row on screen. */
  readonly top: number;
}

export type Screen =
  | (ListPosition & { readonly kind: 'severities' })
  | (ListPosition & { readonly kind: 'rules'; readonly priority: number | 'all'; readonly sort: RuleSort })
  | (ListPosition & { readonly kind: 'alerts'; readonly ruleId: number })
  | (ListPosition & { readonly kind: 'event'; readonly alert: number })
  | ViewScreen
  /** Events around an event (read back through the event index; `result` arrives after the screen opens). */
  | (ListPosition & { readonly kind: 'around'; readonly center: number; readonly scope: AroundScope; readonly result?: AroundResult; readonly error?: SafeText })
  /** The reads and writes on one fd. */
  | (ListPosition & { readonly kind: 'follow'; readonly target: FollowTarget; readonly hex: boolean; readonly result?: FollowResult; readonly error?: SafeText })
  | (ListPosition & { readonly kind: 'explain'; readonly alert: number; readonly outcome?: ExplainOutcome; readonly rule: number; readonly collapsed: ReadonlySet<ExplainNode> });

export type ScreenKind = Screen['kind'];

export interface SearchState {
  /** The prompt is open and keys edit the query. */
  readonly editing: boolean;
  readonly query: string;
}

/** A one-line prompt in the footer: an event number to go to, or the file to export alerts (or a capture) to. */
export interface PromptState {
  readonly kind: 'goto' | 'export' | 'capture';
  readonly text: string;
}

/** Where `w` writes by default. */
export const DEFAULT_EXPORT_PATH = './falco-replay-alerts.jsonl';

/** A request the app carries out (file I/O), then reports back with a notice. */
export interface ExportRequest {
  readonly path: string;
  /** Kept alert indexes, in list order. */
  readonly alerts: readonly number[];
  /** Set for `W`: the events to write as a capture (then `alerts` is empty). */
  readonly selection?: CaptureSelection;
  readonly id: number;
}

/** The screens whose events `W` writes as a capture. */
export const CAPTURE_SCREENS: readonly ScreenKind[] = ['event', 'around', 'follow', 'view', 'matches', 'timeline'];

export interface TuiState {
  readonly cols: number;
  readonly rows: number;
  readonly color: boolean;
  readonly data: TuiData;
  /** Never empty; the last screen is the one shown. */
  readonly stack: readonly Screen[];
  readonly help: boolean;
  /** First row of the key table shown (it scrolls when longer than the screen). */
  readonly helpTop?: number;
  readonly search: SearchState;
  /** The timeline's window: filters the views and the alert lists. */
  readonly window?: TimeWindow | undefined;
  /** A one-line notice in the footer (e.g. no match). */
  readonly notice?: SafeText;
  /** Filters applied to the alerts lists, in the order applied (docs/explain.md#filter-expressions-in-the-tui). */
  readonly filters?: readonly AlertFilter[];
  /** The filter prompt, while open. */
  readonly filterEdit?: FilterEdit;
  readonly quit: boolean;
  readonly prompt?: PromptState;
  /** The last export asked for (the app writes it once per id). */
  readonly exportRequest?: ExportRequest;
  /** False when the run keeps no event index (several captures): the around and follow screens say so. */
  readonly canReread?: boolean;
  /** Where `W` offers to write a capture (next to the capture); undefined when the run cannot (several captures). */
  readonly captureExport?: string;
}

export type Action =
  | { readonly type: 'resize'; readonly cols: number; readonly rows: number }
  | { readonly type: 'data'; readonly data: TuiData }
  | { readonly type: 'move'; readonly delta: number }
  | { readonly type: 'page'; readonly delta: 1 | -1 }
  | { readonly type: 'first' }
  | { readonly type: 'last' }
  | { readonly type: 'open' }
  | { readonly type: 'back' }
  | { readonly type: 'sort' }
  | { readonly type: 'searchStart' }
  | { readonly type: 'searchInput'; readonly text: string }
  | { readonly type: 'searchErase' }
  | { readonly type: 'searchCommit' }
  | { readonly type: 'searchCancel' }
  | { readonly type: 'searchNext' }
  | { readonly type: 'help' }
  | { readonly type: 'pickView' }
  | { readonly type: 'viewSort'; readonly reverse: boolean }
  | { readonly type: 'timeline' }
  | { readonly type: 'window'; readonly how: 'start' | 'end' }
  | { readonly type: 'windowClear' }
  | { readonly type: 'quit' }
  | { readonly type: 'around' }
  | { readonly type: 'scope' }
  | { readonly type: 'follow' }
  | { readonly type: 'hex' }
  | { readonly type: 'promptStart'; readonly kind: PromptState['kind'] }
  | { readonly type: 'promptInput'; readonly text: string }
  | { readonly type: 'promptErase' }
  | { readonly type: 'promptCommit' }
  | { readonly type: 'promptCancel' }
  | { readonly type: 'aroundLoaded'; readonly center: number; readonly scope: AroundScope; readonly result: AroundResult }
  | { readonly type: 'followLoaded'; readonly target: FollowTarget; readonly result: FollowResult }
  | { readonly type: 'notice'; readonly text: SafeText }
  /** The read an around or follow screen waits for failed: the screen says why instead of waiting. */
  | { readonly type: 'readFailed'; readonly screen: Screen; readonly text: SafeText }
  | { readonly type: 'explain' }
  | { readonly type: 'explainResult'; readonly alert: number; readonly outcome: ExplainOutcome }
  | { readonly type: 'fold'; readonly how: 'toggle' | 'open' | 'close' }
  | { readonly type: 'filterStart' }
  | { readonly type: 'filterInput'; readonly text: string }
  | { readonly type: 'filterErase' }
  | { readonly type: 'filterCommit' }
  | { readonly type: 'filterCancel' }
  | { readonly type: 'filterResult'; readonly raw: string; readonly matches: ReadonlySet<number> };

export const MIN_COLS = 40;
export const MIN_ROWS = 10;
/** Lines around the list: title, breadcrumb, progress, column header, footer, and the last line left empty. */
export const CHROME_LINES = 6;
export const MAX_QUERY = 200;

export function initialState(data: TuiData, size: { cols: number; rows: number }, color: boolean): TuiState {
  return {
    cols: Math.max(MIN_COLS, size.cols),
    rows: Math.max(MIN_ROWS, size.rows),
    color,
    data,
    stack: [data.diff ? { kind: 'diffRules', cursor: 0, top: 0 } : { kind: 'severities', cursor: 0, top: 0 }],
    help: false,
    search: { editing: false, query: '' },
    quit: false,
  };
}

/** Rows of the list area. */
export const listHeight = (s: Pick<TuiState, 'rows'>): number => Math.max(1, s.rows - CHROME_LINES);

export const current = (s: TuiState): Screen => s.stack[s.stack.length - 1] as Screen;

export const priorityName = (p: number): SafeText => ours(PRIORITIES[p] ?? 'Debug');

// ---- selectors: the rows of each screen ----

export interface SeverityRow {
  readonly priority: number | 'all';
  readonly label: SafeText;
  readonly alerts: number;
  readonly rules: number;
}

export interface RuleRow extends RuleInfo {
  readonly count: number;
}

export type EventLine =
  | { readonly kind: 'heading'; readonly text: SafeText }
  | { readonly kind: 'field'; readonly name: SafeText; readonly value: SafeText }
  | { readonly kind: 'process'; readonly depth: number; readonly pid: number; readonly name: SafeText; readonly cmdline: SafeText; readonly self: boolean }
  | { readonly kind: 'fd'; readonly fd: number; readonly type: SafeText; readonly name: SafeText; readonly current: boolean }
  | { readonly kind: 'note'; readonly text: SafeText };

// Selectors run on every key and redraw; their results are cached per (immutable) data snapshot (memo).

/** Alert counts: the run's, or those of the alerts the time window and the applied filters keep. */
export interface AlertCounts {
  /** Per rule id. */
  readonly counts: readonly number[];
  /** Per priority. */
  readonly byPriority: readonly number[];
  readonly total: number;
  /** Narrowed counts are of the kept alerts only, and some rule raised more than were kept. */
  readonly partial?: boolean;
}

const narrowedCache = new WeakMap<TuiData, WeakMap<object, Map<string, AlertCounts>>>();
const NO_FILTERS = {};

/**
 * The counts of the severities and rules screens: the run's, or, when the time window or an applied filter narrows
 * the alerts, those of the kept alerts that pass them all, as the alerts lists show them (a filter still being
 * computed keeps every alert).
 */
export function alertCounts(s: TuiState): AlertCounts {
  const d = s.data;
  const fs = s.filters?.length ? s.filters : undefined;
  if (!fs && !s.window) return d;
  let byFilters = narrowedCache.get(d);
  if (!byFilters) narrowedCache.set(d, (byFilters = new WeakMap()));
  let byWindow = byFilters.get(fs ?? NO_FILTERS);
  if (!byWindow) byFilters.set(fs ?? NO_FILTERS, (byWindow = new Map<string, AlertCounts>()));
  const key = windowKey(s.window);
  let c = byWindow.get(key);
  if (!c) byWindow.set(key, (c = narrowCounts(d, fs ?? [], s.window)));
  return c;
}

/** Whether the kept alert `a` falls in the window (always, without one; never, when its time is not known). */
function inAlertWindow(d: TuiData, a: number, window: TimeWindow | undefined): boolean {
  if (!window) return true;
  const ts = d.keys?.[a]?.ts;
  return ts !== undefined && inWindow(ts, window);
}

/** Whether every applied filter keeps the alert `a` (a filter still being computed keeps every alert). */
const keptByFilters = (fs: readonly AlertFilter[], a: number): boolean => fs.every((f) => !f.matches || f.matches.has(a));

function narrowCounts(d: TuiData, fs: readonly AlertFilter[], window: TimeWindow | undefined): AlertCounts {
  const counts = new Array<number>(d.counts.length).fill(0);
  const byPriority = new Array<number>(8).fill(0);
  let total = 0;
  let partial = false;
  for (const r of d.rules) {
    const idx = d.ruleAlerts[r.id] ?? [];
    const kept = d.ruleKept[r.id] ?? 0;
    if ((d.counts[r.id] ?? 0) > kept) partial = true;
    for (let i = 0; i < kept; i++) {
      const a = idx[i] as number;
      if (!inAlertWindow(d, a, window) || !keptByFilters(fs, a)) continue;
      counts[r.id] = (counts[r.id] ?? 0) + 1;
      byPriority[r.priority] = (byPriority[r.priority] ?? 0) + 1;
      total++;
    }
  }
  return { counts, byPriority, total, partial };
}

export function severityRows(d: TuiData, c: AlertCounts = d): readonly SeverityRow[] {
  return memo(c, 'severities', () => makeSeverityRows(d, c));
}

function makeSeverityRows(d: TuiData, c: AlertCounts): SeverityRow[] {
  const rulesBy = new Array<number>(8).fill(0);
  let firing = 0;
  for (const r of d.rules) {
    if ((c.counts[r.id] ?? 0) > 0) {
      rulesBy[r.priority] = (rulesBy[r.priority] ?? 0) + 1;
      firing++;
    }
  }
  const rows: SeverityRow[] = [{ priority: 'all', label: ours('All severities'), alerts: c.total, rules: firing }];
  c.byPriority.forEach((n, p) => {
    if (n > 0) rows.push({ priority: p, label: priorityName(p), alerts: n, rules: rulesBy[p] ?? 0 });
  });
  return rows;
}

const byName = (a: RuleRow, b: RuleRow): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id);
const SORTERS: Record<RuleSort, (a: RuleRow, b: RuleRow) => number> = {
  count: (a, b) => b.count - a.count || a.priority - b.priority || byName(a, b),
  priority: (a, b) => a.priority - b.priority || b.count - a.count || byName(a, b),
  name: byName,
};

/** Rules that fired (with alerts in `c`: the run's counts unless given), of one priority or all, sorted. */
export function ruleRows(d: TuiData, priority: number | 'all', sort: RuleSort, c: AlertCounts = d): readonly RuleRow[] {
  return memo(c, `rules ${priority} ${sort}`, () => makeRuleRows(d, c, priority, sort));
}

function makeRuleRows(d: TuiData, c: AlertCounts, priority: number | 'all', sort: RuleSort): RuleRow[] {
  const rows: RuleRow[] = [];
  for (const r of d.rules) {
    const count = c.counts[r.id] ?? 0;
    if (count > 0 && (priority === 'all' || r.priority === priority)) rows.push({ ...r, count });
  }
  return rows.sort(SORTERS[sort]);
}

export function alertRows(d: TuiData, ruleId: number, window?: TimeWindow): readonly AlertRow[] {
  return memo(d, `alerts ${ruleId} ${windowKey(window)}`, () => makeAlertRows(d, ruleId, window));
}

function makeAlertRows(d: TuiData, ruleId: number, window: TimeWindow | undefined): AlertRow[] {
  const idx = d.ruleAlerts[ruleId] ?? [];
  const n = d.ruleKept[ruleId] ?? 0;
  const out: AlertRow[] = [];
  for (let i = 0; i < n; i++) {
    const row = d.alerts[idx[i] as number];
    if (row && inAlertWindow(d, idx[i] as number, window)) out.push(row);
  }
  return out;
}

export function eventLines(detail: EventDetail | undefined): readonly EventLine[] {
  return detail ? memo(detail, 'lines', () => makeEventLines(detail)) : makeEventLines(undefined);
}

function makeEventLines(detail: EventDetail | undefined): EventLine[] {
  if (!detail) return [{ kind: 'note', text: ours('This alert was not kept (too many alerts in this run).') }];
  const lines: EventLine[] = [];
  for (const f of detail.families) {
    lines.push({ kind: 'heading', text: f.family });
    for (const x of f.fields) lines.push({ kind: 'field', name: x.name, value: x.value });
  }
  lines.push({ kind: 'heading', text: ours('process ancestry') });
  if (!detail.hasState) lines.push({ kind: 'note', text: ours('no state was kept for this alert') });
  detail.ancestry.forEach((p, i) => lines.push({ kind: 'process', depth: i, pid: p.pid, name: p.name, cmdline: p.cmdline, self: i === detail.ancestry.length - 1 }));
  lines.push({ kind: 'heading', text: ours('open fds of the thread') });
  if (detail.hasState && !detail.fds.length) lines.push({ kind: 'note', text: ours('none') });
  for (const f of detail.fds) lines.push({ kind: 'fd', ...f });
  return lines;
}

/** The rows of a screen, and each row's searchable text. */
export function screenRows(s: TuiState, screen: Screen = current(s)): { rows: readonly unknown[]; text: (i: number) => string } {
  const d = s.data;
  switch (screen.kind) {
    case 'severities': {
      const rows = severityRows(d, alertCounts(s));
      return { rows, text: (i) => rows[i]?.label ?? '' };
    }
    case 'rules': {
      const rows = ruleRows(d, screen.priority, screen.sort, alertCounts(s));
      return { rows, text: (i) => { const r = rows[i]; return r ? `${r.name} ${priorityName(r.priority)}` : ''; } };
    }
    case 'alerts': {
      const rows = filteredAlertRows(s, screen.ruleId);
      return { rows, text: (i) => { const r = rows[i]; return r ? `${r.time} ${r.process} ${r.output}` : ''; } };
    }
    case 'event': {
      const rows = eventLines(d.eventOf(screen.alert));
      return { rows, text: (i) => lineText(rows[i]) };
    }
    case 'around': {
      const rows = screen.result?.lines ?? [];
      return { rows, text: (i) => rows[i]?.text ?? '' };
    }
    case 'follow': {
      const rows = followLines(screen.result, screen.hex);
      return { rows, text: (i) => rows[i]?.text ?? '' };
    }
    case 'explain': {
      const rows = explainRows(screen.outcome, screen.rule, screen.collapsed);
      return { rows, text: (i) => explainRowText(rows[i]) };
    }
    default:
      return viewsScreenRows(s, screen);
  }
}

/** One line of the follow screen: a chunk's header (direction, event, size) or a line of its data. */
export interface FollowLine {
  readonly kind: 'chunk' | 'data' | 'note';
  readonly write: boolean;
  readonly text: SafeText;
}

export function followLines(r: FollowResult | undefined, hex: boolean): readonly FollowLine[] {
  if (!r) return [];
  return memo(r, hex ? 'hex' : 'text', () => makeFollowLines(r, hex));
}

function makeFollowLines(r: FollowResult, hex: boolean): FollowLine[] {
  const out: FollowLine[] = [];
  if (r.noData) out.push({ kind: 'note', write: false, text: ours('The capture holds no data for this fd (recorded with snap length 0): sizes only.') });
  if (!r.chunks.length) out.push({ kind: 'note', write: false, text: ours(`No reads or writes on this fd in events ${r.scanned[0]}–${r.scanned[1]}.`) });
  for (const c of r.chunks) {
    const size = c.res < 0 ? `error ${c.res}` : `${c.res} byte${c.res === 1 ? '' : 's'}${c.data.length < c.res ? `, ${c.data.length} captured` : ''}`;
    out.push({ kind: 'chunk', write: c.write, text: ours(`${c.write ? '→ write' : '← read '}  event ${c.num}  ${size}`) });
    for (const t of hex ? chunkHex(c.data) : chunkText(c.data)) out.push({ kind: 'data', write: c.write, text: t });
  }
  if (r.truncated) out.push({ kind: 'note', write: false, text: ours('… more: the follow view keeps the first 5000 reads and writes (4 MiB).') });
  return out;
}

const filtered = new WeakMap<readonly AlertRow[], WeakMap<readonly AlertFilter[], readonly AlertRow[]>>();

/** A rule's alerts that every applied filter keeps (a filter still being computed keeps them all). */
export function filteredAlertRows(s: TuiState, ruleId: number): readonly AlertRow[] {
  const rows = alertRows(s.data, ruleId, s.window);
  const fs = s.filters;
  if (!fs?.length) return rows;
  let m = filtered.get(rows);
  if (!m) filtered.set(rows, (m = new WeakMap()));
  let out = m.get(fs);
  if (!out) m.set(fs, (out = rows.filter((r) => keptByFilters(fs, r.index))));
  return out;
}

export function lineText(l: EventLine | undefined): string {
  if (!l) return '';
  switch (l.kind) {
    case 'heading':
    case 'note':
      return l.text;
    case 'field':
      return `${l.name} ${l.value}`;
    case 'process':
      return `${l.name} ${l.pid} ${l.cmdline}`;
    case 'fd':
      return `${l.fd} ${l.type} ${l.name}`;
  }
}

/** The breadcrumb: one label per screen on the stack. */
export function breadcrumb(s: TuiState): SafeText[] {
  const filters = (s.filters ?? []).map((f) => ours(`filter: ${f.text}${f.matches ? '' : ' …'}`));
  const crumbs = [...stackCrumbs(s), ...filters];
  // The window filters every screen: it leads the path, where a long path cannot push it off the line.
  return s.window ? [ours(`[time ${s.window.label}]`), ...crumbs] : crumbs;
}

function stackCrumbs(s: TuiState): SafeText[] {
  return s.stack.map((sc, i) => {
    switch (sc.kind) {
      case 'severities':
        return ours('Severities');
      case 'rules':
        return sc.priority === 'all' ? ours('All rules') : priorityName(sc.priority);
      case 'alerts':
        return s.data.rules.find((r) => r.id === sc.ruleId)?.name ?? ours(`rule ${sc.ruleId}`);
      case 'event':
        return ours(`event ${s.data.alerts[sc.alert]?.evtNum ?? '?'}`);
      case 'around':
        return ours(`around ${sc.center} (${sc.scope})`);
      case 'follow':
        return ours(`follow fd ${sc.target.fd} of pid ${sc.target.pid}`);
      case 'explain':
        return ours('explain');
      default:
        return viewCrumb(sc, i > 0 ? filtersOf(s.stack[i - 1] as Screen) : []);
    }
  });
}

// ---- the reducer ----

function place(screen: Screen, cursor: number, count: number, height: number): Screen {
  const c = Math.max(0, Math.min(cursor, count - 1));
  let top = screen.top;
  if (c < top) top = c;
  if (c >= top + height) top = c - height + 1;
  top = Math.max(0, Math.min(top, Math.max(0, count - height)));
  return { ...screen, cursor: c, top };
}

function replaceTop(s: TuiState, screen: Screen): TuiState {
  return { ...s, stack: [...s.stack.slice(0, -1), screen] };
}

function moveTo(s: TuiState, cursor: number): TuiState {
  const sc = current(s);
  return replaceTop(s, place(sc, cursor, screenRows(s, sc).rows.length, listHeight(s)));
}

/** Clamp every screen's cursor after the data or the size changed. */
function reclamp(s: TuiState): TuiState {
  return { ...s, stack: s.stack.map((sc) => place(sc, sc.cursor, screenRows(s, sc).rows.length, listHeight(s))) };
}

function open(s: TuiState): TuiState {
  const sc = current(s);
  const { rows } = screenRows(s, sc);
  const row = rows[sc.cursor];
  if (row === undefined) return s;
  let next: Screen | undefined;
  switch (sc.kind) {
    case 'severities':
      next = { kind: 'rules', priority: (row as SeverityRow).priority, sort: 'count', cursor: 0, top: 0 };
      break;
    case 'rules':
      next = { kind: 'alerts', ruleId: (row as RuleRow).id, cursor: 0, top: 0 };
      break;
    case 'alerts':
      next = { kind: 'event', alert: (row as AlertRow).index, cursor: 0, top: 0 };
      break;
    case 'event':
    case 'follow':
    case 'explain':
      return s;
    case 'view':
      next = drillDown(viewById(sc.view), sc.filters, row as Parameters<typeof drillDown>[2]);
      break;
    case 'matches':
      next = { kind: 'event', alert: (row as AlertRow).index, cursor: 0, top: 0 };
      break;
    case 'picker':
      // The picked view replaces the picker.
      return { ...s, stack: [...s.stack.slice(0, -1), pickedScreen(row as PickerRow, sc.filters)] };
    case 'timeline':
      return { ...s, window: windowFor(s, sc.cursor, 'bucket') };
    case 'diffRules':
      next = openDiffRule(row as DiffRow);
      break;
    case 'diffAlerts': {
      const at = (row as DiffEntryRow).alert;
      if (at === undefined) return { ...s, notice: ours('this alert was not kept (too many alerts in this run)') };
      next = { kind: 'event', alert: at, cursor: 0, top: 0 };
      break;
    }
    case 'around': {
      // Enter centres the view on the selected event.
      const num = (row as { num: number }).num;
      if (num === sc.center) return s;
      next = { kind: 'around', center: num, scope: sc.scope, cursor: 0, top: 0 };
      break;
    }
  }
  return { ...s, stack: [...s.stack, next], search: { editing: false, query: s.search.query } };
}

/** The first row at or after `from` (wrapping) whose text contains the query, case-insensitively. */
function findFrom(s: TuiState, from: number): number | undefined {
  const q = s.search.query.toLowerCase();
  if (!q) return undefined;
  const { rows, text } = screenRows(s);
  for (let k = 0; k < rows.length; k++) {
    const i = (from + k) % rows.length;
    if (text(i).toLowerCase().includes(q)) return i;
  }
  return undefined;
}

function search(s: TuiState, from: number): TuiState {
  const hit = findFrom(s, from);
  if (hit === undefined) return { ...s, notice: ours(`no match for "${safe(s.search.query)}"`) };
  return moveTo(s, hit);
}

function scrollHelp(s: TuiState, a: Extract<Action, { type: 'move' | 'page' | 'first' | 'last' }>): TuiState {
  const top = s.helpTop ?? 0;
  const to = a.type === 'move' ? top + a.delta : a.type === 'page' ? top + a.delta * listHeight(s) : a.type === 'first' ? 0 : Number.MAX_SAFE_INTEGER;
  return { ...s, helpTop: Math.max(0, Math.min(to, helpLayout(s).perColumn - listHeight(s))) };
}

/** The key table's layout: two columns when one does not fit the height; `perColumn` rows (scrolled if taller). */
export function helpLayout(s: Pick<TuiState, 'rows'>): { readonly columns: number; readonly perColumn: number } {
  const columns = KEYMAP.length > listHeight(s) ? 2 : 1;
  return { columns, perColumn: Math.ceil(KEYMAP.length / columns) };
}

export function reduce(s: TuiState, a: Action): TuiState {
  if (s.notice !== undefined && a.type !== 'data' && a.type !== 'resize') s = { ...s, notice: undefined };
  if (s.help && (a.type === 'move' || a.type === 'page' || a.type === 'first' || a.type === 'last')) return scrollHelp(s, a);
  switch (a.type) {
    case 'resize':
      return reclamp({ ...s, cols: Math.max(MIN_COLS, a.cols), rows: Math.max(MIN_ROWS, a.rows) });
    case 'data':
      // Lists only grow while a replay runs, so every cursor stays valid.
      return { ...s, data: a.data };
    case 'move':
      return moveTo(s, current(s).cursor + a.delta);
    case 'page':
      return moveTo(s, current(s).cursor + a.delta * listHeight(s));
    case 'first':
      return moveTo(s, 0);
    case 'last':
      return moveTo(s, Number.MAX_SAFE_INTEGER);
    case 'open':
      return open(s);
    case 'back':
      if (s.help) return { ...s, help: false };
      if (s.filters?.length && (s.filters[s.filters.length - 1] as AlertFilter).depth === s.stack.length) return { ...s, filters: s.filters.slice(0, -1) };
      return s.stack.length > 1 ? { ...s, stack: s.stack.slice(0, -1) } : s;
    case 'sort': {
      const sc = current(s);
      if (sc.kind !== 'rules') return s;
      const keep = ruleRows(s.data, sc.priority, sc.sort, alertCounts(s))[sc.cursor]?.id;
      const sort = RULE_SORTS[(RULE_SORTS.indexOf(sc.sort) + 1) % RULE_SORTS.length] as RuleSort;
      const sorted = replaceTop(s, { ...sc, sort });
      const at = keep === undefined ? 0 : ruleRows(s.data, sc.priority, sort, alertCounts(s)).findIndex((r) => r.id === keep);
      return moveTo(sorted, Math.max(0, at));
    }
    case 'searchStart':
      return { ...s, search: { editing: true, query: '' } };
    case 'searchInput':
      return { ...s, search: { ...s.search, query: (s.search.query + a.text).slice(0, MAX_QUERY) } };
    case 'searchErase':
      return { ...s, search: { ...s.search, query: s.search.query.slice(0, -1) } };
    case 'searchCancel':
      return { ...s, search: { editing: false, query: '' } };
    case 'searchCommit': {
      const done = { ...s, search: { editing: false, query: s.search.query } };
      return done.search.query ? search(done, current(s).cursor) : done;
    }
    case 'searchNext':
      return s.search.query ? search(s, current(s).cursor + 1) : { ...s, notice: ours('no search yet: / to search') };
    case 'help':
      return { ...s, help: !s.help, helpTop: 0 };
    case 'pickView': {
      const sc = current(s);
      if (sc.kind === 'picker') return s;
      return { ...s, stack: [...s.stack, { kind: 'picker', filters: filtersOf(sc), cursor: 0, top: 0 }] };
    }
    case 'viewSort': {
      const sc = current(s);
      return sc.kind === 'view' ? moveTo(replaceTop(s, resort(sc, a.reverse)), 0) : s;
    }
    case 'timeline':
      return current(s).kind === 'timeline' ? s : { ...s, stack: [...s.stack, { kind: 'timeline', cursor: 0, top: 0 }] };
    case 'window': {
      const sc = current(s);
      return sc.kind === 'timeline' ? reclamp({ ...s, window: windowFor(s, sc.cursor, a.how) }) : s;
    }
    case 'windowClear':
      return s.window ? reclamp({ ...s, window: undefined }) : { ...s, notice: ours('no time window to clear: t opens the timeline') };
    case 'quit':
      return { ...s, quit: true };
    case 'explain':
      return openExplain(s);
    case 'explainResult':
      return explainResult(s, a.alert, a.outcome);
    case 'fold':
      return fold(s, a.how);
    case 'filterStart':
      return { ...s, filterEdit: { text: '' } };
    case 'filterInput':
      return editFilter(s, ((s.filterEdit?.text ?? '') + a.text).slice(0, MAX_QUERY));
    case 'filterErase':
      return editFilter(s, (s.filterEdit?.text ?? '').slice(0, -1));
    case 'filterCancel':
      return { ...s, filterEdit: undefined };
    case 'filterCommit':
      return commitFilter(s);
    case 'filterResult':
      return reclamp({ ...s, filters: (s.filters ?? []).map((f) => (f.raw === a.raw && !f.matches ? { ...f, matches: a.matches } : f)) });
    default:
      return reduceIndexed(s, a);
  }
}

/** The event number and thread/process/fd of what the cursor is on, for around and follow. */
function eventUnderCursor(s: TuiState): { num: number; pid: number; tid: number; fd: number } | undefined {
  const sc = current(s);
  if (sc.kind === 'event') {
    const row = s.data.alerts[sc.alert];
    const detail = s.data.eventOf(sc.alert);
    if (!row) return undefined;
    return { num: row.evtNum, pid: detail?.pid ?? -1, tid: detail?.tid ?? -1, fd: detail?.fd ?? -1 };
  }
  if (sc.kind === 'around') {
    const l = sc.result?.lines[sc.cursor];
    return l ? { num: l.num, pid: l.pid, tid: l.tid, fd: l.fd } : undefined;
  }
  return undefined;
}

const MAX_PROMPT = 4096;

/** Events around, follow fd, go to an event, export: the screens that read the capture again. */
function reduceIndexed(s: TuiState, a: Action): TuiState {
  const sc = current(s);
  switch (a.type) {
    case 'around': {
      const at = eventUnderCursor(s);
      if (!at || sc.kind === 'around') return s;
      if (s.canReread === false) return { ...s, notice: ours('events around need one capture (the index covers one capture per run)') };
      return { ...s, stack: [...s.stack, { kind: 'around', center: at.num, scope: 'thread', cursor: 0, top: 0 }] };
    }
    case 'scope': {
      if (sc.kind !== 'around') return s;
      const scope = AROUND_SCOPES[(AROUND_SCOPES.indexOf(sc.scope) + 1) % AROUND_SCOPES.length] as AroundScope;
      return replaceTop(s, { kind: 'around', center: sc.center, scope, cursor: 0, top: 0 });
    }
    case 'follow': {
      const at = eventUnderCursor(s);
      if (!at) return s;
      if (s.canReread === false) return { ...s, notice: ours('follow needs one capture (the index covers one capture per run)') };
      if (at.fd < 0 || at.pid < 0) return { ...s, notice: ours(`event ${at.num} uses no fd`) };
      return { ...s, stack: [...s.stack, { kind: 'follow', target: { pid: at.pid, tid: at.tid, fd: at.fd, from: at.num }, hex: false, cursor: 0, top: 0 }] };
    }
    case 'hex':
      return sc.kind === 'follow' ? replaceTop(s, { ...sc, hex: !sc.hex, cursor: 0, top: 0 }) : s;
    case 'aroundLoaded': {
      if (sc.kind !== 'around' || sc.center !== a.center || sc.scope !== a.scope || sc.result) return s;
      const loaded = replaceTop(s, { ...sc, result: a.result });
      return moveTo(loaded, Math.max(0, a.result.at));
    }
    case 'followLoaded':
      if (sc.kind !== 'follow' || sc.target !== a.target || sc.result) return s;
      return replaceTop(s, { ...sc, result: a.result });
    case 'promptStart': {
      if (a.kind === 'goto' && sc.kind !== 'around') return s;
      if (a.kind === 'capture') {
        if (!CAPTURE_SCREENS.includes(sc.kind)) return s;
        if (s.captureExport === undefined) return { ...s, notice: ours('writing a capture needs one capture (the run reads several)') };
        const sel = captureSelection(s);
        if (typeof sel === 'string') return { ...s, notice: ours(sel) };
        return { ...s, prompt: { kind: 'capture', text: s.captureExport } };
      }
      return { ...s, prompt: { kind: a.kind, text: a.kind === 'export' ? DEFAULT_EXPORT_PATH : '' } };
    }
    case 'promptInput':
      return s.prompt ? { ...s, prompt: { ...s.prompt, text: (s.prompt.text + a.text).slice(0, MAX_PROMPT) } } : s;
    case 'promptErase':
      return s.prompt ? { ...s, prompt: { ...s.prompt, text: s.prompt.text.slice(0, -1) } } : s;
    case 'promptCancel':
      return { ...s, prompt: undefined };
    case 'promptCommit': {
      const p = s.prompt;
      if (!p) return s;
      const done = { ...s, prompt: undefined };
      if (p.kind === 'goto') {
        const n = Number(p.text.trim());
        if (!Number.isSafeInteger(n) || n < 1) return { ...done, notice: ours(`not an event number: "${safe(p.text)}"`) };
        if (sc.kind !== 'around') return done;
        const last = s.data.index && s.data.index.state !== 'pending' ? s.data.index.last : 0;
        if (last > 0 && n > last) return { ...done, notice: ours(`event ${n} is past the last event the replay read (${last})`) };
        return replaceTop(done, { kind: 'around', center: n, scope: sc.scope, cursor: 0, top: 0 });
      }
      const path = p.text.trim();
      if (!path) return { ...done, notice: ours('no file name given') };
      const id = (s.exportRequest?.id ?? 0) + 1;
      if (p.kind === 'capture') {
        const selection = captureSelection(s);
        if (typeof selection === 'string') return { ...done, notice: ours(selection) };
        return { ...done, notice: ours('writing the capture…'), exportRequest: { path, alerts: [], selection, id } };
      }
      return { ...done, exportRequest: { path, alerts: visibleAlerts(s), id } };
    }
    case 'notice':
      return { ...s, notice: a.text };
    case 'readFailed':
      if ((sc.kind !== 'around' && sc.kind !== 'follow') || sc !== a.screen || sc.result) return { ...s, notice: a.text };
      return { ...replaceTop(s, { ...sc, error: a.text }), notice: a.text };
    default:
      return s;
  }
}

/**
 * The events `W` writes from the current screen (docs/tui-views.md#writing-a-selection-as-a-capture): the event
 * screen's event; the events the around view lists; the followed fd's reads and writes; on the views and the
 * timeline, every event the filter stack (drill-down filters, `f` filters) and the time window keep. A string
 * says why there is nothing to write yet.
 */
export function captureSelection(s: TuiState): CaptureSelection | string {
  const sc = current(s);
  switch (sc.kind) {
    case 'event': {
      const row = s.data.alerts[sc.alert];
      if (!row) return 'no event here';
      return { keys: [], filters: [], events: { first: row.evtNum, last: row.evtNum } };
    }
    case 'around': {
      const lines = sc.result?.lines ?? [];
      const first = lines[0];
      const last = lines[lines.length - 1];
      if (!sc.result) return 'the events are still being read';
      if (!first || !last) return 'no events listed here';
      const mid = lines[Math.max(0, sc.result.at)] ?? first;
      const keys = sc.scope === 'thread' ? [{ field: 'thread.tid', value: String(mid.tid) }] : sc.scope === 'process' ? [{ field: 'proc.pid', value: String(mid.pid) }] : [];
      return { keys, filters: [], events: { first: first.num, last: last.num } };
    }
    case 'follow': {
      const chunks = sc.result?.chunks ?? [];
      const first = chunks[0];
      const last = chunks[chunks.length - 1];
      if (!sc.result) return 'the fd is still being read';
      if (!first || !last) return 'no reads or writes listed here';
      const t = sc.target;
      const keys = [
        { field: 'proc.pid', value: String(t.pid) },
        { field: 'fd.num', value: String(t.fd) },
        { field: 'evt.is_io', value: 'true' },
      ];
      return { keys, filters: [], events: { first: first.num, last: last.num } };
    }
    default: {
      // The drill-down filters in force: the nearest screen that has some (the timeline keeps those below it).
      let keys: readonly { field: string; value: string }[] = [];
      for (let i = s.stack.length - 1; i >= 0; i--) {
        const f = filtersOf(s.stack[i] as Screen);
        if (f.length) {
          keys = f.map((k) => ({ field: k.field, value: k.value }));
          break;
        }
      }
      return { keys, filters: (s.filters ?? []).map((f) => f.raw), ...(s.window ? { window: { from: s.window.from, to: s.window.to } } : {}) };
    }
  }
}

/** The kept alerts the current screen shows (or leads to): a rule's, a severity's, or all of them. */
export function visibleAlerts(s: TuiState): number[] {
  const d = s.data;
  for (let i = s.stack.length - 1; i >= 0; i--) {
    const sc = s.stack[i] as Screen;
    if (sc.kind === 'alerts') return alertRows(d, sc.ruleId).map((r) => r.index);
    if (sc.kind === 'rules' && sc.priority !== 'all') {
      const p = sc.priority;
      return d.alerts.slice(0, d.alertCount).filter((r) => r.priority === p).map((r) => r.index);
    }
  }
  return d.alerts.slice(0, d.alertCount).map((r) => r.index);

}

// ---- explain and filters (docs/explain.md) ----

/** `x`: the explain screen of the event screen's alert, or of the selected alert. */
function openExplain(s: TuiState): TuiState {
  const sc = current(s);
  let alert: number | undefined;
  if (sc.kind === 'event') alert = sc.alert;
  else if (sc.kind === 'alerts') alert = filteredAlertRows(s, sc.ruleId)[sc.cursor]?.index;
  if (alert === undefined) return s;
  const next: Screen = { kind: 'explain', alert, rule: 0, collapsed: new Set(), cursor: 0, top: 0 };
  return { ...s, stack: [...s.stack, next] };
}

function explainResult(s: TuiState, alert: number, outcome: ExplainOutcome): TuiState {
  const ruleName = s.data.rules.find((r) => r.id === s.data.alerts[alert]?.ruleId)?.name;
  const stack = s.stack.map((sc) => {
    if (sc.kind !== 'explain' || sc.alert !== alert || sc.outcome) return sc;
    const rule = chosenRule(outcome, ruleName);
    const rows = explainRows(outcome, rule, sc.collapsed);
    return place({ ...sc, outcome, rule }, treeStart(rows), rows.length, listHeight(s));
  });
  return { ...s, stack };
}

/** Enter → ←: choose a rule, or fold and unfold the node under the cursor; ← on a leaf goes back. */
function fold(s: TuiState, how: 'toggle' | 'open' | 'close'): TuiState {
  const sc = current(s);
  if (sc.kind !== 'explain') return how === 'close' ? reduce(s, { type: 'back' }) : s;
  const rows = explainRows(sc.outcome, sc.rule, sc.collapsed);
  const row = rows[sc.cursor];
  if (row?.kind === 'rule') {
    if (how === 'close') return reduce(s, { type: 'back' });
    return replaceTop(s, { ...sc, rule: row.index, collapsed: new Set() });
  }
  if (row?.kind !== 'node' || !row.node || !row.foldable) return how === 'close' ? reduce(s, { type: 'back' }) : s;
  const folded = sc.collapsed.has(row.node);
  if ((how === 'open' && !folded) || (how === 'close' && folded)) return how === 'close' ? reduce(s, { type: 'back' }) : s;
  const collapsed = new Set(sc.collapsed);
  if (folded) collapsed.delete(row.node);
  else collapsed.add(row.node);
  const screen = { ...sc, collapsed };
  return replaceTop(s, place(screen, sc.cursor, explainRows(sc.outcome, sc.rule, collapsed).length, listHeight(s)));
}

function editFilter(s: TuiState, text: string): TuiState {
  const problem = text.trim() === '' ? undefined : s.data.checkFilter?.(text);
  return { ...s, filterEdit: { text, ...(problem ? { error: problem } : {}) } };
}

function commitFilter(s: TuiState): TuiState {
  const e = s.filterEdit;
  if (!e) return s;
  if (e.text.trim() === '') return { ...s, filterEdit: undefined };
  if (e.error) return { ...s, notice: ours('the filter has an error: fix it, or Esc to cancel') };
  const f: AlertFilter = { raw: e.text, text: safe(e.text), depth: s.stack.length };
  return reclamp({ ...s, filterEdit: undefined, filters: [...(s.filters ?? []), f] });
}
