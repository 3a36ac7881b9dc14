// The rule profile as a terminal table (rules by cost, shared macros, event types) and as JSON
// (shape: docs/rules-language.md#rule-profile).
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { escapeAlertText, PRIORITY_SHORT, type RuleProfile } from '../../engine/index.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(3));

/** Terminal tables, costliest rule first; every name from the rules is escaped. */
export function profileText(p: RuleProfile, chalk: ChalkInstance, limit = Number.POSITIVE_INFINITY): string {
  const rules = new Table({
    head: ['Rule', 'Prio', 'Evaluated', 'Matched', 'ms (est.)', 'Share', 'Costliest checks'].map((h) => chalk.bold(h)),
    style: { head: [], border: [], compact: true },
  });
  for (const r of p.rules.slice(0, limit)) {
    const checks = r.checks.map((c) => `${escapeAlertText(c.field)} ${escapeAlertText(c.op)}${c.macro !== null ? ` [${escapeAlertText(c.macro)}]` : ''} ${pct(c.share)}`).join('\n');
    rules.push([escapeAlertText(r.rule), PRIORITY_SHORT[r.priority] ?? String(r.priority), String(r.evaluated), String(r.matched), ms(r.ms), pct(r.share), checks]);
  }
  let out = `Rule profile: ${p.evaluated} events evaluated, ${ms(p.ms)} ms in rules (estimated; 1 evaluation in ${p.sampleEvery} of each rule timed)\n${rules.toString()}\n`;
  if (p.rules.length > limit) out += `(${p.rules.length - limit} more rules; --json lists every rule)\n`;
  if (p.macros.length) {
    const macros = new Table({ head: ['Shared macro', 'Rules', 'ms (est.)', 'Share'].map((h) => chalk.bold(h)), style: { head: [], border: [], compact: true } });
    for (const m of p.macros) macros.push([escapeAlertText(m.macro), String(m.rules), ms(m.ms), pct(m.share)]);
    out += `${macros.toString()}\n`;
  }
  const types = new Table({ head: ['Event type', 'Events', 'Rules reached'].map((h) => chalk.bold(h)), style: { head: [], border: [], compact: true } });
  for (const t of p.eventTypes) types.push([`${t.dir} ${escapeAlertText(t.type)}`, String(t.events), String(t.rules)]);
  out += `${types.toString()}\n`;
  return out;
}

/** The profile as one JSON document (snake_case keys, as the summary file). */
export function profileJson(p: RuleProfile): string {
  return `${JSON.stringify({
    version: p.version,
    sample_every: p.sampleEvery,
    evaluated: p.evaluated,
    ms: round(p.ms),
    rules: p.rules.map((r) => ({
      rule: r.rule,
      source: r.source,
      priority: r.priority,
      evaluated: r.evaluated,
      matched: r.matched,
      sampled: r.sampled,
      ms: round(r.ms),
      share: round(r.share),
      checks: r.checks.map((c) => ({ field: c.field, op: c.op, macro: c.macro, share: round(c.share) })),
    })),
    macros: p.macros.map((m) => ({ macro: m.macro, rules: m.rules, ms: round(m.ms), share: round(m.share) })),
    event_types: p.eventTypes.map((t) => ({ type: t.type, dir: t.dir, events: t.events, rules: t.rules })),
  })}\n`;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
