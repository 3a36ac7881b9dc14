// IP addresses and networks: the one place that parses and prints them, for the scap layer (events, state
// blocks, the writer) and the engine (condition constants, socket state, field values).
//
// Strictness is libsinsp's, which hands every address text to glibc's inet_pton: IPv4 is exactly four
// decimal parts, each 0-255 with no leading zero ("010.0.0.1" is rejected rather than read as octal or
// decimal, so a rule can never mean something other than what sysdig and Falco read); IPv6 is RFC 4291 text
// (1-4 hex digits per group, at most one "::", which may stand for a single zero group, and an optional
// dotted IPv4 tail in the last 32 bits). Printing is glibc inet_ntop's (RFC 5952 with the embedded IPv4 form).
//
// IPv4 addresses are numbers (host-order u32: 10.0.0.1 → 0x0a000001) or 4 network-order bytes; IPv6 are 16
// network-order bytes.

/** Dotted-quad text of 4 network-order bytes at b[o]. */
export function ipv4Text(b: Uint8Array, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

/** Dotted-quad text of a host-order u32 IPv4 address. */
export function ipv4NumberText(ip: number): string {
  return `${ip >>> 24}.${(ip >>> 16) & 0xff}.${(ip >>> 8) & 0xff}.${ip & 0xff}`;
}

/** True when the 16 bytes at b[o] are an IPv4-mapped IPv6 address (::ffff:a.b.c.d). */
export function isIpv4Mapped(b: Uint8Array, o: number): boolean {
  for (let i = 0; i < 10; i++) if (b[o + i] !== 0) return false;
  return b[o + 10] === 0xff && b[o + 11] === 0xff;
}

/**
 * libsinsp's test for an IPv6 socket address that really carries IPv4: IPv4-mapped (::ffff:a.b.c.d) or all
 * zero (an unset address of a dual-stack socket is taken as IPv4 too).
 */
export function carriesIpv4(b: Uint8Array, o = 0): boolean {
  for (let i = 0; i < 10; i++) if (b[o + i] !== 0) return false;
  if (b[o + 10] === 0xff && b[o + 11] === 0xff) return true;
  return b[o + 10] === 0 && b[o + 11] === 0 && b[o + 12] === 0 && b[o + 13] === 0 && b[o + 14] === 0 && b[o + 15] === 0;
}

/** The IPv4 address in the last 4 of the 16 bytes at b[o], as a host-order u32. */
export function embeddedIpv4(b: Uint8Array, o = 0): number {
  return (((b[o + 12] as number) << 24) | ((b[o + 13] as number) << 16) | ((b[o + 14] as number) << 8) | (b[o + 15] as number)) >>> 0;
}

/** RFC 5952 text of 16 network-order bytes at b[o], as glibc's inet_ntop writes it. */
export function ipv6Text(b: Uint8Array, o: number): string {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push(((b[o + 2 * i] as number) << 8) | (b[o + 2 * i + 1] as number));
  // Longest run of at least two zero words becomes "::" (first one wins on ties).
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) bestStart = -1;
  // inet_ntop writes the embedded IPv4 form for ::ffff:a.b.c.d and ::a.b.c.d (IPv4-compatible).
  const v4tail = bestStart === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff));
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += i === 0 ? '::' : ':';
      i += bestLen - 1;
      continue;
    }
    if (v4tail && i === 6) {
      out += ipv4Text(b, o + 12);
      break;
    }
    out += (words[i] as number).toString(16);
    if (i < 7) out += ':';
  }
  return out;
}

/** A socket endpoint as fd names and parameters print it: `addr:port` (parameter views may lack a part). */
export function endpointText(addr: string | undefined, port: number | undefined): string {
  return `${addr}:${port}`;
}

/** A socket tuple as fd names and parameters print it: `saddr:sport->daddr:dport`. */
export function tupleText(saddr: string | undefined, sport: number | undefined, daddr: string | undefined, dport: number | undefined): string {
  return `${saddr}:${sport}->${daddr}:${dport}`;
}

/** The tuple of an IPv4 socket (host-order u32 addresses). */
export function ipv4TupleText(sip: number, sport: number, dip: number, dport: number): string {
  return tupleText(ipv4NumberText(sip), sport, ipv4NumberText(dip), dport);
}

/** The tuple of an IPv6 socket (16 network-order bytes each). */
export function ipv6TupleText(sip: Uint8Array, sport: number, dip: Uint8Array, dport: number): string {
  return tupleText(ipv6Text(sip, 0), sport, ipv6Text(dip, 0), dport);
}

