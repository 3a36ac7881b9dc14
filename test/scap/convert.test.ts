// The converter (libs ≥ 0.20 semantics): old layouts become current ones, enter events merge into exits.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BT, collectEvents, CURRENT_SCHEMA, EF, EventConverter, Outcome, writeCaptureBuffer, type EventInput, type ScapEvent } from '../helpers/scap.js';
import { eventV1, evBlock, shb, u64le, cstr, u32le } from '../helpers/bytes.js';
import { sharedPath } from '../helpers/paths.js';

const capture = (events: EventInput[]): Buffer =>
  writeCaptureBuffer((w) => {
    w.writeSectionHeader();
    for (const e of events) w.writeEvent(e);
  });

describe('converted mode on real captures', () => {
  it('merges read enter parameters (fd, size) into the 2-parameter read exits of an old capture', () => {
    const data = readFileSync(sharedPath('captures', 'cat_write.scap'));
    const raw = collectEvents(data).events;
    // The enter event each raw read exit follows on its thread.
    const expected: [number, number][] = [];
    const lastEnter = new Map<number, ScapEvent>();
    for (const e of raw) {
      if (e.isEnter) lastEnter.set(e.tid, e);
      else if (e.type === 7) {
        const en = lastEnter.get(e.tid) as ScapEvent;
        expect(en.type).toBe(6);
        expected.push([en.paramInt(0) as number, en.paramInt(1) as number]);
      }
    }
    const conv = collectEvents(data, { convert: true });
    expect(conv.summary.diagnostics).toEqual([]);
    const reads = conv.events.filter((e) => e.type === 7);
    expect(reads.length).toBe(expected.length);
    expect(reads.every((e) => e.converted && e.nparams === 4)).toBe(true);
    expect(reads.map((e) => [e.paramInt(2), e.paramInt(3)])).toEqual(expected);
    // Stored enter events are not delivered; numbering stays dense.
    expect(conv.events.some((e) => e.type === 6)).toBe(false);
    expect(conv.events.map((e) => e.num)).toEqual(conv.events.map((_, i) => i + 1));
  });

  it('converts every shared capture without errors, and every event it delivers matches the current table', () => {
    for (const f of readdirSync(sharedPath('captures'))) {
      const { events, summary } = collectEvents(readFileSync(sharedPath('captures', f)), { convert: true });
      expect([f, summary.diagnostics.filter((d) => d.code === 'SCAP_CONVERT')]).toEqual([f, []]);
      for (const e of events) {
        const info = CURRENT_SCHEMA.events[e.type];
        expect(info?.flags && info.flags & EF.UNUSED).toBeFalsy();
        // Exit events managed by the converter come out with the current parameter count.
        if (!e.isEnter && info && info.flags & EF.CONVERTER_MANAGED) expect([f, e.name, e.nparams]).toEqual([f, e.name, info.params.length]);
        expect(info?.flags && info.flags & EF.OLD_VERSION && !e.isEnter).toBeFalsy();
      }
    }
  });

  it('keeps the enter events for legacy consumers when asked, marked legacyOnly', () => {
    const data = readFileSync(sharedPath('captures', 'curl_google.scap'));
    const raw = collectEvents(data).events;
    const keep = collectEvents(data, { convert: true, keepEnterEvents: true }).events;
    const unused = raw.filter((e) => (CURRENT_SCHEMA.events[e.type]?.flags ?? 0) & EF.UNUSED).length;
    expect(keep.length).toBe(raw.length - unused);
    expect(keep.filter((e) => e.legacyOnly).every((e) => e.isEnter)).toBe(true);
    expect(keep.filter((e) => e.type === 7).every((e) => e.nparams === 4)).toBe(true);
    expect(keep.filter((e) => e.legacyOnly).length).toBeGreaterThan(500);
  });
});

