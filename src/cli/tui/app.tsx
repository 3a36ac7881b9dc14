// The interactive shell around TuiView: keys to actions, terminal size, and the store's data at a capped rate.
import { useApp, useInput, useStdout } from 'ink';
import { useEffect, useReducer, useRef, type ReactNode } from 'react';
import type { AroundResult, AroundScope, FollowResult, FollowTarget } from './around.js';
import type { CaptureSelection } from './export.js';
import type { TuiProbe } from './explain.js';
import type { ExplainOutcome } from '../explain-event.js';
import { reduceWithKeys } from './keymap.js';
import { ours, safe, type TuiData } from './model.js';
import { current, initialState } from './state.js';
import { TuiView } from './view.js';

/**
 * Redraws from replay progress at most four times a second: a frame costs about 10 ms of the replay's thread
 * (React, layout, diffing), so ten a second took ~20 % of a 1 M-event replay's CPU time.
 */
export const DATA_INTERVAL_MS = 250;
/**
 * While the replay runs, a progress frame also waits for this much CPU time of the process since the last one
 * (or {@link DATA_STALL_MS} of wall time): on a loaded machine a wall-clock rate alone gives the replay more
 * frames the slower it goes (docs/sinsp-semantics.md#state-checkpoints).
 */
export const DATA_CPU_MS = 500;
export const DATA_STALL_MS = 2000;

export interface DataSource {
  readonly version: number;
  /** The replay is over: every change is drawn at the wall-clock rate. */
  readonly done?: boolean;
  snapshot(): TuiData;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** What the screens that read the capture again, and export, need from the run (absent: not available). */
export interface TuiReader {
  /** Absent when the run keeps no event index (several captures). */
  around?(center: number, scope: AroundScope): Promise<AroundResult>;
  follow?(target: FollowTarget): Promise<FollowResult>;
  /** Write kept alerts; resolves to the notice to show. */
  exportAlerts(path: string, alerts: readonly number[]): Promise<string>;
  /** Write the events of a selection as a capture; resolves to the notice to show (absent: several captures). */
  exportCapture?(path: string, selection: CaptureSelection): Promise<string>;
  /** Where the capture export is offered by default. */
  readonly capturePath?: string;
}

/**
 * `pace` stretches the progress frames' three gates (wall interval, CPU time, stall) by one factor: a process
 * running under an instruction counter (valgrind, about 80× slower) keeps the frames per event of a native run.
 */
export function App({
  store,
  color,
  interval = DATA_INTERVAL_MS,
  pace = 1,
  reader,
  probe,
}: {
  store: DataSource;
  color: boolean;
  interval?: number;
  pace?: number;
  reader?: TuiReader;
  probe?: TuiProbe;
}): ReactNode {
  const { stdout } = useStdout();
  const { exit } = useApp();
  const [state, dispatch] = useReducer(reduceWithKeys, undefined, () => ({
    ...initialState(store.snapshot(), { cols: stdout.columns || 80, rows: stdout.rows || 24 }, color),
    canReread: reader?.around !== undefined,
    ...(reader?.exportCapture && reader.capturePath !== undefined ? { captureExport: reader.capturePath } : {}),
  }));

  // Screens that wait for the capture to be read again: one read per screen, its result dispatched back.
  const top = current(state);
  const asked = useRef<object | undefined>(undefined);
  useEffect(() => {
    if (!reader?.around || !reader.follow || asked.current === top) return;
    const screen = top;
    const fail = (e: unknown): void => dispatch({ type: 'readFailed', screen, text: safe(`could not read the capture: ${(e as Error).message}`) });
    if (top.kind === 'around' && !top.result && top.error === undefined) {
      asked.current = top;
      reader.around(top.center, top.scope).then((result) => dispatch({ type: 'aroundLoaded', center: top.center, scope: top.scope, result }), fail);
    } else if (top.kind === 'follow' && !top.result && top.error === undefined) {
      asked.current = top;
      reader.follow(top.target).then((result) => dispatch({ type: 'followLoaded', target: top.target, result }), fail);
    }
  }, [reader, top]);

  const request = state.exportRequest;
  useEffect(() => {
    if (!request) return;
    if (!reader) {
      dispatch({ type: 'notice', text: ours('export is not available here') });
      return;
    }
    if (request.selection && !reader.exportCapture) {
      dispatch({ type: 'notice', text: ours('writing a capture is not available here') });
      return;
    }
    const written = request.selection && reader.exportCapture ? reader.exportCapture(request.path, request.selection) : reader.exportAlerts(request.path, request.alerts);
    written.then(
      (msg) => dispatch({ type: 'notice', text: safe(msg) }),
      (e: unknown) => dispatch({ type: 'notice', text: safe(`not written: ${(e as Error).message}`) }),
    );
  }, [reader, request]);

  useInput((input, key) => dispatch({ type: 'key', input, key }));

  useEffect(() => {
    let seen = store.version;
    let wall = performance.now();
    let cpu = cpuMs();
    const t = setInterval(() => {
      if (store.version === seen) return;
      const now = performance.now();
      const used = cpuMs();
      if (store.done === false && used - cpu < DATA_CPU_MS * pace && now - wall < DATA_STALL_MS * pace) return;
      seen = store.version;
      wall = now;
      cpu = used;
      dispatch({ type: 'data', data: store.snapshot() });
    }, interval * pace);
    return () => clearInterval(t);
  }, [store, interval, pace]);

  useEffect(() => {
    const onResize = (): void => dispatch({ type: 'resize', cols: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout]);

  // Explain screens and filters waiting for an answer: ask the probe once each; the answer comes back as an action.
  const probed = useRef(new Set<string>());
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
      if (!row || probed.current.has(`x${alert}`)) continue;
      probed.current.add(`x${alert}`);
      const answer = (outcome: ExplainOutcome): void => {
        explained.current.set(alert, outcome);
        dispatch({ type: 'explainResult', alert, outcome });
      };
      void probe.explain(row.capture, row.evtNum).then(answer, (e: unknown) => answer({ ok: false, code: 'not-evaluated', message: (e as Error).message }));
    }
    for (const f of state.filters ?? []) {
      if (f.matches || probed.current.has(`f${f.raw}`)) continue;
      probed.current.add(`f${f.raw}`);
      const raw = f.raw;
      const alerts = state.data.alerts.slice(0, state.data.alertCount);
      void probe.filterMatches(raw, alerts).then(
        (matches) => dispatch({ type: 'filterResult', raw, matches }),
        () => dispatch({ type: 'filterResult', raw, matches: new Set() }),
      );
    }
    // A filter removed and typed again is computed again.
    for (const k of [...probed.current]) if (k.startsWith('f') && !(state.filters ?? []).some((f) => `f${f.raw}` === k)) probed.current.delete(k);
  }, [probe, state.stack, state.filters, state.data]);

  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);

  return <TuiView s={state} />;
}
