// `falco-replay diff CAPTURE... --head RULES... (--base RULES... | --base-ref GITREF)`: what a rules change
// does to the alerts of recorded traffic. Option parsing, the base side from git, the reports and the exit
// code live here; evaluating both rule sets over the captures is injected (one pass per capture, both sides).
import { InvalidArgumentError, Option, type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { escapeControl } from '../../common/index.js';
import { diffAlerts, diffExitCode, parseFailOn, staticChanges, type DiffReport, type DiffSide, type FailOn, type RulesSnapshot, type SideOutcome } from '../../engine/index.js';
import { ExitCode } from '../exit-codes.js';
import { ConfigError, parseOption, type ConfigOp } from '../falco-config.js';
import type { CliIo } from '../io.js';
import { diffJson, diffJunit, diffMarkdown } from '../report/diff-formats.js';
import { diffText } from '../report/diff-text.js';
import { chalkFor } from '../report/summary.js';
import { expandRulesPaths, readRulesFiles, RulesFileError } from '../rules-files.js';
import { PLUGINS_HELP, UsageError } from '../rules-report.js';
import { materializeAtRevision } from './diff-base-ref.js';
import { evaluateSides } from './diff-evaluate.js';
import { MAX_DEFAULT_THREADS, threadsOption } from '../threads.js';

export interface DiffOptions {
  readonly captures: readonly string[];
  readonly head: readonly string[];
  readonly base?: readonly string[];
  readonly baseRef?: string;
  readonly config?: string;
  /** `-o` overrides and rule-selection flags, in command-line order; they apply to both sides. */
  readonly ops: readonly ConfigOp[];
  readonly legacyEnterEvents?: boolean;
  readonly plugins?: string;
  readonly format: 'text' | 'json' | 'markdown';
  readonly junit?: string;
  readonly failOn: readonly FailOn[];
  readonly maxItems?: number;
  /** Processes for several captures, this one included (default: the number of cores). */
  readonly jobs?: number;
  /** Threads of each job (`run --threads`). */
  readonly threads?: number;
}

/** One side's rules: files (name → content) in load order, and what to call the side in reports. */
export interface RulesSide {
  readonly label: string;
  readonly files: readonly { readonly name: string; readonly content: string }[];
}

export interface EvaluateRequest {
  readonly captures: readonly string[];
  readonly base: RulesSide;
  readonly head: RulesSide;
  readonly options: Pick<DiffOptions, 'config' | 'ops' | 'legacyEnterEvents' | 'plugins' | 'jobs' | 'threads'>;
}

/** What evaluating both sides gives: each side's alerts (and shadowing), and its loaded rules for the static diff. */
export interface EvaluateResult {
  /** The captures in report order (directories expanded). */
  readonly captures: readonly string[];
  readonly base: DiffSide & { readonly snapshot: RulesSnapshot };
  readonly head: DiffSide & { readonly snapshot: RulesSnapshot };
  /** Notes and read problems for stderr. */
  readonly warnings?: readonly string[];
  /** A capture could not be read whole: the report is still printed, the exit code is 1. */
  readonly damaged?: boolean;
}

/** Loads both rule sets and replays the captures through them; throws with a message fit for the user. */
export type EvaluateBoth = (req: EvaluateRequest) => Promise<EvaluateResult>;

export const JOBS_HELP = 'processes (this one and child processes) replaying the captures of a folder, each with its own state (default: the number of cores); the report is the same whatever the number';

export const THREADS_HELP = `threads of each job: captures are read, inflated and decoded on worker threads while state and rules run on the main one; same results whatever the count (default: the cores shared among the jobs, at most ${MAX_DEFAULT_THREADS}; 1: one thread)`;

/** `--jobs N`: a positive integer. */
export function parseJobs(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError('expected an integer from 1 to 256');
  return n;
}

export const FAIL_ON_HELP = 'exit 3 when the head brings this: added, removed, changed (alerts), static-major (a major static change), any (any alert change, default), none; comma-separated to combine';

function readSide(paths: readonly string[], label: string, rename?: (file: string) => string): RulesSide {
  const files = expandRulesPaths(paths);
  if (!files.length) throw new RulesFileError(`no rules files (*.yaml, *.yml) in: ${paths.join(', ')}`);
  return { label, files: readRulesFiles(files).map((f) => ({ name: rename ? rename(f.name) : f.name, content: f.content })) };
}

/** Print the report in the chosen format (and the JUnit file); false when the JUnit file cannot be written. */
export function writeReport(report: DiffReport, opts: Pick<DiffOptions, 'format' | 'junit' | 'maxItems'>, io: CliIo): boolean {
  if (opts.format === 'json') io.stdout.write(diffJson(report));
  else if (opts.format === 'markdown') io.stdout.write(diffMarkdown(report));
  else io.stdout.write(diffText(report, chalkFor(io.stdout, io.env), opts.maxItems !== undefined ? { maxItems: opts.maxItems } : {}));
  if (opts.junit !== undefined) {
    try {
      writeFileSync(opts.junit, diffJunit(report));
    } catch (e) {
      io.stderr.write(`Error: cannot write ${escapeControl(opts.junit)}: ${escapeControl((e as Error).message)}\n`);
      return false;
    }
  }
  return true;
}

/** Run a diff with an injected evaluator; resolves to the exit code (reports written to `io`). */
export async function runDiff(opts: DiffOptions, io: CliIo, evaluate: EvaluateBoth): Promise<number> {
  let cleanup: (() => void) | undefined;
  try {
    const head = readSide(opts.head, opts.head.join(' '));
    let base: RulesSide;
    if (opts.baseRef !== undefined) {
      const m = await materializeAtRevision(opts.head, opts.baseRef);
      cleanup = m.cleanup;
      const ref = opts.baseRef;
      // Report base files under their working-tree names, prefixed with the revision (`origin/main:rules/x.yaml`).
      const rename = (file: string): string => {
        const i = m.paths.findIndex((p) => file === p || file.startsWith(p + sep));
        const p = m.paths[i];
        const original = opts.head[i];
        if (p === undefined || original === undefined) return `${ref}:${file}`;
        const rest = relative(p, file);
        return `${ref}:${rest ? `${original.replace(/[\\/]+$/, '')}/${rest.split(sep).join('/')}` : original}`;
      };
      base = readSide(m.paths, `${ref}:${opts.head.join(' ')}`, rename);
    } else {
      base = readSide(opts.base ?? [], (opts.base ?? []).join(' '));
    }
    const res = await evaluate({
      captures: opts.captures,
      base,
      head,
      options: { ops: opts.ops, ...(opts.config !== undefined ? { config: opts.config } : {}), ...(opts.legacyEnterEvents ? { legacyEnterEvents: true } : {}), ...(opts.plugins !== undefined ? { plugins: opts.plugins } : {}), ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}), ...(opts.threads !== undefined ? { threads: opts.threads } : {}) },
    });
    for (const w of res.warnings ?? []) io.stderr.write(`falco-replay: ${w}\n`);
    const report = diffAlerts({
      captures: res.captures,
      base: { ...res.base, label: res.base.label ?? base.label },
      head: { ...res.head, label: res.head.label ?? head.label },
      staticChanges: staticChanges(res.base.snapshot, res.head.snapshot),
    });
    if (!writeReport(report, opts, io)) return ExitCode.FAILURE;
    if (res.damaged) return ExitCode.FAILURE;
    return diffExitCode(report, opts.failOn);
  } catch (e) {
    // Rules files, the git revision and the evaluator report user-facing errors (RulesFileError, BaseRefError…).
    if (e instanceof Error) {
      io.stderr.write(`Error: ${escapeControl(e.message, true)}\n`);
      return e instanceof ConfigError || e instanceof UsageError ? ExitCode.USAGE : ExitCode.FAILURE;
    }
    throw e;
  } finally {
    cleanup?.();
  }
}