describe('conversion rules', () => {
  it('falls back to default values (or empty ones) when the enter event is missing', () => {
    // read exit with 2 params and no enter: fd and size default to 0 (rule "e"). setuid exit: uid empty (rule "E").
    const { events } = collectEvents(capture([
      { ts: 1n, tid: 5, type: 7, params: [3, 'abc'] },
      { ts: 2n, tid: 5, type: 199, params: [0] },
    ]), { convert: true });
    expect(events.map((e) => [e.name, e.nparams, e.paramInt(2), e.paramInt(3)])).toEqual([['read', 4, 0, 0], ['setuid', 2, undefined, undefined]]);
    expect(events[1]?.paramLength(1)).toBe(0);
  });

  it('does not take parameters from an enter event of another syscall of the thread', () => {
    const { events, summary } = collectEvents(capture([
      { ts: 1n, tid: 5, type: 8, params: [9, 100] }, // write enter, stored
      { ts: 2n, tid: 5, type: 7, params: [3, 'abc'] }, // read exit: enter mismatch → defaults
    ]), { convert: true });
    expect(summary.diagnostics).toEqual([]);
    expect(events.map((e) => [e.name, e.paramInt(2), e.paramInt(3)])).toEqual([['read', 0, 0]]);
  });

  it('walks type changes to the current version: execve v8 exit → current execve exit', () => {
    const { events } = collectEvents(capture([
      { ts: 1n, tid: 5, type: 12, params: [] },
      { ts: 2n, tid: 5, type: 13, params: [0, 'ls', ['-l'], 5, 5, 1, '/tmp', 1024] },
    ]), { convert: true });
    const x = events.find((e) => !e.isEnter) as ScapEvent;
    expect(x.type).toBe(293);
    expect(x.nparams).toBe(CURRENT_SCHEMA.events[293]?.params.length);
    expect([x.paramString(1), x.paramStringList(2), x.paramInt(3), x.paramString(6), x.paramInt(7)]).toEqual(['ls', ['-l'], 5, '/tmp', 1024]);
    expect(x.paramLength(13)).toBe(0); // comm did not exist then: empty
    // The v8 enter event (no parameters) becomes the current enter event with an empty filename, stored and passed.
    expect(events[0]?.type).toBe(292);
  });

  it('builds the container JSON of the oldest container events (228 → 272 → 324)', () => {
    const old = eventV1({ ts: 0n, tid: 0, type: 228, params: [cstr('abc123'), u32le(0), cstr('web'), cstr('nginx:1')] });
    const data = Buffer.concat([shb(), evBlock(BT.EV_V1, 0, old), evBlock(BT.EV_V1, 0, eventV1({ ts: 1n, tid: 1, type: 234, params: [u64le(0), u64le(0)] }))]);
    const { events } = collectEvents(data, { convert: true });
    expect(events[0]?.type).toBe(324);
    expect(events[0]?.lenSize).toBe(4);
    expect(events[0]?.paramString(0)).toBe('{"id":"abc123","type":0,"name":"web","image":"nginx:1"}');
  });

  it('reports unconvertible events and delivers them as stored', () => {
    const { events, summary } = collectEvents(capture([
      { ts: 1n, tid: 5, type: 3, params: [3] }, // open exit with 1 param: no rule
      { ts: 2n, tid: 5, type: 5, params: [0, 3, new Uint8Array([1])] }, // close exit with more params than the table
    ]), { convert: true });
    expect(events.map((e) => [e.type, e.nparams, e.converted])).toEqual([[3, 1, false], [5, 3, false]]);
    expect(summary.diagnostics.map((d) => d.code)).toEqual(['SCAP_CONVERT', 'SCAP_CONVERT']);
    expect(summary.diagnostics[1]?.message).toMatch(/more than the 2/);
  });

  it('is usable standalone, and bounds the enter events it keeps', () => {
    const conv = new EventConverter({ maxStored: 3 });
    const { events } = collectEvents(capture([1, 2, 3, 4, 5].map((tid) => ({ ts: BigInt(tid), tid, type: 6, params: [tid, 10] }))));
    for (const e of events) expect(conv.process(e)).toBe(Outcome.STORED);
    expect(conv.storedCount).toBe(3);
    expect(conv.storedEnter(1)).toBeUndefined();
    expect(conv.storedEnter(5)?.paramInt(0)).toBe(5);
    conv.reset();
    expect(conv.storedCount).toBe(0);
  });
});
