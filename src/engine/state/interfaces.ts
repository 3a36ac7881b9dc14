// The capture's network interfaces, and libsinsp's use of them: inferring the zero address of a socket
// tuple. Also the IPv4/IPv6 address helpers the fd parsers share.
import { FD_TYPE, ipv6Text, type InterfaceEntry } from '../../scap/index.js';
import { parseIpv6 } from '../fields/values.js';
import type { FdInfo } from './fdinfo.js';

interface Iface4 {
  addr: number;
  netmask: number;
}

export class InterfaceTable {
  readonly ifaces4: Iface4[] = [];
  readonly ifaces6: Uint8Array[] = [];

  clear(): void {
    this.ifaces4.length = 0;
    this.ifaces6.length = 0;
  }

  load(i: InterfaceEntry): void {
    if (i.kind === 'ipv4') {
      const a = ipv4Number(i.addr);
      const m = ipv4Number(i.netmask);
      if (a !== undefined) this.ifaces4.push({ addr: a, netmask: m ?? 0 });
    } else {
      const b = parseIpv6(i.addr);
      if (b) this.ifaces6.push(b);
    }
  }

  /** libsinsp's interface patch: infer a zero address of an IPv4 tuple from the capture's interfaces. */
  patch(f: FdInfo): void {
    if (f.type === FD_TYPE.IPV6_SOCK) {
      this.patchInterfaces6(f);
      return;
    }
    if (f.type !== FD_TYPE.IPV4_SOCK) return;
    if (f.sip !== 0 && f.dip !== 0) return;
    if (f.sip === 0) {
      const ip = this.inferIpv4(f.dip);
      if (ip === f.dip && f.sport === f.dport) return;
      f.sip = ip;
    } else {
      const ip = this.inferIpv4(f.sip);
      if (ip === f.sip && f.sport === f.dport) return;
      f.dip = ip;
    }
  }

  private patchInterfaces6(f: FdInfo): void {
    const s = f.sip6 ?? ZERO16;
    const d = f.dip6 ?? ZERO16;
    const zs = isZero(s);
    const zd = isZero(d);
    if (!zs && !zd) return;
    if (zs) {
      const ip = this.inferIpv6(d);
      if (eqBytes(ip, d) && f.sport === f.dport) return;
      f.sip6 = Uint8Array.from(ip);
    } else {
      const ip = this.inferIpv6(s);
      if (eqBytes(ip, s) && f.sport === f.dport) return;
      f.dip6 = Uint8Array.from(ip);
    }
  }

  private inferIpv6(known: Uint8Array): Uint8Array {
    for (const a of this.ifaces6) if (eqBytes(a, known)) return a;
    for (const a of this.ifaces6) if (eqBytes(a.subarray(0, 8), known.subarray(0, 8))) return a;
    for (const a of this.ifaces6) if (!isLoopback6(a)) return a;
    return ZERO16;
  }

  private inferIpv4(known: number): number {
    for (const i of this.ifaces4) if (i.addr === known) return known;
    for (const i of this.ifaces4) if (((i.addr & i.netmask) >>> 0) === ((known & i.netmask) >>> 0)) return i.addr;
    for (const i of this.ifaces4) if (i.addr !== 0x7f000001) return i.addr;
    return 0;
  }

  /** "Local address" of fd.is_server / fd.lip (sinsp-semantics.md §6.3). */
}

export function swapTuple(f: FdInfo): void {
  const sip = f.sip;
  const sport = f.sport;
  const sip6 = f.sip6;
  f.sip = f.dip;
  f.sport = f.dport;
  f.sip6 = f.dip6;
  f.dip = sip;
  f.dport = sport;
  f.dip6 = sip6;
}

export function ipv4Number(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0;
  for (const p of parts) {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 0 || n > 255 || p === '') return undefined;
    v = v * 256 + n;
  }
  return v >>> 0;
}

export function ipv4Text(ip: number): string {
  return `${ip >>> 24}.${(ip >>> 16) & 0xff}.${(ip >>> 8) & 0xff}.${ip & 0xff}`;
}

/** IPv4-mapped (::ffff:a.b.c.d) or all-zero 16-byte address (libsinsp treats both as IPv4). */
export function isMapped(b: Uint8Array, o = 0): boolean {
  for (let i = 0; i < 10; i++) if (b[o + i] !== 0) return false;
  if (b[o + 10] === 0xff && b[o + 11] === 0xff) return true;
  return b[o + 10] === 0 && b[o + 11] === 0 && b[o + 12] === 0 && b[o + 13] === 0 && b[o + 14] === 0 && b[o + 15] === 0;
}

export function v4of(b: Uint8Array, o = 0): number {
  return (((b[o + 12] as number) << 24) | ((b[o + 13] as number) << 16) | ((b[o + 14] as number) << 8) | (b[o + 15] as number)) >>> 0;
}

export function ipv4TupleText(f: FdInfo): string {
  return `${ipv4Text(f.sip)}:${f.sport}->${ipv4Text(f.dip)}:${f.dport}`;
}

export function ipv6TupleText(f: FdInfo): string {
  return `${ipv6Text(f.sip6 ?? ZERO16, 0)}:${f.sport}->${ipv6Text(f.dip6 ?? ZERO16, 0)}:${f.dport}`;
}

export const ZERO16 = new Uint8Array(16);

function isZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

function eqBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isLoopback6(a: Uint8Array): boolean {
  for (let i = 0; i < 15; i++) if (a[i] !== 0) return false;
  return a[15] === 1;
}
