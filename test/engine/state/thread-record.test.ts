// The thread record's compact layout (docs/sinsp-semantics.md#table-sizes-and-memory): ids held as int32 when
// they fit keep every value exactly, packed booleans and counters stay independent, and a checkpoint copy keeps
// what the private fields hold.
import { describe, expect, it } from 'vitest';
import { makeCloner } from '../../../src/engine/state/checkpoint.js';
import { ThreadGroup, ThreadTable } from '../../../src/engine/state/thread-table.js';
import { smi, ThreadInfo } from '../../../src/engine/state/threadinfo.js';

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
});
