// The timestamp merge of the replay loop on its own: lanes with running-maximum clocks, items keyed by the
// clock of their lane when queued, released once no unfinished lane can precede them; ties in lane order.
import { describe, expect, it } from 'vitest';
import { LaneMerge } from '../../src/engine/replay-merge.js';

/** Every item the merge can release now. */
function drain<T>(m: LaneMerge<T>): T[] {
  const out: T[] = [];
  for (let x = m.pop(); x !== undefined; x = m.pop()) out.push(x);
  return out;
}

describe('LaneMerge', () => {
  it('advances the unfinished lane furthest behind, the first given on ties, and -1 when all are done', () => {
    const m = new LaneMerge<string>(3);
    expect(m.next()).toBe(0);
    m.advance(0, 0, 50);
    expect(m.next()).toBe(1);
    m.advance(1, 0, 50);
    m.advance(2, 0, 60);
    expect(m.next()).toBe(0);
    m.finish(0);
    expect(m.next()).toBe(1);
    m.finish(1);
    m.finish(2);
    expect(m.next()).toBe(-1);
  });
  it("keeps a lane's clock at its running maximum: an earlier timestamp does not move it back", () => {
    const m = new LaneMerge<string>(2);
    m.advance(0, 0, 100);
    m.advance(0, 0, 10);
    m.advance(1, 0, 50);
    expect(m.next()).toBe(1);
    m.push(0, 'late event, keyed 100');
    m.finish(1);
    expect(drain(m)).toEqual(['late event, keyed 100']);
  });
  it('compares the high word before the low word', () => {
    const m = new LaneMerge<string>(2);
    m.advance(0, 1, 0);
    m.advance(1, 0, 0xffffffff);
    expect(m.next()).toBe(1);
  });
  it('holds an item back while an unfinished lane could still queue an earlier one', () => {
    const m = new LaneMerge<string>(2);
    m.advance(0, 0, 100);
    m.push(0, 'a@100');
    expect(drain(m)).toEqual([]); // lane 1 is still at 0
    m.advance(1, 0, 90);
    m.push(1, 'b@90');
    expect(drain(m)).toEqual(['b@90']); // lane 1 at 90 < 100: a@100 waits
    m.advance(1, 0, 150);
    expect(drain(m)).toEqual(['a@100']);
    m.push(1, 'b@150');
    expect(drain(m)).toEqual([]); // lane 0 (at 100) may still queue something before 150
    m.finish(0);
    expect(drain(m)).toEqual(['b@150']);
    expect(m.pending).toBe(0);
  });
  it('releases equal keys in lane order (the capture given first comes first)', () => {
    const m = new LaneMerge<string>(2);
    m.advance(1, 0, 100);
    m.push(1, 'b@100');
    m.advance(0, 0, 100);
    m.push(0, 'a@100');
    // Both lanes are at 100: lane 0's item may leave; lane 1's waits for lane 0 to move past 100 or finish.
    expect(drain(m)).toEqual(['a@100']);
    m.advance(0, 0, 101);
    expect(drain(m)).toEqual(['b@100']);
  });
  it('holds an equal key of a later lane while an earlier lane sits at that time', () => {
    const m = new LaneMerge<string>(2);
    m.advance(0, 0, 100);
    m.advance(1, 0, 100);
    m.push(1, 'b@100');
    expect(drain(m)).toEqual([]);
    m.finish(0);
    expect(drain(m)).toEqual(['b@100']);
  });
  it('keeps the order of items within a lane and releases everything at once with one lane', () => {
    const m = new LaneMerge<number>(1);
    for (let i = 1; i <= 5; i++) m.push(0, i);
    expect(drain(m)).toEqual([1, 2, 3, 4, 5]);
    m.advance(0, 0, 7);
    m.push(0, 6);
    expect(drain(m)).toEqual([6]);
  });
  it('merges three lanes into timestamp order as the lanes take turns', () => {
    const times = [
      [5, 20, 35, 50],
      [10, 15, 40],
      [1, 60],
    ];
    const m = new LaneMerge<string>(times.length);
    const at = times.map(() => 0);
    const out: string[] = [];
    for (let lane = m.next(); lane >= 0; lane = m.next()) {
      const t = times[lane]?.[at[lane] as number];
      if (t === undefined) m.finish(lane);
      else {
        at[lane] = (at[lane] as number) + 1;
        m.advance(lane, 0, t);
        m.push(lane, `${lane}@${t}`);
      }
      out.push(...drain(m));
    }
    out.push(...drain(m));
    expect(out).toEqual(['2@1', '0@5', '1@10', '1@15', '0@20', '0@35', '1@40', '0@50', '2@60']);
  });
});
