// The event index: offsets read back the same events as a linear read, and the state at any event rebuilt
// from the nearest checkpoint equals the state a full replay had there.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fileChunks, readCaptureFile, type ScapEvent } from '../../src/scap/index.js';
import { EventIndex, FieldRegistry, Inspector, parseOutputFormat, renderField, Replay, SYSCALL_SOURCE } from '../../src/engine/index.js';
import { fixturePath } from '../helpers/paths.js';

const RULES = '- rule: Any open\n  desc: d\n  condition: evt.type in (open, openat, openat2)\n  output: open %fd.name\n  priority: INFO\n';
const LINE = '%evt.num %evt.type %evt.dir %proc.name %proc.cmdline %thread.tid %proc.ppid %fd.num %fd.name %fd.type %user.name %evt.args';

/** Everything the event view shows of an event, as text. */
function fingerprint(insp: Inspector, registry: FieldRegistry): (e: ScapEvent) => string {
  const fmt = parseOutputFormat(LINE, { registry, source: SYSCALL_SOURCE, ...insp.compileOptions });
  return (e) => {
    const line = fmt.tokens.map((t) => (t.kind === 'text' ? t.text : (renderField(t, insp.context, { maxBufLen: 0 }) ?? '<NA>'))).join('');
    return `${e.blockOffset} ${line} ${JSON.stringify(insp.snapshot(), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`;
  };
}

async function linear(file: string): Promise<Map<number, string>> {
  const registry = new FieldRegistry();
  const insp = new Inspector(registry, { zoneSeconds: 0 });
  const fp = fingerprint(insp, registry);
  const out = new Map<number, string>();
  await readCaptureFile(file, { ...insp.stateHandler, event: (e) => void (insp.next(e), out.set(e.num, fp(e))) }, insp.readOptions);
  return out;
}

async function indexed(file: string, checkpointEvery: number, budget?: number): Promise<{ index: EventIndex; registry: FieldRegistry; alerts: number[] }> {
  const registry = new FieldRegistry();
  const index = new EventIndex(
    { name: file, openAt: (offset) => fileChunks(file, 4096, offset), inspector: () => new Inspector(registry, { zoneSeconds: 0 }) },
    { offsetEvery: 16, checkpointEvery, ...(budget !== undefined ? { budget } : {}) },
  );
  const replay = new Replay({ rules: [{ name: 'r.yaml', content: RULES }], captures: [{ name: file, open: () => fileChunks(file, 4096) }], zoneSeconds: 0, index });
  const alerts: number[] = [];
  for await (const a of replay.alerts()) alerts.push(a.evtNum);
  return { index, registry, alerts };
}

/** The fixture as a plain capture (recorded fixtures are gzip, which is re-read from its start). */
function plainCopy(path: string): string {
  const bytes = readFileSync(path);
  const file = join(mkdtempSync(join(tmpdir(), 'idx-')), 'plain.scap');
  writeFileSync(file, bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes);
  return file;
}

