// A damaged gzip capture still delivers every byte inflated before the damage, then reports it with its offset.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCaptureStream } from '../../src/scap/index.js';
import { sharedPath } from '../helpers/paths.js';

const gz = readFileSync(sharedPath('captures', 'curl_google.scap')); // stored gzip-compressed: 1,536 events (sysdig shows 1,221 of them)

async function read(bytes: Buffer, chunk = 1 << 20): Promise<{ events: number; codes: string[]; messages: string[] }> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  let events = 0;
  const s = await readCaptureStream(chunks, { event: () => void events++ });
  const errors = s.diagnostics.filter((d) => d.severity === 'error');
  return { events, codes: errors.map((d) => d.code), messages: errors.map((d) => d.message) };
}

describe('gzip damage after the data loses nothing', () => {
  it('the intact file gives every event', async () => {
    expect(await read(gz)).toEqual({ events: 1536, codes: [], messages: [] });
  });

  it('junk after the gzip stream: every event, then the error with the compressed offset', async () => {
    const r = await read(Buffer.concat([gz, Buffer.from('JUNK')]));
    expect(r.events).toBe(1536);
    expect(r.codes).toEqual(['SCAP_GZIP']);
    expect(r.messages[0]).toContain(`junk after the end of the gzip stream (1 member read) at compressed byte ${gz.length}`);
  });

  it('zero padding after the stream is accepted silently, as gzip does', async () => {
    expect(await read(Buffer.concat([gz, Buffer.alloc(512)]))).toEqual({ events: 1536, codes: [], messages: [] });
  });

  it('a bad CRC: every event, then a CRC error at the trailer', async () => {
    const bad = Buffer.from(gz);
    bad[bad.length - 8] = (bad[bad.length - 8] as number) ^ 1;
    const r = await read(bad);
    expect(r.events).toBe(1536);
    expect(r.messages).toEqual([`gzip CRC-32 mismatch: the data is damaged at compressed byte ${gz.length - 8}; everything before it was read`]);
  });

  it('a missing trailer, read in tiny chunks: every event, then the error', async () => {
    const r = await read(gz.subarray(0, gz.length - 8), 7);
    expect(r.events).toBe(1536);
    expect(r.codes).toEqual(['SCAP_GZIP']);
  });

  it('multi-member gzip is one stream', async () => {
    const plain = (await import('node:zlib')).gunzipSync(gz);
    const half = Math.floor(plain.length / 2);
    const two = Buffer.concat([gzipSync(plain.subarray(0, half)), gzipSync(plain.subarray(half))]);
    expect(await read(two, 4096)).toEqual({ events: 1536, codes: [], messages: [] });
  });
});
