// One error class family: every error a layer throws on purpose is a FalcoReplayError, keeps its own name and
// exact message, and says where the problem is with `offset`.
import { describe, expect, it } from 'vitest';
import { FalcoReplayError, isFalcoReplayError } from '../../src/common/index.js';
import { compileFilter, CompileError, ConditionSyntaxError, FieldRegistry, parseCondition, parseOutputFormat, OutputFormatError } from '../../src/engine/index.js';
import { compileRegex, RegexError } from '../../src/engine/condition/matchers.js';
import { readRulesArgs, RulesFileError } from '../../src/cli/rules-files.js';
import { parseOption, ConfigError } from '../../src/cli/falco-config.js';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe('FalcoReplayError', () => {
  it('carries a diagnostic given at an API edge, with its code and offset', () => {
    const e = new FalcoReplayError({ code: 'SCAP_WRITE', severity: 'error', message: 'bad', location: { file: 'x.scap', offset: 12 } });
    expect([e.name, e.message, e.code, e.offset]).toEqual(['FalcoReplayError', 'bad', 'SCAP_WRITE', 12]);
    expect(e.diagnostic.location).toEqual({ file: 'x.scap', offset: 12 });
  });
  it('makes a diagnostic of a plain message, code and offset', () => {
    const e = new FalcoReplayError('broken', { code: 'X_CODE', offset: 3 });
    expect(e.diagnostic).toEqual({ code: 'X_CODE', severity: 'error', message: 'broken' });
    expect(e.offset).toBe(3);
  });
});

describe("each layer's errors", () => {
  const registry = new FieldRegistry();
  const cases: [string, () => unknown, new (...a: never[]) => Error, string][] = [
    ['condition syntax', () => parseCondition('evt.type = '), ConditionSyntaxError, 'ConditionSyntaxError'],
    ['condition compile', () => compileFilter(parseCondition('no.such.field = 1'), { registry, source: 'syscall' }), CompileError, 'CompileError'],
    ['regex', () => compileRegex('a\\d'), RegexError, 'RegexError'],
    ['output format', () => parseOutputFormat('%no.such.field', { registry, source: 'syscall' }), OutputFormatError, 'OutputFormatError'],
    ['rules file', () => readRulesArgs(['/nonexistent/rules.yaml']), RulesFileError, 'RulesFileError'],
    ['config option', () => parseOption('no equals sign'), ConfigError, 'ConfigError'],
  ];
  it.each(cases)('%s: a FalcoReplayError under its own name', (_label, f, cls, name) => {
    const e = thrown(f);
    expect(e).toBeInstanceOf(cls);
    expect(isFalcoReplayError(e)).toBe(true);
    expect((e as Error).name).toBe(name);
    expect(String(e)).toBe(`${name}: ${(e as Error).message}`);
  });
  it('report positions as offset', () => {
    expect((thrown(() => parseCondition('evt.type = ')) as ConditionSyntaxError).offset).toBe(11);
    expect((thrown(() => compileFilter(parseCondition('evt.type = open and no.such.field = 1'), { registry, source: 'syscall' })) as CompileError).offset).toBe(20);
    expect((thrown(() => parseOutputFormat('x %no.such.field', { registry, source: 'syscall' })) as OutputFormatError).offset).toBe(2);
  });
});
