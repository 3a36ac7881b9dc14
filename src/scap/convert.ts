// The one place where old event layouts become current ones, with the semantics of the libs ≥ 0.20 savefile
// converter (docs/scap-format.md#converter): unused events are dropped; events the converter does not manage pass
// unless they are old enter events; managed enter events are stored per thread so that their parameters can be
// merged into the next exit event of that thread; old or short exit events get parameters appended or their
// type changed, step by step, until they match the current table.
import { copyBytes, u32, writeI64, writeU32 } from './bytes.js';
import { CONVERSIONS } from './convert-table.js';
import { ScapEvent } from './event.js';
import { CURRENT_SCHEMA, PARAM_STRIDE, type EventSchema } from './schema/schema.js';
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
  /** Whether an instruction reads the stored enter event (else the build skips the per-thread lookup). */
  usesEnter: boolean;
}

/** What the converter does with events of one code and parameter count (both decide it, nothing else does). */
interface Step {
  /** 'pass' | 'drop' | 'continue' | error message, per the converter's eligibility rules. */
  verdict: string;
  rule: Rule | undefined;
}

const KIND_OTHER = 0;
const KIND_PASS = 1;
const KIND_DROP = 2;
const KIND_PASS_IF_COMPLETE = 3;

// Guards against loops in the table, like libs' MAX_CONVERSION_BOUNDARY.
const MAX_STEPS = 50;
// libs converts in 64 KiB buffers; larger converted events are an error there too.
const MAX_CONVERTED_LEN = 64 * 1024;

