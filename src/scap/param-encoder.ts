// Parameter values → bytes, by the parameter's table type (the event-body half of the writer).
import { writeI64 } from './bytes.js';
import { fixedParamSize } from './convert.js';
import type { FdListEntry, SockAddr, SockTuple } from './event.js';
import { parseIpv4Bytes, parseIpv6 } from './net.js';
import { PT } from './schema/types.js';

/** A parameter value for `writeEvent`, encoded by the parameter's table type. */
export type ParamValue =
  | null
  | undefined
  | number
  | bigint
  | boolean
  | string
  | readonly string[]
  | Uint8Array
  | SockAddr
  | SockTuple
  | readonly FdListEntry[]
  | { dyn: number; value: ParamValue };

/** Reports a value that cannot be encoded (the writer's `fail`: throws). */
export type Fail = (message: string) => never;

/** Encode one value of table type `t` (not DYN); `name` is the parameter's name for messages. */
export function encodeTyped(t: number, v: ParamValue, name: string, fail: Fail): Uint8Array {
  const size = fixedParamSize(t);
  if (size > 0) {
    if (typeof v === 'boolean') v = v ? 1 : 0;
    if (typeof v === 'string' && (t === PT.IPV4ADDR || t === PT.IPV6ADDR)) {
      return (t === PT.IPV4ADDR ? parseIpv4Bytes(v) : parseIpv6(v)) ?? fail(`bad address ${v} for ${name}`);
    }
    if (typeof v !== 'number' && typeof v !== 'bigint') fail(`parameter ${name} needs a number, got ${typeof v}`);
    if (t === PT.DOUBLE) {
      const out = Buffer.alloc(8);
      out.writeDoubleLE(Number(v));
      return out;
    }
    const big = typeof v === 'bigint' ? v : Number.isSafeInteger(v) ? BigInt(v) : fail(`parameter ${name}: ${v} is not an exact integer`);
    const bits = BigInt(size * 8);
    if (big < -(1n << (bits - 1n)) || big >= 1n << bits) fail(`parameter ${name}: ${v} does not fit in ${size} bytes`);
    const u = BigInt.asUintN(size * 8, big);
    const out = new Uint8Array(size);
    for (let k = 0; k < size; k++) out[k] = Number((u >> BigInt(8 * k)) & 0xffn);
    return out;
  }
  switch (t) {
    case PT.CHARBUF:
    case PT.FSPATH:
    case PT.FSRELPATH:
      if (typeof v !== 'string') fail(`parameter ${name} needs a string`);
      return Buffer.from(v + '\0', 'utf8');
    case PT.BYTEBUF:
    case PT.CHARBUFARRAY:
      if (typeof v === 'string') return Buffer.from(v, 'utf8');
      if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return Buffer.from(v.map((s) => s + '\0').join(''), 'utf8');
      return fail(`parameter ${name} needs bytes, a string or a string list`);
    case PT.SOCKADDR:
      return encodeSockaddr(v, name, fail);
    case PT.SOCKTUPLE:
      return encodeSocktuple(v, name, fail);
    case PT.FDLIST: {
      if (!Array.isArray(v)) fail(`parameter ${name} needs a list of { fd, flags }`);
      const list = v as readonly FdListEntry[];
      const out = Buffer.alloc(2 + 10 * list.length);
      out.writeUInt16LE(list.length, 0);
      list.forEach((x, k) => {
        writeI64(out, 2 + 10 * k, x.fd);
        out.writeUInt16LE(x.flags & 0xffff, 10 + 10 * k);
      });
      return out;
    }
    default:
      return fail(`parameter ${name} of type ${t} needs raw bytes`);
  }
}

export function hexToU64(hex: string): Uint8Array {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(BigInt.asUintN(64, BigInt('0x' + (hex || '0'))));
  return out;
}

function hostPort(text: string): { addr: string; port: number; v6: boolean } | undefined {
  const m = /^\[?([0-9a-fA-F:.]+?)\]?:(\d+)$/.exec(text);
  if (!m) return undefined;
  const addr = m[1] as string;
  return { addr, port: Number(m[2]), v6: addr.includes(':') };
}

function encodeSockaddr(v: ParamValue, name: string, fail: Fail): Uint8Array {
  let a: SockAddr | undefined;
  if (typeof v === 'string') {
    if (v.startsWith('/') || v.startsWith('@')) a = { family: 1, kind: 'unix', path: v };
    else {
      const hp = hostPort(v);
      if (!hp) return fail(`parameter ${name}: cannot parse address ${v}`);
      a = hp.v6 ? { family: 10, kind: 'inet6', addr: hp.addr, port: hp.port } : { family: 2, kind: 'inet', addr: hp.addr, port: hp.port };
    }
  } else if (typeof v === 'object' && v !== null && 'kind' in v && !('srcAddr' in v) && !('srcPtr' in v)) {
    a = v;
  } else {
    return fail(`parameter ${name} needs an address`);
  }
  if (a.kind === 'unix') {
    const p = Buffer.from((a.path ?? '') + '\0', 'utf8');
    return Buffer.concat([Uint8Array.of(1), p]);
  }
  const v6 = a.kind === 'inet6';
  const ip = v6 ? parseIpv6(a.addr ?? '::') : parseIpv4Bytes(a.addr ?? '0.0.0.0');
  if (!ip) return fail(`parameter ${name}: bad address ${a.addr}`);
  const out = Buffer.alloc(1 + ip.length + 2);
  out[0] = v6 ? 10 : 2;
  out.set(ip, 1);
  out.writeUInt16LE(a.port ?? 0, 1 + ip.length);
  return out;
}

function encodeSocktuple(v: ParamValue, name: string, fail: Fail): Uint8Array {
  let t: SockTuple | undefined;
  if (typeof v === 'string') {
    const [src, dst] = v.split('->');
    const s = src === undefined ? undefined : hostPort(src);
    const d = dst === undefined ? undefined : hostPort(dst);
    if (!s || !d) return fail(`parameter ${name}: cannot parse socket tuple ${v}`);
    t = { family: s.v6 ? 10 : 2, kind: s.v6 ? 'inet6' : 'inet', srcAddr: s.addr, srcPort: s.port, dstAddr: d.addr, dstPort: d.port };
  } else if (typeof v === 'object' && v !== null && ('srcAddr' in v || 'srcPtr' in v || 'path' in v)) {
    t = v;
  } else {
    return fail(`parameter ${name} needs a socket tuple`);
  }
  if (t.kind === 'unix') {
    const p = Buffer.from((t.path ?? '') + '\0', 'utf8');
    return Buffer.concat([Uint8Array.of(1), hexToU64(t.srcPtr ?? '0'), hexToU64(t.dstPtr ?? '0'), p]);
  }
  const v6 = t.kind === 'inet6';
  const sip = v6 ? parseIpv6(t.srcAddr ?? '::') : parseIpv4Bytes(t.srcAddr ?? '0.0.0.0');
  const dip = v6 ? parseIpv6(t.dstAddr ?? '::') : parseIpv4Bytes(t.dstAddr ?? '0.0.0.0');
  if (!sip || !dip) return fail(`parameter ${name}: bad tuple address`);
  const out = Buffer.alloc(1 + 2 * (sip.length + 2));
  out[0] = v6 ? 10 : 2;
  out.set(sip, 1);
  out.writeUInt16LE(t.srcPort ?? 0, 1 + sip.length);
  out.set(dip, 3 + sip.length);
  out.writeUInt16LE(t.dstPort ?? 0, 3 + 2 * sip.length);
  return out;
}
