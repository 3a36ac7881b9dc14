// The one place where old event layouts become current ones, with the semantics of the libs ≥ 0.20 savefile
// converter (docs/scap-format.md §12.3): unused events are dropped; events the converter does not manage pass
// unless they are old enter events; managed enter events are stored per thread so that their parameters can be
// merged into the next exit event of that thread; old or short exit events get parameters appended or their
// type changed, step by step, until they match the current table.
import { u32, writeI64 } from './bytes.js';
import { CONVERSIONS } from './convert-table.js';
import { ScapEvent } from './event.js';
import { CURRENT_SCHEMA, type EventSchema } from './schema/schema.js';
import { EF, PT } from './schema/types.js';

/** What the converter decided for one event. */
export const Outcome = {
  /** Deliver the returned event. */
  PASS: 0,
  /** Drop the event (unused, or an old enter event libs ignores). */
  DROP: 1,
  /** The converter kept the enter event to merge it into the exit event; libs does not deliver it. */
  STORED: 2,
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

interface Instr {
  /** 'o' old param, 'e'/'E' enter param (default/empty fallback), 'd' default, '-' empty, 'j' container JSON. */
  kind: string;
  index: number;
}

interface Rule {
  action: 'S' | 'P' | 'SP' | 'A' | 'C';
  to: number;
  instrs: Instr[];
}

// Guards against loops in the table, like libs' MAX_CONVERSION_BOUNDARY.
const MAX_STEPS = 50;
// libs converts in 64 KiB buffers; larger converted events are an error there too.
const MAX_CONVERTED_LEN = 64 * 1024;

const RULES = new Map<number, Rule>();
for (const [key, text] of Object.entries(CONVERSIONS)) {
  const [code, nparams] = key.split(':').map(Number) as [number, number];
  const [head, ...rest] = text.split(' ') as [string, ...string[]];
  const action = (head.startsWith('C') ? 'C' : head) as Rule['action'];
  RULES.set(code * 256 + nparams, {
    action,
    to: action === 'C' ? Number(head.slice(1)) : code,
    instrs: rest.map((t) => ({ kind: t[0] as string, index: t.length > 1 ? Number(t.slice(1)) : 0 })),
  });
}

/** On-disk size of a fixed-size parameter type, or −1 for variable-size types. */
export function fixedParamSize(t: number): number {
  switch (t) {
    case PT.INT8:
    case PT.UINT8:
    case PT.FLAGS8:
    case PT.ENUMFLAGS8:
    case PT.SIGTYPE:
    case PT.L4PROTO:
    case PT.SOCKFAMILY:
      return 1;
    case PT.INT16:
    case PT.UINT16:
    case PT.FLAGS16:
    case PT.ENUMFLAGS16:
    case PT.SYSCALLID:
    case PT.PORT:
      return 2;
    case PT.INT32:
    case PT.UINT32:
    case PT.FLAGS32:
    case PT.ENUMFLAGS32:
    case PT.UID:
    case PT.GID:
    case PT.MODE:
    case PT.SIGSET:
    case PT.FD32:
    case PT.PID32:
    case PT.IPV4ADDR:
    case PT.BOOL:
      return 4;
    case PT.INT64:
    case PT.UINT64:
    case PT.RELTIME:
    case PT.ABSTIME:
    case PT.ERRNO:
    case PT.FD:
    case PT.PID:
    case PT.DOUBLE:
      return 8;
    case PT.IPV6ADDR:
      return 16;
    default:
      return -1;
  }
}

interface Piece {
  buf: Uint8Array;
  off: number;
  len: number;
}

const ZERO8 = new Uint8Array(16);
const ONES4 = new Uint8Array([0xff, 0xff, 0xff, 0xff]);

export interface ConverterOptions {
  schema?: EventSchema;
  /** Most threads with a stored enter event at once; the oldest is forgotten beyond this. */
  maxStored?: number;
}

export class EventConverter {
  readonly schema: EventSchema;
  private readonly maxStored: number;
  private readonly stored = new Map<number, ScapEvent>();
  private readonly views = [new ScapEvent(), new ScapEvent()];
  private readonly scratch: Buffer[] = [Buffer.alloc(4096), Buffer.alloc(4096)];
  /** Message of the last failed conversion (set when `process` returns the event unconverted). */
  error: string | undefined;

  constructor(options: ConverterOptions = {}) {
    this.schema = options.schema ?? CURRENT_SCHEMA;
    this.maxStored = options.maxStored ?? 65536;
  }

  /** Forget stored enter events (a new section starts). */
  reset(): void {
    this.stored.clear();
  }

  /** Number of threads with a stored enter event. */
  get storedCount(): number {
    return this.stored.size;
  }

  /**
   * Decide about `e`. Returns the outcome and sets `result` to the event to deliver: `e` itself when it needs
   * no change (or could not be converted: then `error` is set), or a converted view valid until the next call.
   * For STORED, `result` is the enter event as it was stored (for callers that still show enter events).
   */
  process(e: ScapEvent): { outcome: Outcome; result: ScapEvent } {
    this.error = undefined;
    let cur = e;
    for (let step = 0; step < MAX_STEPS; step++) {
      const verdict = this.test(cur);
      if (verdict === 'pass') return { outcome: Outcome.PASS, result: cur };
      if (verdict === 'drop') return { outcome: Outcome.DROP, result: cur };
      if (verdict !== 'continue') return this.fail(e, verdict);
      const rule = RULES.get(cur.type * 256 + cur.nparams);
      if (rule === undefined || cur.nparams > 255) return this.fail(e, `no conversion for ${cur.name} (code ${cur.type}) with ${cur.nparams} parameters`);
      switch (rule.action) {
        case 'S':
          this.store(cur);
          return { outcome: Outcome.STORED, result: cur };
        case 'P':
          return { outcome: Outcome.PASS, result: cur };
        case 'SP':
          this.store(cur);
          return { outcome: Outcome.PASS, result: cur };
        default: {
          const out = this.views[step & 1] as ScapEvent;
          const msg = this.build(cur, rule, out, step & 1);
          if (msg !== undefined) return this.fail(e, msg);
          cur = out;
        }
      }
    }
    return this.fail(e, `conversion of ${e.name} (code ${e.type}) did not finish in ${MAX_STEPS} steps`);
  }

  private fail(e: ScapEvent, message: string): { outcome: Outcome; result: ScapEvent } {
    this.error = message;
    return { outcome: Outcome.PASS, result: e };
  }

  /** 'pass' | 'drop' | 'continue' | error message, per the converter's eligibility rules. */
  private test(e: ScapEvent): string {
    const info = this.schema.events[e.type];
    if (info === undefined) return `unknown event code ${e.type}`;
    const flags = info.flags;
    if (flags & EF.UNUSED) return 'drop';
    if (!(flags & EF.CONVERTER_MANAGED)) {
      if (!(flags & EF.OLD_VERSION)) return 'pass';
      if ((e.type & 1) === 0) return 'drop';
      return `old exit event ${info.name} (code ${e.type}) is not converter-managed`;
    }
    if ((e.type & 1) === 0) return 'continue';
    const expected = info.params.length;
    if (e.nparams > expected) return `${info.name} exit event has ${e.nparams} parameters, more than the ${expected} of the current table`;
    if (flags & EF.OLD_VERSION || e.nparams !== expected) return 'continue';
    return 'pass';
  }

  private store(e: ScapEvent): void {
    this.stored.delete(e.tid);
    if (this.stored.size >= this.maxStored) {
      const oldest = this.stored.keys().next();
      if (!oldest.done) this.stored.delete(oldest.value);
    }
    this.stored.set(e.tid, e.detach());
  }

  /** The stored enter event of a thread, if any (read-only; for tests and the replay engine's legacy mode). */
  storedEnter(tid: number): ScapEvent | undefined {
    return this.stored.get(tid);
  }

  private build(cur: ScapEvent, rule: Rule, out: ScapEvent, slot: number): string | undefined {
    const schema = this.schema;
    const newType = rule.to;
    const newInfo = schema.events[newType];
    if (newInfo === undefined) return `conversion target code ${newType} is unknown`;
    const keep = rule.action === 'A' ? cur.nparams : 0;
    const nparams = keep + rule.instrs.length;
    if (nparams > newInfo.params.length) return `conversion of ${cur.name} would produce ${nparams} parameters`;
    const ls = schema.lenSize[newType] as number;
    const maxVar = ls === 2 ? 0xffff : 0xffffffff;
    const pieces: Piece[] = [];
    for (let i = 0; i < keep; i++) {
      const pt = newInfo.params[i]?.type ?? PT.BYTEBUF;
      pieces.push(capped(cur.buf, cur.pOff[i] as number, cur.pLen[i] as number, pt, maxVar));
    }
    let usedEnter = false;
    const enter = this.stored.get(cur.tid);
    for (let k = 0; k < rule.instrs.length; k++) {
      const ins = rule.instrs[k] as Instr;
      const pt = newInfo.params[keep + k]?.type ?? PT.BYTEBUF;
      switch (ins.kind) {
        case '-':
          pieces.push({ buf: ZERO8, off: 0, len: 0 });
          break;
        case 'd':
          pieces.push(defaultPiece(pt));
          break;
        case 'o':
          if (ins.index >= cur.nparams) return `${cur.name} has no parameter ${ins.index} to convert`;
          pieces.push(capped(cur.buf, cur.pOff[ins.index] as number, cur.pLen[ins.index] as number, pt, maxVar));
          break;
        case 'e':
        case 'E': {
          if (enter === undefined || enter.type !== cur.type - 1) {
            // Missing (or mismatched) enter event: libs falls back to a default or empty value. It treats a
            // mismatched stored event as a fatal error; we keep reading and use the fallback instead.
            pieces.push(ins.kind === 'E' ? { buf: ZERO8, off: 0, len: 0 } : defaultPiece(pt));
            break;
          }
          if (ins.index >= enter.nparams) return `stored ${enter.name} enter event has no parameter ${ins.index}`;
          usedEnter = true;
          pieces.push(capped(enter.buf, enter.pOff[ins.index] as number, enter.pLen[ins.index] as number, pt, maxVar));
          break;
        }
        case 'j':
          pieces.push(containerJson(cur) ?? { buf: ZERO8, off: 0, len: 0 });
          break;
        default:
          return `unknown conversion instruction ${ins.kind}`;
      }
    }
    let total = 26 + nparams * ls;
    for (const p of pieces) total += p.len;
    if (total > MAX_CONVERTED_LEN && total > cur.len) return `converted ${cur.name} event would be ${total} bytes`;
    let buf = this.scratch[slot] as Buffer;
    if (buf.length < total) {
      buf = Buffer.alloc(Math.max(total, buf.length * 2));
      this.scratch[slot] = buf;
    }
    // Header: ts, tid are unchanged; len, type, nparams are the converted ones.
    buf.writeUInt32LE(cur.tsLo >>> 0, 0);
    buf.writeUInt32LE(cur.tsHi >>> 0, 4);
    writeI64(buf, 8, cur.tid);
    buf.writeUInt32LE(total, 16);
    buf.writeUInt16LE(newType, 20);
    buf.writeUInt32LE(nparams, 22);
    let l = 26;
    let v = 26 + nparams * ls;
    for (const p of pieces) {
      if (ls === 2) buf.writeUInt16LE(p.len, l);
      else buf.writeUInt32LE(p.len, l);
      l += ls;
      if (p.len) buf.set(p.buf.subarray(p.off, p.off + p.len), v);
      v += p.len;
    }
    if (usedEnter) this.stored.delete(cur.tid);
    const err = out.setV2(buf, 0, total, schema);
    if (err !== undefined) return err;
    out.num = cur.num;
    out.cpu = cur.cpu;
    out.flags = cur.flags;
    out.blockType = cur.blockType;
    out.blockOffset = cur.blockOffset;
    out.section = cur.section;
    out.converted = true;
    out.legacyOnly = false;
    return undefined;
  }
}

function capped(buf: Uint8Array, off: number, len: number, pt: number, maxVar: number): Piece {
  const fixed = fixedParamSize(pt);
  return { buf, off, len: Math.min(len, fixed >= 0 ? fixed : maxVar) };
}

function defaultPiece(pt: number): Piece {
  const n = fixedParamSize(pt);
  if (n <= 0) return { buf: ZERO8, off: 0, len: 0 };
  if (pt === PT.UID || pt === PT.GID) return { buf: ONES4, off: 0, len: 4 };
  return { buf: ZERO8, off: 0, len: n };
}

/** The JSON parameter of a container event (272) built from an oldest-layout container event (228). */
function containerJson(e: ScapEvent): Piece | undefined {
  if (e.nparams < 4 || e.pLen[1] !== 4) return undefined;
  const id = e.paramString(0) ?? '';
  const type = u32(e.buf, e.pOff[1] as number);
  const name = e.paramString(2) ?? '';
  const image = e.paramString(3) ?? '';
  const json = `{"id":"${id}","type":${type},"name":"${name}","image":"${image}"}`;
  const bytes = Buffer.from(json + '\0', 'utf8');
  return { buf: bytes, off: 0, len: bytes.length };
}
