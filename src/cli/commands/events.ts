// `falco-replay events CAPTURE [FILTER]`: one line per event, like `sysdig -r` (and `-p FORMAT` like
// `sysdig -p`), with the state engine behind every field and a filter in Falco's condition language. By default
// it shows the events the rules see, numbered as the replay numbers them (an alert's %evt.num leads here);
// `--raw` shows the file's own events as sysdig 0.29.3 does.
import { InvalidArgumentError, type Command } from 'commander';
import type { Diagnostic } from '../../common/index.js';
import { escapeControl, escapeJsonText, escapeText } from '../../common/index.js';
import {
  CompileError,
  compileFilter,
  ConditionSyntaxError,
  FieldRegistry,
  Inspector,
  OutputFormatError,
  parseCondition,
  parseOutputFormat,
  expandMacros,
  renderField,
  renderOutput,
  RulesEngine,
  substituteLists,
    SYSCALL_SOURCE,
  type EvalContext,
  type Expr,
  type OutputFormat,
  type Predicate,
} from '../../engine/index.js';
import { readCaptureFile, renderParam, schemaById, DUMP_FLAG, EC, type ScapEvent } from '../../scap/index.js';
import { formatDiagnostic } from '../diagnostics.js';
import { readRulesArgs, RulesFileError } from '../rules-files.js';
import { renderLoadResult } from '../rules-report.js';
import { captureDamaged, ExitCode } from '../exit-codes.js';
import { zoneSecondsFor } from '../time-zone.js';
import type { CliIo } from '../io.js';
import type { RegisterCommand } from './index.js';

/** sysdig's default line for plugin events (no plugin loaded: name and info are unavailable). */
export const DEFAULT_PLUGIN_FORMAT = '*%evt.num %evt.datetime.s [%evt.pluginname] %evt.plugininfo';

const CONTAINER_EVENTS = new Set([228, 272, 324]);
/** Characters of output handed to stdout at once (see runEvents). */
const OUT_PIECE = 1 << 16;
const PLUGIN_EVENT = 322;

export interface EventsOptions {
  count?: number;
  format?: string;
  debug?: boolean;
  all?: boolean;
  /** Event table of the raw view; giving one implies `raw`. */
  schema?: string;
  raw?: boolean;
  /** The default view; accepted for older command lines. */
  convert?: boolean;
  keepEnter?: boolean;
  verbose?: boolean;
  json?: boolean;
  rules?: string[];
  timetype?: string;
  /** sysdig -A: I/O buffers as their printable text on lines of their own. */
  printAscii?: boolean;
  /** sysdig -X: I/O buffers as hex and text rows. */
  printHexAscii?: boolean;
}

/** sysdig's `-t` styles: the time column of the default line. */
const TIME_TYPES: Readonly<Record<string, string>> = {
  h: '%evt.outputtime',
  a: '%evt.rawtime.s.%evt.rawtime.ns',
  r: '%evt.reltime.s.%evt.reltime.ns',
  d: '%evt.latency.s.%evt.latency.ns',
  D: '%evt.deltatime.s.%evt.deltatime.ns',
};

/** sysdig's default line, with its `-t` time column. */
export function defaultEventFormat(timeType = 'h'): string {
  return `*%evt.num ${TIME_TYPES[timeType] ?? '%evt.outputtime'} %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info`;
}

/**
 * The fields of every source for `-p` and the filter, as sysdig with plugins has them: a plugin's field
 * (`ka.*`, `ct.*`, `json.*`) extracts on the events of its source and is missing on the others (syscall events,
 * another plugin's), and a syscall field is missing on plugin events, except the `evt.*` fields they have.
 */
type ResolvedField = NonNullable<ReturnType<FieldRegistry['tryResolve']>>;
class AnySourceFields extends FieldRegistry {
  override resolve(source: string, field: string): ResolvedField {
    return this.#other(source, field) ?? super.resolve(source, field);
  }
  override tryResolve(source: string, field: string): ResolvedField | undefined {
    return this.#other(source, field);
  }
  #other(source: string, field: string): ResolvedField | undefined {
    const r = super.tryResolve(source, field) ?? super.tryResolve(SYSCALL_SOURCE, field);
    return r ?? this.sources.reduce<ResolvedField | undefined>((found, s) => found ?? super.tryResolve(s, field), undefined);
  }
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/** Whether sysdig hides an event from its output (it is still numbered). */
export function hiddenLikeSysdig(e: ScapEvent, debug: boolean): boolean {
  if (e.flags & DUMP_FLAG.STATE_ONLY) return true;
  // sysdig consumes container metadata events for its state and never prints them, even with -D.
  if (CONTAINER_EVENTS.has(e.type)) return true;
  return !debug && (e.info.category & EC.INTERNAL) !== 0;
}

