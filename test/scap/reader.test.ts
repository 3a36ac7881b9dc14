import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  BT,
  collectEvents,
  FD_TYPE,
  readCaptureBuffer,
  readCaptureFile,
  readCaptureStream,
  SYSDIG_0293_SCHEMA,
  type FdEntry,
  type InterfaceEntry,
  type ScapHandler,
  type ScapEvent,
  type SectionHeader,
  type ThreadEntry,
  type UserEntry,
  type GroupEntry,
} from '../helpers/scap.js';
import { Scenario } from '../helpers/scenario.js';
import { block, Bytes, cstr, eventV1, eventV2, evBlock, shb, u16le, u32le, u64le } from '../helpers/bytes.js';
import { sharedPath } from '../helpers/paths.js';

const TS = 1_700_000_000_000_000_000n;

/** A compact fingerprint of an event: header fields and every parameter's bytes. */
function fingerprint(e: ScapEvent): string {
  const params: string[] = [];
  for (let i = 0; i < e.nparams; i++) params.push(Buffer.from(e.paramBytes(i) ?? []).toString('hex'));
  return `${e.num}|${e.tsText()}|${e.cpu}|${e.tid}|${e.type}|${e.flags}|${params.join(',')}`;
}

interface ReadAllResult {
  summary?: ReturnType<typeof readCaptureBuffer>;
  chunks: Uint8Array[];
  handler: ScapHandler;
  events: string[];
  threads: ThreadEntry[];
  fds: FdEntry[];
  sections: SectionHeader[];
}

function readAll(data: Uint8Array, chunk?: number): ReadAllResult {
  const events: string[] = [];
  const threads: ThreadEntry[] = [];
  const fds: FdEntry[] = [];
  const sections: SectionHeader[] = [];
  const handler = { event: (e: ScapEvent) => void events.push(fingerprint(e)), thread: (t: ThreadEntry) => void threads.push(t), fd: (f: FdEntry) => void fds.push(f), section: (s: SectionHeader) => void sections.push(s) };
  const chunks: Uint8Array[] = [];
  if (chunk === undefined) return { summary: readCaptureBuffer(data, handler), chunks, handler, events, threads, fds, sections };
  for (let i = 0; i < data.length; i += chunk) chunks.push(data.subarray(i, i + chunk));
  return { chunks, handler, events, threads, fds, sections };
}

function smallCapture(): Buffer {
  const s = new Scenario();
  const p = s.process({ pid: 10, comm: 'bash', fds: [{ fd: 3, kind: 'tcp', local: '10.0.0.1:1000', remote: '10.0.0.2:80' }] });
  const fd = p.open('/etc/hosts');
  p.read(fd, 'x'.repeat(100));
  p.close(fd);
  s.pluginEvent(999, '{"hello":"world"}');
  return s.toBuffer();
}

