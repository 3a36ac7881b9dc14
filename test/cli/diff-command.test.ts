import { Command } from 'commander';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { registerDiff, type EvaluateBoth, type EvaluateRequest } from '../../src/cli/commands/diff.js';
import type { CliIo } from '../../src/cli/io.js';
import { RulesEngine, snapshotRules, type DiffAlert, type DiffReport } from '../../src/engine/index.js';

const work = mkdtempSync(join(tmpdir(), 'fr-diffcmd-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const RULE = (name: string, priority: string): string => `- rule: ${name}\n  desc: d\n  condition: evt.type=openat\n  output: ${name} %fd.name\n  priority: ${priority}\n`;

/** A fake of the one-pass evaluator: every enabled rule of a side fires once on event 1 of every capture. */
function fakeEvaluator(seen: EvaluateRequest[]): EvaluateBoth {
  return async (req) => {
    seen.push(req);
    const side = (files: EvaluateRequest['base']['files']) => {
      const engine = new RulesEngine();
      for (const f of files) {
        const res = engine.load(f.content, f.name);
        if (!res.successful) throw new Error(`${f.name}: invalid rules`);
      }
      const snapshot = snapshotRules(engine);
      const alerts: DiffAlert[] = req.captures.flatMap((capture) =>
        snapshot.rules.map((r) => ({ capture, evtnum: 1, time: '2024-01-01T00:00:00.000000000Z', rule: r.name, priority: r.priority, output: r.output, tags: r.tags })),
      );
      return { alerts, rules: snapshot.rules.map((r) => ({ name: r.name, priority: r.priority })), snapshot };
    };
    return { captures: req.captures, base: side(req.base.files), head: side(req.head.files) };
  };
}

function io(): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d: Buffer) => (o += d.toString()));
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  return { stdout, stderr, env: { NO_COLOR: '1' }, exitCode: 0, out: () => o, err: () => e };
}

async function run(args: string[], seen: EvaluateRequest[] = []): Promise<{ code: number; out: string; err: string }> {
  const cio = io();
  const program = new Command('falco-replay').exitOverride().configureOutput({ writeOut: (s) => cio.stdout.write(s), writeErr: (s) => cio.stderr.write(s) });
  registerDiff(program, cio, fakeEvaluator(seen));
  let code: number;
  try {
    await program.parseAsync(['diff', ...args], { from: 'user' });
    code = cio.exitCode;
  } catch (err) {
    code = (err as { exitCode?: number }).exitCode ?? -1;
  }
  await new Promise((r) => setImmediate(r));
  return { code, out: cio.out(), err: cio.err() };
}

const dir = (name: string, files: Record<string, string>): string => {
  const d = join(work, name);
  mkdirSync(d, { recursive: true });
  for (const [f, c] of Object.entries(files)) writeFileSync(join(d, f), c);
  return d;
};

