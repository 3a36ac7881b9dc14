// `slice` keeps the state its events need: replaying the slice gives the field values replaying the whole
// capture gives for those events (ours), and sysdig 0.29.3 reads the slice with the same proc.name/fd.name.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { fixturePath, sharedPath } from '../helpers/paths.js';
import { FD_TYPE, readCaptureBuffer, writeCaptureBuffer } from '../helpers/scap.js';
import { sysdig } from '../helpers/sysdig.js';

const tmp = mkdtempSync(join(tmpdir(), 'falco-replay-slice-'));
const FMT = '*%evt.time %evt.type %evt.dir %thread.tid %proc.name %proc.cmdline %proc.pname %proc.aname[2] %proc.exepath %proc.cwd %fd.num %fd.name %fd.type %fd.sip %fd.sport %user.name %group.name %container.id';
const lines = (s: string): string[] => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));

async function eventsOf(file: string, filter = '', fmt = FMT): Promise<string[]> {
  const r = await cli(['events', '-p', fmt, file, ...(filter ? [filter] : [])]);
  expect(r.stderr).toBe('');
  return lines(r.stdout);
}

async function slice(input: string, out: string, args: string[]): Promise<void> {
  const r = await cli(['slice', input, '-o', out, ...args]);
  expect([r.code, r.stderr]).toEqual([0, expect.stringContaining(`wrote ${out}`)]);
}

// The recorded current-layout capture's events alone, without its process list: no process has an entry, so the
// capture never learns a working directory (proc.cwd is empty, or "/" in current libs for a vfork child of such a
// process), and without enter events sysdig 0.29.3 gives each exit its thread's last-event fd.
const noProcessList = join(tmp, 'current-no-process-list.scap');
writeFileSync(
  noProcessList,
  writeCaptureBuffer((w) => {
    w.writeSectionHeader();
    readCaptureBuffer(readFileSync(fixturePath('recorded', 'shell-redirect-copy-exec.current.scap')), { event: (e) => void w.writeEvent(e) });
  }),
);

// Cut points where the slice replays as the whole capture for every field below, each found by sweeping windows
// over the captures: 200..400 starts before an accept4 whose current layout sysdig 0.29.3 does not know, 700..900
// has switch events between a write's enter and exit, 791..821 an unbound IPv6 socket, 850..880 and the IPv6
// capture connected IPv6 sockets (an fd-list entry carries no role: fd.sip, fd.cport… would be <NA>), 221..321 a
// bound, listening IPv4 socket. In curl_google, curl (pid 17497) starts with no process-list entry and no clone:
// its working directory is never known (empty). The current-layout cuts start after a thread's last open (fd 3,
// 4: sysdig read 0, the fd of a thread that never opened one, before the slice carried that open) and after a
// close of it (fd 3 stays in sysdig 0.29.3's table: it parses no close without its enter event).
const CASES: { capture: string; cuts: [number, number][] }[] = [
  { capture: fixturePath('recorded', 'demo-payments-api-shell.scap'), cuts: [[1, 50], [200, 400], [221, 321], [564, 594]] },
  { capture: fixturePath('recorded', 'shell-redirect-copy-exec.scap'), cuts: [[20, 80], [141, 241]] },
  { capture: fixturePath('recorded', 'shell-redirect-copy-exec.current.scap'), cuts: [[64, 83], [71, 90], [85, 104], [155, 174], [169, 176]] },
  { capture: noProcessList, cuts: [[20, 40], [64, 83], [100, 130], [155, 176]] },
  { capture: sharedPath('captures', 'curl_google.scap'), cuts: [[100, 300], [700, 900], [791, 821], [850, 880]] },
  { capture: sharedPath('captures', 'single_ipv6_conn.scap'), cuts: [[1276, 1376]] },
  { capture: sharedPath('captures', 'connect_localhost.scap'), cuts: [[150, 188]] },
  { capture: sharedPath('captures', 'sample.scap'), cuts: [[50, 250]] },
];
const NET = '%fd.num %fd.name %fd.type %fd.sip %fd.sport %fd.cip %fd.cport %fd.lip %fd.rip %fd.is_server %fd.l4proto';

