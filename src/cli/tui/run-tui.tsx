// `falco-replay tui` (and `run -i`): the replay of `run`, shown in an ink application instead of printed.
import { render } from 'ink';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { escapeControl } from '../../common/index.js';
import { EventIndex, Inspector, Replay, SYSCALL_SOURCE, type Alert, type Expr, type Predicate } from '../../engine/index.js';
import { fileChunks } from '../../scap/index.js';
import { alertJsonOptions, prepareReplay, printLoadProblems, replayOptionsFor, zoneSecondsFor, type RunOptions } from '../commands/run.js';
import { formatDiagnostic } from '../diagnostics.js';
import { readRulesArgs, RulesFileError } from '../rules-files.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { falcoSummaryText, runCounts } from '../report/summary.js';
import { App, type TuiReader } from './app.js';
import { eventsAround, followFd } from './around.js';
import { DiffCollector } from './diff-data.js';
import { defaultCapturePath, exportAlerts, exportSelectionAsCapture } from './export.js';
import { AlertStore, MAX_KEPT_ALERTS, ours, safe, type SafeText, type TuiData } from './model.js';
import { Aggregator, observingInspector } from './views-data.js';
import { explainEvent } from '../explain-event.js';
import { indexedProbe, type TuiProbe } from './explain.js';

/** The one line printed when there is no terminal to draw on. */
export const NOT_A_TERMINAL = 'falco-replay tui: stdout is not a terminal; use `falco-replay run` for text alerts or `falco-replay run --json` for JSON lines';

const ALT_SCREEN_ON = '\x1b[?1049h';
const ALT_SCREEN_OFF = '\x1b[?1049l';

/** NO_COLOR (https://no-color.org): present and not empty turns colour off. */
export const colourWanted = (env: NodeJS.ProcessEnv): boolean => !env.NO_COLOR;

export interface TuiTerminal {
  readonly stdin: NodeJS.ReadStream;
}

/** Diff mode: the rules of the old and the new side (each replaces `-r`). */
export interface TuiDiffOptions {
  readonly base: readonly string[];
  readonly head: readonly string[];
}

