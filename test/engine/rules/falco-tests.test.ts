// Conformance with Falco's public regression tests (falcosecurity/testing tests/falco/legacy_test.go): the
// same rule files must give the same validation codes, item types, item names and messages.
import { describe, expect, it } from 'vitest';
import { printFalco } from '../../helpers/engine.js';
import { loadFalcoTests, summarize } from '../../helpers/rules.js';

interface Expectation {
  files: string[];
  code: string;
  itemType: string;
  itemName?: string;
  /** Omitted where current Falco's text differs from the legacy test (noted per case). */
  message?: string;
  firstFileValid?: boolean;
}

const ERRORS: Record<string, Expectation> = {
  EngineVersionMismatch: { files: ['engine_version_mismatch'], code: 'LOAD_ERR_VALIDATE', itemType: 'required_engine_version' },
  InvalidNotArray: { files: ['invalid_not_array'], code: 'LOAD_ERR_YAML_VALIDATE', itemType: 'rules content', message: 'Rules content is not yaml array of objects' },
  InvalidNotYaml: { files: ['invalid_not_yaml'], code: 'LOAD_ERR_YAML_VALIDATE', itemType: 'rules content', message: 'Rules content is not yaml' },
  InvalidEngineVersionNotNumber: {
    files: ['invalid_engine_version_not_number'],
    code: 'LOAD_ERR_YAML_VALIDATE',
    itemType: 'required_engine_version',
    message: 'Unable to parse engine version \'not-a-number\' as a semver string. Expected "x.y.z" semver format.',
  },
  InvalidOverwriteRuleMultipleDocs: { files: ['invalid_overwrite_rule_multiple_docs'], code: 'LOAD_ERR_VALIDATE', itemType: 'rule', itemName: 'some rule', message: "Undefined macro 'bar' used in filter." },
  SkipUnknownError: {
    files: ['skip_unknown_error'],
    code: 'LOAD_ERR_COMPILE_CONDITION',
    itemType: 'rule',
    itemName: 'Contains Unknown Event And Not Skipping (field)',
    message: 'filter_check called with nonexistent field proc.nobody',
  },
  SkipUnknownUnspecError: {
    files: ['skip_unknown_unspec'],
    code: 'LOAD_ERR_COMPILE_CONDITION',
    itemType: 'rule',
    itemName: 'Contains Unknown Event And Unspecified',
    message: 'filter_check called with nonexistent field proc.nobody',
  },
  InvalidAppendMacro: {
    files: ['invalid_base_macro', 'invalid_append_macro'],
    code: 'LOAD_ERR_COMPILE_CONDITION',
    itemType: 'macro',
    itemName: 'some_macro',
    message: "unexpected token after 'execve', expecting 'or', 'and'",
    firstFileValid: true,
  },
  InvalidAppendMacroMultipleDocs: {
    files: ['invalid_append_macro_multiple_docs'],
    code: 'LOAD_ERR_COMPILE_CONDITION',
    itemType: 'macro',
    itemName: 'some_macro',
    message: "unexpected token after 'execve', expecting 'or', 'and'",
  },
  InvalidMissingListName: { files: ['invalid_missing_list_name'], code: 'LOAD_ERR_YAML_VALIDATE', itemType: 'list', message: "Mapping for key 'list' is empty" },
  InvalidMissingMacroName: { files: ['invalid_missing_macro_name'], code: 'LOAD_ERR_YAML_VALIDATE', itemType: 'macro', message: "Mapping for key 'macro' is empty" },
  InvalidMissingRuleName: { files: ['invalid_missing_rule_name'], code: 'LOAD_ERR_YAML_VALIDATE', itemType: 'rule', message: "Mapping for key 'rule' is empty" },
  InvalidOverwriteMacroMultipleDocs: { files: ['invalid_overwrite_macro_multiple_docs'], code: 'LOAD_ERR_VALIDATE', itemType: 'macro', itemName: 'some_macro', message: "Undefined macro 'foo' used in filter." },
  InvalidOverwriteMacro: {
    files: ['invalid_base_macro', 'invalid_overwrite_macro'],
    code: 'LOAD_ERR_VALIDATE',
    itemType: 'macro',
    itemName: 'some_macro',
    message: "Undefined macro 'foo' used in filter.",
    firstFileValid: true,
  },
  InvalidOverwriteRule: {
    files: ['invalid_base_rule', 'invalid_overwrite_rule'],
    code: 'LOAD_ERR_VALIDATE',
    itemType: 'rule',
    itemName: 'some rule',
    message: "Undefined macro 'bar' used in filter.",
    firstFileValid: true,
  },
  InvalidAppendRule: {
    files: ['invalid_base_rule', 'invalid_append_rule'],
    code: 'LOAD_ERR_COMPILE_CONDITION',
    itemType: 'rule',
    itemName: 'some rule',
    message: "unexpected token after 'open', expecting 'or', 'and'",
    firstFileValid: true,
  },
  InvalidAppendRuleMultipleDocs: {
    files: ['invalid_append_rule_multiple_docs'],
    code: 'LOAD_ERR_COMPILE_CONDITION',
    itemType: 'rule',
    itemName: 'some rule',
    message: "unexpected token after 'open', expecting 'or', 'and'",
  },
  InvalidAppendRuleWithoutCondition: {
    files: ['invalid_append_rule_without_condition'],
    code: 'LOAD_ERR_VALIDATE',
    itemType: 'rule',
    itemName: 'no condition rule',
    message: 'Appended rule must have exceptions or condition property',
  },
  // Message is yaml-cpp's in Falco ("illegal map value"); ours comes from the YAML library we use.
  InvalidYamlParseError: { files: ['invalid_yaml_parse_error'], code: 'LOAD_ERR_YAML_PARSE', itemType: 'rules content' },
  InvalidRuleWithoutOutput: { files: ['invalid_rule_without_output'], code: 'LOAD_ERR_YAML_VALIDATE', itemType: 'rule', itemName: 'no output rule', message: "Item has no mapping for key 'output'" },
  InvalidListWithoutItems: { files: ['invalid_list_without_items'], code: 'LOAD_ERR_YAML_VALIDATE', itemType: 'list', itemName: 'bad_list', message: "Item has no mapping for key 'items'" },
  InvalidRuleOutput: { files: ['invalid_rule_output'], code: 'LOAD_ERR_COMPILE_OUTPUT', itemType: 'rule', itemName: 'rule_with_invalid_output', message: 'invalid formatting token not_a_real_field' },
  InvalidMacroWithoutCondition: { files: ['invalid_macro_without_condition'], code: 'LOAD_ERR_YAML_VALIDATE', itemType: 'macro', itemName: 'bad_macro', message: "Item has no mapping for key 'condition'" },
  InvalidArrayItemNotObject: {
    files: ['invalid_array_item_not_object'],
    code: 'LOAD_ERR_YAML_VALIDATE',
    itemType: 'rules content item',
    message: 'Unexpected element type. Each element should be a yaml associative array.',
  },
  RuleExceptionNewAppendNoField: {
    files: ['rule_exception_new_no_field_append'],
    code: 'LOAD_ERR_VALIDATE',
    itemType: 'exception',
    itemName: 'proc_cmdline',
    message: 'Rule exception must have fields property with a list of fields',
  },
  RuleExceptionUnknownFields: { files: ['item_unknown_fields'], code: 'LOAD_ERR_VALIDATE', itemType: 'exception', itemName: 'ex1', message: "'not.exist' is not a supported filter field" },
  RuleExceptionAppendFieldsValuesLenMismatch: {
    files: ['append_item_fields_values_len_mismatch'],
    code: 'LOAD_ERR_VALIDATE',
    itemType: 'exception',
    itemName: 'ex1',
    message: 'Fields and values lists must have equal length',
  },
  RuleExceptionAppendItemNotInRule: {
    files: ['append_item_not_in_rule'],
    code: 'LOAD_ERR_VALIDATE',
    itemType: 'exception',
    itemName: 'ex2',
    message: 'Rule exception must have fields property with a list of fields',
  },
  RuleExceptionNoFields: { files: ['item_no_fields'], code: 'LOAD_ERR_YAML_VALIDATE', itemType: 'exception', itemName: 'ex1', message: "Item has no mapping for key 'fields'" },
  RuleExceptionAppendNoName: { files: ['append_item_no_name'], code: 'LOAD_ERR_YAML_VALIDATE', itemType: 'exception', message: "Item has no mapping for key 'name'" },
  RuleExceptionCompsFieldsLenMismatch: {
    files: ['item_comps_fields_len_mismatch'],
    code: 'LOAD_ERR_VALIDATE',
    itemType: 'exception',
    itemName: 'ex1',
    message: 'Fields and comps lists must have equal length',
  },
  RuleExceptionNoName: { files: ['item_no_name'], code: 'LOAD_ERR_YAML_VALIDATE', itemType: 'exception', message: "Item has no mapping for key 'name'" },
  RuleExceptionUnknownComp: { files: ['item_unknown_comp'], code: 'LOAD_ERR_VALIDATE', itemType: 'exception', itemName: 'ex1', message: "'no-comp' is not a supported comparison operator" },
  RuleExceptionFieldsValuesLenMismatch: {
    files: ['item_fields_values_len_mismatch'],
    code: 'LOAD_ERR_VALIDATE',
    itemType: 'exception',
    itemName: 'ex1',
    message: 'Fields and values lists must have equal length',
  },
};

