// Explaining a rule on one event: the tree's shape (macros, lists, exceptions), each check's field value,
// short-circuit marks, and agreement with the compiled predicate on every event.
import { describe, expect, it } from 'vitest';
import { Replay, type CompiledRule, type EvalContext, type ExplainNode } from '../../helpers/engine.js';
import { Scenario } from '../../helpers/scenario.js';

const RULES = `
- list: shell_binaries
  items: [bash, sh, zsh]
- list: readers
  items: [cat, less]
- macro: open_read
  condition: evt.type in (open, openat) and evt.is_open_read=true
- macro: sensitive
  condition: fd.name startswith /etc/shadow or fd.name = /etc/sudoers
- rule: Read sensitive
  desc: a sensitive file read
  condition: open_read and sensitive and proc.name in (readers, vi)
  output: "%proc.name read %fd.name"
  priority: WARNING
  exceptions:
    - name: backup_tools
      fields: [proc.name]
      values: [[tar], [rsync]]
    - name: no_values
      fields: [proc.name]
- rule: Shell opens
  desc: shells open files
  condition: open_read and proc.name in (shell_binaries)
  output: "%proc.name"
  priority: NOTICE
`;

function capture(): Buffer {
  const s = new Scenario({ start: 1_700_000_000_000_000_000n });
  const cat = s.process({ pid: 100, comm: 'cat', args: ['/etc/shadow'] });
  cat.close(cat.open('/etc/shadow'));
  cat.close(cat.open('/tmp/notes'));
  return s.toBuffer();
}

interface Seen {
  num: number;
  rule: CompiledRule;
  tree: ExplainNode;
  predicate: boolean;
}

async function explainAll(buf: Buffer, rules = RULES): Promise<Seen[]> {
  const seen: Seen[] = [];
  const holder: { replay?: Replay } = {};
  const onEvent = (e: { num: number; type: number }, ctx: EvalContext | undefined, source: string): void => {
    const replay = holder.replay;
    if (!ctx || !replay) return;
    const ex = replay.explainer();
    for (const r of replay.ruleset?.candidates(source, e.type) ?? []) {
      seen.push({ num: e.num, rule: r, tree: ex!.rule(r).evaluate(ctx), predicate: r.predicate(ctx) });
    }
  };
  const replay = new Replay({ rules: [{ name: 'rules.yaml', content: rules }], captures: [{ name: 'c.scap', open: () => [buf] }], zoneSeconds: 0, appendOutput: [], onEvent, matching: 'all' });
  holder.replay = replay;
  expect(replay.ok).toBe(true);
  for await (const _ of replay.alerts());
  return seen;
}

const named = (seen: Seen[], rule: string, fired: boolean): Seen => {
  const s = seen.find((x) => x.rule.name === rule && x.predicate === fired);
  if (!s) throw new Error(`no ${rule} ${fired}`);
  return s;
};

