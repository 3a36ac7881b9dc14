// `falco-replay slice CAPTURE -o OUT.scap [FILTER] [--since T] [--until T] [--events N..M | --around E --events N]`: a smaller capture
// with the selected events and the state they need (see ../slice.ts).
import { InvalidArgumentError, type Command } from 'commander';
import { escapeControl } from '../../common/index.js';
import type { TimeBound } from '../../engine/index.js';
import { captureDamaged, ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { SliceError, writeSlice } from '../slice.js';
import { parseTimeBound } from '../time-window.js';
import { zoneSecondsFor } from '../time-zone.js';
import type { RegisterCommand } from './index.js';

interface SliceFlags {
  output: string;
  since?: string;
  until?: string;
  events?: string;
  around?: number;
}

/** How many events `--around` keeps when `--events` does not say. */
const AROUND_DEFAULT = 100;

/** A positive event number or count. */
function positive(v: string): number {
  const n = /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`'${v}' is not a positive whole number`);
  return n;
}

/** `count` events centred on event `around` (as many before as after; one more after when count is even). */
export function aroundRange(around: number, count: number): { first: number; last: number } {
  const first = Math.max(1, around - Math.floor((count - 1) / 2));
  return { first, last: first + count - 1 };
}

/** `N..M`, `N..`, `..M` or `N`: event numbers, inclusive. */
function eventRange(v: string): { first: number; last: number } {
  const m = /^(\d+)?(?:(\.\.)(\d+)?)?$/.exec(v.trim());
  if (!m || (m[1] === undefined && m[3] === undefined)) throw new InvalidArgumentError('expected N..M, N.., ..M or N (event numbers as events and alerts print them)');
  const first = m[1] === undefined ? 1 : Number(m[1]);
  const last = m[3] !== undefined ? Number(m[3]) : m[2] ? Number.MAX_SAFE_INTEGER : first;
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || first < 1 || last < first) throw new InvalidArgumentError(`'${v}' is not a range of event numbers`);
  return { first, last };
}

export const registerSlice: RegisterCommand = (program: Command, io: CliIo) => {
  program
    .command('slice')
    .description('write the selected events of a capture to a new capture, with the process, fd, user and interface state they need, so it replays (and sysdig reads it) with the same field values')
    .argument('<capture>', 'scap capture file (plain or gzip)')
    .argument('[filter...]', 'condition selecting events, e.g. "proc.name=sh or proc.pname=sh" (fields of `falco-replay fields`)')
    .requiredOption('-o, --output <file>', 'the new capture (gzip when it ends in .gz); never one of the inputs')
    .option('--since <time>', 'only events from this capture time on (ISO 8601, or a time of day as alert lines print it)')
    .option('--until <time>', 'only events before this capture time')
    .option('--events <N..M>', 'only events numbered N to M (inclusive), as `events` and alerts (%evt.num) number them; with --around, a count N')
    .option('--around <evt_num>', `the events centred on this event number (as many before as after): --events N of them (default ${AROUND_DEFAULT})`, positive)
    .action(async (capture: string, filter: string[], flags: SliceFlags) => {
      io.exitCode = await runSlice(capture, filter.join(' '), flags, io);
    });
};

async function runSlice(capture: string, filter: string, flags: SliceFlags, io: CliIo): Promise<number> {
  const zone = zoneSecondsFor(io.env);
  let events: { first: number; last: number } | undefined;
  try {
    if (flags.around !== undefined) events = aroundRange(flags.around, flags.events === undefined ? AROUND_DEFAULT : positive(flags.events));
    else if (flags.events !== undefined) events = eventRange(flags.events);
  } catch (e) {
    io.stderr.write(`falco-replay: ${flags.around !== undefined ? '--around: --events takes a count of events' : '--events'}: ${escapeControl((e as Error).message)}\n`);
    return ExitCode.USAGE;
  }
  let since: TimeBound | undefined;
  let until: TimeBound | undefined;
  try {
    if (flags.since !== undefined) since = parseTimeBound(flags.since, zone);
    if (flags.until !== undefined) until = parseTimeBound(flags.until, zone);
  } catch (e) {
    io.stderr.write(`falco-replay: --since/--until: ${escapeControl((e as Error).message)}\n`);
    return ExitCode.USAGE;
  }
  try {
    const r = await writeSlice({
      input: capture,
      output: flags.output,
      ...(filter.trim() ? { filter } : {}),
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
      ...(events ? { events } : {}),
      zoneSeconds: zone,
    });
    io.stderr.write(`falco-replay: wrote ${escapeControl(flags.output)}: ${r.events} event${r.events === 1 ? '' : 's'} (numbers ${r.first}..${r.last})${r.carried ? `, ${r.carried} state-changing events of their processes` : ''}, ${r.threads} threads and ${r.fds} fds of state\n`);
    if (captureDamaged(r.summary)) {
      io.stderr.write(`falco-replay: warning: ${escapeControl(capture)} is damaged: the slice holds what could be read\n`);
      return ExitCode.FAILURE;
    }
    return ExitCode.OK;
  } catch (e) {
    if (e instanceof SliceError) {
      io.stderr.write(`falco-replay: slice: ${escapeControl(e.message)}\n`);
      return e.message.startsWith('bad filter') || e.message.includes('is the input capture') ? ExitCode.USAGE : ExitCode.FAILURE;
    }
    throw e;
  }
}
