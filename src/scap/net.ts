// Address text the way libsinsp prints it: dotted IPv4, inet_ntop-style IPv6.

/** Dotted-quad text of 4 network-order bytes at b[o]. */
export function ipv4Text(b: Uint8Array, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

/** True when the 16 bytes at b[o] are an IPv4-mapped IPv6 address (::ffff:a.b.c.d). */
export function isIpv4Mapped(b: Uint8Array, o: number): boolean {
  for (let i = 0; i < 10; i++) if (b[o + i] !== 0) return false;
  return b[o + 10] === 0xff && b[o + 11] === 0xff;
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

/** Parse dotted IPv4 text into 4 bytes; undefined if malformed. */
export function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i] as string;
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    out[i] = v;
  }
  return out;
}

/** Parse IPv6 text (with optional embedded IPv4 tail) into 16 bytes; undefined if malformed. */
export function parseIpv6(text: string): Uint8Array | undefined {
  let s = text;
  const out = new Uint8Array(16);
  let tail: Uint8Array | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    tail = parseIpv4(s.slice(lastColon + 1));
    if (!tail) return undefined;
    s = s.slice(0, lastColon + 1) + '0:0';
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? (halves[0] as string).split(':') : [];
  const rest = halves.length === 2 && halves[1] ? (halves[1] as string).split(':') : [];
  const total = head.length + rest.length;
  if ((halves.length === 1 && total !== 8) || total > 8) return undefined;
  const words = [...head, ...new Array<string>(8 - total).fill('0'), ...rest];
  for (let i = 0; i < 8; i++) {
    const w = words[i] as string;
    if (!/^[0-9a-fA-F]{1,4}$/.test(w)) return undefined;
    const v = parseInt(w, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  }
  if (tail) out.set(tail, 12);
  return out;
}
