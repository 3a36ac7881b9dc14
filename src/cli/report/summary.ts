// End-of-run reports: Falco's summary text (exactly as `falco` prints it on stdout), the `--summary-file`
// JSON, and for terminals a table of per-rule counts by severity.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { escapeJsonText } from '../../common/index.js';
import { captureDamaged } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { escapeAlertText, PRIORITIES, PRIORITY_SHORT, type CompiledRule, type ReplaySummary } from '../../engine/index.js';

/** Per-rule and per-priority alert counts in Falco's orders. */
export interface RunCounts {
  readonly total: number;
  /** Priority number → count (0 Emergency … 7 Debug). */
  readonly byPriority: readonly number[];
  /** Rules with at least one alert, in rule order (first definition), with their counts. */
  readonly byRule: readonly { readonly rule: CompiledRule; readonly count: number }[];
}

export function runCounts(summary: ReplaySummary, rules: readonly CompiledRule[]): RunCounts {
  const byRule: { rule: CompiledRule; count: number }[] = [];
  for (const r of rules) {
    const n = summary.byRule[r.id] ?? 0;
    if (n > 0) byRule.push({ rule: r, count: n });
  }
  return { total: summary.alerts, byPriority: summary.byPriority, byRule };
}

/** `77 (3 events), 1234 (1 event)`, at most ten IDs listed (the IDs come from the capture). */
export function unknownIdsText(ids: readonly (readonly [string | number, number])[]): string {
  const shown = ids.slice(0, 10).map(([id, n]) => `${id} (${n} event${n === 1 ? '' : 's'})`);
  if (ids.length > 10) shown.push(`and ${ids.length - 10} more`);
  return shown.join(', ');
}

/** Falco's end-of-run statistics: three headers, non-zero severities (most severe first), non-zero rules. */
export function falcoSummaryText(c: RunCounts): string {
  let out = `Events detected: ${c.total}\nRule counts by severity:\n`;
  c.byPriority.forEach((n, p) => {
    if (n > 0) out += `   ${PRIORITY_SHORT[p] ?? 'DEBUG'}: ${n}\n`;
  });
  out += 'Triggered rules by rule name:\n';
  for (const { rule, count } of c.byRule) out += `   ${escapeAlertText(rule.name)}: ${count}\n`;
  return out;
}

export interface SummaryFileInput {
  readonly counts: RunCounts;
  /** Only the events and the seconds are read (merge passes the sums over its summary files). */
  readonly summary: Pick<ReplaySummary, 'events' | 'seconds'>;
  readonly ruleMatching: string;
  readonly rulesFiles: readonly string[];
  readonly captures: readonly string[];
  /** Malformed events skipped, and the captures not read cleanly to their end (then the exit code is 1). */
  readonly damage: Damage;
  /** Alerts delivered and not delivered per output channel, when channels besides stdout are enabled. */
  readonly outputs?: readonly { readonly name: string; readonly delivered: number; readonly failed: number }[];
  /** Events and alerts per event source, and plugin events of unknown IDs (written as `*_by_source` keys). */
  readonly sources?: SourceCounts;
}

/** What a summary file says per event source. */
export interface SourceCounts {
  readonly events: ReadonlyMap<string, number>;
  readonly alerts: ReadonlyMap<string, number>;
  /** Plugin ID → events that reached no rule. */
  readonly unknownPluginEvents: ReadonlyMap<number, number>;
}

/** A run's per-source counts (sources in first-seen order, unknown IDs ascending). */
export function sourceCounts(summary: Pick<ReplaySummary, 'eventsBySource' | 'alertsBySource' | 'unknownPluginEvents'>): SourceCounts {
  return { events: summary.eventsBySource, alerts: summary.alertsBySource, unknownPluginEvents: new Map([...summary.unknownPluginEvents].sort((a, b) => a[0] - b[0])) };
}

/** One stderr line for runs with plugin events: events (and alerts) per source. */
export function sourcesLine(s: SourceCounts): string | undefined {
  if ([...s.events.keys()].every((k) => k === 'syscall') && s.unknownPluginEvents.size === 0) return undefined;
  const parts = [...s.events].map(([src, n]) => `${escapeAlertText(src)} ${n} event${n === 1 ? '' : 's'}, ${s.alerts.get(src) ?? 0} alert${s.alerts.get(src) === 1 ? '' : 's'}`);
  return `falco-replay: by source: ${parts.join('; ')}`;
}

const nullProto = (entries: Iterable<readonly [string | number, number]>): Record<string, number> => {
  const o = Object.create(null) as Record<string, number>;
  for (const [k, n] of entries) o[String(k)] = n;
  return o;
};

