// A load recompiles only what it changed (and what depends on that); its results must be those of compiling
// everything again, as Falco does after every file (docs/rules-language.md#compiling).
import { describe, expect, it } from 'vitest';
import { RulesEngine, type LoadResult } from '../../../src/engine/index.js';
import { printFalco } from '../../helpers/engine.js';

type Files = [name: string, text: string][];

/** Everything a load sequence shows: each file's Falco JSON and text, and the compiled state after the last. */
function observe(files: Files, recompileAll: boolean): string[] {
  const engine = new RulesEngine({ recompileAll });
  const results: LoadResult[] = files.map(([name, text]) => engine.load(text, name));
  const contents = engine.contents();
  // Falco's renderings, and ours (whose exact places follow a position into the macro it came from).
  const out = results.map((r) => `${JSON.stringify(r.toFalcoJson(contents))}\n${r.toFalcoText(contents)}\n${JSON.stringify(r.toDiagnostics())}`);
  const c = engine.compiled;
  if (c) {
    out.push(JSON.stringify([...c.lists.values()]));
    out.push(JSON.stringify([...c.macros.values()].map((m) => [m.name, m.used, printFalco(m.condition)])));
    out.push(JSON.stringify(c.rules.map((r) => [r.id, r.name, r.enabled, r.priority, r.conditionText, printFalco(r.condition), r.output.format, r.exceptionFields])));
  } else out.push('no compiled rules');
  return out;
}

const same = (files: Files): void => {
  expect(observe(files, false)).toEqual(observe(files, true));
};

/** A seeded generator of small rules files that define, append to, override and refer to a few shared names. */
function generate(seed: number, count: number): Files {
  let s = seed;
  const rnd = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const lists = ['l0', 'l1', 'l2', 'l3', 'l x'];
  const macros = ['m0', 'm1', 'm2', 'm3'];
  const rules = ['r0', 'r1', 'r2', 'r3'];
  const atom = (): string =>
    pick([
      pick(macros),
      `proc.name in (${pick(lists)}, sh)`,
      `evt.type in (open, ${pick(['openat', pick(lists)])})`,
      'proc.nobody = x',
      'evt.dir = <',
      '(evt.type = open',
      `fd.name pmatch (${pick(lists)})`,
      `proc.pname = ${pick(['a', pick(lists)])}`,
    ]);
  const cond = (): string => [atom(), atom()].slice(0, 1 + Math.floor(rnd() * 2)).join(pick([' and ', ' or ']));
  const item = (): string =>
    pick([
      `- list: ${pick(lists)}\n  items: [${pick(['sh', 'bash', pick(lists)])}, ${pick(['"a b"', pick(lists)])}]\n`,
      `- list: ${pick(lists)}\n  items: [${pick(['z', pick(lists)])}]\n  override:\n    items: append\n`,
      `- macro: ${pick(macros)}\n  condition: ${cond()}\n`,
      `- macro: ${pick(macros)}\n  condition: or ${atom()}\n  override:\n    condition: append\n`,
      `- rule: ${pick(rules)}\n  desc: d\n  condition: ${cond()}\n  output: "${pick(['out %proc.name', 'o %container.info', 'bad %proc.nobody'])}"\n  priority: WARNING\n` +
        (rnd() < 0.3 ? '  skip-if-unknown-filter: true\n' : '') +
        (rnd() < 0.3 ? `  exceptions:\n    - name: e1\n      fields: [proc.name, fd.name]\n      comps: [=, in]\n      values:\n        - [a, (${pick(lists)})]\n` : ''),
      `- rule: ${pick(rules)}\n  condition: and ${atom()}\n  override:\n    condition: append\n`,
      `- rule: ${pick(rules)}\n  exceptions:\n    - name: e1\n      values:\n        - [c, d]\n  override:\n    exceptions: append\n`,
      `- rule: ${pick(rules)}\n  enabled: ${pick(['true', 'false'])}\n`,
      `- rule: ${pick(rules)}\n  priority: ERROR\n  condition: ${cond()}\n  override:\n    priority: replace\n    condition: replace\n`,
    ]);
  const files: Files = [];
  for (let f = 0; f < count; f++) {
    let text = '';
    for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) text += item();
    files.push([`f${f}.yaml`, text]);
  }
  return files;
}

