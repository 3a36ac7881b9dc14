// Syscall coverage for correct fd tables: dup family, fcntl(F_DUPFD), pipe2, socketpair, pread/readv/
// preadv/sendfile/copy_file_range, send*/recv*, connect/accept, unix sockets, chdir/fchdir, file-system and
// credential syscalls. A python script (fixtures/fd-syscalls.py) runs each in a known order; sysdig 0.29.3
// must then name every fd the way the kernel had it, with no stale names. Both layouts must encode cleanly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from './helpers.js';
import { recordCommand, sysdigObjects, tempDir, walkBlocks } from './helpers.js';

const SCRIPT = fileURLToPath(new URL('fixtures/fd-syscalls.py', import.meta.url));
const FIELDS = ['evt.num', 'evt.type', 'evt.dir', 'fd.num', 'fd.name', 'fd.type', 'evt.args'] as const;
type Row = Record<(typeof FIELDS)[number], string>;

describe('syscall coverage (compat layout)', () => {
  const tmp = tempDir('coverage');
  const work = mkdtempSync(join(tmpdir(), 'fr-cov-work-'));
  let rec: Recorded;
  let rows: Row[];

  beforeAll(async () => {
    rec = await recordCommand(join(tmp.dir, 'cov.scap'), ['python3', SCRIPT, work], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/root' },
    });
    const r = sysdigObjects(rec.file, FIELDS, "proc.name=python3 and evt.dir='<'");
    expect(r.status).toBe(0);
    rows = r.rows as Row[];
  });
  afterAll(() => {
    tmp.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  const writesOf = (n: number): Row[] => rows.filter((r) => r['evt.type'] === 'write' && r['evt.args'].startsWith(`res=${n} `));

  it('records the script without drops or encoding errors', () => {
    expect(rec.exit.code).toBe(0);
    expect(rec.stats.drops).toBe(0);
    expect(rec.stats.encodeErrors).toBe(0);
  });

  it('names the fds made by dup2, dup3, fcntl(F_DUPFD/F_DUPFD_CLOEXEC) after the file they copy', () => {
    const a = join(work, 'a.txt');
    const dups = rows.filter((r) => r['evt.type'] === 'dup' || r['evt.type'] === 'fcntl');
    const newFds = dups.map((r) => /^res=(\d+)/.exec(r['evt.args'])?.[1]);
    expect(newFds).toEqual(expect.arrayContaining(['7', '8', '20']));
    // the first write on each copy goes to a.txt (fd 7 is reused later by the pipe)
    for (const fd of ['7', '8', '20']) {
      const w = rows.find((r) => r['evt.type'] === 'write' && r['fd.num'] === fd);
      expect(w?.['fd.name'], `first write on fd ${fd}`).toBe(a);
    }
    for (const t of ['writev', 'pwrite', 'pread', 'readv', 'preadv']) {
      // the dynamic loader pread()s libraries first: look for the script's own call
      const hit = rows.filter((r) => r['evt.type'] === t && r['fd.name'].startsWith(work));
      expect(hit.map((r) => r['fd.name']), t).toEqual([a]);
    }
  });

  it('records sendfile and copy_file_range with both fds', () => {
    const sf = rows.find((r) => r['evt.type'] === 'sendfile');
    expect(sf?.['evt.args']).toMatch(/^res=2 offset=/);
    const cfr = rows.find((r) => r['evt.type'] === 'copy_file_range');
    expect(cfr?.['evt.args']).toContain(`fdout=3(<f>${join(work, 'a.txt')})`);
  });

  it('tracks pipes and socket pairs', () => {
    expect(rows.find((r) => r['evt.type'] === 'pipe')?.['evt.args']).toMatch(/^res=0 fd1=\d+\(<p>\) fd2=\d+\(<p>\) ino=\d+/);
    expect(writesOf(4).some((r) => r['fd.type'] === 'pipe')).toBe(true);
    expect(rows.find((r) => r['evt.type'] === 'socketpair')?.['evt.args']).toMatch(/^res=0 fd1=\d+\(<u>\) fd2=\d+\(<u>\) source=[0-9A-F]+ peer=[0-9A-F]+/);
    const sm = rows.find((r) => r['evt.type'] === 'sendmsg');
    expect(sm?.['fd.type']).toBe('unix');
    expect(rows.find((r) => r['evt.type'] === 'recvmsg')?.['evt.args']).toMatch(/^res=3 size=3 /);
  });

  it('gives TCP, UDP and unix sockets their tuples through connect, accept, send and receive', () => {
    const conn = rows.find((r) => r['evt.type'] === 'connect' && r['fd.type'] === 'ipv4');
    const tuple = /tuple=(127\.0\.0\.1:\d+->127\.0\.0\.1:\d+)/.exec(conn?.['evt.args'] ?? '')?.[1];
    expect(tuple, conn?.['evt.args']).toBeDefined();
    const acc = rows.find((r) => r['evt.type'] === 'accept' && r['fd.type'] === 'ipv4');
    expect(acc?.['fd.name']).toBe(tuple);
    expect(rows.find((r) => r['evt.type'] === 'sendto' && r['evt.args'].startsWith('res=5 ') && r['fd.type'] === 'ipv4')?.['fd.name']).toBe(tuple);
    expect(rows.find((r) => r['evt.type'] === 'recvfrom' && r['evt.args'].startsWith('res=5 ') && r['fd.name'] === tuple)).toBeDefined();
    // UDP: the peer comes from the address given to sendto / returned by recvfrom
    const udp = rows.find((r) => r['evt.type'] === 'recvfrom' && r['evt.args'].startsWith('res=5 ') && r['fd.name'] !== tuple);
    expect(udp?.['evt.args']).toMatch(/tuple=127\.0\.0\.1:\d+->127\.0\.0\.1:\d+/);
    const sock = join(work, 'sock');
    expect(rows.find((r) => r['evt.type'] === 'bind' && r['fd.type'] === 'unix')?.['evt.args']).toContain(`addr=${sock}`);
    expect(rows.find((r) => r['evt.type'] === 'connect' && r['fd.type'] === 'unix')?.['fd.name']).toContain(sock);
    expect(rows.find((r) => r['evt.type'] === 'accept' && r['fd.type'] === 'unix')?.['fd.name']).toContain(sock);
  });

  it('resolves relative paths against the cwd set by chdir and fchdir', () => {
    const sub = join(work, 'sub');
    expect(rows.find((r) => r['evt.type'] === 'openat' && r['fd.name'] === join(sub, 'c.txt'))).toBeDefined();
    expect(rows.find((r) => r['evt.type'] === 'fchdir')?.['evt.args']).toMatch(/^res=0/);
    expect(rows.find((r) => r['evt.type'] === 'openat' && r['fd.name'] === join(sub, 'd.txt'))).toBeDefined();
    expect(writesOf(12).map((r) => r['fd.name'])).toContain(join(sub, 'd.txt'));
  });

  it('records file-system and credential syscalls with their arguments', () => {
    const args = (t: string): string => rows.find((r) => r['evt.type'] === t)?.['evt.args'] ?? '';
    expect(args('mkdir')).toContain(`path=sub(${join(work, 'sub')})`);
    expect(args('rename')).toContain(`newpath=sub/b.txt(${join(work, 'sub/b.txt')})`);
    expect(args('symlink')).toContain('target=sub/b.txt');
    expect(args('link')).toContain(`newpath=hard(${join(work, 'hard')})`);
    expect(args('chmod')).toContain('mode=0600');
    expect(rows.filter((r) => r['evt.type'] === 'unlink')).toHaveLength(2);
    expect(args('setresuid')).toBe('res=0 ');
    expect(args('setuid')).toBe('res=0 ');
  });
});

describe('current layout', () => {
  const tmp = tempDir('current');
  const work = mkdtempSync(join(tmpdir(), 'fr-cur-work-'));
  afterAll(() => {
    tmp.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  it('writes exit events only, with the current parameter counts, and stays readable by sysdig 0.29.3', async () => {
    const rec = await recordCommand(join(tmp.dir, 'cur.scap'), ['python3', SCRIPT, work], {
      layout: 'current',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/root' },
    });
    expect(rec.exit.code).toBe(0);
    expect(rec.stats.encodeErrors).toBe(0);
    const events = walkBlocks(rec.file).events;
    // enter events only for the meta events that have no exit twin (procexit, plugin/async)
    const enters = new Set(events.filter((e) => e.type % 2 === 0).map((e) => e.type));
    expect([...enters].sort((a, b) => a - b)).toEqual([186, 402]);
    // new codes appear (e.g. accept4 389, dup2/dup3 363/365, pipe2 393)
    const codes = new Set(events.map((e) => e.type));
    for (const c of [363, 365, 389, 393]) expect(codes.has(c), `event ${c}`).toBe(true);
    const r = sysdigObjects(rec.file, ['evt.num']);
    expect(r.status).toBe(0);
  });
});