export async function runTui(opts: RunOptions & { diff?: TuiDiffOptions }, io: CliIo, term: TuiTerminal = { stdin: process.stdin }): Promise<number> {
  if (!io.stdout.isTTY || !term.stdin.isTTY) {
    io.stderr.write(`${NOT_A_TERMINAL}\n`);
    return ExitCode.USAGE;
  }
  const diff = opts.diff;
  const prepared = prepareReplay(diff ? { ...opts, rules: [...diff.head] } : opts, io);
  if (typeof prepared === 'number') return prepared;
  const { config, captures } = prepared;
  let baseFiles: { name: string; content: string }[] = [];
  if (diff) {
    try {
      baseFiles = readRulesArgs(diff.base);
    } catch (e) {
      if (!(e instanceof RulesFileError)) throw e;
      io.stderr.write(`Error: ${escapeControl(e.message)}\n`);
      return ExitCode.FAILURE;
    }
  }

  const stop = new AbortController();
  const t0 = performance.now();
  // Progress arrives through the Replay's options, before the store (which needs the loaded rules) exists.
  const sink: { store?: AlertStore } = {};
  // The views' counts per process, fd, event type and container, taken as each event passes the state engine:
  // with one capture by the index's read after the replay (the live replay stays as fast as `run`'s), with
  // several during the replay (docs/tui-views.md#aggregation).
  const agg = new Aggregator();
  const base = replayOptionsFor(prepared, opts, io);
  const sides = diff
    ? {
        // Both rule sets in one pass over the events, as `diff` evaluates them.
        ruleSets: [
          { name: 'base', rules: baseFiles, minPriority: config.minPriority, selection: config.selection, matching: config.ruleMatching },
          { name: 'head', rules: prepared.rulesFiles, minPriority: config.minPriority, selection: config.selection, matching: config.ruleMatching },
        ],
      }
    : {};
  // One capture: an event index (offsets and state checkpoints) lets the around and follow screens read any
  // event again with its state, without keeping events in memory. It is recorded by a read of its own once the
  // replay is over, not by the replay (docs/sinsp-semantics.md#the-index-after-the-replay).
  const only = captures.length === 1 ? (captures[0] as string) : undefined;
  const index: EventIndex | undefined = only
    ? new EventIndex({
        name: only,
        openAt: (offset) => fileChunks(only, 1 << 20, offset),
        inspector: (): Inspector =>
          new Inspector(replay.registry, {
            captureFile: only,
            ...(base.profile ? { profile: base.profile } : {}),
            ...(base.legacyEnterEvents ? { legacyEnterEvents: true } : {}),
            ...(base.hostname !== undefined ? { hostname: base.hostname } : {}),
            ...(base.zoneSeconds !== undefined ? { zoneSeconds: base.zoneSeconds } : {}),
          }),
      })
    : undefined;
  const liveCounts: Pick<ConstructorParameters<typeof Replay>[0], 'inspector'> = index ? {} : { inspector: (registry, o) => observingInspector(new Inspector(registry, o), agg) };
  const replay: Replay = new Replay({
    ...base,
    ...sides,
    // The event screen shows output fields and the state at the alert.
    outputFields: true,
    snapshots: true,
    ...liveCounts,
    signal: stop.signal,
    onProgress: (p) => sink.store?.progress(p, performance.now() - t0),
  });
  printLoadProblems(replay.loadResults, opts.verbose ?? false, io);
  if (!replay.ok) {
    const bad = replay.loadResults.find((r) => !r.successful);
    io.stderr.write(`Error: could not load rules file ${escapeControl(bad?.name ?? '')}\n`);
    return ExitCode.FAILURE;
  }
  const totalBytes = captures.reduce((n, c) => n + statSync(c).size, 0);
  const title = captures.length === 1 ? basename(captures[0] as string) : `${captures.length} captures`;
  const explainer = replay.explainer();
  const checkFilter = (text: string): { offset: number; message: ReturnType<typeof safe> } | undefined => {
    const r = explainer?.filter(text, SYSCALL_SOURCE);
    return r && !r.ok ? { offset: r.offset, message: safe(r.message) } : undefined;
  };
  // Explain and filters read the alert's capture again (with the head rules in diff mode): from the index's
  // nearest checkpoint with one capture, from the start with several.
  const probe = index ? indexedProbe(base, index, tuiProbe(base)) : tuiProbe(base);
  // In diff mode the store holds both sides' alerts: head rule ids follow the base ones.
  const baseRules = diff ? (replay.ruleSets[0]?.rules ?? []) : [];
  const headRules = diff ? (replay.ruleSets[1]?.rules ?? []) : replay.rules;
  const shift = baseRules.length;
  const storeRules = [...baseRules.map((r) => ({ id: r.id, name: r.name, priority: r.priority })), ...headRules.map((r) => ({ id: r.id + shift, name: r.name, priority: r.priority }))];
  const s = new AlertStore(storeRules, { title, totalBytes, iso8601: config.iso8601, zoneSeconds: zoneSecondsFor(io.env), facts: () => agg.facts(), checkFilter });
  sink.store = s;
  if (index) s.indexStatus({ state: 'pending', events: 0, last: 0, counting: true });
  const label = (files: readonly { name: string }[]): string => files.map((f) => basename(f.name)).join(', ');
  const compare = diff ? new DiffCollector(captures, [baseRules, headRules], { base: label(baseFiles), head: label(prepared.rulesFiles) }) : undefined;
  let added = 0;
  const take = (alert: Alert): void => {
    const kept = added < MAX_KEPT_ALERTS ? added : undefined;
    added++;
    if (!compare) return s.add(alert);
    const side = alert.ruleSet === 0 ? 0 : 1;
    s.add(side === 1 ? { ...alert, ruleId: alert.ruleId + shift } : alert);
    compare.add(side, alert, kept);
  };
  // The App's data: the store's, with the comparison once it is made.
  let last: { version: number; data: TuiData } | undefined;
  const source = {
    get version(): number {
      return s.version;
    },
    get done(): boolean {
      return s.done;
    },
    snapshot(): TuiData {
      if (last?.version === s.version) return last.data;
      const data = compare ? { ...s.snapshot(), diff: compare.data() } : s.snapshot();
      last = { version: s.version, data };
      return data;
    },
  };

  const jsonOpts = alertJsonOptions(config, io.env);
  const inputs = [...captures, ...prepared.rulesFiles.map((r) => r.name)];
  const reader: TuiReader = {
    ...(index ? { around: (center, scope) => eventsAround(index, center, scope), follow: (target) => followFd(index, target) } : {}),
    exportAlerts: (path, which) => {
      const list = which.map((i) => s.rawAlert(i)).filter((a): a is Alert => a !== undefined);
      return Promise.resolve(exportAlerts(path, list, inputs, jsonOpts).message);
    },
    // A capture is written from one input capture (the selection's event numbers are that capture's).
    ...(only
      ? {
          capturePath: defaultCapturePath(only),
          exportCapture: async (path, selection) => {
            const expand = (text: string): Expr | undefined => {
              const f = explainer?.filter(text, SYSCALL_SOURCE);
              return f?.ok ? f.expr : undefined;
            };
            return (await exportSelectionAsCapture(path, selection, { capture: only, inputs, expand, zoneSeconds: zoneSecondsFor(io.env) })).message;
          },
        }
      : {}),
  };
  const stdout = io.stdout as NodeJS.WriteStream;
  // The replay's rejection, kept as is and rethrown after the screen is restored.
  let failure: { error: unknown } | undefined;
  let finished = false;
  const replayInto = async (): Promise<void> => {
    try {
      for await (const alert of replay.alerts()) take(alert);
      finished = !stop.signal.aborted;
      if (finished) compare?.finish();
      const damaged = replay.summary?.captures.find((c) => !c.complete);
      // The done line says how much was read, in the progress's units (raw bytes, chunk by chunk).
      s.finish(replay.summary, performance.now() - t0, damaged && finished ? `${damaged.name} could not be read to the end` : undefined, s.bytesRead);
      if (finished && index) {
        await buildIndex(index, s, agg, replay.summary?.captures[0]?.lastEvent ?? 0, stop.signal);
        if (!stop.signal.aborted) await warmUpReader(index);
      } else if (index) s.indexStatus({ state: 'failed', events: 0, last: 0, counting: true, message: ours('not read: the replay did not finish') });
    } catch (e) {
      failure = { error: e };
      s.finish(replay.summary, performance.now() - t0, (e as Error).message, s.bytesRead);
      if (index) s.indexStatus({ state: 'failed', events: index.events, last: 0, counting: true, message: ours('not read: the replay failed') });
    }
  };
  stdout.write(ALT_SCREEN_ON);
  // Whatever happens (ink failing to start included), the replay stops and the terminal gets its screen back.
  let running: Promise<void> | undefined;
  try {
    const app = render(<App store={source} color={colourWanted(io.env)} reader={reader} probe={probe} />, { stdout, stdin: term.stdin, exitOnCtrlC: false, patchConsole: false });
    running = replayInto();
    try {
      await app.waitUntilExit();
    } finally {
      app.cleanup();
    }
  } finally {
    stop.abort();
    await running;
    stdout.write(ALT_SCREEN_OFF);
  }
  if (failure !== undefined) throw failure.error;

  const summary = replay.summary;
  let code: number = ExitCode.OK;
  if (summary) {
    for (const c of summary.captures) for (const d of c.diagnostics) if (d.severity !== 'info') io.stderr.write(`${formatDiagnostic(d)}\n`);
    if (!finished) {
      io.stderr.write(`falco-replay: replay stopped by the user after ${summary.events} events (${summary.alerts} alerts)\n`);
    } else {
      const t = compare?.data().report?.totals;
      if (t) io.stdout.write(`falco-replay diff: base ${t.base} alerts, head ${t.head} alerts: ${t.added} added, ${t.removed} removed, ${t.changed} changed\n`);
      else io.stdout.write(falcoSummaryText(runCounts(summary, replay.rules)));
      for (const c of summary.captures) {
        if (c.complete) continue;
        code = ExitCode.FAILURE;
        io.stderr.write(`falco-replay: warning: ${escapeControl(c.name)} could not be read to the end; the ${c.alerts} alert${c.alerts === 1 ? '' : 's'} before the damage were shown (${c.events} events read)\n`);
      }
    }
  }
  return code;
}

