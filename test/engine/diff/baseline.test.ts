import { describe, expect, it } from 'vitest';
import {
  baselineFileName,
  BaselineError,
  baselineText,
  changedRulesFiles,
  compareBaselines,
  makeBaseline,
  parseBaseline,
  sha256Hex,
  type DiffAlert,
} from '../../../src/engine/index.js';

const T = (n: number): string => `2024-05-01T10:00:00.00000000${n}Z`;
const a = (capture: string, evtnum: number, rule: string, priority = 4, output = `${rule} out`): DiffAlert => ({ capture, evtnum, time: T(evtnum % 10), rule, priority, output, tags: ['x'], process: 'sh' });
const RULES = [{ file: 'rules/a.yaml', content: '- rule: A\n' }];
const CAP_HASH = sha256Hex('capture bytes');

describe('baseline files', () => {
  const alerts = [a('c.scap', 9, 'B'), a('c.scap', 2, 'Z', 3, 'quote " and \u001b esc'), a('c.scap', 2, 'A'), a('other.scap', 1, 'A')];
  const b = makeBaseline('c.scap', CAP_HASH, RULES, alerts);

  it('are compact, sorted by event then rule, one alert per line, and only of their capture', () => {
    expect(baselineText(b)).toBe(
      [
        '{',
        '  "baseline_version": 1,',
        '  "capture": "c.scap",',
        `  "capture_sha256": "${CAP_HASH}",`,
        '  "rules": [',
        `    {"file": "rules/a.yaml", "sha256": "${sha256Hex('- rule: A\n')}"}`,
        '  ],',
        '  "alerts": [',
        `    {"evtnum": 2, "time": "${T(2)}", "rule": "A", "priority": "Warning", "output": "A out"},`,
        `    {"evtnum": 2, "time": "${T(2)}", "rule": "Z", "priority": "Error", "output": "quote \\" and \\u001b esc"},`,
        `    {"evtnum": 9, "time": "${T(9)}", "rule": "B", "priority": "Warning", "output": "B out"}`,
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('read back to the same baseline, whatever order the alerts were given in', () => {
    expect(parseBaseline(baselineText(b), 'c.json')).toEqual(b);
    expect(baselineText(makeBaseline('c.scap', CAP_HASH, RULES, [...alerts].reverse()))).toBe(baselineText(b));
    const empty = makeBaseline('e.scap', CAP_HASH, [], []);
    expect(parseBaseline(baselineText(empty), 'e.json')).toEqual(empty);
  });

  it('report bad files with the file name and the line and column or the key', () => {
    expect(() => parseBaseline('{\n  "baseline_version": 1,\n  oops\n}', 'b/c.json')).toThrow(/^b\/c\.json:3:3: not valid JSON/);
    const text = baselineText(b).replace('"evtnum": 9', '"evtnum": -1');
    expect(() => parseBaseline(text, 'c.json')).toThrow('c.json: alerts[2].evtnum: expected a non-negative integer');
    expect(() => parseBaseline(baselineText(b).replace('"Error"', '"Loud"'), 'c.json')).toThrow('c.json: alerts[1].priority: unknown priority "Loud"');
    expect(() => parseBaseline('{"baseline_version": 2}', 'c.json')).toThrow('unsupported version 2');
    expect(() => parseBaseline('[]', 'c.json')).toThrow(BaselineError);
  });

  it('compare with a replay as a diff does: added, removed and changed alerts', () => {
    const now = [a('c.scap', 2, 'A'), a('c.scap', 2, 'Z', 2, 'quote " and \u001b esc'), a('c.scap', 11, 'B')];
    const r = compareBaselines([{ file: 'c.json', baseline: b }], new Map([['c.scap', CAP_HASH]]), now, { base: 'baseline', head: 'rules now' });
    expect(r.totals).toEqual({ base: 3, head: 3, delta: 0, added: 1, removed: 1, changed: 1, shadowed: 0 });
    expect(r.changed.map((c) => [c.rule, c.fields])).toEqual([['Z', ['priority']]]);
    expect(r.added.map((x) => [x.evtnum, x.rule, x.process])).toEqual([[11, 'B', 'sh']]);
    expect(r.removed.map((x) => [x.evtnum, x.rule])).toEqual([[9, 'B']]);
    expect(r.base.label).toBe('baseline');
  });

  it('refuse a capture that changed since the baseline, saying so', () => {
    expect(() => compareBaselines([{ file: 'c.json', baseline: b }], new Map([['c.scap', sha256Hex('other bytes')]]), [])).toThrow(
      /c\.json: capture c\.scap changed since the baseline was saved/,
    );
    expect(() => compareBaselines([{ file: 'c.json', baseline: b }], new Map(), [])).toThrow('c.json: capture c.scap was not replayed');
  });

  it('tell which rules files changed since the baseline', () => {
    expect(changedRulesFiles(b, RULES)).toEqual([]);
    expect(changedRulesFiles(b, [{ file: 'rules/a.yaml', content: '- rule: B\n' }, { file: 'rules/new.yaml', content: '' }])).toEqual(['rules/a.yaml', 'rules/new.yaml']);
  });
});

describe('baseline file names', () => {
  it('are safe, stable and distinct for distinct captures', () => {
    const n = baselineFileName('caps/web/attack 1.scap.gz');
    expect(n).toMatch(/^caps_web_attack_1\.scap\.gz\.[0-9a-f]{8}\.baseline\.json$/);
    expect(baselineFileName('caps/web/attack 1.scap.gz')).toBe(n);
    expect(baselineFileName('a/b.scap')).not.toBe(baselineFileName('a_b.scap'));
    expect(baselineFileName('../../etc/passwd')).toMatch(/^etc_passwd\.[0-9a-f]{8}\.baseline\.json$/);
    expect(baselineFileName('\u001b..')).toMatch(/^capture\.[0-9a-f]{8}\.baseline\.json$/);
  });
});
