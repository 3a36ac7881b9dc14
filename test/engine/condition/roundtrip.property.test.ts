// Property: printing a condition canonically and parsing it back gives the same AST.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../../src/engine/condition/ast.js';
import { exprEquals, parseCondition, printCanonical } from '../../helpers/engine.js';

const CHARS = [...'abcXYZ019 \t"\'\\()[],=%/.*?-_:éü中\n'];
const text = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 12 });
const ident = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,6}$/).filter((s) => !['and', 'or', 'not'].includes(s));
const modifierIdent = ident.filter((s) => !/^(and|or|not)([^A-Za-z0-9]|$)/.test(s));
const fieldName = fc.stringMatching(/^[a-z][a-z0-9_]{0,4}(\.[a-z][a-z0-9_]{0,4}){1,3}$/);
const number = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
  fc.stringMatching(/^[0-9]{1,4}\.[0-9]{0,3}$/),
  fc.stringMatching(/^[0-9]{1,3}[eE][+-][0-9]{1,2}$/),
  fc.stringMatching(/^0x[0-9a-f]{1,6}$/),
);

const field: fc.Arbitrary<Expr> = fc
  .record({ field: fieldName, arg: fc.option(text, { nil: undefined }) })
  .map(({ field: f, arg }) => (arg === undefined ? { kind: 'field', field: f, offset: 0 } : { kind: 'field', field: f, arg, offset: 0 }));

const transformer: fc.Arbitrary<Expr> = fc
  .record({ t: fc.constantFrom('tolower', 'toupper', 'b64', 'basename', 'len'), inner: field })
  .map(({ t, inner }) => ({ kind: 'transformer', transformer: t, args: [inner], offset: 0 }));
const valOf: fc.Arbitrary<Expr> = field.map((f) => ({ kind: 'transformer', transformer: 'val', args: [f], offset: 0 }));
const lhs = fc.oneof({ weight: 4, arbitrary: field }, { weight: 1, arbitrary: transformer });
const value = (v: string): Expr => ({ kind: 'value', value: v, offset: 0 });
const list = fc.array(text, { maxLength: 4 }).map((values): Expr => ({ kind: 'list', values, offset: 0 }));

const check: fc.Arbitrary<Expr> = fc.oneof(
  lhs.map((left): Expr => ({ kind: 'unary', left, op: 'exists', offset: 0 })),
  fc.record({ left: lhs, op: fc.constantFrom('=', '==', '!=', 'contains', 'icontains', 'startswith', 'endswith', 'glob', 'iglob', 'regex', 'bcontains'), right: fc.oneof(text.map(value), valOf, transformer) }).map(
    ({ left, op, right }): Expr => ({ kind: 'binary', left, op, right, offset: 0 }),
  ),
  fc.record({ left: lhs, op: fc.constantFrom('<', '<=', '>', '>='), right: fc.oneof(number.map(value), valOf) }).map(({ left, op, right }): Expr => ({ kind: 'binary', left, op, right, offset: 0 })),
  fc.record({ left: lhs, op: fc.constantFrom('in', 'intersects', 'pmatch'), right: fc.oneof(list, ident.map(value), valOf) }).map(({ left, op, right }): Expr => ({ kind: 'binary', left, op, right, offset: 0 })),
  // After a modifier, an identifier that starts with and/or/not followed by a non-alphanumeric character
  // reads as that keyword (libsinsp), so such a check has no written form.
  fc.record({ left: lhs, op: fc.constantFrom('startswith oneof', '= anyof', 'contains allof'), right: fc.oneof(list, modifierIdent.map(value)) }).map(
    ({ left, op, right }): Expr => ({ kind: 'binary', left, op, right, offset: 0 }),
  ),
  ident.map((name): Expr => ({ kind: 'identifier', name, offset: 0 })),
);

const { expr } = fc.letrec((tie) => ({
  expr: fc.oneof({ depthSize: 'small', withCrossShrink: true }, check, tie('and'), tie('or'), tie('not')),
  and: fc.array(tie('expr'), { minLength: 2, maxLength: 3 }).map((children) => ({ kind: 'and', children, offset: 0 }) as Expr),
  or: fc.array(tie('expr'), { minLength: 2, maxLength: 3 }).map((children) => ({ kind: 'or', children, offset: 0 }) as Expr),
  // "not not x" reads as x, so a negation never directly holds another one.
  not: tie('expr').filter((c) => (c as Expr).kind !== 'not').map((child) => ({ kind: 'not', child, offset: 0 }) as Expr),
}));

describe('canonical printing round-trips', () => {
  it('parse(printCanonical(ast)) equals ast', () => {
    fc.assert(
      fc.property(expr as fc.Arbitrary<Expr>, (ast) => {
        const printed = printCanonical(ast);
        const back = parseCondition(printed);
        if (!exprEquals(back, ast)) throw new Error(`round trip changed the AST for: ${printed}\nback: ${printCanonical(back)}`);
        expect(printCanonical(back)).toBe(printed);
      }),
      { numRuns: 3000 },
    );
  });
});
