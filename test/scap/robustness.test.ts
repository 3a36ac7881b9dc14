// Hostile input: on any bytes the reader returns (never throws), stops, reports typed diagnostics with byte
// offsets, and delivers every event before the damage. Mutation fuzzing holds the contract.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BT, readCaptureBuffer, readCaptureStream, SCAP_CODES, type ReadSummary, type ScapEvent } from '../helpers/scap.js';
import { O, Scenario } from '../helpers/scenario.js';
import { block, eventV2, evBlock, shb, u64le } from '../helpers/bytes.js';
import { sharedPath } from '../helpers/paths.js';

function seedCapture(): Buffer {
  const s = new Scenario();
  const p = s.process({ pid: 10, comm: 'bash', fds: [{ fd: 3, kind: 'tcp', local: '10.0.0.1:1000', remote: '10.0.0.2:80' }] });
  const c = p.clone();
  c.execve('/usr/bin/curl', ['curl', 'http://x'], {});
  const fd = c.open('/etc/hosts', O.RDONLY);
  c.read(fd, 'a'.repeat(300));
  c.close(fd);
  const so = c.socket();
  c.connect(so, '1.2.3.4:80');
  c.exit();
  s.pluginEvent(999, 'x'.repeat(500));
  return s.toBuffer();
}

/** Read and touch every parameter of every event the way a consumer would; returns fingerprints. */
function consume(data: Uint8Array): { summary: ReadSummary; events: string[] } {
  const events: string[] = [];
  const summary = readCaptureBuffer(data, {
    event: (e: ScapEvent) => {
      const vals: unknown[] = [];
      for (let i = 0; i < e.nparams; i++) vals.push(e.paramValue(i));
      events.push(`${e.num}:${e.tsText()}:${e.type}:${e.nparams}:${e.len}`);
    },
  });
  return { summary, events };
}

function checkContract(data: Uint8Array, summary: ReadSummary): void {
  for (const d of summary.diagnostics) {
    expect(Object.keys(SCAP_CODES)).toContain(d.code);
    if (d.severity === 'error' && d.code !== 'SCAP_GZIP' && d.code !== 'SCAP_EMPTY') {
      expect(typeof d.location?.offset).toBe('number');
      expect(d.location?.offset).toBeGreaterThanOrEqual(0);
      expect(d.location?.offset).toBeLessThanOrEqual(Math.max(summary.bytes, data.length));
    }
  }
  // Reading ended either cleanly or with an error diagnostic explaining why.
  if (!summary.complete) expect(summary.diagnostics.some((d) => d.severity === 'error')).toBe(true);
}

describe('truncated captures', () => {
  const data = seedCapture();
  const full = consume(data);

  it('deliver a prefix of the events at every cut, with SCAP_TRUNCATED and the offset of the cut block', () => {
    expect(full.summary.complete).toBe(true);
    for (let cut = 0; cut < data.length; cut++) {
      const r = consume(data.subarray(0, cut));
      checkContract(data, r.summary);
      expect(full.events.slice(0, r.events.length)).toEqual(r.events);
      const codes = r.summary.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
      if (cut === 0) expect(codes).toEqual(['SCAP_EMPTY']);
      else if (!r.summary.complete) expect(codes).toEqual(['SCAP_TRUNCATED']);
    }
  });

  it('deliver every event before the cut of a gzip stream cut short, and report the gzip error', async () => {
    const gz = readFileSync(sharedPath('captures', 'connect_localhost.scap'));
    const all = consume(gunzipSync(gz));
    // connect_localhost.scap starts with ~150 kB of process and fd lists; cut inside its events.
    for (const frac of [0.9, 0.97, 0.99]) {
      const cut = gz.subarray(0, Math.floor(gz.length * frac));
      const r = consume(cut);
      expect(r.summary.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['SCAP_GZIP']));
      expect(r.events.length).toBeGreaterThan(0);
      expect(all.events.slice(0, r.events.length)).toEqual(r.events);
      // The streaming reader (used for files) recovers the same events.
      const streamed: string[] = [];
      const s = await readCaptureStream([cut.subarray(0, 1000), cut.subarray(1000)], { event: (e) => void streamed.push(`${e.num}:${e.tsText()}:${e.type}:${e.nparams}:${e.len}`) });
      expect(s.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['SCAP_GZIP']));
      expect(streamed).toEqual(r.events);
    }
  });
});

