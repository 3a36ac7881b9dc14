// `falco-replay baseline save DIR -r RULES... CAPTURE...` records, per capture, the alerts of the rules as a
// sorted, diff-friendly JSON file with the capture's and the rules' hashes; `falco-replay test DIR -r RULES...`
// replays the same captures and compares, printing the report of `diff` and exiting 3 on drift (`--update`
// rewrites the baselines instead). A capture whose content changed since its baseline is an error.
import { type Command } from 'commander';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { escapeControl } from '../../common/index.js';
import {
  BaselineError,
  baselineFileName,
  baselineText,
  changedRulesFiles,
  compareBaselines,
  diffExitCode,
  makeBaseline,
  parseBaseline,
  type Baseline,
  type DiffAlert,
  type FailOn,
  type SideOutcome,
} from '../../engine/index.js';
import { ExitCode } from '../exit-codes.js';
import { ConfigError, type ConfigOp } from '../falco-config.js';
import { writeFileAtomic } from '../write-file.js';
import type { CliIo } from '../io.js';
import { readRulesArgs } from '../rules-files.js';
import { UsageError } from '../rules-report.js';
import { addReportOptions, addSharedOptions, writeReport, type DiffOptions } from './diff.js';
import { evaluateSides, type SharedOptions } from './diff-evaluate.js';

const BASELINE_SUFFIX = '.baseline.json';
/** At most this many baseline files in a folder. */
const MAX_BASELINES = 10_000;

/** sha256 of a file, read in chunks (captures can be large). */
export function fileSha256(path: string): string {
  const h = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

interface RawShared {
  config?: string;
  legacyEnterEvents?: boolean;
  plugins?: string;
  jobs?: number;
  threads?: number;
  rules?: string[];
}

const sharedOf = (raw: RawShared, ops: readonly ConfigOp[]): SharedOptions => ({
  ops: [...ops],
  ...(raw.config !== undefined ? { config: raw.config } : {}),
  ...(raw.legacyEnterEvents ? { legacyEnterEvents: true } : {}),
  ...(raw.plugins !== undefined ? { plugins: raw.plugins } : {}),
  ...(raw.jobs !== undefined ? { jobs: raw.jobs } : {}),
  ...(raw.threads !== undefined ? { threads: raw.threads } : {}),
});

/** Errors fit for the user → their exit code (1, or 2 for usage and configuration). */
function failed(e: unknown, io: CliIo): number {
  if (!(e instanceof Error)) throw e;
  io.stderr.write(`Error: ${escapeControl(e.message, true)}\n`);
  return e instanceof ConfigError || e instanceof UsageError ? ExitCode.USAGE : ExitCode.FAILURE;
}

/** Replay the captures through one rule set: its alerts and the files that made it. */
async function replayRules(rulesArgs: readonly string[], captures: readonly string[], shared: SharedOptions, io: CliIo) {
  const rules = readRulesArgs(rulesArgs);
  const ev = await evaluateSides([{ name: rulesArgs.join(' '), rules }], captures, shared, io.env, false);
  for (const w of ev.warnings) io.stderr.write(`falco-replay: ${w}\n`);
  return { rules, captures: ev.captures, alerts: (ev.sides[0] as SideOutcome).alerts, damaged: ev.damaged };
}

function saveBaselines(dir: string, captures: readonly string[], rules: readonly { name: string; content: string }[], alerts: readonly DiffAlert[], hashes: ReadonlyMap<string, string>): number {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  for (const c of captures) {
    const b = makeBaseline(c, hashes.get(c) ?? fileSha256(c), rules.map((r) => ({ file: r.name, content: r.content })), alerts);
    writeFileAtomic(join(dir, baselineFileName(c)), baselineText(b));
    n += b.alerts.length;
  }
  return n;
}

export async function runBaselineSave(dir: string, rulesArgs: readonly string[], capturePaths: readonly string[], shared: SharedOptions, io: CliIo): Promise<number> {
  try {
    const r = await replayRules(rulesArgs, capturePaths, shared, io);
    const hashes = new Map(r.captures.map((c) => [c, fileSha256(c)]));
    const n = saveBaselines(dir, r.captures, r.rules, r.alerts, hashes);
    io.stdout.write(`${escapeControl(dir)}: ${r.captures.length} baseline${r.captures.length === 1 ? '' : 's'} saved (${n} alert${n === 1 ? '' : 's'})\n`);
    return r.damaged ? ExitCode.FAILURE : ExitCode.OK;
  } catch (e) {
    return failed(e, io);
  }
}

/** Every baseline of a folder, sorted by file name. */
export function readBaselines(dir: string): { file: string; baseline: Baseline }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    throw new BaselineError(`cannot read baseline folder ${dir}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (e as Error).message}`);
  }
  const files = names.filter((n) => n.endsWith(BASELINE_SUFFIX)).sort();
  if (!files.length) throw new BaselineError(`no baselines (*${BASELINE_SUFFIX}) in ${dir}; record them with \`falco-replay baseline save ${dir} -r RULES... CAPTURE...\``);
  if (files.length > MAX_BASELINES) throw new BaselineError(`${dir}: more than ${MAX_BASELINES} baselines`);
  return files.map((f) => {
    const file = join(dir, f);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new BaselineError(`cannot read ${file}: ${(e as Error).message}`);
    }
    return { file, baseline: parseBaseline(text, file) };
  });
}

