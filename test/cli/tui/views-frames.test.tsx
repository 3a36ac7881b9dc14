// The views, the timeline and diff mode at 80×24, against golden frames (UPDATE_GOLDEN=1 rewrites them), and
// the reducer moves that reach them.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { DiffCollector } from '../../../src/cli/tui/diff-data.js';
import { actionFor } from '../../../src/cli/tui/keymap.js';
import { AlertStore, type TuiData } from '../../../src/cli/tui/model.js';
import { alertCounts, breadcrumb, current, initialState, reduce, screenRows, severityRows, type Action, type TuiState } from '../../../src/cli/tui/state.js';
import { TuiView } from '../../../src/cli/tui/view.js';
import { Aggregator } from '../../../src/cli/tui/views-data.js';
import { FD_TYPE } from '../../helpers/scap.js';
import { alert, golden, RULES, thread } from './fixture.js';

afterEach(() => cleanup());

const T0 = 1_700_000_000_000_000_000n;
const size = { cols: 80, rows: 24 };

/** The fixed run of fixture.ts with the views' counts of the events around its alerts. */
function viewsStore(): AlertStore {
  const agg = new Aggregator();
  const at = (ns: bigint) => ({ tsHi: Number(ns >> 32n), tsLo: Number(ns & 0xffffffffn) });
  const see = (i: number, pid: number, ptid: number, comm: string, type: string, fd?: { type: number; name: string; l4proto: number }, container = ''): void =>
    agg.observe({ event: { ...at(T0 + BigInt(i) * 1_000_123n), typeName: type }, thread: { pid, ptid, comm, args: [comm === 'cat' ? '/etc/shadow' : '-i'], containerId: container }, fd });
  const shadow = { type: FD_TYPE.FILE_V2, name: '/etc/shadow', l4proto: 0 };
  const tuple = { type: FD_TYPE.IPV4_SOCK, name: '10.0.0.2:43562->203.0.113.10:443', l4proto: 2 };
  see(0, 900, 1, 'sshd', 'accept', tuple);
  see(0, 4242, 900, 'bash', 'execve');
  see(1, 4243, 4242, 'cat', 'openat', shadow);
  see(1, 4243, 4242, 'cat', 'read', shadow);
  see(1, 4243, 4242, 'cat', 'read', shadow);
  see(3, 4244, 4242, 'tee', 'openat', { type: FD_TYPE.FILE_V2, name: '/etc/hosts', l4proto: 0 });
  see(4, 4250, 900, 'zsh', 'execve', undefined, 'f00dcafe1234');
  see(5, 4243, 4242, 'cat', 'connect', tuple);
  see(5, 4243, 4242, 'cat', 'close', tuple);
  const store = new AlertStore(RULES, { title: 'fixed.scap', totalBytes: 123_456, zoneSeconds: 0, facts: () => agg.facts() });
  const bash = thread(4242, 'bash', ['-i'], 900);
  const cat = thread(4243, 'cat', ['/etc/shadow'], 4242);
  store.add(alert(0, 0, bash));
  store.add(alert(1, 2, cat));
  store.add(alert(2, 0, bash));
  store.add(alert(3, 1, thread(4244, 'tee', ['-a', '/etc/hosts'], 4242)));
  store.add(alert(4, 0, { ...thread(4250, 'zsh', [], 900), containerId: 'f00dcafe1234' }));
  store.add(alert(5, 2, cat));
  store.finish({ events: 10_000 }, 1000);
  return store;
}

const go = (s: TuiState, ...a: Action[]): TuiState => a.reduce(reduce, s);
const start = (data: TuiData = viewsStore().snapshot()): TuiState => initialState(data, size, false);
const pick = (n: number): Action[] => [{ type: 'pickView' }, ...Array.from({ length: n }, (): Action => ({ type: 'move', delta: 1 })), { type: 'open' }];

function frame(s: TuiState): string {
  const { lastFrame } = render(<TuiView s={s} />);
  return lastFrame() ?? '';
}

function expectGolden(name: string, s: TuiState): string {
  const f = frame(s);
  const { actual, expected } = golden(name, f);
  expect(actual).toBe(expected);
  expect(f.split('\n').every((l) => l.length <= 80)).toBe(true);
  return f;
}