describe('event index', () => {
  for (const name of ['demo.scap', 'recorded/demo-payments-api-shell.scap', 'recorded/shell-redirect-copy-exec.current.scap']) {
    it(`re-reads every event of ${name} from its checkpoint with the state of a full replay`, async () => {
      const file = plainCopy(fixturePath(...name.split('/')));
      const want = await linear(file);
      const { index, registry, alerts } = await indexed(file, 10);
      expect(index.events).toBe(want.size);
      expect(index.checkpoints).toBeGreaterThan(3);
      for (const [num, text] of want) {
        let got: string | undefined;
        let fp: ((e: ScapEvent) => string) | undefined;
        await index.visit(num, num, (e, insp) => {
          fp ??= fingerprint(insp, registry);
          if (e.num === num) got = fp(e);
        });
        expect(got, `event ${num}`).toBe(text);
      }
      // Offsets kept (every 16th event and every alert's event) are those of a linear read.
      for (const num of [...alerts, 16, 32, 48]) {
        if (!want.has(num)) continue;
        expect(index.offsetOf(num), `offset of ${num}`).toBe(Number((want.get(num) as string).split(' ')[0]));
      }
      expect(alerts.length).toBeGreaterThan(0);
    });
  }

  it('puts checkpoints off by at most one spacing when they are over their CPU budget, and still re-reads exactly', async () => {
    const file = plainCopy(fixturePath('recorded', 'demo-payments-api-shell.scap'));
    const want = await linear(file);
    const free = (await indexed(file, 10, Number.POSITIVE_INFINITY)).index;
    const { index, registry } = await indexed(file, 10, 0);
    // No budget at all: every checkpoint waits the longest, twice the spacing.
    expect(index.checkpoints).toBeGreaterThan(1);
    expect(index.checkpoints).toBeLessThan(free.checkpoints);
    expect(index.checkpoints).toBeLessThanOrEqual(Math.ceil(want.size / 20));
    for (const num of [1, Math.floor(want.size / 2), want.size]) {
      let got: string | undefined;
      let fp: ((e: ScapEvent) => string) | undefined;
      await index.visit(num, num, (e, insp) => {
        fp ??= fingerprint(insp, registry);
        if (e.num === num) got = fp(e);
      });
      expect(got, `event ${num}`).toBe(want.get(num));
    }
  });

  it('records by a read of its own after the replay (build) the same index a replay records', async () => {
    const file = plainCopy(fixturePath('recorded', 'shell-redirect-copy-exec.current.scap'));
    const want = await linear(file);
    const fromReplay = (await indexed(file, 10, Number.POSITIVE_INFINITY)).index;
    // An index a replay recorded is not recorded again.
    const recorded = fromReplay.checkpoints;
    await fromReplay.build();
    expect(fromReplay.checkpoints).toBe(recorded);
    const registry = new FieldRegistry();
    const opened: number[] = [];
    const index = new EventIndex(
      { name: file, openAt: (offset) => (opened.push(offset), fileChunks(file, 4096, offset)), inspector: () => new Inspector(registry, { zoneSeconds: 0 }) },
      { offsetEvery: 16, checkpointEvery: 10, budget: Number.POSITIVE_INFINITY },
    );
    const building = index.build();
    // Asked for before the build passed it: the read waits for the build, then starts from a checkpoint.
    const last = want.size;
    let early: string | undefined;
    const earlyRead = index.visit(last, last, (e, insp) => void (e.num === last && (early = fingerprint(insp, registry)(e))));
    expect(index.build()).toBe(building);
    await Promise.all([building, earlyRead]);
    expect(early).toBe(want.get(last));
    expect(opened[0]).toBe(0);
    expect(opened[1]).toBeGreaterThan(0);
    expect(index.events).toBe(want.size);
    expect(index.checkpoints).toBe(fromReplay.checkpoints);
    expect(index.checkpoints).toBeGreaterThan(3);
    for (const [num, text] of want) {
      let got: string | undefined;
      let fp: ((e: ScapEvent) => string) | undefined;
      await index.visit(num, num, (e, insp) => {
        fp ??= fingerprint(insp, registry);
        if (e.num === num) got = fp(e);
      });
      expect(got, `event ${num}`).toBe(text);
      if (num % 16 === 0) expect(index.offsetOf(num), `offset of ${num}`).toBe(Number(text.split(' ')[0]));
    }
  });

  it('visits a range in order and stops at its end', async () => {
    const file = fixturePath('demo.scap');
    const { index } = await indexed(file, 10);
    const seen: number[] = [];
    await index.visit(25, 40, (e) => void seen.push(e.num));
    expect(seen).toEqual(Array.from({ length: 16 }, (_, i) => 25 + i));
  });

  it('re-reads a gzip capture from its start (no checkpoints)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'idx-')), 'demo.scap.gz');
    writeFileSync(file, gzipSync(readFileSync(fixturePath('demo.scap'))));
    const { index } = await indexed(file, 10);
    expect(index.seekable).toBe(false);
    expect(index.checkpoints).toBe(0);
    const want = await linear(fixturePath('demo.scap'));
    const registry = new FieldRegistry();
    let got: string | undefined;
    await index.visit(30, 30, (e, insp) => void (got = fingerprint(insp, registry)(e)));
    expect(got?.split(' ').slice(1).join(' ')).toBe(want.get(30)?.split(' ').slice(1).join(' '));
  });
});
