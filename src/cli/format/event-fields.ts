// The fields an event carries by itself (evt.*, thread.tid), plus process names from a CaptureThreads table.
// The engine's field registry adds the rest (proc.*, fd.*, user.*, container.*) through another resolver.
import { renderArg, renderArgs, renderParam, splitNanos, u64BigInt, EF, PT, type RenderOptions, type ScapEvent } from '../../scap/index.js';
import type { FieldExtractor, FieldResolver } from './template.js';
import type { CaptureThreads } from './threads.js';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * Wall-clock parts of an event timestamp. Like libsinsp (and so sysdig and Falco), local times use the UTC
 * offset in force *now*, for every event, not the offset at the event's date.
 */
function clock(e: ScapEvent, zoneSeconds: number): { date: string; time: string; ns: string } {
  const { sec, nsec } = splitNanos(e.tsHi, e.tsLo);
  const local = sec + zoneSeconds;
  const d = new Date(local * 1000);
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    ns: pad(nsec, 9),
  };
}

function resIndex(e: ScapEvent): number {
  const i = e.paramIndex('res');
  if (i >= 0 && i < e.nparams) return i;
  if (e.info.flags & EF.CREATES_FD && !e.isEnter) {
    const f = e.paramIndex('fd');
    if (f >= 0 && f < e.nparams) return f;
  }
  return -1;
}

export interface EventFieldContext {
  render?: RenderOptions;
  threads?: CaptureThreads;
  /** UTC offset for local times (default: the offset in force now, as libsinsp does). */
  zoneSeconds?: number;
}

/** Resolver for the fields an event has without process or fd state. */
export function eventFields(ctx: EventFieldContext = {}): FieldResolver {
  const render: RenderOptions = { ...ctx.render, ...(ctx.threads ? { resolver: ctx.render?.resolver ?? ctx.threads } : {}) };
  let first: bigint | undefined;
  // Seconds east of UTC now (libsinsp's gmt2local(0)).
  const zone = ctx.zoneSeconds ?? -new Date().getTimezoneOffset() * 60;
  const fields: Record<string, FieldExtractor> = {
    'evt.num': (e) => String(e.num),
    'evt.time': (e) => {
      const c = clock(e, zone);
      return `${c.time}.${c.ns}`;
    },
    'evt.time.s': (e) => clock(e, zone).time,
    'evt.time.iso8601': (e) => {
      const c = clock(e, 0);
      return `${c.date}T${c.time}.${c.ns}Z`;
    },
    'evt.datetime': (e) => {
      const c = clock(e, zone);
      return `${c.date} ${c.time}.${c.ns}`;
    },
    'evt.datetime.s': (e) => {
      const c = clock(e, zone);
      return `${c.date} ${c.time}`;
    },
    'evt.rawtime': (e) => e.tsText(),
    'evt.rawtime.s': (e) => String(splitNanos(e.tsHi, e.tsLo).sec),
    'evt.rawtime.ns': (e) => String(splitNanos(e.tsHi, e.tsLo).nsec),
    'evt.reltime': (e) => {
      const ts = u64BigInt(e.tsHi, e.tsLo);
      first ??= ts;
      return String(ts - first);
    },
    'evt.cpu': (e) => String(e.cpu),
    'evt.dir': (e) => e.dir,
    'evt.type': (e) => e.typeName,
    'evt.args': (e) => renderArgs(e, render),
    'evt.info': (e) => renderArgs(e, render),
    'evt.res': (e) => {
      const i = resIndex(e);
      if (i < 0) return undefined;
      const v = e.paramInt(i);
      if (v === undefined) return undefined;
      if (v >= 0) return 'SUCCESS';
      const p = renderParam(e, i, render);
      return p.resolved || p.value;
    },
    'evt.rawres': (e) => {
      const i = resIndex(e);
      return i < 0 ? undefined : e.paramIntText(i);
    },
    'evt.failed': (e) => {
      const i = resIndex(e);
      const v = i < 0 ? undefined : e.paramInt(i);
      return v !== undefined && v < 0 ? 'true' : 'false';
    },
    'evt.buffer': (e) => {
      const i = e.paramIndex('data');
      return i >= 0 && i < e.nparams ? renderParam(e, i, render).value : undefined;
    },
    'evt.plugininfo': () => undefined,
    'evt.pluginname': () => undefined,
    'thread.tid': (e) => String(e.tid),
    'proc.name': (e) => ctx.threads?.thread(e.tid)?.comm,
    'proc.pid': (e) => {
      const t = ctx.threads?.thread(e.tid);
      return t ? String(t.pid) : undefined;
    },
    'proc.ppid': (e) => {
      const t = ctx.threads?.thread(e.tid);
      return t ? String(ctx.threads?.thread(t.pid)?.ptid ?? t.ptid) : undefined;
    },
  };
  fields['evt.outputtime'] = fields['evt.time'] as FieldExtractor;
  return {
    resolve(field) {
      const f = fields[field];
      if (f) return f;
      const arg = /^evt\.(raw)?arg(?:\.([A-Za-z0-9_]+)|\[(\d+)\])$/.exec(field);
      if (!arg) return undefined;
      const raw = arg[1] !== undefined;
      const key: string | number = arg[2] ?? Number(arg[3]);
      if (!raw) return (e) => renderArg(e, key, render);
      return (e) => {
        const i = typeof key === 'number' ? key : e.paramIndex(key);
        if (i < 0 || i >= e.nparams) return undefined;
        const t = e.paramType(i);
        if (t === PT.CHARBUF || t === PT.FSPATH || t === PT.FSRELPATH) return e.paramString(i);
        const n = e.paramIntText(i);
        return n ?? renderParam(e, i, render).value;
      };
    },
  };
}
