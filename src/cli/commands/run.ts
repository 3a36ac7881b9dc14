// `falco-replay [run] CAPTURE... -r RULES...` (the default command): replay captures through Falco rules files
// and print Falco's alerts (text or JSON lines) and Falco's end-of-run summary on stdout, as `falco` does with a
// capture file; in a terminal also a per-rule table and a progress bar.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { accessSync, constants as fsConstants, readdirSync, statSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeControl } from '../../common/index.js';
import { alertJson, alertLine, escapeAlertText, Replay, RuleProfiler, type Alert, type AlertJsonOptions, type CaptureInput, type LoadResult, type TimeBound } from '../../engine/index.js';
import { fileChunks } from '../../scap/index.js';
import { formatDiagnostic } from '../diagnostics.js';
import { captureDamaged, ExitCode } from '../exit-codes.js';
import { ConfigError, parseOption, resolveConfig, type ConfigOp, type RunConfig } from '../falco-config.js';
import type { CliIo } from '../io.js';
import { openOutputs, type Outputs } from '../outputs/index.js';
import { looksLikeRulesFile } from '../looks-like-rules.js';
import { LineWriter } from '../report/output.js';
import { ProgressBar } from '../report/progress.js';
import { profileText } from '../report/profile.js';
import { chalkFor, falcoSummaryText, replayDamage, runCounts, sourceCounts, sourcesLine, summaryFileJson, unknownIdsText, writeRuleTable } from '../report/summary.js';
import { readRulesArgs, RulesFileError } from '../rules-files.js';
import { shardCaptures, shardOption, type Shard } from '../shard.js';
import { MAX_DEFAULT_THREADS, prestartReplayThreads, replayThreads, threadsOption } from '../threads.js';
import { loadTui } from '../tui/load.js';
import { PLUGIN_FLAG_HELP, PluginLoadError, pluginSpecsOf, withPluginLibraries } from '../plugin-libraries.js';
import { renderLoadResult, selectPlugins, unmatchedSelection, UsageError, PLUGINS_HELP } from '../rules-report.js';
import { parseTimeBound } from '../time-window.js';
import { zoneSecondsFor } from '../time-zone.js';
import { sameFile, writeFileAtomic } from '../write-file.js';
import type { RegisterCommand } from './index.js';
import { captureGroups, jobOptions, parallelReplay, startJobWorkers, stopJobWorkers } from './run-jobs.js';
import { startedAllWorkers } from '../worker-pool.js';

export { zoneSecondsFor };

/** How alerts are written (hostname, times, Falco's json_include_* keys), for `run` and the TUI's alert export. */
export function alertJsonOptions(config: RunConfig, env: CliIo['env']): AlertJsonOptions {
  return {
    hostname: env.FALCO_HOSTNAME || osHostname(),
    iso8601: config.iso8601,
    zoneSeconds: zoneSecondsFor(env),
    includeOutput: config.jsonIncludeOutput,
    includeMessage: config.jsonIncludeMessage,
    includeOutputFields: config.jsonIncludeOutputFields,
    includeTags: config.jsonIncludeTags,
  };
}

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
/** The embedded default: our demo capture and our bundled rules. */
export const DEFAULT_CAPTURE = join(FIXTURES, 'recorded', 'demo-payments-api-shell.scap');
export const BUNDLED_RULES = join(FIXTURES, 'rules', 'default', 'falco-replay_rules.yaml');

export interface RunOptions {
  rules: string[];
  capture: string[];
  config?: string;
  ops: ConfigOp[];
  legacyEnterEvents?: boolean;
  profile?: 'falco' | 'sysdig-0.29.3';
  failOnAlert?: boolean;
  summaryFile?: string;
  summary: boolean;
  progress: boolean;
  plugins?: string;
  /** `--plugin PATH[:INIT_CONFIG]`: plugin libraries to load. */
  plugin?: string[];
  verbose?: boolean;
  /** `--shard K/N`: replay only this machine's part of the capture list. */
  shard?: Shard;
  /** Falco's -M: stop after this many seconds of capture time (0: no limit). */
  maxSeconds?: number;
  /** Replay window (capture time): see time-window.ts. */
  since?: string;
  until?: string;
  /** `--threads N` (default: the cores, capped; 1: everything on one thread). */
  threads?: number;
  /** `--profile-rules`: print the rule profile after the summary. */
  profileRules?: boolean;
  /** `--jobs N`: replay several captures in N processes (1: in this one, as they stream). */
  jobs?: number;
}

