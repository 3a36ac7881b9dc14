// `run --jobs N`: captures replayed apart (in child processes from the build, in this process from the sources)
// give the alerts, their order and the summary of one replay over all of them, whatever N; a job that fails or is
// interrupted stops every other.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parallelReplay, type JobWorkers } from '../../src/cli/commands/run-jobs.js';
import type { RunOptions } from '../../src/cli/commands/run.js';
import type { CliIo } from '../../src/cli/io.js';
import { Replay } from '../../src/engine/index.js';
import { fileChunks } from '../../src/scap/index.js';
import { cli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { alive, waitForChildren } from '../helpers/processes.js';
import { Scenario } from '../helpers/scenario.js';

const T0 = 1_700_000_000_000_000_000n;
const bin = join(REPO_ROOT, 'dist', 'cli', 'main.js');

/** Capture `k`: starts a little after the previous one and opens files at its own pace, so alerts interleave. */
function capture(k: number, opens: number): Buffer {
  const s = new Scenario({ start: T0 + BigInt(k * 1500), layout: 'current' });
  const p = s.process({ pid: 100 + k, comm: `worker${k}`, exepath: `/usr/bin/worker${k}`, args: [] });
  for (let i = 0; i < opens; i++) {
    s.advance(1000 * (k + 1));
    p.close(p.open(`/data/c${k}/f${i}`));
    // Same instant in every capture now and then: ties go to the capture listed first.
    if (i % 7 === 0) s.advance(0);
  }
  return s.toBuffer();
}

const RULES = `
- rule: Open seen
  desc: every open
  condition: evt.type = open and fd.name startswith /data
  output: open %fd.name by %proc.name (num=%evt.num)
  priority: WARNING
- rule: Close seen
  desc: every close of a data file
  condition: evt.type = close and fd.name startswith /data/c1
  output: close %fd.name
  priority: NOTICE
`;

describe('run --jobs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fr-jobs-'));
  const caps = join(dir, 'caps');
  mkdirSync(caps);
  [40, 25, 60, 10].forEach((n, k) => writeFileSync(join(caps, `c${k}.scap`), capture(k, n)));
  const rules = join(dir, 'rules.yaml');
  writeFileSync(rules, RULES);

  it('prints the same alerts, in the same order, and the same summary as one replay (in process)', async () => {
    const one = await cli(['run', caps, '-r', rules, '--jobs', '1']);
    expect(one.code).toBe(0);
    expect(one.stdout.split('\n').filter((l) => l.includes('open /data')).length).toBe(135);
    for (const j of ['2', '3', '8']) {
      const many = await cli(['run', caps, '-r', rules, '--jobs', j]);
      expect(many.stdout).toBe(one.stdout);
      expect(many.stderr).toBe(one.stderr);
      expect(many.code).toBe(one.code);
    }
    // The merge interleaves captures: not one capture after another.
    const order = one.stdout.split('\n').filter((l) => l.includes('open /data')).map((l) => /\/data\/c(\d)/.exec(l)?.[1]);
    expect(order.slice(0, 8)).not.toEqual(Array(8).fill(order[0]));
  });

  it('gives the same JSON alerts and summary file from job processes (built entry point)', () => {
    const run = (j: string): { out: string; summary: unknown } => {
      const file = join(dir, `summary-${j}.json`);
      const r = spawnSync('node', [bin, 'run', caps, '-r', rules, '--json', '--jobs', j, '--summary-file', file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const summary = JSON.parse(spawnSync('cat', [file], { encoding: 'utf8' }).stdout) as Record<string, unknown>;
      // Wall-clock figures differ from run to run; everything else must not.
      delete summary.elapsed_s;
      delete summary.events_per_s;
      return { out: r.stdout, summary };
    };
    const one = run('1');
    const two = run('2');
    expect(two.out).toBe(one.out);
    expect(two.summary).toEqual(one.summary);
  });

  it("routes what a job process prints on stderr through this process, control characters escaped", () => {
    // A module every process of the run imports first (node passes its flags on to the job processes); it
    // prints only in a job process.
    const src = "if (process.argv[1].endsWith('run-worker.js')) process.stderr.write('job says \\x1b]0;owned\\x07 \\u202eexe.txt\\n')";
    const run = (j: string) => spawnSync('node', ['--import', `data:text/javascript,${encodeURIComponent(src)}`, bin, 'run', caps, '-r', rules, '--json', '--jobs', j], { encoding: 'utf8' });
    const one = run('1');
    const two = run('2');
    expect(one.stderr).toBe('');
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe('job says \\x1b]0;owned\\x07 \\u202eexe.txt\n');
  });

  it('ends as --jobs 1 does when the job process started ahead gets no job (one capture), and so does that process', async () => {
    const one = join(caps, 'c2.scap');
    // Every job process of the run writes its process id here first.
    const pids = join(dir, 'spare-pids.txt');
    writeFileSync(pids, '');
    const src = `import { appendFileSync } from 'node:fs'; if (process.argv[1].endsWith('run-worker.js')) appendFileSync(${JSON.stringify(pids)}, process.pid + '\\n')`;
    const spawnRun = (args: string[]) => spawnSync('node', ['--import', `data:text/javascript,${encodeURIComponent(src)}`, bin, 'run', ...args], { encoding: 'utf8', timeout: 60_000 });
    // `--json` before the capture: the guess cannot tell the capture from the flag's value, so it starts one.
    const run = (j: string) => spawnRun(['--json', one, '-r', rules, '--jobs', j]);
    const a = run('1');
    const b = run('2');
    expect(b.status).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stderr).toBe(a.stderr);
    const started = readFileSync(pids, 'utf8').split('\n').filter(Boolean).map(Number);
    expect(started.length).toBe(1);
    // A command line that plainly names one capture file starts none.
    writeFileSync(pids, '');
    const c = spawnRun([one, '-r', rules, '--json', '--jobs', '2']);
    expect(c.stdout).toBe(a.stdout);
    expect(readFileSync(pids, 'utf8')).toBe('');
    for (let i = 0; i < 100 && started.some(alive); i++) await new Promise((res) => setTimeout(res, 50));
    expect(started.filter(alive)).toEqual([]);
  });

  it('orders alerts by source as one replay does (rule order), when the sources alert in different job groups', () => {
    // The bigger capture (the first group) alerts only on k8s audit events, the other only on syscalls; the
    // syscall rule comes first, so one replay lists syscall first.
    const audit = new Scenario({ start: T0, layout: 'current' });
    for (let i = 0; i < 30; i++) {
      audit.advance(1000);
      audit.pluginEvent(1, JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: `a${i}`, verb: 'create', user: { username: `u${i}` }, objectRef: { resource: 'pods' } }));
    }
    const both = join(dir, 'two-sources');
    mkdirSync(both);
    writeFileSync(join(both, 'a-audit.scap'), audit.toBuffer());
    writeFileSync(join(both, 'b-syscall.scap'), capture(0, 3));
    const twoRules = join(dir, 'two-sources.yaml');
    writeFileSync(
      twoRules,
      `${RULES}- rule: Pod created\n  desc: d\n  condition: ka.verb = create\n  output: pod by %ka.user.name\n  priority: NOTICE\n  source: k8s_audit\n`,
    );
    const run = (j: string): { stderr: string; summary: Record<string, unknown> } => {
      const file = join(dir, `two-sources-${j}.json`);
      const r = spawnSync('node', [bin, 'run', both, '-r', twoRules, '--jobs', j, '--summary-file', file, '--no-progress'], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      const summary = JSON.parse(spawnSync('cat', [file], { encoding: 'utf8' }).stdout) as Record<string, unknown>;
      delete summary.elapsed_s;
      delete summary.events_per_s;
      return { stderr: r.stderr, summary };
    };
    const one = run('1');
    const two = run('2');
    expect(Object.entries(one.summary.alerts_by_source as object)).toEqual([
      ['syscall', 3],
      ['k8s_audit', 30],
    ]);
    expect(JSON.stringify(two.summary)).toBe(JSON.stringify(one.summary));
    const bySource = (s: string): string | undefined => s.split('\n').find((l) => l.includes('by source'));
    expect(bySource(one.stderr)).toContain('syscall');
    expect(bySource(two.stderr)).toBe(bySource(one.stderr));
  });

  it('stops the job processes it started early when the rules do not load, with the error one replay gives', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, '- rule: x\n  desc: d\n  condition: evt.type = open and nosuchfield = 1\n  output: o\n  priority: INFO\n');
    const run = (j: string) => spawnSync('node', [bin, 'run', caps, '-r', bad, '--jobs', j, '--no-progress'], { encoding: 'utf8', timeout: 60_000 });
    const one = run('1');
    const two = run('2');
    expect(one.status).toBe(1);
    expect(one.stderr).toContain('Error: could not load rules file');
    expect(two.status).toBe(one.status);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout).toBe(one.stdout);
  });

  it('refuses a --jobs that is not a positive integer', async () => {
    const r = await cli(['run', caps, '-r', rules, '--jobs', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/positive number of worker threads/);
  });

  it('stops the other jobs and its own replay when a job fails, and fails with that job\'s error', async () => {
    const files = [0, 1, 2].map((k) => join(caps, `c${k}.scap`));
    const stopLocal = new AbortController();
    const local = new Replay({ rules: [{ name: rules, content: RULES }], captures: [{ name: files[0] as string, open: () => fileChunks(files[0] as string), path: files[0] }], alertClocks: true, signal: stopLocal.signal, zoneSeconds: 0 });
    let terminated = 0;
    const jobs: JobWorkers = [
      { result: Promise.reject(new Error('a replay job process stopped before it finished (signal SIGKILL)')), terminate: () => undefined },
      { result: new Promise<never>(() => undefined), terminate: () => void terminated++ },
    ];
    const opts: RunOptions = { rules: [rules], capture: files, ops: [], summary: false, progress: false, jobs: 3 };
    const io = { stdout: process.stdout, stderr: process.stderr, env: {}, exitCode: 0 } as unknown as CliIo;
    await expect(parallelReplay(files, [[0], [1], [2]], local, opts, io, jobs, () => stopLocal.abort())).rejects.toThrow('a replay job process stopped before it finished (signal SIGKILL)');
    // The job that would never answer was stopped, and so was this process's replay.
    expect(terminated).toBe(1);
    expect(stopLocal.signal.aborted).toBe(true);
  });

  describe('job processes (built entry point)', () => {
    // Three copies of a capture long enough that every job is still running when the test acts on it.
    const big = join(dir, 'big');
    mkdirSync(big);
    const s = new Scenario({ start: T0, layout: 'current' });
    const p = s.process({ pid: 100, comm: 'worker', exepath: '/usr/bin/worker', args: [] });
    for (let i = 0; i < 60_000; i++) {
      s.advance(1000);
      p.close(p.open(`/data/c0/f${i % 50}`));
    }
    writeFileSync(join(dir, 'big.scap'), s.toBuffer());
    for (let k = 0; k < 3; k++) symlinkSync(join(dir, 'big.scap'), join(big, `b${k}.scap`));

    /** Start `run --jobs 3` over the three copies; resolves once both job processes run, with the parent's end. */
    async function started(detached: boolean) {
      const proc = spawn('node', [bin, 'run', big, '-r', rules, '--jobs', '3', '--no-progress'], { stdio: ['ignore', 'pipe', 'pipe'], detached });
      let stderr = '';
      proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      proc.stdout.resume();
      const end = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((res) => proc.on('exit', (code, signal) => res({ code, signal, stderr })));
      const kids = await waitForChildren(proc.pid as number, 2);
      expect(kids.length).toBe(2);
      return { proc, kids, end };
    }

    it('a job process that dies ends the run with exit 1 and its reason, and the other job is stopped', async () => {
      const { kids, end } = await started(false);
      process.kill(kids[0] as number, 'SIGKILL');
      const r = await end;
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/a replay job process \(replaying \S*b[12]\.scap\) stopped before it finished \(signal SIGKILL\)/);
      expect(r.stderr).toContain('falco-replay: error: a replay job process');
      expect(r.stderr).not.toContain('internal error');
      expect(alive(kids[1] as number)).toBe(false);
    }, 60_000);

    it('Ctrl-C (SIGINT to the process group) stops every job', async () => {
      const { proc, kids, end } = await started(true);
      process.kill(-(proc.pid as number), 'SIGINT');
      const r = await end;
      expect(r.signal).toBe('SIGINT');
      await new Promise((res) => setTimeout(res, 200));
      for (const k of kids) expect(alive(k)).toBe(false);
    }, 60_000);
  });
});
