// Field types grouped the way libsinsp's comparisons treat them (numbers, booleans, strings, buffers,
// addresses, networks), and the value helpers each group compares with.
import { compactInt } from '../fields/numbers.js';
import type { FieldType, FieldValue, IpValue } from '../fields/types.js';
import { ipEquals } from '../fields/values.js';

export type Family = 'num' | 'bool' | 'str' | 'buf' | 'ip' | 'net' | 'other';

const FAMILY_OF: Readonly<Partial<Record<FieldType, Family>>> = {
  CHARBUF: 'str', FSPATH: 'str', FSRELPATH: 'str',
  BYTEBUF: 'buf',
  BOOL: 'bool',
  IPV4ADDR: 'ip', IPV6ADDR: 'ip', IPADDR: 'ip',
  IPV4NET: 'net', IPV6NET: 'net', IPNET: 'net',
  INT8: 'num', INT16: 'num', INT32: 'num', INT64: 'num', UINT8: 'num', UINT16: 'num', UINT32: 'num', UINT64: 'num',
  ERRNO: 'num', FD: 'num', PID: 'num', SYSCALLID: 'num', SIGTYPE: 'num', RELTIME: 'num', ABSTIME: 'num', PORT: 'num',
  FLAGS8: 'num', FLAGS16: 'num', FLAGS32: 'num', DOUBLE: 'num', MODE: 'num', ENUMFLAGS8: 'num', ENUMFLAGS16: 'num',
  ENUMFLAGS32: 'num', UID: 'num', GID: 'num',
}; // prettier-ignore

/** The comparison family of a field type ('other' types only support `exists`). */
export function family(t: FieldType): Family {
  return FAMILY_OF[t] ?? 'other';
}

/** A representative type of a family (for checks built per element, such as the list modifiers). */
export function familyType(fam: Family): FieldType {
  switch (fam) {
    case 'num':
      return 'UINT64';
    case 'bool':
      return 'BOOL';
    case 'buf':
      return 'BYTEBUF';
    case 'ip':
      return 'IPADDR';
    case 'net':
      return 'IPNET';
    default:
      return 'CHARBUF';
  }
}

export function numCmp(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A numeric value in the canonical form constants are parsed to (small bigints become numbers). */
export function normNum(v: FieldValue): number | bigint | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return compactInt(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

/** Whether an ordering operator holds for a three-way comparison result. */
export function ordered(op: string, c: number): boolean {
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** First index of `needle` in `hay` (the platform's substring search: linear, unlike a naive double loop). */
export function bytesIndexOf(hay: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 0;
  if (needle.length > hay.length) return -1;
  return Buffer.from(hay.buffer, hay.byteOffset, hay.length).indexOf(needle);
}

export function toBytes(v: FieldValue): Uint8Array {
  return v instanceof Uint8Array ? v : new TextEncoder().encode(String(v));
}

/** Equality of two values of one family. */
export function equalityFor(fam: Family): (a: FieldValue, b: FieldValue) => boolean {
  switch (fam) {
    case 'num': {
      return (a, b) => {
        const x = normNum(a);
        const y = normNum(b);
        return x !== undefined && y !== undefined && numCmp(x, y) === 0;
      };
    }
    case 'buf':
      return (a, b) => bytesEqual(toBytes(a), toBytes(b));
    case 'ip':
    case 'net':
      return (a, b) => ipEquals(a as IpValue, b as IpValue);
    default:
      return (a, b) => a === b;
  }
}
