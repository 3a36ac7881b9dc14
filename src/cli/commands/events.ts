// `falco-replay events CAPTURE [FILTER]`: one line per event, like `sysdig -r` (and `-p FORMAT` like
// `sysdig -p`), with the state engine behind every field and a filter in Falco's condition language.
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
  renderField,
  renderOutput,
  SYSCALL_SOURCE,
  type EvalContext,
  type OutputFormat,
  type Predicate,
} from '../../engine/index.js';
import { readCaptureFile, renderParam, schemaById, DUMP_FLAG, EC, type ScapEvent } from '../../scap/index.js';
import { formatDiagnostic } from '../diagnostics.js';
import { captureDamaged, ExitCode } from '../exit-codes.js';
import { zoneSecondsFor } from '../time-zone.js';
import type { CliIo } from '../io.js';
import type { RegisterCommand } from './index.js';

/** sysdig's default line. */
export const DEFAULT_EVENT_FORMAT = '*%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info';
/** sysdig's default line for plugin events (no plugin loaded: name and info are unavailable). */
export const DEFAULT_PLUGIN_FORMAT = '*%evt.num %evt.datetime.s [%evt.pluginname] %evt.plugininfo';

const CONTAINER_EVENTS = new Set([228, 272, 324]);
const PLUGIN_EVENT = 322;

export interface EventsOptions {
  count?: number;
  format?: string;
  debug?: boolean;
  all?: boolean;
  schema: string;
  convert?: boolean;
  keepEnter?: boolean;
  verbose?: boolean;
  json?: boolean;
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

export const registerEvents: RegisterCommand = (program: Command, io: CliIo) => {
  program
    .command('events')
    .description('print the events of a capture, one line each, like `sysdig -r` (-p FORMAT like `sysdig -p`); an optional filter in the Falco condition language selects events')
    .argument('<capture>', 'scap capture file (plain or gzip)')
    .argument('[filter...]', 'condition, e.g. "evt.type=open and fd.name startswith /etc" (fields of `falco-replay fields`; no macros or lists)')
    .option('-n, --count <N>', 'stop after event number N', positiveInt)
    .option('-p, --format <format>', 'line format with %fields, e.g. "%evt.num %proc.name %fd.name"; lines with an unavailable field are skipped unless the format starts with *')
    .option('-D, --debug', 'also show internal events (procinfo, drop, scapevent), like sysdig -D')
    .option('--all', 'show every event, including container metadata and state-only events')
    .option('--schema <table>', 'event table: current (libs today) or sysdig-0.29.3 (read exactly as sysdig 0.29.3 does)', 'current')
    .option('--convert', 'show what current Falco (>= 0.42) sees: old layouts converted, enter events merged into exits, current libsinsp state semantics')
    .option('--keep-enter', 'with --convert, also show the enter events (Falco <= 0.41)')
    .option('-v, --verbose', 'do not truncate buffer parameters')
    .option('--json', 'one JSON object per event (with -p: the listed fields, typed)')
    .action(async (capture: string, filter: string[], opts: EventsOptions) => {
      io.exitCode = await runEvents(capture, opts, io, filter.join(' '));
    });
};

/** How a line is produced for one event. */
type LineFn = (ctx: EvalContext, e: ScapEvent) => string | undefined;

export async function runEvents(capture: string, opts: EventsOptions, io: CliIo, filterText = ''): Promise<number> {
  const schema = schemaById(opts.schema);
  if (!schema) {
    io.stderr.write(`falco-replay: unknown --schema '${opts.schema}' (use current or sysdig-0.29.3)\n`);
    return ExitCode.USAGE;
  }
  if (opts.convert && schema.id !== 'current') {
    io.stderr.write('falco-replay: --convert works with the current event table only\n');
    return ExitCode.USAGE;
  }
  const registry = new FieldRegistry();
  const maxBufLen = opts.verbose ? 0 : 80;
  // Without --convert the capture is shown as sysdig shows it: the file's own events, 2022 libsinsp state.
  const inspector = opts.convert
    ? new Inspector(registry, { legacyEnterEvents: opts.keepEnter ?? false, maxBufLen, hostname: io.env.FALCO_HOSTNAME, zoneSeconds: zoneSecondsFor(io.env) })
    : new Inspector(registry, { profile: 'sysdig-0.29.3', schema, maxBufLen, zoneSeconds: zoneSecondsFor(io.env) });
  const compileOpts = { registry, source: SYSCALL_SOURCE, ...inspector.compileOptions };

  let predicate: Predicate | undefined;
  if (filterText.trim() !== '') {
    try {
      predicate = compileFilter(parseCondition(filterText), compileOpts).predicate;
    } catch (err) {
      if (err instanceof ConditionSyntaxError || err instanceof CompileError) {
        const at = err.offset;
        io.stderr.write(`falco-replay: bad filter at column ${at + 1}: ${err.message}\n  ${escapeControl(filterText)}\n  ${' '.repeat(at)}^\n`);
        return ExitCode.USAGE;
      }
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
      line = textLine(parseOutputFormat(opts.format ?? DEFAULT_EVENT_FORMAT, compileOpts), maxBufLen, inspector.legacy);
      pluginLine = opts.format === undefined ? textLine(parseOutputFormat(DEFAULT_PLUGIN_FORMAT, compileOpts), maxBufLen, inspector.legacy) : line;
    }
  } catch (err) {
    if (err instanceof OutputFormatError) {
      const fmt = opts.format ?? '';
      const star = fmt.startsWith('*') ? 1 : 0;
      // Name the token when it is not a field at all; libsinsp's message otherwise.
      const token = /^%\d*([A-Za-z0-9_.]+(?:\[[^\]]*\])?)/.exec(fmt.slice(err.offset + star))?.[1];
      const msg = token && !registry.tryResolve(SYSCALL_SOURCE, token) ? `unknown field %${token}` : err.message;
      io.stderr.write(`falco-replay: bad --format at column ${err.offset + 1 + star}: ${escapeControl(msg)}\n`);
      return ExitCode.USAGE;
    }
    throw err;
  }

