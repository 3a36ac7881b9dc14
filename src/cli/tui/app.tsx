// The interactive shell around TuiView: keys to actions, terminal size, and the store's data at a capped rate.
import { useApp, useInput, useStdout } from 'ink';
import { useEffect, useReducer, type ReactNode } from 'react';
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

export function App({ store, color, interval = DATA_INTERVAL_MS }: { store: DataSource; color: boolean; interval?: number }): ReactNode {
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

  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);

  return <TuiView s={state} />;
}
