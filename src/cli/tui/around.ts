// What the TUI reads back from a replayed capture through the event index: the events around an event (all,
// or those of its thread or process) as `events` prints them, and the reads and writes on one fd (follow).
// Every string from the capture is escaped here, through model.ts's `safe`.
import { parseOutputFormat, SYSCALL_SOURCE, type EventIndex, type Inspector } from '../../engine/index.js';
import { EF, type ScapEvent } from '../../scap/index.js';
import { defaultEventFormat, hiddenLikeSysdig, textLine, type LineFn } from '../commands/events.js';
import { ours, safe, safeLine, type SafeText } from './model.js';

/** Which events the around view lists. */
export type AroundScope = 'thread' | 'process' | 'all';
export const AROUND_SCOPES: readonly AroundScope[] = ['thread', 'process', 'all'];
/** Events listed before and after the centre. */
export const AROUND_N = 100;
/** Events scanned on each side when only the thread's or process's events are listed. */
export const AROUND_SCAN = 10_000;
/** Longest event line kept (the screen truncates further). */
const MAX_LINE = 2048;

export interface AroundLine {
  readonly num: number;
  readonly tid: number;
  readonly pid: number;
  /** The fd the event used, or −1. */
  readonly fd: number;
  readonly text: SafeText;
}

export interface AroundResult {
  readonly center: number;
  readonly scope: AroundScope;
  readonly lines: readonly AroundLine[];
  /** Index of the centre event in `lines` (−1 when the capture has no such event). */
  readonly at: number;
  /** Events scanned (first, last). */
  readonly scanned: readonly [number, number];
  readonly ms: number;
}

/** One event as the around view needs it, rendered by `events`' default line. */
function lineMaker(insp: Inspector): (e: ScapEvent) => AroundLine {
  const fmt = parseOutputFormat(defaultEventFormat(), { registry: insp.registry, source: SYSCALL_SOURCE, ...insp.compileOptions });
  const line: LineFn = textLine(fmt, 80, insp.legacy, false);
  return (e) => {
    const t = insp.context.thread;
    const text = line(insp.context, e) ?? '';
    return {
      num: e.num,
      tid: e.tid,
      pid: t?.pid ?? -1,
      fd: t && e.info.flags & EF.USES_FD ? t.lastEventFd : -1,
      text: safeLine(text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text),
    };
  };
}

/** Whether `events` shows this event (those reaching the rules that sysdig does not hide; the centre always). */
const shown = (e: ScapEvent, insp: Inspector, center: number): boolean => e.num === center || (insp.context.reachesRules && !hiddenLikeSysdig(e, false));

/**
 * The events around event `center`: ± `n` of all events, or of the centre's thread or process. Only the lines
 * listed are rendered: for a thread or process, a first read up to the centre notes each shown event's thread
 * and process (numbers, no text) to find where the `n` listed before it start, and the second read renders
 * from there (docs/tui-views.md#opening-an-event).
 */
export async function eventsAround(index: EventIndex, center: number, scope: AroundScope, n = AROUND_N): Promise<AroundResult> {
  const t0 = performance.now();
  if (center > index.last) throw new Error(`event ${center} is past the last event the replay read (${index.last})`);
  const from = Math.max(1, center - (scope === 'all' ? n : AROUND_SCAN));
  const to = center + (scope === 'all' ? n : AROUND_SCAN);
  let self: { tid: number; pid: number } | undefined;
  let start = from;
  if (scope !== 'all') {
    // Thread and process of every shown event from `from` to the centre (the centre's are known last).
    const span = center - from + 1;
    const tids = new Float64Array(span);
    const pids = new Float64Array(span);
    const seen = new Uint8Array(span);
    await index.visit(from, center, (e, insp) => {
      if (e.num > center || !shown(e, insp, center)) return undefined;
      const i = e.num - from;
      tids[i] = e.tid;
      pids[i] = insp.context.thread?.pid ?? -1;
      seen[i] = 1;
      if (e.num === center) self = { tid: e.tid, pid: pids[i] };
      return undefined;
    });
    // The first of the last `n` events of the centre's thread or process before it (all shown ones without a centre).
    const mine = (i: number): boolean => !self || (scope === 'thread' ? tids[i] === self.tid : pids[i] === self.pid && self.pid !== -1);
    let found = 0;
    start = center;
    for (let i = span - 2; i >= 0 && found < n; i--) {
      if (seen[i] !== 1 || !mine(i)) continue;
      found++;
      start = from + i;
    }
  }
  const want = (e: ScapEvent, insp: Inspector): boolean => {
    if (!self || e.num === center) return true;
    if (scope === 'thread') return e.tid === self.tid;
    return self.pid !== -1 && (insp.context.thread?.pid ?? -1) === self.pid;
  };
  const before: AroundLine[] = [];
  const after: AroundLine[] = [];
  let mid: AroundLine | undefined;
  let last = start;
  // One visit reads with one inspector: the line format is bound to it on the first event.
  let make: ((e: ScapEvent) => AroundLine) | undefined;
  await index.visit(start, to, (e, insp) => {
    last = e.num;
    if (!shown(e, insp, center) || (scope !== 'all' && !want(e, insp))) return undefined;
    make ??= lineMaker(insp);
    const l = make(e);
    if (e.num < center) {
      before.push(l);
      if (before.length > n) before.shift();
    } else if (e.num === center) mid = l;
    else {
      after.push(l);
      if (after.length >= n) return false;
    }
    return undefined;
  });
  const lines = [...before, ...(mid ? [mid] : []), ...after];
  return { center, scope, lines, at: mid ? before.length : -1, scanned: [from, Math.max(last, start)], ms: performance.now() - t0 };
}

