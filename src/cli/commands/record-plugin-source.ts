// `falco-replay record -o FILE --plugin LIB --plugin-source NAME`: the events of a loaded source plugin, written
// as plugin events (code 322, the plugin's ID, each event's own timestamp) by the TypeScript scap writer. No
// syscalls are recorded, so this needs no privileges.
import { hostname } from 'node:os';
import { escapeControl, isFalcoReplayError } from '../../common/index.js';
import { PLUGIN_EVENT, ScapFileWriter } from '../../scap/index.js';
import type { LoadedPlugin } from '../../native/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { loadPluginLibrary, parsePluginFlag, PluginLoadError } from '../plugin-libraries.js';

export interface PluginSourceRecordOptions {
  readonly out: string;
  readonly gzip?: boolean;
  /** `--plugin` values: the libraries to load. */
  readonly plugins: readonly string[];
  /** Plugin name or event source to record from. */
  readonly source: string;
  readonly openParams?: string;
  /** Stop after this many milliseconds (otherwise at the source's end, or on Ctrl-C/SIGTERM). */
  readonly durationMs?: number;
  readonly quiet?: boolean;
}

/** How long to wait before asking a source that timed out again. */
const TIMEOUT_PAUSE_MS = 10;

export async function recordPluginSource(opts: PluginSourceRecordOptions, io: CliIo): Promise<number> {
  const err = (msg: string): void => void io.stderr.write(`falco-replay record: error: ${escapeControl(msg)}\n`);
  if (!opts.plugins.length) {
    io.stderr.write('falco-replay record: --plugin-source needs the plugin library: --plugin PATH[:INIT_CONFIG]\n');
    return ExitCode.USAGE;
  }
  const loaded: LoadedPlugin[] = [];
  try {
    for (const spec of opts.plugins) loaded.push(loadPluginLibrary(parsePluginFlag(spec)));
  } catch (e) {
    if (!(e instanceof PluginLoadError)) throw e;
    err(e.message);
    return ExitCode.FAILURE;
  }
  const plugin = loaded.find((p) => p.name === opts.source && p.canSource) ?? loaded.find((p) => p.eventSource === opts.source);
  if (!plugin) {
    const sources = loaded.filter((p) => p.canSource).map((p) => `${p.name} (source ${p.eventSource})`);
    io.stderr.write(`falco-replay record: no loaded plugin is the event source '${escapeControl(opts.source)}'${sources.length ? `; loaded sources: ${escapeControl(sources.join(', '))}` : '; no loaded plugin has an event source'}\n`);
    return ExitCode.USAGE;
  }

  let source;
  try {
    source = plugin.openSource(opts.openParams ?? '');
  } catch (e) {
    if (!isFalcoReplayError(e)) throw e;
    err(e.message);
    return ExitCode.FAILURE;
  }
  const file = ScapFileWriter.open(opts.out, { gzip: opts.gzip ?? opts.out.endsWith('.gz') });
  const w = file.writer;
  w.writeSectionHeader();
  w.writeMachineInfo({ numCpus: 1, hostname: hostname() });
  let stop = false;
  const onSignal = (): void => void (stop = true);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const deadline = opts.durationMs !== undefined ? Date.now() + opts.durationMs : Infinity;
  let events = 0;
  let failure: string | undefined;
  try {
    while (!stop && Date.now() < deadline) {
      const batch = source.next();
      for (const e of batch.events) {
        w.writeEvent({ ts: e.ts, tid: -1, type: PLUGIN_EVENT, params: [plugin.id, e.payload] });
        events++;
      }
      if (batch.status === 'eof') break;
      await file.ready();
      if (batch.status === 'timeout') await new Promise((r) => setTimeout(r, TIMEOUT_PAUSE_MS));
    }
  } catch (e) {
    if (!isFalcoReplayError(e)) throw e;
    failure = e.message;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    source.close();
    await file.close();
  }
  if (failure !== undefined) {
    err(`${failure} (${events} events were written to ${opts.out})`);
    return ExitCode.FAILURE;
  }
  if (!opts.quiet) io.stderr.write(`falco-replay record: ${events} plugin events of source ${escapeControl(plugin.eventSource)} (plugin ${escapeControl(plugin.name)}, ID ${plugin.id}) written to ${escapeControl(opts.out)}\n`);
  return ExitCode.OK;
}
