// Integer constants as libsinsp reads them (`sscanf("%d%c")`): optional leading blanks, optional sign,
// decimal digits, nothing after. Out-of-range values saturate to the 64-bit range and then wrap to the
// width of the type, as the C conversion does; `-1` read as unsigned wraps to the maximum.
import { FieldError } from './errors.js';

const INTEGER = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

export type IntWidth = 8 | 16 | 32 | 64;

function match(text: string): [negative: boolean, magnitude: bigint] {
  const m = INTEGER.exec(text);
  if (!m) throw new FieldError(`${text} is not a valid number`);
  return [m[1] === '-', BigInt(m[2] ?? '0')];
}

/** Parse a signed integer of the given width; throws "V is not a valid number". */
export function parseSigned(text: string, bits: IntWidth): bigint {
  const [neg, mag] = match(text);
  let v = neg ? -mag : mag;
  if (v < I64_MIN) v = I64_MIN;
  if (v > I64_MAX) v = I64_MAX;
  return BigInt.asIntN(bits, v);
}

/** Parse an unsigned integer of the given width; throws "V is not a valid number". */
export function parseUnsigned(text: string, bits: IntWidth): bigint {
  const [neg, mag] = match(text);
  let v: bigint;
  if (mag > U64_MAX) v = U64_MAX;
  else v = neg ? (mag === 0n ? 0n : (1n << 64n) - mag) : mag;
  return BigInt.asUintN(bits, v);
}

/** A bigint as a number when it is exactly representable, else as the bigint. */
export function compactInt(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}
