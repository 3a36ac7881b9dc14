// The one-pass evaluator of a comparison: several rule sets (a base and a head, or one for a baseline) over
// the same captures in ONE replay: each event is decoded and its state rebuilt once, then evaluated by every
// side with its own selection, matching and counters. A side under `rule_matching: first` also records, per
// event matched by more than one rule, every rule matching under `all` (for shadowing). Pure: captures come
// as byte sources.
import type { LoadResult } from '../rules/load-result.js';
import { alertIsoTime } from '../output/alert.js';
import { Replay, type CaptureInput, type CaptureResult, type ReplayOptions, type RuleSetOptions, type RulesText } from '../replay.js';
import { toDiffAlert, type DiffAlert, type EventMatches } from './alerts.js';
import { snapshotRules, type RulesSnapshot } from './snapshot.js';

/** One side of a comparison: a name for messages and its rules files in load order. */
export interface SideSpec {
  readonly name: string;
  readonly rules: readonly RulesText[];
}

/** Everything but the rules: applies to every side alike. */
export type CommonReplayOptions = Omit<ReplayOptions, 'rules' | 'ruleSets' | 'captures' | 'outputFields' | 'snapshots'>;

export interface OnePassOptions {
  readonly sides: readonly SideSpec[];
  readonly captures: readonly CaptureInput[];
  readonly common?: CommonReplayOptions;
  /** Also take each side's rules snapshot (for the static comparison). Default false. */
  readonly snapshots?: boolean;
}

export interface SideOutcome {
  readonly alerts: DiffAlert[];
  /** Events matched by more than one rule (every rule matching under `all`), when the side matches `first`. */
  readonly matches: EventMatches[];
  /** Every rule loaded on this side, with its priority. */
  readonly rules: { readonly name: string; readonly priority: number }[];
  readonly snapshot?: RulesSnapshot;
}

export interface OnePassResult {
  readonly sides: readonly SideOutcome[];
  readonly captures: readonly CaptureResult[];
}

/** A side's rules did not load: its load results (the last one failed), for the caller to render. */
export class SideLoadError extends Error {
  override readonly name = 'SideLoadError';
  readonly side: string;
  readonly loadResults: readonly LoadResult[];
  constructor(side: string, loadResults: readonly LoadResult[]) {
    const bad = loadResults.find((r) => !r.successful);
    super(`${side}: could not load rules file ${bad?.name ?? '(none given)'}`);
    this.side = side;
    this.loadResults = loadResults;
  }
}

/** Replay `captures` once through every side; alerts are named by the captures' names. */
export async function evaluateOnePass(opts: OnePassOptions): Promise<OnePassResult> {
  const names = opts.captures.map((c) => c.name);
  const matching = opts.common?.matching ?? 'first';
  const outcomes = opts.sides.map((): SideOutcome => ({ alerts: [], matches: [], rules: [] }));
  const ruleSets: RuleSetOptions[] = opts.sides.map((side, i) => {
    const matches = (outcomes[i] as SideOutcome).matches;
    return {
      name: side.name,
      rules: side.rules,
      ...(opts.common?.minPriority !== undefined ? { minPriority: opts.common.minPriority } : {}),
      ...(opts.common?.selection ? { selection: opts.common.selection } : {}),
      matching,
      // Shadowing only exists under `first`, and needs two rules on the same event.
      ...(matching === 'first'
        ? {
            allMatches: (capture: number, evtnum: number, ts: bigint, rules: readonly { readonly name: string }[]) => {
              if (rules.length < 2) return;
              matches.push({ capture: names[capture] ?? String(capture), evtnum, time: alertIsoTime(ts), rules: rules.map((r) => r.name) });
            },
          }
        : {}),
    };
  });
  const replay = new Replay({ ...opts.common, ruleSets, captures: opts.captures, outputFields: true });
  replay.ruleSets.forEach((rs, i) => {
    if (!rs.ok) throw new SideLoadError(opts.sides[i]?.name ?? rs.name, rs.loadResults);
  });
  for await (const a of replay.alerts()) (outcomes[a.ruleSet ?? 0] as SideOutcome).alerts.push(toDiffAlert(a, names));
  const summary = replay.summary;
  if (!summary) throw new Error('replay ended without a summary');
  return {
    sides: outcomes.map((o, i) => {
      const rs = replay.ruleSets[i];
      return {
        ...o,
        rules: (rs?.rules ?? []).map((r) => ({ name: r.name, priority: r.priority })),
        ...(opts.snapshots && rs ? { snapshot: snapshotRules(rs.engine) } : {}),
      };
    }),
    captures: summary.captures,
  };
}
