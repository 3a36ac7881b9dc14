// `falco-replay run` end to end on real captures: the bundled default (golden outputs), JSON for jq, both
// enter-event modes, several captures merged in timestamp order, truncated captures, --fail-on-alert, a
// closed stdout.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { cli } from '../helpers/cli.js';
import { fixturePath, sharedPath } from '../helpers/paths.js';

const ENV = { TZ: 'UTC', FALCO_HOSTNAME: 'golden-host' };
const DEMO = fixturePath('recorded', 'demo-payments-api-shell.scap');
const WEB = fixturePath('demo.scap');
const CAT_WRITE = sharedPath('captures', 'cat_write.scap');
const SINGLE_RULE = sharedPath('falco-tests', 'rules', 'single_rule.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'fr-e2e-'));
const summaryOf = (stdout: string): string => stdout.slice(stdout.indexOf('Events detected:'));
const alertLines = (stdout: string): string[] => stdout.slice(0, stdout.indexOf('Events detected:')).split('\n').filter(Boolean);

describe('the embedded default', () => {
  it('with no arguments replays the bundled demo capture through the bundled rules, and says so', async () => {
    const r = await cli([], ENV);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no capture given: replaying the bundled demo capture');
    expect(r.stderr).toContain('no rules given (-r): using the bundled rules');
    await expect(r.stdout).toMatchFileSnapshot('golden/demo-payments-api-shell.txt');
    // The story of fixtures/recorded/README.md: the injected shell, what it read, wrote and where it connected.
    expect(r.stdout).toMatch(/Warning Shell spawned by a non-shell program \(user=root shell=sh parent=payments-api cmdline=sh -c sha256sum .*; id; cat \/etc\/shadow;/);
    expect(r.stdout).toMatch(/Warning Sensitive file opened for reading \(user=root file=\/etc\/shadow process=cat .* parent=sh gparent=payments-api\)/);
    expect(r.stdout).toMatch(/Error File below a sensitive directory opened for writing \(user=root file=\/etc\/cron.d\/payments-maint process=sh /);
    expect(r.stdout).toMatch(/Notice Outbound connection \(process=curl connection=[0-9.]+:\d+->203\.0\.113\.10:4444 /);
    expect(r.stdout).toMatch(/Notice Hidden file created \(user=root file=\/tmp\/\.k process=curl /);
  });
  it('fires on the web server story of fixtures/demo.scap, JSON lines for jq', async () => {
    const r = await cli([WEB, '--json', '--no-summary'], ENV);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('golden/demo-web-server.jsonl');
    const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { rule: string; output_fields: Record<string, unknown>; hostname: string });
    expect(alerts.every((a) => a.hostname === 'golden-host')).toBe(true);
    const rules = new Set(alerts.map((a) => a.rule));
    for (const r of ['Terminal shell in a container', 'Shell spawned by a non-shell program', 'Sensitive file read', 'Write below a binary or sensitive directory', 'Outbound connection']) expect(rules).toContain(r);
    const shell = alerts.find((a) => a.rule === 'Terminal shell in a container');
    expect(shell?.output_fields).toMatchObject({ 'container.id': '3f1c2ab59e8d', 'container.name': 'redis-cache', 'proc.name': 'bash', 'proc.tty': 34816, 'k8s.pod.name': null });
  });
  it('gives the same rules in both enter-event modes on the bundled captures (they test exit-only fields)', async () => {
    for (const cap of [DEMO, WEB]) {
      const now = await cli([cap], ENV);
      const legacy = await cli([cap, '--legacy-enter-events'], ENV);
      expect(summaryOf(legacy.stdout)).toBe(summaryOf(now.stdout));
    }
  });
});

describe('Falco >= 0.42 versus <= 0.41', () => {
  it('open enter events reach the rules only with --legacy-enter-events', async () => {
    const now = await cli([CAT_WRITE, '-r', SINGLE_RULE, '-o', 'append_output.suggested_output=false'], ENV);
    const legacy = await cli([CAT_WRITE, '-r', SINGLE_RULE, '-o', 'append_output.suggested_output=false', '--legacy-enter-events'], ENV);
    expect(summaryOf(now.stdout)).toBe('Events detected: 4\nRule counts by severity:\n   WARNING: 4\nTriggered rules by rule name:\n   open_from_cat: 4\n');
    expect(summaryOf(legacy.stdout)).toBe('Events detected: 8\nRule counts by severity:\n   WARNING: 8\nTriggered rules by rule name:\n   open_from_cat: 8\n');
  });
  it('appends the container plugin suggested fields by default, as stock Falco does', async () => {
    const r = await cli([CAT_WRITE, '-r', SINGLE_RULE, '--no-summary'], ENV);
    expect(r.stdout.split('\n')[0]).toBe(
      '16:17:57.881785348: Warning An open was seen (command=cat /dev/null) container_id=host container_name=host container_image_repository= container_image_tag= k8s_pod_name=<NA> k8s_ns_name=<NA>',
    );
  });
});

describe('several captures', () => {
  it('merges alerts in timestamp order, the first capture first on equal times, each with its own state', async () => {
    const one = await cli([CAT_WRITE, '-r', SINGLE_RULE, '--json', '--no-summary'], ENV);
    const two = await cli([CAT_WRITE, CAT_WRITE, '-r', SINGLE_RULE, '--json', '--no-summary'], ENV);
    const a = one.stdout.trim().split('\n');
    expect(two.stdout.trim().split('\n')).toEqual(a.flatMap((l) => [l, l]));
    const mixed = await cli([DEMO, WEB, CAT_WRITE, '--no-summary'], ENV);
    const times = alertLines(mixed.stdout).map((l) => l.slice(0, 18));
    // Times of day only: 2016 (cat_write), 2024 (demo.scap), then the recorded demo.
    const sep = [CAT_WRITE, WEB, DEMO].map(async (c) => alertLines((await cli([c, '--no-summary'], ENV)).stdout));
    const [c1, c2, c3] = await Promise.all(sep);
    expect(alertLines(mixed.stdout)).toEqual([...(c1 ?? []), ...(c2 ?? []), ...(c3 ?? [])]);
    expect(times.length).toBe((c1?.length ?? 0) + (c2?.length ?? 0) + (c3?.length ?? 0));
  });
});

describe('damaged captures', () => {
  it('a truncated capture yields the alerts before the damage, a warning naming the file and offset, and exit 1', async () => {
    const dir = tmp();
    const plain = gunzipSync(readFileSync(DEMO));
    const whole = await cli([DEMO, '--no-summary'], ENV);
    const all = alertLines(whole.stdout + 'Events detected:');
    const cut = join(dir, 'cut.scap');
    writeFileSync(cut, plain.subarray(0, Math.floor(plain.length * 0.7) + 3));
    const r = await cli([cut, '--summary-file', join(dir, 's.json')], ENV);
    expect(r.code).toBe(1);
    const got = alertLines(r.stdout);
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(all.length);
    expect(got).toEqual(all.slice(0, got.length));
    expect(r.stdout).toContain(`Events detected: ${got.length}\n`);
    expect(r.stderr).toMatch(new RegExp(`${cut}: offset \\d+: error: capture ends inside`));
    expect(r.stderr).toContain(`warning: ${cut} could not be read to the end; the ${got.length} alerts before the damage were reported`);
    expect(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')).alerts).toBe(got.length);
  });
  it('a gzip capture cut short is read as far as it decompresses', async () => {
    const dir = tmp();
    const gz = gzipSync(gunzipSync(readFileSync(DEMO)));
    const cut = join(dir, 'cut.scap.gz');
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length * 0.8)));
    const r = await cli([cut], ENV);
    expect(r.code).toBe(1);
    expect(alertLines(r.stdout).length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/SCAP_GZIP|gzip/);
  });
  it('--fail-on-alert does not hide damage: exit 1 wins over 3', async () => {
    const dir = tmp();
    const cut = join(dir, 'cut.scap');
    writeFileSync(cut, gunzipSync(readFileSync(DEMO)).subarray(0, 20_000));
    expect((await cli([cut, '--fail-on-alert'], ENV)).code).toBe(1);
  });
});

describe('exit codes', () => {
  it('--fail-on-alert exits 3 when an alert fired, 0 otherwise', async () => {
    expect((await cli([CAT_WRITE, '-r', SINGLE_RULE, '--fail-on-alert'], ENV)).code).toBe(3);
    expect((await cli([CAT_WRITE, '-r', SINGLE_RULE, '--fail-on-alert', '--disable-rule', 'open_*'], ENV)).code).toBe(0);
  });
  it('stops quietly when stdout goes away (| head)', async () => {
    let writes = 0;
    class Closing extends Writable {
      isTTY = false;
      override _write(_c: Buffer | string, _e: BufferEncoding, cb: (err?: Error | null) => void): void {
        writes++;
        cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      }
    }
    const stderr = new Closing();
    stderr._write = (_c, _e, cb) => cb();
    const io: CliIo = { stdout: new Closing(), stderr, env: ENV, exitCode: 0 };
    const code = await runCli([CAT_WRITE, '-r', SINGLE_RULE, '--rule-matching', 'all'], io);
    expect(code).toBe(0);
    expect(writes).toBe(1);
  });
});

describe('selection flags and -o keep their order', () => {
  it('--disable-tag then --enable-rule re-enables one rule', async () => {
    const r = await cli([WEB, '--disable-tag', 'process', '--enable-rule', 'Unexpected process spawned'], ENV);
    const rules = summaryOf(r.stdout);
    expect(rules).toContain('Unexpected process spawned');
    expect(rules).not.toContain('Shell spawned by a non-shell program');
    const rev = await cli([WEB, '--enable-rule', 'Unexpected process spawned', '--disable-tag', 'process'], ENV);
    expect(summaryOf(rev.stdout)).not.toContain('Unexpected process spawned');
  });
  it('--min-priority keeps only rules at least that severe', async () => {
    const r = await cli([WEB, '--min-priority', 'warning'], ENV);
    expect(summaryOf(r.stdout)).toMatch(/^Events detected: \d+\nRule counts by severity:\n {3}ERROR: 1\n {3}WARNING: 4\nTriggered/);
  });
});
