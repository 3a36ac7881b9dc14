// How much the CLI lets V8's old generation grow between full collections (docs/sinsp-semantics.md#table-sizes-and-memory).
// V8 sets the next limit to up to 4× the live size after a full collection: with a full thread table (about
// 100 MB) live, promoted garbage then piles up to several times that before the next one. A growth factor of 1.3
// keeps the peak near the live size. It is a factor, not a cap: a capture that needs a larger heap still gets it.
import { setFlagsFromString } from 'node:v8';

/** Percent by which the old generation may grow past the live size before the next full collection. */
export const HEAP_GROWING_PERCENT = 30;

/**
 * Applies the CLI's heap growth bound unless the user chose one (`node --heap-growing-percent=N` or the same in
 * NODE_OPTIONS). Returns the flag set, or undefined when the user's own applies.
 */
export function boundHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
  setFlags: (flags: string) => void = setFlagsFromString,
): string | undefined {
  const given = [...execArgv, nodeOptions ?? ''].some((a) => /--heap[-_]growing[-_]percent\b/.test(a));
  if (given) return undefined;
  const flag = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
  setFlags(flag);
  return flag;
}