const CAPTURE_RE = /\.scap(\.gz)?$/;

/**
 * Capture files from the command line (directories give their *.scap and *.scap.gz files, sorted). Directory
 * entries with a capture name that are not readable regular files are skipped with one warning each.
 */
export function expandCaptures(paths: readonly string[], warn: (msg: string) => void): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      throw new RulesFileError(`cannot read capture ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(p);
      } catch (e) {
        throw new RulesFileError(`cannot read capture directory ${p}: ${(e as Error).message}`);
      }
      const files: string[] = [];
      for (const f of names.filter((n) => CAPTURE_RE.test(n)).map((n) => join(p, n)).sort()) {
        const why = unusableCapture(f);
        if (why === undefined) files.push(f);
        else warn(`skipping ${f}: ${why}`);
      }
      if (!files.length) throw new RulesFileError(`no capture files (*.scap, *.scap.gz) in directory ${p}`);
      out.push(...files);
    } else if (st.isFile()) {
      if (looksLikeRulesFile(p)) throw new UsageError(`${p} is a rules file, not a capture; use -r for each rules file (-r a.yaml -r b.yaml)`);
      out.push(p);
    } else {
      throw new RulesFileError(`cannot read capture ${p}: not a regular file`);
    }
  }
  return out;
}

/** Why a directory entry named like a capture cannot be replayed (undefined when it can). */
function unusableCapture(f: string): string | undefined {
  let st;
  try {
    st = statSync(f);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'a dangling symbolic link' : code === 'ELOOP' ? 'a symbolic link loop' : (e as Error).message;
  }
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO, not a regular file';
  if (!st.isFile()) return 'not a regular file';
  try {
    accessSync(f, fsConstants.R_OK);
  } catch {
    return 'permission denied';
  }
  return undefined;
}

const display = (p: string): string => {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
};

/** The flags `run` and `tui` share, as commander parses them. */
export interface ReplayFlags {
  rules?: string[];
  capture?: string[];
  config?: string;
  legacyEnterEvents?: boolean;
  profile?: 'falco' | 'sysdig-0.29.3';
  plugins?: string;
  plugin?: string[];
  verbose?: boolean;
  M?: number;
  since?: string;
  until?: string;
  threads?: number;
}

/**
 * Add the options `run` and `tui` share (rules, captures, configuration, selection, profile) to `cmd`; -o and the
 * selection flags are collected into `ops` in command-line order, as Falco applies `rules:` entries in order.
 */
export function addReplayOptions(cmd: Command, ops: ConfigOp[], extra: { json?: boolean } = {}): Command {
  const op = (key: string) => (value: string, prev: string[] | undefined) => {
    ops.push({ key, value });
    return [...(prev ?? []), value];
  };
  const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];
  cmd
    .option('-r, --rules <path>', 'rules file or directory, repeatable, loaded in order (default: the bundled rules)', collect)
    .option('-e, --capture <file>', 'capture file (Falco 0.36 and earlier took it with -e)', collect)
    .option('-c, --config <file>', 'Falco configuration (falco.yaml): its output, priority, rule selection and rules_files keys apply')
    .option('-o, --option <key=value>', 'Falco configuration override, e.g. -o json_output=true -o rules[].disable.tag=network (repeatable, applied in order)', (v: string, prev: string[] | undefined) => {
      try {
        ops.push(parseOption(v));
      } catch (e) {
        throw new InvalidArgumentError((e as Error).message);
      }
      return [...(prev ?? []), v];
    });
  if (extra.json) cmd.option('--json', 'Falco JSON alerts, one per line (-o json_output=true)', () => void ops.push({ key: 'json_output', value: 'true' }));
  return cmd
    .option('--iso8601', 'ISO 8601 UTC times in alerts (-o time_format_iso_8601=true)', () => void ops.push({ key: 'time_format_iso_8601', value: 'true' }))
    .option('--min-priority <priority>', 'drop rules less severe than this (-o priority=...): emergency alert critical error warning notice info debug', op('priority'))
    .option('--rule-matching <mode>', 'first: one alert per event at most (default); all: every matching rule alerts (-o rule_matching=...)', op('rule_matching'))
    .option('--enable-tag <tag>', 'enable the rules with this tag (-o rules[].enable.tag=...)', op('rules[].enable.tag'))
    .option('--disable-tag <tag>', 'disable the rules with this tag (-o rules[].disable.tag=...)', op('rules[].disable.tag'))
    .option('--enable-rule <pattern>', 'enable rules by name, * as wildcard (-o rules[].enable.rule=...)', op('rules[].enable.rule'))
    .option('--disable-rule <pattern>', 'disable rules by name, * as wildcard (-o rules[].disable.rule=...)', op('rules[].disable.rule'))
    .option('--legacy-enter-events', 'Falco 0.41 and earlier: enter and exit events both reach the rules (default: Falco 0.42 and later)')
    .addOption(new Option('--profile <profile>', 'state and field semantics: falco (current libs, default) or sysdig-0.29.3 (2022 libsinsp, every event of both directions: what sysdig 0.29.3 evaluates, for comparisons with it)').choices(['falco', 'sysdig-0.29.3']))
    .addOption(new Option('--plugins <list>', PLUGINS_HELP))
    .option('--plugin <path[:init_config]>', PLUGIN_FLAG_HELP, collect)
    .option('-v, --verbose', 'print rules warnings in full')
    .option('--since <time>', "report only alerts from this capture time on: ISO 8601 (2024-05-14T09:30:04Z; no offset: local time, as alerts print it) or a time of day on the capture's first day (09:30:04.5); state is still rebuilt from the start")
    .option('--until <time>', 'report only alerts before this capture time (same forms as --since)')
    .option('-M <seconds>', "stop after this many seconds of capture time from the first event (Falco's -M; 0: no limit)", (v: string) => {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number of seconds, got '${v}'`);
      return n;
    })
    .option('--threads <n>', `threads to use: captures are read, inflated and decoded on worker threads while state and rules run on the main one; same output whatever the count (default: the cores, at most ${MAX_DEFAULT_THREADS}; 1: one thread)`, threadsOption);
}

