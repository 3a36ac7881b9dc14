// The TUI's explain (`x`) and filter (`f`) probes read the capture again from the event index's nearest state
// checkpoint before the events they need, with the answers a replay from the capture's start gives; a gzip
// capture, which the index cannot resume, is read from its start.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { explainEvent, explainIndexed } from '../../../src/cli/explain-event.js';
import { indexedProbe, passesOver } from '../../../src/cli/tui/explain.js';
import { tuiProbe } from '../../../src/cli/tui/run-tui.js';
import { EventIndex, FieldRegistry, Inspector, Replay, type Alert } from '../../../src/engine/index.js';
import { fileChunks, type ByteSource } from '../../../src/scap/index.js';
import { Scenario } from '../../helpers/scenario.js';

const RULES = `
- macro: etc_path
  condition: fd.name startswith /etc
- rule: Open below etc
  desc: d
  condition: evt.type in (open, openat) and evt.dir=< and etc_path
  output: "open %fd.name by %proc.name"
  priority: WARNING
- rule: Open a numbered file
  desc: d
  condition: evt.type in (open, openat) and evt.dir=< and fd.name startswith /tmp/f and proc.name=worker
  output: "open %fd.name by %proc.name"
  priority: NOTICE
`;

/** A worker opens, reads and closes 1,500 files (about 6,000 numbered events), then opens two files below /etc. */
function capture(): Buffer {
  const s = new Scenario({ start: 1_700_000_000_000_000_000n });
  const w = s.process({ pid: 300, comm: 'worker', args: ['--all'] });
  for (let i = 0; i < 1500; i++) {
    const fd = w.open(`/tmp/f${i}`);
    w.read(fd, 'x');
    w.close(fd);
  }
  w.open('/etc/shadow');
  w.open('/etc/hosts');
  return s.toBuffer();
}

interface Run {
  file: string;
  index: EventIndex;
  alerts: Alert[];
  options: ConstructorParameters<typeof Replay>[0];
  /** Bytes the index's reads delivered, and the offsets they started at. */
  reads: { bytes: number; offsets: number[] };
  size: number;
}

async function run(gzip: boolean): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'probe-resume-'));
  const file = join(dir, gzip ? 'worker.scap.gz' : 'worker.scap');
  const raw = capture();
  const bytes = gzip ? gzipSync(raw) : raw;
  writeFileSync(file, bytes);
  const reads = { bytes: 0, offsets: [] as number[] };
  async function* counted(src: ByteSource): AsyncIterable<Uint8Array> {
    for await (const c of src) {
      reads.bytes += c.length;
      yield c;
    }
  }
  const registry = new FieldRegistry();
  const index = new EventIndex(
    {
      name: file,
      openAt: (offset) => {
        reads.offsets.push(offset);
        return counted(fileChunks(file, 4096, offset));
      },
      inspector: () => new Inspector(registry, { zoneSeconds: 0, captureFile: file }),
    },
    { checkpointEvery: 512, budget: 1 },
  );
  const options = { rules: [{ name: 'r.yaml', content: RULES }], captures: [{ name: file, open: () => fileChunks(file, 4096) }], zoneSeconds: 0 };
  const replay = new Replay({ ...options, outputFields: true, snapshots: true, index });
  const alerts: Alert[] = [];
  for await (const a of replay.alerts()) alerts.push(a);
  reads.bytes = 0;
  reads.offsets = [];
  return { file, index, alerts, options, reads, size: bytes.length };
}

/** An outcome as plain data (trees compared by value). */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x)) as unknown;

let plainRun: Run;
let gzRun: Run;
beforeAll(async () => {
  plainRun = await run(false);
  gzRun = await run(true);
});

