import { describe, expect, it } from 'vitest';
import { matchesWildcard } from '../../src/engine/ruleset.js';
import { PPME_ASYNCEVENT_E, PPME_PLUGINEVENT_E, namesToEventCodes, Ruleset, type CompiledRule, type FieldValue, type MatchSink } from '../helpers/engine.js';
import { fieldKey } from '../helpers/fake-event.js';
import { loadTexts } from '../helpers/rules.js';

const RULES = `
- rule: open cat
  desc: d
  condition: evt.type = open and proc.name = cat
  output: o
  priority: WARNING
  tags: [files]
- rule: open any
  desc: d
  condition: evt.type in (open, openat)
  output: o
  priority: DEBUG
  tags: [files, noisy]
- rule: exec
  desc: d
  condition: evt.type = execve
  output: o
  priority: CRITICAL
  enabled: false
- rule: audit
  desc: d
  condition: ka.verb = create
  output: o
  priority: NOTICE
  source: k8s_audit
`;

function setup() {
  const { engine, last } = loadTexts([['r.yaml', RULES]], {
    bind: (r) => (ctx) => (ctx as unknown as { values: Record<string, FieldValue> }).values[fieldKey(r)],
  });
  expect(last.errors).toEqual([]);
  return engine.compiled!;
}

const OPEN = [...namesToEventCodes(['open'], new Set())][0] as number;
const EXECVE = [...namesToEventCodes(['execve'], new Set())][0] as number;
let epoch = 0;
const evt = (values: Record<string, FieldValue>) => ({ epoch: ++epoch, values });

/** A match sink that collects the rules handed to it. */
function collect(): MatchSink & { rules: CompiledRule[] } {
  const rules: CompiledRule[] = [];
  return { rules, match: (r) => void rules.push(r) };
}

describe('ruleset (docs/rules-language.md#rule-order-and-selection)', () => {
  it('buckets enabled rules by event code in definition order', () => {
    const rs = new Ruleset(setup());
    expect(rs.candidates('syscall', OPEN).map((r) => r.name)).toEqual(['open cat', 'open any']);
    expect(rs.candidates('syscall', EXECVE)).toEqual([]);
    expect(rs.candidates('syscall', PPME_ASYNCEVENT_E).map((r) => r.name)).toEqual(['open cat', 'open any']);
    expect(rs.candidates('k8s_audit', PPME_PLUGINEVENT_E).map((r) => r.name)).toEqual(['audit']);
  });
  it('stops at the first match with rule_matching first, and counts', () => {
    const rs = new Ruleset(setup());
    const out = collect();
    expect(rs.evaluate(evt({ 'evt.type': 'open', 'proc.name': 'cat' }), 'syscall', OPEN, out)).toBe(1);
    expect(out.rules.map((r) => r.name)).toEqual(['open cat']);
    expect(rs.counts[out.rules[0]!.id]).toBe(1);
    expect(rs.byPriority).toEqual([0, 0, 0, 0, 1, 0, 0, 0]);
    expect(rs.matches).toBe(1);
  });
  it('reports every match with rule_matching all', () => {
    const rs = new Ruleset(setup(), { matching: 'all' });
    const out = collect();
    expect(rs.evaluate(evt({ 'evt.type': 'open', 'proc.name': 'cat' }), 'syscall', OPEN, out)).toBe(2);
    expect(out.rules.map((r) => r.name)).toEqual(['open cat', 'open any']);
    expect(rs.byPriority).toEqual([0, 0, 0, 0, 1, 0, 0, 1]);
    expect(rs.matches).toBe(2);
  });
  it('evaluates events of a plugin source against that source only, and nothing for codes without rules', () => {
    const rs = new Ruleset(setup());
    const out = collect();
    expect(rs.evaluate(evt({ 'ka.verb': 'create' }), 'k8s_audit', PPME_PLUGINEVENT_E, out)).toBe(1);
    expect(rs.evaluate(evt({ 'evt.type': 'execve' }), 'syscall', EXECVE, out)).toBe(0);
    expect(rs.evaluate(evt({ 'ka.verb': 'create' }), 'no_such_source', PPME_PLUGINEVENT_E, out)).toBe(0);
    expect(out.rules.map((r) => r.name)).toEqual(['audit']);
  });
  it('keeps its own counters: two rulesets over the same compiled rules count independently', () => {
    const compiled = setup();
    const first = new Ruleset(compiled);
    const all = new Ruleset(compiled, { matching: 'all' });
    const sink = collect();
    for (let i = 0; i < 3; i++) {
      const ctx = evt({ 'evt.type': 'open', 'proc.name': 'cat' });
      first.evaluate(ctx, 'syscall', OPEN, sink);
      all.evaluate(ctx, 'syscall', OPEN, sink);
    }
    expect([...first.counts]).toEqual([3, 0, 0, 0]);
    expect([...all.counts]).toEqual([3, 3, 0, 0]);
    expect(sink.rules).toHaveLength(9);
  });
  it('drops rules below the minimum priority', () => {
    const rs = new Ruleset(setup(), { minPriority: 4 });
    expect(rs.rules.map((r) => r.name)).toEqual(['open cat']);
  });
  it('applies rule selection in order; rules enabled by selection go last', () => {
    const rs = new Ruleset(setup(), {
      selection: [
        { op: 'disable', tag: 'files' },
        { op: 'enable', rule: 'open c*' },
        { op: 'enable', rule: 'exec' },
      ],
    });
    expect(rs.rules.map((r) => r.name)).toEqual(['audit', 'open cat', 'exec']);
  });
  it("matches names with Falco's non-backtracking wildcard", () => {
    expect(matchesWildcard('*', 'anything')).toBe(true);
    expect(matchesWildcard('open*', 'open cat')).toBe(true);
    expect(matchesWildcard('*cat', 'open cat')).toBe(true);
    expect(matchesWildcard('*a', 'aXa')).toBe(false);
    expect(matchesWildcard('exact', 'exact')).toBe(true);
  });
});
