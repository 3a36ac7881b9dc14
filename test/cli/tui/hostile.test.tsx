// A capture whose process names, paths and command lines carry ESC/CSI/OSC sequences, C1 controls and bidi
// overrides, and rules whose names do too: every screen shows them escaped, never raw.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AlertStore, TuiData } from '../../../src/cli/tui/model.js';
import { alertRows, reduce, ruleRows, type Action, type TuiState } from '../../../src/cli/tui/state.js';
import { TuiView } from '../../../src/cli/tui/view.js';
import { hostileRun, RAW } from '../../helpers/hostile-capture.js';
import { stateOf } from './fixture.js';

let data: TuiData;

beforeAll(async () => {
  data = (await hostileRun('evil\x1b[31m.scap')).data;
});

afterEach(() => cleanup());

function frame(s: TuiState): string {
  const { lastFrame } = render(<TuiView s={s} />);
  return lastFrame() ?? '';
}

/** Every screen of the run: severities, each rule list, each rule's alerts, each alert's event (tall enough to show all of it). */
function everyScreen(): { name: string; s: TuiState }[] {
  const size = { cols: 160, rows: 80 };
  const base = stateOf({ snapshot: () => data } as AlertStore, size);
  const go = (s: TuiState, ...a: Action[]): TuiState => a.reduce(reduce, s);
  const out: { name: string; s: TuiState }[] = [{ name: 'severities', s: base }];
  const rules = go(base, { type: 'open' });
  out.push({ name: 'rules', s: rules });
  ruleRows(data, 'all', 'count').forEach((r, i) => {
    const alerts = go(rules, { type: 'move', delta: i }, { type: 'open' });
    out.push({ name: `alerts of ${r.id}`, s: alerts });
    alertRows(data, r.id).forEach((_a, j) => out.push({ name: `event ${r.id}/${j}`, s: go(alerts, { type: 'move', delta: j }, { type: 'open' }) }));
  });
  return out;
}

describe('hostile strings', () => {
  it('fired both rules', () => {
    expect(data.total).toBe(2);
  });

  it('reach no screen raw', () => {
    const screens = everyScreen();
    expect(screens.length).toBe(6);
    for (const { name, s } of screens) {
      const f = frame(s);
      expect(RAW.test(f), `${name}:\n${f}`).toBe(false);
    }
  });

  it('show escaped where the analyst can read them', () => {
    const all = everyScreen().map(({ s }) => frame(s)).join('\n');
    expect(all).toContain('evil\\x1b[31m.scap');
    expect(all).toContain('Exec \\x1b[5mblink\\u202e rule');
    expect(all).toContain('evil\\x1b[H\\x1b[2J');
    expect(all).toContain('proc.exe                  \\x1b]8;;http://x\\x07link');
    expect(all).toContain('evil\\x1b[H\\x1b[2J \\u202etxt.exe');
    expect(all).toContain('/tmp/\\x1b[31mevil');
    expect(all).toContain('/etc/\\x1b[2Kshadow\\u202e');
    expect(all).toContain('sh\\x1b]0;pwned\\x07');
    expect(all).toContain('x\\x9b31my\\u2066z');
  });

  it('escapes a search query echoed back', () => {
    const s = [{ type: 'searchStart' }, { type: 'searchInput', text: '\u202eabc' }, { type: 'searchCommit' }].reduce<TuiState>((st, a) => reduce(st, a as Action), stateOf({ snapshot: () => data } as AlertStore));
    const f = frame(s);
    expect(f).toContain('no match for "\\u202eabc"');
    expect(RAW.test(f)).toBe(false);
  });
});
