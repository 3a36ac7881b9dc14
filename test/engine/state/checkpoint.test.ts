// State checkpoints share with the previous checkpoint what did not change, and a checkpoint never sees a
// change made after it was taken (the event index tests prove resumed reads equal the full replay).
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../../src/scap/index.js';
import { FieldRegistry, Inspector } from '../../../src/engine/index.js';
import { makeCloner } from '../../../src/engine/state/checkpoint.js';
import type { ThreadInfo } from '../../../src/engine/state/threadinfo.js';
import type { FdInfo } from '../../../src/engine/state/fdinfo.js';
import { fixturePath } from '../../helpers/paths.js';

class Rec {
  name = '';
  n = 0;
  tags: string[] = [];
}

describe('makeCloner with the previous checkpoint', () => {
  it('shares the copies of unchanged objects and copies the changed ones and their containers', () => {
    const a = Object.assign(new Rec(), { name: 'a', n: 1, tags: ['x'] });
    const b = Object.assign(new Rec(), { name: 'b', n: 2 });
    const state = { table: new Map([[1, a], [2, b]]), list: [a], set: new Set([b]), bytes: Uint8Array.of(1, 2) };
    const k1 = makeCloner([]);
    const c1 = k1.clone(state);
    b.n = 3;
    const k2 = makeCloner([], k1);
    const c2 = k2.clone(state);
    // a and everything holding only a is shared; b, and what holds b, is new.
    expect(c2.table.get(1)).toBe(c1.table.get(1));
    expect(c2.list).toBe(c1.list);
    expect(c2.bytes).toBe(c1.bytes);
    expect(c2.table.get(2)).not.toBe(c1.table.get(2));
    expect(c2.table).not.toBe(c1.table);
    expect(c2.set).not.toBe(c1.set);
    expect(c2).not.toBe(c1);
    // The first checkpoint kept the value b had when it was taken.
    expect(c1.table.get(2)?.n).toBe(2);
    expect(c2.table.get(2)?.n).toBe(3);
    expect(c2.table.get(2)).toBeInstanceOf(Rec);
    // A third checkpoint with nothing changed is the second one.
    expect(makeCloner([], k2).clone(state)).toBe(c2);
  });

  it('notices a property added, removed or replaced by an equal-looking value, and changed bytes', () => {
    const r = Object.assign(new Rec(), { name: 'r' }) as Rec & { extra?: number };
    const bytes = Uint8Array.of(1, 2, 3);
    const state = { r, bytes };
    const k1 = makeCloner([]);
    const c1 = k1.clone(state);
    r.extra = 1;
    const k2 = makeCloner([], k1);
    const c2 = k2.clone(state);
    expect(c2.r).not.toBe(c1.r);
    expect(c2.r.extra).toBe(1);
    delete r.extra;
    const k3 = makeCloner([], k2);
    const c3 = k3.clone(state);
    expect('extra' in c3.r).toBe(false);
    r.tags = ['x'];
    bytes[1] = 9;
    const c4 = makeCloner([], k3).clone(state);
    expect(c4.r.tags).toEqual(['x']);
    expect(c4.r.tags).not.toBe(r.tags);
    expect([...c4.bytes]).toEqual([1, 9, 3]);
    expect([...c1.bytes]).toEqual([1, 2, 3]);
  });

  it('copies every member of a cycle again when one of them changed', () => {
    type Node = { name: string; peer?: Node; group?: Set<Node> };
    const x: Node = { name: 'x' };
    const y: Node = { name: 'y', peer: x };
    x.peer = y;
    const g = new Set([x, y]);
    x.group = g;
    const k1 = makeCloner([]);
    const c1 = k1.clone({ g });
    y.name = 'y2';
    const c2 = makeCloner([], k1).clone({ g });
    const [cx, cy] = [...c2.g];
    expect(cx?.peer).toBe(cy);
    expect(cy?.peer).toBe(cx);
    expect(cx?.group).toBe(c2.g);
    expect(cy?.name).toBe('y2');
    const [ox, oy] = [...c1.g];
    expect(oy?.name).toBe('y');
    expect(ox?.peer).toBe(oy);
    expect(cx).not.toBe(ox);
  });
});

describe('inspector checkpoints', () => {
  async function parsed(upTo: number): Promise<{ insp: Inspector; registry: FieldRegistry }> {
    const registry = new FieldRegistry();
    const insp = new Inspector(registry, { zoneSeconds: 0 });
    await readCaptureFile(fixturePath('demo.scap'), { ...insp.stateHandler, event: (e) => (insp.next(e), e.num < upTo) }, insp.readOptions);
    return { insp, registry };
  }
  const threadsOf = (tables: Readonly<Record<string, unknown>>): Map<number, ThreadInfo> => tables.threads as Map<number, ThreadInfo>;

  it('keeps the values a thread and its fds had at the checkpoint after they change, and shares what did not change', async () => {
    const { insp, registry } = await parsed(200);
    const withFds = [...insp.state.threads.values()].filter((t) => t.fds.size > 0);
    expect(withFds.length).toBeGreaterThan(1);
    const [t, other] = withFds as [ThreadInfo, ThreadInfo];
    const first = insp.checkpoint();
    const fdNum = [...t.fds.keys()][0] as number;
    const oldComm = t.comm;
    const oldName = (t.fds.get(fdNum) as FdInfo).name;
    // Change the thread and one of its fds in place, as the event parsers do.
    t.comm = 'changed';
    t.uid = 4242;
    (insp.state.writableFdTable(t)?.get(fdNum) as FdInfo).name = '/changed';
    const second = insp.checkpoint();

    const before = threadsOf(first.tables).get(t.tid) as ThreadInfo;
    const after = threadsOf(second.tables).get(t.tid) as ThreadInfo;
    expect(before.comm).toBe(oldComm);
    expect(before.fds.get(fdNum)?.name).toBe(oldName);
    expect(after.comm).toBe('changed');
    expect(after.uid).toBe(4242);
    expect(after.fds.get(fdNum)?.name).toBe('/changed');
    // The other thread's fd table did not change: both checkpoints hold one copy of it.
    expect(threadsOf(second.tables).get(other.tid)?.fds).toBe(threadsOf(first.tables).get(other.tid)?.fds);
    expect(threadsOf(second.tables).get(other.tid)?.fds).not.toBe(other.fds);

    // Restored, each checkpoint gives its own values; changing the restored state changes neither checkpoint.
    for (const [cp, comm, name] of [
      [first, oldComm, oldName],
      [second, 'changed', '/changed'],
    ] as const) {
      const fresh = new Inspector(registry, { zoneSeconds: 0 });
      fresh.restore(cp);
      const rt = fresh.state.threads.get(t.tid) as ThreadInfo;
      expect(rt.comm).toBe(comm);
      expect(rt.fds.get(fdNum)?.name).toBe(name);
      rt.comm = 'restored and changed';
      (fresh.state.writableFdTable(rt)?.get(fdNum) as FdInfo).name = '/restored';
      const o = fresh.state.threads.get(other.tid) as ThreadInfo;
      (fresh.state.writableFdTable(o)?.values().next().value as FdInfo).name = '/other';
    }
    expect(before.comm).toBe(oldComm);
    expect(after.fds.get(fdNum)?.name).toBe('/changed');
    expect([...(threadsOf(first.tables).get(other.tid)?.fds.values() ?? [])].map((f) => f.name)).toEqual([...other.fds.values()].map((f) => f.name));
  });
});