describe('slice --events N..M', () => {
  for (const { capture, cuts } of CASES) {
    for (const [a, b] of cuts) {
      it(`${capture.split('/').pop()} ${a}..${b}: the same field values as in the whole capture, and sysdig agrees`, async () => {
        const out = join(tmp, `${capture.split('/').pop()}-${a}-${b}.scap`);
        await slice(capture, out, ['--events', `${a}..${b}`]);
        const range = `evt.num >= ${a} and evt.num <= ${b}`;
        const whole = await eventsOf(capture, range);
        expect(whole.length).toBeGreaterThan(0);
        expect(await eventsOf(out)).toEqual(whole);
        // sysdig reads the slice: each of its events has the field values sysdig gives it in the whole capture.
        const sfmt = `*%evt.rawtime %thread.tid %evt.dir %evt.type %proc.name %proc.cmdline %proc.pname %proc.cwd ${NET} %user.name`;
        const inWhole = new Set(sysdig(['-r', capture, '-p', sfmt]));
        const inSlice = sysdig(['-r', out, '-p', sfmt]);
        expect(inSlice.length).toBeGreaterThan(0);
        expect(inSlice.filter((l) => !inWhole.has(l))).toEqual([]);
      });
    }
  }
  it('a working directory the capture never learned stays unknown in the slice, in both readers', async () => {
    const capture = sharedPath('captures', 'curl_google.scap');
    const out = join(tmp, 'curl-cwd-791-821.scap');
    await slice(capture, out, ['--events', '791..821']);
    const fmt = '*%evt.rawtime %proc.pid [%proc.cwd]';
    const curl = (ls: string[]): string[] => ls.filter((l) => l.split(' ')[1] === '17497');
    const ours = curl(await eventsOf(out, '', fmt));
    expect(ours.length).toBeGreaterThan(5);
    expect(ours.every((l) => l.endsWith(' []'))).toBe(true);
    const theirs = curl(sysdig(['-r', out, '-p', fmt]));
    expect(theirs.length).toBeGreaterThan(5);
    expect(theirs.every((l) => l.endsWith(' []'))).toBe(true);
  });
  it('on a capture without enter events, sysdig gives a thread\'s first kept exit the fd of its last open before the cut', async () => {
    const capture = fixturePath('recorded', 'shell-redirect-copy-exec.current.scap');
    const out = join(tmp, 'current-155-174.scap');
    await slice(capture, out, ['--events', '155..174']);
    const fmt = '*%evt.rawtime %evt.type %fd.num %fd.name';
    const whole = new Set(sysdig(['-r', capture, '-p', fmt]));
    const inSlice = sysdig(['-r', out, '-p', fmt]);
    expect(inSlice.filter((l) => / write 4 \/dev\/shm\/hoge$/.test(l)).length).toBeGreaterThan(0);
    expect(inSlice.filter((l) => !whole.has(l))).toEqual([]);
  });
});