/** The shared part of RunOptions from the positional captures and the shared flags. */
export function replayFlagOptions(captures: readonly string[], opts: ReplayFlags, ops: ConfigOp[]): Pick<RunOptions, 'rules' | 'capture' | 'config' | 'ops' | 'legacyEnterEvents' | 'profile' | 'plugins' | 'plugin' | 'verbose' | 'maxSeconds' | 'since' | 'until' | 'threads'> {
  return {
    rules: opts.rules ?? [],
    capture: [...captures, ...(opts.capture ?? [])],
    ...(opts.config !== undefined ? { config: opts.config } : {}),
    ops,
    ...(opts.legacyEnterEvents ? { legacyEnterEvents: true } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.plugins !== undefined ? { plugins: opts.plugins } : {}),
    ...(opts.plugin?.length ? { plugin: opts.plugin } : {}),
    ...(opts.verbose ? { verbose: true } : {}),
    ...(opts.M ? { maxSeconds: opts.M } : {}),
    ...(opts.since !== undefined ? { since: opts.since } : {}),
    ...(opts.until !== undefined ? { until: opts.until } : {}),
    ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
  };
}

/** `--jobs N`: a positive integer. */
export function jobsOption(v: string): number {
  const n = Number(v);
  if (!/^[0-9]+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive number of worker threads, got '${v}'`);
  return n;
}

export const registerRun: RegisterCommand = (program: Command, io: CliIo) => {
  const ops: ConfigOp[] = [];
  const cmd = program
    .command('run', { isDefault: true })
    .description('replay captures through Falco rules: Falco alerts and summary (default command; no arguments: the bundled demo)')
    .argument('[captures...]', 'scap capture files or directories (plain or gzip); several are merged in timestamp order');
  addReplayOptions(cmd, ops, { json: true })
    .option('--fail-on-alert', `exit with ${ExitCode.ALERTS} when the replay succeeded and at least one alert fired`)
    .option('--summary-file <file>', 'also write the run summary as JSON to this file')
    .option('--no-summary', "do not print Falco's end-of-run summary on stdout")
    .option('--no-progress', 'no progress bar (it only shows on a terminal, for long runs)')
    .option('--shard <K/N>', 'replay only part K of N of the captures (0 ≤ K < N; cut in file-name order), to spread them over N machines; `falco-replay merge` joins the parts', shardOption)
    .option('--jobs <n>', 'replay several captures in N processes (this one and N − 1 children), each with its own state; alerts and summary as with 1 (default 1: alerts print as they come)', jobsOption)
    .option('--profile-rules', 'after the summary, print what each rule cost (as `falco-replay profile`)')
    .option('-i, --interactive', 'open the terminal UI instead of printing alerts (as `falco-replay tui`)')
    .action(async (captures: string[], opts: ReplayFlags & { shard?: Shard; jobs?: number; profileRules?: boolean; failOnAlert?: boolean; summaryFile?: string; summary: boolean; progress: boolean; interactive?: boolean }) => {
      const shared = replayFlagOptions(captures, opts, ops);
      if (opts.interactive) {
        startedAllWorkers();
        const runTui = await loadTui();
        io.exitCode = await runTui({ ...shared, summary: false, progress: false }, io);
        return;
      }
      io.exitCode = await runReplay(
        {
          ...shared,
          ...(opts.shard ? { shard: opts.shard } : {}),
          ...(opts.failOnAlert ? { failOnAlert: true } : {}),
          ...(opts.profileRules ? { profileRules: true } : {}),
          ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}),
          ...(opts.summaryFile !== undefined ? { summaryFile: opts.summaryFile } : {}),
          summary: opts.summary,
          progress: opts.progress,
        },
        io,
      );
    });
};

/** Print rules load errors, and warnings (in full with `verbose`), on stderr. */
export function printLoadProblems(results: readonly LoadResult[], verbose: boolean, io: CliIo): void {
  for (const res of results) {
    if (!res.successful) io.stderr.write(`${renderLoadResult(res)}\n`);
    else if (res.warnings.length || res.schemaWarnings?.length) {
      if (verbose) io.stderr.write(`${renderLoadResult(res)}\n`);
      else io.stderr.write(`${escapeControl(res.name)}: Ok, with warnings (${res.warnings.length}; -v or \`falco-replay validate\` shows them)\n`);
    }
  }
}

