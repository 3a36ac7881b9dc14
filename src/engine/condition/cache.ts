// Per-event memoisation of extracted values, shared by every compiled condition of a ruleset: each distinct
// field expression gets a slot stamped with the epoch of the event it was computed for.
import type { EvalContext, Extractor, FieldArg, FieldValue } from '../fields/types.js';

export type Getter = (ctx: EvalContext) => FieldValue | undefined;

export class ExtractionCache {
  readonly #getters = new Map<string, Getter>();
  readonly #stamps: number[] = [];
  readonly #values: (FieldValue | undefined)[] = [];

  /** A getter for `key` that runs `compute` at most once per event epoch. */
  getter(key: string, compute: Getter): Getter {
    const known = this.#getters.get(key);
    if (known) return known;
    const slot = this.#stamps.length;
    const stamps = this.#stamps;
    const values = this.#values;
    stamps.push(Number.NaN);
    values.push(undefined);
    const g: Getter = (ctx) => {
      if (stamps[slot] === ctx.epoch) return values[slot];
      const v = compute(ctx);
      stamps[slot] = ctx.epoch;
      values[slot] = v;
      return v;
    };
    this.#getters.set(key, g);
    return g;
  }

  /**
   * {@link getter} for a bound field: calls `extract(ctx, arg)` itself, one closure fewer per extraction than
   * `getter(key, (ctx) => extract(ctx, arg))`.
   */
  fieldGetter(key: string, extract: Extractor, arg: FieldArg | undefined): Getter {
    const known = this.#getters.get(key);
    if (known) return known;
    const slot = this.#stamps.length;
    const stamps = this.#stamps;
    const values = this.#values;
    stamps.push(Number.NaN);
    values.push(undefined);
    const g: Getter = (ctx) => {
      if (stamps[slot] === ctx.epoch) return values[slot];
      const v = extract(ctx, arg);
      stamps[slot] = ctx.epoch;
      values[slot] = v;
      return v;
    };
    this.#getters.set(key, g);
    return g;
  }

  /** Number of distinct cached expressions. */
  get size(): number {
    return this.#stamps.length;
  }
}
