// Constants of a check, parsed once by the left-hand field's type (or by the operator, for the hex
// operators), with libsinsp's messages; and the hints about constants that look like something else.
import { FieldError } from '../fields/errors.js';
import { compactInt, parseSigned, parseUnsigned, type IntWidth } from '../fields/numbers.js';
import type { FieldType } from '../fields/types.js';
import { parseBoolConstant, parseIpAddrConstant, parseIpNetConstant, parseIpv4Constant, parseIpv6Constant, parsePortConstant } from '../fields/values.js';
import { family } from './families.js';
import { operatorSpec } from './operators.js';

const signed = (bits: IntWidth) => (text: string) => compactInt(parseSigned(text, bits));
const unsigned = (bits: IntWidth) => (text: string) => compactInt(parseUnsigned(text, bits));
const asText = (text: string): string => text;

/** Address and network constants (IPADDR: a text with a dot is IPv4, anything else IPv6). */
function parseIpConstant(type: 'IPADDR' | 'IPV4ADDR' | 'IPV6ADDR' | 'IPNET', text: string): unknown {
  switch (type) {
    case 'IPADDR':
      return parseIpAddrConstant(text);
    case 'IPV4ADDR':
      return parseIpv4Constant(text);
    case 'IPV6ADDR':
      return parseIpv6Constant(text);
    default:
      return parseIpNetConstant(text);
  }
}

/** How a constant is parsed for a left-hand field of each type; a type not listed takes no constants. */
const CONSTANT_PARSERS: Readonly<Partial<Record<FieldType, (text: string) => unknown>>> = {
  INT8: signed(8),
  INT16: signed(16),
  INT32: signed(32),
  INT64: signed(64),
  FD: signed(64),
  ERRNO: signed(64),
  PID: signed(64),
  L4PROTO: unsigned(8),
  FLAGS8: unsigned(8),
  UINT8: unsigned(8),
  ENUMFLAGS8: unsigned(8),
  PORT: parsePortConstant,
  FLAGS16: unsigned(16),
  UINT16: unsigned(16),
  ENUMFLAGS16: unsigned(16),
  FLAGS32: unsigned(32),
  UINT32: unsigned(32),
  MODE: unsigned(32),
  ENUMFLAGS32: unsigned(32),
  UID: unsigned(32),
  GID: unsigned(32),
  UINT64: unsigned(64),
  RELTIME: unsigned(64),
  ABSTIME: unsigned(64),
  CHARBUF: asText,
  SOCKADDR: asText,
  SOCKTUPLE: asText,
  SOCKFAMILY: asText,
  FSPATH: asText,
  FSRELPATH: asText,
  BOOL: parseBoolConstant,
  DOUBLE: (text) => Number(parseSigned(text, 32)),
  IPADDR: (text) => parseIpConstant('IPADDR', text),
  IPV4ADDR: (text) => parseIpConstant('IPV4ADDR', text),
  IPV6ADDR: (text) => parseIpConstant('IPV6ADDR', text),
  IPNET: (text) => parseIpConstant('IPNET', text),
  IPV4NET: (text) => parseIpConstant('IPNET', text),
  IPV6NET: (text) => parseIpConstant('IPNET', text),
};

/** Parse one constant of `op` for a left-hand field of `type`; throws {@link FieldError}. */
export function parseConstant(type: FieldType, op: string, text: string): unknown {
  const byOperator = operatorSpec(op)?.constant;
  if (byOperator) return byOperator(text);
  if (family(type) === 'buf') return new TextEncoder().encode(text);
  if (text.includes('\0')) throw new FieldError('filter error: filter value cannot contain a NUL byte (\\x00)');
  const parse = Object.hasOwn(CONSTANT_PARSERS, type) ? CONSTANT_PARSERS[type] : undefined;
  if (!parse) throw new FieldError(`wrong parameter type ${type}`);
  return parse(text);
}

/** libsinsp's hint: a regex whose only metacharacters are anchors or a leading/trailing `.*`. */
export function regexIsTrivial(v: string): boolean {
  const special = '.+*?^$()[]{}|\\';
  const len = v.length;
  for (let i = 0; i < len; i++) {
    if ((i === 0 && v[i] === '^') || (i === len - 1 && v[i] === '$')) continue;
    if (((i === 0 && len > 1) || i === len - 2) && v[i] === '.' && '+*?'.includes(v[i + 1] ?? '\0')) {
      i++;
      continue;
    }
    if (special.includes(v[i] as string)) return false;
  }
  return true;
}
