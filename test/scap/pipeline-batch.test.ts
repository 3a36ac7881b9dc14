// The hand-over of the worker pipeline without a worker: what a decoder delivers, packed by BatchWriter after
// every chunk, moved with structuredClone, its buffers shared (as postMessage does), then delivered by
// BatchReader, reaches a handler exactly as a direct read does: same calls, same order, same bytes, and a
// handler that stops mid-batch sees the reader's counts as they were at that event.
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BatchReader, BatchWriter, CURRENT_SCHEMA, readCaptureStream, ScapEvent, type Batch, type ReadOptions, type ReadSummary, type ScapDecoder, type ScapHandler } from '../helpers/scap.js';
import { fixturePath } from '../helpers/paths.js';

const json = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? Buffer.from(x).toString('hex') : x));

/** Every handler call as one line; `stopAt` makes `event` return false at that event number. */
function recorder(log: string[], stopAt = -1): ScapHandler {
  const rec = (kind: string) => (x: unknown) => void log.push(`${kind} ${json(x)}`);
  return {
    section: rec('section'),
    machineInfo: rec('machine'),
    iface: rec('iface'),
    user: rec('user'),
    group: rec('group'),
    thread: rec('thread'),
    fd: rec('fd'),
    diagnostic: rec('diagnostic'),
    event: (e: ScapEvent) => {
      const params: string[] = [];
      for (let i = 0; i < e.nparams; i++) params.push(`${e.paramOffset(i) - e.off}:${Buffer.from(e.paramBytes(i) ?? []).toString('hex')}`);
      const head = [e.num, e.tsHi, e.tsLo, e.tid, e.cpu, e.type, e.len, e.nparams, e.hdrLen, e.lenSize, e.flags, e.blockType, e.blockOffset, e.section, e.converted, e.legacyOnly, e.schema.id];
      log.push(`event ${head.join(',')} ${params.join(' ')}`);
      return e.num === stopAt ? false : undefined;
    },
  };
}

function* chunks(data: Uint8Array, size: number): Generator<Uint8Array> {
  for (let o = 0; o < data.length; o += size) yield data.subarray(o, Math.min(o + size, data.length));
}

/** Read through BatchWriter, moving each batch as postMessage would; returns the batches and the summary. */
async function batched(data: Uint8Array, size: number, options: ReadOptions): Promise<{ batches: Batch[]; summary: ReadSummary; chunks: number }> {
  let dec: ScapDecoder | undefined;
  const writer = new BatchWriter(
    () => dec as ScapDecoder,
    256, // small initial buffers: growing them is part of the test
    16,
  );
  const batches: Batch[] = [];
  const given = new Set<SharedArrayBuffer>();
  const move = (): void => {
    const batch = writer.take(0);
    // Event bytes are never handed over twice: views of a delivered batch's bytes may outlive it.
    expect(given.has(batch.data)).toBe(false);
    given.add(batch.data);
    const moved = structuredClone(batch);
    // Shared, not copied nor transferred (a transfer would detach the writer's buffer).
    for (const k of ['data', 'recs', 'f64'] as const) expect(moved[k]).toBeInstanceOf(SharedArrayBuffer);
    expect(moved.data.byteLength).toBe(batch.data.byteLength);
    if (batch.data.byteLength > 0) {
      const view = new Uint8Array(batch.data);
      const was = view[0] as number;
      view[0] = was ^ 0xff;
      expect(new Uint8Array(moved.data)[0]).toBe(was ^ 0xff);
      view[0] = was;
    }
    batches.push(moved);
  };
  let n = 0;
  const summary = await readCaptureStream(chunks(data, size), writer.handler(), {
    ...options,
    onStart: (d) => (dec = d),
    onChunk: () => {
      n++;
      move();
    },
  });
  move();
  return { batches, summary, chunks: n };
}

async function direct(data: Uint8Array, size: number, options: ReadOptions, stopAt = -1): Promise<{ log: string[]; summary: ReadSummary; chunks: number }> {
  const log: string[] = [];
  let n = 0;
  const summary = await readCaptureStream(chunks(data, size), recorder(log, stopAt), { ...options, onChunk: () => void n++ });
  return { log, summary, chunks: n };
}

const captures = ['demo-payments-api-shell.scap', 'shell-redirect-copy-exec.scap', 'shell-redirect-copy-exec.current.scap'].map((f) => ({
  name: f,
  data: new Uint8Array(readFileSync(fixturePath('recorded', f))),
}));
const modes: [string, ReadOptions][] = [
  ['as in the file', {}],
  ['converted', { convert: true }],
  ['converted, enter events kept', { convert: true, keepEnterEvents: true }],
];

