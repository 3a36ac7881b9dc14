// `falco-replay merge SUMMARY... [--alerts ALERTS...]`: join the `--summary-file` documents (and the JSON alert
// streams) of runs over disjoint parts of a capture list, usually the N parts of `run --shard K/N`, into what
// one run over the whole list prints and writes.
import type { Command } from 'commander';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { escapeControl, escapeJsonText } from '../../common/index.js';
import { PRIORITY_SHORT, RulesEngine, type CompiledRule } from '../../engine/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { LineWriter } from '../report/output.js';
import { falcoSummaryText, summaryFileJson, writeRuleTable, type Damage, type RunCounts, type SourceCounts } from '../report/summary.js';
import { sameFile, writeFileAtomic } from '../write-file.js';
import { readRulesArgs, readRulesFiles, RulesFileError } from '../rules-files.js';
import { compareCaptures } from '../shard.js';
import type { RegisterCommand } from './index.js';

/** A summary file above this is not one we wrote (a million capture paths fit in far less). */
const MAX_SUMMARY_BYTES = 256 * 1024 * 1024;
/** An alert line above this is not one we wrote. */
const MAX_ALERT_LINE = 16 * 1024 * 1024;
/** Falco's JSON `time`: UTC with nanoseconds, fixed width, so text order is time order. */
const ALERT_TIME_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/;

/** An input that cannot be merged; the message names the file. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

/** The counts of a run's summary, whether one run's or several added up. */
export interface SummaryCounts {
  readonly events: number;
  readonly alerts: number;
  /** Priority number (0 Emergency … 7 Debug) → count. */
  readonly byPriority: readonly number[];
  readonly byRule: ReadonlyMap<string, number>;
  readonly ruleMatching: string;
  readonly rulesFiles: readonly string[];
  readonly captures: readonly string[];
  readonly elapsed: number;
  /** Malformed events the run skipped and the captures it could not read cleanly (absent in older files: none). */
  readonly damage: Damage;
  /** Events and alerts per source (absent in files of older versions). */
  readonly sources?: SourceCounts | undefined;
}

