// Known rule edits over a capture we build: the diff gives exactly the expected added / removed / changed /
// shadowed alerts and static classification, both sides evaluated in one pass.
import { describe, expect, it } from 'vitest';
import { diffAlerts, evaluateOnePass, staticChanges, type DiffReport, type RulesSnapshot, type SideOutcome } from '../../../src/engine/index.js';
import { Scenario } from '../../helpers/scenario.js';

function capture(): Buffer {
  const s = new Scenario();
  s.process({ pid: 1, ppid: 0, comm: 'systemd', exepath: '/usr/lib/systemd/systemd', args: [] });
  const bash = s.process({ pid: 100, ppid: 1, comm: 'bash', exepath: '/bin/bash' });
  s.advance(1_000_000n);
  const cat = bash.clone();
  cat.execve('/bin/cat', ['cat', '/etc/shadow', '/etc/passwd']);
  cat.close(cat.open('/etc/shadow'));
  cat.close(cat.open('/etc/passwd'));
  cat.exit();
  bash.close(bash.open('/etc/hosts'));
  return s.toBuffer();
}
const CAPTURE = capture();
const NAME = 'story.scap';

const BASE = `
- list: readers
  items: [cat]
- macro: opened
  condition: evt.type in (open, openat) and evt.dir=<
- macro: reader
  condition: proc.name in (readers)
- rule: Read shadow
  desc: the shadow file was opened
  condition: opened and fd.name=/etc/shadow
  output: shadow read by %proc.name (file=%fd.name)
  priority: WARNING
  tags: [files]
- rule: Reader opened etc
  desc: a file reader opened a file below /etc
  condition: opened and reader and fd.name startswith /etc/
  output: etc read by %proc.name (file=%fd.name)
  priority: NOTICE
- rule: Exec
  desc: a program started
  condition: evt.type=execve and evt.dir=<
  output: exec %proc.name
  priority: INFO
`;

/** Both sides in one pass (the diff's evaluator): alerts under `first`, per-event matches under `all`. */
async function diff(head: string): Promise<{ report: DiffReport; evt: (file: string) => number }> {
  const res = await evaluateOnePass({
    sides: [
      { name: 'base', rules: [{ name: 'rules.yaml', content: BASE }] },
      { name: 'head', rules: [{ name: 'rules.yaml', content: head }] },
    ],
    captures: [{ name: NAME, open: () => [CAPTURE] }],
    common: { matching: 'first', zoneSeconds: 0, appendOutput: [] },
    snapshots: true,
  });
  const [b, h] = res.sides as [SideOutcome, SideOutcome];
  const report = diffAlerts({ captures: [NAME], base: b, head: h, staticChanges: staticChanges(b.snapshot as RulesSnapshot, h.snapshot as RulesSnapshot) });
  // Event numbers of the opens and the execve, found from the alerts.
  const all = [...b.alerts, ...h.alerts];
  const evt = (what: string): number => {
    const a = all.find((x) => x.output.includes(what));
    if (!a) throw new Error(`no alert mentions ${what}`);
    return a.evtnum;
  };
  return { report, evt };
}

const brief = (r: DiffReport) => ({
  added: r.added.map((a) => [a.evtnum, a.rule, a.priority]),
  removed: r.removed.map((a) => [a.evtnum, a.rule, a.priority]),
  changed: r.changed.map((c) => [c.evtnum, c.rule, c.fields]),
  shadowed: r.shadowed.map((s) => [s.evtnum, s.rule, s.base_by, s.head_by]),
  static: r.static_changes.map((c) => [c.kind, c.name, c.level, c.findings.map((f) => f.code)]),
});