describe('explain from the nearest checkpoint', () => {
  it('reads only from the checkpoint before a late event, with the explanation a replay from the start gives', async () => {
    const late = plainRun.alerts.find((a) => a.rule === 'Open below etc');
    expect(late?.evtNum).toBeGreaterThan(5500);
    expect(plainRun.index.checkpoints).toBeGreaterThan(10);
    const evtNum = late?.evtNum as number;
    const resumed = await explainIndexed(plainRun.options, plainRun.index, { evtNum });
    expect(plainRun.reads.offsets).toHaveLength(1);
    expect(plainRun.reads.offsets[0]).toBeGreaterThan(plainRun.size * 0.9);
    expect(plainRun.reads.bytes).toBeLessThan(plainRun.size * 0.1);
    const fromStart = await explainEvent(plainRun.options, { evtNum });
    expect(resumed.ok).toBe(true);
    expect(plain(resumed)).toEqual(plain(fromStart));
    if (!resumed.ok) return;
    expect(resumed.event.fd).toBe('/etc/shadow');
    expect(resumed.rules.find((r) => r.rule === 'Open below etc')?.matched).toBe(true);
    // The macro's check shows the field's value on the event.
    expect(JSON.stringify(resumed.rules[0]?.tree)).toContain('"fieldValue":"/etc/shadow"');
  });

  it('through the probe, and for a rule by name, an unknown rule and an event past the end as from the start', async () => {
    const evtNum = plainRun.alerts[plainRun.alerts.length - 1]?.evtNum as number;
    const probe = indexedProbe(plainRun.options, plainRun.index);
    expect(plain(await probe.explain(0, evtNum))).toEqual(plain(await explainEvent(plainRun.options, { evtNum })));
    for (const req of [{ evtNum, rule: 'Open a numbered file' }, { evtNum, rule: 'Open below etcc' }, { evtNum: 99_999 }, { evtNum: evtNum - 1 }]) {
      expect(plain(await explainIndexed(plainRun.options, plainRun.index, req))).toEqual(plain(await explainEvent(plainRun.options, req)));
    }
  });

  it('reads a gzip capture, which the index cannot resume, from its start, with the same explanation', async () => {
    expect(gzRun.index.seekable).toBe(false);
    const evtNum = gzRun.alerts.find((a) => a.rule === 'Open below etc')?.evtNum as number;
    const resumed = await explainIndexed(gzRun.options, gzRun.index, { evtNum });
    expect(gzRun.reads.offsets).toEqual([0]);
    expect(plain(resumed)).toEqual(plain(await explainEvent(gzRun.options, { evtNum })));
  });
});

describe('filters from the nearest checkpoints', () => {
  const rows = (r: Run): { index: number; capture: number; evtNum: number }[] => r.alerts.map((a, index) => ({ index, capture: 0, evtNum: a.evtNum }));

  it('splits the alerts’ events into passes where they are far apart', () => {
    expect(passesOver([5, 10, 100, 30_000, 30_010, 90_000], 100)).toEqual([
      [5, 100],
      [30_000, 30_010],
      [90_000, 90_000],
    ]);
    expect(passesOver([], 100)).toEqual([]);
  });

  it('keeps the alerts a replay from the start keeps, reading from checkpoints', async () => {
    const probe = indexedProbe(plainRun.options, plainRun.index);
    const old = tuiProbe(plainRun.options);
    for (const text of ['fd.name contains 9 and proc.name = worker', 'etc_path', 'fd.name = /tmp/f7']) {
      plainRun.reads.offsets = [];
      const kept = await probe.filterMatches(text, rows(plainRun));
      expect([...kept].sort((a, b) => a - b)).toEqual([...(await old.filterMatches(text, rows(plainRun)))].sort((a, b) => a - b));
      expect(kept.size).toBeGreaterThan(0);
    }
    // Only the late alerts: one pass, from the checkpoint before them.
    plainRun.reads.offsets = [];
    plainRun.reads.bytes = 0;
    const late = rows(plainRun).filter((r) => plainRun.alerts[r.index]?.rule === 'Open below etc');
    expect(late.length).toBe(2);
    expect((await probe.filterMatches('etc_path', late)).size).toBe(2);
    expect(plainRun.reads.offsets).toHaveLength(1);
    expect(plainRun.reads.bytes).toBeLessThan(plainRun.size * 0.1);
  });

  it('reads a gzip capture once, from its start', async () => {
    gzRun.reads.offsets = [];
    const kept = await indexedProbe(gzRun.options, gzRun.index).filterMatches('etc_path', rows(gzRun));
    expect(kept.size).toBe(2);
    expect(gzRun.reads.offsets).toEqual([0]);
  });
});
