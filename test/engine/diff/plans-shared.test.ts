// A comparison's rule sets run their rule plans and share condition results (docs/architecture.md#comparisons):
// on every event of every shared capture and recorded fixture, each rule of both sides (falco_rules 5.0.0 and
// 5.1.0, each with incubating and sandbox) answers through its plan exactly what its plain predicate answers;
// and the one-pass replay's alerts and shadowing record per side are what the plain predicates give.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedEventTypeName } from '../../../src/engine/fields/event-names.js';
import { Replay, SYSCALL_SOURCE, type ReplayOptions } from '../../helpers/engine.js';
import { fileChunks } from '../../helpers/scap.js';
import { allCaptures, sharedPath } from '../../helpers/paths.js';

const side = (version: string): { name: string; content: string }[] =>
  [`falco_rules-${version}.yaml`, 'falco-incubating_rules-main.yaml', 'falco-sandbox_rules-main.yaml'].map((f) => ({ name: f, content: readFileSync(sharedPath('rules', f), 'utf8') }));
const SIDES = [side('5.0.0'), side('5.1.0')];
const CAPTURES = allCaptures();

const VARIANTS: { name: string; matching: 'first' | 'all'; opts: Partial<ReplayOptions> }[] = [
  { name: 'falco, rule_matching first', matching: 'first', opts: {} },
  { name: 'sysdig-0.29.3, rule_matching first', matching: 'first', opts: { profile: 'sysdig-0.29.3' } },
  { name: 'falco, rule_matching all', matching: 'all', opts: {} },
];

const input = (path: string): ReplayOptions['captures'][number] => ({ name: basename(path), open: () => fileChunks(path), path });

describe('both sides of a comparison, with rule plans and shared condition results', () => {
  for (const { name, matching, opts } of VARIANTS) {
    it(`answer through each rule's plan as its plain predicate, and alert and record every match as the plain predicates say (${name})`, async () => {
      const compared = [0, 0];
      let alerts = 0;
      let shadowing = 0;
      for (const path of CAPTURES) {
        const got: string[][] = [[], []];
        const gotAll: string[][] = [[], []];
        const want: string[][] = [[], []];
        const wantAll: string[][] = [[], []];
        const r: Replay = new Replay({
          ruleSets: SIDES.map((rules, k) => ({
            name: k ? 'head' : 'base',
            rules,
            matching,
            ...(matching === 'first'
              ? { allMatches: (_c: number, evtnum: number, _ts: bigint, hits: readonly { readonly name: string }[]) => void gotAll[k]?.push(`${evtnum} ${hits.map((x) => x.name).join(' | ')}`) }
              : {}),
          })),
          captures: [input(path)],
          zoneSeconds: 0,
          hostname: 'test',
          ...opts,
          onEvent: (e, ctx, source) => {
            if (!ctx) return;
            const evtType = fixedEventTypeName(e.type);
            r.ruleSets.forEach((rs, k) => {
              const hits: string[] = [];
              for (const rule of rs.ruleset?.candidates(source, e.type) ?? []) {
                const plain = rule.predicate(ctx);
                if (plain) hits.push(rule.name);
                if (source !== SYSCALL_SOURCE) continue;
                const plan = rule.plan?.(evtType);
                expect(plan).toBeDefined();
                const viaPlan = (plan?.guard ? plan.guard(ctx) : true) && (plan?.rest(ctx) ?? false);
                expect(viaPlan, `${rs.name}: ${rule.name} on event ${e.num} of ${path}`).toBe(plain);
                compared[k] = (compared[k] as number) + 1;
              }
              for (const h of matching === 'first' ? hits.slice(0, 1) : hits) want[k]?.push(`${e.num} ${h}`);
              if (matching === 'first' && hits.length) wantAll[k]?.push(`${e.num} ${hits.join(' | ')}`);
            });
          },
        });
        expect(r.ok).toBe(true);
        for await (const a of r.alerts()) got[a.ruleSet ?? 0]?.push(`${a.evtNum} ${a.rule}`);
        for (let k = 0; k < 2; k++) {
          expect(got[k], `side ${k} of ${path}`).toEqual(want[k]);
          expect(gotAll[k], `side ${k} of ${path}`).toEqual(wantAll[k]);
          alerts += got[k]?.length ?? 0;
          shadowing += gotAll[k]?.filter((x) => x.includes(' | ')).length ?? 0;
        }
      }
      // Not vacuous: many evaluations on each side, alerts, and (under first) events matched by several rules.
      expect(compared[0]).toBeGreaterThan(10_000);
      expect(compared[1]).toBeGreaterThan(10_000);
      expect(alerts).toBeGreaterThan(0);
      if (matching === 'first') expect(shadowing).toBeGreaterThan(0);
    });
  }
});
