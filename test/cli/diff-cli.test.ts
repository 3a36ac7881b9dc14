// `diff`, `baseline save` and `test` end to end on captures we build: the README's CI commands on a throwaway
// git repository, baselines (no drift, drift, a changed capture, --update), and `--jobs` giving the same
// report byte for byte (job processes need the built entry point, dist/cli/main.js).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import type { DiffReport } from '../../src/engine/index.js';
import { Scenario } from '../helpers/scenario.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { alive, waitForChildren } from '../helpers/processes.js';

const work = mkdtempSync(join(tmpdir(), 'fr-diffcli-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A shell reading files below /etc with cat; `n` varies the files so captures differ. */
function capture(n: number): Buffer {
  const s = new Scenario();
  s.process({ pid: 1, ppid: 0, comm: 'systemd', exepath: '/usr/lib/systemd/systemd', args: [] });
  const bash = s.process({ pid: 100 + n, ppid: 1, comm: 'bash', exepath: '/bin/bash' });
  s.advance(1_000_000n);
  const cat = bash.clone();
  cat.execve('/bin/cat', ['cat', '/etc/shadow']);
  for (let i = 0; i <= n; i++) cat.close(cat.open(i % 2 ? '/etc/passwd' : '/etc/shadow'));
  cat.exit();
  bash.close(bash.open('/etc/hosts'));
  return s.toBuffer();
}

const RULES_V1 = `
- macro: opened
  condition: evt.type in (open, openat) and evt.dir=<
- rule: Read shadow
  desc: the shadow file was opened
  condition: opened and fd.name=/etc/shadow
  output: shadow read by %proc.name (file=%fd.name)
  priority: WARNING
- rule: Read passwd
  desc: the passwd file was opened
  condition: opened and fd.name=/etc/passwd
  output: passwd read by %proc.name (file=%fd.name)
  priority: NOTICE
`;
const RULES_V2 = RULES_V1.replace('priority: NOTICE', 'priority: NOTICE\n  enabled: false');

function io(): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d: Buffer) => (o += d.toString()));
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  return { stdout, stderr, env: { NO_COLOR: '1' }, exitCode: 0, out: () => o, err: () => e };
}

async function cli(args: string[], cwd?: string): Promise<{ code: number; out: string; err: string }> {
  const cio = io();
  const before = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await runCli(args, cio);
    await new Promise((r) => setImmediate(r));
    return { code, out: cio.out(), err: cio.err() };
  } finally {
    process.chdir(before);
  }
}

const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });

describe('the README CI commands on a throwaway git repository', () => {
  it('commit rules v1, change a rule, diff --base-ref HEAD~1: the Markdown report shows it, exit 3', async () => {
    const repo = join(work, 'repo');
    mkdirSync(join(repo, 'rules'), { recursive: true });
    mkdirSync(join(repo, 'caps'), { recursive: true });
    writeFileSync(join(repo, 'caps', 'story.scap'), capture(1));
    writeFileSync(join(repo, 'rules', 'local.yaml'), RULES_V1);
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'rules v1');
    writeFileSync(join(repo, 'rules', 'local.yaml'), RULES_V2);
    git(repo, 'commit', '-qam', 'disable Read passwd');

    const md = await cli(['diff', 'caps/', '--head', 'rules/', '--base-ref', 'HEAD~1', '--markdown'], repo);
    expect(md.err).toBe('');
    expect(md.code).toBe(3);
    expect(md.out).toContain('Read passwd');
    const json = await cli(['diff', 'caps/', '--head', 'rules/', '--base-ref', 'HEAD~1', '--json'], repo);
    const rep = JSON.parse(json.out) as DiffReport;
    expect(rep.removed.map((a) => [a.rule, a.priority, a.capture])).toEqual([['Read passwd', 'Notice', join('caps', 'story.scap')]]);
    expect(rep.added).toEqual([]);
    expect(rep.rules.map((r) => [r.rule, r.base, r.head, r.delta])).toEqual([
      ['Read shadow', 1, 1, 0],
      ['Read passwd', 1, 0, -1],
    ]);
    expect(rep.static_changes.map((c) => [c.name, c.level])).toEqual([['Read passwd', 'major']]);
    expect(rep.base.label).toBe('HEAD~1:rules/');
    // Against itself nothing changes: exit 0.
    expect((await cli(['diff', 'caps/', '--head', 'rules/', '--base-ref', 'HEAD', '--json'], repo)).code).toBe(0);
  });
});

