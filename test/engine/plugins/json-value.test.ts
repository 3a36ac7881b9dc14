// The bounded JSON reader of plugin payloads: fastjson's lookup and printing semantics, its caps, and a fuzz
// contract (any input: a value or a JsonParseError, never an exception, never deep recursion).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indentJson, JSON_MAX_DEPTH, JSON_MAX_VALUES, jsonGet, jsonMarshal, jsonPath, parseJson, quoteString, type JsonValue } from '../../../src/engine/plugins/json-value.js';

const parse = (t: string): JsonValue => {
  const r = parseJson(t);
  if (!r.ok) throw new Error(`${r.error.code} at ${r.error.offset}: ${r.error.message}`);
  return r.value;
};
const failsWith = (t: string): { code: string; offset: number } | undefined => {
  const r = parseJson(t);
  return r.ok ? undefined : { code: r.error.code, offset: r.error.offset };
};

describe('parseJson', () => {
  it.each([
    ['{"a":1}', '{"a":1}'],
    [' \n{ "a" : [ 1 , 2.50 , -3e+2 ] , "b" : { } , "c" : [ ] } \t', '{"a":[1,2.50,-3e+2],"b":{},"c":[]}'],
    ['"x\\u0041\\n"', '"xA\\n"'],
    ['[true,false,null]', '[true,false,null]'],
    ['{"k":1,"k":2}', '{"k":1,"k":2}'],
    ['0', '0'],
  ])('%j prints back as %j', (text, printed) => expect(jsonMarshal(parse(text))).toBe(printed));

  it.each([
    ['', 'JSON_SYNTAX', 0],
    ['{', 'JSON_SYNTAX', 1],
    ['{"a" 1}', 'JSON_SYNTAX', 5],
    ['[1,]', 'JSON_SYNTAX', 3],
    ['[1 2]', 'JSON_SYNTAX', 3],
    ['{"a":1}x', 'JSON_SYNTAX', 7],
    ['"abc', 'JSON_SYNTAX', 0],
    ['["a\\', 'JSON_SYNTAX', 1],
    ['01', 'JSON_SYNTAX', 1],
    ['{1:2}', 'JSON_SYNTAX', 1],
  ])('%j fails with %s at %i', (text, code, offset) => expect(failsWith(text)).toEqual({ code, offset }));

  it.each([
    ['"a\\qb"', 'a\\qb', false],
    ['"a\u0001b"', 'a\u0001b', false],
    ['"\\u12"', '\\u12', false],
    ['"\\ud83d\\ude00"', '\u{1f600}', true],
    ['"\\ud83dx"', '\\ud83dx', true],
    ['"\\ud83d\\u0041"', '\ufffd', true],
    ['"\\ude00\\ud83d"', '\ufffd', true],
  ])('strings are unescaped as fastjson does, best effort: %j → %j (strict JSON: %s)', (text, want, strict) => {
    const r = parseJson(text);
    expect(r).toEqual({ ok: true, value: { t: 'string', v: want }, strict });
  });

  it(`accepts ${JSON_MAX_DEPTH} levels of nesting and refuses one more, without recursing`, () => {
    expect(parseJson('['.repeat(JSON_MAX_DEPTH) + ']'.repeat(JSON_MAX_DEPTH)).ok).toBe(true);
    expect(failsWith('['.repeat(JSON_MAX_DEPTH + 1) + ']'.repeat(JSON_MAX_DEPTH + 1))).toEqual({ code: 'JSON_TOO_DEEP', offset: JSON_MAX_DEPTH });
  });

  it('stops a 60 MB run of [[[ at the depth cap', () => {
    const t0 = Date.now();
    expect(failsWith('['.repeat(60 * 1024 * 1024))).toEqual({ code: 'JSON_TOO_DEEP', offset: JSON_MAX_DEPTH });
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it(`refuses more than ${JSON_MAX_VALUES} values`, () => {
    const r = parseJson(`[${'0,'.repeat(JSON_MAX_VALUES)}0]`);
    expect(r.ok ? undefined : r.error.code).toBe('JSON_TOO_MANY_VALUES');
  });

  it('prints containers nested deeper than the stack could recurse', () => {
    const deep = '{"a":'.repeat(JSON_MAX_DEPTH - 1) + '[]' + '}'.repeat(JSON_MAX_DEPTH - 1);
    expect(jsonMarshal(parse(deep))).toBe(deep);
  });
});

describe('lookups (fastjson Get)', () => {
  const v = parse('{"a":{"b":[10,{"c":"x"}]},"d":1,"d":2,"":"empty"}');
  it.each([
    [['a', 'b', '0'], '10'],
    [['a', 'b', '1', 'c'], '"x"'],
    [['d'], '1'],
    [[''], '"empty"'],
    [['a', 'b', '2'], undefined],
    [['a', 'b', '-1'], undefined],
    [['a', 'b', 'x'], undefined],
    [['d', 'e'], undefined],
  ])('%j → %s', (path, want) => {
    const got = jsonPath(v, ...path);
    expect(got === undefined ? undefined : jsonMarshal(got)).toBe(want);
  });
  it('is undefined on scalars', () => expect(jsonGet(parse('"s"'), '0')).toBeUndefined());
});

describe('string quoting (fastjson, Go strconv.Quote when needed)', () => {
  it.each([
    ['plain', '"plain"'],
    ['ünïcødé ☃', '"ünïcødé ☃"'],
    ['a"b', '"a\\"b"'],
    ['back\\slash', '"back\\\\slash"'],
    ['tab\there\n', '"tab\\there\\n"'],
    ['\x1b[31m', '"\\x1b[31m"'],
    ['\x07\x0b', '"\\a\\v"'],
    // Once quoting is needed, bidi controls and C1 characters are escaped too.
    ['\n\u202e\u0085\u00a0 x', '"\\n\\u202e\\u0085\\u00a0 x"'],
    // Without a character that needs quoting, the text goes out as is.
    ['\u202e', '"\u202e"'],
  ])('%j → %s', (s, want) => expect(quoteString(s)).toBe(want));
});

describe('indentJson (Go json.Indent with two spaces)', () => {
  it('puts one member per line and keeps tokens as written', () => {
    expect(indentJson('  {"a":[1,2.50],"b":{},"c":[ ],"d":"x\\u0041 , : ]"}\n')).toBe('{\n  "a": [\n    1,\n    2.50\n  ],\n  "b": {},\n  "c": [],\n  "d": "x\\u0041 , : ]"\n}\n');
  });
  it('leaves scalars alone', () => expect(indentJson('true')).toBe('true'));
  it('gives up when indentation would blow a nested text up past the cap', () => {
    const nested = `${'['.repeat(JSON_MAX_DEPTH)}${'0,'.repeat(10_000)}0${']'.repeat(JSON_MAX_DEPTH)}`;
    expect(indentJson(nested, 1_000_000)).toBeUndefined();
    expect(indentJson(nested, 10_000_000)?.length).toBe(6_211_201);
  });
});

describe('fuzz', () => {
  it('any text parses or fails with a JsonParseError, never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\\', 'u', '0', '1', '-', 'e', '.', ' ', 'a', 't', 'n', 'x') }), (s) => {
        const r = parseJson(s);
        if (r.ok) expect(typeof jsonMarshal(r.value)).toBe('string');
        else expect(r.error.offset).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('any JSON value round-trips through parse and print as JSON.parse reads it', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (v) => {
        const text = JSON.stringify(v);
        const printed = jsonMarshal(parse(text));
        expect(JSON.parse(printed)).toEqual(JSON.parse(text));
        expect(JSON.parse(indentJson(text) as string)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('hostile nesting of any shape is refused at the cap', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('[', '{"k":'), { minLength: JSON_MAX_DEPTH + 1, maxLength: JSON_MAX_DEPTH + 50 }), (opens) => {
        expect(failsWith(opens.join(''))?.code).toBe('JSON_TOO_DEEP');
      }),
      { numRuns: 50 },
    );
  });
});
