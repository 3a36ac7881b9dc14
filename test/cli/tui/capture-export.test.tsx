// `W`: the events of the current selection written as a capture through `slice`'s writer (state kept). The
// selection of each screen, the filter built from raw (hostile) values, and the whole flow in the App: the key,
// the prompt, the file re-read by our reader with the selected events' field values as in the whole capture.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App, type TuiReader } from '../../../src/cli/tui/app.js';
import { defaultCapturePath, exportSelectionAsCapture, firstRoundingTo, selectionFilter, type CaptureSelection } from '../../../src/cli/tui/export.js';
import { KEYMAP } from '../../../src/cli/tui/keymap.js';
import type { TuiData } from '../../../src/cli/tui/model.js';
import { CAPTURE_SCREENS, captureSelection, current, reduce, type Action, type TuiState } from '../../../src/cli/tui/state.js';
import { parseCondition, Replay, SYSCALL_SOURCE, type Expr } from '../../../src/engine/index.js';
import { hostileRun, RAW, type HostileRun } from '../../helpers/hostile-capture.js';
import { viewScreen } from '../../../src/cli/tui/views-state.js';
import { fixedStore, stateOf } from './fixture.js';

afterEach(() => cleanup());

const HOSTILE_PATH = '/etc/\x1b[2Kshadow\u202e';

/** Every event of a capture that reaches the rules, with the fields an analyst reads (not evt.num: a slice renumbers). */
async function fieldsOf(file: string): Promise<Record<string, unknown>[]> {
  const rules = `
- rule: every event
  desc: d
  condition: evt.num > 0
  output: "%evt.rawtime %evt.type %evt.dir %proc.name %proc.pid %proc.cmdline %proc.exepath %proc.pname %thread.tid %fd.name %fd.num %user.name"
  priority: INFO
`;
  const replay = new Replay({ rules: [{ name: 'all.yaml', content: rules }], captures: [{ name: file, open: () => [readFileSync(file)] }], outputFields: true, zoneSeconds: 0 });
  const out: Record<string, unknown>[] = [];
  for await (const a of replay.alerts()) out.push({ ...a.outputFields });
  return out;
}

describe('the selection filter', () => {
  it('reads back every raw value as itself, whatever it holds', () => {
    const values = [HOSTILE_PATH, 'a"b\'c\\', 'x) or (proc.name=sh', 'ends with \\', 'in', '123', ' ', 'proc.name', '\x00\n\t'];
    for (const value of values) {
      const text = selectionFilter({ keys: [{ field: 'fd.name', value }], filters: [] }, () => undefined) as string;
      const e = parseCondition(text);
      expect(e).toMatchObject({ kind: 'binary', op: '=', left: { kind: 'field', field: 'fd.name' }, right: { kind: 'value', value } });
    }
  });

  it('joins the checks and the expanded typed filters with and; nothing filters to no filter', () => {
    const expand = (t: string): Expr | undefined => (t === 'bad' ? undefined : parseCondition(t === 'shell' ? 'proc.name in (sh, bash)' : t));
    const text = selectionFilter({ keys: [{ field: 'proc.pid', value: '100' }], filters: ['shell', 'evt.type = open'] }, expand);
    expect(text).toBe('(proc.pid = "100" and proc.name in (sh, bash) and evt.type = open)');
    expect(selectionFilter({ keys: [], filters: [] }, expand)).toBeUndefined();
    expect(() => selectionFilter({ keys: [], filters: ['bad'] }, expand)).toThrow('does not compile');
  });

  it('turns a window end (a number) into the first nanosecond that reads as it or more', () => {
    // Powers of two and just below them: the spacing of numbers below differs from the spacing above.
    const edges = [2n ** 60n, 2n ** 61n, 2n ** 61n - 256n, 2n ** 60n - 1n, 2n ** 62n + 1024n, 2n ** 53n, 2n ** 53n + 1n];
    for (const t of [1_700_000_000_000_000_100n, 1_700_000_000_000_000_000n, 1_700_000_000_000_000_255n, 123_456n, ...edges]) {
      const x = Number(t);
      const n = firstRoundingTo(x);
      expect(Number(n)).toBeGreaterThanOrEqual(x);
      expect(Number(n - 1n)).toBeLessThan(x);
      expect(n <= t || Number(t) < x).toBe(true);
    }
  });

  it('offers NAME-selection.scap next to the capture', () => {
    expect(defaultCapturePath('/data/x/run.scap')).toBe('/data/x/run-selection.scap');
    expect(defaultCapturePath('cap.scap.gz')).toBe('cap-selection.scap');
  });
});

