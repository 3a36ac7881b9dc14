// The comparison operators, one table entry each: the type families it accepts (libsinsp's
// `flt_is_comparable`), whether it takes lists and right-hand fields, how its constants are parsed when not by
// the field's type, and the factories of its checks (against constants, against another field's value).
import { FieldError } from '../fields/errors.js';
import type { FieldType, FieldValue, IpValue } from '../fields/types.js';
import { ipEquals, ipInNet, parseHexBytes, type IpNet } from '../fields/values.js';
import {
  bytesEqual,
  bytesIndexOf,
  equalityFor,
  family,
  familyType,
  normNum,
  numCmp,
  ordered,
  toBytes,
  type Family,
} from './families.js';
import { compileGlob, globMatch } from './glob.js';
import { compileRegex, PathPrefixSet } from './matchers.js';
import { asciiLower } from './text.js';

/** The compiled test of one check for one extracted scalar (or list) value. */
export type ValueTest = (v: FieldValue) => boolean;
/** A scalar comparison `v op c` between two values of one family (checks against a right-hand field). */
export type ValueCompare = (v: FieldValue, c: FieldValue) => boolean;

export interface OperatorSpec {
  /** libsinsp's name for it (CO_*), used in messages. */
  readonly name: string;
  /** The scalar families it applies to. */
  readonly families: readonly Family[];
  /** Whether it applies to list fields. */
  readonly lists: boolean;
  /** Whether its right-hand side may be a field. */
  readonly rhsFields: boolean;
  /** Parses its constants when they are not parsed by the field's type. */
  readonly constant?: (text: string) => unknown;
  /** The test of a scalar value of family `fam` against the parsed constants (`texts` as written). */
  readonly test: (fam: Family, constants: readonly unknown[], texts: readonly string[]) => ValueTest;
  /** The comparison of a scalar value with a right-hand field's value of the same family. */
  readonly compare: (fam: Family) => ValueCompare;
}

const NEVER: ValueCompare = () => false;
const ALL_SCALARS: readonly Family[] = ['num', 'bool', 'str', 'buf', 'ip', 'net'];

function hexConstant(text: string): Uint8Array {
  const bytes = parseHexBytes(text);
  if (!bytes) throw new FieldError('filter error: bcontains and bstartswith operator support hex strings only');
  return bytes;
}

const bufStartsWith = (a: Uint8Array, b: Uint8Array): boolean => b.length <= a.length && bytesEqual(a.subarray(0, b.length), b);
const bufEndsWith = (a: Uint8Array, b: Uint8Array): boolean => b.length <= a.length && bytesEqual(a.subarray(a.length - b.length), b);

/** An operator over strings and buffers: `str` and `buf` give the comparison for each family it accepts. */
function textOp(
  name: string,
  fams: readonly Family[],
  str: ((a: string, b: string) => boolean) | undefined,
  buf: ((a: Uint8Array, b: Uint8Array) => boolean) | undefined,
  extra: Partial<OperatorSpec> & { readonly strTest?: (c: string) => ValueTest } = {},
): OperatorSpec {
  const { strTest, ...rest } = extra;
  const compare = (fam: Family): ValueCompare => {
    if (fam === 'str' && str) return (v, c) => str(String(v), String(c));
    if (fam === 'buf' && buf) return (v, c) => buf(toBytes(v), toBytes(c));
    return NEVER;
  };
  return {
    name,
    families: fams,
    lists: false,
    rhsFields: true,
    test: (fam, cs) => {
      const c = cs[0] as FieldValue;
      if (fam === 'str' && strTest) return strTest(c as string);
      const cmp = compare(fam);
      return (v) => cmp(v, c);
    },
    compare,
    ...rest,
  };
}

/** `<`, `<=`, `>`, `>=`: numbers by value, strings by code unit order. */
function orderOp(op: string, name: string): OperatorSpec {
  const compare = (fam: Family): ValueCompare => {
    if (fam === 'num') {
      return (v, c) => {
        const x = normNum(v);
        const y = normNum(c);
        return x !== undefined && y !== undefined && ordered(op, numCmp(x, y));
      };
    }
    if (fam === 'str') {
      return (v, c) => {
        const a = String(v);
        const b = String(c);
        return ordered(op, a < b ? -1 : a > b ? 1 : 0);
      };
    }
    return NEVER;
  };
  return {
    name,
    families: ['num', 'str'],
    lists: false,
    rhsFields: true,
    test: (fam, cs) => {
      const c = cs[0] as number | bigint | string;
      if (fam === 'num') {
        return (v) => {
          const x = normNum(v);
          return x !== undefined && ordered(op, numCmp(x, c as number | bigint));
        };
      }
      const cmp = compare(fam);
      return (v) => cmp(v, c);
    },
    compare,
  };
}

