// `falco-replay record` as users run it (the built CLI in dist/, as root): until Ctrl-C or SIGTERM, captures
// sysdig 0.29.3 reads, the command's exit status, exe paths, the recorder's process title, the snaplen default
// and the drop counters.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, realpathSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRecorderStats, RECORDER_STATS_EVENT_NAME } from '../../src/native/index.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { replayObjects, sysdigObjects, tempDir, walkBlocks } from './helpers.js';

const BIN = join(REPO_ROOT, 'dist', 'cli', 'main.js');
const ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', LANG: 'C' };
const RULES = join(REPO_ROOT, 'fixtures', 'rules', 'default');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; with `signal`, sends it once the recording has started and `afterMs` have passed. */
function run(args: string[], signal?: { name: NodeJS.Signals; afterMs: number }): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (signal && !sent && stderr.includes('recording ')) {
        sent = true;
        setTimeout(() => child.kill(signal.name), signal.afterMs);
      }
    });
    child.on('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr }));
  });
}

/** Recording span stored in the capture's trailing stats event, in seconds. */
function recordedSeconds(file: string): number {
  const last = walkBlocks(file).events.at(-1)!;
  const s = parseRecorderStats(RECORDER_STATS_EVENT_NAME, last.params[2]!);
  if (!s) throw new Error(`${file}: no recorder stats event`);
  return (s.endTs - s.startTs) / 1e9;
}

function mountsOfType(type: string): string[] {
  return readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' '))
    .filter((f) => f[2] === type)
    .map((f) => f[1]!);
}