describe('diff command (with a fake evaluator)', () => {
  const v1 = dir('v1', { 'r.yaml': RULE('A', 'WARNING') + RULE('B', 'NOTICE') });
  const v2 = dir('v2', { 'r.yaml': RULE('A', 'CRITICAL') + RULE('C', 'ERROR') });

  it('reports the diff as JSON and exits 3 on alert changes (default --fail-on any)', async () => {
    const seen: EvaluateRequest[] = [];
    const r = await run(['one.scap', 'two.scap', '--base', v1, '--head', v2, '--json', '-o', 'rule_matching=all', '--disable-tag', 'x'], seen);
    expect(r.err).toBe('');
    expect(r.code).toBe(3);
    const rep = JSON.parse(r.out) as DiffReport;
    expect(rep.totals).toEqual({ base: 4, head: 4, delta: 0, added: 2, removed: 2, changed: 2, shadowed: 0 });
    expect(rep.rules.map((x) => [x.rule, x.presence, x.base, x.head])).toEqual([
      ['A', 'both', 2, 2],
      ['C', 'head-only', 0, 2],
      ['B', 'base-only', 2, 0],
    ]);
    expect(rep.static_changes.map((c) => [c.name, c.level])).toEqual([
      ['B', 'major'],
      ['C', 'minor'],
      ['A', 'patch'],
    ]);
    expect(seen[0]?.options.ops).toEqual([
      { key: 'rule_matching', value: 'all' },
      { key: 'rules[].disable.tag', value: 'x' },
    ]);
    expect(seen[0]?.captures).toEqual(['one.scap', 'two.scap']);
  });

  it('--jobs and --threads reach the evaluator as given, and neither when not given', async () => {
    const seen: EvaluateRequest[] = [];
    await run(['c.scap', '--base', v1, '--head', v2, '--json', '--jobs', '2', '--threads', '3'], seen);
    await run(['c.scap', '--base', v1, '--head', v2, '--json'], seen);
    expect([seen[0]?.options.jobs, seen[0]?.options.threads]).toEqual([2, 3]);
    expect(seen[1]?.options).not.toHaveProperty('jobs');
    expect(seen[1]?.options).not.toHaveProperty('threads');
  });

  it('--fail-on decides the exit code', async () => {
    expect((await run(['c.scap', '--base', v1, '--head', v2, '--json', '--fail-on', 'none'])).code).toBe(0);
    expect((await run(['c.scap', '--base', v1, '--head', v2, '--json', '--fail-on', 'static-major'])).code).toBe(3);
    expect((await run(['c.scap', '--base', v1, '--head', v1, '--json'])).code).toBe(0);
    const bad = await run(['c.scap', '--base', v1, '--head', v2, '--fail-on', 'often']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('unknown value "often"');
  });

  it('prints the terminal report by default and Markdown on request, and writes JUnit', async () => {
    const junit = join(work, 'junit.xml');
    const text = await run(['c.scap', '--base', v1, '--head', v2, '--junit', junit]);
    expect(text.out).toContain('Alerts (');
    expect(text.out).not.toContain('\u001b[');
    expect(readFileSync(junit, 'utf8')).toContain('<testsuite name="c.scap" tests="3" failures="3"');
    const md = await run(['c.scap', '--base', v1, '--head', v2, '--markdown']);
    expect(md.out).toMatch(/^### falco-replay diff\n/);
  });

  it('needs --head and exactly one of --base and --base-ref; --json and --markdown exclude each other', async () => {
    expect((await run(['c.scap', '--base', v1])).err).toContain('--head <path> is required');
    expect((await run(['c.scap', '--head', v2])).err).toContain('exactly one of --base');
    expect((await run(['c.scap', '--head', v2, '--base', v1, '--base-ref', 'HEAD'])).err).toContain('exactly one of --base');
    expect((await run(['c.scap', '--head', v2, '--base', v1, '--json', '--markdown'])).code).not.toBe(0);
  });

  it('reports unreadable rules with the path and exit 1', async () => {
    const r = await run(['c.scap', '--base', join(work, 'missing'), '--head', v2]);
    expect(r.code).toBe(1);
    // The rules reader's own message (Falco's wording for a missing file), naming the path.
    expect(r.err).toContain(`Error: Could not open file ${join(work, 'missing')}`);
  });

  it('--base-ref: the base is the head paths at a git revision (a throwaway repository)', async () => {
    const repo = join(work, 'repo');
    mkdirSync(join(repo, 'rules'), { recursive: true });
    const git = (...a: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', '-c', 'commit.gpgsign=false', ...a], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    writeFileSync(join(repo, 'rules', 'r.yaml'), RULE('A', 'WARNING'));
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    writeFileSync(join(repo, 'rules', 'r.yaml'), RULE('A', 'WARNING') + RULE('New', 'ERROR'));
    git('commit', '-q', '-am', 'v2');
    const seen: EvaluateRequest[] = [];
    const r = await run(['c.scap', '--head', join(repo, 'rules'), '--base-ref', 'HEAD~1', '--json'], seen);
    expect(r.err).toBe('');
    expect(seen[0]?.base.files.map((f) => f.name)).toEqual([`HEAD~1:${join(repo, 'rules')}/r.yaml`]);
    expect(seen[0]?.base.files[0]?.content).toBe(RULE('A', 'WARNING'));
    const rep = JSON.parse(r.out) as DiffReport;
    expect(rep.added.map((a) => a.rule)).toEqual(['New']);
    expect(rep.static_changes.map((c) => [c.name, c.findings.map((f) => f.code)])).toEqual([['New', ['rule-added']]]);
    expect(rep.base.label).toBe(`HEAD~1:${join(repo, 'rules')}`);
    expect(r.code).toBe(3);
  });
});
