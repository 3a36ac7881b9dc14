// `falco-replay explain`: the tree as text and as JSON on the bundled demo, agreement with the alerts `run` prints
// (the alert's rule is the first matching rule on its event), and the errors (exit 2).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { fixturePath } from '../helpers/paths.js';

const DEMO = fixturePath('recorded', 'demo-payments-api-shell.scap');
const RULES = fixturePath('rules', 'default', 'falco-replay_rules.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'falco-replay-explain-'));

interface Doc {
  version: number;
  event: { num: number; type: string; proc: string };
  rules: { rule: string; matched: boolean; applies: boolean; condition: { value: boolean | null } }[];
}

describe('explain', () => {
  it('prints each applicable rule with its tree, marks and field values', async () => {
    const r = await cli(['explain', DEMO, '-r', RULES, '--event', '692']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('event 692: openat < by cat[16378] fd.name=/etc/shadow');
    expect(lines).toContain('rule "Sensitive file read" (Warning): matched');
    expect(lines).toContain('rule "Write below a binary or sensitive directory" (Error): not matched');
    expect(lines).toContain('    ✓ macro fr_open_read: and');
    expect(lines).toContain('      ✗ evt.is_open_write = true   ⟵ evt.is_open_write = false');
    // Short-circuit: after a false check, the rest of the `and` is not evaluated (·), its values still shown.
    expect(lines).toContain('      · fd.typechar = f   ⟵ fd.typechar = f');
    // A list shows by name in its check, its items on the line below.
    expect(r.stdout).toMatch(/\n {6}✓ fd\.name in \(fr_sensitive_file_names\) {3}⟵ fd\.name = \/etc\/shadow\n {10}list fr_sensitive_file_names = \(\/etc\/shadow, /);
    expect(r.stdout).toContain('macro user_known_sensitive_file_read = never_true: evt.num = 0   ⟵ evt.num = 692');
  });

  it('--json gives the documented document; --rule picks one rule, even one that does not apply', async () => {
    const r = await cli(['explain', DEMO, '-r', RULES, '--event', '692', '--json', '--rule', 'Unexpected process spawned']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.version).toBe(1);
    expect(doc.event).toMatchObject({ num: 692, type: 'openat', proc: 'cat' });
    expect(doc.rules).toHaveLength(1);
    expect(doc.rules[0]).toMatchObject({ rule: 'Unexpected process spawned', matched: false, applies: false, condition: { value: false } });
  });

  it("agrees with run: each alert's rule is the first matching rule on its event", async () => {
    const config = join(tmp, 'append.yaml');
    writeFileSync(config, 'append_output:\n  - extra_output: "@@%evt.num"\n');
    const run = await cli([DEMO, '-r', RULES, '-c', config, '--no-summary', '--json', '-o', 'json_include_output_property=true']);
    expect(run.code, run.stderr).toBe(0);
    const alerts = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { rule: string; output: string });
    expect(alerts.length).toBe(15);
    for (const a of alerts) {
      const num = /@@(\d+)/.exec(a.output)?.[1] as string;
      const r = await cli(['explain', DEMO, '-r', RULES, '--event', num, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout) as Doc;
      expect([num, doc.rules.find((x) => x.matched)?.rule]).toEqual([num, a.rule]);
    }
  });

  it('refuses an event past the end and an unknown rule (with the closest names), exit 2', async () => {
    const past = await cli(['explain', DEMO, '-r', RULES, '--event', '99999']);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('Error: event 99999 is beyond the capture (its last event is 985)');
    const typo = await cli(['explain', DEMO, '-r', RULES, '--event', '692', '--rule', 'Sensitive file reed\x1b[2J']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Error: no rule named "Sensitive file reed\\x1b[2J" in the rules files; did you mean "Sensitive file read"?');
    const bad = await cli(['explain', DEMO, '-r', RULES, '--event', 'twelve']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected an event number");
  });
});