/** One `--summary-file` document, checked. */
export interface SummaryDoc extends SummaryCounts {
  readonly file: string;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Check a parsed summary document; `file` names it in errors. */
export function checkSummary(file: string, doc: unknown): SummaryDoc {
  const bad = (what: string): MergeError => new MergeError(`${file}: not a falco-replay summary file (${what})`);
  if (!isObject(doc)) throw bad('expected a JSON object');
  const { events, alerts, by_priority: byPriority, by_rule: byRule, rule_matching: ruleMatching, rules_files: rulesFiles, captures, elapsed_s: elapsed, skipped_events: skipped = 0, damaged_captures: damaged = [] } = doc;
  if (!isCount(events)) throw bad('"events" must be a whole number ≥ 0');
  if (!isCount(alerts)) throw bad('"alerts" must be a whole number ≥ 0');
  if (!isObject(byPriority)) throw bad('"by_priority" must be an object');
  if (!isObject(byRule)) throw bad('"by_rule" must be an object');
  if (typeof ruleMatching !== 'string') throw bad('"rule_matching" must be a string');
  if (!isStringArray(rulesFiles)) throw bad('"rules_files" must be a list of file names');
  if (!isStringArray(captures)) throw bad('"captures" must be a list of file names');
  if (typeof elapsed !== 'number' || !Number.isFinite(elapsed) || elapsed < 0) throw bad('"elapsed_s" must be a number ≥ 0');
  if (!isCount(skipped)) throw bad('"skipped_events" must be a whole number ≥ 0');
  if (!isStringArray(damaged)) throw bad('"damaged_captures" must be a list of file names');
  const priorities = new Array<number>(PRIORITY_SHORT.length).fill(0);
  let sum = 0;
  for (const [k, n] of Object.entries(byPriority)) {
    const p = (PRIORITY_SHORT as readonly string[]).indexOf(k);
    if (p < 0) throw bad(`unknown priority ${JSON.stringify(k)} in "by_priority"`);
    if (!isCount(n)) throw bad(`"by_priority" count of ${k} must be a whole number ≥ 0`);
    priorities[p] = n;
    sum += n;
  }
  if (sum !== alerts) throw bad(`"by_priority" adds up to ${sum}, not to "alerts" ${alerts}`);
  const rules = new Map<string, number>();
  sum = 0;
  for (const [k, n] of Object.entries(byRule)) {
    if (!isCount(n)) throw bad(`"by_rule" count of ${JSON.stringify(k)} must be a whole number ≥ 0`);
    rules.set(k, n);
    sum += n;
  }
  if (sum !== alerts) throw bad(`"by_rule" adds up to ${sum}, not to "alerts" ${alerts}`);
  return { file, events, alerts, byPriority: priorities, byRule: rules, ruleMatching, rulesFiles, captures, elapsed, damage: { skippedEvents: skipped, damagedCaptures: damaged }, sources: checkSources(doc, bad) };
}

/** The per-source keys of a summary document, all three or none. */
function checkSources(doc: Record<string, unknown>, bad: (what: string) => MergeError): SourceCounts | undefined {
  const keys = ['events_by_source', 'alerts_by_source', 'unknown_plugin_events'] as const;
  const present = keys.filter((k) => doc[k] !== undefined);
  if (present.length === 0) return undefined;
  if (present.length !== keys.length) throw bad(`"${keys.find((k) => doc[k] === undefined) ?? ''}" is missing beside "${present[0] ?? ''}"`);
  const counts = (k: string): Map<string, number> => {
    const o = doc[k];
    if (!isObject(o)) throw bad(`"${k}" must be an object`);
    const m = new Map<string, number>();
    for (const [name, n] of Object.entries(o)) {
      if (!isCount(n)) throw bad(`"${k}" count of ${JSON.stringify(name)} must be a whole number ≥ 0`);
      m.set(name, n);
    }
    return m;
  };
  const unknown = new Map<number, number>();
  for (const [id, n] of counts('unknown_plugin_events')) {
    if (!/^\d{1,10}$/.test(id) || Number(id) > 0xffffffff) throw bad(`"unknown_plugin_events" key ${JSON.stringify(id)} is not a plugin ID`);
    unknown.set(Number(id), n);
  }
  return { events: counts('events_by_source'), alerts: counts('alerts_by_source'), unknownPluginEvents: unknown };
}

/** Read and check one summary file. */
export function readSummary(file: string): SummaryDoc {
  let text: string;
  try {
    if (statSync(file).size > MAX_SUMMARY_BYTES) throw new MergeError(`${file}: larger than ${MAX_SUMMARY_BYTES} bytes: not a falco-replay summary file`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof MergeError) throw e;
    throw new MergeError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new MergeError(`${file}: not a falco-replay summary file (invalid JSON: ${(e as Error).message})`);
  }
  return checkSummary(file, doc);
}

/** The summaries added up: counts per priority and per rule name, captures in shard order. */
export interface MergedSummary extends SummaryCounts {
  /** Every capture, in the order `--shard` cuts (file name, then path). */
  readonly captures: readonly string[];
  /** Each input's rank in capture order (by its first capture; inputs without captures last). */
  readonly rank: readonly number[];
  /** Whether each input's captures form one contiguous run of {@link captures} (true of `--shard` parts). */
  readonly contiguous: boolean;
  /** The per-source counts added up, when every input has them. */
  readonly sources: SourceCounts | undefined;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Add up summaries of runs over disjoint captures with the same rules; throws {@link MergeError}. */
export function mergeSummaries(docs: readonly SummaryDoc[]): MergedSummary {
  const first = docs[0];
  if (!first) throw new MergeError('no summary files to merge');
  const owner = new Map<string, string>();
  const byPriority = new Array<number>(PRIORITY_SHORT.length).fill(0);
  const byRule = new Map<string, number>();
  let events = 0;
  let alerts = 0;
  let elapsed = 0;
  let skippedEvents = 0;
  const damagedCaptures: string[] = [];
  for (const d of docs) {
    if (d.ruleMatching !== first.ruleMatching) throw new MergeError(`${d.file}: rule_matching is ${JSON.stringify(d.ruleMatching)} but ${first.file} has ${JSON.stringify(first.ruleMatching)}: these runs cannot be merged`);
    if (!sameList(d.rulesFiles, first.rulesFiles)) throw new MergeError(`${d.file}: rules_files ${JSON.stringify(d.rulesFiles)} differ from ${first.file}'s ${JSON.stringify(first.rulesFiles)}: these runs cannot be merged`);
    for (const c of d.captures) {
      const other = owner.get(c);
      if (other !== undefined) throw new MergeError(`${d.file}: capture ${c} is also in ${other === d.file ? 'this file' : other}: the runs to merge must cover disjoint captures`);
      owner.set(c, d.file);
    }
    events += d.events;
    alerts += d.alerts;
    elapsed += d.elapsed;
    skippedEvents += d.damage.skippedEvents;
    damagedCaptures.push(...d.damage.damagedCaptures);
    d.byPriority.forEach((n, p) => (byPriority[p] = (byPriority[p] ?? 0) + n));
    for (const [r, n] of d.byRule) byRule.set(r, (byRule.get(r) ?? 0) + n);
  }
  const captures = [...owner.keys()].sort(compareCaptures);
  const position = new Map(captures.map((c, i) => [c, i]));
  const firstAt: number[] = [];
  let contiguous = true;
  for (const d of docs) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of d.captures) {
      const at = position.get(c) as number;
      lo = Math.min(lo, at);
      hi = Math.max(hi, at);
    }
    firstAt.push(lo);
    if (d.captures.length && hi - lo !== d.captures.length - 1) contiguous = false;
  }
  const order = docs.map((_, i) => i).sort((a, b) => ((firstAt[a] as number) < (firstAt[b] as number) ? -1 : (firstAt[a] as number) > (firstAt[b] as number) ? 1 : a - b));
  const rank = new Array<number>(docs.length);
  order.forEach((doc, r) => (rank[doc] = r));
  const damage = { skippedEvents, damagedCaptures: damagedCaptures.sort(compareCaptures) };
  let sources: SourceCounts | undefined;
  if (docs.every((d) => d.sources)) {
    const sum = <K>(pick: (s: SourceCounts) => ReadonlyMap<K, number>): Map<K, number> => {
      const m = new Map<K, number>();
      for (const d of docs) for (const [k, n] of pick(d.sources as SourceCounts)) m.set(k, (m.get(k) ?? 0) + n);
      return m;
    };
    sources = { events: sum((s) => s.events), alerts: sum((s) => s.alerts), unknownPluginEvents: new Map([...sum((s) => s.unknownPluginEvents)].sort((a, b) => a[0] - b[0])) };
  }
  return { events, alerts, byPriority, byRule, ruleMatching: first.ruleMatching, rulesFiles: first.rulesFiles, captures, elapsed, damage, rank, contiguous, sources };
}

