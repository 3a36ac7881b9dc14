// A rules directory of N files costs N compilations, not N² (issue 16): measured by counting condition
// compilations and parses, not by a timer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';
import { fixturePath } from '../helpers/paths.js';

const counts = vi.hoisted(() => ({ compileFilter: 0, parseCondition: 0 }));

vi.mock('../../src/engine/condition/compile.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/engine/condition/compile.js')>();
  return {
    ...m,
    compileFilter: (...args: Parameters<typeof m.compileFilter>) => {
      counts.compileFilter++;
      return m.compileFilter(...args);
    },
  };
});
vi.mock('../../src/engine/condition/parser.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/engine/condition/parser.js')>();
  return {
    ...m,
    parseCondition: (...args: Parameters<typeof m.parseCondition>) => {
      counts.parseCondition++;
      return m.parseCondition(...args);
    },
  };
});

const N = 2000;
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'falco-replay-rules-dir-'));
  for (let i = 0; i < N; i++) {
    const id = String(i).padStart(4, '0');
    writeFileSync(
      join(dir, `r${id}.yaml`),
      `- list: l_${id}\n  items: [bin_${id}, other_${id}]\n- macro: m_${id}\n  condition: proc.name in (l_${id})\n` +
        `- rule: rule_${id}\n  desc: rule ${id}\n  condition: evt.type in (open, openat) and m_${id}\n  output: "opened %fd.name by %proc.name (${id})"\n  priority: WARNING\n`,
    );
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  counts.compileFilter = 0;
  counts.parseCondition = 0;
});

describe(`a rules directory of ${N} files`, () => {
  it('validates with one condition compilation per rule and one parse per macro and rule', async () => {
    const r = await cli(['validate', '-q', '-r', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(counts.compileFilter).toBeGreaterThanOrEqual(N);
    expect(counts.compileFilter).toBeLessThanOrEqual(2 * N);
    expect(counts.parseCondition).toBeLessThanOrEqual(3 * N);
  });

  it('replays with one condition compilation per rule', async () => {
    const r = await cli(['run', fixturePath('demo.scap'), '-r', dir, '--no-summary', '--no-progress']);
    expect(r.code).toBe(0);
    expect(counts.compileFilter).toBeGreaterThanOrEqual(N);
    expect(counts.compileFilter).toBeLessThanOrEqual(2 * N);
    expect(counts.parseCondition).toBeLessThanOrEqual(3 * N);
  });
});