/** How often the index's read reports its progress to the screen (ms of wall time). */
const INDEX_PROGRESS_MS = 250;

/**
 * The index's state-only read after the replay (docs/sinsp-semantics.md#the-index-after-the-replay), up to the
 * replay's last event, counting the views' events as it goes; its progress and outcome go to the store's
 * status line: a read that stops short names the capture and the offset, and the screens that need the index
 * say it is unavailable past the events it recorded.
 */
export async function buildIndex(index: EventIndex, s: AlertStore, agg: Aggregator, last: number, signal?: AbortSignal): Promise<void> {
  const status = (state: 'reading' | 'ready' | 'failed', message?: SafeText): void =>
    s.indexStatus({ state, events: index.events, last, counting: true, ...(message !== undefined ? { message } : {}) });
  status('reading');
  const timer = setInterval(() => status('reading'), INDEX_PROGRESS_MS);
  // One lookup closure per inspector, not per event.
  let seen: Inspector | undefined;
  let pidOf: (tid: number) => number | undefined = () => undefined;
  try {
    await index.build({
      last,
      ...(signal ? { signal } : {}),
      observe: (ctx, insp) => {
        if (insp !== seen) {
          seen = insp;
          pidOf = (tid) => insp.state.lookup(tid)?.pid;
        }
        agg.observe(ctx, pidOf);
      },
    });
  } finally {
    clearInterval(timer);
  }
  const failed = index.failure;
  // Escaped once, here (the capture's name and the reader's message come from outside).
  const where = failed ? `${failed.location?.file ?? ''}: offset ${failed.location?.offset ?? 0}` : '';
  status(failed ? 'failed' : 'ready', failed ? safe(`event index: ${where}: ${failed.message}; events after ${index.events} cannot be opened`) : undefined);
}