describe('validation errors as in Falco regression tests', () => {
  for (const [name, x] of Object.entries(ERRORS)) {
    it(name, () => {
      const { results, last } = loadFalcoTests(x.files);
      if (x.firstFileValid) expect(results[0]?.successful).toBe(true);
      expect(last.successful).toBe(false);
      expect(last.errors).toHaveLength(1);
      const e = summarize(last.errors[0] as never);
      expect(e.code).toBe(x.code);
      expect(e.itemTypes).toContain(x.itemType);
      if (x.itemName !== undefined) expect(e.itemNames).toContain(x.itemName);
      if (x.message !== undefined) expect(e.message).toBe(x.message);
    });
  }
  it('reports the YAML syntax error at its position', () => {
    const { last } = loadFalcoTests(['invalid_yaml_parse_error']);
    const loc = last.errors[0]?.context.locations[1];
    expect(loc).toMatchObject({ itemType: 'value for', line: 0 });
  });
  it('also warns that the macro whose append failed is unused (InvalidAppendMacro)', () => {
    const { last } = loadFalcoTests(['invalid_base_macro', 'invalid_overwrite_macro']);
    expect(last.errors).toHaveLength(1);
    const { results } = loadFalcoTests(['invalid_base_macro']);
    expect(results[0]?.warnings.map(summarize)).toEqual([
      expect.objectContaining({ code: 'LOAD_UNUSED_MACRO', itemNames: ['some_macro'], message: 'Macro not referred to by any other rule/macro' }),
    ]);
  });
});

