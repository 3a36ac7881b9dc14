// Byte builders for hand-made scap blocks (independent of src/scap/writer.ts, to test the reader against the spec).

export class Bytes {
  private parts: number[] = [];
  u8(v: number): this {
    this.parts.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.u8(v).u8(v >>> 8);
  }
  u32(v: number): this {
    return this.u16(v & 0xffff).u16(v >>> 16);
  }
  u64(v: number | bigint): this {
    const b = BigInt.asUintN(64, BigInt(v));
    return this.u32(Number(b & 0xffffffffn)).u32(Number(b >> 32n));
  }
  bytes(b: Uint8Array | number[]): this {
    for (const x of b) this.parts.push(x);
    return this;
  }
  str(s: string): this {
    return this.bytes(Buffer.from(s, 'utf8'));
  }
  /** u16 length + bytes, no NUL. */
  lstr(s: string): this {
    const b = Buffer.from(s, 'utf8');
    return this.u16(b.length).bytes(b);
  }
  get length(): number {
    return this.parts.length;
  }
  build(): Buffer {
    return Buffer.from(this.parts);
  }
}

/** A block: type, total length, body, zero padding to 4, total length again. */
export function block(type: number, body: Uint8Array, opts: { pad?: boolean; trailer?: number } = {}): Buffer {
  const padded = opts.pad === false ? body.length : (body.length + 3) & ~3;
  const tl = 12 + padded;
  return new Bytes()
    .u32(type)
    .u32(tl)
    .bytes(body)
    .bytes(new Array<number>(padded - body.length).fill(0))
    .u32(opts.trailer ?? tl)
    .build();
}

export function shb(opts: { major?: number; minor?: number; options?: { code: number; value: string }[] } = {}): Buffer {
  const b = new Bytes().u32(0x1a2b3c4d).u16(opts.major ?? 1).u16(opts.minor ?? 2).u64(-1n);
  for (const o of opts.options ?? []) {
    const v = Buffer.from(o.value, 'utf8');
    b.u16(o.code).u16(v.length).bytes(v).bytes(new Array<number>(((v.length + 3) & ~3) - v.length).fill(0));
  }
  if (opts.options?.length) b.u32(0);
  return block(0x0a0d0d0a, b.build());
}

/** A v2 event (26-byte header) with the given raw parameter values. */
export function eventV2(o: { ts: bigint; tid: number; type: number; params: Uint8Array[]; lenSize?: 2 | 4; nparams?: number; len?: number }): Buffer {
  const ls = o.lenSize ?? 2;
  const valLen = o.params.reduce((n, p) => n + p.length, 0);
  const len = 26 + o.params.length * ls + valLen;
  const b = new Bytes().u64(o.ts).u64(o.tid).u32(o.len ?? len).u16(o.type).u32(o.nparams ?? o.params.length);
  for (const p of o.params) {
    if (ls === 2) b.u16(p.length);
    else b.u32(p.length);
  }
  for (const p of o.params) b.bytes(p);
  return b.build();
}

/** A v1 event (22-byte header, no nparams). */
export function eventV1(o: { ts: bigint; tid: number; type: number; params: Uint8Array[]; len?: number }): Buffer {
  const valLen = o.params.reduce((n, p) => n + p.length, 0);
  const len = 22 + o.params.length * 2 + valLen;
  const b = new Bytes().u64(o.ts).u64(o.tid).u32(o.len ?? len).u16(o.type);
  for (const p of o.params) b.u16(p.length);
  for (const p of o.params) b.bytes(p);
  return b.build();
}

/** An event block body: cpu, optional flags, event. */
export function evBlock(type: number, cpu: number, event: Uint8Array, flags?: number): Buffer {
  const b = new Bytes().u16(cpu);
  if (flags !== undefined) b.u32(flags);
  return block(type, b.bytes(event).build());
}

export const u64le = (v: number | bigint): Buffer => new Bytes().u64(v).build();
export const u32le = (v: number): Buffer => new Bytes().u32(v).build();
export const u16le = (v: number): Buffer => new Bytes().u16(v).build();
export const cstr = (s: string): Buffer => Buffer.from(s + '\0', 'utf8');
