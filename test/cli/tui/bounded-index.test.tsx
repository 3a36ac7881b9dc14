// The event index the TUI reads after its replay: it stops where a bounded replay (-M) stopped, counts the
// views' events there (the same counts the replay would have taken), offers no event past that point, and a
// read that cannot get there says so on the status line (capture and offset, escaped) instead of waiting.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { eventsAround } from '../../../src/cli/tui/around.js';
import { AlertStore } from '../../../src/cli/tui/model.js';
import { buildIndex } from '../../../src/cli/tui/run-tui.js';
import { current, reduce, type Action, type TuiState } from '../../../src/cli/tui/state.js';
import { TuiView } from '../../../src/cli/tui/view.js';
import { Aggregator, observingInspector } from '../../../src/cli/tui/views-data.js';
import { EventIndex, FieldRegistry, Inspector, Replay } from '../../../src/engine/index.js';
import { fileChunks, readCaptureFile } from '../../../src/scap/index.js';
import { fixturePath } from '../../helpers/paths.js';
import { fixedStore, stateOf } from './fixture.js';

afterEach(() => cleanup());

const RULES = '- rule: Any open\n  desc: d\n  condition: evt.type in (open, openat, openat2)\n  output: open %fd.name\n  priority: INFO\n';

/** Raw control characters and bidi controls a terminal would act on. */
// eslint-disable-next-line no-control-regex -- the point of the test
const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The recorded fixture as a plain capture (so the index reads it from checkpoints). */
function plainFixture(): { file: string; bytes: Buffer } {
  const raw = readFileSync(fixturePath('recorded', 'shell-redirect-copy-exec.current.scap'));
  const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
  const file = join(mkdtempSync(join(tmpdir(), 'bounded-')), 'plain.scap');
  writeFileSync(file, bytes);
  return { file, bytes };
}

/** Capture time of every event, in order. */
async function times(file: string): Promise<bigint[]> {
  const insp = new Inspector(new FieldRegistry(), { zoneSeconds: 0 });
  const out: bigint[] = [];
  await readCaptureFile(file, { ...insp.stateHandler, event: (e) => void out.push(e.ts) }, insp.readOptions);
  return out;
}

const newStore = (): AlertStore => new AlertStore([], { title: 'bounded', totalBytes: 1, zoneSeconds: 0 });

