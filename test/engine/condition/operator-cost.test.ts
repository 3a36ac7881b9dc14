// Operators other than glob on hostile sizes: a 60 KB value against a long constant stays linear.
import { describe, expect, it } from 'vitest';
import { evaluator } from '../../helpers/fake-event.js';

const timed = (run: () => void): number => {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
};

describe('operator cost on a 60 KB value and a long constant', () => {
  const buffer = new Uint8Array(60_000).fill(0x61);
  // "aaa…ab": a naive search compares almost the whole needle at every offset (60 K × 2 K byte compares).
  const hex = `${'61'.repeat(1999)}62`;

  it.each(['bcontains', 'contains'])('evt.buffer %s finds nothing in linear time', (op) => {
    const needle = op === 'bcontains' ? hex : `${'a'.repeat(1999)}b`;
    const check = evaluator(`evt.buffer ${op} "${needle}"`);
    const ms = timed(() => {
      for (let i = 0; i < 20; i++) expect(check({ 'evt.buffer': buffer })).toBe(false);
    });
    expect(ms).toBeLessThan(2000);
  });

  it('string operators find nothing in linear time', () => {
    const value = 'a'.repeat(60_000);
    const needle = `${'a'.repeat(3999)}b`;
    for (const op of ['contains', 'icontains', 'startswith', 'endswith', 'glob', 'iglob']) {
      const check = evaluator(`proc.cmdline ${op} "${op.endsWith('glob') ? `*${needle}*` : needle}"`);
      const ms = timed(() => {
        for (let i = 0; i < 20; i++) expect(check({ 'proc.cmdline': value })).toBe(false);
      });
      expect(ms, op).toBeLessThan(2000);
    }
  });
});
