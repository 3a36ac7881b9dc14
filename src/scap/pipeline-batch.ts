// The hand-over of the worker pipeline (pipeline.ts): everything a decoder delivered to its handler between two
// chunks, in order, packed into shared buffers (event bytes, one fixed-size record per event or metadata item) so
// that the thread running state and rules only points a view at them. Each event record also carries
// the reader's counts as they were at that event, so a handler that stops the read mid-batch gets the summary
// a single-threaded read would have given (docs/architecture.md#worker-pipeline).
import type { Diagnostic } from '../common/index.js';
import { copyBytes } from './bytes.js';
import type { ScapEvent } from './event.js';
import type { ReadSummary, ScapDecoder, ScapHandler } from './reader.js';
import type { EventSchema } from './schema/schema.js';

/** Int32 words per record. */
export const STRIDE = 20;
const KIND_EVENT = 0;
const KIND_SIDE = 1;

/** What a metadata record is (the ScapHandler callback it goes to). */
export const Side = {
  SECTION: 0,
  MACHINE_INFO: 1,
  IFACE: 2,
  USER: 3,
  GROUP: 4,
  THREAD: 5,
  FD: 6,
  DIAGNOSTIC: 7,
  /** A snapshot of the skipped unknown event codes (sent when it changed). */
  UNKNOWN: 8,
} as const;

/** The reader's counts at one point of the stream. */
export interface Counts {
  events: number;
  unknownEvents: number;
  badEvents: number;
  droppedEvents: number;
  sections: number;
  blocks: number;
  bytes: number;
  suppressedDiagnostics: number;
}

/**
 * One batch as posted. Its three buffers are SharedArrayBuffers, so posting shares them rather than copying them
 * (only their first records and bytes are used), and, unlike transferring, detaches nothing: the first buffer
 * detached in an isolate turns off V8's ArrayBufferDetaching protector there for good, and the typed-array code of
 * both threads (decoding on the worker, events and rules here) then runs slower (docs/architecture.md#worker-pipeline).
 */
export interface Batch {
  readonly data: SharedArrayBuffer;
  readonly recs: SharedArrayBuffer;
  readonly f64: SharedArrayBuffer;
  readonly count: number;
  /** Metadata records, structured-cloned (rare next to events). */
  readonly side: readonly unknown[];
  /** Counts at the end of the batch (where an abort between batches stops). */
  readonly end: Counts;
  /** Bytes the decoder had consumed when the batch began. */
  readonly start: number;
  readonly gzip: boolean;
  /** Raw (possibly compressed) bytes read from the file so far. */
  readonly raw: number;
}

function countsOf(s: ReadSummary, bytes: number): Counts {
  return {
    events: s.events,
    unknownEvents: s.unknownEvents,
    badEvents: s.badEvents,
    droppedEvents: s.droppedEvents,
    sections: s.sections,
    blocks: s.blocks,
    bytes,
    suppressedDiagnostics: s.suppressedDiagnostics,
  };
}

/** Spare record buffers handed back by the consumer (they never outlive a delivery: nothing keeps a view). */
export interface SpareRecords {
  readonly recs: SharedArrayBuffer;
  readonly f64: SharedArrayBuffer;
}

/**
 * A fresh shared buffer for event bytes, a new one per batch and never recycled: the events delivered from a batch
 * may keep views of it, and a shared buffer written again would change them under their holder.
 */
function eventBytes(n: number): Uint8Array<SharedArrayBuffer> {
  return new Uint8Array(new SharedArrayBuffer(n));
}

const sharedInt32 = (n: number): Int32Array<SharedArrayBuffer> => new Int32Array(new SharedArrayBuffer(n * 4));
const sharedFloat64 = (n: number): Float64Array<SharedArrayBuffer> => new Float64Array(new SharedArrayBuffer(n * 8));

/** A batch's event bytes above which the next batch does not start as large (gzip chunks inflate to a few MiB). */
const LARGE_BATCH = 16 << 20;

/** Packs what a decoder delivers; `take()` hands the batch over and starts a fresh one. */
export class BatchWriter {
  private data: Uint8Array<SharedArrayBuffer>;
  private recs: Int32Array<SharedArrayBuffer>;
  private f64: Float64Array<SharedArrayBuffer>;
  private dataCap: number;
  private dataLen = 0;
  private count = 0;
  private side: unknown[] = [];
  private unknownSeen = 0;
  private start = 0;
  private readonly spare: SpareRecords[] = [];

  /** `decoder` gives the decoder whose deliveries are packed (its live counts go with every event). */
  constructor(
    private readonly decoder: () => ScapDecoder,
    private readonly minDataCap = 256 << 10,
    private recCap = 8192,
  ) {
    this.dataCap = minDataCap;
    this.data = eventBytes(minDataCap);
    this.recs = sharedInt32(recCap * STRIDE);
    this.f64 = sharedFloat64(recCap * 2);
  }