describe('views', () => {
  it('v opens the picker at any level; Enter opens the view in place of the picker', () => {
    const s = go(start(), { type: 'open' }, { type: 'pickView' });
    expect(current(s).kind).toBe('picker');
    expectGolden('views-picker', s);
    const p = go(s, { type: 'open' });
    expect(p.stack.map((x) => x.kind)).toEqual(['severities', 'rules', 'view']);
    expect(breadcrumb(p).join(' › ')).toBe('Severities › All rules › Processes');
  });

  it('processes: a tree by parent with alerts per subtree', () => {
    const s = go(start(), ...pick(0));
    const f = expectGolden('views-processes', s);
    expect(f).toMatch(/900\s+1\s+0\s+6\s+sshd/);
    expect(f).toMatch(/4243\s+5\s+2\s+2\s+└ cat/);
  });

  it('Enter on a process row adds proc.pid=… to the filter and lists its alerts', () => {
    const procs = go(start(), ...pick(0));
    const cat = (screenRows(procs).rows as { key: string }[]).findIndex((r) => r.key === '4243');
    const s = go(procs, { type: 'move', delta: cat }, { type: 'open' });
    expect(current(s)).toMatchObject({ kind: 'matches', filters: [{ field: 'proc.pid', value: '4243' }] });
    expect(breadcrumb(s).join(' › ')).toBe('Severities › Processes › Alerts [proc.pid=4243]');
    expectGolden('views-process-alerts', s);
    // On to the event, and back.
    const ev = go(s, { type: 'open' });
    expect(current(ev).kind).toBe('event');
    expect(go(ev, { type: 'back' }, { type: 'back' }).stack.map((x) => x.kind)).toEqual(['severities', 'view']);
  });

  it('files, connections, containers and event types', () => {
    expectGolden('views-files', go(start(), ...pick(1)));
    expectGolden('views-connections', go(start(), ...pick(2)));
    const c = go(start(), ...pick(3));
    expectGolden('views-containers', c);
    // Containers drill down to the processes of the container.
    const inC = go(c, { type: 'move', delta: 1 }, { type: 'open' });
    expect(current(inC)).toMatchObject({ kind: 'view', view: 'processes', filters: [{ field: 'container.id', value: 'f00dcafe1234' }] });
    expect((screenRows(inC).rows as { key: string }[]).map((r) => r.key)).toEqual(['4250']);
    expectGolden('views-evttypes', go(start(), ...pick(4)));
  });

  it('the picker lists only the views a filter applies to', () => {
    const procs = go(start(), ...pick(1));
    const shadow = (screenRows(procs).rows as { key: string }[]).findIndex((r) => r.key === '/etc/shadow');
    const s = go(procs, { type: 'move', delta: shadow }, { type: 'open' }, { type: 'pickView' });
    expect((screenRows(s).rows as { id: string }[]).map((r) => r.id)).toEqual(['files', 'connections', 'alerts']);
  });

  it('s sorts by the next column, S reverses', () => {
    const files = go(start(), ...pick(1));
    const keys = (s: TuiState): string[] => (screenRows(s).rows as { key: string }[]).map((r) => r.key);
    expect(keys(files)[0]).toBe('/etc/shadow');
    const byAlerts = go(files, { type: 'viewSort', reverse: false });
    expect(current(byAlerts)).toMatchObject({ sort: { column: 1, desc: true } });
    const reversed = go(byAlerts, { type: 'viewSort', reverse: true });
    expect(current(reversed)).toMatchObject({ sort: { column: 1, desc: false } });
    expect(keys(reversed)[0]).toBe('/etc/hosts');
    expect(actionFor(files, 's', {} as never)).toEqual({ type: 'viewSort', reverse: false });
    expect(actionFor(files, 'S', {} as never)).toEqual({ type: 'viewSort', reverse: true });
    expect(actionFor(files, 'v', {} as never)).toEqual({ type: 'pickView' });
  });
});

