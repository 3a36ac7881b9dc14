// Streaming gzip decompression that never throws away data: members are framed here (header, raw deflate body,
// CRC-32 and size trailer), so junk after the stream, a bad CRC or a cut-short trailer are reported after every
// byte inflated before them was delivered. zlib's own gunzip stream drops its last output chunk on such errors.
import * as zlib from 'node:zlib';

/** A damaged gzip stream; `offset` is the position in the compressed file. */
export class GzipError extends Error {
  override readonly name = 'GzipError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

// Compressed bytes fed per step, at most: bounds the output held at once (deflate expands at most ~1032×).
const SLICE = 64 << 10;
// At least: a step costs a flush and an await.
const MIN_SLICE = 1 << 10;
// Longest file name or comment accepted in a member header.
const MAX_HEADER = 64 << 10;
/**
 * Inflated output buffer size. Each output buffer lives until its last event is parsed; a small one is garbage
 * before the young generation is collected twice, so it is freed there instead of piling up until a full GC.
 */
const INFLATE_CHUNK = 256 << 10;
const EMPTY = Buffer.alloc(0);
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
const FHCRC = 2;

const crc32 = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/**
 * Decompress a gzip stream (all its members) read from `it`, `first` being the bytes already read from it.
 * Yields decompressed chunks; throws {@link GzipError} at the first damage, after yielding everything before it.
 */
export async function* gunzipChunks(it: AsyncIterator<Uint8Array>, first: Uint8Array): AsyncGenerator<Buffer> {
  let buf = Buffer.from(first.buffer, first.byteOffset, first.length);
  let base = 0; // compressed offset of buf[0]
  let eof = false;
  const fill = async (n: number): Promise<boolean> => {
    while (buf.length < n && !eof) {
      const r = await it.next();
      if (r.done) eof = true;
      else {
        const c = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.length);
        buf = buf.length ? Buffer.concat([buf, c]) : c;
      }
    }
    return buf.length >= n;
  };
  const take = (n: number): void => {
    buf = buf.subarray(n);
    base += n;
  };
  const zeroString = async (from: number, what: string): Promise<number> => {
    for (let p = from; ; p++) {
      if (p >= MAX_HEADER) throw new GzipError(`gzip header ${what} longer than ${MAX_HEADER} bytes`, base);
      if (!(await fill(p + 1))) throw new GzipError(`gzip header cut short in its ${what}`, base);
      if (buf[p] === 0) return p + 1;
    }
  };

  for (let member = 0; ; member++) {
    if (!(await fill(2))) {
      if (buf.length === 0 && member > 0) return;
      throw new GzipError(member ? 'junk after the end of the gzip stream' : 'gzip stream is empty', base);
    }
    if (buf[0] !== 0x1f || buf[1] !== 0x8b) {
      // Zero padding after the last member is accepted, as gzip(1) does; anything else is reported.
      for (;;) {
        if (buf.some((b) => b !== 0)) throw new GzipError(`junk after the end of the gzip stream (${member} member${member === 1 ? '' : 's'} read)`, base);
        take(buf.length);
        if (!(await fill(1))) return;
      }
    }
    if (!(await fill(10))) throw new GzipError('gzip header cut short', base);
    if (buf[2] !== 8) throw new GzipError(`unknown gzip compression method ${buf[2]}`, base);
    const flags = buf[3] as number;
    let hdr = 10;
    if (flags & FEXTRA) {
      if (!(await fill(hdr + 2))) throw new GzipError('gzip header cut short in its extra field', base);
      hdr += 2 + buf.readUInt16LE(hdr);
      if (!(await fill(hdr))) throw new GzipError('gzip header cut short in its extra field', base);
    }
    if (flags & FNAME) hdr = await zeroString(hdr, 'file name');
    if (flags & FCOMMENT) hdr = await zeroString(hdr, 'comment');
    if (flags & FHCRC) hdr += 2;
    if (!(await fill(hdr))) throw new GzipError('gzip header cut short', base);
    take(hdr);

    const inf = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK });
    const out: Buffer[] = [];
    let failure: Error | undefined;
    inf.on('data', (c: Buffer) => out.push(c));
    inf.on('error', (e: Error) => (failure = e));
    let crc = 0;
    let size = 0;
    let fed = 0;
    // A step's output is all held until the consumer has parsed it: aim for about one output buffer per step, so
    // that highly compressed data (15× for a capture of repetitive events) does not inflate many MB at once,
    // whose buffers then outlive young-generation collections and wait in old space for a full one.
    let sliceLen = SLICE;
    try {
      for (;;) {
        if (!(await fill(1))) throw new GzipError('gzip stream cut short (unexpected end of file)', base);
        const slice = buf.subarray(0, sliceLen);
        const before = inf.bytesWritten;
        inf.write(slice);
        fed += slice.length;
        await new Promise<void>((res) => {
          const done = (): void => {
            inf.off('error', done);
            res();
          };
          inf.once('error', done);
          inf.flush(zlib.constants.Z_SYNC_FLUSH, done);
        });
        let produced = 0;
        for (const c of out) produced += c.length;
        const consumed = inf.bytesWritten - before;
        if (consumed > 0 && produced > 0) sliceLen = Math.max(MIN_SLICE, Math.min(SLICE, Math.floor((consumed * INFLATE_CHUNK) / produced)));
        for (let i = 0; i < out.length; i++) {
          const c = out[i] as Buffer;
          // Dropped from the list as it is handed on, so the consumer's parse of it is the last reference.
          out[i] = EMPTY;
          if (crc32) crc = crc32(c, crc);
          size += c.length;
          yield c;
        }
        out.length = 0;
        if (failure) throw new GzipError(`gzip stream error: ${failure.message}`, base + consumed);
        take(consumed);
        if (inf.bytesWritten < fed) break; // the deflate stream ended inside this slice
      }
    } finally {
      inf.destroy();
    }
    if (!(await fill(8))) throw new GzipError(`gzip trailer cut short (${buf.length} of 8 bytes)`, base);
    if (crc32 && buf.readUInt32LE(0) !== crc >>> 0) throw new GzipError('gzip CRC-32 mismatch: the data is damaged', base);
    if (buf.readUInt32LE(4) !== size % 2 ** 32) throw new GzipError('gzip size mismatch: the data is damaged', base + 4);
    take(8);
  }
}
