// `falco-replay events CAPTURE`: one line per event, like `sysdig -r` (and `-p FORMAT` like `sysdig -p`).
import { InvalidArgumentError, type Command } from 'commander';
import type { Diagnostic } from '../../common/index.js';
import { readCaptureFile, renderParam, schemaById, DUMP_FLAG, EC, type ScapEvent } from '../../scap/index.js';
import { formatDiagnostic } from '../diagnostics.js';
import { ExitCode } from '../exit-codes.js';
import { eventFields } from '../format/event-fields.js';
import { chainResolvers, compileTemplate, parseTemplate, TemplateError, type FieldResolver } from '../format/template.js';
import { CaptureThreads } from '../format/threads.js';
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
    .description('print the events of a capture, one line each, like `sysdig -r` (-p FORMAT like `sysdig -p`)')
    .argument('<capture>', 'scap capture file (plain or gzip)')
    .option('-n, --count <N>', 'stop after event number N', positiveInt)
    .option('-p, --format <format>', 'line format with %fields, e.g. "%evt.num %evt.type %evt.dir"; lines with an unavailable field are skipped unless the format starts with *')
    .option('-D, --debug', 'also show internal events (procinfo, drop, scapevent), like sysdig -D')
    .option('--all', 'show every event, including container metadata and state-only events')
    .option('--schema <table>', 'event table: current (libs today) or sysdig-0.29.3 (read exactly as sysdig 0.29.3 does)', 'current')
    .option('--convert', 'normalise old event layouts to current ones; enter events are merged into their exits, as Falco >= 0.42 does')
    .option('--keep-enter', 'with --convert, still show the enter events')
    .option('-v, --verbose', 'do not truncate buffer parameters')
    .option('--json', 'one JSON object per event (with -p: the listed fields)')
    .action(async (capture: string, opts: EventsOptions) => {
      io.exitCode = await runEvents(capture, opts, io);
    });
};

export async function runEvents(capture: string, opts: EventsOptions, io: CliIo): Promise<number> {
  const schema = schemaById(opts.schema);
  if (!schema) {
    io.stderr.write(`falco-replay: unknown --schema '${opts.schema}' (use current or sysdig-0.29.3)\n`);
    return ExitCode.USAGE;
  }
  if (opts.convert && schema.id !== 'current') {
    io.stderr.write('falco-replay: --convert works with the current event table only\n');
    return ExitCode.USAGE;
  }
  const threads = new CaptureThreads();
  const resolver: FieldResolver = chainResolvers(eventFields({ threads, render: { maxBufLen: opts.verbose ? 0 : 80 } }));
  let line: (e: ScapEvent) => string | undefined;
  let pluginLine: (e: ScapEvent) => string | undefined;
  try {
    if (opts.json) {
      line = jsonLine(opts.format, resolver, opts.verbose ?? false);
      pluginLine = line;
    } else {
      line = compileTemplate(opts.format ?? DEFAULT_EVENT_FORMAT, resolver);
      pluginLine = opts.format === undefined ? compileTemplate(DEFAULT_PLUGIN_FORMAT, resolver) : line;
    }
  } catch (err) {
    if (err instanceof TemplateError) {
      io.stderr.write(`falco-replay: bad --format at column ${err.offset + 1}: ${err.message}\n`);
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
  const summary = await readCaptureFile(
    capture,
    {
      section: () => threads.reset(),
      thread: (t) => threads.addThread(t),
      user: (u) => threads.addUser(u),
      group: (g) => threads.addGroup(g),
      event: (e) => {
        threads.update(e);
        if (opts.all || !hiddenLikeSysdig(e, opts.debug ?? false)) {
          const text = (e.type === PLUGIN_EVENT ? pluginLine : line)(e);
          if (text !== undefined) out += text + '\n';
        }
        if (opts.count !== undefined && e.num >= opts.count) return false;
        return !broken;
      },
      diagnostic: (d) => diags.push(d),
    },
    {
      schema,
      convert: opts.convert ?? false,
      keepEnterEvents: opts.keepEnter ?? false,
      onChunk: () => (out.length > 1 << 16 ? flush() : undefined),
    },
  );
  await flush();
  io.stdout.off('error', onError);
  for (const d of diags) if (d.severity !== 'info') io.stderr.write(formatDiagnostic(d) + '\n');
  return summary.diagnostics.some((d) => d.severity === 'error') ? ExitCode.FAILURE : ExitCode.OK;
}

function jsonLine(format: string | undefined, resolver: FieldResolver, verbose: boolean): (e: ScapEvent) => string | undefined {
  if (format !== undefined) {
    const fields = parseTemplate(format.startsWith('*') ? format.slice(1) : format).flatMap((t) => (t.kind === 'field' ? [t.field] : []));
    const extractors = fields.map((f) => {
      const x = resolver.resolve(f);
      if (!x) throw new TemplateError(`unknown field %${f}`, 0);
      return [f, x] as const;
    });
    return (e) => JSON.stringify(Object.fromEntries(extractors.map(([f, x]) => [f, x(e) ?? null])));
  }
  const time = resolver.resolve('evt.time.iso8601');
  const proc = resolver.resolve('proc.name');
  return (e) => {
    const args: Record<string, string> = {};
    const n = Math.min(e.nparams, e.tableParamCount);
    for (let i = 0; i < n; i++) {
      const p = renderParam(e, i, { maxBufLen: verbose ? 0 : 80 });
      args[p.name] = p.resolved ? `${p.value}(${p.resolved})` : p.value;
    }
    const o: Record<string, unknown> = {
      num: e.num,
      ts: e.tsText(),
      time: time?.(e),
      cpu: e.cpu,
      tid: e.tid,
      proc: proc?.(e) ?? null,
      type: e.typeName,
      dir: e.dir,
      args,
    };
    if (e.pluginId !== undefined) o.plugin_id = e.pluginId;
    return JSON.stringify(o);
  };
}