/**
 * Read one event again once the replay is over, while the screen waits for keys: the first open otherwise also
 * pays for compiling the reading path (a fresh inspector, a restore, the line format), about as much CPU time
 * again as the read itself (docs/sinsp-semantics.md#shared-checkpoints). A gzip capture is re-read from its
 * start on every open, so it is warmed up with its first event. Never fails: an open reports its own errors.
 */
export async function warmUpReader(index: EventIndex): Promise<void> {
  if (index.events < 1) return;
  await eventsAround(index, index.seekable ? index.events : 1, 'all', 1).catch(() => undefined);
}

/**
 * What the explain screen and the alert filter ask of the run: each answer replays one capture again from its
 * start (state rebuilt; docs/explain.md), to the alert's event or over the alerts' events.
 */
export function tuiProbe(options: ConstructorParameters<typeof Replay>[0]): TuiProbe {
  const one = (capture: number): ConstructorParameters<typeof Replay>[0] => ({ ...options, captures: options.captures.slice(capture, capture + 1) });
  return {
    explain: (capture, evtNum) => explainEvent(one(capture), { evtNum }),
    filterMatches: async (text, alerts) => {
      const kept = new Set<number>();
      const byCapture = new Map<number, Map<number, number[]>>();
      for (const a of alerts) {
        let m = byCapture.get(a.capture);
        if (!m) byCapture.set(a.capture, (m = new Map<number, number[]>()));
        const l = m.get(a.evtNum);
        if (l) l.push(a.index);
        else m.set(a.evtNum, [a.index]);
      }
      for (const [capture, wanted] of byCapture) {
        const holder: { predicate?: Predicate } = {};
        // No rule is evaluated (minimum priority below Emergency): the pass only rebuilds state for the filter.
        const replay = new Replay({
          ...one(capture),
          minPriority: -1,
          outputFields: false,
          snapshots: false,
          onEvent: (e, ctx) => {
            const at = wanted.get(e.num);
            if (!at || !ctx || !holder.predicate) return;
            if (holder.predicate(ctx)) for (const i of at) kept.add(i);
          },
        });
        const f = replay.explainer()?.filter(text, SYSCALL_SOURCE);
        if (!f?.ok) continue;
        holder.predicate = f.predicate;
        for await (const _ of replay.alerts()) {
          // Nothing alerts: the pass runs for onEvent.
        }
      }
      return kept;
    },
  };
}