describe('explain', () => {
  it('agrees with the compiled predicate on every event and rule', async () => {
    const seen = await explainAll(capture());
    expect(seen.length).toBeGreaterThan(3);
    for (const s of seen) expect([s.num, s.rule.name, s.tree.value]).toEqual([s.num, s.rule.name, s.predicate]);
  });

  it('labels macros, lists and exceptions, with the field values of the event', async () => {
    const seen = await explainAll(capture());
    const fired = named(seen, 'Read sensitive', true).tree;
    expect(fired.kind).toBe('and');
    expect(fired.value).toBe(true);
    // (condition) and not (backup_tools): the exception without values adds no clause.
    expect(fired.children?.map((c) => c.exception ?? null)).toEqual([null, 'backup_tools']);
    const exc = fired.children?.[1] as ExplainNode;
    expect(exc).toMatchObject({ kind: 'not', value: true, children: [{ kind: 'or', value: false }] });
    expect(exc.children?.[0]?.children).toMatchObject([
      { kind: 'check', field: 'proc.name', fieldValue: 'cat', op: '=', operand: ['tar'], value: false },
      { kind: 'check', field: 'proc.name', fieldValue: 'cat', op: '=', operand: ['rsync'], value: false },
    ]);
    const cond = fired.children?.[0] as ExplainNode;
    const [openRead, sensitive, names] = cond.children as ExplainNode[];
    expect(openRead?.macros).toEqual(['open_read']);
    expect(openRead?.children?.[0]).toMatchObject({ kind: 'check', field: 'evt.type', fieldValue: 'open', op: 'in', operand: ['open', 'openat'], value: true });
    expect(sensitive?.macros).toEqual(['sensitive']);
    expect(sensitive).toMatchObject({ kind: 'or', value: true });
    // `or` stops at its first true child: the second check is not evaluated, but its field still shows.
    expect(sensitive?.children?.map((c) => c.value)).toEqual([true, null]);
    expect(sensitive?.children?.[1]).toMatchObject({ field: 'fd.name', fieldValue: '/etc/shadow' });
    expect(names).toMatchObject({ kind: 'check', op: 'in', operand: ['cat', 'less', 'vi'], lists: [{ name: 'readers', items: ['cat', 'less'] }], value: true });
  });

  it('marks what short-circuit left unevaluated when a rule stays quiet', async () => {
    const seen = await explainAll(capture());
    const quiet = named(seen, 'Read sensitive', false);
    const cond = quiet.tree.children?.[0] as ExplainNode;
    expect(quiet.tree.value).toBe(false);
    // /tmp/notes: open_read holds, sensitive fails, the rest of the `and` is never looked at.
    expect(cond.children?.map((c) => c.value)).toEqual([true, false, null]);
    expect(quiet.tree.children?.[1]?.value).toBeNull();
    const sensitive = cond.children?.[1] as ExplainNode;
    expect(sensitive.children?.map((c) => [c.fieldValue, c.value])).toEqual([
      ['/tmp/notes', false],
      ['/tmp/notes', false],
    ]);
    const shell = named(seen, 'Shell opens', false).tree;
    expect(shell.children?.[1]).toMatchObject({ lists: [{ name: 'shell_binaries', items: ['bash', 'sh', 'zsh'] }], fieldValue: 'cat', value: false });
  });

  it('shows a missing field as null and compares a field with another', async () => {
    const rules = `
- rule: cmp
  desc: x
  condition: evt.type=open and proc.name = val(proc.pname) and fd.name exists and container.image.repository exists
  output: x
  priority: INFO
`;
    const seen = await explainAll(capture(), rules);
    const t = seen.find((s) => s.rule.name === 'cmp')?.tree as ExplainNode;
    expect(t.children?.[1]).toMatchObject({ kind: 'check', field: 'proc.name', fieldValue: 'cat', operandField: 'val(proc.pname)', value: expect.any(Boolean) });
    for (const s of seen) expect(s.tree.value).toBe(s.predicate);
  });
});

describe('filter expressions', () => {
  async function compile(text: string) {
    const replay = new Replay({ rules: [{ name: 'rules.yaml', content: RULES }], captures: [{ name: 'c.scap', open: () => [capture()] }], zoneSeconds: 0 });
    return replay.explainer()!.filter(text, 'syscall');
  }

  it('use the rules\' macros and lists', async () => {
    expect((await compile('open_read and proc.name in (readers)')).ok).toBe(true);
  });

  it('report problems at the column of the typed text', async () => {
    expect(await compile('proc.name = cat and (')).toMatchObject({ ok: false, offset: 21 });
    expect(await compile('proc.name in (readers) and nosuch_macro')).toMatchObject({ ok: false, offset: 27, message: "Undefined macro 'nosuch_macro' used in filter." });
    expect(await compile('proc.name in (shell_binaries) and proc.nme = x')).toMatchObject({ ok: false, offset: 34 });
  });
});