describe('framing', () => {
  it('gives the same result whatever the chunk boundaries (split at every byte of a small capture)', async () => {
    const data = smallCapture();
    const whole = readAll(data);
    expect(whole.summary?.complete).toBe(true);
    expect(whole.events.length).toBeGreaterThan(5);
    const byteByByte = readAll(data, 1);
    await readCaptureStream(byteByByte.chunks, byteByByte.handler);
    expect(byteByByte.events).toEqual(whole.events);
    expect(byteByByte.threads).toEqual(whole.threads);
    expect(byteByByte.fds).toEqual(whole.fds);
    for (let cut = 1; cut < data.length; cut++) {
      const events: string[] = [];
      await readCaptureStream([data.subarray(0, cut), data.subarray(cut)], { event: (e) => void events.push(fingerprint(e)) });
      expect(events).toEqual(whole.events);
    }
  });

  it('reads a real capture identically in chunks of many sizes, plain and gzip', async () => {
    const gz = readFileSync(sharedPath('captures', 'single_ipv6_conn.scap'));
    const plain = gunzipSync(gz);
    const whole = readAll(plain);
    for (const size of [1, 3, 7, 64, 4093, 65537, 1 << 20]) {
      for (const data of [plain, gz]) {
        const r = readAll(data, size);
        const summary = await readCaptureStream(r.chunks, r.handler);
        expect(summary.complete).toBe(true);
        expect(r.events).toEqual(whole.events);
        expect(r.threads).toEqual(whole.threads);
      }
    }
  });

  it('reads multi-member gzip as one stream', async () => {
    const data = smallCapture();
    const cut = 100;
    const two = Buffer.concat([gzipSync(data.subarray(0, cut)), gzipSync(data.subarray(cut))]);
    const want = readAll(data).events;
    expect(readAll(two).events).toEqual(want);
    const events: string[] = [];
    await readCaptureStream([two], { event: (e) => void events.push(fingerprint(e)) });
    expect(events).toEqual(want);
  });

  it('reads files from disk, and reports a missing file as SCAP_IO', async () => {
    let n = 0;
    const s = await readCaptureFile(sharedPath('captures', 'cat_write.scap'), { event: () => void n++ }, { chunkSize: 4096 });
    expect(s.gzip).toBe(true);
    expect(n).toBe(345);
    const missing = await readCaptureFile('/nonexistent/x.scap', {});
    expect(missing.diagnostics.map((d) => d.code)).toEqual(['SCAP_IO']);
    expect(missing.complete).toBe(false);
  });

  it('accepts unpadded blocks and ignores bytes after the event in its block', () => {
    const ev = eventV2({ ts: TS, tid: 1, type: 234, params: [u64le(1), u64le(2)] });
    const unpadded = block(BT.EV_V2, Buffer.concat([u16le(0), ev, Buffer.from([1])]), { pad: false });
    const withOptions = evBlock(BT.EV_V2, 0, Buffer.concat([ev, Buffer.alloc(3), u16le(1), u16le(4), Buffer.from('note'), u32le(0)]));
    const { events, summary } = collectEvents(Buffer.concat([shb(), unpadded, withOptions]));
    expect(events.map((e) => e.paramInt(1))).toEqual([2, 2]);
    expect(summary.diagnostics.map((d) => d.code)).toEqual(['SCAP_EVENT_BLOCK_OPTIONS']);
  });
});