/** inet_pton(AF_INET): dotted-quad text as a host-order u32; undefined if malformed. */
export function parseIpv4(text: string): number | undefined {
  // Longer than "255.255.255.255" cannot be valid: no scanning of huge hostile strings.
  if (text.length > 15) return undefined;
  let value = 0;
  let part = -1;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x2e; // the end closes the last part like a dot
    if (c >= 0x30 && c <= 0x39) {
      if (digits > 0 && part === 0) return undefined; // leading zero
      part = digits === 0 ? c - 0x30 : part * 10 + (c - 0x30);
      if (part > 255) return undefined;
      digits++;
    } else if (c === 0x2e && digits > 0) {
      if (++parts > 4) return undefined;
      value = value * 256 + part;
      digits = 0;
      part = -1;
    } else return undefined;
  }
  return parts === 4 ? value >>> 0 : undefined;
}

/** inet_pton(AF_INET) into 4 network-order bytes; undefined if malformed. */
export function parseIpv4Bytes(text: string): Uint8Array | undefined {
  const v = parseIpv4(text);
  return v === undefined ? undefined : Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

const hexValue = (c: number): number => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1);

/** inet_pton(AF_INET6): 16 network-order bytes; undefined if malformed. */
export function parseIpv6(text: string): Uint8Array | undefined {
  // The longest valid text is 45 characters (six groups of four and a dotted IPv4 tail).
  if (text.length === 0 || text.length > 45) return undefined;
  const out = new Uint8Array(16);
  let at = 0; // bytes written
  let gap = -1; // where "::" stands
  let i = 0;
  if (text.charCodeAt(0) === 0x3a) {
    if (text.charCodeAt(1) !== 0x3a) return undefined; // a lone leading colon
    i = 1;
  }
  let groupStart = i;
  let value = 0;
  let digits = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i++);
    const h = hexValue(c);
    if (h >= 0) {
      if (digits === 4) return undefined;
      value = (value << 4) | h;
      digits++;
      continue;
    }
    if (c === 0x3a) {
      groupStart = i;
      if (digits === 0) {
        if (gap >= 0) return undefined; // a second "::" (or ":::")
        gap = at;
        continue;
      }
      if (i === text.length) return undefined; // a trailing single colon
      if (at + 2 > 16) return undefined;
      out[at++] = value >> 8;
      out[at++] = value & 0xff;
      value = 0;
      digits = 0;
      continue;
    }
    if (c === 0x2e && at + 4 <= 16) {
      const v4 = parseIpv4(text.slice(groupStart));
      if (v4 === undefined) return undefined;
      out[at++] = v4 >>> 24;
      out[at++] = (v4 >>> 16) & 0xff;
      out[at++] = (v4 >>> 8) & 0xff;
      out[at++] = v4 & 0xff;
      digits = 0;
      break;
    }
    return undefined;
  }
  if (digits > 0) {
    if (at + 2 > 16) return undefined;
    out[at++] = value >> 8;
    out[at++] = value & 0xff;
  }
  if (gap >= 0) {
    if (at === 16) return undefined; // "::" must stand for at least one zero group
    const n = at - gap;
    out.copyWithin(16 - n, gap, at);
    out.fill(0, gap, 16 - n);
    at = 16;
  }
  return at === 16 ? out : undefined;
}

/** An IP network (CIDR): IPv4 address and mask, or IPv6 address and prefix length. */
export type IpNet = { readonly v: 4; readonly ip: number; readonly mask: number } | { readonly v: 6; readonly addr: Uint8Array; readonly prefix: number };

/** An IPv4 network from its address and prefix length (0-32). */
export function ipv4Net(ip: number, prefix: number): IpNet {
  return { v: 4, ip, mask: prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0 };
}

/** An address as the engine holds it: IPv4 as a host-order u32, IPv6 as 16 bytes. */
export type IpAddress = number | Uint8Array;

/** True if the address lies inside the network (an address of the other family never does). */
export function ipInNet(ip: IpAddress, net: IpNet): boolean {
  if (net.v === 4) return typeof ip === 'number' && ((ip & net.mask) >>> 0) === ((net.ip & net.mask) >>> 0);
  if (typeof ip === 'number') return false;
  const full = Math.floor(net.prefix / 8);
  for (let i = 0; i < full; i++) if (ip[i] !== net.addr[i]) return false;
  const bits = net.prefix % 8;
  if (bits === 0) return true;
  const shift = 8 - bits;
  return (ip[full] ?? 0) >> shift === (net.addr[full] ?? 0) >> shift;
}

/** Address equality (different families are never equal). */
export function ipEquals(a: IpAddress, b: IpAddress): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
