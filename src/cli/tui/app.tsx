// The interactive shell around TuiView: keys to actions, terminal size, and the store's data at a capped rate.
import { useApp, useInput, useStdout } from 'ink';
import { useEffect, useReducer, useRef, type ReactNode } from 'react';
import type { TuiProbe } from './explain.js';
import type { ExplainOutcome } from '../explain-event.js';
import { actionFor } from './keymap.js';
import type { TuiData } from './model.js';
import { initialState, reduce } from './state.js';
import { TuiView } from './view.js';

/**
 * Redraws from replay progress at most four times a second: a frame costs about 10 ms of the replay's thread
 * (React, layout, diffing), so ten a second took ~20 % of a 1 M-event replay's CPU time.
 */
export const DATA_INTERVAL_MS = 250;

export interface DataSource {
  readonly version: number;
  snapshot(): TuiData;
}

export function App({ store, color, interval = DATA_INTERVAL_MS, probe }: { store: DataSource; color: boolean; interval?: number; probe?: TuiProbe }): ReactNode {
  const { stdout } = useStdout();
  const { exit } = useApp();
  const [state, dispatch] = useReducer(reduce, undefined, () => initialState(store.snapshot(), { cols: stdout.columns || 80, rows: stdout.rows || 24 }, color));

  useInput((input, key) => {
    const a = actionFor(state, input, key);
    if (a) dispatch(a);
  });

  useEffect(() => {
    let seen = store.version;
    const t = setInterval(() => {
      if (store.version === seen) return;
      seen = store.version;
      dispatch({ type: 'data', data: store.snapshot() });
    }, interval);
    return () => clearInterval(t);
  }, [store, interval]);

  useEffect(() => {
    const onResize = (): void => dispatch({ type: 'resize', cols: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout]);

  // Explain screens and filters waiting for an answer: ask the probe once each; the answer comes back as an action.
  const asked = useRef(new Set<string>());
  const explained = useRef(new Map<number, ExplainOutcome>());
  useEffect(() => {
    if (!probe) return;
    for (const sc of state.stack) {
      if (sc.kind !== 'explain' || sc.outcome) continue;
      const alert = sc.alert;
      const known = explained.current.get(alert);
      if (known) {
        dispatch({ type: 'explainResult', alert, outcome: known });
        continue;
      }
      const row = state.data.alerts[alert];
      if (!row || asked.current.has(`x${alert}`)) continue;
      asked.current.add(`x${alert}`);
      const answer = (outcome: ExplainOutcome): void => {
        explained.current.set(alert, outcome);
        dispatch({ type: 'explainResult', alert, outcome });
      };
      void probe.explain(row.capture, row.evtNum).then(answer, (e: unknown) => answer({ ok: false, code: 'not-evaluated', message: (e as Error).message }));
    }
    for (const f of state.filters ?? []) {
      if (f.matches || asked.current.has(`f${f.raw}`)) continue;
      asked.current.add(`f${f.raw}`);
      const raw = f.raw;
      const alerts = state.data.alerts.slice(0, state.data.alertCount);
      void probe.filterMatches(raw, alerts).then(
        (matches) => dispatch({ type: 'filterResult', raw, matches }),
        () => dispatch({ type: 'filterResult', raw, matches: new Set() }),
      );
    }
    // A filter removed and typed again is computed again.
    for (const k of [...asked.current]) if (k.startsWith('f') && !(state.filters ?? []).some((f) => `f${f.raw}` === k)) asked.current.delete(k);
  }, [probe, state.stack, state.filters, state.data]);

  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);

  return <TuiView s={state} />;
}