const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

export const registerEvents: RegisterCommand = (program: Command, io: CliIo) => {
  program
    .command('events')
    .description('print the events the rules see, one line each, like `sysdig -r` (-p FORMAT like `sysdig -p`), numbered as alerts number them (%evt.num); --raw shows the file\'s own events exactly as `sysdig -r` does; an optional filter in the Falco condition language selects events')
    .argument('<capture>', 'scap capture file (plain or gzip)')
    .argument('[filter...]', 'condition, e.g. "evt.type=open and fd.name startswith /etc" (fields of `falco-replay fields`; macros and lists of the -r rules files)')
    .option('-r, --rules <path>', 'rules file or directory whose macros and lists the filter may use (repeatable, loaded in order)', collect)
    .option('-n, --count <N>', 'stop after N events that pass the filter, like sysdig -n (hidden internal events count too)', positiveInt)
    .option('-p, --format <format>', 'line format with %fields, e.g. "%evt.num %proc.name %fd.name"; lines with an unavailable field are skipped unless the format starts with *')
    .option('-t, --timetype <type>', 'time column of the default line, as sysdig -t: h human-readable, a absolute (epoch seconds), r relative to the first event, d enter-to-exit latency, D delta from the previous event', timeType)
    .option('-D, --debug', 'also show internal events (procinfo, drop, scapevent), like sysdig -D')
    .option('--all', 'show every event, including container metadata and state-only events')
    .option('--raw', "the file's own events, enter and exit, with 2022 libsinsp state and sysdig 0.29.3's event table: what `sysdig -r` prints (numbers count the file's events)")
    .option('--schema <table>', 'event table of the raw view (implies --raw): sysdig-0.29.3 (default) or current (libs today)')
    .option('--convert', 'the default view (what current Falco >= 0.42 sees); kept for older command lines')
    .option('--keep-enter', "also show the enter events, as Falco <= 0.41 saw them (numbers then match `run --legacy-enter-events`)")
    .option('-v, --verbose', 'do not truncate buffer parameters')
    .option('-A, --print-ascii', 'print I/O buffers (read/write data, execve args…) whole, as their printable text on lines of their own, like sysdig -A')
    .option('-X, --print-hex-ascii', 'print I/O buffers whole as rows of hex and text (. for non-printable bytes), like sysdig -X')
    .option('-j, --json', 'one JSON object per event (with -p: the listed fields, typed)')
    .action(async (capture: string, filter: string[], opts: EventsOptions) => {
      io.exitCode = await runEvents(capture, opts, io, filter.join(' '));
    });
};

function timeType(v: string): string {
  if (!(v in TIME_TYPES)) throw new InvalidArgumentError('expected h, a, r, d or D (as sysdig -t)');
  return v;
}

/** How a line is produced for one event. */
export type LineFn = (ctx: EvalContext, e: ScapEvent) => string | undefined;

