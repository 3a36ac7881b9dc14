// Screens at a fixed size, compared with golden frames (test/cli/tui/golden/*.txt; UPDATE_GOLDEN=1 rewrites them).
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { grouped } from '../../../src/cli/tui/model.js';
import { reduce, type Action, type TuiState } from '../../../src/cli/tui/state.js';
import { progressText, TuiView } from '../../../src/cli/tui/view.js';
import { fixedStore, golden, stateOf } from './fixture.js';

afterEach(() => cleanup());

function frame(s: TuiState): string {
  const { lastFrame } = render(<TuiView s={s} />);
  return lastFrame() ?? '';
}

function expectGolden(name: string, s: TuiState): string {
  const f = frame(s);
  const { actual, expected } = golden(name, f);
  expect(actual).toBe(expected);
  return f;
}

const open: Action = { type: 'open' };
const down: Action = { type: 'move', delta: 1 };
const small = { cols: 80, rows: 24 };

describe('frames at 80×24', () => {
  it('severities with the per-rule table when the replay is done', () => {
    const f = expectGolden('severities-done', stateOf(fixedStore(), small));
    expect(f.split('\n')).toHaveLength(23);
    expect(Math.max(...f.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('severities with the progress bar while the replay runs', () => {
    expectGolden('severities-running', stateOf(fixedStore({ done: false }), small));
  });

  it('the rules of every severity, sorted by count', () => {
    expectGolden('rules-all', stateOf(fixedStore(), small, open, down));
  });

  it('the rules sorted by name', () => {
    expectGolden('rules-by-name', stateOf(fixedStore(), small, open, { type: 'sort' }, { type: 'sort' }));
  });

  it("a rule's alerts", () => {
    expectGolden('alerts', stateOf(fixedStore(), small, open, open));
  });

  it('an event: fields by family', () => {
    expectGolden('event-top', stateOf(fixedStore(), small, open, open, down, open));
  });

  it('an event: ancestry tree and open fds', () => {
    expectGolden('event-end', stateOf(fixedStore(), small, open, open, down, open, { type: 'last' }));
  });

  it('the key table', () => {
    expectGolden('help', stateOf(fixedStore(), small, { type: 'help' }));
  });

  it('the search prompt', () => {
    expectGolden('search', stateOf(fixedStore(), small, open, { type: 'searchStart' }, { type: 'searchInput', text: 'etc' }));
  });
});

describe('other sizes', () => {
  it('uses the width and height of a larger terminal', () => {
    const f = expectGolden('alerts-120x30', stateOf(fixedStore(), { cols: 120, rows: 30 }, open, open));
    expect(f.split('\n')).toHaveLength(29);
  });

  it('redraws at the new size after a resize', () => {
    const s = reduce(stateOf(fixedStore(), { cols: 120, rows: 30 }, open, open), { type: 'resize', cols: 80, rows: 24 });
    expect(frame(s)).toBe(frame(stateOf(fixedStore(), small, open, open)));
  });
});

describe('progress text', () => {
  it('shows percent, events, bytes, rate and ETA while running', () => {
    expect(progressText({ bytes: 250_000, totalBytes: 1_000_000, events: 20_000, elapsedMs: 2000 }, false, 3)).toBe(' 25%  20,000 events  250.0 kB/1.0 MB  10.0k ev/s  ETA 6.0s');
  });

  it('shows totals when done', () => {
    expect(progressText({ bytes: 1_000_000, totalBytes: 1_000_000, events: 5_000_000, elapsedMs: 125_000 }, true, 1)).toBe('done: 5,000,000 events, 1.0 MB in 2m05s (40.0k ev/s), 1 alert');
  });

  it('says how much of the captures a replay that stopped early read', () => {
    expect(progressText({ bytes: 262_144, totalBytes: 1_000_000, events: 3_000, elapsedMs: 200 }, true, 0)).toBe('done: 3,000 events, 262.1 kB of 1.0 MB in 0.2s (15.0k ev/s), 0 alerts');
  });
});

describe('grouped numbers', () => {
  it("writes what toLocaleString('en-US') writes", () => {
    for (const n of [0, 7, 999, 1000, -1000, 12_345, 123_456, 1_234_567, -98_765_432, Number.MAX_SAFE_INTEGER, 1.5, 1234.5678, Number.NaN]) expect(grouped(n), String(n)).toBe(n.toLocaleString('en-US'));
  });
});
