// Rule plans (docs/architecture.md#rule-plans): the ruleset runs each bucket's rules compiled for the bucket's
// evt.type, split into a shared guard and the rest. Whatever the shape of the evt.type checks, the rules that
// match, their order and the counters are those of the rules' plain predicates, and the checks left run as before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRulePlan } from '../../src/engine/condition/compile.js';
import { fixedEventTypeName } from '../../src/engine/fields/event-names.js';
import { namesToEventCodes, PPME_ASYNCEVENT_E, Ruleset, SYSCALL_SOURCE, type CompiledRule, type FieldValue, type MatchSink } from '../helpers/engine.js';
import { fieldKey } from '../helpers/fake-event.js';
import { loadTexts } from '../helpers/rules.js';

const RULES = `
- macro: open_write
  condition: (evt.type in (open, openat, openat2) and evt.is_open_write = true and fd.typechar = f)
- macro: spawned_process
  condition: (evt.type in (execve, execveat) and evt.dir = <)
- rule: write etc
  desc: d
  condition: open_write and fd.name startswith /etc/ and not proc.name in (vi, vim)
  output: o
  priority: ERROR
- rule: write root
  desc: d
  condition: open_write and fd.name startswith /root and proc.name != vi
  output: o
  priority: ERROR
- rule: shell
  desc: d
  condition: spawned_process and proc.name in (bash, sh)
  output: o
  priority: NOTICE
- rule: either
  desc: d
  condition: (evt.type = execve and proc.name = sh) or (open_write and fd.name = /etc/shadow) or (evt.type = rename and fd.name = /x)
  output: o
  priority: WARNING
- rule: negated
  desc: d
  condition: evt.type in (open, execve, rename) and not evt.type = open and not (evt.type != execve or proc.name = vi)
  output: o
  priority: WARNING
- rule: other operators
  desc: d
  condition: (evt.type startswith open or evt.type pmatch (execve) or evt.type exists or evt.type contains rename) and evt.type in (openat, execve, rename) and proc.name = cat
  output: o
  priority: INFO
- rule: async too
  desc: d
  condition: (evt.type = container or evt.type = openat) and proc.name = cat
  output: o
  priority: DEBUG
`;

const TYPES = ['open', 'openat', 'openat2', 'execve', 'execveat', 'rename'];
const CODES = [...namesToEventCodes(TYPES, new Set()), PPME_ASYNCEVENT_E];

let epoch = 0;
function setup() {
  const { engine, last } = loadTexts([['r.yaml', RULES]], {
    bind: (r) => (ctx) => (ctx as unknown as { values: Record<string, FieldValue> }).values[fieldKey(r)],
  });
  expect(last.errors).toEqual([]);
  return engine.compiled!;
}

function collect(): MatchSink & { rules: string[] } {
  const rules: string[] = [];
  return { rules, match: (r) => void rules.push(r.name) };
}

const values = fc.record({
  'evt.is_open_write': fc.boolean(),
  'fd.typechar': fc.constantFrom('f', 'd'),
  'evt.dir': fc.constantFrom('<', '>'),
  'fd.name': fc.constantFrom('/etc/shadow', '/etc/passwd', '/root/x', '/x', '/tmp/y'),
  'proc.name': fc.constantFrom('bash', 'sh', 'vi', 'cat', 'vim'),
});

describe('rule plans', () => {
  it('match exactly the rules whose plain predicate matches, in order, with first and all matching', () => {
    const compiled = setup();
    fc.assert(
      fc.property(fc.constantFrom(...CODES), values, fc.constantFrom('openat', 'container', 'execve'), (code, vals, asyncName) => {
        const evtType = fixedEventTypeName(code) ?? asyncName;
        const ctx = { epoch: ++epoch, values: { ...vals, 'evt.type': evtType } };
        for (const matching of ['first', 'all'] as const) {
          const rs = new Ruleset(compiled, { matching });
          const want = rs.candidates(SYSCALL_SOURCE, code).filter((r) => r.predicate(ctx));
          const out = collect();
          expect(rs.evaluate(ctx, SYSCALL_SOURCE, code, out)).toBe(matching === 'first' ? Math.min(1, want.length) : want.length);
          expect(out.rules).toEqual((matching === 'first' ? want.slice(0, 1) : want).map((r) => r.name));
          expect(rs.matches).toBe(out.rules.length);
          // evaluateAll: every match for the comparison, alerts by this ruleset's own matching.
          const rs2 = new Ruleset(compiled, { matching });
          const out2 = collect();
          let all: string[] = [];
          rs2.evaluateAll(ctx, SYSCALL_SOURCE, code, out2, { matches: (rules) => void (all = rules.map((r) => r.name)) });
          expect(all).toEqual(want.map((r) => r.name));
          expect(out2.rules).toEqual(out.rules);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('fold evt.type checks: a rule that cannot match a type is left out of its bucket, the others keep their other checks', () => {
    const compiled = setup();
    const byName = new Map(compiled.rules.map((r) => [r.name, r] as const));
    const plan = (name: string, type: string) => (byName.get(name) as CompiledRule).plan?.(type);
    // `negated` can only match execve: on openat its plan is the constant false.
    const ctx = { epoch: ++epoch, values: { 'proc.name': 'cat' } };
    expect(plan('negated', 'openat')?.rest(ctx)).toBe(false);
    expect(plan('negated', 'execve')?.rest(ctx)).toBe(true);
    // The guard of a rule starting with a macro is the macro's (folded) predicate, shared by the rules using it.
    const a = plan('write etc', 'openat');
    const b = plan('write root', 'openat');
    expect(a?.guard).toBeDefined();
    expect(a?.guard).toBe(b?.guard);
    expect(plan('write etc', 'open')?.guard).toBeDefined();
  });

  it('run no evt.type check once folded, and every other check only when the plain predicate runs it', () => {
    const { engine } = loadTexts([['r.yaml', RULES]]);
    const compiled = engine.compiled!;
    for (const type of TYPES) {
      for (const r of compiled.rules) {
        const plainReads: string[] = [];
        const planReads: string[] = [];
        const bindTo = (log: string[]) => (f: { def: { name: string } }) => (ctx: unknown) => {
          log.push(f.def.name);
          return (ctx as { values: Record<string, FieldValue> }).values[f.def.name];
        };
        const vals = { 'evt.type': type, 'evt.is_open_write': true, 'fd.typechar': 'f', 'evt.dir': '<', 'fd.name': '/etc/shadow', 'proc.name': 'sh' };
        const registry = engine.registry;
        const plainPlan = compileRulePlan(r.condition, { registry, source: 'syscall', bind: bindTo(plainReads) });
        const folded = compileRulePlan(r.condition, { registry, source: 'syscall', bind: bindTo(planReads), evtType: type });
        const run = (p: typeof folded): boolean => {
          const ctx = { epoch: ++epoch, values: vals };
          return (p.guard ? p.guard(ctx) : true) && p.rest(ctx);
        };
        expect(run(folded), `${r.name} on ${type}`).toBe(run(plainPlan));
        // The same other fields read in the same order; evt.type no more.
        const others = (reads: string[]) => reads.filter((n) => n !== 'evt.type');
        expect(others(planReads), `${r.name} on ${type}`).toEqual(others(plainReads));
        expect(planReads).not.toContain('evt.type');
      }
    }
  });
});
