import { describe, expect, it } from 'vitest';
import { diffAlerts, diffExitCode, parseFailOn, toDiffAlert, type Alert, type DiffAlert, type DiffReport } from '../../../src/engine/index.js';

const T = '2024-05-01T10:00:00.000000001Z';
const a = (capture: string, evtnum: number, rule: string, priority = 4, output = `${rule} fired`, tags: string[] | null = ['t']): DiffAlert => ({
  capture,
  evtnum,
  time: T,
  rule,
  priority,
  process: 'bash',
  output,
  tags: tags ?? undefined,
});

const RULES = [
  { name: 'Shell', priority: 4 },
  { name: 'Open etc', priority: 5 },
];

// The head raises Shell to Critical and adds Write etc.
const HEAD_RULES = [{ name: 'Shell', priority: 2 }, RULES[1] as { name: string; priority: number }, { name: 'Write etc', priority: 3 }];

describe('alert diff', () => {
  const base = [a('one.scap', 10, 'Shell'), a('one.scap', 12, 'Open etc', 5), a('two.scap', 3, 'Shell'), a('two.scap', 7, 'Open etc', 5, 'open /etc/passwd')];
  const head = [
    a('one.scap', 10, 'Shell', 2), // priority raised
    a('two.scap', 3, 'Shell'),
    a('two.scap', 7, 'Open etc', 5, 'open /etc/shadow'), // output changed
    a('two.scap', 8, 'Write etc', 3), // new rule
  ];
  const report = diffAlerts({
    captures: ['one.scap', 'two.scap'],
    base: { alerts: base, rules: RULES, label: 'v1' },
    head: { alerts: head, rules: HEAD_RULES, label: 'v2' },
  });

  it('counts per rule base → head with delta, most severe first, one-sided rules marked', () => {
    expect(report.rules).toEqual([
      { rule: 'Shell', priority: 'Critical', presence: 'both', base: 2, head: 2, delta: 0 },
      { rule: 'Write etc', priority: 'Error', presence: 'head-only', base: 0, head: 1, delta: 1 },
      { rule: 'Open etc', priority: 'Notice', presence: 'both', base: 2, head: 1, delta: -1 },
    ]);
    expect(report.totals).toEqual({ base: 4, head: 4, delta: 0, added: 1, removed: 1, changed: 2, shadowed: 0 });
    expect(report.priorities).toEqual([
      { priority: 'Critical', base: 0, head: 1, delta: 1 },
      { priority: 'Error', base: 0, head: 1, delta: 1 },
      { priority: 'Warning', base: 2, head: 1, delta: -1 },
      { priority: 'Notice', base: 2, head: 1, delta: -1 },
    ]);
  });

  it('lists alerts added, removed and changed by identity (capture, event number, rule)', () => {
    expect(report.added).toEqual([{ capture: 'two.scap', evtnum: 8, time: T, rule: 'Write etc', priority: 'Error', process: 'bash', output: 'Write etc fired', tags: ['t'] }]);
    expect(report.removed.map((r) => [r.capture, r.evtnum, r.rule])).toEqual([['one.scap', 12, 'Open etc']]);
    expect(report.changed).toEqual([
      { capture: 'one.scap', evtnum: 10, time: T, rule: 'Shell', fields: ['priority'], base: { priority: 'Warning', output: 'Shell fired', tags: ['t'] }, head: { priority: 'Critical', output: 'Shell fired', tags: ['t'] } },
      { capture: 'two.scap', evtnum: 7, time: T, rule: 'Open etc', fields: ['output'], base: { priority: 'Notice', output: 'open /etc/passwd', tags: ['t'] }, head: { priority: 'Notice', output: 'open /etc/shadow', tags: ['t'] } },
    ]);
  });

  it('breaks counts down per capture, in the order the captures were given', () => {
    expect(report.captures.map((c) => [c.capture, c.base, c.head, c.delta, c.added, c.removed, c.changed])).toEqual([
      ['one.scap', 2, 1, -1, 0, 1, 1],
      ['two.scap', 2, 3, 1, 1, 0, 1],
    ]);
    expect(report.captures[1]?.rules).toEqual([
      { rule: 'Shell', base: 1, head: 1, delta: 0 },
      { rule: 'Write etc', base: 0, head: 1, delta: 1 },
      { rule: 'Open etc', base: 1, head: 1, delta: 0 },
    ]);
  });

  it('a changed tag set is a change; unknown tags (a baseline) are not compared', () => {
    const r = diffAlerts({ captures: ['c'], base: { alerts: [a('c', 1, 'Shell', 4, 'x', ['a'])] }, head: { alerts: [a('c', 1, 'Shell', 4, 'x', ['a', 'b'])] } });
    expect(r.changed.map((c) => c.fields)).toEqual([['tags']]);
    const unknown = diffAlerts({ captures: ['c'], base: { alerts: [a('c', 1, 'Shell', 4, 'x', null)] }, head: { alerts: [a('c', 1, 'Shell', 4, 'x', ['a'])] } });
    expect(unknown.changed).toEqual([]);
    expect(unknown.rules[0]?.presence).toBe('both');
  });

  it('marks a rule removed from the head even when it never fired', () => {
    const r = diffAlerts({ captures: ['c'], base: { alerts: [], rules: RULES }, head: { alerts: [], rules: [RULES[0] as { name: string; priority: number }] } });
    expect(r.rules).toEqual([{ rule: 'Open etc', priority: 'Notice', presence: 'base-only', base: 0, head: 0, delta: 0 }]);
  });

  it('is the same byte for byte whatever order the alerts arrived in (any --jobs)', () => {
    const shuffled = diffAlerts({
      captures: ['one.scap', 'two.scap'],
      base: { alerts: [...base].reverse(), rules: [...RULES].reverse(), label: 'v1' },
      head: { alerts: [head[3], head[1], head[0], head[2]] as DiffAlert[], rules: [...HEAD_RULES].reverse(), label: 'v2' },
    });
    expect(JSON.stringify(shuffled)).toBe(JSON.stringify(report));
  });

  it('shadowing under rule_matching: first: the earlier rule that took the event, per side', () => {
    const r = diffAlerts({
      captures: ['c'],
      base: { alerts: [a('c', 5, 'Shell')], matches: [{ capture: 'c', evtnum: 5, time: T, rules: ['Shell', 'Open etc'] }] },
      head: {
        alerts: [a('c', 5, 'Open etc', 5), a('c', 9, 'Shell')],
        matches: [
          { capture: 'c', evtnum: 5, time: T, rules: ['Open etc', 'Shell'] },
          { capture: 'c', evtnum: 9, time: T, rules: ['Shell'] },
        ],
      },
    });
    expect(r.shadowed).toEqual([
      { capture: 'c', evtnum: 5, time: T, rule: 'Open etc', base_by: 'Shell', head_by: null },
      { capture: 'c', evtnum: 5, time: T, rule: 'Shell', base_by: null, head_by: 'Open etc' },
    ]);
    expect(r.added.map((x) => [x.evtnum, x.rule])).toEqual([
      [5, 'Open etc'],
      [9, 'Shell'],
    ]);
    expect(r.removed.map((x) => [x.evtnum, x.rule])).toEqual([[5, 'Shell']]);
    expect(r.totals.shadowed).toBe(2);
    expect(r.captures[0]?.shadowed).toBe(2);
  });

  it('converts an engine alert (capture index → name, ns time → ISO, process from the output fields)', () => {
    const alert: Alert = { capture: 1, evtNum: 42, ts: 1714557600000000001n, rule: 'R', ruleId: 0, priority: 3, source: 'syscall', tags: ['x'], message: 'm', outputFields: { 'proc.name': 'cat' } };
    expect(toDiffAlert(alert, ['a.scap', 'b.scap'])).toEqual({ capture: 'b.scap', evtnum: 42, time: '2024-05-01T10:00:00.000000001Z', rule: 'R', priority: 3, process: 'cat', output: 'm', tags: ['x'] });
  });
});