  /** Take back the record buffers of a delivered batch, to fill again instead of allocating. */
  recycle(r: SpareRecords): void {
    if (r.recs.byteLength === this.recCap * STRIDE * 4 && r.f64.byteLength === this.recCap * 16) this.spare.push(r);
  }

  /** A ScapHandler that records into this writer (no `block` callback: the pipeline does not carry it). */
  handler(): ScapHandler {
    return {
      section: (x) => this.addSide(Side.SECTION, x),
      machineInfo: (x) => this.addSide(Side.MACHINE_INFO, x),
      iface: (x) => this.addSide(Side.IFACE, x),
      user: (x) => this.addSide(Side.USER, x),
      group: (x) => this.addSide(Side.GROUP, x),
      thread: (x) => this.addSide(Side.THREAD, x),
      fd: (x) => this.addSide(Side.FD, x),
      diagnostic: (x) => this.addSide(Side.DIAGNOSTIC, x),
      event: (e) => this.addEvent(e),
    };
  }

  private record(): number {
    if (this.count === this.recCap) {
      this.recCap *= 2;
      this.spare.length = 0; // the old size no longer fits
      const r = sharedInt32(this.recCap * STRIDE);
      r.set(this.recs);
      this.recs = r;
      const f = sharedFloat64(this.recCap * 2);
      f.set(this.f64);
      this.f64 = f;
    }
    return this.count++;
  }

  private checkUnknown(s: ReadSummary): void {
    if (s.unknownEvents !== this.unknownSeen) {
      this.unknownSeen = s.unknownEvents;
      this.addSide(Side.UNKNOWN, [...this.decoder().unknownCounts]);
    }
  }

  addSide(tag: number, value: unknown): void {
    const r = this.record() * STRIDE;
    this.recs[r] = KIND_SIDE;
    this.recs[r + 1] = this.side.length;
    this.recs[r + 2] = tag;
    this.side.push(value);
  }

  addEvent(e: ScapEvent): void {
    const dec = this.decoder();
    const s = dec.summary;
    if (s.unknownEvents !== this.unknownSeen) this.checkUnknown(s);
    const len = e.len;
    if (this.dataLen + len > this.dataCap) {
      while (this.dataLen + len > this.dataCap) this.dataCap *= 2;
      const d = eventBytes(this.dataCap);
      d.set(this.data.subarray(0, this.dataLen));
      this.data = d;
    }
    const at = this.dataLen;
    copyBytes(e.buf, e.off, len, this.data, at);
    this.dataLen += len;
    const i = this.record();
    const r = i * STRIDE;
    const recs = this.recs;
    recs[r] = KIND_EVENT;
    recs[r + 1] = at;
    recs[r + 2] = len;
    recs[r + 3] = e.type;
    recs[r + 4] = e.nparams;
    recs[r + 5] = e.hdrLen | (e.lenSize << 8) | (e.converted ? 1 << 16 : 0) | (e.legacyOnly ? 1 << 17 : 0);
    recs[r + 6] = e.tsLo;
    recs[r + 7] = e.tsHi;
    recs[r + 8] = e.cpu;
    recs[r + 9] = e.flags;
    recs[r + 10] = e.blockType;
    recs[r + 11] = e.section;
    recs[r + 12] = e.num;
    recs[r + 13] = s.droppedEvents;
    recs[r + 14] = s.badEvents;
    recs[r + 15] = s.unknownEvents;
    recs[r + 16] = s.blocks;
    recs[r + 17] = s.suppressedDiagnostics;
    recs[r + 18] = s.sections;
    recs[r + 19] = dec.joiningBlock ? 1 : 0;
    const f = this.f64;
    f[2 * i] = e.tid;
    f[2 * i + 1] = e.blockOffset;
  }

  /**
   * The batch so far, its buffers to post as they are (shared, no copy: `count` and the records say how much of
   * them is used); the writer starts a fresh one on new event bytes and on spare or new record buffers.
   */
  take(raw: number): Batch {
    const dec = this.decoder();
    const s = dec.summary;
    this.checkUnknown(s);
    const consumed = dec.consumedBytes;
    const data = this.data.buffer;
    const recs = this.recs.buffer;
    const f64 = this.f64.buffer;
    const batch: Batch = { data, recs, f64, count: this.count, side: this.side, end: countsOf(s, consumed), start: this.start, gzip: s.gzip, raw };
    this.start = consumed;
    // The next batch's bytes: about as many as this one used, so a posted buffer is mostly used; after an
    // outsized batch (a large metadata block) back to the least, growing again as needed.
    this.dataCap = this.dataLen > LARGE_BATCH ? this.minDataCap : Math.max(this.dataLen + (this.dataLen >>> 3), this.minDataCap);
    this.data = eventBytes(this.dataCap);
    const spare = this.spare.pop();
    this.recs = spare ? new Int32Array(spare.recs) : sharedInt32(this.recCap * STRIDE);
    this.f64 = spare ? new Float64Array(spare.f64) : sharedFloat64(this.recCap * 2);
    this.dataLen = 0;
    this.count = 0;
    this.side = [];
    return batch;
  }
}

