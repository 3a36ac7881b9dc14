// Two alert sets over the same events → per-rule counts and deltas, alerts added, removed and changed, and
// shadowing under `rule_matching: first`. An alert is identified by (capture, event number, rule). Every list
// is sorted by a total order on its content, so the report does not depend on the order alerts arrived in.
import { alertIsoTime, type Alert } from '../output/alert.js';
import { PRIORITIES } from '../rules/items.js';
import { compareText } from './order.js';
import type { ChangeLevel, StaticChange } from './static.js';

/** One alert as the diff sees it. */
export interface DiffAlert {
  readonly capture: string;
  readonly evtnum: number;
  /** UTC ISO 8601 with nanoseconds (`2024-01-02T03:04:05.123456789Z`). */
  readonly time: string;
  readonly rule: string;
  /** 0 = Emergency … 7 = Debug. */
  readonly priority: number;
  readonly process?: string | undefined;
  /** The rendered output, raw. */
  readonly output: string;
  /** Sorted; undefined when the side does not know them (a baseline): tags are then not compared. */
  readonly tags?: readonly string[] | undefined;
}

/** The rules that match one event under `rule_matching: all`, in evaluation order. */
export interface EventMatches {
  readonly capture: string;
  readonly evtnum: number;
  readonly time: string;
  readonly rules: readonly string[];
}

export interface DiffSide {
  readonly alerts: readonly DiffAlert[];
  /** Every rule loaded on this side with its priority; undefined when unknown (nothing is marked one-sided). */
  readonly rules?: readonly { readonly name: string; readonly priority: number }[];
  /** Per event, the rules matching under `all`, when this side evaluates with `rule_matching: first`. */
  readonly matches?: readonly EventMatches[];
  /** What this side is (rules files, a git revision, a baseline folder). */
  readonly label?: string;
}

export interface AlertDiffInput {
  /** Captures in report order (as named on the command line). */
  readonly captures: readonly string[];
  readonly base: DiffSide;
  readonly head: DiffSide;
  readonly staticChanges?: readonly StaticChange[];
}

export const DIFF_REPORT_SCHEMA_VERSION = 1;

export type Presence = 'both' | 'base-only' | 'head-only';
export interface RuleRow {
  readonly rule: string;
  readonly priority: string;
  readonly presence: Presence;
  readonly base: number;
  readonly head: number;
  readonly delta: number;
}
export interface PriorityRow {
  readonly priority: string;
  readonly base: number;
  readonly head: number;
  readonly delta: number;
}
export interface AlertEntry {
  readonly capture: string;
  readonly evtnum: number;
  readonly time: string;
  readonly rule: string;
  readonly priority: string;
  readonly process: string | null;
  readonly output: string;
  readonly tags: readonly string[] | null;
}
export interface AlertVersion {
  readonly priority: string;
  readonly output: string;
  readonly tags: readonly string[] | null;
}
export interface ChangedEntry {
  readonly capture: string;
  readonly evtnum: number;
  readonly time: string;
  readonly rule: string;
  readonly fields: readonly ('priority' | 'output' | 'tags')[];
  readonly base: AlertVersion;
  readonly head: AlertVersion;
}
export interface ShadowedEntry {
  readonly capture: string;
  readonly evtnum: number;
  readonly time: string;
  readonly rule: string;
  /** The earlier rule that took the event on each side (null: not shadowed there). */
  readonly base_by: string | null;
  readonly head_by: string | null;
}
export interface Totals {
  readonly base: number;
  readonly head: number;
  readonly delta: number;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly shadowed: number;
}
export interface CaptureRow extends Totals {
  readonly capture: string;
  readonly rules: readonly { readonly rule: string; readonly base: number; readonly head: number; readonly delta: number }[];
}
export interface StaticChangeJson {
  readonly kind: StaticChange['kind'];
  readonly name: string;
  readonly change: StaticChange['change'];
  readonly level: ChangeLevel;
  readonly findings: readonly { readonly code: string; readonly level: ChangeLevel; readonly message: string }[];
  readonly fields: StaticChange['fields'];
  readonly via: StaticChange['via'];
}

