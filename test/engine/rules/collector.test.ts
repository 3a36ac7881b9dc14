// Item shapes, updates and their error messages (docs/rules-language.md#items-and-keys, #updates-and-order).
import { describe, expect, it } from 'vitest';
import { loadYaml, summarize } from '../../helpers/rules.js';

const R = (name: string, extra = '', cond = 'evt.type=open'): string => `- rule: ${name}\n  desc: d\n  condition: ${cond}\n  output: o\n  priority: INFO\n${extra}`;
const err = (yaml: string) => {
  const { last } = loadYaml(yaml);
  const e = last.errors[0];
  return e ? { code: e.code, message: e.message } : undefined;
};

describe('updates and their errors', () => {
  it.each([
    [`${R('r')}- rule: r\n  condition: and proc.name=x\n  append: true\n  override:\n    condition: append\n`, 'LOAD_ERR_YAML_VALIDATE', "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead."],
    [`${R('r')}- rule: r\n  desc: x\n  override:\n    output: append\n`, 'LOAD_ERR_YAML_VALIDATE', "An append override for 'output' was specified but 'output' is not defined"],
    [`${R('r')}- rule: r\n  desc: x\n  output: y\n  override:\n    output: append\n`, 'LOAD_ERR_YAML_VALIDATE', "Unexpected key 'desc': no corresponding entry under 'override' is defined."],
    [`${R('r')}- rule: r\n  priority: ERROR\n  override:\n    priority: append\n`, 'LOAD_ERR_YAML_VALIDATE', "Key 'priority' cannot be appended to, use 'replace' instead"],
    [`${R('r')}- rule: r\n  source: x\n  override:\n    source: replace\n`, 'LOAD_ERR_YAML_VALIDATE', "Key 'source' cannot be replaced"],
    [`${R('r')}- rule: r\n  condition: x\n  override:\n    condition: merge\n`, 'LOAD_ERR_YAML_VALIDATE', "Invalid override operation for key 'condition': 'merge'. Allowed values are: append replace "],
    [`- rule: r\n  condition: evt.type=open\n  override:\n    condition: replace\n`, 'LOAD_ERR_VALIDATE', "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists"],
    [`- rule: r\n  condition: and x\n  override:\n    condition: append\n`, 'LOAD_ERR_VALIDATE', "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists"],
    [`- rule: r\n  enabled: false\n`, 'LOAD_ERR_VALIDATE', "Rule has 'enabled' key but no rule by that name already exists"],
    [`${R('r', '  source: syscall\n')}${R('r', '  source: k8s_audit\n')}`, 'LOAD_ERR_VALIDATE', 'Rule has been re-defined with a different source'],
    [`- list: l\n  items: [a]\n  override:\n    items: append\n`, 'LOAD_ERR_VALIDATE', "List uses 'append' or 'override.items: append' but no list by that name already exists"],
    [`- macro: m\n  condition: and x\n  append: true\n`, 'LOAD_ERR_VALIDATE', "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists"],
    [R('r', '', 'evt.type=open').replace('priority: INFO', 'priority: LOUD'), 'LOAD_ERR_YAML_VALIDATE', 'Invalid priority'],
    [R('r').replace('  desc: d\n', ''), 'LOAD_ERR_YAML_VALIDATE', "Item has no mapping for key 'desc'"],
    [R('r').replace('output: o', 'output: ""'), 'LOAD_ERR_YAML_VALIDATE', 'Value must be non-empty'],
    [R('r').replace('output: o', 'output: [a]'), 'LOAD_ERR_YAML_VALIDATE', 'Value is not a scalar value'],
    [R('r', '  enabled: maybe\n'), 'LOAD_ERR_YAML_VALIDATE', "Can't decode YAML scalar value"],
    [R('r', '  tags: x\n'), 'LOAD_ERR_YAML_VALIDATE', 'Value is not a sequence'],
    [R('r', '  tags: [[a]]\n'), 'LOAD_ERR_YAML_VALIDATE', 'sequence value is not scalar'],
    [R('r', '  exceptions: x\n'), 'LOAD_ERR_YAML_VALIDATE', 'Rule exceptions must be a sequence'],
    [R('r', '  exceptions:\n    - name: e\n      fields: [proc.name]\n      comps: [=, =]\n'), 'LOAD_ERR_VALIDATE', 'Fields and comps lists must have equal length'],
    [R('r', '  exceptions:\n    - name: e\n      fields: proc.name\n      comps: [in]\n'), 'LOAD_ERR_VALIDATE', 'Fields and comps must both be strings'],
    [
      R('r', '  exceptions:\n    - name: e\n      fields: proc.name\n      comps: "="\n'),
      'LOAD_ERR_VALIDATE',
      'When fields is a single value, comps must be one of (in, pmatch, intersects) or a modifier operator (e.g. startswith oneof)',
    ],
    [R('r', '  exceptions:\n    - name: e\n      fields: [proc.name]\n      comps: [in oneof]\n'), 'LOAD_ERR_VALIDATE', "'in oneof' is not a supported comparison operator"],
    [R('r', '  exceptions:\n    - name: e\n      fields: proc.name\n      values: [[a]]\n'), 'LOAD_ERR_VALIDATE', 'Expected values array to contain a list of strings'],
    [`- required_engine_version: 1.0.0\n`, 'LOAD_ERR_VALIDATE', 'Rules require engine version 1.0.0, but engine version is 0.63.0'],
    [`- required_plugin_versions:\n  - name: json\n    version: x\n`, 'LOAD_ERR_VALIDATE', "Invalid required version 'x' for plugin 'json'"],
    [
      `- required_plugin_versions:\n  - name: json\n    version: 0.1.0\n    alternatives:\n      - name: json\n        version: 0.2.0\n`,
      'LOAD_ERR_VALIDATE',
      "Defined multiple alternative version requirements for plugin 'json'",
    ],
    [`- required_plugin_versions: json\n`, 'LOAD_ERR_YAML_VALIDATE', 'Value of required_plugin_versions must be a sequence'],
  ])('%#: %s', (yaml, code, message) => expect(err(yaml)).toEqual({ code, message }));
});

