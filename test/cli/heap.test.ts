// The CLI's bound on V8's heap growth (src/cli/heap.ts): applied by default, never over the user's own choice.
import { describe, expect, it } from 'vitest';
import { boundHeapGrowth, HEAP_GROWING_PERCENT } from '../../src/cli/heap.js';

const applied = (execArgv: string[], nodeOptions?: string): string[] => {
  const set: string[] = [];
  boundHeapGrowth(execArgv, nodeOptions, (f) => set.push(f));
  return set;
};

describe('heap growth bound', () => {
  it('sets V8\'s growing factor when node was started without one', () => {
    expect(applied([])).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
    expect(applied(['--enable-source-maps'], '--max-old-space-size=8192')).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it('leaves a factor the user gave on the command line or in NODE_OPTIONS alone', () => {
    expect(applied(['--heap-growing-percent=100'])).toEqual([]);
    expect(applied(['--heap_growing_percent=5'])).toEqual([]);
    expect(applied([], '--trace-gc --heap-growing-percent=80')).toEqual([]);
  });

  it('is a growth factor, not a size limit: nothing caps the heap a large capture needs', () => {
    expect(HEAP_GROWING_PERCENT).toBeGreaterThan(0);
    expect(applied([]).join(' ')).not.toMatch(/max-old-space-size|max-heap-size/);
  });
});
