// The timestamp merge of captures replayed side by side. Each capture is a lane whose clock is the running
// maximum of its event timestamps (a capture whose clock steps back does not hold the others up); an item
// queued on a lane is keyed by the lane's clock at that moment. An item leaves once no unfinished lane can
// still queue one with a smaller key; equal keys leave in lane order, so the capture given first comes first.
// Timestamps are (hi, lo) 32-bit word pairs: no BigInt on the hot path.

/** Compare two (hi, lo) 64-bit keys. */
const cmpKey = (aHi: number, aLo: number, bHi: number, bLo: number): number => (aHi !== bHi ? aHi - bHi : aLo - bLo);

export class LaneMerge<T> {
  readonly lanes: number;
  /** Each lane's clock. */
  readonly #hi: number[];
  readonly #lo: number[];
  readonly #done: boolean[];
  /** Per lane: queued items and their keys in parallel arrays, consumed from #head. */
  readonly #items: T[][];
  readonly #keyHi: number[][];
  readonly #keyLo: number[][];
  readonly #head: number[];
  /** The key of the item {@link pop} returned last (its lane's clock when it was queued). */
  poppedHi = 0;
  poppedLo = 0;

  constructor(lanes: number) {
    this.lanes = lanes;
    this.#hi = new Array<number>(lanes).fill(0);
    this.#lo = new Array<number>(lanes).fill(0);
    this.#done = new Array<boolean>(lanes).fill(false);
    this.#head = new Array<number>(lanes).fill(0);
    this.#items = Array.from({ length: lanes }, () => []);
    this.#keyHi = Array.from({ length: lanes }, () => []);
    this.#keyLo = Array.from({ length: lanes }, () => []);
  }

  /** A lane saw an event at (hi, lo): its clock moves forward to it (never back). */
  advance(lane: number, hi: number, lo: number): void {
    if (cmpKey(hi, lo, this.#hi[lane] as number, this.#lo[lane] as number) > 0) {
      this.#hi[lane] = hi;
      this.#lo[lane] = lo;
    }
  }

  /** Queue an item on a lane, keyed by the lane's clock now. */
  push(lane: number, item: T): void {
    (this.#items[lane] as T[]).push(item);
    (this.#keyHi[lane] as number[]).push(this.#hi[lane] as number);
    (this.#keyLo[lane] as number[]).push(this.#lo[lane] as number);
  }

  /** The lane has no more events. */
  finish(lane: number): void {
    this.#done[lane] = true;
  }

  isDone(lane: number): boolean {
    return this.#done[lane] as boolean;
  }

  /** The unfinished lane furthest behind in time (the first given on ties), or -1 when every lane is done. */
  next(): number {
    let best = -1;
    for (let i = 0; i < this.lanes; i++) {
      if (this.#done[i]) continue;
      if (best < 0 || cmpKey(this.#hi[i] as number, this.#lo[i] as number, this.#hi[best] as number, this.#lo[best] as number) < 0) best = i;
    }
    return best;
  }

  /** The next item no unfinished lane can still precede, or undefined (nothing queued, or it must wait). */
  pop(): T | undefined {
    let best = -1;
    let bHi = 0;
    let bLo = 0;
    for (let i = 0; i < this.lanes; i++) {
      const h = this.#head[i] as number;
      if (h >= (this.#items[i] as T[]).length) continue;
      const kHi = (this.#keyHi[i] as number[])[h] as number;
      const kLo = (this.#keyLo[i] as number[])[h] as number;
      if (best < 0 || cmpKey(kHi, kLo, bHi, bLo) < 0) {
        best = i;
        bHi = kHi;
        bLo = kLo;
      }
    }
    if (best < 0) return undefined;
    const low = this.next();
    if (low >= 0) {
      const c = cmpKey(bHi, bLo, this.#hi[low] as number, this.#lo[low] as number);
      if (c > 0 || (c === 0 && best > low)) return undefined;
    }
    this.poppedHi = bHi;
    this.poppedLo = bLo;
    const items = this.#items[best] as T[];
    const h = this.#head[best] as number;
    const item = items[h] as T;
    if (h + 1 === items.length) {
      items.length = 0;
      (this.#keyHi[best] as number[]).length = 0;
      (this.#keyLo[best] as number[]).length = 0;
      this.#head[best] = 0;
    } else {
      items[h] = undefined as T; // let the consumer own it alone
      this.#head[best] = h + 1;
    }
    return item;
  }

  /** Items queued and not yet popped. */
  get pending(): number {
    let n = 0;
    for (let i = 0; i < this.lanes; i++) n += (this.#items[i] as T[]).length - (this.#head[i] as number);
    return n;
  }
}
