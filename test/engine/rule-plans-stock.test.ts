// Rule plans on Falco's own rules (docs/architecture.md#rule-plans): on every event of every shared capture
// and recorded fixture, each rule of the event's bucket answers through its plan (evt.type folded for the
// bucket's type, guard then rest) exactly what its plain predicate answers, for both state profiles and with
// enter events; and a replay's alerts do not depend on which one the ruleset runs.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedEventTypeName } from '../../src/engine/fields/event-names.js';
import { Replay, SYSCALL_SOURCE, type ReplayOptions } from '../helpers/engine.js';
import { fileChunks } from '../helpers/scap.js';
import { allCaptures, sharedPath } from '../helpers/paths.js';

const STOCK = ['falco_rules-5.1.0.yaml', 'falco-incubating_rules-main.yaml', 'falco-sandbox_rules-main.yaml'].map((f) => ({ name: f, content: readFileSync(sharedPath('rules', f), 'utf8') }));
const CAPTURES = allCaptures();

const VARIANTS: { name: string; opts: Partial<ReplayOptions> }[] = [
  { name: 'falco', opts: {} },
  { name: 'falco with enter events', opts: { legacyEnterEvents: true } },
  { name: 'sysdig-0.29.3', opts: { profile: 'sysdig-0.29.3' } },
];

describe('rule plans on the stock rules', () => {
  for (const { name, opts } of VARIANTS) {
    it(`answer as the plain predicates on every event of every capture (${name})`, async () => {
      let compared = 0;
      let matched = 0;
      for (const path of CAPTURES) {
        let replay: Replay | undefined = undefined;
        const r = new Replay({
          rules: STOCK,
          captures: [{ name: basename(path), open: () => fileChunks(path), path }],
          zoneSeconds: 0,
          hostname: 'test',
          matching: 'all',
          ...opts,
          onEvent: (e, ctx, source) => {
            if (!ctx || source !== SYSCALL_SOURCE) return;
            const evtType = fixedEventTypeName(e.type);
            for (const rule of (replay as Replay).ruleset?.candidates(source, e.type) ?? []) {
              const plan = rule.plan?.(evtType);
              expect(plan).toBeDefined();
              const viaPlan = (plan?.guard ? plan.guard(ctx) : true) && (plan?.rest(ctx) ?? false);
              const plain = rule.predicate(ctx);
              expect(viaPlan, `${rule.name} on event ${e.num} of ${path}`).toBe(plain);
              compared++;
              if (plain) matched++;
            }
          },
        });
        replay = r;
        expect(r.ok).toBe(true);
        for await (const a of r.alerts()) void a;
      }
      // The comparison is not vacuous: many evaluations, some matching.
      expect(compared).toBeGreaterThan(10_000);
      expect(matched).toBeGreaterThan(0);
    });
  }

  it('give the alerts the rules give one by one (rule_matching all, both state profiles)', async () => {
    for (const { opts } of VARIANTS.filter((v) => v.name !== 'falco with enter events')) {
      for (const path of CAPTURES) {
        const lines: string[] = [];
        const expected: string[] = [];
        const r = new Replay({
          rules: STOCK,
          captures: [{ name: basename(path), open: () => fileChunks(path), path }],
          zoneSeconds: 0,
          hostname: 'test',
          matching: 'all',
          ...opts,
          onEvent: (e, ctx, source) => {
            if (!ctx) return;
            for (const rule of r.ruleset?.candidates(source, e.type) ?? []) if (rule.predicate(ctx)) expected.push(`${e.num} ${rule.name}`);
          },
        });
        for await (const a of r.alerts()) lines.push(`${a.evtNum} ${a.rule}`);
        expect(lines, path).toEqual(expected);
      }
    }
  });
});