describe('diff errors', () => {
  const v1 = join(work, 'e1.yaml');
  writeFileSync(v1, RULES_V1);

  it('a damaged capture: the report is still printed, the damage goes to stderr, exit 1', async () => {
    const whole = capture(2);
    const cut = join(work, 'cut.scap');
    writeFileSync(cut, whole.subarray(0, whole.length - 40));
    const r = await cli(['diff', cut, '--base', v1, '--head', v1, '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(cut);
    expect((JSON.parse(r.out) as DiffReport).totals.base).toBeGreaterThan(0);
  });

  it('head rules that do not load: which side and Falco\'s diagnostics, exit 1, no report', async () => {
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, '- rule: Broken\n  desc: d\n  condition: evt.type=\n  output: x\n  priority: INFO\n');
    const cap = join(work, 'ok.scap');
    writeFileSync(cap, capture(1));
    const r = await cli(['diff', cap, '--base', v1, '--head', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}: could not load rules file ${bad}`);
    expect(r.err).toMatch(/LOAD_ERR/);
    expect(r.out).toBe('');
  });
});

describe('baseline save and test', () => {
  const dir = join(work, 'bl');
  const caps = join(work, 'bl-caps');
  mkdirSync(caps, { recursive: true });
  writeFileSync(join(caps, 'a.scap'), capture(1));
  writeFileSync(join(caps, 'b.scap'), capture(2));
  const v1 = join(work, 'v1.yaml');
  const v2 = join(work, 'v2.yaml');
  writeFileSync(v1, RULES_V1);
  writeFileSync(v2, RULES_V2);

  it('save writes one sorted baseline per capture; test against the same rules passes (exit 0)', async () => {
    const s = await cli(['baseline', 'save', dir, '-r', v1, caps]);
    expect(s.err).toBe('');
    expect(s.code).toBe(0);
    expect(s.out).toContain('2 baselines saved (5 alerts)');
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    const b = JSON.parse(readFileSync(join(dir, files[0] as string), 'utf8')) as { capture: string; alerts: { evtnum: number; rule: string }[] };
    expect(b.capture).toBe(join(caps, 'a.scap'));
    expect(b.alerts.map((a) => a.rule)).toEqual(['Read shadow', 'Read passwd', 'Read shadow'].slice(0, b.alerts.length));
    const t = await cli(['test', dir, '-r', v1, '--json']);
    expect(t.code).toBe(0);
    expect((JSON.parse(t.out) as DiffReport).totals).toMatchObject({ base: 5, head: 5, added: 0, removed: 0, changed: 0 });
    // `--threads` as `diff` has it: taken, the same report; a bad count is a usage error.
    const one = await cli(['test', dir, '-r', v1, '--json', '--threads', '1']);
    expect([one.code, one.out]).toEqual([0, t.out]);
    const bad = await cli(['baseline', 'save', join(work, 'bl-bad'), '-r', v1, caps, '--threads', '0']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("option '--threads <n>' argument '0' is invalid");
  });

  it('test with changed rules prints the drift and exits 3; --update rewrites the baselines', async () => {
    const t = await cli(['test', dir, '-r', v2, '--json']);
    expect(t.code).toBe(3);
    expect(t.err).toContain('rules files changed since the baselines');
    const rep = JSON.parse(t.out) as DiffReport;
    expect(rep.removed.map((a) => a.rule)).toEqual(['Read passwd', 'Read passwd']);
    const u = await cli(['test', dir, '-r', v2, '--update', '--json']);
    expect(u.code).toBe(0);
    expect((await cli(['test', dir, '-r', v2])).code).toBe(0);
  });

  it('a capture changed since its baseline is an error that says so (exit 1)', async () => {
    writeFileSync(join(caps, 'b.scap'), capture(3));
    const t = await cli(['test', dir, '-r', v2]);
    expect(t.code).toBe(1);
    expect(t.err).toContain(`capture ${join(caps, 'b.scap')} changed since the baseline was saved`);
    expect(t.out).toBe('');
  });
});

describe('--jobs', () => {
  it('the report is byte-identical with 1, 2 and 3 job processes over a folder of 4 captures, and with --threads (built CLI)', () => {
    const caps = join(work, 'jobs');
    mkdirSync(caps, { recursive: true });
    for (let i = 0; i < 4; i++) writeFileSync(join(caps, `c${i}.scap`), capture(i));
    const v1 = join(work, 'j1.yaml');
    const v2 = join(work, 'j2.yaml');
    writeFileSync(v1, RULES_V1);
    writeFileSync(v2, RULES_V2);
    const bin = join(REPO_ROOT, 'dist', 'cli', 'main.js');
    const outs = [1, 2, 3].map((j) => {
      const r = spawnSync('node', [bin, 'diff', caps, '--base', v1, '--head', v2, '--json', '--jobs', String(j)], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(3);
      return r.stdout;
    });
    const rep = JSON.parse(outs[0] as string) as DiffReport;
    expect(rep.removed).toHaveLength(4);
    expect(rep.static_changes.map((c) => [c.name, c.level])).toEqual([['Read passwd', 'major']]);
    expect(outs[1]).toBe(outs[0]);
    expect(outs[2]).toBe(outs[0]);
    // `--threads` as `run` has it: the same report whatever the threads of each job.
    for (const [j, t] of [
      [1, 1],
      [1, 3],
      [2, 1],
    ]) {
      const r = spawnSync('node', [bin, 'diff', caps, '--base', v1, '--head', v2, '--json', '--jobs', String(j), '--threads', String(t)], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(3);
      expect(r.stdout).toBe(outs[0]);
    }
    const bad = spawnSync('node', [bin, 'diff', caps, '--base', v1, '--head', v2, '--threads', '0'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("option '--threads <n>' argument '0' is invalid");
    expect(bad.stdout).toBe('');
  });

  it('rules that do not load fail alike with 1 and 2 job processes: the same message, exit 1 (built CLI)', () => {
    const caps = join(work, 'jobs-bad');
    mkdirSync(caps, { recursive: true });
    for (let i = 0; i < 2; i++) writeFileSync(join(caps, `c${i}.scap`), capture(i));
    const good = join(work, 'b1.yaml');
    const bad = join(work, 'b2.yaml');
    writeFileSync(good, RULES_V1);
    writeFileSync(bad, `${RULES_V1}- rule: Broken\n  desc: x\n  condition: evt.type in (open\n  output: x\n  priority: NOTICE\n`);
    const bin = join(REPO_ROOT, 'dist', 'cli', 'main.js');
    const runs = [1, 2].map((j) => spawnSync('node', [bin, 'diff', caps, '--base', good, '--head', bad, '--json', '--jobs', String(j)], { encoding: 'utf8', timeout: 60_000 }));
    for (const r of runs) {
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
    }
    expect(runs[0]?.stderr).toContain(bad);
    expect(runs[1]?.stderr).toBe(runs[0]?.stderr);
  });

  it('a job process that dies fails the diff (exit 1, its reason) and the other job is stopped (built CLI)', async () => {
    // Three copies of a capture long enough that every job still runs when the test kills one.
    const caps = join(work, 'jobs-kill');
    mkdirSync(caps, { recursive: true });
    const s = new Scenario();
    const p = s.process({ pid: 100, ppid: 1, comm: 'bash', exepath: '/bin/bash' });
    for (let i = 0; i < 60_000; i++) {
      s.advance(1000);
      p.close(p.open(`/etc/f${i % 50}`));
    }
    writeFileSync(join(work, 'long.scap'), s.toBuffer());
    for (let k = 0; k < 3; k++) symlinkSync(join(work, 'long.scap'), join(caps, `l${k}.scap`));
    const v1 = join(work, 'k1.yaml');
    const v2 = join(work, 'k2.yaml');
    writeFileSync(v1, RULES_V1);
    writeFileSync(v2, RULES_V2);
    const proc = spawn('node', [join(REPO_ROOT, 'dist', 'cli', 'main.js'), 'diff', caps, '--base', v1, '--head', v2, '--json', '--jobs', '3'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const end = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
    const kids = await waitForChildren(proc.pid as number, 2);
    expect(kids.length).toBe(2);
    process.kill(kids[0] as number, 'SIGKILL');
    expect(await end).toBe(1);
    expect(stderr).toMatch(/a replay job process \(replaying \S*l[12]\.scap\) stopped before it finished \(signal SIGKILL\)/);
    expect(stderr).not.toContain('internal error');
    expect(alive(kids[1] as number)).toBe(false);
  }, 60_000);
});
