// Issue 5, "must show": record sh -c 'cat /etc/hostname > /tmp/x; cp /bin/sh /dev/shm/hoge; /dev/shm/hoge -c "echo hi"'
// and check proc.name, proc.pname, proc.exepath, proc.cmdline, fd.name and evt.args of the opens, writes and
// execs. The expectations are data (EXPECTED below) so the same table can be checked against any reader:
// sysdig 0.29.3 today; falco-replay's own replay once the engine lands (see the todo at the end).
// Runs as root in CI (these machines allow BPF); without the addon or root it fails, it does not skip.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from './helpers.js';
import { recordCommand, sysdigObjects, tempDir, walkBlocks } from './helpers.js';

export const ISSUE_COMMAND = ['sh', '-c', 'cat /etc/hostname > /tmp/x; cp /bin/sh /dev/shm/hoge; /dev/shm/hoge -c "echo hi"'];
const SH_CMDLINE = `sh -c ${ISSUE_COMMAND[2]}`;

/** The fields both readers print, per event of interest. */
export const FIELDS = ['evt.num', 'evt.type', 'evt.dir', 'proc.name', 'proc.pname', 'proc.exepath', 'proc.cmdline', 'fd.name', 'evt.args'] as const;
type Row = Record<(typeof FIELDS)[number], string>;

export interface Expectation {
  what: string;
  /** Selects the row(s) among the recorded exit events. */
  match: (r: Row) => boolean;
  fields: Partial<Row>;
  /** Substrings evt.args must contain. */
  args: string[];
}

const shExepath = '/usr/bin/sh';

export const EXPECTED: Expectation[] = [
  {
    what: 'execve of sh (the recorded command itself)',
    match: (r) => r['evt.type'] === 'execve' && r['proc.name'] === 'sh',
    fields: { 'proc.exepath': shExepath, 'proc.cmdline': SH_CMDLINE },
    args: ['res=0', 'exe=sh', 'args=-c.cat /etc/hostname > /tmp/x;'],
  },
  {
    what: 'sh opens /tmp/x for the redirection',
    match: (r) => r['evt.type'] === 'openat' && r['fd.name'] === '/tmp/x',
    fields: { 'proc.name': 'sh', 'proc.exepath': shExepath, 'proc.cmdline': SH_CMDLINE },
    args: ['fd=3(<f>/tmp/x)', 'name=/tmp/x', 'flags=262(O_TRUNC|O_CREAT|O_WRONLY)', 'mode=0666'],
  },
  {
    what: 'execve of cat',
    match: (r) => r['evt.type'] === 'execve' && r['proc.name'] === 'cat',
    fields: { 'proc.pname': 'sh', 'proc.exepath': '/usr/bin/cat', 'proc.cmdline': 'cat /etc/hostname' },
    args: ['res=0', 'exe=cat', 'args=/etc/hostname.'],
  },
  {
    what: 'cat opens /etc/hostname',
    match: (r) => r['evt.type'] === 'openat' && r['fd.name'] === '/etc/hostname',
    fields: { 'proc.name': 'cat', 'proc.pname': 'sh', 'proc.exepath': '/usr/bin/cat', 'proc.cmdline': 'cat /etc/hostname' },
    args: ['fd=3(<f>/etc/hostname)', 'name=/etc/hostname', 'flags=1(O_RDONLY)'],
  },
  {
    what: 'cat writes the host name into /tmp/x (copy_file_range: stdout is the redirected file)',
    match: (r) => r['evt.type'] === 'copy_file_range' && r['proc.name'] === 'cat' && !r['evt.args'].startsWith('res=0 '),
    fields: { 'proc.name': 'cat', 'proc.pname': 'sh', 'fd.name': '/etc/hostname' },
    args: ['fdout=1(<f>/tmp/x)'],
  },
  {
    what: 'execve of cp',
    match: (r) => r['evt.type'] === 'execve' && r['proc.name'] === 'cp',
    fields: { 'proc.pname': 'sh', 'proc.exepath': '/usr/bin/cp', 'proc.cmdline': 'cp /bin/sh /dev/shm/hoge' },
    args: ['res=0', 'exe=cp', 'args=/bin/sh./dev/shm/hoge.'],
  },
  {
    what: 'cp opens /bin/sh',
    match: (r) => r['evt.type'] === 'openat' && r['fd.name'] === '/bin/sh',
    fields: { 'proc.name': 'cp', 'proc.pname': 'sh' },
    args: ['fd=3(<f>/bin/sh)', 'flags=1(O_RDONLY)'],
  },
  {
    what: 'cp creates /dev/shm/hoge',
    match: (r) => r['evt.type'] === 'openat' && r['fd.name'] === '/dev/shm/hoge' && r['evt.args'].startsWith('fd=4'),
    fields: { 'proc.name': 'cp', 'proc.pname': 'sh', 'proc.cmdline': 'cp /bin/sh /dev/shm/hoge' },
    args: ['fd=4(<f>/dev/shm/hoge)', 'flags=38(O_EXCL|O_CREAT|O_WRONLY)', 'mode=0755'],
  },
  {
    what: 'cp writes the copy of /bin/sh',
    match: (r) => r['evt.type'] === 'write' && r['proc.name'] === 'cp',
    fields: { 'fd.name': '/dev/shm/hoge', 'proc.pname': 'sh' },
    args: [`res=${statSync('/bin/sh').size}`],
  },
  {
    what: 'execve of the copied shell',
    match: (r) => r['evt.type'] === 'execve' && r['proc.name'] === 'hoge',
    fields: { 'proc.pname': 'sh', 'proc.exepath': '/dev/shm/hoge', 'proc.cmdline': 'hoge -c echo hi' },
    args: ['res=0', 'exe=/dev/shm/hoge', 'args=-c.echo hi.', 'flags=1(EXE_WRITABLE)'],
  },
  {
    // The shell restored its stdout after `> /tmp/x`: no stale fd name may survive the redirection.
    what: 'the copied shell writes "hi" to the restored stdout, not to /tmp/x',
    match: (r) => r['evt.type'] === 'write' && r['proc.name'] === 'hoge',
    fields: { 'fd.name': '/dev/null', 'proc.exepath': '/dev/shm/hoge' },
    args: ['res=3'],
  },
];

