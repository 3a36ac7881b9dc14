// One small rules file per Falco load code (fixtures/rules/load-codes): each reports its code for the right
// item, at the exact line and column of the file, and with Falco's own position numbers in the JSON.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, WARNING_CODES } from '../../helpers/engine.js';
import { exactPosition, loadFixtures, summarize } from '../../helpers/rules.js';

interface Expect {
  code: string;
  item: [type: string, name?: string];
  /** Exact 1-based line:column in the file. */
  at: string;
  /** Falco's 0-based line:column of the innermost location. */
  falco: string;
  message?: string;
}

const CASES: Record<string, Expect[]> = {
  LOAD_ERR_YAML_PARSE: [{ code: 'LOAD_ERR_YAML_PARSE', item: ['value for'], at: '4:14', falco: '3:13' }],
  LOAD_ERR_YAML_VALIDATE: [{ code: 'LOAD_ERR_YAML_VALIDATE', item: ['rule', 'bad priority'], at: '11:13', falco: '10:12', message: 'Invalid priority' }],
  LOAD_ERR_COMPILE_CONDITION: [
    { code: 'LOAD_ERR_COMPILE_CONDITION', item: ['rule', 'unknown field'], at: '8:5', falco: '6:34', message: 'filter_check called with nonexistent field proc.nosuch' },
  ],
  LOAD_ERR_COMPILE_OUTPUT: [{ code: 'LOAD_ERR_COMPILE_OUTPUT', item: ['rule', 'bad output'], at: '5:42', falco: '4:10', message: 'invalid formatting token not_a_field' }],
  LOAD_ERR_VALIDATE: [{ code: 'LOAD_ERR_VALIDATE', item: ['rule', 'undefined macro'], at: '5:34', falco: '2:23', message: "Undefined macro 'is_cat' used in filter." }],
  LOAD_UNKNOWN_SOURCE: [{ code: 'LOAD_UNKNOWN_SOURCE', item: ['rule', 'other source'], at: '2:3', falco: '1:2', message: 'Unknown source mysource, skipping' }],
  LOAD_UNSAFE_NA_CHECK: [{ code: 'LOAD_UNSAFE_NA_CHECK', item: ['rule', 'na check'], at: '4:14', falco: '3:13', message: '' }],
  LOAD_NO_EVTTYPE: [
    { code: 'LOAD_NO_EVTTYPE', item: ['rule', 'any event'], at: '2:3', falco: '1:2', message: 'Rule matches too many evt.type values. This has a significant performance penalty.' },
  ],
  LOAD_UNKNOWN_FILTER: [{ code: 'LOAD_UNKNOWN_FILTER', item: ['rule', 'skipped'], at: '4:34', falco: '4:34', message: 'filter_check called with nonexistent field proc.nosuch' }],
  LOAD_UNUSED_MACRO: [{ code: 'LOAD_UNUSED_MACRO', item: ['macro', 'never_used'], at: '2:3', falco: '1:2', message: 'Macro not referred to by any other rule/macro' }],
  LOAD_UNUSED_LIST: [{ code: 'LOAD_UNUSED_LIST', item: ['list', 'never_used'], at: '2:3', falco: '1:2', message: 'List not referred to by any other rule/macro' }],
  LOAD_UNKNOWN_ITEM: [{ code: 'LOAD_UNKNOWN_ITEM', item: ['rules content item'], at: '2:3', falco: '1:2', message: 'Unknown top level item' }],
  LOAD_DEPRECATED_ITEM: [
    {
      code: 'LOAD_DEPRECATED_ITEM',
      item: ['rule', 'r'],
      at: '7:3',
      falco: '6:2',
      message: "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.",
    },
    { code: 'LOAD_DEPRECATED_ITEM', item: ['rule', 'r'], at: '4:14', falco: '3:13' },
  ],
  LOAD_APPEND_NO_VALUES: [{ code: 'LOAD_APPEND_NO_VALUES', item: ['exception', 'e'], at: '12:7', falco: '11:6', message: 'Overriding/appending exception with no values' }],
  LOAD_EXCEPTION_NAME_NOT_UNIQUE: [
    { code: 'LOAD_EXCEPTION_NAME_NOT_UNIQUE', item: ['exception', 'e'], at: '10:7', falco: '9:6', message: "Multiple definitions of exception 'e' in the same rule" },
  ],
  LOAD_INVALID_MACRO_NAME: [
    { code: 'LOAD_INVALID_MACRO_NAME', item: ['macro', '1st-macro'], at: '2:3', falco: '1:2', message: 'Macro has an invalid name. Macro names should match a regular expression: ([a-zA-Z]+[a-zA-Z0-9_]*)' },
    { code: 'LOAD_UNUSED_MACRO', item: ['macro', '1st-macro'], at: '2:3', falco: '1:2' },
  ],
  LOAD_INVALID_LIST_NAME: [
    { code: 'LOAD_INVALID_LIST_NAME', item: ['list', 'my list'], at: '2:3', falco: '1:2', message: `List has an invalid name. List names should match a regular expression: ([^()"'[:space:]=,]+)` },
    { code: 'LOAD_UNUSED_LIST', item: ['list', 'my list'], at: '2:3', falco: '1:2' },
  ],
  LOAD_COMPILE_CONDITION: [{ code: 'LOAD_COMPILE_CONDITION', item: ['rule', 'r'], at: '4:46', falco: '4:46', message: "'proc.pname' may be a valid field misused as a const string value" }],
  LOAD_UNKNOWN_KEY: [{ code: 'LOAD_UNKNOWN_KEY', item: ['rule', 'r'], at: '2:3', falco: '1:2', message: "Unknown key 'severity'. The key will be ignored." }],
};

describe('every load code has a fixture that reports it, with its item and position', () => {
  it('covers every error and warning code except the reserved ones', () => {
    const reserved = ['LOAD_ERR_FILE_READ', 'LOAD_ERR_EXTENSION', 'LOAD_WARNING_EXTENSION'];
    expect(Object.keys(CASES).sort()).toEqual([...Object.keys(ERROR_CODES), ...Object.keys(WARNING_CODES)].filter((c) => !reserved.includes(c)).sort());
  });
  for (const [file, expected] of Object.entries(CASES)) {
    it(file, () => {
      const { last } = loadFixtures([`load-codes/${file}.yaml`]);
      const items = [...last.errors, ...last.warnings];
      expect(items.map((i) => i.code)).toEqual(expected.map((x) => x.code));
      items.forEach((item, k) => {
        const x = expected[k] as Expect;
        const s = summarize(item);
        expect(s.itemTypes).toContain(x.item[0]);
        if (x.item[1] !== undefined) expect(s.itemNames).toContain(x.item[1]);
        if (x.message !== undefined) expect(s.message).toBe(x.message);
        const pos = exactPosition(item);
        expect(pos && `${pos.line}:${pos.column}`).toBe(x.at);
        const last = item.context.locations[item.context.locations.length - 1];
        expect(`${last?.line}:${last?.column}`).toBe(x.falco);
      });
      expect(last.successful).toBe(!expected.some((x) => x.code.startsWith('LOAD_ERR_')));
    });
  }
});