describe('known rule edits over a built capture', () => {
  it('the unchanged rules give no difference (and the capture fires what we expect)', async () => {
    const { report, evt } = await diff(BASE);
    expect(brief(report)).toEqual({ added: [], removed: [], changed: [], shadowed: [[evt('/etc/shadow'), 'Reader opened etc', 'Read shadow', 'Read shadow']], static: [] });
    expect(report.rules.map((r) => [r.rule, r.base, r.head])).toEqual([
      ['Read shadow', 1, 1],
      ['Reader opened etc', 1, 1],
      ['Exec', 1, 1],
    ]);
  });

  it('add a rule', async () => {
    const { report, evt } = await diff(`${BASE}
- rule: Hosts read
  desc: hosts opened
  condition: opened and fd.name=/etc/hosts
  output: hosts read by %proc.name (file=%fd.name)
  priority: ERROR
`);
    const b = brief(report);
    expect(b.added).toEqual([[evt('file=/etc/hosts'), 'Hosts read', 'Error']]);
    expect([b.removed, b.changed, b.static]).toEqual([[], [], [['rule', 'Hosts read', 'minor', ['rule-added']]]]);
    expect(report.rules.find((r) => r.rule === 'Hosts read')).toEqual({ rule: 'Hosts read', priority: 'Error', presence: 'head-only', base: 0, head: 1, delta: 1 });
  });

  it('remove a rule', async () => {
    const { report, evt } = await diff(BASE.slice(0, BASE.indexOf('- rule: Exec')));
    const b = brief(report);
    expect(b.removed).toEqual([[evt('exec cat'), 'Exec', 'Informational']]);
    expect([b.added, b.changed, b.static]).toEqual([[], [], [['rule', 'Exec', 'major', ['rule-removed']]]]);
  });

  it('raise a priority', async () => {
    const { report, evt } = await diff(BASE.replace('priority: WARNING', 'priority: CRITICAL'));
    const b = brief(report);
    expect(b.changed).toEqual([[evt('/etc/shadow'), 'Read shadow', ['priority']]]);
    expect([b.added, b.removed, b.static]).toEqual([[], [], [['rule', 'Read shadow', 'patch', ['rule-priority-more-urgent']]]]);
    expect(report.changed[0]?.base.priority).toBe('Warning');
    expect(report.changed[0]?.head.priority).toBe('Critical');
  });

  it('add an exception', async () => {
    const { report, evt } = await diff(
      BASE.replace(
        '  priority: NOTICE\n',
        '  priority: NOTICE\n  exceptions:\n    - name: cat_passwd\n      fields: [proc.name, fd.name]\n      values: [[cat, /etc/passwd]]\n',
      ),
    );
    const b = brief(report);
    expect(b.removed).toEqual([[evt('file=/etc/passwd'), 'Reader opened etc', 'Notice']]);
    expect([b.added, b.changed, b.static]).toEqual([[], [], [['rule', 'Reader opened etc', 'patch', ['rule-exceptions-added-removed']]]]);
  });

  it('reorder so one rule shadows another under rule_matching: first', async () => {
    const shadow = BASE.slice(BASE.indexOf('- rule: Read shadow'), BASE.indexOf('- rule: Reader opened etc'));
    const reader = BASE.slice(BASE.indexOf('- rule: Reader opened etc'), BASE.indexOf('- rule: Exec'));
    const head = BASE.slice(0, BASE.indexOf('- rule: Read shadow')) + reader + shadow + BASE.slice(BASE.indexOf('- rule: Exec'));
    const { report, evt } = await diff(head);
    const e = evt('/etc/shadow');
    expect(brief(report)).toEqual({
      added: [[e, 'Reader opened etc', 'Notice']],
      removed: [[e, 'Read shadow', 'Warning']],
      changed: [],
      shadowed: [
        [e, 'Read shadow', null, 'Reader opened etc'],
        [e, 'Reader opened etc', 'Read shadow', null],
      ],
      static: [['rule', 'Read shadow', 'none', ['rule-order-changed']]],
    });
  });

  it('change only a macro', async () => {
    const { report, evt } = await diff(BASE.replace('condition: proc.name in (readers)', 'condition: proc.name in (readers) or proc.name=bash'));
    const b = brief(report);
    expect(b.added).toEqual([[evt('file=/etc/hosts'), 'Reader opened etc', 'Notice']]);
    expect([b.removed, b.changed]).toEqual([[], []]);
    expect(b.static).toEqual([
      ['rule', 'Reader opened etc', 'none', ['rule-uses-changed']],
      ['macro', 'reader', 'none', ['macro-condition-changed']],
    ]);
    expect(report.static_changes[0]?.via).toEqual({ macros: ['reader'], lists: [] });
  });

  it('change only a list (both sides share condition results per event: a changed list must not)', async () => {
    const { report, evt } = await diff(BASE.replace('items: [cat]', 'items: [cat, bash]'));
    const b = brief(report);
    expect(b.added).toEqual([[evt('file=/etc/hosts'), 'Reader opened etc', 'Notice']]);
    expect([b.removed, b.changed]).toEqual([[], []]);
    expect(b.static.map((x) => `${String(x[0])} ${String(x[1])}`).sort()).toEqual(['list readers', 'rule Reader opened etc']);
  });
});