/** Checks the expectations against exit-event rows of one reader; returns the failures. */
export function checkExpectations(rows: Row[], expected: readonly Expectation[] = EXPECTED): string[] {
  const failures: string[] = [];
  for (const e of expected) {
    const hits = rows.filter(e.match);
    if (!hits.length) {
      failures.push(`${e.what}: no such event`);
      continue;
    }
    for (const r of hits) {
      for (const [k, v] of Object.entries(e.fields)) {
        if (r[k as keyof Row] !== v) failures.push(`${e.what}: ${k} is '${r[k as keyof Row]}', expected '${v}'`);
      }
      for (const a of e.args) if (!r['evt.args'].includes(a)) failures.push(`${e.what}: evt.args lacks '${a}': ${r['evt.args']}`);
    }
  }
  return failures;
}

describe('recording the issue command (tree mode, compat layout)', () => {
  const tmp = tempDir('issue');
  let rec: Recorded;

  beforeAll(async () => {
    rmSync('/dev/shm/hoge', { force: true });
    rec = await recordCommand(join(tmp.dir, 'issue.scap'), ISSUE_COMMAND);
  });
  afterAll(() => {
    rmSync('/dev/shm/hoge', { force: true });
    tmp.cleanup();
  });

  it('records the command to completion without drops or encoding errors', () => {
    expect(rec.exit).toEqual({ pid: expect.any(Number), code: 0, signal: null });
    expect(rec.stats.drops).toBe(0);
    expect(rec.stats.encodeErrors).toBe(0);
    expect(rec.stats.badRecords).toBe(0);
    expect(rec.stats.outOfOrder).toBe(0);
    expect(rec.stats.records).toBeGreaterThan(50);
  });

  it('writes a file sysdig 0.29.3 reads to the end', () => {
    const walk = walkBlocks(rec.file);
    expect(walk.trailing).toBe(0);
    expect(walk.events.length).toBe(rec.stats.events);
    const r = sysdigObjects(rec.file, ['evt.num']);
    expect(r.status).toBe(0);
    // sysdig 0.29.3 skips the trailing async stats event (code 402 is newer than its table)
    expect(r.rows.length).toBe(rec.stats.events - 1);
  });

  it('gives sysdig the right process, file and argument fields for the opens, writes and execs', () => {
    const r = sysdigObjects(rec.file, FIELDS, "evt.dir='<' and evt.type in (execve, openat, write, copy_file_range)");
    expect(r.status).toBe(0);
    expect(checkExpectations(r.rows as Row[])).toEqual([]);
  });

  it('starts with the command exec: nothing of the spawned child before it is recorded', () => {
    const r = sysdigObjects(rec.file, ['evt.num', 'evt.type', 'evt.dir', 'proc.name'], 'evt.num <= 2');
    expect(r.rows).toEqual([
      { 'evt.num': '1', 'evt.type': 'execve', 'evt.dir': '>', 'proc.name': expect.any(String) },
      { 'evt.num': '2', 'evt.type': 'execve', 'evt.dir': '<', 'proc.name': 'sh' },
    ]);
  });

  it('keeps enter and exit events paired, the enter 1 ns before its exit', () => {
    const walk = walkBlocks(rec.file);
    const syscalls = walk.events.filter((e) => e.type < 322 && e.type !== 186);
    const open = new Map<bigint, { type: number; ts: bigint }>();
    for (const e of syscalls) {
      if (e.type % 2 === 0) {
        expect(open.has(e.tid)).toBe(false);
        open.set(e.tid, { type: e.type, ts: e.ts });
      } else {
        const enter = open.get(e.tid);
        // clone children return from the syscall without entering it
        if (enter === undefined) {
          expect([223, 225, 227, 335]).toContain(e.type);
          continue;
        }
        expect(enter.type + 1).toBe(e.type);
        expect(enter.ts + 1n).toBe(e.ts);
        open.delete(e.tid);
      }
    }
    expect(open.size).toBe(0);
  });

  // The issue also asks for the same checks with falco-replay's own replay and for agreement between sysdig and
  // falco-replay on every field both print. The replay engine (src/engine) does not exist yet: when it lands,
  // run checkExpectations() on its rows and compare them field by field with the sysdig rows above.
  it.todo('falco-replay replay gives the same fields as sysdig for every event (pending: replay engine)');
});
