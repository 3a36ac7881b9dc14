import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFalcoReplayError } from '../../src/common/index.js';
import {
  CURRENT_SCHEMA,
  EF,
  FD_TYPE,
  PT,
  ScapWriter,
  collectEvents,
  fixedParamSize,
  readCaptureBuffer,
  readCaptureFile,
  writeCaptureBuffer,
  writeCaptureFile,
  type EventInput,
  type FdEntry,
  type ThreadEntry,
} from '../helpers/scap.js';
import { O } from '../helpers/scenario.js';
import { storyCapture } from '../helpers/writer-story.js';

const tmp = mkdtempSync(join(tmpdir(), 'falco-replay-writer-'));

/** Event codes the writer may produce: known, used, and below the schema's maximum. */
const codes = CURRENT_SCHEMA.events.filter((e) => !(e.flags & EF.UNUSED)).map((e) => e.code);

const paramBytes = (t: number, large: boolean): fc.Arbitrary<Uint8Array> => {
  const n = fixedParamSize(t);
  if (n > 0) return fc.oneof({ weight: 9, arbitrary: fc.uint8Array({ minLength: n, maxLength: n }) }, { weight: 1, arbitrary: fc.constant(new Uint8Array()) });
  return fc.uint8Array({ maxLength: large ? 3000 : 300 });
};

const eventArb: fc.Arbitrary<EventInput> = fc
  .record({
    type: fc.constantFrom(...codes),
    ts: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    tid: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 })),
    cpu: fc.integer({ min: 0, max: 65535 }),
    flags: fc.constantFrom(0, 0, 0, 1, 2),
    extra: fc.integer({ min: 0, max: 2 }),
  })
  .chain((h) => {
    const info = CURRENT_SCHEMA.events[h.type];
    const large = CURRENT_SCHEMA.lenSize[h.type] === 4;
    const types = (info?.params ?? []).map((p) => p.type);
    // Files may hold fewer parameters than the table (older writers) or more (newer ones).
    return fc.integer({ min: 0, max: types.length }).chain((count) =>
      fc
        .tuple(...[...types.slice(0, count), ...new Array<number>(h.extra).fill(PT.BYTEBUF)].map((t) => paramBytes(t, large)))
        .map((params) => ({ type: h.type, ts: h.ts, tid: h.tid, cpu: h.cpu, flags: h.flags, params })),
    );
  });