/** Where replaying a batch stopped: at a record whose event the handler refused, or at its end. */
export interface BatchStop {
  /** The counts at the event the handler returned false for. */
  readonly counts: Counts;
}

/** The receiving side: the diagnostics and unknown codes seen so far (for a summary at a stop). */
export class BatchReader {
  readonly diagnostics: Diagnostic[] = [];
  unknown: ReadonlyMap<number, number> = new Map();

  constructor(
    private readonly h: ScapHandler,
    private readonly ev: ScapEvent,
    private readonly schema: EventSchema,
  ) {}

  /**
   * Deliver one batch to the handler, in order, pointing the one event view at the batch's bytes. Returns the
   * counts at the event the handler returned false for, or undefined when it took the whole batch.
   */
  deliver(b: Batch): BatchStop | undefined {
    const h = this.h;
    const ev = this.ev;
    // A Buffer, as a file chunk is on one thread (no copy).
    const data = Buffer.from(b.data);
    const recs = new Int32Array(b.recs);
    const f64 = new Float64Array(b.f64);
    const onEvent = h.event?.bind(h);
    for (let i = 0; i < b.count; i++) {
      const r = i * STRIDE;
      if (recs[r] === KIND_SIDE) {
        this.side(recs[r + 2] as number, b.side[recs[r + 1] as number]);
        continue;
      }
      const packed = recs[r + 5] as number;
      ev.buf = data;
      ev.off = recs[r + 1] as number;
      ev.len = recs[r + 2] as number;
      ev.type = recs[r + 3] as number;
      ev.nparams = recs[r + 4] as number;
      ev.hdrLen = packed & 0xff;
      ev.lenSize = (packed >>> 8) & 0xff;
      ev.converted = (packed & (1 << 16)) !== 0;
      ev.legacyOnly = (packed & (1 << 17)) !== 0;
      ev.tsLo = (recs[r + 6] as number) >>> 0;
      ev.tsHi = (recs[r + 7] as number) >>> 0;
      ev.cpu = recs[r + 8] as number;
      ev.flags = (recs[r + 9] as number) >>> 0;
      ev.blockType = (recs[r + 10] as number) >>> 0;
      ev.section = recs[r + 11] as number;
      ev.num = recs[r + 12] as number;
      ev.tid = f64[2 * i] as number;
      ev.blockOffset = f64[2 * i + 1] as number;
      ev.schema = this.schema;
      // The worker checked the event; the same bytes give the same offsets.
      ev.computeOffsets(ev.hdrLen + ev.nparams * ev.lenSize);
      if (onEvent !== undefined && onEvent(ev) === false) {
        return {
          counts: {
            events: ev.num,
            droppedEvents: recs[r + 13] as number,
            badEvents: recs[r + 14] as number,
            unknownEvents: recs[r + 15] as number,
            blocks: recs[r + 16] as number,
            suppressedDiagnostics: recs[r + 17] as number,
            sections: recs[r + 18] as number,
            // Where the decoder had got to: past this chunk, unless the event came from a block carried over.
            bytes: recs[r + 19] ? b.start : b.end.bytes,
          },
        };
      }
    }
    return undefined;
  }

  private side(tag: number, v: unknown): void {
    const h = this.h;
    switch (tag) {
      case Side.SECTION:
        h.section?.(v as Parameters<NonNullable<ScapHandler['section']>>[0]);
        break;
      case Side.MACHINE_INFO:
        h.machineInfo?.(v as Parameters<NonNullable<ScapHandler['machineInfo']>>[0]);
        break;
      case Side.IFACE:
        h.iface?.(v as Parameters<NonNullable<ScapHandler['iface']>>[0]);
        break;
      case Side.USER:
        h.user?.(v as Parameters<NonNullable<ScapHandler['user']>>[0]);
        break;
      case Side.GROUP:
        h.group?.(v as Parameters<NonNullable<ScapHandler['group']>>[0]);
        break;
      case Side.THREAD:
        h.thread?.(v as Parameters<NonNullable<ScapHandler['thread']>>[0]);
        break;
      case Side.FD:
        h.fd?.(v as Parameters<NonNullable<ScapHandler['fd']>>[0]);
        break;
      case Side.DIAGNOSTIC:
        this.diagnostics.push(v as Diagnostic);
        h.diagnostic?.(v as Diagnostic);
        break;
      case Side.UNKNOWN:
        this.unknown = new Map(v as [number, number][]);
        break;
    }
  }
}
