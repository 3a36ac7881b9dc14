// Socket parsers: socket, bind, connect, accept, socketpair, sendto enter; they fill fd tuples and roles.
import { carriesIpv4, embeddedIpv4, FD_TYPE, ipv4NumberText, u64Hex, type ScapEvent } from '../../../scap/index.js';
import type { EventContext } from '../context.js';
import { FDF, FdInfo, L4, ROLE } from '../fdinfo.js';
import { inetTupleName, swapTuple } from '../sinsp.js';
import { AF_INET, AF_INET6, AF_NETLINK, AF_UNIX, EINPROGRESS, eq16, hexParam, isZero16, Parser, pidx, pint, rd16, rd32be, sockaddrName, socktupleName } from './core.js';

export function socket(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const t = ctx.thread;
  const fd = e.paramInt(0) ?? -1;
  if (fd < 0 || !t) return;
  let domain: number;
  let type: number;
  let proto: number;
  if (p.legacy) {
    const enter = p.retrieveEnter(e, ctx);
    if (!enter) return;
    domain = enter.paramInt(0) ?? 0;
    type = enter.paramInt(1) ?? 0;
    proto = enter.paramInt(2) ?? 0;
  } else {
    domain = pint(e, 'domain') ?? 0;
    type = pint(e, 'type') ?? 0;
    proto = pint(e, 'proto') ?? 0;
  }
  const f = new FdInfo();
  if (domain === AF_UNIX) f.type = FD_TYPE.UNIX_SOCK;
  else if (domain === AF_INET || domain === AF_INET6) {
    f.type = domain === AF_INET ? FD_TYPE.IPV4_SOCK : FD_TYPE.IPV6_SOCK;
    if (domain === AF_INET6) {
      f.sip6 = new Uint8Array(16);
      f.dip6 = new Uint8Array(16);
    }
    const raw = type === 3;
    if (proto === 6) f.l4proto = raw ? L4.RAW : L4.TCP;
    else if (proto === 17) f.l4proto = raw ? L4.RAW : L4.UDP;
    else if (proto === 0) {
      const base = type & 0xff;
      f.l4proto = base === 1 ? L4.TCP : base === 2 ? L4.UDP : L4.UNKNOWN;
    } else if (proto === 1) f.l4proto = raw ? L4.RAW : L4.ICMP;
    else if (proto === 255) f.l4proto = L4.RAW;
    else f.l4proto = L4.UNKNOWN;
  } else if (domain === AF_NETLINK) f.type = FD_TYPE.NETLINK;
  else f.type = FD_TYPE.UNKNOWN;
  ctx.fd = p.st.addFd(t, fd, f);
}

export function bind(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const f = ctx.fd;
  if (!f) return;
  if ((e.paramInt(0) ?? -1) < 0) return;
  const ai = pidx(e, 'addr');
  if (ai < 0 || e.paramIsEmpty(ai)) return;
  const b = e.buf;
  const o = e.paramOffset(ai);
  const len = e.paramLength(ai);
  const family = b[o] as number;
  if (family === AF_INET && len >= 7) {
    const ip = rd32be(b, o + 1);
    const port = rd16(b, o + 5);
    if (port > 0) {
      f.type = FD_TYPE.IPV4_SERVSOCK;
      f.sip = ip;
      f.sport = port;
      f.role = ROLE.SERVER;
    }
  } else if (family === AF_INET6 && len >= 19) {
    const port = rd16(b, o + 17);
    if (port > 0) {
      if (carriesIpv4(b, o + 1)) {
        f.type = FD_TYPE.IPV4_SERVSOCK;
        f.sip = embeddedIpv4(b, o + 1);
      } else {
        f.type = FD_TYPE.IPV6_SERVSOCK;
        f.sip6 = Uint8Array.from(b.subarray(o + 1, o + 17));
      }
      f.sport = port;
      f.role = ROLE.SERVER;
    }
  }
  f.name = sockaddrName(b, o, len);
}