/**
 * The rules that fired, in the order of a run's summary (first definition across the rules files, as loaded).
 * `rulesFiles` are the files to read (the summaries' own list, or what `-r` names).
 */
export function ruleOrder(merged: MergedSummary, rulesFiles: readonly { name: string; content: string }[]): { rule: CompiledRule; count: number }[] {
  const engine = new RulesEngine();
  for (const f of rulesFiles) {
    const res = engine.load(f.content, f.name);
    if (!res.successful) throw new MergeError(`cannot put the rules in order: rules file ${f.name} does not load (\`falco-replay validate -r ${f.name}\` says why)`);
  }
  const byName = new Map<string, CompiledRule>();
  for (const r of engine.compiled?.rules ?? []) if (!byName.has(r.name)) byName.set(r.name, r);
  for (const name of merged.byRule.keys()) {
    if (!byName.has(name)) throw new MergeError(`rule ${JSON.stringify(name)} of the summaries is not in the rules files ${rulesFiles.map((f) => f.name).join(', ')}`);
  }
  const out: { rule: CompiledRule; count: number }[] = [];
  for (const r of byName.values()) {
    const n = merged.byRule.get(r.name) ?? 0;
    if (n > 0) out.push({ rule: r, count: n });
  }
  return out;
}

/** Lines of a file, numbered from 1, read in chunks; a line longer than the cap is an error. */
async function* fileLines(file: string): AsyncGenerator<{ text: string; line: number }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl < 0 ? chunk.length : nl;
      pendingBytes += end - start;
      if (pendingBytes > MAX_ALERT_LINE) throw new MergeError(`${file}:${line + 1}: line longer than ${MAX_ALERT_LINE} bytes: not a Falco JSON alert`);
      if (end > start) pending.push(chunk.subarray(start, end));
      if (nl < 0) break;
      line++;
      yield { text: Buffer.concat(pending).toString('utf8'), line };
      pending = [];
      pendingBytes = 0;
      start = nl + 1;
    }
  }
  if (pendingBytes > 0) yield { text: Buffer.concat(pending).toString('utf8'), line: line + 1 };
}

