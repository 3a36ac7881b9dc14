// The explain screen and the alert filter: reducer steps (open, answer, choose, fold, filters stacking and
// Esc dropping the last) and frames at 80×24 (golden files), with hostile text escaped.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExplainOutcome } from '../../../src/cli/explain-event.js';
import { actionFor } from '../../../src/cli/tui/keymap.js';
import { AlertStore, safe } from '../../../src/cli/tui/model.js';
import { alertCounts, breadcrumb, current, filteredAlertRows, reduce, screenRows, severityRows, type Action, type TuiState } from '../../../src/cli/tui/state.js';
import { TuiView } from '../../../src/cli/tui/view.js';
import { alert, golden, RULES, stateOf, thread } from './fixture.js';

afterEach(() => cleanup());

const OUTCOME: ExplainOutcome = {
  ok: true,
  event: { num: 100, type: 'execve', dir: '<', proc: 'bash', pid: '4242', fd: null },
  rules: [
    {
      rule: 'Terminal shell in container',
      priority: 5,
      source: 'syscall',
      matched: true,
      applies: true,
      tree: {
        kind: 'and',
        value: true,
        children: [
          {
            kind: 'and',
            value: true,
            macros: ['spawned_process'],
            children: [
              { kind: 'check', value: true, text: 'evt.type in (execve, execveat)', field: 'evt.type', fieldValue: 'execve', op: 'in', operand: ['execve', 'execveat'] },
              { kind: 'check', value: true, text: 'evt.dir = <', field: 'evt.dir', fieldValue: '<', op: '=', operand: ['<'] },
            ],
          },
          { kind: 'check', value: true, text: 'proc.name in (bash, sh)', field: 'proc.name', fieldValue: 'bash\x1b]0;pwned\x07', op: 'in', operand: ['bash', 'sh'], lists: [{ name: 'shell_binaries', items: ['bash', 'sh'] }] },
          {
            kind: 'not',
            value: true,
            exception: 'known_shells',
            children: [{ kind: 'check', value: false, text: 'proc.pname = sshd', field: 'proc.pname', fieldValue: null, op: '=', operand: ['sshd'] }],
          },
        ],
      },
    },
    {
      rule: 'Write below etc',
      priority: 3,
      source: 'syscall',
      matched: false,
      applies: true,
      tree: {
        kind: 'and',
        value: false,
        children: [
          { kind: 'check', value: false, text: 'evt.type = openat', field: 'evt.type', fieldValue: 'execve', op: '=', operand: ['openat'] },
          { kind: 'check', value: null, text: 'fd.name startswith /etc', field: 'fd.name', fieldValue: null, op: 'startswith', operand: ['/etc'] },
        ],
      },
    },
  ],
};

function store(): AlertStore {
  const s = new AlertStore(RULES, {
    title: 'fixed.scap',
    totalBytes: 1000,
    zoneSeconds: 0,
    checkFilter: (text) => (text.includes('nosuch') ? { offset: text.indexOf('nosuch'), message: safe("Undefined macro 'nosuch' used in filter.") } : undefined),
  });
  const bash = thread(4242, 'bash', ['-i']);
  s.add(alert(0, 0, bash));
  s.add(alert(1, 2, thread(4243, 'cat', ['/etc/shadow'])));
  s.add(alert(2, 0, bash));
  s.finish({ events: 100 }, 10);
  return s;
}

const open: Action = { type: 'open' };
const small = { cols: 80, rows: 24 };
const frame = (s: TuiState): string => render(<TuiView s={s} />).lastFrame() ?? '';
const expectGolden = (name: string, s: TuiState): string => {
  const f = frame(s);
  const { actual, expected } = golden(name, f);
  expect(actual).toBe(expected);
  return f;
};
const type = (s: TuiState, text: string): TuiState => [...text].reduce((x, c) => reduce(x, { type: 'filterInput', text: c }), s);

/** Severities → Notice → the rule's alerts → first alert's event → explain, answered. */
function explained(): TuiState {
  const s = stateOf(store(), small, open, open, open, { type: 'explain' });
  const sc = current(s);
  if (sc.kind !== 'explain') throw new Error(sc.kind);
  return reduce(s, { type: 'explainResult', alert: sc.alert, outcome: OUTCOME });
}

