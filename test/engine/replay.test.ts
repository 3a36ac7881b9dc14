// The replay loop on its own (a stand-in state engine that only knows what an event carries): rule matching,
// priorities and selection, several captures merged in timestamp order, truncated captures, outputs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Replay, type Alert, type CaptureInput, type ReplayOptions } from '../helpers/engine.js';
import { Scenario } from '../helpers/scenario.js';
import { fakeInspectors } from '../helpers/fake-inspector.js';

const T0 = 1_700_000_000_000_000_000n;

/** A capture in which `cat` opens the given files at the given offsets (ns after T0). */
function capture(opens: [path: string, at: number][], start = T0): Buffer {
  const s = new Scenario({ start });
  const cat = s.process({ pid: 100, comm: 'cat', exepath: '/usr/bin/cat', args: ['x'] });
  for (const [path, at] of opens) {
    // Each open+close pair takes 6 µs of scenario time.
    if (BigInt(at) < s.now - start) throw new Error('opens must be at least 6000 ns apart');
    s.advance(BigInt(at) - (s.now - start));
    const fd = cat.open(path);
    cat.close(fd);
  }
  return s.toBuffer();
}

/** Chunks of `size` bytes, so the replay crosses chunk boundaries (and lanes take turns). */
function* chunks(buf: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

const input = (name: string, buf: Uint8Array, size = 97): CaptureInput => ({ name, open: () => chunks(buf, size) });

const RULES = `
- rule: open_exit
  desc: an open returned
  condition: evt.type=open and evt.dir=<
  output: "open %evt.arg.name (num=%evt.num)"
  priority: WARNING
  tags: [b, a]
- rule: any_open
  desc: any open event
  condition: evt.type=open
  output: "open event %evt.dir"
  priority: INFO
  tags: [a]
- rule: close_debug
  desc: closes
  condition: evt.type=close and evt.dir=<
  output: close
  priority: DEBUG
`;

async function run(opts: Partial<ReplayOptions> & { captures: CaptureInput[] }): Promise<{ alerts: Alert[]; replay: Replay }> {
  const replay = new Replay({ rules: [{ name: 'rules.yaml', content: RULES }], inspector: fakeInspectors(), zoneSeconds: 0, appendOutput: [], ...opts });
  expect(replay.ok).toBe(true);
  const alerts: Alert[] = [];
  for await (const a of replay.alerts()) alerts.push(a);
  return { alerts, replay };
}

describe('rule matching', () => {
  const buf = capture([
    ['/etc/a', 1000],
    ['/etc/b', 20_000],
  ]);
  it('first: at most one alert per event, the first matching rule in definition order', async () => {
    const { alerts, replay } = await run({ captures: [input('c.scap', buf)] });
    expect(alerts.map((a) => `${a.rule}:${a.message}`)).toEqual([
      'any_open:open event >',
      'open_exit:open /etc/a (num=2)',
      'close_debug:close',
      'any_open:open event >',
      'open_exit:open /etc/b (num=6)',
      'close_debug:close',
    ]);
    const s = replay.summary;
    expect(s?.alerts).toBe(6);
    expect([...(s?.byRule ?? [])]).toEqual([2, 2, 2]);
    expect(s?.byPriority).toEqual([0, 0, 0, 0, 2, 0, 2, 2]);
    expect(s?.captures[0]).toMatchObject({ name: 'c.scap', events: 8, evaluated: 8, alerts: 6, complete: true });
  });
  it('all: every matching rule alerts, in rule order', async () => {
    const { alerts } = await run({ captures: [input('c.scap', buf)], matching: 'all' });
    expect(alerts.filter((a) => a.evtNum === 2).map((a) => a.rule)).toEqual(['open_exit', 'any_open']);
    expect(alerts).toHaveLength(8);
  });
  it('minimum priority removes less severe rules; selection enables and disables by tag and wildcard, in order', async () => {
    expect((await run({ captures: [input('c.scap', buf)], minPriority: 4 })).alerts.map((a) => a.rule)).toEqual(['open_exit', 'open_exit']);
    const sel = await run({ captures: [input('c.scap', buf)], selection: [{ op: 'disable', tag: 'a' }, { op: 'enable', rule: 'any_*' }] });
    expect(new Set(sel.alerts.map((a) => a.rule))).toEqual(new Set(['any_open', 'close_debug']));
  });
  it('alerts carry sorted tags, the event number and time', async () => {
    const { alerts } = await run({ captures: [input('c.scap', buf)], minPriority: 4 });
    expect(alerts[0]).toMatchObject({ rule: 'open_exit', priority: 4, source: 'syscall', tags: ['a', 'b'], evtNum: 2, capture: 0 });
    expect(alerts[0]?.ts).toBeGreaterThan(T0);
  });
});

describe('several captures', () => {
  it('merges alerts in timestamp order (command-line order on ties), each capture numbered on its own', async () => {
    const a = capture(
      [
        ['/a/1', 1000],
        ['/a/2', 30_000],
        ['/a/3', 50_000],
      ],
      T0,
    );
    const b = capture(
      [
        ['/b/1', 500],
        ['/b/2', 20_000],
        ['/b/3', 40_000],
      ],
      T0 + 1000n,
    );
    const { alerts, replay } = await run({ captures: [input('a.scap', a, 50), input('b.scap', b, 200)], minPriority: 4 });
    expect(alerts.map((x) => x.message.split(' ')[1])).toEqual(['/a/1', '/b/1', '/b/2', '/a/2', '/b/3', '/a/3']);
    const ts = alerts.map((x) => x.ts);
    expect([...ts].sort((x, y) => (x < y ? -1 : 1))).toEqual(ts);
    expect(alerts.map((x) => x.capture)).toEqual([0, 1, 1, 0, 1, 0]);
    expect(alerts.filter((x) => x.capture === 1).map((x) => x.evtNum)).toEqual([2, 6, 10]);
    expect(replay.summary?.captures.map((c) => c.alerts)).toEqual([3, 3]);
  });
  it('gives each capture its own state engine', async () => {
    const seen: unknown[] = [];
    const buf = capture([['/x', 10]]);
    await run({ captures: [input('1.scap', buf), input('2.scap', buf)], inspector: fakeInspectors(seen as never) });
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
  });
});

describe('damaged captures', () => {
  it('delivers the alerts before the damage and reports it with an offset', async () => {
    const full = capture([
      ['/etc/1', 1000],
      ['/etc/2', 20_000],
      ['/etc/3', 40_000],
    ]);
    const whole = await run({ captures: [input('c.scap', full)], minPriority: 4 });
    expect(whole.alerts).toHaveLength(3);
    const cut = full.subarray(0, full.length - 30); // inside the last event block (the last close exit)
    const { alerts, replay } = await run({ captures: [input('cut.scap', cut)], minPriority: 4 });
    expect(alerts.map((a) => a.message)).toEqual(['open /etc/1 (num=2)', 'open /etc/2 (num=6)', 'open /etc/3 (num=10)']);
    const c = replay.summary?.captures[0];
    expect(c?.complete).toBe(false);
    expect(c?.diagnostics.some((d) => d.severity === 'error' && d.location?.offset !== undefined && d.location.file === 'cut.scap')).toBe(true);
    const cut2 = full.subarray(0, Math.floor(full.length * 0.8));
    const part = await run({ captures: [input('cut2.scap', cut2)], minPriority: 4 });
    expect(part.alerts.length).toBeLessThan(3);
    expect(part.alerts.map((a) => a.message)).toEqual(whole.alerts.slice(0, part.alerts.length).map((a) => a.message));
  });
});

describe('outputs', () => {
  const buf = capture([['/etc/a', 1000]]);
  it('computes JSON output_fields when asked, with append_output extra fields', async () => {
    const { alerts } = await run({
      captures: [input('c.scap', buf)],
      minPriority: 4,
      outputFields: true,
      appendOutput: [{ extraOutput: 'tid=%thread.tid', extraFields: [{ key: 'where', format: 'num %evt.num' }, { field: 'evt.rawtime' }] }],
    });
    expect(alerts[0]?.message).toBe('open /etc/a (num=2) tid=100');
    expect(alerts[0]?.outputFields).toEqual({ 'evt.arg.name': '/etc/a', 'evt.num': 2, 'thread.tid': 100, where: 'num 2', 'evt.rawtime': alerts[0]?.ts });
  });
  it('applies append_output only to the rules its match selects', async () => {
    const { alerts } = await run({ captures: [input('c.scap', buf)], appendOutput: [{ match: { tags: ['b'] }, extraOutput: '[b]' }] });
    expect(alerts.map((a) => a.message)).toEqual(['open event >', 'open /etc/a (num=2) [b]', 'close']);
  });
  it('attaches state snapshots when asked', async () => {
    const { alerts } = await run({ captures: [input('c.scap', buf)], minPriority: 4, snapshots: true });
    expect(alerts[0]?.snapshot).toMatchObject({ evtNum: 2, type: 'open', dir: '<' });
  });
  it('stops early on abort', async () => {
    const ctl = new AbortController();
    const replay = new Replay({
      rules: [{ name: 'r.yaml', content: RULES }],
      inspector: fakeInspectors(),
      captures: [input('c.scap', capture([['/1', 10_000], ['/2', 20_000], ['/3', 30_000]]), 40)],
      signal: ctl.signal,
    });
    const got: Alert[] = [];
    for await (const a of replay.alerts()) {
      got.push(a);
      ctl.abort();
    }
    expect(got.length).toBeLessThan(9);
    expect(replay.summary).toBeDefined();
  });
});

describe('rules that do not load', () => {
  it('reports the load results and cannot run', () => {
    const replay = new Replay({ rules: [{ name: 'bad.yaml', content: '- rule: x\n  desc: d\n  condition: evt.type=\n  output: o\n  priority: INFO\n' }], captures: [], inspector: fakeInspectors() });
    expect(replay.ok).toBe(false);
    expect(replay.loadResults[0]?.errors[0]?.code).toBe('LOAD_ERR_COMPILE_CONDITION');
  });
});

describe('several rule sets in one pass', () => {
  const OTHER = `
- rule: close_any
  desc: any close
  condition: evt.type=close
  output: "close %evt.dir"
  priority: NOTICE
- rule: open_etc
  desc: opens under /etc
  condition: evt.type=open and evt.dir=< and evt.arg.name startswith /etc/
  output: "etc %evt.arg.name"
  priority: ERROR
`;
  const a = capture([
    ['/etc/a', 1000],
    ['/tmp/b', 20_000],
  ]);
  const b = capture([['/etc/c', 500]], T0 + 3000n);
  const captures = (): CaptureInput[] => [input('a.scap', a, 61), input('b.scap', b, 73)];

  it('gives each rule set the counts and alerts of a run of its own, with its own matching and selection', async () => {
    const sets = [
      { name: 'old', rules: [{ name: 'rules.yaml', content: RULES }], matching: 'all' as const },
      { name: 'new', rules: [{ name: 'other.yaml', content: OTHER }], selection: [{ op: 'disable' as const, rule: 'close_*' }] },
    ];
    const both = await run({ captures: captures(), ruleSets: sets });
    const alone = await Promise.all(sets.map((s) => run({ captures: captures(), ruleSets: [s] })));
    expect(both.replay.ruleSets.map((r) => r.name)).toEqual(['old', 'new']);
    const summaries = both.replay.summary?.ruleSets ?? [];
    expect(summaries).toHaveLength(2);
    for (let k = 0; k < 2; k++) {
      const one = alone[k]?.replay.summary;
      expect([...(summaries[k]?.byRule ?? [])]).toEqual([...(one?.byRule ?? [])]);
      expect(summaries[k]?.byPriority).toEqual(one?.byPriority);
      expect(summaries[k]?.alerts).toBe(one?.alerts);
      const mine = both.alerts.filter((x) => x.ruleSet === k).map((x) => `${x.capture}:${x.evtNum}:${x.rule}:${x.message}`);
      expect(mine).toEqual(alone[k]?.alerts.map((x) => `${x.capture}:${x.evtNum}:${x.rule}:${x.message}`));
    }
    expect([...(summaries[0]?.byRule ?? [])]).toEqual([3, 6, 3]);
    expect([...(summaries[1]?.byRule ?? [])]).toEqual([0, 2]);
    // One pass: every event decoded and evaluated once, the alerts of both sets in one timestamp-ordered stream.
    expect(both.replay.summary?.events).toBe(alone[0]?.replay.summary?.events);
    expect(both.replay.summary?.evaluated).toBe(alone[0]?.replay.summary?.evaluated);
    expect(both.replay.summary?.alerts).toBe(14);
    const ts = both.alerts.map((x) => x.ts);
    expect([...ts].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(ts);
    // A single rule set's alerts carry no rule-set index (the output of ordinary runs is unchanged).
    expect(alone[0]?.alerts.every((x) => !('ruleSet' in x))).toBe(true);
  });
  it('reports which rule set did not load', () => {
    const replay = new Replay({
      ruleSets: [{ rules: [{ name: 'good.yaml', content: RULES }] }, { name: 'broken', rules: [{ name: 'bad.yaml', content: '- rule: x\n  desc: d\n  condition: evt.type=\n  output: o\n  priority: INFO\n' }] }],
      captures: [],
      inspector: fakeInspectors(),
    });
    expect(replay.ok).toBe(false);
    expect(replay.ruleSets.map((r) => [r.name, r.ok])).toEqual([
      ['rules', true],
      ['broken', false],
    ]);
    expect(replay.ruleSets[1]?.loadResults[0]?.errors[0]?.code).toBe('LOAD_ERR_COMPILE_CONDITION');
  });
});

describe('several rule sets with the real state engine', () => {
  it('counts per rule as separate runs do, on the demo capture merged with itself', async () => {
    const demo = readFileSync(new URL('../../fixtures/demo.scap', import.meta.url));
    const rules = readFileSync(new URL('../../fixtures/rules/default/falco-replay_rules.yaml', import.meta.url), 'utf8');
    const sets = [
      { rules: [{ name: 'falco-replay_rules.yaml', content: rules }] },
      { rules: [{ name: 'falco-replay_rules.yaml', content: rules }], matching: 'all' as const, minPriority: 5 },
    ];
    const opts = (ruleSets: typeof sets): ReplayOptions => ({ ruleSets, captures: [input('1.scap', demo, 4096), input('2.scap', demo, 1000)], zoneSeconds: 0, appendOutput: [] });
    const go = async (o: ReplayOptions): Promise<{ replay: Replay; alerts: Alert[] }> => {
      const replay = new Replay(o);
      expect(replay.ok).toBe(true);
      const alerts: Alert[] = [];
      for await (const x of replay.alerts()) alerts.push(x);
      return { replay, alerts };
    };
    const both = await go(opts(sets));
    for (let k = 0; k < 2; k++) {
      const one = await go(opts([sets[k] as (typeof sets)[number]]));
      expect([...(both.replay.summary?.ruleSets[k]?.byRule ?? [])]).toEqual([...(one.replay.summary?.byRule ?? [])]);
      expect(both.alerts.filter((x) => x.ruleSet === k).map((x) => x.message)).toEqual(one.alerts.map((x) => x.message));
    }
    expect(both.replay.summary?.ruleSets[0]?.alerts).toBeGreaterThan(0);
  });
});
