// The TUI reducer and selectors on a fixed run: drill-down, breadcrumb, cursor and paging, sort, search, resize.
import { describe, expect, it } from 'vitest';
import { AlertStore } from '../../../src/cli/tui/model.js';
import { alertRows, breadcrumb, current, eventLines, listHeight, reduce, ruleRows, screenRows, severityRows, type Action, type TuiState } from '../../../src/cli/tui/state.js';
import { alert, fixedStore, RULES, stateOf, thread } from './fixture.js';

const run = (s: TuiState, ...a: Action[]): TuiState => a.reduce(reduce, s);
const open: Action = { type: 'open' };
const down: Action = { type: 'move', delta: 1 };

describe('selectors', () => {
  const d = fixedStore().snapshot();

  it('lists "All severities" then each severity that fired, most severe first, with rule counts', () => {
    expect(severityRows(d).map((r) => [r.label, r.alerts, r.rules])).toEqual([
      ['All severities', 6, 3],
      ['Error', 1, 1],
      ['Warning', 2, 1],
      ['Notice', 3, 1],
    ]);
  });

  it('sorts rules by count, priority or name, leaving out rules that never fired', () => {
    expect(ruleRows(d, 'all', 'count').map((r) => r.name)).toEqual(['Terminal shell in container', 'Read sensitive file untrusted', 'Write below etc']);
    expect(ruleRows(d, 'all', 'priority').map((r) => r.name)).toEqual(['Write below etc', 'Read sensitive file untrusted', 'Terminal shell in container']);
    expect(ruleRows(d, 'all', 'name').map((r) => r.name)).toEqual(['Read sensitive file untrusted', 'Terminal shell in container', 'Write below etc']);
    expect(ruleRows(d, 4, 'count').map((r) => r.name)).toEqual(['Read sensitive file untrusted']);
  });

  it("lists a rule's alerts in capture order with time and process", () => {
    expect(alertRows(d, 0).map((r) => [r.time, r.process, r.evtNum])).toEqual([
      ['22:13:20.000000000', 'bash[4242]', 100],
      ['22:13:20.002000246', 'bash[4242]', 114],
      ['22:13:20.004000492', 'zsh[4250]', 128],
    ]);
  });

  it('groups the event fields by family in Falco order and shows ancestry outermost first, then the fds', () => {
    const lines = eventLines(d.eventOf(1));
    const headings = lines.filter((l) => l.kind === 'heading').map((l) => (l.kind === 'heading' ? l.text : ''));
    expect(headings).toEqual(['evt', 'proc', 'thread', 'fd', 'user', 'group', 'container', 'process ancestry', 'open fds of the thread']);
    const procs = lines.flatMap((l) => (l.kind === 'process' ? [[l.depth, l.name, l.pid, l.cmdline, l.self]] : []));
    expect(procs).toEqual([
      [0, 'systemd', 1, 'systemd', false],
      [1, 'sshd', 900, 'sshd -D', false],
      [2, 'cat', 4243, 'cat /etc/shadow', true],
    ]);
    expect(lines).toContainEqual({ kind: 'field', name: 'fd.name', value: '/etc/shadow' });
    expect(lines).toContainEqual({ kind: 'field', name: 'proc.pid', value: '4243' });
    expect(lines).toContainEqual({ kind: 'fd', fd: 3, type: 'ipv4', name: '10.0.0.2:43562->203.0.113.10:443', current: true });
  });

  it('says when an alert has no state snapshot', () => {
    const store = new AlertStore(RULES, { title: 't', totalBytes: 1 });
    store.add({ ...alert(0, 0, thread(1, 'x', [])), snapshot: undefined });
    expect(eventLines(store.snapshot().eventOf(0))).toContainEqual({ kind: 'note', text: 'no state was kept for this alert' });
  });
});

describe('drill-down', () => {
  it('goes severities → rules → alerts → event with Enter, and back with Esc, the breadcrumb following', () => {
    let s = stateOf(fixedStore());
    expect(breadcrumb(s)).toEqual(['Severities']);
    s = run(s, down, down, open);
    expect(current(s)).toMatchObject({ kind: 'rules', priority: 4, sort: 'count' });
    expect(breadcrumb(s)).toEqual(['Severities', 'Warning']);
    s = run(s, open);
    expect(current(s)).toMatchObject({ kind: 'alerts', ruleId: 2 });
    s = run(s, down, open);
    expect(current(s)).toMatchObject({ kind: 'event', alert: 5 });
    expect(breadcrumb(s)).toEqual(['Severities', 'Warning', 'Read sensitive file untrusted', 'event 135']);
    expect(run(s, open)).toBe(s);
    s = run(s, { type: 'back' }, { type: 'back' });
    expect(breadcrumb(s)).toEqual(['Severities', 'Warning']);
    expect(current(s).cursor).toBe(0);
    s = run(s, { type: 'back' }, { type: 'back' }, { type: 'back' });
    expect(s.stack).toHaveLength(1);
    expect(current(s).cursor).toBe(2);
  });

  it('does nothing on Enter in an empty list', () => {
    const empty = new AlertStore(RULES, { title: 't', totalBytes: 1 });
    const s = run(stateOf(empty), open);
    expect(current(s).kind).toBe('rules');
    expect(run(s, open)).toBe(s);
  });
});

