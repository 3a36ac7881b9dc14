// Reading whole captures: from memory (synchronous) or from a chunked stream (async, with back-pressure),
// plain or gzip sniffed from the first bytes; both feed the one ScapDecoder.
import { constants as zc, gunzipSync } from 'node:zlib';
import type { Diagnostic } from '../common/index.js';
import { scapDiagnostic } from './diagnostics.js';
import type { ScapEvent } from './event.js';
import { gunzipChunks, GzipError } from './gunzip.js';
import { GZIP_MAGIC0, GZIP_MAGIC1 } from './format.js';
import { ScapDecoder, type ReadOptions, type ReadSummary, type ScapHandler } from './reader.js';

/** True when the bytes start like a gzip stream. */
export function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === GZIP_MAGIC0 && b[1] === GZIP_MAGIC1;
}

/**
 * Read a whole capture held in memory (plain or gzip, sniffed). Synchronous. A gzip stream cut short is
 * decompressed as far as it goes and reported.
 */
export function readCaptureBuffer(data: Uint8Array, handler: ScapHandler, options: ReadOptions = {}): ReadSummary {
  const dec = new ScapDecoder(handler, options);
  let bytes = data;
  if (isGzip(data)) {
    dec.summary.gzip = true;
    try {
      bytes = gunzipSync(data, { maxOutputLength: 2 ** 31 - 1 });
    } catch (err) {
      // Recover what decompresses before the damage.
      try {
        bytes = gunzipSync(data, { finishFlush: zc.Z_SYNC_FLUSH, maxOutputLength: 2 ** 31 - 1 });
      } catch {
        bytes = new Uint8Array(0);
      }
      dec.report(gzipDiagnostic(err, options.fileName ?? '<capture>'));
    }
  }
  dec.write(bytes);
  return dec.end();
}

function gzipDiagnostic(err: unknown, file: string): Diagnostic {
  const msg = err instanceof Error ? err.message : String(err);
  return scapDiagnostic('SCAP_GZIP', 'error', `gzip stream error: ${msg}`, file);
}

/** A source of capture bytes: raw chunks as read from a file or socket (plain or gzip). */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * Read a capture from a chunked source (plain or gzip, sniffed from the first bytes; multi-member gzip is
 * decompressed as one stream). `onChunk`, if given, runs after each decoded chunk and may await (back-pressure);
 * `onStart` is given the decoder, whose summary counts as it goes.
 */
export async function readCaptureStream(
  source: ByteSource,
  handler: ScapHandler,
  options: ReadOptions & { onChunk?: () => void | Promise<void>; onStart?: (decoder: ScapDecoder) => void } = {},
): Promise<ReadSummary> {
  const dec = new ScapDecoder(handler, options);
  // The live counters, for a reader that hands events on elsewhere with the counts as they were (pipeline.ts).
  options.onStart?.(dec);
  const file = options.fileName ?? '<capture>';
  const it = (Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : toAsync(source as Iterable<Uint8Array>)) as AsyncIterator<Uint8Array>;
  const ioError = (err: unknown): void => {
    const msg = err instanceof Error ? err.message : String(err);
    dec.report(scapDiagnostic('SCAP_IO', 'error', `read error: ${msg}`, file, dec.summary.bytes));
  };
  const aborted = (): boolean => options.signal?.aborted === true;
  // Sniff: collect at least 2 bytes.
  const head: Uint8Array[] = [];
  let headLen = 0;
  try {
    while (headLen < 2) {
      const r = await it.next();
      if (r.done) break;
      head.push(r.value);
      headLen += r.value.length;
    }
  } catch (err) {
    ioError(err);
    return dec.end();
  }
  const first = head.length === 1 ? (head[0] as Uint8Array) : Buffer.concat(head);
  // A resumed read starts at an event block of a plain capture, never at a gzip header.
  if (options.resume !== undefined || !isGzip(first)) {
    try {
      if (first.length) dec.write(first);
      if (options.onChunk) await options.onChunk();
      while (!dec.stopped) {
        if (aborted()) {
          dec.abort();
          break;
        }
        const r = await it.next();
        if (r.done) break;
        dec.write(r.value);
        if (options.onChunk) await options.onChunk();
      }
    } catch (err) {
      ioError(err);
    }
    await it.return?.();
    return dec.end();
  }
  dec.summary.gzip = true;
  const chunks = gunzipChunks(it, first);
  try {
    for await (const chunk of chunks) {
      dec.write(chunk);
      if (options.onChunk) await options.onChunk();
      if (dec.stopped) break;
      if (aborted()) {
        dec.abort();
        break;
      }
    }
  } catch (err) {
    if (err instanceof GzipError) {
      const d = scapDiagnostic('SCAP_GZIP', 'error', `${err.message} at compressed byte ${err.offset}; everything before it was read`, file);
      dec.report(d);
    } else ioError(err);
  }
  await it.return?.();
  return dec.end();
}

// Async only to present a plain iterable through the one async reading loop: there is nothing to await.
// eslint-disable-next-line @typescript-eslint/require-await
async function* toAsync(src: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* src;
}

/** Convenience: collect detached copies of every event (tests and small captures only). */
export function collectEvents(data: Uint8Array, options: ReadOptions = {}): { events: ScapEvent[]; summary: ReadSummary } {
  const events: ScapEvent[] = [];
  const summary = readCaptureBuffer(data, { event: (e) => void events.push(e.detach()) }, options);
  return { events, summary };
}