describe('the explain screen', () => {
  it('opens on `x` from the event and from an alert row, waiting for the answer', () => {
    const fromEvent = stateOf(store(), small, open, open, open);
    expect(actionFor(fromEvent, 'x', {} as never)).toEqual({ type: 'explain' });
    const s = reduce(fromEvent, { type: 'explain' });
    expect(current(s)).toMatchObject({ kind: 'explain', alert: 0 });
    expect(breadcrumb(s).at(-1)).toBe('explain');
    expect(frame(s)).toContain('explaining… (replaying the capture to this event)');
    const fromRow = reduce(stateOf(store(), small, open, open, { type: 'move', delta: 1 }), { type: 'explain' });
    expect(current(fromRow)).toMatchObject({ kind: 'explain', alert: 2 });
  });

  it("chooses the alert's rule and starts on its tree; Enter on another rule shows that one's", () => {
    const s = explained();
    const sc = current(s);
    expect(sc).toMatchObject({ kind: 'explain', rule: 0 });
    expect(screenRows(s).rows[sc.cursor]).toMatchObject({ kind: 'node', depth: 0 });
    expectGolden('explain', s);
    const other = reduce(reduce(s, { type: 'first' }), { type: 'move', delta: 1 });
    const chosen = reduce(other, { type: 'fold', how: 'toggle' });
    expect(current(chosen)).toMatchObject({ rule: 1 });
    const f = frame(chosen);
    expect(f).toContain('✗ evt.type = openat   ⟵ evt.type = execve');
    expect(f).toContain('· fd.name startswith /etc   ⟵ fd.name = <NA>');
  });

  it('folds with Enter and ←, unfolds with →; ← on a folded node goes back', () => {
    const s = explained();
    const folded = reduce(s, { type: 'fold', how: 'close' });
    expect(screenRows(folded).rows.filter((r) => (r as { kind: string }).kind === 'node')).toHaveLength(1);
    expect(frame(folded)).toContain('▸ ✓ and');
    const back = reduce(folded, { type: 'fold', how: 'close' });
    expect(current(back).kind).toBe('event');
    const unfolded = reduce(folded, { type: 'fold', how: 'open' });
    expect(screenRows(unfolded).rows).toHaveLength(screenRows(s).rows.length);
    expect(reduce(folded, { type: 'fold', how: 'toggle' }).stack).toEqual(unfolded.stack);
  });

  it('escapes capture text in the tree', () => {
    const f = frame(explained());
    expect(f).toContain('⟵ proc.name = bash\\x1b]0;pwned\\x07');
    expect(f).not.toContain('\x1b]0;');
  });
});

describe('the alert filter', () => {
  it('validates as typed with a caret under the problem, and refuses to apply it', () => {
    let s = reduce(stateOf(store(), small, open, open), { type: 'filterStart' });
    s = type(s, 'proc.name = bash and nosuch');
    expect(s.filterEdit?.error?.offset).toBe(21);
    expectGolden('filter-error', s);
    expect(reduce(s, { type: 'filterCommit' }).filterEdit).toBeDefined();
    expect(actionFor(s, 'q', {} as never)).toEqual({ type: 'filterInput', text: 'q' });
  });

  it('stacks filters on the alerts list, shows them in the breadcrumb, and Esc drops the last', () => {
    const base = stateOf(store(), small, open, open);
    expect(filteredAlertRows(base, 0).map((r) => r.index)).toEqual([0, 2]);
    let s = reduce(type(reduce(base, { type: 'filterStart' }), 'proc.pid = 4242'), { type: 'filterCommit' });
    expect(breadcrumb(s).at(-1)).toBe('filter: proc.pid = 4242 …');
    s = reduce(s, { type: 'filterResult', raw: 'proc.pid = 4242', matches: new Set([0, 2]) });
    s = reduce(type(reduce(s, { type: 'filterStart' }), 'evt.num > 110'), { type: 'filterCommit' });
    s = reduce(s, { type: 'filterResult', raw: 'evt.num > 110', matches: new Set([2]) });
    expect(breadcrumb(s).slice(-2)).toEqual(['filter: proc.pid = 4242', 'filter: evt.num > 110']);
    expect(filteredAlertRows(s, 0).map((r) => r.index)).toEqual([2]);
    expectGolden('filter-applied', s);
    s = reduce(s, { type: 'back' });
    expect(filteredAlertRows(s, 0).map((r) => r.index)).toEqual([0, 2]);
    expect(current(s).kind).toBe('alerts');
    s = reduce(reduce(s, { type: 'back' }), { type: 'back' });
    expect(s.filters).toEqual([]);
    expect(current(s).kind).toBe('rules');
  });

  it('narrows the counts of the severities and rules screens to the alerts the filters keep', () => {
    const base = stateOf(store(), small);
    expect(severityRows(base.data, alertCounts(base)).map((r) => [r.label, r.alerts, r.rules])).toEqual([
      ['All severities', 3, 2],
      ['Warning', 1, 1],
      ['Notice', 2, 1],
    ]);
    let s = reduce(type(reduce(base, { type: 'filterStart' }), 'proc.name = bash'), { type: 'filterCommit' });
    // Still being computed: it keeps every alert, as in the alerts lists.
    expect(alertCounts(s).total).toBe(3);
    s = reduce(s, { type: 'filterResult', raw: 'proc.name = bash', matches: new Set([0, 2]) });
    expect(severityRows(s.data, alertCounts(s)).map((r) => [r.label, r.alerts, r.rules])).toEqual([
      ['All severities', 2, 1],
      ['Notice', 2, 1],
    ]);
    expectGolden('filter-severities', s);
    const rules = reduce(s, { type: 'open' });
    expect(screenRows(rules).rows.map((r) => [(r as { name: string }).name, (r as { count: number }).count])).toEqual([['Terminal shell in container', 2]]);
    // A filter nothing passes: the screens say so rather than "no rule fired".
    let none = reduce(type(reduce(rules, { type: 'filterStart' }), 'proc.name = zsh'), { type: 'filterCommit' });
    none = reduce(none, { type: 'filterResult', raw: 'proc.name = zsh', matches: new Set() });
    expect(screenRows(none).rows).toHaveLength(0);
    expect(frame(none)).toContain('No alert passes the filters.');
    // Esc on the severities screen, where the first filter was applied, drops it: the run's counts again.
    const dropped = reduce(s, { type: 'back' });
    expect(dropped.filters).toEqual([]);
    expect(severityRows(dropped.data, alertCounts(dropped))[0]?.alerts).toBe(3);
  });
});
