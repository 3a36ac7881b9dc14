// Address and network checks as 2022 libsinsp (sysdig 0.29.3) makes them (docs/sinsp-semantics.md#address-comparisons).
// It compares raw memory: a constant is parsed into a zeroed 16-byte storage and read with the width of the
// value's family, so an IPv4 value meets the first 4 bytes of an IPv6 constant, an IPv6 value meets an IPv4
// constant followed by 12 zero bytes, and an IPv4 network (address, mask) read as an IPv6 "network" is its
// first 8 bytes. An IPv6 network constant is an address without a prefix; its first 64 bits are compared.
import { FieldError } from '../fields/errors.js';
import type { FieldValue, IpValue } from '../fields/types.js';
import { parseIpNetConstant, parseIpv4, parseIpv6 } from '../fields/values.js';
import type { ValueTest } from './operators.js';

/** The 16 bytes a constant occupies in 2022 libsinsp's filter value storage. */
export type ConstantImage = Uint8Array;

function putBe32(out: Uint8Array, at: number, v: number): void {
  out[at] = v >>> 24;
  out[at + 1] = (v >>> 16) & 0xff;
  out[at + 2] = (v >>> 8) & 0xff;
  out[at + 3] = v & 0xff;
}

const be32 = (b: Uint8Array, at: number): number => (((b[at] as number) << 24) | ((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number)) >>> 0;

/** An address constant (IPADDR and its kin): a text with a dot is IPv4, anything else IPv6. */
export function addressImage(text: string): ConstantImage {
  const out = new Uint8Array(16);
  if (text.includes('.')) {
    const v4 = parseIpv4(text);
    if (v4 === undefined) throw new FieldError(`unrecognized IPv4 address ${text}`);
    putBe32(out, 0, v4);
    return out;
  }
  const v6 = parseIpv6(text);
  if (!v6) throw new FieldError(`unrecognized IPv6 address ${text}`);
  out.set(v6);
  return out;
}

/** A network constant: `a.b.c.d/n` is (address, mask); anything else an IPv6 address without prefix. */
export function networkImage(text: string): ConstantImage {
  if (!text.includes('.')) return addressImage(text);
  const net = parseIpNetConstant(text);
  const out = new Uint8Array(16);
  if (net.v === 4) {
    putBe32(out, 0, net.ip);
    putBe32(out, 4, net.mask);
  }
  return out;
}

function addressEquals(v: IpValue, c: ConstantImage): boolean {
  if (typeof v === 'number') return be32(c, 0) === v;
  if (v.length !== 16) return false;
  for (let i = 0; i < 16; i++) if (v[i] !== c[i]) return false;
  return true;
}

function inNetwork(v: IpValue, c: ConstantImage): boolean {
  if (typeof v === 'number') {
    const mask = be32(c, 4);
    return ((v & mask) >>> 0) === ((be32(c, 0) & mask) >>> 0);
  }
  for (let i = 0; i < 8; i++) if (v[i] !== c[i]) return false;
  return true;
}

/**
 * The test of `=`, `!=`, `in` or `intersects` (the last two: any constant `=`, as sysdig 0.29.3 expands them)
 * for an address (`net` false) or network field's value against constant images.
 */
export function addressTest2022(net: boolean, op: string, images: readonly ConstantImage[]): ValueTest {
  const match = net ? inNetwork : addressEquals;
  if (op === '!=') {
    const c = images[0] as ConstantImage;
    return (v: FieldValue) => !match(v as IpValue, c);
  }
  return (v: FieldValue) => images.some((c) => match(v as IpValue, c));
}
