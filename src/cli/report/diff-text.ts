// The diff report for a terminal: totals, per-rule counts by severity, alert lists (capped), shadowing,
// static changes and the per-capture breakdown. Every string from a capture or a rules file is escaped.
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { escapeControl } from '../../common/index.js';
import type { AlertEntry, DiffReport } from '../../engine/index.js';

export interface DiffTextOptions {
  /** Alerts shown per list before "… and N more" (default 50). */
  readonly maxItems?: number;
}

const esc = (s: string): string => escapeControl(s);
/** Characters of each side of a static change shown in the terminal. */
const SIDE_CHARS = 240;
const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `${n}` : '±0');

function priorityColor(chalk: ChalkInstance, p: string): (s: string) => string {
  if (p === 'Emergency' || p === 'Alert' || p === 'Critical') return chalk.red.bold;
  if (p === 'Error') return chalk.red;
  if (p === 'Warning') return chalk.yellow;
  if (p === 'Notice') return chalk.cyan;
  if (p === 'Informational') return chalk.green;
  return chalk.gray;
}

const deltaColor = (chalk: ChalkInstance, n: number): string => (n > 0 ? chalk.green(signed(n)) : n < 0 ? chalk.red(signed(n)) : chalk.gray(signed(n)));

function table(chalk: ChalkInstance, head: string[], aligns: ('left' | 'right')[]): Table.Table {
  return new Table({ head: head.map((h) => chalk.bold(h)), colAligns: aligns, style: { head: [], border: [] } });
}

function alertLine(chalk: ChalkInstance, a: AlertEntry): string {
  const proc = a.process !== null ? ` [${esc(a.process)}]` : '';
  return `  ${esc(a.capture)} #${a.evtnum} ${a.time} ${priorityColor(chalk, a.priority)(a.priority)} ${chalk.bold(esc(a.rule))}${proc}: ${esc(a.output)}`;
}

function capped<T>(items: readonly T[], max: number, line: (x: T) => string): string {
  let out = items
    .slice(0, max)
    .map((x) => `${line(x)}\n`)
    .join('');
  if (items.length > max) out += `  … and ${items.length - max} more (--json or --markdown lists all)\n`;
  return out;
}

/** The whole terminal report, ending with a newline. */
export function diffText(r: DiffReport, chalk: ChalkInstance, opts: DiffTextOptions = {}): string {
  const max = opts.maxItems ?? 50;
  const t = r.totals;
  let out = '';
  const labels = r.base.label !== null || r.head.label !== null ? ` (${esc(r.base.label ?? 'base')} → ${esc(r.head.label ?? 'head')})` : '';
  out += `${chalk.bold('Alerts')}${labels}: base ${t.base} → head ${t.head} (${deltaColor(chalk, t.delta)}); ${t.added} added, ${t.removed} removed, ${t.changed} changed, ${t.shadowed} shadowed\n`;

  if (r.rules.length) {
    const rt = table(chalk, ['Priority', 'Rule', 'Base', 'Head', 'Δ'], ['left', 'left', 'right', 'right', 'right']);
    for (const row of r.rules) {
      const mark = row.presence === 'head-only' ? chalk.green(' (new rule)') : row.presence === 'base-only' ? chalk.red(' (rule removed)') : '';
      rt.push([priorityColor(chalk, row.priority)(row.priority), `${esc(row.rule)}${mark}`, String(row.base), String(row.head), deltaColor(chalk, row.delta)]);
    }
    out += `${rt.toString()}\n`;
  }

  if (r.added.length) out += `\n${chalk.green.bold(`Added alerts (${r.added.length})`)}\n${capped(r.added, max, (a) => alertLine(chalk, a))}`;
  if (r.removed.length) out += `\n${chalk.red.bold(`Removed alerts (${r.removed.length})`)}\n${capped(r.removed, max, (a) => alertLine(chalk, a))}`;
  if (r.changed.length) {
    out += `\n${chalk.yellow.bold(`Changed alerts (${r.changed.length})`)}\n`;
    out += capped(r.changed, max, (c) => {
      const fields = [...c.fields.filter((f) => f !== 'output'), ...c.fields.filter((f) => f === 'output')];
      const parts = fields.map((f) => {
        if (f === 'priority') return `priority ${c.base.priority} → ${c.head.priority}`;
        if (f === 'tags') return `tags [${esc((c.base.tags ?? []).join(', '))}] → [${esc((c.head.tags ?? []).join(', '))}]`;
        return `output\n      - ${esc(c.base.output)}\n      + ${esc(c.head.output)}`;
      });
      return `  ${esc(c.capture)} #${c.evtnum} ${c.time} ${chalk.bold(esc(c.rule))}: ${parts.join('; ')}`;
    });
  }
  if (r.shadowed.length) {
    out += `\n${chalk.bold(`Shadowed under rule_matching: first (${r.shadowed.length})`)}\n`;
    out += capped(r.shadowed, max, (s) => {
      const side = (by: string | null): string => (by === null ? 'not shadowed' : `taken by ${esc(by)}`);
      return `  ${esc(s.capture)} #${s.evtnum} ${chalk.bold(esc(s.rule))}: base ${side(s.base_by)}, head ${side(s.head_by)}`;
    });
  }

  if (r.static_changes.length) {
    out += `\n${chalk.bold(`Static changes (${r.static_changes.length})`)}\n`;
    // A list rather than a table: conditions and event lists are long, and cli-table3 wraps long cells slowly.
    const levelColor = { major: chalk.red.bold, minor: chalk.yellow, patch: chalk.cyan, none: chalk.gray };
    for (const c of r.static_changes) {
      // Side by side, shortened (--json has every value whole; the expanded condition only there).
      const short = (t: string): string => (t.length > SIDE_CHARS ? `${t.slice(0, SIDE_CHARS)}…` : t);
      const value = (v: (typeof c.fields)[number]['base']): string => (v === null ? '—' : typeof v === 'boolean' ? String(v) : esc(short(typeof v === 'string' ? v : v.join(', '))));
      out += `  ${levelColor[c.level](c.level.padEnd(5))} ${c.kind} ${chalk.bold(esc(c.name))} (${c.change})\n`;
      for (const f of c.findings) out += `        ${esc(f.message)}\n`;
      if (c.change !== 'modified') continue;
      for (const f of c.fields) {
        if (f.field === 'expanded') continue;
        out += chalk.gray(`        ${f.field}:\n          - ${value(f.base)}\n          + ${value(f.head)}\n`);
      }
    }
  }

  if (r.captures.length > 1) {
    out += `\n${chalk.bold('Per capture')}\n`;
    const ct = table(chalk, ['Capture', 'Base', 'Head', 'Δ', 'Added', 'Removed', 'Changed', 'Shadowed'], ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right']);
    for (const c of r.captures) ct.push([esc(c.capture), String(c.base), String(c.head), deltaColor(chalk, c.delta), String(c.added), String(c.removed), String(c.changed), String(c.shadowed)]);
    out += `${ct.toString()}\n`;
  }
  return out;
}
