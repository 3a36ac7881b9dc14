// read/write-family exits: libsinsp infers socket tuples and roles from the addresses these carry.
import { carriesIpv4, EF, embeddedIpv4, FD_TYPE, u64Hex, type ScapEvent } from '../../../scap/index.js';
import type { EventContext } from '../context.js';
import { FDF, L4, ROLE, type FdInfo } from '../fdinfo.js';
import { inetTupleName, swapTuple } from '../sinsp.js';
import type { ThreadInfo } from '../threadinfo.js';
import { AF_INET, AF_INET6, AF_UNIX, cstr, Parser, pidx, rd16, rd32be, socktupleName } from './core.js';
import { setIpv4, setIpv6 } from './sockets.js';

/** read/write family exits: connection state and, for datagram calls, the peer tuple. */
export function rw(p: Parser, e: ScapEvent, ctx: EventContext): void {
  const f = ctx.fd;
  const t = ctx.thread;
  if (!f || !t) return;
  const res = e.paramInt(0) ?? -1;
  if (res < 0) return;
  if (f.type === FD_TYPE.IPV4_SOCK || f.type === FD_TYPE.IPV6_SOCK) f.flags |= FDF.CONNECTED;
  const reads = (e.info.flags & EF.READS_FROM_FD) !== 0;
  const en = e.info.enumName;
  const isRecv = en === 'PPME_SOCKET_RECVFROM_X' || en === 'PPME_SOCKET_RECVMSG_X';
  const isSend = en === 'PPME_SOCKET_SENDTO_X' || en === 'PPME_SOCKET_SENDMSG_X';
  if ((reads && !isRecv) || (!reads && !isSend)) return;
  if (!(f.name.length === 0 || !(f.l4proto === L4.TCP && (f.type === FD_TYPE.IPV4_SOCK || f.type === FD_TYPE.IPV6_SOCK)))) return;
  let src: ScapEvent = e;
  let ti: number;
  if (reads) ti = pidx(e, 'tuple');
  else if (p.legacy) {
    const enter = p.retrieveEnter(e, ctx);
    if (!enter) return;
    src = enter;
    ti = enter.nparams > 2 ? 2 : -1;
  } else ti = pidx(e, 'tuple');
  if (ti < 0 || src.paramIsEmpty(ti)) return;
  if (!updateFd(p, f, src, ti)) return;
  if (f.type === FD_TYPE.IPV4_SOCK || f.type === FD_TYPE.IPV6_SOCK) {
    if (f.role === ROLE.NONE) guessRole(p, t, f, reads);
    if (reads ? f.role === ROLE.CLIENT : f.role === ROLE.SERVER) swapTuple(f);
    f.name = inetTupleName(f);
  } else if (f.type !== FD_TYPE.UNIX_SOCK) {
    f.name = socktupleName(src.buf, src.paramOffset(ti), src.paramLength(ti));
  }
}

/** `update_fd`: take a tuple parameter into an fd record; true if anything changed. */
export function updateFd(p: Parser, f: FdInfo, e: ScapEvent, ti: number): boolean {
  const b = e.buf;
  const o = e.paramOffset(ti);
  const len = e.paramLength(ti);
  const family = b[o] as number;
  if (family === AF_INET && len >= 13) {
    f.type = FD_TYPE.IPV4_SOCK;
    if (!setIpv4(p, f, rd32be(b, o + 1), rd16(b, o + 5), rd32be(b, o + 7), rd16(b, o + 11))) return false;
  } else if (family === AF_INET6 && len >= 37) {
    if (carriesIpv4(b, o + 1) && carriesIpv4(b, o + 19)) {
      f.type = FD_TYPE.IPV4_SOCK;
      if (!setIpv4(p, f, embeddedIpv4(b, o + 1), rd16(b, o + 17), embeddedIpv4(b, o + 19), rd16(b, o + 35))) return false;
    } else if (!setIpv6(p, f, b, o)) return false;
  } else if (family === AF_UNIX) {
    f.type = FD_TYPE.UNIX_SOCK;
    const src = len >= 17 ? u64Hex(b, o + 1) : '';
    const dst = len >= 17 ? u64Hex(b, o + 9) : '';
    if (src === f.usource && dst === f.udest) return false;
    f.usource = src;
    f.udest = dst;
    f.name = len > 17 ? cstr(b, o + 17, o + len) : '';
    return true;
  } else return false;
  if ((f.type === FD_TYPE.IPV4_SOCK || f.type === FD_TYPE.IPV6_SOCK) && f.l4proto === L4.UNKNOWN) f.l4proto = L4.UDP;
  p.st.patchInterfaces(f);
  return true;
}

export function guessRole(p: Parser, t: ThreadInfo, f: FdInfo, incoming: boolean): void {
  const table = p.st.fdTable(t);
  let bound = false;
  let client = false;
  if (table) {
    for (const x of table.values()) {
      if (x.type === FD_TYPE.IPV4_SOCK && x.dport === f.dport) bound = true;
      else if (x.type === FD_TYPE.IPV4_SERVSOCK && x.sport === f.dport) bound = true;
    }
    if (bound) for (const x of table.values()) if (x.type === FD_TYPE.IPV4_SOCK && x.sport === f.sport) client = true;
  }
  if (!bound) f.role = ROLE.CLIENT;
  else if (!client) f.role = ROLE.SERVER;
  else f.role = incoming ? ROLE.SERVER : ROLE.CLIENT;
}
