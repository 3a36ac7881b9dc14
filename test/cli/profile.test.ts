// The rule profile (`falco-replay profile`, `run --profile-rules`): a deliberately expensive rule ranks first, and
// every rule's evaluation count equals the number of events of its event types, counted here from the capture.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { collectEvents } from '../helpers/scap.js';
import { Scenario } from '../helpers/scenario.js';

const OPEN_X = 3;
const OPENAT_2_X = 307;
const EXECVE_19_X = 293;

/** A current-layout capture: 300 opens, 120 openats, 25 execves. */
function buildCapture(): Buffer {
  const s = new Scenario({ layout: 'current' });
  const sh = s.process({ pid: 100, comm: 'bash', exepath: '/bin/bash', args: [] });
  for (let i = 0; i < 300; i++) sh.close(sh.open(`/var/data/file-${i}.txt`));
  for (let i = 0; i < 120; i++) sh.close(sh.openat(-100, `/srv/www/page-${i}.html`));
  for (let i = 0; i < 25; i++) {
    const child = sh.clone();
    child.execve('/usr/bin/cat', ['cat', `/tmp/x${i}`]);
    child.exit();
  }
  return s.toBuffer();
}

// The expensive rule: a long pmatch list and a long chain of `contains`, tried on every open and openat.
const prefixes = Array.from({ length: 400 }, (_, i) => `/opt/p${i}/sub`).join(', ');
const contains = Array.from({ length: 150 }, (_, i) => `fd.name contains "needle-${i}-"`).join(' or ');
const RULES = `
- macro: opens
  condition: evt.type in (open, openat)
- rule: Cheap open
  desc: cheap
  condition: opens and fd.name = /never
  output: cheap %fd.name
  priority: NOTICE
- rule: Expensive open
  desc: expensive
  condition: opens and (fd.name pmatch (${prefixes}) or ${contains})
  output: expensive %fd.name
  priority: WARNING
- rule: Exec cat
  desc: matches every execve of cat
  condition: evt.type = execve and proc.name = cat
  output: exec %proc.cmdline
  priority: INFO
- rule: Shared macro too
  desc: uses the opens macro
  condition: opens and proc.name = nothing
  output: x
  priority: DEBUG
`;

interface JsonProfile {
  version: number;
  evaluated: number;
  rules: { rule: string; evaluated: number; matched: number; sampled: number; ms: number; share: number; checks: { field: string; op: string; macro: string | null; share: number }[] }[];
  macros: { macro: string; rules: number }[];
  event_types: { type: string; dir: string; events: number; rules: number }[];
}

describe('rule profile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fr-profile-'));
  const capture = join(dir, 'opens.scap');
  const buf = buildCapture();
  writeFileSync(capture, buf);
  const rules = join(dir, 'rules.yaml');
  writeFileSync(rules, RULES);
  // Independent counts: the events of each code as the reader sees them.
  const byCode = new Map<number, number>();
  for (const e of collectEvents(buf).events) byCode.set(e.type, (byCode.get(e.type) ?? 0) + 1);
  const opens = (byCode.get(OPEN_X) ?? 0) + (byCode.get(OPENAT_2_X) ?? 0);
  const execs = byCode.get(EXECVE_19_X) ?? 0;

  it('ranks the deliberately expensive rule first and counts evaluations exactly', async () => {
    expect(opens).toBe(420);
    expect(execs).toBe(25);
    const r = await cli(['profile', capture, '-r', rules, '--json', '--rule-matching', 'all']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as JsonProfile;
    expect(p.version).toBe(1);
    expect(p.rules[0]?.rule).toBe('Expensive open');
    const by = new Map(p.rules.map((x) => [x.rule, x]));
    expect(by.get('Expensive open')?.evaluated).toBe(opens);
    expect(by.get('Cheap open')?.evaluated).toBe(opens);
    expect(by.get('Shared macro too')?.evaluated).toBe(opens);
    expect(by.get('Exec cat')?.evaluated).toBe(execs);
    expect(by.get('Exec cat')?.matched).toBe(execs);
    expect(by.get('Expensive open')?.matched).toBe(0);
    const top = by.get('Expensive open')?.checks[0];
    expect(top?.field).toBe('fd.name');
    expect(['pmatch', 'contains']).toContain(top?.op);
    expect(p.rules.reduce((n, x) => n + x.share, 0)).toBeCloseTo(1, 5);
    // The macro three rules share is listed with its rules.
    expect(p.macros.find((m) => m.macro === 'opens')?.rules).toBe(3);
    // Per event type: the events seen and the rules they reach.
    const t = new Map(p.event_types.map((x) => [`${x.dir}${x.type}`, x]));
    expect(t.get('<open')).toEqual({ type: 'open', dir: '<', events: byCode.get(OPEN_X), rules: 3 });
    expect(t.get('<openat')?.events).toBe(byCode.get(OPENAT_2_X));
    expect(t.get('<execve')).toEqual({ type: 'execve', dir: '<', events: execs, rules: 1 });
  });

  it('counts what reached a rule under rule_matching first (an earlier match takes the event)', async () => {
    const r = await cli(['profile', capture, '-r', rules, '--json']);
    const p = JSON.parse(r.stdout) as JsonProfile;
    expect(p.rules.find((x) => x.rule === 'Exec cat')?.evaluated).toBe(execs);
    expect(p.rules.find((x) => x.rule === 'Expensive open')?.evaluated).toBe(opens);
  });

  it('prints an escaped table after the summary with run --profile-rules, and the alerts are unchanged', async () => {
    const plain = await cli(['run', capture, '-r', rules]);
    const profiled = await cli(['run', capture, '-r', rules, '--profile-rules']);
    expect(profiled.code).toBe(plain.code);
    expect(profiled.stdout.startsWith(plain.stdout)).toBe(true);
    const table = profiled.stdout.slice(plain.stdout.length);
    expect(table).toMatch(/^Rule profile: \d+ events evaluated/);
    expect(table.indexOf('Expensive open')).toBeLessThan(table.indexOf('Cheap open'));
    expect(table.includes('\u001b[')).toBe(false);
  });
});