describe('exit-code policy', () => {
  const rep = (over: Partial<DiffReport['totals']>, major = false): DiffReport =>
    diffAlerts({ captures: [], base: { alerts: [] }, head: { alerts: [] } }) && {
      ...diffAlerts({ captures: [], base: { alerts: [] }, head: { alerts: [] } }),
      totals: { base: 0, head: 0, delta: 0, added: 0, removed: 0, changed: 0, shadowed: 0, ...over },
      static_changes: major ? [{ kind: 'rule', name: 'R', change: 'removed', level: 'major', findings: [], fields: [], via: { macros: [], lists: [] } }] : [],
    };

  it('fails (3) on any alert change by default, passes (0) otherwise', () => {
    expect(diffExitCode(rep({}))).toBe(0);
    expect(diffExitCode(rep({ added: 1 }))).toBe(3);
    expect(diffExitCode(rep({ removed: 1 }))).toBe(3);
    expect(diffExitCode(rep({ changed: 1 }))).toBe(3);
    expect(diffExitCode(rep({}, true))).toBe(0);
    expect(diffExitCode(rep({ shadowed: 4 }))).toBe(0);
  });

  it('honours each --fail-on value and combinations', () => {
    expect(diffExitCode(rep({ removed: 1 }), ['added'])).toBe(0);
    expect(diffExitCode(rep({ added: 1 }), ['added'])).toBe(3);
    expect(diffExitCode(rep({ added: 1 }), ['removed'])).toBe(0);
    expect(diffExitCode(rep({ changed: 1 }), ['changed'])).toBe(3);
    expect(diffExitCode(rep({}, true), ['static-major'])).toBe(3);
    expect(diffExitCode(rep({ added: 5 }, true), ['none'])).toBe(0);
    expect(diffExitCode(rep({}, true), parseFailOn('removed,static-major'))).toBe(3);
  });

  it('rejects an unknown --fail-on word by name', () => {
    expect(() => parseFailOn('added,sometimes')).toThrow('unknown value "sometimes"');
    expect(() => parseFailOn('')).toThrow('--fail-on needs one of');
  });
});
