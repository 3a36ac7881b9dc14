// Explaining one event of a capture (docs/explain.md): replay the capture up to event N, so the state is what the
// rules saw, and evaluate there the explain tree of each rule that applies to the event (or of one named rule).
// `falco-replay explain` prints the result; the TUI's explain screen shows it.
import { escapeControl } from '../common/index.js';
import { Replay, SYSCALL_SOURCE, type CompiledRule, type EvalContext, type EventIndex, type ExplainNode, type Inspector } from '../engine/index.js';
import type { ScapEvent } from '../scap/index.js';
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
      outcome = explainHere(holder.replay as Replay, holder.only, req, e, ctx, source);
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

/** The explanation of event `e` (`ctx` when it reaches the rules) by the rules of `replay`, bound to the state that parsed it. */
function explainHere(r: Replay, only: CompiledRule | undefined, req: ExplainRequest, e: ScapEvent, ctx: EvalContext | undefined, source: string): ExplainOutcome | undefined {
  if (!ctx) return { ok: false, code: 'not-evaluated', message: `event ${req.evtNum} does not reach the rules (an enter event or a meta event; with --legacy-enter-events enter events do)` };
  const ex = r.explainer();
  if (!ex) return undefined;
  const text = (f: string): string | null => ex.field(f, source)?.(ctx) ?? null;
  const event: ExplainedEvent = { num: e.num, type: text('evt.type'), dir: text('evt.dir'), proc: text('proc.name'), pid: text('proc.pid'), fd: text('fd.name') };
  const candidates = r.ruleset?.candidates(source, e.type) ?? [];
  const rules = only ? [only] : candidates;
  return {
    ok: true,
    event,
    rules: rules.map((rule) => {
      const tree = ex.rule(rule).evaluate(ctx);
      return { rule: rule.name, priority: rule.priority, source: rule.source, matched: tree.value === true, applies: candidates.includes(rule), tree };
    }),
  };
}

/**
 * Fields whose value depends on which earlier events the same field instance was extracted for (the thread CPU
 * and exec-time fields keep their previous value in the field instance): a read that starts at a checkpoint,
 * with the rules compiled at the event, cannot give them, so such rules and filters are read from the start.
 */
export const HISTORY_FIELDS = /\bthread\.(?:cpu|exectime|totexectime)\b/;

/** Whether any rules file of `options` names a {@link HISTORY_FIELDS} field (in a rule, macro or output). */
export function rulesReadHistory(options: ConstructorParameters<typeof Replay>[0]): boolean {
  return (options.rules ?? []).some((r) => HISTORY_FIELDS.test(r.content));
}

/**
 * As {@link explainEvent}, but reading from the event index's nearest checkpoint before the event instead of the
 * capture's start (from the start when the index cannot resume: a gzip capture). The rules of `options` are
 * compiled against the state engine of that read, once it has the checkpoint's state. Rules that read
 * {@link HISTORY_FIELDS} are explained by a replay from the start ({@link explainEvent}).
 */
export async function explainIndexed(options: ConstructorParameters<typeof Replay>[0], index: EventIndex, req: ExplainRequest): Promise<ExplainOutcome> {
  if (rulesReadHistory(options)) return explainEvent(options, req);
  let outcome: ExplainOutcome | undefined;
  let last = -1;
  let loaded = true;
  let unknownRule: string | undefined;
  await index.visit(req.evtNum, req.evtNum, (e, insp: Inspector) => {
    last = e.num;
    if (e.num !== req.evtNum) return false;
    // The run's rules, with fields bound to this read's state engine.
    const r = new Replay({ ...options, inspector: () => insp });
    if (!r.ok) {
      loaded = false;
      return false;
    }
    let only: CompiledRule | undefined;
    if (req.rule !== undefined) {
      only = r.rules.find((x) => x.name === req.rule);
      if (!only) {
        unknownRule = unknownRuleMessage(req.rule, r.rules);
        return false;
      }
    }
    const route = insp.context.route;
    if (route?.kind === 'unknown') outcome = { ok: false, code: 'not-evaluated', message: `event ${req.evtNum} is of a plugin this run does not know (ID ${route.id})` };
    else outcome = explainHere(r, only, req, e, insp.context.reachesRules ? insp.context : undefined, route?.kind === 'source' ? route.source : SYSCALL_SOURCE);
    return false;
  });
  if (!loaded) return { ok: false, code: 'rules-not-loaded', message: 'the rules files did not load' };
  if (unknownRule !== undefined) return { ok: false, code: 'unknown-rule', message: unknownRule };
  if (outcome) return outcome;
  // A read from a checkpoint sees no event before the one asked for: the replay knows the last one.
  const end = Math.max(last, index.events);
  return { ok: false, code: 'no-such-event', message: `event ${req.evtNum} is beyond the capture (${end > 0 ? `its last event is ${end}` : 'it has no events'})` };
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
