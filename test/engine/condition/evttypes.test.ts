import { describe, expect, it } from 'vitest';
import { conditionEventCodes, eventCodesToNames, parseCondition, PPME_ASYNCEVENT_E } from '../../helpers/engine.js';
import { EVENTS, SYSCALL_NAMES } from '../../../src/scap/index.js';
import { loadYaml, summarize } from '../../helpers/rules.js';

const codes = (c: string) => conditionEventCodes(parseCondition(c), new Set(['container']));
const names = (c: string): string[] => [...eventCodesToNames(codes(c).codes())].sort();

describe('event codes a condition can match (docs/rules-language.md#event-type-index)', () => {
  it('takes the named events', () => {
    expect(names('evt.type = open')).toEqual(['open']);
    expect(names('evt.type in (open, execve) and proc.name = x')).toEqual(['execve', 'open']);
    expect(names('syscall.type = connect')).toEqual(['connect']);
    expect(codes('evt.type = open').size).toBe(EVENTS.filter((e) => e.name === 'open').length);
  });
  it('complements under != and not', () => {
    const open = codes('evt.type = open').size;
    expect(codes('evt.type != open').size).toBe(454 - open);
    expect(codes('not evt.type = open').size).toBe(454 - open);
    expect(codes('not evt.type != open').size).toBe(open);
    expect(codes('not evt.type in (open, close)').size).toBe(454 - open - codes('evt.type = close').size);
  });
  it('treats other checks as neutral, and pushes negation down (De Morgan)', () => {
    expect(codes('proc.name = cat').size).toBe(454);
    expect(codes('not proc.name = cat').size).toBe(454);
    expect(codes('evt.type = open or proc.name = x').size).toBe(454);
    expect(names('not (evt.type != open or proc.name = x)')).toEqual(['open']);
    expect(codes('not (evt.type = open and proc.name = x)').size).toBe(454);
    expect(names('evt.type startswith ope')).toHaveLength(eventCodesToNames(codes('proc.name=x').codes()).size);
  });
  it('resolves evt.num invariants', () => {
    expect(codes('evt.num = 0').size).toBe(0);
    expect(codes('evt.num < 1').size).toBe(0);
    expect(codes('evt.num in (0, 0)').size).toBe(0);
    expect(codes('evt.type = open and evt.num = 0').size).toBe(0);
    expect(codes('evt.num > 0').size).toBe(454);
    expect(codes('not evt.num = 0').size).toBe(454);
    expect(codes('evt.num = 5').size).toBe(454);
  });
  it('handles exists', () => {
    expect(codes('evt.type exists').size).toBe(454);
    expect(codes('not evt.type exists').size).toBe(0);
  });
  it('maps names known only as syscalls to the generic events', () => {
    const eventNames = new Set(EVENTS.map((e) => e.name));
    const generic = SYSCALL_NAMES.find((n) => n !== undefined && !eventNames.has(n)) as string;
    expect([...codes(`evt.type = ${generic}`).codes()]).toEqual([0, 1]);
  });
  it('includes the async event code for plugin async event names', () => {
    expect(codes('evt.type = container').has(PPME_ASYNCEVENT_E)).toBe(true);
  });
  it('rejects evt.type compared with a field', () => {
    const { last } = loadYaml('- rule: r\n  desc: d\n  condition: evt.type = val(proc.name)\n  output: o\n  priority: INFO\n');
    expect(summarize(last.errors[0] as never)).toMatchObject({
      code: 'LOAD_ERR_COMPILE_CONDITION',
      message: 'right-hand field comparisons on `evt.type`/`syscall.type` checks are not supported by event code search',
    });
  });
});
