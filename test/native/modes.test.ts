// The other two recording modes: a cgroup subtree (--cgroup) and the whole host (--all).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { startRecording } from '../../src/native/index.js';
import { sysdigObjects, tempDir } from './helpers.js';

/** Mount point of the cgroup v2 hierarchy (/sys/fs/cgroup, or /sys/fs/cgroup/unified on hybrid hosts). */
function cgroup2Mount(): string {
  const line = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .find((l) => l.split(' ')[2] === 'cgroup2');
  if (!line) throw new Error('no cgroup2 hierarchy mounted');
  return line.split(' ')[1]!;
}

describe('recording modes', () => {
  const tmp = tempDir('modes');
  afterAll(() => tmp.cleanup());

  it('--cgroup records the processes of the cgroup and nothing else', async () => {
    const cg = join(cgroup2Mount(), `falco-replay-test-${process.pid}`);
    mkdirSync(cg);
    const out = join(tmp.dir, 'cgroup.scap');
    // a worker that moves itself into the cgroup, then reads /etc/hostname every 100 ms
    const worker = spawn('sh', ['-c', `echo $$ > ${cg}/cgroup.procs; while :; do cat /etc/hostname > /dev/null; sleep 0.1; done`], { stdio: 'ignore' });
    // an outsider doing the same, which must not appear
    const outsider = spawn('sh', ['-c', 'while :; do cat /etc/os-release > /dev/null; sleep 0.1; done'], { stdio: 'ignore' });
    try {
      await sleep(200);
      const rec = await startRecording({ out, mode: 'cgroup', cgroupPath: cg });
      await sleep(1000);
      const st = await rec.stop();
      expect(st.drops).toBe(0);
      expect(st.encodeErrors).toBe(0);
    } finally {
      worker.kill('SIGKILL');
      outsider.kill('SIGKILL');
      await sleep(300);
      writeFileSync(join(cg, 'cgroup.kill'), '1', { flag: 'w' });
      await sleep(100);
      rmdirSync(cg);
    }
    const rows = sysdigObjects(out, ['proc.name', 'proc.pname', 'fd.name'], "evt.type=openat and evt.dir='<' and fd.name startswith /etc/").rows;
    const names = new Set(rows.map((r) => r['fd.name']));
    expect(names.has('/etc/hostname')).toBe(true);
    expect(names.has('/etc/os-release')).toBe(false);
    // A cat forked before the probe attached and gone before the /proc scan is unknown to every reader (the
    // attach-then-scan race libscap has too); at most that one in-flight process may show <NA>.
    const hostname = rows.filter((x) => x['fd.name'] === '/etc/hostname');
    const unknown = hostname.filter((r) => r['proc.name'] === '<NA>');
    expect(unknown.length).toBeLessThanOrEqual(1);
    expect(hostname.length - unknown.length).toBeGreaterThanOrEqual(3);
    for (const r of hostname.filter((x) => x['proc.name'] !== '<NA>')) expect(r).toMatchObject({ 'proc.name': 'cat', 'proc.pname': 'sh' });
  });

  it('--all records other processes of the host but not the recorder itself', async () => {
    const out = join(tmp.dir, 'system.scap');
    const outsider = spawn('sh', ['-c', 'while :; do cat /etc/os-release > /dev/null; sleep 0.1; done'], { stdio: 'ignore' });
    try {
      const rec = await startRecording({ out, mode: 'system' });
      await sleep(800);
      const st = await rec.stop();
      expect(st.encodeErrors).toBe(0);
      expect(st.stateThreads).toBeGreaterThan(10);
    } finally {
      outsider.kill('SIGKILL');
    }
    const r = sysdigObjects(out, ['proc.pid', 'proc.name', 'fd.name'], "evt.type=openat and evt.dir='<'");
    expect(r.status).toBe(0);
    expect(r.rows.some((x) => x['proc.name'] === 'cat' && x['fd.name'] === '/etc/os-release')).toBe(true);
    expect(r.rows.some((x) => x['proc.pid'] === String(process.pid))).toBe(false);
  });
});
