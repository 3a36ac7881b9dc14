// Little-endian reads over Uint8Array without BigInt; 64-bit values are kept as (hi, lo) u32 pairs.
// Callers bound-check; these helpers assume the bytes exist.

export function u16(b: Uint8Array, o: number): number {
  return (b[o] as number) | ((b[o + 1] as number) << 8);
}

export function i16(b: Uint8Array, o: number): number {
  return (((b[o] as number) | ((b[o + 1] as number) << 8)) << 16) >> 16;
}

export function u32(b: Uint8Array, o: number): number {
  return ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16)) + (b[o + 3] as number) * 0x1000000;
}

export function i32(b: Uint8Array, o: number): number {
  return (b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16) | ((b[o + 3] as number) << 24);
}

/** Signed 64-bit value as a number: exact for |v| < 2^53 (tids, fds, errno, sizes), rounded beyond. */
export function i64(b: Uint8Array, o: number): number {
  return i32(b, o + 4) * 4294967296 + u32(b, o);
}

/** Unsigned 64-bit value as a number: exact below 2^53, rounded beyond (use u64 hi/lo or BigInt when exactness matters). */
export function u64(b: Uint8Array, o: number): number {
  return u32(b, o + 4) * 4294967296 + u32(b, o);
}

export function u64BigInt(hi: number, lo: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

export function i64BigInt(hi: number, lo: number): bigint {
  return BigInt.asIntN(64, u64BigInt(hi, lo));
}

/** Decimal text of an unsigned 64-bit (hi, lo) pair, exact, without BigInt. */
export function u64Decimal(hi: number, lo: number): string {
  hi >>>= 0;
  lo >>>= 0;
  if (hi < 0x200000) return String(hi * 4294967296 + lo);
  // Long division by 1e9 over 16-bit limbs keeps every intermediate below 2^53.
  const limbs = [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];
  let r = 0;
  const q = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    const cur = r * 65536 + (limbs[i] as number);
    q[i] = Math.floor(cur / 1e9);
    r = cur - (q[i] as number) * 1e9;
  }
  const high = (((q[0] as number) * 65536 + (q[1] as number)) * 65536 + (q[2] as number)) * 65536 + (q[3] as number);
  return String(high) + String(r).padStart(9, '0');
}

/** Seconds and nanoseconds of a u64 nanosecond timestamp given as (hi, lo), exact. */
export function splitNanos(hi: number, lo: number): { sec: number; nsec: number } {
  hi >>>= 0;
  lo >>>= 0;
  const limbs0 = hi >>> 16;
  const limbs1 = hi & 0xffff;
  const limbs2 = lo >>> 16;
  const limbs3 = lo & 0xffff;
  let cur = limbs0;
  const q0 = Math.floor(cur / 1e9);
  cur = (cur - q0 * 1e9) * 65536 + limbs1;
  const q1 = Math.floor(cur / 1e9);
  cur = (cur - q1 * 1e9) * 65536 + limbs2;
  const q2 = Math.floor(cur / 1e9);
  cur = (cur - q2 * 1e9) * 65536 + limbs3;
  const q3 = Math.floor(cur / 1e9);
  const nsec = cur - q3 * 1e9;
  return { sec: ((q0 * 65536 + q1) * 65536 + q2) * 65536 + q3, nsec };
}

/** Hex text (no leading zeros) of the little-endian u64 at b[o], as libsinsp prints kernel socket addresses. */
export function u64Hex(b: Uint8Array, o: number): string {
  const hi = u32(b, o + 4);
  const lo = u32(b, o);
  return hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0');
}

/** (hi, lo) of a non-negative bigint below 2^64. */
export function bigintHiLo(v: bigint): [number, number] {
  const x = BigInt.asUintN(64, v);
  return [Number(x >> 32n), Number(x & 0xffffffffn)];
}

/** Compare two u64 (hi, lo) pairs: negative, 0 or positive. */
export function compareU64(ahi: number, alo: number, bhi: number, blo: number): number {
  return ahi !== bhi ? (ahi >>> 0) - (bhi >>> 0) : (alo >>> 0) - (blo >>> 0);
}

/** Offset of the first NUL in b[start, end), or end. */
export function cstrEnd(b: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end; i++) if (b[i] === 0) return i;
  return end;
}

/** Write a signed integer (exact below 2^53) as a little-endian i64. */
export function writeI64(buf: Uint8Array, off: number, v: number): void {
  const hi = Math.floor(v / 4294967296);
  const lo = v - hi * 4294967296;
  writeU32(buf, off, lo);
  writeU32(buf, off + 4, hi >>> 0);
}

export function writeU32(buf: Uint8Array, off: number, v: number): void {
  buf[off] = v & 0xff;
  buf[off + 1] = (v >>> 8) & 0xff;
  buf[off + 2] = (v >>> 16) & 0xff;
  buf[off + 3] = (v >>> 24) & 0xff;
}

/** Copy len bytes without allocating a view (Buffer.copy for long runs, a loop for short ones). */
export function copyBytes(src: Uint8Array, sOff: number, len: number, dst: Uint8Array, dOff: number): void {
  if (len > 256 && Buffer.isBuffer(src)) {
    src.copy(dst, dOff, sOff, sOff + len);
    return;
  }
  for (let i = 0; i < len; i++) dst[dOff + i] = src[sOff + i] as number;
}
