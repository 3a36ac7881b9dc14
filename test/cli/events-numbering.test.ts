// One event numbering everywhere: the %evt.num of an alert leads `falco-replay events CAPTURE 'evt.num=N'` to
// the very event that fired it (same process, fd and type), for the bundled demo and a shared capture, and
// with enter events kept (`run --legacy-enter-events` and `events --keep-enter`).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { fixturePath, sharedPath } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'falco-replay-events-num-'));
const lines = (s: string): string[] => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));
const SHOW = '%proc.name|%fd.name|%evt.type|%evt.dir';

/** Each alert's `N proc|fd|type|dir`, from a run whose outputs end with that text. */
async function alertEvents(capture: string, rules: string[], extra: string[] = []): Promise<{ num: string; shown: string }[]> {
  const config = join(tmp, 'append.yaml');
  writeFileSync(config, `append_output:\n  - extra_output: "@@%evt.num@@${SHOW}"\n`);
  const r = await cli([capture, ...rules.flatMap((f) => ['-r', f]), '-c', config, '--no-summary', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return lines(r.stdout).map((l) => {
    const m = /@@(\d+)@@(.*)$/.exec(l);
    if (!m) throw new Error(`no event number in ${l}`);
    return { num: m[1] as string, shown: m[2] as string };
  });
}

async function expectEventsShow(capture: string, alerts: { num: string; shown: string }[], extra: string[] = []): Promise<void> {
  expect(alerts.length).toBeGreaterThan(0);
  for (const a of alerts) {
    const r = await cli(['events', ...extra, '-p', `*${SHOW}`, capture, `evt.num=${a.num}`]);
    expect(r.code, r.stderr).toBe(0);
    expect([a.num, lines(r.stdout)]).toEqual([a.num, [a.shown]]);
  }
}

describe("an alert's %evt.num leads `events` to its event", () => {
  it('on the bundled demo capture with the bundled rules', async () => {
    const demo = fixturePath('demo.scap');
    const alerts = await alertEvents(demo, [fixturePath('rules', 'default', 'falco-replay_rules.yaml')]);
    expect(alerts.length).toBe(14);
    await expectEventsShow(demo, alerts);
  });

  it('on a shared capture, also with enter events kept', async () => {
    const cap = sharedPath('captures', 'cat_write.scap');
    const rules = join(tmp, 'every-io.yaml');
    writeFileSync(rules, '- rule: io\n  desc: opens, reads and writes\n  condition: evt.type in (openat, open, read, write, close)\n  output: io\n  priority: INFO\n');
    const alerts = await alertEvents(cap, [rules], ['-o', 'rule_matching=all']);
    expect(alerts.length).toBeGreaterThan(5);
    await expectEventsShow(cap, alerts);
    const legacy = await alertEvents(cap, [rules], ['--legacy-enter-events']);
    // Enter events fire too, so the numbers differ from the default view's.
    expect(legacy.length).toBeGreaterThan(alerts.length);
    await expectEventsShow(cap, legacy, ['--keep-enter']);
  });

  it('--raw numbers the file\'s own events, as sysdig does', async () => {
    const cap = sharedPath('captures', 'cat_write.scap');
    const conv = await cli(['events', '-p', '*%evt.num %evt.type %evt.dir', cap, 'evt.type=read']);
    const raw = await cli(['events', '--raw', '-p', '*%evt.num %evt.type %evt.dir', cap, 'evt.type=read']);
    expect(lines(conv.stdout).every((l) => l.endsWith('read <'))).toBe(true);
    expect(lines(raw.stdout).filter((l) => l.endsWith('read <')).length).toBe(lines(conv.stdout).length);
    // The raw view counts the enter events too, so the same exit event has a larger number.
    expect(Number(lines(raw.stdout).at(-1)?.split(' ')[0])).toBeGreaterThan(Number(lines(conv.stdout).at(-1)?.split(' ')[0]));
  });
});
