// `falco-replay profile CAPTURE... -r RULES...`: replay the captures without printing alerts and report what each
// rule cost: evaluations, matches, estimated time and share, its costliest checks, shared macros, event types.
import type { Command } from 'commander';
import { escapeControl } from '../../common/index.js';
import { Replay, RuleProfiler } from '../../engine/index.js';
import { ExitCode } from '../exit-codes.js';
import type { ConfigOp } from '../falco-config.js';
import type { CliIo } from '../io.js';
import { profileJson, profileText } from '../report/profile.js';
import { chalkFor } from '../report/summary.js';
import { formatDiagnostic } from '../diagnostics.js';
import { addReplayOptions, prepareReplay, printLoadProblems, replayFlagOptions, replayOptionsFor, type ReplayFlags } from './run.js';
import type { RegisterCommand } from './index.js';

export const registerProfile: RegisterCommand = (program: Command, io: CliIo) => {
  const ops: ConfigOp[] = [];
  const cmd = program
    .command('profile')
    .description('replay captures through rules and report what each rule costs (evaluations, matches, time, costliest checks), costliest first')
    .argument('[captures...]', 'scap capture files or directories (plain or gzip)');
  addReplayOptions(cmd, ops)
    .option('--json', 'the profile as one JSON document (shape: docs/rules-language.md)')
    .option('--top <n>', 'rules in the table (default 30; --json lists every rule)', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--top: expected a positive integer, got '${v}'`);
      return n;
    })
    .action(async (captures: string[], opts: ReplayFlags & { json?: boolean; top?: number }) => {
      io.exitCode = await runProfile(captures, opts, ops, io);
    });
};

async function runProfile(captures: string[], flags: ReplayFlags & { json?: boolean; top?: number }, ops: ConfigOp[], io: CliIo): Promise<number> {
  const opts = { ...replayFlagOptions(captures, flags, ops), summary: false, progress: false };
  const prepared = prepareReplay(opts, io);
  if (typeof prepared === 'number') return prepared;
  const profiler = new RuleProfiler();
  const replay = new Replay({ ...replayOptionsFor(prepared, opts, io), ruleProfiler: profiler });
  printLoadProblems(replay.loadResults, opts.verbose ?? false, io);
  if (!replay.ok) {
    const bad = replay.loadResults.find((r) => !r.successful);
    io.stderr.write(`Error: could not load rules file ${escapeControl(bad?.name ?? '')}\n`);
    return ExitCode.FAILURE;
  }
  for await (const alert of replay.alerts()) void alert;
  const summary = replay.summary;
  if (!summary) throw new Error('replay ended without a summary');
  let damaged = false;
  for (const c of summary.captures) {
    for (const d of c.diagnostics) if (d.severity !== 'info') io.stderr.write(`${formatDiagnostic(d)}\n`);
    if (!c.complete || c.diagnostics.some((d) => d.severity === 'error')) damaged = true;
  }
  const profile = profiler.result();
  io.stdout.write(flags.json ? profileJson(profile) : profileText(profile, chalkFor(io.stdout, io.env), flags.top ?? 30));
  return damaged ? ExitCode.FAILURE : ExitCode.OK;
}
