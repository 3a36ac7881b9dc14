// Fused checks (src/engine/condition/fused.ts) answer what the plain check answers: the field's value tested by
// the operator's test of operators.ts, false when the field has no value, for every shape they cover.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConstant } from '../../../src/engine/condition/constants.js';
import { family } from '../../../src/engine/condition/families.js';
import { fusedCheck } from '../../../src/engine/condition/fused.js';
import { constantTest } from '../../../src/engine/condition/operators.js';
import type { FieldType, FieldValue } from '../../../src/engine/fields/types.js';

/** The plain check: `v !== undefined && test(v)` (compile.ts' wrapCheck for a single-valued field). */
function plain(type: FieldType, op: string, texts: readonly string[]): (v: FieldValue | undefined) => boolean {
  const constants = texts.map((t) => parseConstant(type, op, t));
  const test = constantTest(type, false, op, undefined, constants, texts);
  return (v) => v !== undefined && test(v);
}

function fused(type: FieldType, op: string, texts: readonly string[]): ((v: FieldValue | undefined) => boolean) | undefined {
  const constants = texts.map((t) => parseConstant(type, op, t));
  let value: FieldValue | undefined;
  const check = fusedCheck(() => value, family(type), op, constants);
  if (!check) return undefined;
  let epoch = 0;
  return (v) => {
    value = v;
    return check({ epoch: ++epoch });
  };
}

/** The answer, or 'throws' (a string operator given a non-string throws on both paths alike). */
function outcome(check: ((v: FieldValue | undefined) => boolean) | undefined, v: FieldValue | undefined): boolean | string {
  try {
    return check ? check(v) : 'no check';
  } catch {
    return 'throws';
  }
}

// Values of every kind an extractor can hand over, whatever the field's declared type.
const anyValue: fc.Arbitrary<FieldValue | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('', '/etc', '/etc/', '/etc/shadow', 'bash', 'sh', 'Bash', '0', '1', '-1', 'true', 'false', 'id_rsa', 'O_RDONLY|O_CREAT'),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(0, 1, -1, 2 ** 53, -(2 ** 53), 4294967295, Number.NaN, 0.5),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
  fc.constantFrom(0n, 1n, 2n ** 63n, 2n ** 64n - 1n),
  fc.boolean(),
);

const STRING_TEXTS = fc.array(fc.constantFrom('', '/etc', '/etc/', '/etc/shadow', 'bash', 'sh', 'id_rsa', '1', 'O_CREAT'), { minLength: 1, maxLength: 4 });
const NUMBER_TEXTS = fc.array(fc.constantFrom('0', '1', '-1', '2', '4294967295', '18446744073709551615', '9007199254740993'), { minLength: 1, maxLength: 4 });
const BOOL_TEXTS = fc.array(fc.constantFrom('true', 'false'), { minLength: 1, maxLength: 1 });

const SHAPES: { type: FieldType; ops: string[]; texts: fc.Arbitrary<string[]> }[] = [
  { type: 'CHARBUF', ops: ['=', '!=', 'in', 'intersects', 'startswith', 'endswith', 'contains'], texts: STRING_TEXTS },
  { type: 'FSPATH', ops: ['=', '!=', 'in', 'startswith'], texts: STRING_TEXTS },
  { type: 'INT64', ops: ['=', '!=', '<', '<=', '>', '>=', 'in', 'intersects'], texts: NUMBER_TEXTS.map((t) => t.filter((x) => x !== '18446744073709551615')).filter((t) => t.length > 0) },
  { type: 'UINT64', ops: ['=', '!=', '<', '<=', '>', '>=', 'in'], texts: NUMBER_TEXTS.map((t) => t.filter((x) => x !== '-1')).filter((t) => t.length > 0) },
  { type: 'FD', ops: ['=', '>=', '<'], texts: fc.constantFrom(['0'], ['-1'], ['3']) },
  { type: 'BOOL', ops: ['=', '!='], texts: BOOL_TEXTS },
];

describe('fused checks', () => {
  for (const { type, ops, texts } of SHAPES) {
    for (const op of ops) {
      it(`${type} ${op}: same answer as the plain check on any value`, () => {
        fc.assert(
          fc.property(texts, fc.array(anyValue, { maxLength: 12 }), (ts, values) => {
            const f = fused(type, op, ts);
            expect(f).toBeDefined();
            const p = plain(type, op, ts);
            for (const v of values) expect(outcome(f, v)).toBe(outcome(p, v));
          }),
          { numRuns: 150 },
        );
      });
    }
  }

  it('leaves other shapes to the plain path', () => {
    expect(fused('CHARBUF', 'glob', ['/etc/*'])).toBeUndefined();
    expect(fused('CHARBUF', 'pmatch', ['/etc'])).toBeUndefined();
    expect(fused('CHARBUF', 'icontains', ['x'])).toBeUndefined();
    expect(fused('CHARBUF', '<', ['x'])).toBeUndefined();
    expect(fused('BOOL', 'in', ['true'])).toBeUndefined();
    expect(fusedCheck(() => undefined, 'ip', '=', [1])).toBeUndefined();
  });
});
