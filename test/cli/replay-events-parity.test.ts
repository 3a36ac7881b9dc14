// The replay path gives the same numbers as the `events` filter path. With rule_matching=all and every event of
// both directions reaching the rules, each rule's alert count must equal the number of events `falco-replay
// events CAPTURE CONDITION` prints for the rule's expanded condition. (The state branch's tests check the
// events path against sysdig 0.29.3 itself; together the chain is replay = events = sysdig.)
//
// falco_rules-2022-03.yaml is the file whose fields sysdig 0.29.3 knows. Its rules are mostly quiet on these
// traces, so every one of its 296 macros is also turned into a rule (`condition: <macro>`): spawned processes,
// opens for writing, network activity, container checks... give non-zero counts on every trace. The comparison
// covers what replay adds on top of a plain filter: loading and expanding the rules file, bucketing rules by
// event type, all-matching, and enter/exit handling. It runs for both state profiles: sysdig-0.29.3 (sysdig's
// own view, `events --schema sysdig-0.29.3`) and falco with --legacy-enter-events (`events --convert --keep-enter
// --all`).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Replay, printCanonical, type StateProfile } from '../helpers/engine.js';
import { fileChunks } from '../../src/scap/index.js';
import { cli } from '../helpers/cli.js';
import { sharedPath } from '../helpers/paths.js';

const RULES = readFileSync(sharedPath('rules', 'falco_rules-2022-03.yaml'), 'utf8');
const MACROS = [...RULES.matchAll(/^- macro: *(.+?) *$/gm)].map((m) => m[1] as string);
const MACRO_RULES = MACROS.map((m) => `- rule: macro ${m}\n  desc: every event the macro selects\n  condition: ${m}\n  output: "%evt.num"\n  priority: INFO\n  warn_evttypes: false\n`).join('\n');
const CAPTURES = readdirSync(sharedPath('captures')).filter((f) => f.endsWith('.scap')).sort();

interface Mode {
  label: string;
  profile: StateProfile;
  eventsArgs: string[];
}
const MODES: Mode[] = [
  // What sysdig 0.29.3 shows: its event table, internal and container events hidden.
  { label: 'sysdig-0.29.3 profile', profile: 'sysdig-0.29.3', eventsArgs: ['--schema', 'sysdig-0.29.3'] },
  // Current libs with enter events (Falco <= 0.41): internal events (procinfo...) reach the rules too, so
  // events must show every event (--all) for the counts to compare.
  { label: 'falco profile, --legacy-enter-events', profile: 'falco', eventsArgs: ['--convert', '--keep-enter', '--all'] },
];

async function replayCounts(capture: string, mode: Mode): Promise<{ name: string; condition: string; count: number }[]> {
  const path = sharedPath('captures', capture);
  const replay = new Replay({
    rules: [
      { name: 'falco_rules-2022-03.yaml', content: RULES },
      { name: 'macros.yaml', content: MACRO_RULES },
    ],
    captures: [{ name: path, open: () => fileChunks(path) }],
    matching: 'all',
    profile: mode.profile,
    legacyEnterEvents: true,
    appendOutput: [],
  });
  expect(replay.ok, replay.loadResults.flatMap((r) => r.errors.map((e) => e.message)).join('\n')).toBe(true);
  for await (const _ of replay.alerts());
  const s = replay.summary;
  if (!s) throw new Error('no summary');
  return (replay.ruleset?.rules ?? []).map((r) => ({ name: r.name, condition: printCanonical(r.condition), count: s.byRule[r.id] ?? 0 }));
}

describe('replay counts = events filter counts (rule_matching all, every event of both directions)', () => {
  for (const mode of MODES) {
    for (const capture of CAPTURES) {
      it(`${capture}, ${mode.label}`, async () => {
        const rules = await replayCounts(capture, mode);
        expect(rules.length).toBeGreaterThan(300);
        const mismatches: string[] = [];
        let fired = 0;
        for (const r of rules) {
          const ev = await cli(['events', sharedPath('captures', capture), ...mode.eventsArgs, '-p', '*%evt.num', r.condition]);
          expect(ev.code, ev.stderr).toBe(0);
          const n = ev.stdout === '' ? 0 : ev.stdout.trimEnd().split('\n').length;
          if (n !== r.count) mismatches.push(`${r.name}: replay ${r.count}, events ${n}`);
          if (r.count > 0) fired++;
        }
        expect(mismatches).toEqual([]);
        // empty.scap holds only internal events, which sysdig (and its profile) never shows or evaluates.
        if (capture === 'empty.scap' && mode.profile === 'sysdig-0.29.3') expect(fired).toBe(0);
        else expect(fired).toBeGreaterThan(0);
      }, 120_000);
    }
  }
});