describe('falco-replay record (the CLI)', () => {
  const tmp = tempDir('record-cli');
  const copy = `/dev/shm/fr-copied-true-${process.pid}`;
  afterAll(() => {
    tmp.cleanup();
    rmSync(copy, { force: true });
  });

  it('--all records until SIGINT, then writes the file and exits 0; sysdig 0.29.3 reads the 2 s host-wide capture', async () => {
    const out = join(tmp.dir, 'all.scap');
    // something on the host that runs syscalls sysdig 0.29.3 has no id for (close_range) during the capture
    const busy = spawn('sh', ['-c', 'while :; do /usr/bin/python3 -c "import subprocess; subprocess.run([\'true\'])"; sleep 0.2; done'], { stdio: 'ignore' });
    let r: Run;
    try {
      r = await run(['record', '--all', '-o', out], { name: 'SIGINT', afterMs: 2000 });
    } finally {
      busy.kill('SIGKILL');
    }
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/wrote .*all\.scap: \d+ events/);
    expect(recordedSeconds(out)).toBeGreaterThan(1.5);
    const s = spawnSync('sysdig', ['-r', out], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    expect(s.status).toBe(0);
  });

  it('--cgroup records until SIGTERM, then writes the file and exits 0', async () => {
    const cg = join(mountsOfType('cgroup2')[0]!, `falco-replay-cli-${process.pid}`);
    mkdirSync(cg);
    try {
      const out = join(tmp.dir, 'cg.scap');
      const r = await run(['record', '--cgroup', cg, '-o', out], { name: 'SIGTERM', afterMs: 1000 });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('wrote ');
      expect(recordedSeconds(out)).toBeGreaterThan(0.8);
    } finally {
      rmdirSync(cg);
    }
  });

  it('refuses a cgroup v1 path by name', async () => {
    let v1 = mountsOfType('cgroup')[0];
    let mounted: string | undefined;
    if (!v1) {
      mounted = join(tmp.dir, 'v1');
      mkdirSync(mounted);
      expect(spawnSync('mount', ['-t', 'cgroup', '-o', 'none,name=frtest', 'cgroup', mounted]).status).toBe(0);
      v1 = mounted;
    }
    try {
      const r = await run(['record', '--cgroup', v1, '-o', join(tmp.dir, 'v1.scap')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`cgroup v1 is not supported: ${v1} is in a cgroup v1 hierarchy`);
      expect(r.stderr).not.toContain('Bad file descriptor');
    } finally {
      if (mounted) spawnSync('umount', [mounted]);
    }
  });

  it('writes close_range of a Python subprocess as the generic event 2022 drivers wrote, which sysdig 0.29.3 reads', async () => {
    const out = join(tmp.dir, 'py.scap');
    const r = await run(['record', '-q', '-o', out, '--', '/usr/bin/python3', '-c', "import subprocess; subprocess.run(['true'])"]);
    expect(r.code).toBe(0);
    const generic = walkBlocks(out).events.filter((e) => e.type === 0 /* PPME_GENERIC_E */);
    // PPM_SC_UNKNOWN and the x86_64 syscall number of close_range (436)
    expect(generic.some((e) => e.params[0]!.readUInt16LE(0) === 0 && e.params[1]!.readUInt16LE(0) === 436)).toBe(true);
    const s = spawnSync('sysdig', ['-r', out], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    expect(s.status).toBe(0);
  });

  it('exits with the command exit code, or 128 + the signal that killed it; --quiet prints nothing', async () => {
    const a = await run(['record', '-q', '-o', join(tmp.dir, 'exit7.scap'), '--', 'sh', '-c', 'exit 7']);
    expect([a.code, a.stdout, a.stderr]).toEqual([7, '', '']);
    const b = await run(['record', '-q', '-o', join(tmp.dir, 'term.scap'), '--', 'sh', '-c', 'kill -TERM $$']);
    expect([b.code, b.stderr]).toEqual([143, '']);
    // SIGTERM to the recorder is passed on to the command, whose end then ends the recording
    const t = await run(['record', '-o', join(tmp.dir, 'sleep.scap'), '--', 'sleep', '30'], { name: 'SIGTERM', afterMs: 500 });
    expect(t.code).toBe(143);
    expect(t.stderr).toContain('command was killed by signal 15');
    expect(t.stderr).toContain('wrote ');
    const c = await run(['record', '-o', join(tmp.dir, 'ok.scap'), '--', 'true']);
    expect(c.code).toBe(0);
    expect(c.stderr).toContain('command exited with code 0');
  });

  it('--layout current: proc.exepath follows /proc/PID/exe (a copied binary, run directly and through a symlink)', async () => {
    copyFileSync('/usr/bin/true', copy);
    const link = join(tmp.dir, 'link-to-copy');
    symlinkSync(copy, link);
    const out = join(tmp.dir, 'exe.scap');
    const r = await run(['record', '-q', '--layout', 'current', '-o', out, '--', 'sh', '-c', `${copy}; ${link}`]);
    expect(r.code).toBe(0);
    const rows = await replayObjects(out, ['proc.name', 'proc.exepath'], "evt.type=execve and evt.dir='<'", ['--convert']);
    expect(rows).toEqual([
      { 'proc.name': 'sh', 'proc.exepath': realpathSync('/usr/bin/sh') },
      { 'proc.name': copy.split('/').pop()!.slice(0, 15) /* a comm */, 'proc.exepath': copy },
      { 'proc.name': 'link-to-copy', 'proc.exepath': copy },
    ]);
  });

  it('names the recorder falco-replay: the command shows proc.pname=falco-replay, and the tuning example excepts it', async () => {
    const out = join(tmp.dir, 'pname.scap');
    expect((await run(['record', '-q', '-o', out, '--', 'sh', '-c', 'true; true'])).code).toBe(0);
    const filter = "evt.type=execve and evt.dir='<' and proc.name=sh";
    expect(sysdigObjects(out, ['proc.pname'], filter).rows).toEqual([{ 'proc.pname': 'falco-replay' }]);
    expect(await replayObjects(out, ['proc.pname'], filter)).toEqual([{ 'proc.pname': 'falco-replay' }]);
    expect(await replayObjects(out, ['proc.pname'], filter, ['--convert'])).toEqual([{ 'proc.pname': 'falco-replay' }]);
    const bundled = join(RULES, 'falco-replay_rules.yaml');
    const untuned = spawnSync(process.execPath, [BIN, out, '-r', bundled], { encoding: 'utf8' });
    expect(untuned.stdout).toContain('Shell spawned by a non-shell program (user=root shell=sh parent=falco-replay');
    const tuned = spawnSync(process.execPath, [BIN, out, '-r', bundled, '-r', join(RULES, 'examples', 'recorder-tuning.yaml')], { encoding: 'utf8' });
    expect(tuned.status).toBe(0);
    expect(tuned.stdout).not.toContain('Shell spawned');
    expect(tuned.stdout).toContain('Unexpected process spawned');
  });

  it('keeps 80 bytes of read data by default, as sysdig does; --snaplen 0 keeps none', async () => {
    const file = join(tmp.dir, 'a200');
    writeFileSync(file, 'A'.repeat(200));
    const fields = ['fd.name', 'evt.arg.data'];
    const filter = `evt.type=read and evt.dir='<' and fd.name=${file}`;
    const dflt = join(tmp.dir, 'snap-default.scap');
    expect((await run(['record', '-q', '-o', dflt, '--', 'head', '-c', '200', file])).code).toBe(0);
    expect(sysdigObjects(dflt, fields, filter).rows[0]).toEqual({ 'fd.name': file, 'evt.arg.data': 'A'.repeat(80) });
    const none = join(tmp.dir, 'snap-0.scap');
    expect((await run(['record', '-q', '--snaplen', '0', '-o', none, '--', 'head', '-c', '200', file])).code).toBe(0);
    expect(sysdigObjects(none, fields, filter).rows[0]).toEqual({ 'fd.name': file, 'evt.arg.data': '' });
  });

  it('prints the drop counters when records were dropped, and inspect shows the ones the capture stored', async () => {
    const out = join(tmp.dir, 'drops.scap');
    const r = await run(['record', '--ring-size', '4K', '-o', out, '--', 'dd', 'if=/dev/zero', 'of=/dev/null', 'bs=1', 'count=200000']);
    expect(r.code).toBe(0);
    const m = /warning: (\d+) records were dropped/.exec(r.stderr);
    expect(m).not.toBeNull();
    const i = spawnSync(process.execPath, [BIN, 'inspect', out], { encoding: 'utf8' });
    expect(i.stdout).toMatch(new RegExp(`^recorder +falco-replay, tree mode, compat layout, snaplen 80: \\d+ records, ${m![1]} dropped \\(by CPU: `, 'm'));
    const j = JSON.parse(spawnSync(process.execPath, [BIN, 'inspect', '--json', out], { encoding: 'utf8' }).stdout) as { recorder: { drops: number; drops_by_cpu: number[] } };
    expect(j.recorder.drops).toBe(Number(m![1]));
    expect(j.recorder.drops_by_cpu.reduce((a, b) => a + b, 0)).toBe(j.recorder.drops);
  });
});