/** The diff report: what `--json` prints and every other rendering is made from. */
export interface DiffReport {
  readonly schema_version: typeof DIFF_REPORT_SCHEMA_VERSION;
  readonly base: { readonly label: string | null };
  readonly head: { readonly label: string | null };
  readonly totals: Totals;
  readonly priorities: readonly PriorityRow[];
  readonly rules: readonly RuleRow[];
  readonly added: readonly AlertEntry[];
  readonly removed: readonly AlertEntry[];
  readonly changed: readonly ChangedEntry[];
  readonly static_changes: readonly StaticChangeJson[];
  readonly shadowed: readonly ShadowedEntry[];
  readonly captures: readonly CaptureRow[];
}

const priorityName = (p: number): string => PRIORITIES[p] ?? 'Debug';
const priorityNumber = (name: string): number => {
  const i = (PRIORITIES as readonly string[]).indexOf(name);
  return i < 0 ? PRIORITIES.length : i;
};

/** The diff's view of an engine alert (`captures[alert.capture]` names its capture). */
export function toDiffAlert(alert: Alert, captures: readonly string[], process?: string): DiffAlert {
  const fromFields = alert.outputFields?.['proc.name'];
  const proc = process ?? (typeof fromFields === 'string' ? fromFields : undefined);
  return {
    capture: captures[alert.capture] ?? String(alert.capture),
    evtnum: alert.evtNum,
    time: alertIsoTime(alert.ts),
    rule: alert.rule,
    priority: alert.priority,
    process: proc,
    output: alert.message,
    tags: alert.tags,
  };
}

