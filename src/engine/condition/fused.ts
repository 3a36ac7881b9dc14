// Fused checks: one closure that extracts a scalar field and compares it with its constants, for the common
// shapes (`=`, `!=`, `in`, ordering, `startswith`, `endswith`, `contains` on strings, numbers and booleans).
// Each is the plain check (`v !== undefined && test(v)` with operators.ts' test) written out in one body, so a
// check costs one closure call less and no call V8 cannot inline. Anything else returns undefined and keeps
// the plain path. test/engine/condition/fused.test.ts compares every shape with the plain check.
import type { EvalContext } from '../fields/types.js';
import type { Getter } from './cache.js';
import { normNum, numCmp, type Family } from './families.js';

type Check = (ctx: EvalContext) => boolean;
type Num = number | bigint;

/** The fused check of a scalar, single-valued field against parsed constants, if its shape has one. */
export function fusedCheck(get: Getter, fam: Family, op: string, constants: readonly unknown[]): Check | undefined {
  if (constants.length === 0) return undefined;
  switch (fam) {
    case 'str':
      return fusedString(get, op, constants as readonly string[]);
    case 'num':
      return fusedNumber(get, op, constants as readonly Num[]);
    case 'bool': {
      const c = constants[0];
      if (op === '=') return (ctx) => get(ctx) === c;
      if (op === '!=') {
        return (ctx) => {
          const v = get(ctx);
          return v !== undefined && v !== c;
        };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function fusedString(get: Getter, op: string, cs: readonly string[]): Check | undefined {
  const c = cs[0] as string;
  switch (op) {
    case '=':
      return (ctx) => get(ctx) === c;
    case '!=':
      return (ctx) => {
        const v = get(ctx);
        return v !== undefined && v !== c;
      };
    case 'in':
    case 'intersects': {
      if (cs.length === 1) return (ctx) => get(ctx) === c;
      const set = new Set(cs);
      return (ctx) => {
        const v = get(ctx);
        return v !== undefined && set.has(v as string);
      };
    }
    case 'startswith':
      return (ctx) => {
        const v = get(ctx);
        return v !== undefined && (v as string).startsWith(c);
      };
    case 'endswith':
      return (ctx) => {
        const v = get(ctx);
        return v !== undefined && (v as string).endsWith(c);
      };
    case 'contains':
      return (ctx) => {
        const v = get(ctx);
        return v !== undefined && (v as string).includes(c);
      };
    default:
      return undefined;
  }
}

function fusedNumber(get: Getter, op: string, cs: readonly Num[]): Check | undefined {
  const c = cs[0] as Num;
  switch (op) {
    case '=':
      return (ctx) => {
        const v = get(ctx);
        if (v === undefined) return false;
        const x = normNum(v);
        return x !== undefined && numCmp(x, c) === 0;
      };
    case '!=':
      return (ctx) => {
        const v = get(ctx);
        if (v === undefined) return false;
        const x = normNum(v);
        return x !== undefined && numCmp(x, c) !== 0;
      };
    case '<':
      return (ctx) => {
        const v = get(ctx);
        if (v === undefined) return false;
        const x = normNum(v);
        return x !== undefined && numCmp(x, c) < 0;
      };
    case '<=':
      return (ctx) => {
        const v = get(ctx);
        if (v === undefined) return false;
        const x = normNum(v);
        return x !== undefined && numCmp(x, c) <= 0;
      };
    case '>':
      return (ctx) => {
        const v = get(ctx);
        if (v === undefined) return false;
        const x = normNum(v);
        return x !== undefined && numCmp(x, c) > 0;
      };
    case '>=':
      return (ctx) => {
        const v = get(ctx);
        if (v === undefined) return false;
        const x = normNum(v);
        return x !== undefined && numCmp(x, c) >= 0;
      };
    case 'in':
    case 'intersects': {
      const set = new Set(cs);
      return (ctx) => {
        const v = get(ctx);
        if (v === undefined) return false;
        const x = normNum(v);
        return x !== undefined && set.has(x);
      };
    }
    default:
      return undefined;
  }
}
