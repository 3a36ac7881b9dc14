// The scap reader: frames blocks from a chunked byte stream, parses sections and metadata into typed records,
// and turns event blocks into ScapEvent views (one reused view, no allocation per event on the common path).
// It never throws on bad input: problems become diagnostics with byte offsets, and everything before the
// damage is delivered.
import type { Diagnostic } from '../common/index.js';
import { i64, u16, u32 } from './bytes.js';
import { EventConverter, Outcome } from './convert.js';
import { scapDiagnostic, type ScapCode } from './diagnostics.js';
import { ScapEvent } from './event.js';
import {
  BT,
  EVT_HDR_V1,
  EVT_HDR_V2,
  LIMITS,
  blockTypeName,
  hasDumpFlags,
  isEventBlock,
  isLargeEventBlock,
  isV1EventBlock,
  plVersion,
} from './format.js';
import { CURRENT_SCHEMA, type EventSchema } from './schema/schema.js';
import { EF } from './schema/types.js';
import {
  parseFdList,
  parseInterfaceList,
  parseMachineInfo,
  parseProcessList,
  parseSectionHeader,
  parseUserList,
  type BlockProblem,
  type FdEntry,
  type GroupEntry,
  type InterfaceEntry,
  type MachineInfo,
  type SectionHeader,
  type ThreadEntry,
  type UserEntry,
} from './state.js';

/** One framed block, as reported to `ScapHandler.block`. */
export interface BlockInfo {
  type: number;
  /** Offset of the block in the (decompressed) stream. */
  offset: number;
  /** Block total length from its header. */
  length: number;
  section: number;
}

/**
 * Receives what the reader finds, in file order. For each section: `section`, then its metadata records
 * (machine info, interfaces, users, groups, threads, fds — as they appear in the file), then its events.
 * The event view is reused: copy (`e.detach()`) what you keep. Return `false` from `event` to stop reading.
 */
export interface ScapHandler {
  section?(header: SectionHeader): void;
  machineInfo?(info: MachineInfo): void;
  iface?(entry: InterfaceEntry): void;
  user?(entry: UserEntry): void;
  group?(entry: GroupEntry): void;
  thread?(entry: ThreadEntry): void;
  fd?(entry: FdEntry): void;
  block?(info: BlockInfo): void;
  event?(event: ScapEvent): boolean | void;
  diagnostic?(d: Diagnostic): void;
}

export interface ReadOptions {
  /** File name used in diagnostics. */
  fileName?: string;
  /** Event table generation to decode with (default: current libs). */
  schema?: EventSchema;
  /**
   * Normalise old event layouts to current ones (libs ≥ 0.20 converter semantics): converter-managed enter
   * events are stored and merged into the next exit event of their thread and not delivered. Default false:
   * events exactly as in the file (sysdig parity).
   */
  convert?: boolean;
  /**
   * With `convert`: still deliver the enter events current libs would not (stored for merging or dropped as
   * old layouts), marked `legacyOnly`, next to the converted exit events (a "legacy" replay mode).
   */
  keepEnterEvents?: boolean;
  /** Cap for metadata and LARGE event blocks (default 64 MiB). */
  maxBlockBytes?: number;
  /** Diagnostics reported before the rest are only counted (default 200). */
  maxDiagnostics?: number;
  signal?: AbortSignal;
  /**
   * Start decoding in the middle of a plain capture, at an event block boundary recorded by an earlier read:
   * the bytes given start at stream offset `offset`, in section `section`, after `events` numbered events.
   * Offsets in events and diagnostics stay those of the whole file.
   */
  resume?: ResumePoint;
}

/** Where a read of the events of a capture can start again (see {@link ReadOptions.resume}). */
export interface ResumePoint {
  readonly offset: number;
  readonly section: number;
  readonly events: number;
  /** With `convert`: the enter events the converter held there (see {@link ScapDecoder.storedEnterEvents}). */
  readonly stored?: readonly ScapEvent[];
}

export interface ReadSummary {
  /** Events delivered (the last event number). */
  events: number;
  /** Events skipped because their code is unknown to the schema. */
  unknownEvents: number;
  /** Malformed events skipped. */
  badEvents: number;
  /** Events the converter dropped or stored (converted mode). */
  droppedEvents: number;
  sections: number;
  blocks: number;
  /** Bytes of (decompressed) capture consumed. */
  bytes: number;
  gzip: boolean;
  /** True when the stream ended at a block boundary with no fatal error. */
  complete: boolean;
  stopped?: 'handler' | 'error' | 'abort';
  diagnostics: Diagnostic[];
  /** Diagnostics counted beyond `maxDiagnostics`. */
  suppressedDiagnostics: number;
}