describe('writer round trip', () => {
  it('reads back exactly the events it wrote (property)', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 30 }), (events) => {
        const bytes = writeCaptureBuffer((w) => {
          w.writeSectionHeader();
          for (const e of events) w.writeEvent(e);
        });
        const { events: back, summary } = collectEvents(bytes);
        expect(summary.diagnostics).toEqual([]);
        expect(back).toHaveLength(events.length);
        back.forEach((b, i) => {
          const e = events[i] as EventInput;
          expect([b.num, b.ts, b.tid, b.cpu, b.type, b.flags, b.nparams]).toEqual([i + 1, e.ts, e.tid, e.cpu, e.type, e.flags, e.params.length]);
          e.params.forEach((p, k) => expect(Buffer.from(b.paramBytes(k) ?? [])).toEqual(Buffer.from(p as Uint8Array)));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('encodes typed values by the table type and decodes them back', () => {
    const bytes = writeCaptureBuffer((w) => {
      w.writeSectionHeader();
      w.writeEvent({ ts: 5n, tid: 9, type: 3, params: [-2, '/etc/shadow', O.RDONLY, 0o640, 0x803, 2n ** 63n + 5n] });
      w.writeEvent({ ts: 6n, tid: 9, type: 23, params: [-111, '[2001:db8::5]:3333->[2001:db8::1]:443', 7, '[2001:db8::1]:443'] });
      w.writeEvent({ ts: 7n, tid: 9, type: 23, params: [0, { family: 1, kind: 'unix', srcPtr: 'ffff1', dstPtr: 'ffff2', path: '/run/s' }, 7, '/run/s'] });
      w.writeEvent({ ts: 8n, tid: 9, type: 293, params: [0, 'sh', ['-c', 'id'], 9, 9, 1, '/'] });
      w.writeEvent({ ts: 9n, tid: 9, type: 7, params: [3, 'abc', 4, 4096] });
    });
    const { events } = collectEvents(bytes);
    const [open, conn, unix, exec, read] = events;
    expect(open?.paramInt(0)).toBe(-2);
    expect(open?.paramString(1)).toBe('/etc/shadow');
    expect(open?.paramBigInt(5)).toBe(2n ** 63n + 5n);
    expect([open?.paramU64Hi(5), open?.paramU64Lo(5)]).toEqual([0x80000000, 5]);
    expect(conn?.paramSocktuple(1)).toEqual({ family: 10, kind: 'inet6', srcAddr: '2001:db8::5', srcPort: 3333, dstAddr: '2001:db8::1', dstPort: 443 });
    expect(conn?.paramSockaddr(3)).toEqual({ family: 10, kind: 'inet6', addr: '2001:db8::1', port: 443 });
    expect(unix?.paramSocktuple(1)).toEqual({ family: 1, kind: 'unix', srcPtr: 'ffff1', dstPtr: 'ffff2', path: '/run/s' });
    expect(exec?.paramStringList(2)).toEqual(['-c', 'id']);
    expect(Buffer.from(read?.paramBytes(1) ?? []).toString()).toBe('abc');
  });

  it('round-trips metadata records', () => {
    const thread: Partial<ThreadEntry> & { tid: number } = {
      tid: 77, pid: 70, ptid: 1, sid: 70, vpgid: 70, comm: 'svc', exe: 'svc', exepath: '/opt/svc', args: ['a', 'b c'], cwd: '/var', fdlimit: 65536,
      flags: 0, uid: 1000, gid: 1001, vmsizeKb: 10, vmrssKb: 5, vmswapKb: 1, pfMajor: 2, pfMinor: 3, env: ['A=1'], vtid: 7, vpid: 7,
      cgroups: ['cpu=/docker/x'], root: '/', loginuid: 1000, exeWritable: true, capInheritable: 1n, capPermitted: 2n, capEffective: 3n,
    };
    const fds: Omit<FdEntry, 'tid'>[] = [
      { fd: 3, ino: 9, type: FD_TYPE.FILE_V2, name: '/var/log/x', openFlags: 2, dev: 0x801 },
      { fd: 4, ino: 10, type: FD_TYPE.IPV6_SOCK, name: '', sip: '2001:db8::1', dip: '::1', sport: 1, dport: 2, l4proto: 2 },
      { fd: 5, ino: 11, type: FD_TYPE.IPV4_SERVSOCK, name: '', sip: '0.0.0.0', sport: 80, l4proto: 2 },
      { fd: 6, ino: 12, type: FD_TYPE.UNIX_SOCK, name: '/run/a', source: 'ffff88001', destination: '0' },
      { fd: 7, ino: 13, type: FD_TYPE.DIRECTORY, name: '/var' },
    ];
    const bytes = writeCaptureBuffer((w) => {
      w.writeSectionHeader();
      w.writeMachineInfo({ numCpus: 4, memoryBytes: 1234567, maxPid: 99, hostname: 'h', bootTimeNs: 1_700_000_000_000_000_001n });
      w.writeInterfaces([{ kind: 'ipv4', name: 'eth0', addr: '10.1.2.3', netmask: '255.255.0.0', broadcast: '10.1.255.255', linkSpeed: 1000 }, { kind: 'ipv6', name: 'eth0', addr: 'fe80::1', netmask: 'ffff::', broadcast: '::' }]);
      w.writeUsers([{ uid: 0, gid: 0, name: 'root', home: '/root', shell: '/bin/sh' }], [{ gid: 0, name: 'root' }]);
      w.writeProcesses([thread]);
      w.writeFds(77, fds);
      w.writeEvent({ ts: 1n, tid: 77, type: 234, params: [0, 0] });
    });
    const got = { threads: [] as ThreadEntry[], fds: [] as FdEntry[], m: undefined as unknown, ifs: [] as unknown[], users: [] as unknown[], groups: [] as unknown[] };
    const s = readCaptureBuffer(bytes, { thread: (t) => void got.threads.push(t), fd: (f) => void got.fds.push(f), machineInfo: (m) => (got.m = m), iface: (i) => void got.ifs.push(i), user: (u) => void got.users.push(u), group: (g) => void got.groups.push(g) });
    expect(s.diagnostics).toEqual([]);
    expect(got.threads[0]).toMatchObject({ ...thread, version: 9 });
    expect(got.fds).toEqual(fds.map((f) => ({ tid: 77, ...f })));
    expect(got.m).toEqual({ numCpus: 4, memoryBytes: 1234567, maxPid: 99, hostname: 'h', bootTimeNs: 1_700_000_000_000_000_001n, flags: 0n });
    expect(got.ifs).toEqual([
      { kind: 'ipv4', type: 1, name: 'eth0', addr: '10.1.2.3', netmask: '255.255.0.0', broadcast: '10.1.255.255', linkSpeed: 1000 },
      { kind: 'ipv6', type: 2, name: 'eth0', addr: 'fe80::1', netmask: 'ffff::', broadcast: '::', linkSpeed: 0 },
    ]);
    expect(got.users).toEqual([{ uid: 0, gid: 0, name: 'root', home: '/root', shell: '/bin/sh' }]);
    expect(got.groups).toEqual([{ gid: 0, name: 'root' }]);
  });

  it('copies event views verbatim (filtered copies of a capture)', () => {
    const { events } = collectEvents(storyCapture());
    const copy = writeCaptureBuffer((w) => {
      w.writeSectionHeader();
      for (const e of events) if (e.type % 2 === 1) w.writeEvent(e);
    });
    const back = collectEvents(copy).events;
    const odd = events.filter((e) => e.type % 2 === 1);
    expect(back.map((e) => [e.tsText(), e.tid, e.type, Buffer.from(e.buf.subarray(e.off + 26, e.off + e.len)).toString('hex')])).toEqual(
      odd.map((e) => [e.tsText(), e.tid, e.type, Buffer.from(e.buf.subarray(e.off + 26, e.off + e.len)).toString('hex')]),
    );
  });
});

describe('writer rules for sysdig 0.29.3 (strict mode)', () => {
  const fails = (build: (w: ScapWriter) => void, re: RegExp): void => {
    let err: unknown;
    try {
      writeCaptureBuffer(build);
    } catch (e) {
      err = e;
    }
    expect(isFalcoReplayError(err)).toBe(true);
    expect((err as { diagnostic: { code: string; message: string } }).diagnostic.code).toBe('SCAP_WRITE');
    expect((err as Error).message).toMatch(re);
  };
  it('refuses captures sysdig cannot open', () => {
    fails((w) => void w.writeSectionHeader(), /at least one event/);
    fails((w) => void w.writeSectionHeader().writeEvent({ ts: 1n, tid: 1, type: 234, params: [0, 0] }).writeMachineInfo({}), /after events/);
    fails((w) => void w.writeSectionHeader().writeFds(5, [{ fd: 1, type: FD_TYPE.FILE, name: 'x' }]), /not in a preceding process list/);
    fails((w) => void w.writeSectionHeader().writeProcesses([{ tid: 5 }]).writeFds(5, [{ fd: 1, type: FD_TYPE.MEMFD, name: 'x' }]), /1–16 only/);
    fails((w) => void w.writeEvent({ ts: 1n, tid: 1, type: 234, params: [0, 0] }), /section header first/);
    fails((w) => void w.writeSectionHeader().writeEvent({ ts: 1n, tid: 1, type: 3, params: [2 ** 70] }), /exact integer|does not fit/);
    fails((w) => void w.writeSectionHeader().writeEvent({ ts: 1n, tid: 1, type: 7, params: [1, new Uint8Array(70000)] }), /u16 length/);
  });
});

describe('writing gzip', () => {
  it('writes gzip files that our reader reads back', async () => {
    const file = join(tmp, 'w.scap.gz');
    await writeCaptureFile(file, (w) => {
      w.writeSectionHeader();
      for (let i = 0; i < 1000; i++) w.writeEvent({ ts: BigInt(i), tid: 1, type: 234, params: [i, 2 * i] });
    }, { gzip: true });
    expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    let sum = 0;
    const s = await readCaptureFile(file, { event: (e) => void (sum += e.paramInt(1) ?? 0) });
    expect([s.gzip, s.events, sum]).toEqual([true, 1000, 999 * 1000]);
  });
});
