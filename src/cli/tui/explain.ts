// The explain screen's and the alert filter's data (docs/explain.md): what the TUI asks of a run (an explanation
// of one event, the alerts a filter keeps), and the rows of the explain screen. Every text shown comes from
// treeLines/eventText (escaped there) or through safe().
import type { ExplainOutcome, RuleExplanation } from '../explain-event.js';
import { eventText, explainIndexed, HISTORY_FIELDS, rulesReadHistory, treeLines } from '../explain-event.js';
import { CHECKPOINT_EVERY, compileFilter, Replay, SYSCALL_SOURCE, type EventIndex, type ExplainNode, type Expr, type Predicate } from '../../engine/index.js';
import { ours, safe, type SafeText } from './model.js';

/** What the TUI asks of the run it shows; each answer arrives later as an action. */
export interface TuiProbe {
  /** Replay the alert's capture to its event and explain the rules that apply there. */
  explain(capture: number, evtNum: number): Promise<ExplainOutcome>;
  /** Of the given alert events, the indexes of those on which the filter holds. */
  filterMatches(text: string, alerts: readonly { readonly index: number; readonly capture: number; readonly evtNum: number }[]): Promise<ReadonlySet<number>>;
}

/**
 * Wanted events further apart than this are read in separate passes, each from its own nearest checkpoint
 * (checkpoints are about {@link CHECKPOINT_EVERY} events apart, up to a few times that when they were put off).
 */
export const FILTER_PASS_GAP = 4 * CHECKPOINT_EVERY;

