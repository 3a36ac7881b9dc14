// N shards as N processes of the built CLI (dist/cli/main.js, built by `npm test`), then `merge`: the merged
// alert stream, Falco summary and summary file equal one run over the whole folder.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, REPO_ROOT } from '../helpers/paths.js';

const bin = join(REPO_ROOT, 'dist', 'cli', 'main.js');
const env = { ...process.env, FALCO_HOSTNAME: 'fleet', TZ: 'UTC', NO_COLOR: '1' };

function node(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [bin, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The summary file without its timing fields. */
const counted = (file: string): Record<string, unknown> => {
  const { elapsed_s: _e, events_per_s: _r, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return rest;
};

describe('shards as processes, merged', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'falco-replay-shards-'));
    mkdirSync(join(dir, 'captures'));
    mkdirSync(join(dir, 'out'));
    // Five copies of one capture: their alerts have equal times, which only the capture order can settle.
    for (const n of ['a', 'b', 'c', 'd', 'e']) copyFileSync(fixturePath('demo.scap'), join(dir, 'captures', `${n}-demo.scap`));
    for (const f of ['demo-payments-api-shell.scap', 'shell-redirect-copy-exec.scap', 'shell-redirect-copy-exec.current.scap']) copyFileSync(fixturePath('recorded', f), join(dir, 'captures', f));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives exactly what one run over all captures gives: alerts byte for byte, Falco summary, summary file', async () => {
    const one = await node(['run', 'captures', '--json', '--summary-file', 'out/one.json'], dir);
    expect(one.code).toBe(0);
    const n = 3;
    const shards = await Promise.all(
      Array.from({ length: n }, (_, k) => node(['run', 'captures', '--shard', `${k}/${n}`, '--json', '--no-summary', '--summary-file', `out/summary-${k}.json`], dir)),
    );
    shards.forEach((s, k) => {
      expect(s.code).toBe(0);
      writeFileSync(join(dir, 'out', `alerts-${k}.jsonl`), s.stdout);
    });
    // Every shard had alerts, and ties across shards exist (a-demo … e-demo span all three shards).
    for (const k of [0, 1, 2]) expect(counted(join(dir, 'out', `summary-${k}.json`)).alerts).toBeGreaterThan(0);

    // Summary files in any order, each alerts file in the same position as its summary.
    const order = [2, 0, 1];
    const merged = await node(
      ['merge', ...order.map((k) => `out/summary-${k}.json`), '--alerts', ...order.map((k) => `out/alerts-${k}.jsonl`), '--summary-file', 'out/merged.json'],
      dir,
    );
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(one.stdout);
    expect(one.stdout.split('\n').filter((l) => l.startsWith('{'))).toHaveLength(counted(join(dir, 'out', 'one.json')).alerts as number);
    expect(counted(join(dir, 'out', 'merged.json'))).toEqual(counted(join(dir, 'out', 'one.json')));
    expect(readFileSync(join(dir, 'out', 'merged.json'), 'utf8')).toMatch(/"elapsed_s": [\d.]+,\n {2}"events_per_s": \d+,\n {2}"skipped_events": 0,\n {2}"damaged_captures": \[\],\n {2}"events_by_source": \{\n {4}"syscall": 2489\n {2}\},\n {2}"alerts_by_source": \{\n {4}"syscall": 93\n {2}\},\n {2}"unknown_plugin_events": \{\}\n\}\n$/);

    // Without --alerts: Falco's summary alone, as `run --json` ends.
    const summaryOnly = await node(['merge', ...order.map((k) => `out/summary-${k}.json`)], dir);
    expect(summaryOnly.code).toBe(0);
    expect(summaryOnly.stdout).toBe(one.stdout.slice(one.stdout.indexOf('Events detected:')));
    expect(summaryOnly.stdout).toContain('Triggered rules by rule name:\n   Terminal shell in a container: 5\n   Shell spawned by a non-shell program: 14\n');
  });
});
