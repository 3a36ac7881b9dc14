// For the shared captures and each pair of consecutive official rules versions (sorted by version, and
// 2022-03 → 1.0.0): the diff's per-rule base, head and delta equal the counts of two separate
// `run --summary-file` runs. In process, with every rule enabled on both sides (`--enable-rule '*'`, so the
// captures fire something and the selection flags are shown to apply to both sides). Per capture for the
// captures where the diff counts any alert; over the whole folder for every rule.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import type { DiffReport } from '../../src/engine/index.js';
import { sharedPath } from '../helpers/paths.js';

const work = mkdtempSync(join(tmpdir(), 'fr-diffcounts-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CAPTURES = sharedPath('captures');
const RULES = sharedPath('rules');
const SELECT = ['--enable-rule', '*'];

const semver = (f: string): number[] | undefined => /^falco_rules-(\d+)\.(\d+)\.(\d+)\.yaml$/.exec(f)?.slice(1).map(Number);
const VERSIONS = readdirSync(RULES)
  .filter((f) => semver(f))
  .sort((a, b) => {
    const x = semver(a) as number[];
    const y = semver(b) as number[];
    return (x[0] as number) - (y[0] as number) || (x[1] as number) - (y[1] as number) || (x[2] as number) - (y[2] as number);
  });
const PAIRS: [string, string][] = [...VERSIONS.slice(1).map((v, i): [string, string] => [VERSIONS[i] as string, v]), ['falco_rules-2022-03.yaml', 'falco_rules-1.0.0.yaml']];

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d: Buffer) => (o += d.toString()));
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  const cio: CliIo = { stdout, stderr, env: { NO_COLOR: '1' }, exitCode: 0 };
  const code = await runCli(args, cio);
  await new Promise((r) => setImmediate(r));
  return { code, out: o, err: e };
}

const runCounts = new Map<string, Record<string, number>>();
/** `run --summary-file` per-rule counts of one rules file over captures (memoised). */
async function counts(rules: string, captures: string): Promise<Record<string, number>> {
  const key = `${rules}\u0000${captures}`;
  const hit = runCounts.get(key);
  if (hit) return hit;
  const file = join(work, `summary-${runCounts.size}.json`);
  const r = await cli(['run', captures, '-r', join(RULES, rules), ...SELECT, '--summary-file', file, '--no-summary', '--no-progress']);
  expect(r.code, r.err).toBe(0);
  const c = (JSON.parse(readFileSync(file, 'utf8')) as { by_rule: Record<string, number> }).by_rule;
  runCounts.set(key, c);
  return c;
}

describe('diff counts equal two separate runs (shared captures, consecutive official rules versions)', () => {
  it('pairs are sorted by version and include 2022-03 → 1.0.0', () => {
    expect(VERSIONS[0]).toBe('falco_rules-0.1.0.yaml');
    expect(PAIRS.length).toBe(VERSIONS.length);
    expect(PAIRS).toContainEqual(['falco_rules-5.0.0.yaml', 'falco_rules-5.1.0.yaml']);
  });

  for (const [base, head] of PAIRS) {
    it(`${base} → ${head}`, async () => {
      const d = await cli(['diff', CAPTURES, '--base', join(RULES, base), '--head', join(RULES, head), ...SELECT, '--json', '--fail-on', 'none', '--jobs', '1']);
      expect(d.code, d.err).toBe(0);
      const rep = JSON.parse(d.out) as DiffReport;
      expect(rep.captures.map((c) => c.capture)).toEqual(readdirSync(CAPTURES).filter((f) => /\.scap$/.test(f)).sort().map((f) => join(CAPTURES, f)));
      // The whole folder, every rule.
      const b = await counts(base, CAPTURES);
      const h = await counts(head, CAPTURES);
      const fired = rep.rules.filter((r) => r.base || r.head);
      expect(Object.fromEntries(fired.filter((r) => r.base).map((r) => [r.rule, r.base]))).toEqual(b);
      expect(Object.fromEntries(fired.filter((r) => r.head).map((r) => [r.rule, r.head]))).toEqual(h);
      for (const r of rep.rules) expect(r.delta).toBe((h[r.rule] ?? 0) - (b[r.rule] ?? 0));
      expect(rep.totals.base).toBe(Object.values(b).reduce((s, n) => s + n, 0));
      expect(rep.totals.head).toBe(Object.values(h).reduce((s, n) => s + n, 0));
      // The oldest rules fire on these captures: the comparison is not of empty sets.
      if (base === 'falco_rules-0.1.0.yaml') expect(rep.totals.base).toBeGreaterThan(0);
      // Each capture the diff counts alerts for, on its own.
      for (const c of rep.captures.filter((x) => x.base || x.head)) {
        const cb = await counts(base, c.capture);
        const ch = await counts(head, c.capture);
        expect(Object.fromEntries(c.rules.filter((r) => r.base).map((r) => [r.rule, r.base]))).toEqual(cb);
        expect(Object.fromEntries(c.rules.filter((r) => r.head).map((r) => [r.rule, r.head]))).toEqual(ch);
        for (const r of c.rules) expect(r.delta).toBe((ch[r.rule] ?? 0) - (cb[r.rule] ?? 0));
      }
    }, 300_000);
  }
});
