// Diagnostics point at the exact character in the YAML file, whatever the scalar style, and through
// appends, list substitution and macro expansion.
import { describe, expect, it } from 'vitest';
import { exactPosition, loadTexts, loadYaml } from '../../helpers/rules.js';

const at = (yaml: string): string => {
  const { last } = loadYaml(yaml);
  const item = last.errors[0] ?? last.warnings[0];
  const p = item && exactPosition(item);
  return p ? `${p.line}:${p.column}` : 'none';
};

describe('exact positions of condition problems', () => {
  it('in a plain scalar', () => expect(at('- rule: r\n  desc: d\n  output: o\n  priority: INFO\n  condition: evt.type=open and bad.field=1\n')).toBe('5:32'));
  it('in a double-quoted scalar with escapes', () =>
    expect(at('- rule: r\n  desc: d\n  output: o\n  priority: INFO\n  condition: "evt.type=open and proc.name=\\"a\\" and bad.field=1"\n')).toBe('5:53'));
  it('in a single-quoted scalar', () => expect(at("- rule: r\n  desc: d\n  output: o\n  priority: INFO\n  condition: 'proc.name=''x'' and bad.field=1 and evt.type=open'\n")).toBe('5:35'));
  it('in a folded block scalar', () =>
    expect(at('- rule: r\n  desc: d\n  output: o\n  priority: INFO\n  condition: >\n    evt.type=open\n    and proc.name=x\n    and bad.field=1\n')).toBe('8:9'));
  it('in a literal block scalar', () => expect(at('- rule: r\n  desc: d\n  output: o\n  priority: INFO\n  condition: |\n    evt.type=open and\n      bad.field=1\n')).toBe('7:7'));
  it('after a list was substituted before it', () =>
    expect(at('- list: l\n  items: [a, b, c]\n- rule: r\n  desc: d\n  output: o\n  priority: INFO\n  condition: proc.name in (l) and bad.field=1 and evt.type=open\n')).toBe('7:35'));
  it('inside a macro, even when a rule reports it', () =>
    expect(at('- macro: m\n  condition: proc.name=x and bad.field=1\n- rule: r\n  desc: d\n  output: o\n  priority: INFO\n  condition: evt.type=open and m\n')).toBe('2:30'));
  it('in text appended by a later file', () => {
    const { last } = loadTexts([
      ['base.yaml', '- rule: r\n  desc: d\n  output: o\n  priority: INFO\n  condition: evt.type=open\n'],
      ['more.yaml', '- rule: r\n  condition: and bad.field=1\n  override:\n    condition: append\n'],
    ]);
    const p = exactPosition(last.errors[0]!);
    expect(p).toEqual({ file: 'more.yaml', line: 2, column: 18 });
  });
  it('of a syntax error', () => expect(at('- rule: r\n  desc: d\n  output: o\n  priority: INFO\n  condition: evt.type=open and and\n')).toBe('5:32'));
});