describe('cursor and paging', () => {
  function many(n: number): TuiState {
    const store = new AlertStore(RULES, { title: 't', totalBytes: 1, zoneSeconds: 0 });
    for (let i = 0; i < n; i++) store.add(alert(i, 0, thread(100 + i, 'sh', [])));
    return run(stateOf(store), open, open);
  }

  it('clamps the cursor to the list and scrolls to keep it visible', () => {
    let s = many(50);
    const h = listHeight(s);
    expect(h).toBe(18);
    s = run(s, { type: 'move', delta: -5 });
    expect(current(s)).toMatchObject({ cursor: 0, top: 0 });
    s = run(s, { type: 'page', delta: 1 });
    expect(current(s)).toMatchObject({ cursor: 18, top: 1 });
    s = run(s, { type: 'last' });
    expect(current(s)).toMatchObject({ cursor: 49, top: 32 });
    s = run(s, { type: 'first' });
    expect(current(s)).toMatchObject({ cursor: 0, top: 0 });
  });

  it('keeps the cursor row on screen when the terminal shrinks, and never below the minimum size', () => {
    let s = run(many(50), { type: 'move', delta: 17 });
    s = run(s, { type: 'resize', cols: 100, rows: 12 });
    expect(current(s)).toMatchObject({ cursor: 17, top: 12 });
    s = run(s, { type: 'resize', cols: 5, rows: 2 });
    expect([s.cols, s.rows]).toEqual([40, 10]);
  });

  it('follows new data: the cursor stays put while rows arrive', () => {
    const store = fixedStore({ done: false });
    let s = run(stateOf(store), open, down, down);
    expect(current(s).cursor).toBe(2);
    store.add(alert(9, 1, thread(7, 'vi', [])));
    s = run(s, { type: 'data', data: store.snapshot() });
    expect(current(s).cursor).toBe(2);
    expect(s.data.total).toBe(7);
  });
});

describe('sort', () => {
  it('cycles count → priority → name on the rules screen, keeping the selected rule', () => {
    let s = run(stateOf(fixedStore()), open, down);
    expect(ruleRows(s.data, 'all', 'count')[1]?.name).toBe('Read sensitive file untrusted');
    s = run(s, { type: 'sort' });
    expect(current(s)).toMatchObject({ sort: 'priority', cursor: 1 });
    s = run(s, { type: 'sort' });
    expect(current(s)).toMatchObject({ sort: 'name', cursor: 0 });
    s = run(s, { type: 'sort' });
    expect(current(s)).toMatchObject({ sort: 'count', cursor: 1 });
  });

  it('does nothing on other screens', () => {
    const s = stateOf(fixedStore());
    expect(run(s, { type: 'sort' })).toBe(s);
  });
});

describe('search', () => {
  const typed = (q: string): Action[] => [{ type: 'searchStart' }, ...[...q].map((c): Action => ({ type: 'searchInput', text: c }))];

  it('jumps to the first matching row, case-insensitively, and n to the next one, wrapping', () => {
    let s = run(stateOf(fixedStore()), open, ...typed('WRITE'), { type: 'searchCommit' });
    expect(s.search).toEqual({ editing: false, query: 'WRITE' });
    expect(current(s).cursor).toBe(2);
    s = run(stateOf(fixedStore()), open, open, ...typed('bash'), { type: 'searchCommit' });
    expect(current(s).cursor).toBe(0);
    s = run(s, { type: 'searchNext' });
    expect(current(s).cursor).toBe(1);
    s = run(s, { type: 'searchNext' });
    expect(current(s).cursor).toBe(0);
  });

  it('searches the event screen lines too', () => {
    const s = run(stateOf(fixedStore()), open, open, open, ...typed('sshd'), { type: 'searchCommit' });
    const { text } = screenRows(s);
    expect(text(current(s).cursor)).toBe('sshd 900 sshd -D');
  });

  it('says when nothing matches, and clears the notice on the next key', () => {
    let s = run(stateOf(fixedStore()), ...typed('nomatch'), { type: 'searchCommit' });
    expect(s.notice).toBe('no match for "nomatch"');
    expect(current(s).cursor).toBe(0);
    s = run(s, down);
    expect(s.notice).toBeUndefined();
  });

  it('edits and cancels the query', () => {
    let s = run(stateOf(fixedStore()), ...typed('abc'), { type: 'searchErase' });
    expect(s.search).toEqual({ editing: true, query: 'ab' });
    s = run(s, { type: 'searchCancel' });
    expect(s.search).toEqual({ editing: false, query: '' });
    expect(run(s, { type: 'searchNext' }).notice).toBe('no search yet: / to search');
  });

  it('caps the query length', () => {
    const s = run(stateOf(fixedStore()), { type: 'searchStart' }, { type: 'searchInput', text: 'x'.repeat(1000) });
    expect(s.search.query).toHaveLength(200);
  });
});

describe('help and quit', () => {
  it('toggles the help, Esc closing it before going back', () => {
    let s = run(stateOf(fixedStore()), open, { type: 'help' });
    expect(s.help).toBe(true);
    s = run(s, { type: 'back' });
    expect(s.help).toBe(false);
    expect(s.stack).toHaveLength(2);
    expect(run(s, { type: 'quit' }).quit).toBe(true);
  });
});

describe('kept alerts', () => {
  it('counts every alert but keeps at most maxKept for drill-down', () => {
    const store = new AlertStore(RULES, { title: 't', totalBytes: 1, maxKept: 3 });
    for (let i = 0; i < 5; i++) store.add(alert(i, 0, thread(1, 'sh', [])));
    const d = store.snapshot();
    expect([d.total, d.counts[0], d.alertCount, alertRows(d, 0).length]).toEqual([5, 5, 3, 3]);
  });
});