/** One alerts file being merged: its next line and the largest alert time seen so far in it. */
interface AlertSource {
  readonly file: string;
  readonly rank: number;
  readonly lines: AsyncGenerator<{ text: string; line: number }>;
  head: { text: string; line: number; key: string } | undefined;
  key: string;
  count: number;
}

async function advance(s: AlertSource): Promise<void> {
  const next = await s.lines.next();
  if (next.done) {
    s.head = undefined;
    return;
  }
  const { text, line } = next.value;
  let time: unknown;
  try {
    const v: unknown = JSON.parse(text);
    time = isObject(v) ? v.time : undefined;
  } catch {
    time = undefined;
  }
  if (typeof time !== 'string') throw new MergeError(`${s.file}:${line}: not a Falco JSON alert (a JSON object with a "time" per line: run the shards with --json and --no-summary)`);
  if (!ALERT_TIME_RE.test(time)) throw new MergeError(`${s.file}:${line}: alert time ${JSON.stringify(time)} is not Falco's YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`);
  // A file's alerts keep their order; its running maximum time is what the files are merged on.
  if (time > s.key) s.key = time;
  s.head = { text, line, key: s.key };
  s.count++;
}

/**
 * The alert lines of several files in one stream: by time, each file's own order kept, equal times in the
 * order of the files' captures (`rank`), as one run over all captures puts them.
 */
export async function* mergeAlertFiles(files: readonly { file: string; rank: number }[]): AsyncGenerator<string, { file: string; count: number }[]> {
  const sources: AlertSource[] = files.map((f) => ({ file: f.file, rank: f.rank, lines: fileLines(f.file), head: undefined, key: '', count: 0 }));
  try {
    for (const s of sources) await advance(s);
    // A binary heap of the files that have a line left, least (time key, rank) on top: thousands of shards
    // cost a logarithm per alert, not a scan.
    const heap = sources.filter((s) => s.head);
    const less = (x: AlertSource, y: AlertSource): boolean => x.key < y.key || (x.key === y.key && x.rank < y.rank);
    const down = (i: number): void => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l] as AlertSource, heap[m] as AlertSource)) m = l;
        if (r < heap.length && less(heap[r] as AlertSource, heap[m] as AlertSource)) m = r;
        if (m === i) return;
        [heap[i], heap[m]] = [heap[m] as AlertSource, heap[i] as AlertSource];
        i = m;
      }
    };
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
    while (heap.length) {
      const top = heap[0] as AlertSource;
      yield (top.head as { text: string }).text;
      await advance(top);
      // The top's key only grows (a running maximum), so it can only sink.
      if (!top.head) {
        const last = heap.pop() as AlertSource;
        if (heap.length) heap[0] = last;
      }
      down(0);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (e instanceof MergeError) throw e;
    const file = typeof err.path === 'string' ? err.path : 'an alerts file';
    throw new MergeError(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file or directory' : err.message}`);
  } finally {
    for (const s of sources) await s.lines.return(undefined);
  }
  return sources.map((s) => ({ file: s.file, count: s.count }));
}

interface MergeOptions {
  alerts?: string[];
  rules?: string[];
  summaryFile?: string;
  summary: boolean;
  failOnAlert?: boolean;
}

export const registerMerge: RegisterCommand = (program: Command, io: CliIo) => {
  program
    .command('merge')
    .description('merge the --summary-file files (and JSON alert files) of runs over parts of a capture list, e.g. the N parts of `run --shard K/N`, into what one run over all of it gives')
    .argument('<summaries...>', 'summary files written by `run --summary-file`')
    .option('--alerts <files...>', "the runs' JSON alert files (`run --json --no-summary > FILE`), one per summary file and in the same order; printed merged in time order")
    .option('-r, --rules <path...>', 'read the rules files from here (same files, another place) instead of the paths the summaries name; used only to put rules in order')
    .option('--summary-file <file>', 'write the merged summary as JSON to this file')
    .option('--no-summary', "do not print Falco's end-of-run summary on stdout")
    .option('--fail-on-alert', `exit with ${ExitCode.ALERTS} when at least one alert fired`)
    .action(async (summaries: string[], opts: MergeOptions) => {
      io.exitCode = await runMerge(summaries, opts, io);
    });
};

