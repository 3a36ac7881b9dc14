import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countLevels, snapshotRules, staticChanges, type RulesSnapshot, type StaticChange } from '../../../src/engine/index.js';
import { sharedPath } from '../../helpers/paths.js';
import { loadTexts, loadYaml } from '../../helpers/rules.js';

const BASE = `
- list: shells
  items: [bash, sh]
- macro: spawned_process
  condition: evt.type in (execve, execveat) and evt.dir=<
- macro: shell_procs
  condition: proc.name in (shells)
- rule: Shell spawned
  desc: a shell started
  condition: spawned_process and shell_procs
  output: shell %proc.name
  priority: WARNING
  tags: [shell, process]
- rule: Open etc
  desc: a file under /etc opened
  condition: evt.type=openat and evt.dir=< and fd.name startswith /etc
  output: open %fd.name
  priority: NOTICE
  tags: [filesystem]
`;

function snap(text: string): RulesSnapshot {
  const { engine, last } = loadYaml(text);
  expect(last.successful, JSON.stringify(last.errors.map((e) => e.message))).toBe(true);
  return snapshotRules(engine);
}

/** name → level and finding codes, the shape the assertions compare. */
function summary(changes: readonly StaticChange[]): Record<string, { level: string; codes: string[] }> {
  return Object.fromEntries(changes.map((c) => [`${c.kind} ${c.name}`, { level: c.level, codes: c.findings.map((f) => f.code) }]));
}

const diff = (head: string): StaticChange[] => staticChanges(snap(BASE), snap(head));