  let out = '';
  let broken = false;
  const onError = (): void => {
    broken = true;
  };
  io.stdout.on('error', onError);
  const flush = async (): Promise<void> => {
    if (!out || broken) return;
    const ok = io.stdout.write(out);
    out = '';
    if (!ok && !broken) await new Promise<void>((res) => io.stdout.once('drain', res));
  };
  const diags: Diagnostic[] = [];
  const debug = opts.debug ?? false;
  const summary = await readCaptureFile(
    capture,
    {
      ...inspector.stateHandler,
      event: (e) => {
        inspector.next(e);
        const ctx = inspector.context;
        if (opts.all || !hiddenLikeSysdig(e, debug)) {
          // sysdig -D prints internal events whatever the filter says.
          const internal = (e.info.category & EC.INTERNAL) !== 0;
          if (!predicate || (debug && internal) || predicate(ctx)) {
            const text = (e.type === PLUGIN_EVENT ? pluginLine : line)(ctx, e);
            if (text !== undefined) out += text + '\n';
          } else inspector.filteredOut();
        }
        if (opts.count !== undefined && e.num >= opts.count) return false;
        return !broken;
      },
      diagnostic: (d) => diags.push(d),
    },
    {
      ...inspector.readOptions,
      onChunk: () => (out.length > 1 << 16 ? flush() : undefined),
    },
  );
  await flush();
  io.stdout.off('error', onError);
  for (const d of [...diags, ...inspector.stateWarnings(capture)]) if (d.severity !== 'info') io.stderr.write(formatDiagnostic(d) + '\n');
  if (summary.badEvents > 0) io.stderr.write(`falco-replay: warning: ${escapeControl(capture)}: ${summary.badEvents} malformed event${summary.badEvents === 1 ? '' : 's'} skipped\n`);
  return captureDamaged(summary) ? ExitCode.FAILURE : ExitCode.OK;
}

function textLine(fmt: OutputFormat, maxBufLen: number, extractAll: boolean): LineFn {
  return (ctx) => {
    const s = renderOutput(fmt, ctx, { maxBufLen }, extractAll);
    // The line equals sysdig's: backslashes stay as sysdig prints them (data often holds JSON's `\u003c`).
    return s === undefined ? undefined : escapeText(s, 'line');
  };
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
