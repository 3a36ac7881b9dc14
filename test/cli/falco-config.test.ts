// Falco's configuration as `run` reads it: stock values, -c falco.yaml, -o key=value with Falco's key syntax,
// applied in command-line order.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseKey, parseOption, resolveConfig } from '../../src/cli/falco-config.js';

const o = (...specs: string[]) => specs.map(parseOption);

describe('configuration keys', () => {
  it.each([
    ['json_output', ['json_output']],
    ['rules[].disable.rule', ['rules', '[]', 'disable', 'rule']],
    ['append_output[0].extra_output', ['append_output', 0, 'extra_output']],
    ['matrix[1][3]', ['matrix', 1, 3]],
    ['annotations.kubernetes\\.io/role', ['annotations', 'kubernetes.io/role']],
  ])('%s', (key, steps) => expect(parseKey(key)).toEqual(steps));
  it('rejects malformed keys and options', () => {
    expect(() => parseKey('a[x]')).toThrow(ConfigError);
    expect(() => parseKey('a\\q')).toThrow(ConfigError);
    expect(() => parseOption('json_output')).toThrow(/Must be of the form key=val/);
  });
});

describe('resolved configuration', () => {
  it("starts from Falco's stock falco.yaml", () => {
    expect(resolveConfig([])).toMatchObject({
      json: false,
      jsonIncludeOutput: true,
      jsonIncludeMessage: false,
      jsonIncludeOutputFields: true,
      jsonIncludeTags: true,
      iso8601: false,
      minPriority: 7,
      ruleMatching: 'first',
      selection: [],
      appendOutput: [{ suggestedOutput: true }],
      rulesFiles: [],
      ignored: [],
    });
  });
  it('reads -o values as Falco does (booleans, priorities, case-insensitive rule_matching)', () => {
    const c = resolveConfig(o('json_output=true', 'json_include_tags_property=false', 'time_format_iso_8601=yes', 'priority=WARNING', 'rule_matching=ALL', 'priority=info'));
    expect(c).toMatchObject({ json: true, jsonIncludeTags: false, iso8601: true, minPriority: 6, ruleMatching: 'all' });
  });
  it('keeps rules[] selection entries in command-line order', () => {
    const c = resolveConfig(o('rules[].disable.rule=*', 'rules[].enable.tag=network', 'rules[].disable.rule=Open *'));
    expect(c.selection).toEqual([
      { op: 'disable', rule: '*' },
      { op: 'enable', tag: 'network' },
      { op: 'disable', rule: 'Open *' },
    ]);
  });
  it('takes append_output entries as objects, list elements or fields', () => {
    const c = resolveConfig(
      o(
        'append_output[0].suggested_output=false',
        'append_output[].extra_output=on CPU %evt.cpu',
        'append_output[]={match: {source: syscall, tags: [a, b]}, extra_fields: [evt.hostname, {home: "%proc.cwd"}]}',
      ),
    );
    expect(c.appendOutput).toEqual([
      { suggestedOutput: false },
      { extraOutput: 'on CPU %evt.cpu' },
      { match: { source: 'syscall', tags: ['a', 'b'] }, extraFields: [{ field: 'evt.hostname' }, { key: 'home', format: '%proc.cwd' }] },
    ]);
    expect(resolveConfig(o('append_output=[]')).appendOutput).toEqual([]);
  });
  it('reads a falco.yaml first, then applies -o over it, and says which keys do not apply offline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fr-config-'));
    const file = join(dir, 'falco.yaml');
    writeFileSync(file, 'json_output: true\npriority: notice\nrules_files:\n  - /etc/falco/falco_rules.yaml\n  - /etc/falco/rules.d\nload_plugins: [container]\nbuffered_outputs: false\nrules:\n  - disable:\n      tag: network\n');
    const c = resolveConfig(o('priority=error', 'engine.kind=replay', 'engine.replay.capture_file=/tmp/x.scap'), file);
    expect(c).toMatchObject({ json: true, minPriority: 3, rulesFiles: ['/etc/falco/falco_rules.yaml', '/etc/falco/rules.d'], selection: [{ op: 'disable', tag: 'network' }], captureFile: '/tmp/x.scap' });
    // A falco.yaml's load_plugins is not used (stock Falco enables the container plugin from config.d); -o is.
    expect(c.loadPlugins).toBeUndefined();
    expect(resolveConfig(o('load_plugins=[json]'), file).loadPlugins).toEqual(['json']);
    expect(c.ignored).toEqual(['buffered_outputs']);
  });
  it('refuses a mistyped key inside an output channel or append_output given with -o, naming the closest', () => {
    expect(() => resolveConfig(o('file_output.enabeld=true'))).toThrow(`Config error at key "file_output.enabeld": 'enabeld' is not a key of file_output (did you mean 'enabled'?)`);
    expect(() => resolveConfig(o('append_output[].extra_outptu=x'))).toThrow(`'extra_outptu' is not a key of append_output (did you mean 'extra_output'?)`);
    expect(resolveConfig(o('http_output.max_consecutive_timeouts=5', 'append_output[].match.source=syscall')).ignored).toEqual([]);
  });
  it('names a key of a falco.yaml that Falco does not know, with the closest keys, among the ignored ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fr-config-'));
    const file = join(dir, 'falco.yaml');
    writeFileSync(file, 'json_ouput: true\nlog_level: info\nfile_output:\n  enabled: false\n  filname: x\n');
    const c = resolveConfig(o(), file);
    expect(c.json).toBe(false);
    expect(c.ignored).toEqual([
      "json_ouput (not a Falco configuration key; did you mean 'json_output'?)",
      'log_level',
      "file_output.filname ('filname' is not a key of file_output (did you mean 'filename'?))",
    ]);
  });
  it('explains bad values with the key', () => {
    expect(() => resolveConfig(o('priority=loud'))).toThrow(/"priority".*loud/);
    expect(() => resolveConfig(o('rule_matching=some'))).toThrow(/"rule_matching"/);
    expect(() => resolveConfig(o('json_output=maybe'))).toThrow(/"json_output"/);
    expect(() => resolveConfig(o('rules[].enable.nothing=x'))).toThrow(/rules\[0\]\.enable/);
  });
});
