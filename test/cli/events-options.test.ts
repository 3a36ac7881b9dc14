// `events` options with sysdig's and Falco's meanings: -r RULES (macros and lists in the filter), -n N (N
// events through the filter), -j, -t, format text printed as given, and the capture.* fields.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { fixturePath } from '../helpers/paths.js';
import { Scenario } from '../helpers/scenario.js';

const tmp = mkdtempSync(join(tmpdir(), 'falco-replay-events-opts-'));
const demo = fixturePath('demo.scap');
const lines = (s: string): string[] => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));
const RULES = join(tmp, 'rules.yaml');
writeFileSync(
  RULES,
  [
    '- list: shell_binaries',
    '  items: [bash, sh]',
    '- macro: spawned_process',
    '  condition: (evt.type in (execve, execveat) and evt.dir=<)',
    '- macro: user_known_shells',
    '  condition: (proc.pname=runc)',
    '',
  ].join('\n'),
);

describe('events -r RULES', () => {
  it("lets the filter use the rules' macros and lists", async () => {
    const r = await cli(['events', demo, '-r', RULES, '-p', '%evt.num %proc.name %proc.pname', 'spawned_process and proc.name in (shell_binaries) and not user_known_shells']);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toEqual(['19 sh php-fpm8.2', '48 sh php-fpm8.2', '52 bash sh']);
  });

  it('names an unknown macro with its column, and a rules file that does not load', async () => {
    const r = await cli(['events', demo, '-r', RULES, 'spawned_process and no_such_macro']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad filter at column 21: Undefined macro 'no_such_macro' used in filter.");
    const broken = join(tmp, 'broken.yaml');
    writeFileSync(broken, '- macro: x\n  condition: (evt.type=\n');
    const b = await cli(['events', demo, '-r', broken, 'x']);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('could not load rules file');
  });
});

describe('events -n N', () => {
  it('prints N events, counting the events the filter lets through (sysdig -n: hidden internal events count, container events do not)', async () => {
    const r = await cli(['events', '-n', '2', '-p', '%evt.num %evt.type', demo, 'evt.type=execve']);
    expect(lines(r.stdout)).toEqual(['19 execve', '23 execve']);
    // Event 1 of the demo is a container event, which sysdig neither shows nor counts.
    expect(lines((await cli(['events', '-n', '2', '-p', '%evt.num', demo])).stdout)).toEqual(['2', '3']);
  });
});

describe('events -j and -t', () => {
  it('-j is --json', async () => {
    const r = await cli(['events', '-j', '-n', '2', '-p', '%evt.num %proc.name', demo]);
    expect(lines(r.stdout).map((l) => JSON.parse(l) as unknown)).toEqual([{ 'evt.num': 2, 'proc.name': 'nginx' }, { 'evt.num': 3, 'proc.name': 'nginx' }]);
  });

  it("-t changes the time column of the default line as sysdig's -t does", async () => {
    const col = async (t: string): Promise<string | undefined> => lines((await cli(['events', '-t', t, '-n', '3', demo], { TZ: 'UTC' })).stdout)[1]?.split(' ')[1];
    expect(await col('h')).toBe('09:30:00.000013000');
    expect(await col('a')).toBe('1715679000.000013000');
    expect(await col('r')).toBe('0.000003000');
    expect(await col('D')).toBe('0.000003000');
    const bad = await cli(['events', '-t', 'x', demo]);
    expect(bad.code).toBe(2);
  });
});

describe('events -p', () => {
  it("prints the format's own text as given, escaping only values from the capture", async () => {
    const s = new Scenario();
    s.process({ pid: 5, comm: 'evil\u001b[2J' }).open('/tmp/a\tb', 0);
    const f = join(tmp, 'tabs.scap');
    writeFileSync(f, s.toBuffer());
    const r = await cli(['events', '-p', '%proc.name\t%fd.name|', f, 'fd.name startswith /tmp']);
    expect(lines(r.stdout)).toEqual(['evil\\x1b[2J\t/tmp/a\\tb|']);
  });

  it('capture.file and capture.hostname name the capture and the machine it was recorded on', async () => {
    const r = await cli(['events', '-n', '1', '-p', '%capture.file %capture.hostname', demo]);
    expect(lines(r.stdout)).toEqual([`${demo} web-01`]);
  });

  it('capture.* work in alert outputs through append_output', async () => {
    const config = join(tmp, 'capture-append.yaml');
    writeFileSync(config, 'append_output:\n  - extra_output: "from=%capture.file host=%capture.hostname"\n');
    const r = await cli([demo, '-c', config, '--no-summary']);
    expect(r.code, r.stderr).toBe(0);
    const alerts = lines(r.stdout);
    expect(alerts).toHaveLength(14);
    expect(alerts.every((l) => l.endsWith(` from=${demo} host=web-01`))).toBe(true);
  });
});