/** What a replay needs once the command line and configuration are checked. */
export interface PreparedReplay {
  config: RunConfig;
  captures: string[];
  rulesFiles: { name: string; content: string }[];
  plugins: ReturnType<typeof selectPlugins>;
  /** `--since`/`--until`, parsed. */
  window?: { since?: TimeBound; until?: TimeBound };
}

/**
 * Resolve configuration, captures, rules files and plugins (the bundled demo and rules when none are given),
 * printing notes on stderr; an exit code when something is wrong (the message already printed).
 */
export function prepareReplay(opts: RunOptions, io: CliIo): PreparedReplay | number {
  let config: RunConfig;
  let captures: string[];
  let rulesFiles: { name: string; content: string }[];
  let plugins;
  const notes: string[] = [];
  try {
    config = resolveConfig(opts.ops, opts.config);
    let capturePaths = opts.capture.length ? opts.capture : config.captureFile !== undefined ? [config.captureFile] : [];
    if (!capturePaths.length) {
      capturePaths = [DEFAULT_CAPTURE];
      notes.push(`no capture given: replaying the bundled demo capture ${display(DEFAULT_CAPTURE)} (a shell spawned from a service; see fixtures/recorded/README.md)`);
    }
    captures = shardCaptures(expandCaptures(capturePaths, (m) => notes.push(`warning: ${m}`)), opts.shard, notes);
    let rulesArgs = opts.rules.length ? opts.rules : config.rulesFiles;
    if (!rulesArgs.length) {
      rulesArgs = [BUNDLED_RULES];
      notes.push(`no rules given (-r): using the bundled rules ${display(BUNDLED_RULES)}`);
    }
    rulesFiles = readRulesArgs(rulesArgs);
    if (opts.summaryFile !== undefined) {
      const inputs = [...captures, ...rulesFiles.map((f) => f.name), ...(opts.config !== undefined ? [opts.config] : [])];
      const clash = inputs.find((f) => sameFile(f, opts.summaryFile as string));
      if (clash !== undefined) throw new UsageError(`--summary-file ${opts.summaryFile} is one of the inputs (${clash}); refusing to overwrite it`);
    }
    const pluginSpec = opts.plugins ?? (config.loadPlugins ? config.loadPlugins.join(',') || 'none' : undefined);
    plugins = withPluginLibraries(selectPlugins(pluginSpec), pluginSpecsOf(opts.plugin, config, opts.config, notes));
  } catch (e) {
    if (e instanceof ConfigError || e instanceof UsageError) {
      io.stderr.write(`Error: ${escapeControl(e.message)}\n`);
      return ExitCode.USAGE;
    }
    if (e instanceof PluginLoadError) {
      io.stderr.write(`Error: ${escapeControl(e.message)}\n`);
      return ExitCode.FAILURE;
    }
    if (e instanceof RulesFileError) {
      io.stderr.write(`Error: ${escapeControl(e.message)}\n`);
      return ExitCode.FAILURE;
    }
    throw e;
  }
  for (const n of notes) io.stderr.write(`falco-replay: ${escapeControl(n)}\n`);
  if (config.ignored.length) io.stderr.write(`falco-replay: configuration keys that do not apply to a replay are ignored: ${escapeControl(config.ignored.join(', '))}\n`);

  let window: PreparedReplay['window'];
  try {
    const zone = zoneSecondsFor(io.env);
    if (opts.since !== undefined || opts.until !== undefined) window = { ...(opts.since !== undefined ? { since: parseTimeBound(opts.since, zone) } : {}), ...(opts.until !== undefined ? { until: parseTimeBound(opts.until, zone) } : {}) };
  } catch (e) {
    if (!(e instanceof InvalidArgumentError)) throw e;
    io.stderr.write(`Error: --since/--until: ${escapeControl(e.message)}\n`);
    return ExitCode.USAGE;
  }
  return { config, captures, rulesFiles, plugins, ...(window ? { window } : {}) };
}