describe('the event index after a bounded replay', () => {
  it('stops at the replay’s last event, counts the events the replay read, and offers none past it', async () => {
    const { file } = plainFixture();
    const ts = await times(file);
    const first = ts[0] as bigint;
    // -M: stop after the capture time of the middle event.
    const limit = Number((ts[Math.floor(ts.length / 2)] as bigint) - first);
    const live = new Aggregator();
    const replay = new Replay({
      rules: [{ name: 'r.yaml', content: RULES }],
      captures: [{ name: file, open: () => fileChunks(file, 4096) }],
      zoneSeconds: 0,
      stopAfterNanos: limit,
      inspector: (registry, o) => observingInspector(new Inspector(registry, o), live),
    });
    for await (const _ of replay.alerts()) {
      // Counted by the aggregator.
    }
    const last = replay.summary?.captures[0]?.lastEvent ?? 0;
    expect(last).toBeGreaterThan(10);
    expect(last).toBeLessThan(ts.length);

    const registry = new FieldRegistry();
    const index = new EventIndex({ name: file, openAt: (o) => fileChunks(file, 4096, o), inspector: () => new Inspector(registry, { zoneSeconds: 0 }) }, { checkpointEvery: 8 });
    const store = newStore();
    const counted = new Aggregator();
    await buildIndex(index, store, counted, last);
    expect(index.events).toBe(last);
    expect(index.last).toBe(last);
    expect(index.failure).toBeUndefined();
    expect(store.snapshot().index).toEqual({ state: 'ready', events: last, last, counting: true });
    // The views' counts taken by the index's read are the live replay's.
    expect(counted.facts()).toEqual(live.facts());
    expect(counted.facts().processes.length).toBeGreaterThan(0);

    // Around the last event: nothing after it is listed; an event past it is refused.
    const around = await eventsAround(index, last, 'all');
    expect(around.at).toBeGreaterThanOrEqual(0);
    expect(around.lines.at(-1)?.num).toBe(last);
    expect(Math.max(...around.lines.map((l) => l.num))).toBe(last);
    await expect(index.visit(last + 1, last + 1, () => undefined)).rejects.toThrow(`event ${last + 1} is past the last event the replay read (${last})`);
    await expect(eventsAround(index, last + 5, 'all')).rejects.toThrow(/past the last event/);
  });

  it('goes to no event past the replay’s last one from the around screen', () => {
    const store = fixedStore();
    store.indexStatus({ state: 'ready', events: 500, last: 500, counting: true });
    const go = (text: string): TuiState =>
      [{ type: 'around' } as Action, { type: 'promptStart', kind: 'goto' } as Action, { type: 'promptInput', text } as Action, { type: 'promptCommit' } as Action].reduce(
        reduce,
        stateOf(store, { cols: 100, rows: 30 }, { type: 'open' }, { type: 'open' }, { type: 'open' }),
      );
    const past = go('501');
    expect(past.notice).toBe('event 501 is past the last event the replay read (500)');
    expect(current(past)).toMatchObject({ kind: 'around', center: 100 });
    expect(current(go('500'))).toMatchObject({ kind: 'around', center: 500 });
  });

  it('says on the status line when its read stops short, naming the capture and offset (escaped), and the screens say the index is unavailable', async () => {
    const { file, bytes } = plainFixture();
    const total = (await times(file)).length;
    // The capture as the index finds it: cut in the middle (changed on disk since the replay, damaged, …).
    const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
    const name = 'cap\x1b]0;pwned\x07\u202e.scap';
    const registry = new FieldRegistry();
    const index = new EventIndex({ name, openAt: (o) => [cut.subarray(o)], inspector: () => new Inspector(registry, { zoneSeconds: 0 }) }, { checkpointEvery: 8 });
    const store = newStore();
    store.finish({ events: total }, 10);
    await buildIndex(index, store, new Aggregator(), total);
    const failure = index.failure;
    expect(failure?.code).toBe('INDEX_READ');
    expect(failure?.location?.file).toBe(name);
    expect(failure?.location?.offset).toBeGreaterThan(0);
    expect(failure?.location?.offset).toBeLessThanOrEqual(cut.length);
    expect(index.events).toBeLessThan(total);
    const st = store.snapshot().index;
    expect(st?.state).toBe('failed');
    expect(st?.message).toContain(`offset ${failure?.location?.offset}`);
    expect(st?.message).toContain(`events after ${index.events} cannot be opened`);
    expect(st?.message).not.toMatch(RAW);
    expect(st?.message).toContain('cap\\x1b]0;pwned\\x07');

    // Events it did record still open; later ones are refused with the reason, never waited for.
    await expect(eventsAround(index, 3, 'all')).resolves.toMatchObject({ center: 3 });
    await expect(index.visit(index.events + 1, index.events + 1, () => undefined)).rejects.toThrow(/the event index is unavailable after event/);

    // The status line leads with it; the views say their counts stop there.
    let s = stateOf(store, { cols: 200, rows: 24 });
    const top = render(<TuiView s={s} />).lastFrame() ?? '';
    expect(top).toContain('event index: cap\\x1b]0;pwned\\x07');
    expect(top).not.toMatch(RAW);
    cleanup();
    s = reduce(s, { type: 'pickView' });
    s = reduce(s, { type: 'open' });
    const view = render(<TuiView s={s} />).lastFrame() ?? '';
    expect(view).toContain(`Event counts stop at event ${index.events.toLocaleString('en-US')}`);
  });

  it('keeps an exception of its read as its failure, with the offset the reader had reached, and does not hang a waiting read', async () => {
    const { file } = plainFixture();
    const registry = new FieldRegistry();
    const index = new EventIndex({ name: file, openAt: (o) => fileChunks(file, 4096, o), inspector: () => new Inspector(registry, { zoneSeconds: 0 }) }, { checkpointEvery: 8 });
    let offset = -1;
    const building = index.build({
      observe: (ctx) => {
        if (ctx.event.num !== 20) return;
        offset = ctx.event.blockOffset;
        throw new Error('boom');
      },
    });
    // Asked for before the build passed event 30: released when the build stops, refused with the reason.
    const waiting = index.visit(30, 30, () => undefined);
    await building;
    await expect(waiting).rejects.toThrow(/unavailable after event 19: .*offset \d+: .*boom/);
    expect(index.failure).toMatchObject({ code: 'INDEX_READ', location: { file } });
    expect(index.failure?.message).toContain('boom');
    // The reader reports where it was: at or after the block of the event.
    expect(index.failure?.location?.offset).toBeGreaterThanOrEqual(offset);
    expect(offset).toBeGreaterThan(0);
  });

  it('shows the reason on an around screen whose read failed instead of waiting', () => {
    let s = stateOf(fixedStore(), { cols: 160, rows: 30 }, { type: 'open' }, { type: 'open' }, { type: 'open' }, { type: 'around' });
    const screen = current(s);
    expect(render(<TuiView s={s} />).lastFrame()).toContain('events around: reading the capture…');
    cleanup();
    s = reduce(s, { type: 'readFailed', screen, text: 'could not read the capture: the event index is unavailable after event 7' as never });
    const f = render(<TuiView s={s} />).lastFrame() ?? '';
    expect(f).toContain('events around: not available: could not read the capture: the event index is unavailable after event 7');
    expect(f).not.toContain('reading the capture…');
  });

  it('counts while it reads: the views say how far, and before the replay is over that they wait for it', () => {
    const store = fixedStore();
    store.indexStatus({ state: 'pending', events: 0, last: 0, counting: true });
    const view = (): string => {
      const s = stateOf(store, { cols: 120, rows: 30 }, { type: 'pickView' }, { type: 'open' });
      const f = render(<TuiView s={s} />).lastFrame() ?? '';
      cleanup();
      return f;
    };
    expect(view()).toContain('Event counts are taken once the replay is over (alert counts are live).');
    store.indexStatus({ state: 'reading', events: 2500, last: 10_000, counting: true });
    expect(view()).toContain('Still counting events: 25% of the capture read; the counts shown are partial.');
    const s = stateOf(store, { cols: 100, rows: 30 });
    expect(render(<TuiView s={s} />).lastFrame()).toContain('— counting events for the views: 25%');
    store.indexStatus({ state: 'ready', events: 10_000, last: 10_000, counting: true });
    expect(view()).not.toContain('counting');
  });
});
