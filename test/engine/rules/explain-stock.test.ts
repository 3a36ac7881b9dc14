// The explain tree agrees with the real evaluator for every rule of Falco's stock rules (all enabled) on every
// event of the shared captures: the root's value is the compiled predicate's, and every rule fired on an event
// has a true root there.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Replay, type EvalContext } from '../../helpers/engine.js';
import { sharedPath } from '../../helpers/paths.js';

const RULES = readFileSync(sharedPath('rules', 'falco_rules-5.1.0.yaml'), 'utf8');
const CAPTURES = ['curl_google.scap', 'connect_localhost.scap', 'cat_write.scap', 'ping_sendto.scap', 'open-multiple-files.scap', 'syscall.scap', 'single_ipv6_conn.scap'];

describe('explain on falco_rules-5.1.0', () => {
  it.each(CAPTURES)('agrees with the compiled rules on every event of %s', async (name) => {
    const buf = readFileSync(sharedPath('captures', name));
    let checked = 0;
    let matched = 0;
    const wrong: string[] = [];
    const fired = new Set<string>();
    const treeTrue = new Set<string>();
    const holder: { replay?: Replay } = {};
    const onEvent = (e: { num: number; type: number }, ctx: EvalContext | undefined, source: string): void => {
      const replay = holder.replay as Replay;
      if (!ctx) return;
      const ex = replay.explainer();
      for (const r of replay.ruleset?.candidates(source, e.type) ?? []) {
        const tree = ex?.rule(r).evaluate(ctx);
        const want = r.predicate(ctx);
        checked++;
        if (want) matched++;
        if (tree?.value) treeTrue.add(`${e.num} ${r.name}`);
        if (tree?.value !== want) wrong.push(`${e.num} ${r.name}: tree ${String(tree?.value)}, predicate ${want}`);
      }
    };
    const replay = new Replay({
      rules: [{ name: 'falco_rules-5.1.0.yaml', content: RULES }],
      captures: [{ name, open: () => [buf] }],
      selection: [{ op: 'enable', rule: '*' }],
      matching: 'all',
      zoneSeconds: 0,
      onEvent,
    });
    holder.replay = replay;
    expect(replay.ok).toBe(true);
    for await (const a of replay.alerts()) fired.add(`${a.evtNum} ${a.rule}`);
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(0);
    expect([...fired].filter((f) => !treeTrue.has(f))).toEqual([]);
    expect(treeTrue.size).toBe(fired.size);
    expect(matched).toBe(fired.size);
  });
});