/** Runs of sorted event numbers, split where two are more than `gap` apart. */
export function passesOver(nums: readonly number[], gap: number): [number, number][] {
  const out: [number, number][] = [];
  for (const n of nums) {
    const last = out[out.length - 1];
    if (last && n - last[1] <= gap) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/**
 * The probe of a run of one capture with an event index (docs/explain.md#filter-expressions-in-the-tui): explain
 * and filters read the capture again from the index's nearest checkpoint before the events they need, not from
 * its start (the index reads a gzip capture from its start: it cannot resume one).
 */
export function indexedProbe(options: ConstructorParameters<typeof Replay>[0], index: EventIndex, fromStart?: TuiProbe): TuiProbe {
  const history = rulesReadHistory(options);
  // The run's rules, loaded once for the filters' macros and lists (the filters compile against each read's state).
  let rules: Replay | undefined;
  const expand = (text: string): Expr | undefined => {
    rules ??= new Replay({ ...options, minPriority: -1 });
    const f = rules.explainer()?.filter(text, SYSCALL_SOURCE);
    return f?.ok ? f.expr : undefined;
  };
  return {
    explain: (_capture, evtNum) => explainIndexed(options, index, { evtNum }),
    filterMatches: async (text, alerts) => {
      // A filter on a field that remembers earlier extractions reads the capture from its start.
      if (fromStart && (history || HISTORY_FIELDS.test(text))) return fromStart.filterMatches(text, alerts);
      const kept = new Set<number>();
      const expr = expand(text);
      if (!expr) return kept;
      const wanted = new Map<number, number[]>();
      for (const a of alerts) {
        const l = wanted.get(a.evtNum);
        if (l) l.push(a.index);
        else wanted.set(a.evtNum, [a.index]);
      }
      const nums = [...wanted.keys()].sort((a, b) => a - b);
      // A capture read from its start each time (gzip) is read once, over all of them.
      for (const [from, to] of passesOver(nums, index.seekable ? FILTER_PASS_GAP : Number.POSITIVE_INFINITY)) {
        let predicate: Predicate | undefined;
        await index.visit(from, to, (e, insp) => {
          const at = wanted.get(e.num);
          if (!at || !insp.context.reachesRules) return undefined;
          predicate ??= compileFilter(expr, { registry: insp.registry, source: SYSCALL_SOURCE, ...insp.compileOptions }).predicate;
          if (predicate(insp.context)) for (const i of at) kept.add(i);
          return undefined;
        });
      }
      return kept;
    },
  };
}

/** One filter applied to the alerts lists. */
export interface AlertFilter {
  /** As typed (compiled again by the probe). */
  readonly raw: string;
  readonly text: SafeText;
  /** Stack depth it was applied at: Esc there removes it. */
  readonly depth: number;
  /** Alert indexes it keeps; undefined while being computed. */
  readonly matches?: ReadonlySet<number>;
}

/** The filter prompt while it is open. */
export interface FilterEdit {
  readonly text: string;
  readonly error?: { readonly offset: number; readonly message: SafeText };
}

export type ExplainRow =
  | { readonly kind: 'rule'; readonly index: number; readonly name: SafeText; readonly matched: boolean; readonly applies: boolean; readonly selected: boolean }
  | { readonly kind: 'heading'; readonly text: SafeText }
  | { readonly kind: 'note'; readonly text: SafeText }
  | { readonly kind: 'node'; readonly depth: number; readonly value: boolean | null; readonly text: SafeText; readonly node?: ExplainNode; readonly folded: boolean; readonly foldable: boolean };

/** Rows per outcome, fold set and chosen rule (selectors run on every key and redraw). */
const cache = new WeakMap<object, WeakMap<object, Map<number, readonly ExplainRow[]>>>();

/** The explain screen's header line (escaped). */
export function explainHeader(outcome: ExplainOutcome | undefined, evtNum: number | undefined): SafeText {
  if (outcome?.ok) return ours(eventText(outcome.event));
  return ours(`event ${evtNum ?? '?'}`);
}

/** Rows: the rules that apply to the event (a chooser), then the chosen rule's condition tree. */
export function explainRows(outcome: ExplainOutcome | undefined, chosen: number, collapsed: ReadonlySet<ExplainNode>): readonly ExplainRow[] {
  if (!outcome) return [{ kind: 'note', text: ours('explaining… (replaying the capture to this event)') }];
  if (!outcome.ok) return [{ kind: 'note', text: safe(outcome.message) }];
  let byFold = cache.get(outcome);
  if (!byFold) cache.set(outcome, (byFold = new WeakMap()));
  let byRule = byFold.get(collapsed);
  if (!byRule) byFold.set(collapsed, (byRule = new Map<number, readonly ExplainRow[]>()));
  const known = byRule.get(chosen);
  if (known) return known;
  const rows: ExplainRow[] = [];
  if (!outcome.rules.length) rows.push({ kind: 'note', text: ours('no enabled rule applies to this event type') });
  outcome.rules.forEach((r: RuleExplanation, index) => {
    rows.push({ kind: 'rule', index, name: safe(r.rule), matched: r.matched, applies: r.applies, selected: index === chosen });
  });
  const r = outcome.rules[chosen];
  if (r) {
    rows.push({ kind: 'heading', text: ours(`condition of the rule (${r.matched ? 'matched' : 'not matched'}); Enter → ← fold`) });
    for (const l of treeLines(r.tree, collapsed)) {
      const foldable = l.node !== undefined && ((l.node.children?.length ?? 0) > 0 || (l.node.lists?.length ?? 0) > 0);
      // treeLines escaped the text already (escapeControl, the function safe() applies).
      rows.push({ kind: 'node', depth: l.depth, value: l.value, text: ours(l.text), ...(l.node ? { node: l.node } : {}), folded: l.node !== undefined && collapsed.has(l.node), foldable });
    }
  }
  byRule.set(chosen, rows);
  return rows;
}

/** The row the cursor starts on: the chosen rule's tree root. */
export function treeStart(rows: readonly ExplainRow[]): number {
  const i = rows.findIndex((r) => r.kind === 'node');
  return i < 0 ? 0 : i;
}

/** Searchable text of a row. */
export function explainRowText(r: ExplainRow | undefined): string {
  if (!r) return '';
  return r.kind === 'rule' ? r.name : r.text;
}

/** The index of the alert's rule among the explained ones (else the first matched, else 0). */
export function chosenRule(outcome: ExplainOutcome, ruleName: string | undefined): number {
  if (!outcome.ok) return 0;
  const i = outcome.rules.findIndex((r) => r.rule === ruleName);
  if (i >= 0) return i;
  return Math.max(0, outcome.rules.findIndex((r) => r.matched));
}