export function connectEnter(p: Parser, e: ScapEvent, ctx: EventContext): void {
  if (!p.legacy) return;
  const f = ctx.fd;
  if (!f || e.nparams < 2) return;
  const len = e.paramLength(1);
  if (len === 0) return;
  const b = e.buf;
  const o = e.paramOffset(1);
  const family = b[o] as number;
  if (family === AF_INET) {
    f.type = FD_TYPE.IPV4_SOCK;
    f.dip = rd32be(b, o + 1);
    f.dport = rd16(b, o + 5);
  } else if (family === AF_INET6) {
    const port = rd16(b, o + 17);
    if (carriesIpv4(b, o + 1)) {
      readIpv6AsIpv4(f);
      f.dip = embeddedIpv4(b, o + 1);
      f.dport = port;
    } else {
      f.type = FD_TYPE.IPV6_SOCK;
      f.dport = port;
      f.dip6 = Uint8Array.from(b.subarray(o + 1, o + 17));
      f.sip6 ??= new Uint8Array(16);
    }
  } else {
    f.name = sockaddrName(b, o, len);
    if (len >= 17) {
      f.usource = u64Hex(b, o + 1);
      f.udest = u64Hex(b, o + 9);
    }
  }
}

export function connectExit(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const f = ctx.fd;
  if (!f) return;
  const res = e.paramInt(0) ?? 0;
  if (res < 0 && res !== -EINPROGRESS) return;
  f.flags |= FDF.CONNECTED;
  const ti = pidx(e, 'tuple');
  if (ti < 0 || e.paramIsEmpty(ti)) {
    if (p.legacy) return;
    // Current libs fall back to the address of the enter event (merged into the exit by the converter).
    const ai = pidx(e, 'addr');
    if (ai < 0 || e.paramIsEmpty(ai)) return;
    const b = e.buf;
    const o = e.paramOffset(ai);
    const family = b[o] as number;
    if (family === AF_INET) {
      f.type = FD_TYPE.IPV4_SOCK;
      f.dip = rd32be(b, o + 1);
      f.dport = rd16(b, o + 5);
      f.name = inetTupleName(f);
    } else if (family === AF_INET6) {
      f.type = FD_TYPE.IPV6_SOCK;
      f.dip6 = Uint8Array.from(b.subarray(o + 1, o + 17));
      f.sip6 ??= new Uint8Array(16);
      f.dport = rd16(b, o + 17);
      f.name = inetTupleName(f);
    } else f.name = sockaddrName(b, o, e.paramLength(ai));
    if (f.role === ROLE.NONE) f.role = ROLE.CLIENT;
    return;
  }
  fillClientSocket(p, e, ctx, f, ti);
}

export function fillClientSocket(p: Parser, e: ScapEvent, _ctx: EventContext, f: FdInfo, ti: number): void {
  const b = e.buf;
  const o = e.paramOffset(ti);
  const len = e.paramLength(ti);
  const family = b[o] as number;
  if ((family === AF_INET && len >= 13) || (family === AF_INET6 && len >= 37)) {
    let changed: boolean;
    if (family === AF_INET6) {
      if (!(carriesIpv4(b, o + 1) && carriesIpv4(b, o + 19))) {
        f.type = FD_TYPE.IPV6_SOCK;
        changed = setIpv6(p, f, b, o, !p.legacy);
      } else {
        readIpv6AsIpv4(f);
        changed = setIpv4(p, f, embeddedIpv4(b, o + 1), rd16(b, o + 17), embeddedIpv4(b, o + 19), rd16(b, o + 35), !p.legacy);
      }
    } else {
      f.type = FD_TYPE.IPV4_SOCK;
      changed = setIpv4(p, f, rd32be(b, o + 1), rd16(b, o + 5), rd32be(b, o + 7), rd16(b, o + 11), !p.legacy);
    }
    if (changed && f.role === ROLE.SERVER && f.l4proto === L4.UDP) swapTuple(f);
    f.name = f.type === FD_TYPE.IPV4_SOCK ? ipv4SockinfoText(f) : inetTupleName(f);
  } else {
    f.name = socktupleName(b, o, len);
    if (len >= 17) {
      f.usource = u64Hex(b, o + 1);
      f.udest = u64Hex(b, o + 9);
    }
  }
  if (f.role === ROLE.NONE) f.role = ROLE.CLIENT;
}