class Order {
  readonly #capture = new Map<string, number>();
  constructor(captures: readonly string[]) {
    captures.forEach((c, i) => {
      if (!this.#capture.has(c)) this.#capture.set(c, i);
    });
  }
  captureIndex(c: string): number {
    return this.#capture.get(c) ?? Number.MAX_SAFE_INTEGER;
  }
  /** Captures in input order; any not listed come after, by name. */
  captures(extra: Iterable<string>): string[] {
    const all = new Set<string>([...this.#capture.keys(), ...extra]);
    return [...all].sort((a, b) => this.captureIndex(a) - this.captureIndex(b) || compareText(a, b));
  }
  event = (a: { capture: string; evtnum: number; rule: string }, b: { capture: string; evtnum: number; rule: string }): number =>
    this.captureIndex(a.capture) - this.captureIndex(b.capture) || compareText(a.capture, b.capture) || a.evtnum - b.evtnum || compareText(a.rule, b.rule);
}

const keyOf = (a: { capture: string; evtnum: number; rule: string }): string => JSON.stringify([a.capture, a.evtnum, a.rule]);
const sameTags = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  a === undefined || b === undefined || (a.length === b.length && a.every((t, i) => t === b[i]));

function entry(a: DiffAlert): AlertEntry {
  return { capture: a.capture, evtnum: a.evtnum, time: a.time, rule: a.rule, priority: priorityName(a.priority), process: a.process ?? null, output: a.output, tags: a.tags ? [...a.tags] : null };
}
const version = (a: DiffAlert): AlertVersion => ({ priority: priorityName(a.priority), output: a.output, tags: a.tags ? [...a.tags] : null });

function shadowsOf(matches: readonly EventMatches[] | undefined): Map<string, { m: EventMatches; rule: string; by: string }> {
  const out = new Map<string, { m: EventMatches; rule: string; by: string }>();
  for (const m of matches ?? []) {
    const first = m.rules[0];
    if (first === undefined) continue;
    for (const r of m.rules.slice(1)) if (r !== first) out.set(keyOf({ capture: m.capture, evtnum: m.evtnum, rule: r }), { m, rule: r, by: first });
  }
  return out;
}

export function toStaticJson(c: StaticChange): StaticChangeJson {
  return { kind: c.kind, name: c.name, change: c.change, level: c.level, findings: c.findings.map((f) => ({ code: f.code, level: f.level, message: f.message })), fields: c.fields, via: c.via };
}

/** Compare the two sides' alerts (and shadowing, and static changes when given) into one report. */
export function diffAlerts(input: AlertDiffInput): DiffReport {
  const order = new Order(input.captures);
  // Pair alerts by identity; a duplicate identity (not produced by Falco's engine) pairs in arrival order.
  const baseBy = new Map<string, DiffAlert[]>();
  for (const a of input.base.alerts) {
    const k = keyOf(a);
    const l = baseBy.get(k);
    if (l) l.push(a);
    else baseBy.set(k, [a]);
  }
  const added: DiffAlert[] = [];
  const changed: ChangedEntry[] = [];
  for (const h of input.head.alerts) {
    const b = baseBy.get(keyOf(h))?.shift();
    if (!b) {
      added.push(h);
      continue;
    }
    const fields: ChangedEntry['fields'][number][] = [];
    if (b.priority !== h.priority) fields.push('priority');
    if (b.output !== h.output) fields.push('output');
    if (!sameTags(b.tags, h.tags)) fields.push('tags');
    if (fields.length) changed.push({ capture: h.capture, evtnum: h.evtnum, time: h.time, rule: h.rule, fields, base: version(b), head: version(h) });
  }
  const removed = [...baseBy.values()].flat();

  // Per-rule counts, overall and per capture.
  const priorityOf = new Map<string, number>();
  const baseRules = input.base.rules ? new Map(input.base.rules.map((r) => [r.name, r.priority])) : undefined;
  const headRules = input.head.rules ? new Map(input.head.rules.map((r) => [r.name, r.priority])) : undefined;
  for (const a of input.base.alerts) priorityOf.set(a.rule, a.priority);
  for (const [n, p] of baseRules ?? []) priorityOf.set(n, p);
  for (const a of input.head.alerts) priorityOf.set(a.rule, a.priority);
  for (const [n, p] of headRules ?? []) priorityOf.set(n, p);
  const counts = new Map<string, { base: number; head: number }>();
  const perCapture = new Map<string, Map<string, { base: number; head: number }>>();
  const bump = (a: DiffAlert, side: 'base' | 'head'): void => {
    const c = counts.get(a.rule) ?? { base: 0, head: 0 };
    c[side]++;
    counts.set(a.rule, c);
    let pc = perCapture.get(a.capture);
    if (!pc) perCapture.set(a.capture, (pc = new Map<string, { base: number; head: number }>()));
    const r = pc.get(a.rule) ?? { base: 0, head: 0 };
    r[side]++;
    pc.set(a.rule, r);
  };
  for (const a of input.base.alerts) bump(a, 'base');
  for (const a of input.head.alerts) bump(a, 'head');

  const presence = (rule: string): Presence => {
    const inBase = baseRules ? baseRules.has(rule) : true;
    const inHead = headRules ? headRules.has(rule) : true;
    return inBase && !inHead ? 'base-only' : inHead && !inBase ? 'head-only' : 'both';
  };
  const ruleNames = new Set<string>(counts.keys());
  for (const n of baseRules?.keys() ?? []) if (presence(n) !== 'both') ruleNames.add(n);
  for (const n of headRules?.keys() ?? []) if (presence(n) !== 'both') ruleNames.add(n);
  const rules: RuleRow[] = [...ruleNames]
    .map((rule) => {
      const c = counts.get(rule) ?? { base: 0, head: 0 };
      return { rule, priority: priorityName(priorityOf.get(rule) ?? 7), presence: presence(rule), base: c.base, head: c.head, delta: c.head - c.base };
    })
    .sort((a, b) => priorityNumber(a.priority) - priorityNumber(b.priority) || compareText(a.rule, b.rule));

  const byPriority = PRIORITIES.map(() => ({ base: 0, head: 0 }));
  for (const a of input.base.alerts) (byPriority[a.priority] ?? byPriority[7]!).base++;
  for (const a of input.head.alerts) (byPriority[a.priority] ?? byPriority[7]!).head++;
  const priorities: PriorityRow[] = byPriority.map((c, i) => ({ priority: priorityName(i), base: c.base, head: c.head, delta: c.head - c.base })).filter((r) => r.base || r.head);

  // Shadowing, merged per (capture, event, rule) across the sides.
  const bs = shadowsOf(input.base.matches);
  const hs = shadowsOf(input.head.matches);
  const shadowed: ShadowedEntry[] = [];
  for (const k of new Set([...bs.keys(), ...hs.keys()])) {
    const s = (bs.get(k) ?? hs.get(k)) as { m: EventMatches; rule: string };
    shadowed.push({ capture: s.m.capture, evtnum: s.m.evtnum, time: s.m.time, rule: s.rule, base_by: bs.get(k)?.by ?? null, head_by: hs.get(k)?.by ?? null });
  }

  const byEvent = order.event;
  added.sort(byEvent);
  removed.sort(byEvent);
  changed.sort(byEvent);
  shadowed.sort(byEvent);

  const perCaptureCount = (l: readonly { capture: string }[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const x of l) m.set(x.capture, (m.get(x.capture) ?? 0) + 1);
    return m;
  };
  const lists = { added, removed, changed, shadowed };
  const byCapture = { added: perCaptureCount(added), removed: perCaptureCount(removed), changed: perCaptureCount(changed), shadowed: perCaptureCount(shadowed) };
  const tally = (capture: string | undefined): Omit<Totals, 'base' | 'head' | 'delta'> => {
    const f = (k: keyof typeof lists): number => (capture === undefined ? lists[k].length : (byCapture[k].get(capture) ?? 0));
    return { added: f('added'), removed: f('removed'), changed: f('changed'), shadowed: f('shadowed') };
  };
  const captureNames = order.captures([...perCapture.keys(), ...shadowed.map((s) => s.capture)]);
  const captures: CaptureRow[] = captureNames.map((capture) => {
    const pc = perCapture.get(capture) ?? new Map<string, { base: number; head: number }>();
    const rows = [...pc]
      .map(([rule, c]) => ({ rule, base: c.base, head: c.head, delta: c.head - c.base }))
      .sort((a, b) => priorityNumber(priorityName(priorityOf.get(a.rule) ?? 7)) - priorityNumber(priorityName(priorityOf.get(b.rule) ?? 7)) || compareText(a.rule, b.rule));
    const base = rows.reduce((s, r) => s + r.base, 0);
    const head = rows.reduce((s, r) => s + r.head, 0);
    return { capture, base, head, delta: head - base, ...tally(capture), rules: rows };
  });
  const base = input.base.alerts.length;
  const head = input.head.alerts.length;
  return {
    schema_version: DIFF_REPORT_SCHEMA_VERSION,
    base: { label: input.base.label ?? null },
    head: { label: input.head.label ?? null },
    totals: { base, head, delta: head - base, ...tally(undefined) },
    priorities,
    rules,
    added: added.map(entry),
    removed: removed.map(entry),
    changed,
    static_changes: (input.staticChanges ?? []).map(toStaticJson),
    shadowed,
    captures,
  };
}

export type FailOn = 'added' | 'removed' | 'changed' | 'static-major' | 'any' | 'none';
export const FAIL_ON_VALUES: readonly FailOn[] = ['added', 'removed', 'changed', 'static-major', 'any', 'none'];

/**
 * The exit status a report earns under `--fail-on` (several conditions may be combined): 3 when any of them
 * holds, 0 otherwise. `any` is any alert change (added, removed or changed); `none` never fails.
 */
export function diffExitCode(report: DiffReport, failOn: readonly FailOn[] = ['any']): 0 | 3 {
  const t = report.totals;
  const holds = (f: FailOn): boolean => {
    switch (f) {
      case 'added':
        return t.added > 0;
      case 'removed':
        return t.removed > 0;
      case 'changed':
        return t.changed > 0;
      case 'static-major':
        return report.static_changes.some((c) => c.level === 'major');
      case 'any':
        return t.added + t.removed + t.changed > 0;
      case 'none':
        return false;
    }
  };
  return failOn.some(holds) ? 3 : 0;
}

/** Parse a `--fail-on` value (comma-separated); throws naming the bad word. */
export function parseFailOn(text: string): FailOn[] {
  const words = text.split(',').map((w) => w.trim()).filter(Boolean);
  if (!words.length) throw new Error(`--fail-on needs one of: ${FAIL_ON_VALUES.join(', ')}`);
  for (const w of words) if (!(FAIL_ON_VALUES as readonly string[]).includes(w)) throw new Error(`--fail-on: unknown value "${w}" (expected ${FAIL_ON_VALUES.join(', ')})`);
  return words as FailOn[];
}
