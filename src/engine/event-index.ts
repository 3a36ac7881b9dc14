// The event index of a replayed capture: byte offsets of every Nth event and of every alert's event, and
// checkpoints of the state tables every K events, recorded during the replay or by a state-only read of its
// own after it (`build`). Opening an event (or a range around it) later re-reads from the nearest checkpoint
// instead of keeping events in memory or replaying the capture from its start
// (docs/sinsp-semantics.md#state-checkpoints has the measurements behind K and behind the separate read).
import type { Diagnostic } from '../common/index.js';
import { readCaptureStream, type ByteSource, type ResumePoint, type ScapDecoder, type ScapEvent } from '../scap/index.js';
import type { Inspector, StateCheckpoint } from './state/inspector.js';

/** The code of the diagnostic an index's own read ends with when it could not reach the replay's last event. */
export const INDEX_READ_CODES = {
  INDEX_READ: "The event index's read of the capture stopped before the last event the replay read; later events cannot be opened.",
} as const;

/** Offsets are kept for every event whose number is a multiple of this. */
export const OFFSET_EVERY = 1024;
/** A state checkpoint is taken at the first event at least this many events after the previous one. */
export const CHECKPOINT_EVERY = 8192;
/**
 * Share of the replay's time the checkpoints may take: a due checkpoint is put off while they took more, by at
 * most {@link MAX_DELAY} spacings (so an open parses at most that many times K events more).
 */
export const CHECKPOINT_BUDGET = 0.05;
export const MAX_DELAY = 2;

/** CPU time of this process (user + system), in ms: on a shared machine wall time mostly measures the others. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Checkpoints kept at most (then every other one is dropped and the spacing doubles). */
export const MAX_CHECKPOINTS = 2048;
/** Alert offsets kept at most (alert events beyond are found from the nearest Nth-event offset). */
export const MAX_ALERT_OFFSETS = 4_000_000;

interface Checkpoint {
  readonly resume: ResumePoint;
  readonly state: StateCheckpoint;
}

/** How to read a capture again: its bytes from an offset, and a fresh state engine like the replay's. */
export interface IndexSource {
  readonly name: string;
  /** The capture's raw bytes from `offset` (a plain capture; offset 0 may be gzip). */
  readonly openAt: (offset: number) => ByteSource;
  /** A new inspector with the replay's options (profile, enter events, zone). */
  readonly inspector: () => Inspector;
}