/**
 * An IPv6 socket turned IPv4 (an IPv4-mapped peer). libsinsp keeps both tuples in one union and only changes
 * the type, so the IPv4 view reads the IPv6 source's bytes: its protocol is byte 12 of that address, which
 * is 0 (unknown) for a socket not bound before (docs/sinsp-semantics.md#ipv4-mapped-sockets).
 */
function readIpv6AsIpv4(f: FdInfo): void {
  if (f.type === FD_TYPE.IPV6_SOCK) {
    const s = f.sip6 ?? new Uint8Array(16);
    f.sip = rd32be(s, 0);
    f.dip = rd32be(s, 4);
    f.sport = rd16(s, 8);
    f.dport = rd16(s, 10);
    f.l4proto = s[12] as number;
  }
  f.type = FD_TYPE.IPV4_SOCK;
}

/** The name libsinsp gives a connected IPv4 socket (sockinfo_to_str): the tuple for TCP and UDP only. */
function ipv4SockinfoText(f: FdInfo): string {
  if (f.l4proto === L4.TCP || f.l4proto === L4.UDP) return inetTupleName(f);
  if (f.l4proto === L4.ICMP || f.l4proto === L4.RAW) return `${ipv4NumberText(f.sip)}->${ipv4NumberText(f.dip)}`;
  return '<unknown>';
}

/** Update an IPv4 tuple; the destination is filled while 0, or overwritten for connect in current libs. */
export function setIpv4(p: Parser, f: FdInfo, sip: number, sport: number, dip: number, dport: number, overwrite = false): boolean {
  if (f.type === FD_TYPE.IPV4_SOCK) {
    if ((sip === f.sip && sport === f.sport && dip === f.dip && dport === f.dport) || (dip === f.sip && dport === f.sport && sip === f.dip && sport === f.dport)) return false;
  }
  let changed = false;
  if (f.sip !== sip) {
    f.sip = sip;
    changed = true;
  }
  if (f.sport !== sport) {
    f.sport = sport;
    changed = true;
  }
  if (f.dip === 0 || (overwrite && f.dip !== dip)) {
    f.dip = dip;
    changed = true;
  }
  if (f.dport === 0 || (overwrite && f.dport !== dport)) {
    f.dport = dport;
    changed = true;
  }
  return changed;
}

export function setIpv6(p: Parser, f: FdInfo, b: Uint8Array, o: number, overwrite = false): boolean {
  const sip = b.subarray(o + 1, o + 17);
  const sport = rd16(b, o + 17);
  const dip = b.subarray(o + 19, o + 35);
  const dport = rd16(b, o + 35);
  const cs = f.sip6 ?? new Uint8Array(16);
  const cd = f.dip6 ?? new Uint8Array(16);
  f.sip6 = cs;
  f.dip6 = cd;
  if (f.type === FD_TYPE.IPV6_SOCK) {
    if ((eq16(sip, cs) && sport === f.sport && eq16(dip, cd) && dport === f.dport) || (eq16(dip, cs) && dport === f.sport && eq16(sip, cd) && sport === f.dport)) return false;
  }
  let changed = false;
  if (!eq16(cs, sip)) {
    f.sip6 = Uint8Array.from(sip);
    changed = true;
  }
  if (f.sport !== sport) {
    f.sport = sport;
    changed = true;
  }
  if (isZero16(cd) || (overwrite && !eq16(cd, dip))) {
    f.dip6 = Uint8Array.from(dip);
    changed = true;
  }
  if (f.dport === 0 || (overwrite && f.dport !== dport)) {
    f.dport = dport;
    changed = true;
  }
  return changed;
}

