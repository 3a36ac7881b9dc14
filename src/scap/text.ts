// Capture strings are bytes, not guaranteed UTF-8: decode them leniently.

/** UTF-8 text of b[start, end) (invalid sequences become U+FFFD). */
export function decodeUtf8(b: Uint8Array, start: number, end: number): string {
  if (end <= start) return '';
  // Short ASCII strings are cheaper to build directly than through TextDecoder.
  if (end - start < 32) {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if ((b[i] as number) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      let s = '';
      for (let i = start; i < end; i++) s += String.fromCharCode(b[i] as number);
      return s;
    }
  }
  if (Buffer.isBuffer(b)) return b.toString('utf8', start, end);
  return Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8');
}

/** Strings separated (and usually terminated) by NUL in b[start, end). */
export function splitNul(b: Uint8Array, start: number, end: number): string[] {
  const out: string[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    if (b[i] === 0) {
      out.push(decodeUtf8(b, s, i));
      s = i + 1;
    }
  }
  if (s < end) out.push(decodeUtf8(b, s, end));
  return out;
}


/** Bytes of `s` in UTF-8 (a high surrogate counts as a 4-byte sequence with the unit after it). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