describe('worker pipeline hand-over (BatchWriter → BatchReader)', () => {
  for (const c of captures) {
    for (const [mode, opts] of modes) {
      it(`delivers ${c.name} ${mode} exactly as a direct read, chunk by chunk`, async () => {
        for (const size of [4096, 1 << 20]) {
          const want = await direct(c.data, size, { ...opts, fileName: c.name });
          const got = await batched(c.data, size, { ...opts, fileName: c.name });
          expect(got.chunks).toBe(want.chunks);
          expect(got.batches.length).toBe(want.chunks + 1);
          const log: string[] = [];
          const reader = new BatchReader(recorder(log), new ScapEvent(), CURRENT_SCHEMA);
          for (const b of got.batches) expect(reader.deliver(b)).toBeUndefined();
          expect(log.length).toBeGreaterThan(100);
          expect(log).toEqual(want.log);
          expect(json(got.summary)).toBe(json(want.summary));
        }
      });
    }
  }

  it('record buffers given back after each delivery are filled again, and the deliveries stay exact', async () => {
    const c = captures[1] as { name: string; data: Uint8Array };
    // Uncompressed, so that 1 KiB chunks make many batches.
    const data = c.data[0] === 0x1f ? new Uint8Array(gunzipSync(c.data)) : c.data;
    for (const opts of [{ convert: true }, {}]) {
      const want = await direct(data, 1024, opts);
      let dec: ScapDecoder | undefined;
      // Room for every chunk's records from the start: no batch grows, so each can reuse a given-back buffer.
      const writer = new BatchWriter(() => dec as ScapDecoder, 256, 4096);
      const log: string[] = [];
      const reader = new BatchReader(recorder(log), new ScapEvent(), CURRENT_SCHEMA);
      let reused = 0;
      let batches = 0;
      const given = new Set<SharedArrayBuffer>();
      const move = (): void => {
        const batch = writer.take(0);
        batches++;
        if (given.has(batch.recs)) reused++;
        const moved = structuredClone(batch);
        expect(reader.deliver(moved)).toBeUndefined();
        // As the main thread does with a credit: the delivered batch's record buffers go back.
        writer.recycle({ recs: moved.recs, f64: moved.f64 });
        given.add(moved.recs);
      };
      await readCaptureStream(chunks(data, 1024), writer.handler(), { ...opts, onStart: (d) => (dec = d), onChunk: move });
      move();
      expect(log.length).toBeGreaterThan(100);
      expect(log).toEqual(want.log);
      // The first two batches have fresh buffers; every later one takes the buffers given back before it.
      expect(batches).toBeGreaterThan(10);
      expect(reused).toBe(batches - 2);
    }
  });

  it('carries the diagnostics of a damaged gzip capture in order, after the events before the damage', async () => {
    const c = captures[0] as { name: string; data: Uint8Array };
    const gz = gzipSync(c.data);
    const cut = gz.subarray(0, Math.floor(gz.length * 0.6));
    const want = await direct(cut, 8192, { convert: true, fileName: 'cut.scap.gz' });
    const got = await batched(cut, 8192, { convert: true, fileName: 'cut.scap.gz' });
    const log: string[] = [];
    const reader = new BatchReader(recorder(log), new ScapEvent(), CURRENT_SCHEMA);
    for (const b of got.batches) reader.deliver(b);
    expect(want.log.filter((l) => l.startsWith('diagnostic')).length).toBeGreaterThan(0);
    expect(log).toEqual(want.log);
    expect(reader.diagnostics.map((d) => d.code)).toEqual(want.summary.diagnostics.map((d) => d.code));
  });

  it('a handler that stops mid-batch sees the counts of a direct read stopped at the same event', async () => {
    const c = captures[1] as { name: string; data: Uint8Array };
    const all = (await direct(c.data, 1 << 20, { convert: true })).summary.events;
    let joined = 0;
    expect(all).toBeGreaterThan(100);
    for (const [size, stopAt] of [
      // Every event with small chunks (some stop inside a block carried over from the chunk before).
      ...Array.from({ length: all }, (_, k) => [4096, k + 1] as const),
      ...[1, 57, all - 1].map((k) => [1 << 20, k] as const),
    ]) {
      const want = await direct(c.data, size, { convert: true }, stopAt);
      expect(want.summary.stopped).toBe('handler');
      const got = await batched(c.data, size, { convert: true });
      const log: string[] = [];
      const reader = new BatchReader(recorder(log, stopAt), new ScapEvent(), CURRENT_SCHEMA);
      let stop;
      for (const b of got.batches) {
        if ((stop = reader.deliver(b))) {
          if (stop.counts.bytes === b.start && b.start !== b.end.bytes) joined++;
          break;
        }
      }
      expect(stop).toBeDefined();
      expect(log).toEqual(want.log);
      const s = want.summary;
      const counts = stop?.counts;
      expect(counts).toEqual({
        bytes: s.bytes,
        events: s.events,
        unknownEvents: s.unknownEvents,
        badEvents: s.badEvents,
        droppedEvents: s.droppedEvents,
        sections: s.sections,
        blocks: s.blocks,
        suppressedDiagnostics: s.suppressedDiagnostics,
      });
      if (stopAt > 57) expect(counts?.droppedEvents).toBeGreaterThan(0);
    }
    expect(joined).toBeGreaterThan(0);
  });
});
