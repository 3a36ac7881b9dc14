// `run --threads N` as a user runs it (the built entry point, whose worker script exists): the same stdout,
// stderr, exit code and summary file as `--threads 1`, text and JSON, on a damaged capture and on several
// captures; and the option's own checks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { fixturePath, REPO_ROOT, sharedPath } from '../helpers/paths.js';

const main = join(REPO_ROOT, 'dist', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'falco-replay-run-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const demo = fixturePath('recorded', 'demo-payments-api-shell.scap');
const demoBytes = ((b: Buffer) => (b[0] === 0x1f ? gunzipSync(b) : b))(readFileSync(demo));
const cut = join(dir, 'demo-cut.scap');
writeFileSync(cut, demoBytes.subarray(0, Math.floor(demoBytes.length * 0.75) + 1));
const stock = ['falco_rules-5.1.0.yaml', 'falco-incubating_rules-main.yaml', 'falco-sandbox_rules-main.yaml'].flatMap((f) => ['-r', sharedPath('rules', f)]);

function run(argv: string[], threads: number): { status: number | null; stdout: string; stderr: string; summary: string } {
  const summaryFile = join(dir, `summary-${threads}.json`);
  const r = spawnSync(process.execPath, [main, ...argv, '--threads', String(threads), '--no-progress', '--summary-file', summaryFile], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', NO_COLOR: '1', FALCO_HOSTNAME: 'test' },
    maxBuffer: 1 << 26,
  });
  const summary = JSON.stringify({ ...JSON.parse(readFileSync(summaryFile, 'utf8')), elapsed_s: undefined, events_per_s: undefined });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, summary };
}

describe('run --threads', () => {
  it.each([
    ['the demo with the bundled rules', [demo]],
    ['the demo as JSON with rule_matching all', [demo, '--json', '--rule-matching', 'all']],
    ['a truncated capture (warning and exit code)', [cut]],
    ['several captures merged, the stock rules', [demo, cut, sharedPath('captures', 'curl_google.scap'), sharedPath('captures', 'connect_localhost.scap'), ...stock]],
    ['-M on merged captures', [demo, sharedPath('captures', 'curl_google.scap'), '-M', '0.05']],
  ])('%s: the same output as --threads 1', (_name, argv) => {
    const one = run(argv, 1);
    expect(one.stdout.length).toBeGreaterThan(0);
    for (const n of [2, 5]) {
      const got = run(argv, n);
      expect(got.status).toBe(one.status);
      expect(got.stdout).toBe(one.stdout);
      expect(got.stderr).toBe(one.stderr);
      expect(got.summary).toBe(one.summary);
    }
  });

  it('a truncated capture still warns with the offset of the damage', () => {
    const r = run([cut], 2);
    expect(r.stderr).toMatch(/SCAP_TRUNCATED|ends inside/);
    expect(r.status).not.toBe(0);
  });

  it.each(['0', '-1', '1.5', 'two', '65'])('--threads %s is a usage error naming the option', async (v) => {
    const r = await cli(['run', demo, '--threads', v]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--threads/);
    expect(r.stderr).toMatch(/whole number of threads from 1 to 64/);
  });
});