describe('slice of a capture without enter events where fcntl(F_DUPFD) reused the fd of the last open', () => {
  // openat → 3, close(3), fcntl(0, F_DUPFD[_CLOEXEC], 3) → 3, then the kept write and read on fd 3. Current libs
  // give fd 3 /dev/null (the copy of fd 0); sysdig 0.29.3 parses neither that close nor that fcntl without their
  // enter events, so it gives them the fd its open left, /etc/passwd.
  const capture = (cmd: number): string => {
    const file = join(tmp, `fcntl-dupfd-${cmd}.scap`);
    let ts = 1_700_000_000_000_000_000n;
    writeFileSync(
      file,
      writeCaptureBuffer((w) => {
        w.writeSectionHeader();
        w.writeProcesses([{ tid: 100, pid: 100, ptid: 1, comm: 'app', exe: '/usr/bin/app', exepath: '/usr/bin/app', args: [], cwd: '/tmp/' }]);
        w.writeFds(100, [{ fd: 0, type: FD_TYPE.FILE, name: '/dev/null' }]);
        const ev = (type: number, params: (string | number)[]): void => void w.writeEvent({ ts: (ts += 1000n), tid: 100, type, params });
        ev(307, [3, -100, '/etc/passwd', 1, 0, 0, 0]); // openat_x
        ev(5, [0, 3]); // close_x
        ev(151, [3, 0, cmd, 3]); // fcntl_x: res, fd, cmd, arg
        ev(9, [5, 'hello', 3, 5]); // write_x
        ev(7, [2, 'hi', 3, 2]); // read_x
      }),
    );
    return file;
  };
  for (const [cmd, name] of [[1, 'F_DUPFD'], [26, 'F_DUPFD_CLOEXEC']] as const) {
    it(`${name}: replaying the slice gives fd 3 its whole-capture record, and sysdig agrees`, async () => {
      const whole = capture(cmd);
      const out = join(tmp, `fcntl-dupfd-${cmd}-4-5.scap`);
      await slice(whole, out, ['--events', '4..5']);
      const fmt = '*%evt.num %evt.type %fd.num %fd.name %fd.type';
      expect(await eventsOf(whole, 'evt.num >= 4', fmt)).toEqual(['4 write 3 /dev/null file', '5 read 3 /dev/null file']);
      expect(await eventsOf(out, '', fmt)).toEqual(['3 write 3 /dev/null file', '4 read 3 /dev/null file']);
      const sfmt = '*%evt.rawtime %evt.type %fd.num %fd.name';
      const inWhole = sysdig(['-r', whole, '-p', sfmt]);
      expect(inWhole.filter((l) => / (?:write|read) 3 \/etc\/passwd$/.test(l)).length).toBe(2);
      const inSlice = sysdig(['-r', out, '-p', sfmt]);
      expect(inSlice).toEqual(inWhole.slice(3));
    });
  }
});

describe('slice FILTER: sysdig reads every written event as in the whole capture', () => {
  // The kept events and the state-changing events of their processes: a shell redirect's fcntl and dup, a UDP
  // sendto that set an unconnected socket's tuple before its connect.
  const FILTERED: [string, string, number][] = [
    [fixturePath('recorded', 'demo-payments-api-shell.scap'), 'evt.type in (read,write)', 250],
    [sharedPath('captures', 'test_ipv6_client.scap'), 'evt.type in (read,write)', 2],
    [sharedPath('captures', 'curl_google.scap'), 'fd.type in (ipv4,ipv6,unix)', 20],
  ];
  for (const [capture, filter, least] of FILTERED) {
    it(`${capture.split('/').pop()} '${filter}'`, async () => {
      const out = join(tmp, `${capture.split('/').pop()}-${filter.replace(/\W+/g, '_')}.scap`);
      await slice(capture, out, [filter]);
      const sfmt = `*%evt.rawtime %thread.tid %evt.dir %evt.type %proc.name %proc.cmdline %proc.pname %proc.cwd ${NET} %user.name`;
      const inWhole = new Set(sysdig(['-r', capture, '-p', sfmt]));
      const inSlice = sysdig(['-r', out, '-p', sfmt]);
      expect(sysdig(['-r', out, '-p', sfmt, filter]).length).toBeGreaterThanOrEqual(least);
      expect(inSlice.filter((l) => !inWhole.has(l))).toEqual([]);
      expect(await eventsOf(out, filter)).toEqual(await eventsOf(capture, filter));
    });
  }
});