/** The Replay options a prepared run implies (configuration, profile, hostname, time zone). */
export function replayOptionsFor(p: PreparedReplay, opts: RunOptions, io: CliIo): ConstructorParameters<typeof Replay>[0] {
  const { config } = p;
  return {
    rules: p.rulesFiles,
    captures: p.captures.map((c): CaptureInput => ({ name: c, open: () => fileChunks(c), path: c })),
    plugins: p.plugins,
    appendOutput: config.appendOutput,
    minPriority: config.minPriority,
    selection: config.selection,
    matching: config.ruleMatching,
    ...(opts.legacyEnterEvents ? { legacyEnterEvents: true } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    hostname: io.env.FALCO_HOSTNAME || osHostname(),
    zoneSeconds: zoneSecondsFor(io.env),
    outputFields: config.json && config.jsonIncludeOutputFields,
    bufferFormat: config.bufferBase64 ? 'base64' : 'normal',
    ...(opts.maxSeconds ? { stopAfterNanos: Math.round(opts.maxSeconds * 1e9) } : {}),
    ...(p.window ? { window: p.window } : {}),
    threads: replayThreads(opts.threads),
  };
}

export async function runReplay(opts: RunOptions, io: CliIo): Promise<number> {
  const prepared = prepareReplay(opts, io);
  if (typeof prepared === 'number') return prepared;
  const { config, captures, rulesFiles } = prepared;

  const stop = new AbortController();
  const stdout = new LineWriter(io.stdout);
  stdout.onBroken = () => stop.abort();
  const totalBytes = captures.reduce((n, c) => n + statSync(c).size, 0);
  const bar = opts.progress && io.stderr.isTTY ? new ProgressBar(io.stderr, totalBytes) : undefined;
  if (bar) stdout.beforeWrite = () => bar.clear();
  let outputs: Outputs;
  try {
    outputs = openOutputs(config.outputs, config.json, { stdout: (t) => stdout.text(t.toString()), stderr: (t) => io.stderr.write(t) });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr.write(`Error: ${escapeControl(e.message)}\n`);
    return ExitCode.USAGE;
  }
  const profiler = opts.profileRules ? new RuleProfiler() : undefined;
  // Several captures in several processes: this one replays the first group with the rules it compiles anyway.
  // -M counts from the earliest event of every capture and the profile is one thread's: both stay in this thread.
  const groups = (opts.jobs ?? 1) > 1 && captures.length > 1 && !opts.maxSeconds && !profiler ? captureGroups(captures, opts.jobs ?? 1) : undefined;
  // The other groups' workers start now and compile their rules while this thread compiles its own.
  const workers = groups ? startJobWorkers(captures, groups, opts, io) : undefined;
  // Everything replays here: job processes started ahead for `--jobs` (a guess from the command line) stop now.
  if (!groups) startedAllWorkers();
  const base = replayOptionsFor(prepared, groups ? jobOptions(opts, groups.length) : opts, io);
  prestartReplayThreads(base.threads ?? 1, groups ? (groups[0] as number[]).length : base.captures.length);
  const replay = new Replay({
    ...base,
    ...(groups ? { captures: (groups[0] as number[]).map((i) => base.captures[i] as CaptureInput), alertClocks: true } : {}),
    ...(profiler ? { ruleProfiler: profiler } : {}),
    signal: stop.signal,
    ...(bar ? { onProgress: (p) => bar.update(p) } : {}),
  });
  printLoadProblems(replay.loadResults, opts.verbose ?? false, io);
  if (!replay.ok) {
    stopJobWorkers(workers);
    const bad = replay.loadResults.find((r) => !r.successful);
    io.stderr.write(`Error: could not load rules file ${escapeControl(bad?.name ?? rulesFiles[0]?.name ?? '')}\n`);
    return ExitCode.FAILURE;
  }
  for (const w of unmatchedSelection(config.selection, replay.rules)) io.stderr.write(`falco-replay: warning: ${escapeControl(w)}\n`);

  const jsonOpts = alertJsonOptions(config, io.env);
  const format: (a: Alert) => string = config.json ? (a) => alertJson(a, jsonOpts) : (a) => escapeAlertText(alertLine(a, jsonOpts));
  // With --jobs, the same alerts in the same order, printed once every capture is done.
  const parallel = groups ? await parallelReplay(captures, groups, replay, opts, io, workers, () => stop.abort()) : undefined;
  for await (const alert of parallel ? parallel.alerts : replay.alerts()) {
    const line = format(alert);
    if (config.outputs.stdout) {
      const wait = stdout.line(line);
      if (wait) await wait;
    }
    if (outputs.size) await outputs.send(line, alert);
  }
  const delivery = await outputs.close();
  bar?.clear();
  const summary = parallel ? parallel.summary : replay.summary;
  if (!summary) throw new Error('replay ended without a summary');
  const counts = runCounts(summary, replay.rules);
  if (opts.summary) stdout.text(falcoSummaryText(counts));
  if (profiler) stdout.text(profileText(profiler.result(), chalkFor(io.stdout, io.env)));
  await stdout.close();
  if (stdout.broken) return ExitCode.OK;

  let damaged = false;
  for (const c of summary.captures) {
    for (const d of c.diagnostics) if (d.severity !== 'info') io.stderr.write(`${formatDiagnostic(d)}\n`);
    if (!c.complete) {
      io.stderr.write(`falco-replay: warning: ${escapeControl(c.name)} could not be read to the end; the ${c.alerts} alert${c.alerts === 1 ? '' : 's'} before the damage were reported (${c.events} events read)\n`);
    } else if (c.diagnostics.some((d) => d.severity === 'error')) {
      io.stderr.write(`falco-replay: warning: ${escapeControl(c.name)} is damaged; every event before the damage was replayed (${c.events} events read)\n`);
    }
    if (c.read.badEvents > 0) {
      io.stderr.write(`falco-replay: warning: ${escapeControl(c.name)}: ${c.read.badEvents} malformed event${c.read.badEvents === 1 ? '' : 's'} skipped\n`);
    }
    if (captureDamaged({ complete: c.complete, badEvents: c.read.badEvents, diagnostics: c.diagnostics })) damaged = true;
  }
  if (summary.unknownPluginEvents.size) {
    let n = 0;
    for (const c of summary.unknownPluginEvents.values()) n += c;
    io.stderr.write(`falco-replay: warning: ${n} plugin event${n === 1 ? '' : 's'} of unknown plugin IDs reached no rule: ${unknownIdsText([...summary.unknownPluginEvents].sort((a, b) => a[0] - b[0]))}\n`);
  }
  const sources = sourceCounts(summary);
  const bySourceLine = sourcesLine(sources);
  if (bySourceLine !== undefined) io.stderr.write(`${bySourceLine}\n`);
  writeRuleTable(counts, io);
  if (opts.summaryFile !== undefined) {
    try {
      writeFileAtomic(
        opts.summaryFile,
        summaryFileJson({
          counts,
          summary,
          ruleMatching: config.ruleMatching,
          rulesFiles: rulesFiles.map((f) => f.name),
          captures,
          damage: replayDamage(summary),
          sources,
          ...(delivery.length ? { outputs: [...(config.outputs.stdout ? [{ name: 'stdout', delivered: summary.alerts, failed: 0 }] : []), ...delivery] } : {}),
        }),
      );
    } catch (e) {
      io.stderr.write(`Error: cannot write ${escapeControl(opts.summaryFile)}: ${escapeControl((e as Error).message)}\n`);
      return ExitCode.FAILURE;
    }
  }
  if (damaged || delivery.some((d) => d.failed > 0)) return ExitCode.FAILURE;
  if (opts.failOnAlert && summary.alerts > 0) return ExitCode.ALERTS;
  return ExitCode.OK;
}
