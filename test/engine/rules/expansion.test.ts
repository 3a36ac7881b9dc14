// Lists, macros, appends and exceptions expand into conditions exactly as Falco does (docs/rules-language.md#updates-and-order, #macros, #list-substitution, #exceptions).
import { describe, expect, it } from 'vitest';
import { printFalco, substituteList } from '../../helpers/engine.js';
import { loadYaml, summarize } from '../../helpers/rules.js';

const RULE = (name: string, cond: string, extra = ''): string =>
  `- rule: ${name}\n  desc: d\n  condition: ${cond}\n  output: o\n  priority: WARNING\n${extra}`;

/** The printed compiled condition of `rule` after loading `yaml` without errors. */
function cond(yaml: string, rule = 'r'): string {
  const { engine, last } = loadYaml(yaml);
  expect(last.errors.map(summarize)).toEqual([]);
  const r = engine.compiled?.rules.find((x) => x.name === rule);
  if (!r) throw new Error(`no rule ${rule}`);
  return printFalco(r.condition);
}

describe('textual list substitution (docs/rules-language.md#list-substitution)', () => {
  it('inserts items, quoting those with blanks', () => {
    expect(substituteList('proc.name in (shell_binaries, "puma reactor")', 'shell_binaries', ['ash', 'bash', 'my sh'])).toBe(
      'proc.name in ( ash, bash, "my sh" , "puma reactor")',
    );
  });
  it('substitutes after = and inside quoted strings when delimited by blanks', () => {
    expect(substituteList('proc.name=cat_binaries', 'cat_binaries', ['cat'])).toBe('proc.name= cat ');
    expect(substituteList('proc.cmdline = "x my_list y"', 'my_list', ['a', 'b'])).toBe('proc.cmdline = "x a, b y"');
  });
  it('leaves undelimited occurrences alone', () => {
    expect(substituteList('fd.name in (file_my_list)', 'my_list', ['a'])).toBeUndefined();
    expect(substituteList('fd.name in ("my_list")', 'my_list', ['a'])).toBeUndefined();
  });
  it('swallows a comma next to an empty list', () => {
    expect(substituteList('proc.name in (a, empty)', 'empty', [])).toBe('proc.name in (a  )');
    expect(substituteList('proc.name in (empty, a)', 'empty', [])).toBe('proc.name in (   a)');
    expect(substituteList('proc.name in (empty)', 'empty', [])).toBe('proc.name in (  )');
  });
  it('inserts pre-quoted items as written', () => {
    expect(substituteList('x in (l)', 'l', ['"(systemd)"', 'plain'])).toBe('x in ( "(systemd)", plain )');
  });
});

describe('lists in rules', () => {
  it('expands a list, and an empty list never matches', () => {
    const y = `- list: bins\n  items: [cat, "my bin"]\n- list: none\n  items: []\n${RULE('r', 'evt.type=open and proc.name in (bins, x) and not proc.name in (none)')}`;
    expect(cond(y)).toBe('(evt.type = open and proc.name in (cat, "my bin", x) and not proc.name in ())');
  });
  it('keeps numbers as written (0755 stays 0755)', () => {
    const y = `- list: modes\n  items: [0755, 1e3]\n${RULE('r', 'evt.type=open and evt.arg.mode in (modes)')}`;
    expect(cond(y)).toBe('(evt.type = open and evt.arg.mode in (0755, 1e3))');
  });
  it('expands nested lists one level, and only lists defined before', () => {
    const y = [
      '- list: a\n  items: [x]',
      '- list: b\n  items: [a, y]',
      '- list: c\n  items: [b, d]',
      '- list: d\n  items: [z]',
      RULE('r', 'evt.type=open and proc.name in (c)'),
    ].join('\n');
    // c gets b's raw items (a, y) and keeps d literal (d is defined after c). Substitution then runs in
    // definition order: "a" came before c so stays a literal, "d" comes after c so it is replaced by z.
    expect(cond(y)).toBe('(evt.type = open and proc.name in (a, y, z))');
  });
  it('treats an unknown list name as a literal', () => {
    expect(cond(RULE('r', 'evt.type=open and proc.name in (nosuchlist)'))).toBe('(evt.type = open and proc.name in (nosuchlist))');
  });
  it('fails to parse `in LIST` without parentheses for a multi-item list', () => {
    const { last } = loadYaml(`- list: l\n  items: [a, b]\n${RULE('r', 'evt.type=open and proc.name in l')}`);
    expect(summarize(last.errors[0] as never)).toMatchObject({ code: 'LOAD_ERR_COMPILE_CONDITION', message: "unexpected token after 'a', expecting 'or', 'and'" });
  });
  it('lets a list shadow a macro of the same name', () => {
    const y = `- macro: m\n  condition: proc.name=bash\n- list: m\n  items: [sh]\n${RULE('r', 'evt.type=open and proc.name in (m)')}`;
    expect(cond(y)).toBe('(evt.type = open and proc.name in (sh))');
  });
  it('warns about unused lists', () => {
    const { last } = loadYaml(`- list: unused\n  items: [a]\n${RULE('r', 'evt.type=open')}`);
    expect(last.warnings.map(summarize)).toEqual([expect.objectContaining({ code: 'LOAD_UNUSED_LIST', itemNames: ['unused'], message: 'List not referred to by any other rule/macro' })]);
  });
});

