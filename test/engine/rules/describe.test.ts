// `describe` JSON against the expectations of Falco's own `-L -o json_output=true` test (commands_test.go).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON under test
type Json = any;
import { describeRules, JSON_PLUGIN } from '../../helpers/engine.js';
import { sharedPath } from '../../helpers/paths.js';
import { loadTexts } from '../../helpers/rules.js';

const APPEND_WITH_JSON = `
- required_engine_version: 0.11.0
- required_plugin_versions:
  - name: json
    version: 0.1.0
- rule: open_from_cat
  condition: and json.value[/test] = "test"
  append: true
`;

describe('describe (falco -L JSON)', () => {
  const { engine, results } = loadTexts(
    [
      ['000-single_rule.yaml', readFileSync(sharedPath('falco-tests', 'rules', '000-single_rule.yaml'), 'utf8')],
      ['rule-list-with-plugin-json.yaml', APPEND_WITH_JSON],
    ],
    { plugins: [JSON_PLUGIN] },
  );
  const d = describeRules(engine) as Json;

  it('loads', () => expect(results.every((r) => r.successful)).toBe(true));
  it('reports required versions', () => {
    expect(d.required_engine_version).toBe('0.11.0');
    expect(d.required_plugin_versions).toEqual([{ alternatives: [], name: 'json', version: '0.1.0' }]);
  });
  it('describes lists', () => {
    expect(d.lists).toEqual([
      { details: { items_compiled: ['cat'], lists: [], plugins: [], used: true }, info: { items: ['cat'], name: 'cat_binaries' } },
      { details: { items_compiled: ['cat'], lists: ['cat_binaries'], plugins: [], used: true }, info: { items: [], name: 'cat_capable_binaries' } },
    ]);
  });
  it('describes macros', () => {
    expect(d.macros).toHaveLength(1);
    const m = d.macros[0];
    expect(m.info).toEqual({ condition: 'proc.name in (cat_capable_binaries)', name: 'is_cat' });
    expect(m.details).toMatchObject({
      used: true,
      macros: [],
      lists: ['cat_capable_binaries'],
      plugins: [],
      condition_operators: ['in'],
      condition_fields: ['proc.name'],
      condition_compiled: 'proc.name in (cat)',
    });
    expect(m.details.events.length).toBeGreaterThan(0);
  });
  it('describes rules', () => {
    expect(d.rules).toHaveLength(1);
    const r = d.rules[0];
    expect(r.info).toEqual({
      capture: false,
      capture_duration: 0,
      condition: 'evt.type=open and is_cat and json.value[/test] = "test"',
      description: 'A process named cat does an open',
      enabled: true,
      name: 'open_from_cat',
      output: 'An open was seen (command=%proc.cmdline)',
      priority: 'Warning',
      source: 'syscall',
      tags: [],
    });
    expect(r.details).toEqual({
      condition_compiled: '(evt.type = open and proc.name in (cat) and json.value[/test] = test)',
      condition_fields: ['evt.type', 'json.value[/test]', 'proc.name'],
      condition_operators: ['=', 'in'],
      events: ['asyncevent', 'open'],
      exception_fields: [],
      exception_names: [],
      exception_operators: [],
      lists: [],
      macros: ['is_cat'],
      output_compiled: 'An open was seen (command=%proc.cmdline)',
      output_fields: ['proc.cmdline'],
      plugins: ['json'],
    });
  });
  it('describes one rule, and refuses an unknown one', () => {
    expect((describeRules(engine, { rule: 'open_from_cat' }) as Json).rules).toHaveLength(1);
    expect(() => describeRules(engine, { rule: 'nope' })).toThrow('Rule "nope" is not loaded');
  });
  it('appends the container plugin suggested fields to outputs when it is loaded', () => {
    const { engine: e2 } = loadTexts([['000-single_rule.yaml', readFileSync(sharedPath('falco-tests', 'rules', '000-single_rule.yaml'), 'utf8')]]);
    expect((describeRules(e2) as Json).rules[0].details.output_compiled).toBe(
      'An open was seen (command=%proc.cmdline) container_id=%container.id container_name=%container.name container_image_repository=%container.image.repository container_image_tag=%container.image.tag k8s_pod_name=%k8s.pod.name k8s_ns_name=%k8s.ns.name',
    );
  });
});
