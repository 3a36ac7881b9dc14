// Checkpoints of the state tables: a detached deep copy of everything the event parsers read and write, taken
// between two events and restored into an inspector of the same profile, so that the events after the
// checkpoint parse exactly as they did in the full replay (docs/sinsp-semantics.md#state-checkpoints).
import { ScapEvent } from '../../scap/index.js';

/** How a class with private (`#`) fields copies itself: the generic copy cannot see those fields. */
export interface Cloneable {
  cloneWith(k: Cloner): object;
}

export interface Cloner {
  /** A deep copy of `v`; objects reached twice are copied once, so sharing (copy-on-write tables, cycles) survives. */
  clone<T>(v: T): T;
  /** Register `copy` as the copy of `src`, then copy `src`'s own enumerable properties onto it. */
  fill(src: object, copy: object): void;
}

/**
 * A cloner that keeps the objects in `shared` (sentinels compared by identity, such as the empty fd table every
 * new thread starts with) and frozen objects as they are, shares functions, detaches event views from their
 * reused buffers, and copies everything else with its prototype.
 */
export function makeCloner(shared: Iterable<object>): Cloner {
  const memo = new Map<object, unknown>();
  for (const s of shared) memo.set(s, s);
  const fill = (src: object, copy: object): void => {
    memo.set(src, copy);
    const from = src as Record<string, unknown>;
    const to = copy as Record<string, unknown>;
    for (const key of Object.keys(from)) to[key] = clone(from[key]);
  };
  const clone = <T>(v: T): T => {
    if (v === null || typeof v !== 'object') return v;
    const o = v as object;
    const known = memo.get(o);
    if (known !== undefined) return known as T;
    if (Object.isFrozen(o)) return v;
    let out: unknown;
    if (o instanceof ScapEvent) out = o.detach();
    else if (Buffer.isBuffer(o)) out = Buffer.from(o);
    else if (ArrayBuffer.isView(o)) out = (o as unknown as Uint8Array).slice();
    else if (o instanceof Map) {
      const m = new Map<unknown, unknown>();
      memo.set(o, m);
      for (const [k, x] of o as Map<unknown, unknown>) m.set(clone(k), clone(x));
      return m as T;
    } else if (o instanceof Set) {
      const s = new Set<unknown>();
      memo.set(o, s);
      for (const x of o as Set<unknown>) s.add(clone(x));
      return s as T;
    } else if (Array.isArray(o)) {
      const a = new Array<unknown>(o.length);
      memo.set(o, a);
      for (let i = 0; i < o.length; i++) a[i] = clone(o[i] as unknown);
      return a as T;
    } else if (typeof (o as Partial<Cloneable>).cloneWith === 'function') {
      return (o as Cloneable).cloneWith(cloner) as T;
    } else {
      const copy = Object.create(Object.getPrototypeOf(o) as object | null) as object;
      fill(o, copy);
      return copy as T;
    }
    memo.set(o, out);
    return out as T;
  };
  const cloner: Cloner = { clone, fill };
  return cloner;
}
