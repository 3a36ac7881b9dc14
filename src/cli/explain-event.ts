// Explaining one event of a capture (docs/explain.md): replay the capture up to event N, so the state is what the
// rules saw, and evaluate there the explain tree of each rule that applies to the event (or of one named rule).
// `falco-replay explain` prints the result; the TUI's explain screen shows it.
import { escapeControl } from '../common/index.js';
import { Replay, type CompiledRule, type ExplainNode } from '../engine/index.js';
import { closest } from './closest.js';

/** One rule's explanation on the event. */
export interface RuleExplanation {
  readonly rule: string;
  readonly priority: number;
  readonly source: string;
  /** The condition holds on the event (the root's value). */
  readonly matched: boolean;
  /** Enabled in this run (rules files and selection) and its event types include the event's. */
  readonly applies: boolean;
  readonly tree: ExplainNode;
}

/** What the explain screen and `explain --json` show about the event itself. */
export interface ExplainedEvent {
  readonly num: number;
  readonly type: string | null;
  readonly dir: string | null;
  readonly proc: string | null;
  readonly pid: string | null;
  readonly fd: string | null;
}

export type ExplainOutcome =
  | { readonly ok: true; readonly event: ExplainedEvent; readonly rules: readonly RuleExplanation[] }
  /** `code` says which: the rule name is unknown, the event is past the end, or it never reaches the rules. */
  | { readonly ok: false; readonly code: 'unknown-rule' | 'no-such-event' | 'not-evaluated' | 'rules-not-loaded'; readonly message: string };

export interface ExplainRequest {
  /** The event number, as `events` and alerts show it. */
  readonly evtNum: number;
  /** Explain only this rule (else every enabled rule whose event types include the event). */
  readonly rule?: string;
}

/** Rule names closest to a mistyped one, for the error message. */
export function unknownRuleMessage(name: string, rules: readonly Pick<CompiledRule, 'name'>[]): string {
  const near = closest(
    name,
    rules.map((r) => r.name),
  );
  return `no rule named "${name}" in the rules files${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ''}`;
}

/**
 * Replay `options` (one capture) to the requested event and explain it there. The replay stops right after the
 * event; `options.onEvent` and `options.signal` are taken over.
 */
export async function explainEvent(options: ConstructorParameters<typeof Replay>[0], req: ExplainRequest): Promise<ExplainOutcome> {
  const stop = new AbortController();
  const outer = options.signal;
  if (outer) outer.addEventListener('abort', () => stop.abort(), { once: true });
  let outcome: ExplainOutcome | undefined;
  let last = -1;
  // Assigned before the replay reads its first event.
  const holder: { replay?: Replay; only?: CompiledRule } = {};
  const replay = new Replay({
    ...options,
    outputFields: false,
    snapshots: false,
    signal: stop.signal,
    onEvent: (e, ctx, source) => {
      last = Math.max(last, e.num);
      if (e.num !== req.evtNum || outcome) return;
      stop.abort();
      const r = holder.replay as Replay;
      if (!ctx) {
        outcome = { ok: false, code: 'not-evaluated', message: `event ${req.evtNum} does not reach the rules (an enter event or a meta event; with --legacy-enter-events enter events do)` };
        return;
      }
      const ex = r.explainer();
      if (!ex) return;
      const text = (f: string): string | null => ex.field(f, source)?.(ctx) ?? null;
      const event: ExplainedEvent = { num: e.num, type: text('evt.type'), dir: text('evt.dir'), proc: text('proc.name'), pid: text('proc.pid'), fd: text('fd.name') };
      const candidates = r.ruleset?.candidates(source, e.type) ?? [];
      const rules = holder.only ? [holder.only] : candidates;
      outcome = {
        ok: true,
        event,
        rules: rules.map((rule) => {
          const tree = ex.rule(rule).evaluate(ctx);
          return { rule: rule.name, priority: rule.priority, source: rule.source, matched: tree.value === true, applies: candidates.includes(rule), tree };
        }),
      };
    },
  });
  holder.replay = replay;
  if (!replay.ok) return { ok: false, code: 'rules-not-loaded', message: 'the rules files did not load' };
  if (req.rule !== undefined) {
    const only = replay.rules.find((r) => r.name === req.rule);
    if (!only) return { ok: false, code: 'unknown-rule', message: unknownRuleMessage(req.rule, replay.rules) };
    holder.only = only;
  }
  for await (const _ of replay.alerts()) {
    // Alerts are not needed: the replay runs for the state it rebuilds.
  }
  if (outcome) return outcome;
  if (outer?.aborted) return { ok: false, code: 'no-such-event', message: 'stopped' };
  return { ok: false, code: 'no-such-event', message: `event ${req.evtNum} is beyond the capture (${last >= 0 ? `its last event is ${last}` : 'it has no events'})` };
}

