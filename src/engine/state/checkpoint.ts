// Checkpoints of the state tables: a detached deep copy of everything the event parsers read and write, taken
// between two events and restored into an inspector of the same profile, so that the events after the
// checkpoint parse exactly as they did in the full replay (docs/sinsp-semantics.md#state-checkpoints).
// Successive checkpoints share the copies of what did not change between them (docs/sinsp-semantics.md#shared-checkpoints).
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

/** What a checkpoint reached: each object with its copy, and the keys and values of each plain copy. */
export interface CheckpointCopies {
  readonly copies: ReadonlyMap<object, unknown>;
  readonly shapes: ReadonlyMap<object, readonly [readonly string[], readonly unknown[]]>;
}

/** A cloner, and what it reached (what the next checkpoint may share). */
export interface SharingCloner extends Cloner, CheckpointCopies {}

/** Same length and elements (typed arrays: element values). */
function sameElements(a: ArrayLike<unknown>, b: ArrayLike<unknown>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A cloner that keeps the objects in `shared` (sentinels compared by identity, such as the empty fd table every
 * new thread starts with) and frozen objects as they are, shares functions, detaches event views from their
 * reused buffers, and copies everything else with its prototype.
 *
 * With `previous` (the {@link SharingCloner.copies} of the last checkpoint of the same state), an object whose
 * every property, element or entry copies to exactly what its previous copy holds is not copied again: the
 * previous copy is returned. Decided bottom-up, so a shared copy never reaches a changed object; in a cycle the
 * first object reached gets a fresh copy, which every other member then holds, so no member is shared.
 * Copies are never changed after the checkpoint (restoring copies them again), which is what makes sharing safe.
 * Classes with private fields (`cloneWith`) and event views are always copied afresh.
 */
export function makeCloner(shared: Iterable<object>, last?: CheckpointCopies): SharingCloner {
  const memo = new Map<object, unknown>();
  const previous = last?.copies;
  const previousShapes = last?.shapes;
  // Reading a copy's properties back is slow (copies are not in V8's fast mode), so they are kept aside.
  const shapes = new Map<object, readonly [readonly string[], readonly unknown[]]>();
  for (const s of shared) memo.set(s, s);
  // Property values and entries of the objects being copied, so an unchanged one needs no new container.
  const stack: unknown[] = [];
  const fill = (src: object, copy: object): void => {
    memo.set(src, copy);
    Object.assign(copy, src);
    // Only the properties holding objects are written again, with their copies.
    const vals = Object.values(src) as unknown[];
    let keys: string[] | undefined;
    for (let i = 0; i < vals.length; i++) {
      const x = vals[i];
      if (x === null || typeof x !== 'object') continue;
      keys ??= Object.keys(src);
      (copy as Record<string, unknown>)[keys[i] as string] = clone(x);
    }
  };
  const clone = <T>(v: T): T => {
    if (v === null || typeof v !== 'object') return v;
    const o = v as object;
    const known = memo.get(o);
    if (known !== undefined) return known as T;
    if (Object.isFrozen(o)) return v;
    const prev = previous?.get(o);
    let out: unknown;
    if (o instanceof ScapEvent) out = o.detach();
    else if (ArrayBuffer.isView(o)) {
      const bytes = o as unknown as Uint8Array;
      const same = prev !== undefined && Object.getPrototypeOf(prev) === Object.getPrototypeOf(o) && sameElements(prev as Uint8Array, bytes);
      out = same ? prev : Buffer.isBuffer(o) ? Buffer.from(o) : bytes.slice();
    } else if (o instanceof Map) return copyMap(o as Map<unknown, unknown>, prev) as T;
    else if (o instanceof Set) return copySet(o as Set<unknown>, prev) as T;
    else if (Array.isArray(o)) return copyArray(o as unknown[], prev) as T;
    else if (typeof (o as Partial<Cloneable>).cloneWith === 'function') return (o as Cloneable).cloneWith(cloner) as T;
    else return copyObject(o, prev) as T;
    memo.set(o, out);
    return out as T;
  };
  // Each copy is registered before its contents are copied (cycles reach it); when the previous copy is
  // shared instead, nothing reached the new one (see above), and the registration is replaced.
  const copyMap = (o: Map<unknown, unknown>, prev: unknown): Map<unknown, unknown> => {
    const m = new Map<unknown, unknown>();
    memo.set(o, m);
    const base = stack.length;
    for (const [k, x] of o) stack.push(clone(k), clone(x));
    let same = prev instanceof Map && prev.size === o.size;
    if (same) {
      let i = base;
      for (const [k, x] of prev as Map<unknown, unknown>) {
        if (stack[i] !== k || stack[i + 1] !== x) {
          same = false;
          break;
        }
        i += 2;
      }
    }
    if (same) memo.set(o, prev);
    else for (let i = base; i < stack.length; i += 2) m.set(stack[i], stack[i + 1]);
    stack.length = base;
    return same ? (prev as Map<unknown, unknown>) : m;
  };
  const copySet = (o: Set<unknown>, prev: unknown): Set<unknown> => {
    const s = new Set<unknown>();
    memo.set(o, s);
    const base = stack.length;
    for (const x of o) stack.push(clone(x));
    let same = prev instanceof Set && prev.size === o.size;
    if (same) {
      let i = base;
      for (const x of prev as Set<unknown>) {
        if (stack[i++] !== x) {
          same = false;
          break;
        }
      }
    }
    if (same) memo.set(o, prev);
    else for (let i = base; i < stack.length; i++) s.add(stack[i]);
    stack.length = base;
    return same ? (prev as Set<unknown>) : s;
  };
  const copyArray = (o: unknown[], prev: unknown): unknown[] => {
    const a = new Array<unknown>(o.length);
    memo.set(o, a);
    for (let i = 0; i < o.length; i++) a[i] = clone(o[i]);
    if (Array.isArray(prev) && sameElements(prev, a)) {
      memo.set(o, prev);
      return prev as unknown[];
    }
    return a;
  };
  // Builtins (Object.keys, Object.values, Object.assign) read and write the properties: property-by-property
  // access with computed keys is several times slower on these many-field records.
  const copyObject = (o: object, prev: unknown): object => {
    const proto = Object.getPrototypeOf(o) as object | null;
    const copy = Object.create(proto) as Record<string, unknown>;
    memo.set(o, copy);
    const vals = Object.values(o) as unknown[];
    let objects = false;
    for (let i = 0; i < vals.length; i++) {
      const x = vals[i];
      if (x !== null && typeof x === 'object') {
        vals[i] = clone(x);
        objects = true;
      }
    }
    const keys = Object.keys(o);
    const shape = prev !== undefined ? previousShapes?.get(prev as object) : undefined;
    if (shape !== undefined && Object.getPrototypeOf(prev) === proto && sameElements(shape[1], vals) && sameElements(shape[0], keys)) {
      memo.set(o, prev);
      shapes.set(prev as object, shape);
      return prev as object;
    }
    Object.assign(copy, o);
    if (objects) for (let i = 0; i < vals.length; i++) if (vals[i] !== null && typeof vals[i] === 'object') copy[keys[i] as string] = vals[i];
    shapes.set(copy, [keys, vals]);
    return copy;
  };
  const cloner: SharingCloner = { clone, fill, copies: memo, shapes };
  return cloner;
}