/** One read or write of a followed fd. */
export interface FollowChunk {
  readonly num: number;
  readonly write: boolean;
  /** The syscall's result (bytes moved, or a negative errno). */
  readonly res: number;
  /** Bytes the capture holds for it (at most the snap length). */
  readonly data: Uint8Array;
}

export interface FollowTarget {
  readonly pid: number;
  readonly tid: number;
  readonly fd: number;
  /** The event it started from (the scan is around it). */
  readonly from: number;
}

export interface FollowResult {
  readonly target: FollowTarget;
  readonly chunks: readonly FollowChunk[];
  /** Events scanned (first, last). */
  readonly scanned: readonly [number, number];
  /** No chunk carries data though some moved bytes: the capture was taken with snap length 0. */
  readonly noData: boolean;
  /** The fd's name at the starting event (escaped). */
  readonly name: SafeText;
  readonly truncated: boolean;
}

/** Events scanned on each side of the starting event when following an fd. */
export const FOLLOW_SCAN = 200_000;
export const MAX_FOLLOW_CHUNKS = 5000;
export const MAX_FOLLOW_BYTES = 4 << 20;

/**
 * The reads and writes on fd `fd` of process `pid` (the same fd table) in event order, around event `from`.
 * Exported for the views (files, connections rows): they give the process, the fd and an event that used it.
 */
export async function followFd(index: EventIndex, target: FollowTarget, scan = FOLLOW_SCAN): Promise<FollowResult> {
  // The fd number is reused after a close: only the reads and writes while it named the same thing as at the
  // starting event are kept (the name is known only once that event is read, so candidates carry theirs).
  const found: (FollowChunk & { name: string })[] = [];
  let bytes = 0;
  let truncated = false;
  let name: string | undefined;
  const first = Math.max(1, target.from - scan);
  let last = first;
  await index.visit(first, target.from + scan, (e, insp) => {
    last = e.num;
    const t = insp.context.thread;
    if (!t || t.pid !== target.pid) return undefined;
    if (e.num === target.from) name = insp.context.fd?.name ?? insp.state.fdTable(t)?.get(target.fd)?.name ?? '';
    const flags = e.info.flags;
    if (e.dir !== '<' || !(flags & (EF.READS_FROM_FD | EF.WRITES_TO_FD)) || t.lastEventFd !== target.fd) return undefined;
    if (found.length >= MAX_FOLLOW_CHUNKS || bytes >= MAX_FOLLOW_BYTES) {
      truncated = true;
      return false;
    }
    const res = e.paramInt(0) ?? 0;
    const di = e.paramIndex('data');
    const raw = di >= 0 ? e.paramBytes(di) : undefined;
    const data = raw ? Uint8Array.prototype.slice.call(raw, 0, Math.min(raw.length, MAX_FOLLOW_BYTES - bytes)) : new Uint8Array(0);
    bytes += data.length;
    found.push({ num: e.num, write: (flags & EF.WRITES_TO_FD) !== 0, res, data, name: insp.context.fd?.name ?? '' });
    return undefined;
  });
  const chunks = found.filter((c) => name === undefined || c.name === name).map(({ name: _n, ...c }) => c);
  const moved = chunks.reduce((n, c) => n + Math.max(0, c.res), 0);
  const held = chunks.reduce((n, c) => n + c.data.length, 0);
  return { target, chunks, scanned: [first, last], noData: moved > 0 && held === 0, name: safe(name ?? ''), truncated };
}

/** Follow text: printable ASCII as is, everything else as `.` (csysdig's dotted ASCII; newlines break lines). */
export function chunkText(data: Uint8Array): SafeText[] {
  if (data.length === 0) return [];
  const lines: string[] = [''];
  for (const b of data) {
    if (b === 0x0a) lines.push('');
    else lines[lines.length - 1] += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => ours(l));
}

/** Follow hex: 16 bytes a line, offset, hex and dotted ASCII. */
export function chunkHex(data: Uint8Array): SafeText[] {
  const out: SafeText[] = [];
  for (let o = 0; o < data.length; o += 16) {
    const row = data.subarray(o, o + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const text = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    out.push(ours(`${o.toString(16).padStart(6, '0')}  ${hex.padEnd(47)}  ${text}`));
  }
  return out;
}
