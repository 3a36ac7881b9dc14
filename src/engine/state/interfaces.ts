// The capture's network interfaces, and libsinsp's use of them: inferring the zero address of a socket
// tuple, and the name of a socket fd (its tuple, printed by scap's net module).
import { FD_TYPE, ipv4TupleText, ipv6TupleText, parseIpv4, parseIpv6, type InterfaceEntry } from '../../scap/index.js';
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
      const a = parseIpv4(i.addr);
      const m = parseIpv4(i.netmask);
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

  /** "Local address" of fd.is_server / fd.lip (docs/sinsp-semantics.md#local-addresses). */
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

/** The fd name of an IPv4 or IPv6 socket: its tuple. */
export function inetTupleName(f: FdInfo): string {
  return f.type === FD_TYPE.IPV4_SOCK ? ipv4TupleText(f.sip, f.sport, f.dip, f.dport) : ipv6TupleText(f.sip6 ?? ZERO16, f.sport, f.dip6 ?? ZERO16, f.dport);
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