describe('what each screen selects', () => {
  const go = (s: TuiState, ...a: Action[]): TuiState => a.reduce(reduce, s);
  const open: Action = { type: 'open' };
  const base = (): TuiState => ({ ...stateOf(fixedStore()), captureExport: '/tmp/fixed-selection.scap' });

  it('binds W on the event, around, follow, views and timeline screens (the help lists it)', () => {
    const b = KEYMAP.find((k) => k.keys.includes('W'));
    expect(b?.action).toEqual({ type: 'promptStart', kind: 'capture' });
    expect(b?.screens).toEqual(CAPTURE_SCREENS);
  });

  it('the event screen: its event; the prompt offers the default path, Enter asks the app to write', () => {
    let s = go(base(), open, open, open);
    expect(current(s).kind).toBe('event');
    expect(captureSelection(s)).toEqual({ keys: [], filters: [], events: { first: 100, last: 100 } });
    s = reduce(s, { type: 'promptStart', kind: 'capture' });
    expect(s.prompt).toEqual({ kind: 'capture', text: '/tmp/fixed-selection.scap' });
    s = go(s, { type: 'promptErase' }, { type: 'promptErase' }, { type: 'promptErase' }, { type: 'promptErase' }, { type: 'promptInput', text: 'pcap' });
    s = reduce(s, { type: 'promptCommit' });
    expect(s.exportRequest).toEqual({ path: '/tmp/fixed-selection.pcap', alerts: [], selection: { keys: [], filters: [], events: { first: 100, last: 100 } }, id: 1 });
    expect(s.notice).toBe('writing the capture…');
  });

  it('does nothing on the alert lists and says why without one capture', () => {
    const s = base();
    expect(reduce(s, { type: 'promptStart', kind: 'capture' }).prompt).toBeUndefined();
    const none = go(stateOf(fixedStore()), open, open, open, { type: 'promptStart', kind: 'capture' });
    expect(none.prompt).toBeUndefined();
    expect(none.notice).toContain('needs one capture');
  });

  it('a view: the drill-down filters, the f filters and the time window', () => {
    let s = go(base(), { type: 'timeline' }, open);
    expect(s.window).toBeDefined();
    s = go(s, { type: 'back' });
    const drilled = viewScreen('files', [{ field: 'proc.pid', value: '4243', text: 'proc.pid=4243' as never }, { field: 'fd.name', value: '/etc/sh"a dow', text: '' as never }]);
    s = { ...s, stack: [...s.stack, drilled], filters: [{ raw: 'proc.name = bash', text: 'proc.name = bash' as never, depth: 1 }] };
    const sel = captureSelection(s) as CaptureSelection;
    expect(sel.keys).toEqual([
      { field: 'proc.pid', value: '4243' },
      { field: 'fd.name', value: '/etc/sh"a dow' },
    ]);
    expect(sel.filters).toEqual(['proc.name = bash']);
    expect(sel.window).toEqual({ from: s.window?.from, to: s.window?.to });
    expect(sel.events).toBeUndefined();
    // The timeline keeps the filters of the screen below it.
    expect((captureSelection(go(s, { type: 'timeline' })) as CaptureSelection).keys).toEqual(sel.keys);
  });

  it('around and follow: what they list, once it is read', () => {
    let s = go(base(), open, open, open, { type: 'around' });
    expect(captureSelection(s)).toBe('the events are still being read');
    const line = (num: number, tid: number, pid: number): { num: number; tid: number; pid: number; fd: number; text: never } => ({ num, tid, pid, fd: 3, text: '' as never });
    s = reduce(s, { type: 'aroundLoaded', center: 100, scope: 'thread', result: { center: 100, scope: 'thread', lines: [line(90, 7, 4242), line(100, 7, 4242), line(120, 7, 4242)], at: 1, scanned: [1, 200], ms: 1 } });
    expect(captureSelection(s)).toEqual({ keys: [{ field: 'thread.tid', value: '7' }], filters: [], events: { first: 90, last: 120 } });
    s = go(base(), open, open, open, { type: 'follow' });
    const sc = current(s);
    if (sc.kind !== 'follow') throw new Error('not on the follow screen');
    s = reduce(s, { type: 'followLoaded', target: sc.target, result: { target: sc.target, chunks: [{ num: 101, write: true, res: 1, data: new Uint8Array(1) }, { num: 140, write: false, res: 1, data: new Uint8Array(1) }], scanned: [1, 300], noData: false, name: '' as never, truncated: false } });
    expect(captureSelection(s)).toEqual({
      keys: [
        { field: 'proc.pid', value: '4242' },
        { field: 'fd.num', value: '3' },
        { field: 'evt.is_io', value: 'true' },
      ],
      filters: [],
      events: { first: 101, last: 140 },
    });
  });
});

