// Privileges: exactly CAP_BPF + CAP_PERFMON + CAP_SYS_PTRACE + CAP_DAC_READ_SEARCH are enough (as an
// unprivileged uid), and a missing one is named. Spawn hygiene: the recorded command does not inherit Node's
// ignored signals, blocked signals or file descriptors.
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultAddonPath, nativeAvailability } from '../../src/native/index.js';
import { recordCommand, sysdigObjects, tempDir, walkBlocks } from './helpers.js';

const RECORD_ONCE_SRC = fileURLToPath(new URL('fixtures/record-once.mjs', import.meta.url));

/*
 * uid 65534 without CAP_DAC_READ_SEARCH cannot walk into a 0700 checkout (a fresh clone under /root or
 * mktemp -d): run a copy of the addon and the script from a world-readable directory.
 */
const shared = mkdtempSync(join(tmpdir(), 'fr-nobody-'));
chmodSync(shared, 0o755);
const ADDON = join(shared, 'falco_replay_recorder.node');
const RECORD_ONCE = join(shared, 'record-once.mjs');
copyFileSync(defaultAddonPath(), ADDON);
copyFileSync(RECORD_ONCE_SRC, RECORD_ONCE);
afterAll(() => rmSync(shared, { recursive: true, force: true }));

function asNobody(caps: string[], args: string[]): { status: number | null; out: Record<string, unknown>; stderr: string } {
  const capList = ['-all', ...caps.map((c) => `+${c}`)].join(',');
  const r = spawnSync(
    'setpriv',
    ['--reuid=65534', '--regid=65534', '--clear-groups', `--inh-caps=${capList}`, `--ambient-caps=${capList}`, process.execPath, RECORD_ONCE, ...args],
    { encoding: 'utf8' },
  );
  const line = r.stdout.trim().split('\n').pop() ?? '{}';
  return { status: r.status, out: JSON.parse(line || '{}') as Record<string, unknown>, stderr: r.stderr };
}

describe('the native addon', () => {
  it('is built and loads (the recorder is a feature of this package, not an optional extra)', () => {
    expect(nativeAvailability()).toEqual({ available: true });
  });
});

describe('privileges', () => {
  const tmp = tempDir('caps');
  afterAll(() => tmp.cleanup());
  const out = join('/tmp', `fr-caps-${process.pid}.scap`); // writable by uid 65534

  it('records as an unprivileged uid with exactly CAP_BPF, CAP_PERFMON, CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH', () => {
    const r = asNobody(['bpf', 'perfmon', 'sys_ptrace', 'dac_read_search'], [ADDON, out, '/usr/bin/cat', 'cat', '/etc/hostname']);
    expect(r.stderr).toBe('');
    expect(r.out.problem).toBeUndefined();
    expect(r.out.exit).toMatchObject({ code: 0 });
    const rows = sysdigObjects(out, ['proc.name', 'evt.type', 'fd.name'], "evt.type=openat and evt.dir='<' and fd.name=/etc/hostname").rows;
    expect(rows).toEqual([{ 'proc.name': 'cat', 'evt.type': 'openat', 'fd.name': '/etc/hostname' }]);
    spawnSync('rm', ['-f', out]);
  });

  it('names the missing capability', () => {
    const r = asNobody(['bpf', 'sys_ptrace', 'dac_read_search'], [ADDON, out, '/usr/bin/true', 'true']);
    expect(r.out.problem).toMatch(/missing: CAP_PERFMON$/);
    const none = asNobody([], [ADDON, out, '/usr/bin/true', 'true']);
    expect(none.out.problem).toMatch(/missing: CAP_BPF CAP_PERFMON CAP_SYS_PTRACE CAP_DAC_READ_SEARCH/);
  });
});

describe('spawning the recorded command', () => {
  const tmp = tempDir('spawn');
  afterAll(() => tmp.cleanup());

  it('resets signal dispositions and the signal mask, and passes on only fds 0-2', async () => {
    const report = join(tmp.dir, 'report.txt');
    const fd = openSync(report, 'w');
    try {
      await recordCommand(join(tmp.dir, 'spawn.scap'), ['sh', '-c', 'grep -E "^Sig(Ign|Blk):" /proc/self/status; ls /proc/self/fd'], {
        stdio: ['ignore', fd, 'ignore'],
      });
    } finally {
      closeSync(fd);
    }
    const text = readFileSync(report, 'utf8');
    // Node itself ignores SIGPIPE; the command must not
    expect(readFileSync('/proc/self/status', 'utf8')).toMatch(/^SigIgn:\s*0*[1-9a-f]/m);
    expect(text).toMatch(/^SigIgn:\s*0+$/m);
    expect(text).toMatch(/^SigBlk:\s*0+$/m);
    // ls sees its three stdio fds and the directory it is listing
    expect(text.split('\n').filter((l) => /^\d+$/.test(l))).toEqual(['0', '1', '2', '3']);
  });

  it('keeps the gate and error pipes out of the recorded fd table', async () => {
    const rec = await recordCommand(join(tmp.dir, 'fds.scap'), ['true']);
    const buf = readFileSync(rec.file);
    const fdl = walkBlocks(rec.file).blocks.filter((b) => b.type === 0x218);
    // one fd list, for the command, holding exactly its stdio (the spawn plumbing is closed before exec)
    expect(fdl).toHaveLength(1);
    const b = fdl[0]!;
    expect(Number(buf.readBigUInt64LE(b.offset + 8))).toBe(rec.stats.childPid);
    const fds: number[] = [];
    for (let off = b.offset + 16; off + 4 <= b.offset + b.length - 4; ) {
      const len = buf.readUInt32LE(off);
      if (len === 0) break;
      fds.push(Number(buf.readBigInt64LE(off + 4)));
      off += len;
    }
    expect(fds).toEqual([0, 1, 2]);
  });
});
