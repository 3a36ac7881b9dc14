// The only file-system adapter of src/scap: capture files in, capture files out (plain or gzip).
import { createWriteStream, promises as fsp } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { scapDiagnostic } from './diagnostics.js';
import { readCaptureStream } from './read-capture.js';
import { emptyReadSummary, type ReadOptions, type ReadSummary, type ScapHandler } from './reader.js';
import { ScapWriter, type WriterOptions } from './writer.js';

/**
 * Chunks of a file, read sequentially (each chunk is a fresh buffer: gzip may still hold the previous one). The
 * default size is small enough that a compressed chunk is garbage soon after its events are parsed: a 1 MiB one
 * inflates to many MiB of events and outlives young-generation collections, holding memory until a full GC.
 */
export async function* fileChunks(path: string, chunkSize = 256 << 10, start = 0): AsyncGenerator<Uint8Array> {
  const fh = await fsp.open(path, 'r');
  try {
    let at = start;
    for (;;) {
      const buf = Buffer.allocUnsafe(chunkSize);
      // Sequential reads (position null) from the start, so pipes and character devices still work.
      const { bytesRead } = await fh.read(buf, 0, chunkSize, start === 0 ? null : at);
      if (bytesRead === 0) return;
      at += bytesRead;
      yield bytesRead === chunkSize ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/**
 * Read a capture file (plain or gzip, sniffed) in chunks: memory stays flat whatever the file size.
 * Never throws for bad or missing files: the summary carries the diagnostics.
 */
export async function readCaptureFile(
  path: string,
  handler: ScapHandler,
  options: ReadOptions & { chunkSize?: number; onChunk?: () => void | Promise<void> } = {},
): Promise<ReadSummary> {
  const fileName = options.fileName ?? path;
  try {
    const st = await fsp.stat(path);
    if (!st.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'EISDIR' });
    return await readCaptureStream(fileChunks(path, options.chunkSize), handler, { ...options, fileName });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const d = scapDiagnostic('SCAP_IO', 'error', `cannot read capture: ${msg}`, fileName);
    handler.diagnostic?.(d);
    return { ...emptyReadSummary(), stopped: 'error', diagnostics: [d] };
  }
}

/** A ScapWriter bound to a file (gzip-compressed when asked), with back-pressure and a close that waits. */
export class ScapFileWriter {
  readonly writer: ScapWriter;
  private readonly done: Promise<unknown>;
  private readonly head: NodeJS.WritableStream;

  private constructor(path: string, options: WriterOptions & { gzip?: boolean; level?: number }) {
    const file = createWriteStream(path);
    let head: NodeJS.WritableStream = file;
    if (options.gzip) {
      const gz = createGzip({ level: options.level ?? 6 });
      gz.pipe(file);
      head = gz;
    }
    this.head = head;
    this.done = once(file, 'close');
    this.writer = new ScapWriter((chunk) => head.write(chunk), options);
  }

  static open(path: string, options: WriterOptions & { gzip?: boolean; level?: number } = {}): ScapFileWriter {
    return new ScapFileWriter(path, options);
  }

  /** Wait until the file has taken what was written so far (call now and then when writing a lot). */
  async ready(): Promise<void> {
    this.writer.flush();
    if (this.writer.needsDrain) {
      await once(this.head as unknown as NodeJS.EventEmitter, 'drain');
      this.writer.needsDrain = false;
    }
  }

  /** Finish the capture and wait for the file to be complete. */
  async close(): Promise<void> {
    this.writer.end();
    this.head.end();
    await this.done;
  }
}

/** Write a whole capture file with `build`; gzip when `gzip` is set. */
export async function writeCaptureFile(
  path: string,
  build: (w: ScapWriter) => void | Promise<void>,
  options: WriterOptions & { gzip?: boolean; level?: number } = {},
): Promise<void> {
  const f = ScapFileWriter.open(path, options);
  await build(f.writer);
  await f.close();
}