/** `in` and `intersects` on a scalar: the value equals one of the constants (networks: lies in one). */
function membershipTest(fam: Family, cs: readonly unknown[]): ValueTest {
  switch (fam) {
    case 'num': {
      const set = new Set(cs as (number | bigint)[]);
      return (v) => {
        const x = normNum(v);
        return x !== undefined && set.has(x);
      };
    }
    case 'bool':
      return (v) => (cs as boolean[]).includes(v as boolean);
    case 'str': {
      if (cs.length === 1) {
        const c = cs[0];
        return (v) => v === c;
      }
      const set = new Set(cs as string[]);
      return (v) => set.has(v as string);
    }
    case 'buf':
      return (v) => (cs as Uint8Array[]).some((c) => bytesEqual(toBytes(v), c));
    case 'ip':
      return (v) => (cs as IpValue[]).some((c) => ipEquals(v as IpValue, c));
    case 'net':
      return (v) => (cs as IpNet[]).some((c) => ipInNet(v as IpValue, c));
    default:
      return () => false;
  }
}

function membershipOp(name: string): OperatorSpec {
  const compare = (fam: Family): ValueCompare => equalityFor(fam);
  return { name, families: ALL_SCALARS, lists: true, rhsFields: true, test: membershipTest, compare };
}

const EQ: OperatorSpec = {
  name: 'EQ',
  families: ALL_SCALARS,
  lists: false,
  rhsFields: true,
  test: (fam, cs) => {
    const c = cs[0];
    switch (fam) {
      case 'num':
        return (v) => {
          const x = normNum(v);
          return x !== undefined && numCmp(x, c as number | bigint) === 0;
        };
      case 'buf':
        return (v) => bytesEqual(toBytes(v), c as Uint8Array);
      case 'ip':
      case 'net':
        return membershipTest(fam, cs);
      default:
        return (v) => v === c;
    }
  },
  compare: equalityFor,
};

/** `!=` is `=` negated, except that a value that is no number is neither equal nor unequal to a numeric constant. */
const NE: OperatorSpec = {
  ...EQ,
  name: 'NE',
  test: (fam, cs, texts) => {
    const eq = EQ.test(fam, cs, texts);
    return fam === 'num' ? (v) => normNum(v) !== undefined && !eq(v) : (v) => !eq(v);
  },
  compare: (fam) => {
    const eq = equalityFor(fam);
    return (v, c) => !eq(v, c);
  },
};

function globOp(name: string, fold: boolean): OperatorSpec {
  return textOp(name, ['str'], (a, b) => globMatch(b, a, fold), undefined, {
    test: (_fam, cs) => {
      const g = compileGlob(cs[0] as string, fold);
      return (v) => g(v as string);
    },
  });
}

const unsupportedRhs = (name: string, fams: readonly Family[], test: OperatorSpec['test']): OperatorSpec => ({
  name,
  families: fams,
  lists: false,
  rhsFields: false,
  test,
  compare: () => NEVER,
});

/** Every operator by its text (modifiers apart; `==` is `=`). */
const OPERATORS: Readonly<Record<string, OperatorSpec>> = {
  '=': EQ,
  '!=': NE,
  '<': orderOp('<', 'LT'),
  '<=': orderOp('<=', 'LE'),
  '>': orderOp('>', 'GT'),
  '>=': orderOp('>=', 'GE'),
  contains: textOp('CONTAINS', ['str', 'buf'], (a, b) => a.includes(b), (a, b) => bytesIndexOf(a, b) >= 0, { strTest: (c) => (v) => (v as string).includes(c) }),
  icontains: textOp('ICONTAINS', ['str'], (a, b) => asciiLower(a).includes(asciiLower(b)), undefined, {
    test: (_fam, cs) => {
      const lc = asciiLower(cs[0] as string);
      // The answer for the last value: a thread's proc.env or cmdline is the same string event after event.
      let last: unknown;
      let answer = false;
      return (v) => {
        if (v !== last) {
          answer = asciiLower(v as string).includes(lc);
          last = v;
        }
        return answer;
      };
    },
  }),
  bcontains: textOp('BCONTAINS', ['buf'], undefined, (a, b) => bytesIndexOf(a, b) >= 0, { constant: hexConstant }),
  startswith: textOp('STARTSWITH', ['str', 'buf'], (a, b) => a.startsWith(b), bufStartsWith, { strTest: (c) => (v) => (v as string).startsWith(c) }),
  bstartswith: textOp('BSTARTSWITH', ['buf'], undefined, bufStartsWith, { constant: hexConstant }),
  endswith: textOp('ENDSWITH', ['str', 'buf'], (a, b) => a.endsWith(b), bufEndsWith, { strTest: (c) => (v) => (v as string).endsWith(c) }),
  glob: globOp('GLOB', false),
  iglob: globOp('IGLOB', true),
  in: membershipOp('IN'),
  intersects: membershipOp('INTERSECTS'),
  pmatch: unsupportedRhs('PMATCH', ['str'], (_fam, cs) => {
    const paths = new PathPrefixSet();
    for (const c of cs) paths.add(c as string);
    // The answer for the last value: splitting a path into components allocates, and fd.name repeats.
    let last: unknown;
    let answer = false;
    return (v) => {
      if (v !== last) {
        answer = paths.match(v as string);
        last = v;
      }
      return answer;
    };
  }),
  regex: unsupportedRhs('REGEX', ['str'], (_fam, _cs, texts) => {
    const re = compileRegex(texts[0] as string);
    return (v) => re(v as string);
  }),
  exists: { name: 'EXISTS', families: [...ALL_SCALARS, 'other'], lists: true, rhsFields: true, test: () => () => true, compare: () => () => true },
};