export async function runEvents(capture: string, opts: EventsOptions, io: CliIo, filterText = ''): Promise<number> {
  const usage = (msg: string): number => {
    io.stderr.write(`falco-replay: ${msg}\n`);
    return ExitCode.USAGE;
  };
  const wantsConverted = (opts.convert ?? false) || (opts.keepEnter ?? false);
  if (opts.raw && wantsConverted) return usage('--raw shows the file\'s own events: it does not combine with --convert or --keep-enter');
  // --schema chooses the table of the raw view; with --convert/--keep-enter only `current` makes sense.
  const raw = (opts.raw ?? false) || (opts.schema !== undefined && !wantsConverted);
  const schema = schemaById(opts.schema ?? (raw ? 'sysdig-0.29.3' : 'current'));
  if (!schema) return usage(`unknown --schema '${escapeControl(opts.schema ?? '')}' (use current or sysdig-0.29.3)`);
  if (!raw && schema.id !== 'current') return usage('--convert and --keep-enter work with the current event table only');
  let rulesFiles: { name: string; content: string }[] = [];
  try {
    if (opts.rules?.length) rulesFiles = readRulesArgs(opts.rules);
  } catch (e) {
    if (!(e instanceof RulesFileError)) throw e;
    io.stderr.write(`falco-replay: ${escapeControl(e.message)}\n`);
    return ExitCode.FAILURE;
  }
  const registry = new FieldRegistry();
  const maxBufLen = opts.verbose ? 0 : 80;
  if (opts.printAscii && opts.printHexAscii) return usage('-A and -X are two renderings of the buffers: give one');
  const bufferDisplay = opts.printAscii ? 'ascii' : opts.printHexAscii ? 'hex-ascii' : undefined;
  // The default view is the replay's: converted events, enter events merged, current libsinsp state, the same
  // event numbers. --raw is sysdig's: the file's own events, 2022 libsinsp state.
  const inspector = raw
    ? new Inspector(registry, { profile: 'sysdig-0.29.3', schema, maxBufLen, bufferDisplay, zoneSeconds: zoneSecondsFor(io.env), captureFile: capture })
    : new Inspector(registry, { legacyEnterEvents: opts.keepEnter ?? false, maxBufLen, bufferDisplay, hostname: io.env.FALCO_HOSTNAME, zoneSeconds: zoneSecondsFor(io.env), captureFile: capture });
  const compileOpts = { registry: new AnySourceFields(registry.plugins), source: SYSCALL_SOURCE, ...inspector.compileOptions };

  let predicate: Predicate | undefined;
  if (filterText.trim() !== '') {
    let text = filterText;
    let macros: { get(name: string): Expr | undefined } | undefined;
    if (rulesFiles.length) {
      const engine = new RulesEngine({ registry, bind: inspector.bind, suggestedOutput: false });
      for (const f of rulesFiles) {
        const res = engine.load(f.content, f.name);
        if (!res.successful) {
          io.stderr.write(`${renderLoadResult(res)}\nfalco-replay: could not load rules file ${escapeControl(f.name)}\n`);
          return ExitCode.FAILURE;
        }
      }
      const compiled = engine.compiled;
      if (compiled) {
        // Falco's order: lists substituted in the text, then the condition parsed and its macros expanded.
        text = substituteLists(filterText, compiled.lists.values());
        macros = { get: (name) => compiled.macros.get(name)?.condition };
      }
    }
    const shown = text === filterText ? 'filter' : 'filter (rules\' lists substituted)';
    const bad = (at: number, message: string): number => {
      io.stderr.write(`falco-replay: bad ${shown} at column ${at + 1}: ${escapeControl(message)}\n  ${escapeControl(text)}\n  ${' '.repeat(at)}^\n`);
      return ExitCode.USAGE;
    };
    try {
      let expr = parseCondition(text);
      if (macros) {
        const x = expandMacros(expr, macros);
        if (x.problem) return bad(x.problem.offset, x.problem.message);
        expr = x.expr;
      }
      predicate = compileFilter(expr, compileOpts).predicate;
    } catch (err) {
      if (err instanceof ConditionSyntaxError || err instanceof CompileError) return bad(err.offset, err.message);
      throw err;
    }
  }

  let line: LineFn;
  let pluginLine: LineFn;
  try {
    if (opts.json) {
      line = jsonLine(opts.format, compileOpts, inspector, maxBufLen);
      pluginLine = line;
    } else {
      line = textLine(parseOutputFormat(opts.format ?? defaultEventFormat(opts.timetype), compileOpts), maxBufLen, inspector.legacy, bufferDisplay !== undefined);
      pluginLine = opts.format === undefined ? textLine(parseOutputFormat(DEFAULT_PLUGIN_FORMAT, compileOpts), maxBufLen, inspector.legacy, bufferDisplay !== undefined) : line;
    }
  } catch (err) {
    if (err instanceof OutputFormatError) {
      const fmt = opts.format ?? '';
      const star = fmt.startsWith('*') ? 1 : 0;
      // Name the token when it is not a field at all; libsinsp's message otherwise.
      const token = /^%\d*([A-Za-z0-9_.]+(?:\[[^\]]*\])?)/.exec(fmt.slice(err.offset + star))?.[1];
      const msg = token && !compileOpts.registry.tryResolve(SYSCALL_SOURCE, token) ? `unknown field %${token}` : err.message;
      io.stderr.write(`falco-replay: bad --format at column ${err.offset + 1 + star}: ${escapeControl(msg)}\n`);
      return ExitCode.USAGE;
    }
    throw err;
  }

  // Lines are written in pieces of about OUT_PIECE characters as they come: text held for a whole input chunk
  // (hundreds of KB of concatenated lines) outlives young-generation collections and is promoted, with the
  // chunk's bytes, to old space, where only a full collection frees it. Back-pressure waits between chunks.
  let out = '';
  let broken = false;
  let full = false;
  const onError = (): void => {
    broken = true;
  };
  io.stdout.on('error', onError);
  const write = (): void => {
    if (!broken && !io.stdout.write(out)) full = true;
    out = '';
  };
  const flush = async (): Promise<void> => {
    if (out) write();
    if (full && !broken) await new Promise<void>((res) => io.stdout.once('drain', res));
    full = false;
  };
  const diags: Diagnostic[] = [];
  const debug = opts.debug ?? false;
  let passed = 0;
  const summary = await readCaptureFile(
    capture,
    {
      ...inspector.stateHandler,
      event: (e) => {
        // The default view hides what never reaches the rules (enter events current libsinsp parses, then drops).
        const reaches = inspector.next(e) !== undefined || raw;
        const ctx = inspector.context;
        if (opts.all || (reaches && !hiddenLikeSysdig(e, debug))) {
          // sysdig -D prints internal events whatever the filter says.
          const internal = (e.info.category & EC.INTERNAL) !== 0;
          if (!predicate || (debug && internal) || predicate(ctx)) {
            passed++;
            const text = (e.type === PLUGIN_EVENT ? pluginLine : line)(ctx, e);
            if (text !== undefined) {
              out += text + '\n';
              if (out.length >= OUT_PIECE) write();
            }
          } else inspector.filteredOut();
        } else if (opts.count !== undefined && reaches && !CONTAINER_EVENTS.has(e.type) && (!predicate || predicate(ctx))) passed++;
        // sysdig -n counts the events its filter lets through, shown or hidden, but not container events (it
        // consumes them before its count).
        if (opts.count !== undefined && passed >= opts.count) return false;
        return !broken;
      },
      diagnostic: (d) => diags.push(d),
    },
    {
      ...inspector.readOptions,
      onChunk: () => (full ? flush() : undefined),
    },
  );
  await flush();
  io.stdout.off('error', onError);
  for (const d of [...diags, ...inspector.stateWarnings(capture)]) if (d.severity !== 'info') io.stderr.write(formatDiagnostic(d) + '\n');
  if (summary.badEvents > 0) io.stderr.write(`falco-replay: warning: ${escapeControl(capture)}: ${summary.badEvents} malformed event${summary.badEvents === 1 ? '' : 's'} skipped\n`);
  return captureDamaged(summary) ? ExitCode.FAILURE : ExitCode.OK;
}