/** A growable list of (event number, offset) pairs in event order. */
class OffsetList {
  #data = new Float64Array(2048);
  #n = 0;
  readonly #max: number;
  constructor(max: number) {
    this.#max = max;
  }
  get length(): number {
    return this.#n;
  }
  push(num: number, offset: number): void {
    if (this.#n >= this.#max) return;
    const at = this.#n * 2;
    if (this.#n > 0 && (this.#data[at - 2] as number) >= num) return;
    if (at + 2 > this.#data.length) {
      const d = new Float64Array(this.#data.length * 2);
      d.set(this.#data);
      this.#data = d;
    }
    this.#data[at] = num;
    this.#data[at + 1] = offset;
    this.#n++;
  }
  /** Index of the last pair with number ≤ num, or −1. */
  floor(num: number): number {
    let lo = 0;
    let hi = this.#n - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#data[mid * 2] as number) <= num) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }
  num(i: number): number {
    return this.#data[i * 2] as number;
  }
  offset(i: number): number {
    return this.#data[i * 2 + 1] as number;
  }
}

/** What a visit of a range of events is told for each event. */
export type EventVisitor = (e: ScapEvent, inspector: Inspector) => boolean | void;

/** How {@link EventIndex.build} reads. */
export interface BuildOptions {
  readonly signal?: AbortSignal;
  /** The last event the replay read (its number): the read stops there, and no later event can be opened. */
  readonly last?: number;
  /**
   * Told each event that reaches the rules, after the state engine parsed it (as in the replay): the TUI's
   * views count here instead of during the replay.
   */
  readonly observe?: (ctx: NonNullable<ReturnType<Inspector['next']>>, inspector: Inspector) => void;
}

/**
 * Built by a replay of one capture (pass it as `ReplayOptions.index`) or by {@link EventIndex.build}, then used to read any event again with
 * the state it had. Memory: two numbers per Nth event and per alert, and one state copy per checkpoint.
 */
export class EventIndex {
  readonly source: IndexSource;
  readonly #every: number;
  #checkpointEvery: number;
  readonly #offsets = new OffsetList(Number.MAX_SAFE_INTEGER);
  readonly #alerts = new OffsetList(MAX_ALERT_OFFSETS);
  #checkpoints: Checkpoint[] = [];
  #nextCheckpoint: number;
  /** The last checkpoint's event number; CPU time when the first event was recorded, and spent on checkpoints (ms). */
  #lastCheckpoint = 0;
  #started = -1;
  #checkpointCpu = 0;
  readonly #budget: number;
  #decoder: ScapDecoder | undefined;
  #gzip = false;
  /** Events read (the last event number seen). */
  events = 0;
  /** Milliseconds spent taking checkpoints (during the replay, or the build's read). */
  checkpointMs = 0;
  /** The state-only read recording the index (`build`), and whether it is over. */
  #building: Promise<void> | undefined;
  #built = false;
  /** Reads waiting for the build to pass their first event. */
  #waiters: { readonly num: number; readonly wake: () => void }[] = [];
  /** The last event that can be read (the replay's last): reads stop there. */
  #last = Number.POSITIVE_INFINITY;
  #failure: Diagnostic | undefined;

  constructor(source: IndexSource, opts: { offsetEvery?: number; checkpointEvery?: number; budget?: number } = {}) {
    this.source = source;
    this.#budget = opts.budget ?? CHECKPOINT_BUDGET;
    this.#every = Math.max(1, opts.offsetEvery ?? OFFSET_EVERY);
    this.#checkpointEvery = Math.max(1, opts.checkpointEvery ?? CHECKPOINT_EVERY);
    this.#nextCheckpoint = this.#checkpointEvery;
  }

  get checkpoints(): number {
    return this.#checkpoints.length;
  }

  /** Whether events can be re-read from checkpoints (a gzip capture is re-read from its start). */
  get seekable(): boolean {
    return !this.#gzip;
  }

  // ---- recording (called by the replay) ----

  /** The decoder of the replay's read (gives the converter's pending enter events and gzip). */
  attach(decoder: ScapDecoder): void {
    this.#decoder = decoder;
  }

  /** An event was parsed by `inspector` (its state is now the state after the event). */
  event(e: ScapEvent, inspector: Pick<Inspector, 'checkpoint'>): void {
    const num = e.num;
    this.events = num;
    if (num % this.#every === 0) this.#offsets.push(num, e.blockOffset);
    if (this.#started < 0) this.#started = cpuMs();
    if (num < this.#nextCheckpoint) return;
    // Over budget (a large state, or a cheap replay): put it off, up to MAX_DELAY spacings after the last one.
    if (num - this.#lastCheckpoint < this.#checkpointEvery * MAX_DELAY && this.#checkpointCpu > this.#budget * (cpuMs() - this.#started)) {
      this.#nextCheckpoint = num + (this.#checkpointEvery >> 3 || 1);
      return;
    }
    const dec = this.#decoder;
    if (!dec) return;
    if (dec.summary.gzip) {
      this.#gzip = true;
      this.#nextCheckpoint = Number.MAX_SAFE_INTEGER;
      return;
    }
    // A resumed read starts at the next block (the decoder is in the handler call of this event's block).
    const next = dec.blockEnd;
    if (next <= e.blockOffset) return;
    const t0 = performance.now();
    const c0 = cpuMs();
    // The converter's stored enter events are part of the state a resumed read needs.
    this.#checkpoints.push({ resume: { offset: next, section: e.section, events: num, stored: dec.storedEnterEvents() }, state: inspector.checkpoint() });
    if (this.#checkpoints.length >= MAX_CHECKPOINTS) {
      this.#checkpoints = this.#checkpoints.filter((_, i) => i % 2 === 1);
      this.#checkpointEvery *= 2;
    }
    this.#nextCheckpoint = num + this.#checkpointEvery;
    this.#lastCheckpoint = num;
    this.#checkpointCpu += cpuMs() - c0;
    this.checkpointMs += performance.now() - t0;
  }

  /** The event an alert is about (its offset is kept so that it can be read back without a scan). */
  alert(e: ScapEvent): void {
    this.#alerts.push(e.num, e.blockOffset);
  }

  /**
   * Record the index by a read of its own, from the capture's start with a fresh state engine (the replay's
   * options, no rules), instead of during the replay: the replay keeps its speed and its reader pipeline, and
   * the index costs a state-only pass once the replay is over. It stops at `last`, the replay's last event, so
   * a bounded replay (`-M`) bounds it too. A read asked for while it runs waits until it has passed the read's
   * first event. Called again, returns the same pass. Never rejects: when it cannot reach `last` (the capture
   * changed, damage the replay did not meet, an I/O error, an exception) it keeps what it recorded and
   * {@link failure} says why, with the file and offset. Does nothing on an index a replay recorded.
   */
  build(opts: BuildOptions = {}): Promise<void> {
    // Recorded by a replay already: a second recording would interleave its checkpoints with the first's.
    if (!this.#building && this.events > 0) return Promise.resolve();
    if (!this.#building && opts.last !== undefined && opts.last >= 0) this.#last = opts.last;
    this.#building ??= this.#record(opts).finally(() => {
      this.#built = true;
      this.#wake(Number.POSITIVE_INFINITY);
    });
    return this.#building;
  }

  async #record(opts: BuildOptions): Promise<void> {
    const insp = this.source.inspector();
    const last = this.#last;
    const observe = opts.observe;
    const signal = opts.signal;
    let at = 0;
    try {
      const read = await readCaptureStream(
        this.source.openAt(0),
        {
          ...insp.stateHandler,
          event: (e) => {
            if (e.num > last) return false;
            at = e.blockOffset;
            const ctx = insp.next(e);
            if (observe && ctx) observe(ctx, insp);
            this.event(e, insp);
            if (this.#waiters.length > 0) this.#wake(e.num);
            return e.num < last;
          },
        },
        { ...insp.readOptions, fileName: this.source.name, onStart: (d: ScapDecoder) => this.attach(d), ...(signal ? { signal } : {}) },
      );
      // The reader turns I/O errors and exceptions of the handler into error diagnostics.
      const why = read.diagnostics.find((d) => d.severity === 'error');
      if (signal?.aborted || this.events >= last || (last === Number.POSITIVE_INFINITY && read.complete && !why)) return;
      // Short of the replay's last event: the read's own error says where, else the capture ended early.
      // Not before the block of the last event started (an exception's diagnostic may carry an earlier offset).
      const where = Math.max(why?.location?.offset ?? read.bytes, at);
      const ended = last === Number.POSITIVE_INFINITY ? 'the capture could not be read to the end' : `the capture ended before event ${last}, the last the replay read`;
      this.#failure = { code: 'INDEX_READ', severity: 'error', message: why ? why.message : ended, location: { file: this.source.name, offset: where } };
    } catch (e) {
      this.#failure = { code: 'INDEX_READ', severity: 'error', message: e instanceof Error ? e.message : String(e), location: { file: this.source.name, offset: at } };
    }
  }

  /** Why the build's read stopped short (file and offset), when it did: events after {@link events} cannot be read. */
  get failure(): Diagnostic | undefined {
    return this.#failure;
  }

  /** The last event that can be read: the replay's last event given to {@link build} (infinite when none was). */
  get last(): number {
    return this.#last;
  }

  #wake(upTo: number): void {
    const keep = this.#waiters.filter((w) => w.num > upTo);
    if (keep.length === this.#waiters.length) return;
    for (const w of this.#waiters) if (w.num <= upTo) w.wake();
    this.#waiters = keep;
  }

  /** The build's pass, when one was started: resolves once it is over. */
  get ready(): Promise<void> {
    return this.#building ?? Promise.resolve();
  }

  // ---- reading back ----

  /** The byte offset of event `num`'s block, when the index holds it (every Nth event and alert events). */
  offsetOf(num: number): number | undefined {
    for (const list of [this.#alerts, this.#offsets]) {
      const i = list.floor(num);
      if (i >= 0 && list.num(i) === num) return list.offset(i);
    }
    return undefined;
  }

  /** The checkpoint to start from for event `num`: the last one taken before it. */
  #checkpointFor(num: number): Checkpoint | undefined {
    let lo = 0;
    let hi = this.#checkpoints.length - 1;
    let best: Checkpoint | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.#checkpoints[mid] as Checkpoint;
      if (c.resume.events < num) {
        best = c;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  /**
   * Read events `from`..`to` (event numbers, inclusive) again with their state: each is given to `visit` after
   * the inspector parsed it, as in the replay. `visit` returning false stops the read. Events before `from`
   * since the nearest checkpoint are parsed, not visited.
   */
  async visit(from: number, to: number, visit: EventVisitor, signal?: AbortSignal): Promise<void> {
    if (from > this.#last) throw new Error(`event ${from} is past the last event the replay read (${this.#last})`);
    to = Math.min(to, this.#last);
    if (this.#building && !this.#built && this.events < from) await new Promise<void>((wake) => this.#waiters.push({ num: from, wake }));
    const failed = this.#failure;
    if (failed && from > this.events) throw new Error(`the event index is unavailable after event ${this.events}: ${failed.location?.file ?? ''}: offset ${failed.location?.offset ?? 0}: ${failed.message}`);
    const cp = this.seekable ? this.#checkpointFor(from) : undefined;
    const insp = this.source.inspector();
    if (cp) insp.restore(cp.state);
    await readCaptureStream(
      this.source.openAt(cp ? cp.resume.offset : 0),
      {
        ...insp.stateHandler,
        event: (e) => {
          insp.next(e);
          if (e.num >= from && visit(e, insp) === false) return false;
          return e.num < to;
        },
      },
      { ...insp.readOptions, fileName: this.source.name, ...(cp ? { resume: cp.resume } : {}), ...(signal ? { signal } : {}) },
    );
  }
}