describe('static diff of known rule edits', () => {
  it('reports nothing for identical rule sets', () => {
    expect(diff(BASE)).toEqual([]);
  });

  it('adding a rule is minor', () => {
    const head = `${BASE}
- rule: Write etc
  desc: write
  condition: evt.type=write and fd.name startswith /etc
  output: write %fd.name
  priority: ERROR
`;
    const changes = diff(head);
    expect(summary(changes)).toEqual({ 'rule Write etc': { level: 'minor', codes: ['rule-added'] } });
    expect(changes[0]?.fields.find((f) => f.field === 'priority')).toEqual({ field: 'priority', base: null, head: 'Error' });
  });

  it('removing a rule is major and keeps its last definition side by side', () => {
    const head = BASE.slice(0, BASE.indexOf('- rule: Open etc'));
    const changes = diff(head);
    expect(summary(changes)).toEqual({ 'rule Open etc': { level: 'major', codes: ['rule-removed'] } });
    expect(changes[0]?.fields.find((f) => f.field === 'events')).toEqual({ field: 'events', base: ['asyncevent', 'openat'], head: null });
  });

  it('raising a priority (more urgent) is a patch; lowering it is major', () => {
    expect(summary(diff(BASE.replace('priority: WARNING', 'priority: CRITICAL')))).toEqual({
      'rule Shell spawned': { level: 'patch', codes: ['rule-priority-more-urgent'] },
    });
    const lowered = diff(BASE.replace('priority: WARNING', 'priority: INFO'));
    expect(summary(lowered)).toEqual({ 'rule Shell spawned': { level: 'major', codes: ['rule-priority-less-urgent'] } });
    expect(lowered[0]?.fields).toEqual([{ field: 'priority', base: 'Warning', head: 'Informational' }]);
  });

  it('adding an exception is a patch (exception names added)', () => {
    const head = BASE.replace(
      '  tags: [filesystem]\n',
      '  tags: [filesystem]\n  exceptions:\n    - name: known_readers\n      fields: [proc.name]\n      values: [[cat]]\n',
    );
    const changes = diff(head);
    expect(summary(changes)).toEqual({ 'rule Open etc': { level: 'patch', codes: ['rule-exceptions-added-removed'] } });
    expect(changes[0]?.fields[0]).toEqual({ field: 'exceptions', base: [], head: ['known_readers'] });
  });

  it('changing only an exception value is visible but not rated', () => {
    const ex = (v: string): string =>
      BASE.replace('  tags: [filesystem]\n', `  tags: [filesystem]\n  exceptions:\n    - name: known_readers\n      fields: [proc.name]\n      values: [[${v}]]\n`);
    expect(summary(staticChanges(snap(ex('cat')), snap(ex('less'))))).toEqual({
      'rule Open etc': { level: 'none', codes: ['rule-exception-values-changed'] },
    });
  });

  it('reordering rules (one now shadows another under rule_matching: first) is listed, not rated', () => {
    const shell = BASE.slice(BASE.indexOf('- rule: Shell spawned'), BASE.indexOf('- rule: Open etc'));
    const open = BASE.slice(BASE.indexOf('- rule: Open etc'));
    const head = BASE.slice(0, BASE.indexOf('- rule: Shell spawned')) + open + shell;
    expect(summary(diff(head))).toEqual({ 'rule Shell spawned': { level: 'none', codes: ['rule-order-changed'] } });
  });

  it('changing only a macro names it on every rule that uses it', () => {
    const changes = diff(BASE.replace('condition: proc.name in (shells)', 'condition: proc.name in (shells) or proc.name=zsh'));
    expect(summary(changes)).toEqual({
      'macro shell_procs': { level: 'none', codes: ['macro-condition-changed'] },
      'rule Shell spawned': { level: 'none', codes: ['rule-uses-changed'] },
    });
    const rule = changes.find((c) => c.kind === 'rule');
    expect(rule?.via).toEqual({ macros: ['shell_procs'], lists: [] });
    expect(rule?.fields.map((f) => f.field)).toEqual(['expanded']);
    expect(changes.find((c) => c.kind === 'macro')?.fields).toEqual([
      { field: 'condition', base: 'proc.name in (shells)', head: '(proc.name in (shells) or proc.name = zsh)' },
    ]);
  });

  it('a list edit reaches rules through the macros that use it (transitively), as a patch', () => {
    const changes = diff(BASE.replace('items: [bash, sh]', 'items: [bash, sh, zsh]'));
    expect(summary(changes)).toEqual({
      'list shells': { level: 'patch', codes: ['list-items-changed'] },
      'rule Shell spawned': { level: 'none', codes: ['rule-uses-changed'] },
    });
    expect(changes.find((c) => c.kind === 'rule')?.via).toEqual({ macros: [], lists: ['shells'] });
  });

  it('a macro matching fewer event types is major, and so is the rule matching fewer', () => {
    const changes = diff(BASE.replace('evt.type in (execve, execveat)', 'evt.type=execve'));
    expect(summary(changes)).toEqual({
      'macro spawned_process': { level: 'major', codes: ['macro-condition-changed', 'macro-events-changed'] },
      'rule Shell spawned': { level: 'major', codes: ['rule-fewer-events', 'rule-uses-changed'] },
    });
  });

  it('tags, enabled, source, output and condition edits', () => {
    const head = BASE.replace('tags: [shell, process]', 'tags: [shell, mitre]')
      .replace('  priority: NOTICE\n', '  priority: NOTICE\n  enabled: false\n')
      .replace('output: open %fd.name', 'output: open %fd.name by %proc.name')
      .replace('fd.name startswith /etc', 'fd.name startswith /etc/');
    expect(summary(diff(head))).toEqual({
      'rule Shell spawned': { level: 'major', codes: ['rule-fewer-tags', 'rule-more-tags'] },
      'rule Open etc': { level: 'major', codes: ['rule-disabled', 'rule-output-fields-changed', 'rule-condition-changed'] },
    });
    const same = diff(BASE.replace('output: open %fd.name', 'output: opened %fd.name'));
    expect(summary(same)).toEqual({ 'rule Open etc': { level: 'none', codes: ['rule-output-changed'] } });
  });

  it('requirements: engine version and plugin versions', () => {
    const req = (engine: string, plugins: string): string => `- required_engine_version: ${engine}\n- required_plugin_versions:\n${plugins}${BASE}`;
    const base = req('0.10.0', '  - name: json\n    version: 0.2.0\n');
    const head = req('0.11.0', '  - name: json\n    version: 0.3.0\n    alternatives:\n      - name: k8saudit\n        version: 0.1.0\n');
    const changes = staticChanges(snap(base), snap(head));
    expect(summary(changes)).toEqual({
      'engine required_engine_version': { level: 'minor', codes: ['engine-version-raised'] },
      'plugin json': { level: 'minor', codes: ['plugin-version-raised'] },
      'plugin k8saudit': { level: 'patch', codes: ['plugin-alternative-added'] },
    });
    expect(countLevels(changes)).toEqual({ major: 0, minor: 2, patch: 1, none: 0 });
    expect(summary(staticChanges(snap(head), snap(base)))).toEqual({
      'plugin k8saudit': { level: 'major', codes: ['plugin-alternative-removed'] },
      'engine required_engine_version': { level: 'patch', codes: ['engine-version-lowered'] },
      'plugin json': { level: 'patch', codes: ['plugin-version-lowered'] },
    });
  });
});

describe('static diff of the official rules files', () => {
  const load = (name: string): RulesSnapshot => {
    const { engine, last } = loadTexts([[name, readFileSync(sharedPath('rules', name), 'utf8')]]);
    expect(last.successful).toBe(true);
    return snapshotRules(engine);
  };

  it('5.0.0 → 5.1.0: same set of rules added and removed as a name comparison gives, sorted by level', () => {
    const base = load('falco_rules-5.0.0.yaml');
    const head = load('falco_rules-5.1.0.yaml');
    const changes = staticChanges(base, head);
    const names = (s: RulesSnapshot): Set<string> => new Set(s.rules.map((r) => r.name));
    const added = [...names(head)].filter((n) => !names(base).has(n)).sort();
    const removed = [...names(base)].filter((n) => !names(head).has(n)).sort();
    expect(changes.filter((c) => c.kind === 'rule' && c.change === 'added').map((c) => c.name)).toEqual(added);
    expect(changes.filter((c) => c.kind === 'rule' && c.change === 'removed').map((c) => c.name)).toEqual(removed);
    const ranks = changes.map((c) => ['major', 'minor', 'patch', 'none'].indexOf(c.level));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    // Deterministic: the same inputs give the same list.
    expect(JSON.stringify(staticChanges(base, head))).toBe(JSON.stringify(changes));
    expect(staticChanges(head, head)).toEqual([]);
  });
});