describe('read errors', () => {
  it('report SCAP_IO and keep the events read before, plain and gzip', async () => {
    const data = seedCapture();
    const all = consume(data).events;
    for (const bytes of [data, gzipSync(data)]) {
      async function* failing(): AsyncGenerator<Uint8Array> {
        yield bytes.subarray(0, Math.floor(bytes.length * 0.7));
        throw new Error('EIO: disk went away');
      }
      const got: string[] = [];
      const s = await readCaptureStream(failing(), { event: (e) => void got.push(`${e.num}:${e.tsText()}:${e.type}:${e.nparams}:${e.len}`) });
      expect(s.diagnostics.map((d) => d.code)).toContain('SCAP_IO');
      expect(got.length).toBeGreaterThan(0);
      expect(all.slice(0, got.length)).toEqual(got);
    }
  });
});

describe('hostile headers', () => {
  const ev = evBlock(BT.EV_V2, 0, eventV2({ ts: 1n, tid: 1, type: 234, params: [u64le(0), u64le(0)] }));
  const cases: [string, Buffer, string, number | undefined][] = [
    ['empty file', Buffer.alloc(0), 'SCAP_EMPTY', 0],
    ['not a capture', Buffer.from('GIF89a-not-a-capture'), 'SCAP_NOT_SCAP', 0],
    ['wrong magic', Buffer.concat([shb().fill(0x55, 8, 12), ev]), 'SCAP_BAD_MAGIC', 8],
    ['big-endian magic', (() => { const b = shb(); b.writeUInt32BE(0x1a2b3c4d, 8); return Buffer.concat([b, ev]); })(), 'SCAP_BIG_ENDIAN', 8],
    ['major version 2', Buffer.concat([shb({ major: 2 }), ev]), 'SCAP_VERSION', 12],
    ['zero block length', Buffer.concat([shb(), Buffer.from([0x16, 2, 0, 0, 0, 0, 0, 0]), ev]), 'SCAP_BAD_BLOCK_LENGTH', 32],
    ['huge block length', Buffer.concat([shb(), ev, Buffer.from([0x16, 2, 0, 0, 0xf0, 0xff, 0xff, 0xff])]), 'SCAP_BAD_BLOCK_LENGTH', 28 + ev.length + 4],
    ['trailer mismatch on metadata', Buffer.concat([shb(), block(BT.MI, Buffer.alloc(180), { trailer: 7 }), ev]), 'SCAP_TRAILER_MISMATCH', 28 + 188],
    ['oversized normal event block', Buffer.concat([shb(), ev, block(BT.EV_V2, Buffer.alloc(70000), { trailer: 1 })]), 'SCAP_BAD_BLOCK_LENGTH', 28 + ev.length + 4],
    ['block longer than the file', Buffer.concat([shb(), ev, Buffer.from([0x16, 2, 0, 0, 0, 0, 0, 1]), Buffer.alloc(100)]), 'SCAP_TRUNCATED', 28 + ev.length],
  ];
  for (const [name, data, code, offset] of cases) {
    it(`${name} → ${code}${offset === undefined ? '' : ` at offset ${offset}`}`, () => {
      const r = consume(data);
      checkContract(data, r.summary);
      const errors = r.summary.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => [d.code, d.location?.offset])).toEqual([[code, offset]]);
    });
  }

  it('keeps the events before a fatal error', () => {
    const data = Buffer.concat([shb(), ev, ev, Buffer.from([0x16, 2, 0, 0, 3, 0, 0, 0]), ev]);
    const r = consume(data);
    expect(r.events).toHaveLength(2);
    expect(r.summary.stopped).toBe('error');
  });

  it('does not allocate for lengths the data does not back (a 60 MB block claim in a small file)', () => {
    const data = Buffer.concat([shb(), ev, Buffer.from([0x21, 2, 0, 0, 0, 0, 0xc0, 0x03]), Buffer.alloc(64)]);
    const before = process.memoryUsage().arrayBuffers;
    const r = consume(data);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    expect(r.summary.diagnostics.map((d) => d.code)).toEqual(['SCAP_TRUNCATED']);
  });

  it('rejects absurd parameter counts without allocating for them', () => {
    const e = eventV2({ ts: 1n, tid: 1, type: 322, params: [], nparams: 5000, lenSize: 4 });
    const padded = Buffer.concat([e, Buffer.alloc(5000 * 4)]);
    padded.writeUInt32LE(padded.length, 16);
    const r = consume(Buffer.concat([shb(), evBlock(BT.EV_V2_LARGE, 0, padded), ev]));
    expect(r.events).toHaveLength(1);
    expect(r.summary.diagnostics.map((d) => d.code)).toEqual(['SCAP_BAD_EVENT']);
  });
});

