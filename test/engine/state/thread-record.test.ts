// The thread record's compact layout (docs/sinsp-semantics.md#table-sizes-and-memory): ids held as int32 when
// they fit keep every value exactly, packed booleans and counters stay independent, and a checkpoint copy keeps
// what the private fields hold.
import { describe, expect, it } from 'vitest';
import { makeCloner } from '../../../src/engine/state/checkpoint.js';
import { ThreadGroup, ThreadTable } from '../../../src/engine/state/thread-table.js';
import { makeFake, shareInherited, smi, ThreadInfo } from '../../../src/engine/state/threadinfo.js';

describe('thread record layout', () => {
  it('keeps ids and fd numbers exactly, inside and beyond int32', () => {
    for (const v of [0, -1, -100, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 32 + 5, 2 ** 53 - 1, -(2 ** 40)]) {
      expect(smi(v)).toBe(v);
      const t = new ThreadInfo(v);
      t.pid = v;
      t.ptid = v;
      t.vtid = v;
      t.vpid = v;
      t.fdlimit = v;
      t.lastEventFd = v;
      expect([t.tid, t.pid, t.ptid, t.vtid, t.vpid, t.fdlimit, t.lastEventFd]).toEqual([v, v, v, v, v, v, v]);
    }
    // A decoded 64-bit value is a double with an integer value: it reads back as the same number.
    expect(smi(4294967296 * 0 + 2000)).toBe(2000);
  });

  it('keeps the four packed booleans independent of each other', () => {
    const t = new ThreadInfo(1);
    expect([t.fdsShared, t.fdsInherited, t.dead, t.inheritedShared]).toEqual([true, false, false, true]);
    const keys = ['fdsShared', 'fdsInherited', 'dead', 'inheritedShared'] as const;
    for (const key of keys) {
      const before = keys.map((k) => t[k]);
      t[key] = !t[key];
      expect(keys.map((k) => t[k])).toEqual(keys.map((k, i) => (k === key ? !before[i] : before[i])));
    }
  });

  it('keeps profile-2022 child counts on the rarely allocated extra record', () => {
    const t = new ThreadInfo(1);
    expect(t.nchilds).toBe(0);
    t.nchilds = 0;
    expect(t.extra).toBeUndefined();
    t.nchilds++;
    t.nchilds++;
    expect(t.nchilds).toBe(2);
    expect(t.extra).toBeDefined();
  });

  it('counts a group\'s live threads independently of its reaper bit, below zero too', () => {
    const g = new ThreadGroup(4294967296 * 0 + 7, true);
    expect([g.pid, g.alive, g.reaper]).toEqual([7, 0, true]);
    g.alive++;
    g.alive++;
    g.reaper = false;
    expect([g.alive, g.reaper]).toEqual([2, false]);
    g.alive -= 3;
    g.reaper = true;
    expect([g.alive, g.reaper]).toEqual([-1, true]);
  });

  it('holds a lone member as itself and a Set from the second, and copies both into a checkpoint', () => {
    const table = new ThreadTable(false);
    const main = new ThreadInfo(10);
    main.pid = 10;
    main.ptid = 1;
    table.addThread(main, false);
    const g = table.groupOf.get(main) as ThreadGroup;
    expect([...g.members]).toEqual([main]);
    expect([g.size, g.alive, g.main]).toEqual([1, 1, main]);

    const k = makeCloner([]);
    const copy = k.clone(table.threads);
    const main2 = copy.get(10) as ThreadInfo;
    const g2 = main2.group as ThreadGroup;
    expect(g2).not.toBe(g);
    expect([...g2.members]).toEqual([main2]);
    expect([g2.alive, g2.reaper, g2.main, g2.pid]).toEqual([1, false, main2, 10]);

    const second = new ThreadInfo(11);
    second.pid = 10;
    second.ptid = 1;
    table.addThread(second, false);
    expect([...g.members]).toEqual([main, second]);
    expect(g.alive).toBe(2);
    const copy2 = makeCloner([]).clone(table.threads);
    const g3 = (copy2.get(10) as ThreadInfo).group as ThreadGroup;
    expect([...g3.members]).toEqual([copy2.get(10), copy2.get(11)]);
    expect(g3.alive).toBe(2);
    // The copy is detached: changing it leaves the original alone.
    g3.members.delete(copy2.get(11) as ThreadInfo);
    expect(g.size).toBe(2);
  });

  it('shares one inherited record between sibling clones of one program, copied on the first differing write', () => {
    const table = new ThreadTable(false);
    const args = ['-x'];
    const kids = [1, 2, 3].map((i) => {
      const t = new ThreadInfo(100 + i);
      t.comm = 'spawner';
      t.exe = '/usr/bin/spawner';
      t.setArgs(args);
      t.uid = 2 ** 32 - 2;
      t.fdlimit = 1024;
      table.shareRecentInherited(t);
      return t;
    });
    const [a, b, c] = kids as [ThreadInfo, ThreadInfo, ThreadInfo];
    expect(b.inherited).toBe(a.inherited);
    expect(c.inherited).toBe(a.inherited);
    b.comm = 'renamed';
    b.uid = 0;
    expect(b.inherited).not.toBe(a.inherited);
    expect([a.comm, b.comm, c.comm]).toEqual(['spawner', 'renamed', 'spawner']);
    expect([a.uid, b.uid, c.uid]).toEqual([2 ** 32 - 2, 0, 2 ** 32 - 2]);
    expect([a.args, c.fdlimit, b.exe]).toEqual([['-x'], 1024, '/usr/bin/spawner']);
    // A sibling that differs keeps its own record and becomes the one the next sibling is compared with.
    const d = new ThreadInfo(104);
    d.comm = 'other';
    table.shareRecentInherited(d);
    expect(d.inherited).not.toBe(a.inherited);
    expect(d.comm).toBe('other');
    expect(a.comm).toBe('spawner');
  });

  it('gives a forked child its parent\'s exe identity and session while keeping its own comm, args and ids', () => {
    const parent = new ThreadInfo(1);
    parent.comm = 'bash';
    parent.exepath = '/bin/bash';
    parent.sid = 7;
    parent.uid = 1000;
    const child = new ThreadInfo(2);
    child.comm = 'bash';
    child.uid = 1000;
    shareInherited(child, parent);
    expect(child.inherited).toBe(parent.inherited);
    const other = new ThreadInfo(3);
    other.comm = 'sh';
    other.uid = 0;
    shareInherited(other, parent);
    expect(other.inherited).not.toBe(parent.inherited);
    expect([other.comm, other.uid, other.exepath, other.sid]).toEqual(['sh', 0, '/bin/bash', 7]);
    // Neither side sees the other's later writes.
    parent.exepath = '/usr/bin/bash';
    child.sid = 9;
    expect([parent.exepath, parent.sid, child.exepath, child.sid, other.exepath]).toEqual(['/usr/bin/bash', 7, '/bin/bash', 9, '/bin/bash']);
  });

  it('builds every fake record on one shared inherited record', () => {
    const [x, y] = [new ThreadInfo(5), new ThreadInfo(6)];
    makeFake(x, false);
    makeFake(y, false);
    expect(x.inherited).toBe(y.inherited);
    expect([x.comm, x.exe, x.uid, x.gid, x.loginuid]).toEqual(['<NA>', '<NA>', 0xffffffff, 0xffffffff, 0xffffffff]);
    x.comm = 'known';
    expect([x.comm, y.comm]).toEqual(['known', '<NA>']);
  });
});
