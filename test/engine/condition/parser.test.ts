import { describe, expect, it } from 'vitest';
import { ConditionSyntaxError, parseCondition } from '../../../src/engine/condition/parser.js';
import { printCanonical, printFalco } from '../../../src/engine/condition/printer.js';

/** The condition parses and libsinsp's printer shows it as `canonical`. */
function parsesAs(input: string, canonical: string): void {
  expect(printFalco(parseCondition(input))).toBe(canonical);
}

/** The condition is rejected with `message` at `offset`. */
function failsWith(input: string, message: string | RegExp, offset: number): void {
  let err: unknown;
  try {
    parseCondition(input);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ConditionSyntaxError);
  const e = err as ConditionSyntaxError;
  if (typeof message === 'string') expect(e.message).toBe(message);
  else expect(e.message).toMatch(message);
  expect(e.offset).toBe(offset);
}

describe('condition grammar: precedence and grouping (docs/rules-language.md#grammar)', () => {
  it('binds and tighter than or', () => parsesAs('a or b and c', '(a or (b and c))'));
  it('binds not tightest', () => parsesAs('not a and b', '(not a and b)'));
  it('cancels a double not', () => parsesAs('not not proc.name=x', 'proc.name = x'));
  it('accepts not( without a blank', () => parsesAs('not(a) and b', '(not a and b)'));
  it('accepts and( without a blank', () => parsesAs('a and(b) or c', '((a and b) or c)'));
  it('groups a parenthesised or operand with what follows', () => parsesAs('a or (b) and c', '(a or (b and c))'));
  it("rejects or( followed by and", () => failsWith('a or(b) and c', "unexpected token after ')', expecting 'or', 'and'", 8));
  it('keeps nested groups as written', () => parsesAs('(a or (b or c))', '(a or (b or c))'));
  it('reads a macro reference whose name starts with not', () => parsesAs('nota', 'nota'));
  it('rejects andb', () => failsWith('a andb', "expected blank or '(' after 'and'", 5));
  it('rejects an empty condition', () => failsWith('', 'filter input string is empty', 0));
  it('rejects a trailing token', () => failsWith('a b', "unexpected token after 'a', expecting 'or', 'and'", 2));
  it('reports an unclosed group', () => failsWith('(a or b', "expected a ')' token", 7));
});

describe('checks and values', () => {
  it('reads bare values with punctuation', () => parsesAs('proc.name=bash', 'proc.name = bash'));
  it('keeps runc:[0:PARENT] and globs bare', () => parsesAs('proc.name in (runc:[0:PARENT], /usr/bin/*)', 'proc.name in (runc:[0:PARENT], /usr/bin/*)'));
  it('rejects a word operator glued to a quote', () =>
    failsWith('proc.name contains"x"', /^expected a valid check operator: one of 'exists', '<=', '<', '>=', '>', '==', '=', '!=', 'glob', 'iglob', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'regex', 'intersects', 'in', 'pmatch'$/, 10));
  it('reads an empty list', () => parsesAs('proc.name in ()', 'proc.name in ()'));
  it('rejects a trailing comma in a list', () => failsWith('proc.name in (a,)', 'expected a string value', 16));
  it('reads a bare identifier after in as one value', () => parsesAs('proc.name in foo', 'proc.name in foo'));
  it('reads a modifier operator', () => parsesAs('proc.name startswith oneof (a, b)', 'proc.name startswith oneof (a, b)'));
  it('reads oneof as a plain value', () => parsesAs('proc.name = oneof', 'proc.name = oneof'));
  it('does not take a following and for a modifier list', () => parsesAs('proc.name = oneof and x', '(proc.name = oneof and x)'));
  // libsinsp's keyword check looks at the next character only: `or_x` counts as the keyword `or`.
  it('does not take a keyword-prefixed identifier for a modifier list', () => failsWith('proc.name startswith oneof or_x', "expected blank or '(' after 'or'", 29));
  it('wants a number after >', () => failsWith('proc.name > "a"', /^expected a number value or a field with a valid transformer: 'val', 'tolower'/, 12));
  it('reads hex numbers after comparisons', () => parsesAs('proc.pid = 0x10', 'proc.pid = 0x10'));
  it('reads exists', () => parsesAs('fd.name exists', 'fd.name exists'));
  it('reads quoted strings in both styles', () => parsesAs(`proc.name in ("a b", 'c')`, 'proc.name in ("a b", c)'));
  it('turns backslash-blank into one backslash', () => {
    const e = parseCondition('proc.args contains "\\ "');
    expect(e).toMatchObject({ kind: 'binary', right: { kind: 'value', value: '\\' } });
  });
  it('cannot close a string ending with an escaped backslash', () => failsWith('proc.name = "abc\\\\"', /expected a string value/, 12));
  it('rejects an unknown escape', () => failsWith('proc.name = "a\\qb"', 'unsupported string escape sequence: \\q', 18));
  it('rejects \\" inside single quotes', () => failsWith(`proc.name = 'a\\"b'`, `invalid \\" escape in '-quoted string`, 18));
  it('reads \\xHH escapes', () => expect(parseCondition('proc.name = "\\x41"')).toMatchObject({ right: { value: 'A' } }));
  it('takes a bare backslash as a value', () => parsesAs('proc.args endswith \\', 'proc.args endswith "\\\\"'));
});

describe('fields, arguments and transformers', () => {
  it('reads an index argument', () => parsesAs('proc.aname[2]=bash', 'proc.aname[2] = bash'));
  it('reads a quoted key argument', () => parsesAs('json.value["/a b"] = x', 'json.value["/a b"] = x'));
  it('reads a dotted argument as part of the field name', () =>
    expect(parseCondition('evt.arg.flags contains O_WRONLY')).toMatchObject({ left: { kind: 'field', field: 'evt.arg.flags' } }));
  it('reads a field-to-field comparison', () => parsesAs('tolower(proc.name) = val(proc.pname)', 'tolower(proc.name) = val(proc.pname)'));
  it('reads a transformer on the left of a numeric comparison', () => parsesAs('len(proc.name) > 3', 'len(proc.name) > 3'));
  it('reads nested transformers', () => parsesAs('toupper(basename(proc.exepath)) = BASH', 'toupper(basename(proc.exepath)) = BASH'));
  it('reads multi-argument transformers', () => parsesAs('join(",", (proc.name, "x")) = a', 'join(,,(proc.name,x)) = a'));
  it('rejects val() without a field', () => failsWith('proc.name = val(x)', "expected a field within 'val' transformer", 16));
  it('rejects an unterminated argument', () => failsWith('proc.aname[2 = x', "expected a ']' token", 12));
});

describe('limits', () => {
  it('caps nesting depth', () => {
    const deep = '('.repeat(400) + 'a' + ')'.repeat(400);
    expect(() => parseCondition(deep)).toThrow(/exceeded max depth limit of 1000/);
    expect(printFalco(parseCondition(deep, { maxDepth: 5000 }))).toBe('a');
  });
});

describe('canonical printing', () => {
  it('quotes values that would read back differently', () => {
    const e = parseCondition('proc.name in ("a,b", "(x)", "", "and") and fd.name = "proc.name" and proc.args = \\');
    expect(printCanonical(e)).toBe('(proc.name in ("a,b", "(x)", "", "and") and fd.name = "proc.name" and proc.args = "\\x5c")');
    expect(parseCondition(printCanonical(e))).toEqual(expect.objectContaining({ kind: 'and' }));
  });
});