/** The entry of operator `op` (without modifier, `=` for `==`), if there is one. */
export function operatorSpec(op: string): OperatorSpec | undefined {
  return Object.hasOwn(OPERATORS, op) ? OPERATORS[op] : undefined;
}

/** The operator without its modifier, normalised (`==` is `=`). */
export function baseOp(op: string): string {
  const o = op.split(' ')[0] ?? op;
  return o === '==' ? '=' : o;
}

const LIST_TYPES = new Set<FieldType>(['CHARBUF', 'UINT64', 'RELTIME', 'ABSTIME', 'BOOL', 'IPADDR', 'IPNET']);

const FAMILY_WORDS: Readonly<Partial<Record<Family, string>>> = { num: 'numeric', bool: 'numeric', str: 'string', buf: 'buffer' };

/** libsinsp's operator/type compatibility check (`flt_is_comparable`); returns the error or undefined. */
export function comparabilityError(op: string, type: FieldType, list: boolean): string | undefined {
  const o = baseOp(op);
  if (o === 'exists') return undefined;
  const spec = operatorSpec(o);
  if (list) {
    if (!LIST_TYPES.has(type)) return `list filters are not supported for type '${type}'`;
    return spec?.lists ? undefined : `'${o}' operator not supported list filters`;
  }
  const fam = family(type);
  if (spec?.families.includes(fam)) return undefined;
  const words = FAMILY_WORDS[fam];
  if (words) return `'${o}' operator not supported for ${words} filters`;
  if (fam === 'ip' || fam === 'net') {
    if (op.includes(' ')) return `'${o}' with modifier not supported for ip address and network filters`;
    return `'${o}' operator not supported for ip address and network filters`;
  }
  return `'${o}' operator not supported for type '${type}'`;
}

/** The test of a check against its constants: list fields, `op oneof/anyof/allof (…)`, or the operator's own. */
export function constantTest(type: FieldType, list: boolean, op: string, mod: string | undefined, constants: readonly unknown[], texts: readonly string[]): ValueTest {
  const fam = family(type);
  if (op === 'exists') return () => true;
  if (list) {
    // A list field: `in` holds when every element is a member, `intersects` when one is.
    const isMember =
      fam === 'net'
        ? (x: FieldValue): boolean => (constants as IpNet[]).some((n) => ipInNet(x as IpValue, n))
        : fam === 'str'
          ? ((set) => (x: FieldValue): boolean => set.has(x as string))(new Set(constants as string[]))
          : ((eq) => (x: FieldValue): boolean => (constants as FieldValue[]).some((c) => eq(x, c)))(equalityFor(fam));
    if (op === 'in') return (v) => (v as FieldValue[]).every(isMember);
    return (v) => (v as FieldValue[]).some(isMember);
  }
  if (mod) return modifierTest(fam, op, mod, constants, texts);
  const spec = operatorSpec(op);
  return spec && fam !== 'other' ? spec.test(fam, constants, texts) : () => false;
}

/** `op oneof/anyof/allof (list)`: exactly one / at least one / every element satisfies `v op c`. */
function modifierTest(fam: Family, op: string, mod: string, constants: readonly unknown[], texts: readonly string[]): ValueTest {
  if (constants.length === 0) return () => false;
  let elems: ValueTest[];
  const eqOnly = fam === 'ip' || fam === 'net';
  const o = eqOnly && op !== '=' && op !== '!=' && op !== 'regex' ? '=' : op;
  if (o === 'regex') {
    elems = texts.map((t) => {
      const re = compileRegex(t);
      return (v: FieldValue) => re(String(v));
    });
  } else {
    elems = constants.map((c) => constantTest(familyType(fam), false, o, undefined, [c], [String(c)]));
  }
  switch (mod) {
    case 'oneof':
      return (v) => {
        let n = 0;
        for (const e of elems) if (e(v) && ++n > 1) return false;
        return n === 1;
      };
    case 'anyof':
      return (v) => elems.some((e) => e(v));
    default:
      return (v) => elems.every((e) => e(v));
  }
}