describe('accepted forms', () => {
  it('accepts the integer form of required_engine_version (0.N.0) and yaml-cpp booleans', () => {
    const { last, engine } = loadYaml(`- required_engine_version: 13\n${R('r', '  enabled: No\n  warn_evttypes: off\n', 'proc.name=x')}`);
    expect(last.errors).toEqual([]);
    expect(engine.requiredEngineVersion).toBe('0.13.0');
    expect(engine.compiled?.rules[0]?.enabled).toBe(false);
    expect(last.warnings).toEqual([]);
  });
  it('accepts priorities in any case, and info', () => {
    const { engine, last } = loadYaml(R('r').replace('INFO', 'info') + R('s').replace('INFO', 'wArNiNg'));
    expect(last.errors).toEqual([]);
    expect(engine.compiled?.rules.map((r) => r.priority)).toEqual([6, 4]);
    expect(last.schemaWarnings?.length).toBeGreaterThan(0);
  });
  it('warns about unknown keys', () => {
    const { last } = loadYaml(`- list: l\n  items: []\n  colour: red\n${R('r', '', 'evt.type=open and proc.name in (l)')}`);
    expect(last.warnings.map(summarize)).toEqual([expect.objectContaining({ code: 'LOAD_UNKNOWN_KEY', itemNames: ['l'], message: "Unknown key 'colour'. The key will be ignored." })]);
  });
  it('checks plugin requirements against the loaded plugins', () => {
    const yaml = `- required_plugin_versions:\n  - name: container\n    version: 1.0.0\n    alternatives:\n      - name: json\n        version: 0.1.0\n`;
    expect(loadYaml(yaml).engine.pluginRequirementsError()).toBe("Plugin 'container' version '0.7.1' is not compatible with required plugin version '1.0.0'");
    expect(loadYaml(yaml, { plugins: [] }).engine.pluginRequirementsError()).toBe('Plugin requirement not satisfied, must load one of: container (>= 1.0.0), json (>= 0.1.0)');
  });
  it('stops reading a file at its first error but keeps what was read before', () => {
    const { engine, last } = loadYaml(`- list: a\n  items: [x]\n- rule: broken\n- list: b\n  items: [y]\n`);
    expect(last.errors).toHaveLength(1);
    expect([...engine.collector.lists.keys()]).toEqual(['a']);
  });
});
