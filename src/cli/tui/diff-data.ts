// Diff mode's data: both rule sets' alerts of one replay, compared by the diff engine (diffAlerts), with each
// added / removed / changed alert tied to the kept alert of its side so the event screen can open it.
import { diffAlerts, toDiffAlert, type Alert, type DiffAlert, type DiffReport, type Presence } from '../../engine/index.js';
import { ours, safe, type AlertRow, type SafeText, type TuiData } from './model.js';

export type ChangeMark = '+' | '-' | '~';

export interface DiffRuleRow {
  readonly rule: SafeText;
  /** The raw name (what the alert list of the rule matches). */
  readonly name: string;
  readonly priority: SafeText;
  readonly presence: Presence;
  readonly base: number;
  readonly head: number;
  readonly delta: number;
}

export interface DiffEntryRow {
  readonly mark: ChangeMark;
  /** The raw rule name. */
  readonly rule: string;
  /** The kept alert (base side for removed, head side otherwise), when it was kept. */
  readonly alert: number | undefined;
  /** Shown when the alert was not kept. */
  readonly time: SafeText;
  readonly output: SafeText;
  /** What changed, for `~` rows (priority, output, tags). */
  readonly fields: SafeText;
}

export interface DiffData {
  /** Names of the two sides (`--base` and `--head` files). */
  readonly labels: { readonly base: SafeText; readonly head: SafeText };
  /** The first rule id of the head side in the store (base rules come first). */
  readonly headFrom: number;
  /** Set when the replay finished. */
  readonly report?: {
    readonly totals: DiffReport['totals'];
    readonly rules: readonly DiffRuleRow[];
    readonly entries: readonly DiffEntryRow[];
  };
}

const keyOf = (capture: string, evtnum: number, rule: string): string => JSON.stringify([capture, evtnum, rule]);

/** Collects both sides' alerts as they arrive; {@link finish} runs the diff engine once. */
export class DiffCollector {
  readonly #names: readonly string[];
  readonly #sides: [DiffAlert[], DiffAlert[]] = [[], []];
  /** Kept alert index of each side's alert, by (capture, evtnum, rule). */
  readonly #kept: [Map<string, number>, Map<string, number>] = [new Map<string, number>(), new Map<string, number>()];
  readonly #rules: [{ name: string; priority: number }[], { name: string; priority: number }[]];
  readonly labels: DiffData['labels'];
  #report: DiffData['report'];

  constructor(captures: readonly string[], rules: readonly [readonly { name: string; priority: number }[], readonly { name: string; priority: number }[]], labels: { base: string; head: string }) {
    this.#names = captures;
    this.#rules = [rules[0].map((r) => ({ name: r.name, priority: r.priority })), rules[1].map((r) => ({ name: r.name, priority: r.priority }))];
    this.labels = { base: safe(labels.base), head: safe(labels.head) };
  }

  /** One alert of side 0 (base) or 1 (head), and its index among the kept alerts (undefined: not kept). */
  add(side: 0 | 1, a: Alert, kept: number | undefined): void {
    const d = toDiffAlert(a, this.#names);
    this.#sides[side].push(d);
    if (kept !== undefined) this.#kept[side].set(keyOf(d.capture, d.evtnum, d.rule), kept);
  }

  finish(): void {
    const report = diffAlerts({ captures: this.#names, base: { alerts: this.#sides[0], rules: this.#rules[0] }, head: { alerts: this.#sides[1], rules: this.#rules[1] } });
    const entries: DiffEntryRow[] = [];
    const at = (side: 0 | 1, e: { capture: string; evtnum: number; rule: string }): number | undefined => this.#kept[side].get(keyOf(e.capture, e.evtnum, e.rule));
    for (const e of report.added) entries.push({ mark: '+', rule: e.rule, alert: at(1, e), time: safe(e.time), output: safe(e.output), fields: ours('') });
    for (const e of report.removed) entries.push({ mark: '-', rule: e.rule, alert: at(0, e), time: safe(e.time), output: safe(e.output), fields: ours('') });
    for (const e of report.changed) entries.push({ mark: '~', rule: e.rule, alert: at(1, e), time: safe(e.time), output: safe(e.head.output), fields: ours(e.fields.join(',')) });
    // One list in capture-time order (the report's own lists are each in event order).
    entries.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    this.#report = {
      totals: report.totals,
      rules: report.rules.map((r) => ({ rule: safe(r.rule), name: r.rule, priority: safe(r.priority), presence: r.presence, base: r.base, head: r.head, delta: r.delta })),
      entries,
    };
  }

  data(): DiffData {
    return { labels: this.labels, headFrom: this.#rules[0].length, ...(this.#report ? { report: this.#report } : {}) };
  }
}

/** The entries of one rule, or all. */
export function diffEntries(d: DiffData, rule: string | undefined): readonly DiffEntryRow[] {
  const all = d.report?.entries ?? [];
  return rule === undefined ? all : all.filter((e) => e.rule === rule);
}

/** The alert row of an entry, when its alert was kept. */
export const entryAlert = (data: TuiData, e: DiffEntryRow): AlertRow | undefined => (e.alert === undefined ? undefined : data.alerts[e.alert]);