interface RawDiffOptions {
  head?: string[];
  base?: string[];
  baseRef?: string;
  config?: string;
  legacyEnterEvents?: boolean;
  plugins?: string;
  json?: boolean;
  markdown?: boolean;
  junit?: string;
  failOn?: FailOn[];
  maxItems?: number;
  jobs?: number;
  threads?: number;
}

/** `-c`, `-o`, rule selection, `--legacy-enter-events`, `--plugins`, `--jobs` and `--threads`: every side alike. */
export function addSharedOptions(cmd: Command, ops: ConfigOp[]): Command {
  const op = (key: string) => (value: string, prev: string[] | undefined) => {
    ops.push({ key, value });
    return [...(prev ?? []), value];
  };
  return cmd
    .option('-c, --config <file>', 'Falco configuration (falco.yaml), for both sides')
    .option('-o, --option <key=value>', 'Falco configuration override for both sides (repeatable, applied in order)', (v: string, prev: string[] | undefined) => {
      try {
        ops.push(parseOption(v));
      } catch (e) {
        throw new InvalidArgumentError((e as Error).message);
      }
      return [...(prev ?? []), v];
    })
    .option('--rule-matching <mode>', 'first or all, for both sides (-o rule_matching=...)', op('rule_matching'))
    .option('--enable-tag <tag>', 'enable the rules with this tag on both sides', op('rules[].enable.tag'))
    .option('--disable-tag <tag>', 'disable the rules with this tag on both sides', op('rules[].disable.tag'))
    .option('--enable-rule <pattern>', 'enable rules by name (* as wildcard) on both sides', op('rules[].enable.rule'))
    .option('--disable-rule <pattern>', 'disable rules by name (* as wildcard) on both sides', op('rules[].disable.rule'))
    .option('--legacy-enter-events', 'Falco 0.41 and earlier: enter and exit events both reach the rules')
    .addOption(new Option('--plugins <list>', PLUGINS_HELP))
    .option('--jobs <n>', JOBS_HELP, parseJobs)
    .option('--threads <n>', THREADS_HELP, threadsOption);
}

