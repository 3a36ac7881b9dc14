// The CLI raises V8's interrupt budget before any other code runs (docs/architecture.md#start-up).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deferOptimisation, growYoungGeneration, SEMI_SPACE_GROWTH_FACTOR, START_UP_INTERRUPT_BUDGET } from '../../src/cli/tiering.js';

describe('start-up tiering', () => {
  it('is the first import of the CLI entry, so it precedes the code of every other module', () => {
    const main = readFileSync(new URL('../../src/cli/main.ts', import.meta.url), 'utf8');
    const imports = main.split('\n').filter((l) => l.startsWith('import '));
    expect(imports[0]).toBe("import './tiering.js';");
  });

  it('leaves an interrupt budget given to node alone', () => {
    expect(deferOptimisation(['--interrupt-budget=1000'])).toBe(false);
    expect(deferOptimisation(['--stack-size=2000'])).toBe(true);
    expect(START_UP_INTERRUPT_BUDGET).toBe(675_840);
  });

  it('leaves a young-generation growth factor given to node alone', () => {
    expect(growYoungGeneration(['--semi-space-growth-factor=2'])).toBe(false);
    expect(growYoungGeneration(['--semi_space_growth_factor=8'])).toBe(false);
    expect(growYoungGeneration(['--interrupt-budget=1000'])).toBe(true);
    expect(SEMI_SPACE_GROWTH_FACTOR).toBe(4);
  });
});