describe('macros (docs/rules-language.md#macros)', () => {
  it('expands as grouped sub-expressions', () => {
    const y = `- macro: m\n  condition: proc.name=a or proc.name=b\n${RULE('r', 'evt.type=open and m')}`;
    expect(cond(y)).toBe('(evt.type = open and (proc.name = a or proc.name = b))');
  });
  it('lets rules use macros defined later in the file', () => {
    const y = `${RULE('r', 'evt.type=open and m')}- macro: m\n  condition: proc.name=a\n`;
    expect(cond(y)).toBe('(evt.type = open and proc.name = a)');
  });
  it('does not let a macro use a macro defined after it', () => {
    const { last } = loadYaml(`- macro: m1\n  condition: m2\n- macro: m2\n  condition: proc.name=a\n${RULE('r', 'evt.type=open and m1')}`);
    expect(summarize(last.errors[0] as never)).toMatchObject({ code: 'LOAD_ERR_VALIDATE', itemNames: ['m1'], message: "Undefined macro 'm2' used in filter." });
  });
  it('reports an undefined macro in a rule', () => {
    const { last } = loadYaml(RULE('r', 'evt.type=open and nosuchmacro'));
    expect(summarize(last.errors[0] as never)).toMatchObject({ code: 'LOAD_ERR_VALIDATE', itemNames: ['r'], message: "Undefined macro 'nosuchmacro' used in filter." });
  });
  it('appends to a macro as text', () => {
    const y = `- macro: m\n  condition: proc.name=a or proc.name=b\n- macro: m\n  condition: and fd.num=1\n  override:\n    condition: append\n${RULE('r', 'evt.type=open and m')}`;
    expect(cond(y)).toBe('(evt.type = open and (proc.name = a or (proc.name = b and fd.num = 1)))');
  });
  it('keeps the first position of a redefined rule and replaces everything else', () => {
    const y = `${RULE('a', 'evt.type=open')}${RULE('b', 'evt.type=close')}- rule: a\n  desc: d2\n  condition: evt.type=execve\n  output: o2\n  priority: ERROR\n`;
    const { engine } = loadYaml(y);
    expect(engine.compiled?.rules.map((r) => [r.name, printFalco(r.condition), r.priority])).toEqual([
      ['a', 'evt.type = execve', 3],
      ['b', 'evt.type = close', 4],
    ]);
  });
});

describe('rule appends and overrides (docs/rules-language.md#updates-and-order)', () => {
  it('appends a condition as text (mind the precedence)', () => {
    const y = `${RULE('r', 'evt.type=open or evt.type=close')}- rule: r\n  condition: and proc.name=cat\n  append: true\n`;
    expect(cond(y)).toBe('(evt.type = open or (evt.type = close and proc.name = cat))');
  });
  it('replaces keys with override: replace and merges with append', () => {
    const y = `${RULE('r', 'evt.type=open', '  tags: [a]\n')}- rule: r\n  condition: evt.type=close\n  tags: [b]\n  priority: ERROR\n  override:\n    condition: replace\n    tags: append\n    priority: replace\n`;
    const { engine, last } = loadYaml(y);
    expect(last.errors).toEqual([]);
    const r = engine.compiled?.rules[0];
    expect([printFalco(r!.condition), r!.tags, r!.priority]).toEqual(['evt.type = close', ['a', 'b'], 3]);
  });
  it('disables a rule with a standalone enabled key (deprecated)', () => {
    const { engine, last } = loadYaml(`${RULE('r', 'evt.type=open')}- rule: r\n  enabled: false\n`);
    expect(engine.compiled?.rules[0]?.enabled).toBe(false);
    expect(last.warnings.map((w) => w.code)).toEqual(['LOAD_DEPRECATED_ITEM']);
  });
});

describe('exceptions (docs/rules-language.md#exceptions)', () => {
  it.each([
    [
      'proc.cmdline contains curl or proc.cmdline contains wget',
      '  exceptions:\n    - name: e\n      fields: [proc.cmdline]\n      comps: [contains]\n      values: [[curl 127.0.0.1]]\n',
      '((proc.cmdline contains curl or proc.cmdline contains wget) and not proc.cmdline contains "curl 127.0.0.1")',
    ],
    ['evt.type = open', '  exceptions:\n    - name: e\n      fields: proc.name\n      values: [cat, grep]\n', '(evt.type = open and not proc.name in (cat, grep))'],
    [
      'evt.type = open',
      '  exceptions:\n    - name: e\n      fields: [proc.name, fd.name]\n      comps: [=, in]\n      values: [[bash, [/a, /b]], [sh, /c]]\n',
      '(evt.type = open and not ((proc.name = bash and fd.name in (/a, /b)) or (proc.name = sh and fd.name in (/c))))',
    ],
    ['evt.type = open', '  exceptions:\n    - name: e\n      fields: [proc.name]\n      comps: [startswith oneof]\n      values: [[[sshd, sudo]]]\n', '(evt.type = open and not proc.name startswith oneof (sshd, sudo))'],
    ['evt.type = open', '  exceptions:\n    - name: e\n      fields: [proc.name]\n', 'evt.type = open'],
  ])('%s', (c, ex, want) => expect(cond(RULE('r', c, ex))).toBe(want));
  it('expands a list named in a list-operator value', () => {
    const y = `- list: l\n  items: [a, b]\n${RULE('r', 'evt.type=open', '  exceptions:\n    - name: e\n      fields: [proc.name]\n      comps: [in]\n      values: [[l]]\n')}`;
    expect(cond(y)).toBe('(evt.type = open and not proc.name in (a, b))');
  });
  it('warns when two exceptions share a name', () => {
    const { last } = loadYaml(RULE('r', 'evt.type=open', '  exceptions:\n    - name: e\n      fields: proc.name\n    - name: e\n      fields: proc.pname\n'));
    expect(last.warnings.map(summarize)).toContainEqual(expect.objectContaining({ code: 'LOAD_EXCEPTION_NAME_NOT_UNIQUE', message: "Multiple definitions of exception 'e' in the same rule" }));
  });
});