/** The text of an event line in a format, as `events` prints it (values escaped); the TUI shows the same lines. */
export function textLine(fmt: OutputFormat, maxBufLen: number, extractAll: boolean, keepNewlines: boolean): LineFn {
  // Only values from the capture are escaped, as sysdig prints them (backslashes kept: data often holds JSON's
  // `\u003c`); the format's own text (tabs, separators) prints as given. -A/-X buffers keep their line breaks.
  const escape = (v: string): string => escapeText(v, 'line', keepNewlines);
  return (ctx) => renderOutput(fmt, ctx, { maxBufLen }, extractAll, escape);
}

function jsonLine(format: string | undefined, compileOpts: Parameters<typeof parseOutputFormat>[1], inspector: Inspector, maxBufLen: number): LineFn {
  if (format !== undefined) {
    const fmt = parseOutputFormat(format, compileOpts);
    const tokens = fmt.tokens.flatMap((t) => (t.kind === 'field' ? [t] : []));
    return (ctx) => {
      const o: Record<string, unknown> = {};
      for (const t of tokens) {
        const v = t.value.get(ctx);
        if (v === undefined) o[t.name] = null;
        else if (typeof v === 'number' || typeof v === 'boolean') o[t.name] = v;
        else if (typeof v === 'bigint') o[t.name] = Number(v) === Number(BigInt.asIntN(64, v)) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
        else o[t.name] = renderField(t, ctx, { maxBufLen }) ?? null;
      }
      return escapeJsonText(JSON.stringify(o));
    };
  }
  const fmt = parseOutputFormat('*%evt.time.iso8601|%proc.name', compileOpts);
  const [timeTok, procTok] = fmt.tokens.flatMap((t) => (t.kind === 'field' ? [t] : []));
  return (ctx, e) => {
    const args: Record<string, string> = {};
    const n = Math.min(e.nparams, e.tableParamCount);
    for (let i = 0; i < n; i++) {
      const p = renderParam(e, i, { maxBufLen, resolver: inspector.resolver, legacy: inspector.legacy });
      args[p.name] = p.resolved ? `${p.value}(${p.resolved})` : p.value;
    }
    const time = timeTok ? renderField(timeTok, ctx) : undefined;
    const o: Record<string, unknown> = {
      num: e.num,
      ts: e.tsText(),
      time: time === undefined ? undefined : time.replace(/\+0000$/, 'Z'),
      cpu: e.cpu,
      tid: e.tid,
      proc: (procTok ? renderField(procTok, ctx) : undefined) ?? null,
      type: e.typeName,
      dir: e.dir,
      args,
    };
    if (e.pluginId !== undefined) o.plugin_id = e.pluginId;
    return escapeJsonText(JSON.stringify(o));
  };
}
