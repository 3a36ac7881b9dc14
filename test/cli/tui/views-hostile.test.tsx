// Hostile process names, paths, command lines and rule names in the views, the timeline and diff mode: shown
// escaped on every screen, never raw.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiffCollector } from '../../../src/cli/tui/diff-data.js';
import type { TuiData } from '../../../src/cli/tui/model.js';
import { initialState, reduce, screenRows, type Action, type TuiState } from '../../../src/cli/tui/state.js';
import { TuiView } from '../../../src/cli/tui/view.js';
import { VIEWS } from '../../../src/cli/tui/views.js';
import { hostileRun, RAW } from '../../helpers/hostile-capture.js';

let data: TuiData;
let diff: TuiData;

beforeAll(async () => {
  const run = await hostileRun();
  const { replay, alerts } = run;
  data = run.data;
  // Diff mode: the head side lost the open rule.
  const c = new DiffCollector(['evil.scap'], [replay.rules, replay.rules.slice(0, 1)], { base: 'old\x1b[31m.yaml', head: 'new\u202e.yaml' });
  alerts.forEach((a, i) => {
    c.add(0, a, i);
    if (a.ruleId === 0) c.add(1, a, i);
  });
  c.finish();
  diff = { ...data, diff: c.data() };
});

afterEach(() => cleanup());

function frame(s: TuiState): string {
  const { lastFrame } = render(<TuiView s={s} />);
  return lastFrame() ?? '';
}

const go = (s: TuiState, ...a: Action[]): TuiState => a.reduce(reduce, s);
const size = { cols: 100, rows: 30 };

/** Every view, each row's drill-down, the picker, the timeline (with a window), diff rules and diff alerts. */
function everyScreen(): { name: string; s: TuiState }[] {
  const base = initialState(data, size, false);
  const out: { name: string; s: TuiState }[] = [{ name: 'picker', s: go(base, { type: 'pickView' }) }];
  VIEWS.forEach((v, k) => {
    const view = go(base, { type: 'pickView' }, { type: 'move', delta: k }, { type: 'open' });
    out.push({ name: v.id, s: view });
    screenRows(view).rows.forEach((_r, i) => out.push({ name: `${v.id} row ${i}`, s: go(view, { type: 'move', delta: i }, { type: 'open' }) }));
  });
  out.push({ name: 'timeline', s: go(base, { type: 'timeline' }, { type: 'open' }) });
  const d = initialState(diff, size, false);
  out.push({ name: 'diff rules', s: d });
  out.push({ name: 'diff alerts', s: go(d, { type: 'open' }) });
  out.push({ name: 'diff event', s: go(d, { type: 'open' }, { type: 'open' }) });
  return out;
}

describe('hostile strings in the views, the timeline and diff mode', () => {
  it('fired both rules, with counts for the views', () => {
    expect(data.total).toBe(2);
    expect(data.facts?.()?.processes.length).toBeGreaterThanOrEqual(2);
  });

  it('reach no screen raw', () => {
    for (const { name, s } of everyScreen()) {
      const f = frame(s);
      expect(RAW.test(f), `${name}:\n${f}`).toBe(false);
    }
  });

  it('show escaped where the analyst can read them', () => {
    const all = everyScreen().map(({ s }) => frame(s)).join('\n');
    expect(all).toContain('sh\\x1b]0;pwned\\x07');
    expect(all).toContain('evil\\x1b[H\\x1b[2J');
    expect(all).toContain('/etc/\\x1b[2Kshadow\\u202e');
    expect(all).toContain('fd.name=/etc/\\x1b[2Kshadow\\u202e');
    expect(all).toContain('Exec \\x1b[5mblink\\u202e rule');
  });
});
