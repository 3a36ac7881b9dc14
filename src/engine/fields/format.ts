// Field values as text, as libsinsp's formatter prints them in outputs (docs/sinsp-semantics.md#formatting-values):
// integers by their print format, booleans as true/false, addresses in dotted/inet_ntop form, buffers with
// non-printable bytes as dots, ancestor lists space-separated and list fields as (a,b).
import { ipv4NumberText, ipv6Text } from '../../scap/index.js';
import type { FieldType, FieldValue, PrintFormat } from './types.js';

export interface FormatOptions {
  /** BYTEBUF values are cut to this many characters with a `...` tail (0: no limit). */
  maxBufLen?: number;
  /** How a multi-valued (any-ancestor) value prints: joined by spaces (current libs). */
  listStyle?: 'spaces' | 'parens';
}

/** Seconds east of UTC now: libsinsp computes the local offset once, from the current time. */
export function currentZoneSeconds(): number {
  return -new Date().getTimezoneOffset() * 60;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Date, time of day and 9-digit nanoseconds of an instant (`sec` since the epoch) at a UTC offset in seconds. */
export function clockParts(sec: number, nsec: number, zoneSeconds: number): { date: string; time: string; ns: string } {
  const d = new Date((sec + zoneSeconds) * 1000);
  return {
    date: `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`,
    time: `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`,
    ns: String(nsec).padStart(9, '0'),
  };
}

function bufferText(b: Uint8Array, max: number): string {
  const n = max > 0 ? Math.min(b.length, max) : b.length;
  let s = '';
  for (let i = 0; i < n; i++) {
    const c = b[i] as number;
    s += c >= 0x20 && c <= 0x7e ? String.fromCharCode(c) : '.';
  }
  if (max > 0 && b.length > max && max > 3) s = s.slice(0, max - 3) + '...';
  return s;
}

function ipText(v: FieldValue): string {
  if (typeof v === 'number') return ipv4NumberText(v);
  if (v instanceof Uint8Array) return ipv6Text(v, 0);
  return String(v);
}

function intText(v: number | bigint, print: PrintFormat): string {
  switch (print) {
    case 'HEX':
      return (typeof v === 'bigint' ? BigInt.asUintN(64, v) : v < 0 ? v >>> 0 : v).toString(16).toUpperCase();
    case 'OCT':
      return v === 0 || v === 0n ? '0' : `0${v.toString(8)}`;
    case 'PADDED_DEC': {
      const neg = v < 0;
      const s = (neg ? -v : v).toString().padStart(9, '0');
      return neg ? `-${s}` : s;
    }
    default:
      return v.toString();
  }
}

/** Text of one extracted value of a field of type `type` printed with `print`. */
export function formatValue(v: FieldValue, type: FieldType, print: PrintFormat, opts: FormatOptions = {}): string {
  if (Array.isArray(v)) {
    const parts = (v as (FieldValue | undefined)[]).map((x) => (x === undefined ? '<NA>' : formatValue(x, type, print, opts)));
    return opts.listStyle === 'parens' ? `(${parts.join(',')})` : parts.join(' ');
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Uint8Array) {
    if (type === 'IPV6ADDR' || type === 'IPADDR' || type === 'IPNET' || type === 'IPV6NET') return ipText(v);
    return bufferText(v, opts.maxBufLen ?? 0);
  }
  switch (type) {
    case 'IPV4ADDR':
    case 'IPADDR':
    case 'IPV4NET':
    case 'IPNET':
      return ipText(v);
    case 'DOUBLE':
      return typeof v === 'number' ? v.toFixed(1) : String(v);
    default:
      return intText(v as number | bigint, print);
  }
}