/** A node's mark: ✓ true, ✗ false, · not evaluated (short-circuit). */
export const mark = (v: boolean | null): string => (v === null ? '·' : v ? '✓' : '✗');

/** Items of a list shown inline before the rest is summarised. */
export const LIST_ITEMS_SHOWN = 12;

/** One line of an explain tree as text (escaped), with its depth and the node it shows. */
export interface TreeLine {
  readonly depth: number;
  readonly value: boolean | null;
  readonly text: string;
  /** The node's own line (not a list line under a check). */
  readonly node?: ExplainNode;
}

const shownValue = (v: string | null | undefined): string => (v === null || v === undefined ? '<NA>' : escapeControl(v));

/** The line of one node: what it is, its label, and for a check the field's value on the event. */
export function nodeText(n: ExplainNode): string {
  const label = n.exception !== undefined ? `exception ${escapeControl(n.exception)}: ` : n.macros ? `macro ${n.macros.map((m) => escapeControl(m)).join(' = ')}: ` : '';
  if (n.kind !== 'check') return `${label}${n.kind}`;
  const value = `${escapeControl(n.field ?? '')} = ${shownValue(n.fieldValue)}`;
  const text = n.lists?.length && n.operand ? `${n.field ?? ''} ${n.op ?? ''} (${writtenOperand(n.operand, n.lists).join(', ')})` : (n.text ?? '');
  const right = n.operandField !== undefined ? `, ${escapeControl(n.operandField)} = ${shownValue(n.operandValue)}` : '';
  return `${label}${escapeControl(text)}   ⟵ ${value}${right}`;
}

/** Constants as written: each run of a list's items by the list's name (the items follow on lines of their own). */
function writtenOperand(operand: readonly string[], lists: readonly { readonly name: string; readonly items: readonly string[] }[]): string[] {
  const out: string[] = [];
  let next = 0;
  for (let i = 0; i < operand.length; ) {
    const l = lists[next];
    if (l && l.items.length && l.items.every((item, k) => operand[i + k] === item)) {
      out.push(l.name);
      i += l.items.length;
      next++;
    } else out.push(operand[i++] as string);
  }
  return out;
}

/** The lines of a tree, depth first; `collapsed` nodes show without their children. */
export function treeLines(root: ExplainNode, collapsed: ReadonlySet<ExplainNode> = new Set()): TreeLine[] {
  const out: TreeLine[] = [];
  const visit = (n: ExplainNode, depth: number): void => {
    out.push({ depth, value: n.value, text: nodeText(n), node: n });
    if (collapsed.has(n)) return;
    for (const l of n.lists ?? []) {
      const shown = l.items.slice(0, LIST_ITEMS_SHOWN).map((i) => escapeControl(i));
      const more = l.items.length > LIST_ITEMS_SHOWN ? `, … (${l.items.length - LIST_ITEMS_SHOWN} more)` : '';
      out.push({ depth: depth + 1, value: n.value, text: `list ${escapeControl(l.name)} = (${shown.join(', ')}${more})` });
    }
    for (const c of n.children ?? []) visit(c, depth + 1);
  };
  visit(root, 0);
  return out;
}

/** The event's one-line description (escaped). */
export function eventText(e: ExplainedEvent): string {
  const parts = [`event ${e.num}: ${shownValue(e.type)} ${shownValue(e.dir)}`];
  if (e.proc !== null) parts.push(`by ${escapeControl(e.proc)}[${shownValue(e.pid)}]`);
  if (e.fd !== null) parts.push(`fd.name=${escapeControl(e.fd)}`);
  return parts.join(' ');
}