/** What a summary file says of damage. */
export interface Damage {
  readonly skippedEvents: number;
  readonly damagedCaptures: readonly string[];
}

/** The damage of one replay: its captures' skipped events, and the captures not read cleanly. */
export function replayDamage(summary: Pick<ReplaySummary, 'captures'>): Damage {
  return {
    skippedEvents: summary.captures.reduce((n, c) => n + c.read.badEvents, 0),
    damagedCaptures: summary.captures.filter((c) => captureDamaged({ complete: c.complete, badEvents: c.read.badEvents, diagnostics: c.diagnostics })).map((c) => c.name),
  };
}

/** The `--summary-file` document (key order as documented; counts objects in Falco's orders). */
export function summaryFileJson(i: SummaryFileInput): string {
  const byPriority: Record<string, number> = {};
  i.counts.byPriority.forEach((n, p) => {
    if (n > 0) byPriority[PRIORITY_SHORT[p] ?? 'DEBUG'] = n;
  });
  // Rule names come from rules files: a null-prototype object keeps `__proto__` an ordinary key.
  const byRule = Object.create(null) as Record<string, number>;
  for (const { rule, count } of i.counts.byRule) byRule[rule.name] = count;
  const secs = i.summary.seconds;
  const doc = {
    events: i.summary.events,
    alerts: i.counts.total,
    by_priority: byPriority,
    by_rule: byRule,
    rule_matching: i.ruleMatching,
    rules_files: i.rulesFiles,
    captures: i.captures,
    elapsed_s: Number(secs.toFixed(3)),
    events_per_s: secs > 0 ? Math.round(i.summary.events / secs) : 0,
    skipped_events: i.damage.skippedEvents,
    damaged_captures: i.damage.damagedCaptures,
    ...(i.outputs ? { outputs: Object.fromEntries(i.outputs.map((o) => [o.name, { delivered: o.delivered, failed: o.failed }])) } : {}),
    ...(i.sources
      ? { events_by_source: nullProto(i.sources.events), alerts_by_source: nullProto(i.sources.alerts), unknown_plugin_events: nullProto(i.sources.unknownPluginEvents) }
      : {}),
  };
  return `${escapeJsonText(JSON.stringify(doc, null, 2))}\n`;
}

/** A chalk instance for a stream: colours only on a TTY and never when NO_COLOR is set (no-color.org). */
export function chalkFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): ChalkInstance {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return new Chalk({ level: stream.isTTY && !noColor ? 1 : 0 });
}

function priorityColor(chalk: ChalkInstance, p: number): (s: string) => string {
  if (p <= 2) return chalk.red.bold;
  if (p === 3) return chalk.red;
  if (p === 4) return chalk.yellow;
  if (p === 5) return chalk.cyan;
  if (p === 6) return chalk.green;
  return chalk.gray;
}

/** The per-rule table shown in a terminal: one row per rule that fired, most severe first. */
export function ruleTable(c: RunCounts, chalk: ChalkInstance, width?: number): string {
  const nameWidth = Math.max(20, Math.min(80, (width !== undefined && width > 0 ? width : 100) - 32));
  const table = new Table({
    head: ['Priority', 'Rule', 'Alerts'].map((h) => chalk.bold(h)),
    colAligns: ['left', 'left', 'right'],
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: [15, nameWidth, 10],
  });
  const rows = [...c.byRule].sort((a, b) => a.rule.priority - b.rule.priority || b.count - a.count || a.rule.id - b.rule.id);
  for (const { rule, count } of rows) {
    const word = PRIORITIES[rule.priority] ?? 'Debug';
    table.push([priorityColor(chalk, rule.priority)(word), escapeAlertText(rule.name), String(count)]);
  }
  const sev = c.byPriority
    .map((n, p) => (n > 0 ? priorityColor(chalk, p)(`${PRIORITY_SHORT[p]} ${n}`) : ''))
    .filter(Boolean)
    .join('  ');
  table.push([{ colSpan: 2, content: chalk.bold(`Total${sev ? `  (${sev})` : ''}`) }, chalk.bold(String(c.total))]);
  return `${table.toString()}\n`;
}

/** The per-rule table after a run: on stdout when it is a terminal, else on stderr when that is one, else nowhere. */
export function writeRuleTable(counts: RunCounts, io: CliIo): void {
  if (!io.stdout.isTTY && !io.stderr.isTTY) return;
  const target = io.stdout.isTTY ? io.stdout : io.stderr;
  target.write(ruleTable(counts, chalkFor(target, io.env), target.columns));
}