/** `--json`, `--markdown`, `--junit`, `--fail-on` and `--max-items`: the report and the exit code. */
export function addReportOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--json', 'the report as JSON (docs/diff-report.schema.json)').conflicts('markdown'))
    .option('--markdown', 'the report as Markdown, for a pull-request comment')
    .option('--junit <file>', 'also write a JUnit XML file: a test case per rule per capture, failing where the head differs')
    .option('--fail-on <list>', FAIL_ON_HELP, (v: string) => {
      try {
        return parseFailOn(v);
      } catch (e) {
        throw new InvalidArgumentError((e as Error).message);
      }
    })
    .option('--max-items <n>', 'alerts listed per section in the terminal report (default 50)', (v: string) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
      return n;
    });
}

/** The `diff` subcommand on `program` (not registered by default: the caller supplies the evaluator). */
export function registerDiff(program: Command, io: CliIo, evaluate: EvaluateBoth): Command {
  const ops: ConfigOp[] = [];
  const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];
  const cmd = program
    .command('diff')
    .description('what a rules change does to the alerts of recorded traffic: per-rule counts, alerts added/removed/changed, static changes rated Major/Minor/Patch, shadowing')
    .argument('<captures...>', 'scap capture files or directories')
    .option('--head <path>', 'rules file or directory of the new side (repeatable, loaded in order)', collect)
    .option('--base <path>', 'rules file or directory of the old side (repeatable, loaded in order)', collect)
    .option('--base-ref <gitref>', 'the old side is the --head paths as they are at this git revision');
  addSharedOptions(cmd, ops);
  addReportOptions(cmd);
  return cmd
    .action(async (captures: string[], raw: RawDiffOptions, self: Command) => {
      if (!raw.head?.length) self.error('error: --head <path> is required', { exitCode: ExitCode.USAGE });
      if ((raw.base?.length ? 1 : 0) + (raw.baseRef !== undefined ? 1 : 0) !== 1) self.error('error: give exactly one of --base <path> and --base-ref <gitref>', { exitCode: ExitCode.USAGE });
      io.exitCode = await runDiff(
        {
          captures,
          head: raw.head ?? [],
          ...(raw.base ? { base: raw.base } : {}),
          ...(raw.baseRef !== undefined ? { baseRef: raw.baseRef } : {}),
          ...(raw.config !== undefined ? { config: raw.config } : {}),
          ops: [...ops],
          ...(raw.legacyEnterEvents ? { legacyEnterEvents: true } : {}),
          ...(raw.plugins !== undefined ? { plugins: raw.plugins } : {}),
          format: raw.json ? 'json' : raw.markdown ? 'markdown' : 'text',
          ...(raw.junit !== undefined ? { junit: raw.junit } : {}),
          failOn: raw.failOn ?? ['any'],
          ...(raw.maxItems !== undefined ? { maxItems: raw.maxItems } : {}),
          ...(raw.jobs !== undefined ? { jobs: raw.jobs } : {}),
          ...(raw.threads !== undefined ? { threads: raw.threads } : {}),
        },
        io,
        evaluate,
      );
    });
}

/** The evaluator of the real command: both sides in one pass per capture (see diff-evaluate.ts). */
export const evaluateBoth: EvaluateBoth = async (req) => {
  const ev = await evaluateSides(
    [
      { name: req.base.label, rules: req.base.files },
      { name: req.head.label, rules: req.head.files },
    ],
    req.captures,
    req.options,
    process.env,
    true,
  );
  const [base, head] = ev.sides as [SideOutcome, SideOutcome];
  return {
    captures: ev.captures,
    base: { alerts: base.alerts, matches: base.matches, rules: base.rules, snapshot: base.snapshot as RulesSnapshot },
    head: { alerts: head.alerts, matches: head.matches, rules: head.rules, snapshot: head.snapshot as RulesSnapshot },
    warnings: ev.warnings,
    damaged: ev.damaged,
  };
};

/** `diff` as the program registers it. */
export const registerDiffCommand = (program: Command, io: CliIo): void => void registerDiff(program, io, evaluateBoth);
