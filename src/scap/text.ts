// Capture strings are bytes, not guaranteed UTF-8: decode them leniently.

/** ASCII strings up to this many bytes are interned (capture strings repeat: paths, names, env entries). */
const INTERN_MAX = 128;
/** Slots of the intern table (a power of two): direct-mapped, a newer string replaces an older one. */
const INTERN_SLOTS = 4096;
const interned: (string | undefined)[] = new Array<string | undefined>(INTERN_SLOTS).fill(undefined);

/**
 * UTF-8 text of b[start, end) (invalid sequences become U+FFFD). Short ASCII strings come from a small intern
 * table when the same bytes were decoded before: the replay decodes the same paths and names for most events,
 * and building each one afresh was the largest allocation per event.
 */
export function decodeUtf8(b: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n <= 0) return '';
  if (n <= INTERN_MAX) {
    // FNV-1a over the bytes, stopping at the first non-ASCII byte (those strings take the general path).
    let h = 0x811c9dc5 ^ n;
    let i = start;
    for (; i < end; i++) {
      const c = b[i] as number;
      if (c >= 0x80) break;
      h = Math.imul(h ^ c, 0x01000193);
    }
    if (i === end) {
      const slot = (h ^ (h >>> 16)) & (INTERN_SLOTS - 1);
      const known = interned[slot];
      if (known !== undefined && known.length === n) {
        let k = 0;
        while (k < n && known.charCodeAt(k) === b[start + k]) k++;
        if (k === n) return known;
      }
      const s = asciiText(b, start, end);
      interned[slot] = s;
      return s;
    }
  }
  if (Buffer.isBuffer(b)) return b.toString('utf8', start, end);
  return Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8');
}

/** Text of ASCII bytes b[start, end). */
function asciiText(b: Uint8Array, start: number, end: number): string {
  if (end - start < 32) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(b[i] as number);
    return s;
  }
  if (Buffer.isBuffer(b)) return b.toString('latin1', start, end);
  return Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('latin1');
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


/** String lists of at most this many bytes are shared (execve args, env and cgroups repeat from event to event). */
const LIST_SHARE_MAX = 4096;
/** Slots of the shared-list table (a power of two): direct-mapped, a newer list replaces an older one. */
const LIST_SLOTS = 1024;
const listBytes: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(LIST_SLOTS).fill(undefined);
const listValues: (readonly string[] | undefined)[] = new Array<readonly string[] | undefined>(LIST_SLOTS).fill(undefined);

/**
 * `splitNul`, but the same bytes give the same list as last time (callers must not modify it): the
 * state keeps one list per distinct args/env/cgroups value, and recognises it by identity.
 */
export function splitNulShared(b: Uint8Array, start: number, end: number): readonly string[] {
  const n = end - start;
  if (n <= 0 || n > LIST_SHARE_MAX) return splitNul(b, start, end);
  let h = 0x811c9dc5 ^ n;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
  const slot = (h ^ (h >>> 16)) & (LIST_SLOTS - 1);
  const known = listBytes[slot];
  if (known !== undefined && known.length === n) {
    let k = 0;
    while (k < n && known[k] === b[start + k]) k++;
    if (k === n) return listValues[slot] as readonly string[];
  }
  const list: readonly string[] = splitNul(b, start, end);
  const copy = new Uint8Array(n);
  copy.set(b.subarray(start, end));
  listBytes[slot] = copy;
  listValues[slot] = list;
  return list;
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