describe('sections and metadata', () => {
  it('parses SHB options (comments) and reports them as unreadable by sysdig 0.29.3', () => {
    const data = Buffer.concat([shb({ minor: 0, options: [{ code: 1, value: 'File-level comment' }] }), evBlock(BT.EV_V2, 0, eventV2({ ts: TS, tid: 1, type: 234, params: [u64le(0), u64le(0)] }))]);
    const sections: SectionHeader[] = [];
    const s = readCaptureBuffer(data, { section: (x) => void sections.push(x) });
    expect(sections[0]?.comments).toEqual(['File-level comment']);
    expect(sections[0]?.minor).toBe(0);
    expect(s.diagnostics.map((d) => [d.code, d.severity])).toEqual([['SCAP_SHB_OPTIONS', 'info']]);
  });

  it('reads the comments of curl_google_comments.scap, which sysdig cannot open', () => {
    const sections: SectionHeader[] = [];
    const s = readCaptureBuffer(readFileSync(sharedPath('captures', 'curl_google_comments.scap')), { section: (x) => void sections.push(x) });
    expect(s.events).toBe(1536);
    expect(sections[0]?.comments).toEqual(['File-level comment']);
    expect(s.diagnostics.filter((d) => d.code === 'SCAP_EVENT_BLOCK_OPTIONS')).toHaveLength(3);
  });

  it('resets per section in concatenated captures, delivering each section\'s metadata before its events', () => {
    const a = smallCapture();
    const order: string[] = [];
    const s = readCaptureBuffer(Buffer.concat([a, a]), {
      section: (h) => void order.push(`section ${h.section}`),
      thread: () => {
        if (order[order.length - 1] !== 'thread') order.push('thread');
      },
      event: (e) => {
        if (!order[order.length - 1]?.startsWith('events')) order.push(`events from ${e.num}`);
      },
    });
    const perSection = readAll(a).events.length;
    expect(s.sections).toBe(2);
    expect(order).toEqual(['section 0', 'thread', 'events from 1', 'section 1', 'thread', `events from ${perSection + 1}`]);
    expect(s.diagnostics).toEqual([]);
  });

  it('skips unknown blocks before events and warns about metadata after events', () => {
    const ev = evBlock(BT.EV_V2, 0, eventV2({ ts: TS, tid: 1, type: 234, params: [u64le(0), u64le(0)] }));
    const unknown = block(0x7777, Buffer.from('hello'));
    const mi = block(BT.MI, Buffer.alloc(180));
    const { events, summary } = collectEvents(Buffer.concat([shb(), unknown, ev, mi, ev]));
    expect(events).toHaveLength(2);
    expect(summary.diagnostics.map((d) => [d.code, d.location?.offset])).toEqual([
      ['SCAP_UNKNOWN_BLOCK', 28],
      ['SCAP_UNEXPECTED_BLOCK', 28 + 20 + ev.length],
    ]);
  });

  it('decodes machine info, interfaces v1 (all four kinds) and users v1', () => {
    const mi = new Bytes().u32(8).u64(16 * 2 ** 30).u64(4194304).bytes(Buffer.concat([Buffer.from('host-1'), Buffer.alloc(122)])).u64(1_690_000_000_000_000_000n).u64(0).u64(0).u64(0).build();
    const il = new Bytes()
      .u16(1).u16(2).bytes([10, 0, 0, 1]).bytes([255, 0, 0, 0]).bytes([10, 255, 255, 255]).u64(1000).str('e0')
      .u16(3).u16(2).bytes([127, 0, 0, 1]).bytes([255, 0, 0, 0]).bytes([127, 255, 255, 255]).str('lo')
      .u16(2).u16(2).bytes([0xfe, 0x80, ...new Array<number>(13).fill(0), 1]).bytes(new Array<number>(16).fill(0xff)).bytes(new Array<number>(16).fill(0)).u64(10).str('e6')
      .u16(4).u16(3).bytes([...new Array<number>(15).fill(0), 1]).bytes(new Array<number>(16).fill(0xff)).bytes(new Array<number>(16).fill(0)).str('lo6')
      .build();
    const ul = new Bytes().u8(0).u32(1000).u32(100).lstr('alice').lstr('/home/alice').lstr('/bin/zsh').u8(1).u32(100).lstr('users').build();
    const ev = evBlock(BT.EV_V2, 0, eventV2({ ts: TS, tid: 1, type: 234, params: [u64le(0), u64le(0)] }));
    const got: { mi?: unknown; ifs: InterfaceEntry[]; users: UserEntry[]; groups: GroupEntry[] } = { ifs: [], users: [], groups: [] };
    const s = readCaptureBuffer(Buffer.concat([shb(), block(BT.MI, mi), block(BT.IL_V1, il), block(BT.UL_V1, ul), ev]), {
      machineInfo: (m) => (got.mi = m),
      iface: (i) => void got.ifs.push(i),
      user: (u) => void got.users.push(u),
      group: (g) => void got.groups.push(g),
    });
    expect(s.diagnostics).toEqual([]);
    expect(got.mi).toEqual({ numCpus: 8, memoryBytes: 16 * 2 ** 30, maxPid: 4194304, hostname: 'host-1', bootTimeNs: 1_690_000_000_000_000_000n, flags: 0n });
    expect(got.ifs.map((i) => [i.type, i.name, i.addr, i.netmask, i.linkSpeed])).toEqual([
      [1, 'e0', '10.0.0.1', '255.0.0.0', 1000],
      [3, 'lo', '127.0.0.1', '255.0.0.0', 0],
      [2, 'e6', 'fe80::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 10],
      [4, 'lo6', '::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 0],
    ]);
    expect(got.users).toEqual([{ uid: 1000, gid: 100, name: 'alice', home: '/home/alice', shell: '/bin/zsh' }]);
    expect(got.groups).toEqual([{ gid: 100, name: 'users' }]);
  });

  it('reads the metadata of the shared captures (process, fd, user and interface counts)', () => {
    const counts = (f: string) => {
      const c = { threads: 0, fds: 0, users: 0, groups: 0, ifaces: 0 };
      readCaptureBuffer(readFileSync(sharedPath('captures', f)), { thread: () => void c.threads++, fd: () => void c.fds++, user: () => void c.users++, group: () => void c.groups++, iface: () => void c.ifaces++ });
      return c;
    };
    // Thread counts from docs/scap-format.md#the-reference-captures; the others pinned from this reader (cross-checked in sysdig-parity).
    expect(counts('cat_write.scap').threads).toBe(73);
    expect(counts('connect_localhost.scap').threads).toBe(184);
    expect(counts('empty.scap').threads).toBe(218);
    expect(counts('sample.scap')).toEqual({ threads: 94, fds: 515, users: 34, groups: 61, ifaces: 6 });
  });
});

/** Body of one process-list entry in the layout of version v (v9 also gets its length prefix and `tail`). */
function plEntry(v: number, tail: Uint8Array = new Uint8Array()): Buffer {
  const b = new Bytes().u64(42).u64(40).u64(1);
  if (v >= 6) b.u64(40);
  if (v >= 8) b.u64(40);
  b.lstr('worker').lstr('/usr/bin/worker');
  if (v >= 7) b.lstr('/usr/bin/worker');
  b.lstr('--fast\0-v\0').lstr('/srv').u64(1024).u32(0).u32(1000).u32(1000);
  if (v >= 2) b.u32(100).u32(50).u32(0).u64(3).u64(7);
  if (v >= 3) b.lstr('HOME=/root\0TERM=xterm\0');
  if (v >= 4) b.u64(42).u64(40).lstr('cpu=/docker/abc\0');
  if (v >= 5) b.lstr('/');
  b.bytes(tail);
  const body = b.build();
  return v === 9 ? Buffer.concat([u32le(body.length + 4), body]) : body;
}

describe('process lists v1–v9', () => {
  const plType = [0, BT.PL_V1, BT.PL_V2, BT.PL_V3, BT.PL_V4, BT.PL_V5, BT.PL_V6, BT.PL_V7, BT.PL_V8, BT.PL_V9];
  const ev = evBlock(BT.EV_V2, 0, eventV2({ ts: TS, tid: 42, type: 234, params: [u64le(0), u64le(0)] }));
  const parse = (bt: number, body: Buffer): ThreadEntry[] => {
    const out: ThreadEntry[] = [];
    const s = readCaptureBuffer(Buffer.concat([shb(), block(bt, Buffer.concat([body, body])), ev]), { thread: (t) => void out.push(t) });
    expect(s.diagnostics).toEqual([]);
    return out;
  };

  for (let v = 1; v <= 9; v++) {
    it(`reads version ${v}`, () => {
      const [t, t2] = parse(plType[v] as number, plEntry(v));
      expect(t2).toEqual(t);
      expect(t).toMatchObject({ version: v, tid: 42, pid: 40, ptid: 1, comm: 'worker', exe: '/usr/bin/worker', args: ['--fast', '-v'], cwd: '/srv', uid: 1000, gid: 1000 });
      expect(t?.exepath).toBe(v >= 7 ? '/usr/bin/worker' : '');
      expect(t?.sid).toBe(v >= 6 ? 40 : -1);
      expect(t?.vpgid).toBe(v >= 8 ? 40 : -1);
      expect(t?.vmrssKb).toBe(v >= 2 ? 50 : 0);
      expect(t?.env).toEqual(v >= 3 ? ['HOME=/root', 'TERM=xterm'] : []);
      expect(t?.cgroups).toEqual(v >= 4 ? ['cpu=/docker/abc'] : []);
      expect(t?.root).toBe(v >= 5 ? '/' : '');
    });
  }

  it('reads the legacy _INT block ids', () => {
    expect(parse(0x8000abcd, plEntry(1))[0]?.version).toBe(1);
    expect(parse(0x8014abcd, plEntry(3))[0]?.version).toBe(3);
  });

  it('tells the two v9 tail layouts apart by the bytes left after root (docs/scap-format.md#process-list-tail)', () => {
    const old = new Bytes().u32(1001).u8(1).u64(1).u64(2).u64(3).build(); // 29 bytes: pre-0.10 layout
    const [a] = parse(BT.PL_V9, plEntry(9, old));
    expect(a).toMatchObject({ loginuid: 1001, exeWritable: true, capInheritable: 1n, capPermitted: 2n, capEffective: 3n, tty: 0, pidnsInitStartTs: 0n });
    const cur = new Bytes().u64(1_690_556_576_768_000_000n).u32(34816).u32(1002).u8(0).u64(4).u64(5).u64(6).u8(1).u64(777).u64(8).u64(9).u8(0).u8(1).u64(40).build();
    const [b] = parse(BT.PL_V9, plEntry(9, cur));
    expect(b).toMatchObject({ pidnsInitStartTs: 1_690_556_576_768_000_000n, tty: 34816, loginuid: 1002, capEffective: 6n, exeUpperLayer: true, exeIno: 777, exeLowerLayer: true, pgid: 40 });
    const loginOnly = new Bytes().u32(1003).build();
    expect(parse(BT.PL_V9, plEntry(9, loginOnly))[0]?.loginuid).toBe(1003);
  });

  it('reads sample.scap with the new layout and empty.scap with the loginuid-only tail', () => {
    const first = (f: string): ThreadEntry | undefined => {
      let t: ThreadEntry | undefined;
      readCaptureBuffer(readFileSync(sharedPath('captures', f)), { thread: (x) => void (t ??= x) });
      return t;
    };
    // sysdig 0.29.3 misreads pidns_init_start_ts as loginuid here (-420151296); we read the real field.
    expect(first('sample.scap')?.pidnsInitStartTs).toBe(1_690_556_576_768_000_000n);
    expect(first('sample.scap')?.loginuid).not.toBe(1_690_556_576_768_000_000 % 2 ** 32);
    expect(first('empty.scap')?.pidnsInitStartTs).toBe(0n);
  });

  it('rejects over-long strings with the libscap limits', () => {
    const big = new Bytes().u64(1).u64(1).u64(0).u16(1025).bytes(Buffer.alloc(1025, 0x61)).build();
    const s = readCaptureBuffer(Buffer.concat([shb(), block(BT.PL_V1, big), ev]), {});
    expect(s.diagnostics.map((d) => [d.code, d.location?.offset])).toEqual([['SCAP_BAD_PROCLIST', 28 + 8 + 24]]);
    expect(s.events).toBe(1);
  });
});

describe('fd lists', () => {
  it('decodes every fd type of a v2 list and maps unknown types to UNSUPPORTED', () => {
    const entry = (fd: number, type: number, payload: Buffer): Buffer => {
      const body = Buffer.concat([u64le(fd), u64le(fd + 100), Buffer.from([type]), payload]);
      return Buffer.concat([u32le(body.length + 4), body]);
    };
    const name = (s: string): Buffer => Buffer.concat([u16le(Buffer.byteLength(s)), Buffer.from(s)]);
    const body = Buffer.concat([
      u64le(7),
      entry(3, FD_TYPE.IPV4_SOCK, Buffer.concat([Buffer.from([10, 0, 0, 1, 10, 0, 0, 2]), u16le(4000), u16le(80), Buffer.from([2])])),
      entry(4, FD_TYPE.IPV6_SERVSOCK, Buffer.concat([Buffer.from([...new Array<number>(15).fill(0), 1]), u16le(22), Buffer.from([2])])),
      entry(5, FD_TYPE.UNIX_SOCK, Buffer.concat([u64le(0xffff8800aabbccddn), u64le(0), name('/run/x.sock')])),
      entry(6, FD_TYPE.FILE_V2, Buffer.concat([u32le(1), name('/etc/passwd'), u32le(0x803)])),
      entry(7, FD_TYPE.FILE, name('/tmp/a')),
      entry(8, 99, Buffer.from('future')),
    ]);
    const pl = new Bytes().u64(7).u64(7).u64(1).lstr('a').lstr('a').lstr('').lstr('/').u64(0).u32(0).u32(0).u32(0).build();
    const fds: FdEntry[] = [];
    const ev = evBlock(BT.EV_V2, 0, eventV2({ ts: TS, tid: 7, type: 234, params: [u64le(0), u64le(0)] }));
    const s = readCaptureBuffer(Buffer.concat([shb(), block(BT.PL_V1, pl), block(BT.FDL_V2, body), ev]), { fd: (f) => void fds.push(f) });
    expect(s.diagnostics).toEqual([]);
    expect(fds.map((f) => ({ ...f, ino: undefined }))).toEqual([
      { tid: 7, fd: 3, ino: undefined, type: 3, name: '', sip: '10.0.0.1', dip: '10.0.0.2', sport: 4000, dport: 80, l4proto: 2 },
      { tid: 7, fd: 4, ino: undefined, type: 6, name: '', sip: '::1', sport: 22, l4proto: 2 },
      { tid: 7, fd: 5, ino: undefined, type: 8, name: '/run/x.sock', source: 'ffff8800aabbccdd', destination: '0' },
      { tid: 7, fd: 6, ino: undefined, type: 16, name: '/etc/passwd', openFlags: 1, dev: 0x803 },
      { tid: 7, fd: 7, ino: undefined, type: 1, name: '/tmp/a' },
      { tid: 7, fd: 8, ino: undefined, type: FD_TYPE.UNSUPPORTED, name: 'unknown-type:[99]' },
    ]);
  });

  it('warns when an fd list names a thread missing from the process list', () => {
    const ev = evBlock(BT.EV_V2, 0, eventV2({ ts: TS, tid: 7, type: 234, params: [u64le(0), u64le(0)] }));
    const s = readCaptureBuffer(Buffer.concat([shb(), block(BT.FDL_V2, u64le(99)), ev]), {});
    expect(s.diagnostics.map((d) => d.code)).toEqual(['SCAP_FD_UNKNOWN_TID']);
  });
});

describe('events', () => {
  const wrap = (...blocks: Buffer[]): Buffer => Buffer.concat([shb(), ...blocks]);

  it('recovers nparams of v1 events from their lengths (docs/scap-format.md#v1-events)', () => {
    // open exit (code 3) with 4 of its 6 table parameters; notification (280) with the +3 length quirk.
    const open = eventV1({ ts: TS, tid: 5, type: 3, params: [u64le(3), cstr('/etc/hosts'), u32le(1), u32le(0)] });
    const notif = eventV1({ ts: TS + 1n, tid: 5, type: 280, params: [cstr('id'), cstr('desc')] });
    notif.writeUInt32LE(notif.readUInt32LE(16) + 3, 16);
    const { events, summary } = collectEvents(wrap(evBlock(BT.EV_V1, 1, open), evBlock(BT.EV_V1, 0, Buffer.concat([notif, Buffer.alloc(3)]))));
    expect(summary.diagnostics).toEqual([]);
    expect(events.map((e) => [e.type, e.nparams, e.cpu])).toEqual([
      [3, 4, 1],
      [280, 2, 0],
    ]);
    expect(events[0]?.paramString(1)).toBe('/etc/hosts');
  });

  it('skips a v1 event whose parameter count cannot be recovered and goes on', () => {
    const bad = eventV1({ ts: TS, tid: 5, type: 234, params: [u64le(-1n)], len: 22 + 2 + 8 + 5 });
    const good = eventV1({ ts: TS, tid: 5, type: 234, params: [u64le(1), u64le(2)] });
    const { events, summary } = collectEvents(wrap(evBlock(BT.EV_V1, 0, Buffer.concat([bad, Buffer.alloc(5)])), evBlock(BT.EV_V1, 0, good)));
    expect(events.map((e) => [e.num, e.type])).toEqual([[1, 234]]);
    expect(summary.diagnostics.map((d) => d.code)).toEqual(['SCAP_BAD_NPARAMS']);
  });

  it('uses u32 parameter lengths for EF_LARGE_PAYLOAD types in any block type, with large payloads', () => {
    const payload = Buffer.alloc(70_000, 0x41);
    const plugin = eventV2({ ts: TS, tid: -1, type: 322, params: [u32le(999), payload], lenSize: 4 });
    const small = eventV2({ ts: TS, tid: -1, type: 322, params: [u32le(1), Buffer.from('{}')], lenSize: 4 });
    const asyncEv = eventV2({ ts: TS, tid: -1, type: 402, params: [u32le(0), cstr('container'), Buffer.from('{"id":1}')], lenSize: 4 });
    const { events, summary } = collectEvents(wrap(evBlock(BT.EV_V2_LARGE, 0, plugin), evBlock(BT.EV_V2, 0, small), evBlock(BT.EVF_V2_LARGE, 0, asyncEv, 0)));
    expect(summary.diagnostics).toEqual([]);
    expect(events.map((e) => [e.type, e.pluginId, e.pluginPayload()?.length, e.tid])).toEqual([
      [322, 999, 70_000, -1],
      [322, 1, 2, -1],
      [402, 0, 8, -1],
    ]);
    expect(events[2]?.asyncName()).toBe('container');
  });

  it('reads EVF dump flags', () => {
    const e = eventV2({ ts: TS, tid: 1, type: 234, params: [u64le(0), u64le(0)] });
    const { events } = collectEvents(wrap(evBlock(BT.EVF_V2, 0, e, 1), evBlock(BT.EVF_V1, 0, eventV1({ ts: TS, tid: 1, type: 234, params: [u64le(0), u64le(0)] }), 2)));
    expect(events.map((x) => x.flags)).toEqual([1, 2]);
  });

  it('skips events unknown to the table without numbering them (as libscap does)', () => {
    const known = evBlock(BT.EV_V2, 0, eventV2({ ts: TS, tid: 1, type: 234, params: [u64le(0), u64le(0)] }));
    const future = evBlock(BT.EV_V2, 0, eventV2({ ts: TS, tid: 1, type: 9000, params: [] }));
    const useradded = evBlock(BT.EV_V2, 0, eventV2({ ts: TS, tid: -1, type: 354, params: [u32le(0), u32le(0), cstr('root'), cstr('/root'), cstr('/bin/sh'), cstr('')] }));
    const data = wrap(known, future, useradded, known);
    const cur = collectEvents(data);
    expect(cur.events.map((e) => [e.num, e.type])).toEqual([
      [1, 234],
      [2, 354],
      [3, 234],
    ]);
    expect(cur.summary.unknownEvents).toBe(1);
    const old = collectEvents(data, { schema: SYSDIG_0293_SCHEMA });
    expect(old.events.map((e) => [e.num, e.type])).toEqual([
      [1, 234],
      [2, 234],
    ]);
    expect(old.summary.diagnostics.map((d) => d.code)).toEqual(['SCAP_UNKNOWN_EVENT']);
  });

  it('rejects events that do not fit their length and keeps reading', () => {
    const good = eventV2({ ts: TS, tid: 1, type: 234, params: [u64le(5), u64le(6)] });
    const overflow = eventV2({ ts: TS, tid: 1, type: 234, params: [u64le(5), u64le(6)] });
    overflow.writeUInt16LE(60, 26); // first length runs past the event
    const tooManyParams = eventV2({ ts: TS, tid: 1, type: 234, params: [], nparams: 1000 });
    const lenTooBig = eventV2({ ts: TS, tid: 1, type: 234, params: [u64le(5), u64le(6)], len: 500 });
    const { events, summary } = collectEvents(wrap(...[overflow, tooManyParams, lenTooBig, good].map((e) => evBlock(BT.EV_V2, 0, e))));
    expect(events.map((e) => [e.num, e.paramInt(0)])).toEqual([[1, 5]]);
    expect(summary.badEvents).toBe(3);
    expect(summary.diagnostics.map((d) => d.code)).toEqual(['SCAP_BAD_EVENT', 'SCAP_BAD_EVENT', 'SCAP_BAD_EVENT']);
  });

  it('exposes exact timestamps beyond 2^53 without BigInt on the hot path', () => {
    const ts = 0xfedcba9876543210n;
    const { events } = collectEvents(wrap(evBlock(BT.EV_V2, 0, eventV2({ ts, tid: 1, type: 234, params: [u64le(0), u64le(0)] }))));
    const e = events[0] as ScapEvent;
    expect(e.ts).toBe(ts);
    expect(e.tsText()).toBe(ts.toString());
    expect(e.tsParts()).toEqual({ sec: Number(ts / 1_000_000_000n), nsec: Number(ts % 1_000_000_000n) });
    expect([e.tsHi, e.tsLo]).toEqual([0xfedcba98, 0x76543210]);
  });
});