describe('warnings as in Falco regression tests', () => {
  it('SkipUnknownEvt: rules with unknown fields, event types or output tokens are skipped with LOAD_UNKNOWN_FILTER', () => {
    const { last, engine } = loadFalcoTests(['skip_unknown_evt']);
    expect(last.successful).toBe(true);
    const w = last.warnings.map(summarize);
    expect(w).toHaveLength(3);
    expect(w.every((x) => x.code === 'LOAD_UNKNOWN_FILTER' && x.itemTypes.includes('rule'))).toBe(true);
    expect(w.map((x) => [x.itemNames[0], x.message])).toEqual([
      ['Contains Unknown Event And Skipping (field)', 'filter_check called with nonexistent field proc.nobody'],
      ['Contains Unknown Event And Skipping (evt type)', 'unknown event type some_invalid_event'],
      ['Contains Unknown Event And Skipping (output)', 'invalid formatting token proc.nobody'],
    ]);
    expect(engine.compiled?.rules.map((r) => r.name)).toEqual(['Legit Rule (output)']);
  });
  it('TestWarnings: LOAD_NO_EVTTYPE for exactly the rules that match too many event types', () => {
    const { last } = loadFalcoTests(['falco_rules_warnings']);
    expect(last.successful).toBe(true);
    const w = last.warnings.map(summarize);
    expect(w.every((x) => x.code === 'LOAD_NO_EVTTYPE' && x.message === 'Rule matches too many evt.type values. This has a significant performance penalty.')).toBe(true);
    expect(w.map((x) => x.itemNames[0]).sort()).toEqual(
      ['no_evttype', 'evttype_not_equals', 'leading_not', 'not_equals_at_end', 'not_at_end', 'not_equals_and_not', 'leading_in_not_equals_at_evttype', 'not_with_evttypes', 'not_with_evttypes_addl'].sort(),
    );
  });
  it('NoPluginsUnknownSource: without the cloudtrail plugin its rules are skipped', () => {
    for (const f of ['cloudtrail_create_instances', 'cloudtrail_create_instances_exceptions']) {
      const { last } = loadFalcoTests([f], { plugins: [] });
      expect(last.successful).toBe(true);
      expect(last.warnings.map(summarize)).toContainEqual(
        expect.objectContaining({ code: 'LOAD_UNKNOWN_SOURCE', itemNames: ['Cloudtrail Create Instance'], message: 'Unknown source aws_cloudtrail, skipping' }),
      );
    }
  });
  it('AppendUnknownSource: appends to a rule of an unknown source are accepted', () => {
    const { last } = loadFalcoTests(['append_unknown_source']);
    expect(last.successful).toBe(true);
    expect(last.warnings.map(summarize)).toContainEqual(expect.objectContaining({ code: 'LOAD_UNKNOWN_SOURCE', itemNames: ['Rule1'], message: 'Unknown source mysource, skipping' }));
  });
  it('BuiltinRulesNoWarnings: the current stable rules load without any warning', async () => {
    const { readFileSync } = await import('node:fs');
    const { sharedPath } = await import('../../helpers/paths.js');
    const { loadTexts } = await import('../../helpers/rules.js');
    const { last } = loadTexts([['falco_rules.yaml', readFileSync(sharedPath('rules', 'falco_rules-5.1.0.yaml'), 'utf8')]]);
    expect(last.warnings).toEqual([]);
  });
});

