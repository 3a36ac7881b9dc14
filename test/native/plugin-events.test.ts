// Plugin events written from TypeScript land in timestamp order among the syscall events, with their plugin id
// and payload (checked with sysdig 0.29.3 `-p "%evt.type %evt.args"` and by walking the blocks).
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecording } from '../../src/native/index.js';
import type { RecordStats } from '../../src/native/index.js';
import { sysdigObjects, tempDir, walkBlocks } from './helpers.js';

describe('plugin events', () => {
  const tmp = tempDir('plugin');
  const file = join(tmp.dir, 'plugin.scap');
  let stats: RecordStats;

  beforeAll(async () => {
    const rec = await startRecording({
      out: file,
      mode: 'tree',
      command: ['sh', '-c', 'sleep 0.5; cat /etc/hostname > /dev/null; sleep 1.5'],
      stdio: ['ignore', 'ignore', 'ignore'],
      env: { PATH: '/usr/bin:/bin' },
    });
    expect(() => rec.writePluginEvent(0, 'x')).toThrow(/0 is not a valid plugin id/);
    rec.writePluginEvent(999, { source: 'test', seq: 1 });
    await sleep(750);
    rec.writePluginEvent(999, { source: 'test', seq: 2 });
    rec.writePluginEvent(1, Buffer.from('{"kind":"Event","stage":"ResponseComplete"}'));
    await rec.exited;
    rec.writePluginEvent(999, '{"source":"test","seq":3}');
    stats = await rec.stop();
    expect(() => rec.writePluginEvent(999, 'late')).toThrow(/stopped/);
  });
  afterAll(() => tmp.cleanup());

  it('counts them', () => {
    expect(stats.pluginEvents).toBe(4);
    expect(stats.encodeErrors).toBe(0);
  });

  it('shows them in sysdig with their plugin id and payload, in timestamp order', () => {
    const r = sysdigObjects(file, ['evt.num', 'evt.rawtime', 'evt.type', 'evt.dir', 'proc.name', 'evt.args']);
    expect(r.status).toBe(0);
    const times = r.rows.map((x) => BigInt(x['evt.rawtime'] ?? '0'));
    for (let i = 1; i < times.length; i++) expect(times[i]! >= times[i - 1]!).toBe(true);
    const idx = (pred: (x: Record<string, string>) => boolean): number => r.rows.findIndex(pred);
    const plugin = (seq: number): number => idx((x) => x['evt.type'] === 'pluginevent' && x['evt.args']?.trim() === `plugin ID=999 event_data={"source":"test","seq":${seq}}`);
    const catExec = idx((x) => x['evt.type'] === 'execve' && x['evt.dir'] === '<' && x['proc.name'] === 'cat');
    const shExit = idx((x) => x['evt.type'] === 'procexit' && x['proc.name'] === 'sh');
    expect(catExec).toBeGreaterThan(0);
    expect(plugin(1)).toBeGreaterThan(0);
    expect(plugin(1)).toBeLessThan(catExec);
    expect(plugin(2)).toBeGreaterThan(catExec);
    expect(plugin(2)).toBeLessThan(shExit);
    expect(plugin(3)).toBeGreaterThan(shExit);
    expect(idx((x) => x['evt.args']?.trim() === 'plugin ID=1 event_data={"kind":"Event","stage":"ResponseComplete"}')).toBe(plugin(2) + 1);
  });

  it('writes them as LARGE event blocks with tid -1 and u32 parameter lengths', () => {
    const events = walkBlocks(file).events.filter((e) => e.type === 322);
    expect(events).toHaveLength(4);
    for (const e of events) {
      expect(e.blockType).toBe(0x221);
      expect(e.tid).toBe(0xffffffffffffffffn);
      expect(e.params).toHaveLength(2);
    }
    expect(events.map((e) => e.params[0]!.readUInt32LE(0))).toEqual([999, 999, 1, 999]);
    expect(JSON.parse(events[0]!.params[1]!.toString())).toEqual({ source: 'test', seq: 1 });
  });
});