const RULES = new Map<number, Rule>();
for (const [key, text] of Object.entries(CONVERSIONS)) {
  const [code, nparams] = key.split(':').map(Number) as [number, number];
  const [head, ...rest] = text.split(' ') as [string, ...string[]];
  const action = (head.startsWith('C') ? 'C' : head) as Rule['action'];
  const instrs = rest.map((t) => ({ kind: t[0] as string, index: t.length > 1 ? Number(t.slice(1)) : 0 }));
  RULES.set(code * 256 + nparams, {
    action,
    to: action === 'C' ? Number(head.slice(1)) : code,
    instrs,
    usesEnter: instrs.some((i) => i.kind === 'e' || i.kind === 'E'),
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

// fixedParamSize by type id, for the converter's per-parameter loop.
const FIXED_SIZE = new Int8Array(256).map((_, t) => fixedParamSize(t));

interface Slot {
  buf: Buffer;
  view: ScapEvent;
  valid: boolean;
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
  /** Per-thread slots for stored enter events; buffers and views are reused, so storing does not allocate. */
  private readonly slots = new Map<number, Slot>();
  private live = 0;
  private readonly views = [new ScapEvent(), new ScapEvent()];
  private readonly scratch: Buffer[] = [Buffer.alloc(4096), Buffer.alloc(4096)];
  // Where each parameter of the event being built comes from (reused across calls).
  private readonly srcBuf: Uint8Array[] = [];
  private readonly srcOff = new Int32Array(256);
  private readonly srcLen = new Int32Array(256);
  /** Message of the last failed conversion (set when `process` returns the event unconverted). */
  error: string | undefined;

  /** Per event code: what `test` would say without looking at the event (see KIND_*). */
  private readonly kind: Uint8Array;
  /** Verdict and conversion rule per `code * 256 + nparams`, filled as codes are seen. */
  private readonly steps = new Map<number, Step>();

  constructor(options: ConverterOptions = {}) {
    this.schema = options.schema ?? CURRENT_SCHEMA;
    this.maxStored = options.maxStored ?? 65536;
    this.kind = new Uint8Array(this.schema.eventMax);
    for (const info of this.schema.events) {
      if (info.code >= this.schema.eventMax) continue;
      const f = info.flags;
      const enter = (info.code & 1) === 0;
      let k = KIND_OTHER;
      if (f & EF.UNUSED) k = KIND_DROP;
      else if (!(f & EF.CONVERTER_MANAGED)) k = !(f & EF.OLD_VERSION) ? KIND_PASS : enter ? KIND_DROP : KIND_OTHER;
      else if (!enter && !(f & EF.OLD_VERSION)) k = KIND_PASS_IF_COMPLETE;
      this.kind[info.code] = k;
    }
  }

  /** Forget stored enter events (a new section starts). */
  reset(): void {
    this.slots.clear();
    this.live = 0;
  }

  /** Detached copies of the stored enter events, oldest first: what a resumed read needs to convert as this one would. */
  storedEvents(): ScapEvent[] {
    const out: ScapEvent[] = [];
    for (const slot of this.slots.values()) if (slot.valid) out.push(slot.view.detach());
    return out;
  }

  /** Start over holding these enter events (from {@link storedEvents}). */
  restoreStored(events: readonly ScapEvent[]): void {
    this.reset();
    for (const e of events) this.store(e);
  }

  /** Number of threads with a stored enter event. */
  get storedCount(): number {
    return this.live;
  }

  /**
   * The event to deliver after `process`: `e` itself when it needs no change (or could not be converted: then
   * `error` is set), or a converted view valid until the next call. For STORED and DROP, the enter event as the
   * converter saw it (for callers that still show enter events).
   */
  result: ScapEvent = new ScapEvent();

  /** Decide about `e` (no allocation unless the event is converted or stored); see `result`. */
  process(e: ScapEvent): Outcome {
    this.error = undefined;
    // Fast path: most events need no look at the rules at all.
    const k = this.kind[e.type];
    if (k === KIND_PASS || (k === KIND_PASS_IF_COMPLETE && e.nparams === this.schema.paramCount[e.type])) return this.done(Outcome.PASS, e);
    if (k === KIND_DROP) return this.done(Outcome.DROP, e);
    let cur = e;
    for (let step = 0; step < MAX_STEPS; step++) {
      const s = this.stepFor(cur.type, cur.nparams);
      const verdict = s.verdict;
      if (verdict === 'pass') return this.done(Outcome.PASS, cur);
      if (verdict === 'drop') return this.done(Outcome.DROP, cur);
      if (verdict !== 'continue') return this.fail(e, verdict);
      const rule = s.rule;
      if (rule === undefined) return this.fail(e, `no conversion for ${cur.name} (code ${cur.type}) with ${cur.nparams} parameters`);
      switch (rule.action) {
        case 'S':
          this.store(cur);
          return this.done(Outcome.STORED, cur);
        case 'P':
          return this.done(Outcome.PASS, cur);
        case 'SP':
          this.store(cur);
          return this.done(Outcome.PASS, cur);
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

  private done(outcome: Outcome, result: ScapEvent): Outcome {
    this.result = result;
    return outcome;
  }

  private fail(e: ScapEvent, message: string): Outcome {
    this.error = message;
    return this.done(Outcome.PASS, e);
  }

  /** The verdict and rule for events of `type` with `nparams` parameters (cached: the table decides them). */
  private stepFor(type: number, nparams: number): Step {
    if (nparams > 255) return { verdict: this.test(type, nparams), rule: undefined };
    const key = type * 256 + nparams;
    let s = this.steps.get(key);
    if (s === undefined) {
      s = { verdict: this.test(type, nparams), rule: RULES.get(key) };
      this.steps.set(key, s);
    }
    return s;
  }

  /** 'pass' | 'drop' | 'continue' | error message, per the converter's eligibility rules. */
  private test(type: number, nparams: number): string {
    const info = this.schema.events[type];
    if (info === undefined) return `unknown event code ${type}`;
    const flags = info.flags;
    if (flags & EF.UNUSED) return 'drop';
    if (!(flags & EF.CONVERTER_MANAGED)) {
      if (!(flags & EF.OLD_VERSION)) return 'pass';
      if ((type & 1) === 0) return 'drop';
      return `old exit event ${info.name} (code ${type}) is not converter-managed`;
    }
    if ((type & 1) === 0) return 'continue';
    const expected = info.params.length;
    if (nparams > expected) return `${info.name} exit event has ${nparams} parameters, more than the ${expected} of the current table`;
    if (flags & EF.OLD_VERSION || nparams !== expected) return 'continue';
    return 'pass';
  }

  private store(e: ScapEvent): void {
    let slot = this.slots.get(e.tid);
    if (slot === undefined) {
      if (this.slots.size >= this.maxStored) {
        // Forget the thread stored longest ago (Map keeps insertion order).
        const oldest = this.slots.entries().next();
        if (!oldest.done) {
          if (oldest.value[1].valid) this.live--;
          this.slots.delete(oldest.value[0]);
        }
      }
      slot = { buf: Buffer.allocUnsafe(Math.max(256, e.len)), view: new ScapEvent(), valid: false };
      this.slots.set(e.tid, slot);
    } else if (slot.buf.length < e.len) {
      slot.buf = Buffer.allocUnsafe(e.len * 2);
    }
    slot.view.copyFrom(e, slot.buf);
    if (!slot.valid) this.live++;
    slot.valid = true;
  }

  private forget(tid: number): void {
    const slot = this.slots.get(tid);
    if (slot?.valid) {
      slot.valid = false;
      this.live--;
    }
  }

  /** Where parameter k of the event being built comes from, capped to what its new type holds (as libs does). */
  private setSource(k: number, b: Uint8Array, off: number, len: number, pt: number, maxVar: number): void {
    const fixed = pt < 256 ? (FIXED_SIZE[pt] as number) : -1;
    this.srcBuf[k] = b;
    this.srcOff[k] = off;
    this.srcLen[k] = len < (fixed >= 0 ? fixed : maxVar) ? len : fixed >= 0 ? fixed : maxVar;
  }

  /** The default value of a type: zeros of its size (−1 for uid/gid), empty for variable-size types. */
  private setDefault(k: number, pt: number): void {
    const n = fixedParamSize(pt);
    this.srcBuf[k] = pt === PT.UID || pt === PT.GID ? ONES4 : ZERO8;
    this.srcOff[k] = 0;
    this.srcLen[k] = n > 0 ? n : 0;
  }

  /** The stored enter event of a thread, if any (read-only view, valid until that thread's next event). */
  storedEnter(tid: number): ScapEvent | undefined {
    const slot = this.slots.get(tid);
    return slot?.valid ? slot.view : undefined;
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
    const srcBuf = this.srcBuf;
    const srcOff = this.srcOff;
    const srcLen = this.srcLen;
    // Parameter types of the new event (nparams fits its table, checked above).
    const types = schema.paramTypes;
    const tbase = newType * PARAM_STRIDE;
    for (let i = 0; i < keep; i++) this.setSource(i, cur.buf, cur.pOff[i] as number, cur.pLen[i] as number, types[tbase + i] as number, maxVar);
    let usedEnter = false;
    const enterSlot = rule.usesEnter ? this.slots.get(cur.tid) : undefined;
    const enter = enterSlot?.valid ? enterSlot.view : undefined;
    for (let k = 0; k < rule.instrs.length; k++) {
      const ins = rule.instrs[k] as Instr;
      const at = keep + k;
      const pt = types[tbase + at] as number;
      switch (ins.kind) {
        case '-':
          srcBuf[at] = ZERO8;
          srcOff[at] = 0;
          srcLen[at] = 0;
          break;
        case 'd':
          this.setDefault(at, pt);
          break;
        case 'o':
          if (ins.index >= cur.nparams) return `${cur.name} has no parameter ${ins.index} to convert`;
          this.setSource(at, cur.buf, cur.pOff[ins.index] as number, cur.pLen[ins.index] as number, pt, maxVar);
          break;
        case 'e':
        case 'E': {
          if (enter === undefined || enter.type !== cur.type - 1) {
            // Missing (or mismatched) enter event: libs falls back to a default or empty value. It treats a
            // mismatched stored event as a fatal error; we keep reading and use the fallback instead.
            if (ins.kind === 'E') this.setSource(at, ZERO8, 0, 0, pt, maxVar);
            else this.setDefault(at, pt);
            break;
          }
          if (ins.index >= enter.nparams) return `stored ${enter.name} enter event has no parameter ${ins.index}`;
          usedEnter = true;
          this.setSource(at, enter.buf, enter.pOff[ins.index] as number, enter.pLen[ins.index] as number, pt, maxVar);
          break;
        }
        case 'j': {
          const json = containerJson(cur);
          if (json) this.setSource(at, json, 0, json.length, pt, maxVar);
          else this.setSource(at, ZERO8, 0, 0, pt, maxVar);
          break;
        }
        default:
          return `unknown conversion instruction ${ins.kind}`;
      }
    }
    let total = 26 + nparams * ls;
    for (let k = 0; k < nparams; k++) total += srcLen[k] as number;
    if (total > MAX_CONVERTED_LEN && total > cur.len) return `converted ${cur.name} event would be ${total} bytes`;
    let buf = this.scratch[slot] as Buffer;
    if (buf.length < total) {
      buf = Buffer.alloc(Math.max(total, buf.length * 2));
      this.scratch[slot] = buf;
    }
    // Header: ts, tid are unchanged; len, type, nparams are the converted ones. Byte stores rather than
    // Buffer.write* (measured faster on this hot path); offsets go straight into the view, no re-parse.
    writeU32(buf, 0, cur.tsLo);
    writeU32(buf, 4, cur.tsHi);
    writeI64(buf, 8, cur.tid);
    writeU32(buf, 16, total);
    buf[20] = newType & 0xff;
    buf[21] = (newType >>> 8) & 0xff;
    writeU32(buf, 22, nparams);
    out.ensureParamCapacity(nparams);
    const pOff = out.pOff;
    const pLen = out.pLen;
    let l = 26;
    let v = 26 + nparams * ls;
    for (let k = 0; k < nparams; k++) {
      const len = srcLen[k] as number;
      if (ls === 2) {
        buf[l] = len & 0xff;
        buf[l + 1] = (len >>> 8) & 0xff;
      } else writeU32(buf, l, len);
      l += ls;
      pOff[k] = v;
      pLen[k] = len;
      if (len) copyBytes(srcBuf[k] as Uint8Array, srcOff[k] as number, len, buf, v);
      v += len;
    }
    if (usedEnter && enterSlot?.valid) {
      enterSlot.valid = false;
      this.live--;
    }
    out.buf = buf;
    out.off = 0;
    out.hdrLen = 26;
    out.lenSize = ls;
    out.schema = schema;
    out.copyOrigin(cur);
    out.len = total;
    out.type = newType;
    out.nparams = nparams;
    out.converted = true;
    out.legacyOnly = false;
    return undefined;
  }
}

/** The JSON parameter of a container event (272) built from an oldest-layout container event (228). */
function containerJson(e: ScapEvent): Buffer | undefined {
  if (e.nparams < 4 || e.pLen[1] !== 4) return undefined;
  const id = e.paramString(0) ?? '';
  const type = u32(e.buf, e.pOff[1] as number);
  const name = e.paramString(2) ?? '';
  const image = e.paramString(3) ?? '';
  const json = `{"id":"${id}","type":${type},"name":"${name}","image":"${image}"}`;
  return Buffer.from(json + '\0', 'utf8');
}