describe('mutation fuzzing', () => {
  const seeds = [seedCapture(), gunzipSync(readFileSync(sharedPath('captures', 'syscall.scap'))).subarray(0, 60_000)];
  const hostile = [0, 1, 0xff, 0x7f, 0x80];

  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.constantFrom(...hostile) }),
    fc.record({ kind: fc.constant('u32' as const), at: fc.nat(), value: fc.constantFrom(0, 1, 11, 12, 0xffff, 0x10000, 0x7fffffff, 0xffffffff) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 32 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  );

  type Mutation = { kind: string; at: number; bit?: number; value?: number; n?: number; bytes?: Uint8Array };

  function mutate(seed: Buffer, ms: Mutation[]): Buffer {
    let b = Buffer.from(seed);
    for (const m of ms) {
      if (b.length === 0) break;
      const at = m.at % b.length;
      switch (m.kind) {
        case 'flip':
          b[at] = (b[at] as number) ^ (1 << (m.bit as number));
          break;
        case 'set':
          b[at] = m.value as number;
          break;
        case 'u32':
          if (at + 4 <= b.length) b.writeUInt32LE(m.value as number, at);
          break;
        case 'delete':
          b = Buffer.concat([b.subarray(0, at), b.subarray(at + (m.n as number))]);
          break;
        case 'insert':
          b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes as Uint8Array), b.subarray(at)]);
          break;
        case 'truncate':
          b = b.subarray(0, at);
          break;
      }
    }
    return b;
  }

  it('never throws, always explains, and reads the same through any chunking (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.boolean(),
        async (si, ms, chunk, gz) => {
          const plain = mutate(seeds[si] as Buffer, ms);
          const data = gz ? gzipSync(plain) : plain;
          const whole = consume(data);
          checkContract(data, whole.summary);
          const chunks: Uint8Array[] = [];
          for (let i = 0; i < data.length; i += chunk) chunks.push(data.subarray(i, i + chunk));
          const streamed: string[] = [];
          const s = await readCaptureStream(chunks, {
            event: (e) => {
              for (let i = 0; i < e.nparams; i++) e.paramValue(i);
              streamed.push(`${e.num}:${e.tsText()}:${e.type}:${e.nparams}:${e.len}`);
            },
          });
          expect(streamed).toEqual(whole.events);
          expect(s.diagnostics.map((d) => [d.code, d.location?.offset])).toEqual(whole.summary.diagnostics.map((d) => [d.code, d.location?.offset]));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps decoding the same capture correctly after hostile ones (no shared state)', () => {
    const good = consume(seeds[0] as Buffer);
    consume(mutate(seeds[0] as Buffer, [{ kind: 'u32', at: 40, value: 0xffffffff }]));
    expect(consume(seeds[0] as Buffer).events).toEqual(good.events);
  });
});