describe('slice with a filter, a time window, gzip', () => {
  const capture = fixturePath('recorded', 'demo-payments-api-shell.scap');
  it('keeps the events of the filter (and the state-changing events of their processes); gzip when the name ends in .gz', async () => {
    const out = join(tmp, 'filtered.scap.gz');
    await slice(capture, out, ['proc.name=cat or proc.name=sh']);
    expect(gunzipSync(readFileSync(out)).subarray(8, 12).toString('hex')).toBe('4d3c2b1a');
    const id = '*%evt.time %evt.type %evt.dir %thread.tid';
    const pick = async (file: string, filter?: string): Promise<string[]> => lines((await cli(['events', '-p', id, file, ...(filter ? [filter] : [])])).stdout);
    const want = await pick(capture, 'proc.name=cat or proc.name=sh');
    expect(want.length).toBeGreaterThan(10);
    expect(await pick(out, 'proc.name=cat or proc.name=sh')).toEqual(want);
  });
  it('--since/--until select capture time', async () => {
    const out = join(tmp, 'window.scap');
    const all = await eventsOf(capture);
    const t0 = (all[100] as string).split(' ')[0] as string;
    const t1 = (all[150] as string).split(' ')[0] as string;
    await slice(capture, out, ['--since', t0, '--until', t1]);
    expect(await eventsOf(out)).toEqual(all.slice(100, 150));
  });
  it('never writes over its input, and says when nothing matches', async () => {
    const r = await cli(['slice', capture, '-o', capture, '--events', '1..5']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('is the input capture')]);
    const none = join(tmp, 'none.scap');
    const r2 = await cli(['slice', capture, '-o', none, 'proc.name=no-such-process']);
    expect(r2.code).toBe(1);
    expect(existsSync(none)).toBe(false);
  });
});

describe('slice FILTER on a capture with many processes', () => {
  const capture = sharedPath('captures', 'sample.scap');
  it('writes only the processes the kept events need (sysdig#450), and sysdig reads their fields as in the whole capture', async () => {
    const out = join(tmp, 'sample-multipathd.scap');
    const cut = await cli(['slice', capture, '-o', out, 'proc.name=multipathd']);
    const all = await cli(['slice', capture, '-o', join(tmp, 'sample-all.scap'), '--events', '1..']);
    const threads = (s: string): number => Number(/(\d+) threads/.exec(s)?.[1]);
    expect(threads(cut.stderr)).toBeGreaterThan(0);
    expect(threads(cut.stderr)).toBeLessThan(threads(all.stderr) / 4);
    const whole = await eventsOf(capture, 'proc.name=multipathd');
    expect(whole.length).toBeGreaterThan(0);
    expect(await eventsOf(out, 'proc.name=multipathd')).toEqual(whole);
    const fmt = '*%evt.rawtime %evt.dir %proc.name %proc.cmdline %fd.name %user.name';
    const inWhole = new Set(sysdig(['-r', capture, '-p', fmt, 'proc.name=multipathd']));
    const inSlice = sysdig(['-r', out, '-p', fmt, 'proc.name=multipathd']);
    expect(inSlice.length).toBeGreaterThan(5);
    expect(inSlice.filter((l) => !inWhole.has(l))).toEqual([]);
  });
});

describe('slice FILTER on the recorded fixtures: sysdig reads the kept events as in the whole capture', () => {
  const CASES: [string, string][] = [
    ['shell-redirect-copy-exec.scap', 'proc.name=cp'],
    ['demo-payments-api-shell.scap', 'proc.name=cat'],
  ];
  for (const [name, filter] of CASES) {
    it(`${name} '${filter}'`, async () => {
      const capture = fixturePath('recorded', name);
      const out = join(tmp, `${name}-${filter.replace(/\W+/g, '_')}.scap`);
      await slice(capture, out, [filter]);
      const fmt = '*%evt.rawtime %evt.dir %proc.name %proc.cmdline %proc.pname %proc.cwd %fd.name %user.name';
      const whole = sysdig(['-r', capture, '-p', fmt, filter]);
      expect(whole.length).toBeGreaterThan(10);
      expect(sysdig(['-r', out, '-p', fmt, filter])).toEqual(whole);
    });
  }
});