async function runMerge(files: readonly string[], opts: MergeOptions, io: CliIo): Promise<number> {
  const fail = (msg: string): number => {
    io.stderr.write(`Error: ${escapeControl(msg)}\n`);
    return ExitCode.FAILURE;
  };
  let docs: SummaryDoc[];
  let merged: MergedSummary;
  let byRule: { rule: CompiledRule; count: number }[];
  if (opts.summaryFile !== undefined) {
    const clash = [...files, ...(opts.alerts ?? [])].find((f) => sameFile(f, opts.summaryFile as string));
    if (clash !== undefined) {
      io.stderr.write(`Error: --summary-file ${escapeControl(opts.summaryFile)} is one of the inputs (${escapeControl(clash)}); refusing to overwrite it\n`);
      return ExitCode.USAGE;
    }
  }
  try {
    docs = files.map(readSummary);
    merged = mergeSummaries(docs);
    if (opts.alerts) {
      if (opts.alerts.length !== docs.length) {
        io.stderr.write(`Error: ${opts.alerts.length} alerts file${opts.alerts.length === 1 ? '' : 's'} for ${docs.length} summary files: give one alerts file per summary file, in the same order\n`);
        return ExitCode.USAGE;
      }
      if (!merged.contiguous) throw new MergeError(`the summaries' captures interleave in file-name order (${files.map((f) => escapeControl(f)).join(', ')}): equal alert times could not be ordered as one run orders them; merge the parts of one \`run --shard K/N\` set`);
    }
    let rulesFiles: { name: string; content: string }[];
    try {
      rulesFiles = opts.rules ? readRulesArgs(opts.rules) : readRulesFiles(merged.rulesFiles);
    } catch (e) {
      // The rules only put the rules that fired in order; say how to point at them when they moved.
      if (e instanceof RulesFileError && !opts.rules) throw new MergeError(`${e.message} (a rules file the summaries name, read to list the rules in Falco's order; -r PATH reads them from elsewhere)`);
      throw e;
    }
    byRule = ruleOrder(merged, rulesFiles);
  } catch (e) {
    if (e instanceof MergeError || e instanceof RulesFileError) return fail(e.message);
    throw e;
  }

  const stdout = new LineWriter(io.stdout);
  let counted: { file: string; count: number }[] = [];
  if (opts.alerts) {
    const alertFiles = opts.alerts;
    const stream = mergeAlertFiles(alertFiles.map((file, i) => ({ file, rank: merged.rank[i] as number })));
    try {
      for (;;) {
        const next = await stream.next();
        if (next.done) {
          counted = next.value;
          break;
        }
        const wait = stdout.line(escapeJsonText(next.value));
        if (wait) await wait;
        if (stdout.broken) {
          await stream.return([]);
          return ExitCode.OK;
        }
      }
    } catch (e) {
      await stdout.close();
      if (e instanceof MergeError) return fail(e.message);
      throw e;
    }
  }
  const counts: RunCounts = { total: merged.alerts, byPriority: merged.byPriority, byRule };
  if (opts.summary) stdout.text(falcoSummaryText(counts));
  await stdout.close();
  if (stdout.broken) return ExitCode.OK;

  for (const [i, c] of counted.entries()) {
    const doc = docs[i];
    if (doc && c.count !== doc.alerts) return fail(`${c.file} holds ${c.count} alert${c.count === 1 ? '' : 's'} but its summary ${doc.file} counts ${doc.alerts}: not the alerts of that run`);
  }
  writeRuleTable(counts, io);
  if (opts.summaryFile !== undefined) {
    try {
      writeFileAtomic(
        opts.summaryFile,
        summaryFileJson({
          counts,
          summary: { events: merged.events, seconds: merged.elapsed },
          ruleMatching: merged.ruleMatching,
          rulesFiles: merged.rulesFiles,
          captures: merged.captures,
          damage: merged.damage,
          ...(merged.sources ? { sources: merged.sources } : {}),
        }),
      );
    } catch (e) {
      return fail(`cannot write ${opts.summaryFile}: ${(e as Error).message}`);
    }
  }
  // The same damage rule as one run: what was merged is complete only if every part was.
  if (merged.damage.damagedCaptures.length || merged.damage.skippedEvents) {
    io.stderr.write(`falco-replay: warning: the merged runs reported damage: ${merged.damage.skippedEvents} malformed events skipped; captures not read cleanly: ${escapeControl(merged.damage.damagedCaptures.join(', ') || 'none')}\n`);
    return ExitCode.FAILURE;
  }
  if (opts.failOnAlert && merged.alerts > 0) return ExitCode.ALERTS;
  return ExitCode.OK;
}