describe('incremental compile', () => {
  it('gives the results of recompiling everything, file by file, over 200 generated load sequences', () => {
    let compared = 0;
    let successes = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const files = generate(seed, 2 + (seed % 11));
      const a = observe(files, false);
      expect(a, `seed ${seed}`).toEqual(observe(files, true));
      compared += files.length;
      successes += a.filter((t) => t.includes('"successful":true')).length;
    }
    expect(compared).toBeGreaterThan(1000);
    expect(successes).toBeGreaterThan(100);
  });

  it('a list appended by a later file reaches the conditions of earlier rules and macros', () => {
    const files: Files = [
      ['a.yaml', '- list: shells\n  items: [sh]\n- macro: spawned\n  condition: proc.name in (shells)\n- rule: r\n  desc: d\n  condition: spawned and evt.type = execve\n  output: x\n  priority: INFO\n'],
      ['b.yaml', '- list: shells\n  items: [bash]\n  override:\n    items: append\n'],
    ];
    same(files);
    const engine = new RulesEngine();
    for (const [n, t] of files) engine.load(t, n);
    expect(printFalco(engine.compiled?.rules[0]?.condition as never)).toContain('(sh, bash)');
  });

  it('a list that copies an appended list changes too', () => {
    same([
      ['a.yaml', '- list: base\n  items: [sh]\n- list: all\n  items: [base, zsh]\n- rule: r\n  desc: d\n  condition: proc.name in (all)\n  output: x\n  priority: INFO\n'],
      ['b.yaml', '- list: base\n  items: [bash]\n  override:\n    items: append\n'],
    ]);
  });

  it('a macro defined by a later file mends an earlier undefined reference', () => {
    const files: Files = [
      ['a.yaml', '- rule: r\n  desc: d\n  condition: spawned and evt.type = open\n  output: x\n  priority: INFO\n'],
      ['b.yaml', '- macro: spawned\n  condition: proc.name = sh\n'],
    ];
    same(files);
    expect(observe(files, false)[1]).toContain('"successful":true');
  });

  it('a macro redefined by a later file reaches the rules through the macros that name it', () => {
    const files: Files = [
      ['a.yaml', '- macro: inner\n  condition: proc.name = sh\n- macro: outer\n  condition: inner and evt.type = open\n- rule: r\n  desc: d\n  condition: outer\n  output: x\n  priority: INFO\n'],
      ['b.yaml', '- macro: inner\n  condition: proc.name = bash\n'],
      ['c.yaml', '- macro: inner\n  condition: (proc.name = bash\n'],
      ['d.yaml', '- macro: inner\n  condition: proc.name = zsh\n'],
    ];
    same(files);
    const engine = new RulesEngine();
    for (const [n, t] of files) engine.load(t, n);
    expect(printFalco(engine.compiled?.rules[0]?.condition as never)).toContain('zsh');
  });

  it('an update that fails half-way still changes the rule, as a full compile sees it', () => {
    same([
      ['a.yaml', '- rule: r\n  desc: d\n  condition: evt.type = open\n  output: x\n  priority: INFO\n'],
      ['b.yaml', '- rule: r\n  condition: and proc.name = sh\n  exceptions:\n    - name: new\n  override:\n    condition: append\n    exceptions: append\n'],
      ['c.yaml', '- list: unused\n  items: [a]\n'],
    ]);
  });

  it('a list whose name holds a delimiter changes every condition it occurs in', () => {
    same([
      ['a.yaml', '- list: my list\n  items: [a]\n- rule: r\n  desc: d\n  condition: proc.name in (x, my list)\n  output: x\n  priority: INFO\n'],
      ['b.yaml', '- list: my list\n  items: [b]\n  override:\n    items: append\n'],
    ]);
  });

  it('warnings about earlier files repeat in every later result, as in Falco', () => {
    const engine = new RulesEngine();
    engine.load('- macro: lonely\n  condition: evt.type = open\n', 'a.yaml');
    const second = engine.load('- list: l\n  items: [x]\n- rule: r\n  desc: d\n  condition: evt.type = open and proc.name in (l)\n  output: x\n  priority: INFO\n', 'b.yaml');
    expect(second.warnings.map((w) => [w.code, w.context.locations[0]?.name])).toEqual([['LOAD_UNUSED_MACRO', 'a.yaml']]);
  });

  it('the compiled rules are undefined after a load that fails', () => {
    const engine = new RulesEngine();
    engine.load('- rule: r\n  desc: d\n  condition: evt.type = open\n  output: x\n  priority: INFO\n', 'a.yaml');
    expect(engine.compiled?.rules.map((r) => r.name)).toEqual(['r']);
    engine.load('- rule: s\n  desc: d\n  condition: nosuch\n  output: x\n  priority: INFO\n', 'b.yaml');
    expect(engine.compiled).toBeUndefined();
  });

  it('a macro or list defined again the same way recompiles none of the rules naming it', () => {
    const base = '- list: shells\n  items: [sh, bash]\n- macro: spawned\n  condition: evt.type = execve and proc.name in (shells)\n- macro: outer\n  condition: spawned and proc.pname = sh\n';
    const files: Files = [
      ['a.yaml', `${base}- rule: r\n  desc: d\n  condition: outer\n  output: x\n  priority: INFO\n`],
      ['b.yaml', base],
    ];
    same(files);
    const engine = new RulesEngine();
    for (const [n, t] of files) engine.load(t, n);
    // b.yaml parses its three definitions again; `outer` and `r` keep what they had.
    expect(engine.compileWork).toEqual({ lists: 2, macros: 4, rules: 1 });
  });

  it('a macro defined again reaches every macro naming it, through a long chain, as a full recompile does', () => {
    let chain = '- macro: m0\n  condition: evt.type = open\n';
    for (let i = 1; i < 40; i++) chain += `- macro: m${i}\n  condition: m${i - 1} or proc.name = p${i}\n`;
    const files: Files = [
      ['a.yaml', `${chain}- rule: r\n  desc: d\n  condition: m39\n  output: x\n  priority: INFO\n`],
      ['b.yaml', '- macro: m0\n  condition: evt.type = close\n'],
    ];
    same(files);
    const engine = new RulesEngine();
    for (const [n, t] of files) engine.load(t, n);
    expect(printFalco(engine.compiled?.rules[0]?.condition as never)).toContain('close');
    // b.yaml expands the whole chain again (m0 parsed, m1..m39 expanded) and the rule.
    expect(engine.compileWork.rules).toBe(2);
  });

  it('a rule warning inside a macro defined again the same way moves to the new definition', () => {
    const macro = '- macro: m\n  condition: fd.name = "proc.name"\n';
    const files: Files = [
      ['a.yaml', `${macro}- rule: r\n  desc: d\n  condition: evt.type = open and m\n  output: x\n  priority: INFO\n`],
      ['b.yaml', `# moved\n${macro}`],
    ];
    same(files);
    const engine = new RulesEngine();
    const results = files.map(([n, t]) => engine.load(t, n));
    const where = results.map((r) => r.warnings.filter((w) => w.code === 'LOAD_COMPILE_CONDITION').map((w) => w.context.last.source?.file.name));
    expect(where).toEqual([['a.yaml'], ['b.yaml']]);
  });

  it('a list defined again with the same items: its dependants name what Falco names, its own warning the new definition', () => {
    // Falco substitutes lists as text and reports a problem in the substituted text at the condition's position;
    // our exact place is the list expression in the condition that names it, wherever the list is (re)defined. An unused list is
    // reported at its last definition (Falco's collector replaces the list, position included).
    const list = '- list: l\n  items: [proc.name, sh]\n';
    const files: Files = [
      ['a.yaml', `${list}- list: spare\n  items: [x]\n- macro: m\n  condition: fd.name in (l)\n- rule: r\n  desc: d\n  condition: evt.type = open and m and proc.pname in (l)\n  output: x\n  priority: INFO\n`],
      ['b.yaml', `# moved\n# down\n${list}- list: spare\n  items: [x]\n`],
    ];
    same(files);
    const engine = new RulesEngine();
    const results = files.map(([n, t]) => engine.load(t, n));
    expect(engine.compileWork.rules).toBe(1);
    const a = files[0]?.[1] as string;
    const where = results.map((r) => r.toDiagnostics().map((d) => [d.code, d.location?.file, d.location?.offset]));
    // The warned constant is the parenthesised list the items were substituted into.
    const macroUse = a.indexOf('(l)');
    const ruleUse = a.lastIndexOf('(l)');
    const spareAt = (text: string): number => text.indexOf('list: spare');
    for (const w of where) {
      expect(w.filter(([code]) => code === 'LOAD_COMPILE_CONDITION')).toEqual([
        ['LOAD_COMPILE_CONDITION', 'a.yaml', macroUse],
        ['LOAD_COMPILE_CONDITION', 'a.yaml', ruleUse],
      ]);
    }
    expect(where.map((w) => w.filter(([code]) => code === 'LOAD_UNUSED_LIST'))).toEqual([
      [['LOAD_UNUSED_LIST', 'a.yaml', spareAt(a)]],
      [['LOAD_UNUSED_LIST', 'b.yaml', spareAt(files[1]?.[1] as string)]],
    ]);
    // Falco's own numbers (the condition expression's position) are those of the first load.
    const falco = results.map((r) => JSON.stringify((r.toFalcoJson(engine.contents()).warnings as { code: string }[]).filter((w) => w.code === 'LOAD_COMPILE_CONDITION')));
    expect(falco[1]).toBe(falco[0]);
  });

  it('2,000 files of one list, macro and rule each compile each definition once', () => {
    const n = 2000;
    const engine = new RulesEngine();
    for (let i = 0; i < n; i++) {
      const res = engine.load(
        `- list: l_${i}\n  items: [bin_${i}]\n- macro: m_${i}\n  condition: proc.name in (l_${i})\n- rule: rule_${i}\n  desc: d\n  condition: evt.type = open and m_${i}\n  output: "%proc.name"\n  priority: INFO\n`,
        `r${i}.yaml`,
      );
      expect(res.successful).toBe(true);
    }
    expect(engine.compiled?.rules).toHaveLength(n);
    expect(engine.compileWork).toEqual({ lists: n, macros: n, rules: n });
  });
});
