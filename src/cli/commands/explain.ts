// `falco-replay explain CAPTURE -r RULES --event N [--rule NAME] [--json]`: why rules fired or stayed quiet on one
// event: each rule's condition as a tree with every node's truth value and every check's field value.
import { InvalidArgumentError, type Command } from 'commander';
import { escapeControl, escapeJsonText } from '../../common/index.js';
import { PRIORITIES, Replay } from '../../engine/index.js';
import type { ConfigOp } from '../falco-config.js';
import { ExitCode } from '../exit-codes.js';
import { eventText, explainEvent, mark, treeLines, type ExplainOutcome } from '../explain-event.js';
import type { CliIo } from '../io.js';
import type { RegisterCommand } from './index.js';
import { addReplayOptions, prepareReplay, printLoadProblems, replayFlagOptions, replayOptionsFor, type ReplayFlags } from './run.js';

/** Version of the `explain --json` document (docs/explain.md). */
export const EXPLAIN_JSON_VERSION = 1;

const eventNumber = (v: string): number => {
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(Number(v))) throw new InvalidArgumentError(`expected an event number (as \`events\` and alerts show it), got '${v}'`);
  return Number(v);
};

export const registerExplain: RegisterCommand = (program: Command, io: CliIo) => {
  const ops: ConfigOp[] = [];
  const cmd = program
    .command('explain')
    .description("why rules fired or stayed quiet on one event: each rule's condition as a tree with truth values and field values")
    .argument('<capture>', 'scap capture file (plain or gzip)');
  addReplayOptions(cmd, ops)
    .requiredOption('--event <N>', 'the event number, as `events` and alerts (%evt.num) show it', eventNumber)
    .option('--rule <name>', 'explain only this rule (default: every enabled rule whose event types include the event)')
    .option('--json', 'one JSON document (docs/explain.md) instead of text')
    .action(async (capture: string, opts: ReplayFlags & { event: number; rule?: string; json?: boolean }) => {
      io.exitCode = await runExplain(capture, opts, ops, io);
    });
};

async function runExplain(capture: string, opts: ReplayFlags & { event: number; rule?: string; json?: boolean }, ops: ConfigOp[], io: CliIo): Promise<number> {
  const runOpts = { ...replayFlagOptions([capture], opts, ops), summary: false, progress: false };
  const prepared = prepareReplay(runOpts, io);
  if (typeof prepared === 'number') return prepared;
  if (prepared.captures.length !== 1) {
    io.stderr.write(`Error: explain reads one capture file, got ${prepared.captures.length}\n`);
    return ExitCode.USAGE;
  }
  const options = replayOptionsFor(prepared, runOpts, io);
  // Load the rules once up front to report their problems as `run` does.
  const check = new Replay({ ...options, captures: [] });
  printLoadProblems(check.loadResults, opts.verbose ?? false, io);
  if (!check.ok) {
    const bad = check.loadResults.find((r) => !r.successful);
    io.stderr.write(`Error: could not load rules file ${escapeControl(bad?.name ?? '')}\n`);
    return ExitCode.FAILURE;
  }
  const out = await explainEvent(options, { evtNum: opts.event, ...(opts.rule !== undefined ? { rule: opts.rule } : {}) });
  if (!out.ok) {
    io.stderr.write(`Error: ${escapeControl(out.message)}\n`);
    return out.code === 'rules-not-loaded' ? ExitCode.FAILURE : ExitCode.USAGE;
  }
  io.stdout.write(opts.json ? `${explainJson(out)}\n` : explainText(out));
  return ExitCode.OK;
}

/** The `--json` document (docs/explain.md#json). */
export function explainJson(out: Extract<ExplainOutcome, { ok: true }>): string {
  const doc = {
    version: EXPLAIN_JSON_VERSION,
    event: out.event,
    rules: out.rules.map((r) => ({ rule: r.rule, priority: PRIORITIES[r.priority] ?? 'Debug', source: r.source, matched: r.matched, applies: r.applies, condition: r.tree })),
  };
  return escapeJsonText(JSON.stringify(doc));
}

/** The text report: the event, then per rule its verdict and its tree, two spaces per level. */
export function explainText(out: Extract<ExplainOutcome, { ok: true }>): string {
  const lines = [eventText(out.event)];
  if (!out.rules.length) lines.push('no enabled rule applies to this event type');
  for (const r of out.rules) {
    const verdict = r.matched ? 'matched' : 'not matched';
    const note = r.applies ? '' : ' (not evaluated by the replay: disabled, or its event types do not include this event)';
    lines.push('', `rule "${escapeControl(r.rule)}" (${PRIORITIES[r.priority] ?? 'Debug'}): ${verdict}${note}`);
    for (const l of treeLines(r.tree)) lines.push(`${'  '.repeat(l.depth + 1)}${l.node ? `${mark(l.value)} ` : '  '}${l.text}`);
  }
  return `${lines.join('\n')}\n`;
}