export interface TestOptions extends Pick<DiffOptions, 'format' | 'junit' | 'maxItems' | 'failOn'> {
  readonly update?: boolean;
}

export async function runTest(dir: string, rulesArgs: readonly string[], shared: SharedOptions, opts: TestOptions, io: CliIo): Promise<number> {
  try {
    const baselines = readBaselines(dir);
    const captures = baselines.map((b) => b.baseline.capture);
    const hashes = new Map<string, string>();
    for (const { file, baseline } of baselines) {
      let h: string;
      try {
        h = fileSha256(baseline.capture);
      } catch (e) {
        throw new BaselineError(`${file}: cannot read capture ${baseline.capture}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
      }
      hashes.set(baseline.capture, h);
    }
    // With --update a changed capture is expected: compare only the unchanged ones, then rewrite every baseline.
    const compared = opts.update ? baselines.filter((b) => b.baseline.capture_sha256 === hashes.get(b.baseline.capture)) : baselines;
    const r = await replayRules(rulesArgs, captures, { ...shared }, io);
    const rulesNow = r.rules.map((f) => ({ file: f.name, content: f.content }));
    const changedFiles = new Set(baselines.flatMap((b) => changedRulesFiles(b.baseline, rulesNow)));
    if (changedFiles.size) io.stderr.write(`falco-replay: rules files changed since the baselines: ${escapeControl([...changedFiles].join(', '))}\n`);
    const comparedCaptures = new Set(compared.map((b) => b.baseline.capture));
    const report = compareBaselines(
      compared,
      new Map([...hashes].filter(([c]) => comparedCaptures.has(c))),
      r.alerts.filter((a) => comparedCaptures.has(a.capture)),
      { base: `baselines in ${dir}`, head: rulesArgs.join(' ') },
    );
    if (!writeReport(report, opts, io)) return ExitCode.FAILURE;
    if (opts.update) {
      const n = saveBaselines(dir, captures, r.rules, r.alerts, hashes);
      io.stderr.write(`falco-replay: ${escapeControl(dir)}: ${captures.length} baseline${captures.length === 1 ? '' : 's'} updated (${n} alert${n === 1 ? '' : 's'})\n`);
      return r.damaged ? ExitCode.FAILURE : ExitCode.OK;
    }
    if (r.damaged) return ExitCode.FAILURE;
    return diffExitCode(report, opts.failOn);
  } catch (e) {
    return failed(e, io);
  }
}

const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

/** `baseline save` and `test` on the program. */
export function registerBaselineCommands(program: Command, io: CliIo): void {
  const saveOps: ConfigOp[] = [];
  const baseline = program.command('baseline').description('record the alerts of rules over captures, for `falco-replay test` to compare with later');
  const save = baseline
    .command('save')
    .description('replay captures through rules and write, per capture, its alerts with the capture and rules hashes to DIR')
    .argument('<dir>', 'baseline folder (created if missing); one <capture>.<hash>.baseline.json per capture')
    .argument('<captures...>', 'scap capture files or directories')
    .option('-r, --rules <path>', 'rules file or directory (repeatable, loaded in order)', collect);
  addSharedOptions(save, saveOps);
  save.action(async (dir: string, captures: string[], raw: RawShared, self: Command) => {
    if (!raw.rules?.length) self.error('error: -r, --rules <path> is required', { exitCode: ExitCode.USAGE });
    io.exitCode = await runBaselineSave(dir, raw.rules ?? [], captures, sharedOf(raw, saveOps), io);
  });

  const testOps: ConfigOp[] = [];
  const test = program
    .command('test')
    .description('replay the captures of the baselines in DIR through rules and compare: the report of `diff`, exit 3 on drift')
    .argument('<dir>', 'baseline folder written by `falco-replay baseline save`')
    .option('-r, --rules <path>', 'rules file or directory (repeatable, loaded in order)', collect)
    .option('--update', 'rewrite the baselines with the alerts of these rules (exit 0)');
  addSharedOptions(test, testOps);
  addReportOptions(test);
  test.action(async (dir: string, raw: RawShared & { update?: boolean; json?: boolean; markdown?: boolean; junit?: string; failOn?: FailOn[]; maxItems?: number }, self: Command) => {
    if (!raw.rules?.length) self.error('error: -r, --rules <path> is required', { exitCode: ExitCode.USAGE });
    io.exitCode = await runTest(
      dir,
      raw.rules ?? [],
      sharedOf(raw, testOps),
      {
        format: raw.json ? 'json' : raw.markdown ? 'markdown' : 'text',
        failOn: raw.failOn ?? ['any'],
        ...(raw.junit !== undefined ? { junit: raw.junit } : {}),
        ...(raw.maxItems !== undefined ? { maxItems: raw.maxItems } : {}),
        ...(raw.update ? { update: true } : {}),
      },
      io,
    );
  });
}