/** The summary of a read that has not delivered anything yet. */
export function emptyReadSummary(): ReadSummary {
  return {
    events: 0,
    unknownEvents: 0,
    badEvents: 0,
    droppedEvents: 0,
    sections: 0,
    blocks: 0,
    bytes: 0,
    gzip: false,
    complete: false,
    diagnostics: [],
    suppressedDiagnostics: 0,
  };
}

const enum Phase {
  START = 0,
  METADATA = 1,
  EVENTS = 2,
  DONE = 3,
}

/**
 * Incremental decoder: feed it chunks with `write`, then call `end`. Synchronous; the async helpers below
 * drive it from files, gzip streams or buffers.
 */
export class ScapDecoder {
  private readonly h: ScapHandler;
  private readonly file: string;
  private readonly schema: EventSchema;
  private readonly maxBlock: number;
  private readonly maxDiags: number;
  private readonly converter: EventConverter | undefined;
  private readonly keepEnter: boolean;
  private readonly ev = new ScapEvent();
  private readonly onEvent: ((e: ScapEvent) => boolean | void) | undefined;
  private readonly onBlock: ((b: BlockInfo) => void) | undefined;
  private phase = Phase.START;
  private section = -1;
  private sectionEvents = 0;
  private sectionStart = 0;
  private tids = new Set<number>();
  /** Bytes of an unfinished block carried to the next chunk. */
  private pending: Buffer[] = [];
  private pendingLen = 0;
  private pendingNeed = 0;
  /** Stream offset of byte 0 of the buffer being framed. */
  private base = 0;
  /** Bytes received so far. */
  private consumed = 0;
  private unknownByType = new Map<number, number>();
  private optionsWarned = 0;
  /** True while the block carried over from earlier chunks is handled (`consumed` not yet past this chunk). */
  private joining = false;
  /** Stream offset just past the block handled last (during a handler call: the block of the event). */
  private lastBlockEnd = 0;
  readonly summary: ReadSummary;

  constructor(handler: ScapHandler, options: ReadOptions = {}) {
    this.h = handler;
    this.file = options.fileName ?? '<capture>';
    this.schema = options.schema ?? CURRENT_SCHEMA;
    this.maxBlock = options.maxBlockBytes ?? LIMITS.METADATA_BLOCK;
    this.maxDiags = options.maxDiagnostics ?? 200;
    if (options.convert) {
      if (this.schema !== CURRENT_SCHEMA) throw new Error('conversion needs the current event schema');
      this.converter = new EventConverter({ schema: this.schema });
    }
    this.keepEnter = options.keepEnterEvents ?? false;
    this.onEvent = handler.event?.bind(handler);
    this.onBlock = handler.block?.bind(handler);
    this.ev.schema = this.schema;
    this.summary = emptyReadSummary();
    const r = options.resume;
    if (r) {
      this.phase = Phase.EVENTS;
      this.section = r.section;
      this.sectionEvents = 1;
      this.summary.events = r.events;
      this.base = this.consumed = r.offset;
      if (r.stored) this.converter?.restoreStored(r.stored);
    }
  }

  /** Detached copies of the enter events the converter holds for merging into their exits (none without conversion). */
  storedEnterEvents(): ScapEvent[] {
    return this.converter?.storedEvents() ?? [];
  }

  /** During an `event` callback: that event as the file holds it, before any conversion (a copy's source). */
  get fileEvent(): ScapEvent {
    return this.ev;
  }

  /** Events skipped so far per unknown event code (reported by `end()`). */
  get unknownCounts(): ReadonlyMap<number, number> {
    return this.unknownByType;
  }

  /** Bytes consumed so far: the summary's `bytes` once ended, or where a read stopped now would say it stopped. */
  get consumedBytes(): number {
    return this.consumed;
  }

  /** Stream offset just past the block handled last: in an event handler, where the block of that event ends. */
  get blockEnd(): number {
    return this.lastBlockEnd;
  }

  /** True while the block carried over from earlier chunks is handled (a stop there leaves `consumed` as it is). */
  get joiningBlock(): boolean {
    return this.joining;
  }

  get stopped(): boolean {
    return this.phase === Phase.DONE;
  }