describe('timeline', () => {
  it('shows alerts per bucket per severity; Enter sets the window, shown in the breadcrumb', () => {
    const t = go(start(), { type: 'timeline' });
    expect(current(t).kind).toBe('timeline');
    expectGolden('timeline', t);
    const w = go(t, { type: 'move', delta: 1 }, { type: 'open' });
    expect(w.window).toBeDefined();
    expect(breadcrumb(w)[0]).toBe('[time +0.001s…+0.002s]');
    expectGolden('timeline-window', w);
  });

  it('the window filters the views and the alert lists; [ and ] widen it; c clears it', () => {
    const w = go(start(), { type: 'timeline' }, { type: 'move', delta: 1 }, { type: 'open' });
    // Bucket 1 holds the alert at +1.000123 ms only (cat, Read sensitive file untrusted).
    const procs = go(w, ...pick(0));
    expect((screenRows(procs).rows as { key: string }[]).map((r) => r.key)).toEqual(['900', '4242', '4243']);
    const all = go(w, { type: 'back' }, { type: 'open' }, { type: 'move', delta: 0 });
    // The severities and rules screens count the window's alerts only.
    expect(severityRows(w.data, alertCounts(w)).map((r) => [r.label, r.alerts])).toEqual([
      ['All severities', 1],
      ['Warning', 1],
    ]);
    expect((screenRows(all).rows as { name: string }[]).map((r) => r.name)).toEqual(['Read sensitive file untrusted']);
    const ruleAlerts = go(all, { type: 'move', delta: 1 }, { type: 'open' });
    expect(screenRows(ruleAlerts).rows).toHaveLength(1);
    const wider = go(w, { type: 'move', delta: 2 }, { type: 'window', how: 'end' });
    expect(wider.window?.label).toBe('+0.001s…+0.004s');
    const cleared = go(wider, { type: 'windowClear' });
    expect(cleared.window).toBeUndefined();
    expect(go(cleared, { type: 'windowClear' }).notice).toContain('no time window');
    expect(actionFor(w, '[', {} as never)).toEqual({ type: 'window', how: 'start' });
    expect(actionFor(w, ']', {} as never)).toEqual({ type: 'window', how: 'end' });
  });
});

describe('diff mode', () => {
  function diffData(): TuiData {
    const baseRules = RULES;
    const headRules = [...RULES.slice(0, 3), { id: 3, name: 'Brand new rule', priority: 2 }];
    const shift = baseRules.length;
    const store = new AlertStore([...baseRules, ...headRules.map((r) => ({ ...r, id: r.id + shift }))], { title: 'fixed.scap', totalBytes: 1, zoneSeconds: 0 });
    const c = new DiffCollector(['fixed.scap'], [baseRules, headRules], { base: 'old.yaml', head: 'new.yaml' });
    let n = 0;
    const add = (side: 0 | 1, a: ReturnType<typeof alert>): void => {
      store.add(side ? { ...a, ruleId: a.ruleId + shift } : a);
      c.add(side, a, n++);
    };
    const bash = thread(4242, 'bash', ['-i']);
    const cat = thread(4243, 'cat', ['/etc/shadow']);
    add(0, alert(0, 0, bash));
    add(1, alert(0, 0, bash));
    add(0, alert(1, 2, cat));
    add(1, alert(1, 2, cat, { message: 'Read sensitive file untrusted (a new output)' }));
    add(0, alert(2, 0, bash));
    add(1, alert(3, 3, cat, { rule: 'Brand new rule', priority: 2 }));
    c.finish();
    store.finish({ events: 10 }, 1);
    return { ...store.snapshot(), diff: c.data() };
  }

  it('starts on the per-rule deltas', () => {
    const s = start(diffData());
    expect(current(s).kind).toBe('diffRules');
    const f = expectGolden('diff-rules', s);
    expect(f).toMatch(/All rules/);
    expect(f).toMatch(/Critical\s+0\s+1\s+\+1\s+Brand new rule {2}\(head only\)/);
  });

  it('lists the added, removed and changed alerts, and opens their events', () => {
    const s = go(start(diffData()), { type: 'open' });
    expect(breadcrumb(s).join(' › ')).toBe('Rule deltas › All changes');
    const f = expectGolden('diff-alerts', s);
    expect(f).toMatch(/^\s*› ~ .*\[output\] Read sensitive/m);
    expect(f).toMatch(/^\s+- .*bash\[4242\]/m);
    expect(f).toMatch(/^\s+\+ .*cat\[4243\]/m);
    const ev = go(s, { type: 'last' }, { type: 'open' });
    expect(current(ev).kind).toBe('event');
    expect(breadcrumb(ev).at(-1)).toBe('event 121');
  });

  it("counts the head side's alerts in the views and the timeline", () => {
    const d = diffData();
    expect(d.alertCount).toBe(6);
    const alerts = go(start(d), { type: 'pickView' }, { type: 'last' }, { type: 'open' });
    expect(current(alerts).kind).toBe('matches');
    expect((screenRows(alerts).rows as { ruleId: number }[]).map((r) => r.ruleId)).toEqual([4, 6, 7]);
    const t = go(start(d), { type: 'timeline' });
    expect((screenRows(t).rows as { total: number }[]).reduce((n, b) => n + b.total, 0)).toBe(3);
  });

  it("a rule's row lists only that rule's changes", () => {
    const rows = screenRows(start(diffData())).rows as { name: string }[];
    const at = rows.findIndex((r) => r.name === 'Brand new rule');
    const s = go(start(diffData()), { type: 'move', delta: at }, { type: 'open' });
    expect((screenRows(s).rows as { mark: string }[]).map((r) => r.mark)).toEqual(['+']);
  });
});