export function accept(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const t = ctx.thread;
  if (!t) return;
  const fd = e.paramInt(0) ?? -1;
  if (fd < 0) return;
  t.lastEventFd = fd;
  if (e.paramIsEmpty(1)) return;
  const b = e.buf;
  const o = e.paramOffset(1);
  const len = e.paramLength(1);
  const family = b[o] as number;
  const f = new FdInfo();
  if (family === AF_INET && len >= 13) {
    f.type = FD_TYPE.IPV4_SOCK;
    setIpv4(p, f, rd32be(b, o + 1), rd16(b, o + 5), rd32be(b, o + 7), rd16(b, o + 11));
    f.l4proto = L4.TCP;
  } else if (family === AF_INET6 && len >= 37) {
    if (carriesIpv4(b, o + 1) && carriesIpv4(b, o + 19)) {
      f.type = FD_TYPE.IPV4_SOCK;
      setIpv4(p, f, embeddedIpv4(b, o + 1), rd16(b, o + 17), embeddedIpv4(b, o + 19), rd16(b, o + 35));
    } else {
      setIpv6(p, f, b, o);
      f.type = FD_TYPE.IPV6_SOCK;
    }
    f.l4proto = L4.TCP;
  } else if (family === AF_UNIX) {
    f.type = FD_TYPE.UNIX_SOCK;
    if (len >= 17) {
      f.usource = u64Hex(b, o + 1);
      f.udest = u64Hex(b, o + 9);
    }
  } else return;
  f.name = f.type === FD_TYPE.UNIX_SOCK ? socktupleName(b, o, len) : inetTupleName(f);
  f.role = ROLE.SERVER;
  f.flags |= FDF.CONNECTED;
  if (!p.legacy) {
    const fl = pint(e, 'flags');
    if (fl !== undefined && fl & 0x80000) f.flags |= FDF.CLOEXEC;
  }
  ctx.fd = p.st.addFd(t, fd, f);
}

export function socketpair(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const t = ctx.thread;
  if ((e.paramInt(0) ?? -1) < 0 || !t) return;
  const fd1 = e.paramInt(1) ?? -1;
  const fd2 = e.paramInt(2) ?? -1;
  if (!p.legacy && fd1 === fd2) return;
  const mk = (): FdInfo => {
    const f = new FdInfo();
    f.type = FD_TYPE.UNIX_SOCK;
    f.usource = hexParam(e, 3);
    f.udest = hexParam(e, 4);
    return f;
  };
  ctx.fd = p.st.addFd(t, fd1, mk());
  p.st.addFd(t, fd2, mk());
}

/** profile-2022: `sendto` enter on an fd the table lacks: infer a UDP socket from the tuple, then store the event. */
export function sendtoEnter(p: Parser, e: ScapEvent, ctx: EventContext): void {
  if (!p.legacy) return;
  const t = ctx.thread;
  if (!t) return;
  if (!ctx.fd) {
    const fd = e.paramInt(0) ?? -1;
    if (fd >= 0 && e.nparams > 2 && !e.paramIsEmpty(2)) {
      const b = e.buf;
      const o = e.paramOffset(2);
      const family = b[o] as number;
      if (family === AF_INET || family === AF_INET6) {
        const f = new FdInfo();
        f.type = family === AF_INET ? FD_TYPE.IPV4_SOCK : FD_TYPE.IPV6_SOCK;
        if (family === AF_INET6) {
          f.sip6 = new Uint8Array(16);
          f.dip6 = new Uint8Array(16);
        }
        f.l4proto = L4.UDP;
        ctx.fd = p.st.addFd(t, fd, f);
      }
    }
  }
  p.store(t, e);
}