  /** Feed the next chunk of (decompressed) capture bytes. Returns false once reading has stopped. */
  write(chunk: Uint8Array): boolean {
    if (this.phase === Phase.DONE) return false;
    const chunkBase = this.consumed;
    let off = 0;
    while (this.pendingLen > 0) {
      // Complete the block carried over from earlier chunks before framing this one.
      const need = this.pendingNeed === 0 ? 8 : this.pendingNeed;
      const take = Math.min(need - this.pendingLen, chunk.length - off);
      if (take > 0) this.pending.push(Buffer.from(chunk.subarray(off, off + take)));
      this.pendingLen += take;
      off += take;
      if (this.pendingLen < need) {
        this.consumed = chunkBase + chunk.length;
        return true;
      }
      const joined = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending, this.pendingLen);
      const blockStart = chunkBase + off - this.pendingLen;
      if (this.pendingNeed === 0) {
        const tl = this.checkHeader(joined, 0, blockStart);
        if (tl < 0) return false;
        this.pending = [joined];
        this.pendingNeed = tl;
        continue;
      }
      this.pending = [];
      this.pendingLen = 0;
      this.pendingNeed = 0;
      this.base = blockStart;
      this.joining = true;
      this.block(joined, 0, joined.length);
      this.joining = false;
      if ((this.phase as Phase) === Phase.DONE) return false;
    }
    this.base = chunkBase;
    this.frame(chunk, off);
    this.consumed = chunkBase + chunk.length;
    return (this.phase as Phase) !== Phase.DONE;
  }

  /** Frame every whole block in buf[start..] (buf[0] is at stream offset `this.base`); keep the remainder. */
  private frame(buf: Uint8Array, start: number): void {
    let p = start;
    const end = buf.length;
    while (end - p >= 8) {
      const tl = this.checkHeader(buf, p, this.base);
      if (tl < 0) return;
      if (end - p < tl) break;
      this.block(buf, p, tl);
      if (this.phase === Phase.DONE) return;
      p += tl;
    }
    if (p < end) {
      this.pending = [Buffer.from(buf.subarray(p, end))];
      this.pendingLen = end - p;
      this.pendingNeed = end - p >= 8 ? u32(buf, p + 4) : 0;
    }
  }

  /** Validate a block header at buf[p]; returns the total length, or −1 after a fatal diagnostic. */
  private checkHeader(buf: Uint8Array, p: number, base: number): number {
    const bt = u32(buf, p);
    const tl = u32(buf, p + 4);
    const off = base + p;
    if (this.phase === Phase.START && bt !== BT.SHB) {
      if (this.summary.blocks === 0 && this.section < 0) {
        this.fatal('SCAP_NOT_SCAP', `not a scap capture: the first block type is 0x${bt.toString(16)}, not a section header`, off);
        return -1;
      }
    }
    if (tl < 12) {
      this.fatal('SCAP_BAD_BLOCK_LENGTH', `${blockTypeName(bt)} block has an impossible total length ${tl}`, off + 4);
      return -1;
    }
    if (tl > this.maxBlock) {
      this.fatal('SCAP_BAD_BLOCK_LENGTH', `${blockTypeName(bt)} block length ${tl} exceeds the ${this.maxBlock}-byte cap`, off + 4);
      return -1;
    }
    return tl;
  }

  /** Handle one whole block at buf[p, p + tl). `this.base` maps buf offsets to stream offsets. */
  private block(buf: Uint8Array, p: number, tl: number): void {
    const bt = u32(buf, p);
    const off = this.base + p;
    this.summary.blocks++;
    this.lastBlockEnd = off + tl;
    const bodyStart = p + 8;
    const bodyEnd = p + tl - 4;
    if (this.onBlock !== undefined) this.onBlock({ type: bt, offset: off, length: tl, section: this.section });
    if (isEventBlock(bt)) {
      if (this.phase === Phase.START) return; // unreachable: the first block is an SHB
      if (!isLargeEventBlock(bt) && tl - 8 > LIMITS.EVENT_BLOCK_BODY) {
        if (!this.trailerOk(buf, p, tl)) {
          this.fatal('SCAP_BAD_BLOCK_LENGTH', `${blockTypeName(bt)} block length ${tl} exceeds the 65544 bytes its type allows`, off + 4);
          return;
        }
        this.warn('SCAP_BLOCK_TOO_LARGE', `${blockTypeName(bt)} block of ${tl} bytes exceeds the 65544 bytes its type allows; skipped`, off);
        return;
      }
      this.phase = Phase.EVENTS;
      this.eventBlock(buf, p, bt, bodyStart, bodyEnd, off);
      return;
    }
    if (bt === BT.SHB) {
      this.sectionHeader(buf, p, tl, off);
      return;
    }
    // Metadata and unknown blocks: the trailer must match, or the framing can no longer be trusted.
    if (!this.trailerOk(buf, p, tl)) {
      this.fatal('SCAP_TRAILER_MISMATCH', `${blockTypeName(bt)} block trailer ${u32(buf, p + tl - 4)} does not match its length ${tl}`, off + tl - 4);
      return;
    }
    if (this.phase === Phase.EVENTS) {
      this.warn(
        'SCAP_UNEXPECTED_BLOCK',
        `${blockTypeName(bt)} block after event blocks without a new section header; skipped (sysdig stops here)`,
        off,
      );
      return;
    }
    const base = this.base;
    let problem: BlockProblem | undefined;
    let code: ScapCode = 'SCAP_UNKNOWN_BLOCK';
    switch (bt) {
      case BT.MI:
      case BT.MI_INT: {
        const r = parseMachineInfo(buf, bodyStart, bodyEnd, base);
        if (r.info && this.h.machineInfo) this.h.machineInfo(r.info);
        problem = r.problem;
        code = 'SCAP_BAD_MACHINE_INFO';
        break;
      }
      case BT.FDL_V1:
      case BT.FDL_V1_INT:
      case BT.FDL_V2: {
        if (bodyEnd - bodyStart >= 8) {
          const tid = i64(buf, bodyStart);
          if (!this.tids.has(tid)) {
            this.warn('SCAP_FD_UNKNOWN_TID', `fd list for thread ${tid}, which is not in the process list (sysdig 0.29.3 refuses this)`, off);
          }
        }
        const emit = this.h.fd?.bind(this.h) ?? noop;
        problem = parseFdList(buf, bodyStart, bodyEnd, bt, base, emit);
        code = 'SCAP_BAD_FDLIST';
        break;
      }
      case BT.IL_V1:
      case BT.IL_V1_INT:
      case BT.IL_V2:
        problem = parseInterfaceList(buf, bodyStart, bodyEnd, bt, base, this.h.iface?.bind(this.h) ?? noop);
        code = 'SCAP_BAD_IFLIST';
        break;
      case BT.UL_V1:
      case BT.UL_V1_INT:
      case BT.UL_V2:
        problem = parseUserList(buf, bodyStart, bodyEnd, bt, base, this.h.user?.bind(this.h) ?? noop, this.h.group?.bind(this.h) ?? noop);
        code = 'SCAP_BAD_USERLIST';
        break;
      default:
        if (plVersion(bt) > 0) {
          const user = this.h.thread?.bind(this.h);
          problem = parseProcessList(buf, bodyStart, bodyEnd, bt, base, (t) => {
            this.tids.add(t.tid);
            if (user) user(t);
          });
          code = 'SCAP_BAD_PROCLIST';
        } else {
          this.warn('SCAP_UNKNOWN_BLOCK', `skipped ${blockTypeName(bt)} block of ${tl} bytes`, off);
        }
    }
    if (problem) this.warn(code, problem.message, problem.offset);
  }

  private trailerOk(buf: Uint8Array, p: number, tl: number): boolean {
    return u32(buf, p + tl - 4) === tl;
  }

  private sectionHeader(buf: Uint8Array, p: number, tl: number, off: number): void {
    if (this.section >= 0 && this.sectionEvents === 0 && this.phase !== Phase.EVENTS) {
      this.warn('SCAP_NO_EVENTS', `section ${this.section} has no event blocks`, this.sectionStart);
    }
    if (!this.trailerOk(buf, p, tl)) {
      this.fatal('SCAP_TRAILER_MISMATCH', `section header trailer ${u32(buf, p + tl - 4)} does not match its length ${tl}`, off + tl - 4);
      return;
    }
    const section = this.section + 1;
    const r = parseSectionHeader(buf, p + 8, p + tl - 4, section, this.base);
    if (r.problem) {
      this.fatal(r.problem.code as ScapCode, r.problem.message, r.problem.offset);
      return;
    }
    this.section = section;
    this.sectionStart = off;
    this.sectionEvents = 0;
    this.summary.sections++;
    this.tids = new Set();
    this.phase = Phase.METADATA;
    this.converter?.reset();
    if (r.header.options.length) {
      this.info('SCAP_SHB_OPTIONS', `section header has ${r.header.options.length} pcapng option(s); sysdig 0.29.3 cannot open such files`, off + 24);
    }
    this.h.section?.(r.header);
  }

  private eventBlock(buf: Uint8Array, p: number, bt: number, bodyStart: number, bodyEnd: number, off: number): void {
    const ev = this.ev;
    const schema = this.schema;
    const flagsLen = hasDumpFlags(bt) ? 4 : 0;
    const evOff = bodyStart + 2 + flagsLen;
    const avail = bodyEnd - evOff;
    const v1 = isV1EventBlock(bt);
    const hdr = v1 ? EVT_HDR_V1 : EVT_HDR_V2;
    if (avail < hdr) {
      this.badEvent(`${blockTypeName(bt)} block of ${bodyEnd - p + 4} bytes is too short for an event header`, off);
      return;
    }
    const type = u16(buf, evOff + 20);
    if (type >= schema.eventMax) {
      // libscap skips events newer than its table without numbering them.
      this.summary.unknownEvents++;
      this.unknownByType.set(type, (this.unknownByType.get(type) ?? 0) + 1);
      return;
    }
    ev.cpu = u16(buf, bodyStart);
    ev.flags = flagsLen ? u32(buf, bodyStart + 2) : 0;
    ev.blockType = bt;
    ev.blockOffset = off;
    ev.section = this.section;
    ev.converted = false;
    ev.legacyOnly = false;
    let err: string | undefined;
    if (!v1) {
      err = ev.setV2(buf, evOff, avail, schema);
    } else {
      err = this.setV1(buf, evOff, avail, type);
    }
    if (err !== undefined) {
      this.badEvent(`${ev.name ?? 'event'} (code ${type}) at block ${off}: ${err}`, off, v1 && err.startsWith('cannot recover') ? 'SCAP_BAD_NPARAMS' : 'SCAP_BAD_EVENT');
      return;
    }
    // Padding is 0–3 bytes (old notification/infra events also carry 3 bytes their length omits).
    const extra = avail - ev.len - (v1 && (type === 280 || type === 286) ? 3 : 0);
    if (extra >= 4 && this.optionsWarned < 20) {
      this.optionsWarned++;
      this.info('SCAP_EVENT_BLOCK_OPTIONS', `event block carries ${extra} bytes after its event (pcapng options); ignored`, off);
    }
    this.sectionEvents++;
    if (this.converter === undefined) {
      ev.num = ++this.summary.events;
      if (this.onEvent !== undefined && this.onEvent(ev) === false) this.stop('handler');
      return;
    }
    const outcome = this.converter.process(ev);
    const result = this.converter.result;
    if (this.converter.error !== undefined) this.warn('SCAP_CONVERT', `${ev.name} (code ${ev.type}): ${this.converter.error}`, off);
    if (outcome !== Outcome.PASS) {
      // Unused placeholders are dropped in every mode; enter events only when nobody wants to see them.
      const keep = this.keepEnter && ev.isEnter && !(ev.info.flags & EF.UNUSED);
      if (!keep) {
        this.summary.droppedEvents++;
        return;
      }
      result.legacyOnly = true;
    }
    result.num = ++this.summary.events;
    if (this.onEvent !== undefined && this.onEvent(result) === false) this.stop('handler');
  }

  /** Fill the view from a v1 event (22-byte header, nparams from the lengths, docs/scap-format.md#v1-events). */
  private setV1(buf: Uint8Array, o: number, avail: number, type: number): string | undefined {
    const ev = this.ev;
    ev.buf = buf;
    ev.off = o;
    ev.hdrLen = EVT_HDR_V1;
    ev.lenSize = 2;
    ev.schema = this.schema;
    ev.tsLo = u32(buf, o);
    ev.tsHi = u32(buf, o + 4);
    ev.tid = i64(buf, o + 8);
    let len = u32(buf, o + 16);
    ev.type = type;
    // Old writers stored notification and infra events 3 bytes too long.
    if (type === 280 || type === 286) len -= 3;
    ev.len = len;
    ev.nparams = 0;
    if (len < EVT_HDR_V1) return `event length ${len} is smaller than the 22-byte header`;
    if (len > avail) return `event length ${len} exceeds the ${avail} bytes of its block`;
    const lens = o + EVT_HDR_V1;
    const end = o + len;
    for (let n = this.schema.paramCount[type] as number; n >= 0; n--) {
      let v = lens + 2 * n;
      if (v > end) continue;
      for (let i = 0; i < n; i++) v += u16(buf, lens + 2 * i);
      if (v < end) return 'cannot recover the parameter count (values end before the event does)';
      if (v === end) {
        ev.nparams = n;
        return ev.computeOffsets(EVT_HDR_V1 + 2 * n);
      }
    }
    return 'cannot recover the parameter count (no count fits the event length)';
  }

  private badEvent(message: string, offset: number, code: ScapCode = 'SCAP_BAD_EVENT'): void {
    this.summary.badEvents++;
    this.warn(code, message, offset);
  }

  private stop(why: 'handler' | 'error' | 'abort'): void {
    this.phase = Phase.DONE;
    this.summary.stopped ??= why;
  }

  /** Stop reading at the caller's request (abort). */
  abort(): void {
    this.stop('abort');
  }

  /**
   * Take over a read that another decoder (a pipeline worker) had done as far as where this read stops: its
   * counts then, the diagnostics reported so far and the unknown event codes; `end()` then reports as that
   * decoder would have had its handler stopped it there.
   */
  adoptStopped(counts: Omit<ReadSummary, 'diagnostics' | 'gzip' | 'complete' | 'stopped'>, diagnostics: readonly Diagnostic[], unknownByType: ReadonlyMap<number, number>, why: 'handler' | 'abort'): void {
    Object.assign(this.summary, counts);
    this.summary.diagnostics.push(...diagnostics);
    this.consumed = counts.bytes;
    this.unknownByType = new Map(unknownByType);
    this.stop(why);
  }

  private fatal(code: ScapCode, message: string, offset: number): void {
    this.report(scapDiagnostic(code, 'error', message, this.file, offset));
    this.stop('error');
  }

  private warn(code: ScapCode, message: string, offset: number): void {
    this.report(scapDiagnostic(code, 'warning', message, this.file, offset));
  }

  private info(code: ScapCode, message: string, offset: number): void {
    this.report(scapDiagnostic(code, 'info', message, this.file, offset));
  }

  /** Record a diagnostic from outside the decoder (I/O, gzip). */
  report(d: Diagnostic): void {
    if (this.summary.gzip && d.location?.offset !== undefined && d.code !== 'SCAP_IO') {
      d.notes = [...(d.notes ?? []), 'the offset is in the decompressed stream'];
    }
    if (this.summary.diagnostics.length >= this.maxDiags && d.severity !== 'error') {
      this.summary.suppressedDiagnostics++;
      return;
    }
    this.summary.diagnostics.push(d);
    this.h.diagnostic?.(d);
  }

  /** Signal the end of input; reports truncation and returns the summary. */
  end(): ReadSummary {
    const s = this.summary;
    s.bytes = this.consumed;
    if (this.phase !== Phase.DONE) {
      if (this.pendingLen > 0) {
        const need = this.pendingNeed === 0 ? 8 : this.pendingNeed;
        const at = this.consumed - this.pendingLen;
        this.report(
          scapDiagnostic(
            'SCAP_TRUNCATED',
            'error',
            this.pendingNeed === 0
              ? `capture ends inside a block header (${this.pendingLen} of 8 bytes)`
              : `capture ends inside a ${blockTypeName(u32(this.pending[0] as Buffer, 0))} block (${this.pendingLen} of ${need} bytes)`,
            this.file,
            at,
          ),
        );
        this.pending = [];
        this.pendingLen = 0;
      } else if (this.section < 0) {
        // A file that could not be read at all is not also "empty".
        if (!s.diagnostics.some((d) => d.code === 'SCAP_IO')) this.report(scapDiagnostic(this.consumed === 0 ? 'SCAP_EMPTY' : 'SCAP_NOT_SCAP', 'error', this.consumed === 0 ? 'capture is empty' : 'no section header found', this.file, 0));
      } else {
        if (this.sectionEvents === 0 && this.phase !== Phase.EVENTS) {
          this.warn('SCAP_NO_EVENTS', `section ${this.section} has no event blocks`, this.sectionStart);
        }
        s.complete = true;
      }
      this.phase = Phase.DONE;
    }
    if (this.unknownByType.size) {
      const list = [...this.unknownByType].map(([t, n]) => `${n}× code ${t}`).join(', ');
      this.info('SCAP_UNKNOWN_EVENT', `skipped ${s.unknownEvents} event(s) unknown to the ${this.schema.id} event table: ${list}`, 0);
      this.unknownByType.clear();
    }
    if (s.suppressedDiagnostics) {
      s.diagnostics.push(scapDiagnostic('SCAP_TOO_MANY_DIAGNOSTICS', 'info', `${s.suppressedDiagnostics} further diagnostic(s) not shown`, this.file));
    }
    return s;
  }
}

function noop(): void {}
