// `run --shard K/N` picks its part of the capture list; `merge` checks and adds up summary files.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSummary, mergeAlertFiles, MergeError, mergeSummaries, type SummaryDoc } from '../../src/cli/commands/merge.js';
import { compareCaptures, parseShard, shardCaptures } from '../../src/cli/shard.js';
import { cli } from '../helpers/cli.js';
import { fixturePath } from '../helpers/paths.js';

describe('--shard K/N', () => {
  it('accepts 0 ≤ K < N and rejects anything else with a message saying what is wrong', () => {
    expect(parseShard('0/1')).toEqual({ index: 0, count: 1 });
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
    expect(() => parseShard('4/4')).toThrow('the shard index K must be below N (shards are numbered 0 to 3), got "4/4"');
    expect(() => parseShard('0/0')).toThrow('the shard count N must be at least 1');
    expect(() => parseShard('-1/4')).toThrow('expected K/N');
    expect(() => parseShard('1.5/4')).toThrow('expected K/N');
    expect(() => parseShard('1/4/2')).toThrow('expected K/N');
    expect(() => parseShard('')).toThrow('expected K/N');
  });

  it('is a usage error (exit 2) on the command line, naming the option', async () => {
    const r = await cli(['run', fixturePath('demo.scap'), '--shard', '2/2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--shard <K/N>' argument '2/2' is invalid. the shard index K must be below N");
    expect(r.stdout).toBe('');
  });

  it('puts every capture in exactly one shard, whatever the order of the list and however many shards', () => {
    const name = fc.stringMatching(/^[a-z0-9._-]{1,8}$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.constantFrom('/a', '/b/c', 'rel'), name), { maxLength: 30, selector: ([d, n]) => `${d}/${n}` }), fc.integer({ min: 1, max: 12 }), (entries, n) => {
        const list = entries.map(([d, f]) => `${d}/${f}`);
        const parts = Array.from({ length: n }, (_, k) => shardCaptures(list, { index: k, count: n }));
        expect(parts.flat()).toEqual([...list].sort(compareCaptures));
        const reversed = Array.from({ length: n }, (_, k) => shardCaptures([...list].reverse(), { index: k, count: n }));
        expect(reversed).toEqual(parts);
        const sizes = parts.map((p) => p.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('cuts by file name, so pods that mount the same files at different paths pick the same files', () => {
    const names = ['node-7.scap', 'node-1.scap.gz', 'node-3.scap', 'node-10.scap', 'node-2.scap'];
    const here = names.map((n) => `/mnt/captures/${n}`);
    const there = [...names].reverse().map((n) => `/data/fleet/${n}`);
    const base = (l: string[]): string[] => l.map((p) => p.slice(p.lastIndexOf('/') + 1));
    for (let k = 0; k < 3; k++) expect(base(shardCaptures(there, { index: k, count: 3 }))).toEqual(base(shardCaptures(here, { index: k, count: 3 })));
    expect(base(shardCaptures(here, { index: 0, count: 3 }))).toEqual(['node-1.scap.gz']);
    expect(base(shardCaptures(here, { index: 2, count: 3 }))).toEqual(['node-3.scap', 'node-7.scap']);
  });

  it('leaves the list alone without --shard', () => {
    expect(shardCaptures(['b.scap', 'a.scap'], undefined)).toEqual(['b.scap', 'a.scap']);
  });

  it('says on stderr which part a shard took, and an empty part is an empty run', async () => {
    const one = await cli(['run', fixturePath('demo.scap'), '--shard', '1/2', '--no-summary']);
    expect(one.code).toBe(0);
    expect(one.stderr).toContain('falco-replay: shard 1/2: 1 of 1 capture (demo.scap)\n');
    const none = await cli(['run', fixturePath('demo.scap'), '--shard', '0/2']);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('falco-replay: shard 0/2: 0 of 1 capture\n');
    expect(none.stdout).toBe('Events detected: 0\nRule counts by severity:\nTriggered rules by rule name:\n');
  });
});

const doc = (file: string, over: Partial<SummaryDoc> = {}): SummaryDoc => ({
  file,
  events: 10,
  alerts: 0,
  byPriority: [0, 0, 0, 0, 0, 0, 0, 0],
  byRule: new Map(),
  ruleMatching: 'first',
  rulesFiles: ['rules.yaml'],
  captures: [`${file}.scap`],
  elapsed: 0.5,
  damage: { skippedEvents: 0, damagedCaptures: [] },
  ...over,
});

describe('merge: summary files', () => {
  it('adds up the damage the parts reported (older files without the keys count as undamaged)', () => {
    const base = { events: 3, alerts: 0, by_priority: {}, by_rule: {}, rule_matching: 'first', rules_files: ['r.yaml'], elapsed_s: 0.1 };
    const a = checkSummary('a.json', { ...base, captures: ['a.scap'], skipped_events: 2, damaged_captures: ['a.scap'] });
    const b = checkSummary('b.json', { ...base, captures: ['b.scap'] });
    expect(b.damage).toEqual({ skippedEvents: 0, damagedCaptures: [] });
    expect(mergeSummaries([b, a]).damage).toEqual({ skippedEvents: 2, damagedCaptures: ['a.scap'] });
    expect(() => checkSummary('c.json', { ...base, captures: [], skipped_events: -1 })).toThrow(/"skipped_events" must be a whole number/);
  });

  it('refuses a --summary-file that is one of its inputs, and exits 1 when a part was damaged', async () => {
    const d = mkdtempSync(join(tmpdir(), 'fr-merge-damage-'));
    try {
      const base = { events: 3, alerts: 0, by_priority: {}, by_rule: {}, rule_matching: 'first', rules_files: [], elapsed_s: 0.1 };
      writeFileSync(join(d, 'a.json'), JSON.stringify({ ...base, captures: ['a.scap'], skipped_events: 1, damaged_captures: ['a.scap'] }));
      const clash = await cli(['merge', join(d, 'a.json'), '--summary-file', join(d, 'a.json')]);
      expect(clash.code).toBe(2);
      expect(clash.stderr).toContain('is one of the inputs');
      const damaged = await cli(['merge', join(d, 'a.json')]);
      expect(damaged.code).toBe(1);
      expect(damaged.stderr).toContain('1 malformed events skipped; captures not read cleanly: a.scap');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('checks the document and names the file and the field', () => {
    const good = { events: 3, alerts: 2, by_priority: { WARNING: 2 }, by_rule: { A: 1, B: 1 }, rule_matching: 'first', rules_files: ['r.yaml'], captures: ['c.scap'], elapsed_s: 0.1, events_per_s: 30 };
    expect(checkSummary('s.json', good).byPriority).toEqual([0, 0, 0, 0, 2, 0, 0, 0]);
    expect(() => checkSummary('s.json', [])).toThrow('s.json: not a falco-replay summary file (expected a JSON object)');
    expect(() => checkSummary('s.json', { ...good, events: -1 })).toThrow('s.json: not a falco-replay summary file ("events" must be a whole number ≥ 0)');
    expect(() => checkSummary('s.json', { ...good, by_priority: { LOUD: 2 } })).toThrow('unknown priority "LOUD" in "by_priority"');
    expect(() => checkSummary('s.json', { ...good, by_rule: { A: 1 } })).toThrow('"by_rule" adds up to 1, not to "alerts" 2');
    expect(() => checkSummary('s.json', { ...good, captures: 'c.scap' })).toThrow('"captures" must be a list of file names');
  });

  it('refuses runs with different rules files or rule matching, naming the file', () => {
    expect(() => mergeSummaries([doc('a'), doc('b', { rulesFiles: ['other.yaml'] })])).toThrow(/^b: rules_files \["other.yaml"\] differ from a's \["rules.yaml"\]/);
    expect(() => mergeSummaries([doc('a'), doc('b', { ruleMatching: 'all' })])).toThrow('b: rule_matching is "all" but a has "first": these runs cannot be merged');
    expect(() => mergeSummaries([doc('a'), doc('b', { captures: ['a.scap'] })])).toThrow('b: capture a.scap is also in a: the runs to merge must cover disjoint captures');
    expect(() => mergeSummaries([])).toThrow(MergeError);
  });

  it('adds counts up, lists captures in shard order and ranks each run by its first capture', () => {
    const m = mergeSummaries([
      doc('s1', { captures: ['/x/c.scap', '/x/d.scap'], alerts: 2, byPriority: [0, 0, 0, 0, 2, 0, 0, 0], byRule: new Map([['B', 2]]) }),
      doc('s2', { captures: [] }),
      doc('s0', { captures: ['/y/a.scap', '/x/b.scap'], alerts: 1, byPriority: [0, 0, 0, 1, 0, 0, 0, 0], byRule: new Map([['A', 1]]), elapsed: 0.25 }),
    ]);
    expect(m.events).toBe(30);
    expect(m.alerts).toBe(3);
    expect(m.byPriority).toEqual([0, 0, 0, 1, 2, 0, 0, 0]);
    expect([...m.byRule]).toEqual([
      ['B', 2],
      ['A', 1],
    ]);
    expect(m.captures).toEqual(['/y/a.scap', '/x/b.scap', '/x/c.scap', '/x/d.scap']);
    expect(m.rank).toEqual([1, 2, 0]);
    expect(m.contiguous).toBe(true);
    expect(m.elapsed).toBe(1.25);
    expect(mergeSummaries([doc('s0', { captures: ['a.scap', 'c.scap'] }), doc('s1', { captures: ['b.scap'] })]).contiguous).toBe(false);
  });
});

describe('merge: alert files', () => {
  it('merges any number of files by time, keeping each file in order, equal times by rank, a file whose time goes back on its latest time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'falco-replay-alerts-'));
    try {
      const time = (t: number): string => `2024-05-14T09:30:${String(Math.floor(t / 10)).padStart(2, '0')}.${String(t % 10).padStart(9, '0')}Z`;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }), { minLength: 1, maxLength: 9 }), async (times) => {
          const rows: { text: string; key: number; rank: number; at: number }[] = [];
          const ranks = times.map((_, i) => times.length - 1 - i); // distinct, not in file order
          const files = times.map((ts, f) => {
            let max = -1;
            const lines = ts.map((t, at) => {
              max = Math.max(max, t);
              const text = `{"rule":"r","time":"${time(t)}","f":${f},"at":${at}}`;
              rows.push({ text, key: max, rank: ranks[f] as number, at });
              return text;
            });
            const file = join(dir, `a${f}.jsonl`);
            writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
            return { file, rank: ranks[f] as number };
          });
          const want = [...rows].sort((a, b) => a.key - b.key || a.rank - b.rank || a.at - b.at).map((r) => r.text);
          const got: string[] = [];
          const it = mergeAlertFiles(files);
          for (;;) {
            const n = await it.next();
            if (n.done) {
              expect(n.value.map((c) => c.count)).toEqual(times.map((t) => t.length));
              break;
            }
            got.push(n.value);
          }
          expect(got).toEqual(want);
        }),
        { numRuns: 40 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('merge: command errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'falco-replay-merge-'));
    mkdirSync(join(dir, 'caps'));
    copyFileSync(fixturePath('demo.scap'), join(dir, 'caps', 'a.scap'));
    copyFileSync(fixturePath('demo.scap'), join(dir, 'caps', 'b.scap'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const shards = async (): Promise<void> => {
    for (const k of [0, 1]) {
      const r = await cli(['run', join(dir, 'caps'), '--shard', `${k}/2`, '--json', '--no-summary', '--summary-file', join(dir, `s${k}.json`)], { FALCO_HOSTNAME: 'h' });
      expect(r.code).toBe(0);
      writeFileSync(join(dir, `a${k}.jsonl`), r.stdout);
    }
  };

  it('names the file and line of an alert that is not Falco JSON', async () => {
    await shards();
    writeFileSync(join(dir, 'bad.jsonl'), `${readFileSync(join(dir, 'a1.jsonl'), 'utf8')}Events detected: 14\n`);
    const r = await cli(['merge', join(dir, 's0.json'), join(dir, 's1.json'), '--alerts', join(dir, 'a0.jsonl'), join(dir, 'bad.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error: ${join(dir, 'bad.jsonl')}:15: not a Falco JSON alert (a JSON object with a "time" per line: run the shards with --json and --no-summary)\n`);
  });

  it('refuses an alerts file that is not the run of its summary', async () => {
    await shards();
    writeFileSync(join(dir, 'short.jsonl'), readFileSync(join(dir, 'a1.jsonl'), 'utf8').split('\n').slice(0, 3).join('\n'));
    const r = await cli(['merge', join(dir, 's0.json'), join(dir, 's1.json'), '--alerts', join(dir, 'a0.jsonl'), join(dir, 'short.jsonl'), '--no-summary']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error: ${join(dir, 'short.jsonl')} holds 3 alerts but its summary ${join(dir, 's1.json')} counts 14: not the alerts of that run\n`);
  });

  it('wants one alerts file per summary (exit 2) and a readable summary (exit 1)', async () => {
    await shards();
    const r = await cli(['merge', join(dir, 's0.json'), join(dir, 's1.json'), '--alerts', join(dir, 'a0.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Error: 1 alerts file for 2 summary files: give one alerts file per summary file, in the same order\n');
    const missing = await cli(['merge', join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`Error: cannot read ${join(dir, 'nope.json')}: no such file or directory\n`);
  });

  it('needs the rules files to order the rules, from where the summaries say or from -r', async () => {
    await shards();
    const s1 = JSON.parse(readFileSync(join(dir, 's1.json'), 'utf8')) as Record<string, unknown>;
    const s0 = JSON.parse(readFileSync(join(dir, 's0.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'm0.json'), JSON.stringify({ ...s0, rules_files: ['/moved/rules.yaml'] }));
    writeFileSync(join(dir, 'm1.json'), JSON.stringify({ ...s1, rules_files: ['/moved/rules.yaml'] }));
    const r = await cli(['merge', join(dir, 'm0.json'), join(dir, 'm1.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Error: Could not open file /moved/rules.yaml for reading (a rules file the summaries name, read to list the rules in Falco's order; -r PATH reads them from elsewhere)\n");
    const moved = await cli(['merge', join(dir, 'm0.json'), join(dir, 'm1.json'), '-r', fixturePath('rules', 'default')]);
    expect(moved.stderr).toBe('');
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('Events detected: 28\n');
  });

  it('refuses summaries of different rule matching, naming the file', async () => {
    await shards();
    const s1 = JSON.parse(readFileSync(join(dir, 's1.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'all.json'), JSON.stringify({ ...s1, rule_matching: 'all' }));
    const r = await cli(['merge', join(dir, 's0.json'), join(dir, 'all.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error: ${join(dir, 'all.json')}: rule_matching is "all" but ${join(dir, 's0.json')} has "first": these runs cannot be merged\n`);
  });
});