describe('compiled conditions of the regression rule files (exceptions, lists, appends)', () => {
  const compiled = (files: string[], rule: string): string => {
    const { engine, last } = loadFalcoTests(files);
    expect(last.errors).toEqual([]);
    const r = engine.compiled?.rules.find((x) => x.name === rule);
    if (!r) throw new Error(`rule ${rule} not compiled`);
    return printFalco(r.condition);
  };
  it.each([
    ['rule_exception_single_field', 'Open From Cat', '((evt.type = open and proc.name = cat) and not proc.cmdline in ("cat /dev/zero", "cat /dev/null"))'],
    ['rule_exception_values_list', 'Open From Cat', '((evt.type = open and proc.name = cat) and not (proc.name = cat and proc.cmdline in ("cat /dev/zero", "cat /dev/null")))'],
    ['rule_exception_values_listref', 'Open From Cat', '((evt.type = open and proc.name = cat) and not (proc.name = cat and proc.cmdline in ("cat /dev/zero", "cat /dev/null")))'],
    ['rule_exception_values_listref_noparens', 'Open From Cat', '((evt.type = open and proc.name = cat) and not (proc.name = cat and proc.cmdline in ("cat /dev/zero", "cat /dev/null")))'],
    ['rule_exception_quoted', 'Open From Cat', '((evt.type = open and proc.name = cat) and not ((proc.name = not-cat and proc.cmdline = not-cat) or (proc.name = cat and proc.cmdline = "cat /dev/null")))'],
  ])('%s', (file, rule, want) => expect(compiled([file], rule)).toBe(want));
});