describe('W in the app', () => {
  let run: HostileRun;
  let dir: string;
  let capture: string;
  beforeAll(async () => {
    run = await hostileRun();
    dir = mkdtempSync(join(tmpdir(), 'capture-export-'));
    capture = join(dir, 'evil.scap');
    writeFileSync(capture, run.buf);
  });

  const reader = (): TuiReader => ({
    exportAlerts: () => Promise.resolve('unused'),
    capturePath: defaultCapturePath(capture),
    exportCapture: async (path, selection) => {
      const expand = (text: string): Expr | undefined => {
        const f = run.replay.explainer()?.filter(text, SYSCALL_SOURCE);
        return f?.ok ? f.expr : undefined;
      };
      return (await exportSelectionAsCapture(path, selection, { capture, inputs: [capture, 'evil.yaml'], expand, zoneSeconds: 0 })).message;
    },
  });

  const until = async (lastFrame: () => string | undefined, text: string): Promise<string> => {
    for (let i = 0; i < 400; i++) {
      const f = lastFrame() ?? '';
      if (f.includes(text)) return f;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`"${text}" never showed:\n${lastFrame() ?? ''}`);
  };

  it('writes the events on a hostile file name (files view, drill-down) as a capture with their field values', async () => {
    const store = { version: 1, done: true, snapshot: (): TuiData => run.data };
    const { stdin, lastFrame } = render(<App store={store} color={false} reader={reader()} />);
    const press = async (k: string, then: string): Promise<string> => {
      stdin.write(k);
      // No pause after a frame shows: the next key must act on the screen this one opened even before ink
      // hands it to the handler of the new frame (as keys from a paste or tmux send-keys arrive).
      return until(lastFrame, then);
    };
    await until(lastFrame, 'Severities');
    await press('v', 'Views');
    await press('\x1b[B', '› Files');
    await press('\r', 'Name');
    const drilled = await press('\r', 'fd.name=/etc/\\x1b[2Kshadow\\u202e');
    expect(drilled).not.toMatch(RAW);
    const prompt = await press('W', 'write capture to: ');
    expect(prompt).toContain(`write capture to: ${join(dir, 'evil-selection.scap')}▏`);
    const done = await press('\r', 'wrote ');
    const out = join(dir, 'evil-selection.scap');
    expect(existsSync(out)).toBe(true);
    expect(done).not.toMatch(RAW);

    const whole = await fieldsOf(capture);
    const selected = whole.filter((f) => f['fd.name'] === HOSTILE_PATH);
    expect(selected.length).toBeGreaterThan(0);
    const slice = await fieldsOf(out);
    // The selected events, with the values the whole capture gives them (process, parent, command line, fd)…
    expect(slice.filter((f) => f['fd.name'] === HOSTILE_PATH)).toEqual(selected);
    // …and only those besides the state-changing events of their process the writer carries along.
    expect(done).toContain(`wrote ${selected.length} event${selected.length === 1 ? '' : 's'}`);
    const carried = / and (\d+) state-changing events? of their processes/.exec(done);
    expect(slice.length).toBe(selected.length + Number(carried?.[1] ?? 0));
  });

  it('writes the events of a time window (since ≤ ts < until)', async () => {
    const whole = await fieldsOf(capture);
    const times = whole.map((f) => Number(f['evt.rawtime']));
    const from = times[Math.floor(times.length / 2)] as number;
    const to = (times[times.length - 1] as number) + 1e6;
    const out = join(dir, 'window.scap');
    const r = await exportSelectionAsCapture(out, { keys: [], filters: [], window: { from, to } }, { capture, inputs: [capture], expand: () => undefined });
    expect(r.ok).toBe(true);
    const inWindow = whole.filter((f) => Number(f['evt.rawtime']) >= from);
    expect(r.message).toMatch(new RegExp(`^wrote ${inWindow.length} events to ${out} \\(with \\d+ threads? and \\d+ fds? of state\\)$`));
    expect(await fieldsOf(out)).toEqual(inWindow);
  });

  it('never writes over an input', async () => {
    const before = readFileSync(capture);
    const r = await exportSelectionAsCapture(capture, { keys: [], filters: [], events: { first: 1, last: 2 } }, { capture, inputs: [capture], expand: () => undefined });
    expect(r.ok).toBe(false);
    expect(r.message).toContain('is an input of this run');
    expect(readFileSync(capture).equals(before)).toBe(true);
  });
});
